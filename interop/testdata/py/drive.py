"""Drive ewsmock with exchangelib.

Reads EWS_URL, EWS_USER, EWS_PASSWORD, EWS_MAILBOX, EWS_OTHER (a second
mailbox on the server), EWS_OTHER_USER and EWS_OTHER_PASSWORD (its login)
from the environment. The server version is not pinned: exchangelib
guesses it from the ServerVersionInfo the server sends. Prints one line per
EWS operation exercised:

    OP <Operation>[.<variant>] OK <detail>
    OP <Operation>[.<variant>] FAIL <error>

and "CHECK <name> OK|FAIL" for checks that are not one operation, then
"SUMMARY <n> operations OK, <m> failed". Exits 0: the Go test decides.

exchangelib 4.9 has no API for Inbox rules, conversations, delegate
changes, retention tags or the password expiration date; those are sent
through exchangelib's own service machinery (EWSAccountService), as an
application would extend it.
"""
import datetime
import logging
import os
import traceback

from lxml import etree

from exchangelib import (
    Account, BASIC, Configuration, Credentials, DELEGATE, Folder, Mailbox,
    Message, CalendarItem, EWSDateTime, EWSTimeZone, FileAttachment,
    Attendee, OofSettings,
)
from exchangelib.properties import DLMailbox, RoomList, AlternateId
from exchangelib.recurrence import Recurrence, WeeklyPattern
from exchangelib.services.common import EWSAccountService
from exchangelib.util import MNS, TNS
from exchangelib.items import SEND_TO_ALL_AND_SAVE_COPY

if os.environ.get("EWS_DEBUG"):
    logging.basicConfig(level=logging.DEBUG)

URL = os.environ["EWS_URL"]
USER = os.environ["EWS_USER"]
PASSWORD = os.environ["EWS_PASSWORD"]
MAILBOX = os.environ["EWS_MAILBOX"]
OTHER = os.environ.get("EWS_OTHER", "bob@example.com")
OTHER_USER = os.environ.get("EWS_OTHER_USER", "bob")
OTHER_PASSWORD = os.environ.get("EWS_OTHER_PASSWORD", "")

ops = []  # (name, ok)


def report(kind, name, fn):
    try:
        detail = fn()
        print(f"{kind} {name} OK {detail or ''}", flush=True)
        ok = True
    except Exception as e:  # noqa: BLE001
        msg = f"{type(e).__name__}: {e}".replace("\n", " ")[:400]
        print(f"{kind} {name} FAIL {msg}", flush=True)
        if os.environ.get("EWS_DEBUG"):
            traceback.print_exc()
        ok = False
    if kind == "OP":
        ops.append((name, ok))
    return ok


def op(name, fn):
    return report("OP", name, fn)


def check(name, fn):
    return report("CHECK", name, fn)


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


def config(user, password):
    # No version: exchangelib guesses it from the server's answers.
    return Configuration(service_endpoint=URL, credentials=Credentials(user, password), auth_type=BASIC)


state = {}


def make_account():
    a = Account(primary_smtp_address=MAILBOX, config=config(USER, PASSWORD), autodiscover=False, access_type=DELEGATE)
    state["account"] = a
    v = a.version
    expect(v.build is not None and v.build.major_version == 15, f"version {v}")
    return f"guessed {v.api_version}, build {v.build}"


if not check("Account(no version pinned)", make_account):
    print("SUMMARY 0 operations OK, 1 failed", flush=True)
    raise SystemExit(0)
account = state["account"]
UTC = EWSTimeZone("UTC")


# --- Generic services for the operations exchangelib 4.9 does not wrap ----

def raw_service(name, msg_tag=None):
    """A service class for operation name whose response elements are the
    children of each response message (msg_tag, default <name>ResponseMessage,
    or the response itself when it has no ResponseMessages)."""
    attrs = {"SERVICE_NAME": name, "element_container_name": None}
    if msg_tag:
        attrs["_response_message_tag"] = classmethod(lambda cls: f"{{{MNS}}}{msg_tag}")
    return type(name, (RawService,), attrs)


class RawService(EWSAccountService):
    def call(self, body):
        payload = etree.fromstring(f'<m:{self.SERVICE_NAME} xmlns:m="{MNS}" xmlns:t="{TNS}">{body}</m:{self.SERVICE_NAME}>')
        return list(self._get_elements(payload=payload))

    def _elem_to_obj(self, elem):
        return elem


def call(name, body, msg_tag=None):
    return raw_service(name, msg_tag)(account=account).call(body)


def texts(els, tag):
    return [x.text for e in els for x in e.iter(f"{{{TNS}}}{tag}")]


def local(e):
    return etree.QName(e).localname


# --- Folders ---------------------------------------------------------------

def get_folder():
    inbox = account.inbox
    inbox.refresh()
    return f"inbox={inbox.name!r} total={inbox.total_count} unread={inbox.unread_count}"


def find_folder():
    names = sorted(f.name for f in account.msg_folder_root.children)
    expect("Inbox" in names, f"no Inbox among {names}")
    return f"{len(names)} folders under msgfolderroot"


def create_folder():
    f = Folder(parent=account.inbox, name="exchangelib interop")
    f.save()
    state["folder"] = f
    g = Folder(parent=account.inbox, name="exchangelib scratch")
    g.save()
    state["scratch"] = g
    expect(f.id and g.id, "no folder id")
    return f"id={f.id[:16]}..."


def update_folder():
    g = state["scratch"]
    g.name = "exchangelib scratch renamed"
    g.save(update_fields=["name"])
    names = [c.name for c in account.inbox.children]
    expect("exchangelib scratch renamed" in names, f"names {names}")
    return "renamed"


def move_folder():
    g = state["scratch"]
    g.move(to_folder=account.drafts)
    names = [c.name for c in account.drafts.children]
    expect("exchangelib scratch renamed" in names, f"drafts children {names}")
    return "moved under Drafts"


def sync_hierarchy():
    changes = list(account.inbox.sync_hierarchy())
    expect(len(changes) >= 1, "no changes")
    return f"{len(changes)} changes"


# --- Items -----------------------------------------------------------------

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
    expect(subjects == [f"interop message {i}" for i in range(5)], f"subjects {subjects}")
    expect(str(got[2].body) == "body number 2", f"body {got[2].body!r}")
    return "5 items fetched in order"


def find_item_filter():
    f = state["folder"]
    hits = list(f.filter(subject__contains="message 3"))
    expect(len(hits) == 1 and hits[0].subject == "interop message 3", f"hits {[h.subject for h in hits]}")
    n = f.filter(subject__startswith="interop").count()
    expect(n == 5, f"count {n}")
    return "contains + startswith + count"


def find_item_order_paging():
    f = state["folder"]
    page = [m.subject for m in f.all().order_by("subject")[1:3]]
    expect(page == ["interop message 1", "interop message 2"], f"page {page}")
    desc = [m.subject for m in f.all().order_by("-subject").only("subject")[:2]]
    expect(desc == ["interop message 4", "interop message 3"], f"desc {desc}")
    return f"page={page} desc={desc}"


def update_item():
    m = state["items"][0]
    old = m.changekey
    m.subject = "interop message 0 (updated)"
    m.save(update_fields=["subject"])
    m2 = list(account.fetch(ids=[(m.id, None)]))[0]
    expect(m2.subject == "interop message 0 (updated)", f"subject {m2.subject!r}")
    expect(m2.changekey != old, "change key did not change")
    return "subject updated, change key changed"


def move_item():
    m = state["items"][1]
    m.move(account.drafts)
    found = list(account.drafts.filter(subject="interop message 1"))
    expect(len(found) == 1, f"found {len(found)} in drafts")
    return "moved to drafts"


def copy_item():
    m = state["items"][2]
    m.copy(to_folder=account.drafts)
    n = account.drafts.filter(subject="interop message 2").count()
    expect(n == 1, f"copy count {n}")
    return "copied to drafts"


def delete_item():
    m = state["items"][3]
    m.delete()
    n = state["folder"].filter(subject="interop message 3").count()
    expect(n == 0, "still there")
    state["items"][4].soft_delete()
    state["items"][0].move_to_trash()
    n = account.trash.filter(subject__startswith="interop message 0").count()
    expect(n == 1, f"trash count {n}")
    return "hard delete, soft delete, move to trash"


def send_item():
    m = Message(account=account, folder=account.drafts, subject="draft to send",
                body="hello", to_recipients=[Mailbox(email_address=OTHER)])
    m.save()
    m.send()
    n = account.sent.filter(subject="draft to send").count()
    expect(n == 1, f"sent count {n}")
    return "draft saved then sent"


def send_and_save():
    m = Message(account=account, subject="sent directly", body="hi", to_recipients=[Mailbox(email_address=OTHER)])
    m.send_and_save()
    n = account.sent.filter(subject="sent directly").count()
    expect(n == 1, f"sent count {n}")
    return "CreateItem SendAndSaveCopy"


def mark_as_junk():
    m = Message(account=account, folder=account.inbox, subject="cheap pills", body="buy")
    m.save()
    m.mark_as_junk(is_junk=True, move_item=True)
    n = account.junk.filter(subject="cheap pills").count()
    expect(n == 1, f"junk count {n}")
    return "moved to Junk Email"


# --- Attachments and MIME ----------------------------------------------------

def create_attachment():
    m = Message(account=account, folder=state["folder"], subject="with attachment", body="see file")
    m.save()
    att = FileAttachment(name="hello.txt", content=b"hello, attachment")
    m.attach(att)
    state["att_item"], state["att"] = m, att
    expect(att.attachment_id is not None, "no attachment id")
    return f"attached {att.name}"


def get_attachment():
    m = list(account.fetch(ids=[(state["att_item"].id, None)]))[0]
    expect(len(m.attachments) == 1, f"{len(m.attachments)} attachments")
    content = m.attachments[0].content
    expect(content == b"hello, attachment", f"content {content!r}")
    return f"{len(content)} bytes back"


def delete_attachment():
    m = state["att_item"]
    m.detach(state["att"])
    m2 = list(account.fetch(ids=[(m.id, None)]))[0]
    expect(not m2.attachments, f"attachments left {m2.attachments}")
    return "detached"


def export_items():
    m = Message(account=account, folder=state["folder"], subject="to export", body="exported body")
    m.save()
    data = account.export([m])
    expect(len(data) == 1 and data[0], "no export data")
    state["export"] = data[0]
    return f"{len(data[0])} chars"


def upload_items():
    ids = account.upload([(account.drafts, state["export"])])
    expect(len(ids) == 1, f"ids {ids}")
    n = account.drafts.filter(subject="to export").count()
    expect(n == 1, f"uploaded count {n}")
    return "re-created in Drafts"


def mime_content():
    mime = (b"From: bob@example.com\r\nTo: alice@example.com\r\nSubject: from MIME\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMIME body\r\n")
    m = Message(account=account, folder=state["folder"], mime_content=mime)
    m.save()
    found = list(state["folder"].filter(subject="from MIME").only("id", "changekey"))
    expect(len(found) == 1, f"found {len(found)}")
    got = list(account.fetch(ids=[(found[0].id, None)]))[0]
    expect("MIME body" in str(got.body) and got.author.email_address == "bob@example.com", f"body {got.body!r} from {got.author}")
    return "message made from MimeContent (ExportItems covers MIME out)"


# --- Directory ----------------------------------------------------------------

def resolve_names():
    res = account.protocol.resolve_names(names=[OTHER.split("@")[0]])
    addrs = [r.email_address for r in res if hasattr(r, "email_address")]
    expect(OTHER in addrs, f"resolved {res}")
    return f"resolved {addrs}"


def expand_dl():
    members = list(account.protocol.expand_dl(DLMailbox(email_address="team@example.com", mailbox_type="PublicDL")))
    addrs = sorted(m.email_address for m in members)
    expect(MAILBOX in addrs and OTHER in addrs, f"members {addrs}")
    return f"{len(addrs)} members"


def get_room_lists():
    lists = list(account.protocol.get_roomlists())
    expect([r.email_address for r in lists] == ["building1@example.com"], f"lists {lists}")
    state["roomlist"] = lists[0]
    return "1 room list"


def get_rooms():
    rooms = list(account.protocol.get_rooms(state["roomlist"].email_address))
    addrs = [r.email_address for r in rooms]
    expect(addrs == ["room1@example.com", "room2@example.com"], f"rooms {addrs}")
    return f"{len(addrs)} rooms"


def server_time_zones():
    zones = list(account.protocol.get_timezones(return_full_timezone_data=True))
    ids = [z.id if hasattr(z, "id") else z[0] for z in zones]
    expect("W. Europe Standard Time" in ids, f"zones {ids}")
    return f"{len(ids)} zones"


def convert_id():
    m = state["items"][2]
    res = list(account.protocol.convert_ids([AlternateId(id=m.id, format="EwsId", mailbox=MAILBOX)], destination_format="EntryId"))
    expect(len(res) == 1 and getattr(res[0], "id", None), f"result {res}")
    return "EwsId to EntryId"


# --- Calendar -----------------------------------------------------------------

def calendar_item():
    start = EWSDateTime(2030, 1, 2, 10, 0, tzinfo=UTC)
    ci = CalendarItem(account=account, folder=account.calendar, subject="interop meeting",
                      start=start, end=start + datetime.timedelta(hours=1))
    ci.save()
    got = list(account.calendar.filter(subject="interop meeting"))
    expect(len(got) == 1, f"found {len(got)}")
    return "calendar item created and found"


def recurring_dst():
    # A weekly 09:00 New York meeting over the March 2026 change: the UTC
    # start moves from 14:00 to 13:00.
    ny = EWSTimeZone("America/New_York")
    start = EWSDateTime(2026, 2, 19, 9, 0, tzinfo=ny)
    ci = CalendarItem(account=account, folder=account.calendar, subject="NY weekly",
                      start=start, end=start + datetime.timedelta(minutes=30),
                      recurrence=Recurrence(pattern=WeeklyPattern(interval=1, weekdays=["Thursday"]), start=start.date(), number=6))
    ci.save()
    view = [o for o in account.calendar.view(start=EWSDateTime(2026, 2, 1, tzinfo=UTC), end=EWSDateTime(2026, 4, 30, tzinfo=UTC))
            if o.subject == "NY weekly"]
    utc = [o.start.astimezone(UTC).strftime("%m-%d %H:%M") for o in view]
    expect(len(view) == 6, f"{len(view)} occurrences: {utc}")
    expect(utc[2].endswith("14:00") and utc[3].endswith("13:00"), f"starts {utc}")
    state["occurrences"] = view
    state["ny_master"] = ci
    return "UTC starts " + ", ".join(utc)


def occurrence_ids():
    third = state["ny_master"].occurrence(3)
    third.refresh()
    expect(third.type == "Occurrence" and third.start.astimezone(UTC).strftime("%m-%d %H:%M") == "03-05 14:00", f"occurrence 3 {third.type} {third.start}")
    master = state["occurrences"][5].recurring_master()
    master.refresh()
    expect(master.type == "RecurringMaster" and master.id == state["ny_master"].id, f"master {master.type}")
    return "OccurrenceItemId 3 and RecurringMasterItemId resolved"


def occurrence_change():
    view = state["occurrences"]
    o = view[3]
    o.subject = "NY weekly (moved)"
    o.start = o.start + datetime.timedelta(hours=1)
    o.end = o.end + datetime.timedelta(hours=1)
    o.save(update_fields=["subject", "start", "end"])
    view[4].delete()
    again = [x for x in account.calendar.view(start=EWSDateTime(2026, 2, 1, tzinfo=UTC), end=EWSDateTime(2026, 4, 30, tzinfo=UTC))
             if x.subject.startswith("NY weekly")]
    kinds = [x.type for x in again]
    expect(len(again) == 5 and kinds.count("Exception") == 1, f"after changes {kinds}")
    return "one exception, one deleted: " + ", ".join(kinds)


def meeting_request():
    start = EWSDateTime(2030, 3, 4, 15, 0, tzinfo=UTC)
    ci = CalendarItem(account=account, folder=account.calendar, subject="interop review",
                      start=start, end=start + datetime.timedelta(hours=1),
                      required_attendees=[Attendee(mailbox=Mailbox(email_address=OTHER), response_type="Unknown")])
    ci.save(send_meeting_invitations=SEND_TO_ALL_AND_SAVE_COPY)
    state["meeting"] = ci
    bob = Account(primary_smtp_address=OTHER, config=config(OTHER_USER, OTHER_PASSWORD), autodiscover=False, access_type=DELEGATE)
    state["bob"] = bob
    reqs = [r for r in bob.inbox.filter(subject="interop review")]
    expect(len(reqs) == 1 and type(reqs[0]).__name__ == "MeetingRequest", f"bob's inbox {reqs}")
    state["request"] = reqs[0]
    return "MeetingRequest in the attendee's Inbox"


def accept_item():
    state["request"].accept(body="see you")
    ci = list(account.fetch(ids=[(state["meeting"].id, None)]))[0]
    rt = [a.response_type for a in ci.required_attendees]
    expect(rt == ["Accept"], f"response types {rt}")
    resp = [r for r in account.inbox.filter(subject__startswith="Accepted: interop review")]
    expect(len(resp) == 1, "no response in the organizer's Inbox")
    return "organizer sees Accept"


def cancel_meeting():
    start = EWSDateTime(2030, 4, 2, 13, 0, tzinfo=UTC)
    ci = CalendarItem(account=account, folder=account.calendar, subject="interop offsite",
                      start=start, end=start + datetime.timedelta(hours=4),
                      required_attendees=[Attendee(mailbox=Mailbox(email_address=OTHER), response_type="Unknown")])
    ci.save(send_meeting_invitations=SEND_TO_ALL_AND_SAVE_COPY)
    ci.cancel(body="called off")
    got = [c for c in state["bob"].inbox.filter(subject="Canceled: interop offsite")]
    expect(len(got) == 1 and type(got[0]).__name__ == "MeetingCancellation", f"bob's inbox {got}")
    copies = [c for c in state["bob"].calendar.view(start=start - datetime.timedelta(hours=1), end=start + datetime.timedelta(hours=5))]
    expect(len(copies) == 1 and copies[0].is_cancelled, f"bob's calendar {copies}")
    return "MeetingCancellation delivered, attendee's copy cancelled"


def availability():
    start = EWSDateTime(2030, 3, 4, 14, 0, tzinfo=UTC)
    views = list(account.protocol.get_free_busy_info(accounts=[(account, "Organizer", False), (OTHER, "Required", False)],
                                                     start=start, end=start + datetime.timedelta(hours=3),
                                                     merged_free_busy_interval=30))
    expect(len(views) == 2, f"{len(views)} views")
    merged = [v.merged for v in views]
    expect(merged[0] == "002200" and merged[1] == "002200", f"merged {merged}")
    events = views[0].calendar_events or []
    expect(len(events) == 1 and events[0].busy_type == "Busy", f"events {events}")
    return f"merged {merged}"


# --- Settings -------------------------------------------------------------------

def oof_set():
    account.oof_settings = OofSettings(state="Scheduled", external_audience="Known",
                                       start=EWSDateTime(2030, 7, 1, tzinfo=UTC), end=EWSDateTime(2030, 7, 15, tzinfo=UTC),
                                       internal_reply="On holiday", external_reply="Away")
    return "scheduled"


def oof_get():
    o = account.oof_settings
    expect(o.state == "Scheduled" and o.internal_reply == "On holiday", f"oof {o}")
    return f"state {o.state}, until {o.end}"


def get_delegate():
    ds = list(account.delegates)
    expect(len(ds) == 1 and ds[0].user_id.primary_smtp_address == OTHER, f"delegates {ds}")
    perms = ds[0].delegate_permissions
    expect(perms.calendar_folder_permission_level == "Editor", f"permissions {perms}")
    return f"{OTHER}: calendar {perms.calendar_folder_permission_level}"


def add_delegate():
    els = call("AddDelegate", f"<m:Mailbox><t:EmailAddress>{MAILBOX}</t:EmailAddress></m:Mailbox>"
               f"<m:DelegateUsers><t:DelegateUser><t:UserId><t:PrimarySmtpAddress>{OTHER}</t:PrimarySmtpAddress></t:UserId>"
               "<t:DelegatePermissions><t:CalendarFolderPermissionLevel>Editor</t:CalendarFolderPermissionLevel></t:DelegatePermissions>"
               "</t:DelegateUser></m:DelegateUsers><m:DeliverMeetingRequests>DelegatesAndMe</m:DeliverMeetingRequests>",
               msg_tag="DelegateUserResponseMessageType")
    levels = texts(els, "CalendarFolderPermissionLevel")
    expect(levels == ["Editor"], f"levels {levels}")
    return "Editor on Calendar"


def update_delegate():
    els = call("UpdateDelegate", f"<m:Mailbox><t:EmailAddress>{MAILBOX}</t:EmailAddress></m:Mailbox>"
               f"<m:DelegateUsers><t:DelegateUser><t:UserId><t:PrimarySmtpAddress>{OTHER}</t:PrimarySmtpAddress></t:UserId>"
               "<t:DelegatePermissions><t:InboxFolderPermissionLevel>Reviewer</t:InboxFolderPermissionLevel></t:DelegatePermissions>"
               "</t:DelegateUser></m:DelegateUsers>", msg_tag="DelegateUserResponseMessageType")
    levels = texts(els, "InboxFolderPermissionLevel")
    expect(levels == ["Reviewer"], f"levels {levels}")
    return "Reviewer on Inbox"


def remove_delegate():
    call("RemoveDelegate", f"<m:Mailbox><t:EmailAddress>{MAILBOX}</t:EmailAddress></m:Mailbox>"
         f"<m:UserIds><t:UserId><t:PrimarySmtpAddress>{OTHER}</t:PrimarySmtpAddress></t:UserId></m:UserIds>",
         msg_tag="DelegateUserResponseMessageType")
    expect(list(account.delegates) == [], "delegates left")
    return "removed"


def user_config():
    account.inbox.create_user_configuration(name="ewsmock.Interop", dictionary={"color": "blue", "size": 3}, xml_data=b"<a/>", binary_data=b"\x01\x02")
    return "created"


def user_config_get():
    uc = account.inbox.get_user_configuration(name="ewsmock.Interop")
    expect(uc.dictionary == {"color": "blue", "size": 3} and uc.xml_data == b"<a/>", f"config {uc}")
    return f"dictionary {uc.dictionary}"


def user_config_update():
    f = account.inbox
    f.update_user_configuration(name="ewsmock.Interop", dictionary={"color": "green"})
    uc = f.get_user_configuration(name="ewsmock.Interop", properties="Dictionary")
    expect(uc.dictionary == {"color": "green"}, f"config {uc.dictionary}")
    return "dictionary replaced"


def user_config_delete():
    f = account.inbox
    f.delete_user_configuration(name="ewsmock.Interop")
    try:
        f.get_user_configuration(name="ewsmock.Interop")
    except Exception as e:  # noqa: BLE001
        expect(type(e).__name__ == "ErrorItemNotFound", f"error {type(e).__name__}")
        return "gone: ErrorItemNotFound"
    raise AssertionError("still there")


def update_rules():
    call("UpdateInboxRules", "<m:RemoveOutlookRuleBlob>true</m:RemoveOutlookRuleBlob><m:Operations>"
         "<t:CreateRuleOperation><t:Rule><t:DisplayName>From Bob</t:DisplayName><t:Priority>1</t:Priority><t:IsEnabled>true</t:IsEnabled>"
         f"<t:Conditions><t:ContainsSenderStrings><t:String>{OTHER}</t:String></t:ContainsSenderStrings></t:Conditions>"
         "<t:Actions><t:MarkAsRead>true</t:MarkAsRead></t:Actions></t:Rule></t:CreateRuleOperation></m:Operations>")
    return "rule created"


def get_rules():
    els = call("GetInboxRules", f"<m:MailboxSmtpAddress>{MAILBOX}</m:MailboxSmtpAddress>")
    names = texts(els, "DisplayName")
    expect(names == ["From Bob"], f"rules {names}")
    return f"rules {names}"


def find_conversation():
    for i, subj in enumerate(["Quarterly plan", "RE: Quarterly plan", "RE: Quarterly plan"]):
        Message(account=account, folder=account.inbox, subject=subj, body=f"part {i}").save()
    els = call("FindConversation", "<m:IndexedPageItemView MaxEntriesReturned=\"20\" Offset=\"0\" BasePoint=\"Beginning\"/>"
               "<m:ParentFolderId><t:DistinguishedFolderId Id=\"inbox\"/></m:ParentFolderId>")
    convs = [c for e in els if local(e) == "Conversations" for c in e]
    plan = [c for c in convs if c.findtext(f"{{{TNS}}}ConversationTopic") == "Quarterly plan"]
    expect(len(plan) == 1 and plan[0].findtext(f"{{{TNS}}}MessageCount") == "3", f"{len(convs)} conversations")
    state["conv"] = plan[0].find(f"{{{TNS}}}ConversationId").get("Id")
    return f"{len(convs)} conversations, 'Quarterly plan' has 3 messages"


def get_conversation_items():
    els = call("GetConversationItems", "<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>"
               f"<m:Conversations><t:Conversation><t:ConversationId Id=\"{state['conv']}\"/></t:Conversation></m:Conversations>")
    nodes = [n for e in els for n in e.iter(f"{{{TNS}}}ConversationNode")]
    expect(len(nodes) == 3, f"{len(nodes)} nodes")
    return "3 nodes"


def apply_conversation_action():
    call("ApplyConversationAction", "<m:ConversationActions><t:ConversationAction><t:Action>Move</t:Action>"
         f"<t:ConversationId Id=\"{state['conv']}\"/><t:ContextFolderId><t:DistinguishedFolderId Id=\"inbox\"/></t:ContextFolderId>"
         "<t:DestinationFolderId><t:DistinguishedFolderId Id=\"deleteditems\"/></t:DestinationFolderId>"
         "</t:ConversationAction></m:ConversationActions>")
    n = account.trash.filter(subject__contains="Quarterly plan").count()
    expect(n == 3, f"{n} moved")
    return "3 items moved to Deleted Items"


def retention_tags():
    els = call("GetUserRetentionPolicyTags", "")
    tags = [t.findtext(f"{{{TNS}}}DisplayName") for e in els for t in e.iter(f"{{{TNS}}}RetentionPolicyTag")]
    expect(tags, "no tags")
    return f"{len(tags)} tags"


def password_expiration():
    els = call("GetPasswordExpirationDate", f"<m:MailboxSmtpAddress>{MAILBOX}</m:MailboxSmtpAddress>")
    date = [e.text for e in els if local(e) == "PasswordExpirationDate"]
    expect(date and date[0] > "2000", f"date {date}")
    return date[0]


# --- Sync and notifications ------------------------------------------------------

def sync_items():
    f = state["folder"]
    changes = list(f.sync_items())
    expect(changes, "no changes")
    Message(account=account, folder=f, subject="after sync", body="x").save()
    again = list(f.sync_items())
    expect(len(again) == 1, f"second sync {again}")
    return f"first sync {len(changes)} changes, second sync 1"


def pull_notifications():
    f = account.inbox
    sub, watermark = f.subscribe_to_pull()
    Message(account=account, folder=f, subject="notify me", body="x").save()
    kinds = sorted({type(e).__name__ for n in f.get_events(sub, watermark) for e in n.events})
    f.unsubscribe(sub)
    expect("CreatedEvent" in kinds or "NewMailEvent" in kinds, f"events {kinds}")
    return f"events {kinds}"


def empty_folder():
    f = state["folder"]
    f.empty(delete_type="HardDelete")
    n = f.all().count()
    expect(n == 0, f"{n} items left")
    return "emptied"


def delete_folder():
    state["folder"].delete()
    state["scratch"].delete()
    names = [c.name for c in account.inbox.children]
    expect("exchangelib interop" not in names, "folder still there")
    return "folders deleted"


for name, fn in [
    ("GetFolder", get_folder),
    ("FindFolder", find_folder),
    ("CreateFolder", create_folder),
    ("UpdateFolder", update_folder),
    ("MoveFolder", move_folder),
    ("SyncFolderHierarchy", sync_hierarchy),
    ("CreateItem", create_items),
    ("GetItem", get_item),
    ("FindItem.filter", find_item_filter),
    ("FindItem.order-paging", find_item_order_paging),
    ("UpdateItem", update_item),
    ("MoveItem", move_item),
    ("CopyItem", copy_item),
    ("DeleteItem", delete_item),
    ("SendItem", send_item),
    ("CreateItem.SendAndSaveCopy", send_and_save),
    ("MarkAsJunk", mark_as_junk),
    ("CreateAttachment", create_attachment),
    ("GetAttachment", get_attachment),
    ("DeleteAttachment", delete_attachment),
    ("ExportItems", export_items),
    ("UploadItems", upload_items),
    ("CreateItem.MimeContent", mime_content),
    ("ResolveNames", resolve_names),
    ("ExpandDL", expand_dl),
    ("GetRoomLists", get_room_lists),
    ("GetRooms", get_rooms),
    ("GetServerTimeZones", server_time_zones),
    ("ConvertId", convert_id),
    ("CreateItem.CalendarItem", calendar_item),
    ("FindItem.CalendarView-DST", recurring_dst),
    ("GetItem.OccurrenceItemId", occurrence_ids),
    ("UpdateItem.Occurrence", occurrence_change),
    ("CreateItem.MeetingRequest", meeting_request),
    ("CreateItem.AcceptItem", accept_item),
    ("CreateItem.CancelCalendarItem", cancel_meeting),
    ("GetUserAvailability", availability),
    ("SetUserOofSettings", oof_set),
    ("GetUserOofSettings", oof_get),
    ("AddDelegate", add_delegate),
    ("GetDelegate", get_delegate),
    ("UpdateDelegate", update_delegate),
    ("RemoveDelegate", remove_delegate),
    ("CreateUserConfiguration", user_config),
    ("GetUserConfiguration", user_config_get),
    ("UpdateUserConfiguration", user_config_update),
    ("DeleteUserConfiguration", user_config_delete),
    ("UpdateInboxRules", update_rules),
    ("GetInboxRules", get_rules),
    ("FindConversation", find_conversation),
    ("GetConversationItems", get_conversation_items),
    ("ApplyConversationAction", apply_conversation_action),
    ("GetUserRetentionPolicyTags", retention_tags),
    ("GetPasswordExpirationDate", password_expiration),
    ("SyncFolderItems", sync_items),
    ("Subscribe+GetEvents+Unsubscribe", pull_notifications),
    ("EmptyFolder", empty_folder),
    ("DeleteFolder", delete_folder),
]:
    op(name, fn)

ok = sum(1 for _, good in ops if good)
print(f"SUMMARY {ok} operations OK, {len(ops) - ok} failed", flush=True)
