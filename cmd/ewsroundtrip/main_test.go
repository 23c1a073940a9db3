package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/xmlcmp"
)

// fixtures are EWS messages written for generated/ews's tests.
const fixtures = "../../generated/ews/testdata/fixtures"

// runCmd runs the command in-process and returns its exit code and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
	return path
}

// sameXML fails the test when got is not the same canonical XML as want.
func sameXML(t *testing.T, want, got []byte) {
	t.Helper()
	w, err := xmlcmp.Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	g, err := xmlcmp.Parse(got)
	if err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, got)
	}
	if d := xmlcmp.Diff(w, g); d != "" {
		t.Fatalf("output differs: %s\n%s", d, got)
	}
}

func TestSingleFile(t *testing.T) {
	for _, tc := range []struct {
		file, prefix string
	}{
		{"finditem-request.xml", "<soap:Envelope "},
		{"finditem-response.xml", "<s:Envelope "},
		{"getimitemlist-response.xml", "<s:Envelope "},
		{"fault-response.xml", "<s:Envelope "},
		{"createitem-request.xml", "<soap:Envelope "},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(fixtures, tc.file)
			code, stdout, stderr := runCmd(t, path)
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if !strings.HasSuffix(stdout, ">\n") {
				t.Errorf("output does not end in a newline: %q", stdout[max(len(stdout)-20, 0):])
			}
			// The style follows the message: the envelope prefix tells.
			body := stdout[strings.IndexByte(stdout, '\n')+1:]
			if !strings.HasPrefix(body, tc.prefix) {
				t.Errorf("output starts %q, want %q", body[:min(len(body), 40)], tc.prefix)
			}
			in, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sameXML(t, in, []byte(stdout))
		})
	}
}

func TestStyleFlag(t *testing.T) {
	path := filepath.Join(fixtures, "subscribe-request.xml")
	for style, prefix := range map[string]string{"client": "<soap:Envelope ", "server": "<s:Envelope ", "auto": "<soap:Envelope "} {
		code, stdout, stderr := runCmd(t, "--style", style, path)
		if code != exitOK {
			t.Fatalf("--style %s: exit %d: %s", style, code, stderr)
		}
		if !strings.Contains(stdout, "\n"+prefix) {
			t.Errorf("--style %s: output does not start with %s", style, prefix)
		}
	}
}

func TestSingleFileFailures(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name    string
		args    []string
		content string
		want    string // in stderr
	}{
		{"missing", []string{filepath.Join(dir, "nope.xml")}, "", "no such file"},
		{"not xml", []string{"bad.xml"}, "<s:Envelope", "bad.xml: "},
		{"not an envelope", []string{"doc.xml"}, "<a/>", "not a SOAP envelope"},
		{"unknown body", []string{"unknown.xml"}, `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x:Nope xmlns:x="urn:x"/></s:Body></s:Envelope>`, "unknown body element"},
		{"too large", []string{"--max-bytes", "10", "big.xml"}, `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>`, "size limit of 10 bytes"},
		{"too deep", []string{"--max-depth", "3", "deep.xml"}, `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetItem xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:ItemShape/></m:GetItem></s:Body></s:Envelope>`, "depth"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if tc.content != "" {
				last := len(args) - 1
				args = append(append([]string{}, args[:last]...), writeFile(t, filepath.Join(dir, args[last]), tc.content))
			}
			code, stdout, stderr := runCmd(t, args...)
			if code != exitFailure {
				t.Errorf("exit %d, want %d", code, exitFailure)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "ewsroundtrip: ") || !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q, want one line with %q", stderr, tc.want)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "no FILE given"},
		{[]string{"a.xml", "b.xml"}, "several FILEs need --out"},
		{[]string{"--style", "fancy", "a.xml"}, "--style must be"},
		{[]string{"--bogus", "a.xml"}, "unknown flag: --bogus"},
		{[]string{"--max-depth", "-1", "a.xml"}, "must not be negative"},
	} {
		code, stdout, stderr := runCmd(t, tc.args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, stdout, stderr, exitUsage, tc.want)
		}
	}
	code, stdout, _ := runCmd(t, "--help")
	if code != exitOK || !strings.Contains(stdout, "--out DIR") {
		t.Errorf("--help: exit %d, output %q", code, stdout)
	}
}

func TestOutDir(t *testing.T) {
	fx, err := filepath.Abs(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(fx, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	work := t.TempDir()
	t.Chdir(work)
	writeFile(t, "in/getitem-request.xml", read("getitem-request.xml"))
	writeFile(t, "in/unknown.xml", `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x:Nope xmlns:x="urn:x"/></s:Body></s:Envelope>`)
	writeFile(t, "in/broken.xml", "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">\n<s:Body>\n")
	writeFile(t, "up.xml", read("getitem-response.xml"))
	abs := writeFile(t, filepath.Join(work, "in", "abs.xml"), read("fault-response.xml"))
	// The documentation's slips: https:// namespaces and a "…" line.
	slipped := strings.ReplaceAll(read("finditem-request.xml"), "http://schemas.", "https://schemas.")
	slipped = strings.Replace(slipped, "<m:SortOrder>", "<m:SortOrder>\n      …", 1)
	writeFile(t, "in/slips.xml", slipped)

	up := "../" + filepath.Base(work) + "/up.xml"
	args := []string{"--out", "out", "in/getitem-request.xml", "in/unknown.xml", "in/broken.xml", up, abs, "in/slips.xml"}
	code, stdout, stderr := runCmd(t, args...)
	if code != exitFailure {
		t.Errorf("exit %d, want %d (some files fail)", code, exitFailure)
	}
	if stderr != "" {
		t.Errorf("stderr %q, want nothing", stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	want := []struct{ file, root, status, out string }{
		{"in/getitem-request.xml", "GetItem", "ok", "out/in/getitem-request.xml"},
		{"in/unknown.xml", "Nope", "decode-error: ", ""},
		{"in/broken.xml", "-", "decode-error: ", ""},
		{up, "GetItemResponse", "ok", "out/" + filepath.Base(work) + "/up.xml"},
		{abs, "Fault", "ok", filepath.Join("out", strings.TrimPrefix(abs, "/"))},
		{"in/slips.xml", "FindItem", "ok", "out/in/slips.xml"},
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), stdout)
	}
	for i, w := range want {
		f := strings.Split(lines[i], "\t")
		if len(f) != 3 || f[0] != w.file || f[1] != w.root || !strings.HasPrefix(f[2], w.status) || strings.ContainsAny(f[2], "\n\r") {
			t.Errorf("line %d = %q, want %s<TAB>%s<TAB>%s...", i+1, lines[i], w.file, w.root, w.status)
			continue
		}
		if w.out == "" {
			continue
		}
		got, err := os.ReadFile(w.out)
		if err != nil {
			t.Errorf("%s: %v", w.file, err)
			continue
		}
		in, err := os.ReadFile(w.file)
		if err != nil {
			t.Fatal(err)
		}
		if w.file == "in/slips.xml" {
			in = []byte(read("finditem-request.xml"))
		}
		sameXML(t, in, got)
	}
	// Nothing is written for a file that does not decode, and nothing
	// outside out/.
	for _, p := range []string{"out/in/unknown.xml", "out/in/broken.xml"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was written", p)
		}
	}
	entries, _ := os.ReadDir(".")
	if len(entries) != 3 { // in, out, up.xml
		t.Errorf("the working folder holds %d entries, want in, out and up.xml", len(entries))
	}
}

func TestDocSlipsFlag(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixtures, "subscribe-request.xml"))
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, filepath.Join(t.TempDir(), "https.xml"), strings.ReplaceAll(string(b), "http://schemas.", "https://schemas."))
	if code, _, stderr := runCmd(t, path); code != exitOK {
		t.Errorf("with the slips mapped: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "--docslips=false", path); code != exitFailure || !strings.Contains(stderr, "not a SOAP 1.1 or 1.2 envelope") {
		t.Errorf("--docslips=false: exit %d: %s", code, stderr)
	}
}

func TestUnderDir(t *testing.T) {
	for in, want := range map[string]string{
		"a.xml":            "a.xml",
		"x/y/a.xml":        "x/y/a.xml",
		"./x/a.xml":        "x/a.xml",
		"/abs/x/a.xml":     "abs/x/a.xml",
		"../a.xml":         "a.xml",
		"../../p/a.xml":    "p/a.xml",
		"x/../../a.xml":    "a.xml",
		"x/../y/a.xml":     "y/a.xml",
		"//double//a.xml":  "double/a.xml",
		"/":                "_",
		"..":               "_",
		"/../../etc/a.xml": "etc/a.xml",
		"x/..y/a.xml":      "x/..y/a.xml",
		"..hidden/a.xml":   "..hidden/a.xml",
	} {
		if got := filepath.ToSlash(underDir(filepath.FromSlash(in))); got != want {
			t.Errorf("underDir(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsResponse(t *testing.T) {
	for _, tc := range []struct {
		env  *ews.Envelope
		want bool
	}{
		{&ews.Envelope{Body: &ews.FindItem{}}, false},
		{&ews.Envelope{Body: &ews.FindItemResponse{}}, true},
		{&ews.Envelope{Body: &ews.UpdateMeetingSpaceResponseMessage{}}, true},
		{&ews.Envelope{Fault: &ews.SOAPFault{}}, true},
		{&ews.Envelope{Header: ews.EnvelopeHeader{ServerVersionInfo: &ews.ServerVersionInfo{}}}, true},
		{&ews.Envelope{}, false},
	} {
		if got := isResponse(tc.env); got != tc.want {
			t.Errorf("isResponse(%s) = %v, want %v", bodyRoot(tc.env), got, tc.want)
		}
	}
}
