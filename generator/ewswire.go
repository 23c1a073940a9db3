package generator

import (
	"encoding/xml"

	"github.com/ewsgen/ewsgen/templates"
)

// wireNames lists the elements Exchange writes under another name than its
// schemas declare, by the type that holds them and the declared name.
// Exchange 2010 SP1 and later write the Notification elements of a
// GetStreamingEvents response (t:NonEmptyArrayOfNotificationsType) in the
// messages namespace, and the EWS Managed API reads them only there. The
// generated code writes the name Exchange writes and reads both.
var wireNames = map[[2]xml.Name]xml.Name{
	{{Space: nsTypes, Local: "NonEmptyArrayOfNotificationsType"}, {Space: nsTypes, Local: "Notification"}}: {Space: nsMessages, Local: "Notification"},
}

// wireName returns the name field fl of type t has on the wire when
// Exchange writes it differently from the schemas (see wireNames).
func (g *emitter) wireName(t *goType, fl *field) (xml.Name, bool) {
	if t.xsdType == nil {
		return xml.Name{}, false
	}
	n, ok := wireNames[[2]xml.Name{t.xsdType.Name, fl.xname}]
	return n, ok
}

// onWire returns fl with the name Exchange writes, or fl itself.
func (g *emitter) onWire(t *goType, fl *field) *field {
	n, ok := g.wireName(t, fl)
	if !ok {
		return fl
	}
	cp := *fl
	cp.xname = n
	return &cp
}

// streamingTypes are the Go names the streaming template refers to, by the
// schema types (or elements) they must come from.
var streamingTypes = map[string]xml.Name{
	"GetStreamingEvents":                         {Space: nsMessages, Local: "GetStreamingEvents"},
	"GetStreamingEventsResponse":                 {Space: nsMessages, Local: "GetStreamingEventsResponse"},
	"GetStreamingEventsResponseMessageType":      {Space: nsMessages, Local: "GetStreamingEventsResponseMessageType"},
	"NonEmptyArrayOfSubscriptionIdsType":         {Space: nsTypes, Local: "NonEmptyArrayOfSubscriptionIdsType"},
	"StreamingSubscriptionConnectionTimeoutType": {Space: nsTypes, Local: "StreamingSubscriptionConnectionTimeoutType"},
	"NotificationType":                           {Space: nsTypes, Local: "NotificationType"},
	"SubscriptionIdType":                         {Space: nsTypes, Local: "SubscriptionIdType"},
	"ConnectionStatusType":                       {Space: nsTypes, Local: "ConnectionStatusType"},
}

// streamingFile returns the streaming client (templates/ews) when the
// schemas are Exchange's with GetStreamingEvents, and its types have the
// names the template uses; nil otherwise.
func (g *emitter) streamingFile(header string) []File {
	if g.ews() == nil {
		return nil
	}
	found := false
	for _, s := range g.opStubs() {
		if s.m.Name == "GetStreamingEvents" {
			found = true
		}
	}
	if !found {
		return nil
	}
	for goName, xn := range streamingTypes {
		var t *goType
		if x := g.p.set.Types[xn]; x != nil {
			t = g.p.byType[x]
		} else if e := g.p.set.Elements[xn]; e != nil {
			t = g.p.byElem[e]
		}
		if t == nil || !g.kept(t) || t.name != goName {
			return nil
		}
	}
	src := pkgClause.ReplaceAllString(templates.EWSStreaming(), "package "+g.p.cfg.Package)
	return []File{{Name: "client_streaming.go", Content: []byte(withHeader(header, src))}}
}

// streamingNames are the package-level identifiers of the streaming
// template, which schema names must not take.
var streamingNames = []string{"StreamOptions", "StreamEvent", "errStreamStopped", "eventStream", "streamFailure",
	"streamRetryable", "idleReader", "newIdleReader", "errEnvelopeTooBig", "envelopeSplitter", "newEnvelopeSplitter"}
