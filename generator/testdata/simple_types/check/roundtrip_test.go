// This file is copied next to the package generated from the simple_types
// case (module "scratch", package simpletypes) by TestGolden and run there.
package simpletypes_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"reflect"
	"testing"

	s "scratch"
)

func TestSettings(t *testing.T) {
	data, err := os.ReadFile("testdata/settings.xml")
	if err != nil {
		t.Fatal(err)
	}
	var v s.Settings
	if err := s.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	if v.Color != s.ColorTypeDarkBlue2 || v.Mode != s.SettingsTypeModeSafe || v.Level == nil || *v.Level != 9 {
		t.Errorf("Color/Mode/Level = %q %q %v", v.Color, v.Mode, v.Level)
	}
	if v.Palette == nil || !reflect.DeepEqual(*v.Palette, s.ColorListType{s.ColorTypeRed, s.ColorTypeX2D}) {
		t.Errorf("Palette = %v", v.Palette)
	}
	if v.Levels == nil || !reflect.DeepEqual(*v.Levels, s.LevelListType{1, 2, 3}) {
		t.Errorf("Levels = %v", v.Levels)
	}
	if v.Days == nil || !reflect.DeepEqual(*v.Days, s.DayNamesType{s.DayNamesTypeItemMon, s.DayNamesTypeItemTue}) {
		t.Errorf("Days = %v", v.Days)
	}
	if v.Big == nil || *v.Big != 18446744073709551615 || v.Count == nil || *v.Count != -9223372036854775808 || v.Tiny == nil || *v.Tiny != -128 {
		t.Errorf("Big/Count/Tiny = %v %v %v", v.Big, v.Count, v.Tiny)
	}
	if !bytes.Equal(v.Digest, []byte{0xca, 0xfe}) || v.Key == nil || v.Key.Space != "urn:example:values" || v.Key.Local != "Settings" {
		t.Errorf("Digest/Key = %x %+v", v.Digest, v.Key)
	}
	out := s.Marshal(&v)
	if !bytes.Equal(out, data) {
		t.Errorf("re-encoded differently:\nin:  %s\nout: %s", data, out)
	}
}

// A global element of a simple type is a document of its own: Marshal must
// declare the namespace of its name.
func TestSimpleElementDocument(t *testing.T) {
	fav := s.Favorite(s.ColorTypeRed)
	out := s.Marshal(&fav)
	var probe struct {
		XMLName xml.Name
		Value   string `xml:",chardata"`
	}
	if err := xml.Unmarshal(out, &probe); err != nil {
		t.Fatal(err)
	}
	if probe.XMLName.Space != "urn:example:values" {
		t.Fatalf("Marshal of a simple-typed global element does not declare its namespace: %s", out)
	}
	var back s.Favorite
	if err := s.Unmarshal(out, &back); err != nil || back != fav {
		t.Errorf("decoded %q, %v", back, err)
	}
}
