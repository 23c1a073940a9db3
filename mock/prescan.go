package mock

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// defaultMaxElements bounds the start tags of one request. A batch at the
// MaxBatch limit with its shapes and changes stays far below it (1000
// UpdateItem changes of a few properties each are about 10,000 elements);
// a request far beyond it would be refused by the batch limit anyway,
// after the cost of decoding every element of it.
const defaultMaxElements = 100_000

// countStartTags counts the start tags of an XML document from its bytes
// alone: every '<' that opens neither an end tag, a comment, a processing
// instruction nor a CDATA section or DOCTYPE. Text cannot hold a raw '<',
// so the count bounds the elements the decoder would build. It runs at
// memory speed (bytes.IndexByte), long before decoding would.
func countStartTags(b []byte) int {
	n := 0
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 || i+1 >= len(b) {
			return n
		}
		switch b[i+1] {
		case '/', '!', '?':
		default:
			n++
		}
		b = b[i+1:]
	}
}

// refuseHuge answers a request holding more than Limits.MaxElements start
// tags with the fault the batch limit gives, without decoding it: the
// work a request causes stays bounded by its element count, not its bytes.
// It reports whether it answered.
func (s *Server) refuseHuge(w http.ResponseWriter, body []byte) bool {
	max := s.opts.Limits.MaxElements
	n := countStartTags(body)
	if n <= max {
		return false
	}
	s.logf("ewsmock: request with %d elements, the limit %d: ErrorInvalidRequest", n, max)
	env := &ews.Envelope{Fault: ews.NewFault("ErrorInvalidRequest", fmt.Sprintf("The request has too many elements. The allowed size = %d; the actual size = %d.", max, n), nil)}
	env.Header.ServerVersionInfo = copyAny(s.opts.ServerVersion)
	b := env.Marshal(ews.ServerStyle)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(b)
	return true
}
