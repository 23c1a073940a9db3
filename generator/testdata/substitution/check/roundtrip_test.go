// This file is copied next to the package generated from the substitution
// case (module "scratch", package substitution) by TestGolden and run there.
package substitution_test

import (
	"bytes"
	"os"
	"reflect"
	"regexp"
	"testing"

	s "scratch"
)

func TestDrawing(t *testing.T) {
	data, err := os.ReadFile("testdata/drawing.xml")
	if err != nil {
		t.Fatal(err)
	}
	var d s.Drawing
	if err := s.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}

	// xsi:type picks the Go type of an element whose declared type is abstract.
	if o, ok := d.Origin.(*s.Point3DType); !ok || o.X != 1 || o.Y != 2 || o.Z != 3 {
		t.Errorf("Origin = %#v, want *Point3DType{1,2,3}", d.Origin)
	}
	if len(d.Marks) != 3 {
		t.Fatalf("Marks = %#v", d.Marks)
	}
	if m, ok := d.Marks[0].(*s.PointType); !ok || m.Y != -1 {
		t.Errorf("Marks[0] = %#v, want *PointType", d.Marks[0])
	}
	if m, ok := d.Marks[1].(*s.ColoredPoint3DType); !ok || m.Color != "red" || m.Z != 1 {
		t.Errorf("Marks[1] = %#v, want *ColoredPoint3DType", d.Marks[1])
	}
	if m, ok := d.Marks[2].(*s.FlatPointType); !ok || m.X != 5 || m.Y != 6 {
		t.Errorf("Marks[2] = %#v, want *FlatPointType", d.Marks[2])
	}

	// Substitution group members in document order, including a member of a member.
	if len(d.Shape) != 3 {
		t.Fatalf("Shape = %#v", d.Shape)
	}
	if c, ok := d.Shape[0].(*s.Circle); !ok || c.Radius != 2.5 || c.Label == nil || *c.Label != "round" || c.Id == nil || *c.Id != "c1" {
		t.Errorf("Shape[0] = %#v, want *Circle", d.Shape[0])
	}
	if tr, ok := d.Shape[1].(*s.Triangle); !ok || len(tr.Corner) != 3 {
		t.Errorf("Shape[1] = %#v, want *Triangle", d.Shape[1])
	}
	if p, ok := d.Shape[2].(*s.Polygon); !ok || len(p.Corner) != 4 || p.Corner[2].X != 2 {
		t.Errorf("Shape[2] = %#v, want *Polygon", d.Shape[2])
	}
	// An instantiable head: a member element in its place.
	if w, ok := d.Note.(*s.Warning); !ok || w.Value != "careful" || w.Lang == nil || *w.Lang != "en" {
		t.Errorf("Note = %#v, want *Warning", d.Note)
	}

	out := s.Marshal(&d)
	if !bytes.Equal(out, data) {
		t.Fatalf("re-encoded differently:\nin:  %s\nout: %s", data, out)
	}
	var again s.Drawing
	if err := s.Unmarshal(out, &again); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, again) {
		t.Errorf("second decode differs:\n%#v\n%#v", d, again)
	}
}

// A value built in Go (no xsi:type read) still writes xsi:type where the
// declared type is abstract, and reads back as the same Go types.
func TestBuiltInGo(t *testing.T) {
	d := &s.Drawing{
		Origin: &s.ColoredPoint3DType{X: 1, Y: 2, Z: 3, Color: "blue"},
		Shape:  []s.Shape{&s.Polygon{Corner: []s.PointType{{X: 1}, {Y: 1}, {X: 1, Y: 1}}}, &s.Circle{Radius: 1}},
		Note:   &s.Note{Value: "plain"},
	}
	out := s.Marshal(d)
	if !regexp.MustCompile(`<\w+:Origin [^>]*xsi:type="\w+:ColoredPoint3DType"`).Match(out) {
		t.Errorf("no xsi:type for the abstract Origin: %s", out)
	}
	var back s.Drawing
	if err := s.Unmarshal(out, &back); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if o, ok := back.Origin.(*s.ColoredPoint3DType); !ok || o.Color != "blue" {
		t.Errorf("Origin = %#v", back.Origin)
	}
	if _, ok := back.Shape[0].(*s.Polygon); !ok {
		t.Errorf("Shape[0] = %#v", back.Shape[0])
	}
	if _, ok := back.Shape[1].(*s.Circle); !ok {
		t.Errorf("Shape[1] = %#v", back.Shape[1])
	}
	if n, ok := back.Note.(*s.Note); !ok || n.Value != "plain" {
		t.Errorf("Note = %#v", back.Note)
	}
}
