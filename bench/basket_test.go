package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/internal/basket"
)

// TestGowsdlBasket runs gowsdl v0.5.0 on every WSDL of the basket
// ($EWSGEN_BASKET, see internal/basket), then builds and vets all outputs
// in one scratch module, and prints a table: lines, generation time, build
// and vet result, compile time. It gives the gowsdl column of the basket
// table in bench/README.md; it runs only with EWSGEN_BENCH_BASKET=1.
func TestGowsdlBasket(t *testing.T) {
	if os.Getenv("EWSGEN_BENCH_BASKET") != "1" {
		t.Skip("set EWSGEN_BENCH_BASKET=1 to run gowsdl over the basket")
	}
	dir := basket.Dir(t)
	mod := t.TempDir()
	// gowsdl's output imports its soap package: require the version the
	// bench module pins, with the bench module's checksums.
	gomod := "module scratch\n\ngo 1.26\n\nrequire github.com/hooklift/gowsdl v0.5.0\n"
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	type row struct {
		set, name, genErr, buildErr, vetErr string
		gen, compile                        time.Duration
		lines                               int
	}
	var rows []*row
	for _, s := range basket.Sets {
		for _, p := range s.Packages {
			r := &row{set: s.Name, name: p.Name}
			rows = append(rows, r)
			if p.WSDL == "" {
				r.genErr = "no WSDL (gowsdl reads WSDL files only)"
				continue
			}
			out := filepath.Join(mod, "sets", p.Name)
			start := time.Now()
			done := make(chan error, 1)
			go func() {
				defer func() {
					if v := recover(); v != nil {
						done <- fmt.Errorf("panic: %v", v)
					}
				}()
				var err error
				captureOutput(t, func() { err = runGowsdlPkg(filepath.Join(dir, s.Name, p.WSDL), out, p.Name) })
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					r.genErr = err.Error()
				}
			case <-time.After(2 * time.Minute):
				r.genErr = "no result after 2 minutes"
			}
			r.gen = time.Since(start)
			if _, err := os.Stat(out); err == nil {
				r.lines = goLines(t, out)
			}
		}
	}
	trace := filepath.Join(mod, "trace.json")
	build := exec.Command("go", "build", "-debug-trace="+trace, "./...")
	build.Dir = mod
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := build.CombinedOutput()
	perPkg := splitByPackage(string(out))
	if err != nil {
		t.Logf("go build ./...: %v\n%s", err, tail(string(out), 30))
	}
	vet := exec.Command("go", "vet", "./...")
	vet.Dir = mod
	vet.Env = build.Env
	vout, err := vet.CombinedOutput()
	if err != nil {
		t.Logf("go vet ./...: %v\n%s", err, tail(string(vout), 30))
	}
	perVet := splitByPackage(string(vout))
	times := traceTimes(t, trace)
	var b strings.Builder
	fmt.Fprintf(&b, "| set | package | gowsdl generate | lines | gen time | build | vet | compile time | first error |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		r.buildErr, r.vetErr, r.compile = perPkg[r.name], perVet[r.name], times[r.name]
		gen, bld, vt := "ok", "ok", "ok"
		first := ""
		if r.genErr != "" {
			gen, first = "FAIL", r.genErr
		}
		if r.lines == 0 {
			bld, vt = "–", "–"
		} else if r.buildErr != "" {
			bld, vt = "FAIL", "–"
			if first == "" {
				first = r.buildErr
			}
		} else if r.vetErr != "" {
			vt = "FAIL"
			if first == "" {
				first = r.vetErr
			}
		}
		first = strings.Join(strings.Fields(first), " ")
		if len(first) > 160 {
			first = first[:160] + "…"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %v | %s | %s | %v | %s |\n", r.set, r.name, gen, r.lines,
			r.gen.Round(10*time.Millisecond), bld, vt, r.compile.Round(100*time.Millisecond), strings.ReplaceAll(first, "|", "\\|"))
	}
	t.Log("\n" + b.String())
	if p := os.Getenv("EWSGEN_BENCH_BASKET_OUT"); p != "" {
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runGowsdlPkg is runGowsdl with a package name.
func runGowsdlPkg(wsdl, out, pkg string) error {
	if err := runGowsdl(wsdl, out); err != nil {
		return err
	}
	f := filepath.Join(out, "ews.go")
	data, err := os.ReadFile(f)
	if err != nil {
		return err
	}
	data = []byte(strings.Replace(string(data), "package ews\n", "package "+pkg+"\n", 1))
	return os.WriteFile(f, data, 0o644)
}

var setsPathRE = regexp.MustCompile(`sets/([a-z0-9]+)/`)

// splitByPackage splits go build/vet output by "# scratch/sets/NAME" header.
func splitByPackage(out string) map[string]string {
	m := map[string]string{}
	cur := ""
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "# scratch/sets/") {
			cur = strings.Fields(strings.TrimPrefix(line, "# scratch/sets/"))[0]
			continue
		}
		name := cur
		if m := setsPathRE.FindStringSubmatch(line); m != nil {
			name = m[1]
		}
		if name != "" && strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") && m[name] == "" {
			m[name] = line
		}
	}
	return m
}

// traceTimes reads each scratch package's compile time from a go build
// -debug-trace file.
func traceTimes(t *testing.T, path string) map[string]time.Duration {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Logf("no build trace: %v", err)
		return nil
	}
	var evs []struct {
		Name string  `json:"name"`
		Ph   string  `json:"ph"`
		TS   float64 `json:"ts"`
	}
	if err := json.Unmarshal(data, &evs); err != nil {
		t.Logf("build trace: %v", err)
		return nil
	}
	begin := map[string]float64{}
	m := map[string]time.Duration{}
	const pre = "Executing action (build scratch/sets/"
	for _, e := range evs {
		if !strings.HasPrefix(e.Name, pre) || !strings.HasSuffix(e.Name, ")") {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(e.Name, pre), ")")
		if e.Ph == "B" {
			begin[name] = e.TS
		} else if e.Ph == "E" {
			m[name] = time.Duration((e.TS - begin[name]) * float64(time.Microsecond))
		}
	}
	return m
}
