// Drives ewsmock with ews-javascript-api. Reads EWS_URL, EWS_USER,
// EWS_PASSWORD, EWS_MAILBOX, EWS_OTHER (a second mailbox), EWS_OTHER_USER and
// EWS_OTHER_PASSWORD (its login) from the environment and prints one line
// per operation:
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

const OTHER_USER = process.env.EWS_OTHER_USER || "bob";
const OTHER_PASSWORD = process.env.EWS_OTHER_PASSWORD || "";
const bobSvc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013);
bobSvc.Credentials = new ews.WebCredentials(OTHER_USER, OTHER_PASSWORD);
bobSvc.Url = new ews.Uri(URL);

const results = [];
const state = {};

// inbox returns a FolderId of a well-known folder.
function wk(name) {
  return new ews.FolderId(ews.WellKnownFolderName[name]);
}

function utc(y, mo, d, h = 0, mi = 0) {
  return new ews.DateTime(Date.UTC(y, mo - 1, d, h, mi));
}

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

  await op("FindItem.filter-paging", async () => {
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

  await op("FindItem.and-not", async () => {
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

  await op("UpdateFolder", async () => {
    const f = new ews.Folder(svc);
    f.DisplayName = "js scratch";
    await f.Save(ews.WellKnownFolderName.Inbox);
    f.DisplayName = "js scratch renamed";
    await f.Update();
    const again = await ews.Folder.Bind(svc, f.Id);
    assert(again.DisplayName === "js scratch renamed", "name " + again.DisplayName);
    state.scratch = f;
    return "renamed";
  });

  await op("MoveFolder", async () => {
    await state.scratch.Move(ews.WellKnownFolderName.Drafts);
    const res = await svc.FindFolders(ews.WellKnownFolderName.Drafts, new ews.FolderView(50));
    const n = res.Folders.filter((f) => f.DisplayName === "js scratch renamed").length;
    assert(n === 1, "under Drafts: " + n);
    return "moved under Drafts";
  });

  await op("CopyFolder", async () => {
    const copy = await state.scratch.Copy(ews.WellKnownFolderName.Inbox);
    assert(copy && copy.Id.UniqueId !== state.scratch.Id.UniqueId, "copy id");
    return "copied back under Inbox";
  });

  await op("SyncFolderHierarchy", async () => {
    const res = await svc.SyncFolderHierarchy(wk("MsgFolderRoot"), new ews.PropertySet(ews.BasePropertySet.IdOnly), null);
    assert(res.Count > 0, "no changes");
    return `${res.Count} changes`;
  });

  await op("MarkAllItemsAsRead", async () => {
    const f = new ews.Folder(svc);
    f.DisplayName = "js unread";
    await f.Save(ews.WellKnownFolderName.Inbox);
    for (let i = 0; i < 2; i++) {
      const m = message(`js unread ${i}`, "x");
      m.IsRead = false;
      await m.Save(f.Id);
    }
    await f.MarkAllItemsAsRead(false);
    const again = await ews.Folder.Bind(svc, f.Id);
    assert(again.UnreadCount === 0, "unread " + again.UnreadCount);
    state.unread = f;
    return "unread 2 -> 0";
  });

  await op("EmptyFolder", async () => {
    await state.unread.Empty(ews.DeleteMode.HardDelete, false);
    const again = await ews.Folder.Bind(svc, state.unread.Id);
    assert(again.TotalCount === 0, "total " + again.TotalCount);
    await state.unread.Delete(ews.DeleteMode.HardDelete);
    return "emptied";
  });

  await op("MarkAsJunk", async () => {
    const m = message("js cheap pills", "buy");
    await m.Save(ews.WellKnownFolderName.Inbox);
    await svc.MarkAsJunk([m.Id], true, true);
    const junk = await svc.FindItems(ews.WellKnownFolderName.JunkEmail, new ews.SearchFilter.IsEqualTo(ews.ItemSchema.Subject, "js cheap pills"), new ews.ItemView(10));
    assert(junk.TotalCount === 1, "junk " + junk.TotalCount);
    return "moved to Junk Email";
  });

  await op("CreateAttachment", async () => {
    const m = message("js with attachment", "see file");
    await m.Save(ews.WellKnownFolderName.Drafts);
    m.Attachments.AddFileAttachment("hello.txt", Buffer.from("hello, attachment").toString("base64"));
    await m.Update(ews.ConflictResolutionMode.AlwaysOverwrite);
    state.attItem = m;
    const again = await ews.EmailMessage.Bind(svc, m.Id, new ews.PropertySet(ews.BasePropertySet.FirstClassProperties, [ews.ItemSchema.Attachments]));
    assert(again.Attachments.Count === 1, "attachments " + again.Attachments.Count);
    state.att = again.Attachments._getItem(0);
    return "attached " + state.att.Name;
  });

  await op("GetAttachment", async () => {
    await state.att.Load();
    const text = Buffer.from(state.att.Base64Content, "base64").toString();
    assert(text === "hello, attachment", "content " + text);
    return `${text.length} bytes back`;
  });

  await op("DeleteAttachment", async () => {
    const m = await ews.EmailMessage.Bind(svc, state.attItem.Id, new ews.PropertySet(ews.BasePropertySet.FirstClassProperties, [ews.ItemSchema.Attachments]));
    m.Attachments.Clear();
    await m.Update(ews.ConflictResolutionMode.AlwaysOverwrite);
    const again = await ews.EmailMessage.Bind(svc, m.Id, new ews.PropertySet(ews.BasePropertySet.FirstClassProperties, [ews.ItemSchema.Attachments]));
    assert(again.Attachments.Count === 0, "attachments left " + again.Attachments.Count);
    return "removed";
  });

  await op("ConvertId", async () => {
    const res = await svc.ConvertId(new ews.AlternateId(ews.IdFormat.EwsId, state.attItem.Id.UniqueId, process.env.EWS_MAILBOX), ews.IdFormat.EntryId);
    assert(res && res.UniqueId, "no id");
    return "EwsId to EntryId";
  });

  await op("ExpandDL", async () => {
    const res = await svc.ExpandGroup("team@example.com");
    const addrs = res.Members.map((m) => m.Address).sort();
    assert(addrs.includes(OTHER), "members " + addrs);
    return `${addrs.length} members`;
  });

  await op("GetRoomLists", async () => {
    const lists = await svc.GetRoomLists();
    const addrs = lists.Items.map((a) => a.Address);
    assert(addrs.join() === "building1@example.com", "lists " + addrs);
    return "1 room list";
  });

  await op("GetRooms", async () => {
    const rooms = await svc.GetRooms(new ews.EmailAddress("building1@example.com"));
    const addrs = rooms.map((r) => r.Address);
    assert(addrs.join() === "room1@example.com,room2@example.com", "rooms " + addrs);
    return `${addrs.length} rooms`;
  });

  await op("CreateItem.RecurringAppointment", async () => {
    const a = new ews.Appointment(svc);
    a.Subject = "js weekly";
    // 09:00 in New York, weekly across the March 2026 change.
    const ny = ews.TimeZoneInfo.FindSystemTimeZoneById("Eastern Standard Time");
    a.StartTimeZone = ny;
    a.EndTimeZone = ny;
    a.Start = utc(2026, 2, 19, 14);
    a.End = utc(2026, 2, 19, 14, 30);
    a.Recurrence = new ews.Recurrence.WeeklyPattern(a.Start, 1, [ews.DayOfTheWeek.Thursday]);
    a.Recurrence.NumberOfOccurrences = 6;
    await a.Save(ews.WellKnownFolderName.Calendar, ews.SendInvitationsMode.SendToNone);
    state.weekly = a;
    return "6 weekly occurrences";
  });

  await op("FindItem.CalendarView-DST", async () => {
    const res = await svc.FindAppointments(ews.WellKnownFolderName.Calendar, new ews.CalendarView(utc(2026, 2, 1), utc(2026, 4, 30)));
    const mine = res.Items.filter((x) => x.Subject === "js weekly");
    assert(mine.length === 6, "occurrences " + mine.length);
    const starts = mine.map((x) => x.Start.ToISOString().slice(5, 16));
    assert(starts[2] === "03-05T14:00" && starts[3] === "03-12T13:00", "UTC starts " + starts);
    state.occ = mine;
    return "UTC starts " + starts.join(", ");
  });

  await op("UpdateItem.Occurrence", async () => {
    const o = await ews.Appointment.BindToOccurrence(svc, state.weekly.Id, 4);
    o.Subject = "js weekly (moved)";
    await o.Update(ews.ConflictResolutionMode.AlwaysOverwrite, ews.SendInvitationsOrCancellationsMode.SendToNone);
    const d = await ews.Appointment.Bind(svc, state.occ[4].Id);
    await d.Delete(ews.DeleteMode.MoveToDeletedItems, ews.SendCancellationsMode.SendToNone);
    const res = await svc.FindAppointments(ews.WellKnownFolderName.Calendar, new ews.CalendarView(utc(2026, 2, 1), utc(2026, 4, 30)));
    const mine = res.Items.filter((x) => x.Subject.startsWith("js weekly"));
    const types = mine.map((x) => ews.AppointmentType[x.AppointmentType]);
    assert(mine.length === 5 && types.filter((t) => t === "Exception").length === 1, "types " + types);
    return types.join(",");
  });

  await op("CreateItem.MeetingRequest", async () => {
    const a = new ews.Appointment(svc);
    a.Subject = "js review";
    a.Start = utc(2030, 3, 5, 15);
    a.End = utc(2030, 3, 5, 16);
    a.RequiredAttendees.Add(OTHER);
    await a.Save(ews.WellKnownFolderName.Calendar, ews.SendInvitationsMode.SendToAllAndSaveCopy);
    state.meeting = a;
    const res = await bobSvc.FindItems(ews.WellKnownFolderName.Inbox, new ews.SearchFilter.IsEqualTo(ews.ItemSchema.Subject, "js review"), new ews.ItemView(10));
    assert(res.TotalCount === 1 && res.Items[0] instanceof ews.MeetingRequest, "bob's inbox " + res.TotalCount);
    state.request = res.Items[0];
    return "MeetingRequest in the attendee's Inbox";
  });

  await op("CreateItem.AcceptItem", async () => {
    const mr = await ews.MeetingRequest.Bind(bobSvc, state.request.Id);
    await mr.Accept(true);
    const a = await ews.Appointment.Bind(svc, state.meeting.Id);
    const rt = ews.MeetingResponseType[a.RequiredAttendees._getItem(0).ResponseType];
    assert(rt === "Accept", "response " + rt);
    return "organizer sees Accept";
  });

  await op("CreateItem.CancelCalendarItem-RemoveItem", async () => {
    const a = new ews.Appointment(svc);
    a.Subject = "js offsite";
    a.Start = utc(2030, 4, 1, 13);
    a.End = utc(2030, 4, 1, 17);
    a.RequiredAttendees.Add(OTHER);
    await a.Save(ews.WellKnownFolderName.Calendar, ews.SendInvitationsMode.SendToAllAndSaveCopy);
    await a.CancelMeeting("called off");
    const res = await bobSvc.FindItems(ews.WellKnownFolderName.Inbox, new ews.SearchFilter.IsEqualTo(ews.ItemSchema.Subject, "Canceled: js offsite"), new ews.ItemView(10));
    assert(res.TotalCount === 1 && res.Items[0] instanceof ews.MeetingCancellation, "bob's inbox " + res.TotalCount);
    const mc = await ews.MeetingCancellation.Bind(bobSvc, res.Items[0].Id);
    await mc.RemoveMeetingFromCalendar();
    const cal = await bobSvc.FindAppointments(ews.WellKnownFolderName.Calendar, new ews.CalendarView(utc(2030, 4, 1), utc(2030, 4, 2)));
    assert(cal.Items.length === 0, "bob's calendar " + cal.Items.length);
    return "cancelled, then removed from the attendee's calendar";
  });

  await op("GetUserAvailability", async () => {
    const res = await svc.GetUserAvailability([new ews.AttendeeInfo(process.env.EWS_MAILBOX), new ews.AttendeeInfo(OTHER)],
      new ews.TimeWindow(utc(2030, 3, 5), utc(2030, 3, 6)), ews.AvailabilityData.FreeBusy);
    const events = res.AttendeesAvailability.Responses.map((r) => r.CalendarEvents.length);
    assert(events[0] === 1 && events[1] === 1, "events " + events);
    return "1 busy event each";
  });

  await op("SetUserOofSettings", async () => {
    const o = new ews.OofSettings();
    o.State = ews.OofState.Enabled;
    o.ExternalAudience = ews.OofExternalAudience.All;
    o.InternalReply = new ews.OofReply("js away");
    o.ExternalReply = new ews.OofReply("js away (external)");
    await svc.SetUserOofSettings(process.env.EWS_MAILBOX, o);
    return "enabled";
  });

  await op("GetUserOofSettings", async () => {
    const o = await svc.GetUserOofSettings(process.env.EWS_MAILBOX);
    assert(o.State === ews.OofState.Enabled && String(o.InternalReply.Message) === "js away", "oof " + o.State + " " + o.InternalReply);
    return "state Enabled";
  });

  const me = () => new ews.Mailbox(process.env.EWS_MAILBOX);

  await op("AddDelegate", async () => {
    const d = new ews.DelegateUser(OTHER);
    d.Permissions.CalendarFolderPermissionLevel = ews.DelegateFolderPermissionLevel.Editor;
    const res = await svc.AddDelegates(me(), ews.MeetingRequestsDeliveryScope.DelegatesAndMe, d);
    assert(res.length === 1 && res[0].Result === ews.ServiceResult.Success, "result " + (res[0] && res[0].ErrorCode));
    return "Editor on Calendar";
  });

  await op("GetDelegate", async () => {
    const res = await svc.GetDelegates(me(), true);
    const u = res.DelegateUserResponses[0].DelegateUser;
    assert(u.UserId.PrimarySmtpAddress === OTHER && u.Permissions.CalendarFolderPermissionLevel === ews.DelegateFolderPermissionLevel.Editor, "delegate");
    return OTHER + ": calendar Editor";
  });

  await op("UpdateDelegate", async () => {
    const d = new ews.DelegateUser(OTHER);
    d.Permissions.CalendarFolderPermissionLevel = ews.DelegateFolderPermissionLevel.Editor;
    d.Permissions.InboxFolderPermissionLevel = ews.DelegateFolderPermissionLevel.Reviewer;
    const res = await svc.UpdateDelegates(me(), ews.MeetingRequestsDeliveryScope.DelegatesAndMe, d);
    assert(res.length === 1 && res[0].Result === ews.ServiceResult.Success, "result " + (res[0] && res[0].ErrorCode));
    return "Reviewer on Inbox";
  });

  await op("RemoveDelegate", async () => {
    const res = await svc.RemoveDelegates(me(), new ews.UserId(OTHER));
    assert(res.length === 1 && res[0].Result === ews.ServiceResult.Success, "result " + (res[0] && res[0].ErrorCode));
    const left = await svc.GetDelegates(me(), false);
    assert(left.DelegateUserResponses.length === 0, "left " + left.DelegateUserResponses.length);
    return "removed";
  });

  await op("CreateUserConfiguration", async () => {
    const uc = new ews.UserConfiguration(svc);
    uc.Dictionary.Add("color", "blue");
    await uc.Save("ewsmock.JsInterop", ews.WellKnownFolderName.Inbox);
    return "created";
  });

  await op("GetUserConfiguration", async () => {
    const uc = await ews.UserConfiguration.Bind(svc, "ewsmock.JsInterop", ews.WellKnownFolderName.Inbox, ews.UserConfigurationProperties.All);
    assert(uc.Dictionary._getItem("color") === "blue", "color " + uc.Dictionary._getItem("color"));
    state.uc = uc;
    return "color=blue";
  });

  await op("UpdateUserConfiguration", async () => {
    state.uc.Dictionary._setItem("color", "green");
    await state.uc.Update();
    const uc = await ews.UserConfiguration.Bind(svc, "ewsmock.JsInterop", ews.WellKnownFolderName.Inbox, ews.UserConfigurationProperties.All);
    assert(uc.Dictionary._getItem("color") === "green", "color " + uc.Dictionary._getItem("color"));
    return "color=green";
  });

  await op("DeleteUserConfiguration", async () => {
    await state.uc.Delete();
    try {
      await ews.UserConfiguration.Bind(svc, "ewsmock.JsInterop", ews.WellKnownFolderName.Inbox, ews.UserConfigurationProperties.All);
    } catch (e) {
      assert(ews.ServiceError[e.ErrorCode] === "ErrorItemNotFound", "code " + ews.ServiceError[e.ErrorCode]);
      return "gone: ErrorItemNotFound";
    }
    throw new Error("still there");
  });

  await op("UpdateInboxRules", async () => {
    const r = new ews.Rule();
    r.DisplayName = "js rule";
    r.Priority = 1;
    r.IsEnabled = true;
    r.Conditions.ContainsSubjectStrings.Add("invoice");
    r.Actions.MarkAsRead = true;
    await svc.UpdateInboxRules([new ews.CreateRuleOperation(r)], true);
    return "rule created";
  });

  await op("GetInboxRules", async () => {
    const rules = await svc.GetInboxRules();
    assert(rules.Count === 1 && rules._getItem(0).DisplayName === "js rule", "rules " + rules.Count);
    return "1 rule";
  });

  await op("FindConversation", async () => {
    for (const subj of ["js thread", "RE: js thread", "RE: js thread"]) {
      const m = message(subj, "x");
      await m.Save(ews.WellKnownFolderName.Inbox);
    }
    const convs = await svc.FindConversation(new ews.ConversationIndexedItemView(20), wk("Inbox"));
    const thread = convs.filter((c) => c.Topic === "js thread");
    assert(thread.length === 1 && thread[0].MessageCount === 3, "threads " + thread.length);
    state.conv = thread[0];
    return `${convs.length} conversations, 'js thread' has 3 messages`;
  });

  await op("GetConversationItems", async () => {
    const res = await svc.GetConversationItems(state.conv.Id, new ews.PropertySet(ews.BasePropertySet.IdOnly), null, null, ews.ConversationSortOrder.DateOrderAscending);
    assert(res.ConversationNodes.Count === 3, "nodes " + res.ConversationNodes.Count);
    return "3 nodes";
  });

  await op("ApplyConversationAction", async () => {
    await state.conv.SetReadStateForItemsInConversation(wk("Inbox"), true);
    await state.conv.MoveItemsInConversation(wk("Inbox"), wk("DeletedItems"));
    const res = await svc.FindItems(ews.WellKnownFolderName.DeletedItems, new ews.SearchFilter.ContainsSubstring(ews.ItemSchema.Subject, "js thread"), new ews.ItemView(10));
    assert(res.TotalCount === 3, "moved " + res.TotalCount);
    return "read, then moved to Deleted Items";
  });

  await op("GetUserRetentionPolicyTags", async () => {
    const res = await svc.GetUserRetentionPolicyTags();
    assert(res.RetentionPolicyTags.length > 0, "no tags");
    return `${res.RetentionPolicyTags.length} tags`;
  });

  await op("GetPasswordExpirationDate", async () => {
    const d = await svc.GetPasswordExpirationDate(process.env.EWS_MAILBOX);
    assert(d, "no date");
    return String(d.ToISOString ? d.ToISOString() : d);
  });

  await op("Subscribe+GetEvents+Unsubscribe", async () => {
    const sub = await svc.SubscribeToPullNotifications([wk("Inbox")], 5, null, ews.EventType.Created, ews.EventType.NewMail);
    const m = message("js notify", "x");
    await m.Save(ews.WellKnownFolderName.Inbox);
    const res = await sub.GetEvents();
    const n = res.ItemEvents.length;
    await sub.Unsubscribe();
    assert(n >= 1, "events " + n);
    return `${n} item events`;
  });

  await op("GetUserSettings.Autodiscover", async () => {
    const base = URL.replace(/\/EWS\/Exchange\.asmx$/i, "");
    const ad = new ews.AutodiscoverService(new ews.Uri(base + "/autodiscover/autodiscover.svc"), ews.ExchangeVersion.Exchange2013);
    ad.Credentials = new ews.WebCredentials(process.env.EWS_USER, process.env.EWS_PASSWORD);
    const res = await ad.GetUserSettings(process.env.EWS_MAILBOX, [ews.UserSettingName.ExternalEwsUrl, ews.UserSettingName.InternalEwsUrl]);
    const ext = res.Settings[ews.UserSettingName.ExternalEwsUrl] || res.Settings.get && res.Settings.get(ews.UserSettingName.ExternalEwsUrl);
    assert(String(ext).toLowerCase() === URL.toLowerCase(), "ExternalEwsUrl " + ext);
    return "EWS URL " + ext;
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
  console.log(`SUMMARY ${ok} operations OK, ${results.length - ok} failed`);
}

main().catch((e) => {
  console.log("FATAL " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
