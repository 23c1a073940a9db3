package xsd

import "encoding/xml"

var builtinTypes = map[string]bool{
	"anyType": true, "anySimpleType": true,
	"string": true, "normalizedString": true, "token": true, "language": true,
	"Name": true, "NCName": true, "ID": true, "IDREF": true, "IDREFS": true,
	"ENTITY": true, "ENTITIES": true, "NMTOKEN": true, "NMTOKENS": true,
	"QName": true, "NOTATION": true, "boolean": true,
	"decimal": true, "integer": true, "nonPositiveInteger": true, "negativeInteger": true,
	"long": true, "int": true, "short": true, "byte": true,
	"nonNegativeInteger": true, "unsignedLong": true, "unsignedInt": true,
	"unsignedShort": true, "unsignedByte": true, "positiveInteger": true,
	"float": true, "double": true, "duration": true, "dateTime": true, "time": true,
	"date": true, "gYearMonth": true, "gYear": true, "gMonthDay": true, "gDay": true,
	"gMonth": true, "hexBinary": true, "base64Binary": true, "anyURI": true,
}

// IsBuiltin reports whether n names one of the XSD 1.0 built-in types
// (including xs:anyType and xs:anySimpleType).
func IsBuiltin(n xml.Name) bool {
	return n.Space == NSXSD && builtinTypes[n.Local]
}

// builtinPos is the position of the built-in XML namespace declarations.
var builtinPos = Pos{File: "<builtin xml.xsd>"}

// xmlAttributes returns the global attributes of the XML namespace
// (http://www.w3.org/XML/1998/namespace), as declared by the W3C's xml.xsd.
func xmlAttributes() []*Attribute {
	xs := func(l string) xml.Name { return xml.Name{Space: NSXSD, Local: l} }
	space := &Type{
		Pos:    builtinPos,
		Simple: true, Derivation: DerivRestriction, Base: xs("NCName"),
		Facets: Facets{Enumerations: []Enumeration{{Value: "default", Pos: builtinPos}, {Value: "preserve", Pos: builtinPos}}},
	}
	return []*Attribute{
		{Name: xml.Name{Space: NSXML, Local: "base"}, Pos: builtinPos, Type: xs("anyURI"),
			Doc: "Base URI of the element (XML Base)."},
		{Name: xml.Name{Space: NSXML, Local: "id"}, Pos: builtinPos, Type: xs("ID"),
			Doc: "Identifier of the element (xml:id)."},
		{Name: xml.Name{Space: NSXML, Local: "lang"}, Pos: builtinPos, Type: xs("language"),
			Doc: "Natural or formal language of the element's content (a BCP 47 language tag, or empty)."},
		{Name: xml.Name{Space: NSXML, Local: "space"}, Pos: builtinPos, AnonType: space,
			Doc: "Whether white space in the element's content is significant."},
	}
}
