package ewsrt

import (
	"strings"
	"testing"
)

// Namespace declarations written by xmlWriter: an element never declares a
// prefix twice, whatever mix of xsi:type, xsi:nil, qualified attributes,
// wildcard attributes and pending declarations (Decl) it has, and every
// name still resolves to its namespace.

// writerTable is a namespace table as generated packages have it, with the
// prefixes of the client style.
var (
	writerURIs     = []string{"", "urn:m", "urn:t", "http://www.w3.org/2001/XMLSchema-instance"}
	writerPrefixes = []string{"", "m:", "t:", "xsi:"}
)

const writerXSIDecl = ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`

func TestWriterDeclaresEachPrefixOnce(t *testing.T) {
	tests := []struct {
		name  string
		write func(w *xmlWriter)
		// want is the event list of the written element (childEvents).
		want []string
	}{{
		// A server-style header element: xsi:type, then declarations that
		// also bind xsi.
		name: "xsi:type and Decl binding xsi",
		write: func(w *xmlWriter) {
			w.Decl = ` xmlns:h="urn:t" xmlns="urn:t" xmlns:xsd="http://www.w3.org/2001/XMLSchema"` + writerXSIDecl
			w.Prefix = []string{"", "m:", "h:", "xsi:"}
			w.Open(2, "E")
			w.XSIType(2, "ET")
			w.End(w.StartContent(), 2, "E")
		},
		want: []string{"S {urn:t}E {http://www.w3.org/2001/XMLSchema-instance}type=h:ET", "E"},
	}, {
		name: "xsi:type and xsi:nil on one element",
		write: func(w *xmlWriter) {
			w.Open(2, "E")
			w.XSIType(2, "ET")
			w.XSINil()
			w.End(w.StartContent(), 2, "E")
		},
		want: []string{"S {urn:t}E {http://www.w3.org/2001/XMLSchema-instance}type=t:ET {http://www.w3.org/2001/XMLSchema-instance}nil=true", "E"},
	}, {
		name: "two qualified attributes in the default namespace",
		write: func(w *xmlWriter) {
			w.Prefix = []string{"", "", "t:", "xsi:"}
			w.Decl = ` xmlns="urn:m"`
			w.Open(1, "E")
			w.AttrQ(1, "a", "1")
			w.AttrQ(1, "b", "2")
			w.End(w.StartContent(), 1, "E")
		},
		want: []string{"S {urn:m}E {urn:m}a=1 {urn:m}b=2", "E"},
	}, {
		name: "wildcard attributes sharing a prefix and a namespace",
		write: func(w *xmlWriter) {
			w.Open(2, "E")
			w.AnyAttrs([]XSAnyAttr{
				{Name: XSQName{"urn:x", "a"}, Prefix: "x", Value: "1"},
				{Name: XSQName{"urn:x", "b"}, Prefix: "x", Value: "2"},
			})
			w.End(w.StartContent(), 2, "E")
		},
		want: []string{"S {urn:t}E {urn:x}a=1 {urn:x}b=2", "E"},
	}, {
		// The table's t: names the element and its children: an attribute
		// whose source prefix was t for another namespace gets another one.
		name: "wildcard attribute prefix taken by the table",
		write: func(w *xmlWriter) {
			w.Open(2, "E")
			w.AnyAttrs([]XSAnyAttr{{Name: XSQName{"urn:x", "a"}, Prefix: "t", Value: "1"}})
			m := w.StartContent()
			w.Open(2, "C")
			w.End(w.StartContent(), 2, "C")
			w.End(m, 2, "E")
		},
		want: []string{"S {urn:t}E {urn:x}a=1", "S {urn:t}C", "E", "E"},
	}, {
		name: "wildcard attribute prefix xsi for another namespace, with xsi:type",
		write: func(w *xmlWriter) {
			w.Open(2, "E")
			w.XSIType(2, "ET")
			w.AnyAttrs([]XSAnyAttr{{Name: XSQName{"urn:x", "a"}, Prefix: "xsi", Value: "1"}})
			w.End(w.StartContent(), 2, "E")
		},
		want: []string{"S {urn:t}E {http://www.w3.org/2001/XMLSchema-instance}type=t:ET {urn:x}a=1", "E"},
	}, {
		// A fresh prefix (wa1) must not be one another attribute already
		// declared for a different namespace.
		name: "fresh wildcard prefix already used",
		write: func(w *xmlWriter) {
			w.Open(2, "E")
			w.AnyAttrs([]XSAnyAttr{
				{Name: XSQName{"urn:x", "a"}, Prefix: "wa1", Value: "1"},
				{Name: XSQName{"urn:y", "b"}, Value: "2"},
				{Name: XSQName{"http://www.w3.org/2000/xmlns/", "p"}, Prefix: "xmlns", Value: "urn:p"},
			})
			w.End(w.StartContent(), 2, "E")
		},
		want: []string{"S {urn:t}E {urn:x}a=1 {urn:y}b=2", "E"},
	}, {
		name: "many wildcard namespaces",
		write: func(w *xmlWriter) {
			w.Open(2, "E")
			var attrs []XSAnyAttr
			for i := 0; i < 6; i++ {
				attrs = append(attrs, XSAnyAttr{Name: XSQName{"urn:n" + xmlwItoa(i%3), "a" + xmlwItoa(i)}, Prefix: "p", Value: "v"})
			}
			w.AnyAttrs(attrs)
			w.End(w.StartContent(), 2, "E")
		},
		want: []string{"S {urn:t}E {urn:n0}a0=v {urn:n1}a1=v {urn:n2}a2=v {urn:n0}a3=v {urn:n1}a4=v {urn:n2}a5=v", "E"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &xmlWriter{Prefix: writerPrefixes, URIs: writerURIs}
			// Open a wrapper element first, so that the state a previous
			// start tag leaves behind is exercised too.
			w.Open(1, "R")
			w.AttrQ(0, "x", "y")
			w.XSINil()
			mark := w.StartContent()
			tt.write(w)
			w.Prefix = writerPrefixes
			w.End(mark, 1, "R")
			doc := `<w xmlns:m="urn:m" xmlns:t="urn:t">` + string(w.Buf) + `</w>`
			for _, tag := range strings.Split(doc, "<") {
				seen := map[string]bool{}
				for _, f := range strings.Fields(tag) {
					if i := strings.IndexByte(f, '='); i > 0 && strings.HasPrefix(f, "xmlns") {
						if seen[f[:i]] {
							t.Errorf("%s declared twice in <%s", f[:i], tag)
						}
						seen[f[:i]] = true
					}
				}
			}
			got, err := childEvents([]byte(doc), xmlLimits{})
			if err != nil {
				t.Fatalf("%v\n%s", err, doc)
			}
			std, _, err := stdEvents([]byte(doc), false)
			if err != nil {
				t.Fatalf("encoding/xml: %v\n%s", err, doc)
			}
			if strings.Join(got, "\n") != strings.Join(std, "\n") {
				t.Errorf("decoder and encoding/xml disagree:\n%s\n--\n%s", strings.Join(got, "\n"), strings.Join(std, "\n"))
			}
			want := append([]string{"S {}w", "S {urn:m}R {}x=y {http://www.w3.org/2001/XMLSchema-instance}nil=true"}, tt.want...)
			want = append(want, "E", "E")
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("events:\n%s\nwant:\n%s\ndoc: %s", strings.Join(got, "\n"), strings.Join(want, "\n"), doc)
			}
		})
	}
}
