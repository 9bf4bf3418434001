// Package collect gathers everything the observatory measures about one
// domain into an observe.Domain: the parent's delegation, the nameservers
// and their addresses, the probes of every address, the DNSSEC material
// of every zone on the path from the root, and the IPv6 readiness lookups.
// It does the network I/O; analysis happens elsewhere, on what it records.
package collect

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/netip"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/probe"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// Geo looks up what is known of an address; geo.DB implements it.
type Geo interface {
	Lookup(netip.Addr) observe.Geo
}

// Server is a nameserver given by the user for an undelegated test.
type Server struct {
	Name  string
	Addrs []netip.Addr
}

// Collector gathers observations of domains. It is safe for concurrent use.
type Collector struct {
	Resolver *resolver.Resolver
	Geo      Geo // may be nil
	// Parallel bounds the server addresses probed at once for one domain [8].
	Parallel int
	Now      func() time.Time
	// Shared, when set, makes a scan: server-level probes, the keys of the
	// zones above the domain and nameserver addresses are measured once per
	// run and reused; the child's NS set is asked of one address; the
	// DNSSEC material of the apex is asked only of signed zones.
	Shared *Shared
}

func (c *Collector) client() *transport.Client { return c.Resolver.Client() }

// Domain collects the observations of domain. undelegated, when not empty,
// replaces the parent's NS set (testing a zone before its delegation
// exists). It never fails: what went wrong is in the result's Error and
// in its queries.
func (c *Collector) Domain(ctx context.Context, domain string, undelegated []Server) *observe.Domain {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	domain = resolver.Canonical(domain)
	log := &observe.Log{}
	d := &observe.Domain{Domain: domain, CollectedAt: now().UTC(), Lab: c.client().Policy().Lab}
	defer func() { d.Queries = log.Queries() }()

	deleg, path, err := c.Resolver.Walk(ctx, log, domain)
	if len(undelegated) > 0 {
		d.Undelegated = true
		deleg.Status = observe.UserSupplied
		deleg.NS, deleg.Glue = nil, map[string][]netip.Addr{}
		for _, s := range undelegated {
			n := resolver.Canonical(s.Name)
			deleg.NS = append(deleg.NS, n)
			deleg.Glue[n] = s.Addrs
		}
		err = nil
	}
	d.Delegation = deleg
	if err != nil {
		d.Error = err.Error()
	}
	switch deleg.Status {
	case observe.Delegated, observe.UserSupplied:
	case observe.NotDelegated:
		d.Error = "the parent zone " + deleg.Parent + " says " + domain + " does not exist (NXDOMAIN)"
		return d
	case observe.NoDelegation:
		d.Error = domain + " is not delegated: the parent zone " + deleg.Parent + " has no NS records for it"
		return d
	default:
		if d.Error == "" {
			d.Error = "no server of the parent zone " + deleg.Parent + " answered"
		}
		return d
	}

	// Nameservers named by the parent, then any more the child names.
	nss := map[string]*observe.Nameserver{}
	for _, n := range deleg.NS {
		ns := &observe.Nameserver{Name: n, InParent: true}
		for _, a := range deleg.Glue[n] {
			ns.Addresses = append(ns.Addresses, observe.Address{Addr: a, FromGlue: true})
		}
		nss[n] = ns
		d.Nameservers = append(d.Nameservers, ns)
	}
	probed := map[netip.Addr]bool{}
	c.resolveAll(ctx, log, d.Nameservers, d.Undelegated)
	c.probeAll(ctx, log, d, probed)

	partial := &observe.Domain{Domain: domain, Queries: log.Queries()}
	if c.Shared != nil {
		// A scan asks one authoritative address for the zone's NS set.
		for _, a := range d.Addresses() {
			if authoritative(partial.Queries, a, domain) {
				probe.Run(ctx, c.client(), log, a, domain, probe.ZoneNS)
				break
			}
		}
		partial.Queries = log.Queries()
	}
	var extra []*observe.Nameserver
	for _, a := range sortedAddrs(probed) {
		for _, n := range childNS(partial.Queries, a, domain) {
			if ns, ok := nss[n]; ok {
				ns.InChild = true
				continue
			}
			ns := &observe.Nameserver{Name: n, InChild: true}
			nss[n] = ns
			extra = append(extra, ns)
			d.Nameservers = append(d.Nameservers, ns)
		}
	}
	if len(extra) > 0 {
		c.resolveAll(ctx, log, extra, false)
		c.probeAll(ctx, log, d, probed)
	}
	if c.Geo != nil {
		for _, ns := range d.Nameservers {
			for i := range ns.Addresses {
				g := c.Geo.Lookup(ns.Addresses[i].Addr)
				ns.Addresses[i].Geo = &g
			}
		}
	}

	// One server to ask the domain-level questions: the first authoritative.
	partial.Queries = log.Queries()
	var auth netip.Addr
	for _, a := range d.Addresses() {
		if authoritative(partial.Queries, a, domain) {
			auth = a
			break
		}
	}
	// The names around the zone (the PTRs of its addresses, its MNAME)
	// are asked while the chain and the apex are.
	var around sync.WaitGroup
	around.Add(1)
	go func() {
		defer around.Done()
		c.reverse(ctx, log, d)
		c.mname(ctx, log, d)
	}()
	d.Chain = c.chain(ctx, log, path, deleg, domain, auth)
	if auth.IsValid() {
		c.apex(ctx, log, d, auth)
	}
	around.Wait()
	return d
}

// reverse looks up the PTR of every nameserver address: once per run in a
// scan, as the name lookups are.
func (c *Collector) reverse(ctx context.Context, log *observe.Log, d *observe.Domain) {
	var wg sync.WaitGroup
	for _, a := range d.Addresses() {
		name, err := dns.ReverseAddr(a.Unmap().String())
		if err != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = c.lookup(ctx, log, observe.PurposeNSPTR, name, dns.TypePTR)
		}()
	}
	wg.Wait()
}

// mname makes sure the SOA MNAME's authority can be judged: when MNAME is
// one of the NS names, or resolves to one of their addresses, the probes
// of those addresses already say it; otherwise its addresses are looked
// up (once per run in a scan) and the first is asked for the zone's SOA.
func (c *Collector) mname(ctx context.Context, log *observe.Log, d *observe.Domain) {
	mname := soaMNAME(log.Queries(), d.Domain)
	if mname == "" {
		return
	}
	for _, ns := range d.Nameservers {
		if strings.EqualFold(ns.Name, mname) {
			return
		}
	}
	var addrs []netip.Addr
	for _, t := range []uint16{dns.TypeA, dns.TypeAAAA} {
		ans, _ := c.lookup(ctx, log, observe.PurposeMNAMEAddr, mname, t)
		addrs = append(addrs, ans.Addrs()...)
	}
	known := map[netip.Addr]bool{}
	for _, a := range d.Addresses() {
		known[a] = true
	}
	for _, a := range addrs {
		if known[a] {
			return
		}
	}
	if len(addrs) > 0 {
		c.client().Do(ctx, log, transport.Request{
			Purpose: observe.PurposeMNAMESOA, Zone: d.Domain, Server: addrs[0], QName: d.Domain, QType: dns.TypeSOA,
			EDNS: &observe.EDNS{UDPSize: probe.BufferSize},
		})
	}
}

func sortedAddrs(m map[netip.Addr]bool) []netip.Addr {
	out := make([]netip.Addr, 0, len(m))
	for a := range m {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Less(out[j]) })
	return out
}

// resolveAll finds the addresses of each nameserver name, noting aliases.
func (c *Collector) resolveAll(ctx context.Context, log *observe.Log, nss []*observe.Nameserver, userGiven bool) {
	var wg sync.WaitGroup
	for _, ns := range nss {
		if userGiven && len(ns.Addresses) > 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var errs []string
			var found []observe.Address
			for _, t := range []uint16{dns.TypeA, dns.TypeAAAA} {
				ans, err := c.lookup(ctx, log, observe.PurposeNSAddr, ns.Name, t)
				if err != nil {
					errs = append(errs, err.Error())
					continue
				}
				if len(ans.Chain) > 0 {
					ns.CNAME = ans.Chain[0]
				}
				for _, a := range ans.Addrs() {
					found = append(found, observe.Address{Addr: a})
				}
			}
			for _, f := range found {
				if !hasAddr(ns.Addresses, f.Addr) {
					ns.Addresses = append(ns.Addresses, f)
				}
			}
			if len(ns.Addresses) == 0 && len(errs) > 0 {
				ns.ResolveError = strings.Join(errs, "; ")
			}
		}()
	}
	wg.Wait()
}

func hasAddr(as []observe.Address, a netip.Addr) bool {
	for _, x := range as {
		if x.Addr == a {
			return true
		}
	}
	return false
}

// lookup resolves name/qtype, once per run in a scan.
func (c *Collector) lookup(ctx context.Context, log *observe.Log, purpose, name string, qtype uint16) (resolver.Answer, error) {
	if c.Shared == nil {
		return c.Resolver.Lookup(ctx, log, purpose, name, qtype)
	}
	type result struct {
		ans resolver.Answer
		err error
	}
	key := "lookup:" + purpose + ":" + resolver.Canonical(name) + "/" + dns.TypeToString[qtype]
	// A lookup held up past one attempt's timeout waits on servers that
	// stopped answering: by then they are put last or rest, and the
	// domain's own lookup goes straight to those that answer.
	v, seqs := c.Shared.use(log, key, func(l *observe.Log) any {
		a, err := c.Resolver.Lookup(ctx, l, purpose, name, qtype)
		return result{a, err}
	}, func(waited time.Duration) bool { return waited > c.client().Timeout() })
	r := v.(result)
	r.ans.Seq = seqs[r.ans.Seq]
	return r.ans, r.err
}

// probeAll probes every address of d not yet in probed.
func (c *Collector) probeAll(ctx context.Context, log *observe.Log, d *observe.Domain, probed map[netip.Addr]bool) {
	par := c.Parallel
	if par <= 0 {
		par = 8
	}
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	for _, a := range d.Addresses() {
		if probed[a] {
			continue
		}
		probed[a] = true
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if c.Shared == nil {
				probe.Run(ctx, c.client(), log, a, d.Domain, probe.All)
				return
			}
			probe.Run(ctx, c.client(), log, a, d.Domain, probe.ZoneCore)
			if udpSilent(log.Queries(), a, d.Domain) {
				// Whether it answers from another address: once per address.
				c.Shared.use(log, "source:"+a.String(), func(l *observe.Log) any {
					probe.Run(ctx, c.client(), l, a, d.Domain, probe.Source)
					return nil
				}, nil)
			}
			// Another domain measuring a silent server is not waited for
			// once it rests: this domain's probes of it are not sent.
			c.Shared.use(log, "probe:"+a.String(), func(l *observe.Log) any {
				probe.Run(ctx, c.client(), l, a, d.Domain, probe.ZoneExtra|probe.ServerLevel)
				return nil
			}, func(time.Duration) bool { return c.client().Resting(a) })
		}()
	}
	wg.Wait()
}

// chain fetches the DNSKEY set of every zone from the root down to domain
// and the DS set of every cut below the root.
func (c *Collector) chain(ctx context.Context, log *observe.Log, path []resolver.Cut, deleg observe.Delegation, domain string, auth netip.Addr) []observe.ZoneCut {
	cl := c.client()
	ask := func(log *observe.Log, purpose, zone string, servers []netip.Addr, name string, qtype uint16) int {
		var last *observe.Query
		for i, s := range servers {
			if i >= 3 {
				break
			}
			last = cl.DoWithFallback(ctx, log, transport.Request{
				Purpose: purpose, Zone: zone, Server: s, QName: name, QType: qtype,
				EDNS: &observe.EDNS{UDPSize: probe.BufferSize, DO: true},
			})
			if last.Answered() && (last.Rcode() == dns.RcodeSuccess || last.Rcode() == dns.RcodeNameError) {
				break
			}
		}
		if last == nil {
			return 0
		}
		return last.Seq
	}
	var out []observe.ZoneCut
	var parentServers []netip.Addr
	for _, p := range path {
		if p.Zone == domain {
			// The root checked: it is the last cut, validated against the
			// trust anchor, never a child of itself with a DS at itself.
			continue
		}
		cut := func(l *observe.Log) observe.ZoneCut {
			zc := observe.ZoneCut{Zone: p.Zone, Servers: p.Servers}
			if p.Zone != "." {
				zc.DSSeq = ask(l, observe.PurposeDS, p.Zone, parentServers, p.Zone, dns.TypeDS)
			}
			zc.DNSKEYSeq = ask(l, observe.PurposeDNSKEY, p.Zone, p.Servers, p.Zone, dns.TypeDNSKEY)
			return zc
		}
		var zc observe.ZoneCut
		if c.Shared == nil {
			zc = cut(log)
		} else {
			v, seqs := c.Shared.use(log, "cut:"+p.Zone, func(l *observe.Log) any { return cut(l) }, nil)
			zc = v.(observe.ZoneCut)
			zc.DSSeq, zc.DNSKEYSeq = seqs[zc.DSSeq], seqs[zc.DNSKEYSeq]
		}
		out = append(out, zc)
		parentServers = p.Servers
	}
	zc := observe.ZoneCut{Zone: domain}
	if auth.IsValid() {
		zc.Servers = []netip.Addr{auth}
	}
	switch {
	case domain == ".":
		// The root has no parent and no DS: the trust anchor stands for it.
	case dsInReferral(log.Query(deleg.ReferralSeq), domain):
		zc.DSSeq = deleg.ReferralSeq
	case len(deleg.ParentServers) > 0:
		zc.DSSeq = ask(log, observe.PurposeDS, domain, deleg.ParentServers, domain, dns.TypeDS)
	}
	if auth.IsValid() {
		zc.DNSKEYSeq = ask(log, observe.PurposeDNSKEY, domain, []netip.Addr{auth}, domain, dns.TypeDNSKEY)
	}
	return append(out, zc)
}

// apex asks auth for the domain's apex RRsets with DO, a random name for
// the denial proof, and the IPv6 readiness lookups. A scan asks for the
// DNSSEC material only when the zone has a DNSKEY or a DS.
func (c *Collector) apex(ctx context.Context, log *observe.Log, d *observe.Domain, auth netip.Addr) {
	domain := d.Domain
	cl := c.client()
	do := func(purpose, name string, qtype uint16) *observe.Query {
		return cl.DoWithFallback(ctx, log, transport.Request{
			Purpose: purpose, Zone: domain, Server: auth, QName: name, QType: qtype,
			EDNS: &observe.EDNS{UDPSize: probe.BufferSize, DO: true},
		})
	}
	// The apex A is asked for its signatures; an apex CNAME shows in the
	// AAAA answer too, so a scan asks it only of signed zones.
	sig := c.Shared == nil || signed(log, d.Chain)
	if sig {
		do(observe.PurposeApexA, domain, dns.TypeA)
	}
	do(observe.PurposeApexAAAA, domain, dns.TypeAAAA)
	do(observe.PurposeApexTXT, domain, dns.TypeTXT)
	if sig {
		do(observe.PurposeSigSOA, domain, dns.TypeSOA)
		do(observe.PurposeSigNS, domain, dns.TypeNS)
		do(observe.PurposeNX, randomLabel()+"."+domain, dns.TypeA)
		do(observe.PurposeCDS, domain, dns.TypeCDS)
		do(observe.PurposeCDNSKEY, domain, dns.TypeCDNSKEY)
		do(observe.PurposeNSEC3PARAM, domain, dns.TypeNSEC3PARAM)
	}

	_, _ = c.Resolver.Lookup(ctx, log, observe.PurposeWWWAAAA, "www."+domain, dns.TypeAAAA)
	mx := do(observe.PurposeMX, domain, dns.TypeMX)
	if m := mx.Msg(); mx.Answered() {
		n := 0
		for _, rr := range m.Answer {
			if x, ok := rr.(*dns.MX); ok && x.Mx != "." && n < 5 {
				n++
				_, _ = c.lookup(ctx, log, observe.PurposeMXAAAA, x.Mx, dns.TypeAAAA)
			}
		}
	}
}

// dsInReferral reports whether q, the parent's referral to domain asked
// with DO, carries the DNSSEC part of the delegation (RFC 4035 §3.1.4):
// the signed DS RRset, or NSEC or NSEC3 records, the parent's proof that
// there is no DS. The validator then reads the DS from it
// (observe.Query.DSSection) and no DS query is needed. A referral without them
// (an unsigned parent, a server not speaking DNSSEC) or an authoritative
// answer (the parent's server also serves the child) is not enough.
func dsInReferral(q *observe.Query, domain string) bool {
	if q == nil || q.Purpose != observe.PurposeReferral || q.EDNS == nil || !q.EDNS.DO || !q.Answered() {
		return false
	}
	m := q.Msg()
	if m.Rcode != dns.RcodeSuccess || m.Authoritative || len(m.Answer) > 0 {
		return false
	}
	var ns, ds, sigDS, denial bool
	for _, rr := range m.Ns {
		owned := strings.EqualFold(dns.Fqdn(rr.Header().Name), domain)
		switch x := rr.(type) {
		case *dns.NS:
			ns = ns || owned
		case *dns.DS:
			ds = ds || owned
		case *dns.RRSIG:
			sigDS = sigDS || (owned && x.TypeCovered == dns.TypeDS)
		case *dns.NSEC, *dns.NSEC3:
			denial = true
		}
	}
	return ns && ((ds && sigDS) || (!ds && denial))
}

// signed reports whether the domain's cut (the last) shows a DNSKEY or a
// DS record.
func signed(log *observe.Log, chain []observe.ZoneCut) bool {
	if len(chain) == 0 {
		return false
	}
	last := chain[len(chain)-1]
	for _, seq := range []int{last.DSSeq, last.DNSKEYSeq} {
		q := log.Query(seq)
		if q == nil || !q.Answered() {
			continue
		}
		for _, rr := range q.DSSection() {
			switch rr.Header().Rrtype {
			case dns.TypeDS, dns.TypeDNSKEY:
				if strings.EqualFold(dns.Fqdn(rr.Header().Name), last.Zone) {
					return true
				}
			}
		}
	}
	return false
}

func randomLabel() string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return "dnsobs-" + hex.EncodeToString(b)
}
