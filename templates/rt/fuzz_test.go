package ewsrt

import (
	"math"
	"strings"
	"testing"
	"time"
)

func FuzzDecoder(f *testing.F) {
	for _, d := range corpusDocs {
		f.Add([]byte(d))
	}
	for _, d := range brokenDocs {
		f.Add([]byte(d))
	}
	f.Add(benchDoc(2))
	lim := xmlLimits{MaxDepth: 64}
	f.Fuzz(func(t *testing.T, doc []byte) {
		evAny, errAny := anyEvents(doc, lim)
		evChild, errChild := childEvents(doc, lim)
		errSkip := skipCheck(doc, lim)
		if (errAny == nil) != (errChild == nil) || (errAny == nil) != (errSkip == nil) {
			t.Fatalf("decoder paths disagree on %q: Any %v, Child %v, Skip %v", doc, errAny, errChild, errSkip)
		}
		if errAny != nil && (errAny.Error() != errChild.Error() || errAny.Error() != errSkip.Error()) {
			t.Fatalf("decoder paths report different errors on %q: Any %v, Child %v, Skip %v", doc, errAny, errChild, errSkip)
		}
		stdEv, sawDirective, stdErr := stdEvents(doc, true)
		if errAny == nil {
			if stdErr != nil {
				if hasNonASCII(doc) && strings.Contains(stdErr.Error(), "invalid XML name") {
					return // encoding/xml uses the older XML 1.0 name tables
				}
				t.Fatalf("we accept %q, encoding/xml rejects it: %v", doc, stdErr)
			}
			if !eqEvents(evAny, stdEv) {
				t.Fatalf("events differ on %q\n got: %q\nwant: %q", doc, evAny, stdEv)
			}
			if w := withoutText(stdEv); !eqEvents(evChild, w) {
				t.Fatalf("Child events differ on %q\n got: %q\nwant: %q", doc, evChild, w)
			}
			if err := textWalk(doc, stdEv, false); err != nil {
				t.Fatalf("Text walk of %q: %v", doc, err)
			}
			if err := textWalk(doc, stdEv, true); err != nil {
				t.Fatalf("TextBytes walk of %q: %v", doc, err)
			}
			// The captured tree re-encodes to an equivalent document.
			d := xmlNewDecoder(doc, nil, lim)
			se, _ := d.Root()
			a, err := d.Any(se)
			if err != nil {
				t.Fatal(err)
			}
			out := a.AppendXML(nil)
			ev2, err := anyEvents(out, xmlLimits{})
			if err != nil || !eqEvents(ev2, evAny) {
				t.Fatalf("re-encoding %q gives %q: %v\n got: %q\nwant: %q", doc, out, err, ev2, evAny)
			}
			return
		}
		if stdErr == nil && !sawDirective && !isStricter(errAny, doc) {
			t.Fatalf("encoding/xml accepts %q, we reject it: %v", doc, errAny)
		}
	})
}

func FuzzDateTime(f *testing.F) {
	for _, s := range validDateTimes {
		f.Add(s)
	}
	for _, s := range invalidDateTimes {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := XSParseDateTime(s)
		if err != nil {
			return
		}
		if got := v.String(); got != xmlTrimSpaceString(s) {
			t.Fatalf("%q round-trips to %q", s, got)
		}
		if v2, err := XSParseDateTime(v.String()); err != nil || v2 != v {
			t.Fatalf("%q reparses to %v, %v", s, v2, err)
		}
		tm := v.Time()
		if v.Hour < 24 && v.Year > 0 && v.Year < 10000 {
			u := XSDateTimeOf(tm)
			if !u.Time().Equal(tm) {
				t.Fatalf("%q: XSDateTimeOf(%v) = %v", s, tm, u)
			}
		}
	})
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"2013-09-06", "2013-09-06Z", "-0001-12-31+14:00", "2000-02-29", "10000-01-01-05:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := XSParseDate(s); err == nil {
			if v.String() != xmlTrimSpaceString(s) {
				t.Fatalf("%q round-trips to %q", s, v)
			}
			_ = v.Time()
		}
		if v, err := XSParseTime(s); err == nil {
			if v.String() != xmlTrimSpaceString(s) {
				t.Fatalf("%q round-trips to %q", s, v)
			}
			_ = v.Time()
		}
	})
}

func FuzzDuration(f *testing.F) {
	for _, s := range []string{"PT0S", "P1DT2H", "-PT30M", "PT1.5S", "P1Y2M3DT4H5M6.7S", "P0Y", "PT9223372036S"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := XSParseDuration(s)
		if err != nil {
			return
		}
		if v.String() != xmlTrimSpaceString(s) {
			t.Fatalf("%q round-trips to %q", s, v)
		}
		d, err := v.Duration()
		if err != nil {
			return
		}
		u := XSDurationOf(d)
		if d2, err := u.Duration(); err != nil || d2 != d {
			t.Fatalf("%q: %v -> %q -> %v, %v", s, d, u, d2, err)
		}
	})
}

func FuzzScalars(f *testing.F) {
	for _, s := range []string{"0", "-1", "+42", "1.5", "1e10", "INF", "-INF", "NaN", "true", "0", "aGVsbG8=", "00ff", ".5", "5."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		if v, err := xmlParseInt(b, 64); err == nil {
			if w, err := xmlParseInt(xmlAppendInt(nil, v), 64); err != nil || w != v {
				t.Fatalf("int %q: %d %d %v", s, v, w, err)
			}
		}
		if v, err := xmlParseUint(b, 32); err == nil && v > math.MaxUint32 {
			t.Fatalf("uint32 %q: %d", s, v)
		}
		for _, bits := range []int{32, 64} {
			if v, err := xmlParseFloat(b, bits); err == nil {
				w, err := xmlParseFloat(xmlAppendFloat(nil, v, bits), bits)
				if err != nil || w != v && !(math.IsNaN(v) && math.IsNaN(w)) {
					t.Fatalf("float%d %q: %v -> %q -> %v %v", bits, s, v, xmlAppendFloat(nil, v, bits), w, err)
				}
			}
		}
		if v, err := XSParseDecimal(s); err == nil && v.String() != xmlTrimSpaceString(s) {
			t.Fatalf("decimal %q", s)
		}
		if v, err := xmlParseBase64(b); err == nil {
			var e xmlEncoder
			e.Base64(v)
			if w, err := xmlParseBase64(e.Buf); err != nil || string(w) != string(v) {
				t.Fatalf("base64 %q", s)
			}
		}
		if v, err := xmlParseHex(b); err == nil {
			if w, err := xmlParseHex(xmlAppendHex(nil, v)); err != nil || string(w) != string(v) {
				t.Fatalf("hex %q", s)
			}
		}
		_, _ = xmlParseBool(b)
		var e xmlEncoder
		e.Raw("<a")
		e.Attr("x", s)
		e.Raw(">")
		e.Text(s)
		e.Raw("</a>")
		d := xmlNewDecoder(e.Buf, nil, xmlLimits{})
		se, err := d.Root()
		if err != nil {
			t.Fatalf("encoder output %q rejected: %v", e.Buf, err)
		}
		av := d.AttrValue(&se.Attrs[0])
		tv, err := d.Text()
		if err != nil {
			t.Fatalf("encoder output %q rejected: %v", e.Buf, err)
		}
		if strings.ToValidUTF8(s, "\uFFFD") == s && !strings.ContainsFunc(s, func(r rune) bool { return !xmlIsChar(r) }) && (av != s || tv != s) {
			t.Fatalf("encoder round trip of %q: attr %q text %q", s, av, tv)
		}
	})
}

var _ = time.Second
