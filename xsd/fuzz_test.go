package xsd

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// fuzzLimits are small, so that every input ends quickly.
var fuzzLimits = Limits{
	FileBytes:       1 << 20,
	TotalBytes:      2 << 20,
	XMLDepth:        32,
	XMLNodes:        20_000,
	Components:      2_000,
	DerivationDepth: 16,
	Enumerations:    1_000,
	Particles:       20_000,
	XgenBytes:       64 << 10,
}

// FuzzLoad loads the fuzzed bytes as a schema (or WSDL) file next to one
// fixed schema it may include or import. Load must return a Set or errors,
// never panic or hang.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"testdata/basic/library.wsdl",
		"testdata/basic/msg.xsd",
		"testdata/basic/types/core.xsd",
		"testdata/err_refs/main.xsd",
		"testdata/err_duplicate/main.xsd",
		"testdata/wsdl_bindings/svc.wsdl",
		"testdata/wsdl_import/main.wsdl",
		"testdata/xsd_redefine/fruit.xsd",
		"testdata/xsd_specials/data.xsd",
		"testdata/xsd_specials/signed.xsd",
	} {
		data, err := os.ReadFile(seed)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:f" targetNamespace="urn:f">
  <xs:include schemaLocation="other.xsd"/>
  <xs:complexType name="X"><xs:complexContent><xs:extension base="t:Y"/></xs:complexContent></xs:complexType>
  <xs:complexType name="Y"><xs:complexContent><xs:restriction base="t:X"/></xs:complexContent></xs:complexType>
  <xs:group name="G"><xs:sequence><xs:group ref="t:G"/><xs:group ref="t:G"/></xs:sequence></xs:group>
  <xs:element name="S" substitutionGroup="t:S"/>
</xs:schema>`))
	f.Add([]byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:f">
  <xs:include schemaLocation="../../etc/passwd"/>
  <xs:import namespace="urn:n" schemaLocation="http://example.com/n.xsd"/>
  <xs:simpleType name="E"><xs:restriction base="xs:string"><xs:enumeration value="a"/><xs:enumeration value="b"/></xs:restriction></xs:simpleType>
</xs:schema>`))
	f.Add([]byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:r" targetNamespace="urn:r">
  <xs:redefine schemaLocation="other.xsd">
    <xs:complexType name="O"><xs:complexContent><xs:extension base="t:O"/></xs:complexContent></xs:complexType>
  </xs:redefine>
  <xs:element name="D"><xs:complexType><xs:sequence><xs:element ref="xs:schema"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>`))
	other := []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:f">
  <xs:complexType name="O"><xs:sequence><xs:element name="A" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>`)
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "other.xsd"), other, 0o644); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "in.xsd")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		// A hang shows as a panic with every goroutine's stack.
		done := make(chan bool)
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				buf := make([]byte, 1<<20)
				n := runtime.Stack(buf, true)
				panic(string(buf[:n]))
			}
		}()
		set, err := Load([]string{filepath.ToSlash(p)}, Options{Limits: fuzzLimits})
		if (set == nil) == (err == nil) {
			t.Fatalf("Load returned set %v and error %v", set != nil, err)
		}
		if set != nil {
			_ = set.Dump()
		}
	})
}
