#!/usr/bin/env bash
# The whole test suite: installs the Debian packages the interop and
# differential tests drive (as root), then runs every Go test with the race
# detector, the fuzz targets' seed corpora included, and one short pass of the
# benchmarks so they keep running. Usage: scripts/test.sh [go test flags]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps-test.sh # the installer's own test: fake tools, no root, runs first
bash scripts/install-test-deps.sh

export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi
go test -race -count=1 -timeout 30m "$@" ./...
# DuckDB reads the Parquet export: a nested module (cgo; DuckDB's static library comes from
# the Go module proxy, ~32 MB) that ./... does not enter. See internal/store/duckdbtest.
(cd internal/store/duckdbtest && CGO_ENABLED=1 go vet ./... && CGO_ENABLED=1 go test -count=1 -timeout 30m "$@" ./...)
# The benchmarks must keep running: one quick pass, figures printed.
go run ./bench/check -domains 60 -quiet
