package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Faults injects failures into chosen operations, for testing how clients
// cope: throttling, HTTP 503, latency, dropped connections and per-user
// concurrency limits. Decisions are drawn from Seed: the n-th request of
// an operation gets the same fate in every run with the same seed,
// whatever other operations do.
type Faults struct {
	Seed  int64       `json:"seed"`
	Rules []FaultRule `json:"rules"`
}

// FaultRule is what happens to requests of one operation ("*": every
// operation without a rule of its own). Probabilities are 0 to 1; at most
// one of drop, unavailable and busy strikes a request (drawn in that
// order), after the latency.
type FaultRule struct {
	Operation string `json:"operation"`
	// Busy is the probability of an ErrorServerBusy SOAP fault (HTTP 500)
	// whose MessageXml carries BackOffMilliseconds = BackOff (default 1 s).
	Busy    float64  `json:"busy,omitempty"`
	BackOff Duration `json:"backoff,omitempty"`
	// Unavailable is the probability of HTTP 503 with Retry-After =
	// RetryAfter (whole seconds, rounded up; default 1 s) and an
	// ErrorServerBusy fault.
	Unavailable float64  `json:"unavailable,omitempty"`
	RetryAfter  Duration `json:"retryAfter,omitempty"`
	// Drop is the probability that the connection is closed without an
	// answer, before the request is served.
	Drop float64 `json:"drop,omitempty"`
	// Latency is added before every request is served, plus a uniform
	// random part up to Jitter.
	Latency Duration `json:"latency,omitempty"`
	Jitter  Duration `json:"jitter,omitempty"`
	// MaxConcurrent, when positive, is how many requests of this operation
	// one user may have in flight; one more gets an
	// ErrorExceededConnectionCount fault with BackOff.
	MaxConcurrent int `json:"maxConcurrent,omitempty"`
}

// Duration is a time.Duration written as in Go ("200ms", "1.5s") in JSON.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a duration is a string such as \"200ms\": %s", b)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// ParseFaults reads rules written as
//
//	FindItem:busy=0.3,backoff=200ms;GetItem:drop=0.1;*:latency=20ms,jitter=10ms
//
// Keys: busy, backoff, unavailable (or 503), retryafter, drop, latency,
// jitter, maxconcurrent.
func ParseFaults(spec string) ([]FaultRule, error) {
	var rules []FaultRule
	for _, part := range strings.Split(spec, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		op, kvs, ok := strings.Cut(part, ":")
		if !ok || strings.TrimSpace(op) == "" {
			return nil, fmt.Errorf("fault rule %q: want OPERATION:key=value,...", part)
		}
		r := FaultRule{Operation: strings.TrimSpace(op)}
		for _, kv := range strings.Split(kvs, ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
			if !ok {
				return nil, fmt.Errorf("fault rule %q: %q is not key=value", part, kv)
			}
			k = strings.ToLower(strings.TrimSpace(k))
			v = strings.TrimSpace(v)
			prob := func(p *float64) error {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					return err
				}
				*p = f
				return nil
			}
			dur := func(d *Duration) error {
				x, err := time.ParseDuration(v)
				*d = Duration(x)
				return err
			}
			var err error
			switch k {
			case "busy":
				err = prob(&r.Busy)
			case "backoff":
				err = dur(&r.BackOff)
			case "unavailable", "503":
				err = prob(&r.Unavailable)
			case "retryafter", "retry-after":
				err = dur(&r.RetryAfter)
			case "drop":
				err = prob(&r.Drop)
			case "latency":
				err = dur(&r.Latency)
			case "jitter":
				err = dur(&r.Jitter)
			case "maxconcurrent":
				r.MaxConcurrent, err = strconv.Atoi(v)
			default:
				err = fmt.Errorf("unknown key %q (busy, backoff, unavailable, retryafter, drop, latency, jitter, maxconcurrent)", k)
			}
			if err != nil {
				return nil, fmt.Errorf("fault rule %q: %s: %w", part, k, err)
			}
		}
		rules = append(rules, r)
	}
	return rules, checkRules(rules)
}

// LoadFaults reads a JSON file: {"seed": 42, "rules": [{"operation":
// "FindItem", "busy": 0.3, "backoff": "200ms"}, ...]}.
func LoadFaults(path string) (*Faults, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f Faults
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := checkRules(f.Rules); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &f, nil
}

func checkRules(rules []FaultRule) error {
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.Operation] {
			return fmt.Errorf("operation %s has two fault rules", r.Operation)
		}
		seen[r.Operation] = true
		if r.Operation != "*" {
			known := false
			for _, op := range ews.Operations {
				if op.Name == r.Operation {
					known = true
				}
			}
			if !known {
				return fmt.Errorf("fault rule for %q: no such operation", r.Operation)
			}
		}
		for name, p := range map[string]float64{"busy": r.Busy, "unavailable": r.Unavailable, "drop": r.Drop} {
			if p < 0 || p > 1 || math.IsNaN(p) {
				return fmt.Errorf("%s: %s=%v is not a probability (0 to 1)", r.Operation, name, p)
			}
		}
		if r.Busy+r.Unavailable+r.Drop > 1 {
			return fmt.Errorf("%s: busy, unavailable and drop add up to more than 1", r.Operation)
		}
		if r.BackOff < 0 || r.RetryAfter < 0 || r.Latency < 0 || r.Jitter < 0 || r.MaxConcurrent < 0 {
			return fmt.Errorf("%s: negative duration or limit", r.Operation)
		}
	}
	return nil
}

// injector applies Faults.
type injector struct {
	seed  uint64
	rules map[string]*FaultRule

	mu       sync.Mutex
	count    map[string]uint64 // requests seen per operation
	inFlight map[faultKey]int
	stats    map[string]*FaultStats
}

type faultKey struct {
	m  *mailbox
	op string
}

// FaultStats counts what the injector did to an operation.
type FaultStats struct {
	Requests, Busy, Unavailable, Dropped, OverLimit int
}

func newInjector(f *Faults) *injector {
	if f == nil || len(f.Rules) == 0 {
		return nil
	}
	in := &injector{seed: uint64(f.Seed), rules: map[string]*FaultRule{}, count: map[string]uint64{}, inFlight: map[faultKey]int{}, stats: map[string]*FaultStats{}}
	for i := range f.Rules {
		r := f.Rules[i]
		in.rules[r.Operation] = &r
	}
	return in
}

// draw returns two uniform numbers in [0,1) for the n-th request of op.
func (in *injector) draw(op string, n uint64) (float64, float64) {
	h := fnv.New64a()
	h.Write([]byte(op))
	x := splitmix(in.seed ^ h.Sum64() ^ splitmix(n))
	y := splitmix(x)
	return float64(x>>11) / (1 << 53), float64(y>>11) / (1 << 53)
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// FaultStats returns what fault injection did so far, by operation.
func (s *Server) FaultStats() map[string]FaultStats {
	out := map[string]FaultStats{}
	if s.faults == nil {
		return out
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	for op, st := range s.faults.stats {
		out[op] = *st
	}
	return out
}

var bodyOpRE = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?Body[^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z]+)`)

// operationOf names the operation of a request: from SOAPAction, else
// from the first element of the SOAP body.
func operationOf(r *http.Request) string {
	// services.wsdl gives GetStreamingEvents the SOAPAction of GetEvents:
	// those requests are told apart by their body.
	if a := strings.Trim(r.Header.Get("SOAPAction"), `" `); a != "" && !strings.HasSuffix(a, "/GetEvents") {
		return a[strings.LastIndexByte(a, '/')+1:]
	}
	body, err := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return ""
	}
	if m := bodyOpRE.FindSubmatch(body); m != nil {
		return string(m[1])
	}
	return ""
}

// injectFaults applies Options.Faults before next serves a request.
func (s *Server) injectFaults(next http.Handler) http.Handler {
	in := s.faults
	if in == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		op := operationOf(r)
		rule := in.rules[op]
		if rule == nil {
			rule = in.rules["*"]
		}
		if rule == nil {
			next.ServeHTTP(w, r)
			return
		}
		in.mu.Lock()
		n := in.count[op]
		in.count[op]++
		st := in.stats[op]
		if st == nil {
			st = &FaultStats{}
			in.stats[op] = st
		}
		st.Requests++
		in.mu.Unlock()
		if rule.MaxConcurrent > 0 {
			k := faultKey{s.caller(r.Context()), op}
			in.mu.Lock()
			over := in.inFlight[k] >= rule.MaxConcurrent
			if over {
				st.OverLimit++
			} else {
				in.inFlight[k]++
			}
			in.mu.Unlock()
			if over {
				s.logf("ewsmock: fault injection: %s: over %d in flight", op, rule.MaxConcurrent)
				writeThrottle(w, http.StatusInternalServerError, "ErrorExceededConnectionCount", fmt.Sprintf("You have exceeded the maximum number of concurrent %s requests (%d). Try again later.", op, rule.MaxConcurrent), ruleBackOff(rule), 0)
				return
			}
			defer func() {
				in.mu.Lock()
				if in.inFlight[k]--; in.inFlight[k] <= 0 {
					delete(in.inFlight, k)
				}
				in.mu.Unlock()
			}()
		}
		p, q := in.draw(op, n)
		if d := time.Duration(rule.Latency) + time.Duration(q*float64(rule.Jitter)); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-r.Context().Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
		count := func(f *int) {
			in.mu.Lock()
			*f++
			in.mu.Unlock()
		}
		backOff := ruleBackOff(rule)
		switch {
		case p < rule.Drop:
			count(&st.Dropped)
			s.logf("ewsmock: fault injection: %s: connection dropped", op)
			panic(http.ErrAbortHandler)
		case p < rule.Drop+rule.Unavailable:
			count(&st.Unavailable)
			ra := time.Duration(rule.RetryAfter)
			if ra <= 0 {
				ra = time.Second
			}
			s.logf("ewsmock: fault injection: %s: 503", op)
			writeThrottle(w, http.StatusServiceUnavailable, "ErrorServerBusy", "The server cannot service this request right now. Try again later.", backOff, ra)
			return
		case p < rule.Drop+rule.Unavailable+rule.Busy:
			count(&st.Busy)
			s.logf("ewsmock: fault injection: %s: ErrorServerBusy", op)
			writeThrottle(w, http.StatusInternalServerError, "ErrorServerBusy", "The server cannot service this request right now. Try again later.", backOff, 0)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func ruleBackOff(r *FaultRule) time.Duration {
	if r.BackOff <= 0 {
		return time.Second
	}
	return time.Duration(r.BackOff)
}

// writeThrottle answers a throttling fault whose MessageXml carries
// BackOffMilliseconds, with Retry-After when retryAfter is positive.
func writeThrottle(w http.ResponseWriter, status int, code, msg string, backOff, retryAfter time.Duration) {
	const typesNS = "http://schemas.microsoft.com/exchange/services/2006/types"
	v := &ews.XSAnyElement{
		Name: ews.XSQName{Space: typesNS, Local: "Value"}, Prefix: "t",
		Attrs:    []ews.XSAnyAttr{{Name: ews.XSQName{Local: "Name"}, Value: "BackOffMilliseconds"}},
		Children: []ews.XSAnyNode{{Text: strconv.FormatInt(backOff.Milliseconds(), 10)}},
	}
	mx := &ews.XSAnyElement{Name: ews.XSQName{Space: typesNS, Local: "MessageXml"}, Prefix: "t", Children: []ews.XSAnyNode{{Elem: v}}}
	b := (&ews.Envelope{Fault: ews.NewFault(code, msg, mx)}).Marshal(ews.ServerStyle)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	if retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.FormatInt(int64((retryAfter+time.Second-1)/time.Second), 10))
	}
	w.WriteHeader(status)
	w.Write(b)
}
