package labcheck

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// One server serves the root and the TLD (as registries serve a ccTLD and
// its second level): its referral skips the TLD. The resolver must find
// the TLD anyway, so the parent and the DNSSEC chain are the real ones.
func TestServerOfSeveralLevels(t *testing.T) {
	w := engine.NewWorld(time.Now())
	add := func(origin, text string) *authzone.Zone {
		z, err := w.AddZone(origin, text, &authzone.SignSpec{})
		if err != nil {
			t.Fatal(err)
		}
		return z
	}
	root := add(".", `$TTL 3600
@	SOA	a.root.test. hostmaster.test. 1 7200 3600 1209600 300
@	NS	a.root.test.
test.	NS	a.root.test.
a.root.test.	A	127.60.0.1
`)
	tld := add("test.", `$TTL 3600
@	SOA	a.root.test. hostmaster.test. 1 7200 3600 1209600 300
@	NS	a.root.test.
a.root	A	127.60.0.1
example	NS	ns1.example.test.
example	NS	ns2.example.test.
ns1.example	A	127.60.1.1
ns2.example	A	127.60.2.1
`)
	dom := add("example.test.", `$TTL 3600
@	SOA	ns1 hostmaster 1 7200 3600 1209600 300
@	NS	ns1
@	NS	ns2
@	A	127.60.9.9
ns1	A	127.60.1.1
ns2	A	127.60.2.1
`)
	for _, s := range []*engine.Server{
		{Name: "a.root.test.", Addrs: []netip.Addr{netip.MustParseAddr("127.60.0.1")}, Zones: []*authzone.Zone{root, tld}},
		{Name: "ns1.example.test.", Addrs: []netip.Addr{netip.MustParseAddr("127.60.1.1")}, Zones: []*authzone.Zone{dom}},
		{Name: "ns2.example.test.", Addrs: []netip.Addr{netip.MustParseAddr("127.60.2.1")}, Zones: []*authzone.Zone{dom}},
	} {
		if err := w.AddServer(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Build(); err != nil {
		t.Fatal(err)
	}
	for _, scan := range []bool{false, true} {
		r, err := New(w, Options{Scan: scan})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ { // the second time from the delegation cache
			rep := r.Check(context.Background(), "example.test.")
			if rep.Delegation.Parent != "test." {
				t.Errorf("scan=%v run %d: parent %q, want test.", scan, i, rep.Delegation.Parent)
			}
			if rep.DNSSEC == nil || rep.DNSSEC.Status != "secure" {
				t.Errorf("scan=%v run %d: dnssec %+v, want secure", scan, i, rep.DNSSEC)
			}
		}
		r.Close()
	}
}
