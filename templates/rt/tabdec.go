package ewsrt

import (
	"reflect"
	"unsafe"
)

// Table-driven decoding of simple-valued fields, fields of complex type
// and choice alternatives.
//
// A generated decoder of element content has a table of the element names
// it reads (elemsOf<T>, []xmlField, in field order). An entry whose field
// holds a simple value in one of the Go representations below also says
// how to store it: its kind, the field's offset in the struct
// (unsafe.Offsetof, a constant: the table is static data), for a required
// field the struct tracks, its bit in the struct's "missing" field, and
// for a nillable field, the offset of the bool recording an element sent
// as xsi:nil. NextP reads such elements itself, storing each value through
// a typed pointer at the field's address (unsafe.Add of the struct's
// address and the offset), and returns to the generated decoder only for
// the entries of kind xmlKSwitch: names only the profile's departures
// read, lists, fields of an abstract type read by xsi:type and anything
// else the generated switch handles. A decoder whose entries all have a
// kind is a single NextP call, and the generated package holds one table entry
// instead of one case per such field, which is far less for the compiler
// to work through.
//
// Each kind reads the element with the same one-call reader a generated
// case calls (TextStr, TextPString, TextInt, ...; see fields.go): the
// checks, limits and error messages are theirs, an error is kept as the
// decoder's sticky error (Keep) and ends the loop at the next element, and
// the value read is stored even then, as a generated case does. The
// missing bit is cleared first; an element sent as xsi:nil sets the nil
// bool and is skipped, content and all. A defined type has the
// representation of its underlying type, so one kind serves every named
// type over the same base (a *ItemClassType field, a defined string type,
// is stored as a *string).
//
// A field of complex type and a choice alternative are entries too: the
// entry's Proto gives the type to read, as static data (a nil pointer
// of type *T, or *[]T, in an interface; for an alternative an xmlAlt).
// NextP allocates a T through reflect (reflect.New, or a value appended
// to the slice, zeroed, as append(v.X, T{}) does), stores it in the field
// and reads the element into it with the type's decodeXML (Sub), as the
// generated case did; an alternative is converted to the choice's
// interface by xmlAlt's Store, a compiled conversion.

// xmlKind says how NextP stores the value of an element (see above); 0
// leaves the element to the generated decoder. There are three kinds per
// Go representation of a simple value: the value (a required field, or an
// optional []byte), a pointer to it (an optional field: the value in the
// decoder's blocks for the types it has blocks of, see BoxString, else in
// a variable of its own) and a slice of values (a repeated field, each
// value appended).
type xmlKind uint8

const (
	xmlKSwitch xmlKind = iota // read by the generated switch

	xmlKStr      // string: TextStr
	xmlKBool     // bool: TextBool
	xmlKInt8     // int8: TextInt(8)
	xmlKInt16    // int16: TextInt(16)
	xmlKInt32    // int32: TextInt(32)
	xmlKInt64    // int64: TextInt(64)
	xmlKUint8    // uint8: TextUint(8)
	xmlKUint16   // uint16: TextUint(16)
	xmlKUint32   // uint32: TextUint(32)
	xmlKUint64   // uint64: TextUint(64)
	xmlKFloat32  // float32: TextFloat(32)
	xmlKFloat64  // float64: TextFloat(64)
	xmlKBase64   // []byte: TextBase64
	xmlKHex      // []byte: TextHex
	xmlKDateTime // XSDateTime: TextDateTime
	xmlKDate     // XSDate: TextDate
	xmlKTime     // XSTime: TextTime
	xmlKDuration // XSDuration: TextDuration
	xmlKDecimal  // XSDecimal: TextDecimal
	xmlKQName    // XSQName: TextQName

	xmlKPStr      // *string: TextPString (boxed)
	xmlKPBool     // *bool: TextPBool (boxed)
	xmlKPInt8     // *int8
	xmlKPInt16    // *int16
	xmlKPInt32    // *int32: TextPInt32 (boxed)
	xmlKPInt64    // *int64: TextPInt64 (boxed)
	xmlKPUint8    // *uint8
	xmlKPUint16   // *uint16
	xmlKPUint32   // *uint32
	xmlKPUint64   // *uint64
	xmlKPFloat32  // *float32
	xmlKPFloat64  // *float64: TextPFloat64 (boxed)
	xmlKPDateTime // *XSDateTime: TextPDateTime (boxed)
	xmlKPDate     // *XSDate
	xmlKPTime     // *XSTime
	xmlKPDuration // *XSDuration
	xmlKPDecimal  // *XSDecimal
	xmlKPQName    // *XSQName

	xmlKStrs      // []string
	xmlKBools     // []bool
	xmlKInt8s     // []int8
	xmlKInt16s    // []int16
	xmlKInt32s    // []int32
	xmlKInt64s    // []int64
	xmlKUint8s    // []uint8
	xmlKUint16s   // []uint16
	xmlKUint32s   // []uint32
	xmlKUint64s   // []uint64
	xmlKFloat32s  // []float32
	xmlKFloat64s  // []float64
	xmlKBase64s   // [][]byte, base64
	xmlKHexes     // [][]byte, hex
	xmlKDateTimes // []XSDateTime
	xmlKDates     // []XSDate
	xmlKTimes     // []XSTime
	xmlKDurations // []XSDuration
	xmlKDecimals  // []XSDecimal
	xmlKQNames    // []XSQName

	xmlKSub  // *T, T of complex type: a new T read by its decodeXML (Sub); Proto (*T)(nil)
	xmlKSubs // []T: a T appended and read by its decodeXML; Proto (*[]T)(nil)
	xmlKAlt  // I, a choice's interface: a new T read and stored in it; Proto &xmlAlt{(*T)(nil), xmlStoreAlt[I]}
	xmlKAlts // []I: a new T read and appended; Proto &xmlAlt{(*T)(nil), xmlAppendAlt[[]I]}
)

// xmlAlt is the prototype of a choice alternative T stored in a field of
// the choice's interface type I (kinds xmlKAlt, xmlKAlts): New is
// (*T)(nil), Store stores the *T read into the field at p, converting it
// to I, compiled code where reflect would look the conversion up by method
// names at each value. A table holds it by address, as static data.
type xmlAlt struct {
	New   any
	Store func(p unsafe.Pointer, x any)
}

// xmlStoreAlt stores x in the field of interface type I at p.
func xmlStoreAlt[I any](p unsafe.Pointer, x any) { *(*I)(p) = x.(I) }

// xmlAppendAlt appends x to the slice of interface type S at p.
func xmlAppendAlt[S ~[]I, I any](p unsafe.Pointer, x any) {
	s := (*S)(p)
	*s = append(*s, x.(I))
}

// isNil reports whether the start tag se has xsi:nil="true" (or "1"), as
// xmlwIsNil does.
func (d *xmlDecoder) isNil(se *xmlStart) bool {
	for i := range se.Attrs {
		a := &se.Attrs[i]
		if a.URI == xmlXSINamespaceURI && string(a.Local) == "nil" {
			v := xmlTrimSpaceString(d.AttrValue(a))
			return v == "true" || v == "1"
		}
	}
	return false
}

// xmlNew returns a pointer to a new variable holding v: an optional field
// of a type the decoder has no blocks of.
func xmlNew[T any](v T) *T { return &v }

// xmlAppendAt appends v to the slice at p.
func xmlAppendAt[T any](p unsafe.Pointer, v T) {
	s := (*[]T)(p)
	*s = append(*s, v)
}

// NextP reads the children of the current element of the struct at v,
// whose "missing" field is *miss (nil when it tracks no required field),
// up to the next one whose name fs has with an entry of kind xmlKSwitch,
// and returns it with its index in fs; the elements of the entries with a
// kind are read into their fields on the way (their missing bit cleared).
// *at becomes the At of the entry read last (see Field). It returns nil
// and -1 at the end of the content or on an error, which Err then returns.
// Elements fs does not name are tried in the namespace the departures
// pair with their own (AltNS), then handled as unknown content after the
// first *at declared fields (Unknown), as is stray text (Elem). It is the
// loop of a generated decoder of element content: the decoder switches on
// the index and reads the element.
func (d *xmlDecoder) NextP(v unsafe.Pointer, miss *uint64, u **XSUnknown, fs []xmlField, at *int) (*xmlStart, int) {
	for {
		c, err := d.Elem(u, *at)
		if c == nil {
			if err != nil {
				d.Keep(err)
			}
			return nil, -1
		}
		i := d.Field(c, fs, at)
		if i < 0 && d.AltNS(c) {
			i = d.Field(c, fs, at)
		}
		if i < 0 {
			if err := d.Unknown(c, u, *at); err != nil {
				d.Keep(err)
				return nil, -1
			}
			continue
		}
		f := &fs[i]
		if f.Kind == xmlKSwitch {
			return c, i
		}
		if f.Bit != 0 {
			*miss &^= 1 << (f.Bit - 1)
		}
		if f.Nil != 0 && d.isNil(c) {
			// a nillable element sent as xsi:nil: its bool set, its content skipped
			*(*bool)(unsafe.Add(v, f.Nil-1)) = true
			if err := d.Skip(); err != nil {
				d.Keep(err)
				return nil, -1
			}
			continue
		}
		p := unsafe.Add(v, f.Off)
		switch f.Kind {
		case xmlKStr:
			*(*string)(p) = d.TextStr()
		case xmlKBool:
			*(*bool)(p) = d.TextBool()
		case xmlKInt8:
			*(*int8)(p) = int8(d.TextInt(8))
		case xmlKInt16:
			*(*int16)(p) = int16(d.TextInt(16))
		case xmlKInt32:
			*(*int32)(p) = int32(d.TextInt(32))
		case xmlKInt64:
			*(*int64)(p) = d.TextInt(64)
		case xmlKUint8:
			*(*uint8)(p) = uint8(d.TextUint(8))
		case xmlKUint16:
			*(*uint16)(p) = uint16(d.TextUint(16))
		case xmlKUint32:
			*(*uint32)(p) = uint32(d.TextUint(32))
		case xmlKUint64:
			*(*uint64)(p) = d.TextUint(64)
		case xmlKFloat32:
			*(*float32)(p) = float32(d.TextFloat(32))
		case xmlKFloat64:
			*(*float64)(p) = d.TextFloat(64)
		case xmlKBase64:
			*(*[]byte)(p) = d.TextBase64()
		case xmlKHex:
			*(*[]byte)(p) = d.TextHex()
		case xmlKDateTime:
			*(*XSDateTime)(p) = d.TextDateTime()
		case xmlKDate:
			*(*XSDate)(p) = d.TextDate()
		case xmlKTime:
			*(*XSTime)(p) = d.TextTime()
		case xmlKDuration:
			*(*XSDuration)(p) = d.TextDuration()
		case xmlKDecimal:
			*(*XSDecimal)(p) = d.TextDecimal()
		case xmlKQName:
			*(*XSQName)(p) = d.TextQName()

		case xmlKPStr:
			*(**string)(p) = d.TextPString()
		case xmlKPBool:
			*(**bool)(p) = d.TextPBool()
		case xmlKPInt8:
			*(**int8)(p) = xmlNew(int8(d.TextInt(8)))
		case xmlKPInt16:
			*(**int16)(p) = xmlNew(int16(d.TextInt(16)))
		case xmlKPInt32:
			*(**int32)(p) = d.TextPInt32()
		case xmlKPInt64:
			*(**int64)(p) = d.TextPInt64()
		case xmlKPUint8:
			*(**uint8)(p) = xmlNew(uint8(d.TextUint(8)))
		case xmlKPUint16:
			*(**uint16)(p) = xmlNew(uint16(d.TextUint(16)))
		case xmlKPUint32:
			*(**uint32)(p) = xmlNew(uint32(d.TextUint(32)))
		case xmlKPUint64:
			*(**uint64)(p) = xmlNew(d.TextUint(64))
		case xmlKPFloat32:
			*(**float32)(p) = xmlNew(float32(d.TextFloat(32)))
		case xmlKPFloat64:
			*(**float64)(p) = d.TextPFloat64()
		case xmlKPDateTime:
			*(**XSDateTime)(p) = d.TextPDateTime()
		case xmlKPDate:
			*(**XSDate)(p) = xmlNew(d.TextDate())
		case xmlKPTime:
			*(**XSTime)(p) = xmlNew(d.TextTime())
		case xmlKPDuration:
			*(**XSDuration)(p) = xmlNew(d.TextDuration())
		case xmlKPDecimal:
			*(**XSDecimal)(p) = xmlNew(d.TextDecimal())
		case xmlKPQName:
			*(**XSQName)(p) = xmlNew(d.TextQName())

		case xmlKStrs:
			xmlAppendAt(p, d.TextStr())
		case xmlKBools:
			xmlAppendAt(p, d.TextBool())
		case xmlKInt8s:
			xmlAppendAt(p, int8(d.TextInt(8)))
		case xmlKInt16s:
			xmlAppendAt(p, int16(d.TextInt(16)))
		case xmlKInt32s:
			xmlAppendAt(p, int32(d.TextInt(32)))
		case xmlKInt64s:
			xmlAppendAt(p, d.TextInt(64))
		case xmlKUint8s:
			xmlAppendAt(p, uint8(d.TextUint(8)))
		case xmlKUint16s:
			xmlAppendAt(p, uint16(d.TextUint(16)))
		case xmlKUint32s:
			xmlAppendAt(p, uint32(d.TextUint(32)))
		case xmlKUint64s:
			xmlAppendAt(p, d.TextUint(64))
		case xmlKFloat32s:
			xmlAppendAt(p, float32(d.TextFloat(32)))
		case xmlKFloat64s:
			xmlAppendAt(p, d.TextFloat(64))
		case xmlKBase64s:
			xmlAppendAt(p, d.TextBase64())
		case xmlKHexes:
			xmlAppendAt(p, d.TextHex())
		case xmlKDateTimes:
			xmlAppendAt(p, d.TextDateTime())
		case xmlKDates:
			xmlAppendAt(p, d.TextDate())
		case xmlKTimes:
			xmlAppendAt(p, d.TextTime())
		case xmlKDurations:
			xmlAppendAt(p, d.TextDuration())
		case xmlKDecimals:
			xmlAppendAt(p, d.TextDecimal())
		case xmlKQNames:
			xmlAppendAt(p, d.TextQName())

		case xmlKSub:
			// v.X = new(T); d.Sub(v.X, c), T the element type of Proto
			rv := reflect.New(reflect.TypeOf(f.Proto).Elem())
			*(*unsafe.Pointer)(p) = rv.UnsafePointer()
			d.Sub(rv.Interface().(xmlDecodable), c)
		case xmlKSubs:
			// v.X = append(v.X, T{}); d.Sub(&v.X[len(v.X)-1], c), []T the
			// element type of Proto
			sv := reflect.NewAt(reflect.TypeOf(f.Proto).Elem(), p).Elem()
			n := sv.Len()
			sv.Grow(1)
			sv.SetLen(n + 1)
			e := sv.Index(n)
			e.SetZero()
			d.Sub(e.Addr().Interface().(xmlDecodable), c)

		case xmlKAlt, xmlKAlts:
			// x := new(T); d.Sub(x, c); v.X = x (or append(v.X, x))
			a := f.Proto.(*xmlAlt)
			x := reflect.New(reflect.TypeOf(a.New).Elem()).Interface()
			d.Sub(x.(xmlDecodable), c)
			a.Store(p, x)

		default:
			d.Keep(d.Errorf("decoder table: unknown kind %d", f.Kind))
			return nil, -1
		}
	}
}
