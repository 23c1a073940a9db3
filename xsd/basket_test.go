package xsd

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// basketDir returns the WSDL/XSD basket folder: $EWSGEN_BASKET, or
// ../shared/wsdl-basket next to the repository root. The test is skipped
// when it is missing, or fails when EWSGEN_REQUIRE_CORPUS=1.
func basketDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("EWSGEN_BASKET")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "wsdl-basket")
	}
	if fi, err := os.Stat(filepath.Join(dir, "README.md")); err != nil || fi.IsDir() {
		msg := "EWSGEN_BASKET=" + os.Getenv("EWSGEN_BASKET") + ": no WSDL basket at " + dir + " (point EWSGEN_BASKET at it, e.g. ../shared/wsdl-basket)"
		if os.Getenv("EWSGEN_REQUIRE_CORPUS") == "1" {
			t.Fatal(msg + "; EWSGEN_REQUIRE_CORPUS=1 requires it")
		}
		t.Skip(msg)
	}
	return dir
}

// basketEntry is one load of basket files: the entry files the basket's
// README names, with the schema files, catalog and allowed folder they need.
type basketEntry struct {
	set      string
	inputs   []string // relative to the set folder; a .wsdl (or .wsdl.xml) first when any
	catalog  string   // relative to the set folder
	ops      int      // operations of the default binding
	bindings int      // SOAP bindings in the model
	boundOps int      // operations of all SOAP bindings, when not just the default binding's
	soap     SOAPVersion
	warnings []string // substrings of the expected warnings, in position order
}

var basketEntries = []basketEntry{
	{set: "onvif", inputs: []string{"wsdl/ver10/device/wsdl/devicemgmt.wsdl"}, catalog: "catalog.xml", ops: 103, bindings: 1, soap: SOAP12},
	{set: "onvif", inputs: []string{"wsdl/ver10/media/wsdl/media.wsdl"}, catalog: "catalog.xml", ops: 79, bindings: 1, soap: SOAP12},
	{set: "onvif", inputs: []string{"wsdl/ver10/events/wsdl/event.wsdl"}, catalog: "catalog.xml", ops: 6, bindings: 8, boundOps: 23, soap: SOAP12},
	{set: "onvif", inputs: []string{"wsdl/ver20/ptz/wsdl/ptz.wsdl"}, catalog: "catalog.xml", ops: 29, bindings: 1, soap: SOAP12},
	{set: "netsuite", inputs: []string{"netsuite.wsdl"}, ops: 42, bindings: 1, soap: SOAP11},
	{set: "workday", inputs: []string{"Human_Resources.wsdl"}, ops: 148, bindings: 1, soap: SOAP11},
	{set: "salesforce", inputs: []string{"partner.wsdl"}, ops: 57, bindings: 1, soap: SOAP11},
	{set: "salesforce", inputs: []string{"metadata.wsdl.xml"}, ops: 15, bindings: 1, soap: SOAP11},
	{set: "salesforce", inputs: []string{"tooling.wsdl.xml"}, ops: 28, bindings: 1, soap: SOAP11},
	{set: "epcis-1.2", inputs: []string{"EPCglobal-epcis-query-1_2.wsdl"}, ops: 7, bindings: 1, soap: SOAP11},
	{set: "vboxweb", inputs: []string{"vboxweb.wsdl"}, ops: 1158, bindings: 1, soap: SOAP11},
	{set: "wcf", inputs: []string{"CollectionTypes.wsdl"}, ops: 3, bindings: 1, soap: SOAP11},
	{set: "wcf", inputs: []string{"TypeNameUseReservedKeyword.wsdl"}, ops: 4, bindings: 1, soap: SOAP11},
	{set: "wcf", inputs: []string{"InternalTypes_DataSetWrapper.wsdl"}, ops: 1, bindings: 1, soap: SOAP11},
	{set: "wcf", inputs: []string{"netNamedPipe.wsdl"}, ops: 2, bindings: 1, soap: SOAP12},
	{set: "wcf", inputs: []string{"WcfProjectNService/tempuri.org.wsdl",
		"WcfProjectNService/tempuri.org.xsd",
		"WcfProjectNService/schemas.microsoft.com.2003.10.Serialization.xsd",
		"WcfProjectNService/schemas.microsoft.com.Message.xsd",
		"WcfProjectNService/WcfProjectNService.xsd",
		"WcfProjectNService/schemas.microsoft.com.2003.10.Serialization.Arrays.xsd",
		"WcfProjectNService/System.xsd",
		"WcfProjectNService/schemas.wcf.projectn.com.wcfnamespace.xsd",
		"WcfProjectNService/System.Net.xsd",
		"WcfProjectNService/mycustomwrappernamespace.com.xsd",
		"WcfProjectNService/CustomNamespace.xsd",
		"WcfProjectNService/mycustomcustomernamespace.com.xsd"}, ops: 13, bindings: 10, boundOps: 130, soap: SOAP11},
	{set: "saml2", inputs: []string{"saml-schema-protocol-2.0.xsd", "saml-schema-metadata-2.0.xsd",
		"xmldsig-core-schema.xsd", "xenc-schema.xsd", "xml.xsd", "envelope.xsd"},
		warnings: []string{"xenc-schema.xsd:2:1: the internal subset of the DOCTYPE declaration is ignored", "xmldsig-core-schema.xsd:2:1: the internal subset of the DOCTYPE declaration is ignored"}},
	{set: "ihe-xdsb", inputs: []string{"wsdl/XDS.b_DocumentRepository.wsdl", "../saml2/xml.xsd"}, ops: 2, bindings: 1, soap: SOAP12},
	{set: "ihe-xdsb", inputs: []string{"wsdl/XDS.b_DocumentRegistry.wsdl", "../saml2/xml.xsd"}, ops: 5, bindings: 1, soap: SOAP12},
	{set: "siri", inputs: []string{"xsd/siri_wsProducer.wsdl"}, ops: 20, bindings: 1, soap: SOAP11},
	{set: "siri", inputs: []string{"xsd/siri_wsProducer-Document.wsdl"}, ops: 20, bindings: 1, soap: SOAP11},
	{set: "siri", inputs: []string{"xsd/siri_wsConsumer.wsdl"}, ops: 13, bindings: 1, soap: SOAP11},
	{set: "siri", inputs: []string{"xsd/siri_wsConsumer-Document.wsdl"}, ops: 13, bindings: 1, soap: SOAP11},
	{set: "siri", inputs: []string{"xsd/siri.xsd"}},
	{set: "ndfd", inputs: []string{"ndfdXML.wsdl"}, ops: 12, bindings: 1, soap: SOAP11},
	{set: "w3c-stockquote", inputs: []string{"stock.wsdl"}, ops: 1, bindings: 1, soap: SOAP11,
		warnings: []string{`stock.wsdl:46:3: port "StockQuotePort" of service "StockQuoteService" names unknown binding tns:StockQuoteBinding; the port is ignored`}},
}

// TestBasketLoads loads the entry files of every basket set, as the
// generator's acceptance runs them (the set folder allowed, the set's
// catalog, the schema files the README says to give), and checks the WSDL
// model's operation and binding counts.
func TestBasketLoads(t *testing.T) {
	dir := basketDir(t)
	for _, e := range basketEntries {
		t.Run(e.set+"/"+filepath.Base(e.inputs[0]), func(t *testing.T) {
			setDir := filepath.Join(dir, e.set)
			var paths []string
			for _, in := range e.inputs {
				paths = append(paths, filepath.Join(setDir, in))
			}
			opts := Options{AllowPaths: []string{setDir}}
			if e.catalog != "" {
				opts.Catalogs = []string{filepath.Join(setDir, e.catalog)}
			}
			start := time.Now()
			set, err := Load(paths, opts)
			if err != nil {
				lines := strings.Split(err.Error(), "\n")
				if len(lines) > 10 {
					lines = append(lines[:10], "...")
				}
				t.Fatalf("%d errors:\n%s", len(strings.Split(err.Error(), "\n")), strings.Join(lines, "\n"))
			}
			var w []string
			for _, x := range set.Warnings {
				w = append(w, x.Error())
			}
			t.Logf("%d files, %d types, %d elements, %d warnings in %v", len(set.Files), len(set.Types), len(set.Elements), len(w), time.Since(start).Round(time.Millisecond))
			for i, x := range w {
				if i >= len(e.warnings) || !strings.Contains(x, e.warnings[i]) {
					t.Errorf("unexpected warning: %s", x)
				}
			}
			if len(w) < len(e.warnings) {
				t.Errorf("%d warnings, want %d: %q", len(w), len(e.warnings), e.warnings)
			}
			isWSDL := strings.Contains(e.inputs[0], ".wsdl")
			if (set.WSDL != nil) != isWSDL {
				t.Fatalf("WSDL model: %v, want %v", set.WSDL != nil, isWSDL)
			}
			if !isWSDL {
				return
			}
			if e.ops > 0 && len(set.WSDL.Operations) != e.ops {
				t.Errorf("default binding %s has %d operations, want %d", set.WSDL.Binding.Local, len(set.WSDL.Operations), e.ops)
			}
			if len(set.WSDL.Bindings) != e.bindings && e.bindings > 0 {
				t.Errorf("%d SOAP bindings, want %d", len(set.WSDL.Bindings), e.bindings)
			}
			var def *Binding
			bound := 0
			for _, b := range set.WSDL.Bindings {
				bound += len(b.Operations)
				if b.Name == set.WSDL.Binding {
					def = b
				}
			}
			if want := max(e.boundOps, e.ops); bound != want {
				t.Errorf("%d bound operations in all bindings, want %d", bound, want)
			}
			if def == nil || def.SOAPVersion != e.soap {
				t.Errorf("default binding %v: want %v", def, e.soap)
			}
		})
	}
}

// TestBasketSAMLRedefine loads every schema of the saml2 set: 24 files
// xs:redefine the authn-context types schema (no targetNamespace) into
// their own namespaces. Each of the 138 redefined types (counted with an
// XML parser over the files) keeps its original, marked Redefined, and
// derives from it.
func TestBasketSAMLRedefine(t *testing.T) {
	dir := filepath.Join(basketDir(t), "saml2")
	files, err := filepath.Glob(filepath.Join(dir, "*.xsd"))
	if err != nil || len(files) != 48 {
		t.Fatalf("%d schema files in %s (%v), want 48", len(files), dir, err)
	}
	set, err := Load(files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	originals := 0
	for name, typ := range set.Types {
		if !typ.Redefined {
			continue
		}
		originals++
		local := strings.TrimSuffix(name.Local, ".redefined")
		redef := set.Types[xml.Name{Space: name.Space, Local: local}]
		if redef == nil || redef.Base != name || redef.Redefined {
			t.Errorf("%v: the redefinition does not derive from the original: %+v", name, redef)
		}
	}
	if originals != 138 {
		t.Errorf("%d redefined originals, want 138", originals)
	}
}
