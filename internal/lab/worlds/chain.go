package worlds

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// ChainDomain is the domain at the bottom of a Chain world.
const ChainDomain = "example.test."

// ChainRecords are the domain's records in a Chain world unless Records
// says otherwise: apex A and AAAA and a www A, on documentation addresses
// nothing ever queries.
const ChainRecords = "@\tA\t192.0.2.1\n@\tAAAA\t2001:db8::1\nwww\tA\t192.0.2.2\n"

// Chain describes the smallest world with a chain of trust: the root,
// "test." and ChainDomain, each zone on its own server (127.0.0.10, .20 and
// .30). The DNSSEC validator's and checks' tests build one per case and
// run it through the collector.
type Chain struct {
	Root, TLD, Domain *authzone.SignSpec // how each zone is signed; nil leaves it unsigned
	// Records are ChainDomain's records besides its SOA and NS, as zone
	// text relative to it; empty means ChainRecords.
	Records string
	// TLDExtra is zone text added to test. (relative to it): a DS written
	// there replaces the one the world computes for the domain.
	TLDExtra string
}

// Build builds the chain's world with signatures relative to now.
func (c Chain) Build(now time.Time) (*engine.World, error) {
	w := engine.NewWorld(now)
	w.AddNetwork(geo.Network{Prefix: netip.MustParsePrefix("127.0.0.0/24"), ASN: 64496, Org: "LAB-CHAIN", Country: "UY"})
	records := c.Records
	if records == "" {
		records = ChainRecords
	}
	zones := []struct {
		origin, ns, addr, text string
		spec                   *authzone.SignSpec
	}{
		{".", "a.root-servers.test.", "127.0.0.10", "test.\tNS\tns1.test.\nns1.test.\tA\t127.0.0.20\n", c.Root},
		{"test.", "ns1.test.", "127.0.0.20", "example\tNS\tns1.example.test.\nns1.example\tA\t127.0.0.30\n" + c.TLDExtra, c.TLD},
		{ChainDomain, "ns1.example.test.", "127.0.0.30", "ns1\tA\t127.0.0.30\n" + records, c.Domain},
	}
	for _, z := range zones {
		text := fmt.Sprintf("$TTL 3600\n@\tSOA\t%s hostmaster.%s 2026010101 14400 3600 1209600 300\n@\tNS\t%s\n", z.ns, trimRoot(z.origin), z.ns)
		if z.origin == "." {
			text += z.ns + "\tA\t" + z.addr + "\n"
		}
		zone, err := w.AddZone(z.origin, text+z.text, z.spec)
		if err != nil {
			return nil, err
		}
		s := &engine.Server{Name: z.ns, Addrs: []netip.Addr{netip.MustParseAddr(z.addr)}, Zones: []*authzone.Zone{zone}}
		if err := w.AddServer(s); err != nil {
			return nil, err
		}
	}
	return w, w.Build()
}

// trimRoot names the root "root." in an SOA mailbox, other zones as they are.
func trimRoot(origin string) string {
	if origin == "." {
		return "root."
	}
	return origin
}
