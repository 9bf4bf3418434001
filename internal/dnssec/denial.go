package dnssec

import (
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
)

// proof holds the NSEC and NSEC3 records of a response whose signatures
// verified, and why others were set aside.
type proof struct {
	nsec     []*dns.NSEC
	nsec3    nsec3Set
	failed   string // why an NSEC/NSEC3 RRset did not verify
	highIter bool   // NSEC3 records set aside for their iteration count
	seen     bool   // any NSEC or NSEC3 record was present
}

// why explains a failed proof, preferring a signature failure.
func (p *proof) why(fallback string) string {
	if p.failed != "" {
		return p.failed
	}
	return fallback
}

// proofRecords verifies the NSEC/NSEC3 RRsets of a section that belong
// to zone and keeps those that verify with keys.
func (v *validator) proofRecords(sets []*rrset, zone string, keys []*dns.DNSKEY, seq int, record bool) *proof {
	p := &proof{}
	for _, s := range sets {
		if (s.rtype != dns.TypeNSEC && s.rtype != dns.TypeNSEC3) || len(s.rrs) == 0 {
			continue
		}
		if !isSubdomain(zone, s.name) {
			continue
		}
		p.seen = true
		if ok, why := v.verifySet(s, keys, zone, false, seq, record); !ok {
			if p.failed == "" {
				p.failed = why
			}
			continue
		}
		for _, rr := range s.rrs {
			switch x := rr.(type) {
			case *dns.NSEC:
				p.nsec = append(p.nsec, x)
			case *dns.NSEC3:
				// RFC 5155 §8.1-8.2: only SHA-1, only known flags, only
				// records of this zone.
				if x.Hash != dns.SHA1 || x.Flags&^1 != 0 || !equalNames(dnsname.Parent(s.name), zone) {
					continue
				}
				if int(x.Iterations) > v.opts.MaxNSEC3Iterations {
					p.highIter = true
					continue
				}
				p.nsec3 = append(p.nsec3, x)
			}
		}
	}
	return p
}

// delegationAbove reports whether NSEC n sits at a delegation point or
// DNAME above qname, so it cannot deny names below it (RFC 6840 §4.1).
func delegationAbove(owner string, bitmap []uint16, qname, zone string) bool {
	if !isSubdomain(owner, qname) || equalNames(owner, qname) || equalNames(owner, zone) {
		return false
	}
	return (hasType(bitmap, dns.TypeNS) && !hasType(bitmap, dns.TypeSOA)) || hasType(bitmap, dns.TypeDNAME)
}

// wildcardOf returns the wildcard name directly below ce.
func wildcardOf(ce string) string {
	if ce == "." {
		return "*."
	}
	return "*." + ce
}

// nsecNXDOMAIN checks an NSEC proof that qname does not exist and no
// wildcard could have answered (RFC 4035 §5.4).
func nsecNXDOMAIN(qname, zone string, nsecs []*dns.NSEC) (bool, string) {
	var cover *dns.NSEC
	for _, n := range nsecs {
		if equalNames(n.Hdr.Name, qname) {
			return false, "an NSEC record shows that " + qname + " exists"
		}
		if nsecCovers(n.Hdr.Name, n.NextDomain, qname) && !delegationAbove(n.Hdr.Name, n.TypeBitMap, qname, zone) {
			cover = n
			break
		}
	}
	if cover == nil {
		return false, "no NSEC record covers " + qname
	}
	ce := commonAncestor(qname, cover.Hdr.Name)
	if c2 := commonAncestor(qname, cover.NextDomain); dns.CountLabel(c2) > dns.CountLabel(ce) {
		ce = c2
	}
	if !isSubdomain(zone, ce) {
		ce = zone
	}
	wc := wildcardOf(ce)
	for _, n := range nsecs {
		if equalNames(n.Hdr.Name, wc) {
			return false, "an NSEC record shows that " + wc + " exists"
		}
		if nsecCovers(n.Hdr.Name, n.NextDomain, wc) {
			return true, ""
		}
	}
	return false, "no NSEC record proves that " + wc + " does not exist"
}

// nsecNODATA checks an NSEC proof that qname has no qtype RRset (RFC 4035
// §3.1.3.1), including an empty non-terminal.
func nsecNODATA(qname string, qtype uint16, nsecs []*dns.NSEC) (bool, string) {
	for _, n := range nsecs {
		if !equalNames(n.Hdr.Name, qname) {
			continue
		}
		if hasType(n.TypeBitMap, qtype) {
			return false, "the NSEC record at " + qname + " lists " + typeName(qtype)
		}
		if hasType(n.TypeBitMap, dns.TypeCNAME) {
			return false, "the NSEC record at " + qname + " lists CNAME"
		}
		return true, ""
	}
	for _, n := range nsecs {
		if nsecCovers(n.Hdr.Name, n.NextDomain, qname) && isSubdomain(qname, n.NextDomain) && !equalNames(qname, n.NextDomain) {
			return true, "" // empty non-terminal
		}
	}
	return false, "no NSEC record matches " + qname
}

// nsecWildcard checks that a wildcard answer for qname was legitimate:
// qname itself does not exist.
func nsecWildcard(qname string, nsecs []*dns.NSEC) (bool, string) {
	for _, n := range nsecs {
		if nsecCovers(n.Hdr.Name, n.NextDomain, qname) {
			return true, ""
		}
	}
	return false, "no NSEC record proves that " + qname + " does not exist for the wildcard answer"
}

// nsec3Set is a response's verified NSEC3 records.
type nsec3Set []*dns.NSEC3

func (s nsec3Set) match(name string) *dns.NSEC3 {
	for _, n := range s {
		if n.Match(name) {
			return n
		}
	}
	return nil
}

func (s nsec3Set) cover(name string) *dns.NSEC3 {
	for _, n := range s {
		if n.Cover(name) {
			return n
		}
	}
	return nil
}

// nextCloser returns the name one label longer than ce on the way to qname.
func nextCloser(qname, ce string) string {
	labels := dns.SplitDomainName(qname)
	n := dns.CountLabel(ce) + 1
	if n > len(labels) {
		return qname
	}
	return strings.Join(labels[len(labels)-n:], ".") + "."
}

// closestEncloser finds the closest provable encloser of qname (RFC 5155
// §8.3). exact is true when qname itself matches.
func (s nsec3Set) closestEncloser(qname, zone string) (ce string, exact, ok bool) {
	n := strings.ToLower(dns.Fqdn(qname))
	for isSubdomain(zone, n) {
		if s.match(n) != nil {
			return n, equalNames(n, qname), true
		}
		if equalNames(n, zone) || n == "." {
			break
		}
		n = dnsname.Parent(n)
	}
	return "", false, false
}

// nsec3NXDOMAIN checks the closest-encloser proof and wildcard denial
// for a name that does not exist (RFC 5155 §8.4).
func nsec3NXDOMAIN(qname, zone string, s nsec3Set) (bool, string) {
	ce, exact, ok := s.closestEncloser(qname, zone)
	if !ok {
		return false, "no NSEC3 record matches a closest encloser of " + qname
	}
	if exact {
		return false, "an NSEC3 record shows that " + qname + " exists"
	}
	if m := s.match(ce); !equalNames(ce, zone) && delegationAbove(ce, m.TypeBitMap, qname, zone) {
		return false, "the closest encloser " + ce + " is a delegation"
	}
	nc := nextCloser(qname, ce)
	if s.cover(nc) == nil {
		return false, "no NSEC3 record covers the next closer name " + nc
	}
	wc := wildcardOf(ce)
	if s.match(wc) != nil {
		return false, "an NSEC3 record shows that " + wc + " exists"
	}
	if s.cover(wc) == nil {
		return false, "no NSEC3 record proves that " + wc + " does not exist"
	}
	return true, ""
}

// nsec3NODATA checks an NSEC3 proof that qname has no qtype RRset (RFC
// 5155 §8.5).
func nsec3NODATA(qname string, qtype uint16, s nsec3Set) (bool, string) {
	m := s.match(qname)
	if m == nil {
		return false, "no NSEC3 record matches " + qname
	}
	if hasType(m.TypeBitMap, qtype) {
		return false, "the NSEC3 record for " + qname + " lists " + typeName(qtype)
	}
	if hasType(m.TypeBitMap, dns.TypeCNAME) {
		return false, "the NSEC3 record for " + qname + " lists CNAME"
	}
	return true, ""
}

// nsec3Wildcard checks that a wildcard answer for qname, whose source of
// synthesis is below ce, was legitimate (RFC 5155 §8.8).
func nsec3Wildcard(qname, ce string, s nsec3Set) (bool, string) {
	nc := nextCloser(qname, ce)
	if s.cover(nc) == nil {
		return false, "no NSEC3 record covers the next closer name " + nc + " for the wildcard answer"
	}
	return true, ""
}

// noDS checks the parent's proof that zone has no DS (RFC 4035 §5.2,
// RFC 5155 §8.6). how names the method when proven.
func noDS(zone, parent string, p *proof) (proven bool, how, why string) {
	for _, n := range p.nsec {
		if equalNames(n.Hdr.Name, zone) {
			switch {
			case hasType(n.TypeBitMap, dns.TypeDS):
				return false, "", "the NSEC record at " + zone + " lists DS"
			case hasType(n.TypeBitMap, dns.TypeSOA):
				return false, "", "the NSEC record at " + zone + " comes from the child zone, not the parent"
			}
			return true, "NSEC", ""
		}
	}
	for _, n := range p.nsec {
		if nsecCovers(n.Hdr.Name, n.NextDomain, zone) && !delegationAbove(n.Hdr.Name, n.TypeBitMap, zone, parent) {
			return true, "NSEC", ""
		}
	}
	if len(p.nsec3) > 0 {
		if m := p.nsec3.match(zone); m != nil {
			switch {
			case hasType(m.TypeBitMap, dns.TypeDS):
				return false, "", "the NSEC3 record for " + zone + " lists DS"
			case hasType(m.TypeBitMap, dns.TypeSOA):
				return false, "", "the NSEC3 record for " + zone + " comes from the child zone, not the parent"
			}
			return true, "NSEC3", ""
		}
		ce, _, ok := p.nsec3.closestEncloser(zone, parent)
		if !ok {
			return false, "", p.why("no NSEC3 record matches " + zone + " or a closest encloser")
		}
		c := p.nsec3.cover(nextCloser(zone, ce))
		if c == nil {
			return false, "", p.why("no NSEC3 record covers " + nextCloser(zone, ce))
		}
		if c.Flags&1 == 0 {
			return false, "", "the NSEC3 record covering " + zone + " has no opt-out flag and no NSEC3 record matches it"
		}
		return true, "NSEC3 opt-out", ""
	}
	if p.highIter {
		return true, "NSEC3 with iterations above the limit, treated as insecure (RFC 9276 §3.2)", ""
	}
	return false, "", p.why("no NSEC or NSEC3 record in the response")
}
