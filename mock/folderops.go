package mock

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// folderIDOnly is a folder value holding only the folder's id.
func folderIDOnly(f *folder) ews.ArrayOfFoldersTypeChoice {
	out := reflect.New(folderElems[f.elem])
	setField(out, "FolderId", &ews.FolderIdType{Id: f.id, ChangeKey: ptr(f.changeKey())})
	return out.Interface().(ews.ArrayOfFoldersTypeChoice)
}

// nameTaken reports whether parent has a subfolder other than except named
// name (case-insensitively, as Exchange compares).
func nameTaken(parent, except *folder, name string) bool {
	for c := range parent.children {
		if c != except && strings.EqualFold(c.name, name) {
			return true
		}
	}
	return false
}

// UpdateFolder changes folder properties: DisplayName, FolderClass and
// PermissionSet (SetFolderField, AppendToFolderField, DeleteFolderField). A rename to a
// name a sibling has gives ErrorFolderExists; renaming or deleting the
// name of a distinguished folder, ErrorInvalidPropertySet... as Exchange
// refuses them. The caller needs the Owner right.
func (s *Server) UpdateFolder(ctx context.Context, req *ews.UpdateFolder) (*ews.UpdateFolderResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	var changes []ews.FolderChangeType
	if req.FolderChanges != nil {
		changes = req.FolderChanges.FolderChange
	}
	if err := s.checkBatch(len(changes)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(changes))
	s.inChunks(len(changes), true, func(i int) {
		ch := changes[i]
		msg := &ews.UpdateFolderResponseMessage{}
		msgs[i] = msg
		var id any = ch.FolderId
		if ch.FolderId == nil {
			id = ch.DistinguishedFolderId
		}
		f, err := s.folderFor(me, id, needOwner)
		if err == nil && ch.Updates != nil {
			name, class := f.name, f.class
			var grants *folderGrants
			for _, u := range ch.Updates.Items {
				if err = s.folderChange(f, u, &name, &class, &grants); err != nil {
					break
				}
			}
			switch {
			case err != nil:
			case name != f.name && f.dist != "":
				err = &errMsg{code: ews.ResponseCodeErrorInvalidPropertySet, text: "A well-known folder cannot be renamed."}
			case name == "":
				err = &errMsg{code: ews.ResponseCodeErrorInvalidPropertySet, text: "The folder display name cannot be empty."}
			case f.parent != nil && name != f.name && nameTaken(f.parent, f, name):
				err = fail(ews.ResponseCodeErrorFolderExists)
			default:
				if name != f.name || class != f.class {
					f.name, f.class = name, class
					f.ver++
				}
				if grants != nil {
					f.perms, f.defaultPerm = grants.perms, grants.def
					f.ver++
				}
			}
		}
		setResult(msg, err)
		if err == nil {
			msg.Folders = &ews.ArrayOfFoldersType{Items: []ews.ArrayOfFoldersTypeChoice{folderIDOnly(f)}}
		}
	})
	return &ews.UpdateFolderResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// folderGrants are the permissions a PermissionSet change sets.
type folderGrants struct {
	perms map[*mailbox]permLevel
	def   permLevel
}

// folderChange applies one folder change description to a name, a class
// and the folder's permissions (PermissionSet: set replaces the grants,
// delete removes them all; the owner keeps every right).
func (s *Server) folderChange(f *folder, u ews.NonEmptyArrayOfFolderChangeDescriptionsTypeChoice, name, class *string, grants **folderGrants) *errMsg {
	var path ews.Path
	var src reflect.Value
	del := false
	switch u := u.(type) {
	case *ews.SetFolderFieldType:
		path, src = u.Path, changeItem(u)
	case *ews.AppendToFolderFieldType:
		path, src = u.Path, changeItem(u)
	case *ews.DeleteFolderFieldType:
		path, del = u.Path, true
	default:
		return fail(ews.ResponseCodeErrorInvalidPropertySet)
	}
	uri, _ := pathURI(path)
	if uri == "folder:PermissionSet" {
		g := &folderGrants{perms: map[*mailbox]permLevel{}}
		*grants = g
		if del {
			return nil
		}
		return s.readPermissionSet(f, field(src, "PermissionSet"), g)
	}
	var dst *string
	switch uri {
	case "folder:DisplayName":
		dst = name
	case "folder:FolderClass":
		dst = class
	default:
		return &errMsg{code: ews.ResponseCodeErrorInvalidPropertySet, text: "ewsmock updates folder:DisplayName, folder:FolderClass and folder:PermissionSet only; " + strings.TrimSpace(uri+" cannot be set.")}
	}
	if del {
		*dst = ""
		return nil
	}
	fv := field(src, fieldName(uri))
	if !isSet(fv) {
		return &errMsg{code: ews.ResponseCodeErrorInvalidPropertySet, text: "The change carries no value for " + uri + "."}
	}
	*dst = fv.Elem().String()
	return nil
}

// MoveFolder moves folders under another folder; a folder keeps its id.
// Distinguished folders cannot move (ErrorMoveDistinguishedFolder); a
// folder cannot move into itself or its subfolders, nor to another
// mailbox (ErrorMoveCopyFailed). The caller needs the Owner right on the
// folder and CreateSubfolders on the destination.
func (s *Server) MoveFolder(ctx context.Context, req *ews.MoveFolder) (*ews.MoveFolderResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := folderIDs(req.FolderIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), true, func(i int) {
		msg := &ews.MoveFolderResponseMessage{}
		msgs[i] = msg
		f, err := s.folderFor(me, ids[i], needOwner)
		var dest *folder
		if err == nil {
			dest, err = s.folderFor(me, req.ToFolderId, needCreateSub)
		}
		switch {
		case err != nil:
		case f.dist != "":
			err = fail(ews.ResponseCodeErrorMoveDistinguishedFolder)
		case isUnder(dest, f) || dest.mbx != f.mbx:
			err = &errMsg{code: ews.ResponseCodeErrorMoveCopyFailed, text: "The folder cannot be moved into itself, its subfolders, or another mailbox."}
		case dest != f.parent && nameTaken(dest, f, f.name):
			err = fail(ews.ResponseCodeErrorFolderExists)
		}
		setResult(msg, err)
		if err != nil {
			return
		}
		if dest != f.parent {
			s.setParent(f, dest)
			f.ver++
		}
		msg.Folders = &ews.ArrayOfFoldersType{Items: []ews.ArrayOfFoldersTypeChoice{folderIDOnly(f)}}
	})
	return &ews.MoveFolderResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// CopyFolder copies folders, with their subfolders and items, under
// another folder; the copies get new ids. The caller needs the ReadItems
// right on the folder and CreateSubfolders on the destination.
func (s *Server) CopyFolder(ctx context.Context, req *ews.CopyFolder) (*ews.CopyFolderResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := folderIDs(req.FolderIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunksOf(1, len(ids), true, func(i int) {
		msg := &ews.CopyFolderResponseMessage{}
		msgs[i] = msg
		f, err := s.folderFor(me, ids[i], needRead)
		var dest *folder
		if err == nil {
			dest, err = s.folderFor(me, req.ToFolderId, needCreateSub)
		}
		switch {
		case err != nil:
		case isUnder(dest, f) || f.parent == nil:
			err = &errMsg{code: ews.ResponseCodeErrorMoveCopyFailed, text: "A folder cannot be copied into itself or its subfolders."}
		case nameTaken(dest, nil, f.name):
			err = fail(ews.ResponseCodeErrorFolderExists)
		}
		setResult(msg, err)
		if err != nil {
			return
		}
		c := s.copyFolder(me, f, dest)
		msg.Folders = &ews.ArrayOfFoldersType{Items: []ews.ArrayOfFoldersTypeChoice{folderIDOnly(c)}}
	})
	return &ews.CopyFolderResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// copyFolder copies f with its subfolders and items under dest. Callers
// hold s.mu for writing.
func (s *Server) copyFolder(me *mailbox, f, dest *folder) *folder {
	c := s.newFolder(dest.mbx, dest, f.name, f.class, f.elem)
	for _, it := range s.itemsIn(f) {
		v := deepCopy(it.v)
		setField(v, "DateTimeCreated", s.now())
		s.addItem(c, it.elem, v).creator = me
	}
	for _, sub := range s.children(f) {
		if !sub.hidden {
			s.copyFolder(me, sub, c)
		}
	}
	return c
}

// EmptyFolder deletes the items of folders (as DeleteType says), and with
// DeleteSubFolders their subfolders. A folder holding a distinguished
// folder cannot lose its subfolders (ErrorCannotEmptyFolder). The caller
// deletes the items it has the right to delete; deleting subfolders needs
// the Owner right.
func (s *Server) EmptyFolder(ctx context.Context, req *ews.EmptyFolder) (*ews.EmptyFolderResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := folderIDs(req.FolderIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunksOf(1, len(ids), true, func(i int) {
		msg := &ews.EmptyFolderResponseMessage{}
		msgs[i] = msg
		n := needRead
		if req.DeleteSubFolders {
			n = needOwner
		}
		f, err := s.folderFor(me, ids[i], n)
		if err == nil && req.DeleteSubFolders {
			for c := range f.children {
				if c.dist != "" {
					err = &errMsg{code: ews.ResponseCodeErrorCannotEmptyFolder, text: "The folder holds a well-known folder, which cannot be deleted."}
				}
			}
		}
		setResult(msg, err)
		if err != nil {
			return
		}
		for _, it := range s.itemsIn(f) {
			if mayItem(me, it, opDelete) {
				s.disposeItem(it, req.DeleteType)
			}
		}
		if !req.DeleteSubFolders {
			return
		}
		del := f.mbx.dist["deleteditems"]
		for _, c := range s.children(f) {
			if req.DeleteType == ews.DisposalMoveToDeletedItems && del != nil && !isUnder(f, del) {
				s.setParent(c, del)
				c.ver++
				continue
			}
			s.removeFolder(c)
		}
	})
	return &ews.EmptyFolderResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// The sync state of SyncFolderHierarchy lists the folders the client
// knows, with their versions: base64 of varints (sequence, version) after
// an "H1" marker.

func encodeHierarchyState(known map[int64]int) string {
	b := []byte("H1")
	for seq, ver := range known {
		b = binary.AppendVarint(b, seq)
		b = binary.AppendVarint(b, int64(ver))
	}
	return base64.StdEncoding.EncodeToString(b)
}

func decodeHierarchyState(st string) (map[int64]int, bool) {
	known := map[int64]int{}
	if st == "" {
		return known, true
	}
	b, err := base64.StdEncoding.DecodeString(st)
	if err != nil || len(b) < 2 || string(b[:2]) != "H1" {
		return nil, false
	}
	b = b[2:]
	for len(b) > 0 {
		seq, n := binary.Varint(b)
		if n <= 0 {
			return nil, false
		}
		b = b[n:]
		ver, n := binary.Varint(b)
		if n <= 0 {
			return nil, false
		}
		b = b[n:]
		known[seq] = int(ver)
	}
	return known, true
}

// SyncFolderHierarchy returns the changes of the folders under a folder
// (the mailbox's root by default) since a sync state: from an empty state
// every folder the caller may see is a Create; after that, exactly the
// folders created, changed (renamed, moved, reclassed) and deleted since.
// A state that does not decode gives ErrorInvalidSyncStateData.
func (s *Server) SyncFolderHierarchy(ctx context.Context, req *ews.SyncFolderHierarchy) (*ews.SyncFolderHierarchyResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	msg := &ews.SyncFolderHierarchyResponseMessageType{}
	resp := &ews.SyncFolderHierarchyResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	root := me.dist["root"]
	if req.SyncFolderId != nil {
		var err *errMsg
		if root, err = s.folderFor(me, req.SyncFolderId, needVisible); err != nil {
			setResult(msg, err)
			return resp, nil
		}
	}
	st := ""
	if req.SyncState != nil {
		st = *req.SyncState
	}
	known, ok := decodeHierarchyState(st)
	if !ok {
		setResult(msg, fail(ews.ResponseCodeErrorInvalidSyncStateData))
		return resp, nil
	}
	changes := &ews.SyncFolderHierarchyChangesType{}
	current := map[int64]bool{}
	var walk func(f *folder)
	walk = func(f *folder) {
		for _, c := range s.children(f) {
			if c.hidden {
				continue
			}
			if rightsOn(me, c).visible {
				current[c.seq] = true
				ver, had := known[c.seq]
				if !had || ver != c.ver {
					known[c.seq] = c.ver
					cu := &ews.SyncFolderHierarchyCreateOrUpdateType{}
					setField(reflect.ValueOf(cu), c.elem, s.folderOut(me, c, req.FolderShape))
					if had {
						changes.Items = append(changes.Items, (*ews.SyncFolderHierarchyChangesTypeChoiceUpdate)(cu))
					} else {
						changes.Items = append(changes.Items, (*ews.SyncFolderHierarchyChangesTypeChoiceCreate)(cu))
					}
				}
			}
			walk(c)
		}
	}
	walk(root)
	var gone []int64
	for seq := range known {
		if !current[seq] {
			gone = append(gone, seq)
		}
	}
	slices.Sort(gone)
	for _, seq := range gone {
		delete(known, seq)
		changes.Items = append(changes.Items, &ews.SyncFolderHierarchyDeleteType{FolderId: &ews.FolderIdType{Id: s.seqID[seq]}})
	}
	setResult(msg, nil)
	msg.SyncState = ptr(encodeHierarchyState(known))
	msg.IncludesLastFolderInRange = ptr(true)
	msg.Changes = changes
	return resp, nil
}

// readPermissionSet reads the grants of a PermissionSet (or a calendar's
// CalendarPermissionSet): each Permission names a user by
// PrimarySmtpAddress (a mailbox of the server) or DistinguishedUser
// Default, and a named level. Custom levels, unknown users and Anonymous
// give ErrorInvalidPermissionSettings.
func (s *Server) readPermissionSet(f *folder, ps reflect.Value, g *folderGrants) *errMsg {
	bad := func(why string) *errMsg {
		return &errMsg{code: ews.ResponseCodeErrorInvalidPermissionSettings, text: "The permission settings are not valid: " + why}
	}
	if !isSet(ps) {
		return bad("the change carries no PermissionSet.")
	}
	perms := field(ps, "Permissions")
	if !isSet(perms) {
		return nil
	}
	items := field(perms, "Items")
	for i := 0; i < items.Len(); i++ {
		p := items.Index(i)
		if p.Kind() == reflect.Interface {
			p = p.Elem()
		}
		lv := field(p, "PermissionLevel")
		if !lv.IsValid() {
			lv = field(p, "CalendarPermissionLevel")
		}
		level, err := parsePermLevel(lv.String())
		if err != nil {
			return bad("level " + strconv.Quote(lv.String()) + " is not one this server grants (custom levels are not supported).")
		}
		uid := field(p, "UserId")
		if !isSet(uid) {
			return bad("a permission has no UserId.")
		}
		u := uid.Interface().(*ews.UserIdType)
		switch {
		case u.DistinguishedUser != nil && *u.DistinguishedUser == ews.DistinguishedUserDefault:
			g.def = level
		case u.DistinguishedUser != nil:
			return bad("Anonymous cannot be granted rights here.")
		case u.PrimarySmtpAddress != nil:
			m := s.mailboxOfUser(*u.PrimarySmtpAddress)
			if m == nil {
				return bad("no mailbox has the address " + strconv.Quote(*u.PrimarySmtpAddress) + ".")
			}
			if m != f.mbx {
				g.perms[m] = level
			}
		default:
			return bad("a permission names its user by neither PrimarySmtpAddress nor DistinguishedUser.")
		}
	}
	return nil
}

// permissionSet is the PermissionSet of a folder as GetFolder shows it:
// Default, then each user granted a level, by address.
func permissionSet(f *folder) *ews.PermissionSetType {
	names := map[permLevel]ews.PermissionLevelType{}
	for n, l := range permNames {
		for _, c := range []ews.PermissionLevelType{ews.PermissionLevelNone, ews.PermissionLevelOwner, ews.PermissionLevelPublishingEditor, ews.PermissionLevelEditor, ews.PermissionLevelPublishingAuthor, ews.PermissionLevelAuthor, ews.PermissionLevelNoneditingAuthor, ews.PermissionLevelReviewer, ews.PermissionLevelContributor} {
			if strings.EqualFold(string(c), n) {
				names[l] = c
			}
		}
	}
	ps := &ews.PermissionSetType{Permissions: &ews.ArrayOfPermissionsType{}}
	add := func(u *ews.UserIdType, l permLevel) {
		ps.Permissions.Items = append(ps.Permissions.Items, &ews.PermissionType{UserId: u, PermissionLevel: names[l]})
	}
	add(&ews.UserIdType{DistinguishedUser: ptr(ews.DistinguishedUserDefault)}, f.defaultPerm)
	var users []*mailbox
	for m := range f.perms {
		users = append(users, m)
	}
	slices.SortFunc(users, func(a, b *mailbox) int { return strings.Compare(a.smtp, b.smtp) })
	for _, m := range users {
		add(&ews.UserIdType{PrimarySmtpAddress: ptr(m.smtp), DisplayName: ptr(m.name)}, f.perms[m])
	}
	return ps
}
