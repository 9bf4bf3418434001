package analyze

import (
	"net/netip"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// IPv6 is the domain's IPv6 readiness.
type IPv6 struct {
	NSTotal          int  `json:"ns_total"`
	NSWithAAAA       int  `json:"ns_with_aaaa"`
	AddrsV6          int  `json:"addresses_v6"`
	AddrsV6Answering int  `json:"addresses_v6_answering"`
	ApexAAAA         bool `json:"apex_aaaa"`
	WWWAAAA          bool `json:"www_aaaa"`
	MXTotal          int  `json:"mx_total"`
	MXWithAAAA       int  `json:"mx_with_aaaa"`
	Ready            bool `json:"ready"` // a nameserver answers over IPv6 and the apex or www has AAAA
}

// IsIPv6 reports whether a is an IPv6 address (not an IPv4-mapped one).
func IsIPv6(a netip.Addr) bool { return a.Is6() && !a.Is4In6() }

// IPv6Readiness reads the domain's IPv6 readiness from its observations
// and the analysed server results.
func IPv6Readiness(in *Input) IPv6 {
	d := in.Domain
	var r IPv6
	r.NSTotal = len(d.Nameservers)
	for _, ns := range d.Nameservers {
		for _, a := range ns.Addresses {
			if IsIPv6(a.Addr) {
				r.NSWithAAAA++
				break
			}
		}
	}
	for _, a := range d.Addresses() {
		if IsIPv6(a) {
			r.AddrsV6++
			if s := in.Servers[a]; s != nil && s.Reachable {
				r.AddrsV6Answering++
			}
		}
	}
	r.ApexAAAA = ApexAAAA(d).Has
	r.WWWAAAA = WWWAAAA(d).Has
	for _, mx := range MXAAAA(d) {
		r.MXTotal++
		if mx.Has {
			r.MXWithAAAA++
		}
	}
	r.Ready = r.AddrsV6Answering > 0 && (r.ApexAAAA || r.WWWAAAA)
	return r
}

// AAAA is what the observations show of one name's IPv6 addresses.
type AAAA struct {
	Name string // the name asked about
	// Target is the name at the end of the name's CNAME chain (Name when
	// it is not an alias).
	Target string
	Has    bool // an AAAA record of Target was seen
	// Known is true when Has is a verdict: an AAAA was seen, or a
	// NOERROR answer for Target showed it has none. It is false when
	// nothing was answered, or when the chain ends at an alias whose target
	// was not asked.
	Known bool
	Seq   int // the query that shows it (0 when none)
}

// Missing reports whether the name is known to have no AAAA.
func (a AAAA) Missing() bool { return a.Known && !a.Has }

// ApexAAAA reads the apex's AAAA lookup, following a CNAME at the apex.
func ApexAAAA(d *observe.Domain) AAAA {
	return aaaaOf(d.Find(observe.PurposeApexAAAA, netip.Addr{}, ""), d.Domain)
}

// WWWAAAA reads www's AAAA lookup, following its CNAME chain.
func WWWAAAA(d *observe.Domain) AAAA {
	return aaaaOf(d.Find(observe.PurposeWWWAAAA, netip.Addr{}, ""), "www."+d.Domain)
}

// MXAAAA reads the AAAA lookups of the MX targets the domain's MX answer
// names (the first five, as collection asks them), in answer order.
func MXAAAA(d *observe.Domain) []AAAA {
	var targets []string
	seen := map[string]bool{}
	for _, q := range d.Find(observe.PurposeMX, netip.Addr{}, "") {
		if !q.Answered() {
			continue
		}
		targets, seen = targets[:0], map[string]bool{}
		for _, rr := range q.Msg().Answer {
			if x, ok := rr.(*dns.MX); ok && x.Mx != "." && len(targets) < 5 && !seen[strings.ToLower(x.Mx)] {
				seen[strings.ToLower(x.Mx)] = true
				targets = append(targets, strings.ToLower(x.Mx))
			}
		}
	}
	qs := d.Find(observe.PurposeMXAAAA, netip.Addr{}, "")
	out := make([]AAAA, 0, len(targets))
	for _, t := range targets {
		out = append(out, aaaaOf(qs, t))
	}
	return out
}

// aaaaOf follows name's CNAME chain through the answers of qs and says
// whether its target has an AAAA record.
func aaaaOf(qs []*observe.Query, name string) AAAA {
	name = strings.ToLower(dns.Fqdn(name))
	r := AAAA{Name: name, Target: name}
	cname := map[string]string{}
	cnameSeq := map[string]int{}
	aaaa := map[string]int{}
	for _, q := range qs {
		if !q.Answered() {
			continue
		}
		for _, rr := range q.Msg().Answer {
			owner := strings.ToLower(dns.Fqdn(rr.Header().Name))
			switch x := rr.(type) {
			case *dns.CNAME:
				cname[owner] = strings.ToLower(dns.Fqdn(x.Target))
				cnameSeq[owner] = q.Seq
			case *dns.AAAA:
				aaaa[owner] = q.Seq
			}
		}
	}
	visited := map[string]bool{name: true}
	for i := 0; i < 16; i++ {
		next, ok := cname[r.Target]
		if !ok {
			break
		}
		if visited[next] {
			// A loop, every link of it answered: the name leads to no
			// address at all, so it has no AAAA.
			r.Known, r.Seq = true, cnameSeq[r.Target]
			return r
		}
		visited[next] = true
		r.Target = next
	}
	if seq, ok := aaaa[r.Target]; ok {
		r.Has, r.Known, r.Seq = true, true, seq
		return r
	}
	if _, alias := cname[r.Target]; alias {
		return r // a chain too long to follow: no verdict
	}
	// A NOERROR answer to the target's own AAAA question, without an alias
	// for it: the target has no AAAA. The last such answer counts.
	for _, q := range qs {
		if !q.Answered() || q.Rcode() != dns.RcodeSuccess || q.QType != "AAAA" ||
			!strings.EqualFold(dns.Fqdn(q.QName), r.Target) || !q.Msg().Response {
			continue
		}
		if m := q.Msg(); m.Truncated || !m.Authoritative && len(m.Answer) == 0 && hasNS(m) {
			continue // truncated, or a referral on the way: not an answer
		}
		r.Known, r.Seq = true, q.Seq
	}
	return r
}

// hasNS reports whether m's authority section holds NS records (a
// referral).
func hasNS(m *dns.Msg) bool {
	for _, rr := range m.Ns {
		if rr.Header().Rrtype == dns.TypeNS {
			return true
		}
	}
	return false
}

// Spread counts where a domain's nameservers are: the report's summary.
type Spread struct {
	Nameservers int
	Addresses   int
	ASNs        int
	Prefixes    int
	Countries   int
}

// AddressPrefix is the network prefix of a: the one the geolocation
// database gives, or else the /24 (IPv4) or /48 (IPv6) covering it.
func AddressPrefix(a observe.Address) string {
	if a.Geo != nil && a.Geo.Prefix != "" {
		return a.Geo.Prefix
	}
	return DefaultPrefix(a.Addr)
}

// DefaultPrefix is the /24 (IPv4) or /48 (IPv6) covering a.
func DefaultPrefix(a netip.Addr) string {
	a = a.Unmap()
	bits := 48
	if a.Is4() {
		bits = 24
	}
	p, _ := a.Prefix(bits)
	return p.String()
}

// SpreadOf counts d's nameservers, addresses, and the distinct ASNs,
// prefixes and countries of its nameserver addresses.
func SpreadOf(d *observe.Domain) Spread {
	asns, prefixes, countries := map[uint32]bool{}, map[string]bool{}, map[string]bool{}
	for _, ns := range d.Nameservers {
		for _, a := range ns.Addresses {
			if a.Geo != nil && a.Geo.ASN != 0 {
				asns[a.Geo.ASN] = true
			}
			if a.Geo != nil && a.Geo.Country != "" {
				countries[a.Geo.Country] = true
			}
			prefixes[AddressPrefix(a)] = true
		}
	}
	return Spread{Nameservers: len(d.Nameservers), Addresses: len(d.Addresses()), ASNs: len(asns),
		Prefixes: len(prefixes), Countries: len(countries)}
}
