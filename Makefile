# Frostgate's build entry points; .ci/run calls "make test".

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

GO ?= go
# How long "make fuzz" runs each fuzz target.
FUZZTIME ?= 15s

.PHONY: test bench fuzz

# Vet, unit tests under the race detector, then the conformance suite in-process.
test:
	$(GO) vet ./...
	$(GO) test -race ./...
	$(GO) run ./cmd/frostgate conformance conformance/testdata

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# Finds every Fuzz* function with "go test -list" and runs each on its own
# (go test -fuzz takes one target per package at a time).
fuzz:
	$(GO) test -list='^Fuzz' ./... \
	| awk '/^Fuzz/ { names = names " " $$1 } /^ok / { if (names != "") print $$2 names; names = "" }' \
	| while read -r pkg targets; do \
		for target in $$targets; do \
			echo "fuzz $$pkg $$target"; \
			$(GO) test -run='^$$' -fuzz="^$$target\$$" -fuzztime=$(FUZZTIME) "$$pkg"; \
		done; \
	done
