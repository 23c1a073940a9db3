package e2e

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/internal/corpus"
)

var (
	ewsgenBin string        // the command, built once by TestMain
	workRoot  string        // scratch space shared by the tests, removed at the end
	goJobs    chan struct{} // bounds concurrent go commands on generated code
)

func TestMain(m *testing.M) {
	flag.Parse()
	root, err := os.MkdirTemp("", "ewsgen-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	workRoot = root
	ewsgenBin = filepath.Join(root, "bin", "ewsgen")
	start := time.Now()
	build := exec.Command("go", "build", "-o", ewsgenBin, "github.com/ewsgen/ewsgen/cmd/ewsgen")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building cmd/ewsgen: %v\n%s", err, out)
		os.RemoveAll(root)
		os.Exit(1)
	}
	if testing.Verbose() {
		fmt.Printf("built cmd/ewsgen in %v\n", time.Since(start).Round(time.Millisecond))
	}
	// Two go commands at a time: building a generated EWS package keeps
	// about one core busy and the machines have two.
	jobs := 2
	if n, err := strconv.Atoi(os.Getenv("EWSGEN_E2E_JOBS")); err == nil && n > 0 {
		jobs = n
	}
	goJobs = make(chan struct{}, jobs)
	code := m.Run()
	os.RemoveAll(root)
	os.Exit(code)
}

// result is what one run of the command did.
type result struct {
	stdout, stderr string
	code           int
}

// ewsgen runs the command in dir and returns its output and exit status.
func ewsgen(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(ewsgenBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPACKAGE=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("ewsgen %s: %v", strings.Join(args, " "), err)
		}
		r.code = ee.ExitCode()
	}
	return r
}

// mustGenerate runs the command and fails the test unless it exits 0
// without printing anything.
func mustGenerate(t *testing.T, dir string, args ...string) {
	t.Helper()
	r := ewsgen(t, dir, args...)
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("ewsgen %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
}

// goCmd runs the go command in dir (at most len(goJobs) at a time) and fails
// the test with its output when it fails.
func goCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	goJobs <- struct{}{}
	defer func() { <-goJobs }()
	start := time.Now()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local", "GO111MODULE=on")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	t.Logf("go %s: %v", strings.Join(args, " "), time.Since(start).Round(100*time.Millisecond))
}

// newModule creates an empty module named scratch and returns its dir.
func newModule(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module scratch\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// full is the package generated from one corpus version, shared by the tests.
type full struct {
	once sync.Once
	mod  string // module dir; the package is in mod/ews
	err  string
}

var fulls sync.Map // version -> *full

// fullPackage generates the whole package for a corpus version (default
// flags: schema docs on) into a scratch module, once per test binary, and
// returns the module dir. The package is in <module>/ews.
func fullPackage(t *testing.T, version string) string {
	t.Helper()
	dir := corpus.Dir(t)
	v, _ := fulls.LoadOrStore(version, &full{})
	f := v.(*full)
	f.once.Do(func() {
		mod := newModule(t, filepath.Join(workRoot, "full-"+version))
		start := time.Now()
		r := ewsgen(t, mod, "--wsdl", corpus.WSDL(dir, version), "--out", "ews", "--package", "ews")
		if r.code != 0 || r.stderr != "" {
			f.err = fmt.Sprintf("ewsgen for %s: exit %d\n%s%s", version, r.code, r.stdout, r.stderr)
			return
		}
		t.Logf("generated %s in %v", version, time.Since(start).Round(100*time.Millisecond))
		f.mod = mod
	})
	if f.err != "" {
		t.Fatal(f.err)
	}
	return f.mod
}

// portTypeOperations reads the names of the operations of the WSDL's
// portTypes with encoding/xml, independently of package xsd.
func portTypeOperations(t *testing.T, wsdl string) []string {
	t.Helper()
	data, err := os.ReadFile(wsdl)
	if err != nil {
		t.Fatal(err)
	}
	var defs struct {
		PortTypes []struct {
			Operations []struct {
				Name string `xml:"name,attr"`
			} `xml:"http://schemas.xmlsoap.org/wsdl/ operation"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ portType"`
	}
	if err := xml.Unmarshal(data, &defs); err != nil {
		t.Fatalf("%s: %v", wsdl, err)
	}
	seen := map[string]bool{}
	var names []string
	for _, pt := range defs.PortTypes {
		for _, op := range pt.Operations {
			if !seen[op.Name] {
				seen[op.Name] = true
				names = append(names, op.Name)
			}
		}
	}
	if len(names) == 0 {
		t.Fatalf("%s: no portType operations found", wsdl)
	}
	sort.Strings(names)
	return names
}

// writeOpsTest drops a test into pkgDir asserting that Operations holds
// exactly names, sorted.
func writeOpsTest(t *testing.T, pkgDir, importPath string, names []string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("package ews_test\n\nimport (\n\t\"testing\"\n\n\tews " + strconv.Quote(importPath) + "\n)\n\n")
	b.WriteString("var wantOperations = []string{\n")
	for _, n := range names {
		b.WriteString("\t" + strconv.Quote(n) + ",\n")
	}
	b.WriteString("}\n\n")
	b.WriteString(`func TestOperations(t *testing.T) {
	if len(ews.Operations) != ` + strconv.Itoa(len(names)) + ` {
		t.Errorf("len(Operations) = %d, want ` + strconv.Itoa(len(names)) + `", len(ews.Operations))
	}
	for i, op := range ews.Operations {
		if i >= len(wantOperations) {
			t.Errorf("extra operation %q", op.Name)
			continue
		}
		if op.Name != wantOperations[i] {
			t.Errorf("Operations[%d].Name = %q, want %q", i, op.Name, wantOperations[i])
		}
		if op.Request.Local == "" || op.Response.Local == "" {
			t.Errorf("operation %s has no request or response element", op.Name)
		}
		if ews.NewBodyElement(op.Request) == nil {
			t.Errorf("operation %s: no Go type for request element %v", op.Name, op.Request)
		}
		if ews.NewBodyElement(op.Response) == nil {
			t.Errorf("operation %s: no Go type for response element %v", op.Name, op.Response)
		}
	}
	for i := len(ews.Operations); i < len(wantOperations); i++ {
		t.Errorf("missing operation %q", wantOperations[i])
	}
}
`)
	if err := os.WriteFile(filepath.Join(pkgDir, "ops_test.go"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVersionsCompile generates the package of every corpus version into a
// scratch module and builds, vets and tests it there; the test asserts the
// operation table against the WSDL's portType.
func TestVersionsCompile(t *testing.T) {
	dir := corpus.Dir(t)
	for _, v := range corpus.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			if testing.Short() {
				t.Skip("-short: not building generated packages")
			}
			names := portTypeOperations(t, corpus.WSDL(dir, v))
			t.Logf("%s: %d portType operations", v, len(names))
			mod := fullPackage(t, v)
			writeOpsTest(t, filepath.Join(mod, "ews"), "scratch/ews", names)
			goCmd(t, mod, "build", "./...")
			goCmd(t, mod, "vet", "./...")
			goCmd(t, mod, "test", "-count=1", "./...")
		})
	}
}

// xsdComponents lists the named global complexTypes, simpleTypes and
// elements of schema files as "kind prefix:Name", read with encoding/xml.
func xsdComponents(t *testing.T, paths ...string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var schema struct {
			TargetNamespace string `xml:"targetNamespace,attr"`
			Children        []struct {
				XMLName xml.Name
				Name    string `xml:"name,attr"`
			} `xml:",any"`
		}
		if err := xml.Unmarshal(data, &schema); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		n := 0
		for _, c := range schema.Children {
			if c.XMLName.Space != "http://www.w3.org/2001/XMLSchema" || c.Name == "" {
				continue
			}
			switch c.XMLName.Local {
			case "complexType", "simpleType", "element":
				out[c.XMLName.Local+" "+qualify(schema.TargetNamespace, c.Name)] = true
				n++
			}
		}
		if n == 0 {
			t.Fatalf("%s: no global components found", p)
		}
	}
	return out
}

func qualify(ns, local string) string {
	switch ns {
	case "http://schemas.microsoft.com/exchange/services/2006/messages":
		return "m:" + local
	case "http://schemas.microsoft.com/exchange/services/2006/types":
		return "t:" + local
	}
	return local
}

var goFormOf = regexp.MustCompile(`the Go form of (complexType|simpleType|element|substitution group) (\S+?)([.:]?)(?:\s|$)(as an item of)?`)

// goComponents lists the schema components the generated package declares,
// as xsdComponents names them: from the doc comments of type declarations
// ("X is the Go form of complexType t:Name.", "... It is also the Go form of
// element t:Name.", "... substitution group t:Name: ...") and from the
// XMLName methods, which every global element's Go type has.
func goComponents(t *testing.T, pkgDir string) (map[string]bool, int) {
	t.Helper()
	out := map[string]bool{}
	lines := 0
	entries, err := os.ReadDir(pkgDir)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(pkgDir, n))
		if err != nil {
			t.Fatal(err)
		}
		lines += bytes.Count(src, []byte("\n"))
		f, err := parser.ParseFile(fset, n, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("generated %s does not parse: %v", n, err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.TYPE || d.Doc == nil {
					continue
				}
				for _, m := range goFormOf.FindAllStringSubmatch(d.Doc.Text(), -1) {
					if m[4] != "" {
						continue // a choice alternative, not the global element
					}
					kind := m[1]
					if kind == "substitution group" {
						kind = "element"
					}
					out[kind+" "+m[2]] = true
				}
			case *ast.FuncDecl:
				if d.Recv == nil || d.Name.Name != "XMLName" || d.Body == nil || len(d.Body.List) != 1 {
					continue
				}
				ret, ok := d.Body.List[0].(*ast.ReturnStmt)
				if !ok || len(ret.Results) != 1 {
					continue
				}
				lit, ok := ret.Results[0].(*ast.CompositeLit)
				if !ok {
					continue
				}
				var space, local string
				for _, el := range lit.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, _ := kv.Key.(*ast.Ident)
					val, _ := kv.Value.(*ast.BasicLit)
					if key == nil || val == nil {
						continue
					}
					s, err := strconv.Unquote(val.Value)
					if err != nil {
						continue
					}
					switch key.Name {
					case "Space":
						space = s
					case "Local":
						local = s
					}
				}
				if local != "" {
					out["element "+qualify(space, local)] = true
				}
			}
		}
	}
	return out, lines
}

// TestDeclarationCoverage checks that every named complexType, simpleType
// and global element of messages.xsd and types.xsd has a Go declaration.
func TestDeclarationCoverage(t *testing.T) {
	dir := corpus.Dir(t)
	for _, v := range corpus.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			base := filepath.Join(dir, "schemas", v)
			want := xsdComponents(t, filepath.Join(base, "messages.xsd"), filepath.Join(base, "types.xsd"))
			mod := fullPackage(t, v)
			got, _ := goComponents(t, filepath.Join(mod, "ews"))
			count := map[string]int{}
			var missing []string
			for c := range want {
				count[strings.Fields(c)[0]]++
				if !got[c] {
					missing = append(missing, c)
				}
			}
			sort.Strings(missing)
			t.Logf("%s: %d complexTypes, %d simpleTypes, %d elements; %d without a Go declaration",
				v, count["complexType"], count["simpleType"], count["element"], len(missing))
			if len(missing) > 0 {
				t.Errorf("%d schema components have no Go declaration:\n\t%s", len(missing), strings.Join(missing, "\n\t"))
			}
			var unknown []string
			for c := range got {
				if !want[c] {
					unknown = append(unknown, c)
				}
			}
			sort.Strings(unknown)
			if len(unknown) > 0 {
				t.Errorf("%d Go declarations name schema components that messages.xsd and types.xsd do not declare:\n\t%s",
					len(unknown), strings.Join(unknown, "\n\t"))
			}
		})
	}
}

// snapshot returns name -> content of every file under dir (test files
// excluded), with slash-separated relative names.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel != "." {
				out[filepath.ToSlash(rel)+"/"] = "<dir>"
			}
			return nil
		}
		if strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree reports how two snapshots differ ("" when equal).
func sameTree(a, b map[string]string) string {
	var diffs []string
	for n, c := range a {
		d, ok := b[n]
		switch {
		case !ok:
			diffs = append(diffs, "only in the first: "+n)
		case c != d:
			diffs = append(diffs, "differs: "+n+" (at line "+strconv.Itoa(firstDiffLine(c, d))+")")
		}
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			diffs = append(diffs, "only in the second: "+n)
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "\n")
}

func firstDiffLine(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return strings.Count(a[:i], "\n") + 1
}

// TestDeterminism generates the v2018 package again and compares bytes,
// and generates from the two XSD files given in both orders.
func TestDeterminism(t *testing.T) {
	dir := corpus.Dir(t)
	v := "v2018_01_08"
	base := filepath.Join(dir, "schemas", v)
	t.Run("wsdl", func(t *testing.T) {
		t.Parallel()
		first := snapshot(t, filepath.Join(fullPackage(t, v), "ews"))
		out := filepath.Join(t.TempDir(), "ews")
		mustGenerate(t, t.TempDir(), "--wsdl", corpus.WSDL(dir, v), "--out", out, "--package", "ews")
		if d := sameTree(first, snapshot(t, out)); d != "" {
			t.Errorf("two runs on the same WSDL differ:\n%s", d)
		}
	})
	t.Run("xsd-order", func(t *testing.T) {
		t.Parallel()
		msgs, types := filepath.Join(base, "messages.xsd"), filepath.Join(base, "types.xsd")
		a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
		mustGenerate(t, t.TempDir(), "--out", a, "--package", "ews", msgs, types)
		mustGenerate(t, t.TempDir(), "--out", b, "--package", "ews", types, msgs)
		sa, sb := snapshot(t, a), snapshot(t, b)
		if len(sa) == 0 {
			t.Fatal("nothing generated")
		}
		if d := sameTree(sa, sb); d != "" {
			t.Errorf("messages.xsd types.xsd and types.xsd messages.xsd give different output:\n%s", d)
		}
	})
}

// TestOperationsSubset generates two operations only, builds and vets the
// result, and compares its size with the whole package.
func TestOperationsSubset(t *testing.T) {
	dir := corpus.Dir(t)
	if testing.Short() {
		t.Skip("-short: not building generated packages")
	}
	v := "v2018_01_08"
	ops := []string{"RemoveImContactFromGroup", "GetItem"}
	mod := newModule(t, filepath.Join(t.TempDir(), "subset"))
	mustGenerate(t, mod, "--wsdl", corpus.WSDL(dir, v), "--out", "ews", "--package", "ews", "--operations", strings.Join(ops, ","))
	want := append([]string(nil), ops...)
	sort.Strings(want)
	writeOpsTest(t, filepath.Join(mod, "ews"), "scratch/ews", want)
	goCmd(t, mod, "build", "./...")
	goCmd(t, mod, "vet", "./...")
	goCmd(t, mod, "test", "-count=1", "./...")

	_, subset := goComponents(t, filepath.Join(mod, "ews"))
	_, whole := goComponents(t, filepath.Join(fullPackage(t, v), "ews"))
	t.Logf("operations subset: %d lines of %d", subset, whole)
	fmt.Printf("operations subset: %d lines of %d\n", subset, whole)
	if subset >= whole {
		t.Errorf("the subset (%d lines) is not smaller than the whole package (%d lines)", subset, whole)
	}
}

// fixture copies the inputs of a generator golden case (no want/ or
// check/) into a new directory and returns it.
func fixture(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "..", "generator", "testdata", name)
	dst := filepath.Join(t.TempDir(), name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if top == "want" || top == "check" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestCheck: --check exits 0 on fresh output and 1 after a one-byte edit,
// naming the file and line, without writing anything.
func TestCheck(t *testing.T) {
	in := fixture(t, "wsdl_two_ns")
	out := filepath.Join(t.TempDir(), "notes")
	args := []string{"--wsdl", "service.wsdl", "--out", out, "--package", "notes"}
	mustGenerate(t, in, args...)
	check := append(append([]string(nil), args...), "--check")
	if r := ewsgen(t, in, check...); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("--check on fresh output: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// One byte changed in a generated file.
	name := "messages.go"
	path := filepath.Join(out, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("\ntype "))
	if i < 0 {
		t.Fatalf("%s has no type declaration", name)
	}
	i++ // the 't'
	edited := append([]byte(nil), data...)
	edited[i] = 'T'
	line := bytes.Count(edited[:i], []byte("\n")) + 1
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	r := ewsgen(t, in, check...)
	if r.code != 1 {
		t.Fatalf("--check after an edit: exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	wantLine := fmt.Sprintf("M %s (first difference at line %d)", name, line)
	if strings.TrimSpace(r.stdout) != wantLine {
		t.Errorf("--check stdout = %q, want %q", r.stdout, wantLine)
	}
	if r.stderr == "" {
		t.Errorf("--check printed no explanation on stderr")
	}
	if d := sameTree(before, snapshot(t, out)); d != "" {
		t.Errorf("--check changed the output directory:\n%s", d)
	}

	// Regenerating repairs it.
	mustGenerate(t, in, args...)
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Errorf("regenerating did not restore %s", name)
	}
	if r := ewsgen(t, in, check...); r.code != 0 {
		t.Errorf("--check after regenerating: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

var diagLine = regexp.MustCompile(`^[^:]+:\d+:\d+: `)

// TestBrokenInputKeepsOutput breaks a valid fixture in four ways; each run
// exits 1 with file:line:col diagnostics and leaves the previous output as
// it was.
func TestBrokenInputKeepsOutput(t *testing.T) {
	type edit struct {
		file, old, new string
	}
	cases := []struct {
		name  string
		edits []edit
		want  string // a word the diagnostics must contain
	}{
		{"missing import", []edit{{"messages.xsd", `schemaLocation="types/core.xsd"`, `schemaLocation="types/gone.xsd"`}}, "gone.xsd"},
		{"unknown type", []edit{{"messages.xsd", `type="t:NoteIdType"`, `type="t:NoSuchIdType"`}}, "NoSuchIdType"},
		{"duplicate name", []edit{{"types/core.xsd", `<xs:complexType name="ArrayOfNotesType">`, `<xs:complexType name="NoteType"/><xs:complexType name="ArrayOfNotesType">`}}, "NoteType"},
		{"not well-formed", []edit{{"types/parts/ids.xsd", `</xs:complexType>`, `</xs:complexTyp>`}}, "ids.xsd"},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			in := fixture(t, "wsdl_two_ns")
			parent := t.TempDir()
			out := filepath.Join(parent, "notes")
			args := []string{"--wsdl", "service.wsdl", "--out", out, "--package", "notes"}
			mustGenerate(t, in, args...)
			// A hand-written file in the output directory must survive too.
			if err := os.WriteFile(filepath.Join(out, "doc.go"), []byte("// Package notes is hand-written.\npackage notes\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, out)
			for _, e := range c.edits {
				p := filepath.Join(in, filepath.FromSlash(e.file))
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(b, []byte(e.old)) {
					t.Fatalf("%s does not contain %q: the fixture changed, update this test", e.file, e.old)
				}
				if err := os.WriteFile(p, bytes.Replace(b, []byte(e.old), []byte(e.new), 1), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := ewsgen(t, in, args...)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
			for _, l := range lines {
				if !diagLine.MatchString(l) {
					t.Errorf("stderr line %q is not file:line:col: message", l)
				}
			}
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr does not mention %q:\n%s", c.want, r.stderr)
			}
			if d := sameTree(before, snapshot(t, out)); d != "" {
				t.Errorf("a failed run changed the output directory:\n%s", d)
			}
			entries, err := os.ReadDir(parent)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("a failed run left files next to the output directory: %v", names)
			}
		})
	}
}

// TestUsageErrors: a bad command line exits 2.
func TestUsageErrors(t *testing.T) {
	in := fixture(t, "wsdl_two_ns")
	for _, args := range [][]string{
		{}, // (--wsdl with XSD files is allowed: the files supply imported namespaces)
		{"--no-such-flag", "--wsdl", "service.wsdl"},
		{"--operations", "PinNote", "messages.xsd"},
	} {
		r := ewsgen(t, in, append(args, "--out", t.TempDir())...)
		if r.code != 2 {
			t.Errorf("ewsgen %s: exit %d, want 2\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
}
