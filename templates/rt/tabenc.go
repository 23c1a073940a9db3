package ewsrt

import "unsafe"

// Table-driven encoding of the element fields of a struct.
//
// A generated encoder of element content does not spell out one call per
// field. Each struct type has a static table of its element fields, in
// order (encOf<T> in the generated package, an []xmlEncField literal of
// constants: no code runs to build it):
//
//	var encOfItemType = []xmlEncField{
//		{Off: unsafe.Offsetof(ItemType{}.MimeContent), NS: nsT, Local: "MimeContent", Kind: xmlEncGenPtr},
//		{Off: unsafe.Offsetof(ItemType{}.ItemClass), NS: nsT, Local: "ItemClass", Kind: xmlEncPText},
//		...
//	}
//
// and the encoder hands the struct to Fields, which walks the table:
//
//	m := w.OpenTContent(ns, local, xsiType || v.xsiType, nsT, "ItemType", v.XSUnknown)
//	var e xmlElem
//	for i := w.Fields(unsafe.Pointer(v), encOfItemType, v.XSUnknown, 0, -1, nil); i >= 0; i = w.Fields(unsafe.Pointer(v), encOfItemType, v.XSUnknown, 0, i, e) {
//		e = nil
//		switch i {
//		case 0:
//			e = v.MimeContent
//		...
//		case 30:
//			for j := range v.ExtendedProperty {
//				v.ExtendedProperty[j].encodeXML(w, nsT, "ExtendedProperty", false)
//			}
//		...
//		}
//	}
//	w.End(m, ns, local)
//
// Fields writes the fields of the simple kinds itself (the xmlEncP* and
// value kinds below), reading them from the struct at their offsets, and
// leaves out an absent one (a nil pointer, a value whose type forbids its
// zero, a required value still missing since it was read) without any
// call. It returns the index of the next field it does not write itself
// (a field of complex type, a choice, a repeated field, an xsi:nil field,
// ...) so that the generated code writes it and calls Fields again with
// that index; a field of the xmlEncGen* kinds whose value is absent (nil
// pointer, slice or interface) is skipped in the table as well, so the
// generated code is only entered for a field it may have something to
// write for. Fields returns -1 once past the last field. A single element
// of complex type is not written by the generated code itself: its case
// hands the value to the next Fields call (e), whose call of encodeXML
// uses the name in the table, so that the case is one assignment.
//
// After each field, written by either side, Fields writes the unknown
// content a lenient decoder kept after it (Unknown(u, i+1), in place as
// the generated code wrote it before); when u holds no nodes, the common
// case, it costs one test per call, nothing per field.
//
// missing is the struct's missing field (0 for a type without one): a
// field of kind xmlEncTextTracked, xmlEncBoolTracked, xmlEncInt32Tracked or
// xmlEncInt64Tracked is written when its bit Bit is clear (the field was
// read, or set by the program) or its value is not the zero value.
//
// The offsets are unsafe.Offsetof of the Go field, and each kind fixes
// the Go representation of the field at that offset (the underlying type
// of a named type: *string for a *SubjectType whose type is a string);
// the generator chooses the kind from the field's Go type, so a load
// reads what the field holds.

// xmlEncField is one element field of a struct in an encoder's table.
type xmlEncField struct {
	Off   uintptr // offset of the Go field in the struct
	Local string  // local name of the element
	NS    int32   // namespace table index of the element
	Kind  uint8   // Go representation and write rule: an xmlEnc* constant
	Bit   uint8   // missing bit of a *Tracked kind
}

// The kinds of xmlEncField. Those from xmlEncGenPtr to xmlEncPDateTimeNZ
// hold a pointer, slice or interface first: its first word is nil when
// the field is absent, which Fields tests before anything else.
const (
	// xmlEncGen: written by the generated code (Fields returns its index).
	xmlEncGen = iota
	// xmlEncGenPtr: a pointer, written by the generated code when not nil.
	xmlEncGenPtr
	// xmlEncGenSlice: a slice, written by the generated code when not nil
	// (the generated code writes nothing for an empty one).
	xmlEncGenSlice
	// xmlEncGenIface: an interface, written by the generated code when not nil.
	xmlEncGenIface
	// xmlEncBase64: []byte, written in base64 when not nil.
	xmlEncBase64
	// xmlEncPText: *string, written when not nil.
	xmlEncPText
	// xmlEncPTextNZ: *string, written when not nil and not "".
	xmlEncPTextNZ
	// xmlEncPBool: *bool, written when not nil.
	xmlEncPBool
	// xmlEncPInt32: *int32, written when not nil.
	xmlEncPInt32
	// xmlEncPInt64: *int64, written when not nil.
	xmlEncPInt64
	// xmlEncPFloat64: *float64, written when not nil.
	xmlEncPFloat64
	// xmlEncPDateTime: *XSDateTime, written when not nil.
	xmlEncPDateTime
	// xmlEncPDateTimeNZ: *XSDateTime, written when not nil and not zero.
	xmlEncPDateTimeNZ
	// xmlEncText: string, always written.
	xmlEncText
	// xmlEncTextNZ: string, written when not "".
	xmlEncTextNZ
	// xmlEncTextTracked: string, written when bit Bit of missing is clear
	// or it is not "".
	xmlEncTextTracked
	// xmlEncBool: bool, always written.
	xmlEncBool
	// xmlEncBoolTracked: bool, written when bit Bit of missing is clear or
	// it is true.
	xmlEncBoolTracked
	// xmlEncInt32: int32, always written.
	xmlEncInt32
	// xmlEncInt32Tracked: int32, written when bit Bit of missing is clear
	// or it is not 0.
	xmlEncInt32Tracked
	// xmlEncInt64: int64, always written.
	xmlEncInt64
	// xmlEncInt64Tracked: int64, written when bit Bit of missing is clear
	// or it is not 0.
	xmlEncInt64Tracked
)

// Fields writes the element fields of the struct at p, described by fs,
// from the one after field `after` (-1: from the first), up to the next
// field the generated code writes, whose index it returns; -1 when it
// wrote the rest. When e is not nil, it is the value of field `after`,
// of complex type, which Fields writes first (as element fs[after]). See
// the top of this file.
func (w *xmlWriter) Fields(p unsafe.Pointer, fs []xmlEncField, u *XSUnknown, missing uint64, after int, e xmlElem) int {
	kept := u != nil && len(u.Nodes) > 0
	i := after + 1
	if e != nil {
		f := &fs[after]
		e.encodeXML(w, int(f.NS), f.Local, false)
	}
	if after >= 0 && kept {
		w.unknown(u, i)
	}
	for ; i < len(fs); i++ {
		f := &fs[i]
		q := unsafe.Add(p, f.Off)
		if f.Kind-xmlEncGenPtr <= xmlEncPDateTimeNZ-xmlEncGenPtr && *(*unsafe.Pointer)(q) == nil {
			// absent (the subtraction wraps for xmlEncGen)
		} else {
			switch f.Kind {
			case xmlEncGen, xmlEncGenPtr, xmlEncGenSlice, xmlEncGenIface:
				return i
			case xmlEncBase64:
				w.Base64Elem(int(f.NS), f.Local, *(*[]byte)(q))
			case xmlEncPText:
				w.TextElem(int(f.NS), f.Local, **(**string)(q))
			case xmlEncPTextNZ:
				if s := **(**string)(q); s != "" {
					w.TextElem(int(f.NS), f.Local, s)
				}
			case xmlEncPBool:
				w.BoolElem(int(f.NS), f.Local, **(**bool)(q))
			case xmlEncPInt32:
				w.IntElem(int(f.NS), f.Local, int64(**(**int32)(q)))
			case xmlEncPInt64:
				w.IntElem(int(f.NS), f.Local, **(**int64)(q))
			case xmlEncPFloat64:
				w.FloatElem(int(f.NS), f.Local, **(**float64)(q), 64)
			case xmlEncPDateTime:
				w.DateTimeElem(int(f.NS), f.Local, **(**XSDateTime)(q))
			case xmlEncPDateTimeNZ:
				if t := **(**XSDateTime)(q); t != (XSDateTime{}) {
					w.DateTimeElem(int(f.NS), f.Local, t)
				}
			case xmlEncText:
				w.TextElem(int(f.NS), f.Local, *(*string)(q))
			case xmlEncTextNZ:
				if s := *(*string)(q); s != "" {
					w.TextElem(int(f.NS), f.Local, s)
				}
			case xmlEncTextTracked:
				if s := *(*string)(q); missing&(1<<f.Bit) == 0 || s != "" {
					w.TextElem(int(f.NS), f.Local, s)
				}
			case xmlEncBool:
				w.BoolElem(int(f.NS), f.Local, *(*bool)(q))
			case xmlEncBoolTracked:
				if b := *(*bool)(q); missing&(1<<f.Bit) == 0 || b {
					w.BoolElem(int(f.NS), f.Local, b)
				}
			case xmlEncInt32:
				w.IntElem(int(f.NS), f.Local, int64(*(*int32)(q)))
			case xmlEncInt32Tracked:
				if n := *(*int32)(q); missing&(1<<f.Bit) == 0 || n != 0 {
					w.IntElem(int(f.NS), f.Local, int64(n))
				}
			case xmlEncInt64:
				w.IntElem(int(f.NS), f.Local, *(*int64)(q))
			case xmlEncInt64Tracked:
				if n := *(*int64)(q); missing&(1<<f.Bit) == 0 || n != 0 {
					w.IntElem(int(f.NS), f.Local, n)
				}
			default:
				panic("ewsgen: bad field kind in an encoder table")
			}
		}
		if kept {
			w.unknown(u, i+1)
		}
	}
	return -1
}
