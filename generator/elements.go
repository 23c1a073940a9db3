package generator

import (
	"fmt"

	"github.com/ewsgen/ewsgen/xsd"
)

// Global elements, substitution groups and abstract types.
//
// Contract: planElementDecl (pass 2) names the declaration of every global
// element and, for a substitution-group head, its interface; an element
// whose named type has the same Go name shares that type's declaration.
// fillElementDecl (pass 3, once per element) decides the declaration's
// shape (struct, simple value, list, element-of a struct type, alias of an
// interface) and lists substitution-group members; fillAbstract lists the
// concrete types derived from an abstract type, written with xsi:type.

func (p *plan) planElementDecl(e *xsd.Element) {
	members := p.set.Substitutions[e.Name]
	what := "element " + p.prefixed(e.Name)
	name := goName(e.Name.Local)
	if r, ok := p.rename(e.Name); ok {
		name = r
	}
	if len(members) > 0 && !p.instantiable(e) {
		gt := &goType{name: name, kind: kIface, pos: e.Pos, doc: e.Doc, elem: e,
			comment: fmt.Sprintf("substitution group %s: any of its member elements", p.prefixed(e.Name))}
		if !p.claim(name, e.Pos) {
			if _, pinned := p.rename(e.Name); pinned {
				p.collision(name, e.Pos, what)
				return
			}
			gt.name = p.claimNumbered(name+"Element", e.Pos)
		}
		p.subst[e] = p.add(gt)
		p.byElem[e] = gt
		return
	}
	// An element whose named type has the same Go name shares its declaration.
	if e.AnonType == nil && e.Type.Local != "" && !xsd.IsBuiltin(e.Type) {
		if t := p.set.Types[e.Type]; t != nil {
			if gt := p.byType[t]; gt != nil && gt.name == name && gt.kind == kStruct && gt.rootName.Local == "" {
				gt.rootName = e.Name
				gt.elem = e
				p.byElem[e] = gt
				goto substIface
			}
		}
	}
	{
		gt := &goType{name: name, pos: e.Pos, doc: e.Doc, elem: e, rootName: e.Name,
			comment: fmt.Sprintf("element %s", p.prefixed(e.Name))}
		if !p.claim(name, e.Pos) {
			if _, pinned := p.rename(e.Name); pinned {
				p.collision(name, e.Pos, what)
				return
			}
			gt.name = p.claimNumbered(name+"Element", e.Pos)
		}
		p.byElem[e] = p.add(gt)
	}
substIface:
	if len(members) > 0 {
		iname := "Any" + name
		gt := &goType{name: iname, kind: kIface, pos: e.Pos, elem: e,
			comment: fmt.Sprintf("substitution group %s: the element itself or any of its member elements", p.prefixed(e.Name))}
		iname = p.claimNumbered(iname, e.Pos)
		gt.name = iname
		p.subst[e] = p.add(gt)
	}
}

// fillElementDecl decides the shape of a global element's own declaration.
//
// It runs once per element, in Pass 3 or earlier when a reference to the
// element is planned first (elemType needs the shape of the declaration).
func (p *plan) fillElementDecl(e *xsd.Element) {
	gt := p.byElem[e]
	if gt == nil || p.elemDone[e] {
		return
	}
	p.elemDone[e] = true
	if gt.kind == kIface {
		p.fillSubst(e, gt)
		return
	}
	if gt.xsdType != nil && p.byType[gt.xsdType] == gt {
		// shares the declaration of its own type
		if ig := p.subst[e]; ig != nil {
			p.fillSubst(e, ig)
		}
		return
	}
	switch {
	case e.AnonType != nil && !e.AnonType.Simple:
		gt.kind = kStruct
		gt.xsdType = e.AnonType
		p.fillStruct(gt, e.AnonType)
	case e.AnonType != nil:
		gt.kind = kSimple
		gt.xsdType = e.AnonType
		p.fillSimple(gt, e.AnonType)
	case e.Type.Local == "" || xsd.IsBuiltin(e.Type) && e.Type.Local == "anyType":
		gt.kind = kStruct
		gt.anyContent = true
		gt.anyAttr = true
		gt.planned = true
	case xsd.IsBuiltin(e.Type):
		gt.kind = kSimple
		gt.base = p.builtinRef(e.Type)
	default:
		t := p.set.Types[e.Type]
		tg := p.byType[t]
		switch {
		case tg == nil:
		case tg.kind == kIface:
			gt.kind = kAlias
			gt.of = tg
		case tg.kind == kStruct:
			gt.kind = kElemOf
			gt.of = tg
		case tg.kind == kList:
			// an element of a list type is a list of the same items
			p.fillSimple(tg, t)
			gt.kind = kList
			gt.base = tg.base
		default:
			gt.kind = kSimple
			gt.base = valueRef{named: tg}
		}
	}
	if ig := p.subst[e]; ig != nil {
		p.fillSubst(e, ig)
	}
}

// substMembers lists the head (when it can appear) and every transitive
// member, in a stable order.
func (p *plan) substMembers(head *xsd.Element) []*xsd.Element {
	var out []*xsd.Element
	seen := map[*xsd.Element]bool{}
	var walk func(e *xsd.Element)
	walk = func(e *xsd.Element) {
		if seen[e] {
			return
		}
		seen[e] = true
		if p.instantiable(e) {
			out = append(out, e)
		}
		for _, m := range p.set.Substitutions[e.Name] {
			walk(m)
		}
	}
	walk(head)
	return out
}

func (p *plan) fillSubst(head *xsd.Element, ig *goType) {
	if len(ig.alts) > 0 {
		return
	}
	for _, m := range p.substMembers(head) {
		mt := p.byElem[m]
		if mt == nil || mt.kind == kIface || mt.kind == kAlias {
			continue
		}
		if !p.spend(1, m.Pos, itemCost+nameCost*len(m.Name.Local)) {
			return
		}
		ig.alts = append(ig.alts, alt{name: m.Name, t: mt})
		mt.implements = append(mt.implements, ig)
	}
}

// fillAbstract lists the concrete types derived from an abstract type.
func (p *plan) fillAbstract(gt *goType, t *xsd.Type) {
	for _, dg := range p.structsBelow(t) {
		d := dg.xsdType
		if !p.spend(1, d.Pos, itemCost+nameCost*len(d.Name.Local)) {
			return
		}
		gt.alts = append(gt.alts, alt{name: d.Name, t: dg, xsi: true})
		dg.implements = append(dg.implements, gt)
	}
}

func (p *plan) derivesFrom(d, base *xsd.Type) bool {
	seen := 0
	for d != nil && seen < p.maxChain {
		if d.Derivation == xsd.DerivNone || d.Base.Local == "" || xsd.IsBuiltin(d.Base) {
			return false
		}
		b := p.set.Types[d.Base]
		if b == base {
			return true
		}
		d = b
		seen++
	}
	return false
}

// instantiable reports whether an element can appear as itself.
func (p *plan) instantiable(e *xsd.Element) bool {
	if e.Abstract {
		return false
	}
	if e.AnonType == nil && e.Type.Local != "" && !xsd.IsBuiltin(e.Type) {
		if t := p.set.Types[e.Type]; t != nil && t.Abstract {
			return false
		}
	}
	return true
}
