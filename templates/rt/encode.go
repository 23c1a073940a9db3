package ewsrt

import (
	"encoding/base64"
	"math"
	"strconv"
	"unicode/utf8"
)

// xmlEncoder appends XML to Buf. Generated encoders write markup with Raw
// and values with Text, Attr and the xmlAppend* helpers; no reflection and
// no allocation beyond growing Buf.
type xmlEncoder struct {
	// Buf is the output; reuse it across messages (Buf = Buf[:0]) to avoid
	// allocations.
	Buf []byte
}

// Raw appends s verbatim. s must be well-formed markup, e.g. "<t:ItemId",
// ">" or "</t:ItemId>".
func (e *xmlEncoder) Raw(s string) {
	e.Buf = append(e.Buf, s...)
}

// Text appends s as character data: & < > are escaped, \r is written as
// &#xD; so that it survives end-of-line normalization, and invalid UTF-8 or
// characters not allowed in XML are replaced by U+FFFD.
func (e *xmlEncoder) Text(s string) {
	e.Buf = xmlAppendEscaped(e.Buf, s, xmlClsEscText)
}

// Attr appends ` name="value"` with value escaped for a double-quoted
// attribute (& < " and the white space characters \t \n \r, which attribute
// value normalization would otherwise turn into spaces).
func (e *xmlEncoder) Attr(name, value string) {
	b := append(e.Buf, ' ')
	b = append(b, name...)
	b = append(b, '=', '"')
	b = xmlAppendEscaped(b, value, xmlClsEscAttr)
	e.Buf = append(b, '"')
}

// AttrBytes is Attr with the value given as bytes, typically produced by one
// of the xmlAppend* helpers into a scratch buffer.
func (e *xmlEncoder) AttrBytes(name string, v []byte) {
	b := append(e.Buf, ' ')
	b = append(b, name...)
	b = append(b, '=', '"')
	b = xmlAppendEscapedBytes(b, v, xmlClsEscAttr)
	e.Buf = append(b, '"')
}

// Base64 appends b in standard base64 (with padding).
func (e *xmlEncoder) Base64(b []byte) {
	e.Buf = base64.StdEncoding.AppendEncode(e.Buf, b)
}

// xmlAppendEscaped appends s escaped for text (cls == xmlClsEscText) or for a
// double-quoted attribute value (cls == xmlClsEscAttr).
func xmlAppendEscaped(b []byte, s string, cls byte) []byte {
	last := 0
	i := xmlCleanPrefix(s, cls)
	for i < len(s) {
		c := s[i]
		if xmlClass[c]&cls == 0 {
			i++
			continue
		}
		var esc string
		n := 1
		switch c {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\r':
			esc = "&#xD;"
		case '\n':
			esc = "&#xA;"
		case '\t':
			esc = "&#x9;"
		default:
			if c < utf8.RuneSelf {
				esc = "\uFFFD"
				break
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || size > 1) && xmlIsChar(r) {
				i += size
				continue
			}
			esc, n = "\uFFFD", size
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		i += n
		last = i
	}
	return append(b, s[last:]...)
}

// xmlCleanPrefix returns the length of the longest prefix of s without a
// byte of class cls, looking at four bytes a step.
func xmlCleanPrefix(s string, cls byte) int {
	i := 0
	for ; i+4 <= len(s); i += 4 {
		if xmlClass[s[i]]&cls|xmlClass[s[i+1]]&cls|xmlClass[s[i+2]]&cls|xmlClass[s[i+3]]&cls != 0 {
			break
		}
	}
	for i < len(s) && xmlClass[s[i]]&cls == 0 {
		i++
	}
	return i
}

// xmlAppendEscapedBytes is xmlAppendEscaped for a byte slice.
func xmlAppendEscapedBytes(b []byte, s []byte, cls byte) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if xmlClass[c]&cls == 0 {
			i++
			continue
		}
		var esc string
		n := 1
		switch c {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\r':
			esc = "&#xD;"
		case '\n':
			esc = "&#xA;"
		case '\t':
			esc = "&#x9;"
		default:
			if c < utf8.RuneSelf {
				esc = "\uFFFD"
				break
			}
			r, size := utf8.DecodeRune(s[i:])
			if (r != utf8.RuneError || size > 1) && xmlIsChar(r) {
				i += size
				continue
			}
			esc, n = "\uFFFD", size
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		i += n
		last = i
	}
	return append(b, s[last:]...)
}

// xmlAppendBool appends "true" or "false".
func xmlAppendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// xmlAppendInt appends v in decimal.
func xmlAppendInt(b []byte, v int64) []byte {
	return strconv.AppendInt(b, v, 10)
}

// xmlAppendUint appends v in decimal.
func xmlAppendUint(b []byte, v uint64) []byte {
	return strconv.AppendUint(b, v, 10)
}

// xmlAppendFloat appends f in the lexical space of xs:double (bits 64) or
// xs:float (bits 32): INF, -INF, NaN, plain decimal notation for magnitudes
// in [1e-6, 1e21) and zero, exponent notation otherwise, always with the
// shortest digits that parse back to f.
func xmlAppendFloat(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "NaN"...)
	case math.IsInf(f, 1):
		return append(b, "INF"...)
	case math.IsInf(f, -1):
		return append(b, "-INF"...)
	}
	if bits != 32 {
		bits = 64
	} else {
		f = float64(float32(f))
	}
	a := math.Abs(f)
	if a == 0 || a >= 1e-6 && a < 1e21 {
		return strconv.AppendFloat(b, f, 'f', -1, bits)
	}
	return strconv.AppendFloat(b, f, 'E', -1, bits)
}
