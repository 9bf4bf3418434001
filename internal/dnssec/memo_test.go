package dnssec

import (
	"testing"

	"github.com/miekg/dns"
)

// The DS memo gives the same answers as computing every time, repeatedly
// and for several digest types.
func TestDSMatchesMemo(t *testing.T) {
	k := &dns.DNSKEY{Hdr: dns.RR_Header{Name: "test.", Rrtype: dns.TypeDNSKEY, Class: dns.ClassINET, Ttl: 3600},
		Flags: 257, Protocol: 3, Algorithm: dns.ECDSAP256SHA256}
	if _, err := k.Generate(256); err != nil {
		t.Fatal(err)
	}
	other := *k
	other.Flags = 256 // another tag
	wrong := k.ToDS(dns.SHA256)
	wrong.Digest = "00" + wrong.Digest[2:]
	cases := []struct {
		ds   *dns.DS
		want bool
	}{
		{k.ToDS(dns.SHA256), true},
		{k.ToDS(dns.SHA384), true},
		{wrong, false},
		{other.ToDS(dns.SHA256), false},
	}
	c := new(VerifyCache)
	for round := range 2 {
		for i, tc := range cases {
			if got := c.dsMatches(tc.ds, k); got != tc.want || dsMatches(tc.ds, k) != tc.want {
				t.Errorf("round %d, case %d: memo %v, want %v", round, i, got, tc.want)
			}
		}
	}
	if len(c.keys) != 1 || len(c.keys[k].digests) != 2 {
		t.Errorf("memo holds %d keys (want 1) with %d digests (want 2)", len(c.keys), len(c.keys[k].digests))
	}
}
