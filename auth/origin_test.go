package auth

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// hops builds the request of the last URL as http.Client builds redirects:
// each request's Response is the redirect answer, whose Request is the
// previous hop.
func hops(urls ...string) *http.Request {
	var r *http.Request
	for _, u := range urls {
		next, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			panic(err)
		}
		if r != nil {
			next.Response = &http.Response{StatusCode: http.StatusFound, Request: r}
		}
		r = next
	}
	return r
}

func TestCredentialsAllowed(t *testing.T) {
	pin, _ := url.Parse("https://mail.contoso.com/EWS/Exchange.asmx")
	orphan := hops("https://mail.contoso.com/EWS")
	orphan.Response = &http.Response{StatusCode: http.StatusFound}
	for _, c := range []struct {
		name      string
		r         *http.Request
		pinned    *url.URL
		allowHTTP bool
		want      error // nil, ErrPlainHTTP, ErrCrossOrigin, or errOther
	}{
		{"https", hops("https://mail.contoso.com/EWS/Exchange.asmx"), nil, false, nil},
		{"http refused", hops("http://127.0.0.1:8080/EWS"), nil, false, ErrPlainHTTP},
		{"http allowed", hops("http://127.0.0.1:8080/EWS"), nil, true, nil},
		{"same origin redirect", hops("https://mail.contoso.com/EWS", "https://mail.contoso.com/owa"), nil, false, nil},
		{"default port, case, trailing dot", hops("https://mail.contoso.com/EWS", "HTTPS://MAIL.Contoso.com.:443/x"), nil, false, nil},
		{"other host", hops("https://mail.contoso.com/EWS", "https://evil.example/EWS"), nil, false, ErrCrossOrigin},
		{"other port", hops("https://mail.contoso.com/EWS", "https://mail.contoso.com:8443/EWS"), nil, false, ErrCrossOrigin},
		{"https to http", hops("https://mail.contoso.com/EWS", "http://mail.contoso.com/EWS"), nil, true, ErrCrossOrigin},
		{"http to https", hops("http://127.0.0.1:8080/EWS", "https://127.0.0.1:8080/EWS"), nil, true, ErrCrossOrigin},
		{"origin is the first hop", hops("https://a.example/", "https://b.example/", "https://b.example/x"), nil, false, ErrCrossOrigin},
		{"back to the first hop's origin", hops("https://a.example/", "https://b.example/", "https://a.example/x"), nil, false, nil},
		{"ipv6", hops("https://[::1]:8443/EWS", "https://[::1]:8443/x"), nil, false, nil},
		{"ipv6 other port", hops("https://[::1]:8443/EWS", "https://[::1]/x"), nil, false, ErrCrossOrigin},
		{"unknown previous hop", orphan, nil, false, ErrCrossOrigin},
		{"unknown previous hop, pinned", orphan, pin, false, nil},
		{"pinned, first hop elsewhere", hops("https://autodiscover.contoso.com/x"), pin, false, ErrCrossOrigin},
		{"pinned, redirect within", hops("https://autodiscover.contoso.com/x", "https://mail.contoso.com/EWS"), pin, false, nil},
		{"not http", hops("ftp://mail.contoso.com/x"), nil, false, errOther},
	} {
		err := credentialsAllowed(c.r, c.pinned, c.allowHTTP)
		switch {
		case c.want == nil && err != nil, c.want != nil && err == nil:
			t.Errorf("%s: error %v, want %v", c.name, err, c.want)
		case c.want != nil && c.want != errOther && !errors.Is(err, c.want):
			t.Errorf("%s: error %v, want %v", c.name, err, c.want)
		case c.want == errOther && (errors.Is(err, ErrPlainHTTP) || errors.Is(err, ErrCrossOrigin)):
			t.Errorf("%s: error %v", c.name, err)
		}
	}
}

var errOther = errors.New("another error")

// Errors name origins only: no user info, path or query.
func TestCredentialsAllowedErrorsNameOrigins(t *testing.T) {
	err := credentialsAllowed(hops("https://mail.contoso.com/EWS?a=1", "https://u:pw@evil.example:444/path?secret=s3"), nil, false)
	want := "credentials are for https://mail.contoso.com, the request goes to https://evil.example:444"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want it to contain %q", err, want)
	}
	for _, s := range []string{"pw", "path", "secret", "s3", "EWS"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error %q contains %q", err, s)
		}
	}
	err = credentialsAllowed(hops("http://[::1]:8080/EWS?token=x"), nil, false)
	if err == nil || !strings.Contains(err.Error(), "to http://[::1]:8080; use https, or auth.AllowPlainHTTP()") || strings.Contains(err.Error(), "token") {
		t.Errorf("error %v", err)
	}
}

func TestTokenRejected(t *testing.T) {
	for _, c := range []struct {
		header, value string
		want          bool
	}{
		{"WWW-Authenticate", `Bearer error="invalid_token", error_description="The access token expired"`, true},
		{"WWW-Authenticate", `Bearer realm="ews",error=invalid_token`, true},
		{"WWW-Authenticate", `Negotiate, Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", error="invalid_token"`, true},
		{"WWW-Authenticate", `Bearer error_description="a \"quoted\", text", ERROR="invalid_token"`, true},
		{"WWW-Authenticate", `Bearer`, false},
		{"WWW-Authenticate", `Bearer realm="ews"`, false},
		{"WWW-Authenticate", `Bearer error="insufficient_scope"`, false},
		{"WWW-Authenticate", `Basic realm="x", error="invalid_token"`, false},
		{"WWW-Authenticate", `Bearer error_description="error=\"invalid_token\""`, false},
		{"WWW-Authenticate", `NTLM TlRMTVNTUAACAAAA==`, false},
		{"WWW-Authenticate", `"`, false},
		{"X-Ms-Diagnostics", `2000003;reason="The token has expired.";error_category="invalid_token"`, true},
		{"X-Ms-Diagnostics", `2000001;reason="The user could not be found.";error_category="invalid_user"`, false},
	} {
		h := http.Header{}
		h.Set(c.header, c.value)
		if got := tokenRejected(h); got != c.want {
			t.Errorf("%s: %s: %v, want %v (params %q)", c.header, c.value, got, c.want, challengeParams(c.value))
		}
	}
}
