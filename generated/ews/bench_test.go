package ews_test

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/xmlcmp"
)

// Benchmarks of the generated codec against encoding/xml with hand-written
// tagged structs holding the same data (the bx* types below), for three
// messages:
//
//	msg=removeimcontact  a RemoveImContactFromGroup request (small)
//	msg=finditem         a FindItemResponse with 1000 items, a mix of
//	                     Message, CalendarItem and Contact, with paging
//	msg=getitem          a GetItemResponse with one CalendarItem with
//	                     attendees, recurrence and time zones
//
// Sub-benchmarks are named BenchmarkDecode/msg=M/impl=ewsgen|encodingxml
// (and the same for Encode) so that benchstat can put the two side by side:
//
//	go test -run '^$' -bench . -count 6 ./generated/ews > /tmp/bench.txt
//	cd bench && go tool benchstat -col /impl /tmp/bench.txt
//
// Both implementations decode the same bytes: the generated package's
// encoding of the message (client style for the request, server style for
// the responses). SetBytes is that encoding's length for both decode and
// encode, so MB/s compare messages per second, whatever each
// implementation's own output looks like. Encoding appends to a reused
// buffer (env.AppendXML(buf[:0], style); for encoding/xml an Encoder on a
// reused bytes.Buffer). TestBenchModels checks that the two models hold the
// same data.

const (
	bxSoap = "http://schemas.xmlsoap.org/soap/envelope/"
	bxM    = "http://schemas.microsoft.com/exchange/services/2006/messages"
	bxT    = "http://schemas.microsoft.com/exchange/services/2006/types"
)

// benchMsg is one message in both models.
type benchMsg struct {
	name  string
	style ews.Style
	env   *ews.Envelope
	bx    any // pointer to the encoding/xml model
	newBX func() any
	items int // items of the message (allocs/item)
}

func benchMessages() []benchMsg {
	return []benchMsg{
		{"removeimcontact", ews.ClientStyle, benchRemoveIm(), bxRemoveIm(), func() any { return new(bxEnvelope[bxRemoveImContactFromGroup]) }, 1},
		{"finditem", ews.ServerStyle, benchFindItem(1000), bxFindItem(1000), func() any { return new(bxEnvelope[bxFindItemResponse]) }, 1000},
		{"getitem", ews.ServerStyle, benchGetItem(), bxGetItem(), func() any { return new(bxEnvelope[bxGetItemResponse]) }, 1},
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, m := range benchMessages() {
		data := m.env.Marshal(m.style)
		b.Run("msg="+m.name+"/impl=ewsgen", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := ews.UnmarshalEnvelope(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("msg="+m.name+"/impl=encodingxml", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := xml.Unmarshal(data, m.newBX()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, m := range benchMessages() {
		size := int64(len(m.env.Marshal(m.style)))
		b.Run("msg="+m.name+"/impl=ewsgen", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			buf := make([]byte, 0, 2*size)
			for b.Loop() {
				buf = m.env.AppendXML(buf[:0], m.style)
			}
		})
		b.Run("msg="+m.name+"/impl=encodingxml", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			var buf bytes.Buffer
			buf.Grow(int(2 * size))
			for b.Loop() {
				buf.Reset()
				buf.WriteString(xml.Header)
				if err := xml.NewEncoder(&buf).Encode(m.bx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBenchModels checks that both implementations hold the same data: the
// generated package's encoding, read into the encoding/xml model, equals
// the model built for the benchmark, and written by encoding/xml it is the
// same canonical XML.
func TestBenchModels(t *testing.T) {
	for _, m := range benchMessages() {
		t.Run(m.name, func(t *testing.T) {
			data := m.env.Marshal(m.style)
			// The generated package reads its own encoding back.
			env, err := ews.UnmarshalEnvelope(data)
			if err != nil {
				t.Fatal(err)
			}
			if again := env.Marshal(m.style); !bytes.Equal(again, data) {
				t.Fatalf("encoding is not stable")
			}
			got := m.newBX()
			if err := xml.Unmarshal(data, got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, m.bx) {
				t.Fatalf("encoding/xml reads other data than the benchmark model holds")
			}
			out, err := xml.Marshal(m.bx)
			if err != nil {
				t.Fatal(err)
			}
			a, err := xmlcmp.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			c, err := xmlcmp.Parse(out)
			if err != nil {
				t.Fatal(err)
			}
			if d := xmlcmp.Diff(a, c); d != "" {
				t.Fatalf("encoding/xml writes other XML: %s", d)
			}
			// Allocations of one encoding into a reused buffer.
			buf := make([]byte, 0, 2*len(data))
			allocs := testing.AllocsPerRun(20, func() { buf = m.env.AppendXML(buf[:0], m.style) })
			t.Logf("%s: %d bytes, %.0f allocations per encoding", m.name, len(data), allocs)
		})
	}
}

// ---- the messages as generated types ----

func bp[T any](v T) *T { return &v }

func benchDT(t time.Time) *ews.XSDateTime { return bp(ews.XSDateTimeOf(t)) }

var benchT0 = time.Date(2026, 2, 2, 8, 0, 0, 0, time.UTC)

func benchID(kind string, i int) string {
	return "RklYVFVSRS1CRU5DSC" + kind + strconv.Itoa(100000+i) + "AAA="
}

func benchRemoveIm() *ews.Envelope {
	return &ews.Envelope{
		Header: ews.EnvelopeHeader{
			RequestServerVersion: &ews.RequestServerVersion{Version: ews.ExchangeVersionExchange2013},
			MailboxCulture:       &ews.MailboxCulture{Value: "nl-NL"},
		},
		Body: &ews.RemoveImContactFromGroup{
			ContactId: &ews.ItemIdType{Id: "RklYVFVSRS1JTUNPTlRBQ1QtMDAwMQ==", ChangeKey: bp("SU0tQ09OVEFDVC0wMDAx")},
			GroupId:   &ews.ItemIdType{Id: "RklYVFVSRS1JTUdST1VQLTAwMDE=", ChangeKey: bp("SU0tR1JPVVAtMDAwMQ==")},
		},
	}
}

func benchServerVersion() *ews.ServerVersionInfo {
	return &ews.ServerVersionInfo{MajorVersion: bp(int32(15)), MinorVersion: bp(int32(1)), MajorBuildNumber: bp(int32(2044)), MinorBuildNumber: bp(int32(7)), Version: bp("V2017_07_11")}
}

func benchMailbox(name string) *ews.EmailAddressType {
	return &ews.EmailAddressType{
		Name:         bp(name),
		EmailAddress: bp(ews.NonEmptyStringType(benchAddress(name))),
		RoutingType:  bp(ews.NonEmptyStringType("SMTP")),
		MailboxType:  bp(ews.MailboxTypeMailbox),
	}
}

func benchAddress(name string) string {
	b := []byte(name)
	for i, c := range b {
		switch {
		case c == ' ':
			b[i] = '.'
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b) + "@fabrikam-fixture.test"
}

var benchNames = []string{"Ada Quill", "Bo Lantern", "Ines Keeper", "Tomas Reef", "Wren Harbour", "Juno Tide", "Pim Anchor", "Sol Beacon"}

func benchFindItem(n int) *ews.Envelope {
	items := make([]ews.ArrayOfRealItemsTypeChoice, 0, n)
	folder := &ews.FolderIdType{Id: "RklYVFVSRS1GT0xERVItSU5CT1g=", ChangeKey: bp("AQAAAA==")}
	for i := range n {
		t := benchT0.Add(time.Duration(i) * 7 * time.Minute)
		id := &ews.ItemIdType{Id: benchID("ITEM", i), ChangeKey: bp("Q0stQkVOQ0gt" + strconv.Itoa(i))}
		who := benchNames[i%len(benchNames)]
		switch i % 3 {
		case 0:
			items = append(items, &ews.MessageType{
				ItemId:           id,
				ParentFolderId:   folder,
				ItemClass:        bp(ews.ItemClassType("IPM.Note")),
				Subject:          bp("Lighthouse report #" + strconv.Itoa(i) + ": lamp & lens status"),
				Sensitivity:      bp(ews.SensitivityChoicesNormal),
				DateTimeReceived: benchDT(t),
				Size:             bp(int32(4096 + i)),
				Importance:       bp(ews.ImportanceChoicesNormal),
				IsSubmitted:      bp(false),
				IsDraft:          bp(false),
				IsFromMe:         bp(false),
				IsResend:         bp(false),
				IsUnmodified:     bp(true),
				DateTimeSent:     benchDT(t.Add(-time.Minute)),
				DateTimeCreated:  benchDT(t),
				ReminderIsSet:    bp(false),
				HasAttachments:   bp(i%5 == 0),
				Culture:          bp("en-US"),
				ConversationId:   &ews.ItemIdType{Id: benchID("CONV", i/4)},
				From:             &ews.SingleRecipientType{Mailbox: benchMailbox(who)},
				IsRead:           bp(i%2 == 0),
			})
		case 1:
			items = append(items, &ews.CalendarItemType{
				ItemId:                     id,
				ParentFolderId:             folder,
				ItemClass:                  bp(ews.ItemClassType("IPM.Appointment")),
				Subject:                    bp("Harbour meeting " + strconv.Itoa(i)),
				DateTimeReceived:           benchDT(t),
				Size:                       bp(int32(8192 + i)),
				Importance:                 bp(ews.ImportanceChoicesNormal),
				ReminderIsSet:              bp(true),
				ReminderMinutesBeforeStart: bp(ews.ReminderMinutesBeforeStartType("15")),
				HasAttachments:             bp(false),
				Start:                      benchDT(t.Add(48 * time.Hour)),
				End:                        benchDT(t.Add(49 * time.Hour)),
				IsAllDayEvent:              bp(false),
				LegacyFreeBusyStatus:       bp(ews.LegacyFreeBusyBusy),
				Location:                   bp("Harbour room " + strconv.Itoa(i%7)),
				IsMeeting:                  bp(true),
				IsRecurring:                bp(false),
				CalendarItemType:           bp(ews.CalendarItemTypeSingle),
				MyResponseType:             bp(ews.ResponseTypeAccept),
				Organizer:                  &ews.SingleRecipientType{Mailbox: benchMailbox(who)},
			})
		default:
			items = append(items, &ews.ContactItemType{
				ItemId:           id,
				ParentFolderId:   folder,
				ItemClass:        bp(ews.ItemClassType("IPM.Contact")),
				Subject:          bp(who),
				DateTimeReceived: benchDT(t),
				Size:             bp(int32(2048 + i)),
				FileAs:           bp(who),
				DisplayName:      bp(who),
				GivenName:        bp(who[:bytes.IndexByte([]byte(who), ' ')]),
				CompanyName:      bp("Fabrikam Lighthouses"),
				EmailAddresses: &ews.EmailAddressDictionaryType{Entry: []ews.EmailAddressDictionaryEntryType{
					{Key: ews.EmailAddressKeyEmailAddress1, Value: benchAddress(who)},
				}},
				PhoneNumbers: &ews.PhoneNumberDictionaryType{Entry: []ews.PhoneNumberDictionaryEntryType{
					{Key: ews.PhoneNumberKeyBusinessPhone, Value: "+31 20 555 " + strconv.Itoa(1000+i)},
					{Key: ews.PhoneNumberKeyMobilePhone, Value: "+31 6 5555 " + strconv.Itoa(1000+i)},
				}},
				JobTitle: bp("Keeper"),
				Surname:  bp(who[bytes.IndexByte([]byte(who), ' ')+1:]),
			})
		}
	}
	return &ews.Envelope{
		Header: ews.EnvelopeHeader{ServerVersionInfo: benchServerVersion()},
		Body: &ews.FindItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{
			&ews.FindItemResponseMessageType{
				ResponseClass: ews.ResponseClassSuccess,
				ResponseCode:  bp(ews.ResponseCodeNoError),
				RootFolder: &ews.FindItemParentType{
					IndexedPagingOffset:     bp(int32(n)),
					TotalItemsInView:        bp(int32(4 * n)),
					IncludesLastItemInRange: bp(false),
					Items:                   &ews.ArrayOfRealItemsType{List: items},
				},
			},
		}}},
	}
}

func benchTimeZone(id string) *ews.TimeZoneDefinitionType {
	period := func(bias, name string) ews.PeriodType {
		return ews.PeriodType{Bias: bp(ews.XSDuration(bias)), Name: bp(name), Id: bp("fixture:" + id + "/" + name)}
	}
	to := func(kind ews.TransitionTargetKindType, v string) *ews.TransitionTargetType {
		return &ews.TransitionTargetType{Kind: kind, Value: v}
	}
	return &ews.TimeZoneDefinitionType{
		Id:      bp(id),
		Name:    bp("(UTC+01:00) Fixture City"),
		Periods: &ews.NonEmptyArrayOfPeriodsType{Period: []ews.PeriodType{period("-PT1H", "Standard"), period("-PT2H", "Daylight")}},
		TransitionsGroups: &ews.ArrayOfTransitionsGroupsType{TransitionsGroup: []ews.ArrayOfTransitionsType{{
			Id: bp("0"),
			Transition: []ews.AnyTransition{
				&ews.RecurringDayTransition{To: to(ews.TransitionTargetKindPeriod, "fixture:"+id+"/Daylight"), TimeOffset: "PT2H", Month: 3, DayOfWeek: ews.DayOfWeekSunday, Occurrence: -1},
				&ews.RecurringDayTransition{To: to(ews.TransitionTargetKindPeriod, "fixture:"+id+"/Standard"), TimeOffset: "PT3H", Month: 10, DayOfWeek: ews.DayOfWeekSunday, Occurrence: -1},
			},
		}}},
		Transitions: &ews.ArrayOfTransitionsType{Transition: []ews.AnyTransition{
			&ews.Transition{To: to(ews.TransitionTargetKindGroup, "0")},
		}},
	}
}

func benchAttendees(names []string, resp ews.ResponseTypeType) *ews.NonEmptyArrayOfAttendeesType {
	a := &ews.NonEmptyArrayOfAttendeesType{}
	for i, n := range names {
		a.Attendee = append(a.Attendee, ews.AttendeeType{
			Mailbox:          benchMailbox(n),
			ResponseType:     bp(resp),
			LastResponseTime: benchDT(benchT0.Add(time.Duration(i) * time.Hour)),
		})
	}
	return a
}

const benchBody = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>` +
	`<p>Weekly review of the lighthouse project: lamp, lens &amp; housing.</p><ul><li>Status of the lens order</li>` +
	`<li>Harbour schedule for March</li><li>Budget &lt;Q1&gt;</li></ul><p>Dial-in: +31 20 555 0000, code 4711#</p></body></html>`

func benchGetItem() *ews.Envelope {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	item := &ews.CalendarItemType{
		ItemId:                     &ews.ItemIdType{Id: benchID("CAL", 1), ChangeKey: bp("DwAAABYAAABFixtureCalendar")},
		ParentFolderId:             &ews.FolderIdType{Id: "RklYVFVSRS1GT0xERVItQ0FMRU5EQVI=", ChangeKey: bp("AgAAAA==")},
		ItemClass:                  bp(ews.ItemClassType("IPM.Appointment")),
		Subject:                    bp("Lighthouse weekly review"),
		Sensitivity:                bp(ews.SensitivityChoicesNormal),
		Body:                       &ews.BodyType{BodyType: ews.BodyTypeHTML, IsTruncated: bp(false), Value: benchBody},
		DateTimeReceived:           benchDT(benchT0),
		Size:                       bp(int32(14522)),
		Importance:                 bp(ews.ImportanceChoicesHigh),
		IsSubmitted:                bp(false),
		IsDraft:                    bp(false),
		IsFromMe:                   bp(true),
		IsResend:                   bp(false),
		IsUnmodified:               bp(false),
		DateTimeSent:               benchDT(benchT0),
		DateTimeCreated:            benchDT(benchT0),
		ReminderDueBy:              benchDT(start.Add(-15 * time.Minute)),
		ReminderIsSet:              bp(true),
		ReminderMinutesBeforeStart: bp(ews.ReminderMinutesBeforeStartType("15")),
		DisplayTo:                  bp("Bo Lantern; Ines Keeper; Tomas Reef; Wren Harbour"),
		HasAttachments:             bp(false),
		Culture:                    bp("en-US"),
		UID:                        bp("040000008200E00074C5B7101A82E00800000000FIXTURE0000000000000000100000001"),
		DateTimeStamp:              benchDT(benchT0),
		Start:                      benchDT(start),
		End:                        benchDT(start.Add(45 * time.Minute)),
		IsAllDayEvent:              bp(false),
		LegacyFreeBusyStatus:       bp(ews.LegacyFreeBusyBusy),
		Location:                   bp("Harbour room 3"),
		IsMeeting:                  bp(true),
		IsCancelled:                bp(false),
		IsRecurring:                bp(true),
		MeetingRequestWasSent:      bp(true),
		IsResponseRequested:        bp(true),
		CalendarItemType:           bp(ews.CalendarItemTypeRecurringMaster),
		MyResponseType:             bp(ews.ResponseTypeOrganizer),
		Organizer:                  &ews.SingleRecipientType{Mailbox: benchMailbox("Ada Quill")},
		RequiredAttendees:          benchAttendees(benchNames[1:6], ews.ResponseTypeAccept),
		OptionalAttendees:          benchAttendees(benchNames[6:], ews.ResponseTypeTentative),
		Resources:                  benchAttendees([]string{"Harbour room 3"}, ews.ResponseTypeAccept),
		Duration:                   bp("PT45M"),
		AppointmentSequenceNumber:  bp(int32(3)),
		AppointmentState:           bp(int32(3)),
		Recurrence: &ews.RecurrenceType{
			WeeklyRecurrence:  &ews.WeeklyRecurrencePatternType{Interval: 1, DaysOfWeek: ews.DaysOfWeekType{ews.DayOfWeekMonday, ews.DayOfWeekThursday}, FirstDayOfWeek: bp(ews.DayOfWeekMonday)},
			EndDateRecurrence: &ews.EndDateRecurrenceRangeType{StartDate: ews.XSDate{Year: 2026, Month: 3, Day: 2, Zone: "+01:00"}, EndDate: ews.XSDate{Year: 2026, Month: 12, Day: 17, Zone: "+01:00"}},
		},
		StartTimeZone:        benchTimeZone("Romance Standard Time"),
		EndTimeZone:          benchTimeZone("Romance Standard Time"),
		AllowNewTimeProposal: bp(true),
		IsOnlineMeeting:      bp(false),
	}
	return &ews.Envelope{
		Header: ews.EnvelopeHeader{ServerVersionInfo: benchServerVersion()},
		Body: &ews.GetItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{
			&ews.GetItemResponseMessage{
				ResponseClass: ews.ResponseClassSuccess,
				ResponseCode:  bp(ews.ResponseCodeNoError),
				Items:         &ews.ArrayOfRealItemsType{List: []ews.ArrayOfRealItemsTypeChoice{item}},
			},
		}}},
	}
}

// ---- the same messages as encoding/xml structs ----

type bxEnvelope[B any] struct {
	XMLName xml.Name  `xml:"http://schemas.xmlsoap.org/soap/envelope/ Envelope"`
	Header  *bxHeader `xml:"http://schemas.xmlsoap.org/soap/envelope/ Header"`
	Body    bxBody[B] `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
}

type bxBody[B any] struct {
	Content B
}

type bxHeader struct {
	RequestServerVersion *bxRequestServerVersion `xml:"http://schemas.microsoft.com/exchange/services/2006/types RequestServerVersion"`
	MailboxCulture       *string                 `xml:"http://schemas.microsoft.com/exchange/services/2006/types MailboxCulture"`
	ServerVersionInfo    *bxServerVersionInfo    `xml:"http://schemas.microsoft.com/exchange/services/2006/types ServerVersionInfo"`
}

type bxRequestServerVersion struct {
	Version string `xml:"Version,attr"`
}

type bxServerVersionInfo struct {
	MajorVersion     int    `xml:"MajorVersion,attr"`
	MinorVersion     int    `xml:"MinorVersion,attr"`
	MajorBuildNumber int    `xml:"MajorBuildNumber,attr"`
	MinorBuildNumber int    `xml:"MinorBuildNumber,attr"`
	Version          string `xml:"Version,attr"`
}

type bxItemID struct {
	Id        string `xml:"Id,attr"`
	ChangeKey string `xml:"ChangeKey,attr,omitempty"`
}

type bxRemoveImContactFromGroup struct {
	XMLName   xml.Name  `xml:"http://schemas.microsoft.com/exchange/services/2006/messages RemoveImContactFromGroup"`
	ContactId *bxItemID `xml:"http://schemas.microsoft.com/exchange/services/2006/messages ContactId"`
	GroupId   *bxItemID `xml:"http://schemas.microsoft.com/exchange/services/2006/messages GroupId"`
}

type bxResponseMessages struct {
	Messages []bxResponseMessage `xml:",any"`
}

type bxResponseMessage struct {
	XMLName       xml.Name
	ResponseClass string          `xml:"ResponseClass,attr"`
	MessageText   string          `xml:"http://schemas.microsoft.com/exchange/services/2006/messages MessageText,omitempty"`
	ResponseCode  string          `xml:"http://schemas.microsoft.com/exchange/services/2006/messages ResponseCode,omitempty"`
	Items         *bxItems        `xml:"http://schemas.microsoft.com/exchange/services/2006/messages Items"`
	RootFolder    *bxFindItemRoot `xml:"http://schemas.microsoft.com/exchange/services/2006/messages RootFolder"`
}

type bxFindItemResponse struct {
	XMLName          xml.Name           `xml:"http://schemas.microsoft.com/exchange/services/2006/messages FindItemResponse"`
	ResponseMessages bxResponseMessages `xml:"http://schemas.microsoft.com/exchange/services/2006/messages ResponseMessages"`
}

type bxGetItemResponse struct {
	XMLName          xml.Name           `xml:"http://schemas.microsoft.com/exchange/services/2006/messages GetItemResponse"`
	ResponseMessages bxResponseMessages `xml:"http://schemas.microsoft.com/exchange/services/2006/messages ResponseMessages"`
}

type bxFindItemRoot struct {
	IndexedPagingOffset     int     `xml:"IndexedPagingOffset,attr"`
	TotalItemsInView        int     `xml:"TotalItemsInView,attr"`
	IncludesLastItemInRange bool    `xml:"IncludesLastItemInRange,attr"`
	Items                   bxItems `xml:"http://schemas.microsoft.com/exchange/services/2006/types Items"`
}

type bxItems struct {
	Items []bxItem `xml:",any"`
}

type bxMailbox struct {
	Name         string `xml:"http://schemas.microsoft.com/exchange/services/2006/types Name,omitempty"`
	EmailAddress string `xml:"http://schemas.microsoft.com/exchange/services/2006/types EmailAddress,omitempty"`
	RoutingType  string `xml:"http://schemas.microsoft.com/exchange/services/2006/types RoutingType,omitempty"`
	MailboxType  string `xml:"http://schemas.microsoft.com/exchange/services/2006/types MailboxType,omitempty"`
}

type bxRecipient struct {
	Mailbox bxMailbox `xml:"http://schemas.microsoft.com/exchange/services/2006/types Mailbox"`
}

type bxAttendee struct {
	Mailbox          bxMailbox  `xml:"http://schemas.microsoft.com/exchange/services/2006/types Mailbox"`
	ResponseType     string     `xml:"http://schemas.microsoft.com/exchange/services/2006/types ResponseType,omitempty"`
	LastResponseTime *time.Time `xml:"http://schemas.microsoft.com/exchange/services/2006/types LastResponseTime"`
}

type bxAttendees struct {
	Attendee []bxAttendee `xml:"http://schemas.microsoft.com/exchange/services/2006/types Attendee"`
}

type bxBodyType struct {
	BodyType    string `xml:"BodyType,attr"`
	IsTruncated *bool  `xml:"IsTruncated,attr"`
	Value       string `xml:",chardata"`
}

type bxEntry struct {
	Key   string `xml:"Key,attr"`
	Value string `xml:",chardata"`
}

type bxDictionary struct {
	Entry []bxEntry `xml:"http://schemas.microsoft.com/exchange/services/2006/types Entry"`
}

type bxWeekly struct {
	Interval       int    `xml:"http://schemas.microsoft.com/exchange/services/2006/types Interval"`
	DaysOfWeek     string `xml:"http://schemas.microsoft.com/exchange/services/2006/types DaysOfWeek"`
	FirstDayOfWeek string `xml:"http://schemas.microsoft.com/exchange/services/2006/types FirstDayOfWeek,omitempty"`
}

type bxEndDate struct {
	StartDate string `xml:"http://schemas.microsoft.com/exchange/services/2006/types StartDate"`
	EndDate   string `xml:"http://schemas.microsoft.com/exchange/services/2006/types EndDate"`
}

type bxRecurrence struct {
	WeeklyRecurrence  *bxWeekly  `xml:"http://schemas.microsoft.com/exchange/services/2006/types WeeklyRecurrence"`
	EndDateRecurrence *bxEndDate `xml:"http://schemas.microsoft.com/exchange/services/2006/types EndDateRecurrence"`
}

type bxPeriod struct {
	Bias string `xml:"Bias,attr"`
	Name string `xml:"Name,attr"`
	Id   string `xml:"Id,attr"`
}

type bxTo struct {
	Kind  string `xml:"Kind,attr"`
	Value string `xml:",chardata"`
}

type bxTransition struct {
	XMLName    xml.Name
	To         bxTo   `xml:"http://schemas.microsoft.com/exchange/services/2006/types To"`
	TimeOffset string `xml:"http://schemas.microsoft.com/exchange/services/2006/types TimeOffset,omitempty"`
	Month      int    `xml:"http://schemas.microsoft.com/exchange/services/2006/types Month,omitempty"`
	DayOfWeek  string `xml:"http://schemas.microsoft.com/exchange/services/2006/types DayOfWeek,omitempty"`
	Occurrence int    `xml:"http://schemas.microsoft.com/exchange/services/2006/types Occurrence,omitempty"`
}

type bxTransitions struct {
	Id         string         `xml:"Id,attr,omitempty"`
	Transition []bxTransition `xml:",any"`
}

type bxTimeZone struct {
	Id                string          `xml:"Id,attr"`
	Name              string          `xml:"Name,attr"`
	Periods           []bxPeriod      `xml:"http://schemas.microsoft.com/exchange/services/2006/types Periods>Period"`
	TransitionsGroups []bxTransitions `xml:"http://schemas.microsoft.com/exchange/services/2006/types TransitionsGroups>TransitionsGroup"`
	Transitions       *bxTransitions  `xml:"http://schemas.microsoft.com/exchange/services/2006/types Transitions"`
}

// bxItem is any item of the messages: Message, CalendarItem or Contact,
// with the fields the benchmark messages use, in schema order.
type bxItem struct {
	XMLName                    xml.Name
	ItemId                     *bxItemID     `xml:"http://schemas.microsoft.com/exchange/services/2006/types ItemId"`
	ParentFolderId             *bxItemID     `xml:"http://schemas.microsoft.com/exchange/services/2006/types ParentFolderId"`
	ItemClass                  string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types ItemClass,omitempty"`
	Subject                    string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types Subject,omitempty"`
	Sensitivity                string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types Sensitivity,omitempty"`
	Body                       *bxBodyType   `xml:"http://schemas.microsoft.com/exchange/services/2006/types Body"`
	DateTimeReceived           *time.Time    `xml:"http://schemas.microsoft.com/exchange/services/2006/types DateTimeReceived"`
	Size                       *int          `xml:"http://schemas.microsoft.com/exchange/services/2006/types Size"`
	Importance                 string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types Importance,omitempty"`
	IsSubmitted                *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsSubmitted"`
	IsDraft                    *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsDraft"`
	IsFromMe                   *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsFromMe"`
	IsResend                   *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsResend"`
	IsUnmodified               *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsUnmodified"`
	DateTimeSent               *time.Time    `xml:"http://schemas.microsoft.com/exchange/services/2006/types DateTimeSent"`
	DateTimeCreated            *time.Time    `xml:"http://schemas.microsoft.com/exchange/services/2006/types DateTimeCreated"`
	ReminderDueBy              *time.Time    `xml:"http://schemas.microsoft.com/exchange/services/2006/types ReminderDueBy"`
	ReminderIsSet              *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types ReminderIsSet"`
	ReminderMinutesBeforeStart string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types ReminderMinutesBeforeStart,omitempty"`
	DisplayTo                  string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types DisplayTo,omitempty"`
	HasAttachments             *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types HasAttachments"`
	Culture                    string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types Culture,omitempty"`
	ConversationId             *bxItemID     `xml:"http://schemas.microsoft.com/exchange/services/2006/types ConversationId"`
	From                       *bxRecipient  `xml:"http://schemas.microsoft.com/exchange/services/2006/types From"`
	IsRead                     *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsRead"`
	UID                        string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types UID,omitempty"`
	DateTimeStamp              *time.Time    `xml:"http://schemas.microsoft.com/exchange/services/2006/types DateTimeStamp"`
	Start                      *time.Time    `xml:"http://schemas.microsoft.com/exchange/services/2006/types Start"`
	End                        *time.Time    `xml:"http://schemas.microsoft.com/exchange/services/2006/types End"`
	IsAllDayEvent              *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsAllDayEvent"`
	LegacyFreeBusyStatus       string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types LegacyFreeBusyStatus,omitempty"`
	Location                   string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types Location,omitempty"`
	IsMeeting                  *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsMeeting"`
	IsCancelled                *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsCancelled"`
	IsRecurring                *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsRecurring"`
	MeetingRequestWasSent      *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types MeetingRequestWasSent"`
	IsResponseRequested        *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsResponseRequested"`
	CalendarItemType           string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types CalendarItemType,omitempty"`
	MyResponseType             string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types MyResponseType,omitempty"`
	Organizer                  *bxRecipient  `xml:"http://schemas.microsoft.com/exchange/services/2006/types Organizer"`
	RequiredAttendees          *bxAttendees  `xml:"http://schemas.microsoft.com/exchange/services/2006/types RequiredAttendees"`
	OptionalAttendees          *bxAttendees  `xml:"http://schemas.microsoft.com/exchange/services/2006/types OptionalAttendees"`
	Resources                  *bxAttendees  `xml:"http://schemas.microsoft.com/exchange/services/2006/types Resources"`
	Duration                   string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types Duration,omitempty"`
	AppointmentSequenceNumber  *int          `xml:"http://schemas.microsoft.com/exchange/services/2006/types AppointmentSequenceNumber"`
	AppointmentState           *int          `xml:"http://schemas.microsoft.com/exchange/services/2006/types AppointmentState"`
	Recurrence                 *bxRecurrence `xml:"http://schemas.microsoft.com/exchange/services/2006/types Recurrence"`
	StartTimeZone              *bxTimeZone   `xml:"http://schemas.microsoft.com/exchange/services/2006/types StartTimeZone"`
	EndTimeZone                *bxTimeZone   `xml:"http://schemas.microsoft.com/exchange/services/2006/types EndTimeZone"`
	AllowNewTimeProposal       *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types AllowNewTimeProposal"`
	IsOnlineMeeting            *bool         `xml:"http://schemas.microsoft.com/exchange/services/2006/types IsOnlineMeeting"`
	// Contact
	FileAs         string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types FileAs,omitempty"`
	DisplayName    string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types DisplayName,omitempty"`
	GivenName      string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types GivenName,omitempty"`
	CompanyName    string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types CompanyName,omitempty"`
	EmailAddresses *bxDictionary `xml:"http://schemas.microsoft.com/exchange/services/2006/types EmailAddresses"`
	PhoneNumbers   *bxDictionary `xml:"http://schemas.microsoft.com/exchange/services/2006/types PhoneNumbers"`
	JobTitle       string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types JobTitle,omitempty"`
	Surname        string        `xml:"http://schemas.microsoft.com/exchange/services/2006/types Surname,omitempty"`
}

func bxRemoveIm() any {
	return &bxEnvelope[bxRemoveImContactFromGroup]{
		XMLName: xml.Name{Space: bxSoap, Local: "Envelope"},
		Header:  &bxHeader{RequestServerVersion: &bxRequestServerVersion{Version: "Exchange2013"}, MailboxCulture: bp("nl-NL")},
		Body: bxBody[bxRemoveImContactFromGroup]{Content: bxRemoveImContactFromGroup{
			XMLName:   xml.Name{Space: bxM, Local: "RemoveImContactFromGroup"},
			ContactId: &bxItemID{Id: "RklYVFVSRS1JTUNPTlRBQ1QtMDAwMQ==", ChangeKey: "SU0tQ09OVEFDVC0wMDAx"},
			GroupId:   &bxItemID{Id: "RklYVFVSRS1JTUdST1VQLTAwMDE=", ChangeKey: "SU0tR1JPVVAtMDAwMQ=="},
		}},
	}
}

func bxServerHeader() *bxHeader {
	return &bxHeader{ServerVersionInfo: &bxServerVersionInfo{MajorVersion: 15, MinorVersion: 1, MajorBuildNumber: 2044, MinorBuildNumber: 7, Version: "V2017_07_11"}}
}

func bxMbx(name string) bxMailbox {
	return bxMailbox{Name: name, EmailAddress: benchAddress(name), RoutingType: "SMTP", MailboxType: "Mailbox"}
}

func bxTName(name string) xml.Name { return xml.Name{Space: bxT, Local: name} }

func bxFindItem(n int) any {
	items := make([]bxItem, 0, n)
	folder := &bxItemID{Id: "RklYVFVSRS1GT0xERVItSU5CT1g=", ChangeKey: "AQAAAA=="}
	for i := range n {
		t := benchT0.Add(time.Duration(i) * 7 * time.Minute)
		id := &bxItemID{Id: benchID("ITEM", i), ChangeKey: "Q0stQkVOQ0gt" + strconv.Itoa(i)}
		who := benchNames[i%len(benchNames)]
		switch i % 3 {
		case 0:
			items = append(items, bxItem{
				XMLName: bxTName("Message"), ItemId: id, ParentFolderId: folder, ItemClass: "IPM.Note",
				Subject:     "Lighthouse report #" + strconv.Itoa(i) + ": lamp & lens status",
				Sensitivity: "Normal", DateTimeReceived: bp(t), Size: bp(4096 + i), Importance: "Normal",
				IsSubmitted: bp(false), IsDraft: bp(false), IsFromMe: bp(false), IsResend: bp(false), IsUnmodified: bp(true),
				DateTimeSent: bp(t.Add(-time.Minute)), DateTimeCreated: bp(t), ReminderIsSet: bp(false),
				HasAttachments: bp(i%5 == 0), Culture: "en-US", ConversationId: &bxItemID{Id: benchID("CONV", i/4)},
				From: &bxRecipient{Mailbox: bxMbx(who)}, IsRead: bp(i%2 == 0),
			})
		case 1:
			items = append(items, bxItem{
				XMLName: bxTName("CalendarItem"), ItemId: id, ParentFolderId: folder, ItemClass: "IPM.Appointment",
				Subject: "Harbour meeting " + strconv.Itoa(i), DateTimeReceived: bp(t), Size: bp(8192 + i), Importance: "Normal",
				ReminderIsSet: bp(true), ReminderMinutesBeforeStart: "15", HasAttachments: bp(false),
				Start: bp(t.Add(48 * time.Hour)), End: bp(t.Add(49 * time.Hour)), IsAllDayEvent: bp(false),
				LegacyFreeBusyStatus: "Busy", Location: "Harbour room " + strconv.Itoa(i%7), IsMeeting: bp(true), IsRecurring: bp(false),
				CalendarItemType: "Single", MyResponseType: "Accept", Organizer: &bxRecipient{Mailbox: bxMbx(who)},
			})
		default:
			sp := bytes.IndexByte([]byte(who), ' ')
			items = append(items, bxItem{
				XMLName: bxTName("Contact"), ItemId: id, ParentFolderId: folder, ItemClass: "IPM.Contact",
				Subject: who, DateTimeReceived: bp(t), Size: bp(2048 + i),
				FileAs: who, DisplayName: who, GivenName: who[:sp], CompanyName: "Fabrikam Lighthouses",
				EmailAddresses: &bxDictionary{Entry: []bxEntry{{Key: "EmailAddress1", Value: benchAddress(who)}}},
				PhoneNumbers: &bxDictionary{Entry: []bxEntry{
					{Key: "BusinessPhone", Value: "+31 20 555 " + strconv.Itoa(1000+i)},
					{Key: "MobilePhone", Value: "+31 6 5555 " + strconv.Itoa(1000+i)},
				}},
				JobTitle: "Keeper", Surname: who[sp+1:],
			})
		}
	}
	return &bxEnvelope[bxFindItemResponse]{
		XMLName: xml.Name{Space: bxSoap, Local: "Envelope"},
		Header:  bxServerHeader(),
		Body: bxBody[bxFindItemResponse]{Content: bxFindItemResponse{
			XMLName: xml.Name{Space: bxM, Local: "FindItemResponse"},
			ResponseMessages: bxResponseMessages{Messages: []bxResponseMessage{{
				XMLName:       xml.Name{Space: bxM, Local: "FindItemResponseMessage"},
				ResponseClass: "Success",
				ResponseCode:  "NoError",
				RootFolder: &bxFindItemRoot{
					IndexedPagingOffset: n, TotalItemsInView: 4 * n, IncludesLastItemInRange: false,
					Items: bxItems{Items: items},
				},
			}}},
		}},
	}
}

func bxTimeZoneDef(id string) *bxTimeZone {
	tr := func(to, offset string, month int) bxTransition {
		return bxTransition{XMLName: bxTName("RecurringDayTransition"), To: bxTo{Kind: "Period", Value: "fixture:" + id + "/" + to}, TimeOffset: offset, Month: month, DayOfWeek: "Sunday", Occurrence: -1}
	}
	return &bxTimeZone{
		Id:   id,
		Name: "(UTC+01:00) Fixture City",
		Periods: []bxPeriod{
			{Bias: "-PT1H", Name: "Standard", Id: "fixture:" + id + "/Standard"},
			{Bias: "-PT2H", Name: "Daylight", Id: "fixture:" + id + "/Daylight"},
		},
		TransitionsGroups: []bxTransitions{{Id: "0", Transition: []bxTransition{tr("Daylight", "PT2H", 3), tr("Standard", "PT3H", 10)}}},
		Transitions:       &bxTransitions{Transition: []bxTransition{{XMLName: bxTName("Transition"), To: bxTo{Kind: "Group", Value: "0"}}}},
	}
}

func bxAttendeeList(names []string, resp string) *bxAttendees {
	a := &bxAttendees{}
	for i, n := range names {
		a.Attendee = append(a.Attendee, bxAttendee{Mailbox: bxMbx(n), ResponseType: resp, LastResponseTime: bp(benchT0.Add(time.Duration(i) * time.Hour))})
	}
	return a
}

func bxGetItem() any {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	item := bxItem{
		XMLName:        bxTName("CalendarItem"),
		ItemId:         &bxItemID{Id: benchID("CAL", 1), ChangeKey: "DwAAABYAAABFixtureCalendar"},
		ParentFolderId: &bxItemID{Id: "RklYVFVSRS1GT0xERVItQ0FMRU5EQVI=", ChangeKey: "AgAAAA=="},
		ItemClass:      "IPM.Appointment", Subject: "Lighthouse weekly review", Sensitivity: "Normal",
		Body:             &bxBodyType{BodyType: "HTML", IsTruncated: bp(false), Value: benchBody},
		DateTimeReceived: bp(benchT0), Size: bp(14522), Importance: "High",
		IsSubmitted: bp(false), IsDraft: bp(false), IsFromMe: bp(true), IsResend: bp(false), IsUnmodified: bp(false),
		DateTimeSent: bp(benchT0), DateTimeCreated: bp(benchT0), ReminderDueBy: bp(start.Add(-15 * time.Minute)),
		ReminderIsSet: bp(true), ReminderMinutesBeforeStart: "15",
		DisplayTo:      "Bo Lantern; Ines Keeper; Tomas Reef; Wren Harbour",
		HasAttachments: bp(false), Culture: "en-US",
		UID:           "040000008200E00074C5B7101A82E00800000000FIXTURE0000000000000000100000001",
		DateTimeStamp: bp(benchT0), Start: bp(start), End: bp(start.Add(45 * time.Minute)), IsAllDayEvent: bp(false),
		LegacyFreeBusyStatus: "Busy", Location: "Harbour room 3",
		IsMeeting: bp(true), IsCancelled: bp(false), IsRecurring: bp(true), MeetingRequestWasSent: bp(true), IsResponseRequested: bp(true),
		CalendarItemType: "RecurringMaster", MyResponseType: "Organizer",
		Organizer:                 &bxRecipient{Mailbox: bxMbx("Ada Quill")},
		RequiredAttendees:         bxAttendeeList(benchNames[1:6], "Accept"),
		OptionalAttendees:         bxAttendeeList(benchNames[6:], "Tentative"),
		Resources:                 bxAttendeeList([]string{"Harbour room 3"}, "Accept"),
		Duration:                  "PT45M",
		AppointmentSequenceNumber: bp(3),
		AppointmentState:          bp(3),
		Recurrence: &bxRecurrence{
			WeeklyRecurrence:  &bxWeekly{Interval: 1, DaysOfWeek: "Monday Thursday", FirstDayOfWeek: "Monday"},
			EndDateRecurrence: &bxEndDate{StartDate: "2026-03-02+01:00", EndDate: "2026-12-17+01:00"},
		},
		StartTimeZone:        bxTimeZoneDef("Romance Standard Time"),
		EndTimeZone:          bxTimeZoneDef("Romance Standard Time"),
		AllowNewTimeProposal: bp(true),
		IsOnlineMeeting:      bp(false),
	}
	return &bxEnvelope[bxGetItemResponse]{
		XMLName: xml.Name{Space: bxSoap, Local: "Envelope"},
		Header:  bxServerHeader(),
		Body: bxBody[bxGetItemResponse]{Content: bxGetItemResponse{
			XMLName: xml.Name{Space: bxM, Local: "GetItemResponse"},
			ResponseMessages: bxResponseMessages{Messages: []bxResponseMessage{{
				XMLName:       xml.Name{Space: bxM, Local: "GetItemResponseMessage"},
				ResponseClass: "Success",
				ResponseCode:  "NoError",
				Items:         &bxItems{Items: []bxItem{item}},
			}}},
		}},
	}
}
