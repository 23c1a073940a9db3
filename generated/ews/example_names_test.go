package ews_test

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// maxEverydayName is the longest exported type name allowed on the
// everyday paths of the task examples.
const maxEverydayName = 40

// ewsPath is the import path of this package.
const ewsPath = "github.com/ewsgen/ewsgen/generated/ews"

// everydayImporter gives the package type-checked from its sources to the
// task examples and the standard library from its export data. Other
// packages (the mock server and auth, which only the examples' setup
// uses) are not loaded: what depends on them stays untyped, which the test
// allows outside the example functions only.
type everydayImporter struct {
	ews *types.Package
	std types.Importer
}

func (im everydayImporter) Import(path string) (*types.Package, error) {
	switch {
	case path == ewsPath:
		return im.ews, nil
	case strings.Contains(strings.SplitN(path, "/", 2)[0], "."):
		return nil, fmt.Errorf("%s is not loaded", path)
	}
	return im.std.Import(path)
}

// TestEverydayNames type-checks the package and the task examples
// (example_tasks_test.go) and lists the exported types of this package on
// their everyday paths: the type of every expression and identifier in the
// example functions and their helpers, with the parameter and result types
// of every function and method they call, through pointers, slices, maps
// and type arguments (aliases by their own name, as users write them). It
// prints the longest names and fails when one is longer than
// maxEverydayName.
func TestEverydayNames(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the whole package")
	}
	fset := token.NewFileSet()
	bp, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	std := importer.ForCompiler(fset, "gc", nil)
	pkg, err := (&types.Config{Importer: std}).Check(ewsPath, fset, files, nil)
	if err != nil {
		t.Fatalf("type-checking the package: %v", err)
	}
	exFile, err := parser.ParseFile(fset, filepath.Join(".", "example_tasks_test.go"), nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	var typeErrs []types.Error
	conf := types.Config{Importer: everydayImporter{ews: pkg, std: std}, Error: func(err error) {
		if te, ok := err.(types.Error); ok {
			typeErrs = append(typeErrs, te)
		}
	}}
	conf.Check("ews_test", fset, []*ast.File{exFile}, info) // errors are judged below

	var examples []*ast.FuncDecl
	for _, d := range exFile.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			examples = append(examples, fd)
		}
	}
	inExample := func(pos token.Pos) bool {
		for _, fd := range examples {
			if strings.HasPrefix(fd.Name.Name, "Example") && fd.Pos() <= pos && pos < fd.End() {
				return true
			}
		}
		return false
	}
	t.Logf("%d type errors outside the example functions, where the mock server and auth are used (not loaded)", len(typeErrs))
	for _, te := range typeErrs {
		if inExample(te.Pos) || !strings.Contains(te.Msg, "not loaded") && !strings.Contains(te.Msg, "invalid") && !strings.Contains(te.Msg, "undefined") {
			t.Errorf("type-checking the examples: %v", te)
		}
	}

	reached := map[string]bool{}
	seen := map[types.Type]bool{}
	var walk func(types.Type)
	walk = func(ty types.Type) {
		if ty == nil || seen[ty] {
			return
		}
		seen[ty] = true
		switch ty := ty.(type) {
		case *types.Alias:
			if o := ty.Obj(); o.Pkg() == pkg && o.Exported() {
				reached[o.Name()] = true
				return // users write the alias, not what it stands for
			}
			walk(ty.Rhs())
		case *types.Named:
			if o := ty.Obj(); o.Pkg() == pkg && o.Exported() {
				reached[o.Name()] = true
			}
			for i := 0; i < ty.TypeArgs().Len(); i++ {
				walk(ty.TypeArgs().At(i))
			}
		case *types.Pointer:
			walk(ty.Elem())
		case *types.Slice:
			walk(ty.Elem())
		case *types.Array:
			walk(ty.Elem())
		case *types.Map:
			walk(ty.Key())
			walk(ty.Elem())
		case *types.Chan:
			walk(ty.Elem())
		case *types.Tuple:
			for i := 0; i < ty.Len(); i++ {
				walk(ty.At(i).Type())
			}
		case *types.Signature:
			if tp := ty.TypeParams(); tp != nil {
				for i := 0; i < tp.Len(); i++ {
					walk(tp.At(i).Constraint())
				}
			}
			walk(ty.Params())
			walk(ty.Results())
		case *types.TypeParam:
			walk(ty.Constraint())
		}
	}
	for _, fd := range examples {
		ast.Inspect(fd, func(n ast.Node) bool {
			switch n := n.(type) {
			case ast.Expr:
				if tv, ok := info.Types[n]; ok {
					walk(tv.Type)
				}
				if id, ok := n.(*ast.Ident); ok {
					if o := info.Uses[id]; o != nil {
						walk(o.Type())
						if fn, ok := o.(*types.Func); ok && fn.Pkg() == pkg {
							walk(fn.Type()) // generic functions by their declaration
						}
					}
					if o := info.Defs[id]; o != nil {
						walk(o.Type())
					}
				}
			}
			return true
		})
	}
	if !reached["Client"] || !reached["FindItem"] || !reached["MessageType"] {
		t.Fatalf("the walk missed the examples' own types (Client, FindItem, MessageType): %v", reached)
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
		if i < 10 {
			t.Logf("  %2d %s", len(n), n)
		}
		if len(n) > maxEverydayName {
			t.Errorf("%s (%d characters) is on an everyday path: longer than %d", n, len(n), maxEverydayName)
		}
	}
}
