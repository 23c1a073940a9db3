package ews_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/corpus"
	"github.com/ewsgen/ewsgen/internal/xmlcmp"
)

const (
	stubTypesNS  = "http://schemas.microsoft.com/exchange/services/2006/types"
	stubErrorsNS = "http://schemas.microsoft.com/exchange/services/2006/errors"
)

// stubPost sends body to url with a SOAPAction (none when action is "-").
func stubPost(t *testing.T, url, action, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	if action != "-" {
		req.Header.Set("SOAPAction", action)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// stubPostFault posts and decodes the fault response.
func stubPostFault(t *testing.T, url, action, body string) *ews.SOAPFault {
	t.Helper()
	resp, b := stubPost(t, url, action, body)
	return stubFault(t, resp, b)
}

// fault decodes a fault response.
func stubFault(t *testing.T, resp *http.Response, b []byte) *ews.SOAPFault {
	t.Helper()
	if resp.StatusCode != 500 {
		t.Fatalf("status %s, want 500: %s", resp.Status, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/xml; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	env, err := ews.UnmarshalEnvelope(b)
	if err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if env.Fault == nil {
		t.Fatalf("no fault: %s", b)
	}
	return env.Fault
}

func stubDetailChild(f *ews.SOAPFault, space, local string) *ews.XSAnyElement {
	if f.Detail == nil {
		return nil
	}
	for _, c := range f.Detail.Children {
		if c.Elem != nil && c.Elem.Name.Space == space && c.Elem.Name.Local == local {
			return c.Elem
		}
	}
	return nil
}

const stubRemoveEnvelope = `<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
  <soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header>
  <soap:Body>
    <m:RemoveImContactFromGroup><m:ContactId Id="good"/><m:GroupId Id="g"/></m:RemoveImContactFromGroup>
  </soap:Body>
</soap:Envelope>`

const stubRemoveAction = "http://schemas.microsoft.com/exchange/services/2006/messages/RemoveImContactFromGroup"

func TestHandlerMethodNotAllowed(t *testing.T) {
	srv := stubNewServer(t, &stubTestService{})
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET: %s, Allow %q", resp.Status, resp.Header.Get("Allow"))
	}
}

func TestHandlerSchemaValidation(t *testing.T) {
	srv := stubNewServer(t, &stubTestService{})
	for _, tc := range []struct {
		name, body string
		line       string
	}{
		{"not well-formed", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n<soap:Body>\n<m:GetFolder xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\">\n</soap:Body></soap:Envelope>", "4"},
		{"not an envelope", "<x/>", "1"},
		{"unknown body element", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\n<m:NoSuchOperation xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\"/></soap:Body></soap:Envelope>", "2"},
		{"bad value", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\n\n<m:SendItem SaveItemToFolder=\"maybe\" xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\"></m:SendItem></soap:Body></soap:Envelope>", "3"},
		{"empty", "", "1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := stubPostFault(t, srv.URL, "-", tc.body)
			if f.Code.Space != stubTypesNS || f.Code.Local != "ErrorSchemaValidation" || f.CodePrefix != "a" {
				t.Errorf("faultcode %v (prefix %q)", f.Code, f.CodePrefix)
			}
			if !strings.HasPrefix(f.String, "The request does not conform to the schema") {
				t.Errorf("faultstring %q", f.String)
			}
			if c := stubDetailChild(f, stubErrorsNS, "ResponseCode"); c == nil || c.Text() != "ErrorSchemaValidation" {
				t.Errorf("detail ResponseCode %v", c)
			}
			if c := stubDetailChild(f, stubErrorsNS, "Message"); c == nil || c.Text() != "The request does not conform to the schema." {
				t.Errorf("detail Message %v", c)
			}
			mx := stubDetailChild(f, stubTypesNS, "MessageXml")
			if mx == nil {
				t.Fatal("no MessageXml")
			}
			got := map[string]string{}
			for _, c := range mx.Children {
				if c.Elem != nil && c.Elem.Name.Space == stubTypesNS {
					got[c.Elem.Name.Local] = c.Elem.Text()
				}
			}
			if got["LineNumber"] != tc.line || got["LinePosition"] == "" || got["Violation"] == "" {
				t.Errorf("MessageXml %v, want line %s", got, tc.line)
			}
			if !errors.Is(f, ews.ResponseCodeErrorSchemaValidation) {
				t.Error("errors.Is(fault, ErrorSchemaValidation) = false")
			}
		})
	}
}

func TestHandlerSOAPAction(t *testing.T) {
	srv := stubNewServer(t, &stubTestService{})
	for _, action := range []string{"-", `""`, `"` + stubRemoveAction + `"`, stubRemoveAction} {
		resp, b := stubPost(t, srv.URL, action, stubRemoveEnvelope)
		if resp.StatusCode != 200 {
			t.Errorf("SOAPAction %s: %s %s", action, resp.Status, b)
		}
	}
	f := stubPostFault(t, srv.URL, `"http://schemas.microsoft.com/exchange/services/2006/messages/GetItem"`, stubRemoveEnvelope)
	if f.ResponseCode() != "ErrorInvalidRequest" {
		t.Errorf("mismatched SOAPAction: %v", f)
	}
	// a body element that is no operation's request
	f = stubPostFault(t, srv.URL, "-", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:GetItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"/></soap:Body></soap:Envelope>`)
	if f.ResponseCode() != "ErrorInvalidRequest" {
		t.Errorf("response element as request: %v", f)
	}
}

func TestHandlerVersionCheck(t *testing.T) {
	var seen []string
	srv := stubNewServer(t, &stubTestService{}, ews.WithVersionCheck(func(v string) bool {
		seen = append(seen, v)
		return v == "Exchange2013"
	}))
	c := ews.NewClient(srv.URL, srv.Client())
	ctx := context.Background()
	if _, err := c.RemoveImContactFromGroup(ctx, stubRemoveReq("good"), ews.WithRequestServerVersion(ews.ExchangeVersionExchange2013)); err != nil {
		t.Errorf("accepted version: %v", err)
	}
	_, err := c.RemoveImContactFromGroup(ctx, stubRemoveReq("good"), ews.WithRequestServerVersion("Exchange2099"))
	var f *ews.SOAPFault
	if !errors.As(err, &f) || f.Code.Local != "ErrorInvalidServerVersion" || !errors.Is(err, ews.ResponseCodeErrorInvalidServerVersion) {
		t.Errorf("unknown version: %v", err)
	}
	_, err = c.RemoveImContactFromGroup(ctx, stubRemoveReq("good"))
	if !errors.Is(err, ews.ResponseCodeErrorInvalidServerVersion) {
		t.Errorf("no version: %v", err)
	}
	if strings.Join(seen, ",") != "Exchange2013,Exchange2099," {
		t.Errorf("check saw %q", seen)
	}
}

type stubPanicService struct{ ews.UnimplementedService }

func (stubPanicService) GetItem(ctx context.Context, req *ews.GetItem) (*ews.GetItemResponse, error) {
	panic("boom")
}

func (stubPanicService) FindFolder(ctx context.Context, req *ews.FindFolder) (*ews.FindFolderResponse, error) {
	return nil, nil // no response, no error
}

func TestHandlerImplementationFailures(t *testing.T) {
	srv := stubNewServer(t, stubPanicService{})
	c := ews.NewClient(srv.URL, srv.Client())
	_, err := c.GetItem(context.Background(), stubGetItemReq())
	if !errors.Is(err, ews.ResponseCodeErrorInternalServerError) {
		t.Errorf("panic: %v", err)
	}
	_, err = c.FindFolder(context.Background(), stubFindFolderReq())
	if !errors.Is(err, ews.ResponseCodeErrorInternalServerError) {
		t.Errorf("nil response: %v", err)
	}
	// a custom fault passes through unchanged
	custom := ews.NewFault("ErrorMailboxStoreUnavailable", "store down", nil)
	srv2 := stubNewServer(t, stubFaultService{f: custom})
	_, err = ews.NewClient(srv2.URL, nil).GetItem(context.Background(), stubGetItemReq())
	var f *ews.SOAPFault
	if !errors.As(err, &f) || f.String != "store down" || !errors.Is(err, ews.ResponseCodeErrorMailboxStoreUnavailable) {
		t.Errorf("custom fault: %v", err)
	}
}

type stubFaultService struct {
	ews.UnimplementedService
	f *ews.SOAPFault
}

func (s stubFaultService) GetItem(ctx context.Context, req *ews.GetItem) (*ews.GetItemResponse, error) {
	return nil, s.f
}

func TestHandlerRequestTooLarge(t *testing.T) {
	srv := stubNewServer(t, &stubTestService{}, ews.WithMaxRequestBytes(100))
	resp, _ := stubPost(t, srv.URL, "-", stubRemoveEnvelope)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %s", resp.Status)
	}
}

type stubHeaderService struct{ ews.UnimplementedService }

func (stubHeaderService) RemoveImContactFromGroup(ctx context.Context, req *ews.RemoveImContactFromGroup) (*ews.RemoveImContactFromGroupResponse, error) {
	if op := ews.CurrentOperation(ctx); op == nil || op.Name != "RemoveImContactFromGroup" {
		return nil, errors.New("CurrentOperation")
	}
	h := ews.OutgoingHeader(ctx)
	v := *h.ServerVersionInfo // set by WithServerVersion
	v.Version = stubPv(string(ews.RequestHeader(ctx).RequestServerVersion.Version))
	h.ServerVersionInfo = &v
	return &ews.RemoveImContactFromGroupResponse{ResponseClass: ews.ResponseClassSuccess, ResponseCode: stubPv(ews.ResponseCodeNoError)}, nil
}

func TestHandlerOutgoingHeader(t *testing.T) {
	srv := stubNewServer(t, stubHeaderService{}, ews.WithServerVersion(stubServerVersion))
	var rh ews.EnvelopeHeader
	_, err := ews.NewClient(srv.URL, nil).RemoveImContactFromGroup(context.Background(), stubRemoveReq("x"),
		ews.WithRequestServerVersion(ews.ExchangeVersionExchange2016), ews.ResponseHeader(&rh))
	if err != nil {
		t.Fatal(err)
	}
	if rh.ServerVersionInfo == nil || *rh.ServerVersionInfo.Version != "Exchange2016" || *rh.ServerVersionInfo.MajorVersion != 15 {
		t.Errorf("ServerVersionInfo %+v", rh.ServerVersionInfo)
	}
	if *stubServerVersion.Version != "V2018_01_08" {
		t.Error("the handler's default header was modified")
	}
	if ews.RequestHeader(context.Background()) != nil || ews.OutgoingHeader(context.Background()) != nil || ews.HTTPRequest(context.Background()) != nil {
		t.Error("context accessors outside a handler")
	}
}

// The handler answers Exchange's documented request with Exchange's
// documented response, in Exchange's style.
func TestHandlerDocumentedExchange(t *testing.T) {
	dir := corpus.Dir(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, "examples", "removeimcontactfromgroup-operation", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sv := &ews.ServerVersionInfo{MajorVersion: stubPv(int32(15)), MinorVersion: stubPv(int32(0)), MajorBuildNumber: stubPv(int32(349)), MinorBuildNumber: stubPv(int32(0)), Version: stubPv("Exchange2013")}
	// The contact id the service expects and the error text it answers
	// come from the documented messages themselves, read at test time.
	reqEnv, err := ews.UnmarshalEnvelope(read("01.xml"))
	if err != nil {
		t.Fatal(err)
	}
	errEnv, err := ews.UnmarshalEnvelope(read("03.xml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := stubDocService{
		contactID: reqEnv.Body.(*ews.RemoveImContactFromGroup).ContactId.Id,
		text:      *errEnv.Body.(*ews.RemoveImContactFromGroupResponse).MessageText,
	}
	srv := stubNewServer(t, doc, ews.WithServerVersion(sv))
	resp, got := stubPost(t, srv.URL, `"`+stubRemoveAction+`"`, string(read("01.xml")))
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %s", resp.Status, got)
	}
	for _, want := range []string{"02.xml", "03.xml"} {
		w, err := xmlcmp.Parse(read(want))
		if err != nil {
			t.Fatal(err)
		}
		if want == "03.xml" {
			doc.fail = true
			srv := stubNewServer(t, doc, ews.WithServerVersion(sv))
			_, got = stubPost(t, srv.URL, `"`+stubRemoveAction+`"`, string(read("01.xml")))
		}
		g, err := xmlcmp.Parse(got)
		if err != nil {
			t.Fatal(err)
		}
		if d := xmlcmp.Diff(w, g); d != "" {
			t.Errorf("response differs from %s: %s\n%s", want, d, got)
		}
	}
}

type stubDocService struct {
	ews.UnimplementedService
	fail      bool
	contactID string
	text      string
}

func (s stubDocService) RemoveImContactFromGroup(ctx context.Context, req *ews.RemoveImContactFromGroup) (*ews.RemoveImContactFromGroupResponse, error) {
	if req.ContactId == nil || req.ContactId.Id != s.contactID || stubRequestCulture(ctx) != "en-US" {
		return nil, errors.New("request not decoded")
	}
	if s.fail {
		return &ews.RemoveImContactFromGroupResponse{
			ResponseClass:      ews.ResponseClassError,
			MessageText:        stubPv(s.text),
			ResponseCode:       stubPv(ews.ResponseCodeErrorInvalidImContactId),
			DescriptiveLinkKey: stubPv(int32(0)),
		}, &ews.ResponseError{Code: ews.ResponseCodeErrorInvalidImContactId} // written as the response, not a fault
	}
	return &ews.RemoveImContactFromGroupResponse{ResponseClass: ews.ResponseClassSuccess, ResponseCode: stubPv(ews.ResponseCodeNoError)}, nil
}

func stubRequestCulture(ctx context.Context) string {
	if h := ews.RequestHeader(ctx); h != nil && h.MailboxCulture != nil {
		return h.MailboxCulture.Value
	}
	return ""
}
