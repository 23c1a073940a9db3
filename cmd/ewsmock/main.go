// Command ewsmock runs the in-memory Exchange Web Services server of
// package mock.
//
//	ewsmock [--listen 127.0.0.1:0] [--user U --password P] [--schemas DIR] [--seed FILE]
//	        [--faults SPEC | --faults-file FILE] [--fault-seed N] [--data FILE]
//	        [--stop-on-eof] [limit and timeout flags: see --help]
//
// More users, with their folder permissions and impersonation rights, come
// from the seed file.
//
// It prints the endpoint URL (http://HOST:PORT/EWS/Exchange.asmx) on its
// first line of standard output, then serves until interrupted (or, with
// --stop-on-eof, until its standard input ends, as it does when the
// process that started it exits: package mock/mocktest uses this).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/ewsgen/ewsgen/mock"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ewsmock:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := pflag.NewFlagSet("ewsmock", pflag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	user := fs.String("user", "", "user name for HTTP Basic authentication (none when empty)")
	password := fs.String("password", "", "password for HTTP Basic authentication")
	schemas := fs.String("schemas", "", "folder with services.wsdl, messages.xsd and types.xsd to serve")
	seed := fs.String("seed", "", "JSON file with the initial mailboxes, folders, items and IM lists")
	quiet := fs.Bool("quiet", false, "do not log faults")
	var lim mock.Limits
	var to mock.Timeouts
	fs.IntVar(&lim.MaxBatch, "max-batch", 1000, "ids (or items, or changes) one request may carry")
	fs.IntVar(&lim.MaxElements, "max-elements", 100000, "elements one request may hold; more is refused before decoding")
	fs.IntVar(&lim.MaxFindCount, "find-count-limit", 1000, "entries per FindItem/FindFolder page (EWSFindCountLimit)")
	fs.IntVar(&lim.MaxConcurrent, "max-concurrent", 27, "requests in flight per user (EWSMaxConcurrency); more get ErrorExceededConnectionCount")
	fs.DurationVar(&lim.BackOff, "backoff", time.Second, "BackOffMilliseconds sent with ErrorServerBusy and ErrorExceededConnectionCount")
	fs.Int64Var(&lim.MaxRequestBytes, "max-request-bytes", 64<<20, "largest request body")
	fs.Int64Var(&lim.MaxBufferedBytes, "max-buffered-bytes", 256<<20, "request body bytes buffered across all requests in flight")
	fs.DurationVar(&lim.BufferWait, "buffer-wait", time.Second, "how long a request waits for buffer room before ErrorServerBusy (503)")
	fs.DurationVar(&to.ReadHeader, "read-header-timeout", 10*time.Second, "time to read a request's headers")
	fs.DurationVar(&to.Read, "read-timeout", 60*time.Second, "time to read a whole request, body included")
	fs.DurationVar(&to.Write, "write-timeout", 120*time.Second, "time from the end of the request headers to the end of the response")
	fs.DurationVar(&to.Idle, "idle-timeout", 120*time.Second, "time a keep-alive connection may stay idle")
	faults := fs.String("faults", "", "inject faults: 'FindItem:busy=0.3,backoff=200ms;GetItem:drop=0.1;*:latency=20ms' (keys: busy, backoff, 503, retryafter, drop, latency, jitter, maxconcurrent)")
	faultsFile := fs.String("faults-file", "", "JSON file with the fault rules and seed (instead of --faults)")
	faultSeed := fs.Int64("fault-seed", 1, "seed of the fault draws: the same seed gives the same faults")
	data := fs.String("data", "", "keep the store in this file across restarts (written before each change is answered)")
	keepAlive := fs.Duration("keepalive", time.Minute, "interval of keep-alive messages on streaming notification connections")
	stopOnEOF := fs.Bool("stop-on-eof", false, "stop when standard input ends (for a parent process that starts ewsmock and holds its standard input: ewsmock ends with it)")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: ewsmock [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	for name, v := range map[string]int64{"max-batch": int64(lim.MaxBatch), "max-elements": int64(lim.MaxElements), "find-count-limit": int64(lim.MaxFindCount), "max-concurrent": int64(lim.MaxConcurrent),
		"backoff": int64(lim.BackOff), "max-request-bytes": lim.MaxRequestBytes, "max-buffered-bytes": lim.MaxBufferedBytes, "buffer-wait": int64(lim.BufferWait),
		"read-header-timeout": int64(to.ReadHeader), "read-timeout": int64(to.Read), "write-timeout": int64(to.Write), "idle-timeout": int64(to.Idle)} {
		if v <= 0 {
			return fmt.Errorf("--%s must be positive", name)
		}
	}
	if (*user == "") != (*password == "") {
		return errors.New("--user and --password go together")
	}
	if *keepAlive <= 0 {
		return errors.New("--keepalive must be positive")
	}
	opts := mock.Options{User: *user, Password: *password, SchemaDir: *schemas, Limits: lim, Timeouts: to,
		DataFile: *data, Notify: mock.NotifyOptions{KeepAlive: *keepAlive}}
	switch {
	case *faults != "" && *faultsFile != "":
		return errors.New("--faults and --faults-file: give one")
	case *faults != "":
		rules, err := mock.ParseFaults(*faults)
		if err != nil {
			return fmt.Errorf("--faults: %w", err)
		}
		opts.Faults = &mock.Faults{Seed: *faultSeed, Rules: rules}
	case *faultsFile != "":
		f, err := mock.LoadFaults(*faultsFile)
		if err != nil {
			return fmt.Errorf("--faults-file: %w", err)
		}
		if fs.Changed("fault-seed") {
			f.Seed = *faultSeed
		}
		opts.Faults = f
	}
	if !*quiet {
		opts.Logf = log.Printf
	}
	if *seed != "" {
		sd, err := mock.LoadSeed(*seed)
		if err != nil {
			return err
		}
		opts.Seed = sd
	}
	srv, err := mock.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	fmt.Printf("http://%s/EWS/Exchange.asmx\n", ln.Addr())
	log.Printf("ewsmock: serving mailbox %s (mailboxes: %v)", srv.DefaultMailbox(), srv.Mailboxes())
	hs := srv.HTTPServer()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *stopOnEOF {
		go func() {
			io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		srv.Close()
		return err
	case <-ctx.Done():
		// Stop the push loops and end the streaming responses first:
		// Shutdown waits for the responses in progress.
		srv.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := hs.Shutdown(sctx)
		if *data != "" {
			// Progress made outside requests (push notifications
			// delivered) is saved with the next change: save it now.
			if serr := srv.Save(); serr != nil && err == nil {
				err = fmt.Errorf("saving %s: %w", *data, serr)
			}
		}
		return err
	}
}
