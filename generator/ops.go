package generator

import (
	"encoding/xml"
	"fmt"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/xsd"
)

// Operations and bindings: the contract model of what a service does.
//
// buildContract turns the WSDL the loader resolved (xsd.WSDL) into one
// OperationModel per bound operation, with everything the client, the
// server and the Operations table need: the Go method name, the SOAP
// version, style and use, the soapAction, the body parts, the header parts
// and the faults. It is the only place that reads xsd.Operation for the
// emitters; client.go, server.go and the Operations table read the models.
//
// Bindings and portTypes: a generated package has one Client and one
// Service for the whole WSDL. Every portType is generated through one of
// its bindings (selectOperations: the first in the SOAP version
// Config.SOAPVersion prefers, SOAP 1.1 by default, else its first binding),
// so a WSDL whose portTypes use different SOAP versions gives one package
// whose operations carry their own version (Operation.SOAP). Operations of
// different portTypes that share a name are separate entries of Operations
// and separate methods (the second name numbered, see below); the handler
// tells them apart by their request element and action.
//
// Styles: document/literal, wrapped or bare with one body part, as the
// schemas declare the body elements; a document-style type= part through
// the accessor element docTypedParts declares, a body of several parts
// through the stand-in element partsBody declares; rpc/literal and
// rpc/encoded (SOAP 1.1 section 5 encoding, encoded.go) through wrapper
// elements that rpcWrappers declares (see there). document/encoded, and
// encodings other than section 5, are refused per operation with a warning
// (Config.Warn) naming the operation and its binding, and the other
// operations are generated.
//
// Contract of the pass: every portType operation the WSDL binds gets a model
// (none is dropped for its name); GoName is an exported Go identifier, unique
// among the operations and the methods Client already has, derived from the
// WSDL name alone (so the same WSDL always gives the same names); Stub is
// false only with Unsupported saying why, and the generator reports that.

// SOAPVersion is the SOAP version of a binding (the loader's type).
type SOAPVersion = xsd.SOAPVersion

// The SOAP versions a binding may use.
const (
	SOAP11 = xsd.SOAP11 // binding namespace http://schemas.xmlsoap.org/wsdl/soap/
	SOAP12 = xsd.SOAP12 // binding namespace http://schemas.xmlsoap.org/wsdl/soap12/
)

// OperationModel is one operation of a portType as a SOAP binding binds it.
type OperationModel struct {
	Name        string      // the WSDL operation name (an NCName)
	GoName      string      // the Go method name of Client and Service
	Index       int         // index of the operation in the Operations table
	Doc         string      // wsdl:documentation of the portType operation
	PortType    xml.Name    // the portType that declares the operation
	Binding     xml.Name    // the binding that binds it
	SOAP        SOAPVersion // the binding's SOAP version
	Style       string      // "document" or "rpc"
	Use         string      // "literal" or "encoded" (of the input's soap:body)
	Action      string      // soapAction (SOAP 1.1 SOAPAction header, SOAP 1.2 action parameter)
	Namespace   string      // soap:body namespace of the input (rpc style: the wrapper's namespace)
	Input       *MessageModel
	Output      *MessageModel // nil for a one-way operation
	Faults      []*FaultModel
	Pos         xsd.Pos
	Source      *xsd.Operation
	Stub        bool   // Client and Service have a method for it
	Unsupported string // when Stub is false: why the operation has no method
}

// OneWay reports whether the operation has no response.
func (o *OperationModel) OneWay() bool { return o.Output == nil }

// MessageModel is the input or the output of an operation as bound.
type MessageModel struct {
	Message xml.Name      // the wsdl:message
	Body    []*xsd.Part   // the parts in soap:body
	Element xml.Name      // the body element (document style: the single element part)
	Headers []*xsd.Header // the soap:header parts
}

// FaultModel is one wsdl:fault of an operation: the detail element its
// message's part names.
type FaultModel struct {
	Name    string
	Message xml.Name
	Element xml.Name // the fault detail element; zero when the part is typed
}

// clientMethods are the exported methods Client and Service have besides
// the operations; an operation whose Go name is one of them is numbered.
var clientMethods = []string{"Endpoint", "Timeout"}

// buildContract makes the operation models of the plan's operations, sorted
// by WSDL name (the order of the Operations table).
func (p *plan) buildContract() []*OperationModel {
	var w *xsd.WSDL = p.set.WSDL
	ops := append([]*xsd.Operation(nil), p.ops...)
	sort.SliceStable(ops, func(i, j int) bool { return ops[i].Name < ops[j].Name })
	taken := map[string]bool{}
	for _, n := range clientMethods {
		taken[n] = true
	}
	var out []*OperationModel
	for _, op := range ops {
		m := &OperationModel{
			Name: op.Name, Doc: op.Doc, Action: op.Action, Style: op.Style,
			Use: "literal", SOAP: SOAP11, Pos: op.Pos, Source: op,
		}
		if w != nil {
			m.PortType, m.Binding = w.PortType, w.Binding
		}
		if op.Binding.Local != "" {
			m.PortType, m.Binding = op.PortType, op.Binding
		}
		if op.SOAPVersion == SOAP12 {
			m.SOAP = SOAP12
		}
		if op.Input != nil {
			if op.Input.Use != "" {
				m.Use = op.Input.Use
			}
			m.Namespace = op.Input.Namespace
		}
		if m.Style == "" {
			m.Style = "document"
		}
		if op.Input != nil {
			m.Input = messageModel(op.Input)
		}
		if op.Output != nil {
			m.Output = messageModel(op.Output)
		}
		for _, f := range op.Faults {
			m.Faults = append(m.Faults, &FaultModel{Name: f.Name, Message: f.Message, Element: f.Element})
		}
		out = append(out, m)
	}
	// Go names: first the operations whose name only needs its first letter
	// upper-cased, then the others, each in name order; a name taken gets
	// the smallest number from 2 that is free (getQueryNames keeps
	// GetQueryNames, get-query-names becomes GetQueryNames2).
	for pass := 0; pass < 2; pass++ {
		for _, m := range out {
			n := goName(m.Name)
			if exact := len(n) == len(m.Name) && n[1:] == m.Name[1:]; exact == (pass == 0) {
				m.GoName = uniqueName(n, taken)
			}
		}
	}
	return out
}

// uniqueName returns base, or base followed by the smallest number from 2
// that is not taken, and marks it taken.
func uniqueName(base string, taken map[string]bool) string {
	name := base
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	taken[name] = true
	return name
}

func messageModel(io *xsd.IO) *MessageModel {
	m := &MessageModel{Message: io.Message, Body: io.Body, Headers: io.Headers}
	if len(io.Body) == 1 && io.Body[0].Element.Local != "" {
		m.Element = io.Body[0].Element
	}
	return m
}

// opModels returns the models of the kept operations, in the order of the
// Operations table, with Index, Stub and Unsupported filled. It is cheap and
// deterministic; each emitter pass that needs the models makes them.
func (g *emitter) opModels() []*OperationModel {
	all := g.p.buildContract()
	i := 0
	out := []*OperationModel{}
	for _, m := range all {
		if !g.opKept(m.Source) {
			continue
		}
		m.Index = i
		i++
		m.Stub, m.Unsupported = g.stubbable(m)
		out = append(out, m)
	}
	return out
}

// stubbable reports whether the operation can have a Client and a Service
// method, and when not, why.
func (g *emitter) stubbable(m *OperationModel) (bool, string) {
	what := fmt.Sprintf("operation %q of binding %q", m.Name, m.Binding.Local)
	switch {
	case m.Use == "encoded" && m.Style != "rpc":
		return false, what + ": document style with use=\"encoded\" is not supported (only rpc/encoded and literal bindings are)"
	case m.Use == "encoded" && !g.soapEncoded(m):
		return false, what + ": use=\"encoded\" with an encodingStyle other than SOAP 1.1 section 5 encoding (" + nsSOAPEnc + ") is not supported"
	case m.Style == "rpc" && (m.Input == nil || m.Input.Element.Local == ""):
		return false, what + ": rpc style: its wrapper element is also declared by the schemas"
	case m.Input == nil:
		return false, what + ": it has no input (notification operations are not supported)"
	case m.Input.Element.Local == "":
		return false, what + ": its input's soap:body is not a single element part"
	case g.bodyElemType(m.Input.Element) == nil:
		return false, what + fmt.Sprintf(": its input element {%s}%s has no Go type", m.Input.Element.Space, m.Input.Element.Local)
	case m.Output != nil && len(m.Output.Body) > 0 && m.Output.Element.Local == "":
		return false, what + ": its output's soap:body is not a single element part"
	case m.Output != nil && m.Output.Element.Local != "" && g.bodyElemType(m.Output.Element) == nil:
		return false, what + fmt.Sprintf(": its output element {%s}%s has no Go type", m.Output.Element.Space, m.Output.Element.Local)
	}
	return true, ""
}

// soapEncoded reports whether an rpc/encoded operation's wrappers use the
// SOAP 1.1 section 5 encoding (its URI among the encodingStyle's URIs).
func (g *emitter) soapEncoded(m *OperationModel) bool {
	for _, io := range []*MessageModel{m.Input, m.Output} {
		if io == nil || io.Element.Local == "" {
			continue
		}
		e := g.p.set.Elements[io.Element]
		if e == nil || !hasURI(e.EncodingStyle, nsSOAPEnc) {
			return false
		}
	}
	return m.Input != nil && m.Input.Element.Local != ""
}

// hasURI reports whether the space-separated list of URIs list holds uri.
func hasURI(list, uri string) bool {
	for _, u := range strings.Fields(list) {
		if u == uri {
			return true
		}
	}
	return false
}

// respElement is the output body element, zero when the operation answers
// with nothing (one-way, or an output message without body parts).
func (m *OperationModel) respElement() xml.Name {
	if m.Output == nil {
		return xml.Name{}
	}
	return m.Output.Element
}

// operations returns operations.go: the Operation type and the Operations
// table, one entry per operation (with or without methods).
func (g *emitter) operations(header string) *jen.File {
	f := jen.NewFile(g.p.cfg.Package)
	addHeader(f, header)
	f.ImportName("encoding/xml", "xml")
	f.Comment("Operation describes one WSDL operation and how SOAP binds it.")
	f.Type().Id("Operation").Struct(
		jen.Id("Name").String().Comment("operation name"),
		jen.Id("Action").String().Comment("SOAPAction (SOAP 1.1), action parameter of the Content-Type (SOAP 1.2)"),
		jen.Id("Request").Qual("encoding/xml", "Name").Comment("body element of the request"),
		jen.Id("Response").Qual("encoding/xml", "Name").Comment("body element of the response"),
		jen.Id("RequestHeaders").Index().Qual("encoding/xml", "Name").Comment("header elements the request may carry"),
		jen.Id("ResponseHeaders").Index().Qual("encoding/xml", "Name").Comment("header elements the response may carry"),
		jen.Id("SOAP").Id("SOAPVersion").Comment("SOAP version of the binding"),
	)
	qn := func(n xml.Name) jen.Code {
		return jen.Qual("encoding/xml", "Name").Values(jen.Dict{jen.Id("Space"): jen.Lit(n.Space), jen.Id("Local"): jen.Lit(n.Local)})
	}
	hdrs := func(hs []*xsd.Header) jen.Code {
		var out []jen.Code
		for _, h := range hs {
			out = append(out, qn(h.Element))
		}
		return jen.Index().Qual("encoding/xml", "Name").Values(out...)
	}
	var vals []jen.Code
	for _, m := range g.opModels() {
		d := jen.Dict{jen.Id("Name"): jen.Lit(m.Name), jen.Id("Action"): jen.Lit(m.Action)}
		if m.Input != nil && len(m.Input.Body) > 0 {
			d[jen.Id("Request")] = qn(m.Input.Body[0].Element)
		}
		if m.Output != nil && len(m.Output.Body) > 0 {
			d[jen.Id("Response")] = qn(m.Output.Body[0].Element)
		}
		if m.Input != nil && len(m.Input.Headers) > 0 {
			d[jen.Id("RequestHeaders")] = hdrs(m.Input.Headers)
		}
		if m.Output != nil && len(m.Output.Headers) > 0 {
			d[jen.Id("ResponseHeaders")] = hdrs(m.Output.Headers)
		}
		if m.SOAP == SOAP12 {
			d[jen.Id("SOAP")] = jen.Id("SOAP12")
		}
		vals = append(vals, jen.Values(d))
	}
	f.Comment("Operations lists every operation of the service, sorted by name.")
	f.Var().Id("Operations").Op("=").Index().Id("Operation").Values(vals...)
	return f
}

// selectOperations returns the operations to generate: for every portType
// (document order), the operations of its first binding in the preferred
// SOAP version, or of its first binding when it has none in that version.
// Without bindings in the model it returns w.Operations.
func selectOperations(w *xsd.WSDL, pref xsd.SOAPVersion) []*xsd.Operation {
	if pref != SOAP12 {
		pref = SOAP11
	}
	if len(w.Bindings) == 0 {
		return w.Operations
	}
	var out []*xsd.Operation
	for _, pt := range w.PortTypes {
		var chosen *xsd.Binding
		for _, b := range w.Bindings {
			if b.PortType != pt.Name {
				continue
			}
			if chosen == nil || (chosen.SOAPVersion != pref && b.SOAPVersion == pref) {
				chosen = b
			}
		}
		if chosen != nil {
			out = append(out, chosen.Operations...)
		}
	}
	return out
}

// warnUnsupported reports the operations that get no methods.
func (g *emitter) warnUnsupported() {
	if g.p.cfg.Warn == nil {
		return
	}
	for _, m := range g.opModels() {
		if !m.Stub {
			g.p.cfg.Warn(&xsd.Error{Pos: m.Pos, Msg: m.Unsupported + "; it has no Client or Service method"})
		}
	}
}

// rpcWrappers returns ops with every rpc/literal and rpc/encoded (SOAP 1.1
// section 5) operation replaced by a copy whose input and output body is
// one wrapper element, as WS-I Basic
// Profile 1.1 (4.7.20) describes the rpc/literal message: the request
// wrapper is named after the operation, the response wrapper after the
// operation followed by "Response", both in the soap:body namespace (the
// WSDL's target namespace when the binding gives none); each holds one
// unqualified child per body part, named after the part, of the part's type
// (type=) or of its element's type (element=). The wrappers are added to
// set.Elements, so they are planned like the schemas' elements. An
// operation whose wrapper name a schema element already has is left as it
// is (and gets no methods). An rpc/encoded wrapper is the same element with
// xsd.Element.EncodingStyle set (encoded.go). A document-style operation
// goes through docTypedParts.
func rpcWrappers(set *xsd.Set, ops []*xsd.Operation) []*xsd.Operation {
	out := make([]*xsd.Operation, len(ops))
	for i, op := range ops {
		out[i] = op
		encoded := op.Input != nil && op.Input.Use == "encoded"
		if encoded && !hasURI(op.Input.EncodingStyle, nsSOAPEnc) && strings.TrimSpace(op.Input.EncodingStyle) != "" {
			continue // another encoding than SOAP 1.1 section 5: refused (stubbable)
		}
		if op.Style != "rpc" || op.Input == nil || (op.Input.Use != "" && op.Input.Use != "literal" && !encoded) {
			if op.Style != "rpc" {
				out[i] = docTypedParts(set, op)
			}
			continue
		}
		ns := op.Input.Namespace
		if ns == "" && set.WSDL != nil {
			ns = set.WSDL.TargetNamespace
		}
		in := rpcWrapper(set, op, op.Input, xml.Name{Space: ns, Local: op.Name})
		if in == nil {
			continue
		}
		c := *op
		c.Input = in
		if op.Output != nil {
			ons := op.Output.Namespace
			if ons == "" {
				ons = ns
			}
			if c.Output = rpcWrapper(set, op, op.Output, xml.Name{Space: ons, Local: op.Name + "Response"}); c.Output == nil {
				continue
			}
		}
		out[i] = &c
	}
	return out
}

// rpcWrapper declares the wrapper element name for io's body parts and
// returns a copy of io whose body is that element; nil when name is taken.
func rpcWrapper(set *xsd.Set, op *xsd.Operation, io *xsd.IO, name xml.Name) *xsd.IO {
	if _, taken := set.Elements[name]; taken {
		return nil
	}
	seq := &xsd.Particle{Kind: xsd.PSequence, Min: 1, Max: 1, Pos: op.Pos}
	for _, part := range io.Body {
		child := &xsd.Element{Name: xml.Name{Local: part.Name}, Pos: part.Pos, Type: part.Type}
		if part.Element.Local != "" {
			e := set.Elements[part.Element]
			if e == nil {
				return nil
			}
			child.Type, child.AnonType, child.Nillable = e.Type, e.AnonType, e.Nillable
		}
		seq.Children = append(seq.Children, &xsd.Particle{Kind: xsd.PElement, Min: 1, Max: 1, Pos: part.Pos, Element: child})
	}
	typ := &xsd.Type{Pos: op.Pos, Content: seq}
	if len(seq.Children) == 0 {
		typ.Content = nil
	}
	w := &xsd.Element{Name: name, Pos: op.Pos, Global: true, AnonType: typ,
		Doc: fmt.Sprintf("%s is the rpc wrapper element of operation %s.", name.Local, op.Name)}
	if io.Use == "encoded" {
		w.EncodingStyle = strings.TrimSpace(io.EncodingStyle)
		if w.EncodingStyle == "" {
			w.EncodingStyle = nsSOAPEnc
		}
		w.Doc = fmt.Sprintf("%s is the rpc/encoded wrapper element of operation %s.", name.Local, op.Name)
	}
	set.Elements[name] = w
	c := *io
	c.Body = []*xsd.Part{{Name: name.Local, Pos: op.Pos, Element: name}}
	return &c
}

// docTypedParts returns op with every document-style input or output whose
// soap:body is a single type= part replaced by a copy whose body is an
// element declared for it: as WS-I Basic Profile describes a document-style
// part that names a type, the body child is the part's accessor, named
// after the part, unqualified, of the part's type. The element is added to
// set.Elements under {""}part; a part of the same name and type in another
// message shares it, a name already declared otherwise leaves op as it is.
func docTypedParts(set *xsd.Set, op *xsd.Operation) *xsd.Operation {
	fix := func(io *xsd.IO) (*xsd.IO, bool) {
		if io != nil && len(io.Body) > 1 && (io.Use == "" || io.Use == "literal") {
			return partsBody(set, io)
		}
		if io == nil || len(io.Body) != 1 || io.Body[0].Type.Local == "" || (io.Use != "" && io.Use != "literal") {
			return io, false
		}
		part := io.Body[0]
		name := xml.Name{Local: part.Name}
		if e, taken := set.Elements[name]; taken {
			if e.Type != part.Type || e.AnonType != nil {
				return io, false
			}
		} else {
			set.Elements[name] = &xsd.Element{Name: name, Pos: part.Pos, Global: true, Type: part.Type,
				Doc: fmt.Sprintf("%s is the accessor of document-style part %s (of type %s).", part.Name, part.Name, part.Type.Local)}
		}
		c := *io
		c.Body = []*xsd.Part{{Name: part.Name, Pos: part.Pos, Element: name}}
		return &c, true
	}
	in, okIn := fix(op.Input)
	outIO, okOut := fix(op.Output)
	if !okIn && !okOut {
		return op
	}
	c := *op
	c.Input, c.Output = in, outIO
	return &c
}

// partsBody returns a copy of io, a document-style body of several parts,
// whose body is one element declared for it (xsd.Element.Parts): named
// {""}message (the wsdl:message's local name, not on the wire), of a
// sequence of the parts' elements in part order, each once. A type= part
// takes the accessor element docTypedParts would declare for it. ok is
// false when an element part is undeclared or the name is taken.
func partsBody(set *xsd.Set, io *xsd.IO) (*xsd.IO, bool) {
	name := xml.Name{Local: io.Message.Local}
	if _, taken := set.Elements[name]; taken || name.Local == "" {
		return io, false
	}
	seq := &xsd.Particle{Kind: xsd.PSequence, Min: 1, Max: 1}
	for _, part := range io.Body {
		var e *xsd.Element
		switch {
		case part.Element.Local != "":
			e = set.Elements[part.Element]
		case part.Type.Local != "":
			n := xml.Name{Local: part.Name}
			if e = set.Elements[n]; e == nil {
				e = &xsd.Element{Name: n, Pos: part.Pos, Global: true, Type: part.Type,
					Doc: fmt.Sprintf("%s is the accessor of document-style part %s (of type %s).", part.Name, part.Name, part.Type.Local)}
				set.Elements[n] = e
			} else if e.Type != part.Type || e.AnonType != nil {
				return io, false
			}
		}
		if e == nil {
			return io, false
		}
		if seq.Pos.File == "" {
			seq.Pos = part.Pos
		}
		seq.Children = append(seq.Children, &xsd.Particle{Kind: xsd.PElement, Min: 1, Max: 1, Pos: part.Pos, Element: e, Ref: true})
	}
	set.Elements[name] = &xsd.Element{Name: name, Pos: seq.Pos, Global: true, Parts: true, AnonType: &xsd.Type{Pos: seq.Pos, Content: seq},
		Doc: fmt.Sprintf("%s is the body of message %s: its parts, in order, are the children of the SOAP Body.", name.Local, io.Message.Local)}
	c := *io
	c.Body = []*xsd.Part{{Name: name.Local, Pos: seq.Pos, Element: name}}
	return &c, true
}
