package basket

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// The operation counter reads portTypes, faults and bound headers; the
// fixture is the generator's self-written golden WSDL.
func TestOperationsOfFixture(t *testing.T) {
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	ops, err := Operations(filepath.Join(root, "generator", "testdata", "wsdl_two_ns", "service.wsdl"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) != 2 {
		t.Fatalf("got %d operations, want 2: %+v", len(ops), ops)
	}
	want := map[string]int{"ListNotes": 2, "PinNote": 4} // soap:header elements, input and output
	for _, o := range ops {
		if o.PortType != "{urn:example:notes:wsdl}NotesPortType" || o.Headers != want[o.Name] || o.OneWay || o.RPC || o.Encoded {
			t.Errorf("operation %+v", o)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"DocumentRegistry_RegisterDocumentSet-b": "documentregistryregisterdocumentsetb",
		"getQueryNames":                          "getquerynames",
		"IMachine_getName":                       "imachinegetname",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// Inline schemas extracted from a WSDL compile under xmllint --schema.
func TestExtractSchemas(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (internal/basket/install.sh installs it)")
	}
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := ExtractSchemas(filepath.Join(root, "generator", "testdata", "wsdl_two_ns", "service.wsdl"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(root, "generator", "testdata", "wsdl_two_ns", "check", "pin_note.xml")
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, doc).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}
