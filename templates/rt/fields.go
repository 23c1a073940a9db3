package ewsrt

// One-call codecs of simple-typed elements.
//
// Generated encoders and decoders spend one call per simple-typed field
// instead of spelling out the open tag, the value and the close tag (or the
// text read, the parse and its error check) inline: the generated package
// then holds far less code for the compiler to work through, and the
// running time is the same (the work was calls already).
//
// The decoding side keeps an error in the decoder's sticky error: the next
// Elem or MixedChild call of the decoder loop returns it, before anything
// else is read, so a generated case is a single assignment.

// TextElem writes <local>s</local> in namespace ns.
func (w *xmlWriter) TextElem(ns int, local, s string) {
	if i := xmlCleanPrefix(s, xmlClsEscText); i < len(s) {
		// the text up to i needs no escaping
		w.openTag(ns, local)
		w.Buf = append(w.Buf, s[:i]...)
		w.Buf = xmlAppendEscaped(w.Buf, s[i:], xmlClsEscText)
		w.Close(ns, local)
		return
	}
	w.wholeElem(ns, local, s)
}

// BoolElem writes a boolean element.
func (w *xmlWriter) BoolElem(ns int, local string, v bool) {
	if v {
		w.wholeElem(ns, local, "true")
	} else {
		w.wholeElem(ns, local, "false")
	}
}

// IntElem writes an integer element.
func (w *xmlWriter) IntElem(ns int, local string, v int64) {
	w.openTag(ns, local)
	w.Buf = xmlAppendInt(w.Buf, v)
	w.Close(ns, local)
}

// UintElem writes an unsigned integer element.
func (w *xmlWriter) UintElem(ns int, local string, v uint64) {
	w.openTag(ns, local)
	w.Buf = xmlAppendUint(w.Buf, v)
	w.Close(ns, local)
}

// FloatElem writes a floating-point element of the given bit size.
func (w *xmlWriter) FloatElem(ns int, local string, v float64, bits int) {
	w.openTag(ns, local)
	w.Buf = xmlAppendFloat(w.Buf, v, bits)
	w.Close(ns, local)
}

// Base64Elem writes an xs:base64Binary element.
func (w *xmlWriter) Base64Elem(ns int, local string, v []byte) {
	w.openTag(ns, local)
	w.Base64(v)
	w.Close(ns, local)
}

// HexElem writes an xs:hexBinary element.
func (w *xmlWriter) HexElem(ns int, local string, v []byte) {
	w.openTag(ns, local)
	w.Buf = xmlAppendHex(w.Buf, v)
	w.Close(ns, local)
}

// DateTimeElem writes an xs:dateTime element.
func (w *xmlWriter) DateTimeElem(ns int, local string, v XSDateTime) {
	w.openTag(ns, local)
	w.Buf = v.AppendXML(w.Buf)
	w.Close(ns, local)
}

// DateElem writes an xs:date element.
func (w *xmlWriter) DateElem(ns int, local string, v XSDate) {
	w.openTag(ns, local)
	w.Buf = v.AppendXML(w.Buf)
	w.Close(ns, local)
}

// TimeElem writes an xs:time element.
func (w *xmlWriter) TimeElem(ns int, local string, v XSTime) {
	w.openTag(ns, local)
	w.Buf = v.AppendXML(w.Buf)
	w.Close(ns, local)
}

// DurationElem writes an xs:duration element.
func (w *xmlWriter) DurationElem(ns int, local string, v XSDuration) {
	w.openTag(ns, local)
	w.Buf = v.AppendXML(w.Buf)
	w.Close(ns, local)
}

// QNameElem writes an xs:QName element.
func (w *xmlWriter) QNameElem(ns int, local string, v XSQName) {
	w.openTag(ns, local)
	w.QName(v)
	w.Close(ns, local)
}

// Keep records err (when it is the first) as the decoder's sticky error,
// which the next Elem or MixedChild returns. It is kept out of line, like
// the other calls generated code makes per field.
//
//go:noinline
func (d *xmlDecoder) Keep(err error) {
	if err != nil && d.err == nil {
		d.err = err
	}
}

// xmlDecodable is a value read from an element of complex type: the Go
// types of the schemas' complex types implement it.
type xmlDecodable interface {
	decodeXML(d *xmlDecoder, se *xmlStart) error
}

// Sub reads the element whose start tag is c into e, the error kept (see
// Keep): the one call a generated decoder makes for a field of complex type.
//
//go:noinline
func (d *xmlDecoder) Sub(e xmlDecodable, c *xmlStart) {
	if err := e.decodeXML(d, c); err != nil && d.err == nil {
		d.err = err
	}
}

// text returns the character data of the current element, or nil with the
// error kept.
func (d *xmlDecoder) text() ([]byte, bool) {
	tb, err := d.TextBytes()
	if err != nil {
		d.Keep(err)
		return nil, false
	}
	return tb, true
}

// TextStr returns the character data of the current element as a string
// (see Str) and consumes its end tag; an error is kept (see Keep).
func (d *xmlDecoder) TextStr() string {
	tb, ok := d.text()
	if !ok {
		return ""
	}
	return d.Str(tb)
}

// TextBool reads an xs:boolean element; an error is kept (see Keep).
func (d *xmlDecoder) TextBool() bool {
	tb, ok := d.text()
	if !ok {
		return false
	}
	v, err := xmlParseBool(tb)
	d.Keep(d.Wrap(err))
	return v
}

// TextInt reads an integer element of the given bit size; an error is kept
// (see Keep).
func (d *xmlDecoder) TextInt(bits int) int64 {
	tb, ok := d.text()
	if !ok {
		return 0
	}
	v, err := xmlParseInt(tb, bits)
	d.Keep(d.Wrap(err))
	return v
}

// TextUint reads an unsigned integer element of the given bit size; an
// error is kept (see Keep).
func (d *xmlDecoder) TextUint(bits int) uint64 {
	tb, ok := d.text()
	if !ok {
		return 0
	}
	v, err := xmlParseUint(tb, bits)
	d.Keep(d.Wrap(err))
	return v
}

// TextFloat reads a floating-point element of the given bit size; an error
// is kept (see Keep).
func (d *xmlDecoder) TextFloat(bits int) float64 {
	tb, ok := d.text()
	if !ok {
		return 0
	}
	v, err := xmlParseFloat(tb, bits)
	d.Keep(d.Wrap(err))
	return v
}

// TextBase64 reads an xs:base64Binary element; an error is kept (see Keep).
func (d *xmlDecoder) TextBase64() []byte {
	tb, ok := d.text()
	if !ok {
		return nil
	}
	v, err := xmlParseBase64(tb)
	d.Keep(d.Wrap(err))
	return v
}

// TextHex reads an xs:hexBinary element; an error is kept (see Keep).
func (d *xmlDecoder) TextHex() []byte {
	tb, ok := d.text()
	if !ok {
		return nil
	}
	v, err := xmlParseHex(tb)
	d.Keep(d.Wrap(err))
	return v
}

// TextDateTime reads an xs:dateTime element; an error is kept (see Keep).
func (d *xmlDecoder) TextDateTime() XSDateTime {
	tb, ok := d.text()
	if !ok {
		return XSDateTime{}
	}
	v, err := XSParseDateTime(string(tb))
	d.Keep(d.Wrap(err))
	return v
}

// TextDate reads an xs:date element; an error is kept (see Keep).
func (d *xmlDecoder) TextDate() XSDate {
	tb, ok := d.text()
	if !ok {
		return XSDate{}
	}
	v, err := XSParseDate(string(tb))
	d.Keep(d.Wrap(err))
	return v
}

// TextTime reads an xs:time element; an error is kept (see Keep).
func (d *xmlDecoder) TextTime() XSTime {
	tb, ok := d.text()
	if !ok {
		return XSTime{}
	}
	v, err := XSParseTime(string(tb))
	d.Keep(d.Wrap(err))
	return v
}

// TextDuration reads an xs:duration element; an error is kept (see Keep).
func (d *xmlDecoder) TextDuration() XSDuration {
	tb, ok := d.text()
	if !ok {
		return ""
	}
	v, err := XSParseDuration(string(tb))
	d.Keep(d.Wrap(err))
	return v
}

// TextDecimal reads an xs:decimal element; an error is kept (see Keep).
func (d *xmlDecoder) TextDecimal() XSDecimal {
	tb, ok := d.text()
	if !ok {
		return ""
	}
	v, err := XSParseDecimal(string(tb))
	d.Keep(d.Wrap(err))
	return v
}

// TextQName reads an xs:QName element, resolving its prefix in the scope
// of the element; an error is kept (see Keep).
func (d *xmlDecoder) TextQName() XSQName {
	tb, ok := d.text()
	if !ok {
		return XSQName{}
	}
	v, err := d.QName(string(tb))
	d.Keep(d.Wrap(err))
	return v
}

// The readers of optional fields: the value read, in the decoder's blocks
// (see BoxString); an error is kept (see Keep).

// TextPString is TextStr for an optional field.
func (d *xmlDecoder) TextPString() *string { return d.BoxString(d.TextStr()) }

// TextPBool is TextBool for an optional field.
func (d *xmlDecoder) TextPBool() *bool { return d.BoxBool(d.TextBool()) }

// TextPInt32 is TextInt(32) for an optional field.
func (d *xmlDecoder) TextPInt32() *int32 { return d.BoxInt32(int32(d.TextInt(32))) }

// TextPInt64 is TextInt(64) for an optional field.
func (d *xmlDecoder) TextPInt64() *int64 { return d.BoxInt64(d.TextInt(64)) }

// TextPFloat64 is TextFloat(64) for an optional field.
func (d *xmlDecoder) TextPFloat64() *float64 { return d.BoxFloat64(d.TextFloat(64)) }

// TextPDateTime is TextDateTime for an optional field.
func (d *xmlDecoder) TextPDateTime() *XSDateTime { return d.BoxDateTime(d.TextDateTime()) }

// The writers of optional fields: nothing when p is nil (or, for the NZ
// forms, points to the zero value, which the field's type does not allow).

// PTextElem is TextElem for an optional field.
func (w *xmlWriter) PTextElem(ns int, local string, p *string) {
	if p != nil {
		w.TextElem(ns, local, *p)
	}
}

// PTextElemNZ is PTextElem leaving out "".
func (w *xmlWriter) PTextElemNZ(ns int, local string, p *string) {
	if p != nil && *p != "" {
		w.TextElem(ns, local, *p)
	}
}

// PBoolElem is BoolElem for an optional field.
func (w *xmlWriter) PBoolElem(ns int, local string, p *bool) {
	if p != nil {
		w.BoolElem(ns, local, *p)
	}
}

// PInt32Elem is IntElem for an optional 32-bit field.
func (w *xmlWriter) PInt32Elem(ns int, local string, p *int32) {
	if p != nil {
		w.IntElem(ns, local, int64(*p))
	}
}

// PInt64Elem is IntElem for an optional 64-bit field.
func (w *xmlWriter) PInt64Elem(ns int, local string, p *int64) {
	if p != nil {
		w.IntElem(ns, local, *p)
	}
}

// PFloat64Elem is FloatElem for an optional 64-bit field.
func (w *xmlWriter) PFloat64Elem(ns int, local string, p *float64) {
	if p != nil {
		w.FloatElem(ns, local, *p, 64)
	}
}

// PDateTimeElem is DateTimeElem for an optional field.
func (w *xmlWriter) PDateTimeElem(ns int, local string, p *XSDateTime) {
	if p != nil {
		w.DateTimeElem(ns, local, *p)
	}
}

// PDateTimeElemNZ is PDateTimeElem leaving out the zero XSDateTime.
func (w *xmlWriter) PDateTimeElemNZ(ns int, local string, p *XSDateTime) {
	if p != nil && *p != (XSDateTime{}) {
		w.DateTimeElem(ns, local, *p)
	}
}

// The writers of an optional field of a struct followed by the unknown
// content a lenient decoder kept after it (Unknown(u, at)): one call per
// field in a generated encoder, kept out of line.

// PTextElemU is PTextElem followed by Unknown(u, at).
//
//go:noinline
func (w *xmlWriter) PTextElemU(ns int, local string, p *string, u *XSUnknown, at int) {
	w.PTextElem(ns, local, p)
	w.Unknown(u, at)
}

// PTextElemNZU is PTextElemNZ followed by Unknown(u, at).
//
//go:noinline
func (w *xmlWriter) PTextElemNZU(ns int, local string, p *string, u *XSUnknown, at int) {
	w.PTextElemNZ(ns, local, p)
	w.Unknown(u, at)
}

// PBoolElemU is PBoolElem followed by Unknown(u, at).
//
//go:noinline
func (w *xmlWriter) PBoolElemU(ns int, local string, p *bool, u *XSUnknown, at int) {
	w.PBoolElem(ns, local, p)
	w.Unknown(u, at)
}

// PInt32ElemU is PInt32Elem followed by Unknown(u, at).
//
//go:noinline
func (w *xmlWriter) PInt32ElemU(ns int, local string, p *int32, u *XSUnknown, at int) {
	w.PInt32Elem(ns, local, p)
	w.Unknown(u, at)
}

// PInt64ElemU is PInt64Elem followed by Unknown(u, at).
//
//go:noinline
func (w *xmlWriter) PInt64ElemU(ns int, local string, p *int64, u *XSUnknown, at int) {
	w.PInt64Elem(ns, local, p)
	w.Unknown(u, at)
}

// PFloat64ElemU is PFloat64Elem followed by Unknown(u, at).
//
//go:noinline
func (w *xmlWriter) PFloat64ElemU(ns int, local string, p *float64, u *XSUnknown, at int) {
	w.PFloat64Elem(ns, local, p)
	w.Unknown(u, at)
}

// PDateTimeElemU is PDateTimeElem followed by Unknown(u, at).
//
//go:noinline
func (w *xmlWriter) PDateTimeElemU(ns int, local string, p *XSDateTime, u *XSUnknown, at int) {
	w.PDateTimeElem(ns, local, p)
	w.Unknown(u, at)
}

// PDateTimeElemNZU is PDateTimeElemNZ followed by Unknown(u, at).
//
//go:noinline
func (w *xmlWriter) PDateTimeElemNZU(ns int, local string, p *XSDateTime, u *XSUnknown, at int) {
	w.PDateTimeElemNZ(ns, local, p)
	w.Unknown(u, at)
}

// xmlElem is a value written as an element of complex type: the Go types
// of the schemas' complex types implement it.
type xmlElem interface {
	encodeXML(w *xmlWriter, ns int, local string, xsiType bool)
}

// ElemU writes e as element {ns}local when ok (the field holding e is set)
// and then Unknown(u, at): an optional field of complex type and the
// unknown content kept after it in one call.
//
//go:noinline
func (w *xmlWriter) ElemU(ok bool, e xmlElem, ns int, local string, u *XSUnknown, at int) {
	if ok {
		e.encodeXML(w, ns, local, false)
	}
	w.Unknown(u, at)
}

// EndU is Unknown(u, at) followed by End(mark, ns, local): the unknown
// content kept after the last field and the end of the element.
//
//go:noinline
func (w *xmlWriter) EndU(mark int, ns int, local string, u *XSUnknown, at int) {
	w.Unknown(u, at)
	w.End(mark, ns, local)
}

// xmlField is one element name a generated decoder reads: a struct's
// decoder has a table of them, in the order of its fields, and a switch on
// the index Field returns. The decoder of element content (NextP,
// tabdec.go) reads the element of an entry with a Kind itself, into the
// field at offset Off of the struct.
type xmlField struct {
	NS    int     // namespace table index
	Local string  // local name
	At    int     // the number of declared fields up to this one's, for unknown content read after it
	Kind  xmlKind // how NextP stores the value; 0: the generated switch reads the element
	Bit   uint8   // 1 + the field's bit in the struct's "missing" field, 0 when it has none
	Nil   uint32  // 1 + the offset of the field's "sent as xsi:nil" bool, 0 when it has none
	Off   uintptr // the field's offset in the struct (unsafe.Offsetof), when Kind is set
	Proto any     // the type read, for the kinds of fields of complex type (see tabdec.go)
}

// Field returns the index in fs of the name of element c, or -1 when fs
// does not have it; when found, *at becomes its At. The search starts at
// the first entry of the field read last (*at), since elements mostly come
// in the order of the fields, and goes round the table once.
func (d *xmlDecoder) Field(c *xmlStart, fs []xmlField, at *int) int {
	n := len(fs)
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if fs[m].At < *at {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for j := 0; j < n; j++ {
		i := lo + j
		if i >= n {
			i -= n
		}
		if f := &fs[i]; f.NS == c.NS && f.Local == string(c.Local) {
			*at = f.At
			return i
		}
	}
	return -1
}

// Err returns the decoder's sticky error (see Keep), nil when there is none.
func (d *xmlDecoder) Err() error { return d.err }

// OpenT is Open followed, when xsiType is set, by XSIType(tns, tlocal).
func (w *xmlWriter) OpenT(ns int, local string, xsiType bool, tns int, tlocal string) {
	w.Open(ns, local)
	if xsiType {
		w.XSIType(tns, tlocal)
	}
}

// OpenTContent is OpenT followed by Content(u), for an element whose type
// declares no attributes; it returns the mark for End.
//
//go:noinline
func (w *xmlWriter) OpenTContent(ns int, local string, xsiType bool, tns int, tlocal string, u *XSUnknown) int {
	w.OpenT(ns, local, xsiType, tns, tlocal)
	return w.Content(u)
}

// Content writes the unknown attributes of u, ends the start tag and
// writes the unknown nodes of u before the first declared field; it
// returns the mark for End (see StartContent).
func (w *xmlWriter) Content(u *XSUnknown) int {
	w.UnknownAttrs(u)
	m := w.StartContent()
	w.Unknown(u, 0)
	return m
}

// Attrs handles the attributes of the start tag se of an element whose type
// declares none: each is kept or refused as UnknownAttr says. It reports
// whether xsi:type was among them.
func (d *xmlDecoder) Attrs(se *xmlStart, u **XSUnknown) bool {
	return d.AttrsP(se, nil, nil, u, nil)
}
