package generator

import (
	"strings"
	"unicode"
)

// Naming policy (changing any rule renames public identifiers of every
// generated package, so each rule is deliberate):
//
//  1. A schema name keeps its spelling: ItemId stays ItemId (not ItemID),
//     BodyTypeType stays BodyTypeType. Users read the EWS reference and find
//     the same words in Go. Only characters that cannot appear in a Go
//     identifier are removed; the letter after a removed character is
//     upper-cased ("item:Subject" -> ItemSubject), a leading lower-case letter
//     is upper-cased and a leading digit gets an "X" prefix.
//  2. Named types keep their name. Global elements take their own name; when
//     that is the Go name of their own type the two share one declaration,
//     when it is taken by something else the element gets an "Element"
//     suffix. Anything still colliding is an error naming both positions,
//     unless Config.Renames pins a name.
//  3. Enumeration constants are the type name without a trailing "Type"
//     followed by the value (ResponseCodeType "NoError" -> ResponseCodeNoError);
//     when that collides, the full type name is used as prefix.
//  4. Synthesized names (anonymous types, choice interfaces, choice
//     alternatives) are built from their owner's Go name and the element or
//     field name, and are claimed after every schema-named declaration, so a
//     schema name never loses to a synthesized one.

// goName turns an XML name into an exported Go identifier (rule 1).
func goName(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if upper {
				r = unicode.ToUpper(r)
				upper = false
			}
			b.WriteRune(r)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			upper = false
			continue
		}
		upper = true
	}
	out := b.String()
	if out == "" {
		return "X"
	}
	if unicode.IsDigit(rune(out[0])) {
		out = "X" + out
	}
	return out
}

// constPrefix is the prefix of a type's enumeration constants (rule 3).
func constPrefix(typeName string) string {
	if p := strings.TrimSuffix(typeName, "Type"); p != "" && p != typeName {
		return p
	}
	return typeName
}

// goReserved are identifiers a generated package declares itself besides
// the schema's types; schema names must not take them.
var goReserved = []string{
	"Operations", "Operation",
	// envelope.go
	"EnvelopeHeader", "NewBodyElement",
	// client.go and server.go
	"ResponseStatus", "ResponseMessage", "ResponseError", "MessageStatus", "MessageError",
	"ResponseMessages", "ResponseErrors", "WithRequestServerVersion", "WithImpersonation",
	"WithImpersonationSMTP", "WithMailboxCulture", "WithTimeZoneContext", "WithDateTimePrecision",
	"WithManagementRole", "WithServerVersion", "Service", "UnimplementedService",
}
