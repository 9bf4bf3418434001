package collect

import (
	"net/netip"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Collection's own reading of responses: just enough to decide what to ask
// next (which server to ask the domain-level questions, which NS names the
// zone adds). The verdicts on what the responses show are internal/analyze's,
// which collection does not import.

// authoritative reports whether server answered one of its SOA probes
// for zone authoritatively, with the zone's SOA.
func authoritative(qs []*observe.Query, server netip.Addr, zone string) bool {
	for _, q := range qs {
		if q.Server != server || !strings.EqualFold(q.Zone, zone) {
			continue
		}
		switch q.Purpose {
		case observe.PurposeSOAUDP, observe.PurposeSOATCP, observe.PurposeEDNSPlain:
		default:
			continue
		}
		if !q.Answered() {
			continue
		}
		m := q.Msg()
		if m.Rcode != dns.RcodeSuccess || !m.Authoritative {
			continue
		}
		for _, rr := range m.Answer {
			if s, ok := rr.(*dns.SOA); ok && strings.EqualFold(s.Hdr.Name, zone) {
				return true
			}
		}
	}
	return false
}

// childNS returns the NS names of zone in server's authoritative answers
// to the NS probe, lowercased, without repeats.
func childNS(qs []*observe.Query, server netip.Addr, zone string) []string {
	var out []string
	seen := map[string]bool{}
	for _, q := range qs {
		if q.Server != server || q.Purpose != observe.PurposeNS || !strings.EqualFold(q.Zone, zone) || !q.Answered() {
			continue
		}
		m := q.Msg()
		if !m.Authoritative {
			continue
		}
		for _, rr := range m.Answer {
			if ns, ok := rr.(*dns.NS); ok && strings.EqualFold(ns.Hdr.Name, zone) {
				n := strings.ToLower(ns.Ns)
				if !seen[n] {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// udpSilent reports whether the SOA over UDP of zone asked of server timed
// out: the source probe then says whether the server answers from another
// address.
func udpSilent(qs []*observe.Query, server netip.Addr, zone string) bool {
	for _, q := range qs {
		if q.Purpose == observe.PurposeSOAUDP && q.Server == server && q.Zone == zone {
			return q.Status == observe.StatusTimeout
		}
	}
	return false
}

// soaMNAME returns the MNAME of the zone's SOA as the first authoritative
// answer to an SOA probe gives it, lower case, or "".
func soaMNAME(qs []*observe.Query, zone string) string {
	for _, q := range qs {
		if q.Purpose != observe.PurposeSOAUDP || q.Zone != zone || !q.Answered() {
			continue
		}
		m := q.Msg()
		if !m.Authoritative || m.Rcode != dns.RcodeSuccess {
			continue
		}
		for _, rr := range m.Answer {
			if soa, ok := rr.(*dns.SOA); ok && strings.EqualFold(dns.Fqdn(soa.Hdr.Name), zone) {
				return strings.ToLower(dns.Fqdn(soa.Ns))
			}
		}
	}
	return ""
}
