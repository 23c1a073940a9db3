package mock

import (
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// TestConversations: a thread of three messages (one a reply) in alice's
// Inbox is one conversation; its items are listed in date order, then
// marked read and moved as a whole.
func TestConversations(t *testing.T) {
	f := newFixture(t)
	for i, subj := range []string{"Budget", "RE: Budget", "Other topic", "Re: RE: budget"} {
		m := &ews.MessageType{Subject: ptr(subj), ToRecipients: &ews.ArrayOfRecipientsType{Items: []ews.ArrayOfRecipientsTypeChoice{&ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType("alice@example.com"))}}},
			Body: &ews.BodyType{BodyType: ews.BodyTypeText, Value: "part " + string(rune('0'+i))}}
		noErrors(t, must(f.bob.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSendAndSaveCopy), Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{m}}})))
	}
	fc := must(f.c.FindConversation(f.ctx, &ews.FindConversation{ParentFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, IndexedPageItemView: &ews.IndexedPageViewType{MaxEntriesReturned: ptr(int32(10)), BasePoint: ews.IndexBasePointBeginning}}))
	var budget *ews.ConversationType
	for _, x := range fc.Conversations.Items {
		c := x.(*ews.ConversationType)
		if *c.ConversationTopic == "Budget" {
			budget = c
		}
	}
	if budget == nil || *budget.MessageCount != 3 || *budget.UnreadCount != 3 || budget.UniqueSenders.String[0] != "Bob Jones" {
		t.Fatalf("conversations %+v", fc.Conversations.Items)
	}
	if *fc.TotalConversationsInView != 4 { // Budget, Other topic and the two seed messages
		t.Errorf("%d conversations in the Inbox, want 4", *fc.TotalConversationsInView)
	}
	gi := must(f.c.GetConversationItems(f.ctx, &ews.GetConversationItems{ItemShape: allShape(), FoldersToIgnore: folderIds(dist("sentitems")),
		Conversations: &ews.ArrayOfConversationRequestsType{Items: []ews.ArrayOfConversationRequestsTypeChoice{&ews.ConversationRequestType{ConversationId: budget.ConversationId}}}}))
	noErrors(t, gi)
	nodes := gi.ResponseMessages.Items[0].(*ews.GetConversationItemsResponseMessageType).Conversation.ConversationNodes.Items
	var subjects []string
	for _, n := range nodes {
		subjects = append(subjects, *n.(*ews.ConversationNodeType).Items.List[0].(*ews.MessageType).Subject)
	}
	if len(subjects) != 3 || subjects[0] != "Budget" || subjects[2] != "Re: RE: budget" {
		t.Errorf("conversation items %v", subjects)
	}
	act := must(f.c.ApplyConversationAction(f.ctx, &ews.ApplyConversationAction{ConversationActions: &ews.NonEmptyArrayOfApplyConversationActionType{ConversationAction: []ews.ConversationActionType{
		{Action: ews.ConversationActionTypeSetReadState, ConversationId: budget.ConversationId, ContextFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, IsRead: ptr(true)},
		{Action: ews.ConversationActionTypeMove, ConversationId: budget.ConversationId, ContextFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("inbox")}, DestinationFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("junkemail")}},
	}}}))
	noErrors(t, act)
	fc = must(f.c.FindConversation(f.ctx, &ews.FindConversation{ParentFolderId: &ews.TargetFolderIdType{DistinguishedFolderId: dist("junkemail")}}))
	if len(fc.Conversations.Items) != 1 {
		t.Fatalf("junk has %d conversations", len(fc.Conversations.Items))
	}
	if c := fc.Conversations.Items[0].(*ews.ConversationType); *c.MessageCount != 3 || *c.UnreadCount != 0 {
		t.Errorf("moved conversation: %d messages, %d unread", *c.MessageCount, *c.UnreadCount)
	}
}
