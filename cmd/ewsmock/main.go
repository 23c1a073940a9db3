// Command ewsmock runs the in-memory Exchange Web Services server of
// package mock.
//
//	ewsmock [--listen 127.0.0.1:0] [--user U --password P] [--schemas DIR] [--seed FILE]
//
// It prints the endpoint URL (http://HOST:PORT/EWS/Exchange.asmx) on its
// first line of standard output, then serves until interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
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
	if (*user == "") != (*password == "") {
		return errors.New("--user and --password go together")
	}
	opts := mock.Options{User: *user, Password: *password, SchemaDir: *schemas}
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
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return hs.Shutdown(sctx)
	}
}
