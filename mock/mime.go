package mock

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"reflect"
	"strings"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// MIME content: CreateItem with MimeContent reads the message's headers
// (Subject, From, To, Cc, Bcc, Date, Message-ID), its body (the HTML part
// when there is one, else the text part) and its attachments; GetItem
// with IncludeMimeContent writes the item as a MIME message. Properties
// the request sets besides MimeContent win over those of the MIME.

// maxMimeDepth bounds the nesting of multiparts read.
const maxMimeDepth = 8

var errMime = &errMsg{code: ews.ResponseCodeErrorMimeContentConversionFailed, text: "The MIME content cannot be converted to an item."}

// applyMime fills the properties of item value v from its MimeContent,
// which it then clears (GetItem writes MIME afresh).
func applyMime(v reflect.Value) *errMsg {
	mf := field(v, "MimeContent")
	if !isSet(mf) {
		return nil
	}
	mc := mf.Interface().(*ews.MimeContentType)
	mf.Set(reflect.Zero(mf.Type()))
	raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(mc.Value), ""))
	if err != nil {
		return &errMsg{code: errMime.code, text: errMime.text + " The content is not base64: " + err.Error()}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return &errMsg{code: errMime.code, text: errMime.text + " " + err.Error()}
	}
	dec := new(mime.WordDecoder)
	header := func(name string) string {
		h := msg.Header.Get(name)
		if d, err := dec.DecodeHeader(h); err == nil {
			return d
		}
		return h
	}
	setIfUnset := func(name string, x any) {
		if f := field(v, name); f.IsValid() && !isSet(f) {
			setField(v, name, x)
		}
	}
	if sub := header("Subject"); sub != "" {
		setIfUnset("Subject", sub)
	}
	if from, err := mail.ParseAddress(header("From")); err == nil {
		setIfUnset("From", &ews.SingleRecipientType{Mailbox: mimeMailbox(from)})
	}
	for _, h := range []struct{ header, field string }{{"To", "ToRecipients"}, {"Cc", "CcRecipients"}, {"Bcc", "BccRecipients"}} {
		list, err := mail.ParseAddressList(header(h.header))
		if err != nil || len(list) == 0 {
			continue
		}
		r := &ews.ArrayOfRecipientsType{}
		for _, a := range list {
			r.Items = append(r.Items, mimeMailbox(a))
		}
		setIfUnset(h.field, r)
	}
	if d, err := msg.Header.Date(); err == nil {
		setIfUnset("DateTimeSent", ews.XSDateTimeOf(d.UTC()))
	}
	if id := strings.TrimSpace(msg.Header.Get("Message-Id")); id != "" {
		setIfUnset("InternetMessageId", id)
	}
	var text, html *string
	var atts []ews.NonEmptyArrayOfAttachmentsTypeChoice
	if err := readMimePart(textproto(msg.Header), msg.Body, 0, &text, &html, &atts); err != nil {
		return &errMsg{code: errMime.code, text: errMime.text + " " + err.Error()}
	}
	switch {
	case html != nil:
		setIfUnset("Body", &ews.BodyType{BodyType: ews.BodyTypeHTML, Value: *html})
	case text != nil:
		setIfUnset("Body", &ews.BodyType{BodyType: ews.BodyTypeText, Value: *text})
	}
	if len(atts) > 0 && !isSet(field(v, "Attachments")) {
		setAttachments(v, atts)
	}
	return nil
}

// textproto turns a mail header into the form multipart parts use.
func textproto(h mail.Header) map[string][]string { return h }

func mimeMailbox(a *mail.Address) *ews.EmailAddressType {
	e := &ews.EmailAddressType{EmailAddress: ptr(ews.NonEmptyStringType(a.Address)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeOneOff)}
	if a.Name != "" {
		e.Name = ptr(a.Name)
	}
	return e
}

// readMimePart reads one MIME entity: text and HTML bodies (the first of
// each), and attachments.
func readMimePart(h map[string][]string, body io.Reader, depth int, text, html **string, atts *[]ews.NonEmptyArrayOfAttachmentsTypeChoice) error {
	if depth > maxMimeDepth {
		return fmt.Errorf("multiparts nest deeper than %d levels", maxMimeDepth)
	}
	get := func(k string) string {
		if v := h[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	ct := get("Content-Type")
	if ct == "" {
		ct = "text/plain"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, params = "text/plain", nil
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := readMimePart(p.Header, p, depth+1, text, html, atts); err != nil {
				return err
			}
		}
	}
	var data []byte
	switch strings.ToLower(strings.TrimSpace(get("Content-Transfer-Encoding"))) {
	case "base64":
		data, err = io.ReadAll(base64.NewDecoder(base64.StdEncoding, &newlineStripper{r: body}))
	case "quoted-printable":
		data, err = io.ReadAll(quotedprintable.NewReader(body))
	default:
		data, err = io.ReadAll(body)
	}
	if err != nil {
		return err
	}
	disp, dparams, _ := mime.ParseMediaType(get("Content-Disposition"))
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	if disp != "attachment" && name == "" {
		switch {
		case mt == "text/html" && *html == nil:
			s := decodeCharset(data, params["charset"])
			*html = &s
			return nil
		case mt == "text/plain" && *text == nil:
			s := decodeCharset(data, params["charset"])
			*text = &s
			return nil
		}
	}
	if mt == "message/rfc822" {
		name = strings.TrimSuffix(name, ".eml")
	}
	a := &ews.FileAttachmentType{Name: ptr(name), ContentType: ptr(mt), Content: data, IsInline: ptr(disp == "inline")}
	if cid := strings.Trim(get("Content-Id"), "<> "); cid != "" {
		a.ContentId = ptr(cid)
	}
	*atts = append(*atts, a)
	return nil
}

// decodeCharset returns text in charset as UTF-8: ISO-8859-1 (and
// windows-1252, read as its ISO-8859-1 subset) is converted; bytes that
// are not valid UTF-8 in other charsets become U+FFFD.
func decodeCharset(b []byte, charset string) string {
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "iso-8859-1", "latin1", "iso_8859-1", "windows-1252", "cp1252":
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// newlineStripper drops CR and LF so that base64 lines decode as one.
type newlineStripper struct{ r io.Reader }

func (n *newlineStripper) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

// mimeOf writes item it as a MIME message. Callers hold s.mu.
func (s *Server) mimeOf(it *item) []byte { return mimeOfValue(it.v) }

// mimeOfValue writes an item value as a MIME message: headers, the body
// (quoted-printable), and file attachments (base64) in a multipart/mixed.
func mimeOfValue(v reflect.Value) []byte {
	var b bytes.Buffer
	hdr := func(k, val string) {
		if val != "" {
			fmt.Fprintf(&b, "%s: %s\r\n", k, val)
		}
	}
	addr := func(e *ews.EmailAddressType) string {
		if e == nil || e.EmailAddress == nil {
			return ""
		}
		a := mail.Address{Address: string(*e.EmailAddress)}
		if e.Name != nil {
			a.Name = *e.Name
		}
		return a.String()
	}
	if f := field(v, "From"); isSet(f) {
		hdr("From", addr(f.Interface().(*ews.SingleRecipientType).Mailbox))
	}
	for _, h := range []struct{ header, field string }{{"To", "ToRecipients"}, {"Cc", "CcRecipients"}, {"Bcc", "BccRecipients"}} {
		f := field(v, h.field)
		if !isSet(f) {
			continue
		}
		var list []string
		for _, r := range f.Interface().(*ews.ArrayOfRecipientsType).Items {
			if e, ok := r.(*ews.EmailAddressType); ok {
				list = append(list, addr(e))
			}
		}
		hdr(h.header, strings.Join(list, ", "))
	}
	if f := field(v, "Subject"); isSet(f) {
		hdr("Subject", mime.QEncoding.Encode("utf-8", f.Elem().String()))
	}
	date := time.Time{}
	for _, n := range []string{"DateTimeSent", "DateTimeCreated"} {
		if f := field(v, n); isSet(f) && date.IsZero() {
			date = ews.Ptr(f.Elem().Interface().(ews.XSDateTime)).Time()
		}
	}
	if !date.IsZero() {
		hdr("Date", date.UTC().Format(time.RFC1123Z))
	}
	if f := field(v, "InternetMessageId"); isSet(f) {
		hdr("Message-ID", f.Elem().String())
	}
	hdr("MIME-Version", "1.0")
	bodyType, bodyText := "text/plain", ""
	if f := field(v, "Body"); isSet(f) {
		body := f.Elem().Interface().(ews.BodyType)
		bodyText = body.Value
		if body.BodyType == ews.BodyTypeHTML {
			bodyType = "text/html"
		}
	}
	writeBody := func(w io.Writer) {
		qp := quotedprintable.NewWriter(w)
		qp.Write([]byte(bodyText))
		qp.Close()
	}
	var files []*ews.FileAttachmentType
	for _, a := range attachmentsOf(v) {
		if fa, ok := a.(*ews.FileAttachmentType); ok {
			files = append(files, fa)
		}
	}
	if len(files) == 0 {
		hdr("Content-Type", bodyType+"; charset=utf-8")
		hdr("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		writeBody(&b)
		return b.Bytes()
	}
	var parts bytes.Buffer
	mw := multipart.NewWriter(&parts)
	// The boundary derives from the content, so that the same item always
	// writes the same MIME.
	h := sha256.New()
	h.Write([]byte(bodyText))
	for _, fa := range files {
		h.Write(fa.Content)
	}
	mw.SetBoundary("_ewsmock_" + hex.EncodeToString(h.Sum(nil))[:40] + "_")
	hdr("Content-Type", "multipart/mixed; boundary="+mw.Boundary())
	b.WriteString("\r\n")
	pw, _ := mw.CreatePart(map[string][]string{"Content-Type": {bodyType + "; charset=utf-8"}, "Content-Transfer-Encoding": {"quoted-printable"}})
	writeBody(pw)
	for _, fa := range files {
		ct, name := "application/octet-stream", ""
		if fa.ContentType != nil && *fa.ContentType != "" {
			ct = *fa.ContentType
		}
		if fa.Name != nil {
			name = *fa.Name
		}
		disp := "attachment"
		if fa.IsInline != nil && *fa.IsInline {
			disp = "inline"
		}
		h := map[string][]string{
			"Content-Type":              {mime.FormatMediaType(ct, map[string]string{"name": name})},
			"Content-Disposition":       {mime.FormatMediaType(disp, map[string]string{"filename": name})},
			"Content-Transfer-Encoding": {"base64"},
		}
		if fa.ContentId != nil {
			h["Content-Id"] = []string{"<" + *fa.ContentId + ">"}
		}
		pw, _ := mw.CreatePart(h)
		enc := base64.StdEncoding.EncodeToString(fa.Content)
		for len(enc) > 76 {
			io.WriteString(pw, enc[:76]+"\r\n")
			enc = enc[76:]
		}
		io.WriteString(pw, enc+"\r\n")
	}
	mw.Close()
	b.Write(parts.Bytes())
	return b.Bytes()
}
