package ewsrt

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIdentifierRules checks the rules for code copied into generated
// packages: standard library imports only, every package-level identifier
// starts with "xml" or "XS", no package-level variables or init functions,
// and every exported identifier is documented.
func TestIdentifierRules(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if p := strings.Trim(imp.Path.Value, `"`); strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
				t.Errorf("%s: non-standard import %s", name, p)
			}
		}
		check := func(id *ast.Ident, doc *ast.CommentGroup) {
			n := id.Name
			if n == "_" {
				return
			}
			if !strings.HasPrefix(n, "xml") && !strings.HasPrefix(n, "XS") {
				t.Errorf("%s: package-level identifier %s must start with xml or XS", fset.Position(id.Pos()), n)
			}
			if ast.IsExported(n) && doc == nil {
				t.Errorf("%s: exported %s has no doc comment", fset.Position(id.Pos()), n)
			}
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					if ast.IsExported(d.Name.Name) && d.Doc == nil {
						t.Errorf("%s: exported method %s has no doc comment", fset.Position(d.Pos()), d.Name.Name)
					}
					continue
				}
				if d.Name.Name == "init" {
					t.Errorf("%s: init function", fset.Position(d.Pos()))
				}
				check(d.Name, d.Doc)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						doc := s.Doc
						if doc == nil {
							doc = d.Doc
						}
						check(s.Name, doc)
					case *ast.ValueSpec:
						if d.Tok == token.VAR {
							t.Errorf("%s: package-level variable %s", fset.Position(s.Pos()), s.Names[0].Name)
						}
						for _, n := range s.Names {
							doc := s.Doc
							if doc == nil {
								doc = d.Doc
							}
							check(n, doc)
						}
					}
				}
			}
		}
	}
}
