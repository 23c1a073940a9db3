package ews_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/corpus"
	"github.com/ewsgen/ewsgen/xsd"
)

func stubPv[T any](v T) *T { return &v }

var (
	stubCtxType  = reflect.TypeOf((*context.Context)(nil)).Elem()
	stubErrType  = reflect.TypeOf((*error)(nil)).Elem()
	stubBodyType = reflect.TypeOf((*ews.BodyElement)(nil)).Elem()
)

// stubElemName returns the element name of a *T body element type.
func stubElemName(t reflect.Type) (string, bool) {
	if t.Kind() != reflect.Pointer || !t.Implements(stubBodyType) {
		return "", false
	}
	v := reflect.New(t.Elem()).Interface().(ews.BodyElement)
	n := v.XMLName()
	return "{" + n.Space + "}" + n.Local, true
}

func stubCheckMethod(t *testing.T, who string, m reflect.Method, ok bool, op ews.Operation, params int) {
	t.Helper()
	if !ok {
		t.Errorf("%s has no method %s", who, op.Name)
		return
	}
	ft := m.Type
	if ft.NumIn() != params || ft.NumOut() != 2 || ft.In(1) != stubCtxType || ft.Out(1) != stubErrType {
		t.Errorf("%s.%s has signature %v", who, op.Name, ft)
		return
	}
	if got, ok := stubElemName(ft.In(2)); !ok || got != "{"+op.Request.Space+"}"+op.Request.Local {
		t.Errorf("%s.%s takes %v (%s), want element %v", who, op.Name, ft.In(2), got, op.Request)
	}
	if got, ok := stubElemName(ft.Out(0)); !ok || got != "{"+op.Response.Space+"}"+op.Response.Local {
		t.Errorf("%s.%s returns %v (%s), want element %v", who, op.Name, ft.Out(0), got, op.Response)
	}
}

// Every operation has a Client method and a Service method whose types are
// those of the operation's body elements.
func TestEveryOperationHasStubs(t *testing.T) {
	if len(ews.Operations) < 100 {
		t.Fatalf("only %d operations", len(ews.Operations))
	}
	ct := reflect.TypeOf((*ews.Client)(nil))
	st := reflect.TypeOf((*ews.Service)(nil)).Elem()
	ut := reflect.TypeOf(ews.UnimplementedService{})
	for _, op := range ews.Operations {
		m, ok := ct.MethodByName(op.Name)
		stubCheckMethod(t, "Client", m, ok, op, 4) // receiver, ctx, req, opts
		if ok && (!m.Type.IsVariadic() || m.Type.In(3).Elem() != reflect.TypeOf((*ews.CallOption)(nil)).Elem()) {
			t.Errorf("Client.%s: last parameter is not ...CallOption", op.Name)
		}
		m, ok = st.MethodByName(op.Name)
		if ok {
			// interface methods have no receiver: shift by building a func type view
			stubCheckIfaceMethod(t, m, op)
		} else {
			t.Errorf("Service has no method %s", op.Name)
		}
		m, ok = ut.MethodByName(op.Name)
		stubCheckMethod(t, "UnimplementedService", m, ok, op, 3)
	}
	if st.NumMethod() != len(ews.Operations) {
		t.Errorf("Service has %d methods, Operations %d", st.NumMethod(), len(ews.Operations))
	}
	var _ ews.Service = ews.UnimplementedService{}
}

func stubCheckIfaceMethod(t *testing.T, m reflect.Method, op ews.Operation) {
	t.Helper()
	ft := m.Type
	if ft.NumIn() != 2 || ft.NumOut() != 2 || ft.In(0) != stubCtxType || ft.Out(1) != stubErrType {
		t.Errorf("Service.%s has signature %v", op.Name, ft)
		return
	}
	if got, _ := stubElemName(ft.In(1)); got != "{"+op.Request.Space+"}"+op.Request.Local {
		t.Errorf("Service.%s takes %v", op.Name, ft.In(1))
	}
	if got, _ := stubElemName(ft.Out(0)); got != "{"+op.Response.Space+"}"+op.Response.Local {
		t.Errorf("Service.%s returns %v", op.Name, ft.Out(0))
	}
}

// The operations are exactly those of the WSDL the package was generated from.
func TestOperationsMatchWSDL(t *testing.T) {
	dir := corpus.Dir(t)
	set, err := xsd.Load([]string{corpus.WSDL(dir, "v2018_01_08")}, xsd.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, op := range set.WSDL.Operations {
		want = append(want, op.Name)
	}
	for _, op := range ews.Operations {
		got = append(got, op.Name)
	}
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Operations:\n%v\nWSDL:\n%v", got, want)
	}
	byName := map[string]*xsd.Operation{}
	for _, op := range set.WSDL.Operations {
		byName[op.Name] = op
	}
	for _, op := range ews.Operations {
		w := byName[op.Name]
		if w == nil {
			continue
		}
		if op.Action != w.Action || op.Request != w.Input.Body[0].Element || op.Response != w.Output.Body[0].Element {
			t.Errorf("%s: %+v, WSDL action %q in %v out %v", op.Name, op, w.Action, w.Input.Body[0].Element, w.Output.Body[0].Element)
		}
	}
}

// stubTestService implements a few operations.
type stubTestService struct {
	ews.UnimplementedService
	mu       sync.Mutex
	headers  []*ews.EnvelopeHeader
	requests []*http.Request
}

func (s *stubTestService) record(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.headers = append(s.headers, ews.RequestHeader(ctx))
	s.requests = append(s.requests, ews.HTTPRequest(ctx))
}

func (s *stubTestService) RemoveImContactFromGroup(ctx context.Context, req *ews.RemoveImContactFromGroup) (*ews.RemoveImContactFromGroupResponse, error) {
	s.record(ctx)
	if req.ContactId == nil || req.ContactId.Id != "good" {
		return &ews.RemoveImContactFromGroupResponse{
			ResponseClass:      ews.ResponseClassError,
			MessageText:        stubPv("The IM contact is not in this IM group."),
			ResponseCode:       stubPv(ews.ResponseCodeErrorInvalidImContactId),
			DescriptiveLinkKey: stubPv(int32(0)),
		}, nil
	}
	return &ews.RemoveImContactFromGroupResponse{ResponseClass: ews.ResponseClassSuccess, ResponseCode: stubPv(ews.ResponseCodeNoError)}, nil
}

func (s *stubTestService) GetItem(ctx context.Context, req *ews.GetItem) (*ews.GetItemResponse, error) {
	s.record(ctx)
	resp := &ews.GetItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{}}
	for _, it := range req.ItemIds.Items {
		id := it.(*ews.ItemIdType)
		var m *ews.GetItemResponseMessage
		if strings.HasPrefix(id.Id, "missing") {
			m = &ews.GetItemResponseMessage{
				ResponseClass:      ews.ResponseClassError,
				MessageText:        stubPv("No item with this id exists in the mailbox."),
				ResponseCode:       stubPv(ews.ResponseCodeErrorItemNotFound),
				DescriptiveLinkKey: stubPv(int32(0)),
				Items:              &ews.ArrayOfRealItemsType{},
			}
		} else {
			m = &ews.GetItemResponseMessage{
				ResponseClass: ews.ResponseClassSuccess,
				ResponseCode:  stubPv(ews.ResponseCodeNoError),
				Items: &ews.ArrayOfRealItemsType{List: []ews.ArrayOfRealItemsTypeChoice{
					&ews.MessageType{ItemId: &ews.ItemIdType{Id: id.Id, ChangeKey: stubPv("CK")}, Subject: stubPv("subject " + id.Id)},
				}},
			}
		}
		resp.ResponseMessages.Items = append(resp.ResponseMessages.Items, m)
	}
	return resp, nil
}

func (s *stubTestService) GetFolder(ctx context.Context, req *ews.GetFolder) (*ews.GetFolderResponse, error) {
	s.record(ctx)
	return nil, ews.ResponseCodeErrorAccessDenied
}

func (s *stubTestService) FindItem(ctx context.Context, req *ews.FindItem) (*ews.FindItemResponse, error) {
	s.record(ctx)
	return nil, errors.New("database on fire")
}

func stubNewServer(t *testing.T, s ews.Service, opts ...ews.HandlerOption) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(ews.NewHandler(s, opts...))
	t.Cleanup(srv.Close)
	return srv
}

var stubServerVersion = &ews.ServerVersionInfo{MajorVersion: stubPv(int32(15)), MinorVersion: stubPv(int32(20)), MajorBuildNumber: stubPv(int32(1)), MinorBuildNumber: stubPv(int32(0)), Version: stubPv("V2018_01_08")}

func stubRemoveReq(id string) *ews.RemoveImContactFromGroup {
	return &ews.RemoveImContactFromGroup{
		ContactId: &ews.ItemIdType{Id: id, ChangeKey: stubPv("CKc1")},
		GroupId:   &ews.ItemIdType{Id: "R3JvdXAtMDAx", ChangeKey: stubPv("CKg1")},
	}
}

func TestRoundTripSingleMessage(t *testing.T) {
	svc := &stubTestService{}
	srv := stubNewServer(t, svc, ews.WithServerVersion(stubServerVersion))
	c := ews.NewClient(srv.URL, srv.Client(), ews.WithRequestServerVersion(ews.ExchangeVersionExchange2013), ews.WithMailboxCulture("en-US"))
	ctx := context.Background()

	var rh ews.EnvelopeHeader
	resp, err := c.RemoveImContactFromGroup(ctx, stubRemoveReq("good"), ews.ResponseHeader(&rh))
	if err != nil {
		t.Fatal(err)
	}
	if resp.ResponseClass != ews.ResponseClassSuccess || *resp.ResponseCode != ews.ResponseCodeNoError {
		t.Errorf("response %+v", resp)
	}
	if rh.ServerVersionInfo == nil || *rh.ServerVersionInfo.MajorVersion != 15 || *rh.ServerVersionInfo.Version != "V2018_01_08" {
		t.Errorf("response header %+v", rh.ServerVersionInfo)
	}
	h := svc.headers[0]
	if h.RequestServerVersion == nil || h.RequestServerVersion.Version != ews.ExchangeVersionExchange2013 {
		t.Errorf("request header RequestServerVersion %+v", h.RequestServerVersion)
	}
	if h.MailboxCulture == nil || h.MailboxCulture.Value != "en-US" {
		t.Errorf("request header MailboxCulture %+v", h.MailboxCulture)
	}
	r := svc.requests[0]
	if ct := r.Header.Get("Content-Type"); ct != "text/xml; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if a := r.Header.Get("SOAPAction"); a != `"http://schemas.microsoft.com/exchange/services/2006/messages/RemoveImContactFromGroup"` {
		t.Errorf("SOAPAction %q", a)
	}

	// a per-call option overrides the client's default
	if _, err := c.RemoveImContactFromGroup(ctx, stubRemoveReq("good"), ews.WithRequestServerVersion(ews.ExchangeVersionV20180108)); err != nil {
		t.Fatal(err)
	}
	if v := svc.headers[1].RequestServerVersion.Version; v != ews.ExchangeVersionV20180108 {
		t.Errorf("per-call version %q", v)
	}

	// ResponseClass="Error" in the single message: the call fails, the response is returned
	resp, err = c.RemoveImContactFromGroup(ctx, stubRemoveReq("bad"))
	if err == nil {
		t.Fatal("no error")
	}
	if !errors.Is(err, ews.ResponseCodeErrorInvalidImContactId) {
		t.Errorf("errors.Is(%v, ErrorInvalidImContactId) = false", err)
	}
	if errors.Is(err, ews.ResponseCodeErrorItemNotFound) {
		t.Errorf("errors.Is(%v, ErrorItemNotFound) = true", err)
	}
	var re *ews.ResponseError
	if !errors.As(err, &re) || re.Code != ews.ResponseCodeErrorInvalidImContactId || re.Class != ews.ResponseClassError || re.Message != "The IM contact is not in this IM group." || re.Index != 0 {
		t.Errorf("ResponseError %+v", re)
	}
	if resp == nil || resp.ResponseClass != ews.ResponseClassError {
		t.Errorf("response not returned with the error: %+v", resp)
	}
	if errs := ews.ResponseErrors(resp); len(errs) != 1 || errs[0].Code != ews.ResponseCodeErrorInvalidImContactId {
		t.Errorf("ResponseErrors = %v", errs)
	}
}

// The client decodes Exchange's documented responses.
func TestClientDecodesDocumentedResponse(t *testing.T) {
	body := `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
   <s:Header>
      <h:ServerVersionInfo MajorVersion="15" MinorVersion="0" MajorBuildNumber="349" MinorBuildNumber="0" Version="Exchange2013" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types" xmlns="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
   </s:Header>
   <s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <RemoveImContactFromGroupResponse ResponseClass="Error" xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
         <MessageText>The IM contact is not in this IM group.</MessageText>
         <ResponseCode>ErrorInvalidImContactId</ResponseCode>
         <DescriptiveLinkKey>0</DescriptiveLinkKey>
      </RemoveImContactFromGroupResponse>
   </s:Body>
</s:Envelope>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		io.WriteString(w, body)
	}))
	defer srv.Close()
	c := ews.NewClient(srv.URL, nil)
	var rh ews.EnvelopeHeader
	_, err := c.RemoveImContactFromGroup(context.Background(), stubRemoveReq("x"), ews.ResponseHeader(&rh))
	if !errors.Is(err, ews.ResponseCodeErrorInvalidImContactId) {
		t.Fatalf("err = %v", err)
	}
	if rh.ServerVersionInfo == nil || *rh.ServerVersionInfo.Version != "Exchange2013" {
		t.Errorf("ServerVersionInfo %+v", rh.ServerVersionInfo)
	}
}

func TestMultiMessageResponse(t *testing.T) {
	srv := stubNewServer(t, &stubTestService{})
	c := ews.NewClient(srv.URL, srv.Client())
	req := &ews.GetItem{
		ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{
			&ews.ItemIdType{Id: "a"}, &ews.ItemIdType{Id: "missing-b"}, &ews.ItemIdType{Id: "c"},
		}},
	}
	resp, err := c.GetItem(context.Background(), req)
	if err != nil {
		t.Fatalf("a failed message failed the call: %v", err)
	}
	items := resp.ResponseMessages.Items
	if len(items) != 3 {
		t.Fatalf("%d messages", len(items))
	}
	for i, m := range items {
		err := ews.MessageError(m)
		if (i == 1) != (err != nil) {
			t.Errorf("message %d: MessageError = %v", i, err)
		}
		if i == 1 && !errors.Is(err, ews.ResponseCodeErrorItemNotFound) {
			t.Errorf("message 1: %v is not ErrorItemNotFound", err)
		}
		st, ok := ews.MessageStatus(m)
		if !ok {
			t.Errorf("message %d has no status", i)
		}
		if i != 1 {
			msg := m.(*ews.GetItemResponseMessage)
			got := msg.Items.List[0].(*ews.MessageType)
			if st.Class != ews.ResponseClassSuccess || *got.Subject != "subject "+req.ItemIds.Items[i].(*ews.ItemIdType).Id {
				t.Errorf("message %d: %+v %q", i, st, *got.Subject)
			}
		}
	}
	errs := ews.ResponseErrors(resp)
	if len(errs) != 1 || errs[0].Index != 1 || errs[0].Code != ews.ResponseCodeErrorItemNotFound || errs[0].Message == "" {
		t.Errorf("ResponseErrors = %+v", errs)
	}
	if n := len(ews.ResponseMessages(resp)); n != 3 {
		t.Errorf("ResponseMessages: %d", n)
	}
	if ews.MessageError("not a message") != nil {
		t.Error("MessageError of a non-message")
	}
}

func TestFaults(t *testing.T) {
	srv := stubNewServer(t, &stubTestService{})
	c := ews.NewClient(srv.URL, srv.Client())
	ctx := context.Background()

	// an implementation returning a response code: a fault with that code
	_, err := c.GetFolder(ctx, stubGetFolderReq())
	var f *ews.SOAPFault
	if !errors.As(err, &f) {
		t.Fatalf("GetFolder: %T %v, want *SOAPFault", err, err)
	}
	if f.Code.Local != "ErrorAccessDenied" || f.Code.Space != "http://schemas.microsoft.com/exchange/services/2006/types" || f.ResponseCode() != "ErrorAccessDenied" {
		t.Errorf("fault %+v", f)
	}
	if !errors.Is(err, ews.ResponseCodeErrorAccessDenied) {
		t.Errorf("errors.Is(fault, ErrorAccessDenied) = false")
	}

	// any other error: ErrorInternalServerError
	_, err = c.FindItem(ctx, stubFindItemReq())
	if !errors.As(err, &f) || f.ResponseCode() != "ErrorInternalServerError" || !strings.Contains(f.String, "database on fire") {
		t.Errorf("FindItem: %v", err)
	}

	// not implemented
	_, err = c.SendItem(ctx, stubSendItemReq())
	if !errors.As(err, &f) || f.ResponseCode() != "ErrorInvalidOperation" || !errors.Is(err, ews.ResponseCodeErrorInvalidOperation) {
		t.Errorf("SendItem: %v", err)
	}
}

func TestHTTPError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="x"`)
		http.Error(w, strings.Repeat("denied ", 1000), http.StatusUnauthorized)
	}))
	defer srv.Close()
	c := ews.NewClient(srv.URL, srv.Client())
	_, err := c.GetItem(context.Background(), stubGetItemReq())
	var he *ews.HTTPError
	if !errors.As(err, &he) {
		t.Fatalf("%T %v, want *HTTPError", err, err)
	}
	if he.StatusCode != 401 || he.Status != "401 Unauthorized" || len(he.Body) != 4096 || !bytes.HasPrefix(he.Body, []byte("denied")) || he.Header.Get("WWW-Authenticate") == "" {
		t.Errorf("%d %q %d bytes", he.StatusCode, he.Status, len(he.Body))
	}

	// HTTP 500 without a fault is an HTTPError too
	srv500 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer srv500.Close()
	_, err = ews.NewClient(srv500.URL, nil).GetItem(context.Background(), stubGetItemReq())
	if !errors.As(err, &he) || he.StatusCode != 500 {
		t.Errorf("500: %v", err)
	}
}

const stubBusyResponse = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<m:GetItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
<m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Error">
<m:MessageText>The server cannot service this request right now. Try again later.</m:MessageText>
<m:ResponseCode>ErrorServerBusy</m:ResponseCode>
<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
<m:MessageXml><t:Value Name="BackOffMilliseconds">%d</t:Value></m:MessageXml>
<m:Items/></m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse></s:Body></s:Envelope>`

const stubBusyResponseElem = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<RemoveImContactFromGroupResponse ResponseClass="Error" xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
<MessageText>busy</MessageText><ResponseCode>ErrorServerBusy</ResponseCode>
<MessageXml><BackOffMilliseconds xmlns="http://schemas.microsoft.com/exchange/services/2006/types">%d</BackOffMilliseconds></MessageXml>
</RemoveImContactFromGroupResponse></s:Body></s:Envelope>`

// stubBusyThenServe answers the first n requests with body (formatted with
// backoff ms), then passes to next.
func stubBusyThenServe(n int, body string, backoff int, next http.Handler) (http.Handler, *atomic.Int32, *[]time.Time) {
	var count atomic.Int32
	var times []time.Time
	var mu sync.Mutex
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		if int(count.Add(1)) <= n {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			fmt.Fprintf(w, body, backoff)
			return
		}
		next.ServeHTTP(w, r)
	}), &count, &times
}

func TestRetryServerBusy(t *testing.T) {
	h, count, times := stubBusyThenServe(1, stubBusyResponse, 200, ews.NewHandler(&stubTestService{}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := ews.NewClient(srv.URL, srv.Client(), ews.WithRetry(ews.RetryPolicy{MaxAttempts: 3, Budget: 10 * time.Second}))
	req := &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{&ews.ItemIdType{Id: "a"}}}}
	start := time.Now()
	resp, err := c.GetItem(context.Background(), req)
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if errs := ews.ResponseErrors(resp); len(errs) != 0 {
		t.Fatalf("still failing: %v", errs)
	}
	if count.Load() != 2 {
		t.Errorf("%d requests, want 2", count.Load())
	}
	if gap := (*times)[1].Sub((*times)[0]); gap < 200*time.Millisecond || elapsed < 200*time.Millisecond {
		t.Errorf("retried after %v (call took %v), want >= 200ms", gap, elapsed)
	}

	// the single-message form with a BackOffMilliseconds element
	h, count, times = stubBusyThenServe(1, stubBusyResponseElem, 150, ews.NewHandler(&stubTestService{}))
	srv2 := httptest.NewServer(h)
	defer srv2.Close()
	c = ews.NewClient(srv2.URL, srv2.Client(), ews.WithRetry(ews.RetryPolicy{MaxAttempts: 2}))
	if _, err := c.RemoveImContactFromGroup(context.Background(), stubRemoveReq("good")); err == nil || count.Load() != 1 {
		// RemoveImContactFromGroup is not idempotent: not retried
		t.Errorf("non-idempotent op: err %v after %d requests", err, count.Load())
	}
	c = ews.NewClient(srv2.URL, srv2.Client(), ews.WithRetry(ews.RetryPolicy{MaxAttempts: 2, RetryNonIdempotent: true}))
	count.Store(0)
	*times = nil
	if _, err := c.RemoveImContactFromGroup(context.Background(), stubRemoveReq("good")); err != nil || count.Load() != 2 {
		t.Errorf("RetryNonIdempotent: err %v after %d requests", err, count.Load())
	} else if gap := (*times)[1].Sub((*times)[0]); gap < 150*time.Millisecond {
		t.Errorf("retried after %v", gap)
	}
}

func TestRetryHTTP503AndBudget(t *testing.T) {
	var count atomic.Int32
	inner := ews.NewHandler(&stubTestService{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1) <= 2 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	defer srv.Close()
	req := &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{&ews.ItemIdType{Id: "a"}}}}
	c := ews.NewClient(srv.URL, srv.Client(), ews.WithRetry(ews.RetryPolicy{MaxAttempts: 5}))
	if _, err := c.GetItem(context.Background(), req); err != nil || count.Load() != 3 {
		t.Errorf("err %v after %d requests", err, count.Load())
	}
	// budget too small for the default backoff: the 503 is returned
	count.Store(0)
	c = ews.NewClient(srv.URL, srv.Client(), ews.WithRetry(ews.RetryPolicy{MaxAttempts: 5, Budget: time.Millisecond}))
	srvBusy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}))
	defer srvBusy.Close()
	c = ews.NewClient(srvBusy.URL, srvBusy.Client(), ews.WithRetry(ews.RetryPolicy{MaxAttempts: 5, Budget: 50 * time.Millisecond}))
	start := time.Now()
	_, err := c.GetItem(context.Background(), req)
	var he *ews.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 503 {
		t.Errorf("err %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("budget ignored: %v", d)
	}
}

func TestSendItemNotRetried(t *testing.T) {
	var count atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := ews.NewClient(srv.URL, srv.Client(), ews.WithRetry(ews.RetryPolicy{MaxAttempts: 4}))
	_, err := c.SendItem(context.Background(), stubSendItemReq())
	if err == nil || count.Load() != 1 {
		t.Errorf("SendItem: err %v after %d requests, want 1", err, count.Load())
	}
	if ews.Idempotent("SendItem", stubSendItemReq()) {
		t.Error("SendItem is idempotent")
	}
	if ews.Idempotent("CreateItem", &ews.CreateItem{MessageDisposition: stubPv(ews.MessageDispositionSaveOnly)}) {
		t.Error("CreateItem is idempotent")
	}
	if !ews.Idempotent("GetItem", stubGetItemReq()) || !ews.Idempotent("FindFolder", nil) || !ews.Idempotent("SyncFolderItems", nil) || !ews.Idempotent("ConvertId", nil) {
		t.Error("a read-only operation is not idempotent")
	}
	if !ews.Idempotent("DeleteItem", &ews.DeleteItem{}) {
		t.Error("DeleteItem without cancellations is not idempotent")
	}
	if ews.Idempotent("DeleteItem", &ews.DeleteItem{SendMeetingCancellations: stubPv(ews.CalendarItemCreateOrDeleteOperationSendToAllAndSaveCopy)}) {
		t.Error("DeleteItem sending cancellations is idempotent")
	}
}

func TestContextCancel(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := ews.NewClient(srv.URL, srv.Client())
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	start := time.Now()
	_, err := c.GetItem(ctx, stubGetItemReq())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("cancel did not interrupt the call")
	}

	// a cancel during a retry wait
	busy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}))
	defer busy.Close()
	c = ews.NewClient(busy.URL, busy.Client(), ews.WithRetry(ews.RetryPolicy{MaxAttempts: 3}))
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	start = time.Now()
	_, err = c.GetItem(ctx, stubGetItemReq())
	if !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}

	// a wait that would end after the context's deadline is not slept:
	// the throttling error comes back at once
	ctx, cancel = context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start = time.Now()
	_, err = c.GetItem(ctx, stubGetItemReq())
	var he *ews.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 503 || he.RetryAfter != 30*time.Second || time.Since(start) > time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
}

func TestNilRequest(t *testing.T) {
	c := ews.NewClient("http://127.0.0.1:1", nil)
	if _, err := c.GetItem(context.Background(), nil); err == nil {
		t.Error("nil request accepted")
	}
}

// Only the header elements the operation binds are sent; impersonation
// sets X-AnchorMailbox.
func TestHeaderBinding(t *testing.T) {
	svc := &stubTestService{}
	srv := stubNewServer(t, svc)
	tz := &ews.TimeZoneDefinitionType{Id: stubPv("Pacific Standard Time")}
	c := ews.NewClient(srv.URL, srv.Client(),
		ews.WithRequestServerVersion(ews.ExchangeVersionExchange2016),
		ews.WithTimeZoneContext(tz),
		ews.WithImpersonationSMTP("alice@contoso.com"),
	)
	ctx := context.Background()
	if _, err := c.GetItem(ctx, &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{&ews.ItemIdType{Id: "a"}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RemoveImContactFromGroup(ctx, stubRemoveReq("good")); err != nil {
		t.Fatal(err)
	}
	binds := func(op, local string) bool {
		for _, o := range ews.Operations {
			if o.Name == op {
				for _, h := range o.RequestHeaders {
					if h.Local == local {
						return true
					}
				}
			}
		}
		return false
	}
	for i, op := range []string{"GetItem", "RemoveImContactFromGroup"} {
		h := svc.headers[i]
		if got, want := h.TimeZoneContext != nil, binds(op, "TimeZoneContext"); got != want {
			t.Errorf("%s: TimeZoneContext sent %v, bound %v", op, got, want)
		}
		if got, want := h.ExchangeImpersonation != nil, binds(op, "ExchangeImpersonation"); got != want {
			t.Errorf("%s: ExchangeImpersonation sent %v, bound %v", op, got, want)
		}
		if h.RequestServerVersion == nil {
			t.Errorf("%s: no RequestServerVersion", op)
		}
	}
	if !binds("GetItem", "TimeZoneContext") || binds("RemoveImContactFromGroup", "TimeZoneContext") {
		t.Fatal("test premise: GetItem binds TimeZoneContext, RemoveImContactFromGroup does not")
	}
	h := svc.headers[0]
	if h.ExchangeImpersonation == nil || h.ExchangeImpersonation.ConnectingSID.PrimarySmtpAddress.Value != "alice@contoso.com" {
		t.Errorf("impersonation %+v", h.ExchangeImpersonation)
	}
	if a := svc.requests[0].Header.Get("X-AnchorMailbox"); a != "alice@contoso.com" {
		t.Errorf("X-AnchorMailbox %q", a)
	}
	if h.TimeZoneContext == nil || *h.TimeZoneContext.TimeZoneDefinition.Id != "Pacific Standard Time" {
		t.Errorf("TimeZoneContext %+v", h.TimeZoneContext)
	}
}

// Hooks see every attempt, with the bodies but never the credentials.
func TestHookNeverSeesCredentials(t *testing.T) {
	const user, password = `CONTOSO\alice`, "S3cr3t-Pa55w0rd!"
	inner := ews.NewHandler(&stubTestService{})
	var auths []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auths = append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		u, p, ok := r.BasicAuth()
		if !ok || u != user || p != password {
			w.Header().Set("WWW-Authenticate", `Basic realm="ews"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	defer srv.Close()
	var log bytes.Buffer
	hook := func(ev ews.HookEvent) {
		fmt.Fprintf(&log, "%+v\n%s\n%s\n%v\n", ev, ev.Request, ev.Response, ev.Err)
	}
	hc := &http.Client{Transport: auth.Basic(user, password, nil, auth.AllowPlainHTTP())}
	c := ews.NewClient(srv.URL, hc, ews.WithHook(hook))
	if _, err := c.RemoveImContactFromGroup(context.Background(), stubRemoveReq("good")); err != nil {
		t.Fatal(err)
	}
	var ev ews.HookEvent
	_, err := c.RemoveImContactFromGroup(context.Background(), stubRemoveReq("bad"), ews.WithHook(func(e ews.HookEvent) { ev = e }))
	if err == nil || ev.Operation != "RemoveImContactFromGroup" || ev.StatusCode != 200 || ev.Attempt != 1 || ev.Err == nil || len(ev.Request) == 0 || len(ev.Response) == 0 || ev.Duration <= 0 {
		t.Errorf("hook event %+v", ev)
	}
	// wrong credentials: 401
	bad := ews.NewClient(srv.URL, &http.Client{Transport: auth.Basic(user, "wrong-"+password, nil, auth.AllowPlainHTTP())}, ews.WithHook(hook))
	if _, err := bad.GetItem(context.Background(), stubGetItemReq()); err == nil {
		t.Error("wrong password accepted")
	}
	fmt.Fprintf(&log, "%v %+v %#v\n", hc.Transport, hc.Transport, hc.Transport)
	if len(auths) == 0 || !strings.HasPrefix(auths[0], "Basic ") {
		t.Fatalf("no credentials sent: %q", auths)
	}
	s := log.String()
	if !strings.Contains(s, "RemoveImContactFromGroup") {
		t.Fatal("hook saw nothing")
	}
	for _, secret := range []string{password, base64.StdEncoding.EncodeToString([]byte(user + ":" + password)), auths[0], "Authorization"} {
		if strings.Contains(s, secret) {
			t.Errorf("hook output contains %q", secret)
		}
	}
}
