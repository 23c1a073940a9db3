package generator

import (
	"fmt"
	"testing"

	"github.com/dave/jennifer/jen"
)

// enumValue writes numeric and boolean enumeration values as Go literals of
// the type underneath and everything else as its lexical form.
func TestEnumValue(t *testing.T) {
	for _, c := range []struct {
		b     builtin
		in    string
		want  string
		typed bool
	}{
		{bString, " a b ", `" a b "`, true},
		{bDecimal, "1.50", `"1.50"`, true},
		{bInt64, "+012", "12", true},
		{bInt64, "-3", "-3", true},
		{bInt8, "300", `"300"`, false},
		{bUint16, "-1", `"-1"`, false},
		{bUint64, "18446744073709551615", "18446744073709551615", true},
		{bBool, "1", "true", true},
		{bBool, "false", "false", true},
		{bBool, "yes", `"yes"`, false},
		{bFloat64, "2", "2.0", true},
		{bFloat64, "1e3", "1000.0", true},
		{bFloat32, "0.1", "0.1", true},
		{bFloat64, "INF", `"INF"`, false},
		{bFloat64, "NaN", `"NaN"`, false},
		{bQName, "p:x", `"p:x"`, false},
		{bDateTime, "2024-01-01T00:00:00Z", `"2024-01-01T00:00:00Z"`, false},
	} {
		v, typed := enumValue(valueRef{b: c.b}, c.in)
		got := fmt.Sprintf("%#v", jen.Null().Add(v))
		if got != c.want || typed != c.typed {
			t.Errorf("enumValue(%v, %q) = %s, %v; want %s, %v", c.b, c.in, got, typed, c.want, c.typed)
		}
	}
}
