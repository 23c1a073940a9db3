package auth_test

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsgen/ewsgen/auth"
)

// writeKrb5Conf writes a krb5.conf whose realm's KDC is a closed loopback
// port, so a login attempt fails at once.
func writeKrb5Conf(t *testing.T, defaultRealm bool) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	conf := "[libdefaults]\n\tdns_lookup_kdc = false\n\tudp_preference_limit = 1\n"
	if defaultRealm {
		conf += "\tdefault_realm = EXAMPLE.TEST\n"
	}
	conf += "[realms]\n\tEXAMPLE.TEST = {\n\t\tkdc = " + addr + "\n\t}\n"
	p := filepath.Join(t.TempDir(), "krb5.conf")
	if err := os.WriteFile(p, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestNegotiateConstructors(t *testing.T) {
	conf := auth.NegotiateKrb5Conf(writeKrb5Conf(t, false))
	if _, err := auth.NegotiatePassword("alice", "pw", nil, conf); err == nil || !strings.Contains(err.Error(), "default_realm") {
		t.Errorf("principal without realm: err %v", err)
	}
	if _, err := auth.NegotiatePassword("alice", "pw", nil, auth.NegotiateKrb5Conf(filepath.Join(t.TempDir(), "missing.conf"))); err == nil || !strings.Contains(err.Error(), "missing.conf") {
		t.Errorf("missing krb5.conf: err %v", err)
	}
	if _, err := auth.NegotiateKeytab("alice@EXAMPLE.TEST", filepath.Join(t.TempDir(), "none.keytab"), nil, conf); err == nil || !strings.Contains(err.Error(), "none.keytab") {
		t.Errorf("missing keytab: err %v", err)
	}
	t.Setenv("KRB5CCNAME", "KEYRING:persistent:0")
	if _, err := auth.NegotiateCCache(nil, conf); err == nil || !strings.Contains(err.Error(), "only FILE caches") {
		t.Errorf("keyring cache: err %v", err)
	}
	missing := filepath.Join(t.TempDir(), "krb5cc")
	t.Setenv("KRB5CCNAME", "FILE:"+missing)
	if _, err := auth.NegotiateCCache(nil, conf); err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "kinit") {
		t.Errorf("missing cache: err %v", err)
	}
	if _, err := auth.Negotiate(nil, nil); err == nil {
		t.Error("Negotiate(nil) gave no error")
	}
}

// TestNegotiateWithoutChallenge checks that requests the server does not
// challenge with Negotiate pass unchanged, without contacting the KDC, and
// that a challenge with an unreachable KDC fails clearly and quickly.
func TestNegotiateWithoutChallenge(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("Authorization") != "" {
			t.Error("request carried an Authorization header")
		}
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/basic":
			w.Header().Set("WWW-Authenticate", `Basic realm="x"`)
			w.WriteHeader(http.StatusUnauthorized)
		case "/negotiate":
			w.Header().Add("WWW-Authenticate", "NTLM")
			w.Header().Add("WWW-Authenticate", "Negotiate")
			w.WriteHeader(http.StatusUnauthorized)
		}
		w.Write(body)
	}))
	defer srv.Close()
	rt, err := auth.NegotiatePassword("alice", "s3cret pw", nil, auth.NegotiateKrb5Conf(writeKrb5Conf(t, true)), auth.AllowPlainHTTP())
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Transport: rt, Timeout: 30 * time.Second}
	for _, tc := range []struct {
		path   string
		status int
	}{{"/open", http.StatusOK}, {"/basic", http.StatusUnauthorized}} {
		hits.Store(0)
		status, got, err := post(t, c, srv.URL+tc.path, "payload", true)
		if err != nil || status != tc.status || got != "payload" || hits.Load() != 1 {
			t.Errorf("%s: status %d, %q, %v, %d requests; want %d, the body, one request", tc.path, status, got, err, hits.Load(), tc.status)
		}
	}
	hits.Store(0)
	start := time.Now()
	_, _, err = post(t, c, srv.URL+"/negotiate", "payload", true)
	if !errors.Is(err, auth.ErrKerberosLogin) || !strings.Contains(err.Error(), "alice@EXAMPLE.TEST") || strings.Contains(err.Error(), "s3cret pw") {
		t.Errorf("err %v, want ErrKerberosLogin naming alice@EXAMPLE.TEST", err)
	}
	t.Logf("unreachable KDC: %v", err)
	if d := time.Since(start); d > 20*time.Second || hits.Load() != 1 {
		t.Errorf("took %v and %d requests", d, hits.Load())
	}
	for _, s := range []string{fmt.Sprintf("%v", rt), fmt.Sprintf("%+v", rt), fmt.Sprintf("%#v", rt)} {
		if strings.Contains(s, "s3cret pw") {
			t.Errorf("printed the password: %s", s)
		}
	}
}
