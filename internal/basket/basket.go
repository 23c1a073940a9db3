// Package basket locates the WSDL/XSD basket, twelve sets of real-world
// service descriptions from outside Exchange, and describes how each set is
// given to ewsgen. The basket is third-party material read from the folder
// named by EWSGEN_BASKET (default ../shared/wsdl-basket next to the
// repository root); nothing of it is kept in the repository.
//
// The acceptance test in this package (basket_test.go) generates every set
// into one scratch module, builds and vets it with one go command, counts
// the client and server methods against the WSDLs' portType operations,
// runs a client-to-server loopback per set and round-trips self-written
// instance documents (testdata/instances) through the generated codecs.
package basket

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"github.com/ewsgen/ewsgen/internal/corpus"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Dir returns the basket folder: $EWSGEN_BASKET, or ../shared/wsdl-basket
// next to the repository root when the variable is unset. When the folder is
// missing the test is skipped, or fails when EWSGEN_REQUIRE_CORPUS=1.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("EWSGEN_BASKET")
	if dir == "" {
		root, err := RepoRoot()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, "..", "shared", "wsdl-basket")
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			missing(t, "EWSGEN_BASKET is not set and "+dir+" is not a folder (point EWSGEN_BASKET at the WSDL basket, e.g. ../shared/wsdl-basket)")
			return ""
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "README.md")); err != nil || fi.IsDir() {
		missing(t, "EWSGEN_BASKET="+dir+" is not the WSDL basket folder (no README.md)")
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func missing(t testing.TB, msg string) {
	t.Helper()
	corpus.Missing(t, msg)
}

// RepoRoot returns the folder holding the module's go.mod, found by walking
// up from the working directory.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(string(data), "module github.com/ewsgen/ewsgen\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod of github.com/ewsgen/ewsgen above the working directory")
		}
		dir = parent
	}
}

// Package is one ewsgen run: a WSDL (or XSD files only) and the flags it
// needs. Paths are relative to the set folder.
type Package struct {
	Name  string   // Go package name and folder in the scratch module
	WSDL  string   // entry WSDL, "" for types only
	XSDs  []string // schema files given on the command line
	Flags []string // further flags; "{set}" is replaced by the set folder
	// Instances is the folder under testdata/instances holding the
	// self-written documents for this package, validated with Schema.
	Schema string // schema file xmllint validates the instances with ("" when none can be compiled)
	// Catalog is an XML catalog (relative to the set folder, or "testdata:"
	// for one kept in this package's testdata) that xmllint needs.
	Catalog string
	// NoSchemaReason says why xmllint cannot validate this package's instances.
	NoSchemaReason string
}

// Set is one folder of the basket.
type Set struct {
	Name     string
	Packages []Package
}

// Args returns the ewsgen command line (without --out and --package) for p
// in the set folder setDir.
func (p Package) Args(setDir string) []string {
	var args []string
	for _, f := range p.Flags {
		args = append(args, strings.ReplaceAll(f, "{set}", setDir))
	}
	if p.WSDL != "" {
		args = append(args, "--wsdl", filepath.Join(setDir, p.WSDL))
	}
	for _, x := range p.XSDs {
		args = append(args, filepath.Join(setDir, x))
	}
	return args
}

// allow lets schemaLocations point anywhere in the set folder.
var allow = []string{"--allow-path", "{set}"}

// Sets lists the basket's sets and the packages generated from each, with
// the entry files the basket README names.
var Sets = []Set{
	{"onvif", []Package{
		{Name: "onvifdevice", WSDL: "wsdl/ver10/device/wsdl/devicemgmt.wsdl", Flags: append(allow, "--catalog", "{set}/catalog.xml"),
			NoSchemaReason: "libxml2 rejects onvif.xsd's content model VideoSourceConfigurationOptionsExtension2 as not deterministic"},
		{Name: "onvifmedia", WSDL: "wsdl/ver10/media/wsdl/media.wsdl", Flags: append(allow, "--catalog", "{set}/catalog.xml"),
			NoSchemaReason: "libxml2 rejects onvif.xsd's content model VideoSourceConfigurationOptionsExtension2 as not deterministic"},
		{Name: "onvifevent", WSDL: "wsdl/ver10/events/wsdl/event.wsdl", Flags: append(allow, "--catalog", "{set}/catalog.xml"),
			Schema: "remote/docs.oasis-open.org/wsn/b-2.xsd", Catalog: "catalog.xml"},
		{Name: "onvifptz", WSDL: "wsdl/ver20/ptz/wsdl/ptz.wsdl", Flags: append(allow, "--catalog", "{set}/catalog.xml"),
			NoSchemaReason: "libxml2 rejects onvif.xsd's content model VideoSourceConfigurationOptionsExtension2 as not deterministic"},
	}},
	{"netsuite", []Package{
		{Name: "netsuite", WSDL: "netsuite.wsdl", Flags: allow, Schema: "xsd/platform.messages.xsd"},
	}},
	{"workday", []Package{
		{Name: "workday", WSDL: "Human_Resources.wsdl", Flags: allow, Schema: "wsdl:Human_Resources.wsdl"},
	}},
	{"salesforce", []Package{
		{Name: "sfpartner", WSDL: "partner.wsdl", Flags: allow, Schema: "wsdl:partner.wsdl"},
		{Name: "sfmetadata", WSDL: "metadata.wsdl.xml", Flags: allow, Schema: "wsdl:metadata.wsdl.xml"},
		{Name: "sftooling", WSDL: "tooling.wsdl.xml", Flags: allow, Schema: "wsdl:tooling.wsdl.xml"},
	}},
	{"epcis-1.2", []Package{
		{Name: "epcis", WSDL: "EPCglobal-epcis-query-1_2.wsdl", Flags: allow, Schema: "EPCglobal-epcis-query-1_2.xsd"},
	}},
	{"vboxweb", []Package{
		{Name: "vboxweb", WSDL: "vboxweb.wsdl", Flags: allow, Schema: "wsdl:vboxweb.wsdl"},
	}},
	{"wcf", []Package{
		{Name: "wcfcollection", WSDL: "CollectionTypes.wsdl", Flags: allow, Schema: "wsdl:CollectionTypes.wsdl"},
		{Name: "wcfkeyword", WSDL: "TypeNameUseReservedKeyword.wsdl", Flags: allow, Schema: "wsdl:TypeNameUseReservedKeyword.wsdl"},
		{Name: "wcfdataset", WSDL: "InternalTypes_DataSetWrapper.wsdl", Flags: allow, Schema: "wsdl:InternalTypes_DataSetWrapper.wsdl"},
		{Name: "wcfpipe", WSDL: "netNamedPipe.wsdl", Flags: allow, Schema: "wsdl:netNamedPipe.wsdl"},
		{Name: "wcfprojectn", WSDL: "WcfProjectNService/tempuri.org.wsdl", Flags: allow, XSDs: []string{
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
			"WcfProjectNService/mycustomcustomernamespace.com.xsd",
		}, Schema: "WcfProjectNService/tempuri.org.xsd", Catalog: "testdata:wcf-catalog.xml"},
	}},
	{"saml2", []Package{
		{Name: "saml2", XSDs: []string{
			"saml-schema-protocol-2.0.xsd", "saml-schema-metadata-2.0.xsd",
			"xmldsig-core-schema.xsd", "xenc-schema.xsd", "xml.xsd", "envelope.xsd",
		}, Flags: allow, Schema: "saml-schema-protocol-2.0.xsd", Catalog: "testdata:saml2-catalog.xml"},
	}},
	{"ihe-xdsb", []Package{
		{Name: "iherepository", WSDL: "wsdl/XDS.b_DocumentRepository.wsdl", Flags: allow,
			Schema: "schema/IHE/XDS.b_DocumentRepository.xsd", Catalog: "testdata:ihe-catalog.xml"},
		{Name: "iheregistry", WSDL: "wsdl/XDS.b_DocumentRegistry.wsdl", Flags: allow,
			Schema: "schema/IHE/XDS.b_DocumentRepository.xsd", Catalog: "testdata:ihe-catalog.xml"},
	}},
	{"siri", []Package{
		{Name: "siriproducer", WSDL: "xsd/siri_wsProducer.wsdl", Flags: allow, Schema: "xsd/siri.xsd"},
		{Name: "siriproducerdoc", WSDL: "xsd/siri_wsProducer-Document.wsdl", Flags: allow, Schema: "xsd/siri.xsd"},
		{Name: "siriconsumer", WSDL: "xsd/siri_wsConsumer.wsdl", Flags: allow, Schema: "xsd/siri.xsd"},
		{Name: "siriconsumerdoc", WSDL: "xsd/siri_wsConsumer-Document.wsdl", Flags: allow, Schema: "xsd/siri.xsd"},
	}},
	{"ndfd", []Package{
		{Name: "ndfd", WSDL: "ndfdXML.wsdl", Flags: allow,
			NoSchemaReason: "the schema declares types only (no global element): the instances are rpc/encoded wrappers, which the WSDL binding defines and no schema declares"},
	}},
	{"w3c-stockquote", []Package{
		{Name: "stockquote", WSDL: "stock.wsdl", Flags: allow, Schema: "wsdl:stock.wsdl"},
	}},
}

// Op is one portType operation of a WSDL, read with encoding/xml.
type Op struct {
	PortType string // {namespace}name of the portType
	Name     string
	OneWay   bool // input only
	Faults   int  // wsdl:fault children in the portType
	Headers  int  // soap:header elements in the bindings of this operation
	Encoded  bool // a binding of it has use="encoded"
	SOAP12   bool // bound with SOAP 1.2 only
	RPC      bool // a binding of it has style rpc
	// PartsBody: its input or output message is not one element= part
	// (a type= part, or several parts), which document style binds as
	// the parts' accessors or elements side by side in the Body
	PartsBody bool
	InputDoc  string
	OutputDoc string
}

type wsdlDoc struct {
	TargetNamespace string `xml:"targetNamespace,attr"`
	Imports         []struct {
		Namespace string `xml:"namespace,attr"`
		Location  string `xml:"location,attr"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ import"`
	Messages []struct {
		Name  string `xml:"name,attr"`
		Parts []struct {
			Element string `xml:"element,attr"`
			Type    string `xml:"type,attr"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ part"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ message"`
	PortTypes []struct {
		Name string `xml:"name,attr"`
		Ops  []struct {
			Name   string  `xml:"name,attr"`
			Input  *msgRef `xml:"http://schemas.xmlsoap.org/wsdl/ input"`
			Output *msgRef `xml:"http://schemas.xmlsoap.org/wsdl/ output"`
			Faults []struct {
				Name string `xml:"name,attr"`
			} `xml:"http://schemas.xmlsoap.org/wsdl/ fault"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ operation"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ portType"`
	Bindings []struct {
		Name  string  `xml:"name,attr"`
		Type  string  `xml:"type,attr"`
		SOAP  []style `xml:"http://schemas.xmlsoap.org/wsdl/soap/ binding"`
		SOAP2 []style `xml:"http://schemas.xmlsoap.org/wsdl/soap12/ binding"`
		Ops   []struct {
			Name    string  `xml:"name,attr"`
			SOAP    []style `xml:"http://schemas.xmlsoap.org/wsdl/soap/ operation"`
			SOAP2   []style `xml:"http://schemas.xmlsoap.org/wsdl/soap12/ operation"`
			Input   msgBind `xml:"http://schemas.xmlsoap.org/wsdl/ input"`
			Output  msgBind `xml:"http://schemas.xmlsoap.org/wsdl/ output"`
			Headers []struct{}
		} `xml:"http://schemas.xmlsoap.org/wsdl/ operation"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ binding"`
}

type msgRef struct {
	Message string `xml:"message,attr"`
}

type style struct {
	Style string `xml:"style,attr"`
}

type msgBind struct {
	Body []struct {
		Use string `xml:"use,attr"`
	} `xml:"body"`
	Header []struct{} `xml:"header"`
}

// Catalog maps absolute URLs to local files (OASIS XML catalog uri entries).
type Catalog map[string]string

// ReadCatalog reads the uri entries of an OASIS XML catalog; relative uri
// values resolve against the catalog's folder.
func ReadCatalog(path string) (Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		URIs []struct {
			Name string `xml:"name,attr"`
			URI  string `xml:"uri,attr"`
		} `xml:"uri"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	c := Catalog{}
	for _, u := range doc.URIs {
		c[u.Name] = filepath.Join(filepath.Dir(path), filepath.FromSlash(u.URI))
	}
	return c, nil
}

// Operations reads the WSDL at path and the WSDLs it imports (absolute
// locations through cat) and returns every portType operation, sorted by
// portType and name.
func Operations(path string, cat Catalog) ([]Op, error) {
	seen := map[string]bool{}
	var ops []Op
	type key struct{ pt, op string }
	index := map[key]int{}
	var docs []*wsdlDoc
	var walk func(p string) error
	walk = func(p string) error {
		if seen[p] {
			return nil
		}
		seen[p] = true
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		var d wsdlDoc
		dec := xml.NewDecoder(io.LimitReader(f, 64<<20))
		dec.Strict = true
		if err := dec.Decode(&d); err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		docs = append(docs, &d)
		// messages by local name (unique per set in the basket)
		partsBody := map[string]bool{}
		for _, m := range d.Messages {
			multi := len(m.Parts) > 1
			for _, pt := range m.Parts {
				multi = multi || pt.Element == "" && pt.Type != ""
			}
			partsBody[m.Name] = multi
		}
		local := func(r *msgRef) string {
			if r == nil {
				return ""
			}
			n := r.Message
			if i := strings.IndexByte(n, ':'); i >= 0 {
				n = n[i+1:]
			}
			return n
		}
		for _, pt := range d.PortTypes {
			for _, o := range pt.Ops {
				k := key{"{" + d.TargetNamespace + "}" + pt.Name, o.Name}
				index[k] = len(ops)
				ops = append(ops, Op{PortType: k.pt, Name: o.Name, OneWay: o.Output == nil, Faults: len(o.Faults), InputDoc: p,
					PartsBody: partsBody[local(o.Input)] || partsBody[local(o.Output)]})
			}
		}
		for _, im := range d.Imports {
			loc := im.Location
			if loc == "" {
				continue
			}
			var next string
			if u, err := url.Parse(loc); err == nil && u.IsAbs() {
				next = cat[loc]
				if next == "" {
					return fmt.Errorf("%s: wsdl:import %s is not in the catalog", p, loc)
				}
			} else {
				next = filepath.Join(filepath.Dir(p), filepath.FromSlash(loc))
			}
			if err := walk(next); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(path); err != nil {
		return nil, err
	}
	// Bindings name their portType by QName; match on the local name
	// within the known portTypes (names are unique per set in the basket).
	for _, d := range docs {
		for _, b := range d.Bindings {
			ptLocal := b.Type
			if i := strings.IndexByte(ptLocal, ':'); i >= 0 {
				ptLocal = ptLocal[i+1:]
			}
			rpc := false
			for _, s := range append(b.SOAP, b.SOAP2...) {
				rpc = rpc || s.Style == "rpc"
			}
			for _, bo := range b.Ops {
				for k, i := range index {
					if k.op != bo.Name || !strings.HasSuffix(k.pt, "}"+ptLocal) {
						continue
					}
					o := &ops[i]
					o.Headers += len(bo.Input.Header) + len(bo.Output.Header)
					for _, s := range append(bo.SOAP, bo.SOAP2...) {
						rpc = rpc || s.Style == "rpc"
					}
					o.RPC = o.RPC || rpc
					for _, body := range append(bo.Input.Body, bo.Output.Body...) {
						o.Encoded = o.Encoded || body.Use == "encoded"
					}
					if len(b.SOAP2) > 0 && len(b.SOAP) == 0 {
						o.SOAP12 = true
					}
				}
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].PortType != ops[j].PortType {
			return ops[i].PortType < ops[j].PortType
		}
		return ops[i].Name < ops[j].Name
	})
	return ops, nil
}

// Normalize maps an operation or method name to the key names are matched
// on: letters and digits only, lower-cased.
func Normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var schemaLocationRE = regexp.MustCompile(`schemaLocation\s*=\s*"([^"]*)"`)
var bareImportRE = regexp.MustCompile(`<([A-Za-z_][\w.-]*:)?import(\s+)namespace\s*=\s*"([^"]*)"\s*/>`)

// ExtractSchemas writes the inline schemas of the WSDL at path into dir,
// one file each, with the namespace declarations in scope on the WSDL's
// root and types elements copied onto the schema element, relative
// schemaLocations made absolute and imports without schemaLocation pointed
// at the extracted schema of that namespace. It returns a schema file that
// imports them all, for xmllint --schema.
func ExtractSchemas(path, dir string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	d := xml.NewDecoder(bytes.NewReader(data))
	type schema struct {
		ns, text string
	}
	var out []schema
	var scopes [][]xml.Attr
	var names []xml.Name
	start := int64(-1)
	var decls []xml.Attr
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%s: %v", path, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			var ns []xml.Attr
			for _, a := range tk.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					ns = append(ns, a)
				}
			}
			if start < 0 && tk.Name.Space == "http://www.w3.org/2001/XMLSchema" && tk.Name.Local == "schema" &&
				len(names) > 0 && names[len(names)-1].Local == "types" {
				start = off
				// In-scope declarations not redeclared on the schema.
				have := map[string]bool{}
				for _, a := range ns {
					have[a.Name.Space+":"+a.Name.Local] = true
				}
				decls = nil
				for _, sc := range scopes {
					for _, a := range sc {
						k := a.Name.Space + ":" + a.Name.Local
						if !have[k] {
							have[k] = true
							decls = append(decls, a)
						}
					}
				}
				tns := ""
				for _, a := range tk.Attr {
					if a.Name.Space == "" && a.Name.Local == "targetNamespace" {
						tns = a.Value
					}
				}
				out = append(out, schema{ns: tns})
			}
			scopes = append(scopes, ns)
			names = append(names, tk.Name)
		case xml.EndElement:
			scopes = scopes[:len(scopes)-1]
			names = names[:len(names)-1]
			if start >= 0 && tk.Name.Space == "http://www.w3.org/2001/XMLSchema" && tk.Name.Local == "schema" &&
				len(names) > 0 && names[len(names)-1].Local == "types" {
				text := string(data[start:d.InputOffset()])
				// Insert the declarations after the element name.
				i := strings.IndexAny(text, " \t\r\n/>")
				var b strings.Builder
				for _, a := range decls {
					if a.Name.Space == "xmlns" {
						fmt.Fprintf(&b, ` xmlns:%s="%s"`, a.Name.Local, escape(a.Value))
					} else {
						fmt.Fprintf(&b, ` xmlns="%s"`, escape(a.Value))
					}
				}
				text = text[:i] + b.String() + text[i:]
				text = schemaLocationRE.ReplaceAllStringFunc(text, func(m string) string {
					loc := schemaLocationRE.FindStringSubmatch(m)[1]
					if u, err := url.Parse(loc); err == nil && u.IsAbs() {
						return m
					}
					return `schemaLocation="file://` + escape(filepath.Join(filepath.Dir(path), filepath.FromSlash(loc))) + `"`
				})
				out[len(out)-1].text = text
				start = -1
			}
		}
	}
	if len(out) == 0 {
		return "", fmt.Errorf("%s: no inline schema", path)
	}
	files := map[string]string{}
	for i, s := range out {
		if _, ok := files[s.ns]; !ok {
			files[s.ns] = filepath.Join(dir, fmt.Sprintf("inline%d.xsd", i))
		}
	}
	var main strings.Builder
	main.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n")
	for i, s := range out {
		text := bareImportRE.ReplaceAllStringFunc(s.text, func(m string) string {
			sub := bareImportRE.FindStringSubmatch(m)
			f, ok := files[sub[3]]
			if !ok {
				return m
			}
			return fmt.Sprintf(`<%simport%snamespace="%s" schemaLocation="file://%s"/>`, sub[1], sub[2], sub[3], escape(f))
		})
		name := filepath.Join(dir, fmt.Sprintf("inline%d.xsd", i))
		if files[s.ns] != name {
			// A second schema of the same namespace: included by the first.
			return "", fmt.Errorf("%s: two inline schemas for namespace %q", path, s.ns)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return "", err
		}
		if s.ns != "" {
			fmt.Fprintf(&main, `  <xs:import namespace="%s" schemaLocation="file://%s"/>`+"\n", escape(s.ns), escape(name))
		} else {
			// A schema without a target namespace (often one that only
			// imports others) is included by the no-namespace wrapper.
			fmt.Fprintf(&main, `  <xs:include schemaLocation="file://%s"/>`+"\n", escape(name))
		}
	}
	main.WriteString("</xs:schema>\n")
	p := filepath.Join(dir, "inline.xsd")
	return p, os.WriteFile(p, []byte(main.String()), 0o644)
}

func escape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}
