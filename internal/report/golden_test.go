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

	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
)

var (
	record = flag.Bool("record", false, "collect new observations of every lab scenario into testdata (uses the in-memory lab)")
	update = flag.Bool("update", false, "rewrite the golden findings from the recorded observations")
)

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
	r, err := labcheck.New(w, labcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := os.WriteFile("testdata/anchor.zone", []byte(w.TrustAnchor()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, s := range w.Scenarios() {
		d := r.Collector.Domain(context.Background(), s.Domain, nil)
		b, err := json.MarshalIndent(d, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(s.Domain, ".")
		if err := os.WriteFile(filepath.Join("testdata", name+".observations.json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGolden analyses recorded observations of every lab scenario and
// compares the findings with the golden files: every check is tested from
// recorded observations, without network and without the lab.
func TestGolden(t *testing.T) {
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
	files, _ := filepath.Glob("testdata/*.observations.json")
	if len(files) < 20 {
		t.Fatalf("%d recorded cases; run go test -record -update", len(files))
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
			gf := filepath.Join("testdata", name+".golden.json")
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
