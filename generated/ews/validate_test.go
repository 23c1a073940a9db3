package ews

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// validFindItem is a FindItem request that satisfies the schema.
func validFindItem() *FindItem {
	return &FindItem{
		Traversal: ItemQueryTraversalShallow,
		ItemShape: &ItemResponseShapeType{BaseShape: DefaultShapeNamesIdOnly},
		ParentFolderIds: &NonEmptyArrayOfBaseFolderIdsType{Items: []NonEmptyArrayOfBaseFolderIdsTypeChoice{
			&DistinguishedFolderIdType{Id: DistinguishedFolderIdNameInbox},
		}},
	}
}

// invalidRequests are requests Exchange refuses with ErrorSchemaValidation,
// each with the path its first problem names.
func invalidRequests() []struct {
	name string
	req  BodyElement
	path string
	msg  string
} {
	noShape := validFindItem()
	noShape.ItemShape = nil
	noTraversal := validFindItem()
	noTraversal.Traversal = ""
	badID := validFindItem()
	badID.ParentFolderIds.Items[0] = &DistinguishedFolderIdType{Id: "Inbox"}
	return []struct {
		name string
		req  BodyElement
		path string
		msg  string
	}{
		{"FindItem without ItemShape", noShape, "/FindItem/ItemShape", "required element ItemShape is missing"},
		{"GetItem without ItemIds", &GetItem{ItemShape: &ItemResponseShapeType{BaseShape: DefaultShapeNamesIdOnly}}, "/GetItem/ItemIds", "required element ItemIds is missing"},
		{"DistinguishedFolderId Inbox", badID, "/FindItem/ParentFolderIds/DistinguishedFolderId/@Id", `value "Inbox" is not one of the values of DistinguishedFolderIdNameType`},
		{"FindItem without Traversal", noTraversal, "/FindItem/@Traversal", "required attribute Traversal is missing"},
	}
}

func TestValidateRequests(t *testing.T) {
	if err := Validate(validFindItem()); err != nil {
		t.Fatalf("valid FindItem: %v", err)
	}
	for _, tc := range invalidRequests() {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(tc.req)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want a *ValidationError", err)
			}
			if len(ve.Problems) != 1 || ve.Problems[0].Path != tc.path || !strings.HasPrefix(ve.Problems[0].Message, tc.msg) {
				t.Fatalf("problems = %+v, want one at %s: %s", ve.Problems, tc.path, tc.msg)
			}
		})
	}
}

// recordingService counts the requests that reach the implementation.
type recordingService struct {
	UnimplementedService
	calls int
}

func (s *recordingService) FindItem(ctx context.Context, req *FindItem) (*FindItemResponse, error) {
	s.calls++
	return &FindItemResponse{}, nil
}

func (s *recordingService) GetItem(ctx context.Context, req *GetItem) (*GetItemResponse, error) {
	s.calls++
	return &GetItemResponse{}, nil
}

// call sends req through c's method for its operation.
func callFor(ctx context.Context, c *Client, req BodyElement) error {
	switch r := req.(type) {
	case *FindItem:
		_, err := c.FindItem(ctx, r)
		return err
	case *GetItem:
		_, err := c.GetItem(ctx, r)
		return err
	}
	panic("no call for request")
}

func TestValidationBothSides(t *testing.T) {
	svc := &recordingService{}
	var posts atomic.Int32
	h := NewHandler(svc)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		h.ServeHTTP(w, r)
	}))
	defer ts.Close()
	ctx := context.Background()
	checking := NewClient(ts.URL, ts.Client())
	trusting := NewClient(ts.URL, ts.Client(), WithoutValidation())
	if err := callFor(ctx, checking, validFindItem()); err != nil || svc.calls != 1 {
		t.Fatalf("valid FindItem: err %v, handler calls %d, want nil and 1", err, svc.calls)
	}
	for _, tc := range invalidRequests() {
		t.Run(tc.name, func(t *testing.T) {
			svc.calls = 0
			before := posts.Load()
			err := callFor(ctx, checking, tc.req)
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Problems[0].Path != tc.path {
				t.Fatalf("client with validation: %v, want a *ValidationError at %s", err, tc.path)
			}
			if posts.Load() != before {
				t.Fatalf("the invalid request was sent")
			}
			err = callFor(ctx, trusting, tc.req)
			var f *SOAPFault
			if !errors.As(err, &f) || f.ResponseCode() != "ErrorSchemaValidation" {
				t.Fatalf("server: %v, want an ErrorSchemaValidation fault", err)
			}
			if svc.calls != 0 {
				t.Fatalf("the handler was called %d times for an invalid request", svc.calls)
			}
			mx := f.Detail.String()
			for _, want := range []string{"LineNumber>", "LinePosition>", tc.path} {
				if !strings.Contains(mx, want) {
					t.Errorf("fault detail lacks %q:\n%s", want, mx)
				}
			}
			if strings.Contains(mx, "LineNumber>0<") {
				t.Errorf("fault detail has no line:\n%s", mx)
			}
		})
	}
}

// With WithoutRequestValidation the handler passes a request that breaks
// the contract to the implementation.
func TestWithoutRequestValidation(t *testing.T) {
	svc := &recordingService{}
	ts := httptest.NewServer(NewHandler(svc, WithoutRequestValidation()))
	defer ts.Close()
	trusting := NewClient(ts.URL, ts.Client(), WithoutValidation())
	for _, tc := range invalidRequests() {
		svc.calls = 0
		if err := callFor(context.Background(), trusting, tc.req); err != nil || svc.calls != 1 {
			t.Errorf("%s: err %v, handler calls %d, want nil and 1", tc.name, err, svc.calls)
		}
	}
}
