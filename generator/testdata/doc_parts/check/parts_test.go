// This file is copied next to the package generated from doc_parts
// (module "scratch", package bank) by TestGolden and run there with go test.
package bank_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"testing"

	bank "scratch"
)

type service struct {
	bank.UnimplementedService
	got []any
}

func (s *service) Statement(ctx context.Context, req *bank.Request) (*bank.StatementOut, error) {
	s.got = append(s.got, req)
	return &bank.StatementOut{Date: bank.XSDate{Year: 2026, Month: 12, Day: 6}, Amount: "12.50", Customer: "Ada " + req.Account}, nil
}

func (s *service) Annotate(ctx context.Context, req *bank.Note) (*bank.NoteResult, error) {
	s.got = append(s.got, req)
	return &bank.NoteResult{Text: req.Text + "!", Tag: append(req.Tag, "seen")}, nil
}

func (s *service) Transfer(ctx context.Context, req *bank.TransferIn) (*bank.Ok, error) {
	s.got = append(s.got, req)
	ok := bank.Ok(req.Amount == "3.25")
	return &ok, nil
}

// bodies records the request and response envelopes.
type bodies struct {
	req, resp []byte
	next      http.Handler
}

func (b *bodies) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.req, _ = io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b.req))
	rec := httptest.NewRecorder()
	b.next.ServeHTTP(rec, r)
	b.resp = rec.Body.Bytes()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write(b.resp)
}

func match(t *testing.T, what string, data []byte, res ...string) {
	t.Helper()
	for _, re := range res {
		if !regexp.MustCompile(re).Match(data) {
			t.Errorf("%s does not match %s:\n%s", what, re, data)
		}
	}
}

func TestLoopback(t *testing.T) {
	svc := &service{}
	rec := &bodies{next: bank.NewHandler(svc)}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	c := bank.NewClient(srv.URL, nil)
	ctx := context.Background()

	// several element parts: the Body holds each part's element, in order
	st, err := c.Statement(ctx, &bank.Request{Account: "42"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (&bank.StatementOut{Date: bank.XSDate{Year: 2026, Month: 12, Day: 6}, Amount: "12.50", Customer: "Ada 42"}); !reflect.DeepEqual(st, want) {
		t.Errorf("Statement: %#v, want %#v", st, want)
	}
	match(t, "response", rec.resp,
		`<s:Body[^>]*><(\w+:)?Date [^>]*>2026-12-06</(\w+:)?Date><(\w+:)?Amount [^>]*>12.50</(\w+:)?Amount><(\w+:)?Customer [^>]*>Ada 42</(\w+:)?Customer></s:Body>`,
		`<(\w+:)?Customer [^>]*="urn:example:bank:customer"`)

	// a type= part: its accessor, unqualified, named after the part
	note := &bank.Note{Text: "hello", Tag: []string{"a", "b"}}
	nr, err := c.Annotate(ctx, note)
	if err != nil {
		t.Fatal(err)
	}
	if want := (&bank.NoteResult{Text: "hello!", Tag: []string{"a", "b", "seen"}}); !reflect.DeepEqual(nr, want) {
		t.Errorf("Annotate: %#v, want %#v", nr, want)
	}
	match(t, "request", rec.req, `<soap:Body><note><(\w+:)Text>hello</(\w+:)Text>`)
	match(t, "response", rec.resp, `<s:Body[^>]*><noteResult[ >]`)

	// a request of several parts: the server knows it by its SOAPAction
	ok, err := c.Transfer(ctx, &bank.TransferIn{Amount: "3.25", Customer: "Bob"})
	if err != nil {
		t.Fatal(err)
	}
	if !bool(*ok) {
		t.Errorf("Transfer: %v", *ok)
	}
	match(t, "request", rec.req, `<soap:Body><\w+:Amount>3.25</\w+:Amount><\w+:Customer>Bob</\w+:Customer></soap:Body>`)
	match(t, "response", rec.resp, `<s:Body[^>]*><ok>true</ok></s:Body>`)

	want := []any{&bank.Request{Account: "42"}, note, &bank.TransferIn{Amount: "3.25", Customer: "Bob"}}
	if !reflect.DeepEqual(svc.got, want) {
		t.Errorf("handler got %#v, want %#v", svc.got, want)
	}
}
