package ewsrt

import (
	"strconv"
	"strings"
	"time"
)

// XSDateTime is an xs:dateTime value kept in its lexical form's parts, so
// that parsing and AppendXML round-trip exactly: fraction digits and the
// zone spelling ("Z" vs "+00:00", or no zone) are preserved, as are negative
// years and the end-of-day time 24:00:00.
type XSDateTime struct {
	Year   int // may be negative or above 9999; 0 is 1 BCE (XSD 1.1)
	Month  int // 1..12
	Day    int // 1..31
	Hour   int // 0..23, or 24 for 24:00:00
	Minute int
	Second int
	Frac   string // fraction-of-second digits as written, without the dot; "" if none
	Zone   string // "" (no zone), "Z", or "+hh:mm" / "-hh:mm"
}

// XSDate is an xs:date value: a date with an optional zone, kept exactly
// as written.
type XSDate struct {
	Year  int
	Month int
	Day   int
	Zone  string // "" (no zone), "Z", or "+hh:mm" / "-hh:mm"
}

// XSTime is an xs:time value kept exactly as written.
type XSTime struct {
	Hour   int // 0..23, or 24 for 24:00:00
	Minute int
	Second int
	Frac   string // fraction-of-second digits without the dot; "" if none
	Zone   string // "" (no zone), "Z", or "+hh:mm" / "-hh:mm"
}

// xmlDTParser parses the parts of date/time lexical forms.
type xmlDTParser struct {
	s   string
	i   int
	typ string
	err error
}

func (p *xmlDTParser) fail(msg string) {
	if p.err == nil {
		p.err = &XSValueError{Type: p.typ, Value: p.s, Msg: msg}
	}
}

// digits parses exactly n digits.
func (p *xmlDTParser) digits(n int, what string) int {
	if p.err != nil {
		return 0
	}
	v := 0
	for k := 0; k < n; k++ {
		if p.i >= len(p.s) || p.s[p.i] < '0' || p.s[p.i] > '9' {
			p.fail(what + ": " + strconv.Itoa(n) + " digits expected")
			return 0
		}
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
	}
	return v
}

func (p *xmlDTParser) lit(c byte) {
	if p.err != nil {
		return
	}
	if p.i >= len(p.s) || p.s[p.i] != c {
		p.fail(strconv.QuoteRune(rune(c)) + " expected at offset " + strconv.Itoa(p.i))
		return
	}
	p.i++
}

// year parses '-'? yyyy+ (no leading zero when more than four digits).
func (p *xmlDTParser) year() int {
	neg := false
	if p.i < len(p.s) && p.s[p.i] == '-' {
		neg = true
		p.i++
	}
	start := p.i
	v := 0
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		if p.i-start >= 9 {
			p.fail("year out of range")
			return 0
		}
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
	}
	n := p.i - start
	switch {
	case n < 4:
		p.fail("year: at least 4 digits expected")
	case n > 4 && p.s[start] == '0':
		p.fail("year: leading zero in a year of more than 4 digits")
	case neg && v == 0:
		p.fail("year: -0000 is not allowed")
	}
	if neg {
		v = -v
	}
	return v
}

// date parses yyyy-mm-dd.
func (p *xmlDTParser) date() (y, m, d int) {
	y = p.year()
	p.lit('-')
	m = p.digits(2, "month")
	p.lit('-')
	d = p.digits(2, "day")
	if p.err == nil {
		if m < 1 || m > 12 {
			p.fail("month out of range")
		} else if d < 1 || d > xmlDaysIn(y, m) {
			p.fail("day out of range")
		}
	}
	return
}

// clock parses hh:mm:ss(.s+)?.
func (p *xmlDTParser) clock() (h, m, s int, frac string) {
	h = p.digits(2, "hour")
	p.lit(':')
	m = p.digits(2, "minute")
	p.lit(':')
	s = p.digits(2, "second")
	if p.err == nil && p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		start := p.i
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
		}
		if p.i == start {
			p.fail("fraction digits expected after '.'")
		}
		frac = p.s[start:p.i]
	}
	if p.err == nil {
		switch {
		case m > 59:
			p.fail("minute out of range")
		case s > 59:
			p.fail("second out of range")
		case h == 24:
			if m != 0 || s != 0 || strings.Trim(frac, "0") != "" {
				p.fail("hour 24 is only allowed as 24:00:00")
			}
		case h > 24:
			p.fail("hour out of range")
		}
	}
	return
}

// zone parses an optional zone up to the end of input.
func (p *xmlDTParser) zone() string {
	if p.err != nil {
		return ""
	}
	z := p.s[p.i:]
	switch {
	case z == "" || z == "Z":
	case len(z) == 6 && (z[0] == '+' || z[0] == '-') && z[3] == ':':
		p.i++
		h := p.digits(2, "zone hour")
		p.i++
		m := p.digits(2, "zone minute")
		if p.err == nil && (h > 14 || m > 59 || h == 14 && m != 0) {
			p.fail("zone offset out of range")
		}
	default:
		p.fail("invalid zone or trailing characters")
	}
	p.i = len(p.s)
	return z
}

// xmlDaysIn returns the number of days of month m in year y (proleptic
// Gregorian, year 0 a leap year).
func xmlDaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// XSParseDateTime parses an xs:dateTime lexical value
// ("yyyy-mm-ddThh:mm:ss(.s+)?(zone)?"), surrounding white space ignored.
func XSParseDateTime(s string) (XSDateTime, error) {
	p := xmlDTParser{s: xmlTrimSpaceString(s), typ: "dateTime"}
	var v XSDateTime
	v.Year, v.Month, v.Day = p.date()
	p.lit('T')
	v.Hour, v.Minute, v.Second, v.Frac = p.clock()
	v.Zone = p.zone()
	if p.err != nil {
		return XSDateTime{}, p.err
	}
	return v, nil
}

// XSParseDate parses an xs:date lexical value ("yyyy-mm-dd(zone)?"),
// surrounding white space ignored.
func XSParseDate(s string) (XSDate, error) {
	p := xmlDTParser{s: xmlTrimSpaceString(s), typ: "date"}
	var v XSDate
	v.Year, v.Month, v.Day = p.date()
	v.Zone = p.zone()
	if p.err != nil {
		return XSDate{}, p.err
	}
	return v, nil
}

// XSParseTime parses an xs:time lexical value ("hh:mm:ss(.s+)?(zone)?"),
// surrounding white space ignored.
func XSParseTime(s string) (XSTime, error) {
	p := xmlDTParser{s: xmlTrimSpaceString(s), typ: "time"}
	var v XSTime
	v.Hour, v.Minute, v.Second, v.Frac = p.clock()
	v.Zone = p.zone()
	if p.err != nil {
		return XSTime{}, p.err
	}
	return v, nil
}

func xmlAppend2(b []byte, v int) []byte {
	if v < 0 || v > 99 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

func xmlAppendDate(b []byte, y, m, d int) []byte {
	if y < 0 {
		b = append(b, '-')
		y = -y
	}
	switch {
	case y < 10:
		b = append(b, "000"...)
	case y < 100:
		b = append(b, "00"...)
	case y < 1000:
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-')
	b = xmlAppend2(b, m)
	b = append(b, '-')
	return xmlAppend2(b, d)
}

func xmlAppendClock(b []byte, h, m, s int, frac string) []byte {
	b = xmlAppend2(b, h)
	b = append(b, ':')
	b = xmlAppend2(b, m)
	b = append(b, ':')
	b = xmlAppend2(b, s)
	if frac != "" {
		b = append(b, '.')
		b = append(b, frac...)
	}
	return b
}

// AppendXML appends the lexical form.
// The zero value, which no lexical form parses to (its month and day are
// 0), is the unset dateTime: it has no lexical form and appends nothing,
// like the empty XSDuration and XSDecimal. Generated encoders leave out an
// element or attribute whose dateTime is zero instead of inventing a value.
func (v XSDateTime) AppendXML(b []byte) []byte {
	if v == (XSDateTime{}) {
		return b
	}
	b = xmlAppendDate(b, v.Year, v.Month, v.Day)
	b = append(b, 'T')
	b = xmlAppendClock(b, v.Hour, v.Minute, v.Second, v.Frac)
	return append(b, v.Zone...)
}

// String returns the lexical form.
func (v XSDateTime) String() string { return string(v.AppendXML(make([]byte, 0, 40))) }

// AppendXML appends the lexical form.
// The zero value is the unset date and appends nothing (see
// XSDateTime.AppendXML).
func (v XSDate) AppendXML(b []byte) []byte {
	if v == (XSDate{}) {
		return b
	}
	b = xmlAppendDate(b, v.Year, v.Month, v.Day)
	return append(b, v.Zone...)
}

// String returns the lexical form.
func (v XSDate) String() string { return string(v.AppendXML(make([]byte, 0, 20))) }

// AppendXML appends the lexical form.
func (v XSTime) AppendXML(b []byte) []byte {
	b = xmlAppendClock(b, v.Hour, v.Minute, v.Second, v.Frac)
	return append(b, v.Zone...)
}

// String returns the lexical form.
func (v XSTime) String() string { return string(v.AppendXML(make([]byte, 0, 30))) }

// xmlZoneOffset returns the offset in seconds east of UTC of a zone string
// and whether there is a zone.
func xmlZoneOffset(z string) (int, bool) {
	if len(z) != 6 {
		return 0, z == "Z"
	}
	off := (int(z[1]-'0')*10+int(z[2]-'0'))*3600 + (int(z[4]-'0')*10+int(z[5]-'0'))*60
	if z[0] == '-' {
		off = -off
	}
	return off, true
}

// xmlLocation returns the location for a zone string; no zone is UTC.
func xmlLocation(z string) *time.Location {
	off, _ := xmlZoneOffset(z)
	if len(z) != 6 {
		return time.UTC
	}
	return time.FixedZone("", off)
}

// xmlNanos returns the nanoseconds of fraction digits (truncated).
func xmlNanos(frac string) int {
	n := 0
	for i := 0; i < 9; i++ {
		n *= 10
		if i < len(frac) {
			n += int(frac[i] - '0')
		}
	}
	return n
}

// xmlZoneOf returns the zone string for t: "Z" for UTC, otherwise the
// offset, or ok false when the offset has no XSD form (seconds, or beyond
// ±14:00).
func xmlZoneOf(t time.Time) (string, bool) {
	if t.Location() == time.UTC {
		return "Z", true
	}
	_, off := t.Zone()
	if off%60 != 0 || off > 14*3600 || off < -14*3600 {
		return "", false
	}
	b := make([]byte, 0, 6)
	if off < 0 {
		b = append(b, '-')
		off = -off
	} else {
		b = append(b, '+')
	}
	b = xmlAppend2(b, off/3600)
	b = append(b, ':')
	b = xmlAppend2(b, off/60%60)
	return string(b), true
}

// xmlFracOf returns the fraction digits of ns without trailing zeros.
func xmlFracOf(ns int) string {
	if ns == 0 {
		return ""
	}
	b := strconv.AppendInt(make([]byte, 0, 10), int64(ns)+1e9, 10)[1:]
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// XSDateTimeOf returns t as an XSDateTime with t's zone: "Z" when t is in
// UTC (time.UTC), otherwise its offset ("+02:00"); an offset that XSD cannot
// express is converted to UTC. Fraction digits are written only when t has
// nanoseconds, without trailing zeros.
func XSDateTimeOf(t time.Time) XSDateTime {
	z, ok := xmlZoneOf(t)
	if !ok {
		t = t.UTC()
		z = "Z"
	}
	return XSDateTime{
		Year: t.Year(), Month: int(t.Month()), Day: t.Day(),
		Hour: t.Hour(), Minute: t.Minute(), Second: t.Second(),
		Frac: xmlFracOf(t.Nanosecond()), Zone: z,
	}
}

// Time returns the instant. A value without zone is taken as UTC; fraction
// digits beyond nanoseconds are truncated; 24:00:00 is midnight of the next
// day. It never panics: a nil *XSDateTime (an optional property that was
// not sent or not requested) and the zero XSDateTime give the zero
// time.Time, which IsZero reports.
func (v *XSDateTime) Time() time.Time {
	if v == nil || *v == (XSDateTime{}) {
		return time.Time{}
	}
	return time.Date(v.Year, time.Month(v.Month), v.Day, v.Hour, v.Minute, v.Second, xmlNanos(v.Frac), xmlLocation(v.Zone))
}

// ZoneOffset returns the zone offset in seconds east of UTC and whether the
// value has a zone.
func (v XSDateTime) ZoneOffset() (int, bool) { return xmlZoneOffset(v.Zone) }

// XSDateOf returns the date of t in t's location, with t's zone like
// XSDateTimeOf. Set Zone to "" for a date without zone.
func XSDateOf(t time.Time) XSDate {
	z, ok := xmlZoneOf(t)
	if !ok {
		t = t.UTC()
		z = "Z"
	}
	return XSDate{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Zone: z}
}

// Time returns midnight at the start of the date in its zone (UTC when it
// has none); a nil *XSDate and the zero XSDate give the zero time.Time.
func (v *XSDate) Time() time.Time {
	if v == nil || *v == (XSDate{}) {
		return time.Time{}
	}
	return time.Date(v.Year, time.Month(v.Month), v.Day, 0, 0, 0, 0, xmlLocation(v.Zone))
}

// XSTimeOf returns the time of day of t with t's zone like XSDateTimeOf.
func XSTimeOf(t time.Time) XSTime {
	z, ok := xmlZoneOf(t)
	if !ok {
		t = t.UTC()
		z = "Z"
	}
	return XSTime{Hour: t.Hour(), Minute: t.Minute(), Second: t.Second(), Frac: xmlFracOf(t.Nanosecond()), Zone: z}
}

// Time returns the time of day on January 1 of year 1 in its zone (UTC
// when it has none); 24:00:00 is midnight of January 2. A nil *XSTime
// gives the zero time.Time.
func (v *XSTime) Time() time.Time {
	if v == nil {
		return time.Time{}
	}
	return time.Date(1, time.January, 1, v.Hour, v.Minute, v.Second, xmlNanos(v.Frac), xmlLocation(v.Zone))
}
