package interop

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runStream runs a client's streaming script against a fresh ewsmock and
// checks its STREAM line and that ewsmock answered no fault.
func runStream(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	m := startMock(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "EWS_URL="+m.url, "EWS_USER="+user, "EWS_PASSWORD="+password, "EWS_MAILBOX="+mailbox)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\nstderr:\n%s\newsmock log:\n%s", name, err, stderr.String(), m.logText())
	}
	line := strings.TrimSpace(string(out))
	t.Log(line)
	if !strings.HasPrefix(line, "STREAM OK") {
		t.Errorf("%s\nstderr:\n%s\newsmock log:\n%s", line, stderr.String(), m.logText())
	}
	// Each notification must arrive within 1 s of its item's creation.
	var got, want int
	var worst float64
	if _, err := fmt.Sscanf(line, "STREAM OK received %d/%d max latency %g ms", &got, &want, &worst); err == nil && worst > 1000 {
		t.Errorf("slowest notification arrived %.0f ms after its item was created, want within 1 s", worst)
	}
	for _, l := range strings.Split(m.logText(), "\n") {
		if strings.Contains(l, "fault ") && !strings.Contains(l, "fault ErrorInvalidServerVersion") {
			t.Errorf("ewsmock answered a fault: %s", l)
		}
	}
}

// ews-javascript-api's StreamingSubscriptionConnection reads ewsmock's
// GetStreamingEvents stream (it looks for "<Envelope" and "</Envelope>"
// literally, as Exchange writes them).
func TestStreamingEwsJavascriptAPI(t *testing.T) {
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
	runStream(t, dir, node, "stream.js")
}

// exchangelib's get_streaming_events reads ewsmock's stream.
func TestStreamingExchangelib(t *testing.T) {
	if testing.Short() {
		t.Skip("interop tests run external clients")
	}
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		unavailable(t, "/usr/bin/python3 is missing")
	}
	if out, err := exec.Command(py, "-c", "import exchangelib").CombinedOutput(); err != nil {
		unavailable(t, "python3-exchangelib is not installed: "+strings.TrimSpace(string(out)))
	}
	dir, _ := filepath.Abs(filepath.Join("testdata", "py"))
	runStream(t, dir, py, "stream.py")
}
