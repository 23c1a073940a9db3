package ews_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/corpus"
	"github.com/ewsgen/ewsgen/internal/docslips"
	"github.com/ewsgen/ewsgen/internal/xmlcmp"
)

// roundTrip decodes a documented envelope and re-encodes it in the style of
// its kind, returning the canonical difference ("" when equal).
func roundTrip(data []byte, kind string) (diff string, err error) {
	env, err := ews.UnmarshalEnvelope(data)
	if err != nil {
		return "", fmt.Errorf("decode: %w", err)
	}
	style := ews.ClientStyle
	if kind != "request" {
		style = ews.ServerStyle
	}
	out := env.Marshal(style)
	want, err := xmlcmp.Parse(data)
	if err != nil {
		return "", fmt.Errorf("oracle: %w", err)
	}
	got, err := xmlcmp.Parse(out)
	if err != nil {
		return "", fmt.Errorf("encode produced bad XML: %w\n%s", err, out)
	}
	return xmlcmp.Diff(want, got), nil
}

func TestDocumentedExamples(t *testing.T) {
	dir := corpus.Dir(t)
	rows := corpus.Manifest(t, dir)
	var valid, rt, total, decoded int
	reasons := map[string]int{}
	var failures []string
	for _, r := range rows {
		total++
		data, err := os.ReadFile(filepath.Join(dir, "examples", r["file"]))
		if err != nil {
			t.Fatal(err)
		}
		data = docslips.Fix(data) // https:// namespace URIs, "…" lines
		isValid := r["wellformed"] == "yes" && r["valid_v2018"] == "yes"
		if isValid {
			valid++
		}
		diff, err := roundTrip(data, r["kind"])
		switch {
		case err != nil:
			reason := "decode-error"
			if !strings.HasPrefix(err.Error(), "decode") {
				reason = "encode-error"
			}
			reasons[reason]++
			if isValid {
				failures = append(failures, fmt.Sprintf("%s: %v", r["file"], err))
			}
		case diff != "":
			decoded++
			reasons["round-trip-differs"]++
			if isValid {
				failures = append(failures, fmt.Sprintf("%s: %s", r["file"], diff))
			}
		default:
			decoded++
			if isValid {
				rt++
			}
			reasons["round-trip"]++
		}
	}
	var rs []string
	for k, v := range reasons {
		rs = append(rs, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(rs)
	fmt.Printf("documented examples: %d round-trip of %d valid, %d decoded of %d total\n", rt, valid, decoded, total)
	t.Logf("outcomes: %s", strings.Join(rs, " "))
	for _, f := range failures {
		t.Error(f)
	}
}
