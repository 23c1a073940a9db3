package generator

import (
	"encoding/xml"
	"fmt"
	"sort"

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
	attrs  []*attrField
	fields []*field
	text   *valueRef // simple content
	// mixedText names the string field holding the character data of
	// mixed element content ("" when the content is not mixed).
	mixedText string
	textName  string
	anyAttr   bool

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
	// anon: an anonymous type planned where it is used (merge.go).
	anon bool
	// short: for the wrapper type of a choice alternative, the name it
	// takes when no other declaration wants it (rule 6, names.go).
	short string

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
	nilField string   // simple nillable element: name of its "sent as xsi:nil" bool field
	xsiType  xml.Name // rpc/encoded part accessor: the xsi:type it is written with (encoded.go)
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
	elemDone  map[*xsd.Element]bool     // global elements whose declaration is filled
	encoded   map[*goType]string        // rpc/encoded wrappers: their encodingStyle (encoded.go)
	parts     map[*goType]bool          // bodies of several parts (xsd.Element.Parts, encoded.go)
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

// buildPlan names every declaration and computes every struct's fields.
// Its passes, in order, each complete before the next:
//
//  1. named types: their Go names (names.go: nameTypes) and kinds;
//  2. global elements: their declarations and substitution-group
//     interfaces (elements.go: planElementDecl);
//  3. shapes: simple types (simple.go), element declarations
//     (elements.go), structs and abstract interfaces (structs.go,
//     choices.go), then anonymous types made on the way;
//  4. identical anonymous types merged (merge.go: naming rule 5), derived
//     values of non-abstract bases (derived.go), nillable (structs.go:
//     planNillable), enumeration constant names (enums.go), then the
//     names of choice alternatives and choice fields (names.go: rules 6
//     and 7).
//
// Errors (collisions of pinned names, limits) are collected and returned
// sorted by position; the namespace table is filled later, before
// emission (namespaces.go).
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
		elemDone:  map[*xsd.Element]bool{},
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
		p.mergeAnonymous()
		p.planDerived()
		p.planNillable()
		p.planEnumConsts()
		p.nameAlternatives()
		p.unstutter()
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
	nsSOAPEnc  = "http://schemas.xmlsoap.org/soap/encoding/" // SOAP 1.1 section 5 encoding
)

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
