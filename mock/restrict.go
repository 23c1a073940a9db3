package mock

import (
	"reflect"
	"sort"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// propValues returns the values of the property a path names in an item
// or folder value, and the kind of value the property holds.
func propValues(v reflect.Value, p ews.Path) ([]scalar, byte, bool) {
	if e := extPath(p); e != nil {
		return extValues(v, e)
	}
	uri, index := pathURI(p)
	if uri == "" {
		return nil, 's', false
	}
	f := field(v, fieldName(uri))
	if !f.IsValid() {
		return nil, 's', false
	}
	kind := kindOfType(f.Type())
	if !isSet(f) {
		return nil, kind, false
	}
	vals := values(f)
	if index != "" {
		vals = indexedValues(f, index)
	}
	return vals, kind, len(vals) > 0
}

// indexedValues returns the entry of a dictionary property (email
// addresses, phone numbers...) whose Key is index.
func indexedValues(f reflect.Value, index string) []scalar {
	for f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return nil
		}
		f = f.Elem()
	}
	if f.Kind() != reflect.Struct {
		return nil
	}
	for i := 0; i < f.NumField(); i++ {
		sl := f.Field(i)
		if sl.Kind() != reflect.Slice || !f.Type().Field(i).IsExported() {
			continue
		}
		for j := 0; j < sl.Len(); j++ {
			e := sl.Index(j)
			for e.Kind() == reflect.Pointer || e.Kind() == reflect.Interface {
				e = e.Elem()
			}
			k := field(e, "Key")
			if k.IsValid() && strings.EqualFold(k.String(), index) {
				if val := field(e, "Value"); val.IsValid() {
					return values(val)
				}
				return values(e)
			}
		}
	}
	return nil
}

// kindOfType returns the scalar kind a Go field type compares as.
func kindOfType(t reflect.Type) byte {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == typeDateTime:
		return 't'
	case t.Kind() == reflect.Bool:
		return 'b'
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64:
		return 'n'
	}
	return 's'
}

// twoOperand evaluates IsEqualTo and its siblings.
func twoOperand(v reflect.Value, p ews.Path, c *ews.FieldURIOrConstantType, ok func(int) bool) bool {
	vals, kind, has := propValues(v, p)
	if !has || c == nil {
		return false
	}
	var other []scalar
	switch {
	case c.Constant != nil:
		k, good := parseConstant(c.Constant.Value, kind)
		if !good {
			return false
		}
		other = []scalar{k}
	case c.Path != nil:
		other, _, _ = propValues(v, c.Path)
	}
	for _, a := range vals {
		for _, b := range other {
			if ok(compare(a, b)) {
				return true
			}
		}
	}
	return false
}

// evaluate reports whether a value (item or folder) matches a restriction.
func evaluate(e ews.SearchExpression, v reflect.Value) bool {
	switch e := e.(type) {
	case *ews.And:
		for _, x := range e.SearchExpression {
			if !evaluate(x, v) {
				return false
			}
		}
		return true
	case *ews.Or:
		for _, x := range e.SearchExpression {
			if evaluate(x, v) {
				return true
			}
		}
		return false
	case *ews.Not:
		return e.SearchExpression != nil && !evaluate(e.SearchExpression, v)
	case *ews.Exists:
		_, _, has := propValues(v, e.Path)
		return has
	case *ews.IsEqualTo:
		return twoOperand(v, e.Path, e.FieldURIOrConstant, func(c int) bool { return c == 0 })
	case *ews.IsNotEqualTo:
		// A missing property is not equal to anything.
		if _, _, has := propValues(v, e.Path); !has {
			return true
		}
		return !twoOperand(v, e.Path, e.FieldURIOrConstant, func(c int) bool { return c == 0 })
	case *ews.IsGreaterThan:
		return twoOperand(v, e.Path, e.FieldURIOrConstant, func(c int) bool { return c > 0 })
	case *ews.IsGreaterThanOrEqualTo:
		return twoOperand(v, e.Path, e.FieldURIOrConstant, func(c int) bool { return c >= 0 })
	case *ews.IsLessThan:
		return twoOperand(v, e.Path, e.FieldURIOrConstant, func(c int) bool { return c < 0 })
	case *ews.IsLessThanOrEqualTo:
		return twoOperand(v, e.Path, e.FieldURIOrConstant, func(c int) bool { return c <= 0 })
	case *ews.Contains:
		return contains(v, (*ews.ContainsExpressionType)(e))
	case *ews.Excludes:
		vals, _, has := propValues(v, e.Path)
		if !has || e.Bitmask == nil {
			return false
		}
		mask, ok := parseConstant(string(e.Bitmask.Value), 'n')
		if !ok {
			return false
		}
		for _, x := range vals {
			if x.kind == 'n' && int64(x.n)&int64(mask.n) != 0 {
				return false
			}
		}
		return true
	}
	return false
}

func contains(v reflect.Value, e *ews.ContainsExpressionType) bool {
	vals, _, has := propValues(v, e.Path)
	if !has || e.Constant == nil {
		return false
	}
	want := e.Constant.Value
	mode := ews.ContainmentModeSubstring
	if e.ContainmentMode != nil {
		mode = *e.ContainmentMode
	}
	fold := e.ContainmentComparison == nil || *e.ContainmentComparison != ews.ContainmentComparisonExact
	if fold {
		want = strings.ToLower(want)
	}
	for _, x := range vals {
		s := x.s
		if x.kind == 'n' || x.kind == 't' {
			continue
		}
		if fold {
			s = strings.ToLower(s)
		}
		switch mode {
		case ews.ContainmentModeFullString:
			if s == want {
				return true
			}
		case ews.ContainmentModePrefixed:
			if strings.HasPrefix(s, want) {
				return true
			}
		case ews.ContainmentModePrefixOnWords:
			for _, w := range strings.Fields(s) {
				if strings.HasPrefix(w, want) {
					return true
				}
			}
		default: // Substring, ExactPhrase
			if strings.Contains(s, want) {
				return true
			}
		}
	}
	return false
}

// sortValues orders values (items as reflect values with their creation
// sequence) by the field orders of a request; without orders, newest first
// (Exchange's default view order).
func sortValues(vs []reflect.Value, seqs []int64, orders *ews.NonEmptyArrayOfFieldOrdersType) []int {
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ia, ib := idx[a], idx[b]
		if orders != nil {
			for _, o := range orders.FieldOrder {
				va, _, _ := propValues(vs[ia], o.Path)
				vb, _, _ := propValues(vs[ib], o.Path)
				c := 0
				switch {
				case len(va) == 0 && len(vb) == 0:
				case len(va) == 0:
					c = -1
				case len(vb) == 0:
					c = 1
				default:
					c = compare(va[0], vb[0])
				}
				if o.Order == ews.SortDirectionDescending {
					c = -c
				}
				if c != 0 {
					return c < 0
				}
			}
		}
		return seqs[ia] > seqs[ib]
	})
	return idx
}
