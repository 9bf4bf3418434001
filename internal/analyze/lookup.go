package analyze

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Lookup is what a name lookup's queries show of one name and type.
type Lookup struct {
	Name   string   // the name asked about, lower case
	CNAME  string   // the name's own alias target, "" when it is no alias
	Target string   // the end of its CNAME chain (Name when none)
	RRs    []dns.RR // the records of the type owned by Target
	// Known is true when an answer settles it: records, or an
	// authoritative NOERROR or NXDOMAIN answer for Target.
	Known    bool
	NXDomain bool // the answer for Target was NXDOMAIN
	Seq      int  // the query that shows it (0 when none)
}

// Addrs returns the addresses of the A and AAAA records among rrs, once
// each, in order.
func Addrs(rrs ...[]dns.RR) []netip.Addr {
	var out []netip.Addr
	seen := map[netip.Addr]bool{}
	for _, set := range rrs {
		for _, rr := range set {
			var a netip.Addr
			switch x := rr.(type) {
			case *dns.A:
				a, _ = netip.AddrFromSlice(x.A.To4())
			case *dns.AAAA:
				a, _ = netip.AddrFromSlice(x.AAAA.To16())
			}
			if a.IsValid() && !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// LookupOf reads the lookup of name/qtype from d's queries of the given
// purposes (a resolver's walk, so referrals are passed over), following
// CNAMEs through the answers. It allocates little: the checks call it for
// every NS name of every domain of a scan.
func LookupOf(d *observe.Domain, name string, qtype uint16, purposes ...string) Lookup {
	name = strings.ToLower(dns.Fqdn(name))
	r := Lookup{Name: name, Target: name}
	use := func(q *observe.Query) bool {
		for _, p := range purposes {
			if q.Purpose == p {
				return q.Answered()
			}
		}
		return false
	}
	// cnameOf is owner's alias target in the first answer that has one.
	cnameOf := func(owner string) string {
		if qtype == dns.TypeCNAME {
			return ""
		}
		for _, q := range d.Queries {
			if !use(q) {
				continue
			}
			for _, rr := range q.Msg().Answer {
				if c, ok := rr.(*dns.CNAME); ok && strings.EqualFold(c.Hdr.Name, owner) {
					return strings.ToLower(dns.Fqdn(c.Target))
				}
			}
		}
		return ""
	}
	r.CNAME = cnameOf(name)
	visited := []string{name}
	for next := r.CNAME; next != "" && len(visited) <= 16 && !slices.Contains(visited, next); next = cnameOf(next) {
		visited = append(visited, next)
		r.Target = next
	}
	// The first answer with the target's records: one answer's RRset.
	for _, q := range d.Queries {
		if !use(q) {
			continue
		}
		for _, rr := range q.Msg().Answer {
			if rr.Header().Rrtype == qtype && strings.EqualFold(rr.Header().Name, r.Target) {
				r.RRs = append(r.RRs, rr)
			}
		}
		if len(r.RRs) > 0 {
			r.Known, r.Seq = true, q.Seq
			return r
		}
	}
	for _, q := range d.Queries {
		if !use(q) || q.QType != dns.TypeToString[qtype] || !strings.EqualFold(dns.Fqdn(q.QName), r.Target) {
			continue
		}
		m := q.Msg()
		if m.Truncated || !m.Authoritative || m.Rcode != dns.RcodeSuccess && m.Rcode != dns.RcodeNameError {
			continue
		}
		r.Known, r.NXDomain, r.Seq = true, m.Rcode == dns.RcodeNameError, q.Seq
	}
	return r
}

// SOAMNAME returns the MNAME of the zone's SOA, lower case, and the query
// that shows it: the first authoritative answer to an SOA probe of the
// domain. It is "" when no server answered one.
func SOAMNAME(d *observe.Domain) (string, int) {
	for _, q := range d.Find(observe.PurposeSOAUDP, netip.Addr{}, d.Domain) {
		if !q.Answered() {
			continue
		}
		m := q.Msg()
		if !m.Authoritative || m.Rcode != dns.RcodeSuccess {
			continue
		}
		for _, rr := range m.Answer {
			if soa, ok := rr.(*dns.SOA); ok && strings.EqualFold(dns.Fqdn(soa.Hdr.Name), d.Domain) {
				return strings.ToLower(dns.Fqdn(soa.Ns)), q.Seq
			}
		}
	}
	return "", 0
}
