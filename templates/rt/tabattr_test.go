package ewsrt

import (
	"reflect"
	"testing"
	"unsafe"
)

// taStruct has the attribute fields of a generated struct: a required
// one tracked by the missing bits and an optional one, both strings.
type taStruct struct {
	missing   uint64
	XSUnknown *XSUnknown
	xsiType   bool
	Id        string
	Key       *string
}

// taNS is the namespace table of the tests: the runtime's tests' and the
// xsi namespace at index taNSXsi, as generated tables have it.
var taNS = append(append([]string{}, testNSTable...), "http://www.w3.org/2001/XMLSchema-instance")

const taNSXsi = 5

var attrsOfTaStruct = []xmlAttrField{
	{NS: 0, Local: "Id", Kind: xmlKStr, Bit: 1, Off: unsafe.Offsetof(taStruct{}.Id)},
	{NS: 4, Local: "Key", Kind: xmlKPStr, Off: unsafe.Offsetof(taStruct{}.Key)},
}

// taRef is the loop a generated decoder had for taStruct's attributes.
func taRef(d *xmlDecoder, se *xmlStart, v *taStruct) {
	for i := range se.Attrs {
		a := &se.Attrs[i]
		switch a.NS {
		case taNSXsi:
			switch string(a.Local) {
			case "type":
				v.xsiType = true
				continue
			}
		case 0:
			switch string(a.Local) {
			case "Id":
				v.missing &^= (1 << 0)
				pa := string(d.AttrStr(a))
				v.Id = pa
				continue
			}
		case 4:
			switch string(a.Local) {
			case "Key":
				pa := string(d.AttrStr(a))
				v.Key = d.BoxString(string(pa))
				continue
			}
		}
		d.UnknownAttr(se, a, &v.XSUnknown)
	}
}

// AttrsP reads the declared attributes, xsi:type and the unknown ones as
// the generated loop did: the same values, missing bits, unknown content,
// errors and strict mode's problems.
func TestAttrsP(t *testing.T) {
	const open = `<t:R xmlns:t="urn:test:ns" xmlns:u="urn:unknown" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" `
	docs := []string{
		open + `Id="a&amp;b" t:Key="k" u:x="1" xsi:type="t:R"/>`,
		open + `t:Key=" k "/>`,
		open + `Other="o" Id="" xsi:nil="false"/>`,
		open + `Key="not the declared one" t:Id="nor this"/>`,
		open + `/>`,
	}
	for _, doc := range docs {
		for _, lim := range []xmlLimits{{}, {Strict: true}} {
			var got, want taStruct
			var gerr, werr error
			var gprob, wprob []XSUnknownItem
			for _, r := range []struct {
				v    *taStruct
				err  *error
				prob *[]XSUnknownItem
				tab  bool
			}{{&got, &gerr, &gprob, true}, {&want, &werr, &wprob, false}} {
				d := xmlNewDecoder([]byte(doc), taNS, lim)
				se, err := d.Root()
				if err != nil {
					t.Fatal(err)
				}
				r.v.missing = 1
				if r.tab {
					r.v.xsiType = d.AttrsP(se, unsafe.Pointer(r.v), &r.v.missing, &r.v.XSUnknown, attrsOfTaStruct)
				} else {
					taRef(d, se, r.v)
				}
				*r.err, *r.prob = d.Err(), d.problems
			}
			if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
				t.Errorf("%s (strict %v): error %v, the loop's %v", doc, lim.Strict, gerr, werr)
			}
			if lim.Strict && doc == docs[0] && len(gprob) != 1 {
				t.Errorf("%s (strict): problems %+v, want the unknown attribute", doc, gprob)
			}
			if !reflect.DeepEqual(gprob, wprob) {
				t.Errorf("%s (strict %v): problems %+v, the loop's %+v", doc, lim.Strict, gprob, wprob)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (strict %v): AttrsP read\n%+v\nthe loop\n%+v", doc, lim.Strict, got, want)
			}
		}
	}
	d := xmlNewDecoder([]byte(docs[0]), taNS, xmlLimits{})
	se, _ := d.Root()
	var v taStruct
	v.missing = 1
	v.xsiType = d.AttrsP(se, unsafe.Pointer(&v), &v.missing, &v.XSUnknown, attrsOfTaStruct)
	if v.Id != "a&b" || v.Key == nil || *v.Key != "k" || !v.xsiType || v.missing != 0 || v.XSUnknown == nil || len(v.XSUnknown.Attrs) != 1 {
		t.Errorf("read %+v (unknown %+v)", v, v.XSUnknown)
	}
}
