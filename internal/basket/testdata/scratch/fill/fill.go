// Package fill sets every field of a generated value it can reach to a
// deterministic non-zero value, and compares decoded values with the sent
// ones. It is copied into the basket's scratch module by internal/basket.
package fill

import (
	"fmt"
	"reflect"
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
	n        int
	// inDerived is set while the value of a Derived field is filled.
	inDerived bool
}

// Fill sets the value v points to.
func (f *Filler) Fill(v any) {
	if f.MaxDepth == 0 {
		f.MaxDepth = 7
	}
	f.fill(reflect.ValueOf(v).Elem(), 0)
}

func (f *Filler) next() int {
	f.n++
	return f.n
}

func (f *Filler) fill(v reflect.Value, depth int) {
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
		if depth >= f.MaxDepth {
			return
		}
		p := reflect.New(t.Elem())
		f.fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			v.SetBytes([]byte{0xb4, 0x5e, byte(f.next())})
			return
		}
		if depth >= f.MaxDepth {
			return
		}
		n := 2
		if depth >= f.MaxDepth-2 {
			n = 1
		}
		s := reflect.MakeSlice(t, 0, n)
		for i := 0; i < n; i++ {
			e := reflect.New(t.Elem()).Elem()
			f.fill(e, depth+1)
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
			f.fill(v.Index(i), depth+1)
		}
	case reflect.Interface:
		if depth >= f.MaxDepth {
			return
		}
		impls := f.Impls[t]
		if len(impls) == 0 {
			return
		}
		c := reflect.ValueOf(impls[f.next()%len(impls)]())
		if c.Kind() == reflect.Pointer {
			f.fill(c.Elem(), depth+1)
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
			f.fill(v.FieldByIndex(d.Index), depth+1)
			f.inDerived = false
			if !v.FieldByIndex(d.Index).IsNil() {
				return
			}
		}
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			// XSUnknown holds content the schemas do not declare: a
			// strict server refuses it, so a valid value leaves it empty.
			if !sf.IsExported() || sf.Name == "XMLName" || sf.Name == "XSUnknown" || derived && sf.Name == "Derived" {
				continue
			}
			// xsi:nil markers would make the encoder drop the content.
			if sf.Type.Kind() == reflect.Bool && (sf.Name == "XSINil" || strings.HasSuffix(sf.Name, "Nil")) {
				continue
			}
			f.fill(v.Field(i), depth+1)
		}
	}
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
