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
	// Warnings are problems that did not stop loading (a port naming an
	// unknown binding, an HTTP binding ignored, a DOCTYPE internal subset
	// ignored, an xgen cross-check disagreement), sorted by position.
	Warnings []*Error
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

	// Redefined marks the original of a type that an xs:redefine
	// replaces. The redefinition takes the original's name and derives
	// from it (its Base is this type); the original is renamed
	// {namespace}Local + ".redefined" (numbered when that is taken),
	// a name that does not occur on the wire.
	Redefined bool

	// SOAPArrayItem is the item type of a SOAP-encoded array: a complex
	// type declared as a restriction of soapenc:Array with a wsdl:arrayType
	// (T[]). Such a type has no Base; its Content is the restriction's
	// content model, or a sequence of unqualified item elements of type T.
	SOAPArrayItem xml.Name
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
	// Raw marks the one element the loader makes up: {NSXSD}schema, the
	// target of ref="xs:schema" (a .NET DataSet carries its schema in
	// the message). Its content is any XML, to be kept as raw XML; its
	// Pos is the first reference and Type is xs:anyType.
	Raw bool
	// EncodingStyle is set on the wrapper elements the generator declares
	// for rpc/encoded operations (SOAP 1.1 section 7 with section 5
	// encoding): the encodingStyle URI the wrapper carries. Its children
	// (the parts) then carry xsi:type. The loader never sets it.
	EncodingStyle string
	// Parts is set on the elements the generator declares for the body of
	// a document-style message of several parts: its children are the
	// parts' elements, which are the children of the SOAP Body; the
	// element itself is not on the wire. The loader never sets it.
	Parts bool
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

// NSWSDLSOAP12 is the namespace of the WSDL 1.1 SOAP 1.2 binding extension.
const NSWSDLSOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"

// SOAPVersion is the SOAP version of a binding: the namespace of its
// soap:binding element.
type SOAPVersion int

// The SOAP versions of a binding.
const (
	SOAP11 SOAPVersion = 11 // binding namespace NSWSDLSOAP
	SOAP12 SOAPVersion = 12 // binding namespace NSWSDLSOAP12
)

func (v SOAPVersion) String() string {
	switch v {
	case SOAP11:
		return "SOAP 1.1"
	case SOAP12:
		return "SOAP 1.2"
	}
	return fmt.Sprintf("SOAPVersion(%d)", int(v))
}

// WSDL is a WSDL 1.1 description, with the WSDL files it imports merged in:
// every portType, every SOAP 1.1 and SOAP 1.2 binding and every port.
//
// PortType, Binding and Operations are the default choice: the first
// portType (document order, the importing file first) with a SOAP 1.1
// binding and its first SOAP 1.1 binding; without any SOAP 1.1 binding, the
// first with a SOAP 1.2 binding. Consumers that handle several bindings
// read Bindings.
type WSDL struct {
	Path            string
	Pos             Pos
	Name            string
	TargetNamespace string
	Doc             string                // wsdl:documentation of wsdl:definitions
	Imports         []string              // paths of the WSDL files imported (transitively), in load order
	Messages        map[xml.Name]*Message // by qualified message name (the declaring file's targetNamespace)
	PortTypes       []*PortType           // every portType, in document order, importing file first
	Bindings        []*Binding            // every SOAP 1.1 and SOAP 1.2 binding, in document order, importing file first
	PortType        xml.Name              // the default portType (see above); zero when there is no SOAP binding
	Binding         xml.Name              // the default binding
	Operations      []*Operation          // the default binding's operations (== that Binding.Operations)
	Services        []*Service            // every port of a SOAP binding that has a soap:address, in document order; may be empty
}

// PortType is a wsdl:portType: the abstract operations.
type PortType struct {
	Name       xml.Name
	Pos        Pos
	Doc        string
	Operations []*PortTypeOperation // in document order
}

// PortTypeOperation is an operation of a portType, before binding.
// Request-response and one-way operations are loaded; notification and
// solicit-response operations (output first) are dropped with a warning.
type PortTypeOperation struct {
	Name   string
	Pos    Pos
	Doc    string
	Input  *Message // the wsdl:input message
	Output *Message // nil for a one-way operation
	Faults []*Fault // Use and Namespace are empty here
}

// Binding is a wsdl:binding with a SOAP 1.1 or SOAP 1.2 soap:binding.
// Bindings of other kinds (HTTP, MIME alone) are not in the model; a
// warning names each.
type Binding struct {
	Name        xml.Name
	Pos         Pos
	Doc         string
	PortType    xml.Name
	SOAPVersion SOAPVersion
	Transport   string       // soap:binding/@transport as written (HTTP: http://schemas.xmlsoap.org/soap/http)
	Style       string       // soap:binding/@style, "document" when absent
	Operations  []*Operation // one per portType operation, in portType order
}

// Message is a wsdl:message. A message may have no parts.
type Message struct {
	Name  xml.Name
	Pos   Pos
	Doc   string
	Parts []*Part
}

// Part is a wsdl:part: exactly one of Element (element= part, document
// style) and Type (type= part, rpc style) is set.
type Part struct {
	Name    string
	Pos     Pos
	Element xml.Name
	Type    xml.Name // may be an XSD built-in such as {NSXSD}string
}

// Operation joins a portType operation with a SOAP binding operation.
type Operation struct {
	Name        string
	Pos         Pos // of the portType operation
	Doc         string
	PortType    xml.Name
	Binding     xml.Name
	SOAPVersion SOAPVersion
	Action      string // soap:operation/@soapAction ("" when absent)
	Style       string // soap:operation/@style, else the binding's, else "document"; "document" or "rpc"
	Input       *IO
	Output      *IO // nil for a one-way operation
	Faults      []*Fault
}

// IO is the input or output of an operation as bound by SOAP.
type IO struct {
	Name          string   // wsdl:input/@name or wsdl:output/@name of the portType operation
	Message       xml.Name // the wsdl:message
	Body          []*Part  // the parts bound to soap:body (all parts when soap:body has no parts attribute); may be empty
	Use           string   // soap:body/@use: "literal" (also when absent) or "encoded"
	Namespace     string   // soap:body/@namespace (rpc style: the wrapper element's namespace)
	EncodingStyle string   // soap:body/@encodingStyle, as written
	Headers       []*Header
}

// Header is one soap:header binding of an input or output; a repeated
// message/part pair is dropped (the first kept).
type Header struct {
	Pos           Pos
	Message       xml.Name
	Part          string
	Element       xml.Name // the part's element (zero for a type= part)
	Type          xml.Name // the part's type (zero for an element= part)
	Use           string   // "literal" (also when absent) or "encoded"
	Namespace     string
	EncodingStyle string
}

// Fault is a wsdl:fault of an operation, with its soap:fault when bound.
type Fault struct {
	Name      string
	Pos       Pos
	Message   xml.Name
	Element   xml.Name // the element of the fault message's first part (zero for a type= part)
	Type      xml.Name // the type of the fault message's first part, when it is a type= part
	Use       string   // soap:fault/@use: "literal" (also when absent or unbound) or "encoded"
	Namespace string   // soap:fault/@namespace
}

// Service is one wsdl:port of a wsdl:service whose binding is a SOAP
// binding of the model and that has a soap:address (SOAP 1.1 or 1.2).
type Service struct {
	Name        string
	Port        string
	Address     string
	Pos         Pos
	Binding     xml.Name
	SOAPVersion SOAPVersion
}

// Error is one problem found while loading, with a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }
