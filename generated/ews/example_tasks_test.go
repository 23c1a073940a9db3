package ews_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/mock"
)

// The examples below are everyday tasks against ewsmock, the in-memory
// Exchange stand-in. exampleClient starts one whose Inbox holds a few
// messages and whose IM list has a group with a contact.

// exampleSeed is the mailbox the examples work on.
var exampleSeed = &mock.Seed{Mailboxes: []mock.SeedMailbox{{
	Address: "alice@example.com", Name: "Alice Smith",
	Items: []mock.SeedItem{
		{Folder: "inbox", Subject: "Q3 figures", From: "bob@example.com", Received: "2024-05-01T09:00:00Z"},
		{Folder: "inbox", Subject: "Lunch on Friday", From: "carol@example.com", Received: "2024-05-02T12:30:00Z"},
		{Folder: "inbox", Subject: "Release notes", From: "dave@example.com", Received: "2024-05-03T08:15:00Z"},
	},
	IM: &mock.SeedIM{Groups: []mock.SeedIMGroup{{Name: "Team",
		Contacts: []mock.SeedIMContact{{Address: "sip:bob@example.com", Name: "Bob"}}}}},
}}}

// exampleClient starts an ewsmock server for alice and returns a client
// of it. The server stops when the example's test binary exits.
func exampleClient() (*ews.Client, context.Context) {
	srv, err := mock.New(mock.Options{Users: []mock.User{{Name: "alice", Password: "secret", Mailbox: "alice@example.com"}}, Seed: exampleSeed})
	if err != nil {
		log.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	hc := &http.Client{Transport: auth.Basic("alice", "secret", nil, auth.AllowPlainHTTP())}
	return ews.NewClient(ts.URL+"/EWS/Exchange.asmx", hc, ews.WithRequestServerVersion(ews.ExchangeVersionExchange2013)), context.Background()
}

// exampleInbox returns the ids of the Inbox messages, oldest first.
func exampleInbox(c *ews.Client, ctx context.Context) []*ews.ItemIdType {
	resp, err := ews.Check(c.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow,
		ParentFolderIds: ews.FolderIDs(ews.Inbox), ItemShape: ews.Shape(ews.IdOnly),
		SortOrder: ews.SortBy(ews.Field("item:DateTimeReceived").Asc())}))
	if err != nil {
		log.Fatal(err)
	}
	var ids []*ews.ItemIdType
	for _, m := range ews.Messages(resp) {
		ids = append(ids, m.GetItemId())
	}
	return ids
}

// exampleWithMessage returns a client and the id of its oldest Inbox
// message.
func exampleWithMessage() (*ews.Client, context.Context, *ews.ItemIdType) {
	c, ctx := exampleClient()
	return c, ctx, exampleInbox(c, ctx)[0]
}

// exampleIMContact returns the persona id of Bob and the id of the Team
// group he is in.
func exampleIMContact(c *ews.Client, ctx context.Context) (*ews.ItemIdType, *ews.ItemIdType) {
	resp, err := c.GetImItemList(ctx, &ews.GetImItemList{})
	if err != nil {
		log.Fatal(err)
	}
	var contact, group *ews.ItemIdType
	if l := resp.ImItemList; l != nil && l.Groups != nil && l.Personas != nil {
		for _, it := range l.Groups.Items {
			if g, ok := it.(*ews.ImGroupType); ok && g.DisplayName == "Team" {
				group = g.ExchangeStoreId
			}
		}
		for _, it := range l.Personas.Items {
			if p, ok := it.(*ews.PersonaType); ok && p.DisplayName != nil && *p.DisplayName == "Bob" {
				contact = p.PersonaId
			}
		}
	}
	if contact == nil || group == nil {
		log.Fatal("the IM list has no Team group or no Bob")
	}
	return contact, group
}

// exampleSubject returns the subject of an item.
func exampleSubject(c *ews.Client, ctx context.Context, id *ews.ItemIdType) string {
	rs, err := c.GetItems(ctx, &ews.GetItem{ItemShape: ews.Shape(ews.IdOnly, "item:Subject"), ItemIds: ews.ItemIDs(ews.ItemID(id.Id))})
	if err != nil || rs[0].Err != nil {
		log.Fatal(err, rs)
	}
	return rs[0].Message().GetSubject()
}

// The 10 newest Inbox messages with their subject and sender.
func Example_newestMessages() {
	c, ctx := exampleClient()
	resp, err := ews.Check(c.FindItem(ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow,
		ParentFolderIds: ews.FolderIDs(ews.Inbox), IndexedPageItemView: ews.Page(0, 10),
		ItemShape: ews.Shape(ews.IdOnly, "item:Subject", "message:From"), SortOrder: ews.SortBy(ews.Field("item:DateTimeReceived").Desc())}))
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range ews.Messages(resp) {
		fmt.Printf("%s (from %s)\n", m.GetSubject(), m.GetFrom().GetMailbox().GetName())
	}
	// Output:
	// Release notes (from Dave)
	// Lunch on Friday (from Carol)
	// Q3 figures (from Bob)
}

// An HTML draft to two recipients, saved in Drafts.
func Example_htmlDraft() {
	c, ctx := exampleClient()
	msg := &ews.MessageType{Subject: ews.Ptr("Agenda"), Body: ews.HTMLBody("<p>See you <b>at 10</b>.</p>"),
		ToRecipients: ews.Recipients("bob@example.com", "carol@example.com")}
	resp, err := ews.Check(c.CreateItem(ctx, &ews.CreateItem{MessageDisposition: ews.Ptr(ews.MessageDispositionSaveOnly),
		SavedItemFolderId: ews.Folder(ews.Drafts), Items: ews.Items(msg)}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("draft saved:", ews.ItemResults(resp)[0].Message().GetItemId() != nil)
	// Output:
	// draft saved: true
}

// Update the subject of a message.
func Example_updateSubject() {
	c, ctx, id := exampleWithMessage()
	subject := ews.SetItemField("item:Subject", &ews.MessageType{Subject: ews.Ptr("Q3 figures (final)")})
	if _, err := ews.Check(c.UpdateItem(ctx, &ews.UpdateItem{ConflictResolution: ews.ConflictResolutionAutoResolve, ItemChanges: ews.ItemChanges(id, subject)})); err != nil {
		log.Fatal(err)
	}
	fmt.Println(exampleSubject(c, ctx, id))
	// Output:
	// Q3 figures (final)
}

// Move a message to Deleted Items.
func Example_moveToDeletedItems() {
	c, ctx, id := exampleWithMessage()
	req := &ews.MoveItem{ToFolderId: ews.Folder(ews.DeletedItems), ItemIds: ews.ItemIDs(id)}
	if _, err := ews.Check(c.MoveItem(ctx, req)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(exampleInbox(c, ctx)), "messages left in the Inbox")
	// Output:
	// 2 messages left in the Inbox
}

// Remove a contact from an IM group; removing it again fails with a typed
// error, which errors.Is matches against its response code.
func Example_removeImContact() {
	c, ctx := exampleClient()
	contact, group := exampleIMContact(c, ctx)
	req := &ews.RemoveImContactFromGroup{ContactId: contact, GroupId: group}
	if _, err := c.RemoveImContactFromGroup(ctx, req); err != nil {
		log.Fatal(err)
	}
	_, err := c.RemoveImContactFromGroup(ctx, req)
	fmt.Println(errors.Is(err, ews.ResponseCodeErrorInvalidImContactId), err)
	// Output:
	// true ErrorInvalidImContactId: The IM contact is not in this IM group.
}

// GetItem on three ids, one of them invalid: one result per id, each with
// its item or its error.
func Example_getItemsPerItemErrors() {
	c, ctx := exampleClient()
	ids := exampleInbox(c, ctx)
	req := &ews.GetItem{ItemShape: ews.Shape(ews.IdOnly, "item:Subject"), ItemIds: ews.ItemIDs(ids[0], ews.ItemID("not-an-id"), ids[2])}
	results, err := c.GetItems(ctx, req)
	if err != nil {
		log.Fatal(err)
	}
	for i, r := range results {
		fmt.Printf("%d: %q %v\n", i, r.Message().GetSubject(), r.Err)
	}
	// Output:
	// 0: "Q3 figures" <nil>
	// 1: "" ErrorInvalidIdMalformed: The id cannot be decoded.
	// 2: "Release notes" <nil>
}
