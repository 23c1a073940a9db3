// Package templates holds the fixed text of generated packages: the XML
// runtime in rt/ (a real, separately tested Go package whose files are
// copied into every generated package with the package clause replaced).
package templates

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed rt/*.go
var rtFS embed.FS

//go:embed soap.go.tmpl
var soapTmpl string

// SOAP returns the source of the SOAP envelope layer. It refers to
// identifiers every generated package declares (nsTable, nsPrefixes,
// nsClientDecls, nsSoap, nsXsi, nsXml, EnvelopeHeader, NewBodyElement) and
// to the runtime; its package clause is "package ewsrt".
func SOAP() string { return soapTmpl }

// RuntimeFile is one runtime source file.
type RuntimeFile struct {
	Name   string // base name, e.g. "decode.go"
	Source string
}

// Runtime returns the runtime's source files (neither tests nor doc.go)
// sorted by name.
func Runtime() ([]RuntimeFile, error) {
	entries, err := fs.ReadDir(rtFS, "rt")
	if err != nil {
		return nil, err
	}
	var out []RuntimeFile
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == "doc.go" {
			continue // doc.go is the runtime's package documentation, not copied
		}
		b, err := rtFS.ReadFile("rt/" + n)
		if err != nil {
			return nil, err
		}
		out = append(out, RuntimeFile{Name: n, Source: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

//go:embed client.go.tmpl
var clientTmpl string

//go:embed server.go.tmpl
var serverTmpl string

// Client returns the source of the generic SOAP client (Client, options,
// retries, hooks). Besides SOAP's identifiers it refers to ones the
// generator writes in client.go and server.go (Operation, restrictTo,
// bodyError, serverBusy) and to the profile's fixed code (Idempotent,
// faultBusy: ProfileEWS or ProfileGeneric); its package clause is
// "package ewsrt".
func Client() string { return clientTmpl }

// Server returns the source of the generic SOAP server (NewHandler, handler
// options, the fault kinds). It refers to Service, serveOperation and
// requestVersion, which the generator writes, and to the profile's faults
// (handlerFault, errorFault, schemaViolation); its package clause is
// "package ewsrt".
func Server() string { return serverTmpl }

//go:embed ews/streaming.go.tmpl
var ewsStreamingTmpl string

// EWSStreaming returns the source of the streaming-notification reader
// (Client.StreamEvents) of Exchange packages. It refers to the client
// template and to Exchange's GetStreamingEvents types; its package clause
// is "package ewsrt".
func EWSStreaming() string { return ewsStreamingTmpl }

//go:embed ews.go.tmpl
var ewsTmpl string

//go:embed generic.go.tmpl
var genericTmpl string

// ProfileEWS returns the fixed code of the Exchange Web Services profile of
// the client and server (Idempotent, faultBusy, backOffIn, and faults with
// Exchange's response codes: SOAPFault.ResponseCode and Is, NewFault,
// handlerFault, errorFault, schemaViolation, which use faultCodeNS and
// faultDetailNS of client.go); ProfileGeneric the fixed code every other
// service gets in its place (plain soap:Client and soap:Server faults:
// ClientFault, ServerFault). Their package clause is
// "package ewsrt".
func ProfileEWS() string { return ewsTmpl }

// ProfileGeneric returns the fixed code of services without a profile (see
// ProfileEWS).
func ProfileGeneric() string { return genericTmpl }

//go:embed ews_helpers.go.tmpl
var ewsHelpersTmpl string

// EWSHelpers returns the conveniences of the EWS profile (Ptr, folder and
// item id lists, recipients, property paths and shapes, restrictions, sort
// orders, item changes, batch results, paging iterators). They refer to
// the types of Exchange's schemas and to the EWS client code the generator
// writes (ResponseMessages, messageError, responseItems); their package
// clause is "package ewsrt".
func EWSHelpers() string { return ewsHelpersTmpl }

//go:embed package_doc.txt
var docTmpl string

// PackageDoc returns the text/template of the package documentation of a
// generated package (without comment markers). The generator executes it
// with the package's facts (generator/pkgdoc.go) and writes the result as
// the doc comment of package_doc.go.
func PackageDoc() string { return docTmpl }
