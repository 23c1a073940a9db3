// Package e2e holds end-to-end tests of the ewsgen command: they build
// cmd/ewsgen once, run it the way a user does, and build, vet and test what
// it writes in scratch modules. The tests that need the EWS schemas read
// them from $EWSGEN_CORPUS (see internal/corpus); the others use the
// generator's golden fixtures. -short skips the tests that run the go
// command on generated code.
package e2e
