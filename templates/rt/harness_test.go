package ewsrt

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Test harness: event streams of the decoder and of encoding/xml.

const testNS = "urn:test:ns"

var testNSTable = []string{"", "http://schemas.xmlsoap.org/soap/envelope/",
	"http://schemas.microsoft.com/exchange/services/2006/types",
	"http://schemas.microsoft.com/exchange/services/2006/messages", testNS}

func normWS(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func startEvent(space, local string, attrs []string) string {
	var sb strings.Builder
	sb.WriteString("S {")
	sb.WriteString(normWS(space))
	sb.WriteString("}")
	sb.WriteString(local)
	for _, a := range attrs {
		sb.WriteString(" ")
		sb.WriteString(a)
	}
	return sb.String()
}

// stdEvents returns the events of encoding/xml (Strict) inside the document
// element: starts with attributes (namespace declarations removed, values
// white-space mapped), ends, and merged non-empty text.
func stdEvents(doc []byte, withText bool) ([]string, bool, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	// raw runs in lockstep to tell namespace declarations from attributes
	// whose prefix is bound to the URI "xmlns".
	raw := xml.NewDecoder(bytes.NewReader(doc))
	raw.Strict = true
	nextRawStart := func() xml.StartElement {
		for {
			t, err := raw.RawToken()
			if err != nil {
				panic("RawToken disagrees with Token: " + err.Error())
			}
			if se, ok := t.(xml.StartElement); ok {
				return se
			}
		}
	}
	var ev []string
	var text []byte
	depth := 0
	sawDirective := false
	// defaults is the default namespace in scope of each open element, from
	// the raw xmlns attributes (see the StartElement case).
	var defaults []string
	flush := func() {
		if len(text) > 0 && withText {
			ev = append(ev, "T "+string(text))
		}
		text = text[:0]
	}
	for {
		t, err := d.Token()
		if err == io.EOF {
			flush()
			return ev, sawDirective, nil
		}
		if err != nil {
			return nil, sawDirective, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			flush()
			depth++
			var attrs []string
			rse := nextRawStart()
			def := ""
			if len(defaults) > 0 {
				def = defaults[len(defaults)-1]
			}
			for _, a := range rse.Attr {
				if a.Name.Space == "" && a.Name.Local == "xmlns" {
					def = a.Value
				}
			}
			defaults = append(defaults, def)
			// encoding/xml leaves an unprefixed element named xmlns in no
			// namespace (its name translation treats it like the xmlns
			// attribute). Namespaces in XML 1.0 reserves the prefix xmlns
			// only: the local name xmlns is an NCName like any other, and
			// an unprefixed element name is in the default namespace.
			if rse.Name.Space == "" && rse.Name.Local == "xmlns" {
				t.Name.Space = def
			}
			for i, a := range t.Attr {
				if rn := rse.Attr[i].Name; rn.Space == "xmlns" || rn.Space == "" && rn.Local == "xmlns" {
					continue
				}
				attrs = append(attrs, "{"+normWS(a.Name.Space)+"}"+a.Name.Local+"="+normWS(a.Value))
			}
			ev = append(ev, startEvent(t.Name.Space, t.Name.Local, attrs))
		case xml.EndElement:
			flush()
			depth--
			defaults = defaults[:len(defaults)-1]
			ev = append(ev, "E")
		case xml.CharData:
			if depth > 0 {
				text = append(text, t...)
			}
		case xml.Directive:
			sawDirective = true
		}
	}
}

// anyEvents decodes doc with Root+Any and returns the events of the tree.
func anyEvents(doc []byte, lim xmlLimits) ([]string, error) {
	d := xmlNewDecoder(doc, testNSTable, lim)
	se, err := d.Root()
	if err != nil {
		return nil, err
	}
	a, err := d.Any(se)
	if err != nil {
		return nil, err
	}
	var ev []string
	var walk func(e *XSAnyElement)
	walk = func(e *XSAnyElement) {
		var attrs []string
		for _, at := range e.Attrs {
			attrs = append(attrs, "{"+normWS(at.Name.Space)+"}"+at.Name.Local+"="+normWS(at.Value))
		}
		ev = append(ev, startEvent(e.Name.Space, e.Name.Local, attrs))
		for _, c := range e.Children {
			if c.Elem != nil {
				walk(c.Elem)
			} else if c.Text != "" {
				ev = append(ev, "T "+c.Text)
			}
		}
		ev = append(ev, "E")
	}
	walk(a)
	return ev, nil
}

// childEvents decodes doc with Root/Child only (text skipped) and returns
// start and end events.
func childEvents(doc []byte, lim xmlLimits) ([]string, error) {
	d := xmlNewDecoder(doc, testNSTable, lim)
	se, err := d.Root()
	if err != nil {
		return nil, err
	}
	var ev []string
	add := func(se *xmlStart) {
		var attrs []string
		for i := range se.Attrs {
			a := &se.Attrs[i]
			if a.NS >= 0 && testNSTable[a.NS] != a.URI {
				panic("NS index does not match URI")
			}
			attrs = append(attrs, "{"+normWS(a.URI)+"}"+string(a.Local)+"="+normWS(d.AttrValue(a)))
		}
		if se.NS >= 0 && testNSTable[se.NS] != se.URI {
			panic("NS index does not match URI")
		}
		ev = append(ev, startEvent(se.URI, string(se.Local), attrs))
	}
	add(se)
	depth := 1
	for depth > 0 {
		se, err := d.Child()
		if err != nil {
			return nil, err
		}
		if se == nil {
			ev = append(ev, "E")
			depth--
			continue
		}
		add(se)
		depth++
	}
	return ev, nil
}

// skipCheck decodes doc with Root then Skip.
func skipCheck(doc []byte, lim xmlLimits) error {
	d := xmlNewDecoder(doc, testNSTable, lim)
	if _, err := d.Root(); err != nil {
		return err
	}
	return d.Skip()
}

// textCheck decodes doc with Root/Child, using Text on every element whose
// first Child call would... it reads Text for the document element's
// children that are leaves in the std events; used to compare text values.
func leafTexts(doc []byte) ([]string, error) {
	d := xmlNewDecoder(doc, testNSTable, xmlLimits{})
	if _, err := d.Root(); err != nil {
		return nil, err
	}
	var out []string
	for {
		se, err := d.Child()
		if err != nil {
			return nil, err
		}
		if se == nil {
			return out, nil
		}
		s, err := d.Text()
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// stricterMsgs are errors for constraints encoding/xml does not check.
var stricterMsgs = []string{
	"no document element",
	"text before the document element",
	"content after the document element",
	"DOCTYPE is not allowed",
	"invalid markup",
	"invalid XML declaration",
	"processing instruction",
	"illegal character in comment",
	"invalid qualified name",
	"white space expected before attribute",
	"duplicate attribute",
	"undeclared namespace prefix",
	"prefix xml",
	"must not be declared",
	"must not be bound to the empty string",
	"invalid character reference",
	"nesting depth exceeds",
}

func isStricter(err error, doc []byte) bool {
	var de *XSDecodeError
	if !errors.As(err, &de) {
		return false
	}
	for _, m := range stricterMsgs {
		if strings.Contains(de.Msg, m) {
			return true
		}
	}
	if strings.Contains(de.Msg, "invalid character in name") || strings.Contains(de.Msg, "name expected") {
		return hasNonASCII(doc)
	}
	return false
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func eqEvents(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func withoutText(ev []string) []string {
	var out []string
	for _, e := range ev {
		if !strings.HasPrefix(e, "T ") {
			out = append(out, e)
		}
	}
	return out
}

// leafInfo returns, for each start event in order, whether the element has
// no child elements and its text.
func leafInfo(ev []string) (leaf []bool, text []string) {
	for i, e := range ev {
		if !strings.HasPrefix(e, "S ") {
			continue
		}
		isLeaf, t := true, ""
		for j := i + 1; j < len(ev); j++ {
			if strings.HasPrefix(ev[j], "S ") {
				isLeaf = false
				break
			}
			if ev[j] == "E" {
				break
			}
			t = strings.TrimPrefix(ev[j], "T ")
		}
		leaf = append(leaf, isLeaf)
		text = append(text, t)
	}
	return
}

// textWalk walks doc with Child, reading leaves with Text (or TextBytes)
// and checking their text against the std events.
func textWalk(doc []byte, stdEv []string, useBytes bool) error {
	leaf, text := leafInfo(stdEv)
	d := xmlNewDecoder(doc, testNSTable, xmlLimits{})
	k := 0
	visit := func() (bool, error) { // returns whether the element was consumed
		if k >= len(leaf) {
			return false, errors.New("more elements than encoding/xml")
		}
		k++
		if !leaf[k-1] {
			return false, nil
		}
		var s string
		var err error
		if useBytes {
			var b []byte
			b, err = d.TextBytes()
			s = string(b)
		} else {
			s, err = d.Text()
		}
		if err != nil {
			return true, err
		}
		if s != text[k-1] {
			return true, errors.New("text " + strconvQuote(s) + " want " + strconvQuote(text[k-1]))
		}
		return true, nil
	}
	if _, err := d.Root(); err != nil {
		return err
	}
	depth := 1
	done, err := visit()
	if err != nil {
		return err
	}
	if done {
		depth = 0
	}
	for depth > 0 {
		se, err := d.Child()
		if err != nil {
			return err
		}
		if se == nil {
			depth--
			continue
		}
		done, err := visit()
		if err != nil {
			return err
		}
		if !done {
			depth++
		}
	}
	return nil
}

func strconvQuote(s string) string { return fmt.Sprintf("%q", s) }
