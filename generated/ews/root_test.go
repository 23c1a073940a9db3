package ews

import (
	"strings"
	"testing"
)

// A program's type that embeds a root element type is marshalled as that
// element: its descriptor is found by the element name.
func TestMarshalEmbeddedRoot(t *testing.T) {
	type myRequest struct {
		*RemoveImContactFromGroup
	}
	req := &RemoveImContactFromGroup{ContactId: &ItemIdType{Id: "c1"}, GroupId: &ItemIdType{Id: "g1"}}
	want := string(Marshal(req))
	got := string(Marshal(myRequest{req}))
	if got != want {
		t.Fatalf("embedded: got\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(got, "RemoveImContactFromGroup") {
		t.Fatalf("no element name in %s", got)
	}
}
