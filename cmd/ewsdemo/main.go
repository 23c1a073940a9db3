// Command ewsdemo shows the generated EWS client at work without an
// Exchange server and without the EWS schemas: it starts the in-memory
// ewsmock (package mock) on a loopback port, signs in as alice with HTTP
// Basic authentication, and does a few everyday tasks, printing what each
// returned:
//
//   - list the 10 newest messages of the Inbox, with subject and sender;
//   - create a draft;
//   - move the draft to the Inbox's "Projects" folder;
//   - add an IM contact to a group, remove it, and remove it again, which
//     fails with Exchange's ErrorInvalidImContactId as a typed error.
//
// Run it from the repository root:
//
//	go run ./cmd/ewsdemo
//
// It exits with status 1 when any step fails.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/mock"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ewsdemo:", err)
		os.Exit(1)
	}
}

// seed is alice's mailbox: twelve Inbox messages, one a day, and an Inbox
// subfolder.
func seed() *mock.Seed {
	senders := []string{"bob@example.com", "carol@example.com", "dave@example.com"}
	mb := mock.SeedMailbox{
		Address: "alice@example.com",
		Name:    "Alice Smith",
		Folders: []mock.SeedFolder{{Parent: "inbox", Name: "Projects"}},
	}
	for i := 1; i <= 12; i++ {
		mb.Items = append(mb.Items, mock.SeedItem{
			Folder:   "inbox",
			Subject:  fmt.Sprintf("Weekly report %d", i),
			Body:     "See the attached figures.",
			From:     senders[i%len(senders)],
			To:       []string{"alice@example.com"},
			Received: time.Date(2026, 3, i, 9, 30, 0, 0, time.UTC).Format(time.RFC3339),
		})
	}
	return &mock.Seed{Mailboxes: []mock.SeedMailbox{mb}}
}

// run starts the mock server, runs the tasks against it and stops it.
func run(w io.Writer) error {
	srv, err := mock.New(mock.Options{User: "alice", Password: "secret", Seed: seed()})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := srv.HTTPServer()
	go hs.Serve(ln)
	defer hs.Close()

	endpoint := "http://" + ln.Addr().String() + "/EWS/Exchange.asmx"
	fmt.Fprintf(w, "ewsmock listening at %s\n\n", endpoint)

	// Plain http is refused for credentials unless allowed: fine on
	// loopback, never across a network (use https there).
	hc := &http.Client{Transport: auth.Basic("alice", "secret", nil, auth.AllowPlainHTTP(), auth.PinOrigin(endpoint))}
	c := ews.NewClient(endpoint, hc,
		ews.WithRequestServerVersion(ews.ExchangeVersionExchange2016),
		ews.WithTimeout(30*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	if err := newestInbox(ctx, w, c, 10); err != nil {
		return err
	}
	draft, err := createDraft(ctx, w, c)
	if err != nil {
		return err
	}
	if err := moveToProjects(ctx, w, c, draft); err != nil {
		return err
	}
	return imContact(ctx, w, c)
}

// newestInbox prints the n newest Inbox messages: FindItem sorted by
// received time, newest first, one page of n.
func newestInbox(ctx context.Context, w io.Writer, c *ews.Client, n int32) error {
	resp, err := c.FindItem(ctx, &ews.FindItem{
		Traversal: ews.ItemQueryTraversalShallow,
		ItemShape: ews.Shape(ews.IdOnly, ews.UnindexedFieldURIItemSubject, ews.UnindexedFieldURIMessageFrom,
			ews.UnindexedFieldURIItemDateTimeReceived),
		IndexedPageItemView: ews.Page(0, int(n)),
		SortOrder:           ews.SortBy(ews.Field(ews.UnindexedFieldURIItemDateTimeReceived).Desc()),
		ParentFolderIds:     ews.FolderIDs(ews.Inbox),
	})
	if err != nil {
		return fmt.Errorf("listing the Inbox: %w", err)
	}
	if err := firstError(resp); err != nil {
		return fmt.Errorf("listing the Inbox: %w", err)
	}
	root := resp.ResponseMessages.Items[0].(*ews.FindItemResponseMessageType).RootFolder
	fmt.Fprintf(w, "The %d newest of %d messages in the Inbox:\n", n, deref(root.TotalItemsInView))
	for _, it := range root.Items.List {
		m, ok := it.(*ews.MessageType)
		if !ok {
			continue
		}
		from := "(unknown sender)"
		if m.From != nil && m.From.Mailbox != nil && m.From.Mailbox.EmailAddress != nil {
			from = string(*m.From.Mailbox.EmailAddress)
		}
		received := ""
		if m.DateTimeReceived != nil {
			received = m.DateTimeReceived.Time().UTC().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "  %s  %-20s %s\n", received, from, deref(m.Subject))
	}
	fmt.Fprintln(w)
	return nil
}

// createDraft saves a new message in Drafts and returns its id.
func createDraft(ctx context.Context, w io.Writer, c *ews.Client) (*ews.ItemIdType, error) {
	msg := &ews.MessageType{
		Subject:      ews.Ptr("Project kickoff"),
		Body:         &ews.BodyType{BodyType: ews.BodyTypeText, Value: "Shall we meet on Monday?"},
		ToRecipients: ews.Recipients("bob@example.com"),
	}
	resp, err := c.CreateItem(ctx, &ews.CreateItem{
		MessageDisposition: ews.Ptr(ews.MessageDispositionSaveOnly),
		SavedItemFolderId:  ews.Folder(ews.Drafts),
		Items:              ews.Items(msg),
	})
	if err != nil {
		return nil, fmt.Errorf("creating a draft: %w", err)
	}
	if err := firstError(resp); err != nil {
		return nil, fmt.Errorf("creating a draft: %w", err)
	}
	rm := resp.ResponseMessages.Items[0].(*ews.CreateItemResponseMessage)
	m := rm.Items.List[0].(*ews.MessageType)
	fmt.Fprintf(w, "Created the draft %q in Drafts (id %.16s...)\n", *msg.Subject, m.ItemId.Id)
	return m.ItemId, nil
}

// moveToProjects finds the Inbox's "Projects" folder and moves the item
// there.
func moveToProjects(ctx context.Context, w io.Writer, c *ews.Client, id *ews.ItemIdType) error {
	ff, err := c.FindFolder(ctx, &ews.FindFolder{
		Traversal:       ews.FolderQueryTraversalShallow,
		FolderShape:     ews.FolderShape(ews.DefaultProperties),
		ParentFolderIds: ews.FolderIDs(ews.Inbox),
	})
	if err != nil {
		return fmt.Errorf("finding the Projects folder: %w", err)
	}
	if err := firstError(ff); err != nil {
		return fmt.Errorf("finding the Projects folder: %w", err)
	}
	var projects *ews.FolderIdType
	root := ff.ResponseMessages.Items[0].(*ews.FindFolderResponseMessageType).RootFolder
	for _, f := range root.Folders.Items {
		if f, ok := f.(*ews.FolderType); ok && f.DisplayName != nil && *f.DisplayName == "Projects" {
			projects = f.FolderId
		}
	}
	if projects == nil {
		return errors.New("the Inbox has no Projects folder")
	}
	mv, err := c.MoveItem(ctx, &ews.MoveItem{
		ToFolderId: &ews.TargetFolderIdType{FolderId: projects},
		ItemIds:    ews.ItemIDs(id),
	})
	if err != nil {
		return fmt.Errorf("moving the draft: %w", err)
	}
	if err := firstError(mv); err != nil {
		return fmt.Errorf("moving the draft: %w", err)
	}
	fmt.Fprintf(w, "Moved it to Inbox/Projects: %s\n\n", mv.ResponseMessages.Items[0].(*ews.MoveItemResponseMessage).ResponseClass)
	return nil
}

// imContact adds an IM contact to a new group, removes it, and removes it
// again: the second removal fails with ErrorInvalidImContactId, which
// errors.Is and errors.As recognise.
func imContact(ctx context.Context, w io.Writer, c *ews.Client) error {
	group, err := c.AddImGroup(ctx, &ews.AddImGroup{DisplayName: "Friends"})
	if err != nil {
		return fmt.Errorf("adding an IM group: %w", err)
	}
	contact, err := c.AddNewImContactToGroup(ctx, &ews.AddNewImContactToGroup{
		ImAddress: "sip:dave@example.com",
		GroupId:   group.ImGroup.ExchangeStoreId,
	})
	if err != nil {
		return fmt.Errorf("adding an IM contact: %w", err)
	}
	req := &ews.RemoveImContactFromGroup{ContactId: contact.Persona.PersonaId, GroupId: group.ImGroup.ExchangeStoreId}
	resp, err := c.RemoveImContactFromGroup(ctx, req)
	if err != nil {
		return fmt.Errorf("removing the IM contact: %w", err)
	}
	fmt.Fprintf(w, "RemoveImContactFromGroup: %s\n", resp.ResponseClass)

	_, err = c.RemoveImContactFromGroup(ctx, req)
	var re *ews.ResponseError
	switch {
	case errors.Is(err, ews.ResponseCodeErrorInvalidImContactId) && errors.As(err, &re):
		fmt.Fprintf(w, "RemoveImContactFromGroup again: %s (%s)\n", re.Code, re.Message)
	case err == nil:
		return errors.New("removing the IM contact twice succeeded")
	default:
		return fmt.Errorf("removing the IM contact twice: want ErrorInvalidImContactId, got %w", err)
	}
	return nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// firstError returns the first response message of resp that is an error,
// nil when there is none.
func firstError(resp ews.BodyElement) error {
	if errs := ews.ResponseErrors(resp); len(errs) > 0 {
		return errs[0]
	}
	return nil
}
