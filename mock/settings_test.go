package mock

import (
	"errors"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
)

func TestOofSettings(t *testing.T) {
	f := newFixture(t)
	got := must(f.c.GetUserOofSettings(f.ctx, &ews.GetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: "alice@example.com"}}))
	if got.OofSettings.OofState != ews.OofStateDisabled {
		t.Errorf("initial state %s", got.OofSettings.OofState)
	}
	set := &ews.UserOofSettings{OofState: ews.OofStateScheduled, ExternalAudience: ews.ExternalAudienceKnown,
		Duration:      &ews.Duration{StartTime: xsdt("2026-07-01T00:00:00Z"), EndTime: xsdt("2026-07-15T00:00:00Z")},
		InternalReply: &ews.ReplyBody{Message: ptr("On holiday")}, ExternalReply: &ews.ReplyBody{Message: ptr("Away")}}
	must(f.c.SetUserOofSettings(f.ctx, &ews.SetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: "alice@example.com"}, UserOofSettings: set}))
	got = must(f.c.GetUserOofSettings(f.ctx, &ews.GetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: "alice@example.com"}}))
	o := got.OofSettings
	if o.OofState != ews.OofStateScheduled || o.ExternalAudience != ews.ExternalAudienceKnown || *o.InternalReply.Message != "On holiday" || o.Duration.EndTime.String() != "2026-07-15T00:00:00Z" {
		t.Errorf("stored %+v", o)
	}
	bad := &ews.UserOofSettings{OofState: ews.OofStateScheduled, ExternalAudience: ews.ExternalAudienceKnown, Duration: &ews.Duration{StartTime: xsdt("2026-07-15T00:00:00Z"), EndTime: xsdt("2026-07-01T00:00:00Z")}}
	if _, err := f.c.SetUserOofSettings(f.ctx, &ews.SetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: "alice@example.com"}, UserOofSettings: bad}); !errors.Is(err, ews.ResponseCodeErrorInvalidScheduledOofDuration) {
		t.Errorf("reversed duration: %v", err)
	}
	if _, err := f.bob.GetUserOofSettings(f.ctx, &ews.GetUserOofSettingsRequest{Mailbox: &ews.EmailAddress{Address: "alice@example.com"}}); !errors.Is(err, ews.ResponseCodeErrorAccessDenied) {
		t.Errorf("bob reading alice's OOF: %v", err)
	}
}

func TestUserConfiguration(t *testing.T) {
	f := newFixture(t)
	name := func() *ews.UserConfigurationNameType {
		return &ews.UserConfigurationNameType{Name: "ewsmock.Test", DistinguishedFolderId: dist("inbox")}
	}
	dict := &ews.UserConfigurationDictionaryType{DictionaryEntry: []ews.UserConfigurationDictionaryEntryType{{
		DictionaryKey:   &ews.UserConfigurationDictionaryObjectType{Type: ews.UserConfigurationDictionaryObjectTypesString, Value: []string{"color"}},
		DictionaryValue: &ews.UserConfigurationDictionaryObjectType{Type: ews.UserConfigurationDictionaryObjectTypesString, Value: []string{"blue"}}}}}
	noErrors(t, must(f.c.CreateUserConfiguration(f.ctx, &ews.CreateUserConfiguration{UserConfiguration: &ews.UserConfigurationType{UserConfigurationName: name(), Dictionary: dict, XmlData: []byte("<a/>")}})))
	if c := codeOf(t)(bodyElem(f.c.CreateUserConfiguration(f.ctx, &ews.CreateUserConfiguration{UserConfiguration: &ews.UserConfigurationType{UserConfigurationName: name()}}))); c != "ErrorItemSave" {
		t.Errorf("second create: %s", c)
	}
	g := must(f.c.GetUserConfiguration(f.ctx, &ews.GetUserConfiguration{UserConfigurationName: name(), UserConfigurationProperties: ews.UserConfigurationPropertyType{ews.UserConfigurationPropertyTypeItemAll}}))
	uc := g.ResponseMessages.Items[0].(*ews.GetUserConfigurationResponseMessageType).UserConfiguration
	if uc.Dictionary.DictionaryEntry[0].DictionaryValue.Value[0] != "blue" || string(uc.XmlData) != "<a/>" || uc.ItemId == nil {
		t.Errorf("got %+v", uc)
	}
	noErrors(t, must(f.c.UpdateUserConfiguration(f.ctx, &ews.UpdateUserConfiguration{UserConfiguration: &ews.UserConfigurationType{UserConfigurationName: name(), BinaryData: []byte{1, 2, 3}}})))
	g = must(f.c.GetUserConfiguration(f.ctx, &ews.GetUserConfiguration{UserConfigurationName: name(), UserConfigurationProperties: ews.UserConfigurationPropertyType{ews.UserConfigurationPropertyTypeItemBinaryData}}))
	uc = g.ResponseMessages.Items[0].(*ews.GetUserConfigurationResponseMessageType).UserConfiguration
	if len(uc.BinaryData) != 3 || uc.Dictionary != nil || uc.XmlData != nil {
		t.Errorf("BinaryData only: %+v", uc)
	}
	noErrors(t, must(f.c.DeleteUserConfiguration(f.ctx, &ews.DeleteUserConfiguration{UserConfigurationName: name()})))
	if c := codeOf(t)(bodyElem(f.c.GetUserConfiguration(f.ctx, &ews.GetUserConfiguration{UserConfigurationName: name(), UserConfigurationProperties: ews.UserConfigurationPropertyType{ews.UserConfigurationPropertyTypeItemAll}}))); c != "ErrorItemNotFound" {
		t.Errorf("after delete: %s", c)
	}
}

func TestInboxRules(t *testing.T) {
	f := newFixture(t)
	rule := func(name string, prio int32) *ews.RuleType {
		return &ews.RuleType{DisplayName: name, Priority: prio, IsEnabled: true,
			Conditions: &ews.RulePredicatesType{ContainsSubjectStrings: &ews.ArrayOfStringsType{String: []string{name}}},
			Actions:    &ews.RuleActionsType{MarkAsRead: ptr(true)}}
	}
	ops := func(o ...ews.ArrayOfRuleOperationsTypeChoice) *ews.UpdateInboxRules {
		return &ews.UpdateInboxRules{RemoveOutlookRuleBlob: ptr(true), Operations: &ews.ArrayOfRuleOperationsType{Items: o}}
	}
	must(f.c.UpdateInboxRules(f.ctx, ops(&ews.CreateRuleOperationType{Rule: rule("second", 2)}, &ews.CreateRuleOperationType{Rule: rule("first", 1)})))
	got := must(f.c.GetInboxRules(f.ctx, &ews.GetInboxRules{MailboxSmtpAddress: ptr("alice@example.com")}))
	rs := got.InboxRules.Rule
	if len(rs) != 2 || rs[0].DisplayName != "first" || rs[1].DisplayName != "second" || rs[0].RuleId == nil || rs[0].Conditions.ContainsSubjectStrings.String[0] != "first" {
		t.Fatalf("rules %+v", rs)
	}
	changed := rs[1]
	changed.IsEnabled = false
	must(f.c.UpdateInboxRules(f.ctx, ops(&ews.SetRuleOperationType{Rule: &changed}, &ews.DeleteRuleOperationType{RuleId: *rs[0].RuleId})))
	rs = must(f.c.GetInboxRules(f.ctx, &ews.GetInboxRules{})).InboxRules.Rule
	if len(rs) != 1 || rs[0].DisplayName != "second" || rs[0].IsEnabled {
		t.Errorf("after set and delete: %+v", rs)
	}
	_, err := f.c.UpdateInboxRules(f.ctx, ops(&ews.DeleteRuleOperationType{RuleId: "no-such-rule"}))
	if !errors.Is(err, ews.ResponseCodeErrorInboxRulesValidationError) {
		t.Errorf("unknown rule id: %v", err)
	}
}

func TestRetentionTagsAndPasswordExpiry(t *testing.T) {
	f := newFixture(t)
	tags := must(f.c.GetUserRetentionPolicyTags(f.ctx, &ews.GetUserRetentionPolicyTags{}))
	if n := len(tags.RetentionPolicyTags.RetentionPolicyTag); n == 0 {
		t.Error("no retention tags")
	}
	p := must(f.c.GetPasswordExpirationDate(f.ctx, &ews.GetPasswordExpirationDate{}))
	if p.PasswordExpirationDate.Year < 2000 {
		t.Errorf("expiration %s", p.PasswordExpirationDate)
	}
}
