package mock

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Seed is the initial content of a server, as read from JSON:
//
//	{"mailboxes": [{
//	   "address": "alice@example.com", "name": "Alice Smith",
//	   "folders": [{"parent": "inbox", "name": "Projects", "folders": [...]}],
//	   "items": [{"folder": "inbox/Projects", "type": "Message",
//	              "subject": "Hi", "body": "Hello", "from": "bob@example.com",
//	              "to": ["alice@example.com"], "isRead": false,
//	              "received": "2024-05-01T10:00:00Z"}],
//	   "im": {"groups": [{"name": "Team", "contacts": [{"address": "sip:bob@example.com", "name": "Bob"}]}],
//	          "contacts": [{"address": "sip:carol@example.com"}],
//	          "distributionGroups": [{"address": "team@example.com", "name": "Team DL"}]}
//	}]}
//
// A folder path starts with a distinguished folder name (inbox, calendar,
// msgfolderroot...) followed by display names. Item types: Message (the
// default), CalendarItem (start, end, location), Contact (givenName,
// surname, email, displayName), Task (dueDate, status), PostItem.
type Seed struct {
	// Users are accounts that log in (see User), besides Options.User
	// and Options.Users.
	Users     []User        `json:"users"`
	Mailboxes []SeedMailbox `json:"mailboxes"`
	// Directory holds distribution lists and rooms (see SeedDirectory).
	Directory *SeedDirectory `json:"directory"`
}

// SeedMailbox is a mailbox of a Seed.
type SeedMailbox struct {
	Address string       `json:"address"`
	Name    string       `json:"name"`
	Folders []SeedFolder `json:"folders"`
	Items   []SeedItem   `json:"items"`
	IM      *SeedIM      `json:"im"`
	// Permissions are the folder permissions the owner grants to other
	// users (delegate access).
	Permissions []SeedPermission `json:"permissions"`
}

// SeedPermission grants a permission level on a folder of the mailbox.
type SeedPermission struct {
	// Folder is a folder path ("inbox", "inbox/Projects").
	Folder string `json:"folder"`
	// User is the grantee: a mailbox address or login name, or "Default"
	// for every user without a grant of its own.
	User string `json:"user"`
	// Level is an Exchange permission level: None, Owner,
	// PublishingEditor, Editor, PublishingAuthor, Author,
	// NoneditingAuthor, Reviewer or Contributor. It applies to the folder
	// only, not to its subfolders.
	Level string `json:"level"`
}

// SeedFolder is a folder to create, under Parent (a path) or its
// enclosing SeedFolder.
type SeedFolder struct {
	Parent  string       `json:"parent"`
	Name    string       `json:"name"`
	Class   string       `json:"class"`
	Type    string       `json:"type"` // Folder (default), CalendarFolder, ContactsFolder, TasksFolder
	Folders []SeedFolder `json:"folders"`
}

// SeedItem is an item to create.
type SeedItem struct {
	Folder      string   `json:"folder"`
	Type        string   `json:"type"`
	Subject     string   `json:"subject"`
	Body        string   `json:"body"`
	BodyType    string   `json:"bodyType"` // Text (default) or HTML
	From        string   `json:"from"`
	To          []string `json:"to"`
	Cc          []string `json:"cc"`
	IsRead      *bool    `json:"isRead"`
	Received    string   `json:"received"`
	Categories  []string `json:"categories"`
	Importance  string   `json:"importance"`
	Start       string   `json:"start"`
	End         string   `json:"end"`
	Location    string   `json:"location"`
	GivenName   string   `json:"givenName"`
	Surname     string   `json:"surname"`
	DisplayName string   `json:"displayName"`
	Email       string   `json:"email"`
	DueDate     string   `json:"dueDate"`
	Status      string   `json:"status"`
}

// SeedIM is the IM list of a mailbox.
type SeedIM struct {
	Groups             []SeedIMGroup   `json:"groups"`
	Contacts           []SeedIMContact `json:"contacts"`
	DistributionGroups []SeedIMContact `json:"distributionGroups"`
}

// SeedIMGroup is an IM group with its contacts.
type SeedIMGroup struct {
	Name     string          `json:"name"`
	Contacts []SeedIMContact `json:"contacts"`
}

// SeedIMContact is an IM contact (or, in distributionGroups, a group).
type SeedIMContact struct {
	Address string `json:"address"`
	Name    string `json:"name"`
}

// LoadSeed reads a JSON seed file.
func LoadSeed(path string) (*Seed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var sd Seed
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sd); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &sd, nil
}

// applySeed creates the seed's content. Callers hold s.mu.
func (s *Server) applySeed(sd *Seed) error {
	for _, sm := range sd.Mailboxes {
		if sm.Address == "" || !strings.Contains(sm.Address, "@") {
			return fmt.Errorf("seed: mailbox address %q is not an SMTP address", sm.Address)
		}
		if s.mailboxes[strings.ToLower(sm.Address)] != nil {
			return fmt.Errorf("seed: mailbox %s is listed twice", sm.Address)
		}
		name := sm.Name
		if name == "" {
			name = displayNameOf(sm.Address)
		}
		s.newMailbox(sm.Address, name)
	}
	for _, sm := range sd.Mailboxes {
		m := s.mailboxes[strings.ToLower(sm.Address)]
		for _, sf := range sm.Folders {
			if err := s.seedFolder(m, nil, sf); err != nil {
				return err
			}
		}
		for i, si := range sm.Items {
			if err := s.seedItem(m, si); err != nil {
				return fmt.Errorf("seed: %s item %d: %w", sm.Address, i+1, err)
			}
		}
		if sm.IM != nil {
			for _, g := range sm.IM.Groups {
				ig := &imGroup{id: s.newID(m, kindImGroup), ver: 1, name: g.Name, groupType: imGroupUser}
				m.addGroup(ig)
				for _, c := range g.Contacts {
					p := &persona{id: s.newID(m, kindPersona), ver: 1, address: c.Address, name: c.Name, created: s.opts.Now()}
					m.addPersona(p)
					ig.members = append(ig.members, p)
				}
			}
			for _, c := range sm.IM.Contacts {
				p := &persona{id: s.newID(m, kindPersona), ver: 1, address: c.Address, name: c.Name, created: s.opts.Now()}
				m.addPersona(p)
				m.imGroups[0].members = append(m.imGroups[0].members, p)
			}
			for _, c := range sm.IM.DistributionGroups {
				m.addGroup(&imGroup{id: s.newID(m, kindImGroup), ver: 1, name: c.Name, groupType: imGroupDG, smtp: c.Address})
			}
		}
	}
	return s.applyDirectory(sd.Directory)
}

// applyGrants sets the folder permissions of the seed, once every user
// exists. Callers hold s.mu.
func (s *Server) applyGrants(sd *Seed) error {
	for _, sm := range sd.Mailboxes {
		m := s.mailboxes[strings.ToLower(sm.Address)]
		for i, p := range sm.Permissions {
			where := fmt.Sprintf("seed: %s permission %d", sm.Address, i+1)
			f, err := s.folderPath(m, p.Folder)
			if err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			l, err := parsePermLevel(p.Level)
			if err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			if strings.EqualFold(p.User, "default") {
				f.defaultPerm = l
				continue
			}
			g := s.mailboxOfUser(p.User)
			if a := s.userOf(p.User); a != nil {
				g = a.mbx
			}
			if g == nil {
				return fmt.Errorf("%s: user %q has no mailbox", where, p.User)
			}
			if f.perms == nil {
				f.perms = map[*mailbox]permLevel{}
			}
			f.perms[g] = l
		}
	}
	return nil
}

// folderPath resolves "inbox/Projects/2024" in a mailbox.
func (s *Server) folderPath(m *mailbox, path string) (*folder, error) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	f := m.dist[strings.ToLower(parts[0])]
	if f == nil {
		return nil, fmt.Errorf("folder path %q: %q is not a distinguished folder", path, parts[0])
	}
	for _, p := range parts[1:] {
		var next *folder
		for _, c := range s.children(f) {
			if strings.EqualFold(c.name, p) {
				next = c
			}
		}
		if next == nil {
			return nil, fmt.Errorf("folder path %q: no folder %q", path, p)
		}
		f = next
	}
	return f, nil
}

func (s *Server) seedFolder(m *mailbox, parent *folder, sf SeedFolder) error {
	if parent == nil {
		p := sf.Parent
		if p == "" {
			p = "msgfolderroot"
		}
		var err error
		if parent, err = s.folderPath(m, p); err != nil {
			return fmt.Errorf("seed: %s: %w", m.smtp, err)
		}
	}
	elem := sf.Type
	if elem == "" {
		elem = "Folder"
	}
	t, ok := folderElems[elem]
	if !ok {
		return fmt.Errorf("seed: %s: folder %q: unknown type %q", m.smtp, sf.Name, sf.Type)
	}
	v := reflect.New(t)
	setField(v, "DisplayName", sf.Name)
	if sf.Class != "" {
		setField(v, "FolderClass", sf.Class)
	}
	f, err := s.createFolder(parent, v.Interface())
	if err != nil {
		return fmt.Errorf("seed: %s: folder %q: %s", m.smtp, sf.Name, err.text)
	}
	for _, c := range sf.Folders {
		if err := s.seedFolder(m, f, c); err != nil {
			return err
		}
	}
	return nil
}

func parseSeedTime(s string) (ews.XSDateTime, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ews.XSDateTime{}, fmt.Errorf("time %q: want RFC 3339", s)
	}
	return ews.XSDateTimeOf(t.UTC()), nil
}

func recipientList(addrs []string) *ews.ArrayOfRecipientsType {
	if len(addrs) == 0 {
		return nil
	}
	r := &ews.ArrayOfRecipientsType{}
	for _, a := range addrs {
		r.Items = append(r.Items, &ews.EmailAddressType{Name: ptr(displayNameOf(a)), EmailAddress: ptr(ews.NonEmptyStringType(a)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeMailbox)})
	}
	return r
}

func (s *Server) seedItem(m *mailbox, si SeedItem) error {
	elem := si.Type
	if elem == "" {
		elem = "Message"
	}
	t, ok := itemElems[elem]
	if !ok {
		return fmt.Errorf("unknown type %q", si.Type)
	}
	fpath := si.Folder
	if fpath == "" {
		fpath = defaultFolderFor(elem, false)
		if elem == "Message" {
			fpath = "inbox"
		}
	}
	f, err := s.folderPath(m, fpath)
	if err != nil {
		return err
	}
	v := reflect.New(t)
	if si.Subject != "" {
		setField(v, "Subject", si.Subject)
	}
	if si.Body != "" {
		bt := ews.BodyTypeText
		if strings.EqualFold(si.BodyType, "html") {
			bt = ews.BodyTypeHTML
		}
		setField(v, "Body", &ews.BodyType{BodyType: bt, Value: si.Body})
	}
	if si.From != "" {
		setField(v, "From", &ews.SingleRecipientType{Mailbox: recipientList([]string{si.From}).Items[0].(*ews.EmailAddressType)})
	}
	if r := recipientList(si.To); r != nil {
		setField(v, "ToRecipients", r)
	}
	if r := recipientList(si.Cc); r != nil {
		setField(v, "CcRecipients", r)
	}
	if elem == "Message" {
		read := false
		if si.IsRead != nil {
			read = *si.IsRead
		}
		setField(v, "IsRead", read)
		setField(v, "IsDraft", false)
	}
	for name, val := range map[string]string{"DateTimeReceived": si.Received, "Start": si.Start, "End": si.End, "DueDate": si.DueDate} {
		if val == "" {
			continue
		}
		t, err := parseSeedTime(val)
		if err != nil {
			return err
		}
		setField(v, name, t)
		if name == "DateTimeReceived" {
			setField(v, "DateTimeCreated", t)
			setField(v, "DateTimeSent", t)
		}
	}
	if len(si.Categories) > 0 {
		setField(v, "Categories", &ews.ArrayOfStringsType{String: si.Categories})
	}
	if si.Importance != "" {
		setField(v, "Importance", ews.ImportanceChoicesType(si.Importance))
	}
	if si.Location != "" {
		setField(v, "Location", si.Location)
	}
	for name, val := range map[string]string{"GivenName": si.GivenName, "Surname": si.Surname, "DisplayName": si.DisplayName} {
		if val != "" {
			setField(v, name, val)
		}
	}
	if si.Email != "" {
		setField(v, "EmailAddresses", &ews.EmailAddressDictionaryType{Entry: []ews.EmailAddressDictionaryEntryType{{Key: ews.EmailAddressKeyEmailAddress1, Value: si.Email}}})
	}
	if si.Status != "" {
		setField(v, "Status", ews.TaskStatusType(si.Status))
	}
	s.addItem(f, elem, v)
	return nil
}

func jsonUnmarshal(s string, v any) error {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
