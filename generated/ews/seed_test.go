package ews_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/corpus"
)

// TestSeedRemoveImContactFromGroup checks the three documented
// RemoveImContactFromGroup messages of the corpus (the request, the success
// response and the ErrorInvalidImContactId response) both ways:
//
//   - encode: the message is built as a Go value and encoded in the style of
//     its side (client for the request, server for the responses); the
//     output must be the documented text byte for byte, apart from white
//     space between tags and inside tags (see normalizeTags);
//   - decode: the documented text decodes to that same Go value.
//
// The structure of each value (types, fields, enumeration constants) is
// written here; the opaque values (ids, change keys, the culture, version
// numbers, the error text) are read from the documented message at test
// time with encoding/xml, so this file holds no documentation text.
func TestSeedRemoveImContactFromGroup(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t), "examples", "removeimcontactfromgroup-operation")
	for _, tc := range []struct {
		file  string
		style ews.Style
		build func(t *testing.T, doc seedDoc) *ews.Envelope
	}{
		{"01.xml", ews.ClientStyle, func(t *testing.T, doc seedDoc) *ews.Envelope {
			return &ews.Envelope{
				Header: ews.EnvelopeHeader{
					RequestServerVersion: &ews.RequestServerVersion{Version: ews.ExchangeVersionExchange2013},
					MailboxCulture:       &ews.MailboxCulture{Value: doc.text(t, "MailboxCulture")},
				},
				Body: &ews.RemoveImContactFromGroup{
					ContactId: &ews.ItemIdType{
						Id:        doc.attr(t, "ContactId", "Id"),
						ChangeKey: seedPtr(doc.attr(t, "ContactId", "ChangeKey")),
					},
					GroupId: &ews.ItemIdType{
						Id:        doc.attr(t, "GroupId", "Id"),
						ChangeKey: seedPtr(doc.attr(t, "GroupId", "ChangeKey")),
					},
				},
			}
		}},
		{"02.xml", ews.ServerStyle, func(t *testing.T, doc seedDoc) *ews.Envelope {
			return &ews.Envelope{
				Header: ews.EnvelopeHeader{ServerVersionInfo: seedServerVersion(t, doc)},
				Body: &ews.RemoveImContactFromGroupResponse{
					ResponseClass: ews.ResponseClassSuccess,
					ResponseCode:  seedPtr(ews.ResponseCodeNoError),
				},
			}
		}},
		{"03.xml", ews.ServerStyle, func(t *testing.T, doc seedDoc) *ews.Envelope {
			return &ews.Envelope{
				Header: ews.EnvelopeHeader{ServerVersionInfo: seedServerVersion(t, doc)},
				Body: &ews.RemoveImContactFromGroupResponse{
					ResponseClass:      ews.ResponseClassError,
					MessageText:        seedPtr(doc.text(t, "MessageText")),
					ResponseCode:       seedPtr(ews.ResponseCodeErrorInvalidImContactId),
					DescriptiveLinkKey: seedPtr(int32(0)),
				},
			}
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			doc := readSeedDoc(t, data)
			want := tc.build(t, doc)

			// Encode.
			out := want.Marshal(tc.style)
			if d := seedFirstDifference(normalizeTags(data), normalizeTags(out)); d != "" {
				t.Errorf("encoding differs from the documented message (white space between and inside tags ignored): %s\n--- documented\n%s\n--- encoded\n%s", d, data, out)
			}

			// Decode.
			got, err := ews.UnmarshalEnvelope(data)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if got.Fault != nil {
				t.Fatalf("decoded a fault: %v", got.Fault)
			}
			if !reflect.DeepEqual(got.Body, want.Body) {
				t.Errorf("decoded body\n%#v\nwant\n%#v", got.Body, want.Body)
			}
			h, wh := got.Header, want.Header
			for _, c := range []struct {
				name      string
				got, want any
			}{
				{"RequestServerVersion", h.RequestServerVersion, wh.RequestServerVersion},
				{"MailboxCulture", h.MailboxCulture, wh.MailboxCulture},
				{"ServerVersionInfo", h.ServerVersionInfo, wh.ServerVersionInfo},
				{"ExchangeImpersonation", h.ExchangeImpersonation, wh.ExchangeImpersonation},
				{"TimeZoneContext", h.TimeZoneContext, wh.TimeZoneContext},
				{"ManagementRole", h.ManagementRole, wh.ManagementRole},
				{"DateTimePrecision", h.DateTimePrecision, wh.DateTimePrecision},
				{"Other", h.Other, wh.Other},
			} {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Errorf("decoded header %s = %s, want %s", c.name, seedShow(c.got), seedShow(c.want))
				}
			}
			// The decoded value encodes to the same bytes as the built one.
			if again := got.Marshal(tc.style); !bytes.Equal(again, out) {
				t.Errorf("decoded message encodes differently from the built one:\n%s\n%s", again, out)
			}
		})
	}
}

func seedServerVersion(t *testing.T, doc seedDoc) *ews.ServerVersionInfo {
	num := func(name string) *int32 {
		s := doc.attr(t, "ServerVersionInfo", name)
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			t.Fatalf("ServerVersionInfo/@%s: %v", name, err)
		}
		return seedPtr(int32(n))
	}
	return &ews.ServerVersionInfo{
		MajorVersion:     num("MajorVersion"),
		MinorVersion:     num("MinorVersion"),
		MajorBuildNumber: num("MajorBuildNumber"),
		MinorBuildNumber: num("MinorBuildNumber"),
		Version:          seedPtr(string(ews.ExchangeVersionExchange2013)),
	}
}

func seedPtr[T any](v T) *T { return &v }

// show formats a value for a failure message, following pointers.
func seedShow(v any) string {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		return fmt.Sprintf("&%+v", rv.Elem().Interface())
	}
	return fmt.Sprintf("%+v", v)
}

// seedDoc holds the leaf values of a document, read with encoding/xml
// (independently of the generated decoder): the text of elements without
// child elements and the attributes, by local name, first occurrence.
type seedDoc struct {
	texts map[string]string // element local name -> text
	attrs map[string]string // "element@attribute" -> value
}

func readSeedDoc(t *testing.T, data []byte) seedDoc {
	t.Helper()
	v := seedDoc{texts: map[string]string{}, attrs: map[string]string{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	var text bytes.Buffer
	leaf := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tk.Name.Local)
			text.Reset()
			leaf = true
			for _, a := range tk.Attr {
				k := tk.Name.Local + "@" + a.Name.Local
				if _, ok := v.attrs[k]; !ok && a.Name.Space != "xmlns" && a.Name.Local != "xmlns" {
					v.attrs[k] = a.Value
				}
			}
		case xml.CharData:
			text.Write(tk)
		case xml.EndElement:
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if _, ok := v.texts[name]; leaf && !ok {
				v.texts[name] = text.String()
			}
			leaf = false
		}
	}
	return v
}

func (v seedDoc) text(t *testing.T, elem string) string {
	t.Helper()
	s, ok := v.texts[elem]
	if !ok {
		t.Fatalf("the documented message has no element %s", elem)
	}
	return s
}

func (v seedDoc) attr(t *testing.T, elem, attr string) string {
	t.Helper()
	s, ok := v.attrs[elem+"@"+attr]
	if !ok {
		t.Fatalf("the documented message has no attribute %s/@%s", elem, attr)
	}
	return s
}

// normalizeTags removes the white space that does not matter to a reader
// of the markup: white space only text between tags is dropped, and inside
// a tag (outside quoted attribute values) runs of white space become one
// space, with none before ">", "/>" or "?>" and none around "=". So
// `<soap:Body >` is `<soap:Body>`, `<x a="1" />` is `<x a="1"/>`, and
// attributes written on several lines equal attributes on one line.
// Everything else, including attribute order and where namespaces are
// declared, is kept.
func normalizeTags(b []byte) []byte {
	out := make([]byte, 0, len(b))
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	for i := 0; i < len(b); {
		if b[i] != '<' {
			// Character data up to the next tag: dropped when it is only
			// white space.
			j := i
			for j < len(b) && b[j] != '<' {
				j++
			}
			if len(bytes.TrimLeft(b[i:j], " \t\r\n")) > 0 {
				out = append(out, b[i:j]...)
			}
			i = j
			continue
		}
		// A tag: copy up to the closing '>', outside quotes.
		var quote byte
		pendingSpace := false
		for ; i < len(b); i++ {
			c := b[i]
			if quote != 0 {
				out = append(out, c)
				if c == quote {
					quote = 0
				}
				continue
			}
			if isSpace(c) {
				pendingSpace = true
				continue
			}
			if pendingSpace {
				if c != '>' && c != '/' && c != '?' && c != '=' && out[len(out)-1] != '=' {
					out = append(out, ' ')
				}
				pendingSpace = false
			}
			out = append(out, c)
			if c == '"' || c == '\'' {
				quote = c
			}
			if c == '>' {
				i++
				break
			}
		}
	}
	return out
}

// seedFirstDifference describes where a and b first differ, "" when equal.
func seedFirstDifference(a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	ctx := func(s []byte) string {
		lo, hi := max(i-40, 0), min(i+40, len(s))
		return fmt.Sprintf("%q", s[lo:hi])
	}
	return fmt.Sprintf("at byte %d of the normalized text: documented %s, encoded %s", i, ctx(a), ctx(b))
}

func TestNormalizeTags(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<soap:Body >", "<soap:Body>"},
		{`<x a="1" />`, `<x a="1"/>`},
		{"<x\n   a=\"1\"\n   b='2'\n/>", `<x a="1" b='2'/>`},
		{`<x a = "1"/>`, `<x a="1"/>`},
		{"<?xml version=\"1.0\" ?>\n<a>\n  <b> text </b>\n</a>", `<?xml version="1.0"?><a><b> text </b></a>`},
		{`<x a="  kept  >  "/>`, `<x a="  kept  >  "/>`},
		{`<x b="2" a="1"/>`, `<x b="2" a="1"/>`}, // attribute order is kept
	} {
		if got := string(normalizeTags([]byte(c.in))); got != c.want {
			t.Errorf("normalizeTags(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
