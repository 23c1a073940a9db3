package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const fetchWSDL = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:m="urn:echo:messages" xmlns:tns="urn:echo:service" targetNamespace="urn:echo:service">
  <wsdl:types>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="urn:echo:messages" schemaLocation="messages.xsd"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="EchoIn"><wsdl:part name="body" element="m:Echo"/></wsdl:message>
  <wsdl:message name="EchoOut"><wsdl:part name="body" element="m:EchoResponse"/></wsdl:message>
  <wsdl:portType name="EchoPort">
    <wsdl:operation name="Echo"><wsdl:input message="tns:EchoIn"/><wsdl:output message="tns:EchoOut"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="EchoBinding" type="tns:EchoPort">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <wsdl:operation name="Echo">
      <soap:operation soapAction="urn:echo#Echo"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>
`

// fetchMessages imports types.xsd relative to itself; {{TYPES}} is
// replaced to point elsewhere.
const fetchMessages = `<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:echo:types" targetNamespace="urn:echo:messages" elementFormDefault="qualified">
  <xs:import namespace="urn:echo:types" schemaLocation="{{TYPES}}"/>
  <xs:element name="Echo" type="t:Text"/>
  <xs:element name="EchoResponse" type="t:Text"/>
</xs:schema>
`

const fetchTypes = `<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:echo:types" elementFormDefault="qualified">
  <xs:complexType name="Text"><xs:sequence><xs:element name="Value" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>
`

// fetchServer is an httptest TLS server of the three files under /EWS/,
// behind HTTP Basic authentication, recording what it was asked.
type fetchServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string // "path auth=<scheme or none>"
	types    string   // the schemaLocation messages.xsd gives types.xsd
	extra    http.HandlerFunc
}

func (s *fetchServer) log(r *http.Request) {
	a := "none"
	if h := r.Header.Get("Authorization"); h != "" {
		a = strings.Fields(h)[0]
	}
	s.mu.Lock()
	s.requests = append(s.requests, r.URL.Path+" auth="+a)
	s.mu.Unlock()
}

func newFetchServer(t *testing.T) *fetchServer {
	s := &fetchServer{types: "types.xsd"}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log(r)
		if s.extra != nil && !strings.HasPrefix(r.URL.Path, "/EWS/") {
			s.extra(w, r)
			return
		}
		if u, p, ok := r.BasicAuth(); !ok || u != "alice" || p != "secret" {
			w.Header().Add("WWW-Authenticate", "NTLM")
			w.Header().Add("WWW-Authenticate", `Basic realm="ews"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		switch r.URL.Path {
		case "/EWS/Services.wsdl":
			w.Write([]byte(fetchWSDL))
		case "/EWS/messages.xsd":
			w.Write([]byte(strings.ReplaceAll(fetchMessages, "{{TYPES}}", s.types)))
		case "/EWS/types.xsd":
			w.Write([]byte(fetchTypes))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	saved := fetchTransport
	t.Cleanup(func() { fetchTransport = saved })
	fetchTransport = func() *http.Transport { return s.Client().Transport.(*http.Transport).Clone() }
	return s
}

func setBasic(t *testing.T) {
	t.Setenv(envFetchUser, "alice")
	t.Setenv(envFetchPassword, "secret")
	t.Setenv(envFetchAuth, "")
	t.Setenv(envFetchToken, "")
}

// ewsgen --fetch reads the WSDL and the schemas it names relative to it
// from the server, with the credentials of the environment, and generates.
func TestFetchGenerates(t *testing.T) {
	s := newFetchServer(t)
	setBasic(t)
	out := filepath.Join(t.TempDir(), "echo")
	code, stdout, stderr := runCmd(t, "--fetch", "--wsdl", s.URL+"/EWS/Services.wsdl", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	for _, f := range []string{"client.go", "messages.go", "types.go", "package_doc.go"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	want := []string{"/EWS/Services.wsdl auth=Basic", "/EWS/messages.xsd auth=Basic", "/EWS/types.xsd auth=Basic"}
	if strings.Join(s.requests, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(s.requests, "\n"), strings.Join(want, "\n"))
	}
	b, _ := os.ReadFile(filepath.Join(out, "client.go"))
	if strings.Contains(string(b), "secret") {
		t.Error("the password shows in the generated code")
	}
}

func TestFetchErrors(t *testing.T) {
	other := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("the other origin received credentials: %s", r.Header.Get("Authorization"))
		}
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(fetchTypes))
	}))
	defer other.Close()
	cases := []struct {
		name  string
		setup func(s *fetchServer)
		env   map[string]string
		args  []string
		code  int
		want  []string // substrings of stderr
	}{{
		name: "no --fetch",
		args: []string{},
		code: exitUsage,
		want: []string{"ewsgen: --wsdl https://", "is a URL: reading the WSDL from a server needs --fetch"},
	}, {
		name: "no credentials",
		env:  map[string]string{envFetchUser: "", envFetchPassword: ""},
		args: []string{"--fetch"},
		code: exitFailure,
		want: []string{"/EWS/Services.wsdl: http status 401 Unauthorized: authentication failed; the server offers NTLM, Basic"},
	}, {
		name: "wrong password",
		env:  map[string]string{envFetchPassword: "wrong"},
		args: []string{"--fetch"},
		code: exitFailure,
		want: []string{"http status 401 Unauthorized: authentication failed"},
	}, {
		name: "token and password",
		env:  map[string]string{envFetchToken: "tok"},
		args: []string{"--fetch"},
		code: exitUsage,
		want: []string{"set either EWSGEN_FETCH_TOKEN or EWSGEN_FETCH_USER and EWSGEN_FETCH_PASSWORD, not both"},
	}, {
		name:  "schema of another origin without --network",
		setup: func(s *fetchServer) { s.types = other.URL + "/types.xsd" },
		args:  []string{"--fetch"},
		code:  exitFailure,
		want:  []string{`/EWS/messages.xsd:3:3: cannot fetch schemaLocation "` + other.URL + `/types.xsd": network access is disabled`},
	}, {
		name:  "schema of another origin with --network: no credentials sent there",
		setup: func(s *fetchServer) { s.types = other.URL + "/types.xsd" },
		args:  []string{"--fetch", "--network"},
		code:  exitOK,
	}, {
		name: "redirect to another origin",
		setup: func(s *fetchServer) {
			s.types = "/elsewhere/types.xsd"
			s.extra = func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, other.URL+"/types.xsd", http.StatusFound)
			}
		},
		args: []string{"--fetch", "--network"},
		code: exitFailure,
		want: []string{"cannot load " /* the path */, "/elsewhere/types.xsd", "another origin"},
	}, {
		name: "timeout",
		setup: func(s *fetchServer) {
			s.types = "/slow/types.xsd"
			s.extra = func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			}
		},
		args: []string{"--fetch", "--fetch-timeout", "300ms"},
		code: exitFailure,
		want: []string{"/slow/types.xsd: no complete answer within 300ms (raise it with --fetch-timeout)"},
	}, {
		name: "too big",
		args: []string{"--fetch", "--max-file-bytes", "100"},
		code: exitFailure,
		want: []string{"/EWS/Services.wsdl is larger than", "--max-file-bytes"},
	}, {
		name: "HTML sign-in page",
		setup: func(s *fetchServer) {
			s.types = "/signin/types.xsd"
			s.extra = func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Write([]byte("<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>"))
			}
		},
		args: []string{"--fetch"},
		code: exitFailure,
		want: []string{`the server answered an HTML page (text/html; charset=utf-8), not XML: a sign-in page? first bytes: "<!DOCTYPE html> <html><head><title>Sign in</title></head></html>"`},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newFetchServer(t)
			setBasic(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			if tc.setup != nil {
				tc.setup(s)
			}
			args := append([]string{"--wsdl", s.URL + "/EWS/Services.wsdl", "--out", filepath.Join(t.TempDir(), "echo")}, tc.args...)
			code, _, stderr := runCmd(t, args...)
			t.Logf("stderr: %s", stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q", w)
				}
			}
			if strings.Contains(stderr, "secret") || strings.Contains(stderr, "tok ") {
				t.Errorf("stderr shows a credential")
			}
		})
	}
}

// EWSGEN_FETCH_TOKEN is sent as a Bearer token; credentials are never
// sent over plain http.
func TestFetchTokenAndPlainHTTP(t *testing.T) {
	s := newFetchServer(t)
	setBasic(t)
	t.Setenv(envFetchUser, "")
	t.Setenv(envFetchPassword, "")
	t.Setenv(envFetchToken, "tok-123")
	code, _, stderr := runCmd(t, "--fetch", "--wsdl", s.URL+"/EWS/Services.wsdl", "--out", filepath.Join(t.TempDir(), "echo"))
	if code != exitFailure || len(s.requests) != 1 || s.requests[0] != "/EWS/Services.wsdl auth=Bearer" {
		t.Errorf("exit %d, requests %q; want one request with a Bearer token (refused by the Basic-only server)", code, s.requests)
	}
	if strings.Contains(stderr, "tok-123") {
		t.Errorf("stderr shows the token: %s", stderr)
	}

	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("plain http server received a request (Authorization %q)", r.Header.Get("Authorization"))
	}))
	defer plain.Close()
	code, _, stderr = runCmd(t, "--fetch", "--wsdl", plain.URL+"/EWS/Services.wsdl", "--out", filepath.Join(t.TempDir(), "echo"))
	if code != exitFailure || !strings.Contains(stderr, "refusing to send credentials over plain HTTP") {
		t.Errorf("exit %d, stderr %q; want the credentials refused over plain http", code, stderr)
	}
}
