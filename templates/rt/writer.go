package ewsrt

// This file is owned by the generator: the element and attribute helpers
// that generated encoders call. Everything else in the runtime is generic
// XML; this part knows about namespace prefixes.

// xmlWriter writes elements with per-namespace prefixes. Prefix[i] is the
// prefix (with its colon, e.g. "t:") used for namespace index i, or "" when
// that namespace is the default namespace in scope.
type xmlWriter struct {
	xmlEncoder
	Prefix []string
	// URIs is the namespace table (index -> URI), used for QName values
	// and xsi:type.
	URIs []string
	// Decl holds namespace declarations (" xmlns:p=\"uri\"...", URIs
	// escaped) written into the next start tag, after its attributes.
	Decl string

	// The declarations written so far among the attributes of the start
	// tag being written, so that no prefix is declared twice on one
	// element: the first four in tag, the rest in tagMore.
	ntag    int
	tag     [4]xmlwDecl
	tagMore []xmlwDecl
}

// xmlwDecl is one namespace declaration; prefix "" is the default namespace.
type xmlwDecl struct{ prefix, uri string }

// Open writes "<prefix:local" and leaves the start tag open for attributes.
func (w *xmlWriter) Open(ns int, local string) {
	if w.ntag != 0 {
		w.ntag = 0
		w.tagMore = w.tagMore[:0]
	}
	p := w.Prefix[ns]
	b, n := xmlwExtend(w.Buf, 1+len(p)+len(local))
	b[n] = '<'
	n++
	n += copy(b[n:], p)
	copy(b[n:], local)
	w.Buf = b
}

// openTag writes the whole start tag <prefix:local>, of an element
// without attributes.
func (w *xmlWriter) openTag(ns int, local string) {
	if w.ntag != 0 {
		w.ntag = 0
		w.tagMore = w.tagMore[:0]
	}
	p := w.Prefix[ns]
	b, n := xmlwExtend(w.Buf, 2+len(p)+len(local))
	b[n] = '<'
	n++
	n += copy(b[n:], p)
	n += copy(b[n:], local)
	b[n] = '>'
	w.Buf = b
}

// wholeElem writes the element {ns}local holding s, which needs no
// escaping, with one growth check of the buffer.
func (w *xmlWriter) wholeElem(ns int, local, s string) {
	if w.ntag != 0 {
		w.ntag = 0
		w.tagMore = w.tagMore[:0]
	}
	p := w.Prefix[ns]
	k := len(p) + len(local)
	b, n := xmlwExtend(w.Buf, 2*k+5+len(s))
	b[n] = '<'
	name := n + 1
	n = name + copy(b[name:], p)
	n += copy(b[n:], local)
	b[n] = '>'
	n++
	n += copy(b[n:], s)
	b[n], b[n+1] = '<', '/'
	n += 2
	n += copy(b[n:], b[name:name+k]) // the name again
	b[n] = '>'
	w.Buf = b
}

// xmlwExtend returns b extended by k bytes (growing it when needed, by at
// least doubling) and the old length, where the caller writes the k bytes.
// Writing a tag with one length check and one store of w.Buf, instead of an
// append per piece, matters: the writer lives on the heap, and every store
// of w.Buf costs a write barrier while the garbage collector runs.
func xmlwExtend(b []byte, k int) ([]byte, int) {
	n := len(b)
	if n+k > cap(b) {
		b = append(b[:n:n], make([]byte, k+n)...)[:n]
	}
	return b[:n+k], n
}

// StartContent ends the start tag and returns a mark for End.
func (w *xmlWriter) StartContent() int {
	if w.Decl != "" {
		w.appendDecl()
	}
	b, n := xmlwExtend(w.Buf, 1)
	b[n] = '>'
	w.Buf = b
	return n + 1
}

// End closes the element opened with Open; when nothing was written since
// StartContent the element is written as an empty-element tag.
func (w *xmlWriter) End(mark int, ns int, local string) {
	if len(w.Buf) == mark {
		w.Buf = append(w.Buf[:mark-1], '/', '>')
		return
	}
	w.Close(ns, local)
}

// Close writes the end tag "</prefix:local>".
func (w *xmlWriter) Close(ns int, local string) {
	p := w.Prefix[ns]
	b, n := xmlwExtend(w.Buf, 3+len(p)+len(local))
	b[n], b[n+1] = '<', '/'
	n += 2
	n += copy(b[n:], p)
	n += copy(b[n:], local)
	b[n] = '>'
	w.Buf = b
}

// AttrStart writes ` name="` for a value appended by the caller.
func (w *xmlWriter) AttrStart(name string) {
	w.Buf = append(w.Buf, ' ')
	w.Buf = append(w.Buf, name...)
	w.Buf = append(w.Buf, '=', '"')
}

// AttrEnd closes an attribute value started with AttrStart.
func (w *xmlWriter) AttrEnd() { w.Buf = append(w.Buf, '"') }

// appendDecl writes the pending declarations w.Decl, leaving out those whose
// prefix the start tag already declares (declare consults w.Decl first, so
// such a prefix is bound to the same URI).
func (w *xmlWriter) appendDecl() {
	decl := w.Decl
	w.Decl = ""
	if w.ntag == 0 {
		w.Buf = append(w.Buf, decl...)
		return
	}
	for len(decl) > 0 {
		p, _, n, ok := xmlwNextDecl(decl)
		if !ok {
			// Not the generated form: written as is rather than dropped.
			w.Buf = append(w.Buf, decl...)
			return
		}
		if _, dup := w.tagURI(p); !dup {
			w.Buf = append(w.Buf, decl[:n]...)
		}
		decl = decl[n:]
	}
}

// xmlwNextDecl splits the first declaration off decl, which holds
// declarations in the generated form ` xmlns="uri"` or ` xmlns:p="uri"`:
// its prefix, its (escaped) URI, its length, and whether decl starts with
// one.
func xmlwNextDecl(decl string) (prefix, uri string, n int, ok bool) {
	const x = " xmlns"
	if len(decl) < len(x)+3 || decl[:len(x)] != x {
		return "", "", 0, false
	}
	i := len(x)
	if decl[i] == ':' {
		j := i + 1
		for j < len(decl) && decl[j] != '=' {
			j++
		}
		prefix, i = decl[i+1:j], j
	}
	if i+1 >= len(decl) || decl[i] != '=' || decl[i+1] != '"' {
		return "", "", 0, false
	}
	j := i + 2
	for j < len(decl) && decl[j] != '"' {
		j++
	}
	if j == len(decl) {
		return "", "", 0, false
	}
	return prefix, decl[i+2 : j], j + 1, true
}

// tagURI returns the URI the start tag being written binds prefix to with a
// declaration written among its attributes.
func (w *xmlWriter) tagURI(prefix string) (string, bool) {
	for i := 0; i < w.ntag && i < len(w.tag); i++ {
		if w.tag[i].prefix == prefix {
			return w.tag[i].uri, true
		}
	}
	for _, d := range w.tagMore {
		if d.prefix == prefix {
			return d.uri, true
		}
	}
	return "", false
}

// declaredURI returns the URI the start tag being written binds prefix to,
// with a declaration already written or pending in w.Decl.
func (w *xmlWriter) declaredURI(prefix string) (uri string, escaped, ok bool) {
	if u, ok := w.tagURI(prefix); ok {
		return u, false, true
	}
	for decl := w.Decl; len(decl) > 0; {
		p, u, n, ok := xmlwNextDecl(decl)
		if !ok {
			break
		}
		if p == prefix {
			return u, true, true
		}
		decl = decl[n:]
	}
	return "", false, false
}

// declare declares prefix for uri on the start tag being written unless
// the tag already does. It reports false, writing nothing, when the tag
// binds prefix to another URI: the caller then needs another prefix.
func (w *xmlWriter) declare(prefix, uri string) bool {
	if u, escaped, ok := w.declaredURI(prefix); ok {
		if escaped {
			return u == string(xmlAppendEscaped(nil, uri, xmlClsEscAttr))
		}
		return u == uri
	}
	if prefix == "" {
		w.Buf = append(w.Buf, " xmlns"...)
	} else {
		w.Buf = append(w.Buf, " xmlns:"...)
		w.Buf = append(w.Buf, prefix...)
	}
	w.Buf = append(w.Buf, '=', '"')
	w.Buf = xmlAppendEscaped(w.Buf, uri, xmlClsEscAttr)
	w.Buf = append(w.Buf, '"')
	if w.ntag < len(w.tag) {
		w.tag[w.ntag] = xmlwDecl{prefix, uri}
	} else {
		w.tagMore = append(w.tagMore, xmlwDecl{prefix, uri})
	}
	w.ntag++
	return true
}

// prefixFree reports whether prefix can be declared for uri on the start
// tag being written: the tag does not bind it to another URI, and the
// prefix table does not use it for another namespace (element names and
// QName values inside the element are written with the table's prefixes).
func (w *xmlWriter) prefixFree(prefix, uri string) bool {
	if prefix == "" || prefix == "xml" || prefix == "xmlns" || !xmlIsNCName(prefix) {
		return false
	}
	for i, p := range w.Prefix {
		if len(p) == len(prefix)+1 && p[:len(prefix)] == prefix && i < len(w.URIs) && w.URIs[i] != uri {
			return false
		}
	}
	if u, escaped, ok := w.declaredURI(prefix); ok {
		if escaped {
			return u == string(xmlAppendEscaped(nil, uri, xmlClsEscAttr))
		}
		return u == uri
	}
	return true
}

// AttrQ writes an attribute in namespace ns (a prefix is required for
// qualified attributes, so the default namespace is never used).
func (w *xmlWriter) AttrQ(ns int, local, value string) {
	w.Attr(w.attrPrefix(ns)+local, value)
}

// AttrStartQ writes ` prefix:local="` for an attribute in namespace ns
// (declared as AttrQ does) whose value the caller appends, then AttrEnd.
func (w *xmlWriter) AttrStartQ(ns int, local string) {
	w.AttrStart(w.attrPrefix(ns) + local)
}

// attrPrefix returns the prefix (with its colon) an attribute in namespace
// ns is written with: an unprefixed attribute is in no namespace, so where
// ns is the default namespace a prefix is declared on the element.
func (w *xmlWriter) attrPrefix(ns int) string {
	p := w.Prefix[ns]
	if p == "" && ns != 0 {
		stem := "ns" + xmlwItoa(ns)
		q := stem
		for k := 1; !w.prefixFree(q, w.URIs[ns]); k++ {
			q = stem + "_" + xmlwItoa(k)
		}
		w.declare(q, w.URIs[ns])
		p = q + ":"
	}
	return p
}

// xmlXSINamespaceURI is the namespace of xsi:type and xsi:nil.
const xmlXSINamespaceURI = "http://www.w3.org/2001/XMLSchema-instance"

// XSIType writes xsi:type for the type {URIs[ns]}local, declaring the xsi
// prefix on the element unless its start tag already does.
func (w *xmlWriter) XSIType(ns int, local string) {
	// xsi:type and xsi:nil are the first attributes written, and generated
	// declarations bind xsi to its namespace only, so xsi is free.
	w.declare("xsi", xmlXSINamespaceURI)
	w.Buf = append(w.Buf, ` xsi:type="`...)
	w.Buf = append(w.Buf, w.Prefix[ns]...)
	w.Buf = append(w.Buf, local...)
	w.Buf = append(w.Buf, '"')
}

// XSITypeQ writes xsi:type for the type {URIs[ns]}local as XSIType does,
// declaring a prefix for ns on the element when the table writes ns as the
// default namespace (an unprefixed QName value would not be in ns where
// the default namespace is another one). SOAP-encoded accessors use it.
func (w *xmlWriter) XSITypeQ(ns int, local string) {
	p := w.attrPrefix(ns)
	w.declare("xsi", xmlXSINamespaceURI)
	w.Buf = append(w.Buf, ` xsi:type="`...)
	w.Buf = append(w.Buf, p...)
	w.Buf = append(w.Buf, local...)
	w.Buf = append(w.Buf, '"')
}

// ArrayType writes the soapenc:arrayType attribute of a SOAP-encoded array
// of n items of type {URIs[item]}local (encNS is the SOAP encoding
// namespace): arrayType="p:local[n]", declaring the prefixes it needs.
func (w *xmlWriter) ArrayType(encNS, item int, local string, n int) {
	p := w.attrPrefix(item)
	w.AttrStartQ(encNS, "arrayType")
	w.Buf = append(w.Buf, p...)
	w.Buf = append(w.Buf, local...)
	w.Buf = append(w.Buf, '[')
	w.Buf = append(w.Buf, xmlwItoa(n)...)
	w.Buf = append(w.Buf, ']')
	w.AttrEnd()
}

// EncodingStyle writes the SOAP 1.1 encodingStyle attribute (ns is the
// envelope namespace), declaring its prefix on the element so that the
// attribute is well-formed whatever the envelope declares.
func (w *xmlWriter) EncodingStyle(ns int, style string) {
	p := "SOAP-ENV"
	for k := 1; !w.prefixFree(p, w.URIs[ns]); k++ {
		p = "SOAP-ENV" + xmlwItoa(k)
	}
	w.declare(p, w.URIs[ns])
	w.Attr(p+":encodingStyle", style)
}

// XSINil writes xsi:nil="true", declaring the xsi prefix on the element
// unless its start tag already does.
func (w *xmlWriter) XSINil() {
	w.declare("xsi", xmlXSINamespaceURI)
	w.Buf = append(w.Buf, ` xsi:nil="true"`...)
}

// QName appends a QName value using the writer's prefixes; a namespace not
// in the table is written without prefix.
func (w *xmlWriter) QName(q XSQName) {
	for i, u := range w.URIs {
		if u == q.Space && i < len(w.Prefix) {
			w.Buf = append(w.Buf, w.Prefix[i]...)
			break
		}
	}
	w.Buf = append(w.Buf, q.Local...)
}

// xmlwAttrBytes returns an attribute's value as bytes for the scalar
// parsers, unescaping only when needed.
func xmlwAttrBytes(d *xmlDecoder, a *xmlAttr) []byte {
	for _, c := range a.Value {
		if c == '&' {
			return []byte(d.AttrValue(a))
		}
	}
	return a.Value
}

// xmlwXSIType returns the xsi:type of an element, if any.
func xmlwXSIType(d *xmlDecoder, se *xmlStart, xsiNS int) (XSQName, bool, error) {
	for i := range se.Attrs {
		a := &se.Attrs[i]
		if a.NS == xsiNS && string(a.Local) == "type" {
			q, err := d.QName(d.AttrValue(a))
			return q, true, err
		}
	}
	return XSQName{}, false, nil
}

func xmlwItoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return xmlwItoa(i/10) + string(rune('0'+i%10))
}

// xmlwAnyAttr captures an attribute matched by xs:anyAttribute.
func xmlwAnyAttr(d *xmlDecoder, a *xmlAttr) XSAnyAttr {
	return XSAnyAttr{Name: XSQName{Space: a.URI, Local: string(a.Local)}, Value: d.AttrValue(a)}
}

// AnyAttrs writes attributes captured by xs:anyAttribute, declaring the
// namespace of each qualified one on the element: with its original prefix
// when that prefix is free there (see prefixFree), else with a fresh one.
// Namespace declarations among attrs are not attributes and are left out.
func (w *xmlWriter) AnyAttrs(attrs []XSAnyAttr) {
	for i := range attrs {
		a := &attrs[i]
		switch a.Name.Space {
		case "":
			w.Attr(a.Name.Local, a.Value)
			continue
		case xmlNamespaceURI:
			w.Attr("xml:"+a.Name.Local, a.Value)
			continue
		case xmlnsNamespaceURI:
			continue
		}
		// Fresh prefixes use "wa" (wildcard attribute), a stem the namespace
		// table's own prefixes (m, t, soap, xsi, nsN) never use.
		p := a.Prefix
		if !w.prefixFree(p, a.Name.Space) {
			stem := "wa" + xmlwItoa(i)
			p = stem
			for k := 1; !w.prefixFree(p, a.Name.Space); k++ {
				p = stem + "_" + xmlwItoa(k)
			}
		}
		w.declare(p, a.Name.Space)
		w.Attr(p+":"+a.Name.Local, a.Value)
	}
}

// xmlwValueNS returns the bindings of inScope that the value of an
// xsi:type attribute among attrs needs (its prefix), so that an element
// kept as read (xs:anyType content) can declare them again where it is
// written.
func xmlwValueNS(attrs []XSAnyAttr, inScope []XSNamespace) []XSNamespace {
	var out []XSNamespace
	for i := range attrs {
		a := &attrs[i]
		if a.Name.Space != xmlXSINamespaceURI || a.Name.Local != "type" {
			continue
		}
		v := xmlTrimSpaceString(a.Value)
		prefix := ""
		for j := 0; j < len(v); j++ {
			if v[j] == ':' {
				prefix = v[:j]
				break
			}
		}
		for k := len(inScope) - 1; k >= 0; k-- {
			if inScope[k].Prefix == prefix {
				if inScope[k].URI != "" {
					out = append(out, inScope[k])
				}
				break
			}
		}
	}
	return out
}

// DeclareNS declares the bindings ns on the element being written, except
// a prefix the element's own name uses (Prefix[own]) or that its start tag
// already binds to another namespace.
func (w *xmlWriter) DeclareNS(own int, ns []XSNamespace) {
	for _, b := range ns {
		if b.Prefix == "" || b.Prefix+":" == w.Prefix[own] || b.Prefix == "xmlns" || b.Prefix == "xml" {
			continue
		}
		w.declare(b.Prefix, b.URI)
	}
}

// xmlwIsNil reports whether an element carries xsi:nil="true".
func xmlwIsNil(d *xmlDecoder, se *xmlStart, xsiNS int) bool {
	for i := range se.Attrs {
		a := &se.Attrs[i]
		if a.NS == xsiNS && string(a.Local) == "nil" {
			v := xmlTrimSpaceString(d.AttrValue(a))
			return v == "true" || v == "1"
		}
	}
	return false
}
