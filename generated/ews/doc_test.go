package ews_test

import (
	"os/exec"
	"strings"
	"testing"
)

// goDoc runs go doc on this package.
func goDoc(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"doc"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go doc %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// The generated package documentation comes first in go doc's output and
// covers the client, authentication, errors, paging and validation.
func TestGoDocOverview(t *testing.T) {
	out := goDoc(t, ".")
	_, body, _ := strings.Cut(out, "\n\n")
	if !strings.HasPrefix(body, "Package ews is a client and a server of Exchange Web Services") {
		t.Errorf("go doc does not start with the overview:\n%.400s", out)
	}
	for _, h := range []string{"# Client", "# Authentication", "# Errors", "# Paging", "# Validation", "# Server", "FindItemAll", "*HTTPError", "*ValidationError"} {
		if !strings.Contains(out, h) {
			t.Errorf("go doc lacks %q", h)
		}
	}
}

// A Client method's doc names its request and response types and the
// request's required fields; an element type lists its fields.
func TestGoDocMethodAndElement(t *testing.T) {
	m := strings.Join(strings.Fields(goDoc(t, ".", "Client.FindItem")), " ")
	for _, w := range []string{"The request is a *FindItem (element m:FindItem); it must have Traversal (attribute, one of the ItemQueryTraversalType constants: \"Shallow\", \"SoftDeleted\", \"Associated\"), ItemShape and ParentFolderIds.", "The response is a *FindItemResponse (element m:FindItemResponse)."} {
		if !strings.Contains(m, w) {
			t.Errorf("go doc Client.FindItem lacks %q:\n%s", w, m)
		}
	}
	e := goDoc(t, ".", "FindItem")
	for _, w := range []string{"Its fields are those of FindItemType:", "ParentFolderIds             *NonEmptyArrayOfBaseFolderIdsType // element m:ParentFolderIds, required"} {
		if !strings.Contains(e, w) {
			t.Errorf("go doc FindItem lacks %q:\n%s", w, e)
		}
	}
}
