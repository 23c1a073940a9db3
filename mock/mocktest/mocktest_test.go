package mocktest

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain builds ewsmock once for the tests of this package and names it
// in $EWSMOCK (a downstream module gets it from its tool line instead).
func TestMain(m *testing.M) {
	if os.Getenv("EWSMOCK") == "" {
		dir, err := os.MkdirTemp("", "mocktest-")
		if err != nil {
			panic(err)
		}
		bin := filepath.Join(dir, "ewsmock")
		cmd := exec.Command("go", "build", "-o", bin, "github.com/ewsgen/ewsgen/cmd/ewsmock")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			os.RemoveAll(dir)
			panic("building ewsmock: " + err.Error())
		}
		os.Setenv("EWSMOCK", bin)
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

const getInbox = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
<soap:Body><m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>
<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder></soap:Body></soap:Envelope>`

func post(t *testing.T, url, user, password string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", url, strings.NewReader(getInbox))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://schemas.microsoft.com/exchange/services/2006/messages/GetFolder"`)
	if user != "" {
		req.SetBasicAuth(user, password)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, string(b)
}

// Start runs ewsmock with the flags given and returns an endpoint that
// answers EWS requests; the process is gone once the test that started it
// has ended.
func TestStartAndStop(t *testing.T) {
	var url string
	t.Run("running", func(t *testing.T) {
		srv := Start(t, "--user", "alice", "--password", "secret")
		url = srv.URL
		if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/EWS/Exchange.asmx") {
			t.Fatalf("URL = %q", url)
		}
		code, body := post(t, url, "alice", "secret")
		if code != 200 || !strings.Contains(body, "GetFolderResponseMessage") || !strings.Contains(body, `ResponseClass="Success"`) {
			t.Errorf("GetFolder: HTTP %d\n%.600s", code, body)
		}
		if code, _ := post(t, url, "alice", "wrong"); code != http.StatusUnauthorized {
			t.Errorf("wrong password: HTTP %d, want 401", code)
		}
	})
	if url == "" {
		return
	}
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Get(url)
	if err == nil {
		resp.Body.Close()
		t.Errorf("ewsmock still answers at %s after the test's cleanup", url)
	}
}

// Flags ewsmock refuses make Start fail with its message.
func TestStartBadFlag(t *testing.T) {
	bin, err := Binary()
	if err != nil {
		t.Fatal(err)
	}
	_, err = start(bin, []string{"--user", "alice"})
	if err == nil || !strings.Contains(err.Error(), "--user and --password go together") {
		t.Errorf("err = %v, want ewsmock's message", err)
	}
}

// A missing $EWSMOCK is named in the error.
func TestBinaryFromEnvMissing(t *testing.T) {
	t.Setenv("EWSMOCK", filepath.Join(t.TempDir(), "nothere"))
	if _, err := findBinary(); err == nil || !strings.Contains(err.Error(), "$EWSMOCK") {
		t.Errorf("err = %v, want one naming $EWSMOCK", err)
	}
}

// The package compiles no EWS package: neither generated/ews nor mock is
// among its dependencies.
func TestNoEWSPackageCompiled(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "github.com/ewsgen/ewsgen/generated/ews" || p == "github.com/ewsgen/ewsgen/mock" {
			t.Errorf("mocktest depends on %s", p)
		}
	}
}
