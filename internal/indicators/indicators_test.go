package indicators

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// records are check --json objects the way operators see them, trimmed to
// what the indicators read, and the export's tld and country.
const records = `
{"domain":"a.example.cl.","tld":"cl","country":"CL","dnssec":{"status":"secure"},"ipv6":{"ready":true},"nameservers":[{"addresses":[{"asn":64500},{"asn":64501}]}],"findings":[]}
{"domain":"b.example.cl.","tld":"cl","country":"CL","dnssec":{"status":"bogus"},"ipv6":{"ready":false},"nameservers":[{"addresses":[{"asn":64500}]},{"addresses":[{"asn":64500}]}],"findings":[{"id":"NS_LAME"},{"id":"NS_LAME"},{"id":"DNSSEC_BOGUS"}]}
{"domain":"c.example.ar.","tld":"ar","country":"AR","dnssec":{"status":"insecure"},"ipv6":{"ready":false},"nameservers":[{"addresses":[{},{"asn":64502}]}],"findings":[{"id":"NS_RECURSIVE"},{"id":"NS_AXFR_OPEN"}]}
{"domain":"d.example.org.","tld":"org","country":null,"dnssec":null,"ipv6":{"ready":true},"nameservers":[{"addresses":[{"asn":64503}]},{"addresses":[{"asn":64504}]}],"findings":[{"id":"NS_LAME"}]}
`

func TestTally(t *testing.T) {
	tally, err := ReadJSONL(strings.NewReader(records))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		scope    string
		domains  int
		want     map[string]float64
		findings map[string]int
	}{
		{"region", 4, map[string]float64{"dnssec_signed_pct": 50, "dnssec_valid_pct": 25, "ipv6_ready_pct": 50,
			"ns_multi_asn_pct": 50, "lame_pct": 50, "open_recursion_pct": 25, "open_axfr_pct": 25},
			map[string]int{"NS_LAME": 2, "DNSSEC_BOGUS": 1, "NS_RECURSIVE": 1, "NS_AXFR_OPEN": 1}},
		{"country:cl", 2, map[string]float64{"dnssec_signed_pct": 100, "dnssec_valid_pct": 50, "ipv6_ready_pct": 50,
			"ns_multi_asn_pct": 50, "lame_pct": 50, "open_recursion_pct": 0, "open_axfr_pct": 0},
			map[string]int{"NS_LAME": 1, "DNSSEC_BOGUS": 1}},
		{"tld:AR", 1, map[string]float64{"dnssec_signed_pct": 0, "ns_multi_asn_pct": 0, "open_recursion_pct": 100, "open_axfr_pct": 100},
			map[string]int{"NS_RECURSIVE": 1, "NS_AXFR_OPEN": 1}},
		{"tld:org", 1, map[string]float64{"ns_multi_asn_pct": 100, "lame_pct": 100, "ipv6_ready_pct": 100}, map[string]int{"NS_LAME": 1}},
		{"country:UY", 0, map[string]float64{"dnssec_signed_pct": 0, "lame_pct": 0}, map[string]int{}},
	}
	for _, tc := range tests {
		t.Run(tc.scope, func(t *testing.T) {
			s, err := ParseScope(tc.scope)
			if err != nil {
				t.Fatal(err)
			}
			in := tally.Indicators(s)
			if in.Domains != tc.domains {
				t.Errorf("domains %d, want %d", in.Domains, tc.domains)
			}
			for name, want := range tc.want {
				if got, ok := in.Value(name); !ok || math.Abs(got-want) > 1e-9 {
					t.Errorf("%s = %v, want %v", name, got, want)
				}
			}
			if len(in.Findings) != len(tc.findings) {
				t.Errorf("findings %v, want %v", in.Findings, tc.findings)
			}
			for id, n := range tc.findings {
				if in.Findings[id] != n {
					t.Errorf("findings[%s] = %d, want %d", id, in.Findings[id], n)
				}
			}
		})
	}
	if got := tally.Scopes("country"); len(got) != 2 || got[0].Value != "AR" || got[1].Value != "CL" {
		t.Errorf("countries %v, want AR CL", got)
	}
	b, _ := json.Marshal(tally.Indicators(Region))
	for _, k := range append(Names, "domains", "findings") {
		if !strings.Contains(string(b), `"`+k+`":`) {
			t.Errorf("JSON %s lacks %s", b, k)
		}
	}
}

// A record without tld and country (plain check --json) is placed by its name.
func TestPlaceFromName(t *testing.T) {
	tally, err := ReadJSONL(strings.NewReader(`{"domain":"x.example.BR.","dnssec":{"status":"secure"}}` + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if in := tally.Indicators(Scope{"country", "BR"}); in.Domains != 1 || in.DNSSECValidPct != 100 {
		t.Errorf("country:BR %+v", in)
	}
	if !tally.Has(Scope{"tld", "br"}) {
		t.Error("no tld:br")
	}
}

func TestParseScope(t *testing.T) {
	for _, ok := range []string{"region", "country:cl", "country:BR", "tld:cl", "tld:xn--p1ai", "tld:COM"} {
		if _, err := ParseScope(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "all", "country:", "country:CHL", "country:1a", "tld:", "tld:-x", "tld:a.b", "tld:é", "region:x", "planet:earth"} {
		if _, err := ParseScope(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestBadLine(t *testing.T) {
	if _, err := ReadJSONL(strings.NewReader("{\"domain\":\"a.cl.\"}\nnot json\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("err %v, want one naming line 2", err)
	}
}

const computeExport = `{"domain":"a.cl.","tld":"cl","country":"CL","dnssec":{"status":"secure"},"ipv6":{"ready":true},"nameservers":[{"addresses":[{"asn":64500},{"asn":64501}]}],"findings":[{"id":"NS_LAME"},{"id":"NS_LAME"}]}
{"domain":"b.cl.","tld":"cl","country":"CL","dnssec":{"status":"bogus"},"ipv6":{"ready":false},"nameservers":[{"addresses":[{"asn":64500}]},{"addresses":[{"asn":64500},{}]}],"findings":[{"id":"NS_RECURSIVE"}]}
{"domain":"c.br.","dnssec":{"status":"insecure"},"nameservers":[{"addresses":[{"asn":1}]},{"addresses":[{"asn":2}]}],"findings":[{"id":"NS_AXFR_OPEN"},{"id":"NS_LAME"}]}
{"domain":"d.org.","tld":"org","country":null,"dnssec":{"status":"indeterminate"},"findings":[]}
`

// Compute over rows gives what a Tally gives over the same records: one
// counting (Counts.add) for both.
func TestCompute(t *testing.T) {
	rows, err := ReadRows(strings.NewReader(computeExport))
	if err != nil {
		t.Fatal(err)
	}
	if rows[2].TLD != "br" || rows[2].Country != "BR" || rows[3].Country != "" {
		t.Fatalf("derived tld/country: %+v %+v", rows[2], rows[3])
	}
	tests := []struct {
		scope string
		want  Result
	}{
		{"region", Result{Domains: 4, DNSSECSignedPct: 50, DNSSECValidPct: 25, IPv6ReadyPct: 25, NSMultiASNPct: 50,
			LamePct: 50, OpenRecursionPct: 25, OpenAXFRPct: 25, Findings: map[string]int{"NS_LAME": 2, "NS_RECURSIVE": 1, "NS_AXFR_OPEN": 1}}},
		{"country:cl", Result{Domains: 2, DNSSECSignedPct: 100, DNSSECValidPct: 50, IPv6ReadyPct: 50, NSMultiASNPct: 50,
			LamePct: 50, OpenRecursionPct: 50, Findings: map[string]int{"NS_LAME": 1, "NS_RECURSIVE": 1}}},
		{"tld:BR", Result{Domains: 1, NSMultiASNPct: 100, LamePct: 100, OpenAXFRPct: 100, Findings: map[string]int{"NS_LAME": 1, "NS_AXFR_OPEN": 1}}},
		{"country:UY", Result{Findings: map[string]int{}}},
	}
	for _, tc := range tests {
		t.Run(tc.scope, func(t *testing.T) {
			sc, err := ParseScope(tc.scope)
			if err != nil {
				t.Fatal(err)
			}
			got := Compute(rows, sc)
			if got.Domains != tc.want.Domains || len(got.Findings) != len(tc.want.Findings) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for id, n := range tc.want.Findings {
				if got.Findings[id] != n {
					t.Errorf("findings[%s] = %d, want %d", id, got.Findings[id], n)
				}
			}
			for _, name := range Names {
				g, _ := got.Value(name)
				w, _ := tc.want.Value(name)
				if math.Abs(g-w) > 1e-9 {
					t.Errorf("%s = %v, want %v", name, g, w)
				}
			}
		})
	}
}

func TestComputeEqualsTally(t *testing.T) {
	rows, err := ReadRows(strings.NewReader(computeExport))
	if err != nil {
		t.Fatal(err)
	}
	tally, err := ReadJSONL(strings.NewReader(computeExport))
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range append([]Scope{Region}, append(tally.Scopes("country"), tally.Scopes("tld")...)...) {
		got, want := Compute(rows, sc), tally.Indicators(sc)
		for _, name := range Names {
			g, _ := got.Value(name)
			w, _ := want.Value(name)
			if g != w || got.Domains != want.Domains {
				t.Errorf("%s %s: Compute %v of %d, Tally %v of %d", sc, name, g, got.Domains, w, want.Domains)
			}
		}
	}
}
