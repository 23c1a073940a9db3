package generator

import (
	"net/http"
	"time"

	"github.com/ewsgen/ewsgen/xsd"
)

// Config says what to generate. It is filled by cmd/ewsgen (or by a test).
type Config struct {
	// WSDL is the path of a WSDL 1.1 file; the schemas it imports are loaded
	// relative to it. Either WSDL or XSDs must be set.
	WSDL string
	// XSDs are schema files loaded when no WSDL is given.
	XSDs []string
	// Package is the Go package name of the output.
	Package string
	// Operations, when not empty, restricts the output to these WSDL
	// operations and the types they reach.
	Operations []string
	// SchemaDocs copies xs:documentation into Go doc comments.
	SchemaDocs bool
	// Renames pins Go names: keys are "{namespace}local" or "local" of a type
	// or element, values are Go identifiers.
	Renames map[string]string
	// Network allows fetching schemaLocations that are http(s) URLs.
	Network bool
	// FetchOrigin, FetchClient, FetchTimeout and FetchTransport let a WSDL given as a URL,
	// and the schemas of its origin, be read from a server (see
	// xsd.Options).
	FetchOrigin    string
	FetchClient    *http.Client
	FetchTimeout   time.Duration
	FetchTransport http.RoundTripper
	// AllowPaths and AllowOutside widen the folders local schemaLocations
	// may point into (see xsd.Options).
	AllowPaths   []string
	AllowOutside bool
	// Limits bound loading the schemas; zero fields take xsd.DefaultLimits.
	Limits xsd.Limits
	// Catalogs are OASIS XML catalog files mapping absolute schemaLocations
	// and wsdl:import locations to local files (see xsd.Options.Catalogs).
	Catalogs []string
	// Warn, when set, receives the problems that did not stop loading
	// (xsd.Set.Warnings: a port naming an unknown binding, an HTTP binding
	// ignored, ...), in position order.
	Warn func(*xsd.Error)
	// SOAPVersion chooses, for each portType bound in both SOAP versions,
	// which binding is generated: SOAP11 (also when zero) or SOAP12. A
	// portType bound in one version only is generated in that version.
	SOAPVersion xsd.SOAPVersion
	// Profile selects the conventions of a known service: "auto" (also
	// when empty: detected from the schemas), "ews" (Exchange Web
	// Services: see profile_ews.go) or "none".
	Profile string
	// MaxItems bounds the planned package: struct fields and attributes,
	// enumeration constants and interface implementations together. Zero
	// means DefaultMaxItems.
	MaxItems int
	// MaxOutputBytes bounds the size of the generated files together,
	// estimated before rendering and measured after. Zero means
	// DefaultMaxOutputBytes.
	MaxOutputBytes int64
}

// Defaults of Config.MaxItems and Config.MaxOutputBytes. The EWS schemas
// plan about 8,400 items and 4.8 MB of code; rendering takes about 45 bytes
// of memory per byte of output, so 32 MiB of output needs about 1.5 GB.
// MaxOutputBytes is checked on an estimate made while planning, before
// anything is rendered, and again on the rendered files.
const (
	DefaultMaxItems       = 80_000
	DefaultMaxOutputBytes = 32 << 20
)

// File is one generated output file.
type File struct {
	Name    string // base name, e.g. "types.go"
	Content []byte // gofmt-formatted Go source starting with the generated-code header
}
