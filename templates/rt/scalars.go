package ewsrt

import (
	"encoding/base64"
	"math"
	"strconv"
)

// XSValueError reports a value that is not in the lexical space of its XSD
// type.
type XSValueError struct {
	Type  string // XSD type name without prefix, e.g. "dateTime"
	Value string
	Msg   string
}

// Error returns `invalid xs:<type> "<value>": <msg>`.
func (e *XSValueError) Error() string {
	v := e.Value
	if len(v) > 64 {
		v = v[:64] + "..."
	}
	return "invalid xs:" + e.Type + " " + strconv.Quote(v) + ": " + e.Msg
}

// xmlValueError returns an *XSValueError for a value given as bytes.
func xmlValueError(typ string, v []byte, msg string) error {
	return &XSValueError{Type: typ, Value: string(v), Msg: msg}
}

// xmlParseBool parses xs:boolean: true, false, 1 or 0, surrounding white
// space ignored.
func xmlParseBool(s []byte) (bool, error) {
	switch string(xmlTrimSpace(s)) {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, xmlValueError("boolean", s, "want true, false, 1 or 0")
}

// xmlParseDigits parses an optionally signed decimal integer (surrounding
// white space ignored) into its magnitude; ok is false on syntax errors,
// overflow reports a magnitude that does not fit in a uint64.
func xmlParseDigits(s []byte) (neg bool, v uint64, ok, overflow bool) {
	s = xmlTrimSpace(s)
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 {
		return
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return
		}
		d := uint64(c - '0')
		if v > (math.MaxUint64-d)/10 {
			overflow = true
		}
		v = v*10 + d
	}
	return neg, v, true, overflow
}

// xmlParseInt parses a signed XSD integer type of the given bit size (8, 16,
// 32, 64; 0 means 64).
func xmlParseInt(s []byte, bits int) (int64, error) {
	if bits <= 0 || bits > 64 {
		bits = 64
	}
	neg, v, ok, overflow := xmlParseDigits(s)
	if !ok {
		return 0, xmlValueError("integer", s, "not an integer")
	}
	lim := uint64(1) << (bits - 1)
	if overflow || !neg && v >= lim || neg && v > lim {
		return 0, xmlValueError("integer", s, "out of range for "+strconv.Itoa(bits)+"-bit integer")
	}
	if neg {
		return -int64(v-1) - 1, nil
	}
	return int64(v), nil
}

// xmlParseUint parses an unsigned XSD integer type of the given bit size
// (8, 16, 32, 64; 0 means 64). "-0" is accepted as 0.
func xmlParseUint(s []byte, bits int) (uint64, error) {
	if bits <= 0 || bits > 64 {
		bits = 64
	}
	neg, v, ok, overflow := xmlParseDigits(s)
	if !ok {
		return 0, xmlValueError("unsignedLong", s, "not an integer")
	}
	if neg && v != 0 {
		return 0, xmlValueError("unsignedLong", s, "negative")
	}
	if overflow || bits < 64 && v >= uint64(1)<<bits {
		return 0, xmlValueError("unsignedLong", s, "out of range for "+strconv.Itoa(bits)+"-bit unsigned integer")
	}
	return v, nil
}

// xmlParseFloat parses xs:double (bits 64) or xs:float (bits 32): decimal
// or exponent notation, INF, +INF, -INF, NaN; surrounding white space
// ignored. Magnitudes beyond the range become infinities, as XSD 1.1
// specifies.
func xmlParseFloat(s []byte, bits int) (float64, error) {
	if bits != 32 {
		bits = 64
	}
	t := xmlTrimSpace(s)
	switch string(t) {
	case "INF", "+INF":
		return math.Inf(1), nil
	case "-INF":
		return math.Inf(-1), nil
	case "NaN":
		return math.NaN(), nil
	}
	// Validate the lexical form and try the exact fast path.
	i := 0
	neg := false
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		neg = t[i] == '-'
		i++
	}
	var mant uint64
	exact := true
	digits, frac := 0, 0
	for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		digits++
		if mant >= 1<<53/10 {
			exact = false
		} else {
			mant = mant*10 + uint64(t[i]-'0')
		}
	}
	if i < len(t) && t[i] == '.' {
		i++
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
			digits++
			frac++
			if mant >= 1<<53/10 {
				exact = false
			} else {
				mant = mant*10 + uint64(t[i]-'0')
			}
		}
	}
	if digits == 0 {
		return 0, xmlValueError("double", s, "not a number")
	}
	exp := 0
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i++
		eneg := false
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			eneg = t[i] == '-'
			i++
		}
		ed := 0
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
			ed++
			if exp < 100000 {
				exp = exp*10 + int(t[i]-'0')
			}
		}
		if ed == 0 {
			return 0, xmlValueError("double", s, "missing exponent digits")
		}
		if eneg {
			exp = -exp
		}
	}
	if i != len(t) {
		return 0, xmlValueError("double", s, "not a number")
	}
	if exact {
		e := exp - frac
		var f float64
		switch {
		case e >= 0 && e <= 22:
			f = float64(mant) * math.Pow10(e)
		case e < 0 && e >= -22 && bits == 64:
			f = float64(mant) / math.Pow10(-e)
		default:
			goto slow
		}
		if neg {
			f = -f
		}
		if bits == 32 {
			f = float64(float32(f))
		}
		return f, nil
	}
slow:
	f, err := strconv.ParseFloat(string(t), bits)
	if err != nil && !math.IsInf(f, 0) {
		return 0, xmlValueError("double", s, "not a number")
	}
	return f, nil
}

// xmlParseBase64 decodes xs:base64Binary; white space anywhere is ignored.
func xmlParseBase64(s []byte) ([]byte, error) {
	src := s
	for i, c := range s {
		if xmlIsSpace(c) {
			src = make([]byte, i, len(s))
			copy(src, s[:i])
			for _, c := range s[i:] {
				if !xmlIsSpace(c) {
					src = append(src, c)
				}
			}
			break
		}
	}
	dst := make([]byte, base64.StdEncoding.DecodedLen(len(src)))
	n, err := base64.StdEncoding.Decode(dst, src)
	if err != nil {
		return nil, xmlValueError("base64Binary", s, err.Error())
	}
	return dst[:n], nil
}

// xmlParseHex decodes xs:hexBinary (either case), surrounding white space
// ignored.
func xmlParseHex(s []byte) ([]byte, error) {
	t := xmlTrimSpace(s)
	if len(t)%2 != 0 {
		return nil, xmlValueError("hexBinary", s, "odd number of digits")
	}
	dst := make([]byte, len(t)/2)
	for i := range dst {
		hi, ok1 := xmlUnhex(t[2*i])
		lo, ok2 := xmlUnhex(t[2*i+1])
		if !ok1 || !ok2 {
			return nil, xmlValueError("hexBinary", s, "invalid hex digit")
		}
		dst[i] = hi<<4 | lo
	}
	return dst, nil
}

func xmlUnhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// xmlAppendHex appends v as xs:hexBinary in canonical (upper case) form.
func xmlAppendHex(b []byte, v []byte) []byte {
	const digits = "0123456789ABCDEF"
	for _, c := range v {
		b = append(b, digits[c>>4], digits[c&15])
	}
	return b
}
