// Package resolver walks the DNS from the root hints, as a resolver would,
// but records every step: the parent's referral for a domain, the zone cuts
// on the way, and the answers to lookups. It never asks a recursive
// resolver. Delegations learnt are cached and shared by all walks.
package resolver

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// Limits on every walk, so a hostile or broken delegation cannot make a
// walk endless.
const (
	MaxReferrals   = 24 // zone cuts followed in one walk
	MaxCNAMEs      = 8  // aliases followed in one lookup
	MaxGlueless    = 3  // nested lookups of NS addresses without glue
	MaxServerTries = 6  // servers tried at one zone cut before giving up
)

// Errors of a walk. Outcomes of the DNS itself (NXDOMAIN, lame servers)
// are data in the results; these say the walk could not finish.
var (
	ErrNoServers = errors.New("no server of the zone gave a usable answer")
	ErrLoop      = errors.New("delegation loop or too many referrals")
	ErrCNAMELoop = errors.New("CNAME chain too long or looping")
	ErrTooDeep   = errors.New("too many nested lookups of nameserver addresses")
)

// CacheSize bounds the delegation cache: the zones most recently used stay
// (TLDs and busy parents are used all the time), so a scan's memory does
// not grow with the number of domains. A cut takes about 200 bytes, so
// the full cache ~50 MB; a generated world of 1,000,000 domains has 86,272
// hosting providers' zones, and at 65,536 their NS-name lookups needed
// the TLD's referral again and again.
const CacheSize = 1 << 18

// LeafCacheSize bounds the cache of the cuts Walk ends at: the domains
// being checked. They are kept apart, so that a scan's stream of domains,
// each used once, does not push out the zones that serve many (hosting
// providers' zones, which the NS-name lookups need); a domain's own cut
// only has to last while it is collected (its in-bailiwick NS names).
const LeafCacheSize = 8192

// Cut is a zone cut: a zone and the addresses of its servers.
type Cut struct {
	Zone    string
	NS      []string
	Servers []netip.Addr
}

// Resolver performs iterative resolution through a transport.Client.
type Resolver struct {
	c     *transport.Client
	hints Hints

	root   *Cut
	cuts   *lru.Cache[string, *Cut] // delegation cache, by zone; safe for concurrent use
	leaves *lru.Cache[string, *Cut] // the cuts of the domains walked to (LeafCacheSize)
}

// New returns a Resolver starting from hints.
func New(c *transport.Client, hints Hints) *Resolver {
	cache, _ := lru.New[string, *Cut](CacheSize) // only fails for a size < 1
	leaves, _ := lru.New[string, *Cut](LeafCacheSize)
	return &Resolver{c: c, hints: hints, cuts: cache, leaves: leaves, root: &Cut{Zone: ".", NS: hints.Names, Servers: hints.Addrs}}
}

// Client returns the transport client the resolver sends through.
func (r *Resolver) Client() *transport.Client { return r.c }

// closest returns the deepest cached cut that is name or an ancestor of it.
func (r *Resolver) closest(name string) *Cut {
	for n := name; n != "."; n = parentName(n) {
		if c, ok := r.cuts.Get(n); ok && len(c.Servers) > 0 {
			return c
		}
		if c, ok := r.leaves.Get(n); ok && len(c.Servers) > 0 {
			return c
		}
	}
	return r.root
}

// CacheLen returns the number of cuts cached: zones that serve others,
// and the domains walked to (LeafCacheSize).
func (r *Resolver) CacheLen() (cuts, leaves int) { return r.cuts.Len(), r.leaves.Len() }

// CachedCut returns the cached cut for zone, if any.
func (r *Resolver) CachedCut(zone string) (*Cut, bool) {
	if zone == "." {
		return r.root, true
	}
	if c, ok := r.cuts.Get(zone); ok {
		return c, true
	}
	return r.leaves.Get(zone)
}

func (r *Resolver) remember(c *Cut) { r.rememberIn(r.cuts, c) }

// rememberLeaf caches the cut of a domain Walk ended at; a zone found
// again on the way to another name moves to the main cache (remember).
func (r *Resolver) rememberLeaf(c *Cut) {
	if _, ok := r.cuts.Peek(c.Zone); ok {
		r.remember(c)
		return
	}
	r.rememberIn(r.leaves, c)
}

func (r *Resolver) rememberIn(cache *lru.Cache[string, *Cut], c *Cut) {
	if len(c.Servers) == 0 || c.Zone == "." {
		return
	}
	if old, ok := cache.Peek(c.Zone); ok && len(old.Servers) >= len(c.Servers) {
		return
	}
	cache.Add(c.Zone, c)
}

func parentName(n string) string {
	if n == "." {
		return "."
	}
	i, end := dns.NextLabel(n, 0)
	if end {
		return "."
	}
	return n[i:]
}

// Canonical returns name as a lower-case FQDN.
func Canonical(name string) string { return strings.ToLower(dns.Fqdn(name)) }

// Walk finds the parent's delegation of domain. It returns the delegation
// as the parent states it and the zone cuts from the root down to the
// parent (the parent last).
func (r *Resolver) Walk(ctx context.Context, log *observe.Log, domain string) (observe.Delegation, []Cut, error) {
	domain = Canonical(domain)
	var path []Cut
	cut := r.closest(parentName(domain))
	if domain == "." {
		cut = r.closest(".")
	}
	// Rebuild the path above the cached cut from the cache, for DNSSEC.
	path = r.pathTo(cut.Zone)
	for steps := 0; ; steps++ {
		if steps > MaxReferrals {
			return observe.Delegation{Parent: cut.Zone, Status: observe.ParentFailed}, path, ErrLoop
		}
		q, ref, status := r.askCut(ctx, log, observe.PurposeReferral, cut, domain, dns.TypeNS, 0)
		d := observe.Delegation{Parent: cut.Zone, ParentServers: cut.Servers}
		if q != nil {
			d.ReferralSeq = q.Seq
		}
		switch status {
		case answerReferral:
			// A server that serves several levels (the root and a TLD, a
			// ccTLD and its second level) refers past zones it also serves:
			// find them, so the parent and the DNSSEC chain are the real ones.
			for _, mid := range r.intermediates(ctx, log, cut, ref.Zone, q.Server) {
				r.remember(mid)
				path = append(path, *mid)
				cut = mid
				d.Parent, d.ParentServers = mid.Zone, mid.Servers
			}
			if ref.Zone == domain {
				d.Status = observe.Delegated
				d.NS = ref.NS
				d.Glue = glueOf(q.Msg(), ref.NS)
				if len(ref.Servers) == 0 {
					r.fillServers(ctx, log, ref, 0)
				}
				r.rememberLeaf(ref)
				return d, path, nil
			}
			if len(ref.Servers) == 0 {
				if err := r.fillServers(ctx, log, ref, 0); err != nil {
					d.Status = observe.ParentFailed
					return d, path, fmt.Errorf("resolver: addresses of %s servers: %w", ref.Zone, err)
				}
			}
			r.remember(ref)
			cut = ref
			path = append(path, *ref)
		case answerNXDomain:
			d.Status = observe.NotDelegated
			return d, path, nil
		case answerAuthoritative:
			// The parent's server is also authoritative for the domain (or the
			// name is no cut): look at the answer.
			m := q.Msg()
			if ns := nsOwned(m.Answer, domain); len(ns) > 0 {
				d.Status = observe.Delegated
				d.NS = ns
				d.Glue = glueOf(m, ns)
				return d, path, nil
			}
			d.Status = observe.NoDelegation
			return d, path, nil
		default:
			d.Status = observe.ParentFailed
			return d, path, fmt.Errorf("resolver: asking %s servers about %s: %w", cut.Zone, domain, noServers(q))
		}
	}
}

// intermediates returns, top-down, the zones strictly between cut and
// child that server (which referred from cut straight to child) serves
// itself: each name in between whose SOA it answers with authority.
func (r *Resolver) intermediates(ctx context.Context, log *observe.Log, cut *Cut, child string, server netip.Addr) []*Cut {
	var names []string
	for n := parentName(child); n != cut.Zone && n != "."; n = parentName(n) {
		names = append(names, n)
	}
	var out []*Cut
	for i := len(names) - 1; i >= 0; i-- {
		if c, ok := r.cuts.Get(names[i]); ok && len(c.Servers) > 0 {
			out = append(out, c)
			continue
		}
		q := r.c.DoWithFallback(ctx, log, transport.Request{
			Purpose: observe.PurposeResolve, Zone: cut.Zone, Server: server, QName: names[i], QType: dns.TypeSOA,
			EDNS: &observe.EDNS{UDPSize: 1232},
		})
		m := q.Msg()
		if !q.Answered() || m.Rcode != dns.RcodeSuccess || !m.Authoritative {
			continue
		}
		for _, rr := range m.Answer {
			if soa, ok := rr.(*dns.SOA); ok && Canonical(soa.Hdr.Name) == names[i] {
				out = append(out, &Cut{Zone: names[i], NS: cut.NS, Servers: cut.Servers})
				break
			}
		}
	}
	return out
}

// pathTo returns the cached cuts from the root down to zone.
func (r *Resolver) pathTo(zone string) []Cut {
	var names []string
	for n := zone; ; n = parentName(n) {
		names = append(names, n)
		if n == "." {
			break
		}
	}
	var out []Cut
	for i := len(names) - 1; i >= 0; i-- {
		if c, ok := r.CachedCut(names[i]); ok {
			out = append(out, *c)
		}
	}
	return out
}

type answerKind int

const (
	answerNone answerKind = iota
	answerReferral
	answerNXDomain
	answerAuthoritative // AA answer, NODATA or data
)

// askCut asks the servers of cut about name/qtype until one gives a usable
// answer, and classifies it. Referrals must lead strictly down towards name.
func (r *Resolver) askCut(ctx context.Context, log *observe.Log, purpose string, cut *Cut, name string, qtype uint16, depth int) (*observe.Query, *Cut, answerKind) {
	var last *observe.Query
	servers := r.order(cut.Servers)
	for i, srv := range servers {
		q := r.c.DoWithFallback(ctx, log, transport.Request{
			Purpose: purpose, Zone: cut.Zone, Server: srv, QName: name, QType: qtype,
			// A timeout moves on to the next server; the last one gets the
			// retries.
			OneTry: i < len(servers)-1,
			// A referral asked with DO carries the child's DS RRset, or the
			// parent's proof that there is none (RFC 4035 §3.1.4): the
			// collector then needs no DS query of its own.
			EDNS: &observe.EDNS{UDPSize: 1232, DO: purpose == observe.PurposeReferral},
		})
		last = q
		if ctx.Err() != nil {
			return q, nil, answerNone
		}
		m := q.Msg()
		if q.Status != observe.StatusOK || m == nil {
			continue
		}
		switch {
		case m.Rcode == dns.RcodeNameError && m.Authoritative:
			return q, nil, answerNXDomain
		case m.Rcode != dns.RcodeSuccess:
			continue // REFUSED, SERVFAIL...: lame for this purpose, try the next
		case m.Authoritative:
			return q, nil, answerAuthoritative
		}
		if ref := referral(m, cut.Zone, name); ref != nil {
			return q, ref, answerReferral
		}
		// Not authoritative and no usable referral (upward referral, recursion
		// answer, empty): lame; try the next server.
	}
	return last, nil, answerNone
}

// noServers is ErrNoServers, saying why when the last server tried (q)
// was not queried: the policy refuses servers only after the others.
func noServers(q *observe.Query) error {
	if q != nil && q.Status == observe.StatusPolicy {
		return fmt.Errorf("%w (the servers left were not queried: %s)", ErrNoServers, q.Error)
	}
	return ErrNoServers
}

// order returns the first MaxServerTries of servers, those whose last
// exchange timed out last: a silent server is asked once, not by every
// lookup, until the others fail too. Servers the transport policy refuses
// (the do-not-probe list, the other family with -4 or -6) come after
// all: they cannot answer, and their refusals are recorded only when no
// other server is left to try.
func (r *Resolver) order(servers []netip.Addr) []netip.Addr {
	out := make([]netip.Addr, 0, min(len(servers), MaxServerTries))
	var suspect, refused []netip.Addr
	policy := r.c.Policy()
	for _, s := range servers {
		switch {
		case policy.Check(s) != nil:
			refused = append(refused, s)
		case r.c.Suspect(s):
			suspect = append(suspect, s)
		default:
			out = append(out, s)
		}
	}
	out = append(append(out, suspect...), refused...)
	return out[:min(len(out), MaxServerTries)]
}

// referral extracts a downward referral from m: NS records in the authority
// section for a zone strictly below from and at or above name.
func referral(m *dns.Msg, from, name string) *Cut {
	var zone string
	var ns []string
	for _, rr := range m.Ns {
		n, ok := rr.(*dns.NS)
		if !ok {
			continue
		}
		owner := Canonical(n.Hdr.Name)
		if zone == "" {
			zone = owner
		}
		if owner != zone {
			continue
		}
		ns = appendUnique(ns, Canonical(n.Ns))
	}
	if zone == "" || zone == from || !dns.IsSubDomain(from, zone) || !dns.IsSubDomain(zone, name) {
		return nil
	}
	c := &Cut{Zone: zone, NS: ns}
	glue := glueOf(m, ns)
	for _, n := range ns {
		c.Servers = append(c.Servers, glue[n]...)
	}
	return c
}

func appendUnique(ss []string, s string) []string {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}

func nsOwned(rrs []dns.RR, owner string) []string {
	var out []string
	for _, rr := range rrs {
		if n, ok := rr.(*dns.NS); ok && Canonical(n.Hdr.Name) == owner {
			out = appendUnique(out, Canonical(n.Ns))
		}
	}
	return out
}

// glueOf returns the addresses in m's additional section for the names ns.
func glueOf(m *dns.Msg, ns []string) map[string][]netip.Addr {
	if m == nil {
		return nil
	}
	want := map[string]bool{}
	for _, n := range ns {
		want[n] = true
	}
	out := map[string][]netip.Addr{}
	for _, rr := range m.Extra {
		owner := Canonical(rr.Header().Name)
		if !want[owner] {
			continue
		}
		if a, ok := rrAddr(rr); ok {
			out[owner] = appendAddr(out[owner], a)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func appendAddr(as []netip.Addr, a netip.Addr) []netip.Addr {
	for _, x := range as {
		if x == a {
			return as
		}
	}
	return append(as, a)
}

func rrAddr(rr dns.RR) (netip.Addr, bool) {
	switch rr := rr.(type) {
	case *dns.A:
		a, ok := netip.AddrFromSlice(rr.A.To4())
		return a, ok
	case *dns.AAAA:
		a, ok := netip.AddrFromSlice(rr.AAAA)
		return a.Unmap(), ok && len(rr.AAAA) == 16
	}
	return netip.Addr{}, false
}

// fillServers resolves the addresses of a cut's NS names that came without
// glue.
func (r *Resolver) fillServers(ctx context.Context, log *observe.Log, c *Cut, depth int) error {
	if depth >= MaxGlueless {
		return ErrTooDeep
	}
	var errs []error
	for _, n := range c.NS {
		// A name inside the zone needs glue; without it there is no way in.
		if dns.IsSubDomain(c.Zone, n) {
			continue
		}
		for _, t := range []uint16{dns.TypeA, dns.TypeAAAA} {
			ans, err := r.lookup(ctx, log, observe.PurposeResolve, n, t, depth+1)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			c.Servers = append(c.Servers, ans.Addrs()...)
		}
		if len(c.Servers) > 0 {
			break // one server's addresses are enough to go on; more are probed later
		}
	}
	if len(c.Servers) == 0 {
		if len(errs) > 0 {
			return errors.Join(errs...)
		}
		return ErrNoServers
	}
	return nil
}

// Answer is the outcome of a lookup.
type Answer struct {
	Name   string   // the name asked
	Rcode  int      // of the final response; -1 when none
	Chain  []string // CNAME targets followed, in order
	RRs    []dns.RR // answer records of the final name and type
	Seq    int      // the final query
	Zone   string   // the zone that answered
	Server netip.Addr
}

// Addrs returns the A and AAAA addresses in the answer.
func (a Answer) Addrs() []netip.Addr {
	var out []netip.Addr
	for _, rr := range a.RRs {
		if ad, ok := rrAddr(rr); ok {
			out = appendAddr(out, ad)
		}
	}
	return out
}

// Lookup resolves name/qtype iteratively, following CNAMEs, and records the
// queries under purpose.
func (r *Resolver) Lookup(ctx context.Context, log *observe.Log, purpose, name string, qtype uint16) (Answer, error) {
	return r.lookup(ctx, log, purpose, Canonical(name), qtype, 0)
}

func (r *Resolver) lookup(ctx context.Context, log *observe.Log, purpose, name string, qtype uint16, depth int) (Answer, error) {
	ans := Answer{Name: name, Rcode: -1}
	seen := map[string]bool{name: true}
	cur := name
	cut := r.closest(cur)
	for steps := 0; ; steps++ {
		if steps > MaxReferrals {
			return ans, fmt.Errorf("resolver: lookup %s: %w", name, ErrLoop)
		}
		if err := ctx.Err(); err != nil {
			return ans, err
		}
		q, ref, kind := r.askCut(ctx, log, purpose, cut, cur, qtype, depth)
		if q != nil {
			ans.Seq, ans.Server, ans.Zone = q.Seq, q.Server, cut.Zone
			if m := q.Msg(); m != nil {
				ans.Rcode = m.Rcode
			}
		}
		switch kind {
		case answerReferral:
			if len(ref.Servers) == 0 {
				if err := r.fillServers(ctx, log, ref, depth); err != nil {
					return ans, fmt.Errorf("resolver: lookup %s: servers of %s: %w", name, ref.Zone, err)
				}
			}
			r.remember(ref)
			cut = ref
			continue
		case answerNXDomain:
			return ans, nil
		case answerAuthoritative:
			m := q.Msg()
			var target string
			for _, rr := range m.Answer {
				owner := Canonical(rr.Header().Name)
				if owner != cur {
					continue
				}
				if rr.Header().Rrtype == qtype {
					ans.RRs = append(ans.RRs, rr)
				} else if c, ok := rr.(*dns.CNAME); ok && qtype != dns.TypeCNAME {
					target = Canonical(c.Target)
				}
			}
			if len(ans.RRs) > 0 || target == "" {
				return ans, nil
			}
			// Follow the alias; servers often include the chain in one answer.
			for target != "" {
				if seen[target] || len(ans.Chain) >= MaxCNAMEs {
					return ans, fmt.Errorf("resolver: lookup %s: %w", name, ErrCNAMELoop)
				}
				seen[target] = true
				ans.Chain = append(ans.Chain, target)
				cur = target
				next := ""
				for _, rr := range m.Answer {
					if Canonical(rr.Header().Name) != cur {
						continue
					}
					if rr.Header().Rrtype == qtype {
						ans.RRs = append(ans.RRs, rr)
					} else if c, ok := rr.(*dns.CNAME); ok {
						next = Canonical(c.Target)
					}
				}
				if len(ans.RRs) > 0 {
					return ans, nil
				}
				if next == "" {
					break
				}
				target = next
			}
			cut = r.closest(cur)
			continue
		default:
			return ans, fmt.Errorf("resolver: lookup %s %s at %s: %w", name, dns.TypeToString[qtype], cut.Zone, noServers(q))
		}
	}
}
