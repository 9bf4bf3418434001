package dnssectest

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// DomainName is the test domain of every world.
const DomainName = "example.test."

// NXName is the nonexistent name the world's collector asks about.
const NXName = "nx-7f3a9c.example.test."

// World is a root, a "test." TLD and the domain "example.test.".
type World struct {
	At     time.Time
	Root   *Zone
	TLD    *Zone
	Domain *Zone
	// Tamper, when set, may change any response before it is recorded.
	Tamper func(purpose, qname string, qtype uint16, m *dns.Msg)
	// Skip lists purposes not to ask (for a DS or DNSKEY of the chain,
	// the cut keeps seq 0); keys are observe purposes, or
	// "dnssec.dnskey <zone>" and "dnssec.ds <zone>" for one cut.
	Skip map[string]bool
}

// Servers per zone, on loopback documentation-safe addresses; nothing is
// ever sent to them.
var servers = map[string]netip.Addr{
	".":             netip.MustParseAddr("127.0.0.10"),
	"test.":         netip.MustParseAddr("127.0.0.20"),
	"example.test.": netip.MustParseAddr("127.0.0.30"),
}

// MustKey is NewKey that panics, for tests.
func MustKey(zone string, alg uint8, bits int, flags uint16, signsKeys, signsZone bool) *Key {
	k, err := NewKey(zone, alg, bits, flags, signsKeys, signsZone)
	if err != nil {
		panic(err)
	}
	return k
}

// New returns a secure world: every zone signed with ECDSAP256SHA256 and
// NSEC; the root and test. with one CSK each, example.test. with a KSK
// and a ZSK.
func New(at time.Time) *World {
	d := &Zone{
		Name: DomainName,
		Keys: []*Key{
			MustKey(DomainName, dns.ECDSAP256SHA256, 256, 257, true, false),
			MustKey(DomainName, dns.ECDSAP256SHA256, 256, 256, false, true),
		},
		Records: []dns.RR{
			mustRR("example.test. 3600 IN A 192.0.2.1"),
			mustRR("example.test. 3600 IN AAAA 2001:db8::1"),
			mustRR("ns1.example.test. 3600 IN A 192.0.2.53"),
			mustRR("www.example.test. 3600 IN A 192.0.2.2"),
		},
	}
	tld := &Zone{
		Name:     "test.",
		Keys:     []*Key{MustKey("test.", dns.ECDSAP256SHA256, 256, 257, true, true)},
		Children: []*Zone{d},
		Records:  []dns.RR{mustRR("ns1.test. 3600 IN A 192.0.2.20")},
	}
	root := &Zone{
		Name:     ".",
		Keys:     []*Key{MustKey(".", dns.ECDSAP256SHA256, 256, 257, true, true)},
		Children: []*Zone{tld},
	}
	return &World{At: at, Root: root, TLD: tld, Domain: d}
}

// Anchors returns the DS records of the root's SEP keys.
func (w *World) Anchors() []dns.RR {
	var out []dns.RR
	for _, k := range w.Root.Keys {
		if k.DNSKEY.Flags&dns.SEP != 0 {
			out = append(out, k.DS())
		}
	}
	return out
}

// Observe builds the zones and records the collector's queries.
func (w *World) Observe() (*observe.Domain, error) {
	for _, z := range []*Zone{w.Domain, w.TLD, w.Root} {
		if err := z.build(w.At); err != nil {
			return nil, err
		}
	}
	d := &observe.Domain{
		Domain:      DomainName,
		CollectedAt: w.At,
		Delegation: observe.Delegation{
			Parent:        "test.",
			ParentServers: []netip.Addr{servers["test."]},
			Status:        observe.Delegated,
			NS:            []string{"ns1.example.test."},
		},
		Nameservers: []*observe.Nameserver{{
			Name: "ns1.example.test.", InParent: true, InChild: true,
			Addresses: []observe.Address{{Addr: servers[DomainName]}},
		}},
	}
	ask := func(purpose string, z *Zone, asked string, qname string, qtype uint16) int {
		if w.Skip[purpose] {
			return 0
		}
		m := z.Answer(qname, qtype)
		if w.Tamper != nil {
			w.Tamper(purpose, qname, qtype, m)
		}
		wire, err := m.Pack()
		if err != nil {
			panic(fmt.Sprintf("dnssectest: pack %s/%d: %v", qname, qtype, err))
		}
		q := &observe.Query{
			Seq:       len(d.Queries) + 1,
			Purpose:   purpose,
			Zone:      asked,
			Server:    servers[z.Name],
			Transport: observe.UDP,
			QName:     qname,
			QType:     dns.TypeToString[qtype],
			EDNS:      &observe.EDNS{UDPSize: 1232, DO: true},
			SentAt:    w.At,
			RTT:       time.Millisecond,
			Attempts:  1,
			Status:    observe.StatusOK,
			Response:  wire,
		}
		d.Queries = append(d.Queries, q)
		return q.Seq
	}
	chain := []struct {
		zone, parent *Zone
	}{{w.Root, nil}, {w.TLD, w.Root}, {w.Domain, w.TLD}}
	for _, c := range chain {
		cut := observe.ZoneCut{Zone: c.zone.Name, Servers: []netip.Addr{servers[c.zone.Name]}}
		if c.parent != nil && !w.Skip["dnssec.ds "+c.zone.Name] {
			cut.DSSeq = ask(observe.PurposeDS, c.parent, c.zone.Name, c.zone.Name, dns.TypeDS)
		}
		if !w.Skip["dnssec.dnskey "+c.zone.Name] {
			cut.DNSKEYSeq = ask(observe.PurposeDNSKEY, c.zone, c.zone.Name, c.zone.Name, dns.TypeDNSKEY)
		}
		d.Chain = append(d.Chain, cut)
	}
	apex := []struct {
		purpose string
		qname   string
		qtype   uint16
	}{
		{observe.PurposeSigSOA, DomainName, dns.TypeSOA},
		{observe.PurposeSigNS, DomainName, dns.TypeNS},
		{observe.PurposeApexA, DomainName, dns.TypeA},
		{observe.PurposeApexAAAA, DomainName, dns.TypeAAAA},
		{observe.PurposeNX, NXName, dns.TypeA},
		{observe.PurposeCDS, DomainName, dns.TypeCDS},
		{observe.PurposeCDNSKEY, DomainName, dns.TypeCDNSKEY},
		{observe.PurposeNSEC3PARAM, DomainName, dns.TypeNSEC3PARAM},
	}
	for _, a := range apex {
		ask(a.purpose, w.Domain, DomainName, a.qname, a.qtype)
	}
	return d, nil
}

// StripRRSIG removes the RRSIGs covering t from every section of m.
func StripRRSIG(m *dns.Msg, t uint16) {
	keep := func(rrs []dns.RR) []dns.RR {
		out := rrs[:0]
		for _, rr := range rrs {
			if s, ok := rr.(*dns.RRSIG); ok && s.TypeCovered == t {
				continue
			}
			out = append(out, rr)
		}
		return out
	}
	m.Answer, m.Ns = keep(m.Answer), keep(m.Ns)
}

// StripTypes removes the records of the given types (and their RRSIGs)
// from the authority section of m.
func StripTypes(m *dns.Msg, types ...uint16) {
	drop := map[uint16]bool{}
	for _, t := range types {
		drop[t] = true
	}
	out := m.Ns[:0]
	for _, rr := range m.Ns {
		if drop[rr.Header().Rrtype] {
			continue
		}
		if s, ok := rr.(*dns.RRSIG); ok && drop[s.TypeCovered] {
			continue
		}
		out = append(out, rr)
	}
	m.Ns = out
}

// CorruptRRSIG damages the signature bytes of the RRSIGs covering t in
// the answer section.
func CorruptRRSIG(m *dns.Msg, t uint16) {
	for _, rr := range m.Answer {
		if s, ok := rr.(*dns.RRSIG); ok && s.TypeCovered == t && len(s.Signature) > 8 {
			b := []byte(s.Signature)
			if b[4] == 'A' {
				b[4] = 'B'
			} else {
				b[4] = 'A'
			}
			s.Signature = string(b)
		}
	}
}

// DS returns a DS record with the given owner, key tag, algorithm and
// digest type, and a digest that matches no key.
func DS(owner string, tag uint16, alg, digestType uint8) *dns.DS {
	digest := randomDigest
	switch digestType {
	case dns.SHA1:
		digest = randomDigest[:40]
	case dns.SHA384:
		digest = randomDigest + randomDigest[:32]
	}
	return &dns.DS{
		Hdr:        dns.RR_Header{Name: dns.Fqdn(owner), Rrtype: dns.TypeDS, Class: dns.ClassINET, Ttl: 3600},
		KeyTag:     tag,
		Algorithm:  alg,
		DigestType: digestType,
		Digest:     digest,
	}
}
