package duckdbtest

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" database/sql driver
)

// wantDuckDB is the DuckDB version the driver in go.mod links; README.md
// and internal/store/README.md name it.
const wantDuckDB = "v1.5.6"

// export is one run of the built-in lab world, exported in every format.
type export struct {
	parquet string      // path of the Parquet file
	csv     [][]string  // the CSV export, header first
	reports []report    // the JSON Lines export, in file order
	stats   []aggregate // `dnsobs stats latest --json`
	byName  map[string]*report
}

// report holds the fields of a stored report (`dnsobs check --json`) that
// the Parquet columns are derived from.
type report struct {
	Domain    string    `json:"domain"`
	CheckedAt time.Time `json:"checked_at"`
	Error     string    `json:"error"`
	DNSSEC    *struct {
		Status string `json:"status"`
	} `json:"dnssec"`
	Nameservers []json.RawMessage `json:"nameservers"`
	Findings    []struct {
		ID       string `json:"id"`
		Severity string `json:"severity"`
	} `json:"findings"`
	IPv6 struct {
		Ready            bool `json:"ready"`
		AddrsV6Answering int  `json:"addresses_v6_answering"`
	} `json:"ipv6"`
	Summary struct {
		ASNs      int    `json:"asns"`
		Prefixes  int    `json:"prefixes"`
		Countries int    `json:"countries"`
		Worst     string `json:"worst"`
	} `json:"summary"`
	QueriesSent int64 `json:"queries_sent"`
}

func (r *report) dnssecStatus() string {
	if r.DNSSEC == nil {
		return ""
	}
	return r.DNSSEC.Status
}

// findingIDs are the report's distinct finding IDs, sorted.
func (r *report) findingIDs() []string {
	ids := []string{}
	for _, f := range r.Findings {
		if !slices.Contains(ids, f.ID) {
			ids = append(ids, f.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

type aggregate struct {
	Scope  string `json:"scope"`
	Metric string `json:"metric"`
	Key    string `json:"key"`
	Value  int64  `json:"value"`
}

// stat returns the `all` scope's aggregates of metric, by key.
func (e *export) stat(metric string) map[string]int64 {
	m := map[string]int64{}
	for _, a := range e.stats {
		if a.Scope == "all" && a.Metric == metric {
			m[a.Key] = a.Value
		}
	}
	return m
}

// repoRoot is the dnsobs repository: three levels up, where the main
// module's go.mod is.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || !bytes.HasPrefix(mod, []byte("module github.com/lac-dns-observatory/dnsobs\n")) {
		t.Fatalf("%s is not the dnsobs repository (go.mod: %v)", root, err)
	}
	return root
}

// buildDnsobs builds cmd/dnsobs of the working tree into dir.
func buildDnsobs(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "dnsobs")
	cmd := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "./cmd/dnsobs")
	cmd.Dir = repoRoot(t)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/dnsobs: %v\n%s", err, out)
	}
	t.Logf("built dnsobs in %v", time.Since(start).Round(time.Millisecond))
	return bin
}

// dnsobs runs the binary and returns its standard output.
func dnsobs(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(t.Context(), bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dnsobs %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// newExport scans the built-in lab world into a new SQLite store with
// `dnsobs demo` and exports the run in every format.
func newExport(t *testing.T) *export {
	t.Helper()
	dir := t.TempDir()
	bin := buildDnsobs(t, dir)
	store := "sqlite:" + filepath.Join(dir, "runs.db")
	dnsobs(t, bin, "demo", "--world", "scenarios", "--no-serve", "--store", store)
	e := &export{parquet: filepath.Join(dir, "run.parquet"), byName: map[string]*report{}}
	dnsobs(t, bin, "export", "latest", "--store", store, "--format", "parquet", "-o", e.parquet)

	var err error
	if e.csv, err = csv.NewReader(bytes.NewReader(dnsobs(t, bin, "export", "latest", "--store", store, "--format", "csv"))).ReadAll(); err != nil {
		t.Fatalf("csv export: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(dnsobs(t, bin, "export", "latest", "--store", store, "--format", "jsonl")))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r report
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("jsonl export line %d: %v", len(e.reports)+1, err)
		}
		e.reports = append(e.reports, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("jsonl export: %v", err)
	}
	for i := range e.reports {
		e.byName[e.reports[i].Domain] = &e.reports[i]
	}
	if err := json.Unmarshal(dnsobs(t, bin, "stats", "latest", "--store", store, "--json"), &e.stats); err != nil {
		t.Fatalf("stats --json: %v", err)
	}
	// The demo world has one domain per scenario; fewer would make the
	// comparisons below weak.
	if len(e.reports) < 20 || len(e.csv) != len(e.reports)+1 || len(e.byName) != len(e.reports) {
		t.Fatalf("exports: %d reports (%d names), %d CSV lines", len(e.reports), len(e.byName), len(e.csv))
	}
	return e
}

// openDuckDB opens an in-memory DuckDB with the view run over the file.
func openDuckDB(t *testing.T, parquet string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// One connection: settings such as TimeZone are per connection.
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("CREATE VIEW run AS SELECT * FROM read_parquet(" + quote(parquet) + ")"); err != nil {
		t.Fatal(err)
	}
	return db
}

// quote is s as an SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// rowsOf runs query and returns every row, each column as DuckDB's driver
// scans it.
func rowsOf(t *testing.T, db *sql.DB, query string, args ...any) [][]any {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// counts runs a `SELECT key, count` query into a map.
func counts(t *testing.T, db *sql.DB, query string) map[string]int64 {
	t.Helper()
	m := map[string]int64{}
	for _, r := range rowsOf(t, db, query) {
		m[fmt.Sprint(r[0])] = r[1].(int64)
	}
	return m
}

// strs converts a DuckDB LIST of VARCHAR, scanned as []any, to []string.
func strs(t *testing.T, v any) []string {
	t.Helper()
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("LIST scanned as %T, want []any", v)
	}
	s := make([]string, len(l))
	for i, x := range l {
		if s[i], ok = x.(string); !ok {
			t.Fatalf("LIST element %d is %T, want string", i, x)
		}
	}
	return s
}

func TestDuckDBReadsParquetExport(t *testing.T) {
	e := newExport(t)
	db := openDuckDB(t, e.parquet)

	t.Run("version", func(t *testing.T) {
		var v string
		if err := db.QueryRow("SELECT version()").Scan(&v); err != nil {
			t.Fatal(err)
		}
		t.Logf("DuckDB %s", v)
		if v != wantDuckDB {
			t.Errorf("DuckDB %s, want %s (update README.md and internal/store/README.md with go.mod)", v, wantDuckDB)
		}
	})

	t.Run("schema", func(t *testing.T) {
		// DuckDB's types for the columns, in file order.
		want := [][2]string{
			{"domain", "VARCHAR"}, {"tld", "VARCHAR"}, {"country", "VARCHAR"},
			{"checked_at", "TIMESTAMP WITH TIME ZONE"}, {"error", "VARCHAR"}, {"dnssec_status", "VARCHAR"},
			{"ns_count", "INTEGER"}, {"asn_count", "INTEGER"}, {"prefix_count", "INTEGER"}, {"country_count", "INTEGER"},
			{"ipv6_ready", "BOOLEAN"}, {"ns_ipv6", "BOOLEAN"}, {"worst_severity", "VARCHAR"},
			{"queries_sent", "BIGINT"}, {"findings", "VARCHAR[]"},
		}
		var got [][2]string
		for _, r := range rowsOf(t, db, "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM run)") {
			got = append(got, [2]string{r[0].(string), r[1].(string)})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("DESCRIBE:\n got %v\nwant %v", got, want)
		}
		// The CSV export has the same columns in the same order
		// (its findings column is the list joined by spaces).
		for i, c := range e.csv[0] {
			if i >= len(got) || got[i][0] != c {
				t.Errorf("CSV column %d is %q, Parquet has %v", i, c, got)
				break
			}
		}
		// The Parquet-level types: UTC milliseconds, a 3-level LIST, zstd.
		var logical string
		if err := db.QueryRow("SELECT logical_type FROM parquet_schema(" + quote(e.parquet) + ") WHERE name = 'checked_at'").Scan(&logical); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(logical, "isAdjustedToUTC=1") || !strings.Contains(logical, "MILLIS") {
			t.Errorf("checked_at logical type %q, want a UTC TIMESTAMP in MILLIS", logical)
		}
		var converted string
		if err := db.QueryRow("SELECT converted_type FROM parquet_schema(" + quote(e.parquet) + ") WHERE name = 'findings'").Scan(&converted); err != nil {
			t.Fatal(err)
		}
		if converted != "LIST" {
			t.Errorf("findings converted type %q, want LIST", converted)
		}
		codecs := counts(t, db, "SELECT compression, count(*) FROM parquet_metadata("+quote(e.parquet)+") GROUP BY 1")
		if len(codecs) != 1 || codecs["ZSTD"] == 0 {
			t.Errorf("column chunk codecs %v, want ZSTD only", codecs)
		}
	})

	t.Run("row count", func(t *testing.T) {
		var n int
		// The form the store README and `dnsobs export --help` show.
		if err := db.QueryRow("SELECT count(*) FROM " + quote(e.parquet)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != len(e.reports) || n != len(e.csv)-1 {
			t.Errorf("%d rows, want %d (jsonl) and %d (csv)", n, len(e.reports), len(e.csv)-1)
		}
	})

	t.Run("rows in domain-name order", func(t *testing.T) {
		var got []string
		for _, r := range rowsOf(t, db, "SELECT domain FROM read_parquet("+quote(e.parquet)+", file_row_number = true) ORDER BY file_row_number") {
			got = append(got, r[0].(string))
		}
		var want []string
		for _, r := range e.reports {
			want = append(want, r.Domain)
		}
		if !slices.IsSorted(want) {
			t.Errorf("the jsonl export is not in name order: %v", want)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Parquet row order:\n got %v\nwant %v", got, want)
		}
	})

	t.Run("values", func(t *testing.T) {
		// TimeZone must not change the instants read back.
		if _, err := db.Exec("SET TimeZone = 'America/Santiago'"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Exec("SET TimeZone = 'UTC'") })
		csvByName := map[string][]string{}
		for _, rec := range e.csv[1:] {
			csvByName[rec[0]] = rec
		}
		rows := rowsOf(t, db, `SELECT domain, tld, country, checked_at, epoch_ms(checked_at), error, dnssec_status,
			ns_count, asn_count, prefix_count, country_count, ipv6_ready, ns_ipv6, worst_severity, queries_sent,
			findings, len(findings), array_to_string(findings, ' ') FROM run ORDER BY domain`)
		for _, r := range rows {
			name := r[0].(string)
			t.Run(name, func(t *testing.T) {
				rep, rec := e.byName[name], csvByName[name]
				if rep == nil || rec == nil {
					t.Fatalf("not in the jsonl (%v) or csv (%v) export", rep != nil, rec != nil)
				}
				// What the report says, independently of the store's
				// typed columns.
				labels := strings.Split(strings.TrimSuffix(name, "."), ".")
				ms := rep.CheckedAt.Truncate(time.Millisecond)
				want := []any{name, labels[len(labels)-1], rec[2], ms, ms.UnixMilli(), rep.Error, rep.dnssecStatus(),
					int32(len(rep.Nameservers)), int32(rep.Summary.ASNs), int32(rep.Summary.Prefixes), int32(rep.Summary.Countries),
					rep.IPv6.Ready, rep.IPv6.AddrsV6Answering > 0, rep.Summary.Worst, rep.QueriesSent,
					rep.findingIDs(), int64(len(rep.findingIDs())), strings.Join(rep.findingIDs(), " ")}
				got := slices.Clone(r)
				got[15] = strs(t, r[15])
				checked, ok := r[3].(time.Time)
				if !ok {
					t.Fatalf("checked_at scanned as %T, want time.Time", r[3])
				}
				if !checked.Equal(ms) {
					t.Errorf("checked_at %v, want %v", checked, ms)
				}
				got[3] = ms // compared above: Equal, not ==, for time.Time
				if !reflect.DeepEqual(got, want) {
					t.Errorf("DuckDB row:\n got %#v\nwant %#v", got, want)
				}
				// Every column as the CSV export writes it.
				asCSV := []string{name, got[1].(string), got[2].(string), rec[3], got[5].(string), got[6].(string),
					fmt.Sprint(got[7]), fmt.Sprint(got[8]), fmt.Sprint(got[9]), fmt.Sprint(got[10]),
					strconv.FormatBool(got[11].(bool)), strconv.FormatBool(got[12].(bool)), got[13].(string),
					fmt.Sprint(got[14]), got[17].(string)}
				if !reflect.DeepEqual(asCSV, rec) {
					t.Errorf("DuckDB row as CSV:\n got %q\nwant %q", asCSV, rec)
				}
				csvTime, err := time.Parse(time.RFC3339Nano, rec[3])
				if err != nil || !csvTime.Truncate(time.Millisecond).Equal(checked) {
					t.Errorf("checked_at %v, CSV %s (%v)", checked, rec[3], err)
				}
			})
		}
	})

	t.Run("group by dnssec_status", func(t *testing.T) {
		got := counts(t, db, "SELECT dnssec_status, count(*) FROM run GROUP BY dnssec_status")
		fromReports := map[string]int64{}
		for _, r := range e.reports {
			fromReports[r.dnssecStatus()]++
		}
		if !reflect.DeepEqual(got, fromReports) {
			t.Errorf("GROUP BY dnssec_status = %v; the reports say %v", got, fromReports)
		}
		// The store's own aggregate names the empty status "none".
		if v, ok := got[""]; ok {
			got["none"] = v
			delete(got, "")
		}
		if want := e.stat("dnssec_status"); !reflect.DeepEqual(got, want) {
			t.Errorf("GROUP BY dnssec_status = %v; dnsobs stats says %v", got, want)
		}
		// A run where every domain has the same status would prove little.
		if len(got) < 3 {
			t.Errorf("only %d DNSSEC statuses in the demo run: %v", len(got), got)
		}
	})

	t.Run("findings list", func(t *testing.T) {
		got := counts(t, db, "SELECT f, count(*) FROM (SELECT unnest(findings) AS f FROM run) GROUP BY f")
		fromReports := map[string]int64{}
		for _, r := range e.reports {
			for _, id := range r.findingIDs() {
				fromReports[id]++
			}
		}
		if !reflect.DeepEqual(got, fromReports) {
			t.Errorf("unnest(findings) counts %v; the reports say %v", got, fromReports)
		}
		if want := e.stat("finding"); !reflect.DeepEqual(got, want) {
			t.Errorf("unnest(findings) counts %v; dnsobs stats says %v", got, want)
		}
		var unsigned, empty int64
		if err := db.QueryRow(`SELECT count(*) FILTER (WHERE list_contains(findings, 'DNSSEC_UNSIGNED')),
			count(*) FILTER (WHERE len(findings) = 0) FROM run`).Scan(&unsigned, &empty); err != nil {
			t.Fatal(err)
		}
		var wantEmpty int64
		for _, r := range e.reports {
			if len(r.Findings) == 0 {
				wantEmpty++
			}
		}
		if unsigned != fromReports["DNSSEC_UNSIGNED"] || unsigned == 0 || empty != wantEmpty {
			t.Errorf("list_contains DNSSEC_UNSIGNED: %d, want %d; empty lists: %d, want %d",
				unsigned, fromReports["DNSSEC_UNSIGNED"], empty, wantEmpty)
		}
	})
}
