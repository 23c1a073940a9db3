package generator

import (
	"regexp"
	"strings"
	"testing"
)

// ewsWord matches the words that must not occur in the output for a service
// that is not Exchange's (ewsgen, the tool's name, is not one of them).
var ewsWord = regexp.MustCompile(`\bEWS\b|Exchange|\bews\b`)

// Output for services other than Exchange Web Services mentions neither EWS
// nor Exchange, in generated and in copied files, and has none of the EWS
// profile's declarations.
func TestNoEWSInGenericOutput(t *testing.T) {
	for _, c := range []struct{ wsdl, pkg string }{
		{"testdata/ops_names/service.wsdl", ""},
		{"testdata/soap12_multi/shop.wsdl", "shop"},
	} {
		files, err := Generate(Config{WSDL: c.wsdl, Package: c.pkg})
		if err != nil {
			t.Fatalf("%s: %v", c.wsdl, err)
		}
		names := map[string]bool{}
		for _, f := range files {
			names[f.Name] = true
			for i, line := range strings.Split(string(f.Content), "\n") {
				if m := ewsWord.FindString(line); m != "" {
					t.Errorf("%s: %s:%d mentions %q: %s", c.wsdl, f.Name, i+1, m, strings.TrimSpace(line))
				}
			}
			if f.Name == "client.go" {
				for _, decl := range []string{"func WithRequestServerVersion", "type ResponseError", "func WithAnchorMailbox", "func requestSends"} {
					if strings.Contains(string(f.Content), decl) {
						t.Errorf("%s: client.go declares %s without the EWS profile", c.wsdl, decl)
					}
				}
			}
		}
		if !names["profile_soap.go"] {
			t.Errorf("%s: no profile_soap.go", c.wsdl)
		}
	}
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
