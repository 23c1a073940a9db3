// Package generator turns a WSDL 1.1 service description, or XSD files
// alone, into the files of a Go package: a Go type per schema type and
// element, hand-rolled XML encoders and decoders for them, and a client
// method and a server handler per WSDL operation.
//
// # Stages
//
// Generate runs five stages; each consumes the previous one's result only:
//
//	load  -> *xsd.Set        xsd.Load (package xsd): WSDL, schemas, bindings,
//	                         resolved names, facets, positions; loader
//	                         warnings go to Config.Warn
//	model -> profile, ops    Generate: the profile (profile_ews.go) and the
//	                         operations of the chosen bindings (ops.go)
//	plan  -> *plan           buildPlan (plan.go and the passes below): one
//	                         goType per Go declaration, with every name chosen
//	emit  -> []File          plan.emit (emit.go and the emitters below):
//	                         jennifer code, rendered and gofmt-formatted
//	write -> files on disk   Write / Check (write.go): only changed files are
//	                         rewritten, stale generated files removed
//
// # Where each concern lives
//
// Planning (types side), in order:
//
//	plan.go        goType, field, attrField, alt: the planned declarations;
//	               buildPlan and its passes, the size budget
//	elements.go    global elements, substitution groups, abstract types
//	simple.go      simple types, lists, anonymous enumerations
//	structs.go     struct content and attributes (extension chains),
//	               xs:any, xs:anyType elements, nillable
//	choices.go     repeating choices: sealed interfaces in document order
//	names.go       the naming rules (goName, numbering of equal names,
//	               nameTypes, claimNumbered) and the one list of reserved
//	               identifiers (reservedNames)
//	derived.go     non-abstract base types with derived types: the Derived
//	               field and its interface (xsi:type polymorphism)
//	enums.go       enumeration constants: names and values on any base type
//	namespaces.go  the namespace table (nsTable), the namespaces a
//	               client envelope declares (clientDecls), and where server
//	               style may use a default namespace (usesUnqualified)
//
// Emission:
//
//	emit.go        declarations of planned types, the namespace table file,
//	               file grouping (one .go and one _xml.go per schema file)
//	codec.go       encodeXML / decodeXML of every planned type
//	envelope.go    EnvelopeHeader, NewBodyElement, per-root namespace sets
//	               and server-style declarations
//	ops.go, client.go, server.go, profile_ews.go
//	               operations, Client methods, Service handlers, the EWS
//	               profile's conventions
//	pkgdoc.go      package_doc.go (templates/package_doc.txt), the
//	               generated example, the request and response types in
//	               Client method docs and the field lists of element types
//	support.go     copying the fixed files (templates/rt and the SOAP,
//	               client and server templates) and pruning to
//	               Config.Operations
//
// # The planned model
//
// A goType is one Go declaration; its kind says which fields are
// meaningful:
//
//	kStruct  attrs, fields, text (simple content), mixedText (the text
//	         field of mixed content), anyAttr, anyContent (xs:anyType),
//	         derived (derived.go), nillable
//	kSimple  base: the Go type underneath (a builtin or another named simple
//	         type), enums
//	kList    base: the item type (xs:list)
//	kElemOf  of: the struct type a global element or choice item names
//	kBox     base or of: the value of a choice alternative whose content is
//	         not a struct; wild: the xs:any alternative (an XSAnyElement)
//	kAlias   of: the interface a global element of an abstract type uses
//	kIface   alts: the element or xsi:type alternatives of a sealed
//	         interface (abstract type, substitution group, repeating
//	         choice, derived values)
//
// Every field and attribute carries its XML name exactly as the schema
// qualifies it (namespace and form resolved by the loader: Space "" is an
// unqualified local name), occurrence (repeated, optional), nillable,
// default and fixed values, and documentation; every simple value carries
// the XSD built-in it stands for (valueRef.xs) so that facets and lexical
// rules apply. Encoders write names through the namespace table: client
// style with a prefix per namespace declared on the envelope, server style
// with the body element's namespace as the default one, except around
// unqualified local elements.
package generator
