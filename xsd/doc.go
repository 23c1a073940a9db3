// Package xsd loads a WSDL 1.1 description and the XML Schema 1.0 files it
// uses (or a set of XSD files) and resolves them into one Set: the model
// declared in model.go, shared with the code generator.
//
// # Loading
//
// Load takes at most one WSDL file, whose inline wsdl:types schemas (each
// with its own targetNamespace) and wsdl:imports (of WSDL files, followed
// transitively, or of schema files) are followed, and any number of .xsd
// files (the kind is decided by the root element). xs:import, xs:include
// and xs:redefine are followed transitively; a location is resolved
// relative to the file naming it, and paths are kept cleaned and
// slash-separated (as given for the arguments, joined with the importer's
// directory otherwise), so positions stay short and stable. An xs:include
// (or xs:redefine) of a schema without targetNamespace is a chameleon
// include: the schema takes the includer's namespace. An xs:import without
// schemaLocation names a namespace that another file supplies: another
// inline schema, or a schema file given to Load. Absolute http(s)
// locations are looked up in Options.Catalogs (OASIS XML catalogs, see
// catalog.go), fetched only with Options.Network, and otherwise accepted
// when their namespace is loaded from another file (a schema file given
// next to the WSDL); an xs:include or xs:redefine by URL must resolve.
//
// xs:redefine: the redefined schema is loaded into the redefining schema's
// namespace; each redefined component takes the original's name and the
// original is renamed Local+".redefined" (Type.Redefined is set); the
// redefinition's reference to its own name (the base of a type, the group
// or attribute group referenced inside a group or attribute group) is to
// the original, so a redefined type derives from the original.
//
// ref="xs:schema" (a .NET DataSet carrying its schema in the message)
// refers to an element the loader makes up at the first such reference:
// {NSXSD}schema with Raw set and type xs:anyType, whose content is to be
// kept as raw XML.
//
// Local schemaLocations must stay inside the folder of an input file (or
// of Options.AllowPaths, or of a catalog or a file a catalog names: the
// user who names a catalog vouches for it; a rewriteURI target that climbs
// out of its folder is still refused), after cleaning and resolving
// symbolic links,
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
// schemaLocation, never reads a file. A schema file for that namespace
// given to Load is read, and its declarations replace the built-in ones. The XSD built-in types are not in
// Set.Types; IsBuiltin recognises them.
//
// Files are parsed with encoding/xml (UTF-8 BOM, CRLF and a missing XML
// declaration are fine) and every component records its file:line:col. A
// DOCTYPE declaration is skipped and no DTD is read; the declarations of
// its internal subset (entities, #FIXED attribute defaults) are not applied,
// with a warning, so a reference to a declared entity is an error.
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
// Problems that do not stop loading are warnings in Set.Warnings, sorted by
// position: a wsdl:port naming a binding that does not exist (the port is
// left out), a binding that is not a SOAP binding (HTTP; left out), a
// notification or solicit-response operation (left out), a binding that
// does not bind an operation of its portType (the operation is left out of
// that binding), an unsupported catalog entry, an ignored DOCTYPE internal
// subset, and a disagreement of the xgen cross-check.
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
// WSDL. The model holds every wsdl:message, portType, SOAP binding and port
// of the WSDL and of the WSDL files it imports, each named in its own
// file's targetNamespace. A binding is a SOAP 1.1 binding when its
// soap:binding is in namespace NSWSDLSOAP and SOAP 1.2 in NSWSDLSOAP12,
// whatever the prefix; the binding's operation, body, header, fault and
// address elements are read in that namespace. Binding.Operations has one
// Operation per portType operation, in portType order. IO.Body holds the
// parts named by soap:body parts="…", or all parts of the message without
// it (none for a message without parts); IO.Headers holds each soap:header
// once (a repeated message/part pair is dropped, the first kept). Inside a
// mime:multipartRelated, the soap:body and soap:header of its MIME parts
// are read and the other MIME parts (attachments) are left out with a
// warning. A WSDL 2.0 description is an error. Style is
// soap:operation's style, else soap:binding's, else "document"; Use is
// soap:body's use, "literal" when absent. An operation with only an input
// is one-way (Output nil). Fault.Element (or Type) is the first part of the
// fault message; Use and Namespace come from the binding's soap:fault.
// WSDL.PortType, Binding and Operations name the default binding: the first
// portType (document order, importing file first) with a SOAP 1.1 binding
// and its first SOAP 1.1 binding, else the same for SOAP 1.2. Services
// lists every port of a SOAP binding that has an address; it may be empty.
//
// Set.Dump renders a Set as deterministic text, used by the golden tests
// under testdata (run go test ./xsd -update to rewrite them). The EWS corpus
// tests run when EWSGEN_CORPUS names the folder holding
// schemas/<version>/services.wsdl (EWSGEN_REQUIRE_CORPUS=1 makes its absence
// a failure).
package xsd
