package ews_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/corpus"
	"github.com/ewsgen/ewsgen/internal/docslips"
)

// departureNote matches xmllint's note for an element met in one EWS
// namespace where the schema has the other.
var departureNote = regexp.MustCompile(`^Element '(([mt]):(\w+))': This element is not expected\. Expected is \( ([mt]):(\w+) \)`)

// verdict is this package's answer to "is the body element of data valid
// against the schema": strict decoding (unknown content is a problem)
// followed by Validate; why explains a "no". exact decodes as the
// published schemas declare (no departures), as xmllint reads them;
// otherwise Exchange's known departures are accepted, as the EWS profile
// does for real traffic.
func verdict(data []byte, exact bool) (ok bool, why string) {
	env, err := ews.DecodeOptions{Policy: ews.DecodeStrict, SchemaExact: exact}.UnmarshalEnvelope(data)
	if err != nil {
		return false, "decode: " + err.Error()
	}
	if env.Body == nil {
		return false, "no body element"
	}
	if err := ews.Validate(env.Body); err != nil {
		var ve *ews.ValidationError
		if errors.As(err, &ve) {
			return false, ve.Problems[0].String()
		}
		return false, err.Error()
	}
	return true, ""
}

// TestValidationAgreesWithXmllint compares the validation of the body
// element of every well-formed documented example with xmllint's verdict
// against the v2018 schemas, recorded in the corpus manifest. In the
// schema-exact mode every verdict must agree; with the EWS profile's
// departures applied, the examples that only the departures accept are
// listed with the departure and xmllint's note.
func TestValidationAgreesWithXmllint(t *testing.T) {
	dir := corpus.Dir(t)
	rows := corpus.Manifest(t, dir)
	var total, agree, profileAgree int
	var dis, deps []string
	for _, r := range rows {
		if r["wellformed"] != "yes" || (r["valid_v2018"] != "yes" && r["valid_v2018"] != "no") {
			continue
		}
		total++
		data, err := os.ReadFile(filepath.Join(dir, "examples", r["file"]))
		if err != nil {
			t.Fatal(err)
		}
		// xmllint read the examples with their namespace URIs mapped to
		// http:// (docslips) but with their "…" placeholder lines, which
		// are text where the schema allows none: only the former is undone.
		if docslips.Has(data) {
			data = bytes.ReplaceAll(data, []byte("https://schemas."), []byte("http://schemas."))
		}
		want := r["valid_v2018"] == "yes"
		ok, why := verdict(data, true)
		if ok == want {
			agree++
		} else if want {
			dis = append(dis, fmt.Sprintf("%s: xmllint valid, ours invalid: %s", r["file"], why))
			t.Errorf("%s: valid for xmllint, invalid here (schema-exact): %s", r["file"], why)
		} else {
			dis = append(dis, fmt.Sprintf("%s: xmllint invalid (%s), ours valid", r["file"], r["note"]))
			t.Errorf("%s: invalid for xmllint (%s), valid here (schema-exact)", r["file"], r["note"])
		}
		pok, pwhy := verdict(data, false)
		switch {
		case pok == want:
			profileAgree++
		case pok && !ok:
			// Only a departure of the EWS profile accepts it: it must be
			// the element in the other EWS namespace xmllint names.
			if m := departureNote.FindStringSubmatch(r["note"]); m != nil && m[2] != m[4] && m[3] == m[5] {
				deps = append(deps, fmt.Sprintf("%s: %s read in place of %s (Exchange's namespace departure; xmllint: %s)", r["file"], m[1], m[4]+":"+m[5], r["note"]))
			} else {
				t.Errorf("%s: the EWS profile accepts what xmllint refuses (%s) and no departure explains it", r["file"], r["note"])
			}
		default:
			t.Errorf("%s: the EWS profile's verdict %v differs from the schema-exact one %v: %s", r["file"], pok, ok, pwhy)
		}
	}
	t.Logf("validation agrees with xmllint: %d/%d (schema-exact)", agree, total)
	if len(dis) > 0 {
		t.Logf("disagreements:\n%s", strings.Join(dis, "\n"))
	}
	t.Logf("EWS profile (Exchange's departures applied): %d/%d agree; %d examples accepted only by a departure:\n%s",
		profileAgree, total, len(deps), strings.Join(deps, "\n"))
	if total == 0 {
		t.Fatal("no example with an xmllint verdict")
	}
}
