package mock

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/corpus"
)

const testSeed = `{"mailboxes": [
  {"address": "alice@example.com", "name": "Alice Smith",
   "folders": [{"parent": "inbox", "name": "Projects", "folders": [{"name": "2024"}]}],
   "items": [
     {"folder": "inbox", "subject": "Welcome", "body": "Hello Alice", "from": "bob@example.com", "to": ["alice@example.com"], "received": "2024-05-01T10:00:00Z", "categories": ["Blue"]},
     {"folder": "inbox", "subject": "Lunch?", "body": "At noon", "from": "carol@example.com", "to": ["alice@example.com"], "isRead": true, "received": "2024-05-02T10:00:00Z", "importance": "High"},
     {"folder": "inbox/Projects", "subject": "Plan", "body": "<p>The plan</p>", "bodyType": "HTML", "received": "2024-05-03T10:00:00Z"},
     {"folder": "contacts", "type": "Contact", "givenName": "Carol", "surname": "White", "email": "carol@example.com"}
   ],
   "im": {"groups": [{"name": "Team", "contacts": [{"address": "sip:bob@example.com", "name": "Bob Jones"}]}]}},
  {"address": "bob@example.com", "name": "Bob Jones"},
  {"address": "bobby@example.com", "name": "Bobby Tables"}
]}`

type fixture struct {
	srv *Server
	ts  *httptest.Server
	c   *ews.Client // alice
	bob *ews.Client
	ctx context.Context
	log []string
	mu  sync.Mutex
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	var sd Seed
	if err := jsonUnmarshal(testSeed, &sd); err != nil {
		t.Fatal(err)
	}
	f := &fixture{ctx: context.Background()}
	srv, err := New(Options{User: "alice", Password: "pw", Users: []User{{Name: "bob", Password: "bob-pw"}}, Seed: &sd, Logf: func(format string, args ...any) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.log = append(f.log, format)
	}})
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

// testClient is a client of the server at base logging in as user.
func testClient(base, user, password string) *ews.Client {
	return ews.NewClient(base+"/EWS/Exchange.asmx", &http.Client{Transport: auth.Basic(user, password, nil, auth.AllowPlainHTTP())},
		ews.WithHeader(func(h *ews.EnvelopeHeader) {
			h.RequestServerVersion = &ews.RequestServerVersion{Version: ews.ExchangeVersionExchange2013SP1}
		}))
}

// must returns v, panicking (failing the test) on an error.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// noErrors fails when a response holds an error message.
func noErrors(t *testing.T, resp ews.BodyElement) {
	t.Helper()
	for _, e := range ews.ResponseErrors(resp) {
		t.Fatalf("response message %d: %v", e.Index, e)
	}
}

func dist(name string) *ews.DistinguishedFolderIdType {
	return &ews.DistinguishedFolderIdType{Id: ews.DistinguishedFolderIdNameType(name)}
}

func folderIds(ids ...ews.NonEmptyArrayOfBaseFolderIdsTypeChoice) *ews.NonEmptyArrayOfBaseFolderIdsType {
	return &ews.NonEmptyArrayOfBaseFolderIdsType{Items: ids}
}

func itemIds(ids ...*ews.ItemIdType) *ews.NonEmptyArrayOfBaseItemIdsType {
	a := &ews.NonEmptyArrayOfBaseItemIdsType{}
	for _, id := range ids {
		a.Items = append(a.Items, id)
	}
	return a
}

func fieldURI(uri string) *ews.FieldURI {
	return &ews.FieldURI{FieldURI: ews.UnindexedFieldURIType(uri)}
}

func constant(v string) *ews.FieldURIOrConstantType {
	return &ews.FieldURIOrConstantType{Constant: &ews.ConstantValueType{Value: v}}
}

func folderOf(t *testing.T, m ews.ArrayOfResponseMessagesTypeChoice) *ews.FolderType {
	t.Helper()
	var fs *ews.ArrayOfFoldersType
	switch m := m.(type) {
	case *ews.GetFolderResponseMessage:
		fs = m.Folders
	case *ews.CreateFolderResponseMessage:
		fs = m.Folders
	}
	if fs == nil || len(fs.Items) != 1 {
		t.Fatalf("no folder in %T", m)
	}
	f, ok := fs.Items[0].(*ews.FolderType)
	if !ok {
		t.Fatalf("folder is %T", fs.Items[0])
	}
	return f
}

func itemsOf(m ews.ArrayOfResponseMessagesTypeChoice) []ews.ArrayOfRealItemsTypeChoice {
	var a *ews.ArrayOfRealItemsType
	switch m := m.(type) {
	case *ews.CreateItemResponseMessage:
		a = m.Items
	case *ews.GetItemResponseMessage:
		a = m.Items
	case *ews.MoveItemResponseMessage:
		a = m.Items
	case *ews.CopyItemResponseMessage:
		a = m.Items
	case *ews.UpdateItemResponseMessageType:
		a = m.Items
	case *ews.FindItemResponseMessageType:
		if m.RootFolder != nil {
			a = m.RootFolder.Items
		}
	}
	if a == nil {
		return nil
	}
	return a.List
}

func msgID(t *testing.T, x ews.ArrayOfRealItemsTypeChoice) *ews.ItemIdType {
	t.Helper()
	m, ok := x.(*ews.MessageType)
	if !ok || m.ItemId == nil {
		t.Fatalf("item %T has no id", x)
	}
	return m.ItemId
}

// unknownID returns a well-formed id no object has.
func unknownID(id string) string {
	b, _ := base64.StdEncoding.DecodeString(id)
	b[28] ^= 0x55
	return base64.StdEncoding.EncodeToString(b)
}

func subjects(items []ews.ArrayOfRealItemsTypeChoice) []string {
	var out []string
	for _, x := range items {
		if m, ok := x.(*ews.MessageType); ok && m.Subject != nil {
			out = append(out, *m.Subject)
		}
	}
	return out
}

func TestRemoveImContactFromGroupEndToEnd(t *testing.T) {
	f := newFixture(t)
	c, ctx := f.c, f.ctx
	g := must(c.AddImGroup(ctx, &ews.AddImGroup{DisplayName: "Friends"}))
	p := must(c.AddNewImContactToGroup(ctx, &ews.AddNewImContactToGroup{ImAddress: "sip:dave@example.com", DisplayName: ptr(ews.NonEmptyStringType("Dave")), GroupId: g.ImGroup.ExchangeStoreId}))
	req := &ews.RemoveImContactFromGroup{ContactId: p.Persona.PersonaId, GroupId: g.ImGroup.ExchangeStoreId}
	resp, err := c.RemoveImContactFromGroup(ctx, req)
	if err != nil || resp.ResponseClass != ews.ResponseClassSuccess {
		t.Fatalf("remove: %v %+v", err, resp)
	}
	_, err = c.RemoveImContactFromGroup(ctx, req)
	if !errors.Is(err, ews.ResponseCodeErrorInvalidImContactId) {
		t.Fatalf("second remove: got %v, want ErrorInvalidImContactId", err)
	}
	var re *ews.ResponseError
	if !errors.As(err, &re) || re.Message != "The IM contact is not in this IM group." {
		t.Fatalf("error %#v", err)
	}
}

func TestIMList(t *testing.T) {
	f := newFixture(t)
	c, ctx := f.c, f.ctx
	list := must(c.GetImItemList(ctx, &ews.GetImItemList{}))
	if n := len(list.ImItemList.Groups.Items); n != 2 { // Other Contacts + Team from the seed
		t.Fatalf("%d groups", n)
	}
	g := must(c.AddImGroup(ctx, &ews.AddImGroup{DisplayName: "Friends"}))
	if g.ImGroup.GroupType != "IPM.DistList.MOC.UserGroup" {
		t.Errorf("group type %q", g.ImGroup.GroupType)
	}
	if _, err := c.AddImGroup(ctx, &ews.AddImGroup{DisplayName: "friends"}); !errors.Is(err, ews.ResponseCodeErrorImGroupDisplayNameAlreadyExists) {
		t.Errorf("duplicate group: %v", err)
	}
	gid := g.ImGroup.ExchangeStoreId
	p := must(c.AddNewImContactToGroup(ctx, &ews.AddNewImContactToGroup{ImAddress: "sip:erin@example.com"}))
	pid := p.Persona.PersonaId
	must(c.AddImContactToGroup(ctx, &ews.AddImContactToGroup{ContactId: pid, GroupId: gid}))
	if _, err := c.AddImContactToGroup(ctx, &ews.AddImContactToGroup{ContactId: &ews.ItemIdType{Id: "AAMkbogus"}, GroupId: gid}); !errors.Is(err, ews.ResponseCodeErrorInvalidImContactId) {
		t.Errorf("unknown contact: %v", err)
	}
	if _, err := c.AddImContactToGroup(ctx, &ews.AddImContactToGroup{ContactId: pid, GroupId: &ews.ItemIdType{Id: "nope"}}); !errors.Is(err, ews.ResponseCodeErrorInvalidImGroupId) {
		t.Errorf("unknown group: %v", err)
	}
	items := must(c.GetImItems(ctx, &ews.GetImItems{GroupIds: itemIds(gid), ContactIds: itemIds(pid)}))
	gg := items.ImItemList.Groups.Items[0].(*ews.ImGroupType)
	if gg.MemberCorrelationKey == nil || len(gg.MemberCorrelationKey.ItemId) != 1 || gg.MemberCorrelationKey.ItemId[0].Id != pid.Id {
		t.Errorf("group members %+v", gg.MemberCorrelationKey)
	}
	if pp := items.ImItemList.Personas.Items[0].(*ews.PersonaType); *pp.ImAddress != "sip:erin@example.com" {
		t.Errorf("persona %+v", pp)
	}
	must(c.SetImGroup(ctx, &ews.SetImGroup{GroupId: gid, NewDisplayName: "Best friends"}))
	items = must(c.GetImItems(ctx, &ews.GetImItems{GroupIds: itemIds(gid)}))
	if n := items.ImItemList.Groups.Items[0].(*ews.ImGroupType).DisplayName; n != "Best friends" {
		t.Errorf("renamed to %q", n)
	}
	dg := must(c.AddDistributionGroupToImList(ctx, &ews.AddDistributionGroupToImList{SmtpAddress: "team@example.com", DisplayName: "Team DL"}))
	if dg.ImGroup.SmtpAddress == nil || *dg.ImGroup.SmtpAddress != "team@example.com" {
		t.Errorf("dg %+v", dg.ImGroup)
	}
	if _, err := c.AddDistributionGroupToImList(ctx, &ews.AddDistributionGroupToImList{SmtpAddress: "bob@example.com", DisplayName: "Bob"}); !errors.Is(err, ews.ResponseCodeErrorInvalidImDistributionGroupSmtpAddress) {
		t.Errorf("user as DG: %v", err)
	}
	if _, err := c.RemoveImGroup(ctx, &ews.RemoveImGroup{GroupId: dg.ImGroup.ExchangeStoreId}); !errors.Is(err, ews.ResponseCodeErrorInvalidImGroupId) {
		t.Errorf("RemoveImGroup on a DG: %v", err)
	}
	must(c.RemoveDistributionGroupFromImList(ctx, &ews.RemoveDistributionGroupFromImList{GroupId: dg.ImGroup.ExchangeStoreId}))
	if _, err := c.RemoveDistributionGroupFromImList(ctx, &ews.RemoveDistributionGroupFromImList{GroupId: dg.ImGroup.ExchangeStoreId}); !errors.Is(err, ews.ResponseCodeErrorInvalidImGroupId) {
		t.Errorf("second DG removal: %v", err)
	}
	must(c.RemoveContactFromImList(ctx, &ews.RemoveContactFromImList{ContactId: pid}))
	if _, err := c.RemoveContactFromImList(ctx, &ews.RemoveContactFromImList{ContactId: pid}); !errors.Is(err, ews.ResponseCodeErrorInvalidImContactId) {
		t.Errorf("second contact removal: %v", err)
	}
	must(c.RemoveImGroup(ctx, &ews.RemoveImGroup{GroupId: gid}))
	list = must(c.GetImItemList(ctx, &ews.GetImItemList{}))
	if n := len(list.ImItemList.Groups.Items); n != 2 {
		t.Errorf("%d groups at the end", n)
	}
	if n := len(list.ImItemList.Personas.Items); n != 1 {
		t.Errorf("%d personas at the end", n)
	}
}

func TestFolders(t *testing.T) {
	f := newFixture(t)
	c, ctx := f.c, f.ctx
	resp := must(c.GetFolder(ctx, &ews.GetFolder{
		FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties},
		FolderIds:   folderIds(dist("inbox"), &ews.FolderIdType{Id: "not-an-id"}, dist("calendar"), &ews.FolderIdType{Id: "AQMkAP+NmBn8DhK/DSSJLkWYfiQBAAAAAAAAAP8AAEYAAAAA"}),
	}))
	msgs := resp.ResponseMessages.Items
	if len(msgs) != 4 {
		t.Fatalf("%d messages", len(msgs))
	}
	inbox := folderOf(t, msgs[0])
	if *inbox.DisplayName != "Inbox" || *inbox.TotalCount != 2 || *inbox.UnreadCount != 1 || *inbox.ChildFolderCount != 1 {
		t.Errorf("inbox %q total %d unread %d children %d", *inbox.DisplayName, *inbox.TotalCount, *inbox.UnreadCount, *inbox.ChildFolderCount)
	}
	errs := ews.ResponseErrors(resp)
	if len(errs) != 2 || errs[0].Index != 1 || errs[0].Code != ews.ResponseCodeErrorInvalidIdMalformed || errs[1].Index != 3 || errs[1].Code != ews.ResponseCodeErrorFolderNotFound {
		t.Errorf("errors %v", errs)
	}
	cal := msgs[2].(*ews.GetFolderResponseMessage).Folders.Items[0]
	if _, ok := cal.(*ews.CalendarFolderType); !ok {
		t.Errorf("calendar is %T", cal)
	}
	for _, d := range []string{"msgfolderroot", "root", "drafts", "sentitems", "deleteditems", "contacts", "tasks", "outbox", "junkemail", "notes"} {
		r := must(c.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist(d))}))
		noErrors(t, r)
	}

	created := must(c.CreateFolder(ctx, &ews.CreateFolder{
		ParentFolderId: &ews.TargetFolderIdType{FolderId: inbox.FolderId},
		Folders:        &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr("Reports")}, &ews.FolderType{DisplayName: ptr("projects")}}},
	}))
	cm := created.ResponseMessages.Items
	rid := folderOf(t, cm[0]).FolderId
	if e := ews.MessageError(cm[1]); !errors.Is(e, ews.ResponseCodeErrorFolderExists) {
		t.Errorf("duplicate folder: %v", e)
	}

	shallow := must(c.FindFolder(ctx, &ews.FindFolder{Traversal: ews.FolderQueryTraversalShallow, FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(dist("inbox"))}))
	root := shallow.ResponseMessages.Items[0].(*ews.FindFolderResponseMessageType).RootFolder
	if *root.TotalItemsInView != 2 || !*root.IncludesLastItemInRange {
		t.Errorf("shallow: %d folders", *root.TotalItemsInView)
	}
	deep := must(c.FindFolder(ctx, &ews.FindFolder{
		Traversal:             ews.FolderQueryTraversalDeep,
		FolderShape:           &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly, AdditionalProperties: &ews.NonEmptyArrayOfPathsToElementType{Items: []ews.NonEmptyArrayOfPathsToElementTypeChoice{fieldURI("folder:DisplayName")}}},
		IndexedPageFolderView: &ews.IndexedPageViewType{MaxEntriesReturned: ptr(int32(2)), Offset: 0, BasePoint: ews.IndexBasePointBeginning},
		Restriction:           &ews.RestrictionType{SearchExpression: &ews.Contains{Path: fieldURI("folder:DisplayName"), Constant: &ews.ConstantValueType{Value: "r"}, ContainmentMode: ptr(ews.ContainmentModeSubstring), ContainmentComparison: ptr(ews.ContainmentComparisonIgnoreCase)}},
		ParentFolderIds:       folderIds(dist("msgfolderroot")),
	}))
	root = deep.ResponseMessages.Items[0].(*ews.FindFolderResponseMessageType).RootFolder
	if len(root.Folders.Items) != 2 || *root.IncludesLastItemInRange || *root.IndexedPagingOffset != 2 {
		t.Errorf("deep page: %d folders, total %d, last %v", len(root.Folders.Items), *root.TotalItemsInView, *root.IncludesLastItemInRange)
	}

	del := must(c.DeleteFolder(ctx, &ews.DeleteFolder{DeleteType: ews.DisposalHardDelete, FolderIds: folderIds(rid, dist("inbox"), rid)}))
	errs = ews.ResponseErrors(del)
	if len(errs) != 2 || errs[0].Code != ews.ResponseCodeErrorDeleteDistinguishedFolder || errs[1].Code != ews.ResponseCodeErrorFolderNotFound {
		t.Errorf("delete errors %v", errs)
	}
}

func TestItems(t *testing.T) {
	f := newFixture(t)
	c, ctx := f.c, f.ctx
	msg := func(subj string, to ...string) *ews.MessageType {
		m := &ews.MessageType{Subject: ptr(subj), Body: &ews.BodyType{BodyType: ews.BodyTypeText, Value: "body of " + subj}, ToRecipients: &ews.ArrayOfRecipientsType{}}
		for _, a := range to {
			m.ToRecipients.Items = append(m.ToRecipients.Items, &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType(a))})
		}
		return m
	}
	var items []ews.NonEmptyArrayOfAllItemsTypeChoice
	for _, s := range []string{"alpha", "beta", "gamma", "delta", "epsilon"} {
		items = append(items, msg(s, "bob@example.com"))
	}
	cr := must(c.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly), SavedItemFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("drafts")}, Items: &ews.NonEmptyArrayOfAllItemsType{List: items}}))
	noErrors(t, cr)
	var ids []*ews.ItemIdType
	for _, m := range cr.ResponseMessages.Items {
		ids = append(ids, msgID(t, itemsOf(m)[0]))
	}

	// GetItem: one message per id, in order, errors in place.
	gi := must(c.GetItem(ctx, &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties, BodyType: ptr(ews.BodyTypeResponseText)}, ItemIds: itemIds(ids[2], &ews.ItemIdType{Id: "###"}, ids[0])}))
	gm := gi.ResponseMessages.Items
	if got := subjects(append(itemsOf(gm[0]), itemsOf(gm[2])...)); strings.Join(got, ",") != "gamma,alpha" {
		t.Errorf("GetItem subjects %v", got)
	}
	if e := ews.MessageError(gm[1]); !errors.Is(e, ews.ResponseCodeErrorInvalidIdMalformed) {
		t.Errorf("bad id: %v", e)
	}
	g0 := itemsOf(gm[0])[0].(*ews.MessageType)
	if g0.Body == nil || g0.Body.Value != "body of gamma" || g0.IsDraft == nil || !*g0.IsDraft || g0.DateTimeCreated == nil || g0.ParentFolderId == nil {
		t.Errorf("GetItem message %+v", g0)
	}

	// FindItem: restriction, sort, paging.
	find := func(r ews.SearchExpression, off, max int32) *ews.FindItemParentType {
		t.Helper()
		fr := must(c.FindItem(ctx, &ews.FindItem{
			Traversal:           ews.ItemQueryTraversalShallow,
			ItemShape:           &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly, AdditionalProperties: &ews.NonEmptyArrayOfPathsToElementType{Items: []ews.NonEmptyArrayOfPathsToElementTypeChoice{fieldURI("item:Subject")}}},
			IndexedPageItemView: &ews.IndexedPageViewType{MaxEntriesReturned: ptr(max), Offset: off, BasePoint: ews.IndexBasePointBeginning},
			Restriction:         &ews.RestrictionType{SearchExpression: r},
			SortOrder:           &ews.NonEmptyArrayOfFieldOrdersType{FieldOrder: []ews.FieldOrderType{{Order: ews.SortDirectionAscending, Path: fieldURI("item:Subject")}}},
			ParentFolderIds:     folderIds(dist("drafts")),
		}))
		noErrors(t, fr)
		return fr.ResponseMessages.Items[0].(*ews.FindItemResponseMessageType).RootFolder
	}
	rf := find(&ews.Or{SearchExpression: []ews.SearchExpression{
		&ews.IsEqualTo{Path: fieldURI("item:Subject"), FieldURIOrConstant: constant("BETA")},
		&ews.And{SearchExpression: []ews.SearchExpression{
			&ews.Contains{Path: fieldURI("item:Subject"), Constant: &ews.ConstantValueType{Value: "a"}, ContainmentMode: ptr(ews.ContainmentModeSubstring), ContainmentComparison: ptr(ews.ContainmentComparisonIgnoreCase)},
			&ews.Not{SearchExpression: &ews.IsEqualTo{Path: fieldURI("item:Subject"), FieldURIOrConstant: constant("alpha")}},
			&ews.IsGreaterThan{Path: fieldURI("item:DateTimeCreated"), FieldURIOrConstant: constant("2000-01-01T00:00:00Z")},
			&ews.IsLessThanOrEqualTo{Path: fieldURI("item:Size"), FieldURIOrConstant: constant("100000")},
		}},
	}}, 0, 2)
	// beta, gamma, delta match (epsilon has no "a"; alpha is excluded).
	if got := subjects(rf.Items.List); strings.Join(got, ",") != "beta,delta" || *rf.TotalItemsInView != 3 || *rf.IncludesLastItemInRange || *rf.IndexedPagingOffset != 2 {
		t.Errorf("page 1: %v total %d last %v offset %d", got, *rf.TotalItemsInView, *rf.IncludesLastItemInRange, *rf.IndexedPagingOffset)
	}
	rf = find(&ews.Contains{Path: fieldURI("item:Subject"), Constant: &ews.ConstantValueType{Value: "a"}}, 2, 2)
	if got := subjects(rf.Items.List); strings.Join(got, ",") != "delta,gamma" || !*rf.IncludesLastItemInRange || *rf.IndexedPagingOffset != 4 || *rf.TotalItemsInView != 4 {
		t.Errorf("page 2: %v", got)
	}
	rf = find(&ews.IsEqualTo{Path: fieldURI("message:IsRead"), FieldURIOrConstant: constant("true")}, 0, 10)
	if *rf.TotalItemsInView != 5 {
		t.Errorf("IsRead drafts: %d", *rf.TotalItemsInView)
	}

	// UpdateItem: the change key changes; a stale one is refused with
	// NeverOverwrite.
	old := ids[0]
	ur := must(c.UpdateItem(ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, MessageDisposition: ptr(ews.MessageDispositionSaveOnly), ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{
		ItemId: old,
		Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{
			&ews.SetItemFieldType{Path: fieldURI("item:Subject"), Message: &ews.MessageType{Subject: ptr("alpha 2")}},
			&ews.AppendToItemFieldType{Path: fieldURI("item:Body"), Message: &ews.MessageType{Body: &ews.BodyType{BodyType: ews.BodyTypeText, Value: " (more)"}}},
			&ews.DeleteItemFieldType{Path: fieldURI("item:Categories")},
		}},
	}}}}))
	noErrors(t, ur)
	nid := msgID(t, itemsOf(ur.ResponseMessages.Items[0])[0])
	if nid.Id != old.Id || *nid.ChangeKey == *old.ChangeKey {
		t.Errorf("update id %v -> %v", old, nid)
	}
	ur = must(c.UpdateItem(ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionNeverOverwrite, ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: old, Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{&ews.SetItemFieldType{Path: fieldURI("item:Subject"), Message: &ews.MessageType{Subject: ptr("x")}}}}}}}}))
	if e := ews.MessageError(ur.ResponseMessages.Items[0]); !errors.Is(e, ews.ResponseCodeErrorIrresolvableConflict) {
		t.Errorf("stale change key: %v", e)
	}
	gi = must(c.GetItem(ctx, &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ItemIds: itemIds(nid)}))
	if m := itemsOf(gi.ResponseMessages.Items[0])[0].(*ews.MessageType); *m.Subject != "alpha 2" || m.Body.Value != "body of alpha (more)" {
		t.Errorf("updated %q %q", *m.Subject, m.Body.Value)
	}

	// MoveItem and CopyItem give new ids, as Exchange does.
	mr := must(c.MoveItem(ctx, &ews.MoveItem{ToFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, ItemIds: itemIds(ids[1])}))
	noErrors(t, mr)
	moved := msgID(t, itemsOf(mr.ResponseMessages.Items[0])[0])
	if moved.Id == ids[1].Id || *moved.ChangeKey == *ids[1].ChangeKey {
		t.Errorf("moved id %v -> %v", ids[1], moved)
	}
	cpr := must(c.CopyItem(ctx, &ews.CopyItem{ToFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, ItemIds: itemIds(moved, &ews.ItemIdType{Id: unknownID(ids[1].Id)})}))
	copied := msgID(t, itemsOf(cpr.ResponseMessages.Items[0])[0])
	if copied.Id == moved.Id {
		t.Error("copy has the original's id")
	}
	if e := ews.MessageError(cpr.ResponseMessages.Items[1]); !errors.Is(e, ews.ResponseCodeErrorItemNotFound) {
		t.Errorf("copy of unknown id: %v", e)
	}

	// SendItem delivers to bob's inbox and saves to Sent Items.
	sr := must(c.SendItem(ctx, &ews.SendItem{SaveItemToFolder: true, ItemIds: itemIds(&ews.ItemIdType{Id: ids[2].Id})}))
	noErrors(t, sr)
	ci := must(c.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSendAndSaveCopy), Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{msg("direct", "bob@example.com", "someone@elsewhere.example")}}}))
	noErrors(t, ci)
	ci = must(c.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSendOnly), Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{msg("nobody")}}}))
	if e := ews.MessageError(ci.ResponseMessages.Items[0]); !errors.Is(e, ews.ResponseCodeErrorInvalidRecipients) {
		t.Errorf("send without recipients: %v", e)
	}
	bobInbox := &ews.DistinguishedFolderIdType{Id: "inbox", Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("bob@example.com"))}}
	fr := must(f.bob.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(bobInbox)}))
	got := subjects(itemsOf(fr.ResponseMessages.Items[0]))
	if strings.Join(got, ",") != "direct,gamma" {
		t.Errorf("bob's inbox: %v", got)
	}
	fr = must(c.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, ParentFolderIds: folderIds(dist("sentitems"))}))
	if n := len(itemsOf(fr.ResponseMessages.Items[0])); n != 2 {
		t.Errorf("%d items in Sent Items", n)
	}

	// DeleteItem: to Deleted Items (a move: the old id is gone), then hard.
	dr := must(c.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalMoveToDeletedItems, ItemIds: itemIds(ids[3])}))
	noErrors(t, dr)
	dr = must(c.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, ItemIds: itemIds(ids[3], ids[4], ids[4])}))
	errs := ews.ResponseErrors(dr)
	if len(errs) != 2 || errs[0].Index != 0 || errs[1].Index != 2 || errs[1].Code != ews.ResponseCodeErrorItemNotFound {
		t.Errorf("delete errors %v", errs)
	}
}

func TestResolveNamesAndTimeZones(t *testing.T) {
	f := newFixture(t)
	c, ctx := f.c, f.ctx
	r := must(c.ResolveNames(ctx, &ews.ResolveNames{ReturnFullContactData: true, UnresolvedEntry: "SMTP:bob@example.com"}))
	m := r.ResponseMessages.Items[0].(*ews.ResolveNamesResponseMessageType)
	if m.ResponseClass != ews.ResponseClassSuccess || len(m.ResolutionSet.Resolution) != 1 || *m.ResolutionSet.Resolution[0].Mailbox.Name != "Bob Jones" || m.ResolutionSet.Resolution[0].Contact == nil {
		t.Errorf("bob: %+v", m)
	}
	r = must(c.ResolveNames(ctx, &ews.ResolveNames{UnresolvedEntry: "bob"}))
	m = r.ResponseMessages.Items[0].(*ews.ResolveNamesResponseMessageType)
	if m.ResponseClass != ews.ResponseClassWarning || *m.ResponseCode != ews.ResponseCodeErrorNameResolutionMultipleResults || len(m.ResolutionSet.Resolution) != 2 {
		t.Errorf("bob*: %+v", m)
	}
	r = must(c.ResolveNames(ctx, &ews.ResolveNames{UnresolvedEntry: "carol", SearchScope: ptr(ews.ResolveNamesSearchScopeContacts)}))
	m = r.ResponseMessages.Items[0].(*ews.ResolveNamesResponseMessageType)
	if m.ResponseClass != ews.ResponseClassSuccess || *m.ResolutionSet.Resolution[0].Mailbox.MailboxType != ews.MailboxTypeContact {
		t.Errorf("carol: %+v", m)
	}
	r = must(c.ResolveNames(ctx, &ews.ResolveNames{UnresolvedEntry: "zed"}))
	if e := ews.ResponseErrors(r); len(e) != 1 || !errors.Is(e[0], ews.ResponseCodeErrorNameResolutionNoResults) {
		t.Errorf("zed: %v", e)
	}

	tz := must(c.GetServerTimeZones(ctx, &ews.GetServerTimeZones{Ids: &ews.NonEmptyArrayOfTimeZoneIdType{Id: []string{"Pacific Standard Time", "UTC"}}}))
	defs := tz.ResponseMessages.Items[0].(*ews.GetServerTimeZonesResponseMessageType).TimeZoneDefinitions.TimeZoneDefinition
	if len(defs) != 2 || *defs[0].Id != "UTC" || defs[1].Periods == nil || len(defs[1].Periods.Period) != 2 {
		t.Errorf("time zones %+v", defs)
	}
}

func TestSyncFolderItems(t *testing.T) {
	f := newFixture(t)
	c, ctx := f.c, f.ctx
	sync := func(state *string, max int32) *ews.SyncFolderItemsResponseMessageType {
		t.Helper()
		r := must(c.SyncFolderItems(ctx, &ews.SyncFolderItems{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, SyncFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, SyncState: state, MaxChangesReturned: ews.MaxSyncChangesReturnedType(max)}))
		noErrors(t, r)
		return r.ResponseMessages.Items[0].(*ews.SyncFolderItemsResponseMessageType)
	}
	kinds := func(m *ews.SyncFolderItemsResponseMessageType) string {
		var out []string
		for _, ch := range m.Changes.Items {
			switch ch.(type) {
			case *ews.SyncFolderItemsChangesTypeChoiceCreate:
				out = append(out, "create")
			case *ews.SyncFolderItemsChangesTypeChoiceUpdate:
				out = append(out, "update")
			case *ews.SyncFolderItemsDeleteType:
				out = append(out, "delete")
			}
		}
		return strings.Join(out, ",")
	}
	s1 := sync(nil, 1)
	if kinds(s1) != "create" || *s1.IncludesLastItemInRange {
		t.Fatalf("first page %s", kinds(s1))
	}
	s2 := sync(s1.SyncState, 10)
	if kinds(s2) != "create" || !*s2.IncludesLastItemInRange {
		t.Fatalf("second page %s", kinds(s2))
	}
	first := s1.Changes.Items[0].(*ews.SyncFolderItemsChangesTypeChoiceCreate).Message.ItemId
	must(c.UpdateItem(ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: &ews.ItemIdType{Id: first.Id}, Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{&ews.SetItemFieldType{Path: fieldURI("message:IsRead"), Message: &ews.MessageType{IsRead: ptr(true)}}}}}}}}))
	second := s2.Changes.Items[0].(*ews.SyncFolderItemsChangesTypeChoiceCreate).Message.ItemId
	must(c.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, ItemIds: itemIds(&ews.ItemIdType{Id: second.Id})}))
	s3 := sync(s2.SyncState, 10)
	if kinds(s3) != "update,delete" {
		t.Errorf("after changes %s", kinds(s3))
	}
	if s4 := sync(s3.SyncState, 10); kinds(s4) != "" {
		t.Errorf("no changes expected: %s", kinds(s4))
	}
	r, err := c.SyncFolderItems(ctx, &ews.SyncFolderItems{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, SyncFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, SyncState: ptr("garbage"), MaxChangesReturned: 10})
	if err != nil {
		t.Fatal(err)
	}
	if e := ews.ResponseErrors(r); len(e) != 1 || !errors.Is(e[0], ews.ResponseCodeErrorInvalidSyncStateData) {
		t.Errorf("bad state: %v", e)
	}
}

func TestProtocol(t *testing.T) {
	f := newFixture(t)
	ctx := f.ctx
	var h ews.EnvelopeHeader
	if _, err := f.c.GetImItemList(ctx, &ews.GetImItemList{}, ews.ResponseHeader(&h)); err != nil {
		t.Fatal(err)
	}
	if h.ServerVersionInfo == nil || *h.ServerVersionInfo.MajorVersion != 15 {
		t.Errorf("ServerVersionInfo %+v", h.ServerVersionInfo)
	}
	_, err := f.c.GetImItemList(ctx, &ews.GetImItemList{}, ews.WithHeader(func(h *ews.EnvelopeHeader) {
		h.RequestServerVersion = &ews.RequestServerVersion{Version: "Exchange2099"}
	}))
	var fault *ews.SOAPFault
	if !errors.As(err, &fault) || fault.ResponseCode() != "ErrorInvalidServerVersion" {
		t.Errorf("unknown version: %v", err)
	}

	post := func(body string, user string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", f.ts.URL+"/EWS/Exchange.asmx", strings.NewReader(body))
		req.Header.Set("Content-Type", "text/xml")
		if user != "" {
			req.SetBasicAuth(user, "pw")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := post("<soap:Envelope", "alice"); r.StatusCode != 500 {
		t.Errorf("malformed: %d", r.StatusCode)
	}
	r := post("<x/>", "")
	if r.StatusCode != 401 || !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), `Basic realm="`) {
		t.Errorf("unauthenticated: %d %q", r.StatusCode, r.Header.Get("WWW-Authenticate"))
	}
	if r := post("<x/>", "mallory"); r.StatusCode != 401 {
		t.Errorf("wrong user: %d", r.StatusCode)
	}
}

func TestConcurrent(t *testing.T) {
	f := newFixture(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				cr, err := f.c.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly), Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr("c")}}}})
				if err != nil || len(ews.ResponseErrors(cr)) > 0 {
					t.Error(err)
					return
				}
				if _, err := f.c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}, ParentFolderIds: folderIds(dist("drafts"))}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	fr := must(f.c.FindFolder(f.ctx, &ews.FindFolder{Traversal: ews.FolderQueryTraversalShallow, FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(dist("msgfolderroot"))}))
	for _, x := range fr.ResponseMessages.Items[0].(*ews.FindFolderResponseMessageType).RootFolder.Folders.Items {
		if ff, ok := x.(*ews.FolderType); ok && *ff.DisplayName == "Drafts" && *ff.TotalCount != 80 {
			t.Errorf("drafts hold %d items", *ff.TotalCount)
		}
	}
}

func TestSchemaFiles(t *testing.T) {
	dir := corpus.Dir(t)
	srv, err := New(Options{SchemaDir: filepath.Join(dir, "schemas", "v2018_01_08")})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, p := range []string{"/EWS/Services.wsdl", "/EWS/messages.xsd", "/EWS/types.xsd"} {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(b, []byte("http://schemas.microsoft.com/exchange/services/2006/")) {
			t.Errorf("%s: %d, %d bytes", p, resp.StatusCode, len(b))
		}
	}
	srv, _ = New(Options{})
	ts2 := httptest.NewServer(srv.Handler())
	defer ts2.Close()
	if resp, err := http.Get(ts2.URL + "/EWS/Services.wsdl"); err != nil || resp.StatusCode != 404 {
		t.Errorf("without SchemaDir: %v %v", resp.StatusCode, err)
	}
}

func TestSeedFile(t *testing.T) {
	sd, err := LoadSeed("testdata/seed.json")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{Seed: sd})
	if err != nil {
		t.Fatal(err)
	}
	if srv.DefaultMailbox() != "alice@example.com" || strings.Join(srv.Mailboxes(), ",") != "alice@example.com,bob@example.com,app@example.com" {
		t.Errorf("mailboxes %v", srv.Mailboxes())
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	ctx := context.Background()
	// alice reads bob's Inbox (Reviewer), app acts as alice (impersonation
	// of every mailbox), and app reads bob's Calendar (Default Reviewer)
	// but not his Inbox.
	for _, c := range []struct {
		c    *ews.Client
		f    *ews.DistinguishedFolderIdType
		want string
	}{
		{testClient(ts.URL, "alice", "secret"), mailboxFolder("inbox", "bob@example.com"), "NoError"},
		{impersonating(ts.URL, "app", "app-secret", "alice@example.com"), dist("inbox"), "NoError"},
		{testClient(ts.URL, "app", "app-secret"), mailboxFolder("calendar", "bob@example.com"), "NoError"},
		{testClient(ts.URL, "app", "app-secret"), mailboxFolder("inbox", "bob@example.com"), "ErrorAccessDenied"},
		{testClient(ts.URL, "alice", "bob-secret"), dist("inbox"), "HTTP 401"},
	} {
		r, err := c.c.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(c.f)})
		var he *ews.HTTPError
		got := ""
		if errors.As(err, &he) {
			got = fmt.Sprintf("HTTP %d", he.StatusCode)
		} else {
			got = code(t, r, err)
		}
		if got != c.want {
			t.Errorf("FindItem %s in %v: %s, want %s", c.f.Id, c.f.Mailbox, got, c.want)
		}
	}
	// A user given both in Options and in the seed takes its password
	// from Options.
	srv, err = New(Options{User: "alice", Password: "other", Seed: sd})
	if err != nil {
		t.Fatal(err)
	}
	if a := srv.userOf("alice"); a == nil || a.password != "other" || len(srv.users) != 3 {
		t.Errorf("alice given twice: %+v, %d users", a, len(srv.users))
	}
	bad := &Seed{Mailboxes: []SeedMailbox{{Address: "x@example.com", Items: []SeedItem{{Folder: "nowhere"}}}}}
	if _, err := New(Options{Seed: bad}); err == nil {
		t.Error("a seed item in an unknown folder was accepted")
	}
}
