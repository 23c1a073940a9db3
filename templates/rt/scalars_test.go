package ewsrt

import (
	"bytes"
	"math"
	"strconv"
	"testing"
)

func TestParseBool(t *testing.T) {
	for s, want := range map[string]bool{"true": true, "false": false, "1": true, "0": false, " true\n": true, "\t0 ": false} {
		if v, err := xmlParseBool([]byte(s)); err != nil || v != want {
			t.Errorf("%q: %v %v", s, v, err)
		}
	}
	for _, s := range []string{"", "True", "yes", "2", "t", "1 1"} {
		if _, err := xmlParseBool([]byte(s)); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestParseInt(t *testing.T) {
	cases := []struct {
		s    string
		bits int
		want int64
		ok   bool
	}{
		{"0", 32, 0, true}, {"-0", 32, 0, true}, {"+42", 32, 42, true}, {" -17 ", 8, -17, true},
		{"127", 8, 127, true}, {"128", 8, 0, false}, {"-128", 8, -128, true}, {"-129", 8, 0, false},
		{"32767", 16, 32767, true}, {"32768", 16, 0, false},
		{"2147483647", 32, math.MaxInt32, true}, {"2147483648", 32, 0, false}, {"-2147483648", 32, math.MinInt32, true},
		{"9223372036854775807", 64, math.MaxInt64, true}, {"9223372036854775808", 64, 0, false},
		{"-9223372036854775808", 0, math.MinInt64, true}, {"-9223372036854775809", 64, 0, false},
		{"99999999999999999999999", 64, 0, false}, {"007", 64, 7, true},
		{"", 64, 0, false}, {"+", 64, 0, false}, {"1.0", 64, 0, false}, {"1e3", 64, 0, false}, {"0x1", 64, 0, false},
		{"1_000", 64, 0, false}, {"- 1", 64, 0, false}, {"1 2", 64, 0, false},
	}
	for _, c := range cases {
		v, err := xmlParseInt([]byte(c.s), c.bits)
		if c.ok != (err == nil) || v != c.want {
			t.Errorf("xmlParseInt(%q, %d) = %d, %v", c.s, c.bits, v, err)
		}
	}
}

func TestParseUint(t *testing.T) {
	cases := []struct {
		s    string
		bits int
		want uint64
		ok   bool
	}{
		{"0", 8, 0, true}, {"-0", 8, 0, true}, {"+255", 8, 255, true}, {"256", 8, 0, false}, {"-1", 8, 0, false},
		{"65535", 16, 65535, true}, {"4294967295", 32, math.MaxUint32, true}, {"4294967296", 32, 0, false},
		{"18446744073709551615", 64, math.MaxUint64, true}, {"18446744073709551616", 64, 0, false},
		{"", 64, 0, false}, {"a", 64, 0, false}, {" 5 ", 0, 5, true},
	}
	for _, c := range cases {
		v, err := xmlParseUint([]byte(c.s), c.bits)
		if c.ok != (err == nil) || v != c.want {
			t.Errorf("xmlParseUint(%q, %d) = %d, %v", c.s, c.bits, v, err)
		}
	}
}

func TestParseFloat(t *testing.T) {
	cases := []struct {
		s    string
		bits int
		want float64
		ok   bool
	}{
		{"0", 64, 0, true}, {"-0", 64, math.Copysign(0, -1), true}, {"2.5", 64, 2.5, true}, {"+2.5", 64, 2.5, true},
		{".5", 64, 0.5, true}, {"5.", 64, 5, true}, {"1e3", 64, 1000, true}, {"1E-3", 64, 0.001, true},
		{"-1.5e+2", 64, -150, true}, {"INF", 64, math.Inf(1), true}, {"+INF", 64, math.Inf(1), true},
		{"-INF", 64, math.Inf(-1), true}, {" 3.25 ", 64, 3.25, true}, {"0.1", 64, 0.1, true},
		{"0.1", 32, float64(float32(0.1)), true}, {"16777217", 32, 16777216, true},
		{"123456789012345678901234567890", 64, 123456789012345678901234567890, true},
		{"1e400", 64, math.Inf(1), true}, {"-1e400", 64, math.Inf(-1), true}, {"1e-400", 64, 0, true},
		{"3.4028235e38", 32, math.MaxFloat32, true}, {"1.7976931348623157e308", 64, math.MaxFloat64, true},
		{"", 64, 0, false}, {"inf", 64, 0, false}, {"Infinity", 64, 0, false}, {"nan", 64, 0, false},
		{".", 64, 0, false}, {"e5", 64, 0, false}, {"1e", 64, 0, false}, {"0x1p3", 64, 0, false},
		{"1_0", 64, 0, false}, {"1.2.3", 64, 0, false}, {"--1", 64, 0, false}, {"1e+", 64, 0, false},
	}
	for _, c := range cases {
		v, err := xmlParseFloat([]byte(c.s), c.bits)
		if c.ok != (err == nil) || v != c.want || math.Signbit(v) != math.Signbit(c.want) {
			t.Errorf("xmlParseFloat(%q, %d) = %v, %v; want %v", c.s, c.bits, v, err, c.want)
		}
	}
	if v, err := xmlParseFloat([]byte("NaN"), 64); err != nil || !math.IsNaN(v) {
		t.Errorf("NaN: %v %v", v, err)
	}
	// The fast path agrees with strconv.
	for _, s := range []string{"1.2345678901234567", "9007199254740993", "0.000001", "123.456e-10", "4.9e-324", "2.2250738585072014e-308", "1e22", "1e23", "8.589973e9"} {
		for _, bits := range []int{32, 64} {
			want, _ := strconv.ParseFloat(s, bits)
			got, err := xmlParseFloat([]byte(s), bits)
			if err != nil || got != want {
				t.Errorf("xmlParseFloat(%q, %d) = %v, want %v", s, bits, got, want)
			}
		}
	}
}

func TestAppendFloat(t *testing.T) {
	cases := []struct {
		f    float64
		bits int
		want string
	}{
		{2.5, 64, "2.5"}, {100, 64, "100"}, {0, 64, "0"}, {math.Copysign(0, -1), 64, "-0"}, {-1.25, 64, "-1.25"},
		{1e-6, 64, "0.000001"}, {1e20, 64, "100000000000000000000"}, {1e21, 64, "1E+21"}, {1e-7, 64, "1E-07"},
		{math.Inf(1), 64, "INF"}, {math.Inf(-1), 64, "-INF"}, {math.NaN(), 64, "NaN"},
		{0.1, 32, "0.1"}, {float64(float32(0.1)), 32, "0.1"}, {0.1, 64, "0.1"}, {123456789, 64, "123456789"},
		{math.MaxFloat64, 64, "1.7976931348623157E+308"},
	}
	for _, c := range cases {
		got := string(xmlAppendFloat(nil, c.f, c.bits))
		if got != c.want {
			t.Errorf("xmlAppendFloat(%v, %d) = %q, want %q", c.f, c.bits, got, c.want)
		}
		back, err := xmlParseFloat([]byte(got), c.bits)
		if err != nil || back != c.f && !math.IsNaN(c.f) && !(c.bits == 32 && back == float64(float32(c.f))) {
			t.Errorf("%q parses back to %v, %v", got, back, err)
		}
	}
}

func TestAppendIntBool(t *testing.T) {
	if s := string(xmlAppendInt([]byte("x"), -42)); s != "x-42" {
		t.Error(s)
	}
	if s := string(xmlAppendUint(nil, math.MaxUint64)); s != "18446744073709551615" {
		t.Error(s)
	}
	if s := string(xmlAppendBool(xmlAppendBool(nil, true), false)); s != "truefalse" {
		t.Error(s)
	}
}

func TestBase64(t *testing.T) {
	cases := []struct {
		s    string
		want string
		ok   bool
	}{
		{"", "", true}, {"aGVsbG8=", "hello", true}, {" aGVs\nbG8=\t", "hello", true}, {"aG Vs bG 8=", "hello", true},
		{"aGVsbG8", "", false}, {"aGVsbG8==", "", false}, {"!!!!", "", false}, {"aGVs\r\nbG8h", "hello!", true},
	}
	for _, c := range cases {
		v, err := xmlParseBase64([]byte(c.s))
		if c.ok != (err == nil) || string(v) != c.want {
			t.Errorf("xmlParseBase64(%q) = %q, %v", c.s, v, err)
		}
	}
	var e xmlEncoder
	e.Base64([]byte("hello"))
	if string(e.Buf) != "aGVsbG8=" {
		t.Error(string(e.Buf))
	}
}

func TestHex(t *testing.T) {
	v, err := xmlParseHex([]byte(" 00fFaB10 "))
	if err != nil || !bytes.Equal(v, []byte{0, 0xff, 0xab, 0x10}) {
		t.Errorf("%x %v", v, err)
	}
	for _, s := range []string{"0", "0g", "0 0", "xx"} {
		if _, err := xmlParseHex([]byte(s)); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	if s := string(xmlAppendHex([]byte("x"), []byte{0, 0xff, 0xab})); s != "x00FFAB" {
		t.Error(s)
	}
}

func TestEncoder(t *testing.T) {
	var e xmlEncoder
	e.Raw("<t:A")
	e.Attr("x", "a&b<c>\"d'\te\nf\rg")
	e.AttrBytes("y", []byte("1&2"))
	e.Raw(">")
	e.Text("a&b<c>\"d'\te\nf\rg]]>")
	e.Text("bad\x00utf8\xff\xef\xbf\xbe日本😀")
	e.Raw("</t:A>")
	want := `<t:A x="a&amp;b&lt;c>&quot;d'&#x9;e&#xA;f&#xD;g" y="1&amp;2">a&amp;b&lt;c&gt;"d'` + "\te\nf&#xD;g]]&gt;bad\uFFFDutf8\uFFFD\uFFFD日本😀</t:A>"
	if string(e.Buf) != want {
		t.Errorf("got  %s\nwant %s", e.Buf, want)
	}
	// What the encoder writes decodes back to the same values.
	doc := []byte(`<r xmlns:t="urn:t">` + string(e.Buf) + `</r>`)
	d := xmlNewDecoder(doc, nil, xmlLimits{})
	d.Root()
	se, err := d.Child()
	if err != nil {
		t.Fatal(err)
	}
	if v := d.AttrValue(&se.Attrs[0]); v != "a&b<c>\"d'\te\nf\rg" {
		t.Errorf("attr = %q", v)
	}
	if v, _ := d.Text(); v != "a&b<c>\"d'\te\nf\rg]]>bad\uFFFDutf8\uFFFD\uFFFD日本😀" {
		t.Errorf("text = %q", v)
	}
}

func TestEncodeAllocs(t *testing.T) {
	ms := benchMessages(50)
	var e xmlEncoder
	encodeMessages(&e, ms)
	allocs := testing.AllocsPerRun(20, func() {
		e.Buf = e.Buf[:0]
		encodeMessages(&e, ms)
	})
	if allocs > 2 {
		t.Errorf("allocs per message = %v", allocs)
	}
	doc := benchDoc(50)
	d := xmlNewDecoder(doc, testNSTable, xmlLimits{})
	if _, err := walkTokens(d); err != nil {
		t.Fatal(err)
	}
}
