package ews_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// FuzzUnmarshalEnvelope feeds arbitrary bytes to the envelope decoder. It
// must never panic, and what it decodes must encode, in either style, to
// XML that decodes again and encodes to the same bytes (see
// checkStableEncoding for the one tolerated difference). The corpus starts
// from the fixtures in testdata/fixtures; regressions found by fuzzing are
// kept in testdata/fuzz/FuzzUnmarshalEnvelope. Validation of what it
// decodes must not panic either, and a body that validates must re-encode
// to one that decodes and validates.
//
//	go test -run '^$' -fuzz '^FuzzUnmarshalEnvelope$' -fuzztime 5m ./generated/ews
func FuzzUnmarshalEnvelope(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join(fixtureDir, "*.xml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Keep the limits small so that the fuzzer spends its time on
		// structure, not on size.
		opts := ews.DecodeOptions{MaxDepth: 64, MaxBytes: 1 << 20}
		env, err := opts.UnmarshalEnvelope(data)
		if err != nil {
			return
		}
		for _, style := range []ews.Style{ews.ClientStyle, ews.ServerStyle} {
			if err := checkStableEncoding(env.Marshal(style), style); err != nil {
				t.Fatalf("style %d: %v", style, err)
			}
		}
		// Validation never panics; a body that validates re-encodes, in
		// either style, to one that decodes and still validates.
		if env.Body == nil || ews.Validate(env.Body) != nil {
			return
		}
		for _, style := range []ews.Style{ews.ClientStyle, ews.ServerStyle} {
			out := env.Marshal(style)
			back, err := opts.UnmarshalEnvelope(out)
			if err != nil {
				t.Fatalf("style %d: a valid message re-encoded does not decode: %v\n%s", style, err, out)
			}
			if back.Body == nil {
				t.Fatalf("style %d: a valid message re-encoded has no body:\n%s", style, out)
			}
			if err := ews.Validate(back.Body); err != nil {
				t.Fatalf("style %d: a valid message re-encoded is invalid: %v\n%s", style, err, out)
			}
		}
	})
}
