package ewsrt

import (
	"strings"
	"testing"
)

// resolveBody decodes the first child of doc's root with DecodeMultiRef,
// capturing the resolved element as XML.
func resolveBody(doc string) (string, error) {
	d := xmlNewDecoder([]byte(doc), nil, xmlLimits{MaxDepth: 64, Strict: true})
	root, err := d.Root()
	if err != nil {
		return "", err
	}
	_ = root
	c, err := d.Child()
	if err != nil || c == nil {
		return "", err
	}
	var out string
	err = d.DecodeMultiRef(c, func(sd *xmlDecoder, se *xmlStart) error {
		a, err := sd.Any(se)
		if err != nil {
			return err
		}
		out = a.String()
		return nil
	})
	if err != nil {
		return "", err
	}
	return out, d.Finish()
}

func TestMultiRefResolve(t *testing.T) {
	// references after the wrapper and inside it; attributes of the
	// referenced element join the accessor's, id/href/soapenc:root go; the
	// referenced element's prefixes travel with its QName values.
	got, err := resolveBody(`<Body xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/">` +
		`<w:op xmlns:w="urn:w"><a href="#x"/><b href="#y" k="1"/><c id="y" t="2"><v>in</v></c></w:op>` +
		`<m id="x" enc:root="0" xmlns:p="urn:p" q="p:v"><n>1</n><n href="#y"/></m></Body>`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a xmlns:p="urn:p" xmlns="" q="p:v"><n>1</n><n t="2"><v>in</v></n></a>`, `<b xmlns="" k="1" t="2"><v>in</v></b>`, `<c xmlns="" t="2"><v>in</v></c>`} {
		if !strings.Contains(got, want) {
			t.Errorf("resolved %s\nlacks %s", got, want)
		}
	}
	if strings.Contains(got, "root=") || strings.Contains(got, "id=") || strings.Contains(got, "href=") {
		t.Errorf("resolved %s keeps reference attributes", got)
	}
	for _, tc := range []struct{ doc, want string }{
		{`<B><op><a href="#z"/></op></B>`, `names no element`},
		{`<B><op><a href="z"/></op></B>`, `is not a reference to an element of the message`},
		{`<B><op><a href="#x"/></op><m id="x"><b href="#x"/></m></B>`, `(a cycle)`},
		{`<B><op><a id="x"/></op><m id="x"/></B>`, `is used twice`},
	} {
		if _, err := resolveBody(tc.doc); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.doc, err, tc.want)
		}
	}
}

// FuzzMultiRef: resolution never panics and stays within its bounds.
func FuzzMultiRef(f *testing.F) {
	f.Add(`<B><op><a href="#x"/></op><m id="x"><n href="#y"/><n href="#y"/></m><m id="y">t</m></B>`)
	f.Add(`<B><op><a href="#x"/></op><m id="x"><b href="#x"/></m></B>`)
	f.Fuzz(func(t *testing.T, doc string) {
		out, err := resolveBody(doc)
		if err == nil && len(out) > 64*len(doc)+(1<<21) {
			t.Fatalf("%q resolved to %d bytes", doc, len(out))
		}
	})
}
