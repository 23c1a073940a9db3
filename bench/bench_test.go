// Package bench compares the speed of ewsgen with other Go generators for
// WSDL/XSD on the EWS schemas, and measures how long the generated package
// takes to compile from a cold cache. It is a separate module so that the
// other generators never become dependencies of ewsgen itself.
package bench

import (
	"bytes"
	"fmt"
	"go/format"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hooklift/gowsdl"
	"github.com/xuri/xgen"

	"github.com/ewsgen/ewsgen/generator"
)

// schemaVersion is the folder under $EWSGEN_CORPUS/schemas that is generated.
const schemaVersion = "v2018_01_08"

// schemaFiles are the files of one EWS schema set.
var schemaFiles = []string{"services.wsdl", "messages.xsd", "types.xsd"}

// schemas returns a private copy of the EWS schema set, made once per
// benchmark outside the timed part. It skips the benchmark when the corpus
// is missing (and fails it when EWSGEN_REQUIRE_CORPUS=1).
func schemas(b *testing.B) string {
	b.Helper()
	corpus := os.Getenv("EWSGEN_CORPUS")
	missing := func(why string) {
		b.Helper()
		msg := "EWSGEN_CORPUS " + why + "; set it to the EWS corpus (the folder holding schemas/" + schemaVersion + "/services.wsdl)"
		if os.Getenv("EWSGEN_REQUIRE_CORPUS") == "1" {
			b.Fatal(msg)
		}
		b.Skip(msg)
	}
	if corpus == "" {
		missing("is not set")
	}
	src := filepath.Join(corpus, "schemas", schemaVersion)
	dst := b.TempDir()
	for _, name := range schemaFiles {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			missing(fmt.Sprintf("=%s has no usable schemas: %v", corpus, err))
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dst
}

// goLines counts the lines of every .go file under dir.
func goLines(b testing.TB, dir string) int {
	b.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n += bytes.Count(data, []byte("\n"))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// captureOutput sends os.Stdout, os.Stderr and the log package's output to a
// file while fn runs (the generators compared here print progress and
// warnings), and returns what was printed.
func captureOutput(b testing.TB, fn func()) string {
	b.Helper()
	f, err := os.CreateTemp(b.TempDir(), "output-*.txt")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	stdout, stderr, logOut := os.Stdout, os.Stderr, log.Writer()
	os.Stdout, os.Stderr = f, f
	log.SetOutput(f)
	defer func() {
		os.Stdout, os.Stderr = stdout, stderr
		log.SetOutput(logOut)
	}()
	fn()
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		b.Fatal(err)
	}
	out, err := io.ReadAll(f)
	if err != nil {
		b.Fatal(err)
	}
	return string(out)
}

// tail returns the last n lines of s, for logging.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("[... %d lines before]", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// reportLines reports the lines of Go written per run and per second of
// measured time.
func reportLines(b *testing.B, lines int) {
	b.ReportMetric(float64(lines)/float64(b.N), "lines/op")
	if secs := b.Elapsed().Seconds(); secs > 0 {
		b.ReportMetric(float64(lines)/secs, "lines/s")
	}
}

// BenchmarkGenerate generates Go code for the EWS schemas with each tool and
// reports, next to the time, the lines of Go written (lines/op) and the
// lines written per second (lines/s). Run it with -benchtime=1x: xgen takes
// over a minute for one run.
func BenchmarkGenerate(b *testing.B) {
	b.Run("tool=ewsgen", benchEwsgen)
	b.Run("tool=xgen", benchXgen)
	b.Run("tool=gowsdl", benchGowsdl)
}

// benchEwsgen runs generator.Generate and generator.Write, as cmd/ewsgen does.
func benchEwsgen(b *testing.B) {
	dir := schemas(b)
	outRoot := b.TempDir()
	cfg := generator.Config{WSDL: filepath.Join(dir, "services.wsdl"), Package: "ews"}
	b.ReportAllocs()
	b.ResetTimer()
	lines := 0
	for i := 0; i < b.N; i++ {
		out := filepath.Join(outRoot, fmt.Sprint(i), "ews")
		files, err := generator.Generate(cfg)
		if err != nil {
			b.Fatalf("ewsgen: %v", err)
		}
		if err := generator.Write(out, files); err != nil {
			b.Fatalf("ewsgen: %v", err)
		}
		b.StopTimer()
		lines += goLines(b, out)
		b.StartTimer()
	}
	reportLines(b, lines)
}

// benchXgen does what "xgen -i DIR -o OUT -l Go -p ews" does: it parses
// every file of the schema folder (the folder itself is listed too, and
// skipped) and writes one Go file per input file.
func benchXgen(b *testing.B) {
	dir := schemas(b)
	outRoot := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	lines := 0
	for i := 0; i < b.N; i++ {
		out := filepath.Join(outRoot, fmt.Sprint(i))
		var errs []string
		printed := captureOutput(b, func() {
			files, err := xgen.GetFileList(dir)
			if err != nil {
				errs = append(errs, err.Error())
				return
			}
			for _, file := range files {
				err := xgen.NewParser(&xgen.Options{
					FilePath:            file,
					InputDir:            dir,
					OutputDir:           out,
					Lang:                "Go",
					Package:             "ews",
					IncludeMap:          make(map[string]bool),
					LocalNameNSMap:      make(map[string]string),
					NSSchemaLocationMap: make(map[string]string),
					ParseFileList:       make(map[string]bool),
					ParseFileMap:        make(map[string][]interface{}),
					ProtoTree:           make([]interface{}, 0),
					RemoteSchema:        make(map[string][]byte),
				}).Parse()
				if err != nil {
					// The xgen command stops at the first error.
					errs = append(errs, fmt.Sprintf("%s: %v", filepath.Base(file), err))
					return
				}
			}
		})
		b.StopTimer()
		if len(errs) > 0 {
			b.Logf("xgen failed (the files written so far are counted): %s\nit printed:\n%s", strings.Join(errs, "; "), tail(printed, 20))
		}
		lines += goLines(b, out)
		b.StartTimer()
	}
	reportLines(b, lines)
}

// benchGowsdl does what "gowsdl -p ews services.wsdl" does: generate through
// the library, concatenate the parts, gofmt and write one file.
func benchGowsdl(b *testing.B) {
	dir := schemas(b)
	outRoot := b.TempDir()
	wsdl := filepath.Join(dir, "services.wsdl")
	b.ReportAllocs()
	b.ResetTimer()
	lines := 0
	for i := 0; i < b.N; i++ {
		out := filepath.Join(outRoot, fmt.Sprint(i), "ews")
		var genErr error
		printed := captureOutput(b, func() {
			genErr = runGowsdl(wsdl, out)
		})
		b.StopTimer()
		if genErr != nil {
			b.Logf("gowsdl failed (the files written so far are counted): %v\nit printed:\n%s", genErr, tail(printed, 20))
		}
		lines += goLines(b, out)
		b.StartTimer()
	}
	reportLines(b, lines)
}

func runGowsdl(wsdl, out string) error {
	g, err := gowsdl.NewGoWSDL(wsdl, "ews", false, true)
	if err != nil {
		return err
	}
	code, err := g.Start()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var src bytes.Buffer
	for _, part := range []string{"header", "types", "operations", "soap"} {
		src.Write(code[part])
	}
	formatted, ferr := format.Source(src.Bytes())
	if ferr != nil {
		// Like the gowsdl command: keep the unformatted code and say why.
		formatted = src.Bytes()
	}
	if err := os.WriteFile(filepath.Join(out, "ews.go"), formatted, 0o644); err != nil {
		return err
	}
	if ferr != nil {
		return fmt.Errorf("gofmt: %v", ferr)
	}
	return nil
}

// BenchmarkColdCompile measures "go build -a" of generated/ews with an empty
// build cache, which is what a user's first build of the generated package
// costs (the standard library is rebuilt too). It takes minutes and runs only
// when EWSGEN_BENCH_COMPILE=1. It reports s/build.
func BenchmarkColdCompile(b *testing.B) {
	if os.Getenv("EWSGEN_BENCH_COMPILE") != "1" {
		b.Skip("set EWSGEN_BENCH_COMPILE=1 to run (takes minutes)")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		b.Fatal(err)
	}
	pkgDir := filepath.Join(root, "generated", "ews")
	if m, _ := filepath.Glob(filepath.Join(pkgDir, "*.go")); len(m) == 0 {
		b.Skipf("%s has no Go files; run make generate first", pkgDir)
	}
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		cache := b.TempDir()
		cmd := exec.Command("go", "build", "-a", "./generated/ews")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOCACHE="+cache)
		b.StartTimer()
		start := time.Now()
		out, err := cmd.CombinedOutput()
		total += time.Since(start)
		if err != nil {
			b.Fatalf("go build -a ./generated/ews: %v\n%s", err, out)
		}
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "s/build")
}
