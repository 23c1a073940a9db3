package mock

import (
	"fmt"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// SyncFolderItems from an empty state returns every item of the folder;
// after 10 creates, 5 updates and 5 deletes the next call returns exactly
// those 20 changes, each naming its item.
func TestSyncFolderItemsExactChanges(t *testing.T) {
	f := newFixture(t)
	c, ctx := f.c, f.ctx
	fr := must(c.CreateFolder(ctx, &ews.CreateFolder{ParentFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")},
		Folders: &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr("SyncBox")}}}}))
	noErrors(t, fr)
	box := folderOf(t, fr.ResponseMessages.Items[0]).FolderId
	create := func(subject string) string {
		t.Helper()
		r := must(c.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly), SavedItemFolderId: &ews.TargetFolderIdType{FolderId: box},
			Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr(subject)}}}}))
		noErrors(t, r)
		return msgID(t, itemsOf(r.ResponseMessages.Items[0])[0]).Id
	}
	sync := func(state *string) (*ews.SyncFolderItemsResponseMessageType, map[string]string) {
		t.Helper()
		r := must(c.SyncFolderItems(ctx, &ews.SyncFolderItems{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
			SyncFolderId: &ews.TargetFolderIdType{FolderId: box}, SyncState: state, MaxChangesReturned: 512}))
		noErrors(t, r)
		m := r.ResponseMessages.Items[0].(*ews.SyncFolderItemsResponseMessageType)
		got := map[string]string{}
		for _, ch := range m.Changes.Items {
			switch ch := ch.(type) {
			case *ews.SyncFolderItemsChangesTypeChoiceCreate:
				got[ch.Message.ItemId.Id] += "create"
			case *ews.SyncFolderItemsChangesTypeChoiceUpdate:
				got[ch.Message.ItemId.Id] += "update"
			case *ews.SyncFolderItemsDeleteType:
				got[ch.ItemId.Id] += "delete"
			default:
				t.Errorf("unexpected change %T", ch)
			}
		}
		return m, got
	}

	var first []string
	for i := range 12 {
		first = append(first, create(fmt.Sprintf("first %d", i)))
	}
	s1, got := sync(nil)
	if len(got) != 12 {
		t.Fatalf("first sync: %d changes, want 12 creates: %v", len(got), got)
	}
	for _, id := range first {
		if got[id] != "create" {
			t.Errorf("first sync: item %s: %q, want create", id, got[id])
		}
	}
	if s1.IncludesLastItemInRange == nil || !*s1.IncludesLastItemInRange {
		t.Errorf("first sync does not include the last item")
	}

	want := map[string]string{}
	for i := range 10 {
		want[create(fmt.Sprintf("new %d", i))] = "create"
	}
	for _, id := range first[:5] {
		noErrors(t, must(c.UpdateItem(ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
			ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: &ews.ItemIdType{Id: id},
				Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{
					&ews.SetItemFieldType{Path: fieldURI("item:Subject"), Message: &ews.MessageType{Subject: ptr("changed")}}}}}}}})))
		want[id] = "update"
	}
	for _, id := range first[5:10] {
		noErrors(t, must(c.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, ItemIds: itemIds(&ews.ItemIdType{Id: id})})))
		want[id] = "delete"
	}
	_, got = sync(s1.SyncState)
	if len(got) != 20 {
		t.Errorf("second sync: %d changes, want 20 (10 creates, 5 updates, 5 deletes): %v", len(got), got)
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("second sync: item %s: %q, want %q", id, got[id], w)
		}
	}
	for id, g := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("second sync: unexpected change %q of item %s", g, id)
		}
	}
}
