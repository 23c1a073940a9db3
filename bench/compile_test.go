package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gowsdlMissing declares the two types gowsdl v0.5.0's output for the EWS
// WSDL uses without declaring them (its output does not compile without).
const gowsdlMissing = "package ews\n\ntype Language string\ntype NonNegativeInteger uint64\n"

// BenchmarkCompile compiles, side by side in one run, generated/ews (with
// its helpers, validation tables and runtime: every non-test file) and the
// package gowsdl v0.5.0 writes for the same WSDL, with the standard library
// and gowsdl's soap package taken from the build cache: each iteration
// writes a file with a fresh constant into the package, so that exactly
// that package is compiled again. It reports s/op (wall time of the go
// build command), cpu-s/op (user and system time of go build and the
// compiler), action-s/op (the package's build action alone, from the go
// command's -debug-trace) and lines/op (lines of Go in the package). It
// runs only when EWSGEN_BENCH_COMPILE=1.
//
//	EWSGEN_BENCH_COMPILE=1 go test -run '^$' -bench '^BenchmarkCompile$' -benchtime 1x -count 5 . | tee compile.txt
//	go tool benchstat -col /tool compile.txt
func BenchmarkCompile(b *testing.B) {
	if os.Getenv("EWSGEN_BENCH_COMPILE") != "1" {
		b.Skip("set EWSGEN_BENCH_COMPILE=1 to run (compiles generated/ews once per iteration)")
	}
	mod := compileModule(b)
	b.Run("tool=ewsgen", func(b *testing.B) { benchBuild(b, mod, "ewsgen") })
	b.Run("tool=gowsdl", func(b *testing.B) { benchBuild(b, mod, "gowsdl") })
}

var compileMod struct {
	dir string
	err error
}

// compileModule returns a scratch module (made once per test binary) with
// two packages: ewsgen (a copy of the non-test files of ../generated/ews)
// and gowsdl (gowsdl's output for the same WSDL plus gowsdlMissing). The
// standard library and gowsdl's soap package are compiled once here, so the
// timed builds find them in the cache.
func compileModule(b *testing.B) string {
	b.Helper()
	if compileMod.dir != "" || compileMod.err != nil {
		if compileMod.err != nil {
			b.Fatal(compileMod.err)
		}
		return compileMod.dir
	}
	wsdl := filepath.Join(schemas(b), "services.wsdl")
	dir, err := os.MkdirTemp("", "ewsgen-compile-")
	if err != nil {
		b.Fatal(err)
	}
	compileMod.err = func() error {
		gomod := "module scratch\n\ngo 1.26\n\nrequire github.com/hooklift/gowsdl v0.5.0\n"
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
			return err
		}
		sum, err := os.ReadFile("go.sum")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
			return err
		}
		src := filepath.Join("..", "generated", "ews")
		files, err := filepath.Glob(filepath.Join(src, "*.go"))
		if err != nil {
			return err
		}
		ewsgenDir := filepath.Join(dir, "ewsgen")
		if err := os.MkdirAll(ewsgenDir, 0o755); err != nil {
			return err
		}
		n := 0
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(ewsgenDir, filepath.Base(f)), data, 0o644); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return fmt.Errorf("%s has no Go files; run make generate first", src)
		}
		gowsdlDir := filepath.Join(dir, "gowsdl")
		var genErr error
		printed := captureOutput(b, func() { genErr = runGowsdl(wsdl, gowsdlDir) })
		if genErr != nil {
			return fmt.Errorf("gowsdl: %v\nit printed:\n%s", genErr, tail(printed, 20))
		}
		if err := os.WriteFile(filepath.Join(gowsdlDir, "missing.go"), []byte(gowsdlMissing), 0o644); err != nil {
			return err
		}
		// Warm the cache: standard library, gowsdl's soap package and both
		// packages once.
		for _, pkg := range []string{"./ewsgen", "./gowsdl"} {
			if _, _, _, err := goBuild(dir, pkg); err != nil {
				return err
			}
		}
		return nil
	}()
	if compileMod.err != nil {
		b.Fatal(compileMod.err)
	}
	compileMod.dir = dir
	return dir
}

// TestMain removes the scratch module of BenchmarkCompile.
func TestMain(m *testing.M) {
	code := m.Run()
	if compileMod.dir != "" {
		os.RemoveAll(compileMod.dir)
	}
	os.Exit(code)
}

// goBuild runs "go build" on pkg in module dir and returns its wall and CPU
// time (the go command and the compiler it ran) and the time of the
// package's build action alone (from the go command's -debug-trace: the
// compiler, without loading the module and checking the cache).
func goBuild(dir, pkg string) (wall, cpu, action time.Duration, err error) {
	trace := filepath.Join(dir, "trace.json")
	cmd := exec.Command("go", "build", "-debug-trace="+trace, "-o", os.DevNull, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall = time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("go build %s: %v\n%s", pkg, err, tail(string(out), 30))
	}
	cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	action, err = buildAction(trace, "scratch/"+strings.TrimPrefix(pkg, "./"))
	return wall, cpu, action, err
}

// buildAction returns the duration of the build action of package path in
// the go command's trace file.
func buildAction(trace, path string) (time.Duration, error) {
	data, err := os.ReadFile(trace)
	if err != nil {
		return 0, err
	}
	var evs []struct {
		Name string  `json:"name"`
		Ph   string  `json:"ph"`
		TS   float64 `json:"ts"`
	}
	if err := json.Unmarshal(data, &evs); err != nil {
		return 0, fmt.Errorf("%s: %v", trace, err)
	}
	name := "Executing action (build " + path + ")"
	var begin float64
	for _, e := range evs {
		if e.Name != name {
			continue
		}
		switch e.Ph {
		case "B":
			begin = e.TS
		case "E":
			return time.Duration((e.TS - begin) * float64(time.Microsecond)), nil
		}
	}
	return 0, fmt.Errorf("%s: no build action for %s", trace, path)
}

func benchBuild(b *testing.B, mod, pkg string) {
	dir := filepath.Join(mod, pkg)
	nonceFile := filepath.Join(dir, "zz_nonce.go")
	os.Remove(nonceFile) // left by an earlier run of this sub-benchmark
	lines := goLines(b, dir)
	var cpu, action time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		nonce := fmt.Sprintf("package %s\n\nconst benchNonce = %q\n", "ews", fmt.Sprint(time.Now().UnixNano()))
		if err := os.WriteFile(nonceFile, []byte(nonce), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		_, c, a, err := goBuild(mod, "./"+pkg)
		if err != nil {
			b.Fatal(err)
		}
		cpu += c
		action += a
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(action.Seconds()/float64(b.N), "action-s/op")
	b.ReportMetric(float64(lines), "lines/op")
}
