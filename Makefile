# Frostgate's build entry points; .ci/run calls "make test".

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

GO ?= go
# How long "make fuzz" runs each fuzz target.
FUZZTIME ?= 15s

.PHONY: test conformance-pg test-gosnowflake test-node bench fuzz measure

# gofmt, vet, unit tests under the race detector (among them the conformance suite
# over both protocols against emulator.Start and httptest, and the Go
# clients psql, pgx, lib/pq and JDBC), the suite in-process and over a real
# "frostgate serve", then the official Snowflake drivers.
test:
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race ./...
	$(GO) run ./cmd/frostgate conformance conformance/testdata
	$(MAKE) --no-print-directory conformance-pg
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

# The suite over the PostgreSQL protocol against the binary itself, on a
# free port: serve prints its address, the runner resets the account
# (SELECT SYSTEM$$FROSTGATE_RESET()) before each file.
conformance-pg:
	@tmp=$$(mktemp -d); pid=""; \
	trap '[ -n "$$pid" ] && kill $$pid 2>/dev/null; wait; rm -rf "$$tmp"' EXIT; \
	$(GO) build -o "$$tmp/frostgate" ./cmd/frostgate; \
	"$$tmp/frostgate" serve --pg-addr 127.0.0.1:0 --log-level warn > "$$tmp/out" & pid=$$!; \
	addr=""; for _ in $$(seq 200); do \
		addr=$$(sed -n 's/^PostgreSQL protocol on //p' "$$tmp/out"); [ -n "$$addr" ] && break; sleep 0.05; \
	done; \
	[ -n "$$addr" ] || { echo "frostgate serve did not start"; exit 1; }; \
	echo "conformance over pg://ADMIN@$$addr/"; \
	"$$tmp/frostgate" conformance --target "pg://ADMIN:admin@$$addr/" conformance/testdata

# Start-up time over repeated whole-process runs, then pgbench side by side
# with PostgreSQL 15 (bench/pgbench.sh installs it with apt-get if missing).
measure:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GO) build -o "$$tmp/frostgate" ./cmd/frostgate; \
	$(GO) run ./bench/startup -bin "$$tmp/frostgate" -n 30
	bash bench/pgbench.sh

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
