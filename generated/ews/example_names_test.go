package ews_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// maxEverydayName is the longest exported type name allowed on the
// everyday paths of the task examples.
const maxEverydayName = 40

// TestEverydayNames lists the exported types on the everyday paths of the
// task examples (example_tasks_test.go): the types, functions and
// constants the example bodies name, the parameter and result types of
// the functions and of the methods they call on those types, and so on
// through the methods called on the results. It prints the longest names
// and fails when one is longer than maxEverydayName.
func TestEverydayNames(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]bool{}              // package-level type names
	funcs := map[string]*ast.FuncType{}     // package-level functions
	methods := map[string][]*ast.FuncDecl{} // methods by name
	constType := map[string]string{}        // constant -> its declared type
	var examples *ast.File
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") && f != "example_tasks_test.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(fset, f, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if f == "example_tasks_test.go" {
			examples = af
			continue
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					funcs[d.Name.Name] = d.Type
				} else {
					methods[d.Name.Name] = append(methods[d.Name.Name], d)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						types[s.Name.Name] = true
					case *ast.ValueSpec:
						if id, ok := s.Type.(*ast.Ident); ok {
							for _, n := range s.Names {
								constType[n.Name] = id.Name
							}
						}
					}
				}
			}
		}
	}
	reached := map[string]bool{"Client": true} // the examples' client
	typesIn := func(n ast.Node) {
		if n == nil {
			return
		}
		ast.Inspect(n, func(x ast.Node) bool {
			if id, ok := x.(*ast.Ident); ok && types[id.Name] && ast.IsExported(id.Name) {
				reached[id.Name] = true
			}
			return true
		})
	}
	var called []string // method names called in the example bodies
	for _, d := range examples.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || !strings.HasPrefix(fd.Name.Name, "Example") {
			continue
		}
		ast.Inspect(fd.Body, func(x ast.Node) bool {
			sel, ok := x.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "ews" {
				n := sel.Sel.Name
				switch {
				case types[n]:
					reached[n] = true
				case funcs[n] != nil:
					typesIn(funcs[n])
				case constType[n] != "":
					reached[constType[n]] = true
				}
				return true
			}
			called = append(called, sel.Sel.Name)
			return true
		})
	}
	// methods called on reached types, until nothing new is reached
	for changed := true; changed; {
		changed = false
		before := len(reached)
		for _, m := range called {
			for _, md := range methods[m] {
				recv := md.Recv.List[0].Type
				if st, ok := recv.(*ast.StarExpr); ok {
					recv = st.X
				}
				if id, ok := recv.(*ast.Ident); ok && reached[id.Name] {
					typesIn(md.Type)
				}
			}
		}
		changed = len(reached) != before
	}
	names := make([]string, 0, len(reached))
	for n := range reached {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	t.Logf("%d exported types on the everyday paths; the longest:", len(names))
	for i, n := range names {
		if i < 8 {
			t.Logf("  %2d %s", len(n), n)
		}
		if len(n) > maxEverydayName {
			t.Errorf("%s (%d characters) is on an everyday path: longer than %d", n, len(n), maxEverydayName)
		}
	}
}
