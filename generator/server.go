package generator

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// server returns server.go: the Service interface with a method per
// operation, UnimplementedService, and serveOperation, the dispatch the
// handler template calls.
func (g *emitter) server(header string) *jen.File {
	f := jen.NewFile(g.p.cfg.Package)
	addHeader(f, header)
	f.ImportName("context", "context")

	stubs := g.opStubs()
	results := func(s opStub) *jen.Statement {
		if s.resp == nil {
			return jen.Error()
		}
		return jen.Params(jen.Op("*").Id(s.resp.name), jen.Error())
	}
	sig := func(s opStub) *jen.Statement {
		return jen.Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(s.req.name)).Add(results(s))
	}

	var methods []jen.Code
	for _, s := range stubs {
		doc := fmt.Sprintf("%s serves the %s operation.", s.m.GoName, s.m.Name)
		if s.resp == nil {
			doc = fmt.Sprintf("%s serves the %s operation, which has no response: a nil error is answered with HTTP 202 and no body.", s.m.GoName, s.m.Name)
		}
		methods = append(methods, jen.Comment(doc), jen.Id(s.m.GoName).Add(sig(s)))
	}
	f.Comment("Service is what NewHandler serves: a method per operation of the WSDL.")
	f.Comment("Embed UnimplementedService to implement only some of them.")
	f.Comment("")
	f.Comment("A method returns the response body, or an error that the handler turns")
	f.Comment("into a SOAP fault (see NewHandler). The request's SOAP header is")
	f.Comment("RequestHeader(ctx).")
	f.Type().Id("Service").Interface(methods...)

	// The fault's name: Exchange's response code under the EWS profile, a
	// plain soap:Server fault otherwise (handlerFault in profile_soap.go).
	unimpl := "a fault"
	if g.p.isEWS() {
		unimpl = "a fault ErrorInvalidOperation"
		f.Comment("UnimplementedService answers every operation with a SOAP fault")
		f.Comment("ErrorInvalidOperation (HTTP 500), whatever the shape of the operation's")
	} else {
		f.Comment("UnimplementedService answers every operation with a soap:Server fault")
		f.Comment("(HTTP 500), whatever the shape of the operation's")
	}
	f.Comment("response: embed it in a Service implementation to implement only some")
	f.Comment("operations.")
	f.Type().Id("UnimplementedService").Struct()
	for _, s := range stubs {
		f.Comment(fmt.Sprintf("%s answers with %s.", s.m.GoName, unimpl))
		ret := jen.Return(jen.Nil(), jen.Id("unimplemented").Call(jen.Lit(s.m.Name)))
		if s.resp == nil {
			ret = jen.Return(jen.Id("unimplemented").Call(jen.Lit(s.m.Name)))
		}
		f.Func().Params(jen.Id("UnimplementedService")).Id(s.m.GoName).Params(jen.Qual("context", "Context"), jen.Op("*").Id(s.req.name)).Add(results(s)).Block(ret)
	}
	f.Func().Id("unimplemented").Params(jen.Id("op").String()).Error().Block(
		jen.Return(jen.Id("handlerFault").Call(jen.Id("faultUnimplemented"), jen.Lit("The operation ").Op("+").Id("op").Op("+").Lit(" is not implemented by this server."))),
	)

	// Operations share a name only across portTypes: those are told apart by
	// their entry in Operations, the others by name.
	count := map[string]int{}
	for _, m := range g.opModels() {
		count[m.Name]++
	}
	call := func(s opStub) []jen.Code {
		if s.resp == nil {
			return []jen.Code{jen.Return(jen.Nil(), jen.Id("s").Dot(s.m.GoName).Call(jen.Id("ctx"), jen.Id("req")))}
		}
		return []jen.Code{
			jen.List(jen.Id("r"), jen.Err()).Op(":=").Id("s").Dot(s.m.GoName).Call(jen.Id("ctx"), jen.Id("req")),
			jen.If(jen.Id("r").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("r"), jen.Err()),
		}
	}
	var cases, shared []jen.Code
	for _, s := range stubs {
		if count[s.m.Name] > 1 {
			shared = append(shared, jen.If(
				jen.List(jen.Id("req"), jen.Id("ok")).Op(":=").Id("body").Assert(jen.Op("*").Id(s.req.name)),
				jen.Id("ok").Op("&&").Id("op").Op("==").Op("&").Id("Operations").Index(jen.Lit(s.m.Index)),
			).Block(call(s)...))
			continue
		}
		cases = append(cases, jen.Case(jen.Lit(s.m.Name)).Block(append([]jen.Code{
			jen.List(jen.Id("req"), jen.Id("ok")).Op(":=").Id("body").Assert(jen.Op("*").Id(s.req.name)),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
		}, call(s)...)...))
	}
	body := shared
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("op").Dot("Name")).Block(cases...))
	}
	body = append(body, jen.Return(jen.Nil(), jen.Id("handlerFault").Call(jen.Id("faultRequest"), jen.Lit("The request is invalid: the body element does not fit operation ").Op("+").Id("op").Dot("Name").Op("+").Lit("."))))
	f.Comment("serveOperation calls the method of s for the operation op (an entry of Operations).")
	f.Func().Id("serveOperation").Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("s").Id("Service"), jen.Id("op").Op("*").Id("Operation"), jen.Id("body").Id("BodyElement"),
	).Params(jen.Id("BodyElement"), jen.Error()).Block(body...)
	return f
}
