package ews

import (
	"errors"
	"strings"
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
