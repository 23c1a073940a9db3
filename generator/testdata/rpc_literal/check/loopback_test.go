// This file is copied next to the package generated from rpc_literal
// (module "scratch", package quotes) by TestGolden and run there with go test.
package quotes_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	quotes "scratch"
)

type service struct {
	quotes.UnimplementedService
	got *quotes.GetQuote
}

func (s *service) GetQuote(ctx context.Context, req *quotes.GetQuote) (*quotes.GetQuoteResponse, error) {
	s.got = req
	when := quotes.XSDateTimeOf(time.Date(2026, 12, 5, 10, 30, 0, 0, time.UTC))
	return &quotes.GetQuoteResponse{Quote: &quotes.Quote{Symbol: req.Symbol, Price: "101.25", When: &when}, Stale: true}, nil
}

func (s *service) Ping(ctx context.Context, req *quotes.Ping) (*quotes.PingResponse, error) {
	return &quotes.PingResponse{Ok: 1}, nil
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

// rpc/literal: the wrapper is named after the operation in the soap:body
// namespace, the parts are unqualified children named after the parts.
func TestLoopback(t *testing.T) {
	svc := &service{}
	rec := &bodies{next: quotes.NewHandler(svc)}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	c := quotes.NewClient(srv.URL, nil)

	req := &quotes.GetQuote{Symbol: "ACME", Market: "XNYS"}
	r, err := c.GetQuote(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(svc.got, req) {
		t.Errorf("handler got %#v, want %#v", svc.got, req)
	}
	when := quotes.XSDateTimeOf(time.Date(2026, 12, 5, 10, 30, 0, 0, time.UTC))
	want := &quotes.GetQuoteResponse{Quote: &quotes.Quote{Symbol: "ACME", Price: "101.25", When: &when}, Stale: true}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("answer %#v, want %#v", r, want)
	}
	// the wrapper's prefix is the one the namespace table gives it
	for _, s := range []string{`:getQuote>`, `="urn:example:quotes:rpc"`, `<symbol>ACME</symbol>`, `<market>XNYS</market>`} {
		if !strings.Contains(string(rec.req), s) {
			t.Errorf("request lacks %s:\n%s", s, rec.req)
		}
	}
	if !strings.Contains(string(rec.resp), `<stale>true</stale>`) || !strings.Contains(string(rec.resp), `getQuoteResponse`) {
		t.Errorf("response:\n%s", rec.resp)
	}

	p, err := c.Ping(context.Background(), &quotes.Ping{})
	if err != nil || p.Ok != 1 {
		t.Fatalf("Ping: %v %v", p, err)
	}
}
