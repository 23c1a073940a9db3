package auth_test

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
	"math/bits"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
)

// md4 is RFC 1320 MD4, which NTLM's password hash uses and the standard
// library does not have.
func md4(msg []byte) []byte {
	a, b, c, d := uint32(0x67452301), uint32(0xefcdab89), uint32(0x98badcfe), uint32(0x10325476)
	n := len(msg)
	msg = append(append([]byte(nil), msg...), 0x80)
	for len(msg)%64 != 56 {
		msg = append(msg, 0)
	}
	msg = binary.LittleEndian.AppendUint64(msg, uint64(n)*8)
	var x [16]uint32
	for off := 0; off < len(msg); off += 64 {
		for i := range x {
			x[i] = binary.LittleEndian.Uint32(msg[off+4*i:])
		}
		aa, bb, cc, dd := a, b, c, d
		f := func(x, y, z uint32) uint32 { return x&y | ^x&z }
		g := func(x, y, z uint32) uint32 { return x&y | x&z | y&z }
		h := func(x, y, z uint32) uint32 { return x ^ y ^ z }
		for _, i := range []int{0, 4, 8, 12} {
			a = bits.RotateLeft32(a+f(b, c, d)+x[i], 3)
			d = bits.RotateLeft32(d+f(a, b, c)+x[i+1], 7)
			c = bits.RotateLeft32(c+f(d, a, b)+x[i+2], 11)
			b = bits.RotateLeft32(b+f(c, d, a)+x[i+3], 19)
		}
		for _, i := range []int{0, 1, 2, 3} {
			a = bits.RotateLeft32(a+g(b, c, d)+x[i]+0x5a827999, 3)
			d = bits.RotateLeft32(d+g(a, b, c)+x[i+4]+0x5a827999, 5)
			c = bits.RotateLeft32(c+g(d, a, b)+x[i+8]+0x5a827999, 9)
			b = bits.RotateLeft32(b+g(c, d, a)+x[i+12]+0x5a827999, 13)
		}
		for _, i := range []int{0, 2, 1, 3} {
			a = bits.RotateLeft32(a+h(b, c, d)+x[i]+0x6ed9eba1, 3)
			d = bits.RotateLeft32(d+h(a, b, c)+x[i+8]+0x6ed9eba1, 9)
			c = bits.RotateLeft32(c+h(d, a, b)+x[i+4]+0x6ed9eba1, 11)
			b = bits.RotateLeft32(b+h(c, d, a)+x[i+12]+0x6ed9eba1, 15)
		}
		a, b, c, d = a+aa, b+bb, c+cc, d+dd
	}
	out := make([]byte, 0, 16)
	for _, v := range []uint32{a, b, c, d} {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return out
}

func TestMD4(t *testing.T) {
	for in, want := range map[string]string{
		"":    "31d6cfe0d16ae931b73c59d7e0c089c0",
		"abc": "a448017aaf21d8525fc10ae87aa6729d",
		"12345678901234567890123456789012345678901234567890123456789012345678901234567890": "e33b4ddc9c38f2199c3e7b164fcc0536",
	} {
		if got := fmt.Sprintf("%x", md4([]byte(in))); got != want {
			t.Errorf("md4(%q) = %s, want %s", in, got, want)
		}
	}
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

func hmacMD5(key []byte, data ...[]byte) []byte {
	m := hmac.New(md5.New, key)
	for _, d := range data {
		m.Write(d)
	}
	return m.Sum(nil)
}

const (
	flagUnicode       = 1 << 0
	flagRequestTarget = 1 << 2
	flagNTLM          = 1 << 9
	flagAlwaysSign    = 1 << 15
	flagTargetDomain  = 1 << 16
	flagExtendedSec   = 1 << 19
	flagTargetInfo    = 1 << 23
)

// challengeMessage builds an NTLM CHALLENGE (type 2) message.
func challengeMessage(serverChallenge []byte, domain string) []byte {
	target := utf16le(domain)
	var info []byte
	info = binary.LittleEndian.AppendUint16(info, 2) // MsvAvNbDomainName
	info = binary.LittleEndian.AppendUint16(info, uint16(len(target)))
	info = append(info, target...)
	info = append(info, 0, 0, 0, 0) // MsvAvEOL
	const header = 48
	var m []byte
	m = append(m, "NTLMSSP\x00"...)
	m = binary.LittleEndian.AppendUint32(m, 2)
	m = binary.LittleEndian.AppendUint16(m, uint16(len(target)))
	m = binary.LittleEndian.AppendUint16(m, uint16(len(target)))
	m = binary.LittleEndian.AppendUint32(m, header)
	m = binary.LittleEndian.AppendUint32(m, flagUnicode|flagRequestTarget|flagNTLM|flagAlwaysSign|flagTargetDomain|flagExtendedSec|flagTargetInfo)
	m = append(m, serverChallenge...)
	m = append(m, make([]byte, 8)...)
	m = binary.LittleEndian.AppendUint16(m, uint16(len(info)))
	m = binary.LittleEndian.AppendUint16(m, uint16(len(info)))
	m = binary.LittleEndian.AppendUint32(m, uint32(header+len(target)))
	m = append(m, target...)
	return append(m, info...)
}

type authenticate struct {
	user, domain, workstation string
	nt                        []byte
}

// parseAuthenticate reads an NTLM AUTHENTICATE (type 3) message.
func parseAuthenticate(m []byte) (*authenticate, error) {
	if len(m) < 64 || !bytes.Equal(m[:8], []byte("NTLMSSP\x00")) || binary.LittleEndian.Uint32(m[8:]) != 3 {
		return nil, errors.New("not an AUTHENTICATE message")
	}
	field := func(at int) ([]byte, error) {
		l, off := int(binary.LittleEndian.Uint16(m[at:])), int(binary.LittleEndian.Uint32(m[at+4:]))
		if off+l > len(m) {
			return nil, fmt.Errorf("field at %d out of range", at)
		}
		return m[off : off+l], nil
	}
	var a authenticate
	var err error
	if a.nt, err = field(20); err != nil {
		return nil, err
	}
	for at, dst := range map[int]*string{28: &a.domain, 36: &a.user, 44: &a.workstation} {
		b, err := field(at)
		if err != nil {
			return nil, err
		}
		*dst = fromUTF16LE(b)
	}
	if binary.LittleEndian.Uint32(m[60:])&flagUnicode == 0 {
		return nil, errors.New("not unicode")
	}
	return &a, nil
}

// ntlmServer authenticates connections with NTLMv2 as IIS does: once a
// connection completed the handshake, its requests pass.
type ntlmServer struct {
	user, domain, password string
	next                   http.Handler

	mu            sync.Mutex
	challenges    map[string][]byte // remote address -> server challenge
	authenticated map[string]bool
	handshakes    int
	failures      []string
}

func (s *ntlmServer) fail(w http.ResponseWriter, why string) {
	s.failures = append(s.failures, why)
	w.Header().Set("WWW-Authenticate", "NTLM")
	http.Error(w, "unauthorized", http.StatusUnauthorized)
}

func (s *ntlmServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	conn := r.RemoteAddr
	authz := r.Header.Get("Authorization")
	if authz == "" && s.authenticated[conn] {
		s.mu.Unlock()
		s.next.ServeHTTP(w, r)
		return
	}
	defer s.mu.Unlock()
	if strings.HasPrefix(authz, "Basic ") {
		s.fail(w, "client sent Basic credentials")
		return
	}
	if !strings.HasPrefix(authz, "NTLM ") {
		w.Header().Add("WWW-Authenticate", "Negotiate")
		w.Header().Add("WWW-Authenticate", "NTLM")
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	msg, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(authz, "NTLM "))
	if err != nil || len(msg) < 12 || !bytes.Equal(msg[:8], []byte("NTLMSSP\x00")) {
		s.fail(w, "bad token")
		return
	}
	switch binary.LittleEndian.Uint32(msg[8:]) {
	case 1: // NEGOTIATE
		ch := make([]byte, 8)
		rand.Read(ch)
		s.challenges[conn] = ch
		w.Header().Set("WWW-Authenticate", "NTLM "+base64.StdEncoding.EncodeToString(challengeMessage(ch, s.domain)))
		http.Error(w, "unauthorized", http.StatusUnauthorized)
	case 3: // AUTHENTICATE
		ch := s.challenges[conn]
		if ch == nil {
			s.fail(w, "AUTHENTICATE on a connection that got no challenge")
			return
		}
		delete(s.challenges, conn)
		a, err := parseAuthenticate(msg)
		if err != nil {
			s.fail(w, err.Error())
			return
		}
		if a.user != s.user || a.domain != s.domain || len(a.nt) < 16+28 {
			s.fail(w, fmt.Sprintf("user %q domain %q", a.user, a.domain))
			return
		}
		v2 := hmacMD5(md4(utf16le(s.password)), utf16le(strings.ToUpper(a.user)+a.domain))
		if !hmac.Equal(hmacMD5(v2, ch, a.nt[16:]), a.nt[:16]) {
			s.fail(w, "wrong NTLMv2 proof")
			return
		}
		s.handshakes++
		s.authenticated[conn] = true
		s.mu.Unlock()
		s.next.ServeHTTP(w, r)
		s.mu.Lock()
	default:
		s.fail(w, "unexpected message type")
	}
}

type imService struct{ ews.UnimplementedService }

func (imService) RemoveImContactFromGroup(ctx context.Context, req *ews.RemoveImContactFromGroup) (*ews.RemoveImContactFromGroupResponse, error) {
	ok := ews.ResponseClassSuccess
	return &ews.RemoveImContactFromGroupResponse{ResponseClass: ok}, nil
}

func TestNTLM(t *testing.T) {
	const password = "N7lm-Pa55w0rd!"
	s := &ntlmServer{user: "alice", domain: "CONTOSO", password: password, next: ews.NewHandler(imService{}),
		challenges: map[string][]byte{}, authenticated: map[string]bool{}}
	srv := httptest.NewServer(s)
	defer srv.Close()

	var log strings.Builder
	hook := ews.WithHook(func(ev ews.HookEvent) {
		fmt.Fprintf(&log, "%+v %s %s\n", ev, ev.Request, ev.Response)
	})
	tr := auth.NTLM(`CONTOSO\alice`, password, nil, auth.AllowPlainHTTP())
	c := ews.NewClient(srv.URL, &http.Client{Transport: tr}, hook)
	req := &ews.RemoveImContactFromGroup{ContactId: &ews.ItemIdType{Id: "c"}, GroupId: &ews.ItemIdType{Id: "g"}}
	for i := 0; i < 3; i++ {
		resp, err := c.RemoveImContactFromGroup(context.Background(), req)
		if err != nil {
			t.Fatalf("call %d: %v (server: %v)", i, err, s.failures)
		}
		if resp.ResponseClass != ews.ResponseClassSuccess {
			t.Fatalf("response %+v", resp)
		}
	}
	s.mu.Lock()
	if s.handshakes != 1 || len(s.failures) != 0 {
		t.Errorf("%d handshakes (want 1: the connection stays authenticated), failures %v", s.handshakes, s.failures)
	}
	s.mu.Unlock()

	// a wrong password fails the handshake: HTTP 401
	bad := ews.NewClient(srv.URL, &http.Client{Transport: auth.NTLM(`CONTOSO\alice`, "wrong", nil, auth.AllowPlainHTTP())}, hook)
	_, err := bad.RemoveImContactFromGroup(context.Background(), req)
	var he *ews.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 401 {
		t.Errorf("wrong password: %v", err)
	}
	if len(s.failures) == 0 || s.failures[len(s.failures)-1] != "wrong NTLMv2 proof" {
		t.Errorf("server failures %v", s.failures)
	}

	fmt.Fprintf(&log, "%v %+v %#v", tr, tr, tr)
	out := log.String()
	if !strings.Contains(out, "RemoveImContactFromGroup") {
		t.Fatal("hook saw nothing")
	}
	for _, secret := range []string{password, "NTLM ", "Authorization", "TlRMTVNTUA"} {
		if strings.Contains(out, secret) {
			t.Errorf("hook output contains %q", secret)
		}
	}
}

func TestNTLMTransport(t *testing.T) {
	tr := auth.NTLMTransport()
	if tr.ForceAttemptHTTP2 || tr.DisableKeepAlives || tr.TLSNextProto == nil || tr.MaxIdleConnsPerHost == 0 {
		t.Errorf("transport %+v", tr)
	}
}
