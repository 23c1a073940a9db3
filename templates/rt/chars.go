package ewsrt

import "unicode/utf8"

// Byte classes of xmlClass.
const (
	xmlClsText      = 1   // needs attention in character data
	xmlClsAttr      = 2   // needs attention in an attribute value
	xmlClsName      = 4   // may appear in a name (ASCII name char or non-ASCII lead)
	xmlClsNameStart = 8   // may start a name
	xmlClsSpace     = 16  // XML white space
	xmlClsEscText   = 32  // must be escaped or checked when encoding text
	xmlClsEscAttr   = 64  // must be escaped or checked when encoding an attribute value
	xmlClsNCName    = 128 // ASCII name character other than ':'
)

// xmlClass maps a byte to its xmlCls* bits. It is a constant so that it is
// not package-level mutable state.
const xmlClass = "" +
	"\x63\x63\x63\x63\x63\x63\x63\x63\x63\x50\x50\x63\x63\x71\x63\x63" +
	"\x63\x63\x63\x63\x63\x63\x63\x63\x63\x63\x63\x63\x63\x63\x63\x63" +
	"\x10\x00\x42\x00\x00\x00\x63\x02\x00\x00\x00\x00\x00\x84\x84\x00" +
	"\x84\x84\x84\x84\x84\x84\x84\x84\x84\x84\x0c\x00\x63\x00\x20\x00" +
	"\x00\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c" +
	"\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x00\x00\x01\x00\x8c" +
	"\x00\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c" +
	"\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x8c\x00\x00\x00\x00\x00" +
	"\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f" +
	"\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f" +
	"\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f" +
	"\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f" +
	"\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f" +
	"\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f" +
	"\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f" +
	"\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f\x6f"

// xmlIsChar reports whether r matches the XML 1.0 Char production.
func xmlIsChar(r rune) bool {
	switch {
	case r < 0x20:
		return r == 0x9 || r == 0xA || r == 0xD
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	}
	return r >= 0x10000 && r <= utf8.MaxRune
}

// xmlIsNameStartRune reports whether r matches NameStartChar (XML 1.0 fifth
// edition) excluding ':'.
func xmlIsNameStartRune(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '_'
	case r < 0xC0:
		return false
	case r <= 0x2FF:
		return r != 0xD7 && r != 0xF7
	case r < 0x370:
		return false
	case r <= 0x1FFF:
		return r != 0x37E
	case r == 0x200C || r == 0x200D:
		return true
	case r >= 0x2070 && r <= 0x218F:
		return true
	case r >= 0x2C00 && r <= 0x2FEF:
		return true
	case r >= 0x3001 && r <= 0xD7FF:
		return true
	case r >= 0xF900 && r <= 0xFDCF:
		return true
	case r >= 0xFDF0 && r <= 0xFFFD:
		return true
	}
	return r >= 0x10000 && r <= 0xEFFFF
}

// xmlIsNameRune reports whether r matches NameChar (XML 1.0 fifth edition)
// excluding ':'.
func xmlIsNameRune(r rune) bool {
	if xmlIsNameStartRune(r) {
		return true
	}
	switch {
	case r < 0x80:
		return r >= '0' && r <= '9' || r == '-' || r == '.'
	case r == 0xB7:
		return true
	case r >= 0x300 && r <= 0x36F:
		return true
	}
	return r == 0x203F || r == 0x2040
}

// xmlIsSpace reports whether c is XML white space.
func xmlIsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// xmlTrimSpace removes leading and trailing XML white space.
func xmlTrimSpace(s []byte) []byte {
	for len(s) > 0 && xmlIsSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && xmlIsSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// xmlTrimSpaceString removes leading and trailing XML white space.
func xmlTrimSpaceString(s string) string {
	for len(s) > 0 && xmlIsSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && xmlIsSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}
