package ewsrt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	xmlNamespaceURI   = "http://www.w3.org/XML/1998/namespace"
	xmlnsNamespaceURI = "http://www.w3.org/2000/xmlns/"

	xmlDefaultMaxDepth = 256
	xmlDefaultMaxBytes = 256 << 20

	// xmlBindMapAt is the number of in-scope namespace bindings from which
	// prefix lookups switch from a linear scan to a map.
	xmlBindMapAt = 32
	// xmlURICacheMax bounds the cache of namespace URIs not in the table.
	xmlURICacheMax = 32
)

// Tokens returned by xmlDecoder.next.
const (
	xmlTokErr = iota
	xmlTokStart
	xmlTokEnd
	xmlTokText
	xmlTokCDATA
)

// Flags of a text segment.
const (
	xmlTextRef = 1 // contains an entity or character reference
	xmlTextCR  = 2 // contains \r (end-of-line normalization needed)
)

// Decoder states.
const (
	xmlStateProlog = iota
	xmlStateContent
	xmlStateDone
)

// xmlLimits bounds the resources a decoder spends on one document.
type xmlLimits struct {
	// MaxDepth is the maximum element nesting depth (the document element
	// is depth 1); 0 means 256.
	MaxDepth int
	// MaxBytes is the maximum document size; 0 means 256 MiB.
	MaxBytes int64
	// Strict selects DecodeStrict: unknown content is a problem (see
	// Finish) instead of being kept.
	Strict bool
	// Departures lists undeclared content accepted by both policies.
	Departures *xmlDepartures
}

// xmlAttr is one attribute of a start tag. Value is the raw value, still
// escaped and not normalized; use xmlDecoder.AttrValue for the real value.
type xmlAttr struct {
	NS    int    // index of URI in the decoder's namespace table, -1 if not in it
	URI   string // namespace URI, "" for unprefixed attributes
	Local []byte
	Value []byte
}

// xmlStart is a start tag returned by xmlDecoder.Root and xmlDecoder.Child.
// It and its slices are valid only until the next decoder call.
type xmlStart struct {
	NS    int    // index of URI in the decoder's namespace table, -1 if not in it, 0 for no namespace
	URI   string // namespace URI of the element
	Local []byte
	Attrs []xmlAttr // without namespace declarations
	Line  int
	Empty bool // written as an empty-element tag <x/>
}

// xmlFrame is an open element.
type xmlFrame struct {
	qname []byte // name as written, for matching the end tag
	colon int    // index of ':' in qname, -1 if none
	nb    int    // len(binds) before this element's namespace declarations
	empty bool   // empty-element tag: the end is implied
}

// xmlBinding is an in-scope namespace declaration.
type xmlBinding struct {
	prefix []byte // "" for the default namespace
	uri    string
	ns     int
	prev   int // previous binding of the same prefix (maintained with the map only)
}

// xmlRawAttr is an attribute as written.
type xmlRawAttr struct {
	qname []byte
	colon int
	value []byte
	decl  bool // namespace declaration
}

// xmlDecoder is a namespace-aware, non-validating XML 1.0 pull parser over
// a complete document in memory. It is element oriented: Root returns the
// document element, Child the next child element of the current one, Text
// the character data of simple content, Skip skips an element and Any
// captures one as a tree. Slices it returns point into the input; it never
// recurses, checks every well-formedness constraint of XML 1.0 and
// Namespaces in XML 1.0 except those about DTDs (a DOCTYPE is refused), and
// bounds depth and size by xmlLimits.
type xmlDecoder struct {
	data     []byte
	pos      int
	nsTable  []string
	maxDepth int
	err      error
	state    int

	start   xmlStart
	stack   []xmlFrame
	binds   []xmlBinding
	bindMap map[string]int
	qEnd    int // scope of the last start tag for QName: binds[:qEnd]
	raw     []xmlRawAttr
	uris    []string // namespace URIs not in nsTable, interned
	buf     []byte   // scratch for TextBytes, AttrValue and declarations
	tbuf    []byte   // text being collected by Any
	seen    map[string]struct{}

	line, linePos int // line number at linePos

	tokA, tokB, tokFlags int // the last text or CDATA segment

	strict       bool            // DecodeStrict
	dep          *xmlDepartures  // accepted departures from the schemas, or nil
	problems     []XSUnknownItem // unknown content met in strict mode
	moreProblems bool            // problems beyond xmlMaxProblems were dropped

	ar xmlArenas // blocks of decoded scalars (arena.go); kept by reset
}

// xmlNewDecoder returns a decoder for the document data. nsTable lists the
// namespace URIs the caller wants as small integers (xmlStart.NS,
// xmlAttr.NS); nsTable[0] should be "" (no namespace).
func xmlNewDecoder(data []byte, nsTable []string, lim xmlLimits) *xmlDecoder {
	d := new(xmlDecoder)
	*d = xmlNewDecoderValue(data, nsTable, lim)
	d.stack = make([]xmlFrame, 0, 16)
	d.start.Attrs = make([]xmlAttr, 0, 8)
	d.raw = make([]xmlRawAttr, 0, 8)
	return d
}

// xmlNewDecoderValue is a fresh decoder state without preallocated stacks.
func xmlNewDecoderValue(data []byte, nsTable []string, lim xmlLimits) xmlDecoder {
	d := xmlDecoder{data: data, nsTable: nsTable, maxDepth: lim.MaxDepth, line: 1, strict: lim.Strict, dep: lim.Departures}
	if d.maxDepth <= 0 {
		d.maxDepth = xmlDefaultMaxDepth
	}
	maxBytes := lim.MaxBytes
	if maxBytes <= 0 {
		maxBytes = xmlDefaultMaxBytes
	}
	if int64(len(data)) > maxBytes {
		d.err = &XSDecodeError{Line: 1, Msg: fmt.Sprintf("document exceeds the size limit of %d bytes", maxBytes)}
	}
	return d
}

// reset makes d decode data as a new decoder would, keeping the memory of
// its stacks and buffers, so that decoders can be reused.
func (d *xmlDecoder) reset(data []byte, nsTable []string, lim xmlLimits) {
	old := *d
	n := xmlNewDecoderValue(data, nsTable, lim)
	n.stack = old.stack[:0]
	n.start.Attrs = old.start.Attrs[:0]
	n.raw = old.raw[:0]
	n.binds = old.binds[:0]
	n.uris = old.uris[:0]
	n.buf = old.buf[:0]
	n.tbuf = old.tbuf[:0]
	n.ar = old.ar // the free rest of each block; used parts are never written again
	if old.bindMap != nil {
		clear(old.bindMap)
		n.bindMap = old.bindMap
	}
	if old.seen != nil {
		clear(old.seen)
		n.seen = old.seen
	}
	*d = n
}

// xmlRetainable reports whether d is small enough to keep for reuse.
func (d *xmlDecoder) xmlRetainable() bool {
	return cap(d.buf) <= 1<<20 && cap(d.tbuf) <= 1<<20 && cap(d.stack) <= 1024 && len(d.bindMap) <= 1024
}

// Offset returns the byte offset of the read position in the input.
func (d *xmlDecoder) Offset() int { return d.pos }

// lineAt returns the line number of byte offset pos.
func (d *xmlDecoder) lineAt(pos int) int {
	if pos > len(d.data) {
		pos = len(d.data)
	}
	if pos >= d.linePos {
		d.line += bytes.Count(d.data[d.linePos:pos], []byte{'\n'})
		d.linePos = pos
		return d.line
	}
	return d.line - bytes.Count(d.data[pos:d.linePos], []byte{'\n'})
}

// path returns the element path of the open elements, e.g. "/Envelope/Body".
func (d *xmlDecoder) path() string {
	if len(d.stack) == 0 {
		return ""
	}
	var sb strings.Builder
	for i := range d.stack {
		f := &d.stack[i]
		sb.WriteByte('/')
		sb.Write(f.qname[f.colon+1:])
	}
	return sb.String()
}

// fail records a well-formedness error at byte offset pos.
func (d *xmlDecoder) fail(pos int, format string, args ...any) {
	if d.err != nil {
		return
	}
	d.err = &XSDecodeError{Line: d.lineAt(pos), Path: d.path(), Msg: fmt.Sprintf(format, args...)}
}

// Errorf returns an *XSDecodeError at the current line and element path.
func (d *xmlDecoder) Errorf(format string, args ...any) error {
	return &XSDecodeError{Line: d.lineAt(d.pos), Path: d.path(), Msg: fmt.Sprintf(format, args...)}
}

// Wrap returns err as an *XSDecodeError at the current line and element
// path; errors.Is and errors.As see err through it. An *XSDecodeError is
// returned unchanged.
func (d *xmlDecoder) Wrap(err error) error {
	if err == nil {
		return nil
	}
	var de *XSDecodeError
	if errors.As(err, &de) {
		return err
	}
	return &XSDecodeError{Line: d.lineAt(d.pos), Path: d.path(), Msg: err.Error(), Err: err}
}

// Root skips the prolog (byte order mark, XML declaration, comments,
// processing instructions, white space) and returns the document element.
// A DOCTYPE is refused.
func (d *xmlDecoder) Root() (*xmlStart, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.state != xmlStateProlog {
		return nil, d.Errorf("Root called twice")
	}
	data := d.data
	i := 0
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		i = 3
	}
	if len(data)-i >= 6 && string(data[i:i+5]) == "<?xml" && (xmlIsSpace(data[i+5]) || data[i+5] == '?') {
		if i = d.xmlDecl(i + 5); i < 0 {
			return nil, d.err
		}
	}
	for {
		i = d.skipMisc(i)
		if i < 0 {
			return nil, d.err
		}
		if i >= len(data) {
			d.fail(i, "no document element")
			return nil, d.err
		}
		if i+1 < len(data) && data[i+1] == '/' {
			d.fail(i, "end tag before the document element")
			return nil, d.err
		}
		if i+1 < len(data) && data[i+1] == '!' {
			if bytes.HasPrefix(data[i:], []byte("<!DOCTYPE")) {
				d.fail(i, "DOCTYPE is not allowed")
			} else {
				d.fail(i, "invalid markup before the document element")
			}
			return nil, d.err
		}
		d.state = xmlStateContent
		if !d.startTag(i) {
			return nil, d.err
		}
		return &d.start, nil
	}
}

// skipMisc skips white space, comments and processing instructions from i
// and returns the offset of the next other markup or len(data); -1 on error.
// Character data other than white space is an error (it is outside the
// document element).
func (d *xmlDecoder) skipMisc(i int) int {
	data := d.data
	for {
		for i < len(data) && xmlClass[data[i]]&xmlClsSpace != 0 {
			i++
		}
		if i >= len(data) {
			return i
		}
		if data[i] != '<' {
			if d.state == xmlStateDone {
				d.fail(i, "content after the document element")
			} else {
				d.fail(i, "text before the document element")
			}
			return -1
		}
		if i+1 < len(data) {
			switch data[i+1] {
			case '?':
				if i = d.pi(i); i < 0 {
					return -1
				}
				continue
			case '!':
				if bytes.HasPrefix(data[i:], []byte("<!--")) {
					if i = d.comment(i); i < 0 {
						return -1
					}
					continue
				}
			}
		}
		return i
	}
}

// xmlDecl parses the XML declaration after "<?xml" at i and returns the
// offset after "?>", or -1.
func (d *xmlDecoder) xmlDecl(i int) int {
	data := d.data
	bad := func(msg string) int {
		d.fail(i, "invalid XML declaration: %s", msg)
		return -1
	}
	// attr parses S name Eq quoted-value; name is "" when none follows.
	attr := func() (name, value []byte) {
		j := i
		for j < len(data) && xmlIsSpace(data[j]) {
			j++
		}
		if j == i {
			return nil, nil
		}
		k := j
		for k < len(data) && data[k] >= 'a' && data[k] <= 'z' {
			k++
		}
		if k == j {
			return nil, nil
		}
		name = data[j:k]
		for k < len(data) && xmlIsSpace(data[k]) {
			k++
		}
		if k >= len(data) || data[k] != '=' {
			return name, nil
		}
		k++
		for k < len(data) && xmlIsSpace(data[k]) {
			k++
		}
		if k >= len(data) || data[k] != '"' && data[k] != '\'' {
			return name, nil
		}
		e := bytes.IndexByte(data[k+1:], data[k])
		if e < 0 {
			return name, nil
		}
		value = data[k+1 : k+1+e]
		i = k + 2 + e
		return name, value
	}
	n, v := attr()
	if string(n) != "version" || v == nil {
		return bad("version expected")
	}
	if string(v) != "1.0" {
		return bad(fmt.Sprintf("unsupported version %q", v))
	}
	n, v = attr()
	if string(n) == "encoding" {
		if v == nil {
			return bad("bad encoding")
		}
		if !strings.EqualFold(string(v), "utf-8") {
			return bad(fmt.Sprintf("unsupported encoding %q (only UTF-8 is supported)", v))
		}
		n, v = attr()
	}
	if string(n) == "standalone" {
		if string(v) != "yes" && string(v) != "no" {
			return bad("bad standalone")
		}
		n, v = attr()
	}
	if n != nil {
		return bad(fmt.Sprintf("unexpected %q", n))
	}
	for i < len(data) && xmlIsSpace(data[i]) {
		i++
	}
	if i+1 >= len(data) || data[i] != '?' || data[i+1] != '>' {
		return bad("?> expected")
	}
	return i + 2
}

// comment skips the comment starting at i ("<!--") and returns the offset
// after "-->", or -1.
func (d *xmlDecoder) comment(i int) int {
	data := d.data
	j := i + 4
	e := bytes.Index(data[j:], []byte("--"))
	if e < 0 {
		d.fail(i, "unterminated comment")
		return -1
	}
	e += j
	if e+2 >= len(data) || data[e+2] != '>' {
		d.fail(e, `"--" is not allowed in a comment`)
		return -1
	}
	if bad := xmlCheckChars(data[j:e]); bad >= 0 {
		d.fail(j+bad, "illegal character in comment")
		return -1
	}
	return e + 3
}

// pi skips the processing instruction starting at i ("<?") and returns the
// offset after "?>", or -1.
func (d *xmlDecoder) pi(i int) int {
	data := d.data
	j, colon := d.name(i + 2)
	if j < 0 {
		return -1
	}
	target := data[i+2 : j]
	if colon >= 0 {
		d.fail(i, "processing instruction target %q contains a colon", target)
		return -1
	}
	if len(target) == 3 && (target[0]|0x20) == 'x' && (target[1]|0x20) == 'm' && (target[2]|0x20) == 'l' {
		d.fail(i, "reserved processing instruction target %q (the XML declaration must come first)", target)
		return -1
	}
	if j+1 < len(data) && data[j] == '?' && data[j+1] == '>' {
		return j + 2
	}
	if j >= len(data) || !xmlIsSpace(data[j]) {
		d.fail(j, "white space expected after processing instruction target")
		return -1
	}
	e := bytes.Index(data[j:], []byte("?>"))
	if e < 0 {
		d.fail(i, "unterminated processing instruction")
		return -1
	}
	e += j
	if bad := xmlCheckChars(data[j:e]); bad >= 0 {
		d.fail(j+bad, "illegal character in processing instruction")
		return -1
	}
	return e + 2
}

// xmlCheckChars returns the offset of the first byte of b that is not part
// of a legal XML character (or of valid UTF-8), or -1.
func xmlCheckChars(b []byte) int {
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < 0x80 || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		if c < 0x80 {
			return i
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 || !xmlIsChar(r) {
			return i
		}
		i += n
	}
	return -1
}

// name scans a Name at i and returns its end and the offset of its colon
// (-1 if none), or (-1, -1) after recording an error. A name with a colon
// must be a valid QName (NCName ':' NCName).
func (d *xmlDecoder) name(i int) (int, int) {
	data := d.data
	first := i
	colon := -1
	if i < len(data) && xmlClass[data[i]]&(xmlClsNameStart|xmlClsNCName) == xmlClsNameStart|xmlClsNCName {
		i++
		for i < len(data) && xmlClass[data[i]]&xmlClsNCName != 0 {
			i++
		}
	}
	for i < len(data) {
		c := data[i]
		cl := xmlClass[c]
		if cl&xmlClsName == 0 {
			break
		}
		if c < utf8.RuneSelf {
			if c == ':' {
				if colon >= 0 || i == first {
					d.fail(i, "invalid qualified name %q", xmlNamePreview(data[first:]))
					return -1, -1
				}
				colon = i
			} else if cl&xmlClsNameStart == 0 && (i == first || i == colon+1) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		start := i == first || i == colon+1
		if r == utf8.RuneError && n == 1 || start && !xmlIsNameStartRune(r) || !start && !xmlIsNameRune(r) {
			d.fail(i, "invalid character in name %q", xmlNamePreview(data[first:]))
			return -1, -1
		}
		i += n
	}
	if i == first {
		if i >= len(data) {
			d.fail(i, "unexpected end of input, name expected")
		} else {
			d.fail(i, "name expected")
		}
		return -1, -1
	}
	if colon == i-1 {
		d.fail(i, "invalid qualified name %q", data[first:i])
		return -1, -1
	}
	return i, colon
}

// xmlNamePreview returns the start of a name for error messages.
func xmlNamePreview(b []byte) []byte {
	for i, c := range b {
		if i >= 40 || xmlClass[c]&xmlClsName == 0 && c != ':' {
			return b[:i]
		}
	}
	return b
}

// xmlParseRef parses the reference at data[i] == '&' and returns the offset
// after its ';' and the character it stands for, or -1 when it is not a
// predefined entity or a legal character reference.
func xmlParseRef(data []byte, i int) (int, rune) {
	j := i + 1
	if j < len(data) && data[j] == '#' {
		j++
		var v rune
		digits := 0
		if j < len(data) && data[j] == 'x' {
			j++
			for ; j < len(data); j++ {
				c := data[j]
				switch {
				case c >= '0' && c <= '9':
					c -= '0'
				case c >= 'a' && c <= 'f':
					c -= 'a' - 10
				case c >= 'A' && c <= 'F':
					c -= 'A' - 10
				default:
					goto end
				}
				v = v<<4 | rune(c)
				if v > utf8.MaxRune {
					return -1, 0
				}
				digits++
			}
		} else {
			for ; j < len(data) && data[j] >= '0' && data[j] <= '9'; j++ {
				v = v*10 + rune(data[j]-'0')
				if v > utf8.MaxRune {
					return -1, 0
				}
				digits++
			}
		}
	end:
		if digits == 0 || j >= len(data) || data[j] != ';' || !xmlIsChar(v) {
			return -1, 0
		}
		return j + 1, v
	}
	e := j
	for e < len(data) && e-j < 5 && data[e] != ';' {
		e++
	}
	if e >= len(data) || data[e] != ';' {
		return -1, 0
	}
	switch string(data[j:e]) {
	case "lt":
		return e + 1, '<'
	case "gt":
		return e + 1, '>'
	case "amp":
		return e + 1, '&'
	case "apos":
		return e + 1, '\''
	case "quot":
		return e + 1, '"'
	}
	return -1, 0
}

// badRef records an error for the invalid reference at i.
func (d *xmlDecoder) badRef(i int) {
	data := d.data
	e := i + 1
	for e < len(data) && e-i < 32 && data[e] != ';' && data[e] != '<' && data[e] != '&' && !xmlIsSpace(data[e]) {
		e++
	}
	if e < len(data) && data[e] == ';' {
		e++
	}
	ref := data[i:e]
	if len(ref) > 1 && ref[1] == '#' {
		d.fail(i, "invalid character reference %q", ref)
	} else {
		d.fail(i, "undefined or malformed entity reference %q (only &lt; &gt; &amp; &apos; &quot; are defined)", ref)
	}
}

// scanText scans character data from i to the next '<' or the end of input,
// checking characters and references. It returns the end and the segment's
// xmlText* flags, or -1 after recording an error.
func (d *xmlDecoder) scanText(i int) (int, int) {
	data := d.data
	flags := 0
	for {
		for i < len(data) && xmlClass[data[i]]&xmlClsText == 0 {
			i++
		}
		if i >= len(data) {
			return i, flags
		}
		c := data[i]
		switch {
		case c == '<':
			return i, flags
		case c == '&':
			n, _ := xmlParseRef(data, i)
			if n < 0 {
				d.badRef(i)
				return -1, 0
			}
			i = n
			flags |= xmlTextRef
		case c == ']':
			if i+2 < len(data) && data[i+1] == ']' && data[i+2] == '>' {
				d.fail(i, `"]]>" is not allowed in character data`)
				return -1, 0
			}
			i++
		case c == '\r':
			flags |= xmlTextCR
			i++
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				d.fail(i, "invalid UTF-8")
				return -1, 0
			}
			if !xmlIsChar(r) {
				d.fail(i, "illegal character %U", r)
				return -1, 0
			}
			i += n
		default:
			d.fail(i, "illegal character %U", rune(c))
			return -1, 0
		}
	}
}

// xmlAppendText appends checked character data raw with references decoded
// and line ends normalized.
func xmlAppendText(b, raw []byte) []byte {
	for len(raw) > 0 {
		i := xmlIndexTextSpecial(raw)
		if i < 0 {
			return append(b, raw...)
		}
		b = append(b, raw[:i]...)
		if raw[i] == '\r' {
			b = append(b, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			raw = raw[i+1:]
			continue
		}
		n, r := xmlParseRef(raw, i)
		if n < 0 { // not reached for checked input
			n = i + 1
			r = '&'
		}
		b = utf8.AppendRune(b, r)
		raw = raw[n:]
	}
	return b
}

// xmlAppendCDATA appends CDATA content with line ends normalized.
func xmlAppendCDATA(b, raw []byte) []byte {
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '\r')
		if i < 0 {
			return append(b, raw...)
		}
		b = append(b, raw[:i]...)
		b = append(b, '\n')
		if i+1 < len(raw) && raw[i+1] == '\n' {
			i++
		}
		raw = raw[i+1:]
	}
	return b
}

// xmlAppendAttrValue appends a checked raw attribute value with references
// decoded and white space normalized (each literal tab, newline, carriage
// return or CR LF pair becomes a space).
func xmlAppendAttrValue(b, raw []byte) []byte {
	for len(raw) > 0 {
		i := xmlIndexAttrSpecial(raw)
		if i < 0 {
			return append(b, raw...)
		}
		b = append(b, raw[:i]...)
		switch raw[i] {
		case '&':
			n, r := xmlParseRef(raw, i)
			if n < 0 {
				n = i + 1
				r = '&'
			}
			b = utf8.AppendRune(b, r)
			raw = raw[n:]
			continue
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		}
		b = append(b, ' ')
		raw = raw[i+1:]
	}
	return b
}

// AttrValue returns the value of a with references decoded and white space
// normalized as XML requires for attributes (CDATA normalization: no
// trimming or collapsing).
func (d *xmlDecoder) AttrValue(a *xmlAttr) string {
	if xmlIndexAttrSpecial(a.Value) < 0 {
		return string(a.Value)
	}
	d.buf = xmlAppendAttrValue(d.buf[:0], a.Value)
	return string(d.buf)
}

// startTag parses the start tag at lt ('<'), processes its namespace
// declarations, fills d.start and pushes the element.
func (d *xmlDecoder) startTag(lt int) bool {
	data := d.data
	i := lt + 1
	ne, colon := d.name(i)
	if ne < 0 {
		return false
	}
	qname := data[i:ne]
	if colon >= 0 {
		colon -= i
	}
	i = ne
	raws := d.raw[:0]
	decls := false
	empty := false
	for {
		j := i
		for j < len(data) && xmlClass[data[j]]&xmlClsSpace != 0 {
			j++
		}
		if j >= len(data) {
			d.fail(j, "unexpected end of input in start tag <%s>", qname)
			return false
		}
		c := data[j]
		if c == '>' {
			i = j + 1
			break
		}
		if c == '/' {
			if j+1 < len(data) && data[j+1] == '>' {
				empty = true
				i = j + 2
				break
			}
			d.fail(j, "expected /> in start tag <%s>", qname)
			return false
		}
		if j == i {
			if xmlClass[c]&xmlClsNameStart == 0 {
				d.fail(j, "unexpected character %q in start tag <%s>", rune(c), qname)
			} else {
				d.fail(j, "white space expected before attribute in start tag <%s>", qname)
			}
			return false
		}
		an, acolon := d.name(j)
		if an < 0 {
			return false
		}
		k := an
		for k < len(data) && xmlClass[data[k]]&xmlClsSpace != 0 {
			k++
		}
		if k >= len(data) || data[k] != '=' {
			d.fail(k, "attribute %s without = in start tag <%s>", data[j:an], qname)
			return false
		}
		k++
		for k < len(data) && xmlClass[data[k]]&xmlClsSpace != 0 {
			k++
		}
		if k >= len(data) || data[k] != '"' && data[k] != '\'' {
			d.fail(k, "unquoted or missing value of attribute %s", data[j:an])
			return false
		}
		q := data[k]
		k++
		vs := k
		for {
			for k < len(data) && xmlClass[data[k]]&xmlClsAttr == 0 {
				k++
			}
			if k >= len(data) {
				d.fail(k, "unexpected end of input in attribute value")
				return false
			}
			c := data[k]
			if c == q {
				break
			}
			switch {
			case c == '"' || c == '\'':
				k++
			case c == '<':
				d.fail(k, "unescaped < in attribute value")
				return false
			case c == '&':
				n, _ := xmlParseRef(data, k)
				if n < 0 {
					d.badRef(k)
					return false
				}
				k = n
			case c >= utf8.RuneSelf:
				r, n := utf8.DecodeRune(data[k:])
				if r == utf8.RuneError && n == 1 {
					d.fail(k, "invalid UTF-8")
					return false
				}
				if !xmlIsChar(r) {
					d.fail(k, "illegal character %U", r)
					return false
				}
				k += n
			default:
				d.fail(k, "illegal character %U", rune(c))
				return false
			}
		}
		aq := data[j:an]
		if acolon >= 0 {
			acolon -= j
		}
		decl := acolon == 5 && string(aq[:5]) == "xmlns" || acolon < 0 && string(aq) == "xmlns"
		decls = decls || decl
		raws = append(raws, xmlRawAttr{qname: aq, colon: acolon, value: data[vs:k], decl: decl})
		i = k + 1
	}
	d.raw = raws
	d.pos = i
	if len(d.stack) >= d.maxDepth {
		d.fail(lt, "nesting depth exceeds %d", d.maxDepth)
		return false
	}
	if len(raws) > 1 && !d.checkDupRaw(lt) {
		return false
	}
	nb := len(d.binds)
	if decls {
		for k := range raws {
			if a := &raws[k]; a.decl && !d.declare(lt, a) {
				return false
			}
		}
	}
	st := &d.start
	st.Line = d.lineAt(lt)
	st.Empty = empty
	if colon < 0 {
		st.Local = qname
		st.NS, st.URI = 0, ""
		if b := d.lookup(nil); b >= 0 {
			st.NS, st.URI = d.binds[b].ns, d.binds[b].uri
		}
	} else {
		st.Local = qname[colon+1:]
		p := qname[:colon]
		if !d.resolve(lt, p, &st.NS, &st.URI) {
			return false
		}
		if string(p) == "xmlns" {
			d.fail(lt, "element name %s uses the reserved prefix xmlns", qname)
			return false
		}
	}
	attrs := st.Attrs[:0]
	prefixed := 0
	for k := range raws {
		a := &raws[k]
		if a.decl {
			continue
		}
		at := xmlAttr{Value: a.value}
		if a.colon < 0 {
			at.Local = a.qname
		} else {
			at.Local = a.qname[a.colon+1:]
			if !d.resolve(lt, a.qname[:a.colon], &at.NS, &at.URI) {
				return false
			}
			prefixed++
		}
		attrs = append(attrs, at)
	}
	st.Attrs = attrs
	if prefixed > 1 && !d.checkDupExpanded(lt) {
		return false
	}
	d.stack = append(d.stack, xmlFrame{qname: qname, colon: colon, nb: nb, empty: empty})
	d.qEnd = len(d.binds)
	return true
}

// checkDupRaw reports an error if two attributes of the start tag at lt
// have the same name as written.
func (d *xmlDecoder) checkDupRaw(lt int) bool {
	raws := d.raw
	if len(raws) <= 16 {
		for i := 1; i < len(raws); i++ {
			for j := 0; j < i; j++ {
				if bytes.Equal(raws[i].qname, raws[j].qname) {
					d.fail(lt, "duplicate attribute %s", raws[i].qname)
					return false
				}
			}
		}
		return true
	}
	if d.seen == nil {
		d.seen = make(map[string]struct{})
	}
	clear(d.seen)
	for i := range raws {
		if _, ok := d.seen[string(raws[i].qname)]; ok {
			d.fail(lt, "duplicate attribute %s", raws[i].qname)
			return false
		}
		d.seen[string(raws[i].qname)] = struct{}{}
	}
	return true
}

// checkDupExpanded reports an error if two prefixed attributes of d.start
// have the same namespace URI and local name.
func (d *xmlDecoder) checkDupExpanded(lt int) bool {
	attrs := d.start.Attrs
	if len(attrs) <= 16 {
		for i := 1; i < len(attrs); i++ {
			for j := 0; j < i; j++ {
				if attrs[i].URI == attrs[j].URI && bytes.Equal(attrs[i].Local, attrs[j].Local) {
					d.fail(lt, "duplicate attribute {%s}%s", attrs[i].URI, attrs[i].Local)
					return false
				}
			}
		}
		return true
	}
	if d.seen == nil {
		d.seen = make(map[string]struct{})
	}
	clear(d.seen)
	for i := range attrs {
		k := attrs[i].URI + "\x00" + string(attrs[i].Local)
		if _, ok := d.seen[k]; ok {
			d.fail(lt, "duplicate attribute {%s}%s", attrs[i].URI, attrs[i].Local)
			return false
		}
		d.seen[k] = struct{}{}
	}
	return true
}

// declare processes the namespace declaration a of the start tag at lt.
func (d *xmlDecoder) declare(lt int, a *xmlRawAttr) bool {
	var prefix []byte
	if a.colon >= 0 {
		prefix = a.qname[a.colon+1:]
	}
	v := a.value
	if xmlIndexAttrSpecial(v) >= 0 {
		d.buf = xmlAppendAttrValue(d.buf[:0], v)
		v = d.buf
	}
	switch {
	case string(prefix) == "xmlns":
		d.fail(lt, "the prefix xmlns must not be declared")
		return false
	case string(prefix) == "xml":
		if string(v) != xmlNamespaceURI {
			d.fail(lt, "the prefix xml must not be bound to %q", v)
			return false
		}
		return true // predefined
	case string(v) == xmlNamespaceURI || string(v) == xmlnsNamespaceURI:
		d.fail(lt, "namespace %q must not be declared", v)
		return false
	case len(v) == 0 && a.colon >= 0:
		d.fail(lt, "namespace prefix %s must not be bound to the empty string", prefix)
		return false
	}
	uri, ns := d.intern(v)
	b := xmlBinding{prefix: prefix, uri: uri, ns: ns, prev: -1}
	if d.bindMap == nil && len(d.binds) >= xmlBindMapAt {
		d.bindMap = make(map[string]int)
		for i := range d.binds {
			bi := &d.binds[i]
			bi.prev = -1
			if p, ok := d.bindMap[string(bi.prefix)]; ok {
				bi.prev = p
			}
			d.bindMap[string(bi.prefix)] = i
		}
	}
	if d.bindMap != nil {
		if p, ok := d.bindMap[string(prefix)]; ok {
			b.prev = p
		}
		d.bindMap[string(prefix)] = len(d.binds)
	}
	d.binds = append(d.binds, b)
	return true
}

// intern returns the namespace URI v as a string and its index in the
// namespace table (-1 if not there), without allocating for known URIs.
func (d *xmlDecoder) intern(v []byte) (string, int) {
	if len(v) == 0 {
		return "", 0
	}
	for i, s := range d.nsTable {
		if string(v) == s {
			return s, i
		}
	}
	for _, s := range d.uris {
		if string(v) == s {
			return s, -1
		}
	}
	s := string(v)
	if len(d.uris) < xmlURICacheMax {
		d.uris = append(d.uris, s)
	}
	return s, -1
}

// lookup returns the index in d.binds of the innermost binding of prefix
// (nil or empty for the default namespace), or -1.
func (d *xmlDecoder) lookup(prefix []byte) int {
	if d.bindMap != nil {
		if i, ok := d.bindMap[string(prefix)]; ok {
			return i
		}
		return -1
	}
	for i := len(d.binds) - 1; i >= 0; i-- {
		if bytes.Equal(d.binds[i].prefix, prefix) {
			return i
		}
	}
	return -1
}

// resolve sets *ns and *uri for a non-empty prefix of the start tag at lt.
func (d *xmlDecoder) resolve(lt int, prefix []byte, ns *int, uri *string) bool {
	if b := d.lookup(prefix); b >= 0 {
		*ns, *uri = d.binds[b].ns, d.binds[b].uri
		return true
	}
	if string(prefix) == "xml" {
		*uri = xmlNamespaceURI
		*ns = -1
		for i, s := range d.nsTable {
			if s == xmlNamespaceURI {
				*ns = i
			}
		}
		return true
	}
	if string(prefix) == "xmlns" {
		d.fail(lt, "the prefix xmlns is reserved for namespace declarations")
		return false
	}
	d.fail(lt, "undeclared namespace prefix %q", prefix)
	return false
}

// popBinds drops the bindings from index n on.
func (d *xmlDecoder) popBinds(n int) {
	if d.bindMap != nil {
		for i := len(d.binds) - 1; i >= n; i-- {
			b := &d.binds[i]
			if b.prev >= 0 {
				d.bindMap[string(b.prefix)] = b.prev
			} else {
				delete(d.bindMap, string(b.prefix))
			}
		}
	}
	d.binds = d.binds[:n]
}

// pop closes the current element; after the document element it checks
// that only comments, processing instructions and white space follow.
func (d *xmlDecoder) pop() bool {
	n := len(d.stack) - 1
	d.popBinds(d.stack[n].nb)
	d.stack = d.stack[:n]
	if n == 0 {
		d.state = xmlStateDone
		i := d.skipMisc(d.pos)
		if i < 0 {
			return false
		}
		if i < len(d.data) {
			d.fail(i, "content after the document element")
			return false
		}
		d.pos = i
	}
	return true
}

// endTag parses the end tag whose "</" is at i and pops the element.
func (d *xmlDecoder) endTag(i int) bool {
	data := d.data
	top := &d.stack[len(d.stack)-1]
	j := i + 2
	e := j + len(top.qname)
	if e > len(data) || !bytes.Equal(data[j:e], top.qname) || e < len(data) && xmlClass[data[e]]&xmlClsName != 0 {
		if e, _ = d.name(j); e < 0 {
			return false
		}
		d.fail(i, "element <%s> closed by </%s>", top.qname, data[j:e])
		return false
	}
	for e < len(data) && xmlClass[data[e]]&xmlClsSpace != 0 {
		e++
	}
	if e >= len(data) || data[e] != '>' {
		d.fail(e, "expected > in end tag </%s>", top.qname)
		return false
	}
	d.pos = e + 1
	return d.pop()
}

// next reads the content of the current element up to the next start tag
// (parsed and pushed: xmlTokStart), end tag of the current element (popped:
// xmlTokEnd), text or CDATA segment (d.tokA, d.tokB, d.tokFlags). Comments
// and processing instructions are skipped. On error it returns xmlTokErr
// with d.err set.
func (d *xmlDecoder) next() int {
	n := len(d.stack)
	if n == 0 {
		d.fail(d.pos, "no open element")
		return xmlTokErr
	}
	if d.stack[n-1].empty {
		if !d.pop() {
			return xmlTokErr
		}
		return xmlTokEnd
	}
	data := d.data
	for {
		i := d.pos
		if i >= len(data) {
			d.fail(i, "unexpected end of input: element <%s> is not closed", d.stack[n-1].qname)
			return xmlTokErr
		}
		if data[i] != '<' {
			e, fl := d.scanText(i)
			if e < 0 {
				return xmlTokErr
			}
			d.tokA, d.tokB, d.tokFlags = i, e, fl
			d.pos = e
			return xmlTokText
		}
		if i+1 >= len(data) {
			d.fail(i, "unexpected end of input after <")
			return xmlTokErr
		}
		switch data[i+1] {
		case '/':
			if !d.endTag(i) {
				return xmlTokErr
			}
			return xmlTokEnd
		case '?':
			if d.pos = d.pi(i); d.pos < 0 {
				d.pos = i
				return xmlTokErr
			}
		case '!':
			rest := data[i:]
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				if d.pos = d.comment(i); d.pos < 0 {
					d.pos = i
					return xmlTokErr
				}
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				a := i + 9
				e := bytes.Index(data[a:], []byte("]]>"))
				if e < 0 {
					d.fail(i, "unterminated CDATA section")
					return xmlTokErr
				}
				e += a
				if bad := xmlCheckChars(data[a:e]); bad >= 0 {
					d.fail(a+bad, "illegal character or invalid UTF-8 in CDATA section")
					return xmlTokErr
				}
				fl := 0
				if bytes.IndexByte(data[a:e], '\r') >= 0 {
					fl = xmlTextCR
				}
				d.tokA, d.tokB, d.tokFlags = a, e, fl
				d.pos = e + 3
				return xmlTokCDATA
			case bytes.HasPrefix(rest, []byte("<!DOCTYPE")):
				d.fail(i, "DOCTYPE is not allowed")
				return xmlTokErr
			default:
				d.fail(i, "invalid markup <!")
				return xmlTokErr
			}
		default:
			if !d.startTag(i) {
				return xmlTokErr
			}
			return xmlTokStart
		}
	}
}

// Child returns the next child element of the current element, skipping
// white space, comments, processing instructions and any other character
// data. After the current element's end tag it returns (nil, nil) and the
// parent becomes current again. The result is valid until the next call.
func (d *xmlDecoder) Child() (*xmlStart, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.state != xmlStateContent {
		if d.state == xmlStateDone {
			return nil, nil
		}
		return nil, d.Errorf("Child called before Root")
	}
	for {
		switch d.next() {
		case xmlTokStart:
			return &d.start, nil
		case xmlTokEnd:
			return nil, nil
		case xmlTokErr:
			return nil, d.err
		}
	}
}

// MixedChild is Child for an element of mixed content: the character data
// met before the returned child (references decoded, CDATA included) is
// appended to *text. At the end tag, *text is emptied when it holds only
// white space (indentation between the child elements).
func (d *xmlDecoder) MixedChild(text *string) (*xmlStart, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.state != xmlStateContent {
		if d.state == xmlStateDone {
			return nil, nil
		}
		return nil, d.Errorf("MixedChild called before Root")
	}
	for {
		switch d.next() {
		case xmlTokStart:
			return &d.start, nil
		case xmlTokEnd:
			if strings.TrimLeft(*text, " \t\r\n") == "" {
				*text = ""
			}
			return nil, nil
		case xmlTokText:
			d.buf = xmlAppendText(d.buf[:0], d.data[d.tokA:d.tokB])
			*text += string(d.buf)
		case xmlTokCDATA:
			d.buf = xmlAppendCDATA(d.buf[:0], d.data[d.tokA:d.tokB])
			*text += string(d.buf)
		default:
			return nil, d.err
		}
	}
}

// Skip consumes the rest of the current element (the one last returned by
// Root or Child): its content and its end tag.
func (d *xmlDecoder) Skip() error {
	if d.err != nil {
		return d.err
	}
	if d.state != xmlStateContent {
		return d.Errorf("no current element")
	}
	for depth := 1; depth > 0; {
		switch d.next() {
		case xmlTokStart:
			depth++
		case xmlTokEnd:
			depth--
		case xmlTokErr:
			return d.err
		}
	}
	return nil
}

// TextBytes returns the character data of the current element (references
// decoded, CDATA sections included, comments and processing instructions
// ignored) and consumes its end tag. A child element is an error. The
// result is valid only until the next call; it aliases the input when no
// decoding is needed.
func (d *xmlDecoder) TextBytes() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.state != xmlStateContent {
		return nil, d.Errorf("no current element")
	}
	data := d.data
	if top := d.stack[len(d.stack)-1]; !top.empty {
		// Fast path: plain text followed by the end tag.
		i := d.pos
		e, fl := d.scanText(i)
		if e < 0 {
			return nil, d.err
		}
		if fl == 0 && e+1 < len(data) && data[e+1] == '/' {
			if !d.endTag(e) {
				return nil, d.err
			}
			return data[i:e:e], nil
		}
		d.tokA, d.tokB, d.tokFlags = i, e, fl
		d.pos = e
		d.buf = xmlAppendText(d.buf[:0], data[i:e])
	} else {
		d.buf = d.buf[:0]
	}
	for {
		switch d.next() {
		case xmlTokText:
			d.buf = xmlAppendText(d.buf, data[d.tokA:d.tokB])
		case xmlTokCDATA:
			d.buf = xmlAppendCDATA(d.buf, data[d.tokA:d.tokB])
		case xmlTokEnd:
			return d.buf, nil
		case xmlTokStart:
			f := d.stack[len(d.stack)-1]
			d.stack = d.stack[:len(d.stack)-1] // report the path of the parent
			d.fail(d.pos, "unexpected child element <%s> in simple content", f.qname)
			return nil, d.err
		default:
			return nil, d.err
		}
	}
}

// Text is TextBytes returning a string.
func (d *xmlDecoder) Text() (string, error) {
	b, err := d.TextBytes()
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// QName resolves the QName s ("prefix:local", or "local" in the default
// namespace) in the namespace scope of the element last returned by Root
// or Child; this stays valid after Text or Skip consumed that element, until
// the next start tag is read. Leading and trailing white space is ignored.
func (d *xmlDecoder) QName(s string) (XSQName, error) {
	s = xmlTrimSpaceString(s)
	prefix, local, ok := strings.Cut(s, ":")
	if !ok {
		prefix, local = "", s
	}
	if !xmlIsNCName(local) || ok && !xmlIsNCName(prefix) {
		return XSQName{}, d.Errorf("invalid QName %q", s)
	}
	if prefix == "xml" {
		return XSQName{Space: xmlNamespaceURI, Local: local}, nil
	}
	end := d.qEnd
	if end > cap(d.binds) {
		end = len(d.binds)
	}
	binds := d.binds[:end]
	for i := len(binds) - 1; i >= 0; i-- {
		if string(binds[i].prefix) == prefix {
			return XSQName{Space: binds[i].uri, Local: local}, nil
		}
	}
	if prefix != "" {
		return XSQName{}, d.Errorf("undeclared namespace prefix %q in QName %q", prefix, s)
	}
	return XSQName{Local: local}, nil
}

// xmlIsNCName reports whether s is a name without colon.
func xmlIsNCName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == utf8.RuneError || r == ':' {
			return false
		}
		if i == 0 && !xmlIsNameStartRune(r) || !xmlIsNameRune(r) {
			return false
		}
	}
	return true
}

// Any captures the current element (whose start tag se was just returned by
// Root or Child) with its whole content as a namespace-resolved tree. The
// captured root records every namespace binding in scope (so QName values
// in its content still resolve when it is re-encoded); other elements
// record the declarations they carried.
func (d *xmlDecoder) Any(se *xmlStart) (*XSAnyElement, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.state != xmlStateContent {
		return nil, d.Errorf("no current element")
	}
	root := d.anyElem(se, true)
	stack := []*XSAnyElement{root}
	text := d.tbuf[:0]
	data := d.data
	flush := func() {
		if len(text) > 0 {
			top := stack[len(stack)-1]
			top.Children = append(top.Children, XSAnyNode{Text: string(text)})
			text = text[:0]
		}
	}
	for len(stack) > 0 {
		switch d.next() {
		case xmlTokText:
			text = xmlAppendText(text, data[d.tokA:d.tokB])
		case xmlTokCDATA:
			text = xmlAppendCDATA(text, data[d.tokA:d.tokB])
		case xmlTokStart:
			flush()
			e := d.anyElem(&d.start, false)
			top := stack[len(stack)-1]
			top.Children = append(top.Children, XSAnyNode{Elem: e})
			stack = append(stack, e)
		case xmlTokEnd:
			flush()
			stack = stack[:len(stack)-1]
		default:
			d.tbuf = text
			return nil, d.err
		}
	}
	d.tbuf = text
	root.NS = xmlPruneNS(root)
	return root, nil
}

// xmlPruneNS keeps, of the bindings recorded on a captured root, those a
// QName in its content could use: a prefix followed by ':' somewhere in an
// attribute value or text of the subtree. Names of elements and attributes
// need none of them (AppendXML declares what names need), so without this
// every binding in scope (the envelope's, for a fault detail) would be
// written again on every captured element.
func xmlPruneNS(root *XSAnyElement) []XSNamespace {
	if len(root.NS) == 0 {
		return root.NS
	}
	used := map[string]bool{}
	scan := func(s string) {
		for i := 0; i < len(s); i++ {
			if s[i] != ':' {
				continue
			}
			j := i
			for j > 0 && (xmlIsNameByte(s[j-1])) {
				j--
			}
			if j < i {
				used[s[j:i]] = true
			}
		}
	}
	var walk func(e *XSAnyElement)
	walk = func(e *XSAnyElement) {
		for i := range e.Attrs {
			scan(e.Attrs[i].Value)
		}
		for _, c := range e.Children {
			if c.Elem != nil {
				walk(c.Elem)
			} else {
				scan(c.Text)
			}
		}
	}
	walk(root)
	kept := root.NS[:0]
	for _, b := range root.NS {
		if b.Prefix != "" && used[b.Prefix] {
			kept = append(kept, b)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	return kept
}

// xmlIsNameByte reports whether c can be part of an ASCII NCName.
func xmlIsNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

// anyElem converts the start tag se of the current element to a tree node.
func (d *xmlDecoder) anyElem(se *xmlStart, root bool) *XSAnyElement {
	f := &d.stack[len(d.stack)-1]
	e := &XSAnyElement{Name: XSQName{Space: se.URI, Local: string(se.Local)}}
	if f.colon >= 0 {
		e.Prefix = string(f.qname[:f.colon])
	}
	if len(se.Attrs) > 0 {
		e.Attrs = make([]XSAnyAttr, len(se.Attrs))
		var raws []xmlRawAttr
		if se == &d.start {
			raws = d.raw
		}
		k := 0
		for i := range se.Attrs {
			a := &se.Attrs[i]
			e.Attrs[i] = XSAnyAttr{Name: XSQName{Space: a.URI, Local: string(a.Local)}, Value: d.AttrValue(a)}
			for k < len(raws) && raws[k].decl {
				k++
			}
			if k < len(raws) {
				if r := &raws[k]; r.colon >= 0 {
					e.Attrs[i].Prefix = string(r.qname[:r.colon])
				}
				k++
			}
		}
	}
	binds := d.binds[f.nb:]
	if root {
		binds = d.binds
	}
	var shadow []bool
	if root && len(binds) > 32 {
		shadow = make([]bool, len(binds))
		seen := make(map[string]bool, len(binds))
		for i := len(binds) - 1; i >= 0; i-- {
			shadow[i] = seen[string(binds[i].prefix)]
			seen[string(binds[i].prefix)] = true
		}
	}
	for i := range binds {
		b := &binds[i]
		if root {
			shadowed := false
			if shadow != nil {
				shadowed = shadow[i]
			} else {
				for j := i + 1; j < len(binds); j++ {
					if bytes.Equal(binds[j].prefix, b.prefix) {
						shadowed = true
						break
					}
				}
			}
			if shadowed {
				continue
			}
		}
		e.NS = append(e.NS, XSNamespace{Prefix: string(b.prefix), URI: b.uri})
	}
	return e
}

// XSDecodeError is a decoding error with its position: the line number and
// the path of local names of the open elements.
type XSDecodeError struct {
	Line int    // 1-based line of the error
	Path string // e.g. "/Envelope/Body/GetItemResponse"; "" outside the document element
	Msg  string
	Err  error // the wrapped error, if any
}

// Error returns "line N: /path: msg".
func (e *XSDecodeError) Error() string {
	s := "line " + strconv.Itoa(e.Line) + ": "
	if e.Path != "" {
		s += e.Path + ": "
	}
	return s + e.Msg
}

// Unwrap returns the wrapped error.
func (e *XSDecodeError) Unwrap() error { return e.Err }

// xmlReadAll reads r to the end, but at most max bytes (256 MiB when max <=
// 0). If r has more, it stops reading and returns an error.
func xmlReadAll(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = xmlDefaultMaxBytes
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("message exceeds the size limit of %d bytes", max)
	}
	return b, nil
}

// xmlIndexTextSpecial returns the index of the first '&' or '\r' in b, or
// -1 (a plain loop: bytes.IndexAny builds a set on every call).
func xmlIndexTextSpecial(b []byte) int {
	for i, c := range b {
		if c == '&' || c == '\r' {
			return i
		}
	}
	return -1
}

// xmlIndexAttrSpecial returns the index of the first byte of b that
// attribute-value normalization changes ('&', '\r', '\n', '\t'), or -1.
func xmlIndexAttrSpecial(b []byte) int {
	for i, c := range b {
		if c == '&' || c == '\r' || c == '\n' || c == '\t' {
			return i
		}
	}
	return -1
}
