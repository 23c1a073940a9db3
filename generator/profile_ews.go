package generator

import (
	"encoding/xml"
	"fmt"
	"go/token"
	"path"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/xsd"
)

// The Exchange Web Services (EWS) profile: every EWS convention of the
// generated code, applied only when the profile is on (Config.Profile "ews",
// or "auto"/"" and the schemas declare names in the EWS messages or types
// namespace).
//
// What it adds to a generated package:
//   - the default package name "ews" and the "EWS version" line of the
//     file header (the newest t:ExchangeVersionType value);
//   - the m: and t: prefixes of the messages and types namespaces (nsPrefix);
//   - t:RequestServerVersion as the first typed header field (headerElems);
//   - typed response-message errors: ResponseCode constants as errors,
//     ResponseStatus, ResponseError, MessageStatus, MessageError,
//     ResponseMessages and ResponseErrors over batch responses, the single
//     message's error returned by the call (bodyError);
//   - ErrorServerBusy retries with the back-off Exchange sends
//     (serverBusy here, faultBusy and backOffIn in templates/ews.go.tmpl);
//   - Idempotent's list of EWS operations and requestSends (ews.go.tmpl);
//   - header options: WithRequestServerVersion, the impersonation options
//     with X-AnchorMailbox, WithAnchorMailbox, WithServerAffinity,
//     WithMailboxCulture, WithTimeZoneContext, WithDateTimePrecision,
//     WithManagementRole, and WithServerVersion (ServerVersionInfo) for the
//     handler; requestVersion for WithVersionCheck;
//   - faults in Exchange's shape (faultCodeNS, faultDetailNS here;
//     SOAPFault.ResponseCode and Is, NewFault, and the handler's faults
//     with the response codes ErrorInvalidRequest, ErrorSchemaValidation,
//     ErrorInvalidOperation, ErrorInvalidServerVersion and
//     ErrorInternalServerError in ews.go.tmpl).
//
// Without the profile the package gets the generic counterparts
// (generic.go.tmpl): no status errors, Idempotent false for every operation,
// no busy answers besides HTTP 503, plain faults soap:Client/soap:Server
// (Sender/Receiver in SOAP 1.2) whose faultstring names the problem
// (ClientFault, ServerFault).

// ewsProfile reports whether the EWS profile applies to the set.
func ewsProfile(cfg Config, set *xsd.Set) bool {
	switch cfg.Profile {
	case "ews":
		return true
	case "none":
		return false
	}
	for n := range set.Types {
		if n.Space == nsMessages || n.Space == nsTypes {
			return true
		}
	}
	for n := range set.Elements {
		if n.Space == nsMessages || n.Space == nsTypes {
			return true
		}
	}
	return false
}

// checkProfile validates Config.Profile.
func checkProfile(p string) error {
	switch p {
	case "", "auto", "ews", "none":
		return nil
	}
	return fmt.Errorf("unknown profile %q: want auto, ews or none", p)
}

// isEWS reports whether the EWS profile is on (Generate resolves
// Config.Profile to "ews" or "none" once the schemas are loaded).
func (p *plan) isEWS() bool { return p.cfg.Profile == "ews" }

// defaultPackage is the package name when Config.Package is empty: "ews"
// for EWS, else the WSDL's name (or its file's) in lower case, else
// "service".
func defaultPackage(cfg Config, set *xsd.Set) string {
	if cfg.Profile == "ews" {
		return "ews"
	}
	var cands []string
	if set.WSDL != nil {
		cands = append(cands, set.WSDL.Name)
	}
	if len(set.Files) > 0 {
		base := path.Base(set.Files[0].Path)
		cands = append(cands, strings.TrimSuffix(base, path.Ext(base)))
	}
	for _, c := range cands {
		n := strings.ToLower(goName(c))
		if c != "" && n != "x" && !token.IsKeyword(n) {
			return n
		}
	}
	return "service"
}

// ewsModel holds the Exchange-specific types the client and server use;
// nil when the schemas are not Exchange's.
type ewsModel struct {
	code, class *goType   // ResponseCodeType, ResponseClassType
	base        *xsd.Type // m:ResponseMessageType
	msgs        []*goType // struct and element types derived from it, with the status fields
}

func (g *emitter) ews() *ewsModel {
	if !g.p.isEWS() {
		return nil
	}
	find := func(local string) *xsd.Type {
		for _, ns := range []string{nsMessages, nsTypes} {
			if t := g.p.set.Types[xml.Name{Space: ns, Local: local}]; t != nil {
				return t
			}
		}
		return nil
	}
	codeX, classX, base := find("ResponseCodeType"), find("ResponseClassType"), find("ResponseMessageType")
	if codeX == nil || classX == nil || base == nil {
		return nil
	}
	m := &ewsModel{code: g.p.byType[codeX], class: g.p.byType[classX], base: base}
	if !g.kept(m.code) || !g.kept(m.class) || m.code.kind != kSimple || m.class.kind != kSimple {
		return nil
	}
	for _, t := range g.p.types {
		if (t.kind == kStruct || t.kind == kElemOf) && g.kept(t) && g.isRespMsg(m, t) {
			m.msgs = append(m.msgs, t)
		}
	}
	if len(m.msgs) == 0 {
		return nil
	}
	return m
}

// isRespMsg reports whether t is (an element of) a type derived from
// ResponseMessageType with the status fields of the base.
func (g *emitter) isRespMsg(m *ewsModel, t *goType) bool {
	s := structOf(t)
	if s == nil || s.xsdType == nil {
		return false
	}
	if s.xsdType != m.base && !g.p.derivesFrom(s.xsdType, m.base) {
		return false
	}
	a := attrByXName(s, "ResponseClass")
	c := fieldByXName(s, "ResponseCode")
	return a != nil && a.val.named == m.class && c != nil && c.val != nil && c.val.named == m.code && !c.repeated
}

// requestSends writes requestSends, which tells whether a request sends
// mail or meeting messages: the request of an operation named SendItem, or
// a request whose MessageDisposition, SendMeetingInvitations,
// SendMeetingCancellations or SendMeetingInvitationsOrCancellations
// attribute says to send.
func (g *emitter) requestSends(f *jen.File) {
	var cases []jen.Code
	usesR := false
	seen := map[*goType]bool{}
	for _, s := range g.opStubs() {
		if seen[s.req] {
			continue
		}
		seen[s.req] = true
		if s.m.Name == "SendItem" {
			cases = append(cases, jen.Case(jen.Op("*").Id(s.req.name)).Block(jen.Return(jen.True())))
			continue
		}
		var conds []jen.Code
		for _, an := range []string{"MessageDisposition", "SendMeetingInvitations", "SendMeetingCancellations", "SendMeetingInvitationsOrCancellations"} {
			a := attrByXName(s.req, an)
			if a == nil || a.val.root() != bString {
				continue
			}
			v := jen.Id("r").Dot(a.name)
			if attrIsPtr(a) {
				conds = append(conds, jen.Id("r").Dot(a.name).Op("!=").Nil().Op("&&").Id("sendsValue").Call(jen.String().Call(jen.Op("*").Add(v))))
			} else {
				conds = append(conds, jen.Id("sendsValue").Call(jen.String().Call(v)))
			}
		}
		if len(conds) == 0 {
			continue
		}
		var or jen.Code = conds[0]
		for _, c := range conds[1:] {
			or = jen.Add(or).Op("||").Add(c)
		}
		cases = append(cases, jen.Case(jen.Op("*").Id(s.req.name)).Block(jen.Return(or)))
		usesR = true
	}
	f.Comment("requestSends reports whether a request sends mail or meeting messages, which makes it not idempotent.")
	if len(cases) == 0 {
		f.Func().Id("requestSends").Params(jen.Id("req").Id("BodyElement")).Bool().Block(jen.Return(jen.False()))
		return
	}
	var sw *jen.Statement
	if usesR {
		sw = jen.Switch(jen.Id("r").Op(":=").Id("req").Assert(jen.Type()))
	} else {
		sw = jen.Switch(jen.Id("req").Assert(jen.Type()))
	}
	f.Func().Id("requestSends").Params(jen.Id("req").Id("BodyElement")).Bool().Block(
		sw.Block(cases...),
		jen.Return(jen.False()),
	)
	f.Comment("sendsValue reports whether a MessageDisposition or SendMeeting... value sends messages.")
	f.Func().Id("sendsValue").Params(jen.Id("v").String()).Bool().Block(
		jen.Id("v").Op("=").Qual("strings", "TrimSpace").Call(jen.Id("v")),
		jen.Return(jen.Id("v").Op("!=").Lit("").Op("&&").Id("v").Op("!=").Lit("SaveOnly").Op("&&").Id("v").Op("!=").Lit("SendToNone")),
	)
}

// ewsErrors writes the typed response-message errors.
func (g *emitter) ewsErrors(f *jen.File, m *ewsModel) {
	code, class := m.code.name, m.class.name
	errorClass := jen.Id(class).Call(jen.Lit("Error"))
	for _, en := range m.class.enums {
		if en.value == "Error" {
			errorClass = jen.Id(en.name)
		}
	}
	busy := jen.Id(code).Call(jen.Lit("ErrorServerBusy"))
	for _, en := range m.code.enums {
		if en.value == "ErrorServerBusy" {
			busy = jen.Id(en.name)
		}
	}

	f.Comment(fmt.Sprintf("Error returns the code, so that %s constants are errors: errors.Is(err, <constant>) tells whether a call failed with that code (a *ResponseError or a *SOAPFault).", code))
	f.Func().Params(jen.Id("c").Id(code)).Id("Error").Params().String().Block(jen.Return(jen.String().Call(jen.Id("c"))))
	f.Func().Params(jen.Id("c").Id(code)).Id("responseCode").Params().String().Block(jen.Return(jen.String().Call(jen.Id("c"))))

	f.Comment("ResponseStatus is the status every Exchange response message carries.")
	f.Type().Id("ResponseStatus").Struct(
		jen.Id("Class").Id(class).Comment("ResponseClass: Success, Warning or Error"),
		jen.Id("Code").Id(code).Comment("ResponseCode (empty when absent)"),
		jen.Id("Message").String().Comment("MessageText"),
		jen.Id("MessageXml").Index().Id("XSAnyElement").Comment("the elements of MessageXml (e.g. BackOffMilliseconds)"),
	)
	f.Comment("ResponseMessage is implemented by every response message type (every type derived from ResponseMessageType and the elements of those types).")
	f.Type().Id("ResponseMessage").Interface(jen.Id("responseStatus").Params().Id("ResponseStatus"))

	f.Comment(`ResponseError is a response message with ResponseClass="Error". It matches its code's constant with errors.Is.`)
	f.Type().Id("ResponseError").Struct(
		jen.Id("Class").Id(class),
		jen.Id("Code").Id(code),
		jen.Id("Message").String().Comment("MessageText"),
		jen.Id("Index").Int().Comment("position of the message among the response's messages (0 for a single message)"),
		jen.Id("MessageXml").Index().Id("XSAnyElement").Comment("the elements of MessageXml"),
	)
	f.Func().Params(jen.Id("e").Op("*").Id("ResponseError")).Id("Error").Params().String().Block(
		jen.Id("s").Op(":=").String().Call(jen.Id("e").Dot("Code")),
		jen.If(jen.Id("s").Op("==").Lit("")).Block(jen.Id("s").Op("=").Lit("error response")),
		jen.If(jen.Id("e").Dot("Message").Op("!=").Lit("")).Block(jen.Id("s").Op("+=").Lit(": ").Op("+").Id("e").Dot("Message")),
		jen.Return(jen.Id("s")),
	)
	f.Comment("Is reports whether target is the error's response code.")
	f.Func().Params(jen.Id("e").Op("*").Id("ResponseError")).Id("Is").Params(jen.Id("target").Error()).Bool().Block(
		jen.List(jen.Id("c"), jen.Id("ok")).Op(":=").Id("target").Assert(jen.Id(code)),
		jen.Return(jen.Id("ok").Op("&&").Id("c").Op("==").Id("e").Dot("Code")),
	)
	f.Comment("BackOff returns the BackOffMilliseconds Exchange puts in MessageXml when it throttles (ErrorServerBusy), 0 when absent.")
	f.Func().Params(jen.Id("e").Op("*").Id("ResponseError")).Id("BackOff").Params().Qual("time", "Duration").Block(
		jen.Return(jen.Id("backOffOf").Call(jen.Id("e").Dot("MessageXml"))),
	)
	f.Func().Params(jen.Id("e").Op("*").Id("ResponseError")).Id("responseCode").Params().String().Block(jen.Return(jen.String().Call(jen.Id("e").Dot("Code"))))
	f.Func().Params(jen.Id("e").Op("*").Id("ResponseError")).Id("inBody").Params().Bool().Block(jen.Return(jen.True()))

	f.Func().Id("backOffOf").Params(jen.Id("x").Index().Id("XSAnyElement")).Qual("time", "Duration").Block(
		jen.For(jen.Id("i").Op(":=").Range().Id("x")).Block(
			jen.If(jen.Id("d").Op(":=").Id("backOffIn").Call(jen.Op("&").Id("x").Index(jen.Id("i"))), jen.Id("d").Op(">").Lit(0)).Block(jen.Return(jen.Id("d"))),
		),
		jen.Return(jen.Lit(0)),
	)

	f.Comment("MessageStatus returns the status of m when m is a response message (an item of ResponseMessages.Items, a single-message response, ...).")
	f.Func().Id("MessageStatus").Params(jen.Id("m").Any()).Params(jen.Id("ResponseStatus"), jen.Bool()).Block(
		jen.List(jen.Id("rm"), jen.Id("ok")).Op(":=").Id("m").Assert(jen.Id("ResponseMessage")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Id("ResponseStatus").Values(), jen.False())),
		jen.Return(jen.Id("rm").Dot("responseStatus").Call(), jen.True()),
	)
	f.Comment(`MessageError returns a *ResponseError when m is a response message with ResponseClass="Error", else nil:`)
	f.Comment("")
	f.Comment("\tfor i, m := range resp.ResponseMessages.Items {")
	f.Comment("\t\tif err := MessageError(m); err != nil { ... }")
	f.Comment("\t}")
	f.Func().Id("MessageError").Params(jen.Id("m").Any()).Error().Block(
		jen.If(jen.Id("e").Op(":=").Id("messageError").Call(jen.Id("m"), jen.Lit(0)), jen.Id("e").Op("!=").Nil()).Block(jen.Return(jen.Id("e"))),
		jen.Return(jen.Nil()),
	)
	f.Func().Id("messageError").Params(jen.Id("m").Any(), jen.Id("i").Int()).Op("*").Id("ResponseError").Block(
		jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("MessageStatus").Call(jen.Id("m")),
		jen.If(jen.Op("!").Id("ok").Op("||").Id("s").Dot("Class").Op("!=").Add(errorClass)).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Op("&").Id("ResponseError").Values(jen.Dict{
			jen.Id("Class"): jen.Id("s").Dot("Class"), jen.Id("Code"): jen.Id("s").Dot("Code"), jen.Id("Message"): jen.Id("s").Dot("Message"),
			jen.Id("Index"): jen.Id("i"), jen.Id("MessageXml"): jen.Id("s").Dot("MessageXml"),
		})),
	)
	f.Comment("ResponseMessages returns the response messages of a response body in document order: the body itself when it is one, else the messages it holds (ResponseMessages items, nested ResponseMessage elements).")
	f.Func().Id("ResponseMessages").Params(jen.Id("resp").Id("BodyElement")).Index().Id("ResponseMessage").Block(
		jen.List(jen.Id("msgs"), jen.Id("_")).Op(":=").Id("responseMessagesOf").Call(jen.Id("resp")),
		jen.Return(jen.Id("msgs")),
	)
	f.Comment(`ResponseErrors returns a *ResponseError for each response message of resp with ResponseClass="Error", Index being the message's position among all the messages.`)
	f.Func().Id("ResponseErrors").Params(jen.Id("resp").Id("BodyElement")).Index().Op("*").Id("ResponseError").Block(
		jen.Var().Id("out").Index().Op("*").Id("ResponseError"),
		jen.For(jen.List(jen.Id("i"), jen.Id("m")).Op(":=").Range().Id("ResponseMessages").Call(jen.Id("resp"))).Block(
			jen.If(jen.Id("e").Op(":=").Id("messageError").Call(jen.Id("m"), jen.Id("i")), jen.Id("e").Op("!=").Nil()).Block(
				jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("e")),
			),
		),
		jen.Return(jen.Id("out")),
	)
	f.Comment("responseMessagesOf returns the messages of a response body and whether the body can hold only one.")
	f.Func().Id("responseMessagesOf").Params(jen.Id("resp").Id("BodyElement")).Params(jen.Index().Id("ResponseMessage"), jen.Bool()).Block(
		jen.If(jen.List(jen.Id("r"), jen.Id("ok")).Op(":=").Id("resp").Assert(jen.Interface(jen.Id("responseMessages").Params().Params(jen.Index().Id("ResponseMessage"), jen.Bool()))), jen.Id("ok")).Block(
			jen.Return(jen.Id("r").Dot("responseMessages").Call()),
		),
		jen.Return(jen.Nil(), jen.False()),
	)
	f.Comment(`bodyError returns a *ResponseError when a response that holds a single response message failed.`)
	f.Func().Id("bodyError").Params(jen.Id("resp").Id("BodyElement")).Error().Block(
		jen.List(jen.Id("msgs"), jen.Id("single")).Op(":=").Id("responseMessagesOf").Call(jen.Id("resp")),
		jen.If(jen.Id("single").Op("&&").Len(jen.Id("msgs")).Op("==").Lit(1)).Block(
			jen.If(jen.Id("e").Op(":=").Id("messageError").Call(jen.Id("msgs").Index(jen.Lit(0)), jen.Lit(0)), jen.Id("e").Op("!=").Nil()).Block(jen.Return(jen.Id("e"))),
		),
		jen.Return(jen.Nil()),
	)
	f.Comment("serverBusy reports whether the first failed message of a response is ErrorServerBusy, with the back-off it asks for.")
	f.Func().Id("serverBusy").Params(jen.Id("resp").Id("BodyElement")).Params(jen.Qual("time", "Duration"), jen.Bool()).Block(
		jen.List(jen.Id("msgs"), jen.Id("_")).Op(":=").Id("responseMessagesOf").Call(jen.Id("resp")),
		jen.For(jen.List(jen.Id("i"), jen.Id("m")).Op(":=").Range().Id("msgs")).Block(
			jen.If(jen.Id("e").Op(":=").Id("messageError").Call(jen.Id("m"), jen.Id("i")), jen.Id("e").Op("!=").Nil()).Block(
				jen.Return(jen.Id("e").Dot("BackOff").Call(), jen.Id("e").Dot("Code").Op("==").Add(busy)),
			),
		),
		jen.Return(jen.Lit(0), jen.False()),
	)

	// responseStatus on every message type
	for _, t := range m.msgs {
		g.responseStatus(f, t)
		g.responseItems(f, t)
	}
	g.getters(f)
	g.responseNames(f)
	// responseMessages on every operation's response element
	seen := map[*goType]bool{}
	for _, s := range g.opStubs() {
		if seen[s.resp] {
			continue
		}
		seen[s.resp] = true
		g.responseMessages(f, m, s.resp)
	}

	// faults in Exchange's style
	f.Comment("Namespaces of Exchange's faults: faultcode values and detail elements.")
	f.Const().Defs(
		jen.Id("faultCodeNS").Op("=").Lit(nsTypes),
		jen.Id("faultDetailNS").Op("=").Lit("http://schemas.microsoft.com/exchange/services/2006/errors"),
	)
}

// responseStatus writes the responseStatus method of a message type: it
// passes the type's status fields to a function, one per shape of those
// fields (statusOf<N>), emitted with the first type of that shape.
func (g *emitter) responseStatus(f *jen.File, t *goType) {
	var params, args, body []jen.Code
	param := func(name string, typ jen.Code, field string) *jen.Statement {
		params = append(params, jen.Id(name).Add(typ))
		args = append(args, jen.Id("m").Dot(field))
		return jen.Id(name)
	}
	a := attrByXName(t, "ResponseClass")
	class := param("class", g.attrType(a), a.name)
	if attrIsPtr(a) {
		body = append(body, jen.If(class.Clone().Op("!=").Nil()).Block(jen.Id("s").Dot("Class").Op("=").Op("*").Add(class.Clone())))
	} else {
		body = append(body, jen.Id("s").Dot("Class").Op("=").Add(class.Clone()))
	}
	c := fieldByXName(t, "ResponseCode")
	code := param("code", g.fieldType(c), c.name)
	if fieldIsPtr(c) {
		body = append(body, jen.If(code.Clone().Op("!=").Nil()).Block(jen.Id("s").Dot("Code").Op("=").Op("*").Add(code.Clone())))
	} else {
		body = append(body, jen.Id("s").Dot("Code").Op("=").Add(code.Clone()))
	}
	if mt := fieldByXName(t, "MessageText"); mt != nil && mt.val != nil && !mt.repeated && mt.val.root() == bString {
		text := param("text", g.fieldType(mt), mt.name)
		if fieldIsPtr(mt) {
			body = append(body, jen.If(text.Clone().Op("!=").Nil()).Block(jen.Id("s").Dot("Message").Op("=").String().Call(jen.Op("*").Add(text.Clone()))))
		} else {
			body = append(body, jen.Id("s").Dot("Message").Op("=").String().Call(text.Clone()))
		}
	}
	if mx := fieldByXName(t, "MessageXml"); mx != nil && mx.ct != nil && !mx.repeated && structOf(mx.ct) != nil {
		for _, af := range structOf(mx.ct).fields {
			if !af.any {
				continue
			}
			xv := param("mx", g.fieldType(mx), mx.name)
			x := xv.Clone().Dot(af.name)
			if af.repeated {
				body = append(body, jen.If(xv.Clone().Op("!=").Nil()).Block(jen.Id("s").Dot("MessageXml").Op("=").Add(x)))
			} else {
				body = append(body, jen.If(xv.Clone().Op("!=").Nil().Op("&&").Add(x).Op("!=").Nil()).Block(
					jen.Id("s").Dot("MessageXml").Op("=").Index().Id("XSAnyElement").Values(jen.Op("*").Add(x))))
			}
			break
		}
	}
	body = append(body, jen.Return())
	key := fmt.Sprintf("%#v", jen.Func().Id("f").Params(params...).Params(jen.Id("s").Id("ResponseStatus")).Block(body...))
	if g.statusFuncs == nil {
		g.statusFuncs = map[string]string{}
	}
	name, ok := g.statusFuncs[key]
	if !ok {
		name = "statusOf" + itoa(len(g.statusFuncs))
		g.statusFuncs[key] = name
		f.Comment(fmt.Sprintf("%s returns the status of a response message from its fields.", name))
		f.Func().Id(name).Params(params...).Params(jen.Id("s").Id("ResponseStatus")).Block(body...)
	}
	f.Func().Params(jen.Id("m").Op("*").Id(t.name)).Id("responseStatus").Params().Id("ResponseStatus").Block(
		jen.If(jen.Id("m").Op("==").Nil()).Block(jen.Return(jen.Id("ResponseStatus").Values())),
		jen.Return(jen.Id(name).Call(args...)),
	)
}

// maxMessageDepth bounds how deep responseMessages looks for messages.
const maxMessageDepth = 4

// reachesMsg reports whether a value of t can hold a response message
// within depth fields.
func (g *emitter) reachesMsg(m *ewsModel, t *goType, depth int) bool {
	if t == nil || !g.kept(t) {
		return false
	}
	switch t.kind {
	case kIface:
		for _, a := range t.alts {
			if g.kept(a.t) && g.isRespMsg(m, a.t) {
				return true
			}
		}
		return false
	case kStruct, kElemOf:
		if g.isRespMsg(m, t) {
			return true
		}
		if depth <= 0 {
			return false
		}
		for _, fl := range structOf(t).fields {
			if g.reachesMsg(m, fl.iface, depth-1) || g.reachesMsg(m, fl.ct, depth-1) {
				return true
			}
		}
	}
	return false
}

// msgWalk returns statements appending the messages inside x (a non-nil
// pointer to t) to msgs, and the number of message places (repetition
// counts as many).
func (g *emitter) msgWalk(m *ewsModel, x *jen.Statement, t *goType, depth int, vars *int) ([]jen.Code, int) {
	if g.isRespMsg(m, t) {
		return []jen.Code{jen.Id("msgs").Op("=").Append(jen.Id("msgs"), x.Clone())}, 1
	}
	if depth <= 0 {
		return nil, 0
	}
	var out []jen.Code
	places := 0
	for _, fl := range structOf(t).fields {
		ft := fl.ct
		if fl.iface != nil {
			ft = fl.iface
		}
		if !g.reachesMsg(m, ft, depth-1) {
			continue
		}
		*vars++
		v := fmt.Sprintf("v%d", *vars)
		fx := x.Clone().Dot(fl.name)
		if ft.kind == kIface {
			add := jen.If(jen.List(jen.Id("rm"), jen.Id("ok")).Op(":=").Id(v).Assert(jen.Id("ResponseMessage")), jen.Id("ok")).Block(
				jen.Id("msgs").Op("=").Append(jen.Id("msgs"), jen.Id("rm")))
			if fl.repeated {
				out = append(out, jen.For(jen.List(jen.Id("_"), jen.Id(v)).Op(":=").Range().Add(fx)).Block(add))
				places += 2
			} else {
				out = append(out, jen.If(jen.Id(v).Op(":=").Add(fx), jen.Id(v).Op("!=").Nil()).Block(add))
				places++
			}
			continue
		}
		if fl.repeated {
			*vars++
			iv := fmt.Sprintf("i%d", *vars)
			inner, _ := g.msgWalk(m, jen.Id(v), ft, depth-1, vars)
			out = append(out, jen.For(jen.Id(iv).Op(":=").Range().Add(fx)).Block(
				append([]jen.Code{jen.Id(v).Op(":=").Op("&").Add(fx.Clone()).Index(jen.Id(iv))}, inner...)...))
			places += 2
		} else {
			inner, n := g.msgWalk(m, jen.Id(v), ft, depth-1, vars)
			out = append(out, jen.If(jen.Id(v).Op(":=").Add(fx), jen.Id(v).Op("!=").Nil()).Block(inner...))
			places += n
		}
	}
	return out, places
}

// responseMessages writes the responseMessages method of a response element.
func (g *emitter) responseMessages(f *jen.File, m *ewsModel, t *goType) {
	if structOf(t) == nil || !g.reachesMsg(m, t, maxMessageDepth) {
		return
	}
	if g.isRespMsg(m, t) {
		// the body is the one message
		f.Func().Params(jen.Id("r").Op("*").Id(t.name)).Id("responseMessages").Params().Params(jen.Index().Id("ResponseMessage"), jen.Bool()).Block(
			jen.If(jen.Id("r").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.False())),
			jen.Return(jen.Index().Id("ResponseMessage").Values(jen.Id("r")), jen.True()),
		)
		return
	}
	vars := 0
	stmts, places := g.msgWalk(m, jen.Id("r"), t, maxMessageDepth, &vars)
	body := []jen.Code{
		jen.If(jen.Id("r").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.False())),
		jen.Var().Id("msgs").Index().Id("ResponseMessage"),
	}
	body = append(body, stmts...)
	body = append(body, jen.Return(jen.Id("msgs"), jen.Lit(places == 1)))
	f.Func().Params(jen.Id("r").Op("*").Id(t.name)).Id("responseMessages").Params().Params(jen.Index().Id("ResponseMessage"), jen.Bool()).Block(body...)
}

// ewsHeaderOptions writes typed HeaderOptions for Exchange's request header
// elements, and requestVersion.
func (g *emitter) ewsHeaderOptions(f *jen.File) {
	byLocal := map[string]*goType{}
	for _, h := range g.headerElems() {
		if h.rootName.Space == nsTypes {
			byLocal[h.rootName.Local] = h
		}
	}
	hdr := func(name string, body ...jen.Code) jen.Code {
		return jen.Return(jen.Id("WithHeader").Call(jen.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Block(body...)))
	}
	// RequestServerVersion
	version := false
	if h := byLocal["RequestServerVersion"]; h != nil {
		if a := attrByXName(h, "Version"); a != nil && a.required && a.val.named != nil && a.val.root() == bString {
			version = true
			f.Comment("WithRequestServerVersion sets the t:RequestServerVersion header (the schema version the request is written in).")
			f.Func().Id("WithRequestServerVersion").Params(jen.Id("v").Id(a.val.named.name)).Id("HeaderOption").Block(
				hdr(h.name, jen.Id("h").Dot(h.name).Op("=").Op("&").Id(h.name).Values(jen.Dict{jen.Id(a.name): jen.Id("v")})),
			)
			f.Comment("requestVersion returns the Version of the request's RequestServerVersion header.")
			f.Func().Id("requestVersion").Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Params(jen.String(), jen.Bool()).Block(
				jen.If(jen.Id("h").Op("==").Nil().Op("||").Id("h").Dot(h.name).Op("==").Nil()).Block(jen.Return(jen.Lit(""), jen.False())),
				jen.Return(jen.String().Call(jen.Id("h").Dot(h.name).Dot(a.name)), jen.True()),
			)
		}
	}
	if !version {
		f.Func().Id("requestVersion").Params(jen.Op("*").Id("EnvelopeHeader")).Params(jen.String(), jen.Bool()).Block(jen.Return(jen.Lit(""), jen.False()))
	}
	// ExchangeImpersonation
	if h := byLocal["ExchangeImpersonation"]; h != nil {
		if sid := fieldByXName(h, "ConnectingSID"); sid != nil && sid.ct != nil && !sid.repeated && structOf(sid.ct) != nil {
			var anchor []jen.Code
			for _, n := range []string{"PrimarySmtpAddress", "SmtpAddress", "PrincipalName", "SID"} {
				fl := fieldByXName(sid.ct, n)
				if fl == nil || fl.repeated {
					continue
				}
				switch {
				case fl.ct != nil && structOf(fl.ct) != nil && structOf(fl.ct).text != nil && structOf(fl.ct).text.root() == bString:
					anchor = append(anchor, jen.If(jen.Id("sid").Dot(fl.name).Op("!=").Nil()).Block(
						jen.Return(jen.String().Call(jen.Id("sid").Dot(fl.name).Dot(structOf(fl.ct).textName)))))
				case fl.val != nil && fl.val.root() == bString:
					if fieldIsPtr(fl) {
						anchor = append(anchor, jen.If(jen.Id("sid").Dot(fl.name).Op("!=").Nil()).Block(jen.Return(jen.String().Call(jen.Op("*").Id("sid").Dot(fl.name)))))
					} else {
						anchor = append(anchor, jen.If(jen.Id("sid").Dot(fl.name).Op("!=").Lit("")).Block(jen.Return(jen.String().Call(jen.Id("sid").Dot(fl.name)))))
					}
				}
			}
			anchor = append(anchor, jen.Return(jen.Lit("")))
			f.Comment("WithImpersonation sets the t:ExchangeImpersonation header to act as the user sid names, and the X-AnchorMailbox HTTP header Exchange Online routes impersonated requests by (the SMTP address, or else the principal name or SID).")
			f.Func().Id("WithImpersonation").Params(jen.Id("sid").Op("*").Id(sid.ct.name)).Id("HeaderOption").Block(
				jen.Id("anchor").Op(":=").Func().Params().String().Block(append([]jen.Code{
					jen.If(jen.Id("sid").Op("==").Nil()).Block(jen.Return(jen.Lit(""))),
				}, anchor...)...).Call(),
				jen.Return(jen.Id("HeaderOption").Values(jen.Dict{
					jen.Id("envelope"): jen.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Block(
						jen.Id("h").Dot(h.name).Op("=").Op("&").Id(h.name).Values(jen.Dict{jen.Id(sid.name): jen.Id("sid")}),
					),
					jen.Id("http"): jen.Func().Params(jen.Id("hh").Qual("net/http", "Header")).Block(
						jen.If(jen.Id("anchor").Op("!=").Lit("")).Block(jen.Id("hh").Dot("Set").Call(jen.Lit("X-AnchorMailbox"), jen.Id("anchor"))),
					),
				})),
			)
			// WithImpersonationSMTP (PrimarySmtpAddress) and one option per
			// other alternative of the ConnectingSID choice.
			for _, alt := range []struct{ field, fn, arg, what string }{
				{"PrimarySmtpAddress", "WithImpersonationSMTP", "smtp", "whose primary SMTP address is smtp"},
				{"SmtpAddress", "WithImpersonationSmtpAddress", "smtp", "with the SMTP address smtp (primary or proxy)"},
				{"PrincipalName", "WithImpersonationPrincipalName", "upn", "whose user principal name is upn"},
				{"SID", "WithImpersonationSID", "sid", "whose security identifier is sid (e.g. \"S-1-5-21-...\")"},
			} {
				p := fieldByXName(sid.ct, alt.field)
				if p == nil || p.ct == nil || p.repeated || structOf(p.ct) == nil || structOf(p.ct).text == nil || structOf(p.ct).text.root() != bString {
					continue
				}
				tt := structOf(p.ct)
				var val jen.Code = jen.Id(alt.arg)
				if tt.text.named != nil {
					val = jen.Id(tt.text.named.name).Call(jen.Id(alt.arg))
				}
				f.Comment(fmt.Sprintf("%s is WithImpersonation of the user %s (t:ConnectingSID/t:%s); X-AnchorMailbox is set to %s.", alt.fn, alt.what, alt.field, alt.arg))
				f.Func().Id(alt.fn).Params(jen.Id(alt.arg).String()).Id("HeaderOption").Block(
					jen.Return(jen.Id("WithImpersonation").Call(jen.Op("&").Id(sid.ct.name).Values(jen.Dict{
						jen.Id(p.name): jen.Op("&").Id(p.ct.name).Values(jen.Dict{jen.Id(tt.textName): val}),
					}))),
				)
			}
		}
	}
	// Routing headers of Exchange Online
	f.Comment("WithAnchorMailbox sets the X-AnchorMailbox HTTP header, by which Exchange Online routes a request to the server of the mailbox it names (an SMTP address): the mailbox a call reads or the one a subscription watches. The impersonation options set it to the impersonated user; a WithAnchorMailbox after them overrides it.")
	f.Func().Id("WithAnchorMailbox").Params(jen.Id("mailbox").String()).Id("HeaderOption").Block(
		jen.Return(jen.Id("WithHTTPHeader").Call(jen.Lit("X-AnchorMailbox"), jen.Id("mailbox"))),
	)
	f.Comment("WithServerAffinity sets the X-PreferServerAffinity: true HTTP header, which asks Exchange to answer with an X-BackEndOverrideCookie naming the mailbox server; the client's cookie jar sends that cookie back on later calls (see NewClient), so that related requests (a streaming subscription and its GetStreamingEvents, for several mailboxes in one group) reach the same server.")
	f.Func().Id("WithServerAffinity").Params().Id("HeaderOption").Block(
		jen.Return(jen.Id("WithHTTPHeader").Call(jen.Lit("X-PreferServerAffinity"), jen.Lit("true"))),
	)
	// MailboxCulture
	if h := byLocal["MailboxCulture"]; h != nil {
		if s := structOf(h); s != nil && s.text != nil && s.text.root() == bString {
			var val jen.Code = jen.Id("culture")
			if s.text.named != nil {
				val = jen.Id(s.text.named.name).Call(jen.Id("culture"))
			}
			f.Comment(`WithMailboxCulture sets the t:MailboxCulture header (e.g. "en-US").`)
			f.Func().Id("WithMailboxCulture").Params(jen.Id("culture").String()).Id("HeaderOption").Block(
				hdr(h.name, jen.Id("h").Dot(h.name).Op("=").Op("&").Id(h.name).Values(jen.Dict{jen.Id(s.textName): val})),
			)
		}
	}
	// TimeZoneContext
	if h := byLocal["TimeZoneContext"]; h != nil {
		if d := fieldByXName(h, "TimeZoneDefinition"); d != nil && d.ct != nil && !d.repeated && d.ct.kind == kStruct {
			f.Comment("WithTimeZoneContext sets the t:TimeZoneContext header: the time zone Exchange uses for times without one.")
			f.Func().Id("WithTimeZoneContext").Params(jen.Id("tz").Op("*").Id(d.ct.name)).Id("HeaderOption").Block(
				hdr(h.name, jen.Id("h").Dot(h.name).Op("=").Op("&").Id(h.name).Values(jen.Dict{jen.Id(d.name): jen.Id("tz")})),
			)
		}
	}
	// DateTimePrecision
	if h := byLocal["DateTimePrecision"]; h != nil && h.kind == kSimple {
		f.Comment("WithDateTimePrecision sets the t:DateTimePrecision header.")
		f.Func().Id("WithDateTimePrecision").Params(jen.Id("p").Id(h.base.named.name)).Id("HeaderOption").Block(
			hdr(h.name, jen.Id("v").Op(":=").Id(h.name).Call(jen.Id("p")), jen.Id("h").Dot(h.name).Op("=").Op("&").Id("v")),
		)
	}
	// ManagementRole
	if h := byLocal["ManagementRole"]; h != nil && h.kind == kElemOf {
		f.Comment("WithManagementRole sets the t:ManagementRole header.")
		f.Func().Id("WithManagementRole").Params(jen.Id("r").Op("*").Id(h.of.name)).Id("HeaderOption").Block(
			hdr(h.name, jen.If(jen.Id("r").Op("==").Nil()).Block(jen.Id("h").Dot(h.name).Op("=").Nil(), jen.Return()), jen.Id("v").Op(":=").Id(h.name).Call(jen.Op("*").Id("r")), jen.Id("h").Dot(h.name).Op("=").Op("&").Id("v")),
		)
	}
	// ServerVersionInfo (server side)
	if h := byLocal["ServerVersionInfo"]; h != nil {
		f.Comment("WithServerVersion makes the handler send a t:ServerVersionInfo header with every response that binds it.")
		f.Func().Id("WithServerVersion").Params(jen.Id("v").Op("*").Id(h.name)).Id("HandlerOption").Block(
			jen.Return(jen.Id("WithResponseHeader").Call(jen.Func().Params(jen.Id("h").Op("*").Id("EnvelopeHeader")).Block(
				jen.If(jen.Id("v").Op("!=").Nil()).Block(jen.Id("c").Op(":=").Op("*").Id("v"), jen.Id("h").Dot(h.name).Op("=").Op("&").Id("c")),
			))),
		)
	}
}
