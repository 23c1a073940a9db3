package ews_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
)

// errorCase is one way a call can fail; every such error must name the
// operation and the endpoint, and no credential.
type errorCase struct {
	name    string
	handler http.HandlerFunc // nil: nothing listens on the port
	opts    []ews.ClientOption
	hc      func() *http.Client // nil: NewClient's own
	ctx     func() (context.Context, context.CancelFunc)
	want    []string // substrings of the message, after the operation and the endpoint
	is      error    // errors.Is target, when not nil
}

const secret = "pa55-w0rd-s3cret"

// partialEnvelope is the beginning of a GetItem response, cut in the body.
const partialEnvelope = `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:ResponseMessages>`

// hijack writes raw bytes on the connection of the request and closes it.
func hijack(t *testing.T, w http.ResponseWriter, r *http.Request, raw string) {
	io.Copy(io.Discard, r.Body)
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	defer conn.Close()
	buf.WriteString(raw)
	buf.Flush()
}

func TestCallErrorsNameOperationAndEndpoint(t *testing.T) {
	cases := []errorCase{{
		name: "closed port",
		want: []string{"connect: connection refused"},
	}, {
		name: "401 with three schemes",
		handler: func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Add("WWW-Authenticate", `Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXag`)
			w.Header().Add("WWW-Authenticate", "NTLM")
			w.Header().Add("WWW-Authenticate", `Basic realm="mail.example.com", charset="UTF-8"`)
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, "<html><body>\n\n<h1>401 - Unauthorized</h1></body></html>")
		},
		want: []string{`http status 401 Unauthorized: authentication failed; the server offers Negotiate, NTLM, Basic: text/html body "<html><body> <h1>401 - Unauthorized</h1></body></html>"`},
	}, {
		name: "401 with schemes in one header",
		handler: func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("WWW-Authenticate", `Bearer authorization_uri="https://login.example.com/x,y", error = "invalid_token", Basic realm="a, b"`)
			w.WriteHeader(http.StatusUnauthorized)
		},
		want: []string{"http status 401 Unauthorized: authentication failed; the server offers Bearer, Basic"},
	}, {
		name: "401 without WWW-Authenticate",
		handler: func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusUnauthorized)
		},
		want: []string{"http status 401 Unauthorized: authentication failed (the answer has no WWW-Authenticate header naming a scheme)"},
	}, {
		name: "HTML 500",
		handler: func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, "<!DOCTYPE html>\r\n<html><head><title>Runtime Error</title></head>"+strings.Repeat("<p>Server Error in '/EWS' Application.</p>", 50))
		},
		want: []string{`http status 500 Internal Server Error: text/html body "<!DOCTYPE html> <html><head><title>Runtime Error</title></head><p>Server Error in '/EWS' Application.</p><p>Server Error in '/EWS' Application.</p><p>Server Er…"`},
	}, {
		name: "truncated, Content-Length",
		handler: func(w http.ResponseWriter, r *http.Request) {
			hijack(t, w, r, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n%s", len(partialEnvelope)+500, partialEnvelope))
		},
		want: []string{fmt.Sprintf("reading response: truncated: %d of the %d bytes of its Content-Length arrived: unexpected EOF", len(partialEnvelope), len(partialEnvelope)+500)},
		is:   io.ErrUnexpectedEOF,
	}, {
		name: "truncated, chunked",
		handler: func(w http.ResponseWriter, r *http.Request) {
			hijack(t, w, r, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(partialEnvelope), partialEnvelope))
		},
		want: []string{fmt.Sprintf("reading response: truncated: the body broke off after %d bytes: unexpected EOF", len(partialEnvelope))},
		is:   io.ErrUnexpectedEOF,
	}, {
		name: "truncated, connection close",
		handler: func(w http.ResponseWriter, r *http.Request) {
			hijack(t, w, r, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n"+partialEnvelope)
		},
		want: []string{fmt.Sprintf("decoding response: truncated: the body ended after %d bytes, before the envelope was complete: line 1: ", len(partialEnvelope)), "unexpected end of input"},
	}, {
		name: "client timeout",
		handler: func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			<-r.Context().Done()
		},
		opts: []ews.ClientOption{ews.WithTimeout(200 * time.Millisecond)},
		want: []string{"no complete answer within the client timeout of 200ms: context deadline exceeded"},
		is:   context.DeadlineExceeded,
	}, {
		name: "context deadline",
		handler: func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			<-r.Context().Done()
		},
		ctx: func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 200*time.Millisecond)
		},
		want: []string{"no complete answer after ", ", when the context's deadline passed: context deadline exceeded"},
		is:   context.DeadlineExceeded,
	}, {
		name: "http.Client timeout",
		handler: func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			<-r.Context().Done()
		},
		hc:   func() *http.Client { return &http.Client{Timeout: 200 * time.Millisecond} },
		want: []string{"no complete answer after ", "Client.Timeout exceeded"},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var addr string
			if tc.handler == nil {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				addr = ln.Addr().String()
				ln.Close()
			} else {
				srv := httptest.NewServer(tc.handler)
				defer srv.Close()
				addr = srv.Listener.Addr().String()
			}
			// The password in the URL must never show; the error shows
			// the URL redacted.
			endpoint := "http://alice:" + secret + "@" + addr + "/EWS/Exchange.asmx"
			shown := "http://alice:xxxxx@" + addr + "/EWS/Exchange.asmx"
			var hc *http.Client
			if tc.hc != nil {
				hc = tc.hc()
			}
			ctx, cancel := context.WithCancel(context.Background())
			if tc.ctx != nil {
				ctx, cancel = tc.ctx()
			}
			defer cancel()
			c := ews.NewClient(endpoint, hc, tc.opts...)
			start := time.Now()
			_, err := c.GetItem(ctx, stubGetItemReq())
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			t.Logf("after %v: %s", time.Since(start).Round(time.Millisecond), msg)
			if prefix := "ews: GetItem " + shown + ": "; !strings.HasPrefix(msg, prefix) {
				t.Errorf("error %q does not start with %q", msg, prefix)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, secret) || strings.Contains(msg, "YIIB") || strings.Contains(msg, "invalid_token") || strings.Contains(msg, "realm") {
				t.Errorf("error %q shows a credential or a challenge's parameters", msg)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.is)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
}

// A wrong password with the Basic wrapper gives an error that says
// authentication failed and which schemes the server offers, and shows
// neither the password nor the Authorization header.
func TestWrongPasswordError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if u, p, ok := r.BasicAuth(); ok && u == "alice" && p == "right" {
			t.Error("the wrong password was accepted")
		}
		w.Header().Add("WWW-Authenticate", "Negotiate")
		w.Header().Add("WWW-Authenticate", "NTLM")
		w.Header().Add("WWW-Authenticate", `Basic realm="ex"`)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	endpoint := srv.URL + "/EWS/Exchange.asmx"
	hc := &http.Client{Transport: auth.Basic("alice", secret, nil, auth.AllowPlainHTTP())}
	req := &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow,
		ItemShape:       &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		ParentFolderIds: ews.FolderIDList(&ews.FolderIdType{Id: "AAMkAGI2"})}
	_, err := ews.NewClient(endpoint, hc).FindItem(context.Background(), req)
	want := "ews: FindItem " + endpoint + ": http status 401 Unauthorized: authentication failed; the server offers Negotiate, NTLM, Basic"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
	var he *ews.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 401 || he.Operation != "FindItem" || he.Endpoint != endpoint {
		t.Errorf("err = %#v, want an *HTTPError with status, operation and endpoint", err)
	}
	if err != nil && (strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "Authorization")) {
		t.Errorf("error shows credentials: %v", err)
	}
}

// A request the client refuses to send names the operation and the
// endpoint too.
func TestValidationErrorNamesEndpoint(t *testing.T) {
	endpoint := "http://alice:" + secret + "@127.0.0.1:1/EWS/Exchange.asmx"
	_, err := ews.NewClient(endpoint, nil).FindItem(context.Background(), &ews.FindItem{})
	prefix := "ews: FindItem http://alice:xxxxx@127.0.0.1:1/EWS/Exchange.asmx: request not sent: "
	if err == nil || !strings.HasPrefix(err.Error(), prefix) || strings.Contains(err.Error(), secret) {
		t.Errorf("err = %v, want it to start with %q", err, prefix)
	}
	var ve *ews.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("err = %#v, want a *ValidationError", err)
	}
}
