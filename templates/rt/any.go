package ewsrt

import (
	"strconv"
	"strings"
)

// XSQName is an expanded name (xs:QName value): a namespace URI and a local
// name.
type XSQName struct {
	Space string // namespace URI, "" for no namespace
	Local string
}

// String returns the name in Clark notation, "{space}local", or just
// "local" when Space is empty.
func (q XSQName) String() string {
	if q.Space == "" {
		return q.Local
	}
	return "{" + q.Space + "}" + q.Local
}

// AppendXML appends the lexical form "prefix:local" (or "local" when prefix
// is ""). The caller is responsible for prefix being bound to q.Space where
// the value is written.
func (q XSQName) AppendXML(b []byte, prefix string) []byte {
	if prefix != "" {
		b = append(b, prefix...)
		b = append(b, ':')
	}
	return append(b, q.Local...)
}

// XSParseQName parses a QName in Clark notation ("{space}local" or
// "local"), the form String returns. Lexical "prefix:local" values need a
// namespace scope: the decoder's QName method resolves those.
func XSParseQName(s string) (XSQName, error) {
	s = xmlTrimSpaceString(s)
	var q XSQName
	if strings.HasPrefix(s, "{") {
		i := strings.IndexByte(s, '}')
		if i < 0 {
			return XSQName{}, &XSValueError{Type: "QName", Value: s, Msg: "missing }"}
		}
		q.Space, s = s[1:i], s[i+1:]
	}
	if !xmlIsNCName(s) {
		return XSQName{}, &XSValueError{Type: "QName", Value: s, Msg: "invalid local name"}
	}
	q.Local = s
	return q, nil
}

// XSNamespace is a namespace declaration; Prefix "" is the default
// namespace.
type XSNamespace struct {
	Prefix string
	URI    string
}

// XSAnyAttr is an attribute of an XSAnyElement.
type XSAnyAttr struct {
	Name   XSQName
	Prefix string // prefix used in the source: a hint for re-encoding
	Value  string // the normalized value
}

// XSAnyNode is one item of mixed content: an element when Elem is not nil,
// otherwise character data in Text.
type XSAnyNode struct {
	Text string
	Elem *XSAnyElement
}

// XSAnyElement is an element captured by an xs:any wildcard (or built by
// hand): a small namespace-resolved tree that keeps mixed content in order.
// Comments and processing instructions are not kept.
type XSAnyElement struct {
	Name     XSQName
	Prefix   string      // prefix used in the source: a hint for re-encoding
	Attrs    []XSAnyAttr // without namespace declarations
	Children []XSAnyNode
	// NS lists namespace declarations to write on the element even when its
	// names do not need them (e.g. for QName values in content). A decoded
	// top element lists every binding that was in scope, others the
	// declarations they carried.
	NS []XSNamespace
}

// Text returns the concatenated character data directly inside a.
func (a *XSAnyElement) Text() string {
	var n int
	var last string
	for _, c := range a.Children {
		if c.Elem == nil {
			n++
			last = c.Text
		}
	}
	if n <= 1 {
		return last
	}
	var sb strings.Builder
	for _, c := range a.Children {
		if c.Elem == nil {
			sb.WriteString(c.Text)
		}
	}
	return sb.String()
}

// String returns the element as XML.
func (a *XSAnyElement) String() string {
	return string(a.AppendXML(nil))
}

// AppendXML appends a as self-contained XML: every namespace its names use
// is declared on the element that needs it (keeping the source prefix when
// possible), so the result is namespace-correct wherever it is placed. An
// element in no namespace gets xmlns="" when a default namespace could be
// in scope.
func (a *XSAnyElement) AppendXML(b []byte) []byte {
	var s xmlNSScope
	return s.appendElem(b, a)
}

// xmlNSScope is the namespace scope while encoding an XSAnyElement.
// A binding with prefix "" for the default namespace is absent until
// declared (unknown outside the fragment). Lookups scan binds linearly; with
// many bindings they switch to maps so that hostile trees stay linear.
type xmlNSScope struct {
	binds    []XSNamespace
	prev     []int            // with maps: previous binding of the same prefix, -1 if none
	byPrefix map[string]int   // innermost binding of each prefix
	byURI    map[string][]int // bindings of each URI, innermost last
	gen      int
}

// push adds a binding to the current element.
func (s *xmlNSScope) push(ns XSNamespace) {
	if s.byPrefix == nil && len(s.binds) >= 32 {
		s.byPrefix = make(map[string]int)
		s.byURI = make(map[string][]int)
		all := s.binds
		s.binds = s.binds[:0:0]
		for _, b := range all {
			s.push(b)
		}
	}
	if s.byPrefix != nil {
		p, ok := s.byPrefix[ns.Prefix]
		if !ok {
			p = -1
		}
		s.prev = append(s.prev, p)
		s.byPrefix[ns.Prefix] = len(s.binds)
		s.byURI[ns.URI] = append(s.byURI[ns.URI], len(s.binds))
	}
	s.binds = append(s.binds, ns)
}

// popTo drops the bindings from index mark on.
func (s *xmlNSScope) popTo(mark int) {
	if s.byPrefix != nil {
		for i := len(s.binds) - 1; i >= mark; i-- {
			b := s.binds[i]
			if s.prev[i] >= 0 {
				s.byPrefix[b.Prefix] = s.prev[i]
			} else {
				delete(s.byPrefix, b.Prefix)
			}
			u := s.byURI[b.URI]
			if len(u) <= 1 {
				delete(s.byURI, b.URI)
			} else {
				s.byURI[b.URI] = u[:len(u)-1]
			}
		}
		s.prev = s.prev[:mark]
	}
	s.binds = s.binds[:mark]
}

// index returns the index of the innermost binding of prefix, or -1.
func (s *xmlNSScope) index(prefix string) int {
	if s.byPrefix != nil {
		if i, ok := s.byPrefix[prefix]; ok {
			return i
		}
		return -1
	}
	for i := len(s.binds) - 1; i >= 0; i-- {
		if s.binds[i].Prefix == prefix {
			return i
		}
	}
	return -1
}

// find returns the URI bound to prefix and whether it is bound.
func (s *xmlNSScope) find(prefix string) (string, bool) {
	if prefix == "xml" {
		return xmlNamespaceURI, true
	}
	if i := s.index(prefix); i >= 0 {
		return s.binds[i].URI, true
	}
	return "", false
}

// declaredHere reports whether prefix is declared on the current element,
// whose bindings start at mark.
func (s *xmlNSScope) declaredHere(mark int, prefix string) bool {
	return s.index(prefix) >= mark
}

// prefixFor returns a prefix bound to uri in scope (not shadowed); the
// default namespace is considered only when elem is true.
func (s *xmlNSScope) prefixFor(uri string, elem bool) (string, bool) {
	if uri == xmlNamespaceURI {
		return "xml", true
	}
	ok := func(i int) bool {
		b := s.binds[i]
		return (b.Prefix != "" || elem) && s.index(b.Prefix) == i
	}
	if s.byURI != nil {
		u := s.byURI[uri]
		for k := len(u) - 1; k >= 0; k-- {
			if ok(u[k]) {
				return s.binds[u[k]].Prefix, true
			}
		}
		return "", false
	}
	for i := len(s.binds) - 1; i >= 0; i-- {
		if s.binds[i].URI == uri && ok(i) {
			return s.binds[i].Prefix, true
		}
	}
	return "", false
}

// bind returns a prefix for uri, declaring one on the current element
// (whose declarations are s.binds[mark:]) when needed.
func (s *xmlNSScope) bind(mark int, uri, hint string, elem bool) string {
	if hint != "" || elem {
		if u, ok := s.find(hint); ok && u == uri {
			return hint
		}
	}
	if p, ok := s.prefixFor(uri, elem); ok {
		return p
	}
	p := hint
	if p == "" && !elem || p == "xml" || p == "xmlns" || p != "" && !xmlIsNCName(p) || s.declaredHere(mark, p) {
		for {
			s.gen++
			p = "ns" + strconv.Itoa(s.gen)
			if _, ok := s.find(p); !ok {
				break
			}
		}
	}
	s.push(XSNamespace{Prefix: p, URI: uri})
	return p
}

func (s *xmlNSScope) appendElem(b []byte, a *XSAnyElement) []byte {
	mark := len(s.binds)
	// Declarations carried by the element, unless the name needs the
	// default namespace differently.
	for _, ns := range a.NS {
		switch {
		case ns.Prefix == "xml" || ns.Prefix == "xmlns" || ns.URI == xmlNamespaceURI || ns.URI == xmlnsNamespaceURI:
		case ns.Prefix != "" && (ns.URI == "" || !xmlIsNCName(ns.Prefix)):
		case ns.Prefix == "" && a.Name.Space == "" && ns.URI != "":
		case s.declaredHere(mark, ns.Prefix):
		default:
			s.push(ns)
		}
	}
	var prefix string
	if a.Name.Space == "" {
		if u, ok := s.find(""); !ok || u != "" {
			if !s.declaredHere(mark, "") {
				s.push(XSNamespace{})
			}
		}
	} else {
		prefix = s.bind(mark, a.Name.Space, a.Prefix, true)
	}
	var aprefix []string
	if len(a.Attrs) > 0 {
		aprefix = make([]string, len(a.Attrs))
		for i, at := range a.Attrs {
			if at.Name.Space != "" && at.Name.Space != xmlnsNamespaceURI {
				aprefix[i] = s.bind(mark, at.Name.Space, at.Prefix, false)
			}
		}
	}
	b = append(b, '<')
	start := len(b)
	if prefix != "" {
		b = append(b, prefix...)
		b = append(b, ':')
	}
	b = append(b, a.Name.Local...)
	qname := string(b[start:])
	for _, ns := range s.binds[mark:] {
		if ns.Prefix == "" {
			b = append(b, " xmlns=\""...)
		} else {
			b = append(b, " xmlns:"...)
			b = append(b, ns.Prefix...)
			b = append(b, '=', '"')
		}
		b = xmlAppendEscaped(b, ns.URI, xmlClsEscAttr)
		b = append(b, '"')
	}
	for i, at := range a.Attrs {
		if at.Name.Space == xmlnsNamespaceURI {
			continue
		}
		b = append(b, ' ')
		if aprefix[i] != "" {
			b = append(b, aprefix[i]...)
			b = append(b, ':')
		}
		b = append(b, at.Name.Local...)
		b = append(b, '=', '"')
		b = xmlAppendEscaped(b, at.Value, xmlClsEscAttr)
		b = append(b, '"')
	}
	if len(a.Children) == 0 {
		s.popTo(mark)
		return append(b, '/', '>')
	}
	b = append(b, '>')
	for _, c := range a.Children {
		if c.Elem != nil {
			b = s.appendElem(b, c.Elem)
		} else {
			b = xmlAppendEscaped(b, c.Text, xmlClsEscText)
		}
	}
	s.popTo(mark)
	b = append(b, '<', '/')
	b = append(b, qname...)
	return append(b, '>')
}
