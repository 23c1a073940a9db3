package mock

import (
	"context"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// The IM list (unified contact store): groups, each holding contacts
// (personas). A new contact added without a group goes to Other Contacts.

const (
	imGroupUser  = "IPM.DistList.MOC.UserGroup"
	imGroupOther = "IPM.DistList.MOC.OtherContacts"
	imGroupDG    = "IPM.DistList.MOC.DG"
)

func (m *mailbox) group(id *ews.ItemIdType) *imGroup {
	if id == nil {
		return nil
	}
	return m.groupByID[id.Id]
}

func (m *mailbox) persona(id *ews.ItemIdType) *persona {
	if id == nil {
		return nil
	}
	return m.personaIdx[id.Id]
}

func (g *imGroup) has(p *persona) bool {
	for _, x := range g.members {
		if x == p {
			return true
		}
	}
	return false
}

func (g *imGroup) remove(p *persona) {
	for i, x := range g.members {
		if x == p {
			g.members = append(g.members[:i:i], g.members[i+1:]...)
			return
		}
	}
}

func (g *imGroup) out() *ews.ImGroupType {
	o := &ews.ImGroupType{
		DisplayName:     ews.NonEmptyStringType(g.name),
		GroupType:       ews.NonEmptyStringType(g.groupType),
		ExchangeStoreId: &ews.ItemIdType{Id: g.id, ChangeKey: ptr(changeKey(g.id, g.ver))},
	}
	if len(g.members) > 0 {
		o.MemberCorrelationKey = &ews.NonEmptyArrayOfItemIdsType{}
		for _, p := range g.members {
			o.MemberCorrelationKey.ItemId = append(o.MemberCorrelationKey.ItemId, ews.ItemIdType{Id: p.id, ChangeKey: ptr(changeKey(p.id, p.ver))})
		}
	}
	if g.smtp != "" {
		o.SmtpAddress = ptr(g.smtp)
	}
	return o
}

func (p *persona) out() *ews.PersonaType {
	o := &ews.PersonaType{
		PersonaId:    &ews.ItemIdType{Id: p.id},
		PersonaType:  ptr("Person"),
		CreationTime: ptr(ews.XSDateTimeOf(p.created.UTC().Truncate(1e9))),
		DisplayName:  ptr(p.name),
		ImAddress:    ptr(p.address),
	}
	if o.DisplayName == nil || *o.DisplayName == "" {
		o.DisplayName = ptr(strings.TrimPrefix(p.address, "sip:"))
	}
	o.DisplayNameFirstLast = o.DisplayName
	o.DisplayNameLastFirst = o.DisplayName
	o.FileAs = o.DisplayName
	addr := strings.TrimPrefix(p.address, "sip:")
	if strings.Contains(addr, "@") {
		o.EmailAddress = &ews.EmailAddressType{Name: ptr(addr), EmailAddress: ptr(ews.NonEmptyStringType(addr)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeMailbox)}
	}
	return o
}

// imMailbox returns the request's mailbox (the IM list is the actor's
// own) and locks the server for writing; the caller unlocks.
func (s *Server) imMailbox(ctx context.Context) (*mailbox, error) {
	m, err := s.actor(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	return m, nil
}

// imMailboxRead is imMailbox for reading; the caller read-unlocks.
func (s *Server) imMailboxRead(ctx context.Context) (*mailbox, error) {
	m, err := s.actor(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	return m, nil
}

// AddImGroup adds a group to the IM list.
func (s *Server) AddImGroup(ctx context.Context, req *ews.AddImGroup) (*ews.AddImGroupResponse, error) {
	m, ferr := s.imMailbox(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.Unlock()
	resp := &ews.AddImGroupResponse{}
	name := strings.TrimSpace(string(req.DisplayName))
	if name == "" {
		setResult(resp, &errMsg{code: ews.ResponseCodeErrorInvalidArgument, text: "The group display name is empty."})
		return resp, nil
	}
	for _, g := range m.imGroups {
		if strings.EqualFold(g.name, name) {
			setResult(resp, fail(ews.ResponseCodeErrorImGroupDisplayNameAlreadyExists))
			return resp, nil
		}
	}
	g := &imGroup{id: s.newID(m, kindImGroup), ver: 1, name: name, groupType: imGroupUser}
	m.addGroup(g)
	setResult(resp, nil)
	resp.ImGroup = g.out()
	return resp, nil
}

// AddNewImContactToGroup adds a contact to the IM list, in a group (Other
// Contacts when none is named).
func (s *Server) AddNewImContactToGroup(ctx context.Context, req *ews.AddNewImContactToGroup) (*ews.AddNewImContactToGroupResponse, error) {
	m, ferr := s.imMailbox(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.Unlock()
	resp := &ews.AddNewImContactToGroupResponse{}
	addr := strings.TrimSpace(string(req.ImAddress))
	if addr == "" {
		setResult(resp, &errMsg{code: ews.ResponseCodeErrorInvalidArgument, text: "The IM address is empty."})
		return resp, nil
	}
	g := m.imGroups[0]
	if req.GroupId != nil {
		if g = m.group(req.GroupId); g == nil || g.groupType == imGroupDG {
			setResult(resp, fail(ews.ResponseCodeErrorInvalidImGroupId))
			return resp, nil
		}
	}
	p := &persona{id: s.newID(m, kindPersona), ver: 1, address: addr, created: s.opts.Now()}
	if req.DisplayName != nil {
		p.name = string(*req.DisplayName)
	}
	m.addPersona(p)
	g.members = append(g.members, p)
	g.ver++
	setResult(resp, nil)
	resp.Persona = p.out()
	return resp, nil
}

// AddImContactToGroup adds an existing IM contact to a group.
func (s *Server) AddImContactToGroup(ctx context.Context, req *ews.AddImContactToGroup) (*ews.AddImContactToGroupResponse, error) {
	m, ferr := s.imMailbox(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.Unlock()
	resp := &ews.AddImContactToGroupResponse{}
	p := m.persona(req.ContactId)
	if p == nil {
		setResult(resp, fail(ews.ResponseCodeErrorInvalidImContactId))
		return resp, nil
	}
	g := m.imGroups[0]
	if req.GroupId != nil {
		if g = m.group(req.GroupId); g == nil || g.groupType == imGroupDG {
			setResult(resp, fail(ews.ResponseCodeErrorInvalidImGroupId))
			return resp, nil
		}
	}
	if !g.has(p) {
		g.members = append(g.members, p)
		g.ver++
	}
	setResult(resp, nil)
	return resp, nil
}

// RemoveImContactFromGroup removes a contact from a group; a contact that
// is not in the group is ErrorInvalidImContactId.
func (s *Server) RemoveImContactFromGroup(ctx context.Context, req *ews.RemoveImContactFromGroup) (*ews.RemoveImContactFromGroupResponse, error) {
	m, ferr := s.imMailbox(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.Unlock()
	resp := &ews.RemoveImContactFromGroupResponse{}
	g := m.group(req.GroupId)
	if g == nil {
		setResult(resp, fail(ews.ResponseCodeErrorInvalidImGroupId))
		return resp, nil
	}
	p := m.persona(req.ContactId)
	if p == nil || !g.has(p) {
		setResult(resp, fail(ews.ResponseCodeErrorInvalidImContactId))
		return resp, nil
	}
	g.remove(p)
	g.ver++
	setResult(resp, nil)
	return resp, nil
}

// RemoveImGroup removes a user group; its contacts stay in the IM list.
func (s *Server) RemoveImGroup(ctx context.Context, req *ews.RemoveImGroup) (*ews.RemoveImGroupResponse, error) {
	m, ferr := s.imMailbox(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.Unlock()
	resp := &ews.RemoveImGroupResponse{}
	g := m.group(req.GroupId)
	if g == nil || g.groupType != imGroupUser {
		setResult(resp, fail(ews.ResponseCodeErrorInvalidImGroupId))
		return resp, nil
	}
	m.removeGroup(g)
	setResult(resp, nil)
	return resp, nil
}

func (m *mailbox) removeGroup(g *imGroup) {
	delete(m.groupByID, g.id)
	for i, x := range m.imGroups {
		if x == g {
			m.imGroups = append(m.imGroups[:i:i], m.imGroups[i+1:]...)
			return
		}
	}
}

// SetImGroup renames a group.
func (s *Server) SetImGroup(ctx context.Context, req *ews.SetImGroup) (*ews.SetImGroupResponse, error) {
	m, ferr := s.imMailbox(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.Unlock()
	resp := &ews.SetImGroupResponse{}
	g := m.group(req.GroupId)
	if g == nil || g.groupType != imGroupUser {
		setResult(resp, fail(ews.ResponseCodeErrorInvalidImGroupId))
		return resp, nil
	}
	name := strings.TrimSpace(string(req.NewDisplayName))
	for _, o := range m.imGroups {
		if o != g && strings.EqualFold(o.name, name) {
			setResult(resp, fail(ews.ResponseCodeErrorImGroupDisplayNameAlreadyExists))
			return resp, nil
		}
	}
	if name == "" {
		setResult(resp, &errMsg{code: ews.ResponseCodeErrorInvalidArgument, text: "The group display name is empty."})
		return resp, nil
	}
	g.name = name
	g.ver++
	setResult(resp, nil)
	return resp, nil
}

// GetImItemList returns the whole IM list.
func (s *Server) GetImItemList(ctx context.Context, req *ews.GetImItemList) (*ews.GetImItemListResponse, error) {
	m, ferr := s.imMailboxRead(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.RUnlock()
	resp := &ews.GetImItemListResponse{}
	setResult(resp, nil)
	resp.ImItemList = imList(m.imGroups, m.personas)
	return resp, nil
}

func imList(groups []*imGroup, personas []*persona) *ews.ImItemListType {
	l := &ews.ImItemListType{}
	if len(groups) > 0 {
		l.Groups = &ews.ArrayOfImGroupType{}
		for _, g := range groups {
			l.Groups.Items = append(l.Groups.Items, g.out())
		}
	}
	if len(personas) > 0 {
		l.Personas = &ews.ArrayOfPeopleType{}
		for _, p := range personas {
			l.Personas.Items = append(l.Personas.Items, p.out())
		}
	}
	return l
}

// GetImItems returns the named contacts and groups.
func (s *Server) GetImItems(ctx context.Context, req *ews.GetImItems) (*ews.GetImItemsResponse, error) {
	n := 0
	for _, a := range []*ews.NonEmptyArrayOfBaseItemIdsType{req.GroupIds, req.ContactIds} {
		if a != nil {
			n += len(a.Items)
		}
	}
	if err := s.checkBatch(n); err != nil {
		return nil, err
	}
	m, ferr := s.imMailboxRead(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.RUnlock()
	resp := &ews.GetImItemsResponse{}
	var groups []*imGroup
	var personas []*persona
	for _, id := range itemIDs(req.GroupIds) {
		iid, _ := id.(*ews.ItemIdType)
		g := m.group(iid)
		if g == nil {
			setResult(resp, fail(ews.ResponseCodeErrorInvalidImGroupId))
			return resp, nil
		}
		groups = append(groups, g)
	}
	for _, id := range itemIDs(req.ContactIds) {
		iid, _ := id.(*ews.ItemIdType)
		p := m.persona(iid)
		if p == nil {
			setResult(resp, fail(ews.ResponseCodeErrorInvalidImContactId))
			return resp, nil
		}
		personas = append(personas, p)
	}
	setResult(resp, nil)
	resp.ImItemList = imList(groups, personas)
	return resp, nil
}

// AddDistributionGroupToImList adds a distribution group to the IM list.
func (s *Server) AddDistributionGroupToImList(ctx context.Context, req *ews.AddDistributionGroupToImList) (*ews.AddDistributionGroupToImListResponse, error) {
	m, ferr := s.imMailbox(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.Unlock()
	resp := &ews.AddDistributionGroupToImListResponse{}
	addr := strings.TrimPrefix(strings.TrimSpace(string(req.SmtpAddress)), "SMTP:")
	if !strings.Contains(addr, "@") || s.mailboxOfUser(addr) != nil {
		// Not an address, or a user's mailbox rather than a group.
		setResult(resp, fail(ews.ResponseCodeErrorInvalidImDistributionGroupSmtpAddress))
		return resp, nil
	}
	for _, g := range m.imGroups {
		if g.groupType == imGroupDG && strings.EqualFold(g.smtp, addr) {
			setResult(resp, nil)
			resp.ImGroup = g.out()
			return resp, nil
		}
	}
	name := string(req.DisplayName)
	if name == "" {
		name = addr
	}
	g := &imGroup{id: s.newID(m, kindImGroup), ver: 1, name: name, groupType: imGroupDG, smtp: addr}
	m.addGroup(g)
	setResult(resp, nil)
	resp.ImGroup = g.out()
	return resp, nil
}

// RemoveContactFromImList removes a contact from the IM list and from
// every group.
func (s *Server) RemoveContactFromImList(ctx context.Context, req *ews.RemoveContactFromImList) (*ews.RemoveContactFromImListResponse, error) {
	m, ferr := s.imMailbox(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.Unlock()
	resp := &ews.RemoveContactFromImListResponse{}
	p := m.persona(req.ContactId)
	if p == nil {
		setResult(resp, fail(ews.ResponseCodeErrorInvalidImContactId))
		return resp, nil
	}
	for _, g := range m.imGroups {
		if g.has(p) {
			g.remove(p)
			g.ver++
		}
	}
	delete(m.personaIdx, p.id)
	for i, x := range m.personas {
		if x == p {
			m.personas = append(m.personas[:i:i], m.personas[i+1:]...)
			break
		}
	}
	setResult(resp, nil)
	return resp, nil
}

// RemoveDistributionGroupFromImList removes a distribution group.
func (s *Server) RemoveDistributionGroupFromImList(ctx context.Context, req *ews.RemoveDistributionGroupFromImList) (*ews.RemoveDistributionGroupFromImListResponse, error) {
	m, ferr := s.imMailbox(ctx)
	if ferr != nil {
		return nil, ferr
	}
	defer s.mu.Unlock()
	resp := &ews.RemoveDistributionGroupFromImListResponse{}
	g := m.group(req.GroupId)
	if g == nil || g.groupType != imGroupDG {
		setResult(resp, fail(ews.ResponseCodeErrorInvalidImGroupId))
		return resp, nil
	}
	m.removeGroup(g)
	setResult(resp, nil)
	return resp, nil
}
