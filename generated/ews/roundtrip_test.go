package ews_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/xmlcmp"
)

// rtReencode decodes data, encodes it in style, decodes that and encodes it
// again; both encodings must decode, and the second must equal the first.
func rtReencode(t *testing.T, data []byte, style ews.Style) []byte {
	t.Helper()
	env, err := ews.UnmarshalEnvelope(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	out := env.Marshal(style)
	back, err := ews.UnmarshalEnvelope(out)
	if err != nil {
		t.Fatalf("style %d: the encoding does not decode: %v\n%s", style, err, out)
	}
	if again := back.Marshal(style); !bytes.Equal(out, again) {
		t.Fatalf("style %d: encoding changes when decoded and encoded again:\n%s\n%s", style, out, again)
	}
	return out
}

// rtStartTags returns the start tags of an encoding.
func rtStartTags(b []byte) []string {
	var out []string
	for _, s := range strings.Split(string(b), "<")[1:] {
		if s != "" && s[0] != '/' && s[0] != '?' {
			out = append(out, s[:strings.IndexByte(s, '>')])
		}
	}
	return out
}

// A header element carrying xsi:type (and wildcard attributes whose prefixes
// clash with the ones the encoder uses) is written in server style with its
// own declarations of h, the default namespace, xsd and xsi: each prefix is
// declared once per element, and every name keeps its namespace.
func TestHeaderXSITypeDeclaredOnce(t *testing.T) {
	in := `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">` +
		`<soap:Header>` +
		`<t:RequestServerVersion Version="Exchange2016"/>` +
		`<t:ExchangeImpersonation xsi:type="t:ExchangeImpersonationType" xmlns:h="urn:example:other" h:a="1" xmlns:x="urn:example:x" x:b="2" x:c="3">` +
		`<t:ConnectingSID><t:PrimarySmtpAddress>user@example.com</t:PrimarySmtpAddress></t:ConnectingSID>` +
		`</t:ExchangeImpersonation></soap:Header>` +
		`<soap:Body><m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>` +
		`<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder></soap:Body></soap:Envelope>`
	want, err := xmlcmp.Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []ews.Style{ews.ClientStyle, ews.ServerStyle} {
		out := rtReencode(t, []byte(in), style)
		got, err := xmlcmp.Parse(out)
		if err != nil {
			t.Fatalf("style %d: %v\n%s", style, err, out)
		}
		if d := xmlcmp.Diff(want, got); d != "" {
			t.Errorf("style %d: re-encoding differs: %s\n%s", style, d, out)
		}
		for _, tag := range rtStartTags(out) {
			seen := map[string]bool{}
			for _, f := range strings.Fields(tag)[1:] {
				name, _, _ := strings.Cut(f, "=")
				if seen[name] {
					t.Errorf("style %d: %s written twice in <%s>", style, name, tag)
				}
				seen[name] = true
			}
		}
		if style == ews.ServerStyle && !bytes.Contains(out, []byte(`<h:ExchangeImpersonation xsi:type="h:ExchangeImpersonationType"`)) {
			t.Errorf("server style: the header element is not written as Exchange writes it:\n%s", out)
		}
	}
}
