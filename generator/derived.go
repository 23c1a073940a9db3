package generator

import (
	"fmt"
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/xsd"
)

// Values of derived types where a non-abstract base type is declared.
//
// An element declared with a complex type B may carry, in an instance, a
// value of any type derived from B, named with xsi:type. When B is
// abstract its Go form is already an interface (fillAbstract). When B is
// not abstract, its Go form stays the struct B (so that the common case, a
// B, reads and writes as before) and planDerived adds to B a field
//
//	Derived BDerived // a value of a type derived from B
//
// of a sealed interface implemented by every non-abstract complex type
// derived from B, directly or not. Decoding an element of type B whose
// xsi:type names one of them fills Derived with that value and nothing
// else; encoding a B whose Derived is set writes the derived value, with
// its own xsi:type, instead of B's fields.
//
// The EWS profile leaves this out: Exchange does not send xsi:type on
// elements of concrete types, and the generated EWS API stays as it was.

// buildDerived indexes the named types by their base, once.
func (p *plan) buildDerived() {
	if p.derived != nil {
		return
	}
	p.derived = map[*xsd.Type][]*xsd.Type{}
	for _, qn := range sortedNames(p.set.Types) {
		d := p.set.Types[qn]
		if d.Derivation == xsd.DerivNone || d.Base.Local == "" || xsd.IsBuiltin(d.Base) {
			continue
		}
		if b := p.set.Types[d.Base]; b != nil {
			p.derived[b] = append(p.derived[b], d)
		}
	}
}

// structsBelow returns the struct declarations of the non-abstract complex
// types derived from t, directly or not, sorted by namespace and name.
func (p *plan) structsBelow(t *xsd.Type) []*goType {
	p.buildDerived()
	var below []*xsd.Type
	seen := map[*xsd.Type]bool{}
	var walk func(b *xsd.Type, depth int)
	walk = func(b *xsd.Type, depth int) {
		if depth > p.maxChain {
			return
		}
		for _, d := range p.derived[b] {
			if !seen[d] {
				seen[d] = true
				below = append(below, d)
				walk(d, depth+1)
			}
		}
	}
	walk(t, 1)
	sort.Slice(below, func(i, j int) bool {
		a, b := below[i].Name, below[j].Name
		if a.Space != b.Space {
			return a.Space < b.Space
		}
		return a.Local < b.Local
	})
	var out []*goType
	for _, d := range below {
		if d.Simple || d.Abstract {
			continue
		}
		if dg := p.byType[d]; dg != nil && dg.kind == kStruct {
			out = append(out, dg)
		}
	}
	return out
}

// planDerived adds the Derived field and its interface to every
// non-abstract named complex type with derived complex types (see above).
func (p *plan) planDerived() {
	if p.cfg.Profile == "ews" {
		return
	}
	for _, gt := range append([]*goType(nil), p.types...) {
		if p.over {
			return
		}
		if gt.kind != kStruct || !hasXSIType(gt) || gt.xsdType.Abstract || gt.anyContent || p.byType[gt.xsdType] != gt {
			continue
		}
		below := p.structsBelow(gt.xsdType)
		if len(below) == 0 {
			continue
		}
		ig := &goType{name: p.claimNumbered(gt.name+"Derived", gt.pos), kind: kIface, pos: gt.pos,
			comment: fmt.Sprintf("a value of a type derived from %s, written with its own xsi:type", gt.name)}
		p.add(ig)
		for _, dg := range below {
			if !p.spend(1, dg.pos, itemCost+nameCost*len(dg.name)) {
				return
			}
			ig.alts = append(ig.alts, alt{name: dg.xsdType.Name, t: dg, xsi: true})
			dg.implements = append(dg.implements, ig)
		}
		name := "Derived"
		for taken := true; taken; {
			taken = false
			for _, f := range gt.fields {
				taken = taken || f.name == name || f.nilField == name
			}
			for _, a := range gt.attrs {
				taken = taken || a.name == name
			}
			taken = taken || gt.textName == name
			if taken {
				name += "_"
			}
		}
		gt.derived, gt.derivedField = ig, name
	}
}

// derivedEncode returns the statement that writes v.Derived instead of v
// when it is set.
func (g *emitter) derivedEncode(t *goType) jen.Code {
	if t.derived == nil || !g.kept(t.derived) {
		return jen.Null()
	}
	var cases []jen.Code
	for _, a := range t.derived.alts {
		if g.kept(a.t) {
			cases = append(cases, jen.Case(jen.Op("*").Id(a.t.name)).Block(
				jen.Id("x").Dot("encodeXML").Call(jen.Id("w"), jen.Id("ns"), jen.Id("local"), jen.True()),
				jen.Return(),
			))
		}
	}
	if len(cases) == 0 {
		return jen.Null()
	}
	return jen.Switch(jen.Id("x").Op(":=").Id("v").Dot(t.derivedField).Assert(jen.Type())).Block(cases...)
}

// derivedDecode returns the statements that decode an element whose
// xsi:type names a type derived from t into v.Derived.
func (g *emitter) derivedDecode(t *goType) []jen.Code {
	if t.derived == nil || !g.kept(t.derived) {
		return nil
	}
	var cases []jen.Code
	for _, a := range t.derived.alts {
		if g.kept(a.t) {
			cases = append(cases, jen.Case(jen.Lit(a.name.Space+" "+a.name.Local)).Block(
				jen.Id("x").Op(":=").New(jen.Id(a.t.name)),
				jen.Id("v").Dot(t.derivedField).Op("=").Id("x"),
				jen.Return(jen.Id("x").Dot("decodeXML").Call(jen.Id("d"), jen.Id("se"))),
			))
		}
	}
	if len(cases) == 0 {
		return nil
	}
	return []jen.Code{
		jen.If(jen.List(jen.Id("q"), jen.Id("ok"), jen.Err()).Op(":=").Id("xmlwXSIType").Call(jen.Id("d"), jen.Id("se"), jen.Id("nsXsi")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		).Else().If(jen.Id("ok")).Block(
			jen.Switch(jen.Id("q").Dot("Space").Op("+").Lit(" ").Op("+").Id("q").Dot("Local")).Block(cases...),
		),
	}
}
