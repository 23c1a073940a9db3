// This file is copied next to the package generated from the mixed_content
// case (module "scratch") by TestGolden and run there.
package mixedcontent_test

import (
	"bytes"
	"os"
	"testing"

	m "scratch"
)

func TestMixedText(t *testing.T) {
	data, err := os.ReadFile("testdata/filter.xml")
	if err != nil {
		t.Fatal(err)
	}
	var f m.Filter
	if err := m.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Topic.Text != "tns1:Device/a&b" || f.Topic.Dialect != "urn:d" {
		t.Errorf("Topic = %q %q", f.Topic.Text, f.Topic.Dialect)
	}
	if f.Note == nil || f.Note.Text2 != "see " || f.Note.Text == nil || *f.Note.Text != "x" {
		t.Errorf("Note = %+v", f.Note)
	}
	if f.Signed == nil || f.Signed.Text2 != "ok" || f.Signed.By != "me" {
		t.Errorf("Signed = %+v", f.Signed)
	}
	if out := m.Marshal(&f); !bytes.Equal(out, data) {
		t.Errorf("re-encoded differently:\nin:  %s\nout: %s", data, out)
	}
	// Indentation between child elements is not kept as text.
	var n m.Filter
	in := []byte("<ns1:Filter xmlns:ns1=\"urn:example:mixed\"><ns1:Topic Dialect=\"u\">\n  <x/>\n</ns1:Topic></ns1:Filter>")
	if err := m.Unmarshal(in, &n); err != nil {
		t.Fatal(err)
	}
	if n.Topic.Text != "" || n.Topic.Any == nil {
		t.Errorf("Topic = %q %v", n.Topic.Text, n.Topic.Any)
	}
}
