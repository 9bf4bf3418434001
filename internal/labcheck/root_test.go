package labcheck

import (
	"context"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
)

// The root and a TLD are checked like any zone: the root's servers come
// from the hints and its DNSKEY set is validated against the trust anchor
// (the root is the anchor, never a child of itself with a DS); a TLD's
// parent is the root.
func TestRootAndTLD(t *testing.T) {
	w, _ := checkAll(t)
	for _, scan := range []bool{false, true} {
		r, err := New(w, Options{Scan: scan})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ domain, parent string }{{".", "."}, {"test.", "."}} {
			d := r.Collector.Domain(context.Background(), c.domain, nil)
			rep := r.Check(context.Background(), c.domain)
			if rep.Error != "" {
				t.Errorf("scan=%v %s: collection error %q", scan, c.domain, rep.Error)
			}
			if rep.Delegation.Parent != c.parent || rep.Delegation.Status != "delegated" {
				t.Errorf("scan=%v %s: delegation %+v, want delegated from %s", scan, c.domain, rep.Delegation, c.parent)
			}
			if rep.DNSSEC == nil || rep.DNSSEC.Status != "secure" {
				t.Errorf("scan=%v %s: DNSSEC %+v, want secure", scan, c.domain, rep.DNSSEC)
			}
			if n := len(rep.Nameservers); n != 2 {
				t.Errorf("scan=%v %s: %d nameservers, want 2", scan, c.domain, n)
			}
			for _, f := range rep.Findings {
				if f.Severity >= check.Error {
					t.Errorf("scan=%v %s: %s %s (%s)", scan, c.domain, f.Severity, f.ID, f.Detail)
				}
			}
			var zones []string
			for _, z := range d.Chain {
				zones = append(zones, z.Zone)
			}
			if c.domain == "." && (len(zones) != 1 || d.Chain[0].DSSeq != 0 || d.Chain[0].DNSKEYSeq == 0) {
				t.Errorf("scan=%v the root's chain is %v (%+v), want the root alone, its DNSKEY asked and no DS", scan, zones, d.Chain)
			}
			if c.domain == "test." && (len(zones) != 2 || zones[0] != "." || zones[1] != "test.") {
				t.Errorf("scan=%v test.'s chain is %v, want . test.", scan, zones)
			}
		}
		r.Close()
	}
}
