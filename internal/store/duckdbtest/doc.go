// Package duckdbtest checks that DuckDB reads the Parquet export of
// `dnsobs export RUN --format parquet`.
//
// It is a Go module of its own, so that the main module does not depend on
// DuckDB: the driver (github.com/duckdb/duckdb-go/v2) needs cgo and links a
// prebuilt static DuckDB library that it fetches from the Go module proxy
// (github.com/duckdb/duckdb-go-bindings/lib/<os>-<arch>, about 31 MB).
// `go test ./...` at the repository root does not enter it; scripts/test.sh
// runs it as a separate step.
//
// The package has no code: its test builds the real dnsobs binary from the
// repository root, stores the scenario lab world's run with `dnsobs demo --world scenarios --no-serve`,
// exports it as Parquet, CSV and JSON Lines, and compares what DuckDB reads
// from the Parquet file with the other two exports and with `dnsobs stats`.
package duckdbtest
