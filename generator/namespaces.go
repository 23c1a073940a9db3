package generator

import (
	"encoding/xml"
	"sort"

	"github.com/ewsgen/ewsgen/xsd"
)

// The namespace table.
//
// Every namespace URI the generated code writes or reads has an index in
// one table (nsList, index 0 is the empty namespace of unqualified names),
// and generated code names it by a constant (nsNone, nsT, ns5, ...). The
// table is complete before any code is emitted: nsTable fills it with
//
//  1. the target namespace of every loaded file, in load order;
//  2. the SOAP envelope, xsi and xml namespaces;
//  3. every other namespace a planned name uses (inline WSDL schemas with a
//     targetNamespace of their own, imported schemas without a file of
//     their own, qualified attributes of foreign namespaces), sorted by URI.
//
// Steps 1 and 2 keep the table of inputs whose namespaces are all file
// target namespaces (EWS) as it always was; step 3 only appends.
// Prefixes are derived from the index (nsPrefix): a namespace a profile
// knows keeps its conventional prefix, every other one is "ns<index>".

// nsTable fills the namespace table (see above).
func (p *plan) nsTable() {
	for _, f := range p.set.Files {
		if f.TargetNamespace != "" {
			p.ns(f.TargetNamespace)
		}
	}
	for _, u := range []string{nsSOAP, xsd.NSXSI, xsd.NSXML} {
		p.ns(u)
	}
	used := map[string]bool{}
	add := func(n xml.Name) {
		if n.Space != "" {
			used[n.Space] = true
		}
	}
	for _, t := range p.types {
		add(t.rootName)
		if t.xsdType != nil {
			add(t.xsdType.Name)
			if t.xsdType.SOAPArrayItem.Local != "" {
				add(t.xsdType.SOAPArrayItem)
				used[nsSOAPEnc] = true
			}
		}
		if t.elem != nil {
			add(t.elem.Name)
		}
		for _, f := range t.fields {
			add(f.xname)
			add(f.xsiType)
		}
		for _, a := range t.attrs {
			add(a.xname)
		}
		for _, a := range t.alts {
			add(a.name)
		}
	}
	for _, op := range p.ops {
		for _, io := range []*xsd.IO{op.Input, op.Output} {
			if io == nil {
				continue
			}
			for _, b := range io.Body {
				add(b.Element)
			}
			for _, h := range io.Headers {
				add(h.Element)
			}
		}
		for _, f := range op.Faults {
			add(f.Element)
		}
	}
	var extra []string
	for u := range used {
		if _, ok := p.nsIndex[u]; !ok {
			extra = append(extra, u)
		}
	}
	sort.Strings(extra)
	for _, u := range extra {
		p.ns(u)
	}
}

// clientDecls lists the namespace indexes a client-style envelope declares
// on soap:Envelope: the file target namespaces, last loaded first (as
// before), then every other namespace of the table except SOAP, xsi and xml
// in table order, so that every prefix the body and headers use is
// declared.
func (p *plan) clientDecls() []int {
	var out []int
	seen := map[int]bool{0: true}
	for i := len(p.set.Files) - 1; i >= 0; i-- {
		tn := p.set.Files[i].TargetNamespace
		if tn == "" || seen[p.ns(tn)] {
			continue
		}
		seen[p.ns(tn)] = true
		out = append(out, p.ns(tn))
	}
	for i, u := range p.nsList {
		if seen[i] || u == nsSOAP || u == xsd.NSXSI || u == xsd.NSXML {
			continue
		}
		seen[i] = true
		out = append(out, i)
	}
	return out
}

// usesUnqualified reports whether an unqualified element (no namespace) can
// appear inside a value of t. Server style then declares no default
// namespace around it: an unprefixed element would land in that namespace
// instead of in none (client style never declares a default namespace).
func (g *emitter) usesUnqualified(t *goType) bool {
	seen := map[*goType]bool{}
	var walk func(t *goType) bool
	walk = func(t *goType) bool {
		if t == nil || seen[t] {
			return false
		}
		seen[t] = true
		if walk(t.of) {
			return true
		}
		for _, a := range t.alts {
			if g.kept(a.t) && (!a.xsi && !a.t.wild && a.name.Space == "" || walk(a.t)) {
				return true
			}
		}
		for _, f := range t.fields {
			if f.xname.Local != "" && f.xname.Space == "" {
				return true
			}
			if walk(f.ct) || walk(f.iface) {
				return true
			}
		}
		return false
	}
	return walk(t)
}
