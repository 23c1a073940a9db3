package mock

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Mailbox settings: Out of Office, user configurations (folder-associated
// dictionaries and blobs), Inbox rules, retention tags, password expiry.

// settingsOwner returns the mailbox a settings request names: the acting
// user's own, or another one the acting user may impersonate (what
// Exchange calls full access). Mailboxes and grants do not change once
// the server is built.
func (s *Server) settingsOwner(ctx context.Context, addr string) (*mailbox, *errMsg, error) {
	me, err := s.actor(ctx)
	if err != nil {
		return nil, nil, err
	}
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return me, nil, nil
	}
	m := s.mailboxOfUser(addr)
	if m == nil {
		return nil, fail(ews.ResponseCodeErrorNonExistentMailbox), nil
	}
	if m != me && !me.impersonateAll && !me.mayImpersonate[m] {
		return nil, &errMsg{code: ews.ResponseCodeErrorAccessDenied, text: "The user has no access to this mailbox's settings."}, nil
	}
	return m, nil, nil
}

// GetUserOofSettings returns the Out of Office settings of a mailbox
// (Disabled, with empty replies, until set).
func (s *Server) GetUserOofSettings(ctx context.Context, req *ews.GetUserOofSettingsRequest) (*ews.GetUserOofSettingsResponse, error) {
	addr := ""
	if req.Mailbox != nil {
		addr = req.Mailbox.Address
	}
	m, em, err := s.settingsOwner(ctx, addr)
	if err != nil {
		return nil, err
	}
	resp := &ews.GetUserOofSettingsResponse{ResponseMessage: &ews.ResponseMessageType{}}
	setResult(resp.ResponseMessage, em)
	if em != nil {
		return resp, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.cal.oof[m]
	if o == nil {
		now := s.opts.Now().UTC().Truncate(time.Hour)
		o = &ews.UserOofSettings{OofState: ews.OofStateDisabled, ExternalAudience: ews.ExternalAudienceAll,
			Duration:      &ews.Duration{StartTime: ews.XSDateTimeOf(now), EndTime: ews.XSDateTimeOf(now.Add(24 * time.Hour))},
			InternalReply: &ews.ReplyBody{Message: ptr("")}, ExternalReply: &ews.ReplyBody{Message: ptr("")}}
	}
	resp.OofSettings = copyAny(o)
	resp.AllowExternalOof = ptr(ews.ExternalAudienceAll)
	return resp, nil
}

// SetUserOofSettings stores the Out of Office settings. A Scheduled state
// needs a Duration that ends after it starts (ErrorInvalidScheduledOofDuration).
func (s *Server) SetUserOofSettings(ctx context.Context, req *ews.SetUserOofSettingsRequest) (*ews.SetUserOofSettingsResponse, error) {
	addr := ""
	if req.Mailbox != nil {
		addr = req.Mailbox.Address
	}
	m, em, err := s.settingsOwner(ctx, addr)
	if err != nil {
		return nil, err
	}
	resp := &ews.SetUserOofSettingsResponse{ResponseMessage: &ews.ResponseMessageType{}}
	o := req.UserOofSettings
	switch {
	case em != nil:
	case o == nil:
		em = &errMsg{code: ews.ResponseCodeErrorInvalidUserOofSettings, text: "UserOofSettings is required."}
	case o.OofState == ews.OofStateScheduled && (o.Duration == nil || !o.Duration.EndTime.Time().After(o.Duration.StartTime.Time())):
		em = &errMsg{code: ews.ResponseCodeErrorInvalidScheduledOofDuration, text: "A scheduled Out of Office needs a Duration whose EndTime is after its StartTime."}
	}
	setResult(resp.ResponseMessage, em)
	if em != nil {
		return resp, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cal.init()
	c := copyAny(o)
	if old := s.cal.oof[m]; old != nil {
		// Replies not given are kept, as Exchange keeps them.
		if c.InternalReply == nil {
			c.InternalReply = old.InternalReply
		}
		if c.ExternalReply == nil {
			c.ExternalReply = old.ExternalReply
		}
		if c.Duration == nil {
			c.Duration = old.Duration
		}
	}
	s.cal.oof[m] = c
	return resp, nil
}

// configFolder resolves the folder of a user configuration name. Callers
// hold s.mu.
func (s *Server) configFolder(me *mailbox, n *ews.UserConfigurationNameType, need need) (*folder, *errMsg) {
	if n == nil || strings.TrimSpace(string(n.Name)) == "" {
		return nil, &errMsg{code: ews.ResponseCodeErrorInvalidRequest, text: "The user configuration has no name."}
	}
	switch {
	case n.FolderId != nil:
		return s.folderFor(me, n.FolderId, need)
	case n.DistinguishedFolderId != nil:
		return s.folderFor(me, n.DistinguishedFolderId, need)
	}
	return nil, &errMsg{code: ews.ResponseCodeErrorInvalidRequest, text: "The user configuration name gives no folder."}
}

var errConfigNotFound = &errMsg{code: ews.ResponseCodeErrorItemNotFound, text: "The user configuration object was not found."}

// CreateUserConfiguration stores a new user configuration in a folder;
// the name must be new there (ErrorItemSave otherwise).
func (s *Server) CreateUserConfiguration(ctx context.Context, req *ews.CreateUserConfiguration) (*ews.CreateUserConfigurationResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	msg := &ews.CreateUserConfigurationResponseMessage{}
	resp := &ews.CreateUserConfigurationResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	uc := req.UserConfiguration
	if uc == nil {
		setResult(msg, &errMsg{code: ews.ResponseCodeErrorInvalidRequest, text: "UserConfiguration is required."})
		return resp, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cal.init()
	f, err := s.configFolder(me, uc.UserConfigurationName, needCreate)
	if err == nil && s.cal.configs[f][string(uc.UserConfigurationName.Name)] != nil {
		err = &errMsg{code: ews.ResponseCodeErrorItemSave, text: "The user configuration object already exists in this folder."}
	}
	setResult(msg, err)
	if err != nil {
		return resp, nil
	}
	c := copyAny(uc)
	c.UserConfigurationName = &ews.UserConfigurationNameType{Name: uc.UserConfigurationName.Name}
	c.ItemId = &ews.ItemIdType{Id: s.newID(f.mbx, kindItem)}
	c.ItemId.ChangeKey = ptr(changeKey(c.ItemId.Id, 1))
	if s.cal.configs[f] == nil {
		s.cal.configs[f] = map[string]*ews.UserConfigurationType{}
	}
	s.cal.configs[f][string(uc.UserConfigurationName.Name)] = c
	return resp, nil
}

// GetUserConfiguration returns the parts of a user configuration that
// UserConfigurationProperties asks for.
func (s *Server) GetUserConfiguration(ctx context.Context, req *ews.GetUserConfiguration) (*ews.GetUserConfigurationResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	msg := &ews.GetUserConfigurationResponseMessageType{}
	resp := &ews.GetUserConfigurationResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, err := s.configFolder(me, req.UserConfigurationName, needRead)
	var c *ews.UserConfigurationType
	if err == nil {
		if c = s.cal.configs[f][string(req.UserConfigurationName.Name)]; c == nil {
			err = errConfigNotFound
		}
	}
	setResult(msg, err)
	if err != nil {
		return resp, nil
	}
	want := map[ews.UserConfigurationPropertyTypeItem]bool{}
	for _, p := range req.UserConfigurationProperties {
		want[p] = true
	}
	all := want[ews.UserConfigurationPropertyTypeItemAll]
	out := &ews.UserConfigurationType{UserConfigurationName: copyAny(req.UserConfigurationName)}
	if all || want[ews.UserConfigurationPropertyTypeItemId] {
		out.ItemId = copyAny(c.ItemId)
	}
	if all || want[ews.UserConfigurationPropertyTypeItemDictionary] {
		out.Dictionary = copyAny(c.Dictionary)
	}
	if all || want[ews.UserConfigurationPropertyTypeItemXmlData] {
		out.XmlData = append([]byte(nil), c.XmlData...)
	}
	if all || want[ews.UserConfigurationPropertyTypeItemBinaryData] {
		out.BinaryData = append([]byte(nil), c.BinaryData...)
	}
	msg.UserConfiguration = out
	return resp, nil
}

// UpdateUserConfiguration replaces the parts of a user configuration the
// request carries.
func (s *Server) UpdateUserConfiguration(ctx context.Context, req *ews.UpdateUserConfiguration) (*ews.UpdateUserConfigurationResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	msg := &ews.UpdateUserConfigurationResponseMessage{}
	resp := &ews.UpdateUserConfigurationResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	uc := req.UserConfiguration
	if uc == nil {
		setResult(msg, &errMsg{code: ews.ResponseCodeErrorInvalidRequest, text: "UserConfiguration is required."})
		return resp, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.configFolder(me, uc.UserConfigurationName, needCreate)
	var c *ews.UserConfigurationType
	if err == nil {
		if c = s.cal.configs[f][string(uc.UserConfigurationName.Name)]; c == nil {
			err = errConfigNotFound
		}
	}
	setResult(msg, err)
	if err != nil {
		return resp, nil
	}
	if uc.Dictionary != nil {
		c.Dictionary = copyAny(uc.Dictionary)
	}
	if uc.XmlData != nil {
		c.XmlData = append([]byte(nil), uc.XmlData...)
	}
	if uc.BinaryData != nil {
		c.BinaryData = append([]byte(nil), uc.BinaryData...)
	}
	ver := 1
	if c.ItemId.ChangeKey != nil {
		ver = len(*c.ItemId.ChangeKey) // any new value will do
	}
	c.ItemId.ChangeKey = ptr(changeKey(c.ItemId.Id, ver+1))
	return resp, nil
}

// DeleteUserConfiguration removes a user configuration.
func (s *Server) DeleteUserConfiguration(ctx context.Context, req *ews.DeleteUserConfiguration) (*ews.DeleteUserConfigurationResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	msg := &ews.DeleteUserConfigurationResponseMessage{}
	resp := &ews.DeleteUserConfigurationResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.configFolder(me, req.UserConfigurationName, needCreate)
	if err == nil && s.cal.configs[f][string(req.UserConfigurationName.Name)] == nil {
		err = errConfigNotFound
	}
	setResult(msg, err)
	if err == nil {
		delete(s.cal.configs[f], string(req.UserConfigurationName.Name))
	}
	return resp, nil
}

// GetInboxRules lists the Inbox rules of a mailbox, by priority.
func (s *Server) GetInboxRules(ctx context.Context, req *ews.GetInboxRules) (*ews.GetInboxRulesResponse, error) {
	addr := ""
	if req.MailboxSmtpAddress != nil {
		addr = *req.MailboxSmtpAddress
	}
	m, em, err := s.settingsOwner(ctx, addr)
	if err != nil {
		return nil, err
	}
	resp := &ews.GetInboxRulesResponse{}
	setResult(resp, em)
	if em != nil {
		return resp, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	resp.OutlookRuleBlobExists = ptr(false)
	resp.InboxRules = &ews.ArrayOfRulesType{Rule: copyAny(s.cal.rules[m])}
	return resp, nil
}

// UpdateInboxRules applies CreateRuleOperation, SetRuleOperation and
// DeleteRuleOperation in order, all or nothing: a rule id that does not
// exist, a new rule that carries an id, or a rule without a display name
// fails the request with ErrorInboxRulesValidationError and the index of
// each failing operation.
func (s *Server) UpdateInboxRules(ctx context.Context, req *ews.UpdateInboxRules) (*ews.UpdateInboxRulesResponse, error) {
	addr := ""
	if req.MailboxSmtpAddress != nil {
		addr = *req.MailboxSmtpAddress
	}
	m, em, err := s.settingsOwner(ctx, addr)
	if err != nil {
		return nil, err
	}
	resp := &ews.UpdateInboxRulesResponse{}
	if em != nil {
		setResult(resp, em)
		return resp, nil
	}
	if req.Operations != nil && len(req.Operations.Items) > s.opts.Limits.MaxBatch {
		return nil, s.checkBatch(len(req.Operations.Items))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cal.init()
	rules := copyAny(s.cal.rules[m])
	seq := s.cal.ruleSeq
	var errs []ews.RuleOperationErrorType
	bad := func(i int, field ews.RuleFieldURIType, code ews.RuleValidationErrorCodeType, text, value string) {
		errs = append(errs, ews.RuleOperationErrorType{OperationIndex: int32(i), ValidationErrors: &ews.ArrayOfRuleValidationErrorsType{Error: []ews.RuleValidationErrorType{{FieldURI: field, ErrorCode: code, ErrorMessage: text, FieldValue: value}}}})
	}
	find := func(id string) int {
		for i, r := range rules {
			if r.RuleId != nil && *r.RuleId == id {
				return i
			}
		}
		return -1
	}
	if req.Operations != nil {
		for i, op := range req.Operations.Items {
			switch op := op.(type) {
			case *ews.CreateRuleOperationType:
				switch {
				case op.Rule == nil || strings.TrimSpace(op.Rule.DisplayName) == "":
					bad(i, ews.RuleFieldURIDisplayName, ews.RuleValidationErrorCodeEmptyValueFound, "The rule has no display name.", "")
				case op.Rule.RuleId != nil:
					bad(i, ews.RuleFieldURIRuleId, ews.RuleValidationErrorCodeCreateWithRuleId, "A new rule cannot carry a rule id.", *op.Rule.RuleId)
				default:
					r := copyAny(*op.Rule)
					seq++
					r.RuleId = ptr(strconv.Itoa(seq))
					rules = append(rules, r)
				}
			case *ews.SetRuleOperationType:
				j := -1
				if op.Rule != nil && op.Rule.RuleId != nil {
					j = find(*op.Rule.RuleId)
				}
				if j < 0 {
					v := ""
					if op.Rule != nil && op.Rule.RuleId != nil {
						v = *op.Rule.RuleId
					}
					bad(i, ews.RuleFieldURIRuleId, ews.RuleValidationErrorCodeRuleNotFound, "No rule has this id.", v)
					continue
				}
				rules[j] = copyAny(*op.Rule)
			case *ews.DeleteRuleOperationType:
				j := find(op.RuleId)
				if j < 0 {
					bad(i, ews.RuleFieldURIRuleId, ews.RuleValidationErrorCodeRuleNotFound, "No rule has this id.", op.RuleId)
					continue
				}
				rules = append(rules[:j:j], rules[j+1:]...)
			}
		}
	}
	if len(errs) > 0 {
		setResult(resp, &errMsg{code: ews.ResponseCodeErrorInboxRulesValidationError, text: "Validation error occurred when processing the rules."})
		resp.RuleOperationErrors = &ews.ArrayOfRuleOperationErrorsType{RuleOperationError: errs}
		return resp, nil
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].Priority < rules[j].Priority })
	for i := range rules {
		rules[i].Priority = int32(i + 1)
	}
	s.cal.rules[m] = rules
	s.cal.ruleSeq = seq
	setResult(resp, nil)
	return resp, nil
}

// retentionTags are the tags of the default retention policy Exchange
// Online assigns (MRM), with their well-known ids.
var retentionTags = []ews.RetentionPolicyTagType{
	{DisplayName: "1 Week Delete", RetentionId: "9a70c2e8-a0d7-4d71-9f58-8c3d5e1c0a01", RetentionPeriod: 7, Type: ews.ElcFolderAll, RetentionAction: ews.RetentionActionDeleteAndAllowRecovery, IsVisible: true},
	{DisplayName: "1 Month Delete", RetentionId: "9a70c2e8-a0d7-4d71-9f58-8c3d5e1c0a02", RetentionPeriod: 30, Type: ews.ElcFolderAll, RetentionAction: ews.RetentionActionDeleteAndAllowRecovery, IsVisible: true},
	{DisplayName: "1 Year Delete", RetentionId: "9a70c2e8-a0d7-4d71-9f58-8c3d5e1c0a03", RetentionPeriod: 365, Type: ews.ElcFolderAll, RetentionAction: ews.RetentionActionDeleteAndAllowRecovery, IsVisible: true},
	{DisplayName: "Never Delete", RetentionId: "9a70c2e8-a0d7-4d71-9f58-8c3d5e1c0a04", RetentionPeriod: 0, Type: ews.ElcFolderAll, RetentionAction: ews.RetentionActionNone, IsVisible: true},
	{DisplayName: "Default 2 year move to archive", RetentionId: "9a70c2e8-a0d7-4d71-9f58-8c3d5e1c0a05", RetentionPeriod: 730, Type: ews.ElcFolderAll, RetentionAction: ews.RetentionActionMoveToArchive, IsVisible: true, IsArchive: true},
}

// GetUserRetentionPolicyTags lists the retention tags of the user's
// policy: the same for every mailbox.
func (s *Server) GetUserRetentionPolicyTags(ctx context.Context, req *ews.GetUserRetentionPolicyTags) (*ews.GetUserRetentionPolicyTagsResponse, error) {
	if _, err := s.actor(ctx); err != nil {
		return nil, err
	}
	resp := &ews.GetUserRetentionPolicyTagsResponse{RetentionPolicyTags: &ews.ArrayOfRetentionPolicyTagsType{RetentionPolicyTag: copyAny(retentionTags)}}
	for i := range resp.RetentionPolicyTags.RetentionPolicyTag {
		resp.RetentionPolicyTags.RetentionPolicyTag[i].OptedInto = true
	}
	setResult(resp, nil)
	return resp, nil
}

// passwordLifetime is how long a password lasts: Exchange reports the
// domain's maximum password age (42 days is Active Directory's default),
// counted here from the first time the date is asked for.
const passwordLifetime = 42 * 24 * time.Hour

// GetPasswordExpirationDate returns when the user's password expires.
func (s *Server) GetPasswordExpirationDate(ctx context.Context, req *ews.GetPasswordExpirationDate) (*ews.GetPasswordExpirationDateResponse, error) {
	addr := ""
	if req.MailboxSmtpAddress != nil {
		addr = *req.MailboxSmtpAddress
	}
	m, em, err := s.settingsOwner(ctx, addr)
	if err != nil {
		return nil, err
	}
	resp := &ews.GetPasswordExpirationDateResponse{}
	setResult(resp, em)
	if em == nil {
		s.mu.Lock()
		s.cal.init()
		set, ok := s.cal.passwordSet[m]
		if !ok {
			set = s.opts.Now().UTC().Truncate(time.Second)
			s.cal.passwordSet[m] = set
			s.mutated()
		}
		s.mu.Unlock()
		resp.PasswordExpirationDate = ews.XSDateTimeOf(set.Add(passwordLifetime))
	}
	return resp, nil
}
