package analyze

import (
	"net/netip"
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
// CNAMEs through the answers.
func LookupOf(d *observe.Domain, name string, qtype uint16, purposes ...string) Lookup {
	var qs []*observe.Query
	for _, p := range purposes {
		qs = append(qs, d.Find(p, netip.Addr{}, "")...)
	}
	name = strings.ToLower(dns.Fqdn(name))
	r := Lookup{Name: name, Target: name}
	cname := map[string]string{}
	recs := map[string][]dns.RR{}
	recSeq := map[string]int{}
	for _, q := range qs {
		if !q.Answered() {
			continue
		}
		for _, rr := range q.Msg().Answer {
			owner := strings.ToLower(dns.Fqdn(rr.Header().Name))
			if c, ok := rr.(*dns.CNAME); ok && qtype != dns.TypeCNAME {
				cname[owner] = strings.ToLower(dns.Fqdn(c.Target))
			}
			if rr.Header().Rrtype != qtype {
				continue
			}
			// One answer's RRset: a later query's copy is not added twice.
			if s, ok := recSeq[owner]; !ok || s == q.Seq {
				recs[owner] = append(recs[owner], rr)
				recSeq[owner] = q.Seq
			}
		}
	}
	r.CNAME = cname[name]
	visited := map[string]bool{name: true}
	for i := 0; i < 16; i++ {
		next, ok := cname[r.Target]
		if !ok || visited[next] {
			break
		}
		visited[next] = true
		r.Target = next
	}
	if rs := recs[r.Target]; len(rs) > 0 {
		r.RRs, r.Known, r.Seq = rs, true, recSeq[r.Target]
		return r
	}
	for _, q := range qs {
		if !q.Answered() || q.QType != dns.TypeToString[qtype] || !strings.EqualFold(dns.Fqdn(q.QName), r.Target) {
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
