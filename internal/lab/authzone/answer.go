package authzone

import (
	"sort"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
)

// MaxChase bounds CNAME chasing inside a zone (a→b→a loops stop earlier,
// at the first repeated name).
const MaxChase = 16

// Answer is a zone's answer to one question, before it becomes a message.
type Answer struct {
	Rcode         int
	Authoritative bool // AA: false for a referral
	Referral      bool
	Answer        []dns.RR
	Ns            []dns.RR // authority section
	Extra         []dns.RR // additional section
}

// Lookup answers qname/qtype from the zone as RFC 1034 §4.3.2 says, with
// DNSSEC records when do is set and the zone is signed. qname must be at or
// below the apex.
func (z *Zone) Lookup(qname string, qtype uint16, do bool) Answer {
	qname = dns.CanonicalName(qname)
	sec := do && z.Spec != nil
	res := Answer{Rcode: dns.RcodeSuccess, Authoritative: true}

	// A zone cut at or above the name: a referral, except for DS at the
	// cut itself, which the parent side answers.
	if cut := z.cutAbove(qname); cut != "" && !(cut == qname && qtype == dns.TypeDS) {
		z.referral(&res, cut, sec)
		return res
	}

	seen := map[string]bool{}
	name := qname
	for range MaxChase {
		seen[name] = true
		if !z.exists[name] {
			res.Rcode = dns.RcodeNameError
			z.negative(&res, sec)
			if sec {
				z.denyName(&res, name)
			}
			return res
		}
		set := z.sets[name]
		if qtype == dns.TypeANY {
			z.addAll(&res, name, sec)
			if len(res.Answer) == 0 {
				z.negative(&res, sec)
			}
			return res
		}
		if rrs := set[qtype]; len(rrs) > 0 && !(name != z.Origin && z.cuts[name] && qtype != dns.TypeDS) {
			res.Answer = append(res.Answer, rrs...)
			if sec && qtype != dns.TypeRRSIG {
				res.Answer = append(res.Answer, z.sigs(name, qtype)...)
			}
			z.additional(&res, rrs, sec)
			return res
		}
		if c := set[dns.TypeCNAME]; len(c) > 0 && qtype != dns.TypeCNAME {
			res.Answer = append(res.Answer, c...)
			if sec {
				res.Answer = append(res.Answer, z.sigs(name, dns.TypeCNAME)...)
			}
			target := dns.CanonicalName(c[0].(*dns.CNAME).Target)
			if seen[target] || !dns.IsSubDomain(z.Origin, target) || z.cutAbove(target) != "" {
				return res
			}
			name = target
			continue
		}
		// NODATA.
		z.negative(&res, sec)
		if sec {
			z.denyType(&res, name)
		}
		return res
	}
	return res
}

// referral fills res with the delegation at cut.
func (z *Zone) referral(res *Answer, cut string, sec bool) {
	res.Authoritative = false
	res.Referral = true
	nsset := z.sets[cut][dns.TypeNS]
	res.Ns = append(res.Ns, nsset...)
	if sec {
		if ds := z.sets[cut][dns.TypeDS]; len(ds) > 0 {
			res.Ns = append(res.Ns, ds...)
			res.Ns = append(res.Ns, z.sigs(cut, dns.TypeDS)...)
		} else {
			z.denyType(res, cut)
		}
	}
	z.glue(res, nsset)
}

// glue adds the addresses of the NS targets this zone holds.
func (z *Zone) glue(res *Answer, nsset []dns.RR) {
	for _, rr := range nsset {
		target := dns.CanonicalName(rr.(*dns.NS).Ns)
		if !dns.IsSubDomain(z.Origin, target) {
			continue
		}
		res.Extra = append(res.Extra, z.sets[target][dns.TypeA]...)
		res.Extra = append(res.Extra, z.sets[target][dns.TypeAAAA]...)
	}
}

// additional adds the addresses of NS, MX and SRV targets the zone holds
// (RFC 1034 §3.6.2 additional section processing).
func (z *Zone) additional(res *Answer, rrs []dns.RR, sec bool) {
	for _, rr := range rrs {
		var target string
		switch rr := rr.(type) {
		case *dns.NS:
			target = rr.Ns
		case *dns.MX:
			target = rr.Mx
		case *dns.SRV:
			target = rr.Target
		default:
			continue
		}
		target = dns.CanonicalName(target)
		if !dns.IsSubDomain(z.Origin, target) {
			continue
		}
		for _, t := range []uint16{dns.TypeA, dns.TypeAAAA} {
			set := z.sets[target][t]
			res.Extra = append(res.Extra, set...)
			if sec && len(set) > 0 && !z.occluded(target) {
				res.Extra = append(res.Extra, z.sigs(target, t)...)
			}
		}
	}
}

// addAll answers an ANY query with every RRset at name.
func (z *Zone) addAll(res *Answer, name string, sec bool) {
	types := make([]int, 0, len(z.sets[name]))
	for t := range z.sets[name] {
		if t != dns.TypeRRSIG {
			types = append(types, int(t))
		}
	}
	sort.Ints(types)
	for _, t := range types {
		res.Answer = append(res.Answer, z.sets[name][uint16(t)]...)
		if sec {
			res.Answer = append(res.Answer, z.sigs(name, uint16(t))...)
		}
	}
}

// negative adds the SOA to the authority section, its TTL the negative
// caching TTL of RFC 2308 §3.
func (z *Zone) negative(res *Answer, sec bool) {
	soa := dns.Copy(z.soa).(*dns.SOA)
	soa.Hdr.Ttl = min(soa.Hdr.Ttl, soa.Minttl)
	res.Ns = append(res.Ns, soa)
	if sec {
		res.Ns = append(res.Ns, z.sigs(z.Origin, dns.TypeSOA)...)
	}
}

// denyName adds the proof that name does not exist.
func (z *Zone) denyName(res *Answer, name string) {
	if z.Spec.Faults.NoDenial {
		return
	}
	if z.Spec.NSEC3 != nil {
		ce := z.closestEncloser3(name)
		z.addNSEC3(res, z.matchNSEC3(ce))
		z.addNSEC3(res, z.coverNSEC3(nextCloser(name, ce)))
		z.addNSEC3(res, z.coverNSEC3(wildcard(ce)))
		return
	}
	z.addNSEC(res, z.coverNSEC(name))
	z.addNSEC(res, z.coverNSEC(wildcard(z.closestEncloser(name))))
}

// denyType adds the proof that name has no RRset of the type asked (or, at
// a delegation, no DS).
func (z *Zone) denyType(res *Answer, name string) {
	if z.Spec.NSEC3 != nil {
		if m := z.matchNSEC3(name); m != nil {
			z.addNSEC3(res, m)
			return
		}
		// Opt-out: the closest provable encloser and the NSEC3 covering
		// the next closer name (RFC 5155 §7.2.4).
		ce := z.closestEncloser3(name)
		z.addNSEC3(res, z.matchNSEC3(ce))
		z.addNSEC3(res, z.coverNSEC3(nextCloser(name, ce)))
		return
	}
	if _, ok := z.sets[name][dns.TypeNSEC]; ok {
		z.addNSEC(res, name)
		return
	}
	z.addNSEC(res, z.coverNSEC(name)) // an empty non-terminal
}

func (z *Zone) addNSEC(res *Answer, owner string) {
	if owner == "" {
		return
	}
	for _, rr := range res.Ns {
		if rr.Header().Rrtype == dns.TypeNSEC && rr.Header().Name == owner {
			return
		}
	}
	res.Ns = append(res.Ns, z.sets[owner][dns.TypeNSEC]...)
	res.Ns = append(res.Ns, z.sigs(owner, dns.TypeNSEC)...)
}

func (z *Zone) addNSEC3(res *Answer, n3 *dns.NSEC3) {
	if n3 == nil {
		return
	}
	for _, rr := range res.Ns {
		if rr == dns.RR(n3) {
			return
		}
	}
	res.Ns = append(res.Ns, n3)
	res.Ns = append(res.Ns, z.nsec3Sigs[n3.Hdr.Name]...)
}

// coverNSEC returns the owner of the NSEC record that covers name: the
// last owner not after it in canonical order.
func (z *Zone) coverNSEC(name string) string {
	if len(z.nsecNames) == 0 {
		return ""
	}
	i := sort.Search(len(z.nsecNames), func(i int) bool { return dnsname.Compare(z.nsecNames[i], name) > 0 })
	if i == 0 {
		return z.nsecNames[len(z.nsecNames)-1]
	}
	return z.nsecNames[i-1]
}

// closestEncloser returns the nearest existing ancestor of name.
func (z *Zone) closestEncloser(name string) string {
	for n := name; ; n = dnsname.Parent(n) {
		if z.exists[n] || n == z.Origin || n == "." {
			return n
		}
	}
}

// closestEncloser3 returns the nearest ancestor of name (or name itself)
// with an NSEC3 record.
func (z *Zone) closestEncloser3(name string) string {
	for n := name; ; n = dnsname.Parent(n) {
		if z.matchNSEC3(n) != nil || n == z.Origin || n == "." {
			return n
		}
	}
}

// wildcard returns the wildcard name directly below ce.
func wildcard(ce string) string {
	if ce == "." {
		return "*."
	}
	return "*." + ce
}

// nextCloser returns the ancestor of name one label longer than ce.
func nextCloser(name, ce string) string {
	n := name
	for dnsname.Parent(n) != ce && n != "." && n != ce {
		n = dnsname.Parent(n)
	}
	return n
}

func (z *Zone) hash(name string) string {
	p := z.Spec.NSEC3
	return strings.ToLower(dns.HashName(name, dns.SHA1, p.Iterations, p.Salt))
}

// matchNSEC3 returns the NSEC3 record whose hash is name's, or nil.
func (z *Zone) matchNSEC3(name string) *dns.NSEC3 {
	h := z.hash(name)
	i := sort.Search(len(z.nsec3), func(i int) bool { return ownerHash(z.nsec3[i]) >= h })
	if i < len(z.nsec3) && ownerHash(z.nsec3[i]) == h {
		return z.nsec3[i]
	}
	return nil
}

// coverNSEC3 returns the NSEC3 record covering name's hash, or nil.
func (z *Zone) coverNSEC3(name string) *dns.NSEC3 {
	if len(z.nsec3) == 0 {
		return nil
	}
	h := z.hash(name)
	i := sort.Search(len(z.nsec3), func(i int) bool { return ownerHash(z.nsec3[i]) >= h })
	if i < len(z.nsec3) && ownerHash(z.nsec3[i]) == h {
		return nil // matched, not covered
	}
	if i == 0 {
		return z.nsec3[len(z.nsec3)-1]
	}
	return z.nsec3[i-1]
}

func ownerHash(n3 *dns.NSEC3) string {
	i := strings.IndexByte(n3.Hdr.Name, '.')
	if i < 0 {
		return n3.Hdr.Name
	}
	return n3.Hdr.Name[:i]
}
