package mock

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// SeedDirectory is the address book beyond the mailboxes: distribution
// lists and room lists.
//
//	"directory": {
//	  "distributionLists": [{"address": "team@example.com", "name": "Team",
//	                         "members": ["alice@example.com", "partner@example.org"]}],
//	  "roomLists": [{"address": "rooms@example.com", "name": "Building 1",
//	                 "rooms": [{"address": "room1@example.com", "name": "Room 1"}]}]}
//
// A member may be a mailbox, another list, or an outside address. Each room
// gets a mailbox (with a calendar, for availability) when it has none.
type SeedDirectory struct {
	DistributionLists []SeedDL       `json:"distributionLists"`
	RoomLists         []SeedRoomList `json:"roomLists"`
}

// SeedDL is a distribution list.
type SeedDL struct {
	Address string   `json:"address"`
	Name    string   `json:"name"`
	Members []string `json:"members"`
}

// SeedRoomList is a room list and its rooms.
type SeedRoomList struct {
	Address string     `json:"address"`
	Name    string     `json:"name"`
	Rooms   []SeedRoom `json:"rooms"`
}

// SeedRoom is a room.
type SeedRoom struct {
	Address string `json:"address"`
	Name    string `json:"name"`
}

// directory is the server's address book beyond mailboxes. It does not
// change once the server is built.
type directory struct {
	dls       map[string]*SeedDL // by lower-case address
	dlOrder   []*SeedDL
	roomLists []*SeedRoomList
	rooms     map[*mailbox]bool
}

// applyDirectory adds the seed's distribution lists and rooms. Callers
// hold s.mu.
func (s *Server) applyDirectory(d *SeedDirectory) error {
	s.dir.dls = map[string]*SeedDL{}
	s.dir.rooms = map[*mailbox]bool{}
	if d == nil {
		return nil
	}
	for i := range d.DistributionLists {
		dl := &d.DistributionLists[i]
		key := strings.ToLower(dl.Address)
		if !strings.Contains(dl.Address, "@") {
			return fmt.Errorf("seed: distribution list address %q is not an SMTP address", dl.Address)
		}
		if s.dir.dls[key] != nil || s.mailboxes[key] != nil {
			return fmt.Errorf("seed: distribution list %s is listed twice or is a mailbox", dl.Address)
		}
		if dl.Name == "" {
			dl.Name = displayNameOf(dl.Address)
		}
		s.dir.dls[key] = dl
		s.dir.dlOrder = append(s.dir.dlOrder, dl)
	}
	for i := range d.RoomLists {
		rl := &d.RoomLists[i]
		if !strings.Contains(rl.Address, "@") {
			return fmt.Errorf("seed: room list address %q is not an SMTP address", rl.Address)
		}
		if rl.Name == "" {
			rl.Name = displayNameOf(rl.Address)
		}
		for j, r := range rl.Rooms {
			if !strings.Contains(r.Address, "@") {
				return fmt.Errorf("seed: room list %s: room address %q is not an SMTP address", rl.Address, r.Address)
			}
			if r.Name == "" {
				rl.Rooms[j].Name = displayNameOf(r.Address)
			}
			m := s.mailboxes[strings.ToLower(r.Address)]
			if m == nil {
				m = s.newMailbox(r.Address, rl.Rooms[j].Name)
			}
			s.dir.rooms[m] = true
		}
		s.dir.roomLists = append(s.dir.roomLists, rl)
	}
	return nil
}

// entryOf describes an address of the directory as EWS writes it.
func (s *Server) entryOf(addr string) ews.EmailAddressType {
	if m := s.mailboxes[strings.ToLower(addr)]; m != nil {
		e := *recipientOf(m)
		if s.dir.rooms[m] {
			e.MailboxType = ptr(ews.MailboxTypeMailbox)
		}
		return e
	}
	if dl := s.dir.dls[strings.ToLower(addr)]; dl != nil {
		return ews.EmailAddressType{Name: ptr(dl.Name), EmailAddress: ptr(ews.NonEmptyStringType(dl.Address)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypePublicDL)}
	}
	return ews.EmailAddressType{Name: ptr(addr), EmailAddress: ptr(ews.NonEmptyStringType(addr)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeOneOff)}
}

// resolveDLs returns the distribution lists of the directory that a
// ResolveNames query matches.
func (s *Server) resolveDLs(q string) []ews.ResolutionType {
	var out []ews.ResolutionType
	for _, dl := range s.dir.dlOrder {
		if nameMatches(q, dl.Name, dl.Address) {
			e := s.entryOf(dl.Address)
			out = append(out, ews.ResolutionType{Mailbox: &e})
		}
	}
	return out
}

// ExpandDL lists the members of a distribution list of the directory (one
// level, as Exchange does), or of a private distribution list (a
// DistributionList item of the user's contacts) given by ItemId.
func (s *Server) ExpandDL(ctx context.Context, req *ews.ExpandDL) (*ews.ExpandDLResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	msg := &ews.ExpandDLResponseMessageType{}
	resp := &ews.ExpandDLResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	var members []ews.EmailAddressType
	switch {
	case req.Mailbox != nil && req.Mailbox.ItemId != nil:
		s.mu.RLock()
		it, err := s.itemFor(me, req.Mailbox.ItemId, opRead)
		if err == nil && it.elem != "DistributionList" {
			err = &errMsg{code: ews.ResponseCodeErrorNameResolutionNoResults, text: "The item is not a distribution list."}
		}
		if err == nil {
			if f := field(it.v, "Members"); isSet(f) {
				for _, mb := range f.Interface().(*ews.MembersListType).Member {
					if mb.Mailbox != nil {
						members = append(members, *copyAny(mb.Mailbox))
					}
				}
			}
		}
		s.mu.RUnlock()
		if err != nil {
			setResult(msg, err)
			return resp, nil
		}
	case req.Mailbox != nil && req.Mailbox.EmailAddress != nil:
		dl := s.dir.dls[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(string(*req.Mailbox.EmailAddress), "SMTP:"), "smtp:"))]
		if dl == nil {
			setResult(msg, &errMsg{code: ews.ResponseCodeErrorNameResolutionNoResults, text: "No distribution list has this address."})
			return resp, nil
		}
		for _, a := range dl.Members {
			members = append(members, s.entryOf(a))
		}
	default:
		setResult(msg, &errMsg{code: ews.ResponseCodeErrorNameResolutionNoResults, text: "The request names no distribution list."})
		return resp, nil
	}
	setResult(msg, nil)
	msg.DLExpansion = &ews.ArrayOfDLExpansionType{Mailbox: members, TotalItemsInView: ptr(int32(len(members))), IncludesLastItemInRange: ptr(true)}
	return resp, nil
}

// GetRoomLists lists the room lists of the directory.
func (s *Server) GetRoomLists(ctx context.Context, req *ews.GetRoomLists) (*ews.GetRoomListsResponse, error) {
	if _, err := s.actor(ctx); err != nil {
		return nil, err
	}
	resp := &ews.GetRoomListsResponse{RoomLists: &ews.ArrayOfEmailAddressesType{}}
	setResult(resp, nil)
	for _, rl := range s.dir.roomLists {
		resp.RoomLists.Address = append(resp.RoomLists.Address, ews.EmailAddressType{Name: ptr(rl.Name), EmailAddress: ptr(ews.NonEmptyStringType(rl.Address)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypePublicDL)})
	}
	return resp, nil
}

// GetRooms lists the rooms of a room list; an unknown list gives
// ErrorNameResolutionNoResults.
func (s *Server) GetRooms(ctx context.Context, req *ews.GetRooms) (*ews.GetRoomsResponse, error) {
	if _, err := s.actor(ctx); err != nil {
		return nil, err
	}
	resp := &ews.GetRoomsResponse{}
	if req.RoomList != nil && req.RoomList.EmailAddress != nil {
		for _, rl := range s.dir.roomLists {
			if strings.EqualFold(rl.Address, string(*req.RoomList.EmailAddress)) {
				setResult(resp, nil)
				resp.Rooms = &ews.ArrayOfRoomsType{}
				for _, r := range rl.Rooms {
					resp.Rooms.Room = append(resp.Rooms.Room, ews.RoomType{Id: &ews.EmailAddressType{Name: ptr(r.Name), EmailAddress: ptr(ews.NonEmptyStringType(r.Address)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeMailbox)}})
				}
				return resp, nil
			}
		}
	}
	setResult(resp, &errMsg{code: ews.ResponseCodeErrorNameResolutionNoResults, text: "No room list has this address."})
	return resp, nil
}

// delegate is a delegate of a mailbox: the user, the folder permission
// levels granted through the delegate operations, and its meeting options.
type delegate struct {
	user             *mailbox
	receiveCopies    bool
	viewPrivateItems bool
}

// delegateFolders are the folders delegate permissions apply to, with the
// element of DelegatePermissions that sets each.
var delegateFolders = []struct{ dist, elem string }{
	{"calendar", "CalendarFolderPermissionLevel"}, {"tasks", "TasksFolderPermissionLevel"},
	{"inbox", "InboxFolderPermissionLevel"}, {"contacts", "ContactsFolderPermissionLevel"},
	{"notes", "NotesFolderPermissionLevel"}, {"journal", "JournalFolderPermissionLevel"},
}

var delegateLevels = map[ews.DelegateFolderPermissionLevelType]permLevel{
	ews.DelegateFolderPermissionLevelNone: permNone, ews.DelegateFolderPermissionLevelReviewer: permReviewer,
	ews.DelegateFolderPermissionLevelAuthor: permAuthor, ews.DelegateFolderPermissionLevelEditor: permEditor,
}

func delegateLevelOf(l permLevel) ews.DelegateFolderPermissionLevelType {
	for k, v := range delegateLevels {
		if v == l {
			return k
		}
	}
	return ews.DelegateFolderPermissionLevelCustom
}

// delegateOwner returns the mailbox a delegate request manages: the one it
// names, which must be the acting user's own (ErrorAccessDenied
// otherwise, as Exchange answers without FullAccess).
func (s *Server) delegateOwner(ctx context.Context, mb *ews.EmailAddressType) (*mailbox, *errMsg, error) {
	me, err := s.actor(ctx)
	if err != nil {
		return nil, nil, err
	}
	if mb == nil || mb.EmailAddress == nil {
		return me, nil, nil
	}
	owner := s.mailboxOfEmail(mb)
	if owner == nil {
		return nil, fail(ews.ResponseCodeErrorNonExistentMailbox), nil
	}
	if owner != me {
		return nil, &errMsg{code: ews.ResponseCodeErrorAccessDenied, text: "Only the mailbox owner manages its delegates."}, nil
	}
	return owner, nil, nil
}

// userOfID resolves a delegate's UserId.
func (s *Server) userOfID(u *ews.UserIdType) *mailbox {
	if u == nil {
		return nil
	}
	if u.PrimarySmtpAddress != nil {
		return s.mailboxOfUser(*u.PrimarySmtpAddress)
	}
	if u.DisplayName != nil {
		for _, m := range s.mailboxOrder {
			if strings.EqualFold(m.name, *u.DisplayName) {
				return m
			}
		}
	}
	return nil
}

// delegateOut describes delegate d of owner.
func (s *Server) delegateOut(owner *mailbox, d *delegate, perms bool) *ews.DelegateUserType {
	out := &ews.DelegateUserType{UserId: &ews.UserIdType{PrimarySmtpAddress: ptr(d.user.smtp), DisplayName: ptr(d.user.name)},
		ReceiveCopiesOfMeetingMessages: ptr(d.receiveCopies), ViewPrivateItems: ptr(d.viewPrivateItems)}
	if perms {
		p := &ews.DelegatePermissionsType{}
		for _, df := range delegateFolders {
			l := delegateLevelOf(owner.dist[df.dist].perms[d.user])
			setField(reflect.ValueOf(p), df.elem, l)
		}
		out.DelegatePermissions = p
	}
	return out
}

// setDelegatePerms applies the permissions of a DelegateUser to owner's
// folders: levels not given are left as they are when keep, else None.
func (s *Server) setDelegatePerms(owner, user *mailbox, p *ews.DelegatePermissionsType, keep bool) *errMsg {
	for _, df := range delegateFolders {
		f := owner.dist[df.dist]
		var lv *ews.DelegateFolderPermissionLevelType
		if p != nil {
			lv = field(reflect.ValueOf(p), df.elem).Interface().(*ews.DelegateFolderPermissionLevelType)
		}
		if lv == nil {
			if keep {
				continue
			}
			lv = ptr(ews.DelegateFolderPermissionLevelNone)
		}
		l, ok := delegateLevels[*lv]
		if !ok {
			return &errMsg{code: ews.ResponseCodeErrorDelegateValidationFailed, text: "A delegate permission level must be None, Reviewer, Author or Editor."}
		}
		if f.perms == nil {
			f.perms = map[*mailbox]permLevel{}
		}
		if l == permNone {
			delete(f.perms, user)
		} else {
			f.perms[user] = l
		}
	}
	return nil
}

func (s *Server) findDelegate(owner, user *mailbox) int {
	for i, d := range s.cal.delegates[owner] {
		if d.user == user {
			return i
		}
	}
	return -1
}

func delegateMsg(err *errMsg, du *ews.DelegateUserType) ews.DelegateUserResponseMessageType {
	var m ews.DelegateUserResponseMessageType
	setResult(&m, err)
	if err == nil {
		m.DelegateUser = du
	}
	return m
}

// GetDelegate lists the delegates of the user's mailbox (all, or those
// named), with their folder permissions when IncludePermissions.
func (s *Server) GetDelegate(ctx context.Context, req *ews.GetDelegate) (*ews.GetDelegateResponse, error) {
	owner, em, err := s.delegateOwner(ctx, req.Mailbox)
	if err != nil {
		return nil, err
	}
	resp := &ews.GetDelegateResponse{}
	setResult(resp, em)
	if em != nil {
		return resp, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cal.init()
	var msgs []ews.DelegateUserResponseMessageType
	if req.UserIds != nil && len(req.UserIds.UserId) > 0 {
		for i := range req.UserIds.UserId {
			u := s.userOfID(&req.UserIds.UserId[i])
			if u == nil {
				msgs = append(msgs, delegateMsg(&errMsg{code: ews.ResponseCodeErrorDelegateNoUser, text: "The delegate user does not exist."}, nil))
				continue
			}
			j := s.findDelegate(owner, u)
			if j < 0 {
				msgs = append(msgs, delegateMsg(&errMsg{code: ews.ResponseCodeErrorNotDelegate, text: "The user is not a delegate of the mailbox."}, nil))
				continue
			}
			msgs = append(msgs, delegateMsg(nil, s.delegateOut(owner, s.cal.delegates[owner][j], req.IncludePermissions)))
		}
	} else {
		for _, d := range s.cal.delegates[owner] {
			msgs = append(msgs, delegateMsg(nil, s.delegateOut(owner, d, req.IncludePermissions)))
		}
	}
	if len(msgs) > 0 {
		resp.ResponseMessages = &ews.ArrayOfDelegateUserResponseMessageType{DelegateUserResponseMessageType: msgs}
	}
	dm := ews.DeliverMeetingRequestsDelegatesAndMe
	if v, ok := s.cal.deliver[owner]; ok {
		dm = v
	}
	resp.DeliverMeetingRequests = &dm
	return resp, nil
}

// AddDelegate makes users delegates of the mailbox and grants them the
// folder permissions given (None for the folders not given).
func (s *Server) AddDelegate(ctx context.Context, req *ews.AddDelegate) (*ews.AddDelegateResponse, error) {
	owner, em, err := s.delegateOwner(ctx, req.Mailbox)
	if err != nil {
		return nil, err
	}
	resp := &ews.AddDelegateResponse{}
	setResult(resp, em)
	if em != nil {
		return resp, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cal.init()
	var msgs []ews.DelegateUserResponseMessageType
	if req.DelegateUsers != nil {
		for _, du := range req.DelegateUsers.DelegateUser {
			u := s.userOfID(du.UserId)
			switch {
			case u == nil:
				msgs = append(msgs, delegateMsg(&errMsg{code: ews.ResponseCodeErrorDelegateNoUser, text: "The delegate user does not exist."}, nil))
				continue
			case u == owner:
				msgs = append(msgs, delegateMsg(&errMsg{code: ews.ResponseCodeErrorDelegateCannotAddOwner, text: "The owner cannot be its own delegate."}, nil))
				continue
			case s.findDelegate(owner, u) >= 0:
				msgs = append(msgs, delegateMsg(&errMsg{code: ews.ResponseCodeErrorDelegateAlreadyExists, text: "The user is a delegate already."}, nil))
				continue
			}
			if e := s.setDelegatePerms(owner, u, du.DelegatePermissions, false); e != nil {
				msgs = append(msgs, delegateMsg(e, nil))
				continue
			}
			d := &delegate{user: u}
			if du.ReceiveCopiesOfMeetingMessages != nil {
				d.receiveCopies = *du.ReceiveCopiesOfMeetingMessages
			}
			if du.ViewPrivateItems != nil {
				d.viewPrivateItems = *du.ViewPrivateItems
			}
			s.cal.delegates[owner] = append(s.cal.delegates[owner], d)
			msgs = append(msgs, delegateMsg(nil, s.delegateOut(owner, d, true)))
		}
	}
	if req.DeliverMeetingRequests != nil {
		s.cal.deliver[owner] = *req.DeliverMeetingRequests
	}
	if len(msgs) > 0 {
		resp.ResponseMessages = &ews.ArrayOfDelegateUserResponseMessageType{DelegateUserResponseMessageType: msgs}
	}
	return resp, nil
}

// UpdateDelegate changes the permissions and options of delegates; the
// folder levels not given are kept.
func (s *Server) UpdateDelegate(ctx context.Context, req *ews.UpdateDelegate) (*ews.UpdateDelegateResponse, error) {
	owner, em, err := s.delegateOwner(ctx, req.Mailbox)
	if err != nil {
		return nil, err
	}
	resp := &ews.UpdateDelegateResponse{}
	setResult(resp, em)
	if em != nil {
		return resp, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cal.init()
	var msgs []ews.DelegateUserResponseMessageType
	if req.DelegateUsers != nil {
		for _, du := range req.DelegateUsers.DelegateUser {
			u := s.userOfID(du.UserId)
			j := -1
			if u != nil {
				j = s.findDelegate(owner, u)
			}
			switch {
			case u == nil:
				msgs = append(msgs, delegateMsg(&errMsg{code: ews.ResponseCodeErrorDelegateNoUser, text: "The delegate user does not exist."}, nil))
				continue
			case j < 0:
				msgs = append(msgs, delegateMsg(&errMsg{code: ews.ResponseCodeErrorNotDelegate, text: "The user is not a delegate of the mailbox."}, nil))
				continue
			}
			if e := s.setDelegatePerms(owner, u, du.DelegatePermissions, true); e != nil {
				msgs = append(msgs, delegateMsg(e, nil))
				continue
			}
			d := s.cal.delegates[owner][j]
			if du.ReceiveCopiesOfMeetingMessages != nil {
				d.receiveCopies = *du.ReceiveCopiesOfMeetingMessages
			}
			if du.ViewPrivateItems != nil {
				d.viewPrivateItems = *du.ViewPrivateItems
			}
			msgs = append(msgs, delegateMsg(nil, s.delegateOut(owner, d, true)))
		}
	}
	if req.DeliverMeetingRequests != nil {
		s.cal.deliver[owner] = *req.DeliverMeetingRequests
	}
	if len(msgs) > 0 {
		resp.ResponseMessages = &ews.ArrayOfDelegateUserResponseMessageType{DelegateUserResponseMessageType: msgs}
	}
	return resp, nil
}

// RemoveDelegate removes delegates and the folder permissions they had.
func (s *Server) RemoveDelegate(ctx context.Context, req *ews.RemoveDelegate) (*ews.RemoveDelegateResponse, error) {
	owner, em, err := s.delegateOwner(ctx, req.Mailbox)
	if err != nil {
		return nil, err
	}
	resp := &ews.RemoveDelegateResponse{}
	setResult(resp, em)
	if em != nil {
		return resp, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cal.init()
	var msgs []ews.DelegateUserResponseMessageType
	if req.UserIds != nil {
		for i := range req.UserIds.UserId {
			u := s.userOfID(&req.UserIds.UserId[i])
			j := -1
			if u != nil {
				j = s.findDelegate(owner, u)
			}
			switch {
			case u == nil:
				msgs = append(msgs, delegateMsg(&errMsg{code: ews.ResponseCodeErrorDelegateNoUser, text: "The delegate user does not exist."}, nil))
				continue
			case j < 0:
				msgs = append(msgs, delegateMsg(&errMsg{code: ews.ResponseCodeErrorNotDelegate, text: "The user is not a delegate of the mailbox."}, nil))
				continue
			}
			s.setDelegatePerms(owner, u, nil, false)
			ds := s.cal.delegates[owner]
			s.cal.delegates[owner] = append(ds[:j:j], ds[j+1:]...)
			msgs = append(msgs, delegateMsg(nil, nil))
		}
	}
	if len(msgs) > 0 {
		resp.ResponseMessages = &ews.ArrayOfDelegateUserResponseMessageType{DelegateUserResponseMessageType: msgs}
	}
	return resp, nil
}
