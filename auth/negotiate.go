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
	"sync"

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

// NegotiateOption configures the Negotiate wrappers: an Option of this
// package (AllowPlainHTTP, PinOrigin) or one of the Negotiate options below.
type NegotiateOption interface {
	applyNegotiate(*negotiateConfig)
}

func (o Option) applyNegotiate(c *negotiateConfig) {
	if o != nil {
		o(&c.opts)
	}
}

type negotiateOption func(*negotiateConfig)

func (o negotiateOption) applyNegotiate(c *negotiateConfig) { o(c) }

type negotiateConfig struct {
	opts        options
	spn         string
	krb5conf    string
	ccache      string
	replayLimit int64
}

// NegotiateSPN sets the service principal name tickets are requested for,
// such as "HTTP/mail.contoso.com" (optionally with "@REALM"). The default
// is HTTP/<host of the request>, without DNS canonicalisation: set it when
// the server's account is registered under another name (a load-balancer
// name, a CNAME's target).
func NegotiateSPN(spn string) NegotiateOption {
	return negotiateOption(func(c *negotiateConfig) { c.spn = spn })
}

// NegotiateKrb5Conf sets the krb5.conf file naming the realms and their
// KDCs. The default is the first file of $KRB5_CONFIG, else /etc/krb5.conf.
func NegotiateKrb5Conf(path string) NegotiateOption {
	return negotiateOption(func(c *negotiateConfig) { c.krb5conf = path })
}

// NegotiateCCacheFile sets the credential cache NegotiateCCache reads.
// The default is $KRB5CCNAME (a file, optionally written "FILE:path"),
// else /tmp/krb5cc_<uid>.
func NegotiateCCacheFile(path string) NegotiateOption {
	return negotiateOption(func(c *negotiateConfig) { c.ccache = path })
}

// NegotiateReplayLimit sets how many bytes of a request body without
// GetBody are copied to send it again after the server's challenge
// (DefaultNegotiateReplayLimit when n <= 0). A longer body is sent once,
// with a ticket from the start.
func NegotiateReplayLimit(n int64) NegotiateOption {
	return negotiateOption(func(c *negotiateConfig) { c.replayLimit = n })
}

// NegotiatePassword returns a RoundTripper authenticating with Kerberos
// (HTTP Negotiate, SPNEGO) as user ("alice@CONTOSO.COM", or "alice" in
// krb5.conf's default_realm), logging in to the KDC with password on first
// use and again when the ticket-granting ticket expires. Requests go
// through next (http.DefaultTransport when nil).
//
// The first request to an origin goes without a ticket; when the server
// answers 401 with "WWW-Authenticate: Negotiate", it is sent again with a
// fresh ticket for the SPN (see NegotiateSPN), and later requests to that
// origin carry one from the start. The body is sent again from the
// request's GetBody, otherwise from a copy (see NegotiateReplayLimit).
// The server's mutual-authentication answer is not checked: use https.
//
// Tickets go only to the origin of the first request of each redirect
// chain, or the one given with PinOrigin; requests to another origin, and
// plain http:// without AllowPlainHTTP(), are refused as by the other
// wrappers of this package.
func NegotiatePassword(user, password string, next http.RoundTripper, opts ...NegotiateOption) (http.RoundTripper, error) {
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
	return newNegotiate(kc, name+"@"+realm, next, c), nil
}

// NegotiateKeytab is NegotiatePassword with the keys of user read from
// the keytab file keytabFile (as written by ktutil or kadmin's ktadd).
func NegotiateKeytab(user, keytabFile string, next http.RoundTripper, opts ...NegotiateOption) (http.RoundTripper, error) {
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
	return newNegotiate(kc, name+"@"+realm, next, c), nil
}

// NegotiateCCache is NegotiatePassword with the tickets of the user's
// credential cache, as kinit leaves it (see NegotiateCCacheFile). The cache
// is read once and its ticket-granting ticket is not renewed: once it
// expires, requests fail until a new RoundTripper is made after kinit.
// Only file caches are read (not KEYRING:, KCM: or DIR: caches).
func NegotiateCCache(next http.RoundTripper, opts ...NegotiateOption) (http.RoundTripper, error) {
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
	return newNegotiate(kc, user, next, c), nil
}

// Negotiate is NegotiatePassword with the Kerberos client kc, for
// credentials the other constructors do not cover. The options reading
// files (NegotiateKrb5Conf, NegotiateCCacheFile) do not apply.
func Negotiate(kc *client.Client, next http.RoundTripper, opts ...NegotiateOption) (http.RoundTripper, error) {
	if kc == nil || kc.Credentials == nil {
		return nil, errors.New("auth: Negotiate needs a Kerberos client")
	}
	user := kc.Credentials.UserName() + "@" + kc.Credentials.Domain()
	return newNegotiate(kc, user, next, negotiateOptions(opts)), nil
}

func negotiateOptions(opts []NegotiateOption) *negotiateConfig {
	c := &negotiateConfig{}
	for _, o := range opts {
		if o != nil {
			o.applyNegotiate(c)
		}
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

func newNegotiate(kc *client.Client, user string, next http.RoundTripper, c *negotiateConfig) http.RoundTripper {
	return &negotiate{
		kc:    kc,
		user:  user,
		spn:   c.spn,
		opts:  c.opts,
		next:  orDefault(next),
		limit: c.replayLimit,
	}
}

// maxChallengedOrigins bounds the origins a Negotiate RoundTripper
// remembers as asking for Negotiate; requests to further origins take the
// 401 round each time.
const maxChallengedOrigins = 64

type negotiate struct {
	kc    *client.Client
	user  string
	spn   string // fixed SPN, or "" for HTTP/<host of the request>
	opts  options
	next  http.RoundTripper
	limit int64

	// challenged holds the origins that asked for Negotiate; later
	// requests to them carry a ticket from the start.
	mu         sync.Mutex
	challenged map[string]bool
}

func (n *negotiate) wasChallenged(origin string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.challenged[origin]
}

func (n *negotiate) setChallenged(origin string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.challenged == nil {
		n.challenged = map[string]bool{}
	}
	if len(n.challenged) < maxChallengedOrigins {
		n.challenged[origin] = true
	}
}

func (n *negotiate) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := n.opts.check(r); err != nil {
		closeBody(r)
		return nil, err
	}
	origin := originString(r.URL)
	if n.wasChallenged(origin) {
		return n.withTicket(r, r.Body)
	}
	r2 := r.Clone(r.Context())
	replay, err := replayableBody(r2, n.limit)
	if err != nil {
		return nil, err
	}
	if replay == nil {
		// Too long to copy: send it once, with a ticket.
		return n.withTicket(r, r2.Body)
	}
	resp, err := n.next.RoundTrip(r2)
	if err != nil || !negotiateChallenge(resp) {
		return resp, err
	}
	n.setChallenged(origin)
	drain(resp)
	body, err := replay()
	if err != nil {
		return nil, fmt.Errorf("auth: the server asked for Negotiate, and the request body cannot be sent again: %w", err)
	}
	return n.withTicket(r, body)
}

// withTicket sends a clone of r with body and an Authorization header
// holding a fresh SPNEGO token.
func (n *negotiate) withTicket(r *http.Request, body io.ReadCloser) (*http.Response, error) {
	h, err := n.header(r.URL)
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

func (n *negotiate) header(u *url.URL) (string, error) {
	spn := n.spn
	if spn == "" {
		h, _ := hostPort(u)
		spn = "HTTP/" + strings.ToLower(h)
	}
	if err := n.kc.AffirmLogin(); err != nil {
		return "", fmt.Errorf("%w as %s: %v", ErrKerberosLogin, n.user, err)
	}
	tok, err := spnego.SPNEGOClient(n.kc, spn).InitSecContext()
	if err != nil {
		return "", fmt.Errorf("%w for %s (user %s): %v", ErrKerberosTicket, spn, n.user, err)
	}
	b, err := tok.Marshal()
	if err != nil {
		return "", fmt.Errorf("auth: encoding the SPNEGO token for %s: %v", spn, err)
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
	spn := n.spn
	if spn == "" {
		spn = "HTTP/<host>"
	}
	return "auth.Negotiate(" + n.user + ", " + spn + ")"
}

func (n *negotiate) GoString() string { return n.String() }
