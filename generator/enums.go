package generator

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/xsd"
)

// Enumeration constants.
//
// An enumeration of a simple type becomes one Go constant per value, named
// by planEnumConsts (naming rule 3). The constant's value depends on the
// Go type at the bottom of the simple type (valueRef.root):
//
//   - string-like types (xs:string and its derivations, xs:decimal, which
//     is kept as text): the value as written, a typed constant;
//   - integers, floating point and booleans: the value parsed and written as
//     a Go literal of that type, a typed constant ("+01" becomes 1);
//   - everything else (xs:QName, date and time types, binary types) and
//     values that do not parse (out of range, INF, NaN): an untyped string
//     constant holding the lexical form, documented as such, since Go has no
//     constants of those types. A QName's prefix is the schema's.

// enumValue returns the Go value of an enumeration constant of a type over
// base, and whether the constant can be typed.
func enumValue(base valueRef, lexical string) (jen.Code, bool) {
	s := strings.TrimSpace(lexical)
	switch base.root() {
	case bString, bDecimal:
		return jen.Lit(lexical), true
	case bBool:
		switch s {
		case "true", "1":
			return jen.True(), true
		case "false", "0":
			return jen.False(), true
		}
	case bInt8, bInt16, bInt32, bInt64:
		if v, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, intBits(base.root())); err == nil {
			return jen.Op(strconv.FormatInt(v, 10)), true
		}
	case bUint8, bUint16, bUint32, bUint64:
		if v, err := strconv.ParseUint(strings.TrimPrefix(s, "+"), 10, intBits(base.root())); err == nil {
			return jen.Op(strconv.FormatUint(v, 10)), true
		}
	case bFloat32, bFloat64:
		bits := 64
		if base.root() == bFloat32 {
			bits = 32
		}
		if v, err := strconv.ParseFloat(s, bits); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			f := strconv.FormatFloat(v, 'g', -1, bits)
			if !strings.ContainsAny(f, ".e") {
				f += ".0"
			}
			return jen.Op(f), true
		}
	}
	return jen.Lit(lexical), false
}

func intBits(b builtin) int {
	switch b {
	case bInt8, bUint8:
		return 8
	case bInt16, bUint16:
		return 16
	case bInt32, bUint32:
		return 32
	}
	return 64
}

// enumDecls returns the constant declarations of t's enumeration values.
func (g *emitter) enumDecls(t *goType) []jen.Code {
	var cs []jen.Code
	for _, en := range t.enums {
		v, typed := enumValue(t.base, en.value)
		var c *jen.Statement
		d := g.fieldDoc(en.doc)
		if typed {
			c = jen.Id(en.name).Id(t.name).Op("=").Add(v)
		} else {
			c = jen.Id(en.name).Op("=").Add(v)
			if d != "" {
				d += " "
			}
			d += "(lexical form: Go has no constants of this type)"
		}
		if d != "" {
			c = c.Comment(d)
		}
		cs = append(cs, c)
	}
	return cs
}

// planEnumConsts names enumeration constants (rule 3).
func (p *plan) planEnumConsts() {
	for _, gt := range p.types {
		if len(gt.enums) == 0 {
			continue
		}
		prefix := constPrefix(gt.name)
		// Use the short prefix only when every constant of the type is free.
		short := true
		for _, en := range gt.enums {
			if _, taken := p.names[prefix+goName(en.value)]; taken {
				short = false
				break
			}
		}
		if !short {
			prefix = gt.name
		}
		local := map[string]bool{}
		for i := range gt.enums {
			en := &gt.enums[i]
			base := prefix + goName(en.value)
			if strings.Trim(en.value, " ") == "" {
				base = prefix + "Empty"
			}
			name := base
			for n := max(p.constNext[base], 2); local[name] || !p.claimConst(name); n++ {
				name = fmt.Sprintf("%s%d", base, n)
				p.constNext[base] = n + 1
			}
			local[name] = true
			en.name = name
		}
	}
}

func (p *plan) claimConst(name string) bool {
	if _, taken := p.names[name]; taken {
		return false
	}
	p.names[name] = xsd.Pos{}
	return true
}
