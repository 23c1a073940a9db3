package mock

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"reflect"
	"strings"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Kinds of store objects, the first bytes of their ids after the prefix.
const (
	kindFolder  = 1
	kindItem    = 2
	kindImGroup = 3
	kindPersona = 4
)

// idPrefixes make ids look like Exchange's ("AAMk…" for items, "AQMk…" for
// folders, "AAQk…" for personas).
var idPrefixes = map[byte][]byte{
	kindFolder:  {0x01, 0x03, 0x24, 0x00},
	kindItem:    {0x00, 0x03, 0x24, 0x00},
	kindImGroup: {0x00, 0x03, 0x24, 0x00},
	kindPersona: {0x00, 0x04, 0x24, 0x00},
}

const idLen = 4 + 16 + 1 + 8 + 7 // prefix, mailbox guid, kind, counter, padding

// newID returns a fresh base64 id for an object of kind in mailbox m.
func (s *Server) newID(m *mailbox, kind byte) string {
	s.counter++
	b := make([]byte, 0, idLen)
	b = append(b, idPrefixes[kind]...)
	b = append(b, m.guid[:]...)
	b = append(b, kind)
	b = binary.BigEndian.AppendUint64(b, s.counter)
	b = append(b, 0, 0, 0x46, 0, 0, 0, 0)
	return base64.StdEncoding.EncodeToString(b)
}

// parseID checks that id is one of ours and returns its kind; ok is false
// for a malformed id (ErrorInvalidIdMalformed).
func parseID(id string) (kind byte, ok bool) {
	b, err := base64.StdEncoding.DecodeString(id)
	if err != nil || len(b) != idLen {
		return 0, false
	}
	return b[20], true
}

// changeKey derives an opaque change key from an id and a version.
func changeKey(id string, ver int) string {
	h := sha256.Sum256([]byte(id))
	b := []byte{0x09, 0, 0, 0, 0x16, 0, 0, 0}
	b = append(b, h[:8]...)
	b = binary.BigEndian.AppendUint32(b, uint32(ver))
	return base64.StdEncoding.EncodeToString(b)
}

// mailbox is one user's store.
type mailbox struct {
	smtp, name string
	guid       [16]byte
	dist       map[string]*folder // distinguished folders by name
	imGroups   []*imGroup         // in creation order
	personas   []*persona         // IM contacts, in creation order
	groupByID  map[string]*imGroup
	personaIdx map[string]*persona
	// mayImpersonate lists the mailboxes this mailbox's user may act as
	// through ExchangeImpersonation; all is true for every mailbox.
	mayImpersonate map[*mailbox]bool
	impersonateAll bool
}

// folder is a folder of a mailbox.
type folder struct {
	mbx    *mailbox
	id     string
	ver    int
	parent *folder
	name   string
	class  string
	elem   string // Folder, CalendarFolder, ContactsFolder, TasksFolder, SearchFolder
	dist   string // distinguished name, "" if none
	hidden bool   // not listed by FindFolder (root's system folders)
	seq    int64  // creation order

	children map[*folder]struct{}
	items    map[*item]struct{}
	unread   int // items of items whose IsRead is false

	// perms are the permission levels granted to other users on this
	// folder; defaultPerm applies to users not listed.
	perms       map[*mailbox]permLevel
	defaultPerm permLevel
}

func (f *folder) changeKey() string { return changeKey(f.id, f.ver) }

// item is an item of a folder: the typed value (a pointer to one of the
// generated item structs) and its element name.
type item struct {
	mbx     *mailbox
	id      string
	ver     int
	folder  *folder
	elem    string        // Message, CalendarItem, Contact, Task, PostItem, DistributionList, Item
	v       reflect.Value // pointer to the struct
	seq     int64         // creation order
	created time.Time
	creator *mailbox // the user whose request created it (nil: the owner)
	unread  bool     // IsRead is false
}

func (it *item) changeKey() string { return changeKey(it.id, it.ver) }

// imGroup is a group of the IM list.
type imGroup struct {
	id        string
	ver       int
	name      string
	groupType string
	smtp      string     // distribution groups only
	members   []*persona // contacts in the group
}

// persona is an IM contact.
type persona struct {
	id      string
	ver     int
	address string
	name    string
	created time.Time
}

// itemElems maps the element names of items to their Go types.
var itemElems = map[string]reflect.Type{
	"Item":                reflect.TypeOf(ews.ItemType{}),
	"Message":             reflect.TypeOf(ews.MessageType{}),
	"CalendarItem":        reflect.TypeOf(ews.CalendarItemType{}),
	"Contact":             reflect.TypeOf(ews.ContactItemType{}),
	"DistributionList":    reflect.TypeOf(ews.DistributionListType{}),
	"Task":                reflect.TypeOf(ews.TaskType{}),
	"PostItem":            reflect.TypeOf(ews.PostItemType{}),
	"MeetingRequest":      reflect.TypeOf(ews.MeetingRequestMessageType{}),
	"MeetingResponse":     reflect.TypeOf(ews.MeetingResponseMessageType{}),
	"MeetingCancellation": reflect.TypeOf(ews.MeetingCancellationMessageType{}),
}

// elemOfItem returns the element name of a typed item value, "" when the
// value is not an item this server stores.
func elemOfItem(v any) string {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer {
		return ""
	}
	for name, et := range itemElems {
		if et == t.Elem() {
			return name
		}
	}
	return ""
}

// defaultItemClass is the ItemClass an item gets when the request sets none.
var defaultItemClass = map[string]string{
	"Item":                "IPM",
	"Message":             "IPM.Note",
	"CalendarItem":        "IPM.Appointment",
	"Contact":             "IPM.Contact",
	"DistributionList":    "IPM.DistList",
	"Task":                "IPM.Task",
	"PostItem":            "IPM.Post",
	"MeetingRequest":      "IPM.Schedule.Meeting.Request",
	"MeetingResponse":     "IPM.Schedule.Meeting.Resp.Pos",
	"MeetingCancellation": "IPM.Schedule.Meeting.Canceled",
}

// distinguishedFolders are created in every mailbox: name, display name,
// folder class, element, parent (distinguished name).
var distinguishedFolders = []struct {
	dist, name, class, elem, parent string
	hidden                          bool
}{
	{"root", "", "", "Folder", "", false},
	{"msgfolderroot", "Top of Information Store", "IPF.Note", "Folder", "root", false},
	{"inbox", "Inbox", "IPF.Note", "Folder", "msgfolderroot", false},
	{"drafts", "Drafts", "IPF.Note", "Folder", "msgfolderroot", false},
	{"sentitems", "Sent Items", "IPF.Note", "Folder", "msgfolderroot", false},
	{"deleteditems", "Deleted Items", "IPF.Note", "Folder", "msgfolderroot", false},
	{"outbox", "Outbox", "IPF.Note", "Folder", "msgfolderroot", false},
	{"junkemail", "Junk Email", "IPF.Note", "Folder", "msgfolderroot", false},
	{"calendar", "Calendar", "IPF.Appointment", "CalendarFolder", "msgfolderroot", false},
	{"contacts", "Contacts", "IPF.Contact", "ContactsFolder", "msgfolderroot", false},
	{"tasks", "Tasks", "IPF.Task", "TasksFolder", "msgfolderroot", false},
	{"notes", "Notes", "IPF.StickyNote", "Folder", "msgfolderroot", false},
	{"journal", "Journal", "IPF.Journal", "Folder", "msgfolderroot", false},
	{"conversationhistory", "Conversation History", "IPF.Note", "Folder", "msgfolderroot", false},
	{"archivemsgfolderroot", "", "", "Folder", "", true},
	{"searchfolders", "Finder", "", "Folder", "root", true},
	{"recoverableitemsroot", "Recoverable Items", "", "Folder", "root", true},
	{"recoverableitemsdeletions", "Deletions", "", "Folder", "recoverableitemsroot", true},
	{"recoverableitemsversions", "Versions", "", "Folder", "recoverableitemsroot", true},
	{"recoverableitemspurges", "Purges", "", "Folder", "recoverableitemsroot", true},
	{"quickcontacts", "Quick Contacts", "IPF.Contact.MOC.QuickContacts", "ContactsFolder", "contacts", false},
	{"imcontactlist", "IM Contact List", "IPF.Contact.MOC.ImContactList", "ContactsFolder", "contacts", false},
}

// newMailbox creates a mailbox with its distinguished folders and the
// default IM groups. Callers hold s.mu.
func (s *Server) newMailbox(smtp, name string) *mailbox {
	m := &mailbox{smtp: smtp, name: name, dist: map[string]*folder{}, groupByID: map[string]*imGroup{}, personaIdx: map[string]*persona{}, mayImpersonate: map[*mailbox]bool{}}
	h := sha256.Sum256([]byte(strings.ToLower(smtp)))
	copy(m.guid[:], h[:16])
	for _, d := range distinguishedFolders {
		if d.dist == "archivemsgfolderroot" {
			continue // no archive mailbox: ErrorFolderNotFound, as Exchange says
		}
		f := s.newFolder(m, m.dist[d.parent], d.name, d.class, d.elem)
		f.dist, f.hidden = d.dist, d.hidden
		m.dist[d.dist] = f
	}
	m.addGroup(&imGroup{id: s.newID(m, kindImGroup), ver: 1, name: "Other Contacts", groupType: "IPM.DistList.MOC.OtherContacts"})
	s.mailboxes[strings.ToLower(smtp)] = m
	s.mailboxOrder = append(s.mailboxOrder, m)
	return m
}

// newFolder adds a folder under parent (nil for a root). Callers hold s.mu
// for writing.
func (s *Server) newFolder(m *mailbox, parent *folder, name, class, elem string) *folder {
	f := &folder{mbx: m, id: s.newID(m, kindFolder), ver: 1, name: name, class: class, elem: elem,
		children: map[*folder]struct{}{}, items: map[*item]struct{}{}}
	s.seq++
	f.seq = s.seq
	s.folders[f.id] = f
	s.seqID[f.seq] = f.id
	s.setParent(f, parent)
	s.folderEvent("CreatedEvent", f, parent, nil)
	return f
}

// setParent moves folder f under parent, keeping the child indexes.
func (s *Server) setParent(f, parent *folder) {
	old := f.parent
	if f.parent != nil {
		delete(f.parent.children, f)
	}
	f.parent = parent
	if parent != nil {
		parent.children[f] = struct{}{}
	}
	switch {
	case old != nil && parent == nil:
		s.folderEvent("DeletedEvent", f, old, nil)
	case old != nil && parent != old:
		s.folderEvent("MovedEvent", f, parent, old)
	}
}

// children returns the folders whose parent is f, in creation order.
func (s *Server) children(f *folder) []*folder {
	out := make([]*folder, 0, len(f.children))
	for c := range f.children {
		out = append(out, c)
	}
	sortFolders(out)
	return out
}

// itemsIn returns the items of folder f, in creation order.
func (s *Server) itemsIn(f *folder) []*item {
	out := make([]*item, 0, len(f.items))
	for it := range f.items {
		out = append(out, it)
	}
	sortItems(out)
	return out
}

// place puts item it in folder f (out of its current folder), keeping the
// folder indexes and unread counts. Callers hold s.mu for writing.
func (s *Server) place(it *item, f *folder) {
	old := it.folder
	if old != nil {
		delete(old.items, it)
		if it.unread {
			old.unread--
		}
	}
	it.folder = f
	it.mbx = f.mbx
	f.items[it] = struct{}{}
	if it.unread {
		f.unread++
	}
	switch {
	case old == nil:
		s.itemEvent("CreatedEvent", it, f, nil)
		if f.dist == "inbox" && it.elem == "Message" {
			s.itemEvent("NewMailEvent", it, f, nil)
		}
		s.folderChanged(f)
	case old != f:
		s.itemEvent("MovedEvent", it, f, old)
		s.folderChanged(old)
		s.folderChanged(f)
	}
}

// dropItem deletes item it. Callers hold s.mu for writing.
func (s *Server) dropItem(it *item) {
	if f := it.folder; f != nil {
		delete(f.items, it)
		if it.unread {
			f.unread--
		}
		s.itemEvent("DeletedEvent", it, f, nil)
		s.folderChanged(f)
	}
	delete(s.items, it.id)
}

// noteRead refreshes the unread flag of it and its folder's count.
func (s *Server) noteRead(it *item) {
	r := field(it.v, "IsRead")
	u := r.IsValid() && !r.IsNil() && !r.Elem().Bool()
	if u == it.unread {
		return
	}
	it.unread = u
	if it.folder != nil {
		if u {
			it.folder.unread++
		} else {
			it.folder.unread--
		}
		s.folderChanged(it.folder)
	}
}

func (m *mailbox) addGroup(g *imGroup) {
	m.imGroups = append(m.imGroups, g)
	m.groupByID[g.id] = g
}

func (m *mailbox) addPersona(p *persona) {
	m.personas = append(m.personas, p)
	m.personaIdx[p.id] = p
}

// isUnder reports whether f is a (possibly indirect) subfolder of p, or p.
func isUnder(f, p *folder) bool {
	for ; f != nil; f = f.parent {
		if f == p {
			return true
		}
	}
	return false
}
