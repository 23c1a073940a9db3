// Ewsroundtrip decodes SOAP envelopes of Exchange Web Services with the
// generated package github.com/ewsgen/ewsgen/generated/ews and writes them
// out again. It shows what the generated codec keeps of a message, and
// checks many messages at once.
//
// Usage:
//
//	ewsroundtrip [flags] FILE
//	ewsroundtrip [flags] --out DIR FILE...
//
// With one FILE and no --out, the re-encoded envelope is printed on standard
// output, followed by a newline. When the file cannot be decoded, one line
// giving the reason is printed on standard error and the exit status is 1.
//
// With --out, each FILE is re-encoded to DIR/FILE: the path as given on the
// command line, cleaned, with a leading "/" (or volume name) and leading
// "../" elements dropped, so that every output stays under DIR ("../a/b.xml"
// and "/tmp/a/b.xml" are written to DIR/a/b.xml and DIR/tmp/a/b.xml).
// Folders are created as needed. For every FILE one line is printed on
// standard output:
//
//	FILE<TAB>ROOT<TAB>ok
//	FILE<TAB>ROOT<TAB>decode-error: REASON
//	FILE<TAB>ROOT<TAB>encode-error: REASON
//
// ROOT is the local name of the body's element ("FindItem",
// "FindItemResponse", "Fault"), or "-" when there is none. For a file that
// does not decode, ROOT is read with a plain XML tokenizer as far as it
// gets. encode-error means that the re-encoded envelope did not decode
// again, or that the output could not be written; nothing is written for a
// file that does not decode. The exit status is 1 when any file failed.
//
// # Styles
//
// Requests are written the way EWS clients write them (soap:, m: and t:
// prefixes declared once on the envelope), responses and faults the way
// Exchange does (an s: envelope, header elements declaring their own
// namespace, the body's element in its own default namespace): see
// ews.ClientStyle and ews.ServerStyle. A message counts as a response when
// its body holds a SOAP fault or an element whose local name ends in
// "Response" or "ResponseMessage", or when its header has a
// ServerVersionInfo element. --style overrides the choice.
//
// # Documentation slips
//
// The published EWS examples have slips that Exchange never sends: https://
// namespace URIs for the SOAP envelope and the Microsoft namespaces, and
// lines holding only "…" or "..." where the page left content out. Before
// decoding, these are mapped the way generated/ews's conformance test maps
// them (package internal/docslips): the URIs to http://, the placeholder
// lines removed. --docslips=false turns this off.
//
// # Flags
//
//	--out DIR
//		Write each re-encoded envelope to DIR/FILE and print one status
//		line per FILE, as described above.
//
//	--style auto|client|server
//		The style to re-encode in (default auto: by the message, as
//		described above).
//
//	--docslips
//		Map the documentation slips before decoding (default true).
//
//	--max-bytes N
//		Refuse files larger than N bytes (default 0: the decoder's
//		default of 256 MiB).
//
//	--max-depth N
//		Refuse documents nested deeper than N elements (default 0: the
//		decoder's default of 256).
//
// Exit status: 0 when every file was decoded and re-encoded, 1 when one was
// not, 2 for a bad command line.
//
// # Example
//
// Re-encode every documented example of the corpus and list the failures:
//
//	cd $EWSGEN_CORPUS/examples
//	ewsroundtrip --out /tmp/rt */*.xml | grep -v 'ok$'
package main
