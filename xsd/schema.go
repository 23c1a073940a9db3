package xsd

import (
	"encoding/xml"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// buildStep is one global component being built, and the position of the
// reference that led to it (zero for the top).
type buildStep struct {
	g   *global
	ref Pos
}

// build fills in a global component (once; cycles among groups and
// attribute groups are reported). ref is the position of the reference
// that asks for it, zero when none does.
func (l *loader) build(g *global, ref Pos) {
	switch g.state {
	case 2:
		return
	case 1:
		if g.kind == "group" || g.kind == "attributeGroup" {
			l.cycleError(g, ref)
		}
		return
	}
	if len(l.building) >= l.lim.DerivationDepth {
		l.errorf(ref, "%s references nested more than %d deep (raise the limit with --max-derivation-depth)", g.kind, l.lim.DerivationDepth)
		l.stopped = true
		return
	}
	l.building = append(l.building, buildStep{g, ref})
	defer func() { l.building = l.building[:len(l.building)-1] }()
	g.state = 1
	d, n := g.doc, g.n
	switch g.kind {
	case "element":
		l.buildElement(d, n, g.elem, true)
	case "complexType":
		l.buildComplexType(d, n, g.typ)
	case "simpleType":
		l.buildSimpleType(d, n, g.typ)
	case "attribute":
		a := g.attr
		a.Doc = n.docText()
		a.Type, a.AnonType = l.attrType(d, n)
		a.Default = strAttr(n, "default")
		a.Fixed = strAttr(n, "fixed")
		l.noAttr(n, "ref", "form", "use")
	case "group":
		l.buildGroup(d, n, g.group)
	case "attributeGroup":
		ag := g.agroup
		ag.Doc = n.docText()
		for _, c := range n.children {
			l.attrChild(d, c, &ag.Attributes, &ag.AnyAttribute, "xs:attributeGroup")
		}
	}
	g.state = 2
}

// cycleError reports a group or attribute group that refers to itself
// through the references being built, naming every step.
func (l *loader) cycleError(g *global, ref Pos) {
	i := len(l.building) - 1
	for i >= 0 && l.building[i].g != g {
		i--
	}
	if i < 0 {
		return
	}
	var steps []string
	for j := i; j < len(l.building); j++ {
		at := ref
		next := g
		if j+1 < len(l.building) {
			at, next = l.building[j+1].ref, l.building[j+1].g
		}
		cur := l.building[j].g
		steps = append(steps, fmt.Sprintf("%s %q (%s) refers to %q at %s", cur.kind, cur.name.Local, cur.n.pos, next.name.Local, at))
	}
	l.errorf(g.n.pos, "circular %s reference: %s", g.kind, strings.Join(steps, ", "))
}

// spend counts n particles or attribute uses against Limits.Particles; it
// reports false (once, at pos) when the limit is passed.
func (l *loader) spend(n int, pos Pos) bool {
	if l.stopped {
		return false
	}
	l.particles += n
	if l.particles > l.lim.Particles {
		l.errorf(pos, "the schemas expand to more than %d particles and attribute uses, counting each group reference as a copy of the group (raise the limit with --max-particles)", l.lim.Particles)
		l.stopped = true
		return false
	}
	return true
}

func countParticles(p *Particle) int {
	n := 1
	for _, c := range p.Children {
		n += countParticles(c)
	}
	return n
}

func strAttr(n *node, name string) *string {
	if v, ok := n.attr(name); ok {
		return &v
	}
	return nil
}

// noAttr reports attributes not allowed on a global declaration.
func (l *loader) noAttr(n *node, names ...string) {
	for _, a := range names {
		if _, ok := n.attr(a); ok {
			l.errorf(n.pos, "attribute %s not allowed on a global xs:%s", a, n.name.Local)
		}
	}
}

func (l *loader) boolAttr(n *node, name string) bool {
	v, ok := n.attr(name)
	if !ok {
		return false
	}
	switch strings.TrimSpace(v) {
	case "true", "1":
		return true
	case "false", "0":
		return false
	}
	l.errorf(n.pos, "invalid %s value %q (want true or false)", name, v)
	return false
}

// typeRef resolves a QName attribute naming a type and checks that the type
// exists.
func (l *loader) typeRef(d *schemaDoc, n *node, attr string) (xml.Name, bool) {
	name, raw, ok := l.qname(d, n, attr)
	if !ok {
		return xml.Name{}, false
	}
	if !l.typeExists(name) {
		l.unknownRef(n.pos, "type", raw, name)
		return name, false
	}
	return name, true
}

func (l *loader) typeExists(name xml.Name) bool {
	if IsBuiltin(name) {
		return true
	}
	_, ok := l.types[name]
	return ok
}

// isComplex reports whether name is a complex type (xs:anyType counts).
func (l *loader) isComplex(name xml.Name) bool {
	if name.Space == NSXSD && name.Local == "anyType" {
		return true
	}
	g, ok := l.types[name]
	return ok && g.kind == "complexType"
}

func (l *loader) buildElement(d *schemaDoc, n *node, e *Element, global bool) {
	e.Pos = n.pos
	e.Doc = n.docText()
	e.Global = global
	if !global {
		local := strings.TrimSpace(n.attrOr("name", ""))
		if local == "" {
			l.errorf(n.pos, "local xs:element without name or ref")
		}
		e.Name = xml.Name{Local: local}
		switch form := n.attrOr("form", ""); form {
		case "qualified":
			e.Name.Space = d.tns
		case "unqualified":
		case "":
			if d.elemQ {
				e.Name.Space = d.tns
			}
		default:
			l.errorf(n.pos, "invalid form %q", form)
		}
	} else {
		l.noAttr(n, "ref", "form", "minOccurs", "maxOccurs")
	}
	if _, ok := n.attr("type"); ok {
		e.Type, _ = l.typeRef(d, n, "type")
	}
	for _, c := range n.children {
		switch {
		case c.is(NSXSD, "complexType"):
			if e.AnonType != nil || e.Type.Local != "" {
				l.errorf(c.pos, "element %q has more than one type", e.Name.Local)
			}
			e.AnonType = &Type{Pos: c.pos}
			l.buildComplexType(d, c, e.AnonType)
			e.Type = xml.Name{}
		case c.is(NSXSD, "simpleType"):
			if e.AnonType != nil || e.Type.Local != "" {
				l.errorf(c.pos, "element %q has more than one type", e.Name.Local)
			}
			e.AnonType = &Type{Pos: c.pos}
			l.buildSimpleType(d, c, e.AnonType)
			e.Type = xml.Name{}
		case c.is(NSXSD, "annotation"), c.is(NSXSD, "key"), c.is(NSXSD, "keyref"), c.is(NSXSD, "unique"):
		case c.name.Space == NSXSD:
			l.errorf(c.pos, "unexpected xs:%s in xs:element", c.name.Local)
		}
	}
	e.Nillable = l.boolAttr(n, "nillable")
	e.Abstract = l.boolAttr(n, "abstract")
	e.Default = strAttr(n, "default")
	e.Fixed = strAttr(n, "fixed")
	if e.Default != nil && e.Fixed != nil {
		l.errorf(n.pos, "element %q has both default and fixed", e.Name.Local)
	}
	if name, raw, ok := l.qname(d, n, "substitutionGroup"); ok {
		if !global {
			l.errorf(n.pos, "substitutionGroup on a local element")
		} else if _, ok := l.elems[name]; !ok {
			l.unknownRef(n.pos, "element", raw, name)
		} else {
			e.SubstitutionGroup = name
		}
	}
}

// resolveSubstitutions fills Set.Substitutions and gives members declared
// without a type the type of their head, as XSD prescribes.
func (l *loader) resolveSubstitutions() {
	if !l.checkSubstitutions() {
		return
	}
	for _, g := range l.globals {
		if g.kind != "element" || g.elem.SubstitutionGroup.Local == "" {
			continue
		}
		head := g.elem.SubstitutionGroup
		l.set.Substitutions[head] = append(l.set.Substitutions[head], g.elem)
	}
	for _, members := range l.set.Substitutions {
		sort.Slice(members, func(i, j int) bool { return nameLess(members[i].Name, members[j].Name) })
	}
	for _, g := range l.globals {
		e := g.elem
		if g.kind != "element" || e.SubstitutionGroup.Local == "" || e.Type.Local != "" || e.AnonType != nil {
			continue
		}
		seen := map[*Element]bool{e: true}
		for h := l.set.Elements[e.SubstitutionGroup]; h != nil && !seen[h]; h = l.set.Elements[h.SubstitutionGroup] {
			seen[h] = true
			if h.Type.Local != "" || h.AnonType != nil {
				e.Type, e.AnonType = h.Type, h.AnonType
				break
			}
			if h.SubstitutionGroup.Local == "" {
				break
			}
		}
	}
}

func nameLess(a, b xml.Name) bool {
	if a.Local != b.Local {
		return a.Local < b.Local
	}
	return a.Space < b.Space
}

// occurs reads minOccurs and maxOccurs.
func (l *loader) occurs(n *node) (min, max int) {
	min, max = 1, 1
	if v, ok := n.attr("minOccurs"); ok {
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 {
			l.errorf(n.pos, "invalid minOccurs %q", v)
		} else {
			min = i
		}
	}
	if v, ok := n.attr("maxOccurs"); ok {
		v := strings.TrimSpace(v)
		if v == "unbounded" {
			max = Unbounded
		} else if i, err := strconv.Atoi(v); err != nil || i < 0 {
			l.errorf(n.pos, "invalid maxOccurs %q", v)
		} else {
			max = i
		}
	}
	if max != Unbounded && min > max {
		l.errorf(n.pos, "minOccurs %d is greater than maxOccurs %d", min, max)
	}
	return min, max
}

// particle builds the particle declared by n (element, sequence, choice,
// all, any, or a group reference). It returns nil for other elements.
func (l *loader) particle(d *schemaDoc, n *node) *Particle {
	if n.name.Space != NSXSD {
		return nil
	}
	if !l.spend(1, n.pos) {
		return &Particle{Kind: PSequence, Pos: n.pos, Min: 1, Max: 1}
	}
	switch n.name.Local {
	case "element":
		p := &Particle{Kind: PElement, Pos: n.pos}
		p.Min, p.Max = l.occurs(n)
		if name, raw, ok := l.qname(d, n, "ref"); ok {
			p.Ref = true
			g, ok := l.elems[name]
			if !ok && name == schemaElementName {
				g, ok = l.schemaElement(n.pos), true
			}
			if !ok {
				l.unknownRef(n.pos, "element", raw, name)
				p.Element = &Element{Name: name, Pos: n.pos, Global: true}
			} else {
				p.Element = g.elem
			}
			for _, a := range []string{"name", "type", "nillable", "default", "fixed", "form", "block"} {
				if _, ok := n.attr(a); ok {
					l.errorf(n.pos, "attribute %s not allowed with ref", a)
				}
			}
			return p
		} else if _, present := n.attr("ref"); present {
			p.Ref = true
			p.Element = &Element{Pos: n.pos, Global: true}
			return p
		}
		p.Element = &Element{}
		l.buildElement(d, n, p.Element, false)
		return p
	case "sequence", "choice", "all":
		p := &Particle{Pos: n.pos}
		switch n.name.Local {
		case "sequence":
			p.Kind = PSequence
		case "choice":
			p.Kind = PChoice
		case "all":
			p.Kind = PAll
		}
		p.Min, p.Max = l.occurs(n)
		for _, c := range n.children {
			if l.stopped {
				break
			}
			if c.is(NSXSD, "annotation") || c.name.Space != NSXSD {
				continue
			}
			cp := l.particle(d, c)
			if cp == nil {
				l.errorf(c.pos, "unexpected xs:%s in xs:%s", c.name.Local, n.name.Local)
				continue
			}
			if p.Kind == PAll && cp.Kind != PElement {
				l.errorf(c.pos, "xs:all may only contain elements")
			}
			p.Children = append(p.Children, cp)
		}
		return p
	case "any":
		p := &Particle{Kind: PAny, Pos: n.pos}
		p.Min, p.Max = l.occurs(n)
		p.Any = wildcard(d, n)
		return p
	case "group":
		name, raw, ok := l.qname(d, n, "ref")
		if !ok {
			if _, present := n.attr("ref"); !present {
				l.errorf(n.pos, "local xs:group without ref")
			}
			return &Particle{Kind: PSequence, Pos: n.pos, Min: 1, Max: 1}
		}
		min, max := l.occurs(n)
		g, ok := l.groups[name]
		if !ok {
			l.unknownRef(n.pos, "group", raw, name)
			return &Particle{Kind: PSequence, Pos: n.pos, Min: min, Max: max, Group: name}
		}
		l.build(g, n.pos)
		var p *Particle
		if g.group.Content != nil && l.spend(countParticles(g.group.Content), n.pos) {
			p = copyParticle(g.group.Content)
		} else {
			p = &Particle{Kind: PSequence}
		}
		p.Pos, p.Min, p.Max, p.Group = n.pos, min, max, name
		return p
	}
	return nil
}

// copyParticle deep-copies a particle tree, including local element
// declarations (their anonymous types are shared).
func copyParticle(p *Particle) *Particle {
	c := *p
	if p.Element != nil && !p.Ref {
		e := *p.Element
		c.Element = &e
	}
	if p.Any != nil {
		w := *p.Any
		c.Any = &w
	}
	if p.Children != nil {
		c.Children = make([]*Particle, len(p.Children))
		for i, ch := range p.Children {
			c.Children[i] = copyParticle(ch)
		}
	}
	return &c
}

func wildcard(d *schemaDoc, n *node) *Wildcard {
	return &Wildcard{
		Pos:             n.pos,
		Namespace:       strings.TrimSpace(n.attrOr("namespace", "##any")),
		ProcessContents: strings.TrimSpace(n.attrOr("processContents", "strict")),
		TargetNamespace: d.tns,
	}
}

func (l *loader) buildGroup(d *schemaDoc, n *node, g *Group) {
	g.Doc = n.docText()
	for _, c := range n.children {
		if c.is(NSXSD, "annotation") || c.name.Space != NSXSD {
			continue
		}
		if c.name.Local != "sequence" && c.name.Local != "choice" && c.name.Local != "all" {
			l.errorf(c.pos, "unexpected xs:%s in xs:group", c.name.Local)
			continue
		}
		if g.Content != nil {
			l.errorf(c.pos, "xs:group has more than one model group")
			continue
		}
		if _, ok := c.attr("minOccurs"); ok {
			l.errorf(c.pos, "minOccurs not allowed on the model group of a named xs:group")
		}
		if _, ok := c.attr("maxOccurs"); ok {
			l.errorf(c.pos, "maxOccurs not allowed on the model group of a named xs:group")
		}
		g.Content = l.particle(d, c)
	}
}

// attrChild handles an attribute, attributeGroup reference or anyAttribute
// child of a complex type, extension, restriction or attribute group. It
// reports whether c was one of these (or an annotation).
func (l *loader) attrChild(d *schemaDoc, c *node, attrs *[]*AttributeUse, any **Wildcard, in string) bool {
	if c.name.Space != NSXSD {
		return true
	}
	switch c.name.Local {
	case "annotation":
	case "attribute":
		if u := l.attributeUse(d, c); u != nil {
			*attrs = append(*attrs, u)
		}
	case "attributeGroup":
		name, raw, ok := l.qname(d, c, "ref")
		if !ok {
			if _, present := c.attr("ref"); !present {
				l.errorf(c.pos, "local xs:attributeGroup without ref")
			}
			return true
		}
		g, ok := l.agroups[name]
		if !ok {
			l.unknownRef(c.pos, "attributeGroup", raw, name)
			return true
		}
		l.build(g, c.pos)
		if !l.spend(len(g.agroup.Attributes), c.pos) {
			return true
		}
		for _, u := range g.agroup.Attributes {
			cu := *u
			cu.Group = name
			*attrs = append(*attrs, &cu)
		}
		if g.agroup.AnyAttribute != nil && *any == nil {
			w := *g.agroup.AnyAttribute
			*any = &w
		}
	case "anyAttribute":
		if *any != nil {
			l.errorf(c.pos, "more than one xs:anyAttribute")
		}
		*any = wildcard(d, c)
	default:
		l.errorf(c.pos, "unexpected xs:%s in %s", c.name.Local, in)
	}
	return true
}

// attrType returns the type of an attribute declaration (named or anonymous).
func (l *loader) attrType(d *schemaDoc, n *node) (xml.Name, *Type) {
	var name xml.Name
	var anon *Type
	if _, ok := n.attr("type"); ok {
		var ok bool
		name, ok = l.typeRef(d, n, "type")
		if ok && l.isComplex(name) {
			l.errorf(n.pos, "attribute type %s is a complex type", n.attrOr("type", ""))
		}
	}
	for _, c := range n.children {
		switch {
		case c.is(NSXSD, "simpleType"):
			if anon != nil || name.Local != "" {
				l.errorf(c.pos, "attribute has more than one type")
			}
			anon = &Type{Pos: c.pos}
			l.buildSimpleType(d, c, anon)
			name = xml.Name{}
		case c.is(NSXSD, "annotation"):
		case c.name.Space == NSXSD:
			l.errorf(c.pos, "unexpected xs:%s in xs:attribute", c.name.Local)
		}
	}
	return name, anon
}

func (l *loader) attributeUse(d *schemaDoc, n *node) *AttributeUse {
	if !l.spend(1, n.pos) {
		return nil
	}
	u := &AttributeUse{Pos: n.pos, Doc: n.docText()}
	switch use := n.attrOr("use", "optional"); strings.TrimSpace(use) {
	case "optional":
	case "required":
		u.Use = UseRequired
	case "prohibited":
		u.Use = UseProhibited
	default:
		l.errorf(n.pos, "invalid use %q", use)
	}
	u.Default = strAttr(n, "default")
	u.Fixed = strAttr(n, "fixed")
	if u.Default != nil && u.Fixed != nil {
		l.errorf(n.pos, "attribute has both default and fixed")
	}
	if u.Default != nil && u.Use == UseRequired {
		l.errorf(n.pos, "attribute with a default must be optional")
	}
	if _, present := n.attr("ref"); present {
		name, raw, ok := l.qname(d, n, "ref")
		if !ok {
			return nil
		}
		u.Ref = true
		u.Name = name
		g, ok := l.attrs[name]
		if !ok {
			l.unknownRef(n.pos, "attribute", raw, name)
			return u
		}
		l.build(g, n.pos)
		a := g.attr
		u.Type, u.AnonType = a.Type, a.AnonType
		if u.Doc == "" {
			u.Doc = a.Doc
		}
		if u.Default == nil && u.Fixed == nil {
			u.Default, u.Fixed = a.Default, a.Fixed
		}
		for _, x := range []string{"name", "type", "form"} {
			if _, ok := n.attr(x); ok {
				l.errorf(n.pos, "attribute %s not allowed with ref", x)
			}
		}
		return u
	}
	local := strings.TrimSpace(n.attrOr("name", ""))
	if local == "" {
		l.errorf(n.pos, "local xs:attribute without name or ref")
	}
	u.Name = xml.Name{Local: local}
	switch form := n.attrOr("form", ""); form {
	case "qualified":
		u.Name.Space = d.tns
	case "unqualified":
	case "":
		if d.attrQ {
			u.Name.Space = d.tns
		}
	default:
		l.errorf(n.pos, "invalid form %q", form)
	}
	u.Type, u.AnonType = l.attrType(d, n)
	return u
}

func (l *loader) buildComplexType(d *schemaDoc, n *node, t *Type) {
	t.Pos = n.pos
	t.Doc = n.docText()
	t.Abstract = l.boolAttr(n, "abstract")
	t.Mixed = l.boolAttr(n, "mixed")
	t.Final = n.attrOr("final", "")
	t.Block = n.attrOr("block", "")
	if t.Name.Local == "" {
		for _, a := range []string{"name", "abstract", "final", "block"} {
			if _, ok := n.attr(a); ok {
				l.errorf(n.pos, "attribute %s not allowed on an anonymous xs:complexType", a)
			}
		}
	}
	for _, c := range n.children {
		if c.name.Space != NSXSD {
			continue
		}
		switch c.name.Local {
		case "annotation":
		case "simpleContent", "complexContent":
			t.SimpleContent = c.name.Local == "simpleContent"
			if c.name.Local == "complexContent" && l.boolAttr(c, "mixed") {
				t.Mixed = true
			}
			l.derivation(d, c, t)
		case "sequence", "choice", "all", "group":
			if t.Content != nil {
				l.errorf(c.pos, "xs:complexType has more than one content model")
			}
			t.Content = l.particle(d, c)
		default:
			l.attrChild(d, c, &t.Attributes, &t.AnyAttribute, "xs:complexType")
		}
	}
	t.Content = dropEmpty(t.Content)
}

// dropEmpty returns nil for an empty top-level sequence or choice (no content).
func dropEmpty(p *Particle) *Particle {
	if p != nil && (p.Kind == PSequence || p.Kind == PChoice || p.Kind == PAll) && len(p.Children) == 0 && p.Group.Local == "" {
		return nil
	}
	return p
}

// derivation handles the xs:extension or xs:restriction of simpleContent or
// complexContent c.
func (l *loader) derivation(d *schemaDoc, c *node, t *Type) {
	var der *node
	for _, x := range c.children {
		if x.name.Space != NSXSD || x.name.Local == "annotation" {
			continue
		}
		if x.name.Local != "extension" && x.name.Local != "restriction" {
			l.errorf(x.pos, "unexpected xs:%s in xs:%s", x.name.Local, c.name.Local)
			continue
		}
		if der != nil {
			l.errorf(x.pos, "xs:%s has more than one derivation", c.name.Local)
			continue
		}
		der = x
	}
	if der == nil {
		l.errorf(c.pos, "xs:%s without xs:extension or xs:restriction", c.name.Local)
		return
	}
	if der.name.Local == "restriction" && !t.SimpleContent && l.soapArray(d, der, t) {
		return
	}
	if der.name.Local == "extension" {
		t.Derivation = DerivExtension
	} else {
		t.Derivation = DerivRestriction
	}
	if _, ok := der.attr("base"); !ok {
		l.errorf(der.pos, "xs:%s without base", der.name.Local)
	} else if base, ok := l.typeRef(d, der, "base"); ok {
		t.Base = base
		if !t.SimpleContent && !l.isComplex(base) {
			l.errorf(der.pos, "complexContent base %s is not a complex type", der.attrOr("base", ""))
		}
	}
	simple := t.SimpleContent
	restriction := der.name.Local == "restriction"
	for _, x := range der.children {
		if x.name.Space != NSXSD {
			continue
		}
		switch x.name.Local {
		case "annotation":
		case "sequence", "choice", "all", "group":
			if simple {
				l.errorf(x.pos, "unexpected xs:%s in xs:simpleContent", x.name.Local)
				continue
			}
			if t.Content != nil {
				l.errorf(x.pos, "more than one content model")
			}
			t.Content = l.particle(d, x)
		case "simpleType":
			if !simple || !restriction {
				l.errorf(x.pos, "unexpected xs:simpleType in xs:%s", der.name.Local)
				continue
			}
			t.BaseAnon = &Type{Pos: x.pos}
			l.buildSimpleType(d, x, t.BaseAnon)
		default:
			if simple && restriction && l.facet(x, &t.Facets) {
				continue
			}
			l.attrChild(d, x, &t.Attributes, &t.AnyAttribute, "xs:"+der.name.Local)
		}
	}
}

// facet parses facet element x into f; it reports whether x is a facet.
func (l *loader) facet(x *node, f *Facets) bool {
	if x.name.Space != NSXSD {
		return false
	}
	value, hasValue := x.attr("value")
	intVal := func() *int {
		i, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || i < 0 {
			l.errorf(x.pos, "invalid %s value %q", x.name.Local, value)
			return nil
		}
		return &i
	}
	switch x.name.Local {
	case "enumeration", "pattern", "length", "minLength", "maxLength", "minInclusive", "maxInclusive",
		"minExclusive", "maxExclusive", "totalDigits", "fractionDigits", "whiteSpace":
		if !hasValue {
			l.errorf(x.pos, "xs:%s without value", x.name.Local)
			return true
		}
	default:
		return false
	}
	switch x.name.Local {
	case "enumeration":
		if len(f.Enumerations) >= l.lim.Enumerations {
			if len(f.Enumerations) == l.lim.Enumerations {
				l.errorf(x.pos, "more than %d enumeration values in one simple type (raise the limit with --max-enumerations)", l.lim.Enumerations)
				f.Enumerations = append(f.Enumerations, Enumeration{Value: value, Pos: x.pos})
			}
			return true
		}
		f.Enumerations = append(f.Enumerations, Enumeration{Value: value, Doc: x.docText(), Pos: x.pos})
	case "pattern":
		f.Patterns = append(f.Patterns, value)
	case "length":
		f.Length = intVal()
	case "minLength":
		f.MinLength = intVal()
	case "maxLength":
		f.MaxLength = intVal()
	case "totalDigits":
		f.TotalDigits = intVal()
	case "fractionDigits":
		f.FractionDigits = intVal()
	case "minInclusive":
		f.MinInclusive = &value
	case "maxInclusive":
		f.MaxInclusive = &value
	case "minExclusive":
		f.MinExclusive = &value
	case "maxExclusive":
		f.MaxExclusive = &value
	case "whiteSpace":
		switch value {
		case "preserve", "replace", "collapse":
			f.WhiteSpace = value
		default:
			l.errorf(x.pos, "invalid whiteSpace value %q", value)
		}
	}
	return true
}

func (l *loader) buildSimpleType(d *schemaDoc, n *node, t *Type) {
	t.Pos = n.pos
	t.Doc = n.docText()
	t.Simple = true
	t.Final = n.attrOr("final", "")
	if t.Name.Local == "" {
		for _, a := range []string{"name", "final"} {
			if _, ok := n.attr(a); ok {
				l.errorf(n.pos, "attribute %s not allowed on an anonymous xs:simpleType", a)
			}
		}
	}
	var der *node
	for _, c := range n.children {
		if c.name.Space != NSXSD || c.name.Local == "annotation" {
			continue
		}
		switch c.name.Local {
		case "restriction", "list", "union":
			if der != nil {
				l.errorf(c.pos, "xs:simpleType has more than one of xs:restriction, xs:list, xs:union")
				continue
			}
			der = c
		default:
			l.errorf(c.pos, "unexpected xs:%s in xs:simpleType", c.name.Local)
		}
	}
	if der == nil {
		l.errorf(n.pos, "xs:simpleType without xs:restriction, xs:list or xs:union")
		return
	}
	switch der.name.Local {
	case "restriction":
		t.Derivation = DerivRestriction
		if _, ok := der.attr("base"); ok {
			if base, ok := l.typeRef(d, der, "base"); ok {
				t.Base = base
				if l.isComplex(base) {
					l.errorf(der.pos, "simple type base %s is a complex type", der.attrOr("base", ""))
				}
			}
		}
		for _, x := range der.children {
			if x.name.Space != NSXSD || x.name.Local == "annotation" {
				continue
			}
			if x.name.Local == "simpleType" {
				if t.BaseAnon != nil || t.Base.Local != "" {
					l.errorf(x.pos, "xs:restriction has both a base and an anonymous base type")
				}
				t.BaseAnon = &Type{Pos: x.pos}
				l.buildSimpleType(d, x, t.BaseAnon)
				continue
			}
			if !l.facet(x, &t.Facets) {
				l.errorf(x.pos, "unexpected xs:%s in xs:restriction", x.name.Local)
			}
		}
		if t.Base.Local == "" && t.BaseAnon == nil {
			if _, ok := der.attr("base"); !ok {
				l.errorf(der.pos, "xs:restriction without base")
			}
		}
	case "list":
		t.Variety = VarietyList
		if _, ok := der.attr("itemType"); ok {
			t.ItemType, _ = l.typeRef(d, der, "itemType")
		}
		for _, x := range der.children {
			switch {
			case x.is(NSXSD, "simpleType"):
				if t.ItemAnon != nil || t.ItemType.Local != "" {
					l.errorf(x.pos, "xs:list has more than one item type")
				}
				t.ItemAnon = &Type{Pos: x.pos}
				l.buildSimpleType(d, x, t.ItemAnon)
			case x.is(NSXSD, "annotation"):
			case x.name.Space == NSXSD:
				l.errorf(x.pos, "unexpected xs:%s in xs:list", x.name.Local)
			}
		}
		if t.ItemAnon == nil {
			if _, ok := der.attr("itemType"); !ok {
				l.errorf(der.pos, "xs:list without item type")
			}
		}
	case "union":
		t.Variety = VarietyUnion
		for _, raw := range strings.Fields(der.attrOr("memberTypes", "")) {
			name, ok := l.resolveQName(d, der, "memberTypes", raw)
			if !ok {
				continue
			}
			if !l.typeExists(name) {
				l.unknownRef(der.pos, "type", raw, name)
			}
			t.MemberTypes = append(t.MemberTypes, name)
		}
		for _, x := range der.children {
			switch {
			case x.is(NSXSD, "simpleType"):
				a := &Type{Pos: x.pos}
				l.buildSimpleType(d, x, a)
				t.MemberAnon = append(t.MemberAnon, a)
			case x.is(NSXSD, "annotation"):
			case x.name.Space == NSXSD:
				l.errorf(x.pos, "unexpected xs:%s in xs:union", x.name.Local)
			}
		}
		if len(t.MemberTypes) == 0 && len(t.MemberAnon) == 0 {
			l.errorf(der.pos, "xs:union without member types")
		}
	}
}

// schemaElementName is {NSXSD}schema, the element a .NET DataSet refers to
// (ref="s:schema") to carry its schema inside a message.
var schemaElementName = xml.Name{Space: NSXSD, Local: "schema"}

// schemaElement returns the raw-XML holder element {NSXSD}schema, made and
// added to the Set at its first reference (pos).
func (l *loader) schemaElement(pos Pos) *global {
	if g, ok := l.elems[schemaElementName]; ok {
		return g
	}
	e := &Element{
		Name: schemaElementName, Pos: pos, Global: true, Raw: true,
		Type: xml.Name{Space: NSXSD, Local: "anyType"},
		Doc:  "An XML Schema document carried as content, kept as raw XML.",
	}
	g := &global{kind: "element", name: e.Name, elem: e, state: 2}
	l.elems[e.Name] = g
	l.set.Elements[e.Name] = e
	return g
}

// NSSOAPEnc is the SOAP 1.1 encoding namespace (section 5), whose Array
// type SOAP-encoded arrays restrict.
const NSSOAPEnc = "http://schemas.xmlsoap.org/soap/encoding/"

// nsWSDL is the WSDL 1.1 namespace, whose arrayType attribute gives the
// item type of a SOAP-encoded array.
const nsWSDL = "http://schemas.xmlsoap.org/wsdl/"

// soapArray handles the complexContent restriction der of soapenc:Array,
// the SOAP 1.1 encoded array idiom of WSDL 1.1 (section 2.2):
//
//	<restriction base="soapenc:Array">
//	  <attribute ref="soapenc:arrayType" wsdl:arrayType="xsd:string[]"/>
//	</restriction>
//
// t becomes a plain complex type (SOAPArrayItem set) whose content is the
// restriction's own content model when it has one, else a sequence of
// unqualified item elements of the item type; a wsdl:arrayType of more
// than one dimension or of arrays of arrays is an error. It reports
// whether der restricts soapenc:Array (nothing is done otherwise).
func (l *loader) soapArray(d *schemaDoc, der *node, t *Type) bool {
	raw, ok := der.attr("base")
	if !ok {
		return false
	}
	base, ok := l.resolveQName(d, der, "base", strings.TrimSpace(raw))
	if !ok || base != (xml.Name{Space: NSSOAPEnc, Local: "Array"}) {
		return false
	}
	var item xml.Name
	found := false
	for _, x := range der.children {
		switch {
		case x.is(NSXSD, "sequence") || x.is(NSXSD, "all") || x.is(NSXSD, "choice") || x.is(NSXSD, "group"):
			if t.Content != nil {
				l.errorf(x.pos, "more than one content model")
			}
			t.Content = l.particle(d, x)
		case x.is(NSXSD, "attribute"):
			for _, a := range x.attrs {
				if a.Name.Local != "arrayType" || a.Name.Space == "" {
					continue
				}
				if uri, _ := x.scope.lookup(a.Name.Space); uri != nsWSDL {
					continue
				}
				v := strings.TrimSpace(a.Value)
				i := strings.IndexByte(v, '[')
				if i < 0 || !strings.HasSuffix(v, "[]") || i != len(v)-2 {
					l.errorf(x.pos, "wsdl:arrayType %q: only one-dimensional arrays of a named type (T[]) are supported", v)
					return true
				}
				if n, ok := l.resolveQName(d, x, "wsdl:arrayType", v[:i]); ok {
					if !l.typeExists(n) {
						l.errorf(x.pos, "unknown type %s in wsdl:arrayType", v[:i])
						return true
					}
					item, found = n, true
				}
			}
		}
	}
	if !found {
		l.errorf(der.pos, "restriction of soapenc:Array without an attribute wsdl:arrayType naming the item type")
		return true
	}
	t.SOAPArrayItem = item
	if t.Content == nil {
		t.Content = &Particle{Kind: PSequence, Min: 1, Max: 1, Pos: der.pos, Children: []*Particle{{
			Kind: PElement, Min: 0, Max: Unbounded, Pos: der.pos,
			Element: &Element{Name: xml.Name{Local: "item"}, Pos: der.pos, Type: item},
		}}}
	}
	return true
}
