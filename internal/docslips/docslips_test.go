package docslips

import "testing"

func TestFix(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<a/>", "<a/>"},
		{`<s:Envelope xmlns:s="https://schemas.xmlsoap.org/soap/envelope/"/>`, `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>`},
		{`<m:X xmlns:m="https://schemas.microsoft.com/exchange/services/2006/messages"/>`, `<m:X xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"/>`},
		{"<a>\n  <b/>\n  …\n  <c/>\n</a>", "<a>\n  <b/>\n  <c/>\n</a>"},
		{"<a>\n\t...\r\n</a>", "<a>\n</a>"},
		{"<a>...</a>\n", "<a>...</a>\n"},         // not alone on its line: content
		{"<a>\n x...\n</a>", "<a>\n x...\n</a>"}, // text ending in dots is content
		{"<a xmlns='https://example.com/'/>", "<a xmlns='https://example.com/'/>"},
	} {
		in := []byte(c.in)
		if got := string(Fix(in)); got != c.want {
			t.Errorf("Fix(%q) = %q, want %q", c.in, got, c.want)
		}
		if string(in) != c.in {
			t.Errorf("Fix modified its input %q", c.in)
		}
		if Has(in) != (c.in != c.want) {
			t.Errorf("Has(%q) = %v", c.in, Has(in))
		}
	}
}
