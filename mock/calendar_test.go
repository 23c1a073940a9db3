package mock

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

func xsdt(s string) ews.XSDateTime {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return ews.XSDateTimeOf(t.UTC())
}

func xsdate(s string) ews.XSDate {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	d := ews.XSDateOf(t)
	d.Zone = ""
	return d
}

// createIn creates items in a distinguished folder and returns their ids.
func createIn(t *testing.T, f *fixture, c *ews.Client, folder string, invite ews.CalendarItemCreateOrDeleteOperationType, items ...ews.NonEmptyArrayOfAllItemsTypeChoice) []*ews.ItemIdType {
	t.Helper()
	req := &ews.CreateItem{Items: &ews.NonEmptyArrayOfAllItemsType{List: items}, SavedItemFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist(folder)}}
	if invite != "" {
		req.SendMeetingInvitations = &invite
	}
	resp := must(c.CreateItem(f.ctx, req))
	noErrors(t, resp)
	var ids []*ews.ItemIdType
	for _, m := range resp.ResponseMessages.Items {
		for _, x := range itemsOf(m) {
			ids = append(ids, x.(*ews.CalendarItemType).ItemId)
		}
	}
	return ids
}

// calendarView returns the calendar items of c's calendar between from and
// to.
func calendarView(t *testing.T, f *fixture, c *ews.Client, from, to string) []*ews.CalendarItemType {
	t.Helper()
	resp := must(c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: allShape(),
		CalendarView:    &ews.CalendarViewType{StartDate: xsdt(from), EndDate: xsdt(to)},
		ParentFolderIds: folderIds(dist("calendar"))}))
	noErrors(t, resp)
	var out []*ews.CalendarItemType
	for _, x := range itemsOf(resp.ResponseMessages.Items[0]) {
		out = append(out, x.(*ews.CalendarItemType))
	}
	return out
}

func describe(items []*ews.CalendarItemType) string {
	var b strings.Builder
	for _, c := range items {
		fmt.Fprintf(&b, "%s %s %s; ", c.Start.Time().UTC().Format("2006-01-02T15:04Z"), *c.CalendarItemType, *c.Subject)
	}
	return b.String()
}

// TestCalendarViewRecurringDST expands weekly series that span the March
// daylight-saving change: the wall-clock time stays 09:00 in the item's
// zone, so the UTC start moves one hour earlier. One occurrence of each
// series is modified (an exception) and one deleted.
func TestCalendarViewRecurringDST(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name     string
		item     *ews.CalendarItemType
		modify   int32 // instance index made an exception
		newStart string
		delete   int32
		from, to string
		want     string
	}{{
		// America/New_York moves to daylight time on Sunday 2026-03-08.
		name: "Eastern Standard Time by StartTimeZone",
		item: &ews.CalendarItemType{Subject: ptr("NY standup"), Start: ptr(xsdt("2026-02-19T14:00:00Z")), End: ptr(xsdt("2026-02-19T14:30:00Z")),
			StartTimeZone: &ews.TimeZoneDefinitionType{Id: ptr("Eastern Standard Time")},
			Recurrence: &ews.RecurrenceType{WeeklyRecurrence: &ews.WeeklyRecurrencePatternType{Interval: 1, DaysOfWeek: ews.DaysOfWeekType{ews.DayOfWeekThursday}},
				NumberedRecurrence: &ews.NumberedRecurrenceRangeType{StartDate: xsdate("2026-02-19"), NumberOfOccurrences: 6}}},
		modify: 4, newStart: "2026-03-12T15:00:00Z", delete: 5,
		from: "2026-02-01T00:00:00Z", to: "2026-04-30T00:00:00Z",
		want: "2026-02-19T14:00Z Occurrence NY standup; 2026-02-26T14:00Z Occurrence NY standup; 2026-03-05T14:00Z Occurrence NY standup; " +
			"2026-03-12T15:00Z Exception NY standup (moved); 2026-03-26T13:00Z Occurrence NY standup; ",
	}, {
		// W. Europe moves to daylight time on Sunday 2026-03-29. The zone
		// is given as Exchange 2007 bias rules (MeetingTimeZone).
		name: "W. Europe Standard Time by MeetingTimeZone rules",
		item: &ews.CalendarItemType{Subject: ptr("Berlin sync"), Start: ptr(xsdt("2026-03-10T08:00:00Z")), End: ptr(xsdt("2026-03-10T09:00:00Z")),
			MeetingTimeZone: &ews.TimeZoneType{BaseOffset: ptr(ews.XSDuration("-PT1H")),
				Standard: &ews.TimeChangeType{Offset: "PT0M", Time: ews.XSTime{Hour: 3}, RelativeYearlyRecurrence: &ews.RelativeYearlyRecurrencePatternType{DaysOfWeek: ews.DayOfWeekSunday, DayOfWeekIndex: ews.DayOfWeekIndexLast, Month: ews.MonthNamesOctober}},
				Daylight: &ews.TimeChangeType{Offset: "-PT1H", Time: ews.XSTime{Hour: 2}, RelativeYearlyRecurrence: &ews.RelativeYearlyRecurrencePatternType{DaysOfWeek: ews.DayOfWeekSunday, DayOfWeekIndex: ews.DayOfWeekIndexLast, Month: ews.MonthNamesMarch}}},
			Recurrence: &ews.RecurrenceType{WeeklyRecurrence: &ews.WeeklyRecurrencePatternType{Interval: 1, DaysOfWeek: ews.DaysOfWeekType{ews.DayOfWeekTuesday}},
				NoEndRecurrence: &ews.NoEndRecurrenceRangeType{StartDate: xsdate("2026-03-10")}}},
		modify: 2, newStart: "2026-03-17T08:00:00Z", delete: 3,
		from: "2026-03-01T00:00:00Z", to: "2026-04-08T00:00:00Z",
		want: "2026-03-10T08:00Z Occurrence Berlin sync; 2026-03-17T08:00Z Exception Berlin sync (moved); 2026-03-31T07:00Z Occurrence Berlin sync; 2026-04-07T07:00Z Occurrence Berlin sync; ",
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			master := createIn(t, f, f.c, "calendar", "", tc.item)[0]
			view := calendarView(t, f, f.c, tc.from, tc.to)
			var mine []*ews.CalendarItemType
			for _, c := range view {
				if *c.Subject == *tc.item.Subject {
					mine = append(mine, c)
				}
			}
			if len(mine) < int(tc.delete) {
				t.Fatalf("view before changes: %s", describe(mine))
			}
			// Modify one occurrence through OccurrenceItemId, delete another
			// through the id the view gave.
			resp := must(f.c.UpdateItem(f.ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, SendMeetingInvitationsOrCancellations: ptr(ews.CalendarItemUpdateOperationSendToNone),
				ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{
					OccurrenceItemId: &ews.OccurrenceItemIdType{RecurringMasterId: ews.DerivedItemIdType(master.Id), InstanceIndex: tc.modify},
					Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{
						&ews.SetItemFieldType{Path: fieldURI("item:Subject"), CalendarItem: &ews.CalendarItemType{Subject: ptr(*tc.item.Subject + " (moved)")}},
						&ews.SetItemFieldType{Path: fieldURI("calendar:Start"), CalendarItem: &ews.CalendarItemType{Start: ptr(xsdt(tc.newStart))}},
						&ews.SetItemFieldType{Path: fieldURI("calendar:End"), CalendarItem: &ews.CalendarItemType{End: ptr(ews.XSDateTimeOf(ptr(xsdt(tc.newStart)).Time().Add(30 * time.Minute)))}},
					}}}}}}))
			noErrors(t, resp)
			del := mine[tc.delete-1].ItemId
			dresp := must(f.c.DeleteItem(f.ctx, &ews.DeleteItem{DeleteType: ews.DisposalMoveToDeletedItems, SendMeetingCancellations: ptr(ews.CalendarItemCreateOrDeleteOperationSendToNone), ItemIds: itemIds(del)}))
			noErrors(t, dresp)

			var got []*ews.CalendarItemType
			for _, c := range calendarView(t, f, f.c, tc.from, tc.to) {
				if strings.HasPrefix(*c.Subject, *tc.item.Subject) {
					got = append(got, c)
				}
			}
			if d := describe(got); d != tc.want {
				t.Errorf("calendar view:\n got %s\nwant %s", d, tc.want)
			}
			for _, c := range got {
				t.Logf("%s  %s", c.Start.Time().UTC().Format("Mon 2006-01-02 15:04Z"), *c.Subject)
			}
			// The master lists the exception and the deleted occurrence.
			g := must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(master)}))
			noErrors(t, g)
			m := itemsOf(g.ResponseMessages.Items[0])[0].(*ews.CalendarItemType)
			if *m.CalendarItemType != ews.CalendarItemTypeRecurringMaster || m.ModifiedOccurrences == nil || len(m.ModifiedOccurrences.Occurrence) != 1 ||
				m.DeletedOccurrences == nil || len(m.DeletedOccurrences.DeletedOccurrence) != 1 {
				t.Fatalf("master: type %v, modified %+v, deleted %+v", *m.CalendarItemType, m.ModifiedOccurrences, m.DeletedOccurrences)
			}
			if got, want := m.ModifiedOccurrences.Occurrence[0].Start.Time().UTC(), ptr(xsdt(tc.newStart)).Time(); !got.Equal(want) {
				t.Errorf("modified occurrence starts %v, want %v", got, want)
			}
			// The deleted occurrence's id is gone.
			gone := must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: idShape(), ItemIds: itemIds(del)}))
			if errs := ews.ResponseErrors(gone); len(errs) != 1 || errs[0].Code != ews.ResponseCodeErrorItemNotFound {
				t.Errorf("deleted occurrence: %v", errs)
			}
			// A plain FindItem lists the master only.
			fi := must(f.c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: allShape(), ParentFolderIds: folderIds(dist("calendar")),
				Restriction: &ews.RestrictionType{SearchExpression: &ews.Contains{Path: fieldURI("item:Subject"), Constant: &ews.ConstantValueType{Value: *tc.item.Subject}, ContainmentMode: ptr(ews.ContainmentModeSubstring)}}}))
			if n := len(itemsOf(fi.ResponseMessages.Items[0])); n != 1 {
				t.Errorf("FindItem without CalendarView: %d items, want the master only", n)
			}
		})
	}
}

// TestOccurrenceItemId reads an occurrence by master and index, and the
// master from an occurrence.
func TestOccurrenceItemId(t *testing.T) {
	f := newFixture(t)
	master := createIn(t, f, f.c, "calendar", "", &ews.CalendarItemType{Subject: ptr("Daily"), Start: ptr(xsdt("2026-10-30T12:00:00Z")), End: ptr(xsdt("2026-10-30T12:15:00Z")),
		StartTimeZone: &ews.TimeZoneDefinitionType{Id: ptr("W. Europe Standard Time")},
		Recurrence: &ews.RecurrenceType{DailyRecurrence: &ews.DailyRecurrencePatternType{Interval: 1},
			EndDateRecurrence: &ews.EndDateRecurrenceRangeType{StartDate: xsdate("2026-10-30"), EndDate: xsdate("2026-11-02")}}})[0]
	g := must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{
		&ews.OccurrenceItemIdType{RecurringMasterId: ews.DerivedItemIdType(master.Id), InstanceIndex: 3}}}}))
	noErrors(t, g)
	occ := itemsOf(g.ResponseMessages.Items[0])[0].(*ews.CalendarItemType)
	// 13:00 CET on 2026-11-01, after the October change (12:00Z before).
	if got := occ.Start.Time().UTC().Format(time.RFC3339); got != "2026-11-01T12:00:00Z" || *occ.CalendarItemType != ews.CalendarItemTypeOccurrence {
		t.Errorf("occurrence 3 starts %s (%v), want 2026-11-01T12:00:00Z", got, *occ.CalendarItemType)
	}
	g = must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: idShape(), ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{
		&ews.RecurringMasterItemIdType{OccurrenceId: ews.DerivedItemIdType(occ.ItemId.Id)}}}}))
	noErrors(t, g)
	if id := itemsOf(g.ResponseMessages.Items[0])[0].(*ews.CalendarItemType).ItemId.Id; id != master.Id {
		t.Errorf("RecurringMasterItemId gave %s, want the master %s", id, master.Id)
	}
	if n := len(calendarView(t, f, f.c, "2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z")); n != 4 {
		t.Errorf("%d occurrences, want 4 (Oct 30 to Nov 2)", n)
	}
	g = must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: idShape(), ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{
		&ews.OccurrenceItemIdType{RecurringMasterId: ews.DerivedItemIdType(master.Id), InstanceIndex: 9}}}}))
	if errs := ews.ResponseErrors(g); len(errs) != 1 || errs[0].Code != ews.ResponseCodeErrorItemNotFound {
		t.Errorf("occurrence beyond the series: %v", errs)
	}
}

// TestMeetingRequestAndResponse: alice invites bob; bob gets a request and
// a tentative calendar copy, accepts, and alice sees his answer.
func TestMeetingRequestAndResponse(t *testing.T) {
	f := newFixture(t)
	bobAddr := ews.NonEmptyStringType("bob@example.com")
	id := createIn(t, f, f.c, "calendar", ews.CalendarItemCreateOrDeleteOperationSendToAllAndSaveCopy, &ews.CalendarItemType{
		Subject: ptr("Design review"), Start: ptr(xsdt("2026-06-01T13:00:00Z")), End: ptr(xsdt("2026-06-01T14:00:00Z")), Location: ptr("Room 1"),
		RequiredAttendees: &ews.NonEmptyArrayOfAttendeesType{Attendee: []ews.AttendeeType{{Mailbox: &ews.EmailAddressType{EmailAddress: &bobAddr}}}}})[0]

	inbox := must(f.bob.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: allShape(), ParentFolderIds: folderIds(dist("inbox"))}))
	noErrors(t, inbox)
	var req *ews.MeetingRequestMessageType
	for _, x := range itemsOf(inbox.ResponseMessages.Items[0]) {
		if r, ok := x.(*ews.MeetingRequestMessageType); ok {
			req = r
		}
	}
	if req == nil || *req.Subject != "Design review" || req.AssociatedCalendarItemId == nil || *req.MeetingRequestType != ews.MeetingRequestTypeNewMeetingRequest {
		t.Fatalf("bob's inbox has no meeting request: %+v", req)
	}
	bobCal := calendarView(t, f, f.bob, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z")
	if len(bobCal) != 1 || *bobCal[0].MyResponseType != ews.ResponseTypeNoResponseReceived || *bobCal[0].LegacyFreeBusyStatus != ews.LegacyFreeBusyTentative {
		t.Fatalf("bob's calendar: %s", describe(bobCal))
	}

	acc := must(f.bob.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSendAndSaveCopy),
		Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.AcceptItemType{ReferenceItemId: req.ItemId}}}}))
	noErrors(t, acc)

	bobCal = calendarView(t, f, f.bob, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z")
	if len(bobCal) != 1 || *bobCal[0].MyResponseType != ews.ResponseTypeAccept || *bobCal[0].LegacyFreeBusyStatus != ews.LegacyFreeBusyBusy {
		t.Errorf("bob's calendar after accepting: %+v", bobCal)
	}
	g := must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(id)}))
	noErrors(t, g)
	mine := itemsOf(g.ResponseMessages.Items[0])[0].(*ews.CalendarItemType)
	if a := mine.RequiredAttendees.Attendee[0]; a.ResponseType == nil || *a.ResponseType != ews.ResponseTypeAccept {
		t.Errorf("organizer sees bob's response %v, want Accept", a.ResponseType)
	}
	if *mine.MyResponseType != ews.ResponseTypeOrganizer || !*mine.IsMeeting || !*mine.MeetingRequestWasSent {
		t.Errorf("organizer item: MyResponseType %v IsMeeting %v MeetingRequestWasSent %v", *mine.MyResponseType, *mine.IsMeeting, *mine.MeetingRequestWasSent)
	}
	ai := must(f.c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: allShape(), ParentFolderIds: folderIds(dist("inbox"))}))
	found := false
	for _, x := range itemsOf(ai.ResponseMessages.Items[0]) {
		if r, ok := x.(*ews.MeetingResponseMessageType); ok && *r.Subject == "Accepted: Design review" {
			found = true
		}
	}
	if !found {
		t.Error("no MeetingResponse in the organizer's inbox")
	}

	// Declining removes the meeting from bob's calendar.
	dec := must(f.bob.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSendOnly),
		Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.DeclineItemType{ReferenceItemId: bobCal[0].ItemId}}}}))
	noErrors(t, dec)
	if n := len(calendarView(t, f, f.bob, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z")); n != 0 {
		t.Errorf("bob's calendar after declining: %d items", n)
	}
	g = must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(id)}))
	if a := itemsOf(g.ResponseMessages.Items[0])[0].(*ews.CalendarItemType).RequiredAttendees.Attendee[0]; *a.ResponseType != ews.ResponseTypeDecline {
		t.Errorf("organizer sees %v after the decline", *a.ResponseType)
	}
}

// TestGetUserAvailability: free/busy of two mailboxes, merged in 30-minute
// slots, and an unknown address.
func TestGetUserAvailability(t *testing.T) {
	f := newFixture(t)
	createIn(t, f, f.c, "calendar", "",
		&ews.CalendarItemType{Subject: ptr("Busy hour"), Start: ptr(xsdt("2026-06-02T09:00:00Z")), End: ptr(xsdt("2026-06-02T10:00:00Z"))},
		&ews.CalendarItemType{Subject: ptr("Maybe"), Start: ptr(xsdt("2026-06-02T10:30:00Z")), End: ptr(xsdt("2026-06-02T11:00:00Z")), LegacyFreeBusyStatus: ptr(ews.LegacyFreeBusyTentative)},
		&ews.CalendarItemType{Subject: ptr("Daily"), Start: ptr(xsdt("2026-06-01T11:30:00Z")), End: ptr(xsdt("2026-06-01T12:00:00Z")),
			Recurrence: &ews.RecurrenceType{DailyRecurrence: &ews.DailyRecurrencePatternType{Interval: 1}, NoEndRecurrence: &ews.NoEndRecurrenceRangeType{StartDate: xsdate("2026-06-01")}}})
	view := ews.FreeBusyViewType{ews.FreeBusyViewTypeItemDetailedMerged}
	resp := must(f.c.GetUserAvailability(f.ctx, &ews.GetUserAvailabilityRequest{
		TimeZone: &ews.SerializableTimeZone{Bias: 0, StandardTime: &ews.SerializableTimeZoneTime{Time: "00:00:00", DayOrder: 0, Month: 0, DayOfWeek: ews.DayOfWeekSunday}, DaylightTime: &ews.SerializableTimeZoneTime{Time: "00:00:00", DayOrder: 0, Month: 0, DayOfWeek: ews.DayOfWeekSunday}},
		MailboxDataArray: &ews.ArrayOfMailboxData{MailboxData: []ews.MailboxData{
			{Email: &ews.EmailAddress{Address: "alice@example.com"}, AttendeeType: ews.MeetingAttendeeRequired},
			{Email: &ews.EmailAddress{Address: "bob@example.com"}, AttendeeType: ews.MeetingAttendeeRequired},
			{Email: &ews.EmailAddress{Address: "nobody@example.com"}, AttendeeType: ews.MeetingAttendeeRequired}}},
		FreeBusyViewOptions: &ews.FreeBusyViewOptionsType{TimeWindow: &ews.Duration{StartTime: ews.XSDateTime{Year: 2026, Month: 6, Day: 2, Hour: 8}, EndTime: ews.XSDateTime{Year: 2026, Month: 6, Day: 2, Hour: 12}},
			MergedFreeBusyIntervalInMinutes: ptr(int32(30)), RequestedView: &view}}))
	fr := resp.FreeBusyResponseArray.FreeBusyResponse
	if len(fr) != 3 {
		t.Fatalf("%d answers", len(fr))
	}
	alice := fr[0].FreeBusyView
	// 08:00 … 12:00 in 30-minute slots: busy 09:00-10:00, tentative
	// 10:30-11:00, busy 11:30-12:00 (the daily series).
	if got, want := *alice.MergedFreeBusy, "00220102"; got != want {
		t.Errorf("alice merged free/busy %s, want %s", got, want)
	}
	if n := len(alice.CalendarEventArray.CalendarEvent); n != 3 {
		t.Errorf("alice has %d events, want 3", n)
	}
	ev := alice.CalendarEventArray.CalendarEvent[0]
	if ev.StartTime.String() != "2026-06-02T09:00:00" || ev.BusyType != ews.LegacyFreeBusyBusy || ev.CalendarEventDetails == nil || *ev.CalendarEventDetails.Subject != "Busy hour" {
		t.Errorf("first event %s %s %+v", ev.StartTime, ev.BusyType, ev.CalendarEventDetails)
	}
	if !alice.CalendarEventArray.CalendarEvent[2].CalendarEventDetails.IsRecurring {
		t.Error("the daily occurrence is not marked recurring")
	}
	if got := *fr[1].FreeBusyView.MergedFreeBusy; got != "00000000" {
		t.Errorf("bob merged free/busy %s, want all free", got)
	}
	if fr[2].ResponseMessage.ResponseCode == nil || *fr[2].ResponseMessage.ResponseCode != ews.ResponseCodeErrorMailRecipientNotFound {
		t.Errorf("unknown mailbox: %+v", fr[2].ResponseMessage)
	}
}

// TestCalendarViewZoneByDefinition: a StartTimeZone whose id is not a
// Windows zone is read from its periods and transitions.
func TestCalendarViewZoneByDefinition(t *testing.T) {
	f := newFixture(t)
	defs, err := timeZoneDefinitions()
	if err != nil {
		t.Fatal(err)
	}
	var eastern ews.TimeZoneDefinitionType
	for _, d := range defs {
		if *d.Id == "Eastern Standard Time" {
			eastern = copyAny(d)
		}
	}
	eastern.Id = ptr("Custom Eastern")
	createIn(t, f, f.c, "calendar", "", &ews.CalendarItemType{Subject: ptr("Custom zone"), Start: ptr(xsdt("2026-10-22T13:00:00Z")), End: ptr(xsdt("2026-10-22T13:30:00Z")),
		StartTimeZone: &eastern,
		Recurrence: &ews.RecurrenceType{WeeklyRecurrence: &ews.WeeklyRecurrencePatternType{Interval: 1, DaysOfWeek: ews.DaysOfWeekType{ews.DayOfWeekThursday}},
			NumberedRecurrence: &ews.NumberedRecurrenceRangeType{StartDate: xsdate("2026-10-22"), NumberOfOccurrences: 4}}})
	var got []string
	for _, c := range calendarView(t, f, f.c, "2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z") {
		got = append(got, c.Start.Time().UTC().Format("01-02T15:04"))
	}
	// 09:00 EDT is 13:00Z; after the change on Sunday 2026-11-01, 09:00 EST
	// is 14:00Z.
	if want := "10-22T13:00 10-29T13:00 11-05T14:00 11-12T14:00"; strings.Join(got, " ") != want {
		t.Errorf("starts %v, want %s", got, want)
	}
}

// TestRecurrencePatterns expands each pattern in UTC.
func TestRecurrencePatterns(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name  string
		start string
		rec   *ews.RecurrenceType
		want  string
	}{
		{"every other day", "2026-01-30", &ews.RecurrenceType{DailyRecurrence: &ews.DailyRecurrencePatternType{Interval: 2},
			NumberedRecurrence: &ews.NumberedRecurrenceRangeType{StartDate: xsdate("2026-01-30"), NumberOfOccurrences: 3}}, "01-30 02-01 02-03"},
		{"every other week, Monday and Friday", "2026-01-05", &ews.RecurrenceType{WeeklyRecurrence: &ews.WeeklyRecurrencePatternType{Interval: 2, DaysOfWeek: ews.DaysOfWeekType{ews.DayOfWeekMonday, ews.DayOfWeekFriday}, FirstDayOfWeek: ptr(ews.DayOfWeekMonday)},
			EndDateRecurrence: &ews.EndDateRecurrenceRangeType{StartDate: xsdate("2026-01-05"), EndDate: xsdate("2026-01-31")}}, "01-05 01-09 01-19 01-23"},
		{"day 31 of each month", "2026-01-31", &ews.RecurrenceType{AbsoluteMonthlyRecurrence: &ews.AbsoluteMonthlyRecurrencePatternType{Interval: 1, DayOfMonth: 31},
			NumberedRecurrence: &ews.NumberedRecurrenceRangeType{StartDate: xsdate("2026-01-31"), NumberOfOccurrences: 3}}, "01-31 02-28 03-31"},
		{"second Tuesday every third month", "2026-01-13", &ews.RecurrenceType{RelativeMonthlyRecurrence: &ews.RelativeMonthlyRecurrencePatternType{Interval: 3, DaysOfWeek: ews.DayOfWeekTuesday, DayOfWeekIndex: ews.DayOfWeekIndexSecond},
			NumberedRecurrence: &ews.NumberedRecurrenceRangeType{StartDate: xsdate("2026-01-01"), NumberOfOccurrences: 3}}, "01-13 04-14 07-14"},
		{"last weekday of the month", "2026-01-30", &ews.RecurrenceType{RelativeMonthlyRecurrence: &ews.RelativeMonthlyRecurrencePatternType{Interval: 1, DaysOfWeek: ews.DayOfWeekWeekday, DayOfWeekIndex: ews.DayOfWeekIndexLast},
			NumberedRecurrence: &ews.NumberedRecurrenceRangeType{StartDate: xsdate("2026-01-01"), NumberOfOccurrences: 3}}, "01-30 02-27 03-31"},
		{"yearly on 29 February", "2024-02-29", &ews.RecurrenceType{AbsoluteYearlyRecurrence: &ews.AbsoluteYearlyRecurrencePatternType{DayOfMonth: 29, Month: ews.MonthNamesFebruary},
			NumberedRecurrence: &ews.NumberedRecurrenceRangeType{StartDate: xsdate("2024-02-29"), NumberOfOccurrences: 3}}, "2024-02-29 2025-02-28 2026-02-28"},
		{"last Friday of November", "2026-11-27", &ews.RecurrenceType{RelativeYearlyRecurrence: &ews.RelativeYearlyRecurrencePatternType{DaysOfWeek: ews.DayOfWeekFriday, DayOfWeekIndex: ews.DayOfWeekIndexLast, Month: ews.MonthNamesNovember},
			NumberedRecurrence: &ews.NumberedRecurrenceRangeType{StartDate: xsdate("2026-01-01"), NumberOfOccurrences: 2}}, "2026-11-27 2027-11-26"},
	}
	for i, tc := range cases {
		subject := fmt.Sprintf("pattern %d", i)
		createIn(t, f, f.c, "calendar", "", &ews.CalendarItemType{Subject: ptr(subject), Start: ptr(xsdt(tc.start + "T10:00:00Z")), End: ptr(xsdt(tc.start + "T11:00:00Z")), Recurrence: tc.rec})
		var got []string
		for _, c := range calendarView(t, f, f.c, "2024-01-01T00:00:00Z", "2028-01-01T00:00:00Z") {
			if *c.Subject == subject {
				layout := "01-02"
				if strings.Count(tc.want, "-") > strings.Count(tc.want, " ")+1 {
					layout = "2006-01-02"
				}
				got = append(got, c.Start.Time().UTC().Format(layout))
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, got, tc.want)
		}
	}
}

// TestGetUserAvailabilityLocalTimes: the window and the event times are
// wall-clock times of the request's zone, daylight time included.
func TestGetUserAvailabilityLocalTimes(t *testing.T) {
	f := newFixture(t)
	createIn(t, f, f.c, "calendar", "",
		&ews.CalendarItemType{Subject: ptr("Summer"), Start: ptr(xsdt("2026-06-02T13:00:00Z")), End: ptr(xsdt("2026-06-02T14:00:00Z"))},
		&ews.CalendarItemType{Subject: ptr("Winter"), Start: ptr(xsdt("2026-12-02T14:00:00Z")), End: ptr(xsdt("2026-12-02T15:00:00Z"))})
	// Eastern time as Exchange clients send it: UTC = local + 300 min,
	// daylight (-60) from the second Sunday of March to the first Sunday
	// of November.
	eastern := &ews.SerializableTimeZone{Bias: 300,
		StandardTime: &ews.SerializableTimeZoneTime{Bias: 0, Time: "02:00:00", DayOrder: 1, Month: 11, DayOfWeek: ews.DayOfWeekSunday},
		DaylightTime: &ews.SerializableTimeZoneTime{Bias: -60, Time: "02:00:00", DayOrder: 2, Month: 3, DayOfWeek: ews.DayOfWeekSunday}}
	view := ews.FreeBusyViewType{ews.FreeBusyViewTypeItemFreeBusy}
	for _, tc := range []struct{ day, want string }{{"2026-06-02", "2026-06-02T09:00:00"}, {"2026-12-02", "2026-12-02T09:00:00"}} {
		var d ews.XSDateTime
		d = xsdt(tc.day + "T00:00:00Z")
		d.Zone = ""
		e := d
		e.Day++
		resp := must(f.c.GetUserAvailability(f.ctx, &ews.GetUserAvailabilityRequest{TimeZone: eastern,
			MailboxDataArray:    &ews.ArrayOfMailboxData{MailboxData: []ews.MailboxData{{Email: &ews.EmailAddress{Address: "alice@example.com"}, AttendeeType: ews.MeetingAttendeeRequired}}},
			FreeBusyViewOptions: &ews.FreeBusyViewOptionsType{TimeWindow: &ews.Duration{StartTime: d, EndTime: e}, RequestedView: &view}}))
		evs := resp.FreeBusyResponseArray.FreeBusyResponse[0].FreeBusyView.CalendarEventArray
		if evs == nil || len(evs.CalendarEvent) != 1 || evs.CalendarEvent[0].StartTime.String() != tc.want {
			t.Errorf("%s: events %+v, want one at %s local", tc.day, evs, tc.want)
		}
	}
}

// TestMeetingCancellation: alice cancels a meeting bob accepted; bob gets a
// MeetingCancellation, his copy is marked cancelled, and RemoveItem takes
// it off his calendar.
func TestMeetingCancellation(t *testing.T) {
	f := newFixture(t)
	bobAddr := ews.NonEmptyStringType("bob@example.com")
	id := createIn(t, f, f.c, "calendar", ews.CalendarItemCreateOrDeleteOperationSendToAllAndSaveCopy, &ews.CalendarItemType{
		Subject: ptr("Offsite"), Start: ptr(xsdt("2026-09-01T13:00:00Z")), End: ptr(xsdt("2026-09-01T17:00:00Z")),
		RequiredAttendees: &ews.NonEmptyArrayOfAttendeesType{Attendee: []ews.AttendeeType{{Mailbox: &ews.EmailAddressType{EmailAddress: &bobAddr}}}}})[0]
	bobView := func() []*ews.CalendarItemType {
		return calendarView(t, f, f.bob, "2026-09-01T00:00:00Z", "2026-09-02T00:00:00Z")
	}
	noErrors(t, must(f.bob.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSendAndSaveCopy),
		Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.AcceptItemType{ReferenceItemId: bobView()[0].ItemId}}}})))

	if c := codeOf(t)(bodyElem(f.bob.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSendAndSaveCopy),
		Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.CancelCalendarItemType{ReferenceItemId: bobView()[0].ItemId}}}}))); c != "ErrorInvalidReferenceItem" {
		t.Errorf("an attendee cancelling: %s", c)
	}
	noErrors(t, must(f.c.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSendAndSaveCopy),
		Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.CancelCalendarItemType{ReferenceItemId: id}}}})))
	if n := len(calendarView(t, f, f.c, "2026-09-01T00:00:00Z", "2026-09-02T00:00:00Z")); n != 0 {
		t.Errorf("organizer's calendar keeps %d items", n)
	}
	v := bobView()
	if len(v) != 1 || !*v[0].IsCancelled || *v[0].Subject != "Canceled: Offsite" {
		t.Fatalf("bob's calendar after the cancellation: %s", describe(v))
	}
	inbox := must(f.bob.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: allShape(), ParentFolderIds: folderIds(dist("inbox"))}))
	var cancel *ews.MeetingCancellationMessageType
	for _, x := range itemsOf(inbox.ResponseMessages.Items[0]) {
		if c, ok := x.(*ews.MeetingCancellationMessageType); ok {
			cancel = c
		}
	}
	if cancel == nil || *cancel.Subject != "Canceled: Offsite" {
		t.Fatalf("no cancellation in bob's inbox")
	}
	noErrors(t, must(f.bob.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
		Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.RemoveItemType{ReferenceItemId: cancel.ItemId}}}})))
	if n := len(bobView()); n != 0 {
		t.Errorf("bob's calendar keeps %d items after RemoveItem", n)
	}
}

// TestDeleteMeetingSendsCancellations: deleting a meeting with
// SendMeetingCancellations cancels it for the attendees.
func TestDeleteMeetingSendsCancellations(t *testing.T) {
	f := newFixture(t)
	bobAddr := ews.NonEmptyStringType("bob@example.com")
	id := createIn(t, f, f.c, "calendar", ews.CalendarItemCreateOrDeleteOperationSendOnlyToAll, &ews.CalendarItemType{
		Subject: ptr("Retro"), Start: ptr(xsdt("2026-09-03T13:00:00Z")), End: ptr(xsdt("2026-09-03T14:00:00Z")),
		RequiredAttendees: &ews.NonEmptyArrayOfAttendeesType{Attendee: []ews.AttendeeType{{Mailbox: &ews.EmailAddressType{EmailAddress: &bobAddr}}}}})[0]
	noErrors(t, must(f.c.DeleteItem(f.ctx, &ews.DeleteItem{DeleteType: ews.DisposalMoveToDeletedItems, SendMeetingCancellations: ptr(ews.CalendarItemCreateOrDeleteOperationSendToAllAndSaveCopy), ItemIds: itemIds(id)})))
	v := calendarView(t, f, f.bob, "2026-09-03T00:00:00Z", "2026-09-04T00:00:00Z")
	if len(v) != 1 || !*v[0].IsCancelled {
		t.Fatalf("bob's copy after the organizer deleted the meeting: %s", describe(v))
	}
	sent := must(f.c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(dist("sentitems"))}))
	found := false
	for _, x := range itemsOf(sent.ResponseMessages.Items[0]) {
		_, ok := x.(*ews.MeetingCancellationMessageType)
		found = found || ok
	}
	if !found {
		t.Error("no cancellation saved in Sent Items")
	}
}

// TestMeetingUpdate: the organizer moves a meeting with
// SendMeetingInvitationsOrCancellations; the attendee gets a FullUpdate
// request and its copy moves and awaits a new answer.
func TestMeetingUpdate(t *testing.T) {
	f := newFixture(t)
	bobAddr := ews.NonEmptyStringType("bob@example.com")
	id := createIn(t, f, f.c, "calendar", ews.CalendarItemCreateOrDeleteOperationSendToAllAndSaveCopy, &ews.CalendarItemType{
		Subject: ptr("Planning"), Start: ptr(xsdt("2026-09-07T13:00:00Z")), End: ptr(xsdt("2026-09-07T14:00:00Z")),
		RequiredAttendees: &ews.NonEmptyArrayOfAttendeesType{Attendee: []ews.AttendeeType{{Mailbox: &ews.EmailAddressType{EmailAddress: &bobAddr}}}}})[0]
	noErrors(t, must(f.c.UpdateItem(f.ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, SendMeetingInvitationsOrCancellations: ptr(ews.CalendarItemUpdateOperationSendToAllAndSaveCopy),
		ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: id, Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{
			&ews.SetItemFieldType{Path: fieldURI("calendar:Start"), CalendarItem: &ews.CalendarItemType{Start: ptr(xsdt("2026-09-08T13:00:00Z"))}},
			&ews.SetItemFieldType{Path: fieldURI("calendar:End"), CalendarItem: &ews.CalendarItemType{End: ptr(xsdt("2026-09-08T14:00:00Z"))}},
		}}}}}})))
	v := calendarView(t, f, f.bob, "2026-09-07T00:00:00Z", "2026-09-09T00:00:00Z")
	if len(v) != 1 || v[0].Start.Time().UTC().Day() != 8 || *v[0].MyResponseType != ews.ResponseTypeNoResponseReceived {
		t.Fatalf("bob's calendar after the update: %s", describe(v))
	}
	inbox := must(f.bob.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: allShape(), ParentFolderIds: folderIds(dist("inbox"))}))
	var kinds []string
	for _, x := range itemsOf(inbox.ResponseMessages.Items[0]) {
		if r, ok := x.(*ews.MeetingRequestMessageType); ok {
			kinds = append(kinds, string(*r.MeetingRequestType))
		}
	}
	sort.Strings(kinds)
	if strings.Join(kinds, " ") != "FullUpdate NewMeetingRequest" {
		t.Errorf("bob's requests: %v", kinds)
	}
}
