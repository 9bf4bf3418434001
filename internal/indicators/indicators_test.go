package indicators

import (
	"math"
	"strings"
	"testing"
)

const export = `{"domain":"a.cl.","tld":"cl","country":"CL","dnssec":{"status":"secure"},"ipv6":{"ready":true},"nameservers":[{"addresses":[{"asn":64500},{"asn":64501}]}],"findings":[{"id":"NS_LAME"},{"id":"NS_LAME"}]}
{"domain":"b.cl.","tld":"cl","country":"CL","dnssec":{"status":"bogus"},"ipv6":{"ready":false},"nameservers":[{"addresses":[{"asn":64500}]},{"addresses":[{"asn":64500},{}]}],"findings":[{"id":"NS_RECURSIVE"}]}
{"domain":"c.br.","dnssec":{"status":"insecure"},"nameservers":[{"addresses":[{"asn":1}]},{"addresses":[{"asn":2}]}],"findings":[{"id":"NS_AXFR_OPEN"},{"id":"NS_LAME"}]}
{"domain":"d.org.","tld":"org","country":null,"dnssec":{"status":"indeterminate"},"findings":[]}
`

func TestCompute(t *testing.T) {
	rows, err := ReadJSONL(strings.NewReader(export))
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

func TestParseScope(t *testing.T) {
	for _, s := range []string{"", "all", "country:", "country:CHL", "tld:", "tld:a.b", "world"} {
		if _, err := ParseScope(s); err == nil {
			t.Errorf("ParseScope(%q): no error", s)
		}
	}
	if sc, err := ParseScope("country:cl"); err != nil || sc.String() != "country:CL" {
		t.Errorf("country:cl → %v, %v", sc, err)
	}
}
