package ewsrt

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// Validation against the schema's contract.
//
// The generator writes two tables: one entry per Go struct type (its
// attributes, simple content and the content model of its elements as a
// flattened particle tree whose leaves name Go fields) and one per simple
// type with facets (enumerations, lengths, bounds, digits, patterns
// translated to Go's regexp syntax). The validator below interprets them,
// walking a value with reflect; it allocates only when it reports a
// problem.

// XSProblem is one violation of the schema found in a message.
type XSProblem struct {
	Path    string // element path, e.g. /FindItem/ItemShape, or /FindItem/@Traversal for an attribute
	Line    int    // 1-based line of the element in decoded input; 0 when unknown
	Column  int    // 1-based column of the element's start tag; 0 when unknown
	Message string // what the schema wants
}

// String formats the problem as "line N: PATH: message", or "PATH: message"
// when the line is unknown.
func (p XSProblem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", p.Line, p.Path, p.Message)
	}
	return p.Path + ": " + p.Message
}

// XSValidationError holds every problem of one message. Use errors.As to
// find it in an error a client call or a decoding returns.
type XSValidationError struct {
	Problems []XSProblem
}

// Error lists the problems, the first eight in full and a count of the rest.
func (e *XSValidationError) Error() string {
	var b strings.Builder
	b.WriteString("schema validation failed: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		if i == 8 {
			fmt.Fprintf(&b, "and %d more", len(e.Problems)-i)
			break
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Rule kinds.
const (
	xmlvElem    = iota // an element field (pointer, slice or value)
	xmlvSeq            // xs:sequence or xs:all: the next n rules are its subtree
	xmlvChoice         // a non-repeating xs:choice: the next n rules are its subtree
	xmlvAttr           // an attribute field
	xmlvText           // the simple content field of a struct
	xmlvItems          // an interface field or a slice of them (choice items, substitution group)
	xmlvAny            // an xs:any field: only its count is checked
	xmlvDerived        // the Derived field of a base type: validated instead when set
	xmlvValue          // an element field held as one slice value (xs:list, base64Binary, hexBinary)
)

// xmlvRule is one row of a struct type's table.
type xmlvRule struct {
	kind     uint8
	min, max int32  // occurrence bounds; max < 0: unbounded
	n        int16  // xmlvSeq, xmlvChoice: size of the subtree that follows
	bit      int8   // required field tracked in the struct's "missing" bits: bit+1; 0 none
	zero     bool   // required, and the zero value is not a value: zero means absent
	nillable bool   // the element may be xsi:nil
	field    string // Go field name
	name     string // XML local name (element or attribute)
	simple   string // name of the simple type entry checking the value; "" none
}

// xmlvType is the table of one Go struct, element or box type.
type xmlvType struct {
	name  string // Go type name
	elem  string // element name of an element, choice item or box type
	of    string // element types: the struct type whose rules apply
	rules []xmlvRule
}

// xmlvSimple holds the facets of one simple type restriction step.
type xmlvSimple struct {
	name                           string
	base                           string // the restricted simple type's entry, "" none
	item                           string // list types: the item type's entry
	enums                          []string
	length, minLength, maxLength   int32 // -1: none
	minInc, maxInc, minExc, maxExc string
	totalDigits, fractionDigits    int32 // -1: none
	patterns                       []string
	list                           bool
	noMissing                      bool
}

type xmlvCSimple struct {
	needsLex   bool // some facet of this step looks at the value
	s          *xmlvSimple
	base, item *xmlvCSimple
	enums      map[string]bool
	pats       []*regexp.Regexp
	bounds     [4]float64
	hasBound   [4]bool
}

// Field kinds the validator reads in place.
const (
	xmlvFOther = iota
	xmlvFPtr
	xmlvFIface
	xmlvFSlice
	xmlvFString
)

type xmlvCType struct {
	off     []uintptr // offset of each rule's field
	fk      []uint8   // xmlvF* kind of each rule's field
	t       *xmlvType
	rules   []xmlvRule
	fields  []int
	simple  []*xmlvCSimple
	nilIdx  int // index of the XSINil field, -1 none
	missIdx int
	attr    []string // "@" + name of each attribute rule, for its problems
	// sub caches, per rule, the table of the struct type its field holds
	// when that type is static (a struct, pointer or slice of them).
	sub []atomic.Pointer[xmlvCType]
	// skip holds, per rule, the field offset + 1 of an optional element
	// held by pointer or interface (absent when nil), 0 for other rules:
	// the sequence loop passes over absent ones without looking further.
	skip []uintptr
}

// XSValidator validates values against generated tables.
type XSValidator struct {
	types   []xmlvType
	simples []xmlvSimple

	once    sync.Once
	byName  map[string]*xmlvType
	sByName map[string]*xmlvSimple
	cache   sync.Map // reflect.Type -> *xmlvCType
	smu     sync.Mutex
	scache  map[string]*xmlvCSimple
}

func xmlNewValidator(types []xmlvType, simples []xmlvSimple) *XSValidator {
	return &XSValidator{types: types, simples: simples}
}

func (v *XSValidator) init() {
	v.once.Do(func() {
		v.byName = make(map[string]*xmlvType, len(v.types))
		for i := range v.types {
			v.byName[v.types[i].name] = &v.types[i]
		}
		v.sByName = make(map[string]*xmlvSimple, len(v.simples))
		for i := range v.simples {
			v.sByName[v.simples[i].name] = &v.simples[i]
		}
		v.scache = map[string]*xmlvCSimple{}
	})
}

func (v *XSValidator) simple(name string) *xmlvCSimple {
	if name == "" {
		return nil
	}
	v.smu.Lock()
	defer v.smu.Unlock()
	return v.simpleLocked(name, 0)
}

func (v *XSValidator) simpleLocked(name string, depth int) *xmlvCSimple {
	if name == "" || depth > 64 {
		return nil
	}
	if c, ok := v.scache[name]; ok {
		return c
	}
	s := v.sByName[name]
	if s == nil {
		v.scache[name] = nil
		return nil
	}
	c := &xmlvCSimple{s: s}
	v.scache[name] = c
	if len(s.enums) > 0 {
		c.enums = make(map[string]bool, len(s.enums))
		for _, e := range s.enums {
			c.enums[e] = true
		}
	}
	for _, p := range s.patterns {
		if re, err := regexp.Compile(`^(?:` + p + `)$`); err == nil {
			c.pats = append(c.pats, re)
		}
	}
	for i, b := range [4]string{s.minInc, s.maxInc, s.minExc, s.maxExc} {
		if b == "" {
			continue
		}
		if f, err := strconv.ParseFloat(b, 64); err == nil {
			c.bounds[i], c.hasBound[i] = f, true
		}
	}
	c.needsLex = c.enums != nil || len(c.pats) > 0 || c.hasBound != [4]bool{} || s.length >= 0 || s.minLength >= 0 || s.maxLength >= 0 || s.totalDigits >= 0 || s.fractionDigits >= 0
	c.base = v.simpleLocked(s.base, depth+1)
	c.item = v.simpleLocked(s.item, depth+1)
	return c
}

func (v *XSValidator) ctype(rt reflect.Type) *xmlvCType {
	if c, ok := v.cache.Load(rt); ok {
		return c.(*xmlvCType)
	}
	v.init()
	t := v.byName[rt.Name()]
	if t == nil || rt.Kind() != reflect.Struct {
		v.cache.Store(rt, (*xmlvCType)(nil))
		return nil
	}
	c := &xmlvCType{t: t, rules: t.rules, nilIdx: -1, missIdx: -1}
	if t.of != "" {
		if o := v.byName[t.of]; o != nil {
			c.rules = o.rules
		}
	}
	c.fields = make([]int, len(c.rules))
	c.sub = make([]atomic.Pointer[xmlvCType], len(c.rules))
	c.simple = make([]*xmlvCSimple, len(c.rules))
	c.off = make([]uintptr, len(c.rules))
	c.fk = make([]uint8, len(c.rules))
	for i, r := range c.rules {
		c.fields[i] = -1
		if r.field != "" {
			if f, ok := rt.FieldByName(r.field); ok && len(f.Index) == 1 {
				c.fields[i] = f.Index[0]
				c.off[i] = f.Offset
				switch f.Type.Kind() {
				case reflect.Pointer:
					c.fk[i] = xmlvFPtr
				case reflect.Interface:
					c.fk[i] = xmlvFIface
				case reflect.Slice:
					c.fk[i] = xmlvFSlice
				case reflect.String:
					c.fk[i] = xmlvFString
				}
			}
		}
		c.simple[i] = v.simple(r.simple)
		if r.min == 0 && (c.fk[i] == xmlvFPtr || c.fk[i] == xmlvFIface) && r.kind != xmlvSeq && r.kind != xmlvChoice {
			if c.skip == nil {
				c.skip = make([]uintptr, len(c.rules))
			}
			c.skip[i] = c.off[i] + 1
		}
		if r.kind == xmlvAttr {
			if c.attr == nil {
				c.attr = make([]string, len(c.rules))
			}
			c.attr[i] = "@" + r.name
		}
	}
	if f, ok := rt.FieldByName("XSINil"); ok && f.Type.Kind() == reflect.Bool && len(f.Index) == 1 {
		c.nilIdx = f.Index[0]
	}
	if f, ok := rt.FieldByName("missing"); ok && f.Type.Kind() == reflect.Uint64 && len(f.Index) == 1 {
		c.missIdx = f.Index[0]
	}
	v.cache.Store(rt, c)
	return c
}

// Validate checks v (a pointer to a generated struct, element or box
// value) against the schema; root names the element v is sent as (the
// first step of each problem's path; the type's element name when "").
// It returns nil or an *XSValidationError with every problem.
func (v *XSValidator) Validate(root string, x any) error {
	rv := reflect.ValueOf(x)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	w := xmlvWalk{v: v}
	c := v.ctype(rv.Type())
	if c == nil {
		return nil
	}
	if root == "" {
		root = c.t.elem
	}
	w.push(root, 0)
	w.structValue(rv, c)
	if len(w.probs) == 0 {
		return nil
	}
	return &XSValidationError{Problems: w.probs}
}

type xmlvWalk struct {
	v     *XSValidator
	seen  [8]xmlvSeen // the last types met, before the validator's cache
	nseen int
	base  unsafe.Pointer // address of the struct being checked, nil when not addressable
	path  []string
	idx   []int // 1-based index of each path step among its repetitions; 0: not repeated
	probs []XSProblem
	depth int
}

// xmlvSeen is one entry of a walk's small type cache.
type xmlvSeen struct {
	t reflect.Type
	c *xmlvCType
}

// ctype is the validator's ctype through a small cache: a message repeats
// a few types many times.
func (w *xmlvWalk) ctype(t reflect.Type) *xmlvCType {
	for i := range w.seen {
		if w.seen[i].t == t {
			return w.seen[i].c
		}
	}
	c := w.v.ctype(t)
	w.seen[w.nseen%len(w.seen)] = xmlvSeen{t, c}
	w.nseen++
	return c
}

func (w *xmlvWalk) push(name string, idx int) {
	w.path = append(w.path, name)
	w.idx = append(w.idx, idx)
}

func (w *xmlvWalk) pop() {
	w.path = w.path[:len(w.path)-1]
	w.idx = w.idx[:len(w.idx)-1]
}

func (w *xmlvWalk) problem(last, format string, args ...any) {
	var b strings.Builder
	for i, p := range w.path {
		b.WriteByte('/')
		b.WriteString(p)
		if w.idx[i] > 0 {
			b.WriteString("[" + strconv.Itoa(w.idx[i]) + "]")
		}
	}
	if last != "" {
		b.WriteByte('/')
		b.WriteString(last)
	}
	w.probs = append(w.probs, XSProblem{Path: b.String(), Message: fmt.Sprintf(format, args...)})
}

func (w *xmlvWalk) structValue(rv reflect.Value, c *xmlvCType) {
	if w.depth > 200 || len(w.probs) > 1000 {
		return
	}
	w.depth++
	saved := w.base
	w.base = nil
	if rv.CanAddr() {
		w.base = unsafe.Pointer(rv.UnsafeAddr())
	}
	defer func() { w.depth--; w.base = saved }()
	if c.nilIdx >= 0 && rv.Field(c.nilIdx).Bool() {
		return
	}
	var missing uint64
	if c.missIdx >= 0 {
		missing = rv.Field(c.missIdx).Uint()
	}
	for i := 0; i < len(c.rules); i++ {
		r := &c.rules[i]
		switch r.kind {
		case xmlvAttr, xmlvText:
			fi := c.fields[i]
			if fi < 0 {
				continue
			}
			f := rv.Field(fi)
			last := ""
			if r.kind == xmlvAttr {
				last = c.attr[i]
			}
			if w.absent(f, r, missing) {
				if r.min > 0 {
					if r.kind == xmlvAttr {
						w.problem(last, "required attribute %s is missing", r.name)
					} else {
						w.problem("", "required text content is missing")
					}
				}
				continue
			}
			if f.Kind() == reflect.Pointer {
				f = f.Elem()
			}
			w.simpleValue(last, f, c.simple[i])
		case xmlvDerived:
			fi := c.fields[i]
			if fi >= 0 {
				if f := rv.Field(fi); !f.IsNil() {
					w.dynamic(f, "", 0)
					return
				}
			}
		default:
			i = w.particle(rv, c, i, 1, 1, missing) - 1
		}
	}
}

// absent reports whether the field of rule r holds no value.
func (w *xmlvWalk) absent(f reflect.Value, r *xmlvRule, missing uint64) bool {
	switch f.Kind() {
	case reflect.Pointer, reflect.Interface:
		return f.IsNil()
	case reflect.Slice:
		if r.kind == xmlvValue || r.kind == xmlvAttr || r.kind == xmlvText {
			return f.IsNil()
		}
		return f.Len() == 0
	}
	if r.bit > 0 && missing&(1<<uint(r.bit-1)) != 0 {
		return true
	}
	return r.zero && f.IsZero()
}

func (w *xmlvWalk) occ(rv reflect.Value, c *xmlvCType, i int, missing uint64) int {
	fi := c.fields[i]
	if fi < 0 {
		return 0
	}
	r := &c.rules[i]
	if w.base != nil {
		// fast path: read the field in place (rv is addressable; the
		// offsets and kinds come from its reflect.Type)
		p := unsafe.Add(w.base, c.off[i])
		switch c.fk[i] {
		case xmlvFPtr, xmlvFIface:
			if *(*unsafe.Pointer)(p) == nil {
				return 0
			}
			return 1
		case xmlvFSlice:
			if r.kind == xmlvValue || r.kind == xmlvAttr || r.kind == xmlvText {
				if *(*unsafe.Pointer)(p) == nil {
					return 0
				}
				return 1
			}
			return len(*(*[]byte)(p))
		case xmlvFString:
			if r.bit > 0 && missing&(1<<uint(r.bit-1)) != 0 || r.zero && len(*(*string)(p)) == 0 {
				return 0
			}
			return 1
		}
	}
	f := rv.Field(fi)
	if f.Kind() == reflect.Slice && r.kind != xmlvValue {
		return f.Len()
	}
	if w.absent(f, r, missing) {
		return 0
	}
	return 1
}

// present reports whether any element of the particle at i is present.
func (w *xmlvWalk) present(rv reflect.Value, c *xmlvCType, i int, missing uint64) bool {
	r := &c.rules[i]
	switch r.kind {
	case xmlvSeq, xmlvChoice:
		for j := i + 1; j <= i+int(r.n); j++ {
			if k := c.rules[j].kind; k != xmlvSeq && k != xmlvChoice && w.occ(rv, c, j, missing) > 0 {
				return true
			}
		}
		return false
	}
	return w.occ(rv, c, i, missing) > 0
}

// coveringMember returns the member of the choice at i whose elements
// include every field of the choice that is set, the one with the fewest
// elements when several do, or 0 when none does.
func (w *xmlvWalk) coveringMember(rv reflect.Value, c *xmlvCType, i int, missing uint64) int {
	end := i + int(c.rules[i].n) + 1
	var set []int // fields of the choice that are set
	for j := i + 1; j < end; j++ {
		if k := c.rules[j].kind; k != xmlvSeq && k != xmlvChoice && c.fields[j] >= 0 && w.occ(rv, c, j, missing) > 0 {
			set = append(set, c.fields[j])
		}
	}
	best, bestN := 0, 0
	for m := i + 1; m < end; m = c.next(m) {
		mend := c.next(m)
		n := 0
		for j := m; j < mend; j++ {
			if k := c.rules[j].kind; k != xmlvSeq && k != xmlvChoice {
				n++
			}
		}
		all := true
		for _, f := range set {
			in := false
			for j := m; j < mend && !in; j++ {
				in = c.rules[j].kind != xmlvSeq && c.rules[j].kind != xmlvChoice && c.fields[j] == f
			}
			if !in {
				all = false
				break
			}
		}
		if all && (best == 0 || n < bestN) {
			best, bestN = m, n
		}
	}
	return best
}

// emptiable reports whether the particle at i may match nothing.
func (c *xmlvCType) emptiable(i int) bool {
	r := &c.rules[i]
	if r.min == 0 {
		return true
	}
	switch r.kind {
	case xmlvSeq:
		for j := i + 1; j <= i+int(r.n); j = c.next(j) {
			if !c.emptiable(j) {
				return false
			}
		}
		return true
	case xmlvChoice:
		for j := i + 1; j <= i+int(r.n); j = c.next(j) {
			if c.emptiable(j) {
				return true
			}
		}
		return false
	}
	return false
}

func (c *xmlvCType) next(j int) int {
	if k := c.rules[j].kind; k == xmlvSeq || k == xmlvChoice {
		return j + int(c.rules[j].n) + 1
	}
	return j + 1
}

func (c *xmlvCType) names(i int) string {
	var out []string
	for j := i + 1; j <= i+int(c.rules[i].n); j = c.next(j) {
		r := &c.rules[j]
		switch r.kind {
		case xmlvSeq, xmlvChoice:
			out = append(out, "("+c.names(j)+")")
		default:
			out = append(out, r.name)
		}
	}
	return strings.Join(out, ", ")
}

func xmlvMulOcc(a, b int32) int32 {
	if a < 0 || b < 0 {
		return -1
	}
	if p := int64(a) * int64(b); p < math.MaxInt32 {
		return int32(p)
	}
	return -1
}

// particle checks the particle at i, occurring between lo and hi times
// (hi < 0: unbounded), and returns the index after its subtree.
func (w *xmlvWalk) particle(rv reflect.Value, c *xmlvCType, i int, lo, hi int32, missing uint64) int {
	r := &c.rules[i]
	switch r.kind {
	case xmlvSeq:
		end := i + int(r.n) + 1
		if lo*r.min == 0 && !w.present(rv, c, i, missing) {
			return end
		}
		clo := max(lo*r.min, 1)
		chi := xmlvMulOcc(hi, r.max)
		for j := i + 1; j < end; {
			// fast path: an absent optional element held by pointer
			if c.skip != nil && w.base != nil {
				if o := c.skip[j]; o != 0 && *(*unsafe.Pointer)(unsafe.Add(w.base, o-1)) == nil {
					j++
					continue
				}
			}
			j = w.particle(rv, c, j, clo, chi, missing)
		}
		return end
	case xmlvChoice:
		end := i + int(r.n) + 1
		k := 0
		for j := i + 1; j < end; j = c.next(j) {
			if w.present(rv, c, j, missing) {
				k++
			}
		}
		if k == 0 {
			if lo*r.min > 0 && !c.emptiable(i) {
				w.problem("", "one of %s is required", c.names(i))
			}
			return end
		}
		chi := xmlvMulOcc(hi, r.max)
		if k > 1 {
			// Members may share a field (an element name that appears in
			// several of them, as in HL7's IVL_TS: (low, (width | high)),
			// high, (width, high), (center, width)): the fields set are
			// one member's when some member holds them all.
			if m := w.coveringMember(rv, c, i, missing); m > 0 {
				w.particle(rv, c, m, 1, chi, missing)
				return end
			}
		}
		if chi >= 0 && int32(k) > chi {
			w.problem("", "only one of %s may appear", c.names(i))
		}
		for j := i + 1; j < end; j = c.next(j) {
			if w.present(rv, c, j, missing) {
				w.particle(rv, c, j, 1, chi, missing)
			}
		}
		return end
	}
	n := int32(w.occ(rv, c, i, missing))
	min, max := lo*r.min, xmlvMulOcc(hi, r.max)
	if r.name == "" && (n < min || max >= 0 && n > max) {
		// a repeating choice: its items name themselves
		if n < min {
			w.problem("", "%d items of the choice %s, at least %d required", n, r.field, min)
		} else {
			w.problem("", "%d items of the choice %s, at most %d allowed", n, r.field, max)
		}
	} else if n < min {
		if n == 0 {
			w.problem(r.name, "required element %s is missing", r.name)
		} else {
			w.problem(r.name, "%d elements %s, at least %d required", n, r.name, min)
		}
	}
	if max >= 0 && n > max && r.name != "" {
		w.problem(r.name, "%d elements %s, at most %d allowed", n, r.name, max)
	}
	if n == 0 || r.kind == xmlvAny {
		return i + 1
	}
	f := rv.Field(c.fields[i])
	if f.Kind() == reflect.Slice && r.kind != xmlvValue {
		for k := 0; k < f.Len(); k++ {
			idx := 0
			if f.Len() > 1 {
				idx = k + 1
			}
			w.elemValue(r.name, idx, f.Index(k), c.simple[i], &c.sub[i])
		}
	} else {
		w.elemValue(r.name, 0, f, c.simple[i], &c.sub[i])
	}
	return i + 1
}

// elemValue validates the content of one element.
func (w *xmlvWalk) elemValue(name string, idx int, f reflect.Value, s *xmlvCSimple, sub *atomic.Pointer[xmlvCType]) {
	switch f.Kind() {
	case reflect.Interface:
		w.dynamic(f, name, idx)
		return
	case reflect.Pointer:
		if f.IsNil() {
			return
		}
		f = f.Elem()
	}
	if f.Kind() == reflect.Struct {
		c := sub.Load()
		if c == nil {
			if c = w.ctype(f.Type()); c != nil {
				sub.Store(c)
			}
		}
		if c != nil {
			if name == "" {
				name = c.t.elem
			}
			w.push(name, idx)
			w.structValue(f, c)
			w.pop()
			return
		}
	}
	if s != nil {
		w.push(name, idx)
		w.simpleValue("", f, s)
		w.pop()
	}
}

// dynamic validates the value an interface holds; name is the element's
// name when the field gives it ("" for choice items, which name
// themselves).
func (w *xmlvWalk) dynamic(f reflect.Value, name string, idx int) {
	for f.Kind() == reflect.Interface || f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return
		}
		f = f.Elem()
	}
	if f.Kind() != reflect.Struct {
		return
	}
	c := w.ctype(f.Type())
	if c == nil {
		return
	}
	if c.t.elem != "" {
		name = c.t.elem
	}
	w.push(name, idx)
	w.structValue(f, c)
	w.pop()
}

// lexical returns the lexical form of a simple value, and its length in
// the facets' sense (characters, octets or list items).
func xmlvLexical(f reflect.Value) (string, int, bool) {
	switch f.Kind() {
	case reflect.String:
		s := f.String()
		return s, utf8.RuneCountInString(s), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s := strconv.FormatInt(f.Int(), 10)
		return s, len(s), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		s := strconv.FormatUint(f.Uint(), 10)
		return s, len(s), true
	case reflect.Float32, reflect.Float64:
		s := strconv.FormatFloat(f.Float(), 'g', -1, f.Type().Bits())
		return s, len(s), true
	case reflect.Bool:
		if f.Bool() {
			return "true", 4, true
		}
		return "false", 5, true
	case reflect.Slice:
		if f.Type().Elem().Kind() == reflect.Uint8 {
			return "", f.Len(), true
		}
	}
	return "", 0, false
}

func (w *xmlvWalk) simpleValue(last string, f reflect.Value, s *xmlvCSimple) {
	for depth := 0; s != nil && depth < 64; depth++ {
		if s.s.list && f.Kind() == reflect.Slice && f.Type().Elem().Kind() != reflect.Uint8 {
			w.lengths(last, f.Len(), s, "items")
			if s.item != nil {
				for k := 0; k < f.Len(); k++ {
					w.simpleValue(last, f.Index(k), s.item)
				}
			}
			s = s.base
			continue
		}
		if !s.needsLex {
			s = s.base
			continue
		}
		lex, n, ok := xmlvLexical(f)
		if !ok {
			return
		}
		isBytes := f.Kind() == reflect.Slice
		if s.enums != nil && !isBytes && !s.enums[lex] {
			w.problem(last, "value %q is not one of the values of %s%s", lex, s.s.name, xmlvEnumHint(s.s.enums))
		}
		w.lengths(last, n, s, "characters")
		if !isBytes {
			if len(s.pats) > 0 {
				ok := false
				for _, re := range s.pats {
					if re.MatchString(lex) {
						ok = true
						break
					}
				}
				if !ok {
					w.problem(last, "value %q does not match the pattern of %s", lex, s.s.name)
				}
			}
			w.bounds(last, lex, s)
		}
		s = s.base
	}
}

func xmlvEnumHint(enums []string) string {
	if len(enums) > 8 {
		return fmt.Sprintf(" (%q, %q, ... %d values)", enums[0], enums[1], len(enums))
	}
	return fmt.Sprintf(" (%s)", strings.Join(xmlvQuoteAll(enums), ", "))
}

func xmlvQuoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = strconv.Quote(x)
	}
	return out
}

func (w *xmlvWalk) lengths(last string, n int, s *xmlvCSimple, unit string) {
	if l := s.s.length; l >= 0 && int32(n) != l {
		w.problem(last, "length %d %s, %s requires %d", n, unit, s.s.name, l)
	}
	if l := s.s.minLength; l >= 0 && int32(n) < l {
		w.problem(last, "length %d %s, %s requires at least %d", n, unit, s.s.name, l)
	}
	if l := s.s.maxLength; l >= 0 && int32(n) > l {
		w.problem(last, "length %d %s, %s allows at most %d", n, unit, s.s.name, l)
	}
}

func (w *xmlvWalk) bounds(last, lex string, s *xmlvCSimple) {
	if s.hasBound != [4]bool{} {
		if x, err := strconv.ParseFloat(strings.TrimSpace(lex), 64); err == nil {
			names := [4]string{"minInclusive", "maxInclusive", "minExclusive", "maxExclusive"}
			bad := [4]bool{x < s.bounds[0], x > s.bounds[1], x <= s.bounds[2], x >= s.bounds[3]}
			for k := range bad {
				if s.hasBound[k] && bad[k] {
					w.problem(last, "value %s is outside %s %s of %s", lex, names[k], [4]string{s.s.minInc, s.s.maxInc, s.s.minExc, s.s.maxExc}[k], s.s.name)
				}
			}
		}
	}
	if s.s.totalDigits >= 0 || s.s.fractionDigits >= 0 {
		t := strings.TrimLeft(strings.TrimSpace(lex), "+-")
		intPart, frac, _ := strings.Cut(t, ".")
		intPart = strings.TrimLeft(intPart, "0")
		frac = strings.TrimRight(frac, "0")
		if d := s.s.totalDigits; d >= 0 && int32(len(intPart)+len(frac)) > d {
			w.problem(last, "value %s has more than %d digits (%s)", lex, d, s.s.name)
		}
		if d := s.s.fractionDigits; d >= 0 && int32(len(frac)) > d {
			w.problem(last, "value %s has more than %d fraction digits (%s)", lex, d, s.s.name)
		}
	}
}

// xmlvLocate fills in the line and column of each problem from the
// document the value was decoded from: those of the start tag of the
// element its path names or, for a missing element or an attribute, of the
// deepest ancestor found. Paths are matched from the first element named
// like their first step. It reads data again, so it is only called when
// there are problems.
func xmlvLocate(data []byte, probs []XSProblem) {
	if len(probs) == 0 || len(data) == 0 {
		return
	}
	type want struct {
		names []string
		idx   []int
		depth int // steps matched so far
	}
	n := min(len(probs), 100)
	ws := make([]want, n)
	for i := range ws {
		for _, st := range strings.Split(strings.TrimPrefix(probs[i].Path, "/"), "/") {
			if st == "" || st[0] == '@' {
				break
			}
			name, k := xmlvStep(st)
			ws[i].names = append(ws[i].names, name)
			ws[i].idx = append(ws[i].idx, k)
		}
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	type frame struct {
		name   string
		idx    int
		counts map[string]int
	}
	stack := []frame{{counts: map[string]int{}}}
	anchor := -1 // stack depth of the root element
	for tokens := 0; tokens < 1<<22; tokens++ {
		line, col := d.InputPos()
		tok, err := d.RawToken()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			top := &stack[len(stack)-1]
			top.counts[t.Name.Local]++
			stack = append(stack, frame{name: t.Name.Local, idx: top.counts[t.Name.Local], counts: map[string]int{}})
			if anchor < 0 && n > 0 && len(ws[0].names) > 0 && t.Name.Local == ws[0].names[0] {
				anchor = len(stack) - 1
			}
			if anchor < 0 {
				continue
			}
			rel := stack[anchor:]
			for k := range ws {
				w := &ws[k]
				if len(rel) != w.depth+1 || w.depth >= len(w.names) {
					continue
				}
				ok := true
				for j, f := range rel {
					if f.name != w.names[j] || (j > 0 && f.idx != w.idx[j]) {
						ok = false
						break
					}
				}
				if ok {
					w.depth++
					probs[k].Line, probs[k].Column = line, col
				}
			}
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			if len(stack) <= anchor {
				return
			}
		}
	}
}

func xmlvStep(s string) (string, int) {
	if i := strings.IndexByte(s, '['); i > 0 && strings.HasSuffix(s, "]") {
		if n, err := strconv.Atoi(s[i+1 : len(s)-1]); err == nil {
			return s[:i], n
		}
	}
	return s, 1
}
