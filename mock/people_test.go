package mock

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
)

const directorySeed = `{"mailboxes": [
  {"address": "alice@example.com", "name": "Alice Smith"},
  {"address": "bob@example.com", "name": "Bob Jones"},
  {"address": "carol@example.com", "name": "Carol White"}],
 "directory": {
  "distributionLists": [
    {"address": "team@example.com", "name": "Team", "members": ["alice@example.com", "bob@example.com", "staff@example.com", "partner@example.org"]},
    {"address": "staff@example.com", "name": "Staff", "members": ["carol@example.com"]}],
  "roomLists": [{"address": "building1@example.com", "name": "Building 1",
                 "rooms": [{"address": "room1@example.com", "name": "Room 1"}, {"address": "room2@example.com"}]}]}}`

// newDirectoryFixture serves directorySeed; alice and bob log in.
func newDirectoryFixture(t *testing.T) *fixture {
	t.Helper()
	var sd Seed
	if err := jsonUnmarshal(directorySeed, &sd); err != nil {
		t.Fatal(err)
	}
	f := &fixture{ctx: context.Background()}
	srv, err := New(Options{Users: []User{{Name: "alice", Password: "pw"}, {Name: "bob", Password: "bob-pw"}}, Seed: &sd})
	if err != nil {
		t.Fatal(err)
	}
	f.srv = srv
	f.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(f.ts.Close)
	f.c = testClient(f.ts.URL, "alice", "pw")
	f.bob = testClient(f.ts.URL, "bob", "bob-pw")
	return f
}

func addrOf(e ews.EmailAddressType) string { return string(*e.EmailAddress) }

func TestExpandDLAndRooms(t *testing.T) {
	f := newDirectoryFixture(t)
	team := ews.NonEmptyStringType("team@example.com")
	resp := must(f.c.ExpandDL(f.ctx, &ews.ExpandDL{Mailbox: &ews.EmailAddressType{EmailAddress: &team}}))
	noErrors(t, resp)
	m := resp.ResponseMessages.Items[0].(*ews.ExpandDLResponseMessageType)
	var got []string
	for _, e := range m.DLExpansion.Mailbox {
		got = append(got, addrOf(e)+"/"+string(*e.MailboxType))
	}
	want := "alice@example.com/Mailbox bob@example.com/Mailbox staff@example.com/PublicDL partner@example.org/OneOff"
	if strings.Join(got, " ") != want {
		t.Errorf("ExpandDL team: %v, want %s", got, want)
	}
	nobody := ews.NonEmptyStringType("nobody@example.com")
	if c := codeOf(t)(bodyElem(f.c.ExpandDL(f.ctx, &ews.ExpandDL{Mailbox: &ews.EmailAddressType{EmailAddress: &nobody}}))); c != "ErrorNameResolutionNoResults" {
		t.Errorf("ExpandDL of an unknown list: %s", c)
	}

	rl := must(f.c.GetRoomLists(f.ctx, &ews.GetRoomLists{}))
	if len(rl.RoomLists.Address) != 1 || addrOf(rl.RoomLists.Address[0]) != "building1@example.com" {
		t.Fatalf("room lists %+v", rl.RoomLists)
	}
	b1 := ews.NonEmptyStringType("building1@example.com")
	rooms := must(f.c.GetRooms(f.ctx, &ews.GetRooms{RoomList: &ews.EmailAddressType{EmailAddress: &b1}}))
	if len(rooms.Rooms.Room) != 2 || addrOf(*rooms.Rooms.Room[0].Id) != "room1@example.com" || *rooms.Rooms.Room[1].Id.Name != "Room2" {
		t.Errorf("rooms %+v", rooms.Rooms)
	}
	if _, err := f.c.GetRooms(f.ctx, &ews.GetRooms{RoomList: &ews.EmailAddressType{EmailAddress: &nobody}}); !errors.Is(err, ews.ResponseCodeErrorNameResolutionNoResults) {
		t.Errorf("GetRooms of an unknown list: %v", err)
	}
	// A room has a mailbox, so its free/busy can be asked for.
	view := ews.FreeBusyViewType{ews.FreeBusyViewTypeItemFreeBusy}
	av := must(f.c.GetUserAvailability(f.ctx, &ews.GetUserAvailabilityRequest{
		MailboxDataArray:    &ews.ArrayOfMailboxData{MailboxData: []ews.MailboxData{{Email: &ews.EmailAddress{Address: "room1@example.com"}, AttendeeType: ews.MeetingAttendeeRoom}}},
		FreeBusyViewOptions: &ews.FreeBusyViewOptionsType{TimeWindow: &ews.Duration{StartTime: xsdt("2026-06-01T00:00:00Z"), EndTime: xsdt("2026-06-02T00:00:00Z")}, RequestedView: &view}}))
	if rc := av.FreeBusyResponseArray.FreeBusyResponse[0].ResponseMessage.ResponseCode; rc == nil || *rc != ews.ResponseCodeNoError {
		t.Errorf("room availability: %v", rc)
	}
}

// TestDelegates: alice makes bob an Editor of her calendar and a Reviewer
// of her Inbox; bob's access follows the grants, and ends with
// RemoveDelegate.
func TestDelegates(t *testing.T) {
	f := newDirectoryFixture(t)
	bobID := func() *ews.UserIdType { return &ews.UserIdType{PrimarySmtpAddress: ptr("bob@example.com")} }
	add := must(f.c.AddDelegate(f.ctx, &ews.AddDelegate{Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))},
		DelegateUsers: &ews.ArrayOfDelegateUserType{DelegateUser: []ews.DelegateUserType{{UserId: bobID(), ReceiveCopiesOfMeetingMessages: ptr(true),
			DelegatePermissions: &ews.DelegatePermissionsType{CalendarFolderPermissionLevel: ptr(ews.DelegateFolderPermissionLevelEditor), InboxFolderPermissionLevel: ptr(ews.DelegateFolderPermissionLevelReviewer)}}}},
		DeliverMeetingRequests: ptr(ews.DeliverMeetingRequestsDelegatesAndSendInformationToMe)}))
	if *add.ResponseCode != ews.ResponseCodeNoError || *add.ResponseMessages.DelegateUserResponseMessageType[0].ResponseCode != ews.ResponseCodeNoError {
		t.Fatalf("AddDelegate: %+v", add.ResponseMessages.DelegateUserResponseMessageType[0])
	}
	again := must(f.c.AddDelegate(f.ctx, &ews.AddDelegate{Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))},
		DelegateUsers: &ews.ArrayOfDelegateUserType{DelegateUser: []ews.DelegateUserType{{UserId: bobID()}}}}))
	if c := *again.ResponseMessages.DelegateUserResponseMessageType[0].ResponseCode; c != ews.ResponseCodeErrorDelegateAlreadyExists {
		t.Errorf("second AddDelegate: %s", c)
	}

	got := must(f.c.GetDelegate(f.ctx, &ews.GetDelegate{IncludePermissions: true, Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}}))
	d := got.ResponseMessages.DelegateUserResponseMessageType[0].DelegateUser
	if *d.UserId.PrimarySmtpAddress != "bob@example.com" || *d.DelegatePermissions.CalendarFolderPermissionLevel != ews.DelegateFolderPermissionLevelEditor ||
		*d.DelegatePermissions.InboxFolderPermissionLevel != ews.DelegateFolderPermissionLevelReviewer || *d.DelegatePermissions.TasksFolderPermissionLevel != ews.DelegateFolderPermissionLevelNone ||
		!*d.ReceiveCopiesOfMeetingMessages || *got.DeliverMeetingRequests != ews.DeliverMeetingRequestsDelegatesAndSendInformationToMe {
		t.Errorf("GetDelegate: %+v %+v", d, d.DelegatePermissions)
	}

	// Bob, an Editor of alice's calendar, creates an item there; as a
	// Reviewer of her Inbox he cannot.
	aliceCal := &ews.TargetFolderIdType{DistinguishedFolderId: &ews.DistinguishedFolderIdType{Id: "calendar", Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}}}
	aliceInbox := &ews.TargetFolderIdType{DistinguishedFolderId: &ews.DistinguishedFolderIdType{Id: "inbox", Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}}}
	cr := must(f.bob.CreateItem(f.ctx, &ews.CreateItem{SavedItemFolderId: aliceCal, Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{
		&ews.CalendarItemType{Subject: ptr("Booked by Bob"), Start: ptr(xsdt("2026-06-03T09:00:00Z")), End: ptr(xsdt("2026-06-03T10:00:00Z"))}}}}))
	noErrors(t, cr)
	if c := codeOf(t)(bodyElem(f.bob.CreateItem(f.ctx, &ews.CreateItem{SavedItemFolderId: aliceInbox, Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr("x")}}}}))); c != "ErrorCreateItemAccessDenied" {
		t.Errorf("bob creating in alice's Inbox as Reviewer: %s", c)
	}

	up := must(f.c.UpdateDelegate(f.ctx, &ews.UpdateDelegate{Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))},
		DelegateUsers: &ews.ArrayOfDelegateUserType{DelegateUser: []ews.DelegateUserType{{UserId: bobID(), DelegatePermissions: &ews.DelegatePermissionsType{InboxFolderPermissionLevel: ptr(ews.DelegateFolderPermissionLevelAuthor)}}}}}))
	if c := *up.ResponseMessages.DelegateUserResponseMessageType[0].ResponseCode; c != ews.ResponseCodeNoError {
		t.Fatalf("UpdateDelegate: %s", c)
	}
	if p := up.ResponseMessages.DelegateUserResponseMessageType[0].DelegateUser.DelegatePermissions; *p.InboxFolderPermissionLevel != ews.DelegateFolderPermissionLevelAuthor || *p.CalendarFolderPermissionLevel != ews.DelegateFolderPermissionLevelEditor {
		t.Errorf("after UpdateDelegate: inbox %s calendar %s", *p.InboxFolderPermissionLevel, *p.CalendarFolderPermissionLevel)
	}
	noErrors(t, must(f.bob.CreateItem(f.ctx, &ews.CreateItem{SavedItemFolderId: aliceInbox, Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr("x")}}}})))

	rm := must(f.c.RemoveDelegate(f.ctx, &ews.RemoveDelegate{Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))},
		UserIds: &ews.ArrayOfUserIdType{UserId: []ews.UserIdType{*bobID(), {PrimarySmtpAddress: ptr("carol@example.com")}}}}))
	codes := []ews.ResponseCodeType{*rm.ResponseMessages.DelegateUserResponseMessageType[0].ResponseCode, *rm.ResponseMessages.DelegateUserResponseMessageType[1].ResponseCode}
	if codes[0] != ews.ResponseCodeNoError || codes[1] != ews.ResponseCodeErrorNotDelegate {
		t.Errorf("RemoveDelegate codes %v", codes)
	}
	if c := codeOf(t)(bodyElem(f.bob.CreateItem(f.ctx, &ews.CreateItem{SavedItemFolderId: aliceCal, Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.CalendarItemType{Subject: ptr("y")}}}}))); c != "ErrorAccessDenied" && c != "ErrorCreateItemAccessDenied" {
		t.Errorf("bob after RemoveDelegate: %s", c)
	}
	if got := must(f.c.GetDelegate(f.ctx, &ews.GetDelegate{Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}})); got.ResponseMessages != nil {
		t.Errorf("delegates left: %+v", got.ResponseMessages)
	}
	// Another user's delegates are not bob's to manage.
	_, err := f.bob.GetDelegate(f.ctx, &ews.GetDelegate{Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}})
	if !errors.Is(err, ews.ResponseCodeErrorAccessDenied) {
		t.Errorf("bob reading alice's delegates: %v", err)
	}
}

// codeOf is code for the results of a call.
func codeOf(t *testing.T) func(ews.BodyElement, error) string {
	return func(resp ews.BodyElement, err error) string {
		t.Helper()
		return code(t, resp, err)
	}
}

func TestResolveNamesFindsDistributionLists(t *testing.T) {
	f := newDirectoryFixture(t)
	resp := must(f.c.ResolveNames(f.ctx, &ews.ResolveNames{UnresolvedEntry: "team", SearchScope: ptr(ews.ResolveNamesSearchScopeActiveDirectory)}))
	noErrors(t, resp)
	r := resp.ResponseMessages.Items[0].(*ews.ResolveNamesResponseMessageType).ResolutionSet.Resolution
	if len(r) != 1 || addrOf(*r[0].Mailbox) != "team@example.com" || *r[0].Mailbox.MailboxType != ews.MailboxTypePublicDL {
		t.Errorf("resolutions %+v", r)
	}
}

// TestDelegatesConcurrent changes delegates while the delegate reads the
// calendar and others expand series and ask for free/busy (run with -race).
func TestDelegatesConcurrent(t *testing.T) {
	f := newDirectoryFixture(t)
	createIn(t, f, f.c, "calendar", "", &ews.CalendarItemType{Subject: ptr("Daily"), Start: ptr(xsdt("2026-06-01T09:00:00Z")), End: ptr(xsdt("2026-06-01T09:30:00Z")),
		Recurrence: &ews.RecurrenceType{DailyRecurrence: &ews.DailyRecurrencePatternType{Interval: 1}, NoEndRecurrence: &ews.NoEndRecurrenceRangeType{StartDate: xsdate("2026-06-01")}}})
	aliceCal := folderIds(&ews.DistinguishedFolderIdType{Id: "calendar", Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}})
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				var err error
				switch g {
				case 0:
					_, err = f.c.AddDelegate(f.ctx, &ews.AddDelegate{Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}, DelegateUsers: &ews.ArrayOfDelegateUserType{DelegateUser: []ews.DelegateUserType{{UserId: &ews.UserIdType{PrimarySmtpAddress: ptr("bob@example.com")},
						DelegatePermissions: &ews.DelegatePermissionsType{CalendarFolderPermissionLevel: ptr(ews.DelegateFolderPermissionLevelReviewer)}}}}})
					if err == nil {
						_, err = f.c.RemoveDelegate(f.ctx, &ews.RemoveDelegate{Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}, UserIds: &ews.ArrayOfUserIdType{UserId: []ews.UserIdType{{PrimarySmtpAddress: ptr("bob@example.com")}}}})
					}
				case 1:
					_, err = f.bob.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: aliceCal,
						CalendarView: &ews.CalendarViewType{StartDate: xsdt("2026-06-01T00:00:00Z"), EndDate: xsdt("2026-06-08T00:00:00Z")}})
				case 2:
					_, err = f.c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: allShape(), ParentFolderIds: folderIds(dist("calendar")),
						CalendarView: &ews.CalendarViewType{StartDate: xsdt("2026-06-01T00:00:00Z"), EndDate: xsdt("2026-07-01T00:00:00Z")}})
				case 3:
					view := ews.FreeBusyViewType{ews.FreeBusyViewTypeItemFreeBusyMerged}
					_, err = f.bob.GetUserAvailability(f.ctx, &ews.GetUserAvailabilityRequest{
						MailboxDataArray:    &ews.ArrayOfMailboxData{MailboxData: []ews.MailboxData{{Email: &ews.EmailAddress{Address: "alice@example.com"}, AttendeeType: ews.MeetingAttendeeRequired}}},
						FreeBusyViewOptions: &ews.FreeBusyViewOptionsType{TimeWindow: &ews.Duration{StartTime: xsdt("2026-06-01T00:00:00Z"), EndTime: xsdt("2026-06-15T00:00:00Z")}, RequestedView: &view}})
				}
				if err != nil && !errors.Is(err, ews.ResponseCodeErrorAccessDenied) {
					errs <- err
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
