package xsd

import (
	"encoding/xml"
	"fmt"
)

// Well-known namespace URIs.
const (
	NSXSD      = "http://www.w3.org/2001/XMLSchema"
	NSXSI      = "http://www.w3.org/2001/XMLSchema-instance"
	NSXML      = "http://www.w3.org/XML/1998/namespace"
	NSWSDL     = "http://schemas.xmlsoap.org/wsdl/"
	NSWSDLSOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
)

// Unbounded is the value of Particle.Max for maxOccurs="unbounded".
const Unbounded = -1

// Pos is a position in an input file. Line and Col are 1-based.
type Pos struct {
	File string // path as given to Load (or resolved from schemaLocation), slash-separated
	Line int
	Col  int
}

// String returns "file:line:col", or just "file" when Line is 0 (a problem
// with the file as a whole, or a built-in declaration).
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Set is a fully loaded and resolved collection of schemas (and optionally one WSDL).
// Every reference is an xml.Name; every reference has been checked to resolve
// (to a component of the Set or to an XSD built-in type).
type Set struct {
	Files           []*File                      // every file loaded, in load order (WSDL first when given)
	Types           map[xml.Name]*Type           // named global simple and complex types (built-ins excluded)
	Elements        map[xml.Name]*Element        // global element declarations
	Attributes      map[xml.Name]*Attribute      // global attribute declarations (includes built-in xml:lang, xml:space, xml:base, xml:id)
	Groups          map[xml.Name]*Group          // named model groups (already inlined where referenced)
	AttributeGroups map[xml.Name]*AttributeGroup // named attribute groups (already expanded where referenced)
	Substitutions   map[xml.Name][]*Element      // head element name -> its direct substitution-group members, sorted by Name
	WSDL            *WSDL                        // nil when only XSD files were loaded
}

// File is one loaded input file.
type File struct {
	Path            string // slash-separated, as given or resolved relative to the importing file
	Kind            string // "wsdl" or "xsd"
	TargetNamespace string
	SHA256          string // hex sha256 of the file's bytes
	// XgenSkipped, when not empty, says why the file's simple types were
	// not cross-checked with xgen (it is larger than Limits.XgenBytes).
	XgenSkipped string
	Version     string // xs:schema/@version, if any
}

// Derivation says how a complex type is derived from its base.
type Derivation int

const (
	DerivNone Derivation = iota
	DerivExtension
	DerivRestriction
)

// Variety is the variety of a simple type.
type Variety int

const (
	VarietyAtomic Variety = iota
	VarietyList
	VarietyUnion
)

// Type is a simple or complex type definition, named or anonymous.
type Type struct {
	Name     xml.Name // zero Local for an anonymous type
	Pos      Pos
	Doc      string // xs:annotation/xs:documentation text, trimmed; "" if none
	Simple   bool
	Abstract bool
	Final    string
	Block    string

	// Complex types.
	Derivation    Derivation
	Base          xml.Name // base type for complex derivation, or the restricted base of a simple type (may be an XSD built-in)
	SimpleContent bool     // xs:simpleContent: text of type Base (after restriction) plus attributes
	Mixed         bool
	Content       *Particle       // the content model declared in THIS type (for extension, only the added part); nil when empty
	Attributes    []*AttributeUse // declared in THIS type, attribute groups expanded in place, in document order
	AnyAttribute  *Wildcard

	// Simple types (and the simple-content restriction facets of complex types).
	Variety     Variety
	ItemType    xml.Name   // list item type, when named
	ItemAnon    *Type      // list item type, when anonymous
	MemberTypes []xml.Name // union member types named in memberTypes
	MemberAnon  []*Type    // anonymous union member types, in document order
	BaseAnon    *Type      // anonymous simple base of a restriction (<xs:restriction><xs:simpleType>…)
	Facets      Facets
}

// Facets of a simple type restriction.
type Facets struct {
	Enumerations   []Enumeration
	Patterns       []string
	Length         *int
	MinLength      *int
	MaxLength      *int
	MinInclusive   *string
	MaxInclusive   *string
	MinExclusive   *string
	MaxExclusive   *string
	TotalDigits    *int
	FractionDigits *int
	WhiteSpace     string
}

// Enumeration is one xs:enumeration facet.
type Enumeration struct {
	Value string
	Doc   string
	Pos   Pos
}

// ParticleKind is the kind of a content-model particle.
type ParticleKind int

const (
	PElement ParticleKind = iota
	PSequence
	PChoice
	PAll
	PAny
)

// Particle is a node of a content model. Group references are inlined: a
// reference to a named xs:group becomes the group's model group particle
// (sequence/choice/all) with the reference's occurrence bounds and Group set.
type Particle struct {
	Kind     ParticleKind
	Min      int // minOccurs
	Max      int // maxOccurs; Unbounded for "unbounded"
	Pos      Pos
	Element  *Element    // PElement: a local declaration, or for a ref the global *Element itself (Ref true)
	Ref      bool        // PElement: true if declared with ref="…"
	Children []*Particle // PSequence, PChoice, PAll
	Group    xml.Name    // set when this particle came from <xs:group ref="…">
	Any      *Wildcard   // PAny
}

// Element is an element declaration (global or local).
type Element struct {
	Name              xml.Name // qualified according to form/elementFormDefault (Space "" when unqualified)
	Pos               Pos
	Doc               string
	Global            bool
	Type              xml.Name // named type (may be an XSD built-in such as {NSXSD}string); zero when AnonType is set or no type (anyType)
	AnonType          *Type
	Nillable          bool
	Abstract          bool
	Default           *string
	Fixed             *string
	SubstitutionGroup xml.Name // head of the substitution group, if any
}

// Use is the use of an attribute.
type Use int

const (
	UseOptional Use = iota
	UseRequired
	UseProhibited
)

// Attribute is a global attribute declaration.
type Attribute struct {
	Name     xml.Name
	Pos      Pos
	Doc      string
	Type     xml.Name
	AnonType *Type
	Default  *string
	Fixed    *string
}

// AttributeUse is an attribute as used in a complex type.
type AttributeUse struct {
	Name     xml.Name // qualified only when form is qualified or it references a global attribute
	Pos      Pos
	Doc      string
	Ref      bool     // declared with ref="…" (e.g. xml:lang)
	Type     xml.Name // zero when AnonType is set (then it is anySimpleType if both are zero)
	AnonType *Type
	Use      Use
	Default  *string
	Fixed    *string
	Group    xml.Name // set when it came from an attributeGroup reference
}

// Wildcard is xs:any or xs:anyAttribute.
type Wildcard struct {
	Pos             Pos
	Namespace       string // as written: "##any", "##other", a list…; "##any" when absent
	ProcessContents string // "strict" (default), "lax" or "skip"
	TargetNamespace string // the target namespace of the schema declaring it (for ##other/##targetNamespace)
}

// Group is a named model group.
type Group struct {
	Name    xml.Name
	Pos     Pos
	Doc     string
	Content *Particle
}

// AttributeGroup is a named attribute group.
type AttributeGroup struct {
	Name         xml.Name
	Pos          Pos
	Doc          string
	Attributes   []*AttributeUse
	AnyAttribute *Wildcard
}

// WSDL is a WSDL 1.1 description with a SOAP 1.1 binding.
type WSDL struct {
	Path            string
	Pos             Pos
	Name            string
	TargetNamespace string
	Messages        map[xml.Name]*Message // by qualified message name
	PortType        xml.Name
	Binding         xml.Name
	Operations      []*Operation // in portType document order
	Services        []*Service   // may be empty (EWS Online has no wsdl:service)
}

// Message is a wsdl:message.
type Message struct {
	Name  xml.Name
	Pos   Pos
	Parts []*Part
}

// Part is a wsdl:part. EWS uses element parts only; Type is set for type= parts.
type Part struct {
	Name    string
	Pos     Pos
	Element xml.Name
	Type    xml.Name
}

// Operation joins a portType operation with its SOAP binding.
type Operation struct {
	Name   string
	Pos    Pos
	Doc    string
	Action string // soap:operation/@soapAction
	Style  string // "document" unless the binding says otherwise
	Input  *IO
	Output *IO
	Faults []*Fault
}

// IO is the input or output of an operation as bound by SOAP.
type IO struct {
	Message xml.Name // the wsdl:message
	Body    []*Part  // the parts bound to soap:body (all parts when soap:body has no parts attribute)
	Headers []*Header
}

// Header is one soap:header binding; duplicates in the binding are dropped (first kept).
type Header struct {
	Pos     Pos
	Message xml.Name
	Part    string
	Element xml.Name // the part's element
}

// Fault is a wsdl:fault of an operation.
type Fault struct {
	Name    string
	Pos     Pos
	Message xml.Name
	Element xml.Name
}

// Service is a wsdl:service port address.
type Service struct {
	Name    string
	Port    string
	Address string
	Pos     Pos
}

// Error is one problem found while loading, with a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }
