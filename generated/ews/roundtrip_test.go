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

// A message that lacks required elements and attributes re-encodes without
// them: the encoder neither writes empty text for a type that has no empty
// value (TimeOffset is an xs:duration, DateTime an xs:dateTime, Traversal
// and Kind enumerations) nor invents a value for one whose zero value is
// valid (Month and Occurrence are xs:int).
func TestMissingRequiredValuesStayMissing(t *testing.T) {
	in := `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">` +
		`<soap:Header><t:TimeZoneContext><t:TimeZoneDefinition Id="Example"><t:Periods><t:Period Bias="PT0M" Name="Standard" Id="p0"/></t:Periods>` +
		`<t:Transitions>` +
		`<t:RecurringDayTransition><t:To Kind="Period">p0</t:To><t:DayOfWeek>Sunday</t:DayOfWeek></t:RecurringDayTransition>` +
		`<t:AbsoluteDateTransition><t:To>p0</t:To></t:AbsoluteDateTransition>` +
		`</t:Transitions></t:TimeZoneDefinition></t:TimeZoneContext></soap:Header>` +
		`<soap:Body><m:FindItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
		`<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem></soap:Body></soap:Envelope>`
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
	}

	// Setting a value that was missing writes it.
	env, err := ews.UnmarshalEnvelope([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	tr := env.Header.TimeZoneContext.TimeZoneDefinition.Transitions.Transition
	if len(tr) != 2 {
		t.Fatalf("decoded %d transitions, want 2", len(tr))
	}
	rd, ok := tr[0].(*ews.RecurringDayTransition)
	if !ok {
		t.Fatalf("first transition is %T", tr[0])
	}
	rd.TimeOffset = "PT2H"
	rd.Month = 3
	body := env.Body.(*ews.FindItem)
	body.Traversal = ews.ItemQueryTraversalShallow
	out := string(env.Marshal(ews.ClientStyle))
	for _, s := range []string{"<t:TimeOffset>PT2H</t:TimeOffset><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:RecurringDayTransition>", `<m:FindItem Traversal="Shallow">`} {
		if !strings.Contains(out, s) {
			t.Errorf("missing %s in\n%s", s, out)
		}
	}

	// A value built in Go writes its zero numbers (they are values) but no
	// zero duration, dateTime or enumeration (they have no empty form).
	out = string(ews.Marshal(&ews.RecurringDayTransition{To: &ews.TransitionTargetType{Value: "p0"}}))
	for _, s := range []string{"<t:To>p0</t:To><t:Month>0</t:Month><t:Occurrence>0</t:Occurrence></t:RecurringDayTransition>"} {
		if !strings.Contains(out, s) {
			t.Errorf("missing %s in\n%s", s, out)
		}
	}
	out = string(ews.Marshal(&ews.AbsoluteDateTransition{To: &ews.TransitionTargetType{Value: "p0"}}))
	if strings.Contains(out, "DateTime") {
		t.Errorf("zero dateTime written:\n%s", out)
	}
}
