package mock

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// persistedFixture is a fixture whose server keeps its store in path.
func persistedFixture(t *testing.T, path string, opts ...func(*Options)) *fixture {
	t.Helper()
	srv, c, stop := persisted(t, path, opts...)
	t.Cleanup(stop)
	return &fixture{srv: srv, c: c, ctx: context.Background()}
}

// answer returns a function giving the XML of a response, to compare
// answers before and after a restart.
func answer(t *testing.T) func(ews.BodyElement, error) string {
	return func(resp ews.BodyElement, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return string(ews.Marshal(resp))
	}
}

// restartReads are the reads whose answers must be the same before and
// after a restart, each with a text the answer must hold (so that two
// empty answers do not pass).
type restartRead struct {
	name, holds string
	read        func(t *testing.T, f *fixture) string
}

// TestPersistRestartKeepsState changes every kind of state through the
// client, restarts the server from its data file, and reads it back: IM
// lists, Out of Office, delegates, user configurations, Inbox rules,
// recurring series with a modified and a deleted occurrence, permissions
// on a folder of the user's own, attachments, extended properties, MIME
// content, sync states, pull subscriptions and the password date.
func TestPersistRestartKeepsState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.json")
	f := persistedFixture(t, path)
	ctx := f.ctx
	aliceAddr := &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}

	// IM list.
	g := must(f.c.AddImGroup(ctx, &ews.AddImGroup{DisplayName: "Friends"}))
	must(f.c.AddNewImContactToGroup(ctx, &ews.AddNewImContactToGroup{ImAddress: "sip:dave@example.com", DisplayName: ptr(ews.NonEmptyStringType("Dave")), GroupId: g.ImGroup.ExchangeStoreId}))
	// Out of Office.
	must(f.c.SetUserOofSettings(ctx, &ews.SetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: "alice@example.com"}, UserOofSettings: &ews.UserOofSettings{
		OofState: ews.OofStateScheduled, ExternalAudience: ews.ExternalAudienceKnown,
		Duration:      &ews.Duration{StartTime: xsdt("2026-07-01T00:00:00Z"), EndTime: xsdt("2026-07-15T00:00:00Z")},
		InternalReply: &ews.ReplyBody{Message: ptr("On holiday")}, ExternalReply: &ews.ReplyBody{Message: ptr("Away")}}}))
	// Delegates.
	add := must(f.c.AddDelegate(ctx, &ews.AddDelegate{Mailbox: aliceAddr,
		DelegateUsers: &ews.ArrayOfDelegateUserType{DelegateUser: []ews.DelegateUserType{{UserId: &ews.UserIdType{PrimarySmtpAddress: ptr("bob@example.com")}, ReceiveCopiesOfMeetingMessages: ptr(true),
			DelegatePermissions: &ews.DelegatePermissionsType{CalendarFolderPermissionLevel: ptr(ews.DelegateFolderPermissionLevelEditor)}}}},
		DeliverMeetingRequests: ptr(ews.DeliverMeetingRequestsDelegatesAndSendInformationToMe)}))
	if *add.ResponseCode != ews.ResponseCodeNoError {
		t.Fatalf("AddDelegate: %s", *add.ResponseCode)
	}
	// User configuration, created then updated.
	cfgName := func() *ews.UserConfigurationNameType {
		return &ews.UserConfigurationNameType{Name: "ewsmock.Test", DistinguishedFolderId: dist("inbox")}
	}
	noErrors(t, must(f.c.CreateUserConfiguration(ctx, &ews.CreateUserConfiguration{UserConfiguration: &ews.UserConfigurationType{UserConfigurationName: cfgName(),
		Dictionary: &ews.UserConfigurationDictionaryType{DictionaryEntry: []ews.UserConfigurationDictionaryEntryType{{
			DictionaryKey:   &ews.UserConfigurationDictionaryObjectType{Type: ews.UserConfigurationDictionaryObjectTypesString, Value: []string{"color"}},
			DictionaryValue: &ews.UserConfigurationDictionaryObjectType{Type: ews.UserConfigurationDictionaryObjectTypesString, Value: []string{"blue"}}}}},
		XmlData: []byte("<a/>")}})))
	noErrors(t, must(f.c.UpdateUserConfiguration(ctx, &ews.UpdateUserConfiguration{UserConfiguration: &ews.UserConfigurationType{UserConfigurationName: cfgName(), BinaryData: []byte{1, 2, 3}}})))
	// Inbox rules.
	rule := func(name string, prio int32) *ews.RuleType {
		return &ews.RuleType{DisplayName: name, Priority: prio, IsEnabled: true,
			Conditions: &ews.RulePredicatesType{ContainsSubjectStrings: &ews.ArrayOfStringsType{String: []string{name}}},
			Actions:    &ews.RuleActionsType{MarkAsRead: ptr(true)}}
	}
	must(f.c.UpdateInboxRules(ctx, &ews.UpdateInboxRules{Operations: &ews.ArrayOfRuleOperationsType{Items: []ews.ArrayOfRuleOperationsTypeChoice{
		&ews.CreateRuleOperationType{Rule: rule("second", 2)}, &ews.CreateRuleOperationType{Rule: rule("first", 1)}}}}))
	// A daily series of five; the view gives the occurrences ids; the
	// second is modified and the fourth deleted.
	master := createIn(t, f, f.c, "calendar", "", &ews.CalendarItemType{Subject: ptr("Standup"), Start: ptr(xsdt("2026-09-07T09:00:00Z")), End: ptr(xsdt("2026-09-07T09:15:00Z")),
		Recurrence: &ews.RecurrenceType{DailyRecurrence: &ews.DailyRecurrencePatternType{Interval: 1},
			NumberedRecurrence: &ews.NumberedRecurrenceRangeType{StartDate: xsdate("2026-09-07"), NumberOfOccurrences: 5}}})[0]
	view := calendarView(t, f, f.c, "2026-09-01T00:00:00Z", "2026-09-30T00:00:00Z")
	if len(view) != 5 {
		t.Fatalf("view: %s", describe(view))
	}
	noErrors(t, must(f.c.UpdateItem(ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, SendMeetingInvitationsOrCancellations: ptr(ews.CalendarItemUpdateOperationSendToNone),
		ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: view[1].ItemId,
			Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{
				&ews.SetItemFieldType{Path: fieldURI("item:Subject"), CalendarItem: &ews.CalendarItemType{Subject: ptr("Standup (moved)")}}}}}}}})))
	noErrors(t, must(f.c.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, SendMeetingCancellations: ptr(ews.CalendarItemCreateOrDeleteOperationSendToNone), ItemIds: itemIds(view[3].ItemId)})))
	// Permissions on a folder of alice's own.
	cf := must(f.c.CreateFolder(ctx, &ews.CreateFolder{ParentFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")},
		Folders: &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr("Shared")}}}}))
	shared := folderOf(t, cf.ResponseMessages.Items[0]).FolderId
	permSet := &ews.PermissionSetType{Permissions: &ews.ArrayOfPermissionsType{Items: []ews.ArrayOfPermissionsTypeChoice{
		&ews.PermissionType{UserId: &ews.UserIdType{DistinguishedUser: ptr(ews.DistinguishedUserDefault)}, PermissionLevel: ews.PermissionLevelNone},
		&ews.PermissionType{UserId: &ews.UserIdType{PrimarySmtpAddress: ptr("bob@example.com")}, PermissionLevel: ews.PermissionLevelReviewer}}}}
	setPerms := &ews.SetFolderFieldType{Path: fieldURI("folder:PermissionSet"), Folder: &ews.FolderType{PermissionSet: permSet}}
	noErrors(t, must(f.c.UpdateFolder(ctx, &ews.UpdateFolder{FolderChanges: &ews.NonEmptyArrayOfFolderChangesType{FolderChange: []ews.FolderChangeType{{FolderId: shared,
		Updates: &ews.NonEmptyArrayOfFolderChangeDescriptionsType{Items: []ews.NonEmptyArrayOfFolderChangeDescriptionsTypeChoice{setPerms}}}}}})))
	// A message with an attachment and an extended property, a second
	// attachment added after, and a message made from MIME.
	prop := &ews.PathToExtendedFieldType{DistinguishedPropertySetId: ptr(ews.DistinguishedPropertySetPublicStrings), PropertyName: ptr("ewsmock-persist"), PropertyType: ews.MapiPropertyTypeString}
	withAtt := createMessage(t, f, "inbox", &ews.MessageType{Subject: ptr("With attachment"),
		Attachments:      &ews.NonEmptyArrayOfAttachmentsType{Items: []ews.NonEmptyArrayOfAttachmentsTypeChoice{&ews.FileAttachmentType{Name: ptr("a.txt"), ContentType: ptr("text/plain"), Content: []byte("first attachment")}}},
		ExtendedProperty: []ews.ExtendedPropertyType{{ExtendedFieldURI: prop, Value: ptr("kept value")}}})
	ca := must(f.c.CreateAttachment(ctx, &ews.CreateAttachment{ParentItemId: &ews.ItemIdType{Id: withAtt.Id},
		Attachments: &ews.NonEmptyArrayOfAttachmentsType{Items: []ews.NonEmptyArrayOfAttachmentsTypeChoice{&ews.FileAttachmentType{Name: ptr("b.bin"), Content: []byte{0, 1, 2, 3}}}}}))
	noErrors(t, ca)
	fromMime := createMessage(t, f, "drafts", &ews.MessageType{MimeContent: &ews.MimeContentType{CharacterSet: ptr("UTF-8"), Value: base64.StdEncoding.EncodeToString([]byte(testMIME))}})
	// Sync states: one of the Inbox items, taken before one of them is
	// deleted; one of the folder hierarchy, before a folder is deleted.
	st := syncAll(t, f, "")
	fh := must(f.c.SyncFolderHierarchy(ctx, &ews.SyncFolderHierarchy{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}}))
	noErrors(t, fh)
	hstate := *fh.ResponseMessages.Items[0].(*ews.SyncFolderHierarchyResponseMessageType).SyncState
	gone := createMessage(t, f, "inbox", &ews.MessageType{Subject: ptr("Deleted after the sync")})
	st = syncAll(t, f, st)
	noErrors(t, must(f.c.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, ItemIds: itemIds(gone)})))
	cf2 := must(f.c.CreateFolder(ctx, &ews.CreateFolder{ParentFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")},
		Folders: &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr("Short-lived")}}}}))
	shortLived := folderOf(t, cf2.ResponseMessages.Items[0]).FolderId
	hstate = *must(f.c.SyncFolderHierarchy(ctx, &ews.SyncFolderHierarchy{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, SyncState: &hstate})).ResponseMessages.Items[0].(*ews.SyncFolderHierarchyResponseMessageType).SyncState
	noErrors(t, must(f.c.DeleteFolder(ctx, &ews.DeleteFolder{DeleteType: ews.DisposalHardDelete, FolderIds: folderIds(&ews.FolderIdType{Id: shortLived.Id})})))
	// A pull subscription with an event waiting, and a streaming one.
	sub, wm := subscribe(t, f.c, &ews.Subscribe{PullSubscriptionRequest: &ews.PullSubscriptionRequestType{FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent), Timeout: 30}})
	streamSub, _ := subscribe(t, f.c, &ews.Subscribe{StreamingSubscriptionRequest: &ews.StreamingSubscriptionRequestType{SubscribeToAllFolders: ptr(true), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent)}})
	evItem := createMessage(t, f, "inbox", &ews.MessageType{Subject: ptr("Event before restart")})

	reads := []restartRead{
		{"IM list", "Friends", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetImItemList(f.ctx, &ews.GetImItemList{}))
		}},
		{"IM list contact", "sip:dave@example.com", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetImItemList(f.ctx, &ews.GetImItemList{}))
		}},
		{"Out of Office", "On holiday", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetUserOofSettings(f.ctx, &ews.GetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: "alice@example.com"}}))
		}},
		{"delegates", ">Editor<", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetDelegate(f.ctx, &ews.GetDelegate{IncludePermissions: true, Mailbox: aliceAddr}))
		}},
		{"delegate delivery", "DelegatesAndSendInformationToMe", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetDelegate(f.ctx, &ews.GetDelegate{Mailbox: aliceAddr}))
		}},
		{"user configuration", "AQID", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetUserConfiguration(f.ctx, &ews.GetUserConfiguration{UserConfigurationName: cfgName(), UserConfigurationProperties: ews.UserConfigurationPropertyType{ews.UserConfigurationPropertyTypeItemAll}}))
		}},
		{"Inbox rules", ">second<", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetInboxRules(f.ctx, &ews.GetInboxRules{}))
		}},
		{"calendar view", "Standup (moved)", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: allShape(),
				CalendarView: &ews.CalendarViewType{StartDate: xsdt("2026-09-01T00:00:00Z"), EndDate: xsdt("2026-09-30T00:00:00Z")}, ParentFolderIds: folderIds(dist("calendar"))}))
		}},
		{"recurring master", "DeletedOccurrences", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(master)}))
		}},
		{"occurrence by id", "Occurrence", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(view[2].ItemId)}))
		}},
		{"deleted occurrence", "ErrorItemNotFound", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: idShape(), ItemIds: itemIds(view[3].ItemId)}))
		}},
		{"folder permissions", ">Reviewer<", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly,
				AdditionalProperties: &ews.NonEmptyArrayOfPathsToElementType{Items: []ews.NonEmptyArrayOfPathsToElementTypeChoice{fieldURI("folder:PermissionSet")}}}, FolderIds: folderIds(&ews.FolderIdType{Id: shared.Id})}))
		}},
		{"attachments and extended property", "kept value", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties,
				AdditionalProperties: &ews.NonEmptyArrayOfPathsToElementType{Items: []ews.NonEmptyArrayOfPathsToElementTypeChoice{(*ews.ExtendedFieldURI)(prop)}}}, ItemIds: itemIds(&ews.ItemIdType{Id: withAtt.Id})}))
		}},
		{"attachment content", base64.StdEncoding.EncodeToString([]byte{0, 1, 2, 3}), func(t *testing.T, f *fixture) string {
			it := must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(&ews.ItemIdType{Id: withAtt.Id})}))
			noErrors(t, it)
			atts := itemsOf(it.ResponseMessages.Items[0])[0].(*ews.MessageType).Attachments
			if atts == nil || len(atts.Items) != 2 {
				t.Fatalf("attachments %+v", atts)
			}
			var ids []ews.NonEmptyArrayOfRequestAttachmentIdsTypeChoice
			for _, a := range atts.Items {
				ids = append(ids, &ews.RequestAttachmentIdType{Id: a.(*ews.FileAttachmentType).AttachmentId.Id})
			}
			return answer(t)(f.c.GetAttachment(f.ctx, &ews.GetAttachment{AttachmentIds: &ews.NonEmptyArrayOfRequestAttachmentIdsType{Items: ids}}))
		}},
		{"MIME content", "MimeContent", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties, IncludeMimeContent: ptr(true)}, ItemIds: itemIds(&ews.ItemIdType{Id: fromMime.Id})}))
		}},
		{"password expiration", "PasswordExpirationDate", func(t *testing.T, f *fixture) string {
			return answer(t)(f.c.GetPasswordExpirationDate(f.ctx, &ews.GetPasswordExpirationDate{}))
		}},
	}
	before := map[string]string{}
	for _, r := range reads {
		before[r.name] = r.read(t, f)
		if !strings.Contains(before[r.name], r.holds) {
			t.Fatalf("%s before the restart does not hold %q: %s", r.name, r.holds, before[r.name])
		}
	}

	// Restart from the file, ten minutes later (a date the server makes
	// when first asked, as the password's, would differ if it were not
	// kept; the pull subscription, polled within its 30 minutes, lives).
	f.srv, f.c = nil, nil
	f2 := persistedFixture(t, path, func(o *Options) { o.Now = func() time.Time { return time.Now().Add(10 * time.Minute) } })
	for _, r := range reads {
		t.Run(strings.ReplaceAll(r.name, " ", "_"), func(t *testing.T) {
			if got := r.read(t, f2); got != before[r.name] {
				t.Errorf("after the restart:\n got %s\nwant %s", got, before[r.name])
			}
		})
	}
	t.Run("rule_ids", func(t *testing.T) {
		// A rule created after the restart gets a new id.
		must(f2.c.UpdateInboxRules(ctx, &ews.UpdateInboxRules{Operations: &ews.ArrayOfRuleOperationsType{Items: []ews.ArrayOfRuleOperationsTypeChoice{&ews.CreateRuleOperationType{Rule: rule("third", 3)}}}}))
		seen := map[string]bool{}
		for _, r := range must(f2.c.GetInboxRules(ctx, &ews.GetInboxRules{})).InboxRules.Rule {
			if seen[*r.RuleId] {
				t.Errorf("rule id %s used twice", *r.RuleId)
			}
			seen[*r.RuleId] = true
		}
		if len(seen) != 3 {
			t.Errorf("rules %v, want 3", seen)
		}
	})
	t.Run("item_sync_state", func(t *testing.T) {
		resp := must(f2.c.SyncFolderItems(ctx, &ews.SyncFolderItems{ItemShape: idShape(), SyncFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, SyncState: &st, MaxChangesReturned: 100}))
		noErrors(t, resp)
		var got []string
		for _, c := range resp.ResponseMessages.Items[0].(*ews.SyncFolderItemsResponseMessageType).Changes.Items {
			switch c := c.(type) {
			case *ews.SyncFolderItemsDeleteType:
				got = append(got, "delete "+c.ItemId.Id)
			case *ews.SyncFolderItemsChangesTypeChoiceCreate:
				got = append(got, "create "+c.Message.ItemId.Id)
			default:
				got = append(got, "other")
			}
		}
		want := []string{"create " + evItem.Id, "delete " + gone.Id}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("changes since the state:\n got %v\nwant %v", got, want)
		}
	})
	t.Run("hierarchy_sync_state", func(t *testing.T) {
		resp := must(f2.c.SyncFolderHierarchy(ctx, &ews.SyncFolderHierarchy{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, SyncState: &hstate}))
		noErrors(t, resp)
		ch := resp.ResponseMessages.Items[0].(*ews.SyncFolderHierarchyResponseMessageType).Changes.Items
		if len(ch) != 1 {
			t.Fatalf("%d changes, want the deletion of the folder", len(ch))
		}
		if d, ok := ch[0].(*ews.SyncFolderHierarchyDeleteType); !ok || d.FolderId.Id != shortLived.Id {
			t.Errorf("change %#v, want the deletion of %s", ch[0], shortLived.Id)
		}
	})
	t.Run("pull_subscription", func(t *testing.T) {
		if n := f2.srv.Subscriptions(); n != 2 {
			t.Errorf("%d subscriptions after the restart, want 2 (pull and streaming)", n)
		}
		resp := must(f2.c.GetEvents(ctx, &ews.GetEvents{SubscriptionId: sub, Watermark: wm}))
		noErrors(t, resp)
		var got []string
		for _, e := range resp.ResponseMessages.Items[0].(*ews.GetEventsResponseMessageType).Notification.Items {
			if c, ok := e.(*ews.CreatedEvent); ok {
				got = append(got, c.ItemId.Id)
			}
		}
		if len(got) != 1 || got[0] != evItem.Id {
			t.Errorf("events after the restart %v, want the creation of %s", got, evItem.Id)
		}
	})
	t.Run("streaming_subscription", func(t *testing.T) {
		// The event that came before the restart waits for the client's
		// new connection.
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		for ev, err := range f2.c.StreamEvents(sctx, []ews.SubscriptionIdType{streamSub}, &ews.StreamOptions{ConnectionTimeout: 1}) {
			if err != nil {
				t.Fatal(err)
			}
			if ev.Err != nil {
				t.Fatal(ev.Err)
			}
			if ids := createdIDs(ev.Notification); len(ids) > 0 {
				if len(ids) != 1 || ids[0] != evItem.Id {
					t.Errorf("streamed %v, want the creation of %s", ids, evItem.Id)
				}
				return
			}
		}
		t.Error("the stream ended without the event")
	})
}

// syncAll syncs alice's Inbox from state st to the end and returns the new
// state.
func syncAll(t *testing.T, f *fixture, st string) string {
	t.Helper()
	for {
		req := &ews.SyncFolderItems{ItemShape: idShape(), SyncFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, MaxChangesReturned: 100}
		if st != "" {
			req.SyncState = &st
		}
		resp := must(f.c.SyncFolderItems(f.ctx, req))
		noErrors(t, resp)
		m := resp.ResponseMessages.Items[0].(*ews.SyncFolderItemsResponseMessageType)
		st = *m.SyncState
		if *m.IncludesLastItemInRange {
			return st
		}
	}
}

// TestPersistDataFileErrors: a file of an unknown version, a truncated
// file, a malformed one and one over the size bound are refused with an
// error naming the file (and the position, for malformed JSON).
func TestPersistDataFileErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "store.json")
	f := persistedFixture(t, path)
	must(f.c.AddImGroup(f.ctx, &ews.AddImGroup{DisplayName: "Friends"}))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	open := func(name string, content []byte) error {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := New(Options{DataFile: p})
		return err
	}
	for _, tc := range []struct {
		name    string
		content []byte
		want    []string
	}{
		{"future.json", bytes.Replace(data, []byte(`"version":2`), []byte(`"version":99`), 1), []string{"future.json", "version 99 is not supported"}},
		{"noversion.json", []byte(`{"mailboxes": []}`), []string{"noversion.json", "no version field"}},
		{"truncated.json", data[:len(data)/2], []string{"truncated.json:1:", "truncated"}},
		{"malformed.json", []byte("{\"version\": 2,\n \"mailboxes\": [}\n"), []string{"malformed.json:2:", "malformed data file"}},
		{"unknown.json", []byte("{\"version\": 2,\n \"colour\": 1}"), []string{"unknown.json:2:", "colour"}},
	} {
		err := open(tc.name, tc.content)
		if err == nil {
			t.Errorf("%s: loaded", tc.name)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not hold %q", tc.name, err, w)
			}
		}
	}
	old := maxDataFile
	maxDataFile = int64(len(data) - 1)
	defer func() { maxDataFile = old }()
	if err := open("big.json", data); err == nil || !strings.Contains(err.Error(), "big.json") || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("file over the size bound: %v", err)
	}
	maxDataFile = old
	if err := open("good.json", data); err != nil {
		t.Errorf("the file as written: %v", err)
	}
}

// blockedTransport holds every request until release is closed, then
// fails it: a push listener that does not answer.
type blockedTransport struct{ release chan struct{} }

func (b blockedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	<-b.release
	return nil, errors.New("listener unreachable")
}

// TestPersistPushSubscription: a push subscription whose listener did not
// answer before the restart posts the waiting event after it.
func TestPersistPushSubscription(t *testing.T) {
	got := make(chan string, 16)
	cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		if env, err := ews.UnmarshalEnvelope(data); err == nil {
			if sn, ok := env.Body.(*ews.SendNotification); ok {
				for _, m := range sn.ResponseMessages.Items {
					for _, id := range createdIDs(m.(*ews.SendNotificationResponseMessageType).Notification) {
						got <- id
					}
				}
			}
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.Write((&ews.Envelope{Body: &ews.SendNotificationResult{SubscriptionStatus: ews.SubscriptionStatusOK}}).Marshal(ews.ClientStyle))
	}))
	defer cb.Close()
	release := make(chan struct{})
	defer close(release)
	path := filepath.Join(t.TempDir(), "store.json")
	f := persistedFixture(t, path, func(o *Options) {
		o.Notify.PushClient = &http.Client{Transport: blockedTransport{release}}
		o.Notify.PushRetry = time.Hour // the first failure ends it, after the test
	})
	subscribe(t, f.c, &ews.Subscribe{PushSubscriptionRequest: &ews.PushSubscriptionRequestType{
		FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent), StatusFrequency: 30, URL: cb.URL + "/cb"}})
	id := createMessage(t, f, "inbox", &ews.MessageType{Subject: ptr("Pushed after the restart")})

	f2 := persistedFixture(t, path)
	if n := f2.srv.Subscriptions(); n != 1 {
		t.Fatalf("%d subscriptions after the restart, want the push one", n)
	}
	select {
	case cid := <-got:
		if cid != id.Id {
			t.Errorf("pushed the creation of %s, want %s", cid, id.Id)
		}
	case <-time.After(10 * time.Second):
		t.Error("no push notification after the restart")
	}
}
