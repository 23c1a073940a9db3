package ews_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/xmlcmp"
)

const unkEnvStart = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:x="urn:example:extra">` + "\n<soap:Body>\n"
const unkEnvEnd = "\n</soap:Body>\n</soap:Envelope>"

// unkFindItem has unknown content at every place a decoder meets it:
// attributes (unqualified and qualified), elements before, between and
// after the declared children, at several depths, and text.
const unkFindItem = unkEnvStart + `<m:FindItem Traversal="Shallow" Extra="1" x:flag="yes">
<x:Before a="b">first <x:in>nested</x:in></x:Before>
<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:Future>f</t:Future></m:ItemShape>
stray &amp; text
<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox" t:odd="2"/></m:ParentFolderIds>
<m:After/>
</m:FindItem>` + unkEnvEnd

// Lenient decoding keeps unknown attributes, elements and text where they
// were: re-encoding in both styles gives the same document.
func TestUnknownContentLenientKeptInPlace(t *testing.T) {
	want, err := xmlcmp.Parse([]byte(unkFindItem))
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []ews.Style{ews.ClientStyle, ews.ServerStyle} {
		out := rtReencode(t, []byte(unkFindItem), style)
		got, err := xmlcmp.Parse(out)
		if err != nil {
			t.Fatalf("style %d: %v\n%s", style, err, out)
		}
		if d := xmlcmp.Diff(want, got); d != "" {
			t.Errorf("style %d: re-encoding differs: %s\n%s", style, d, out)
		}
	}
}

// UnknownContent lists what a lenient decoder kept, with the lines of
// elements and text (a text's line is where it starts), inner values first.
func TestUnknownContentListed(t *testing.T) {
	env, err := ews.UnmarshalEnvelope([]byte(unkFindItem))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range ews.UnknownContent(env) {
		got = append(got, it.String())
	}
	want := []string{
		`line 5: Body.ItemShape: unknown element {http://schemas.microsoft.com/exchange/services/2006/types}Future`,
		`Body.ParentFolderIds.Items[0]: unknown attribute {http://schemas.microsoft.com/exchange/services/2006/types}odd`,
		`Body: unknown attribute Extra`,
		`Body: unknown attribute {urn:example:extra}flag`,
		`line 4: Body: unknown element {urn:example:extra}Before`,
		`line 5: Body: unexpected text "\nstray & text\n"`,
		`line 8: Body: unknown element {http://schemas.microsoft.com/exchange/services/2006/messages}After`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("UnknownContent:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Strict decoding fails naming each unknown attribute, element and text
// with its line and path.
func TestUnknownContentStrictNamesEach(t *testing.T) {
	_, err := ews.DecodeOptions{Policy: ews.DecodeStrict}.UnmarshalEnvelope([]byte(unkFindItem))
	var ue *ews.XSUnknownError
	if !errors.As(err, &ue) {
		t.Fatalf("strict decoding: %v, want an *XSUnknownError", err)
	}
	var de *ews.XSDecodeError
	if !errors.As(err, &de) || de.Line != 3 || de.Path != "/Envelope/Body/FindItem" {
		t.Errorf("first problem: %#v", de)
	}
	var got []string
	for _, it := range ue.Items {
		got = append(got, it.String())
	}
	want := []string{
		`line 3: /Envelope/Body/FindItem: unknown attribute Extra`,
		`line 3: /Envelope/Body/FindItem: unknown attribute {urn:example:extra}flag`,
		`line 4: /Envelope/Body/FindItem/Before: unknown element {urn:example:extra}Before`,
		`line 5: /Envelope/Body/FindItem/ItemShape/Future: unknown element {http://schemas.microsoft.com/exchange/services/2006/types}Future`,
		`line 5: /Envelope/Body/FindItem: unexpected text "\nstray & text\n"`,
		`line 7: /Envelope/Body/FindItem/ParentFolderIds/DistinguishedFolderId: unknown attribute {http://schemas.microsoft.com/exchange/services/2006/types}odd`,
		`line 8: /Envelope/Body/FindItem/After: unknown element {http://schemas.microsoft.com/exchange/services/2006/messages}After`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// the same document without the unknown content is fine
	clean := unkEnvStart + `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
		`<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>` + unkEnvEnd
	if _, err := (ews.DecodeOptions{Policy: ews.DecodeStrict}).UnmarshalEnvelope([]byte(clean)); err != nil {
		t.Errorf("strict decoding of a clean request: %v", err)
	}
}

// Elements of a sequence that arrive out of order are read and written
// back in schema order.
func TestUnknownContentOutOfOrder(t *testing.T) {
	in := unkEnvStart + `<m:FindItem Traversal="Shallow"><m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds>` +
		`<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape></m:FindItem>` + unkEnvEnd
	ordered := unkEnvStart + `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
		`<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>` + unkEnvEnd
	for _, p := range []ews.DecodePolicy{ews.DecodeLenient, ews.DecodeStrict} {
		env, err := ews.DecodeOptions{Policy: p}.UnmarshalEnvelope([]byte(in))
		if err != nil {
			t.Fatalf("policy %d: %v", p, err)
		}
		want, _ := xmlcmp.Parse([]byte(ordered))
		got, err := xmlcmp.Parse(env.Marshal(ews.ClientStyle))
		if err != nil {
			t.Fatal(err)
		}
		if d := xmlcmp.Diff(want, got); d != "" {
			t.Errorf("policy %d: not in schema order: %s", p, d)
		}
	}
}

// The server handler decodes strictly by default: a request with unknown
// content is answered with ErrorSchemaValidation naming it, and the
// implementation is not called; WithDecodePolicy(DecodeLenient) passes it.
func TestUnknownContentServerStrict(t *testing.T) {
	svc := &unkFindService{}
	srv := stubNewServer(t, svc)
	f := stubPostFault(t, srv.URL, "-", unkFindItem)
	if f.ResponseCode() != "ErrorSchemaValidation" || !strings.Contains(f.String, "{urn:example:extra}Before") || !strings.Contains(f.String, "unknown attribute Extra") {
		t.Errorf("fault %q %q", f.ResponseCode(), f.String)
	}
	if svc.calls != 0 {
		t.Errorf("the implementation was called %d times", svc.calls)
	}
	srv2 := stubNewServer(t, svc, ews.WithDecodePolicy(ews.DecodeLenient))
	resp, b := stubPost(t, srv2.URL, "-", unkFindItem)
	if resp.StatusCode != 200 || svc.calls != 1 || len(svc.unknown) != 7 {
		t.Errorf("lenient handler: %s, %d calls, unknown %v\n%s", resp.Status, svc.calls, svc.unknown, b)
	}
}

type unkFindService struct {
	ews.UnimplementedService
	calls   int
	unknown []ews.XSUnknownItem
}

func (s *unkFindService) FindItem(ctx context.Context, req *ews.FindItem) (*ews.FindItemResponse, error) {
	s.calls++
	s.unknown = ews.UnknownContent(req)
	return &ews.FindItemResponse{}, nil
}

// A second body element and an unknown child of the Envelope have no place
// to be kept: a lenient decoder skips them, a strict one names them.
func TestUnknownContentEnvelopeLevel(t *testing.T) {
	in := unkEnvStart + `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
		`<m:ItemIds><t:ItemId Id="item-1"/></m:ItemIds></m:GetItem>
<m:GetItem/>
</soap:Body>
<x:Trailer/>
</soap:Envelope>`
	if _, err := ews.UnmarshalEnvelope([]byte(in)); err != nil {
		t.Errorf("lenient: %v", err)
	}
	_, err := ews.DecodeOptions{Policy: ews.DecodeStrict}.UnmarshalEnvelope([]byte(in))
	var ue *ews.XSUnknownError
	if !errors.As(err, &ue) || len(ue.Items) != 2 || ue.Items[0].Line != 4 || ue.Items[1].Name.Local != "Trailer" {
		t.Errorf("strict: %v", err)
	}
}
