package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
)

// ExportFormats are the formats Export writes.
var ExportFormats = []string{"csv", "jsonl", "parquet"}

// CSVHeader is the header row of the CSV export; README.md documents
// each column.
var CSVHeader = []string{"domain", "tld", "country", "checked_at", "error", "dnssec_status",
	"ns_count", "asn_count", "prefix_count", "country_count", "ipv6_ready", "ns_ipv6",
	"worst_severity", "queries_sent", "findings"}

// ParquetRow is one row of the Parquet export: one domain.
type ParquetRow struct {
	Domain        string    `parquet:"domain"`
	TLD           string    `parquet:"tld"`
	Country       string    `parquet:"country"`
	CheckedAt     time.Time `parquet:"checked_at,timestamp(millisecond)"`
	Error         string    `parquet:"error"`
	DNSSECStatus  string    `parquet:"dnssec_status"`
	NSCount       int32     `parquet:"ns_count"`
	ASNCount      int32     `parquet:"asn_count"`
	PrefixCount   int32     `parquet:"prefix_count"`
	CountryCount  int32     `parquet:"country_count"`
	IPv6Ready     bool      `parquet:"ipv6_ready"`
	NSIPv6        bool      `parquet:"ns_ipv6"`
	WorstSeverity string    `parquet:"worst_severity"`
	QueriesSent   int64     `parquet:"queries_sent"`
	Findings      []string  `parquet:"findings,list"`
}

// parquetRowGroup is how many rows a Parquet row group holds: memory
// stays bounded by it, not by the run's size.
const parquetRowGroup = 10000

// Export writes the run's per-domain data, in domain-name order, as csv
// (one row per domain), jsonl (one stored report per line, the JSON of
// `dnsobs check --json` plus tld and country: JSONLRecord) or parquet (one row per domain, typed columns).
func (s *sqlStore) Export(ctx context.Context, runID int64, format string, w io.Writer) error {
	if _, err := s.GetRun(ctx, runID); err != nil {
		return err
	}
	switch format {
	case "csv":
		return s.exportCSV(ctx, runID, w)
	case "jsonl":
		return s.exportJSONL(ctx, runID, w)
	case "parquet":
		return s.exportParquet(ctx, runID, w)
	default:
		return fmt.Errorf("store: unknown export format %q: want %s", format, strings.Join(ExportFormats, ", "))
	}
}

// eachDomain calls fn with every domains row of the run, in name order,
// and, when withReport, the row's report JSON (reportJSON), else nil.
func (s *sqlStore) eachDomain(ctx context.Context, runID int64, withReport bool, fn func(ParquetRow, []byte) error) error {
	reportCols := "'', NULL"
	if withReport {
		reportCols = "report, report_gz"
	}
	rows, err := s.r.QueryContext(ctx, s.d.q(`SELECT name, tld, country, checked_at, error, dnssec_status,
	ns_count, asn_count, prefix_count, country_count, ipv6_ready, ns_ipv6, worst_severity, queries_sent,
	finding_ids, `+reportCols+` FROM domains WHERE run_id = ? ORDER BY name`), runID)
	if err != nil {
		return fmt.Errorf("store: export run %d: %w", runID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			r       ParquetRow
			checked dbTime
			ids     string
			plain   string
			gz      []byte
		)
		if err := rows.Scan(&r.Domain, &r.TLD, &r.Country, &checked, &r.Error, &r.DNSSECStatus,
			&r.NSCount, &r.ASNCount, &r.PrefixCount, &r.CountryCount, &r.IPv6Ready, &r.NSIPv6,
			&r.WorstSeverity, &r.QueriesSent, &ids, &plain, &gz); err != nil {
			return fmt.Errorf("store: export run %d: %w", runID, err)
		}
		r.CheckedAt = checked.T
		r.Findings = strings.Fields(ids)
		if r.Findings == nil {
			r.Findings = []string{}
		}
		var rep []byte
		if withReport {
			if rep, err = reportJSON(plain, gz); err != nil {
				return fmt.Errorf("store: export run %d: report of %s: %w", runID, r.Domain, err)
			}
		}
		if err := fn(r, rep); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export run %d: %w", runID, err)
	}
	return nil
}

// reportJSON returns a domains row's report JSON from its report and
// report_gz columns: the gunzipped report_gz when set (rows written since
// migration 0003), else report (rows written before, plain JSON).
func reportJSON(plain string, gz []byte) ([]byte, error) {
	if len(gz) == 0 {
		return bytes.TrimSpace([]byte(plain)), nil
	}
	js, err := gunzip(gz)
	if err != nil {
		return nil, err
	}
	return bytes.TrimSpace(js), nil
}

func (s *sqlStore) exportCSV(ctx context.Context, runID int64, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("store: export csv: %w", err)
	}
	b := strconv.FormatBool
	i := func(v int32) string { return strconv.Itoa(int(v)) }
	err := s.eachDomain(ctx, runID, false, func(r ParquetRow, _ []byte) error {
		return cw.Write([]string{r.Domain, r.TLD, r.Country, r.CheckedAt.Format(time.RFC3339Nano), r.Error,
			r.DNSSECStatus, i(r.NSCount), i(r.ASNCount), i(r.PrefixCount), i(r.CountryCount),
			b(r.IPv6Ready), b(r.NSIPv6), r.WorstSeverity, strconv.FormatInt(r.QueriesSent, 10),
			strings.Join(r.Findings, " ")})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("store: export csv: %w", err)
	}
	return nil
}

// JSONLRecord is a jsonl export line without its newline: the stored
// report JSON (an object) with "tld" and "country" added as its last
// members, country null when empty (a gTLD's domain). README.md, "Export
// formats".
func JSONLRecord(report []byte, tld, country string) []byte {
	rep := bytes.TrimSpace(report)
	if len(rep) < 2 || rep[len(rep)-1] != '}' {
		return rep
	}
	out := make([]byte, 0, len(rep)+32)
	out = append(out, rep[:len(rep)-1]...)
	if len(bytes.TrimSpace(rep[1:len(rep)-1])) > 0 {
		out = append(out, ',')
	}
	t, _ := json.Marshal(tld)
	out = append(out, `"tld":`...)
	out = append(out, t...)
	out = append(out, `,"country":`...)
	if country == "" {
		out = append(out, "null"...)
	} else {
		c, _ := json.Marshal(country)
		out = append(out, c...)
	}
	return append(out, '}')
}

// Report returns the stored report JSON (the `check --json` object, as
// saved) of domain in run runID; an error wrapping ErrNotFound when the run
// or the domain's result is missing.
func (s *sqlStore) Report(ctx context.Context, runID int64, domain string) ([]byte, error) {
	var (
		plain string
		gz    []byte
	)
	err := s.r.QueryRowContext(ctx, s.d.q(`SELECT report, report_gz FROM domains WHERE run_id = ? AND name = ?`),
		runID, canonical(domain)).Scan(&plain, &gz)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: run %d has no result for %s: %w", runID, canonical(domain), ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: report of %s in run %d: %w", canonical(domain), runID, err)
	}
	rep, err := reportJSON(plain, gz)
	if err != nil {
		return nil, fmt.Errorf("store: report of %s in run %d: %w", canonical(domain), runID, err)
	}
	return rep, nil
}

func (s *sqlStore) exportJSONL(ctx context.Context, runID int64, w io.Writer) error {
	bw := bufio.NewWriter(w)
	err := s.eachDomain(ctx, runID, true, func(r ParquetRow, rep []byte) error {
		if _, err := bw.Write(JSONLRecord(rep, r.TLD, r.Country)); err != nil {
			return fmt.Errorf("store: export jsonl: %w", err)
		}
		return bw.WriteByte('\n')
	})
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("store: export jsonl: %w", err)
	}
	return nil
}

func (s *sqlStore) exportParquet(ctx context.Context, runID int64, w io.Writer) error {
	pw := parquet.NewGenericWriter[ParquetRow](w, parquet.Compression(&parquet.Zstd))
	n := 0
	err := s.eachDomain(ctx, runID, false, func(r ParquetRow, _ []byte) error {
		if _, err := pw.Write([]ParquetRow{r}); err != nil {
			return fmt.Errorf("store: export parquet: %w", err)
		}
		n++
		if n%parquetRowGroup == 0 {
			if err := pw.Flush(); err != nil {
				return fmt.Errorf("store: export parquet: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("store: export parquet: %w", err)
	}
	return nil
}
