// Package diversity checks that a zone's nameservers do not share one fate:
// one network prefix, one autonomous system, one address family. It also
// reports the IPv6 readiness of the zone's content.
package diversity

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/miekg/dns"

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
	v6 := false
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
				if r := in.Servers[a.Addr]; r != nil && r.Reachable {
					v6 = true
				}
			}
		}
	}
	if len(addrs) >= 1 && len(prefixes) == 1 {
		for p := range prefixes {
			out = append(out, nsSamePrefix.New(d.Domain, "all nameserver addresses in "+p))
		}
	}
	if len(addrs) >= 1 && asnKnown && len(asns) == 1 {
		for asn := range asns {
			out = append(out, nsSingleASN.New(d.Domain, fmt.Sprintf("all nameserver addresses in AS%d", asn)))
		}
	}
	if len(addrs) >= 1 && !v6 {
		out = append(out, nsNoIPv6.New(d.Domain, "no nameserver answers over IPv6"))
	}
	out = append(out, content(d)...)
	return out
}

// content reports apex, www and MX targets without AAAA.
func content(d *observe.Domain) []check.Finding {
	var out []check.Finding
	has := func(q *observe.Query) bool {
		if !q.Answered() {
			return false
		}
		for _, rr := range q.Msg().Answer {
			if rr.Header().Rrtype == dns.TypeAAAA {
				return true
			}
		}
		return false
	}
	if qs := d.Find(observe.PurposeApexAAAA, netip.Addr{}, ""); len(qs) > 0 && qs[0].Answered() && !has(qs[len(qs)-1]) {
		out = append(out, ipv6ApexNoAAAA.New(d.Domain, "", qs[len(qs)-1].Seq))
	}
	if qs := d.Find(observe.PurposeWWWAAAA, netip.Addr{}, ""); len(qs) > 0 {
		last := qs[len(qs)-1]
		if last.Answered() && !has(last) && last.Rcode() == dns.RcodeSuccess {
			out = append(out, ipv6WWWNoAAAA.New("www."+d.Domain, "", last.Seq))
		}
	}
	// MX targets: the last answer for each target name.
	last := map[string]*observe.Query{}
	for _, q := range d.Find(observe.PurposeMXAAAA, netip.Addr{}, "") {
		if q.Answered() {
			last[strings.ToLower(q.QName)] = q
		}
	}
	var missing []string
	var ev []int
	for name, q := range last {
		if !has(q) {
			missing = append(missing, name)
			ev = append(ev, q.Seq)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		sort.Ints(ev)
		out = append(out, ipv6MXNoAAAA.New(strings.Join(missing, ","), "", ev...))
	}
	return out
}
