package mock

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Meetings. A calendar item with attendees saved with SendMeetingInvitations
// SendOnlyToAll or SendToAllAndSaveCopy is a meeting: each attendee with a
// mailbox on the server gets a MeetingRequest in its Inbox and a tentative
// copy of the item in its Calendar. An attendee answers with AcceptItem,
// TentativelyAcceptItem or DeclineItem (CreateItem of a response object
// referring to the request or to its calendar copy): its calendar copy
// takes the response, the organizer gets a MeetingResponse in its Inbox and
// the attendee's ResponseType on the organizer's item is updated.

// mailboxOf returns the sender mailbox as an EWS recipient.
func recipientOf(m *mailbox) *ews.EmailAddressType {
	return &ews.EmailAddressType{Name: ptr(m.name), EmailAddress: ptr(ews.NonEmptyStringType(m.smtp)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeMailbox)}
}

// attendees returns the attendee lists of a calendar item or meeting
// message, by property name.
func attendeeLists(v reflect.Value) map[string]*ews.NonEmptyArrayOfAttendeesType {
	out := map[string]*ews.NonEmptyArrayOfAttendeesType{}
	for _, n := range []string{"RequiredAttendees", "OptionalAttendees", "Resources"} {
		if f := field(v, n); isSet(f) {
			out[n] = f.Interface().(*ews.NonEmptyArrayOfAttendeesType)
		}
	}
	return out
}

// copyFields copies the properties of src that dst has, by name, when the
// types agree.
func copyFields(dst, src reflect.Value) {
	st := src.Elem().Type()
	for i := 0; i < st.NumField(); i++ {
		sf := st.Field(i)
		if !sf.IsExported() {
			continue
		}
		df := dst.Elem().FieldByName(sf.Name)
		if df.IsValid() && df.Type() == sf.Type && df.CanSet() {
			df.Set(deepCopy(src.Elem().Field(i)))
		}
	}
}

// CreateItem serves meeting invitations and meeting responses besides the
// item operation.
func (c calendarService) CreateItem(ctx context.Context, req *ews.CreateItem) (*ews.CreateItemResponse, error) {
	s := c.Server
	if req.Items != nil && len(req.Items.List) > 0 && len(req.Items.List) <= s.opts.Limits.MaxBatch {
		responses := true
		for _, x := range req.Items.List {
			switch x.(type) {
			case *ews.CancelCalendarItemType, *ews.RemoveItemType:
			default:
				responses = responses && responseKind(x) != ""
			}
		}
		if responses {
			return s.respondToMeetings(ctx, req)
		}
	}
	resp, err := s.CreateItem(ctx, req)
	if err != nil || req.Items == nil || resp.ResponseMessages == nil || len(resp.ResponseMessages.Items) != len(req.Items.List) {
		return resp, err
	}
	me, _ := s.actor(ctx)
	invite := req.SendMeetingInvitations != nil && *req.SendMeetingInvitations != ews.CalendarItemCreateOrDeleteOperationSendToNone
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range req.Items.List {
		if _, ok := x.(*ews.CalendarItemType); !ok {
			continue
		}
		m, ok := resp.ResponseMessages.Items[i].(*ews.CreateItemResponseMessage)
		if !ok || m.Items == nil || len(m.Items.List) != 1 {
			continue
		}
		idv := field(reflect.ValueOf(m.Items.List[0]), "ItemId")
		if !isSet(idv) {
			continue
		}
		it := s.items[idv.Interface().(*ews.ItemIdType).Id]
		if it == nil {
			continue
		}
		s.initCalendarItem(me, it)
		if invite && len(attendeeLists(it.v)) > 0 {
			s.sendInvitations(me, it, ews.MeetingRequestTypeNewMeetingRequest)
		}
		s.touch(it)
		setField(reflect.ValueOf(m.Items.List[0]), "ItemId", &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())})
	}
	return resp, nil
}

// initCalendarItem sets the properties Exchange computes for a new
// calendar item of organizer me. Callers hold s.mu for writing.
func (s *Server) initCalendarItem(me *mailbox, it *item) {
	v := it.v
	recurring := isSet(field(v, "Recurrence"))
	kind := ews.CalendarItemTypeSingle
	if recurring {
		kind = ews.CalendarItemTypeRecurringMaster
	}
	setField(v, "CalendarItemType", kind)
	setField(v, "IsRecurring", recurring)
	meeting := len(attendeeLists(v)) > 0
	setField(v, "IsMeeting", meeting)
	if !isSet(field(v, "UID")) {
		h := sha256.Sum256([]byte(it.id))
		setField(v, "UID", strings.ToUpper(hex.EncodeToString(h[:16])))
	}
	if !isSet(field(v, "Organizer")) {
		setField(v, "Organizer", &ews.SingleRecipientType{Mailbox: recipientOf(me)})
	}
	setField(v, "IsOrganizer", true)
	setField(v, "MyResponseType", ews.ResponseTypeOrganizer)
	if !isSet(field(v, "LegacyFreeBusyStatus")) {
		setField(v, "LegacyFreeBusyStatus", ews.LegacyFreeBusyBusy)
	}
	setField(v, "IsCancelled", false)
	setField(v, "AppointmentSequenceNumber", int32(0))
	for _, l := range attendeeLists(v) {
		for i := range l.Attendee {
			if l.Attendee[i].ResponseType == nil {
				l.Attendee[i].ResponseType = ptr(ews.ResponseTypeUnknown)
			}
		}
	}
}

// sendInvitations delivers a meeting request of kind (NewMeetingRequest,
// FullUpdate) for organizer's item it to every attendee with a mailbox on
// the server, and creates or replaces the attendee's copy, which awaits
// its answer. Callers hold s.mu for writing.
func (s *Server) sendInvitations(organizer *mailbox, it *item, kind ews.MeetingRequestTypeType) {
	setField(it.v, "MeetingRequestWasSent", true)
	seen := map[*mailbox]bool{organizer: true}
	var to, cc []ews.ArrayOfRecipientsTypeChoice
	lists := attendeeLists(it.v)
	for n, l := range lists {
		for _, a := range l.Attendee {
			if a.Mailbox == nil {
				continue
			}
			if n == "RequiredAttendees" {
				to = append(to, copyAny(a.Mailbox))
			} else {
				cc = append(cc, copyAny(a.Mailbox))
			}
		}
	}
	for _, l := range []string{"RequiredAttendees", "OptionalAttendees", "Resources"} {
		if lists[l] == nil {
			continue
		}
		for _, a := range lists[l].Attendee {
			m := s.mailboxOfEmail(a.Mailbox)
			if m == nil || seen[m] {
				continue
			}
			seen[m] = true
			// The attendee's copy in its calendar, tentative until it
			// answers.
			cv := deepCopy(it.v)
			for _, n := range []string{"ItemId", "ParentFolderId", "MeetingRequestWasSent"} {
				if f := field(cv, n); f.IsValid() {
					f.Set(reflect.Zero(f.Type()))
				}
			}
			setField(cv, "IsOrganizer", false)
			setField(cv, "MyResponseType", ews.ResponseTypeNoResponseReceived)
			setField(cv, "LegacyFreeBusyStatus", ews.LegacyFreeBusyTentative)
			setField(cv, "IsResponseRequested", true)
			var cal *item
			if uid := field(it.v, "UID"); isSet(uid) {
				for _, c := range s.itemsIn(m.dist["calendar"]) {
					if f := field(c.v, "UID"); isSet(f) && f.Elem().String() == uid.Elem().String() {
						cal = c
					}
				}
			}
			if cal != nil {
				cal.v = cv
				s.touch(cal)
			} else {
				cal = s.addItem(m.dist["calendar"], "CalendarItem", cv)
			}
			// The request in its Inbox.
			rv := reflect.New(itemElems["MeetingRequest"])
			copyFields(rv, it.v)
			for _, n := range []string{"ItemId", "ParentFolderId", "ItemClass", "MeetingRequestWasSent", "DateTimeCreated", "DateTimeReceived", "LastModifiedTime", "Size", "EffectiveRights"} {
				if f := field(rv, n); f.IsValid() {
					f.Set(reflect.Zero(f.Type()))
				}
			}
			from := &ews.SingleRecipientType{Mailbox: recipientOf(organizer)}
			setField(rv, "From", from)
			setField(rv, "Sender", copyAny(from))
			if len(to) > 0 {
				setField(rv, "ToRecipients", &ews.ArrayOfRecipientsType{Items: copyAny(to)})
			}
			if len(cc) > 0 {
				setField(rv, "CcRecipients", &ews.ArrayOfRecipientsType{Items: copyAny(cc)})
			}
			setField(rv, "ReceivedBy", &ews.SingleRecipientType{Mailbox: recipientOf(m)})
			setField(rv, "IsRead", false)
			setField(rv, "IsDraft", false)
			setField(rv, "IsOrganizer", false)
			setField(rv, "IsResponseRequested", true)
			setField(rv, "MeetingRequestType", kind)
			setField(rv, "ResponseType", ews.ResponseTypeNoResponseReceived)
			setField(rv, "MyResponseType", ews.ResponseTypeNoResponseReceived)
			setField(rv, "IntendedFreeBusyStatus", ews.LegacyFreeBusyBusy)
			setField(rv, "DateTimeSent", s.now())
			setField(rv, "AssociatedCalendarItemId", &ews.ItemIdType{Id: cal.id, ChangeKey: ptr(cal.changeKey())})
			s.addItem(m.dist["inbox"], "MeetingRequest", rv)
		}
	}
}

// responseKind names the response a response object gives, "" for other
// items.
func responseKind(x any) ews.ResponseTypeType {
	switch x.(type) {
	case *ews.AcceptItemType:
		return ews.ResponseTypeAccept
	case *ews.TentativelyAcceptItemType:
		return ews.ResponseTypeTentative
	case *ews.DeclineItemType:
		return ews.ResponseTypeDecline
	}
	return ""
}

// respondToMeetings serves AcceptItem, TentativelyAcceptItem and
// DeclineItem.
func (s *Server) respondToMeetings(ctx context.Context, req *ews.CreateItem) (*ews.CreateItemResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	disp := ews.MessageDispositionSendAndSaveCopy
	if req.MessageDisposition != nil {
		disp = *req.MessageDisposition
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(req.Items.List))
	for i, x := range req.Items.List {
		msg := &ews.CreateItemResponseMessage{}
		msgs[i] = msg
		switch x := x.(type) {
		case *ews.CancelCalendarItemType:
			// Answered with the id of the cancelled meeting (clients
			// expect one item, as Exchange answers).
			ids, err := s.cancelMeeting(me, x, disp)
			setResult(msg, err)
			if err == nil {
				msg.Items = &ews.ArrayOfRealItemsType{List: ids}
			}
			continue
		case *ews.RemoveItemType:
			ids, err := s.removeCancelled(me, x.ReferenceItemId)
			setResult(msg, err)
			if err == nil {
				msg.Items = &ews.ArrayOfRealItemsType{List: ids}
			}
			continue
		}
		kind := responseKind(x)
		ref := reflect.ValueOf(x).Elem().FieldByName("ReferenceItemId").Interface().(*ews.ItemIdType)
		it, err := s.itemFor(me, ref, opEdit)
		if err == nil && it.elem != "MeetingRequest" && it.elem != "CalendarItem" {
			err = &errMsg{code: ews.ResponseCodeErrorInvalidReferenceItem, text: "The reference item does not support this response: it is not a meeting request or a calendar item."}
		}
		if err != nil {
			setResult(msg, err)
			continue
		}
		// The attendee's calendar copy.
		cal := it
		var request *item
		if it.elem == "MeetingRequest" {
			request = it
			cal = nil
			if a := field(it.v, "AssociatedCalendarItemId"); isSet(a) {
				cal = s.items[a.Interface().(*ews.ItemIdType).Id]
			}
		}
		if cal != nil && cal.elem == "CalendarItem" {
			if f := field(cal.v, "IsOrganizer"); isSet(f) && f.Elem().Bool() {
				setResult(msg, &errMsg{code: ews.ResponseCodeErrorInvalidReferenceItem, text: "The organizer cannot respond to its own meeting."})
				continue
			}
		}
		var uid string
		var organizer *mailbox
		src := it.v
		if cal != nil {
			src = cal.v
		}
		if f := field(src, "UID"); isSet(f) {
			uid = f.Elem().String()
		}
		if f := field(src, "Organizer"); isSet(f) {
			organizer = s.mailboxOfEmail(f.Interface().(*ews.SingleRecipientType).Mailbox)
		}
		if cal != nil {
			setField(cal.v, "MyResponseType", kind)
			setField(cal.v, "AppointmentReplyTime", s.now())
			busy := ews.LegacyFreeBusyBusy
			if kind == ews.ResponseTypeTentative {
				busy = ews.LegacyFreeBusyTentative
			}
			setField(cal.v, "LegacyFreeBusyStatus", busy)
			s.touch(cal)
		}
		if request != nil {
			setField(request.v, "ResponseType", kind)
			setField(request.v, "MyResponseType", kind)
			s.touch(request)
			// Exchange moves the answered request to Deleted Items.
			s.place(request, request.mbx.dist["deleteditems"])
			s.touch(request)
		}
		if kind == ews.ResponseTypeDecline && cal != nil {
			s.place(cal, cal.mbx.dist["deleteditems"])
			s.touch(cal)
		}
		// The organizer's item and its attendee entry.
		if organizer != nil && uid != "" {
			for _, oit := range s.itemsIn(organizer.dist["calendar"]) {
				if f := field(oit.v, "UID"); !isSet(f) || f.Elem().String() != uid {
					continue
				}
				for _, l := range attendeeLists(oit.v) {
					for j := range l.Attendee {
						if a := l.Attendee[j].Mailbox; a != nil && s.mailboxOfEmail(a) == me {
							l.Attendee[j].ResponseType = ptr(kind)
							l.Attendee[j].LastResponseTime = ptr(s.now())
						}
					}
				}
				s.touch(oit)
			}
		}
		// The response message.
		rv := reflect.New(itemElems["MeetingResponse"])
		copyFields(rv, src)
		for _, n := range []string{"ItemId", "ParentFolderId", "ItemClass", "DateTimeCreated", "DateTimeReceived", "LastModifiedTime", "Size", "EffectiveRights", "MeetingRequestWasSent", "AssociatedCalendarItemId", "ReceivedBy", "Body"} {
			if f := field(rv, n); f.IsValid() {
				f.Set(reflect.Zero(f.Type()))
			}
		}
		copyFields(rv, reflect.ValueOf(x))
		prefix := map[ews.ResponseTypeType]string{ews.ResponseTypeAccept: "Accepted: ", ews.ResponseTypeTentative: "Tentative: ", ews.ResponseTypeDecline: "Declined: "}[kind]
		subj := ""
		if f := field(src, "Subject"); isSet(f) {
			subj = f.Elem().String()
		}
		setField(rv, "Subject", prefix+subj)
		setField(rv, "ItemClass", map[ews.ResponseTypeType]string{ews.ResponseTypeAccept: "IPM.Schedule.Meeting.Resp.Pos", ews.ResponseTypeTentative: "IPM.Schedule.Meeting.Resp.Tent", ews.ResponseTypeDecline: "IPM.Schedule.Meeting.Resp.Neg"}[kind])
		setField(rv, "ResponseType", kind)
		from := &ews.SingleRecipientType{Mailbox: recipientOf(me)}
		setField(rv, "From", from)
		setField(rv, "Sender", copyAny(from))
		if organizer != nil {
			setField(rv, "ToRecipients", &ews.ArrayOfRecipientsType{Items: []ews.ArrayOfRecipientsTypeChoice{recipientOf(organizer)}})
		}
		setResult(msg, nil)
		// As Exchange 2013 and later, the answer holds the ids of the
		// calendar item and of the meeting request answered.
		msg.Items = &ews.ArrayOfRealItemsType{}
		for _, x := range []*item{cal, request} {
			if x != nil && s.items[x.id] == x {
				msg.Items.List = append(msg.Items.List, idOnly(x))
			}
		}
		if disp == ews.MessageDispositionSaveOnly {
			setField(rv, "IsDraft", true)
			d := s.addItem(me.dist["drafts"], "MeetingResponse", rv)
			d.creator = me
			msg.Items.List = append(msg.Items.List, idOnly(d))
			continue
		}
		setField(rv, "IsDraft", false)
		setField(rv, "DateTimeSent", s.now())
		if organizer != nil {
			c := deepCopy(rv)
			setField(c, "IsRead", false)
			setField(c, "ReceivedBy", &ews.SingleRecipientType{Mailbox: recipientOf(organizer)})
			s.addItem(organizer.dist["inbox"], "MeetingResponse", c)
		}
		if disp == ews.MessageDispositionSendAndSaveCopy {
			setField(rv, "IsRead", true)
			s.addItem(me.dist["sentitems"], "MeetingResponse", rv).creator = me
		}
	}
	return &ews.CreateItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// cancelMeeting serves CancelCalendarItem: the organizer's meeting is
// cancelled and moved to Deleted Items; each attendee with a mailbox gets a
// MeetingCancellation in its Inbox and its calendar copy is marked
// cancelled (and free) until it removes it. Callers hold s.mu for writing.
func (s *Server) cancelMeeting(me *mailbox, x *ews.CancelCalendarItemType, disp ews.MessageDispositionType) ([]ews.ArrayOfRealItemsTypeChoice, *errMsg) {
	it, err := s.itemFor(me, x.ReferenceItemId, opDelete)
	if err != nil {
		return nil, err
	}
	if it.elem != "CalendarItem" {
		return nil, &errMsg{code: ews.ResponseCodeErrorInvalidReferenceItem, text: "The reference item is not a calendar item."}
	}
	if f := field(it.v, "IsOrganizer"); isSet(f) && !f.Elem().Bool() {
		return nil, &errMsg{code: ews.ResponseCodeErrorInvalidReferenceItem, text: "Only the organizer can cancel a meeting."}
	}
	if disp == ews.MessageDispositionSaveOnly {
		return nil, &errMsg{code: ews.ResponseCodeErrorInvalidOperation, text: "A meeting cancellation must be sent (SendOnly or SendAndSaveCopy)."}
	}
	var body *ews.BodyType
	if x.NewBodyContent != nil {
		body = &ews.BodyType{BodyType: x.NewBodyContent.BodyType, Value: x.NewBodyContent.Value}
	}
	s.sendCancellations(me, it, body, disp == ews.MessageDispositionSendAndSaveCopy)
	setField(it.v, "IsCancelled", true)
	if it.folder != it.mbx.dist["deleteditems"] {
		s.place(it, it.mbx.dist["deleteditems"])
	}
	s.touch(it)
	return []ews.ArrayOfRealItemsTypeChoice{idOnly(it)}, nil
}

// sendCancellations sends a MeetingCancellation for organizer me's meeting
// it to each attendee with a mailbox, marks the attendee's copy cancelled
// and free, and keeps a copy in Sent Items when saveCopy. Callers hold
// s.mu for writing.
func (s *Server) sendCancellations(me *mailbox, it *item, body *ews.BodyType, saveCopy bool) {
	subj := ""
	if f := field(it.v, "Subject"); isSet(f) {
		subj = f.Elem().String()
	}
	uid := ""
	if f := field(it.v, "UID"); isSet(f) {
		uid = f.Elem().String()
	}
	cancellation := func(to *mailbox, cal *item) reflect.Value {
		cv := reflect.New(itemElems["MeetingCancellation"])
		copyFields(cv, it.v)
		for _, n := range []string{"ItemId", "ParentFolderId", "ItemClass", "DateTimeCreated", "DateTimeReceived", "LastModifiedTime", "Size", "EffectiveRights", "AssociatedCalendarItemId", "ReceivedBy"} {
			if f := field(cv, n); f.IsValid() {
				f.Set(reflect.Zero(f.Type()))
			}
		}
		setField(cv, "Subject", "Canceled: "+subj)
		if body != nil {
			setField(cv, "Body", copyAny(body))
		}
		from := &ews.SingleRecipientType{Mailbox: recipientOf(me)}
		setField(cv, "From", from)
		setField(cv, "Sender", copyAny(from))
		setField(cv, "IsCancelled", true)
		setField(cv, "DateTimeSent", s.now())
		setField(cv, "IsDraft", false)
		if to != nil {
			setField(cv, "ReceivedBy", &ews.SingleRecipientType{Mailbox: recipientOf(to)})
			setField(cv, "IsRead", false)
		}
		if cal != nil {
			setField(cv, "AssociatedCalendarItemId", &ews.ItemIdType{Id: cal.id, ChangeKey: ptr(cal.changeKey())})
		}
		return cv
	}
	seen := map[*mailbox]bool{me: true}
	for _, l := range attendeeLists(it.v) {
		for _, a := range l.Attendee {
			m := s.mailboxOfEmail(a.Mailbox)
			if m == nil || seen[m] {
				continue
			}
			seen[m] = true
			var cal *item
			for _, c := range s.itemsIn(m.dist["calendar"]) {
				if f := field(c.v, "UID"); uid != "" && isSet(f) && f.Elem().String() == uid {
					cal = c
					setField(c.v, "IsCancelled", true)
					setField(c.v, "Subject", "Canceled: "+subj)
					setField(c.v, "LegacyFreeBusyStatus", ews.LegacyFreeBusyFree)
					s.touch(c)
				}
			}
			s.addItem(m.dist["inbox"], "MeetingCancellation", cancellation(m, cal))
		}
	}
	if saveCopy {
		cv := cancellation(nil, nil)
		setField(cv, "IsRead", true)
		s.addItem(me.dist["sentitems"], "MeetingCancellation", cv).creator = me
	}
}

// removeCancelled serves RemoveItem: an attendee removes the cancelled
// meeting a MeetingCancellation refers to from its calendar; the
// cancellation goes to Deleted Items. The answer holds the id of the
// calendar item removed (else of the cancellation). Callers hold s.mu for
// writing.
func (s *Server) removeCancelled(me *mailbox, ref *ews.ItemIdType) ([]ews.ArrayOfRealItemsTypeChoice, *errMsg) {
	it, err := s.itemFor(me, ref, opDelete)
	if err != nil {
		return nil, err
	}
	if it.elem != "MeetingCancellation" {
		return nil, &errMsg{code: ews.ResponseCodeErrorInvalidReferenceItem, text: "RemoveItem refers to a meeting cancellation."}
	}
	ids := []ews.ArrayOfRealItemsTypeChoice{idOnly(it)}
	if a := field(it.v, "AssociatedCalendarItemId"); isSet(a) {
		if cal := s.items[a.Interface().(*ews.ItemIdType).Id]; cal != nil && cal.mbx == it.mbx && cal.folder != cal.mbx.dist["deleteditems"] {
			s.place(cal, cal.mbx.dist["deleteditems"])
			s.touch(cal)
			ids[0] = idOnly(cal)
		}
	}
	if it.folder != it.mbx.dist["deleteditems"] {
		s.place(it, it.mbx.dist["deleteditems"])
		s.touch(it)
	}
	return ids, nil
}
