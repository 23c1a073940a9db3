package ews_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// FuzzStreamEvents serves arbitrary bytes as a GetStreamingEvents response
// and reads them with StreamEvents: it must never panic or hang, hold an
// envelope over the size limit, or yield a notification that is not in
// the stream.
//
//	go test -run '^$' -fuzz '^FuzzStreamEvents$' -fuzztime 1m ./generated/ews
func FuzzStreamEvents(f *testing.F) {
	env := func(body string) string {
		return `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>` +
			`<m:GetStreamingEventsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">` +
			`<m:ResponseMessages><m:GetStreamingEventsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` + body +
			`</m:GetStreamingEventsResponseMessage></m:ResponseMessages></m:GetStreamingEventsResponse></Body></Envelope>`
	}
	note := `<m:Notifications><m:Notification><t:SubscriptionId>s1</t:SubscriptionId><t:CreatedEvent><t:TimeStamp>2024-05-01T10:00:00Z</t:TimeStamp><t:ItemId Id="i1"/><t:ParentFolderId Id="f"/></t:CreatedEvent></m:Notification></m:Notifications>`
	f.Add([]byte(env(`<m:ConnectionStatus>OK</m:ConnectionStatus>`) + env(note) + env(`<m:ConnectionStatus>Closed</m:ConnectionStatus>`)))
	f.Add([]byte(`<?xml version="1.0"?>` + env(note) + "\r\n" + `<?xml version="1.0"?>` + env(note)))
	f.Add([]byte(env(note)[:200]))
	f.Add([]byte(`<a><b></a></b><Envelope/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			w.Write(data)
		}))
		defer ts.Close()
		c := ews.NewClient(ts.URL, nil, ews.WithMaxResponseBytes(4096), ews.WithTimeout(2*time.Second))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for ev, err := range c.StreamEvents(ctx, []ews.SubscriptionIdType{"s1"}, &ews.StreamOptions{NoReconnect: true, MaxFailures: 1}) {
			if err != nil {
				if ctx.Err() != nil {
					t.Fatalf("StreamEvents did not end on a %d-byte stream: %v", len(data), err)
				}
				return
			}
			if ev.Notification != nil && !strings.Contains(string(data), string(ev.Notification.SubscriptionId)) {
				t.Fatalf("notification of %q, not in the stream", ev.Notification.SubscriptionId)
			}
		}
	})
}
