// Package auth holds http.RoundTripper wrappers that authenticate requests
// to Exchange Web Services: Basic, Bearer (OAuth 2.0 access tokens from any
// source), OAuth2 (golang.org/x/oauth2 token sources, refreshed when the
// server rejects a token), NTLM, and Negotiate (Kerberos SPNEGO through
// github.com/jcmturner/gokrb5: NegotiatePassword, NegotiateKeytab,
// NegotiateCCache). Wrap the transport of the *http.Client
// given to the generated client:
//
//	hc := &http.Client{Transport: auth.NTLM(`CONTOSO\alice`, password, nil)}
//	c := ews.NewClient("https://mail.contoso.com/EWS/Exchange.asmx", hc)
//
// # Where credentials go
//
// Credentials are bound to one origin (scheme, host and port): that of the
// first request of each redirect chain, or the one given with PinOrigin
// (such as the EWS endpoint). A request to any other origin, typically a
// redirect followed by http.Client to another host or from https to http,
// is refused: it is not sent at all, and the call fails with an error
// wrapping ErrCrossOrigin that names both origins. Refusing rather than
// sending without credentials also keeps the request body (307 and 308
// redirects resend it) from going to a server it was not meant for.
//
// Credentials of every kind, Bearer and OAuth 2.0 tokens included, are
// refused over plain http:// (ErrPlainHTTP) unless the wrapper is given
// AllowPlainHTTP(), meant for loopback test servers.
//
// # Secrets
//
// The wrappers never modify the caller's request (they clone it), and their
// String and GoString methods never print credentials or tokens; the errors
// they return never contain them either.
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
// request to its origin, then sending it with next (http.DefaultTransport
// when nil). Plain http:// needs AllowPlainHTTP().
func Basic(user, password string, next http.RoundTripper, opts ...Option) http.RoundTripper {
	return &basic{user: user, password: password, next: orDefault(next), opts: newOptions(opts)}
}

type basic struct {
	user, password string
	next           http.RoundTripper
	opts           options
}

func (b *basic) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := b.opts.check(r); err != nil {
		closeBody(r)
		return nil, err
	}
	r2 := r.Clone(r.Context())
	r2.SetBasicAuth(b.user, b.password)
	return b.next.RoundTrip(r2)
}

func (b *basic) String() string   { return "auth.Basic(" + b.user + ", <redacted>)" }
func (b *basic) GoString() string { return b.String() }

// TokenSource returns a valid OAuth 2.0 access token, refreshing it when
// needed. For an oauth2.TokenSource, use OAuth2 instead of Bearer: it also
// renews a token the server rejects.
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
// from ts to every request to its origin, then sending it with next
// (http.DefaultTransport when nil). Plain http:// needs AllowPlainHTTP().
// ts is asked for a token on every request; OAuth2 takes an
// oauth2.TokenSource and also renews a token the server rejects.
func Bearer(ts TokenSource, next http.RoundTripper, opts ...Option) http.RoundTripper {
	return &bearer{ts: ts, next: orDefault(next), opts: newOptions(opts)}
}

type bearer struct {
	ts   TokenSource
	next http.RoundTripper
	opts options
}

// ErrNoToken is returned when a TokenSource gives an empty token.
var ErrNoToken = errors.New("auth: token source returned an empty token")

func (b *bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := b.opts.check(r); err != nil {
		closeBody(r)
		return nil, err
	}
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
// unless it is seekable. Requests to another origin are refused before any
// handshake; plain http:// needs AllowPlainHTTP().
func NTLM(user, password string, next http.RoundTripper, opts ...Option) http.RoundTripper {
	if next == nil {
		next = NTLMTransport()
	}
	return &ntlm{user: user, password: password, neg: ntlmssp.Negotiator{RoundTripper: next}, opts: newOptions(opts)}
}

type ntlm struct {
	user, password string
	neg            ntlmssp.Negotiator
	opts           options
}

func (n *ntlm) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := n.opts.check(r); err != nil {
		closeBody(r)
		return nil, err
	}
	r2 := r.Clone(r.Context())
	// The negotiator takes the credentials from Basic auth fields; it never
	// sends them as Basic (AllowBasicAuth is false).
	r2.SetBasicAuth(n.user, n.password)
	return n.neg.RoundTrip(r2)
}

func (n *ntlm) String() string   { return "auth.NTLM(" + n.user + ", <redacted>)" }
func (n *ntlm) GoString() string { return n.String() }
