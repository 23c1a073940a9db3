// This file is copied next to the package generated from wsdl_two_ns (module
// "scratch", package notes) by TestGolden and run there with go test.
package notes_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	notes "scratch"
)

func rootName(t *testing.T, data []byte) xml.Name {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			t.Fatal(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name
		}
	}
}

// Every testdata/*.xml document decodes into the Go type of its element and
// encodes back to the same bytes; decoding that output gives the same value.
func TestDocumentsRoundTrip(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.xml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no documents: %v", err)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			name := rootName(t, data)
			v := notes.NewBodyElement(name)
			if v == nil {
				t.Fatalf("NewBodyElement(%v) = nil", name)
			}
			if v.XMLName() != name {
				t.Fatalf("XMLName() = %v, want %v", v.XMLName(), name)
			}
			if err := notes.Unmarshal(data, v); err != nil {
				t.Fatal(err)
			}
			out := notes.Marshal(v)
			if !bytes.Equal(out, data) {
				t.Fatalf("re-encoded differently:\nin:  %s\nout: %s", data, out)
			}
			w := notes.NewBodyElement(name)
			if err := notes.Unmarshal(out, w); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(v, w) {
				t.Fatalf("second decode differs:\n%#v\n%#v", v, w)
			}
		})
	}
}

// The decoded values are typed: the fields hold what the document says.
func TestDecodedFields(t *testing.T) {
	data, err := os.ReadFile("testdata/list_notes_response.xml")
	if err != nil {
		t.Fatal(err)
	}
	var r notes.ListNotesResponse
	if err := notes.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if r.ResponseClass != notes.ResponseClassWarning {
		t.Errorf("ResponseClass = %q", r.ResponseClass)
	}
	if r.ResponseCode == nil || *r.ResponseCode != notes.ResponseCodeErrorNoteNotFound {
		t.Errorf("ResponseCode = %v", r.ResponseCode)
	}
	if r.MessageText == nil || *r.MessageText != "2 notes & 1 <draft>" {
		t.Errorf("MessageText = %v", r.MessageText)
	}
	if r.Notes == nil || len(r.Notes.Note) != 2 {
		t.Fatalf("Notes = %+v", r.Notes)
	}
	n := r.Notes.Note[0]
	if n.NoteId == nil || n.NoteId.Id != "n-1" || n.NoteId.ChangeKey == nil || *n.NoteId.ChangeKey != "ck==" {
		t.Errorf("NoteId = %+v", n.NoteId)
	}
	if n.Title != "Milk & eggs" || n.Pinned == nil || !*n.Pinned || n.Size == nil || *n.Size != -9000000000 {
		t.Errorf("note = %+v", n)
	}
	if string(n.Body) != "hello" {
		t.Errorf("Body = %q", n.Body)
	}
	if n.Created == nil || !strings.HasPrefix(n.Created.Time().UTC().String(), "2024-01-02 03:04:05") {
		t.Errorf("Created = %v", n.Created)
	}
	if n.Tags == nil || len(n.Tags.Tag) != 2 || n.Tags.Tag[0].Value != "home" || n.Tags.Tag[0].Color == nil ||
		*n.Tags.Tag[0].Color != "red" || n.Tags.Tag[1].Color != nil {
		t.Errorf("Tags = %+v", n.Tags)
	}
	if r.Notes.Note[1].Title != "Second" || r.Notes.Note[1].NoteId != nil {
		t.Errorf("second note = %+v", r.Notes.Note[1])
	}
}

// A client envelope with two header elements decodes into the typed header
// fields and encodes back to the same bytes.
func TestEnvelopeRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/envelope.soap")
	if err != nil {
		t.Fatal(err)
	}
	env, err := notes.UnmarshalEnvelope(data)
	if err != nil {
		t.Fatal(err)
	}
	if env.Header.RequestServerVersion == nil || env.Header.RequestServerVersion.Version != notes.ExchangeVersionNotes2024 {
		t.Errorf("RequestServerVersion = %+v", env.Header.RequestServerVersion)
	}
	if env.Header.TimeZoneContext == nil || env.Header.TimeZoneContext.TimeZoneId != "UTC" {
		t.Errorf("TimeZoneContext = %+v", env.Header.TimeZoneContext)
	}
	req, ok := env.Body.(*notes.ListNotes)
	if !ok {
		t.Fatalf("Body is %T, want *notes.ListNotes", env.Body)
	}
	if req.MaxNotes == nil || *req.MaxNotes != 10 || len(req.NoteId) != 2 || req.NoteId[1].Id != "b" {
		t.Errorf("ListNotes = %+v", req)
	}
	out := env.Marshal(notes.ClientStyle)
	if !bytes.Equal(out, data) {
		t.Fatalf("re-encoded differently:\nin:  %s\nout: %s", data, out)
	}
}

// Operations lists both operations, sorted, with their header elements.
func TestOperationsTable(t *testing.T) {
	var names []string
	for _, op := range notes.Operations {
		names = append(names, op.Name)
	}
	if strings.Join(names, ",") != "ListNotes,PinNote" {
		t.Fatalf("Operations = %v", names)
	}
	pin := notes.Operations[1]
	if pin.Request.Local != "PinNote" || pin.Response.Local != "PinNoteResponse" || len(pin.RequestHeaders) != 2 ||
		pin.RequestHeaders[1].Local != "TimeZoneContext" || len(pin.ResponseHeaders) != 2 {
		t.Errorf("PinNote = %+v", pin)
	}
	var _ notes.BaseRequestType = &notes.PinNoteType{}
}

// A response header element in the messages namespace, with xsi:type, a
// foreign attribute whose source prefix is h and content in the types
// namespace, is written in server style with its own declarations (h, the
// default namespace, xsd, xsi, and t for its content), none twice; the
// output decodes (the decoder rejects a duplicate attribute) to the same
// names and encodes to the same bytes.
func TestServerStyleHeader(t *testing.T) {
	const m, tns = "http://schemas.microsoft.com/exchange/services/2006/messages", "http://schemas.microsoft.com/exchange/services/2006/types"
	in := `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<s:Header><m:NoteContext xmlns:m="` + m + `" xmlns:t="` + tns + `" xsi:type="m:NoteContextType" xmlns:h="urn:example:other" h:a="1">` +
		`<t:NoteId Id="n-1"/></m:NoteContext></s:Header>` +
		`<s:Body><m:PinNoteResponse xmlns:m="` + m + `" ResponseClass="Success"/></s:Body></s:Envelope>`
	env, err := notes.UnmarshalEnvelope([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if env.Header.NoteContext == nil || env.Header.NoteContext.NoteId == nil || env.Header.NoteContext.NoteId.Id != "n-1" {
		t.Fatalf("NoteContext = %+v", env.Header.NoteContext)
	}
	out := env.Marshal(notes.ServerStyle)
	back, err := notes.UnmarshalEnvelope(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if again := back.Marshal(notes.ServerStyle); !bytes.Equal(again, out) {
		t.Fatalf("encoding changes:\n%s\n%s", out, again)
	}
	var names []string
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok {
			n := se.Name.Space + " " + se.Name.Local
			for _, a := range se.Attr {
				if a.Name.Space != "xmlns" && a.Name.Local != "xmlns" {
					n += " " + a.Name.Space + ":" + a.Name.Local + "=" + a.Value
				}
			}
			names = append(names, n)
		}
	}
	want := []string{
		"http://schemas.xmlsoap.org/soap/envelope/ Envelope",
		"http://schemas.xmlsoap.org/soap/envelope/ Header",
		m + " NoteContext http://www.w3.org/2001/XMLSchema-instance:type=h:NoteContextType urn:example:other:a=1",
		tns + " NoteId :Id=n-1",
		"http://schemas.xmlsoap.org/soap/envelope/ Body",
		m + " PinNoteResponse :ResponseClass=Success",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("names:\n%s\nwant:\n%s\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"), out)
	}
}
