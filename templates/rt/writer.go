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
	// Decl holds namespace declarations (" xmlns:p=\"uri\"...") written
	// into the next start tag, after its attributes.
	Decl string
}

// Open writes "<prefix:local" and leaves the start tag open for attributes.
func (w *xmlWriter) Open(ns int, local string) {
	p := w.Prefix[ns]
	b, n := xmlwExtend(w.Buf, 1+len(p)+len(local))
	b[n] = '<'
	n++
	n += copy(b[n:], p)
	copy(b[n:], local)
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
		w.Buf = append(w.Buf, w.Decl...)
		w.Decl = ""
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

// AttrQ writes an attribute in namespace ns (a prefix is required for
// qualified attributes, so the default namespace is never used).
func (w *xmlWriter) AttrQ(ns int, local, value string) {
	p := w.Prefix[ns]
	if p == "" && ns != 0 {
		p = "ns" + xmlwItoa(ns) + ":"
		w.Buf = append(w.Buf, " xmlns:"...)
		w.Buf = append(w.Buf, p[:len(p)-1]...)
		w.Buf = append(w.Buf, '=', '"')
		w.Buf = append(w.Buf, w.URIs[ns]...)
		w.Buf = append(w.Buf, '"')
	}
	w.Attr(p+local, value)
}

// XSIType writes xsi:type for the type {URIs[ns]}local, declaring the xsi
// prefix on the element.
func (w *xmlWriter) XSIType(ns int, local string) {
	w.Buf = append(w.Buf, ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="`...)
	w.Buf = append(w.Buf, w.Prefix[ns]...)
	w.Buf = append(w.Buf, local...)
	w.Buf = append(w.Buf, '"')
}

// XSINil writes xsi:nil="true", declaring the xsi prefix on the element.
func (w *xmlWriter) XSINil() {
	w.Buf = append(w.Buf, ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"`...)
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
// namespace of each qualified one (its original prefix when it had one that
// is free, else a fresh "nsN").
func (w *xmlWriter) AnyAttrs(attrs []XSAnyAttr) {
	for i := range attrs {
		a := &attrs[i]
		switch a.Name.Space {
		case "":
			w.Attr(a.Name.Local, a.Value)
			continue
		case "http://www.w3.org/XML/1998/namespace":
			w.Attr("xml:"+a.Name.Local, a.Value)
			continue
		}
		// Fresh prefixes use "wa" (wildcard attribute), a stem the namespace
		// table's own prefixes (m, t, soap, xsi, nsN) never use.
		p := a.Prefix
		if p == "" || p == "xmlns" || p == "xml" {
			p = "wa" + xmlwItoa(i)
		}
		for j := 0; j < i; j++ {
			if attrs[j].Prefix == p && attrs[j].Name.Space != a.Name.Space {
				p = "wa" + xmlwItoa(i)
			}
		}
		w.Attr("xmlns:"+p, a.Name.Space)
		w.Attr(p+":"+a.Name.Local, a.Value)
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
