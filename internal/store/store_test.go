package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// backends are the engines every case of storeCases runs against.
var backends = []struct {
	name string
	dsn  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "sub", "dnsobs.db") }},
	{"postgres", postgresDSN},
}

func openTest(t *testing.T, dsn string) *sqlStore {
	t.Helper()
	st, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	return st.(*sqlStore)
}

// newRun creates a run with the given names as input (Pos = index+1).
func newRun(t *testing.T, s Store, names []string, problems []InputProblem) Run {
	t.Helper()
	ctx := context.Background()
	r, err := s.CreateRun(ctx, Run{Input: "domains.txt", Vantage: "test", Parameters: map[string]string{"qps": "100"}})
	if err != nil {
		t.Fatal(err)
	}
	in := make([]InputDomain, len(names))
	for i, n := range names {
		in[i] = InputDomain{Pos: int64(i + 1), Line: i + 2, Name: n}
	}
	if err := s.AddInput(ctx, r.ID, in, problems); err != nil {
		t.Fatal(err)
	}
	return r
}

func pendingNames(t *testing.T, s Store, runID int64) []string {
	t.Helper()
	var out []string
	after := int64(0)
	for {
		p, err := s.Pending(context.Background(), runID, after, 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(p) == 0 {
			return out
		}
		for _, d := range p {
			out = append(out, d.Name)
			after = d.Pos
		}
	}
}

// count counts a table's rows for a run.
func count(t *testing.T, s *sqlStore, table string, runID int64) int {
	t.Helper()
	var n int
	if err := s.r.QueryRow(s.d.q("SELECT COUNT(*) FROM "+table+" WHERE run_id = ?"), runID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var storeCases = []struct {
	name string
	fn   func(t *testing.T, dsn string)
}{
	{"runs", testRuns},
	{"input and pending", testInputPending},
	{"save twice leaves one copy", testSaveIdempotent},
	{"a batch adds its queries to the run's", testBatchQueries},
	{"delete run leaves no row of it and others untouched", testDeleteRun},
	{"the previous run is one of the same input", testPreviousSameInput},
	{"observations round trip and reanalysis", testObservations},
	{"aggregates match counts computed in Go", testAggregates},
	{"a run is done with its aggregates or not done", testFinishRunAtomic},
	{"export csv", testExportCSV},
	{"export jsonl", testExportJSONL},
	{"export parquet", testExportParquet},
	{"migrations", testMigrations},
	{"concurrent saves", testConcurrentSaves},
	{"shared queries stored once per run", testSharedQueries},
	{"shared queries shrink storage", testSharedSize},
	{"prepared results", testPrepared},
	{"reports stored compressed", testReportCompressed},
	{"reports stored before 0003 still read", testReportOldFormat},
	{"crash safety", testCrash},
	{"killed while finishing", testFinishCrash},
	{"killed while loading", testLoadCrash},
}

func TestStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			for _, c := range storeCases {
				t.Run(c.name, func(t *testing.T) { c.fn(t, b.dsn(t)) })
			}
		})
	}
}

func testRuns(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	if _, err := s.GetRun(ctx, 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetRun(0) on an empty store: %v, want ErrNotFound", err)
	}
	r1 := newRun(t, s, fixtureNames(3), nil)
	r2 := newRun(t, s, fixtureNames(5), nil)
	if r1.ID == 0 || r2.ID <= r1.ID {
		t.Fatalf("run IDs %d, %d", r1.ID, r2.ID)
	}
	got, err := s.GetRun(ctx, r1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Input != "domains.txt" || got.Vantage != "test" || got.Parameters["qps"] != "100" ||
		got.Status != RunRunning || got.Domains != 3 || got.FinishedAt != nil {
		t.Errorf("GetRun = %+v", got)
	}
	if !got.StartedAt.Equal(r1.StartedAt) {
		t.Errorf("started %v, want %v", got.StartedAt, r1.StartedAt)
	}
	if latest, err := s.GetRun(ctx, 0); err != nil || latest.ID != r2.ID {
		t.Errorf("GetRun(0) = %d, %v; want %d", latest.ID, err, r2.ID)
	}
	if _, err := s.GetRun(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetRun(999): %v, want ErrNotFound", err)
	}
	if _, ok, err := s.PreviousRun(ctx, r2.ID); ok || err != nil {
		t.Errorf("PreviousRun before any run is done: %v %v", ok, err)
	}
	if _, err := s.FinishRun(ctx, r1.ID, 1234); err != nil {
		t.Fatal(err)
	}
	prev, ok, err := s.PreviousRun(ctx, r2.ID)
	if err != nil || !ok || prev.ID != r1.ID || prev.Status != RunDone || prev.QueriesSent != 1234 || prev.FinishedAt == nil {
		t.Errorf("PreviousRun = %+v %v %v", prev, ok, err)
	}
	if err := s.SetRunStatus(ctx, r2.ID, "bogus", 0); err == nil {
		t.Error("SetRunStatus accepted an unknown status")
	}
	if err := s.SetRunStatus(ctx, r2.ID, RunDone, 0); err == nil {
		t.Error("SetRunStatus set a run done, without its aggregates")
	}
	if err := s.SetRunStatus(ctx, 999, RunInterrupted, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetRunStatus(999): %v, want ErrNotFound", err)
	}
	if _, err := s.FinishRun(ctx, 999, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("FinishRun(999): %v, want ErrNotFound", err)
	}
	runs, err := s.ListRuns(ctx)
	if err != nil || len(runs) != 2 || runs[0].ID != r2.ID || runs[1].ID != r1.ID {
		t.Errorf("ListRuns = %+v, %v", runs, err)
	}
}

func testInputPending(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	names := fixtureNames(20)
	probs := []InputProblem{{Line: 30, Text: "bad..name", Reason: "invalid: empty label"},
		{Line: 31, Text: names[0], Reason: "duplicate of line 2"}}
	r := newRun(t, s, names, probs)
	// Adding the same input again changes nothing.
	in := []InputDomain{{Pos: 1, Line: 2, Name: strings.ToUpper(strings.TrimSuffix(names[0], "."))}}
	if err := s.AddInput(ctx, r.ID, in, probs[:1]); err != nil {
		t.Fatal(err)
	}
	got, err := s.InputProblems(ctx, r.ID)
	if err != nil || mustJSON(got) != mustJSON(probs) {
		t.Errorf("InputProblems = %+v, %v", got, err)
	}
	if p := pendingNames(t, s, r.ID); strings.Join(p, " ") != strings.Join(names, " ") {
		t.Fatalf("pending = %v", p)
	}
	p, err := s.Pending(ctx, r.ID, 5, 3)
	if err != nil || len(p) != 3 || p[0].Pos != 6 || p[0].Line != 7 || p[0].Name != names[5] {
		t.Errorf("Pending(after 5, limit 3) = %+v, %v", p, err)
	}
	if p, err := s.Pending(ctx, r.ID, 0, 0); err != nil || len(p) != 0 {
		t.Errorf("Pending(limit 0) = %+v, %v", p, err)
	}
	// Results for every other name leave the rest pending, in order.
	var done, want []string
	for i, n := range names {
		if i%2 == 0 {
			done = append(done, n)
		} else {
			want = append(want, n)
		}
	}
	if err := s.SaveResults(ctx, r.ID, fixtureResults(done, 0)); err != nil {
		t.Fatal(err)
	}
	if p := pendingNames(t, s, r.ID); strings.Join(p, " ") != strings.Join(want, " ") {
		t.Errorf("pending after saving half = %v, want %v", p, want)
	}
	run, err := s.GetRun(ctx, r.ID)
	if err != nil || run.Domains != 20 || run.Done != int64(len(done)) {
		t.Errorf("run = %+v, %v", run, err)
	}
	var errs int64
	for _, res := range fixtureResults(done, 0) {
		if res.Record.Error != "" {
			errs++
		}
	}
	if run.Errors != errs {
		t.Errorf("run errors %d, want %d", run.Errors, errs)
	}
}

func testBatchQueries(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	names := fixtureNames(6)
	r := newRun(t, s, names, nil)
	if err := s.SaveBatch(ctx, r.ID, fixtureResults(names[:3], 0), 40); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveBatch(ctx, r.ID, fixtureResults(names[3:5], 0), 2); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetRun(ctx, r.ID)
	if err != nil || got.QueriesSent != 42 || got.Done != 5 {
		t.Errorf("after two batches: queries %d, done %d, %v; want 42, 5", got.QueriesSent, got.Done, err)
	}
	// A batch that fails adds nothing.
	if err := s.SaveBatch(ctx, r.ID, []Result{{}}, 1000); err == nil {
		t.Error("SaveBatch accepted a result without a record")
	}
	if got, _ := s.GetRun(ctx, r.ID); got.QueriesSent != 42 {
		t.Errorf("after a failed batch: queries %d, want 42", got.QueriesSent)
	}
	if err := s.SaveBatch(ctx, 999, fixtureResults(names[5:], 0), 1); err == nil {
		t.Error("SaveBatch into run 999 succeeded")
	}
}

func testPreviousSameInput(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	mk := func(input string, params map[string]string, done bool) int64 {
		r, err := s.CreateRun(ctx, Run{Input: input, Parameters: params})
		if err != nil {
			t.Fatal(err)
		}
		if done {
			if _, err := s.FinishRun(ctx, r.ID, 0); err != nil {
				t.Fatal(err)
			}
		}
		return r.ID
	}
	a1 := mk("a.txt", map[string]string{"input": "/x/a.txt"}, true)
	mk("b.txt", map[string]string{"input": "/x/b.txt"}, true)
	mk("a.txt", map[string]string{"input": "/y/a.txt"}, true) // another file of the same name
	mk("-", nil, true)
	mk("a.txt", map[string]string{"input": "/x/a.txt"}, false) // not done
	a2 := mk("a.txt", map[string]string{"input": "/x/a.txt"}, false)
	old1 := mk("old.txt", nil, true) // stored before the input's path was
	old2 := mk("old.txt", nil, false)
	stdin := mk("-", nil, false)
	for _, c := range []struct {
		id, want int64
	}{{a2, a1}, {old2, old1}, {stdin, 0}, {a1, 0}} {
		prev, ok, err := s.PreviousRun(ctx, c.id)
		if err != nil || ok != (c.want != 0) || prev.ID != c.want {
			t.Errorf("PreviousRun(%d) = %d %v %v, want %d", c.id, prev.ID, ok, err, c.want)
		}
	}
}

func testDeleteRun(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	var runs [2]Run
	for i := range runs {
		names := fixtureNames(8)
		runs[i] = newRun(t, s, names, []InputProblem{{Line: 9, Text: "bad..", Reason: "invalid: empty label"}})
		if err := s.SaveBatch(ctx, runs[i].ID, fixtureResults(names[:6], 0), 10); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ComputeAggregates(ctx, runs[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	keep := map[string]int{}
	for _, table := range runTables {
		keep[table] = count(t, s, table, runs[1].ID)
		if n := count(t, s, table, runs[0].ID); n == 0 && table != "shared_queries" {
			t.Errorf("before delete: %s has no row of run %d", table, runs[0].ID)
		}
	}
	if err := s.DeleteRun(ctx, runs[0].ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range runTables {
		if n := count(t, s, table, runs[0].ID); n != 0 {
			t.Errorf("after delete: %s has %d rows of run %d", table, n, runs[0].ID)
		}
		if n := count(t, s, table, runs[1].ID); n != keep[table] {
			t.Errorf("after delete: %s has %d rows of run %d, had %d", table, n, runs[1].ID, keep[table])
		}
	}
	if _, err := s.GetRun(ctx, runs[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetRun of a deleted run: %v, want ErrNotFound", err)
	}
	if err := s.DeleteRun(ctx, runs[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteRun twice: %v, want ErrNotFound", err)
	}
	// Every table with a run_id is in runTables.
	ents, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{"runs": true}
	for _, table := range runTables {
		known[table] = true
	}
	create := regexp.MustCompile(`(?i)CREATE TABLE (?:IF NOT EXISTS )?(\w+)`)
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("migrations", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range create.FindAllStringSubmatch(string(b), -1) {
			if !known[m[1]] && !strings.HasPrefix(m[1], "schema") {
				t.Errorf("table %s (%s) is not in runTables: DeleteRun would leave its rows", m[1], e.Name())
			}
		}
	}
}

func testSaveIdempotent(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	names := fixtureNames(30)
	r := newRun(t, s, names, nil)
	// A batch that names one domain twice keeps the last.
	batch := fixtureResults(names[:10], 0)
	batch = append(batch, Result{Record: fixtureRecord(names[3], 2), Observations: fixtureObservations(names[3], 2)})
	for range 2 {
		if err := s.SaveResults(ctx, r.ID, batch); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]int{"domains": 10, "observations": 10}
	for _, res := range append(fixtureResults(names[:10], 0)[:3:3], append(fixtureResults(names[4:10], 0), batch[10])...) {
		want["findings"] += len(res.Record.Findings)
		want["nameservers"] += len(res.Record.Nameservers)
		for _, ns := range res.Record.Nameservers {
			want["addresses"] += len(ns.Addresses)
		}
	}
	for table, n := range want {
		if got := count(t, s, table, r.ID); got != n {
			t.Errorf("%s rows = %d, want %d", table, got, n)
		}
	}
	if p := pendingNames(t, s, r.ID); len(p) != 20 || p[0] != names[10] {
		t.Errorf("pending = %v", p)
	}
	if err := s.SaveResults(ctx, r.ID, []Result{{}}); err == nil {
		t.Error("SaveResults accepted a result without a record")
	}
}

func testObservations(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	names := fixtureNames(12)
	r := newRun(t, s, names, nil)
	res := fixtureResults(names, 0)
	res[4].Observations = nil // a result without observations
	if err := s.SaveResults(ctx, r.ID, res); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, x := range res {
		if x.Observations != nil {
			want[x.Observations.Domain] = mustJSON(x.Observations)
		}
	}
	got := map[string]string{}
	var reports []Record
	err := s.Observations(ctx, r.ID, func(d *observe.Domain) error {
		got[d.Domain] = mustJSON(d)
		if len(d.Queries) != 3 {
			t.Errorf("%s: %d queries, want 3", d.Domain, len(d.Queries))
		}
		for _, q := range d.Queries {
			if q.Msg() == nil {
				t.Errorf("%s: the stored response of query %d does not parse back", d.Domain, q.Seq)
			}
		}
		// Reanalysis: replace the record while reading.
		rep := fixtureRecord(d.Domain, 7)
		reports = append(reports, rep)
		return s.ReplaceRecords(ctx, r.ID, []Record{rep})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d observations, want %d", len(got), len(want))
	}
	for n, w := range want {
		if got[n] != w {
			t.Errorf("%s: observations differ\n got %s\nwant %s", n, got[n], w)
		}
	}
	// Findings now are the reanalysed ones; observations are kept.
	var findings int
	for _, rep := range reports {
		findings += len(rep.Findings)
	}
	for _, x := range res {
		if x.Observations == nil {
			findings += len(x.Record.Findings)
		}
	}
	if n := count(t, s, "findings", r.ID); n != findings {
		t.Errorf("findings rows after reanalysis = %d, want %d", n, findings)
	}
	if n := count(t, s, "observations", r.ID); n != len(want) {
		t.Errorf("observations rows after reanalysis = %d, want %d", n, len(want))
	}
	stop := errors.New("stop")
	if err := s.Observations(ctx, r.ID, func(*observe.Domain) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("Observations returned %v, want fn's error", err)
	}
}

// expectedAggregates computes, in Go, what ComputeAggregates must store
// for these records (deltas apart).
func expectedAggregates(recs []Record) map[string]float64 {
	out := map[string]float64{}
	type asnCount struct {
		asn uint32
		n   int
	}
	asnDomains := map[string]map[uint32]int{}
	for _, r := range recs {
		tld := dnsname.TLD(r.Domain)
		sc := []string{"all", "tld:" + tld}
		if c := dnsname.Country(tld); c != "" {
			sc = append(sc, "country:"+c)
		}
		for _, s := range sc {
			add := func(metric, key string, v float64) { out[s+"|"+metric+"|"+key] += v }
			add("domains", "", 1)
			add("errors", "", b2f(r.Error != ""))
			st := r.DNSSECStatus
			if st == "" {
				st = "none"
			}
			add("dnssec_status", st, 1)
			add("ipv6_ready", "", b2f(r.IPv6Ready))
			add("ns_ipv6", "", b2f(r.NSIPv6))
			add("ns_count", strconv.Itoa(len(r.Nameservers)), 1)
			add("asn_count", strconv.Itoa(r.ASNs), 1)
			add("prefix_count", strconv.Itoa(r.Prefixes), 1)
			w := r.WorstSeverity
			if w == "" {
				w = "none"
			}
			add("worst_severity", w, 1)
			for _, id := range findingIDs(r.Findings) {
				add("finding", id, 1)
			}
			seen := map[uint32]bool{}
			for _, ns := range r.Nameservers {
				for _, a := range ns.Addresses {
					if a.ASN != 0 && !seen[a.ASN] {
						seen[a.ASN] = true
						if asnDomains[s] == nil {
							asnDomains[s] = map[uint32]int{}
						}
						asnDomains[s][a.ASN]++
					}
				}
			}
		}
	}
	for s, m := range asnDomains {
		var l []asnCount
		for a, n := range m {
			l = append(l, asnCount{a, n})
		}
		sort.Slice(l, func(i, j int) bool {
			if l[i].n != l[j].n {
				return l[i].n > l[j].n
			}
			return l[i].asn < l[j].asn
		})
		for _, x := range l[:min(len(l), TopASNs)] {
			out[s+"|top_asn|"+strconv.Itoa(int(x.asn))] = float64(x.n)
		}
	}
	return out
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func aggMap(aggs []Aggregate, deltas bool) map[string]float64 {
	out := map[string]float64{}
	for _, a := range aggs {
		if strings.HasPrefix(a.Metric, "delta_") == deltas {
			out[a.Scope+"|"+a.Metric+"|"+a.Key] = a.Value
		}
	}
	return out
}

func diffMaps(t *testing.T, what string, got, want map[string]float64) {
	t.Helper()
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("%s %s = %v (present %v), want %v", what, k, g, ok, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s %s = %v, not expected", what, k, g)
		}
	}
}

func testAggregates(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	names := fixtureNames(150)
	// Run 1: the first 90 names, done, its aggregates never computed.
	r1 := newRun(t, s, names[:90], nil)
	res1 := fixtureResults(names[:90], 0)
	if err := s.SaveResults(ctx, r1.ID, res1); err != nil {
		t.Fatal(err)
	}
	// (Runs stored before FinishRun could be done without aggregates.)
	if _, err := s.w.ExecContext(ctx, s.d.q(`UPDATE runs SET status = ? WHERE id = ?`), string(RunDone), r1.ID); err != nil {
		t.Fatal(err)
	}
	// Run 2: names 30..150, saved in several batches and one re-save.
	r2 := newRun(t, s, names[30:], nil)
	res2 := fixtureResults(names[30:], 1)
	for i := 0; i < len(res2); i += 40 {
		if err := s.SaveResults(ctx, r2.ID, res2[i:min(i+40, len(res2))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveResults(ctx, r2.ID, res2[:10]); err != nil {
		t.Fatal(err)
	}
	reps := func(rs []Result) []Record {
		var out []Record
		for _, r := range rs {
			out = append(out, r.Record)
		}
		return out
	}
	want2 := expectedAggregates(reps(res2))
	aggs, err := s.ComputeAggregates(ctx, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	diffMaps(t, "run 2", aggMap(aggs, false), want2)
	if want2["all|domains|"] != 120 || want2["country:GB|domains|"] != 20 || want2["tld:com|domains|"] != 20 {
		t.Fatalf("fixture sanity: %v %v %v", want2["all|domains|"], want2["country:GB|domains|"], want2["tld:com|domains|"])
	}
	ntop := 0
	for k := range want2 {
		if strings.HasPrefix(k, "all|top_asn|") {
			ntop++
		}
	}
	if ntop != TopASNs {
		t.Errorf("the fixture should fill the top %d ASNs, got %d", TopASNs, ntop)
	}
	// Deltas against run 1, for scope all.
	want1 := expectedAggregates(reps(res1))
	wantDelta := map[string]float64{}
	for k, v := range want2 {
		if strings.HasPrefix(k, "all|") {
			p := strings.SplitN(k, "|", 3)
			wantDelta["all|delta_"+p[1]+"|"+p[2]] += v
		}
	}
	for k, v := range want1 {
		if strings.HasPrefix(k, "all|") {
			p := strings.SplitN(k, "|", 3)
			wantDelta["all|delta_"+p[1]+"|"+p[2]] -= v
		}
	}
	diffMaps(t, "run 2 delta", aggMap(aggs, true), wantDelta)
	// Run 1's aggregates were computed on the way, without deltas.
	a1, err := s.Aggregates(ctx, r1.ID)
	if err != nil {
		t.Fatal(err)
	}
	diffMaps(t, "run 1", aggMap(a1, false), want1)
	if len(aggMap(a1, true)) != 0 {
		t.Error("run 1 has deltas but no previous run")
	}
	// Recomputing replaces, and Aggregates returns what was stored.
	again, err := s.ComputeAggregates(ctx, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := s.Aggregates(ctx, r2.ID)
	if err != nil || len(again) != len(aggs) || len(stored) != len(aggs) {
		t.Errorf("recompute: %d, stored %d (%v), first %d", len(again), len(stored), err, len(aggs))
	}
	if _, err := s.ComputeAggregates(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("ComputeAggregates(999): %v", err)
	}
}

// exportRun stores a run with 40 domains and returns it and its records.
func exportRun(t *testing.T, s Store) (Run, map[string]Record) {
	t.Helper()
	names := fixtureNames(40)
	r := newRun(t, s, names, nil)
	res := fixtureResults(names, 3)
	if err := s.SaveResults(context.Background(), r.ID, res); err != nil {
		t.Fatal(err)
	}
	out := map[string]Record{}
	for _, x := range res {
		out[x.Record.Domain] = x.Record
	}
	return r, out
}

func export(t *testing.T, s Store, runID int64, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), runID, format, &b); err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	return b.Bytes()
}

func testExportCSV(t *testing.T, dsn string) {
	s := openTest(t, dsn)
	r, reps := exportRun(t, s)
	recs, err := csv.NewReader(bytes.NewReader(export(t, s, r.ID, "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("header %v", recs[0])
	}
	if len(recs) != 1+len(reps) {
		t.Fatalf("%d rows, want %d", len(recs)-1, len(reps))
	}
	for i, row := range recs[1:] {
		rep, ok := reps[row[0]]
		if !ok {
			t.Fatalf("row %d: unknown domain %q", i, row[0])
		}
		want := []string{rep.Domain, dnsname.TLD(rep.Domain), dnsname.Country(dnsname.TLD(rep.Domain)), rep.CheckedAt.Format(time.RFC3339Nano),
			rep.Error, rep.DNSSECStatus, strconv.Itoa(len(rep.Nameservers)), strconv.Itoa(rep.ASNs),
			strconv.Itoa(rep.Prefixes), strconv.Itoa(rep.Countries), strconv.FormatBool(rep.IPv6Ready),
			strconv.FormatBool(rep.NSIPv6), rep.WorstSeverity, strconv.FormatInt(rep.QueriesSent, 10),
			strings.Join(findingIDs(rep.Findings), " ")}
		if strings.Join(row, "\t") != strings.Join(want, "\t") {
			t.Errorf("row %d\n got %q\nwant %q", i, row, want)
		}
		if i > 0 && recs[i][0] >= row[0] {
			t.Errorf("rows not in name order: %s then %s", recs[i][0], row[0])
		}
	}
	if err := s.Export(context.Background(), r.ID, "xml", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "csv, jsonl, parquet") {
		t.Errorf("unknown format: %v", err)
	}
	if err := s.Export(context.Background(), 999, "csv", &bytes.Buffer{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown run: %v", err)
	}
}

func testExportJSONL(t *testing.T, dsn string) {
	s := openTest(t, dsn)
	r, reps := exportRun(t, s)
	if _, err := s.Report(context.Background(), r.ID, "never-stored.example."); !errors.Is(err, ErrNotFound) {
		t.Errorf("Report of a domain without a result: %v, want ErrNotFound", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(export(t, s, r.ID, "jsonl")), "\n"), "\n")
	if len(lines) != len(reps) {
		t.Fatalf("%d lines, want %d", len(lines), len(reps))
	}
	for _, l := range lines {
		var got Record
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		want, ok := reps[got.Domain]
		if !ok {
			t.Fatalf("unknown domain %q", got.Domain)
		}
		// The stored JSON with the domain's tld and country (null for a gTLD) last.
		tld := dnsname.TLD(got.Domain)
		if w := string(JSONLRecord(want.JSON, tld, dnsname.Country(tld))); l != w {
			t.Errorf("%s:\n got %s\nwant %s", got.Domain, l, w)
		}
		var place struct {
			TLD     string  `json:"tld"`
			Country *string `json:"country"`
		}
		if err := json.Unmarshal([]byte(l), &place); err != nil || place.TLD != tld ||
			(place.Country == nil) != (dnsname.Country(tld) == "") || (place.Country != nil && *place.Country != dnsname.Country(tld)) {
			t.Errorf("%s: tld %q country %v (%v), want %q %q", got.Domain, place.TLD, place.Country, err, tld, dnsname.Country(tld))
		}
		rep, err := s.Report(context.Background(), r.ID, got.Domain)
		if err != nil || string(rep) != string(want.JSON) {
			t.Errorf("Report(%s) = %s, %v; want the stored JSON", got.Domain, rep, err)
		}
	}
}

func testExportParquet(t *testing.T, dsn string) {
	s := openTest(t, dsn)
	r, reps := exportRun(t, s)
	b := export(t, s, r.ID, "parquet")
	rows, err := parquet.Read[ParquetRow](bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(reps) {
		t.Fatalf("%d rows, want %d", len(rows), len(reps))
	}
	for _, row := range rows {
		rep, ok := reps[row.Domain]
		if !ok {
			t.Fatalf("unknown domain %q", row.Domain)
		}
		want := ParquetRow{Domain: rep.Domain, TLD: dnsname.TLD(rep.Domain), Country: dnsname.Country(dnsname.TLD(rep.Domain)),
			CheckedAt: rep.CheckedAt, Error: rep.Error, DNSSECStatus: rep.DNSSECStatus, NSCount: int32(len(rep.Nameservers)),
			ASNCount: int32(rep.ASNs), PrefixCount: int32(rep.Prefixes), CountryCount: int32(rep.Countries),
			IPv6Ready: rep.IPv6Ready, NSIPv6: rep.NSIPv6, WorstSeverity: rep.WorstSeverity,
			QueriesSent: rep.QueriesSent, Findings: findingIDs(rep.Findings)}
		if !row.CheckedAt.Equal(want.CheckedAt) {
			t.Errorf("%s: checked_at %v, want %v", row.Domain, row.CheckedAt, want.CheckedAt)
		}
		row.CheckedAt, want.CheckedAt = time.Time{}, time.Time{}
		if fmt.Sprintf("%+v", row) != fmt.Sprintf("%+v", want) {
			t.Errorf("\n got %+v\nwant %+v", row, want)
		}
	}
}

func testMigrations(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	r := newRun(t, s, fixtureNames(2), nil)
	var v int
	if err := s.r.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil || v != SchemaVersion() || v < 1 {
		t.Fatalf("schema version %d (%v), want %d", v, err, SchemaVersion())
	}
	s.Close()
	// Reopening applies nothing and keeps the data.
	s2 := openTest(t, dsn)
	if run, err := s2.GetRun(ctx, r.ID); err != nil || run.Domains != 2 {
		t.Fatalf("after reopen: %+v, %v", run, err)
	}
	// A database from a newer dnsobs is refused.
	if _, err := s2.w.Exec(s2.d.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		v+1, "9999_future.sql", s2.d.timeArg(time.Now())); err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if st, err := Open(ctx, dsn); err == nil || !strings.Contains(err.Error(), "newer") {
		if st != nil {
			st.Close()
		}
		t.Errorf("Open of a newer schema: %v", err)
	}
}

func testConcurrentSaves(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	names := fixtureNames(120)
	r := newRun(t, s, names, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Go(func() {
			// Workers overlap: each saves its share and its neighbour's.
			for i := w * 15; i < w*15+30; i += 5 {
				var batch []string
				for j := i; j < i+5; j++ {
					batch = append(batch, names[j%len(names)])
				}
				if err := s.SaveResults(ctx, r.ID, fixtureResults(batch, w)); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := count(t, s, "domains", r.ID); n != 120 {
		t.Errorf("%d domains, want 120", n)
	}
	checkConsistent(t, s, r.ID)
	if p := pendingNames(t, s, r.ID); len(p) != 0 {
		t.Errorf("pending = %v", p)
	}
}

// checkConsistent asserts that every stored domain has exactly the rows
// its stored report implies, and that no rows belong to a domain
// without a report.
func checkConsistent(t *testing.T, s *sqlStore, runID int64) int {
	t.Helper()
	rows, err := s.r.Query(s.d.q(`SELECT name, report, report_gz,
	(SELECT COUNT(*) FROM findings f WHERE f.run_id = d.run_id AND f.domain = d.name),
	(SELECT COUNT(*) FROM nameservers n WHERE n.run_id = d.run_id AND n.domain = d.name),
	(SELECT COUNT(*) FROM addresses a WHERE a.run_id = d.run_id AND a.domain = d.name),
	(SELECT COUNT(*) FROM observations o WHERE o.run_id = d.run_id AND o.domain = d.name)
FROM domains d WHERE run_id = ?`), runID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var (
			name, plain        string
			gz                 []byte
			nf, nns, nad, nobs int
		)
		if err := rows.Scan(&name, &plain, &gz, &nf, &nns, &nad, &nobs); err != nil {
			t.Fatal(err)
		}
		js, err := reportJSON(plain, gz)
		if err != nil {
			t.Fatalf("%s: stored report: %v", name, err)
		}
		var rep struct {
			Nameservers []struct {
				Addresses []json.RawMessage `json:"addresses"`
			} `json:"nameservers"`
			Findings []json.RawMessage `json:"findings"`
		}
		if err := json.Unmarshal(js, &rep); err != nil {
			t.Fatalf("%s: stored report: %v", name, err)
		}
		addrs := 0
		for _, ns := range rep.Nameservers {
			addrs += len(ns.Addresses)
		}
		if nf != len(rep.Findings) || nns != len(rep.Nameservers) || nad != addrs || nobs != 1 {
			t.Errorf("%s: rows findings %d nameservers %d addresses %d observations %d; report has %d, %d, %d",
				name, nf, nns, nad, nobs, len(rep.Findings), len(rep.Nameservers), addrs)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// Every record reads back whole: the shared queries it refers to are
	// stored.
	read := 0
	err = s.Observations(context.Background(), runID, func(d *observe.Domain) error {
		read++
		for i, q := range d.Queries {
			if q == nil || q.Seq != i+1 || q.Msg() == nil {
				t.Errorf("%s: query %d read back as %+v", d.Domain, i+1, q)
			}
		}
		return nil
	})
	if err != nil || read != n {
		t.Errorf("Observations read %d records (%v), want %d", read, err, n)
	}
	for _, table := range []string{"findings", "nameservers", "addresses", "observations"} {
		var orphans int
		q := `SELECT COUNT(*) FROM ` + table + ` x WHERE x.run_id = ? AND NOT EXISTS
	(SELECT 1 FROM domains d WHERE d.run_id = x.run_id AND d.name = x.domain)`
		if err := s.r.QueryRow(s.d.q(q), runID).Scan(&orphans); err != nil {
			t.Fatal(err)
		}
		if orphans != 0 {
			t.Errorf("%d %s rows without a domain", orphans, table)
		}
	}
	return n
}

// failAggregates makes the store fail half-way through a run's
// aggregates: a trigger refuses the top_asn rows, inserted after the
// others. It returns what removes the trigger.
func failAggregates(t *testing.T, s *sqlStore) (restore func()) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER fail_top_asn BEFORE INSERT ON aggregates WHEN NEW.metric = 'top_asn'
BEGIN SELECT RAISE(ABORT, 'injected failure'); END`}
	undo := []string{`DROP TRIGGER fail_top_asn`}
	if s.d == postgresDialect {
		stmts = []string{`CREATE FUNCTION fail_top_asn() RETURNS trigger AS $$
BEGIN IF NEW.metric = 'top_asn' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER fail_top_asn BEFORE INSERT ON aggregates FOR EACH ROW EXECUTE FUNCTION fail_top_asn()`}
		undo = []string{`DROP TRIGGER fail_top_asn ON aggregates`, `DROP FUNCTION fail_top_asn()`}
	}
	for _, q := range stmts {
		if _, err := s.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		for _, q := range undo {
			if _, err := s.w.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// A failure (or a kill) while the aggregates are saved leaves the run as
// it was, not done, and none of its aggregates stored.
func testFinishRunAtomic(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	names := fixtureNames(30)
	r := newRun(t, s, names, nil)
	if err := s.SaveResults(ctx, r.ID, fixtureResults(names, 0)); err != nil {
		t.Fatal(err)
	}
	restore := failAggregates(t, s)
	if _, err := s.FinishRun(ctx, r.ID, 77); err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("FinishRun = %v, want the injected failure", err)
	}
	got, err := s.GetRun(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != RunRunning || got.FinishedAt != nil || got.QueriesSent != 0 || count(t, s, "aggregates", r.ID) != 0 {
		t.Fatalf("after a failed FinishRun: %+v with %d aggregates; want it running, none stored", got, count(t, s, "aggregates", r.ID))
	}
	restore()
	aggs, err := s.FinishRun(ctx, r.ID, 77)
	if err != nil {
		t.Fatal(err)
	}
	got, _ = s.GetRun(ctx, r.ID)
	if got.Status != RunDone || got.FinishedAt == nil || got.QueriesSent != 77 || len(aggs) == 0 || count(t, s, "aggregates", r.ID) != len(aggs) {
		t.Errorf("after FinishRun: %+v with %d aggregates", got, len(aggs))
	}
}
