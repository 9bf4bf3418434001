package store

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
)

// storedJSON is a record's JSON as the store keeps it.
func storedJSON(r Record) string { return string(r.JSON) }

func testReportCompressed(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	r, reps := exportRun(t, s)
	var jsonBytes int
	for _, rep := range reps {
		jsonBytes += len(storedJSON(rep))
	}
	var (
		n             int
		plain, gzSize int64
	)
	if err := s.r.QueryRowContext(ctx, s.d.q(`SELECT COUNT(*), COALESCE(SUM(LENGTH(report)), 0),
	COALESCE(SUM(LENGTH(report_gz)), 0) FROM domains WHERE run_id = ? AND report_gz IS NOT NULL`), r.ID).Scan(&n, &plain, &gzSize); err != nil {
		t.Fatal(err)
	}
	if n != len(reps) || plain != 0 {
		t.Fatalf("%d rows with report_gz (want %d), %d bytes left in report (want 0)", n, len(reps), plain)
	}
	t.Logf("report bytes per domain: JSON %d B, stored %d B (%.0f%%)",
		jsonBytes/n, gzSize/int64(n), 100*float64(gzSize)/float64(jsonBytes))
	if gzSize*100 >= int64(jsonBytes)*45 {
		t.Errorf("stored reports %d bytes, not under 45%% of the JSON's %d", gzSize, jsonBytes)
	}
	// Each row holds the gzip of exactly the JSON: jsonl gives it back.
	rows, err := s.r.QueryContext(ctx, s.d.q(`SELECT name, report_gz FROM domains WHERE run_id = ?`), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name string
			gz   []byte
		)
		if err := rows.Scan(&name, &gz); err != nil {
			t.Fatal(err)
		}
		js, err := gunzip(gz)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := storedJSON(reps[name]); string(js) != want {
			t.Errorf("%s: report_gz holds\n%s\nwant\n%s", name, js, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// testReportOldFormat turns a database back into schema 0002 (dropping
// the columns of 0003 and 0004) with plain JSON reports, reopens it
// (applying 0003), and checks that every export
// and reanalysis still work, old and new rows side by side.
func testReportOldFormat(t *testing.T, dsn string) {
	ctx := context.Background()
	s := openTest(t, dsn)
	r, reps := exportRun(t, s)
	// The exports before: jsonl is each report's JSON, in name order.
	wantCSV := export(t, s, r.ID, "csv")
	wantParquet := export(t, s, r.ID, "parquet")
	names := slices.Sorted(maps.Keys(reps))
	var wantJSONL strings.Builder
	for _, n := range names {
		tld := dnsname.TLD(n)
		wantJSONL.WriteString(string(JSONLRecord([]byte(storedJSON(reps[n])), tld, dnsname.Country(tld))) + "\n")
	}
	if got := export(t, s, r.ID, "jsonl"); string(got) != wantJSONL.String() {
		t.Fatalf("jsonl before 0003 is undone:\n got %s\nwant %s", got, wantJSONL.String())
	}
	// Back to 0002: the JSON in report, no report_gz column.
	for name, rep := range reps {
		if _, err := s.w.ExecContext(ctx, s.d.q(`UPDATE domains SET report = ? WHERE run_id = ? AND name = ?`),
			storedJSON(rep), r.ID, name); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{`ALTER TABLE domains DROP COLUMN report_gz`, `ALTER TABLE runs DROP COLUMN loader`, `ALTER TABLE runs DROP COLUMN heartbeat`, `DELETE FROM schema_migrations WHERE version >= 3`} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	s = openTest(t, dsn)
	var old int
	if err := s.r.QueryRowContext(ctx, s.d.q(`SELECT COUNT(*) FROM domains WHERE run_id = ? AND report_gz IS NULL AND report <> ''`),
		r.ID).Scan(&old); err != nil || old != len(reps) {
		t.Fatalf("%d old-format rows after reopening (%v), want %d", old, err, len(reps))
	}
	check := func(when string) {
		t.Helper()
		if got := export(t, s, r.ID, "jsonl"); string(got) != wantJSONL.String() {
			t.Errorf("%s: jsonl differs\n got %s\nwant %s", when, got, wantJSONL.String())
		}
		if c := export(t, s, r.ID, "csv"); !bytes.Equal(c, wantCSV) {
			t.Errorf("%s: csv differs", when)
		}
		if p := export(t, s, r.ID, "parquet"); !bytes.Equal(p, wantParquet) {
			t.Errorf("%s: parquet differs", when)
		}
		checkConsistent(t, s, r.ID)
	}
	check("old rows")
	// Reanalysis rewrites some rows in the new format; both read.
	var half []Record
	for _, n := range names[:len(names)/2] {
		half = append(half, reps[n])
	}
	if err := s.ReplaceRecords(ctx, r.ID, half); err != nil {
		t.Fatal(err)
	}
	var newRows int
	if err := s.r.QueryRowContext(ctx, s.d.q(`SELECT COUNT(*) FROM domains WHERE run_id = ? AND report_gz IS NOT NULL AND report = ''`),
		r.ID).Scan(&newRows); err != nil || newRows != len(half) {
		t.Fatalf("%d new-format rows after ReplaceRecords (%v), want %d", newRows, err, len(half))
	}
	check("old and new rows")
}
