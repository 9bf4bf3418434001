package web

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"sync"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// maxCachedRuns is how many runs' tallies the server keeps in memory.
const maxCachedRuns = 32

// maxTrendRuns is how many runs a trend shows, the newest.
const maxTrendRuns = 24

// domainRow is what lists and search need of a domain of a run.
type domainRow struct {
	Name     string   `json:"domain"`
	TLD      string   `json:"tld"`
	Country  *string  `json:"country"`
	DNSSEC   string   `json:"dnssec_status"`
	Worst    string   `json:"worst_severity"`
	Findings []string `json:"findings"`
}

// runData is a run's indicators for every scope and its domain list,
// read once from the store's jsonl export (the open data itself, so the
// figures are the ones anyone recounts from it).
type runData struct {
	run     store.Run
	key     string
	tally   *indicators.Tally
	domains []domainRow // name order
	index   map[string]int
}

// dataCache keeps runData per run; a run whose status, result count or
// end time changed is read again.
type dataCache struct {
	st   store.Store
	mu   sync.Mutex
	runs map[int64]*runData
	load map[int64]*sync.Mutex
}

func newDataCache(st store.Store) *dataCache {
	return &dataCache{st: st, runs: map[int64]*runData{}, load: map[int64]*sync.Mutex{}}
}

func runKey(r store.Run) string {
	fin := ""
	if r.FinishedAt != nil {
		fin = r.FinishedAt.String()
	}
	return fmt.Sprintf("%s/%d/%d/%s", r.Status, r.Done, r.QueriesSent, fin)
}

// get returns run's data, reading it when not cached or stale.
func (c *dataCache) get(ctx context.Context, run store.Run) (*runData, error) {
	key := runKey(run)
	c.mu.Lock()
	if d := c.runs[run.ID]; d != nil && d.key == key {
		c.mu.Unlock()
		return d, nil
	}
	l := c.load[run.ID]
	if l == nil {
		l = &sync.Mutex{}
		c.load[run.ID] = l
	}
	c.mu.Unlock()
	l.Lock() // one reader of a run at a time; the others wait for it
	defer l.Unlock()
	c.mu.Lock()
	if d := c.runs[run.ID]; d != nil && d.key == key {
		c.mu.Unlock()
		return d, nil
	}
	c.mu.Unlock()
	d, err := readRun(ctx, c.st, run)
	if err != nil {
		return nil, err
	}
	d.key = key
	c.mu.Lock()
	defer c.mu.Unlock()
	c.runs[run.ID] = d
	if len(c.runs) > maxCachedRuns {
		oldest := run.ID
		for id := range c.runs {
			oldest = min(oldest, id)
		}
		delete(c.runs, oldest)
	}
	return d, nil
}

// exportRecord is what readRun decodes of an export line.
type exportRecord struct {
	indicators.Record
	Summary struct {
		Worst string `json:"worst"`
	} `json:"summary"`
}

func readRun(ctx context.Context, st store.Store, run store.Run) (*runData, error) {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(st.Export(ctx, run.ID, "jsonl", pw)) }()
	defer pr.Close()
	d := &runData{run: run, tally: indicators.NewTally(), index: map[string]int{}}
	sc := bufio.NewScanner(pr)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	for sc.Scan() {
		var rec exportRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("web: run %d: export line %d: %w", run.ID, len(d.domains)+1, err)
		}
		d.tally.Add(&rec.Record)
		tld, country := rec.Place()
		row := domainRow{Name: rec.Domain, TLD: tld, DNSSEC: "", Worst: rec.Summary.Worst, Findings: []string{}}
		if country != "" {
			row.Country = &country
		}
		if rec.DNSSEC != nil {
			row.DNSSEC = rec.DNSSEC.Status
		}
		seen := map[string]bool{}
		for _, f := range rec.Findings {
			if !seen[f.ID] {
				seen[f.ID] = true
				row.Findings = append(row.Findings, f.ID)
			}
		}
		sort.Strings(row.Findings)
		d.index[row.Name] = len(d.domains)
		d.domains = append(d.domains, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("web: run %d: %w", run.ID, err)
	}
	return d, nil
}

// errBadParam is a bad query parameter: 400.
type paramError struct{ msg string }

func (e *paramError) Error() string { return e.msg }

func badParam(format string, a ...any) error { return &paramError{fmt.Sprintf(format, a...)} }

// parseID reads a run ID: a positive decimal integer.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, badParam("run %s: want a positive run ID", quoteParam(s))
	}
	return id, nil
}

// resolveRun returns the run a request names: param empty, the newest done
// run (the newest of any status when none is done); else that ID.
func (s *Server) resolveRun(ctx context.Context, param string) (store.Run, error) {
	if param != "" {
		id, err := parseID(param)
		if err != nil {
			return store.Run{}, err
		}
		return s.cfg.Store.GetRun(ctx, id)
	}
	runs, err := s.cfg.Store.ListRuns(ctx)
	if err != nil {
		return store.Run{}, err
	}
	if len(runs) == 0 {
		return store.Run{}, fmt.Errorf("web: no run stored yet: %w", store.ErrNotFound)
	}
	for _, r := range runs {
		if r.Status == store.RunDone {
			return r, nil
		}
	}
	return runs[0], nil
}

// trendPoint is one run's indicators of a scope.
type trendPoint struct {
	Run        int64                 `json:"run"`
	StartedAt  string                `json:"started_at"`
	Indicators indicators.Indicators `json:"indicators"`
}

// trend returns the indicators of scope in the newest done runs up to and
// including upTo, oldest first.
func (s *Server) trend(ctx context.Context, scope indicators.Scope, upTo int64) ([]trendPoint, error) {
	runs, err := s.cfg.Store.ListRuns(ctx)
	if err != nil {
		return nil, err
	}
	var pick []store.Run
	for _, r := range runs { // newest first
		if r.ID <= upTo && r.Status == store.RunDone && len(pick) < maxTrendRuns {
			pick = append(pick, r)
		}
	}
	out := make([]trendPoint, 0, len(pick))
	for i := len(pick) - 1; i >= 0; i-- {
		d, err := s.data.get(ctx, pick[i])
		if err != nil {
			return nil, err
		}
		out = append(out, trendPoint{Run: pick[i].ID, StartedAt: rfc3339(pick[i].StartedAt), Indicators: d.tally.Indicators(scope)})
	}
	return out, nil
}

// isNotFound reports a missing run or domain.
func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
