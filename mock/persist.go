package mock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// persister keeps the store in Options.DataFile: after every request that
// changed the store, and before its answer is sent, the whole store is
// written to a temporary file in the same folder, synced, and renamed over
// the data file (then the folder is synced). A crash at any point leaves
// either the previous or the new file, and every answered change is in
// the file.
type persister struct {
	path  string
	gen   atomic.Uint64 // changes made
	mu    sync.Mutex    // one save at a time
	saved uint64        // changes in the file
	// crashAfter, when set (tests), makes a save stop after writing that
	// many bytes of the temporary file, as a crash would.
	crashAfter int
}

// mutated records a change of the store. Callers hold s.mu for writing.
func (s *Server) mutated() {
	if s.store != nil {
		s.store.gen.Add(1)
	}
}

// snapshot is the file format: the folders and items of every mailbox.
type snapshot struct {
	Version   int               `json:"version"`
	Counter   uint64            `json:"counter"`
	Seq       int64             `json:"seq"`
	Mailboxes []mailboxSnapshot `json:"mailboxes"`
}

type mailboxSnapshot struct {
	Address string           `json:"address"`
	Name    string           `json:"name"`
	Folders []folderSnapshot `json:"folders"`
	Items   []itemSnapshot   `json:"items"`
}

type folderSnapshot struct {
	ID     string `json:"id"`
	Ver    int    `json:"ver"`
	Parent string `json:"parent,omitempty"`
	Name   string `json:"name"`
	Class  string `json:"class,omitempty"`
	Elem   string `json:"elem"`
	Dist   string `json:"dist,omitempty"`
	Hidden bool   `json:"hidden,omitempty"`
	Seq    int64  `json:"seq"`
}

type itemSnapshot struct {
	ID      string    `json:"id"`
	Ver     int       `json:"ver"`
	Folder  string    `json:"folder"`
	Elem    string    `json:"elem"`
	Seq     int64     `json:"seq"`
	Created time.Time `json:"created"`
	Creator string    `json:"creator,omitempty"`
	// XML is the item as a CreateItem request body holding it: every
	// property the generated types carry.
	XML string `json:"xml"`
}

// openStore loads Options.DataFile when it exists; the file's folders and
// items replace those of the seed. Callers hold s.mu.
func (s *Server) openStore() error {
	if s.opts.DataFile == "" {
		return nil
	}
	s.store = &persister{path: s.opts.DataFile}
	data, err := os.ReadFile(s.opts.DataFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var snap snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&snap); err != nil {
		return fmt.Errorf("%s: %w", s.opts.DataFile, err)
	}
	if snap.Version != 1 {
		return fmt.Errorf("%s: version %d, want 1", s.opts.DataFile, snap.Version)
	}
	if err := s.restore(&snap); err != nil {
		return fmt.Errorf("%s: %w", s.opts.DataFile, err)
	}
	return nil
}

// restore replaces the content of the mailboxes with the snapshot's.
// Grants on distinguished folders are kept.
func (s *Server) restore(snap *snapshot) error {
	for _, ms := range snap.Mailboxes {
		m := s.mailboxes[strings.ToLower(ms.Address)]
		if m == nil {
			m = s.newMailbox(ms.Address, ms.Name)
		}
		// Drop the current folders (and their items) of m.
		oldDist := m.dist
		for id, f := range s.folders {
			if f.mbx == m {
				for it := range f.items {
					delete(s.items, it.id)
				}
				delete(s.folders, id)
			}
		}
		m.dist = map[string]*folder{}
		byID := map[string]*folder{}
		for _, fs := range ms.Folders {
			f := &folder{mbx: m, id: fs.ID, ver: fs.Ver, name: fs.Name, class: fs.Class, elem: fs.Elem, dist: fs.Dist, hidden: fs.Hidden, seq: fs.Seq,
				children: map[*folder]struct{}{}, items: map[*item]struct{}{}}
			if k, ok := parseID(f.id); !ok || k != kindFolder {
				return fmt.Errorf("mailbox %s: folder id %q is not a folder id", ms.Address, f.id)
			}
			if o := oldDist[f.dist]; f.dist != "" && o != nil {
				f.perms, f.defaultPerm = o.perms, o.defaultPerm
			}
			byID[f.id] = f
			s.folders[f.id] = f
			s.seqID[f.seq] = f.id
			if f.dist != "" {
				m.dist[f.dist] = f
			}
		}
		for _, fs := range ms.Folders {
			if fs.Parent == "" {
				continue
			}
			p := byID[fs.Parent]
			if p == nil {
				return fmt.Errorf("mailbox %s: folder %s: no parent %s", ms.Address, fs.ID, fs.Parent)
			}
			f := byID[fs.ID]
			f.parent = p
			p.children[f] = struct{}{}
		}
		for _, is := range ms.Items {
			f := byID[is.Folder]
			if f == nil {
				return fmt.Errorf("mailbox %s: item %s: no folder %s", ms.Address, is.ID, is.Folder)
			}
			t := itemElems[is.Elem]
			if t == nil {
				return fmt.Errorf("mailbox %s: item %s: unknown element %q", ms.Address, is.ID, is.Elem)
			}
			var req ews.CreateItem
			if err := ews.Unmarshal([]byte(is.XML), &req); err != nil {
				return fmt.Errorf("mailbox %s: item %s: %w", ms.Address, is.ID, err)
			}
			if req.Items == nil || len(req.Items.Items) != 1 {
				return fmt.Errorf("mailbox %s: item %s: want one item in its XML", ms.Address, is.ID)
			}
			v := reflect.ValueOf(req.Items.Items[0])
			if v.Type() != reflect.PointerTo(t) {
				return fmt.Errorf("mailbox %s: item %s: XML holds a %s, want %s", ms.Address, is.ID, v.Type().Elem().Name(), t.Name())
			}
			it := &item{mbx: m, id: is.ID, ver: is.Ver, elem: is.Elem, v: v, seq: is.Seq, created: is.Created}
			if is.Creator != "" {
				it.creator = s.mailboxes[strings.ToLower(is.Creator)]
			}
			s.items[it.id] = it
			s.seqID[it.seq] = it.id
			it.folder = f
			f.items[it] = struct{}{}
			s.noteRead(it)
		}
	}
	s.counter = max(s.counter, snap.Counter)
	s.seq = max(s.seq, snap.Seq)
	return nil
}

// snapshotLocked builds the snapshot. Callers hold s.mu.
func (s *Server) snapshotLocked() (*snapshot, error) {
	snap := &snapshot{Version: 1, Counter: s.counter, Seq: s.seq}
	for _, m := range s.mailboxOrder {
		ms := mailboxSnapshot{Address: m.smtp, Name: m.name}
		var fs []*folder
		for _, f := range s.folders {
			if f.mbx == m {
				fs = append(fs, f)
			}
		}
		sortFolders(fs)
		for _, f := range fs {
			x := folderSnapshot{ID: f.id, Ver: f.ver, Name: f.name, Class: f.class, Elem: f.elem, Dist: f.dist, Hidden: f.hidden, Seq: f.seq}
			if f.parent != nil {
				x.Parent = f.parent.id
			}
			ms.Folders = append(ms.Folders, x)
			for _, it := range s.itemsIn(f) {
				choice, ok := it.v.Interface().(ews.NonEmptyArrayOfAllItemsTypeChoice)
				if !ok {
					return nil, fmt.Errorf("item %s (%s) cannot be written", it.id, it.elem)
				}
				xml := ews.Marshal(&ews.CreateItem{Items: &ews.NonEmptyArrayOfAllItemsType{Items: []ews.NonEmptyArrayOfAllItemsTypeChoice{choice}}})
				is := itemSnapshot{ID: it.id, Ver: it.ver, Folder: f.id, Elem: it.elem, Seq: it.seq, Created: it.created, XML: string(xml)}
				if it.creator != nil {
					is.Creator = it.creator.smtp
				}
				ms.Items = append(ms.Items, is)
			}
		}
		snap.Mailboxes = append(snap.Mailboxes, ms)
	}
	return snap, nil
}

// save writes the store to the data file when it changed since the last
// save.
func (s *Server) save() error {
	p := s.store
	p.mu.Lock()
	defer p.mu.Unlock()
	var snap *snapshot
	var gen uint64
	var err error
	s.locked(false, func() {
		gen = p.gen.Load()
		if gen == p.saved {
			return
		}
		snap, err = s.snapshotLocked()
	})
	if err != nil || snap == nil {
		return err
	}
	data, err := json.Marshal(snap)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(p.path, data, p.crashAfter); err != nil {
		return err
	}
	p.saved = gen
	return nil
}

// writeFileAtomic writes data to a temporary file next to path, syncs it,
// renames it to path and syncs the folder. crashAfter > 0 stops after that
// many bytes, leaving the temporary file, as a crash would.
func writeFileAtomic(path string, data []byte, crashAfter int) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	if crashAfter > 0 && crashAfter < len(data) {
		f.Write(data[:crashAfter])
		f.Close()
		return fmt.Errorf("simulated crash after %d bytes of %s", crashAfter, f.Name())
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// persisting saves the store, when the request changed it, before the
// answer leaves: the answer is held in memory until the save is done; a
// save that fails turns it into an ErrorInternalServerError fault, so no
// change is acknowledged that the file does not hold.
func (s *Server) persisting(next http.Handler) http.Handler {
	if s.store == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op := operationOf(r)
		rec := &heldResponse{header: http.Header{}}
		next.ServeHTTP(rec, r)
		if !readOnly(op) {
			// Changes the store hooks do not see (a folder renamed, a
			// grant, ...) are saved too.
			s.store.gen.Add(1)
		}
		if err := s.save(); err != nil {
			s.logf("ewsmock: saving %s: %v", s.store.path, err)
			b := (&ews.Envelope{Fault: ews.NewFault("ErrorInternalServerError", "The change could not be saved.", nil)}).Marshal(ews.ServerStyle)
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write(b)
			return
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		w.WriteHeader(rec.status)
		w.Write(rec.body.Bytes())
	})
}

// readOnly reports whether an operation only reads the store.
func readOnly(op string) bool {
	for _, p := range []string{"Get", "Find", "Resolve", "Expand", "Convert", "Sync"} {
		if strings.HasPrefix(op, p) {
			return true
		}
	}
	return false
}

// heldResponse records an answer.
type heldResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (h *heldResponse) Header() http.Header { return h.header }
func (h *heldResponse) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}
func (h *heldResponse) Write(b []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	return h.body.Write(b)
}

// Save writes the store to Options.DataFile now (it is also written after
// every change).
func (s *Server) Save() error {
	if s.store == nil {
		return errors.New("no data file")
	}
	s.store.gen.Add(1)
	return s.save()
}
