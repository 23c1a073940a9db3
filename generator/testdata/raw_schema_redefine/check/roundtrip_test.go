// This file is copied next to the package generated from raw_schema_redefine
// (module "scratch") by TestGolden and run there with go test.
package rawschemaredefine_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	c "scratch"
)

// The redefined type has the original's content followed by the added
// element.
func TestRedefinedType(t *testing.T) {
	data, err := os.ReadFile("testdata/price.xml")
	if err != nil {
		t.Fatal(err)
	}
	var p c.Price
	if err := c.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if string(p.Amount) != "9.50" || p.Currency != "EUR" {
		t.Fatalf("Price = %#v", p)
	}
	out := c.Marshal(&p)
	var q c.Price
	if err := c.Unmarshal(out, &q); err != nil || !reflect.DeepEqual(p, q) {
		t.Fatalf("%v\n%s", err, out)
	}
}

// The schema a DataSet carries is kept as raw XML, with its prefixes, and
// written back; so is the data after it.
func TestRawSchema(t *testing.T) {
	in := `<c:Table xmlns:c="urn:example:catalog"><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" id="NewDataSet"><xs:element name="Row" type="xs:string"/></xs:schema>` +
		`<diffgr:diffgram xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1"><Row>1</Row></diffgr:diffgram></c:Table>`
	var tb c.Table
	if err := c.Unmarshal([]byte(in), &tb); err != nil {
		t.Fatal(err)
	}
	out := c.Marshal(&tb)
	for _, want := range []string{`id="NewDataSet"`, `name="Row"`, `type="xs:string"`, `xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1"`, `>1</Row>`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	// Content kept as read records the namespace bindings in scope where it
	// was read, which differ between the input and the output; what is
	// written again is the same.
	var back c.Table
	if err := c.Unmarshal(out, &back); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if again := c.Marshal(&back); !bytes.Equal(again, out) {
		t.Fatalf("encoding changes:\n%s\n%s", out, again)
	}
}

// A repeating choice of xs:any alone keeps every element, in order.
func TestChoiceOfAnyOnly(t *testing.T) {
	in := `<c:Bag xmlns:c="urn:example:catalog"><c:One>1</c:One><Two xmlns="urn:x">2</Two><c:Three/></c:Bag>`
	var b c.Bag
	if err := c.Unmarshal([]byte(in), &b); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, it := range b.Items {
		a, ok := it.(*c.BagChoiceAny)
		if !ok {
			t.Fatalf("item %T", it)
		}
		names = append(names, a.Name.Local)
	}
	if strings.Join(names, ",") != "One,Two,Three" {
		t.Fatalf("items %v", names)
	}
	out := c.Marshal(&b)
	var back c.Bag
	if err := c.Unmarshal(out, &back); err != nil || len(back.Items) != 3 || !bytes.Equal(c.Marshal(&back), out) {
		t.Fatalf("%v\n%s", err, out)
	}
}
