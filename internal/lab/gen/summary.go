package gen

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// Summary describes a world as built, counted from the world itself (its
// zones, glue and servers), not from the plan that made it.
type Summary struct {
	Domains     int
	Zones       int
	Servers     int
	Addresses   int    // server addresses
	Providers   int    // distinct zones the domains' first NS names are in
	TopProvider string // the zone of the NS names of the most domains
	TopDomains  int    // how many domains TopProvider hosts
	Small       int    // providers hosting 1-10 domains
	NSCount     [6]int // domains by number of NS records at their apex (5: five or more)
	Signed      int    // signed, with a DS in the parent
	IPv6        int    // with at least one IPv6 nameserver address
	IDN         int    // with an A-label ("xn--")
	Lame        int    // with at least one nameserver address that is lame
	Unreachable int    // with at least one nameserver address where no server is
	Recursive   int    // with at least one nameserver address that offers recursion
	AXFROpen    int    // with at least one nameserver address open to zone transfers
	Silent      int    // with at least one nameserver address that drops every packet
	AllSilent   int    // whose every nameserver address drops every packet
	Networks    int
	ASNs        int
	Countries   int
}

// Summarize counts what the domains of w look like. It reads every zone's
// records, so it costs about a tenth of what generating the world did.
func Summarize(w *engine.World, domains []string) Summary {
	s := Summary{Domains: len(domains), Zones: len(w.Zones()), Servers: len(w.Servers())}
	for _, sv := range w.Servers() {
		s.Addresses += len(sv.Addrs)
	}
	asns, ctry := map[uint32]bool{}, map[string]bool{}
	for _, n := range w.Networks() {
		s.Networks++
		asns[n.ASN], ctry[n.Country] = true, true
	}
	s.ASNs, s.Countries = len(asns), len(ctry)

	isDomain := make(map[string]bool, len(domains))
	for _, d := range domains {
		isDomain[dns.CanonicalName(d)] = true
	}
	// Addresses of NS names, from every zone that is not a customer's.
	addrs := map[string][]netip.Addr{}
	for _, z := range w.Zones() {
		if isDomain[z.Origin] {
			continue
		}
		for _, rr := range z.Records() {
			switch rr := rr.(type) {
			case *dns.A:
				a, _ := netip.AddrFromSlice(rr.A.To4())
				addrs[rr.Hdr.Name] = appendNew(addrs[rr.Hdr.Name], a)
			case *dns.AAAA:
				a, _ := netip.AddrFromSlice(rr.AAAA)
				addrs[rr.Hdr.Name] = appendNew(addrs[rr.Hdr.Name], a)
			}
		}
	}
	byProvider := map[string]int{}
	for _, d := range domains {
		d = dns.CanonicalName(d)
		if strings.HasPrefix(d, "xn--") {
			s.IDN++
		}
		z := w.Zone(d)
		if z == nil {
			continue
		}
		if z.Signed() && len(z.DS()) > 0 {
			s.Signed++
		}
		var ns []string
		for _, rr := range z.Records() {
			if n, ok := rr.(*dns.NS); ok && n.Hdr.Name == z.Origin {
				ns = append(ns, dns.CanonicalName(n.Ns))
			}
		}
		s.NSCount[min(len(ns), len(s.NSCount)-1)]++
		if len(ns) > 0 {
			_, rest := splitFirst(ns[0])
			byProvider[rest]++
		}
		var v6 bool
		var t faultTally
		for _, n := range ns {
			for _, a := range addrs[n] {
				v6 = v6 || a.Is6()
				if sv := w.Server(a); sv != nil {
					t.add(&sv.Faults)
				} else {
					t.add(nil)
				}
			}
		}
		s.IPv6 += b2i(v6)
		t.count(&s)
	}
	s.Providers = len(byProvider)
	names := make([]string, 0, len(byProvider))
	for p := range byProvider {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		if byProvider[p] <= 10 {
			s.Small++
		}
		if byProvider[p] > s.TopDomains {
			s.TopProvider, s.TopDomains = p, byProvider[p]
		}
	}
	return s
}

func appendNew(as []netip.Addr, a netip.Addr) []netip.Addr {
	for _, x := range as {
		if x == a {
			return as
		}
	}
	return append(as, a)
}

// faultTally is which faults a domain's server addresses show; Summarize
// and Plan.Summary count a domain once per fault.
type faultTally struct {
	lame, unreachable, recursive, axfr, silent bool
	answering                                  bool // some address is not silent
}

// add notes one address's server faults; nil means no server there.
func (t *faultTally) add(f *engine.Faults) {
	if f == nil {
		t.unreachable, t.answering = true, true // "answering": not silent; it refuses
		return
	}
	t.lame = t.lame || f.Lame
	t.recursive = t.recursive || f.Recursive
	t.axfr = t.axfr || f.AXFROpen
	t.silent = t.silent || f.Silent
	t.answering = t.answering || !f.Silent
}

// count adds the domain to s's fault counts.
func (t faultTally) count(s *Summary) {
	s.Lame += b2i(t.lame)
	s.Unreachable += b2i(t.unreachable)
	s.Recursive += b2i(t.recursive)
	s.AXFROpen += b2i(t.axfr)
	s.Silent += b2i(t.silent)
	s.AllSilent += b2i(t.silent && !t.answering)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// splitFirst splits a name into its first label and the rest.
func splitFirst(name string) (string, string) {
	i, end := dns.NextLabel(name, 0)
	if end {
		return name, "."
	}
	return name[:i-1], name[i:]
}

// String is the summary in a few lines, for people.
func (s Summary) String() string {
	pct := func(n int) string {
		if s.Domains == 0 {
			return "0%"
		}
		return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(s.Domains))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d domains, %d zones, %d servers on %d addresses, %d networks in %d ASNs and %d countries\n",
		s.Domains, s.Zones, s.Servers, s.Addresses, s.Networks, s.ASNs, s.Countries)
	fmt.Fprintf(&b, "%d providers (%d hosting 1-10 domains), the biggest %s with %d domains (%s)\n",
		s.Providers, s.Small, s.TopProvider, s.TopDomains, pct(s.TopDomains))
	fmt.Fprintf(&b, "NS per domain: 2: %d, 3: %d, 4: %d, other: %d\n", s.NSCount[2], s.NSCount[3], s.NSCount[4],
		s.NSCount[0]+s.NSCount[1]+s.NSCount[5])
	fmt.Fprintf(&b, "signed %s, IPv6 %s, IDN %s, lame %s, unreachable %s, recursive %s, AXFR open %s",
		pct(s.Signed), pct(s.IPv6), pct(s.IDN), pct(s.Lame), pct(s.Unreachable), pct(s.Recursive), pct(s.AXFROpen))
	if s.Silent > 0 {
		fmt.Fprintf(&b, ", silent %s (all of their servers: %s)", pct(s.Silent), pct(s.AllSilent))
	}
	return b.String()
}

// Summary counts what Summarize would count in the world the plan
// describes, from the plan alone: for worlds too big to build.
func (p *Plan) Summary() Summary {
	servers := p.servers()
	s := Summary{Domains: len(p.Registered()), Zones: 2 + len(p.tlds) + len(p.providers) + len(p.domains), Servers: len(servers)}
	byAddr := map[netip.Addr]*server{}
	for i := range servers {
		s.Addresses += len(servers[i].addrs)
		for _, a := range servers[i].addrs {
			byAddr[a] = &servers[i]
		}
	}
	asns, ctry := map[uint32]bool{}, map[string]bool{}
	for _, n := range p.networks() {
		s.Networks++
		asns[n.ASN], ctry[n.Country] = true, true
	}
	s.ASNs, s.Countries = len(asns), len(ctry)

	// Every domain's first NS name is its provider's ns1.
	s.Providers = len(p.providers)
	for r := range p.providers {
		pr := &p.providers[r]
		n := len(pr.domains)
		if n <= 10 {
			s.Small++
		}
		if n > s.TopDomains || (n == s.TopDomains && pr.name < s.TopProvider) {
			s.TopProvider, s.TopDomains = pr.name, n
		}
	}
	for i, d := range p.domains {
		if !p.registered(i) {
			continue
		}
		in := p.info[i]
		pr := &p.providers[in.provider]
		if strings.HasPrefix(d, "xn--") {
			s.IDN++
		}
		s.Signed += b2i(in.signed)
		s.IPv6 += b2i(in.v6) // ns1 of the dual-stack provider has ::1
		k := pr.ns
		if in.v6 && k == 4 {
			k = 3
		}
		s.NSCount[min(k+b2i(in.v6), len(s.NSCount)-1)]++
		var t faultTally
		for _, a := range pr.addrs[:k] {
			if sv := byAddr[a]; sv != nil {
				t.add(&sv.faults)
			} else {
				t.add(nil)
			}
		}
		if in.v6 {
			t.add(&engine.Faults{}) // the dual-stack provider's server
		}
		t.count(&s)
	}
	return s
}
