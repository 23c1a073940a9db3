package mock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
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
//
// A request and the save after it are one unit: requests run one at a
// time (unit), and when the save fails the store goes back to the content
// of the last file written (last), as if the request had not been made.
type persister struct {
	path  string
	gen   atomic.Uint64 // changes made
	unit  sync.Mutex    // held by a request from its start to its save
	mu    sync.Mutex    // one save at a time
	saved uint64        // changes in the file
	last  []byte        // the data of the file as last written or read
	// crashAfter, when set (tests), makes a save stop after writing that
	// many bytes of the temporary file, as a crash would.
	crashAfter int
}

// mutated records a change of the store, to be saved before the answer of
// the request that made it (or with the next save, for changes made
// outside requests, as a push subscription's progress). It is an atomic
// counter: callers need not hold s.mu.
func (s *Server) mutated() {
	if s.store != nil {
		s.store.gen.Add(1)
	}
}

// dataVersion is the version of the file format this server writes. It
// reads versions 1 (folders and items only) and 2.
const dataVersion = 2

// maxDataFile bounds the size of a data file read at start (1 GiB).
var maxDataFile int64 = 1 << 30

// snapshot is the file format: every mailbox's folders (with their
// permissions), items, recurring-series state, IM list and settings; the
// ids of deleted objects (for sync states); and the notification state.
type snapshot struct {
	Version   int               `json:"version"`
	Counter   uint64            `json:"counter"`
	Seq       int64             `json:"seq"`
	Mailboxes []mailboxSnapshot `json:"mailboxes"`
	// Tombstones are the ids of deleted items and folders by sequence: a
	// sync state that knew them reports their deletion by id.
	Tombstones map[int64]string `json:"tombstones,omitempty"`
	RuleSeq    int              `json:"ruleSeq,omitempty"`
	Notify     *notifySnapshot  `json:"notify,omitempty"`
}

type mailboxSnapshot struct {
	Address string           `json:"address"`
	Name    string           `json:"name"`
	Folders []folderSnapshot `json:"folders"`
	Items   []itemSnapshot   `json:"items"`
	// Version 2.
	Occurrences []occurrenceSnapshot `json:"occurrences,omitempty"`
	ImGroups    []imGroupSnapshot    `json:"imGroups,omitempty"`
	Personas    []personaSnapshot    `json:"personas,omitempty"`
	// Oof is a SetUserOofSettingsRequest holding the Out of Office
	// settings, when they were set.
	Oof       string             `json:"oof,omitempty"`
	Delegates []delegateSnapshot `json:"delegates,omitempty"`
	// DeliverMeetingRequests is the delegates' meeting request delivery,
	// when it was set.
	DeliverMeetingRequests string `json:"deliverMeetingRequests,omitempty"`
	// Configs are the user configurations, each a CreateUserConfiguration
	// request holding it, with the id of its folder.
	Configs []configSnapshot `json:"configs,omitempty"`
	// Rules is a GetInboxRulesResponse holding the Inbox rules.
	Rules       string     `json:"rules,omitempty"`
	PasswordSet *time.Time `json:"passwordSet,omitempty"`
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
	// Version 2: the permission levels granted on the folder, by the
	// grantee's address, and the level of everyone else.
	Perms       map[string]string `json:"perms,omitempty"`
	DefaultPerm string            `json:"defaultPerm,omitempty"`
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
	// property the generated types carry (attachments, extended
	// properties and MIME content included).
	XML string `json:"xml"`
}

// occurrenceSnapshot is an occurrence of a recurring series that has an
// id (Item), or a deleted one (no Item), by its instance index and
// original start.
type occurrenceSnapshot struct {
	Master string        `json:"master"`
	Index  int32         `json:"index"`
	Start  time.Time     `json:"start"`
	Item   *itemSnapshot `json:"item,omitempty"`
}

type imGroupSnapshot struct {
	ID      string   `json:"id"`
	Ver     int      `json:"ver"`
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	SMTP    string   `json:"smtp,omitempty"`
	Members []string `json:"members,omitempty"` // persona ids
}

type personaSnapshot struct {
	ID      string    `json:"id"`
	Ver     int       `json:"ver"`
	Address string    `json:"address"`
	Name    string    `json:"name,omitempty"`
	Created time.Time `json:"created"`
}

type delegateSnapshot struct {
	User             string `json:"user"`
	ReceiveCopies    bool   `json:"receiveCopies,omitempty"`
	ViewPrivateItems bool   `json:"viewPrivateItems,omitempty"`
}

type configSnapshot struct {
	Folder string `json:"folder"`
	XML    string `json:"xml"`
}

// notifySnapshot is the notification state: per mailbox the last event
// sequence and the recent events (so that watermarks stay valid), and the
// subscriptions. Open streaming connections are not kept (a restart ends
// them); the streaming subscriptions are, with their waiting events.
type notifySnapshot struct {
	Mailboxes     []notifyMailboxSnapshot `json:"mailboxes,omitempty"`
	Subscriptions []subscriptionSnapshot  `json:"subscriptions,omitempty"`
}

type notifyMailboxSnapshot struct {
	Address string          `json:"address"`
	Seq     uint64          `json:"seq"`
	Log     []eventSnapshot `json:"log,omitempty"`
}

type eventSnapshot struct {
	Kind      string    `json:"kind"`
	Seq       uint64    `json:"seq"`
	At        time.Time `json:"at"`
	Folder    bool      `json:"folder,omitempty"`
	ID        string    `json:"id"`
	CK        string    `json:"ck,omitempty"`
	Parent    string    `json:"parent,omitempty"`
	OldID     string    `json:"oldId,omitempty"`
	OldParent string    `json:"oldParent,omitempty"`
	Unread    *int32    `json:"unread,omitempty"`
}

type subscriptionSnapshot struct {
	ID      string          `json:"id"`
	Kind    string          `json:"kind"` // pull, push, streaming
	Owner   string          `json:"owner"`
	Mailbox string          `json:"mailbox"`
	All     bool            `json:"all,omitempty"`
	Folders []string        `json:"folders,omitempty"`
	Types   []string        `json:"types"`
	Queue   []eventSnapshot `json:"queue,omitempty"`
	Acked   uint64          `json:"acked"`
	Missed  bool            `json:"missed,omitempty"`
	// pull
	Timeout  time.Duration `json:"timeout,omitempty"`
	LastPoll time.Time     `json:"lastPoll,omitzero"`
	// push
	URL        string        `json:"url,omitempty"`
	Frequency  time.Duration `json:"frequency,omitempty"`
	CallerData *string       `json:"callerData,omitempty"`
}

var subKindNames = []string{subPull: "pull", subPush: "push", subStreaming: "streaming"}

// openStore loads Options.DataFile when it exists; the file's content
// replaces that of the seed. Callers hold s.mu.
func (s *Server) openStore() error {
	if s.opts.DataFile == "" {
		return nil
	}
	path := s.opts.DataFile
	s.store = &persister{path: path}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s.keepLast()
	}
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxDataFile+1))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > maxDataFile {
		return fmt.Errorf("%s: the data file is larger than %d bytes", path, maxDataFile)
	}
	snap, err := decodeSnapshot(path, data)
	if err != nil {
		return err
	}
	if err := s.restore(snap); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	s.store.saved = s.store.gen.Load()
	return s.keepLast()
}

// keepLast records the store as it is as the state to go back to when a
// save fails. Callers hold s.mu.
func (s *Server) keepLast() error {
	snap, err := s.snapshotLocked()
	if err != nil {
		return err
	}
	s.store.last, err = json.Marshal(snap)
	return err
}

// rollback puts the store back as it was when the data file was last
// written (or read): the changes made since, by the request whose save
// failed, are undone. Subscriptions are ended and made again from the
// file: push subscriptions resume from their saved position (a
// notification delivered since may be posted again), and open streaming
// responses of the store's subscriptions end. Callers hold p.unit and
// p.mu.
func (s *Server) rollback() error {
	p := s.store
	snap, err := decodeSnapshot(p.path, p.last)
	if err != nil {
		return err
	}
	s.locked(true, func() {
		h := s.hub
		h.mu.Lock()
		for _, sub := range h.subs {
			h.end(sub)
		}
		h.subs, h.seq, h.log, h.ids = map[string]*subscription{}, map[*mailbox]uint64{}, map[*mailbox][]event{}, map[*item]string{}
		h.mu.Unlock()
		s.folders, s.items, s.seqID = map[string]*folder{}, map[string]*item{}, map[int64]string{}
		err = s.restore(snap)
	})
	if err != nil {
		return fmt.Errorf("restoring the store from the data written last: %w", err)
	}
	p.saved = p.gen.Load()
	return nil
}

// decodeSnapshot reads a data file: its version first (a version this
// server does not know is refused), then the whole of it, with no unknown
// field. Errors name the file and, for malformed JSON, the line and
// column.
func decodeSnapshot(path string, data []byte) (*snapshot, error) {
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError(path, data, err, nil)
	}
	switch {
	case head.Version == nil:
		return nil, fmt.Errorf("%s: not an ewsmock data file: it has no version field", path)
	case *head.Version < 1 || *head.Version > dataVersion:
		return nil, fmt.Errorf("%s: data file version %d is not supported (this ewsmock reads versions 1 to %d)", path, *head.Version, dataVersion)
	}
	var snap snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&snap); err != nil {
		return nil, jsonError(path, data, err, dec)
	}
	if dec.More() {
		return nil, jsonError(path, data, errors.New("data after the end of the document"), dec)
	}
	return &snap, nil
}

// jsonError names the file, line and column of a JSON error.
func jsonError(path string, data []byte, err error, dec *json.Decoder) error {
	off := int64(-1)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		off = int64(len(data))
		err = errors.New("unexpected end of file (the file is truncated)")
	case dec != nil:
		off = dec.InputOffset()
	}
	if off < 0 {
		return fmt.Errorf("%s: malformed data file: %w", path, err)
	}
	off = min(off, int64(len(data)))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - int64(bytes.LastIndexByte(data[:off], '\n'))
	return fmt.Errorf("%s:%d:%d: malformed data file: %w", path, line, col, err)
}

// permName is the name of a permission level.
func permName(l permLevel) string {
	for n, x := range permNames {
		if x == l {
			return n
		}
	}
	return "none"
}

// restoreItem makes the item of a snapshot entry, in folder f (not yet
// placed there).
func (s *Server) restoreItem(m *mailbox, is *itemSnapshot) (*item, error) {
	t := itemElems[is.Elem]
	if t == nil {
		return nil, fmt.Errorf("mailbox %s: item %s: unknown element %q", m.smtp, is.ID, is.Elem)
	}
	if k, ok := parseID(is.ID); !ok || k != kindItem {
		return nil, fmt.Errorf("mailbox %s: item id %q is not an item id", m.smtp, is.ID)
	}
	var req ews.CreateItem
	if err := ews.Unmarshal([]byte(is.XML), &req); err != nil {
		return nil, fmt.Errorf("mailbox %s: item %s: %w", m.smtp, is.ID, err)
	}
	if req.Items == nil || len(req.Items.List) != 1 {
		return nil, fmt.Errorf("mailbox %s: item %s: want one item in its XML", m.smtp, is.ID)
	}
	v := reflect.ValueOf(req.Items.List[0])
	if v.Type() != reflect.PointerTo(t) {
		return nil, fmt.Errorf("mailbox %s: item %s: XML holds a %s, want %s", m.smtp, is.ID, v.Type().Elem().Name(), t.Name())
	}
	it := &item{mbx: m, id: is.ID, ver: is.Ver, elem: is.Elem, v: v, seq: is.Seq, created: is.Created}
	if is.Creator != "" {
		if it.creator = s.mailboxes[strings.ToLower(is.Creator)]; it.creator == nil {
			return nil, fmt.Errorf("mailbox %s: item %s: creator %s has no mailbox", m.smtp, is.ID, is.Creator)
		}
	}
	if s.items[it.id] != nil {
		return nil, fmt.Errorf("mailbox %s: item id %s is listed twice", m.smtp, is.ID)
	}
	s.items[it.id] = it
	s.seqID[it.seq] = it.id
	return it, nil
}

// restore replaces the content of the mailboxes with the snapshot's. A
// version 1 file holds folders and items only: grants on distinguished
// folders, IM lists and settings are kept as the seed made them.
func (s *Server) restore(snap *snapshot) error {
	v2 := snap.Version >= 2
	if v2 {
		s.cal = calState{}
		s.cal.init()
	}
	mbxOf := func(addr, what string) (*mailbox, error) {
		m := s.mailboxes[strings.ToLower(addr)]
		if m == nil {
			return nil, fmt.Errorf("%s: %q has no mailbox", what, addr)
		}
		return m, nil
	}
	// Folders and items first: the rest refers to them, and to every
	// mailbox.
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
			if s.folders[f.id] != nil {
				return fmt.Errorf("mailbox %s: folder id %s is listed twice", ms.Address, f.id)
			}
			if !v2 {
				if o := oldDist[f.dist]; f.dist != "" && o != nil {
					f.perms, f.defaultPerm = o.perms, o.defaultPerm
				}
			} else {
				if fs.DefaultPerm != "" {
					l, err := parsePermLevel(fs.DefaultPerm)
					if err != nil {
						return fmt.Errorf("mailbox %s: folder %s: %w", ms.Address, f.id, err)
					}
					f.defaultPerm = l
				}
				for addr, name := range fs.Perms {
					g, err := mbxOf(addr, "folder "+f.id+": grantee")
					if err != nil {
						return fmt.Errorf("mailbox %s: %w", ms.Address, err)
					}
					l, err := parsePermLevel(name)
					if err != nil {
						return fmt.Errorf("mailbox %s: folder %s: %w", ms.Address, f.id, err)
					}
					if f.perms == nil {
						f.perms = map[*mailbox]permLevel{}
					}
					f.perms[g] = l
				}
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
		for i := range ms.Items {
			is := &ms.Items[i]
			f := byID[is.Folder]
			if f == nil {
				return fmt.Errorf("mailbox %s: item %s: no folder %s", ms.Address, is.ID, is.Folder)
			}
			it, err := s.restoreItem(m, is)
			if err != nil {
				return err
			}
			it.folder = f
			f.items[it] = struct{}{}
			s.noteRead(it)
		}
	}
	for _, ms := range snap.Mailboxes {
		if !v2 {
			break
		}
		m := s.mailboxes[strings.ToLower(ms.Address)]
		if err := s.restoreMailboxState(m, &ms, mbxOf); err != nil {
			return fmt.Errorf("mailbox %s: %w", ms.Address, err)
		}
	}
	for seq, id := range snap.Tombstones {
		if _, ok := s.seqID[seq]; !ok {
			s.seqID[seq] = id
		}
	}
	s.counter = max(s.counter, snap.Counter)
	s.seq = max(s.seq, snap.Seq)
	if v2 {
		s.cal.ruleSeq = snap.RuleSeq
	}
	if snap.Notify != nil {
		if err := s.restoreNotify(snap.Notify, mbxOf); err != nil {
			return fmt.Errorf("notifications: %w", err)
		}
	}
	return nil
}

// restoreMailboxState restores the version 2 state of mailbox m beyond
// its folders and items.
func (s *Server) restoreMailboxState(m *mailbox, ms *mailboxSnapshot, mbxOf func(addr, what string) (*mailbox, error)) error {
	for i := range ms.Occurrences {
		oc := &ms.Occurrences[i]
		master := s.items[oc.Master]
		if master == nil || master.mbx != m {
			return fmt.Errorf("occurrence %d: no master item %s", oc.Index, oc.Master)
		}
		sr := s.seriesOf(master)
		if oc.Item == nil {
			sr.deleted[oc.Index] = oc.Start
			continue
		}
		it, err := s.restoreItem(m, oc.Item)
		if err != nil {
			return err
		}
		if it.folder = s.folders[oc.Item.Folder]; it.folder == nil {
			return fmt.Errorf("occurrence %s: no folder %s", it.id, oc.Item.Folder)
		}
		sr.occ[oc.Index] = it
		s.cal.occOf[it.id] = &occRef{master: master, index: oc.Index, start: oc.Start}
	}
	// The IM list.
	m.imGroups, m.personas = nil, nil
	m.groupByID, m.personaIdx = map[string]*imGroup{}, map[string]*persona{}
	for _, ps := range ms.Personas {
		m.addPersona(&persona{id: ps.ID, ver: ps.Ver, address: ps.Address, name: ps.Name, created: ps.Created})
	}
	for _, gs := range ms.ImGroups {
		g := &imGroup{id: gs.ID, ver: gs.Ver, name: gs.Name, groupType: gs.Type, smtp: gs.SMTP}
		for _, pid := range gs.Members {
			p := m.personaIdx[pid]
			if p == nil {
				return fmt.Errorf("IM group %s: no contact %s", gs.ID, pid)
			}
			g.members = append(g.members, p)
		}
		m.addGroup(g)
	}
	if ms.Oof != "" {
		var req ews.SetUserOofSettingsRequest
		if err := ews.Unmarshal([]byte(ms.Oof), &req); err != nil {
			return fmt.Errorf("Out of Office settings: %w", err)
		}
		if req.UserOofSettings == nil {
			return errors.New("Out of Office settings: no UserOofSettings")
		}
		s.cal.oof[m] = req.UserOofSettings
	}
	for _, ds := range ms.Delegates {
		u, err := mbxOf(ds.User, "delegate")
		if err != nil {
			return err
		}
		s.cal.delegates[m] = append(s.cal.delegates[m], &delegate{user: u, receiveCopies: ds.ReceiveCopies, viewPrivateItems: ds.ViewPrivateItems})
	}
	if ms.DeliverMeetingRequests != "" {
		s.cal.deliver[m] = ews.DeliverMeetingRequestsType(ms.DeliverMeetingRequests)
	}
	for _, cs := range ms.Configs {
		f := s.folders[cs.Folder]
		if f == nil || f.mbx != m {
			return fmt.Errorf("user configuration: no folder %s", cs.Folder)
		}
		var req ews.CreateUserConfiguration
		if err := ews.Unmarshal([]byte(cs.XML), &req); err != nil {
			return fmt.Errorf("user configuration in folder %s: %w", cs.Folder, err)
		}
		c := req.UserConfiguration
		if c == nil || c.UserConfigurationName == nil {
			return fmt.Errorf("user configuration in folder %s: no UserConfiguration with a name", cs.Folder)
		}
		if s.cal.configs[f] == nil {
			s.cal.configs[f] = map[string]*ews.UserConfigurationType{}
		}
		s.cal.configs[f][string(c.UserConfigurationName.Name)] = c
	}
	if ms.Rules != "" {
		var resp ews.GetInboxRulesResponse
		if err := ews.Unmarshal([]byte(ms.Rules), &resp); err != nil {
			return fmt.Errorf("Inbox rules: %w", err)
		}
		if resp.InboxRules != nil {
			s.cal.rules[m] = resp.InboxRules.Rule
		}
	}
	if ms.PasswordSet != nil {
		s.cal.passwordSet[m] = *ms.PasswordSet
	}
	return nil
}

func eventOf(e *eventSnapshot) event {
	return event{kind: e.Kind, seq: e.Seq, at: e.At, folder: e.Folder, id: e.ID, ck: e.CK, parent: e.Parent, oldID: e.OldID, oldParent: e.OldParent, unread: e.Unread}
}

func eventSnap(e *event) eventSnapshot {
	return eventSnapshot{Kind: e.kind, Seq: e.seq, At: e.at, Folder: e.folder, ID: e.id, CK: e.ck, Parent: e.parent, OldID: e.oldID, OldParent: e.oldParent, Unread: e.unread}
}

// restoreNotify restores the event sequences, recent events and
// subscriptions; push subscriptions start posting again.
func (s *Server) restoreNotify(ns *notifySnapshot, mbxOf func(addr, what string) (*mailbox, error)) error {
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, it := range s.items {
		h.ids[it] = it.id
	}
	for _, nm := range ns.Mailboxes {
		m, err := mbxOf(nm.Address, "events")
		if err != nil {
			return err
		}
		h.seq[m] = nm.Seq
		h.log[m] = nil
		for i := range nm.Log {
			h.log[m] = append(h.log[m], eventOf(&nm.Log[i]))
		}
	}
	for _, ss := range ns.Subscriptions {
		kind := slices.Index(subKindNames, ss.Kind)
		if kind < 0 {
			return fmt.Errorf("subscription %s: unknown kind %q", ss.ID, ss.Kind)
		}
		owner, err := mbxOf(ss.Owner, "subscription "+ss.ID+": owner")
		if err != nil {
			return err
		}
		m, err := mbxOf(ss.Mailbox, "subscription "+ss.ID+": mailbox")
		if err != nil {
			return err
		}
		sub := &subscription{id: ss.ID, kind: kind, owner: owner, mbx: m, all: ss.All, folders: map[string]bool{}, types: map[string]bool{},
			acked: ss.Acked, missed: ss.Missed, timeout: ss.Timeout, lastPoll: ss.LastPoll, url: ss.URL, frequency: ss.Frequency, callerData: ss.CallerData,
			done: make(chan struct{})}
		for _, f := range ss.Folders {
			sub.folders[f] = true
		}
		for _, t := range ss.Types {
			sub.types[t] = true
		}
		for i := range ss.Queue {
			sub.queue = append(sub.queue, eventOf(&ss.Queue[i]))
		}
		if kind == subPush {
			if sub.frequency <= 0 {
				return fmt.Errorf("push subscription %s: no status frequency", ss.ID)
			}
			sub.wake = make(chan struct{}, 1)
		}
		if h.subs[sub.id] != nil {
			return fmt.Errorf("subscription %s is listed twice", ss.ID)
		}
		h.subs[sub.id] = sub
		if kind == subPush {
			s.startPush(sub)
			if len(sub.queue) > 0 {
				sub.signal()
			}
		}
	}
	return nil
}

// itemSnap makes the snapshot entry of item it.
func itemSnap(it *item) (itemSnapshot, error) {
	choice, ok := it.v.Interface().(ews.NonEmptyArrayOfAllItemsTypeChoice)
	if !ok {
		return itemSnapshot{}, fmt.Errorf("item %s (%s) cannot be written", it.id, it.elem)
	}
	xml := ews.Marshal(&ews.CreateItem{Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{choice}}})
	is := itemSnapshot{ID: it.id, Ver: it.ver, Elem: it.elem, Seq: it.seq, Created: it.created, XML: string(xml)}
	if it.folder != nil {
		is.Folder = it.folder.id
	}
	if it.creator != nil {
		is.Creator = it.creator.smtp
	}
	return is, nil
}

// snapshotLocked builds the snapshot. Callers hold s.mu.
func (s *Server) snapshotLocked() (*snapshot, error) {
	snap := &snapshot{Version: dataVersion, Counter: s.counter, Seq: s.seq, RuleSeq: s.cal.ruleSeq, Tombstones: map[int64]string{}}
	live := map[int64]bool{}
	// Recurring series by the mailbox of their master, in creation order.
	masters := map[*mailbox][]*item{}
	for master := range s.cal.series {
		if s.items[master.id] == master {
			masters[master.mbx] = append(masters[master.mbx], master)
		}
	}
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
			if f.defaultPerm != permNone {
				x.DefaultPerm = permName(f.defaultPerm)
			}
			for g, l := range f.perms {
				if x.Perms == nil {
					x.Perms = map[string]string{}
				}
				x.Perms[g.smtp] = permName(l)
			}
			live[f.seq] = true
			ms.Folders = append(ms.Folders, x)
			for _, it := range s.itemsIn(f) {
				is, err := itemSnap(it)
				if err != nil {
					return nil, err
				}
				live[it.seq] = true
				ms.Items = append(ms.Items, is)
			}
		}
		sortItems(masters[m])
		for _, master := range masters[m] {
			sr := s.cal.series[master]
			var idxs []int32
			for idx := range sr.occ {
				idxs = append(idxs, idx)
			}
			for idx := range sr.deleted {
				if sr.occ[idx] == nil {
					idxs = append(idxs, idx)
				}
			}
			slices.Sort(idxs)
			for _, idx := range idxs {
				oc := occurrenceSnapshot{Master: master.id, Index: idx}
				if it := sr.occ[idx]; it != nil && s.items[it.id] == it && !it.v.IsNil() {
					is, err := itemSnap(it)
					if err != nil {
						return nil, err
					}
					live[it.seq] = true
					oc.Item, oc.Start = &is, s.cal.occOf[it.id].start
				} else if t, ok := sr.deleted[idx]; ok {
					oc.Start = t
				} else {
					continue // removed since: the next view marks it deleted
				}
				ms.Occurrences = append(ms.Occurrences, oc)
			}
		}
		for _, p := range m.personas {
			ms.Personas = append(ms.Personas, personaSnapshot{ID: p.id, Ver: p.ver, Address: p.address, Name: p.name, Created: p.created})
		}
		for _, g := range m.imGroups {
			gs := imGroupSnapshot{ID: g.id, Ver: g.ver, Name: g.name, Type: g.groupType, SMTP: g.smtp}
			for _, p := range g.members {
				gs.Members = append(gs.Members, p.id)
			}
			ms.ImGroups = append(ms.ImGroups, gs)
		}
		if o := s.cal.oof[m]; o != nil {
			ms.Oof = string(ews.Marshal(&ews.SetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: m.smtp}, UserOofSettings: o}))
		}
		for _, d := range s.cal.delegates[m] {
			ms.Delegates = append(ms.Delegates, delegateSnapshot{User: d.user.smtp, ReceiveCopies: d.receiveCopies, ViewPrivateItems: d.viewPrivateItems})
		}
		if v, ok := s.cal.deliver[m]; ok {
			ms.DeliverMeetingRequests = string(v)
		}
		for _, f := range fs {
			names := slices.Sorted(maps.Keys(s.cal.configs[f]))
			for _, n := range names {
				ms.Configs = append(ms.Configs, configSnapshot{Folder: f.id, XML: string(ews.Marshal(&ews.CreateUserConfiguration{UserConfiguration: s.cal.configs[f][n]}))})
			}
		}
		if rules, ok := s.cal.rules[m]; ok && len(rules) > 0 {
			ms.Rules = string(ews.Marshal(&ews.GetInboxRulesResponse{ResponseClass: ews.ResponseClassSuccess, InboxRules: &ews.ArrayOfRulesType{Rule: rules}}))
		}
		if t, ok := s.cal.passwordSet[m]; ok {
			ms.PasswordSet = &t
		}
		snap.Mailboxes = append(snap.Mailboxes, ms)
	}
	for seq, id := range s.seqID {
		if !live[seq] {
			snap.Tombstones[seq] = id
		}
	}
	snap.Notify = s.hub.snapshot()
	return snap, nil
}

// snapshot returns the notification state.
func (h *hub) snapshot() *notifySnapshot {
	h.mu.Lock()
	defer h.mu.Unlock()
	ns := &notifySnapshot{}
	for m, seq := range h.seq {
		nm := notifyMailboxSnapshot{Address: m.smtp, Seq: seq}
		for i := range h.log[m] {
			nm.Log = append(nm.Log, eventSnap(&h.log[m][i]))
		}
		ns.Mailboxes = append(ns.Mailboxes, nm)
	}
	slices.SortFunc(ns.Mailboxes, func(a, b notifyMailboxSnapshot) int { return strings.Compare(a.Address, b.Address) })
	for _, sub := range h.subs {
		ss := subscriptionSnapshot{ID: sub.id, Kind: subKindNames[sub.kind], Owner: sub.owner.smtp, Mailbox: sub.mbx.smtp, All: sub.all,
			Folders: slices.Sorted(maps.Keys(sub.folders)), Types: slices.Sorted(maps.Keys(sub.types)), Acked: sub.acked, Missed: sub.missed,
			Timeout: sub.timeout, LastPoll: sub.lastPoll, URL: sub.url, Frequency: sub.frequency, CallerData: sub.callerData}
		for i := range sub.queue {
			ss.Queue = append(ss.Queue, eventSnap(&sub.queue[i]))
		}
		ns.Subscriptions = append(ns.Subscriptions, ss)
	}
	slices.SortFunc(ns.Subscriptions, func(a, b subscriptionSnapshot) int { return strings.Compare(a.ID, b.ID) })
	return ns
}

// save writes the store to the data file when it changed since the last
// save. When the write fails, the store goes back to the content of the
// file (rollback). Callers hold p.unit.
func (s *Server) save() error {
	p := s.store
	p.mu.Lock()
	defer p.mu.Unlock()
	err := s.write()
	if err != nil {
		if rerr := s.rollback(); rerr != nil {
			return &notUndone{save: err, rollback: rerr}
		}
	}
	return err
}

// notUndone is the error of a failed save whose rollback failed too.
type notUndone struct{ save, rollback error }

func (e *notUndone) Error() string {
	return e.save.Error() + "; the change stays in memory: " + e.rollback.Error()
}
func (e *notUndone) Unwrap() []error { return []error{e.save, e.rollback} }

// write writes the store to the data file when it changed since the last
// write. Callers hold p.mu.
func (s *Server) write() error {
	p := s.store
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
	p.last = data
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
// save that fails undoes the request's changes (rollback) and turns the
// answer into an ErrorInternalServerError fault saying so, so no change is
// acknowledged that the file does not hold, and none reaches it later.
// Requests run one at a time, each with its save.
func (s *Server) persisting(next http.Handler) http.Handler {
	if s.store == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op := operationOf(r)
		rec := &heldResponse{header: http.Header{}}
		s.store.unit.Lock()
		defer s.store.unit.Unlock()
		next.ServeHTTP(rec, r)
		if !readOnly(op) {
			// Changes the store hooks do not see (a folder renamed, a
			// grant, ...) are saved too.
			s.store.gen.Add(1)
		}
		if err := s.save(); err != nil {
			s.logf("ewsmock: saving %s: %v", s.store.path, err)
			msg := "The change could not be saved and was not made."
			if _, kept := err.(*notUndone); kept {
				msg = "The change could not be saved, and could not be undone."
			}
			b := (&ews.Envelope{Fault: ews.NewFault("ErrorInternalServerError", msg, nil)}).Marshal(ews.ServerStyle)
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
// every change). When the write fails, the store goes back to the content
// of the file, as after a request whose save failed: changes made outside
// requests since the last save (push progress) are undone.
func (s *Server) Save() error {
	if s.store == nil {
		return errors.New("no data file")
	}
	s.store.unit.Lock()
	defer s.store.unit.Unlock()
	s.store.gen.Add(1)
	return s.save()
}
