package xsd

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// node is one element of a parsed XML document. Names of elements are
// resolved to namespace URIs; attribute values are kept as written so that
// QName-valued attributes can be resolved later in the element's scope.
type node struct {
	name     xml.Name   // Space is the namespace URI
	raw      xml.Name   // Space is the prefix as written
	attrs    []xml.Attr // as written (Space is the prefix)
	pos      Pos
	scope    *scope
	children []*node
	text     string // character data, only collected inside documentation elements
}

// scope is one namespace declaration, linked to the declarations in scope
// around it.
type scope struct {
	parent *scope
	prefix string
	uri    string
}

var rootScope = &scope{prefix: "xml", uri: NSXML}

func (s *scope) lookup(prefix string) (string, bool) {
	if prefix == "xml" {
		return NSXML, true
	}
	for ; s != nil; s = s.parent {
		if s.prefix == prefix {
			return s.uri, true
		}
	}
	if prefix == "" {
		return "", true
	}
	return "", false
}

// attr returns the value of the unqualified attribute local.
func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (n *node) attrOr(local, def string) string {
	if v, ok := n.attr(local); ok {
		return v
	}
	return def
}

// is reports whether n is the element {space}local.
func (n *node) is(space, local string) bool {
	return n.name.Local == local && n.name.Space == space
}

// docText returns the collapsed text of the xs:annotation/xs:documentation
// (or wsdl:documentation) children of n.
func (n *node) docText() string {
	var parts []string
	for _, c := range n.children {
		switch {
		case c.is(NSXSD, "annotation"):
			for _, d := range c.children {
				if d.is(NSXSD, "documentation") {
					if t := collapseDoc(d.text); t != "" {
						parts = append(parts, t)
					}
				}
			}
		case c.is(NSWSDL, "documentation"):
			if t := collapseDoc(c.text); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, "\n\n")
}

// collapseDoc trims every line, drops leading and trailing blank lines and
// collapses runs of blank lines to one.
func collapseDoc(s string) string {
	if !strings.ContainsAny(s, "\n\r") {
		return strings.TrimSpace(s)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// parseXML parses data into a tree. Namespace errors (undeclared prefixes of
// element names) are returned in errs; a well-formedness error ends parsing
// and is returned as fatal, and so does nesting deeper than maxDepth or more
// than maxNodes elements and attributes. nodes is the number of elements and
// attributes read (more than maxNodes when that ended parsing).
//
// A document type declaration is skipped: no DTD is read, and the
// declarations of an internal subset (entities, attribute defaults such as
// #FIXED xmlns attributes) are not applied, with a warning in warns. A
// reference to an entity other than the five predefined ones is then a
// well-formedness error. The declaration is read as part of the file, so
// it is bounded by the file size.
func parseXML(file string, data []byte, maxDepth, maxNodes int) (root *node, errs, warns []*Error, fatal *Error, nodes int) {
	data = bytes.TrimPrefix(data, utf8BOM)
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = charset.NewReaderLabel
	var stack []*node
	docDepth := 0 // >0 while inside a documentation element
	var docNode *node
	var docBuf strings.Builder
	for {
		line, col := d.InputPos()
		tok, err := d.RawToken()
		if err != nil {
			if err == io.EOF {
				if len(stack) > 0 {
					l, c := d.InputPos()
					return nil, errs, warns, &Error{Pos{file, l, c}, fmt.Sprintf("not well-formed XML: unexpected end of file (element <%s> not closed)", rawName(stack[len(stack)-1].raw))}, nodes
				}
				if root == nil {
					return nil, errs, warns, &Error{Pos{file, line, col}, "not well-formed XML: no root element"}, nodes
				}
				return root, errs, warns, nil, nodes
			}
			l, c := d.InputPos()
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
				if se.Line != l {
					l, c = se.Line, 0
				}
			}
			return nil, errs, warns, &Error{Pos{file, l, c}, "not well-formed XML: " + msg}, nodes
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{raw: t.Name, pos: Pos{file, line, col}}
			nodes += 1 + len(t.Attr)
			if nodes > maxNodes {
				return nil, errs, warns, &Error{n.pos, fmt.Sprintf("the input files hold more than %d XML elements and attributes (raise the limit with --max-xml-nodes)", maxNodes)}, nodes
			}
			if len(stack) >= maxDepth {
				return nil, errs, warns, &Error{n.pos, fmt.Sprintf("elements nested more than %d deep (raise the limit with --max-xml-depth)", maxDepth)}, nodes
			}
			if len(stack) > 0 {
				n.scope = stack[len(stack)-1].scope
			} else {
				if root != nil {
					return nil, errs, warns, &Error{n.pos, "not well-formed XML: more than one root element"}, nodes
				}
				n.scope = rootScope
			}
			attrs := make([]xml.Attr, 0, len(t.Attr))
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					n.scope = &scope{parent: n.scope, prefix: a.Name.Local, uri: a.Value}
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					n.scope = &scope{parent: n.scope, prefix: "", uri: a.Value}
				default:
					attrs = append(attrs, a)
				}
			}
			n.attrs = attrs
			uri, ok := n.scope.lookup(t.Name.Space)
			if !ok {
				switch {
				case len(errs) < maxErrors:
					errs = append(errs, &Error{n.pos, fmt.Sprintf("undeclared prefix %q in element name <%s>", t.Name.Space, rawName(t.Name))})
				case len(errs) == maxErrors:
					errs = append(errs, &Error{n.pos, "more undeclared prefixes from here on are not reported"})
				}
				uri = t.Name.Space
			}
			n.name = xml.Name{Space: uri, Local: t.Name.Local}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
			if docDepth > 0 {
				docDepth++
			} else if n.name.Local == "documentation" && (n.name.Space == NSXSD || n.name.Space == NSWSDL) {
				docDepth = 1
				docNode = n
				docBuf.Reset()
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errs, warns, &Error{Pos{file, line, col}, fmt.Sprintf("not well-formed XML: unexpected end element </%s>", rawName(t.Name))}, nodes
			}
			top := stack[len(stack)-1]
			if top.raw != t.Name {
				return nil, errs, warns, &Error{Pos{file, line, col}, fmt.Sprintf("not well-formed XML: element <%s> closed by </%s>", rawName(top.raw), rawName(t.Name))}, nodes
			}
			stack = stack[:len(stack)-1]
			if docDepth > 0 {
				docDepth--
				if docDepth == 0 {
					docNode.text = docBuf.String()
					docNode = nil
				}
			}
		case xml.Directive:
			if bytes.HasPrefix(t, []byte("DOCTYPE")) && bytes.ContainsRune(t, '[') {
				warns = append(warns, &Error{Pos{file, line, col}, "the internal subset of the DOCTYPE declaration is ignored (its entity and attribute-list declarations are not applied)"})
			}
		case xml.CharData:
			if docDepth > 0 {
				docBuf.Write(t)
			} else if len(stack) == 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, errs, warns, &Error{Pos{file, line, col}, "not well-formed XML: text outside the root element"}, nodes
			}
		}
	}
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
