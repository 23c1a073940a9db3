// Package xsd loads a WSDL 1.1 description and the XML Schema 1.0 files it
// uses (or a set of XSD files) and resolves them into one Set: the model
// declared in model.go, shared with the code generator.
//
// # Loading
//
// Load takes either one .wsdl file, whose inline wsdl:types schemas and
// wsdl:imports are followed, or one or more .xsd files (the kind is decided
// by the root element). xs:import and xs:include are followed transitively;
// a schemaLocation is resolved relative to the file naming it, and paths are
// kept cleaned and slash-separated (as given for the arguments, joined with
// the importer's directory otherwise), so positions stay short and stable.
// An xs:include of a schema without targetNamespace is a chameleon include.
// xs:redefine is not supported. http(s) schemaLocations are fetched only
// with Options.Network; without it such an import is accepted when its
// namespace is loaded from another file.
//
// Local schemaLocations must stay inside the folder of an input file (or
// of Options.AllowPaths), after cleaning and resolving symbolic links,
// unless Options.AllowOutside; others are errors at the reference and are
// not read. Options.Limits bound input size, XML nesting and size, the
// number of global declarations, derivation chains, enumeration values and
// group expansion; passing one is an error at the position where it
// happened, and loading stops soon after. Circular type derivations (also
// through list item and union member types), group and attribute group
// references, and substitution groups are errors naming each position on
// the cycle.
//
// The XML namespace is built in: xml:lang, xml:space, xml:base and xml:id are
// global attributes of every Set (Pos.File "<builtin xml.xsd>", Line 0), and
// an xs:import of http://www.w3.org/XML/1998/namespace, with or without a
// schemaLocation, never reads a file. The XSD built-in types are not in
// Set.Types; IsBuiltin recognises them.
//
// Files are parsed with encoding/xml (UTF-8 BOM, CRLF and a missing XML
// declaration are fine) and every component records its file:line:col.
// Named simple types are also parsed by github.com/xuri/xgen and the two
// results are cross-checked; see xgen.go.
//
// # Errors
//
// Load never stops at the first problem: every problem is an *Error
// ("file:line:col: message"), and the returned error is an errors.Join of
// them sorted by position. Problems include unreadable or missing files (at
// the importing xs:import/xs:include), XML that is not well-formed,
// undeclared prefixes, unknown references (unknown type t:FooType, unknown
// element, attribute, group, attributeGroup, message, part), duplicate global
// names in a namespace, bad minOccurs/maxOccurs. At most 10,000 errors are
// kept; a last error counts the others. On error the Set is nil.
//
// # Conventions of the model
//
// Names. Every reference is an xml.Name resolved in the scope where it is
// written. Global elements, types, groups, attribute groups and attributes
// are named {targetNamespace}local. A local element's Name has Space set to
// the declaring schema's targetNamespace when it is qualified (form, else
// elementFormDefault) and "" otherwise; a local attribute likewise with
// attributeFormDefault (EWS: elements qualified, attributes unqualified, so
// local attributes have Space ""). Attributes from ref="…" carry the global
// attribute's name (xml:lang is {http://www.w3.org/XML/1998/namespace}lang).
//
// Anonymous types. An anonymous type has a zero Name and is not in
// Set.Types. It hangs off its owner: Element.AnonType (global or local
// element), Attribute.AnonType and AttributeUse.AnonType, and inside simple
// types BaseAnon, ItemAnon and MemberAnon. Its Pos is that of its
// xs:complexType/xs:simpleType element, which identifies it; pointers are
// shared where one declaration is used several times (the AnonType of an
// AttributeUse from ref="…" is the global attribute's; copies of a group's
// local elements share their AnonType), so deduplicate by pointer.
//
// Element types. Element.Type is set for a named type (possibly built-in),
// AnonType for an anonymous one; both zero means xs:anyType. A global
// element declared with a substitutionGroup and no type gets its head's
// type, as XSD prescribes. Set.Substitutions maps each head to its direct
// members sorted by name; heads are often abstract (EWS t:Path).
//
// Content. Type.Content is the model group declared in the type itself: for
// an extension only the added part (walk Base for the inherited part), for a
// restriction the whole restricted content; an empty top-level model group
// is dropped (Content nil). Element references are PElement particles with
// Ref true and Element pointing at the global *Element. A reference to a
// named xs:group is replaced by a deep copy of the group's model group with
// the reference's position and bounds and Group set; the children keep the
// positions of their declarations in the group. Type.Attributes lists the
// attributes declared in the type itself (not inherited ones) in document
// order, with attribute group references expanded in place, recursively:
// such AttributeUses have Group set to the attribute group named by that
// reference and the position of their declaration inside the group.
//
// WSDL. Exactly one portType and one SOAP 1.1 binding is the normal case;
// with several, the first portType (document order) that has a SOAP 1.1
// binding is used, with its first SOAP 1.1 binding. Operations are in
// portType order. IO.Body holds the parts named by soap:body parts="…", or
// all parts of the message without it; IO.Headers holds each soap:header
// once (a repeated message/part pair is dropped, the first kept). Style is
// soap:operation's style, else soap:binding's, else "document".
// Fault.Element is the element of the fault message's first part. Services
// lists the ports of the chosen binding that have a soap:address; it may be
// empty.
//
// Set.Dump renders a Set as deterministic text, used by the golden tests
// under testdata (run go test ./xsd -update to rewrite them). The EWS corpus
// tests run when EWSGEN_CORPUS names the folder holding
// schemas/<version>/services.wsdl (EWSGEN_REQUIRE_CORPUS=1 makes its absence
// a failure).
package xsd
