package xsd

import (
	"encoding/xml"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.ToSlash(dir)
}

func TestRootFileNotFound(t *testing.T) {
	_, err := Load([]string{"testdata/./nowhere/x.xsd"}, Options{})
	if err == nil || err.Error() != "testdata/nowhere/x.xsd: file not found" {
		t.Fatalf("got %v", err)
	}
	var xe *Error
	if !errors.As(err, &xe) || xe.Pos.File != "testdata/nowhere/x.xsd" {
		t.Fatalf("want *Error with the cleaned path, got %#v", err)
	}
}

func TestNoInputs(t *testing.T) {
	if _, err := Load(nil, Options{}); err == nil {
		t.Fatal("want an error")
	}
}

func TestIsBuiltin(t *testing.T) {
	for _, l := range []string{"string", "anyType", "anySimpleType", "dateTime", "base64Binary", "NMTOKENS", "unsignedByte", "gMonthDay"} {
		if !IsBuiltin(xml.Name{Space: NSXSD, Local: l}) {
			t.Errorf("%s is built in", l)
		}
	}
	for _, n := range []xml.Name{{Space: NSXSD, Local: "strin"}, {Local: "string"}, {Space: NSXML, Local: "lang"}} {
		if IsBuiltin(n) {
			t.Errorf("%v is not built in", n)
		}
	}
}

func TestCollapseDoc(t *testing.T) {
	for in, want := range map[string]string{
		"  one line  ": "one line",
		"\n    First\n      second\n\n\n  third\n  ": "First\nsecond\n\nthird",
		"a\r\n  b": "a\nb",
		"":         "",
	} {
		if got := collapseDoc(in); got != want {
			t.Errorf("collapseDoc(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBOMPosition checks that positions on the first line ignore the BOM.
func TestBOMPosition(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.xsd": "\xef\xbb\xbf<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"E\" type=\"nope\"/></xs:schema>",
	})
	_, err := Load([]string{dir + "/a.xsd"}, Options{})
	if err == nil || !strings.HasSuffix(err.Error(), "/a.xsd:1:56: unknown type nope") {
		t.Fatalf("got %v", err)
	}
}

// TestXgenCrossCheck makes xgen disagree and expects an error at the type.
func TestXgenCrossCheck(t *testing.T) {
	defer func(f func(string) xgenResult) { xgenRun = f }(xgenRun)
	xgenRun = func(path string) xgenResult {
		r := runXgen(path)
		if st := r.types["ShelfStatusType"]; st != nil {
			st.enums = append(st.enums[:1:1], "Shut", "Archived")
		}
		if st := r.types["TagListType"]; st != nil {
			st.list = false
		}
		return r
	}
	set, err := Load([]string{"testdata/basic/library.wsdl"}, Options{})
	if err != nil {
		t.Fatalf("a disagreement of xgen must not reject the input: %v", err)
	}
	want := "testdata/basic/types/core.xsd:205:3: xgen cross-check: enumerations of simple type \"ShelfStatusType\" differ: value #2 is \"Closed\" for xsd but \"Shut\" for xgen; the loader's own reading is kept\n" +
		"testdata/basic/types/core.xsd:227:3: xgen cross-check: variety of simple type \"TagListType\" is list for xsd but atomic for xgen; the loader's own reading is kept"
	var got []string
	for _, w := range set.Warnings {
		got = append(got, w.Error())
	}
	if strings.Join(got, "\n") != want {
		t.Fatalf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	st := set.Types[xml.Name{Space: "urn:example:lib:types", Local: "ShelfStatusType"}]
	if st == nil || len(st.Facets.Enumerations) < 2 || st.Facets.Enumerations[1].Value != "Closed" {
		t.Errorf("the loader's own enumeration values were not kept: %+v", st)
	}
}

// TestXgenIsUsed checks that the enumeration values in the Set are xgen's.
func TestXgenIsUsed(t *testing.T) {
	defer func(f func(string) xgenResult) { xgenRun = f }(xgenRun)
	calls := 0
	xgenRun = func(path string) xgenResult {
		calls++
		return runXgen(path)
	}
	set, err := Load([]string{"testdata/basic/library.wsdl"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 { // only types/core.xsd has named simple types
		t.Errorf("xgen ran on %d files, want 1", calls)
	}
	r := runXgen("testdata/basic/types/core.xsd")
	for local, x := range r.types {
		typ := set.Types[xml.Name{Space: "urn:example:lib:types", Local: local}]
		if typ == nil {
			t.Errorf("xgen type %s not in the set", local)
			continue
		}
		var got []string
		for _, e := range lexicalEnums(typ, nil) {
			got = append(got, e.Value)
		}
		if strings.Join(got, ",") != strings.Join(x.enums, ",") {
			t.Errorf("%s: set has %v, xgen %v", local, got, x.enums)
		}
	}
	if len(r.types) != 11 {
		t.Errorf("xgen found %d named simple types, want 11", len(r.types))
	}
}

// TestNetwork loads a schema that imports another over http, which in turn
// includes a file relative to its URL.
func TestNetwork(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/s/remote.xsd":
			w.Write([]byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:r">
  <xs:include schemaLocation="more/part.xsd"/>
</xs:schema>`))
		case "/s/more/part.xsd":
			w.Write([]byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:r">
  <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:enumeration value="x"/></xs:restriction></xs:simpleType>
</xs:schema>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := writeFiles(t, map[string]string{
		"main.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:r="urn:r" targetNamespace="urn:m">
  <xs:import namespace="urn:r" schemaLocation="` + srv.URL + `/s/remote.xsd"/>
  <xs:element name="E" type="r:Code"/>
</xs:schema>`,
	})
	set, err := Load([]string{dir + "/main.xsd"}, Options{Network: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Files) != 3 || set.Files[2].Path != srv.URL+"/s/more/part.xsd" {
		t.Errorf("files: %v %v %v", set.Files[0].Path, set.Files[1].Path, set.Files[len(set.Files)-1].Path)
	}
	if typ := set.Types[xml.Name{Space: "urn:r", Local: "Code"}]; typ == nil || len(typ.Facets.Enumerations) != 1 {
		t.Errorf("remote type not loaded")
	}
	if _, err := Load([]string{dir + "/main.xsd"}, Options{}); err == nil || !strings.Contains(err.Error(), "network access is disabled") {
		t.Errorf("without Network: %v", err)
	}
}

// TestBindingChoice: with several portTypes and bindings, the first portType
// with a SOAP 1.1 binding is used, with its first SOAP 1.1 binding.
func TestBindingChoice(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"s.wsdl": `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:s" targetNamespace="urn:s">
  <wsdl:types><xs:schema targetNamespace="urn:s"><xs:element name="In" type="xs:string"/></xs:schema></wsdl:types>
  <wsdl:message name="M"><wsdl:part name="p" element="tns:In"/></wsdl:message>
  <wsdl:portType name="OnlySoap12"><wsdl:operation name="X"><wsdl:input message="tns:M"/></wsdl:operation></wsdl:portType>
  <wsdl:portType name="Main"><wsdl:operation name="Y"><wsdl:input message="tns:M"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B12" type="tns:OnlySoap12"><soap12:binding style="document"/>
    <wsdl:operation name="X"/></wsdl:binding>
  <wsdl:binding name="BMain" type="tns:Main"><soap:binding style="rpc"/>
    <wsdl:operation name="Y"><soap:operation soapAction="urn:y"/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation></wsdl:binding>
  <wsdl:binding name="BMain2" type="tns:Main"><soap:binding style="document"/></wsdl:binding>
  <wsdl:service name="S"><wsdl:port name="P" binding="tns:BMain"><soap:address location="http://h/y"/></wsdl:port>
    <wsdl:port name="P2" binding="tns:B12"><soap12:address location="http://h/x"/></wsdl:port></wsdl:service>
</wsdl:definitions>`,
	})
	set, err := Load([]string{dir + "/s.wsdl"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := set.WSDL
	if w.PortType.Local != "Main" || w.Binding.Local != "BMain" || len(w.Operations) != 1 {
		t.Fatalf("chose %v %v", w.PortType, w.Binding)
	}
	op := w.Operations[0]
	if op.Action != "urn:y" || op.Style != "rpc" || op.Output != nil || len(op.Input.Body) != 1 {
		t.Errorf("operation %+v", op)
	}
	if len(w.Services) != 2 || w.Services[0].Address != "http://h/y" || w.Services[1].Address != "http://h/x" ||
		w.Services[1].SOAPVersion != SOAP12 || w.Services[1].Binding.Local != "B12" {
		t.Errorf("services %+v", w.Services)
	}
	if len(w.Bindings) != 3 || w.Bindings[0].SOAPVersion != SOAP12 || w.Bindings[1].Style != "rpc" ||
		len(w.Bindings[0].Operations) != 1 || len(w.Bindings[2].Operations) != 0 {
		t.Errorf("bindings %+v", w.Bindings)
	}
	if len(set.Warnings) != 1 || !strings.Contains(set.Warnings[0].Msg, `binding "BMain2" does not bind operation "Y"`) {
		t.Errorf("warnings %v", set.Warnings)
	}
}

// TestNoPanic loads truncated and mangled copies of the fixtures: Load must
// return errors, never panic.
func TestNoPanic(t *testing.T) {
	var files []string
	filepath.Walk("testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && (strings.HasSuffix(p, ".xsd") || strings.HasSuffix(p, ".wsdl")) {
			files = append(files, p)
		}
		return nil
	})
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, mangle := range []func(string) string{
			func(s string) string { return s[:len(s)/3] },
			func(s string) string { return s[:len(s)*2/3] },
			func(s string) string { return strings.ReplaceAll(s, `name="`, `name="x:`) },
			func(s string) string { return strings.ReplaceAll(s, `type="`, `ref="`) },
			func(s string) string { return strings.ReplaceAll(s, `base="`, `itemType="`) },
			func(s string) string { return strings.ReplaceAll(s, `xs:sequence`, `xs:all`) },
			func(s string) string { return strings.ReplaceAll(s, `Type"`, `"`) },
			func(s string) string { return strings.ReplaceAll(s, `element`, `group`) },
			func(s string) string { return strings.ReplaceAll(s, `attribute`, `attributeGroup`) },
			func(s string) string { return strings.ReplaceAll(s, `"`, `'`) },
		} {
			dir := writeFiles(t, map[string]string{filepath.Base(f): mangle(string(data))})
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s: panic: %v", f, r)
					}
				}()
				Load([]string{dir + "/" + filepath.Base(f)}, Options{})
			}()
		}
	}
}

// TestCatalogConfinement: a catalog lets an absolute schemaLocation resolve
// to a file outside the input folder (the catalog's folder and its
// targets' folders are allowed); a rewrite that climbs out of its prefix
// folder is still refused; without the catalog the import is an error.
func TestCatalogConfinement(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"in/main.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:o" targetNamespace="urn:m">
  <xs:import namespace="urn:o" schemaLocation="http://example.invalid/o.xsd"/>
  <xs:import namespace="urn:p" schemaLocation="http://example.invalid/rw/../../secret/p.xsd"/>
  <xs:element name="E" type="o:T"/>
</xs:schema>`,
		"cat/catalog.xml": `<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="http://example.invalid/o.xsd" uri="../lib/o.xsd"/>
  <rewriteURI uriStartString="http://example.invalid/rw/" rewritePrefix="../rw/"/>
</catalog>`,
		"lib/o.xsd":    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:o"><xs:include schemaLocation="o2.xsd"/></xs:schema>`,
		"lib/o2.xsd":   `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:o"><xs:simpleType name="T"><xs:restriction base="xs:string"/></xs:simpleType></xs:schema>`,
		"rw/keep.txt":  `rewrite target folder`,
		"secret/p.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:p"/>`,
	})
	_, err := Load([]string{dir + "/in/main.xsd"}, Options{Catalogs: []string{dir + "/cat/catalog.xml"}})
	if err == nil {
		t.Fatal("the rewrite climbing out of its folder was not refused")
	}
	msg := err.Error()
	if strings.Count(msg, "\n") != 0 || !strings.Contains(msg, `main.xsd:3:3: refused schemaLocation "http://example.invalid/rw/../../secret/p.xsd"`) ||
		!strings.Contains(msg, "secret/p.xsd is outside the allowed folders") {
		t.Errorf("got %v", err)
	}
	// Without the escaping import, the catalog's target (outside the input
	// folder) and its relative include load.
	data, _ := os.ReadFile(dir + "/in/main.xsd")
	os.WriteFile(dir+"/in/main.xsd", []byte(strings.Replace(string(data), `<xs:import namespace="urn:p" schemaLocation="http://example.invalid/rw/../../secret/p.xsd"/>`, "", 1)), 0o644)
	set, err := Load([]string{dir + "/in/main.xsd"}, Options{Catalogs: []string{dir + "/cat/catalog.xml"}})
	if err != nil {
		t.Fatal(err)
	}
	if set.Types[xml.Name{Space: "urn:o", Local: "T"}] == nil || len(set.Files) != 3 {
		t.Errorf("catalog target not loaded: %d files", len(set.Files))
	}
	if _, err := Load([]string{dir + "/in/main.xsd"}, Options{}); err == nil || !strings.Contains(err.Error(), "--catalog") {
		t.Errorf("without the catalog: %v", err)
	}
	// A catalog that maps to the network is refused at its entry.
	os.WriteFile(dir+"/cat/bad.xml", []byte(`<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="http://example.invalid/o.xsd" uri="https://elsewhere.invalid/o.xsd"/></catalog>`), 0o644)
	if _, err := Load([]string{dir + "/in/main.xsd"}, Options{Catalogs: []string{dir + "/cat/bad.xml"}}); err == nil ||
		!strings.Contains(err.Error(), `bad.xml:2:3: catalog uri: target "https://elsewhere.invalid/o.xsd" is not a local file`) {
		t.Errorf("network catalog target: %v", err)
	}
}

// TestXgenIgnoresAppinfo: enumeration elements of another namespace inside
// xs:appinfo are not enumerations, for the loader or for xgen.
func TestXgenIgnoresAppinfo(t *testing.T) {
	defer func(f func(string) xgenResult) { xgenRun = f }(xgenRun)
	var got *xgenSimple
	xgenRun = func(path string) xgenResult {
		r := runXgen(path)
		got = r.types["Ref"]
		return r
	}
	dir := writeFiles(t, map[string]string{
		"s.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:f="urn:f" targetNamespace="urn:s">
  <xs:simpleType name="Ref">
    <xs:annotation><xs:appinfo><f:enumeration value="A"/><f:enumeration value="B"/></xs:appinfo></xs:annotation>
    <xs:restriction base="xs:string"/>
  </xs:simpleType>
</xs:schema>`,
	})
	set, err := Load([]string{dir + "/s.xsd"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got == nil || len(got.enums) != 0 {
		t.Errorf("xgen's reading: %+v", got)
	}
	if len(set.Warnings) != 0 || len(set.Types[xml.Name{Space: "urn:s", Local: "Ref"}].Facets.Enumerations) != 0 {
		t.Errorf("warnings %v", set.Warnings)
	}
}

// TestRedefineErrors: a redefinition of a name the redefined schema does
// not declare, and of a schema in another namespace.
func TestRedefineErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base.xsd":  `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:complexType name="A"/></xs:schema>`,
		"other.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:other"/>`,
		"r.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:r="urn:r" targetNamespace="urn:r">
  <xs:redefine schemaLocation="base.xsd">
    <xs:complexType name="B"><xs:complexContent><xs:extension base="r:B"/></xs:complexContent></xs:complexType>
    <xs:element name="E"/>
  </xs:redefine>
  <xs:redefine schemaLocation="other.xsd"/>
</xs:schema>`,
	})
	got := loadErr(t, []string{dir + "/r.xsd"}, Options{})
	wantLines(t, got,
		`r\.xsd:3:5: xs:redefine of complexType "B": the redefined schema declares no complexType of that name`,
		`r\.xsd:4:5: unexpected xs:element in xs:redefine`,
		`r\.xsd:6:3: redefined schema .*other\.xsd has targetNamespace "urn:other", want "urn:r"`)
}

// TestMIMEAndWSDL20: the soap:body and soap:header inside a MIME
// multipartRelated binding are read and the attachment part is ignored
// with a warning; a WSDL 2.0 description is refused with a clear error.
func TestMIMEAndWSDL20(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"m.wsdl": `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:m" targetNamespace="urn:m">
  <types><xs:schema targetNamespace="urn:m"><xs:element name="Doc" type="xs:string"/><xs:element name="H" type="xs:string"/></xs:schema></types>
  <message name="In"><part name="doc" element="tns:Doc"/><part name="h" element="tns:H"/><part name="file" type="xs:base64Binary"/></message>
  <portType name="P"><operation name="Send"><input message="tns:In"/></operation></portType>
  <binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Send"><input><mime:multipartRelated>
      <mime:part><soap:body parts="doc" use="literal"/><soap:header message="tns:In" part="h" use="literal"/></mime:part>
      <mime:part><mime:content part="file" type="application/octet-stream"/></mime:part>
    </mime:multipartRelated></input></operation>
  </binding>
</definitions>`,
		"d.wsdl": `<description xmlns="http://www.w3.org/ns/wsdl" targetNamespace="urn:d"/>`,
	})
	set, err := Load([]string{dir + "/m.wsdl"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	op := set.WSDL.Operations[0]
	if len(op.Input.Body) != 1 || op.Input.Body[0].Name != "doc" || len(op.Input.Headers) != 1 || op.Input.Headers[0].Part != "h" || op.Output != nil {
		t.Errorf("input %+v", op.Input)
	}
	if len(set.Warnings) != 1 || !strings.HasSuffix(set.Warnings[0].Error(), "m.wsdl:9:7: MIME part of message In ignored: attachments are not supported") {
		t.Errorf("warnings %v", set.Warnings)
	}
	got := loadErr(t, []string{dir + "/d.wsdl"}, Options{})
	wantLines(t, got, `d\.wsdl:1:1: .*d\.wsdl is a WSDL 2\.0 description; only WSDL 1\.1 \(wsdl:definitions\) is supported`)
}

// TestRemoteWSDLImportOffline: a wsdl:import by URL that no catalog maps is
// an error naming the location attribute and the flags that help.
func TestRemoteWSDLImportOffline(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"w.wsdl": `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:w">
  <import namespace="urn:r" location="http://example.invalid/r.wsdl"/>
</definitions>`,
	})
	got := loadErr(t, []string{dir + "/w.wsdl"}, Options{})
	wantLines(t, got,
		`w\.wsdl:1:1: no wsdl:portType`,
		`w\.wsdl:2:3: cannot fetch location "http://example\.invalid/r\.wsdl": network access is disabled \(map the URL to a local file with --catalog, or allow fetching with --network\)`)
}

// TestSOAPArrays: a restriction of soapenc:Array with wsdl:arrayType is a
// sequence of unqualified item elements of the item type, with its
// SOAPArrayItem set; its own content model is kept; arrays of more than one
// dimension and a missing wsdl:arrayType are errors at the declaration.
func TestSOAPArrays(t *testing.T) {
	const head = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:t="urn:t" targetNamespace="urn:t">
  <xs:import namespace="http://schemas.xmlsoap.org/soap/encoding/"/>
  <xs:complexType name="P"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
`
	dir := writeFiles(t, map[string]string{
		"ok.xsd": head + `  <xs:complexType name="Strings"><xs:complexContent><xs:restriction base="soapenc:Array">
    <xs:attribute ref="soapenc:arrayType" wsdl:arrayType="xs:string[]"/></xs:restriction></xs:complexContent></xs:complexType>
  <xs:complexType name="Ps"><xs:complexContent><xs:restriction base="soapenc:Array">
    <xs:sequence><xs:element name="p" type="t:P" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute ref="soapenc:arrayType" wsdl:arrayType="t:P[]"/></xs:restriction></xs:complexContent></xs:complexType>
</xs:schema>`,
		"bad.xsd": head + `  <xs:complexType name="Grid"><xs:complexContent><xs:restriction base="soapenc:Array">
    <xs:attribute ref="soapenc:arrayType" wsdl:arrayType="xs:int[,]"/></xs:restriction></xs:complexContent></xs:complexType>
  <xs:complexType name="None"><xs:complexContent><xs:restriction base="soapenc:Array"/></xs:complexContent></xs:complexType>
</xs:schema>`,
	})
	set, err := Load([]string{dir + "/ok.xsd"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := set.Types[xml.Name{Space: "urn:t", Local: "Strings"}]
	if s == nil || s.SOAPArrayItem != (xml.Name{Space: NSXSD, Local: "string"}) || s.Base.Local != "" || s.Content == nil ||
		len(s.Content.Children) != 1 || s.Content.Children[0].Element.Name != (xml.Name{Local: "item"}) || s.Content.Children[0].Max != Unbounded {
		t.Errorf("Strings: %+v", s)
	}
	p := set.Types[xml.Name{Space: "urn:t", Local: "Ps"}]
	if p == nil || p.SOAPArrayItem != (xml.Name{Space: "urn:t", Local: "P"}) || p.Content == nil || p.Content.Children[0].Element.Name.Local != "p" {
		t.Errorf("Ps: %+v", p)
	}
	got := loadErr(t, []string{dir + "/bad.xsd"}, Options{})
	wantLines(t, got,
		`bad\.xsd:6:5: wsdl:arrayType "xs:int\[,\]": only one-dimensional arrays of a named type \(T\[\]\) are supported`,
		`bad\.xsd:7:50: restriction of soapenc:Array without an attribute wsdl:arrayType naming the item type`)
}

// A schema whose import does not load gives one error at the import, with
// the count of references it left unresolved, not one error per reference;
// a reference into a namespace that did load is still reported.
func TestMissingImportReportedOnce(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.xsd": `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" xmlns:a="urn:a" targetNamespace="urn:a">
  <xs:import namespace="urn:t" schemaLocation="types.xsd"/>
  <xs:element name="A" type="t:One"/>
  <xs:complexType name="B"><xs:sequence><xs:element name="x" type="t:Two"/><xs:element ref="t:Three"/><xs:group ref="t:G"/></xs:sequence><xs:attribute ref="t:at"/></xs:complexType>
  <xs:element name="C" type="a:Missing"/>
</xs:schema>`,
	})
	_, err := Load([]string{dir + "/a.xsd"}, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{
		dir + `/a.xsd:2:3: cannot load ` + dir + `/types.xsd: file not found (so 5 references into namespace "urn:t" are unresolved, the first: unknown type t:One at ` + dir + `/a.xsd:3:3)`,
		dir + `/a.xsd:5:3: unknown type a:Missing`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}
