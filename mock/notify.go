package mock

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// NotifyOptions configure event notifications (Subscribe, GetEvents,
// GetStreamingEvents, push notifications); zero fields take the defaults.
type NotifyOptions struct {
	// KeepAlive is the interval of the keep-alive messages (a
	// GetStreamingEventsResponseMessage with ConnectionStatus OK) on a
	// streaming connection without events (default 1 min).
	KeepAlive time.Duration
	// MaxEventsPerGet is the number of events one GetEvents answer holds at
	// most; more set MoreEvents (default 50).
	MaxEventsPerGet int
	// MaxQueue bounds the events waiting for one subscription (default
	// 10000); beyond, the subscription has missed events and its next read
	// answers ErrorMissedNotificationEvents.
	MaxQueue int
	// PushClient posts push notifications (default: an http.Client with a
	// 30 s timeout and its own transport, whose idle connections
	// Server.Close closes).
	PushClient *http.Client
	// AllowPush decides which callback URLs push subscriptions may use
	// (default: http or https on a loopback address only).
	AllowPush func(*url.URL) bool
	// PushRetry is the first wait before a failed push notification is
	// sent again; the wait doubles up to the subscription's
	// StatusFrequency, after which the subscription is dropped, as
	// Exchange does (default 1 s).
	PushRetry time.Duration
	// Minute is the length of the minutes of ConnectionTimeout,
	// StatusFrequency and pull Timeout (default time.Minute; tests shorten
	// it).
	Minute time.Duration
}

func (o *NotifyOptions) setDefaults() {
	if o.KeepAlive <= 0 {
		o.KeepAlive = time.Minute
	}
	if o.MaxEventsPerGet <= 0 {
		o.MaxEventsPerGet = 50
	}
	if o.MaxQueue <= 0 {
		o.MaxQueue = 10000
	}
	if o.PushClient == nil {
		// Its own transport, whose connections Close closes.
		o.PushClient = &http.Client{Timeout: 30 * time.Second, Transport: http.DefaultTransport.(*http.Transport).Clone()}
	}
	if o.AllowPush == nil {
		o.AllowPush = loopbackURL
	}
	if o.PushRetry <= 0 {
		o.PushRetry = time.Second
	}
	if o.Minute <= 0 {
		o.Minute = time.Minute
	}
}

// loopbackURL accepts http and https URLs whose host is a loopback address
// or localhost.
func loopbackURL(u *url.URL) bool {
	if u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Subscription kinds.
const (
	subPull = iota
	subPush
	subStreaming
)

// event is one change of a mailbox, as notifications report it.
type event struct {
	kind      string // CreatedEvent, DeletedEvent, ModifiedEvent, MovedEvent, CopiedEvent, NewMailEvent
	seq       uint64
	at        time.Time
	folder    bool   // a folder event (FolderId) rather than an item event (ItemId)
	id, ck    string // the item or folder and its change key
	parent    string // ParentFolderId
	oldID     string // moves: the old id (ids do not change here) ...
	oldParent string // ... and the old parent
	unread    *int32 // ModifiedEvent of a folder: its unread count
}

// subscription is a pull, push or streaming subscription.
type subscription struct {
	id      string
	kind    int
	owner   *mailbox // the user who subscribed: only it may read or end it
	mbx     *mailbox // the mailbox watched
	all     bool
	folders map[string]bool // folder ids watched, unless all
	types   map[string]bool // event element names

	queue  []event
	acked  uint64 // pull: events up to this sequence were read
	missed bool

	// pull
	timeout  time.Duration
	lastPoll time.Time
	// push
	url        string
	frequency  time.Duration
	callerData *string
	// streaming: the connection reading it, woken on new events
	conn *streamConn

	wake chan struct{} // push: new events
	done chan struct{} // closed when the subscription ends
}

// streamConn is one open GetStreamingEvents response.
// streamEnvelope rewrites an envelope as Exchange writes the messages of
// a streaming response: no XML declaration, and an unprefixed Envelope
// element (<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">),
// which clients such as ews-javascript-api look for literally. The other
// elements keep their prefixes.
func streamEnvelope(b []byte) []byte {
	const soapNS = "http://schemas.xmlsoap.org/soap/envelope/"
	if i := bytes.Index(b, []byte("?>")); bytes.HasPrefix(b, []byte("<?xml")) && i > 0 {
		b = bytes.TrimLeft(b[i+2:], " \r\n")
	}
	open := []byte(`<s:Envelope xmlns:s="` + soapNS + `">`)
	end := []byte("</s:Envelope>")
	if !bytes.HasPrefix(b, open) || !bytes.HasSuffix(b, end) {
		return b // not the shape this rewrite knows: left as it is
	}
	out := make([]byte, 0, len(b)+64)
	out = append(out, `<Envelope xmlns="`+soapNS+`" xmlns:s="`+soapNS+`">`...)
	out = append(out, b[len(open):len(b)-len(end)]...)
	return append(out, "</Envelope>"...)
}

type streamConn struct {
	wake chan struct{}
}

// hub keeps the subscriptions and the recent events of every mailbox.
type hub struct {
	mu   sync.Mutex
	subs map[string]*subscription
	seq  map[*mailbox]uint64 // last event sequence per mailbox
	log  map[*mailbox][]event
	// ids holds the id each item had at its last event: a move gives the
	// item a new id before the store places it, and the MovedEvent names
	// both.
	ids map[*item]string
}

// logSize is how many recent events a mailbox keeps for subscriptions that
// start from a watermark.
const logSize = 4096

func newHub() *hub {
	return &hub{subs: map[string]*subscription{}, seq: map[*mailbox]uint64{}, log: map[*mailbox][]event{}, ids: map[*item]string{}}
}

// watermark encodes the position after event seq of mailbox m.
func watermark(m *mailbox, seq uint64) string {
	b := append([]byte{0x01}, m.guid[:]...)
	b = binary.BigEndian.AppendUint64(b, seq)
	return base64.StdEncoding.EncodeToString(b)
}

// parseWatermark returns the sequence a watermark of m holds.
func parseWatermark(m *mailbox, wm string) (uint64, bool) {
	b, err := base64.StdEncoding.DecodeString(wm)
	if err != nil || len(b) != 25 || b[0] != 0x01 || !bytes.Equal(b[1:17], m.guid[:]) {
		return 0, false
	}
	return binary.BigEndian.Uint64(b[17:]), true
}

// The store calls these at its mutation points, holding s.mu for writing.

func (s *Server) itemEvent(kind string, it *item, parent, oldParent *folder) {
	s.mutated()
	if s.hub == nil {
		return
	}
	ev := event{kind: kind, id: it.id, ck: it.changeKey()}
	if parent != nil {
		ev.parent = parent.id
	}
	h := s.hub
	h.mu.Lock()
	prev, ok := h.ids[it]
	if kind == "DeletedEvent" {
		delete(h.ids, it)
	} else {
		h.ids[it] = it.id
	}
	h.mu.Unlock()
	if !ok {
		prev = it.id
	}
	if oldParent != nil {
		ev.oldID, ev.oldParent = prev, oldParent.id
	}
	m := it.mbx
	if parent != nil {
		m = parent.mbx
	}
	s.hub.publish(s, m, ev)
}

func (s *Server) folderEvent(kind string, f, parent, oldParent *folder) {
	s.mutated()
	if s.hub == nil || f.mbx == nil {
		return
	}
	ev := event{kind: kind, folder: true, id: f.id, ck: f.changeKey()}
	if parent != nil {
		ev.parent = parent.id
	}
	if oldParent != nil {
		ev.oldID, ev.oldParent = f.id, oldParent.id
	}
	if kind == "ModifiedEvent" {
		u := int32(f.unread)
		ev.unread = &u
	}
	s.hub.publish(s, f.mbx, ev)
}

// folderChanged reports a change of f's content (an item in or out, read
// or unread) as a ModifiedEvent of f with its unread count.
func (s *Server) folderChanged(f *folder) {
	if f != nil && s.hub != nil && s.hub.watching(f.mbx) {
		s.folderEvent("ModifiedEvent", f, f.parent, nil)
	}
}

// watching reports whether a subscription watches mailbox m.
func (h *hub) watching(m *mailbox) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, sub := range h.subs {
		if sub.mbx == m {
			return true
		}
	}
	return false
}

// publish numbers ev, logs it and queues it for the subscriptions that
// watch it.
func (h *hub) publish(s *Server, m *mailbox, ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq[m]++
	ev.seq = h.seq[m]
	ev.at = s.opts.Now()
	lg := append(h.log[m], ev)
	if len(lg) > logSize {
		lg = lg[len(lg)-logSize:]
	}
	h.log[m] = lg
	for _, sub := range h.subs {
		if sub.mbx != m || !sub.matches(ev) {
			continue
		}
		if len(sub.queue) >= s.opts.Notify.MaxQueue {
			sub.missed = true
			continue
		}
		sub.queue = append(sub.queue, ev)
		sub.signal()
	}
}

// matches reports whether the subscription reports ev.
func (sub *subscription) matches(ev event) bool {
	if !sub.types[ev.kind] {
		return false
	}
	if sub.all {
		return true
	}
	return sub.folders[ev.parent] || (ev.oldParent != "" && sub.folders[ev.oldParent]) || (ev.folder && sub.folders[ev.id])
}

// signal wakes whoever delivers the subscription's events. Callers hold
// hub.mu.
func (sub *subscription) signal() {
	var c chan struct{}
	switch {
	case sub.conn != nil:
		c = sub.conn.wake
	case sub.wake != nil:
		c = sub.wake
	}
	if c != nil {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

// notificationOf makes the Notification of events evs of sub.
func notificationOf(sub *subscription, prev string, evs []event, more bool) ews.NotificationType {
	n := ews.NotificationType{SubscriptionId: ews.SubscriptionIdType(sub.id)}
	if sub.kind != subStreaming {
		p := ews.WatermarkType(prev)
		n.PreviousWatermark = &p
		n.MoreEvents = &more
	}
	for _, ev := range evs {
		n.Items = append(n.Items, eventElem(sub, ev))
	}
	return n
}

func eventElem(sub *subscription, ev event) ews.NotificationTypeChoice {
	var wm *ews.WatermarkType
	if sub.kind != subStreaming {
		w := ews.WatermarkType(watermark(sub.mbx, ev.seq))
		wm = &w
	}
	base := ews.BaseObjectChangedEventType{Watermark: wm, TimeStamp: ews.XSDateTimeOf(ev.at.UTC().Truncate(time.Second))}
	if ev.folder {
		base.FolderId = &ews.FolderIdType{Id: ev.id, ChangeKey: ptr(ev.ck)}
	} else {
		base.ItemId = &ews.ItemIdType{Id: ev.id, ChangeKey: ptr(ev.ck)}
	}
	if ev.parent != "" {
		base.ParentFolderId = &ews.FolderIdType{Id: ev.parent}
	}
	moved := func() ews.MovedCopiedEventType {
		mc := ews.MovedCopiedEventType{Watermark: base.Watermark, TimeStamp: base.TimeStamp, FolderId: base.FolderId, ItemId: base.ItemId, ParentFolderId: base.ParentFolderId}
		if ev.folder {
			mc.OldFolderId = &ews.FolderIdType{Id: ev.oldID}
		} else {
			mc.OldItemId = &ews.ItemIdType{Id: ev.oldID}
		}
		mc.OldParentFolderId = &ews.FolderIdType{Id: ev.oldParent}
		return mc
	}
	switch ev.kind {
	case "CreatedEvent":
		x := ews.CreatedEvent(base)
		return &x
	case "DeletedEvent":
		x := ews.DeletedEvent(base)
		return &x
	case "NewMailEvent":
		x := ews.NewMailEvent(base)
		return &x
	case "ModifiedEvent":
		return &ews.ModifiedEventType{Watermark: base.Watermark, TimeStamp: base.TimeStamp, FolderId: base.FolderId, ItemId: base.ItemId, ParentFolderId: base.ParentFolderId, UnreadCount: ev.unread}
	case "MovedEvent":
		x := ews.MovedEvent(moved())
		return &x
	case "CopiedEvent":
		x := ews.CopiedEvent(moved())
		return &x
	}
	return &ews.BaseNotificationEventType{Watermark: wm}
}

// statusEvent is the StatusEvent of a subscription with nothing to report.
func statusEvent(sub *subscription, seq uint64) ews.NotificationTypeChoice {
	var wm *ews.WatermarkType
	if sub.kind != subStreaming {
		w := ews.WatermarkType(watermark(sub.mbx, seq))
		wm = &w
	}
	return &ews.BaseNotificationEventType{Watermark: wm}
}

var allEventKinds = []string{"CopiedEvent", "CreatedEvent", "DeletedEvent", "ModifiedEvent", "MovedEvent", "NewMailEvent", "FreeBusyChangedEvent"}

// Subscribe creates a pull, push or streaming subscription on folders of
// the acting user's mailbox (or all its folders).
func (s *Server) Subscribe(ctx context.Context, req *ews.Subscribe) (*ews.SubscribeResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	msg := &ews.SubscribeResponseMessageType{}
	resp := &ews.SubscribeResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	sub, err := s.newSubscription(me, req)
	setResult(msg, err)
	if err != nil {
		return resp, nil
	}
	id := ews.SubscriptionIdType(sub.id)
	msg.SubscriptionId = &id
	if sub.kind != subStreaming {
		s.hub.mu.Lock()
		wm := ews.WatermarkType(watermark(sub.mbx, sub.acked))
		s.hub.mu.Unlock()
		msg.Watermark = &wm
	}
	return resp, nil
}

func (s *Server) newSubscription(me *mailbox, req *ews.Subscribe) (*subscription, *errMsg) {
	var all *bool
	var fids *ews.NonEmptyArrayOfBaseFolderIdsType
	var types *ews.NonEmptyArrayOfNotificationEventTypesType
	var startWM *ews.WatermarkType
	sub := &subscription{owner: me, mbx: me, folders: map[string]bool{}, types: map[string]bool{}, done: make(chan struct{})}
	switch {
	case req.PullSubscriptionRequest != nil:
		r := req.PullSubscriptionRequest
		all, fids, types, startWM = r.SubscribeToAllFolders, r.FolderIds, r.EventTypes, r.Watermark
		sub.kind = subPull
		if r.Timeout < 1 || r.Timeout > 1440 {
			return nil, &errMsg{code: ews.ResponseCodeErrorInvalidSubscriptionRequest, text: "The Timeout of a pull subscription must be 1 to 1440 minutes."}
		}
		sub.timeout = time.Duration(r.Timeout) * s.opts.Notify.Minute
		sub.lastPoll = s.opts.Now()
	case req.PushSubscriptionRequest != nil:
		r := req.PushSubscriptionRequest
		all, fids, types, startWM = r.SubscribeToAllFolders, r.FolderIds, r.EventTypes, r.Watermark
		sub.kind = subPush
		if r.StatusFrequency < 1 || r.StatusFrequency > 1440 {
			return nil, &errMsg{code: ews.ResponseCodeErrorInvalidSubscriptionRequest, text: "The StatusFrequency of a push subscription must be 1 to 1440 minutes."}
		}
		u, err := url.Parse(strings.TrimSpace(r.URL))
		if err != nil || !s.opts.Notify.AllowPush(u) {
			return nil, &errMsg{code: ews.ResponseCodeErrorInvalidPushSubscriptionUrl, text: "The push subscription URL is not valid or not allowed."}
		}
		sub.url, sub.frequency, sub.callerData = u.String(), time.Duration(r.StatusFrequency)*s.opts.Notify.Minute, r.CallerData
		sub.wake = make(chan struct{}, 1)
	case req.StreamingSubscriptionRequest != nil:
		r := req.StreamingSubscriptionRequest
		all, fids, types = r.SubscribeToAllFolders, r.FolderIds, r.EventTypes
		sub.kind = subStreaming
	default:
		return nil, &errMsg{code: ews.ResponseCodeErrorInvalidSubscriptionRequest, text: "The request holds no subscription."}
	}
	if types == nil || len(types.Items) == 0 {
		return nil, &errMsg{code: ews.ResponseCodeErrorInvalidSubscriptionRequest, text: "A subscription needs at least one event type."}
	}
	for _, t := range types.Items {
		if et, ok := t.(*ews.EventType); ok {
			sub.types[string(et.Value)] = true
		}
	}
	sub.all = all != nil && *all
	hasFolders := fids != nil && len(fids.Items) > 0
	if sub.all == hasFolders {
		return nil, &errMsg{code: ews.ResponseCodeErrorInvalidSubscriptionRequest, text: "A subscription names folders or sets SubscribeToAllFolders, not both and not neither."}
	}
	var err *errMsg
	s.locked(false, func() {
		if !hasFolders {
			return
		}
		for _, id := range fids.Items {
			f, e := s.folderFor(me, id, needRead)
			if e != nil {
				err = e
				return
			}
			if f.mbx != me {
				err = &errMsg{code: ews.ResponseCodeErrorSubscriptionDelegateAccessNotSupported, text: "Subscriptions to folders of other mailboxes are not supported; use impersonation."}
				return
			}
			sub.folders[f.id] = true
		}
	})
	if err != nil {
		return nil, err
	}
	id := s.newSubscriptionID(me) // takes s.mu: before hub.mu
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	sub.acked = h.seq[me]
	if startWM != nil && *startWM != "" {
		seq, ok := parseWatermark(me, string(*startWM))
		if !ok || seq > h.seq[me] {
			return nil, fail(ews.ResponseCodeErrorInvalidWatermark)
		}
		lg := h.log[me]
		if seq < h.seq[me] && (len(lg) == 0 || lg[0].seq > seq+1) {
			return nil, &errMsg{code: ews.ResponseCodeErrorInvalidWatermark, text: "The watermark is older than the events the server keeps."}
		}
		for _, ev := range lg {
			if ev.seq > seq && sub.matches(ev) {
				sub.queue = append(sub.queue, ev)
			}
		}
		sub.acked = seq
	}
	sub.id = id
	h.subs[sub.id] = sub
	if sub.kind == subPush {
		s.startPush(sub)
	}
	return sub, nil
}

// newSubscriptionID returns an id shaped like Exchange's (base64).
func (s *Server) newSubscriptionID(m *mailbox) string {
	s.mu.Lock()
	id := s.newID(m, kindFolder)
	s.mu.Unlock()
	b, _ := base64.StdEncoding.DecodeString(id)
	b[0] = 0x26 // not a folder id
	return base64.StdEncoding.EncodeToString(b)
}

// subscriptionFor returns the subscription id names, if me may use it.
// Callers hold hub.mu.
func (s *Server) subscriptionFor(me *mailbox, id string) (*subscription, *errMsg) {
	sub := s.hub.subs[id]
	if sub == nil {
		return nil, fail(ews.ResponseCodeErrorSubscriptionNotFound)
	}
	if sub.owner != me {
		return nil, fail(ews.ResponseCodeErrorSubscriptionAccessDenied)
	}
	return sub, nil
}

// end removes a subscription. Callers hold hub.mu.
func (h *hub) end(sub *subscription) {
	if h.subs[sub.id] != sub {
		return
	}
	delete(h.subs, sub.id)
	close(sub.done)
	if sub.conn != nil {
		sub.signal()
	}
}

// GetEvents returns the events of a pull subscription after a watermark.
func (s *Server) GetEvents(ctx context.Context, req *ews.GetEvents) (*ews.GetEventsResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	msg := &ews.GetEventsResponseMessageType{}
	resp := &ews.GetEventsResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	sub, err := s.subscriptionFor(me, string(req.SubscriptionId))
	if err == nil && sub.kind != subPull {
		err = fail(ews.ResponseCodeErrorInvalidPullSubscriptionId)
	}
	now := s.opts.Now()
	if err == nil && now.Sub(sub.lastPoll) > sub.timeout {
		h.end(sub)
		s.mutated()
		err = &errMsg{code: ews.ResponseCodeErrorExpiredSubscription, text: "The subscription expired: it was not polled within its timeout."}
	}
	var seq uint64
	if err == nil {
		var ok bool
		seq, ok = parseWatermark(sub.mbx, string(req.Watermark))
		if !ok || seq < sub.acked || seq > h.seq[sub.mbx] {
			err = fail(ews.ResponseCodeErrorInvalidWatermark)
		}
	}
	if err == nil && sub.missed {
		h.end(sub)
		err = &errMsg{code: ews.ResponseCodeErrorMissedNotificationEvents, text: "The subscription missed events: more were waiting than the server keeps. Subscribe again."}
	}
	setResult(msg, err)
	if err != nil {
		return resp, nil
	}
	sub.lastPoll = now
	s.mutated() // the poll time and the events read are kept
	// Events up to the watermark were read: drop them.
	k := 0
	for k < len(sub.queue) && sub.queue[k].seq <= seq {
		k++
	}
	sub.queue = sub.queue[k:]
	sub.acked = seq
	n := min(len(sub.queue), s.opts.Notify.MaxEventsPerGet)
	nt := notificationOf(sub, string(req.Watermark), sub.queue[:n], n < len(sub.queue))
	if n == 0 {
		nt.Items = []ews.NotificationTypeChoice{statusEvent(sub, max(seq, h.seq[sub.mbx]))}
		sub.acked = h.seq[sub.mbx]
	}
	msg.Notification = &nt
	return resp, nil
}

// Unsubscribe ends a pull or streaming subscription.
func (s *Server) Unsubscribe(ctx context.Context, req *ews.Unsubscribe) (*ews.UnsubscribeResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	msg := &ews.UnsubscribeResponseMessage{}
	resp := &ews.UnsubscribeResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	sub, err := s.subscriptionFor(me, string(req.SubscriptionId))
	if err == nil {
		h.end(sub)
	}
	setResult(msg, err)
	return resp, nil
}

// GetStreamingEvents is served by the streaming handler (serveStreaming),
// which writes one envelope per message into a response that stays open;
// this method is reached only when that handler is bypassed.
func (s *Server) GetStreamingEvents(ctx context.Context, req *ews.GetStreamingEvents) (*ews.GetStreamingEventsResponse, error) {
	return nil, faultError("ErrorInvalidRequest", "GetStreamingEvents is served as a stream over HTTP only.")
}

// streaming serves GetStreamingEvents requests as Exchange does, and
// passes other requests to next.
func (s *Server) streaming(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// services.wsdl gives GetStreamingEvents the SOAPAction of
		// GetEvents.
		if a := r.Header.Get("SOAPAction"); r.Method != http.MethodPost || (a != "" && !strings.Contains(a, "GetStreamingEvents") && !strings.Contains(a, "/GetEvents")) {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, s.opts.Limits.MaxRequestBytes+1))
		if err != nil {
			http.Error(w, "cannot read the request body", http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !bytes.Contains(body, []byte("GetStreamingEvents")) {
			next.ServeHTTP(w, r)
			return
		}
		env, err := ews.DecodeOptions{MaxBytes: s.opts.Limits.MaxRequestBytes}.UnmarshalEnvelope(body)
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		req, ok := env.Body.(*ews.GetStreamingEvents)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if v := env.Header.RequestServerVersion; v != nil && !versionOK(string(v.Version)) {
			next.ServeHTTP(w, r) // the generated handler answers the fault
			return
		}
		s.serveStreaming(w, r, &env.Header, req)
	})
}

// serveStreaming writes the envelopes of one GetStreamingEvents response:
// an OK message at once, each notification as it happens, a keep-alive
// (ConnectionStatus OK) every KeepAlive without events, and ConnectionStatus
// Closed after ConnectionTimeout minutes or when no subscription is left.
func (s *Server) serveStreaming(w http.ResponseWriter, r *http.Request, hdr *ews.EnvelopeHeader, req *ews.GetStreamingEvents) {
	me, ferr := s.actorOf(r.Context(), hdr)
	write := func(msg *ews.GetStreamingEventsResponseMessageType) error {
		env := ews.Envelope{Header: ews.EnvelopeHeader{ServerVersionInfo: copyAny(s.opts.ServerVersion)},
			Body: &ews.GetStreamingEventsResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}}
		b := streamEnvelope(env.Marshal(ews.ServerStyle))
		if _, err := w.Write(b); err != nil {
			return err
		}
		return http.NewResponseController(w).Flush()
	}
	status := func(st ews.ConnectionStatusType) *ews.ConnectionStatusType { return &st }
	if ferr != nil {
		var f *ews.SOAPFault
		if errors.As(ferr, &f) {
			b := (&ews.Envelope{Fault: f}).Marshal(ews.ServerStyle)
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write(b)
		}
		return
	}
	minutes := int(req.ConnectionTimeout)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	if minutes < 1 || minutes > 30 {
		msg := &ews.GetStreamingEventsResponseMessageType{ConnectionStatus: status(ews.ConnectionStatusClosed)}
		setResult(msg, &errMsg{code: ews.ResponseCodeErrorInvalidArgument, text: "ConnectionTimeout must be 1 to 30 minutes."})
		write(msg)
		return
	}
	var ids []string
	if req.SubscriptionIds != nil {
		for _, id := range req.SubscriptionIds.SubscriptionId {
			ids = append(ids, string(id))
		}
	}
	conn := &streamConn{wake: make(chan struct{}, 1)}
	h := s.hub
	var subs []*subscription
	var bad []ews.SubscriptionIdType
	var badErr *errMsg
	h.mu.Lock()
	for _, id := range ids {
		sub, err := s.subscriptionFor(me, id)
		if err == nil && sub.kind != subStreaming {
			err = fail(ews.ResponseCodeErrorInvalidSubscription)
		}
		if err != nil {
			bad = append(bad, ews.SubscriptionIdType(id))
			if badErr == nil {
				badErr = err
			}
			continue
		}
		if old := sub.conn; old != nil {
			// The newest connection takes the subscription over; the
			// older one reports it gone.
			select {
			case old.wake <- struct{}{}:
			default:
			}
		}
		sub.conn = conn
		subs = append(subs, sub)
		if len(sub.queue) > 0 || sub.missed {
			// Events that came while no connection read it.
			sub.signal()
		}
	}
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		for _, sub := range subs {
			if sub.conn == conn {
				sub.conn = nil
			}
		}
		h.mu.Unlock()
	}()

	deadline := time.Now().Add(time.Duration(minutes) * s.opts.Notify.Minute)
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(deadline.Add(time.Minute))
	w.WriteHeader(http.StatusOK)
	first := &ews.GetStreamingEventsResponseMessageType{ConnectionStatus: status(ews.ConnectionStatusOK)}
	setResult(first, nil)
	if len(bad) > 0 {
		setResult(first, badErr)
		first.ErrorSubscriptionIds = &ews.NonEmptyArrayOfSubscriptionIdsType{SubscriptionId: bad}
		if len(subs) == 0 {
			first.ConnectionStatus = status(ews.ConnectionStatusClosed)
			write(first)
			return
		}
	}
	if write(first) != nil {
		return
	}
	end := time.NewTimer(time.Until(deadline))
	defer end.Stop()
	keep := time.NewTicker(s.opts.Notify.KeepAlive)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-end.C:
			msg := &ews.GetStreamingEventsResponseMessageType{ConnectionStatus: status(ews.ConnectionStatusClosed)}
			setResult(msg, nil)
			write(msg)
			return
		case <-s.closing():
			msg := &ews.GetStreamingEventsResponseMessageType{ConnectionStatus: status(ews.ConnectionStatusClosed)}
			setResult(msg, nil)
			write(msg)
			return
		case <-keep.C:
			msg := &ews.GetStreamingEventsResponseMessageType{ConnectionStatus: status(ews.ConnectionStatusOK)}
			setResult(msg, nil)
			if write(msg) != nil {
				return
			}
		case <-conn.wake:
			msg := &ews.GetStreamingEventsResponseMessageType{}
			setResult(msg, nil)
			var gone, missed []ews.SubscriptionIdType
			var notes []ews.NotificationType
			h.mu.Lock()
			live := subs[:0]
			for _, sub := range subs {
				if h.subs[sub.id] != sub || sub.conn != conn {
					gone = append(gone, ews.SubscriptionIdType(sub.id))
					continue
				}
				if sub.missed {
					missed = append(missed, ews.SubscriptionIdType(sub.id))
					h.end(sub)
					continue
				}
				live = append(live, sub)
				if len(sub.queue) > 0 {
					notes = append(notes, notificationOf(sub, "", sub.queue, false))
					sub.queue = nil
					s.mutated() // saved with the next change
				}
			}
			subs = live
			h.mu.Unlock()
			if len(missed) > 0 {
				m := &ews.GetStreamingEventsResponseMessageType{ErrorSubscriptionIds: &ews.NonEmptyArrayOfSubscriptionIdsType{SubscriptionId: missed}}
				setResult(m, &errMsg{code: ews.ResponseCodeErrorMissedNotificationEvents, text: "The subscription missed events: more were waiting than the server keeps. Subscribe again."})
				if write(m) != nil {
					return
				}
			}
			if len(notes) > 0 {
				msg.Notifications = &ews.NonEmptyArrayOfNotificationsType{Notification: notes}
			}
			if len(gone) > 0 {
				setResult(msg, fail(ews.ResponseCodeErrorSubscriptionNotFound))
				msg.ErrorSubscriptionIds = &ews.NonEmptyArrayOfSubscriptionIdsType{SubscriptionId: gone}
			}
			if len(subs) == 0 {
				msg.ConnectionStatus = status(ews.ConnectionStatusClosed)
			}
			if msg.Notifications == nil && msg.ErrorSubscriptionIds == nil && len(subs) > 0 {
				continue
			}
			if write(msg) != nil || len(subs) == 0 {
				return
			}
			keep.Reset(s.opts.Notify.KeepAlive)
		}
	}
}

// actorOf is actor for a request the generated handler does not serve:
// the SOAP header comes from the decoded envelope.
func (s *Server) actorOf(ctx context.Context, hdr *ews.EnvelopeHeader) (*mailbox, error) {
	me := s.caller(ctx)
	if hdr == nil || hdr.ExchangeImpersonation == nil {
		return me, nil
	}
	sid := hdr.ExchangeImpersonation.ConnectingSID
	var who string
	switch {
	case sid == nil:
	case sid.PrimarySmtpAddress != nil:
		who = string(sid.PrimarySmtpAddress.Value)
	case sid.SmtpAddress != nil:
		who = string(sid.SmtpAddress.Value)
	case sid.PrincipalName != nil:
		who = string(sid.PrincipalName.Value)
	}
	target := s.mailboxOfUser(who)
	if target == nil {
		return nil, faultError("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.")
	}
	if target != me && !me.impersonateAll && !me.mayImpersonate[target] {
		return nil, faultError("ErrorImpersonateUserDenied", "The account does not have permission to impersonate the requested user.")
	}
	return target, nil
}

// pushLoop posts the events of a push subscription to its URL as they
// happen, and a StatusEvent every StatusFrequency without events. A failed
// post is repeated after PushRetry, doubling, until StatusFrequency has
// passed, then the subscription ends; an answer with SubscriptionStatus
// Unsubscribe ends it at once.
func (s *Server) pushLoop(sub *subscription) {
	h := s.hub
	status := time.NewTimer(sub.frequency)
	defer status.Stop()
	var prev string
	h.mu.Lock()
	prev = watermark(sub.mbx, sub.acked)
	h.mu.Unlock()
	for {
		select {
		case <-sub.done:
			return
		case <-s.closing():
			return
		case <-sub.wake:
		case <-status.C:
		}
		h.mu.Lock()
		evs := append([]event(nil), sub.queue...)
		var nt ews.NotificationType
		last := sub.acked
		if len(evs) > 0 {
			nt = notificationOf(sub, prev, evs, false)
			last = evs[len(evs)-1].seq
		} else {
			last = max(last, h.seq[sub.mbx])
			nt = notificationOf(sub, prev, nil, false)
			nt.Items = []ews.NotificationTypeChoice{statusEvent(sub, last)}
		}
		h.mu.Unlock()
		ok, unsubscribe := s.pushWithRetry(sub, &nt)
		select {
		case <-s.closing():
			return // the subscription stays as it is, to resume after a restart
		default:
		}
		h.mu.Lock()
		switch {
		case !ok || unsubscribe:
			h.end(sub)
			h.mu.Unlock()
			if !ok {
				s.logf("ewsmock: push subscription %s: %s does not answer; the subscription ends", sub.id, sub.url)
			}
			return
		default:
			k := 0
			for k < len(sub.queue) && sub.queue[k].seq <= last {
				k++
			}
			sub.queue = sub.queue[k:]
			sub.acked = last
			s.mutated() // saved with the next change
			prev = watermark(sub.mbx, last)
			if len(sub.queue) > 0 {
				sub.signal()
			}
		}
		h.mu.Unlock()
		status.Reset(sub.frequency)
	}
}

// pushWithRetry posts one notification until it is answered, within the
// subscription's StatusFrequency. ok is false when it never was.
func (s *Server) pushWithRetry(sub *subscription, nt *ews.NotificationType) (ok, unsubscribe bool) {
	msg := &ews.SendNotificationResponseMessageType{Notification: nt}
	setResult(msg, nil)
	body := (&ews.Envelope{Body: &ews.SendNotification{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}}).Marshal(ews.ClientStyle)
	wait := s.opts.Notify.PushRetry
	giveUp := time.Now().Add(sub.frequency)
	for {
		st, err := s.pushOnce(sub.url, body)
		if err == nil {
			return true, st == ews.SubscriptionStatusUnsubscribe
		}
		s.logf("ewsmock: push subscription %s: %v", sub.id, err)
		if time.Now().Add(wait).After(giveUp) {
			return false, false
		}
		select {
		case <-sub.done:
			return true, true
		case <-s.closing():
			return false, false
		case <-time.After(wait):
		}
		wait *= 2
	}
}

func (s *Server) pushOnce(u string, body []byte) (ews.SubscriptionStatusType, error) {
	req, err := http.NewRequestWithContext(s.life.ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://schemas.microsoft.com/exchange/services/2006/messages/SendNotification"`)
	resp, err := s.opts.Notify.PushClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("POST %s: HTTP %s", u, resp.Status)
	}
	env, err := ews.DecodeOptions{MaxBytes: 1 << 20}.UnmarshalEnvelope(data)
	if err != nil {
		return "", fmt.Errorf("POST %s: %v", u, err)
	}
	res, ok := env.Body.(*ews.SendNotificationResult)
	if !ok {
		return "", fmt.Errorf("POST %s: the answer is not a SendNotificationResult", u)
	}
	return res.SubscriptionStatus, nil
}

// Subscriptions returns the number of live subscriptions (for tests and
// diagnostics).
func (s *Server) Subscriptions() int {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	return len(s.hub.subs)
}
