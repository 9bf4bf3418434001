package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Shared queries (observe.Query.Shared: a server-level probe, a parent
// zone's DNSKEY or DS, a name lookup) are measured once per run and
// copied into every domain that used them; most of a domain's
// observations are such copies. The store keeps each one once per run in
// shared_queries, keyed by the hex of the first 128 bits of the SHA-256 of
// its JSON with Seq zeroed (refKey; rows written before used all 256
// bits, and still read), and the domain's record keeps a stub
// {"seq":N,"shared":true,"ref":KEY} in its place. Observations puts the
// queries back.

// storedDomain is the stored form of an observations record: the domain
// with its queries as storedQuery. Its Queries field hides the embedded
// one in JSON, so the record reads as an observe.Domain.
type storedDomain struct {
	*observe.Domain
	Queries []storedQuery `json:"queries"`
}

// storedQuery is one query of a stored record as read: the whole query,
// or, when Ref is set, a stub referring to a shared_queries row (it
// decodes into a Query with only Seq and Shared set). Records written
// before shared_queries existed have no refs and read as they are.
type storedQuery struct {
	*observe.Query
	Ref string `json:"ref,omitempty"`
}

// encDomain and encQuery are a record as written: a query in full (Query
// set) or a stub {"seq":N,"shared":true,"ref":KEY} (Query nil). The outer
// Seq and Shared hide the query's own, and are set from them. Plain
// structs, not a MarshalJSON method: encoding/json re-validates and
// compacts what such a method returns, which cost a scan about 5% of its
// CPU.
type encDomain struct {
	*observe.Domain
	Queries []*encQuery `json:"queries"`
}

type encQuery struct {
	*observe.Query
	Seq    int    `json:"seq"`
	Shared bool   `json:"shared,omitempty"`
	Ref    string `json:"ref,omitempty"`
}

// keyedQuery is a query as keyed and stored in shared_queries: its JSON
// with seq 0 (the outer Seq hides the query's), so that the copies of one
// query in different domains have the same key.
type keyedQuery struct {
	*observe.Query
	Seq int `json:"seq"`
}

// refKey is the stored key of a shared query whose JSON has SHA-256 sum:
// 128 bits in hex. A domain's record holds some 50 refs, so the key's
// length is a good part of the record: 128 bits halve it against the
// full 256 and still make a collision in a run of billions of shared
// queries unthinkable (birthday bound about 2^64).
func refKey(sum [sha256.Size]byte) string { return hex.EncodeToString(sum[:16]) }

// matchesKey reports whether sum is the content's hash named by key, in
// either form (128-bit, or the full hex of rows stored before refKey).
func matchesKey(sum [sha256.Size]byte, key string) bool {
	return key == refKey(sum) || key == hex.EncodeToString(sum[:])
}

// sharedKey returns the key and JSON of a shared query.
func sharedKey(q *observe.Query) ([sha256.Size]byte, []byte, error) {
	js, err := json.Marshal(keyedQuery{Query: q})
	if err != nil {
		return [sha256.Size]byte{}, nil, err
	}
	return sha256.Sum256(js), js, nil
}

// sharedBatch collects the shared_queries rows a SaveResults batch must
// insert: each key once, none this store has already committed.
type sharedBatch struct {
	runID int64
	seen  *seenSet
	keys  *originKeys
	rows  map[[sha256.Size]byte][]byte // key → gzipped JSON
}

// originKeys remembers the key of each shared query's origin, so the copies
// of one origin in thousands of domains are encoded and hashed once. It is
// emptied when it reaches originMax entries: its keys hold the origins (and
// their parsed messages) in memory, so it stays much smaller than seenSet.
type originKeys struct {
	mu sync.Mutex
	m  map[*observe.Query][sha256.Size]byte
}

func (o *originKeys) get(q *observe.Query) ([sha256.Size]byte, bool) {
	if o == nil || q.Origin == nil {
		return [sha256.Size]byte{}, false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	k, ok := o.m[q.Origin]
	return k, ok
}

func (o *originKeys) put(q *observe.Query, k [sha256.Size]byte) {
	if o == nil || q.Origin == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.m == nil || len(o.m) >= originMax {
		o.m = map[*observe.Query][sha256.Size]byte{}
	}
	o.m[q.Origin] = k
}

// encode returns d's stored record, gzipped, and adds its shared queries
// to b.
func (b *sharedBatch) encode(d *observe.Domain) ([]byte, error) {
	sd := encDomain{Domain: d}
	if d.Queries != nil {
		sd.Queries = make([]*encQuery, len(d.Queries))
	}
	for i, q := range d.Queries {
		if q == nil {
			continue
		}
		sd.Queries[i] = &encQuery{Query: q, Seq: q.Seq, Shared: q.Shared}
		if !q.Shared {
			continue
		}
		if sum, ok := b.keys.get(q); ok {
			if _, pending := b.rows[sum]; pending || b.seen.has(b.runID, sum) {
				sd.Queries[i].Query, sd.Queries[i].Ref = nil, refKey(sum)
				continue
			}
		}
		sum, js, err := sharedKey(q)
		if err != nil {
			return nil, fmt.Errorf("encode shared query %d: %w", q.Seq, err)
		}
		b.keys.put(q, sum)
		sd.Queries[i].Query, sd.Queries[i].Ref = nil, refKey(sum)
		if _, ok := b.rows[sum]; ok || b.seen.has(b.runID, sum) {
			continue
		}
		gz, err := gzipBytes(js)
		if err != nil {
			return nil, err
		}
		b.rows[sum] = gz
	}
	return gzipJSON(&sd)
}

// insertRows returns the rows to insert, in key order: concurrent
// PostgreSQL transactions inserting the same keys then wait for each other
// in one order and cannot deadlock.
func (b *sharedBatch) insertRows() (rows [][]any, keys [][sha256.Size]byte) {
	for k := range b.rows {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y [sha256.Size]byte) int { return bytes.Compare(x[:], y[:]) })
	for _, k := range keys {
		rows = append(rows, []any{b.runID, refKey(k), b.rows[k]})
	}
	return rows, keys
}

var sharedCols = []string{"run_id", "key", "data"}

// originMax bounds originKeys: at a few KB per origin held (the query,
// its response and parsed message), 32,768 origins stay under ~100 MB
// while the hot ones (the root's and TLDs' keys, server probes) are hit
// all the time.
const originMax = 1 << 15

// seenMax bounds seenSet: a few hundred thousand keys (some 20 MB), more
// than the shared queries of a large run.
const seenMax = 1 << 18

// seenSet remembers the shared queries this store has committed, per run,
// so that batches do not send them again. When full it forgets
// everything; INSERT ... ON CONFLICT DO NOTHING makes forgetting (and
// other processes writing the same run) harmless. The zero value is ready.
type seenSet struct {
	mu sync.Mutex
	m  map[seenKey]struct{}
}

type seenKey struct {
	run int64
	sum [sha256.Size]byte
}

func (s *seenSet) has(run int64, sum [sha256.Size]byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[seenKey{run, sum}]
	return ok
}

// add records keys as committed; call it only after the commit.
func (s *seenSet) add(run int64, keys [][sha256.Size]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil || len(s.m)+len(keys) > seenMax {
		s.m = make(map[seenKey]struct{}, min(len(keys)*4, seenMax))
	}
	for _, k := range keys[:min(len(keys), seenMax)] {
		s.m[seenKey{run, k}] = struct{}{}
	}
}

// forget drops what was recorded of run (deleted: its ID may come back).
func (s *seenSet) forget(run int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.m {
		if k.run == run {
			delete(s.m, k)
		}
	}
}

// gzipJSON encodes v as gzipped JSON.
func gzipJSON(v any) ([]byte, error) {
	return compress(func(w io.Writer) error { return json.NewEncoder(w).Encode(v) })
}

// gzipBytes compresses p.
func gzipBytes(p []byte) ([]byte, error) {
	return compress(func(w io.Writer) error {
		_, err := w.Write(p)
		return err
	})
}

// gunzip decompresses data, refusing more than maxObservation bytes so
// that a corrupt or hostile row cannot exhaust memory.
func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, maxObservation+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxObservation {
		return nil, fmt.Errorf("record larger than %d bytes", maxObservation)
	}
	return out, nil
}

// decodeStored reads a stored record; shared queries stay stubs.
func decodeStored(data []byte) (*storedDomain, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	sd := &storedDomain{Domain: &observe.Domain{}}
	lr := &io.LimitedReader{R: zr, N: maxObservation}
	if err := json.NewDecoder(lr).Decode(sd); err != nil {
		return nil, err
	}
	return sd, nil
}

// refs appends the keys sd refers to that cache lacks.
func (sd *storedDomain) refs(cache *sharedCache, out map[string]bool) {
	for _, q := range sd.Queries {
		if q.Ref != "" && cache.m[q.Ref] == nil {
			out[q.Ref] = true
		}
	}
}

// domain returns the observe.Domain sd stands for, each shared query a
// fresh copy decoded from cache with its Seq restored.
func (sd *storedDomain) domain(cache *sharedCache) (*observe.Domain, error) {
	d := sd.Domain
	d.Queries = nil
	if sd.Queries != nil {
		d.Queries = make([]*observe.Query, len(sd.Queries))
	}
	for i, q := range sd.Queries {
		if q.Ref == "" || q.Query == nil {
			d.Queries[i] = q.Query
			continue
		}
		js := cache.m[q.Ref]
		if js == nil {
			return nil, fmt.Errorf("query %d refers to shared query %.16s…, which is not stored", q.Seq, q.Ref)
		}
		full := new(observe.Query)
		if err := json.Unmarshal(js, full); err != nil {
			return nil, fmt.Errorf("shared query %.16s…: %w", q.Ref, err)
		}
		full.Seq, full.Shared = q.Seq, true
		d.Queries[i] = full
	}
	return d, nil
}

// sharedCacheMax bounds the decoded shared queries Observations keeps
// between pages.
const sharedCacheMax = 64 << 20

// sharedCache holds shared queries' JSON by key, for one Observations call.
type sharedCache struct {
	m    map[string][]byte
	size int
}

// trim empties c when it has grown past sharedCacheMax. Call it before
// collecting a page's refs, so that the page finds all its keys.
func (c *sharedCache) trim() {
	if c.m == nil || c.size > sharedCacheMax {
		c.m, c.size = map[string][]byte{}, 0
	}
}

// load fetches the given keys of the run into c. Each row's content is
// checked against its key.
func (c *sharedCache) load(ctx context.Context, s *sqlStore, runID int64, want map[string]bool) error {
	if len(want) == 0 {
		return nil
	}
	if c.m == nil {
		c.m = map[string][]byte{}
	}
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	const per = 500
	for start := 0; start < len(keys); start += per {
		chunk := keys[start:min(start+per, len(keys))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, runID)
		for _, k := range chunk {
			args = append(args, k)
		}
		q := "SELECT key, data FROM shared_queries WHERE run_id = ? AND key IN (" +
			strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ") + ")"
		if err := c.scan(ctx, s.r, s.d.q(q), args); err != nil {
			return err
		}
	}
	return nil
}

func (c *sharedCache) scan(ctx context.Context, db *sql.DB, q string, args []any) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("read shared queries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			key  string
			data []byte
		)
		if err := rows.Scan(&key, &data); err != nil {
			return fmt.Errorf("read shared queries: %w", err)
		}
		js, err := gunzip(data)
		if err != nil {
			return fmt.Errorf("shared query %.16s…: %w", key, err)
		}
		if sum := sha256.Sum256(js); !matchesKey(sum, key) {
			return fmt.Errorf("shared query %.16s…: content does not match its key", key)
		}
		c.m[key] = js
		c.size += len(key) + len(js)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read shared queries: %w", err)
	}
	return nil
}
