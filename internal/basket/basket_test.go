package basket

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/internal/ewswords"
)

// pkgResult is what the harness found for one generated package.
type pkgResult struct {
	Set, Name    string
	GenErr       string
	GenTime      time.Duration
	Warnings     int      // lines ewsgen printed on a successful run
	EWSWords     []string // EWS words in the output (file:line: word)
	FirstWarning string
	Lines        int
	BuildErr     string
	VetErr       string
	Compile      time.Duration
	WSDLOps      int
	ClientOps    int
	ServerOps    int
	Missing      []string
	Loopback     int // operations the loopback test calls
	LoopbackRun  int // loopback subtests run (a fault test included)
	LoopbackOK   int
	LoopbackErr  string
	// LoopbackNoVal lists the loopback calls sent with validation off on
	// both sides (the filler could not satisfy a facet), with the reason.
	LoopbackNoVal []string
	Instances     int
	InstancesOK   int
	InstanceErr   string
	XMLLint       string // "n/n valid" or why not
	info          *pkgInfo
	ops           []Op
}

func (r *pkgResult) dir(mod string) string { return filepath.Join(mod, "sets", r.Name) }

// goEnv is the environment of go commands on the scratch module.
func goEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GO111MODULE=on")
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("… (%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}

// TestBasket generates every package of every set into one scratch module,
// builds and vets them with one go command each, counts client and server
// methods against the WSDLs, runs the loopback and instance tests with one
// go test command, and writes the per-set status to $EWSGEN_BASKET_STATUS
// when set. -short skips it.
func TestBasket(t *testing.T) {
	basket := Dir(t)
	if testing.Short() {
		t.Skip("-short: the basket test builds a dozen generated packages")
	}
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	work := os.Getenv("EWSGEN_BASKET_WORK")
	if work == "" {
		work = t.TempDir()
	} else {
		os.RemoveAll(work)
	}
	start := time.Now()
	bin := filepath.Join(work, "bin", "ewsgen")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/ewsgen/ewsgen/cmd/ewsgen").CombinedOutput(); err != nil {
		t.Fatalf("building cmd/ewsgen: %v\n%s", err, out)
	}
	mod := filepath.Join(work, "mod")
	must(t, os.MkdirAll(filepath.Join(mod, "sets"), 0o755))
	must(t, os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module scratch\n\ngo 1.26\n"), 0o644))
	copyFile(t, filepath.Join(root, "internal", "basket", "testdata", "scratch", "fill", "fill.go"), filepath.Join(mod, "fill", "fill.go"))
	copyFile(t, filepath.Join(root, "internal", "xmlcmp", "xmlcmp.go"), filepath.Join(mod, "xmlcmp", "xmlcmp.go"))

	// Generate, two runs at a time.
	// EWSGEN_BASKET_ONLY (comma-separated package names) limits the run to
	// those packages, for checking one set quickly.
	only := map[string]bool{}
	for _, n := range strings.Split(os.Getenv("EWSGEN_BASKET_ONLY"), ",") {
		if n = strings.TrimSpace(n); n != "" {
			only[n] = true
		}
	}
	var results []*pkgResult
	for _, s := range Sets {
		for _, p := range s.Packages {
			if len(only) == 0 || only[p.Name] {
				results = append(results, &pkgResult{Set: s.Name, Name: p.Name})
			}
		}
	}
	pkgOf := map[string]Package{}
	setOf := map[string]string{}
	for _, s := range Sets {
		for _, p := range s.Packages {
			pkgOf[p.Name] = p
			setOf[p.Name] = filepath.Join(basket, s.Name)
		}
	}
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for _, r := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			p := pkgOf[r.Name]
			args := append(p.Args(setOf[r.Name]), "--out", r.dir(mod), "--package", r.Name)
			cmd := exec.Command(bin, args...)
			cmd.Dir = mod
			t0 := time.Now()
			out, err := cmd.CombinedOutput()
			r.GenTime = time.Since(t0)
			if err != nil {
				r.GenErr = fmt.Sprintf("ewsgen %s: %v\n%s", strings.Join(args, " "), err, firstLines(string(out), 8))
				os.RemoveAll(r.dir(mod))
			} else if len(out) > 0 {
				// Loader warnings: kept for the report, not failures.
				r.Warnings = strings.Count(strings.TrimSpace(string(out)), "\n") + 1
				r.FirstWarning = firstLines(string(out), 1)
			}
		}()
	}
	wg.Wait()
	t.Logf("generation: %v", time.Since(start).Round(time.Millisecond))

	// Count WSDL operations and methods.
	for _, r := range results {
		p := pkgOf[r.Name]
		if p.WSDL != "" {
			var cat Catalog
			for i, f := range p.Flags {
				if f == "--catalog" {
					cat, err = ReadCatalog(strings.ReplaceAll(p.Flags[i+1], "{set}", setOf[r.Name]))
					if err != nil {
						t.Fatal(err)
					}
				}
			}
			ops, err := Operations(filepath.Join(setOf[r.Name], p.WSDL), cat)
			if err != nil {
				t.Errorf("%s: counting operations: %v", r.Name, err)
			}
			r.ops = ops
			r.WSDLOps = len(ops)
		}
		if r.GenErr != "" {
			continue
		}
		info, err := analyze(r.dir(mod))
		if err != nil {
			r.GenErr = "parsing the output: " + err.Error()
			continue
		}
		r.info = info
		r.Lines = info.Lines
		for _, o := range r.ops {
			k := Normalize(o.Name)
			_, c := info.Client[k]
			_, s := info.Server[k]
			if c {
				r.ClientOps++
			}
			if s {
				r.ServerOps++
			}
			if !c || !s {
				r.Missing = append(r.Missing, o.Name)
			}
		}
	}

	// No EWS word in non-EWS output.
	for _, r := range results {
		if r.info != nil {
			r.EWSWords = ewsWords(t, setOf[r.Name], r.info.Files)
		}
	}

	// Build and vet the generated packages (without the harness's tests).
	var built []*pkgResult
	for _, r := range results {
		if r.GenErr == "" {
			built = append(built, r)
		}
	}
	trace := filepath.Join(work, "build-trace.json")
	t0 := time.Now()
	out, err := goRun(mod, "build", "-debug-trace="+trace, "./...")
	t.Logf("go build ./...: %v", time.Since(t0).Round(time.Millisecond))
	if err != nil {
		assignErrors(out, built, func(r *pkgResult, msg string) { r.BuildErr = msg })
	}
	readTrace(t, trace, built)
	t0 = time.Now()
	out, err = goRun(mod, "vet", "./...")
	t.Logf("go vet ./...: %v", time.Since(t0).Round(time.Millisecond))
	if err != nil {
		assignErrors(out, built, func(r *pkgResult, msg string) {
			if r.BuildErr == "" {
				r.VetErr = msg
			}
		})
	}

	// Loopback and instance tests, one go test command.
	var testPkgs []string
	for _, r := range built {
		if r.BuildErr != "" {
			continue
		}
		lops := pickLoopback(r)
		r.Loopback = len(lops)
		inst := filepath.Join(root, "internal", "basket", "testdata", "instances", r.Name)
		docs, _ := filepath.Glob(filepath.Join(inst, "*.xml"))
		r.Instances = len(docs)
		for _, d := range docs {
			copyFile(t, d, filepath.Join(r.dir(mod), "testdata", "basket", filepath.Base(d)))
		}
		if err := writeTests(r.dir(mod), r.info, lops, len(docs) > 0); err != nil {
			t.Fatal(err)
		}
		testPkgs = append(testPkgs, "./sets/"+r.Name)
	}
	if len(testPkgs) > 0 {
		t0 = time.Now()
		out, _ = goRun(mod, append([]string{"test", "-vet=off", "-count=1", "-json", "-timeout=5m"}, testPkgs...)...)
		t.Logf("go test: %v", time.Since(t0).Round(time.Millisecond))
		readTestJSON(out, built)
	}
	lintInstances(t, basket, root, built)

	// Report.
	table := statusTable(results)
	t.Log("\n" + table)
	if p := os.Getenv("EWSGEN_BASKET_STATUS"); p != "" {
		must(t, os.WriteFile(p, []byte(table), 0o644))
	}
	for _, r := range results {
		switch {
		case r.GenErr != "":
			t.Errorf("%s/%s: generate: %s", r.Set, r.Name, r.GenErr)
		case r.BuildErr != "":
			t.Errorf("%s/%s: build: %s", r.Set, r.Name, firstLines(r.BuildErr, 5))
		case r.VetErr != "":
			t.Errorf("%s/%s: vet: %s", r.Set, r.Name, firstLines(r.VetErr, 5))
		}
		missing := ""
		if r.GenErr == "" && len(r.Missing) > 0 {
			missing = fmt.Sprintf("%d of %d WSDL operations lack a client or server method: %s", len(r.Missing), r.WSDLOps, strings.Join(head(r.Missing, 5), ", "))
		}
		checkGap(t, r, "operations", missing)
		words := ""
		if len(r.EWSWords) > 0 {
			words = fmt.Sprintf("%d EWS words in the output: %s", len(r.EWSWords), strings.Join(head(r.EWSWords, 5), "; "))
		}
		checkGap(t, r, "ewswords", words)
		for _, nv := range r.LoopbackNoVal {
			t.Logf("%s/%s: loopback %s", r.Set, r.Name, nv)
		}
		checkGap(t, r, "loopback", firstLines(r.LoopbackErr, 8))
		checkGap(t, r, "instances", firstLines(r.InstanceErr, 8))
	}
	t.Logf("basket test: %v", time.Since(start).Round(time.Millisecond))
}

func head(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("… %d more", len(s)-n))
	}
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	must(t, err)
	must(t, os.MkdirAll(filepath.Dir(to), 0o755))
	must(t, os.WriteFile(to, data, 0o644))
}

func goRun(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = goEnv()
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// assignErrors splits go build/vet output ("# scratch/sets/NAME" headers
// followed by messages, or "sets/NAME/file.go:…" lines) by package.
func assignErrors(out string, rs []*pkgResult, set func(*pkgResult, string)) {
	by := map[string]*strings.Builder{}
	cur := ""
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "# ") {
			cur = strings.TrimPrefix(strings.TrimSuffix(strings.Fields(line)[1], "_test"), "scratch/sets/")
			if i := strings.IndexAny(cur, " /"); i >= 0 {
				cur = cur[:i]
			}
			continue
		}
		name := cur
		if m := pathRE.FindStringSubmatch(line); m != nil {
			name = m[1]
		}
		if name == "" || strings.TrimSpace(line) == "" {
			continue
		}
		if by[name] == nil {
			by[name] = &strings.Builder{}
		}
		by[name].WriteString(line + "\n")
	}
	for _, r := range rs {
		if b := by[r.Name]; b != nil {
			set(r, b.String())
		}
	}
}

var pathRE = regexp.MustCompile(`sets/([a-z0-9]+)/`)

// readTrace takes each package's compile time from a go build -debug-trace.
func readTrace(t *testing.T, path string, rs []*pkgResult) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Logf("no build trace: %v", err)
		return
	}
	var evs []struct {
		Name string  `json:"name"`
		Ph   string  `json:"ph"`
		TS   float64 `json:"ts"`
		TID  int     `json:"tid"`
	}
	if err := json.Unmarshal(data, &evs); err != nil {
		t.Logf("build trace: %v", err)
		return
	}
	begin := map[string]float64{}
	for _, e := range evs {
		const pre = "Executing action (build scratch/sets/"
		if !strings.HasPrefix(e.Name, pre) || !strings.HasSuffix(e.Name, ")") {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(e.Name, pre), ")")
		switch e.Ph {
		case "B":
			begin[name] = e.TS
		case "E":
			for _, r := range rs {
				if r.Name == name {
					r.Compile = time.Duration((e.TS - begin[name]) * float64(time.Microsecond))
				}
			}
		}
	}
}

// pickLoopback chooses at most 10 operations with both methods: those with
// headers, faults, document bodies that are not one element part, or
// one-way or rpc style first, then in WSDL order.
func pickLoopback(r *pkgResult) []loopbackOp {
	type cand struct {
		op    loopbackOp
		score int
		idx   int
	}
	var cs []cand
	seen := map[string]bool{}
	for i, o := range r.ops {
		k := Normalize(o.Name)
		c, okc := r.info.Client[k]
		s, oks := r.info.Server[k]
		if !okc || !oks || seen[k] {
			continue
		}
		seen[k] = true
		score := 0
		if o.Headers > 0 {
			score += 2
		}
		if o.Faults > 0 {
			score++
		}
		if o.OneWay || o.RPC {
			score++
		}
		if o.PartsBody && !o.RPC {
			// document style with type= or several parts: a body shape
			// of its own
			score += 2
		}
		cs = append(cs, cand{loopbackOp{WSDLName: o.Name, Faults: o.Faults > 0 && !o.OneWay, Client: c, Server: s}, score, i})
	}
	// Keep variety: the best-scored four, then the rest in WSDL order.
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	var out []loopbackOp
	for i := 0; i < len(cs) && i < 4; i++ {
		out = append(out, cs[i].op)
	}
	rest := cs[min(4, len(cs)):]
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].idx < rest[j].idx })
	step := 1
	if len(rest) > 6 {
		step = len(rest) / 6
	}
	for i := 0; i < len(rest) && len(out) < 10; i += step {
		out = append(out, rest[i].op)
	}
	return out
}

// readTestJSON counts passed subtests of TestBasketLoopback and
// TestBasketInstances per package and keeps the first failure's output.
func readTestJSON(out string, rs []*pkgResult) {
	byName := map[string]*pkgResult{}
	for _, r := range rs {
		byName[r.Name] = r
	}
	outputs := map[string]*strings.Builder{}
	for _, line := range strings.Split(out, "\n") {
		var ev struct {
			Action, Package, Test, Output string
		}
		if json.Unmarshal([]byte(line), &ev) != nil {
			continue
		}
		r := byName[strings.TrimPrefix(ev.Package, "scratch/sets/")]
		if r == nil {
			continue
		}
		key := ev.Package + "\x00" + ev.Test
		if ev.Action == "output" {
			if outputs[key] == nil {
				outputs[key] = &strings.Builder{}
			}
			if outputs[key].Len() < 4000 {
				outputs[key].WriteString(ev.Output)
			}
		}
		loop := strings.HasPrefix(ev.Test, "TestBasketLoopback/")
		inst := strings.HasPrefix(ev.Test, "TestBasketInstances/")
		if loop && ev.Action == "output" {
			if _, why, ok := strings.Cut(ev.Output, "validation off on both sides for this call: "); ok {
				r.LoopbackNoVal = append(r.LoopbackNoVal, strings.TrimPrefix(ev.Test, "TestBasketLoopback/")+": "+strings.TrimSpace(why))
			}
		}
		switch ev.Action {
		case "run":
			if loop {
				r.LoopbackRun++
			}
		case "pass":
			if loop {
				r.LoopbackOK++
			}
			if inst {
				r.InstancesOK++
			}
		case "fail":
			msg := ""
			if b := outputs[key]; b != nil {
				msg = b.String()
			}
			switch {
			case loop && r.LoopbackErr == "":
				r.LoopbackErr = ev.Test + ": " + msg
			case inst && r.InstanceErr == "":
				r.InstanceErr = ev.Test + ": " + msg
			case ev.Test == "" && r.LoopbackOK == 0 && r.InstancesOK == 0 && r.LoopbackErr == "":
				if b := outputs[ev.Package+"\x00"]; b != nil {
					r.LoopbackErr = "test build: " + b.String()
				}
			}
		}
	}
}

func statusTable(rs []*pkgResult) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "| set | package | generate | build | vet | ops (WSDL / client / server) | EWS words | loopback ok/run | instances ok/n | xmllint | lines | gen time | compile time | first error |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	mark := func(ok bool, skipped bool) string {
		switch {
		case skipped:
			return "–"
		case ok:
			return "ok"
		}
		return "FAIL"
	}
	for _, r := range rs {
		gen := r.GenErr == ""
		build := gen && r.BuildErr == ""
		first := ""
		switch {
		case r.GenErr != "":
			first = r.GenErr
			if i := strings.Index(first, "\n"); i >= 0 {
				first = first[i+1:]
			}
		case r.BuildErr != "":
			first = r.BuildErr
		case r.VetErr != "":
			first = r.VetErr
		case len(r.EWSWords) > 0:
			first = fmt.Sprintf("%d EWS words, first %s", len(r.EWSWords), r.EWSWords[0])
		case len(r.Missing) > 0:
			first = "no client/server method for " + strings.Join(head(r.Missing, 3), ", ")
		case r.LoopbackErr != "":
			first = "loopback " + r.LoopbackErr
		case r.InstanceErr != "":
			first = "instances " + r.InstanceErr
		}
		first = strings.Join(strings.Fields(firstLines(first, 2)), " ")
		if len(first) > 300 {
			first = first[:300] + "…"
		}
		first = strings.ReplaceAll(first, "|", "\\|")
		loop := fmt.Sprintf("%d/%d", r.LoopbackOK, r.LoopbackRun)
		if n := len(r.LoopbackNoVal); n > 0 {
			loop += fmt.Sprintf(" (%d unvalidated)", n)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d / %d / %d | %d | %s | %d/%d | %s | %d | %v | %v | %s |\n",
			r.Set, r.Name, mark(gen, false), mark(build, !gen), mark(build && r.VetErr == "", !build),
			r.WSDLOps, r.ClientOps, r.ServerOps, len(r.EWSWords), loop, r.InstancesOK, r.Instances, r.XMLLint,
			r.Lines, r.GenTime.Round(10*time.Millisecond), r.Compile.Round(100*time.Millisecond), first)
	}
	return b.String()
}

// lintInstances validates every package's instance documents with
// xmllint --schema against the schema the package names (for "wsdl:FILE",
// the WSDL's inline schemas extracted into files) and records the result.
func lintInstances(t *testing.T, basket, root string, rs []*pkgResult) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("EWSGEN_REQUIRE_CORPUS") == "1" {
			t.Errorf("xmllint is not installed (run internal/basket/install.sh)")
		}
		for _, r := range rs {
			r.XMLLint = "no xmllint"
		}
		return
	}
	for _, s := range Sets {
		setDir := filepath.Join(basket, s.Name)
		for _, p := range s.Packages {
			var r *pkgResult
			for _, x := range rs {
				if x.Name == p.Name {
					r = x
				}
			}
			docs, _ := filepath.Glob(filepath.Join(root, "internal", "basket", "testdata", "instances", p.Name, "*.xml"))
			if len(docs) == 0 {
				if r != nil {
					r.XMLLint = "–"
				}
				continue
			}
			res, err := lint(xmllint, setDir, root, p, docs, t.TempDir())
			if err != nil {
				t.Errorf("%s: xmllint: %v", p.Name, err)
			}
			if r != nil {
				r.XMLLint = res
			}
		}
	}
}

func lint(xmllint, setDir, root string, p Package, docs []string, tmp string) (string, error) {
	if p.Schema == "" {
		return "not validated: " + p.NoSchemaReason, nil
	}
	schema := filepath.Join(setDir, p.Schema)
	if w, ok := strings.CutPrefix(p.Schema, "wsdl:"); ok {
		var err error
		schema, err = ExtractSchemas(filepath.Join(setDir, w), tmp)
		if err != nil {
			return "inline schemas: " + err.Error(), err
		}
	}
	cmd := exec.Command(xmllint, append([]string{"--noout", "--nonet", "--schema", schema}, docs...)...)
	cmd.Env = os.Environ()
	if p.Catalog != "" {
		cat := filepath.Join(setDir, p.Catalog)
		if c, ok := strings.CutPrefix(p.Catalog, "testdata:"); ok {
			// Catalogs kept here name files relative to the basket: write
			// a copy with the basket's absolute path.
			data, err := os.ReadFile(filepath.Join(root, "internal", "basket", "testdata", c))
			if err != nil {
				return "", err
			}
			cat = filepath.Join(tmp, c)
			data = bytes.ReplaceAll(data, []byte("BASKET/"), []byte("file://"+filepath.Dir(setDir)+"/"))
			if err := os.WriteFile(cat, data, 0o644); err != nil {
				return "", err
			}
		}
		cmd.Env = append(cmd.Env, "XML_CATALOG_FILES="+cat)
	}
	out, err := cmd.CombinedOutput()
	n := strings.Count(string(out), " validates\n")
	res := fmt.Sprintf("%d/%d valid", n, len(docs))
	if err != nil || n != len(docs) {
		return res, fmt.Errorf("%s\n%s", res, firstLines(string(out), 10))
	}
	return res, nil
}

// TestInstancesValid checks with xmllint that every self-written instance
// document is valid against its set's schemas (without generating code).
func TestInstancesValid(t *testing.T) {
	basket := Dir(t)
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	var rs []*pkgResult
	for _, s := range Sets {
		for _, p := range s.Packages {
			rs = append(rs, &pkgResult{Set: s.Name, Name: p.Name})
		}
	}
	lintInstances(t, basket, root, rs)
	for _, r := range rs {
		t.Logf("%s/%s: %s", r.Set, r.Name, r.XMLLint)
	}
}

// ewsWords lists the EWS words in the generated files that the set's own
// files (every file in setDir) do not contain.
func ewsWords(t *testing.T, setDir string, files []string) []string {
	inSet := map[string]bool{}
	filepath.WalkDir(setDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil {
			// Go names capitalise schema names (responseCode gives
			// ResponseCode): a word the set has in any case is its own.
			for _, w := range anyCase.FindAllString(string(data), -1) {
				inSet[strings.ToLower(w)] = true
			}
		}
		return nil
	})
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, w := range ewswords.RE.FindAllString(line, -1) {
				if !inSet[strings.ToLower(w)] {
					out = append(out, fmt.Sprintf("%s:%d: %s", filepath.Base(f), i+1, w))
				}
			}
		}
	}
	return out
}

// anyCase matches the EWS words in any letter case.
var anyCase = regexp.MustCompile("(?i)" + ewswords.RE.String())

// knownGaps are the checks of TestBasket known to fail today, by package
// and check ("*" for every package), with what is missing. A known gap is
// logged instead of failing the test; one that passes fails the test until
// it is taken off this list, so the list stays exact. Everything else
// (generate, build, vet) has no gaps.
var knownGaps = map[string]string{}

// checkGap reports the outcome of one check of r: problem is empty when the
// check passed.
func checkGap(t *testing.T, r *pkgResult, check, problem string) {
	t.Helper()
	reason, known := knownGaps[r.Name+"/"+check]
	if !known {
		reason, known = knownGaps["*/"+check]
	}
	switch {
	case problem != "" && !known:
		t.Errorf("%s/%s: %s: %s", r.Set, r.Name, check, problem)
	case problem != "" && known:
		t.Logf("%s/%s: %s: known gap (%s): %s", r.Set, r.Name, check, reason, firstLines(problem, 3))
	case known && knownGaps[r.Name+"/"+check] != "":
		t.Errorf("%s/%s: %s passes now: take %q off knownGaps", r.Set, r.Name, check, r.Name+"/"+check)
	}
}
