package ewsrt

import (
	"errors"
	"strings"
	"testing"
)

type vtCode string

type vtInner struct {
	Code vtCode
}

type vtIface interface{ isVT() }

func (*vtInner) isVT() {}

type vtOuter struct {
	Kind   string  // attribute Kind, required, enumerated
	Name   *string // choice: Name | Number
	Number *int32
	Ratio  *float64 // 0 < Ratio <= 1, at most 2 fraction digits
	Tags   []string // 1..3
	Inner  *vtInner
	Items  []vtIface // repeating choice, at least one
}

var vtTypes = []xmlvType{
	{"vtOuter", "Outer", "", []xmlvRule{
		{xmlvAttr, 1, 1, 0, 0, true, false, "Kind", "Kind", "kind"},
		{xmlvSeq, 1, 1, 8, 0, false, false, "", "", ""},
		{xmlvChoice, 1, 1, 2, 0, false, false, "", "", ""},
		{xmlvElem, 1, 1, 0, 0, false, false, "Name", "Name", "name"},
		{xmlvElem, 1, 1, 0, 0, false, false, "Number", "Number", "xs:positiveInteger"},
		{xmlvElem, 0, 1, 0, 0, false, false, "Ratio", "Ratio", "ratio"},
		{xmlvElem, 1, 3, 0, 0, false, false, "Tags", "Tag", ""},
		{xmlvElem, 0, 1, 0, 0, false, false, "Inner", "Inner", ""},
		{xmlvItems, 1, -1, 0, 0, false, false, "Items", "", ""},
		{xmlvAny, 0, 1, 0, 0, false, false, "", "any", ""},
	}},
	{"vtInner", "Inner", "", []xmlvRule{
		{xmlvSeq, 1, 1, 1, 0, false, false, "", "", ""},
		{xmlvElem, 1, 1, 0, 0, true, false, "Code", "Code", "code"},
	}},
}

var vtSimples = []xmlvSimple{
	{name: "kind", enums: []string{"a", "b"}, length: -1, minLength: -1, maxLength: -1, totalDigits: -1, fractionDigits: -1},
	{name: "name", length: -1, minLength: 2, maxLength: 4, totalDigits: -1, fractionDigits: -1},
	{name: "xs:positiveInteger", minInc: "1", length: -1, minLength: -1, maxLength: -1, totalDigits: -1, fractionDigits: -1},
	{name: "ratio", minExc: "0", maxInc: "1", length: -1, minLength: -1, maxLength: -1, totalDigits: -1, fractionDigits: 2},
	{name: "code", base: "codeBase", patterns: []string{`[A-Z]{2}[0-9]`}, length: -1, minLength: -1, maxLength: -1, totalDigits: -1, fractionDigits: -1},
	{name: "codeBase", length: 3, minLength: -1, maxLength: -1, totalDigits: -1, fractionDigits: -1},
}

func vtProblems(t *testing.T, v any) []string {
	t.Helper()
	err := xmlNewValidator(vtTypes, vtSimples).Validate("", v)
	if err == nil {
		return nil
	}
	var ve *XSValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T, want *XSValidationError", err)
	}
	var out []string
	for _, p := range ve.Problems {
		out = append(out, p.Path+": "+p.Message)
	}
	return out
}

func ptrTo[T any](v T) *T { return &v }

func TestValidatorRules(t *testing.T) {
	valid := func() *vtOuter {
		return &vtOuter{Kind: "a", Name: ptrTo("abc"), Ratio: ptrTo(0.25), Tags: []string{"x"},
			Inner: &vtInner{Code: "AB1"}, Items: []vtIface{&vtInner{Code: "CD2"}}}
	}
	if p := vtProblems(t, valid()); p != nil {
		t.Fatalf("valid value: %v", p)
	}
	cases := []struct {
		name string
		edit func(v *vtOuter)
		want []string
	}{
		{"missing attribute", func(v *vtOuter) { v.Kind = "" }, []string{"/Outer/@Kind: required attribute Kind is missing"}},
		{"enumeration", func(v *vtOuter) { v.Kind = "c" }, []string{`/Outer/@Kind: value "c" is not one of the values of kind ("a", "b")`}},
		{"choice empty", func(v *vtOuter) { v.Name = nil }, []string{"/Outer: one of Name, Number is required"}},
		{"choice both", func(v *vtOuter) { v.Number = ptrTo(int32(3)) }, []string{"/Outer: only one of Name, Number may appear"}},
		{"implicit bound", func(v *vtOuter) { v.Name, v.Number = nil, ptrTo(int32(0)) }, []string{"/Outer/Number: value 0 is outside minInclusive 1 of xs:positiveInteger"}},
		{"minLength", func(v *vtOuter) { v.Name = ptrTo("a") }, []string{"/Outer/Name: length 1 characters, name requires at least 2"}},
		{"exclusive bound and digits", func(v *vtOuter) { v.Ratio = ptrTo(0.125) }, []string{"/Outer/Ratio: value 0.125 has more than 2 fraction digits (ratio)"}},
		{"minExclusive", func(v *vtOuter) { v.Ratio = ptrTo(0.0) }, []string{"/Outer/Ratio: value 0 is outside minExclusive 0 of ratio"}},
		{"too many", func(v *vtOuter) { v.Tags = []string{"a", "b", "c", "d"} }, []string{"/Outer/Tag: 4 elements Tag, at most 3 allowed"}},
		{"too few", func(v *vtOuter) { v.Tags = nil }, []string{"/Outer/Tag: required element Tag is missing"}},
		{"pattern and base length", func(v *vtOuter) { v.Inner.Code = "A1" }, []string{
			`/Outer/Inner/Code: value "A1" does not match the pattern of code`,
			"/Outer/Inner/Code: length 2 characters, codeBase requires 3"}},
		{"zero required element", func(v *vtOuter) { v.Inner.Code = "" }, []string{"/Outer/Inner/Code: required element Code is missing"}},
		{"repeating choice items", func(v *vtOuter) { v.Items = append(v.Items, &vtInner{Code: "x"}) }, []string{
			`/Outer/Inner[2]/Code: value "x" does not match the pattern of code`,
			"/Outer/Inner[2]/Code: length 1 characters, codeBase requires 3"}},
		{"repeating choice empty", func(v *vtOuter) { v.Items = nil }, []string{"/Outer: 0 items of the choice Items, at least 1 required"}},
	}
	for _, c := range cases {
		v := valid()
		c.edit(v)
		got := vtProblems(t, v)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestValidatorLocate(t *testing.T) {
	doc := "<Env>\n<Body>\n <Outer Kind=\"a\">\n  <Inner><Code>x</Code></Inner>\n  <Inner>\n   <Code>y</Code></Inner>\n </Outer>\n</Body></Env>"
	probs := []XSProblem{{Path: "/Outer/Inner[2]/Code"}, {Path: "/Outer/@Kind"}, {Path: "/Outer/Tag"}}
	xmlvLocate([]byte(doc), probs)
	want := [][2]int{{6, 4}, {3, 2}, {3, 2}}
	for i, p := range probs {
		if p.Line != want[i][0] || p.Column != want[i][1] {
			t.Errorf("%s: line %d column %d, want %v", p.Path, p.Line, p.Column, want[i])
		}
	}
}

// vtInterval is HL7's IVL_TS: a choice whose members share elements,
// (low, (width | high)?) | high | (width, high?) | (center, width?).
type vtInterval struct {
	Low, Width, High, Center *string
}

var vtIntervalTypes = []xmlvType{
	{"vtInterval", "Interval", "", []xmlvRule{
		{xmlvChoice, 0, 1, 12, 0, false, false, "", "", ""},
		{xmlvSeq, 1, 1, 4, 0, false, false, "", "", ""},
		{xmlvElem, 1, 1, 0, 0, false, false, "Low", "low", ""},
		{xmlvChoice, 0, 1, 2, 0, false, false, "", "", ""},
		{xmlvElem, 0, 1, 0, 0, false, false, "Width", "width", ""},
		{xmlvElem, 0, 1, 0, 0, false, false, "High", "high", ""},
		{xmlvElem, 1, 1, 0, 0, false, false, "High", "high", ""},
		{xmlvSeq, 1, 1, 2, 0, false, false, "", "", ""},
		{xmlvElem, 1, 1, 0, 0, false, false, "Width", "width", ""},
		{xmlvElem, 0, 1, 0, 0, false, false, "High", "high", ""},
		{xmlvSeq, 1, 1, 2, 0, false, false, "", "", ""},
		{xmlvElem, 1, 1, 0, 0, false, false, "Center", "center", ""},
		{xmlvElem, 0, 1, 0, 0, false, false, "Width", "width", ""},
	}},
}

// TestValidatorSharedChoiceMembers: fields set that one member holds are
// that member, whichever other members name the same elements; fields no
// single member holds are reported.
func TestValidatorSharedChoiceMembers(t *testing.T) {
	s := func(x string) *string { return &x }
	val := xmlNewValidator(vtIntervalTypes, nil)
	for _, c := range []struct {
		name string
		v    vtInterval
		want string
	}{
		{"empty", vtInterval{}, ""},
		{"low", vtInterval{Low: s("1")}, ""},
		{"low width", vtInterval{Low: s("1"), Width: s("2")}, ""},
		{"low high", vtInterval{Low: s("1"), High: s("2")}, ""},
		{"high", vtInterval{High: s("2")}, ""},
		{"width high", vtInterval{Width: s("1"), High: s("2")}, ""},
		{"width", vtInterval{Width: s("1")}, ""},
		{"center width", vtInterval{Center: s("1"), Width: s("2")}, ""},
		{"center high", vtInterval{Center: s("1"), High: s("2")}, "/Interval: only one of (low, (width, high)), high, (width, high), (center, width) may appear"},
		{"low center", vtInterval{Low: s("1"), Center: s("2")}, "/Interval: only one of (low, (width, high)), high, (width, high), (center, width) may appear"},
	} {
		err := val.Validate("", &c.v)
		got := ""
		if err != nil {
			var ve *XSValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("%s: error %T", c.name, err)
			}
			var ps []string
			for _, p := range ve.Problems {
				ps = append(ps, p.Path+": "+p.Message)
			}
			got = strings.Join(ps, "\n")
		}
		// an invalid choice also reports what each member present lacks
		if c.want == "" && got != "" || c.want != "" && !strings.HasPrefix(got, c.want+"\n") && got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
