package generator

import (
	"encoding/xml"

	"github.com/ewsgen/ewsgen/xsd"
)

// Simple types.
//
// Contract: every simple value planned has a valueRef: a builtin (with the
// XSD built-in it stands for, so that lexical rules and facets apply) or a
// named simple or list declaration. fillSimple gives named simple types
// their base, list item and enumeration values; anonymous enumerations get
// a named type from their owner's name (naming rule 4), other anonymous
// restrictions resolve to their base; unions are kept as text.

func (p *plan) builtinRef(n xml.Name) valueRef {
	if b, ok := xsdBuiltins[n.Local]; ok {
		return valueRef{b: b, xs: n.Local}
	}
	return valueRef{b: bString}
}

// typeRef resolves a named simple type reference.
func (p *plan) typeRef(n xml.Name) valueRef {
	if n.Local == "" || xsd.IsBuiltin(n) {
		return p.builtinRef(n)
	}
	t := p.set.Types[n]
	if gt := p.byType[t]; gt != nil && (gt.kind == kSimple || gt.kind == kList) {
		return valueRef{named: gt}
	}
	if t != nil && !t.Simple {
		// complex type with simple content used where a simple value is needed
		if r := p.textOf(t); r != nil {
			return *r
		}
	}
	return valueRef{b: bString}
}

// simpleRef resolves an anonymous simple type. Enumerations get a named
// type (owner name + suffix); other restrictions resolve to their base.
func (p *plan) simpleRef(t *xsd.Type, name string, pos xsd.Pos) valueRef {
	if len(t.Facets.Enumerations) > 0 && t.Variety == xsd.VarietyAtomic {
		gt := &goType{name: name, kind: kSimple, pos: t.Pos, doc: t.Doc, xsdType: t, comment: "anonymous simpleType", anon: true}
		gt.name = p.claimNumbered(name, t.Pos)
		p.add(gt)
		p.fillSimple(gt, t)
		return valueRef{named: gt}
	}
	switch t.Variety {
	case xsd.VarietyList, xsd.VarietyUnion:
		return valueRef{b: bString}
	}
	if t.BaseAnon != nil {
		return p.simpleRef(t.BaseAnon, name, pos)
	}
	return p.typeRef(t.Base)
}

func (p *plan) fillSimple(gt *goType, t *xsd.Type) {
	if gt.planned {
		return
	}
	gt.planned = true
	switch t.Variety {
	case xsd.VarietyList:
		gt.kind = kList
		if t.ItemAnon != nil {
			gt.base = p.simpleRef(t.ItemAnon, gt.name+"Item", t.Pos)
		} else {
			gt.base = p.typeRef(t.ItemType)
		}
	case xsd.VarietyUnion:
		gt.base = valueRef{b: bString}
	default:
		if t.BaseAnon != nil {
			gt.base = p.simpleRef(t.BaseAnon, gt.name+"Base", t.Pos)
		} else if t.Base.Local != "" && !xsd.IsBuiltin(t.Base) {
			if bt := p.set.Types[t.Base]; bt != nil {
				if bg := p.byType[bt]; bg != nil && (bg.kind == kSimple || bg.kind == kList) {
					p.fillSimple(bg, bt)
					if bg.kind == kList {
						gt.kind = kList
						gt.base = bg.base
					} else {
						gt.base = bg.base
					}
				}
			}
		} else {
			gt.base = p.builtinRef(t.Base)
		}
		bytes := 0
		for _, en := range t.Facets.Enumerations {
			bytes += constCost + 2*len(en.Value) + len(en.Doc)
		}
		if !p.spend(len(t.Facets.Enumerations), t.Pos, bytes) {
			return
		}
		for _, en := range t.Facets.Enumerations {
			gt.enums = append(gt.enums, enumConst{value: en.Value, doc: en.Doc})
		}
	}
}

// textOf returns the simple content type of a complex type, if it has one.
func (p *plan) textOf(t *xsd.Type) *valueRef {
	for i := 0; t != nil && i < p.maxChain; i++ {
		if !t.SimpleContent {
			return nil
		}
		if t.BaseAnon != nil {
			r := p.simpleRef(t.BaseAnon, "", t.Pos)
			return &r
		}
		if xsd.IsBuiltin(t.Base) {
			r := p.builtinRef(t.Base)
			return &r
		}
		b := p.set.Types[t.Base]
		if b == nil {
			return nil
		}
		if b.Simple {
			r := p.typeRef(t.Base)
			return &r
		}
		t = b
	}
	return nil
}
