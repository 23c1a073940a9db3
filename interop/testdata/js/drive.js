// Drives ewsmock with ews-javascript-api. Reads EWS_URL, EWS_USER,
// EWS_PASSWORD, EWS_MAILBOX and EWS_OTHER from the environment and prints
// one line per operation:
//
//   OP <name> OK <detail>
//   OP <name> FAIL <error>
//
// then "SUMMARY n ok, m failed". Exits 0; the Go test decides.
"use strict";
const ews = require("ews-javascript-api");

const URL = process.env.EWS_URL;
const OTHER = process.env.EWS_OTHER || "bob@example.com";

const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013);
svc.Credentials = new ews.WebCredentials(process.env.EWS_USER, process.env.EWS_PASSWORD);
svc.Url = new ews.Uri(URL);

const results = [];
const state = {};

function assert(cond, msg) {
  if (!cond) throw new Error("assertion failed: " + msg);
}

async function op(name, fn) {
  try {
    const detail = await fn();
    console.log(`OP ${name} OK ${detail || ""}`);
    results.push(true);
  } catch (e) {
    let msg = (e && (e.message || e.Message || e.toString())) || String(e);
    if (e && e.ErrorCode !== undefined) msg += ` (ErrorCode ${ews.ServiceError[e.ErrorCode]})`;
    console.log(`OP ${name} FAIL ${String(msg).replace(/\s+/g, " ").slice(0, 400)}`);
    if (process.env.EWS_DEBUG) console.error(e);
    results.push(false);
  }
}

function message(subject, body, folderSvc = svc) {
  const m = new ews.EmailMessage(folderSvc);
  m.Subject = subject;
  m.Body = new ews.MessageBody(ews.BodyType.Text, body);
  m.ToRecipients.Add(OTHER);
  return m;
}

async function main() {
  await op("GetFolder", async () => {
    const inbox = await ews.Folder.Bind(svc, ews.WellKnownFolderName.Inbox);
    assert(inbox.DisplayName === "Inbox", "display name " + inbox.DisplayName);
    state.inbox = inbox;
    return `inbox total=${inbox.TotalCount} unread=${inbox.UnreadCount}`;
  });

  await op("FindFolder", async () => {
    const res = await svc.FindFolders(ews.WellKnownFolderName.MsgFolderRoot, new ews.FolderView(100));
    const names = res.Folders.map((f) => f.DisplayName);
    assert(names.includes("Inbox"), "names " + names);
    return `${names.length} folders (total ${res.TotalCount})`;
  });

  await op("CreateFolder", async () => {
    const f = new ews.Folder(svc);
    f.DisplayName = "ews-javascript-api interop";
    await f.Save(ews.WellKnownFolderName.Inbox);
    assert(f.Id && f.Id.UniqueId, "no id");
    state.folder = f;
    return "id " + f.Id.UniqueId.slice(0, 16) + "...";
  });

  await op("CreateItem", async () => {
    state.items = [];
    for (let i = 0; i < 5; i++) {
      const m = message(`js message ${i}`, `js body ${i}`);
      await m.Save(state.folder.Id);
      assert(m.Id && m.Id.UniqueId, "no id");
      state.items.push(m);
    }
    return "5 messages saved";
  });

  await op("GetItem", async () => {
    const m = await ews.EmailMessage.Bind(svc, state.items[2].Id);
    assert(m.Subject === "js message 2", "subject " + m.Subject);
    assert(m.Body.Text === "js body 2", "body " + m.Body.Text);
    return `bound ${m.Subject}, to ${m.ToRecipients.Items.map((r) => r.Address)}`;
  });

  await op("GetItem.BindToItems", async () => {
    const ids = state.items.map((m) => m.Id);
    ids.push(new ews.ItemId("AAMkAP+NmBn8DhK/DSSJLkWYfiQCAAAAAAAAAP8AAEYAAAAA"));
    const res = await svc.BindToItems(ids, new ews.PropertySet(ews.BasePropertySet.FirstClassProperties));
    const codes = res.Responses.map((r) => ews.ServiceError[r.ErrorCode]);
    assert(res.Responses.length === 6, "count " + res.Responses.length);
    assert(res.Responses[0].Item.Subject === "js message 0", "first");
    assert(codes[5] === "ErrorItemNotFound", "last code " + codes[5]);
    return `6 responses in order, last ${codes[5]}`;
  });

  await op("FindItem.filter+paging", async () => {
    const filter = new ews.SearchFilter.ContainsSubstring(ews.ItemSchema.Subject, "js message");
    const view = new ews.ItemView(2, 0);
    view.OrderBy.Add(ews.ItemSchema.Subject, ews.SortDirection.Ascending);
    const seen = [];
    let more = true;
    let pages = 0;
    while (more && pages < 10) {
      const res = await svc.FindItems(state.folder.Id, filter, view);
      res.Items.forEach((it) => seen.push(it.Subject));
      assert(res.TotalCount === 5, "total " + res.TotalCount);
      more = res.MoreAvailable;
      if (more) view.Offset = res.NextPageOffset;
      pages++;
    }
    assert(seen.join(",") === [0, 1, 2, 3, 4].map((i) => `js message ${i}`).join(","), "seen " + seen);
    return `${pages} pages of 2, total 5`;
  });

  await op("FindItem.and+not", async () => {
    const f = new ews.SearchFilter.SearchFilterCollection(ews.LogicalOperator.And, [
      new ews.SearchFilter.IsEqualTo(ews.EmailMessageSchema.IsRead, true),
      new ews.SearchFilter.Not(new ews.SearchFilter.IsEqualTo(ews.ItemSchema.Subject, "js message 4")),
      new ews.SearchFilter.IsGreaterThan(ews.ItemSchema.DateTimeCreated, new ews.DateTime(2000, 1, 1)),
    ]);
    const res = await svc.FindItems(state.folder.Id, f, new ews.ItemView(50));
    assert(res.TotalCount === 4, "total " + res.TotalCount);
    return "4 of 5 matched";
  });

  await op("UpdateItem", async () => {
    const m = await ews.EmailMessage.Bind(svc, state.items[0].Id);
    const ck = m.Id.ChangeKey;
    m.Subject = "js message 0 updated";
    await m.Update(ews.ConflictResolutionMode.AlwaysOverwrite);
    const again = await ews.EmailMessage.Bind(svc, state.items[0].Id);
    assert(again.Subject === "js message 0 updated", "subject " + again.Subject);
    assert(again.Id.ChangeKey !== ck, "change key unchanged");
    return "subject updated, change key changed";
  });

  await op("MoveItem", async () => {
    const m = await ews.EmailMessage.Bind(svc, state.items[1].Id);
    const moved = await m.Move(ews.WellKnownFolderName.Drafts);
    const drafts = await svc.FindItems(ews.WellKnownFolderName.Drafts, new ews.SearchFilter.IsEqualTo(ews.ItemSchema.Subject, "js message 1"), new ews.ItemView(10));
    assert(drafts.TotalCount === 1, "drafts " + drafts.TotalCount);
    return "moved; id stable: " + (moved && moved.Id.UniqueId === m.Id.UniqueId);
  });

  await op("CopyItem", async () => {
    const m = await ews.EmailMessage.Bind(svc, state.items[2].Id);
    const copy = await m.Copy(ews.WellKnownFolderName.Drafts);
    assert(copy && copy.Id.UniqueId !== m.Id.UniqueId, "copy id");
    return "copied to drafts";
  });

  await op("DeleteItem", async () => {
    const m = await ews.EmailMessage.Bind(svc, state.items[3].Id);
    await m.Delete(ews.DeleteMode.HardDelete);
    const m4 = await ews.EmailMessage.Bind(svc, state.items[4].Id);
    await m4.Delete(ews.DeleteMode.MoveToDeletedItems);
    const del = await svc.FindItems(ews.WellKnownFolderName.DeletedItems, new ews.SearchFilter.IsEqualTo(ews.ItemSchema.Subject, "js message 4"), new ews.ItemView(10));
    assert(del.TotalCount === 1, "deleted items " + del.TotalCount);
    return "hard delete + move to deleted items";
  });

  await op("SendItem", async () => {
    const m = message("js draft to send", "hello");
    await m.Save(ews.WellKnownFolderName.Drafts);
    await m.Send();
    return "saved draft sent";
  });

  await op("CreateItem.SendAndSaveCopy", async () => {
    const m = message("js sent directly", "hi");
    await m.SendAndSaveCopy();
    const sent = await svc.FindItems(ews.WellKnownFolderName.SentItems, new ews.SearchFilter.IsEqualTo(ews.ItemSchema.Subject, "js sent directly"), new ews.ItemView(10));
    assert(sent.TotalCount === 1, "sent " + sent.TotalCount);
    return "in Sent Items";
  });

  await op("ResolveNames", async () => {
    const res = await svc.ResolveName(OTHER.split("@")[0], ews.ResolveNameSearchLocation.DirectoryThenContacts, true);
    assert(res.Count >= 1, "count " + res.Count);
    const addr = res._getItem(0).Mailbox.Address;
    assert(addr === OTHER, "addr " + addr);
    return "resolved " + addr;
  });

  await op("GetServerTimeZones", async () => {
    const zones = await svc.GetServerTimeZones();
    assert(zones.length > 0, "no zones");
    return `${zones.length} zones`;
  });

  await op("SyncFolderItems", async () => {
    const ps = new ews.PropertySet(ews.BasePropertySet.IdOnly);
    const first = await svc.SyncFolderItems(state.folder.Id, ps, null, 100, ews.SyncFolderItemsScope.NormalItems, null);
    const n1 = first.Count;
    const m = message("js after sync", "x");
    await m.Save(state.folder.Id);
    const second = await svc.SyncFolderItems(state.folder.Id, ps, null, 100, ews.SyncFolderItemsScope.NormalItems, first.SyncState);
    assert(second.Count === 1, "second " + second.Count);
    return `first ${n1} changes, then 1`;
  });

  await op("DeleteFolder", async () => {
    await state.folder.Delete(ews.DeleteMode.HardDelete);
    const res = await svc.FindFolders(ews.WellKnownFolderName.Inbox, new ews.FolderView(100));
    assert(!res.Folders.some((f) => f.DisplayName === "ews-javascript-api interop"), "still there");
    return "deleted";
  });

  await op("GetItem.ErrorItemNotFound", async () => {
    try {
      await ews.EmailMessage.Bind(svc, state.items[3].Id);
    } catch (e) {
      assert(ews.ServiceError[e.ErrorCode] === "ErrorItemNotFound", "code " + e.ErrorCode);
      return "ServiceResponseException ErrorItemNotFound";
    }
    throw new Error("deleted item still bound");
  });

  const ok = results.filter(Boolean).length;
  console.log(`SUMMARY ${ok} ok, ${results.length - ok} failed`);
}

main().catch((e) => {
  console.log("FATAL " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
