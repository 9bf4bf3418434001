package report_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
)

// The two flags are never used together: -record replaces the inputs (the
// observations) and compares them with the expected findings as they are,
// so what a new recording changes shows as a failure to review; -update
// replaces the expected findings from the recorded inputs and never touches
// the inputs.
var (
	record = flag.Bool("record", false, "collect new observations of every lab scenario into testdata/check and testdata/scan (in-memory lab)")
	update = flag.Bool("update", false, "rewrite the golden findings from the recorded observations (never the observations)")
)

// modes are the ways observations are collected: check mode (every probe
// of every address, for one domain) and scan mode (collect.Shared: the
// server-level probes, the upper zones' keys and the NS addresses measured
// once per run and shared by every domain, in the order of a scan).
var modes = []struct {
	dir  string
	scan bool
}{{"check", false}, {"scan", true}}

// golden is what a case's findings are compared on: stable, language-neutral.
type golden struct {
	DNSSEC   string   `json:"dnssec"`
	Findings []string `json:"findings"` // "SEVERITY ID subject | detail"
}

func summarize(r *report.Report) golden {
	g := golden{Findings: []string{}}
	if r.DNSSEC != nil {
		g.DNSSEC = string(r.DNSSEC.Status)
	}
	for _, f := range r.Findings {
		detail := f.Detail
		if f.ID == "NS_SLOW" {
			detail = "" // RTTs vary between recordings; the ID and subject do not
		}
		g.Findings = append(g.Findings, f.Severity.String()+" "+f.ID+" "+f.Subject+" | "+detail)
	}
	return g
}

func recordAll(t *testing.T) {
	w, err := worlds.Default(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("testdata/anchor.zone", []byte(w.TrustAnchor()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, m := range modes {
		r, err := labcheck.New(w, labcheck.Options{Scan: m.scan})
		if err != nil {
			t.Fatal(err)
		}
		old, _ := filepath.Glob(filepath.Join("testdata", m.dir, "*.observations.json"))
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
		for _, s := range w.Scenarios() {
			d := r.Collector.Domain(context.Background(), s.Domain, nil)
			b, err := json.MarshalIndent(d, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			name := strings.TrimSuffix(s.Domain, ".")
			if err := os.WriteFile(filepath.Join("testdata", m.dir, name+".observations.json"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGolden analyses recorded observations of every lab scenario and
// compares the findings with the golden files: every check is tested from
// recorded observations, without network and without the lab.
func TestGolden(t *testing.T) {
	if *record && *update {
		t.Fatal("-record and -update replace the inputs and the expected outputs: use one at a time (-record, review the failures, then -update)")
	}
	if *record {
		recordAll(t)
	}
	ta, err := os.ReadFile("testdata/anchor.zone")
	if err != nil {
		t.Fatal(err)
	}
	anchors, err := resolver.ParseTrustAnchor(string(ta), "testdata/anchor.zone")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range modes {
		t.Run(m.dir, func(t *testing.T) { golden1(t, m.dir, anchors) })
	}
}

// golden1 compares the findings of every recorded case in testdata/dir
// with its golden file.
func golden1(t *testing.T, dir string, anchors []dns.RR) {
	files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.observations.json"))
	if len(files) < 20 {
		t.Fatalf("%d recorded cases in testdata/%s; run go test -record, then -update", len(files), dir)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".observations.json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var d observe.Domain
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
			got := summarize(report.Build(&d, report.Options{Anchors: anchors, Lang: "en"}))
			gf := filepath.Join("testdata", dir, name+".golden.json")
			if *update {
				out, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(gf, append(out, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			wb, err := os.ReadFile(gf)
			if err != nil {
				t.Fatalf("no golden file: %v (run with -update)", err)
			}
			var want golden
			if err := json.Unmarshal(wb, &want); err != nil {
				t.Fatal(err)
			}
			if got.DNSSEC != want.DNSSEC {
				t.Errorf("dnssec %s, want %s", got.DNSSEC, want.DNSSEC)
			}
			if strings.Join(got.Findings, "\n") != strings.Join(want.Findings, "\n") {
				t.Errorf("findings differ\n got:\n  %s\nwant:\n  %s", strings.Join(got.Findings, "\n  "), strings.Join(want.Findings, "\n  "))
			}
		})
	}
}
