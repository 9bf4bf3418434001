package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/miekg/dns"
)

// sqlStore is the Store over database/sql, for both dialects.
type sqlStore struct {
	w *sql.DB // writes (SQLite: one connection)
	r *sql.DB // reads (the same pool in PostgreSQL)
	d *dialect
	// seen is the shared queries this store has committed (shared.go).
	seen seenSet
	// originKeys caches the keys of shared queries by their origin.
	originKeys originKeys
}

var _ Store = (*sqlStore)(nil)

func (s *sqlStore) Close() error {
	err := s.w.Close()
	if s.r != s.w {
		if e := s.r.Close(); err == nil {
			err = e
		}
	}
	return err
}

// canonical is the stored form of a domain name: lower case, fully qualified.
func canonical(name string) string { return dns.Fqdn(strings.ToLower(strings.TrimSpace(name))) }

func (s *sqlStore) CreateRun(ctx context.Context, r Run) (Run, error) {
	if r.StartedAt.IsZero() {
		r.StartedAt = time.Now()
	}
	r.StartedAt = r.StartedAt.UTC().Truncate(time.Microsecond)
	if r.Status == "" {
		r.Status = RunRunning
	}
	if r.Parameters == nil {
		r.Parameters = map[string]string{}
	}
	params, err := json.Marshal(r.Parameters)
	if err != nil {
		return Run{}, fmt.Errorf("store: encode run parameters: %w", err)
	}
	var fin any
	if r.FinishedAt != nil {
		fin = s.d.timeArg(*r.FinishedAt)
	}
	// A loading run names its loader and starts its heartbeat (SweepLoading).
	var loader, beat any
	if r.Status == RunLoading {
		loader, beat = loaderID(), s.d.timeArg(time.Now())
	}
	err = s.w.QueryRowContext(ctx, s.d.q(`INSERT INTO runs (started_at, finished_at, input, vantage, parameters, status, queries_sent, loader, heartbeat)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		s.d.timeArg(r.StartedAt), fin, r.Input, r.Vantage, string(params), string(r.Status), r.QueriesSent, loader, beat).Scan(&r.ID)
	if err != nil {
		return Run{}, fmt.Errorf("store: create run: %w", err)
	}
	r.Domains, r.Done, r.Errors = 0, 0, 0
	return r, nil
}

const runColumns = `id, started_at, finished_at, input, vantage, parameters, status, queries_sent,
	(SELECT COUNT(*) FROM run_input i WHERE i.run_id = runs.id),
	(SELECT COUNT(*) FROM domains d WHERE d.run_id = runs.id),
	(SELECT COUNT(*) FROM domains d WHERE d.run_id = runs.id AND d.error <> '')`

type scanner interface{ Scan(...any) error }

func scanRun(sc scanner) (Run, error) {
	var (
		r        Run
		start    dbTime
		fin      dbTime
		params   string
		status   string
		queries  sql.NullInt64
		dom, don int64
		errs     int64
	)
	if err := sc.Scan(&r.ID, &start, &fin, &r.Input, &r.Vantage, &params, &status, &queries, &dom, &don, &errs); err != nil {
		return Run{}, err
	}
	r.StartedAt = start.T
	if fin.Valid {
		t := fin.T
		r.FinishedAt = &t
	}
	r.Parameters = map[string]string{}
	if params != "" {
		if err := json.Unmarshal([]byte(params), &r.Parameters); err != nil {
			return Run{}, fmt.Errorf("store: run %d parameters: %w", r.ID, err)
		}
	}
	r.Status = RunStatus(status)
	r.QueriesSent = queries.Int64
	r.Domains, r.Done, r.Errors = dom, don, errs
	return r, nil
}

// GetRun returns run id; id 0 means the newest run. It returns an error
// wrapping ErrNotFound when there is no such run.
func (s *sqlStore) GetRun(ctx context.Context, id int64) (Run, error) {
	var row *sql.Row
	if id == 0 {
		row = s.r.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs ORDER BY id DESC LIMIT 1`)
	} else {
		row = s.r.QueryRowContext(ctx, s.d.q(`SELECT `+runColumns+` FROM runs WHERE id = ?`), id)
	}
	r, err := scanRun(row)
	if errors.Is(err, sql.ErrNoRows) {
		if id == 0 {
			return Run{}, fmt.Errorf("store: no runs yet: %w", ErrNotFound)
		}
		return Run{}, fmt.Errorf("store: run %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Run{}, fmt.Errorf("store: get run %d: %w", id, err)
	}
	return r, nil
}

// InputKey names a run's input for comparisons: its absolute path when
// the scan stored one (parameter "input"), else the name it was given;
// "" for standard input, which is never the same input as another run's.
func (r Run) InputKey() string {
	if p := r.Parameters["input"]; p != "" {
		return p
	}
	if r.Input == "-" {
		return ""
	}
	return r.Input
}

// PreviousRun returns the newest done run before id with the same input
// (InputKey): the run id's figures compare with.
func (s *sqlStore) PreviousRun(ctx context.Context, id int64) (Run, bool, error) {
	cur, err := s.GetRun(ctx, id)
	if err != nil {
		return Run{}, false, err
	}
	key := cur.InputKey()
	if key == "" {
		return Run{}, false, nil
	}
	rows, err := s.r.QueryContext(ctx, s.d.q(`SELECT id, input, parameters FROM runs WHERE id < ? AND status = ? ORDER BY id DESC`), id, string(RunDone))
	if err != nil {
		return Run{}, false, fmt.Errorf("store: previous run of %d: %w", id, err)
	}
	prevID := int64(0)
	for rows.Next() {
		var (
			r      Run
			params string
		)
		if err := rows.Scan(&r.ID, &r.Input, &params); err != nil {
			rows.Close()
			return Run{}, false, fmt.Errorf("store: previous run of %d: %w", id, err)
		}
		if params != "" {
			_ = json.Unmarshal([]byte(params), &r.Parameters)
		}
		if r.InputKey() == key {
			prevID = r.ID
			break
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return Run{}, false, fmt.Errorf("store: previous run of %d: %w", id, err)
	}
	if prevID == 0 {
		return Run{}, false, nil
	}
	prev, err := s.GetRun(ctx, prevID)
	if err != nil {
		return Run{}, false, err
	}
	return prev, true, nil
}

// ListRuns returns every run, newest first.
func (s *sqlStore) ListRuns(ctx context.Context) ([]Run, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+runColumns+` FROM runs ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: list runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list runs: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list runs: %w", err)
	}
	return out, nil
}

func (s *sqlStore) SetRunStatus(ctx context.Context, runID int64, status RunStatus, queriesSent int64) error {
	switch status {
	case RunRunning, RunInterrupted:
	case RunDone:
		return fmt.Errorf("store: set run %d status: done is set by FinishRun, with the aggregates", runID)
	default:
		return fmt.Errorf("store: unknown run status %q", status)
	}
	res, err := s.w.ExecContext(ctx, s.d.q(`UPDATE runs SET status = ?, queries_sent = ?, finished_at = NULL WHERE id = ?`),
		string(status), queriesSent, runID)
	if err != nil {
		return fmt.Errorf("store: set run %d status: %w", runID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: set run %d status: %w", runID, ErrNotFound)
	}
	return nil
}

// AddInput appends accepted domains and rejected lines. A domain already
// in the run (same name or same Pos) and a problem already recorded for
// the same line are left as they are, so adding the same input twice is
// harmless. Names are stored lower case and fully qualified.
func (s *sqlStore) AddInput(ctx context.Context, runID int64, domains []InputDomain, problems []InputProblem) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: add input: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.d.q(`UPDATE runs SET heartbeat = ? WHERE id = ? AND status = ?`),
		s.d.timeArg(time.Now()), runID, string(RunLoading)); err != nil {
		return fmt.Errorf("store: add input of run %d: heartbeat: %w", runID, err)
	}
	rows := make([][]any, 0, len(domains))
	for _, d := range domains {
		rows = append(rows, []any{runID, d.Pos, d.Line, canonical(d.Name)})
	}
	if err := s.insert(ctx, tx, "run_input", []string{"run_id", "pos", "line", "name"}, rows, " ON CONFLICT DO NOTHING"); err != nil {
		return fmt.Errorf("store: add input of run %d: %w", runID, err)
	}
	rows = rows[:0]
	for _, p := range problems {
		rows = append(rows, []any{runID, p.Line, p.Text, p.Reason})
	}
	if err := s.insert(ctx, tx, "input_problems", []string{"run_id", "line", "text", "reason"}, rows, " ON CONFLICT DO NOTHING"); err != nil {
		return fmt.Errorf("store: add input problems of run %d: %w", runID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: add input of run %d: %w", runID, err)
	}
	return nil
}

func (s *sqlStore) InputProblems(ctx context.Context, runID int64) ([]InputProblem, error) {
	rows, err := s.r.QueryContext(ctx, s.d.q(`SELECT line, text, reason FROM input_problems WHERE run_id = ? ORDER BY line`), runID)
	if err != nil {
		return nil, fmt.Errorf("store: input problems of run %d: %w", runID, err)
	}
	defer rows.Close()
	out := []InputProblem{}
	for rows.Next() {
		var p InputProblem
		if err := rows.Scan(&p.Line, &p.Text, &p.Reason); err != nil {
			return nil, fmt.Errorf("store: input problems of run %d: %w", runID, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: input problems of run %d: %w", runID, err)
	}
	return out, nil
}

func (s *sqlStore) Pending(ctx context.Context, runID int64, after int64, limit int) ([]InputDomain, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, s.d.q(`SELECT i.pos, i.line, i.name FROM run_input i
WHERE i.run_id = ? AND i.pos > ?
  AND NOT EXISTS (SELECT 1 FROM domains d WHERE d.run_id = i.run_id AND d.name = i.name)
ORDER BY i.pos LIMIT ?`), runID, after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: pending of run %d: %w", runID, err)
	}
	defer rows.Close()
	var out []InputDomain
	for rows.Next() {
		var d InputDomain
		if err := rows.Scan(&d.Pos, &d.Line, &d.Name); err != nil {
			return nil, fmt.Errorf("store: pending of run %d: %w", runID, err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: pending of run %d: %w", runID, err)
	}
	return out, nil
}

// insert writes rows into table with multi-row INSERTs, in chunks that
// stay under both engines' limits on bound parameters.
func (s *sqlStore) insert(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any, suffix string) error {
	if len(rows) == 0 {
		return nil
	}
	per := max(1, 30000/len(cols))
	per = min(per, 500)
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, len(chunk)*len(cols))
		for i, r := range chunk {
			if len(r) != len(cols) {
				return fmt.Errorf("insert into %s: %d values for %d columns", table, len(r), len(cols))
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, r...)
		}
		b.WriteString(suffix)
		if _, err := tx.ExecContext(ctx, s.d.q(b.String()), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// runTables are the tables with a run_id, children before parents.
var runTables = []string{"findings", "addresses", "nameservers", "domains", "observations",
	"shared_queries", "aggregates", "input_problems", "run_input"}

// DeleteRun deletes run id and every row of it, in one transaction. It
// returns an error wrapping ErrNotFound when there is no such run.
func (s *sqlStore) DeleteRun(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range runTables {
			if _, err := tx.ExecContext(ctx, s.d.q(`DELETE FROM `+t+` WHERE run_id = ?`), id); err != nil {
				return fmt.Errorf("%s: %w", t, err)
			}
		}
		res, err := tx.ExecContext(ctx, s.d.q(`DELETE FROM runs WHERE id = ?`), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return ErrNotFound
		}
		return nil
	}, "delete run %d", id)
	if err == nil {
		s.seen.forget(id)
	}
	return err
}
