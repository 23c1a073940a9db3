package interop

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	user     = "alice"
	password = "interop-secret"
	mailbox  = "alice@example.com"
	other    = "bob@example.com"
	otherPW  = "bob-interop-secret"
)

// unavailable skips the test, or fails it when EWSGEN_REQUIRE_INTEROP=1.
func unavailable(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("EWSGEN_REQUIRE_INTEROP") == "1" {
		t.Fatal(msg + " (EWSGEN_REQUIRE_INTEROP=1 requires it; run interop/install.sh)")
	}
	t.Skip(msg + "; run interop/install.sh to install it")
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// ewsmockBinary builds cmd/ewsmock once per test binary.
func ewsmockBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ewsmock-interop")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "ewsmock")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		out, err := exec.Command("go", "build", "-o", binPath, "../cmd/ewsmock").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build ../cmd/ewsmock: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// mockServer is a running ewsmock.
type mockServer struct {
	url string
	mu  sync.Mutex
	log bytes.Buffer
}

func (m *mockServer) logText() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.log.String()
}

const seed = `{"users": [{"name": "bob", "password": "` + otherPW + `"}],
 "directory": {
  "distributionLists": [{"address": "team@example.com", "name": "Team", "members": ["alice@example.com", "bob@example.com", "partner@example.org"]}],
  "roomLists": [{"address": "building1@example.com", "name": "Building 1",
                 "rooms": [{"address": "room1@example.com", "name": "Room 1"}, {"address": "room2@example.com", "name": "Room 2"}]}]},
 "mailboxes": [
  {"address": "alice@example.com", "name": "Alice Smith",
   "folders": [{"parent": "inbox", "name": "Projects"}],
   "items": [
     {"folder": "inbox", "subject": "Welcome", "body": "Hello Alice", "from": "bob@example.com", "to": ["alice@example.com"], "received": "2024-05-01T10:00:00Z"},
     {"folder": "inbox/Projects", "subject": "Plan", "body": "The plan", "from": "bob@example.com", "to": ["alice@example.com"], "isRead": true, "received": "2024-05-02T10:00:00Z"}
   ],
   "im": {"groups": [{"name": "Team", "contacts": [{"address": "sip:bob@example.com", "name": "Bob Jones"}]}]}},
  {"address": "bob@example.com", "name": "Bob Jones"}
]}`

// startMock runs ewsmock with Basic credentials and a seed; it stops with
// the test.
func startMock(t *testing.T) *mockServer {
	t.Helper()
	bin := ewsmockBinary(t)
	seedFile := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(seedFile, []byte(seed), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--user", user, "--password", password, "--seed", seedFile, "--schemas", schemaDir())
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	m := &mockServer{}
	cmd.Stderr = writerFunc(func(p []byte) (int, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		return m.log.Write(p)
	})
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		io.Copy(io.Discard, stdout)
	}()
	select {
	case l, ok := <-lines:
		if !ok || !strings.HasPrefix(l, "http://") {
			t.Fatalf("ewsmock printed %q; log:\n%s", l, m.logText())
		}
		m.url = l
	case <-time.After(30 * time.Second):
		t.Fatal("ewsmock printed no URL in 30s")
	}
	return m
}

// schemaDir is the corpus schema folder when EWSGEN_CORPUS is set.
func schemaDir() string {
	if c := os.Getenv("EWSGEN_CORPUS"); c != "" {
		return filepath.Join(c, "schemas", "v2018_01_08")
	}
	return ""
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

var opLine = regexp.MustCompile(`^(OP|CHECK) (\S+) (OK|FAIL|XFAIL)\b ?(.*)$`)

// operations returns the EWS operations an OP line names:
// "Subscribe+GetEvents" names two, "CreateItem.MimeContent" one
// (CreateItem).
func operations(name string) []string {
	var out []string
	for _, p := range strings.Split(name, "+") {
		op, _, _ := strings.Cut(p, ".")
		out = append(out, op)
	}
	return out
}

// runClient runs a client script against a fresh ewsmock and checks its
// report: at least min distinct EWS operations OK, none failed (XFAIL
// lines name a bug of the client and are listed, not counted), every
// request decoded and served by an implemented operation.
func runClient(t *testing.T, min int, dir string, name string, args ...string) {
	t.Helper()
	m := startMock(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"EWS_URL="+m.url, "EWS_USER="+user, "EWS_PASSWORD="+password,
		"EWS_MAILBOX="+mailbox, "EWS_OTHER="+other, "EWS_OTHER_USER=bob", "EWS_OTHER_PASSWORD="+otherPW)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	began := time.Now()
	out, err := cmd.Output()
	t.Logf("%s ran in %v; output:\n%s", filepath.Base(name), time.Since(began).Round(time.Millisecond), out)
	if err != nil {
		t.Fatalf("%s: %v\nstderr:\n%s\newsmock log:\n%s", name, err, stderr.String(), m.logText())
	}
	okOps := map[string]bool{}
	lines, failed, xfail := 0, 0, 0
	for _, l := range strings.Split(string(out), "\n") {
		mm := opLine.FindStringSubmatch(strings.TrimSpace(l))
		if mm == nil {
			continue
		}
		switch mm[3] {
		case "OK":
			if mm[1] == "OP" {
				lines++
				for _, op := range operations(mm[2]) {
					okOps[op] = true
				}
			}
		case "XFAIL":
			xfail++
			t.Logf("client bug, not counted: %s %s", mm[2], mm[4])
		default:
			failed++
			t.Errorf("%s %s failed: %s", strings.ToLower(mm[1]), mm[2], mm[4])
		}
	}
	var names []string
	for op := range okOps {
		names = append(names, op)
	}
	sort.Strings(names)
	t.Logf("%d distinct EWS operations OK (%d OP lines, %d failed, %d client bugs): %s", len(names), lines, failed, xfail, strings.Join(names, " "))
	if len(names) < min {
		t.Errorf("%d distinct operations OK, want at least %d", len(names), min)
	}
	// Every request the client sent must have decoded and reached an
	// implemented operation: ewsmock logs each fault it answers.
	for _, l := range strings.Split(m.logText(), "\n") {
		switch {
		case strings.Contains(l, "fault ErrorInvalidServerVersion"):
			// A client that guesses the version (exchangelib without a
			// pinned version) first asks for a version newer than the
			// server's, and moves on after this fault, as with Exchange.
			t.Logf("version negotiation: %s", l)
		case strings.Contains(l, "fault ErrorSchemaValidation"):
			t.Errorf("a request of the client failed to decode: %s", l)
		case strings.Contains(l, "fault ErrorInvalidOperation"), strings.Contains(l, "fault ErrorInvalidRequest"):
			t.Errorf("the client called an operation ewsmock does not serve: %s", l)
		case strings.Contains(l, "fault "):
			t.Errorf("ewsmock answered a fault: %s", l)
		}
	}
	if failed > 0 || t.Failed() {
		t.Logf("stderr:\n%s\newsmock log:\n%s", stderr.String(), m.logText())
	}
}

func TestEwsJavascriptAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("interop tests run external clients")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable(t, "node is not installed")
	}
	dir, _ := filepath.Abs(filepath.Join("testdata", "js"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ews-javascript-api", "package.json")); err != nil {
		unavailable(t, "ews-javascript-api is not installed in interop/testdata/js (npm ci)")
	}
	runClient(t, 45, dir, node, "drive.js")
}

func TestExchangelib(t *testing.T) {
	if testing.Short() {
		t.Skip("interop tests run external clients")
	}
	// Debian's python3-exchangelib is installed for /usr/bin/python3; the
	// first python3 on PATH may be another one without it.
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		unavailable(t, "/usr/bin/python3 is missing")
	}
	if out, err := exec.Command(py, "-c", "import exchangelib").CombinedOutput(); err != nil {
		unavailable(t, "python3-exchangelib is not installed: "+strings.TrimSpace(string(out)))
	}
	dir, _ := filepath.Abs(filepath.Join("testdata", "py"))
	runClient(t, 30, dir, py, "drive.py")
}
