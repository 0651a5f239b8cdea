# Frostgate's build entry points; .ci/run calls "make test".

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

GO ?= go
# How long "make fuzz" runs each fuzz target.
FUZZTIME ?= 15s

.PHONY: test test-gosnowflake test-node bench fuzz

# Vet, unit tests under the race detector (the conformance package runs the
# suite over the Snowflake protocol too), the conformance suite in-process,
# then the official drivers against the Snowflake protocol.
test:
	$(GO) vet ./...
	$(GO) test -race ./...
	$(GO) run ./cmd/frostgate conformance conformance/testdata
	$(MAKE) test-gosnowflake
	$(MAKE) test-node

# The official Node.js driver, with the packages package-lock.json pins
# (npm ci, run by .ci/run; here only when node_modules is missing).
test-node:
	cd conformance/drivers/node && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test

# The official Go driver, in its own module (conformance/drivers/gosnowflake)
# so that its dependencies stay out of Frostgate's. SF_DISABLE_MINICORE keeps
# the driver from loading its bundled native library, which it does not need.
test-gosnowflake:
	cd conformance/drivers/gosnowflake && $(GO) vet ./... && SF_DISABLE_MINICORE=true $(GO) test -count=1 ./...

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
