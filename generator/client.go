package generator

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/templates"
)

// The client (templates/client.go.tmpl) and server (templates/server.go.tmpl)
// are fixed text; client.go and server.go hold what depends on the schemas:
// a method per operation, the Service interface, the dispatch, and for
// Exchange schemas the typed response-message errors and header options.

// opStub is an operation that has a Client and a Service method, with the
// Go types of its request and response body elements (resp nil when the
// operation answers with no body element).
type opStub struct {
	m         *OperationModel
	req, resp *goType
}

// bodyElemType returns the Go type of a global element usable as a SOAP
// body, or nil.
func (g *emitter) bodyElemType(n xml.Name) *goType {
	e := g.p.set.Elements[n]
	if e == nil {
		return nil
	}
	t := g.p.byElem[e]
	if t == nil || !g.kept(t) || t.kind == kIface || t.kind == kAlias || t.rootName.Local == "" {
		return nil
	}
	return t
}

// opStubs lists the kept operations that have methods, in the order of
// Operations (see OperationModel.Stub).
func (g *emitter) opStubs() []opStub {
	var out []opStub
	for _, m := range g.opModels() {
		if !m.Stub {
			continue
		}
		s := opStub{m: m, req: g.bodyElemType(m.Input.Element)}
		if r := m.respElement(); r.Local != "" {
			s.resp = g.bodyElemType(r)
		}
		out = append(out, s)
	}
	return out
}

// structOf returns the struct whose fields a struct or element type has.
func structOf(t *goType) *goType {
	for i := 0; t != nil && i < 10; i++ {
		switch t.kind {
		case kStruct:
			return t
		case kElemOf:
			t = t.of
		default:
			return nil
		}
	}
	return nil
}

func fieldByXName(t *goType, local string) *field {
	if s := structOf(t); s != nil {
		for _, f := range s.fields {
			if f.xname.Local == local {
				return f
			}
		}
	}
	return nil
}

func attrByXName(t *goType, local string) *attrField {
	if s := structOf(t); s != nil {
		for _, a := range s.attrs {
			if a.xname.Local == local && a.xname.Space == "" {
				return a
			}
		}
	}
	return nil
}

// attrIsPtr reports whether an attribute's Go field is a pointer.
func attrIsPtr(a *attrField) bool { return !a.required && !isBytes(a.val) }

// fieldIsPtr reports whether a simple element field's Go field is a pointer.
func fieldIsPtr(f *field) bool {
	return f.val != nil && !f.repeated && f.optional && !isBytes(*f.val)
}

// client returns client.go: a Client method per operation and the code the
// client template calls.
func (g *emitter) client(header string) *jen.File {
	f := jen.NewFile(g.p.cfg.Package)
	addHeader(f, header)
	f.ImportName("context", "context")
	f.ImportName("encoding/xml", "xml")
	f.ImportName("time", "time")
	f.ImportName("strings", "strings")

	f.Comment("clientPackage names the package in the client's error messages.")
	f.Const().Id("clientPackage").Op("=").Lit(g.p.cfg.Package)

	for _, s := range g.opStubs() {
		g.clientMethod(f, s)
	}

	g.restrictTo(f)
	m := g.ews()
	if m == nil {
		f.Comment("bodyError: the schemas define no response messages with a status.")
		f.Func().Id("bodyError").Params(jen.Id("BodyElement")).Error().Block(jen.Return(jen.Nil()))
		f.Comment("serverBusy: the schemas define no response messages with a status.")
		f.Func().Id("serverBusy").Params(jen.Id("BodyElement")).Params(jen.Qual("time", "Duration"), jen.Bool()).Block(jen.Return(jen.Lit(0), jen.False()))
		f.Func().Id("requestVersion").Params(jen.Op("*").Id("EnvelopeHeader")).Params(jen.String(), jen.Bool()).Block(jen.Return(jen.Lit(""), jen.False()))
		if g.p.isEWS() {
			// the EWS profile's faults (templates/ews.go.tmpl) without
			// Exchange's namespaces
			f.Const().Defs(
				jen.Id("faultCodeNS").Op("=").Lit(""),
				jen.Id("faultDetailNS").Op("=").Lit(""),
			)
		}
		return f
	}
	g.requestSends(f)
	g.ewsErrors(f, m)
	g.ewsHeaderOptions(f)
	return f
}

// clientMethod writes the Client method of an operation: it returns the
// response body element, or only an error when the operation answers with
// no body element (one-way).
func (g *emitter) clientMethod(f *jen.File, s opStub) {
	m := s.m
	doc := fmt.Sprintf("%s calls the %s operation", m.GoName, m.Name)
	switch {
	case m.SOAP == SOAP12:
		doc += fmt.Sprintf(" (action %q)", m.Action)
	default:
		doc += fmt.Sprintf(" (SOAPAction %q)", m.Action)
	}
	if s.resp == nil {
		doc += "; it has no response"
	}
	doc += "."
	for _, l := range strings.Split(g.methodDoc(s), "\n") {
		doc += "\n" + l
	}
	for _, l := range strings.Split(doc, "\n") {
		f.Comment(l)
	}
	call := jen.Id("c").Dot("call").Call(jen.Id("ctx"), jen.Op("&").Id("Operations").Index(jen.Lit(m.Index)), jen.Id("req"), jen.Id("opts"))
	params := jen.Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("req").Op("*").Id(s.req.name),
		jen.Id("opts").Op("...").Id("CallOption"),
	)
	if s.resp == nil {
		f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(m.GoName).Add(params).Error().Block(
			jen.If(jen.Id("req").Op("==").Nil()).Block(jen.Return(jen.Id("errNilRequest"))),
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call),
			jen.Return(jen.Err()),
		)
		return
	}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(m.GoName).Add(params).Params(jen.Op("*").Id(s.resp.name), jen.Error()).Block(
		jen.If(jen.Id("req").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.Id("errNilRequest"))),
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Add(call),
		jen.List(jen.Id("r"), jen.Id("_")).Op(":=").Id("b").Assert(jen.Op("*").Id(s.resp.name)),
		jen.Return(jen.Id("r"), jen.Err()),
	)
}

// restrictTo writes EnvelopeHeader.restrictTo, which drops the typed header
// elements a binding does not list.
func (g *emitter) restrictTo(f *jen.File) {
	var body []jen.Code
	for _, h := range g.headerElems() {
		body = append(body, jen.If(jen.Id("h").Dot(h.name).Op("!=").Nil().Op("&&").Op("!").Id("hasName").Call(jen.Id("names"), jen.Lit(h.rootName.Space), jen.Lit(h.rootName.Local))).Block(
			jen.Id("h").Dot(h.name).Op("=").Nil(),
		))
	}
	f.Comment("restrictTo drops the typed header elements not in names (the header parts an operation binds); Other elements are kept.")
	f.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Id("restrictTo").Params(jen.Id("names").Index().Qual("encoding/xml", "Name")).Block(body...)
}

// clientServerFiles returns the fixed text of the client, the server and
// the client's profile (profile_soap.go: the EWS profile's or the generic
// one), and with helpers the EWS profile's conveniences (helpers.go), with
// the package clause replaced.
func clientServerFiles(pkg, header string, ews, helpers bool) []File {
	profile := templates.ProfileGeneric()
	if ews {
		profile = templates.ProfileEWS()
	}
	files := []File{
		{Name: "client_http.go", Content: []byte(withHeader(header, pkgClause.ReplaceAllString(templates.Client(), "package "+pkg)))},
		{Name: "server_http.go", Content: []byte(withHeader(header, pkgClause.ReplaceAllString(templates.Server(), "package "+pkg)))},
		{Name: "profile_soap.go", Content: []byte(withHeader(header, pkgClause.ReplaceAllString(profile, "package "+pkg)))},
	}
	if helpers {
		files = append(files, File{Name: "helpers.go", Content: []byte(withHeader(header, pkgClause.ReplaceAllString(templates.EWSHelpers(), "package "+pkg)))})
	}
	return files
}

// clientServerNames lists the package-level identifiers client.go and
// server.go declare, which schema names must not take; the EWS-only ones
// are listed whatever the schemas. The templates' own names are collected
// with the runtime's (runtimeNames).
func clientServerNames() []string {
	return append([]string{
		"Service", "UnimplementedService", "restrictTo", "requestSends", "sendsValue", "bodyError", "serverBusy",
		"requestVersion", "faultCodeNS", "faultDetailNS", "serveOperation", "unimplemented",
		"ResponseStatus", "ResponseMessage", "ResponseError", "MessageStatus", "MessageError", "messageError",
		"ResponseMessages", "ResponseErrors", "responseMessagesOf", "backOffOf",
		"WithRequestServerVersion", "WithImpersonation", "WithImpersonationSMTP", "WithMailboxCulture",
		"WithImpersonationSmtpAddress", "WithImpersonationPrincipalName", "WithImpersonationSID",
		"WithAnchorMailbox", "WithServerAffinity", "clientPackage",
		"WithTimeZoneContext", "WithDateTimePrecision", "WithManagementRole", "WithServerVersion",
		// profile_soap.go (templates/ews.go.tmpl, templates/generic.go.tmpl)
		"Idempotent", "faultBusy", "backOffIn",
	}, streamingNames...)
}

// methodDoc returns the paragraphs of a Client method's doc comment after
// its first line: the request and response types, the request's required
// fields, and where errors are described.
func (g *emitter) methodDoc(s opStub) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nThe request is a *%s (element %s)", s.req.name, g.p.prefixed(s.req.rootName))
	if req := g.requiredFields(s.req); len(req) > 0 {
		fmt.Fprintf(&b, "; it must have %s", joinAnd(req))
	} else {
		b.WriteString("; none of its fields is required")
	}
	if s.resp != nil {
		fmt.Fprintf(&b, ". The response is a *%s (element %s).", s.resp.name, g.p.prefixed(s.resp.rootName))
	} else {
		b.WriteString(". The server answers with no body.")
	}
	b.WriteString(" The request is validated before it is sent (WithoutValidation turns that off); an invalid one returns a *ValidationError. Other errors name the operation and the endpoint (see Client).")
	return b.String()
}
