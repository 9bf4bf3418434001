package scan

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// The store's rows are the reports' fields: a lab scan's CSV export and
// table rows against its JSON Lines reports, decoded here from the JSON
// (what NewRecord extracts, checked from the outside).
func TestRecordsMatchReports(t *testing.T) {
	dir := t.TempDir()
	cfg, names := setupAt(t, dir)
	var out bytes.Buffer
	cfg.JSONL = &out
	ctx := context.Background()
	run, _, err := Load(ctx, cfg, store.Run{Input: "test"}, strings.NewReader(strings.Join(names, "\n")), FormatList)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, cfg, run.ID); err != nil {
		t.Fatal(err)
	}
	type rep struct {
		Domain    string    `json:"domain"`
		CheckedAt time.Time `json:"checked_at"`
		Error     string    `json:"error"`
		DNSSEC    *struct {
			Status string `json:"status"`
		} `json:"dnssec"`
		Nameservers []struct {
			Addresses []struct {
				Probe *struct {
					Reachable bool `json:"reachable"`
				} `json:"probe"`
			} `json:"addresses"`
		} `json:"nameservers"`
		Findings []struct {
			ID       string         `json:"id"`
			Severity check.Severity `json:"severity"`
		} `json:"findings"`
		IPv6 struct {
			Ready     bool `json:"ready"`
			Answering int  `json:"addresses_v6_answering"`
		} `json:"ipv6"`
		Summary struct {
			ASNs      int `json:"asns"`
			Prefixes  int `json:"prefixes"`
			Countries int `json:"countries"`
		} `json:"summary"`
		QueriesSent int `json:"queries_sent"`
	}
	want := map[string][]string{}
	var addrs, probed, findings int
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r rep
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		st := ""
		if r.DNSSEC != nil {
			st = r.DNSSEC.Status
		}
		worst, ids := "", []string{}
		for i, f := range r.Findings {
			if i == 0 || f.Severity.String() != worst && f.Severity > mustSeverity(t, worst) {
				worst = f.Severity.String()
			}
			if !slices.Contains(ids, f.ID) {
				ids = append(ids, f.ID)
			}
		}
		slices.Sort(ids)
		for _, ns := range r.Nameservers {
			for _, a := range ns.Addresses {
				addrs++
				if a.Probe != nil {
					probed++
				}
			}
		}
		findings += len(r.Findings)
		want[r.Domain] = []string{r.Domain, dnsname.TLD(r.Domain), dnsname.Country(dnsname.TLD(r.Domain)),
			r.CheckedAt.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano), r.Error, st,
			strconv.Itoa(len(r.Nameservers)), strconv.Itoa(r.Summary.ASNs), strconv.Itoa(r.Summary.Prefixes),
			strconv.Itoa(r.Summary.Countries), strconv.FormatBool(r.IPv6.Ready), strconv.FormatBool(r.IPv6.Answering > 0),
			worst, strconv.Itoa(r.QueriesSent), strings.Join(ids, " ")}
	}
	if len(want) != len(names) {
		t.Fatalf("%d reports, want %d", len(want), len(names))
	}
	var csvOut bytes.Buffer
	if err := cfg.Store.Export(ctx, run.ID, "csv", &csvOut); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if w := want[row[0]]; strings.Join(row, "\t") != strings.Join(w, "\t") {
			t.Errorf("csv row of %s\n got %q\nwant %q", row[0], row, w)
		}
	}
	if len(rows) != len(want)+1 {
		t.Errorf("%d csv rows, want %d", len(rows)-1, len(want))
	}
	// The nameserver addresses (probed or not) and the findings are rows.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "s.db")+"?_query_only=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var gotAddrs, gotProbed, gotFindings int
	if err := db.QueryRow(`SELECT COUNT(*), COUNT(reachable), (SELECT COUNT(*) FROM findings) FROM addresses`).Scan(&gotAddrs, &gotProbed, &gotFindings); err != nil {
		t.Fatal(err)
	}
	if gotAddrs != addrs || gotProbed != probed || gotFindings != findings || probed == 0 || findings == 0 {
		t.Errorf("rows: %d addresses, %d probed, %d findings; the reports have %d, %d, %d", gotAddrs, gotProbed, gotFindings, addrs, probed, findings)
	}
}

func mustSeverity(t *testing.T, name string) check.Severity {
	t.Helper()
	s, err := check.ParseSeverity(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
