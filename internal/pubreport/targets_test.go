package pubreport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
)

// Each invalid targets file and the exact error it gets.
func TestParseTargetsInvalid(t *testing.T) {
	want := map[string]string{
		"invalid-unknown-field.yml":     "line 6: field owner not found in type pubreport.targetYAML",
		"invalid-indicator.yml":         `target 1: indicator "dnssec_pct": want one of dnssec_signed_pct, dnssec_valid_pct, ipv6_ready_pct, ns_multi_asn_pct, lame_pct, open_recursion_pct, open_axfr_pct, domains_per_1000, idn_pct`,
		"invalid-scope.yml":             `target 1: scope "continent:sa": want region, country:CC or tld:TLD`,
		"invalid-target-range.yml":      "target 1: target 140: want a number from 0 to 100 for a percentage, 0 or more otherwise",
		"invalid-target-missing.yml":    "target 1: no target value",
		"invalid-date.yml":              `target 1: date "31/12/2027": want YYYY-MM-DD`,
		"invalid-penetration-scope.yml": `target 1: domains_per_1000 needs a country:CC scope, not "region"`,
		"invalid-empty.yml":             `no targets: want a list under "targets:"`,
		"invalid-nothing.yml":           `no targets: want a list under "targets:"`,
		"invalid-yaml.yml":              "line 1: did not find expected ',' or ']'", // yaml.v3 counts this one from 0,
	}
	files, err := filepath.Glob("testdata/invalid-*.yml")
	if err != nil || len(files) != len(want) {
		t.Fatalf("%d invalid-* files, %d expected errors (%v)", len(files), len(want), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ParseTargets(b)
			if err == nil || err.Error() != want[filepath.Base(f)] {
				t.Errorf("got %v\nwant %s", err, want[filepath.Base(f)])
			}
		})
	}
}

func TestParseTargetsExample(t *testing.T) {
	ts, err := ParseTargets(ExampleTargets)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 7 {
		t.Fatalf("%d targets, want 7", len(ts))
	}
	first := Target{Indicator: "dnssec_signed_pct", Scope: indicators.Region, Value: 40, Date: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)}
	if ts[0] != first || ts[4].Scope.String() != "country:CL" || ts[6].Scope.String() != "tld:cl" {
		t.Errorf("parsed %+v", ts)
	}
}

// row makes a row of a domain with the given status and findings.
func row(domain, status string, findings ...string) indicators.Row {
	tld := domain[strings.LastIndexByte(strings.TrimSuffix(domain, "."), '.')+1:]
	tld = strings.TrimSuffix(tld, ".")
	return indicators.Row{Domain: domain, TLD: tld, Country: strings.ToUpper(tld), DNSSECStatus: status, Findings: findings}
}

func TestTrack(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	// Run 1: 1 of 4 signed, 2 lame; run 2 (30 days later): 2 of 4 signed, 1 lame.
	r1 := []indicators.Row{row("a.cl.", "secure"), row("b.cl.", "insecure", "NS_LAME"), row("c.cl.", "insecure", "NS_LAME"), row("xn--ao-zja.cl.", "insecure")}
	r2 := []indicators.Row{row("a.cl.", "secure"), row("b.cl.", "secure", "NS_LAME"), row("c.cl.", "insecure"), row("xn--ao-zja.cl.", "insecure")}
	runs := []Run{{ID: 1, At: t0, Rows: r1}, {ID: 2, At: t0.AddDate(0, 0, 30), Rows: r2}}
	date := t0.AddDate(0, 0, 90) // 60 days after run 2: +50 points at the trend
	targets := []Target{
		{Indicator: "dnssec_signed_pct", Scope: indicators.Region, Value: 100, Date: date},                           // 50 → 100: on track exactly
		{Indicator: "dnssec_signed_pct", Scope: indicators.Region, Value: 100.5, Date: date},                         // just off
		{Indicator: "lame_pct", Scope: indicators.Region, Value: 25, Date: date},                                     // ceiling met
		{Indicator: "lame_pct", Scope: indicators.Region, Value: 0, Date: t0},                                        // date passed
		{Indicator: "idn_pct", Scope: indicators.Scope{Kind: "tld", Value: "cl"}, Value: 25, Date: date},             // 1 in 4: met
		{Indicator: "domains_per_1000", Scope: indicators.Scope{Kind: "country", Value: "CL"}, Value: 1, Date: date}, // flat: off
		{Indicator: "domains_per_1000", Scope: indicators.Scope{Kind: "country", Value: "XX"}, Value: 1, Date: date}, // no population
	}
	want := []string{StatusOnTrack, StatusOffTrack, StatusMet, StatusOffTrack, StatusMet, StatusOffTrack, StatusNoTrend}
	got := Track(targets, runs)
	for i, p := range got {
		if p.Status != want[i] {
			t.Errorf("target %d %+v: %s (value %v, projected %v), want %s", i, p.Target, p.Status, p.Value, p.Projected, want[i])
		}
	}
	if got[0].Value != 50 || got[0].Previous == nil || *got[0].Previous != 25 || got[0].Projected == nil || *got[0].Projected != 100 {
		t.Errorf("progress %+v", got[0])
	}
	if one := Track(targets[:1], runs[1:]); one[0].Status != StatusNoTrend {
		t.Errorf("one run: %s, want %s", one[0].Status, StatusNoTrend)
	}
}
