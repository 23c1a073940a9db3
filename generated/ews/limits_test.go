package ews_test

import (
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// The decoder's limits hold against hostile input: deep nesting, DTDs and
// entities, and oversized or endless streams each end in an error, quickly,
// without a panic and without reading more than the size limit.

const (
	limitsEnvOpen  = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">`
	limitsEnvClose = `</s:Envelope>`
)

// limitsNest returns n nested elements <name>…</name> around inner.
func limitsNest(name string, n int, inner string) string {
	var b strings.Builder
	b.Grow(n * (2*len(name) + 5))
	for range n {
		b.WriteString("<" + name + ">")
	}
	b.WriteString(inner)
	for range n {
		b.WriteString("</" + name + ">")
	}
	return b.String()
}

// limitsDecode decodes data with opts, failing the test on a panic or when
// decoding takes longer than a second.
func limitsDecode(t *testing.T, opts ews.DecodeOptions, data []byte) (env *ews.Envelope, err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("decoder panicked: %v", p)
		}
	}()
	start := time.Now()
	env, err = opts.UnmarshalEnvelope(data)
	if d := time.Since(start); d > time.Second {
		t.Errorf("decoding %d bytes took %v", len(data), d)
	}
	return env, err
}

func TestLimitsDeepNesting(t *testing.T) {
	const depth = 10000
	for _, tc := range []struct {
		name string
		doc  string
	}{
		// Inside a known request, in an element the decoder skips.
		{"skipped", `<s:Body><m:GetItem>` + limitsNest("m:Deep", depth, "") + `</m:GetItem></s:Body>`},
		// Inside an element the decoder keeps as a tree (xs:any).
		{"xs:any", `<s:Body><m:GetItemResponse><m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Error"><m:MessageXml>` +
			limitsNest("t:Deep", depth, "x") + `</m:MessageXml></m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse></s:Body>`},
		// In a recursive schema type: restrictions nest And and Not.
		{"typed", `<s:Body><m:FindItem Traversal="Shallow"><m:Restriction>` + limitsNest("t:Not", depth, `<t:Exists><t:FieldURI FieldURI="item:Subject"/></t:Exists>`) +
			`</m:Restriction></m:FindItem></s:Body>`},
		// An unknown header element, kept as a tree.
		{"header", `<s:Header>` + limitsNest("x:Deep", depth, "") + `</s:Header><s:Body/>`},
		// Directly in the Body, where only one element is expected.
		{"body", `<s:Body>` + limitsNest("m:GetItem", depth, "") + `</s:Body>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(limitsEnvOpen + strings.Replace(tc.doc, "<x:Deep>", `<x:Deep xmlns:x="urn:x">`, 1) + limitsEnvClose)
			_, err := limitsDecode(t, ews.DecodeOptions{}, data)
			if err == nil {
				t.Fatal("decoded a document nested 10000 deep")
			}
			var de *ews.XSDecodeError
			if !errors.As(err, &de) || !strings.Contains(de.Msg, "nesting depth exceeds 256") {
				t.Fatalf("error %q (%T), want an *XSDecodeError about the nesting depth limit of 256", limitsErr(err), err)
			}
			// A limit set by the caller is the one enforced.
			_, err = limitsDecode(t, ews.DecodeOptions{MaxDepth: 64}, data)
			if err == nil || !strings.Contains(err.Error(), "nesting depth exceeds 64") {
				t.Fatalf("MaxDepth 64: error %q", limitsErr(err))
			}
		})
	}
}

func TestLimitsDepthAllowed(t *testing.T) {
	// Below the limit, deep trees decode and encode (the xs:any tree is
	// written back without running out of stack).
	const depth = 5000
	data := []byte(limitsEnvOpen + `<s:Body><m:GetItemResponse><m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Error"><m:MessageXml>` +
		limitsNest("t:Deep", depth, "x") + `</m:MessageXml></m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse></s:Body>` + limitsEnvClose)
	env, err := limitsDecode(t, ews.DecodeOptions{MaxDepth: depth + 10}, data)
	if err != nil {
		t.Fatal(limitsErr(err))
	}
	out := env.Marshal(ews.ServerStyle)
	if n := len(regexp.MustCompile(`</(\w+:)?Deep>`).FindAllIndex(out, -1)); n != depth {
		t.Errorf("re-encoding holds %d Deep elements, want %d", n, depth)
	}
	if _, err := (ews.DecodeOptions{MaxDepth: depth + 10}).UnmarshalEnvelope(out); err != nil {
		t.Errorf("re-encoding does not decode: %v", limitsErr(err))
	}
}

func TestLimitsDoctype(t *testing.T) {
	body := `<s:Body><m:AddImGroup><m:DisplayName>&lol9;</m:DisplayName></m:AddImGroup></s:Body>`
	// The billion laughs: nine levels of ten references each.
	var dtd strings.Builder
	dtd.WriteString(`<!DOCTYPE s:Envelope [<!ENTITY lol0 "lol">`)
	for i := 1; i <= 9; i++ {
		dtd.WriteString(`<!ENTITY lol` + string(rune('0'+i)) + ` "` + strings.Repeat("&lol"+string(rune('0'+i-1))+";", 10) + `">`)
	}
	dtd.WriteString(`]>`)
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"billion laughs", `<?xml version="1.0"?>` + "\n" + dtd.String() + limitsEnvOpen + body + limitsEnvClose, "DOCTYPE"},
		{"external entity", `<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + limitsEnvOpen +
			`<s:Body><m:AddImGroup><m:DisplayName>&xxe;</m:DisplayName></m:AddImGroup></s:Body>` + limitsEnvClose, "DOCTYPE"},
		{"external DTD", `<!DOCTYPE s:Envelope SYSTEM "http://fixture.invalid/ews.dtd">` + limitsEnvOpen + `<s:Body/>` + limitsEnvClose, "DOCTYPE"},
		{"DOCTYPE in content", limitsEnvOpen + `<s:Body><!DOCTYPE x></s:Body>` + limitsEnvClose, "DOCTYPE"},
		// Without a DTD, only the five predefined entities exist.
		{"undeclared entity", limitsEnvOpen + body + limitsEnvClose, "lol9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := limitsDecode(t, ews.DecodeOptions{}, []byte(tc.doc))
			if err == nil {
				t.Fatal("decoded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want it to mention %s", err, tc.want)
			}
		})
	}
}

// limitsCountingReader counts the bytes read from r.
type limitsCountingReader struct {
	r io.Reader
	n int64
}

func (c *limitsCountingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// limitsEndless repeats a pattern forever.
type limitsEndless struct {
	pattern []byte
	off     int
}

func (e *limitsEndless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.pattern[e.off]
		e.off = (e.off + 1) % len(e.pattern)
	}
	return len(p), nil
}

func TestLimitsReadEnvelope(t *testing.T) {
	const max = 4096
	big := limitsEnvOpen + `<s:Body><m:GetItem>` + strings.Repeat(`<m:Pad>padding padding padding</m:Pad>`, 1<<16) + `</m:GetItem></s:Body>` + limitsEnvClose
	for _, tc := range []struct {
		name string
		r    io.Reader
	}{
		{"endless", io.MultiReader(strings.NewReader(limitsEnvOpen+`<s:Body><m:GetItem>`), &limitsEndless{pattern: []byte(`<m:Pad>endless</m:Pad>`)})},
		{"endless garbage", &limitsEndless{pattern: []byte("<<<<")}},
		{"oversized", strings.NewReader(big)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cr := &limitsCountingReader{r: tc.r}
			done := make(chan error, 1)
			go func() {
				defer func() {
					if p := recover(); p != nil {
						done <- errors.New("panic")
					}
				}()
				_, err := ews.ReadEnvelope(cr, max)
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("ReadEnvelope did not return")
			}
			if err == nil || !strings.Contains(err.Error(), "size limit of 4096 bytes") {
				t.Fatalf("error %v, want the size limit error", err)
			}
			if cr.n > max+1 {
				t.Errorf("read %d bytes with a limit of %d", cr.n, max)
			}
		})
	}
	// At the limit, a document is read and decoded.
	small := limitsEnvOpen + `<s:Body><m:AddImGroup><m:DisplayName>Harbour crew</m:DisplayName></m:AddImGroup></s:Body>` + limitsEnvClose
	env, err := ews.ReadEnvelope(strings.NewReader(small), int64(len(small)))
	if err != nil {
		t.Fatalf("a document of exactly the limit: %v", err)
	}
	if g, ok := env.Body.(*ews.AddImGroup); !ok || g.DisplayName != "Harbour crew" {
		t.Errorf("decoded %#v", env.Body)
	}
	// The same limit applies to documents already in memory.
	if _, err := (ews.DecodeOptions{MaxBytes: max}).UnmarshalEnvelope([]byte(big)); err == nil || !strings.Contains(err.Error(), "size limit") {
		t.Errorf("DecodeOptions.MaxBytes: error %v", err)
	}
}

// limitsErr shortens an error message for a failure report (the element path
// of a deep document is long).
func limitsErr(err error) string {
	if err == nil {
		return "<nil>"
	}
	s := err.Error()
	if len(s) > 300 {
		s = s[:150] + " … " + s[len(s)-150:]
	}
	return s
}
