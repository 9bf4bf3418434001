// Package store keeps scan runs: the input; every domain's record (its
// report's JSON and the fields the tables index, filled by the caller:
// the store imports no report or check) and raw observations; and per-run
// aggregates. In SQLite (embedded default) or PostgreSQL (shared
// deployments), with one schema and versioned migrations.
package store

import (
	"context"
	"io"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// RunStatus is the closed set of run states.
type RunStatus string

// Run states.
const (
	RunLoading     RunStatus = "loading"     // its input is being read; a killed load is deleted by SweepLoading
	RunRunning     RunStatus = "running"     // started and not finished (or killed: resume it)
	RunDone        RunStatus = "done"        // every input domain has a result
	RunInterrupted RunStatus = "interrupted" // stopped cleanly before the end (SIGINT): resume it
)

// Run is one scan.
type Run struct {
	ID          int64             `json:"id"`
	StartedAt   time.Time         `json:"started_at"`
	FinishedAt  *time.Time        `json:"finished_at,omitempty"`
	Input       string            `json:"input"`         // file name or "-"
	Vantage     string            `json:"vantage_point"` // where it ran from (host name by default)
	Parameters  map[string]string `json:"parameters"`    // flags that shape results (qps, lab, hints...)
	Status      RunStatus         `json:"status"`
	QueriesSent int64             `json:"queries_sent"`
	Domains     int64             `json:"domains"` // input domains accepted
	Done        int64             `json:"done"`    // domains with a stored result
	Errors      int64             `json:"errors"`  // domains whose collection had an error
}

// InputDomain is one accepted input line.
type InputDomain struct {
	Pos  int64  // 1-based order in the accepted input; resume follows it
	Line int    // line number in the input file
	Name string // FQDN, lower case, A-labels
}

// InputProblem is an input line that was not accepted, and why.
type InputProblem struct {
	Line   int    `json:"line"`
	Text   string `json:"text"`
	Reason string `json:"reason"` // "invalid: ...", "duplicate of line N"
}

// Result is what a scan stores for one domain.
type Result struct {
	Record       Record
	Observations *observe.Domain // stored compressed; reanalyze reads it back

	enc *encoded // set by Prepare
}

// Aggregate is one figure of a run's summary. Scope is "all", "tld:<tld>"
// or "country:<CC>"; Metric names the figure ("domains",
// "dnssec_status", "ns_count", "finding", "top_asn"...); Key the bucket
// ("secure", "2", "NS_LAME", "64500"...); Value the count.
type Aggregate struct {
	Scope  string  `json:"scope"`
	Metric string  `json:"metric"`
	Key    string  `json:"key"`
	Value  float64 `json:"value"`
}

// FinisherAt is a Store that can record a run's end at a time given
// rather than now: a scan of a simulated world whose clock is not the
// machine's (dnsobs demo's month-old run).
type FinisherAt interface {
	FinishRunAt(ctx context.Context, runID int64, queriesSent int64, at time.Time) ([]Aggregate, error)
}

var _ FinisherAt = (*sqlStore)(nil)

// Store is a run store. Implementations are safe for concurrent use.
type Store interface {
	// CreateRun records a new run and returns it with its ID.
	CreateRun(ctx context.Context, r Run) (Run, error)
	// GetRun returns run id, or the newest run when id is 0.
	GetRun(ctx context.Context, id int64) (Run, error)
	PreviousRun(ctx context.Context, id int64) (Run, bool, error) // the newest done run before id with the same input (Run.InputKey)
	ListRuns(ctx context.Context) ([]Run, error)
	// DeleteRun deletes a run and every row of it (input, problems,
	// results, observations, shared queries, aggregates), in one
	// transaction; ErrNotFound when there is no such run.
	DeleteRun(ctx context.Context, id int64) error
	// AddInput appends accepted input domains and rejected lines, in
	// batches, and renews a loading run's heartbeat (with no rows, it only
	// does that).
	AddInput(ctx context.Context, runID int64, domains []InputDomain, problems []InputProblem) error
	// SweepLoading deletes the runs left in state loading by a loader that
	// is gone: a process of this machine that no longer runs (kill -9), or
	// one whose heartbeat is older than stale when that cannot be told
	// (another host). It returns their IDs.
	SweepLoading(ctx context.Context, stale time.Duration) ([]int64, error)
	InputProblems(ctx context.Context, runID int64) ([]InputProblem, error)
	// Pending returns up to limit input domains of the run with no stored
	// result and Pos > after, in Pos order.
	Pending(ctx context.Context, runID int64, after int64, limit int) ([]InputDomain, error)
	// SaveResults stores results atomically: after a crash a domain has
	// either its whole result or none, and never two.
	SaveResults(ctx context.Context, runID int64, results []Result) error
	// SaveBatch is SaveResults that also adds queries to the run's
	// queries sent, in the same transaction (a scan's count survives a
	// kill -9 with its stored batches).
	SaveBatch(ctx context.Context, runID int64, results []Result, queries int64) error
	// SetRunStatus sets a run running or interrupted, with its queries
	// sent; done is FinishRun's.
	SetRunStatus(ctx context.Context, runID int64, status RunStatus, queriesSent int64) error
	// FinishRun computes the run's aggregates (as ComputeAggregates) and
	// marks it done, with its queries sent and end time, in one
	// transaction: a run is done with its aggregates or not done.
	FinishRun(ctx context.Context, runID int64, queriesSent int64) ([]Aggregate, error)
	// Observations calls fn with every stored domain's observations.
	Observations(ctx context.Context, runID int64, fn func(*observe.Domain) error) error
	// ReplaceRecords replaces stored records, findings, nameservers and
	// addresses, and keeps the observations (reanalyze).
	ReplaceRecords(ctx context.Context, runID int64, recs []Record) error
	// ComputeAggregates recomputes and stores the run's aggregates from
	// its per-domain rows, and returns them.
	ComputeAggregates(ctx context.Context, runID int64) ([]Aggregate, error)
	Aggregates(ctx context.Context, runID int64) ([]Aggregate, error)
	// Report returns the stored report JSON of domain in the run (the
	// `check --json` object, without queries); ErrNotFound when the run
	// has no result for it.
	Report(ctx context.Context, runID int64, domain string) ([]byte, error)
	// Export writes the run's per-domain data in format csv, jsonl or parquet.
	Export(ctx context.Context, runID int64, format string, w io.Writer) error
	Close() error
}
