package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// sharedDomain builds a domain's observations as a scan does: own queries
// through an observe.Log, then copies of the shared ones (AddShared), so
// that a shared query's Seq differs from domain to domain.
func sharedDomain(name string, own int, shared []*observe.Query) *observe.Domain {
	var l observe.Log
	for i := range own {
		q := fixtureSharedQuery(0, observe.PurposeSOAUDP, name, "DNSKEY", fmt.Sprintf("192.0.2.%d", i+1), 1)
		q.Shared = false
		l.Add(q)
	}
	l.AddShared(shared)
	d := fixtureObservations(name, 0)
	d.Queries = l.Queries()
	return d
}

// readAll returns the run's observations by domain, as JSON.
func readAll(t *testing.T, s Store, runID int64) map[string]*observe.Domain {
	t.Helper()
	out := map[string]*observe.Domain{}
	if err := s.Observations(context.Background(), runID, func(d *observe.Domain) error {
		out[d.Domain] = d
		return nil
	}); err != nil {
		t.Fatalf("Observations: %v", err)
	}
	return out
}

// sameObservations fails unless got is want: the same JSON (every exported
// field), and the fields analysis relies on compared one by one for a
// readable message.
func sameObservations(t *testing.T, got, want *observe.Domain) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: not read back", want.Domain)
		return
	}
	if len(got.Queries) != len(want.Queries) {
		t.Errorf("%s: %d queries, want %d", want.Domain, len(got.Queries), len(want.Queries))
		return
	}
	for i, w := range want.Queries {
		g := got.Queries[i]
		if g.Seq != w.Seq || g.Shared != w.Shared || g.Purpose != w.Purpose || g.Zone != w.Zone || g.Server != w.Server ||
			g.Transport != w.Transport || g.QName != w.QName || g.QType != w.QType || g.Status != w.Status ||
			!bytes.Equal(g.Response, w.Response) || len(g.Stream) != len(w.Stream) || g.RTT != w.RTT || g.Attempts != w.Attempts {
			t.Errorf("%s: query %d\n got %+v\nwant %+v", want.Domain, i+1, g, w)
		}
	}
	if mustJSON(got) != mustJSON(want) {
		t.Errorf("%s: observations differ\n got %s\nwant %s", want.Domain, mustJSON(got), mustJSON(want))
	}
}

// sharedRows counts the run's shared_queries rows and sums their bytes.
func sharedRows(t *testing.T, s *sqlStore, runID int64) (n int, size int64) {
	t.Helper()
	if err := s.r.QueryRow(s.d.q(`SELECT COUNT(*), COALESCE(SUM(LENGTH(data)), 0) FROM shared_queries WHERE run_id = ?`),
		runID).Scan(&n, &size); err != nil {
		t.Fatal(err)
	}
	return n, size
}

func testSharedQueries(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	names := []string{"a.example.cl.", "b.example.cl.", "c.example.cl."}
	r := newRun(t, s, names, nil)
	tldKeys := fixtureSharedQuery(7, observe.PurposeDNSKEY, "cl.", "DNSKEY", "192.0.2.53", 2)
	a := sharedDomain(names[0], 1, []*observe.Query{tldKeys}) // the shared copy is query 2
	b := sharedDomain(names[1], 4, []*observe.Query{tldKeys}) // and here query 5
	for _, d := range []*observe.Domain{a, b} {
		if err := s.SaveResults(ctx, r.ID, []Result{{Record: fixtureRecord(d.Domain, 0), Observations: d}}); err != nil {
			t.Fatal(err)
		}
	}
	sum, _, err := sharedKey(tldKeys)
	if err != nil {
		t.Fatal(err)
	}
	key := refKey(sum)
	if n, _ := sharedRows(t, s, r.ID); n != 1 {
		t.Fatalf("%d shared_queries rows, want 1", n)
	}
	var stored string
	if err := s.r.QueryRow(s.d.q(`SELECT key FROM shared_queries WHERE run_id = ?`), r.ID).Scan(&stored); err != nil || stored != key {
		t.Errorf("stored key %q (%v), want %q", stored, err, key)
	}
	// b's record keeps a stub where the shared query was.
	var data []byte
	if err := s.r.QueryRow(s.d.q(`SELECT data FROM observations WHERE run_id = ? AND domain = ?`), r.ID, names[1]).Scan(&data); err != nil {
		t.Fatal(err)
	}
	js, err := gunzip(data)
	if err != nil {
		t.Fatal(err)
	}
	if stub := `{"seq":5,"shared":true,"ref":"` + key + `"}`; !strings.Contains(string(js), stub) {
		t.Errorf("record of %s lacks the stub %s:\n%s", names[1], stub, js)
	}
	got := readAll(t, s, r.ID)
	sameObservations(t, got[names[0]], a)
	sameObservations(t, got[names[1]], b)
	if q := got[names[0]].Queries[1]; q == got[names[1]].Queries[4] || q.Msg() == nil {
		t.Error("the two domains' shared queries are one object, or do not parse")
	}

	// Another store (an empty in-memory set of known keys) saving the
	// same query again relies on ON CONFLICT DO NOTHING.
	s2 := openTest(t, dsn)
	if err := s2.SaveResults(ctx, r.ID, []Result{{Record: fixtureRecord(names[0], 1), Observations: a}}); err != nil {
		t.Fatalf("re-save through another store: %v", err)
	}
	// Replacing a's result by one without the shared query keeps the row b
	// refers to.
	a2 := sharedDomain(names[0], 2, nil)
	if err := s.SaveResults(ctx, r.ID, []Result{{Record: fixtureRecord(names[0], 2), Observations: a2}}); err != nil {
		t.Fatal(err)
	}
	if n, _ := sharedRows(t, s, r.ID); n != 1 {
		t.Errorf("after re-saves: %d shared_queries rows, want 1", n)
	}
	// A record written before shared_queries existed (the whole query
	// inline, no ref) reads as it was.
	old := sharedDomain(names[2], 1, []*observe.Query{tldKeys})
	oldData, err := gzipJSON(old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(s.d.q(`INSERT INTO observations (run_id, domain, data) VALUES (?, ?, ?)`), r.ID, names[2], oldData); err != nil {
		t.Fatal(err)
	}
	// A record and row written with the full 256-bit key (before refKey
	// shortened it) read as they were.
	fourth := "d.example.cl."
	long := hex.EncodeToString(sum[:])
	gzq, err := gzipBytes(mustJSONBytes(t, keyedQuery{Query: tldKeys}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(s.d.q(`INSERT INTO shared_queries (run_id, key, data) VALUES (?, ?, ?)`), r.ID, long, gzq); err != nil {
		t.Fatal(err)
	}
	longRef := sharedDomain(fourth, 1, []*observe.Query{tldKeys})
	own := longRef.Queries[0]
	sd := encDomain{Domain: longRef, Queries: []*encQuery{{Query: own, Seq: own.Seq}, {Seq: 2, Shared: true, Ref: long}}}
	longData, err := gzipJSON(&sd)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(s.d.q(`INSERT INTO observations (run_id, domain, data) VALUES (?, ?, ?)`), r.ID, fourth, longData); err != nil {
		t.Fatal(err)
	}
	got = readAll(t, s, r.ID)
	sameObservations(t, got[names[0]], a2)
	sameObservations(t, got[names[1]], b)
	sameObservations(t, got[names[2]], old)
	sameObservations(t, got[fourth], longRef)

	// A failed save must not make the store believe its shared rows are
	// stored: save to a run that does not exist yet, create it, save again.
	ghost := r.ID + 1000
	if err := s.SaveResults(ctx, ghost, []Result{{Record: fixtureRecord(names[1], 0), Observations: b}}); err == nil {
		t.Fatal("SaveResults to a missing run succeeded")
	}
	if _, err := s.w.Exec(s.d.q(`INSERT INTO runs (id, started_at, status) VALUES (?, ?, ?)`),
		ghost, s.d.timeArg(time.Now()), string(RunRunning)); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveResults(ctx, ghost, []Result{{Record: fixtureRecord(names[1], 0), Observations: b}}); err != nil {
		t.Fatal(err)
	}
	sameObservations(t, readAll(t, s, ghost)[names[1]], b)

	// A missing shared row is an error, not a silently short record.
	if _, err := s.w.Exec(s.d.q(`DELETE FROM shared_queries WHERE run_id = ?`), ghost); err != nil {
		t.Fatal(err)
	}
	err = s.Observations(ctx, ghost, func(*observe.Domain) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "not stored") {
		t.Errorf("Observations with a missing shared row: %v", err)
	}
	// Deleting a run deletes its shared queries.
	if _, err := s.w.Exec(s.d.q(`DELETE FROM runs WHERE id = ?`), r.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := sharedRows(t, s, r.ID); n != 0 {
		t.Errorf("%d shared_queries rows left after deleting the run", n)
	}
}

// testSharedSize stores 50 domains sharing the same 30 shared queries and
// compares the bytes stored with the records of the full domains.
func testSharedSize(t *testing.T, dsn string) {
	const domains, nShared, own = 50, 30, 8
	ctx := context.Background()
	s := openTest(t, dsn)
	names := fixtureNames(domains)
	r := newRun(t, s, names, nil)
	var shared []*observe.Query
	for i := range nShared {
		shared = append(shared, fixtureSharedQuery(i+1, observe.PurposeDNSKEY, fmt.Sprintf("zone%d.", i), "DNSKEY",
			fmt.Sprintf("192.0.2.%d", 100+i), 1+i%2))
	}
	var (
		res   []Result
		naive int
		want  = map[string]*observe.Domain{}
	)
	for _, n := range names {
		d := sharedDomain(n, own, shared)
		full, err := gzipJSON(d) // the record as stored before shared_queries
		if err != nil {
			t.Fatal(err)
		}
		naive += len(full)
		want[n] = d
		res = append(res, Result{Record: fixtureRecord(n, 0), Observations: d})
	}
	for i := 0; i < len(res); i += 10 {
		if err := s.SaveResults(ctx, r.ID, res[i:i+10]); err != nil {
			t.Fatal(err)
		}
	}
	nrows, sharedBytes := sharedRows(t, s, r.ID)
	if nrows != nShared {
		t.Errorf("%d shared_queries rows, want %d", nrows, nShared)
	}
	var obsBytes int64
	if err := s.r.QueryRow(s.d.q(`SELECT SUM(LENGTH(data)) FROM observations WHERE run_id = ?`), r.ID).Scan(&obsBytes); err != nil {
		t.Fatal(err)
	}
	stored := obsBytes + sharedBytes
	t.Logf("per domain: naive %d B, stored %d B (records %d B + shared %d B once per run)",
		naive/domains, stored/domains, obsBytes/domains, sharedBytes/domains)
	if stored*2 >= int64(naive) {
		t.Errorf("stored %d bytes, not less than half of the naive %d", stored, naive)
	}
	got := readAll(t, s, r.ID)
	if len(got) != domains {
		t.Fatalf("read %d domains, want %d", len(got), domains)
	}
	for n, w := range want {
		sameObservations(t, got[n], w)
	}
}

func TestSeenSetBounded(t *testing.T) {
	var s seenSet
	key := func(i int) [sha256.Size]byte { return sha256.Sum256([]byte{byte(i), byte(i >> 8), byte(i >> 16)}) }
	batch := make([][sha256.Size]byte, 0, 1000)
	for i := range seenMax + 1000 {
		batch = append(batch, key(i))
		if len(batch) == cap(batch) {
			s.add(1, batch)
			batch = batch[:0]
		}
		if len(s.m) > seenMax {
			t.Fatalf("%d keys kept, more than %d", len(s.m), seenMax)
		}
	}
	s.add(1, batch)
	if !s.has(1, key(seenMax+999)) || s.has(2, key(seenMax+999)) {
		t.Error("the newest key of run 1 is not remembered for run 1 only")
	}
	if s.has(1, key(0)) {
		t.Error("the oldest key survived a full set")
	}
}

// testPrepared saves results encoded beforehand (Preparer, as a scan's
// workers do) and checks they read back as results encoded by
// SaveResults itself.
func testPrepared(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	names := []string{"a.example.cl.", "b.example.cl.", "c.example.cl.", "d.example.cl."}
	r := newRun(t, s, names, nil)
	tldKeys := fixtureSharedQuery(7, observe.PurposeDNSKEY, "cl.", "DNSKEY", "192.0.2.53", 2)
	doms := make([]*observe.Domain, len(names))
	res := make([]Result, len(names))
	for i, n := range names {
		doms[i] = sharedDomain(n, i+1, []*observe.Query{tldKeys})
		res[i] = Result{Record: fixtureRecord(n, i), Observations: doms[i]}
	}
	// a and b are prepared before anything is committed: both carry the
	// shared row, which must be inserted once.
	var p Preparer = s
	p.Prepare(r.ID, &res[0])
	p.Prepare(r.ID, &res[1])
	if len(res[0].enc.shared) != 1 || len(res[1].enc.shared) != 1 {
		t.Fatalf("prepared before any commit: %d and %d shared rows, want 1 each", len(res[0].enc.shared), len(res[1].enc.shared))
	}
	if err := s.SaveResults(ctx, r.ID, res[:2]); err != nil {
		t.Fatal(err)
	}
	// c is prepared after the commit: it only refers to the row. d was
	// prepared for another run: SaveResults encodes it again.
	p.Prepare(r.ID, &res[2])
	if len(res[2].enc.shared) != 0 {
		t.Errorf("prepared after the commit: %d shared rows, want 0", len(res[2].enc.shared))
	}
	p.Prepare(r.ID+1000, &res[3])
	if err := s.SaveResults(ctx, r.ID, res[2:]); err != nil {
		t.Fatal(err)
	}
	if n, _ := sharedRows(t, s, r.ID); n != 1 {
		t.Errorf("%d shared_queries rows, want 1", n)
	}
	got := readAll(t, s, r.ID)
	for _, d := range doms {
		sameObservations(t, got[d.Domain], d)
	}
	if n := count(t, s, "domains", r.ID); n != len(names) {
		t.Errorf("%d domain rows, want %d", n, len(names))
	}
	// The same results unprepared, in a new run, give the same report rows.
	r2 := newRun(t, s, names, nil)
	plain := make([]Result, len(names))
	for i := range res {
		plain[i] = Result{Record: res[i].Record, Observations: res[i].Observations}
	}
	if err := s.SaveResults(ctx, r2.ID, plain); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"domains", "nameservers", "addresses", "findings"} {
		if a, b := count(t, s, table, r.ID), count(t, s, table, r2.ID); a != b || a == 0 {
			t.Errorf("%s: %d rows prepared, %d unprepared", table, a, b)
		}
	}
}

func mustJSONBytes(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
