package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// maxReplayBody is the largest request body OAuth2 copies to send it again
// after the server rejected a token, for requests without GetBody.
const maxReplayBody = 8 << 20

// DefaultTokenTimeout bounds each request for a token of OAuth2,
// ClientCredentials and RefreshToken, unless TokenTimeout says otherwise.
const DefaultTokenTimeout = 30 * time.Second

// TokenTimeout sets how long OAuth2 waits for its token source to give a
// token (default DefaultTokenTimeout). The token endpoint request of
// ClientCredentials and RefreshToken is cancelled when it passes; for
// another source, OAuth2 stops waiting and asks again on the next request
// (the source's call goes on until it returns). Other wrappers ignore it.
func TokenTimeout(d time.Duration) Option {
	return func(o *options) { o.tokenTimeout = d }
}

// ErrTokenRejected is returned (wrapped) when the server rejected an access
// token and the token source, asked for a new one, returned the same token.
var ErrTokenRejected = errors.New("auth: the server rejected the access token and the token source returned the same token again")

// OAuth2 returns a RoundTripper adding an OAuth 2.0 access token from ts
// ("Authorization: Bearer <token>", or the token's own type) to every
// request to its origin, then sending it with next (http.DefaultTransport
// when nil). Plain http:// needs AllowPlainHTTP().
//
// The wrapper keeps the token ts gave until it expires
// (oauth2.Token.Valid), then asks ts for another. When the server answers
// 401 saying the token is invalid or expired (a Bearer challenge with
// error="invalid_token", or Exchange Online's x-ms-diagnostics with
// error_category="invalid_token"), it asks ts for a new token and sends the
// request again, once: the answer to that second attempt is returned as it
// is. So ts must return a new token on each call, as ClientCredentials and
// RefreshToken do; a caching source (oauth2.ReuseTokenSource, which
// clientcredentials.Config.TokenSource and oauth2.Config.TokenSource
// return) that gives the rejected token again fails the request with
// ErrTokenRejected.
//
// The body is sent again from the request's GetBody (which the generated
// client's requests, and those of http.NewRequest with a bytes or strings
// reader, have), otherwise from a copy of up to 8 MiB; a
// larger body is sent once and a 401 answer returned as it is.
//
// App-only access to Exchange Online (client credentials grant; the
// application acts for a mailbox through impersonation, a call option of
// the generated client):
//
//	cfg := &clientcredentials.Config{
//		ClientID:     clientID,
//		ClientSecret: clientSecret,
//		TokenURL:     "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token",
//		Scopes:       []string{"https://outlook.office365.com/.default"},
//	}
//	hc := &http.Client{Transport: auth.OAuth2(auth.ClientCredentials(ctx, cfg), nil)}
//	c := ews.NewClient("https://outlook.office365.com/EWS/Exchange.asmx", hc)
//
// One request for a token is in flight at a time, shared by the requests
// that need one (the first request, those rejected with the same token,
// those after the token expired); it is bounded by TokenTimeout (default
// 30 s), after which the waiting requests fail with an error wrapping
// context.DeadlineExceeded. A request waits for it only as long as its own
// context lasts: when the context ends, the request fails with an error
// wrapping the context's error (context.Canceled or
// context.DeadlineExceeded), and the token request goes on for the
// others. The token request does not use the context of any HTTP request:
// ClientCredentials and RefreshToken use the context they were given.
//
// Delegated access, with the refresh token of an earlier sign-in:
//
//	cfg := &oauth2.Config{
//		ClientID: clientID,
//		Endpoint: microsoft.AzureADEndpoint(tenant),
//		Scopes:   []string{"https://outlook.office365.com/.default", "offline_access"},
//	}
//	hc := &http.Client{Transport: auth.OAuth2(auth.RefreshToken(ctx, cfg, refreshToken), nil)}
func OAuth2(ts oauth2.TokenSource, next http.RoundTripper, opts ...Option) http.RoundTripper {
	o := &oauth2Transport{ts: ts, next: orDefault(next), opts: newOptions(opts)}
	if o.opts.tokenTimeout <= 0 {
		o.opts.tokenTimeout = DefaultTokenTimeout
	}
	return o
}

type oauth2Transport struct {
	ts   oauth2.TokenSource
	next http.RoundTripper
	opts options

	mu     sync.Mutex
	cur    *oauth2.Token
	flight *tokenFetch // the request for a token in progress, if any
}

// tokenFetch is one request to the token source, shared by the requests
// waiting for it.
type tokenFetch struct {
	done     chan struct{} // closed when tok and err are set
	rejected string        // the access token that made it, if a rejection did
	deadline time.Time
	tok      *oauth2.Token
	err      error
}

// boundedSource is a token source that bounds its own request in time
// (ClientCredentials, RefreshToken).
type boundedSource interface {
	tokenWithin(d time.Duration) (*oauth2.Token, error)
}

func (o *oauth2Transport) String() string   { return "auth.OAuth2(<redacted>)" }
func (o *oauth2Transport) GoString() string { return o.String() }

// token returns the token to send: the kept one while it is valid and not
// the rejected access token, otherwise one from the request for a token in
// flight, started when there is none, so one rejection makes one request
// to the source. It waits for that request while ctx lasts, and at most
// until the request's deadline.
func (o *oauth2Transport) token(ctx context.Context, rejected string) (*oauth2.Token, error) {
	o.mu.Lock()
	if o.cur.Valid() && (rejected == "" || o.cur.AccessToken != rejected) {
		t := o.cur
		o.mu.Unlock()
		return t, nil
	}
	f := o.flight
	if f == nil || !time.Now().Before(f.deadline) {
		o.cur = nil
		f = &tokenFetch{done: make(chan struct{}), rejected: rejected, deadline: time.Now().Add(o.opts.tokenTimeout)}
		o.flight = f
		go o.fetch(f)
	}
	o.mu.Unlock()
	timer := time.NewTimer(time.Until(f.deadline))
	defer timer.Stop()
	select {
	case <-f.done:
	case <-ctx.Done():
		return nil, fmt.Errorf("auth: waiting for an OAuth2 token: %w", ctx.Err())
	case <-timer.C:
		o.mu.Lock()
		if o.flight == f {
			o.flight = nil // the next request asks again
		}
		o.mu.Unlock()
		return nil, fmt.Errorf("auth: the OAuth2 token source gave no token within %v: %w", o.opts.tokenTimeout, context.DeadlineExceeded)
	}
	if f.err != nil {
		return nil, f.err
	}
	if rejected != "" && f.tok.AccessToken == rejected {
		return nil, ErrTokenRejected
	}
	return f.tok, nil
}

// fetch asks the token source for a token, for f, and keeps it.
func (o *oauth2Transport) fetch(f *tokenFetch) {
	var t *oauth2.Token
	var err error
	if b, ok := o.ts.(boundedSource); ok {
		t, err = b.tokenWithin(o.opts.tokenTimeout)
	} else {
		t, err = o.ts.Token()
	}
	switch {
	case err != nil:
		t, err = nil, fmt.Errorf("auth: OAuth2 token source: %w", err)
	case t == nil || t.AccessToken == "":
		t, err = nil, ErrNoToken
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.flight == f {
		o.flight = nil
		if err == nil && t.AccessToken != f.rejected {
			o.cur = t
		}
	}
	f.tok, f.err = t, err
	close(f.done)
}

func (o *oauth2Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := o.opts.check(r); err != nil {
		closeBody(r)
		return nil, err
	}
	t, err := o.token(r.Context(), "")
	if err != nil {
		closeBody(r)
		return nil, err
	}
	r2 := r.Clone(r.Context())
	replay, err := replayableBody(r2, maxReplayBody)
	if err != nil {
		return nil, err
	}
	t.SetAuthHeader(r2)
	resp, err := o.next.RoundTrip(r2)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || !tokenRejected(resp.Header) || replay == nil {
		return resp, err
	}
	t2, err := o.token(r.Context(), t.AccessToken)
	if err != nil {
		drain(resp)
		return nil, fmt.Errorf("auth: the server answered 401 (invalid or expired token), and no new token: %w", err)
	}
	body, err := replay()
	if err != nil {
		drain(resp)
		return nil, fmt.Errorf("auth: the server answered 401 (invalid or expired token), and the request body cannot be sent again: %w", err)
	}
	drain(resp)
	r3 := r.Clone(r.Context())
	r3.Body = body
	t2.SetAuthHeader(r3)
	return o.next.RoundTrip(r3)
}

// tokenRejected reports whether a 401 answer's headers say the access token
// is invalid or expired: error="invalid_token" in a Bearer challenge
// (RFC 6750), or error_category="invalid_token" in x-ms-diagnostics, as
// Exchange Online sends.
func tokenRejected(h http.Header) bool {
	for _, v := range h.Values("WWW-Authenticate") {
		for _, p := range challengeParams(v) {
			if p.scheme == "bearer" && p.key == "error" && p.value == "invalid_token" {
				return true
			}
		}
	}
	for _, v := range h.Values("X-Ms-Diagnostics") {
		for _, kv := range strings.Split(v, ";") {
			k, val, ok := strings.Cut(kv, "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "error_category") && strings.Trim(strings.TrimSpace(val), `"`) == "invalid_token" {
				return true
			}
		}
	}
	return false
}

type challengeParam struct{ scheme, key, value string }

// challengeParams returns the auth-params of the challenges in one
// WWW-Authenticate value (RFC 9110 section 11.6.1), with lower-case scheme
// and key. token68 credentials are skipped.
func challengeParams(v string) []challengeParam {
	var out []challengeParam
	scheme := ""
	i := 0
	skip := func(set string) {
		for i < len(v) && strings.IndexByte(set, v[i]) >= 0 {
			i++
		}
	}
	token := func() string {
		start := i
		for i < len(v) && strings.IndexByte(" \t,=\"", v[i]) < 0 {
			i++
		}
		return v[start:i]
	}
	for i < len(v) {
		skip(" \t,")
		t := token()
		skip(" \t")
		switch {
		case t == "":
			i++ // a stray character: step over it
		case i < len(v) && v[i] == '=':
			skip("=")
			skip(" \t")
			var val string
			if i < len(v) && v[i] == '"' {
				var b strings.Builder
				for i++; i < len(v) && v[i] != '"'; i++ {
					if v[i] == '\\' && i+1 < len(v) {
						i++
					}
					b.WriteByte(v[i])
				}
				i++
				val = b.String()
			} else {
				val = token()
			}
			out = append(out, challengeParam{scheme, strings.ToLower(t), val})
		default:
			scheme = strings.ToLower(t)
		}
	}
	return out
}

// ClientCredentials returns a token source for app-only access: each call
// gets a new token from cfg's token endpoint (the client credentials grant),
// with ctx for that request. Give it to OAuth2, which keeps a token until it
// expires or the server rejects it.
func ClientCredentials(ctx context.Context, cfg *clientcredentials.Config) oauth2.TokenSource {
	return &clientCredentials{ctx: ctx, cfg: cfg}
}

type clientCredentials struct {
	ctx context.Context
	cfg *clientcredentials.Config
}

// Token gets a token, within DefaultTokenTimeout.
func (c *clientCredentials) Token() (*oauth2.Token, error) { return c.tokenWithin(DefaultTokenTimeout) }

func (c *clientCredentials) tokenWithin(d time.Duration) (*oauth2.Token, error) {
	ctx, cancel := context.WithTimeout(c.ctx, d)
	defer cancel()
	return boundedErr(ctx, d)(c.cfg.Token(ctx))
}

// boundedErr makes the error of a token request whose context ended wrap
// the context's error (golang.org/x/oauth2 keeps only its text).
func boundedErr(ctx context.Context, d time.Duration) func(*oauth2.Token, error) (*oauth2.Token, error) {
	return func(t *oauth2.Token, err error) (*oauth2.Token, error) {
		if err != nil && ctx.Err() != nil {
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, fmt.Errorf("no answer from the token endpoint within %v: %w (%v)", d, ctx.Err(), err)
			}
			return nil, fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return t, err
	}
}
func (c *clientCredentials) String() string {
	return "auth.ClientCredentials(" + c.cfg.ClientID + ", <redacted>)"
}
func (c *clientCredentials) GoString() string { return c.String() }

// RefreshToken returns a token source for delegated access: each call
// redeems the refresh token at cfg's token endpoint for a new access token,
// with ctx for that request, and keeps the refresh token the server returns
// with it (the Microsoft identity platform issues a new one each time) for
// the next call. Give it to OAuth2, which keeps a token until it expires or
// the server rejects it.
func RefreshToken(ctx context.Context, cfg *oauth2.Config, refreshToken string) oauth2.TokenSource {
	return &refresher{ctx: ctx, cfg: cfg, refresh: refreshToken}
}

type refresher struct {
	ctx context.Context
	cfg *oauth2.Config

	mu      sync.Mutex
	refresh string
}

// Token redeems the refresh token, within DefaultTokenTimeout.
func (f *refresher) Token() (*oauth2.Token, error) { return f.tokenWithin(DefaultTokenTimeout) }

func (f *refresher) tokenWithin(d time.Duration) (*oauth2.Token, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ctx, cancel := context.WithTimeout(f.ctx, d)
	defer cancel()
	t, err := boundedErr(ctx, d)(f.cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: f.refresh}).Token())
	if err != nil {
		return nil, err
	}
	if t.RefreshToken != "" {
		f.refresh = t.RefreshToken
	}
	return t, nil
}

func (f *refresher) String() string   { return "auth.RefreshToken(" + f.cfg.ClientID + ", <redacted>)" }
func (f *refresher) GoString() string { return f.String() }
