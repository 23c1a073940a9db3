package ews_test

import (
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Fixtures for Exchange's known departures from its published schemas
// (README: "Exchange's departures from its schemas"). Each decodes with
// both policies, and what the schemas declare is decoded into the declared
// fields.

const depStreaming = unkEnvStart + `<m:GetStreamingEventsResponse><m:ResponseMessages>
<m:GetStreamingEventsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
<m:Notifications>
<m:Notification><t:SubscriptionId>sub-1</t:SubscriptionId>
<t:NewMailEvent><t:TimeStamp>2026-01-02T03:04:05Z</t:TimeStamp><t:ItemId Id="item-1"/><t:ParentFolderId Id="inbox-1"/></t:NewMailEvent>
<t:CreatedEvent><t:TimeStamp>2026-01-02T03:04:06Z</t:TimeStamp><t:ItemId Id="item-2"/><t:ParentFolderId Id="inbox-1"/></t:CreatedEvent>
</m:Notification>
<m:Notification><t:SubscriptionId>sub-2</t:SubscriptionId>
<t:DeletedEvent><t:TimeStamp>2026-01-02T03:04:07Z</t:TimeStamp><t:ItemId Id="item-3"/><t:ParentFolderId Id="inbox-1"/></t:DeletedEvent>
</m:Notification>
</m:Notifications></m:GetStreamingEventsResponseMessage></m:ResponseMessages></m:GetStreamingEventsResponse>` + unkEnvEnd

func depGetEvents(prefix string) string {
	return unkEnvStart + `<m:GetEventsResponse><m:ResponseMessages>
<m:GetEventsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
<` + prefix + `:Notification><t:SubscriptionId>sub-1</t:SubscriptionId><t:PreviousWatermark>w1</t:PreviousWatermark><t:MoreEvents>false</t:MoreEvents>
<t:ModifiedEvent><t:Watermark>w2</t:Watermark><t:TimeStamp>2026-01-02T03:04:05Z</t:TimeStamp><t:FolderId Id="inbox-1"/><t:ParentFolderId Id="root-1"/></t:ModifiedEvent>
</` + prefix + `:Notification></m:GetEventsResponseMessage></m:ResponseMessages></m:GetEventsResponse>` + unkEnvEnd
}

func depDecode(t *testing.T, in string) []*ews.Envelope {
	t.Helper()
	var out []*ews.Envelope
	for _, p := range []ews.DecodePolicy{ews.DecodeLenient, ews.DecodeStrict} {
		env, err := ews.DecodeOptions{Policy: p}.UnmarshalEnvelope([]byte(in))
		if err != nil {
			t.Fatalf("policy %d: %v", p, err)
		}
		out = append(out, env)
	}
	return out
}

func TestDepartureStreamingNotificationsInMessagesNamespace(t *testing.T) {
	for _, env := range depDecode(t, depStreaming) {
		if u := ews.UnknownContent(env); len(u) != 0 {
			t.Errorf("kept as unknown: %v", u)
		}
		r := env.Body.(*ews.GetStreamingEventsResponse)
		m := r.ResponseMessages.Items[0].(*ews.GetStreamingEventsResponseMessageType)
		if m.Notifications == nil || len(m.Notifications.Notification) != 2 {
			t.Fatalf("notifications: %+v", m.Notifications)
		}
		n := m.Notifications.Notification
		if n[0].SubscriptionId != "sub-1" || len(n[0].Items) != 2 || n[1].SubscriptionId != "sub-2" || len(n[1].Items) != 1 {
			t.Errorf("events: %+v", n)
		}
		if _, ok := n[0].Items[0].(*ews.NewMailEvent); !ok {
			t.Errorf("first event %T", n[0].Items[0])
		}
	}
}

func TestDepartureGetEventsNotificationEitherNamespace(t *testing.T) {
	for _, prefix := range []string{"m", "t"} {
		for _, env := range depDecode(t, depGetEvents(prefix)) {
			r := env.Body.(*ews.GetEventsResponse)
			m := r.ResponseMessages.Items[0].(*ews.GetEventsResponseMessageType)
			if m.Notification == nil || m.Notification.SubscriptionId != "sub-1" || len(m.Notification.Items) != 1 {
				t.Fatalf("%s:Notification: %+v", prefix, m.Notification)
			}
			if _, ok := m.Notification.Items[0].(*ews.ModifiedEventType); !ok {
				t.Errorf("%s: event %T", prefix, m.Notification.Items[0])
			}
		}
	}
}

// Clients write m:ItemId and m:FolderId where the schemas declare t:.
func TestDepartureIdsInMessagesNamespace(t *testing.T) {
	in := unkEnvStart + `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
		`<m:ItemIds><m:ItemId Id="item-1" ChangeKey="ck"/><t:ItemId Id="item-2"/></m:ItemIds></m:GetItem>` + unkEnvEnd
	for _, env := range depDecode(t, in) {
		ids := env.Body.(*ews.GetItem).ItemIds.Items
		if len(ids) != 2 {
			t.Fatalf("ids: %+v", ids)
		}
		first, ok := ids[0].(*ews.ItemIdType)
		if !ok || first.Id != "item-1" || first.ChangeKey == nil || *first.ChangeKey != "ck" {
			t.Errorf("m:ItemId read as %#v", ids[0])
		}
		// written back as the schemas declare it
		if out := string(env.Marshal(ews.ClientStyle)); !strings.Contains(out, `<t:ItemId Id="item-1" ChangeKey="ck"/>`) {
			t.Errorf("re-encoded:\n%s", out)
		}
	}
	in = unkEnvStart + `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
		`<m:ParentFolderIds><m:FolderId Id="folder-1"/></m:ParentFolderIds></m:FindItem>` + unkEnvEnd
	for _, env := range depDecode(t, in) {
		ids := env.Body.(*ews.FindItem).ParentFolderIds.Items
		if f, ok := ids[0].(*ews.FolderIdType); len(ids) != 1 || !ok || f.Id != "folder-1" {
			t.Errorf("m:FolderId read as %#v", ids)
		}
	}
	// the pairing does not make an undeclared name known
	in = unkEnvStart + `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
		`<m:ItemIds><m:NoSuchId Id="item-1"/></m:ItemIds></m:GetItem>` + unkEnvEnd
	if _, err := (ews.DecodeOptions{Policy: ews.DecodeStrict}).UnmarshalEnvelope([]byte(in)); err == nil || !strings.Contains(err.Error(), "messages}NoSuchId") {
		t.Errorf("m:NoSuchId: %v", err)
	}
}

// FindPeople with a Traversal attribute, and text directly inside
// GetMailTips, are accepted by a strict decoder and kept.
func TestDepartureUndeclaredAttributeAndText(t *testing.T) {
	in := unkEnvStart + `<m:FindPeople Traversal="Shallow"><m:IndexedPageItemView BasePoint="Beginning" Offset="0"/>` +
		`<m:ParentFolderId><t:DistinguishedFolderId Id="contacts"/></m:ParentFolderId></m:FindPeople>` + unkEnvEnd
	for _, env := range depDecode(t, in) {
		u := ews.UnknownContent(env)
		if len(u) != 1 || u[0].Kind != "attribute" || u[0].Name.Local != "Traversal" {
			t.Errorf("FindPeople: %v", u)
		}
		if out := string(env.Marshal(ews.ClientStyle)); !strings.Contains(out, `<m:FindPeople Traversal="Shallow">`) {
			t.Errorf("re-encoded:\n%s", out)
		}
	}
	in = unkEnvStart + `<m:GetMailTips>
	text a client writes
	<m:SendingAs><t:EmailAddress>a@example.com</t:EmailAddress></m:SendingAs>
	<m:Recipients><t:Mailbox><t:EmailAddress>b@example.com</t:EmailAddress></t:Mailbox></m:Recipients>
	<m:MailTipsRequested>All</m:MailTipsRequested></m:GetMailTips>` + unkEnvEnd
	for _, env := range depDecode(t, in) {
		u := ews.UnknownContent(env)
		if len(u) != 1 || u[0].Kind != "text" || strings.TrimSpace(u[0].Text) != "text a client writes" {
			t.Errorf("GetMailTips: %v", u)
		}
	}
	// the same attribute elsewhere is not a departure
	in = unkEnvStart + `<m:GetItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
		`<m:ItemIds><t:ItemId Id="item-1"/></m:ItemIds></m:GetItem>` + unkEnvEnd
	if _, err := (ews.DecodeOptions{Policy: ews.DecodeStrict}).UnmarshalEnvelope([]byte(in)); err == nil || !strings.Contains(err.Error(), "unknown attribute Traversal") {
		t.Errorf("GetItem Traversal: %v", err)
	}
}

// Read exactly as the published schemas declare (DecodeOptions.SchemaExact),
// the departures are unknown content: strict decoding names them (messages.xsd
// declares GetEvents' Notification in the messages namespace, so there the
// departure is t:Notification).
func TestDeparturesOffWhenSchemaExact(t *testing.T) {
	if _, err := (ews.DecodeOptions{Policy: ews.DecodeStrict, SchemaExact: true}).UnmarshalEnvelope([]byte(depGetEvents("m"))); err != nil {
		t.Errorf("schema-exact: m:Notification of GetEvents: %v", err)
	}
	for _, in := range []string{depStreaming, depGetEvents("t")} {
		_, err := ews.DecodeOptions{Policy: ews.DecodeStrict, SchemaExact: true}.UnmarshalEnvelope([]byte(in))
		if err == nil || !strings.Contains(err.Error(), "Notification") {
			t.Errorf("schema-exact strict decoding: %v, want an error naming Notification", err)
		}
	}
}
