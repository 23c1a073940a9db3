package mock

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
)

// accessSeed has three users; bob's mailbox holds items in Inbox, Sent
// Items, Drafts and Inbox/Private. bobPerms are bob's folder permissions,
// aliceImpersonate the mailboxes alice may impersonate.
func accessSeed(bobPerms, aliceImpersonate string) string {
	return `{"users": [
    {"name": "alice", "password": "pa", "impersonate": [` + aliceImpersonate + `]},
    {"name": "bob", "password": "pb"},
    {"name": "carol", "password": "pc"}],
  "mailboxes": [
  {"address": "alice@example.com", "name": "Alice Smith",
   "items": [{"folder": "inbox", "subject": "alice mail", "body": "for alice"}]},
  {"address": "bob@example.com", "name": "Bob Jones",
   "folders": [{"parent": "inbox", "name": "Private"}],
   "items": [
     {"folder": "inbox", "subject": "bob inbox 2", "body": "secret two", "isRead": true, "received": "2024-05-01T10:00:00Z"},
     {"folder": "inbox", "subject": "bob inbox 1", "body": "secret one", "isRead": false, "received": "2024-05-02T10:00:00Z"},
     {"folder": "inbox/Private", "subject": "bob private", "body": "very secret"},
     {"folder": "sentitems", "subject": "bob sent", "body": "sent secret"},
     {"folder": "drafts", "subject": "bob draft", "to": ["carol@example.com"]}
   ],
   "permissions": [` + bobPerms + `]},
  {"address": "carol@example.com", "name": "Carol White"}
]}`
}

// bobsStore holds the ids of bob's objects, read by bob himself, and the
// clients of the users.
type bobsStore struct {
	inbox, sent, private       *ews.FolderIdType
	inboxItem, sentItem, draft *ews.ItemIdType
	privateItem                *ews.ItemIdType
	aliceInbox                 *ews.FolderIdType
	aliceItem                  *ews.ItemIdType
	alice, bob, carol          *ews.Client
	aliceAsBob, aliceAsCarol   *ews.Client
	aliceAsNobody              *ews.Client
	srv                        *Server
	ctx                        context.Context
	bobInboxByMailbox          *ews.DistinguishedFolderIdType
	bobSentByMailbox           *ews.DistinguishedFolderIdType
	unknownMailbox             *ews.DistinguishedFolderIdType
}

func impersonating(base, user, password, as string) *ews.Client {
	return ews.NewClient(base+"/EWS/Exchange.asmx", &http.Client{Transport: auth.Basic(user, password, nil, auth.AllowPlainHTTP())},
		ews.WithHeader(func(h *ews.EnvelopeHeader) {
			h.RequestServerVersion = &ews.RequestServerVersion{Version: ews.ExchangeVersionExchange2013SP1}
			h.ExchangeImpersonation = &ews.ExchangeImpersonation{ConnectingSID: &ews.ConnectingSIDType{PrimarySmtpAddress: &ews.PrimarySmtpAddressType{Value: ews.NonEmptyStringType(as)}}}
		}))
}

func mailboxFolder(name, addr string) *ews.DistinguishedFolderIdType {
	return &ews.DistinguishedFolderIdType{Id: ews.DistinguishedFolderIdNameType(name), Mailbox: &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType(addr))}}
}

func newAccessFixture(t *testing.T, bobPerms, aliceImpersonate string) *bobsStore {
	t.Helper()
	var sd Seed
	if err := jsonUnmarshal(accessSeed(bobPerms, aliceImpersonate), &sd); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{Seed: &sd})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	b := &bobsStore{srv: srv, ctx: context.Background(),
		alice: testClient(ts.URL, "alice", "pa"), bob: testClient(ts.URL, "bob", "pb"), carol: testClient(ts.URL, "carol", "pc"),
		aliceAsBob:        impersonating(ts.URL, "alice", "pa", "bob@example.com"),
		aliceAsCarol:      impersonating(ts.URL, "alice", "pa", "carol@example.com"),
		aliceAsNobody:     impersonating(ts.URL, "alice", "pa", "nobody@example.com"),
		bobInboxByMailbox: mailboxFolder("inbox", "bob@example.com"),
		bobSentByMailbox:  mailboxFolder("sentitems", "bob@example.com"),
		unknownMailbox:    mailboxFolder("inbox", "nobody@example.com"),
	}
	ctx := b.ctx
	gf := must(b.bob.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("inbox"), dist("sentitems"))}))
	noErrors(t, gf)
	b.inbox = folderOf(t, gf.ResponseMessages.Items[0]).FolderId
	b.sent = folderOf(t, gf.ResponseMessages.Items[1]).FolderId
	ff := must(b.bob.FindFolder(ctx, &ews.FindFolder{Traversal: ews.FolderQueryTraversalShallow, FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(b.inbox)}))
	noErrors(t, ff)
	for _, x := range ff.ResponseMessages.Items[0].(*ews.FindFolderResponseMessageType).RootFolder.Folders.Items {
		if f := x.(*ews.FolderType); *f.DisplayName == "Private" {
			b.private = f.FolderId
		}
	}
	if b.private == nil {
		t.Fatal("bob has no Inbox/Private")
	}
	first := func(c *ews.Client, id ews.NonEmptyArrayOfBaseFolderIdsTypeChoice) *ews.ItemIdType {
		fr := must(c.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, ParentFolderIds: folderIds(id)}))
		noErrors(t, fr)
		items := itemsOf(fr.ResponseMessages.Items[0])
		if len(items) == 0 {
			t.Fatalf("no item in %v", id)
		}
		return msgID(t, items[0])
	}
	b.inboxItem = first(b.bob, dist("inbox"))
	b.sentItem = first(b.bob, dist("sentitems"))
	b.draft = first(b.bob, dist("drafts"))
	b.privateItem = first(b.bob, b.private)
	b.aliceItem = first(b.alice, dist("inbox"))
	gf = must(b.alice.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("inbox"))}))
	b.aliceInbox = folderOf(t, gf.ResponseMessages.Items[0]).FolderId
	return b
}

// code returns the response code of the first response message, or of the
// fault: what a client sees.
func code(t *testing.T, resp ews.BodyElement, err error) string {
	t.Helper()
	if err != nil {
		var f *ews.SOAPFault
		if errors.As(err, &f) {
			return "fault " + f.ResponseCode()
		}
		t.Fatalf("call failed: %v", err)
	}
	msgs := ews.ResponseMessages(resp)
	if len(msgs) == 0 {
		t.Fatalf("no response message in %T", resp)
	}
	if e := ews.MessageError(msgs[0]); e != nil {
		var re *ews.ResponseError
		if errors.As(e, &re) {
			return string(re.Code)
		}
		return e.Error()
	}
	return "NoError"
}

func idShape() *ews.ItemResponseShapeType {
	return &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}
}

func allShape() *ews.ItemResponseShapeType {
	return &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}
}

// subjectUpdate sets the subject of an item.
func subjectUpdate(id *ews.ItemIdType, subject string) *ews.UpdateItem {
	return &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
		ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: id, Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{
			&ews.SetItemFieldType{Path: fieldURI("item:Subject"), Message: &ews.MessageType{Subject: ptr(subject)}}}}}}}}
}

// check runs a call and compares the code the client sees with want.
type check struct {
	name string
	want string
	call func() (ews.BodyElement, error)
}

func runChecks(t *testing.T, checks []check) {
	t.Helper()
	for _, c := range checks {
		resp, err := c.call()
		if got := code(t, resp, err); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
}

// bodyElem adapts a typed call to check.call.
func bodyElem[T ews.BodyElement](r T, err error) (ews.BodyElement, error) {
	if err != nil {
		return nil, err
	}
	return r, nil
}

func TestAccessWithoutGrant(t *testing.T) {
	b := newAccessFixture(t, "", "")
	ctx, a := b.ctx, b.alice
	const denied = "ErrorAccessDenied"
	runChecks(t, []check{
		{"GetItem bob's item by id", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.GetItem(ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(b.inboxItem)}))
		}},
		{"FindItem bob's Inbox by Mailbox", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(b.bobInboxByMailbox)}))
		}},
		{"FindItem bob's Inbox by id", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(b.inbox)}))
		}},
		{"GetFolder bob's Inbox by id", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, FolderIds: folderIds(b.inbox)}))
		}},
		{"GetFolder bob's Inbox by Mailbox", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, FolderIds: folderIds(b.bobInboxByMailbox)}))
		}},
		{"FindFolder bob's msgfolderroot", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.FindFolder(ctx, &ews.FindFolder{Traversal: ews.FolderQueryTraversalDeep, FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(mailboxFolder("msgfolderroot", "bob@example.com"))}))
		}},
		{"MoveItem bob's item to alice's Inbox", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.MoveItem(ctx, &ews.MoveItem{ToFolderId: &ews.TargetFolderIdType{FolderId: b.aliceInbox}, ItemIds: itemIds(b.inboxItem)}))
		}},
		{"MoveItem alice's item to bob's Inbox", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.MoveItem(ctx, &ews.MoveItem{ToFolderId: &ews.TargetFolderIdType{FolderId: b.inbox}, ItemIds: itemIds(b.aliceItem)}))
		}},
		{"CopyItem bob's item", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.CopyItem(ctx, &ews.CopyItem{ToFolderId: &ews.TargetFolderIdType{FolderId: b.aliceInbox}, ItemIds: itemIds(b.inboxItem)}))
		}},
		{"DeleteItem bob's item (HardDelete)", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, ItemIds: itemIds(b.inboxItem)}))
		}},
		{"UpdateItem bob's item", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.UpdateItem(ctx, subjectUpdate(b.inboxItem, "mine now")))
		}},
		{"SendItem bob's draft", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.SendItem(ctx, &ews.SendItem{SaveItemToFolder: true, ItemIds: itemIds(&ews.ItemIdType{Id: b.draft.Id})}))
		}},
		{"CreateItem in bob's Inbox", "ErrorCreateItemAccessDenied", func() (ews.BodyElement, error) {
			return bodyElem(a.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly), SavedItemFolderId: &ews.TargetFolderIdType{FolderId: b.inbox},
				Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr("planted")}}}}))
		}},
		{"CreateFolder in bob's Inbox", "ErrorCreateSubfolderAccessDenied", func() (ews.BodyElement, error) {
			return bodyElem(a.CreateFolder(ctx, &ews.CreateFolder{ParentFolderId: &ews.TargetFolderIdType{FolderId: b.inbox},
				Folders: &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr("planted")}}}}))
		}},
		{"DeleteFolder bob's Inbox/Private", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.DeleteFolder(ctx, &ews.DeleteFolder{DeleteType: ews.DisposalHardDelete, FolderIds: folderIds(b.private)}))
		}},
		{"SyncFolderItems bob's Inbox", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.SyncFolderItems(ctx, &ews.SyncFolderItems{ItemShape: idShape(), SyncFolderId: &ews.TargetFolderIdType{FolderId: b.inbox}, MaxChangesReturned: 100}))
		}},
		{"impersonating bob without the right", "fault ErrorImpersonateUserDenied", func() (ews.BodyElement, error) {
			return bodyElem(b.aliceAsBob.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(dist("inbox"))}))
		}},
		{"impersonating bob to delete", "fault ErrorImpersonateUserDenied", func() (ews.BodyElement, error) {
			return bodyElem(b.aliceAsBob.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, ItemIds: itemIds(b.inboxItem)}))
		}},
		{"impersonating bob for the IM list", "fault ErrorImpersonateUserDenied", func() (ews.BodyElement, error) {
			return bodyElem(b.aliceAsBob.GetImItemList(ctx, &ews.GetImItemList{}))
		}},
		{"impersonating an unknown user", "fault ErrorNonExistentMailbox", func() (ews.BodyElement, error) {
			return bodyElem(b.aliceAsNobody.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("inbox"))}))
		}},
		{"an unknown mailbox", "ErrorNonExistentMailbox", func() (ews.BodyElement, error) {
			return bodyElem(a.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(b.unknownMailbox)}))
		}},
		{"alice's own Inbox", "NoError", func() (ews.BodyElement, error) {
			return bodyElem(a.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(dist("inbox"))}))
		}},
	})
	// Nothing of bob's changed: his items are where they were, unchanged.
	gr := must(b.bob.GetItem(ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(b.inboxItem, b.draft)}))
	noErrors(t, gr)
	if got := subjects(append(itemsOf(gr.ResponseMessages.Items[0]), itemsOf(gr.ResponseMessages.Items[1])...)); strings.Join(got, ",") != "bob inbox 1,bob draft" {
		t.Errorf("bob's items after alice's attempts: %v", got)
	}
	fr := must(b.bob.FindFolder(ctx, &ews.FindFolder{Traversal: ews.FolderQueryTraversalShallow, FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(b.inbox)}))
	if n := len(fr.ResponseMessages.Items[0].(*ews.FindFolderResponseMessageType).RootFolder.Folders.Items); n != 1 {
		t.Errorf("bob's Inbox has %d subfolders, want 1 (Private)", n)
	}
	// The IM list is the user's own: bob's groups are not alice's.
	bl := must(b.bob.GetImItemList(ctx, &ews.GetImItemList{}))
	gid := bl.ImItemList.Groups.Items[0].(*ews.ImGroupType).ExchangeStoreId
	gi, err := a.GetImItems(ctx, &ews.GetImItems{GroupIds: itemIds(gid)})
	if !errors.Is(err, ews.ResponseCodeErrorInvalidImGroupId) {
		t.Errorf("alice reading bob's IM group: %v, %v", gi, err)
	}
}

func TestAccessDelegateReviewerOnInbox(t *testing.T) {
	b := newAccessFixture(t, `{"folder": "inbox", "user": "alice@example.com", "level": "Reviewer"}`, "")
	ctx, a := b.ctx, b.alice
	const denied = "ErrorAccessDenied"
	// Reading bob's Inbox works, by Mailbox and by id.
	fr := must(a.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(b.bobInboxByMailbox)}))
	noErrors(t, fr)
	if got := subjects(itemsOf(fr.ResponseMessages.Items[0])); strings.Join(got, ",") != "bob inbox 1,bob inbox 2" {
		t.Errorf("alice reading bob's Inbox: %v", got)
	}
	gr := must(a.GetItem(ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(b.inboxItem)}))
	noErrors(t, gr)
	m := itemsOf(gr.ResponseMessages.Items[0])[0].(*ews.MessageType)
	if m.Body == nil || m.Body.Value != "secret one" {
		t.Errorf("bob's item body: %+v", m.Body)
	}
	if r := m.EffectiveRights; r == nil || !r.Read || r.Modify || r.Delete {
		t.Errorf("EffectiveRights of bob's item for a reviewer: %+v", r)
	}
	gf := must(a.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}, FolderIds: folderIds(b.inbox)}))
	noErrors(t, gf)
	if f := folderOf(t, gf.ResponseMessages.Items[0]); *f.TotalCount != 2 || *f.UnreadCount != 1 || f.EffectiveRights == nil || !f.EffectiveRights.Read || f.EffectiveRights.CreateContents {
		t.Errorf("bob's Inbox for a reviewer: total %d unread %d rights %+v", *f.TotalCount, *f.UnreadCount, f.EffectiveRights)
	}
	// The grant is on the Inbox only: its subfolder is not listed.
	ff := must(a.FindFolder(ctx, &ews.FindFolder{Traversal: ews.FolderQueryTraversalShallow, FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(b.inbox)}))
	noErrors(t, ff)
	if n := len(ff.ResponseMessages.Items[0].(*ews.FindFolderResponseMessageType).RootFolder.Folders.Items); n != 0 {
		t.Errorf("alice sees %d subfolders of bob's Inbox, want 0", n)
	}
	runChecks(t, []check{
		{"GetItem bob's Sent Items item", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.GetItem(ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(b.sentItem)}))
		}},
		{"FindItem bob's Sent Items by Mailbox", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(b.bobSentByMailbox)}))
		}},
		{"GetFolder bob's Sent Items", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(b.sent)}))
		}},
		{"GetFolder bob's Inbox/Private", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.GetFolder(ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(b.private)}))
		}},
		{"GetItem bob's Inbox/Private item", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.GetItem(ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(b.privateItem)}))
		}},
		{"DeleteItem bob's Inbox item", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, ItemIds: itemIds(b.inboxItem)}))
		}},
		{"DeleteItem bob's Inbox item to Deleted Items", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalMoveToDeletedItems, ItemIds: itemIds(b.inboxItem)}))
		}},
		{"MoveItem bob's Inbox item out", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.MoveItem(ctx, &ews.MoveItem{ToFolderId: &ews.TargetFolderIdType{FolderId: b.aliceInbox}, ItemIds: itemIds(b.inboxItem)}))
		}},
		{"UpdateItem bob's Inbox item", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.UpdateItem(ctx, subjectUpdate(b.inboxItem, "edited")))
		}},
		{"CreateItem in bob's Inbox", "ErrorCreateItemAccessDenied", func() (ews.BodyElement, error) {
			return bodyElem(a.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly), SavedItemFolderId: &ews.TargetFolderIdType{FolderId: b.inbox},
				Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr("planted")}}}}))
		}},
		{"DeleteFolder bob's Inbox/Private", denied, func() (ews.BodyElement, error) {
			return bodyElem(a.DeleteFolder(ctx, &ews.DeleteFolder{DeleteType: ews.DisposalHardDelete, FolderIds: folderIds(b.private)}))
		}},
		{"CopyItem (read) bob's Inbox item to alice", "NoError", func() (ews.BodyElement, error) {
			return bodyElem(a.CopyItem(ctx, &ews.CopyItem{ToFolderId: &ews.TargetFolderIdType{FolderId: b.aliceInbox}, ItemIds: itemIds(b.inboxItem)}))
		}},
		{"SyncFolderItems bob's Inbox", "NoError", func() (ews.BodyElement, error) {
			return bodyElem(a.SyncFolderItems(ctx, &ews.SyncFolderItems{ItemShape: idShape(), SyncFolderId: &ews.TargetFolderIdType{FolderId: b.inbox}, MaxChangesReturned: 100}))
		}},
		{"carol, without a grant, on bob's Inbox", denied, func() (ews.BodyElement, error) {
			return bodyElem(b.carol.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(b.bobInboxByMailbox)}))
		}},
		{"impersonating bob still needs the right", "fault ErrorImpersonateUserDenied", func() (ews.BodyElement, error) {
			return bodyElem(b.aliceAsBob.GetItem(ctx, &ews.GetItem{ItemShape: idShape(), ItemIds: itemIds(b.sentItem)}))
		}},
	})
	gr = must(b.bob.GetItem(ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(b.inboxItem)}))
	noErrors(t, gr)
}

func TestAccessImpersonation(t *testing.T) {
	b := newAccessFixture(t, "", `"bob@example.com"`)
	ctx, a, ab := b.ctx, b.alice, b.aliceAsBob
	// Acting as bob, alice sees bob's mailbox as bob does.
	fr := must(ab.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(dist("sentitems"))}))
	noErrors(t, fr)
	if got := subjects(itemsOf(fr.ResponseMessages.Items[0])); strings.Join(got, ",") != "bob sent" {
		t.Errorf("impersonated Sent Items: %v", got)
	}
	runChecks(t, []check{
		{"GetItem bob's Inbox/Private item as bob", "NoError", func() (ews.BodyElement, error) {
			return bodyElem(ab.GetItem(ctx, &ews.GetItem{ItemShape: allShape(), ItemIds: itemIds(b.privateItem)}))
		}},
		{"UpdateItem as bob", "NoError", func() (ews.BodyElement, error) {
			return bodyElem(ab.UpdateItem(ctx, subjectUpdate(b.sentItem, "edited as bob")))
		}},
		{"DeleteItem as bob", "NoError", func() (ews.BodyElement, error) {
			return bodyElem(ab.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, ItemIds: itemIds(b.inboxItem)}))
		}},
		{"SendItem bob's draft as bob", "NoError", func() (ews.BodyElement, error) {
			return bodyElem(ab.SendItem(ctx, &ews.SendItem{SaveItemToFolder: true, ItemIds: itemIds(&ews.ItemIdType{Id: b.draft.Id})}))
		}},
		{"CreateItem as bob", "NoError", func() (ews.BodyElement, error) {
			return bodyElem(ab.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
				Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr("written as bob")}}}}))
		}},
		// Without the header alice is herself again.
		{"GetItem bob's item as alice", "ErrorAccessDenied", func() (ews.BodyElement, error) {
			return bodyElem(a.GetItem(ctx, &ews.GetItem{ItemShape: idShape(), ItemIds: itemIds(b.privateItem)}))
		}},
		// The right covers bob only.
		{"impersonating carol", "fault ErrorImpersonateUserDenied", func() (ews.BodyElement, error) {
			return bodyElem(b.aliceAsCarol.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(dist("inbox"))}))
		}},
	})
	// bob sees what alice did as him: the item deleted, the draft sent to
	// carol, a new draft in his Drafts.
	gr := must(b.bob.GetItem(ctx, &ews.GetItem{ItemShape: idShape(), ItemIds: itemIds(b.inboxItem)}))
	if c := code(t, gr, nil); c != "ErrorItemNotFound" {
		t.Errorf("bob's deleted item: %s", c)
	}
	fr = must(b.bob.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(dist("drafts"))}))
	if got := subjects(itemsOf(fr.ResponseMessages.Items[0])); strings.Join(got, ",") != "written as bob" {
		t.Errorf("bob's Drafts: %v", got)
	}
	fr = must(b.carol.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, ParentFolderIds: folderIds(dist("inbox"))}))
	if got := subjects(itemsOf(fr.ResponseMessages.Items[0])); strings.Join(got, ",") != "bob draft" {
		t.Errorf("carol's Inbox: %v", got)
	}
}

func TestSeedGrantErrors(t *testing.T) {
	for _, tc := range []struct{ perms, imp, want string }{
		{`{"folder": "inbox", "user": "alice@example.com", "level": "Boss"}`, "", `unknown permission level "Boss"`},
		{`{"folder": "inbox/Nope", "user": "alice@example.com", "level": "Reviewer"}`, "", `no folder "Nope"`},
		{`{"folder": "inbox", "user": "zed@example.com", "level": "Reviewer"}`, "", `user "zed@example.com" has no mailbox`},
		{"", `"zed@example.com"`, `may impersonate "zed@example.com", which has no mailbox`},
	} {
		var sd Seed
		if err := jsonUnmarshal(accessSeed(tc.perms, tc.imp), &sd); err != nil {
			t.Fatal(err)
		}
		_, err := New(Options{Seed: &sd})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("seed with %s %s: %v, want %q", tc.perms, tc.imp, err, tc.want)
		}
	}
}
