package xsd

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Options control Load.
type Options struct {
	// Network allows fetching schemaLocations that are http(s) URLs. When
	// false, such an import is accepted only if its namespace is the XML
	// namespace (built in) or is loaded from another (local) file;
	// otherwise it is an error.
	Network bool
	// AllowPaths are folders, besides the folders of the input files, that
	// local schemaLocations may point into.
	AllowPaths []string
	// AllowOutside lets local schemaLocations point anywhere. Without it a
	// schemaLocation (or wsdl:import location) must resolve, after cleaning
	// and resolving symbolic links, to a file inside the folder of an input
	// file or of AllowPaths; others are errors at the reference.
	AllowOutside bool
	// Limits bound the work done; zero fields take DefaultLimits.
	Limits Limits
	// Catalogs are OASIS XML catalog files (see catalog.go) mapping
	// absolute URIs of schemaLocations and wsdl:import locations to local
	// files. A file a catalog maps to may be read wherever it is, and the
	// folders of the catalogs and of the files they map to are allowed
	// folders, as the folders of the input files are.
	Catalogs []string
	// FetchOrigin, when not empty, is an origin ("https://host" or
	// "https://host:port") whose URLs are read even without Network: a
	// WSDL given as a URL and the schemas it names relative to itself.
	// They are read with FetchClient when it is set (it may carry
	// credentials for that origin); URLs of other origins still need
	// Network and are read without it.
	FetchOrigin string
	FetchClient *http.Client
	// Transport, when set, sends the requests for URLs read without
	// FetchClient (no credentials); nil means http.DefaultTransport.
	Transport http.RoundTripper
	// FetchTimeout bounds the reading of each URL; zero means 60 seconds.
	FetchTimeout time.Duration
}

// srcFile is one loaded input file.
type srcFile struct {
	path  string
	kind  string // "wsdl" or "xsd"
	root  *node
	file  *File
	local bool // read from the file system (so xgen can read it too)
	xgen  chan xgenResult
}

// schemaDoc is one xs:schema element: a schema file, or an inline schema of
// a WSDL.
type schemaDoc struct {
	file      *srcFile
	n         *node
	tns       string
	chameleon bool // included without a targetNamespace: unqualified references take tns
	elemQ     bool // elementFormDefault="qualified"
	attrQ     bool // attributeFormDefault="qualified"
	// A copy of the schema's doc for one component redefined in
	// xs:redefine: its references of kind redefKind ("type", "group",
	// "attributeGroup") to redefSelf name the original, redefOrig.
	redefKind string
	redefSelf xml.Name
	redefOrig xml.Name
}

// global is a global (top-level) schema component and its declaration.
type global struct {
	kind   string // element, complexType, simpleType, attribute, group, attributeGroup
	name   xml.Name
	doc    *schemaDoc
	n      *node
	typ    *Type
	elem   *Element
	attr   *Attribute
	group  *Group
	agroup *AttributeGroup
	state  int // 0 not built, 1 building, 2 built
	// redefinition is set for a component declared inside xs:redefine.
	redefinition bool
}

type httpImport struct {
	pos     Pos
	ns      string
	loc     string
	include bool   // an xs:include: its content cannot come from elsewhere
	attr    string // "schemaLocation", or "location" for a wsdl:import
}

// failedImport is a schema source that did not load: its error and the
// number of references into its namespace left unresolved because of it.
type failedImport struct {
	err   *Error
	refs  int
	first string // the first such reference, "unknown type t:One at a.xsd:3:3"
}

type loader struct {
	opts     Options
	set      *Set
	errs     []*Error
	files    map[string]*srcFile // by path
	schemas  map[string]bool     // path + "\x00" + chameleon namespace of processed schema files
	docs     []*schemaDoc
	nsLoaded map[string]bool
	wsdl     *srcFile
	// wsdlImports are the WSDL files imported by the main WSDL
	// (transitively), in load order.
	wsdlImports []*srcFile
	wsdlSeen    map[*srcFile]bool
	warns       []*Error
	catalog     *catalog
	http        []httpImport
	// failed holds, by namespace, the schema sources (xs:import,
	// xs:include, xs:redefine, wsdl:import) that did not load: references
	// into such a namespace that cannot be resolved are counted on the
	// one error of the failed source instead of each being reported.
	failed map[string]*failedImport
	lim    Limits
	conf   *confinement

	totalBytes int64 // bytes read so far
	xmlNodes   int   // XML elements and attributes parsed so far
	particles  int   // particles and attribute uses built so far
	xgenBytes  int64 // bytes handed to xgen so far
	stopped    bool  // a limit was hit: stop loading more files
	dropped    int   // errors found beyond maxErrors
	building   []buildStep

	globals []*global
	types   map[xml.Name]*global
	elems   map[xml.Name]*global
	attrs   map[xml.Name]*global
	groups  map[xml.Name]*global
	agroups map[xml.Name]*global
}

// Load reads a WSDL file (and every schema it imports or includes,
// transitively) or one or more XSD files, and resolves them into a Set.
//
// All problems found are returned together: the error is an errors.Join of
// *Error values sorted by position. The Set is nil when there is an error.
func Load(paths []string, opts Options) (*Set, error) {
	if len(paths) == 0 {
		return nil, errors.New("xsd: no input files")
	}
	conf, err := newConfinement(paths, opts)
	if err != nil {
		return nil, err
	}
	l := &loader{
		opts: opts,
		lim:  opts.Limits.WithDefaults(),
		conf: conf,
		set: &Set{
			Types:           map[xml.Name]*Type{},
			Elements:        map[xml.Name]*Element{},
			Attributes:      map[xml.Name]*Attribute{},
			Groups:          map[xml.Name]*Group{},
			AttributeGroups: map[xml.Name]*AttributeGroup{},
			Substitutions:   map[xml.Name][]*Element{},
		},
		files:    map[string]*srcFile{},
		schemas:  map[string]bool{},
		nsLoaded: map[string]bool{NSXML: true},
		types:    map[xml.Name]*global{},
		elems:    map[xml.Name]*global{},
		attrs:    map[xml.Name]*global{},
		groups:   map[xml.Name]*global{},
		agroups:  map[xml.Name]*global{},
		wsdlSeen: map[*srcFile]bool{},
		failed:   map[string]*failedImport{},
	}
	l.loadCatalogs()
	for _, a := range xmlAttributes() {
		l.set.Attributes[a.Name] = a
		l.attrs[a.Name] = &global{kind: "attribute", name: a.Name, attr: a, state: 2}
	}

	// WSDL first, whatever the argument order.
	var roots []*srcFile
	for _, p := range paths {
		p = cleanPath(p)
		f := l.loadFile(p, Pos{File: p}, "")
		if f == nil {
			continue
		}
		if f.kind == "wsdl" {
			if l.wsdl != nil {
				l.errorf(f.root.pos, "more than one WSDL file given (first is %s)", l.wsdl.path)
				continue
			}
			l.wsdl = f
		}
		roots = append(roots, f)
	}
	if l.wsdl != nil {
		l.wsdlSeen[l.wsdl] = true
		l.processWSDLSchemas(l.wsdl)
	}
	for _, f := range roots {
		if f.kind == "xsd" {
			l.processSchema(f, f.root, "", false)
		}
	}
	for _, h := range l.http {
		before := len(l.errs)
		switch {
		case h.include:
			l.errorf(h.pos, "cannot fetch %s %q: network access is disabled (map the URL to a local file with --catalog, or allow fetching with --network)", h.attr, h.loc)
		case !l.nsLoaded[h.ns]:
			l.errorf(h.pos, "cannot fetch %s %q: network access is disabled and namespace %q is not loaded from another file (give a schema file of that namespace as an argument, map the URL with --catalog, or allow fetching with --network)", h.attr, h.loc, h.ns)
		}
		l.importFailed(h.ns, before)
	}

	if !l.stopped {
		for _, g := range l.globals {
			l.build(g, Pos{})
			if l.stopped {
				break
			}
		}
	}
	if !l.stopped {
		l.checkDerivations()
		l.resolveSubstitutions()
	}
	if l.wsdl != nil && !l.stopped {
		l.set.WSDL = l.buildWSDL(l.wsdl)
	}
	l.mergeXgen()
	l.noteUnresolved()

	if len(l.errs) > 0 {
		err := joinErrors(l.errs)
		if l.dropped > 0 {
			err = errors.Join(err, fmt.Errorf("xsd: %d more errors not shown (the first %d found are)", l.dropped, maxErrors))
		}
		return nil, err
	}
	l.set.Warnings = sortErrors(l.warns)
	return l.set, nil
}

// warnf records a problem that does not stop loading (Set.Warnings).
func (l *loader) warnf(pos Pos, format string, args ...any) {
	if len(l.warns) >= maxErrors {
		return
	}
	l.warns = append(l.warns, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// sortErrors sorts errs by position and drops repeated ones.
func sortErrors(errs []*Error) []*Error {
	sort.SliceStable(errs, func(i, j int) bool { return errLess(errs[i], errs[j]) })
	var out []*Error
	for i, e := range errs {
		if i > 0 && *e == *errs[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}

func errLess(x, y *Error) bool {
	a, b := x.Pos, y.Pos
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Col != b.Col {
		return a.Col < b.Col
	}
	return x.Msg < y.Msg
}

// maxErrors is the most errors Load keeps; it counts the others.
const maxErrors = 10_000

func joinErrors(errs []*Error) error {
	var out []error
	for _, e := range sortErrors(errs) {
		out = append(out, e)
	}
	return errors.Join(out...)
}

func (l *loader) errorf(pos Pos, format string, args ...any) {
	if len(l.errs) >= maxErrors {
		l.dropped++
		return
	}
	l.errs = append(l.errs, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (l *loader) addErrors(errs ...*Error) {
	for _, e := range errs {
		if len(l.errs) >= maxErrors {
			l.dropped++
			continue
		}
		l.errs = append(l.errs, e)
	}
}

// importFailed records that a schema source for namespace ns did not load,
// when an error about it was recorded since len(l.errs) was before.
func (l *loader) importFailed(ns string, before int) {
	if _, ok := l.failed[ns]; ok || len(l.errs) <= before {
		return
	}
	l.failed[ns] = &failedImport{err: l.errs[before]}
}

// unknownRef reports a reference to a component that does not exist,
// unless the component's namespace comes from a schema source that did not
// load: then the reference is counted on that source's error (a missing
// import is one error, not one per reference into it).
func (l *loader) unknownRef(pos Pos, kind, raw string, name xml.Name) {
	if f := l.failed[name.Space]; f != nil {
		if f.refs == 0 {
			f.first = fmt.Sprintf("unknown %s %s at %s", kind, raw, pos)
		}
		f.refs++
		return
	}
	l.errorf(pos, "unknown %s %s", kind, raw)
}

// noteUnresolved adds to the error of each schema source that did not
// load how many references it left unresolved.
func (l *loader) noteUnresolved() {
	for ns, f := range l.failed {
		switch f.refs {
		case 0:
		case 1:
			f.err.Msg += fmt.Sprintf(" (so 1 reference into namespace %q is unresolved: %s)", ns, f.first)
		default:
			f.err.Msg += fmt.Sprintf(" (so %d references into namespace %q are unresolved, the first: %s)", f.refs, ns, f.first)
		}
	}
}

// cleanPath returns p cleaned and slash-separated (URLs are kept as is).
func cleanPath(p string) string {
	if isURL(p) {
		return p
	}
	return path.Clean(filepath.ToSlash(p))
}

func isURL(p string) bool {
	return strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://")
}

// resolveLocation resolves a schemaLocation relative to the file that names it.
func resolveLocation(from, loc string) string {
	loc = strings.TrimSpace(loc)
	if isURL(loc) {
		return loc
	}
	if isURL(from) {
		base, err := url.Parse(from)
		if err == nil {
			if ref, err := url.Parse(loc); err == nil {
				return base.ResolveReference(ref).String()
			}
		}
		return loc
	}
	if strings.HasPrefix(loc, "file://") {
		if u, err := url.Parse(loc); err == nil {
			return cleanPath(u.Path)
		}
	}
	loc = filepath.ToSlash(loc)
	if path.IsAbs(loc) || filepath.IsAbs(loc) {
		return path.Clean(loc)
	}
	return path.Clean(path.Join(path.Dir(from), loc))
}

// loadFile reads and parses a file once; it returns nil after recording an
// error at pos. want is "xsd", "wsdl" or "" (either).
func (l *loader) loadFile(p string, pos Pos, want string) *srcFile {
	if f, ok := l.files[p]; ok {
		if f == nil {
			return nil
		}
		if want != "" && f.kind != want {
			l.errorf(pos, "%s is not an XML schema", p)
			return nil
		}
		return f
	}
	if l.stopped {
		return nil
	}
	if len(l.files) >= l.lim.Files {
		l.errorf(pos, "cannot load %s: more than %d input files (raise the limit with --max-files)", p, l.lim.Files)
		l.stopped = true
		return nil
	}
	l.files[p] = nil
	data, local, err := l.read(p)
	if err != nil {
		if pos.Line == 0 {
			l.errorf(pos, "%v", err)
		} else {
			l.errorf(pos, "cannot load %s: %v", p, err)
		}
		return nil
	}
	l.totalBytes += int64(len(data))
	if l.totalBytes > l.lim.TotalBytes {
		l.errorf(pos, "cannot load %s: the input files add up to more than %s (raise the limit with --max-total-bytes)", p, sizeString(l.lim.TotalBytes))
		l.stopped = true
		return nil
	}
	budget := l.lim.XMLNodes - l.xmlNodes
	root, errs, warns, fatal, nodes := parseXML(p, data, l.lim.XMLDepth, budget)
	l.xmlNodes += nodes
	l.addErrors(errs...)
	l.warns = append(l.warns, warns...)
	if fatal != nil {
		l.addErrors(fatal)
		if nodes > budget {
			l.stopped = true
		}
		return nil
	}
	f := &srcFile{path: p, root: root, local: local}
	switch {
	case root.is(NSXSD, "schema"):
		f.kind = "xsd"
	case root.is(NSWSDL, "definitions"):
		f.kind = "wsdl"
	case root.is(nsWSDL20, "description"):
		l.errorf(root.pos, "%s is a WSDL 2.0 description; only WSDL 1.1 (wsdl:definitions) is supported", p)
		return nil
	default:
		l.errorf(root.pos, "root element is {%s}%s, want xs:schema or wsdl:definitions", root.name.Space, root.name.Local)
		return nil
	}
	if want != "" && f.kind != want {
		l.errorf(pos, "%s is not an XML schema", p)
		return nil
	}
	sum := sha256.Sum256(data)
	f.file = &File{
		Path:            p,
		Kind:            f.kind,
		TargetNamespace: root.attrOr("targetNamespace", ""),
		SHA256:          hex.EncodeToString(sum[:]),
	}
	if f.kind == "xsd" {
		f.file.Version = root.attrOr("version", "")
	}
	l.files[p] = f
	l.set.Files = append(l.set.Files, f.file)
	if f.local && hasNamedSimpleType(root) {
		size := int64(len(data))
		switch {
		case size > l.lim.XgenBytes:
			f.file.XgenSkipped = fmt.Sprintf("%s is larger than %s", sizeString(size), sizeString(l.lim.XgenBytes))
		case l.xgenBytes+size > l.lim.XgenBytes:
			f.file.XgenSkipped = fmt.Sprintf("the files cross-checked before it add up to %s of %s", sizeString(l.xgenBytes), sizeString(l.lim.XgenBytes))
		default:
			l.xgenBytes += size
			f.xgen = startXgen(p)
		}
	}
	return f
}

// hasNamedSimpleType reports whether a schema (or a WSDL's inline schema)
// declares a named simple type, the only thing xgen is asked about.
func hasNamedSimpleType(root *node) bool {
	check := func(s *node) bool {
		for _, c := range s.children {
			if c.is(NSXSD, "simpleType") {
				return true
			}
		}
		return false
	}
	if root.is(NSXSD, "schema") {
		return check(root)
	}
	for _, c := range root.children {
		if c.is(NSWSDL, "types") {
			for _, s := range c.children {
				if s.is(NSXSD, "schema") && check(s) {
					return true
				}
			}
		}
	}
	return false
}

func (l *loader) read(p string) (data []byte, local bool, err error) {
	if isURL(p) {
		data, err := l.fetch(p)
		return data, false, err
	}
	data, err = l.readLocal(filepath.FromSlash(p))
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, false, errors.New("file not found")
		default:
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, false, fmt.Errorf("cannot read file: %v", err)
		}
	}
	return data, true, nil
}

// fetchable reports whether URL u may be read: with Network, or when it
// is of FetchOrigin.
func (l *loader) fetchable(u string) bool {
	return l.opts.Network || l.sameOrigin(u)
}

// sameOrigin reports whether URL u has the origin FetchOrigin.
func (l *loader) sameOrigin(u string) bool {
	if l.opts.FetchOrigin == "" {
		return false
	}
	x, err := url.Parse(u)
	return err == nil && OriginOf(x) == l.opts.FetchOrigin
}

// OriginOf returns the origin of an http or https URL: the scheme and the
// host in lower case, with the port only when it is not the scheme's
// default ("https://mail.example.com", "http://127.0.0.1:8080").
func OriginOf(u *url.URL) string {
	scheme, host, port := strings.ToLower(u.Scheme), strings.ToLower(u.Hostname()), u.Port()
	if (scheme == "https" && port == "443") || (scheme == "http" && port == "80") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	return scheme + "://" + host
}

// fetch reads a URL within the time and size limits: with FetchClient
// for FetchOrigin, with a plain client (no credentials) elsewhere, and
// never following a redirect to another origin.
func (l *loader) fetch(p string) ([]byte, error) {
	if !l.fetchable(p) {
		return nil, errors.New("network access is disabled")
	}
	timeout := l.opts.FetchTimeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	client := &http.Client{Transport: l.opts.Transport}
	if l.opts.FetchClient != nil && l.sameOrigin(p) {
		c := *l.opts.FetchClient
		client = &c
	}
	client.Timeout = timeout
	next := client.CheckRedirect
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if o := OriginOf(req.URL); o != OriginOf(via[0].URL) {
			return fmt.Errorf("redirected to another origin, %s", o)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	resp, err := client.Get(p)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if errors.Is(err, context.DeadlineExceeded) || os.IsTimeout(err) {
			return nil, fmt.Errorf("no complete answer within %v (raise it with --fetch-timeout)", timeout)
		}
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg := "http status " + resp.Status
		if resp.StatusCode == http.StatusUnauthorized {
			var schemes []string
			for _, h := range resp.Header.Values("WWW-Authenticate") {
				if f := strings.Fields(h); len(f) > 0 {
					schemes = append(schemes, strings.TrimSuffix(f[0], ","))
				}
			}
			msg += ": authentication failed"
			if len(schemes) > 0 {
				msg += "; the server offers " + strings.Join(schemes, ", ")
			}
		}
		return nil, errors.New(msg)
	}
	if resp.ContentLength > l.lim.FileBytes {
		return nil, l.tooBig(p)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, l.lim.FileBytes+1))
	if err != nil {
		if os.IsTimeout(err) || errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("no complete answer within %v (raise it with --fetch-timeout)", timeout)
		}
		return nil, err
	}
	if int64(len(data)) > l.lim.FileBytes {
		return nil, l.tooBig(p)
	}
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(strings.ToLower(ct), "text/html") {
		return nil, fmt.Errorf("the server answered an HTML page (%s), not XML: a sign-in page? first bytes: %q", ct, snippet(data, 80))
	}
	return data, nil
}

// snippet returns the first n bytes of b with runs of white space as one
// space.
func snippet(b []byte, n int) string {
	s := strings.Join(strings.Fields(string(b[:min(len(b), 4*n)])), " ")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}

func (l *loader) tooBig(p string) error {
	return fmt.Errorf("%s is larger than %s (raise the limit with --max-file-bytes)", p, sizeString(l.lim.FileBytes))
}

// readLocal reads a regular file of at most FileBytes.
func (l *loader) readLocal(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if fi.Size() > l.lim.FileBytes {
		return nil, l.tooBig(filepath.ToSlash(p))
	}
	data, err := io.ReadAll(io.LimitReader(f, l.lim.FileBytes+1))
	if err == nil && int64(len(data)) > l.lim.FileBytes {
		return nil, l.tooBig(filepath.ToSlash(p))
	}
	return data, err
}

// localTarget checks the local file a reference at pos resolves to against
// the allowed folders; it reports false after recording an error.
func (l *loader) localTarget(pos Pos, loc, target string) bool {
	if isURL(target) {
		return true
	}
	if err := l.conf.check(target); err != nil {
		l.errorf(pos, "refused schemaLocation %q: %v", loc, err)
		return false
	}
	return true
}

// processWSDLSchemas processes the inline schemas and wsdl:imports of a
// WSDL. An imported WSDL is processed in turn (once) and joins
// l.wsdlImports; an imported schema is processed as a schema file.
func (l *loader) processWSDLSchemas(f *srcFile) {
	for _, c := range f.root.children {
		switch {
		case c.is(NSWSDL, "types"):
			for _, s := range c.children {
				if s.is(NSXSD, "schema") {
					l.processSchema(f, s, "", false)
				}
			}
		case c.is(NSWSDL, "import"):
			loc, ok := c.attr("location")
			if !ok {
				l.errorf(c.pos, "wsdl:import without location")
				continue
			}
			ns := c.attrOr("namespace", "")
			before := len(l.errs)
			target := l.reference(c.pos, f.path, loc, ns, true, true)
			if target == "" {
				l.importFailed(ns, before)
				continue
			}
			sf := l.loadFile(target, c.pos, "")
			if sf == nil {
				l.importFailed(ns, before)
				continue
			}
			if got := sf.root.attrOr("targetNamespace", ""); ns != "" && got != ns {
				l.errorf(c.pos, "imported %s has targetNamespace %q, want %q", sf.path, got, ns)
				continue
			}
			if sf.kind == "xsd" {
				l.processSchema(sf, sf.root, "", false)
				continue
			}
			if l.wsdlSeen[sf] {
				continue
			}
			l.wsdlSeen[sf] = true
			l.wsdlImports = append(l.wsdlImports, sf)
			l.processWSDLSchemas(sf)
		}
	}
}

// reference resolves location loc, written at pos in file from, to the
// path to load: a local file (through the catalogs for an absolute URI),
// or a URL when network access is allowed. It returns "" when the
// reference is not followed: an error has been recorded, or (URL without
// network) the reference is kept in l.http to be checked once every file
// is loaded. ns is the namespace the reference is for; include is true for
// xs:include, xs:redefine and wsdl:import, whose content cannot come from
// elsewhere; wsdlImport for a wsdl:import (its attribute is location).
func (l *loader) reference(pos Pos, from, loc, ns string, include, wsdlImport bool) string {
	target := resolveLocation(from, loc)
	if isURL(target) {
		if local, ok := l.catalog.lookup(target); ok {
			if !l.localTarget(pos, loc, local) {
				return ""
			}
			return local
		}
		if !l.fetchable(target) {
			attr := "schemaLocation"
			if wsdlImport {
				attr = "location"
			}
			l.http = append(l.http, httpImport{pos, ns, loc, include, attr})
			return ""
		}
		return target
	}
	if !l.localTarget(pos, loc, target) {
		return ""
	}
	return target
}

// processSchema registers the global components of a schema and processes
// its imports and includes, depth first in document order. includerNS is
// the namespace of the including schema for xs:include.
func (l *loader) processSchema(f *srcFile, n *node, includerNS string, include bool) {
	tns := n.attrOr("targetNamespace", "")
	chameleon := false
	if include {
		if tns == "" && includerNS != "" {
			tns, chameleon = includerNS, true
		}
	}
	key := f.path + "\x00" + fmt.Sprint(n.pos.Line, ":", n.pos.Col) + "\x00" + tns
	if l.schemas[key] {
		return
	}
	l.schemas[key] = true
	d := &schemaDoc{
		file:      f,
		n:         n,
		tns:       tns,
		chameleon: chameleon,
		elemQ:     n.attrOr("elementFormDefault", "unqualified") == "qualified",
		attrQ:     n.attrOr("attributeFormDefault", "unqualified") == "qualified",
	}
	l.docs = append(l.docs, d)
	l.nsLoaded[tns] = true

	for _, c := range n.children {
		if c.name.Space != NSXSD {
			continue
		}
		switch c.name.Local {
		case "import":
			ns := c.attrOr("namespace", "")
			if ns == tns {
				l.errorf(c.pos, "xs:import of the schema's own target namespace %q (use xs:include)", ns)
				continue
			}
			if ns == NSXML {
				continue // built in
			}
			loc, ok := c.attr("schemaLocation")
			if !ok {
				continue // the namespace must come from another file; references are checked
			}
			before := len(l.errs)
			target := l.reference(c.pos, f.path, loc, ns, false, false)
			if target == "" {
				l.importFailed(ns, before)
				continue
			}
			sf := l.loadFile(target, c.pos, "xsd")
			if sf == nil {
				l.importFailed(ns, before)
				continue
			}
			if got := sf.root.attrOr("targetNamespace", ""); got != ns {
				l.errorf(c.pos, "imported schema %s has targetNamespace %q, want %q", sf.path, got, ns)
				l.importFailed(ns, before)
				continue
			}
			l.processSchema(sf, sf.root, "", false)
		case "include":
			loc, ok := c.attr("schemaLocation")
			if !ok {
				l.errorf(c.pos, "xs:include without schemaLocation")
				continue
			}
			before := len(l.errs)
			target := l.reference(c.pos, f.path, loc, tns, true, false)
			if target == "" {
				l.importFailed(tns, before)
				continue
			}
			sf := l.loadFile(target, c.pos, "xsd")
			if sf == nil {
				l.importFailed(tns, before)
				continue
			}
			if got := sf.root.attrOr("targetNamespace", ""); got != "" && got != tns {
				l.errorf(c.pos, "included schema %s has targetNamespace %q, want %q", sf.path, got, tns)
				l.importFailed(tns, before)
				continue
			}
			l.processSchema(sf, sf.root, tns, true)
		case "redefine":
			loc, ok := c.attr("schemaLocation")
			if !ok {
				l.errorf(c.pos, "xs:redefine without schemaLocation")
				continue
			}
			before := len(l.errs)
			target := l.reference(c.pos, f.path, loc, tns, true, false)
			if target == "" {
				l.importFailed(tns, before)
				continue
			}
			sf := l.loadFile(target, c.pos, "xsd")
			if sf == nil {
				l.importFailed(tns, before)
				continue
			}
			if got := sf.root.attrOr("targetNamespace", ""); got != "" && got != tns {
				l.errorf(c.pos, "redefined schema %s has targetNamespace %q, want %q", sf.path, got, tns)
				l.importFailed(tns, before)
				continue
			}
			l.processSchema(sf, sf.root, tns, true)
		}
	}
	for _, c := range n.children {
		if c.name.Space != NSXSD {
			continue
		}
		switch c.name.Local {
		case "element", "complexType", "simpleType", "attribute", "group", "attributeGroup":
			if l.stopped {
				return
			}
			l.register(d, c)
		case "redefine":
			for _, x := range c.children {
				if l.stopped {
					return
				}
				switch {
				case x.name.Space != NSXSD || x.name.Local == "annotation":
				case x.name.Local == "complexType" || x.name.Local == "simpleType" || x.name.Local == "group" || x.name.Local == "attributeGroup":
					l.redefineComponent(d, x)
				default:
					l.errorf(x.pos, "unexpected xs:%s in xs:redefine", x.name.Local)
				}
			}
		case "import", "include", "annotation", "notation":
		default:
			l.errorf(c.pos, "unexpected xs:%s in xs:schema", c.name.Local)
		}
	}
}

// register records a global component declaration.
func (l *loader) register(d *schemaDoc, n *node) {
	kind := n.name.Local
	local, ok := n.attr("name")
	if !ok || strings.TrimSpace(local) == "" {
		l.errorf(n.pos, "global xs:%s without a name", kind)
		return
	}
	name := xml.Name{Space: d.tns, Local: strings.TrimSpace(local)}
	if len(l.globals) >= l.lim.Components {
		l.errorf(n.pos, "more than %d global declarations (raise the limit with --max-components)", l.lim.Components)
		l.stopped = true
		return
	}
	g := &global{kind: kind, name: name, doc: d, n: n}
	var m map[xml.Name]*global
	switch kind {
	case "element":
		m = l.elems
		g.elem = &Element{Name: name, Pos: n.pos, Global: true}
	case "complexType", "simpleType":
		m = l.types
		g.typ = &Type{Name: name, Pos: n.pos}
	case "attribute":
		m = l.attrs
		g.attr = &Attribute{Name: name, Pos: n.pos}
	case "group":
		m = l.groups
		g.group = &Group{Name: name, Pos: n.pos}
	case "attributeGroup":
		m = l.agroups
		g.agroup = &AttributeGroup{Name: name, Pos: n.pos}
	}
	if prev, ok := m[name]; ok {
		if prev.n != nil {
			l.errorf(n.pos, "duplicate %s %q (first declared at %s)", kind, name.Local, prev.n.pos)
			return
		}
		// A built-in declaration of the XML namespace: a loaded xml.xsd
		// declares it again and its declaration replaces the built-in.
	}
	m[name] = g
	l.globals = append(l.globals, g)
	switch kind {
	case "element":
		l.set.Elements[name] = g.elem
	case "complexType", "simpleType":
		l.set.Types[name] = g.typ
	case "attribute":
		l.set.Attributes[name] = g.attr
	case "group":
		l.set.Groups[name] = g.group
	case "attributeGroup":
		l.set.AttributeGroups[name] = g.agroup
	}
}

// qname resolves the QName value of attribute attr of n. ok is false when
// the attribute is absent or its prefix is undeclared (then an error has
// been recorded).
func (l *loader) qname(d *schemaDoc, n *node, attr string) (name xml.Name, raw string, ok bool) {
	raw, ok = n.attr(attr)
	if !ok {
		return xml.Name{}, "", false
	}
	raw = strings.TrimSpace(raw)
	name, ok = l.resolveQName(d, n, attr, raw)
	if ok && d != nil && d.redefSelf == name && d.redefKind != "" {
		// Inside a redefinition, the reference to its own name names
		// the original: the base of a type, the group or attribute group
		// referenced inside a group or attribute group.
		switch {
		case d.redefKind == "type" && attr == "base",
			d.redefKind == "group" && attr == "ref" && n.is(NSXSD, "group"),
			d.redefKind == "attributeGroup" && attr == "ref" && n.is(NSXSD, "attributeGroup"):
			name = d.redefOrig
		}
	}
	return name, raw, ok
}

// redefineComponent registers a component n declared inside xs:redefine in
// schema d: the original of that name (loaded from the redefined schema
// into d's namespace) is renamed Local+".redefined" and the redefinition
// takes the name; the redefinition's reference to its own name is to the
// original.
func (l *loader) redefineComponent(d *schemaDoc, n *node) {
	local := strings.TrimSpace(n.attrOr("name", ""))
	if local == "" {
		l.errorf(n.pos, "xs:%s in xs:redefine without a name", n.name.Local)
		return
	}
	name := xml.Name{Space: d.tns, Local: local}
	kind := n.name.Local
	var m map[xml.Name]*global
	rk := kind
	switch kind {
	case "complexType", "simpleType":
		m, rk = l.types, "type"
	case "group":
		m = l.groups
	case "attributeGroup":
		m = l.agroups
	}
	orig, ok := m[name]
	if !ok || orig.n == nil || (rk == "type" && orig.kind != kind) {
		l.errorf(n.pos, "xs:redefine of %s %q: the redefined schema declares no %s of that name", kind, local, kind)
		return
	}
	newName := xml.Name{Space: name.Space, Local: local + ".redefined"}
	for i := 2; m[newName] != nil; i++ {
		newName.Local = fmt.Sprintf("%s.redefined%d", local, i)
	}
	delete(m, name)
	m[newName] = orig
	orig.name = newName
	switch kind {
	case "complexType", "simpleType":
		delete(l.set.Types, name)
		orig.typ.Name = newName
		orig.typ.Redefined = true
		l.set.Types[newName] = orig.typ
	case "group":
		delete(l.set.Groups, name)
		orig.group.Name = newName
		l.set.Groups[newName] = orig.group
	case "attributeGroup":
		delete(l.set.AttributeGroups, name)
		orig.agroup.Name = newName
		l.set.AttributeGroups[newName] = orig.agroup
	}
	rd := *d
	rd.redefKind, rd.redefSelf, rd.redefOrig = rk, name, newName
	l.register(&rd, n)
	if g := m[name]; g != nil && g.n == n {
		g.redefinition = true
	}
}

func (l *loader) resolveQName(d *schemaDoc, n *node, attr, raw string) (xml.Name, bool) {
	prefix, local, found := strings.Cut(raw, ":")
	if !found {
		prefix, local = "", raw
	}
	if local == "" || strings.Contains(local, ":") {
		l.errorf(n.pos, "invalid QName %s=%q", attr, raw)
		return xml.Name{}, false
	}
	uri, ok := n.scope.lookup(prefix)
	if !ok {
		l.errorf(n.pos, "undeclared prefix %q in %s=%q", prefix, attr, raw)
		return xml.Name{}, false
	}
	if uri == "" && d != nil && d.chameleon {
		uri = d.tns
	}
	return xml.Name{Space: uri, Local: local}, true
}
