package auth_test

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ewsgen/ewsgen/auth"
	"golang.org/x/oauth2"
)

const (
	basicUser, basicPassword = "alice@contoso.com", "Ba5ic-Pa55w0rd!"
	bearerToken              = "bearer-token-0123456789"
	oauth2Token              = "oauth2-token-9876543210"
	ntlmUser, ntlmDomain     = "alice", "CONTOSO"
	ntlmPassword             = "N7lm-Pa55w0rd!"
)

// secrets are the strings no server of another origin, error or printout
// may show.
var secrets = []string{basicPassword, bearerToken, oauth2Token, ntlmPassword}

// scheme is one authentication mechanism: the wrapper under test and a
// server-side guard admitting only its credentials.
type scheme struct {
	name string
	wrap func(next http.RoundTripper, opts ...auth.Option) http.RoundTripper
	// guard returns h behind the check, and the number of completed NTLM
	// handshakes (always 0 for the other schemes).
	guard func(h http.Handler) (http.Handler, func() int)
}

func simpleGuard(ok func(r *http.Request) bool, challenge string) func(h http.Handler) (http.Handler, func() int) {
	return func(h http.Handler) (http.Handler, func() int) {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !ok(r) {
				w.Header().Set("WWW-Authenticate", challenge)
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			h.ServeHTTP(w, r)
		}), func() int { return 0 }
	}
}

var schemes = []scheme{
	{
		name: "Basic",
		wrap: func(next http.RoundTripper, opts ...auth.Option) http.RoundTripper {
			return auth.Basic(basicUser, basicPassword, next, opts...)
		},
		guard: simpleGuard(func(r *http.Request) bool {
			u, p, ok := r.BasicAuth()
			return ok && u == basicUser && p == basicPassword
		}, `Basic realm="ews"`),
	},
	{
		name: "Bearer",
		wrap: func(next http.RoundTripper, opts ...auth.Option) http.RoundTripper {
			return auth.Bearer(auth.StaticToken(bearerToken), next, opts...)
		},
		guard: simpleGuard(func(r *http.Request) bool {
			return r.Header.Get("Authorization") == "Bearer "+bearerToken
		}, "Bearer"),
	},
	{
		name: "OAuth2",
		wrap: func(next http.RoundTripper, opts ...auth.Option) http.RoundTripper {
			return auth.OAuth2(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: oauth2Token, TokenType: "Bearer"}), next, opts...)
		},
		guard: simpleGuard(func(r *http.Request) bool {
			return r.Header.Get("Authorization") == "Bearer "+oauth2Token
		}, "Bearer"),
	},
	{
		name: "NTLM",
		wrap: func(next http.RoundTripper, opts ...auth.Option) http.RoundTripper {
			return auth.NTLM(ntlmDomain+`\`+ntlmUser, ntlmPassword, next, opts...)
		},
		guard: func(h http.Handler) (http.Handler, func() int) {
			s := &ntlmServer{user: ntlmUser, domain: ntlmDomain, password: ntlmPassword, next: h,
				challenges: map[string][]byte{}, authenticated: map[string]bool{}}
			return s, func() int {
				s.mu.Lock()
				defer s.mu.Unlock()
				return s.handshakes
			}
		},
	},
}

// recorder counts the requests a server receives and keeps their
// Authorization headers.
type recorder struct {
	mu    sync.Mutex
	n     int
	auths []string
}

func (rec *recorder) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.n++
		if a := r.Header.Get("Authorization"); a != "" {
			rec.auths = append(rec.auths, a)
		}
		rec.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (rec *recorder) seen() (int, []string) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.n, append([]string(nil), rec.auths...)
}

// origin is a test server authenticating one scheme: /redirect?code=C&to=U
// redirects with status C to U, /final answers "final".
type origin struct {
	srv        *httptest.Server
	url        string // srv.URL, or srv.URL with another host name
	rec        recorder
	handshakes func() int
}

func newOrigin(t *testing.T, s scheme, tlsServer bool, host string) *origin {
	mux := http.NewServeMux()
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		var code int
		fmt.Sscan(r.URL.Query().Get("code"), &code)
		http.Redirect(w, r, r.URL.Query().Get("to"), code)
	})
	mux.HandleFunc("/final", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "final")
	})
	o := &origin{}
	guarded, hs := s.guard(mux)
	o.handshakes = hs
	if tlsServer {
		o.srv = httptest.NewTLSServer(o.rec.wrap(guarded))
	} else {
		o.srv = httptest.NewServer(o.rec.wrap(guarded))
	}
	t.Cleanup(o.srv.Close)
	o.url = o.srv.URL
	if host != "" {
		o.url = strings.Replace(o.url, "127.0.0.1", host, 1)
	}
	return o
}

// transport returns a keep-alive HTTP/1.1 transport (as NTLM needs)
// trusting the certificates of the TLS servers given.
func transport(t *testing.T, tlsServers ...*httptest.Server) *http.Transport {
	tr := auth.NTLMTransport()
	for _, s := range tlsServers {
		tr.TLSClientConfig = s.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	}
	if tr.TLSClientConfig == nil {
		tr.TLSClientConfig = &tls.Config{}
	}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// postRedirect sends a POST with a body to from's /redirect, redirecting with code
// to target.
func postRedirect(c *http.Client, from *origin, code int, target string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, from.url+"/redirect?code="+fmt.Sprint(code)+"&to="+target, strings.NewReader("<soap/>"))
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

var redirectCodes = []int{301, 302, 303, 307, 308}

// Credentials never follow a redirect to another origin (other host name,
// other port); the same redirect within the origin still authenticates.
func TestRedirectToAnotherOrigin(t *testing.T) {
	for _, s := range schemes {
		t.Run(s.name, func(t *testing.T) {
			a := newOrigin(t, s, false, "")
			others := map[string]*origin{
				"localhost":      newOrigin(t, s, false, "localhost"),
				"127.0.0.1:port": newOrigin(t, s, false, ""),
			}
			c := &http.Client{Transport: s.wrap(transport(t), auth.AllowPlainHTTP())}
			for _, code := range redirectCodes {
				for name, b := range others {
					resp, err := postRedirect(c, a, code, b.url+"/final")
					if err == nil {
						resp.Body.Close()
						t.Errorf("%d to %s: status %d, want an error", code, name, resp.StatusCode)
					} else if !errors.Is(err, auth.ErrCrossOrigin) || !strings.Contains(err.Error(), strings.TrimPrefix(b.url, "http://")) {
						t.Errorf("%d to %s: error %v, want ErrCrossOrigin naming %s", code, name, err, b.url)
					} else {
						checkNoSecrets(t, err.Error())
					}
				}
				// same origin: authenticated at the target
				resp, err := postRedirect(c, a, code, a.url+"/final")
				if err != nil {
					t.Fatalf("%d within the origin: %v", code, err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || string(body) != "final" {
					t.Errorf("%d within the origin: %d %q", code, resp.StatusCode, body)
				}
			}
			for name, b := range others {
				if n, auths := b.rec.seen(); n != 0 || len(auths) != 0 || b.handshakes() != 0 {
					t.Errorf("%s: %d requests, Authorization %q, %d NTLM handshakes; want none", name, n, auths, b.handshakes())
				}
			}
			if n, auths := a.rec.seen(); n < 4*len(redirectCodes) || len(auths) == 0 {
				t.Errorf("origin: %d requests, %d with Authorization", n, len(auths))
			}
			if s.name == "NTLM" && a.handshakes() == 0 {
				t.Error("no NTLM handshake with the origin")
			}
		})
	}
}

// An https origin redirecting to plain http (another port of the same
// host) never passes credentials, even with AllowPlainHTTP.
func TestRedirectHTTPSToHTTP(t *testing.T) {
	for _, s := range schemes {
		t.Run(s.name, func(t *testing.T) {
			a := newOrigin(t, s, true, "")
			b := newOrigin(t, s, false, "")
			for _, opts := range [][]auth.Option{nil, {auth.AllowPlainHTTP()}} {
				c := &http.Client{Transport: s.wrap(transport(t, a.srv), opts...)}
				for _, code := range redirectCodes {
					resp, err := postRedirect(c, a, code, b.url+"/final")
					if err == nil {
						resp.Body.Close()
						t.Errorf("%d to %s: status %d, want an error", code, b.url, resp.StatusCode)
					} else if !errors.Is(err, auth.ErrCrossOrigin) {
						t.Errorf("%d to %s: error %v, want ErrCrossOrigin", code, b.url, err)
					}
					resp, err = postRedirect(c, a, code, a.url+"/final")
					if err != nil {
						t.Fatalf("%d within the https origin: %v", code, err)
					}
					resp.Body.Close()
					if resp.StatusCode != 200 {
						t.Errorf("%d within the https origin: status %d", code, resp.StatusCode)
					}
				}
			}
			if n, auths := b.rec.seen(); n != 0 || len(auths) != 0 || b.handshakes() != 0 {
				t.Errorf("http server: %d requests, Authorization %q, %d NTLM handshakes; want none", n, auths, b.handshakes())
			}
			if _, auths := a.rec.seen(); len(auths) == 0 {
				t.Error("the https origin saw no credentials")
			}
		})
	}
}

// With PinOrigin, only the pinned origin gets requests, redirected or not.
func TestPinOrigin(t *testing.T) {
	for _, s := range schemes {
		t.Run(s.name, func(t *testing.T) {
			a := newOrigin(t, s, false, "")
			b := newOrigin(t, s, false, "localhost")
			c := &http.Client{Transport: s.wrap(transport(t), auth.AllowPlainHTTP(), auth.PinOrigin(a.url+"/EWS/Exchange.asmx"))}
			resp, err := c.Get(a.url + "/final")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("pinned origin: status %d", resp.StatusCode)
			}
			if _, err := c.Get(b.url + "/final"); !errors.Is(err, auth.ErrCrossOrigin) {
				t.Errorf("other origin: %v, want ErrCrossOrigin", err)
			}
			if n, _ := b.rec.seen(); n != 0 {
				t.Errorf("other origin saw %d requests", n)
			}
			bad := &http.Client{Transport: s.wrap(transport(t), auth.AllowPlainHTTP(), auth.PinOrigin("mail.contoso.com/EWS"))}
			if _, err := bad.Get(a.url + "/final"); err == nil || !strings.Contains(err.Error(), `PinOrigin("mail.contoso.com/EWS")`) {
				t.Errorf("bad pin: %v", err)
			}
		})
	}
}

// Credentials over plain http need AllowPlainHTTP; without it nothing is
// sent and the error names the URL's origin and the option.
func TestPlainHTTPRefused(t *testing.T) {
	for _, s := range schemes {
		t.Run(s.name, func(t *testing.T) {
			a := newOrigin(t, s, false, "")
			c := &http.Client{Transport: s.wrap(transport(t))}
			_, err := c.Get(a.url + "/final")
			if !errors.Is(err, auth.ErrPlainHTTP) {
				t.Fatalf("error %v, want ErrPlainHTTP", err)
			}
			for _, want := range []string{a.url, "auth.AllowPlainHTTP()"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %s", err, want)
				}
			}
			checkNoSecrets(t, err.Error())
			if n, _ := a.rec.seen(); n != 0 {
				t.Errorf("server saw %d requests", n)
			}
			c = &http.Client{Transport: s.wrap(transport(t), auth.AllowPlainHTTP())}
			resp, err := c.Get(a.url + "/final")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("with AllowPlainHTTP: status %d", resp.StatusCode)
			}
			tr := s.wrap(nil)
			checkNoSecrets(t, fmt.Sprintf("%v %+v %#v %s", tr, tr, tr, tr))
		})
	}
}

func checkNoSecrets(t *testing.T, s string) {
	t.Helper()
	for _, secret := range secrets {
		if strings.Contains(s, secret) {
			t.Errorf("%q shows a secret", s)
		}
	}
}
