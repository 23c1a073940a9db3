package ewsrt

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchDoc builds a synthetic EWS-like FindItem response of n items, each
// with about 15 child elements and some attributes (about 1 KB per item).
func benchDoc(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header>
    <h:ServerVersionInfo MajorVersion="15" MinorVersion="20" MajorBuildNumber="7452" MinorBuildNumber="29" Version="V2018_01_08" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types" xmlns="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>
  </s:Header>
  <s:Body>
    <m:FindItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
      <m:ResponseMessages>
        <m:FindItemResponseMessage ResponseClass="Success">
          <m:ResponseCode>NoError</m:ResponseCode>
          <m:RootFolder IndexedPagingOffset="1000" TotalItemsInView="1000" IncludesLastItemInRange="true">
            <t:Items>
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `              <t:Message>
                <t:ItemId Id="AAMkADk0N2M1ZTIzLWJjYjAtNGQ1OS1hNzY5LTk4YzZlNGE3YjNjNwBGAAAAAAD%06dAAA=" ChangeKey="CQAAABYAAAD%06d"/>
                <t:ParentFolderId Id="AAMkADk0N2M1ZTIzLWJjYjAtNGQ1OS1hNzY5LTk4YzZlNGE3YjNjNwAuAAAAAAC" ChangeKey="AQAAAA=="/>
                <t:ItemClass>IPM.Note</t:ItemClass>
                <t:Subject>Quarterly report &amp; budget review #%d</t:Subject>
                <t:Sensitivity>Normal</t:Sensitivity>
                <t:Size>%d</t:Size>
                <t:DateTimeReceived>2024-03-%02dT09:%02d:00Z</t:DateTimeReceived>
                <t:DateTimeSent>2024-03-%02dT09:%02d:00Z</t:DateTimeSent>
                <t:Importance>Normal</t:Importance>
                <t:IsDraft>false</t:IsDraft>
                <t:HasAttachments>true</t:HasAttachments>
                <t:From><t:Mailbox><t:Name>Jane Doe</t:Name><t:EmailAddress>jane.doe@example.com</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Mailbox></t:From>
                <t:IsRead>true</t:IsRead>
                <t:ConversationId Id="AAQkADk0N2M1ZTIzLWJjYjAtNGQ1OS1hNzY5LTk4YzZlNGE3YjNjNwAQAL%06d"/>
                <t:Preview>Hello team, please find attached the quarterly report. Let me know if you have questions.</t:Preview>
              </t:Message>
`, i, i, i, 1000+i*7, 1+i%28, i%60, 1+i%28, i%60, i)
	}
	b.WriteString(`            </t:Items>
          </m:RootFolder>
        </m:FindItemResponseMessage>
      </m:ResponseMessages>
    </m:FindItemResponse>
  </s:Body>
</s:Envelope>
`)
	return []byte(b.String())
}

// walkTokens visits every element with Child and reads leaf text with
// TextBytes, as generated decoders do.
func walkTokens(d *xmlDecoder) (n int, err error) {
	se, err := d.Root()
	if err != nil {
		return 0, err
	}
	_ = se
	depth := 1
	for depth > 0 {
		se, err := d.Child()
		if err != nil {
			return n, err
		}
		if se == nil {
			depth--
			continue
		}
		n++
		for i := range se.Attrs {
			n += len(se.Attrs[i].Value)
		}
		switch string(se.Local) {
		case "ItemClass", "Subject", "Sensitivity", "Size", "DateTimeReceived", "DateTimeSent",
			"Importance", "IsDraft", "HasAttachments", "Name", "EmailAddress", "RoutingType",
			"IsRead", "Preview", "ResponseCode":
			b, err := d.TextBytes()
			if err != nil {
				return n, err
			}
			n += len(b)
		default:
			depth++
		}
	}
	return n, nil
}

func BenchmarkDecodeTokens(b *testing.B) {
	doc := benchDoc(1000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		d := xmlNewDecoder(doc, testNSTable, xmlLimits{})
		if _, err := walkTokens(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeTokensStd(b *testing.B) {
	doc := benchDoc(1000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		d := xml.NewDecoder(bytes.NewReader(doc))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// benchMessage is a typical item for the encode benchmark.
type benchMessage struct {
	ID, ChangeKey, Subject, Body, From string
	Size                               int64
	Read                               bool
	Received                           XSDateTime
}

func benchMessages(n int) []benchMessage {
	ms := make([]benchMessage, n)
	for i := range ms {
		ms[i] = benchMessage{
			ID:        fmt.Sprintf("AAMkADk0N2M1ZTIzLWJjYjAtNGQ1OS1hNzY5LTk4YzZlNGE3YjNjNwBGAAAAAAD%06dAAA=", i),
			ChangeKey: fmt.Sprintf("CQAAABYAAAD%06d", i),
			Subject:   fmt.Sprintf("Quarterly report & budget review #%d", i),
			Body:      "Hello team,\nplease find attached the quarterly report <draft>. Let me know if you have questions.",
			From:      "jane.doe@example.com",
			Size:      int64(1000 + i*7),
			Read:      i%2 == 0,
			Received:  XSDateTime{Year: 2024, Month: 3, Day: 1 + i%28, Hour: 9, Minute: i % 60, Zone: "Z"},
		}
	}
	return ms
}

func encodeMessages(e *xmlEncoder, ms []benchMessage) {
	e.Raw(`<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><soap:Body><m:CreateItem MessageDisposition="SaveOnly"><m:Items>`)
	for i := range ms {
		m := &ms[i]
		e.Raw("<t:Message><t:ItemId")
		e.Attr("Id", m.ID)
		e.Attr("ChangeKey", m.ChangeKey)
		e.Raw("/><t:Subject>")
		e.Text(m.Subject)
		e.Raw("</t:Subject><t:Body")
		e.Attr("BodyType", "Text")
		e.Raw(">")
		e.Text(m.Body)
		e.Raw("</t:Body><t:Size>")
		e.Buf = xmlAppendInt(e.Buf, m.Size)
		e.Raw("</t:Size><t:DateTimeReceived>")
		e.Buf = m.Received.AppendXML(e.Buf)
		e.Raw("</t:DateTimeReceived><t:IsRead>")
		e.Buf = xmlAppendBool(e.Buf, m.Read)
		e.Raw("</t:IsRead><t:From><t:Mailbox><t:EmailAddress>")
		e.Text(m.From)
		e.Raw("</t:EmailAddress></t:Mailbox></t:From></t:Message>")
	}
	e.Raw(`</m:Items></m:CreateItem></soap:Body></soap:Envelope>`)
}

func BenchmarkEncode(b *testing.B) {
	ms := benchMessages(1000)
	var e xmlEncoder
	encodeMessages(&e, ms)
	b.SetBytes(int64(len(e.Buf)))
	b.ReportAllocs()
	for b.Loop() {
		e.Buf = e.Buf[:0]
		encodeMessages(&e, ms)
	}
}

// stdMessage mirrors benchMessage for encoding/xml.
type stdMessage struct {
	XMLName xml.Name `xml:"t:Message"`
	ItemID  struct {
		ID        string `xml:"Id,attr"`
		ChangeKey string `xml:"ChangeKey,attr"`
	} `xml:"t:ItemId"`
	Subject string `xml:"t:Subject"`
	Body    struct {
		Type string `xml:"BodyType,attr"`
		Text string `xml:",chardata"`
	} `xml:"t:Body"`
	Size     int64  `xml:"t:Size"`
	Received string `xml:"t:DateTimeReceived"`
	Read     bool   `xml:"t:IsRead"`
	From     string `xml:"t:From>t:Mailbox>t:EmailAddress"`
}

func BenchmarkEncodeStd(b *testing.B) {
	ms := benchMessages(1000)
	sm := make([]stdMessage, len(ms))
	for i, m := range ms {
		sm[i].ItemID.ID, sm[i].ItemID.ChangeKey = m.ID, m.ChangeKey
		sm[i].Subject, sm[i].Body.Type, sm[i].Body.Text = m.Subject, "Text", m.Body
		sm[i].Size, sm[i].Received, sm[i].Read, sm[i].From = m.Size, m.Received.String(), m.Read, m.From
	}
	var buf bytes.Buffer
	xml.NewEncoder(&buf).Encode(sm)
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := xml.NewEncoder(&buf).Encode(sm); err != nil {
			b.Fatal(err)
		}
	}
}

// stdFindItem is the benchmark document's model for encoding/xml.Unmarshal.
type stdFindItem struct {
	Body struct {
		Resp struct {
			Msgs struct {
				Msg struct {
					Class  string `xml:"ResponseClass,attr"`
					Code   string `xml:"ResponseCode"`
					Folder struct {
						Total int `xml:"TotalItemsInView,attr"`
						Items []struct {
							ItemID struct {
								ID        string `xml:"Id,attr"`
								ChangeKey string `xml:"ChangeKey,attr"`
							} `xml:"ItemId"`
							ItemClass      string `xml:"ItemClass"`
							Subject        string `xml:"Subject"`
							Sensitivity    string `xml:"Sensitivity"`
							Size           int    `xml:"Size"`
							Received       string `xml:"DateTimeReceived"`
							Sent           string `xml:"DateTimeSent"`
							Importance     string `xml:"Importance"`
							IsDraft        bool   `xml:"IsDraft"`
							HasAttachments bool   `xml:"HasAttachments"`
							From           struct {
								Name  string `xml:"Mailbox>Name"`
								Email string `xml:"Mailbox>EmailAddress"`
								Type  string `xml:"Mailbox>RoutingType"`
							} `xml:"From"`
							IsRead  bool   `xml:"IsRead"`
							Preview string `xml:"Preview"`
						} `xml:"Items>Message"`
					} `xml:"RootFolder"`
				} `xml:"FindItemResponseMessage"`
			} `xml:"ResponseMessages"`
		} `xml:"FindItemResponse"`
	} `xml:"Body"`
}

func BenchmarkDecodeStdUnmarshal(b *testing.B) {
	doc := benchDoc(1000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		var v stdFindItem
		if err := xml.Unmarshal(doc, &v); err != nil {
			b.Fatal(err)
		}
		if len(v.Body.Resp.Msgs.Msg.Folder.Items) != 1000 {
			b.Fatal("items not decoded")
		}
	}
}
