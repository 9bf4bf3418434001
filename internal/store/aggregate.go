package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// TopASNs is how many ASNs the top_asn metric keeps per scope.
const TopASNs = 20

// scopes are the populations aggregates are computed over: a SQL
// expression of the domains row d naming the scope, and a filter.
var scopes = []struct{ expr, filter string }{
	{`'all'`, ``},
	{`'tld:' || d.tld`, ``},
	{`'country:' || d.country`, ` AND d.country <> ''`},
}

// domainMetrics are the aggregates over the domains table: metric name,
// key expression and value expression (d is the domains row).
var domainMetrics = []struct{ metric, key, value string }{
	{"domains", `''`, `COUNT(*)`},
	{"errors", `''`, `SUM(CASE WHEN d.error <> '' THEN 1 ELSE 0 END)`},
	{"dnssec_status", `CASE WHEN d.dnssec_status = '' THEN 'none' ELSE d.dnssec_status END`, `COUNT(*)`},
	{"ipv6_ready", `''`, `SUM(CASE WHEN d.ipv6_ready THEN 1 ELSE 0 END)`},
	{"ns_ipv6", `''`, `SUM(CASE WHEN d.ns_ipv6 THEN 1 ELSE 0 END)`},
	{"ns_count", `CAST(d.ns_count AS TEXT)`, `COUNT(*)`},
	{"asn_count", `CAST(d.asn_count AS TEXT)`, `COUNT(*)`},
	{"prefix_count", `CAST(d.prefix_count AS TEXT)`, `COUNT(*)`},
	{"worst_severity", `CASE WHEN d.worst_severity = '' THEN 'none' ELSE d.worst_severity END`, `COUNT(*)`},
}

// aggregateStatements returns the INSERT ... SELECTs that compute a run's
// aggregates (all but the deltas). The run ID is an integer, formatted in.
func aggregateStatements(runID int64) []string {
	var out []string
	for _, sc := range scopes {
		for _, m := range domainMetrics {
			out = append(out, fmt.Sprintf(`INSERT INTO aggregates (run_id, scope, metric, key, value)
SELECT %d, %s, '%s', %s, %s FROM domains d WHERE d.run_id = %d%s GROUP BY 2, 4`,
				runID, sc.expr, m.metric, m.key, m.value, runID, sc.filter))
		}
		// Each finding's prevalence: domains with at least one finding of the ID.
		out = append(out, fmt.Sprintf(`INSERT INTO aggregates (run_id, scope, metric, key, value)
SELECT %d, %s, 'finding', f.id, COUNT(DISTINCT f.domain)
FROM findings f JOIN domains d ON d.run_id = f.run_id AND d.name = f.domain
WHERE f.run_id = %d%s GROUP BY 2, 4`, runID, sc.expr, runID, sc.filter))
		// The ASNs hosting the most domains' DNS: domains with a nameserver
		// address in the ASN.
		out = append(out, fmt.Sprintf(`INSERT INTO aggregates (run_id, scope, metric, key, value)
SELECT %d, scope, 'top_asn', CAST(asn AS TEXT), n FROM (
	SELECT scope, asn, n, ROW_NUMBER() OVER (PARTITION BY scope ORDER BY n DESC, asn) AS rn FROM (
		SELECT %s AS scope, a.asn AS asn, COUNT(DISTINCT a.domain) AS n
		FROM addresses a JOIN domains d ON d.run_id = a.run_id AND d.name = a.domain
		WHERE a.run_id = %d AND a.asn > 0%s GROUP BY 1, 2
	) x
) y WHERE rn <= %d`, runID, sc.expr, runID, sc.filter, TopASNs))
	}
	return out
}

// deltaStatement computes, for scope "all", each metric's change since
// run prev: metric "delta_<metric>", same key, value cur - prev (a bucket
// missing on one side counts as 0).
func deltaStatement(cur, prev int64) string {
	return fmt.Sprintf(`INSERT INTO aggregates (run_id, scope, metric, key, value)
SELECT %d, 'all', 'delta_' || metric, key, SUM(v) FROM (
	SELECT metric, key, value AS v FROM aggregates WHERE run_id = %d AND scope = 'all' AND substr(metric, 1, 6) <> 'delta_'
	UNION ALL
	SELECT metric, key, -value AS v FROM aggregates WHERE run_id = %d AND scope = 'all' AND substr(metric, 1, 6) <> 'delta_'
) x GROUP BY metric, key`, cur, cur, prev)
}

// ComputeAggregates recomputes the run's aggregates in SQL, in one
// transaction, and returns them. The deltas are against PreviousRun; its
// aggregates are computed first when it has none stored.
func (s *sqlStore) ComputeAggregates(ctx context.Context, runID int64) ([]Aggregate, error) {
	return s.aggregate(ctx, runID, nil, "compute aggregates of run %d")
}

// FinishRun computes the run's aggregates and marks it done, with its
// queries sent and end time, in one transaction: a run is never done
// without its aggregates, whatever stops the process.
func (s *sqlStore) FinishRun(ctx context.Context, runID int64, queriesSent int64) ([]Aggregate, error) {
	return s.FinishRunAt(ctx, runID, queriesSent, time.Now())
}

// FinishRunAt is FinishRun with the end time given (FinisherAt).
func (s *sqlStore) FinishRunAt(ctx context.Context, runID int64, queriesSent int64, at time.Time) ([]Aggregate, error) {
	return s.aggregate(ctx, runID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.d.q(`UPDATE runs SET status = ?, queries_sent = ?, finished_at = ? WHERE id = ?`),
			string(RunDone), queriesSent, s.d.timeArg(at.UTC().Truncate(time.Microsecond)), runID)
		if err != nil {
			return fmt.Errorf("set status: %w", err)
		}
		return nil
	}, "finish run %d")
}

// aggregate computes the run's aggregates and then runs also, when set,
// in one transaction, and returns the aggregates.
func (s *sqlStore) aggregate(ctx context.Context, runID int64, also func(*sql.Tx) error, what string) ([]Aggregate, error) {
	if _, err := s.GetRun(ctx, runID); err != nil {
		return nil, err
	}
	prev, hasPrev, err := s.PreviousRun(ctx, runID)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if s.d == postgresDialect {
			// One computation per run at a time (SQLite has one writer).
			for _, id := range []int64{min(runID, prev.ID), max(runID, prev.ID)} {
				if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey(id, "aggregates", "")); err != nil {
					return fmt.Errorf("lock aggregates: %w", err)
				}
			}
		}
		if err := s.computeBase(ctx, tx, runID); err != nil {
			return err
		}
		if hasPrev {
			if err := s.computeDeltas(ctx, tx, runID, prev.ID); err != nil {
				return err
			}
		}
		if also != nil {
			return also(tx)
		}
		return nil
	}, what, runID)
	if err != nil {
		return nil, err
	}
	return s.Aggregates(ctx, runID)
}

// computeDeltas stores the run's deltas against run prev, computing
// prev's aggregates first when it has none.
func (s *sqlStore) computeDeltas(ctx context.Context, tx *sql.Tx, runID, prev int64) error {
	var n int64
	if err := tx.QueryRowContext(ctx, s.d.q(`SELECT COUNT(*) FROM aggregates WHERE run_id = ?`), prev).Scan(&n); err != nil {
		return fmt.Errorf("count aggregates of run %d: %w", prev, err)
	}
	if n == 0 {
		if err := s.computeBase(ctx, tx, prev); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, deltaStatement(runID, prev)); err != nil {
		return fmt.Errorf("deltas against run %d: %w", prev, err)
	}
	return nil
}

func (s *sqlStore) computeBase(ctx context.Context, tx *sql.Tx, runID int64) error {
	if _, err := tx.ExecContext(ctx, s.d.q(`DELETE FROM aggregates WHERE run_id = ?`), runID); err != nil {
		return fmt.Errorf("delete aggregates: %w", err)
	}
	for _, st := range aggregateStatements(runID) {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("aggregate: %w", err)
		}
	}
	return nil
}

// Aggregates returns the stored aggregates of a run, ordered by scope,
// metric and key.
func (s *sqlStore) Aggregates(ctx context.Context, runID int64) ([]Aggregate, error) {
	rows, err := s.r.QueryContext(ctx, s.d.q(`SELECT scope, metric, key, value FROM aggregates WHERE run_id = ?
ORDER BY scope, metric, key`), runID)
	if err != nil {
		return nil, fmt.Errorf("store: aggregates of run %d: %w", runID, err)
	}
	defer rows.Close()
	out := []Aggregate{}
	for rows.Next() {
		var a Aggregate
		if err := rows.Scan(&a.Scope, &a.Metric, &a.Key, &a.Value); err != nil {
			return nil, fmt.Errorf("store: aggregates of run %d: %w", runID, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: aggregates of run %d: %w", runID, err)
	}
	return out, nil
}
