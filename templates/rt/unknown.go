package ewsrt

import (
	"reflect"
	"strconv"
	"strings"
)

// xmlMaxProblems bounds the problems a strict decoder records.
const xmlMaxProblems = 100

// xmlDepartures lists content a service's real servers and clients send
// though its schemas do not declare it. It is accepted by both policies,
// kept in XSUnknown (or decoded as the declared element, for SwapNS) and
// never reported as a problem.
type xmlDepartures struct {
	// SwapNS holds two namespace table indexes: an element of one that its
	// parent's type does not declare is read as the element of the same
	// local name in the other (0, 0: none).
	SwapNS [2]int
	// Attrs lists undeclared attributes as "element@attribute" (local
	// names; element "*" for any).
	Attrs map[string]bool
	// Text lists the local names of elements whose element-only content may
	// hold text.
	Text map[string]bool
}

// XSUnknown is content read from the wire that the element's schema type
// does not declare, kept by a lenient decoder (xmlLimits.Strict false) and written
// back by the encoder: attributes after the declared ones, elements and
// text at their place among the declared children.
type XSUnknown struct {
	Attrs []XSAnyAttr
	Nodes []XSUnknownNode
}

// xmlNoCompare is the first field of every generated struct: a zero-size
// array of funcs, so that the structs are not comparable with == (which
// would compare the addresses held by optional fields, not their values)
// and the compiler writes no equality function for each of them.
type xmlNoCompare [0]func()

// XSUnknownNode is an unknown element (Elem) or text (Text) of an element.
// After is the number of the type's declared child fields (in schema order)
// that precede it: the encoder writes it after the children of field
// After-1, or before every child when After is 0.
type XSUnknownNode struct {
	After int
	Line  int // line where it was read; 0 when built by hand
	XSAnyNode
}

// XSUnknownItem describes one unknown attribute, element or text.
type XSUnknownItem struct {
	Line int     // 1-based line; 0 when not known
	Path string  // element path: local names when decoding, Go field names for UnknownContent
	Kind string  // "element", "attribute" or "text"
	Name XSQName // element or attribute name; empty for text
	Text string  // the text (shortened), for Kind "text"
}

// String returns "line N: path: unknown kind name".
func (it XSUnknownItem) String() string {
	s := ""
	if it.Line > 0 {
		s = "line " + strconv.Itoa(it.Line) + ": "
	}
	if it.Path != "" {
		s += it.Path + ": "
	}
	switch it.Kind {
	case "text":
		return s + "unexpected text " + strconv.Quote(it.Text)
	case "attribute":
		return s + "unknown attribute " + it.Name.String()
	}
	return s + "unknown element " + it.Name.String()
}

// XSUnknownError lists the unknown content a strict decoder met.
type XSUnknownError struct {
	Items []XSUnknownItem
	More  bool // more problems than the ones listed (the list is bounded)
}

// Error lists the problems, separated by "; ".
func (e *XSUnknownError) Error() string {
	var b strings.Builder
	for i, it := range e.Items {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(it.String())
	}
	if e.More {
		b.WriteString("; and more")
	}
	return b.String()
}

// problem records unknown content met by a strict decoder.
func (d *xmlDecoder) problem(it XSUnknownItem) {
	if len(d.problems) >= xmlMaxProblems {
		d.moreProblems = true
		return
	}
	d.problems = append(d.problems, it)
}

// Finish returns the error of a strict decoder that met unknown content:
// an *XSDecodeError at the first problem, wrapping an *XSUnknownError that
// lists them all; nil otherwise.
func (d *xmlDecoder) Finish() error {
	if len(d.problems) == 0 {
		return nil
	}
	ue := &XSUnknownError{Items: d.problems, More: d.moreProblems}
	first := d.problems[0]
	msg := ue.Error()
	if len(d.problems) > 1 {
		msg = strconv.Itoa(len(d.problems)) + " problems: " + msg
	} else {
		msg = strings.TrimPrefix(msg, "line "+strconv.Itoa(first.Line)+": ")
		msg = strings.TrimPrefix(msg, first.Path+": ")
	}
	return &XSDecodeError{Line: first.Line, Path: first.Path, Msg: msg, Err: ue}
}

// xmlIsBlank reports whether b holds only XML white space.
func xmlIsBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// currentLocal returns the local name of the current element.
func (d *xmlDecoder) currentLocal() string {
	f := &d.stack[len(d.stack)-1]
	return string(f.qname[f.colon+1:])
}

// Elem is Child for element-only content: it returns the next child
// element of the current element; non-blank text before it is unknown
// content, kept in *u after the first `at` declared fields (lenient) or
// recorded as a problem (xmlLimits.Strict).
func (d *xmlDecoder) Elem(u **XSUnknown, at int) (*xmlStart, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.state != xmlStateContent {
		if d.state == xmlStateDone {
			return nil, nil
		}
		return nil, d.Errorf("Elem called before Root")
	}
	for {
		switch d.next() {
		case xmlTokStart:
			return &d.start, nil
		case xmlTokEnd:
			return nil, nil
		case xmlTokText:
			if !xmlIsBlank(d.data[d.tokA:d.tokB]) {
				d.strayText(u, at, xmlAppendText(nil, d.data[d.tokA:d.tokB]))
			}
		case xmlTokCDATA:
			if d.tokB > d.tokA {
				d.strayText(u, at, xmlAppendCDATA(nil, d.data[d.tokA:d.tokB]))
			}
		case xmlTokErr:
			return nil, d.err
		}
	}
}

func (d *xmlDecoder) strayText(u **XSUnknown, at int, text []byte) {
	line := d.lineAt(d.tokA)
	tolerated := d.dep != nil && d.dep.Text[d.currentLocal()]
	if d.strict && !tolerated {
		s := string(text)
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		d.problem(XSUnknownItem{Line: line, Path: d.path(), Kind: "text", Text: s})
		return
	}
	if *u == nil {
		*u = new(XSUnknown)
	}
	nodes := (*u).Nodes
	if n := len(nodes); n > 0 && nodes[n-1].Elem == nil && nodes[n-1].After == at {
		nodes[n-1].Text += string(text) // segments of one text (CDATA, comments between)
		return
	}
	(*u).Nodes = append(nodes, XSUnknownNode{After: at, Line: line, XSAnyNode: XSAnyNode{Text: string(text)}})
}

// SchemaExact reports whether the decoder reads exactly what the schemas
// declare: no departures of the service's profile are applied.
func (d *xmlDecoder) SchemaExact() bool { return d.dep == nil }

// AltNS reads the child c, which its parent's type does not declare, in
// the namespace the departures table pairs with its own (SwapNS) and
// reports whether it did; it does so once per element.
//
//go:noinline
func (d *xmlDecoder) AltNS(c *xmlStart) bool {
	if d.dep == nil || d.dep.SwapNS[0] == d.dep.SwapNS[1] || c.NS < 0 || c.NS >= len(d.nsTable) || d.nsTable[c.NS] != c.URI {
		return false
	}
	switch c.NS {
	case d.dep.SwapNS[0]:
		c.NS = d.dep.SwapNS[1]
	case d.dep.SwapNS[1]:
		c.NS = d.dep.SwapNS[0]
	default:
		return false
	}
	return true
}

// Unknown handles the child element c that the type of the current element
// does not declare: kept in *u after the first `at` declared fields
// (lenient), or recorded as a problem and skipped (xmlLimits.Strict).
func (d *xmlDecoder) Unknown(c *xmlStart, u **XSUnknown, at int) error {
	if c.NS >= 0 && c.NS < len(d.nsTable) && d.nsTable[c.NS] != c.URI {
		c.NS = -1 // read in the other namespace of SwapNS in vain
	}
	if d.strict {
		d.problem(XSUnknownItem{Line: c.Line, Path: d.path(), Kind: "element", Name: XSQName{Space: c.URI, Local: string(c.Local)}})
		return d.Skip()
	}
	line := c.Line
	x, err := d.Any(c)
	if err != nil {
		return err
	}
	if *u == nil {
		*u = new(XSUnknown)
	}
	(*u).Nodes = append((*u).Nodes, XSUnknownNode{After: at, Line: line, XSAnyNode: XSAnyNode{Elem: x}})
	return nil
}

// UnknownAttr handles the attribute a of the start tag se that the
// element's type does not declare. Attributes in the XML Schema instance
// namespace (xsi:type, xsi:nil, xsi:schemaLocation where the type does not
// use them) are not content and are ignored.
func (d *xmlDecoder) UnknownAttr(se *xmlStart, a *xmlAttr, u **XSUnknown) {
	if a.URI == "http://www.w3.org/2001/XMLSchema-instance" {
		return
	}
	if string(a.Local) == "encodingStyle" && a.URI == "http://schemas.xmlsoap.org/soap/envelope/" || a.URI == xmlSOAPEncNS {
		// SOAP 1.1 allows encodingStyle on any element (4.1.1), and section
		// 5 encoding adds its own attributes (root, arrayType, offset,
		// position): they describe the encoding, not the content
		return
	}
	if d.strict {
		if d.dep != nil && (d.dep.Attrs[string(se.Local)+"@"+string(a.Local)] || d.dep.Attrs["*@"+string(a.Local)]) && a.URI == "" {
			// a known departure: kept, as a lenient decoder does
		} else {
			d.problem(XSUnknownItem{Line: se.Line, Path: d.path(), Kind: "attribute", Name: XSQName{Space: a.URI, Local: string(a.Local)}})
			return
		}
	}
	if *u == nil {
		*u = new(XSUnknown)
	}
	(*u).Attrs = append((*u).Attrs, xmlwAnyAttr(d, a))
}

// Unknown writes the unknown nodes of u that follow the first `at`
// declared fields. Generated encoders call it between any two fields; it is
// kept out of line so that those calls stay small for the compiler.
//
//go:noinline
func (w *xmlWriter) Unknown(u *XSUnknown, at int) {
	if u != nil && len(u.Nodes) > 0 {
		w.unknown(u, at)
	}
}

func (w *xmlWriter) unknown(u *XSUnknown, at int) {
	for i := range u.Nodes {
		n := &u.Nodes[i]
		if n.After != at {
			continue
		}
		if n.Elem != nil {
			w.Buf = n.Elem.AppendXML(w.Buf)
		} else {
			w.Buf = xmlAppendEscaped(w.Buf, n.Text, xmlClsEscText)
		}
	}
}

// UnknownAttrs writes the unknown attributes of u.
//
//go:noinline
func (w *xmlWriter) UnknownAttrs(u *XSUnknown) {
	if u != nil && len(u.Attrs) > 0 {
		w.AnyAttrs(u.Attrs)
	}
}

// XSUnknownContent lists the unknown content kept by a lenient decoder in v
// (a pointer to a decoded value, or an *Envelope) and the values it holds,
// in document order of the fields. Path names the Go fields that lead to
// each (e.g. "Body.ResponseMessages.Items[0]").
func XSUnknownContent(v any) []XSUnknownItem {
	var out []XSUnknownItem
	seen := map[uintptr]bool{}
	xmlWalkUnknown(reflect.ValueOf(v), "", &out, seen, 0)
	return out
}

func xmlWalkUnknown(v reflect.Value, path string, out *[]XSUnknownItem, seen map[uintptr]bool, depth int) {
	if depth > 512 {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		xmlWalkUnknown(v.Elem(), path, out, seen, depth+1)
	case reflect.Interface:
		if !v.IsNil() {
			xmlWalkUnknown(v.Elem(), path, out, seen, depth+1)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := 0; i < v.Len(); i++ {
			xmlWalkUnknown(v.Index(i), path+"["+strconv.Itoa(i)+"]", out, seen, depth+1)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			if f.Type == reflect.TypeFor[*XSUnknown]() {
				if u, _ := fv.Interface().(*XSUnknown); u != nil {
					for _, a := range u.Attrs {
						*out = append(*out, XSUnknownItem{Path: path, Kind: "attribute", Name: a.Name})
					}
					for _, n := range u.Nodes {
						if n.Elem != nil {
							*out = append(*out, XSUnknownItem{Line: n.Line, Path: path, Kind: "element", Name: n.Elem.Name})
						} else {
							*out = append(*out, XSUnknownItem{Line: n.Line, Path: path, Kind: "text", Text: n.Text})
						}
					}
				}
				continue
			}
			p := f.Name
			if path != "" {
				p = path + "." + f.Name
			}
			xmlWalkUnknown(fv, p, out, seen, depth+1)
		}
	}
}

// SkipUnknown skips the element c, which has no place to be kept (an
// element after the first in a SOAP Body, an unknown child of the
// Envelope); a strict decoder records it as a problem.
func (d *xmlDecoder) SkipUnknown(c *xmlStart) error {
	if d.strict {
		d.problem(XSUnknownItem{Line: c.Line, Path: d.path(), Kind: "element", Name: XSQName{Space: c.URI, Local: string(c.Local)}})
	}
	return d.Skip()
}
