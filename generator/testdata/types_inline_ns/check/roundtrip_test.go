// This file is copied next to the package generated from types_inline_ns
// (module "scratch", package shop) by TestGolden and run there with go test.
package shop_test

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"

	shop "scratch"
)

const (
	nsShop  = "urn:example:shop"
	nsTypes = "urn:example:shop:types"
)

func order() *shop.Order {
	prio := int32(2)
	since, err := shop.XSParseDate("2024-03-04")
	if err != nil {
		panic(err)
	}
	note := "fragile & light"
	code := shop.Code{Space: nsTypes, Local: "Late"}
	skus := shop.Skus{7, -8, 9}
	return &shop.Order{
		Priority: &prio,
		Customer: "ann",
		Line: []shop.Line{
			{Since: &since, Note: &note, Sku: 7, Quantity: shop.QuantityX12},
			{Sku: 9, Quantity: shop.QuantityX3},
		},
		Code: &code,
		Skus: &skus,
	}
}

// names lists every element and attribute of doc as "{space}local", with
// the attributes of an element after it.
func names(t *testing.T, doc []byte) []string {
	t.Helper()
	var out []string
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok {
			out = append(out, "{"+se.Name.Space+"}"+se.Name.Local)
			for _, a := range se.Attr {
				if a.Name.Space != "xmlns" && a.Name.Local != "xmlns" {
					out = append(out, "@{"+a.Name.Space+"}"+a.Name.Local+"="+a.Value)
				}
			}
		}
	}
	return out
}

// In both styles the unqualified local elements are in no namespace, the
// qualified attributes in theirs, and the envelope decodes to what was
// sent.
func TestEnvelopeStyles(t *testing.T) {
	for _, style := range []shop.Style{shop.ClientStyle, shop.ServerStyle} {
		env := &shop.Envelope{Body: order()}
		env.Header.Session = &shop.Session{Id: "s-1"}
		out := env.Marshal(style)
		back, err := shop.UnmarshalEnvelope(out)
		if err != nil {
			t.Fatalf("style %d: %v\n%s", style, err, out)
		}
		if !reflect.DeepEqual(back.Body, env.Body) {
			t.Errorf("style %d: body decoded as\n%#v\nwant\n%#v\n%s", style, back.Body, env.Body, out)
		}
		if back.Header.Session == nil || back.Header.Session.Id != "s-1" {
			t.Errorf("style %d: Session = %#v\n%s", style, back.Header.Session, out)
		}
		got := strings.Join(names(t, out), "\n")
		for _, want := range []string{
			"{" + nsShop + "}Order\n@{}priority=2\n{}customer\n{}line\n@{" + nsTypes + "}Since=2024-03-04\n@{" + nsTypes + "}Note=fragile & light\n{" + nsTypes + "}Sku\n{" + nsTypes + "}Quantity\n{}line\n{" + nsTypes + "}Sku",
			"{}code\n{" + nsTypes + "}Skus",
			"{" + nsTypes + "}Session\n{" + nsTypes + "}Id",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("style %d: names\n%s\ndo not contain\n%s\n%s", style, got, want, out)
			}
		}
		again := back.Marshal(style)
		if !bytes.Equal(again, out) {
			t.Errorf("style %d: re-encoded differently:\n%s\n%s", style, out, again)
		}
	}
}

// A global element of a list type is a list; enumerations on integer,
// boolean and floating-point bases are typed constants.
func TestListElementAndEnums(t *testing.T) {
	skus := shop.Skus{1, 2, 3}
	out := shop.Marshal(&skus)
	if !bytes.Contains(out, []byte(">1 2 3<")) {
		t.Fatalf("Skus = %s", out)
	}
	var back shop.Skus
	if err := shop.Unmarshal(out, &back); err != nil || !reflect.DeepEqual(back, skus) {
		t.Fatalf("Skus decoded as %v, %v", back, err)
	}
	var q shop.Quantity = shop.QuantityX12
	var f shop.Flag = shop.FlagTrue
	var r shop.Ratio = shop.RatioX05
	if q != 12 || !bool(f) || r != 0.5 || shop.RatioINF != "INF" || shop.CodeStLate != "st:Late" {
		t.Errorf("constants: %v %v %v", q, f, r)
	}
}

// A product of the derived type Book keeps its type; the xs:any item of
// the repeating choice keeps its place; the xs:anyType element keeps the
// xsd prefix its xsi:type names. Both styles carry them unchanged.
func TestPolymorphicAndOpenContent(t *testing.T) {
	in := `<s:Order xmlns:s="urn:example:shop" xmlns:st="urn:example:shop:types" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
		`<customer>bo</customer><line><st:Sku>1</st:Sku><st:Quantity>1</st:Quantity></line>` +
		`<product><st:Name>pen</st:Name></product>` +
		`<product xsi:type="st:Book"><st:Name>Go</st:Name><st:Isbn>978</st:Isbn></product>` +
		`<extras><st:Gift>bow</st:Gift><x:Note xmlns:x="urn:example:other">hand-written</x:Note><st:Gift>card</st:Gift></extras>` +
		`<meta xsi:type="xsd:dateTime">2024-05-06T07:08:09Z</meta></s:Order>`
	var o shop.Order
	if err := shop.Unmarshal([]byte(in), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Product) != 2 || o.Product[0].Name != "pen" || o.Product[0].Derived != nil {
		t.Fatalf("Product = %#v", o.Product)
	}
	if b, ok := o.Product[1].Derived.(*shop.Book); !ok || b.Name != "Go" || b.Isbn != "978" {
		t.Fatalf("Product[1] = %#v", o.Product[1])
	}
	if o.Extras == nil || len(o.Extras.Items) != 3 {
		t.Fatalf("Extras = %#v", o.Extras)
	}
	if a, ok := o.Extras.Items[1].(*shop.ExtrasChoiceAny); !ok || a.Name.Local != "Note" || a.Name.Space != "urn:example:other" {
		t.Fatalf("Extras.Items[1] = %#v", o.Extras.Items[1])
	}
	out := shop.Marshal(&o)
	for _, want := range []string{`xsi:type="ns6:Book"`, `xmlns:xsd="http://www.w3.org/2001/XMLSchema"`, `xsi:type="xsd:dateTime"`, `<x:Note xmlns:x="urn:example:other">hand-written</x:Note>`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	for _, style := range []shop.Style{shop.ClientStyle, shop.ServerStyle} {
		env := &shop.Envelope{Body: &o}
		b := env.Marshal(style)
		back, err := shop.UnmarshalEnvelope(b)
		if err != nil {
			t.Fatalf("style %d: %v\n%s", style, err, b)
		}
		if !reflect.DeepEqual(back.Body, env.Body) {
			t.Errorf("style %d: decoded as\n%#v\nwant\n%#v\n%s", style, back.Body, env.Body, b)
		}
	}
}
