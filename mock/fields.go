package mock

import (
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Items are kept as the generated Go values; properties are reached by the
// Go field named like the element of the property (FieldURI "item:Subject"
// is field Subject), so every item type is handled alike.

// fieldAliases maps FieldURIs whose element name differs from the part
// after the colon.
var fieldAliases = map[string]string{
	"item:TextBody":                  "TextBody",
	"message:Sender":                 "Sender",
	"calendar:UID":                   "UID",
	"contacts:EmailAddresses":        "EmailAddresses",
	"postitem:PostedTime":            "PostedTime",
	"folder:FolderId":                "FolderId",
	"item:ItemId":                    "ItemId",
	"message:InternetMessageId":      "InternetMessageId",
	"meeting:IsOutOfDate":            "IsOutOfDate",
	"conversation:ConversationId":    "ConversationId",
	"contacts:PhysicalAddresses":     "PhysicalAddresses",
	"contacts:PhoneNumbers":          "PhoneNumbers",
	"contacts:ImAddresses":           "ImAddresses",
	"distributionlist:Members":       "Members",
	"task:Recurrence":                "Recurrence",
	"calendar:Recurrence":            "Recurrence",
	"item:EffectiveRights":           "EffectiveRights",
	"folder:EffectiveRights":         "EffectiveRights",
	"item:InternetMessageHeaders":    "InternetMessageHeaders",
	"message:ReplyTo":                "ReplyTo",
	"calendar:RequiredAttendees":     "RequiredAttendees",
	"calendar:OptionalAttendees":     "OptionalAttendees",
	"calendar:Resources":             "Resources",
	"item:Preview":                   "Preview",
	"item:ConversationId":            "ConversationId",
	"item:ParentFolderId":            "ParentFolderId",
	"folder:ParentFolderId":          "ParentFolderId",
	"folder:DistinguishedFolderId":   "DistinguishedFolderId",
	"message:IsReadReceiptRequested": "IsReadReceiptRequested",
}

// fieldName returns the Go field name a FieldURI names.
func fieldName(uri string) string {
	if n, ok := fieldAliases[uri]; ok {
		return n
	}
	if i := strings.IndexByte(uri, ':'); i >= 0 {
		return uri[i+1:]
	}
	return uri
}

// pathURI returns the FieldURI of a path and whether it is an unindexed
// field ("" for extended properties and indexed fields).
func pathURI(p ews.Path) (uri string, index string) {
	switch p := p.(type) {
	case *ews.FieldURI:
		return string(p.FieldURI), ""
	case *ews.IndexedFieldURI:
		return string(p.FieldURI), p.FieldIndex
	}
	return "", ""
}

// field returns the field of struct pointer v named name, or an invalid
// value when the type has no such field.
func field(v reflect.Value, name string) reflect.Value {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	f := v.FieldByName(name)
	if !f.IsValid() || !f.CanSet() {
		return reflect.Value{}
	}
	return f
}

// setField sets field name of struct pointer v to x (a value of the
// field's type or its element type); it does nothing when there is no
// such field.
func setField(v reflect.Value, name string, x any) {
	f := field(v, name)
	if !f.IsValid() {
		return
	}
	xv := reflect.ValueOf(x)
	switch {
	case xv.Type().AssignableTo(f.Type()):
		f.Set(xv)
	case f.Kind() == reflect.Pointer && xv.Type().ConvertibleTo(f.Type().Elem()):
		p := reflect.New(f.Type().Elem())
		p.Elem().Set(xv.Convert(f.Type().Elem()))
		f.Set(p)
	case xv.Type().ConvertibleTo(f.Type()):
		f.Set(xv.Convert(f.Type()))
	}
}

// isSet reports whether a field holds a value.
func isSet(f reflect.Value) bool {
	if !f.IsValid() {
		return false
	}
	switch f.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return !f.IsNil()
	}
	return !f.IsZero()
}

// deepCopy returns a copy of v that shares no pointers with it.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type().Elem())
		n.Elem().Set(deepCopy(v.Elem()))
		return n
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type()).Elem()
		n.Set(deepCopy(v.Elem()))
		return n
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			n.Index(i).Set(deepCopy(v.Index(i)))
		}
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
		n.Set(v) // copies unexported fields too
		for i := 0; i < v.NumField(); i++ {
			if n.Field(i).CanSet() {
				n.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return n
	}
	return v
}

// copyAny deep-copies a value of any type.
func copyAny[T any](x T) T {
	return deepCopy(reflect.ValueOf(&x)).Elem().Interface().(T)
}

var (
	typeDateTime = reflect.TypeOf(ews.XSDateTime{})
	typeEmail    = reflect.TypeOf(ews.EmailAddressType{})
	typeBody     = reflect.TypeOf(ews.BodyType{})
	typeStrings  = reflect.TypeOf(ews.ArrayOfStringsType{})
	typeItemID   = reflect.TypeOf(ews.ItemIdType{})
	typeFolderID = reflect.TypeOf(ews.FolderIdType{})
)

// scalar is one comparable value of a property.
type scalar struct {
	kind byte // 's' string, 'n' number, 'b' bool, 't' time
	s    string
	n    float64
	t    time.Time
}

// values returns the comparable values a property holds: one for scalar
// properties, the addresses (and names) of recipients, the strings of a
// string list, the text of a body.
func values(v reflect.Value) []scalar {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		return []scalar{{kind: 's', s: v.String()}}
	case reflect.Bool:
		return []scalar{{kind: 'b', s: strconv.FormatBool(v.Bool())}}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return []scalar{{kind: 'n', n: float64(v.Int())}}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return []scalar{{kind: 'n', n: float64(v.Uint())}}
	case reflect.Float32, reflect.Float64:
		return []scalar{{kind: 'n', n: v.Float()}}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return []scalar{{kind: 's', s: string(v.Bytes())}}
		}
		var out []scalar
		for i := 0; i < v.Len(); i++ {
			out = append(out, values(v.Index(i))...)
		}
		return out
	case reflect.Struct:
		switch v.Type() {
		case typeDateTime:
			return []scalar{{kind: 't', t: ews.Ptr(v.Interface().(ews.XSDateTime)).Time()}}
		case typeEmail:
			e := v.Interface().(ews.EmailAddressType)
			var out []scalar
			if e.EmailAddress != nil {
				out = append(out, scalar{kind: 's', s: string(*e.EmailAddress)})
			}
			if e.Name != nil {
				out = append(out, scalar{kind: 's', s: *e.Name})
			}
			return out
		case typeBody:
			return []scalar{{kind: 's', s: v.Interface().(ews.BodyType).Value}}
		case typeItemID:
			return []scalar{{kind: 's', s: v.Interface().(ews.ItemIdType).Id}}
		case typeFolderID:
			return []scalar{{kind: 's', s: v.Interface().(ews.FolderIdType).Id}}
		}
		var out []scalar
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				out = append(out, values(v.Field(i))...)
			}
		}
		return out
	}
	return nil
}

// parseConstant reads a restriction constant as the kind of value it is
// compared with.
func parseConstant(c string, kind byte) (scalar, bool) {
	switch kind {
	case 'n':
		n, err := strconv.ParseFloat(strings.TrimSpace(c), 64)
		return scalar{kind: 'n', n: n}, err == nil
	case 'b':
		b, err := strconv.ParseBool(strings.TrimSpace(c))
		return scalar{kind: 'b', s: strconv.FormatBool(b)}, err == nil
	case 't':
		t, err := ews.XSParseDateTime(strings.TrimSpace(c))
		if err != nil {
			d, err := ews.XSParseDate(strings.TrimSpace(c))
			if err != nil {
				return scalar{}, false
			}
			return scalar{kind: 't', t: d.Time()}, true
		}
		return scalar{kind: 't', t: t.Time()}, true
	}
	return scalar{kind: 's', s: c}, true
}

// compare returns -1, 0 or 1; strings compare without regard to case, as
// Exchange does.
func compare(a, b scalar) int {
	switch a.kind {
	case 'n':
		switch {
		case a.n < b.n:
			return -1
		case a.n > b.n:
			return 1
		}
		return 0
	case 't':
		return a.t.Compare(b.t)
	}
	return strings.Compare(strings.ToLower(a.s), strings.ToLower(b.s))
}

func ptr[T any](v T) *T { return &v }

// now returns the server's clock as an xs:dateTime in UTC, seconds only.
func (s *Server) now() ews.XSDateTime {
	return ews.XSDateTimeOf(s.opts.Now().UTC().Truncate(time.Second))
}
