package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/ewsgen/ewsgen/templates"
)

// Every kind tableKind names is a constant of the runtime (xmlKind,
// templates/rt/tabdec.go), and the runtime declares no kind the generator
// never uses.
func TestTableKindsDeclared(t *testing.T) {
	files, err := templates.Runtime()
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, f := range files {
		if f.Name != "tabdec.go" {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Source, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.CONST {
				for _, s := range gd.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						declared[n.Name] = true
					}
				}
			}
		}
	}
	if len(declared) == 0 {
		t.Fatal("no kinds in tabdec.go")
	}
	used := map[string]bool{"xmlKSwitch": true, kindSub: true, kindSubs: true, kindAlt: true, kindAlts: true}
	for b := range tableKinds {
		for _, fl := range []field{
			{val: &valueRef{b: b}},
			{val: &valueRef{b: b}, optional: true},
			{val: &valueRef{b: b}, repeated: true},
		} {
			k := tableKind(&fl)
			if k == "" {
				t.Errorf("builtin %d (optional %v, repeated %v): no kind", b, fl.optional, fl.repeated)
			}
			used[k] = true
			if !declared[k] {
				t.Errorf("builtin %d (optional %v, repeated %v): kind %s is not declared", b, fl.optional, fl.repeated, k)
			}
		}
		list := &goType{kind: kList, base: valueRef{b: b}}
		if k := tableKind(&field{val: &valueRef{named: list}}); k != "" {
			t.Errorf("list of builtin %d: kind %s", b, k)
		}
		named := &goType{kind: kSimple, base: valueRef{b: b}}
		if k, want := tableKind(&field{val: &valueRef{named: named}, optional: true}), tableKind(&field{val: &valueRef{b: b}, optional: true}); k != want {
			t.Errorf("defined type over builtin %d: kind %s, want %s", b, k, want)
		}
		if k, want := tableKind(&field{val: &valueRef{b: b}, optional: true, nilField: "XNil"}), tableKind(&field{val: &valueRef{b: b}, optional: true}); k != want {
			t.Errorf("nillable builtin %d: kind %s, want %s", b, k, want)
		}
	}
	for _, k := range []string{kindSub, kindSubs, kindAlt, kindAlts} {
		if !declared[k] {
			t.Errorf("kind %s is not declared", k)
		}
	}
	for k := range declared {
		if !used[k] {
			t.Errorf("kind %s is declared but never used", k)
		}
	}
}
