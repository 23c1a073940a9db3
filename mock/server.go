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
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Options configures a Server. The zero value serves one mailbox,
// user@example.com, without authentication.
type Options struct {
	// User and Password enable HTTP Basic authentication: requests without
	// these credentials are answered 401 with WWW-Authenticate. The user's
	// mailbox is the seed mailbox whose address (or its local part) is
	// User, created when missing.
	User, Password string
	// Realm is the Basic realm (default "ewsmock").
	Realm string
	// SchemaDir, when set, is a folder holding services.wsdl, messages.xsd
	// and types.xsd, served at /EWS/Services.wsdl, /EWS/messages.xsd and
	// /EWS/types.xsd.
	SchemaDir string
	// Seed is the initial content: mailboxes, folders, items, IM list.
	Seed *Seed
	// ServerVersion is the ServerVersionInfo header of every response
	// (default 15.1.2507.6, Version V2017_07_11, as Exchange 2016 sends).
	ServerVersion *ews.ServerVersionInfo
	// Logf, when set, receives a line for every request that failed to
	// decode and every fault answered.
	Logf func(format string, args ...any)
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Server is the in-memory EWS server. Its methods are the operations of
// ews.Service.
type Server struct {
	ews.UnimplementedService
	opts Options

	mu           sync.Mutex
	counter      uint64
	seq          int64
	mailboxes    map[string]*mailbox // by lower-case SMTP address
	mailboxOrder []*mailbox
	folders      map[string]*folder
	items        map[string]*item
	seqID        map[int64]string // ids of every item ever created, by sequence
	defaultMbx   *mailbox
}

// New returns a server with the mailboxes and content of opts.Seed.
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
	s := &Server{opts: opts, mailboxes: map[string]*mailbox{}, folders: map[string]*folder{}, items: map[string]*item{}, seqID: map[int64]string{}}
	s.mu.Lock()
	defer s.mu.Unlock()
	if opts.Seed != nil {
		if err := s.applySeed(opts.Seed); err != nil {
			return nil, err
		}
	}
	if opts.User != "" {
		if m := s.mailboxOfUser(opts.User); m != nil {
			s.defaultMbx = m
		} else {
			addr := opts.User
			if i := strings.LastIndexByte(addr, '\\'); i >= 0 {
				addr = addr[i+1:]
			}
			if !strings.Contains(addr, "@") {
				addr += "@example.com"
			}
			s.defaultMbx = s.newMailbox(addr, displayNameOf(addr))
		}
	}
	if s.defaultMbx == nil {
		if len(s.mailboxOrder) > 0 {
			s.defaultMbx = s.mailboxOrder[0]
		} else {
			s.defaultMbx = s.newMailbox("user@example.com", "User")
		}
	}
	return s, nil
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
// part, or DOMAIN\local. Callers hold s.mu.
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

// DefaultMailbox returns the address of the mailbox requests act on when
// they name none.
func (s *Server) DefaultMailbox() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.defaultMbx.smtp
}

// Mailboxes returns the addresses of the server's mailboxes.
func (s *Server) Mailboxes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, m := range s.mailboxOrder {
		out = append(out, m.smtp)
	}
	return out
}

// Handler returns the HTTP handler: POST /EWS/Exchange.asmx serves the
// operations; GET /EWS/Services.wsdl, /EWS/messages.xsd and /EWS/types.xsd
// serve the schema files when Options.SchemaDir is set.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	ewsHandler := s.serviceHandler()
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
	return s.authenticate(mux)
}

type userKey struct{}

// authenticate checks Basic credentials when configured and records the
// user in the request's context.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opts.User != "" {
			u, p, ok := r.BasicAuth()
			if !ok || subtle.ConstantTimeCompare([]byte(u), []byte(s.opts.User)) != 1 || subtle.ConstantTimeCompare([]byte(p), []byte(s.opts.Password)) != 1 {
				w.Header().Set("WWW-Authenticate", `Basic realm="`+s.opts.Realm+`"`)
				http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), userKey{}, u))
		}
		next.ServeHTTP(w, r)
	})
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

// mailboxFor returns the mailbox a request acts on: the impersonated user,
// else the authenticated user's, else the default one. Callers hold s.mu.
func (s *Server) mailboxFor(ctx context.Context) (*mailbox, error) {
	if h := requestHeader(ctx); h != nil && h.ExchangeImpersonation != nil && h.ExchangeImpersonation.ConnectingSID != nil {
		sid := h.ExchangeImpersonation.ConnectingSID
		var who string
		switch {
		case sid.PrimarySmtpAddress != nil:
			who = string(sid.PrimarySmtpAddress.Value)
		case sid.SmtpAddress != nil:
			who = string(sid.SmtpAddress.Value)
		case sid.PrincipalName != nil:
			who = string(sid.PrincipalName.Value)
		}
		if who != "" {
			if m := s.mailboxOfUser(who); m != nil {
				return m, nil
			}
			return nil, faultError("ErrorNonExistentMailbox", "No mailbox has this SMTP address.")
		}
	}
	if u, _ := ctx.Value(userKey{}).(string); u != "" {
		if m := s.mailboxOfUser(u); m != nil {
			return m, nil
		}
	}
	return s.defaultMbx, nil
}

func sortFolders(fs []*folder) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].seq < fs[j].seq })
}

func sortItems(its []*item) {
	sort.Slice(its, func(i, j int) bool { return its[i].seq < its[j].seq })
}

var _ ews.Service = (*Server)(nil)
