// This file is copied next to the package generated from soap12_multi
// (module "scratch", package shop) by TestGolden and run there with go test.
package shop_test

import (
	"context"
	"errors"
	"mime"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	shop "scratch"
)

type service struct {
	shop.UnimplementedService
	mu       sync.Mutex
	got      []any
	session  string
	shutdown chan *shop.Shutdown
}

func (s *service) add(v any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, v)
}

func (s *service) PlaceOrder(ctx context.Context, req *shop.PlaceOrder) (*shop.PlaceOrderResponse, error) {
	s.add(req)
	if h := shop.RequestHeader(ctx); h != nil && h.Session != nil {
		s.session = string(*h.Session)
	}
	if req.Quantity > 10 {
		f := &shop.SOAPFault{Code: shop.XSQName{Space: "http://schemas.xmlsoap.org/soap/envelope/", Local: "Client"}, String: "out of stock"}
		return nil, f.WithDetail(&shop.OutOfStock{Item: req.Item[0]})
	}
	q := shop.Quota(3)
	shop.OutgoingHeader(ctx).Quota = &q
	return &shop.PlaceOrderResponse{OrderId: "o-" + req.Item[0], Total: shop.XSDecimal("12.50")}, nil
}

func (s *service) Ping(ctx context.Context, req *shop.Ping) (*shop.Pong, error) {
	s.add(req)
	p := shop.Pong("pong " + string(*req))
	return &p, nil
}

func (s *service) Ping2(ctx context.Context, req *shop.AdminPing) (*shop.AdminPong, error) {
	s.add(req)
	p := shop.AdminPong("admin " + string(*req))
	return &p, nil
}

func (s *service) Shutdown(ctx context.Context, req *shop.Shutdown) error {
	s.add(req)
	s.shutdown <- req
	return nil
}

// requests records the Content-Type and SOAPAction of each request.
type requests struct {
	mu   sync.Mutex
	seen []http.Header
	next http.Handler
}

func (r *requests) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.seen = append(r.seen, req.Header.Clone())
	r.mu.Unlock()
	r.next.ServeHTTP(w, req)
}

func (r *requests) last() http.Header {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen[len(r.seen)-1]
}

func TestLoopback(t *testing.T) {
	svc := &service{shutdown: make(chan *shop.Shutdown, 1)}
	rec := &requests{next: shop.NewHandler(svc)}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	c := shop.NewClient(srv.URL, nil)
	ctx := context.Background()

	// PlaceOrder: SOAP 1.1 (the binding chosen for Orders), headers both ways.
	order := &shop.PlaceOrder{Item: []string{"pen", "ink"}, Quantity: 2}
	sess := shop.Session("s-1")
	var respHeader shop.EnvelopeHeader
	r, err := c.PlaceOrder(ctx, order, shop.WithHeader(func(h *shop.EnvelopeHeader) { h.Session = &sess }), shop.ResponseHeader(&respHeader))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(svc.got[0], order) || svc.session != "s-1" {
		t.Errorf("handler got %#v, session %q", svc.got[0], svc.session)
	}
	if want := (&shop.PlaceOrderResponse{OrderId: "o-pen", Total: "12.50"}); !reflect.DeepEqual(r, want) {
		t.Errorf("answer %#v, want %#v", r, want)
	}
	if respHeader.Quota == nil || *respHeader.Quota != 3 {
		t.Errorf("response header Quota = %v", respHeader.Quota)
	}
	h := rec.last()
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/xml") || h.Get("SOAPAction") != `"urn:example:shop/PlaceOrder"` {
		t.Errorf("SOAP 1.1 request: Content-Type %q, SOAPAction %q", ct, h.Get("SOAPAction"))
	}

	// A SOAP 1.1 fault with a detail.
	_, err = c.PlaceOrder(ctx, &shop.PlaceOrder{Item: []string{"pen"}, Quantity: 11})
	var f *shop.SOAPFault
	if !errors.As(err, &f) {
		t.Fatalf("err = %v, want a *SOAPFault", err)
	}
	if f.Code.Local != "Client" || f.String != "out of stock" {
		t.Errorf("fault %#v", f)
	}
	// the fault's detail element decodes into its Go type
	d, err := f.DetailElement()
	if err != nil {
		t.Fatal(err)
	}
	if want := (&shop.OutOfStock{Item: "pen"}); !reflect.DeepEqual(d, want) {
		t.Errorf("fault detail %#v, want %#v", d, want)
	}

	// ping of Orders (SOAP 1.1) and ping of Admin (SOAP 1.2): same name.
	p := shop.Ping("a")
	pong, err := c.Ping(ctx, &p)
	if err != nil || string(*pong) != "pong a" {
		t.Fatalf("Ping: %v %v", pong, err)
	}
	ap := shop.AdminPing("b")
	apong, err := c.Ping2(ctx, &ap)
	if err != nil || string(*apong) != "admin b" {
		t.Fatalf("Ping2: %v %v", apong, err)
	}
	h = rec.last()
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mt != "application/soap+xml" || params["action"] != "urn:example:shop/admin/ping" || h.Get("SOAPAction") != "" {
		t.Errorf("SOAP 1.2 request: Content-Type %q, SOAPAction %q", h.Get("Content-Type"), h.Get("SOAPAction"))
	}
	if !reflect.DeepEqual(svc.got[2], &p) || !reflect.DeepEqual(svc.got[3], &ap) {
		t.Errorf("handler got %#v and %#v", svc.got[2], svc.got[3])
	}

	// One-way SOAP 1.2.
	delay := int32(5)
	sd := &shop.Shutdown{Delay: &delay}
	if err := c.Shutdown(ctx, sd); err != nil {
		t.Fatal(err)
	}
	if got := <-svc.shutdown; !reflect.DeepEqual(got, sd) {
		t.Errorf("Shutdown got %#v", got)
	}
}

// A SOAP 1.2 request is answered in SOAP 1.2, faults included.
func TestSOAP12Fault(t *testing.T) {
	h := shop.NewHandler(&service{})
	body := `<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><AdminPing xmlns="urn:example:shop">x</AdminPing></e:Body></e:Envelope>`
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("Content-Type", `application/soap+xml; charset=utf-8; action="urn:example:shop/ping"`)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusInternalServerError || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/soap+xml") {
		t.Fatalf("status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	env, err := shop.UnmarshalEnvelope(rec.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if env.Version != shop.SOAP12 || env.Fault == nil {
		t.Fatalf("version %v, fault %v:\n%s", env.Version, env.Fault, rec.Body.String())
	}
	// a request error is the Sender's fault
	if env.Fault.Code != (shop.XSQName{Space: "http://www.w3.org/2003/05/soap-envelope", Local: "Sender"}) || env.Fault.String == "" {
		t.Errorf("fault code %v, reason %q", env.Fault.Code, env.Fault.String)
	}
	// re-encoded in SOAP 1.2 and decoded again: the same fault
	again, err := shop.UnmarshalEnvelope(env.Marshal(shop.ClientStyle))
	if err != nil {
		t.Fatal(err)
	}
	if again.Version != shop.SOAP12 || !reflect.DeepEqual(again.Fault.Code, env.Fault.Code) || again.Fault.String != env.Fault.String || again.Fault.Subcode != env.Fault.Subcode {
		t.Errorf("re-decoded fault %#v, want %#v", again.Fault, env.Fault)
	}
}

// A typed detail survives a SOAP 1.2 fault (Detail element) both ways, and
// a code of another namespace becomes the Subcode of Receiver.
func TestSOAP12TypedDetail(t *testing.T) {
	f := (&shop.SOAPFault{Code: shop.XSQName{Space: "urn:example:shop", Local: "NoStock"}, CodePrefix: "x", String: "none left"}).WithDetail(&shop.OutOfStock{Item: "ink"})
	env := shop.Envelope{Fault: f, Version: shop.SOAP12}
	for _, style := range []shop.Style{shop.ClientStyle, shop.ServerStyle} {
		data := env.Marshal(style)
		got, err := shop.UnmarshalEnvelope(data)
		if err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		if got.Version != shop.SOAP12 || got.Fault == nil {
			t.Fatalf("not a SOAP 1.2 fault: %s", data)
		}
		if got.Fault.Code.Local != "Receiver" || got.Fault.Subcode != f.Code || got.Fault.String != "none left" {
			t.Errorf("fault %#v from %s", got.Fault, data)
		}
		d, err := got.Fault.DetailElement()
		if err != nil || !reflect.DeepEqual(d, &shop.OutOfStock{Item: "ink"}) {
			t.Errorf("detail %#v, %v from %s", d, err, data)
		}
	}
}
