package auth_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

const (
	oauthClientID     = "7f2a4c1e-ewsgen-test-app"
	oauthClientSecret = "cl1ent-S3cret~value"
	exchangeScope     = "https://outlook.office365.com/.default"
)

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// tokenServer is an OAuth 2.0 token endpoint (RFC 6749 section 4.4 and 6)
// issuing Bearer tokens valid for expiresIn seconds, and a new refresh token
// with each refresh (the old one stops working).
type tokenServer struct {
	srv       *httptest.Server
	expiresIn int

	mu      sync.Mutex
	grants  []string // grant_type of each successful request
	issued  []string // access tokens, in order
	refresh string   // the refresh token currently valid
	used    []string // refresh tokens redeemed
}

func newTokenServer(t *testing.T, expiresIn int) *tokenServer {
	ts := &tokenServer{expiresIn: expiresIn, refresh: "rt-0-" + randomHex(8)}
	ts.srv = httptest.NewServer(http.HandlerFunc(ts.serve))
	t.Cleanup(ts.srv.Close)
	return ts
}

func (ts *tokenServer) fail(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": "test token endpoint: " + code})
}

func (ts *tokenServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/token" || r.ParseForm() != nil {
		ts.fail(w, http.StatusBadRequest, "invalid_request")
		return
	}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	grant := r.PostForm.Get("grant_type")
	resp := map[string]any{"token_type": "Bearer", "expires_in": ts.expiresIn}
	switch grant {
	case "client_credentials":
		if id != oauthClientID || secret != oauthClientSecret {
			ts.fail(w, http.StatusUnauthorized, "invalid_client")
			return
		}
		if r.PostForm.Get("scope") != exchangeScope {
			ts.fail(w, http.StatusBadRequest, "invalid_scope")
			return
		}
	case "refresh_token":
		if id != oauthClientID {
			ts.fail(w, http.StatusUnauthorized, "invalid_client")
			return
		}
		rt := r.PostForm.Get("refresh_token")
		ts.used = append(ts.used, rt)
		if rt != ts.refresh {
			ts.fail(w, http.StatusBadRequest, "invalid_grant")
			return
		}
		ts.refresh = fmt.Sprintf("rt-%d-%s", len(ts.used), randomHex(8))
		resp["refresh_token"] = ts.refresh
	default:
		ts.fail(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	tok := fmt.Sprintf("at-%d-%s", len(ts.issued)+1, randomHex(16))
	ts.grants = append(ts.grants, grant)
	ts.issued = append(ts.issued, tok)
	resp["access_token"] = tok
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(resp)
}

func (ts *tokenServer) state() (grants, issued, used []string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]string(nil), ts.grants...), append([]string(nil), ts.issued...), append([]string(nil), ts.used...)
}

// resourceServer is an EWS endpoint accepting the tokens of a tokenServer,
// except those reject says are expired, answering them as Exchange Online
// does: 401 with a Bearer challenge carrying error="invalid_token".
type resourceServer struct {
	srv    *httptest.Server
	tokens *tokenServer
	reject func(i int, tok string) bool // i: index of tok among the issued tokens
	// challenge, when set, replaces the 401's WWW-Authenticate.
	challenge string

	mu     sync.Mutex
	seen   []string // the token of each request
	bodies []string
}

func newResourceServer(t *testing.T, tokens *tokenServer, reject func(i int, tok string) bool) *resourceServer {
	rs := &resourceServer{tokens: tokens, reject: reject}
	inner := ews.NewHandler(imService{})
	rs.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		rs.mu.Lock()
		rs.seen = append(rs.seen, tok)
		rs.bodies = append(rs.bodies, string(body))
		challenge := rs.challenge
		rs.mu.Unlock()
		_, issued, _ := tokens.state()
		i := -1
		for j, s := range issued {
			if s == tok {
				i = j
			}
		}
		if i < 0 || rs.reject(i, tok) {
			if challenge == "" {
				challenge = `Bearer client_id="00000002-0000-0ff1-ce00-000000000000", token_types="app_asserted_user_v1 service_asserted_app_v1", error="invalid_token"`
				w.Header().Set("X-Ms-Diagnostics", `2000003;reason="The token has expired.";error_category="invalid_token"`)
			}
			w.Header().Set("WWW-Authenticate", challenge)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(rs.srv.Close)
	return rs
}

func (rs *resourceServer) state() (seen, bodies []string) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return append([]string(nil), rs.seen...), append([]string(nil), rs.bodies...)
}

func clientCredentialsConfig(ts *tokenServer) *clientcredentials.Config {
	return &clientcredentials.Config{
		ClientID:     oauthClientID,
		ClientSecret: oauthClientSecret,
		TokenURL:     ts.srv.URL + "/token",
		Scopes:       []string{exchangeScope},
	}
}

var removeReq = &ews.RemoveImContactFromGroup{ContactId: &ews.ItemIdType{Id: "c"}, GroupId: &ews.ItemIdType{Id: "g"}}

// checkNoTokens fails when s shows an issued token, the client secret or an
// Authorization header.
func checkNoTokens(t *testing.T, s string, ts *tokenServer) {
	t.Helper()
	_, issued, used := ts.state()
	ts.mu.Lock()
	current := ts.refresh
	ts.mu.Unlock()
	for _, secret := range append(append(append([]string{oauthClientSecret, "Bearer at-", "Authorization"}, issued...), used...), current) {
		if strings.Contains(s, secret) {
			t.Errorf("output shows %q:\n%s", secret, s)
		}
	}
}

// The resource server says the first token expired: the wrapper gets a new
// one (one refresh) and the call succeeds; the hook never sees a token.
func TestOAuth2RenewsRejectedToken(t *testing.T) {
	ts := newTokenServer(t, 60)
	rs := newResourceServer(t, ts, func(i int, _ string) bool { return i == 0 })
	var log strings.Builder
	var events int
	hook := ews.WithHook(func(ev ews.HookEvent) {
		events++
		fmt.Fprintf(&log, "%+v %#v %s %s %v\n", ev, ev, ev.Request, ev.Response, ev.Err)
		if ev.StatusCode != 200 || ev.Err != nil || ev.Attempt != 1 {
			t.Errorf("hook event %+v", ev)
		}
	})
	ctx := context.Background()
	src := auth.ClientCredentials(ctx, clientCredentialsConfig(ts))
	tr := auth.OAuth2(src, nil, auth.AllowPlainHTTP())
	c := ews.NewClient(rs.srv.URL, &http.Client{Transport: tr}, hook)
	for i := 0; i < 3; i++ {
		resp, err := c.RemoveImContactFromGroup(ctx, removeReq)
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if resp.ResponseClass != ews.ResponseClassSuccess {
			t.Fatalf("call %d: %+v", i, resp)
		}
	}
	grants, issued, _ := ts.state()
	seen, _ := rs.state()
	if len(grants) != 2 || grants[0] != "client_credentials" || grants[1] != "client_credentials" {
		t.Fatalf("token requests %q, want 2 client_credentials grants (one refresh)", grants)
	}
	want := []string{issued[0], issued[1], issued[1], issued[1]}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("resource server saw tokens %q, want %q", seen, want)
	}
	if events != 3 {
		t.Errorf("%d hook events, want 3", events)
	}
	fmt.Fprintf(&log, "%v %+v %#v %v %#v", tr, tr, tr, src, src)
	checkNoTokens(t, log.String(), ts)
}

// A server rejecting every token gets each request twice (one refresh per
// call), never more; the error shows no token.
func TestOAuth2RetriesOnce(t *testing.T) {
	ts := newTokenServer(t, 3600)
	rs := newResourceServer(t, ts, func(int, string) bool { return true })
	var log strings.Builder
	hook := ews.WithHook(func(ev ews.HookEvent) { fmt.Fprintf(&log, "%+v %s %v\n", ev, ev.Response, ev.Err) })
	ctx := context.Background()
	c := ews.NewClient(rs.srv.URL, &http.Client{Transport: auth.OAuth2(auth.ClientCredentials(ctx, clientCredentialsConfig(ts)), nil, auth.AllowPlainHTTP())}, hook)
	for i := 1; i <= 2; i++ {
		_, err := c.RemoveImContactFromGroup(ctx, removeReq)
		var he *ews.HTTPError
		if !errors.As(err, &he) || he.StatusCode != 401 {
			t.Fatalf("call %d: %v, want HTTP 401", i, err)
		}
		fmt.Fprintf(&log, "%v %+v %#v\n", err, err, he)
		seen, _ := rs.state()
		grants, _, _ := ts.state()
		if len(seen) != 2*i || len(grants) != i+1 {
			t.Errorf("after call %d: %d resource requests, %d token requests; want %d and %d", i, len(seen), len(grants), 2*i, i+1)
		}
	}
	checkNoTokens(t, log.String(), ts)
}

// Delegated access: the refresh token is redeemed, and the one the server
// rotates in is used for the next refresh.
func TestOAuth2RefreshToken(t *testing.T) {
	ts := newTokenServer(t, 60)
	rs := newResourceServer(t, ts, func(i int, _ string) bool { return i == 0 })
	first := ts.refresh
	cfg := &oauth2.Config{
		ClientID: oauthClientID,
		Endpoint: oauth2.Endpoint{TokenURL: ts.srv.URL + "/token", AuthStyle: oauth2.AuthStyleInParams},
		Scopes:   []string{exchangeScope, "offline_access"},
	}
	ctx := context.Background()
	src := auth.RefreshToken(ctx, cfg, first)
	tr := auth.OAuth2(src, nil, auth.AllowPlainHTTP())
	var log strings.Builder
	c := ews.NewClient(rs.srv.URL, &http.Client{Transport: tr}, ews.WithHook(func(ev ews.HookEvent) {
		fmt.Fprintf(&log, "%+v %s %v\n", ev, ev.Response, ev.Err)
	}))
	for i := 0; i < 2; i++ {
		if _, err := c.RemoveImContactFromGroup(ctx, removeReq); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	grants, _, used := ts.state()
	if fmt.Sprint(grants) != "[refresh_token refresh_token]" || len(used) != 2 || used[0] != first || used[1] == first {
		t.Errorf("grants %q, refresh tokens used %q (first %q)", grants, used, first)
	}
	fmt.Fprintf(&log, "%v %#v %v %#v", tr, tr, src, src)
	checkNoTokens(t, log.String(), ts)
}

// A caching source gives the rejected token again: the request fails with
// ErrTokenRejected instead of being sent again with it.
func TestOAuth2CachingSource(t *testing.T) {
	ts := newTokenServer(t, 3600)
	rs := newResourceServer(t, ts, func(i int, _ string) bool { return i == 0 })
	ctx := context.Background()
	c := &http.Client{Transport: auth.OAuth2(clientCredentialsConfig(ts).TokenSource(ctx), nil, auth.AllowPlainHTTP())}
	_, err := c.Post(rs.srv.URL, "text/xml", strings.NewReader("<x/>"))
	if !errors.Is(err, auth.ErrTokenRejected) {
		t.Fatalf("error %v, want ErrTokenRejected", err)
	}
	if seen, _ := rs.state(); len(seen) != 1 {
		t.Errorf("%d requests, want 1", len(seen))
	}
	checkNoTokens(t, err.Error(), ts)
}

// The body of a request without GetBody is copied to be sent again; a body
// over the bound is sent once and the 401 returned; a 401 that does not say
// the token is invalid is returned as it is.
func TestOAuth2Body(t *testing.T) {
	ts := newTokenServer(t, 3600)
	rs := newResourceServer(t, ts, func(i int, _ string) bool { return i == 0 })
	c := &http.Client{Transport: auth.OAuth2(auth.ClientCredentials(context.Background(), clientCredentialsConfig(ts)), nil, auth.AllowPlainHTTP())}
	const payload = "<soap:Envelope>no GetBody</soap:Envelope>"
	req, _ := http.NewRequest(http.MethodPost, rs.srv.URL, io.NopCloser(strings.NewReader(payload)))
	if req.GetBody != nil {
		t.Fatal("request has GetBody")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	seen, bodies := rs.state()
	// the EWS handler answers the second attempt (with a fault: payload is
	// not an envelope)
	if resp.StatusCode == http.StatusUnauthorized || len(bodies) != 2 || bodies[0] != payload || bodies[1] != payload || seen[0] == seen[1] {
		t.Errorf("status %d, bodies %q", resp.StatusCode, bodies)
	}

	// over the bound: sent once, whole, with the kept token; the 401 comes back
	rs2 := newResourceServer(t, ts, func(int, string) bool { return true })
	big := strings.Repeat("x", 8<<20+1)
	req, _ = http.NewRequest(http.MethodPost, rs2.srv.URL, io.NopCloser(strings.NewReader(big)))
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	_, bodies = rs2.state()
	if resp.StatusCode != 401 || len(bodies) != 1 || len(bodies[0]) != len(big) {
		t.Errorf("status %d, %d requests", resp.StatusCode, len(bodies))
	}

	// a 401 without error="invalid_token": no new token, no second attempt
	rs3 := newResourceServer(t, ts, func(int, string) bool { return true })
	rs3.challenge = `Bearer realm="ews"`
	grantsBefore, _, _ := ts.state()
	resp, err = c.Post(rs3.srv.URL, "text/xml", strings.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	grants, _, _ := ts.state()
	if seen, _ := rs3.state(); resp.StatusCode != 401 || len(seen) != 1 || len(grants) != len(grantsBefore) {
		t.Errorf("status %d, %d requests, %d token requests (before %d)", resp.StatusCode, len(seen), len(grants), len(grantsBefore))
	}
}

// The token endpoint refusing the client: the error says so, without the
// secret, and nothing reaches the resource server.
func TestOAuth2TokenEndpointError(t *testing.T) {
	ts := newTokenServer(t, 3600)
	rs := newResourceServer(t, ts, func(int, string) bool { return false })
	cfg := clientCredentialsConfig(ts)
	cfg.ClientSecret = "wrong-" + oauthClientSecret
	c := &http.Client{Transport: auth.OAuth2(auth.ClientCredentials(context.Background(), cfg), nil, auth.AllowPlainHTTP())}
	_, err := c.Get(rs.srv.URL)
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_client" {
		t.Fatalf("error %v, want the token endpoint's invalid_client", err)
	}
	if seen, _ := rs.state(); len(seen) != 0 {
		t.Errorf("resource server saw %d requests", len(seen))
	}
	checkNoTokens(t, err.Error(), ts)
	if strings.Contains(err.Error(), cfg.ClientSecret) {
		t.Errorf("error shows the secret: %v", err)
	}
}

// Concurrent requests rejected with the same token share one refresh.
func TestOAuth2ConcurrentRefresh(t *testing.T) {
	ts := newTokenServer(t, 3600)
	rs := newResourceServer(t, ts, func(i int, _ string) bool { return i == 0 })
	const n = 8
	release := make(chan struct{})
	var arrivals atomic.Int32
	// hold the first n requests (the first attempts: no second attempt
	// starts before they are answered) until all have arrived, so that all
	// carry the first token
	gate := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch k := arrivals.Add(1); {
		case k < n:
			<-release
		case k == n:
			close(release)
		}
		rs.srv.Config.Handler.ServeHTTP(w, r)
	})
	front := httptest.NewServer(gate)
	defer front.Close()
	c := &http.Client{Transport: auth.OAuth2(auth.ClientCredentials(context.Background(), clientCredentialsConfig(ts)), nil, auth.AllowPlainHTTP())}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, front.URL, strings.NewReader("<x/>"))
			resp, err := c.Do(req)
			if err != nil {
				errs <- err
				return
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusUnauthorized {
				errs <- errors.New("401 after the refresh")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	grants, issued, _ := ts.state()
	seen, _ := rs.state()
	if len(grants) != 2 {
		t.Errorf("%d token requests, want 2 (one refresh shared by %d rejected requests)", len(grants), n)
	}
	first := 0
	for _, s := range seen {
		if s == issued[0] {
			first++
		}
	}
	if first != n || len(seen) != 2*n {
		t.Errorf("%d of %d requests with the first token; want %d of %d", first, len(seen), n, 2*n)
	}
}
