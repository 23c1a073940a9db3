package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/internal/ewswords"
	"github.com/ewsgen/ewsgen/templates"
)

// ewsWord matches the words that must not occur in the output for a service
// that is not Exchange's: the basket's EWS words (internal/ewswords) and the
// package name ews (ewsgen, the tool's name, is not one of them).
var ewsWord = regexp.MustCompile(ewswords.RE.String() + `|\bews\b`)

// Output for services other than Exchange Web Services has none of the EWS
// words, in generated and in copied files, unless the service's own input
// files hold the word, and none of the EWS profile's declarations: every
// golden case and two WSDLs generated as the command does.
func TestNoEWSInGenericOutput(t *testing.T) {
	type input struct {
		dir string // the case's directory: words in its input files count not
		cfg Config
	}
	ins := []input{
		{"testdata/ops_names", Config{WSDL: "testdata/ops_names/service.wsdl"}},
		{"testdata/soap12_multi", Config{WSDL: "testdata/soap12_multi/shop.wsdl", Package: "shop"}},
	}
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "want")); err != nil {
			continue // a case with an error or no output
		}
		_, cfg := goldLoad(t, filepath.ToSlash(dir))
		ins = append(ins, input{filepath.ToSlash(dir), cfg})
	}
	for _, in := range ins {
		own := map[string]bool{}
		filepath.WalkDir(in.dir, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "want" || d.Name() == "check") {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range ewswords.In(data) {
					own[w] = true
				}
			}
			return nil
		})
		files, err := Generate(in.cfg)
		if err != nil {
			t.Fatalf("%s: %v", in.dir, err)
		}
		if isEWSOutput(files) {
			continue // a case of the EWS profile (its schemas are Exchange's)
		}
		names := map[string]bool{}
		for _, f := range files {
			names[f.Name] = true
			for i, line := range strings.Split(string(f.Content), "\n") {
				for _, m := range ewsWord.FindAllString(line, -1) {
					if !own[m] {
						t.Errorf("%s: %s:%d mentions %q: %s", in.dir, f.Name, i+1, m, strings.TrimSpace(line))
					}
				}
			}
			if f.Name == "client.go" {
				for _, decl := range []string{"func WithRequestServerVersion", "type ResponseError", "func WithAnchorMailbox", "func requestSends"} {
					if strings.Contains(string(f.Content), decl) {
						t.Errorf("%s: client.go declares %s without the EWS profile", in.dir, decl)
					}
				}
			}
		}
		if !names["profile_soap.go"] {
			t.Errorf("%s: no profile_soap.go", in.dir)
		}
	}
}

// isEWSOutput reports whether files are a package of the EWS profile: its
// profile_soap.go is a copy of templates/ews.go.tmpl.
func isEWSOutput(files []File) bool {
	for _, f := range files {
		if f.Name == "profile_soap.go" {
			body := pkgLine.ReplaceAllString(stripHeader(string(f.Content)), "package ewsrt")
			return body == templates.ProfileEWS()
		}
	}
	return false
}

// The default package name comes from the WSDL without the EWS profile.
func TestDefaultPackageName(t *testing.T) {
	files, err := Generate(Config{WSDL: "testdata/ops_names/service.wsdl"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.Contains(string(f.Content), "\npackage service\n") {
			t.Fatalf("%s: package is not %q", f.Name, "service")
		}
	}
}

// Config.Profile forces the profile on or off; an unknown value is refused.
func TestProfileFlag(t *testing.T) {
	// wsdl_two_ns uses the EWS namespaces and response-message shapes: the
	// profile is detected.
	client := func(profile string) string {
		t.Helper()
		files, err := Generate(Config{WSDL: "testdata/wsdl_two_ns/service.wsdl", Package: "notes", Profile: profile})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Name == "client.go" {
				return string(f.Content)
			}
		}
		t.Fatal("no client.go")
		return ""
	}
	if c := client("auto"); !strings.Contains(c, "type ResponseError struct") {
		t.Error("profile auto on EWS namespaces: no ResponseError")
	}
	if c := client("none"); strings.Contains(c, "type ResponseError struct") || strings.Contains(c, "WithRequestServerVersion") {
		t.Error("profile none: EWS declarations written")
	}
	if _, err := Generate(Config{WSDL: "testdata/ops_names/service.wsdl", Profile: "exchange"}); err == nil || !strings.Contains(err.Error(), `unknown profile "exchange"`) {
		t.Errorf("profile exchange: err = %v", err)
	}
}
