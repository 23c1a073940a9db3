package ews_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// exampleBudgets are the most non-blank lines the body of each everyday
// task's example may take.
var exampleBudgets = map[string]int{
	"Example_newestMessages":        10,
	"Example_htmlDraft":             10,
	"Example_updateSubject":         6,
	"Example_moveToDeletedItems":    6,
	"Example_removeImContact":       8,
	"Example_getItemsPerItemErrors": 10,
}

// TestExampleLines counts the non-blank lines of the body of each task
// example in example_tasks_test.go (between its braces, without the
// "// Output:" block, which is the expected output rather than code),
// prints them, and fails when one is over its budget or missing.
func TestExampleLines(t *testing.T) {
	const file = "example_tasks_test.go"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range af.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		budget, ok := exampleBudgets[fd.Name.Name]
		if !ok {
			continue
		}
		seen[fd.Name.Name] = true
		body := string(src[fset.Position(fd.Body.Lbrace).Offset+1 : fset.Position(fd.Body.Rbrace).Offset])
		n := 0
		for _, line := range strings.Split(body, "\n") {
			line = strings.TrimSpace(line)
			if line == "// Output:" || line == "// Unordered output:" {
				break
			}
			if line != "" {
				n++
			}
		}
		t.Logf("%-30s %2d non-blank lines (budget %d)", fd.Name.Name, n, budget)
		if n > budget {
			t.Errorf("%s: %d non-blank lines, over its budget of %d", fd.Name.Name, n, budget)
		}
	}
	for name := range exampleBudgets {
		if !seen[name] {
			t.Errorf("%s: missing from %s", name, file)
		}
	}
}
