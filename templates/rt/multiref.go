package ewsrt

import (
	"bytes"
	"strings"
)

// SOAP 1.1 section 5 multi-reference values: an accessor may carry
// href="#id" instead of its value, which is then the element with id="id",
// usually an independent element after the rpc wrapper among the Body's
// children (Apache Axis 1 writes them as multiRef elements), sometimes an
// element inside the wrapper. Decoding an rpc/encoded body resolves every
// reference to a copy of the referenced element's attributes and content,
// under the accessor's name, and decodes the resolved tree; the copies are
// bounded (xmlMultiRefMaxNodes elements, and character data of at most
// eight times the document), so shared references cannot blow up, and a
// cyclic reference is an error (a Go value is a tree).

// xmlMultiRefMaxNodes bounds the elements of a resolved multi-reference body.
const xmlMultiRefMaxNodes = 1 << 18

// xmlSOAPEncNS is the SOAP 1.1 encoding namespace (soapenc:root, arrayType, ...).
const xmlSOAPEncNS = "http://schemas.xmlsoap.org/soap/encoding/"

// MayHaveRefs reports whether the rest of the document may hold an href
// attribute; when it cannot, a body is decoded directly.
func (d *xmlDecoder) MayHaveRefs() bool {
	return d.pos <= len(d.data) && bytes.Contains(d.data[d.pos:], []byte("href"))
}

// DecodeMultiRef reads the element se (the first child of the Body) and
// the Body's remaining children, resolves the references in se, and
// decodes the result with decode, using the decoder's limits and policy.
func (d *xmlDecoder) DecodeMultiRef(se *xmlStart, decode func(*xmlDecoder, *xmlStart) error) error {
	root, err := d.Any(se)
	if err != nil {
		return err
	}
	r := xmlMultiRef{ids: map[string]*XSAnyElement{}, active: map[string]bool{}, maxText: 8 * len(d.data)}
	if r.maxText < 1<<20 {
		r.maxText = 1 << 20
	}
	if err := r.collect(root); err != nil {
		return d.Errorf("%s", err.Error())
	}
	for {
		c, err := d.Child()
		if err != nil {
			return err
		}
		if c == nil {
			break
		}
		e, err := d.Any(c)
		if err != nil {
			return err
		}
		if err := r.collect(e); err != nil {
			return d.Errorf("%s", err.Error())
		}
	}
	resolved, err := r.resolve(root, nil, 0)
	if err != nil {
		return d.Errorf("%s", err.Error())
	}
	sub := xmlNewDecoder(resolved.AppendXML(nil), d.nsTable, xmlLimits{MaxDepth: d.maxDepth, Strict: d.strict, Departures: d.dep})
	rse, err := sub.Root()
	if err == nil {
		err = decode(sub, rse)
	}
	if err == nil {
		err = sub.Finish()
	}
	if err != nil {
		return d.Errorf("in the body with its multi-reference values resolved: %s", err.Error())
	}
	return nil
}

// xmlMultiRef is the state of one resolution.
type xmlMultiRef struct {
	ids      map[string]*XSAnyElement
	active   map[string]bool // references being resolved (cycle check)
	nodes    int
	text     int
	maxText  int
	elements int // elements collected
}

// xmlMultiRefError is a reference that cannot be resolved, or a resolution
// past the bounds.
type xmlMultiRefError string

// Error returns the message.
func (e xmlMultiRefError) Error() string { return string(e) }

// collect records e and its descendants that carry an id attribute.
func (r *xmlMultiRef) collect(e *XSAnyElement) error {
	stack := []*XSAnyElement{e}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if r.elements++; r.elements > xmlMultiRefMaxNodes {
			return xmlMultiRefError("multi-reference body: more than " + xmlwItoa(xmlMultiRefMaxNodes) + " elements")
		}
		if id, ok := xmlMultiRefAttr(e, "id"); ok {
			if _, dup := r.ids[id]; dup {
				return xmlMultiRefError("multi-reference body: id " + xmlQuote(id) + " is used twice")
			}
			r.ids[id] = e
		}
		for _, c := range e.Children {
			if c.Elem != nil {
				stack = append(stack, c.Elem)
			}
		}
	}
	return nil
}

// resolve returns a copy of e with its references resolved; ns are the
// declarations the copy needs besides its own (those of a referenced
// element's context).
func (r *xmlMultiRef) resolve(e *XSAnyElement, ns []XSNamespace, depth int) (*XSAnyElement, error) {
	if r.nodes++; r.nodes > xmlMultiRefMaxNodes {
		return nil, xmlMultiRefError("multi-reference values resolve to more than " + xmlwItoa(xmlMultiRefMaxNodes) + " elements")
	}
	if depth > 256 {
		return nil, xmlMultiRefError("multi-reference values nest deeper than 256 elements")
	}
	out := &XSAnyElement{Name: e.Name, Prefix: e.Prefix}
	src := e
	if href, ok := xmlMultiRefAttr(e, "href"); ok {
		if !strings.HasPrefix(href, "#") {
			return nil, xmlMultiRefError("element " + e.Name.Local + ": href " + xmlQuote(href) + " is not a reference to an element of the message (#id)")
		}
		id := href[1:]
		t := r.ids[id]
		if t == nil {
			return nil, xmlMultiRefError("element " + e.Name.Local + ": href " + xmlQuote(href) + " names no element with that id")
		}
		if r.active[id] {
			return nil, xmlMultiRefError("element " + e.Name.Local + ": href " + xmlQuote(href) + " refers to a value that contains it (a cycle)")
		}
		r.active[id] = true
		defer delete(r.active, id)
		src = t
		// the referenced element's declarations first: its QName values
		// were written under them
		ns = append(append([]XSNamespace(nil), t.NS...), ns...)
	}
	out.NS = xmlMultiRefNS(ns, e.NS)
	keep := func(a XSAnyAttr) bool {
		switch {
		case a.Name.Space == "" && (a.Name.Local == "id" || a.Name.Local == "href"):
			return false
		case a.Name.Space == xmlSOAPEncNS && a.Name.Local == "root":
			return false
		}
		return true
	}
	for _, a := range e.Attrs {
		if keep(a) {
			out.Attrs = append(out.Attrs, a)
		}
	}
	if src != e {
		for _, a := range src.Attrs {
			if keep(a) && !xmlMultiRefHas(out.Attrs, a.Name) {
				out.Attrs = append(out.Attrs, a)
			}
		}
	}
	for _, c := range src.Children {
		if c.Elem == nil {
			if r.text += len(c.Text); r.text > r.maxText {
				return nil, xmlMultiRefError("multi-reference values resolve to more than " + xmlwItoa(r.maxText) + " bytes of text")
			}
			out.Children = append(out.Children, c)
			continue
		}
		// the copy's declarations are in scope for its children
		x, err := r.resolve(c.Elem, nil, depth+1)
		if err != nil {
			return nil, err
		}
		out.Children = append(out.Children, XSAnyNode{Elem: x})
	}
	return out, nil
}

// xmlMultiRefNS joins the declarations of a copied element: own first (they
// bind the element's own prefixes), then the context's whose prefix own
// does not bind.
func xmlMultiRefNS(ctx, own []XSNamespace) []XSNamespace {
	if len(ctx) == 0 {
		return own
	}
	out := append([]XSNamespace(nil), own...)
	for _, n := range ctx {
		dup := false
		for _, o := range out {
			if o.Prefix == n.Prefix {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, n)
		}
	}
	return out
}

func xmlMultiRefAttr(e *XSAnyElement, local string) (string, bool) {
	for _, a := range e.Attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}

func xmlMultiRefHas(attrs []XSAnyAttr, n XSQName) bool {
	for _, a := range attrs {
		if a.Name == n {
			return true
		}
	}
	return false
}

func xmlQuote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return `"` + s + `"`
}
