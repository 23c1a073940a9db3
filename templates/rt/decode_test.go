package ewsrt

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestDecoderAPI(t *testing.T) {
	doc := `<?xml version="1.0"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
  <s:Body>
    <t:Item t:Id="1" Kind="a&amp;b" xsi:type="t:MessageType" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <t:Subject>Hello &lt;world&gt;</t:Subject>
      <t:Size> 42 </t:Size>
      <t:Empty/>
      <t:CData><![CDATA[a<b]]>&amp;c<!-- x --></t:CData>
      <t:Skipped><a><b/>text</a></t:Skipped>
      <t:Unknown xmlns:u="urn:unknown" u:x="1"/>
      <other xmlns="urn:other">x</other>
    </t:Item>
  </s:Body>
</s:Envelope>`
	d := xmlNewDecoder([]byte(doc), testNSTable, xmlLimits{})
	se, err := d.Root()
	if err != nil {
		t.Fatal(err)
	}
	if se.NS != 1 || string(se.Local) != "Envelope" || se.Line != 2 || se.Empty {
		t.Fatalf("root = %+v", se)
	}
	body, err := d.Child()
	if err != nil || string(body.Local) != "Body" || body.NS != 1 || body.Line != 3 {
		t.Fatalf("body = %+v, %v", body, err)
	}
	item, err := d.Child()
	if err != nil || string(item.Local) != "Item" || item.NS != 2 {
		t.Fatalf("item = %+v, %v", item, err)
	}
	if len(item.Attrs) != 3 {
		t.Fatalf("attrs = %+v", item.Attrs)
	}
	if a := item.Attrs[0]; a.NS != 2 || string(a.Local) != "Id" || string(a.Value) != "1" {
		t.Errorf("attr 0 = %+v", a)
	}
	if a := item.Attrs[1]; a.NS != 0 || a.URI != "" || d.AttrValue(&a) != "a&b" || string(a.Value) != "a&amp;b" {
		t.Errorf("attr 1 = %+v", a)
	}
	xsiType := item.Attrs[2]
	if xsiType.NS != -1 || xsiType.URI != "http://www.w3.org/2001/XMLSchema-instance" || string(xsiType.Local) != "type" {
		t.Errorf("attr 2 = %+v", xsiType)
	}
	q, err := d.QName(d.AttrValue(&xsiType))
	if err != nil || q != (XSQName{Space: testNSTable[2], Local: "MessageType"}) {
		t.Errorf("QName = %v, %v", q, err)
	}
	// Subject: text with entities.
	se, _ = d.Child()
	if s, err := d.Text(); err != nil || s != "Hello <world>" {
		t.Errorf("Subject = %q, %v", s, err)
	}
	se, _ = d.Child()
	if b, err := d.TextBytes(); err != nil || string(b) != " 42 " {
		t.Errorf("Size = %q, %v", b, err)
	} else if v, err := xmlParseInt(b, 32); err != nil || v != 42 {
		t.Errorf("Size int = %d, %v", v, err)
	}
	se, _ = d.Child()
	if !se.Empty || string(se.Local) != "Empty" {
		t.Errorf("Empty = %+v", se)
	}
	if s, err := d.Text(); err != nil || s != "" {
		t.Errorf("Empty text = %q, %v", s, err)
	}
	se, _ = d.Child()
	if s, err := d.Text(); err != nil || s != "a<b&c" {
		t.Errorf("CData = %q, %v", s, err)
	}
	se, _ = d.Child()
	if string(se.Local) != "Skipped" {
		t.Fatalf("got %s", se.Local)
	}
	if err := d.Skip(); err != nil {
		t.Fatal(err)
	}
	se, _ = d.Child()
	a, err := d.Any(se)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != (XSQName{testNSTable[2], "Unknown"}) || len(a.Attrs) != 1 || a.Attrs[0].Name != (XSQName{"urn:unknown", "x"}) || a.Attrs[0].Prefix != "u" || a.Prefix != "t" {
		t.Errorf("Any = %+v", a)
	}
	se, _ = d.Child()
	if se.NS != -1 || se.URI != "urn:other" {
		t.Errorf("other = %+v", se)
	}
	// Error helpers carry the path.
	err = d.Errorf("bad %d", 1)
	if got := err.Error(); got != "line 11: /Envelope/Body/Item/other: bad 1" {
		t.Errorf("Errorf = %q", got)
	}
	sentinel := errors.New("boom")
	err = d.Wrap(sentinel)
	if !errors.Is(err, sentinel) || !strings.Contains(err.Error(), "/Envelope/Body/Item/other: boom") {
		t.Errorf("Wrap = %v", err)
	}
	if s, err := d.Text(); err != nil || s != "x" {
		t.Errorf("other text = %q %v", s, err)
	}
	for i := 0; i < 3; i++ { // end of Item, Body, Envelope
		if se, err := d.Child(); se != nil || err != nil {
			t.Fatalf("Child = %v, %v", se, err)
		}
	}
	if se, err := d.Child(); se != nil || err != nil {
		t.Fatalf("Child after end = %v, %v", se, err)
	}
	if d.Offset() != len(doc) {
		t.Errorf("Offset = %d, want %d", d.Offset(), len(doc))
	}
}

func TestTextChildError(t *testing.T) {
	d := xmlNewDecoder([]byte(`<r><a>x<b/></a></r>`), nil, xmlLimits{})
	d.Root()
	d.Child()
	_, err := d.Text()
	if err == nil || err.Error() != "line 1: /r/a: unexpected child element <b> in simple content" {
		t.Fatalf("err = %v", err)
	}
	var de *XSDecodeError
	if !errors.As(err, &de) || de.Line != 1 || de.Path != "/r/a" {
		t.Fatalf("not a decode error: %#v", err)
	}
	// Sticky.
	if _, err2 := d.Child(); err2 != err {
		t.Fatalf("error not sticky: %v", err2)
	}
}

func TestTextVariants(t *testing.T) {
	cases := []struct{ doc, want string }{
		{`<a>plain</a>`, "plain"},
		{`<a></a>`, ""},
		{`<a/>`, ""},
		{"<a>x\r\ny\rz</a>", "x\ny\nz"},
		{`<a>&#x41;&#66;&lt;&gt;&amp;&apos;&quot;</a>`, "AB<>&'\""},
		{`<a><!--c-->x<?p?>y<![CDATA[<z>]]></a>`, "x y<z>"[0:1] + "y<z>"},
		{"<a><![CDATA[\r\n]]></a>", "\n"},
		{`<a>日本</a>`, "日本"},
	}
	for _, c := range cases {
		d := xmlNewDecoder([]byte(c.doc), nil, xmlLimits{})
		if _, err := d.Root(); err != nil {
			t.Fatal(err)
		}
		got, err := d.Text()
		if err != nil || got != c.want {
			t.Errorf("%q: Text = %q, %v; want %q", c.doc, got, err, c.want)
		}
	}
}

func TestAttrValueNormalization(t *testing.T) {
	d := xmlNewDecoder([]byte("<a x=\"1\t2\n3\r\n4\r5&#10;6&#9;7&amp;\" y='\"'/>"), nil, xmlLimits{})
	se, err := d.Root()
	if err != nil {
		t.Fatal(err)
	}
	if v := d.AttrValue(&se.Attrs[0]); v != "1 2 3 4 5\n6\t7&" {
		t.Errorf("x = %q", v)
	}
	if v := d.AttrValue(&se.Attrs[1]); v != `"` {
		t.Errorf("y = %q", v)
	}
}

func TestQNameScope(t *testing.T) {
	d := xmlNewDecoder([]byte(`<r xmlns="urn:d" xmlns:p="urn:p"><a xmlns:q="urn:q">q:x</a><b>p:y</b><c>z</c><e>bad:z</e><f>1x</f></r>`), nil, xmlLimits{})
	d.Root()
	want := []XSQName{{"urn:q", "x"}, {"urn:p", "y"}, {"urn:d", "z"}}
	for _, w := range want {
		d.Child()
		s, _ := d.Text()
		// The element's own declarations stay usable after Text.
		q, err := d.QName(s)
		if err != nil || q != w {
			t.Errorf("QName(%q) = %v, %v; want %v", s, q, err, w)
		}
	}
	d.Child()
	s, _ := d.Text()
	if _, err := d.QName(s); err == nil || !strings.Contains(err.Error(), `undeclared namespace prefix "bad"`) {
		t.Errorf("QName(%q) err = %v", s, err)
	}
	d.Child()
	s, _ = d.Text()
	if _, err := d.QName(s); err == nil {
		t.Errorf("QName(%q) accepted", s)
	}
	if q, err := d.QName("xml:lang"); err != nil || q.Space != xmlNamespaceURI {
		t.Errorf("xml prefix: %v %v", q, err)
	}
}

func TestAnyRoundTrip(t *testing.T) {
	docs := []string{
		`<a xmlns="urn:d"><b x="1">t<c/>u</b></a>`,
		`<p:a xmlns:p="urn:p" xmlns:q="urn:q" q:attr="v&amp;&lt;&quot;"><q:b>x</q:b><c xmlns="">y</c></p:a>`,
		`<a xml:lang="en">x<![CDATA[<y>]]>z</a>`,
		`<r xmlns:t="urn:t"><t:x xsi:type="t:T" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">1</t:x></r>`,
		`<a xmlns:p="urn:1"><p:b xmlns:p="urn:2" p:c="x"><p:d/></p:b></a>`,
		"<a b=\"&#9;&#10;&#13;\">\r&#13;</a>",
		`<a>xyz<b xmlns:p="u&amp;v" p:c="&lt;"/>y</a>`,
	}
	for _, doc := range docs {
		want, err := anyEvents([]byte(doc), xmlLimits{})
		if err != nil {
			t.Fatal(err)
		}
		d := xmlNewDecoder([]byte(doc), nil, xmlLimits{})
		se, _ := d.Root()
		a, err := d.Any(se)
		if err != nil {
			t.Fatal(err)
		}
		out := a.AppendXML(nil)
		// Re-encoded alone and inside a foreign default namespace and
		// clashing prefixes, the events must be the same.
		got, err := anyEvents(out, xmlLimits{})
		if err != nil || !eqEvents(got, want) {
			t.Errorf("%s\nre-encoded %s\n got %q, %v\nwant %q", doc, out, got, err, want)
		}
		wrapped := `<w xmlns="urn:wrong" xmlns:p="urn:wrong-p" xmlns:q="urn:wrong-q" xmlns:t="urn:wrong-t">` + string(out) + `</w>`
		d2 := xmlNewDecoder([]byte(wrapped), nil, xmlLimits{})
		d2.Root()
		se2, err := d2.Child()
		if err != nil {
			t.Fatal(err)
		}
		a2, err := d2.Any(se2)
		if err != nil {
			t.Fatal(err)
		}
		got, _ = anyEvents(a2.AppendXML(nil), xmlLimits{})
		if !eqEvents(got, want) {
			t.Errorf("wrapped %s\n got %q\nwant %q", wrapped, got, want)
		}
	}
}

func TestAnyBuiltByHand(t *testing.T) {
	a := &XSAnyElement{
		Name:  XSQName{"urn:x", "root"},
		Attrs: []XSAnyAttr{{Name: XSQName{"urn:y", "a"}, Value: "1"}, {Name: XSQName{"", "b"}, Value: "2"}, {Name: XSQName{"urn:z", "c"}, Prefix: "p", Value: "3"}},
		Children: []XSAnyNode{
			{Text: "t&"},
			{Elem: &XSAnyElement{Name: XSQName{"", "plain"}}},
			{Elem: &XSAnyElement{Name: XSQName{"urn:x", "same"}, NS: []XSNamespace{{"", "urn:other"}}}},
		},
	}
	out := a.String()
	want := `<root xmlns="urn:x" xmlns:ns1="urn:y" xmlns:p="urn:z" ns1:a="1" b="2" p:c="3">t&amp;<plain xmlns=""/><ns2:same xmlns="urn:other" xmlns:ns2="urn:x"/></root>`
	if out != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	if _, err := anyEvents([]byte(out), xmlLimits{}); err != nil {
		t.Error(err)
	}
	if a.Text() != "t&" {
		t.Errorf("Text = %q", a.Text())
	}
}

func TestLineNumbers(t *testing.T) {
	doc := "<a>\n<b/>\n\n<c\n x='1'/>\n<!--\n\n-->\n<d>\n</x></a>"
	d := xmlNewDecoder([]byte(doc), nil, xmlLimits{})
	d.Root()
	for _, want := range []int{2, 4} {
		se, err := d.Child()
		if err != nil || se.Line != want {
			t.Fatalf("line = %v, %v; want %d", se, err, want)
		}
		d.Skip()
	}
	se, _ := d.Child()
	if se.Line != 9 {
		t.Errorf("d line = %d", se.Line)
	}
	_, err := d.Text()
	if err == nil || !strings.HasPrefix(err.Error(), "line 10: /a/d: element <d> closed by </x>") {
		t.Errorf("err = %v", err)
	}
}

func TestSecurityDeepNesting(t *testing.T) {
	doc := strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000)
	start := time.Now()
	for name, f := range map[string]func([]byte, xmlLimits) error{
		"Any":   func(b []byte, l xmlLimits) error { _, err := anyEvents(b, l); return err },
		"Child": func(b []byte, l xmlLimits) error { _, err := childEvents(b, l); return err },
		"Skip":  skipCheck,
	} {
		err := f([]byte(doc), xmlLimits{})
		if err == nil || !strings.Contains(err.Error(), "nesting depth exceeds 256") {
			t.Errorf("%s: err = %v", name, err)
		}
		err = f([]byte(doc), xmlLimits{MaxDepth: 10})
		if err == nil || !strings.Contains(err.Error(), "nesting depth exceeds 10") {
			t.Errorf("%s: err = %v", name, err)
		}
		if err := f([]byte(strings.Repeat("<a>", 10)+strings.Repeat("</a>", 10)), xmlLimits{MaxDepth: 10}); err != nil {
			t.Errorf("%s: depth 10 rejected: %v", name, err)
		}
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("too slow: %v", el)
	}
}

func TestSecurityDoctype(t *testing.T) {
	for _, doc := range []string{
		`<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`,
		`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>`,
		`<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>`,
		`<a><!DOCTYPE a></a>`,
	} {
		d := xmlNewDecoder([]byte(doc), nil, xmlLimits{})
		_, err := d.Root()
		if err == nil {
			_, err = d.Text()
		}
		if err == nil || !strings.Contains(err.Error(), "DOCTYPE is not allowed") {
			t.Errorf("%s: %v", doc, err)
		}
	}
}

func TestSecurityMaxBytes(t *testing.T) {
	doc := []byte("<a>" + strings.Repeat("x", 100) + "</a>")
	d := xmlNewDecoder(doc, nil, xmlLimits{MaxBytes: 50})
	if _, err := d.Root(); err == nil || !strings.Contains(err.Error(), "exceeds the size limit of 50 bytes") {
		t.Errorf("err = %v", err)
	}
	d = xmlNewDecoder(doc, nil, xmlLimits{MaxBytes: int64(len(doc))})
	if _, err := d.Root(); err != nil {
		t.Error(err)
	}
}

type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestReadAll(t *testing.T) {
	r := &endless{}
	_, err := xmlReadAll(r, 1000)
	if err == nil || err.Error() != "message exceeds the size limit of 1000 bytes" {
		t.Errorf("err = %v", err)
	}
	if r.n > 1<<16 {
		t.Errorf("read %d bytes", r.n)
	}
	b, err := xmlReadAll(strings.NewReader("hello"), 5)
	if err != nil || string(b) != "hello" {
		t.Errorf("%q %v", b, err)
	}
	b, err = xmlReadAll(strings.NewReader("hello"), 0)
	if err != nil || string(b) != "hello" {
		t.Errorf("%q %v", b, err)
	}
	boom := errors.New("boom")
	if _, err := xmlReadAll(io.MultiReader(strings.NewReader("x"), errReader{boom}), 10); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func TestManyNamespaces(t *testing.T) {
	// More bindings than the linear-scan threshold: the map must resolve
	// and unwind prefixes like the scan.
	var b strings.Builder
	b.WriteString("<r")
	for i := 0; i < 100; i++ {
		b.WriteString(" xmlns:p" + itoa(i) + `="urn:` + itoa(i) + `"`)
	}
	b.WriteString(`><p5:a xmlns:p5="urn:inner"><p5:b/><p99:c/></p5:a><p5:d/>`)
	b.WriteString("<e")
	for i := 0; i < 40; i++ {
		b.WriteString(" p" + itoa(i) + ":x=\"1\"")
	}
	b.WriteString("/></r>")
	got, err := anyEvents([]byte(b.String()), xmlLimits{})
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := stdEvents([]byte(b.String()), true)
	if err != nil || !eqEvents(got, want) {
		t.Fatalf("got %q\nwant %q %v", got, want, err)
	}
	dup := strings.Replace(b.String(), `p1:x="1"`, `p1:x="1" p1:x="2"`, 1)
	if _, err := anyEvents([]byte(dup), xmlLimits{}); err == nil || !strings.Contains(err.Error(), "duplicate attribute") {
		t.Fatalf("dup: %v", err)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestDecodeErrorFormat(t *testing.T) {
	e := &XSDecodeError{Line: 3, Msg: "m"}
	if e.Error() != "line 3: m" {
		t.Error(e.Error())
	}
	e.Path = "/a"
	if e.Error() != "line 3: /a: m" {
		t.Error(e.Error())
	}
}

func TestAPIMisuse(t *testing.T) {
	d := xmlNewDecoder([]byte(`<a/>`), nil, xmlLimits{})
	if _, err := d.Child(); err == nil {
		t.Error("Child before Root")
	}
	d = xmlNewDecoder([]byte(`<a/>`), nil, xmlLimits{})
	d.Root()
	if _, err := d.Root(); err == nil {
		t.Error("Root twice")
	}
}

func TestManyNamespacesAnyLinear(t *testing.T) {
	const n = 20000
	var b strings.Builder
	b.WriteString(`<r xmlns:d="urn:dup"`)
	for i := 0; i < n; i++ {
		b.WriteString(" xmlns:p" + itoa(i) + `="urn:` + itoa(i%100) + `"`)
	}
	b.WriteString("><a")
	for i := 0; i < n; i++ {
		b.WriteString(" p" + itoa(i) + ":x" + itoa(i) + `="1"`)
	}
	b.WriteString(` xmlns:p7="urn:inner"><p7:b/><d:c/></a></r>`)
	doc := []byte(b.String())
	start := time.Now()
	want, err := anyEvents(doc, xmlLimits{})
	if err != nil {
		t.Fatal(err)
	}
	d := xmlNewDecoder(doc, nil, xmlLimits{})
	d.Root()
	se, _ := d.Child()
	a, err := d.Any(se)
	if err != nil {
		t.Fatal(err)
	}
	out := a.AppendXML(nil)
	got, err := anyEvents([]byte("<r>"+string(out)+"</r>"), xmlLimits{})
	if err != nil || !eqEvents(got, want) {
		t.Fatalf("re-encoding differs: %v", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("too slow: %v", el)
	}
}

// An element may be named xmlns. Namespaces in XML 1.0 reserves the prefix
// xmlns (no element uses it and it is never declared) and makes an
// unprefixed attribute named xmlns a default namespace declaration, but an
// element's local name xmlns is an NCName like any other: unprefixed, it is
// in the default namespace in scope. encoding/xml leaves such an element in
// no namespace; the differential harness corrects its events accordingly
// (stdEvents), and testdata/fuzz/FuzzDecoder/xmlns-element-name keeps the
// input that showed the difference.
func TestElementNamedXmlns(t *testing.T) {
	tests := []struct {
		doc  string
		want []string // childEvents
		err  string
	}{
		{doc: `<xmlns xmlns="0"/>`, want: []string{"S {0}xmlns", "E"}},
		{doc: `<xmlns/>`, want: []string{"S {}xmlns", "E"}},
		{doc: `<r xmlns="urn:a"><xmlns/><xmlns xmlns=""/></r>`, want: []string{"S {urn:a}r", "S {urn:a}xmlns", "E", "S {}xmlns", "E", "E"}},
		{doc: `<p:xmlns xmlns:p="urn:p"/>`, want: []string{"S {urn:p}xmlns", "E"}},
		{doc: `<xmlns:a/>`, err: "the prefix xmlns is reserved"},
		{doc: `<a xmlns:xmlns="urn:x"/>`, err: "the prefix xmlns must not be declared"},
	}
	for _, tt := range tests {
		got, err := childEvents([]byte(tt.doc), xmlLimits{})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want one containing %q", tt.doc, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.doc, err)
			continue
		}
		if !eqEvents(got, tt.want) {
			t.Errorf("%s: events %q, want %q", tt.doc, got, tt.want)
		}
		// The corrected encoding/xml events agree.
		std, _, err := stdEvents([]byte(tt.doc), false)
		if err != nil || !eqEvents(std, tt.want) {
			t.Errorf("%s: encoding/xml events %q (%v), want %q", tt.doc, std, err, tt.want)
		}
		// A captured tree has the same events, and so has its encoding.
		d := xmlNewDecoder([]byte(tt.doc), nil, xmlLimits{})
		se, err := d.Root()
		if err != nil {
			t.Fatal(err)
		}
		x, err := d.Any(se)
		if err != nil {
			t.Fatal(err)
		}
		out := x.AppendXML(nil)
		for _, doc := range [][]byte{[]byte(tt.doc), out} {
			a, err := anyEvents(doc, xmlLimits{})
			if err != nil || !eqEvents(withoutText(a), tt.want) {
				t.Errorf("%s: Any events of %s: %q (%v), want %q", tt.doc, doc, a, err, tt.want)
			}
		}
	}
}

func TestMixedChild(t *testing.T) {
	cases := []struct {
		doc, want string
		children  int
	}{
		{`<a>x&amp;y<b/>z<![CDATA[<w>]]><c/></a>`, "x&yz<w>", 2},
		{"<a>\n  <b/>\n</a>", "", 1},
		{`<a>t</a>`, "t", 0},
		{`<a/>`, "", 0},
	}
	for _, c := range cases {
		d := xmlNewDecoder([]byte(c.doc), nil, xmlLimits{})
		if _, err := d.Root(); err != nil {
			t.Fatal(err)
		}
		var text string
		n := 0
		for {
			ch, err := d.MixedChild(&text)
			if err != nil {
				t.Fatalf("%q: %v", c.doc, err)
			}
			if ch == nil {
				break
			}
			n++
			if err := d.Skip(); err != nil {
				t.Fatal(err)
			}
		}
		if text != c.want || n != c.children {
			t.Errorf("%q: text %q, %d children; want %q, %d", c.doc, text, n, c.want, c.children)
		}
	}
}
