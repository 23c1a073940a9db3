package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/corpus"
	"github.com/ewsgen/ewsgen/internal/docslips"
)

// TestCorpusExamples runs the command over every documented example of the
// corpus and checks each status line against what generated/ews's
// conformance test sees for the same file: the example decodes (after the
// documentation slips are mapped) exactly when the line says ok or
// encode-error. It also checks the body element against the manifest and
// that the style chosen from the message matches the manifest's kind.
func TestCorpusExamples(t *testing.T) {
	dir := corpus.Dir(t)
	rows := corpus.Manifest(t, dir)
	examples := filepath.Join(dir, "examples")
	out := t.TempDir()
	t.Chdir(examples)

	args := []string{"--out", out}
	for _, r := range rows {
		args = append(args, r["file"])
	}
	code, stdout, stderr := runCmd(t, args...)
	if stderr != "" {
		t.Errorf("stderr: %s", stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d lines for %d files", len(lines), len(rows))
	}
	failed := 0
	for i, r := range rows {
		f := strings.SplitN(lines[i], "\t", 3)
		if len(f) != 3 || f[0] != r["file"] {
			t.Errorf("line %d = %q, want it to start with %s<TAB>", i+1, lines[i], r["file"])
			continue
		}
		root, status := f[1], f[2]

		// What the conformance test does with the file.
		data, err := os.ReadFile(r["file"])
		if err != nil {
			t.Fatal(err)
		}
		_, decErr := ews.UnmarshalEnvelope(docslips.Fix(data))
		decoded := !strings.HasPrefix(status, "decode-error: ")
		if decoded != (decErr == nil) {
			t.Errorf("%s: command says %q, conformance decode error: %v", r["file"], status, decErr)
		}
		if status != "ok" {
			failed++
			if !strings.HasPrefix(status, "decode-error: ") {
				t.Errorf("%s: %s", r["file"], status)
			}
			continue
		}

		// The body element is the manifest's root, {uri}local.
		if want := r["root"][strings.LastIndexByte(r["root"], '}')+1:]; root != want {
			t.Errorf("%s: body element %s, manifest says %s", r["file"], root, want)
		}
		// Requests in client style, responses and faults in server style.
		written, err := os.ReadFile(filepath.Join(out, r["file"]))
		if err != nil {
			t.Errorf("%s: %v", r["file"], err)
			continue
		}
		client := bytes.Contains(written[:min(len(written), 120)], []byte("<soap:Envelope "))
		if client != (r["kind"] == "request") {
			t.Errorf("%s: a %s written in the wrong style:\n%.120s", r["file"], r["kind"], written)
		}
	}
	if (failed > 0) != (code == exitFailure) || code == exitUsage {
		t.Errorf("exit %d with %d failed files", code, failed)
	}
	t.Logf("%d examples, %d ok, %d not decoded", len(rows), len(rows)-failed, failed)
}
