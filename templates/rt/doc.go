// Package ewsrt is the XML runtime of generated packages. Its files (all
// but this one and the tests) are copied into every package ewsgen writes,
// as xmlrt_*.go with the package clause replaced, so a generated package
// depends on the standard library only. It is an ordinary Go package so
// that the code is compiled and tested where it lives.
//
// # Where the runtime sits
//
// ewsgen works in stages (see package generator):
//
//	load  (package xsd)        WSDL and schemas -> *xsd.Set
//	model (generator)          profile, operations of the chosen bindings
//	plan  (generator)          one Go declaration per schema type and element
//	emit  (generator)          Go source: declarations, encodeXML/decodeXML
//	                           per type, namespace table, envelope, client,
//	                           server; plus this runtime, copied
//	write (generator)          files on disk, only those that changed
//
// Generated encoders and decoders call this package at run time:
//
//	decode.go    xmlDecoder: a bounded tokenizer with a namespace table
//	             (names resolved to table indexes), Child/TextBytes/Skip,
//	             QName resolution, xs:any capture (Any)
//	encode.go    xmlEncoder: escaping and text output
//	writer.go    xmlWriter: element and attribute prefixes per namespace
//	             index, declarations (declare, DeclareNS), xsi:type and
//	             xsi:nil, qualified attributes (AttrQ, AttrStartQ),
//	             wildcard attributes
//	any.go       XSAnyElement, XSAnyAttr, XSNamespace, XSQName: content
//	             kept as read (xs:any, xs:anyType), namespace-correct when
//	             written anywhere
//	fields.go    one call per field for generated codecs: simple-typed
//	             elements written (TextElem, PTextElem, ...) and read
//	             (TextStr, TextPString, ...; errors kept by Keep for the
//	             next Elem), element names looked up in a decoder's table
//	             (xmlField, Field), attributes and start tags (Attrs,
//	             OpenT, Content); this keeps generated packages small for
//	             the compiler
//	tabdec.go    table-driven decoding: NextP reads the elements of a
//	             decoder's table whose entries have a kind (xmlKind) into
//	             the struct's fields itself, and returns to the generated
//	             switch only for the others
//	tabenc.go    table-driven encoding of a struct's element fields: a
//	             static table per type (offset, name, kind), walked by
//	             Fields, which writes the simple-typed fields itself and
//	             returns to the generated encoder for the others
//	scalars.go, datetime.go, duration.go, chars.go
//	             lexical forms of the XSD built-in types (XSDateTime,
//	             XSDate, XSTime, XSDuration, XSDecimal, ...)
//
// Identifiers start with "xml" or "XS" (TestIdentifierRules), so that they
// never meet a name planned from a schema; the generator reserves every
// one of them anyway (generator's reservedNames).
package ewsrt
