package auth_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ewsgen/ewsgen/auth"
)

func TestBasic(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		fmt.Fprintf(w, "%v %s %s", ok, u, p)
	}))
	defer srv.Close()
	rt := auth.Basic("alice@contoso.com", "pa:ss word", nil, auth.AllowPlainHTTP())
	req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader("body"))
	resp, err := (&http.Client{Transport: rt}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "true alice@contoso.com pa:ss word" {
		t.Errorf("server saw %q", b)
	}
	if req.Header.Get("Authorization") != "" {
		t.Error("the caller's request was modified")
	}
	for _, s := range []string{fmt.Sprint(rt), fmt.Sprintf("%+v", rt), fmt.Sprintf("%#v", rt)} {
		if strings.Contains(s, "pa:ss word") {
			t.Errorf("printed password: %s", s)
		}
	}
}

func TestBearer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	var n atomic.Int32
	ts := auth.TokenFunc(func() (string, error) { return fmt.Sprintf("tok%d", n.Add(1)), nil })
	c := &http.Client{Transport: auth.Bearer(ts, nil, auth.AllowPlainHTTP())}
	for i := 1; i <= 2; i++ {
		resp, err := c.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := fmt.Sprintf("Bearer tok%d", i); string(b) != want {
			t.Errorf("got %q, want %q", b, want)
		}
	}
	fail := errors.New("no token")
	c = &http.Client{Transport: auth.Bearer(auth.TokenFunc(func() (string, error) { return "", fail }), nil, auth.AllowPlainHTTP())}
	if _, err := c.Get(srv.URL); !errors.Is(err, fail) {
		t.Errorf("err %v", err)
	}
	c = &http.Client{Transport: auth.Bearer(auth.StaticToken(""), nil, auth.AllowPlainHTTP())}
	if _, err := c.Get(srv.URL); !errors.Is(err, auth.ErrNoToken) {
		t.Errorf("err %v", err)
	}
	c = &http.Client{Transport: auth.Bearer(auth.StaticToken("abc"), nil, auth.AllowPlainHTTP())}
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL, nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "Bearer abc" || req.Header.Get("Authorization") != "" {
		t.Errorf("got %q; caller's header %q", b, req.Header.Get("Authorization"))
	}
	if s := fmt.Sprintf("%v %#v", c.Transport, c.Transport); strings.Contains(s, "abc") {
		t.Errorf("printed token: %s", s)
	}
}
