package xsd

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir returns the folder named by EWSGEN_CORPUS (holding
// schemas/<version>/{services.wsdl,messages.xsd,types.xsd}). The test is
// skipped when it is unset or missing, or fails if EWSGEN_REQUIRE_CORPUS=1.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("EWSGEN_CORPUS")
	msg := ""
	if dir == "" {
		msg = "EWSGEN_CORPUS is not set (point it at the folder holding schemas/<version>/services.wsdl)"
	} else if fi, err := os.Stat(filepath.Join(dir, "schemas")); err != nil || !fi.IsDir() {
		msg = "EWSGEN_CORPUS=" + dir + " has no schemas folder"
	}
	if msg != "" {
		if os.Getenv("EWSGEN_REQUIRE_CORPUS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dir
}

type corpusCounts struct {
	ops                       int
	msgComplex, msgSimple     int
	msgElems                  int
	typeComplex, typeSimple   int
	typeElems                 int
	hasService, hasRemoveImCt bool
	// anonymous complex/simple types in messages.xsd and types.xsd
	anonMsgC, anonMsgS, anonTypC, anonTypS int
}

// From schemas/README.md of the corpus.
var corpusVersions = map[string]corpusCounts{
	"exchange2010_sp2": {60, 163, 1, 124, 334, 105, 42, true, false, 1, 0, 2, 11},
	"v2017_07_11":      {122, 321, 2, 267, 636, 184, 46, true, true, 3, 2, 11, 22},
	"v2018_01_08":      {123, 332, 2, 275, 636, 187, 46, false, true, 3, 2, 11, 22},
}

const (
	nsMessages = "http://schemas.microsoft.com/exchange/services/2006/messages"
	nsTypes    = "http://schemas.microsoft.com/exchange/services/2006/types"
)

// scanGlobals counts the named top-level complexType, simpleType and element
// children of xs:schema with a plain encoding/xml scan.
func scanGlobals(t *testing.T, file string) (complex, simple, elems int) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if depth != 2 || tok.Name.Space != NSXSD {
				continue
			}
			named := false
			for _, a := range tok.Attr {
				if a.Name.Local == "name" {
					named = true
				}
			}
			if !named {
				continue
			}
			switch tok.Name.Local {
			case "complexType":
				complex++
			case "simpleType":
				simple++
			case "element":
				elems++
			}
		case xml.EndElement:
			depth--
		}
	}
	return
}

// scanOperations counts the distinct wsdl:operation names of the portType.
func scanOperations(t *testing.T, file string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	names := map[string]bool{}
	inPortType := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space == NSWSDL && tok.Name.Local == "portType" {
				inPortType = true
			}
			if inPortType && tok.Name.Space == NSWSDL && tok.Name.Local == "operation" {
				for _, a := range tok.Attr {
					if a.Name.Local == "name" {
						names[a.Value] = true
					}
				}
			}
		case xml.EndElement:
			if tok.Name.Space == NSWSDL && tok.Name.Local == "portType" {
				inPortType = false
			}
		}
	}
	return len(names)
}

func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	for _, version := range []string{"exchange2010_sp2", "v2017_07_11", "v2018_01_08"} {
		want := corpusVersions[version]
		t.Run(version, func(t *testing.T) {
			base := filepath.ToSlash(filepath.Join(dir, "schemas", version))
			wsdl := base + "/services.wsdl"
			set, err := Load([]string{wsdl}, Options{})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(set.Files) != 3 || set.Files[0].Kind != "wsdl" {
				t.Errorf("files: %+v", set.Files)
			}
			// The EWS schemas load without warnings (xgen agrees on every
			// simple type), with one SOAP 1.1 binding.
			for _, w := range set.Warnings {
				t.Errorf("warning: %v", w)
			}
			if len(set.WSDL.Bindings) != 1 || set.WSDL.Bindings[0].SOAPVersion != SOAP11 {
				t.Errorf("bindings: %+v", set.WSDL.Bindings)
			}

			// Operation counts, independently scanned and from the README.
			if n := scanOperations(t, wsdl); n != want.ops || len(set.WSDL.Operations) != n {
				t.Errorf("operations: loaded %d, scanned %d, README %d", len(set.WSDL.Operations), n, want.ops)
			}

			// Global component counts per file.
			for _, f := range []struct {
				name                   string
				complex, simple, elems int
			}{
				{"messages.xsd", want.msgComplex, want.msgSimple, want.msgElems},
				{"types.xsd", want.typeComplex, want.typeSimple, want.typeElems},
			} {
				path := base + "/" + f.name
				sc, ss, se := scanGlobals(t, path)
				var lc, ls, le int
				for _, typ := range set.Types {
					if typ.Pos.File == path {
						if typ.Simple {
							ls++
						} else {
							lc++
						}
					}
				}
				for _, e := range set.Elements {
					if e.Pos.File == path {
						le++
					}
				}
				if lc != sc || ls != ss || le != se || sc != f.complex || ss != f.simple || se != f.elems {
					t.Errorf("%s complexTypes/simpleTypes/elements: loaded %d/%d/%d, scanned %d/%d/%d, README %d/%d/%d",
						f.name, lc, ls, le, sc, ss, se, f.complex, f.simple, f.elems)
				}
			}

			// Anonymous types, reached from every component (each counted once).
			anon := countAnonymous(set)
			for _, f := range []struct {
				name            string
				complex, simple int
			}{{"messages.xsd", want.anonMsgC, want.anonMsgS}, {"types.xsd", want.anonTypC, want.anonTypS}} {
				got := anon[base+"/"+f.name]
				if got != [2]int{f.complex, f.simple} {
					t.Errorf("%s anonymous complex/simple types: %d/%d, README %d/%d", f.name, got[0], got[1], f.complex, f.simple)
				}
			}

			// Substitution group of t:Path.
			var members []string
			for _, e := range set.Substitutions[xml.Name{Space: nsTypes, Local: "Path"}] {
				members = append(members, e.Name.Local)
			}
			if got := join(members); got != "ExtendedFieldURI FieldURI IndexedFieldURI" {
				t.Errorf("t:Path members: %s", got)
			}
			if p := set.Elements[xml.Name{Space: nsTypes, Local: "Path"}]; p == nil || !p.Abstract {
				t.Errorf("t:Path is not an abstract global element")
			}

			// FindResponsePagingAttributes expanded in the RootFolder types.
			for _, tn := range []string{"FindFolderParentType", "FindItemParentType"} {
				typ := set.Types[xml.Name{Space: nsTypes, Local: tn}]
				if typ == nil {
					t.Fatalf("no type t:%s", tn)
				}
				var got []string
				for _, a := range typ.Attributes {
					if a.Group == (xml.Name{Space: nsTypes, Local: "FindResponsePagingAttributes"}) {
						got = append(got, a.Name.Local)
					}
				}
				if join(got) != "IndexedPagingOffset NumeratorOffset AbsoluteDenominator IncludesLastItemInRange TotalItemsInView" {
					t.Errorf("%s paging attributes: %v", tn, got)
				}
			}

			// xml:lang resolves to the built-in attribute.
			rb := set.Types[xml.Name{Space: nsTypes, Local: "ReplyBody"}]
			foundLang := false
			for _, a := range rb.Attributes {
				if a.Ref && a.Name == (xml.Name{Space: NSXML, Local: "lang"}) {
					foundLang = true
				}
			}
			if !foundLang {
				t.Errorf("t:ReplyBody has no xml:lang attribute")
			}

			// Every operation has one body part each way and no duplicate header.
			for _, op := range set.WSDL.Operations {
				if op.Input == nil || op.Output == nil || len(op.Input.Body) != 1 || len(op.Output.Body) != 1 {
					t.Errorf("operation %s: want exactly one body part each way", op.Name)
					continue
				}
				if op.Input.Body[0].Element.Local == "" || set.Elements[op.Input.Body[0].Element] == nil {
					t.Errorf("operation %s: body element %v not loaded", op.Name, op.Input.Body[0].Element)
				}
				seen := map[string]bool{}
				for _, h := range op.Input.Headers {
					k := h.Message.Local + "/" + h.Part
					if seen[k] {
						t.Errorf("operation %s: duplicate header %s", op.Name, k)
					}
					seen[k] = true
					if set.Elements[h.Element] == nil {
						t.Errorf("operation %s: header element %v not loaded", op.Name, h.Element)
					}
				}
			}
			if got := len(set.WSDL.Services) > 0; got != want.hasService {
				t.Errorf("services: %+v", set.WSDL.Services)
			}

			if want.hasRemoveImCt {
				var op *Operation
				for _, o := range set.WSDL.Operations {
					if o.Name == "RemoveImContactFromGroup" {
						op = o
					}
				}
				if op == nil {
					t.Fatal("no operation RemoveImContactFromGroup")
				}
				if op.Action != nsMessages+"/RemoveImContactFromGroup" {
					t.Errorf("RemoveImContactFromGroup action %q", op.Action)
				}
				if len(op.Input.Headers) != 3 || len(op.Output.Headers) != 1 {
					t.Errorf("RemoveImContactFromGroup headers: %d in, %d out; want 3, 1", len(op.Input.Headers), len(op.Output.Headers))
				}
			}

			if version == "v2018_01_08" {
				rc := set.Types[xml.Name{Space: nsMessages, Local: "ResponseCodeType"}]
				if rc == nil || len(rc.Facets.Enumerations) != 529 {
					t.Errorf("m:ResponseCodeType enumerations: want 529")
				}
				again, err := Load([]string{wsdl}, Options{})
				if err != nil || again.Dump() != set.Dump() {
					t.Errorf("Dump of two loads differs")
				}
			}
		})
	}
}

// countAnonymous counts the distinct anonymous types per file: [complex, simple].
func countAnonymous(set *Set) map[string][2]int {
	seen := map[*Type]bool{}
	out := map[string][2]int{}
	var typ func(t *Type)
	var particle func(p *Particle)
	anonType := func(t *Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		c := out[t.Pos.File]
		if t.Simple {
			c[1]++
		} else {
			c[0]++
		}
		out[t.Pos.File] = c
		typ(t)
	}
	typ = func(t *Type) {
		anonType(t.BaseAnon)
		anonType(t.ItemAnon)
		for _, m := range t.MemberAnon {
			anonType(m)
		}
		for _, a := range t.Attributes {
			anonType(a.AnonType)
		}
		if t.Content != nil {
			particle(t.Content)
		}
	}
	particle = func(p *Particle) {
		if p.Element != nil && !p.Ref {
			anonType(p.Element.AnonType)
		}
		for _, c := range p.Children {
			particle(c)
		}
	}
	for _, t := range set.Types {
		typ(t)
	}
	for _, e := range set.Elements {
		anonType(e.AnonType)
	}
	for _, a := range set.Attributes {
		anonType(a.AnonType)
	}
	for _, g := range set.Groups {
		if g.Content != nil {
			particle(g.Content)
		}
	}
	for _, g := range set.AttributeGroups {
		for _, a := range g.Attributes {
			anonType(a.AnonType)
		}
	}
	return out
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

func BenchmarkLoad(b *testing.B) {
	dir := corpusDir(b)
	wsdl := filepath.Join(dir, "schemas", "v2018_01_08", "services.wsdl")
	for i := 0; i < b.N; i++ {
		if _, err := Load([]string{wsdl}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
