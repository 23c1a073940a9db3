# Thin wrappers over go commands; each recipe also works typed by hand.
#
#   make generate   regenerate generated/ews from the EWS schemas
#   make check      fail when generated/ews is not what ewsgen would write now
#   make test       go test ./... (through gotestsum: ends listing what was skipped)
#   make vet        go vet ./...
#   make fmt-check  fail when a Go file is not gofmt-formatted
#   make bench      run the benchmarks in bench/ (see bench/README.md)
#   make fuzz       run the fuzz targets named in FUZZ_TARGETS

# Where the EWS corpus (schemas/, examples/) lives. go generate and the tests
# read $EWSGEN_CORPUS; it is made absolute here because both run in package
# directories, not at the repository root.
EWSGEN_CORPUS ?= ../shared/ews
override EWSGEN_CORPUS := $(abspath $(EWSGEN_CORPUS))
export EWSGEN_CORPUS

# Where the WSDL basket (twelve non-EWS service descriptions) lives;
# internal/basket reads $EWSGEN_BASKET.
EWSGEN_BASKET ?= ../shared/wsdl-basket
override EWSGEN_BASKET := $(abspath $(EWSGEN_BASKET))
export EWSGEN_BASKET

GO ?= go

# Must match the //go:generate line in generated/ews/generate.go.
EWS_WSDL := $(EWSGEN_CORPUS)/schemas/v2018_01_08/services.wsdl
EWS_FLAGS := --package ews --schema-docs=false

# go test flags for `make test`; -count=1 runs the tests even when cached.
TESTFLAGS ?= -count=1 -timeout 30m

# Fuzz targets as PACKAGE:FuzzName, space-separated, for example
#   make fuzz FUZZ_TARGETS='./xsd:FuzzLoad ./templates/rt:FuzzDecoder'
FUZZ_TARGETS ?=
FUZZTIME ?= 30s

# Benchmark repetitions (see bench/README.md).
BENCH_COUNT ?= 5

.PHONY: all generate check test vet fmt-check bench fuzz

all: fmt-check vet test

# generate and check stop at once, before compiling ewsgen, when the WSDL is
# not where EWSGEN_CORPUS says.
NEED_WSDL = @test -f '$(EWS_WSDL)' || { echo "make $@: $(EWS_WSDL) not found; set EWSGEN_CORPUS to the folder holding schemas/v2018_01_08/ (make $@ EWSGEN_CORPUS=/path/to/ews; README: Getting the schemas from an Exchange server)" >&2; exit 1; }

generate:
	$(NEED_WSDL)
	$(GO) generate ./generated/ews

check:
	$(NEED_WSDL)
	$(GO) run ./cmd/ewsgen --wsdl $(EWS_WSDL) --out generated/ews $(EWS_FLAGS) --check

# gotestsum (pinned in bench/go.mod) runs go test and ends with the list of
# skipped tests and why, then a DONE line counting tests, failures and skips.
GOTESTSUM := $(CURDIR)/.bin/gotestsum
TEST_PACKAGES ?= ./...
test:
	$(GO) build -C bench -mod=mod -o $(GOTESTSUM) gotest.tools/gotestsum
	$(GOTESTSUM) --format standard-quiet -- $(TESTFLAGS) $(TEST_PACKAGES)

vet:
	$(GO) vet ./...

# gofmt -l over every Go file outside testdata directories must print nothing.
fmt-check:
	@out=$$(find . -name '*.go' -not -path '*/testdata/*' -not -path './.git/*' -print0 | xargs -0 gofmt -l); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# ewsgen and gowsdl take seconds and run BENCH_COUNT times; xgen takes over a
# minute a run and runs once. The cold-compile benchmark skips itself unless
# EWSGEN_BENCH_COMPILE=1. Results go to bench/results/.
BENCH = $(GO) test -mod=mod -run '^$$' -benchtime=1x -timeout 60m
bench:
	mkdir -p bench/results
	cd bench && status=0; \
	$(BENCH) -bench '^BenchmarkGenerate$$/^tool=(ewsgen|gowsdl)$$' -count $(BENCH_COUNT) . > results/generate.txt 2>&1 || status=1; \
	cat results/generate.txt; \
	$(BENCH) -bench '^BenchmarkGenerate$$/^tool=xgen$$' -count 1 . > results/xgen.txt 2>&1 || status=1; \
	cat results/xgen.txt; \
	$(BENCH) -bench '^BenchmarkColdCompile$$' -count 1 . > results/compile.txt 2>&1 || status=1; \
	cat results/compile.txt; \
	$(GO) tool benchstat -col /tool results/generate.txt results/xgen.txt > results/benchstat.txt || status=1; \
	cat results/benchstat.txt; \
	exit $$status

fuzz:
	@if [ -z "$(strip $(FUZZ_TARGETS))" ]; then echo "FUZZ_TARGETS is empty: nothing to fuzz"; exit 0; fi; \
	for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "$(GO) test -run '^$$' -fuzz '^'$$name'$$' -fuzztime $(FUZZTIME) $$pkg"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done
