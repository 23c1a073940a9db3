// Package docslips undoes the known slips of the published EWS examples, so
// that a documented message can be decoded as what Exchange really sends:
//
//   - https:// instead of http:// at the start of the SOAP envelope and
//     Microsoft namespace URIs (https://schemas.xmlsoap.org/...,
//     https://schemas.microsoft.com/...);
//   - lines holding only an ellipsis placeholder ("…" or "...") between
//     elements, standing for content the page left out.
//
// Both the conformance test of generated/ews and cmd/ewsroundtrip use it, so
// that they judge the same bytes.
package docslips

import "bytes"

var (
	ellipsis       = []byte("…")
	dots           = []byte("...")
	httpsSOAP      = []byte("https://schemas.xmlsoap.org/")
	httpSOAP       = []byte("http://schemas.xmlsoap.org/")
	httpsMicrosoft = []byte("https://schemas.microsoft.com/")
	httpMicrosoft  = []byte("http://schemas.microsoft.com/")
)

// Fix returns b with the documentation slips mapped to what Exchange uses.
// It returns b itself when there is nothing to change, else a new slice; b
// is never modified.
func Fix(b []byte) []byte {
	if !Has(b) {
		return b
	}
	lines := bytes.Split(b, []byte("\n"))
	kept := make([][]byte, 0, len(lines))
	for _, l := range lines {
		if isPlaceholder(l) {
			continue
		}
		kept = append(kept, l)
	}
	out := bytes.Join(kept, []byte("\n"))
	out = bytes.ReplaceAll(out, httpsSOAP, httpSOAP)
	out = bytes.ReplaceAll(out, httpsMicrosoft, httpMicrosoft)
	return out
}

// Has reports whether b holds one of the slips Fix maps.
func Has(b []byte) bool {
	if bytes.Contains(b, httpsSOAP) || bytes.Contains(b, httpsMicrosoft) {
		return true
	}
	if !bytes.Contains(b, ellipsis) && !bytes.Contains(b, dots) {
		return false
	}
	for len(b) > 0 {
		l := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			l, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if isPlaceholder(l) {
			return true
		}
	}
	return false
}

func isPlaceholder(line []byte) bool {
	t := bytes.TrimSpace(line)
	return bytes.Equal(t, ellipsis) || bytes.Equal(t, dots)
}
