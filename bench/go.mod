module github.com/ewsgen/ewsgen/bench

go 1.26.8

require (
	github.com/ewsgen/ewsgen v0.0.0
	github.com/hooklift/gowsdl v0.5.0
	github.com/xuri/xgen v0.0.0-20260524104808-c9cf3fcb4aaf
)

require (
	github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794 // indirect
	github.com/dave/jennifer v1.7.1 // indirect
	golang.org/x/net v0.59.0 // indirect
	golang.org/x/perf v0.0.0-20260908200009-22c9c6c9d4da // indirect
	golang.org/x/text v0.42.0 // indirect
)

replace github.com/ewsgen/ewsgen => ../

tool golang.org/x/perf/cmd/benchstat
