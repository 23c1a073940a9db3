package generator

import (
	"encoding/xml"
	"fmt"

	"github.com/ewsgen/ewsgen/xsd"
)

// Struct types: content and attributes.
//
// Contract: fillStruct gives a complex type's struct its fields in
// document order, base content first (extension), and its attributes,
// base first, a redeclaration replacing and a prohibited use removing the
// base's; each field keeps the element's qualified name, occurrence
// (repeated, optional), nillable and documentation. A non-repeating
// choice contributes optional fields; a repeating one a slice of a sealed
// interface (choices.go); xs:any an Any field of XSAnyElement; an element
// of xs:anyType a struct keeping its content as read. Equal field names
// within a struct are numbered (Name2). planNillable then marks the types
// and fields that carry xsi:nil.

// contentChain returns the particles of a complex type's effective content,
// base type first.
func (p *plan) contentChain(t *xsd.Type) []*xsd.Particle {
	var chain []*xsd.Type
	for cur, i := t, 0; cur != nil && i < p.maxChain; i++ {
		chain = append(chain, cur)
		if cur.Derivation != xsd.DerivExtension || cur.Base.Local == "" || xsd.IsBuiltin(cur.Base) {
			break
		}
		cur = p.set.Types[cur.Base]
	}
	var out []*xsd.Particle
	for i := len(chain) - 1; i >= 0; i-- {
		if chain[i].Content != nil {
			out = append(out, chain[i].Content)
		}
	}
	return out
}

// attrChain returns a complex type's effective attributes in order, base
// attributes first; a redeclaration replaces, a prohibited use removes.
func (p *plan) attrChain(t *xsd.Type) ([]*xsd.AttributeUse, bool) {
	var chain []*xsd.Type
	for cur, i := t, 0; cur != nil && i < p.maxChain; i++ {
		chain = append(chain, cur)
		if cur.Derivation == xsd.DerivNone || cur.Base.Local == "" || xsd.IsBuiltin(cur.Base) {
			break
		}
		cur = p.set.Types[cur.Base]
		if cur != nil && cur.Simple {
			break
		}
	}
	var out []*xsd.AttributeUse
	at := map[xml.Name][]int{} // indexes in out by name
	anyAttr := false
	for i := len(chain) - 1; i >= 0; i-- {
		if chain[i].AnyAttribute != nil {
			anyAttr = true
		}
		for _, a := range chain[i].Attributes {
			if js := at[a.Name]; len(js) > 0 {
				for _, j := range js {
					out[j] = a
				}
				continue
			}
			at[a.Name] = append(at[a.Name], len(out))
			out = append(out, a)
		}
	}
	kept := out[:0]
	for _, a := range out {
		if a.Use != xsd.UseProhibited {
			kept = append(kept, a)
		}
	}
	return kept, anyAttr
}

// fillStruct computes the fields of a struct type.
func (p *plan) fillStruct(gt *goType, t *xsd.Type) {
	if gt.planned {
		return
	}
	gt.planned = true
	used := map[string]bool{}
	attrs, anyAttr := p.attrChain(t)
	gt.anyAttr = anyAttr
	if r := p.textOf(t); r != nil {
		gt.text = r
		gt.textName = "Value"
		used["Value"] = true
	} else {
		for _, part := range p.contentChain(t) {
			p.contentFields(gt, part, false, false, used)
		}
		if t.Mixed {
			name := "Text"
			for i := 2; used[name]; i++ {
				name = fmt.Sprintf("Text%d", i)
			}
			used[name] = true
			gt.mixedText = name
		}
	}
	for _, a := range attrs {
		if !p.spend(1, a.Pos, itemCost+nameCost*len(a.Name.Local)+len(a.Doc)) {
			return
		}
		name := goName(a.Name.Local)
		if used[name] {
			name += "Attr"
		}
		for used[name] {
			name += "_"
		}
		used[name] = true
		af := &attrField{name: name, xname: a.Name, required: a.Use == xsd.UseRequired, def: a.Default, fixed: a.Fixed, doc: a.Doc}
		if a.AnonType != nil {
			af.val = p.simpleRef(a.AnonType, gt.name+name, a.Pos)
		} else {
			af.val = p.typeRef(a.Type)
		}
		gt.attrs = append(gt.attrs, af)
	}
}

// elemType resolves the Go type of an element's content: a simple value or
// a struct/interface type.
func (p *plan) elemType(owner *goType, e *xsd.Element, fieldName string) (*valueRef, *goType) {
	if e.Global {
		p.fillElementDecl(e)
		if gt := p.byElem[e]; gt != nil {
			switch gt.kind {
			case kStruct, kIface:
				return nil, gt
			case kElemOf, kAlias:
				return nil, gt.of
			case kSimple:
				r := gt.base
				return &r, nil
			case kList:
				return &valueRef{named: gt}, nil
			}
		}
	}
	if e.AnonType != nil {
		if e.AnonType.Simple {
			r := p.simpleRef(e.AnonType, owner.name+fieldName, e.Pos)
			return &r, nil
		}
		name := owner.name + fieldName
		at := &goType{name: name, kind: kStruct, pos: e.Pos, doc: e.Doc, xsdType: e.AnonType, anon: true,
			comment: fmt.Sprintf("anonymous complexType of element %s in %s", p.prefixed(e.Name), owner.name)}
		at.name = p.claimNumbered(name, e.Pos)
		p.add(at)
		return nil, at
	}
	if e.Type.Local == "" || xsd.IsBuiltin(e.Type) && e.Type.Local == "anyType" {
		return nil, nil // any content
	}
	if xsd.IsBuiltin(e.Type) {
		r := p.builtinRef(e.Type)
		return &r, nil
	}
	t := p.set.Types[e.Type]
	gt := p.byType[t]
	if gt == nil {
		r := valueRef{b: bString}
		return &r, nil
	}
	switch gt.kind {
	case kStruct, kIface:
		return nil, gt
	}
	r := valueRef{named: gt}
	return &r, nil
}

func (p *plan) addField(gt *goType, f *field, used map[string]bool) {
	if f.xname.Local != "" {
		for _, o := range gt.byXName[f.xname] {
			if o.iface == f.iface && o.ct == f.ct && sameVal(o.val, f.val) {
				o.repeated = o.repeated || f.repeated
				return
			}
		}
	}
	bytes := itemCost + nameCost*(len(f.name)+len(f.xname.Local)) + len(f.doc)
	if f.nillable {
		bytes += nillCost
	}
	if !p.spend(1, gt.pos, bytes) {
		return
	}
	base := f.name
	if used[f.name] {
		if gt.nextSuffix == nil {
			gt.nextSuffix = map[string]int{}
		}
		i := max(gt.nextSuffix[base], 2)
		for f.name = fmt.Sprintf("%s%d", base, i); used[f.name]; i++ {
			f.name = fmt.Sprintf("%s%d", base, i+1)
		}
		gt.nextSuffix[base] = i + 1
	}
	used[f.name] = true
	if f.xname.Local != "" {
		if gt.byXName == nil {
			gt.byXName = map[xml.Name][]*field{}
		}
		gt.byXName[f.xname] = append(gt.byXName[f.xname], f)
	}
	gt.fields = append(gt.fields, f)
}

func sameVal(a, b *valueRef) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func (p *plan) contentFields(gt *goType, part *xsd.Particle, rep, opt bool, used map[string]bool) {
	repeated := rep || part.Max != 1
	optional := opt || part.Min == 0
	switch part.Kind {
	case xsd.PElement:
		e := part.Element
		name := goName(e.Name.Local)
		f := &field{name: name, xname: e.Name, repeated: repeated, optional: optional, nillable: e.Nillable, doc: e.Doc}
		if e.Global {
			if ig := p.subst[e]; ig != nil {
				f.iface = ig
				f.xname = xml.Name{}
				p.addField(gt, f, used)
				return
			}
		}
		val, ct := p.elemType(gt, e, name)
		switch {
		case val != nil:
			f.val = val
		case ct != nil:
			f.ct = ct
		default:
			f.any = true
			f.repeated = true
			f.name = name
			f.ct = nil
			// an element of type anyType: keep the element itself
			anyT := p.anyElementType(gt, e, name)
			f.ct = anyT
			f.any = false
			f.repeated = repeated
		}
		p.addField(gt, f, used)
	case xsd.PSequence, xsd.PAll:
		for _, c := range part.Children {
			p.contentFields(gt, c, repeated, optional, used)
		}
	case xsd.PChoice:
		if !repeated {
			for _, c := range part.Children {
				p.contentFields(gt, c, false, true, used)
			}
			return
		}
		p.choiceField(gt, part, optional, used)
	case xsd.PAny:
		name := "Any"
		f := &field{name: name, any: true, repeated: repeated, optional: optional}
		p.addField(gt, f, used)
	}
}

// anyElementType makes a struct type holding arbitrary content for an
// element declared without a type (xs:anyType).
func (p *plan) anyElementType(owner *goType, e *xsd.Element, fieldName string) *goType {
	name := owner.name + fieldName
	at := &goType{name: name, kind: kStruct, pos: e.Pos, planned: true, anyAttr: true,
		comment:    fmt.Sprintf("content of element %s in %s (any content)", p.prefixed(e.Name), owner.name),
		anyContent: true, anon: true}
	at.name = p.claimNumbered(name, e.Pos)
	return p.add(at)
}

// planNillable marks the struct types of nillable elements, which get an
// XSINil field, and gives simple nillable elements a "<Field>Nil" field.
func (p *plan) planNillable() {
	for _, t := range p.types {
		if t.kind != kStruct {
			continue
		}
		var names map[string]bool // field names, made when needed
		for _, f := range t.fields {
			if !f.nillable {
				continue
			}
			switch {
			case f.ct != nil && f.ct.kind == kStruct:
				f.ct.nillable = true
			case f.ct != nil && f.ct.kind == kElemOf:
				f.ct.of.nillable = true
			case f.val != nil && !f.repeated:
				if names == nil {
					names = make(map[string]bool, len(t.fields))
					for _, o := range t.fields {
						names[o.name] = true
					}
				}
				name := f.name + "Nil"
				for names[name] {
					name += "_"
				}
				f.nilField = name
			}
		}
	}
}
