// Package fill sets every field of a generated value it can reach to a
// deterministic non-zero value, and compares decoded values with the sent
// ones. It is copied into the basket's scratch module by internal/basket.
package fill

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
)

// Filler fills values. Impls lists, for each interface type of the
// generated package, constructors of its implementations; Enums lists the
// valid values of each enumeration type.
type Filler struct {
	Impls map[reflect.Type][]func() any
	Enums map[reflect.Type][]any
	// Bases maps named types defined on a runtime type (type D XSDuration)
	// to that type's name, so that they get valid values too.
	Bases    map[reflect.Type]string
	MaxDepth int
	// Schema, when set, holds the validation tables of the generated
	// package: values then keep the schema's contract (required content,
	// one member of each choice, occurrence bounds, enumerations, facets).
	Schema *Schema
	// Unsatisfied lists what the filler could not make valid (a pattern it
	// cannot produce a value for, required content nested too deep): the
	// caller sends such a value with validation off and says so.
	Unsatisfied []string
	n           int
	// inDerived is set while the value of a Derived field is filled.
	inDerived bool
}

// Rule is one row of a type's validation table (see the generated
// package's validate.go): Kind is one of "elem", "seq", "choice", "attr",
// "text", "items", "any", "derived", "value".
type Rule struct {
	Kind          string
	Min, Max      int // Max < 0: unbounded
	N             int // seq, choice: size of the subtree that follows
	Field, Simple string
}

// Type is the table of one Go type; Of names the type whose rules apply.
type Type struct {
	Of    string
	Rules []Rule
}

// Simple holds the facets of one restriction step of a simple type.
type Simple struct {
	Base, Item                     string
	Enums                          []string
	Length, MinLength, MaxLength   int // -1: none
	MinInc, MaxInc, MinExc, MaxExc string
	TotalDigits, FractionDigits    int // -1: none
	Patterns                       []string
	List                           bool
}

// Schema holds the tables by Go type name and simple type name.
type Schema struct {
	Types   map[string]*Type
	Simples map[string]*Simple
}

// hardDepth bounds the nesting of required content filled past MaxDepth.
const hardDepth = 40

// Fill sets the value v points to.
func (f *Filler) Fill(v any) {
	if f.MaxDepth == 0 {
		f.MaxDepth = 7
	}
	f.fill(reflect.ValueOf(v).Elem(), 0, false)
}

func (f *Filler) next() int {
	f.n++
	return f.n
}

// deep reports whether a value at depth is past what the filler fills:
// past MaxDepth only required content (need) is filled, up to hardDepth.
func (f *Filler) deep(depth int, need bool) bool {
	if depth >= hardDepth {
		if need {
			f.unsatisfied("required content nested deeper than %d levels", hardDepth)
		}
		return true
	}
	return depth >= f.MaxDepth && !need
}

func (f *Filler) unsatisfied(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for _, u := range f.Unsatisfied {
		if u == msg {
			return
		}
	}
	f.Unsatisfied = append(f.Unsatisfied, msg)
}

func (f *Filler) fill(v reflect.Value, depth int, need bool) {
	t := v.Type()
	if vals, ok := f.Enums[t]; ok && len(vals) > 0 {
		v.Set(reflect.ValueOf(vals[f.next()%len(vals)]).Convert(t))
		return
	}
	name := t.Name()
	if b, ok := f.Bases[t]; ok {
		name = b
	}
	switch name {
	case "XSDateTime":
		set(v, "Year", 2024, "Month", 2, "Day", 29, "Hour", 13, "Minute", 45, "Second", 7, "Zone", "Z")
		return
	case "XSDate":
		set(v, "Year", 2023, "Month", 11, "Day", 5, "Zone", "")
		return
	case "XSTime":
		set(v, "Hour", 8, "Minute", 30, "Second", 15, "Frac", "25", "Zone", "+01:00")
		return
	case "XSDuration":
		v.SetString("P1DT2H")
		return
	case "XSDecimal":
		v.SetString(fmt.Sprintf("%d.5", f.next()))
		return
	case "XSQName":
		set(v, "Space", "urn:example:basket", "Local", fmt.Sprintf("q%d", f.next()))
		return
	case "XSAnyElement":
		v.FieldByName("Name").FieldByName("Space").SetString("urn:example:basket:any")
		v.FieldByName("Name").FieldByName("Local").SetString(fmt.Sprintf("extra%d", f.next()))
		kids := v.FieldByName("Children")
		if kids.IsValid() && kids.Kind() == reflect.Slice {
			s := reflect.MakeSlice(kids.Type(), 1, 1)
			if tf := s.Index(0).FieldByName("Text"); tf.IsValid() {
				tf.SetString(fmt.Sprintf("any text %d", f.next()))
			}
			kids.Set(s)
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", f.next()))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(f.next()%100 + 1))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(f.next()%100 + 1))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(f.next()) + 0.25)
	case reflect.Pointer:
		if f.deep(depth, need) {
			return
		}
		p := reflect.New(t.Elem())
		f.fill(p.Elem(), depth+1, need)
		v.Set(p)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			v.SetBytes([]byte{0xb4, 0x5e, byte(f.next())})
			return
		}
		if f.deep(depth, need) {
			return
		}
		n := 2
		if depth >= f.MaxDepth-2 {
			n = 1
		}
		s := reflect.MakeSlice(t, 0, n)
		for i := 0; i < n; i++ {
			e := reflect.New(t.Elem()).Elem()
			f.fill(e, depth+1, need)
			// An item left nil (an interface or pointer past MaxDepth)
			// has no XML form: a list holds no such item.
			if k := e.Kind(); (k == reflect.Interface || k == reflect.Pointer) && e.IsNil() {
				continue
			}
			s = reflect.Append(s, e)
		}
		if s.Len() > 0 {
			v.Set(s)
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			f.fill(v.Index(i), depth+1, need)
		}
	case reflect.Interface:
		if f.deep(depth, need) {
			return
		}
		impls := f.Impls[t]
		if len(impls) == 0 {
			return
		}
		c := reflect.ValueOf(impls[f.next()%len(impls)]())
		if c.Kind() == reflect.Pointer {
			// the implementation itself, without a Derived value: an
			// interface holds the type named by xsi:type as decoding
			// gives it, not a base wrapping it
			f.inDerived = true
			f.fill(c.Elem(), depth+1, need)
			f.inDerived = false
		}
		if c.Type().Implements(t) {
			v.Set(c)
		}
	case reflect.Struct:
		// A Derived field holds a value of a derived type that replaces
		// the fields beside it: fill it alone when an implementation is
		// known.
		//
		// The value of a Derived field is filled without a Derived value
		// of its own: a chain of them (A.Derived = &B{Derived: &C{}}) is
		// written like the single step to C and read back as that step.
		derived := f.inDerived
		f.inDerived = false
		if d, ok := t.FieldByName("Derived"); ok && d.Type.Kind() == reflect.Interface && len(f.Impls[d.Type]) > 0 && depth < f.MaxDepth && !derived {
			f.inDerived = true
			f.fill(v.FieldByIndex(d.Index), depth+1, false)
			f.inDerived = false
			if !v.FieldByIndex(d.Index).IsNil() {
				return
			}
		}
		var plan map[string]fieldPlan
		if st := f.schemaType(t); st != nil {
			plan = map[string]fieldPlan{}
			f.planRules(st.Rules, 0, len(st.Rules), depth, need, true, plan)
		}
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			// XSUnknown holds content the schemas do not declare: a
			// strict server refuses it, so a valid value leaves it empty.
			if !sf.IsExported() || sf.Name == "XMLName" || sf.Name == "XSUnknown" || derived && sf.Name == "Derived" {
				continue
			}
			// A Derived value replaces the fields beside it: it is filled
			// alone, above, or not at all.
			if sf.Name == "Derived" && sf.Type.Kind() == reflect.Interface {
				continue
			}
			// Unknown content (DecodeLenient) is what a strict peer
			// refuses: the schema's contract leaves it empty.
			if sf.Name == "XSUnknown" {
				continue
			}
			// xsi:nil markers would make the encoder drop the content.
			if sf.Type.Kind() == reflect.Bool && (sf.Name == "XSINil" || strings.HasSuffix(sf.Name, "Nil")) {
				continue
			}
			fp, ruled := plan[sf.Name]
			if plan != nil && ruled {
				if !fp.fill {
					continue
				}
				f.fillRuled(v.Field(i), depth+1, fp)
				continue
			}
			if plan != nil && depth >= f.MaxDepth {
				continue // a field no rule names is optional
			}
			f.fill(v.Field(i), depth+1, false)
		}
	}
}

// fieldPlan says how a field named by the rules is filled.
type fieldPlan struct {
	fill     bool
	need     bool // required: filled past MaxDepth
	min, max int
	simple   string
	kind     string
}

func (f *Filler) schemaType(t reflect.Type) *Type {
	if f.Schema == nil || t.Name() == "" {
		return nil
	}
	st := f.Schema.Types[t.Name()]
	if st != nil && st.Of != "" {
		if o := f.Schema.Types[st.Of]; o != nil {
			return o
		}
	}
	return st
}

// next returns the index after the particle at i.
func nextRule(rules []Rule, i int) int {
	if k := rules[i].Kind; k == "seq" || k == "choice" {
		return i + rules[i].N + 1
	}
	return i + 1
}

// emptiable reports whether the particle at i may match nothing.
func emptiable(rules []Rule, i int) bool {
	r := rules[i]
	if r.Min == 0 {
		return true
	}
	switch r.Kind {
	case "seq":
		for j := i + 1; j <= i+r.N; j = nextRule(rules, j) {
			if !emptiable(rules, j) {
				return false
			}
		}
		return true
	case "choice":
		for j := i + 1; j <= i+r.N; j = nextRule(rules, j) {
			if emptiable(rules, j) {
				return true
			}
		}
		return false
	}
	return false
}

// planRules decides, for the particles from i to end, which fields are
// filled: every member of a sequence, one member of a choice. on is false
// inside a particle left out.
func (f *Filler) planRules(rules []Rule, i, end, depth int, need, on bool, plan map[string]fieldPlan) {
	for i < end {
		r := rules[i]
		next := nextRule(rules, i)
		req := need && r.Min > 0 || depth < f.MaxDepth && need
		switch r.Kind {
		case "seq":
			take := on && (r.Min > 0 || depth < f.MaxDepth)
			f.planRules(rules, i+1, next, depth, take && (r.Min > 0 || depth < f.MaxDepth), take, plan)
		case "choice":
			var members []int
			for j := i + 1; j < next; j = nextRule(rules, j) {
				members = append(members, j)
			}
			pick := -1
			if on && len(members) > 0 && (r.Min > 0 && !emptiable(rules, i) || depth < f.MaxDepth) {
				if depth >= f.MaxDepth {
					// the shallowest: a leaf member first
					for _, j := range members {
						if k := rules[j].Kind; k != "seq" && k != "choice" {
							pick = j
							break
						}
					}
				}
				if pick < 0 {
					pick = members[f.next()%len(members)]
				}
			}
			for _, j := range members {
				f.planRules(rules, j, nextRule(rules, j), depth, true, on && j == pick, plan)
			}
		default:
			if r.Field == "" {
				break
			}
			fp := fieldPlan{fill: on, need: on && (r.Min > 0 || req), min: r.Min, max: r.Max, simple: r.Simple, kind: r.Kind}
			if old, ok := plan[r.Field]; ok && old.fill {
				fp = old // a field two rules name: the first that fills it
			}
			plan[r.Field] = fp
		}
		i = next
	}
}

// fillRuled fills a field named by the rules with its occurrence bounds
// and simple type.
func (f *Filler) fillRuled(v reflect.Value, depth int, fp fieldPlan) {
	t := v.Type()
	if fp.kind == "any" || fp.kind == "derived" {
		f.fill(v, depth, fp.need)
		return
	}
	if t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 && fp.kind != "value" && fp.kind != "attr" && fp.kind != "text" {
		if f.deep(depth, fp.need) {
			return
		}
		n := 2
		if depth >= f.MaxDepth-2 {
			n = 1
		}
		if depth >= f.MaxDepth {
			n = fp.min
		}
		n = max(n, fp.min)
		if fp.max >= 0 {
			n = min(n, fp.max)
		}
		s := reflect.MakeSlice(t, 0, n)
		for i := 0; i < n; i++ {
			e := reflect.New(t.Elem()).Elem()
			f.fillValue(e, depth+1, fp)
			if k := e.Kind(); (k == reflect.Interface || k == reflect.Pointer) && e.IsNil() {
				continue
			}
			s = reflect.Append(s, e)
		}
		if s.Len() > 0 {
			v.Set(s)
		}
		return
	}
	f.fillValue(v, depth, fp)
}

// fillValue fills one occurrence.
func (f *Filler) fillValue(v reflect.Value, depth int, fp fieldPlan) {
	t := v.Type()
	if t.Kind() == reflect.Pointer && fp.simple != "" && f.lexKind(t.Elem()) {
		if f.deep(depth, fp.need) {
			return
		}
		p := reflect.New(t.Elem())
		f.fillValue(p.Elem(), depth+1, fp)
		v.Set(p)
		return
	}
	if fp.simple != "" && f.lexKind(t) {
		if f.fillSimple(v, fp.simple) {
			return
		}
	}
	f.fill(v, depth, fp.need)
}

// lexKind reports whether values of t are set from a lexical form here.
func (f *Filler) lexKind(t reflect.Type) bool {
	if _, ok := f.Enums[t]; ok {
		return false
	}
	name := t.Name()
	if b, ok := f.Bases[t]; ok {
		name = b
	}
	switch name {
	case "XSDateTime", "XSDate", "XSTime", "XSDuration", "XSQName":
		return false
	}
	switch t.Kind() {
	case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	case reflect.Slice:
		return t.Elem().Kind() == reflect.String
	}
	return false
}

// fillSimple sets v to a value of the simple type named simple; false when
// the type's facets are not known (the plain filler then runs).
func (f *Filler) fillSimple(v reflect.Value, simple string) bool {
	steps := f.steps(simple)
	if len(steps) == 0 {
		return false
	}
	t := v.Type()
	if t.Kind() == reflect.Slice {
		item := ""
		for _, s := range steps {
			if s.Item != "" {
				item = s.Item
				break
			}
		}
		n := 2
		for _, s := range steps {
			if s.Length >= 0 {
				n = s.Length
			}
			if s.MinLength >= 0 && n < s.MinLength {
				n = s.MinLength
			}
			if s.MaxLength >= 0 && n > s.MaxLength {
				n = s.MaxLength
			}
		}
		sl := reflect.MakeSlice(t, n, n)
		for i := 0; i < n; i++ {
			e := sl.Index(i)
			if item == "" || !f.fillSimple(e, item) {
				e.SetString(fmt.Sprintf("i%d", f.next()))
			}
		}
		v.Set(sl)
		return true
	}
	lex, ok := f.lexical(simple, steps, t.Kind())
	if !ok {
		return false
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(lex)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(lex, 10, t.Bits())
		if err != nil {
			return false
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(lex, 10, t.Bits())
		if err != nil {
			return false
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		x, err := strconv.ParseFloat(lex, t.Bits())
		if err != nil {
			return false
		}
		v.SetFloat(x)
	default:
		return false
	}
	return true
}

// steps returns the restriction steps of a simple type, most derived first.
func (f *Filler) steps(name string) []*Simple {
	var out []*Simple
	for i := 0; name != "" && i < 64; i++ {
		s := f.Schema.Simples[name]
		if s == nil {
			break
		}
		out = append(out, s)
		name = s.Base
	}
	return out
}

// lexical returns a lexical value meeting every step's facets.
func (f *Filler) lexical(name string, steps []*Simple, kind reflect.Kind) (string, bool) {
	check := func(lex string) bool { return facetsHold(lex, steps, kind) }
	for _, s := range steps {
		if len(s.Enums) > 0 {
			k := f.next()
			for i := range s.Enums {
				if e := s.Enums[(k+i)%len(s.Enums)]; check(e) {
					return e, true
				}
			}
			f.unsatisfied("%s: no enumeration value meets the other facets", name)
			return "", false
		}
	}
	var cands []string
	for _, s := range steps {
		for _, p := range s.Patterns {
			for k := 0; k < 4; k++ {
				if g, ok := genPattern(p, f.next()+k); ok {
					cands = append(cands, g)
				}
			}
		}
		if len(cands) > 0 {
			break
		}
	}
	numeric := kind != reflect.String
	cands = append(cands, f.plainLex(steps, numeric))
	for _, c := range cands {
		if check(c) {
			return c, true
		}
	}
	f.unsatisfied("%s: the filler has no value for its facets (pattern %v)", name, patternsOf(steps))
	return "", false
}

func patternsOf(steps []*Simple) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.Patterns...)
	}
	return out
}

// plainLex builds a value from length, range and digit facets.
func (f *Filler) plainLex(steps []*Simple, numeric bool) string {
	lo, hi := math.Inf(-1), math.Inf(1)
	total, frac := -1, -1
	length, minLen, maxLen := -1, -1, -1
	integer := numeric
	for _, s := range steps {
		if x, err := strconv.ParseFloat(s.MinInc, 64); err == nil {
			lo = math.Max(lo, x)
		}
		if x, err := strconv.ParseFloat(s.MinExc, 64); err == nil {
			lo = math.Max(lo, x+1)
		}
		if x, err := strconv.ParseFloat(s.MaxInc, 64); err == nil {
			hi = math.Min(hi, x)
		}
		if x, err := strconv.ParseFloat(s.MaxExc, 64); err == nil {
			hi = math.Min(hi, x-1)
		}
		if s.TotalDigits >= 0 && (total < 0 || s.TotalDigits < total) {
			total = s.TotalDigits
		}
		if s.FractionDigits >= 0 && (frac < 0 || s.FractionDigits < frac) {
			frac = s.FractionDigits
		}
		if s.Length >= 0 && length < 0 {
			length = s.Length
		}
		if s.MinLength > minLen {
			minLen = s.MinLength
		}
		if s.MaxLength >= 0 && (maxLen < 0 || s.MaxLength < maxLen) {
			maxLen = s.MaxLength
		}
	}
	hasRange := !math.IsInf(lo, -1) || !math.IsInf(hi, 1)
	if numeric || hasRange || total >= 0 || frac >= 0 {
		x := float64(f.next()%9 + 1)
		if x < lo {
			x = math.Ceil(lo)
		}
		if x > hi {
			x = math.Floor(hi)
		}
		if x < lo { // a range narrower than one: its lower end
			x = lo
		}
		_ = integer
		if x == math.Trunc(x) {
			return strconv.FormatFloat(x, 'f', 0, 64)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	s := fmt.Sprintf("s%d", f.next())
	want := -1
	switch {
	case length >= 0:
		want = length
	case minLen >= 0 && len(s) < minLen:
		want = minLen
	case maxLen >= 0 && len(s) > maxLen:
		want = maxLen
	}
	if want >= 0 {
		for len(s) < want {
			s += "x"
		}
		s = s[:want]
	}
	return s
}

// facetsHold checks the facets the filler can check: enumerations,
// patterns, lengths, ranges and digits of every step.
func facetsHold(lex string, steps []*Simple, kind reflect.Kind) bool {
	n := len([]rune(lex))
	for _, s := range steps {
		if len(s.Enums) > 0 {
			ok := false
			for _, e := range s.Enums {
				ok = ok || e == lex
			}
			if !ok {
				return false
			}
		}
		if len(s.Patterns) > 0 {
			ok := false
			for _, p := range s.Patterns {
				re, err := regexp.Compile(`^(?:` + p + `)$`)
				if err != nil {
					ok = true // the validator skips what Go cannot compile
					break
				}
				ok = ok || re.MatchString(lex)
			}
			if !ok {
				return false
			}
		}
		if s.Length >= 0 && n != s.Length || s.MinLength >= 0 && n < s.MinLength || s.MaxLength >= 0 && n > s.MaxLength {
			return false
		}
		x, err := strconv.ParseFloat(lex, 64)
		if s.MinInc != "" || s.MaxInc != "" || s.MinExc != "" || s.MaxExc != "" || s.TotalDigits >= 0 || s.FractionDigits >= 0 {
			if err != nil {
				return false
			}
			if b, e := strconv.ParseFloat(s.MinInc, 64); e == nil && x < b {
				return false
			}
			if b, e := strconv.ParseFloat(s.MaxInc, 64); e == nil && x > b {
				return false
			}
			if b, e := strconv.ParseFloat(s.MinExc, 64); e == nil && x <= b {
				return false
			}
			if b, e := strconv.ParseFloat(s.MaxExc, 64); e == nil && x >= b {
				return false
			}
			digits := strings.TrimLeft(strings.ReplaceAll(strings.TrimLeft(lex, "+-"), ".", ""), "0")
			if s.TotalDigits >= 0 && len(digits) > s.TotalDigits {
				return false
			}
			if i := strings.IndexByte(lex, '.'); i >= 0 && s.FractionDigits >= 0 && len(strings.TrimRight(lex[i+1:], "0")) > s.FractionDigits {
				return false
			}
		}
	}
	return true
}

// genPattern returns a string matching the Go regular expression p, made
// from its syntax tree (seed picks among alternatives and repeat counts);
// false for constructs it does not produce (anchors inside, back
// references are not Go syntax).
func genPattern(p string, seed int) (string, bool) {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	ok := gen(&b, re.Simplify(), &seed)
	return b.String(), ok
}

func gen(b *strings.Builder, re *syntax.Regexp, seed *int) bool {
	pick := func(n int) int {
		*seed = *seed*1103515245 + 12345
		x := *seed / 65536
		if x < 0 {
			x = -x
		}
		return x % n
	}
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
		return true
	case syntax.OpCharClass:
		if len(re.Rune) < 2 {
			return false
		}
		// prefer printable ASCII letters and digits of the class
		var good []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1] && r < 0x7f; r++ {
				if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
					good = append(good, r)
				}
				if len(good) > 64 {
					break
				}
			}
		}
		if len(good) > 0 {
			b.WriteRune(good[pick(len(good))])
		} else {
			r := re.Rune[0]
			if r < 0x20 {
				r = min(0x20, re.Rune[1])
			}
			b.WriteRune(r)
		}
		return true
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		b.WriteByte('x')
		return true
	case syntax.OpCapture:
		return gen(b, re.Sub[0], seed)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 1
		switch re.Op {
		case syntax.OpPlus:
			lo, hi = 1, 2
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 {
				hi = lo + 1
			}
		}
		n := lo
		if hi > lo {
			n = lo + pick(min(hi-lo, 2)+1)
		}
		for i := 0; i < n; i++ {
			if !gen(b, re.Sub[0], seed) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !gen(b, s, seed) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		return gen(b, re.Sub[pick(len(re.Sub))], seed)
	}
	return false
}

func set(v reflect.Value, kv ...any) {
	for i := 0; i+1 < len(kv); i += 2 {
		fv := v.FieldByName(kv[i].(string))
		if !fv.IsValid() || kv[i+1] == nil {
			continue
		}
		switch x := kv[i+1].(type) {
		case int:
			fv.SetInt(int64(x))
		case string:
			fv.SetString(x)
		}
	}
}

// Diff returns "" when a and b are deep-equal, ignoring the prefix and
// namespace-declaration hints of captured wildcard elements and attributes
// (XSAnyElement.Prefix and .NS, XSAnyAttr.Prefix), which re-encoding may
// change; otherwise the path of the first difference.
func Diff(a, b any) string {
	return diff(reflect.ValueOf(a), reflect.ValueOf(b), "")
}

func diff(a, b reflect.Value, path string) string {
	if a.IsValid() != b.IsValid() {
		return path + ": one side missing"
	}
	if !a.IsValid() {
		return ""
	}
	if a.Type() != b.Type() {
		return fmt.Sprintf("%s: type %v vs %v", path, a.Type(), b.Type())
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil %v vs %v", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		return diff(a.Elem(), b.Elem(), path)
	case reflect.Slice:
		if a.Type().Elem().Kind() == reflect.Uint8 {
			if string(a.Bytes()) != string(b.Bytes()) {
				return fmt.Sprintf("%s: %x vs %x", path, a.Bytes(), b.Bytes())
			}
			return ""
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: len %d vs %d", path, a.Len(), b.Len())
		}
		fallthrough
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if d := diff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Struct:
		hint := a.Type().Name() == "XSAnyElement" || a.Type().Name() == "XSAnyAttr"
		for i := 0; i < a.NumField(); i++ {
			sf := a.Type().Field(i)
			if hint && (sf.Name == "Prefix" || sf.Name == "NS") {
				continue
			}
			if !sf.IsExported() {
				continue
			}
			if d := diff(a.Field(i), b.Field(i), path+"."+sf.Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: map len %d vs %d", path, a.Len(), b.Len())
		}
		return ""
	case reflect.Func:
		return ""
	default:
		if a.Interface() != b.Interface() {
			return fmt.Sprintf("%s: %#v vs %#v", path, a.Interface(), b.Interface())
		}
		return ""
	}
}
