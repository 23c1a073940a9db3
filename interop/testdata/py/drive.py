"""Drive ewsmock with exchangelib.

Reads EWS_URL, EWS_USER, EWS_PASSWORD, EWS_MAILBOX and EWS_OTHER (a second
mailbox on the server) from the environment; prints one line per operation:

    OP <name> OK <detail>
    OP <name> FAIL <error>

and exits 0 (the Go test decides what is enough).
"""
import os
import sys
import traceback
import logging

from exchangelib import (
    Account, BASIC, Build, Configuration, Credentials, DELEGATE, Folder, Mailbox,
    Message, Version, CalendarItem, EWSDateTime, EWSTimeZone,
)
from exchangelib.folders import Inbox
from exchangelib.items import HARD_DELETE

if os.environ.get("EWS_DEBUG"):
    logging.basicConfig(level=logging.DEBUG)

URL = os.environ["EWS_URL"]
USER = os.environ["EWS_USER"]
PASSWORD = os.environ["EWS_PASSWORD"]
MAILBOX = os.environ["EWS_MAILBOX"]
OTHER = os.environ.get("EWS_OTHER", "bob@example.com")

results = []


def op(name, detail_fn):
    try:
        detail = detail_fn()
        print(f"OP {name} OK {detail}", flush=True)
        results.append((name, True))
        return True
    except Exception as e:  # noqa: BLE001
        msg = f"{type(e).__name__}: {e}".replace("\n", " ")[:400]
        print(f"OP {name} FAIL {msg}", flush=True)
        if os.environ.get("EWS_DEBUG"):
            traceback.print_exc()
        results.append((name, False))
        return False


config = Configuration(
    service_endpoint=URL,
    credentials=Credentials(USER, PASSWORD),
    auth_type=BASIC,
    version=Version(build=Build(15, 1, 2507, 6)),
)
account = Account(primary_smtp_address=MAILBOX, config=config, autodiscover=False, access_type=DELEGATE)
state = {}


def get_folder():
    inbox = account.inbox
    inbox.refresh()
    return f"inbox={inbox.name!r} total={inbox.total_count} unread={inbox.unread_count}"


def find_folder():
    names = sorted(f.name for f in account.msg_folder_root.children)
    if "Inbox" not in names:
        raise AssertionError(f"no Inbox among {names}")
    return f"{len(names)} folders under msgfolderroot"


def create_folder():
    f = Folder(parent=account.inbox, name="exchangelib interop")
    f.save()
    state["folder"] = f
    if not f.id:
        raise AssertionError("no folder id")
    return f"id={f.id[:16]}..."


def create_items():
    f = state["folder"]
    made = []
    for i in range(5):
        m = Message(account=account, folder=f, subject=f"interop message {i}",
                    body=f"body number {i}", to_recipients=[Mailbox(email_address=OTHER)])
        m.save()
        made.append(m)
    state["items"] = made
    return f"{len(made)} items, ids {made[0].id[:12]}..."


def get_item():
    ids = [(m.id, m.changekey) for m in state["items"]]
    got = list(account.fetch(ids=ids))
    subjects = [g.subject for g in got]
    if subjects != [f"interop message {i}" for i in range(5)]:
        raise AssertionError(f"subjects {subjects}")
    if str(got[2].body) != "body number 2":
        raise AssertionError(f"body {got[2].body!r}")
    return "5 items fetched in order"


def find_item_filter():
    f = state["folder"]
    hits = list(f.filter(subject__contains="message 3"))
    if len(hits) != 1 or hits[0].subject != "interop message 3":
        raise AssertionError(f"hits {[h.subject for h in hits]}")
    n = f.filter(subject__startswith="interop").count()
    if n != 5:
        raise AssertionError(f"count {n}")
    return "contains + startswith + count"


def find_item_order_paging():
    f = state["folder"]
    page = [m.subject for m in f.all().order_by("subject")[1:3]]
    if page != ["interop message 1", "interop message 2"]:
        raise AssertionError(f"page {page}")
    desc = [m.subject for m in f.all().order_by("-subject").only("subject")[:2]]
    if desc != ["interop message 4", "interop message 3"]:
        raise AssertionError(f"desc {desc}")
    return f"page={page} desc={desc}"


def update_item():
    m = state["items"][0]
    old = m.changekey
    m.subject = "interop message 0 (updated)"
    m.save(update_fields=["subject"])
    m2 = account.inbox.get(id=m.id) if False else list(account.fetch(ids=[(m.id, None)]))[0]
    if m2.subject != "interop message 0 (updated)":
        raise AssertionError(f"subject {m2.subject!r}")
    if m2.changekey == old:
        raise AssertionError("change key did not change")
    return "subject updated, change key changed"


def move_item():
    m = state["items"][1]
    m.move(account.drafts)
    found = list(account.drafts.filter(subject="interop message 1"))
    if len(found) != 1:
        raise AssertionError(f"found {len(found)} in drafts")
    return "moved to drafts"


def copy_item():
    m = state["items"][2]
    new_id = m.copy(to_folder=account.drafts)
    n = account.drafts.filter(subject="interop message 2").count()
    if n != 1:
        raise AssertionError(f"copy count {n}")
    return f"copied ({new_id})"[:80]


def delete_item():
    m = state["items"][3]
    m.delete()
    n = state["folder"].filter(subject="interop message 3").count()
    if n != 0:
        raise AssertionError("still there")
    m4 = state["items"][4]
    m4.soft_delete()
    m4b = state["items"][0]
    m4b.move_to_trash()
    n = account.trash.filter(subject__startswith="interop message 0").count()
    if n != 1:
        raise AssertionError(f"trash count {n}")
    return "hard delete, soft delete, move to trash"


def send_item():
    m = Message(account=account, folder=account.drafts, subject="draft to send",
                body="hello", to_recipients=[Mailbox(email_address=OTHER)])
    m.save()
    m.send()
    n = account.sent.filter(subject="draft to send").count()
    if n != 1:
        raise AssertionError(f"sent count {n}")
    return "draft saved then sent (SendItem)"


def send_and_save():
    m = Message(account=account, subject="sent directly", body="hi",
                to_recipients=[Mailbox(email_address=OTHER)])
    m.send_and_save()
    n = account.sent.filter(subject="sent directly").count()
    if n != 1:
        raise AssertionError(f"sent count {n}")
    return "CreateItem SendAndSaveCopy"


def resolve_names():
    res = account.protocol.resolve_names(names=[OTHER.split("@")[0]])
    addrs = [r.email_address for r in res if hasattr(r, "email_address")]
    if OTHER not in addrs:
        raise AssertionError(f"resolved {res}")
    return f"resolved {addrs}"


def server_time_zones():
    zones = list(account.protocol.get_timezones(return_full_timezone_data=True))
    ids = [z.id if hasattr(z, "id") else z[0] for z in zones]
    if "W. Europe Standard Time" not in ids:
        raise AssertionError(f"zones {ids}")
    return f"{len(ids)} zones"


def sync_items():
    f = state["folder"]
    changes = list(f.sync_items())
    kinds = {}
    for ch in changes:
        kinds[ch[0]] = kinds.get(ch[0], 0) + 1
    if not kinds:
        raise AssertionError("no changes")
    state0 = f.item_sync_state
    m = Message(account=account, folder=f, subject="after sync", body="x")
    m.save()
    again = list(f.sync_items())
    if len(again) != 1:
        raise AssertionError(f"second sync {again}")
    return f"first sync {kinds}, second sync 1 change"


def calendar_item():
    tz = EWSTimeZone("UTC")
    start = EWSDateTime(2030, 1, 2, 10, 0, tzinfo=tz)
    ci = CalendarItem(account=account, folder=account.calendar, subject="interop meeting",
                      start=start, end=start + __import__("datetime").timedelta(hours=1))
    ci.save()
    got = list(account.calendar.filter(subject="interop meeting"))
    if len(got) != 1:
        raise AssertionError(f"found {len(got)}")
    return "calendar item created and found"


def delete_folder():
    f = state["folder"]
    f.delete()
    names = [c.name for c in account.inbox.children]
    if "exchangelib interop" in names:
        raise AssertionError("folder still there")
    return "folder deleted"


for name, fn in [
    ("GetFolder", get_folder),
    ("FindFolder", find_folder),
    ("CreateFolder", create_folder),
    ("CreateItem", create_items),
    ("GetItem", get_item),
    ("FindItem.filter", find_item_filter),
    ("FindItem.order+paging", find_item_order_paging),
    ("UpdateItem", update_item),
    ("MoveItem", move_item),
    ("CopyItem", copy_item),
    ("DeleteItem", delete_item),
    ("SendItem", send_item),
    ("CreateItem.SendAndSaveCopy", send_and_save),
    ("ResolveNames", resolve_names),
    ("GetServerTimeZones", server_time_zones),
    ("SyncFolderItems", sync_items),
    ("CreateItem.CalendarItem", calendar_item),
    ("DeleteFolder", delete_folder),
]:
    op(name, fn)

ok = sum(1 for _, good in results if good)
print(f"SUMMARY {ok} ok, {len(results) - ok} failed", flush=True)
