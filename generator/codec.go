package generator

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/xsd"
)

// Generated encoders have the signature
//
//	func (v *T) encodeXML(w *xmlWriter, ns int, local string, xsiType bool)
//
// and write one whole element named {ns}local; decoders
//
//	func (v *T) decodeXML(d *xmlDecoder, se *xmlStart) error
//
// read the element whose start tag se the decoder just returned, up to and
// including its end tag.
//
// A decoder of element content is mostly data: a table of the element
// names it reads (elemsOf<T>, xmlField in templates/rt/fields.go) whose
// entries for fields holding a simple value also carry how the runtime
// stores it (a kind, the field's offset, its missing bit; see tableKind
// and templates/rt/tabdec.go), as do the entries of fields of complex
// type and of choice alternatives (kindSub, kindAlt: the field's offset
// and a prototype, static data giving the type to allocate), and a loop
// on the runtime's NextP, which reads those fields itself and returns
// only the elements of the other entries (lists, fields of abstract type,
// names only the profile's departures read) for the decoder's switch. The Go
// compiler then sees one table entry per simple field instead of a case
// with its call and assignment, and decoding is as fast (the work was one
// runtime call per field already).

func (g *emitter) codec(f *jen.File, t *goType) {
	switch t.kind {
	case kStruct:
		if t.anyContent {
			g.anyContentCodec(f, t)
			break
		}
		if g.p.parts[t] {
			g.partsEncode(f, t)
		} else {
			g.structEncode(f, t)
		}
		g.structDecode(f, t)
	case kElemOf:
		f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("encodeXML").Params(encParams()...).Block(
			jen.Parens(jen.Op("*").Id(t.of.name)).Call(jen.Id("v")).Dot("encodeXML").Call(jen.Id("w"), jen.Id("ns"), jen.Id("local"), jen.Id("xsiType")),
		)
		f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("decodeXML").Params(decParams()...).Error().Block(
			jen.Return(jen.Parens(jen.Op("*").Id(t.of.name)).Call(jen.Id("v")).Dot("decodeXML").Call(jen.Id("d"), jen.Id("se"))),
		)
	case kBox:
		g.boxCodec(f, t)
	case kSimple, kList:
		if t.rootName.Local != "" {
			g.simpleElemCodec(f, t)
		}
	case kIface:
		if t.xsdType != nil && t.xsdType.Abstract {
			g.abstractDecodeFunc(f, t)
		}
	}
	if t.rootName.Local != "" && t.kind != kIface && t.kind != kAlias {
		f.Comment(fmt.Sprintf("XMLName returns the element name of %s.", t.name))
		f.Func().Params(jen.Op("*").Id(t.name)).Id("XMLName").Params().Qual("encoding/xml", "Name").Block(
			jen.Return(jen.Qual("encoding/xml", "Name").Values(jen.Dict{jen.Id("Space"): jen.Lit(t.rootName.Space), jen.Id("Local"): jen.Lit(t.rootName.Local)})),
		)
	}
}

func encParams() []jen.Code {
	return []jen.Code{jen.Id("w").Op("*").Id("xmlWriter"), jen.Id("ns").Int(), jen.Id("local").String(), jen.Id("xsiType").Bool()}
}

func decParams() []jen.Code {
	return []jen.Code{jen.Id("d").Op("*").Id("xmlDecoder"), jen.Id("se").Op("*").Id("xmlStart")}
}

// appendText emits statements appending the lexical form of x (of value
// type v) as character data.
func (g *emitter) appendText(v valueRef, x *jen.Statement) jen.Code {
	if v.named != nil && v.named.kind == kList {
		return jen.For(jen.List(jen.Id("i"), jen.Id("it")).Op(":=").Range().Add(x)).Block(
			jen.If(jen.Id("i").Op(">").Lit(0)).Block(jen.Id("w").Dot("Raw").Call(jen.Lit(" "))),
			g.appendText(v.named.base, jen.Id("it")),
		)
	}
	switch v.root() {
	case bBool:
		return jen.Id("w").Dot("Buf").Op("=").Id("xmlAppendBool").Call(jen.Id("w").Dot("Buf"), jen.Bool().Call(x))
	case bInt8, bInt16, bInt32, bInt64:
		return jen.Id("w").Dot("Buf").Op("=").Id("xmlAppendInt").Call(jen.Id("w").Dot("Buf"), jen.Int64().Call(x))
	case bUint8, bUint16, bUint32, bUint64:
		return jen.Id("w").Dot("Buf").Op("=").Id("xmlAppendUint").Call(jen.Id("w").Dot("Buf"), jen.Uint64().Call(x))
	case bFloat32:
		return jen.Id("w").Dot("Buf").Op("=").Id("xmlAppendFloat").Call(jen.Id("w").Dot("Buf"), jen.Float64().Call(x), jen.Lit(32))
	case bFloat64:
		return jen.Id("w").Dot("Buf").Op("=").Id("xmlAppendFloat").Call(jen.Id("w").Dot("Buf"), jen.Float64().Call(x), jen.Lit(64))
	case bBase64:
		return jen.Id("w").Dot("Base64").Call(jen.Index().Byte().Call(x))
	case bHex:
		return jen.Id("w").Dot("Buf").Op("=").Id("xmlAppendHex").Call(jen.Id("w").Dot("Buf"), jen.Index().Byte().Call(x))
	case bDateTime:
		return jen.Id("w").Dot("Buf").Op("=").Id("XSDateTime").Call(x).Dot("AppendXML").Call(jen.Id("w").Dot("Buf"))
	case bDate:
		return jen.Id("w").Dot("Buf").Op("=").Id("XSDate").Call(x).Dot("AppendXML").Call(jen.Id("w").Dot("Buf"))
	case bTime:
		return jen.Id("w").Dot("Buf").Op("=").Id("XSTime").Call(x).Dot("AppendXML").Call(jen.Id("w").Dot("Buf"))
	case bDuration:
		return jen.Id("w").Dot("Buf").Op("=").Id("XSDuration").Call(x).Dot("AppendXML").Call(jen.Id("w").Dot("Buf"))
	case bQName:
		return jen.Id("w").Dot("QName").Call(jen.Id("XSQName").Call(x))
	}
	return jen.Id("w").Dot("Text").Call(jen.String().Call(x))
}

// writeAttr emits statements writing attribute name with value x.
func (g *emitter) writeAttr(a *attrField, x *jen.Statement) jen.Code {
	name := a.xname.Local
	qualified := a.xname.Space != "" && a.xname.Space != xsd.NSXML // written with the prefix of its namespace
	if a.xname.Space == xsd.NSXML {
		name = "xml:" + name
	}
	text := a.val.root() == bString && (a.val.named == nil || a.val.named.kind == kSimple) // Go string underneath
	if qualified && (text || a.val.root() == bDecimal) {
		return jen.Id("w").Dot("AttrQ").Call(g.nsID(a.xname.Space), jen.Lit(name), jen.String().Call(x))
	}
	if text || a.val.root() == bDecimal {
		return jen.Id("w").Dot("Attr").Call(jen.Lit(name), jen.String().Call(x))
	}
	start := jen.Id("w").Dot("AttrStart").Call(jen.Lit(name))
	if qualified {
		start = jen.Id("w").Dot("AttrStartQ").Call(g.nsID(a.xname.Space), jen.Lit(name))
	}
	return jen.Block(
		start,
		g.appendText(a.val, x),
		jen.Id("w").Dot("AttrEnd").Call(),
	)
}

// simpleElem emits statements writing one simple-typed element: one call
// of the runtime (templates/rt/fields.go) except for lists.
func (g *emitter) simpleElem(name xml.Name, v valueRef, x *jen.Statement) jen.Code {
	ns := g.nsID(name.Space)
	if v.named == nil || v.named.kind != kList {
		call := func(m string, args ...jen.Code) jen.Code {
			return jen.Id("w").Dot(m).Call(append([]jen.Code{ns, jen.Lit(name.Local)}, args...)...)
		}
		switch v.root() {
		case bBool:
			return call("BoolElem", jen.Bool().Call(x))
		case bInt8, bInt16, bInt32, bInt64:
			return call("IntElem", jen.Int64().Call(x))
		case bUint8, bUint16, bUint32, bUint64:
			return call("UintElem", jen.Uint64().Call(x))
		case bFloat32:
			return call("FloatElem", jen.Float64().Call(x), jen.Lit(32))
		case bFloat64:
			return call("FloatElem", jen.Float64().Call(x), jen.Lit(64))
		case bBase64:
			return call("Base64Elem", jen.Index().Byte().Call(x))
		case bHex:
			return call("HexElem", jen.Index().Byte().Call(x))
		case bDateTime:
			return call("DateTimeElem", jen.Id("XSDateTime").Call(x))
		case bDate:
			return call("DateElem", jen.Id("XSDate").Call(x))
		case bTime:
			return call("TimeElem", jen.Id("XSTime").Call(x))
		case bDuration:
			return call("DurationElem", jen.Id("XSDuration").Call(x))
		case bQName:
			return call("QNameElem", jen.Id("XSQName").Call(x))
		}
		return call("TextElem", jen.String().Call(x))
	}
	return jen.Block(
		jen.Id("w").Dot("Open").Call(ns, jen.Lit(name.Local)),
		jen.Id("w").Dot("Raw").Call(jen.Lit(">")),
		g.appendText(v, x),
		jen.Id("w").Dot("Close").Call(ns, jen.Lit(name.Local)),
	)
}

// fieldElem emits statements writing one value of a simple-typed element
// field, with its xsi:type when it is an rpc/encoded part accessor.
func (g *emitter) fieldElem(fl *field, v valueRef, x *jen.Statement) jen.Code {
	if fl.xsiType.Local == "" && !g.partsDecl {
		return g.simpleElem(fl.xname, v, x)
	}
	ns := g.nsID(fl.xname.Space)
	end := jen.Id("w").Dot("Raw").Call(jen.Lit(">"))
	if g.partsDecl {
		// a part of a body of several parts: w.Decl goes on its start tag
		end = jen.Id("w").Dot("StartContent").Call()
	}
	return jen.Block(
		jen.Id("w").Dot("Open").Call(ns, jen.Lit(fl.xname.Local)),
		g.xsiTypeField(fl),
		end,
		g.appendText(v, x),
		jen.Id("w").Dot("Close").Call(ns, jen.Lit(fl.xname.Local)),
	)
}

// encodeAlt emits a type switch writing an interface value as its concrete element.
func (g *emitter) encodeAlts(ig *goType, x jen.Code, fallbackName *xml.Name) jen.Code {
	var cases []jen.Code
	for _, a := range ig.alts {
		if !g.kept(a.t) {
			continue
		}
		name := a.name
		xsi := a.xsi
		if xsi && fallbackName != nil {
			name = *fallbackName
		}
		cases = append(cases, jen.Case(jen.Op("*").Id(a.t.name)).Block(
			jen.Id("x").Dot("encodeXML").Call(jen.Id("w"), g.nsID(name.Space), jen.Lit(name.Local), jen.Lit(xsi)),
		))
	}
	if len(cases) == 0 {
		return jen.Null()
	}
	return jen.Switch(jen.Id("x").Op(":=").Add(x).Assert(jen.Type())).Block(cases...)
}

func (g *emitter) structEncode(f *jen.File, t *goType) {
	var body []jen.Code
	body = append(body, g.derivedEncode(t))
	// openT, when set, are the arguments of an OpenT that nothing follows
	// before the content: one call writes both (OpenTContent)
	var openT []jen.Code
	if it := soapArrayItem(t); it.Local != "" {
		body = append(body, jen.Id("w").Dot("Open").Call(jen.Id("ns"), jen.Id("local")), g.soapArrayStmt(t, it))
	} else if hasXSIType(t) {
		openT = []jen.Code{jen.Id("ns"), jen.Id("local"), jen.Id("xsiType").Op("||").Id("v").Dot("xsiType"),
			g.nsID(t.xsdType.Name.Space), jen.Lit(t.xsdType.Name.Local)}
		if _, enc := g.p.encoded[t]; enc || t.nillable || len(t.attrs) > 0 || t.anyAttr || t.text != nil {
			body = append(body, jen.Id("w").Dot("OpenT").Call(openT...))
			openT = nil
		}
	} else {
		body = append(body, jen.Id("w").Dot("Open").Call(jen.Id("ns"), jen.Id("local")))
	}
	body = append(body, g.encodingStyleStmt(t))
	if t.nillable {
		body = append(body, jen.If(jen.Id("v").Dot("XSINil")).Block(
			jen.Id("w").Dot("XSINil").Call(),
			jen.Id("w").Dot("End").Call(jen.Id("w").Dot("StartContent").Call(), jen.Id("ns"), jen.Id("local")),
			jen.Return(),
		))
	}
	trackA, trackF, _ := trackedRequired(t)
	for _, a := range t.attrs {
		x := jen.Id("v").Dot(a.name)
		switch {
		case a.required && zeroInvalid(a.val):
			body = append(body, jen.If(g.nonZero(a.val, x.Clone())).Block(g.writeAttr(a, x)))
		case a.required:
			if k, ok := trackA[a]; ok {
				body = append(body, jen.If(wasRead(k).Op("||").Add(g.nonZero(a.val, x.Clone()))).Block(g.writeAttr(a, x)))
			} else {
				body = append(body, g.writeAttr(a, x))
			}
		case isBytes(a.val):
			body = append(body, jen.If(jen.Id("v").Dot(a.name).Op("!=").Nil()).Block(g.writeAttr(a, x)))
		case zeroInvalid(a.val):
			body = append(body, jen.If(jen.Id("v").Dot(a.name).Op("!=").Nil().Op("&&").Add(g.nonZero(a.val, jen.Op("*").Id("v").Dot(a.name)))).Block(g.writeAttr(a, jen.Op("*").Id("v").Dot(a.name))))
		default:
			body = append(body, jen.If(jen.Id("v").Dot(a.name).Op("!=").Nil()).Block(g.writeAttr(a, jen.Op("*").Id("v").Dot(a.name))))
		}
	}
	if t.anyAttr {
		body = append(body, jen.Id("w").Dot("AnyAttrs").Call(jen.Id("v").Dot("AnyAttrs")))
	}
	if t.text != nil {
		body = append(body, jen.Id("w").Dot("UnknownAttrs").Call(jen.Id("v").Dot("XSUnknown")))
		body = append(body, jen.Id("m").Op(":=").Id("w").Dot("StartContent").Call())
		body = append(body, g.appendText(*t.text, jen.Id("v").Dot(t.textName)))
	} else {
		// unknown attributes, end of the start tag, unknown nodes first
		if openT != nil {
			body = append(body, jen.Id("m").Op(":=").Id("w").Dot("OpenTContent").Call(append(openT, jen.Id("v").Dot("XSUnknown"))...))
		} else {
			body = append(body, jen.Id("m").Op(":=").Id("w").Dot("Content").Call(jen.Id("v").Dot("XSUnknown")))
		}
	}
	if t.mixedText != "" {
		body = append(body, jen.Id("w").Dot("Text").Call(jen.Id("v").Dot(t.mixedText)))
	}
	if stmts, ok := g.fieldsTable(f, t); ok {
		body = append(body, stmts...)
		f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("encodeXML").Params(encParams()...).Block(body...)
		return
	}
	// The unknown content kept after a field is written by the call that
	// writes the field (the U forms, templates/rt/fields.go) where there is
	// one, and after the last field by the call that ends the element.
	for i, fl := range t.fields {
		k, ok := trackF[fl]
		if !ok {
			k = -1
		}
		fl = g.onWire(t, fl)
		last := i == len(t.fields)-1
		if name, args, ok := g.oneCallField(fl); ok && !last {
			body = append(body, jen.Id("w").Dot(name+"U").Call(append(args, jen.Id("v").Dot("XSUnknown"), jen.Lit(i+1))...))
			continue
		}
		if fl.ct != nil && fl.ct.kind != kIface && !fl.repeated && !fl.any && fl.iface == nil && !(fl.xsiType.Local != "" && hasXSIType(fl.ct)) && !last {
			// an optional element of complex type: ElemU
			x := jen.Id("v").Dot(fl.name)
			body = append(body, jen.Id("w").Dot("ElemU").Call(x.Clone().Op("!=").Nil(), x.Clone(), g.nsID(fl.xname.Space), jen.Lit(fl.xname.Local), jen.Id("v").Dot("XSUnknown"), jen.Lit(i+1)))
			continue
		}
		body = append(body, g.encodeField(fl, k))
		if !last {
			body = append(body, unknownAt(i+1))
		}
	}
	if len(t.fields) > 0 {
		body = append(body, jen.Id("w").Dot("EndU").Call(jen.Id("m"), jen.Id("ns"), jen.Id("local"), jen.Id("v").Dot("XSUnknown"), jen.Lit(len(t.fields))))
	} else {
		body = append(body, jen.Id("w").Dot("End").Call(jen.Id("m"), jen.Id("ns"), jen.Id("local")))
	}
	f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("encodeXML").Params(encParams()...).Block(body...)
}

// Element fields through a table
//
// The element fields of a struct with at least one field the runtime can
// write itself are written from a static table (templates/rt/tabenc.go,
// which describes the scheme): the generator emits, before the encoder,
// one entry per field in order
//
//	var encOfT = []xmlEncField{
//		{unsafe.Offsetof(T{}.Field), "Local", nsX, xmlEncPText, 0},
//		...
//	}
//
// whose kind (fieldKind) says how the Go field is held and when it is
// written, and the encoder calls w.Fields with the struct's address. The
// simple kinds (optional and required strings, booleans, 32- and 64-bit
// integers, float64, xs:dateTime, base64 bytes) are written by the runtime
// without generated code; for the other fields (complex types, choices,
// repeated fields, xsi:nil and xsi:type fields, lists, the other scalar
// types) Fields returns the field's index and a case of the encoder's
// switch writes it with the code encodeField emits, then the loop calls
// Fields again (a repeated element of complex type is one encodeXML loop,
// genField; a single one is assigned to e, which the next Fields call
// writes, so that the case is one assignment). The kinds xmlEncGenPtr,
// xmlEncGenSlice and xmlEncGenIface name fields the case writes nothing
// for when the pointer, slice or interface is nil, so Fields skips them
// there without entering the switch. The unknown content kept after each
// field is written by Fields in place, and the bytes are those the
// field-by-field encoder (below) writes, which the other structs keep.

// fieldsTable emits t's table (see above) into f and returns the
// statements of its encoder writing the element fields and the end tag,
// after the start tag whose mark is m. It reports false, emitting nothing,
// for the structs written field by field: those of text content, mixed
// content, SOAP arrays and the parts of a body, and those without a field
// the runtime writes itself (a struct of one element of complex type, say),
// whose encoder the table would make larger and no faster.
func (g *emitter) fieldsTable(f *jen.File, t *goType) ([]jen.Code, bool) {
	if len(t.fields) == 0 || t.text != nil || t.mixedText != "" || soapArrayItem(t).Local != "" || g.partsDecl {
		return nil, false
	}
	_, trackF, nTrack := trackedRequired(t)
	simple := false
	for _, fl := range t.fields {
		k, ok := trackF[fl]
		if !ok {
			k = -1
		}
		if kind, _ := g.fieldKind(g.onWire(t, fl), k); !strings.HasPrefix(kind, "xmlEncGen") {
			simple = true
		}
	}
	if !simple {
		return nil, false
	}
	table := "encOf" + t.name
	var entries, cases []jen.Code
	handed := false // a case hands a value over to Fields (e)
	for i, fl := range t.fields {
		k, ok := trackF[fl]
		if !ok {
			k = -1
		}
		fl = g.onWire(t, fl)
		kind, bit := g.fieldKind(fl, k)
		entries = append(entries, jen.Values(
			jen.Qual("unsafe", "Offsetof").Call(jen.Id(t.name).Values().Dot(fl.name)),
			jen.Lit(fl.xname.Local), g.nsID(fl.xname.Space), jen.Id(kind), jen.Lit(bit)))
		if strings.HasPrefix(kind, "xmlEncGen") {
			if kind == "xmlEncGenPtr" && g.handedOver(fl) {
				// written by the next Fields call
				cases = append(cases, jen.Case(jen.Lit(i)).Block(jen.Id("e").Op("=").Id("v").Dot(fl.name)))
				handed = true
				continue
			}
			cases = append(cases, jen.Case(jen.Lit(i)).Block(g.genField(fl, kind, k)))
		}
	}
	f.Commentf("%s lists the element fields of %s for its encoder (xmlEncField).", table, t.name)
	f.Var().Id(table).Op("=").Index().Id("xmlEncField").Values(listLines(entries)...)
	missing := jen.Lit(0)
	if nTrack > 0 {
		missing = jen.Id("v").Dot("missing")
	}
	call := func(after, e jen.Code) *jen.Statement {
		return jen.Id("w").Dot("Fields").Call(jen.Qual("unsafe", "Pointer").Call(jen.Id("v")), jen.Id(table), jen.Id("v").Dot("XSUnknown"), missing, after, e)
	}
	var out []jen.Code
	switch {
	case len(cases) == 0:
		out = append(out, call(jen.Lit(-1), jen.Nil()))
	case handed:
		out = append(out, jen.Var().Id("e").Id("xmlElem"), jen.For(
			jen.Id("i").Op(":=").Add(call(jen.Lit(-1), jen.Nil())),
			jen.Id("i").Op(">=").Lit(0),
			jen.Id("i").Op("=").Add(call(jen.Id("i"), jen.Id("e"))),
		).Block(jen.Id("e").Op("=").Nil(), jen.Switch(jen.Id("i")).Block(cases...)))
	default:
		out = append(out, jen.For(
			jen.Id("i").Op(":=").Add(call(jen.Lit(-1), jen.Nil())),
			jen.Id("i").Op(">=").Lit(0),
			jen.Id("i").Op("=").Add(call(jen.Id("i"), jen.Nil())),
		).Block(jen.Switch(jen.Id("i")).Block(cases...)))
	}
	return append(out, jen.Id("w").Dot("End").Call(jen.Id("m"), jen.Id("ns"), jen.Id("local"))), true
}

// fieldKind returns the table kind of field fl (an xmlEnc* constant of
// templates/rt/tabenc.go) and its missing bit; tracked is its bit in the
// struct's missing field, or -1. It follows encodeField: a field the
// runtime writes itself gets a kind writing the same bytes, any other one
// an xmlEncGen* kind.
func (g *emitter) fieldKind(fl *field, tracked int) (string, int) {
	switch {
	case fl.any || fl.iface != nil || fl.ct != nil:
		switch {
		case fl.repeated:
			return "xmlEncGenSlice", 0
		case fl.iface != nil || fl.ct != nil && fl.ct.kind == kIface:
			return "xmlEncGenIface", 0
		}
		return "xmlEncGenPtr", 0
	case fl.nilField != "":
		return "xmlEncGen", 0
	case fl.repeated:
		return "xmlEncGenSlice", 0
	}
	v := *fl.val
	if fl.xsiType.Local != "" || g.partsDecl {
		if fl.optional && !isBytes(v) {
			return "xmlEncGenPtr", 0
		}
		return "xmlEncGen", 0
	}
	if isBytes(v) {
		if v.root() == bBase64 {
			return "xmlEncBase64", 0
		}
		return "xmlEncGen", 0
	}
	zi := zeroInvalid(v)
	if fl.optional {
		if m := g.optElem(v, zi); m != "" {
			return "xmlEnc" + strings.Replace(m, "Elem", "", 1), 0 // PTextElemNZ: xmlEncPTextNZ
		}
		return "xmlEncGenPtr", 0
	}
	rep, ok := g.plainRep(v)
	if !ok {
		return "xmlEncGen", 0
	}
	switch {
	case zi:
		if rep == bString {
			return "xmlEncTextNZ", 0
		}
		return "xmlEncGen", 0
	case tracked >= 0:
		return "xmlEnc" + plainKinds[rep] + "Tracked", tracked
	}
	return "xmlEnc" + plainKinds[rep], 0
}

// plainKinds names the table kinds of required values by their Go type.
var plainKinds = map[builtin]string{bString: "Text", bBool: "Bool", bInt32: "Int32", bInt64: "Int64"}

// plainRep returns the Go type of a value of v when it is one the table
// writes held by value (plainKinds): v's underlying type is that type
// itself.
func (g *emitter) plainRep(v valueRef) (builtin, bool) {
	r := v.root()
	if _, ok := plainKinds[r]; !ok || !overSimple(v) {
		return 0, false
	}
	return r, true
}

// overSimple reports whether v is a built-in type or simple types (not
// lists or unions) over one: a Go value with the built-in's representation.
func overSimple(v valueRef) bool {
	for x := v; x.named != nil; x = x.named.base {
		if x.named.kind != kSimple {
			return false
		}
	}
	return true
}

// handedOver reports whether field fl, of table kind xmlEncGenPtr, is a
// single element of complex type written without xsi:type, which the case
// of a table encoder hands over to the next Fields call (see fieldsTable).
func (g *emitter) handedOver(fl *field) bool {
	return fl.ct != nil && fl.ct.kind != kIface && !fl.any && fl.iface == nil && !fl.repeated &&
		!(fl.xsiType.Local != "" && hasXSIType(fl.ct))
}

// genField emits the case writing field fl of table kind kind in a table
// encoder: encodeField's statements, but for a single or repeated element
// of complex type, whose presence the table already checked (xmlEncGenPtr,
// xmlEncGenSlice), the encodeXML calls alone.
func (g *emitter) genField(fl *field, kind string, tracked int) jen.Code {
	if fl.ct != nil && fl.ct.kind != kIface && !fl.any && fl.iface == nil {
		x := jen.Id("v").Dot(fl.name)
		call := func(e jen.Code) jen.Code {
			return jen.Add(e).Dot("encodeXML").Call(jen.Id("w"), g.nsID(fl.xname.Space), jen.Lit(fl.xname.Local), jen.Lit(fl.xsiType.Local != "" && hasXSIType(fl.ct)))
		}
		switch kind {
		case "xmlEncGenPtr":
			return call(x)
		case "xmlEncGenSlice":
			return jen.For(jen.Id("j").Op(":=").Range().Add(x)).Block(call(x.Clone().Index(jen.Id("j"))))
		}
	}
	return g.encodeField(fl, tracked)
}

// encodeField emits statements writing field fl; tracked is its bit in the
// struct's missing field, or -1.
func (g *emitter) encodeField(fl *field, tracked int) jen.Code {
	x := jen.Id("v").Dot(fl.name)
	switch {
	case fl.any:
		if fl.repeated {
			return jen.For(jen.Id("i").Op(":=").Range().Add(x)).Block(
				jen.Id("w").Dot("Buf").Op("=").Add(x).Index(jen.Id("i")).Dot("AppendXML").Call(jen.Id("w").Dot("Buf")),
			)
		}
		return jen.If(x.Clone().Op("!=").Nil()).Block(jen.Id("w").Dot("Buf").Op("=").Add(x.Clone()).Dot("AppendXML").Call(jen.Id("w").Dot("Buf")))
	case fl.iface != nil:
		if fl.repeated {
			return jen.For(jen.List(jen.Id("_"), jen.Id("it")).Op(":=").Range().Add(x)).Block(g.encodeAlts(fl.iface, jen.Id("it"), nil))
		}
		return jen.If(x.Clone().Op("!=").Nil()).Block(g.encodeAlts(fl.iface, x.Clone(), nil))
	case fl.ct != nil && fl.ct.kind == kIface:
		n := fl.xname
		if fl.repeated {
			return jen.For(jen.List(jen.Id("_"), jen.Id("it")).Op(":=").Range().Add(x)).Block(g.encodeAlts(fl.ct, jen.Id("it"), &n))
		}
		return jen.If(x.Clone().Op("!=").Nil()).Block(g.encodeAlts(fl.ct, x.Clone(), &n))
	case fl.ct != nil:
		call := func(e jen.Code) jen.Code {
			return jen.Add(e).Dot("encodeXML").Call(jen.Id("w"), g.nsID(fl.xname.Space), jen.Lit(fl.xname.Local), jen.Lit(fl.xsiType.Local != "" && hasXSIType(fl.ct)))
		}
		if fl.repeated {
			return jen.For(jen.Id("i").Op(":=").Range().Add(x)).Block(call(x.Clone().Index(jen.Id("i"))))
		}
		return jen.If(x.Clone().Op("!=").Nil()).Block(call(x.Clone()))
	}
	v := *fl.val
	if fl.nilField != "" {
		ns := g.nsID(fl.xname.Space)
		return jen.If(jen.Id("v").Dot(fl.nilField)).Block(
			jen.Id("w").Dot("Open").Call(ns, jen.Lit(fl.xname.Local)),
			jen.Id("w").Dot("XSINil").Call(),
			jen.Id("w").Dot("Raw").Call(jen.Lit("/>")),
		).Else().Block(g.encodeSimpleField(fl, v, x, tracked))
	}
	return g.encodeSimpleField(fl, v, x, tracked)
}

// encodeSimpleField writes a simple-typed element field. A value whose type
// has no valid zero is not written while zero; a tracked required field is
// not written while it was missing when read and is still zero.
func (g *emitter) encodeSimpleField(fl *field, v valueRef, x *jen.Statement, tracked int) jen.Code {
	zi := zeroInvalid(v)
	switch {
	case fl.repeated:
		elem := g.fieldElem(fl, v, jen.Id("it"))
		if zi {
			elem = jen.If(g.nonZero(v, jen.Id("it"))).Block(elem)
		}
		return jen.For(jen.List(jen.Id("_"), jen.Id("it")).Op(":=").Range().Add(x)).Block(elem)
	case isBytes(v):
		return jen.If(x.Clone().Op("!=").Nil()).Block(g.fieldElem(fl, v, x.Clone()))
	case fl.optional && fl.xsiType.Local == "" && !g.partsDecl && g.optElem(v, zi) != "":
		// one call, the nil check included
		return jen.Id("w").Dot(g.optElem(v, zi)).Call(g.nsID(fl.xname.Space), jen.Lit(fl.xname.Local),
			jen.Parens(jen.Op("*").Add(g.valueType(valueRef{b: v.root()}))).Call(x.Clone()))
	case fl.optional && zi:
		return jen.If(x.Clone().Op("!=").Nil().Op("&&").Add(g.nonZero(v, jen.Op("*").Add(x.Clone())))).Block(g.fieldElem(fl, v, jen.Op("*").Add(x.Clone())))
	case fl.optional:
		return jen.If(x.Clone().Op("!=").Nil()).Block(g.fieldElem(fl, v, jen.Op("*").Add(x.Clone())))
	case zi:
		return jen.If(g.nonZero(v, x.Clone())).Block(g.fieldElem(fl, v, x))
	case tracked >= 0:
		return jen.If(wasRead(tracked).Op("||").Add(g.nonZero(v, x.Clone()))).Block(g.fieldElem(fl, v, x))
	}
	return g.fieldElem(fl, v, x)
}

// oneCallField returns the runtime method and its arguments when field fl
// is written in one call (an optional simple value, see optElem).
func (g *emitter) oneCallField(fl *field) (string, []jen.Code, bool) {
	if fl.val == nil || fl.any || fl.ct != nil || fl.iface != nil || fl.nilField != "" || fl.repeated {
		return "", nil, false
	}
	v := *fl.val
	if isBytes(v) || !fl.optional || fl.xsiType.Local != "" || g.partsDecl {
		return "", nil, false
	}
	name := g.optElem(v, zeroInvalid(v))
	if name == "" {
		return "", nil, false
	}
	return name, []jen.Code{g.nsID(fl.xname.Space), jen.Lit(fl.xname.Local),
		jen.Parens(jen.Op("*").Add(g.valueType(valueRef{b: v.root()}))).Call(jen.Id("v").Dot(fl.name))}, true
}

// optElem returns the runtime method writing an optional field of v in one
// call (templates/rt/fields.go), or "" when there is none; zi is
// zeroInvalid(v).
func (g *emitter) optElem(v valueRef, zi bool) string {
	if _, ok := g.boxMethod(v); !ok {
		return "" // not a base type underneath
	}
	switch v.root() {
	case bString:
		if zi {
			return "PTextElemNZ"
		}
		return "PTextElem"
	case bDateTime:
		if zi {
			return "PDateTimeElemNZ"
		}
		return "PDateTimeElem"
	}
	if zi {
		return ""
	}
	switch v.root() {
	case bBool:
		return "PBoolElem"
	case bInt32:
		return "PInt32Elem"
	case bInt64:
		return "PInt64Elem"
	case bFloat64:
		return "PFloat64Elem"
	}
	return ""
}

// parseValue emits statements that parse the bytes in src into a new
// variable dst of value type v (returning d.Wrap(err) on a bad value).
func (g *emitter) parseValue(v valueRef, src jen.Code, dst string) []jen.Code {
	goT := g.valueType(v)
	wrapErr := jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("d").Dot("Wrap").Call(jen.Err())))
	if v.named != nil && v.named.kind == kList {
		item := v.named.base
		return []jen.Code{
			jen.Var().Id(dst).Add(goT),
			jen.For(jen.List(jen.Id("_"), jen.Id("fld")).Op(":=").Range().Qual("bytes", "Fields").Call(src)).Block(
				append(g.parseValue(item, jen.Id("fld"), "it"), jen.Id(dst).Op("=").Append(jen.Id(dst), jen.Id("it")))...,
			),
		}
	}
	conv := func(fn string, args ...jen.Code) []jen.Code {
		return []jen.Code{
			jen.List(jen.Id("p0"), jen.Err()).Op(":=").Id(fn).Call(args...),
			wrapErr,
			jen.Id(dst).Op(":=").Add(goT).Call(jen.Id("p0")),
		}
	}
	switch v.root() {
	case bBool:
		return conv("xmlParseBool", src)
	case bInt8:
		return conv("xmlParseInt", src, jen.Lit(8))
	case bInt16:
		return conv("xmlParseInt", src, jen.Lit(16))
	case bInt32:
		return conv("xmlParseInt", src, jen.Lit(32))
	case bInt64:
		return conv("xmlParseInt", src, jen.Lit(64))
	case bUint8:
		return conv("xmlParseUint", src, jen.Lit(8))
	case bUint16:
		return conv("xmlParseUint", src, jen.Lit(16))
	case bUint32:
		return conv("xmlParseUint", src, jen.Lit(32))
	case bUint64:
		return conv("xmlParseUint", src, jen.Lit(64))
	case bFloat32:
		return conv("xmlParseFloat", src, jen.Lit(32))
	case bFloat64:
		return conv("xmlParseFloat", src, jen.Lit(64))
	case bBase64:
		return conv("xmlParseBase64", src)
	case bHex:
		return conv("xmlParseHex", src)
	case bDateTime:
		return conv("XSParseDateTime", jen.String().Call(src))
	case bDate:
		return conv("XSParseDate", jen.String().Call(src))
	case bTime:
		return conv("XSParseTime", jen.String().Call(src))
	case bDuration:
		return conv("XSParseDuration", jen.String().Call(src))
	case bDecimal:
		return conv("XSParseDecimal", jen.String().Call(src))
	case bQName:
		return []jen.Code{
			jen.List(jen.Id("p0"), jen.Err()).Op(":=").Id("d").Dot("QName").Call(jen.String().Call(src)),
			wrapErr,
			jen.Id(dst).Op(":=").Add(goT).Call(jen.Id("p0")),
		}
	}
	return []jen.Code{jen.Id(dst).Op(":=").Add(goT).Call(jen.Id("d").Dot("Str").Call(src))}
}

// textValue returns the expression reading the text of the current element
// (as the runtime type of v's base type: string, bool, int64, uint64,
// float64, XSDateTime...) through one runtime call (templates/rt/fields.go), which
// keeps an error for the next d.Elem; nil for lists.
func (g *emitter) textValue(v valueRef) *jen.Statement {
	if v.named != nil && v.named.kind == kList {
		return nil
	}
	call := func(m string, args ...jen.Code) *jen.Statement {
		return jen.Id("d").Dot(m).Call(args...)
	}
	switch v.root() {
	case bBool:
		return call("TextBool")
	case bInt8:
		return call("TextInt", jen.Lit(8))
	case bInt16:
		return call("TextInt", jen.Lit(16))
	case bInt32:
		return call("TextInt", jen.Lit(32))
	case bInt64:
		return call("TextInt", jen.Lit(64))
	case bUint8:
		return call("TextUint", jen.Lit(8))
	case bUint16:
		return call("TextUint", jen.Lit(16))
	case bUint32:
		return call("TextUint", jen.Lit(32))
	case bUint64:
		return call("TextUint", jen.Lit(64))
	case bFloat32:
		return call("TextFloat", jen.Lit(32))
	case bFloat64:
		return call("TextFloat", jen.Lit(64))
	case bBase64:
		return call("TextBase64")
	case bHex:
		return call("TextHex")
	case bDateTime:
		return call("TextDateTime")
	case bDate:
		return call("TextDate")
	case bTime:
		return call("TextTime")
	case bDuration:
		return call("TextDuration")
	case bDecimal:
		return call("TextDecimal")
	case bQName:
		return call("TextQName")
	}
	return call("TextStr")
}

// usesErr reports whether parseValue declares err.
func usesErr(v valueRef) bool {
	if v.named != nil && v.named.kind == kList {
		return usesErr(v.named.base)
	}
	return v.root() != bString
}

// assign stores a decoded value into a field.
func assign(target *jen.Statement, val jen.Code, repeated, pointer bool) jen.Code {
	switch {
	case repeated:
		return target.Clone().Op("=").Append(target.Clone(), val)
	case pointer:
		return target.Clone().Op("=").Op("&").Add(val)
	}
	return target.Clone().Op("=").Add(val)
}

func (g *emitter) structDecode(f *jen.File, t *goType) {
	parts := g.p.parts[t] // a body of several parts: se is the first part
	var body []jen.Code
	if !parts {
		body = g.derivedDecode(t)
	}
	trackA, trackF, nTrack := trackedRequired(t)
	if nTrack > 0 {
		body = append(body, jen.Id("v").Dot("missing").Op("=").Lit(1).Op("<<").Lit(nTrack).Op("-").Lit(1))
	}
	// attributes
	unknownAttr := jen.Id("d").Dot("UnknownAttr").Call(jen.Id("se"), jen.Id("a"), jen.Op("&").Id("v").Dot("XSUnknown"))
	attrs := jen.Id("d").Dot("Attrs").Call(jen.Id("se"), jen.Op("&").Id("v").Dot("XSUnknown"))
	if parts {
		// no attributes of its own
	} else if len(t.attrs) == 0 && !t.anyAttr && !hasXSIType(t) {
		body = append(body, attrs) // xsi:type is not kept
	} else if len(t.attrs) == 0 && !t.anyAttr {
		body = append(body, jen.Id("v").Dot("xsiType").Op("=").Add(attrs))
	} else if entries := g.attrEntries(t, trackA); entries != nil && !t.anyAttr {
		// the runtime reads them by a table (AttrsP, templates/rt/tabattr.go)
		table := "attrsOf" + t.name
		f.Commentf("%s names the attributes %s.decodeXML reads (AttrsP).", table, t.name)
		f.Var().Id(table).Op("=").Index().Id("xmlAttrField").Values(listLines(entries)...)
		miss := jen.Nil()
		if nTrack > 0 {
			miss = jen.Op("&").Id("v").Dot("missing")
		}
		call := jen.Id("d").Dot("AttrsP").Call(jen.Id("se"), jen.Qual("unsafe", "Pointer").Call(jen.Id("v")), miss, jen.Op("&").Id("v").Dot("XSUnknown"), jen.Id(table))
		if hasXSIType(t) {
			body = append(body, jen.Id("v").Dot("xsiType").Op("=").Add(call))
		} else {
			body = append(body, call) // xsi:type is not kept
		}
	} else {
		byNS := map[string][]jen.Code{}
		var nsOrder []string
		if hasXSIType(t) {
			nsOrder = append(nsOrder, xsd.NSXSI)
			byNS[xsd.NSXSI] = []jen.Code{jen.Case(jen.Lit("type")).Block(jen.Id("v").Dot("xsiType").Op("=").True(), jen.Continue())}
		}
		for _, a := range t.attrs {
			sp := a.xname.Space
			if _, ok := byNS[sp]; !ok {
				nsOrder = append(nsOrder, sp)
			}
			var stmts []jen.Code
			if k, ok := trackA[a]; ok {
				stmts = append(stmts, jen.Id("v").Dot("missing").Op("&^=").Add(missingBit(k)))
			}
			if a.val.root() == bString && (a.val.named == nil || a.val.named.kind == kSimple) {
				stmts = append(stmts, jen.Id("pa").Op(":=").Add(g.valueType(a.val)).Call(jen.Id("d").Dot("AttrStr").Call(jen.Id("a"))))
			} else {
				stmts = append(stmts, g.parseValue(a.val, jen.Id("xmlwAttrBytes").Call(jen.Id("d"), jen.Id("a")), "pa")...)
			}
			stmts = append(stmts, g.assignValue(jen.Id("v").Dot(a.name), a.val, "pa", false, !a.required && !isBytes(a.val)))
			stmts = append(stmts, jen.Continue())
			byNS[sp] = append(byNS[sp], jen.Case(jen.Lit(a.xname.Local)).Block(stmts...))
		}
		var nsCases []jen.Code
		for _, sp := range nsOrder {
			nsCases = append(nsCases, jen.Case(g.nsID(sp)).Block(jen.Switch(jen.String().Call(jen.Id("a").Dot("Local"))).Block(byNS[sp]...)))
		}
		loop := []jen.Code{jen.Id("a").Op(":=").Op("&").Id("se").Dot("Attrs").Index(jen.Id("i"))}
		if len(nsCases) > 0 {
			loop = append(loop, jen.Switch(jen.Id("a").Dot("NS")).Block(nsCases...))
		}
		if t.anyAttr {
			loop = append(loop, jen.Id("v").Dot("AnyAttrs").Op("=").Append(jen.Id("v").Dot("AnyAttrs"), jen.Id("xmlwAnyAttr").Call(jen.Id("d"), jen.Id("a"))))
		} else {
			loop = append(loop, unknownAttr)
		}
		body = append(body, jen.For(jen.Id("i").Op(":=").Range().Id("se").Dot("Attrs")).Block(loop...))
	}
	if t.nillable && !parts {
		body = append(body, jen.If(jen.Id("xmlwIsNil").Call(jen.Id("d"), jen.Id("se"), jen.Id("nsXsi"))).Block(
			jen.Id("v").Dot("XSINil").Op("=").True(),
			jen.Return(jen.Id("d").Dot("Skip").Call()),
		))
	}
	if t.text != nil {
		body = append(body, jen.List(jen.Id("tb"), jen.Err()).Op(":=").Id("d").Dot("TextBytes").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())))
		body = append(body, g.parseValue(*t.text, jen.Id("tb"), "tv")...)
		body = append(body, jen.Id("v").Dot(t.textName).Op("=").Id("tv"), jen.Return(jen.Nil()))
		f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("decodeXML").Params(decParams()...).Error().Block(body...)
		return
	}
	// element content
	// The names are looked up in a table (elemsOf<T>, in field order) by
	// the runtime (Field, templates/rt/fields.go), which also sets at; the
	// decoder switches on the index. In the common case (the loop is the
	// runtime's NextP, templates/rt/tabdec.go) an entry of a field holding
	// a simple value in a representation the runtime knows (tableKind)
	// also carries its kind, its offset and its missing bit: the runtime
	// stores the value itself and the switch has no case for it, so the
	// compiler sees a table entry instead of a case.
	var entries []tabEntry
	var cases []jen.Code
	swap := false
	curAt := 0 // the number of declared fields up to the one being read
	addEntry := func(n xml.Name, stmts []jen.Code, kind string, fl *field, bit int) {
		swap = swap || g.swapsNS(n.Space)
		cases = append(cases, jen.Case(jen.Lit(len(entries))).Block(stmts...))
		entries = append(entries, tabEntry{name: n, at: curAt, kind: kind, field: fl, bit: bit})
	}
	addCase := func(n xml.Name, stmts []jen.Code) { addEntry(n, stmts, "", nil, 0) }
	// exactSkip, filled once the default case is known, reads an element
	// under a name only the profile's departures accept as unknown content
	// when decoding schema-exact.
	exactSkip := &jen.Statement{}
	seen := map[xml.Name]bool{}
	var anyField *field
	var wildField *field // a repeating choice with an xs:any alternative
	var wildAlt *goType
	for fi, fl := range t.fields {
		curAt = fi + 1
		target := jen.Id("v").Dot(fl.name)
		switch {
		case fl.any:
			if anyField == nil {
				anyField = fl
			}
		case fl.iface != nil:
			for _, a := range fl.iface.alts {
				if a.t.wild && g.kept(a.t) && wildField == nil {
					wildField, wildAlt = fl, a.t
				}
				if !g.kept(a.t) || a.t.wild || seen[a.name] {
					continue
				}
				seen[a.name] = true
				// the runtime reads the alternative itself (xmlKAlt, xmlKAlts)
				kind := kindAlt
				if fl.repeated {
					kind = kindAlts
				}
				addEntry(a.name, []jen.Code{
					jen.Id("x").Op(":=").New(jen.Id(a.t.name)),
					sub(jen.Id("x")),
					assign(target, jen.Id("x"), fl.repeated, false),
				}, kind, fl, 0)
				entries[len(entries)-1].alt = a.t
			}
		case fl.ct != nil && fl.ct.kind == kIface:
			if seen[fl.xname] {
				continue
			}
			seen[fl.xname] = true
			addCase(fl.xname, []jen.Code{
				jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("dec"+fl.ct.name).Call(jen.Id("d"), jen.Id("c")),
				keep(jen.Err()),
				assign(target, jen.Id("x"), fl.repeated, false),
			})
		case fl.ct != nil:
			if seen[fl.xname] {
				continue
			}
			seen[fl.xname] = true
			names := []xml.Name{fl.xname}
			if n, ok := g.wireName(t, fl); ok && !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
			for _, n := range names {
				var guard []jen.Code
				if n != fl.xname {
					// the name Exchange writes: not read schema-exact
					guard = []jen.Code{jen.If(jen.Id("d").Dot("SchemaExact").Call()).Block(exactSkip, jen.Continue())}
				}
				// the runtime reads the field itself (xmlKSub, xmlKSubs)
				// unless the case does more than the one Sub call
				kind := ""
				if fl.repeated {
					if guard == nil {
						kind = kindSubs
					}
					addEntry(n, append(guard,
						target.Clone().Op("=").Append(target.Clone(), jen.Id(fl.ct.name).Values()),
						sub(jen.Op("&").Add(target.Clone()).Index(jen.Len(target.Clone()).Op("-").Lit(1))),
					), kind, fl, 0)
				} else {
					stmts := append(guard,
						target.Clone().Op("=").New(jen.Id(fl.ct.name)),
						sub(target.Clone()),
					)
					if fl.xsiType.Local != "" && hasXSIType(fl.ct) {
						// an encoded accessor's xsi:type is the encoding's, not the value's
						stmts = append(stmts, target.Clone().Dot("xsiType").Op("=").False())
					} else if guard == nil {
						kind = kindSub
					}
					addEntry(n, stmts, kind, fl, 0)
				}
			}
		default:
			if seen[fl.xname] {
				continue
			}
			seen[fl.xname] = true
			var stmts []jen.Code
			bit := 0
			if k, ok := trackF[fl]; ok {
				bit = k + 1
				stmts = append(stmts, jen.Id("v").Dot("missing").Op("&^=").Add(missingBit(k)))
			}
			if fl.nilField != "" {
				stmts = append(stmts, jen.If(jen.Id("xmlwIsNil").Call(jen.Id("d"), jen.Id("c"), jen.Id("nsXsi"))).Block(
					jen.Id("v").Dot(fl.nilField).Op("=").True(),
					jen.If(jen.Err().Op(":=").Id("d").Dot("Skip").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
					jen.Continue(),
				))
			}
			if e := g.textValue(*fl.val); e != nil {
				// one call; an error is returned by the next d.Elem
				stmts = append(stmts, g.assignText(target, *fl.val, e, fl.repeated, fl.optional && !isBytes(*fl.val)))
			} else {
				stmts = append(stmts,
					jen.List(jen.Id("tb"), jen.Err()).Op(":=").Id("d").Dot("TextBytes").Call(),
					jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
				)
				stmts = append(stmts, g.parseValue(*fl.val, jen.Id("tb"), "pv2")...)
				stmts = append(stmts, g.assignValue(target, *fl.val, "pv2", fl.repeated, fl.optional && !isBytes(*fl.val)))
			}
			addEntry(fl.xname, stmts, tableKind(fl), fl, bit)
		}
	}
	if !parts && t.mixedText == "" && anyField == nil && wildField == nil && len(entries) > 0 && g.soapArrayItems(t) == nil {
		// the loop is the runtime's (NextP): the decoder is a switch on
		// the index of the element read, for the entries without a kind
		exactSkip.Add(keep(jen.Id("d").Dot("Unknown").Call(jen.Id("c"), jen.Op("&").Id("v").Dot("XSUnknown"), jen.Id("at"))))
		table := "elemsOf" + t.name
		f.Commentf("%s names the elements %s.decodeXML reads; NextP reads those of an entry with a kind.", table, t.name)
		f.Var().Id(table).Op("=").Index().Id("xmlField").Values(listLines(g.tableEntries(t, entries, true))...)
		var left []jen.Code // the cases of the entries without a kind
		for i, e := range entries {
			if e.kind == "" {
				left = append(left, cases[i])
			}
		}
		miss := jen.Nil()
		if nTrack > 0 {
			miss = jen.Op("&").Id("v").Dot("missing")
		}
		args := []jen.Code{jen.Qual("unsafe", "Pointer").Call(jen.Id("v")), miss, jen.Op("&").Id("v").Dot("XSUnknown"), jen.Id(table), jen.Op("&").Id("at")}
		body = append(body, jen.Id("at").Op(":=").Lit(0))
		if len(left) == 0 {
			// every element is the runtime's to read
			body = append(body, jen.Id("d").Dot("NextP").Call(args...), jen.Return(jen.Id("d").Dot("Err").Call()))
		} else {
			cv := jen.Id("c")
			if !usesID(left, "c") {
				cv = jen.Id("_")
			}
			body = append(body, jen.For().Block(
				jen.List(cv, jen.Id("i")).Op(":=").Id("d").Dot("NextP").Call(args...),
				jen.Switch(jen.Id("i")).Block(append(left, jen.Default().Block(jen.Return(jen.Id("d").Dot("Err").Call())))...),
			))
		}
		f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("decodeXML").Params(decParams()...).Error().Block(body...)
		return
	}
	var loop []jen.Code
	child := jen.Id("d").Dot("Elem").Call(jen.Op("&").Id("v").Dot("XSUnknown"), jen.Id("at"))
	if t.mixedText != "" {
		child = jen.Id("d").Dot("MixedChild").Call(jen.Op("&").Id("v").Dot(t.mixedText))
	}
	if parts {
		// the first part is se, the others follow it
		loop = append(loop,
			jen.Id("c").Op(":=").Id("se"),
			jen.If(jen.Op("!").Id("first")).Block(
				jen.Var().Err().Error(),
				jen.If(jen.List(jen.Id("c"), jen.Err()).Op("=").Add(child), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			),
			jen.If(jen.Id("c").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		)
	} else {
		loop = append(loop,
			jen.List(jen.Id("c"), jen.Err()).Op(":=").Add(child),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.If(jen.Id("c").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		)
	}
	var other []jen.Code // an element the table does not name
	if len(entries) > 0 && swap && anyField == nil && wildField == nil {
		// a known departure: the element in the paired namespace
		other = append(other, jen.If(jen.Id("d").Dot("AltNS").Call(jen.Id("c"))).Block(jen.Goto().Id("retry")))
	}
	if anyField != nil {
		target := jen.Id("v").Dot(anyField.name)
		other = append(other,
			jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("d").Dot("Any").Call(jen.Id("c")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		)
		if anyField.repeated {
			other = append(other, target.Clone().Op("=").Append(target.Clone(), jen.Op("*").Id("x")))
		} else {
			other = append(other, target.Clone().Op("=").Id("x"))
		}
	} else if wildField != nil {
		// an element no alternative names: the choice's xs:any item
		other = append(other,
			jen.Id("x").Op(":=").New(jen.Id(wildAlt.name)),
			jen.If(jen.Err().Op(":=").Id("x").Dot("decodeXML").Call(jen.Id("d"), jen.Id("c")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			assign(jen.Id("v").Dot(wildField.name), jen.Id("x"), wildField.repeated, false),
		)
	} else if items := g.soapArrayItems(t); items != nil {
		// a SOAP-encoded array: its items may have any element name
		other = append(other, items...)
	} else {
		other = append(other, jen.If(jen.Err().Op(":=").Id("d").Dot("Unknown").Call(jen.Id("c"), jen.Op("&").Id("v").Dot("XSUnknown"), jen.Id("at")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())))
	}
	exactSkip.Add(jen.Block(other...))
	if len(entries) > 0 {
		table := "elemsOf" + t.name
		f.Commentf("%s names the elements %s.decodeXML reads.", table, t.name)
		f.Var().Id(table).Op("=").Index().Id("xmlField").Values(listLines(g.tableEntries(t, entries, false))...)
		if swap && anyField == nil && wildField == nil {
			loop = append(loop, jen.Id("retry").Op(":"))
		}
		loop = append(loop,
			jen.Switch(jen.Id("d").Dot("Field").Call(jen.Id("c"), jen.Id(table), jen.Op("&").Id("at"))).Block(
				append(cases, jen.Default().Block(other...))...),
		)
	} else {
		loop = append(loop, other...)
	}
	// at is read by Elem, Field and Unknown; a mixed type whose content is
	// all wildcard calls none of them
	if t.mixedText == "" || len(entries) > 0 || (anyField == nil && wildField == nil) {
		body = append(body, jen.Id("at").Op(":=").Lit(0))
	}
	if parts {
		body = append(body, jen.For(jen.Id("first").Op(":=").True(), jen.Empty(), jen.Id("first").Op("=").False()).Block(loop...))
	} else {
		body = append(body, jen.For().Block(loop...))
	}
	f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("decodeXML").Params(decParams()...).Error().Block(body...)
}

// attrEntries returns the entries of t's table of attributes (xmlAttrField,
// templates/rt/tabattr.go), nil when an attribute does not have a kind
// the runtime reads: a string or a defined type over one (the values
// AttrStr reads), a pointer to it boxed for an optional attribute.
func (g *emitter) attrEntries(t *goType, trackA map[*attrField]int) []jen.Code {
	var out []jen.Code
	for _, a := range t.attrs {
		if a.val.root() != bString || a.val.named != nil && a.val.named.kind != kSimple {
			return nil
		}
		kind := "xmlKStr"
		if !a.required {
			if _, ok := g.boxMethod(a.val); !ok {
				return nil
			}
			kind = "xmlKPStr"
		}
		bit := 0
		if k, ok := trackA[a]; ok {
			bit = k + 1
		}
		out = append(out, jen.Values(g.nsID(a.xname.Space), jen.Lit(a.xname.Local), jen.Id(kind), jen.Lit(bit),
			jen.Qual("unsafe", "Offsetof").Call(jen.Id(t.name).Values().Dot(a.name))))
	}
	return out
}

// tabEntry is one entry of a decoder's table of element names (xmlField,
// templates/rt/fields.go): the name, the number of declared fields up to
// its field's, and, for a field NextP reads itself (templates/rt/tabdec.go),
// its kind (tableKind), the field and its missing bit (1 + the tracked
// bit, 0 for none); tableEntries adds the offsets of the field and of its
// nil field, if any (1 + the offset, 0 for none).
type tabEntry struct {
	name  xml.Name
	at    int
	kind  string
	field *field
	bit   int
	alt   *goType // kinds xmlKAlt, xmlKAlts: the choice alternative read
}

// tableEntries returns the composite literals of a decoder's table. With
// kinds (the decoder's loop is NextP), an entry of a field the runtime
// reads carries its kind, missing bit, nil field and offset in t
// (unsafe.Offsetof, a constant: the table stays static data); the others,
// and every entry of a decoder that switches on Field itself, have kind 0.
func (g *emitter) tableEntries(t *goType, entries []tabEntry, kinds bool) []jen.Code {
	out := make([]jen.Code, len(entries))
	for i, e := range entries {
		if !kinds || e.kind == "" {
			out[i] = jen.Values(g.nsID(e.name.Space), jen.Lit(e.name.Local), jen.Lit(e.at), jen.Lit(0), jen.Lit(0), jen.Lit(0), jen.Lit(0), jen.Nil())
			continue
		}
		offset := func(name string) *jen.Statement {
			return jen.Qual("unsafe", "Offsetof").Call(jen.Id(t.name).Values().Dot(name))
		}
		var nilOff jen.Code = jen.Lit(0)
		var proto jen.Code = jen.Nil()
		switch e.kind {
		// the prototypes are written with the field's own type
		// (fieldType), so they always describe the field at the offset
		case kindSub:
			// (*T)(nil): static data, the runtime allocates a T
			proto = jen.Parens(g.fieldType(e.field)).Call(jen.Nil())
		case kindSubs:
			// (*[]T)(nil): the runtime appends a T to the slice
			proto = jen.Parens(jen.Op("*").Add(g.fieldType(e.field))).Call(jen.Nil())
		case kindAlt:
			// &xmlAlt{(*T)(nil), xmlStoreAlt[I]}: the runtime allocates a T
			// and stores it in the field of interface type I
			proto = jen.Op("&").Id("xmlAlt").Values(jen.Parens(jen.Op("*").Id(e.alt.name)).Call(jen.Nil()), jen.Id("xmlStoreAlt").Types(g.fieldType(e.field)))
		case kindAlts:
			// &xmlAlt{(*T)(nil), xmlAppendAlt[[]I]}: appended to the []I
			proto = jen.Op("&").Id("xmlAlt").Values(jen.Parens(jen.Op("*").Id(e.alt.name)).Call(jen.Nil()), jen.Id("xmlAppendAlt").Types(g.fieldType(e.field)))
		default:
			if e.field.nilField != "" {
				nilOff = jen.Uint32().Call(offset(e.field.nilField)).Op("+").Lit(1)
			}
		}
		out[i] = jen.Values(g.nsID(e.name.Space), jen.Lit(e.name.Local), jen.Lit(e.at), jen.Id(e.kind), jen.Lit(e.bit), nilOff, offset(e.field.name), proto)
	}
	return out
}

// The runtime's kinds of a field of complex type (templates/rt/tabdec.go):
// the entry's prototype, (*T)(nil) or (*[]T)(nil), gives the runtime the
// type T to allocate or append and read (Sub).
const (
	kindSub  = "xmlKSub"  // *T: v.X = new(T); d.Sub(v.X, c)
	kindSubs = "xmlKSubs" // []T: v.X = append(v.X, T{}); d.Sub(&v.X[len(v.X)-1], c)

	// a choice alternative, the prototype &xmlAlt{(*T)(nil), xmlStoreAlt[I]}
	// or &xmlAlt{(*T)(nil), xmlAppendAlt[[]I]}: I the choice's interface, T
	// the alternative's type
	kindAlt  = "xmlKAlt"  // I: x := new(T); d.Sub(x, c); v.X = x
	kindAlts = "xmlKAlts" // []I: x := new(T); d.Sub(x, c); v.X = append(v.X, x)
)

// tableKinds names the runtime's kinds (xmlKind, templates/rt/tabdec.go)
// of a field holding a value, by the base type of the value: the name is
// that of the value's kind, with "P" before it for a pointer to the value
// (an optional field: boxed where boxes has the base type, as assignText
// does, else a variable of its own, as assignExpr does) and "s" after it
// for a slice of values.
var tableKinds = map[builtin]string{
	bString: "Str", bBool: "Bool",
	bInt8: "Int8", bInt16: "Int16", bInt32: "Int32", bInt64: "Int64",
	bUint8: "Uint8", bUint16: "Uint16", bUint32: "Uint32", bUint64: "Uint64",
	bFloat32: "Float32", bFloat64: "Float64", bBase64: "Base64", bHex: "Hex",
	bDateTime: "DateTime", bDate: "Date", bTime: "Time", bDuration: "Duration",
	bDecimal: "Decimal", bQName: "QName",
}

// tableKind returns the runtime's kind of the simple-valued element field
// fl, "" when the generated switch reads it: a field whose type is not its
// base type's representation (a list, or a type over one). A defined type
// over a base type has its representation, so it shares the kind. A
// nillable field's entry also has the offset of its nil field.
func tableKind(fl *field) string {
	if fl.val == nil || !overSimple(*fl.val) {
		return ""
	}
	k, ok := tableKinds[fl.val.root()]
	switch {
	case !ok:
		return ""
	case fl.repeated && k == "Hex":
		return "xmlKHexes"
	case fl.repeated:
		return "xmlK" + k + "s"
	case fl.optional && !isBytes(*fl.val):
		return "xmlKP" + k
	}
	return "xmlK" + k
}

// boxCodec emits the codec of a choice alternative wrapping a non-struct value.
func (g *emitter) boxCodec(f *jen.File, t *goType) {
	if t.wild {
		// the element as read, whatever its name
		f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("encodeXML").Params(encParams()...).Block(
			jen.Id("w").Dot("Buf").Op("=").Parens(jen.Op("*").Id("XSAnyElement")).Call(jen.Id("v")).Dot("AppendXML").Call(jen.Id("w").Dot("Buf")),
		)
		f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("decodeXML").Params(decParams()...).Error().Block(
			jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("d").Dot("Any").Call(jen.Id("se")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Op("*").Id("v").Op("=").Id(t.name).Call(jen.Op("*").Id("x")),
			jen.Return(jen.Nil()),
		)
		return
	}
	if t.of != nil {
		if t.of.kind == kIface {
			f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("encodeXML").Params(encParams()...).Block(
				jen.If(jen.Id("v").Dot("Value").Op("==").Nil()).Block(jen.Return()),
				jen.Switch(jen.Id("x").Op(":=").Id("v").Dot("Value").Assert(jen.Type())).Block(g.altCases(t.of)...),
			)
			f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("decodeXML").Params(decParams()...).Error().Block(
				jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("dec"+t.of.name).Call(jen.Id("d"), jen.Id("se")),
				jen.Id("v").Dot("Value").Op("=").Id("x"),
				jen.Return(jen.Err()),
			)
			return
		}
		f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("encodeXML").Params(encParams()...).Block(
			jen.If(jen.Id("v").Dot("Value").Op("!=").Nil()).Block(jen.Id("v").Dot("Value").Dot("encodeXML").Call(jen.Id("w"), jen.Id("ns"), jen.Id("local"), jen.Id("xsiType"))),
		)
		f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("decodeXML").Params(decParams()...).Error().Block(
			jen.Id("v").Dot("Value").Op("=").New(jen.Id(t.of.name)),
			jen.Return(jen.Id("v").Dot("Value").Dot("decodeXML").Call(jen.Id("d"), jen.Id("se"))),
		)
		return
	}
	g.valueElemCodec(f, t.name, t.base, jen.Id("v").Dot("Value"))
}

func (g *emitter) altCases(ig *goType) []jen.Code {
	var cases []jen.Code
	for _, a := range ig.alts {
		if g.kept(a.t) {
			cases = append(cases, jen.Case(jen.Op("*").Id(a.t.name)).Block(jen.Id("x").Dot("encodeXML").Call(jen.Id("w"), jen.Id("ns"), jen.Id("local"), jen.Lit(a.xsi))))
		}
	}
	return cases
}

// simpleElemCodec emits the codec of a global element with simple content.
func (g *emitter) simpleElemCodec(f *jen.File, t *goType) {
	var v valueRef
	if t.kind == kList {
		v = valueRef{named: t}
	} else {
		v = valueRef{named: t}
	}
	g.valueElemCodec(f, t.name, v, jen.Op("*").Id("v"))
}

func (g *emitter) valueElemCodec(f *jen.File, name string, v valueRef, x *jen.Statement) {
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("encodeXML").Params(encParams()...).Block(
		jen.Id("w").Dot("Open").Call(jen.Id("ns"), jen.Id("local")),
		jen.Id("w").Dot("StartContent").Call(),
		g.appendText(v, x),
		jen.Id("w").Dot("Close").Call(jen.Id("ns"), jen.Id("local")),
	)
	body := []jen.Code{
		jen.List(jen.Id("tb"), jen.Err()).Op(":=").Id("d").Dot("TextBytes").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	body = append(body, g.parseValue(v, jen.Id("tb"), "pv")...)
	body = append(body, x.Clone().Op("=").Id("pv"), jen.Return(jen.Nil()))
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("decodeXML").Params(decParams()...).Error().Block(body...)
}

// abstractDecodeFunc emits decT, which reads xsi:type to pick the concrete
// type of an element declared with an abstract type.
func (g *emitter) abstractDecodeFunc(f *jen.File, t *goType) {
	var cases []jen.Code
	for _, a := range t.alts {
		if !g.kept(a.t) {
			continue
		}
		cases = append(cases, jen.Case(jen.Lit(a.name.Space+" "+a.name.Local)).Block(
			jen.Id("x").Op(":=").New(jen.Id(a.t.name)),
			jen.Return(jen.Id("x"), jen.Id("x").Dot("decodeXML").Call(jen.Id("d"), jen.Id("se"))),
		))
	}
	f.Func().Id("dec"+t.name).Params(decParams()...).Params(jen.Id(t.name), jen.Error()).Block(
		jen.List(jen.Id("q"), jen.Id("ok"), jen.Err()).Op(":=").Id("xmlwXSIType").Call(jen.Id("d"), jen.Id("se"), jen.Id("nsXsi")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil(), jen.Id("d").Dot("Errorf").Call(jen.Lit(fmt.Sprintf("element of abstract type %s needs xsi:type", t.name))))),
		jen.Switch(jen.Id("q").Dot("Space").Op("+").Lit(" ").Op("+").Id("q").Dot("Local")).Block(cases...),
		jen.Return(jen.Nil(), jen.Id("d").Dot("Errorf").Call(jen.Lit("unknown xsi:type %s for "+t.name), jen.Id("q").Dot("Local"))),
	)
}

// anyContentCodec emits the codec of an xs:anyType element: attributes and
// mixed content are kept as read and written back in order.
func (g *emitter) anyContentCodec(f *jen.File, t *goType) {
	f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("encodeXML").Params(encParams()...).Block(
		jen.Id("w").Dot("Open").Call(jen.Id("ns"), jen.Id("local")),
		jen.Id("w").Dot("DeclareNS").Call(jen.Id("ns"), jen.Id("v").Dot("NS")),
		jen.Id("w").Dot("AnyAttrs").Call(jen.Id("v").Dot("AnyAttrs")),
		jen.Id("m").Op(":=").Id("w").Dot("StartContent").Call(),
		jen.For(jen.Id("i").Op(":=").Range().Id("v").Dot("Content")).Block(
			jen.If(jen.Id("e").Op(":=").Id("v").Dot("Content").Index(jen.Id("i")).Dot("Elem"), jen.Id("e").Op("!=").Nil()).Block(
				jen.Id("w").Dot("Buf").Op("=").Id("e").Dot("AppendXML").Call(jen.Id("w").Dot("Buf")),
			).Else().Block(
				jen.Id("w").Dot("Text").Call(jen.Id("v").Dot("Content").Index(jen.Id("i")).Dot("Text")),
			),
		),
		jen.Id("w").Dot("End").Call(jen.Id("m"), jen.Id("ns"), jen.Id("local")),
	)
	f.Func().Params(jen.Id("v").Op("*").Id(t.name)).Id("decodeXML").Params(decParams()...).Error().Block(
		jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("d").Dot("Any").Call(jen.Id("se")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Id("v").Dot("AnyAttrs").Op("=").Id("x").Dot("Attrs"),
		jen.Id("v").Dot("NS").Op("=").Id("xmlwValueNS").Call(jen.Id("x").Dot("Attrs"), jen.Id("x").Dot("NS")),
		jen.Id("v").Dot("Content").Op("=").Id("x").Dot("Children"),
		jen.Return(jen.Nil()),
	)
}

// Required values that were never set.
//
// A required element or attribute whose Go field is not a pointer cannot
// say "absent" by itself. The encoder never invents a value for one:
//
//   - when the type's zero value has no valid lexical form (zeroInvalid:
//     xs:dateTime, xs:date, xs:duration, xs:decimal, xs:QName, enumerations
//     without "", NCName and the like, types whose facets exclude it), a zero
//     field is left out, whoever built the value;
//   - otherwise (numbers, booleans, strings, xs:time) the zero value is a
//     real value, so a decoded struct records in its "missing" bits which
//     tracked fields were absent from the input, and such a field is left
//     out again while it still holds its zero value. Setting it to another
//     value writes it; a decoded struct cannot be made to write an absent
//     field's zero value (a built one writes it).
//
// Decoding then re-encoding a message that lacks a required element or
// attribute therefore reproduces its absence.

// zeroInvalid reports whether the Go zero value of v (empty text, 0, false,
// a nil list) is not a valid value of its schema type.
func zeroInvalid(v valueRef) bool {
	if t := v.named; t != nil {
		var fs *xsd.Facets
		if t.xsdType != nil {
			fs = &t.xsdType.Facets
		}
		switch t.kind {
		case kList:
			return fs != nil && (fs.Length != nil && *fs.Length > 0 || fs.MinLength != nil && *fs.MinLength > 0)
		case kSimple:
			if len(t.enums) > 0 {
				zero := zeroLexical(t.base)
				for _, e := range t.enums {
					if e.value == zero {
						return zeroInvalid(t.base)
					}
				}
				return true
			}
			if fs != nil && facetsExcludeZero(fs, t.base) {
				return true
			}
			return zeroInvalid(t.base)
		}
		return false
	}
	switch v.b {
	case bDateTime, bDate, bDuration, bDecimal, bQName:
		return true
	case bString:
		switch v.xs {
		case "Name", "NCName", "NMTOKEN", "NMTOKENS", "ID", "IDREF", "IDREFS", "ENTITY", "ENTITIES",
			"NOTATION", "language", "gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay":
			return true
		}
	case bInt64:
		return v.xs == "positiveInteger" || v.xs == "negativeInteger"
	}
	return false
}

// zeroLexical is the lexical form the encoder writes for the Go zero value
// of v.
func zeroLexical(v valueRef) string {
	switch v.root() {
	case bBool:
		return "false"
	case bInt8, bInt16, bInt32, bInt64, bUint8, bUint16, bUint32, bUint64, bFloat32, bFloat64:
		return "0"
	}
	return ""
}

// facetsExcludeZero reports whether the facets of a restriction of base rule
// out base's Go zero value: a minimum length, numeric bounds that exclude
// 0, or patterns none of which matches the empty string.
func facetsExcludeZero(fs *xsd.Facets, base valueRef) bool {
	num := false
	switch base.root() {
	case bInt8, bInt16, bInt32, bInt64, bUint8, bUint16, bUint32, bUint64, bFloat32, bFloat64, bDecimal:
		num = true
	case bString, bBase64, bHex:
		if fs.Length != nil && *fs.Length > 0 || fs.MinLength != nil && *fs.MinLength > 0 {
			return true
		}
	}
	if num {
		bound := func(p *string, bad func(float64) bool) bool {
			if p == nil {
				return false
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(*p), 64)
			return err == nil && bad(f)
		}
		if bound(fs.MinInclusive, func(f float64) bool { return f > 0 }) ||
			bound(fs.MinExclusive, func(f float64) bool { return f >= 0 }) ||
			bound(fs.MaxInclusive, func(f float64) bool { return f < 0 }) ||
			bound(fs.MaxExclusive, func(f float64) bool { return f <= 0 }) {
			return true
		}
	}
	if len(fs.Patterns) > 0 && base.root() == bString {
		zero := zeroLexical(base)
		for _, p := range fs.Patterns {
			// XSD patterns are anchored. One Go cannot compile (\i, \c,
			// class subtraction) may match the empty string: assume it does.
			re, err := regexp.Compile(`^(?:` + p + `)$`)
			if err != nil || re.MatchString(zero) {
				return false
			}
		}
		return true
	}
	return false
}

// nonZero returns the condition "x does not hold the Go zero value of v".
func (g *emitter) nonZero(v valueRef, x *jen.Statement) *jen.Statement {
	if v.named != nil && v.named.kind == kList || isBytes(v) {
		return jen.Len(x).Op("!=").Lit(0)
	}
	switch v.root() {
	case bBool:
		return jen.Bool().Call(x)
	case bInt8, bInt16, bInt32, bInt64, bUint8, bUint16, bUint32, bUint64, bFloat32, bFloat64:
		return x.Op("!=").Lit(0)
	case bDateTime, bDate, bTime, bQName:
		return x.Op("!=").Parens(jen.Add(g.valueType(v)).Values())
	}
	return x.Op("!=").Lit("")
}

// maxTracked is the number of required fields a struct can track as
// missing (the bits of its "missing" field).
const maxTracked = 64

// trackedRequired returns the bit of each required attribute and simple
// element of t whose zero value is valid, in field order; those past
// maxTracked are not tracked and are always written.
func trackedRequired(t *goType) (attrs map[*attrField]int, fields map[*field]int, n int) {
	attrs = map[*attrField]int{}
	fields = map[*field]int{}
	for _, a := range t.attrs {
		if a.required && !zeroInvalid(a.val) && n < maxTracked {
			attrs[a] = n
			n++
		}
	}
	for _, fl := range t.fields {
		if requiredSimple(fl) && !zeroInvalid(*fl.val) && n < maxTracked {
			fields[fl] = n
			n++
		}
	}
	return attrs, fields, n
}

// requiredSimple reports whether fl is a required, non-repeated element of
// simple type held by value (not a pointer or a slice).
func requiredSimple(fl *field) bool {
	return fl.val != nil && !fl.any && fl.ct == nil && fl.iface == nil && !fl.repeated && !fl.optional && !isBytes(*fl.val)
}

// missingBit returns the mask of tracked bit k.
func missingBit(k int) *jen.Statement {
	return jen.Parens(jen.Lit(1).Op("<<").Lit(k))
}

// wasRead returns the condition "tracked field k was read or set".
func wasRead(k int) *jen.Statement {
	return jen.Id("v").Dot("missing").Op("&").Add(missingBit(k)).Op("==").Lit(0)
}

// unknownAt emits the statement writing the unknown content a lenient
// decoder kept after the first at declared fields of a struct.
func unknownAt(at int) jen.Code {
	return jen.Id("w").Dot("Unknown").Call(jen.Id("v").Dot("XSUnknown"), jen.Lit(at))
}

// swapsNS reports whether elements of namespace ns are also read in the
// namespace the profile pairs it with (the EWS profile: messages and types,
// see xmlProfileDepartures in templates/ews.go.tmpl).
func (g *emitter) swapsNS(ns string) bool {
	return g.p.isEWS() && (ns == nsMessages || ns == nsTypes)
}

// boxes maps the base types whose optional values a decoder stores in
// blocks (templates/rt/arena.go) to the method that boxes one.
var boxes = map[builtin]string{
	bString: "BoxString", bBool: "BoxBool", bInt32: "BoxInt32", bInt64: "BoxInt64",
	bFloat64: "BoxFloat64", bDateTime: "BoxDateTime",
}

// assignValue is assign for a decoded simple value in variable name: a
// pointer field whose type has a boxed base type gets its pointer from the
// decoder's blocks instead of an allocation of its own.
func (g *emitter) assignValue(target *jen.Statement, v valueRef, name string, repeated, pointer bool) jen.Code {
	return g.assignExpr(target, v, jen.Id(name), true, repeated, pointer)
}

// assignExpr is assignValue for the value of expression e.
// assignText is assignValue for raw, the expression textValue returned.
func (g *emitter) assignText(target *jen.Statement, v valueRef, raw *jen.Statement, repeated, pointer bool) jen.Code {
	if m, ok := g.boxMethod(v); ok && pointer && !repeated {
		box := jen.Id("d").Dot("TextP" + strings.TrimPrefix(m, "Box")).Call()
		if v.named != nil {
			box = jen.Parens(jen.Op("*").Add(g.valueType(v))).Call(box)
		}
		return target.Clone().Op("=").Add(box)
	}
	return g.assignExpr(target, v, jen.Add(g.valueType(v)).Call(raw), false, repeated, pointer)
}

// listLines puts each item of a composite literal on a line of its own.
func listLines(items []jen.Code) []jen.Code {
	out := make([]jen.Code, 0, len(items)+1)
	for _, it := range items {
		out = append(out, jen.Line().Add(it))
	}
	return append(out, jen.Line())
}

// keep emits d.Keep(err): a child's error is kept by the decoder and
// returned by the next d.Elem of the loop.
func keep(err jen.Code) jen.Code {
	return jen.Id("d").Dot("Keep").Call(err)
}

// sub emits the statement reading the current child element c into the
// value x of complex type, the error kept (see keep).
func sub(x jen.Code) jen.Code {
	return jen.Id("d").Dot("Sub").Call(x, jen.Id("c"))
}

// boxMethod returns the decoder method boxing values of v, if any.
func (g *emitter) boxMethod(v valueRef) (string, bool) {
	m, ok := boxes[v.root()]
	for r := v; ok && r.named != nil; r = r.named.base {
		ok = r.named.kind == kSimple // the underlying type is the base type itself
	}
	return m, ok
}

// isVar says that e is a variable, whose address can be taken.
func (g *emitter) assignExpr(target *jen.Statement, v valueRef, e *jen.Statement, isVar, repeated, pointer bool) jen.Code {
	byVar := func() jen.Code {
		if isVar || !pointer || repeated {
			return assign(target, e, repeated, pointer)
		}
		// &T(x) is not Go: a variable first
		return jen.Block(jen.Id("pv").Op(":=").Add(e), assign(target, jen.Id("pv"), repeated, pointer))
	}
	if !pointer || repeated {
		return byVar()
	}
	m, ok := boxes[v.root()]
	for r := v; ok && r.named != nil; r = r.named.base {
		ok = r.named.kind == kSimple // the underlying type is the base type itself
	}
	if !ok {
		return byVar()
	}
	base := g.valueType(valueRef{b: v.root()})
	box := jen.Id("d").Dot(m).Call(jen.Add(base).Call(e))
	if v.named != nil {
		box = jen.Parens(jen.Op("*").Add(g.valueType(v))).Call(box)
	}
	return target.Clone().Op("=").Add(box)
}

// usesID reports whether the statements pass the variable id to a call.
func usesID(stmts []jen.Code, id string) bool {
	src := fmt.Sprintf("%#v", jen.Func().Id("f").Params().Block(jen.Switch().Block(stmts...)))
	return regexp.MustCompile(`[(\s]` + regexp.QuoteMeta(id) + `[,)]`).MatchString(src)
}
