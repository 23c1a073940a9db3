package generator

import (
	"encoding/xml"
	"fmt"
	"go/format"
	"path"
	"strconv"
	"strings"
	"text/template"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/templates"
)

// The documentation of a generated package: package_doc.go holds the
// package comment (templates/package_doc.txt executed with docFacts), and
// example_client_test.go a runnable example of the client and the handler
// (or, without operations, of a type). Both are written for any WSDL; the
// parts about Exchange's conventions appear only under the EWS profile.
// The doc comments of Client methods (client.go) and of element types
// (emit.go) use requiredFields and elemFieldsDoc below.

// docFacts is what the package documentation template is executed with.
type docFacts struct {
	Pkg          string
	Title        string // "the FooService service" or "the schemas of urn:x"
	Inputs       string // "services.wsdl, messages.xsd and types.xsd"
	EWS          bool   // the EWS profile with its conveniences (helpers.go)
	Version      string // the newest schema version, when known
	VersionConst string // EWS: the Go constant of that version
	Ops          bool   // there are operations with methods
	NumOps       int
	Op, Req      string // the operation (Go name) and request type of the examples
	ExampleOp    string // the operation Example_client calls
}

// exampleOp is the operation Example_client calls, chosen so that the
// example's output is known: the first with a response whose request is a
// struct needing no field (an empty request is valid), else the first
// whose request lacks a required element for sure when empty (a struct,
// a list or a choice: the client refuses it), else the first one-way
// operation with a request needing no field. ok is false when no
// operation qualifies (a required simple value may or may not be valid
// empty): the example then shows a type instead.
func (g *emitter) exampleOp() (opStub, bool) {
	stubs := g.opStubs()
	for _, s := range stubs {
		if s.resp != nil && structOf(s.req) != nil && len(g.requiredFields(s.req)) == 0 {
			return s, true
		}
	}
	for _, s := range stubs {
		if surelyMissing(s.req) {
			return s, true
		}
	}
	for _, s := range stubs {
		if s.resp == nil && structOf(s.req) != nil && len(g.requiredFields(s.req)) == 0 {
			return s, true
		}
	}
	return opStub{}, false
}

// surelyMissing reports whether a zero value of a struct (or element)
// type lacks a required element for certain: one held in a pointer, a
// slice or an interface, which is nil.
func surelyMissing(t *goType) bool {
	st := structOf(t)
	if st == nil || st.anyContent {
		return false
	}
	for _, f := range st.fields {
		if !f.optional && (f.ct != nil || f.iface != nil || f.repeated) {
			return true
		}
	}
	return false
}

// docFacts gathers the facts the package documentation states.
func (g *emitter) docFacts() docFacts {
	p := g.p
	d := docFacts{Pkg: p.cfg.Package, EWS: p.isEWS() && p.ewsHelpers(), Version: p.schemaVersion()}
	var names []string
	for _, f := range p.set.Files {
		names = append(names, path.Base(f.Path))
	}
	d.Inputs = joinAnd(names)
	switch {
	case p.set.WSDL != nil && len(p.set.WSDL.Services) > 0:
		var svcs []string
		seen := map[string]bool{}
		for _, s := range p.set.WSDL.Services {
			if !seen[s.Name] {
				seen[s.Name] = true
				svcs = append(svcs, s.Name)
			}
		}
		d.Title = "the " + joinAnd(svcs) + " service"
		if len(svcs) > 1 {
			d.Title += "s"
		}
	case p.set.WSDL != nil && p.set.WSDL.Name != "":
		d.Title = "the " + p.set.WSDL.Name + " service"
	case p.set.WSDL != nil:
		d.Title = "the service of " + path.Base(p.set.WSDL.Path)
	default:
		d.Title = "the schemas " + d.Inputs
	}
	if d.EWS {
		d.Title = "Exchange Web Services (EWS)"
		if t := p.set.Types[xml.Name{Space: nsTypes, Local: "ExchangeVersionType"}]; t != nil {
			if gt := p.byType[t]; gt != nil && len(gt.enums) > 0 {
				d.VersionConst = gt.enums[len(gt.enums)-1].name
			}
		}
	}
	stubs := g.opStubs()
	d.NumOps = len(stubs)
	if len(stubs) > 0 {
		d.Ops = true
		d.Op, d.Req = stubs[0].m.GoName, stubs[0].req.name
		for _, s := range stubs {
			if d.EWS && s.m.GoName == "FindItem" {
				d.Op, d.Req = s.m.GoName, s.req.name
			}
		}
	}
	if s, ok := g.exampleOp(); ok {
		d.ExampleOp = s.m.GoName
	}
	return d
}

// joinAnd joins names as "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// packageDoc returns package_doc.go: the package comment and the package
// clause.
func (g *emitter) packageDoc(header string) (File, error) {
	tmpl, err := template.New("doc").Parse(templates.PackageDoc())
	if err != nil {
		return File{}, fmt.Errorf("generator: package documentation template: %w", err)
	}
	var text strings.Builder
	if err := tmpl.Execute(&text, g.docFacts()); err != nil {
		return File{}, fmt.Errorf("generator: package documentation: %w", err)
	}
	var b strings.Builder
	for _, l := range strings.Split(header, "\n") {
		b.WriteString("// " + l + "\n")
	}
	b.WriteString("\n")
	for _, l := range strings.Split(strings.TrimRight(text.String(), "\n"), "\n") {
		if l == "" {
			b.WriteString("//\n")
			continue
		}
		b.WriteString("// " + l + "\n")
	}
	b.WriteString("package " + g.p.cfg.Package + "\n")
	src, err := format.Source([]byte(b.String())) // doc comments in gofmt's form
	if err != nil {
		return File{}, fmt.Errorf("generator: package_doc.go: %w", err)
	}
	return File{Name: "package_doc.go", Content: src}, nil
}

// exampleFile returns example_client_test.go, an example in the package
// itself (so it needs no import path): a Service answering the example
// operation is served by NewHandler on a loopback port and called with
// the Client. When the operation's request has required fields, the
// example shows the client refusing the empty request before sending it.
// Without operations it shows a type's element name.
func (g *emitter) exampleFile(header string) *jen.File {
	f := jen.NewFile(g.p.cfg.Package)
	addHeader(f, header)
	s, ok := g.exampleOp()
	if !ok {
		var t *goType
		for _, x := range g.p.types {
			if g.kept(x) && x.rootName.Local != "" && (x.kind == kStruct || x.kind == kElemOf) {
				t = x
				break
			}
		}
		if t == nil {
			f.Comment("The schemas declare no global element: nothing to show.")
			return f
		}
		f.Comment(fmt.Sprintf("Example_elementName shows that %s knows its element name.", t.name))
		f.Func().Id("Example_elementName").Params().Block(
			jen.Qual("fmt", "Println").Call(jen.Id("new").Call(jen.Id(t.name)).Dot("XMLName").Call().Dot("Local")),
			jen.Comment("Output: "+t.rootName.Local),
		)
		return f
	}
	pkg := g.p.cfg.Package
	required := g.requiredFields(s.req)
	svc := "exampleService"
	// the service answers the operation with an empty response
	f.Comment(fmt.Sprintf("%s answers %s; UnimplementedService answers the other operations with a fault.", svc, s.m.GoName))
	f.Type().Id(svc).Struct(jen.Id("UnimplementedService"), jen.Id("calls").Int())
	res := []jen.Code{jen.Error()}
	ret := []jen.Code{jen.Nil()}
	if s.resp != nil {
		res = []jen.Code{jen.Op("*").Id(s.resp.name), jen.Error()}
		ret = []jen.Code{jen.New(jen.Id(s.resp.name)), jen.Nil()}
	}
	f.Func().Params(jen.Id("s").Op("*").Id(svc)).Id(s.m.GoName).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(s.req.name)).Params(res...).Block(
		jen.Id("s").Dot("calls").Op("++"),
		jen.Return(ret...),
	)
	setup := []jen.Code{
		jen.Id("svc").Op(":=").Op("&").Id(svc).Values(),
		jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Id("NewHandler").Call(jen.Id("svc"))),
		jen.Defer().Id("srv").Dot("Close").Call(),
		jen.Id("c").Op(":=").Id("NewClient").Call(jen.Id("srv").Dot("URL"), jen.Nil(), jen.Id("WithTimeout").Call(jen.Lit(10).Op("*").Qual("time", "Second"))),
		jen.Id("ctx").Op(":=").Qual("context", "Background").Call(),
	}
	call := jen.Id("c").Dot(s.m.GoName).Call(jen.Id("ctx"), jen.New(jen.Id(s.req.name)))
	var body []jen.Code
	var doc string
	switch {
	case len(required) > 0:
		doc = fmt.Sprintf("Example_client calls %s with an empty %s: the request has required fields, so the client, which validates each request before sending it, returns a *ValidationError naming the missing fields (%s); the server is not called.", s.m.GoName, s.req.name, strings.Join(required, ", "))
		lhs := jen.List(jen.Id("_"), jen.Err())
		if s.resp == nil {
			lhs = jen.Err()
		}
		body = append(setup,
			lhs.Op(":=").Add(call),
			jen.Var().Id("ve").Op("*").Id("ValidationError"),
			jen.Qual("fmt", "Println").Call(jen.Lit("invalid request:"), jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("ve"))),
			jen.Qual("fmt", "Println").Call(jen.Lit("server calls:"), jen.Id("svc").Dot("calls")),
			jen.Comment("Output:"),
			jen.Comment("invalid request: true"),
			jen.Comment("server calls: 0"),
		)
	case s.resp == nil:
		doc = fmt.Sprintf("Example_client serves %s with NewHandler on a loopback port and calls it with the Client; the operation has no response.", s.m.GoName)
		body = append(setup,
			jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(
				jen.Qual("fmt", "Println").Call(jen.Err()),
				jen.Return(),
			),
			jen.Qual("fmt", "Println").Call(jen.Lit("server calls:"), jen.Id("svc").Dot("calls")),
			jen.Comment("Output: server calls: 1"),
		)
	default:
		doc = fmt.Sprintf("Example_client serves %s with NewHandler on a loopback port and calls it with the Client.", s.m.GoName)
		body = append(setup,
			jen.List(jen.Id("resp"), jen.Err()).Op(":=").Add(call),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Qual("fmt", "Println").Call(jen.Err()),
				jen.Return(),
			),
			jen.Qual("fmt", "Printf").Call(jen.Lit("%T from %d call\n"), jen.Id("resp"), jen.Id("svc").Dot("calls")),
			jen.Comment(fmt.Sprintf("Output: *%s.%s from 1 call", pkg, s.resp.name)),
		)
	}
	f.Comment(doc)
	f.Func().Id("Example_client").Params().Block(body...)
	return f
}

// requiredFields lists the fields of a struct (or element) type that must
// be set: required attributes (with the constants an enumerated one
// takes) and required elements, in declaration order.
func (g *emitter) requiredFields(t *goType) []string {
	st := structOf(t)
	if st == nil || st.anyContent {
		return nil
	}
	var req []string
	for _, a := range st.attrs {
		if a.required {
			s := a.name + " (attribute"
			if a.val.named != nil && len(a.val.named.enums) > 0 {
				s += ", one of the " + a.val.named.name + " constants"
				if e := a.val.named.enums; len(e) <= 8 {
					var vals []string
					for _, x := range e {
						vals = append(vals, strconv.Quote(x.value))
					}
					s += ": " + strings.Join(vals, ", ")
				}
			}
			req = append(req, s+")")
		}
	}
	for _, f := range st.fields {
		if !f.optional && (f.xname.Local != "" || f.iface != nil) {
			s := f.name
			if f.repeated {
				s += " (at least one)"
			}
			req = append(req, s)
		}
	}
	return req
}

// elemFieldsDoc returns the paragraph of an element type's doc comment
// that lists the fields it has from its schema type (go doc shows only
// "type E T" for it): one preformatted line per field, "" when the type
// is not a struct.
func (g *emitter) elemFieldsDoc(t *goType) string {
	if t.kind != kElemOf || t.of == nil {
		return ""
	}
	st := structOf(t)
	if st == nil || st.anyContent {
		return ""
	}
	type line struct{ name, typ, what string }
	var lines []line
	for _, a := range st.attrs {
		what := "attribute " + a.xname.Local
		if a.required {
			what += ", required"
		}
		lines = append(lines, line{a.name, fmt.Sprintf("%#v", jen.Add(g.attrType(a))), what})
	}
	if st.text != nil {
		lines = append(lines, line{st.textName, fmt.Sprintf("%#v", jen.Add(g.valueType(*st.text))), "text content"})
	}
	for _, f := range st.fields {
		var what string
		switch {
		case f.any:
			what = "any elements"
		case f.iface != nil:
			what = "see " + f.iface.name
		default:
			what = "element " + g.p.prefixed(f.xname)
		}
		what += occursDoc(f)
		lines = append(lines, line{f.name, fmt.Sprintf("%#v", jen.Add(g.fieldType(f))), what})
	}
	if len(lines) == 0 {
		return ""
	}
	wn, wt := 0, 0
	for _, l := range lines {
		wn, wt = max(wn, len(l.name)), max(wt, len(l.typ))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Its fields are those of %s:\n", t.of.name)
	for _, l := range lines {
		fmt.Fprintf(&b, "\n\t%-*s %-*s // %s", wn, l.name, wt, l.typ, l.what)
	}
	return b.String()
}
