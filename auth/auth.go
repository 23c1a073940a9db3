// Package auth holds http.RoundTripper wrappers that authenticate requests
// to Exchange Web Services: Basic, Bearer (OAuth 2.0 access tokens) and NTLM.
// Wrap the transport of the *http.Client given to the generated client:
//
//	hc := &http.Client{Transport: auth.NTLM(`CONTOSO\alice`, password, nil)}
//	c := ews.NewClient("https://mail.contoso.com/EWS/Exchange.asmx", hc)
//
// The wrappers never modify the caller's request (they clone it), and their
// String and GoString methods never print credentials.
package auth

import (
	"crypto/tls"
	"errors"
	"net/http"
	"time"

	"github.com/Azure/go-ntlmssp"
)

func orDefault(rt http.RoundTripper) http.RoundTripper {
	if rt == nil {
		return http.DefaultTransport
	}
	return rt
}

// closeBody closes a request body a RoundTripper did not pass on, as the
// RoundTripper contract requires.
func closeBody(r *http.Request) {
	if r.Body != nil {
		r.Body.Close()
	}
}

// Basic returns a RoundTripper adding HTTP Basic credentials to every
// request, then sending it with next (http.DefaultTransport when nil). Use
// it over HTTPS only.
func Basic(user, password string, next http.RoundTripper) http.RoundTripper {
	return &basic{user: user, password: password, next: orDefault(next)}
}

type basic struct {
	user, password string
	next           http.RoundTripper
}

func (b *basic) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := r.Clone(r.Context())
	r2.SetBasicAuth(b.user, b.password)
	return b.next.RoundTrip(r2)
}

func (b *basic) String() string   { return "auth.Basic(" + b.user + ", <redacted>)" }
func (b *basic) GoString() string { return b.String() }

// TokenSource returns a valid OAuth 2.0 access token, refreshing it when
// needed. An oauth2.TokenSource adapts with
//
//	auth.TokenFunc(func() (string, error) {
//		t, err := ts.Token()
//		if err != nil {
//			return "", err
//		}
//		return t.AccessToken, nil
//	})
type TokenSource interface {
	Token() (string, error)
}

// TokenFunc is a TokenSource calling the function.
type TokenFunc func() (string, error)

// Token calls f.
func (f TokenFunc) Token() (string, error) { return f() }

// StaticToken returns a TokenSource that always returns token.
func StaticToken(token string) TokenSource {
	return TokenFunc(func() (string, error) { return token, nil })
}

// Bearer returns a RoundTripper adding "Authorization: Bearer <token>"
// from ts to every request, then sending it with next
// (http.DefaultTransport when nil).
func Bearer(ts TokenSource, next http.RoundTripper) http.RoundTripper {
	return &bearer{ts: ts, next: orDefault(next)}
}

type bearer struct {
	ts   TokenSource
	next http.RoundTripper
}

// ErrNoToken is returned when a TokenSource gives an empty token.
var ErrNoToken = errors.New("auth: token source returned an empty token")

func (b *bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	tok, err := b.ts.Token()
	if err == nil && tok == "" {
		err = ErrNoToken
	}
	if err != nil {
		closeBody(r)
		return nil, err
	}
	r2 := r.Clone(r.Context())
	r2.Header.Set("Authorization", "Bearer "+tok)
	return b.next.RoundTrip(r2)
}

func (b *bearer) String() string   { return "auth.Bearer(<redacted>)" }
func (b *bearer) GoString() string { return b.String() }

// NTLMTransport returns a transport suited to NTLM: NTLM authenticates a
// connection, not a request, so the handshake must stay on one HTTP/1.1
// keep-alive connection. HTTP/2 is disabled and the idle pool is bounded.
func NTLMTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ForceAttemptHTTP2 = false
	t.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	t.DisableKeepAlives = false
	t.MaxIdleConns = 16
	t.MaxIdleConnsPerHost = 8
	t.MaxConnsPerHost = 0
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// NTLM returns a RoundTripper performing the NTLM (or Negotiate with NTLM)
// handshake with user ("DOMAIN\user" or "user@domain") and password when the
// server asks for it, sending requests with next. next must keep
// connections alive over HTTP/1.1; when nil, NTLMTransport() is used.
// The request body is replayed during the handshake, so it is buffered
// unless it is seekable.
func NTLM(user, password string, next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = NTLMTransport()
	}
	return &ntlm{user: user, password: password, neg: ntlmssp.Negotiator{RoundTripper: next}}
}

type ntlm struct {
	user, password string
	neg            ntlmssp.Negotiator
}

func (n *ntlm) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := r.Clone(r.Context())
	// The negotiator takes the credentials from Basic auth fields; it never
	// sends them as Basic (AllowBasicAuth is false).
	r2.SetBasicAuth(n.user, n.password)
	return n.neg.RoundTrip(r2)
}

func (n *ntlm) String() string   { return "auth.NTLM(" + n.user + ", <redacted>)" }
func (n *ntlm) GoString() string { return n.String() }
