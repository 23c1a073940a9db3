package mock

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"reflect"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Attachments live in the Attachments list of the item value, with their
// content. An attachment id is base64 of the item id's bytes and a
// 4-byte attachment number, so it names its item; it changes when the
// item moves (the item's id changes), as in Exchange.

const attIDLen = idLen + 4

// attachmentID returns the id of attachment number n of item id.
func attachmentID(itemID string, n uint32) string {
	raw, _ := base64.StdEncoding.DecodeString(itemID)
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(raw, n))
}

// parseAttachmentID returns the item id and number of an attachment id.
func parseAttachmentID(id string) (itemID string, n uint32, ok bool) {
	raw, err := base64.StdEncoding.DecodeString(id)
	if err != nil || len(raw) != attIDLen {
		return "", 0, false
	}
	itemID = base64.StdEncoding.EncodeToString(raw[:idLen])
	if k, ok := parseID(itemID); !ok || k != kindItem {
		return "", 0, false
	}
	return itemID, binary.BigEndian.Uint32(raw[idLen:]), true
}

// attachmentsOf returns the attachments of an item value.
func attachmentsOf(v reflect.Value) []ews.NonEmptyArrayOfAttachmentsTypeChoice {
	f := field(v, "Attachments")
	if !isSet(f) {
		return nil
	}
	return f.Interface().(*ews.NonEmptyArrayOfAttachmentsType).Items
}

func setAttachments(v reflect.Value, list []ews.NonEmptyArrayOfAttachmentsTypeChoice) {
	f := field(v, "Attachments")
	if !f.IsValid() {
		return
	}
	if len(list) == 0 {
		f.Set(reflect.Zero(f.Type()))
		return
	}
	f.Set(reflect.ValueOf(&ews.NonEmptyArrayOfAttachmentsType{Items: list}))
}

// reidAttachments gives every attachment of it an id under the item's
// current id, keeping the numbers of those that have one, numbering new
// ones, and fills Size and LastModifiedTime. Callers hold s.mu.
func (s *Server) reidAttachments(it *item) {
	list := attachmentsOf(it.v)
	var next uint32 = 1
	nums := make([]uint32, len(list))
	fresh := make([]bool, len(list))
	for i, a := range list {
		idf := field(reflect.ValueOf(a), "AttachmentId")
		n, ok := uint32(0), false
		if isSet(idf) {
			_, n, ok = parseAttachmentID(idf.Interface().(*ews.AttachmentIdType).Id)
		}
		nums[i], fresh[i] = n, !ok
		if ok && n >= next {
			next = n + 1
		}
	}
	for i, a := range list {
		if fresh[i] {
			nums[i] = next
			next++
		}
		av := reflect.ValueOf(a)
		setField(av, "AttachmentId", &ews.AttachmentIdType{Id: attachmentID(it.id, nums[i])})
		if fresh[i] {
			setField(av, "LastModifiedTime", s.now())
			if c := field(av, "Content"); c.IsValid() {
				setField(av, "Size", int32(c.Len()))
			}
			if in := field(av, "IsInline"); in.IsValid() && !isSet(in) {
				setField(av, "IsInline", false)
			}
		}
	}
	setAttachments(it.v, list)
}

// attachmentsOut strips an item's attachments to what GetItem shows: no
// content, no attached item.
func (s *Server) attachmentsOut(out reflect.Value) {
	list := attachmentsOf(out)
	for i, a := range list {
		c := deepCopy(reflect.ValueOf(a))
		for _, n := range []string{"Content", "Item", "Message", "CalendarItem", "Contact", "Task", "PostItem", "MeetingMessage", "MeetingRequest", "MeetingResponse", "MeetingCancellation", "SharingMessage", "RoleMember", "Network", "Person"} {
			if f := field(c, n); f.IsValid() {
				f.Set(reflect.Zero(f.Type()))
			}
		}
		list[i] = c.Interface().(ews.NonEmptyArrayOfAttachmentsTypeChoice)
	}
}

// attachmentFor resolves an attachment id: its item (with right op for
// the caller) and its index in the item's list. Callers hold s.mu.
func (s *Server) attachmentFor(me *mailbox, id string, op itemOp) (*item, int, *errMsg) {
	iid, _, ok := parseAttachmentID(id)
	if !ok {
		return nil, 0, fail(ews.ResponseCodeErrorInvalidIdMalformed)
	}
	it, err := s.itemFor(me, &ews.ItemIdType{Id: iid}, op)
	if err != nil {
		if err.code == ews.ResponseCodeErrorItemNotFound {
			err = errAttachmentNotFound
		}
		return nil, 0, err
	}
	for i, a := range attachmentsOf(it.v) {
		if idf := field(reflect.ValueOf(a), "AttachmentId"); isSet(idf) && idf.Interface().(*ews.AttachmentIdType).Id == id {
			return it, i, nil
		}
	}
	return nil, 0, errAttachmentNotFound
}

var errAttachmentNotFound = &errMsg{code: ews.ResponseCodeErrorInvalidAttachmentId, text: "The attachment id does not name an attachment of this mailbox."}

// withAttachmentIDs adds to an item value of a CreateItem response the
// ids of the item's attachments, as Exchange answers them: clients that
// sent attachments inline (ews-javascript-api with Exchange2010_SP2 and
// later) learn from them that the attachments are saved.
func withAttachmentIDs(it *item, out ews.ArrayOfRealItemsTypeChoice) ews.ArrayOfRealItemsTypeChoice {
	list := attachmentsOf(it.v)
	if len(list) == 0 {
		return out
	}
	ids := make([]ews.NonEmptyArrayOfAttachmentsTypeChoice, len(list))
	for i, a := range list {
		c := reflect.New(reflect.TypeOf(a).Elem())
		setField(c, "AttachmentId", rootID(it, field(reflect.ValueOf(a), "AttachmentId").Interface().(*ews.AttachmentIdType).Id))
		ids[i] = c.Interface().(ews.NonEmptyArrayOfAttachmentsTypeChoice)
	}
	setAttachments(reflect.ValueOf(out), ids)
	return out
}

// rootID is the AttachmentId of an attachment in a response: with the id
// and change key of its item.
func rootID(it *item, id string) *ews.AttachmentIdType {
	return &ews.AttachmentIdType{Id: id, RootItemId: ptr(it.id), RootItemChangeKey: ptr(it.changeKey())}
}

// CreateAttachment adds file and item attachments to an item; the caller
// needs the EditItems right on it. Each attachment gets a response
// message with its id (and the item's new change key).
func (s *Server) CreateAttachment(ctx context.Context, req *ews.CreateAttachment) (*ews.CreateAttachmentResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	var atts []ews.NonEmptyArrayOfAttachmentsTypeChoice
	if req.Attachments != nil {
		atts = req.Attachments.Items
	}
	if err := s.checkBatch(len(atts)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(atts))
	s.locked(true, func() {
		it, err := s.itemFor(me, req.ParentItemId, opEdit)
		var added []int
		for i, a := range atts {
			msg := &ews.CreateAttachmentResponseMessage{}
			msgs[i] = msg
			aerr := err
			if aerr == nil {
				if _, ok := a.(*ews.ReferenceAttachmentType); ok {
					aerr = &errMsg{code: ews.ResponseCodeErrorInvalidRequest, text: "Reference attachments are not supported by this server."}
				}
			}
			setResult(msg, aerr)
			if aerr != nil {
				continue
			}
			c := deepCopy(reflect.ValueOf(a))
			setField(c, "AttachmentId", (*ews.AttachmentIdType)(nil))
			list := append(attachmentsOf(it.v), c.Interface().(ews.NonEmptyArrayOfAttachmentsTypeChoice))
			setAttachments(it.v, list)
			added = append(added, i)
		}
		if len(added) == 0 {
			return
		}
		s.reidAttachments(it)
		s.touch(it)
		list := attachmentsOf(it.v)
		for j, i := range added {
			a := list[len(list)-len(added)+j]
			out := reflect.New(reflect.TypeOf(a).Elem())
			setField(out, "AttachmentId", rootID(it, field(reflect.ValueOf(a), "AttachmentId").Interface().(*ews.AttachmentIdType).Id))
			msgs[i].(*ews.CreateAttachmentResponseMessage).Attachments = &ews.ArrayOfAttachmentsType{Items: []ews.ArrayOfAttachmentsTypeChoice{out.Interface().(ews.ArrayOfAttachmentsTypeChoice)}}
		}
	})
	return &ews.CreateAttachmentResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// GetAttachment returns attachments with their content (the attached
// item, for item attachments); the caller needs the ReadItems right on
// the item.
func (s *Server) GetAttachment(ctx context.Context, req *ews.GetAttachment) (*ews.GetAttachmentResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	var ids []ews.NonEmptyArrayOfRequestAttachmentIdsTypeChoice
	if req.AttachmentIds != nil {
		ids = req.AttachmentIds.Items
	}
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), false, func(i int) {
		msg := &ews.GetAttachmentResponseMessage{}
		msgs[i] = msg
		id, _ := ids[i].(*ews.RequestAttachmentIdType)
		if id == nil {
			setResult(msg, fail(ews.ResponseCodeErrorInvalidIdMalformed))
			return
		}
		it, j, err := s.attachmentFor(me, id.Id, opRead)
		setResult(msg, err)
		if err != nil {
			return
		}
		c := deepCopy(reflect.ValueOf(attachmentsOf(it.v)[j]))
		setField(c, "AttachmentId", rootID(it, id.Id))
		if req.AttachmentShape != nil && req.AttachmentShape.IncludeMimeContent != nil && *req.AttachmentShape.IncludeMimeContent {
			if inner := attachedItem(c); inner.IsValid() {
				setField(inner, "MimeContent", &ews.MimeContentType{CharacterSet: ptr("UTF-8"), Value: base64.StdEncoding.EncodeToString(mimeOfValue(inner))})
			}
		}
		msg.Attachments = &ews.ArrayOfAttachmentsType{Items: []ews.ArrayOfAttachmentsTypeChoice{c.Interface().(ews.ArrayOfAttachmentsTypeChoice)}}
	})
	return &ews.GetAttachmentResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// attachedItem returns the item value of an item attachment.
func attachedItem(a reflect.Value) reflect.Value {
	if _, ok := a.Interface().(*ews.ItemAttachmentType); !ok {
		return reflect.Value{}
	}
	return changeItem(a.Interface())
}

// DeleteAttachment removes attachments; the caller needs the EditItems
// right on the item. Each response message gives the item's id and new
// change key.
func (s *Server) DeleteAttachment(ctx context.Context, req *ews.DeleteAttachment) (*ews.DeleteAttachmentResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	var ids []ews.NonEmptyArrayOfRequestAttachmentIdsTypeChoice
	if req.AttachmentIds != nil {
		ids = req.AttachmentIds.Items
	}
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), true, func(i int) {
		msg := &ews.DeleteAttachmentResponseMessageType{}
		msgs[i] = msg
		id, _ := ids[i].(*ews.RequestAttachmentIdType)
		if id == nil {
			setResult(msg, fail(ews.ResponseCodeErrorInvalidIdMalformed))
			return
		}
		it, j, err := s.attachmentFor(me, id.Id, opEdit)
		setResult(msg, err)
		if err != nil {
			return
		}
		list := attachmentsOf(it.v)
		setAttachments(it.v, append(append([]ews.NonEmptyArrayOfAttachmentsTypeChoice(nil), list[:j]...), list[j+1:]...))
		s.touch(it)
		msg.RootItemId = &ews.RootItemIdType{RootItemId: it.id, RootItemChangeKey: it.changeKey()}
	})
	return &ews.DeleteAttachmentResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}
