package generator

import (
	"encoding/xml"
	"fmt"
	"sort"
	"strings"

	"github.com/ewsgen/ewsgen/xsd"
)

// kind is the shape of a generated Go declaration.
type kind int

const (
	kStruct kind = iota // struct with attribute, element and text fields
	kSimple             // defined type over a builtin or another simple type (enums, unions, restrictions)
	kList               // xs:list: slice of the item type
	kElemOf             // global element (or choice alternative) over a named struct type: type E T
	kBox                // struct{ Value V } for an element whose content is not a struct (choice alternatives)
	kAlias              // type E = I, for an element whose type is an interface
	kIface              // sealed interface: abstract type, substitution group or repeating choice
)

// builtin is the Go representation of an XSD built-in simple type.
type builtin int

const (
	bString builtin = iota
	bBool
	bInt8
	bInt16
	bInt32
	bInt64
	bUint8
	bUint16
	bUint32
	bUint64
	bFloat32
	bFloat64
	bBase64
	bHex
	bDateTime
	bDate
	bTime
	bDuration
	bDecimal
	bQName
)

// xsdBuiltins maps XSD built-in type local names to Go representations.
var xsdBuiltins = map[string]builtin{
	"string": bString, "normalizedString": bString, "token": bString, "language": bString,
	"Name": bString, "NCName": bString, "NMTOKEN": bString, "NMTOKENS": bString, "ID": bString,
	"IDREF": bString, "IDREFS": bString, "ENTITY": bString, "ENTITIES": bString, "anyURI": bString,
	"NOTATION": bString, "anySimpleType": bString, "gYear": bString, "gYearMonth": bString,
	"gMonth": bString, "gMonthDay": bString, "gDay": bString,
	"boolean": bBool,
	"byte":    bInt8, "short": bInt16, "int": bInt32, "long": bInt64,
	"integer": bInt64, "nonNegativeInteger": bInt64, "positiveInteger": bInt64,
	"nonPositiveInteger": bInt64, "negativeInteger": bInt64,
	"unsignedByte": bUint8, "unsignedShort": bUint16, "unsignedInt": bUint32, "unsignedLong": bUint64,
	"float": bFloat32, "double": bFloat64,
	"base64Binary": bBase64, "hexBinary": bHex,
	"dateTime": bDateTime, "date": bDate, "time": bTime, "duration": bDuration,
	"decimal": bDecimal, "QName": bQName,
}

// valueRef is the Go type of a simple value: a builtin, or a named simple
// Go type (kSimple or kList).
type valueRef struct {
	b     builtin
	named *goType
	xs    string // local name of the XSD built-in type b stands for, when known
}

// root returns the builtin at the bottom of the reference.
func (v valueRef) root() builtin {
	for v.named != nil && v.named.kind == kSimple {
		v = v.named.base
	}
	return v.b
}

// alt is one alternative of a choice or substitution-group interface.
type alt struct {
	name xml.Name // element name written and read
	t    *goType  // Go type of the value
	xsi  bool     // written with xsi:type (abstract-type interfaces)
}

type enumConst struct {
	name  string
	value string
	doc   string
}

// goType is one planned Go declaration.
type goType struct {
	name    string
	kind    kind
	pos     xsd.Pos
	doc     string
	comment string // one-line description: "complexType t:ItemType"

	xsdType *xsd.Type    // the schema type it came from, if any
	elem    *xsd.Element // the global element it stands for, if any

	// kStruct
	attrs    []*attrField
	fields   []*field
	text     *valueRef // simple content
	textName string
	anyAttr  bool

	// kSimple / kList / kBox / kAlias / kElemOf
	base  valueRef // kSimple: underlying; kList: item; kBox: value (when not of)
	of    *goType  // kElemOf: the struct type; kAlias: the interface; kBox: struct/iface type of Value
	enums []enumConst

	// kIface
	alts []alt

	implements []*goType // interfaces this type satisfies (marker methods)

	// kStruct of a non-abstract base with derived types (derived.go): the
	// interface of the derived values and the name of the field holding one.
	derived      *goType
	derivedField string

	// kBox of the xs:any alternative of a repeating choice (alt.name is
	// empty): an XSAnyElement.
	wild bool

	rootName xml.Name // element name when used as a document root (global elements)
	planned  bool
	nillable bool // some nillable element has this type: it carries XSINil
	// anyContent: an element of type xs:anyType; the struct keeps its
	// attributes and its mixed content (text and elements) as read.
	anyContent bool

	byXName    map[xml.Name][]*field // fields by element name, for addField
	nextSuffix map[string]int        // next number for a taken field name
}

type attrField struct {
	name     string
	xname    xml.Name
	val      valueRef
	required bool
	def      *string
	fixed    *string
	doc      string
}

type field struct {
	name     string
	xname    xml.Name // element name (not for choices/any)
	repeated bool
	optional bool
	nillable bool
	val      *valueRef // simple element
	ct       *goType   // struct (kStruct, kElemOf) or interface (abstract type) element type
	iface    *goType   // choice or substitution-group interface
	any      bool      // xs:any
	doc      string
	nilField string // simple nillable element: name of its "sent as xsi:nil" bool field
}

// plan is the whole planned package.
type plan struct {
	cfg   Config
	set   *xsd.Set
	types []*goType // every declaration in claim order

	byType  map[*xsd.Type]*goType
	byElem  map[*xsd.Element]*goType // global element declarations
	subst   map[*xsd.Element]*goType // substitution heads -> interface
	names   map[string]xsd.Pos
	nsList  []string       // namespace table: index 0 is ""
	nsIndex map[string]int // URI -> index
	errs    []error
	ops     []*xsd.Operation

	items     int                       // planned fields, attributes, constants and alternatives
	estimate  int64                     // estimated bytes of generated code
	over      bool                      // a limit was passed: planning stopped
	maxChain  int                       // longest derivation chain the loader lets through, plus one
	derived   map[*xsd.Type][]*xsd.Type // named types by their base
	constNext map[string]int            // next number to try after a taken constant name
}

// Estimated bytes of generated code, used to refuse an input before
// rendering it (rendering takes about 45 bytes of memory per byte of
// output): a declaration costs declCost plus nameCost times its name, a
// field or alternative itemCost (plus nillCost when nillable) plus
// nameCost times its names, an
// enumeration constant constCost plus twice its value, and documentation
// its length.
const (
	declCost  = 700
	itemCost  = 300
	nillCost  = 350 // more for a nillable element
	constCost = 30
	nameCost  = 4
)

// spend counts n planned items of an estimated size of bytes against
// cfg.MaxItems and cfg.MaxOutputBytes; it reports false (and records the
// error once, at pos) when a limit is passed.
func (p *plan) spend(n int, pos xsd.Pos, bytes int) bool {
	if p.over {
		return false
	}
	p.items += n
	if p.cfg.MaxItems > 0 && p.items > p.cfg.MaxItems {
		p.over = true
		p.errorf(pos, "the generated package would hold more than %d struct fields, enumeration constants and interface implementations (raise the limit with --max-items)", p.cfg.MaxItems)
		return false
	}
	return p.cost(pos, int64(bytes))
}

// cost adds bytes to the estimated output size.
func (p *plan) cost(pos xsd.Pos, bytes int64) bool {
	if p.over {
		return false
	}
	p.estimate += bytes
	if p.cfg.MaxOutputBytes > 0 && p.estimate > p.cfg.MaxOutputBytes {
		p.over = true
		p.errorf(pos, "the generated files would be larger than %d bytes (raise the limit with --max-output-bytes)", p.cfg.MaxOutputBytes)
		return false
	}
	return true
}

func (p *plan) errorf(pos xsd.Pos, format string, args ...any) {
	p.errs = append(p.errs, &xsd.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// claim reserves a package-level Go identifier.
func (p *plan) claim(name string, pos xsd.Pos) bool {
	if _, taken := p.names[name]; taken {
		return false
	}
	p.names[name] = pos
	return true
}

func (p *plan) collision(name string, pos xsd.Pos, what string) {
	first := p.names[name]
	if first.File == "" {
		p.errorf(pos, "Go name %s of %s collides with a name the generated package reserves; pin another with a rename", name, what)
		return
	}
	p.errorf(pos, "Go name %s of %s collides with the declaration at %s; pin another with a rename", name, what, first)
}

func qkey(n xml.Name) string { return "{" + n.Space + "}" + n.Local }

// rename returns the pinned Go name for a schema name, if any.
func (p *plan) rename(n xml.Name) (string, bool) {
	if p.cfg.Renames == nil {
		return "", false
	}
	if v, ok := p.cfg.Renames[qkey(n)]; ok {
		return v, true
	}
	v, ok := p.cfg.Renames[n.Local]
	return v, ok
}

func (p *plan) add(t *goType) *goType {
	p.types = append(p.types, t)
	p.cost(t.pos, declCost+nameCost*int64(len(t.name))+int64(len(t.doc)))
	return t
}

func (p *plan) ns(uri string) int {
	if i, ok := p.nsIndex[uri]; ok {
		return i
	}
	p.nsIndex[uri] = len(p.nsList)
	p.nsList = append(p.nsList, uri)
	return len(p.nsList) - 1
}

func sortedNames[T any](m map[xml.Name]T) []xml.Name {
	keys := make([]xml.Name, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].Space != keys[j].Space {
			return keys[i].Space < keys[j].Space
		}
		return keys[i].Local < keys[j].Local
	})
	return keys
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

// buildPlan names every declaration and computes every struct's fields.
func buildPlan(cfg Config, set *xsd.Set) (*plan, error) {
	p := &plan{
		cfg: cfg, set: set,
		byType:  map[*xsd.Type]*goType{},
		byElem:  map[*xsd.Element]*goType{},
		subst:   map[*xsd.Element]*goType{},
		names:   map[string]xsd.Pos{},
		nsIndex: map[string]int{},

		maxChain:  cfg.Limits.WithDefaults().DerivationDepth + 1,
		constNext: map[string]int{},
	}
	p.ns("")
	for _, n := range reservedNames() {
		p.names[n] = xsd.Pos{}
	}
	if p.isEWS() {
		for _, n := range ewsHelperNames() {
			p.names[n] = xsd.Pos{}
		}
	}
	if set.WSDL != nil {
		p.ops = append(p.ops, set.WSDL.Operations...)
	}

	// Pass 1: named types, named first (naming rule 2).
	typeNames := p.nameTypes()
	for _, qn := range sortedNames(set.Types) {
		t := set.Types[qn]
		name, ok := typeNames[t]
		if !ok {
			continue // a pinned name collided: reported
		}
		what := "complexType"
		if t.Simple {
			what = "simpleType"
		}
		gt := &goType{name: name, pos: t.Pos, doc: t.Doc, xsdType: t, comment: fmt.Sprintf("%s %s", what, p.prefixed(qn))}
		switch {
		case t.Simple:
			gt.kind = kSimple
		case t.Abstract:
			gt.kind = kIface
		default:
			gt.kind = kStruct
		}
		p.byType[t] = p.add(gt)
	}
	// Pass 2: global elements.
	for _, qn := range sortedNames(set.Elements) {
		e := set.Elements[qn]
		p.planElementDecl(e)
	}
	// Pass 3: fill simple types, then structs (which may synthesize more types).
	for _, qn := range sortedNames(set.Types) {
		if gt := p.byType[set.Types[qn]]; gt != nil && gt.kind == kSimple {
			p.fillSimple(gt, gt.xsdType)
		}
	}
	for _, qn := range sortedNames(set.Elements) {
		if p.over {
			break
		}
		p.fillElementDecl(set.Elements[qn])
	}
	for _, qn := range sortedNames(set.Types) {
		if p.over {
			break
		}
		if gt := p.byType[set.Types[qn]]; gt != nil {
			switch gt.kind {
			case kStruct:
				p.fillStruct(gt, gt.xsdType)
			case kIface:
				p.fillAbstract(gt, gt.xsdType)
			}
		}
	}
	// Anonymous struct types created while filling are filled in turn.
	for i := 0; i < len(p.types) && !p.over; i++ {
		gt := p.types[i]
		if gt.kind == kStruct && !gt.planned && gt.xsdType != nil {
			p.fillStruct(gt, gt.xsdType)
		}
	}
	if !p.over {
		p.planDerived()
		p.planNillable()
		p.planEnumConsts()
	}
	if len(p.errs) > 0 {
		return nil, sortErrors(p.errs)
	}
	return p, nil
}

func (p *plan) prefixed(n xml.Name) string {
	switch n.Space {
	case nsMessages:
		return "m:" + n.Local
	case nsTypes:
		return "t:" + n.Local
	}
	return n.Local
}

// Well-known EWS namespaces, used only for prefixes and comments.
const (
	nsMessages = "http://schemas.microsoft.com/exchange/services/2006/messages"
	nsTypes    = "http://schemas.microsoft.com/exchange/services/2006/types"
	nsSOAP     = "http://schemas.xmlsoap.org/soap/envelope/"
)

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
func (p *plan) fillElementDecl(e *xsd.Element) {
	gt := p.byElem[e]
	if gt == nil {
		return
	}
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
		gt := &goType{name: name, kind: kSimple, pos: t.Pos, doc: t.Doc, xsdType: t, comment: "anonymous simpleType"}
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
		at := &goType{name: name, kind: kStruct, pos: e.Pos, doc: e.Doc, xsdType: e.AnonType,
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
		anyContent: true}
	at.name = p.claimNumbered(name, e.Pos)
	return p.add(at)
}

// choiceField makes a slice field of a sealed interface for a repeating
// choice, keeping document order of heterogeneous items.
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

// planEnumConsts names enumeration constants (rule 3).
func (p *plan) planEnumConsts() {
	for _, gt := range p.types {
		if len(gt.enums) == 0 {
			continue
		}
		prefix := constPrefix(gt.name)
		// Use the short prefix only when every constant of the type is free.
		short := true
		for _, en := range gt.enums {
			if _, taken := p.names[prefix+goName(en.value)]; taken {
				short = false
				break
			}
		}
		if !short {
			prefix = gt.name
		}
		local := map[string]bool{}
		for i := range gt.enums {
			en := &gt.enums[i]
			base := prefix + goName(en.value)
			if strings.Trim(en.value, " ") == "" {
				base = prefix + "Empty"
			}
			name := base
			for n := max(p.constNext[base], 2); local[name] || !p.claimConst(name); n++ {
				name = fmt.Sprintf("%s%d", base, n)
				p.constNext[base] = n + 1
			}
			local[name] = true
			en.name = name
		}
	}
}

func (p *plan) claimConst(name string) bool {
	if _, taken := p.names[name]; taken {
		return false
	}
	p.names[name] = xsd.Pos{}
	return true
}

func sortErrors(errs []error) error {
	sort.SliceStable(errs, func(i, j int) bool {
		a, aok := errs[i].(*xsd.Error)
		b, bok := errs[j].(*xsd.Error)
		if !aok || !bok {
			return aok && !bok
		}
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Pos.Col < b.Pos.Col
	})
	return joinErrors(errs)
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
