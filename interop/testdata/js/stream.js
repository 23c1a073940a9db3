// Reads a streaming subscription of ewsmock with ews-javascript-api's
// StreamingSubscriptionConnection while another service creates 100
// messages, then prints
//
//   STREAM OK received <n>/<n> max latency <ms> ms
//   STREAM FAIL <why>
//
// Reads EWS_URL, EWS_USER and EWS_PASSWORD from the environment.
"use strict";
const ews = require("ews-javascript-api");

function service() {
  const s = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013);
  s.Credentials = new ews.WebCredentials(process.env.EWS_USER, process.env.EWS_PASSWORD);
  s.Url = new ews.Uri(process.env.EWS_URL);
  return s;
}

const N = 100;
const svc = service();
const writer = service();
const created = {};
const got = {};
let done = false;

function finish(line) {
  if (done) return;
  done = true;
  console.log(line);
  process.exit(0);
}

setTimeout(() => finish(`STREAM FAIL received ${Object.keys(created).filter((k) => got[k]).length}/${N} within 30 s`), 30000);

(async () => {
  const sub = await svc.SubscribeToStreamingNotifications([new ews.FolderId(ews.WellKnownFolderName.Inbox)], ews.EventType.Created);
  const conn = new ews.StreamingSubscriptionConnection(svc, 1);
  conn.AddSubscription(sub);
  // A notification may arrive before Save resolves: check on both.
  const check = () => {
    const ids = Object.keys(created);
    if (ids.length === N && ids.every((k) => got[k])) {
      const worst = Math.max(...ids.map((k) => got[k] - created[k]));
      conn.Close();
      finish(`STREAM OK received ${N}/${N} max latency ${worst} ms`);
    }
  };
  conn.OnNotificationEvent.push((o, a) => {
    for (const e of a.Events) {
      if (e.EventType === ews.EventType.Created && e.ItemId) got[e.ItemId.UniqueId] = Date.now();
    }
    check();
  });
  conn.OnSubscriptionError.push((o, a) => finish(`STREAM FAIL subscription error ${a.Exception && a.Exception.message}`));
  conn.Open();
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < N; i++) {
    const m = new ews.EmailMessage(writer);
    m.Subject = "stream " + i;
    m.Body = new ews.MessageBody("x");
    const start = Date.now();
    await m.Save(ews.WellKnownFolderName.Inbox);
    created[m.Id.UniqueId] = start;
    await new Promise((r) => setTimeout(r, 20));
  }
  check();
})().catch((e) => finish(`STREAM FAIL ${e && e.message || e}`));
