package ewsrt

import (
	"errors"
	"math"
	"strconv"
	"time"
)

// XSDuration is an xs:duration value kept as its lexical form, e.g. "PT0S",
// "P1DT2H", "-PT30M", "PT1.5S", so that it round-trips exactly. Use
// XSParseDuration to validate a string and Duration to get a
// time.Duration.
type XSDuration string

// xmlDurParts are the components of a duration.
type xmlDurParts struct {
	neg                          bool
	years, months, days, h, m, s string // digits, "" when absent
	frac                         string // fraction-of-second digits
}

// xmlParseDurParts splits a duration lexical form into its components.
func xmlParseDurParts(s string) (xmlDurParts, string) {
	var p xmlDurParts
	i := 0
	if i < len(s) && s[i] == '-' {
		p.neg = true
		i++
	}
	if i >= len(s) || s[i] != 'P' {
		return p, "must start with P or -P"
	}
	i++
	if i >= len(s) {
		return p, "no components"
	}
	inTime := false
	order := 0 // index of the last component designator seen
	n := 0
	for i < len(s) {
		if s[i] == 'T' {
			if inTime {
				return p, "T twice"
			}
			inTime = true
			i++
			if i >= len(s) {
				return p, "no time components after T"
			}
			continue
		}
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return p, "digits expected at offset " + strconv.Itoa(start)
		}
		num := s[start:i]
		frac := ""
		if i < len(s) && s[i] == '.' {
			i++
			fs := i
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
			if i == fs {
				return p, "fraction digits expected"
			}
			frac = s[fs:i]
		}
		if i >= len(s) {
			return p, "designator expected after " + num
		}
		d := s[i]
		i++
		k := 0
		switch {
		case !inTime && d == 'Y':
			k, p.years = 1, num
		case !inTime && d == 'M':
			k, p.months = 2, num
		case !inTime && d == 'D':
			k, p.days = 3, num
		case inTime && d == 'H':
			k, p.h = 4, num
		case inTime && d == 'M':
			k, p.m = 5, num
		case inTime && d == 'S':
			k, p.s, p.frac = 6, num, frac
		default:
			return p, "unexpected designator " + strconv.QuoteRune(rune(d))
		}
		if frac != "" && d != 'S' {
			return p, "only seconds may have a fraction"
		}
		if k <= order {
			return p, "components out of order or repeated"
		}
		order = k
		n++
	}
	if n == 0 {
		return p, "no components"
	}
	return p, ""
}

// XSParseDuration validates an xs:duration lexical value (surrounding
// white space ignored) and returns it unchanged otherwise.
func XSParseDuration(s string) (XSDuration, error) {
	s = xmlTrimSpaceString(s)
	if _, msg := xmlParseDurParts(s); msg != "" {
		return "", &XSValueError{Type: "duration", Value: s, Msg: msg}
	}
	return XSDuration(s), nil
}

// AppendXML appends the lexical form.
func (v XSDuration) AppendXML(b []byte) []byte { return append(b, v...) }

// String returns the lexical form.
func (v XSDuration) String() string { return string(v) }

// Duration converts v to a time.Duration, a day being 24 hours. Years or
// months other than zero have no fixed length and are an error, as is an
// invalid lexical form or overflow; fraction digits beyond nanoseconds are
// truncated.
func (v XSDuration) Duration() (time.Duration, error) {
	p, msg := xmlParseDurParts(string(v))
	if msg != "" {
		return 0, &XSValueError{Type: "duration", Value: string(v), Msg: msg}
	}
	var errRange = errors.New("out of the range of time.Duration")
	for _, ym := range []string{p.years, p.months} {
		for _, c := range []byte(ym) {
			if c != '0' {
				return 0, &XSValueError{Type: "duration", Value: string(v), Msg: "years and months have no fixed length"}
			}
		}
	}
	var total uint64 // nanoseconds, magnitude
	add := func(digits string, unit uint64) error {
		var n uint64
		for _, c := range []byte(digits) {
			if n > (math.MaxUint64-9)/10 {
				return errRange
			}
			n = n*10 + uint64(c-'0')
		}
		if n != 0 && unit > math.MaxUint64/n {
			return errRange
		}
		if total > math.MaxUint64-n*unit {
			return errRange
		}
		total += n * unit
		return nil
	}
	for _, c := range []struct {
		d string
		u uint64
	}{{p.days, 24 * 3600 * 1e9}, {p.h, 3600 * 1e9}, {p.m, 60 * 1e9}, {p.s, 1e9}} {
		if err := add(c.d, c.u); err != nil {
			return 0, &XSValueError{Type: "duration", Value: string(v), Msg: err.Error()}
		}
	}
	total += uint64(xmlNanos(p.frac))
	lim := uint64(math.MaxInt64)
	if p.neg {
		lim++
	}
	if total > lim {
		return 0, &XSValueError{Type: "duration", Value: string(v), Msg: errRange.Error()}
	}
	if p.neg {
		return time.Duration(-int64(total-1) - 1), nil
	}
	return time.Duration(total), nil
}

// XSDurationOf returns d as hours, minutes and seconds, e.g. "PT1H30M",
// "-PT0.5S", "PT0S".
func XSDurationOf(d time.Duration) XSDuration {
	if d == 0 {
		return "PT0S"
	}
	b := make([]byte, 0, 32)
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = uint64(-(d + 1)) + 1
	}
	b = append(b, 'P', 'T')
	h, m, s, ns := u/uint64(time.Hour), u/uint64(time.Minute)%60, u/uint64(time.Second)%60, u%uint64(time.Second)
	if h != 0 {
		b = strconv.AppendUint(b, h, 10)
		b = append(b, 'H')
	}
	if m != 0 {
		b = strconv.AppendUint(b, m, 10)
		b = append(b, 'M')
	}
	if s != 0 || ns != 0 {
		b = strconv.AppendUint(b, s, 10)
		if ns != 0 {
			b = append(b, '.')
			b = append(b, xmlFracOf(int(ns))...)
		}
		b = append(b, 'S')
	}
	return XSDuration(b)
}

// XSDecimal is an xs:decimal value kept as its lexical form (arbitrary
// precision, exact round trip), e.g. "-1.50", "+3", ".5".
type XSDecimal string

// XSParseDecimal validates an xs:decimal lexical value (surrounding white
// space ignored): an optional sign, digits with at most one decimal point,
// at least one digit, no exponent.
func XSParseDecimal(s string) (XSDecimal, error) {
	s = xmlTrimSpaceString(s)
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return "", &XSValueError{Type: "decimal", Value: s, Msg: "unexpected character " + strconv.QuoteRune(rune(c))}
		}
	}
	if digits == 0 {
		return "", &XSValueError{Type: "decimal", Value: s, Msg: "no digits"}
	}
	return XSDecimal(s), nil
}

// XSDecimalOf returns the decimal for an integer.
func XSDecimalOf(v int64) XSDecimal { return XSDecimal(strconv.FormatInt(v, 10)) }

// AppendXML appends the lexical form.
func (v XSDecimal) AppendXML(b []byte) []byte { return append(b, v...) }

// String returns the lexical form.
func (v XSDecimal) String() string { return string(v) }

// Float64 returns the nearest float64.
func (v XSDecimal) Float64() (float64, error) {
	if _, err := XSParseDecimal(string(v)); err != nil {
		return 0, err
	}
	return strconv.ParseFloat(string(v), 64)
}
