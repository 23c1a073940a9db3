package ews_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

func stubGetItemReq() *ews.GetItem {
	return &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{&ews.ItemIdType{Id: "a"}}}}
}

// A client made without an http.Client bounds every exchange: a server
// that never answers (or stops in the middle of the body) ends the call
// after the timeout, with an error naming the operation and the endpoint
// that matches context.DeadlineExceeded.
func TestDefaultTimeoutHangingServer(t *testing.T) {
	if ews.DefaultTimeout != 100*time.Second {
		t.Errorf("DefaultTimeout = %v, documented as 100s", ews.DefaultTimeout)
	}
	if d := ews.NewClient("http://127.0.0.1:1/EWS/Exchange.asmx", nil).Timeout(); d != ews.DefaultTimeout {
		t.Errorf("NewClient(url, nil).Timeout() = %v, want DefaultTimeout", d)
	}
	if d := ews.NewClient("http://127.0.0.1:1/EWS/Exchange.asmx", &http.Client{}).Timeout(); d != 0 {
		t.Errorf("a caller's http.Client got a timeout of %v", d)
	}
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if r.URL.Path == "/midbody" {
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			io.WriteString(w, `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>`)
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)

	const timeout = 300 * time.Millisecond
	for _, path := range []string{"/EWS/Exchange.asmx", "/midbody"} {
		endpoint := srv.URL + path
		c := ews.NewClient(endpoint, nil, ews.WithTimeout(timeout))
		start := time.Now()
		_, err := c.GetItem(context.Background(), stubGetItemReq())
		elapsed := time.Since(start)
		t.Logf("%s: returned after %v: %v", path, elapsed, err)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: err = %v, want one matching context.DeadlineExceeded", path, err)
		}
		if want := "ews: GetItem " + endpoint + ": "; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: err = %v, want prefix %q", path, err, want)
		}
		if elapsed < timeout || elapsed > timeout+3*time.Second {
			t.Errorf("%s: returned after %v, want about %v", path, elapsed, timeout)
		}
	}
}

// Transport errors name the operation and the endpoint (without its
// password) and keep their cause for errors.As.
func TestTransportErrorNamesOperation(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := ews.NewClient("http://user:s3cret@"+addr+"/EWS/Exchange.asmx", nil)
	_, err = c.FindItem(context.Background(), stubFindItemReq())
	if err == nil {
		t.Fatal("no error from a closed port")
	}
	if want := "ews: FindItem http://user:xxxxx@" + addr + "/EWS/Exchange.asmx: "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %q, want prefix %q", err, want)
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("err shows the password: %v", err)
	}
	var ue *url.Error
	var oe *net.OpError
	if !errors.As(err, &ue) || !errors.As(err, &oe) {
		t.Errorf("err %v does not unwrap to *url.Error and *net.OpError", err)
	}
}

// A server-sent wait over RetryPolicy.MaxWait, past the budget or past
// the context's deadline is not slept: the throttling error comes back at
// once.
func TestRetryWaitCapped(t *testing.T) {
	var count atomic.Int32
	var retryAfter atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		w.Header().Set("Retry-After", retryAfter.Load().(string))
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	cases := []struct {
		name, header string
		policy       ews.RetryPolicy
		want         time.Duration // HTTPError.RetryAfter
	}{
		{"86400 seconds", "86400", ews.RetryPolicy{MaxAttempts: 5}, 24 * time.Hour},
		{"an HTTP date in an hour", time.Now().Add(time.Hour + time.Minute).UTC().Format(http.TimeFormat), ews.RetryPolicy{MaxAttempts: 5}, time.Hour + time.Minute},
		{"seconds overflowing time.Duration", "99999999999999", ews.RetryPolicy{MaxAttempts: 5}, 1<<63 - 1},
		{"over a smaller MaxWait", "3", ews.RetryPolicy{MaxAttempts: 5, MaxWait: time.Second}, 3 * time.Second},
		{"over the budget", "3", ews.RetryPolicy{MaxAttempts: 5, Budget: 2 * time.Second}, 3 * time.Second},
	}
	for _, tc := range cases {
		retryAfter.Store(tc.header)
		count.Store(0)
		c := ews.NewClient(srv.URL, nil, ews.WithRetry(tc.policy))
		start := time.Now()
		_, err := c.GetItem(context.Background(), stubGetItemReq())
		elapsed := time.Since(start)
		t.Logf("Retry-After: %s (%s): returned after %v: %v", tc.header, tc.name, elapsed, err)
		var he *ews.HTTPError
		if !errors.As(err, &he) || he.StatusCode != 503 {
			t.Errorf("%s: err = %v, want the 503 HTTPError", tc.name, err)
			continue
		}
		if count.Load() != 1 || elapsed > time.Second {
			t.Errorf("%s: %d requests in %v, want 1 at once", tc.name, count.Load(), elapsed)
		}
		if he.RetryAfter < tc.want-2*time.Minute || he.RetryAfter > tc.want {
			t.Errorf("%s: RetryAfter = %v, want %v", tc.name, he.RetryAfter, tc.want)
		}
		if he.Operation != "GetItem" || he.Endpoint != srv.URL || !strings.HasPrefix(he.Error(), "ews: GetItem "+srv.URL+": http status 503") {
			t.Errorf("%s: %q does not name the operation and endpoint", tc.name, he.Error())
		}
	}

	// a wait within the cap is slept
	retryAfter.Store("1")
	count.Store(0)
	c := ews.NewClient(srv.URL, nil, ews.WithRetry(ews.RetryPolicy{MaxAttempts: 2, MaxWait: 2 * time.Second}))
	start := time.Now()
	_, err := c.GetItem(context.Background(), stubGetItemReq())
	if d := time.Since(start); count.Load() != 2 || d < time.Second || err == nil {
		t.Errorf("Retry-After 1 within MaxWait: %d requests in %v (%v), want 2 after 1s", count.Load(), d, err)
	}

	// ErrorServerBusy asking for 10 minutes: over DefaultMaxRetryWait
	h, busyCount, _ := stubBusyThenServe(5, stubBusyResponse, 600000, ews.NewHandler(&stubTestService{}))
	busy := httptest.NewServer(h)
	defer busy.Close()
	c = ews.NewClient(busy.URL, nil, ews.WithRetry(ews.RetryPolicy{MaxAttempts: 3}))
	start = time.Now()
	resp, err := c.GetItem(context.Background(), stubGetItemReq())
	elapsed := time.Since(start)
	t.Logf("BackOffMilliseconds 600000: returned after %v", elapsed)
	errs := ews.ResponseErrors(resp)
	if err != nil || len(errs) != 1 || !errors.Is(errs[0], ews.ResponseCodeErrorServerBusy) || busyCount.Load() != 1 || elapsed > time.Second {
		t.Errorf("BackOffMilliseconds 600000: err %v, messages %v, %d requests in %v", err, errs, busyCount.Load(), elapsed)
	}
}

// heapSampler records the peak of the live heap (runtime/metrics) while it
// runs, and the bytes allocated in all, which bounds any peak from above.
type heapSampler struct {
	stop                  chan struct{}
	done                  sync.WaitGroup
	base, peak            uint64
	allocStart, allocDone uint64
}

var heapMetrics = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/allocs:bytes"}}

func readHeap() (live, allocated uint64) {
	s := append([]metrics.Sample(nil), heapMetrics...)
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

func startHeapSampler() *heapSampler {
	runtime.GC()
	h := &heapSampler{stop: make(chan struct{})}
	h.base, h.allocStart = readHeap()
	h.peak = h.base
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		tick := time.NewTicker(500 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-tick.C:
				if live, _ := readHeap(); live > h.peak {
					h.peak = live
				}
			}
		}
	}()
	return h
}

func (h *heapSampler) finish() {
	close(h.stop)
	h.done.Wait()
	live, alloc := readHeap()
	if live > h.peak {
		h.peak = live
	}
	h.allocDone = alloc
}

// A 2 GB response (made on the fly) is refused at the size cap without
// the client holding more than the cap and a few MiB: with Content-Length
// at once, without (chunked) after reading up to the cap.
func TestResponseBodyBounded2GB(t *testing.T) {
	const total = 2 << 30
	const capBytes = ews.DefaultMaxResponseBytes
	const slack = 16 << 20
	var sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		if r.URL.Path == "/length" {
			w.Header().Set("Content-Length", fmt.Sprint(total))
		}
		chunk := bytes.Repeat([]byte("<a>0123456789</a>"), 64<<10/17)
		io.WriteString(w, `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x>`)
		var n int64
		for n < total {
			k, err := w.Write(chunk[:min(int64(len(chunk)), total-n)])
			n += int64(k)
			sent.Add(int64(k))
			if err != nil {
				return
			}
		}
	}))
	defer srv.Close()

	for _, path := range []string{"/length", "/chunked"} {
		sent.Store(0)
		c := ews.NewClient(srv.URL+path, nil)
		h := startHeapSampler()
		start := time.Now()
		_, err := c.GetItem(context.Background(), stubGetItemReq())
		elapsed := time.Since(start)
		h.finish()
		growth := int64(h.peak) - int64(h.base)
		allocated := h.allocDone - h.allocStart
		t.Logf("%s: %v after %v; server wrote %.1f MiB; live heap peak %d bytes (%.2f MiB) over the %d bytes before, cap %d bytes (%d MiB) + 16 MiB allowed; %d bytes (%.2f MiB) allocated in all",
			path, err, elapsed, float64(sent.Load())/(1<<20), growth, float64(growth)/(1<<20), h.base, capBytes, capBytes>>20, allocated, float64(allocated)/(1<<20))
		if err == nil || !strings.Contains(err.Error(), "exceeds the size limit of 268435456 bytes") || !strings.HasPrefix(err.Error(), "ews: GetItem "+srv.URL+path+": reading response: ") {
			t.Errorf("%s: err = %v, want the size limit error", path, err)
		}
		if growth > capBytes+slack {
			t.Errorf("%s: live heap grew by %d bytes, want under the cap + 16 MiB (%d)", path, growth, capBytes+slack)
		}
		if allocated > capBytes+slack {
			t.Errorf("%s: %d bytes allocated, want under the cap + 16 MiB (%d)", path, allocated, capBytes+slack)
		}
		if path == "/length" && allocated > slack {
			t.Errorf("%s: %d bytes allocated although Content-Length was over the cap", path, allocated)
		}
	}
}

// Bodies that are not SOAP envelopes are read only up to a few KiB (1 MiB
// for a 500 that may hold a fault), and HTTPError keeps their first 4 KiB.
func TestErrorBodySnippet(t *testing.T) {
	var sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/html")
		status := http.StatusBadGateway
		switch r.URL.Path {
		case "/500":
			status = http.StatusInternalServerError
		case "/500xml":
			// read as a possible fault, up to 1 MiB
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			status = http.StatusInternalServerError
		}
		w.WriteHeader(status)
		line := []byte(strings.Repeat("<p>error page</p>", 60) + "\n")
		for i := 0; i < (64<<20)/len(line); i++ {
			k, err := w.Write(line)
			sent.Add(int64(k))
			if err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	for _, path := range []string{"/502", "/500", "/500xml"} {
		sent.Store(0)
		var hookBytes int
		c := ews.NewClient(srv.URL+path, nil, ews.WithHook(func(ev ews.HookEvent) { hookBytes = len(ev.Response) }))
		start := time.Now()
		_, err := c.GetItem(context.Background(), stubGetItemReq())
		var he *ews.HTTPError
		if !errors.As(err, &he) {
			t.Fatalf("%s: err = %v, want *HTTPError", path, err)
		}
		t.Logf("%s: %v after %v; server wrote %d KiB before the client hung up", path, he, time.Since(start), sent.Load()>>10)
		if len(he.Body) != 4096 || !he.Truncated || !bytes.HasPrefix(he.Body, []byte("<p>error page</p>")) {
			t.Errorf("%s: %d body bytes, truncated %v", path, len(he.Body), he.Truncated)
		}
		if hookBytes > 4097 {
			t.Errorf("%s: %d bytes read", path, hookBytes)
		}
		if !strings.HasPrefix(he.Error(), "ews: GetItem "+srv.URL+path+": http status") {
			t.Errorf("%s: %q", path, he.Error())
		}
	}
}

// wireRecorder serves the stub service and records each request's raw
// body and HTTP headers.
type wireRecorder struct {
	mu      sync.Mutex
	bodies  []string
	headers []http.Header
	next    http.Handler
}

func (wr *wireRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	wr.mu.Lock()
	wr.bodies = append(wr.bodies, string(body))
	wr.headers = append(wr.headers, r.Header.Clone())
	wr.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))
	wr.next.ServeHTTP(w, r)
}

func (wr *wireRecorder) last() (string, http.Header) {
	wr.mu.Lock()
	defer wr.mu.Unlock()
	return wr.bodies[len(wr.bodies)-1], wr.headers[len(wr.headers)-1]
}

// Impersonation puts t:ExchangeImpersonation in the SOAP header and the
// impersonated mailbox in X-AnchorMailbox; per-call options override the
// client's.
func TestImpersonationOnTheWire(t *testing.T) {
	wr := &wireRecorder{next: ews.NewHandler(&stubTestService{})}
	srv := httptest.NewServer(wr)
	defer srv.Close()
	c := ews.NewClient(srv.URL, nil, ews.WithRequestServerVersion(ews.ExchangeVersionExchange2013), ews.WithImpersonationSMTP("alice@contoso.com"))
	ctx := context.Background()
	cases := []struct {
		name         string
		opts         []ews.CallOption
		elem, anchor string
	}{
		{"client default", nil, "<t:PrimarySmtpAddress>alice@contoso.com</t:PrimarySmtpAddress>", "alice@contoso.com"},
		{"SmtpAddress", []ews.CallOption{ews.WithImpersonationSmtpAddress("bob@contoso.com")}, "<t:SmtpAddress>bob@contoso.com</t:SmtpAddress>", "bob@contoso.com"},
		{"PrincipalName", []ews.CallOption{ews.WithImpersonationPrincipalName("carol@corp.contoso.com")}, "<t:PrincipalName>carol@corp.contoso.com</t:PrincipalName>", "carol@corp.contoso.com"},
		{"SID", []ews.CallOption{ews.WithImpersonationSID("S-1-5-21-1-2-3-1001")}, "<t:SID>S-1-5-21-1-2-3-1001</t:SID>", "S-1-5-21-1-2-3-1001"},
		{"per-call SMTP", []ews.CallOption{ews.WithImpersonationSMTP("dave@contoso.com")}, "<t:PrimarySmtpAddress>dave@contoso.com</t:PrimarySmtpAddress>", "dave@contoso.com"},
		{"anchor set after", []ews.CallOption{ews.WithImpersonationSMTP("erin@contoso.com"), ews.WithAnchorMailbox("shared@contoso.com")}, "<t:PrimarySmtpAddress>erin@contoso.com</t:PrimarySmtpAddress>", "shared@contoso.com"},
	}
	for _, tc := range cases {
		if _, err := c.GetItem(ctx, stubGetItemReq(), tc.opts...); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		body, hdr := wr.last()
		want := "<t:ExchangeImpersonation><t:ConnectingSID>" + tc.elem + "</t:ConnectingSID></t:ExchangeImpersonation>"
		if strings.Count(body, "<t:ExchangeImpersonation>") != 1 || !strings.Contains(body, want) {
			t.Errorf("%s: request has no %s:\n%s", tc.name, want, body)
		}
		if i, j := strings.Index(body, "<soap:Header>"), strings.Index(body, "</soap:Header>"); i < 0 || j < i || !strings.Contains(body[i:j], want) {
			t.Errorf("%s: ExchangeImpersonation is not in the SOAP header:\n%s", tc.name, body)
		}
		if got := hdr.Values("X-AnchorMailbox"); len(got) != 1 || got[0] != tc.anchor {
			t.Errorf("%s: X-AnchorMailbox %q, want %q", tc.name, got, tc.anchor)
		}
		if hdr.Get("X-PreferServerAffinity") != "" {
			t.Errorf("%s: X-PreferServerAffinity sent unasked", tc.name)
		}
	}

	// affinity and anchor without impersonation
	plain := ews.NewClient(srv.URL, nil, ews.WithServerAffinity())
	if _, err := plain.GetItem(ctx, stubGetItemReq(), ews.WithAnchorMailbox("room@contoso.com")); err != nil {
		t.Fatal(err)
	}
	body, hdr := wr.last()
	if strings.Contains(body, "ExchangeImpersonation") {
		t.Errorf("impersonation sent unasked:\n%s", body)
	}
	if hdr.Get("X-PreferServerAffinity") != "true" || hdr.Get("X-AnchorMailbox") != "room@contoso.com" {
		t.Errorf("headers %v", hdr)
	}
}

// cookieServer answers GetItem, records the Cookie header of every request
// and sets the cookies in set on every answer.
func cookieServer(t *testing.T, set ...*http.Cookie) (*httptest.Server, func() []string) {
	var mu sync.Mutex
	var seen []string
	inner := ews.NewHandler(&stubTestService{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Cookie"))
		mu.Unlock()
		for _, c := range set {
			http.SetCookie(w, c)
		}
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusTemporaryRedirect)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// The backend affinity cookie the endpoint sets is sent back on the
// client's later calls, and never to another origin (here another port of
// the same host, where a plain cookie jar would send it); cookies another
// origin sets are not kept.
func TestAffinityCookie(t *testing.T) {
	other, otherSeen := cookieServer(t, &http.Cookie{Name: "fromOther", Value: "1", Path: "/"})
	ep, epSeen := cookieServer(t, &http.Cookie{Name: "X-BackEndOverrideCookie", Value: "BE1.contoso.com~1941996", Path: "/", HttpOnly: true})
	ctx := context.Background()
	hc := &http.Client{}
	c := ews.NewClient(ep.URL+"/EWS/Exchange.asmx", hc, ews.WithServerAffinity())
	if _, err := c.GetItem(ctx, stubGetItemReq()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetItem(ctx, stubGetItemReq()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetItem(ctx, stubGetItemReq()); err != nil {
		t.Fatal(err)
	}
	got := epSeen()
	const want = "X-BackEndOverrideCookie=BE1.contoso.com~1941996"
	if len(got) != 3 || got[0] != "" || got[1] != want || got[2] != want {
		t.Errorf("Cookie headers at the endpoint %q, want none then %q", got, want)
	}
	if hc.Jar != nil {
		t.Error("NewClient set the caller's http.Client's Jar")
	}

	// a client whose endpoint redirects to another origin: the endpoint's
	// cookie is not sent there, and the other origin's cookie is not kept
	rc := ews.NewClient(ep.URL+"/redirect?to="+url.QueryEscape(other.URL+"/EWS/Exchange.asmx"), nil)
	for i := 0; i < 2; i++ {
		if _, err := rc.GetItem(ctx, stubGetItemReq()); err != nil {
			t.Fatal(err)
		}
	}
	got = epSeen()[3:]
	if len(got) != 2 || got[0] != "" || got[1] != want {
		t.Errorf("Cookie headers at the redirecting endpoint %q, want none then %q", got, want)
	}
	if o := otherSeen(); len(o) != 2 || o[0] != "" || o[1] != "" {
		t.Errorf("Cookie headers at the other origin %q, want none", o)
	}

	// a caller's Jar is used as it is
	jar, _ := cookiejar.New(nil)
	jc := ews.NewClient(ep.URL+"/EWS/Exchange.asmx", &http.Client{Jar: jar})
	if _, err := jc.GetItem(ctx, stubGetItemReq()); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(ep.URL)
	if cs := jar.Cookies(u); len(cs) != 1 || cs[0].Name != "X-BackEndOverrideCookie" {
		t.Errorf("caller's jar holds %v", cs)
	}

	// WithoutCookies: nothing kept
	nc := ews.NewClient(ep.URL+"/EWS/Exchange.asmx", nil, ews.WithoutCookies())
	for i := 0; i < 2; i++ {
		if _, err := nc.GetItem(ctx, stubGetItemReq()); err != nil {
			t.Fatal(err)
		}
	}
	if got := epSeen(); got[len(got)-1] != "" {
		t.Errorf("WithoutCookies sent %q", got[len(got)-1])
	}
}

// Large answers within the cap decode the same whether they come with a
// Content-Length or in chunks of unknown length (read in several pieces).
func TestLargeResponseSizedAndChunked(t *testing.T) {
	id := strings.Repeat("x", 3<<20)
	inner := ews.NewHandler(&stubTestService{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		inner.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		if r.URL.Path == "/sized" {
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		}
		for len(body) > 0 {
			n := min(len(body), 10000)
			w.Write(body[:n])
			w.(http.Flusher).Flush()
			body = body[n:]
		}
	}))
	defer srv.Close()
	for _, path := range []string{"/sized", "/chunked"} {
		var n int
		c := ews.NewClient(srv.URL+path, nil, ews.WithHook(func(ev ews.HookEvent) { n = len(ev.Response) }))
		req := &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
			ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{&ews.ItemIdType{Id: id}}}}
		resp, err := c.GetItem(context.Background(), req)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		m := resp.ResponseMessages.Items[0].(*ews.GetItemResponseMessage)
		msg := m.Items.List[0].(*ews.MessageType)
		if *msg.Subject != "subject "+id || msg.ItemId.Id != id {
			t.Errorf("%s: subject of %d bytes, id of %d bytes", path, len(*msg.Subject), len(msg.ItemId.Id))
		}
		if n < 6<<20 {
			t.Errorf("%s: response of %d bytes", path, n)
		}
	}
}
