package ews_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generator"
	"github.com/ewsgen/ewsgen/internal/corpus"
)

// generateEWS runs the generator in memory the way doc.go's go:generate
// line does.
func upToDateGenerate(t *testing.T) []generator.File {
	t.Helper()
	wsdl := corpus.WSDL(corpus.Dir(t), "v2018_01_08")
	files, err := generator.Generate(generator.Config{WSDL: wsdl, Package: "ews", SchemaDocs: false})
	if err != nil {
		t.Fatalf("generate from %s: %v", wsdl, err)
	}
	return files
}

// committedFiles returns the generated files of this directory: every .go
// file except the hand-written doc.go and the tests.
func upToDateCommitted(t *testing.T) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || n == "doc.go" || strings.HasSuffix(n, "_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(".", n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	return out
}

// firstDifference describes where two versions of a file part.
func upToDateFirstDiff(a, b []byte) string {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	line := bytes.Count(a[:i], []byte("\n")) + 1
	lineOf := func(x []byte) string {
		start := bytes.LastIndexByte(x[:min(i, len(x))], '\n') + 1
		end := bytes.IndexByte(x[start:], '\n')
		if end < 0 {
			end = len(x) - start
		}
		return string(x[start : start+end])
	}
	return "line " + strconv.Itoa(line) + ":\n\tcommitted: " + lineOf(a) + "\n\tgenerated: " + lineOf(b)
}

// TestUpToDate fails when the committed package is not what the generator
// writes now from the v2018 schemas: run `make generate` and commit.
func TestUpToDate(t *testing.T) {
	files := upToDateGenerate(t)
	committed := upToDateCommitted(t)
	var problems []string
	for _, f := range files {
		old, ok := committed[f.Name]
		switch {
		case !ok:
			problems = append(problems, f.Name+": generated, not committed")
		case !bytes.Equal(old, f.Content):
			problems = append(problems, f.Name+": differs at "+upToDateFirstDiff(old, f.Content))
		}
		delete(committed, f.Name)
	}
	for n := range committed {
		problems = append(problems, n+": committed, no longer generated")
	}
	sort.Strings(problems)
	if len(problems) > 0 {
		t.Errorf("generated/ews is not up to date (run make generate):\n%s", strings.Join(problems, "\n"))
	}
}

// TestGenerateDeterministic generates twice and requires the same bytes.
func TestGenerateDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	a, b := upToDateGenerate(t), upToDateGenerate(t)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			t.Fatalf("file %d: %s, then %s", i, a[i].Name, b[i].Name)
		}
		if !bytes.Equal(a[i].Content, b[i].Content) {
			t.Errorf("%s: %s", a[i].Name, upToDateFirstDiff(a[i].Content, b[i].Content))
		}
	}
}
