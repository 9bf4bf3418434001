package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

var (
	domainCols = []string{"run_id", "name", "tld", "country", "checked_at", "error", "dnssec_status",
		"ns_count", "asn_count", "prefix_count", "country_count", "ipv6_ready", "ns_ipv6",
		"worst_severity", "queries_sent", "finding_ids", "report", "report_gz"}
	nameserverCols = []string{"run_id", "domain", "name", "in_parent", "in_child", "cname", "resolve_error"}
	addressCols    = []string{"run_id", "domain", "ns", "addr", "family", "asn", "as_org", "country", "prefix",
		"reachable", "authoritative", "udp", "tcp", "recursive", "axfr_open", "edns_ok", "rtt_udp_ms", "rtt_tcp_ms"}
	findingCols     = []string{"run_id", "domain", "id", "severity", "category", "subject", "detail"}
	observationCols = []string{"run_id", "domain", "data"}
)

// reportTables are the tables a record fills; observations are apart,
// so reanalysis replaces the former and keeps the latter.
var reportTables = []string{"findings", "addresses", "nameservers", "domains"}

// Preparer is implemented by stores that can encode a result before
// SaveResults, so that a scan's workers do the encoding (gzip, the
// observation record's JSON, hashing) in parallel and the one writer only
// runs SQL. Prepare is safe
// for concurrent use; an error is kept and returned by SaveResults.
type Preparer interface {
	Prepare(runID int64, r *Result)
}

// encoded is a result as SaveResults inserts it.
type encoded struct {
	runID  int64
	rows   rowSet                       // the domain's record rows
	obs    []byte                       // gzipped observation record; nil without observations
	shared map[[sha256.Size]byte][]byte // shared queries it refers to, not yet committed when encoded
	err    error
}

// Prepare implements Preparer.
func (s *sqlStore) Prepare(runID int64, r *Result) { r.enc = s.encode(runID, r) }

func (s *sqlStore) encode(runID int64, r *Result) *encoded {
	e := &encoded{runID: runID}
	if e.err = e.rows.add(runID, &r.Record, s.d); e.err != nil {
		return e
	}
	if r.Observations != nil {
		// Shared queries go to shared_queries, once per run; the records
		// refer to them (shared.go).
		b := &sharedBatch{runID: runID, seen: &s.seen, keys: &s.originKeys, rows: map[[sha256.Size]byte][]byte{}}
		if e.obs, e.err = b.encode(r.Observations); e.err != nil {
			e.err = fmt.Errorf("save observations of %s: %w", r.Record.Domain, e.err)
		}
		e.shared = b.rows
	}
	return e
}

// SaveResults stores a batch in one transaction: for each domain it
// deletes whatever was stored before and inserts the new rows, so a
// domain has at most one copy, and after a crash either its whole result
// or none. Results not prepared (Preparer) are encoded here.
func (s *sqlStore) SaveResults(ctx context.Context, runID int64, results []Result) error {
	return s.SaveBatch(ctx, runID, results, 0)
}

// SaveBatch is SaveResults that also adds queries to the run's queries
// sent, in the same transaction: after a kill -9 the run's count is that
// of its stored batches.
func (s *sqlStore) SaveBatch(ctx context.Context, runID int64, results []Result, queries int64) error {
	if len(results) == 0 && queries == 0 {
		return nil
	}
	// A domain given twice in one batch keeps its last result.
	last := map[string]int{}
	for i, r := range results {
		if r.Record.Domain == "" {
			return fmt.Errorf("store: save results of run %d: result %d has no domain", runID, i)
		}
		last[canonical(r.Record.Domain)] = i
	}
	var (
		rows   rowSet
		obs    [][]any
		shared = &sharedBatch{runID: runID, rows: map[[sha256.Size]byte][]byte{}}
	)
	for i := range results {
		r := &results[i]
		name := canonical(r.Record.Domain)
		if last[name] != i {
			continue
		}
		e := r.enc
		if e == nil || e.runID != runID {
			e = s.encode(runID, r)
		}
		if e.err != nil {
			return fmt.Errorf("store: save results of run %d: %w", runID, e.err)
		}
		rows.merge(&e.rows)
		if e.obs != nil {
			obs = append(obs, []any{runID, name, e.obs})
		}
		for k, gz := range e.shared {
			if !s.seen.has(runID, k) {
				shared.rows[k] = gz
			}
		}
	}
	sharedRows, sharedKeys := shared.insertRows()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.lockDomains(ctx, tx, runID, rows.names); err != nil {
			return err
		}
		// Shared rows other domains refer to are never deleted here.
		if err := s.deleteDomains(ctx, tx, runID, rows.names, append(reportTables, "observations")); err != nil {
			return err
		}
		if err := rows.insert(ctx, s, tx); err != nil {
			return err
		}
		if err := s.insert(ctx, tx, "shared_queries", sharedCols, sharedRows, " ON CONFLICT DO NOTHING"); err != nil {
			return err
		}
		if err := s.insert(ctx, tx, "observations", observationCols, obs, ""); err != nil {
			return err
		}
		if queries == 0 {
			return nil
		}
		res, err := tx.ExecContext(ctx, s.d.q(`UPDATE runs SET queries_sent = COALESCE(queries_sent, 0) + ? WHERE id = ?`), queries, runID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return fmt.Errorf("run %d: %w", runID, ErrNotFound)
		}
		return nil
	}, "save results of run %d", runID)
	if err != nil {
		return err
	}
	s.seen.add(runID, sharedKeys) // committed: later batches can skip them
	return nil
}

// ReplaceRecords replaces the stored records (reports, findings,
// nameservers and addresses) of the given domains, and keeps their
// observations.
func (s *sqlStore) ReplaceRecords(ctx context.Context, runID int64, recs []Record) error {
	if len(recs) == 0 {
		return nil
	}
	for i, r := range recs {
		if r.Domain == "" {
			return fmt.Errorf("store: replace records of run %d: record %d has no domain", runID, i)
		}
	}
	rows, err := recordRows(runID, recs, s.d)
	if err != nil {
		return fmt.Errorf("store: replace records of run %d: %w", runID, err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.lockDomains(ctx, tx, runID, rows.names); err != nil {
			return err
		}
		if err := s.deleteDomains(ctx, tx, runID, rows.names, reportTables); err != nil {
			return err
		}
		return rows.insert(ctx, s, tx)
	}, "replace records of run %d", runID)
}

func (s *sqlStore) inTx(ctx context.Context, fn func(*sql.Tx) error, what string, args ...any) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: "+what+": begin: %w", append(args, err)...)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("store: "+what+": %w", append(args, err)...)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: "+what+": commit: %w", append(args, err)...)
	}
	return nil
}

// lockDomains serialises transactions that write the same domains. In
// SQLite there is one writer and nothing to do. In PostgreSQL two
// transactions deleting a domain that is not there yet would both insert
// it, and one would fail on the primary key: each takes a transaction
// advisory lock per domain first, in key order so that they cannot
// deadlock.
func (s *sqlStore) lockDomains(ctx context.Context, tx *sql.Tx, runID int64, names []string) error {
	if s.d != postgresDialect || len(names) == 0 {
		return nil
	}
	keys := make([]int64, 0, len(names))
	for _, n := range names {
		keys = append(keys, lockKey(runID, "domain", n))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	// unnest yields the array in order, and the aggregate takes each lock
	// as the row goes by.
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) AS u(k)`, keys).Scan(&n); err != nil {
		return fmt.Errorf("lock domains: %w", err)
	}
	return nil
}

// lockKey is a PostgreSQL advisory lock key for one object of a run.
func lockKey(runID int64, kind, name string) int64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "dnsobs/%d/%s/%s", runID, kind, name)
	return int64(h.Sum64())
}

// deleteDomains deletes the rows of names from tables.
func (s *sqlStore) deleteDomains(ctx context.Context, tx *sql.Tx, runID int64, names []string, tables []string) error {
	const per = 500
	for start := 0; start < len(names); start += per {
		chunk := names[start:min(start+per, len(names))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, runID)
		for _, n := range chunk {
			args = append(args, n)
		}
		in := strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ")
		for _, t := range tables {
			col := "domain"
			if t == "domains" {
				col = "name"
			}
			q := "DELETE FROM " + t + " WHERE run_id = ? AND " + col + " IN (" + in + ")"
			if _, err := tx.ExecContext(ctx, s.d.q(q), args...); err != nil {
				return fmt.Errorf("delete from %s: %w", t, err)
			}
		}
	}
	return nil
}

// rowSet is a batch of records as table rows.
type rowSet struct {
	names                                 []string
	domains, nameservers, addrs, findings [][]any
}

func (rs *rowSet) insert(ctx context.Context, s *sqlStore, tx *sql.Tx) error {
	if err := s.insert(ctx, tx, "domains", domainCols, rs.domains, ""); err != nil {
		return err
	}
	if err := s.insert(ctx, tx, "nameservers", nameserverCols, rs.nameservers, ""); err != nil {
		return err
	}
	if err := s.insert(ctx, tx, "addresses", addressCols, rs.addrs, ""); err != nil {
		return err
	}
	return s.insert(ctx, tx, "findings", findingCols, rs.findings, "")
}

// recordRows turns records into rows. A domain given twice in one batch
// keeps its last record.
func recordRows(runID int64, recs []Record, d *dialect) (*rowSet, error) {
	last := map[string]int{}
	for i, r := range recs {
		last[canonical(r.Domain)] = i
	}
	rs := &rowSet{}
	for i := range recs {
		if last[canonical(recs[i].Domain)] != i {
			continue
		}
		if err := rs.add(runID, &recs[i], d); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

// merge appends o's rows to rs.
func (rs *rowSet) merge(o *rowSet) {
	rs.names = append(rs.names, o.names...)
	rs.domains = append(rs.domains, o.domains...)
	rs.nameservers = append(rs.nameservers, o.nameservers...)
	rs.addrs = append(rs.addrs, o.addrs...)
	rs.findings = append(rs.findings, o.findings...)
}

// add appends the rows of record r.
func (rs *rowSet) add(runID int64, r *Record, d *dialect) error {
	name := canonical(r.Domain)
	rs.names = append(rs.names, name)
	if len(r.JSON) == 0 {
		return fmt.Errorf("record of %s has no JSON", name)
	}
	// The JSON goes to report_gz, compressed; report stays "" (0003).
	gz, err := gzipBytes(r.JSON)
	if err != nil {
		return fmt.Errorf("compress report of %s: %w", name, err)
	}
	checked := r.CheckedAt
	if checked.IsZero() {
		checked = time.Now()
	}
	tld := dnsname.TLD(name)
	rs.domains = append(rs.domains, []any{runID, name, tld, dnsname.Country(tld), d.timeArg(checked), r.Error,
		r.DNSSECStatus, len(r.Nameservers), r.ASNs, r.Prefixes, r.Countries,
		r.IPv6Ready, r.NSIPv6, r.WorstSeverity, r.QueriesSent,
		strings.Join(findingIDs(r.Findings), " "), "", gz})
	for _, ns := range r.Nameservers {
		rs.nameservers = append(rs.nameservers, []any{runID, name, canonical(ns.Name), ns.InParent, ns.InChild,
			ns.CNAME, ns.ResolveError})
		for _, a := range ns.Addresses {
			row := []any{runID, name, canonical(ns.Name), a.Addr.String(), a.Family, int64(a.ASN), a.ASOrg,
				a.Country, a.Prefix}
			if p := a.Probe; p != nil {
				var edns any
				if p.EDNS0 != nil {
					edns = *p.EDNS0
				}
				row = append(row, p.Reachable, p.Authoritative, p.UDP, p.TCP, p.Recursive, p.AXFROpen, edns,
					ms(p.RTTUDP), ms(p.RTTTCP))
			} else {
				row = append(row, nil, nil, nil, nil, nil, nil, nil, nil, nil)
			}
			rs.addrs = append(rs.addrs, row)
		}
	}
	for _, f := range r.Findings {
		rs.findings = append(rs.findings, []any{runID, name, f.ID, f.Severity, f.Category, f.Subject, f.Detail})
	}
	return nil
}

// ms is a round-trip time in milliseconds, NULL when not measured.
func ms(d time.Duration) any {
	if d <= 0 {
		return nil
	}
	return float64(d) / float64(time.Millisecond)
}

// gzippers recycles compressors and their output buffers: a new
// compressor allocates over 800 KB, and a scan compresses one observation
// record and one report per domain. Output goes to the pooled buffer and
// is copied out at its final size, one allocation instead of a buffer
// doubled from 64 bytes (9% of a scan's allocated bytes). BestSpeed: the
// records are mostly base64 wire data, where higher levels gain little
// and cost much CPU; on report JSON BestSpeed already gains most of what
// gzip can.
var gzippers = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // only fails for a bad level
	return &gzipper{zw: zw}
}}

type gzipper struct {
	zw  *gzip.Writer
	buf bytes.Buffer
}

// gzipperKeep bounds the output buffer a pooled gzipper keeps: a rare
// huge record does not pin its buffer in the pool.
const gzipperKeep = 1 << 20

// compress gzips what write writes.
func compress(write func(w io.Writer) error) ([]byte, error) {
	g := gzippers.Get().(*gzipper)
	defer func() {
		if g.buf.Cap() > gzipperKeep {
			g.buf = bytes.Buffer{}
		}
		gzippers.Put(g)
	}()
	g.buf.Reset()
	g.zw.Reset(&g.buf)
	if err := write(g.zw); err != nil {
		return nil, err
	}
	if err := g.zw.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(g.buf.Bytes()), nil
}

// maxObservation bounds a decompressed observation record, so a corrupt
// or hostile row cannot exhaust memory.
const maxObservation = 256 << 20

// Observations calls fn with every stored domain's observations, in
// domain-name order, stopping at fn's first error. Shared queries are put
// back from shared_queries, each domain getting its own copies. fn may
// write to the store (reanalyze calls ReplaceRecords from it).
func (s *sqlStore) Observations(ctx context.Context, runID int64, fn func(*observe.Domain) error) error {
	// Page by name rather than holding one cursor open for the whole run:
	// memory stays bounded and writers are never blocked behind a long read.
	var cache sharedCache
	after := ""
	for {
		rows, err := s.r.QueryContext(ctx, s.d.q(`SELECT domain, data FROM observations
WHERE run_id = ? AND domain > ? ORDER BY domain LIMIT 200`), runID, after)
		if err != nil {
			return fmt.Errorf("store: observations of run %d: %w", runID, err)
		}
		type rec struct {
			name string
			data []byte
		}
		var page []rec
		for rows.Next() {
			var r rec
			if err := rows.Scan(&r.name, &r.data); err != nil {
				rows.Close()
				return fmt.Errorf("store: observations of run %d: %w", runID, err)
			}
			page = append(page, r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("store: observations of run %d: %w", runID, err)
		}
		if len(page) == 0 {
			return nil
		}
		// Decode the page, then fetch the shared queries it lacks at once.
		// A record refers only to rows committed with or before it, so
		// they are there.
		cache.trim()
		stored := make([]*storedDomain, len(page))
		want := map[string]bool{}
		for i, r := range page {
			sd, err := decodeStored(r.data)
			if err != nil {
				return fmt.Errorf("store: observations of %s in run %d: %w", r.name, runID, err)
			}
			sd.refs(&cache, want)
			stored[i] = sd
		}
		if err := cache.load(ctx, s, runID, want); err != nil {
			return fmt.Errorf("store: observations of run %d: %w", runID, err)
		}
		for i, sd := range stored {
			d, err := sd.domain(&cache)
			if err != nil {
				return fmt.Errorf("store: observations of %s in run %d: %w", page[i].name, runID, err)
			}
			stored[i] = nil // let fn's domains go once used
			if err := fn(d); err != nil {
				return err
			}
		}
		after = page[len(page)-1].name
	}
}
