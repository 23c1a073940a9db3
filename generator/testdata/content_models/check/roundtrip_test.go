// This file is copied next to the package generated from the content_models
// case (module "scratch", package contentmodels) by TestGolden and run there.
package contentmodels_test

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	c "scratch"
)

func TestForm(t *testing.T) {
	data, err := os.ReadFile("testdata/form.xml")
	if err != nil {
		t.Fatal(err)
	}
	var f c.Form
	if err := c.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Name != "signup" || f.CreatedBy != "ann" || f.Revision == nil || *f.Revision != 3 {
		t.Errorf("form = %+v", f)
	}

	// The repeating choice keeps document order and the Go type of each item.
	var kinds []string
	for _, it := range f.Controls.Items {
		kinds = append(kinds, reflect.TypeOf(it).Elem().Name())
	}
	want := []string{"Heading", "FieldType", "Primary", "SettingsType",
		"FieldType", "Secondary", "Heading"}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("control kinds = %v, want %v", kinds, want)
	}
	if p, ok := f.Controls.Items[2].(*c.Primary); !ok || p.Action != "urn:ok" || p.Value != "OK" {
		t.Errorf("Primary = %#v", f.Controls.Items[2])
	}
	if fl, ok := f.Controls.Items[4].(*c.FieldType); !ok || fl.From == nil || fl.Text != nil || len(fl.Hint) != 0 {
		t.Errorf("second field = %#v", f.Controls.Items[4])
	}

	// The repeating group choice.
	if len(f.Attachments) != 3 {
		t.Fatalf("Attachments = %#v", f.Attachments)
	}
	if b, ok := f.Attachments[0].(*c.Blob); !ok || !bytes.Equal(b.Value, []byte{0, 1, 2}) {
		t.Errorf("Attachments[0] = %#v", f.Attachments[0])
	}
	if l, ok := f.Attachments[1].(*c.Link); !ok || l.Value != "http://example.com/a" {
		t.Errorf("Attachments[1] = %#v", f.Attachments[1])
	}

	// Simple content with an int value, and nil elements.
	if f.Total == nil || f.Total.Value != 2 || f.Total.Unit == nil || *f.Total.Unit != "fields" {
		t.Errorf("Total = %#v", f.Total)
	}
	if !f.DeadlineNil {
		t.Errorf("Deadline was xsi:nil but DeadlineNil is false")
	}
	if f.Owner == nil || !f.Owner.XSINil {
		t.Errorf("Owner = %#v, want a nil-marked FieldType", f.Owner)
	}
	if f.Extra == nil || len(f.Extra.Content) == 0 {
		t.Errorf("Extra = %#v, want its content kept", f.Extra)
	}

	out := c.Marshal(&f)
	if !bytes.Equal(out, data) {
		t.Fatalf("re-encoded differently:\nin:  %s\nout: %s", data, out)
	}
	var again c.Form
	if err := c.Unmarshal(out, &again); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, again) {
		t.Errorf("second decode differs:\n%#v\n%#v", f, again)
	}
}

// An element declared without a type has the content of xs:anyType, which is
// mixed: its character data must survive decoding.
func TestAnyTypeMixedContent(t *testing.T) {
	doc := []byte(`<ns1:Form Name="n" xmlns:ns1="urn:example:forms"><ns1:CreatedBy>a</ns1:CreatedBy><ns1:Controls/>` +
		`<ns1:Deadline>2024-01-01T00:00:00Z</ns1:Deadline><ns1:Extra>before <b xmlns="">bold</b> after</ns1:Extra></ns1:Form>`)
	var f c.Form
	if err := c.Unmarshal(doc, &f); err != nil {
		t.Fatal(err)
	}
	out := c.Marshal(&f)
	if !bytes.Contains(out, []byte("before ")) || !bytes.Contains(out, []byte(" after")) {
		t.Fatalf("the text of an xs:anyType element is dropped; got\n%s", out)
	}
}
