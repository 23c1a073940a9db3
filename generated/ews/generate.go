package ews

// The package documentation (package_doc.go) is generated with the rest;
// this file holds only the directive that regenerates the package. Run
// "make generate" from the repository root, which runs it with
// EWSGEN_CORPUS pointing at the schemas.

//go:generate go run ../../cmd/ewsgen --wsdl ${EWSGEN_CORPUS}/schemas/v2018_01_08/services.wsdl --out . --package ews --schema-docs=false
