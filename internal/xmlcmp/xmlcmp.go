// Package xmlcmp compares XML documents as canonical trees: elements and
// attributes by namespace URI and local name, in document order, with their
// text; namespace prefixes, namespace declarations, attribute order and
// whitespace-only text between elements are ignored. It uses encoding/xml,
// independent of the generated decoders it is used to check.
package xmlcmp

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Node is one element of a canonical tree.
type Node struct {
	Name     xml.Name
	Attrs    []xml.Attr // sorted, without namespace declarations
	Text     string     // concatenated character data when the element has no child elements
	Children []*Node
	Line     int
}

// Parse reads the first element of data (a document or a fragment) as a
// canonical tree.
func Parse(data []byte) (*Node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []*Node
	var text []*strings.Builder
	var root *Node
	var scopes []map[string]string // prefix -> URI declared on each open element
	resolve := func(qn string) string {
		prefix, local := "", qn
		if i := strings.IndexByte(qn, ':'); i >= 0 {
			prefix, local = qn[:i], qn[i+1:]
		}
		for i := len(scopes) - 1; i >= 0; i-- {
			if u, ok := scopes[i][prefix]; ok {
				return "{" + u + "}" + local
			}
		}
		return "{}" + local
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := d.InputPos()
			n := &Node{Name: t.Name, Line: line}
			scope := map[string]string{}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					scope[a.Name.Local] = a.Value
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					scope[""] = a.Value
				}
			}
			scopes = append(scopes, scope)
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				if a.Name.Space == "http://www.w3.org/2001/XMLSchema-instance" && a.Name.Local == "type" {
					a.Value = resolve(strings.TrimSpace(a.Value)) // a QName: compare what it names
				}
				n.Attrs = append(n.Attrs, a)
			}
			sort.Slice(n.Attrs, func(i, j int) bool {
				if n.Attrs[i].Name.Space != n.Attrs[j].Name.Space {
					return n.Attrs[i].Name.Space < n.Attrs[j].Name.Space
				}
				return n.Attrs[i].Name.Local < n.Attrs[j].Name.Local
			})
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
			text = append(text, new(strings.Builder))
		case xml.EndElement:
			n := stack[len(stack)-1]
			if len(n.Children) == 0 {
				n.Text = text[len(text)-1].String()
			} else if s := strings.TrimSpace(text[len(text)-1].String()); s != "" {
				n.Text = s // mixed content: compare the trimmed text
			}
			stack = stack[:len(stack)-1]
			text = text[:len(text)-1]
			scopes = scopes[:len(scopes)-1]
		case xml.CharData:
			if len(text) > 0 {
				text[len(text)-1].Write(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no element")
	}
	return root, nil
}

// Diff returns the first difference between two trees as a readable line,
// or "" when they are equal.
func Diff(want, got *Node) string {
	return diff(want, got, "")
}

// sameText treats two texts as equal when both are whitespace only (the
// content of an element with element-only or empty content), or when they
// are the same base64 value and the first is wrapped over lines (XSD's
// base64Binary allows whitespace; the EWS documentation wraps long values).
func sameText(a, b string) bool {
	if strings.TrimSpace(a) == "" && strings.TrimSpace(b) == "" {
		return true
	}
	if !strings.ContainsAny(a, "\n\r\t ") {
		return false
	}
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, s)
	}
	sa, sb := strip(a), strip(b)
	if sa != sb || len(sa)%4 != 0 {
		return false
	}
	_, err := base64.StdEncoding.DecodeString(sa)
	return err == nil
}

func name(n xml.Name) string { return "{" + n.Space + "}" + n.Local }

func diff(a, b *Node, path string) string {
	p := path + "/" + a.Name.Local
	if a.Name != b.Name {
		return fmt.Sprintf("%s (line %d): element %s, got %s", p, a.Line, name(a.Name), name(b.Name))
	}
	if len(a.Attrs) != len(b.Attrs) {
		return fmt.Sprintf("%s (line %d): attributes %v, got %v", p, a.Line, a.Attrs, b.Attrs)
	}
	for i := range a.Attrs {
		if a.Attrs[i] != b.Attrs[i] {
			return fmt.Sprintf("%s (line %d): attribute %s=%q, got %s=%q", p, a.Line, name(a.Attrs[i].Name), a.Attrs[i].Value, name(b.Attrs[i].Name), b.Attrs[i].Value)
		}
	}
	if a.Text != b.Text && !sameText(a.Text, b.Text) {
		return fmt.Sprintf("%s (line %d): text %q, got %q", p, a.Line, a.Text, b.Text)
	}
	for i := 0; i < len(a.Children) && i < len(b.Children); i++ {
		if d := diff(a.Children[i], b.Children[i], p); d != "" {
			return d
		}
	}
	if len(a.Children) != len(b.Children) {
		if len(a.Children) > len(b.Children) {
			c := a.Children[len(b.Children)]
			return fmt.Sprintf("%s (line %d): missing child %s", p, c.Line, name(c.Name))
		}
		return fmt.Sprintf("%s: extra child %s", p, name(b.Children[len(a.Children)].Name))
	}
	return ""
}
