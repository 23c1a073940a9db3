package xsd

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/internal/hostile"
)

// loadErr loads paths and returns the error text; it fails the test when
// Load succeeds or takes more than a few seconds.
func loadErr(t *testing.T, paths []string, opts Options) string {
	t.Helper()
	start := time.Now()
	set, err := Load(paths, opts)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("Load took %v", d)
	}
	if err == nil {
		t.Fatalf("Load succeeded (%d types), want an error", len(set.Types))
	}
	// Positions are shown relative to the folder of the first input.
	return strings.ReplaceAll(err.Error(), filepath.ToSlash(filepath.Dir(paths[0]))+"/", "")
}

// wantLines checks that every pattern matches a line of got and that every
// line starts with file:line:col.
func wantLines(t *testing.T, got string, patterns ...string) {
	t.Helper()
	pos := regexp.MustCompile(`^[^:]+:\d+:\d+: `)
	for _, line := range strings.Split(got, "\n") {
		if !pos.MatchString(line) {
			t.Errorf("line without file:line:col: %q", line)
		}
	}
	for _, p := range patterns {
		if !regexp.MustCompile(p).MatchString(got) {
			t.Errorf("no line matches %q in:\n%s", p, got)
		}
	}
}

func TestDeepExtensionChain(t *testing.T) {
	dir := t.TempDir()
	p, err := hostile.DeepChain(dir, 10000) // the full size: loads in well under a second
	if err != nil {
		t.Fatal(err)
	}
	got := loadErr(t, []string{p}, Options{})
	wantLines(t, got, `chain\.xsd:908:3: type derivation chain of "T101" is more than 100 steps long .*--max-derivation-depth`)
	if n := strings.Count(got, "\n") + 1; n != 1 {
		t.Errorf("%d errors, want one for the one chain", n)
	}
	// Within the limit the chain loads.
	small, err := hostile.DeepChain(t.TempDir(), 50)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load([]string{small}, Options{}); err != nil {
		t.Errorf("50-deep chain: %v", err)
	}
	if _, err := Load([]string{small}, Options{Limits: Limits{DerivationDepth: 10}}); err == nil {
		t.Errorf("50-deep chain with DerivationDepth 10: no error")
	}
}

// fullSize reports whether the tests should use the full-size hostile
// inputs (about 50 MB each, a few seconds each).
func fullSize() bool { return os.Getenv("EWSGEN_HOSTILE_FULL") == "1" }

func TestHugeEnumeration(t *testing.T) {
	if fullSize() {
		p, err := hostile.BigEnum(t.TempDir(), 1_000_000)
		if err != nil {
			t.Fatal(err)
		}
		got := loadErr(t, []string{p}, Options{})
		wantLines(t, got, `enum\.xsd:50005:7: more than 50000 enumeration values in one simple type .*--max-enumerations`)
	}
	p, err := hostile.BigEnum(t.TempDir(), 20000)
	if err != nil {
		t.Fatal(err)
	}
	got := loadErr(t, []string{p}, Options{Limits: Limits{Enumerations: 1000}})
	wantLines(t, got, `enum\.xsd:1005:7: more than 1000 enumeration values in one simple type .*--max-enumerations`)
	set, err := Load([]string{p}, Options{})
	if err != nil {
		t.Fatalf("20000 values with the default limit: %v", err)
	}
	if n := len(set.Types[xml.Name{Space: "urn:hostile", Local: "E"}].Facets.Enumerations); n != 20000 {
		t.Errorf("%d values, want 20000", n)
	}
	// The file is larger than XgenBytes: loaded without the cross-check, and
	// the reason is recorded.
	set, err = Load([]string{p}, Options{Limits: Limits{XgenBytes: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	if why := set.Files[0].XgenSkipped; !strings.Contains(why, "larger than 1000 bytes") {
		t.Errorf("XgenSkipped = %q", why)
	}
}

func TestCircularDefinitions(t *testing.T) {
	p, err := hostile.Cycle(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	got := loadErr(t, []string{p}, Options{})
	wantLines(t, got,
		`cycle\.xsd:3:3: circular type derivation: complexType "X" \(cycle\.xsd:3:3\) extends "Y", complexType "Y" \(cycle\.xsd:8:3\) restricts "X"`,
		`cycle\.xsd:13:3: circular group reference: group "G1" \(cycle\.xsd:13:3\) refers to "G2" at cycle\.xsd:15:7, group "G2" \(cycle\.xsd:18:3\) refers to "G1" at cycle\.xsd:21:7`,
		`cycle\.xsd:24:3: circular attributeGroup reference: attributeGroup "AG" \(cycle\.xsd:24:3\) refers to "AG" at cycle\.xsd:25:5`,
		`cycle\.xsd:27:3: circular substitutionGroup: element "S1" \(cycle\.xsd:27:3\) is in the substitutionGroup of "S2", element "S2" \(cycle\.xsd:28:3\) is in the substitutionGroup of "S1"`,
	)
	// Simple types: a union that is its own member, a list of itself.
	dir := writeFiles(t, map[string]string{"s.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:s" targetNamespace="urn:s">
  <xs:simpleType name="U"><xs:union memberTypes="xs:int t:V"/></xs:simpleType>
  <xs:simpleType name="V"><xs:restriction base="t:U"/></xs:simpleType>
  <xs:simpleType name="L"><xs:list><xs:simpleType><xs:restriction base="t:L"/></xs:simpleType></xs:list></xs:simpleType>
</xs:schema>`})
	got = loadErr(t, []string{dir + "/s.xsd"}, Options{})
	wantLines(t, got,
		`s\.xsd:2:3: circular type derivation: simpleType "U" \(.*s\.xsd:2:3\) has union member type "V", simpleType "V" \(.*s\.xsd:3:3\) restricts "U"`,
		`s\.xsd:4:3: circular type derivation: simpleType "L" \(.*s\.xsd:4:3\) restricts "L"`)
}

func TestConfinedReads(t *testing.T) {
	root := t.TempDir()
	main, err := hostile.Escape(root)
	if err != nil {
		t.Fatal(err)
	}
	got := loadErr(t, []string{main}, Options{})
	wantLines(t, got,
		`main\.xsd:3:3: refused schemaLocation "/etc/passwd": /etc/passwd is outside the allowed folders .*--allow-path DIR or --allow-outside`,
		`main\.xsd:4:3: refused schemaLocation "\.\./outside\.xsd": .*outside\.xsd is outside the allowed folders`,
		`main\.xsd:5:3: cannot fetch schemaLocation "http://example\.com/one\.xsd": network access is disabled`,
		`main\.xsd:6:3: cannot fetch schemaLocation "https://example\.com/two\.xsd": network access is disabled`)
	if strings.Contains(got, "not well-formed") {
		t.Errorf("/etc/passwd was read:\n%s", got)
	}

	// --allow-path lets ../outside.xsd in (passwd and the network stay refused).
	got = loadErr(t, []string{main}, Options{AllowPaths: []string{root}})
	if strings.Contains(got, "outside.xsd") || !strings.Contains(got, "/etc/passwd") {
		t.Errorf("with AllowPaths:\n%s", got)
	}

	// A symbolic link inside the folder that points outside is refused; one
	// that stays inside is followed.
	dir := writeFiles(t, map[string]string{
		"in/main.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:hostile">
  <xs:include schemaLocation="link.xsd"/>
  <xs:include schemaLocation="sub/ok.xsd"/>
</xs:schema>`,
		"in/real/ok.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:hostile"/>`,
		"secret.xsd":     `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:hostile"/>`,
	})
	if err := os.Symlink(filepath.Join(dir, "secret.xsd"), filepath.Join(dir, "in", "link.xsd")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "in", "real"), filepath.Join(dir, "in", "sub")); err != nil {
		t.Fatal(err)
	}
	got = loadErr(t, []string{dir + "/in/main.xsd"}, Options{})
	wantLines(t, got, `main\.xsd:2:3: refused schemaLocation "link\.xsd": .*link\.xsd is through a symbolic link to .*secret\.xsd, outside the allowed folders`)
	if strings.Contains(got, "ok.xsd") {
		t.Errorf("link inside the folder refused:\n%s", got)
	}
	if _, err := Load([]string{dir + "/in/main.xsd"}, Options{AllowOutside: true}); err != nil {
		t.Errorf("AllowOutside: %v", err)
	}
}

// TestEveryNetworkRefusal: with network access off, every http(s)
// schemaLocation that cannot be satisfied is reported, includes and WSDL
// imports too.
func TestEveryNetworkRefusal(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.wsdl": `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:w">
  <wsdl:import namespace="urn:i" location="http://example.com/i.xsd"/>
  <wsdl:types>
    <xs:schema targetNamespace="urn:w">
      <xs:include schemaLocation="http://example.com/inc1.xsd"/>
      <xs:include schemaLocation="http://example.com/inc2.xsd"/>
      <xs:import namespace="urn:x" schemaLocation="https://example.com/x.xsd"/>
    </xs:schema>
  </wsdl:types>
</wsdl:definitions>`})
	got := loadErr(t, []string{dir + "/a.wsdl"}, Options{})
	wantLines(t, got, `a\.wsdl:2:3: cannot fetch .*i\.xsd`, `a\.wsdl:5:7: cannot fetch .*inc1\.xsd`,
		`a\.wsdl:6:7: cannot fetch .*inc2\.xsd`, `a\.wsdl:7:7: cannot fetch .*x\.xsd`)
}

func TestBigWSDL(t *testing.T) {
	n := 200
	if fullSize() {
		n = 23000 // about 50 MB
	}
	p, err := hostile.BigWSDL(t.TempDir(), n)
	if err != nil {
		t.Fatal(err)
	}
	set, err := Load([]string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Types) != n {
		t.Errorf("%d types, want %d", len(set.Types), n)
	}
	got := loadErr(t, []string{p}, Options{Limits: Limits{Components: n}})
	wantLines(t, got, `big\.wsdl:\d+:\d+: more than \d+ global declarations .*--max-components`)
	got = loadErr(t, []string{p}, Options{Limits: Limits{FileBytes: 1000}})
	if !strings.Contains(got, "larger than 1000 bytes") || !strings.Contains(got, "--max-file-bytes") {
		t.Errorf("FileBytes: %s", got)
	}
	got = loadErr(t, []string{p}, Options{Limits: Limits{XMLNodes: 5000}})
	wantLines(t, got, `big\.wsdl:\d+:\d+: the input files hold more than 5000 XML elements and attributes`)
}

func TestNestingAndExpansion(t *testing.T) {
	// Deep element nesting.
	deep := strings.Repeat("<xs:sequence>", 300) + strings.Repeat("</xs:sequence>", 300)
	dir := writeFiles(t, map[string]string{
		"deep.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:complexType name="T">` + deep + `</xs:complexType></xs:schema>`,
	})
	got := loadErr(t, []string{dir + "/deep.xsd"}, Options{})
	wantLines(t, got, `deep\.xsd:1:\d+: elements nested more than 256 deep .*--max-xml-depth`)

	// Groups that each refer twice to the next: 2^40 particles once
	// expanded.
	var b strings.Builder
	b.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:g" targetNamespace="urn:g">` + "\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, `<xs:group name="G%d"><xs:sequence><xs:group ref="t:G%d"/><xs:group ref="t:G%d"/></xs:sequence></xs:group>`+"\n", i, i+1, i+1)
	}
	b.WriteString(`<xs:group name="G40"><xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence></xs:group>` + "\n")
	b.WriteString(`<xs:complexType name="T"><xs:group ref="t:G0"/></xs:complexType></xs:schema>`)
	dir = writeFiles(t, map[string]string{"bomb.xsd": b.String()})
	got = loadErr(t, []string{dir + "/bomb.xsd"}, Options{Limits: Limits{DerivationDepth: 1000}})
	wantLines(t, got, `bomb\.xsd:\d+:\d+: the schemas expand to more than 2000000 particles .*--max-particles`)
	got = loadErr(t, []string{dir + "/bomb.xsd"}, Options{Limits: Limits{DerivationDepth: 10}})
	wantLines(t, got, `bomb\.xsd:\d+:\d+: group references nested more than 10 deep .*--max-derivation-depth`)
}

func TestTotalBytes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"><xs:include schemaLocation="b.xsd"/></xs:schema>`,
		"b.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a">` + strings.Repeat(" ", 200) + `</xs:schema>`,
	})
	got := loadErr(t, []string{dir + "/a.xsd"}, Options{Limits: Limits{TotalBytes: 250}})
	wantLines(t, got, `a\.xsd:1:\d+: cannot load .*b\.xsd: the input files add up to more than 250 bytes .*--max-total-bytes`)
	got = loadErr(t, []string{dir + "/a.xsd"}, Options{Limits: Limits{Files: 1}})
	wantLines(t, got, `a\.xsd:1:\d+: cannot load .*b\.xsd: more than 1 input files .*--max-files`)
}

// TestErrorCap: past maxErrors, errors are counted, not kept.
func TestErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:x" targetNamespace="urn:x">` + "\n")
	for i := 0; i < maxErrors+50; i++ {
		fmt.Fprintf(&b, `<xs:element name="E%d" type="t:Missing"/>`+"\n", i)
	}
	b.WriteString(`</xs:schema>`)
	dir := writeFiles(t, map[string]string{"many.xsd": b.String()})
	_, err := Load([]string{dir + "/many.xsd"}, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxErrors+1 || lines[len(lines)-1] != "xsd: 50 more errors not shown (the first 10000 found are)" {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
}
