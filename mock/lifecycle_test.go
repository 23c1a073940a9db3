package mock

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// serverGoroutines returns the goroutines srv started, from the
// goroutine profile (their pprof label ewsmock names srv), other tests'
// servers left aside.
func serverGoroutines(srv *Server) []string {
	var b bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&b, 1)
	label := `"ewsmock":"` + srv.life.id + `"`
	var out []string
	for _, g := range strings.Split(b.String(), "\n\n") {
		if strings.Contains(g, "# labels: ") && strings.Contains(g, label) {
			n, _, _ := strings.Cut(g, " @ ")
			k, err := strconv.Atoi(n)
			if err != nil {
				k = 1
			}
			for range k {
				out = append(out, g)
			}
		}
	}
	return out
}

// waitServerGoroutines waits until the goroutines srv started number
// want, within 5 s: with loops set, those running a push loop; without,
// all (the connections of the push client included).
func waitServerGoroutines(t *testing.T, srv *Server, want int, loops ...bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		gs := serverGoroutines(srv)
		if len(loops) > 0 {
			gs = slices.DeleteFunc(gs, func(g string) bool { return !strings.Contains(g, "pushLoop") })
		}
		if len(gs) == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines of the server, want %d:\n%s", len(gs), want, strings.Join(gs, "\n\n"))
		}
		time.Sleep(time.Millisecond)
	}
}

// pushCounter is a push notification listener counting the posts.
func pushCounter(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var posts atomic.Int32
	cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.Write((&ews.Envelope{Body: &ews.SendNotificationResult{SubscriptionStatus: ews.SubscriptionStatusOK}}).Marshal(ews.ClientStyle))
	}))
	t.Cleanup(cb.Close)
	return cb, &posts
}

// checkClosed closes srv and checks that no goroutine of it is left and
// that a change does not reach the push listener.
func checkClosed(t *testing.T, srv *Server, c *ews.Client, posts *atomic.Int32, frequency time.Duration) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for posts.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if posts.Load() == 0 {
		t.Fatal("no push notification before Close")
	}
	waitServerGoroutines(t, srv, 1, true) // the push loop
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	waitServerGoroutines(t, srv, 0)
	n := posts.Load()
	if _, err := persistCreate(t, c, "inbox", "after Close"); err != nil {
		t.Fatal(err)
	}
	// A live loop would post the creation at once and a StatusEvent every
	// frequency.
	time.Sleep(3 * frequency)
	if got := posts.Load(); got != n {
		t.Errorf("%d push notifications after Close", got-n)
	}
	if gs := serverGoroutines(srv); len(gs) != 0 {
		t.Errorf("goroutines of the server after a request following Close:\n%s", strings.Join(gs, "\n\n"))
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestCloseStopsPush: Close stops the loop of a push subscription made by
// a request, and that of one restored from the data file.
func TestCloseStopsPush(t *testing.T) {
	const minute = 40 * time.Millisecond
	cb, posts := pushCounter(t)
	path := filepath.Join(t.TempDir(), "store.json")
	short := func(o *Options) { o.Notify.Minute = minute }
	srv, c, stop := persisted(t, path, short)
	defer stop()
	subscribe(t, c, &ews.Subscribe{PushSubscriptionRequest: &ews.PushSubscriptionRequestType{
		FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent), StatusFrequency: 1, URL: cb.URL + "/cb"}})
	if _, err := persistCreate(t, c, "inbox", "before Close"); err != nil {
		t.Fatal(err)
	}
	checkClosed(t, srv, c, posts, minute)
	if n := srv.Subscriptions(); n != 1 {
		t.Fatalf("%d subscriptions after Close, want the push one kept", n)
	}

	posts.Store(0)
	srv2, c2, stop2 := persisted(t, path, short)
	defer stop2()
	if n := srv2.Subscriptions(); n != 1 {
		t.Fatalf("%d subscriptions restored, want 1", n)
	}
	checkClosed(t, srv2, c2, posts, minute)
}

// TestCloseEndsStreaming: Close ends an open GetStreamingEvents response
// (the client then opens another, which ends at once).
func TestCloseEndsStreaming(t *testing.T) {
	// streamOpen reports whether a GetStreamingEvents response is being
	// written (this test's: the others' end with their servers).
	streamOpen := func() bool {
		var b bytes.Buffer
		pprof.Lookup("goroutine").WriteTo(&b, 1)
		return strings.Contains(b.String(), "mock.(*Server).serveStreaming")
	}
	ns := newNotifyServer(t, NotifyOptions{})
	id, _ := subscribe(t, ns.alice, &ews.Subscribe{StreamingSubscriptionRequest: &ews.StreamingSubscriptionRequestType{
		FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent)}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range ns.alice.StreamEvents(ctx, []ews.SubscriptionIdType{id}, &ews.StreamOptions{ConnectionTimeout: 30}) {
		}
	}()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(5 * time.Second)
	for !streamOpen() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := ns.streams.Load(); n != 1 || !streamOpen() {
		t.Fatalf("%d streaming connections before Close, want 1 open", n)
	}
	ns.srv.Close()
	deadline = time.Now().Add(5 * time.Second)
	for ns.streams.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if ns.streams.Load() < 2 {
		t.Fatal("the streaming response goes on after Close")
	}
}
