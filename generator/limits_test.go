package generator

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/internal/hostile"
	"github.com/ewsgen/ewsgen/xsd"
)

func TestMaxItems(t *testing.T) {
	p, err := hostile.BigWSDL(t.TempDir(), 100)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{WSDL: p, Package: "big", MaxItems: 1000}
	_, err = Generate(cfg)
	if err == nil {
		t.Fatal("no error with MaxItems 1000")
	}
	if !regexp.MustCompile(`^\S*big\.wsdl:\d+:\d+: the generated package would hold more than 1000 struct fields, enumeration constants and interface implementations \(raise the limit with --max-items\)$`).MatchString(err.Error()) {
		t.Errorf("error: %v", err)
	}
	cfg.MaxItems = 0
	files, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, f := range files {
		total += len(f.Content)
	}
	cfg.MaxOutputBytes = int64(total) / 2
	if _, err := Generate(cfg); err == nil || !strings.Contains(err.Error(), "--max-output-bytes") {
		t.Errorf("MaxOutputBytes %d of %d: %v", cfg.MaxOutputBytes, total, err)
	}
}

// TestXgenSkippedNote: a file too large for the xgen cross-check says so in
// the header of every generated file.
func TestXgenSkippedNote(t *testing.T) {
	p, err := hostile.BigEnum(t.TempDir(), 100)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(Config{XSDs: []string{p}, Package: "e", Limits: xsd.Limits{XgenBytes: 100}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.Contains(string(f.Content), "// (enum.xsd was not cross-checked with xgen: ") {
			t.Errorf("%s: no note on the xgen cross-check:\n%.400s", f.Name, f.Content)
		}
	}
	files, err = Generate(Config{XSDs: []string{p}, Package: "e"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(files[0].Content), "cross-checked") {
		t.Errorf("note without a skipped cross-check")
	}
}

// TestOutputEstimate: an input whose code would pass MaxOutputBytes is
// refused while planning, at a position, before anything is rendered.
func TestOutputEstimate(t *testing.T) {
	p, err := hostile.Wide(t.TempDir(), 5000)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Generate(Config{XSDs: []string{p}, Package: "w", MaxOutputBytes: 1 << 20})
	if err == nil || !regexp.MustCompile(`^\S*wide\.xsd:3:3: the generated files would be larger than 1048576 bytes \(raise the limit with --max-output-bytes\)$`).MatchString(err.Error()) {
		t.Errorf("error: %v", err)
	}
	// The estimate is close to the real size: within its limit, it renders.
	files, err := Generate(Config{XSDs: []string{p}, Package: "w", MaxOutputBytes: 8 << 20})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, f := range files {
		total += len(f.Content)
	}
	if total < 2<<20 {
		t.Errorf("generated %d bytes; want at least 2 MiB for 5000 nillable elements", total)
	}
}
