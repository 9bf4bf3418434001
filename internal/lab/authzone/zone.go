package authzone

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
)

// Zone is one zone as a server serves it: its unsigned text, how it is
// signed, and the records built from them. A zone is immutable once its
// world is built, so servers share it and answer from it concurrently.
type Zone struct {
	Origin string    // FQDN, lower case
	Spec   *SignSpec // nil: unsigned
	// File is the base name the zone is exported under ("test", "root",
	// "soa-serial-mismatch.test-2" for a second version of a zone).
	File string

	text string   // the zone text as written
	rrs  []dns.RR // its records, owner names in lower case
	dsRR []dns.RR // DS records of signed children added by the world

	sets      map[string]map[uint16][]dns.RR // owner → type → RRset, signatures and denial included
	seen      map[string]bool                // records already in sets, to skip duplicates
	exists    map[string]bool                // names with records and their ancestors (empty non-terminals)
	cuts      map[string]bool                // delegation points below the apex
	nsecNames []string                       // owners of the NSEC chain, canonical order
	nsec3     []*dns.NSEC3                   // the NSEC3 chain, ordered by hash
	nsec3Sigs map[string][]dns.RR            // RRSIGs of each NSEC3, by owner
	keys      []*Key
	ds        []*dns.DS // what the parent publishes for this zone
	soa       *dns.SOA
}

// Parse reads zone text for origin with dns.NewZoneParser. Every record
// must be at or below origin and the apex must have an SOA and NS records.
// The zone is indexed but not signed; a world signs the zones it holds (Sign).
func Parse(origin, text string, spec *SignSpec) (*Zone, error) {
	origin = dns.CanonicalName(origin)
	z := &Zone{Origin: origin, Spec: spec, text: text}
	zp := dns.NewZoneParser(strings.NewReader(text), origin, origin)
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		h := rr.Header()
		h.Name = dns.CanonicalName(h.Name)
		if !dns.IsSubDomain(origin, h.Name) {
			return nil, fmt.Errorf("lab: zone %s: record %s is outside the zone", origin, h.Name)
		}
		if h.Class != dns.ClassINET {
			return nil, fmt.Errorf("lab: zone %s: record %s has class %s, want IN", origin, h.Name, dns.ClassToString[h.Class])
		}
		switch h.Rrtype {
		case dns.TypeRRSIG, dns.TypeNSEC, dns.TypeNSEC3, dns.TypeNSEC3PARAM, dns.TypeDNSKEY:
			return nil, fmt.Errorf("lab: zone %s: %s records are made by the signer, not written in zone text", origin, dns.TypeToString[h.Rrtype])
		}
		z.rrs = append(z.rrs, rr)
	}
	if err := zp.Err(); err != nil {
		return nil, fmt.Errorf("lab: zone %s: %w", origin, err)
	}
	z.index()
	if z.soa == nil {
		return nil, fmt.Errorf("lab: zone %s: no SOA record at the apex", origin)
	}
	if len(z.sets[origin][dns.TypeNS]) == 0 {
		return nil, fmt.Errorf("lab: zone %s: no NS records at the apex", origin)
	}
	return z, nil
}

// Text returns the zone's unsigned text: as written, followed by the DS
// records of its signed children that the world computed.
func (z *Zone) Text() string {
	if len(z.dsRR) == 0 {
		return z.text
	}
	var b strings.Builder
	b.WriteString(z.text)
	if !strings.HasSuffix(z.text, "\n") {
		b.WriteByte('\n')
	}
	b.WriteString("; DS records of signed children, computed by the lab\n")
	for _, rr := range z.dsRR {
		b.WriteString(rr.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// SignedText returns every record the zone serves, signatures and denial
// records included, in canonical order: what a real server loads to serve
// the zone exactly as the lab does. It equals the unsigned records for an
// unsigned zone.
func (z *Zone) SignedText() string {
	var b strings.Builder
	for _, rr := range z.Records() {
		b.WriteString(rr.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Records returns every record of the zone, SOA first, then in canonical
// name order (NSEC3 records last).
func (z *Zone) Records() []dns.RR {
	names := make([]string, 0, len(z.sets))
	for n := range z.sets {
		names = append(names, n)
	}
	dnsname.Sort(names)
	out := []dns.RR{z.soa}
	for _, n := range names {
		types := make([]int, 0, len(z.sets[n]))
		for t := range z.sets[n] {
			types = append(types, int(t))
		}
		sort.Ints(types)
		for _, t := range types {
			for _, rr := range z.sets[n][uint16(t)] {
				if rr == dns.RR(z.soa) {
					continue
				}
				out = append(out, rr)
			}
		}
	}
	for _, n3 := range z.nsec3 {
		out = append(out, n3)
		out = append(out, z.nsec3Sigs[n3.Hdr.Name]...)
	}
	return out
}

// SOA returns the zone's SOA record.
func (z *Zone) SOA() *dns.SOA { return z.soa }

// Keys returns the zone's DNSSEC keys (nil when unsigned).
func (z *Zone) Keys() []*Key { return z.keys }

// DS returns the DS records the parent publishes for the zone (nil when
// unsigned or when its SignSpec says the parent has none).
func (z *Zone) DS() []*dns.DS { return z.ds }

// Signed reports whether the zone is signed.
func (z *Zone) Signed() bool { return z.Spec != nil }

// RRset returns the records of type t at name (glue and signatures
// included), or nil.
func (z *Zone) RRset(name string, t uint16) []dns.RR { return z.sets[dns.CanonicalName(name)][t] }

// Cuts returns the zone's delegation points below the apex, in canonical
// order.
func (z *Zone) Cuts() []string {
	out := make([]string, 0, len(z.cuts))
	for c := range z.cuts {
		out = append(out, c)
	}
	dnsname.Sort(out)
	return out
}

// AddDS adds DS records of a signed child, as the world computed them,
// before the zone is signed. They are part of Text.
func (z *Zone) AddDS(ds ...*dns.DS) {
	for _, rr := range ds {
		z.dsRR = append(z.dsRR, rr)
	}
	z.index()
}

// index builds the lookup structures from z.rrs and z.dsRR.
func (z *Zone) index() {
	z.sets = map[string]map[uint16][]dns.RR{}
	z.seen = map[string]bool{}
	z.exists = map[string]bool{}
	z.cuts = map[string]bool{}
	z.soa = nil
	for _, rr := range append(append([]dns.RR(nil), z.rrs...), z.dsRR...) {
		z.add(rr)
		if soa, ok := rr.(*dns.SOA); ok && soa.Hdr.Name == z.Origin && z.soa == nil {
			z.soa = soa
		}
	}
	for n, set := range z.sets {
		if n != z.Origin && len(set[dns.TypeNS]) > 0 {
			z.cuts[n] = true
		}
	}
}

// add puts rr in its RRset, skipping duplicates (the same record with
// another TTL).
func (z *Zone) add(rr dns.RR) {
	h := rr.Header()
	set := z.sets[h.Name]
	if set == nil {
		set = map[uint16][]dns.RR{}
		z.sets[h.Name] = set
	}
	ttl := h.Ttl
	h.Ttl = 0
	key := rr.String() // the record without its TTL
	h.Ttl = ttl
	if z.seen[key] {
		return
	}
	z.seen[key] = true
	set[h.Rrtype] = append(set[h.Rrtype], rr)
	for n := h.Name; ; n = dnsname.Parent(n) {
		z.exists[n] = true
		if n == z.Origin || n == "." {
			break
		}
	}
}

// occluded reports whether name is below a zone cut (glue or junk that
// the zone is not authoritative for). A cut itself is not occluded.
func (z *Zone) occluded(name string) bool {
	for n := dnsname.Parent(name); n != z.Origin && n != "."; n = dnsname.Parent(n) {
		if z.cuts[n] {
			return true
		}
	}
	return false
}

// cutAbove returns the highest delegation point at or above name (below
// the apex), or "".
func (z *Zone) cutAbove(name string) string {
	cut := ""
	for n := name; n != z.Origin && n != "."; n = dnsname.Parent(n) {
		if z.cuts[n] {
			cut = n
		}
	}
	return cut
}

// sigs returns the RRSIGs at name covering t.
func (z *Zone) sigs(name string, t uint16) []dns.RR {
	var out []dns.RR
	for _, rr := range z.sets[name][dns.TypeRRSIG] {
		if rr.(*dns.RRSIG).TypeCovered == t {
			out = append(out, rr)
		}
	}
	return out
}

// Addr returns the address of an A or AAAA record, or the invalid address
// for any other record.
func Addr(rr dns.RR) netip.Addr {
	var a netip.Addr
	switch rr := rr.(type) {
	case *dns.A:
		a, _ = netip.AddrFromSlice(rr.A.To4())
	case *dns.AAAA:
		a, _ = netip.AddrFromSlice(rr.AAAA)
	}
	return a
}
