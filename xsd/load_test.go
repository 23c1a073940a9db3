package xsd

import (
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want.dump / want.err golden files under testdata")

// fixtureInputs returns the files a fixture directory is loaded from: its
// .wsdl file if it has one, else all its top-level .xsd files, sorted.
// A file load.txt overrides this: each line is "input PATH" (loaded, in
// that order) or "catalog PATH" (Options.Catalogs), PATH relative to the
// fixture directory.
func fixtureInputs(t *testing.T, dir string) []string {
	t.Helper()
	if in, _ := fixtureLoad(t, dir); in != nil {
		return in
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var wsdl, xsds []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		p := path.Join(filepath.ToSlash(dir), e.Name())
		switch filepath.Ext(e.Name()) {
		case ".wsdl":
			wsdl = append(wsdl, p)
		case ".xsd":
			xsds = append(xsds, p)
		}
	}
	if len(wsdl) > 0 {
		return wsdl
	}
	sort.Strings(xsds)
	return xsds
}

// fixtureLoad reads the load.txt of a fixture directory: the inputs and the
// options (nil inputs when there is no load.txt).
func fixtureLoad(t *testing.T, dir string) ([]string, Options) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "load.txt"))
	if err != nil {
		return nil, Options{}
	}
	var inputs []string
	var opts Options
	for i, line := range strings.Split(string(data), "\n") {
		kind, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
		p := path.Join(filepath.ToSlash(dir), strings.TrimSpace(arg))
		switch kind {
		case "":
		case "input":
			inputs = append(inputs, p)
		case "catalog":
			opts.Catalogs = append(opts.Catalogs, p)
		default:
			t.Fatalf("%s/load.txt:%d: want input PATH or catalog PATH", dir, i+1)
		}
	}
	return inputs, opts
}

// TestFixtures loads every directory under testdata and compares the dump
// (want.dump) or the error text (want.err) with the golden file.
func TestFixtures(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			inputs := fixtureInputs(t, dir)
			_, opts := fixtureLoad(t, dir)
			set, err := Load(inputs, opts)
			var got, golden string
			if err != nil {
				got, golden = err.Error()+"\n", filepath.Join(dir, "want.err")
				checkErrorValues(t, err)
			} else {
				got, golden = set.Dump(), filepath.Join(dir, "want.dump")
				if again, _ := Load(inputs, opts); again.Dump() != got {
					t.Errorf("Dump is not deterministic")
				}
			}
			if *update {
				os.Remove(filepath.Join(dir, "want.err"))
				os.Remove(filepath.Join(dir, "want.dump"))
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, rerr := os.ReadFile(golden)
			if rerr != nil {
				t.Fatalf("load result has no golden file (%v); got:\n%s", rerr, got)
			}
			if got != string(want) {
				t.Errorf("%s differs (run go test ./xsd -update to accept):\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
}

// checkErrorValues checks that err is a join of *Error values, one per line,
// in position order.
func checkErrorValues(t *testing.T, err error) {
	t.Helper()
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error is %T, want an errors.Join", err)
	}
	var prev *Error
	for _, e := range j.Unwrap() {
		var xe *Error
		if !errors.As(e, &xe) {
			t.Fatalf("error %v is %T, want *Error", e, e)
		}
		if strings.HasSuffix(xe.Msg, ".") || xe.Msg == "" || strings.ToLower(xe.Msg[:1]) != xe.Msg[:1] {
			t.Errorf("message %q: want lowercase start and no trailing period", xe.Msg)
		}
		if prev != nil && prev.Pos.File == xe.Pos.File && (prev.Pos.Line > xe.Pos.Line || prev.Pos.Line == xe.Pos.Line && prev.Pos.Col > xe.Pos.Col) {
			t.Errorf("errors not sorted: %v before %v", prev, xe)
		}
		prev = xe
	}
}

// lineDiff shows the first differing lines of want and got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			if n++; n == 10 {
				break
			}
		}
	}
	return b.String()
}

func name(space, local string) xml.Name { return xml.Name{Space: space, Local: local} }
