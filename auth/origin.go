package auth

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ErrPlainHTTP is returned (wrapped) when credentials would go over plain
// http:// without the AllowPlainHTTP option.
var ErrPlainHTTP = errors.New("auth: refusing to send credentials over plain HTTP")

// ErrCrossOrigin is returned (wrapped) when a request, usually a redirect,
// goes to another origin (scheme, host and port) than the one the
// credentials are for.
var ErrCrossOrigin = errors.New("auth: refusing to send credentials to another origin")

// Option configures a wrapper of this package.
type Option func(*options)

// AllowPlainHTTP lets the wrapper send credentials over plain http://.
// Without it, such requests fail with ErrPlainHTTP and are not sent. Use it
// for loopback test servers, never across a network.
func AllowPlainHTTP() Option {
	return func(o *options) { o.allowHTTP = true }
}

// PinOrigin binds the credentials to the origin (scheme, host and port) of
// endpoint, such as the EWS URL given to the client: requests to any other
// origin fail with ErrCrossOrigin, redirected or not. Without it, the origin
// is that of the first request of each redirect chain. An endpoint that does
// not parse as an absolute http or https URL makes every request fail.
func PinOrigin(endpoint string) Option {
	return func(o *options) {
		u, err := url.Parse(endpoint)
		if err == nil && (u.Host == "" || (!strings.EqualFold(u.Scheme, "https") && !strings.EqualFold(u.Scheme, "http"))) {
			err = errors.New("not an absolute http or https URL")
		}
		if err != nil {
			o.pinErr = fmt.Errorf("auth: PinOrigin(%q): %v", endpoint, err)
			return
		}
		o.pinned = u
	}
}

// options holds what the Options of a wrapper set.
type options struct {
	pinned    *url.URL
	pinErr    error
	allowHTTP bool
	// tokenTimeout bounds each request for an OAuth2 token (TokenTimeout).
	tokenTimeout time.Duration
}

func newOptions(opts []Option) options {
	var o options
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

// check returns nil when credentials may go with r, else why not.
func (o *options) check(r *http.Request) error {
	if o.pinErr != nil {
		return o.pinErr
	}
	return credentialsAllowed(r, o.pinned, o.allowHTTP)
}

// credentialsAllowed reports whether a wrapper may add credentials to r,
// returning nil when it may and an error saying why not otherwise. Every
// wrapper calls it on every request (including each redirect hop, which
// http.Client sends through the wrapper again) before adding credentials,
// and on an error closes r's body and returns the error without sending r.
//
// Credentials belong to one origin: pinned when not nil, otherwise the URL of
// the first request of the redirect chain r belongs to. During http.Client
// redirects, r.Response is the redirect response and r.Response.Request the
// previous hop, so the chain is walked back to the request without a
// Response. The rules:
//   - r going to another scheme, host or port than that origin fails with
//     ErrCrossOrigin (so does https to http on the same host), as does a
//     redirected request whose chain cannot be walked back (a response
//     without its Request) when nothing is pinned;
//   - r over plain http fails with ErrPlainHTTP unless allowHTTP;
//   - any scheme but http and https fails.
//
// Errors name scheme://host[:port] only, never paths, queries or user info.
func credentialsAllowed(r *http.Request, pinned *url.URL, allowHTTP bool) error {
	if r.URL == nil {
		return errors.New("auth: request without a URL")
	}
	origin := pinned
	if origin == nil {
		first := r
		for first.Response != nil {
			if first.Response.Request == nil {
				return fmt.Errorf("%w: %s is a redirect whose previous request is unknown; pin the origin with auth.PinOrigin", ErrCrossOrigin, originString(r.URL))
			}
			first = first.Response.Request
		}
		origin = first.URL
	}
	if !sameOrigin(origin, r.URL) {
		return fmt.Errorf("%w: credentials are for %s, the request goes to %s", ErrCrossOrigin, originString(origin), originString(r.URL))
	}
	switch strings.ToLower(r.URL.Scheme) {
	case "https":
		return nil
	case "http":
		if allowHTTP {
			return nil
		}
		return fmt.Errorf("%w to %s; use https, or auth.AllowPlainHTTP() to allow it (loopback tests only)", ErrPlainHTTP, originString(r.URL))
	}
	return fmt.Errorf("auth: refusing to send credentials to %s: not an http or https URL", originString(r.URL))
}

// sameOrigin reports whether a and b have the same scheme, host and port
// (the scheme's default port when none is given), ignoring case.
func sameOrigin(a, b *url.URL) bool {
	if a == nil || b == nil || !strings.EqualFold(a.Scheme, b.Scheme) {
		return false
	}
	ha, pa := hostPort(a)
	hb, pb := hostPort(b)
	return strings.EqualFold(ha, hb) && pa == pb
}

// hostPort returns u's host name (without brackets, without a trailing dot)
// and port, the scheme's default port when u has none.
func hostPort(u *url.URL) (string, string) {
	h, p := strings.TrimSuffix(u.Hostname(), "."), u.Port()
	if p == "" {
		switch strings.ToLower(u.Scheme) {
		case "https":
			p = "443"
		case "http":
			p = "80"
		}
	}
	return h, p
}

// originString returns scheme://host[:port] of u, for errors.
func originString(u *url.URL) string {
	if u == nil {
		return "<nil>"
	}
	h, p := hostPort(u)
	scheme := strings.ToLower(u.Scheme) + "://"
	if u.Port() != "" {
		return scheme + net.JoinHostPort(h, p)
	}
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	return scheme + h
}
