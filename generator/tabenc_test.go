package generator

import (
	"encoding/xml"
	"regexp"
	"testing"

	"github.com/ewsgen/ewsgen/templates"
)

// fieldKind gives each field the table kind writing what encodeField
// writes for it, and every kind it gives is one the runtime declares.
func TestFieldKind(t *testing.T) {
	g := &emitter{}
	b := func(x builtin, xs string) *valueRef { return &valueRef{b: x, xs: xs} }
	named := func(base valueRef) *valueRef {
		return &valueRef{named: &goType{name: "N", kind: kSimple, base: base}}
	}
	list := &valueRef{named: &goType{name: "L", kind: kList, base: valueRef{b: bString, xs: "string"}}}
	st := &goType{name: "S", kind: kStruct}
	ifc := &goType{name: "I", kind: kIface}
	n := xml.Name{Space: "urn:x", Local: "E"}
	tests := []struct {
		name    string
		fl      field
		tracked int
		want    string
		bit     int
	}{
		{"complex pointer", field{ct: st}, -1, "xmlEncGenPtr", 0},
		{"complex repeated", field{ct: st, repeated: true}, -1, "xmlEncGenSlice", 0},
		{"abstract", field{ct: ifc}, -1, "xmlEncGenIface", 0},
		{"choice", field{iface: ifc}, -1, "xmlEncGenIface", 0},
		{"choice repeated", field{iface: ifc, repeated: true}, -1, "xmlEncGenSlice", 0},
		{"any", field{any: true}, -1, "xmlEncGenPtr", 0},
		{"any repeated", field{any: true, repeated: true}, -1, "xmlEncGenSlice", 0},
		{"nillable", field{val: b(bString, "string"), nilField: "XNil"}, -1, "xmlEncGen", 0},
		{"repeated string", field{val: b(bString, "string"), repeated: true}, -1, "xmlEncGenSlice", 0},
		{"xsi:type accessor", field{val: b(bString, "string"), xsiType: n}, -1, "xmlEncGen", 0},
		{"optional xsi:type accessor", field{val: b(bInt32, "int"), xsiType: n, optional: true}, -1, "xmlEncGenPtr", 0},
		{"base64", field{val: b(bBase64, "base64Binary")}, -1, "xmlEncBase64", 0},
		{"optional base64", field{val: b(bBase64, "base64Binary"), optional: true}, -1, "xmlEncBase64", 0},
		{"hex", field{val: b(bHex, "hexBinary")}, -1, "xmlEncGen", 0},
		{"optional string", field{val: b(bString, "string"), optional: true}, -1, "xmlEncPText", 0},
		{"optional named string", field{val: named(valueRef{b: bString, xs: "string"}), optional: true}, -1, "xmlEncPText", 0},
		{"optional NCName", field{val: b(bString, "NCName"), optional: true}, -1, "xmlEncPTextNZ", 0},
		{"optional bool", field{val: b(bBool, "boolean"), optional: true}, -1, "xmlEncPBool", 0},
		{"optional int", field{val: b(bInt32, "int"), optional: true}, -1, "xmlEncPInt32", 0},
		{"optional long", field{val: b(bInt64, "long"), optional: true}, -1, "xmlEncPInt64", 0},
		{"optional positiveInteger", field{val: b(bInt64, "positiveInteger"), optional: true}, -1, "xmlEncGenPtr", 0},
		{"optional double", field{val: b(bFloat64, "double"), optional: true}, -1, "xmlEncPFloat64", 0},
		{"optional dateTime", field{val: b(bDateTime, "dateTime"), optional: true}, -1, "xmlEncPDateTimeNZ", 0},
		{"optional short", field{val: b(bInt16, "short"), optional: true}, -1, "xmlEncGenPtr", 0},
		{"optional list", field{val: list, optional: true}, -1, "xmlEncGenPtr", 0},
		{"string", field{val: b(bString, "string")}, -1, "xmlEncText", 0},
		{"tracked string", field{val: named(valueRef{b: bString, xs: "string"})}, 5, "xmlEncTextTracked", 5},
		{"NCName", field{val: b(bString, "NCName")}, -1, "xmlEncTextNZ", 0},
		{"bool", field{val: b(bBool, "boolean")}, -1, "xmlEncBool", 0},
		{"tracked bool", field{val: b(bBool, "boolean")}, 0, "xmlEncBoolTracked", 0},
		{"int", field{val: b(bInt32, "int")}, -1, "xmlEncInt32", 0},
		{"tracked int", field{val: b(bInt32, "int")}, 63, "xmlEncInt32Tracked", 63},
		{"long", field{val: b(bInt64, "long")}, -1, "xmlEncInt64", 0},
		{"tracked long", field{val: b(bInt64, "long")}, 1, "xmlEncInt64Tracked", 1},
		{"positiveInteger", field{val: b(bInt64, "positiveInteger")}, -1, "xmlEncGen", 0},
		{"dateTime", field{val: b(bDateTime, "dateTime")}, -1, "xmlEncGen", 0},
		{"double", field{val: b(bFloat64, "double")}, -1, "xmlEncGen", 0},
		{"list", field{val: list}, -1, "xmlEncGen", 0},
	}
	files, err := templates.Runtime()
	if err != nil {
		t.Fatal(err)
	}
	var src string
	for _, f := range files {
		if f.Name == "tabenc.go" {
			src = f.Source
		}
	}
	if src == "" {
		t.Fatal("tabenc.go is not among the runtime files")
	}
	for _, tt := range tests {
		fl := tt.fl
		fl.name, fl.xname = "F", n
		kind, bit := g.fieldKind(&fl, tt.tracked)
		if kind != tt.want || bit != tt.bit {
			t.Errorf("%s: fieldKind = %s, %d; want %s, %d", tt.name, kind, bit, tt.want, tt.bit)
		}
		if !regexp.MustCompile(`(?m)^\t` + kind + `( = iota)?$`).MatchString(src) {
			t.Errorf("%s: kind %s is not declared in templates/rt/tabenc.go", tt.name, kind)
		}
	}
}
