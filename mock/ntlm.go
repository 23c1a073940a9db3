package mock

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"unicode/utf16"

	"golang.org/x/crypto/md4" //nolint:staticcheck // NTLM's password hash is MD4.
)

// NTLM authentication, server side, as IIS does it for Exchange: the
// client sends NEGOTIATE, the server answers 401 with a CHALLENGE, the
// client sends AUTHENTICATE with an NTLMv2 response; once it checks out,
// the connection is authenticated as that user and its later requests need
// no Authorization header. NTLMv1 responses are refused.

const (
	ntlmUnicode       = 1 << 0
	ntlmRequestTarget = 1 << 2
	ntlmNTLM          = 1 << 9
	ntlmAlwaysSign    = 1 << 15
	ntlmTargetDomain  = 1 << 16
	ntlmExtendedSec   = 1 << 19
	ntlmTargetInfo    = 1 << 23
)

// ntlmDomain is the NetBIOS domain the server's challenges name.
const ntlmDomain = "EWSMOCK"

// ntlmConn is the NTLM state of one connection.
type ntlmConn struct {
	mu        sync.Mutex
	challenge []byte   // server challenge sent, waiting for AUTHENTICATE
	user      *account // authenticated user
}

type ntlmConnKey struct{}

// maxNTLMConns bounds the connection states kept for servers run without
// HTTPServer (keyed by remote address); when full it is emptied, and the
// connections it held handshake again.
const maxNTLMConns = 4096

// ntlmState returns the NTLM state of the request's connection: the one
// HTTPServer's ConnContext attached, else one kept by remote address.
func (s *Server) ntlmState(r *http.Request) *ntlmConn {
	if c, _ := r.Context().Value(ntlmConnKey{}).(*ntlmConn); c != nil {
		return c
	}
	s.ntlmMu.Lock()
	defer s.ntlmMu.Unlock()
	c := s.ntlmConns[r.RemoteAddr]
	if c == nil {
		if len(s.ntlmConns) >= maxNTLMConns {
			s.ntlmConns = map[string]*ntlmConn{}
		}
		c = &ntlmConn{}
		s.ntlmConns[r.RemoteAddr] = c
	}
	return c
}

// connContext gives every connection of HTTPServer its own NTLM state.
func connContext(ctx context.Context, _ net.Conn) context.Context {
	return context.WithValue(ctx, ntlmConnKey{}, &ntlmConn{})
}

// ntlmAuth handles an "NTLM <token>" Authorization header. It returns the
// authenticated user, or nil after answering the request itself (the
// challenge, or a refusal).
func (s *Server) ntlmAuth(w http.ResponseWriter, r *http.Request, token string) *account {
	msg, err := base64.StdEncoding.DecodeString(strings.TrimSpace(token))
	if err != nil || len(msg) < 12 || !bytes.Equal(msg[:8], []byte("NTLMSSP\x00")) {
		s.unauthorized(w, "the NTLM token is not an NTLMSSP message")
		return nil
	}
	c := s.ntlmState(r)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch binary.LittleEndian.Uint32(msg[8:]) {
	case 1: // NEGOTIATE
		c.challenge = make([]byte, 8)
		rand.Read(c.challenge)
		c.user = nil
		w.Header().Set("WWW-Authenticate", "NTLM "+base64.StdEncoding.EncodeToString(ntlmChallenge(c.challenge)))
		http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
		return nil
	case 3: // AUTHENTICATE
		ch := c.challenge
		c.challenge = nil
		if ch == nil {
			s.unauthorized(w, "NTLM AUTHENTICATE on a connection that got no challenge")
			return nil
		}
		a, err := s.ntlmVerify(msg, ch)
		if err != nil {
			s.unauthorized(w, err.Error())
			return nil
		}
		c.user = a
		return a
	}
	s.unauthorized(w, "unexpected NTLM message type")
	return nil
}

// ntlmConnUser returns the user an earlier NTLM handshake authenticated on
// the request's connection, or nil.
func (s *Server) ntlmConnUser(r *http.Request) *account {
	if c, _ := r.Context().Value(ntlmConnKey{}).(*ntlmConn); c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.user
	}
	s.ntlmMu.Lock()
	c := s.ntlmConns[r.RemoteAddr]
	s.ntlmMu.Unlock()
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.user
}

// unauthorized answers 401, offering Basic and NTLM, and logs why.
func (s *Server) unauthorized(w http.ResponseWriter, why string) {
	if why != "" {
		s.logf("ewsmock: authentication failed: %s", why)
	}
	w.Header().Add("WWW-Authenticate", `Basic realm="`+s.opts.Realm+`"`)
	w.Header().Add("WWW-Authenticate", "NTLM")
	http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
}

// ntlmChallenge builds a CHALLENGE (type 2) message.
func ntlmChallenge(serverChallenge []byte) []byte {
	target := utf16le(ntlmDomain)
	var info []byte
	info = binary.LittleEndian.AppendUint16(info, 2) // MsvAvNbDomainName
	info = binary.LittleEndian.AppendUint16(info, uint16(len(target)))
	info = append(info, target...)
	info = append(info, 0, 0, 0, 0) // MsvAvEOL
	const header = 48
	m := []byte("NTLMSSP\x00")
	m = binary.LittleEndian.AppendUint32(m, 2)
	m = binary.LittleEndian.AppendUint16(m, uint16(len(target)))
	m = binary.LittleEndian.AppendUint16(m, uint16(len(target)))
	m = binary.LittleEndian.AppendUint32(m, header)
	m = binary.LittleEndian.AppendUint32(m, ntlmUnicode|ntlmRequestTarget|ntlmNTLM|ntlmAlwaysSign|ntlmTargetDomain|ntlmExtendedSec|ntlmTargetInfo)
	m = append(m, serverChallenge...)
	m = append(m, make([]byte, 8)...)
	m = binary.LittleEndian.AppendUint16(m, uint16(len(info)))
	m = binary.LittleEndian.AppendUint16(m, uint16(len(info)))
	m = binary.LittleEndian.AppendUint32(m, uint32(header+len(target)))
	m = append(m, target...)
	return append(m, info...)
}

// ntlmVerify checks an AUTHENTICATE (type 3) message against the server
// challenge: the user must exist and its NTLMv2 proof must match its
// password.
func (s *Server) ntlmVerify(m, challenge []byte) (*account, error) {
	if len(m) < 64 {
		return nil, errors.New("NTLM AUTHENTICATE message too short")
	}
	field := func(at int) ([]byte, error) {
		l, off := int(binary.LittleEndian.Uint16(m[at:])), int(binary.LittleEndian.Uint32(m[at+4:]))
		if off < 0 || l < 0 || off+l > len(m) {
			return nil, fmt.Errorf("NTLM AUTHENTICATE field at offset %d is out of range", at)
		}
		return m[off : off+l], nil
	}
	if binary.LittleEndian.Uint32(m[60:])&ntlmUnicode == 0 {
		return nil, errors.New("NTLM AUTHENTICATE is not Unicode")
	}
	nt, err := field(20)
	if err != nil {
		return nil, err
	}
	domainB, err := field(28)
	if err != nil {
		return nil, err
	}
	userB, err := field(36)
	if err != nil {
		return nil, err
	}
	user, domain := fromUTF16LE(userB), fromUTF16LE(domainB)
	if len(nt) < 16+28 {
		return nil, fmt.Errorf("NTLM user %q: not an NTLMv2 response", user)
	}
	a := s.userOf(user)
	if a == nil && domain != "" {
		a = s.userOf(domain + `\` + user)
	}
	if a == nil {
		return nil, fmt.Errorf("NTLM user %q is not a user of this server", user)
	}
	h := md4.New()
	h.Write(utf16le(a.password))
	v2 := hmacMD5(h.Sum(nil), utf16le(strings.ToUpper(user)+domain))
	if !hmac.Equal(hmacMD5(v2, challenge, nt[16:]), nt[:16]) {
		return nil, fmt.Errorf("NTLM user %q: wrong password", user)
	}
	return a, nil
}

func hmacMD5(key []byte, data ...[]byte) []byte {
	m := hmac.New(md5.New, key)
	for _, d := range data {
		m.Write(d)
	}
	return m.Sum(nil)
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func fromUTF16LE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}
