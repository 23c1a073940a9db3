package generator

import (
	"encoding/xml"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/xsd"
)

// headerElems returns the distinct header elements bound by the kept
// operations: RequestServerVersion (the header every EWS request carries,
// and the one clients write first) first, then in binding order.
func (g *emitter) headerElems() []*goType {
	var out []*goType
	seen := map[*goType]bool{}
	add := func(n xml.Name) {
		t := g.p.byElem[g.p.set.Elements[n]]
		if t == nil || seen[t] || !g.kept(t) || t.kind == kIface || t.kind == kAlias {
			return
		}
		seen[t] = true
		out = append(out, t)
	}
	add(xml.Name{Space: nsTypes, Local: "RequestServerVersion"})
	for _, op := range g.p.ops {
		if !g.opKept(op) {
			continue
		}
		for _, io := range []*xsd.IO{op.Input, op.Output} {
			if io != nil {
				for _, h := range io.Headers {
					add(h.Element)
				}
			}
		}
	}
	return out
}

// rootElems returns the kept global element types that can be a document
// or body root, sorted by element name.
func (g *emitter) rootElems() []*goType {
	var out []*goType
	for _, t := range g.p.types {
		if t.rootName.Local != "" && g.kept(t) && t.kind != kIface && t.kind != kAlias {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].rootName, out[j].rootName
		if a.Space != b.Space {
			return a.Space < b.Space
		}
		return a.Local < b.Local
	})
	return out
}

// usedNamespaces lists the namespaces of the elements that can appear
// inside a value of t (t's own element name excluded).
func (g *emitter) usedNamespaces(t *goType) []int {
	seen := map[*goType]bool{}
	ns := map[int]bool{}
	var walk func(t *goType)
	walk = func(t *goType) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		if it := soapArrayItem(t); it.Local != "" {
			ns[g.p.ns(nsSOAPEnc)] = true
			ns[g.p.ns(it.Space)] = true
		}
		walk(t.of)
		for _, a := range t.alts {
			if g.kept(a.t) {
				ns[g.p.ns(a.name.Space)] = true
				walk(a.t)
			}
		}
		for _, f := range t.fields {
			if f.xname.Local != "" {
				ns[g.p.ns(f.xname.Space)] = true
			}
			if f.xsiType.Space != "" {
				ns[g.p.ns(f.xsiType.Space)] = true
			}
			walk(f.ct)
			walk(f.iface)
		}
		for _, a := range t.attrs {
			if a.xname.Space != "" && a.xname.Space != xsd.NSXML {
				ns[g.p.ns(a.xname.Space)] = true
			}
		}
	}
	walk(t)
	var out []int
	for i := range g.p.nsList {
		if ns[i] && i != 0 {
			out = append(out, i)
		}
	}
	return out
}

func (g *emitter) envelope(header string) *jen.File {
	f := jen.NewFile(g.p.cfg.Package)
	addHeader(f, header)
	f.ImportName("encoding/xml", "xml")
	f.ImportName("io", "io")

	hdrs := g.headerElems()
	roots := g.rootElems()

	// EnvelopeHeader
	var fields []jen.Code
	for _, h := range hdrs {
		fields = append(fields, jen.Id(h.name).Op("*").Id(h.name).Comment("header element "+g.p.prefixed(h.rootName)))
	}
	fields = append(fields,
		jen.Id("Other").Index().Id("XSAnyElement").Comment("header elements this package does not know, kept as read"),
		jen.Id("order").Index().Int().Comment("order of the header elements as read, for re-encoding"),
	)
	f.Comment("EnvelopeHeader holds the SOAP header elements the operations bind.")
	f.Type().Id("EnvelopeHeader").Struct(fields...)

	// encodeHeader
	var cases []jen.Code
	for i, h := range hdrs {
		cases = append(cases, jen.Case(jen.Lit(i)).Block(
			jen.If(jen.Id("h").Dot(h.name).Op("!=").Nil()).Block(
				jen.Id("h").Dot(h.name).Dot("encodeXML").Call(jen.Id("w"), g.nsID(h.rootName.Space), jen.Lit(h.rootName.Local), jen.False()),
			),
		))
	}
	f.Comment("headerCount is the number of typed header fields.")
	f.Const().Id("headerCount").Op("=").Lit(len(hdrs))
	f.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Id("encodeOne").Params(jen.Id("w").Op("*").Id("xmlWriter"), jen.Id("i").Int()).Block(
		jen.Switch(jen.Id("i")).Block(cases...),
	)
	var nsCasesH []jen.Code
	for i, h := range hdrs {
		nsCasesH = append(nsCasesH, jen.Case(jen.Lit(i)).Block(jen.Return(g.nsID(h.rootName.Space))))
	}
	f.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Id("nsOf").Params(jen.Id("i").Int()).Int().Block(
		jen.Switch(jen.Id("i")).Block(nsCasesH...),
		jen.Return(jen.Lit(-1)),
	)
	// In server style a header element declares its own namespace twice
	// (as h and as the default namespace, as Exchange writes it), xsd and
	// xsi, and every other namespace its content can use.
	var declOrder []string
	declIdx := map[string][]jen.Code{}
	for i, h := range hdrs {
		u := h.rootName.Space
		own := g.p.ns(u)
		decl := ""
		if own != 0 {
			decl = ` xmlns:h="` + attrEscape(u) + `"`
			if !g.usesUnqualified(h) {
				// no unqualified element that the default namespace would capture
				decl += ` xmlns="` + attrEscape(u) + `"`
			}
		}
		decl += ` xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="` + xsd.NSXSI + `"`
		for _, j := range g.usedNamespaces(h) {
			v := g.p.nsList[j]
			if j == own || v == xsd.NSXML || v == xsd.NSXSI {
				continue
			}
			decl += ` xmlns:` + g.p.nsPrefix(v, j) + `="` + attrEscape(v) + `"`
		}
		if _, ok := declIdx[decl]; !ok {
			declOrder = append(declOrder, decl)
		}
		declIdx[decl] = append(declIdx[decl], jen.Lit(i))
	}
	var declCases []jen.Code
	for _, decl := range declOrder {
		declCases = append(declCases, jen.Case(declIdx[decl]...).Block(jen.Return(jen.Lit(decl))))
	}
	f.Comment("serverDecl returns the namespace declarations the header element of typed field i carries in server style.")
	f.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Id("serverDecl").Params(jen.Id("i").Int()).String().Block(
		jen.Switch(jen.Id("i")).Block(declCases...),
		jen.Return(jen.Lit("")),
	)
	var presentCases []jen.Code
	for i, h := range hdrs {
		presentCases = append(presentCases, jen.Case(jen.Lit(i)).Block(jen.Return(jen.Id("h").Dot(h.name).Op("!=").Nil())))
	}
	f.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Id("present").Params(jen.Id("i").Int()).Bool().Block(
		jen.Switch(jen.Id("i")).Block(presentCases...),
		jen.Return(jen.False()),
	)
	f.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Id("empty").Params().Bool().Block(
		jen.Return(jen.Id("h").Dot("count").Call().Op("==").Lit(0).Op("&&").Len(jen.Id("h").Dot("Other")).Op("==").Lit(0)),
	)
	var cnt []jen.Code
	cnt = append(cnt, jen.Id("n").Op(":=").Lit(0))
	for _, h := range hdrs {
		cnt = append(cnt, jen.If(jen.Id("h").Dot(h.name).Op("!=").Nil()).Block(jen.Id("n").Op("++")))
	}
	cnt = append(cnt, jen.Return(jen.Id("n")))
	f.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Id("count").Params().Int().Block(cnt...)

	// decodeHeader
	byNS := map[string][]jen.Code{}
	var order []string
	for i, h := range hdrs {
		sp := h.rootName.Space
		if _, ok := byNS[sp]; !ok {
			order = append(order, sp)
		}
		byNS[sp] = append(byNS[sp], jen.Case(jen.Lit(h.rootName.Local)).Block(
			jen.Id("x").Op(":=").New(jen.Id(h.name)),
			jen.If(jen.Err().Op(":=").Id("x").Dot("decodeXML").Call(jen.Id("d"), jen.Id("c")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Id("h").Dot(h.name).Op("=").Id("x"),
			jen.Id("h").Dot("order").Op("=").Append(jen.Id("h").Dot("order"), jen.Lit(i)),
			jen.Continue(),
		))
	}
	var nsCases []jen.Code
	for _, sp := range order {
		nsCases = append(nsCases, jen.Case(g.nsID(sp)).Block(jen.Switch(jen.String().Call(jen.Id("c").Dot("Local"))).Block(byNS[sp]...)))
	}
	loop := []jen.Code{
		jen.List(jen.Id("c"), jen.Err()).Op(":=").Id("d").Dot("Child").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Id("c").Op("==").Nil()).Block(jen.Return(jen.Nil())),
	}
	if len(nsCases) > 0 {
		loop = append(loop, jen.Switch(jen.Id("c").Dot("NS")).Block(nsCases...))
	}
	loop = append(loop,
		jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("d").Dot("Any").Call(jen.Id("c")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Id("h").Dot("Other").Op("=").Append(jen.Id("h").Dot("Other"), jen.Op("*").Id("x")),
		jen.Id("h").Dot("order").Op("=").Append(jen.Id("h").Dot("order"), jen.Id("headerCount").Op("+").Len(jen.Id("h").Dot("Other")).Op("-").Lit(1)),
	)
	f.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Id("decodeXML").Params(decParams()...).Error().Block(
		jen.For().Block(loop...),
	)

	// Body registry
	byNS = map[string][]jen.Code{}
	order = nil
	for _, r := range roots {
		sp := r.rootName.Space
		if _, ok := byNS[sp]; !ok {
			order = append(order, sp)
		}
		byNS[sp] = append(byNS[sp], jen.Case(jen.Lit(r.rootName.Local)).Block(jen.Return(jen.New(jen.Id(r.name)))))
	}
	nsCases = nil
	for _, sp := range order {
		nsCases = append(nsCases, jen.Case(jen.Lit(sp)).Block(jen.Switch(jen.Id("name").Dot("Local")).Block(byNS[sp]...)))
	}
	f.Comment("NewBodyElement returns a new zero value of the Go type of the global element name, or nil when the schemas declare no such element.")
	f.Func().Id("NewBodyElement").Params(jen.Id("name").Qual("encoding/xml", "Name")).Id("BodyElement").Block(
		jen.Switch(jen.Id("name").Dot("Space")).Block(nsCases...),
		jen.Return(jen.Nil()),
	)

	// rpc/encoded wrappers
	var enc []jen.Code
	for _, r := range roots {
		if _, ok := g.p.encoded[r]; ok {
			enc = append(enc, jen.Op("*").Id(r.name))
		}
	}
	f.Comment("encodedBody reports whether v is the wrapper of an rpc/encoded operation, whose body may hold multi-reference values.")
	if len(enc) == 0 {
		f.Func().Id("encodedBody").Params(jen.Id("BodyElement")).Bool().Block(jen.Return(jen.False()))
	} else {
		f.Func().Id("encodedBody").Params(jen.Id("v").Id("BodyElement")).Bool().Block(
			jen.Switch(jen.Id("v").Assert(jen.Type())).Block(jen.Case(enc...).Block(jen.Return(jen.True()))),
			jen.Return(jen.False()),
		)
	}

	// bodies of several parts
	var partsCases []jen.Code
	for _, r := range roots {
		if g.p.parts[r] {
			partsCases = append(partsCases, jen.Case(jen.Qual("encoding/xml", "Name").Values(jen.Dict{jen.Id("Space"): jen.Lit(r.rootName.Space), jen.Id("Local"): jen.Lit(r.rootName.Local)})).Block(jen.Return(jen.New(jen.Id(r.name)))))
		}
	}
	f.Comment("newPartsBody returns a new body of several parts when name is one (the name of its Go type, not an element on the wire), else nil.")
	if len(partsCases) == 0 {
		f.Func().Id("newPartsBody").Params(jen.Qual("encoding/xml", "Name")).Id("BodyElement").Block(jen.Return(jen.Nil()))
	} else {
		f.Func().Id("newPartsBody").Params(jen.Id("name").Qual("encoding/xml", "Name")).Id("BodyElement").Block(
			jen.Switch(jen.Id("name")).Block(partsCases...),
			jen.Return(jen.Nil()),
		)
	}

	// the descriptor of each root
	sets := map[string]string{}
	var setDecls, rootDescs, rootTypes []jen.Code
	for _, r := range roots {
		ns := g.usedNamespaces(r)
		key := ""
		var vals []jen.Code
		for _, i := range ns {
			key += g.nsIDs[i] + ","
			vals = append(vals, jen.Id(g.nsIDs[i]))
		}
		name, ok := sets[key]
		if !ok {
			name = "nsSet" + itoa(len(sets))
			sets[key] = name
			setDecls = append(setDecls, jen.Id(name).Op("=").Index().Int().Values(vals...))
		}
		rootNS := g.p.ns(r.rootName.Space)
		decl := ""
		tableNS := r.rootName.Space
		switch {
		case rootNS != 0 && g.usesUnqualified(r):
			// Unqualified local elements are written without a prefix:
			// the body element keeps its prefix, so that no default
			// namespace captures them (namespaces.go).
			tableNS = ""
			decl = ` xmlns:` + g.p.nsPrefix(r.rootName.Space, rootNS) + `="` + attrEscape(r.rootName.Space) + `"`
		case rootNS != 0:
			decl = ` xmlns="` + attrEscape(r.rootName.Space) + `"`
		}
		for _, i := range ns {
			u := g.p.nsList[i]
			if i == rootNS || u == xsd.NSXML || u == xsd.NSXSI {
				continue
			}
			decl += ` xmlns:` + g.p.nsPrefix(u, i) + `="` + attrEscape(u) + `"`
		}
		rootTypes = append(rootTypes, jen.Parens(jen.Op("*").Id(r.name)).Parens(jen.Nil()))
		rootDescs = append(rootDescs, jen.Values(g.nsID(r.rootName.Space), jen.Lit(r.rootName.Local), jen.Id(name), g.nsID(tableNS), jen.Lit(decl)))
	}
	f.Comment("Namespace sets of the elements that can appear inside each root element.")
	f.Var().Defs(setDecls...)
	f.Comment("xmlRoots describes the root elements, in the order of their names (see xmlRoot).")
	f.Var().Id("xmlRoots").Op("=").Index(jen.Op("...")).Id("xmlRoot").Values(listLines(rootDescs)...)
	// One table instead of a method per root type: a method each would
	// cost the compiler a function each (xmlRootOf, soap.go).
	f.Comment("xmlRootTypes lists the Go type of each root element, in the order of xmlRoots.")
	f.Var().Id("xmlRootTypes").Op("=").Index(jen.Op("...")).Id("BodyElement").Values(listLines(rootTypes)...)
	return f
}

// attrEscape escapes s for a double-quoted attribute value written into a
// namespace declaration of the generated code.
var attrEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;").Replace

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
