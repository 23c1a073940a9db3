package mock

import (
	"context"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// persisted starts a server keeping its store in path; opts, when given,
// change its options.
func persisted(t *testing.T, path string, opts ...func(*Options)) (*Server, *ews.Client, func()) {
	t.Helper()
	var sd Seed
	if err := jsonUnmarshal(testSeed, &sd); err != nil {
		t.Fatal(err)
	}
	o := Options{User: "alice", Password: "pw", Seed: &sd, DataFile: path}
	for _, f := range opts {
		f(&o)
	}
	srv, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	return srv, testClient(ts.URL, "alice", "pw"), ts.Close
}

func persistCreate(t *testing.T, c *ews.Client, folder, subject string) (string, error) {
	t.Helper()
	resp, err := c.CreateItem(context.Background(), &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
		SavedItemFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist(folder)},
		Items:             &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr(subject), Body: &ews.BodyType{BodyType: ews.BodyTypeText, Value: "body of " + subject}}}}})
	if err != nil {
		return "", err
	}
	if errs := ews.ResponseErrors(resp); len(errs) > 0 {
		return "", errs[0]
	}
	return resp.ResponseMessages.Items[0].(*ews.CreateItemResponseMessage).Items.List[0].(*ews.MessageType).ItemId.Id, nil
}

func persistSubjects(t *testing.T, c *ews.Client, folder string) map[string]string {
	t.Helper()
	resp, err := c.FindItem(context.Background(), &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow,
		ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}, ParentFolderIds: folderIds(dist(folder))})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	m := resp.ResponseMessages.Items[0].(*ews.FindItemResponseMessageType)
	for _, it := range m.RootFolder.Items.List {
		if msg, ok := it.(*ews.MessageType); ok {
			out[msg.ItemId.Id] = *msg.Subject
		}
	}
	return out
}

func TestPersistenceAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.json")
	srv, c, stop := persisted(t, path)
	id1 := must(persistCreate(t, c, "inbox", "kept"))
	id2 := must(persistCreate(t, c, "drafts", "moved")) // moved to the Inbox below
	if _, err := c.MoveItem(context.Background(), &ews.MoveItem{ToFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, ItemIds: itemIds(&ews.ItemIdType{Id: id2})}); err != nil {
		t.Fatal(err)
	}
	cf, err := c.CreateFolder(context.Background(), &ews.CreateFolder{ParentFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")},
		Folders: &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr("Draft name")}}}})
	if err != nil {
		t.Fatal(err)
	}
	// A rename (a change the store reports no event for) is kept too.
	fid := cf.ResponseMessages.Items[0].(*ews.CreateFolderResponseMessage).Folders.Items[0].(*ews.FolderType).FolderId
	up, err := c.UpdateFolder(context.Background(), &ews.UpdateFolder{FolderChanges: &ews.NonEmptyArrayOfFolderChangesType{FolderChange: []ews.FolderChangeType{{FolderId: fid,
		Updates: &ews.NonEmptyArrayOfFolderChangeDescriptionsType{Items: []ews.NonEmptyArrayOfFolderChangeDescriptionsTypeChoice{&ews.SetFolderFieldType{Path: fieldURI("folder:DisplayName"), Folder: &ews.FolderType{DisplayName: ptr("Saved")}}}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, up)
	before := persistSubjects(t, c, "inbox")
	stop()
	_ = srv

	// A new server on the same file has the same items, ids and folders.
	_, c2, stop2 := persisted(t, path)
	defer stop2()
	after := persistSubjects(t, c2, "inbox")
	if !reflect.DeepEqual(after, before) || after[id1] != "kept" {
		t.Errorf("after restart the Inbox holds %v, want %v (%s kept, %s moved)", after, before, id1, id2)
	}
	resp := must(c2.GetItem(context.Background(), &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}, ItemIds: itemIds(&ews.ItemIdType{Id: id1})}))
	noErrors(t, resp)
	got := resp.ResponseMessages.Items[0].(*ews.GetItemResponseMessage).Items.List[0].(*ews.MessageType)
	if got.Body == nil || got.Body.Value != "body of kept" {
		t.Errorf("body after restart: %+v", got.Body)
	}
	ff := must(c2.FindFolder(context.Background(), &ews.FindFolder{Traversal: ews.FolderQueryTraversalShallow, FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}, ParentFolderIds: folderIds(dist("inbox"))}))
	var names []string
	for _, f := range ff.ResponseMessages.Items[0].(*ews.FindFolderResponseMessageType).RootFolder.Folders.Items {
		if ft, ok := f.(*ews.FolderType); ok {
			names = append(names, *ft.DisplayName)
		}
	}
	if !strings.Contains(strings.Join(names, ","), "Saved") || !strings.Contains(strings.Join(names, ","), "Projects") {
		t.Errorf("Inbox subfolders after restart: %v", names)
	}
	// A new item gets a fresh id, not one of the restored ones.
	id3 := must(persistCreate(t, c2, "inbox", "new"))
	if id3 == id1 || id3 == id2 {
		t.Errorf("new item reuses id %s", id3)
	}
}

// A crash while the file is written loses nothing acknowledged: the change
// being saved is answered with a fault, and a restart finds the state of
// the last answered change.
func TestPersistenceCrashMidWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "store.json")
	srv, c, stop := persisted(t, path)
	acked := must(persistCreate(t, c, "inbox", "acknowledged"))
	oof := func(reply string) error {
		_, err := c.SetUserOofSettings(context.Background(), &ews.SetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: "alice@example.com"},
			UserOofSettings: &ews.UserOofSettings{OofState: ews.OofStateEnabled, ExternalAudience: ews.ExternalAudienceAll, InternalReply: &ews.ReplyBody{Message: ptr(reply)}}})
		return err
	}
	if err := oof("acknowledged reply"); err != nil {
		t.Fatal(err)
	}
	must(c.AddImGroup(context.Background(), &ews.AddImGroup{DisplayName: "Acknowledged group"}))
	srv.store.crashAfter = 200 // the next saves stop after 200 bytes
	if _, err := persistCreate(t, c, "inbox", "lost"); err == nil || !strings.Contains(err.Error(), "ErrorInternalServerError") {
		t.Fatalf("a change whose save crashed was answered with %v, want ErrorInternalServerError", err)
	}
	if err := oof("lost reply"); err == nil || !strings.Contains(err.Error(), "ErrorInternalServerError") {
		t.Fatalf("an Out of Office change whose save crashed was answered with %v, want ErrorInternalServerError", err)
	}
	stop()
	tmp, _ := filepath.Glob(filepath.Join(dir, "store.json.tmp-*"))
	if len(tmp) != 2 {
		t.Fatalf("temporary files %v, want the two the crashes left", tmp)
	}
	_, c2, stop2 := persisted(t, path)
	defer stop2()
	got := persistSubjects(t, c2, "inbox")
	if got[acked] != "acknowledged" {
		t.Errorf("the acknowledged item is missing after the crash: %v", got)
	}
	for _, s := range got {
		if s == "lost" {
			t.Errorf("the item whose save crashed (never acknowledged) is in the file")
		}
	}
	got2 := must(c2.GetUserOofSettings(context.Background(), &ews.GetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: "alice@example.com"}}))
	if r := got2.OofSettings.InternalReply; r == nil || r.Message == nil || *r.Message != "acknowledged reply" {
		t.Errorf("Out of Office reply after the crash: %+v, want the acknowledged one", r)
	}
	list := must(c2.GetImItemList(context.Background(), &ews.GetImItemList{}))
	var groups []string
	for _, g := range list.ImItemList.Groups.Items {
		groups = append(groups, string(g.(*ews.ImGroupType).DisplayName))
	}
	if !slices.Contains(groups, "Acknowledged group") {
		t.Errorf("IM groups after the crash: %v, want the acknowledged one", groups)
	}
	// A file that is not ours is refused with its name.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"version": 1, "mailboxes": [{"address": "alice@example.com", "folders": [{"id": "nope", "elem": "Folder"}]}]}`), 0o600)
	if _, err := New(Options{DataFile: bad}); err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("corrupt data file: %v, want an error naming it", err)
	}
}

// A change whose save failed is undone: the fault says it was not made,
// the store no longer holds it, and the next successful save does not
// write it.
func TestPersistFailedSaveUndone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.json")
	srv, c, stop := persisted(t, path)
	kept := must(persistCreate(t, c, "inbox", "kept"))
	before := persistSubjects(t, c, "inbox")
	setCrash := func(n int) {
		srv.store.mu.Lock()
		srv.store.crashAfter = n
		srv.store.mu.Unlock()
	}
	setCrash(100) // the next save fails
	if _, err := persistCreate(t, c, "inbox", "lost"); err == nil || !strings.Contains(err.Error(), "ErrorInternalServerError") || !strings.Contains(err.Error(), "not made") {
		t.Fatalf("a change whose save failed was answered with %v, want ErrorInternalServerError saying it was not made", err)
	}
	_, err := c.AddImGroup(context.Background(), &ews.AddImGroup{DisplayName: "Lost group"})
	if err == nil || !strings.Contains(err.Error(), "not made") {
		t.Fatalf("an IM group whose save failed was answered with %v", err)
	}
	if got := persistSubjects(t, c, "inbox"); !reflect.DeepEqual(got, before) || got[kept] != "kept" {
		t.Errorf("inbox after the failed save: %v, want it as before: %v", got, before)
	}
	setCrash(0)
	next := must(persistCreate(t, c, "inbox", "next"))
	want := maps.Clone(before)
	want[next] = "next"
	if got := persistSubjects(t, c, "inbox"); !reflect.DeepEqual(got, want) {
		t.Errorf("inbox after the next change: %v, want %v", got, want)
	}
	stop()
	srv.Close()
	_, c2, stop2 := persisted(t, path)
	defer stop2()
	if got := persistSubjects(t, c2, "inbox"); !reflect.DeepEqual(got, want) {
		t.Errorf("inbox in the data file: %v, want %v", got, want)
	}
	list := must(c2.GetImItemList(context.Background(), &ews.GetImItemList{}))
	if list.ImItemList != nil && list.ImItemList.Groups != nil {
		for _, g := range list.ImItemList.Groups.Items {
			if g.(*ews.ImGroupType).DisplayName == "Lost group" {
				t.Error("the IM group whose save failed is in the data file")
			}
		}
	}
}

// Undoing a request keeps the push subscriptions of the file, each with
// one loop that goes on posting; Close then stops it.
func TestPersistFailedSaveKeepsPush(t *testing.T) {
	const minute = 40 * time.Millisecond
	cb, posts := pushCounter(t)
	path := filepath.Join(t.TempDir(), "store.json")
	srv, c, stop := persisted(t, path, func(o *Options) { o.Notify.Minute = minute })
	defer stop()
	subscribe(t, c, &ews.Subscribe{PushSubscriptionRequest: &ews.PushSubscriptionRequestType{
		FolderIds: folderIds(dist("inbox")), EventTypes: eventTypes(ews.NotificationEventTypeCreatedEvent), StatusFrequency: 1, URL: cb.URL + "/cb"}})
	waitServerGoroutines(t, srv, 1, true)
	srv.store.mu.Lock()
	srv.store.crashAfter = 100
	srv.store.mu.Unlock()
	if _, err := persistCreate(t, c, "inbox", "lost"); err == nil || !strings.Contains(err.Error(), "not made") {
		t.Fatalf("a change whose save failed was answered with %v", err)
	}
	srv.store.mu.Lock()
	srv.store.crashAfter = 0
	srv.store.mu.Unlock()
	if n := srv.Subscriptions(); n != 1 {
		t.Fatalf("%d subscriptions after the rollback, want 1", n)
	}
	waitServerGoroutines(t, srv, 1, true)
	posts.Store(0)
	checkClosed(t, srv, c, posts, minute)
}
