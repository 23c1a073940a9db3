// This file is copied next to the package generated from the attributes case
// (module "scratch", package attributes) by TestGolden and run there.
package attributes_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"reflect"
	"testing"

	a "scratch"
)

func roundTrip(t *testing.T, file string, v a.BodyElement) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
	out := a.Marshal(v)
	if !bytes.Equal(out, data) {
		t.Errorf("re-encoded differently:\nin:  %s\nout: %s", data, out)
	}
	w := reflect.New(reflect.TypeOf(v).Elem()).Interface().(a.BodyElement)
	if err := a.Unmarshal(out, w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(v, w) {
		t.Errorf("second decode differs:\n%#v\n%#v", v, w)
	}
}

func TestEvent(t *testing.T) {
	var e a.Event
	roundTrip(t, "testdata/event.xml", &e)
	if e.Start.Year != 2024 || e.Start.Zone != "+01:00" || e.Length == nil || *e.Length != "PT1H" {
		t.Errorf("Start/Length = %+v %v", e.Start, e.Length)
	}
	if e.AllDay == nil || !*e.AllDay || e.Revision == nil || *e.Revision != 4294967295 || e.Priority == nil || *e.Priority != 5 {
		t.Errorf("AllDay/Revision/Priority = %v %v %v", e.AllDay, e.Revision, e.Priority)
	}
	if e.Lang == nil || *e.Lang != "en-GB" || e.Source == nil || *e.Source != "s" || e.Local == nil || *e.Local != "q" {
		t.Errorf("Lang/Source/Local = %v %v %v", e.Lang, e.Source, e.Local)
	}
	if e.Visibility == nil || *e.Visibility != a.EventTypeVisibilityPrivate || string(e.Stamp) != "\x01\x02\x03" {
		t.Errorf("Visibility/Stamp = %v %v", e.Visibility, e.Stamp)
	}
	if e.TitleAttr == nil || *e.TitleAttr != "attr" || e.Title != "t" {
		t.Errorf("Title attribute/element = %v %q", e.TitleAttr, e.Title)
	}
}

func TestMeetingInheritsAttributes(t *testing.T) {
	var m a.Meeting
	roundTrip(t, "testdata/meeting.xml", &m)
	if m.Room != "R1" || m.Start.Hour != 3 {
		t.Errorf("meeting = %+v", m)
	}
}

// Attributes matched by xs:anyAttribute are written back with namespace
// declarations that do not clash with the element's own prefixes.
func TestWildcardAttributes(t *testing.T) {
	doc := `<ns1:Event Start="2024-01-02T03:04:05Z" xmlns:ns1="urn:example:cal" xmlns:o="urn:other" xmlns:p="urn:more" o:one="1" p:two="2"><ns1:Title>t</ns1:Title></ns1:Event>`
	var e a.Event
	if err := a.Unmarshal([]byte(doc), &e); err != nil {
		t.Fatal(err)
	}
	if len(e.AnyAttrs) != 2 {
		t.Fatalf("AnyAttrs = %+v", e.AnyAttrs)
	}
	out := a.Marshal(&e)
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, out)
		}
	}
	var back a.Event
	if err := a.Unmarshal(out, &back); err != nil {
		t.Fatalf("wildcard attributes do not round-trip (%v):\n%s", err, out)
	}
	if len(back.AnyAttrs) != 2 {
		t.Fatalf("AnyAttrs after a round trip = %+v", back.AnyAttrs)
	}
	for i := range back.AnyAttrs {
		if back.AnyAttrs[i].Name != e.AnyAttrs[i].Name || back.AnyAttrs[i].Value != e.AnyAttrs[i].Value {
			t.Errorf("AnyAttrs[%d] after a round trip = %+v, want %+v", i, back.AnyAttrs[i], e.AnyAttrs[i])
		}
	}
}
