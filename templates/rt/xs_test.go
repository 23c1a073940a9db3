package ewsrt

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var validDateTimes = []string{
	"2006-10-26T21:32:52Z",
	"2013-09-06T09:00:00",
	"2013-09-06T09:00:00.000-07:00",
	"2013-09-06T09:00:00.1234567Z",
	"2013-09-06T09:00:00+00:00",
	"2013-09-06T09:00:00-00:00",
	"2013-09-06T09:00:00+14:00",
	"2013-09-06T09:00:00-14:00",
	"-0044-03-15T12:00:00Z",
	"0000-01-01T00:00:00",
	"12345-01-01T00:00:00Z",
	"2013-09-06T24:00:00",
	"2013-09-06T24:00:00.000Z",
	"2000-02-29T00:00:00Z",
	"2013-12-31T23:59:59.999999999999Z",
	"0001-01-01T00:00:00.0",
}

var invalidDateTimes = []string{
	"", "2013-09-06", "2013-09-06T09:00", "2013-9-06T09:00:00", "13-09-06T09:00:00",
	"2013-13-06T09:00:00", "2013-00-06T09:00:00", "2013-02-29T09:00:00", "1900-02-29T00:00:00",
	"2013-09-31T09:00:00", "2013-09-06T25:00:00", "2013-09-06T24:00:01", "2013-09-06T24:00:00.1",
	"2013-09-06T09:60:00", "2013-09-06T09:00:60", "2013-09-06T09:00:00.", "2013-09-06T09:00:00+15:00",
	"2013-09-06T09:00:00+14:01", "2013-09-06T09:00:00+0100", "2013-09-06T09:00:00 Z",
	"02013-09-06T09:00:00Z", "-0000-01-01T00:00:00", "2013-09-06t09:00:00", "2013-09-06T09:00:00z",
	"+2013-09-06T09:00:00", "2013-09-06T09:00:00+01:60", "1234567890-01-01T00:00:00",
}

func TestDateTimeRoundTrip(t *testing.T) {
	for _, s := range validDateTimes {
		v, err := XSParseDateTime(s)
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if got := v.String(); got != s {
			t.Errorf("%q round-trips to %q", s, got)
		}
		if got := string(v.AppendXML([]byte("x"))); got != "x"+s {
			t.Errorf("AppendXML %q", got)
		}
	}
	if v, err := XSParseDateTime(" \n2006-10-26T21:32:52Z\t"); err != nil || v.String() != "2006-10-26T21:32:52Z" {
		t.Errorf("white space: %v %v", v, err)
	}
	for _, s := range invalidDateTimes {
		if v, err := XSParseDateTime(s); err == nil {
			t.Errorf("%q accepted as %v", s, v)
		} else {
			var ve *XSValueError
			if !errors.As(err, &ve) || ve.Type != "dateTime" || !strings.HasPrefix(err.Error(), "invalid xs:dateTime ") {
				t.Errorf("%q: unexpected error %v", s, err)
			}
		}
	}
}

func TestDateTimeTime(t *testing.T) {
	cases := []struct {
		s    string
		want time.Time
	}{
		{"2006-10-26T21:32:52Z", time.Date(2006, 10, 26, 21, 32, 52, 0, time.UTC)},
		{"2013-09-06T09:00:00", time.Date(2013, 9, 6, 9, 0, 0, 0, time.UTC)},
		{"2013-09-06T09:00:00.5-07:00", time.Date(2013, 9, 6, 16, 0, 0, 5e8, time.UTC)},
		{"2013-09-06T24:00:00Z", time.Date(2013, 9, 7, 0, 0, 0, 0, time.UTC)},
		{"2013-09-06T09:00:00.1234567891Z", time.Date(2013, 9, 6, 9, 0, 0, 123456789, time.UTC)},
	}
	for _, c := range cases {
		v, _ := XSParseDateTime(c.s)
		if got := v.Time(); !got.Equal(c.want) {
			t.Errorf("%s: Time = %v, want %v", c.s, got, c.want)
		}
	}
	v, _ := XSParseDateTime("2013-09-06T09:00:00-07:30")
	if off, ok := v.ZoneOffset(); !ok || off != -(7*3600+30*60) {
		t.Errorf("ZoneOffset = %d %v", off, ok)
	}
	v, _ = XSParseDateTime("2013-09-06T09:00:00")
	if _, ok := v.ZoneOffset(); ok {
		t.Error("no zone has offset")
	}
}

func TestDateTimeOf(t *testing.T) {
	cases := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2006, 10, 26, 21, 32, 52, 0, time.UTC), "2006-10-26T21:32:52Z"},
		{time.Date(2006, 10, 26, 21, 32, 52, 123400000, time.UTC), "2006-10-26T21:32:52.1234Z"},
		{time.Date(2006, 10, 26, 21, 32, 52, 1, time.UTC), "2006-10-26T21:32:52.000000001Z"},
		{time.Date(2006, 10, 26, 21, 32, 52, 0, time.FixedZone("", -7*3600)), "2006-10-26T21:32:52-07:00"},
		{time.Date(2006, 10, 26, 21, 32, 52, 0, time.FixedZone("", 5*3600+45*60)), "2006-10-26T21:32:52+05:45"},
		{time.Date(2006, 10, 26, 21, 32, 52, 0, time.FixedZone("", 0)), "2006-10-26T21:32:52+00:00"},
		{time.Date(2006, 10, 26, 21, 32, 52, 0, time.FixedZone("", 30)), "2006-10-26T21:32:22Z"},
		{time.Date(-44, 3, 15, 12, 0, 0, 0, time.UTC), "-0044-03-15T12:00:00Z"},
	}
	for _, c := range cases {
		v := XSDateTimeOf(c.t)
		if got := v.String(); got != c.want {
			t.Errorf("XSDateTimeOf(%v) = %s, want %s", c.t, got, c.want)
		}
		if !v.Time().Equal(c.t) {
			t.Errorf("Time(%s) = %v, want %v", c.want, v.Time(), c.t)
		}
		if p, err := XSParseDateTime(c.want); err != nil || p != v {
			t.Errorf("parse %s = %#v %v, want %#v", c.want, p, err, v)
		}
	}
}

func TestDate(t *testing.T) {
	for _, s := range []string{"2013-09-06", "2013-09-06Z", "2013-09-06+02:00", "-0001-12-31", "2000-02-29-05:00", "10000-01-01"} {
		v, err := XSParseDate(s)
		if err != nil || v.String() != s {
			t.Errorf("%q: %v %v", s, v, err)
		}
	}
	for _, s := range []string{"", "2013-09-06T00:00:00", "2013-02-30", "2013-09-6", "2013-09-06Q", "2013/09/06"} {
		if v, err := XSParseDate(s); err == nil {
			t.Errorf("%q accepted: %v", s, v)
		}
	}
	v := XSDateOf(time.Date(2020, 5, 17, 23, 0, 0, 0, time.FixedZone("", 2*3600)))
	if v.String() != "2020-05-17+02:00" {
		t.Errorf("XSDateOf = %s", v)
	}
	if !v.Time().Equal(time.Date(2020, 5, 17, 0, 0, 0, 0, time.FixedZone("", 2*3600))) {
		t.Errorf("Time = %v", v.Time())
	}
	v, _ = XSParseDate("2020-05-17")
	if !v.Time().Equal(time.Date(2020, 5, 17, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time = %v", v.Time())
	}
}

func TestTime(t *testing.T) {
	for _, s := range []string{"09:00:00", "09:00:00Z", "09:00:00.5+01:00", "24:00:00", "23:59:59.000", "00:00:00-14:00"} {
		v, err := XSParseTime(s)
		if err != nil || v.String() != s {
			t.Errorf("%q: %v %v", s, v, err)
		}
	}
	for _, s := range []string{"", "9:00:00", "09:00", "24:00:01", "09:00:00.", "09:61:00", "T09:00:00"} {
		if v, err := XSParseTime(s); err == nil {
			t.Errorf("%q accepted: %v", s, v)
		}
	}
	v := XSTimeOf(time.Date(2020, 1, 1, 8, 30, 15, 250000000, time.UTC))
	if v.String() != "08:30:15.25Z" {
		t.Errorf("XSTimeOf = %s", v)
	}
	if got := v.Time(); !got.Equal(time.Date(1, 1, 1, 8, 30, 15, 250000000, time.UTC)) {
		t.Errorf("Time = %v", got)
	}
}

func TestDuration(t *testing.T) {
	cases := []struct {
		s    string
		d    time.Duration
		fail bool
	}{
		{"PT0S", 0, false},
		{"P1DT2H", 26 * time.Hour, false},
		{"-PT30M", -30 * time.Minute, false},
		{"PT1.5S", 1500 * time.Millisecond, false},
		{"P0Y0M1D", 24 * time.Hour, false},
		{"PT36H", 36 * time.Hour, false},
		{"P1Y", 0, true},
		{"P2M", 0, true},
		{"PT0.0000000001S", 0, false},
		{"PT9223372036S", 9223372036 * time.Second, false},
		{"PT9223372037S", 0, true},
		{"P99999999999999999999D", 0, true},
	}
	for _, c := range cases {
		v, err := XSParseDuration(c.s)
		if err != nil {
			t.Errorf("%q: %v", c.s, err)
			continue
		}
		if v.String() != c.s || string(v.AppendXML(nil)) != c.s {
			t.Errorf("%q round-trips to %q", c.s, v)
		}
		d, err := v.Duration()
		if c.fail != (err != nil) || d != c.d {
			t.Errorf("%q: Duration = %v, %v", c.s, d, err)
		}
	}
	for _, s := range []string{"", "P", "PT", "-P", "1D", "P1", "PT1D", "P1H", "P1S", "P1DT", "P1M1Y", "PT1S1M", "P1.5D",
		"PT1.S", "PT.5S", "P-1D", "+P1D", "P1D1D", "PT1H1H", "P 1D", "pT1S", "P1DT1H2D"} {
		if v, err := XSParseDuration(s); err == nil {
			t.Errorf("%q accepted: %v", s, v)
		}
	}
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "PT0S"}, {90 * time.Minute, "PT1H30M"}, {-30 * time.Minute, "-PT30M"}, {1500 * time.Millisecond, "PT1.5S"},
		{26 * time.Hour, "PT26H"}, {time.Nanosecond, "PT0.000000001S"}, {-1 << 63, "-PT2562047H47M16.854775808S"},
		{1<<63 - 1, "PT2562047H47M16.854775807S"},
	} {
		v := XSDurationOf(c.d)
		if string(v) != c.want {
			t.Errorf("XSDurationOf(%v) = %s, want %s", c.d, v, c.want)
		}
		if d, err := v.Duration(); err != nil || d != c.d {
			t.Errorf("%s: Duration = %v, %v", v, d, err)
		}
	}
}

func TestDecimal(t *testing.T) {
	for _, s := range []string{"0", "-1.50", "+3", ".5", "5.", "007", "-0.0", "123456789012345678901234567890.123456789"} {
		v, err := XSParseDecimal(s)
		if err != nil || v.String() != s || string(v.AppendXML(nil)) != s {
			t.Errorf("%q: %v %v", s, v, err)
		}
	}
	for _, s := range []string{"", "+", "-", ".", "1e5", "1.2.3", "INF", "NaN", "1,5", "0x10", "- 1"} {
		if v, err := XSParseDecimal(s); err == nil {
			t.Errorf("%q accepted: %v", s, v)
		}
	}
	if f, err := XSDecimal("-1.5").Float64(); err != nil || f != -1.5 {
		t.Errorf("Float64 = %v %v", f, err)
	}
	if XSDecimalOf(-42) != "-42" {
		t.Error(XSDecimalOf(-42))
	}
}

func TestQNameType(t *testing.T) {
	q := XSQName{"urn:x", "a"}
	if q.String() != "{urn:x}a" || (XSQName{Local: "b"}).String() != "b" {
		t.Error(q.String())
	}
	if string(q.AppendXML(nil, "t")) != "t:a" || string(q.AppendXML(nil, "")) != "a" {
		t.Error("AppendXML")
	}
	for _, s := range []string{"{urn:x}a", "b"} {
		p, err := XSParseQName(s)
		if err != nil || p.String() != s {
			t.Errorf("%q: %v %v", s, p, err)
		}
	}
	for _, s := range []string{"", "{urn:x", "{u}", "a:b", "1a"} {
		if _, err := XSParseQName(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

// TestTimeNeverPanics: nil pointers and zero values of the date and time
// types give the zero time.Time.
func TestTimeNeverPanics(t *testing.T) {
	var dt *XSDateTime
	var d *XSDate
	var tm *XSTime
	if !dt.Time().IsZero() || !d.Time().IsZero() || !tm.Time().IsZero() {
		t.Error("nil: non-zero time")
	}
	if !(&XSDateTime{}).Time().IsZero() || !(&XSDate{}).Time().IsZero() {
		t.Error("zero value: non-zero time")
	}
	if v := (&XSDateTime{Year: 1, Month: 1, Day: 1, Zone: "Z"}); !v.Time().IsZero() {
		t.Errorf("0001-01-01T00:00:00Z: %v, want the zero time", v.Time())
	}
	if v := (&XSDate{Year: 2024, Month: 5, Day: 1}); v.Time().IsZero() {
		t.Error("2024-05-01: zero time")
	}
}
