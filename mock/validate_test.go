package mock

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
)

// The requests Exchange refuses with ErrorSchemaValidation are refused
// here too: by the client before sending, and, with client validation
// off, by the mock with the same fault, without running the operation.
func TestInvalidRequestsRefused(t *testing.T) {
	f := newFixture(t)
	trusting := ews.NewClient(f.ts.URL+"/EWS/Exchange.asmx", &http.Client{Transport: auth.Basic("alice", "pw", nil, auth.AllowPlainHTTP())},
		ews.WithoutValidation(),
		ews.WithHeader(func(h *ews.EnvelopeHeader) {
			h.RequestServerVersion = &ews.RequestServerVersion{Version: ews.ExchangeVersionExchange2013SP1}
		}))
	shape := &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}
	cases := []struct {
		name, path string
		call       func(c *ews.Client) error
	}{
		{"FindItem without ItemShape", "/FindItem/ItemShape", func(c *ews.Client) error {
			_, err := c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ParentFolderIds: folderIds(dist("inbox"))})
			return err
		}},
		{"GetItem without ItemIds", "/GetItem/ItemIds", func(c *ews.Client) error {
			_, err := c.GetItem(f.ctx, &ews.GetItem{ItemShape: shape})
			return err
		}},
		{"DistinguishedFolderId Inbox", "/FindItem/ParentFolderIds/DistinguishedFolderId/@Id", func(c *ews.Client) error {
			_, err := c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: shape, ParentFolderIds: folderIds(dist("Inbox"))})
			return err
		}},
		{"FindItem without Traversal", "/FindItem/@Traversal", func(c *ews.Client) error {
			_, err := c.FindItem(f.ctx, &ews.FindItem{ItemShape: shape, ParentFolderIds: folderIds(dist("inbox"))})
			return err
		}},
		{"CreateItem with an unknown Importance", "/CreateItem/Items/Message/Importance", func(c *ews.Client) error {
			_, err := c.CreateItem(f.ctx, &ews.CreateItem{MessageDisposition: ptr(ews.MessageDispositionSaveOnly), Items: &ews.NonEmptyArrayOfAllItemsType{
				List: []ews.NonEmptyArrayOfAllItemsTypeChoice{&ews.MessageType{Subject: ptr("refused"), Importance: ptr(ews.ImportanceChoicesType("Urgent"))}}}})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var ve *ews.ValidationError
			if err := tc.call(f.c); !errors.As(err, &ve) || ve.Problems[0].Path != tc.path {
				t.Fatalf("client: %v, want a *ValidationError at %s", err, tc.path)
			}
			err := tc.call(trusting)
			var fault *ews.SOAPFault
			if !errors.As(err, &fault) || fault.ResponseCode() != "ErrorSchemaValidation" {
				t.Fatalf("mock: %v, want an ErrorSchemaValidation fault", err)
			}
			if d := fault.Detail.String(); !strings.Contains(d, tc.path) || !strings.Contains(d, "LineNumber>") {
				t.Errorf("fault detail does not name %s with a line:\n%s", tc.path, d)
			}
		})
	}
	// the refused CreateItem did not run: drafts, empty in the seed, are still empty
	ff := must(f.c.FindItem(f.ctx, &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow, ItemShape: shape, ParentFolderIds: folderIds(dist("drafts"))}))
	if n := len(itemsOf(ff.ResponseMessages.Items[0])); n != 0 {
		t.Errorf("drafts hold %d items after refused requests", n)
	}
}
