package check

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// ServerSubject names a server address the way findings about one address
// do: the NS names that lead to it, then the address
// ("ns1.example.org.,ns2.example.org. 192.0.2.1"), or the address alone.
func ServerSubject(d *observe.Domain, a netip.Addr) string {
	var names []string
	for _, ns := range d.Nameservers {
		for _, x := range ns.Addresses {
			if x.Addr == a {
				names = append(names, ns.Name)
			}
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return a.String()
	}
	return strings.Join(names, ",") + " " + a.String()
}
