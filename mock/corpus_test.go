package mock

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/corpus"
	"github.com/ewsgen/ewsgen/internal/docslips"
)

// TestDocumentedResponsesThroughClient serves every documented response
// (and fault) of the corpus from an HTTP server and calls the operation
// with the generated client: the response must decode, and an error
// response must give the typed error for its code.
func TestDocumentedResponsesThroughClient(t *testing.T) {
	dir := corpus.Dir(t)
	rows := corpus.Manifest(t, dir)

	var mu sync.Mutex
	var payload []byte
	status := http.StatusOK
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.WriteHeader(status)
		w.Write(payload)
	}))
	defer ts.Close()
	// Each call sends an empty request element of the operation (the
	// server above answers with the documented response whatever it gets):
	// many operations require content, so the client's request validation
	// is off here; it would refuse the placeholder before the response under
	// test is read. Request validation has its own tests.
	c := ews.NewClient(ts.URL+"/EWS/Exchange.asmx", nil, ews.WithoutValidation())
	ctx := context.Background()

	ops := map[string]*ews.Operation{}
	for i := range ews.Operations {
		ops[ews.Operations[i].Name] = &ews.Operations[i]
	}
	var served, singleErrors, listErrors, faults, skipped int
	codes := map[string]bool{}
	for _, r := range rows {
		if (r["kind"] != "response" && r["kind"] != "fault") || r["wellformed"] != "yes" || r["envelopes"] != "1" {
			continue
		}
		op := ops[r["operation"]]
		if op == nil {
			skipped++
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, "examples", r["file"]))
		if err != nil {
			t.Fatal(err)
		}
		data = docslips.Fix(data)
		env, err := ews.UnmarshalEnvelope(data)
		if err != nil {
			if r["valid_v2018"] == "yes" {
				t.Errorf("%s: valid example does not decode: %v", r["file"], err)
			}
			skipped++
			continue
		}
		if env.Fault == nil && (env.Body == nil || env.Body.XMLName() != op.Response) {
			skipped++ // a response of another operation, filed under this one
			continue
		}
		mu.Lock()
		payload, status = data, http.StatusOK
		if env.Fault != nil {
			status = http.StatusInternalServerError
		}
		mu.Unlock()
		served++
		out := reflect.ValueOf(c).MethodByName(op.Name).Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(ews.NewBodyElement(op.Request))})
		callErr, _ := out[1].Interface().(error)
		name := r["file"]
		if env.Fault != nil {
			faults++
			var f *ews.SOAPFault
			if !errors.As(callErr, &f) {
				t.Errorf("%s: fault example: got %v, want *SOAPFault", name, callErr)
				continue
			}
			if code := env.Fault.ResponseCode(); !errors.Is(callErr, ews.ResponseCodeType(code)) {
				t.Errorf("%s: fault %v does not match %s", name, callErr, code)
			}
			continue
		}
		if st, single := ews.MessageStatus(env.Body); single && st.Class == ews.ResponseClassError {
			singleErrors++
			codes[string(st.Code)] = true
			var re *ews.ResponseError
			if !errors.As(callErr, &re) || !errors.Is(callErr, st.Code) {
				t.Errorf("%s: error example (%s): got %v, want *ResponseError matching ews.ResponseCode%s", name, st.Code, callErr, st.Code)
			}
			if out[0].IsNil() {
				t.Errorf("%s: no response returned with the error", name)
			}
			continue
		}
		if callErr != nil {
			t.Errorf("%s: %v", name, callErr)
			continue
		}
		resp := out[0].Interface().(ews.BodyElement)
		want := ews.ResponseErrors(env.Body)
		got := ews.ResponseErrors(resp)
		if len(want) != len(got) {
			t.Errorf("%s: %d error messages, want %d", name, len(got), len(want))
			continue
		}
		for i := range want {
			listErrors++
			codes[string(want[i].Code)] = true
			if !errors.Is(got[i], want[i].Code) || got[i].Index != want[i].Index {
				t.Errorf("%s: error message %d: got %v, want %s", name, i, got[i], want[i].Code)
			}
		}
	}
	var list []string
	for c := range codes {
		list = append(list, c)
	}
	sort.Strings(list)
	t.Logf("%d documented responses served (%d faults, %d single-message errors, %d error messages in lists; %d skipped); codes: %s",
		served, faults, singleErrors, listErrors, skipped, strings.Join(list, " "))
	if served < 150 || singleErrors == 0 || faults == 0 {
		t.Errorf("too few examples exercised: %d served, %d single errors, %d faults", served, singleErrors, faults)
	}
}
