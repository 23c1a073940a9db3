package xsd

import (
	"encoding/xml"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Dump returns a deterministic text rendering of the Set, one line per
// component with indented lines for its parts. Names are written {ns}local
// (just local when the namespace is empty), positions as @file:line:col.
// It is meant for golden tests and debugging.
func (s *Set) Dump() string {
	d := &dumper{}
	for _, f := range s.Files {
		d.line(0, "file %s %s tns=%q sha256=%.12s%s", f.Path, f.Kind, f.TargetNamespace, f.SHA256, opt(" version=%q", f.Version))
	}
	for _, n := range sortedNames(s.Types) {
		d.typ(0, s.Types[n])
	}
	for _, n := range sortedNames(s.Elements) {
		d.element(0, "element", s.Elements[n], false)
	}
	for _, n := range sortedNames(s.Attributes) {
		a := s.Attributes[n]
		d.line(0, "attribute %s%s%s%s @%s", qn(a.Name), typeRef(a.Type), optp(" default=%q", a.Default), optp(" fixed=%q", a.Fixed), a.Pos)
		d.doc(1, a.Doc)
		if a.AnonType != nil {
			d.typ(1, a.AnonType)
		}
	}
	for _, n := range sortedNames(s.Groups) {
		g := s.Groups[n]
		d.line(0, "group %s @%s", qn(g.Name), g.Pos)
		d.doc(1, g.Doc)
		if g.Content != nil {
			d.particle(1, g.Content)
		}
	}
	for _, n := range sortedNames(s.AttributeGroups) {
		g := s.AttributeGroups[n]
		d.line(0, "attributeGroup %s @%s", qn(g.Name), g.Pos)
		d.doc(1, g.Doc)
		for _, u := range g.Attributes {
			d.attrUse(1, u)
		}
		d.wildcard(1, "anyAttribute", g.AnyAttribute, "")
	}
	for _, n := range sortedNames(s.Substitutions) {
		var members []string
		for _, e := range s.Substitutions[n] {
			members = append(members, qn(e.Name))
		}
		d.line(0, "substitutionGroup %s: %s", qn(n), strings.Join(members, " "))
	}
	if w := s.WSDL; w != nil {
		d.wsdl(w)
	}
	for _, w := range s.Warnings {
		d.line(0, "warning %s", w)
	}
	return d.b.String()
}

type dumper struct{ b strings.Builder }

func (d *dumper) line(indent int, format string, args ...any) {
	for i := 0; i < indent; i++ {
		d.b.WriteString("  ")
	}
	fmt.Fprintf(&d.b, format, args...)
	d.b.WriteByte('\n')
}

func (d *dumper) doc(indent int, doc string) {
	if doc != "" {
		d.line(indent, "doc %q", doc)
	}
}

func sortedNames[V any](m map[xml.Name]V) []xml.Name {
	names := make([]xml.Name, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if names[i].Space != names[j].Space {
			return names[i].Space < names[j].Space
		}
		return names[i].Local < names[j].Local
	})
	return names
}

// qn writes a name as {ns}local, or local without a namespace.
func qn(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return "{" + n.Space + "}" + n.Local
}

func opt(format, v string) string {
	if v == "" {
		return ""
	}
	return fmt.Sprintf(format, v)
}

func optp(format string, v *string) string {
	if v == nil {
		return ""
	}
	return fmt.Sprintf(format, *v)
}

func optb(s string, b bool) string {
	if b {
		return " " + s
	}
	return ""
}

func typeRef(n xml.Name) string {
	if n.Local == "" {
		return ""
	}
	return " type=" + qn(n)
}

func bounds(min, max int) string {
	if max == Unbounded {
		return strconv.Itoa(min) + "..unbounded"
	}
	return strconv.Itoa(min) + ".." + strconv.Itoa(max)
}

func (d *dumper) typ(indent int, t *Type) {
	name := "(anonymous)"
	if t.Name.Local != "" {
		name = qn(t.Name)
	}
	kind := "complexType"
	if t.Simple {
		kind = "simpleType"
	}
	var b strings.Builder
	b.WriteString(optb("redefined", t.Redefined))
	b.WriteString(optb("abstract", t.Abstract))
	b.WriteString(optb("mixed", t.Mixed))
	b.WriteString(opt(" final=%q", t.Final))
	b.WriteString(opt(" block=%q", t.Block))
	if t.SimpleContent {
		b.WriteString(" simpleContent")
	}
	switch t.Derivation {
	case DerivExtension:
		b.WriteString(" extension")
	case DerivRestriction:
		b.WriteString(" restriction")
	}
	if t.Base.Local != "" {
		b.WriteString(" base=" + qn(t.Base))
	}
	switch t.Variety {
	case VarietyList:
		b.WriteString(" list")
		if t.ItemType.Local != "" {
			b.WriteString(" itemType=" + qn(t.ItemType))
		}
	case VarietyUnion:
		b.WriteString(" union")
		for _, m := range t.MemberTypes {
			b.WriteString(" member=" + qn(m))
		}
	}
	d.line(indent, "%s %s%s @%s", kind, name, b.String(), t.Pos)
	d.doc(indent+1, t.Doc)
	if t.BaseAnon != nil {
		d.line(indent+1, "baseType:")
		d.typ(indent+2, t.BaseAnon)
	}
	if t.ItemAnon != nil {
		d.line(indent+1, "itemType:")
		d.typ(indent+2, t.ItemAnon)
	}
	for _, m := range t.MemberAnon {
		d.line(indent+1, "memberType:")
		d.typ(indent+2, m)
	}
	d.facets(indent+1, &t.Facets)
	if t.Content != nil {
		d.particle(indent+1, t.Content)
	}
	for _, u := range t.Attributes {
		d.attrUse(indent+1, u)
	}
	d.wildcard(indent+1, "anyAttribute", t.AnyAttribute, "")
}

func (d *dumper) facets(indent int, f *Facets) {
	for _, e := range f.Enumerations {
		d.line(indent, "enumeration %q @%s", e.Value, e.Pos)
		d.doc(indent+1, e.Doc)
	}
	for _, p := range f.Patterns {
		d.line(indent, "pattern %q", p)
	}
	ints := []struct {
		name string
		v    *int
	}{{"length", f.Length}, {"minLength", f.MinLength}, {"maxLength", f.MaxLength}, {"totalDigits", f.TotalDigits}, {"fractionDigits", f.FractionDigits}}
	for _, x := range ints {
		if x.v != nil {
			d.line(indent, "%s %d", x.name, *x.v)
		}
	}
	strs := []struct {
		name string
		v    *string
	}{{"minInclusive", f.MinInclusive}, {"maxInclusive", f.MaxInclusive}, {"minExclusive", f.MinExclusive}, {"maxExclusive", f.MaxExclusive}}
	for _, x := range strs {
		if x.v != nil {
			d.line(indent, "%s %q", x.name, *x.v)
		}
	}
	if f.WhiteSpace != "" {
		d.line(indent, "whiteSpace %s", f.WhiteSpace)
	}
}

func (d *dumper) element(indent int, kind string, e *Element, ref bool) {
	var b strings.Builder
	b.WriteString(typeRef(e.Type))
	b.WriteString(optb("raw", e.Raw))
	b.WriteString(optb("abstract", e.Abstract))
	b.WriteString(optb("nillable", e.Nillable))
	b.WriteString(optp(" default=%q", e.Default))
	b.WriteString(optp(" fixed=%q", e.Fixed))
	if e.SubstitutionGroup.Local != "" {
		b.WriteString(" substitutionGroup=" + qn(e.SubstitutionGroup))
	}
	d.line(indent, "%s %s%s @%s", kind, qn(e.Name), b.String(), e.Pos)
	if ref {
		return
	}
	d.doc(indent+1, e.Doc)
	if e.AnonType != nil {
		d.typ(indent+1, e.AnonType)
	}
}

func (d *dumper) particle(indent int, p *Particle) {
	group := ""
	if p.Group.Local != "" {
		group = " group=" + qn(p.Group)
	}
	switch p.Kind {
	case PElement:
		if p.Ref {
			d.line(indent, "ref %s %s @%s", qn(p.Element.Name), bounds(p.Min, p.Max), p.Pos)
			return
		}
		d.element(indent, "element "+bounds(p.Min, p.Max), p.Element, false)
	case PAny:
		d.wildcard(indent, "any "+bounds(p.Min, p.Max), p.Any, "")
	default:
		kind := map[ParticleKind]string{PSequence: "sequence", PChoice: "choice", PAll: "all"}[p.Kind]
		d.line(indent, "%s %s%s @%s", kind, bounds(p.Min, p.Max), group, p.Pos)
		for _, c := range p.Children {
			d.particle(indent+1, c)
		}
	}
}

func (d *dumper) attrUse(indent int, u *AttributeUse) {
	use := map[Use]string{UseOptional: "optional", UseRequired: "required", UseProhibited: "prohibited"}[u.Use]
	var b strings.Builder
	b.WriteString(optb("ref", u.Ref))
	b.WriteString(typeRef(u.Type))
	b.WriteString(" " + use)
	b.WriteString(optp(" default=%q", u.Default))
	b.WriteString(optp(" fixed=%q", u.Fixed))
	if u.Group.Local != "" {
		b.WriteString(" group=" + qn(u.Group))
	}
	d.line(indent, "attr %s%s @%s", qn(u.Name), b.String(), u.Pos)
	d.doc(indent+1, u.Doc)
	if u.AnonType != nil {
		d.typ(indent+1, u.AnonType)
	}
}

func (d *dumper) wildcard(indent int, kind string, w *Wildcard, _ string) {
	if w == nil {
		return
	}
	d.line(indent, "%s namespace=%q processContents=%s tns=%q @%s", kind, w.Namespace, w.ProcessContents, w.TargetNamespace, w.Pos)
}

func (d *dumper) wsdl(w *WSDL) {
	d.line(0, "wsdl %s name=%q tns=%q portType=%s binding=%s @%s", w.Path, w.Name, w.TargetNamespace, qn(w.PortType), qn(w.Binding), w.Pos)
	d.doc(1, w.Doc)
	for _, p := range w.Imports {
		d.line(1, "import %s", p)
	}
	for _, n := range sortedNames(w.Messages) {
		m := w.Messages[n]
		d.line(1, "message %s @%s", qn(m.Name), m.Pos)
		d.doc(2, m.Doc)
		for _, p := range m.Parts {
			d.line(2, "part %s%s%s @%s", p.Name, opt(" element=%s", qn(p.Element)), typeRef(p.Type), p.Pos)
		}
	}
	msg := func(m *Message) string {
		if m == nil {
			return "-"
		}
		return qn(m.Name)
	}
	for _, pt := range w.PortTypes {
		d.line(1, "portType %s @%s", qn(pt.Name), pt.Pos)
		d.doc(2, pt.Doc)
		for _, op := range pt.Operations {
			d.line(2, "operation %s input=%s output=%s @%s", op.Name, msg(op.Input), msg(op.Output), op.Pos)
			for _, f := range op.Faults {
				d.line(3, "fault %s message=%s", f.Name, qn(f.Message))
			}
		}
	}
	for _, b := range w.Bindings {
		d.line(1, "binding %s portType=%s %s style=%s transport=%q @%s", qn(b.Name), qn(b.PortType), b.SOAPVersion, b.Style, b.Transport, b.Pos)
		d.doc(2, b.Doc)
		for _, op := range b.Operations {
			d.operation(2, op)
		}
	}
	if len(w.Bindings) > 0 && len(w.Operations) > 0 {
		d.line(1, "default operations: %d of binding %s", len(w.Operations), qn(w.Operations[0].Binding))
	}
	for _, s := range w.Services {
		d.line(1, "service %s port=%s binding=%s %s address=%q @%s", s.Name, s.Port, qn(s.Binding), s.SOAPVersion, s.Address, s.Pos)
	}
}

func (d *dumper) operation(indent int, op *Operation) {
	d.line(indent, "operation %s action=%q style=%s %s @%s", op.Name, op.Action, op.Style, op.SOAPVersion, op.Pos)
	d.doc(indent+1, op.Doc)
	for _, io := range []struct {
		kind string
		io   *IO
	}{{"input", op.Input}, {"output", op.Output}} {
		if io.io == nil {
			continue
		}
		d.line(indent+1, "%s%s message=%s use=%s%s%s", io.kind, opt(" name=%s", io.io.Name), qn(io.io.Message), io.io.Use,
			opt(" namespace=%q", io.io.Namespace), opt(" encodingStyle=%q", io.io.EncodingStyle))
		for _, p := range io.io.Body {
			d.line(indent+2, "body %s%s%s", p.Name, opt(" element=%s", qn(p.Element)), typeRef(p.Type))
		}
		for _, h := range io.io.Headers {
			d.line(indent+2, "header %s part=%s%s%s use=%s%s @%s", qn(h.Message), h.Part, opt(" element=%s", qn(h.Element)), typeRef(h.Type), h.Use, opt(" namespace=%q", h.Namespace), h.Pos)
		}
	}
	if op.Output == nil {
		d.line(indent+1, "one-way")
	}
	for _, f := range op.Faults {
		d.line(indent+1, "fault %s message=%s%s%s use=%s%s @%s", f.Name, qn(f.Message), opt(" element=%s", qn(f.Element)), typeRef(f.Type), f.Use, opt(" namespace=%q", f.Namespace), f.Pos)
	}
}
