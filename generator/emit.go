package generator

import (
	"encoding/xml"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/templates"
	"github.com/ewsgen/ewsgen/xsd"
)

// emitter turns a plan into Go declarations with jennifer.
type emitter struct {
	p           *plan
	keep        map[*goType]bool  // nil: everything
	nsIDs       []string          // Go identifier of each namespace index constant
	statusFuncs map[string]string // responseStatus helper of each shape of status fields, by its code
	// partsDecl: the fields being written are the parts of a body of several
	// parts, each of which takes the pending declarations (partsEncode)
	partsDecl bool
}

func (g *emitter) kept(t *goType) bool { return t != nil && (g.keep == nil || g.keep[t]) }

// nsID returns the identifier of the namespace index constant for uri.
// The table is complete before emission (plan.nsTable): a URI missing from
// it is a planning bug, reported as such rather than as an index error.
func (g *emitter) nsID(uri string) jen.Code {
	i, ok := g.p.nsIndex[uri]
	if !ok || i >= len(g.nsIDs) {
		panic("generator: namespace " + uri + " is missing from the namespace table")
	}
	return jen.Id(g.nsIDs[i])
}

// nsPrefix is the prefix written for namespace uri, index i of the
// namespace table: "soap", "xsi" and "xml" for those, "m" and "t" for the
// EWS messages and types namespaces under the EWS profile, and "ns<i>" for
// every other namespace, derived from the table alone.
func (p *plan) nsPrefix(uri string, i int) string {
	switch uri {
	case "":
		return ""
	case nsMessages:
		if p.isEWS() {
			return "m"
		}
	case nsTypes:
		if p.isEWS() {
			return "t"
		}
	case nsSOAP:
		return "soap"
	case xsd.NSXSI:
		return "xsi"
	case xsd.NSXML:
		return "xml"
	case xsd.NSXSD:
		return "xsd"
	case nsSOAPEnc:
		return "soapenc"
	}
	return fmt.Sprintf("ns%d", i)
}

func (p *plan) nsConstName(uri string, i int) string {
	if i == 0 {
		return "nsNone"
	}
	return "ns" + goName(p.nsPrefix(uri, i))
}

// goTypeCode is the Go type of a simple value.
func (g *emitter) valueType(v valueRef) jen.Code {
	if v.named != nil {
		return jen.Id(v.named.name)
	}
	switch v.b {
	case bBool:
		return jen.Bool()
	case bInt8:
		return jen.Int8()
	case bInt16:
		return jen.Int16()
	case bInt32:
		return jen.Int32()
	case bInt64:
		return jen.Int64()
	case bUint8:
		return jen.Uint8()
	case bUint16:
		return jen.Uint16()
	case bUint32:
		return jen.Uint32()
	case bUint64:
		return jen.Uint64()
	case bFloat32:
		return jen.Float32()
	case bFloat64:
		return jen.Float64()
	case bBase64, bHex:
		return jen.Index().Byte()
	case bDateTime:
		return jen.Id("XSDateTime")
	case bDate:
		return jen.Id("XSDate")
	case bTime:
		return jen.Id("XSTime")
	case bDuration:
		return jen.Id("XSDuration")
	case bDecimal:
		return jen.Id("XSDecimal")
	case bQName:
		return jen.Id("XSQName")
	}
	return jen.String()
}

// isBytes reports whether a value's Go type is a byte slice (never a pointer).
func isBytes(v valueRef) bool {
	if v.named != nil {
		return v.named.kind == kSimple && isBytes(v.named.base)
	}
	return v.b == bBase64 || v.b == bHex
}

func (g *emitter) fieldType(f *field) jen.Code {
	switch {
	case f.any:
		if f.repeated {
			return jen.Index().Id("XSAnyElement")
		}
		return jen.Op("*").Id("XSAnyElement")
	case f.iface != nil:
		if f.repeated {
			return jen.Index().Id(f.iface.name)
		}
		return jen.Id(f.iface.name)
	case f.ct != nil:
		if f.ct.kind == kIface {
			if f.repeated {
				return jen.Index().Id(f.ct.name)
			}
			return jen.Id(f.ct.name)
		}
		if f.repeated {
			return jen.Index().Id(f.ct.name)
		}
		return jen.Op("*").Id(f.ct.name)
	}
	vt := g.valueType(*f.val)
	if f.repeated {
		return jen.Index().Add(vt)
	}
	if f.optional && !isBytes(*f.val) {
		return jen.Op("*").Add(vt)
	}
	return vt
}

func (g *emitter) attrType(a *attrField) jen.Code {
	vt := g.valueType(a.val)
	if !a.required && !isBytes(a.val) {
		return jen.Op("*").Add(vt)
	}
	return vt
}

// docComment returns the doc comment of a declaration.
func (g *emitter) docComment(t *goType) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s is the Go form of %s.", t.name, t.comment)
	if t.elem != nil && t.xsdType != nil && t.xsdType.Name.Local != "" && t.kind == kStruct {
		fmt.Fprintf(&b, " It is also the Go form of element %s.", g.p.prefixed(t.elem.Name))
	}
	if d := g.elemFieldsDoc(t); d != "" {
		b.WriteString("\n\n")
		b.WriteString(d)
	}
	if c := g.contractDoc(t); c != "" {
		b.WriteString("\n\n")
		b.WriteString(c)
	}
	if (t.kind == kSimple || t.kind == kList) && t.xsdType != nil {
		if c := facetDoc(t.xsdType.Facets); c != "" {
			b.WriteString("\n\n")
			b.WriteString(c)
		}
	}
	if g.p.cfg.SchemaDocs && t.doc != "" {
		b.WriteString("\n\n")
		b.WriteString(t.doc)
	}
	return b.String()
}

func (g *emitter) fieldDoc(doc string) string {
	if g.p.cfg.SchemaDocs && doc != "" {
		return strings.ReplaceAll(doc, "\n", " ")
	}
	return ""
}

// declare emits the type declaration of t with its constants and markers.
func (g *emitter) declare(f *jen.File, t *goType) {
	for _, l := range strings.Split(g.docComment(t), "\n") {
		f.Comment(l)
	}
	switch t.kind {
	case kStruct:
		if t.anyContent {
			f.Type().Id(t.name).Struct(
				jen.Id("AnyAttrs").Index().Id("XSAnyAttr").Comment("attributes, as read"),
				jen.Id("NS").Index().Id("XSNamespace").Comment(`namespaces the attribute values name (xsi:type="xsd:dateTime"), declared again`),
				jen.Id("Content").Index().Id("XSAnyNode").Comment("mixed content in order: text and elements"),
			)
			break
		}
		var fields []jen.Code
		for _, a := range t.attrs {
			c := jen.Id(a.name).Add(g.attrType(a))
			desc := "attribute " + a.xname.Local
			if a.xname.Space == xsd.NSXML {
				desc = "attribute xml:" + a.xname.Local
			}
			if a.required {
				desc += ", required"
			}
			if a.def != nil {
				desc += fmt.Sprintf(", default %q", *a.def)
			}
			if a.fixed != nil {
				desc += fmt.Sprintf(", fixed %q", *a.fixed)
			}
			if d := g.fieldDoc(a.doc); d != "" {
				desc += ": " + d
			}
			fields = append(fields, c.Comment(desc))
		}
		if t.text != nil {
			fields = append(fields, jen.Id(t.textName).Add(g.valueType(*t.text)).Comment("text content"))
		}
		for _, fl := range t.fields {
			c := jen.Id(fl.name).Add(g.fieldType(fl))
			var desc string
			switch {
			case fl.any:
				desc = "any elements (xs:any)"
			case fl.iface != nil && fl.repeated:
				desc = "items in document order: see " + fl.iface.name
			case fl.iface != nil:
				desc = "one element, of any type listed by " + fl.iface.name
			default:
				desc = "element " + g.p.prefixed(fl.xname)
			}
			desc += occursDoc(fl)
			if d := g.fieldDoc(fl.doc); d != "" {
				desc += ": " + d
			}
			fields = append(fields, c.Comment(desc))
		}
		if t.mixedText != "" {
			fields = append(fields, jen.Id(t.mixedText).String().Comment("character data of the mixed content, written before the elements"))
		}
		if t.anyAttr {
			fields = append(fields, jen.Id("AnyAttrs").Index().Id("XSAnyAttr").Comment("attributes matched by xs:anyAttribute"))
		}
		for _, fl := range t.fields {
			if fl.nilField != "" {
				fields = append(fields, jen.Id(fl.nilField).Bool().Comment(fmt.Sprintf("send %s as xsi:nil=\"true\"; set when it was read so", g.p.prefixed(fl.xname))))
			}
		}
		if t.nillable {
			fields = append(fields, jen.Id("XSINil").Bool().Comment(`the element is xsi:nil="true" (written without content); set when it was read so`))
		}
		if t.derived != nil && g.kept(t.derived) {
			fields = append(fields, jen.Id(t.derivedField).Id(t.derived.name).Comment("a value of a derived type, read and written with its xsi:type instead of the fields above"))
		}
		if hasXSIType(t) {
			fields = append(fields, jen.Id("xsiType").Bool().Comment("xsi:type was read; it is written again"))
		}
		if _, _, n := trackedRequired(t); n > 0 {
			fields = append(fields, jen.Id("missing").Uint64().Comment("required values absent when read (a bit each): not written again while zero"))
		}
		fields = append(fields, jen.Id("XSUnknown").Op("*").Id("XSUnknown").Comment("content read that the schema does not declare (DecodeLenient); written back in place"))
		// Values are not comparable with ==, which would compare the
		// pointers of optional fields rather than their values; leaving
		// out the equality functions the compiler would write for each
		// comparable type also makes the package faster to build. The
		// zero-size field goes first, where it adds no padding.
		fields = append([]jen.Code{jen.Id("_").Id("xmlNoCompare")}, fields...)
		f.Type().Id(t.name).Struct(fields...)
	case kSimple:
		f.Type().Id(t.name).Add(g.valueType(t.base))
		if len(t.enums) > 0 {
			f.Comment(fmt.Sprintf("Values of %s.", t.name))
			f.Const().Defs(g.enumDecls(t)...)
		}
	case kList:
		f.Type().Id(t.name).Index().Add(g.valueType(t.base))
	case kElemOf:
		f.Type().Id(t.name).Id(t.of.name)
	case kBox:
		if t.wild {
			f.Type().Id(t.name).Id("XSAnyElement")
			break
		}
		if t.of != nil {
			if t.of.kind == kIface {
				f.Type().Id(t.name).Struct(jen.Id("Value").Id(t.of.name))
			} else {
				f.Type().Id(t.name).Struct(jen.Id("Value").Op("*").Id(t.of.name))
			}
		} else {
			f.Type().Id(t.name).Struct(jen.Id("Value").Add(g.valueType(t.base)))
		}
	case kAlias:
		f.Type().Id(t.name).Op("=").Id(t.of.name)
	case kIface:
		var alts []string
		for _, a := range t.alts {
			switch {
			case !g.kept(a.t):
			case a.t.wild:
				alts = append(alts, fmt.Sprintf("*%s (any other element)", a.t.name))
			default:
				alts = append(alts, fmt.Sprintf("*%s (%s)", a.t.name, g.p.prefixed(a.name)))
			}
		}
		f.Comment("")
		f.Comment("Implemented by: " + strings.Join(alts, ", ") + ".")
		f.Type().Id(t.name).Interface(jen.Id("is" + t.name).Params())
	}
	for _, i := range t.implements {
		if g.kept(i) {
			f.Func().Params(jen.Op("*").Id(t.name)).Id("is" + i.name).Params().Block()
		}
	}
}

// Generate loads the inputs named by cfg and returns the generated files,
// sorted by name. Errors in the input are returned together (errors.Join of
// *xsd.Error values, each "file:line:col: message").
func Generate(cfg Config) ([]File, error) {
	var paths []string
	if cfg.WSDL != "" {
		paths = append(paths, cfg.WSDL)
	}
	// XSD arguments are loaded in sorted order, so the output (file headers,
	// namespace table) does not depend on the order they were given in.
	xsds := append([]string(nil), cfg.XSDs...)
	sort.Strings(xsds)
	paths = append(paths, xsds...)
	if len(paths) == 0 {
		return nil, fmt.Errorf("no input: give a WSDL or XSD files")
	}
	if err := checkProfile(cfg.Profile); err != nil {
		return nil, err
	}
	if cfg.MaxItems <= 0 {
		cfg.MaxItems = DefaultMaxItems
	}
	if cfg.MaxOutputBytes <= 0 {
		cfg.MaxOutputBytes = DefaultMaxOutputBytes
	}
	cfg.Limits = cfg.Limits.WithDefaults()
	set, err := xsd.Load(paths, xsd.Options{Network: cfg.Network, AllowPaths: cfg.AllowPaths,
		AllowOutside: cfg.AllowOutside, Limits: cfg.Limits, Catalogs: cfg.Catalogs,
		FetchOrigin: cfg.FetchOrigin, FetchClient: cfg.FetchClient, FetchTimeout: cfg.FetchTimeout,
		Transport: cfg.FetchTransport})
	if err != nil {
		return nil, err
	}
	if cfg.Warn != nil {
		for _, w := range set.Warnings {
			cfg.Warn(w)
		}
	}
	// the profile (profile_ews.go) and the package name it implies
	if ewsProfile(cfg, set) {
		cfg.Profile = "ews"
	} else {
		cfg.Profile = "none"
	}
	if cfg.Package == "" {
		cfg.Package = defaultPackage(cfg, set)
	}
	if set.WSDL != nil {
		// the operations of the bindings chosen (ops.go)
		set.WSDL.Operations = rpcWrappers(set, selectOperations(set.WSDL, cfg.SOAPVersion))
	}
	p, err := buildPlan(cfg, set)
	if err != nil {
		return nil, err
	}
	return p.emit()
}

// fileOf decides which output file a declaration goes to: the base name
// of the schema file it was declared in.
func fileOf(t *goType) string {
	base := path.Base(t.pos.File)
	base = strings.TrimSuffix(base, path.Ext(base))
	base = strings.ToLower(goName(base))
	if base == "" || base == "x" {
		base = "schema"
	}
	if fixedFileBases[base] {
		base += "schema" // envelope.xsd: envelopeschema.go, not the fixed envelope.go
	}
	return base
}

// fixedFileBases are the names (without .go) of the files every generated
// package has whatever its schemas; the other fixed files have an
// underscore in their names, which schema file names never get (goName).
var fixedFileBases = map[string]bool{
	"operations": true, "namespaces": true, "envelope": true, "client": true, "server": true, "soap": true, "validate": true,
}

func (p *plan) emit() ([]File, error) {
	g := &emitter{p: p}
	if len(p.cfg.Operations) > 0 {
		keep, err := p.prune(p.cfg.Operations)
		if err != nil {
			return nil, err
		}
		g.keep = keep
	}
	p.markEncoded()
	p.nsTable()
	for i, u := range p.nsList {
		g.nsIDs = append(g.nsIDs, p.nsConstName(u, i))
	}

	header := p.header()
	groups := map[string][]*goType{}
	for _, t := range p.types {
		if g.kept(t) {
			name := fileOf(t)
			groups[name] = append(groups[name], t)
		}
	}
	var names []string
	for n := range groups {
		names = append(names, n)
	}
	sort.Strings(names)

	type job struct {
		name   string
		f      *jen.File
		weight int // a guess at its rendering cost: heavier files start first
	}
	var jobs []job
	for _, n := range names {
		f := jen.NewFile(p.cfg.Package)
		addHeader(f, header)
		for _, t := range groups[n] {
			g.declare(f, t)
		}
		jobs = append(jobs, job{n + ".go", f, len(groups[n])})
		cf := jen.NewFile(p.cfg.Package)
		addHeader(cf, header)
		for _, t := range groups[n] {
			g.codec(cf, t)
		}
		jobs = append(jobs, job{n + "_xml.go", cf, 4 * len(groups[n])})
	}
	g.warnUnsupported()
	nOps := len(g.opStubs())
	jobs = append(jobs, job{"operations.go", g.operations(header), nOps})
	jobs = append(jobs, job{"namespaces.go", g.namespaces(header), 0})
	jobs = append(jobs, job{"envelope.go", g.envelope(header), nOps})
	jobs = append(jobs, job{"client.go", g.client(header), 4 * nOps})
	jobs = append(jobs, job{"server.go", g.server(header), nOps})

	// The validation tables are built and formatted while the other
	// files render: they read the plan, the rendering only the jen trees.
	var vf File
	var vErr error
	vDone := make(chan struct{})
	go func() {
		defer close(vDone)
		vf, vErr = g.validateFile(header)
	}()

	// Heaviest first, so that the two workers finish together.
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return jobs[order[a]].weight > jobs[order[b]].weight })
	out := make([]File, len(jobs))
	errs := make([]error, len(jobs))
	var total atomic.Int64
	renderAll(len(jobs), func(k int) {
		i := order[k]
		if total.Load() > p.cfg.MaxOutputBytes {
			return
		}
		var b strings.Builder
		if err := jobs[i].f.Render(&b); err != nil {
			errs[i] = fmt.Errorf("generator: %s: %w", jobs[i].name, err)
			return
		}
		out[i] = File{Name: jobs[i].name, Content: []byte(b.String())}
		total.Add(int64(b.Len()))
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if n := total.Load(); n > p.cfg.MaxOutputBytes {
		return nil, fmt.Errorf("generator: the generated files are larger than %d bytes (raise the limit with --max-output-bytes)", p.cfg.MaxOutputBytes)
	}
	rt, err := runtimeFiles(p.cfg.Package, header)
	<-vDone
	if err != nil {
		return nil, err
	}
	out = append(out, rt...)
	if vErr != nil {
		return nil, vErr
	}
	out = append(out, vf)
	out = append(out, clientServerFiles(p.cfg.Package, header, p.isEWS(), p.ewsHelpers())...)
	out = append(out, g.streamingFile(header)...)
	pd, err := g.packageDoc(header)
	if err != nil {
		return nil, err
	}
	out = append(out, pd)
	var ex strings.Builder
	if err := g.exampleFile(header).Render(&ex); err != nil {
		return nil, fmt.Errorf("generator: example_client_test.go: %w", err)
	}
	out = append(out, File{Name: "example_client_test.go", Content: []byte(ex.String())})
	out = append(out, File{Name: "soap.go", Content: []byte(withHeader(header, pkgClause.ReplaceAllString(templates.SOAP(), "package "+p.cfg.Package)))})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// header is the comment at the top of every generated file.
func (p *plan) header() string {
	var b strings.Builder
	b.WriteString("Code generated by ewsgen. DO NOT EDIT.\n")
	for _, f := range p.set.Files {
		fmt.Fprintf(&b, "Source: %s sha256:%s\n", path.Base(f.Path), f.SHA256)
		if f.XgenSkipped != "" {
			fmt.Fprintf(&b, "(%s was not cross-checked with xgen: %s.)\n", path.Base(f.Path), f.XgenSkipped)
		}
	}
	if v := p.schemaVersion(); v != "" {
		if p.isEWS() {
			fmt.Fprintf(&b, "EWS version: %s\n", v)
		} else {
			fmt.Fprintf(&b, "Schema version: %s\n", v)
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// schemaVersion is the newest RequestServerVersion the schemas accept: the
// last value of t:ExchangeVersionType, or the schema version attribute.
func (p *plan) schemaVersion() string {
	if t := p.set.Types[xml.Name{Space: nsTypes, Local: "ExchangeVersionType"}]; t != nil && len(t.Facets.Enumerations) > 0 {
		return t.Facets.Enumerations[len(t.Facets.Enumerations)-1].Value
	}
	for _, f := range p.set.Files {
		if f.Version != "" {
			return f.Version
		}
	}
	return ""
}

func (g *emitter) namespaces(header string) *jen.File {
	f := jen.NewFile(g.p.cfg.Package)
	addHeader(f, header)
	var defs []jen.Code
	for i, u := range g.p.nsList {
		c := jen.Id(g.nsIDs[i])
		if i == 0 {
			c = c.Op("=").Iota()
		}
		if u != "" {
			c = c.Comment(u)
		}
		defs = append(defs, c)
	}
	f.Comment("Indexes of the namespace table.")
	f.Const().Defs(defs...)
	var uris, prefixes []jen.Code
	for i, u := range g.p.nsList {
		uris = append(uris, jen.Lit(u))
		p := g.p.nsPrefix(u, i)
		if p != "" {
			p += ":"
		}
		prefixes = append(prefixes, jen.Lit(p))
	}
	var targets []jen.Code
	for _, i := range g.p.clientDecls() {
		targets = append(targets, jen.Id(g.nsIDs[i]))
	}
	f.Comment("nsClientDecls are the namespaces a client-style envelope declares, in order.")
	f.Var().Id("nsClientDecls").Op("=").Index().Int().Values(targets...)
	f.Comment("nsTable is the namespace table the decoder resolves names against.")
	f.Var().Id("nsTable").Op("=").Index().String().Values(uris...)
	f.Comment("nsPrefixes are the prefixes written for each namespace in client style.")
	f.Var().Id("nsPrefixes").Op("=").Index().String().Values(prefixes...)
	// Server-style tables, one entry per namespace index: the prefix table
	// when that namespace is the default one (body elements), the table and
	// declarations of a header element in that namespace (prefix "h").
	table := func(i int, p string) jen.Code {
		var vs []jen.Code
		for j, u := range g.p.nsList {
			q := g.p.nsPrefix(u, j)
			if q != "" {
				q += ":"
			}
			if j == i && i != 0 {
				q = p
			}
			vs = append(vs, jen.Lit(q))
		}
		return jen.Values(vs...)
	}
	var server, hdrTables []jen.Code
	for i := range g.p.nsList {
		server = append(server, table(i, ""))
		hdrTables = append(hdrTables, table(i, "h:"))
	}
	f.Comment("nsServerPrefixes[i] are the prefixes of a server-style body whose element is in namespace i, the default namespace there.")
	f.Var().Id("nsServerPrefixes").Op("=").Index().Index().String().Values(server...)
	f.Comment("nsHeaderPrefixes[i] are the prefixes of a server-style header element in namespace i.")
	f.Var().Id("nsHeaderPrefixes").Op("=").Index().Index().String().Values(hdrTables...)
	return f
}

func (g *emitter) opKept(op *xsd.Operation) bool {
	if len(g.p.cfg.Operations) == 0 {
		return true
	}
	for _, n := range g.p.cfg.Operations {
		if n == op.Name {
			return true
		}
	}
	return false
}

// hasXSIType reports whether a struct can carry xsi:type (it is a named
// complex type, so an instance may name it).
func hasXSIType(t *goType) bool {
	return t.kind == kStruct && t.xsdType != nil && t.xsdType.Name.Local != ""
}
