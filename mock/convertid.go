package mock

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// ConvertId converts ids between the formats Exchange knows. The forms are
// reversible encodings of the server's ids (the EwsId):
//
//	EwsId        the id
//	EwsLegacyId  base64 of "LE" and the id's bytes
//	EntryId      base64 of a 4-byte flags field (zero) and the id's bytes
//	HexEntryId   the EntryId bytes in upper-case hex
//	StoreId      base64 of "SI" and the id's bytes
//	OwaId        base64 of "F", three zero bytes and the id's bytes, URL-escaped
//
// An id that does not decode in its stated format gets
// ErrorInvalidIdMalformed, as Exchange answers it.
func (s *Server) ConvertId(ctx context.Context, req *ews.ConvertId) (*ews.ConvertIdResponse, error) {
	if _, ferr := s.actor(ctx); ferr != nil {
		return nil, ferr
	}
	var ids []ews.NonEmptyArrayOfAlternateIdsTypeChoice
	if req.SourceIds != nil {
		ids = req.SourceIds.Items
	}
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	for i, x := range ids {
		msg := &ews.ConvertIdResponseMessageType{}
		msgs[i] = msg
		a, ok := x.(*ews.AlternateIdType)
		if !ok {
			setResult(msg, &errMsg{code: ews.ResponseCodeErrorInvalidIdMalformed, text: "Public folder ids are not served by this server."})
			continue
		}
		raw, ok := decodeAltID(a.Format, a.Id)
		if !ok {
			setResult(msg, &errMsg{code: ews.ResponseCodeErrorInvalidIdMalformed, text: "Id is malformed."})
			continue
		}
		if _, ok := parseID(base64.StdEncoding.EncodeToString(raw)); !ok {
			setResult(msg, &errMsg{code: ews.ResponseCodeErrorInvalidIdMalformed, text: "Id is malformed."})
			continue
		}
		setResult(msg, nil)
		msg.AlternateId = &ews.AlternateIdType{Format: req.DestinationFormat, Id: encodeAltID(req.DestinationFormat, raw), Mailbox: a.Mailbox, IsArchive: a.IsArchive}
	}
	return &ews.ConvertIdResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

var (
	legacyMark = []byte("LE")
	storeMark  = []byte("SI")
	entryMark  = []byte{0, 0, 0, 0}
	owaMark    = []byte{'F', 0, 0, 0}
)

// encodeAltID writes the id bytes raw in format f.
func encodeAltID(f ews.IdFormatType, raw []byte) string {
	b64 := func(mark []byte) string {
		return base64.StdEncoding.EncodeToString(append(append([]byte(nil), mark...), raw...))
	}
	switch f {
	case ews.IdFormatEwsLegacyId:
		return b64(legacyMark)
	case ews.IdFormatEntryId:
		return b64(entryMark)
	case ews.IdFormatHexEntryId:
		return strings.ToUpper(hex.EncodeToString(append(append([]byte(nil), entryMark...), raw...)))
	case ews.IdFormatStoreId:
		return b64(storeMark)
	case ews.IdFormatOwaId:
		return url.QueryEscape(b64(owaMark))
	}
	return base64.StdEncoding.EncodeToString(raw)
}

// decodeAltID reads an id written in format f; ok is false when it is not
// one.
func decodeAltID(f ews.IdFormatType, id string) (raw []byte, ok bool) {
	unmark := func(b []byte, mark []byte) ([]byte, bool) {
		if !bytes.HasPrefix(b, mark) || len(b) != len(mark)+idLen {
			return nil, false
		}
		return b[len(mark):], true
	}
	var b []byte
	var err error
	switch f {
	case ews.IdFormatEwsId:
		b, err = base64.StdEncoding.DecodeString(id)
		if err != nil || len(b) != idLen {
			return nil, false
		}
		return b, true
	case ews.IdFormatEwsLegacyId, ews.IdFormatEntryId, ews.IdFormatStoreId:
		if b, err = base64.StdEncoding.DecodeString(id); err != nil {
			return nil, false
		}
		mark := map[ews.IdFormatType][]byte{ews.IdFormatEwsLegacyId: legacyMark, ews.IdFormatEntryId: entryMark, ews.IdFormatStoreId: storeMark}[f]
		return unmark(b, mark)
	case ews.IdFormatHexEntryId:
		if b, err = hex.DecodeString(id); err != nil {
			return nil, false
		}
		return unmark(b, entryMark)
	case ews.IdFormatOwaId:
		u, err := url.QueryUnescape(id)
		if err != nil {
			return nil, false
		}
		if b, err = base64.StdEncoding.DecodeString(u); err != nil {
			return nil, false
		}
		return unmark(b, owaMark)
	}
	return nil, false
}
