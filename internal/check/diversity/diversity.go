// Package diversity checks that a zone's nameservers do not share one fate:
// one network prefix, one autonomous system, one address family. It also
// reports the IPv6 readiness of the zone's content.
package diversity

import (
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

func init() { check.RegisterFunc("diversity", Check) }

// Check runs the diversity checks.
func Check(in *analyze.Input) []check.Finding {
	d := in.Domain
	if d.Delegation.Status != observe.Delegated && d.Delegation.Status != observe.UserSupplied {
		return nil
	}
	var out []check.Finding
	prefixes := map[string]bool{}
	asns := map[uint32]bool{}
	asnKnown := true
	v6, v6NotProbed := false, false
	var addrs []netip.Addr
	for _, ns := range d.Nameservers {
		for _, a := range ns.Addresses {
			addrs = append(addrs, a.Addr)
			prefixes[analyze.DefaultPrefix(a.Addr)] = true
			if a.Geo == nil || a.Geo.ASN == 0 {
				asnKnown = false
			} else {
				asns[a.Geo.ASN] = true
			}
			if a.Addr.Is6() && !a.Addr.Is4In6() {
				r := in.Servers[a.Addr]
				v6 = v6 || (r != nil && r.Reachable)
				v6NotProbed = v6NotProbed || (r != nil && r.NotProbed != "")
			}
		}
	}
	if len(addrs) >= 1 && len(prefixes) == 1 {
		for p := range prefixes {
			out = append(out, nsSamePrefix.New(d.Domain, "prefix", check.Args{"prefix": p}))
		}
	}
	if len(addrs) >= 1 && asnKnown && len(asns) == 1 {
		for asn := range asns {
			out = append(out, nsSingleASN.New(d.Domain, "asn", check.Args{"asn": strconv.FormatUint(uint64(asn), 10)}))
		}
	}
	// An IPv6 address the transport policy did not query (check -4, the
	// do-not-probe list) says nothing of IPv6 reachability: no verdict.
	if len(addrs) >= 1 && !v6 && !v6NotProbed {
		out = append(out, nsNoIPv6.New(d.Domain, "none", nil))
	}
	out = append(out, content(d)...)
	return out
}

// content reports apex, www and MX targets without AAAA. A name that is an
// alias is judged by its target; when the target was not asked (an apex
// CNAME to another zone), or nothing was answered, there is no verdict and
// no finding.
func content(d *observe.Domain) []check.Finding {
	var out []check.Finding
	if a := analyze.ApexAAAA(d); a.Missing() {
		out = append(out, ipv6ApexNoAAAA.New(d.Domain, "", nil, a.Seq))
	}
	if a := analyze.WWWAAAA(d); a.Missing() {
		out = append(out, ipv6WWWNoAAAA.New("www."+d.Domain, "", nil, a.Seq))
	}
	var missing []string
	var ev []int
	for _, a := range analyze.MXAAAA(d) {
		if a.Missing() {
			missing = append(missing, a.Name)
			ev = append(ev, a.Seq)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		sort.Ints(ev)
		out = append(out, ipv6MXNoAAAA.New(strings.Join(missing, ","), "", nil, ev...))
	}
	return out
}
