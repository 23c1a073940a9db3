// This file is copied next to the package generated from ops_names (module
// "scratch", package registry) by TestGolden and run there with go test.
package registry_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	registry "scratch"
)

// service records what each method received.
type service struct {
	registry.UnimplementedService
	mu       sync.Mutex
	got      map[string]any
	trace    string
	notified chan *registry.Event
}

func (s *service) record(op string, v any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got[op] = v
}

func (s *service) GetQueryNames(ctx context.Context, req *registry.QueryNames) (*registry.QueryNamesResult, error) {
	s.record("getQueryNames", req)
	return &registry.QueryNamesResult{Name: []string{req.Prefix + "a", req.Prefix + "b"}}, nil
}

func (s *service) GetQueryNames2(ctx context.Context, req *registry.QueryNamesDashed) (*registry.QueryNamesResult, error) {
	s.record("get-query-names", req)
	return &registry.QueryNamesResult{Name: []string{string(*req)}}, nil
}

func (s *service) DocumentRegistryRegisterDocumentSetB(ctx context.Context, req *registry.RegisterSet) (*registry.RegisterSetResult, error) {
	s.record("DocumentRegistry_RegisterDocumentSet-b", req)
	if h := registry.RequestHeader(ctx); h != nil && h.Trace != nil {
		s.mu.Lock()
		s.trace = string(*h.Trace)
		s.mu.Unlock()
	}
	r := registry.RegisterSetResult(len(req.Entry) == 2)
	return &r, nil
}

func (s *service) Notify(ctx context.Context, req *registry.Event) error {
	s.record("notify", req)
	s.notified <- req
	return nil
}

// Every operation, whatever its WSDL name, has a Client and a Service
// method; a call from the generated client reaches the generated handler
// with the value sent, and the answer arrives as the handler wrote it.
func TestLoopback(t *testing.T) {
	svc := &service{got: map[string]any{}, notified: make(chan *registry.Event, 1)}
	srv := httptest.NewServer(registry.NewHandler(svc))
	defer srv.Close()
	c := registry.NewClient(srv.URL, nil)
	ctx := context.Background()

	limit := int32(7)
	q := &registry.QueryNames{Prefix: "doc-", Limit: &limit}
	r, err := c.GetQueryNames(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(svc.got["getQueryNames"], q) {
		t.Errorf("handler got %#v, want %#v", svc.got["getQueryNames"], q)
	}
	if want := []string{"doc-a", "doc-b"}; !reflect.DeepEqual(r.Name, want) {
		t.Errorf("answer %q, want %q", r.Name, want)
	}

	d := registry.QueryNamesDashed("x y")
	r, err = c.GetQueryNames2(ctx, &d)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(svc.got["get-query-names"], &d) || !reflect.DeepEqual(r.Name, []string{"x y"}) {
		t.Errorf("get-query-names: handler got %#v, answer %#v", svc.got["get-query-names"], r)
	}

	set := &registry.RegisterSet{Id: "set-1", Entry: []string{"one", "two"}}
	tr := registry.Trace("trace-42")
	ok, err := c.DocumentRegistryRegisterDocumentSetB(ctx, set, registry.WithHeader(func(h *registry.EnvelopeHeader) { h.Trace = &tr }))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(svc.got["DocumentRegistry_RegisterDocumentSet-b"], set) || !bool(*ok) {
		t.Errorf("register: handler got %#v, answer %v", svc.got["DocumentRegistry_RegisterDocumentSet-b"], *ok)
	}
	if svc.trace != "trace-42" {
		t.Errorf("header Trace = %q, want trace-42", svc.trace)
	}

	ev := &registry.Event{What: "changed"}
	if err := c.Notify(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if got := <-svc.notified; !reflect.DeepEqual(got, ev) {
		t.Errorf("notify: handler got %#v, want %#v", got, ev)
	}

	// Endpoint is a Client method already: the operation "endpoint" is Endpoint2.
	info := registry.EndpointInfo("where")
	_, err = c.Endpoint2(ctx, &info)
	var f *registry.SOAPFault
	if !errors.As(err, &f) {
		t.Fatalf("unimplemented operation: err %v, want a *SOAPFault", err)
	}
	if c.Endpoint() != srv.URL {
		t.Errorf("Endpoint() = %q", c.Endpoint())
	}
}

// A one-way operation is answered with 202 and no body.
func TestOneWayStatus(t *testing.T) {
	svc := &service{got: map[string]any{}, notified: make(chan *registry.Event, 1)}
	rec := httptest.NewRecorder()
	body := `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Event xmlns="urn:example:registry"><what>w</what></Event></s:Body></s:Envelope>`
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	registry.NewHandler(svc).ServeHTTP(rec, req)
	if rec.Code != http.StatusAccepted || rec.Body.Len() != 0 {
		t.Fatalf("status %d body %q, want 202 and no body", rec.Code, rec.Body.String())
	}
	if got := <-svc.notified; got.What != "w" {
		t.Fatalf("handler got %#v", got)
	}
}
