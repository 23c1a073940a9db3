package auth_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jcmturner/goidentity/v6"
	"github.com/jcmturner/gokrb5/v8/keytab"
	"github.com/jcmturner/gokrb5/v8/service"
	"github.com/jcmturner/gokrb5/v8/spnego"

	"github.com/ewsgen/ewsgen/auth"
)

const (
	kdcRealm    = "EWSGEN.TEST"
	kdcPassword = "correct horse 7!"
)

// testKDC is an MIT krb5kdc serving a throw-away realm on loopback.
type testKDC struct {
	dir        string
	krb5conf   string
	env        []string
	httpKeytab string // HTTP/localhost
	userKeytab string // svc-ews
	kinit      string
}

// kdcTool finds an MIT Kerberos program; when it is missing the test is
// skipped, or fails when EWSGEN_REQUIRE_KDC=1.
func kdcTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, dir := range []string{"/usr/sbin", "/usr/local/sbin"} {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	msg := name + " not found: install Debian's krb5-kdc, krb5-admin-server and krb5-user (auth/testdata/kdc/install.sh)"
	if os.Getenv("EWSGEN_REQUIRE_KDC") == "1" {
		t.Fatal(msg + "; EWSGEN_REQUIRE_KDC=1 requires them")
	}
	t.Skip(msg + "; set EWSGEN_REQUIRE_KDC=1 to fail instead of skipping")
	return ""
}

// run runs a Kerberos tool with the realm's environment, bounded in time.
func (k *testKDC) run(t *testing.T, stdin string, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = k.env
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
}

// freeLoopbackPort returns a port free for both TCP and UDP on 127.0.0.1.
func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	for range 20 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		u, err := net.ListenPacket("udp", "127.0.0.1:"+strconv.Itoa(port))
		l.Close()
		if err == nil {
			u.Close()
			return port
		}
	}
	t.Fatal("no loopback port free for both TCP and UDP")
	return 0
}

// startKDC creates a realm in a temporary folder, adds the principals,
// exports the keytabs and runs krb5kdc until the test ends.
func startKDC(t *testing.T) *testKDC {
	t.Helper()
	krb5kdc := kdcTool(t, "krb5kdc")
	kdb5util := kdcTool(t, "kdb5_util")
	kadmin := kdcTool(t, "kadmin.local")
	k := &testKDC{dir: t.TempDir(), kinit: kdcTool(t, "kinit")}
	k.krb5conf = filepath.Join(k.dir, "krb5.conf")
	k.httpKeytab = filepath.Join(k.dir, "http.keytab")
	k.userKeytab = filepath.Join(k.dir, "svc-ews.keytab")
	kdcConf := filepath.Join(k.dir, "kdc.conf")
	k.env = append(os.Environ(),
		"KRB5_CONFIG="+k.krb5conf,
		"KRB5_KDC_PROFILE="+kdcConf,
		"KRB5CCNAME=FILE:"+filepath.Join(k.dir, "tools.ccache"),
		"KRB5RCACHEDIR="+k.dir,
		"KRB5_TRACE=/dev/null",
	)

	var kdcErr error
	for attempt := 0; attempt < 3; attempt++ {
		port := freeLoopbackPort(t)
		k.writeConf(t, kdcConf, port)
		if attempt == 0 {
			k.run(t, "", kdb5util, "-r", kdcRealm, "create", "-s", "-P", "master key 3#")
			k.run(t, "", kadmin, "-r", kdcRealm, "-q", "addprinc +requires_preauth -pw \""+kdcPassword+"\" alice")
			k.run(t, "", kadmin, "-r", kdcRealm, "-q", "addprinc -randkey svc-ews")
			k.run(t, "", kadmin, "-r", kdcRealm, "-q", "addprinc -randkey HTTP/localhost")
			k.run(t, "", kadmin, "-r", kdcRealm, "-q", "ktadd -k "+k.httpKeytab+" HTTP/localhost")
			k.run(t, "", kadmin, "-r", kdcRealm, "-q", "ktadd -k "+k.userKeytab+" svc-ews")
		}
		if kdcErr = k.startDaemon(t, krb5kdc, port); kdcErr == nil {
			return k
		}
		t.Logf("krb5kdc on port %d: %v; retrying on another port", port, kdcErr)
	}
	t.Fatalf("krb5kdc did not start: %v", kdcErr)
	return nil
}

func (k *testKDC) writeConf(t *testing.T, kdcConf string, port int) {
	t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	krb5 := `[libdefaults]
	default_realm = ` + kdcRealm + `
	dns_lookup_realm = false
	dns_lookup_kdc = false
	rdns = false
	udp_preference_limit = 1
	ticket_lifetime = 1h
[realms]
	` + kdcRealm + ` = {
		kdc = ` + addr + `
	}
[domain_realm]
	localhost = ` + kdcRealm + `
	127.0.0.1 = ` + kdcRealm + `
`
	kdc := `[kdcdefaults]
	kdc_listen = ` + addr + `
	kdc_tcp_listen = ` + addr + `
[realms]
	` + kdcRealm + ` = {
		database_name = ` + filepath.Join(k.dir, "principal") + `
		key_stash_file = ` + filepath.Join(k.dir, "stash") + `
		acl_file = ` + filepath.Join(k.dir, "kadm5.acl") + `
		max_life = 1h
	}
[logging]
	kdc = FILE:` + filepath.Join(k.dir, "kdc.log") + `
	admin_server = FILE:` + filepath.Join(k.dir, "kadmind.log") + `
	default = FILE:` + filepath.Join(k.dir, "krb5.log") + `
`
	if err := os.WriteFile(k.krb5conf, []byte(krb5), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(kdcConf, []byte(kdc), 0o600); err != nil {
		t.Fatal(err)
	}
}

// startDaemon runs krb5kdc in the foreground and waits until it accepts
// TCP connections; the test's cleanup stops it.
func (k *testKDC) startDaemon(t *testing.T, krb5kdc string, port int) error {
	var out bytes.Buffer
	cmd := exec.Command(krb5kdc, "-n", "-r", kdcRealm)
	cmd.Env = k.env
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(k.dir, "kdc.log"))
			return fmt.Errorf("exited (%v): %s%s", err, out.String(), log)
		default:
		}
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), time.Second)
		if err == nil {
			c.Close()
			t.Cleanup(stop)
			return nil
		}
		if time.Now().After(deadline) {
			stop()
			return fmt.Errorf("not listening after 15s: %s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kerberosServer is an EWS stand-in accepting only SPNEGO-authenticated
// requests, checked against the HTTP/localhost keytab; it answers with the
// client's principal and the request body. unauthenticated counts the
// requests that came without an Authorization header.
func kerberosServer(t *testing.T, k *testKDC, unauthenticated *atomic.Int32) http.Handler {
	t.Helper()
	kt, err := keytab.Load(k.httpKeytab)
	if err != nil {
		t.Fatal(err)
	}
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := goidentity.FromHTTPRequestContext(r)
		if id == nil || !id.Authenticated() {
			http.Error(w, "no identity", http.StatusInternalServerError)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "%s@%s %s", id.UserName(), id.Domain(), body)
	})
	// MIT's KDC issues PACs without the Active Directory logon information
	// gokrb5 expects when it decodes them; this server needs none.
	h := spnego.SPNEGOKRB5Authenticate(inner, kt, service.DecodePAC(false),
		service.Logger(log.New(testLogWriter{t}, "spnego: ", 0)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			unauthenticated.Add(1)
		}
		h.ServeHTTP(w, r)
	})
}

// testLogWriter sends the server's log lines to the test log.
type testLogWriter struct{ t *testing.T }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// post sends body (without GetBody when opaque) and returns the status and
// response text.
func post(t *testing.T, c *http.Client, url, body string, opaque bool) (int, string, error) {
	t.Helper()
	var r io.Reader = strings.NewReader(body)
	if opaque {
		r = io.MultiReader(r)
	}
	req, err := http.NewRequest(http.MethodPost, url, r)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if req.Header.Get("Authorization") != "" {
		t.Error("the caller's request was modified")
	}
	return resp.StatusCode, string(b), nil
}

func TestNegotiateKDC(t *testing.T) {
	k := startKDC(t)
	conf := auth.NegotiateKrb5Conf(k.krb5conf)

	var unauth atomic.Int32
	srv := httptest.NewServer(kerberosServer(t, k, &unauth))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	// The default SPN, HTTP/localhost, comes from the host name.
	endpoint := "http://localhost:" + port + "/EWS/Exchange.asmx"

	// authenticated checks that rt gets through with user's identity, with
	// and without GetBody, and that only the first request took the 401
	// round.
	authenticated := func(t *testing.T, rt http.RoundTripper, user string) {
		t.Helper()
		unauth.Store(0)
		c := &http.Client{Transport: rt, Timeout: 30 * time.Second}
		for i, opaque := range []bool{true, false, true} {
			body := fmt.Sprintf("<soap:Envelope>%d</soap:Envelope>", i)
			status, got, err := post(t, c, endpoint, body, opaque)
			if err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
			if want := user + " " + body; status != http.StatusOK || got != want {
				t.Fatalf("request %d: status %d, %q; want 200, %q", i, status, got, want)
			}
		}
		if n := unauth.Load(); n != 1 {
			t.Errorf("%d requests went without a ticket, want 1 (the first, before the challenge)", n)
		}
	}

	t.Run("password", func(t *testing.T) {
		rt, err := auth.NegotiatePassword("alice", kdcPassword, nil, conf, auth.AllowPlainHTTP())
		if err != nil {
			t.Fatal(err)
		}
		authenticated(t, rt, "alice@"+kdcRealm)
		for _, s := range []string{fmt.Sprint(rt), fmt.Sprintf("%+v", rt), fmt.Sprintf("%#v", rt), fmt.Sprintf("%s", rt)} {
			if strings.Contains(s, kdcPassword) || !strings.Contains(s, "alice@"+kdcRealm) {
				t.Errorf("printed as %s", s)
			}
		}
	})

	t.Run("keytab", func(t *testing.T) {
		rt, err := auth.NegotiateKeytab("svc-ews@"+kdcRealm, k.userKeytab, nil, conf, auth.AllowPlainHTTP())
		if err != nil {
			t.Fatal(err)
		}
		authenticated(t, rt, "svc-ews@"+kdcRealm)
	})

	t.Run("ccache", func(t *testing.T) {
		cc := filepath.Join(t.TempDir(), "krb5cc")
		k.run(t, kdcPassword+"\n", k.kinit, "-c", "FILE:"+cc, "alice@"+kdcRealm)
		t.Setenv("KRB5CCNAME", "FILE:"+cc)
		rt, err := auth.NegotiateCCache(nil, conf, auth.AllowPlainHTTP())
		if err != nil {
			t.Fatal(err)
		}
		authenticated(t, rt, "alice@"+kdcRealm)
	})

	t.Run("wrong password", func(t *testing.T) {
		rt, err := auth.NegotiatePassword("alice", "not the password", nil, conf, auth.AllowPlainHTTP())
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = post(t, &http.Client{Transport: rt, Timeout: 30 * time.Second}, endpoint, "x", false)
		if !errors.Is(err, auth.ErrKerberosLogin) {
			t.Fatalf("err %v, want ErrKerberosLogin", err)
		}
		t.Logf("wrong password: %v", err)
		if msg := err.Error(); !strings.Contains(msg, "alice@"+kdcRealm) || !strings.Contains(msg, "KDC_ERR_PREAUTH_FAILED") || strings.Contains(msg, "not the password") {
			t.Errorf("unclear error: %v", err)
		}
	})

	t.Run("https with SPN override", func(t *testing.T) {
		tls := httptest.NewTLSServer(kerberosServer(t, k, &unauth))
		defer tls.Close()
		// The test certificate names 127.0.0.1, which is not the name of
		// the service principal.
		url := tls.URL + "/EWS/Exchange.asmx"
		rt, err := auth.NegotiatePassword("alice", kdcPassword, tls.Client().Transport, conf, auth.NegotiateSPN("HTTP/localhost"))
		if err != nil {
			t.Fatal(err)
		}
		status, got, err := post(t, &http.Client{Transport: rt, Timeout: 30 * time.Second}, url, "tls", true)
		if err != nil || status != http.StatusOK || got != "alice@"+kdcRealm+" tls" {
			t.Fatalf("status %d, %q, %v", status, got, err)
		}
		rt, err = auth.NegotiatePassword("alice", kdcPassword, tls.Client().Transport, conf)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = post(t, &http.Client{Transport: rt, Timeout: 30 * time.Second}, url, "tls", true)
		if !errors.Is(err, auth.ErrKerberosTicket) || !strings.Contains(err.Error(), "HTTP/127.0.0.1") {
			t.Fatalf("err %v, want ErrKerberosTicket naming HTTP/127.0.0.1", err)
		}
	})

	t.Run("plain http needs opting in", func(t *testing.T) {
		unauth.Store(0)
		rt, err := auth.NegotiatePassword("alice", kdcPassword, nil, conf)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = post(t, &http.Client{Transport: rt, Timeout: 30 * time.Second}, endpoint, "x", false)
		if !errors.Is(err, auth.ErrPlainHTTP) || unauth.Load() != 0 {
			t.Fatalf("err %v, %d requests sent; want ErrPlainHTTP and none", err, unauth.Load())
		}
	})

	t.Run("redirect to another origin", func(t *testing.T) {
		var otherHits atomic.Int32
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			otherHits.Add(1)
			if r.Header.Get("Authorization") != "" {
				t.Error("the other origin got an Authorization header")
			}
			w.Header().Set("WWW-Authenticate", "Negotiate")
			http.Error(w, "log in", http.StatusUnauthorized)
		}))
		defer other.Close()
		_, otherPort, _ := net.SplitHostPort(other.Listener.Addr().String())
		target := "http://localhost:" + otherPort + "/elsewhere"
		var redirected atomic.Int32
		spnegoSrv := kerberosServer(t, k, &unauth)
		first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/moved" && r.Header.Get("Authorization") != "" {
				redirected.Add(1)
				http.Redirect(w, r, target, http.StatusTemporaryRedirect)
				return
			}
			spnegoSrv.ServeHTTP(w, r)
		}))
		defer first.Close()
		_, firstPort, _ := net.SplitHostPort(first.Listener.Addr().String())
		ep := "http://localhost:" + firstPort
		for _, pin := range []bool{false, true} {
			opts := []auth.NegotiateOption{conf, auth.AllowPlainHTTP()}
			if pin {
				opts = append(opts, auth.PinOrigin(ep+"/EWS/Exchange.asmx"))
			}
			rt, err := auth.NegotiatePassword("alice", kdcPassword, nil, opts...)
			if err != nil {
				t.Fatal(err)
			}
			c := &http.Client{Transport: rt, Timeout: 30 * time.Second}
			// Authenticate once, so the next request carries a ticket
			// from the start and is redirected.
			if status, got, err := post(t, c, ep+"/", "hello", false); err != nil || status != http.StatusOK {
				t.Fatalf("pinned %v: status %d, %q, %v", pin, status, got, err)
			}
			redirected.Store(0)
			_, _, err = post(t, c, ep+"/moved", "hello", false)
			if redirected.Load() != 1 {
				t.Fatalf("pinned %v: the authenticated request was not redirected (%d)", pin, redirected.Load())
			}
			if !errors.Is(err, auth.ErrCrossOrigin) || otherHits.Load() != 0 {
				t.Errorf("pinned %v: err %v, %d requests reached the other origin; want ErrCrossOrigin and none", pin, err, otherHits.Load())
			}
		}
	})

	t.Run("long body without GetBody", func(t *testing.T) {
		rt, err := auth.NegotiateKeytab("svc-ews", k.userKeytab, nil, conf, auth.AllowPlainHTTP(), auth.NegotiateReplayLimit(16))
		if err != nil {
			t.Fatal(err)
		}
		unauth.Store(0)
		body := strings.Repeat("0123456789", 100)
		status, got, err := post(t, &http.Client{Transport: rt, Timeout: 30 * time.Second}, endpoint, body, true)
		if err != nil || status != http.StatusOK || got != "svc-ews@"+kdcRealm+" "+body {
			t.Fatalf("status %d, %.60q..., %v", status, got, err)
		}
		if n := unauth.Load(); n != 0 {
			t.Errorf("%d requests went without a ticket, want 0 (a body over the replay limit goes once, with a ticket)", n)
		}
	})
}
