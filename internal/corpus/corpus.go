// Package corpus locates the third-party EWS material tests may use: the
// folder named by EWSGEN_CORPUS, holding schemas/<version>/ and examples/.
package corpus

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// Versions are the schema sets the corpus holds.
var Versions = []string{"exchange2010_sp2", "v2017_07_11", "v2018_01_08"}

// Dir returns the corpus folder. When EWSGEN_CORPUS is unset or the folder
// is missing the test is skipped, or fails when EWSGEN_REQUIRE_CORPUS=1.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("EWSGEN_CORPUS")
	if dir == "" {
		Missing(t, "EWSGEN_CORPUS is not set (point it at the EWS corpus folder, e.g. ../shared/ews)")
		return ""
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		Missing(t, "EWSGEN_CORPUS="+dir+" is not a folder")
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// Missing skips the test with msg, which names the variable to set, or
// fails it when EWSGEN_REQUIRE_CORPUS=1. Other third-party test data
// (the WSDL basket) is missing the same way.
func Missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("EWSGEN_REQUIRE_CORPUS") == "1" {
		t.Fatal(msg + "; EWSGEN_REQUIRE_CORPUS=1 requires it")
	}
	t.Skip(msg)
}

// WSDL returns the path of a version's services.wsdl.
func WSDL(dir, version string) string {
	return filepath.Join(dir, "schemas", version, "services.wsdl")
}

// Example is one row of examples/manifest.tsv.
type Example map[string]string

// Manifest reads examples/manifest.tsv.
func Manifest(t testing.TB, dir string) []Example {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "examples", "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	var header []string
	var out []Example
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if header == nil {
			header = rec
			continue
		}
		e := Example{}
		for i, h := range header {
			if i < len(rec) {
				e[h] = rec[i]
			}
		}
		out = append(out, e)
	}
	return out
}
