package generator

import (
	"slices"
	"testing"
)

// TestEWSHelperNeeds checks the names the EWS conveniences need from the
// package: schema types and constants and client code, never their own
// declarations, imported packages or field names.
func TestEWSHelperNeeds(t *testing.T) {
	needs := ewsHelperNeeds()
	t.Logf("%d names: %v", len(needs), needs)
	for _, n := range []string{"DistinguishedFolderIdNameInbox", "ArrayOfRealItemsTypeChoice", "Client", "ResponseMessages", "FieldURI"} {
		if !slices.Contains(needs, n) {
			t.Errorf("%s missing from the needs", n)
		}
	}
	for _, n := range []string{"Ptr", "FolderIDs", "ItemResult", "Item", "Err", "Time", "Context", "Seq2", "Id", "Items", "R", "T"} {
		if slices.Contains(needs, n) {
			t.Errorf("%s listed as needed", n)
		}
	}
}
