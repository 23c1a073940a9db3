package generator

import (
	"testing"

	"github.com/ewsgen/ewsgen/xsd"
)

// zeroInvalid decides which required values are left out while zero
// instead of being written as empty or invented text.
func TestZeroInvalid(t *testing.T) {
	one, zero := 1, 0
	str := func(s string) *string { return &s }
	simple := func(base valueRef, fs xsd.Facets, enums ...string) valueRef {
		gt := &goType{name: "T", kind: kSimple, base: base, xsdType: &xsd.Type{Facets: fs}}
		for _, e := range enums {
			gt.enums = append(gt.enums, enumConst{value: e})
		}
		return valueRef{named: gt}
	}
	list := func(fs xsd.Facets) valueRef {
		return valueRef{named: &goType{name: "L", kind: kList, base: valueRef{b: bInt32, xs: "int"}, xsdType: &xsd.Type{Facets: fs}}}
	}
	b := func(x builtin, name string) valueRef { return valueRef{b: x, xs: name} }
	tests := []struct {
		name string
		v    valueRef
		want bool
	}{
		{"dateTime", b(bDateTime, "dateTime"), true},
		{"date", b(bDate, "date"), true},
		{"duration", b(bDuration, "duration"), true},
		{"decimal", b(bDecimal, "decimal"), true},
		{"QName", b(bQName, "QName"), true},
		{"NCName", b(bString, "NCName"), true},
		{"language", b(bString, "language"), true},
		{"positiveInteger", b(bInt64, "positiveInteger"), true},
		{"time: 00:00:00 is a value", b(bTime, "time"), false},
		{"string", b(bString, "string"), false},
		{"anyURI", b(bString, "anyURI"), false},
		{"int", b(bInt32, "int"), false},
		{"nonNegativeInteger", b(bInt64, "nonNegativeInteger"), false},
		{"boolean", b(bBool, "boolean"), false},
		{"base64Binary", b(bBase64, "base64Binary"), false},
		{"enumeration without the empty string", simple(b(bString, "string"), xsd.Facets{}, "Shallow", "Deep"), true},
		{"enumeration with the empty string", simple(b(bString, "string"), xsd.Facets{}, "", "Deep"), false},
		{"int enumeration with 0", simple(b(bInt32, "int"), xsd.Facets{}, "0", "1"), false},
		{"int enumeration without 0", simple(b(bInt32, "int"), xsd.Facets{}, "1", "2"), true},
		{"string minLength 1", simple(b(bString, "string"), xsd.Facets{MinLength: &one}), true},
		{"string minLength 0", simple(b(bString, "string"), xsd.Facets{MinLength: &zero}), false},
		{"string length 0", simple(b(bString, "string"), xsd.Facets{Length: &zero}), false},
		{"int minInclusive 1", simple(b(bInt32, "int"), xsd.Facets{MinInclusive: str("1")}), true},
		{"int minInclusive 0", simple(b(bInt32, "int"), xsd.Facets{MinInclusive: str("0")}), false},
		{"int minExclusive 0", simple(b(bInt32, "int"), xsd.Facets{MinExclusive: str("0")}), true},
		{"int maxExclusive 0", simple(b(bInt32, "int"), xsd.Facets{MaxExclusive: str("0")}), true},
		{"int maxInclusive 0", simple(b(bInt32, "int"), xsd.Facets{MaxInclusive: str("0")}), false},
		{"pattern without the empty string", simple(b(bString, "string"), xsd.Facets{Patterns: []string{"[A-Z]{3}"}}), true},
		{"pattern with the empty string", simple(b(bString, "string"), xsd.Facets{Patterns: []string{"[A-Z]{3}", "[0-9]*"}}), false},
		{"pattern Go cannot compile", simple(b(bString, "string"), xsd.Facets{Patterns: []string{`\i\c*`}}), false},
		{"restriction of a type without empty value", simple(simple(b(bString, "string"), xsd.Facets{}, "A"), xsd.Facets{}), true},
		{"restriction of a dateTime", simple(b(bDateTime, "dateTime"), xsd.Facets{}), true},
		{"list", list(xsd.Facets{}), false},
		{"list minLength 1", list(xsd.Facets{MinLength: &one}), true},
	}
	for _, tt := range tests {
		if got := zeroInvalid(tt.v); got != tt.want {
			t.Errorf("%s: zeroInvalid = %v, want %v", tt.name, got, tt.want)
		}
	}
}
