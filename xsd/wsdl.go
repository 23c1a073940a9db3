package xsd

import (
	"encoding/xml"
	"strings"
)

// wsdlFiles returns the main WSDL file followed by the WSDL files it
// imports (transitively), in load order.
func (l *loader) wsdlFiles(main *srcFile) []*srcFile {
	return append([]*srcFile{main}, l.wsdlImports...)
}

// soapNS returns the SOAP version of a binding extension namespace.
func soapNS(space string) (SOAPVersion, bool) {
	switch space {
	case NSWSDLSOAP:
		return SOAP11, true
	case NSWSDLSOAP12:
		return SOAP12, true
	}
	return 0, false
}

func soapNamespace(v SOAPVersion) string {
	if v == SOAP12 {
		return NSWSDLSOAP12
	}
	return NSWSDLSOAP
}

// Namespaces of the WSDL 1.1 HTTP binding (ignored with a warning), the
// MIME binding (its attachment parts are ignored with a warning; the
// soap:body inside mime:multipartRelated is read) and WSDL 2.0 (refused).
const (
	nsWSDLHTTP = "http://schemas.xmlsoap.org/wsdl/http/"
	nsWSDLMIME = "http://schemas.xmlsoap.org/wsdl/mime/"
	nsWSDL20   = "http://www.w3.org/ns/wsdl"
)

func (l *loader) buildWSDL(main *srcFile) *WSDL {
	root := main.root
	tns := root.attrOr("targetNamespace", "")
	w := &WSDL{
		Path:            main.path,
		Pos:             root.pos,
		Name:            root.attrOr("name", ""),
		TargetNamespace: tns,
		Doc:             root.docText(),
		Messages:        map[xml.Name]*Message{},
		PortTypes:       []*PortType{},
		Bindings:        []*Binding{},
		Operations:      []*Operation{},
	}
	files := l.wsdlFiles(main)
	for _, f := range files[1:] {
		w.Imports = append(w.Imports, f.path)
	}
	type decl struct {
		n   *node
		tns string
	}
	var portTypes, bindings, services []decl
	for _, f := range files {
		ftns := f.root.attrOr("targetNamespace", "")
		for _, c := range f.root.children {
			if c.name.Space != NSWSDL {
				continue
			}
			switch c.name.Local {
			case "message":
				l.wsdlMessage(w, c, ftns)
			case "portType":
				portTypes = append(portTypes, decl{c, ftns})
			case "binding":
				bindings = append(bindings, decl{c, ftns})
			case "service":
				services = append(services, decl{c, ftns})
			}
		}
	}

	ptByName := map[xml.Name]*PortType{}
	ptNode := map[*PortType]*node{}
	for _, d := range portTypes {
		pt := l.wsdlPortType(w, d.n, d.tns)
		if prev, ok := ptByName[pt.Name]; ok {
			l.errorf(d.n.pos, "duplicate portType %q (first declared at %s)", pt.Name.Local, prev.Pos)
			continue
		}
		ptByName[pt.Name] = pt
		ptNode[pt] = d.n
		w.PortTypes = append(w.PortTypes, pt)
	}

	bByName := map[xml.Name]*Binding{}
	declared := map[xml.Name]Pos{} // every binding name, SOAP or not
	for _, d := range bindings {
		b := d.n
		name := xml.Name{Space: d.tns, Local: b.attrOr("name", "")}
		if prev, ok := declared[name]; ok {
			l.errorf(b.pos, "duplicate binding %q (first declared at %s)", name.Local, prev)
			continue
		}
		declared[name] = b.pos
		var sb *node
		var version SOAPVersion
		var other []string
		for _, c := range b.children {
			if v, ok := soapNS(c.name.Space); ok && c.name.Local == "binding" {
				if sb == nil {
					sb, version = c, v
				}
				continue
			}
			switch c.name.Space {
			case nsWSDLHTTP:
				if c.name.Local == "binding" {
					other = append(other, "HTTP")
				}
			}
		}
		if sb == nil {
			what := "it has no soap:binding (SOAP 1.1) or soap12:binding (SOAP 1.2)"
			if len(other) > 0 {
				what = "it is an HTTP binding, not a SOAP binding"
			}
			l.warnf(b.pos, "binding %q ignored: %s", name.Local, what)
			continue
		}
		typ, raw, ok := l.qname(nil, b, "type")
		if !ok {
			if _, present := b.attr("type"); !present {
				l.errorf(b.pos, "wsdl:binding without type")
			}
			continue
		}
		pt, ok := ptByName[typ]
		if !ok {
			l.errorf(b.pos, "unknown portType %s", raw)
			continue
		}
		bd := &Binding{
			Name:        name,
			Pos:         b.pos,
			Doc:         b.docText(),
			PortType:    typ,
			SOAPVersion: version,
			Transport:   sb.attrOr("transport", ""),
			Style:       sb.attrOr("style", "document"),
			Operations:  []*Operation{},
		}
		l.checkStyle(sb, bd.Style)
		l.bindOperations(w, bd, b, pt, ptNode[pt])
		bByName[name] = bd
		w.Bindings = append(w.Bindings, bd)
	}

	for _, d := range services {
		s := d.n
		for _, p := range s.children {
			if !p.is(NSWSDL, "port") {
				continue
			}
			bn, raw, ok := l.qname(nil, p, "binding")
			if !ok {
				if _, present := p.attr("binding"); !present {
					l.errorf(p.pos, "wsdl:port without binding")
				}
				continue
			}
			b, ok := bByName[bn]
			if !ok {
				if _, ok := declared[bn]; !ok {
					l.warnf(p.pos, "port %q of service %q names unknown binding %s; the port is ignored", p.attrOr("name", ""), s.attrOr("name", ""), raw)
				}
				continue
			}
			addr := childNS(p, soapNamespace(b.SOAPVersion), "address")
			if addr == nil {
				continue
			}
			w.Services = append(w.Services, &Service{
				Name:        s.attrOr("name", ""),
				Port:        p.attrOr("name", ""),
				Address:     addr.attrOr("location", ""),
				Pos:         p.pos,
				Binding:     bn,
				SOAPVersion: b.SOAPVersion,
			})
		}
	}

	// The default binding: the first portType with a SOAP 1.1 binding, else
	// the first with a SOAP 1.2 binding.
	var def *Binding
	for _, want := range []SOAPVersion{SOAP11, SOAP12} {
		for _, pt := range w.PortTypes {
			for _, b := range w.Bindings {
				if b.PortType == pt.Name && b.SOAPVersion == want {
					def = b
					break
				}
			}
			if def != nil {
				break
			}
		}
		if def != nil {
			break
		}
	}
	switch {
	case def != nil:
		w.PortType, w.Binding, w.Operations = def.PortType, def.Name, def.Operations
	case len(w.PortTypes) == 0:
		l.errorf(root.pos, "no wsdl:portType")
	default:
		l.errorf(w.PortTypes[0].Pos, "no SOAP 1.1 or SOAP 1.2 binding for portType %q", w.PortTypes[0].Name.Local)
	}
	return w
}

func (l *loader) checkStyle(n *node, style string) {
	if style != "document" && style != "rpc" {
		l.errorf(n.pos, "style %q: want document or rpc", style)
	}
}

// wsdlPortType builds a portType and its abstract operations.
func (l *loader) wsdlPortType(w *WSDL, n *node, tns string) *PortType {
	pt := &PortType{Name: xml.Name{Space: tns, Local: n.attrOr("name", "")}, Pos: n.pos, Doc: n.docText()}
	seen := map[string]*PortTypeOperation{}
	for _, c := range n.children {
		if !c.is(NSWSDL, "operation") {
			continue
		}
		name := c.attrOr("name", "")
		if prev, ok := seen[name]; ok {
			l.errorf(c.pos, "duplicate operation %q (first declared at %s)", name, prev.Pos)
			continue
		}
		op := &PortTypeOperation{Name: name, Pos: c.pos, Doc: c.docText()}
		first := ""
		for _, x := range c.children {
			if x.name.Space != NSWSDL {
				continue
			}
			switch x.name.Local {
			case "input", "output":
				if first == "" {
					first = x.name.Local
				}
				msg := l.wsdlMessageRef(w, x, "message")
				if x.name.Local == "input" {
					op.Input = msg
				} else {
					op.Output = msg
				}
			case "fault":
				fl := &Fault{Name: x.attrOr("name", ""), Pos: x.pos}
				if msg := l.wsdlMessageRef(w, x, "message"); msg != nil {
					fl.Message = msg.Name
					if len(msg.Parts) > 0 {
						fl.Element, fl.Type = msg.Parts[0].Element, msg.Parts[0].Type
					}
				}
				op.Faults = append(op.Faults, fl)
			}
		}
		switch first {
		case "":
			l.errorf(c.pos, "operation %q has neither wsdl:input nor wsdl:output", name)
			continue
		case "output":
			kind := "notification"
			if childNS(c, NSWSDL, "input") != nil {
				kind = "solicit-response"
			}
			l.warnf(c.pos, "operation %q of portType %q ignored: it is a %s operation (output first), which SOAP bindings do not define", name, pt.Name.Local, kind)
			continue
		}
		seen[name] = op
		pt.Operations = append(pt.Operations, op)
	}
	return pt
}

// bindOperations joins the operations of portType pt with the binding
// operations of binding node b.
func (l *loader) bindOperations(w *WSDL, bd *Binding, b *node, pt *PortType, ptn *node) {
	ns := soapNamespace(bd.SOAPVersion)
	bops := map[string]*node{}
	for _, c := range b.children {
		if c.is(NSWSDL, "operation") {
			name := c.attrOr("name", "")
			if _, ok := bops[name]; ok {
				l.errorf(c.pos, "duplicate binding operation %q", name)
				continue
			}
			bops[name] = c
		}
	}
	inPortType := map[string]bool{}
	if ptn != nil {
		for _, c := range ptn.children {
			if c.is(NSWSDL, "operation") {
				inPortType[c.attrOr("name", "")] = true
			}
		}
	}
	for _, pop := range pt.Operations {
		op := &Operation{
			Name: pop.Name, Pos: pop.Pos, Doc: pop.Doc,
			PortType: pt.Name, Binding: bd.Name, SOAPVersion: bd.SOAPVersion,
			Style: bd.Style,
		}
		bop := bops[pop.Name]
		if bop == nil {
			l.warnf(b.pos, "binding %q does not bind operation %q of portType %q; the operation is left out of that binding", bd.Name.Local, pop.Name, pt.Name.Local)
			continue
		}
		if so := childNS(bop, ns, "operation"); so != nil {
			op.Action = so.attrOr("soapAction", "")
			if s, ok := so.attr("style"); ok {
				op.Style = s
				l.checkStyle(so, s)
			}
		}
		var bin, bout *node
		if bop != nil {
			bin, bout = childNS(bop, NSWSDL, "input"), childNS(bop, NSWSDL, "output")
		}
		ptop := l.ptOpNode(ptn, pop.Name)
		op.Input = l.bindIO(w, ns, pop.Input, ioName(ptop, "input"), bin)
		if pop.Output != nil || childNS(ptop, NSWSDL, "output") != nil {
			op.Output = l.bindIO(w, ns, pop.Output, ioName(ptop, "output"), bout)
		} else if bout != nil {
			l.errorf(bout.pos, "binding operation %q has a wsdl:output but the portType operation is one-way", pop.Name)
		}
		for _, pf := range pop.Faults {
			f := *pf
			f.Use = "literal"
			if bop != nil {
				for _, bf := range bop.children {
					if bf.is(NSWSDL, "fault") && bf.attrOr("name", "") == pf.Name {
						if sf := childNS(bf, ns, "fault"); sf != nil {
							f.Use = sf.attrOr("use", "literal")
							f.Namespace = sf.attrOr("namespace", "")
							l.checkUse(sf, f.Use)
						}
					}
				}
			}
			op.Faults = append(op.Faults, &f)
		}
		if bop != nil {
			for _, bf := range bop.children {
				if !bf.is(NSWSDL, "fault") {
					continue
				}
				found := false
				for _, pf := range pop.Faults {
					found = found || pf.Name == bf.attrOr("name", "")
				}
				if !found {
					l.errorf(bf.pos, "binding fault %q is not a fault of operation %q in portType %q", bf.attrOr("name", ""), pop.Name, pt.Name.Local)
				}
			}
		}
		bd.Operations = append(bd.Operations, op)
	}
	for _, c := range b.children {
		if c.is(NSWSDL, "operation") {
			name := c.attrOr("name", "")
			if !inPortType[name] {
				l.errorf(c.pos, "binding operation %q is not declared in portType %q", name, pt.Name.Local)
			}
		}
	}
}

// ptOpNode returns the first operation named name of portType node ptn.
func (l *loader) ptOpNode(ptn *node, name string) *node {
	if ptn == nil {
		return nil
	}
	for _, c := range ptn.children {
		if c.is(NSWSDL, "operation") && c.attrOr("name", "") == name {
			return c
		}
	}
	return nil
}

func ioName(op *node, kind string) string {
	if op == nil {
		return ""
	}
	if c := childNS(op, NSWSDL, kind); c != nil {
		return c.attrOr("name", "")
	}
	return ""
}

func (l *loader) checkUse(n *node, use string) {
	if use != "literal" && use != "encoded" {
		l.errorf(n.pos, "use %q: want literal or encoded", use)
	}
}

func childNS(n *node, space, local string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.is(space, local) {
			return c
		}
	}
	return nil
}

func (l *loader) wsdlMessage(w *WSDL, n *node, tns string) {
	name := xml.Name{Space: tns, Local: n.attrOr("name", "")}
	if prev, ok := w.Messages[name]; ok {
		l.errorf(n.pos, "duplicate message %q (first declared at %s)", name.Local, prev.Pos)
		return
	}
	m := &Message{Name: name, Pos: n.pos, Doc: n.docText()}
	w.Messages[name] = m
	for _, c := range n.children {
		if !c.is(NSWSDL, "part") {
			continue
		}
		p := &Part{Name: c.attrOr("name", ""), Pos: c.pos}
		for _, prev := range m.Parts {
			if prev.Name == p.Name {
				l.errorf(c.pos, "duplicate part %q in message %q", p.Name, name.Local)
			}
		}
		if e, raw, ok := l.qname(nil, c, "element"); ok {
			p.Element = e
			if _, ok := l.elems[e]; !ok {
				l.unknownRef(c.pos, "element", raw, e)
			}
		}
		if _, ok := c.attr("type"); ok {
			p.Type, _ = l.typeRef(nil, c, "type")
		}
		_, hasE := c.attr("element")
		_, hasT := c.attr("type")
		if hasE == hasT {
			l.errorf(c.pos, "part %q must have exactly one of element and type", p.Name)
		}
		m.Parts = append(m.Parts, p)
	}
}

// wsdlMessageRef resolves the message named by attribute attr of n.
func (l *loader) wsdlMessageRef(w *WSDL, n *node, attr string) *Message {
	name, raw, ok := l.qname(nil, n, attr)
	if !ok {
		if _, present := n.attr(attr); !present {
			l.errorf(n.pos, "wsdl:%s without %s", n.name.Local, attr)
		}
		return nil
	}
	m, ok := w.Messages[name]
	if !ok {
		l.errorf(n.pos, "unknown message %s", raw)
		return nil
	}
	return m
}

// bindIO makes the IO of message msg (nil when unknown) as bound by the
// binding's wsdl:input or wsdl:output bio (nil when absent), whose SOAP
// extension elements are in namespace ns.
func (l *loader) bindIO(w *WSDL, ns string, msg *Message, name string, bio *node) *IO {
	io := &IO{Name: name, Use: "literal"}
	if msg != nil {
		io.Message = msg.Name
	}
	if bio == nil {
		if msg != nil {
			io.Body = append(io.Body, msg.Parts...)
		}
		return io
	}
	body := childNS(bio, ns, "body")
	var headerHolders []*node // bio, and the mime:parts holding SOAP elements
	headerHolders = append(headerHolders, bio)
	if mr := childNS(bio, nsWSDLMIME, "multipartRelated"); mr != nil {
		for _, mp := range mr.children {
			if !mp.is(nsWSDLMIME, "part") {
				continue
			}
			if b := childNS(mp, ns, "body"); b != nil {
				if body == nil {
					body = b
				}
				headerHolders = append(headerHolders, mp)
			} else {
				l.warnf(mp.pos, "MIME part of message %s ignored: attachments are not supported", io.Message.Local)
			}
		}
	}
	if body != nil {
		io.Use = body.attrOr("use", "literal")
		io.Namespace = body.attrOr("namespace", "")
		io.EncodingStyle = body.attrOr("encodingStyle", "")
		l.checkUse(body, io.Use)
	}
	if msg != nil {
		if parts, ok := body.attrIfNode("parts"); ok {
			for _, pn := range strings.Fields(parts) {
				if p := msg.part(pn); p != nil {
					io.Body = append(io.Body, p)
				} else {
					l.errorf(body.pos, "unknown part %q in message %s", pn, msg.Name.Local)
				}
			}
		} else {
			io.Body = append(io.Body, msg.Parts...)
		}
	}
	type key struct {
		msg  xml.Name
		part string
	}
	seen := map[key]bool{}
	var headers []*node
	for _, holder := range headerHolders {
		for _, h := range holder.children {
			if h.is(ns, "header") {
				headers = append(headers, h)
			}
		}
	}
	for _, h := range headers {
		hm := l.wsdlMessageRef(w, h, "message")
		part := h.attrOr("part", "")
		if hm == nil {
			continue
		}
		k := key{hm.Name, part}
		if seen[k] {
			continue // duplicate header: the first is kept
		}
		seen[k] = true
		p := hm.part(part)
		if p == nil {
			l.errorf(h.pos, "unknown part %q in message %s", part, hm.Name.Local)
			continue
		}
		hd := &Header{
			Pos: h.pos, Message: hm.Name, Part: part, Element: p.Element, Type: p.Type,
			Use: h.attrOr("use", "literal"), Namespace: h.attrOr("namespace", ""),
			EncodingStyle: h.attrOr("encodingStyle", ""),
		}
		l.checkUse(h, hd.Use)
		io.Headers = append(io.Headers, hd)
	}
	return io
}

func (m *Message) part(name string) *Part {
	for _, p := range m.Parts {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// attrIfNode is attr on a possibly nil node.
func (n *node) attrIfNode(name string) (string, bool) {
	if n == nil {
		return "", false
	}
	return n.attr(name)
}
