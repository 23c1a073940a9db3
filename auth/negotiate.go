package auth

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/jcmturner/gokrb5/v8/client"
	"github.com/jcmturner/gokrb5/v8/config"
	"github.com/jcmturner/gokrb5/v8/credentials"
	"github.com/jcmturner/gokrb5/v8/keytab"
	"github.com/jcmturner/gokrb5/v8/spnego"
)

// ErrKerberosLogin is wrapped by the errors of a Negotiate RoundTripper
// that could not log in to the KDC (wrong password or keytab, unknown
// principal, unreachable KDC, expired credential cache).
var ErrKerberosLogin = errors.New("auth: Kerberos login failed")

// ErrKerberosTicket is wrapped by the errors of a Negotiate RoundTripper
// that logged in but could not get a service ticket for the server's SPN
// (usually an SPN the KDC does not know: see NegotiateSPN).
var ErrKerberosTicket = errors.New("auth: Kerberos service ticket not issued")

// DefaultNegotiateReplayLimit is the largest request body a Negotiate
// RoundTripper buffers to send it again after the server's 401 challenge,
// when the request has no GetBody.
const DefaultNegotiateReplayLimit = 8 << 20

// NegotiateOption configures the Negotiate RoundTrippers.
type NegotiateOption func(*negotiateConfig)

type negotiateConfig struct {
	spn         string
	krb5conf    string
	ccache      string
	insecure    bool
	replayLimit int64
}

// NegotiateSPN sets the service principal name tickets are requested for,
// such as "HTTP/mail.contoso.com" (or with "@REALM"). The default is
// HTTP/<host of the endpoint>, without DNS canonicalisation: set it when
// the server's account is registered under another name (a load-balancer
// name, a CNAME's target).
func NegotiateSPN(spn string) NegotiateOption {
	return func(c *negotiateConfig) { c.spn = spn }
}

// NegotiateKrb5Conf sets the krb5.conf file naming the realms and their
// KDCs. The default is the first file of $KRB5_CONFIG, else /etc/krb5.conf.
func NegotiateKrb5Conf(path string) NegotiateOption {
	return func(c *negotiateConfig) { c.krb5conf = path }
}

// NegotiateCCacheFile sets the credential cache NegotiateCCache reads.
// The default is $KRB5CCNAME (a file, optionally written "FILE:path"),
// else /tmp/krb5cc_<uid>.
func NegotiateCCacheFile(path string) NegotiateOption {
	return func(c *negotiateConfig) { c.ccache = path }
}

// NegotiateAllowHTTP lets the RoundTripper send Kerberos tickets to an
// http:// endpoint. Without it, constructors refuse such endpoints: a
// ticket sent in clear text can be replayed by whoever sees it until the
// server's replay cache forgets it.
func NegotiateAllowHTTP() NegotiateOption {
	return func(c *negotiateConfig) { c.insecure = true }
}

// NegotiateReplayLimit sets how many bytes of a request body without
// GetBody are buffered to replay it after the server's challenge
// (DefaultNegotiateReplayLimit when n <= 0). A longer body is sent once,
// with the ticket attached from the start.
func NegotiateReplayLimit(n int64) NegotiateOption {
	return func(c *negotiateConfig) { c.replayLimit = n }
}

// NegotiatePassword returns a RoundTripper authenticating to endpoint with
// Kerberos (HTTP Negotiate, SPNEGO) as user ("alice@CONTOSO.COM", or
// "alice" in krb5.conf's default_realm), logging in to the KDC with
// password on first use and again when the ticket-granting ticket expires.
// Requests go through next (http.DefaultTransport when nil); credentials
// are sent only to endpoint's origin (scheme, host and port).
func NegotiatePassword(endpoint, user, password string, next http.RoundTripper, opts ...NegotiateOption) (http.RoundTripper, error) {
	c := negotiateOptions(opts)
	cfg, err := loadKrb5Conf(c.krb5conf)
	if err != nil {
		return nil, err
	}
	name, realm, err := splitPrincipal(user, cfg)
	if err != nil {
		return nil, err
	}
	kc := client.NewWithPassword(name, realm, password, cfg, client.DisablePAFXFAST(true))
	return newNegotiate(endpoint, kc, name+"@"+realm, next, c)
}

// NegotiateKeytab is NegotiatePassword with the keys of user read from
// the keytab file keytabFile (as written by ktutil or kadmin's ktadd).
func NegotiateKeytab(endpoint, user, keytabFile string, next http.RoundTripper, opts ...NegotiateOption) (http.RoundTripper, error) {
	c := negotiateOptions(opts)
	cfg, err := loadKrb5Conf(c.krb5conf)
	if err != nil {
		return nil, err
	}
	name, realm, err := splitPrincipal(user, cfg)
	if err != nil {
		return nil, err
	}
	kt, err := keytab.Load(keytabFile)
	if err != nil {
		return nil, fmt.Errorf("auth: keytab %s: %w", keytabFile, err)
	}
	kc := client.NewWithKeytab(name, realm, kt, cfg, client.DisablePAFXFAST(true))
	return newNegotiate(endpoint, kc, name+"@"+realm, next, c)
}

// NegotiateCCache is NegotiatePassword with the ticket-granting ticket of
// the user's credential cache, as kinit leaves it (see
// NegotiateCCacheFile). The ticket is read once and not renewed: when it
// expires, requests fail until a new RoundTripper is made after kinit.
// Only file caches are read (not KEYRING:, KCM: or DIR: caches).
func NegotiateCCache(endpoint string, next http.RoundTripper, opts ...NegotiateOption) (http.RoundTripper, error) {
	c := negotiateOptions(opts)
	cfg, err := loadKrb5Conf(c.krb5conf)
	if err != nil {
		return nil, err
	}
	path, err := ccachePath(c.ccache)
	if err != nil {
		return nil, err
	}
	cc, err := credentials.LoadCCache(path)
	if err != nil {
		return nil, fmt.Errorf("auth: credential cache %s: %w (run kinit first)", path, err)
	}
	kc, err := client.NewFromCCache(cc, cfg, client.DisablePAFXFAST(true))
	if err != nil {
		return nil, fmt.Errorf("auth: credential cache %s: %w", path, err)
	}
	user := cc.DefaultPrincipal.PrincipalName.PrincipalNameString() + "@" + cc.DefaultPrincipal.Realm
	return newNegotiate(endpoint, kc, user, next, c)
}

// Negotiate returns a RoundTripper authenticating to endpoint with the
// Kerberos client kc, for credentials the other constructors do not cover.
// Options reading files (NegotiateKrb5Conf, NegotiateCCacheFile) do not
// apply.
func Negotiate(endpoint string, kc *client.Client, next http.RoundTripper, opts ...NegotiateOption) (http.RoundTripper, error) {
	if kc == nil || kc.Credentials == nil {
		return nil, errors.New("auth: Negotiate needs a Kerberos client")
	}
	user := kc.Credentials.UserName() + "@" + kc.Credentials.Domain()
	return newNegotiate(endpoint, kc, user, next, negotiateOptions(opts))
}

func negotiateOptions(opts []NegotiateOption) *negotiateConfig {
	c := &negotiateConfig{}
	for _, o := range opts {
		o(c)
	}
	if c.replayLimit <= 0 {
		c.replayLimit = DefaultNegotiateReplayLimit
	}
	return c
}

func loadKrb5Conf(path string) (*config.Config, error) {
	if path == "" {
		path = "/etc/krb5.conf"
		for _, p := range strings.Split(os.Getenv("KRB5_CONFIG"), ":") {
			if p != "" {
				path = p
				break
			}
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, fmt.Errorf("auth: krb5.conf %s: %w", path, err)
	}
	return cfg, nil
}

// splitPrincipal splits "name@REALM"; a name without realm takes
// krb5.conf's default_realm.
func splitPrincipal(user string, cfg *config.Config) (name, realm string, err error) {
	name = user
	if i := strings.LastIndexByte(user, '@'); i >= 0 {
		name, realm = user[:i], user[i+1:]
	} else {
		realm = cfg.LibDefaults.DefaultRealm
	}
	if name == "" {
		return "", "", fmt.Errorf("auth: Kerberos principal %q has no name", user)
	}
	if realm == "" {
		return "", "", fmt.Errorf("auth: Kerberos principal %q has no realm and krb5.conf sets no default_realm", user)
	}
	return name, realm, nil
}

func ccachePath(path string) (string, error) {
	if path == "" {
		path = os.Getenv("KRB5CCNAME")
	}
	if path == "" {
		return "/tmp/krb5cc_" + strconv.Itoa(os.Getuid()), nil
	}
	if typ, rest, ok := strings.Cut(path, ":"); ok && !strings.Contains(typ, "/") {
		if !strings.EqualFold(typ, "FILE") {
			return "", fmt.Errorf("auth: credential cache %s: only FILE caches can be read (run kinit -c FILE:/path and point KRB5CCNAME at it)", path)
		}
		path = rest
	}
	return path, nil
}

func newNegotiate(endpoint string, kc *client.Client, user string, next http.RoundTripper, c *negotiateConfig) (http.RoundTripper, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("auth: Negotiate endpoint: %w", err)
	}
	o, err := negOriginOf(u)
	if err != nil {
		return nil, fmt.Errorf("auth: Negotiate endpoint %q: %w", endpoint, err)
	}
	if o.scheme == "http" && !c.insecure {
		return nil, fmt.Errorf("auth: Negotiate endpoint %s is plain http; Kerberos tickets go over https only unless NegotiateAllowHTTP is given", o)
	}
	spn := c.spn
	if spn == "" {
		spn = "HTTP/" + strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	}
	return &negotiate{
		kc:       kc,
		user:     user,
		spn:      spn,
		origin:   o,
		next:     orDefault(next),
		limit:    c.replayLimit,
		insecure: c.insecure,
	}, nil
}

type negotiate struct {
	kc       *client.Client
	user     string
	spn      string
	origin   negOrigin
	next     http.RoundTripper
	limit    int64
	insecure bool
	// challenged is set once the origin has asked for Negotiate; later
	// requests carry a ticket from the start.
	challenged atomic.Bool
}

func (n *negotiate) RoundTrip(r *http.Request) (*http.Response, error) {
	if o, err := negOriginOf(r.URL); err != nil || o != n.origin {
		// Another origin (a redirect target, a shared client): no ticket.
		return n.next.RoundTrip(r)
	}
	if n.challenged.Load() {
		return n.withTicket(r, r.Body)
	}
	r2 := r.Clone(r.Context())
	replay, err := replayableBody(r2, n.limit)
	if err != nil {
		return nil, err
	}
	if replay == nil {
		// Too long to buffer: send it once, with a ticket.
		return n.withTicket(r, r2.Body)
	}
	resp, err := n.next.RoundTrip(r2)
	if err != nil || !negotiateChallenge(resp) {
		return resp, err
	}
	n.challenged.Store(true)
	drain(resp)
	body, err := replay()
	if err != nil {
		return nil, fmt.Errorf("auth: replaying the request body after the Negotiate challenge: %w", err)
	}
	return n.withTicket(r, body)
}

// withTicket sends a clone of r with body and an Authorization header
// holding a fresh SPNEGO token.
func (n *negotiate) withTicket(r *http.Request, body io.ReadCloser) (*http.Response, error) {
	h, err := n.header()
	if err != nil {
		if body != nil {
			body.Close()
		}
		return nil, err
	}
	r2 := r.Clone(r.Context())
	r2.Body = body
	r2.Header.Set("Authorization", h)
	return n.next.RoundTrip(r2)
}

func (n *negotiate) header() (string, error) {
	if err := n.kc.AffirmLogin(); err != nil {
		return "", fmt.Errorf("%w as %s: %v", ErrKerberosLogin, n.user, err)
	}
	s := spnego.SPNEGOClient(n.kc, n.spn)
	tok, err := s.InitSecContext()
	if err != nil {
		return "", fmt.Errorf("%w for %s (user %s): %v", ErrKerberosTicket, n.spn, n.user, err)
	}
	b, err := tok.Marshal()
	if err != nil {
		return "", fmt.Errorf("auth: encoding the SPNEGO token for %s: %v", n.spn, err)
	}
	return "Negotiate " + base64.StdEncoding.EncodeToString(b), nil
}

// negotiateChallenge reports whether resp is a 401 offering Negotiate.
func negotiateChallenge(resp *http.Response) bool {
	if resp.StatusCode != http.StatusUnauthorized {
		return false
	}
	for _, v := range resp.Header.Values("WWW-Authenticate") {
		for _, c := range strings.Split(v, ",") {
			scheme, _, _ := strings.Cut(strings.TrimSpace(c), " ")
			if strings.EqualFold(scheme, "Negotiate") {
				return true
			}
		}
	}
	return false
}

// drain reads a little of a response body so the connection can be reused,
// then closes it.
func drain(resp *http.Response) {
	io.CopyN(io.Discard, resp.Body, 64<<10)
	resp.Body.Close()
}

// replayableBody makes r's body readable twice: it returns a function
// giving the body again, from r.GetBody or from a buffer of at most limit
// bytes. It returns nil when the body is longer than limit; r.Body then
// still yields the whole body.
func replayableBody(r *http.Request, limit int64) (func() (io.ReadCloser, error), error) {
	if r.Body == nil || r.Body == http.NoBody {
		return func() (io.ReadCloser, error) { return r.Body, nil }, nil
	}
	if r.GetBody != nil {
		return r.GetBody, nil
	}
	orig := r.Body
	buf, err := io.ReadAll(io.LimitReader(orig, limit+1))
	if err != nil {
		orig.Close()
		return nil, fmt.Errorf("auth: reading the request body: %w", err)
	}
	if int64(len(buf)) > limit {
		r.Body = readCloser{io.MultiReader(bytes.NewReader(buf), orig), orig}
		return nil, nil
	}
	orig.Close()
	r.Body = io.NopCloser(bytes.NewReader(buf))
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(buf)), nil }, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

func (n *negotiate) String() string {
	return "auth.Negotiate(" + n.user + ", " + n.spn + ", " + n.origin.String() + ")"
}

func (n *negotiate) GoString() string { return n.String() }
