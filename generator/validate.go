package generator

import (
	"fmt"
	"go/format"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ewsgen/ewsgen/xsd"
)

// Validation tables (validate.go of a generated package).
//
// Contract: for every kept struct, element and box type, one xmlvType row
// (templates/rt/validate.go) whose rules are its attributes, its simple
// content and its content model as a flattened particle tree: sequences and
// non-repeating choices carry their occurrence bounds and subtree size,
// leaves name the Go field holding the element (a repeating choice or a
// substitution group is one xmlvItems leaf over its interface field). For
// every simple type with facets (its own or its bases', XSD built-ins with
// implicit bounds included), one xmlvSimple row per restriction step.
// Patterns are translated from XSD's regular expressions to Go's syntax;
// those that cannot be are listed in the file's comment and not checked.
// Tables are data, not code: one small runtime interprets them, so the
// package's compile time grows little.

type validateTables struct {
	g        *emitter
	types    strings.Builder
	simples  strings.Builder
	sDone    map[string]bool
	sByType  map[*xsd.Type]string
	untrans  []string
	nameOfGo map[*goType]string // element name of element, box and alternative types
}

func (g *emitter) validateFile(header string) (File, error) {
	vt := &validateTables{g: g, sDone: map[string]bool{}, sByType: map[*xsd.Type]string{}, nameOfGo: map[*goType]string{}}
	for _, t := range g.p.types {
		if t.rootName.Local != "" {
			vt.nameOfGo[t] = t.rootName.Local
		}
	}
	for _, t := range g.p.types {
		for _, a := range t.alts {
			if a.t != nil && a.name.Local != "" && !a.xsi {
				if _, ok := vt.nameOfGo[a.t]; !ok || a.t.kind == kBox {
					vt.nameOfGo[a.t] = a.name.Local
				}
			}
		}
	}
	for _, t := range g.p.types {
		if g.kept(t) {
			vt.typeRow(t)
		}
	}
	var b strings.Builder
	b.WriteString(withHeader(header, "package "+g.p.cfg.Package+"\n\n"))
	b.WriteString(validateFixed)
	if len(vt.untrans) > 0 {
		sort.Strings(vt.untrans)
		b.WriteString("\n// Patterns not checked (XSD regular expressions Go's regexp cannot express):\n")
		for _, u := range vt.untrans {
			b.WriteString("//   - " + u + "\n")
		}
	}
	b.WriteString("\nvar xmlvTypeTable = []xmlvType{\n")
	b.WriteString(vt.types.String())
	b.WriteString("}\n\nvar xmlvSimpleTable = []xmlvSimple{\n")
	b.WriteString(vt.simples.String())
	b.WriteString("}\n")
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return File{}, fmt.Errorf("generator: validate.go: %w", err)
	}
	return File{Name: "validate.go", Content: src}, nil
}

// validateFixed is the generated package's validation API over the
// runtime's validator.
const validateFixed = `// Problem is one violation of the schema: the element path, the line and
// column in decoded input (0 when unknown) and what the schema wants.
type Problem = XSProblem

// ValidationError holds every Problem of one message; find it with
// errors.As in the errors of client calls, Validate and decoding with
// DecodeOptions.Validate.
type ValidationError = XSValidationError

var validator = xmlNewValidator(xmlvTypeTable, xmlvSimpleTable)

// Validate checks a value of a generated type (a request, a response, a
// header or any type) against the schema: occurrence bounds of elements,
// choices, required attributes, enumerations and facets. It returns nil or
// a *ValidationError listing every problem with its element path.
func Validate(v any) error { return validator.Validate("", v) }

// validateAs validates v as the element named root; data, when given, is
// the document v was decoded from, for the line of each problem.
func validateAs(root string, v any, data []byte) error {
	err := validator.Validate(root, v)
	if ve, ok := err.(*XSValidationError); ok && data != nil {
		xmlvLocate(data, ve.Problems)
	}
	return err
}
`

func q(s string) string { return strconv.Quote(s) }

func (vt *validateTables) rule(kind string, min, max int, n int, bit int, zero, nillable bool, field, name, simple string) {
	if max == xsd.Unbounded || max < 0 {
		max = -1
	}
	fmt.Fprintf(&vt.types, "{%s, %d, %d, %d, %d, %t, %t, %s, %s, %s},", kind, min, max, n, bit, zero, nillable, q(field), q(name), q(simple))
}

func (vt *validateTables) typeRow(t *goType) {
	switch t.kind {
	case kStruct:
		fmt.Fprintf(&vt.types, "{%s, %s, \"\", []xmlvRule{", q(t.name), q(vt.nameOfGo[t]))
		vt.structRules(t)
		vt.types.WriteString("}},\n")
	case kElemOf:
		if t.of != nil && t.of.kind == kStruct {
			fmt.Fprintf(&vt.types, "{%s, %s, %s, nil},\n", q(t.name), q(vt.nameOfGo[t]), q(t.of.name))
		}
	case kBox:
		fmt.Fprintf(&vt.types, "{%s, %s, \"\", []xmlvRule{", q(t.name), q(vt.nameOfGo[t]))
		switch {
		case t.wild:
		case t.of != nil:
			vt.rule("xmlvItems", 1, 1, 0, 0, false, false, "Value", "", "")
		default:
			vt.rule("xmlvText", 0, 1, 0, 0, false, false, "Value", "", vt.simpleOf(t.base))
		}
		vt.types.WriteString("}},\n")
	case kSimple, kList:
		vt.simpleOf(valueRef{named: t})
	}
}

func (vt *validateTables) structRules(t *goType) {
	if t.anyContent || t.xsdType == nil {
		return
	}
	trackA, trackF, _ := trackedRequired(t)
	for _, a := range t.attrs {
		min, bit, zero := 0, 0, false
		if a.required {
			min = 1
			if k, ok := trackA[a]; ok {
				bit = k + 1
			}
			zero = zeroInvalid(a.val)
		}
		vt.rule("xmlvAttr", min, 1, 0, bit, zero, false, a.name, a.xname.Local, vt.simpleOf(a.val))
	}
	if t.text != nil {
		vt.rule("xmlvText", 0, 1, 0, 0, false, false, t.textName, "", vt.simpleOf(*t.text))
	}
	if t.derived != nil && t.derivedField != "" {
		vt.rule("xmlvDerived", 0, 1, 0, 0, false, false, t.derivedField, "", "")
	}
	if t.text != nil {
		return
	}
	substIfaces := map[*goType]bool{}
	for _, ig := range vt.g.p.subst {
		substIfaces[ig] = true
	}
	var choiceFields, anyFields []*field
	for _, f := range t.fields {
		switch {
		case f.any:
			anyFields = append(anyFields, f)
		case f.iface != nil && f.xname.Local == "" && !substIfaces[f.iface]:
			choiceFields = append(choiceFields, f)
		}
	}
	w := &particleWalk{vt: vt, t: t, track: trackF, choices: choiceFields, anys: anyFields, subst: substIfaces}
	chain := vt.g.p.contentChain(t.xsdType)
	if len(chain) == 0 {
		return
	}
	root := &xsd.Particle{Kind: xsd.PSequence, Min: 1, Max: 1, Children: chain}
	var rows []string
	w.walk(root, &rows, 0)
	for _, r := range rows {
		vt.types.WriteString(r)
	}
}

type particleWalk struct {
	vt      *validateTables
	t       *goType
	track   map[*field]int
	choices []*field
	anys    []*field
	subst   map[*goType]bool
}

// walk appends the rows of part and returns the number it appended.
func (w *particleWalk) walk(part *xsd.Particle, rows *[]string, depth int) int {
	if depth > 64 {
		return 0
	}
	max := part.Max
	row := func(kind string, min, max, n, bit int, zero, nillable bool, field, name, simple string) string {
		if max == xsd.Unbounded || max < 0 {
			max = -1
		}
		return fmt.Sprintf("{%s, %d, %d, %d, %d, %t, %t, %s, %s, %s},", kind, min, max, n, bit, zero, nillable, q(field), q(name), q(simple))
	}
	switch part.Kind {
	case xsd.PElement:
		e := part.Element
		var f *field
		if e.Global {
			if ig := w.vt.g.p.subst[e]; ig != nil {
				for _, x := range w.t.fields {
					if x.iface == ig {
						f = x
						break
					}
				}
				if f == nil {
					return 0
				}
				*rows = append(*rows, row("xmlvItems", part.Min, max, 0, 0, false, false, f.name, e.Name.Local, ""))
				return 1
			}
		}
		if fs := w.t.byXName[e.Name]; len(fs) > 0 {
			f = fs[0]
		}
		if f == nil {
			return 0
		}
		kind, simple := "xmlvElem", ""
		bit, zero := 0, false
		if f.val != nil {
			simple = w.vt.simpleOf(*f.val)
			if requiredSimple(f) {
				if k, ok := w.track[f]; ok {
					bit = k + 1
				}
				zero = zeroInvalid(*f.val)
			}
		}
		if f.ct != nil && f.ct.kind == kIface {
			kind = "xmlvItems"
		}
		if f.val != nil && !f.repeated && (isBytes(*f.val) || f.val.named != nil && f.val.named.kind == kList) {
			kind = "xmlvValue" // one element whose Go value is a slice
		}
		*rows = append(*rows, row(kind, part.Min, max, 0, bit, zero, f.nillable, f.name, e.Name.Local, simple))
		return 1
	case xsd.PAny:
		if len(w.anys) == 0 {
			return 0
		}
		f := w.anys[0]
		w.anys = w.anys[1:]
		*rows = append(*rows, row("xmlvAny", part.Min, max, 0, 0, false, false, f.name, "any", ""))
		return 1
	case xsd.PChoice:
		if part.Max != 1 {
			if len(w.choices) == 0 {
				return 0
			}
			f := w.choices[0]
			w.choices = w.choices[1:]
			min := part.Min
			if min > 0 && w.emptiable(part) {
				min = 0
			}
			maxItems := -1
			if part.Max != xsd.Unbounded && w.singleItems(part) {
				maxItems = part.Max
			}
			*rows = append(*rows, row("xmlvItems", min, maxItems, 0, 0, false, false, f.name, "", ""))
			return 1
		}
		fallthrough
	case xsd.PSequence, xsd.PAll:
		kind := "xmlvSeq"
		if part.Kind == xsd.PChoice {
			kind = "xmlvChoice"
		}
		at := len(*rows)
		*rows = append(*rows, "")
		n := 0
		for _, c := range part.Children {
			n += w.walk(c, rows, depth+1)
		}
		if n == 0 {
			*rows = (*rows)[:at]
			return 0
		}
		(*rows)[at] = row(kind, part.Min, max, n, 0, false, false, "", "", "")
		return n + 1
	}
	return 0
}

func (w *particleWalk) emptiable(p *xsd.Particle) bool {
	if p.Min == 0 {
		return true
	}
	switch p.Kind {
	case xsd.PSequence, xsd.PAll:
		for _, c := range p.Children {
			if !w.emptiable(c) {
				return false
			}
		}
		return true
	case xsd.PChoice:
		for _, c := range p.Children {
			if w.emptiable(c) {
				return true
			}
		}
	}
	return false
}

// singleItems reports whether every alternative of a choice is one element
// occurring at most once, so that the number of items is bounded by the
// choice's maxOccurs.
func (w *particleWalk) singleItems(p *xsd.Particle) bool {
	for _, c := range p.Children {
		if c.Kind != xsd.PElement || c.Max != 1 {
			return false
		}
	}
	return true
}

// builtinFacets are the implicit bounds of XSD built-ins whose Go type is
// wider than their value space.
var builtinFacets = map[string][2]string{
	"positiveInteger":    {"1", ""},
	"nonNegativeInteger": {"0", ""},
	"negativeInteger":    {"", "-1"},
	"nonPositiveInteger": {"", "0"},
}

// simpleOf returns the name of the simple table row checking values of v,
// writing the rows it needs; "" when nothing is checked.
func (vt *validateTables) simpleOf(v valueRef) string {
	if v.named == nil {
		if _, ok := builtinFacets[v.xs]; ok {
			return vt.builtinRow(v.xs)
		}
		return ""
	}
	t := v.named
	if vt.sDone[t.name] {
		return t.name
	}
	switch t.kind {
	case kList:
		item := vt.simpleOf(t.base)
		var fs xsd.Facets
		if t.xsdType != nil {
			fs = t.xsdType.Facets
		}
		vt.sDone[t.name] = true
		vt.simpleRow(t.name, "", item, fs, nil, true)
		return t.name
	case kSimple:
	default:
		return ""
	}
	if t.xsdType == nil || t.xsdType.Variety != xsd.VarietyAtomic {
		if len(t.enums) > 0 {
			vt.sDone[t.name] = true
			vt.simpleRow(t.name, "", "", xsd.Facets{}, t.enums, false)
			return t.name
		}
		return ""
	}
	vt.sDone[t.name] = true
	base := vt.baseOf(t.xsdType, 0)
	vt.simpleRow(t.name, base, "", t.xsdType.Facets, t.enums, false)
	return t.name
}

// baseOf returns the row of the base of simple type st.
func (vt *validateTables) baseOf(st *xsd.Type, depth int) string {
	if depth > 32 {
		return ""
	}
	if st.BaseAnon != nil {
		bt := st.BaseAnon
		if gt := vt.g.p.byType[bt]; gt != nil && gt.kind == kSimple {
			return vt.simpleOf(valueRef{named: gt})
		}
		if name, ok := vt.sByType[bt]; ok {
			return name
		}
		name := fmt.Sprintf("anon%d", len(vt.sByType)+1)
		if st.Name.Local != "" {
			name = st.Name.Local + ".base"
		}
		vt.sByType[bt] = name
		if bt.Variety != xsd.VarietyAtomic {
			return ""
		}
		b := vt.baseOf(bt, depth+1)
		var enums []enumConst
		for _, e := range bt.Facets.Enumerations {
			enums = append(enums, enumConst{value: e.Value})
		}
		vt.simpleRow(name, b, "", bt.Facets, enums, false)
		return name
	}
	if st.Base.Local == "" {
		return ""
	}
	if xsd.IsBuiltin(st.Base) {
		if _, ok := builtinFacets[st.Base.Local]; ok {
			return vt.builtinRow(st.Base.Local)
		}
		return ""
	}
	if bt := vt.g.p.set.Types[st.Base]; bt != nil {
		if gt := vt.g.p.byType[bt]; gt != nil && gt.kind == kSimple {
			return vt.simpleOf(valueRef{named: gt})
		}
	}
	return ""
}

func (vt *validateTables) builtinRow(xs string) string {
	name := "xs:" + xs
	if !vt.sDone[name] {
		vt.sDone[name] = true
		b := builtinFacets[xs]
		fmt.Fprintf(&vt.simples, "{name: %s, length: -1, minLength: -1, maxLength: -1, minInc: %s, maxInc: %s, totalDigits: -1, fractionDigits: -1},\n", q(name), q(b[0]), q(b[1]))
	}
	return name
}

func (vt *validateTables) simpleRow(name, base, item string, fs xsd.Facets, enums []enumConst, list bool) {
	b := &vt.simples
	fmt.Fprintf(b, "{name: %s", q(name))
	if base != "" {
		fmt.Fprintf(b, ", base: %s", q(base))
	}
	if item != "" {
		fmt.Fprintf(b, ", item: %s", q(item))
	}
	if len(enums) > 0 {
		b.WriteString(", enums: []string{")
		for i, e := range enums {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(q(e.value))
		}
		b.WriteString("}")
	}
	opt := func(p *int) int {
		if p == nil {
			return -1
		}
		return *p
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	fmt.Fprintf(b, ", length: %d, minLength: %d, maxLength: %d", opt(fs.Length), opt(fs.MinLength), opt(fs.MaxLength))
	for _, kv := range [][2]string{{"minInc", str(fs.MinInclusive)}, {"maxInc", str(fs.MaxInclusive)}, {"minExc", str(fs.MinExclusive)}, {"maxExc", str(fs.MaxExclusive)}} {
		if kv[1] != "" {
			fmt.Fprintf(b, ", %s: %s", kv[0], q(kv[1]))
		}
	}
	fmt.Fprintf(b, ", totalDigits: %d, fractionDigits: %d", opt(fs.TotalDigits), opt(fs.FractionDigits))
	var pats []string
	for _, p := range fs.Patterns {
		gp, err := translateXSDPattern(p)
		if err != nil {
			vt.untrans = append(vt.untrans, fmt.Sprintf("%s: %q: %v", name, p, err))
			continue
		}
		pats = append(pats, gp)
	}
	if len(pats) > 0 {
		b.WriteString(", patterns: []string{")
		for i, p := range pats {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(q(p))
		}
		b.WriteString("}")
	}
	if list {
		b.WriteString(", list: true")
	}
	b.WriteString("},\n")
}

// xsdBlocks maps the Unicode block names XSD patterns use (\p{IsX}) to
// their ranges; only the common ones are known.
var xsdBlocks = map[string]string{
	"BasicLatin":                 `\x{0000}-\x{007F}`,
	"Latin-1Supplement":          `\x{0080}-\x{00FF}`,
	"LatinExtended-A":            `\x{0100}-\x{017F}`,
	"LatinExtended-B":            `\x{0180}-\x{024F}`,
	"IPAExtensions":              `\x{0250}-\x{02AF}`,
	"Greek":                      `\x{0370}-\x{03FF}`,
	"Cyrillic":                   `\x{0400}-\x{04FF}`,
	"Hebrew":                     `\x{0590}-\x{05FF}`,
	"Arabic":                     `\x{0600}-\x{06FF}`,
	"GeneralPunctuation":         `\x{2000}-\x{206F}`,
	"CJKUnifiedIdeographs":       `\x{4E00}-\x{9FFF}`,
	"HalfwidthandFullwidthForms": `\x{FF00}-\x{FFEF}`,
}

// translateXSDPattern rewrites an XSD regular expression (XML Schema Part 2,
// appendix F) in Go's syntax: XSD patterns are implicitly anchored, '^' and
// '$' are ordinary characters, '.' excludes \r as well as \n, \d \w \i \c are
// Unicode classes, and \p{IsBlock} names a block. Character class
// subtraction ([a-z-[aeiou]]) has no Go equivalent and is refused.
func translateXSDPattern(p string) (string, error) {
	var b strings.Builder
	inClass := 0
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\\' && i+1 < len(rs):
			i++
			e := rs[i]
			switch e {
			case 'i', 'I', 'c', 'C', 'd', 'D', 'w', 'W':
				cls := map[rune]string{
					'i': `\p{L}_:`, 'c': `\p{L}\p{N}\p{M}._:\-\x{B7}`, 'd': `\p{Nd}`, 'w': `\p{L}\p{N}\p{M}\p{S}`,
				}
				lower := e | 0x20
				neg := e != lower
				if inClass > 0 {
					if neg {
						return "", fmt.Errorf("negated class \\%c inside a character class", e)
					}
					b.WriteString(cls[lower])
				} else if neg {
					b.WriteString("[^" + cls[lower] + "]")
				} else {
					b.WriteString("[" + cls[lower] + "]")
				}
			case 'p', 'P':
				j := i + 1
				if j >= len(rs) || rs[j] != '{' {
					return "", fmt.Errorf("malformed \\%c", e)
				}
				k := j
				for k < len(rs) && rs[k] != '}' {
					k++
				}
				if k >= len(rs) {
					return "", fmt.Errorf("malformed \\%c", e)
				}
				name := string(rs[j+1 : k])
				i = k
				if strings.HasPrefix(name, "Is") {
					r, ok := xsdBlocks[name[2:]]
					if !ok {
						return "", fmt.Errorf("unknown block %s", name)
					}
					switch {
					case inClass > 0 && e == 'p':
						b.WriteString(r)
					case inClass > 0:
						return "", fmt.Errorf("negated block inside a character class")
					case e == 'p':
						b.WriteString("[" + r + "]")
					default:
						b.WriteString("[^" + r + "]")
					}
					continue
				}
				fmt.Fprintf(&b, `\%c{%s}`, e, name)
			case 'n', 'r', 't', '\\', '|', '.', '-', '^', '?', '*', '+', '{', '}', '(', ')', '[', ']', '$', 's', 'S':
				b.WriteRune('\\')
				b.WriteRune(e)
			default:
				return "", fmt.Errorf("unknown escape \\%c", e)
			}
		case c == '[':
			if inClass > 0 {
				return "", fmt.Errorf("character class subtraction")
			}
			inClass++
			b.WriteRune(c)
			if i+1 < len(rs) && rs[i+1] == '^' {
				b.WriteRune('^')
				i++
			}
		case c == ']' && inClass > 0:
			inClass--
			b.WriteRune(c)
		case c == '-' && inClass > 0 && i+1 < len(rs) && rs[i+1] == '[':
			return "", fmt.Errorf("character class subtraction")
		case inClass == 0 && c == '.':
			b.WriteString(`[^\n\r]`)
		case inClass == 0 && (c == '^' || c == '$'):
			b.WriteRune('\\')
			b.WriteRune(c)
		case inClass > 0 && (c == '[' || c == '&' || c == '~' || c == ':'):
			b.WriteRune('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	out := b.String()
	if _, err := regexp.Compile(`^(?:` + out + `)$`); err != nil {
		return "", err
	}
	return out, nil
}

// contractDoc returns the paragraph of a struct's (or element's) doc
// comment saying what must be set: required attributes and elements, and
// the values enumerated attributes take. "" when nothing is required.
func (g *emitter) contractDoc(t *goType) string {
	var paras []string
	if req := g.requiredFields(t); len(req) > 0 {
		paras = append(paras, "Must be set (the schema requires them; Validate, and so the client and the handler, report them missing): "+strings.Join(req, ", ")+".")
	}
	if st := structOf(t); st != nil && !st.anyContent && st.xsdType != nil {
		if chain := g.p.contentChain(st.xsdType); len(chain) > 0 {
			paras = append(paras, g.choiceDocs(st, &xsd.Particle{Kind: xsd.PSequence, Min: 1, Max: 1, Children: chain}, 0)...)
		}
	}
	return strings.Join(paras, "\n\n")
}

// choiceDocs describes each non-repeating choice of a content model: its
// members by Go field name and whether one is required.
func (g *emitter) choiceDocs(t *goType, part *xsd.Particle, depth int) []string {
	if depth > 32 {
		return nil
	}
	var out []string
	if part.Kind == xsd.PChoice && part.Max == 1 {
		var names []string
		for _, c := range part.Children {
			if n := g.particleFields(t, c, depth+1); n != "" {
				names = append(names, n)
			}
		}
		if len(names) > 1 {
			if part.Min > 0 {
				out = append(out, "Exactly one of these must be set (a choice): "+strings.Join(names, ", ")+".")
			} else {
				out = append(out, "At most one of these may be set (a choice): "+strings.Join(names, ", ")+".")
			}
		}
	}
	for _, c := range part.Children {
		out = append(out, g.choiceDocs(t, c, depth+1)...)
	}
	return out
}

// particleFields names the Go fields of a particle: a field, or a
// parenthesized list for a group of several.
func (g *emitter) particleFields(t *goType, part *xsd.Particle, depth int) string {
	if depth > 32 {
		return ""
	}
	switch part.Kind {
	case xsd.PElement:
		if fs := t.byXName[part.Element.Name]; len(fs) > 0 {
			return fs[0].name
		}
		return ""
	case xsd.PSequence, xsd.PAll, xsd.PChoice:
		var names []string
		for _, c := range part.Children {
			if n := g.particleFields(t, c, depth+1); n != "" {
				names = append(names, n)
			}
		}
		switch {
		case len(names) == 0:
			return ""
		case len(names) == 1:
			return names[0]
		case part.Kind == xsd.PChoice:
			return "(one of " + strings.Join(names, ", ") + ")"
		}
		return "(" + strings.Join(names, " with ") + ")"
	}
	return ""
}

// facetDoc describes the facets of a simple type's restriction for its doc
// comment ("" when it has none the doc shows).
func facetDoc(fs xsd.Facets) string {
	var parts []string
	chars := func(n int) string {
		if n == 1 {
			return "1 character"
		}
		return fmt.Sprintf("%d characters", n)
	}
	switch {
	case fs.Length != nil:
		parts = append(parts, "exactly "+chars(*fs.Length)+" (items for a list, octets for binary)")
	case fs.MinLength != nil && fs.MaxLength != nil:
		parts = append(parts, fmt.Sprintf("%d to %s", *fs.MinLength, chars(*fs.MaxLength)))
	case fs.MinLength != nil:
		parts = append(parts, "at least "+chars(*fs.MinLength))
	case fs.MaxLength != nil:
		parts = append(parts, "at most "+chars(*fs.MaxLength))
	}
	if fs.MinInclusive != nil {
		parts = append(parts, "at least "+*fs.MinInclusive)
	}
	if fs.MinExclusive != nil {
		parts = append(parts, "more than "+*fs.MinExclusive)
	}
	if fs.MaxInclusive != nil {
		parts = append(parts, "at most "+*fs.MaxInclusive)
	}
	if fs.MaxExclusive != nil {
		parts = append(parts, "less than "+*fs.MaxExclusive)
	}
	if fs.TotalDigits != nil {
		parts = append(parts, fmt.Sprintf("at most %d digits", *fs.TotalDigits))
	}
	if fs.FractionDigits != nil {
		parts = append(parts, fmt.Sprintf("at most %d fraction digits", *fs.FractionDigits))
	}
	for _, p := range fs.Patterns {
		parts = append(parts, "matching the pattern "+strconv.Quote(p))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Values (the schema's facets; Validate reports a value outside them): " + strings.Join(parts, "; ") + "."
}

// occursDoc describes a field's occurrence for its line comment.
func occursDoc(f *field) string {
	switch {
	case f.any:
		return ""
	case !f.optional && f.repeated:
		return ", required, one or more"
	case !f.optional:
		return ", required"
	}
	return ""
}
