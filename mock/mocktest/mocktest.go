// Package mocktest runs ewsmock, the in-memory Exchange of package mock, as
// a separate process for the tests of another module, and returns its
// endpoint.
//
// Testing a package generated from the EWS schemas against package mock in
// the same test binary compiles two EWS packages: the one under test and
// generated/ews, which mock is built on. This package imports neither: it
// starts the ewsmock command, which the go command builds once and keeps in
// its cache, so a test binary compiles only its own EWS package.
//
// In the module under test, add ewsmock as a tool (Go 1.24 or later):
//
//	go get -tool github.com/ewsgen/ewsgen/cmd/ewsmock@main
//
// and in a test:
//
//	srv := mocktest.Start(t, "--user", "alice", "--password", "secret")
//	hc := &http.Client{Transport: auth.Basic("alice", "secret", nil, auth.AllowPlainHTTP())}
//	c := myews.NewClient(srv.URL, hc)
//
// Start finds the executable with Binary and stops the process when the
// test ends.
package mocktest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// startTimeout bounds how long Start waits for ewsmock to print its
// endpoint.
const startTimeout = 30 * time.Second

// stopTimeout bounds how long the cleanup waits for ewsmock to stop after
// its standard input is closed, before it is killed.
const stopTimeout = 10 * time.Second

// stderrBytes bounds how much of ewsmock's standard error is kept for
// failure messages.
const stderrBytes = 64 << 10

// Server is a running ewsmock process.
type Server struct {
	// URL is the EWS endpoint, http://127.0.0.1:PORT/EWS/Exchange.asmx.
	URL string

	cmd    *exec.Cmd
	stdin  io.Closer
	stderr *limitedBuffer
	done   chan error
}

// Start starts ewsmock with args (its flags, such as "--user", "alice",
// "--password", "secret", "--seed", "testdata/seed.json"; see
// go doc github.com/ewsgen/ewsgen/cmd/ewsmock) on a free loopback port and
// returns its endpoint. The process stops when the test and its subtests
// end (t.Cleanup), and also when the test process dies, since ewsmock runs
// with --stop-on-eof on a pipe this process holds. Start fails the test
// when the executable is not found or does not start.
func Start(t testing.TB, args ...string) *Server {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		t.Fatalf("mocktest: %v", err)
	}
	s, err := start(bin, args)
	if err != nil {
		t.Fatalf("mocktest: %v", err)
	}
	t.Cleanup(func() {
		if err := s.stop(); err != nil {
			t.Errorf("mocktest: %v", err)
		}
		if t.Failed() && s.stderr.Len() > 0 {
			t.Logf("mocktest: ewsmock's standard error:\n%s", s.stderr.String())
		}
	})
	return s
}

func start(bin string, args []string) (*Server, error) {
	cmd := exec.Command(bin, append([]string{"--listen", "127.0.0.1:0", "--stop-on-eof"}, args...)...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &Server{cmd: cmd, stdin: stdin, stderr: &limitedBuffer{max: stderrBytes}, done: make(chan error, 1)}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	go func() { s.done <- cmd.Wait() }()
	line := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		l, _ := r.ReadString('\n')
		line <- strings.TrimSpace(l)
		io.Copy(io.Discard, r)
	}()
	select {
	case l := <-line:
		if !strings.HasPrefix(l, "http://") {
			s.kill()
			return nil, fmt.Errorf("%s %s printed %q instead of its endpoint URL; standard error:\n%s", bin, strings.Join(args, " "), l, s.stderr.String())
		}
		s.URL = l
		return s, nil
	case <-time.After(startTimeout):
		s.kill()
		return nil, fmt.Errorf("%s printed no endpoint within %v; standard error:\n%s", bin, startTimeout, s.stderr.String())
	}
}

// kill ends the process at once and waits for it.
func (s *Server) kill() {
	s.stdin.Close()
	s.cmd.Process.Kill()
	<-s.done
}

// stop closes ewsmock's standard input, which makes it shut down, and
// waits for it; after stopTimeout it is killed.
func (s *Server) stop() error {
	s.stdin.Close()
	select {
	case err := <-s.done:
		if err != nil {
			return fmt.Errorf("ewsmock ended with %v; standard error:\n%s", err, s.stderr.String())
		}
		return nil
	case <-time.After(stopTimeout):
		s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("ewsmock did not stop within %v of its standard input closing; killed it", stopTimeout)
	}
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// Binary returns the path of the ewsmock executable, looked up once per
// process, in this order:
//  1. $EWSMOCK, when set: the path of an ewsmock executable;
//  2. the tool of the current module: "go tool -n ewsmock" builds it once
//     (the go command caches it) and names it, when the module's go.mod has
//     a "tool github.com/ewsgen/ewsgen/cmd/ewsmock" line (go get -tool);
//  3. ewsmock on $PATH (go install github.com/ewsgen/ewsgen/cmd/ewsmock).
func Binary() (string, error) {
	binOnce.Do(func() { binPath, binErr = findBinary() })
	return binPath, binErr
}

func findBinary() (string, error) {
	if p := os.Getenv("EWSMOCK"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("$EWSMOCK: %w", err)
		}
		return p, nil
	}
	var toolErr error
	if goBin, err := exec.LookPath("go"); err == nil {
		cmd := exec.Command(goBin, "tool", "-n", "ewsmock")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if p := strings.TrimSpace(string(out)); err == nil && p != "" && !strings.ContainsAny(p, " \n") {
			return p, nil
		}
		toolErr = fmt.Errorf("go tool -n ewsmock: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if p, err := exec.LookPath("ewsmock"); err == nil {
		return p, nil
	}
	msg := "ewsmock not found: add it to the module's tools (go get -tool github.com/ewsgen/ewsgen/cmd/ewsmock@main), install it on $PATH (go install github.com/ewsgen/ewsgen/cmd/ewsmock@main) or set $EWSMOCK to its path"
	if toolErr != nil {
		msg += " (" + toolErr.Error() + ")"
	}
	return "", errors.New(msg)
}

// limitedBuffer keeps the first max bytes written to it; it is safe for
// concurrent use.
type limitedBuffer struct {
	mu  sync.Mutex
	b   bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (l *limitedBuffer) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Len()
}

func (l *limitedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
