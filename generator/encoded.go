package generator

import (
	"encoding/xml"
	"fmt"

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

// markEncoded marks the fields of the rpc/encoded wrapper elements, and
// the bodies of several parts (see partsEncode).
func (p *plan) markEncoded() {
	for _, e := range p.set.Elements {
		if e.Parts {
			if t := structOf(p.byElem[e]); t != nil {
				if p.parts == nil {
					p.parts = map[*goType]bool{}
				}
				p.parts[t] = true
			}
		}
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

// soapArrayItem returns the item type of a SOAP-encoded array type (a
// restriction of soapenc:Array, see xsd.Type.SOAPArrayItem), or zero.
func soapArrayItem(t *goType) xml.Name {
	if t == nil || t.kind != kStruct || t.xsdType == nil {
		return xml.Name{}
	}
	return t.xsdType.SOAPArrayItem
}

// soapArrayField returns the one repeated element field of a SOAP-encoded
// array type, or nil when its content model is not one repeated element.
func soapArrayField(t *goType) *field {
	if soapArrayItem(t).Local == "" || len(t.fields) != 1 {
		return nil
	}
	f := t.fields[0]
	if !f.repeated || f.any || f.iface != nil || (f.ct != nil && f.ct.kind == kIface) || f.nilField != "" {
		return nil
	}
	return f
}

// soapArrayStmt writes the attributes of a SOAP-encoded array: xsi:type
// soapenc:Array when an xsi:type is asked for (an encoded accessor), and
// soapenc:arrayType="T[n]" with the number of items.
func (g *emitter) soapArrayStmt(t *goType, item xml.Name) jen.Code {
	var out []jen.Code
	out = append(out, jen.If(jen.Id("xsiType").Op("||").Id("v").Dot("xsiType")).Block(
		jen.Id("w").Dot("XSITypeQ").Call(g.nsID(nsSOAPEnc), jen.Lit("Array"))))
	if f := soapArrayField(t); f != nil {
		out = append(out, jen.Id("w").Dot("ArrayType").Call(g.nsID(nsSOAPEnc), g.nsID(item.Space), jen.Lit(item.Local), jen.Len(jen.Id("v").Dot(f.name))))
	}
	return jen.Block(out...)
}

// soapArrayItems returns the statements that read an element of a
// SOAP-encoded array that no case matched as one more item (SOAP encoding
// names array members freely: item, the type's name, ...), or nil when t
// is not such an array.
func (g *emitter) soapArrayItems(t *goType) []jen.Code {
	f := soapArrayField(t)
	if f == nil {
		return nil
	}
	target := jen.Id("v").Dot(f.name)
	if f.ct != nil {
		return []jen.Code{
			target.Clone().Op("=").Append(target.Clone(), jen.Id(f.ct.name).Values()),
			jen.If(jen.Err().Op(":=").Add(target.Clone()).Index(jen.Len(target.Clone()).Op("-").Lit(1)).Dot("decodeXML").Call(jen.Id("d"), jen.Id("c")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		}
	}
	out := []jen.Code{
		jen.List(jen.Id("tb"), jen.Err()).Op(":=").Id("d").Dot("TextBytes").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	out = append(out, g.parseValue(*f.val, jen.Id("tb"), "pv2")...)
	return append(out, g.assignValue(target, *f.val, "pv2", true, false))
}

// partsEncode writes a body of several parts (xsd.Element.Parts): its
// fields' elements one after the other, without an element of its own;
// each gets the namespace declarations the body element would have had
// (server style), since none encloses them.
func (g *emitter) partsEncode(f *jen.File, t *goType) {
	body := []jen.Code{jen.Id("decl").Op(":=").Id("w").Dot("Decl")}
	g.partsDecl = true
	for _, fl := range t.fields {
		body = append(body, jen.Id("w").Dot("Decl").Op("=").Id("decl"), g.encodeField(fl, -1))
	}
	g.partsDecl = false
	body = append(body, jen.Id("w").Dot("Decl").Op("=").Lit(""))
	f.Comment(fmt.Sprintf("encodeXML writes the parts of %s as siblings; ns, local and xsiType are not used.", t.name))
	f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("encodeXML").Params(encParams()...).Block(body...)
}
