package mock

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
)

// TestNTLMLogin logs in with NTLM (the repository's auth.NTLM, over
// go-ntlmssp) against HTTPServer and against a plain httptest server:
// each user reaches its own mailbox, the connection stays authenticated
// after one handshake, and a wrong password gets 401.
func TestNTLMLogin(t *testing.T) {
	var mu sync.Mutex
	var failures []string
	srv := bigServer(t, 3, Options{Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures = append(failures, format)
	}})
	// authenticates counts the NTLM AUTHENTICATE messages the server gets.
	var authenticates int
	counted := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.Header.Get("Authorization"), "NTLM TlRMTVNTUAADAAAA") {
				mu.Lock()
				authenticates++
				mu.Unlock()
			}
			h.ServeHTTP(w, r)
		})
	}
	hs := srv.HTTPServer()
	hs.Handler = counted(hs.Handler)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	defer hs.Close()
	plain := httptest.NewServer(counted(srv.Handler()))
	defer plain.Close()

	for _, base := range []string{"http://" + ln.Addr().String(), plain.URL} {
		mu.Lock()
		authenticates = 0
		mu.Unlock()
		for _, u := range []struct{ login, password, mailbox string }{
			{`CONTOSO\alice`, "pa", "alice@example.com"},
			{"bob", "pb", "bob@example.com"},
		} {
			c := ews.NewClient(base+"/EWS/Exchange.asmx", &http.Client{Transport: auth.NTLM(u.login, u.password, nil, auth.AllowPlainHTTP())})
			for i := 0; i < 3; i++ {
				r, err := c.GetFolder(context.Background(), &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("inbox"))})
				if err != nil {
					t.Fatalf("%s as %s, call %d: %v (server log %v)", base, u.login, i, err, failures)
				}
				noErrors(t, r)
				id := folderOf(t, r.ResponseMessages.Items[0]).FolderId.Id
				srv.mu.RLock()
				owner := srv.folders[id].mbx.smtp
				srv.mu.RUnlock()
				if owner != u.mailbox {
					t.Errorf("%s logged in with NTLM reached the Inbox of %s", u.login, owner)
				}
			}
		}
		mu.Lock()
		n := authenticates
		mu.Unlock()
		t.Logf("%s: %d NTLM handshakes for 2 users x 3 calls", base, n)
		if n != 2 {
			t.Errorf("%d NTLM handshakes for 2 users x 3 calls, want 2: a connection stays authenticated", n)
		}
		bad := ews.NewClient(base+"/EWS/Exchange.asmx", &http.Client{Transport: auth.NTLM(`CONTOSO\alice`, "wrong", nil, auth.AllowPlainHTTP())})
		_, err := bad.GetFolder(context.Background(), &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly}, FolderIds: folderIds(dist("inbox"))})
		var he *ews.HTTPError
		if !errors.As(err, &he) || he.StatusCode != http.StatusUnauthorized {
			t.Errorf("NTLM with a wrong password: %v", err)
		}
		mu.Lock()
		if len(failures) == 0 || !strings.Contains(strings.Join(failures, "\n"), "authentication failed") {
			t.Errorf("the wrong password was not logged: %v", failures)
		}
		failures = nil
		mu.Unlock()
	}
}
