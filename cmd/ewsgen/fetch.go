package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/xsd"
)

// Environment variables holding the credentials of --fetch. They are read
// from the environment only, never from the command line, so that they do
// not show in process listings or shell histories.
const (
	envFetchUser     = "EWSGEN_FETCH_USER"     // user name: "user@example.com" or "DOMAIN\user"
	envFetchPassword = "EWSGEN_FETCH_PASSWORD" // its password
	envFetchAuth     = "EWSGEN_FETCH_AUTH"     // basic (default) or ntlm
	envFetchToken    = "EWSGEN_FETCH_TOKEN"    // an OAuth 2.0 access token, sent as Bearer
)

// fetchTransport returns the transport --fetch sends requests with, below
// the credentials; tests replace it to trust their TLS server.
var fetchTransport = func() *http.Transport {
	return http.DefaultTransport.(*http.Transport).Clone()
}

// isURL reports whether an input names an http or https URL.
func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// fetchConfig returns the origin of the WSDL URL and the HTTP client that
// reads it and the schemas of the same origin, with the credentials the
// environment (getenv) holds: Basic or NTLM with EWSGEN_FETCH_USER and
// EWSGEN_FETCH_PASSWORD (EWSGEN_FETCH_AUTH chooses), or a Bearer token in
// EWSGEN_FETCH_TOKEN. The credentials are pinned to that origin (package
// auth refuses to send them anywhere else, redirects included) and need
// https://.
func fetchConfig(wsdl string, getenv func(string) string) (string, *http.Client, error) {
	u, err := url.Parse(wsdl)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", nil, fmt.Errorf("--wsdl %s: not an absolute http or https URL", wsdl)
	}
	if u.User != nil {
		return "", nil, fmt.Errorf("--wsdl: put no credentials in the URL; set %s and %s (or %s) in the environment", envFetchUser, envFetchPassword, envFetchToken)
	}
	origin := xsd.OriginOf(u)
	user, password, token := getenv(envFetchUser), getenv(envFetchPassword), getenv(envFetchToken)
	scheme := strings.ToLower(strings.TrimSpace(getenv(envFetchAuth)))
	base := fetchTransport()
	pin := auth.PinOrigin(wsdl)
	var rt http.RoundTripper = base
	switch {
	case token != "" && (user != "" || password != ""):
		return "", nil, fmt.Errorf("set either %s or %s and %s, not both", envFetchToken, envFetchUser, envFetchPassword)
	case token != "":
		if scheme != "" && scheme != "bearer" {
			return "", nil, fmt.Errorf("%s=%s with %s: want bearer or nothing", envFetchAuth, scheme, envFetchToken)
		}
		rt = auth.Bearer(auth.StaticToken(token), base, pin)
	case user != "" || password != "":
		if user == "" || password == "" {
			return "", nil, fmt.Errorf("%s and %s go together", envFetchUser, envFetchPassword)
		}
		switch scheme {
		case "", "basic":
			rt = auth.Basic(user, password, base, pin)
		case "ntlm":
			// NTLM authenticates a connection: keep it on HTTP/1.1.
			base.ForceAttemptHTTP2 = false
			base.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
			rt = auth.NTLM(user, password, base, pin)
		default:
			return "", nil, fmt.Errorf("%s=%s: want basic or ntlm", envFetchAuth, scheme)
		}
	case scheme != "":
		return "", nil, errors.New(envFetchAuth + " is set but no credentials are: set " + envFetchUser + " and " + envFetchPassword)
	}
	return origin, &http.Client{Transport: rt}, nil
}
