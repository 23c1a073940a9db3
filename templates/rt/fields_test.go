package ewsrt

import (
	"errors"
	"strings"
	"testing"
)

// The one-call element writers write what the open/value/close sequence
// they replace writes.
func TestElemWriters(t *testing.T) {
	w := &xmlWriter{Prefix: writerPrefixes, URIs: writerURIs}
	w.TextElem(2, "S", "a<b&c")
	w.TextElem(2, "C", "clean text")
	w.TextElem(0, "N", "")
	w.BoolElem(2, "B", true)
	w.BoolElem(2, "B", false)
	w.IntElem(2, "I", -42)
	w.UintElem(2, "U", 42)
	w.FloatElem(2, "F", 1.5, 64)
	w.Base64Elem(2, "B64", []byte("hi"))
	w.HexElem(2, "H", []byte{0xab})
	dt, err := XSParseDateTime("2024-01-02T03:04:05Z")
	if err != nil {
		t.Fatal(err)
	}
	w.DateTimeElem(2, "DT", dt)
	w.DurationElem(2, "D", "PT1H")
	w.QNameElem(2, "Q", XSQName{Space: "urn:t", Local: "x"})
	want := `<t:S>a&lt;b&amp;c</t:S><t:C>clean text</t:C><N></N><t:B>true</t:B><t:B>false</t:B><t:I>-42</t:I><t:U>42</t:U><t:F>1.5</t:F><t:B64>aGk=</t:B64><t:H>AB</t:H><t:DT>2024-01-02T03:04:05Z</t:DT><t:D>PT1H</t:D><t:Q>t:x</t:Q>`
	if got := string(w.Buf); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The one-call readers return the value and keep an error for the next
// Elem, which returns it before reading on.
func TestTextReaders(t *testing.T) {
	doc := `<t:R xmlns:t="urn:t"><t:S>a&amp;b</t:S><t:B>1</t:B><t:I> -7 </t:I><t:U>300</t:U><t:N>x</t:N><t:After/></t:R>`
	d := xmlNewDecoder([]byte(doc), testNSTable, xmlLimits{})
	if _, err := d.Root(); err != nil {
		t.Fatal(err)
	}
	var u *XSUnknown
	next := func(local string) {
		t.Helper()
		c, err := d.Elem(&u, 0)
		if err != nil || c == nil || string(c.Local) != local {
			t.Fatalf("Elem = %+v, %v; want <%s>", c, err, local)
		}
	}
	next("S")
	if s := d.TextStr(); s != "a&b" {
		t.Errorf("TextStr = %q", s)
	}
	next("B")
	if b := d.TextBool(); !b {
		t.Errorf("TextBool = false")
	}
	next("I")
	if i := d.TextInt(32); i != -7 {
		t.Errorf("TextInt = %d", i)
	}
	next("U")
	d.TextUint(8) // 300 does not fit
	c, err := d.Elem(&u, 0)
	var de *XSDecodeError
	if c != nil || !errors.As(err, &de) || !strings.Contains(err.Error(), `"300"`) {
		t.Fatalf("after a bad value: Elem = %+v, %v; want the kept *XSDecodeError naming the value", c, err)
	}
	if _, err2 := d.Elem(&u, 0); err2 != err {
		t.Errorf("the kept error is not returned again: %v", err2)
	}
	d.Keep(errors.New("later")) // the first error stays
	if _, err2 := d.Elem(&u, 0); err2 != err {
		t.Errorf("Keep replaced the first error: %v", err2)
	}
}
