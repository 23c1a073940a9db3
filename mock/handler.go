package mock

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// requestHeader returns the SOAP header of the request being served.
func requestHeader(ctx context.Context) *ews.EnvelopeHeader { return ews.RequestHeader(ctx) }

// faultError is a SOAP fault as Exchange writes them.
func faultError(code, message string) error { return ews.NewFault(code, message, nil) }

// serviceHandler serves the operations through the generated handler:
// decoding, dispatch, faults, ServerVersionInfo in every response.
func (s *Server) serviceHandler() http.Handler {
	h := ews.NewHandler(s.service(),
		ews.WithMaxRequestBytes(s.opts.Limits.MaxRequestBytes),
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

// throttle applies the per-user and server-wide limits before a request
// reaches the operations: at most Limits.MaxConcurrent requests in flight
// per user (ErrorExceededConnectionCount beyond, the code Exchange gives
// for EWSMaxConcurrency), and request bodies buffered within
// Limits.MaxBufferedBytes across all requests (HTTP 503 ErrorServerBusy
// when no room frees up within Limits.BufferWait).
func (s *Server) throttle(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		who := s.caller(r.Context())
		if !s.enter(who) {
			s.logf("ewsmock: %s: %d requests in flight, the limit: ErrorExceededConnectionCount", who.smtp, s.opts.Limits.MaxConcurrent)
			s.writeBusy(w, http.StatusInternalServerError, "ErrorExceededConnectionCount", fmt.Sprintf("You have exceeded the maximum number of concurrent requests: the user has %d requests in flight, the limit. Try again later.", s.opts.Limits.MaxConcurrent))
			return
		}
		defer s.leave(who)
		body, held, status := s.readBody(r)
		defer s.buffered.Release(held)
		switch status {
		case 0:
		case http.StatusServiceUnavailable:
			s.logf("ewsmock: request bodies in flight hold %d bytes, the limit: ErrorServerBusy", s.opts.Limits.MaxBufferedBytes)
			s.writeBusy(w, status, "ErrorServerBusy", "The server cannot service this request right now: too many request bytes are in flight. Try again later.")
			return
		case http.StatusRequestEntityTooLarge:
			http.Error(w, fmt.Sprintf("request body larger than %d bytes", s.opts.Limits.MaxRequestBytes), status)
			return
		default:
			// The body could not be read (the client went away or the
			// read timeout struck): the connection is closed.
			http.Error(w, "cannot read the request body", status)
			return
		}
		if s.refuseHuge(w, body) {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(w, r)
	})
}

// enter counts a request of user m in, unless m has MaxConcurrent in
// flight already.
func (s *Server) enter(m *mailbox) bool {
	s.busy.Lock()
	defer s.busy.Unlock()
	if s.inFlight[m] >= s.opts.Limits.MaxConcurrent {
		return false
	}
	s.inFlight[m]++
	return true
}

func (s *Server) leave(m *mailbox) {
	s.busy.Lock()
	defer s.busy.Unlock()
	if s.inFlight[m]--; s.inFlight[m] <= 0 {
		delete(s.inFlight, m)
	}
}

// readBody reads the request body, reserving room for every chunk in the
// server-wide buffer budget as it arrives. It returns the body, the bytes
// reserved (to release once the request is served), and an HTTP status
// when the body cannot be served: 413 when it is larger than
// MaxRequestBytes, 503 when no room frees up in time, 400 when reading
// failed.
func (s *Server) readBody(r *http.Request) (body []byte, held int64, status int) {
	lim := s.opts.Limits
	var buf bytes.Buffer
	chunk := make([]byte, 32<<10)
	for {
		n, err := r.Body.Read(chunk)
		if n > 0 {
			if held+int64(n) > lim.MaxRequestBytes {
				return nil, held, http.StatusRequestEntityTooLarge
			}
			if !s.buffered.TryAcquire(int64(n)) {
				ctx, cancel := context.WithTimeout(r.Context(), lim.BufferWait)
				err := s.buffered.Acquire(ctx, int64(n))
				cancel()
				if err != nil {
					return nil, held, http.StatusServiceUnavailable
				}
			}
			held += int64(n)
			buf.Write(chunk[:n])
		}
		if err == io.EOF {
			return buf.Bytes(), held, 0
		}
		if err != nil {
			return nil, held, http.StatusBadRequest
		}
	}
}

// writeBusy answers a throttling fault (ErrorServerBusy,
// ErrorExceededConnectionCount) whose MessageXml carries
// BackOffMilliseconds, as Exchange's ErrorServerBusy does.
func (s *Server) writeBusy(w http.ResponseWriter, status int, code, msg string) {
	const typesNS = "http://schemas.microsoft.com/exchange/services/2006/types"
	backOff := &ews.XSAnyElement{
		Name: ews.XSQName{Space: typesNS, Local: "Value"}, Prefix: "t",
		Attrs:    []ews.XSAnyAttr{{Name: ews.XSQName{Local: "Name"}, Value: "BackOffMilliseconds"}},
		Children: []ews.XSAnyNode{{Text: strconv.FormatInt(s.opts.Limits.BackOff.Milliseconds(), 10)}},
	}
	mx := &ews.XSAnyElement{Name: ews.XSQName{Space: typesNS, Local: "MessageXml"}, Prefix: "t", Children: []ews.XSAnyNode{{Elem: backOff}}}
	b := (&ews.Envelope{Fault: ews.NewFault(code, msg, mx)}).Marshal(ews.ServerStyle)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", strconv.FormatInt(int64((s.opts.Limits.BackOff+time.Second-1)/time.Second), 10))
	}
	w.WriteHeader(status)
	w.Write(b)
}
