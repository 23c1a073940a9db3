package mock

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
)

func TestParseFaults(t *testing.T) {
	rules, err := ParseFaults("FindItem:busy=0.3,backoff=200ms; GetItem:drop=0.1,503=0.2,retryafter=2s;*:latency=5ms,jitter=1ms,maxconcurrent=3")
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 3 || rules[0].Busy != 0.3 || time.Duration(rules[0].BackOff) != 200*time.Millisecond ||
		rules[1].Drop != 0.1 || rules[1].Unavailable != 0.2 || time.Duration(rules[1].RetryAfter) != 2*time.Second ||
		rules[2].Operation != "*" || time.Duration(rules[2].Latency) != 5*time.Millisecond || rules[2].MaxConcurrent != 3 {
		t.Errorf("parsed %+v", rules)
	}
	for spec, want := range map[string]string{
		"FindItems:busy=0.1":              "no such operation",
		"FindItem:busy=1.5":               "not a probability",
		"FindItem:busy=0.6,drop=.5":       "more than 1",
		"FindItem:speed=1":                "unknown key",
		"FindItem busy=1":                 "OPERATION:key=value",
		"FindItem:busy=1;FindItem:drop=1": "two fault rules",
	} {
		if _, err := ParseFaults(spec); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseFaults(%q): %v, want an error with %q", spec, err, want)
		}
	}
}

// faultServer serves alice with faults; attempts counts the client's HTTP
// exchanges per operation.
type faultServer struct {
	srv      *Server
	ts       *httptest.Server
	mu       sync.Mutex
	attempts map[string]int
}

func newFaultServer(t *testing.T, spec string, seed int64) *faultServer {
	t.Helper()
	rules, err := ParseFaults(spec)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{User: "alice", Password: "pw", Faults: &Faults{Seed: seed, Rules: rules}})
	if err != nil {
		t.Fatal(err)
	}
	fs := &faultServer{srv: srv, ts: httptest.NewServer(srv.Handler()), attempts: map[string]int{}}
	t.Cleanup(fs.ts.Close)
	return fs
}

func (fs *faultServer) client(p *ews.RetryPolicy) *ews.Client {
	opts := []ews.ClientOption{ews.WithHook(func(ev ews.HookEvent) {
		fs.mu.Lock()
		fs.attempts[ev.Operation]++
		fs.mu.Unlock()
	})}
	if p != nil {
		opts = append(opts, ews.WithRetry(*p))
	}
	return ews.NewClient(fs.ts.URL+"/EWS/Exchange.asmx", &http.Client{Transport: auth.Basic("alice", "pw", nil, auth.AllowPlainHTTP())}, opts...)
}

func (fs *faultServer) tries(op string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.attempts[op]
}

func findInbox(ctx context.Context, c *ews.Client) error {
	_, err := c.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, ParentFolderIds: folderIds(dist("inbox"))})
	return err
}

func getInbox(ctx context.Context, c *ews.Client) error {
	_, err := c.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("inbox"))})
	return err
}

// Injected ErrorServerBusy is retried after its BackOffMilliseconds until
// the call succeeds; every attempt reaches the server.
func TestFaultsBusyIsRetried(t *testing.T) {
	fs := newFaultServer(t, "FindItem:busy=0.4,backoff=20ms", 42)
	c := fs.client(&ews.RetryPolicy{MaxAttempts: 20})
	ctx := context.Background()
	const calls = 30
	start := time.Now()
	for i := 0; i < calls; i++ {
		if err := findInbox(ctx, c); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	took := time.Since(start)
	st := fs.srv.FaultStats()["FindItem"]
	if st.Busy == 0 {
		t.Fatal("no ErrorServerBusy injected at busy=0.4 in 30 calls")
	}
	if got := fs.tries("FindItem"); got != calls+st.Busy || st.Requests != got {
		t.Errorf("%d attempts, server saw %d requests and injected %d busy faults; want attempts = %d calls + busy", got, st.Requests, st.Busy, calls)
	}
	if min := time.Duration(st.Busy) * 20 * time.Millisecond; took < min {
		t.Errorf("30 calls with %d retries took %v, less than the %v of back-off the faults asked for", st.Busy, took, min)
	}
	t.Logf("FindItem busy=0.4 seed 42: %d calls, %d busy faults retried, %v", calls, st.Busy, took)
}

// Fates are fixed by the seed: the same seed gives the same faults, in the
// same places.
func TestFaultsDeterministic(t *testing.T) {
	fates := func(seed int64) string {
		fs := newFaultServer(t, "GetFolder:busy=0.3,drop=0.2,503=0.2,retryafter=1s", seed)
		c := fs.client(nil)
		var b strings.Builder
		for i := 0; i < 40; i++ {
			err := getInbox(context.Background(), c)
			var he *ews.HTTPError
			switch {
			case err == nil:
				b.WriteByte('.')
			case errors.As(err, &he) && he.StatusCode == 503:
				b.WriteByte('U')
			case errors.Is(err, ews.ResponseCodeErrorServerBusy):
				b.WriteByte('B')
			default:
				b.WriteByte('D') // dropped
			}
		}
		return b.String()
	}
	a, b, c := fates(7), fates(7), fates(8)
	if a != b {
		t.Errorf("seed 7 gave %s, then %s", a, b)
	}
	if a == c {
		t.Errorf("seeds 7 and 8 gave the same fates %s", a)
	}
	for _, k := range "UBD." {
		if !strings.ContainsRune(a, k) {
			t.Errorf("fates %s: no %c", a, k)
		}
	}
	t.Logf("seed 7: %s", a)
}

// HTTP 503 is retried after Retry-After; a Retry-After longer than MaxWait
// returns the *HTTPError at once; a non-idempotent operation is not
// retried; a dropped connection is an error, not retried.
func TestFaultsRetryPolicy(t *testing.T) {
	ctx := context.Background()
	t.Run("503 honours Retry-After", func(t *testing.T) {
		fs := newFaultServer(t, "GetFolder:503=1,retryafter=1s", 1)
		c := fs.client(&ews.RetryPolicy{MaxAttempts: 2})
		start := time.Now()
		err := getInbox(ctx, c)
		var he *ews.HTTPError
		if !errors.As(err, &he) || he.StatusCode != 503 || he.RetryAfter != time.Second {
			t.Fatalf("%v, want the HTTP 503 error with RetryAfter 1s", err)
		}
		if took := time.Since(start); took < time.Second || fs.tries("GetFolder") != 2 {
			t.Errorf("%d attempts in %v, want 2 attempts a Retry-After (1 s) apart", fs.tries("GetFolder"), took)
		}
	})
	t.Run("Retry-After over MaxWait", func(t *testing.T) {
		fs := newFaultServer(t, "GetFolder:503=1,retryafter=2s", 1)
		c := fs.client(&ews.RetryPolicy{MaxAttempts: 5, MaxWait: 500 * time.Millisecond})
		start := time.Now()
		err := getInbox(ctx, c)
		var he *ews.HTTPError
		if !errors.As(err, &he) || he.RetryAfter != 2*time.Second {
			t.Fatalf("%v, want the 503 error with RetryAfter 2s", err)
		}
		if took := time.Since(start); took > 500*time.Millisecond || fs.tries("GetFolder") != 1 {
			t.Errorf("%d attempts in %v, want 1 attempt returned at once", fs.tries("GetFolder"), took)
		}
	})
	t.Run("budget", func(t *testing.T) {
		fs := newFaultServer(t, "FindItem:busy=1,backoff=200ms", 1)
		c := fs.client(&ews.RetryPolicy{MaxAttempts: 50, Budget: 500 * time.Millisecond})
		start := time.Now()
		err := findInbox(ctx, c)
		if !errors.Is(err, ews.ResponseCodeErrorServerBusy) {
			t.Fatalf("%v, want ErrorServerBusy", err)
		}
		if took, n := time.Since(start), fs.tries("FindItem"); took > 700*time.Millisecond || n < 2 || n > 3 {
			t.Errorf("%d attempts in %v, want 2 or 3 within the 500 ms budget", n, took)
		}
	})
	t.Run("non-idempotent", func(t *testing.T) {
		fs := newFaultServer(t, "CreateItem:busy=1,backoff=10ms", 1)
		create := func(c *ews.Client) error {
			_, err := c.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
				Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr("x")}}}})
			return err
		}
		if err := create(fs.client(&ews.RetryPolicy{MaxAttempts: 4})); !errors.Is(err, ews.ResponseCodeErrorServerBusy) || fs.tries("CreateItem") != 1 {
			t.Errorf("CreateItem: %v after %d attempts, want ErrorServerBusy after 1 (not retried)", err, fs.tries("CreateItem"))
		}
		if err := create(fs.client(&ews.RetryPolicy{MaxAttempts: 4, RetryNonIdempotent: true})); !errors.Is(err, ews.ResponseCodeErrorServerBusy) || fs.tries("CreateItem") != 5 {
			t.Errorf("CreateItem with RetryNonIdempotent: %v after %d attempts in all, want 1+4", err, fs.tries("CreateItem"))
		}
	})
	t.Run("dropped connection", func(t *testing.T) {
		fs := newFaultServer(t, "GetFolder:drop=1", 1)
		err := getInbox(ctx, fs.client(&ews.RetryPolicy{MaxAttempts: 4}))
		var he *ews.HTTPError
		if err == nil || errors.As(err, &he) || !strings.Contains(err.Error(), "GetFolder") {
			t.Errorf("%v, want a transport error naming GetFolder", err)
		}
		if n := fs.tries("GetFolder"); n != 1 {
			t.Errorf("%d attempts, want 1: a dropped connection is not retried", n)
		}
	})
	t.Run("latency and concurrency limit", func(t *testing.T) {
		fs := newFaultServer(t, "FindItem:latency=150ms,maxconcurrent=1", 1)
		c := fs.client(&ews.RetryPolicy{MaxAttempts: 3})
		var wg sync.WaitGroup
		var over, ok atomic.Int32
		start := time.Now()
		for i := 0; i < 3; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				switch err := findInbox(ctx, c); {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, ews.ResponseCodeErrorExceededConnectionCount):
					over.Add(1)
				default:
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if took := time.Since(start); took < 150*time.Millisecond {
			t.Errorf("calls took %v, want at least the injected 150 ms", took)
		}
		if ok.Load() < 1 || over.Load() < 1 {
			t.Errorf("%d served, %d refused, want both with 3 concurrent calls and a limit of 1", ok.Load(), over.Load())
		}
	})
}
