package ewsrt

import (
	"errors"
	"strings"
	"testing"
)

// readUnknown reads the children of the document element of doc as a
// type that declares none, with the given policy and departures.
func readUnknown(t *testing.T, doc string, strict bool, dep *xmlDepartures) (*XSUnknown, error) {
	t.Helper()
	d := xmlNewDecoder([]byte(doc), testNSTable, xmlLimits{Strict: strict, Departures: dep})
	se, err := d.Root()
	if err != nil {
		t.Fatal(err)
	}
	var u *XSUnknown
	for i := range se.Attrs {
		d.UnknownAttr(se, &se.Attrs[i], &u)
	}
	for {
		c, err := d.Elem(&u, 0)
		if err != nil {
			return nil, err
		}
		if c == nil {
			break
		}
		if err := d.Unknown(c, &u, 0); err != nil {
			return nil, err
		}
	}
	return u, d.Finish()
}

func TestUnknownPolicies(t *testing.T) {
	doc := "<r a=\"1\" xmlns:x=\"urn:x\" x:b=\"2\">\n text <x:e>in</x:e><![CDATA[c]]><f/></r>"
	u, err := readUnknown(t, doc, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Attrs) != 2 || len(u.Nodes) != 4 || strings.TrimSpace(u.Nodes[0].Text) != "text" || u.Nodes[1].Elem == nil || u.Nodes[2].Text != "c" || u.Nodes[3].Elem.Name.Local != "f" {
		t.Errorf("lenient: %+v", u)
	}
	_, err = readUnknown(t, doc, true, nil)
	var ue *XSUnknownError
	var de *XSDecodeError
	if !errors.As(err, &ue) || !errors.As(err, &de) || len(ue.Items) != 6 || de.Line != 1 {
		t.Fatalf("strict: %v", err)
	}
	if got := ue.Items[2].String(); got != `line 1: /r: unexpected text "\n text "` {
		t.Errorf("text problem: %s", got)
	}
	// departures are accepted by a strict decoder and kept
	dep := &xmlDepartures{Attrs: map[string]bool{"r@a": true}, Text: map[string]bool{"r": true}}
	_, err = readUnknown(t, doc, true, dep)
	if !errors.As(err, &ue) || len(ue.Items) != 3 {
		t.Errorf("strict with departures: %v", err)
	}
	// the number of problems kept is bounded
	many := "<r>" + strings.Repeat("<e/>", xmlMaxProblems+5) + "</r>"
	if _, err := readUnknown(t, many, true, nil); !errors.As(err, &ue) || len(ue.Items) != xmlMaxProblems || !ue.More {
		t.Errorf("bound: %d items", len(ue.Items))
	}
}

func TestUnknownWrittenInPlace(t *testing.T) {
	u := &XSUnknown{
		Attrs: []XSAnyAttr{{Name: XSQName{Local: "a"}, Value: "1"}},
		Nodes: []XSUnknownNode{{After: 0, XSAnyNode: XSAnyNode{Text: "x<"}}, {After: 1, XSAnyNode: XSAnyNode{Elem: &XSAnyElement{Name: XSQName{Local: "e"}}}}},
	}
	w := &xmlWriter{}
	w.Unknown(nil, 0)
	w.Unknown(u, 0)
	w.Buf = append(w.Buf, "|"...)
	w.Unknown(u, 1)
	w.Unknown(u, 2)
	if got := string(w.Buf); got != `x&lt;|<e xmlns=""/>` {
		t.Errorf("written %q", got)
	}
}

func TestArenaValuesIndependent(t *testing.T) {
	d := xmlNewDecoder(nil, testNSTable, xmlLimits{})
	src := []byte("abc")
	s1 := d.Str(src)
	src[0] = 'z'
	s2 := d.Str(src)
	if s1 != "abc" || s2 != "zbc" {
		t.Errorf("Str: %q %q", s1, s2)
	}
	long := strings.Repeat("y", xmlArenaMaxS+1)
	var ps []*string
	for i := 0; i < 3*xmlArenaLen; i++ {
		ps = append(ps, d.BoxString(d.Str([]byte(long[:i%len(long)]))))
	}
	*ps[0] = "changed"
	for i, p := range ps[1:] {
		if *p != long[:(i+1)%len(long)] {
			t.Fatalf("value %d changed: %q", i+1, *p)
		}
	}
	if d.Str([]byte(long)) != long || d.Str(nil) != "" {
		t.Error("long or empty string")
	}
	b := d.BoxBool(true)
	i := d.BoxInt32(7)
	if !*b || *i != 7 || *d.BoxInt64(8) != 8 || *d.BoxFloat64(1.5) != 1.5 {
		t.Error("boxes")
	}
	// a reused decoder keeps handing out fresh slots
	d.reset(nil, testNSTable, xmlLimits{})
	if s := d.Str([]byte("q")); s != "q" || s1 != "abc" {
		t.Errorf("after reset: %q %q", s, s1)
	}
}
