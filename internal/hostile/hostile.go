// Package hostile writes hostile schemas: inputs built to make a schema
// loader or code generator slow, memory-hungry or careless with files. The
// ewsgen tests use small instances; hostilegen writes the full-size ones for
// measuring ewsgen by hand.
package hostile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

const header = `<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:hostile" targetNamespace="urn:hostile" elementFormDefault="qualified">
`

const footer = "</xs:schema>\n"

// write creates dir/name and fills it with body.
func write(dir, name string, body func(w *bufio.Writer)) (string, error) {
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	body(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
}

// DeepChain writes chain.xsd: n complex types, each extending the previous
// one and adding one element, and a global element of the last type. With
// n = 10000 the file is about 2 MB.
func DeepChain(dir string, n int) (string, error) {
	return write(dir, "chain.xsd", func(w *bufio.Writer) {
		io.WriteString(w, header)
		fmt.Fprintf(w, "  <xs:complexType name=\"T0\">\n    <xs:sequence>\n      <xs:element name=\"F0\" type=\"xs:string\"/>\n    </xs:sequence>\n  </xs:complexType>\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(w, "  <xs:complexType name=\"T%d\">\n    <xs:complexContent>\n      <xs:extension base=\"t:T%d\">\n        <xs:sequence>\n          <xs:element name=\"F%d\" type=\"xs:string\" minOccurs=\"0\"/>\n        </xs:sequence>\n      </xs:extension>\n    </xs:complexContent>\n  </xs:complexType>\n", i, i-1, i)
		}
		fmt.Fprintf(w, "  <xs:element name=\"Root\" type=\"t:T%d\"/>\n", n-1)
		io.WriteString(w, footer)
	})
}

// BigEnum writes enum.xsd: one simple type with n enumeration values and
// an element of that type. With n = 1e6 the file is about 50 MB.
func BigEnum(dir string, n int) (string, error) {
	return write(dir, "enum.xsd", func(w *bufio.Writer) {
		io.WriteString(w, header)
		io.WriteString(w, "  <xs:simpleType name=\"E\">\n    <xs:restriction base=\"xs:string\">\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(w, "      <xs:enumeration value=\"V%d\"/>\n", i)
		}
		io.WriteString(w, "    </xs:restriction>\n  </xs:simpleType>\n  <xs:element name=\"Root\" type=\"t:E\"/>\n")
		io.WriteString(w, footer)
	})
}

// Cycle writes cycle.xsd: complex types X and Y deriving from each other
// (X extends Y, Y restricts X), groups and attribute groups that refer to
// themselves through each other, and a substitution-group cycle.
func Cycle(dir string) (string, error) {
	return write(dir, "cycle.xsd", func(w *bufio.Writer) {
		io.WriteString(w, header)
		io.WriteString(w, `  <xs:complexType name="X">
    <xs:complexContent>
      <xs:extension base="t:Y"/>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="Y">
    <xs:complexContent>
      <xs:restriction base="t:X"/>
    </xs:complexContent>
  </xs:complexType>
  <xs:group name="G1">
    <xs:sequence>
      <xs:group ref="t:G2"/>
    </xs:sequence>
  </xs:group>
  <xs:group name="G2">
    <xs:sequence>
      <xs:element name="A" type="xs:string"/>
      <xs:group ref="t:G1"/>
    </xs:sequence>
  </xs:group>
  <xs:attributeGroup name="AG">
    <xs:attributeGroup ref="t:AG"/>
  </xs:attributeGroup>
  <xs:element name="S1" type="xs:string" substitutionGroup="t:S2"/>
  <xs:element name="S2" type="xs:string" substitutionGroup="t:S1"/>
  <xs:element name="Root" type="t:X"/>
`)
		io.WriteString(w, footer)
	})
}

// Escape writes escape/main.xsd, which includes /etc/passwd by absolute
// path, ../outside.xsd (written next to the escape folder, so it exists)
// and two http schemaLocations. It returns the path of main.xsd.
func Escape(dir string) (string, error) {
	if _, err := write(dir, "outside.xsd", func(w *bufio.Writer) {
		io.WriteString(w, header)
		io.WriteString(w, "  <xs:element name=\"Outside\" type=\"xs:string\"/>\n")
		io.WriteString(w, footer)
	}); err != nil {
		return "", err
	}
	sub := filepath.Join(dir, "escape")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return "", err
	}
	return write(sub, "main.xsd", func(w *bufio.Writer) {
		io.WriteString(w, header)
		io.WriteString(w, `  <xs:include schemaLocation="/etc/passwd"/>
  <xs:include schemaLocation="../outside.xsd"/>
  <xs:import namespace="urn:net1" schemaLocation="http://example.com/one.xsd"/>
  <xs:import namespace="urn:net2" schemaLocation="https://example.com/two.xsd"/>
  <xs:element name="Root" type="xs:string"/>
`)
		io.WriteString(w, footer)
	})
}

// BigWSDL writes big.wsdl: a WSDL whose inline schema declares n complex
// types (every tenth one extending the one before it, each documented and
// with a dozen elements and two attributes), a global element per type,
// and one operation. With n = 23000 the file is about 50 MB.
func BigWSDL(dir string, n int) (string, error) {
	return write(dir, "big.wsdl", func(w *bufio.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:hostile" targetNamespace="urn:hostile">
  <wsdl:types>
    <xs:schema targetNamespace="urn:hostile" elementFormDefault="qualified">
`)
		for i := 0; i < n; i++ {
			fmt.Fprintf(w, "      <xs:complexType name=\"Type%d\">\n        <xs:annotation>\n          <xs:documentation>", i)
			for j := 0; j < 6; j++ {
				fmt.Fprintf(w, "Type%d is a generated type of the hostile schema; this sentence pads its documentation to a realistic length. ", i)
			}
			io.WriteString(w, "</xs:documentation>\n        </xs:annotation>\n")
			ext := i%10 != 0
			if ext {
				fmt.Fprintf(w, "        <xs:complexContent>\n          <xs:extension base=\"t:Type%d\">\n", i-1)
			}
			io.WriteString(w, "            <xs:sequence>\n")
			for j := 0; j < 12; j++ {
				typ := "xs:string"
				switch j % 4 {
				case 1:
					typ = "xs:int"
				case 2:
					typ = "xs:dateTime"
				case 3:
					if i > 0 {
						typ = fmt.Sprintf("t:Type%d", (i*7+j)%i)
					}
				}
				fmt.Fprintf(w, "              <xs:element name=\"Field%d_%d\" type=\"%s\" minOccurs=\"0\"/>\n", i, j, typ)
			}
			io.WriteString(w, "            </xs:sequence>\n")
			fmt.Fprintf(w, "            <xs:attribute name=\"Id%d\" type=\"xs:string\" use=\"required\"/>\n            <xs:attribute name=\"Flag%d\" type=\"xs:boolean\"/>\n", i, i)
			if ext {
				io.WriteString(w, "          </xs:extension>\n        </xs:complexContent>\n")
			}
			io.WriteString(w, "      </xs:complexType>\n")
			fmt.Fprintf(w, "      <xs:element name=\"Elem%d\" type=\"t:Type%d\"/>\n", i, i)
		}
		io.WriteString(w, `    </xs:schema>
  </wsdl:types>
  <wsdl:message name="Request">
    <wsdl:part name="body" element="t:Elem0"/>
  </wsdl:message>
  <wsdl:message name="Response">
    <wsdl:part name="body" element="t:Elem1"/>
  </wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="Op">
      <wsdl:input message="t:Request"/>
      <wsdl:output message="t:Response"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="t:Port">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Op">
      <soap:operation soapAction="urn:hostile/Op"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Service">
    <wsdl:port name="Port" binding="t:Binding">
      <soap:address location="http://localhost/service"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`)
	})
}

// Wide writes wide.xsd: one complex type with n optional nillable string
// elements, the shape whose generated code is largest per element, and a
// global element of that type. With n = 48000 the output is just under the
// default output limit.
func Wide(dir string, n int) (string, error) {
	return write(dir, "wide.xsd", func(w *bufio.Writer) {
		io.WriteString(w, header)
		io.WriteString(w, "  <xs:complexType name=\"T\">\n    <xs:sequence>\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(w, "      <xs:element name=\"F%d\" type=\"xs:string\" minOccurs=\"0\" nillable=\"true\"/>\n", i)
		}
		io.WriteString(w, "    </xs:sequence>\n  </xs:complexType>\n  <xs:element name=\"Root\" type=\"t:T\"/>\n")
		io.WriteString(w, footer)
	})
}
