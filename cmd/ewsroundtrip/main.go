package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/internal/docslips"
	"github.com/spf13/pflag"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options is the parsed command line.
type options struct {
	out      string
	style    string
	docslips bool
	decode   ews.DecodeOptions
	files    []string
	help     bool
}

func parseArgs(args []string) (*options, *pflag.FlagSet, error) {
	o := &options{}
	fs := pflag.NewFlagSet("ewsroundtrip", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.out, "out", "", "write each re-encoded `DIR`/FILE and print a status line per FILE")
	fs.StringVar(&o.style, "style", "auto", "re-encode in `STYLE`: auto, client or server")
	fs.BoolVar(&o.docslips, "docslips", true, "map the EWS documentation's slips (https:// namespaces, \"…\" lines) before decoding")
	fs.Int64Var(&o.decode.MaxBytes, "max-bytes", 0, "refuse files larger than `N` bytes (0: 256 MiB)")
	fs.IntVar(&o.decode.MaxDepth, "max-depth", 0, "refuse documents nested deeper than `N` elements (0: 256)")
	fs.BoolVarP(&o.help, "help", "h", false, "print this help")
	if err := fs.Parse(args); err != nil {
		return nil, fs, err
	}
	if o.help {
		return o, fs, nil
	}
	o.files = fs.Args()
	switch o.style {
	case "auto", "client", "server":
	default:
		return nil, fs, fmt.Errorf("--style must be auto, client or server, not %q", o.style)
	}
	if o.decode.MaxBytes < 0 || o.decode.MaxDepth < 0 {
		return nil, fs, errors.New("--max-bytes and --max-depth must not be negative")
	}
	switch {
	case len(o.files) == 0:
		return nil, fs, errors.New("no FILE given")
	case len(o.files) > 1 && o.out == "":
		return nil, fs, errors.New("several FILEs need --out DIR")
	}
	return o, fs, nil
}

// run is the whole command. It returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	o, fs, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "ewsroundtrip: %v\n", err)
		fmt.Fprintln(stderr, "Run 'ewsroundtrip --help' for usage.")
		return exitUsage
	}
	if o.help {
		printUsage(stdout, fs)
		return exitOK
	}
	if o.out == "" {
		r := roundTrip(o, o.files[0])
		if r.err != nil {
			fmt.Fprintf(stderr, "ewsroundtrip: %s: %s\n", o.files[0], oneLine(r.err.Error()))
			return exitFailure
		}
		stdout.Write(r.out)
		fmt.Fprintln(stdout)
		return exitOK
	}
	code := exitOK
	for _, f := range o.files {
		r := roundTrip(o, f)
		if r.err == nil {
			dst := filepath.Join(o.out, underDir(f))
			if err := os.MkdirAll(filepath.Dir(dst), 0o777); err != nil {
				r.err, r.stage = err, "encode-error"
			} else if err := os.WriteFile(dst, r.out, 0o666); err != nil {
				r.err, r.stage = err, "encode-error"
			}
		}
		status := "ok"
		if r.err != nil {
			status = r.stage + ": " + oneLine(r.err.Error())
			code = exitFailure
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", f, r.root, status)
	}
	return code
}

// result is the outcome for one file.
type result struct {
	root  string // local name of the body's element, "-" when unknown
	out   []byte // the re-encoded envelope
	stage string // "decode-error" or "encode-error" when err != nil
	err   error
}

// roundTrip reads, decodes and re-encodes one file.
func roundTrip(o *options, file string) (r result) {
	r.root = "-"
	data, err := readFile(file, o.decode.MaxBytes)
	if err != nil {
		r.stage, r.err = "decode-error", err
		return r
	}
	if o.docslips {
		data = docslips.Fix(data)
	}
	env, err := o.decode.UnmarshalEnvelope(data)
	if err != nil {
		r.root = scanBodyRoot(data)
		r.stage, r.err = "decode-error", err
		return r
	}
	r.root = bodyRoot(env)
	style := ews.ClientStyle
	if o.style == "server" || o.style == "auto" && isResponse(env) {
		style = ews.ServerStyle
	}
	r.out, err = encode(env, style)
	if err == nil {
		// The output must decode again: a re-encoding the decoder itself
		// refuses is a bug in the encoder.
		if _, err2 := (ews.DecodeOptions{}).UnmarshalEnvelope(r.out); err2 != nil {
			err = fmt.Errorf("re-encoded envelope does not decode: %w", err2)
		}
	}
	if err != nil {
		r.stage, r.err = "encode-error", err
	}
	return r
}

// encode marshals env, turning a panic of the encoder into an error.
func encode(env *ews.Envelope, style ews.Style) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("encoder panicked: %v", p)
		}
	}()
	return env.Marshal(style), nil
}

// defaultMaxBytes is the decoder's default size limit, applied while
// reading when --max-bytes is not given.
const defaultMaxBytes = 256 << 20

// readFile reads a file, refusing one larger than max bytes (0: the
// decoder's default) without reading all of it.
func readFile(name string, max int64) ([]byte, error) {
	if max <= 0 {
		max = defaultMaxBytes
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("file exceeds the size limit of %d bytes", max)
	}
	return b, nil
}

// isResponse reports whether env is written by a server: a fault, a body
// element named *Response or *ResponseMessage, or a ServerVersionInfo
// header.
func isResponse(env *ews.Envelope) bool {
	if env.Fault != nil || env.Header.ServerVersionInfo != nil {
		return true
	}
	if env.Body == nil {
		return false
	}
	l := env.Body.XMLName().Local
	return strings.HasSuffix(l, "Response") || strings.HasSuffix(l, "ResponseMessage")
}

func bodyRoot(env *ews.Envelope) string {
	switch {
	case env.Fault != nil:
		return "Fault"
	case env.Body != nil:
		return env.Body.XMLName().Local
	}
	return "-"
}

// scanBodyRoot finds the local name of the first element in the SOAP Body
// with encoding/xml, for reporting files the generated decoder refused. It
// returns "-" when it cannot find one.
func scanBodyRoot(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	depth := 0
	inBody := false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return "-"
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if inBody {
				return t.Name.Local
			}
			if depth == 2 && t.Name.Local == "Body" {
				inBody = true
			}
		case xml.EndElement:
			depth--
			if inBody {
				return "-"
			}
		}
	}
}

// underDir turns a path as given on the command line into one relative to
// the output folder: cleaned, without volume name, leading separators or
// leading ".." elements.
func underDir(p string) string {
	p = filepath.Clean(p)
	p = strings.TrimPrefix(p, filepath.VolumeName(p))
	p = filepath.ToSlash(p)
	for {
		switch {
		case strings.HasPrefix(p, "/"):
			p = p[1:]
		case p == "..":
			p = ""
		case strings.HasPrefix(p, "../"):
			p = p[3:]
		default:
			if p == "" || p == "." {
				p = "_"
			}
			return filepath.FromSlash(p)
		}
	}
}

// oneLine joins the lines of a message with "; ".
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var parts []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "; ")
}

func printUsage(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprint(w, `ewsroundtrip decodes EWS SOAP envelopes with the generated ews package and
writes them out again.

Usage:
  ewsroundtrip [flags] FILE              print the re-encoded envelope
  ewsroundtrip [flags] --out DIR FILE... write DIR/FILE, print FILE<TAB>ROOT<TAB>STATUS

Flags:
`)
	fmt.Fprint(w, fs.FlagUsagesWrapped(0))
	fmt.Fprint(w, `
STATUS is ok, "decode-error: REASON" or "encode-error: REASON". Requests are
written in client style, responses and faults in server style, unless --style
says otherwise.

Exit status: 0 when every file round-trips, 1 when one does not, 2 for a bad
command line.
`)
}
