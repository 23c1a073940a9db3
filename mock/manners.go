package mock

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// versionOnFaults puts the ServerVersionInfo header in every SOAP fault
// the handlers below answer (schema errors, unknown versions, throttling),
// as Exchange does: clients that probe the server's version (exchangelib)
// read it from any response, faults included. Successful responses get
// it from the generated handler.
func (s *Server) versionOnFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fw := &faultHeaderWriter{ResponseWriter: w}
		next.ServeHTTP(fw, r)
		if !fw.held {
			return
		}
		body := fw.buf.Bytes()
		if env, err := ews.UnmarshalEnvelope(body); err == nil && env.Fault != nil && env.Header.ServerVersionInfo == nil {
			env.Header.ServerVersionInfo = copyAny(s.opts.ServerVersion)
			body = env.Marshal(ews.ServerStyle)
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(fw.status)
		w.Write(body)
	})
}

// faultHeaderWriter holds back the body of a 5xx XML response, so that
// versionOnFaults can add the header; other responses pass through.
type faultHeaderWriter struct {
	http.ResponseWriter
	status int
	held   bool
	wrote  bool
	buf    bytes.Buffer
}

func (f *faultHeaderWriter) WriteHeader(code int) {
	if f.wrote || f.held {
		return
	}
	if code >= 500 && bytes.Contains([]byte(f.Header().Get("Content-Type")), []byte("xml")) {
		f.status, f.held = code, true
		return
	}
	f.wrote = true
	f.ResponseWriter.WriteHeader(code)
}

// maxHeldFault bounds the bytes of a 5xx body held back; a larger one
// (no fault is that large) is passed on as it is.
const maxHeldFault = 1 << 20

func (f *faultHeaderWriter) Write(b []byte) (int, error) {
	if f.held && f.buf.Len()+len(b) > maxHeldFault {
		// Give up holding: write what was held, then pass through.
		f.held, f.wrote = false, true
		f.ResponseWriter.WriteHeader(f.status)
		if _, err := f.ResponseWriter.Write(f.buf.Bytes()); err != nil {
			return 0, err
		}
		f.buf.Reset()
	}
	if f.held {
		return f.buf.Write(b)
	}
	f.wrote = true
	return f.ResponseWriter.Write(b)
}

// Flush passes through for responses that are not held (streaming
// notifications).
func (f *faultHeaderWriter) Flush() {
	if fl, ok := f.ResponseWriter.(http.Flusher); ok && !f.held {
		fl.Flush()
	}
}

// Unwrap gives http.ResponseController the underlying writer.
func (f *faultHeaderWriter) Unwrap() http.ResponseWriter { return f.ResponseWriter }
