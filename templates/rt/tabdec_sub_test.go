package ewsrt

import (
	"reflect"
	"testing"
	"unsafe"
)

// tdChild is a struct of complex type as generated: its decoder is NextP
// over its table (an int32 and a string, the int32 required).
type tdChild struct {
	missing   uint64
	XSUnknown *XSUnknown
	N         int32
	S         string
}

var elemsOfTdChild = []xmlField{
	{NS: 4, Local: "N", At: 1, Kind: xmlKInt32, Bit: 1, Off: unsafe.Offsetof(tdChild{}.N)},
	{NS: 4, Local: "S", At: 2, Kind: xmlKStr, Off: unsafe.Offsetof(tdChild{}.S)},
}

func (v *tdChild) decodeXML(d *xmlDecoder, se *xmlStart) error {
	v.missing = 1
	at := 0
	d.NextP(unsafe.Pointer(v), &v.missing, &v.XSUnknown, elemsOfTdChild, &at)
	return d.Err()
}

// tdOther is another alternative of the choice tdChoice.
type tdOther struct {
	XSUnknown *XSUnknown
	S         string
}

var elemsOfTdOther = []xmlField{
	{NS: 4, Local: "S", At: 1, Kind: xmlKStr, Off: unsafe.Offsetof(tdOther{}.S)},
}

func (v *tdOther) decodeXML(d *xmlDecoder, se *xmlStart) error {
	at := 0
	d.NextP(unsafe.Pointer(v), nil, &v.XSUnknown, elemsOfTdOther, &at)
	return d.Err()
}

// tdChoice is a choice's interface, as generated.
type tdChoice interface{ isTdChoice() }

func (*tdChild) isTdChoice() {}
func (*tdOther) isTdChoice() {}

// tdParent has a field of each sub-struct kind and one the switch reads.
type tdParent struct {
	XSUnknown *XSUnknown
	One       *tdChild
	Many      []tdChild
	Alt       tdChoice
	Alts      []tdChoice
	Sw        string
}

// tdParentTable is the parent's table, its sub-struct entries with the
// runtime's kinds when kinds is set, else of kind xmlKSwitch.
func tdParentTable(kinds bool) []xmlField {
	fs := []xmlField{
		{NS: 4, Local: "One", At: 1, Kind: xmlKSub, Off: unsafe.Offsetof(tdParent{}.One), Proto: (*tdChild)(nil)},
		{NS: 4, Local: "Many", At: 2, Kind: xmlKSubs, Off: unsafe.Offsetof(tdParent{}.Many), Proto: (*[]tdChild)(nil)},
		{NS: 4, Local: "Sw", At: 3},
		{NS: 4, Local: "AltC", At: 4, Kind: xmlKAlt, Off: unsafe.Offsetof(tdParent{}.Alt), Proto: &xmlAlt{(*tdChild)(nil), xmlStoreAlt[tdChoice]}},
		{NS: 4, Local: "AltO", At: 4, Kind: xmlKAlt, Off: unsafe.Offsetof(tdParent{}.Alt), Proto: &xmlAlt{(*tdOther)(nil), xmlStoreAlt[tdChoice]}},
		{NS: 4, Local: "AltsC", At: 5, Kind: xmlKAlts, Off: unsafe.Offsetof(tdParent{}.Alts), Proto: &xmlAlt{(*tdChild)(nil), xmlAppendAlt[[]tdChoice]}},
		{NS: 4, Local: "AltsO", At: 5, Kind: xmlKAlts, Off: unsafe.Offsetof(tdParent{}.Alts), Proto: &xmlAlt{(*tdOther)(nil), xmlAppendAlt[[]tdChoice]}},
	}
	if !kinds {
		for i := range fs {
			fs[i].Kind = xmlKSwitch
		}
	}
	return fs
}

// tdParentDecode is the parent's decoder: with the sub-struct entries of
// kind xmlKSwitch, its switch reads them as a generated decoder did.
func tdParentDecode(d *xmlDecoder, v *tdParent, fs []xmlField) error {
	at := 0
	for {
		c, i := d.NextP(unsafe.Pointer(v), nil, &v.XSUnknown, fs, &at)
		switch i {
		case 0:
			v.One = new(tdChild)
			d.Sub(v.One, c)
		case 1:
			v.Many = append(v.Many, tdChild{})
			d.Sub(&v.Many[len(v.Many)-1], c)
		case 2:
			v.Sw = d.TextStr()
		case 3:
			x := new(tdChild)
			d.Sub(x, c)
			v.Alt = x
		case 4:
			x := new(tdOther)
			d.Sub(x, c)
			v.Alt = x
		case 5:
			x := new(tdChild)
			d.Sub(x, c)
			v.Alts = append(v.Alts, x)
		case 6:
			x := new(tdOther)
			d.Sub(x, c)
			v.Alts = append(v.Alts, x)
		default:
			return d.Err()
		}
	}
}

func tdParentRun(t *testing.T, doc string, kinds bool, lim xmlLimits, v *tdParent) string {
	t.Helper()
	d := xmlNewDecoder([]byte(doc), testNSTable, lim)
	if _, err := d.Root(); err != nil {
		t.Fatal(err)
	}
	if err := tdParentDecode(d, v, tdParentTable(kinds)); err != nil {
		return err.Error()
	}
	return ""
}

// The kinds xmlKSub, xmlKSubs, xmlKAlt and xmlKAlts read a field of
// complex type or a choice as the generated cases did (a new value, a
// value appended, a new alternative stored or appended): the same values,
// unknown content kept in the same place (in the parent and in the
// child), the same error from a bad child (the value read so far kept),
// the same in strict mode; an element appended to a slice with spare
// capacity starts from the zero value.
func TestNextPSub(t *testing.T) {
	const open = `<t:R xmlns:t="urn:test:ns">`
	docs := []string{
		open + `<t:One><t:N>1</t:N><t:S>a</t:S></t:One><t:Many><t:N>2</t:N></t:Many><t:Zz/><t:Many><t:S>b</t:S><t:Yy>y</t:Yy></t:Many><t:Sw>s</t:Sw></t:R>`,
		open + `<t:Zz>u</t:Zz><t:Many><t:N>3</t:N></t:Many><t:One><t:Zz/></t:One><t:One><t:N>4</t:N></t:One></t:R>`,
		open + `<t:Many><t:N>1</t:N></t:Many><t:Many><t:N>x</t:N><t:S>c</t:S></t:Many><t:Sw>s</t:Sw></t:R>`,
		open + `<t:One><t:N>99999999999</t:N></t:One><t:Many/></t:R>`,
		open + `<t:One><t:N>1</t:N><t:N></t:One></t:R>`,
		open + `<t:Many><t:S>a</t:S></t:Many><t:Many></t:R>`,
		open + `<t:Sw>s</t:Sw></t:R>`,
		open + `<t:AltC><t:N>1</t:N></t:AltC><t:AltsO><t:S>a</t:S></t:AltsO><t:Zz/><t:AltsC><t:S>b</t:S><t:Yy/></t:AltsC><t:AltsO/></t:R>`,
		open + `<t:AltO><t:S>a</t:S></t:AltO><t:AltC><t:N>x</t:N></t:AltC></t:R>`,
		open + `<t:AltsC><t:N>1</t:N></t:AltsC><t:AltsO><t:S>a</t:S><t:S></t:AltsO></t:R>`,
	}
	for _, doc := range docs {
		for _, lim := range []xmlLimits{{}, {Strict: true}} {
			var got, want tdParent
			gerr := tdParentRun(t, doc, true, lim, &got)
			werr := tdParentRun(t, doc, false, lim, &want)
			if gerr != werr {
				t.Errorf("%s (strict %v): error %q, the switch's %q", doc, lim.Strict, gerr, werr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (strict %v): NextP read\n%+v\nthe switch\n%+v", doc, lim.Strict, got, want)
			}
		}
	}
	// the first document: every value there, unknown content in place
	var v tdParent
	if err := tdParentRun(t, docs[0], true, xmlLimits{}, &v); err != "" {
		t.Fatal(err)
	}
	if v.One == nil || v.One.N != 1 || v.One.S != "a" || v.One.missing != 0 || len(v.Many) != 2 || v.Many[0].N != 2 || v.Many[1].S != "b" || v.Many[1].missing != 1 || v.Sw != "s" {
		t.Errorf("read %+v", v)
	}
	if u := v.XSUnknown; u == nil || len(u.Nodes) != 1 || u.Nodes[0].After != 2 || u.Nodes[0].Elem == nil || u.Nodes[0].Elem.Name.Local != "Zz" {
		t.Errorf("unknown content of the parent: %+v", u)
	}
	if u := v.Many[1].XSUnknown; u == nil || len(u.Nodes) != 1 || u.Nodes[0].After != 2 || u.Nodes[0].Elem == nil || u.Nodes[0].Elem.Name.Local != "Yy" {
		t.Errorf("unknown content of the child: %+v", u)
	}
	// a slice with spare capacity holding an old value: the appended
	// value is read from zero
	v = tdParent{Many: make([]tdChild, 1, 4)}
	v.Many[:2][1] = tdChild{N: 7, S: "old"}
	if err := tdParentRun(t, open+`<t:Many><t:N>5</t:N></t:Many></t:R>`, true, xmlLimits{}, &v); err != "" {
		t.Fatal(err)
	}
	if len(v.Many) != 2 || v.Many[1].N != 5 || v.Many[1].S != "" {
		t.Errorf("appended %+v", v.Many)
	}
	// the alternatives: each of its own type, in document order
	v = tdParent{}
	if err := tdParentRun(t, docs[7], true, xmlLimits{}, &v); err != "" {
		t.Fatal(err)
	}
	if c, ok := v.Alt.(*tdChild); !ok || c.N != 1 || len(v.Alts) != 3 {
		t.Fatalf("read %+v", v)
	}
	if o, ok := v.Alts[0].(*tdOther); !ok || o.S != "a" {
		t.Errorf("Alts[0] = %+v", v.Alts[0])
	}
	if c, ok := v.Alts[1].(*tdChild); !ok || c.S != "b" || c.XSUnknown == nil || len(c.XSUnknown.Nodes) != 1 {
		t.Errorf("Alts[1] = %+v", v.Alts[1])
	}
	if o, ok := v.Alts[2].(*tdOther); !ok || o.S != "" {
		t.Errorf("Alts[2] = %+v", v.Alts[2])
	}
	if u := v.XSUnknown; u == nil || len(u.Nodes) != 1 || u.Nodes[0].After != 5 {
		t.Errorf("unknown content of the parent: %+v", u)
	}
	// the same prototype serves any number of values: each its own
	var a, b tdParent
	tdParentRun(t, docs[0], true, xmlLimits{}, &a)
	tdParentRun(t, docs[0], true, xmlLimits{}, &b)
	if a.One == b.One || a.One == nil || &a.Many[0] == &b.Many[0] {
		t.Errorf("values shared between decodes")
	}
}
