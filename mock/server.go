// Package mock is an in-memory Exchange Web Services server: mailboxes with
// their distinguished folders, items, and the IM list, served over HTTP
// with the SOAP envelopes, response messages and error codes Exchange uses.
// It implements the operations tests need (see README.md) and answers the
// others with an ErrorInvalidRequest fault.
//
// A Server is safe for concurrent use.
package mock

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Options configures a Server. The zero value serves one mailbox,
// user@example.com, without authentication.
type Options struct {
	// User and Password add one user (see Users): requests must then carry
	// credentials. Kept for the single-user case.
	User, Password string
	// Users are the accounts that may log in, with HTTP Basic
	// authentication, in addition to User and to the seed's users. When
	// there is at least one, a request without valid credentials is
	// answered 401 with WWW-Authenticate. Without any, requests are not
	// authenticated and act as the default mailbox's user.
	Users []User
	// Realm is the Basic realm (default "ewsmock").
	Realm string
	// SchemaDir, when set, is a folder holding services.wsdl, messages.xsd
	// and types.xsd, served at /EWS/Services.wsdl, /EWS/messages.xsd and
	// /EWS/types.xsd.
	SchemaDir string
	// Seed is the initial content: users, mailboxes, folders, items,
	// folder permissions, IM lists.
	Seed *Seed
	// ServerVersion is the ServerVersionInfo header of every response
	// (default 15.1.2507.6, Version V2017_07_11, as Exchange 2016 sends).
	ServerVersion *ews.ServerVersionInfo
	// Logf, when set, receives a line for every request that failed to
	// decode and every fault answered.
	Logf func(format string, args ...any)
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Limits bound the work of requests; zero fields take the defaults.
	Limits Limits
	// Timeouts are those of the http.Server HTTPServer returns; zero
	// fields take the defaults.
	Timeouts Timeouts
	// Notify configures event notifications (see notify.go).
	Notify NotifyOptions
	// Faults, when set, injects failures into chosen operations (see
	// faults.go).
	Faults *Faults
	// DataFile, when set, keeps the store in this file across restarts
	// (see persist.go).
	DataFile string
}

// User is an account that logs in with HTTP Basic authentication.
type User struct {
	// Name is the login name: an address, a local part or DOMAIN\name.
	Name     string `json:"name"`
	Password string `json:"password"`
	// Mailbox is the address of the user's mailbox. When empty it is the
	// mailbox whose address, or the part before @, is Name (without a
	// DOMAIN\ prefix), created when missing.
	Mailbox string `json:"mailbox"`
	// Impersonate lists the addresses of the mailboxes the user may act as
	// through the ExchangeImpersonation header; "*" stands for every
	// mailbox (as Exchange's ApplicationImpersonation role).
	Impersonate []string `json:"impersonate"`
}

// Limits are the per-request and per-user bounds. Exchange's defaults are
// used where Exchange has one.
type Limits struct {
	// MaxBatch is the number of ids (or changes, or new items) one request
	// may carry (default 1000). A request with more is refused as a whole
	// with an ErrorInvalidRequest fault, before any work.
	MaxBatch int
	// MaxElements bounds the elements of one request (default 100,000): a
	// request with more is refused with an ErrorInvalidRequest fault from
	// a scan of its bytes, before it is decoded.
	MaxElements int
	// MaxFindCount is EWSFindCountLimit (default 1000): a FindItem or
	// FindFolder page holds at most this many entries; a query without a
	// paging view that matches more is answered with
	// ErrorExceededFindCountLimit.
	MaxFindCount int
	// MaxConcurrent is the number of requests a user may have in flight
	// (default 27, EWSMaxConcurrency of Exchange 2013 and later); one more
	// is answered with an ErrorExceededConnectionCount fault, as Exchange
	// answers it.
	MaxConcurrent int
	// BackOff is the BackOffMilliseconds the throttling faults carry
	// (default 1 s).
	BackOff time.Duration
	// MaxRequestBytes bounds the body of one request (default 64 MiB, as
	// Exchange's EWS maxReceivedMessageSize); a larger one gets HTTP 413.
	MaxRequestBytes int64
	// MaxBufferedBytes bounds the request bytes buffered across all
	// requests in flight (default 256 MiB, at least MaxRequestBytes). A
	// request that would exceed it waits up to BufferWait for room, then
	// is answered HTTP 503 with an ErrorServerBusy fault.
	MaxBufferedBytes int64
	// BufferWait is how long a request waits for buffer room (default
	// 1 s).
	BufferWait time.Duration
}

// Timeouts are the http.Server timeouts (see net/http).
type Timeouts struct {
	ReadHeader time.Duration // default 10 s
	Read       time.Duration // whole request, body included; default 60 s
	Write      time.Duration // default 120 s
	Idle       time.Duration // keep-alive; default 120 s
}

func (l *Limits) setDefaults() {
	if l.MaxBatch <= 0 {
		l.MaxBatch = 1000
	}
	if l.MaxElements <= 0 {
		l.MaxElements = defaultMaxElements
	}
	if l.MaxFindCount <= 0 {
		l.MaxFindCount = 1000
	}
	if l.MaxConcurrent <= 0 {
		l.MaxConcurrent = 27
	}
	if l.BackOff <= 0 {
		l.BackOff = time.Second
	}
	if l.MaxRequestBytes <= 0 {
		l.MaxRequestBytes = 64 << 20
	}
	if l.MaxBufferedBytes <= 0 {
		l.MaxBufferedBytes = 256 << 20
	}
	if l.MaxBufferedBytes < l.MaxRequestBytes {
		l.MaxBufferedBytes = l.MaxRequestBytes
	}
	if l.BufferWait <= 0 {
		l.BufferWait = time.Second
	}
}

func (t *Timeouts) setDefaults() {
	if t.ReadHeader <= 0 {
		t.ReadHeader = 10 * time.Second
	}
	if t.Read <= 0 {
		t.Read = 60 * time.Second
	}
	if t.Write <= 0 {
		t.Write = 120 * time.Second
	}
	if t.Idle <= 0 {
		t.Idle = 120 * time.Second
	}
}

// Server is the in-memory EWS server. Its methods are the operations of
// ews.Service.
type Server struct {
	ews.UnimplementedService
	opts Options

	// Mailboxes, users and grants are made by New and not changed after;
	// they are read without a lock.
	mailboxes    map[string]*mailbox // by lower-case SMTP address
	mailboxOrder []*mailbox
	defaultMbx   *mailbox
	users        map[string]*account // by lower-case login name

	// mu guards the content: folders, items, IM lists, counters. Requests
	// take it per chunk of ids (see chunkSize), never for a whole large
	// batch.
	mu      sync.RWMutex
	counter uint64
	seq     int64
	folders map[string]*folder
	items   map[string]*item
	seqID   map[int64]string // ids of every item ever created, by sequence
	cal     calState         // recurring series, mailbox settings (calendar.go, settings.go)
	dir     directory        // distribution lists and rooms (people.go); set by New

	busy     sync.Mutex
	inFlight map[*mailbox]int // requests in flight per user
	buffered *semaphore.Weighted

	ntlmMu    sync.Mutex
	ntlmConns map[string]*ntlmConn // by remote address, without HTTPServer

	hub    *hub      // subscriptions and recent events
	faults *injector // nil without Options.Faults
	store  *persister
	life   *life // goroutines the server started (lifecycle.go)
}

// account is a user that may log in.
type account struct {
	name, password string
	mbx            *mailbox
}

// New returns a server with the users, mailboxes and content of opts and
// opts.Seed.
func New(opts Options) (*Server, error) {
	if opts.Realm == "" {
		opts.Realm = "ewsmock"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ServerVersion == nil {
		i := func(v int32) *int32 { return &v }
		v := "V2017_07_11"
		opts.ServerVersion = &ews.ServerVersionInfo{MajorVersion: i(15), MinorVersion: i(1), MajorBuildNumber: i(2507), MinorBuildNumber: i(6), Version: &v}
	}
	opts.Limits.setDefaults()
	opts.Timeouts.setDefaults()
	ownPush := opts.Notify.PushClient == nil
	opts.Notify.setDefaults()
	s := &Server{hub: newHub(), life: newLife(), faults: newInjector(opts.Faults), opts: opts, mailboxes: map[string]*mailbox{}, folders: map[string]*folder{}, items: map[string]*item{}, seqID: map[int64]string{},
		users: map[string]*account{}, inFlight: map[*mailbox]int{}, ntlmConns: map[string]*ntlmConn{}, buffered: semaphore.NewWeighted(opts.Limits.MaxBufferedBytes)}
	if ownPush {
		s.life.ownClient = opts.Notify.PushClient
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if opts.Seed != nil {
		if err := s.applySeed(opts.Seed); err != nil {
			return nil, err
		}
	}
	var users []User
	if opts.User != "" {
		users = append(users, User{Name: opts.User, Password: opts.Password})
	}
	users = append(users, opts.Users...)
	if opts.Seed != nil {
		// A seed user also given in Options keeps the password of Options
		// and gains the seed's mailbox and impersonation rights.
	seedUsers:
		for _, su := range opts.Seed.Users {
			for i := range users {
				if strings.EqualFold(users[i].Name, su.Name) {
					if users[i].Mailbox == "" {
						users[i].Mailbox = su.Mailbox
					}
					users[i].Impersonate = append(append([]string(nil), users[i].Impersonate...), su.Impersonate...)
					continue seedUsers
				}
			}
			users = append(users, su)
		}
	}
	for _, u := range users {
		if err := s.addUser(u); err != nil {
			return nil, err
		}
	}
	if opts.Seed != nil {
		if err := s.applyGrants(opts.Seed); err != nil {
			return nil, err
		}
	}
	if len(users) > 0 {
		s.defaultMbx = s.users[strings.ToLower(users[0].Name)].mbx
	}
	if s.defaultMbx == nil {
		if len(s.mailboxOrder) > 0 {
			s.defaultMbx = s.mailboxOrder[0]
		} else {
			s.defaultMbx = s.newMailbox("user@example.com", "User")
		}
	}
	if err := s.openStore(); err != nil {
		return nil, err
	}
	return s, nil
}

// addUser adds a login and finds (or creates) its mailbox. Callers hold
// s.mu.
func (s *Server) addUser(u User) error {
	if u.Name == "" {
		return errors.New("a user has no name")
	}
	key := strings.ToLower(u.Name)
	if s.users[key] != nil {
		return fmt.Errorf("user %s is listed twice", u.Name)
	}
	var m *mailbox
	if u.Mailbox != "" {
		if m = s.mailboxes[strings.ToLower(u.Mailbox)]; m == nil {
			if !strings.Contains(u.Mailbox, "@") {
				return fmt.Errorf("user %s: mailbox %q is not an SMTP address", u.Name, u.Mailbox)
			}
			m = s.newMailbox(u.Mailbox, displayNameOf(u.Mailbox))
		}
	} else if m = s.mailboxOfUser(u.Name); m == nil {
		addr := u.Name
		if i := strings.LastIndexByte(addr, '\\'); i >= 0 {
			addr = addr[i+1:]
		}
		if !strings.Contains(addr, "@") {
			addr += "@example.com"
		}
		m = s.newMailbox(addr, displayNameOf(addr))
	}
	s.users[key] = &account{name: u.Name, password: u.Password, mbx: m}
	for _, who := range u.Impersonate {
		if who == "*" {
			m.impersonateAll = true
			continue
		}
		t := s.mailboxOfUser(who)
		if t == nil {
			return fmt.Errorf("user %s: may impersonate %q, which has no mailbox", u.Name, who)
		}
		m.mayImpersonate[t] = true
	}
	return nil
}

// userOf returns the account of a login name: as given, else without its
// DOMAIN\ prefix.
func (s *Server) userOf(name string) *account {
	key := strings.ToLower(name)
	if a := s.users[key]; a != nil {
		return a
	}
	if i := strings.LastIndexByte(key, '\\'); i >= 0 {
		return s.users[key[i+1:]]
	}
	return nil
}

// displayNameOf makes "Jane Doe" of "jane.doe@example.com".
func displayNameOf(addr string) string {
	local, _, _ := strings.Cut(addr, "@")
	parts := strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '_' || r == '-' })
	for i, p := range parts {
		parts[i] = strings.ToUpper(p[:1]) + p[1:]
	}
	return strings.Join(parts, " ")
}

// mailboxOfUser finds the mailbox of a login name: an address, a local
// part, or DOMAIN\local.
func (s *Server) mailboxOfUser(user string) *mailbox {
	if i := strings.LastIndexByte(user, '\\'); i >= 0 {
		user = user[i+1:]
	}
	user = strings.ToLower(user)
	if m := s.mailboxes[user]; m != nil {
		return m
	}
	for _, m := range s.mailboxOrder {
		if local, _, _ := strings.Cut(strings.ToLower(m.smtp), "@"); local == user {
			return m
		}
	}
	return nil
}

// DefaultMailbox returns the address of the first user's mailbox (the one
// requests act on when the server has no users).
func (s *Server) DefaultMailbox() string {
	return s.defaultMbx.smtp
}

// Mailboxes returns the addresses of the server's mailboxes.
func (s *Server) Mailboxes() []string {
	var out []string
	for _, m := range s.mailboxOrder {
		out = append(out, m.smtp)
	}
	return out
}

// Handler returns the HTTP handler: POST /EWS/Exchange.asmx serves the
// operations; GET /EWS/Services.wsdl, /EWS/messages.xsd and /EWS/types.xsd
// serve the schema files when Options.SchemaDir is set. When the server has
// users, requests are authenticated first (Basic or NTLM); then the
// per-user concurrency and request-bytes limits apply. Served alone (as by
// httptest.NewServer), the handler keeps NTLM connection state by remote
// address; HTTPServer keeps it per connection.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	ewsHandler := s.injectFaults(s.streaming(s.persisting(s.serviceHandler())))
	mux.Handle("/EWS/Exchange.asmx", ewsHandler)
	mux.Handle("/ews/exchange.asmx", ewsHandler)
	for path, file := range map[string]string{
		"/EWS/Services.wsdl": "services.wsdl",
		"/EWS/messages.xsd":  "messages.xsd",
		"/EWS/types.xsd":     "types.xsd",
	} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if s.opts.SchemaDir == "" {
				http.NotFound(w, r)
				return
			}
			data, err := os.ReadFile(filepath.Join(s.opts.SchemaDir, file))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			w.Write(data)
		})
	}
	s.routeAutodiscover(mux)
	return s.authenticate(s.versionOnFaults(s.throttle(mux)))
}

// HTTPServer returns an http.Server serving Handler with the timeouts of
// Options.Timeouts and per-connection NTLM state. Serve it on a listener
// (Serve, ListenAndServe).
func (s *Server) HTTPServer() *http.Server {
	t := s.opts.Timeouts
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		ConnContext:       connContext,
	}
}

// authenticate checks credentials, HTTP Basic or NTLM, when the server
// has users, and records the user's mailbox in the request's context.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(s.users) > 0 {
			authz := r.Header.Get("Authorization")
			scheme, token, _ := strings.Cut(authz, " ")
			var a *account
			switch {
			case strings.EqualFold(scheme, "Basic"):
				if a = s.basicAuth(r); a == nil {
					s.unauthorized(w, "")
					return
				}
			case strings.EqualFold(scheme, "NTLM"):
				if a = s.ntlmAuth(w, r, token); a == nil {
					return
				}
			case authz == "":
				if a = s.ntlmConnUser(r); a == nil {
					s.unauthorized(w, "")
					return
				}
			default:
				s.unauthorized(w, "unsupported authorization scheme "+strconv.Quote(scheme))
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), callerKey{}, a.mbx))
		}
		next.ServeHTTP(w, r)
	})
}

// basicAuth returns the user whose Basic credentials the request carries.
func (s *Server) basicAuth(r *http.Request) *account {
	u, p, ok := r.BasicAuth()
	if !ok {
		return nil
	}
	a := s.userOf(u)
	// Compare against a dummy when the user is unknown, so that the time
	// taken does not tell which names exist.
	want := "\x00no such user"
	if a != nil {
		want = a.password
	}
	if subtle.ConstantTimeCompare([]byte(p), []byte(want)) != 1 || a == nil {
		return nil
	}
	return a
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// knownVersions are the RequestServerVersion values the server accepts.
var knownVersions = map[string]bool{}

func init() {
	for _, v := range []ews.ExchangeVersionType{
		ews.ExchangeVersionExchange2007, ews.ExchangeVersionExchange2007SP1, ews.ExchangeVersionExchange2009,
		ews.ExchangeVersionExchange2010, ews.ExchangeVersionExchange2010SP1, ews.ExchangeVersionExchange2010SP2,
		ews.ExchangeVersionExchange2012, ews.ExchangeVersionExchange2013, ews.ExchangeVersionExchange2013SP1,
		ews.ExchangeVersionExchange2015, ews.ExchangeVersionExchange2016, ews.ExchangeVersionV20151005,
		ews.ExchangeVersionV20160106, ews.ExchangeVersionV20160413, ews.ExchangeVersionV20160713,
		ews.ExchangeVersionV20161010, ews.ExchangeVersionV20170107, ews.ExchangeVersionV20170414,
		ews.ExchangeVersionV20170711, ews.ExchangeVersionV20171009, ews.ExchangeVersionV20180108,
	} {
		knownVersions[string(v)] = true
	}
}

// versionOK reports whether a RequestServerVersion is one Exchange knows.
// A request without the header is served (Exchange assumes Exchange2007).
func versionOK(v string) bool { return v == "" || knownVersions[v] }

func sortFolders(fs []*folder) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].seq < fs[j].seq })
}

func sortItems(its []*item) {
	sort.Slice(its, func(i, j int) bool { return its[i].seq < its[j].seq })
}

var _ ews.Service = (*Server)(nil)
