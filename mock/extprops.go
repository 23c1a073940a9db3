package mock

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Extended (MAPI) properties are kept in the ExtendedProperty list of the
// item value. A property is named by its ExtendedFieldURI: a property tag,
// or a property set (distinguished or GUID) with a name or an id. The
// PropertyType says how its value compares in restrictions. Exchange
// returns an extended property only when AdditionalProperties asks for it
// by its ExtendedFieldURI.

// extKey is the identity of an extended property, independent of how the
// request spelled it (tag in hex or decimal, GUID case).
func extKey(p *ews.PathToExtendedFieldType) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	if p.PropertyTag != nil {
		n, err := strconv.ParseInt(strings.TrimSpace(string(*p.PropertyTag)), 0, 64)
		if err != nil {
			return "tag:" + strings.ToLower(string(*p.PropertyTag))
		}
		return "tag:" + strconv.FormatInt(n, 16)
	}
	if p.DistinguishedPropertySetId != nil {
		b.WriteString("set:" + strings.ToLower(string(*p.DistinguishedPropertySetId)))
	}
	if p.PropertySetId != nil {
		b.WriteString("guid:" + strings.ToLower(strings.Trim(string(*p.PropertySetId), "{}")))
	}
	if p.PropertyName != nil {
		b.WriteString("/name:" + *p.PropertyName)
	}
	if p.PropertyId != nil {
		b.WriteString("/id:" + strconv.FormatInt(int64(*p.PropertyId), 10))
	}
	return b.String()
}

// extPath returns the extended property a path names, nil for other
// paths.
func extPath(p any) *ews.PathToExtendedFieldType {
	if e, ok := p.(*ews.ExtendedFieldURI); ok && e != nil {
		return (*ews.PathToExtendedFieldType)(e)
	}
	return nil
}

// extList returns the ExtendedProperty field of an item or folder value.
func extList(v reflect.Value) (reflect.Value, bool) {
	f := field(v, "ExtendedProperty")
	return f, f.IsValid() && f.Type() == reflect.TypeOf([]ews.ExtendedPropertyType(nil))
}

// setExtended replaces or adds the extended properties of props in v.
func setExtended(v reflect.Value, props []ews.ExtendedPropertyType) {
	f, ok := extList(v)
	if !ok {
		return
	}
	list := append([]ews.ExtendedPropertyType(nil), f.Interface().([]ews.ExtendedPropertyType)...)
	for _, p := range props {
		k := extKey(p.ExtendedFieldURI)
		replaced := false
		for i := range list {
			if extKey(list[i].ExtendedFieldURI) == k {
				list[i] = copyAny(p)
				replaced = true
			}
		}
		if !replaced {
			list = append(list, copyAny(p))
		}
	}
	f.Set(reflect.ValueOf(list))
}

// deleteExtended removes the extended property p names from v.
func deleteExtended(v reflect.Value, p *ews.PathToExtendedFieldType) {
	f, ok := extList(v)
	if !ok {
		return
	}
	k := extKey(p)
	var list []ews.ExtendedPropertyType
	for _, e := range f.Interface().([]ews.ExtendedPropertyType) {
		if extKey(e.ExtendedFieldURI) != k {
			list = append(list, e)
		}
	}
	f.Set(reflect.ValueOf(list))
}

// selectExtended keeps in out only the extended properties that add asks
// for (none when add asks for none).
func selectExtended(full, out reflect.Value, add *ews.NonEmptyArrayOfPathsToElementType) {
	f, ok := extList(out)
	if !ok {
		return
	}
	want := map[string]bool{}
	if add != nil {
		for _, p := range add.Items {
			if e := extPath(p); e != nil {
				want[extKey(e)] = true
			}
		}
	}
	var list []ews.ExtendedPropertyType
	if src, ok := extList(full); ok {
		for _, e := range src.Interface().([]ews.ExtendedPropertyType) {
			if want[extKey(e.ExtendedFieldURI)] {
				list = append(list, copyAny(e))
			}
		}
	}
	f.Set(reflect.ValueOf(list))
}

// extValues returns the values of the extended property p names in v,
// typed by its PropertyType, for restrictions.
func extValues(v reflect.Value, p *ews.PathToExtendedFieldType) ([]scalar, byte, bool) {
	kind := extKind(p.PropertyType)
	f, ok := extList(v)
	if !ok {
		return nil, kind, false
	}
	k := extKey(p)
	for _, e := range f.Interface().([]ews.ExtendedPropertyType) {
		if extKey(e.ExtendedFieldURI) != k {
			continue
		}
		var raw []string
		if e.Value != nil {
			raw = append(raw, *e.Value)
		}
		if e.Values != nil {
			raw = append(raw, e.Values.Value...)
		}
		var out []scalar
		for _, r := range raw {
			if sc, ok := parseConstant(r, kind); ok {
				out = append(out, sc)
			}
		}
		return out, kind, len(out) > 0
	}
	return nil, kind, false
}

// extKind is the scalar kind of a MAPI property type.
func extKind(t ews.MapiPropertyTypeType) byte {
	switch strings.TrimSuffix(string(t), "Array") {
	case "Integer", "Long", "Short", "Double", "Float", "Currency", "ApplicationTime":
		return 'n'
	case "Boolean":
		return 'b'
	case "SystemTime":
		return 't'
	}
	return 's'
}
