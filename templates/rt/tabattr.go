package ewsrt

import "unsafe"

// Table-driven decoding of attributes.
//
// A generated decoder of a type whose declared attributes all have a
// string representation (a string or a defined type over one; a pointer to
// it for an optional attribute, boxed in the decoder's blocks) reads them
// with AttrsP over a table of them (attrsOf<T>, []xmlAttrField): their
// names, kinds (xmlKStr, xmlKPStr), missing bits and offsets in the
// struct, static data as the element tables are (see tabdec.go). AttrsP
// does what the generated loop over the attributes did: xsi:type is
// recorded, a declared attribute is read with AttrStr (its missing bit
// cleared first) and the others are unknown content (UnknownAttr).

// xmlAttrField is one declared attribute of a decoder's table.
type xmlAttrField struct {
	NS    int     // namespace table index
	Local string  // local name
	Kind  xmlKind // xmlKStr or xmlKPStr
	Bit   uint8   // 1 + the attribute's bit in the struct's "missing" field, 0 when it has none
	Off   uintptr // the field's offset in the struct (unsafe.Offsetof)
}

// AttrsP reads the attributes of start tag se into the struct at v, whose
// "missing" field is *miss (nil when it tracks no required attribute) and
// unknown content *u, by the table as; it reports whether se has an
// xsi:type attribute. With an empty table (Attrs) every attribute but
// xsi:type is unknown content.
func (d *xmlDecoder) AttrsP(se *xmlStart, v unsafe.Pointer, miss *uint64, u **XSUnknown, as []xmlAttrField) bool {
	xsiType := false
next:
	for i := range se.Attrs {
		a := &se.Attrs[i]
		if a.URI == xmlXSINamespaceURI && string(a.Local) == "type" {
			xsiType = true
			continue
		}
		for j := range as {
			f := &as[j]
			if f.NS != a.NS || f.Local != string(a.Local) {
				continue
			}
			if f.Bit != 0 {
				*miss &^= 1 << (f.Bit - 1)
			}
			p := unsafe.Add(v, f.Off)
			switch f.Kind {
			case xmlKStr:
				*(*string)(p) = d.AttrStr(a)
			case xmlKPStr:
				*(**string)(p) = d.BoxString(d.AttrStr(a))
			default:
				d.Keep(d.Errorf("attribute table: unknown kind %d", f.Kind))
			}
			continue next
		}
		d.UnknownAttr(se, a, u)
	}
	return xsiType
}
