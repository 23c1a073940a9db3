package ewsrt

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// Table-driven encoding (Fields) writes the bytes of the field-by-field
// encoder it replaces: each kind, present and absent, and the unknown
// content kept after any field, in place.

type tabSub struct{ S string }

type tabIface interface{ tabName() string }

func (s *tabSub) tabName() string { return s.S }

// encodeXML writes s as a generated encoder of a complex type would.
func (s *tabSub) encodeXML(w *xmlWriter, ns int, local string, xsiType bool) {
	w.TextElem(ns, local, s.S)
}

type tabNamedString string

// tabT has a field of each kind, in the order of tabTFields.
type tabT struct {
	Gen       int16
	Ptr       *tabSub
	Slice     []tabSub
	Iface     tabIface
	B64       []byte
	PText     *tabNamedString
	PTextNZ   *string
	PBool     *bool
	PInt32    *int32
	PInt64    *int64
	PFloat64  *float64
	PDT       *XSDateTime
	PDTNZ     *XSDateTime
	Text      tabNamedString
	TextNZ    string
	TextTr    string
	Bool      bool
	BoolTr    bool
	I32       int32
	I32Tr     int32
	I64       int64
	I64Tr     int64
	missing   uint64
	XSUnknown *XSUnknown
}

var tabTFields = []xmlEncField{
	{unsafe.Offsetof(tabT{}.Gen), "Gen", 2, xmlEncGen, 0},
	{unsafe.Offsetof(tabT{}.Ptr), "Ptr", 2, xmlEncGenPtr, 0},
	{unsafe.Offsetof(tabT{}.Slice), "Slice", 2, xmlEncGenSlice, 0},
	{unsafe.Offsetof(tabT{}.Iface), "Iface", 2, xmlEncGenIface, 0},
	{unsafe.Offsetof(tabT{}.B64), "B64", 2, xmlEncBase64, 0},
	{unsafe.Offsetof(tabT{}.PText), "PText", 2, xmlEncPText, 0},
	{unsafe.Offsetof(tabT{}.PTextNZ), "PTextNZ", 1, xmlEncPTextNZ, 0},
	{unsafe.Offsetof(tabT{}.PBool), "PBool", 2, xmlEncPBool, 0},
	{unsafe.Offsetof(tabT{}.PInt32), "PInt32", 2, xmlEncPInt32, 0},
	{unsafe.Offsetof(tabT{}.PInt64), "PInt64", 2, xmlEncPInt64, 0},
	{unsafe.Offsetof(tabT{}.PFloat64), "PFloat64", 2, xmlEncPFloat64, 0},
	{unsafe.Offsetof(tabT{}.PDT), "PDT", 2, xmlEncPDateTime, 0},
	{unsafe.Offsetof(tabT{}.PDTNZ), "PDTNZ", 2, xmlEncPDateTimeNZ, 0},
	{unsafe.Offsetof(tabT{}.Text), "Text", 0, xmlEncText, 0},
	{unsafe.Offsetof(tabT{}.TextNZ), "TextNZ", 2, xmlEncTextNZ, 0},
	{unsafe.Offsetof(tabT{}.TextTr), "TextTr", 2, xmlEncTextTracked, 0},
	{unsafe.Offsetof(tabT{}.Bool), "Bool", 2, xmlEncBool, 0},
	{unsafe.Offsetof(tabT{}.BoolTr), "BoolTr", 2, xmlEncBoolTracked, 1},
	{unsafe.Offsetof(tabT{}.I32), "I32", 2, xmlEncInt32, 0},
	{unsafe.Offsetof(tabT{}.I32Tr), "I32Tr", 2, xmlEncInt32Tracked, 2},
	{unsafe.Offsetof(tabT{}.I64), "I64", 2, xmlEncInt64, 0},
	{unsafe.Offsetof(tabT{}.I64Tr), "I64Tr", 2, xmlEncInt64Tracked, 63},
}

// tabGenFields are the fields the generated code of tabT writes.
const tabGenFields = 4

// encodeTable is tabT's encoder as the generator writes it: the table,
// and a switch for the fields it returns. entered counts the cases run.
func (v *tabT) encodeTable(w *xmlWriter, entered *[tabGenFields]int) {
	w.Open(1, "R")
	m := w.Content(v.XSUnknown)
	var e xmlElem
	for i := w.Fields(unsafe.Pointer(v), tabTFields, v.XSUnknown, v.missing, -1, nil); i >= 0; i = w.Fields(unsafe.Pointer(v), tabTFields, v.XSUnknown, v.missing, i, e) {
		e = nil
		entered[i]++
		switch i {
		case 0:
			w.IntElem(2, "Gen", int64(v.Gen))
		case 1:
			e = v.Ptr
		case 2:
			for j := range v.Slice {
				w.TextElem(2, "Slice", v.Slice[j].S)
			}
		case 3:
			w.TextElem(2, "Iface", v.Iface.tabName())
		default:
			panic(fmt.Sprintf("Fields returned %d", i))
		}
	}
	w.End(m, 1, "R")
}

// encodeFields is tabT's encoder written field by field, with the
// one-call writers of fields.go and Unknown after each field.
func (v *tabT) encodeFields(w *xmlWriter) {
	w.Open(1, "R")
	m := w.Content(v.XSUnknown)
	u := v.XSUnknown
	w.IntElem(2, "Gen", int64(v.Gen))
	w.Unknown(u, 1)
	if v.Ptr != nil {
		w.TextElem(2, "Ptr", v.Ptr.S)
	}
	w.Unknown(u, 2)
	for j := range v.Slice {
		w.TextElem(2, "Slice", v.Slice[j].S)
	}
	w.Unknown(u, 3)
	if v.Iface != nil {
		w.TextElem(2, "Iface", v.Iface.tabName())
	}
	w.Unknown(u, 4)
	if v.B64 != nil {
		w.Base64Elem(2, "B64", v.B64)
	}
	w.Unknown(u, 5)
	w.PTextElemU(2, "PText", (*string)(v.PText), u, 6)
	w.PTextElemNZU(1, "PTextNZ", v.PTextNZ, u, 7)
	w.PBoolElemU(2, "PBool", v.PBool, u, 8)
	w.PInt32ElemU(2, "PInt32", v.PInt32, u, 9)
	w.PInt64ElemU(2, "PInt64", v.PInt64, u, 10)
	w.PFloat64ElemU(2, "PFloat64", v.PFloat64, u, 11)
	w.PDateTimeElemU(2, "PDT", v.PDT, u, 12)
	w.PDateTimeElemNZU(2, "PDTNZ", v.PDTNZ, u, 13)
	w.TextElem(0, "Text", string(v.Text))
	w.Unknown(u, 14)
	if v.TextNZ != "" {
		w.TextElem(2, "TextNZ", v.TextNZ)
	}
	w.Unknown(u, 15)
	if v.missing&(1<<0) == 0 || v.TextTr != "" {
		w.TextElem(2, "TextTr", v.TextTr)
	}
	w.Unknown(u, 16)
	w.BoolElem(2, "Bool", v.Bool)
	w.Unknown(u, 17)
	if v.missing&(1<<1) == 0 || v.BoolTr {
		w.BoolElem(2, "BoolTr", v.BoolTr)
	}
	w.Unknown(u, 18)
	w.IntElem(2, "I32", int64(v.I32))
	w.Unknown(u, 19)
	if v.missing&(1<<2) == 0 || v.I32Tr != 0 {
		w.IntElem(2, "I32Tr", int64(v.I32Tr))
	}
	w.Unknown(u, 20)
	w.IntElem(2, "I64", v.I64)
	w.Unknown(u, 21)
	if v.missing&(1<<63) == 0 || v.I64Tr != 0 {
		w.IntElem(2, "I64Tr", v.I64Tr)
	}
	w.EndU(m, 1, "R", u, 22)
}

func tabPtr[T any](v T) *T { return &v }

// tabValues returns tabT values covering each kind: absent, zero, set,
// text to escape.
func tabValues(t *testing.T) map[string]*tabT {
	dt, err := XSParseDateTime("2024-01-02T03:04:05.5+01:00")
	if err != nil {
		t.Fatal(err)
	}
	full := &tabT{
		Gen:      -3,
		Ptr:      &tabSub{S: "p"},
		Slice:    []tabSub{{S: "s1"}, {S: "s2 & <s3>"}},
		Iface:    &tabSub{S: "i"},
		B64:      []byte("hello"),
		PText:    tabPtr(tabNamedString("a < b")),
		PTextNZ:  tabPtr("nz"),
		PBool:    tabPtr(true),
		PInt32:   tabPtr(int32(-2147483648)),
		PInt64:   tabPtr(int64(9223372036854775807)),
		PFloat64: tabPtr(2.5e-7),
		PDT:      &dt,
		PDTNZ:    &dt,
		Text:     "t\r\n\x01\xff",
		TextNZ:   "x",
		TextTr:   "y",
		Bool:     true,
		BoolTr:   true,
		I32:      7,
		I32Tr:    -7,
		I64:      1 << 40,
		I64Tr:    -1,
	}
	zeroes := &tabT{
		Slice:    []tabSub{},
		B64:      []byte{},
		PText:    tabPtr(tabNamedString("")),
		PTextNZ:  tabPtr(""),
		PBool:    tabPtr(false),
		PInt32:   tabPtr(int32(0)),
		PInt64:   tabPtr(int64(0)),
		PFloat64: tabPtr(0.0),
		PDT:      &XSDateTime{},
		PDTNZ:    &XSDateTime{},
	}
	missing := &tabT{missing: 1<<0 | 1<<1 | 1<<2 | 1<<63}
	missingSet := *full
	missingSet.missing = missing.missing
	return map[string]*tabT{
		"absent":      {},
		"full":        full,
		"zeroes":      zeroes,
		"missing":     missing,
		"missing set": &missingSet,
	}
}

func TestFieldsKinds(t *testing.T) {
	for name, v := range tabValues(t) {
		for _, prefixes := range [][]string{writerPrefixes, {"", "", "t:", "xsi:"}} {
			want := &xmlWriter{Prefix: prefixes, URIs: writerURIs}
			v.encodeFields(want)
			got := &xmlWriter{Prefix: prefixes, URIs: writerURIs}
			var entered [tabGenFields]int
			v.encodeTable(got, &entered)
			if string(got.Buf) != string(want.Buf) {
				t.Errorf("%s, prefixes %q:\ngot  %s\nwant %s", name, prefixes, got.Buf, want.Buf)
			}
			// the generated code is entered for a field it writes, once
			wantEntered := [tabGenFields]int{1, 0, 0, 0}
			if v.Ptr != nil {
				wantEntered[1] = 1
			}
			if v.Slice != nil {
				wantEntered[2] = 1
			}
			if v.Iface != nil {
				wantEntered[3] = 1
			}
			if entered != wantEntered {
				t.Errorf("%s: generated cases entered %v, want %v", name, entered, wantEntered)
			}
		}
	}
	// the values of the full case are there (the comparison above does not
	// compare with nothing)
	w := &xmlWriter{Prefix: writerPrefixes, URIs: writerURIs}
	var entered [tabGenFields]int
	tabValues(t)["full"].encodeTable(w, &entered)
	for _, s := range []string{
		`<m:R><t:Gen>-3</t:Gen><t:Ptr>p</t:Ptr><t:Slice>s1</t:Slice><t:Slice>s2 &amp; &lt;s3&gt;</t:Slice><t:Iface>i</t:Iface><t:B64>aGVsbG8=</t:B64><t:PText>a &lt; b</t:PText><m:PTextNZ>nz</m:PTextNZ>`,
		`<t:PBool>true</t:PBool><t:PInt32>-2147483648</t:PInt32><t:PInt64>9223372036854775807</t:PInt64><t:PFloat64>2.5E-07</t:PFloat64>`,
		`<t:PDT>2024-01-02T03:04:05.5+01:00</t:PDT><t:PDTNZ>2024-01-02T03:04:05.5+01:00</t:PDTNZ><Text>t&#xD;` + "\n\uFFFD\uFFFD" + `</Text>`,
		`<t:TextNZ>x</t:TextNZ><t:TextTr>y</t:TextTr><t:Bool>true</t:Bool><t:BoolTr>true</t:BoolTr><t:I32>7</t:I32><t:I32Tr>-7</t:I32Tr><t:I64>1099511627776</t:I64><t:I64Tr>-1</t:I64Tr></m:R>`,
	} {
		if !strings.Contains(string(w.Buf), s) {
			t.Errorf("full: %s\nmissing %s", w.Buf, s)
		}
	}
	w.Buf = w.Buf[:0]
	tabValues(t)["missing"].encodeTable(w, &entered)
	if want := `<m:R><t:Gen>0</t:Gen><Text></Text><t:Bool>false</t:Bool><t:I32>0</t:I32><t:I64>0</t:I64></m:R>`; string(w.Buf) != want {
		t.Errorf("missing:\ngot  %s\nwant %s", w.Buf, want)
	}
}

// Unknown content kept after any field (and before the first) is written
// in place, between fields the table writes as between those the
// generated code writes.
func TestFieldsUnknownInPlace(t *testing.T) {
	n := len(tabTFields)
	for name, v := range tabValues(t) {
		u := &XSUnknown{}
		for at := 0; at <= n; at++ {
			u.Nodes = append(u.Nodes, XSUnknownNode{After: at, XSAnyNode: XSAnyNode{Text: fmt.Sprintf("[%d]", at)}})
			if at%3 == 0 {
				u.Nodes = append(u.Nodes, XSUnknownNode{After: at, XSAnyNode: XSAnyNode{Elem: &XSAnyElement{Name: XSQName{Space: "urn:x", Local: fmt.Sprintf("x%d", at)}}}})
			}
		}
		c := *v
		c.XSUnknown = u
		want := &xmlWriter{Prefix: writerPrefixes, URIs: writerURIs}
		c.encodeFields(want)
		got := &xmlWriter{Prefix: writerPrefixes, URIs: writerURIs}
		var entered [tabGenFields]int
		c.encodeTable(got, &entered)
		if string(got.Buf) != string(want.Buf) {
			t.Errorf("%s:\ngot  %s\nwant %s", name, got.Buf, want.Buf)
		}
		for at := 0; at <= n; at++ {
			if !strings.Contains(string(got.Buf), fmt.Sprintf("[%d]", at)) {
				t.Errorf("%s: unknown text after %d fields not written: %s", name, at, got.Buf)
			}
		}
	}
	// between two fields the table writes, and at the end
	v := &tabT{PBool: tabPtr(true), PInt32: tabPtr(int32(1)), missing: 1<<0 | 1<<1 | 1<<2 | 1<<63, XSUnknown: &XSUnknown{Nodes: []XSUnknownNode{
		{After: 8, XSAnyNode: XSAnyNode{Text: "between"}},
		{After: 22, XSAnyNode: XSAnyNode{Text: "end"}},
	}}}
	w := &xmlWriter{Prefix: writerPrefixes, URIs: writerURIs}
	var entered [tabGenFields]int
	v.encodeTable(w, &entered)
	if want := `<m:R><t:Gen>0</t:Gen><t:PBool>true</t:PBool>between<t:PInt32>1</t:PInt32><Text></Text><t:Bool>false</t:Bool><t:I32>0</t:I32><t:I64>0</t:I64>end</m:R>`; string(w.Buf) != want {
		t.Errorf("got  %s\nwant %s", w.Buf, want)
	}
}

// An element whose table writes nothing is written as an empty-element
// tag, as End does.
func TestFieldsEmpty(t *testing.T) {
	fs := tabTFields[1:4]
	v := &tabT{}
	w := &xmlWriter{Prefix: writerPrefixes, URIs: writerURIs}
	w.Open(1, "R")
	m := w.Content(nil)
	if i := w.Fields(unsafe.Pointer(v), fs, nil, 0, -1, nil); i != -1 {
		t.Fatalf("Fields returned %d for absent fields", i)
	}
	w.End(m, 1, "R")
	if got, want := string(w.Buf), `<m:R/>`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// xmlCleanPrefix finds the first byte to escape wherever it is.
func TestCleanPrefix(t *testing.T) {
	for _, cls := range []byte{xmlClsEscText, xmlClsEscAttr} {
		for n := 0; n <= 11; n++ {
			for at := 0; at <= n; at++ {
				for _, c := range []byte{'&', '<', '>', '"', '\r', '\n', '\t', 0x01, 0xc3} {
					b := []byte(strings.Repeat("a", n))
					if at < n {
						b[at] = c
					}
					want := n
					for i, x := range b {
						if xmlClass[x]&cls != 0 {
							want = i
							break
						}
					}
					if got := xmlCleanPrefix(string(b), cls); got != want {
						t.Errorf("xmlCleanPrefix(%q, %d) = %d, want %d", b, cls, got, want)
					}
				}
			}
		}
	}
}
