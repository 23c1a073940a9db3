// Package interop holds tests that drive ewsmock (cmd/ewsmock) with
// third-party EWS clients: ews-javascript-api (Node.js, pinned in
// testdata/js) and exchangelib (Python, Debian's python3-exchangelib).
// install.sh installs both. The tests skip when a client is missing, and
// fail instead when EWSGEN_REQUIRE_INTEROP=1.
package interop
