package ewsrt

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// tdStruct has a field of each kind NextP stores, named after the kind
// (Str, PStr, Strs, ...), a field the "generated switch" reads (Sw), and
// the fields every generated struct has.
type tdStruct struct {
	missing   uint64
	XSUnknown *XSUnknown

	Str      string
	Bool     bool
	Int8     int8
	Int16    int16
	Int32    int32
	Int64    int64
	Uint8    uint8
	Uint16   uint16
	Uint32   uint32
	Uint64   uint64
	Float32  float32
	Float64  float64
	Base64   []byte
	Hex      []byte
	DateTime XSDateTime
	Date     XSDate
	Time     XSTime
	Duration XSDuration
	Decimal  XSDecimal
	QName    XSQName

	PStr      *string
	PBool     *bool
	PInt8     *int8
	PInt16    *int16
	PInt32    *int32
	PInt64    *int64
	PUint8    *uint8
	PUint16   *uint16
	PUint32   *uint32
	PUint64   *uint64
	PFloat32  *float32
	PFloat64  *float64
	PDateTime *XSDateTime
	PDate     *XSDate
	PTime     *XSTime
	PDuration *XSDuration
	PDecimal  *XSDecimal
	PQName    *XSQName

	Strs      []string
	Bools     []bool
	Int8s     []int8
	Int16s    []int16
	Int32s    []int32
	Int64s    []int64
	Uint8s    []uint8
	Uint16s   []uint16
	Uint32s   []uint32
	Uint64s   []uint64
	Float32s  []float32
	Float64s  []float64
	Base64s   [][]byte
	Hexs      [][]byte
	DateTimes []XSDateTime
	Dates     []XSDate
	Times     []XSTime
	Durations []XSDuration
	Decimals  []XSDecimal
	QNames    []XSQName

	Sw string

	PStrNil  bool // PStr sent as xsi:nil
	Int32Nil bool // Int32 sent as xsi:nil
}

// tdBases are the base types of the kinds, with a valid and an invalid
// lexical form of each.
var tdBases = []struct{ name, good, bad string }{
	{"Str", "a&amp;b", "<x/>"},
	{"Bool", "1", "yes"},
	{"Int8", " -7 ", "300"},
	{"Int16", "-300", "70000"},
	{"Int32", "123456", "x"},
	{"Int64", "-9000000000", "1.5"},
	{"Uint8", "200", "-1"},
	{"Uint16", "60000", "70000"},
	{"Uint32", "4000000000", "-1"},
	{"Uint64", "18000000000000000000", "x"},
	{"Float32", "1.5", "abc"},
	{"Float64", "-2.25E3", "1,5"},
	{"Base64", "aGk=", "!!"},
	{"Hex", "ABff", "zz"},
	{"DateTime", "2024-01-02T03:04:05Z", "2024-13-01T00:00:00"},
	{"Date", "2024-01-02", "2024-1-2"},
	{"Time", "03:04:05", "25:00:00"},
	{"Duration", "PT1H", "1H"},
	{"Decimal", "-1.50", "1e3"},
	{"QName", "t:x", "u:x"},
}

// tdKinds maps the fields of tdStruct NextP reads to their kinds.
var tdKinds = map[string]xmlKind{
	"Str": xmlKStr, "Bool": xmlKBool, "Int8": xmlKInt8, "Int16": xmlKInt16, "Int32": xmlKInt32, "Int64": xmlKInt64,
	"Uint8": xmlKUint8, "Uint16": xmlKUint16, "Uint32": xmlKUint32, "Uint64": xmlKUint64,
	"Float32": xmlKFloat32, "Float64": xmlKFloat64, "Base64": xmlKBase64, "Hex": xmlKHex,
	"DateTime": xmlKDateTime, "Date": xmlKDate, "Time": xmlKTime, "Duration": xmlKDuration,
	"Decimal": xmlKDecimal, "QName": xmlKQName,

	"PStr": xmlKPStr, "PBool": xmlKPBool, "PInt8": xmlKPInt8, "PInt16": xmlKPInt16, "PInt32": xmlKPInt32, "PInt64": xmlKPInt64,
	"PUint8": xmlKPUint8, "PUint16": xmlKPUint16, "PUint32": xmlKPUint32, "PUint64": xmlKPUint64,
	"PFloat32": xmlKPFloat32, "PFloat64": xmlKPFloat64,
	"PDateTime": xmlKPDateTime, "PDate": xmlKPDate, "PTime": xmlKPTime, "PDuration": xmlKPDuration,
	"PDecimal": xmlKPDecimal, "PQName": xmlKPQName,

	"Strs": xmlKStrs, "Bools": xmlKBools, "Int8s": xmlKInt8s, "Int16s": xmlKInt16s, "Int32s": xmlKInt32s, "Int64s": xmlKInt64s,
	"Uint8s": xmlKUint8s, "Uint16s": xmlKUint16s, "Uint32s": xmlKUint32s, "Uint64s": xmlKUint64s,
	"Float32s": xmlKFloat32s, "Float64s": xmlKFloat64s, "Base64s": xmlKBase64s, "Hexs": xmlKHexes,
	"DateTimes": xmlKDateTimes, "Dates": xmlKDates, "Times": xmlKTimes, "Durations": xmlKDurations,
	"Decimals": xmlKDecimals, "QNames": xmlKQNames,
}

// tdTable returns the table of tdStruct, in field order (the order At and
// Field rely on): an entry per field, with its kind and the missing bit
// bits has for it (bit+1, 0 for none), and Sw of kind xmlKSwitch.
func tdTable(t *testing.T, bits map[string]uint8) []xmlField {
	t.Helper()
	st := reflect.TypeOf(tdStruct{})
	var fs []xmlField
	for i := 0; i < st.NumField(); i++ {
		sf := st.Field(i)
		k, ok := tdKinds[sf.Name]
		if !ok && sf.Name != "Sw" {
			continue
		}
		fs = append(fs, xmlField{NS: 4, Local: sf.Name, At: i, Kind: k, Bit: bits[sf.Name], Off: sf.Offset})
	}
	if len(fs) != len(tdKinds)+1 {
		t.Fatalf("%d entries for %d kinds", len(fs), len(tdKinds))
	}
	seen := map[xmlKind]bool{}
	for _, k := range tdKinds {
		if seen[k] || k == xmlKSwitch || k > xmlKQNames {
			t.Fatalf("kind %d twice or out of range", k)
		}
		seen[k] = true
	}
	if len(seen) != int(xmlKQNames) {
		t.Fatalf("%d kinds tested, %d declared", len(seen), xmlKQNames)
	}
	return fs
}

// tdRef is the decoder a generated package had before NextP: the runtime's
// loop, then a switch whose cases are the one-call readers.
func tdRef(d *xmlDecoder, v *tdStruct, fs []xmlField, sw *[]string) error {
	at := 0
	for {
		c, err := d.Elem(&v.XSUnknown, at)
		if c == nil {
			return err
		}
		i := d.Field(c, fs, &at)
		if i < 0 {
			if err := d.Unknown(c, &v.XSUnknown, at); err != nil {
				return err
			}
			continue
		}
		if fs[i].Bit != 0 {
			v.missing &^= 1 << (fs[i].Bit - 1)
		}
		switch fs[i].Local {
		case "Sw":
			*sw = append(*sw, string(c.Local))
			v.Sw = d.TextStr()
		case "Str":
			v.Str = d.TextStr()
		case "Bool":
			v.Bool = d.TextBool()
		case "Int8":
			v.Int8 = int8(d.TextInt(8))
		case "Int16":
			v.Int16 = int16(d.TextInt(16))
		case "Int32":
			v.Int32 = int32(d.TextInt(32))
		case "Int64":
			v.Int64 = d.TextInt(64)
		case "Uint8":
			v.Uint8 = uint8(d.TextUint(8))
		case "Uint16":
			v.Uint16 = uint16(d.TextUint(16))
		case "Uint32":
			v.Uint32 = uint32(d.TextUint(32))
		case "Uint64":
			v.Uint64 = d.TextUint(64)
		case "Float32":
			v.Float32 = float32(d.TextFloat(32))
		case "Float64":
			v.Float64 = d.TextFloat(64)
		case "Base64":
			v.Base64 = d.TextBase64()
		case "Hex":
			v.Hex = d.TextHex()
		case "DateTime":
			v.DateTime = d.TextDateTime()
		case "Date":
			v.Date = d.TextDate()
		case "Time":
			v.Time = d.TextTime()
		case "Duration":
			v.Duration = d.TextDuration()
		case "Decimal":
			v.Decimal = d.TextDecimal()
		case "QName":
			v.QName = d.TextQName()
		case "PStr":
			v.PStr = d.TextPString()
		case "PBool":
			v.PBool = d.TextPBool()
		case "PInt8":
			pv := int8(d.TextInt(8))
			v.PInt8 = &pv
		case "PInt16":
			pv := int16(d.TextInt(16))
			v.PInt16 = &pv
		case "PInt32":
			v.PInt32 = d.TextPInt32()
		case "PInt64":
			v.PInt64 = d.TextPInt64()
		case "PUint8":
			pv := uint8(d.TextUint(8))
			v.PUint8 = &pv
		case "PUint16":
			pv := uint16(d.TextUint(16))
			v.PUint16 = &pv
		case "PUint32":
			pv := uint32(d.TextUint(32))
			v.PUint32 = &pv
		case "PUint64":
			pv := d.TextUint(64)
			v.PUint64 = &pv
		case "PFloat32":
			pv := float32(d.TextFloat(32))
			v.PFloat32 = &pv
		case "PFloat64":
			v.PFloat64 = d.TextPFloat64()
		case "PDateTime":
			v.PDateTime = d.TextPDateTime()
		case "PDate":
			pv := d.TextDate()
			v.PDate = &pv
		case "PTime":
			pv := d.TextTime()
			v.PTime = &pv
		case "PDuration":
			pv := d.TextDuration()
			v.PDuration = &pv
		case "PDecimal":
			pv := d.TextDecimal()
			v.PDecimal = &pv
		case "PQName":
			pv := d.TextQName()
			v.PQName = &pv
		case "Strs":
			v.Strs = append(v.Strs, d.TextStr())
		case "Bools":
			v.Bools = append(v.Bools, d.TextBool())
		case "Int8s":
			v.Int8s = append(v.Int8s, int8(d.TextInt(8)))
		case "Int16s":
			v.Int16s = append(v.Int16s, int16(d.TextInt(16)))
		case "Int32s":
			v.Int32s = append(v.Int32s, int32(d.TextInt(32)))
		case "Int64s":
			v.Int64s = append(v.Int64s, d.TextInt(64))
		case "Uint8s":
			v.Uint8s = append(v.Uint8s, uint8(d.TextUint(8)))
		case "Uint16s":
			v.Uint16s = append(v.Uint16s, uint16(d.TextUint(16)))
		case "Uint32s":
			v.Uint32s = append(v.Uint32s, uint32(d.TextUint(32)))
		case "Uint64s":
			v.Uint64s = append(v.Uint64s, d.TextUint(64))
		case "Float32s":
			v.Float32s = append(v.Float32s, float32(d.TextFloat(32)))
		case "Float64s":
			v.Float64s = append(v.Float64s, d.TextFloat(64))
		case "Base64s":
			v.Base64s = append(v.Base64s, d.TextBase64())
		case "Hexs":
			v.Hexs = append(v.Hexs, d.TextHex())
		case "DateTimes":
			v.DateTimes = append(v.DateTimes, d.TextDateTime())
		case "Dates":
			v.Dates = append(v.Dates, d.TextDate())
		case "Times":
			v.Times = append(v.Times, d.TextTime())
		case "Durations":
			v.Durations = append(v.Durations, d.TextDuration())
		case "Decimals":
			v.Decimals = append(v.Decimals, d.TextDecimal())
		case "QNames":
			v.QNames = append(v.QNames, d.TextQName())
		default:
			panic("tdRef: no case for " + fs[i].Local)
		}
	}
}

// tdNextP is a decoder as generated with NextP: the switch keeps the
// entries of kind xmlKSwitch.
func tdNextP(d *xmlDecoder, v *tdStruct, fs []xmlField, sw *[]string) error {
	at := 0
	for {
		c, i := d.NextP(unsafe.Pointer(v), &v.missing, &v.XSUnknown, fs, &at)
		if i < 0 {
			return d.Err()
		}
		if fs[i].Local != "Sw" {
			panic("NextP returned an entry with a kind: " + fs[i].Local)
		}
		*sw = append(*sw, string(c.Local))
		v.Sw = d.TextStr()
	}
}

type tdResult struct {
	v   tdStruct
	sw  []string
	err string
}

func tdRun(t *testing.T, doc string, fs []xmlField, lim xmlLimits, dec func(*xmlDecoder, *tdStruct, []xmlField, *[]string) error) tdResult {
	t.Helper()
	d := xmlNewDecoder([]byte(doc), testNSTable, lim)
	if _, err := d.Root(); err != nil {
		t.Fatal(err)
	}
	var r tdResult
	r.v.missing = ^uint64(0)
	if err := dec(d, &r.v, fs, &r.sw); err != nil {
		r.err = err.Error()
	}
	return r
}

// Every kind stores what the one-call reader a generated case called
// stored, clears the field's missing bit, records the same error on a
// bad lexical form (the value read stored even then), and leaves elements
// the table does not name as unknown content after the same field; the
// entries of kind xmlKSwitch are returned to the caller.
func TestNextPKinds(t *testing.T) {
	bits := map[string]uint8{}
	fs0 := tdTable(t, nil)
	for i, f := range fs0 {
		if f.Kind != xmlKSwitch {
			bits[f.Local] = uint8(i%64) + 1
		}
	}
	fs := tdTable(t, bits)
	const open = `<t:R xmlns:t="urn:test:ns">`
	for _, f := range fs {
		if f.Kind == xmlKSwitch {
			continue
		}
		base := strings.TrimSuffix(strings.TrimPrefix(f.Local, "P"), "s")
		var b struct{ name, good, bad string }
		for _, x := range tdBases {
			if x.name == base {
				b = x
			}
		}
		if b.name == "" {
			t.Fatalf("%s: no lexical forms", f.Local)
		}
		el := func(text string) string { return "<t:" + f.Local + ">" + text + "</t:" + f.Local + ">" }
		t.Run(f.Local, func(t *testing.T) {
			good := open + `<t:Sw>s</t:Sw>` + el(b.good) + `<t:Zz>u</t:Zz>` + el(b.good) + `</t:R>`
			got, want := tdRun(t, good, fs, xmlLimits{}, tdNextP), tdRun(t, good, fs, xmlLimits{}, tdRef)
			if got.err != "" || want.err != "" {
				t.Fatalf("errors: NextP %q, reference %q", got.err, want.err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("NextP stored\n%+v\nthe reference\n%+v", got.v, want.v)
			}
			// the value is there, and read twice for a slice
			fv := reflect.ValueOf(got.v).FieldByName(f.Local)
			switch {
			case fv.Kind() == reflect.Pointer && fv.IsNil(),
				fv.Kind() == reflect.Slice && fv.Len() == 0,
				fv.IsZero():
				t.Errorf("%s not stored: %v", f.Local, fv)
			case strings.HasSuffix(f.Local, "s") && f.Local != "Str" && fv.Len() != 2:
				t.Errorf("%s: %d values, want 2", f.Local, fv.Len())
			}
			if want := ^uint64(0) &^ (1 << (f.Bit - 1)); got.v.missing != want {
				t.Errorf("missing = %#x, want %#x", got.v.missing, want)
			}
			if len(got.sw) != 1 || got.v.Sw != "s" {
				t.Errorf("the switch read %v (Sw %q)", got.sw, got.v.Sw)
			}
			if u := got.v.XSUnknown; u == nil || len(u.Nodes) != 1 || u.Nodes[0].After != f.At || u.Nodes[0].Elem == nil || u.Nodes[0].Elem.Name.Local != "Zz" {
				t.Errorf("unknown content: %+v", u)
			}

			bad := open + el(b.bad) + `<t:Sw>s</t:Sw></t:R>`
			got, want = tdRun(t, bad, fs, xmlLimits{}, tdNextP), tdRun(t, bad, fs, xmlLimits{}, tdRef)
			if got.err == "" || got.err != want.err {
				t.Errorf("bad %q: NextP error %q, reference %q", b.bad, got.err, want.err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("after a bad value NextP left\n%+v\nthe reference\n%+v", got.v, want.v)
			}
			if len(got.sw) != 0 {
				t.Errorf("read on after the error: %v", got.sw)
			}

			// strict: unknown content is a problem, the fields are read the same
			strict := open + `<t:Zz>u</t:Zz>` + el(b.good) + `</t:R>`
			got, want = tdRun(t, strict, fs, xmlLimits{Strict: true}, tdNextP), tdRun(t, strict, fs, xmlLimits{Strict: true}, tdRef)
			if !reflect.DeepEqual(got, want) || got.v.XSUnknown != nil {
				t.Errorf("strict: NextP\n%+v\nthe reference\n%+v", got, want)
			}
		})
	}
}

// A table whose entries all have a kind is read in one NextP call, which
// returns only at the end of the content; a missing field keeps its bit.
func TestNextPAllKinds(t *testing.T) {
	st := reflect.TypeOf(tdStruct{})
	off := func(name string) uintptr { sf, _ := st.FieldByName(name); return sf.Offset }
	fs := []xmlField{
		{NS: 4, Local: "Str", At: 3, Kind: xmlKStr, Bit: 1, Off: off("Str")},
		{NS: 4, Local: "Int32", At: 7, Kind: xmlKInt32, Bit: 2, Off: off("Int32")},
		{NS: 4, Local: "PInt32", At: 27, Kind: xmlKPInt32, Off: off("PInt32")},
	}
	doc := `<t:R xmlns:t="urn:test:ns"><t:PInt32>5</t:PInt32><t:Str>x</t:Str></t:R>`
	d := xmlNewDecoder([]byte(doc), testNSTable, xmlLimits{})
	if _, err := d.Root(); err != nil {
		t.Fatal(err)
	}
	var v tdStruct
	v.missing = 3
	at := 0
	if c, i := d.NextP(unsafe.Pointer(&v), &v.missing, &v.XSUnknown, fs, &at); c != nil || i != -1 || d.Err() != nil {
		t.Fatalf("NextP = %v, %d, %v", c, i, d.Err())
	}
	if v.Str != "x" || v.PInt32 == nil || *v.PInt32 != 5 || v.missing != 2 || at != 3 {
		t.Errorf("v = %+v, at %d", v, at)
	}
}

// An element of a nillable field sent as xsi:nil sets the field's nil
// bool, clears its missing bit and is skipped, content and all; with
// xsi:nil="false" it is read as usual.
func TestNextPNil(t *testing.T) {
	st := reflect.TypeOf(tdStruct{})
	off := func(name string) uintptr { sf, _ := st.FieldByName(name); return sf.Offset }
	fs := []xmlField{
		{NS: 4, Local: "Int32", At: 7, Kind: xmlKInt32, Bit: 1, Nil: uint32(off("Int32Nil")) + 1, Off: off("Int32")},
		{NS: 4, Local: "PStr", At: 23, Kind: xmlKPStr, Nil: uint32(off("PStrNil")) + 1, Off: off("PStr")},
		{NS: 4, Local: "Sw", At: 80, Off: off("Sw")},
	}
	const open = `<t:R xmlns:t="urn:test:ns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
	for _, c := range []struct {
		doc       string
		int32     int32
		int32Nil  bool
		pstr      string // "-" for nil
		pstrNil   bool
		missing   uint64
		sw        int
		errSubstr string
	}{
		{doc: open + `<t:Int32 xsi:nil="true"/><t:PStr xsi:nil=" 1 ">x<t:y/></t:PStr><t:Sw/></t:R>`, int32Nil: true, pstr: "-", pstrNil: true, missing: 0, sw: 1},
		{doc: open + `<t:Int32 xsi:nil="false">4</t:Int32><t:PStr xsi:nil="0">x</t:PStr></t:R>`, int32: 4, pstr: "x", missing: 0},
		{doc: open + `<t:PStr t:nil="true">x</t:PStr></t:R>`, pstr: "x", missing: 1},
		{doc: open + `<t:PStr xsi:nil="true">x<t:y></t:PStr></t:R>`, pstr: "-", pstrNil: true, missing: 1, errSubstr: "y"},
	} {
		d := xmlNewDecoder([]byte(c.doc), testNSTable, xmlLimits{})
		if _, err := d.Root(); err != nil {
			t.Fatal(err)
		}
		var v tdStruct
		v.missing = 1
		at, sw := 0, 0
		for {
			_, i := d.NextP(unsafe.Pointer(&v), &v.missing, &v.XSUnknown, fs, &at)
			if i < 0 {
				break
			}
			sw++
			d.Skip()
		}
		err := d.Err()
		if c.errSubstr == "" && err != nil || c.errSubstr != "" && (err == nil || !strings.Contains(err.Error(), c.errSubstr)) {
			t.Errorf("%s: error %v, want %q", c.doc, err, c.errSubstr)
		}
		pstr := "-"
		if v.PStr != nil {
			pstr = *v.PStr
		}
		if v.Int32 != c.int32 || v.Int32Nil != c.int32Nil || pstr != c.pstr || v.PStrNil != c.pstrNil || v.missing != c.missing || sw != c.sw {
			t.Errorf("%s: got Int32 %d nil %v, PStr %q nil %v, missing %d, %d for the switch", c.doc, v.Int32, v.Int32Nil, pstr, v.PStrNil, v.missing, sw)
		}
	}
}
