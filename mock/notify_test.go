package mock

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// notifyServer serves alice and bob with notification timings shortened
// by opts; it counts the GetStreamingEvents connections.
type notifyServer struct {
	srv     *Server
	ts      *httptest.Server
	alice   *ews.Client
	streams atomic.Int32
}

func newNotifyServer(t *testing.T, n NotifyOptions) *notifyServer {
	t.Helper()
	srv, err := New(Options{User: "alice", Password: "pw", Users: []User{{Name: "bob", Password: "bob-pw"}}, Notify: n,
		Logf: func(format string, args ...any) { t.Logf(format, args...) }})
	if err != nil {
		t.Fatal(err)
	}
	ns := &notifyServer{srv: srv}
	h := srv.Handler()
	ns.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// services.wsdl gives GetStreamingEvents the SOAPAction of
		// GetEvents; these tests make no GetEvents call over it.
		if strings.HasSuffix(strings.Trim(r.Header.Get("SOAPAction"), `"`), "/GetEvents") {
			ns.streams.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ns.ts.Close)
	ns.alice = testClient(ns.ts.URL, "alice", "pw")
	return ns
}

func eventTypes(kinds ...ews.NotificationEventTypeType) *ews.NonEmptyArrayOfNotificationEventTypesType {
	a := &ews.NonEmptyArrayOfNotificationEventTypesType{}
	for _, k := range kinds {
		a.Items = append(a.Items, &ews.EventType{Value: k})
	}
	return a
}

func subscribe(t *testing.T, c *ews.Client, req *ews.Subscribe) (ews.SubscriptionIdType, ews.WatermarkType) {
	t.Helper()
	resp, err := c.Subscribe(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, resp)
	m := resp.ResponseMessages.Items[0].(*ews.SubscribeResponseMessageType)
	var wm ews.WatermarkType
	if m.Watermark != nil {
		wm = *m.Watermark
	}
	return *m.SubscriptionId, wm
}

// createMessages creates n messages in alice's Inbox, one at a time, and
// sends each id with the time its request started on the channel.
func createMessages(t *testing.T, c *ews.Client, n int, created chan<- createdItem) {
	createEvery(t, c, n, 5*time.Millisecond, created)
}

// createEvery is createMessages with a pause of gap after each item.
func createEvery(t *testing.T, c *ews.Client, n int, gap time.Duration, created chan<- createdItem) {
	defer close(created)
	for i := 0; i < n; i++ {
		start := time.Now()
		resp, err := c.CreateItem(context.Background(), &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
			SavedItemFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")},
			Items:             &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr(fmt.Sprintf("m%d", i))}}}})
		if err != nil {
			t.Error(err)
			return
		}
		m := resp.ResponseMessages.Items[0].(*ews.CreateItemResponseMessage)
		created <- createdItem{id: m.Items.List[0].(*ews.MessageType).ItemId.Id, at: start}
		time.Sleep(gap)
	}
}

// notifyError returns err, else the first error message of resp.
func notifyError[T ews.BodyElement](resp T, err error) error {
	if err != nil {
		return err
	}
	if errs := ews.ResponseErrors(resp); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

type createdItem struct {
	id string
	at time.Time
}

// latencies matches the Created events received (id -> arrival) with the
// items created and returns the largest delay; it fails on a missing or
// duplicated event.
type latencyBook struct {
	mu      sync.Mutex
	arrived map[string]time.Time
	dups    int
}

func (b *latencyBook) add(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.arrived[id]; ok {
		b.dups++
		return
	}
	b.arrived[id] = time.Now()
}

func (b *latencyBook) check(t *testing.T, items []createdItem) time.Duration {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var worst time.Duration
	for _, it := range items {
		at, ok := b.arrived[it.id]
		if !ok {
			t.Errorf("no CreatedEvent for item %s", it.id)
			continue
		}
		if d := at.Sub(it.at); d > worst {
			worst = d
		}
	}
	if b.dups > 0 {
		t.Errorf("%d CreatedEvents delivered twice", b.dups)
	}
	if worst > time.Second {
		t.Errorf("an event arrived %v after its item was created, want within 1 s", worst)
	}
	return worst
}

func createdIDs(nt *ews.NotificationType) []string {
	var out []string
	for _, e := range nt.Items {
		if c, ok := e.(*ews.CreatedEvent); ok && c.ItemId != nil {
			out = append(out, c.ItemId.Id)
		}
	}
	return out
}

func TestStreamingNotifications(t *testing.T) {
	ns := newNotifyServer(t, NotifyOptions{KeepAlive: 200 * time.Millisecond})
	id, _ := subscribe(t, ns.alice, &ews.Subscribe{StreamingSubscriptionRequest: &ews.StreamingSubscriptionRequestType{
		FolderIds:  folderIds(dist("inbox")),
		EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent, ews.NotificationEventTypeNewMailEvent, ews.NotificationEventTypeModifiedEvent),
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const n = 100
	book := &latencyBook{arrived: map[string]time.Time{}}
	var items []createdItem
	created := make(chan createdItem, n)
	other := testClient(ns.ts.URL, "alice", "pw") // another client
	started := make(chan struct{})
	go func() {
		<-started
		createMessages(t, other, n, created)
	}()
	var newMail, modified int
	go func() {
		time.Sleep(100 * time.Millisecond) // the stream is open
		close(started)
	}()
	for ev, err := range ns.alice.StreamEvents(ctx, []ews.SubscriptionIdType{id}, &ews.StreamOptions{ConnectionTimeout: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		if ev.Err != nil {
			t.Fatalf("subscription %s: %v", ev.SubscriptionId, ev.Err)
		}
		if ev.SubscriptionId != id {
			t.Fatalf("notification of %s, want %s", ev.SubscriptionId, id)
		}
		for _, x := range ev.Notification.Items {
			switch x.(type) {
			case *ews.NewMailEvent:
				newMail++
			case *ews.ModifiedEventType:
				modified++
			}
		}
		for _, cid := range createdIDs(ev.Notification) {
			book.add(cid)
		}
		for len(created) > 0 {
			items = append(items, <-created)
		}
		if len(book.arrived) >= n {
			break
		}
	}
	for it := range created {
		items = append(items, it)
	}
	if len(items) != n {
		t.Fatalf("%d items created, want %d", len(items), n)
	}
	worst := book.check(t, items)
	if got := ns.streams.Load(); got != 1 {
		t.Errorf("%d GetStreamingEvents connections, want the events over one open response", got)
	}
	if newMail != n {
		t.Errorf("%d NewMailEvents, want %d", newMail, n)
	}
	if modified == 0 {
		t.Error("no ModifiedEvent of the Inbox (unread count)")
	}
	t.Logf("streaming: %d Created events over %d connection(s), max latency %v", len(book.arrived), ns.streams.Load(), worst)
}

func TestStreamingReconnects(t *testing.T) {
	// A ConnectionTimeout minute lasts 400 ms: the server closes each
	// connection (ConnectionStatus Closed) and the client opens another.
	ns := newNotifyServer(t, NotifyOptions{KeepAlive: 100 * time.Millisecond, Minute: 400 * time.Millisecond})
	id, _ := subscribe(t, ns.alice, &ews.Subscribe{StreamingSubscriptionRequest: &ews.StreamingSubscriptionRequestType{
		SubscribeToAllFolders: ptr(true), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent),
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const n = 40
	created := make(chan createdItem, n)
	// 40 items 30 ms apart span several 400 ms connections.
	go createEvery(t, testClient(ns.ts.URL, "alice", "pw"), n, 30*time.Millisecond, created)
	book := &latencyBook{arrived: map[string]time.Time{}}
	for ev, err := range ns.alice.StreamEvents(ctx, []ews.SubscriptionIdType{id}, &ews.StreamOptions{ConnectionTimeout: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		for _, cid := range createdIDs(ev.Notification) {
			book.add(cid)
		}
		if len(book.arrived) >= n {
			break
		}
	}
	var items []createdItem
	for it := range created {
		items = append(items, it)
	}
	book.check(t, items)
	if got := ns.streams.Load(); got < 2 {
		t.Errorf("%d connections: the client did not reconnect after ConnectionStatus Closed", got)
	}
	t.Logf("%d events over %d connections", len(book.arrived), ns.streams.Load())
}

func TestStreamingSubscriptionErrors(t *testing.T) {
	ns := newNotifyServer(t, NotifyOptions{KeepAlive: 100 * time.Millisecond})
	id, _ := subscribe(t, ns.alice, &ews.Subscribe{StreamingSubscriptionRequest: &ews.StreamingSubscriptionRequestType{
		FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent),
	}})
	bogus := ews.SubscriptionIdType("JgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var errs []string
	unsubscribed := false
	created := make(chan createdItem, 1)
	for ev, err := range ns.alice.StreamEvents(ctx, []ews.SubscriptionIdType{id, bogus}, &ews.StreamOptions{ConnectionTimeout: 1}) {
		if err != nil {
			// every subscription failed: the stream ends with an error
			if !strings.Contains(err.Error(), "every subscription") {
				t.Fatalf("stream ended with %v", err)
			}
			break
		}
		if ev.Err != nil {
			if !errors.Is(ev.Err, ews.ResponseCodeErrorSubscriptionNotFound) {
				t.Errorf("%s: %v, want ErrorSubscriptionNotFound", ev.SubscriptionId, ev.Err)
			}
			errs = append(errs, string(ev.SubscriptionId))
			if !unsubscribed {
				unsubscribed = true
				resp, err := ns.alice.Unsubscribe(ctx, &ews.Unsubscribe{SubscriptionId: id})
				if err != nil {
					t.Fatal(err)
				}
				noErrors(t, resp)
				// a change wakes the connection, which reports id gone
				go createMessages(t, ns.alice, 1, created)
			}
		}
	}
	if unsubscribed {
		for range created { // the server stays up until the change is made
		}
	}
	if len(errs) != 2 || errs[0] != string(bogus) || errs[1] != string(id) {
		t.Errorf("subscription errors for %v, want %s then %s", errs, bogus, id)
	}
	if ns.srv.Subscriptions() != 0 {
		t.Errorf("%d subscriptions left after Unsubscribe", ns.srv.Subscriptions())
	}
	// bob cannot read or end alice's subscription
	id2, _ := subscribe(t, ns.alice, &ews.Subscribe{PullSubscriptionRequest: &ews.PullSubscriptionRequestType{
		SubscribeToAllFolders: ptr(true), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent), Timeout: 10}})
	bob := testClient(ns.ts.URL, "bob", "bob-pw")
	if err := notifyError(bob.Unsubscribe(ctx, &ews.Unsubscribe{SubscriptionId: id2})); !errors.Is(err, ews.ResponseCodeErrorSubscriptionAccessDenied) {
		t.Errorf("bob's Unsubscribe of alice's subscription: %v, want ErrorSubscriptionAccessDenied", err)
	}
}

func TestPullNotifications(t *testing.T) {
	ns := newNotifyServer(t, NotifyOptions{MaxEventsPerGet: 7})
	id, wm := subscribe(t, ns.alice, &ews.Subscribe{PullSubscriptionRequest: &ews.PullSubscriptionRequestType{
		FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent), Timeout: 10}})
	ctx := context.Background()
	const n = 100
	created := make(chan createdItem, n)
	go createMessages(t, testClient(ns.ts.URL, "alice", "pw"), n, created)
	book := &latencyBook{arrived: map[string]time.Time{}}
	deadline := time.Now().Add(30 * time.Second)
	sawMore := false
	for len(book.arrived) < n && time.Now().Before(deadline) {
		resp, err := ns.alice.GetEvents(ctx, &ews.GetEvents{SubscriptionId: id, Watermark: wm})
		if err != nil {
			t.Fatal(err)
		}
		nt := resp.ResponseMessages.Items[0].(*ews.GetEventsResponseMessageType).Notification
		if nt.PreviousWatermark == nil || *nt.PreviousWatermark != wm {
			t.Fatalf("PreviousWatermark %v, want %s", nt.PreviousWatermark, wm)
		}
		if len(nt.Items) > 7 {
			t.Fatalf("%d events in one GetEvents answer, more than MaxEventsPerGet", len(nt.Items))
		}
		for _, cid := range createdIDs(nt) {
			book.add(cid)
		}
		last := nt.Items[len(nt.Items)-1]
		switch e := last.(type) {
		case *ews.CreatedEvent:
			wm = *e.Watermark
		case *ews.BaseNotificationEventType:
			wm = *e.Watermark
		}
		if nt.MoreEvents != nil && *nt.MoreEvents {
			sawMore = true
			continue
		}
		time.Sleep(50 * time.Millisecond)
	}
	var items []createdItem
	for it := range created {
		items = append(items, it)
	}
	worst := book.check(t, items)
	if !sawMore {
		t.Error("MoreEvents never set although the answers were capped at 7 events")
	}
	// A stale watermark is refused.
	if err := notifyError(ns.alice.GetEvents(ctx, &ews.GetEvents{SubscriptionId: id, Watermark: "AQ=="})); !errors.Is(err, ews.ResponseCodeErrorInvalidWatermark) {
		t.Errorf("GetEvents with a bad watermark: %v, want ErrorInvalidWatermark", err)
	}
	t.Logf("pull: %d Created events, polled every 50 ms, max latency %v", len(book.arrived), worst)
}

func TestPushNotifications(t *testing.T) {
	ns := newNotifyServer(t, NotifyOptions{Minute: 300 * time.Millisecond, PushRetry: 20 * time.Millisecond})
	book := &latencyBook{arrived: map[string]time.Time{}}
	var statusEvents, posts atomic.Int32
	var unsubscribe atomic.Bool
	cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		data, _ := io.ReadAll(r.Body)
		env, err := ews.UnmarshalEnvelope(data)
		if err != nil {
			t.Errorf("push notification does not decode: %v", err)
			http.Error(w, "bad", 400)
			return
		}
		sn, ok := env.Body.(*ews.SendNotification)
		if !ok {
			t.Errorf("push body is %T", env.Body)
			return
		}
		for _, m := range sn.ResponseMessages.Items {
			nt := m.(*ews.SendNotificationResponseMessageType).Notification
			for _, cid := range createdIDs(nt) {
				book.add(cid)
			}
			for _, e := range nt.Items {
				if _, ok := e.(*ews.BaseNotificationEventType); ok {
					statusEvents.Add(1)
				}
			}
		}
		st := ews.SubscriptionStatusOK
		if unsubscribe.Load() {
			st = ews.SubscriptionStatusUnsubscribe
		}
		b := (&ews.Envelope{Body: &ews.SendNotificationResult{SubscriptionStatus: st}}).Marshal(ews.ClientStyle)
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.Write(b)
	}))
	defer cb.Close()
	// A URL off loopback is refused.
	if err := notifyError(ns.alice.Subscribe(context.Background(), &ews.Subscribe{PushSubscriptionRequest: &ews.PushSubscriptionRequestType{
		SubscribeToAllFolders: ptr(true), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent), StatusFrequency: 1, URL: "http://192.0.2.1/cb"}})); !errors.Is(err, ews.ResponseCodeErrorInvalidPushSubscriptionUrl) {
		t.Errorf("push to a non-loopback URL: %v, want ErrorInvalidPushSubscriptionUrl", err)
	}
	subscribe(t, ns.alice, &ews.Subscribe{PushSubscriptionRequest: &ews.PushSubscriptionRequestType{
		FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent), StatusFrequency: 1, URL: cb.URL + "/cb"}})
	const n = 100
	created := make(chan createdItem, n)
	createMessages(t, testClient(ns.ts.URL, "alice", "pw"), n, created)
	var items []createdItem
	for it := range created {
		items = append(items, it)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		book.mu.Lock()
		k := len(book.arrived)
		book.mu.Unlock()
		if k >= n {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	worst := book.check(t, items)
	// With nothing to report, a StatusEvent comes every StatusFrequency
	// (300 ms here); answering Unsubscribe ends the subscription.
	time.Sleep(700 * time.Millisecond)
	if statusEvents.Load() == 0 {
		t.Error("no StatusEvent after StatusFrequency without events")
	}
	unsubscribe.Store(true)
	for time.Now().Before(deadline) && ns.srv.Subscriptions() > 0 {
		time.Sleep(20 * time.Millisecond)
	}
	if ns.srv.Subscriptions() != 0 {
		t.Error("the subscription lives on after the callback answered Unsubscribe")
	}
	t.Logf("push: %d Created events in %d posts, max latency %v", len(book.arrived), posts.Load(), worst)
}

// Exchange writes the Notification elements of a streaming response in the
// messages namespace; types.xsd declares them in the types namespace. Both
// decode.
func TestNotificationNamespaces(t *testing.T) {
	const tmpl = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<m:GetStreamingEventsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
<m:ResponseMessages><m:GetStreamingEventsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
<m:Notifications><%[1]s:Notification><t:SubscriptionId>sub-1</t:SubscriptionId>
<t:CreatedEvent><t:TimeStamp>2024-05-01T10:00:00Z</t:TimeStamp><t:ItemId Id="item-1" ChangeKey="ck"/><t:ParentFolderId Id="inbox-1"/></t:CreatedEvent>
</%[1]s:Notification></m:Notifications></m:GetStreamingEventsResponseMessage></m:ResponseMessages>
</m:GetStreamingEventsResponse></s:Body></s:Envelope>`
	for _, prefix := range []string{"m", "t"} {
		env, err := ews.UnmarshalEnvelope([]byte(fmt.Sprintf(tmpl, prefix)))
		if err != nil {
			t.Fatalf("%s:Notification: %v", prefix, err)
		}
		m := env.Body.(*ews.GetStreamingEventsResponse).ResponseMessages.Items[0].(*ews.GetStreamingEventsResponseMessageType)
		if m.Notifications == nil || len(m.Notifications.Notification) != 1 {
			t.Fatalf("%s:Notification: not decoded", prefix)
		}
		if ids := createdIDs(&m.Notifications.Notification[0]); len(ids) != 1 || ids[0] != "item-1" {
			t.Errorf("%s:Notification: created %v", prefix, ids)
		}
	}
	// The generated encoder writes the form Exchange writes.
	b := ews.Marshal(&ews.GetStreamingEventsResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{
		&ews.GetStreamingEventsResponseMessageType{ResponseClass: ews.ResponseClassSuccess, Notifications: &ews.NonEmptyArrayOfNotificationsType{Notification: []ews.NotificationType{{SubscriptionId: "s"}}}}}}})
	if !strings.Contains(string(b), "<m:Notification>") {
		t.Errorf("encoded Notification is not in the messages namespace:\n%s", b)
	}
}

// StreamEvents reads a hand-written chunked stream: envelopes split
// across writes, a declaration before each, a keep-alive, an envelope over
// the size limit.
func TestStreamEventsSplitsEnvelopes(t *testing.T) {
	env := func(body string) string {
		return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` +
			`<m:GetStreamingEventsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">` +
			`<m:ResponseMessages><m:GetStreamingEventsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` + body +
			`</m:GetStreamingEventsResponseMessage></m:ResponseMessages></m:GetStreamingEventsResponse></s:Body></s:Envelope>`
	}
	note := func(i int) string {
		return fmt.Sprintf(`<m:Notifications><m:Notification><t:SubscriptionId>s1</t:SubscriptionId><t:CreatedEvent><t:TimeStamp>2024-05-01T10:00:00Z</t:TimeStamp><t:ItemId Id="i%d"/><t:ParentFolderId Id="f"/></t:CreatedEvent></m:Notification></m:Notifications>`, i)
	}
	serve := func(big bool, gate chan struct{}) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			fl := w.(http.Flusher)
			write := func(s string) { io.WriteString(w, s); fl.Flush() }
			write(env(`<m:ConnectionStatus>OK</m:ConnectionStatus>`))
			e1 := env(note(1))
			write(e1[:100]) // half an envelope, then a pause
			<-gate
			write(e1[100:] + "\r\n")
			if big {
				write(env(note(3) + strings.Repeat(" ", 4096)))
			}
			write(env(note(2)))
			write(env(`<m:ConnectionStatus>Closed</m:ConnectionStatus>`))
		}))
	}
	gate := make(chan struct{})
	ts := serve(false, gate)
	defer ts.Close()
	c := ews.NewClient(ts.URL, nil, ews.WithMaxResponseBytes(2048))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var got []string
	go func() { time.Sleep(100 * time.Millisecond); close(gate) }()
	for ev, err := range c.StreamEvents(ctx, []ews.SubscriptionIdType{"s1"}, &ews.StreamOptions{NoReconnect: true}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, createdIDs(ev.Notification)...)
	}
	if strings.Join(got, ",") != "i1,i2" {
		t.Errorf("notifications %v, want i1,i2", got)
	}
	// An envelope over WithMaxResponseBytes ends the stream with an error,
	// though the whole stream is longer than the bound anyway.
	gate2 := make(chan struct{})
	close(gate2)
	ts2 := serve(true, gate2)
	defer ts2.Close()
	c = ews.NewClient(ts2.URL, nil, ews.WithMaxResponseBytes(2048))
	var last error
	for _, err := range c.StreamEvents(ctx, []ews.SubscriptionIdType{"s1"}, &ews.StreamOptions{NoReconnect: true}) {
		last = err
	}
	if last == nil || !strings.Contains(last.Error(), "size limit") {
		t.Errorf("oversized envelope: %v, want a size-limit error", last)
	}
}

// On the wire: one chunked response holding an OK message at once, a
// keep-alive every KeepAlive, each notification as it happens (with
// m:Notification, as Exchange writes it) and ConnectionStatus Closed after
// ConnectionTimeout, outliving the server's WriteTimeout.
func TestStreamingWire(t *testing.T) {
	srv, err := New(Options{User: "alice", Password: "pw", Timeouts: Timeouts{Write: 300 * time.Millisecond},
		Notify: NotifyOptions{KeepAlive: 150 * time.Millisecond, Minute: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(nil)
	hs.Config = srv.HTTPServer()
	hs.Start()
	defer hs.Close()
	c := testClient(hs.URL, "alice", "pw")
	id, _ := subscribe(t, c, &ews.Subscribe{StreamingSubscriptionRequest: &ews.StreamingSubscriptionRequestType{
		FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent)}})
	body := (&ews.Envelope{Body: &ews.GetStreamingEvents{SubscriptionIds: &ews.NonEmptyArrayOfSubscriptionIdsType{SubscriptionId: []ews.SubscriptionIdType{id}}, ConnectionTimeout: 1}}).Marshal(ews.ClientStyle)
	req, _ := http.NewRequest(http.MethodPost, hs.URL+"/EWS/Exchange.asmx", strings.NewReader(string(body)))
	req.SetBasicAuth("alice", "pw")
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://schemas.microsoft.com/exchange/services/2006/messages/GetEvents"`)
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if len(resp.TransferEncoding) == 0 || resp.TransferEncoding[0] != "chunked" {
		t.Errorf("Transfer-Encoding %v, want chunked", resp.TransferEncoding)
	}
	go func() {
		time.Sleep(400 * time.Millisecond)
		ch := make(chan createdItem, 1)
		createMessages(t, c, 1, ch)
	}()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("stream cut after %v: %v", time.Since(start), err)
	}
	took := time.Since(start)
	s := string(data)
	// Each message is an envelope as Exchange writes them in a stream:
	// no declaration, an unprefixed Envelope (ews-javascript-api looks
	// for "<Envelope" and "</Envelope>").
	envs := strings.Count(s, "</Envelope>")
	if !strings.HasPrefix(s, `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"`) || strings.Count(s, "<Envelope ") != envs || strings.Contains(s, "<?xml") {
		t.Errorf("envelopes not in Exchange's streaming form:\n%s", s)
	}
	// The server writes the messages namespace as the default one.
	ok := len(regexp.MustCompile(`<(m:)?ConnectionStatus>OK<`).FindAllString(s, -1))
	if took < 900*time.Millisecond {
		t.Errorf("the response ended after %v, before its ConnectionTimeout (1 s here)", took)
	}
	if ok < 4 {
		t.Errorf("%d OK messages in 1 s with a keep-alive every 150 ms", ok)
	}
	if strings.Count(s, "<Notification>") != 1 || strings.Contains(s, "<t:Notification") || !strings.Contains(s, "<t:CreatedEvent>") {
		t.Errorf("want one m:Notification with a CreatedEvent in:\n%s", s)
	}
	if last := s[strings.LastIndex(s, "<Envelope "):]; !strings.HasSuffix(last, "</Envelope>") || !strings.Contains(last, "ConnectionStatus>Closed</") {
		t.Errorf("the last envelope is not ConnectionStatus Closed:\n%s", last)
	}
	t.Logf("%d envelopes (%d OK) in %v", envs, ok, took)
}

// pullAll reads every waiting event of a pull subscription.
func pullAll(t *testing.T, c *ews.Client, id ews.SubscriptionIdType, wm *ews.WatermarkType) []ews.NotificationTypeChoice {
	t.Helper()
	var out []ews.NotificationTypeChoice
	for {
		resp, err := c.GetEvents(context.Background(), &ews.GetEvents{SubscriptionId: id, Watermark: *wm})
		if err := notifyError(resp, err); err != nil {
			t.Fatal(err)
		}
		nt := resp.ResponseMessages.Items[0].(*ews.GetEventsResponseMessageType).Notification
		for _, e := range nt.Items {
			if st, ok := e.(*ews.BaseNotificationEventType); ok {
				*wm = *st.Watermark
				return out
			}
			out = append(out, e)
			switch x := e.(type) {
			case *ews.CreatedEvent:
				*wm = *x.Watermark
			case *ews.DeletedEvent:
				*wm = *x.Watermark
			case *ews.MovedEvent:
				*wm = *x.Watermark
			case *ews.NewMailEvent:
				*wm = *x.Watermark
			case *ews.ModifiedEventType:
				*wm = *x.Watermark
			}
		}
	}
}

func eventNames(evs []ews.NotificationTypeChoice) string {
	var b []string
	for _, e := range evs {
		n := strings.TrimPrefix(fmt.Sprintf("%T", e), "*ews.")
		n = strings.TrimSuffix(strings.TrimPrefix(n, "NotificationTypeChoice"), "Type")
		switch x := e.(type) {
		case *ews.ModifiedEventType:
			if x.FolderId != nil {
				n = "FolderModified"
			}
		case *ews.CreatedEvent:
			if x.FolderId != nil {
				n = "FolderCreated"
			}
		case *ews.DeletedEvent:
			if x.FolderId != nil {
				n = "FolderDeleted"
			}
		case *ews.MovedEvent:
			if x.FolderId != nil {
				n = "FolderMoved"
			}
		}
		b = append(b, n)
	}
	return strings.Join(b, " ")
}

// Each kind of change gives its event; a subscription from a watermark
// replays what happened since; an unpolled pull subscription expires.
func TestPullEventKinds(t *testing.T) {
	ns := newNotifyServer(t, NotifyOptions{Minute: 500 * time.Millisecond})
	ctx := context.Background()
	all := eventTypes(ews.NotificationEventTypeCreatedEvent, ews.NotificationEventTypeDeletedEvent, ews.NotificationEventTypeModifiedEvent,
		ews.NotificationEventTypeMovedEvent, ews.NotificationEventTypeNewMailEvent, ews.NotificationEventTypeCopiedEvent)
	id, wm := subscribe(t, ns.alice, &ews.Subscribe{PullSubscriptionRequest: &ews.PullSubscriptionRequestType{SubscribeToAllFolders: ptr(true), EventTypes: all, Timeout: 1}})
	start := wm
	ch := make(chan createdItem, 1)
	createMessages(t, ns.alice, 1, ch)
	item := (<-ch).id
	if got := eventNames(pullAll(t, ns.alice, id, &wm)); got != "CreatedEvent NewMailEvent FolderModified" {
		t.Errorf("create in the Inbox: %s", got)
	}
	must(ns.alice.UpdateItem(ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
		ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: &ews.ItemIdType{Id: item},
			Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{
				&ews.SetItemFieldType{Path: fieldURI("item:Subject"), Message: &ews.MessageType{Subject: ptr("changed")}}}}}}}}))
	if got := eventNames(pullAll(t, ns.alice, id, &wm)); got != "ModifiedEvent" {
		t.Errorf("update: %s", got)
	}
	must(ns.alice.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalMoveToDeletedItems, ItemIds: itemIds(&ews.ItemIdType{Id: item})}))
	evs := pullAll(t, ns.alice, id, &wm)
	if got := eventNames(evs); !strings.HasPrefix(got, "MovedEvent FolderModified FolderModified") {
		t.Errorf("delete to Deleted Items: %s", got)
	} else if mv := evs[0].(*ews.MovedEvent); mv.OldItemId == nil || mv.OldItemId.Id != item || mv.ItemId == nil || mv.OldParentFolderId == nil {
		t.Errorf("MovedEvent %+v: want OldItemId %s, the new ItemId and the old parent", mv, item)
	}
	cf := must(ns.alice.CreateFolder(ctx, &ews.CreateFolder{ParentFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")},
		Folders: &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr("F")}}}}))
	fid := cf.ResponseMessages.Items[0].(*ews.CreateFolderResponseMessage).Folders.Items[0].(*ews.FolderType).FolderId
	must(ns.alice.DeleteFolder(ctx, &ews.DeleteFolder{DeleteType: ews.DisposalHardDelete, FolderIds: folderIds(fid)}))
	if got := eventNames(pullAll(t, ns.alice, id, &wm)); got != "FolderCreated FolderDeleted" {
		t.Errorf("folder created and deleted: %s", got)
	}
	// A new subscription from the first watermark replays everything.
	id2, _ := subscribe(t, ns.alice, &ews.Subscribe{PullSubscriptionRequest: &ews.PullSubscriptionRequestType{SubscribeToAllFolders: ptr(true), EventTypes: all, Timeout: 1, Watermark: &start}})
	w2 := start
	if got := eventNames(pullAll(t, ns.alice, id2, &w2)); !strings.HasPrefix(got, "CreatedEvent NewMailEvent FolderModified ModifiedEvent MovedEvent") || !strings.HasSuffix(got, "FolderCreated FolderDeleted") {
		t.Errorf("replay from the subscription's first watermark: %s", got)
	}
	// Not polled for its Timeout (one 500 ms minute): expired.
	time.Sleep(700 * time.Millisecond)
	if err := notifyError(ns.alice.GetEvents(ctx, &ews.GetEvents{SubscriptionId: id, Watermark: wm})); !errors.Is(err, ews.ResponseCodeErrorExpiredSubscription) {
		t.Errorf("GetEvents after the timeout: %v, want ErrorExpiredSubscription", err)
	}
}

// The client timeout does not cut a stream that keeps talking, but drops
// (and replaces) a connection on which nothing arrives for that long.
func TestStreamEventsTimeouts(t *testing.T) {
	run := func(keepAlive time.Duration) (time.Duration, int32, error) {
		ns := newNotifyServer(t, NotifyOptions{KeepAlive: keepAlive, Minute: time.Second})
		id, _ := subscribe(t, ns.alice, &ews.Subscribe{StreamingSubscriptionRequest: &ews.StreamingSubscriptionRequestType{
			SubscribeToAllFolders: ptr(true), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent)}})
		c := ews.NewClient(ns.ts.URL+"/EWS/Exchange.asmx", nil, ews.WithTimeout(300*time.Millisecond),
			ews.WithHTTPHeader("Authorization", "Basic YWxpY2U6cHc=")) // alice:pw
		ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		defer cancel()
		start := time.Now()
		var last error
		for _, err := range c.StreamEvents(ctx, []ews.SubscriptionIdType{id}, &ews.StreamOptions{ConnectionTimeout: 1, NoReconnect: keepAlive < 300*time.Millisecond}) {
			last = err
		}
		return time.Since(start), ns.streams.Load(), last
	}
	// Keep-alives every 100 ms: one connection lasts its whole second.
	took, conns, err := run(100 * time.Millisecond)
	if err != nil || conns != 1 || took < 900*time.Millisecond {
		t.Errorf("with keep-alives: %v after %v over %d connections, want one clean 1 s connection", err, took, conns)
	}
	// No keep-alive within the 300 ms client timeout: connections are
	// dropped and replaced until ctx ends.
	took, conns, err = run(10 * time.Second)
	if conns < 2 || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("silent server: %v after %v over %d connections, want several connections and the context's deadline", err, took, conns)
	}
}

// Events that happen while no connection reads a streaming subscription
// come with the next connection; more than MaxQueue end it with
// ErrorMissedNotificationEvents.
func TestStreamingBacklog(t *testing.T) {
	ns := newNotifyServer(t, NotifyOptions{KeepAlive: 100 * time.Millisecond, MaxQueue: 5})
	sub := func() ews.SubscriptionIdType {
		id, _ := subscribe(t, ns.alice, &ews.Subscribe{StreamingSubscriptionRequest: &ews.StreamingSubscriptionRequestType{
			FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent)}})
		return id
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	few := sub()
	ch := make(chan createdItem, 3)
	createEvery(t, ns.alice, 3, 0, ch)
	n := 0
	for ev, err := range ns.alice.StreamEvents(ctx, []ews.SubscriptionIdType{few}, &ews.StreamOptions{ConnectionTimeout: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		if n += len(createdIDs(ev.Notification)); n == 3 {
			break
		}
	}
	many := sub()
	ch = make(chan createdItem, 6)
	createEvery(t, ns.alice, 6, 0, ch)
	var got error
	for ev, err := range ns.alice.StreamEvents(ctx, []ews.SubscriptionIdType{many}, &ews.StreamOptions{ConnectionTimeout: 1}) {
		if err != nil {
			break
		}
		if ev.Err != nil {
			got = ev.Err
		}
	}
	if !errors.Is(got, ews.ResponseCodeErrorMissedNotificationEvents) {
		t.Errorf("6 events queued with MaxQueue 5: %v, want ErrorMissedNotificationEvents", got)
	}
}
