package generator

import (
	"encoding/xml"
	"fmt"

	"github.com/ewsgen/ewsgen/xsd"
)

// Repeating choices.
//
// Contract: choiceField turns a repeating choice (or a choice inside a
// repeating particle) into one slice field of a sealed interface whose
// items keep document order. Each alternative element is an implementing
// type: the element's own struct when it is the only alternative of that
// type, else a wrapper named after the interface and the element
// (kElemOf over a struct, kBox over anything else), which takes the
// element's name alone when no other declaration wants it (naming rule 6,
// names.go: nameAlternatives); substitution-group
// heads contribute all their members; an xs:any among the alternatives is
// one more implementing type holding the element as read (goType.wild).

// choiceField makes a slice field of a sealed interface for a repeating
// choice, keeping document order of heterogeneous items.
//
// The field is named after the model group the choice came from, else
// Items (List where that stutters: naming rule 7, names.go: unstutter).
func (p *plan) choiceField(gt *goType, part *xsd.Particle, optional bool, used map[string]bool) {
	fname := "Items"
	if part.Group.Local != "" {
		fname = goName(part.Group.Local)
	}
	iname := gt.name + "Choice"
	for i := 2; ; i++ {
		if _, taken := p.names[iname]; !taken {
			break
		}
		iname = fmt.Sprintf("%sChoice%d", gt.name, i)
	}
	ig := &goType{name: iname, kind: kIface, pos: part.Pos,
		comment: fmt.Sprintf("one item of the repeating choice in %s", gt.name)}
	p.claim(iname, part.Pos)
	p.add(ig)
	var elems []*xsd.Element
	var wild *xsd.Particle // the first xs:any among the alternatives
	var collect func(q *xsd.Particle)
	collect = func(q *xsd.Particle) {
		switch q.Kind {
		case xsd.PAny:
			if wild == nil {
				wild = q
			}
		case xsd.PElement:
			elems = append(elems, q.Element)
		case xsd.PChoice, xsd.PSequence, xsd.PAll:
			for _, c := range q.Children {
				collect(c)
			}
		}
	}
	collect(part)
	typeCount := map[*goType]int{}
	type cand struct {
		e  *xsd.Element
		ct *goType
		v  *valueRef
	}
	var cands []cand
	seen := map[xml.Name]bool{}
	for _, e := range elems {
		var list []*xsd.Element
		if ig2 := p.subst[e]; ig2 != nil && e.Global {
			list = p.substMembers(e)
		} else {
			list = []*xsd.Element{e}
		}
		for _, m := range list {
			if seen[m.Name] {
				continue
			}
			seen[m.Name] = true
			c := cand{e: m}
			if m.Global {
				p.fillElementDecl(m)
				if mt := p.byElem[m]; mt != nil && mt.kind != kIface && mt.kind != kAlias && mt.rootName == m.Name {
					c.ct = mt
				}
			}
			if c.ct == nil {
				v, ct := p.elemType(gt, m, goName(m.Name.Local))
				c.v, c.ct = v, ct
			}
			if c.ct != nil {
				typeCount[c.ct]++
			}
			cands = append(cands, c)
		}
	}
	for _, c := range cands {
		var at *goType
		switch {
		case c.ct != nil && (c.ct.kind == kStruct || c.ct.kind == kElemOf) && typeCount[c.ct] == 1:
			at = c.ct
		default:
			name := iname + goName(c.e.Name.Local)
			at = &goType{name: name, pos: c.e.Pos, comment: fmt.Sprintf("element %s as an item of %s", p.prefixed(c.e.Name), iname)}
			switch {
			case c.ct != nil && c.ct.kind == kStruct:
				at.kind = kElemOf
				at.of = c.ct
			case c.ct != nil:
				at.kind = kBox
				at.of = c.ct
			case c.v != nil:
				at.kind = kBox
				at.base = *c.v
			default:
				at.kind = kBox
				at.base = valueRef{b: bString}
			}
			at.name = p.claimNumbered(name, c.e.Pos)
			at.short = goName(c.e.Name.Local)
			p.add(at)
		}
		if !p.spend(1, c.e.Pos, itemCost+nameCost*len(c.e.Name.Local)) {
			return
		}
		ig.alts = append(ig.alts, alt{name: c.e.Name, t: at})
		at.implements = append(at.implements, ig)
	}
	if wild != nil {
		// Elements no other alternative names are kept, in document
		// order, as items of this type.
		at := &goType{name: p.claimNumbered(iname+"Any", wild.Pos), kind: kBox, wild: true, pos: wild.Pos,
			comment: fmt.Sprintf("an element matched by the xs:any of %s, kept as read", iname)}
		p.add(at)
		if !p.spend(1, wild.Pos, itemCost) {
			return
		}
		ig.alts = append(ig.alts, alt{t: at})
		at.implements = append(at.implements, ig)
	}
	p.addField(gt, &field{name: fname, iface: ig, repeated: true, optional: optional}, used)
}
