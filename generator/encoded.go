package generator

import (
	"encoding/xml"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/xsd"
)

// SOAP encoding (rpc/encoded operations).
//
// rpcWrappers declares the wrapper element of an rpc/encoded operation as it
// does for rpc/literal, with xsd.Element.EncodingStyle set. markEncoded then
// marks the wrapper's fields: each part accessor is written with the xsi:type
// of its part's type (xsd built-ins and the schemas' named types alike), and
// the wrapper with SOAP-ENV:encodingStyle. Decoding reads accessors with or
// without xsi:type; multi-reference values (href="#id" pointing at an
// element with id="id", usually a later child of the Body) are resolved
// before the body is decoded (templates/soap.go.tmpl, resolveMultiRefs),
// with a bound on the nodes copied.
//
// Contract of the pass: it runs after planning and before the namespace
// table is filled; it only sets field.xsiType and plan.encoded, which the
// emitters read.

// markEncoded marks the fields of the rpc/encoded wrapper elements.
func (p *plan) markEncoded() {
	for _, e := range p.set.Elements {
		if e.EncodingStyle == "" {
			continue
		}
		t := structOf(p.byElem[e])
		if t == nil || e.AnonType == nil || e.AnonType.Content == nil {
			continue
		}
		if p.encoded == nil {
			p.encoded = map[*goType]string{}
		}
		p.encoded[t] = e.EncodingStyle
		types := map[string]xml.Name{}
		for _, c := range e.AnonType.Content.Children {
			if c.Element != nil {
				types[c.Element.Name.Local] = c.Element.Type
			}
		}
		for _, f := range t.fields {
			if f.xname.Space != "" || f.any || f.iface != nil {
				continue
			}
			if n := types[f.xname.Local]; n.Local != "" && n.Space != "" {
				f.xsiType = n
			}
		}
	}
}

// encodingStyleStmt writes SOAP-ENV:encodingStyle on an rpc/encoded wrapper.
func (g *emitter) encodingStyleStmt(t *goType) jen.Code {
	style, ok := g.p.encoded[t]
	if !ok {
		return jen.Null()
	}
	return jen.Id("w").Dot("EncodingStyle").Call(g.nsID(nsSOAP), jen.Lit(style))
}

// xsiTypeField writes the xsi:type of an rpc/encoded part accessor (a
// simple-typed one; struct types write their own when asked).
func (g *emitter) xsiTypeField(fl *field) jen.Code {
	if fl.xsiType.Local == "" {
		return jen.Null()
	}
	return jen.Id("w").Dot("XSITypeQ").Call(g.nsID(fl.xsiType.Space), jen.Lit(fl.xsiType.Local))
}

// encodedNS lists the namespaces the xsi:type values of t's fields use.
func encodedNS(t *goType) []string {
	var out []string
	for _, f := range t.fields {
		if f.xsiType.Space != "" && f.xsiType.Space != xsd.NSXSI {
			out = append(out, f.xsiType.Space)
		}
	}
	return out
}
