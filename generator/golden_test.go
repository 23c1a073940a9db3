package generator

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The golden tests generate every case under testdata/ and compare the
// output with the case's want/ directory (or, for a case whose input is
// broken, the error text with want.err). Run
//
//	go test ./generator -run TestGolden -update
//
// to rewrite the golden files after an intended change, and review the diff.
//
// A case directory holds its input files and optionally config.json:
//
//	{
//	  "package":    "notes",          // Config.Package (default: the case name without '_')
//	  "schemaDocs": true,             // Config.SchemaDocs
//	  "operations": ["A"],            // Config.Operations
//	  "renames":    {"{ns}X": "Y"},   // Config.Renames
//	  "wsdl":       "../x/a.wsdl",    // input, relative to the case (default: its .wsdl file)
//	  "xsds":       ["a.xsd"],        // inputs when there is no WSDL (default: its .xsd files)
//	  "typecheck":  true              // also go build + go vet the want/ files
//	}
//
// A case with an xfail.txt records a known generator bug: it is skipped
// while generating it fails (or its output does not compile), and fails once
// it works, so that the file is removed and the output recorded.
//
// A case with a check/ directory is also generated into a scratch module
// together with check/*_test.go (and check/*.xml as testdata) and `go test`
// is run there.
//
// want/ holds the files generated from the schemas. The files that are
// copies of templates/ (the runtime, the SOAP layer, ...) are not kept there:
// each template must be copied verbatim (package clause aside), which is
// checked against templates/ itself, so a runtime change does not touch every
// golden case.

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ (want/ and want.err)")

type goldConfig struct {
	Package    string            `json:"package"`
	SchemaDocs bool              `json:"schemaDocs"`
	Operations []string          `json:"operations"`
	Renames    map[string]string `json:"renames"`
	WSDL       string            `json:"wsdl"`
	XSDs       []string          `json:"xsds"`
	Typecheck  bool              `json:"typecheck"`
}

// goldLoad reads the case's config.json and builds the generator Config.
// Input paths are slash-separated and relative to the package directory
// (testdata/<case>/...), so error positions in want.err are stable.
func goldLoad(t *testing.T, dir string) (goldConfig, Config) {
	t.Helper()
	var gc goldConfig
	if b, err := os.ReadFile(filepath.Join(dir, "config.json")); err == nil {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&gc); err != nil {
			t.Fatalf("%s/config.json: %v", dir, err)
		}
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}
	rel := func(p string) string { return filepath.ToSlash(filepath.Join(dir, p)) }
	cfg := Config{
		Package:    gc.Package,
		SchemaDocs: gc.SchemaDocs,
		Operations: gc.Operations,
		Renames:    gc.Renames,
	}
	if cfg.Package == "" {
		cfg.Package = strings.ReplaceAll(filepath.Base(dir), "_", "")
	}
	switch {
	case gc.WSDL != "":
		cfg.WSDL = rel(gc.WSDL)
	case len(gc.XSDs) > 0:
		for _, x := range gc.XSDs {
			cfg.XSDs = append(cfg.XSDs, rel(x))
		}
	default:
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			switch {
			case e.IsDir():
			case strings.HasSuffix(e.Name(), ".wsdl"):
				if cfg.WSDL != "" {
					t.Fatalf("%s has two .wsdl files", dir)
				}
				cfg.WSDL = rel(e.Name())
			case strings.HasSuffix(e.Name(), ".xsd"):
				cfg.XSDs = append(cfg.XSDs, rel(e.Name()))
			}
		}
		if cfg.WSDL != "" {
			cfg.XSDs = nil
		}
		sort.Strings(cfg.XSDs)
	}
	if cfg.WSDL == "" && len(cfg.XSDs) == 0 {
		t.Fatalf("%s: no input files", dir)
	}
	return gc, cfg
}

// templateSources reads the fixed sources a generated package copies: the
// runtime (templates/rt/*.go without tests and doc.go) and templates/*.tmpl,
// by path.
func templateSources(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, pat := range []string{"../templates/rt/*.go", "../templates/*.tmpl"} {
		paths, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if strings.HasSuffix(p, "_test.go") || p == "../templates/rt/doc.go" {
				continue // tests and the runtime's package doc are not copied
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.ToSlash(p)] = string(b)
		}
	}
	if len(out) == 0 {
		t.Fatal("no templates found under ../templates")
	}
	return out
}

// stripHeader removes the generated-code header (the leading // lines and
// the blank line after them).
func stripHeader(src string) string {
	for strings.HasPrefix(src, "//") {
		i := strings.IndexByte(src, '\n')
		if i < 0 {
			return ""
		}
		src = src[i+1:]
	}
	return strings.TrimPrefix(src, "\n")
}

var pkgLine = regexp.MustCompile(`(?m)^package [A-Za-z_][A-Za-z0-9_]*[ \t]*$`)

// splitTemplates sorts the generated files into copies of a template and
// files generated from the schemas. Every template must be copied exactly
// once, under the generated-code header, with the package clause replaced.
func splitTemplates(t *testing.T, pkg string, files []File) (schema []File) {
	t.Helper()
	tmpl := templateSources(t)
	byBody := map[string]string{}
	for path, src := range tmpl {
		byBody[pkgLine.ReplaceAllString(src, "package "+pkg)] = path
	}
	copied := map[string]string{}
	for _, f := range files {
		if !bytes.HasPrefix(f.Content, []byte(generatedHeader+"\n")) {
			t.Errorf("%s does not start with %q", f.Name, generatedHeader)
		}
		if path, ok := byBody[stripHeader(string(f.Content))]; ok {
			if prev, dup := copied[path]; dup {
				t.Errorf("%s copied twice, as %s and %s", path, prev, f.Name)
			}
			copied[path] = f.Name
			continue
		}
		schema = append(schema, f)
	}
	// The profile templates are alternatives: a package copies one of them.
	profiles := []string{"../templates/ews.go.tmpl", "../templates/generic.go.tmpl"}
	var missing []string
	for path := range tmpl {
		if _, ok := copied[path]; !ok {
			alt := false
			for i, p := range profiles {
				if p == path {
					_, alt = copied[profiles[1-i]]
				}
			}
			// The EWS profile's conveniences come with the EWS profile
			// only, and only when the schemas have the types they use
			// (TestUpToDate in generated/ews checks they are there).
			if path == "../templates/ews_helpers.go.tmpl" {
				alt = true
			}
			if !alt {
				missing = append(missing, path)
			}
		}
	}
	sort.Strings(missing)
	for _, p := range missing {
		t.Errorf("template %s is not copied verbatim (package clause aside) into any generated file", p)
	}
	return schema
}

var errLine = regexp.MustCompile(`^[^:]+:\d+:\d+: \S`)

func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		n++
		dir := filepath.ToSlash(dir)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			gc, cfg := goldLoad(t, dir)
			files, genErr := Generate(cfg)
			if reason, err := os.ReadFile(filepath.Join(dir, "xfail.txt")); err == nil {
				goldKnownBug(t, dir, strings.TrimSpace(string(reason)), files, genErr)
				return
			}
			wantDir := filepath.Join(dir, "want")
			wantErr := filepath.Join(dir, "want.err")
			if genErr != nil {
				goldError(t, dir, genErr)
				return
			}
			if _, err := os.Stat(wantErr); err == nil && !*update {
				want, _ := os.ReadFile(wantErr)
				t.Fatalf("Generate succeeded, want the error in %s:\n%s", wantErr, want)
			}
			schema := splitTemplates(t, cfg.Package, files)
			if *update {
				os.Remove(wantErr)
				if err := os.RemoveAll(wantDir); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(wantDir, 0o755); err != nil {
					t.Fatal(err)
				}
				for _, f := range schema {
					if err := os.WriteFile(filepath.Join(wantDir, f.Name), f.Content, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			} else {
				goldCompareDir(t, wantDir, schema)
			}

			// Same input, same bytes.
			again, err := Generate(cfg)
			if err != nil {
				t.Fatalf("second Generate: %v", err)
			}
			if d := filesDiffer(files, again); d != "" {
				t.Errorf("Generate is not deterministic: %s", d)
			}

			if gc.Typecheck && !t.Failed() {
				goldTypecheck(t, wantDir, files, schema)
			}
			if fi, err := os.Stat(filepath.Join(dir, "check")); err == nil && fi.IsDir() && !t.Failed() {
				goldBehaviour(t, filepath.Join(dir, "check"), files)
			}
		})
	}
	if n == 0 {
		t.Fatal("no golden cases under testdata/")
	}
}

// goldKnownBug handles a case that records a known generator bug (its
// xfail.txt says which): the case must still fail to generate or to compile.
// Once it passes, the test fails so that xfail.txt is removed and the output
// recorded with -update.
func goldKnownBug(t *testing.T, dir, reason string, files []File, genErr error) {
	t.Helper()
	if genErr != nil {
		msg, _, _ := strings.Cut(genErr.Error(), "\n")
		t.Skipf("known generator bug (%s): %s", reason, msg)
	}
	if !testing.Short() {
		m := map[string][]byte{}
		for _, f := range files {
			m[f.Name] = f.Content
		}
		mod := scratchModule(t, m)
		cmd := exec.Command("go", "vet", "./...")
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("known generator bug (%s): output does not compile:\n%s", reason, out)
		}
	}
	t.Errorf("%s/xfail.txt records a bug (%s), but the case now generates (and compiles): delete xfail.txt and run go test ./generator -run TestGolden -update", dir, reason)
}

// goldError compares a generation error with want.err.
func goldError(t *testing.T, dir string, genErr error) {
	t.Helper()
	got := genErr.Error() + "\n"
	for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if !errLine.MatchString(l) {
			t.Errorf("error line %q is not file:line:col: message", l)
		}
	}
	wantErr := filepath.Join(dir, "want.err")
	if *update {
		os.RemoveAll(filepath.Join(dir, "want"))
		if err := os.WriteFile(wantErr, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(wantErr)
	if err != nil {
		t.Fatalf("Generate failed but the case has no want.err (%v); got:\n%s", err, got)
	}
	if string(want) != got {
		t.Errorf("error text differs (go test ./generator -run TestGolden -update to accept):\n%s",
			unifiedDiff("want.err", string(want), got))
	}
}

// goldCompareDir compares the schema files with want/, by name and content.
func goldCompareDir(t *testing.T, wantDir string, got []File) {
	t.Helper()
	entries, err := os.ReadDir(wantDir)
	if err != nil {
		t.Fatalf("no golden output (%v); run go test ./generator -run TestGolden -update", err)
	}
	want := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(wantDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		want[e.Name()] = b
	}
	for _, f := range got {
		w, ok := want[f.Name]
		if !ok {
			t.Errorf("%s: generated but not in want/ (+%d lines)", f.Name, bytes.Count(f.Content, []byte("\n")))
			continue
		}
		delete(want, f.Name)
		if !bytes.Equal(w, f.Content) {
			t.Errorf("%s differs (go test ./generator -run TestGolden -update to accept):\n%s",
				f.Name, unifiedDiff(f.Name, string(w), string(f.Content)))
		}
	}
	var missing []string
	for n := range want {
		missing = append(missing, n)
	}
	sort.Strings(missing)
	for _, n := range missing {
		t.Errorf("%s: in want/ but no longer generated", n)
	}
}

// filesDiffer describes the first difference between two generations.
func filesDiffer(a, b []File) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			return fmt.Sprintf("file %d is %s, then %s", i, a[i].Name, b[i].Name)
		}
		if !bytes.Equal(a[i].Content, b[i].Content) {
			return a[i].Name + ":\n" + unifiedDiff(a[i].Name, string(a[i].Content), string(b[i].Content))
		}
	}
	return ""
}

// goTool runs the go command in dir and fails the test with its output when
// it fails.
func goTool(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GO111MODULE=on", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

// scratchModule writes files into a new module "scratch" and returns its dir.
func scratchModule(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = []byte("module scratch\n\ngo 1.26\n")
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// goldTypecheck builds and vets the want/ files together with the runtime.
func goldTypecheck(t *testing.T, wantDir string, files, schema []File) {
	t.Helper()
	if testing.Short() {
		t.Log("-short: not type-checking want/")
		return
	}
	fromSchema := map[string]bool{}
	for _, f := range schema {
		fromSchema[f.Name] = true
	}
	m := map[string][]byte{}
	for _, f := range files {
		if !fromSchema[f.Name] {
			m[f.Name] = f.Content
		}
	}
	entries, err := os.ReadDir(wantDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(wantDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = b
	}
	dir := scratchModule(t, m)
	goTool(t, dir, "build", "./...")
	goTool(t, dir, "vet", "./...")
}

// goldBehaviour runs the case's check/ tests against the generated package.
func goldBehaviour(t *testing.T, checkDir string, files []File) {
	t.Helper()
	if testing.Short() {
		t.Log("-short: not running check/")
		return
	}
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Name] = f.Content
	}
	entries, err := os.ReadDir(checkDir)
	if err != nil {
		t.Fatal(err)
	}
	tests := 0
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(checkDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(e.Name(), "_test.go"):
			m[e.Name()] = b
			tests++
		default:
			m["testdata/"+e.Name()] = b
		}
	}
	if tests == 0 {
		t.Fatalf("%s has no _test.go file", checkDir)
	}
	dir := scratchModule(t, m)
	goTool(t, dir, "vet", "./...")
	out := goTool(t, dir, "test", "-count=1", "-v", "./...")
	// check/ tests skip themselves on a known generator bug: say so here.
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "KNOWN GENERATOR BUG") {
			t.Log("check/: " + strings.TrimSpace(l))
		}
	}
}

// unifiedDiff returns a line diff of want and got in unified style
// (-want +got, three lines of context), headed by name.
func unifiedDiff(name, want, got string) string {
	a := strings.SplitAfter(want, "\n")
	b := strings.SplitAfter(got, "\n")
	if len(a) > 0 && a[len(a)-1] == "" {
		a = a[:len(a)-1]
	}
	if len(b) > 0 && b[len(b)-1] == "" {
		b = b[:len(b)-1]
	}
	// Common prefix and suffix first; the LCS table covers only the middle.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	type op struct {
		kind byte // ' ', '-', '+'
		line string
		ai   int // 0-based line in want
		bi   int // 0-based line in got
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{' ', a[i], i, i})
	}
	if len(am)*len(bm) > 25_000_000 {
		// Too big for the table: show the middle as removed then added.
		for i, l := range am {
			ops = append(ops, op{'-', l, pre + i, pre})
		}
		for j, l := range bm {
			ops = append(ops, op{'+', l, pre + len(am), pre + j})
		}
	} else {
		n, m := len(am), len(bm)
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if am[i] == bm[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && am[i] == bm[j]:
				ops = append(ops, op{' ', am[i], pre + i, pre + j})
				i++
				j++
			case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
				ops = append(ops, op{'-', am[i], pre + i, pre + j})
				i++
			default:
				ops = append(ops, op{'+', bm[j], pre + i, pre + j})
				j++
			}
		}
	}
	for i := 0; i < suf; i++ {
		ops = append(ops, op{' ', a[len(a)-suf+i], len(a) - suf + i, len(b) - suf + i})
	}

	var out strings.Builder
	fmt.Fprintf(&out, "--- want/%s\n+++ got/%s\n", name, name)
	const ctx = 3
	shown := 0
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		start := max(k-ctx, 0)
		end := k
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run-end > 2*ctx || run == len(ops) {
				end = min(end+ctx, len(ops))
				break
			}
			end = run
		}
		fmt.Fprintf(&out, "@@ -%d +%d @@\n", ops[start].ai+1, ops[start].bi+1)
		for _, o := range ops[start:end] {
			line := strings.TrimSuffix(o.line, "\n")
			fmt.Fprintf(&out, "%c%s\n", o.kind, line)
			shown++
		}
		if shown > 400 {
			out.WriteString("... (diff cut)\n")
			break
		}
		k = end
	}
	return out.String()
}

// topLevelDecls returns, for every package-level identifier declared in the
// files, the files declaring it, and the set of identifiers whose doc
// comment says they stand for a schema component ("X is the Go form of").
func topLevelDecls(t *testing.T, files []File) (decls map[string][]string, fromSchema map[string]bool) {
	t.Helper()
	decls = map[string][]string{}
	fromSchema = map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f.Name, f.Content, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("generated %s does not parse: %v", f.Name, err)
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					decls[d.Name.Name] = append(decls[d.Name.Name], f.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						decls[s.Name.Name] = append(decls[s.Name.Name], f.Name)
						if d.Doc != nil && strings.Contains(d.Doc.Text(), s.Name.Name+" is the Go form of ") {
							fromSchema[s.Name.Name] = true
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							decls[n.Name] = append(decls[n.Name], f.Name)
							if d.Tok == token.CONST && len(s.Values) == 1 {
								// enumeration constants come from the schema too
								if _, ok := s.Values[0].(*ast.BasicLit); ok && s.Type != nil {
									fromSchema[n.Name] = true
								}
							}
						}
					}
				}
			}
		}
	}
	return decls, fromSchema
}

// TestReservedNames gives global elements of a schema the names of every
// exported identifier a generated package declares besides the schema's own
// (the runtime, the SOAP layer, the client and server, the operation table)
// and requires that the package still declares each identifier once: an
// element whose name is taken gets another Go name instead.
func TestReservedNames(t *testing.T) {
	base := "testdata/wsdl_two_ns"
	_, cfg := goldLoad(t, base)
	files, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	decls, fromSchema := topLevelDecls(t, files)
	var fixed []string
	for name := range decls {
		if ast.IsExported(name) && !fromSchema[name] {
			fixed = append(fixed, name)
		}
	}
	sort.Strings(fixed)
	if len(fixed) < 10 {
		t.Fatalf("found only %d fixed exported identifiers (%v): the doc-comment heuristic is broken", len(fixed), fixed)
	}
	t.Logf("%d fixed exported identifiers: %s", len(fixed), strings.Join(fixed, " "))

	// Copy the case and declare one element per fixed identifier.
	dir := t.TempDir()
	err = filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(base, p)
		if strings.HasPrefix(rel, "want") || strings.HasPrefix(rel, "check") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == filepath.Join("types", "core.xsd") {
			var extra strings.Builder
			for _, n := range fixed {
				fmt.Fprintf(&extra, "  <xs:element name=%q type=\"xs:string\"/>\n", n)
			}
			b = bytes.Replace(b, []byte("</xs:schema>"), []byte(extra.String()+"</xs:schema>"), 1)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg.WSDL = filepath.Join(dir, "service.wsdl")
	files, err = Generate(cfg)
	if err != nil {
		t.Fatalf("elements named like the package's own identifiers: %v", err)
	}
	decls, _ = topLevelDecls(t, files)
	var dups []string
	for name, where := range decls {
		if len(where) > 1 {
			dups = append(dups, fmt.Sprintf("%s (declared in %s)", name, strings.Join(where, ", ")))
		}
	}
	sort.Strings(dups)
	if len(dups) > 0 {
		t.Errorf("%d identifiers declared twice, so the package does not compile; the generator must reserve them:\n\t%s",
			len(dups), strings.Join(dups, "\n\t"))
	}
}

func TestUnifiedDiff(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
	got := "a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	d := unifiedDiff("x.go", want, got)
	exp := "--- want/x.go\n+++ got/x.go\n" +
		"@@ -1 +1 @@\n a\n b\n-c\n+C\n d\n e\n f\n" +
		"@@ -10 +10 @@\n j\n k\n l\n+m\n"
	if d != exp {
		t.Errorf("unifiedDiff =\n%s\nwant\n%s", d, exp)
	}
	if d := unifiedDiff("x.go", want, want); d != "--- want/x.go\n+++ got/x.go\n" {
		t.Errorf("diff of equal texts = %q", d)
	}
}
