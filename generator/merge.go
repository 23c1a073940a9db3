package generator

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/ewsgen/ewsgen/xsd"
)

// Merging of anonymous types (naming rule 5, see names.go).
//
// An anonymous type (a complexType or an enumerated simpleType declared
// inside an element or attribute, or the content of an element declared
// without a type) is planned once per place that uses it: a local element
// of a base type is planned again in every type derived from it by
// extension, and schemas often repeat one anonymous shape in many places.
// mergeAnonymous keeps one declaration per shape:
//
//   - two anonymous types are the same shape when their schema
//     declarations are equal once positions and documentation are left
//     out (anonStructure: references to named types, global elements and
//     attributes by their qualified names, anonymous types inside them by
//     their own structure), or when both are the content of an element
//     declared without a type;
//   - the declaration kept is the one with the shortest Go name, the first
//     planned among those of that length; every reference to the others is
//     redirected to it, and the others, with the types only they reached
//     (their choice interfaces and alternatives, anonymous types inside
//     them), are not declared;
//   - the names of the types not declared are released, so that the rules
//     that run later (choice alternatives named after their element,
//     rule 6) can take them.
//
// It runs after every type is planned and before nillable, derived and
// enumeration-constant planning, so those see the merged types only.

// mergeAnonymous merges structurally identical anonymous types and returns
// the number of declarations it removed.
func (p *plan) mergeAnonymous() int {
	groups := map[string][]*goType{}
	var keys []string
	for _, t := range p.types {
		if !t.anon {
			continue
		}
		k := anonKey(t)
		if k == "" {
			continue
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], t)
	}
	to := map[*goType]*goType{}
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		keep := g[0]
		for _, t := range g[1:] {
			if len(t.name) < len(keep.name) {
				keep = t
			}
		}
		for _, t := range g {
			if t != keep {
				to[t] = keep
			}
		}
		keep.comment += fmt.Sprintf(", and of %d identical anonymous types elsewhere", len(g)-1)
	}
	if len(to) == 0 {
		return 0
	}
	before := p.reachable()
	for _, t := range p.types {
		eachRef(t, func(slot **goType) {
			if r := to[*slot]; r != nil {
				*slot = r
			}
		})
	}
	after := p.reachable()
	gone := map[*goType]bool{}
	for _, t := range p.types {
		if to[t] != nil || before[t] && !after[t] {
			gone[t] = true
		}
	}
	kept := p.types[:0:0]
	for _, t := range p.types {
		if gone[t] {
			delete(p.names, t.name)
			continue
		}
		// a type implements no interface that is gone, and each once
		if len(t.implements) > 0 {
			seen := map[*goType]bool{}
			out := t.implements[:0]
			for _, ig := range t.implements {
				if !gone[ig] && !seen[ig] {
					seen[ig] = true
					out = append(out, ig)
				}
			}
			t.implements = out
		}
		kept = append(kept, t)
	}
	p.types = kept
	return len(gone)
}

// anonKey is the merge key of an anonymous type: its kind and the
// structure of its schema declaration; "" when it is not merged.
func anonKey(t *goType) string {
	switch {
	case t.anyContent:
		return "any"
	case t.xsdType == nil:
		return ""
	}
	return fmt.Sprintf("%d:%s", t.kind, anonStructure(t.xsdType))
}

// anonStructure writes the structure of an anonymous schema type: every
// field of the declaration but positions and documentation, references to
// named declarations by their names.
func anonStructure(t *xsd.Type) string {
	var b strings.Builder
	writeStructure(&b, reflect.ValueOf(t), 0)
	return b.String()
}

var (
	elementPtr = reflect.TypeOf((*xsd.Element)(nil))
	typePtr    = reflect.TypeOf((*xsd.Type)(nil))
)

func writeStructure(b *strings.Builder, v reflect.Value, depth int) {
	if depth > 200 {
		b.WriteString("…") // deeper than any schema the loader accepts
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		switch v.Type() {
		case elementPtr:
			if e := v.Interface().(*xsd.Element); e.Global {
				fmt.Fprintf(b, "elem%s", qkey(e.Name))
				return
			}
		case typePtr:
			if t := v.Interface().(*xsd.Type); t.Name.Local != "" {
				fmt.Fprintf(b, "type%s", qkey(t.Name))
				return
			}
		}
		writeStructure(b, v.Elem(), depth+1)
	case reflect.Struct:
		b.WriteByte('{')
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Name == "Pos" || f.Name == "Doc" {
				continue
			}
			b.WriteString(f.Name)
			b.WriteByte(':')
			writeStructure(b, v.Field(i), depth+1)
			b.WriteByte(' ')
		}
		b.WriteByte('}')
	case reflect.Slice, reflect.Array:
		fmt.Fprintf(b, "[%d", v.Len())
		for i := 0; i < v.Len(); i++ {
			b.WriteByte(' ')
			writeStructure(b, v.Index(i), depth+1)
		}
		b.WriteByte(']')
	case reflect.Map:
		keys := v.MapKeys()
		ks := make([]string, len(keys))
		for i, k := range keys {
			ks[i] = fmt.Sprint(k.Interface())
		}
		sort.Strings(ks)
		fmt.Fprintf(b, "map%q", ks) // the schema model holds no maps inside types
	default:
		fmt.Fprintf(b, "%#v", v.Interface())
	}
}

// eachRef calls fn with every slot of t that refers to another planned
// type.
func eachRef(t *goType, fn func(**goType)) {
	val := func(v *valueRef) {
		if v != nil && v.named != nil {
			fn(&v.named)
		}
	}
	val(&t.base)
	val(t.text)
	if t.of != nil {
		fn(&t.of)
	}
	if t.derived != nil {
		fn(&t.derived)
	}
	for i := range t.alts {
		if t.alts[i].t != nil {
			fn(&t.alts[i].t)
		}
	}
	for i := range t.implements {
		fn(&t.implements[i])
	}
	for _, a := range t.attrs {
		val(&a.val)
	}
	for _, f := range t.fields {
		val(f.val)
		if f.ct != nil {
			fn(&f.ct)
		}
		if f.iface != nil {
			fn(&f.iface)
		}
	}
}

// reachable returns the planned types reached from the schema's named
// types and global elements. An interface reaches its alternatives; a type
// does not reach the interfaces it implements.
func (p *plan) reachable() map[*goType]bool {
	seen := map[*goType]bool{}
	var stack []*goType
	push := func(t *goType) {
		if t != nil && !seen[t] {
			seen[t] = true
			stack = append(stack, t)
		}
	}
	for _, t := range p.types {
		if t.xsdType != nil && t.xsdType.Name.Local != "" || t.elem != nil {
			push(t)
		}
	}
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		impl := map[**goType]bool{}
		for i := range t.implements {
			impl[&t.implements[i]] = true
		}
		eachRef(t, func(slot **goType) {
			if !impl[slot] {
				push(*slot)
			}
		})
	}
	return seen
}
