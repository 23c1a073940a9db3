package generator

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// namesSchema exercises naming rules 5 to 7: identical anonymous types in
// two owners (merged) and a different one (kept), choice alternatives
// named after their element (Note), two choices wanting one name (Flag)
// and an element named like a schema type (Taken), and a choice field
// held by a field named Items.
const namesSchema = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:n="urn:names" targetNamespace="urn:names" elementFormDefault="qualified">
  <xs:complexType name="A"><xs:sequence>
    <xs:element name="Meta"><xs:complexType><xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType>
  <xs:complexType name="Bee"><xs:sequence>
    <xs:element name="Meta"><xs:complexType><xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType>
  <xs:complexType name="C"><xs:sequence>
    <xs:element name="Meta"><xs:complexType><xs:sequence><xs:element name="X" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType>
  <xs:complexType name="Taken"><xs:sequence><xs:element name="V" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="ArrType"><xs:choice maxOccurs="unbounded">
    <xs:element name="Note" type="xs:string"/>
    <xs:element name="Flag" type="xs:boolean"/>
    <xs:element name="Taken" type="xs:string"/>
  </xs:choice></xs:complexType>
  <xs:complexType name="OtherArr"><xs:choice maxOccurs="unbounded">
    <xs:element name="Flag" type="xs:boolean"/>
    <xs:element name="Count" type="xs:int"/>
  </xs:choice></xs:complexType>
  <xs:complexType name="Holder"><xs:sequence>
    <xs:element name="Items" type="n:ArrType"/>
    <xs:element name="Others" type="n:OtherArr"/>
  </xs:sequence></xs:complexType>
  <xs:element name="Root" type="n:Holder"/>
</xs:schema>
`

// TestNamingRules checks rules 5 to 7 of names.go on namesSchema, and
// that generating twice gives the same files.
func TestNamingRules(t *testing.T) {
	p := filepath.Join(t.TempDir(), "names.xsd")
	if err := os.WriteFile(p, []byte(namesSchema), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{XSDs: []string{p}, Package: "names"}
	files, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(files) {
		t.Fatalf("second run wrote %d files, first %d", len(again), len(files))
	}
	types := map[string]bool{}
	fields := map[string]string{} // "Type.Field" -> type expression
	fset := token.NewFileSet()
	for i, f := range files {
		if f.Name != again[i].Name || !bytes.Equal(f.Content, again[i].Content) {
			t.Errorf("%s differs between two runs", f.Name)
		}
		if !strings.HasSuffix(f.Name, ".go") {
			continue
		}
		af, err := parser.ParseFile(fset, f.Name, f.Content, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range gd.Specs {
				ts, ok := s.(*ast.TypeSpec)
				if !ok {
					continue
				}
				types[ts.Name.Name] = true
				if st, ok := ts.Type.(*ast.StructType); ok {
					for _, fl := range st.Fields.List {
						for _, n := range fl.Names {
							fields[ts.Name.Name+"."+n.Name] = exprString(fl.Type)
						}
					}
				}
			}
		}
	}
	for _, c := range []struct {
		name string
		want bool
	}{
		{"AMeta", true},    // rule 5: the shortest of AMeta, BeeMeta
		{"BeeMeta", false}, // merged into AMeta
		{"CMeta", true},    // another shape
		{"Note", true},     // rule 6
		{"Count", true},    // rule 6
		{"ArrTypeChoiceNote", false},
		{"ArrTypeChoiceFlag", true},  // Flag is wanted twice
		{"OtherArrChoiceFlag", true}, // idem
		{"Flag", false},
		{"ArrTypeChoiceTaken", true}, // Taken is a schema type's name
	} {
		if types[c.name] != c.want {
			t.Errorf("type %s declared: %v, want %v", c.name, types[c.name], c.want)
		}
	}
	for k, want := range map[string]string{
		"A.Meta":         "*AMeta",
		"Bee.Meta":       "*AMeta",
		"C.Meta":         "*CMeta",
		"ArrType.List":   "[]ArrTypeChoice", // rule 7: Holder.Items holds it
		"OtherArr.Items": "[]OtherArrChoice",
	} {
		if got := fields[k]; got != want {
			t.Errorf("field %s is %q, want %q", k, got, want)
		}
	}
}

// exprString prints a type expression of a field.
func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.StarExpr:
		return "*" + exprString(e.X)
	case *ast.ArrayType:
		return "[]" + exprString(e.Elt)
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	}
	return "?"
}
