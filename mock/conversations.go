package mock

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Conversations. Items of a mailbox belong to the same conversation when
// their ConversationTopic (else their subject without reply and forward
// prefixes) is the same, case-insensitively.

// replyPrefixes are the subject prefixes conversation topics drop.
var replyPrefixes = []string{"re:", "fw:", "fwd:", "aw:", "wg:", "sv:", "vs:", "tr:", "rv:", "accepted:", "declined:", "tentative:"}

// topicOf returns the conversation topic of an item value.
func topicOf(v reflect.Value) string {
	t := ""
	if f := field(v, "ConversationTopic"); isSet(f) {
		t = f.Elem().String()
	} else if f := field(v, "Subject"); isSet(f) {
		t = f.Elem().String()
	}
	for {
		t = strings.TrimSpace(t)
		lower := strings.ToLower(t)
		cut := false
		for _, p := range replyPrefixes {
			if strings.HasPrefix(lower, p) {
				t, cut = t[len(p):], true
				break
			}
		}
		if !cut {
			return t
		}
	}
}

// conversationID is the id of topic's conversation in mailbox m: base64,
// like Exchange's ("AAQk…").
func conversationID(m *mailbox, topic string) string {
	h := sha256.Sum256(append(m.guid[:], strings.ToLower(topic)...))
	b := append([]byte{0x00, 0x04, 0x24, 0x00}, m.guid[:]...)
	b = append(b, 0x10)
	b = append(b, h[:16]...)
	return base64.StdEncoding.EncodeToString(b)
}

// conversationItems returns the items of conversation id in mailbox m (in
// folders under root when root is set; every item when id is ""), oldest
// first, leaving out the folders of ignore and the calendar. Callers hold
// s.mu.
func (s *Server) conversationItems(m *mailbox, id string, root *folder, ignore map[*folder]bool) []*item {
	var out []*item
	var walk func(f *folder)
	walk = func(f *folder) {
		if !ignore[f] && f.dist != "calendar" {
			for _, it := range s.itemsIn(f) {
				if id == "" || conversationID(m, topicOf(it.v)) == id {
					out = append(out, it)
				}
			}
		}
		if root == nil || f != root {
			for _, c := range s.children(f) {
				walk(c)
			}
		}
	}
	if root != nil {
		walk(root)
	} else {
		walk(m.dist["msgfolderroot"])
	}
	sort.SliceStable(out, func(i, j int) bool { return received(out[i]).Before(received(out[j])) })
	return out
}

func received(it *item) time.Time {
	if t, ok := timeOf(it.v, "DateTimeReceived"); ok {
		return t
	}
	return it.created
}

// addressOf returns the SMTP address of a recipient property.
func addressOf(v reflect.Value, name string) string {
	f := field(v, name)
	if !isSet(f) {
		return ""
	}
	r, ok := f.Interface().(*ews.SingleRecipientType)
	if !ok || r.Mailbox == nil {
		return ""
	}
	if r.Mailbox.Name != nil && *r.Mailbox.Name != "" {
		return *r.Mailbox.Name
	}
	if r.Mailbox.EmailAddress != nil {
		return string(*r.Mailbox.EmailAddress)
	}
	return ""
}

// conversationOut summarizes the items of a conversation in a folder
// (local) and in the whole mailbox (global).
func conversationOut(m *mailbox, topic string, local, global []*item) *ews.ConversationType {
	c := &ews.ConversationType{ConversationId: &ews.ItemIdType{Id: conversationID(m, topic)}, ConversationTopic: ptr(topic)}
	stats := func(items []*item) (senders, unread, recips []string, ids *ews.NonEmptyArrayOfBaseItemIdsType, last time.Time, nUnread, size int32, att bool, classes []ews.ArrayOfItemClassTypeChoice) {
		ids = &ews.NonEmptyArrayOfBaseItemIdsType{}
		seen := map[string]bool{}
		seenU := map[string]bool{}
		seenR := map[string]bool{}
		seenC := map[string]bool{}
		for _, it := range items {
			from := addressOf(it.v, "From")
			if from != "" && !seen[from] {
				seen[from] = true
				senders = append(senders, from)
			}
			if it.unread {
				nUnread++
				if from != "" && !seenU[from] {
					seenU[from] = true
					unread = append(unread, from)
				}
			}
			if f := field(it.v, "DisplayTo"); isSet(f) {
				for _, r := range strings.Split(f.Elem().String(), ";") {
					if r = strings.TrimSpace(r); r != "" && !seenR[r] {
						seenR[r] = true
						recips = append(recips, r)
					}
				}
			}
			if t := received(it); t.After(last) {
				last = t
			}
			if f := field(it.v, "Size"); isSet(f) {
				size += int32(f.Elem().Int())
			}
			if f := field(it.v, "HasAttachments"); isSet(f) && f.Elem().Bool() {
				att = true
			}
			if f := field(it.v, "ItemClass"); isSet(f) && !seenC[f.Elem().String()] {
				seenC[f.Elem().String()] = true
				classes = append(classes, &ews.ItemClass{Value: ews.ItemClassType(f.Elem().String())})
			}
			ids.Items = append(ids.Items, &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())})
		}
		return
	}
	strs := func(a []string) *ews.ArrayOfStringsType {
		if len(a) == 0 {
			return nil
		}
		return &ews.ArrayOfStringsType{String: a}
	}
	ls, lu, lr, lids, llast, lun, lsize, latt, lcl := stats(local)
	gs, gu, gr, gids, glast, gun, gsize, gatt, gcl := stats(global)
	c.UniqueSenders, c.UniqueUnreadSenders, c.UniqueRecipients = strs(ls), strs(lu), strs(lr)
	c.GlobalUniqueSenders, c.GlobalUniqueUnreadSenders, c.GlobalUniqueRecipients = strs(gs), strs(gu), strs(gr)
	c.LastDeliveryTime, c.GlobalLastDeliveryTime = ptr(ews.XSDateTimeOf(llast)), ptr(ews.XSDateTimeOf(glast))
	c.MessageCount, c.GlobalMessageCount = ptr(int32(len(local))), ptr(int32(len(global)))
	c.UnreadCount, c.GlobalUnreadCount = ptr(lun), ptr(gun)
	c.Size, c.GlobalSize = ptr(lsize), ptr(gsize)
	c.HasAttachments, c.GlobalHasAttachments = ptr(latt), ptr(gatt)
	c.ItemIds, c.GlobalItemIds = lids, gids
	c.ItemClasses, c.GlobalItemClasses = &ews.ArrayOfItemClassType{Items: lcl}, &ews.ArrayOfItemClassType{Items: gcl}
	c.Importance, c.GlobalImportance = ptr(ews.ImportanceChoicesNormal), ptr(ews.ImportanceChoicesNormal)
	c.FlagStatus, c.GlobalFlagStatus = ptr(ews.FlagStatusNotFlagged), ptr(ews.FlagStatusNotFlagged)
	return c
}

// targetFolder resolves a TargetFolderIdType.
func (s *Server) targetFolder(me *mailbox, t *ews.TargetFolderIdType, n need) (*folder, *errMsg) {
	switch {
	case t == nil:
		return nil, fail(ews.ResponseCodeErrorInvalidIdEmpty)
	case t.FolderId != nil:
		return s.folderFor(me, t.FolderId, n)
	case t.DistinguishedFolderId != nil:
		return s.folderFor(me, t.DistinguishedFolderId, n)
	}
	return nil, fail(ews.ResponseCodeErrorFolderNotFound)
}

// FindConversation lists the conversations of a folder, latest delivery
// first, with IndexedPageItemView paging and a loose QueryString.
func (s *Server) FindConversation(ctx context.Context, req *ews.FindConversation) (*ews.FindConversationResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	resp := &ews.FindConversationResponse{}
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, err := s.targetFolder(me, req.ParentFolderId, needRead)
	setResult(resp, err)
	if err != nil {
		return resp, nil
	}
	m := f.mbx
	byTopic := map[string][]*item{}
	var order []string
	for _, it := range s.itemsIn(f) {
		if req.QueryString != nil && !queryMatches(it.v, req.QueryString.Value) {
			continue
		}
		t := topicOf(it.v)
		key := strings.ToLower(t)
		if byTopic[key] == nil {
			order = append(order, t)
		}
		byTopic[key] = append(byTopic[key], it)
	}
	// The items of each conversation across the mailbox, found in one walk.
	global := map[string][]*item{}
	for _, it := range s.conversationItems(m, "", nil, nil) {
		key := strings.ToLower(topicOf(it.v))
		if byTopic[key] != nil {
			global[key] = append(global[key], it)
		}
	}
	var convs []*ews.ConversationType
	for _, t := range order {
		key := strings.ToLower(t)
		convs = append(convs, conversationOut(m, t, byTopic[key], global[key]))
	}
	sort.SliceStable(convs, func(i, j int) bool {
		return convs[i].LastDeliveryTime.Time().After(convs[j].LastDeliveryTime.Time())
	})
	total := len(convs)
	start, end := 0, len(convs)
	if iv := req.IndexedPageItemView; iv != nil {
		start = int(iv.Offset)
		if iv.BasePoint == ews.IndexBasePointEnd {
			start = total - int(iv.Offset)
			if iv.MaxEntriesReturned != nil {
				start -= int(*iv.MaxEntriesReturned)
			}
		}
		start = max(0, min(start, total))
		if iv.MaxEntriesReturned != nil {
			end = min(total, start+int(*iv.MaxEntriesReturned))
		}
	}
	end = min(end, start+s.opts.Limits.MaxFindCount)
	resp.Conversations = &ews.ArrayOfConversationsType{}
	for _, c := range convs[start:end] {
		resp.Conversations.Items = append(resp.Conversations.Items, c)
	}
	resp.TotalConversationsInView = ptr(int32(total))
	resp.IndexedOffset = ptr(int32(end))
	return resp, nil
}

// GetConversationItems returns the items of conversations as nodes, one
// item a node, in date order (SortOrder DateOrderDescending or
// TreeOrderDescending reverses it), leaving out FoldersToIgnore.
func (s *Server) GetConversationItems(ctx context.Context, req *ews.GetConversationItems) (*ews.GetConversationItemsResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	resp := &ews.GetConversationItemsResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{}}
	if req.Conversations == nil {
		return resp, nil
	}
	if err := s.checkBatch(len(req.Conversations.Items)); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ignore := map[*folder]bool{}
	if req.FoldersToIgnore != nil {
		for _, id := range folderIDs(req.FoldersToIgnore) {
			if f, err := s.folderByID(me, id); err == nil {
				ignore[f] = true
			}
		}
	}
	desc := req.SortOrder != nil && (*req.SortOrder == ews.ConversationNodeSortOrderDateOrderDescending || *req.SortOrder == ews.ConversationNodeSortOrderTreeOrderDescending)
	for _, x := range req.Conversations.Items {
		msg := &ews.GetConversationItemsResponseMessageType{}
		resp.ResponseMessages.Items = append(resp.ResponseMessages.Items, msg)
		cr, ok := x.(*ews.ConversationRequestType)
		if !ok || cr.ConversationId == nil || cr.ConversationId.Id == "" {
			setResult(msg, fail(ews.ResponseCodeErrorInvalidIdEmpty))
			continue
		}
		var items []*item
		for _, it := range s.conversationItems(me, cr.ConversationId.Id, nil, ignore) {
			if mayItem(me, it, opRead) {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			setResult(msg, &errMsg{code: ews.ResponseCodeErrorItemNotFound, text: "The conversation has no items."})
			continue
		}
		if desc {
			for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
				items[i], items[j] = items[j], items[i]
			}
		}
		if req.MaxItemsToReturn != nil && int(*req.MaxItemsToReturn) < len(items) && *req.MaxItemsToReturn > 0 {
			items = items[:*req.MaxItemsToReturn]
		}
		setResult(msg, nil)
		conv := &ews.ConversationResponseType{ConversationId: &ews.ItemIdType{Id: cr.ConversationId.Id}, ConversationNodes: &ews.ArrayOfConversationNodesType{}, CanDelete: ptr(true)}
		conv.SyncState = []byte("S1" + cr.ConversationId.Id)
		var parent *string
		for _, it := range items {
			node := &ews.ConversationNodeType{Items: &ews.NonEmptyArrayOfAllItemsType{}}
			if f := field(it.v, "InternetMessageId"); isSet(f) {
				node.InternetMessageId = ptr(f.Elem().String())
			}
			node.ParentInternetMessageId = parent
			if node.InternetMessageId != nil && !desc {
				parent = node.InternetMessageId
			}
			if v, ok := s.itemOut(me, it, req.ItemShape, false).(ews.NonEmptyArrayOfAllItemsTypeChoice); ok {
				node.Items.List = append(node.Items.List, v)
			}
			conv.ConversationNodes.Items = append(conv.ConversationNodes.Items, node)
		}
		msg.Conversation = conv
	}
	return resp, nil
}

// ApplyConversationAction applies an action to the items of conversations
// (in ContextFolderId, else in the whole mailbox): Move, Copy, Delete,
// SetReadState, AlwaysCategorize (sets the categories), AlwaysDelete and
// AlwaysMove (applied to the items there are), Flag. Each action needs the
// rights its item operation needs.
func (s *Server) ApplyConversationAction(ctx context.Context, req *ews.ApplyConversationAction) (*ews.ApplyConversationActionResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	resp := &ews.ApplyConversationActionResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{}}
	if req.ConversationActions == nil {
		return resp, nil
	}
	if err := s.checkBatch(len(req.ConversationActions.ConversationAction)); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range req.ConversationActions.ConversationAction {
		msg := &ews.ApplyConversationActionResponseMessageType{}
		resp.ResponseMessages.Items = append(resp.ResponseMessages.Items, msg)
		setResult(msg, s.conversationAction(me, a))
	}
	return resp, nil
}

func (s *Server) conversationAction(me *mailbox, a ews.ConversationActionType) *errMsg {
	if a.ConversationId == nil || a.ConversationId.Id == "" {
		return fail(ews.ResponseCodeErrorInvalidIdEmpty)
	}
	var root *folder
	if a.ContextFolderId != nil {
		f, err := s.targetFolder(me, a.ContextFolderId, needRead)
		if err != nil {
			return err
		}
		root = f
	}
	items := s.conversationItems(me, a.ConversationId.Id, root, nil)
	if a.ConversationLastSyncTime != nil {
		cut := a.ConversationLastSyncTime.Time()
		var keep []*item
		for _, it := range items {
			if !received(it).After(cut) {
				keep = append(keep, it)
			}
		}
		items = keep
	}
	var dest *folder
	switch a.Action {
	case ews.ConversationActionTypeMove, ews.ConversationActionTypeCopy, ews.ConversationActionTypeAlwaysMove:
		if a.Action == ews.ConversationActionTypeAlwaysMove && a.DestinationFolderId == nil {
			return nil // "always move" turned off
		}
		f, err := s.targetFolder(me, a.DestinationFolderId, needCreate)
		if err != nil {
			return err
		}
		dest = f
	}
	op := map[ews.ConversationActionTypeType]itemOp{
		ews.ConversationActionTypeMove: opDelete, ews.ConversationActionTypeAlwaysMove: opDelete, ews.ConversationActionTypeCopy: opRead,
		ews.ConversationActionTypeDelete: opDelete, ews.ConversationActionTypeAlwaysDelete: opDelete,
	}[a.Action]
	for _, it := range items {
		if !mayItem(me, it, op) {
			return &errMsg{code: ews.ResponseCodeErrorAccessDenied, text: "The user has no right to apply this action to every item of the conversation."}
		}
	}
	switch a.Action {
	case ews.ConversationActionTypeMove, ews.ConversationActionTypeAlwaysMove:
		for _, it := range items {
			s.place(it, dest)
			s.touch(it)
		}
	case ews.ConversationActionTypeCopy:
		for _, it := range items {
			s.addItem(dest, it.elem, deepCopy(it.v)).creator = me
		}
	case ews.ConversationActionTypeDelete, ews.ConversationActionTypeAlwaysDelete:
		if a.Action == ews.ConversationActionTypeAlwaysDelete && (a.EnableAlwaysDelete == nil || !*a.EnableAlwaysDelete) {
			return nil
		}
		dt := ews.DisposalMoveToDeletedItems
		if a.DeleteType != nil {
			dt = *a.DeleteType
		}
		for _, it := range items {
			if dt == ews.DisposalMoveToDeletedItems && it.folder != it.mbx.dist["deleteditems"] {
				s.place(it, it.mbx.dist["deleteditems"])
				s.touch(it)
			} else {
				s.dropItem(it)
			}
		}
	case ews.ConversationActionTypeSetReadState:
		read := a.IsRead == nil || *a.IsRead
		for _, it := range items {
			if it.elem == "Message" || isSet(field(it.v, "IsRead")) {
				setField(it.v, "IsRead", read)
				s.touch(it)
			}
		}
	case ews.ConversationActionTypeAlwaysCategorize:
		for _, it := range items {
			if a.Categories != nil && len(a.Categories.String) > 0 {
				setField(it.v, "Categories", copyAny(a.Categories))
			} else if f := field(it.v, "Categories"); f.IsValid() {
				f.Set(reflect.Zero(f.Type()))
			}
			s.touch(it)
		}
	case ews.ConversationActionTypeFlag:
		for _, it := range items {
			if a.Flag != nil {
				setField(it.v, "Flag", copyAny(a.Flag))
				s.touch(it)
			}
		}
	default:
		return &errMsg{code: ews.ResponseCodeErrorInvalidOperation, text: "The conversation action " + string(a.Action) + " is not offered by this server."}
	}
	return nil
}
