package xsd

// This file is the only one that imports github.com/xuri/xgen; no xgen type
// leaves it.
//
// What comes from xgen: for every NAMED simple type of a local schema file,
// xgen's parser (run concurrently with xsd's own pass, one goroutine per
// file) is the source of
//   - the enumeration values (in document order), and
//   - the variety flags: list or union.
//
// For EWS, for example, the 529 values of m:ResponseCodeType and the list
// flag of t:DaysOfWeekType come from xgen.
//
// What xsd adds (xgen's model lacks it or gets it wrong): namespaces (xgen
// keeps local names only), positions, anonymous types, element and
// attribute forms, occurrence bounds, element refs (xgen strips the t:
// prefix from ref="t:Path", xgen issue #101), substitution groups (xgen has
// none, so FieldURI, IndexedFieldURI and ExtendedFieldURI as members of
// t:Path come from xsd), model and attribute group expansion, facets other
// than enumerations (xgen's Restriction does not record them), the
// documentation of types and enumerations (xgen keeps one doc string per
// simple type, the last one seen, often an enumeration's), union member
// type names with namespaces, and everything about complex types, elements
// and the WSDL.
//
// The two passes are cross-checked: xsd's own pass also reads the
// enumerations and variety of every named simple type; if xgen disagrees
// (for the enumeration list, xgen counts every xs:enumeration lexically
// inside the simpleType, including those of anonymous list item, union
// member and restriction base types) a warning (Set.Warnings) is recorded
// at the type's position and xsd's own reading is kept: valid input is
// never rejected because of xgen. xgen is not run on files fetched over the network, nor on files
// larger than Limits.XgenBytes or beyond that total (File.XgenSkipped says
// so, and the generator notes it in the header of its files), and when it
// fails (error or panic) on a file, xsd's own values are kept for that file.

import (
	"encoding/xml"
	"fmt"

	"github.com/xuri/xgen"
)

// simpleTypeHook restricts xgen to what is asked of it: the subtrees of
// top-level xs:simpleType elements (of a schema file or of a WSDL's inline
// schema). Everything else is skipped, which makes xgen several times
// faster and also avoids an xgen bug: it keeps the anonymous simple types
// of elements on its SimpleType stack, so that their enumerations would be
// credited to the next named simple type (in EWS messages.xsd, the three
// values of an anonymous type end up in m:ListOfExtensionIdsType). For the
// same reason xgen's parser state is reset at each top-level simpleType.
//
// Annotations (xs:annotation and everything inside, such as foreign markup
// in xs:appinfo) are skipped too: xgen would count an enumeration element
// of another namespace there as an enumeration of the type.
type simpleTypeHook struct {
	stack []string // local names of the open elements
	top   int      // index in stack of the open top-level simpleType, or -1
	skip  int      // depth inside a skipped xs:annotation, 0 outside
}

func (h *simpleTypeHook) OnStartElement(opt *xgen.Options, ele xml.StartElement, _ []interface{}) (bool, error) {
	n := len(h.stack)
	h.stack = append(h.stack, ele.Name.Local)
	if h.skip > 0 {
		h.skip++
		return false, nil
	}
	if h.top >= 0 {
		if ele.Name.Local == "annotation" {
			h.skip = 1
			return false, nil
		}
		return true, nil
	}
	if ele.Name.Local != "simpleType" || n == 0 || h.stack[n-1] != "schema" {
		return false, nil
	}
	h.top = n
	opt.SimpleType = xgen.NewStack()
	opt.ComplexType = xgen.NewStack()
	opt.Element = xgen.NewStack()
	opt.Attribute = xgen.NewStack()
	opt.Group = xgen.NewStack()
	opt.AttributeGroup = xgen.NewStack()
	opt.Choice = xgen.NewStack()
	opt.InGroup, opt.InUnion, opt.InAttributeGroup, opt.CurrentEle = 0, false, false, ""
	opt.InPluralSequence = nil
	return true, nil
}

func (h *simpleTypeHook) OnEndElement(*xgen.Options, xml.EndElement, []interface{}) (bool, error) {
	n := len(h.stack) - 1
	if n < 0 {
		return false, nil
	}
	h.stack = h.stack[:n]
	if h.skip > 0 {
		h.skip--
		return false, nil
	}
	if h.top < 0 {
		return false, nil
	}
	if n == h.top {
		h.top = -1
	}
	return true, nil
}

func (h *simpleTypeHook) OnCharData(*xgen.Options, string, []interface{}) (bool, error) {
	return h.top >= 0 && h.skip == 0, nil
}

func (h *simpleTypeHook) OnGenerate(*xgen.CodeGenerator, string, interface{}) (bool, error) {
	return true, nil
}

func (h *simpleTypeHook) OnAddContent(*xgen.CodeGenerator, *string) {}

// xgenSimple is what xgen reports about one named simple type.
type xgenSimple struct {
	list, union bool
	enums       []string
}

type xgenResult struct {
	types map[string]*xgenSimple // by local name; first declaration wins
	err   error
}

// xgenRun is runXgen; tests replace it to check the cross-check.
var xgenRun = runXgen

// startXgen parses the file at path with xgen in a new goroutine.
func startXgen(path string) chan xgenResult {
	run := xgenRun
	ch := make(chan xgenResult, 1)
	go func() { ch <- run(path) }()
	return ch
}

func runXgen(path string) (res xgenResult) {
	defer func() {
		if r := recover(); r != nil {
			res = xgenResult{err: fmt.Errorf("xgen panicked: %v", r)}
		}
	}()
	p := xgen.NewParser(&xgen.Options{
		FilePath:            path,
		Extract:             true,
		Lang:                "Go",
		IncludeMap:          map[string]bool{},
		LocalNameNSMap:      map[string]string{},
		NSSchemaLocationMap: map[string]string{},
		ParseFileList:       map[string]bool{},
		ParseFileMap:        map[string][]interface{}{},
		ProtoTree:           []interface{}{},
		Hook:                &simpleTypeHook{top: -1},
	})
	if err := p.Parse(); err != nil {
		return xgenResult{err: err}
	}
	res.types = map[string]*xgenSimple{}
	for _, v := range p.ProtoTree {
		st, ok := v.(*xgen.SimpleType)
		if !ok || st.Anonymous || st.Name == "" {
			continue
		}
		if _, dup := res.types[st.Name]; dup {
			continue
		}
		res.types[st.Name] = &xgenSimple{
			list:  st.List,
			union: st.Union,
			enums: append([]string(nil), st.Restriction.Enum...),
		}
	}
	return res
}

// mergeXgen merges xgen's view of the named simple types into the Types
// built by xsd's own pass, reporting disagreements.
func (l *loader) mergeXgen() {
	results := map[*srcFile]*xgenResult{}
	names := map[*srcFile]map[string]int{} // local names of named simple types per file
	for _, g := range l.globals {
		if g.kind == "simpleType" {
			f := g.doc.file
			if names[f] == nil {
				names[f] = map[string]int{}
			}
			names[f][g.name.Local]++
		}
	}
	for _, g := range l.globals {
		f := g.doc.file
		if g.kind != "simpleType" || f.xgen == nil || names[f][g.name.Local] > 1 || g.redefinition || g.typ.Redefined {
			continue
		}
		r, ok := results[f]
		if !ok {
			res := <-f.xgen
			r = &res
			results[f] = r
		}
		if r.err != nil {
			continue
		}
		t := g.typ
		xs := r.types[g.name.Local]
		mine := lexicalEnums(t, nil)
		if xs == nil {
			if len(mine) > 0 {
				l.warnf(t.Pos, "xgen cross-check: simple type %q not found by xgen but has %d enumerations; the loader's own reading is kept", g.name.Local, len(mine))
			}
			continue
		}
		if xs.list != (t.Variety == VarietyList) || xs.union != (t.Variety == VarietyUnion) {
			l.warnf(t.Pos, "xgen cross-check: variety of simple type %q is %s for xsd but %s for xgen; the loader's own reading is kept", g.name.Local, varietyName(t.Variety), xgenVariety(xs))
			continue
		}
		if msg := diffEnums(xs.enums, mine); msg != "" {
			l.warnf(t.Pos, "xgen cross-check: enumerations of simple type %q differ: %s; the loader's own reading is kept", g.name.Local, msg)
			continue
		}
		// Take the values from xgen, positions and docs from xsd.
		setEnumValues(t, xs.enums)
	}
	// Wait for every goroutine started, so that none outlives Load.
	for _, f := range l.files {
		if f != nil && f.xgen != nil {
			if _, ok := results[f]; !ok {
				<-f.xgen
			}
		}
	}
}

// lexicalEnums appends the enumeration facets lexically inside t, in
// document order: an anonymous restriction base, the facets of t, an
// anonymous list item type, anonymous union members.
func lexicalEnums(t *Type, out []*Enumeration) []*Enumeration {
	if t.BaseAnon != nil {
		out = lexicalEnums(t.BaseAnon, out)
	}
	for i := range t.Facets.Enumerations {
		out = append(out, &t.Facets.Enumerations[i])
	}
	if t.ItemAnon != nil {
		out = lexicalEnums(t.ItemAnon, out)
	}
	for _, m := range t.MemberAnon {
		out = lexicalEnums(m, out)
	}
	return out
}

func setEnumValues(t *Type, values []string) {
	for i, e := range lexicalEnums(t, nil) {
		e.Value = values[i]
	}
}

func diffEnums(x []string, mine []*Enumeration) string {
	for i := 0; i < len(x) && i < len(mine); i++ {
		if x[i] != mine[i].Value {
			return fmt.Sprintf("value #%d is %q for xsd but %q for xgen", i+1, mine[i].Value, x[i])
		}
	}
	if len(x) != len(mine) {
		return fmt.Sprintf("xsd has %d values, xgen %d", len(mine), len(x))
	}
	return ""
}

func varietyName(v Variety) string {
	switch v {
	case VarietyList:
		return "list"
	case VarietyUnion:
		return "union"
	}
	return "atomic"
}

func xgenVariety(x *xgenSimple) string {
	switch {
	case x.list && x.union:
		return "list and union"
	case x.list:
		return "list"
	case x.union:
		return "union"
	}
	return "atomic"
}
