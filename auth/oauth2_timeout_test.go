package auth_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/auth"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// hangingEndpoint is a token endpoint that answers nothing until the
// request is cancelled or the test ends.
type hangingEndpoint struct {
	srv       *httptest.Server
	requests  atomic.Int32
	cancelled atomic.Int32
}

func newHangingEndpoint(t *testing.T) *hangingEndpoint {
	h := &hangingEndpoint{}
	release := make(chan struct{})
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.requests.Add(1)
		io.ReadAll(r.Body) // so that the server sees the connection close
		select {
		case <-r.Context().Done():
			h.cancelled.Add(1)
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); h.srv.Close() })
	return h
}

var errNoAnswer = errors.New("no answer")

// roundTripWithin sends a request through rt with ctx and fails the test
// when no answer comes within limit (it may run in another goroutine than
// the test's).
func roundTripWithin(t *testing.T, ctx context.Context, rt http.RoundTripper, url string, limit time.Duration) (time.Duration, error) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader("<x/>"))
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		resp, err := rt.RoundTrip(req)
		if resp != nil {
			resp.Body.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		return time.Since(start), err
	case <-time.After(limit):
		t.Errorf("no answer within %v", limit)
		return limit, errNoAnswer
	}
}

// A request waiting for a token from a token endpoint that hangs returns
// when its own context ends; the token request is shared by the waiting
// requests and is bounded by TokenTimeout.
func TestOAuth2TokenEndpointHangs(t *testing.T) {
	h := newHangingEndpoint(t)
	const timeout = 800 * time.Millisecond
	cfg := &clientcredentials.Config{ClientID: oauthClientID, ClientSecret: oauthClientSecret, TokenURL: h.srv.URL + "/token", Scopes: []string{exchangeScope}}
	var resourceHits atomic.Int32
	rs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { resourceHits.Add(1) }))
	defer rs.Close()
	rt := auth.OAuth2(auth.ClientCredentials(context.Background(), cfg), nil, auth.AllowPlainHTTP(), auth.TokenTimeout(timeout))

	// Waiting requests whose contexts end (cancelled, or past their
	// deadline) return at once, while the token request goes on.
	const n = 4
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithCancel(context.Background())
			want := context.Canceled
			if i%2 == 1 {
				ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
				want = context.DeadlineExceeded
			} else {
				time.AfterFunc(50*time.Millisecond, cancel)
			}
			defer cancel()
			took, err := roundTripWithin(t, ctx, rt, rs.URL, 5*time.Second)
			if !errors.Is(err, want) {
				t.Errorf("request %d: error %v, want one wrapping %v", i, err, want)
			}
			if took >= timeout/2 {
				t.Errorf("request %d returned after %v, want soon after its context ended (50 ms)", i, took)
			}
		}()
	}
	wg.Wait()
	if got := h.requests.Load(); got != 1 {
		t.Errorf("%d token requests for %d waiting requests, want 1", got, n)
	}
	if got := h.cancelled.Load(); got != 0 {
		t.Errorf("the token request was cancelled with a waiting request's context")
	}

	// A request without a deadline gives up with the token request, at
	// TokenTimeout from its start; the token request is cancelled.
	took, err := roundTripWithin(t, context.Background(), rt, rs.URL, 5*time.Second)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want one wrapping context.DeadlineExceeded", err)
	}
	if took > timeout*3/2 {
		t.Errorf("returned after %v, want about TokenTimeout (%v) after the token request's start", took, timeout)
	}
	deadline := time.Now().Add(5 * time.Second)
	for h.cancelled.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if h.cancelled.Load() != 1 {
		t.Errorf("the token request was not cancelled after TokenTimeout")
	}
	if resourceHits.Load() != 0 {
		t.Errorf("%d requests reached the resource server without a token", resourceHits.Load())
	}

	// The next request asks again, and is bounded the same way.
	took, err = roundTripWithin(t, context.Background(), rt, rs.URL, 5*time.Second)
	if !errors.Is(err, context.DeadlineExceeded) || took < timeout/2 || took > 2*timeout {
		t.Errorf("next request: %v after %v, want DeadlineExceeded after about %v", err, took, timeout)
	}
	if got := h.requests.Load(); got != 2 {
		t.Errorf("%d token requests, want 2", got)
	}
}

// With a token source that does not bound itself, requests stop waiting
// at TokenTimeout.
func TestOAuth2TokenSourceHangs(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	var calls atomic.Int32
	src := oauth2.TokenSource(tokenFunc(func() (*oauth2.Token, error) {
		calls.Add(1)
		<-block
		return nil, errors.New("released")
	}))
	const timeout = 300 * time.Millisecond
	rt := auth.OAuth2(src, nil, auth.AllowPlainHTTP(), auth.TokenTimeout(timeout))
	took, err := roundTripWithin(t, context.Background(), rt, "http://127.0.0.1:1/", 5*time.Second)
	if !errors.Is(err, context.DeadlineExceeded) || took < timeout/2 {
		t.Errorf("%v after %v, want DeadlineExceeded after about %v", err, took, timeout)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	took, err = roundTripWithin(t, ctx, rt, "http://127.0.0.1:1/", 5*time.Second)
	if !errors.Is(err, context.Canceled) || took >= timeout/2 {
		t.Errorf("cancelled request: %v after %v, want context.Canceled soon", err, took)
	}
	if calls.Load() != 2 {
		t.Errorf("%d calls of the token source, want 2 (a new one after the first timed out)", calls.Load())
	}
}

type tokenFunc func() (*oauth2.Token, error)

func (f tokenFunc) Token() (*oauth2.Token, error) { return f() }
