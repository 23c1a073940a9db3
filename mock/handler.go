package mock

import (
	"bytes"
	"context"
	"net/http"
	"regexp"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// requestHeader returns the SOAP header of the request being served.
func requestHeader(ctx context.Context) *ews.EnvelopeHeader { return ews.RequestHeader(ctx) }

// faultError is a SOAP fault as Exchange writes them.
func faultError(code, message string) error { return ews.NewFault(code, message, nil) }

// serviceHandler serves the operations through the generated handler:
// decoding, dispatch, faults, ServerVersionInfo in every response.
func (s *Server) serviceHandler() http.Handler {
	h := ews.NewHandler(s,
		ews.WithVersionCheck(versionOK),
		ews.WithResponseHeader(func(h *ews.EnvelopeHeader) {
			h.ServerVersionInfo = copyAny(s.opts.ServerVersion)
		}),
	)
	if s.opts.Logf == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &faultRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if rec.status == http.StatusInternalServerError {
			code, msg := "", ""
			if m := faultCodeRE.FindSubmatch(rec.body.Bytes()); m != nil {
				code = string(m[1])
			}
			if m := faultStringRE.FindSubmatch(rec.body.Bytes()); m != nil {
				msg = string(m[1])
			}
			s.logf("ewsmock: %s %s: fault %s: %s", r.Method, r.URL.Path, code, msg)
		}
	})
}

var (
	faultCodeRE   = regexp.MustCompile(`<faultcode[^>]*>(?:[^:<]*:)?([^<]*)</faultcode>`)
	faultStringRE = regexp.MustCompile(`<faultstring[^>]*>([^<]*)</faultstring>`)
)

// faultRecorder keeps the status and, for faults, the body of a response.
type faultRecorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (f *faultRecorder) WriteHeader(code int) {
	f.status = code
	f.ResponseWriter.WriteHeader(code)
}

func (f *faultRecorder) Write(b []byte) (int, error) {
	if f.status == 0 {
		f.status = http.StatusOK
	}
	if f.status == http.StatusInternalServerError && f.body.Len() < 4096 {
		f.body.Write(b)
	}
	return f.ResponseWriter.Write(b)
}
