package xsd

import (
	"encoding/xml"
	"strings"
)

func (l *loader) buildWSDL(f *srcFile) *WSDL {
	root := f.root
	tns := root.attrOr("targetNamespace", "")
	w := &WSDL{
		Path:            f.path,
		Pos:             root.pos,
		Name:            root.attrOr("name", ""),
		TargetNamespace: tns,
		Messages:        map[xml.Name]*Message{},
	}
	w.Operations = []*Operation{}
	var portTypes, bindings, services []*node
	for _, c := range root.children {
		if c.name.Space != NSWSDL {
			continue
		}
		switch c.name.Local {
		case "message":
			l.wsdlMessage(w, c)
		case "portType":
			portTypes = append(portTypes, c)
		case "binding":
			bindings = append(bindings, c)
		case "service":
			services = append(services, c)
		}
	}
	ptByName := map[xml.Name]*node{}
	for _, pt := range portTypes {
		name := xml.Name{Space: tns, Local: pt.attrOr("name", "")}
		if prev, ok := ptByName[name]; ok {
			l.errorf(pt.pos, "duplicate portType %q (first declared at %s)", name.Local, prev.pos)
			continue
		}
		ptByName[name] = pt
	}
	bindingType := map[*node]xml.Name{}
	bByName := map[xml.Name]*node{}
	for _, b := range bindings {
		name := xml.Name{Space: tns, Local: b.attrOr("name", "")}
		if prev, ok := bByName[name]; ok {
			l.errorf(b.pos, "duplicate binding %q (first declared at %s)", name.Local, prev.pos)
			continue
		}
		bByName[name] = b
		typ, raw, ok := l.qname(nil, b, "type")
		if !ok {
			if _, present := b.attr("type"); !present {
				l.errorf(b.pos, "wsdl:binding without type")
			}
			continue
		}
		if _, ok := ptByName[typ]; !ok {
			l.errorf(b.pos, "unknown portType %s", raw)
			continue
		}
		bindingType[b] = typ
	}

	// Choose the portType (document order) that has a SOAP 1.1 binding, and
	// its first SOAP 1.1 binding.
	var pt, binding *node
	for _, p := range portTypes {
		pname := xml.Name{Space: tns, Local: p.attrOr("name", "")}
		for _, b := range bindings {
			if typ, ok := bindingType[b]; ok && typ == pname && soapBinding(b) != nil {
				pt, binding = p, b
				break
			}
		}
		if pt != nil {
			break
		}
	}
	if pt == nil {
		if len(portTypes) == 0 {
			l.errorf(root.pos, "no wsdl:portType")
		} else {
			l.errorf(portTypes[0].pos, "no SOAP 1.1 binding for portType %q", portTypes[0].attrOr("name", ""))
		}
		return w
	}
	w.PortType = xml.Name{Space: tns, Local: pt.attrOr("name", "")}
	w.Binding = xml.Name{Space: tns, Local: binding.attrOr("name", "")}
	defaultStyle := soapBinding(binding).attrOr("style", "document")

	bops := map[string]*node{}
	for _, c := range binding.children {
		if c.is(NSWSDL, "operation") {
			name := c.attrOr("name", "")
			if _, ok := bops[name]; ok {
				l.errorf(c.pos, "duplicate binding operation %q", name)
				continue
			}
			bops[name] = c
		}
	}
	seen := map[string]*node{}
	for _, c := range pt.children {
		if !c.is(NSWSDL, "operation") {
			continue
		}
		name := c.attrOr("name", "")
		if prev, ok := seen[name]; ok {
			l.errorf(c.pos, "duplicate operation %q (first declared at %s)", name, prev.pos)
			continue
		}
		seen[name] = c
		op := &Operation{Name: name, Pos: c.pos, Doc: c.docText(), Style: defaultStyle}
		bop := bops[name]
		if bop == nil {
			l.errorf(c.pos, "operation %q has no binding operation in binding %q", name, w.Binding.Local)
		} else if so := childNS(bop, NSWSDLSOAP, "operation"); so != nil {
			op.Action = so.attrOr("soapAction", "")
			if s, ok := so.attr("style"); ok {
				op.Style = s
			}
		}
		for _, x := range c.children {
			if x.name.Space != NSWSDL {
				continue
			}
			switch x.name.Local {
			case "input", "output":
				msg := l.wsdlMessageRef(w, x, "message")
				io := &IO{}
				if msg != nil {
					io.Message = msg.Name
				}
				var bio *node
				if bop != nil {
					bio = childNS(bop, NSWSDL, x.name.Local)
				}
				l.bindIO(w, io, msg, bio)
				if x.name.Local == "input" {
					op.Input = io
				} else {
					op.Output = io
				}
			case "fault":
				fl := &Fault{Name: x.attrOr("name", ""), Pos: x.pos}
				if msg := l.wsdlMessageRef(w, x, "message"); msg != nil {
					fl.Message = msg.Name
					if len(msg.Parts) > 0 {
						fl.Element = msg.Parts[0].Element
					}
				}
				op.Faults = append(op.Faults, fl)
			}
		}
		w.Operations = append(w.Operations, op)
	}
	for _, c := range binding.children {
		if c.is(NSWSDL, "operation") {
			if _, ok := seen[c.attrOr("name", "")]; !ok {
				l.errorf(c.pos, "binding operation %q is not declared in portType %q", c.attrOr("name", ""), w.PortType.Local)
			}
		}
	}

	for _, s := range services {
		for _, p := range s.children {
			if !p.is(NSWSDL, "port") {
				continue
			}
			b, raw, ok := l.qname(nil, p, "binding")
			if !ok {
				continue
			}
			if _, ok := bByName[b]; !ok {
				l.errorf(p.pos, "unknown binding %s", raw)
				continue
			}
			if b != w.Binding {
				continue
			}
			addr := childNS(p, NSWSDLSOAP, "address")
			if addr == nil {
				continue
			}
			w.Services = append(w.Services, &Service{
				Name:    s.attrOr("name", ""),
				Port:    p.attrOr("name", ""),
				Address: addr.attrOr("location", ""),
				Pos:     p.pos,
			})
		}
	}
	return w
}

func soapBinding(b *node) *node { return childNS(b, NSWSDLSOAP, "binding") }

func childNS(n *node, space, local string) *node {
	for _, c := range n.children {
		if c.is(space, local) {
			return c
		}
	}
	return nil
}

func (l *loader) wsdlMessage(w *WSDL, n *node) {
	name := xml.Name{Space: w.TargetNamespace, Local: n.attrOr("name", "")}
	if prev, ok := w.Messages[name]; ok {
		l.errorf(n.pos, "duplicate message %q (first declared at %s)", name.Local, prev.Pos)
		return
	}
	m := &Message{Name: name, Pos: n.pos}
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
				l.errorf(c.pos, "unknown element %s", raw)
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

// bindIO fills the body parts and headers of io from the binding's
// wsdl:input or wsdl:output bio.
func (l *loader) bindIO(w *WSDL, io *IO, msg *Message, bio *node) {
	if bio == nil {
		if msg != nil {
			io.Body = append(io.Body, msg.Parts...)
		}
		return
	}
	body := childNS(bio, NSWSDLSOAP, "body")
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
	for _, h := range bio.children {
		if !h.is(NSWSDLSOAP, "header") {
			continue
		}
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
		io.Headers = append(io.Headers, &Header{Pos: h.pos, Message: hm.Name, Part: part, Element: p.Element})
	}
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
