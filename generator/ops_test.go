package generator

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/xsd"
)

// Operation names map to Go names deterministically: exact names first,
// then the others, collisions numbered, Client's own methods avoided.
func TestOperationGoNames(t *testing.T) {
	var ops []*xsd.Operation
	for _, n := range []string{"getQueryNames", "get-query-names", "GetQueryNames_", "DocumentRegistry_RegisterDocumentSet-b", "endpoint", "9lives", "Timeout"} {
		ops = append(ops, &xsd.Operation{Name: n})
	}
	p := &plan{ops: ops, set: &xsd.Set{}}
	got := map[string]string{}
	for _, m := range p.buildContract() {
		got[m.Name] = m.GoName
	}
	want := map[string]string{
		"getQueryNames":                          "GetQueryNames",
		"get-query-names":                        "GetQueryNames3",
		"GetQueryNames_":                         "GetQueryNames2", // sorts before get-query-names
		"DocumentRegistry_RegisterDocumentSet-b": "DocumentRegistryRegisterDocumentSetB",
		"endpoint":                               "Endpoint2",
		"9lives":                                 "X9lives",
		"Timeout":                                "Timeout2",
	}
	for n, w := range want {
		if got[n] != w {
			t.Errorf("%s: Go name %q, want %q", n, got[n], w)
		}
	}
}

// An rpc/encoded operation whose encodingStyle is not SOAP 1.1 section 5
// encoding is refused with a warning naming it and its binding; the
// binding's other operations are generated.
func TestEncodedOperationWarned(t *testing.T) {
	var warnings []string
	files, err := Generate(Config{WSDL: "testdata/rpc_literal/quotes.wsdl", Package: "quotes",
		Warn: func(e *xsd.Error) { warnings = append(warnings, e.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `operation "legacy" of binding "QuoteBinding"`) || !strings.Contains(warnings[0], "encodingStyle other than SOAP 1.1 section 5") {
		t.Fatalf("warnings %q, want one about legacy", warnings)
	}
	for _, f := range files {
		if f.Name == "client.go" {
			for _, m := range []string{"func (c *Client) GetQuote(", "func (c *Client) Ping("} {
				if !strings.Contains(string(f.Content), m) {
					t.Errorf("client.go lacks %s", m)
				}
			}
			if strings.Contains(string(f.Content), "Legacy(") {
				t.Error("client.go has a method for the encoded operation")
			}
		}
	}
}

// A portType bound in both SOAP versions is generated through its SOAP 1.1
// binding unless Config.SOAPVersion asks for 1.2; a portType bound in one
// version only keeps it.
func TestSOAPVersionChoice(t *testing.T) {
	operations := func(v xsd.SOAPVersion) string {
		t.Helper()
		files, err := Generate(Config{WSDL: "testdata/soap12_multi/shop.wsdl", Package: "shop", SOAPVersion: v})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Name == "operations.go" {
				return string(f.Content)
			}
		}
		t.Fatal("no operations.go")
		return ""
	}
	// entries: PlaceOrder, Shutdown, ping (Orders), ping (Admin)
	count := func(s string) int { return len(regexp.MustCompile(`SOAP:\s+SOAP12,`).FindAllString(s, -1)) }
	if n := count(operations(0)); n != 2 {
		t.Errorf("default: %d operations in SOAP 1.2, want 2 (Admin's)", n)
	}
	if n := count(operations(xsd.SOAP12)); n != 4 {
		t.Errorf("SOAP 1.2 preferred: %d operations in SOAP 1.2, want 4", n)
	}
}
