package mock

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// createMessage saves a draft in folder and returns its id.
func createMessage(t *testing.T, f *fixture, folder string, m *ews.MessageType) *ews.ItemIdType {
	t.Helper()
	r := must(f.c.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
		SavedItemFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist(folder)},
		Items:             &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{m}}}))
	noErrors(t, r)
	return msgID(t, itemsOf(r.ResponseMessages.Items[0])[0])
}

// getMessage returns one message with a shape; nil asks for the Default
// shape (GetItem requires ItemShape).
func getMessage(t *testing.T, f *fixture, id *ews.ItemIdType, shape *ews.ItemResponseShapeType) *ews.MessageType {
	t.Helper()
	if shape == nil {
		shape = &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}
	}
	r := must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: shape, ItemIds: itemIds(&ews.ItemIdType{Id: id.Id})}))
	noErrors(t, r)
	m, ok := itemsOf(r.ResponseMessages.Items[0])[0].(*ews.MessageType)
	if !ok {
		t.Fatalf("not a message")
	}
	return m
}

func firstError(resp ews.BodyElement) error {
	if e := ews.ResponseErrors(resp); len(e) > 0 {
		return e[0]
	}
	return nil
}

func TestFaultCarriesServerVersionInfo(t *testing.T) {
	f := newFixture(t)
	// An unknown RequestServerVersion: ErrorInvalidServerVersion, with the
	// server's version in the fault's header.
	var h ews.EnvelopeHeader
	_, err := f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("inbox"))},
		ews.WithHeader(func(h *ews.EnvelopeHeader) {
			h.RequestServerVersion = &ews.RequestServerVersion{Version: "V2099_01_01"}
		}), ews.ResponseHeader(&h))
	var fault *ews.SOAPFault
	if !errors.As(err, &fault) || fault.ResponseCode() != "ErrorInvalidServerVersion" {
		t.Fatalf("unknown version: %v", err)
	}
	// The raw fault envelope carries the header too.
	body := `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><soap:Header><t:RequestServerVersion Version="Exchange2001"/></soap:Header><soap:Body><m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder></soap:Body></soap:Envelope>`
	for name, b := range map[string]string{"unknown version": body, "not XML": "<soap:Envelope"} {
		req, _ := http.NewRequest("POST", f.ts.URL+"/EWS/Exchange.asmx", strings.NewReader(b))
		req.Header.Set("Content-Type", "text/xml")
		req.SetBasicAuth("alice", "pw")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		env, err := ews.UnmarshalEnvelope(raw)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, raw)
		}
		if resp.StatusCode != 500 || env.Fault == nil || env.Header.ServerVersionInfo == nil || *env.Header.ServerVersionInfo.MajorVersion != 15 || env.Header.ServerVersionInfo.Version == nil {
			t.Errorf("%s: status %d, fault %v, header %+v", name, resp.StatusCode, env.Fault, env.Header.ServerVersionInfo)
		}
		if cl := resp.Header.Get("Content-Length"); cl != strconv.Itoa(len(raw)) {
			t.Errorf("%s: Content-Length %s for %d bytes", name, cl, len(raw))
		}
	}
}

func TestConvertIdRoundTrip(t *testing.T) {
	f := newFixture(t)
	id := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("convert me")})
	formats := []ews.IdFormatType{ews.IdFormatEwsLegacyId, ews.IdFormatEntryId, ews.IdFormatHexEntryId, ews.IdFormatStoreId, ews.IdFormatOwaId, ews.IdFormatEwsId}
	convert := func(from ews.IdFormatType, x string, to ews.IdFormatType) (string, error) {
		r, err := f.c.ConvertId(f.ctx, &ews.ConvertId{DestinationFormat: to, SourceIds: &ews.NonEmptyArrayOfAlternateIdsType{Items: []ews.NonEmptyArrayOfAlternateIdsTypeChoice{
			&ews.AlternateIdType{Format: from, Id: x, Mailbox: "alice@example.com"}}}})
		if err != nil {
			return "", err
		}
		if err := firstError(r); err != nil {
			return "", err
		}
		a := r.ResponseMessages.Items[0].(*ews.ConvertIdResponseMessageType).AlternateId.(*ews.AlternateIdType)
		if a.Format != to || a.Mailbox != "alice@example.com" {
			t.Errorf("converted to %s: %+v", to, a)
		}
		return a.Id, nil
	}
	seen := map[string]bool{}
	for _, to := range formats {
		alt, err := convert(ews.IdFormatEwsId, id.Id, to)
		if err != nil {
			t.Fatalf("EwsId -> %s: %v", to, err)
		}
		if to != ews.IdFormatEwsId && (alt == id.Id || seen[alt]) {
			t.Errorf("%s form %q is not distinct", to, alt)
		}
		seen[alt] = true
		back, err := convert(to, alt, ews.IdFormatEwsId)
		if err != nil || back != id.Id {
			t.Errorf("%s -> EwsId: %q, %v; want %q", to, back, err, id.Id)
		}
	}
	// The converted id still reaches the item.
	getMessage(t, f, &ews.ItemIdType{Id: must(convert(ews.IdFormatOwaId, must(convert(ews.IdFormatEwsId, id.Id, ews.IdFormatOwaId)), ews.IdFormatEwsId))}, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly})
	// Unknown input: Exchange's error.
	for _, bad := range []struct {
		f  ews.IdFormatType
		id string
	}{{ews.IdFormatEwsId, "DUMMY"}, {ews.IdFormatHexEntryId, "00ZZ"}, {ews.IdFormatEntryId, id.Id}, {ews.IdFormatStoreId, base64.StdEncoding.EncodeToString([]byte("short"))}} {
		if _, err := convert(bad.f, bad.id, ews.IdFormatEwsId); !errors.Is(err, ews.ResponseCodeErrorInvalidIdMalformed) {
			t.Errorf("%s %q: %v, want ErrorInvalidIdMalformed", bad.f, bad.id, err)
		}
	}
}

func TestMoveAndCopyGiveNewIDs(t *testing.T) {
	f := newFixture(t)
	id := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("traveller")})
	mv := must(f.c.MoveItem(f.ctx, &ews.MoveItem{ToFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, ItemIds: itemIds(id)}))
	noErrors(t, mv)
	moved := msgID(t, itemsOf(mv.ResponseMessages.Items[0])[0])
	if moved.Id == id.Id {
		t.Fatalf("MoveItem kept the id %s", id.Id)
	}
	r := must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: idShape(), ItemIds: itemIds(id)}))
	if err := firstError(r); !errors.Is(err, ews.ResponseCodeErrorItemNotFound) {
		t.Errorf("old id after move: %v", err)
	}
	if m := getMessage(t, f, moved, nil); *m.Subject != "traveller" || m.ParentFolderId == nil {
		t.Errorf("moved item: %+v", m)
	}
	cp := must(f.c.CopyItem(f.ctx, &ews.CopyItem{ToFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("drafts")}, ItemIds: itemIds(moved)}))
	noErrors(t, cp)
	copied := msgID(t, itemsOf(cp.ResponseMessages.Items[0])[0])
	if copied.Id == moved.Id || copied.Id == id.Id {
		t.Errorf("CopyItem reused an id")
	}
	getMessage(t, f, moved, idShape())
	getMessage(t, f, copied, idShape())

	// Delete with each disposal type.
	del := func(id *ews.ItemIdType, how ews.DisposalType) {
		t.Helper()
		noErrors(t, must(f.c.DeleteItem(f.ctx, &ews.DeleteItem{DeleteType: how, ItemIds: itemIds(id)})))
	}
	count := func(folder string) int {
		t.Helper()
		r := must(f.c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: idShape(), ParentFolderIds: folderIds(dist(folder))}))
		noErrors(t, r)
		return len(itemsOf(r.ResponseMessages.Items[0]))
	}
	before := count("deleteditems")
	del(copied, ews.DisposalMoveToDeletedItems)
	if n := count("deleteditems"); n != before+1 {
		t.Errorf("MoveToDeletedItems: Deleted Items holds %d, want %d", n, before+1)
	}
	del(moved, ews.DisposalSoftDelete)
	if n := count("recoverableitemsdeletions"); n != 1 {
		t.Errorf("SoftDelete: Recoverable Items holds %d, want 1", n)
	}
	third := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("gone")})
	del(third, ews.DisposalHardDelete)
	if n := count("recoverableitemsdeletions"); n != 1 {
		t.Errorf("HardDelete went to Recoverable Items (%d)", n)
	}
	r = must(f.c.GetItem(f.ctx, &ews.GetItem{ItemShape: idShape(), ItemIds: itemIds(third)}))
	if err := firstError(r); !errors.Is(err, ews.ResponseCodeErrorItemNotFound) {
		t.Errorf("hard-deleted item: %v", err)
	}
}

func TestSyncFolderHierarchyExactChanges(t *testing.T) {
	f := newFixture(t)
	sync := func(state *string) *ews.SyncFolderHierarchyResponseMessageType {
		t.Helper()
		r := must(f.c.SyncFolderHierarchy(f.ctx, &ews.SyncFolderHierarchy{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}, SyncState: state}))
		noErrors(t, r)
		return r.ResponseMessages.Items[0].(*ews.SyncFolderHierarchyResponseMessageType)
	}
	type change struct{ kind, id, name string }
	changes := func(m *ews.SyncFolderHierarchyResponseMessageType) []change {
		var out []change
		for _, c := range m.Changes.Items {
			switch c := c.(type) {
			case *ews.SyncFolderHierarchyChangesTypeChoiceCreate:
				out = append(out, change{"create", anyFolderID(c.Folder, c.CalendarFolder, c.ContactsFolder, c.TasksFolder), anyFolderName(c.Folder, c.CalendarFolder, c.ContactsFolder, c.TasksFolder)})
			case *ews.SyncFolderHierarchyChangesTypeChoiceUpdate:
				out = append(out, change{"update", anyFolderID(c.Folder, c.CalendarFolder, c.ContactsFolder, c.TasksFolder), anyFolderName(c.Folder, c.CalendarFolder, c.ContactsFolder, c.TasksFolder)})
			case *ews.SyncFolderHierarchyDeleteType:
				out = append(out, change{"delete", c.FolderId.Id, ""})
			}
		}
		return out
	}
	first := sync(nil)
	all := changes(first)
	names := map[string]bool{}
	for _, c := range all {
		if c.kind != "create" {
			t.Errorf("first sync has %v", c)
		}
		names[c.name] = true
	}
	for _, want := range []string{"Inbox", "Drafts", "Calendar", "Contacts", "Projects", "2024"} {
		if !names[want] {
			t.Errorf("first sync lacks %s (has %v)", want, names)
		}
	}
	if n := changes(sync(first.SyncState)); len(n) != 0 {
		t.Errorf("nothing changed, yet %v", n)
	}
	mk := func(parent *ews.DistinguishedFolderIdType, name string) string {
		r := must(f.c.CreateFolder(f.ctx, &ews.CreateFolder{ParentFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: parent},
			Folders: &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr(name)}}}}))
		noErrors(t, r)
		return folderOf(t, r.ResponseMessages.Items[0]).FolderId.Id
	}
	keep := mk(dist("inbox"), "Keep")
	doomed := mk(dist("inbox"), "Doomed")
	mid := sync(first.SyncState)
	if c := changes(mid); len(c) != 2 || c[0] != (change{"create", keep, "Keep"}) || c[1] != (change{"create", doomed, "Doomed"}) {
		t.Errorf("after two creates: %v", c)
	}
	created := mk(dist("drafts"), "Fresh")
	up := must(f.c.UpdateFolder(f.ctx, &ews.UpdateFolder{FolderChanges: &ews.NonEmptyArrayOfFolderChangesType{FolderChange: []ews.FolderChangeType{{
		FolderId: &ews.FolderIdType{Id: keep},
		Updates: &ews.NonEmptyArrayOfFolderChangeDescriptionsType{Items: []ews.NonEmptyArrayOfFolderChangeDescriptionsTypeChoice{
			&ews.SetFolderFieldType{Path: fieldURI("folder:DisplayName"), Folder: &ews.FolderType{DisplayName: ptr("Kept")}}}}}}}}))
	noErrors(t, up)
	noErrors(t, must(f.c.DeleteFolder(f.ctx, &ews.DeleteFolder{DeleteType: ews.DisposalHardDelete, FolderIds: folderIds(&ews.FolderIdType{Id: doomed})})))
	got := changes(sync(mid.SyncState))
	want := []change{{"create", created, "Fresh"}, {"update", keep, "Kept"}, {"delete", doomed, ""}}
	if len(got) != len(want) {
		t.Fatalf("changes %v, want %v", got, want)
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("changes %v lack %v", got, w)
		}
	}
	r := must(f.c.SyncFolderHierarchy(f.ctx, &ews.SyncFolderHierarchy{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, SyncState: ptr("garbage")}))
	if err := firstError(r); !errors.Is(err, ews.ResponseCodeErrorInvalidSyncStateData) {
		t.Errorf("bad state: %v", err)
	}
}

func anyFolderID(fs ...any) string {
	for _, x := range fs {
		switch x := x.(type) {
		case *ews.FolderType:
			if x != nil {
				return x.FolderId.Id
			}
		case *ews.CalendarFolderType:
			if x != nil {
				return x.FolderId.Id
			}
		case *ews.ContactsFolderType:
			if x != nil {
				return x.FolderId.Id
			}
		case *ews.TasksFolderType:
			if x != nil {
				return x.FolderId.Id
			}
		}
	}
	return ""
}

func anyFolderName(fs ...any) string {
	for _, x := range fs {
		switch x := x.(type) {
		case *ews.FolderType:
			if x != nil && x.DisplayName != nil {
				return *x.DisplayName
			}
		case *ews.CalendarFolderType:
			if x != nil && x.DisplayName != nil {
				return *x.DisplayName
			}
		case *ews.ContactsFolderType:
			if x != nil && x.DisplayName != nil {
				return *x.DisplayName
			}
		case *ews.TasksFolderType:
			if x != nil && x.DisplayName != nil {
				return *x.DisplayName
			}
		}
	}
	return ""
}

func TestFolderOperations(t *testing.T) {
	f := newFixture(t)
	mk := func(parent any, name string) *ews.FolderIdType {
		t.Helper()
		tf := &ews.TargetFolderIdType{}
		switch p := parent.(type) {
		case *ews.DistinguishedFolderIdType:
			tf.DistinguishedFolderId = p
		case *ews.FolderIdType:
			tf.FolderId = p
		}
		r := must(f.c.CreateFolder(f.ctx, &ews.CreateFolder{ParentFolderId: tf,
			Folders: &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr(name)}}}}))
		noErrors(t, r)
		return folderOf(t, r.ResponseMessages.Items[0]).FolderId
	}
	a := mk(dist("inbox"), "A")
	sub := mk(a, "Sub")
	createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("x")})
	it := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("in A")})
	noErrors(t, must(f.c.MoveItem(f.ctx, &ews.MoveItem{ToFolderId: &ews.TargetFolderIdType{FolderId: a}, ItemIds: itemIds(it)})))

	// MoveFolder: A under Drafts keeps its id; into its own subfolder fails;
	// a distinguished folder cannot move.
	mv := must(f.c.MoveFolder(f.ctx, &ews.MoveFolder{ToFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("drafts")}, FolderIds: folderIds(a)}))
	noErrors(t, mv)
	g := must(f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}, FolderIds: folderIds(&ews.FolderIdType{Id: a.Id})}))
	noErrors(t, g)
	drafts := folderOf(t, must(f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("drafts"))})).ResponseMessages.Items[0])
	if p := folderOf(t, g.ResponseMessages.Items[0]).ParentFolderId; p == nil || p.Id != drafts.FolderId.Id {
		t.Errorf("moved folder's parent %+v", p)
	}
	bad := must(f.c.MoveFolder(f.ctx, &ews.MoveFolder{ToFolderId: &ews.TargetFolderIdType{FolderId: sub}, FolderIds: folderIds(&ews.FolderIdType{Id: a.Id}, dist("inbox"))}))
	errs := ews.ResponseErrors(bad)
	if len(errs) != 2 || !errors.Is(errs[0], ews.ResponseCodeErrorMoveCopyFailed) || !errors.Is(errs[1], ews.ResponseCodeErrorMoveDistinguishedFolder) {
		t.Errorf("bad moves: %v", errs)
	}

	// CopyFolder: a deep copy with new ids, items included.
	cp := must(f.c.CopyFolder(f.ctx, &ews.CopyFolder{ToFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, FolderIds: folderIds(&ews.FolderIdType{Id: a.Id})}))
	noErrors(t, cp)
	copyID := cp.ResponseMessages.Items[0].(*ews.CopyFolderResponseMessage).Folders.Items[0].(*ews.FolderType).FolderId
	if copyID.Id == a.Id {
		t.Fatal("CopyFolder reused the id")
	}
	cg := folderOf(t, must(f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, FolderIds: folderIds(&ews.FolderIdType{Id: copyID.Id})})).ResponseMessages.Items[0])
	if *cg.DisplayName != "A" || *cg.TotalCount != 1 || *cg.ChildFolderCount != 1 {
		t.Errorf("copy: name %s, %d items, %d subfolders", *cg.DisplayName, *cg.TotalCount, *cg.ChildFolderCount)
	}
	// UpdateFolder to a sibling's name: ErrorFolderExists.
	b := mk(dist("drafts"), "B")
	up := must(f.c.UpdateFolder(f.ctx, &ews.UpdateFolder{FolderChanges: &ews.NonEmptyArrayOfFolderChangesType{FolderChange: []ews.FolderChangeType{{FolderId: &ews.FolderIdType{Id: a.Id},
		Updates: &ews.NonEmptyArrayOfFolderChangeDescriptionsType{Items: []ews.NonEmptyArrayOfFolderChangeDescriptionsTypeChoice{&ews.SetFolderFieldType{Path: fieldURI("folder:DisplayName"), Folder: &ews.FolderType{DisplayName: ptr("b")}}}}}}}}))
	if err := firstError(up); !errors.Is(err, ews.ResponseCodeErrorFolderExists) {
		t.Errorf("rename onto a sibling: %v", err)
	}

	// UpdateFolder PermissionSet: bob gets Reviewer on B, then loses it.
	perms := func(u ews.NonEmptyArrayOfFolderChangeDescriptionsTypeChoice) {
		t.Helper()
		noErrors(t, must(f.c.UpdateFolder(f.ctx, &ews.UpdateFolder{FolderChanges: &ews.NonEmptyArrayOfFolderChangesType{FolderChange: []ews.FolderChangeType{{FolderId: &ews.FolderIdType{Id: b.Id},
			Updates: &ews.NonEmptyArrayOfFolderChangeDescriptionsType{Items: []ews.NonEmptyArrayOfFolderChangeDescriptionsTypeChoice{u}}}}}})))
	}
	bobSees := func() error {
		t.Helper()
		return firstError(must(f.bob.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(&ews.FolderIdType{Id: b.Id})})))
	}
	if err := bobSees(); !errors.Is(err, ews.ResponseCodeErrorAccessDenied) {
		t.Errorf("bob before the grant: %v", err)
	}
	perms(&ews.SetFolderFieldType{Path: fieldURI("folder:PermissionSet"), Folder: &ews.FolderType{PermissionSet: &ews.PermissionSetType{Permissions: &ews.ArrayOfPermissionsType{Items: []ews.ArrayOfPermissionsTypeChoice{
		&ews.PermissionType{UserId: &ews.UserIdType{DistinguishedUser: ptr(ews.DistinguishedUserDefault)}, PermissionLevel: ews.PermissionLevelNone},
		&ews.PermissionType{UserId: &ews.UserIdType{PrimarySmtpAddress: ptr("bob@example.com")}, PermissionLevel: ews.PermissionLevelReviewer}}}}}})
	if err := bobSees(); err != nil {
		t.Errorf("bob with Reviewer: %v", err)
	}
	pg := folderOf(t, must(f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly, AdditionalProperties: &ews.NonEmptyArrayOfPathsToElementType{Items: []ews.NonEmptyArrayOfPathsToElementTypeChoice{fieldURI("folder:PermissionSet")}}}, FolderIds: folderIds(&ews.FolderIdType{Id: b.Id})})).ResponseMessages.Items[0])
	if ps := pg.PermissionSet; ps == nil || len(ps.Permissions.Items) != 2 || ps.Permissions.Items[1].(*ews.PermissionType).PermissionLevel != ews.PermissionLevelReviewer {
		t.Errorf("PermissionSet %+v", ps)
	}
	perms(&ews.DeleteFolderFieldType{Path: fieldURI("folder:PermissionSet")})
	if err := bobSees(); !errors.Is(err, ews.ResponseCodeErrorAccessDenied) {
		t.Errorf("bob after the grants are removed: %v", err)
	}

	// EmptyFolder: items only, then with subfolders.
	em := must(f.c.EmptyFolder(f.ctx, &ews.EmptyFolder{DeleteType: ews.DisposalHardDelete, FolderIds: folderIds(&ews.FolderIdType{Id: copyID.Id})}))
	noErrors(t, em)
	cg = folderOf(t, must(f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, FolderIds: folderIds(&ews.FolderIdType{Id: copyID.Id})})).ResponseMessages.Items[0])
	if *cg.TotalCount != 0 || *cg.ChildFolderCount != 1 {
		t.Errorf("emptied without subfolders: %d items, %d subfolders", *cg.TotalCount, *cg.ChildFolderCount)
	}
	noErrors(t, must(f.c.EmptyFolder(f.ctx, &ews.EmptyFolder{DeleteType: ews.DisposalHardDelete, DeleteSubFolders: true, FolderIds: folderIds(&ews.FolderIdType{Id: copyID.Id})})))
	cg = folderOf(t, must(f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault}, FolderIds: folderIds(&ews.FolderIdType{Id: copyID.Id})})).ResponseMessages.Items[0])
	if *cg.ChildFolderCount != 0 {
		t.Errorf("emptied with subfolders: %d subfolders", *cg.ChildFolderCount)
	}
	if err := firstError(must(f.c.EmptyFolder(f.ctx, &ews.EmptyFolder{DeleteType: ews.DisposalHardDelete, DeleteSubFolders: true, FolderIds: folderIds(dist("msgfolderroot"))}))); !errors.Is(err, ews.ResponseCodeErrorCannotEmptyFolder) {
		t.Errorf("emptying the top of the store: %v", err)
	}

	// MarkAllItemsAsRead.
	unread := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("unread")})
	noErrors(t, must(f.c.UpdateItem(f.ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
		ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: unread, Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{
			&ews.SetItemFieldType{Path: fieldURI("message:IsRead"), Message: &ews.MessageType{IsRead: ptr(false)}}}}}}}})))
	noErrors(t, must(f.c.MarkAllItemsAsRead(f.ctx, &ews.MarkAllItemsAsRead{ReadFlag: true, FolderIds: folderIds(dist("drafts"))})))
	if m := getMessage(t, f, &ews.ItemIdType{Id: unread.Id}, nil); m.IsRead == nil || !*m.IsRead {
		t.Errorf("MarkAllItemsAsRead left IsRead %v", m.IsRead)
	}
	// MarkAsJunk moves to Junk Email under a new id.
	jr := must(f.c.MarkAsJunk(f.ctx, &ews.MarkAsJunk{IsJunk: true, MoveItem: true, ItemIds: itemIds(&ews.ItemIdType{Id: unread.Id})}))
	noErrors(t, jr)
	moved := jr.ResponseMessages.Items[0].(*ews.MarkAsJunkResponseMessageType).MovedItemId
	if moved == nil || moved.Id == unread.Id {
		t.Fatalf("MarkAsJunk: %+v", moved)
	}
	junk := folderOf(t, must(f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("junkemail"))})).ResponseMessages.Items[0])
	if m := getMessage(t, f, moved, nil); m.ParentFolderId.Id != junk.FolderId.Id {
		t.Errorf("junk not in Junk Email")
	}
	// ArchiveItem: no archive mailbox here.
	if err := firstError(must(f.c.ArchiveItem(f.ctx, &ews.ArchiveItem{ArchiveSourceFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("junkemail")}, ItemIds: itemIds(moved)}))); !errors.Is(err, ews.ResponseCodeErrorArchiveMailboxNotEnabled) {
		t.Errorf("ArchiveItem: %v", err)
	}
	// ExportItems then UploadItems: a new item with the same properties.
	ex := must(f.c.ExportItems(f.ctx, &ews.ExportItems{ItemIds: &ews.NonEmptyArrayOfItemIdsType{ItemId: []ews.ItemIdType{*moved}}}))
	noErrors(t, ex)
	data := ex.ResponseMessages.Items[0].(*ews.ExportItemsResponseMessageType).Data
	up2 := must(f.c.UploadItems(f.ctx, &ews.UploadItems{Items: &ews.NonEmptyArrayOfUploadItemsType{Item: []ews.UploadItemType{{CreateAction: ews.CreateActionCreateNew, ParentFolderId: &ews.FolderIdType{Id: drafts.FolderId.Id}, Data: data}}}}))
	noErrors(t, up2)
	nid := up2.ResponseMessages.Items[0].(*ews.UploadItemsResponseMessageType).ItemId
	if m := getMessage(t, f, nid, nil); *m.Subject != "unread" || nid.Id == moved.Id {
		t.Errorf("uploaded item: %q", *m.Subject)
	}
	if err := firstError(must(f.c.UploadItems(f.ctx, &ews.UploadItems{Items: &ews.NonEmptyArrayOfUploadItemsType{Item: []ews.UploadItemType{{CreateAction: ews.CreateActionCreateNew, ParentFolderId: &ews.FolderIdType{Id: drafts.FolderId.Id}, Data: []byte("junk")}}}}))); !errors.Is(err, ews.ResponseCodeErrorInvalidRequest) {
		t.Errorf("foreign upload data: %v", err)
	}
}

const testMIME = "From: Bob Jones <bob@example.com>\r\n" +
	"To: Alice Smith <alice@example.com>, carol@example.com\r\n" +
	"Subject: =?utf-8?q?Caf=C3=A9_plans?=\r\n" +
	"Date: Mon, 06 May 2024 09:30:00 +0000\r\n" +
	"Message-ID: <plan-42@example.com>\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"XX\"\r\n" +
	"\r\n" +
	"--XX\r\n" +
	"Content-Type: multipart/alternative; boundary=\"YY\"\r\n" +
	"\r\n" +
	"--YY\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"Content-Transfer-Encoding: quoted-printable\r\n" +
	"\r\n" +
	"Meet at the caf=C3=A9.\r\n" +
	"--YY\r\n" +
	"Content-Type: text/html; charset=utf-8\r\n" +
	"\r\n" +
	"<p>Meet at the caf\xc3\xa9.</p>\r\n" +
	"--YY--\r\n" +
	"--XX\r\n" +
	"Content-Type: text/csv; name=\"menu.csv\"\r\n" +
	"Content-Disposition: attachment; filename=\"menu.csv\"\r\n" +
	"Content-Transfer-Encoding: base64\r\n" +
	"\r\n" +
	"aXRlbSxwcmljZQpjb2ZmZWUsMwo=\r\n" +
	"--XX--\r\n"

func TestMimeRoundTrip(t *testing.T) {
	f := newFixture(t)
	id := createMessage(t, f, "inbox", &ews.MessageType{MimeContent: &ews.MimeContentType{CharacterSet: ptr("UTF-8"), Value: base64.StdEncoding.EncodeToString([]byte(testMIME))}})
	m := getMessage(t, f, id, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties, IncludeMimeContent: ptr(true)})
	if m.Subject == nil || *m.Subject != "Café plans" {
		t.Errorf("subject %v", m.Subject)
	}
	if m.From == nil || string(*m.From.Mailbox.EmailAddress) != "bob@example.com" || *m.From.Mailbox.Name != "Bob Jones" {
		t.Errorf("from %+v", m.From)
	}
	if m.ToRecipients == nil || len(m.ToRecipients.Items) != 2 {
		t.Fatalf("to %+v", m.ToRecipients)
	}
	if m.Body == nil || m.Body.BodyType != ews.BodyTypeHTML || !strings.Contains(m.Body.Value, "café") {
		t.Errorf("body %+v", m.Body)
	}
	if m.InternetMessageId == nil || *m.InternetMessageId != "<plan-42@example.com>" {
		t.Errorf("message id %v", m.InternetMessageId)
	}
	if m.HasAttachments == nil || !*m.HasAttachments || m.Attachments == nil || len(m.Attachments.Items) != 1 {
		t.Fatalf("attachments %+v", m.Attachments)
	}
	// MIME out: parse what GetItem wrote and create an item from it again.
	if m.MimeContent == nil {
		t.Fatal("no MimeContent")
	}
	out, err := base64.StdEncoding.DecodeString(m.MimeContent.Value)
	if err != nil {
		t.Fatal(err)
	}
	id2 := createMessage(t, f, "drafts", &ews.MessageType{MimeContent: &ews.MimeContentType{Value: base64.StdEncoding.EncodeToString(out)}})
	m2 := getMessage(t, f, id2, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties})
	if *m2.Subject != *m.Subject || m2.Body.Value != m.Body.Value || len(m2.ToRecipients.Items) != 2 || string(*m2.From.Mailbox.EmailAddress) != "bob@example.com" {
		t.Errorf("round trip: subject %q body %q", *m2.Subject, m2.Body.Value)
	}
	fa := attachmentContent(t, f, m2.Attachments.Items[0])
	if string(fa.Content) != "item,price\ncoffee,3\n" || *fa.Name != "menu.csv" {
		t.Errorf("attachment after round trip: %q %q", *fa.Name, fa.Content)
	}
	// item:MimeContent asked for as a property gives the same MIME.
	m3 := getMessage(t, f, id, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly, AdditionalProperties: &ews.NonEmptyArrayOfPathsToElementType{Items: []ews.NonEmptyArrayOfPathsToElementTypeChoice{fieldURI("item:MimeContent")}}})
	if m3.MimeContent == nil || m3.MimeContent.Value != m.MimeContent.Value {
		t.Errorf("item:MimeContent: %v", m3.MimeContent)
	}
	// Not MIME: Exchange's error.
	r := must(f.c.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly), Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{
		&ews.MessageType{MimeContent: &ews.MimeContentType{Value: "!!!"}}}}}))
	if err := firstError(r); !errors.Is(err, ews.ResponseCodeErrorMimeContentConversionFailed) {
		t.Errorf("bad MIME: %v", err)
	}
}

// attachmentContent fetches a file attachment with GetAttachment.
func attachmentContent(t *testing.T, f *fixture, a ews.NonEmptyArrayOfAttachmentsTypeChoice) *ews.FileAttachmentType {
	t.Helper()
	fa, ok := a.(*ews.FileAttachmentType)
	if !ok || fa.AttachmentId == nil {
		t.Fatalf("attachment %T without id", a)
	}
	if fa.Content != nil {
		t.Errorf("GetItem returned attachment content")
	}
	r := must(f.c.GetAttachment(f.ctx, &ews.GetAttachment{AttachmentIds: &ews.NonEmptyArrayOfRequestAttachmentIdsType{Items: []ews.NonEmptyArrayOfRequestAttachmentIdsTypeChoice{&ews.RequestAttachmentIdType{Id: fa.AttachmentId.Id}}}}))
	noErrors(t, r)
	got := r.ResponseMessages.Items[0].(*ews.GetAttachmentResponseMessage).Attachments.Items[0].(*ews.FileAttachmentType)
	return got
}

func TestAttachments(t *testing.T) {
	f := newFixture(t)
	id := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("with files")})
	r := must(f.c.CreateAttachment(f.ctx, &ews.CreateAttachment{ParentItemId: id, Attachments: &ews.NonEmptyArrayOfAttachmentsType{Items: []ews.NonEmptyArrayOfAttachmentsTypeChoice{
		&ews.FileAttachmentType{Name: ptr("a.txt"), ContentType: ptr("text/plain"), Content: []byte("alpha")},
		&ews.ItemAttachmentType{Name: ptr("note"), Message: &ews.MessageType{Subject: ptr("inner"), Body: &ews.BodyType{BodyType: ews.BodyTypeText, Value: "inside"}}},
	}}}))
	noErrors(t, r)
	var attIDs []*ews.AttachmentIdType
	for _, m := range r.ResponseMessages.Items {
		a := m.(*ews.CreateAttachmentResponseMessage).Attachments.Items[0]
		switch a := a.(type) {
		case *ews.FileAttachmentType:
			attIDs = append(attIDs, a.AttachmentId)
		case *ews.ItemAttachmentType:
			attIDs = append(attIDs, a.AttachmentId)
		}
	}
	if len(attIDs) != 2 || attIDs[0].RootItemId == nil || *attIDs[0].RootItemId != id.Id || *attIDs[1].RootItemChangeKey == *id.ChangeKey {
		t.Fatalf("attachment ids %+v", attIDs)
	}
	m := getMessage(t, f, id, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties})
	if !*m.HasAttachments || len(m.Attachments.Items) != 2 {
		t.Fatalf("item attachments %+v", m.Attachments)
	}
	// Attachments sent inline in CreateItem: the response names their ids.
	ci := must(f.c.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly), Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{
		&ews.MessageType{Subject: ptr("inline"), Attachments: &ews.NonEmptyArrayOfAttachmentsType{Items: []ews.NonEmptyArrayOfAttachmentsTypeChoice{&ews.FileAttachmentType{Name: ptr("i.txt"), Content: []byte("inline")}}}}}}}))
	noErrors(t, ci)
	created := itemsOf(ci.ResponseMessages.Items[0])[0].(*ews.MessageType)
	if created.Attachments == nil || len(created.Attachments.Items) != 1 {
		t.Fatalf("CreateItem response attachments %+v", created.Attachments)
	}
	if fa := created.Attachments.Items[0].(*ews.FileAttachmentType); fa.AttachmentId == nil || fa.Content != nil || *fa.AttachmentId.RootItemId != created.ItemId.Id {
		t.Errorf("CreateItem response attachment %+v", fa)
	}
	if fa := attachmentContent(t, f, m.Attachments.Items[0]); string(fa.Content) != "alpha" || *fa.Size != 5 {
		t.Errorf("file attachment %q size %v", fa.Content, fa.Size)
	}
	g := must(f.c.GetAttachment(f.ctx, &ews.GetAttachment{AttachmentIds: &ews.NonEmptyArrayOfRequestAttachmentIdsType{Items: []ews.NonEmptyArrayOfRequestAttachmentIdsTypeChoice{&ews.RequestAttachmentIdType{Id: attIDs[1].Id}}}}))
	noErrors(t, g)
	ia := g.ResponseMessages.Items[0].(*ews.GetAttachmentResponseMessage).Attachments.Items[0].(*ews.ItemAttachmentType)
	if ia.Message == nil || *ia.Message.Subject != "inner" || ia.Message.Body.Value != "inside" {
		t.Errorf("item attachment %+v", ia.Message)
	}
	d := must(f.c.DeleteAttachment(f.ctx, &ews.DeleteAttachment{AttachmentIds: &ews.NonEmptyArrayOfRequestAttachmentIdsType{Items: []ews.NonEmptyArrayOfRequestAttachmentIdsTypeChoice{
		&ews.RequestAttachmentIdType{Id: attIDs[0].Id}, &ews.RequestAttachmentIdType{Id: attIDs[0].Id}, &ews.RequestAttachmentIdType{Id: "bogus"}}}}))
	errs := ews.ResponseErrors(d)
	if len(errs) != 2 || errs[0].Index != 1 || !errors.Is(errs[0], ews.ResponseCodeErrorInvalidAttachmentId) || !errors.Is(errs[1], ews.ResponseCodeErrorInvalidIdMalformed) {
		t.Errorf("delete errors %v", errs)
	}
	if root := d.ResponseMessages.Items[0].(*ews.DeleteAttachmentResponseMessageType).RootItemId; root == nil || root.RootItemId != id.Id {
		t.Errorf("RootItemId %+v", root)
	}
	m = getMessage(t, f, id, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties})
	if len(m.Attachments.Items) != 1 {
		t.Errorf("after delete: %d attachments", len(m.Attachments.Items))
	}
	noErrors(t, must(f.c.DeleteAttachment(f.ctx, &ews.DeleteAttachment{AttachmentIds: &ews.NonEmptyArrayOfRequestAttachmentIdsType{Items: []ews.NonEmptyArrayOfRequestAttachmentIdsTypeChoice{&ews.RequestAttachmentIdType{Id: attIDs[1].Id}}}})))
	if m = getMessage(t, f, id, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}); *m.HasAttachments || m.Attachments != nil {
		t.Errorf("all deleted, yet HasAttachments %v", *m.HasAttachments)
	}
	// Attachment ids follow their item when it moves.
	noErrors(t, must(f.c.CreateAttachment(f.ctx, &ews.CreateAttachment{ParentItemId: &ews.ItemIdType{Id: id.Id}, Attachments: &ews.NonEmptyArrayOfAttachmentsType{Items: []ews.NonEmptyArrayOfAttachmentsTypeChoice{
		&ews.FileAttachmentType{Name: ptr("b.bin"), Content: []byte{1, 2, 3}}}}})))
	mv := must(f.c.MoveItem(f.ctx, &ews.MoveItem{ToFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, ItemIds: itemIds(&ews.ItemIdType{Id: id.Id})}))
	noErrors(t, mv)
	m = getMessage(t, f, msgID(t, itemsOf(mv.ResponseMessages.Items[0])[0]), &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties})
	if fa := attachmentContent(t, f, m.Attachments.Items[0]); !bytes.Equal(fa.Content, []byte{1, 2, 3}) {
		t.Errorf("attachment after move: %v", fa.Content)
	}
}

func TestExtendedProperties(t *testing.T) {
	f := newFixture(t)
	named := &ews.PathToExtendedFieldType{DistinguishedPropertySetId: ptr(ews.DistinguishedPropertySetPublicStrings), PropertyName: ptr("Score"), PropertyType: ews.MapiPropertyTypeInteger}
	tagged := &ews.PathToExtendedFieldType{PropertyTag: ptr(ews.PropertyTagType("0x3FDE")), PropertyType: ews.MapiPropertyTypeInteger}
	mkProps := func(score string) []ews.ExtendedPropertyType {
		return []ews.ExtendedPropertyType{{ExtendedFieldURI: named, Value: ptr(score)}, {ExtendedFieldURI: tagged, Value: ptr("65001")}}
	}
	low := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("low"), ExtendedProperty: mkProps("3")})
	high := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("high"), ExtendedProperty: mkProps("40")})
	createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("none")})

	// Not returned unless asked for.
	if m := getMessage(t, f, low, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}); len(m.ExtendedProperty) != 0 {
		t.Errorf("unrequested extended properties: %+v", m.ExtendedProperty)
	}
	ask := &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly, AdditionalProperties: &ews.NonEmptyArrayOfPathsToElementType{Items: []ews.NonEmptyArrayOfPathsToElementTypeChoice{
		(*ews.ExtendedFieldURI)(&ews.PathToExtendedFieldType{DistinguishedPropertySetId: ptr(ews.DistinguishedPropertySetPublicStrings), PropertyName: ptr("Score"), PropertyType: ews.MapiPropertyTypeInteger})}}}
	m := getMessage(t, f, low, ask)
	if len(m.ExtendedProperty) != 1 || *m.ExtendedProperty[0].Value != "3" || *m.ExtendedProperty[0].ExtendedFieldURI.PropertyName != "Score" {
		t.Fatalf("requested property: %+v", m.ExtendedProperty)
	}
	// The tag asked for in decimal is the same property.
	askTag := &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly, AdditionalProperties: &ews.NonEmptyArrayOfPathsToElementType{Items: []ews.NonEmptyArrayOfPathsToElementTypeChoice{
		(*ews.ExtendedFieldURI)(&ews.PathToExtendedFieldType{PropertyTag: ptr(ews.PropertyTagType("16350")), PropertyType: ews.MapiPropertyTypeInteger})}}}
	if m := getMessage(t, f, high, askTag); len(m.ExtendedProperty) != 1 || *m.ExtendedProperty[0].Value != "65001" {
		t.Errorf("tag property: %+v", m.ExtendedProperty)
	}
	// UpdateItem: set, then delete.
	update := func(u ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice) {
		t.Helper()
		noErrors(t, must(f.c.UpdateItem(f.ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
			ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: &ews.ItemIdType{Id: low.Id}, Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{u}}}}}})))
	}
	update(&ews.SetItemFieldType{Path: (*ews.ExtendedFieldURI)(named), Message: &ews.MessageType{ExtendedProperty: []ews.ExtendedPropertyType{{ExtendedFieldURI: named, Value: ptr("7")}}}})
	if m := getMessage(t, f, low, ask); len(m.ExtendedProperty) != 1 || *m.ExtendedProperty[0].Value != "7" {
		t.Errorf("after SetItemField: %+v", m.ExtendedProperty)
	}
	// FindItem restricted on the property, compared as a number.
	find := func(expr ews.SearchExpression) []string {
		t.Helper()
		r := must(f.c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesDefault},
			Restriction: &ews.RestrictionType{SearchExpression: expr}, ParentFolderIds: folderIds(dist("drafts"))}))
		noErrors(t, r)
		return subjects(itemsOf(r.ResponseMessages.Items[0]))
	}
	if got := find(&ews.IsGreaterThan{Path: (*ews.ExtendedFieldURI)(named), FieldURIOrConstant: constant("10")}); strings.Join(got, ",") != "high" {
		t.Errorf("Score > 10: %v", got)
	}
	if got := find(&ews.IsEqualTo{Path: (*ews.ExtendedFieldURI)(named), FieldURIOrConstant: constant("7")}); strings.Join(got, ",") != "low" {
		t.Errorf("Score = 7: %v", got)
	}
	if got := find(&ews.Exists{Path: (*ews.ExtendedFieldURI)(tagged)}); len(got) != 2 {
		t.Errorf("Exists tag: %v", got)
	}
	update(&ews.DeleteItemFieldType{Path: (*ews.ExtendedFieldURI)(named)})
	if m := getMessage(t, f, low, ask); len(m.ExtendedProperty) != 0 {
		t.Errorf("after DeleteItemField: %+v", m.ExtendedProperty)
	}
	if got := find(&ews.Exists{Path: (*ews.ExtendedFieldURI)(named)}); strings.Join(got, ",") != "high" {
		t.Errorf("Exists Score after delete: %v", got)
	}
}

func TestAutodiscover(t *testing.T) {
	f := newFixture(t)
	post := func(path, body, user string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest("POST", f.ts.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		if user != "" {
			req.SetBasicAuth(user, "pw")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	ewsURL := f.ts.URL + "/EWS/Exchange.asmx"
	pox := func(addr, schema string) string {
		return `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="` + adRequestNS + `"><Request><EMailAddress>` + addr + `</EMailAddress><AcceptableResponseSchema>` + schema + `</AcceptableResponseSchema></Request></Autodiscover>`
	}
	if code, _ := post("/autodiscover/autodiscover.xml", pox("alice@example.com", adResponseNS), ""); code != 401 {
		t.Errorf("POX without credentials: %d", code)
	}
	code, b := post("/Autodiscover/Autodiscover.xml", pox("alice@example.com", adResponseNS), "alice")
	var resp struct {
		XMLName  xml.Name `xml:"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006 Autodiscover"`
		Response struct {
			XMLName xml.Name `xml:"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a Response"`
			User    struct{ DisplayName, AutoDiscoverSMTPAddress string }
			Account struct {
				Action   string
				Protocol []struct{ Type, EwsUrl, ASUrl, ServerVersion string }
			}
		}
	}
	if err := xml.Unmarshal(b, &resp); err != nil || code != 200 {
		t.Fatalf("POX: %d %v\n%s", code, err, b)
	}
	if resp.Response.User.DisplayName != "Alice Smith" || resp.Response.Account.Action != "settings" || len(resp.Response.Account.Protocol) != 2 {
		t.Errorf("POX response %+v", resp.Response)
	}
	for _, p := range resp.Response.Account.Protocol {
		if p.EwsUrl != ewsURL || p.ASUrl != ewsURL || p.ServerVersion != "73C189CB" {
			t.Errorf("protocol %s: %+v", p.Type, p)
		}
	}
	_, b = post("/autodiscover/autodiscover.xml", pox("nobody@example.com", adResponseNS), "alice")
	if !bytes.Contains(b, []byte("<ErrorCode>500</ErrorCode>")) || !bytes.Contains(b, []byte("The email address can't be found.")) {
		t.Errorf("unknown address: %s", b)
	}
	_, b = post("/autodiscover/autodiscover.xml", pox("alice@example.com", "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006"), "alice")
	if !bytes.Contains(b, []byte("<ErrorCode>601</ErrorCode>")) {
		t.Errorf("other schema: %s", b)
	}

	soap := `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:a="http://schemas.microsoft.com/exchange/2010/Autodiscover" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
<soap:Header><a:RequestedServerVersion>Exchange2013</a:RequestedServerVersion><wsa:Action>http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettings</wsa:Action></soap:Header>
<soap:Body><a:GetUserSettingsRequestMessage><a:Request><a:Users><a:User><a:Mailbox>bob@example.com</a:Mailbox></a:User><a:User><a:Mailbox>nobody@example.com</a:Mailbox></a:User></a:Users>
<a:RequestedSettings><a:Setting>ExternalEwsUrl</a:Setting><a:Setting>InternalEwsUrl</a:Setting><a:Setting>UserDisplayName</a:Setting><a:Setting>UserDN</a:Setting><a:Setting>CasVersion</a:Setting><a:Setting>EwsSupportedSchemas</a:Setting><a:Setting>MobileMailboxPolicy</a:Setting></a:RequestedSettings></a:Request></a:GetUserSettingsRequestMessage></soap:Body></soap:Envelope>`
	code, b = post("/autodiscover/autodiscover.svc", soap, "alice")
	var env struct {
		Header struct {
			ServerVersionInfo struct{ MajorVersion int }
		}
		Body struct {
			Msg struct {
				Response struct {
					ErrorCode     string
					UserResponses struct {
						UserResponse []struct {
							ErrorCode         string
							UserSettingErrors struct {
								UserSettingError []struct{ ErrorCode, SettingName string }
							}
							UserSettings struct {
								UserSetting []struct{ Name, Value string }
							}
						}
					}
				}
			} `xml:"GetUserSettingsResponseMessage"`
		}
	}
	if err := xml.Unmarshal(b, &env); err != nil || code != 200 {
		t.Fatalf("SOAP: %d %v\n%s", code, err, b)
	}
	urs := env.Body.Msg.Response.UserResponses.UserResponse
	if env.Header.ServerVersionInfo.MajorVersion != 15 || env.Body.Msg.Response.ErrorCode != "NoError" || len(urs) != 2 {
		t.Fatalf("SOAP response:\n%s", b)
	}
	got := map[string]string{}
	for _, s := range urs[0].UserSettings.UserSetting {
		got[s.Name] = s.Value
	}
	if got["ExternalEwsUrl"] != ewsURL || got["InternalEwsUrl"] != ewsURL || got["UserDisplayName"] != "Bob Jones" || !strings.HasPrefix(got["CasVersion"], "15.") ||
		!strings.Contains(got["EwsSupportedSchemas"], "Exchange2013") || !strings.HasSuffix(got["UserDN"], "cn=bob") || len(got) != 6 {
		t.Errorf("settings %v", got)
	}
	if e := urs[0].UserSettingErrors.UserSettingError; len(e) != 1 || e[0].SettingName != "MobileMailboxPolicy" {
		t.Errorf("setting errors %+v", e)
	}
	if urs[0].ErrorCode != "NoError" || urs[1].ErrorCode != "InvalidUser" {
		t.Errorf("user codes %s %s", urs[0].ErrorCode, urs[1].ErrorCode)
	}
	if code, _ := post("/autodiscover/autodiscover.svc", "<nope", "alice"); code != 500 {
		t.Errorf("bad SOAP request: %d", code)
	}
}

func TestMimeLatin1Body(t *testing.T) {
	f := newFixture(t)
	raw := "Subject: =?iso-8859-1?q?Gr=FC=DFe?=\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nSch=F6ne Gr=FC=DFe\r\n"
	id := createMessage(t, f, "drafts", &ews.MessageType{MimeContent: &ews.MimeContentType{Value: base64.StdEncoding.EncodeToString([]byte(raw))}})
	m := getMessage(t, f, id, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties})
	if *m.Subject != "Grüße" || m.Body.BodyType != ews.BodyTypeText || strings.TrimSpace(m.Body.Value) != "Schöne Grüße" {
		t.Errorf("subject %q body %q", *m.Subject, m.Body.Value)
	}
}

func TestSyncFolderItemsMovesAndIgnore(t *testing.T) {
	f := newFixture(t)
	sync := func(folder string, state *string, ignore ...*ews.ItemIdType) (*ews.SyncFolderItemsResponseMessageType, []string) {
		t.Helper()
		req := &ews.SyncFolderItems{ItemShape: idShape(), SyncFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist(folder)}, SyncState: state, MaxChangesReturned: 100}
		if len(ignore) > 0 {
			req.Ignore = &ews.ArrayOfBaseItemIdsType{}
			for _, id := range ignore {
				req.Ignore.Items = append(req.Ignore.Items, id)
			}
		}
		r := must(f.c.SyncFolderItems(f.ctx, req))
		noErrors(t, r)
		m := r.ResponseMessages.Items[0].(*ews.SyncFolderItemsResponseMessageType)
		var out []string
		for _, ch := range m.Changes.Items {
			switch ch := ch.(type) {
			case *ews.SyncFolderItemsChangesTypeChoiceCreate:
				out = append(out, "create "+ch.Message.ItemId.Id)
			case *ews.SyncFolderItemsChangesTypeChoiceUpdate:
				out = append(out, "update "+ch.Message.ItemId.Id)
			case *ews.SyncFolderItemsDeleteType:
				out = append(out, "delete "+ch.ItemId.Id)
			}
		}
		return m, out
	}
	a := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("a")})
	b := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("b")})
	d0, _ := sync("drafts", nil)
	i0, _ := sync("inbox", nil)
	mv := must(f.c.MoveItem(f.ctx, &ews.MoveItem{ToFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, ItemIds: itemIds(a)}))
	noErrors(t, mv)
	na := msgID(t, itemsOf(mv.ResponseMessages.Items[0])[0])
	if _, got := sync("drafts", d0.SyncState); strings.Join(got, ";") != "delete "+a.Id {
		t.Errorf("drafts after the move: %v", got)
	}
	if _, got := sync("inbox", i0.SyncState); strings.Join(got, ";") != "create "+na.Id {
		t.Errorf("inbox after the move: %v", got)
	}
	// A change the client made itself, listed in Ignore, is not reported;
	// the next state knows it.
	d1, _ := sync("drafts", d0.SyncState)
	noErrors(t, must(f.c.UpdateItem(f.ctx, subjectUpdate(&ews.ItemIdType{Id: b.Id}, "b2"))))
	c := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("c")})
	d2, got := sync("drafts", d1.SyncState, &ews.ItemIdType{Id: b.Id})
	if strings.Join(got, ";") != "create "+c.Id {
		t.Errorf("with b ignored: %v", got)
	}
	if _, got := sync("drafts", d2.SyncState); len(got) != 0 {
		t.Errorf("after the ignored change: %v", got)
	}
}

func TestVersionOnFaultsBounds(t *testing.T) {
	srv, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("x"), maxHeldFault+10)
	for name, tc := range map[string]struct {
		status int
		ctype  string
		body   []byte
		header bool
	}{
		"fault":          {500, "text/xml; charset=utf-8", (&ews.Envelope{Fault: ews.NewFault("ErrorServerBusy", "busy", nil)}).Marshal(ews.ServerStyle), true},
		"large 500":      {500, "text/xml", big, false},
		"plain 500":      {500, "text/plain", []byte("oops"), false},
		"xml 200":        {200, "text/xml", []byte("<a/>"), false},
		"503 not a SOAP": {503, "text/xml", []byte("<a/>"), false},
	} {
		rec := httptest.NewRecorder()
		srv.versionOnFaults(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", tc.ctype)
			w.WriteHeader(tc.status)
			w.Write(tc.body)
		})).ServeHTTP(rec, must(http.NewRequest("POST", "/EWS/Exchange.asmx", nil)))
		got := rec.Body.Bytes()
		if rec.Code != tc.status {
			t.Errorf("%s: status %d", name, rec.Code)
		}
		if tc.header {
			env, err := ews.UnmarshalEnvelope(got)
			if err != nil || env.Header.ServerVersionInfo == nil || env.Fault == nil || env.Fault.ResponseCode() != "ErrorServerBusy" {
				t.Errorf("%s: %v %s", name, err, got)
			}
		} else if !bytes.Equal(got, tc.body) {
			t.Errorf("%s: body changed (%d bytes, want %d)", name, len(got), len(tc.body))
		}
	}
}

func TestUploadItemsUpdate(t *testing.T) {
	f := newFixture(t)
	src := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("source"), Attachments: &ews.NonEmptyArrayOfAttachmentsType{Items: []ews.NonEmptyArrayOfAttachmentsTypeChoice{
		&ews.FileAttachmentType{Name: ptr("s.txt"), Content: []byte("source file")}}}})
	dst := createMessage(t, f, "drafts", &ews.MessageType{Subject: ptr("target")})
	ex := must(f.c.ExportItems(f.ctx, &ews.ExportItems{ItemIds: &ews.NonEmptyArrayOfItemIdsType{ItemId: []ews.ItemIdType{*src}}}))
	noErrors(t, ex)
	data := ex.ResponseMessages.Items[0].(*ews.ExportItemsResponseMessageType).Data
	drafts := folderOf(t, must(f.c.GetFolder(f.ctx, &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("drafts"))})).ResponseMessages.Items[0]).FolderId
	upload := func(action ews.CreateActionType, id *ews.ItemIdType) (*ews.ItemIdType, error) {
		r := must(f.c.UploadItems(f.ctx, &ews.UploadItems{Items: &ews.NonEmptyArrayOfUploadItemsType{Item: []ews.UploadItemType{{CreateAction: action, ItemId: id, ParentFolderId: &ews.FolderIdType{Id: drafts.Id}, Data: data}}}}))
		if err := firstError(r); err != nil {
			return nil, err
		}
		return r.ResponseMessages.Items[0].(*ews.UploadItemsResponseMessageType).ItemId, nil
	}
	got, err := upload(ews.CreateActionUpdate, &ews.ItemIdType{Id: dst.Id})
	if err != nil || got.Id != dst.Id {
		t.Fatalf("Update: %v %v", got, err)
	}
	m := getMessage(t, f, dst, &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties})
	if *m.Subject != "source" || m.Attachments == nil || len(m.Attachments.Items) != 1 {
		t.Fatalf("updated item: %q %+v", *m.Subject, m.Attachments)
	}
	if fa := attachmentContent(t, f, m.Attachments.Items[0]); string(fa.Content) != "source file" {
		t.Errorf("attachment of the updated item: %q", fa.Content)
	}
	gone := &ews.ItemIdType{Id: unknownID(dst.Id)}
	if _, err := upload(ews.CreateActionUpdate, gone); !errors.Is(err, ews.ResponseCodeErrorItemNotFound) {
		t.Errorf("Update of a missing item: %v", err)
	}
	if made, err := upload(ews.CreateActionUpdateOrCreate, gone); err != nil || made.Id == gone.Id || made.Id == dst.Id {
		t.Errorf("UpdateOrCreate of a missing item: %v %v", made, err)
	}
}
