package auth

import (
	"errors"
	"net"
	"net/url"
	"strings"
)

// negOrigin is a URL's origin: scheme, lower-case host and explicit port.
type negOrigin struct {
	scheme, host, port string
}

func (o negOrigin) String() string {
	return o.scheme + "://" + net.JoinHostPort(o.host, o.port)
}

// negOriginOf returns u's origin; only absolute http and https URLs have one.
func negOriginOf(u *url.URL) (negOrigin, error) {
	scheme := strings.ToLower(u.Scheme)
	var port string
	switch scheme {
	case "https":
		port = "443"
	case "http":
		port = "80"
	default:
		return negOrigin{}, errors.New("not an http or https URL")
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return negOrigin{}, errors.New("no host")
	}
	if p := u.Port(); p != "" {
		port = p
	}
	return negOrigin{scheme: scheme, host: host, port: port}, nil
}
