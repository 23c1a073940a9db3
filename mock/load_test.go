package mock

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
)

// TestLoad runs 50 concurrent clients (10 per user, 5 users) against
// ewsmock for 10 s, or 60 s with EWSGEN_LOAD=1: each creates messages,
// reads them back, lists its folder, updates and deletes some. It reports
// p50/p99 latency per operation, errors, peak heap, and checks afterwards
// that every item acknowledged as created (and not deleted) is there once.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: not in -short")
	}
	dur := 10 * time.Second
	if os.Getenv("EWSGEN_LOAD") == "1" {
		dur = 60 * time.Second
	}
	const users, perUser = 5, 10
	var us []User
	for u := 0; u < users; u++ {
		us = append(us, User{Name: fmt.Sprintf("load%d", u), Password: "pw"})
	}
	srv, err := New(Options{Users: us})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: users * perUser}
	defer tr.CloseIdleConnections()

	var peak atomic.Uint64
	stopMem := make(chan struct{})
	memDone := make(chan struct{})
	go func() {
		defer close(memDone)
		var ms runtime.MemStats
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stopMem:
				return
			case <-tick.C:
			}
		}
	}()

	type rec struct {
		lat  map[string][]time.Duration
		errs map[string]int
		live map[string]string // id -> subject, acknowledged and not deleted
		open map[string]bool   // deletions cut by the end of the run: fate unknown
	}
	recs := make([]*rec, users*perUser)
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var wg sync.WaitGroup
	for w := 0; w < users*perUser; w++ {
		r := &rec{lat: map[string][]time.Duration{}, errs: map[string]int{}, live: map[string]string{}, open: map[string]bool{}}
		recs[w] = r
		user := fmt.Sprintf("load%d", w/perUser)
		c := ews.NewClient(ts.URL+"/EWS/Exchange.asmx", &http.Client{Transport: auth.Basic(user, "pw", tr, auth.AllowPlainHTTP())})
		// Each worker has a folder of its own.
		cf, err := c.CreateFolder(context.Background(), &ews.CreateFolder{ParentFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")},
			Folders: &ews.NonEmptyArrayOfFoldersType{Items: []ews.NonEmptyArrayOfFoldersTypeChoice{&ews.FolderType{DisplayName: ptr(fmt.Sprintf("w%d", w))}}}})
		if err != nil {
			t.Fatal(err)
		}
		noErrors(t, cf)
		fid := cf.ResponseMessages.Items[0].(*ews.CreateFolderResponseMessage).Folders.Items[0].(*ews.FolderType).FolderId
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			var ids []string
			n := 0
			timed := func(op string, f func() (ews.BodyElement, error)) ews.BodyElement {
				start := time.Now()
				resp, err := f()
				if err != nil && ctx.Err() != nil {
					return nil // cut by the end of the run: not counted
				}
				r.lat[op] = append(r.lat[op], time.Since(start))
				if err == nil && len(ews.ResponseErrors(resp)) > 0 {
					err = ews.ResponseErrors(resp)[0]
				}
				if err != nil {
					r.errs[op]++
					return nil
				}
				return resp
			}
			for ctx.Err() == nil {
				switch k := rng.IntN(10); {
				case k < 4 || len(ids) == 0:
					n++
					subj := fmt.Sprintf("w%d-%d", w, n)
					resp := timed("CreateItem", func() (ews.BodyElement, error) {
						return c.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
							SavedItemFolderId: &ews.TargetFolderIdType{FolderId: fid},
							Items:             &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr(subj)}}}})
					})
					if resp != nil {
						id := resp.(*ews.CreateItemResponse).ResponseMessages.Items[0].(*ews.CreateItemResponseMessage).Items.List[0].(*ews.MessageType).ItemId.Id
						ids = append(ids, id)
						r.live[id] = subj
					}
				case k < 7:
					id := ids[rng.IntN(len(ids))]
					timed("GetItem", func() (ews.BodyElement, error) {
						return c.GetItem(ctx, &ews.GetItem{ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesAllProperties}, ItemIds: itemIds(&ews.ItemIdType{Id: id})})
					})
				case k < 8:
					timed("FindItem", func() (ews.BodyElement, error) {
						return c.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
							IndexedPageItemView: &ews.IndexedPageViewType{MaxEntriesReturned: ptr(int32(50)), BasePoint: ews.IndexBasePointBeginning},
							ParentFolderIds:     folderIds(fid)})
					})
				case k < 9:
					id := ids[rng.IntN(len(ids))]
					timed("UpdateItem", func() (ews.BodyElement, error) {
						return c.UpdateItem(ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAlwaysOverwrite, MessageDisposition: ptr(ews.MessageDispositionSaveOnly),
							ItemChanges: &ews.NonEmptyArrayOfItemChangesType{ItemChange: []ews.ItemChangeType{{ItemId: &ews.ItemIdType{Id: id},
								Updates: &ews.NonEmptyArrayOfItemChangeDescriptionsType{Items: []ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice{
									&ews.SetItemFieldType{Path: fieldURI("message:IsRead"), Message: &ews.MessageType{IsRead: ptr(true)}}}}}}}})
					})
				default:
					i := rng.IntN(len(ids))
					id := ids[i]
					if timed("DeleteItem", func() (ews.BodyElement, error) {
						return c.DeleteItem(ctx, &ews.DeleteItem{DeleteType: ews.DisposalHardDelete, ItemIds: itemIds(&ews.ItemIdType{Id: id})})
					}) != nil {
						ids = append(ids[:i], ids[i+1:]...)
						delete(r.live, id)
					} else if ctx.Err() != nil {
						r.open[id] = true
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(stopMem)
	<-memDone

	// Every acknowledged item is there once; nothing else is.
	all := map[string][]time.Duration{}
	var total, errs int
	lost, dup, extra := 0, 0, 0
	for w, r := range recs {
		for op, ls := range r.lat {
			all[op] = append(all[op], ls...)
			total += len(ls)
		}
		for _, e := range r.errs {
			errs += e
		}
		seen := map[string]int{}
		srv.mu.RLock()
		for _, f := range srv.folders {
			if f.name == fmt.Sprintf("w%d", w) {
				for it := range f.items {
					seen[it.id]++
				}
			}
		}
		srv.mu.RUnlock()
		for id := range r.live {
			switch seen[id] {
			case 0:
				if !r.open[id] {
					lost++
				}
			case 1:
			default:
				dup++
			}
		}
		for id := range seen {
			if _, ok := r.live[id]; !ok {
				extra++ // created by a request cut by the end of the run
			}
		}
	}
	ops := []string{}
	for op := range all {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	var every []time.Duration
	for _, op := range ops {
		ls := all[op]
		slices.Sort(ls)
		every = append(every, ls...)
		t.Logf("%-10s %7d calls  p50 %8v  p99 %8v", op, len(ls), ls[len(ls)/2].Round(10*time.Microsecond), ls[len(ls)*99/100].Round(10*time.Microsecond))
	}
	slices.Sort(every)
	t.Logf("load: %d clients for %v: %d calls (%.0f/s), p50 %v, p99 %v, %d errors, %d lost, %d duplicated, %d unacknowledged, peak heap %.1f MiB",
		users*perUser, dur, total, float64(total)/dur.Seconds(), every[len(every)/2].Round(10*time.Microsecond), every[len(every)*99/100].Round(10*time.Microsecond),
		errs, lost, dup, extra, float64(peak.Load())/(1<<20))
	if errs > 0 || lost > 0 || dup > 0 || extra > users*perUser {
		t.Errorf("%d errors, %d lost, %d duplicated, %d unacknowledged items (at most one per client may be cut by the end)", errs, lost, dup, extra)
	}
	if total < users*perUser*10 {
		t.Errorf("only %d calls in %v", total, dur)
	}
}
