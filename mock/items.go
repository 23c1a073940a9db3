package mock

import (
	"context"
	"encoding/base64"
	"reflect"
	"regexp"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// itemFor resolves an item id of a request made as me and checks that me
// may apply op to it. Callers hold s.mu.
func (s *Server) itemFor(me *mailbox, id any, op itemOp) (*item, *errMsg) {
	it, err := s.itemByID(id)
	if err == nil {
		err = checkItem(me, it, op)
	}
	if err != nil {
		return nil, err
	}
	return it, nil
}

// itemByID resolves an item id of a request: one map lookup. Callers hold
// s.mu.
func (s *Server) itemByID(id any) (*item, *errMsg) {
	var raw string
	switch id := id.(type) {
	case *ews.ItemIdType:
		if id == nil {
			return nil, fail(ews.ResponseCodeErrorInvalidIdEmpty)
		}
		raw = id.Id
	case *ews.OccurrenceItemIdType, *ews.RecurringMasterItemIdType, *ews.RecurringMasterItemIdRangesType:
		return nil, fail(ews.ResponseCodeErrorItemNotFound)
	default:
		return nil, fail(ews.ResponseCodeErrorInvalidIdMalformed)
	}
	if raw == "" {
		return nil, fail(ews.ResponseCodeErrorInvalidIdEmpty)
	}
	if k, ok := parseID(raw); !ok || k != kindItem {
		return nil, fail(ews.ResponseCodeErrorInvalidIdMalformed)
	}
	if it := s.items[raw]; it != nil {
		return it, nil
	}
	return nil, fail(ews.ResponseCodeErrorItemNotFound)
}

func itemIDs(a *ews.NonEmptyArrayOfBaseItemIdsType) []any {
	if a == nil {
		return nil
	}
	out := make([]any, len(a.Items))
	for i, x := range a.Items {
		out[i] = x
	}
	return out
}

// stamp refreshes the properties the server computes for an item. Callers
// hold s.mu.
func (s *Server) stamp(it *item) {
	v := it.v
	setField(v, "ItemId", &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())})
	setField(v, "ParentFolderId", &ews.FolderIdType{Id: it.folder.id, ChangeKey: ptr(it.folder.changeKey())})
	now := s.now()
	setField(v, "LastModifiedTime", now)
	setField(v, "LastModifiedName", it.mbx.name)
	if !isSet(field(v, "DateTimeCreated")) {
		setField(v, "DateTimeCreated", now)
	}
	if !isSet(field(v, "DateTimeReceived")) {
		setField(v, "DateTimeReceived", now)
	}
	if ic := field(v, "ItemClass"); ic.IsValid() && (ic.IsNil() || ic.Elem().String() == "") {
		setField(v, "ItemClass", defaultItemClass[it.elem])
	}
	att := field(v, "Attachments")
	setField(v, "HasAttachments", isSet(att))
	setField(v, "IsAssociated", false)
	if !isSet(field(v, "Importance")) {
		setField(v, "Importance", ews.ImportanceChoicesNormal)
	}
	if !isSet(field(v, "Sensitivity")) {
		setField(v, "Sensitivity", ews.SensitivityChoicesNormal)
	}
	if !isSet(field(v, "Culture")) {
		setField(v, "Culture", "en-US")
	}
	setField(v, "DisplayTo", displayList(field(v, "ToRecipients")))
	setField(v, "DisplayCc", displayList(field(v, "CcRecipients")))
	size := 0
	if sub := field(v, "Subject"); isSet(sub) {
		size += len(sub.Elem().String())
	}
	if b := field(v, "Body"); isSet(b) {
		size += len(b.Elem().Interface().(ews.BodyType).Value)
	}
	setField(v, "Size", int32(512+size))
	setField(v, "EffectiveRights", &ews.EffectiveRightsType{CreateAssociated: false, CreateContents: false, CreateHierarchy: false, Delete: true, Modify: true, Read: true, ViewPrivateItems: ptr(true)})
	if it.elem == "Message" && !isSet(field(v, "IsRead")) {
		setField(v, "IsRead", true)
	}
	if it.elem == "Message" {
		if b := field(v, "Body"); isSet(b) {
			setField(v, "Preview", preview(b.Elem().Interface().(ews.BodyType)))
		}
	}
	if it.elem == "Contact" {
		if !isSet(field(v, "DisplayName")) {
			var parts []string
			for _, n := range []string{"GivenName", "Surname"} {
				if f := field(v, n); isSet(f) {
					parts = append(parts, f.Elem().String())
				}
			}
			if len(parts) > 0 {
				setField(v, "DisplayName", strings.Join(parts, " "))
			}
		}
		if !isSet(field(v, "FileAs")) && isSet(field(v, "DisplayName")) {
			setField(v, "FileAs", field(v, "DisplayName").Elem().String())
		}
	}
	s.noteRead(it)
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

func bodyText(b ews.BodyType) string {
	if b.BodyType == ews.BodyTypeHTML {
		return strings.TrimSpace(tagRE.ReplaceAllString(b.Value, ""))
	}
	return b.Value
}

func preview(b ews.BodyType) string {
	t := strings.Join(strings.Fields(bodyText(b)), " ")
	if len(t) > 255 {
		t = t[:255]
	}
	return t
}

// displayList is the DisplayTo/DisplayCc form of a recipient list.
func displayList(f reflect.Value) string {
	if !isSet(f) {
		return ""
	}
	var names []string
	for _, r := range f.Elem().Interface().(ews.ArrayOfRecipientsType).Items {
		if e, ok := r.(*ews.EmailAddressType); ok {
			switch {
			case e.Name != nil && *e.Name != "":
				names = append(names, *e.Name)
			case e.EmailAddress != nil:
				names = append(names, string(*e.EmailAddress))
			}
		}
	}
	return strings.Join(names, "; ")
}

// addItem stores a new item in folder f. Callers hold s.mu for writing.
func (s *Server) addItem(f *folder, elem string, v reflect.Value) *item {
	it := &item{mbx: f.mbx, id: s.newID(f.mbx, kindItem), ver: 1, elem: elem, v: v, created: s.opts.Now()}
	s.seq++
	it.seq = s.seq
	s.items[it.id] = it
	s.seqID[it.seq] = it.id
	s.place(it, f)
	s.reidAttachments(it)
	s.stamp(it)
	return it
}

// touch records a change of an item. Callers hold s.mu.
func (s *Server) touch(it *item) {
	it.ver++
	s.stamp(it)
	s.itemEvent("ModifiedEvent", it, it.folder, nil)
}

// excludedFromFind are properties FindItem does not return unless asked.
var excludedFromFind = map[string]bool{"Body": true, "UniqueBody": true, "NormalizedBody": true, "TextBody": true, "MimeContent": true, "Attachments": true}

// itemOut returns an item as a response to me shows it. Callers hold s.mu.
func (s *Server) itemOut(me *mailbox, it *item, shape *ews.ItemResponseShapeType, find bool) ews.ArrayOfRealItemsTypeChoice {
	var sel map[string]bool
	base := ews.DefaultShapeNamesDefault
	if shape != nil {
		base = shape.BaseShape
	}
	var add *ews.NonEmptyArrayOfPathsToElementType
	if shape != nil {
		add = shape.AdditionalProperties
	}
	if base == ews.DefaultShapeNamesIdOnly {
		sel = shapeFields(base, add, "ItemId", nil, nil)
	} else {
		sel = map[string]bool{}
		t := it.v.Type().Elem()
		for i := 0; i < t.NumField(); i++ {
			n := t.Field(i).Name
			if t.Field(i).IsExported() && !(find && excludedFromFind[n]) && n != "MimeContent" {
				sel[n] = true
			}
		}
		for n := range shapeFields("", add, "ItemId", nil, nil) {
			sel[n] = true
		}
	}
	mime := shape != nil && shape.IncludeMimeContent != nil && *shape.IncludeMimeContent
	if add != nil {
		for _, p := range add.Items {
			if extPath(p) != nil {
				sel["ExtendedProperty"] = true
			}
		}
	}
	// item:MimeContent in AdditionalProperties asks for MIME too.
	mime = mime || sel["MimeContent"]
	out := project(it.v, sel)
	selectExtended(it.v, out, add)
	s.attachmentsOut(out)
	if mime {
		setField(out, "MimeContent", &ews.MimeContentType{CharacterSet: ptr("UTF-8"), Value: base64.StdEncoding.EncodeToString(s.mimeOf(it))})
	}
	if me != it.mbx && sel["EffectiveRights"] {
		setField(out, "EffectiveRights", effectiveRights(me, it.folder, it))
	}
	if shape != nil && shape.BodyType != nil {
		if b := field(out, "Body"); isSet(b) {
			body := b.Elem().Interface().(ews.BodyType)
			switch *shape.BodyType {
			case ews.BodyTypeResponseText:
				if body.BodyType == ews.BodyTypeHTML {
					body = ews.BodyType{BodyType: ews.BodyTypeText, Value: bodyText(body)}
				}
			case ews.BodyTypeResponseHTML:
				if body.BodyType == ews.BodyTypeText {
					body = ews.BodyType{BodyType: ews.BodyTypeHTML, Value: "<html><body>" + htmlEscape(body.Value) + "</body></html>"}
				}
			}
			b.Set(reflect.ValueOf(&body))
		}
	}
	return out.Interface().(ews.ArrayOfRealItemsTypeChoice)
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func htmlEscape(s string) string { return htmlEscaper.Replace(s) }

// idOnly is an item value holding only the item's id.
func idOnly(it *item) ews.ArrayOfRealItemsTypeChoice {
	v := reflect.New(itemElems[it.elem])
	setField(v, "ItemId", &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())})
	return v.Interface().(ews.ArrayOfRealItemsTypeChoice)
}

// defaultFolderFor is where CreateItem saves an item of elem without
// SavedItemFolderId.
func defaultFolderFor(elem string, send bool) string {
	switch elem {
	case "CalendarItem":
		return "calendar"
	case "Contact", "DistributionList":
		return "contacts"
	case "Task":
		return "tasks"
	case "Message":
		if send {
			return "sentitems"
		}
	}
	return "drafts"
}

// recipients returns the addresses of a message's To, Cc and Bcc.
func recipients(v reflect.Value) []string {
	var out []string
	for _, n := range []string{"ToRecipients", "CcRecipients", "BccRecipients"} {
		f := field(v, n)
		if !isSet(f) {
			continue
		}
		for _, r := range f.Elem().Interface().(ews.ArrayOfRecipientsType).Items {
			if e, ok := r.(*ews.EmailAddressType); ok && e.EmailAddress != nil {
				out = append(out, string(*e.EmailAddress))
			}
		}
	}
	return out
}

// send delivers a message to the local mailboxes among its recipients and
// marks it sent. Callers hold s.mu.
func (s *Server) send(from *mailbox, v reflect.Value) *errMsg {
	rcpts := recipients(v)
	if len(rcpts) == 0 {
		return &errMsg{code: ews.ResponseCodeErrorInvalidRecipients, text: "A recipient address cannot be used., A message can't be sent because it contains no recipients."}
	}
	me := &ews.SingleRecipientType{Mailbox: &ews.EmailAddressType{Name: ptr(from.name), EmailAddress: ptr(ews.NonEmptyStringType(from.smtp)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeMailbox)}}
	if !isSet(field(v, "From")) {
		setField(v, "From", me)
	}
	setField(v, "Sender", copyAny(me))
	setField(v, "IsDraft", false)
	setField(v, "DateTimeSent", s.now())
	if !isSet(field(v, "InternetMessageId")) {
		s.counter++
		setField(v, "InternetMessageId", "<"+strings.TrimRight(s.newID(from, kindItem)[20:40], "=")+"@ewsmock>")
	}
	seen := map[*mailbox]bool{}
	for _, r := range rcpts {
		m := s.mailboxOfUser(r)
		if m == nil || seen[m] {
			continue
		}
		seen[m] = true
		c := deepCopy(v)
		setField(c, "IsRead", false)
		setField(c, "DateTimeReceived", s.now())
		setField(c, "ReceivedBy", &ews.SingleRecipientType{Mailbox: &ews.EmailAddressType{Name: ptr(m.name), EmailAddress: ptr(ews.NonEmptyStringType(m.smtp)), RoutingType: ptr(ews.NonEmptyStringType("SMTP"))}})
		s.addItem(m.dist["inbox"], "Message", c)
	}
	return nil
}

// CreateItem creates (and sends) items. Saving in a folder needs the
// CreateItems right on it; messages are sent as the actor.
func (s *Server) CreateItem(ctx context.Context, req *ews.CreateItem) (*ews.CreateItemResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	resp := &ews.CreateItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{}}
	if req.Items == nil {
		return resp, nil
	}
	if err := s.checkBatch(len(req.Items.List)); err != nil {
		return nil, err
	}
	disp := ews.MessageDispositionSaveOnly
	if req.MessageDisposition != nil {
		disp = *req.MessageDisposition
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(req.Items.List))
	s.inChunks(len(msgs), true, func(i int) {
		x := req.Items.List[i]
		msg := &ews.CreateItemResponseMessage{}
		msgs[i] = msg
		elem := elemOfItem(x)
		if elem == "" {
			setResult(msg, &errMsg{code: ews.ResponseCodeErrorInvalidOperation, text: "ewsmock does not create this kind of item (response objects are not supported)."})
			return
		}
		var target *folder
		if req.SavedItemFolderId != nil {
			var terr *errMsg
			target, terr = s.folderFor(me, req.SavedItemFolderId, needCreate)
			if terr == errAccessDenied {
				terr = &errMsg{code: ews.ResponseCodeErrorCreateItemAccessDenied, text: "Access is denied. The user has no right to create items in this folder."}
			}
			if terr != nil {
				setResult(msg, terr)
				return
			}
		}
		v := deepCopy(reflect.ValueOf(x))
		for _, n := range []string{"ItemId", "ParentFolderId", "DateTimeCreated", "DateTimeReceived", "Size", "LastModifiedTime"} {
			if f := field(v, n); f.IsValid() {
				f.Set(reflect.Zero(f.Type()))
			}
		}
		if merr := applyMime(v); merr != nil {
			setResult(msg, merr)
			return
		}
		isMsg := elem == "Message"
		sending := isMsg && disp != ews.MessageDispositionSaveOnly
		if isMsg {
			setField(v, "IsDraft", !sending)
			if !sending {
				setField(v, "IsRead", true)
			}
			if !isSet(field(v, "From")) {
				setField(v, "From", &ews.SingleRecipientType{Mailbox: &ews.EmailAddressType{Name: ptr(me.name), EmailAddress: ptr(ews.NonEmptyStringType(me.smtp)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeMailbox)}})
			}
		}
		if sending {
			if err := s.send(me, v); err != nil {
				setResult(msg, err)
				return
			}
			setResult(msg, nil)
			msg.Items = &ews.ArrayOfRealItemsType{}
			if disp == ews.MessageDispositionSendAndSaveCopy {
				f := target
				if f == nil {
					f = me.dist["sentitems"]
				}
				s.addItem(f, elem, v).creator = me
			}
			return
		}
		f := target
		if f == nil {
			f = me.dist[defaultFolderFor(elem, false)]
		}
		it := s.addItem(f, elem, v)
		it.creator = me
		setResult(msg, nil)
		msg.Items = &ews.ArrayOfRealItemsType{List: []ews.ArrayOfRealItemsTypeChoice{withAttachmentIDs(it, idOnly(it))}}
	})
	resp.ResponseMessages.Items = msgs
	return resp, nil
}

// GetItem returns items by id, one response message per id; the caller
// needs the ReadItems right on each item's folder.
func (s *Server) GetItem(ctx context.Context, req *ews.GetItem) (*ews.GetItemResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := itemIDs(req.ItemIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), false, func(i int) {
		msg := &ews.GetItemResponseMessage{}
		it, err := s.itemFor(me, ids[i], opRead)
		setResult(msg, err)
		if err == nil {
			msg.Items = &ews.ArrayOfRealItemsType{List: []ews.ArrayOfRealItemsTypeChoice{s.itemOut(me, it, req.ItemShape, false)}}
		}
		msgs[i] = msg
	})
	return &ews.GetItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// FindItem searches folders: restriction, sort order, paging. The caller
// needs the ReadItems right on each folder.
func (s *Server) FindItem(ctx context.Context, req *ews.FindItem) (*ews.FindItemResponse, error) {
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
		msg := &ews.FindItemResponseMessageType{}
		msgs[i] = msg
		f, err := s.folderFor(me, ids[i], needRead)
		setResult(msg, err)
		if err != nil {
			return
		}
		var cands []*item
		if req.Traversal == ews.ItemQueryTraversalShallow || req.Traversal == "" {
			cands = s.itemsIn(f)
		}
		var matched []*item
		for _, it := range cands {
			if req.Restriction != nil && req.Restriction.SearchExpression != nil && !evaluate(req.Restriction.SearchExpression, it.v) {
				continue
			}
			if req.QueryString != nil && !queryMatches(it.v, req.QueryString.Value) {
				continue
			}
			if cv := req.CalendarView; cv != nil && !inCalendarView(it.v, cv) {
				continue
			}
			matched = append(matched, it)
		}
		vs := make([]reflect.Value, len(matched))
		seqs := make([]int64, len(matched))
		for i, it := range matched {
			vs[i], seqs[i] = it.v, it.seq
		}
		order := sortValues(vs, seqs, req.SortOrder)
		if req.CalendarView != nil && req.SortOrder == nil {
			order = sortValues(vs, seqs, &ews.NonEmptyArrayOfFieldOrdersType{FieldOrder: []ews.FieldOrderType{{Order: ews.SortDirectionAscending, Path: &ews.FieldURI{FieldURI: "calendar:Start"}}}})
		}
		sorted := make([]*item, len(order))
		for i, j := range order {
			sorted[i] = matched[j]
		}
		iv := req.IndexedPageItemView
		if cv := req.CalendarView; cv != nil && cv.MaxEntriesReturned != nil {
			iv = &ews.IndexedPageViewType{MaxEntriesReturned: cv.MaxEntriesReturned, BasePoint: ews.IndexBasePointBeginning}
		}
		if c := req.ContactsView; c != nil && c.MaxEntriesReturned != nil {
			iv = &ews.IndexedPageViewType{MaxEntriesReturned: c.MaxEntriesReturned, BasePoint: ews.IndexBasePointBeginning}
		}
		limit := s.opts.Limits.MaxFindCount
		if iv == nil && req.FractionalPageItemView == nil && len(sorted) > limit {
			setResult(msg, findCountExceeded(limit))
			return
		}
		start, end, info := page(len(sorted), limit, iv, req.FractionalPageItemView)
		rf := &ews.FindItemParentType{Items: &ews.ArrayOfRealItemsType{}}
		rf.IndexedPagingOffset, rf.TotalItemsInView, rf.IncludesLastItemInRange = info.offset, info.total, info.last
		rf.NumeratorOffset, rf.AbsoluteDenominator = info.numerator, info.denominator
		if req.CalendarView != nil {
			rf.IndexedPagingOffset = nil
		}
		for _, it := range sorted[start:end] {
			rf.Items.List = append(rf.Items.List, s.itemOut(me, it, req.ItemShape, true))
		}
		msg.RootFolder = rf
	})
	return &ews.FindItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// queryMatches evaluates an AQS query string loosely: every word must occur
// in the subject or the body.
func queryMatches(v reflect.Value, q string) bool {
	var text string
	if f := field(v, "Subject"); isSet(f) {
		text += f.Elem().String() + " "
	}
	if f := field(v, "Body"); isSet(f) {
		text += bodyText(f.Elem().Interface().(ews.BodyType))
	}
	text = strings.ToLower(text)
	for _, w := range strings.Fields(strings.ToLower(q)) {
		if i := strings.IndexByte(w, ':'); i >= 0 {
			w = w[i+1:]
		}
		w = strings.Trim(w, `"()`)
		if w != "" && !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// inCalendarView reports whether a calendar item overlaps the view.
func inCalendarView(v reflect.Value, cv *ews.CalendarViewType) bool {
	st, en := field(v, "Start"), field(v, "End")
	if !isSet(st) || !isSet(en) {
		return false
	}
	s := ews.Ptr(st.Elem().Interface().(ews.XSDateTime)).Time()
	e := ews.Ptr(en.Elem().Interface().(ews.XSDateTime)).Time()
	return s.Before(cv.EndDate.Time()) && e.After(cv.StartDate.Time())
}

// UpdateItem applies property changes to items; the caller needs the
// EditItems right on each. Sending (MessageDisposition) is for the
// mailbox's own user only: ErrorSendAsDenied otherwise.
func (s *Server) UpdateItem(ctx context.Context, req *ews.UpdateItem) (*ews.UpdateItemResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	resp := &ews.UpdateItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{}}
	if req.ItemChanges == nil {
		return resp, nil
	}
	changes := req.ItemChanges.ItemChange
	if err := s.checkBatch(len(changes)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(changes))
	s.inChunks(len(changes), true, func(i int) {
		ch := changes[i]
		msg := &ews.UpdateItemResponseMessageType{}
		msgs[i] = msg
		var it *item
		var err *errMsg
		switch {
		case ch.ItemId != nil:
			it, err = s.itemFor(me, ch.ItemId, opEdit)
		case ch.OccurrenceItemId != nil:
			it, err = s.itemFor(me, ch.OccurrenceItemId, opEdit)
		default:
			it, err = s.itemFor(me, ch.RecurringMasterItemId, opEdit)
		}
		if err == nil && ch.ItemId != nil && ch.ItemId.ChangeKey != nil && *ch.ItemId.ChangeKey != it.changeKey() && req.ConflictResolution == ews.ConflictResolutionNeverOverwrite {
			err = fail(ews.ResponseCodeErrorIrresolvableConflict)
		}
		sending := err == nil && it.elem == "Message" && req.MessageDisposition != nil && *req.MessageDisposition != ews.MessageDispositionSaveOnly
		if sending && it.mbx != me {
			err = errSendAsDenied
		}
		var dest *folder
		if sending && err == nil {
			dest = me.dist["sentitems"]
			if req.SavedItemFolderId != nil {
				dest, err = s.folderFor(me, req.SavedItemFolderId, needCreate)
			}
		}
		if err == nil && ch.Updates != nil {
			for _, u := range ch.Updates.Items {
				applyUpdate(it.v, u)
			}
		}
		if sending && err == nil {
			if serr := s.send(me, it.v); serr != nil {
				err = serr
			} else if *req.MessageDisposition == ews.MessageDispositionSendOnly {
				s.dropItem(it)
				setResult(msg, nil)
				msg.Items = &ews.ArrayOfRealItemsType{}
				msg.ConflictResults = &ews.ConflictResultsType{}
				return
			} else {
				s.place(it, dest)
			}
		}
		setResult(msg, err)
		if err != nil {
			return
		}
		s.touch(it)
		msg.Items = &ews.ArrayOfRealItemsType{List: []ews.ArrayOfRealItemsTypeChoice{idOnly(it)}}
		msg.ConflictResults = &ews.ConflictResultsType{Count: 0}
	})
	resp.ResponseMessages.Items = msgs
	return resp, nil
}

var errSendAsDenied = &errMsg{code: ews.ResponseCodeErrorSendAsDenied, text: "The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account."}

// changeItem returns the item value a SetItemField or AppendToItemField
// carries.
func changeItem(x any) reflect.Value {
	v := reflect.ValueOf(x).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if v.Type().Field(i).IsExported() && f.Kind() == reflect.Pointer && !f.IsNil() {
			return f
		}
	}
	return reflect.Value{}
}

// applyUpdate applies one change description to an item value.
func applyUpdate(v reflect.Value, u ews.NonEmptyArrayOfItemChangeDescriptionsTypeChoice) {
	switch u := u.(type) {
	case *ews.SetItemFieldType:
		if extPath(u.Path) != nil {
			if src, ok := extList(changeItem(u)); ok {
				setExtended(v, src.Interface().([]ews.ExtendedPropertyType))
			}
			return
		}
		uri, index := pathURI(u.Path)
		name := fieldName(uri)
		dst := field(v, name)
		src := field(changeItem(u), name)
		if !dst.IsValid() || !src.IsValid() {
			return
		}
		if index != "" && isSet(dst) {
			mergeIndexed(dst, src)
			return
		}
		if dst.Type() == src.Type() {
			dst.Set(deepCopy(src))
		}
	case *ews.DeleteItemFieldType:
		if e := extPath(u.Path); e != nil {
			deleteExtended(v, e)
			return
		}
		uri, _ := pathURI(u.Path)
		if dst := field(v, fieldName(uri)); dst.IsValid() {
			dst.Set(reflect.Zero(dst.Type()))
		}
	case *ews.AppendToItemFieldType:
		if extPath(u.Path) != nil {
			if src, ok := extList(changeItem(u)); ok {
				setExtended(v, src.Interface().([]ews.ExtendedPropertyType))
			}
			return
		}
		uri, _ := pathURI(u.Path)
		name := fieldName(uri)
		dst := field(v, name)
		src := field(changeItem(u), name)
		if !dst.IsValid() || !src.IsValid() || dst.Type() != src.Type() {
			return
		}
		if !isSet(dst) || !isSet(src) {
			dst.Set(deepCopy(src))
			return
		}
		switch d := dst.Interface().(type) {
		case *ews.BodyType:
			nb := *d
			nb.Value += src.Interface().(*ews.BodyType).Value
			dst.Set(reflect.ValueOf(&nb))
		case *ews.ArrayOfRecipientsType:
			nr := copyAny(d)
			nr.Items = append(nr.Items, copyAny(src.Interface().(*ews.ArrayOfRecipientsType)).Items...)
			dst.Set(reflect.ValueOf(nr))
		default:
			dst.Set(deepCopy(src))
		}
	}
}

// mergeIndexed replaces or adds the dictionary entries of src in dst
// (email addresses, phone numbers... keyed by Key).
func mergeIndexed(dst, src reflect.Value) {
	n := deepCopy(dst)
	d, sv := n.Elem(), src.Elem()
	for i := 0; i < sv.NumField(); i++ {
		ss := sv.Field(i)
		if ss.Kind() != reflect.Slice || !sv.Type().Field(i).IsExported() {
			continue
		}
		ds := d.Field(i)
		for j := 0; j < ss.Len(); j++ {
			e := ss.Index(j)
			key := field(e, "Key")
			replaced := false
			for k := 0; k < ds.Len() && key.IsValid(); k++ {
				if dk := field(ds.Index(k), "Key"); dk.IsValid() && dk.String() == key.String() {
					ds.Index(k).Set(deepCopy(e))
					replaced = true
				}
			}
			if !replaced {
				ds = reflect.Append(ds, deepCopy(e))
			}
		}
		d.Field(i).Set(ds)
	}
	dst.Set(n)
}

// DeleteItem deletes items or moves them to Deleted Items; the caller
// needs the DeleteItems right on each.
func (s *Server) DeleteItem(ctx context.Context, req *ews.DeleteItem) (*ews.DeleteItemResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := itemIDs(req.ItemIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), true, func(i int) {
		msg := &ews.DeleteItemResponseMessageType{}
		msgs[i] = msg
		it, err := s.itemFor(me, ids[i], opDelete)
		setResult(msg, err)
		if err != nil {
			return
		}
		s.disposeItem(it, req.DeleteType)
	})
	return &ews.DeleteItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// MoveItem moves items to a folder; as in Exchange, a moved item gets a
// new id (the old one is no longer found).
// The caller needs the DeleteItems right on each item and CreateItems on
// the destination.
func (s *Server) MoveItem(ctx context.Context, req *ews.MoveItem) (*ews.MoveItemResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := itemIDs(req.ItemIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), true, func(i int) {
		msg := &ews.MoveItemResponseMessage{}
		msgs[i] = msg
		it, err := s.itemFor(me, ids[i], opDelete)
		var dest *folder
		if err == nil {
			dest, err = s.folderFor(me, req.ToFolderId, needCreate)
		}
		setResult(msg, err)
		if err != nil {
			return
		}
		s.moveItem(it, dest)
		msg.Items = &ews.ArrayOfRealItemsType{}
		if req.ReturnNewItemIds == nil || *req.ReturnNewItemIds {
			msg.Items.List = []ews.ArrayOfRealItemsTypeChoice{idOnly(it)}
		}
	})
	return &ews.MoveItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// CopyItem copies items to a folder. The caller needs the ReadItems right
// on each item and CreateItems on the destination.
func (s *Server) CopyItem(ctx context.Context, req *ews.CopyItem) (*ews.CopyItemResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := itemIDs(req.ItemIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), true, func(i int) {
		msg := &ews.CopyItemResponseMessage{}
		msgs[i] = msg
		it, err := s.itemFor(me, ids[i], opRead)
		var dest *folder
		if err == nil {
			dest, err = s.folderFor(me, req.ToFolderId, needCreate)
		}
		setResult(msg, err)
		if err != nil {
			return
		}
		v := deepCopy(it.v)
		setField(v, "DateTimeCreated", s.now())
		c := s.addItem(dest, it.elem, v)
		c.creator = me
		msg.Items = &ews.ArrayOfRealItemsType{}
		if req.ReturnNewItemIds == nil || *req.ReturnNewItemIds {
			msg.Items.List = []ews.ArrayOfRealItemsTypeChoice{idOnly(c)}
		}
	})
	return &ews.CopyItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// SendItem sends draft messages. The caller needs the EditItems right on
// each, and may send only its own mailbox's drafts (ErrorSendAsDenied
// otherwise); saving needs CreateItems on SavedItemFolderId.
func (s *Server) SendItem(ctx context.Context, req *ews.SendItem) (*ews.SendItemResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := itemIDs(req.ItemIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), true, func(i int) {
		id := ids[i]
		msg := &ews.SendItemResponseMessage{}
		msgs[i] = msg
		it, err := s.itemFor(me, id, opEdit)
		if err == nil && it.mbx != me {
			err = errSendAsDenied
		}
		if err == nil && it.elem != "Message" {
			err = &errMsg{code: ews.ResponseCodeErrorInvalidItemForOperationSendItem, text: "The item is not valid for a SendItem operation."}
		}
		var dest *folder
		if err == nil && req.SaveItemToFolder && req.SavedItemFolderId != nil {
			dest, err = s.folderFor(me, req.SavedItemFolderId, needCreate)
		}
		if err == nil {
			if ck := id.(*ews.ItemIdType).ChangeKey; ck != nil && *ck != it.changeKey() {
				err = &errMsg{code: ews.ResponseCodeErrorStaleObject, text: "The change key passed in the request does not match the current change key for the item."}
			}
		}
		if err == nil {
			err = s.send(me, it.v)
		}
		setResult(msg, err)
		if err != nil {
			return
		}
		if !req.SaveItemToFolder {
			s.dropItem(it)
			return
		}
		if dest == nil {
			dest = it.mbx.dist["sentitems"]
		}
		// The sent copy is a new item, as in Exchange: the draft's id is
		// gone.
		s.moveItem(it, dest)
	})
	return &ews.SendItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}
