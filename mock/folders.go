package mock

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// errMsg is an error a response message reports.
type errMsg struct {
	code ews.ResponseCodeType
	text string
}

func (e *errMsg) Error() string { return string(e.code) + ": " + e.text }

var messageTexts = map[ews.ResponseCodeType]string{
	ews.ResponseCodeErrorFolderNotFound:                        "No folder with this id exists in the mailbox.",
	ews.ResponseCodeErrorItemNotFound:                          "No item with this id exists in the mailbox.",
	ews.ResponseCodeErrorInvalidIdMalformed:                    "The id cannot be decoded.",
	ews.ResponseCodeErrorInvalidIdEmpty:                        "The id is empty.",
	ews.ResponseCodeErrorFolderExists:                          "The parent folder already holds a folder with this name.",
	ews.ResponseCodeErrorDeleteDistinguishedFolder:             "A well-known folder cannot be removed.",
	ews.ResponseCodeErrorNameResolutionNoResults:               "Nothing matched the name.",
	ews.ResponseCodeErrorNameResolutionMultipleResults:         "More than one entry matched the name.",
	ews.ResponseCodeErrorInvalidImContactId:                    "The IM contact is not in this IM group.",
	ews.ResponseCodeErrorInvalidImGroupId:                      "No IM group has this id.",
	ews.ResponseCodeErrorImGroupDisplayNameAlreadyExists:       "An IM group already has this display name.",
	ews.ResponseCodeErrorIrresolvableConflict:                  "The change key is out of date: the item changed since it was read.",
	ews.ResponseCodeErrorInvalidSyncStateData:                  "The sync state cannot be read.",
	ews.ResponseCodeErrorNonExistentMailbox:                    "No mailbox has this SMTP address.",
	ews.ResponseCodeErrorInvalidOperation:                      "This operation cannot be applied here.",
	ews.ResponseCodeErrorInvalidRecipients:                     "A recipient address cannot be used.",
	ews.ResponseCodeErrorMissingRecipients:                     "The message has no recipients.",
	ews.ResponseCodeErrorInvalidRequest:                        "The request cannot be served as given.",
	ews.ResponseCodeErrorInvalidImDistributionGroupSmtpAddress: "This SMTP address does not belong to a distribution group.",
	ews.ResponseCodeErrorInvalidPropertyRequest:                "This property cannot be requested like this.",
	ews.ResponseCodeErrorCannotDeleteObject:                    "This object cannot be removed.",
}

func fail(code ews.ResponseCodeType) *errMsg {
	return &errMsg{code: code, text: messageTexts[code]}
}

// setResult fills the ResponseClass, ResponseCode, MessageText and
// DescriptiveLinkKey of a response message (a pointer to any of the
// generated response message structs).
func setResult(msg any, err *errMsg) {
	v := reflect.ValueOf(msg)
	if err == nil {
		setField(v, "ResponseClass", ews.ResponseClassSuccess)
		setField(v, "ResponseCode", ews.ResponseCodeNoError)
		return
	}
	class := ews.ResponseClassError
	if err.code == ews.ResponseCodeErrorNameResolutionMultipleResults {
		class = ews.ResponseClassWarning
	}
	setField(v, "ResponseClass", class)
	setField(v, "ResponseCode", err.code)
	setField(v, "MessageText", err.text)
	setField(v, "DescriptiveLinkKey", int32(0))
}

// folderElems maps folder element names to their Go types.
var folderElems = map[string]reflect.Type{
	"Folder":         reflect.TypeOf(ews.FolderType{}),
	"CalendarFolder": reflect.TypeOf(ews.CalendarFolderType{}),
	"ContactsFolder": reflect.TypeOf(ews.ContactsFolderType{}),
	"TasksFolder":    reflect.TypeOf(ews.TasksFolderType{}),
	"SearchFolder":   reflect.TypeOf(ews.SearchFolderType{}),
}

func elemOfFolder(v any) string {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer {
		return ""
	}
	for n, ft := range folderElems {
		if ft == t.Elem() {
			return n
		}
	}
	return ""
}

// mailboxOfEmail returns the mailbox an EmailAddressType names.
func (s *Server) mailboxOfEmail(e *ews.EmailAddressType) *mailbox {
	if e == nil || e.EmailAddress == nil {
		return nil
	}
	return s.mailboxOfUser(string(*e.EmailAddress))
}

// folderFor resolves a folder id of a request made as me and checks that
// me has right n on it. Callers hold s.mu.
func (s *Server) folderFor(me *mailbox, id any, n need) (*folder, *errMsg) {
	f, err := s.folderByID(me, id)
	if err == nil {
		err = checkFolder(me, f, n)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// folderByID resolves a folder id of a request made as me: a
// DistinguishedFolderId without Mailbox names a folder of me's mailbox.
// Callers hold s.mu.
func (s *Server) folderByID(me *mailbox, id any) (*folder, *errMsg) {
	switch id := id.(type) {
	case *ews.FolderIdType:
		if id == nil || id.Id == "" {
			return nil, fail(ews.ResponseCodeErrorInvalidIdEmpty)
		}
		if k, ok := parseID(id.Id); !ok || k != kindFolder {
			return nil, fail(ews.ResponseCodeErrorInvalidIdMalformed)
		}
		if f := s.folders[id.Id]; f != nil {
			return f, nil
		}
		return nil, fail(ews.ResponseCodeErrorFolderNotFound)
	case *ews.DistinguishedFolderIdType:
		if id == nil {
			return nil, fail(ews.ResponseCodeErrorInvalidIdEmpty)
		}
		m := me
		if id.Mailbox != nil && id.Mailbox.EmailAddress != nil {
			if m = s.mailboxOfEmail(id.Mailbox); m == nil {
				return nil, fail(ews.ResponseCodeErrorNonExistentMailbox)
			}
		}
		if f := m.dist[strings.ToLower(string(id.Id))]; f != nil {
			return f, nil
		}
		return nil, fail(ews.ResponseCodeErrorFolderNotFound)
	case *ews.TargetFolderIdType:
		if id == nil {
			return nil, fail(ews.ResponseCodeErrorInvalidIdEmpty)
		}
		if id.FolderId != nil {
			return s.folderByID(me, id.FolderId)
		}
		if id.DistinguishedFolderId != nil {
			return s.folderByID(me, id.DistinguishedFolderId)
		}
		return nil, fail(ews.ResponseCodeErrorInvalidIdEmpty)
	}
	return nil, fail(ews.ResponseCodeErrorInvalidIdMalformed)
}

// folderProps are the properties of a folder, as FieldURIs, in the order
// AllProperties returns them.
var folderAll = []string{"folder:FolderId", "folder:ParentFolderId", "folder:FolderClass", "folder:DisplayName", "folder:TotalCount", "folder:ChildFolderCount", "folder:EffectiveRights", "folder:UnreadCount"}
var folderDefault = []string{"folder:FolderId", "folder:DisplayName", "folder:TotalCount", "folder:ChildFolderCount", "folder:UnreadCount"}

// folderValue returns the full typed value of a folder as me sees it.
// Callers hold s.mu.
func (s *Server) folderValue(me *mailbox, f *folder) reflect.Value {
	v := reflect.New(folderElems[f.elem])
	setField(v, "FolderId", &ews.FolderIdType{Id: f.id, ChangeKey: ptr(f.changeKey())})
	if f.parent != nil {
		setField(v, "ParentFolderId", &ews.FolderIdType{Id: f.parent.id, ChangeKey: ptr(f.parent.changeKey())})
	}
	if f.class != "" {
		setField(v, "FolderClass", f.class)
	}
	setField(v, "DisplayName", f.name)
	setField(v, "TotalCount", int32(len(f.items)))
	n := 0
	for c := range f.children {
		if !c.hidden {
			n++
		}
	}
	setField(v, "ChildFolderCount", int32(n))
	setField(v, "UnreadCount", int32(f.unread))
	setField(v, "EffectiveRights", effectiveRights(me, f, nil))
	if f.dist != "" {
		setField(v, "DistinguishedFolderId", ews.DistinguishedFolderIdNameType(f.dist))
	}
	if f.elem != "CalendarFolder" {
		setField(v, "PermissionSet", permissionSet(f))
	}
	return v
}

// shapeFields returns the Go field names a response shape selects.
func shapeFields(base ews.DefaultShapeNamesType, add *ews.NonEmptyArrayOfPathsToElementType, idField string, def, all []string) map[string]bool {
	sel := map[string]bool{idField: true}
	var uris []string
	switch base {
	case ews.DefaultShapeNamesDefault, "":
		uris = def
	case ews.DefaultShapeNamesAllProperties:
		uris = all
	}
	for _, u := range uris {
		sel[fieldName(u)] = true
	}
	if add != nil {
		for _, p := range add.Items {
			if p, ok := p.(ews.Path); ok {
				if u, _ := pathURI(p); u != "" {
					sel[fieldName(u)] = true
				}
			}
		}
	}
	return sel
}

// project copies the selected fields of full into a new value of the same
// type; sel nil selects every field.
func project(full reflect.Value, sel map[string]bool) reflect.Value {
	out := reflect.New(full.Type().Elem())
	t := full.Type().Elem()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sel == nil || sel[sf.Name] {
			out.Elem().Field(i).Set(deepCopy(full.Elem().Field(i)))
		}
	}
	return out
}

// folderOut returns a folder as a response to me shows it. Callers hold
// s.mu.
func (s *Server) folderOut(me *mailbox, f *folder, shape *ews.FolderResponseShapeType) ews.ArrayOfFoldersTypeChoice {
	var base ews.DefaultShapeNamesType
	var add *ews.NonEmptyArrayOfPathsToElementType
	if shape != nil {
		base, add = shape.BaseShape, shape.AdditionalProperties
	}
	sel := shapeFields(base, add, "FolderId", folderDefault, folderAll)
	return project(s.folderValue(me, f), sel).Interface().(ews.ArrayOfFoldersTypeChoice)
}

// GetFolder returns folders by id, one response message per id. The
// caller needs at least FolderVisible on each.
func (s *Server) GetFolder(ctx context.Context, req *ews.GetFolder) (*ews.GetFolderResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := folderIDs(req.FolderIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), false, func(i int) {
		msg := &ews.GetFolderResponseMessage{}
		f, err := s.folderFor(me, ids[i], needVisible)
		setResult(msg, err)
		if err == nil {
			msg.Folders = &ews.ArrayOfFoldersType{Items: []ews.ArrayOfFoldersTypeChoice{s.folderOut(me, f, req.FolderShape)}}
		}
		msgs[i] = msg
	})
	return &ews.GetFolderResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

func folderIDs(a *ews.NonEmptyArrayOfBaseFolderIdsType) []any {
	if a == nil {
		return nil
	}
	out := make([]any, len(a.Items))
	for i, x := range a.Items {
		out[i] = x
	}
	return out
}

// FindFolder lists the subfolders of folders, with restriction and paging.
// The caller needs FolderVisible on each parent and sees the subfolders it
// has FolderVisible on.
func (s *Server) FindFolder(ctx context.Context, req *ews.FindFolder) (*ews.FindFolderResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := folderIDs(req.ParentFolderIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunksOf(1, len(ids), false, func(i int) {
		msg := &ews.FindFolderResponseMessageType{}
		msgs[i] = msg
		p, err := s.folderFor(me, ids[i], needVisible)
		setResult(msg, err)
		if err != nil {
			return
		}
		var found []*folder
		var walk func(f *folder)
		walk = func(f *folder) {
			for _, c := range s.children(f) {
				if c.hidden && req.Traversal != ews.FolderQueryTraversalDeep {
					continue
				}
				if rightsOn(me, c).visible {
					found = append(found, c)
				}
				if req.Traversal == ews.FolderQueryTraversalDeep {
					walk(c)
				}
			}
		}
		if req.Traversal != ews.FolderQueryTraversalSoftDeleted {
			walk(p)
		}
		var matched []*folder
		for _, f := range found {
			if req.Restriction == nil || req.Restriction.SearchExpression == nil || evaluate(req.Restriction.SearchExpression, s.folderValue(me, f)) {
				matched = append(matched, f)
			}
		}
		if req.IndexedPageFolderView == nil && req.FractionalPageFolderView == nil && len(matched) > s.opts.Limits.MaxFindCount {
			setResult(msg, findCountExceeded(s.opts.Limits.MaxFindCount))
			return
		}
		start, end, root := page(len(matched), s.opts.Limits.MaxFindCount, req.IndexedPageFolderView, req.FractionalPageFolderView)
		rf := &ews.FindFolderParentType{Folders: &ews.ArrayOfFoldersType{}}
		rf.IndexedPagingOffset, rf.TotalItemsInView, rf.IncludesLastItemInRange = root.offset, root.total, root.last
		rf.NumeratorOffset, rf.AbsoluteDenominator = root.numerator, root.denominator
		for _, f := range matched[start:end] {
			rf.Folders.Items = append(rf.Folders.Items, s.folderOut(me, f, req.FolderShape))
		}
		msg.RootFolder = rf
	})
	return &ews.FindFolderResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// findCountExceeded is the error of a query without a paging view that
// matches more than EWSFindCountLimit entries.
func findCountExceeded(limit int) *errMsg {
	return &errMsg{code: ews.ResponseCodeErrorExceededFindCountLimit, text: fmt.Sprintf("The query matches more than %d entries, the find count limit; page through the results with an IndexedPageItemView.", limit)}
}

// pageInfo holds the paging attributes of a RootFolder.
type pageInfo struct {
	offset, total, numerator, denominator *int32
	last                                  *bool
}

// page applies an indexed or fractional view to n results, returning at
// most limit of them.
func page(n, limit int, iv *ews.IndexedPageViewType, fv *ews.FractionalPageViewType) (start, end int, info pageInfo) {
	start, end = 0, n
	switch {
	case iv != nil:
		off := int(iv.Offset)
		if off < 0 {
			off = 0
		}
		max := n
		if iv.MaxEntriesReturned != nil && int(*iv.MaxEntriesReturned) >= 0 {
			max = int(*iv.MaxEntriesReturned)
		}
		if max > limit {
			max = limit
		}
		if iv.BasePoint == ews.IndexBasePointEnd {
			end = n - off
			if end < 0 {
				end = 0
			}
			start = end - max
			if start < 0 {
				start = 0
			}
			info.offset = ptr(int32(n - start))
			info.last = ptr(start == 0)
		} else {
			start = off
			if start > n {
				start = n
			}
			end = start + max
			if end > n {
				end = n
			}
			info.offset = ptr(int32(end))
			info.last = ptr(end >= n)
		}
	case fv != nil:
		den := int(fv.Denominator)
		if den <= 0 {
			den = 1
		}
		start = int(fv.Numerator) * n / den
		if start > n {
			start = n
		}
		end = n
		if fv.MaxEntriesReturned != nil && start+int(*fv.MaxEntriesReturned) < n {
			end = start + int(*fv.MaxEntriesReturned)
		}
		if end-start > limit {
			end = start + limit
		}
		info.numerator = ptr(int32(end))
		info.denominator = ptr(int32(n))
		info.last = ptr(end >= n)
	default:
		info.offset = ptr(int32(n))
		info.last = ptr(true)
	}
	info.total = ptr(int32(n))
	return start, end, info
}

// CreateFolder creates folders under a parent; the caller needs the
// CreateSubfolders right on it.
func (s *Server) CreateFolder(ctx context.Context, req *ews.CreateFolder) (*ews.CreateFolderResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	resp := &ews.CreateFolderResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{}}
	if req.Folders == nil {
		return resp, nil
	}
	if err := s.checkBatch(len(req.Folders.Items)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(req.Folders.Items))
	s.inChunks(len(msgs), true, func(i int) {
		msg := &ews.CreateFolderResponseMessage{}
		msgs[i] = msg
		parent, err := s.folderFor(me, req.ParentFolderId, needCreateSub)
		if err == errAccessDenied {
			err = &errMsg{code: ews.ResponseCodeErrorCreateSubfolderAccessDenied, text: "Access is denied. Only the folder owner or a user with the CreateSubfolders right may create subfolders here."}
		}
		if err != nil {
			setResult(msg, err)
			return
		}
		f, err := s.createFolder(parent, req.Folders.Items[i])
		setResult(msg, err)
		if err == nil {
			out := reflect.New(folderElems[f.elem])
			setField(out, "FolderId", &ews.FolderIdType{Id: f.id, ChangeKey: ptr(f.changeKey())})
			msg.Folders = &ews.ArrayOfFoldersType{Items: []ews.ArrayOfFoldersTypeChoice{out.Interface().(ews.ArrayOfFoldersTypeChoice)}}
		}
	})
	resp.ResponseMessages.Items = msgs
	return resp, nil
}

// createFolder adds a folder described by a request's folder value.
// Callers hold s.mu.
func (s *Server) createFolder(parent *folder, x any) (*folder, *errMsg) {
	elem := elemOfFolder(x)
	if elem == "" {
		return nil, fail(ews.ResponseCodeErrorInvalidRequest)
	}
	v := reflect.ValueOf(x)
	name := ""
	if dn := field(v, "DisplayName"); isSet(dn) {
		name = dn.Elem().String()
	}
	if name == "" {
		return nil, &errMsg{code: ews.ResponseCodeErrorInvalidRequest, text: "The folder display name is missing."}
	}
	for c := range parent.children {
		if strings.EqualFold(c.name, name) {
			return nil, fail(ews.ResponseCodeErrorFolderExists)
		}
	}
	class := ""
	if fc := field(v, "FolderClass"); isSet(fc) {
		class = fc.Elem().String()
	}
	if class == "" {
		switch elem {
		case "CalendarFolder":
			class = "IPF.Appointment"
		case "ContactsFolder":
			class = "IPF.Contact"
		case "TasksFolder":
			class = "IPF.Task"
		case "Folder":
			class = "IPF.Note"
		}
	}
	return s.newFolder(parent.mbx, parent, name, class, elem), nil
}

// DeleteFolder deletes folders (with their content) or moves them to
// Deleted Items; the caller needs the Owner right on each.
func (s *Server) DeleteFolder(ctx context.Context, req *ews.DeleteFolder) (*ews.DeleteFolderResponse, error) {
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
		msg := &ews.DeleteFolderResponseMessage{}
		msgs[i] = msg
		f, err := s.folderFor(me, ids[i], needOwner)
		if err == nil && f.dist != "" {
			err = fail(ews.ResponseCodeErrorDeleteDistinguishedFolder)
		}
		setResult(msg, err)
		if err != nil {
			return
		}
		del := f.mbx.dist["deleteditems"]
		if req.DeleteType == ews.DisposalMoveToDeletedItems && del != nil && !isUnder(f, del) {
			s.setParent(f, del)
			f.ver++
			return
		}
		s.removeFolder(f)
	})
	return &ews.DeleteFolderResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// removeFolder deletes f, its subfolders and their items. Callers hold s.mu.
func (s *Server) removeFolder(f *folder) {
	for c := range f.children {
		s.removeFolder(c)
	}
	for it := range f.items {
		s.dropItem(it)
	}
	s.setParent(f, nil)
	delete(s.folders, f.id)
}
