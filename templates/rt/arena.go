package ewsrt

import "unsafe"

// A decoder hands out the memory of decoded scalars in blocks instead of
// one allocation per value: the pointer of an optional scalar field (a
// *string, *bool, *int32, *XSDateTime, ...) points into a block of such
// values, and the bytes of decoded strings live in a shared byte block.
// Values in a block are written once, when they are decoded, and never
// again, so decoded values stay independent of each other and of later
// messages; a value kept alive keeps its block (at most xmlArenaBytes or
// xmlArenaLen values) alive.

const (
	xmlArenaLen   = 64   // values per block
	xmlArenaBytes = 4096 // bytes per string block
	xmlArenaMaxS  = 256  // longer strings get an allocation of their own
)

// xmlArenas are a decoder's blocks, by Go type.
type xmlArenas struct {
	strs  []string
	bools []bool
	i32s  []int32
	i64s  []int64
	f64s  []float64
	dts   []XSDateTime
	bytes []byte
}

// xmlBox stores v in the block *s and returns its address.
func xmlBox[T any](s *[]T, v T) *T {
	if len(*s) == cap(*s) {
		*s = make([]T, 0, xmlArenaLen)
	}
	*s = append(*s, v)
	return &(*s)[len(*s)-1]
}

// BoxString returns a pointer to a copy of v from the decoder's blocks.
func (d *xmlDecoder) BoxString(v string) *string { return xmlBox(&d.ar.strs, v) }

// BoxBool returns a pointer to a copy of v from the decoder's blocks.
func (d *xmlDecoder) BoxBool(v bool) *bool { return xmlBox(&d.ar.bools, v) }

// BoxInt32 returns a pointer to a copy of v from the decoder's blocks.
func (d *xmlDecoder) BoxInt32(v int32) *int32 { return xmlBox(&d.ar.i32s, v) }

// BoxInt64 returns a pointer to a copy of v from the decoder's blocks.
func (d *xmlDecoder) BoxInt64(v int64) *int64 { return xmlBox(&d.ar.i64s, v) }

// BoxFloat64 returns a pointer to a copy of v from the decoder's blocks.
func (d *xmlDecoder) BoxFloat64(v float64) *float64 { return xmlBox(&d.ar.f64s, v) }

// BoxDateTime returns a pointer to a copy of v from the decoder's blocks.
func (d *xmlDecoder) BoxDateTime(v XSDateTime) *XSDateTime { return xmlBox(&d.ar.dts, v) }

// Str returns b as a string whose bytes are copied into the decoder's
// string block (a string longer than xmlArenaMaxS is allocated alone).
func (d *xmlDecoder) Str(b []byte) string {
	n := len(b)
	if n == 0 {
		return ""
	}
	if n > xmlArenaMaxS {
		return string(b)
	}
	if cap(d.ar.bytes)-len(d.ar.bytes) < n {
		d.ar.bytes = make([]byte, 0, xmlArenaBytes)
	}
	off := len(d.ar.bytes)
	d.ar.bytes = append(d.ar.bytes, b...)
	return unsafe.String(&d.ar.bytes[off], n)
}

// AttrStr is AttrValue with the string in the decoder's string block.
func (d *xmlDecoder) AttrStr(a *xmlAttr) string {
	if xmlIndexAttrSpecial(a.Value) < 0 {
		return d.Str(a.Value)
	}
	d.buf = xmlAppendAttrValue(d.buf[:0], a.Value)
	return d.Str(d.buf)
}
