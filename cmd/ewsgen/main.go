package main

import (
	"errors"
	"fmt"
	"go/token"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/pflag"

	"github.com/ewsgen/ewsgen/generator"
	"github.com/ewsgen/ewsgen/xsd"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// generate is generator.Generate; tests replace it.
var generate = generator.Generate

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options is the parsed command line.
type options struct {
	cfg     generator.Config
	out     string
	check   bool
	version bool
	help    bool
}

// run is the whole command: it parses args, generates, and writes (or, with
// --check, compares) the output. It returns the exit code: 0 on success, 1
// when generation, writing or the check fails, 2 for a bad command line.
func run(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet()
	opts, err := parseArgs(flags, args)
	switch {
	case err == nil && opts.help:
		printUsage(stdout, flags)
		return exitOK
	case err == nil && opts.version:
		fmt.Fprintf(stdout, "ewsgen %s\n", version())
		return exitOK
	case err != nil:
		fmt.Fprintf(stderr, "ewsgen: %v\n", err)
		fmt.Fprintln(stderr, "Run 'ewsgen --help' for usage.")
		return exitUsage
	}

	// Look at the inputs first, so that a typo is reported with the name
	// as it was typed.
	inputs := opts.cfg.XSDs
	if opts.cfg.WSDL != "" {
		inputs = append([]string{opts.cfg.WSDL}, inputs...)
	}
	inputs = append(inputs, opts.cfg.Catalogs...)
	for _, in := range inputs {
		if isURL(in) && in == opts.cfg.WSDL {
			continue // read with --fetch
		}
		if err := checkInput(in); err != nil {
			if opts.cfg.WSDL != "" {
				err = fmt.Errorf("ewsgen: --wsdl %v; expected the service's WSDL 1.1 file, with the schema files it imports beside it (for EWS: services.wsdl, messages.xsd and types.xsd in one folder)", err)
			}
			fmt.Fprintln(stderr, err)
			return exitFailure
		}
	}

	opts.cfg.Warn = func(w *xsd.Error) {
		fmt.Fprintf(stderr, "%s: warning: %s\n", w.Pos, w.Msg)
	}
	files, err := generate(opts.cfg)
	if err != nil {
		printErrorLines(stderr, err)
		return exitFailure
	}
	if len(files) == 0 {
		// Writing an empty set would delete the previous output.
		fmt.Fprintln(stderr, "ewsgen: nothing was generated")
		return exitFailure
	}

	if opts.check {
		diffs, err := generator.Check(opts.out, files)
		if err != nil {
			fmt.Fprintf(stderr, "ewsgen: %v\n", err)
			return exitFailure
		}
		if len(diffs) == 0 {
			return exitOK
		}
		for _, d := range diffs {
			fmt.Fprintln(stdout, d)
		}
		what := "files differ"
		if len(diffs) == 1 {
			what = "file differs"
		}
		fmt.Fprintf(stderr, "ewsgen: %s is not up to date (%d %s); run ewsgen without --check to regenerate it\n",
			opts.out, len(diffs), what)
		return exitFailure
	}

	if err := generator.Write(opts.out, files); err != nil {
		fmt.Fprintf(stderr, "ewsgen: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// flagValues holds the flag values as pflag parses them.
type flagValues struct {
	wsdl, out, pkg string
	operations     []string
	renames        []string
	check          bool
	schemaDocs     bool
	network        bool
	fetch          bool
	fetchTimeout   time.Duration
	allowPaths     []string
	catalogs       []string
	soapVersion    string
	profile        string
	allowOutside   bool
	limits         xsd.Limits
	maxItems       int
	maxOutputBytes int64
	version, help  bool
}

// commandLine is a flag set with the values it parses into.
type commandLine struct {
	*pflag.FlagSet
	v flagValues
}

func newFlagSet() *commandLine {
	c := &commandLine{FlagSet: pflag.NewFlagSet("ewsgen", pflag.ContinueOnError)}
	c.SetOutput(io.Discard) // run prints the errors
	c.SortFlags = false
	v := &c.v
	c.StringVar(&v.wsdl, "wsdl", "", "WSDL 1.1 `file` to generate from (its schema imports are read relative to it)")
	c.StringVar(&v.out, "out", ".", "output `directory`, created when missing")
	c.StringVar(&v.pkg, "package", "", "Go package `name` of the output\n(default $GOPACKAGE under go generate, else the name of the --out directory)")
	c.StringSliceVar(&v.operations, "operations", nil, "generate only these WSDL operations and the types they use\n(comma-separated `names`; the flag may be repeated)")
	c.BoolVar(&v.check, "check", false, "write nothing; list the files that differ and exit 1\nwhen --out is not up to date")
	c.BoolVar(&v.schemaDocs, "schema-docs", true, "copy xs:documentation into Go doc comments\n(--schema-docs=false leaves them out)")
	c.StringArrayVar(&v.renames, "rename", nil, "`FROM=TO` gives the schema type or element FROM\n({namespace}local or local) the Go name TO (repeatable)")
	c.StringVar(&v.soapVersion, "soap-version", "1.1", "`VERSION` (1.1 or 1.2) of the binding generated for a portType\nbound in both SOAP versions; a portType bound in one\nversion only is generated in that version")
	c.StringVar(&v.profile, "profile", "auto", "`NAME` of the service conventions to apply: auto (detected\nfrom the schemas), ews (Exchange Web Services) or none")
	c.StringArrayVar(&v.catalogs, "catalog", nil, "OASIS XML catalog `FILE` mapping absolute schemaLocations and\nwsdl:import locations to local files (uri, system, rewriteURI,\nrewriteSystem entries; repeatable)")
	c.BoolVar(&v.network, "network", false, "allow fetching schemaLocations that are http:// or https:// URLs")
	c.BoolVar(&v.fetch, "fetch", false, "read --wsdl from a server (an https:// URL) with the schemas it names\non the same origin; credentials from EWSGEN_FETCH_USER and\nEWSGEN_FETCH_PASSWORD (EWSGEN_FETCH_AUTH=basic|ntlm) or EWSGEN_FETCH_TOKEN")
	c.DurationVar(&v.fetchTimeout, "fetch-timeout", time.Minute, "longest `time` reading one file from a server (--fetch, --network)")
	c.StringArrayVar(&v.allowPaths, "allow-path", nil, "also let local schemaLocations point into `DIR` (repeatable;\nby default only the folders of the input files)")
	c.BoolVar(&v.allowOutside, "allow-outside", false, "let local schemaLocations point anywhere")
	d := xsd.DefaultLimits()
	c.Int64Var(&v.limits.FileBytes, "max-file-bytes", d.FileBytes, "largest input file, in `bytes`")
	c.Int64Var(&v.limits.TotalBytes, "max-total-bytes", d.TotalBytes, "largest total of the input files, in `bytes`")
	c.IntVar(&v.limits.Files, "max-files", d.Files, "most input files")
	c.IntVar(&v.limits.XMLDepth, "max-xml-depth", d.XMLDepth, "deepest element nesting in a file")
	c.IntVar(&v.limits.XMLNodes, "max-xml-nodes", d.XMLNodes, "most XML elements and attributes in all files")
	c.IntVar(&v.limits.Components, "max-components", d.Components, "most global types, elements, attributes and groups")
	c.IntVar(&v.limits.DerivationDepth, "max-derivation-depth", d.DerivationDepth, "longest chain of type derivations, substitution-group\nheads or group references")
	c.IntVar(&v.limits.Enumerations, "max-enumerations", d.Enumerations, "most enumeration values in one simple type")
	c.IntVar(&v.limits.Particles, "max-particles", d.Particles, "most particles and attribute uses, each group\nreference counting as a copy of the group")
	c.IntVar(&v.maxItems, "max-items", generator.DefaultMaxItems, "most struct fields, enumeration constants and interface\nimplementations in the generated package")
	c.Int64Var(&v.maxOutputBytes, "max-output-bytes", generator.DefaultMaxOutputBytes, "largest total size of the generated files, in `bytes`")
	c.Int64Var(&v.limits.XgenBytes, "xgen-max-bytes", d.XgenBytes, "cross-check simple types with xgen only in files up to\nthis many `bytes`, and up to this total")
	c.BoolVar(&v.version, "version", false, "print the version and exit")
	c.BoolVarP(&v.help, "help", "h", false, "print this help and exit")
	return c
}

// parseArgs parses and validates the command line. Errors are usage errors.
func parseArgs(c *commandLine, args []string) (*options, error) {
	if err := c.Parse(args); err != nil {
		return nil, err
	}
	v := &c.v
	opts := &options{out: v.out, check: v.check, version: v.version, help: v.help}
	if v.help || v.version {
		return opts, nil
	}

	var xsds []string
	if c.NArg() > 0 {
		xsds = c.Args()
	}
	switch {
	case v.wsdl == "" && len(xsds) == 0:
		return nil, errors.New("no input: give --wsdl FILE or one or more XSD files")
	}
	for _, x := range xsds {
		if strings.EqualFold(filepath.Ext(x), ".wsdl") {
			return nil, fmt.Errorf("%s looks like a WSDL file; pass it with --wsdl", x)
		}
	}
	if v.out == "" {
		return nil, errors.New("--out must not be empty")
	}
	if v.fetchTimeout <= 0 {
		return nil, errors.New("--fetch-timeout must be positive")
	}
	var fetchOrigin string
	var fetchClient *http.Client
	switch {
	case isURL(v.wsdl) && !v.fetch:
		return nil, fmt.Errorf("--wsdl %s is a URL: reading the WSDL from a server needs --fetch", v.wsdl)
	case v.fetch && !isURL(v.wsdl):
		return nil, errors.New("--fetch needs --wsdl with an https:// URL")
	case v.fetch:
		var err error
		fetchOrigin, fetchClient, err = fetchConfig(v.wsdl, os.Getenv)
		if err != nil {
			return nil, err
		}
	}
	var transport http.RoundTripper
	if v.fetch {
		transport = fetchTransport()
	}

	var ops []string
	for _, op := range v.operations {
		if op = strings.TrimSpace(op); op != "" {
			ops = append(ops, op)
		}
	}
	if len(ops) > 0 && v.wsdl == "" {
		return nil, errors.New("--operations needs --wsdl: XSD files have no operations")
	}

	var soapVersion xsd.SOAPVersion
	switch v.soapVersion {
	case "1.1":
		soapVersion = xsd.SOAP11
	case "1.2":
		soapVersion = xsd.SOAP12
	default:
		return nil, fmt.Errorf("--soap-version %q: want 1.1 or 1.2", v.soapVersion)
	}
	switch v.profile {
	case "auto", "ews", "none":
	default:
		return nil, fmt.Errorf("--profile %q: want auto, ews or none", v.profile)
	}

	renames, err := parseRenames(v.renames)
	if err != nil {
		return nil, err
	}
	for _, l := range []struct {
		name string
		v    int64
	}{
		{"max-file-bytes", v.limits.FileBytes}, {"max-total-bytes", v.limits.TotalBytes},
		{"max-files", int64(v.limits.Files)}, {"max-xml-depth", int64(v.limits.XMLDepth)}, {"max-xml-nodes", int64(v.limits.XMLNodes)},
		{"max-components", int64(v.limits.Components)}, {"max-derivation-depth", int64(v.limits.DerivationDepth)},
		{"max-enumerations", int64(v.limits.Enumerations)}, {"max-particles", int64(v.limits.Particles)},
		{"max-items", int64(v.maxItems)}, {"max-output-bytes", v.maxOutputBytes}, {"xgen-max-bytes", v.limits.XgenBytes},
	} {
		if l.v <= 0 {
			return nil, fmt.Errorf("--%s must be positive", l.name)
		}
	}
	for _, d := range v.allowPaths {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("--allow-path %s is not a folder", d)
		}
	}

	pkg := v.pkg
	switch {
	case pkg != "":
		if !token.IsIdentifier(pkg) || pkg == "_" {
			return nil, fmt.Errorf("--package %q is not a valid Go package name", pkg)
		}
	case os.Getenv("GOPACKAGE") != "":
		pkg = os.Getenv("GOPACKAGE")
	default:
		abs, err := filepath.Abs(v.out)
		if err != nil {
			return nil, fmt.Errorf("--out %s: %v", v.out, err)
		}
		pkg = packageName(filepath.Base(abs))
	}

	opts.cfg = generator.Config{
		WSDL:       v.wsdl,
		XSDs:       xsds,
		Package:    pkg,
		Operations: ops,
		SchemaDocs: v.schemaDocs,
		Renames:    renames,
		Network:    v.network,
		Catalogs:   v.catalogs,

		FetchOrigin:    fetchOrigin,
		FetchClient:    fetchClient,
		FetchTimeout:   v.fetchTimeout,
		FetchTransport: transport,

		SOAPVersion: soapVersion,
		Profile:     v.profile,

		AllowPaths:     v.allowPaths,
		AllowOutside:   v.allowOutside,
		Limits:         v.limits,
		MaxItems:       v.maxItems,
		MaxOutputBytes: v.maxOutputBytes,
	}
	return opts, nil
}

// parseRenames turns FROM=TO flag values into Config.Renames.
func parseRenames(list []string) (map[string]string, error) {
	if len(list) == 0 {
		return nil, nil
	}
	m := make(map[string]string, len(list))
	for _, s := range list {
		// TO is an identifier and has no '=', so the last '=' splits;
		// a namespace URI in FROM may hold one.
		i := strings.LastIndex(s, "=")
		if i < 0 {
			return nil, fmt.Errorf("--rename %q: want FROM=TO", s)
		}
		from, to := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		if from == "" {
			return nil, fmt.Errorf("--rename %q: FROM is empty", s)
		}
		if strings.HasPrefix(from, "{") {
			end := strings.Index(from, "}")
			if end < 0 || end == len(from)-1 {
				return nil, fmt.Errorf("--rename %q: FROM must be {namespace}local or local", s)
			}
		}
		if !token.IsIdentifier(to) || to == "_" {
			return nil, fmt.Errorf("--rename %q: %q is not a Go identifier", s, to)
		}
		if old, ok := m[from]; ok && old != to {
			return nil, fmt.Errorf("--rename %s given twice, as %s and as %s", from, old, to)
		}
		m[from] = to
	}
	return m, nil
}

// packageName makes a Go package name from a directory name: lower case,
// characters other than letters, digits and '_' dropped, "p" put before a
// leading digit and "_" after a Go keyword; "generated" when nothing is left.
func packageName(dir string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(dir) {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	name := b.String()
	switch {
	case name == "" || name == "_":
		return "generated"
	case unicode.IsDigit([]rune(name)[0]):
		name = "p" + name
	case token.IsKeyword(name):
		name += "_"
	}
	return name
}

// checkInput reports a missing or unreadable input file, naming it.
func checkInput(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: %v", path, err)
	}
	if fi.IsDir() {
		return fmt.Errorf("%s: is a directory, not a file", path)
	}
	return nil
}

// printErrorLines prints every line of err (Generate joins one error per
// line, each "file:line:col: message") as it is.
func printErrorLines(w io.Writer, err error) {
	for _, line := range strings.Split(strings.TrimRight(err.Error(), "\n"), "\n") {
		fmt.Fprintln(w, line)
	}
}

func printUsage(w io.Writer, c *commandLine) {
	fmt.Fprint(w, `ewsgen generates Go types and a SOAP client from a WSDL 1.1 file and the
XML schemas it imports, or from XSD files alone. XSD files given with --wsdl
supply the namespaces the WSDL imports without a usable schemaLocation.

Usage:
  ewsgen [flags] --wsdl FILE [FILE.xsd...]
  ewsgen [flags] FILE.xsd...

Flags:
`)
	fmt.Fprint(w, c.FlagUsagesWrapped(0))
	fmt.Fprint(w, `
Relative paths are taken from the current directory, which under go generate
is the directory of the file holding the //go:generate line. Without --check,
only files whose bytes change are rewritten, and files of an earlier run that
are no longer generated are removed; other files in --out are left alone.

Exit status: 0 on success, 1 when the input has errors or the output is not up
to date (--check), 2 for a bad command line.
`)
}

// version is the module version ewsgen was built at, "(devel)" for a build
// from a work tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
