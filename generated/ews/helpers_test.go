package ews_test

import (
	"errors"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// TestFindItemAllPages ranges over the Inbox one message per page: every
// message arrives once, in order, and breaking off stops the paging.
func TestFindItemAllPages(t *testing.T) {
	c, ctx := exampleClient()
	req := &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ParentFolderIds: ews.FolderIDs(ews.Inbox),
		ItemShape: ews.Shape(ews.IdOnly, "item:Subject"), IndexedPageItemView: ews.Page(0, 1),
		SortOrder: ews.SortBy(ews.Field("item:DateTimeReceived").Asc())}
	var got []string
	for it, err := range c.FindItemAll(ctx, req) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it.(*ews.MessageType).GetSubject())
	}
	want := []string{"Q3 figures", "Lunch on Friday", "Release notes"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d: %q, want %q", i, got[i], want[i])
		}
	}
	if req.IndexedPageItemView.Offset != 0 {
		t.Errorf("the request was modified: offset %d", req.IndexedPageItemView.Offset)
	}
	n := 0
	for range c.FindItemAll(ctx, req) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break: %d items", n)
	}
}

// TestFindItemAllError yields the error of a failed response message and
// stops.
func TestFindItemAllError(t *testing.T) {
	c, ctx := exampleClient()
	req := &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow,
		ItemShape:       &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		ParentFolderIds: ews.FolderIDList(&ews.FolderIdType{Id: "no-such-folder"})}
	n := 0
	for it, err := range c.FindItemAll(ctx, req) {
		n++
		var re *ews.ResponseError
		if it != nil || !errors.As(err, &re) {
			t.Errorf("got %v, %v; want a *ResponseError", it, err)
		}
	}
	if n != 1 {
		t.Errorf("%d yields, want 1", n)
	}
}

// TestFindFolderAllPages pages through the folders under the root of the
// message folders two at a time.
func TestFindFolderAllPages(t *testing.T) {
	c, ctx := exampleClient()
	req := &ews.FindFolder{Traversal: ews.FolderQueryTraversalShallow, FolderShape: ews.FolderShape(ews.IdOnly, "folder:DisplayName"),
		ParentFolderIds: ews.FolderIDs(ews.MsgFolderRoot)}
	all := 0
	for _, err := range c.FindFolderAll(ctx, req) {
		if err != nil {
			t.Fatal(err)
		}
		all++
	}
	req.IndexedPageFolderView = ews.Page(0, 2)
	paged := 0
	for _, err := range c.FindFolderAll(ctx, req) {
		if err != nil {
			t.Fatal(err)
		}
		paged++
	}
	if all < 3 || paged != all {
		t.Errorf("%d folders in one page, %d two at a time", all, paged)
	}
}

// TestRestrictionBuilder finds messages with the restriction builder.
func TestRestrictionBuilder(t *testing.T) {
	c, ctx := exampleClient()
	for _, c2 := range []struct {
		r    *ews.RestrictionType
		want int
	}{
		{ews.Where(ews.Field("item:Subject").Contains("FIGURES")), 1},
		{ews.Where(ews.Field("item:Subject").IsEqualTo("Release notes")), 1},
		{ews.Where(ews.Negate(ews.Field("item:Subject").StartsWith("q3"))), 2},
		{ews.Where(ews.AnyOf(ews.Field("item:Subject").Contains("lunch"), ews.Field("item:Subject").Contains("release"))), 2},
		{ews.Where(ews.Field("item:DateTimeReceived").IsGreaterThan(time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)),
			ews.Field("item:DateTimeReceived").IsLessThanOrEqualTo(time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC))), 1},
	} {
		resp, err := ews.Check(c.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow,
			ParentFolderIds: ews.FolderIDs(ews.Inbox), ItemShape: ews.Shape(ews.IdOnly), Restriction: c2.r}))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(ews.Messages(resp)); n != c2.want {
			t.Errorf("%#v: %d messages, want %d", c2.r.SearchExpression, n, c2.want)
		}
	}
}

// TestNilSafe reads through nil values without panicking.
func TestNilSafe(t *testing.T) {
	var m *ews.MessageType
	if m.GetFrom().GetMailbox().GetName() != "" || m.GetSubject() != "" || !m.GetDateTimeReceived().IsZero() {
		t.Error("nil message: non-zero values")
	}
	m = &ews.MessageType{}
	if !m.DateTimeReceived.Time().IsZero() || !m.GetDateTimeReceived().IsZero() {
		t.Error("unset DateTimeReceived: non-zero time")
	}
	var zero ews.XSDateTime
	if !zero.Time().IsZero() {
		t.Error("zero XSDateTime: non-zero time")
	}
	want := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	m.DateTimeReceived = ews.Ptr(ews.XSDateTimeOf(want))
	if !m.GetDateTimeReceived().Equal(want) || !m.DateTimeReceived.Time().Equal(want) {
		t.Errorf("DateTimeReceived: %v", m.GetDateTimeReceived())
	}
}

// TestSyncFolderItemsAll syncs the Inbox one change per call: three
// creations, then the state it stored in the request gives no more.
func TestSyncFolderItemsAll(t *testing.T) {
	c, ctx := exampleClient()
	req := &ews.SyncFolderItems{ItemShape: ews.Shape(ews.IdOnly), SyncFolderId: ews.Folder(ews.Inbox), MaxChangesReturned: 1}
	n := 0
	for _, err := range c.SyncFolderItemsAll(ctx, req) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 3 || req.SyncState == nil {
		t.Fatalf("%d changes, state %v; want 3 and a state", n, req.SyncState)
	}
	for _, err := range c.SyncFolderItemsAll(ctx, req) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d changes after resuming from the stored state, want none", n-3)
	}
}

// TestPathsAndFolderTargets builds a shape with Paths and IndexedField and
// moves a message with ToFolder and FolderID: the server accepts both.
func TestPathsAndFolderTargets(t *testing.T) {
	c, ctx, id := exampleWithMessage()
	shape := &ews.ItemResponseShapeType{BaseShape: ews.IdOnly,
		AdditionalProperties: ews.Paths(ews.Field("item:Subject"), ews.IndexedField("contacts:EmailAddress", "EmailAddress1"))}
	rs, err := c.GetItems(ctx, &ews.GetItem{ItemShape: shape, ItemIds: ews.ItemIDs(id)})
	if err != nil || rs[0].Err != nil {
		t.Fatal(err, rs)
	}
	if got := rs[0].Message().GetSubject(); got != "Q3 figures" {
		t.Errorf("subject %q", got)
	}
	if ews.Paths() != nil {
		t.Errorf("Paths() is not nil")
	}
	fr, err := ews.Check(c.GetFolder(ctx, &ews.GetFolder{FolderShape: ews.FolderShape(ews.IdOnly), FolderIds: ews.FolderIDs(ews.DeletedItems)}))
	if err != nil {
		t.Fatal(err)
	}
	m := fr.ResponseMessages.Items[0].(*ews.GetFolderResponseMessage)
	deleted := m.Folders.Items[0].(*ews.FolderType).FolderId
	if _, err := ews.Check(c.MoveItem(ctx, &ews.MoveItem{ToFolderId: ews.ToFolder(ews.FolderID(deleted.Id)), ItemIds: ews.ItemIDs(id)})); err != nil {
		t.Fatal(err)
	}
	if n := len(exampleInbox(c, ctx)); n != 2 {
		t.Errorf("%d messages left in the Inbox, want 2", n)
	}
}
