// Package dnssectest builds small signed DNS worlds in memory — a root, a
// "test." TLD and a domain "example.test." — and records the queries a
// collector would make about the domain as an observe.Domain, for the
// tests of the DNSSEC validator and checks. Faults are injected by
// changing zone settings before Observe or the responses in Tamper.
//
// It is test support: it generates keys with crypto/rand and must not be
// used by production code.
package dnssectest

import (
	"crypto"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/miekg/dns"
)

// Key is a signing key of a test zone.
type Key struct {
	DNSKEY    *dns.DNSKEY
	Signer    crypto.Signer
	SignsKeys bool // signs the DNSKEY RRset (KSK or CSK)
	SignsZone bool // signs the other RRsets (ZSK or CSK)
}

// NewKey generates a key for zone. flags is 257 for a KSK/CSK, 256 for a ZSK.
func NewKey(zone string, alg uint8, bits int, flags uint16, signsKeys, signsZone bool) (*Key, error) {
	k := &dns.DNSKEY{
		Hdr:       dns.RR_Header{Name: dns.Fqdn(zone), Rrtype: dns.TypeDNSKEY, Class: dns.ClassINET, Ttl: 3600},
		Flags:     flags,
		Protocol:  3,
		Algorithm: alg,
	}
	priv, err := k.Generate(bits)
	if err != nil {
		return nil, fmt.Errorf("dnssectest: generate key for %s: %w", zone, err)
	}
	s, ok := priv.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("dnssectest: key for %s is not a signer", zone)
	}
	return &Key{DNSKEY: k, Signer: s, SignsKeys: signsKeys, SignsZone: signsZone}, nil
}

// DS returns the DS record of the key with digest type SHA-256.
func (k *Key) DS() *dns.DS { return k.DNSKEY.ToDS(dns.SHA256) }

// NSEC3Config holds a zone's NSEC3 parameters.
type NSEC3Config struct {
	Iterations uint16
	Salt       string // hex, empty for none
	OptOut     bool
}

// Zone is one test zone.
type Zone struct {
	Name string
	Keys []*Key // none: the zone is unsigned
	// Denial is "nsec" (the default) or "nsec3".
	Denial string
	NSEC3  NSEC3Config
	// Records are added to the apex SOA and NS (absolute owner names).
	Records []dns.RR
	// Inception and Expiration bound every signature; zero means one hour
	// before and thirty days after the world's time.
	Inception, Expiration time.Time
	// Children are delegated zones.
	Children []*Zone
	// ParentDS, when non-nil, replaces the DS records the parent publishes
	// for this zone (computed from the SEP keys otherwise). An empty,
	// non-nil slice publishes none.
	ParentDS []dns.RR

	data  map[string]map[uint16][]dns.RR // owner → type → records
	sigs  map[string]map[uint16][]dns.RR // owner → covered type → RRSIGs
	names []string                       // authoritative names, canonical order (for NSEC)
	cuts  map[string]bool
	hash  []nsec3Entry // sorted by hash (for NSEC3)
}

type nsec3Entry struct {
	hash string
	name string
	rr   *dns.NSEC3
}

// Signed reports whether the zone has keys.
func (z *Zone) Signed() bool { return len(z.Keys) > 0 }

func (z *Zone) add(rr dns.RR) {
	h := rr.Header()
	name := strings.ToLower(h.Name)
	h.Name = name
	if z.data[name] == nil {
		z.data[name] = map[uint16][]dns.RR{}
	}
	z.data[name][h.Rrtype] = append(z.data[name][h.Rrtype], rr)
}

// parentDS returns the DS records the parent publishes for z.
func (z *Zone) parentDS() []dns.RR {
	if z.ParentDS != nil {
		return z.ParentDS
	}
	var out []dns.RR
	for _, k := range z.Keys {
		if k.DNSKEY.Flags&dns.SEP != 0 {
			ds := k.DS()
			ds.Hdr.Ttl = 3600
			out = append(out, ds)
		}
	}
	return out
}

func mustRR(s string) dns.RR {
	rr, err := dns.NewRR(s)
	if err != nil {
		panic("dnssectest: bad record " + s + ": " + err.Error())
	}
	return rr
}

// build fills the zone's data, denial chain and signatures. Children must
// be built first (their DS depends on their keys only, so order is free).
func (z *Zone) build(at time.Time) error {
	z.Name = strings.ToLower(dns.Fqdn(z.Name))
	z.data = map[string]map[uint16][]dns.RR{}
	z.sigs = map[string]map[uint16][]dns.RR{}
	z.cuts = map[string]bool{}
	apex := z.Name
	z.add(mustRR(fmt.Sprintf("%s 3600 IN SOA ns1.%s hostmaster.%s 2026010101 7200 3600 1209600 300", apex, nsBase(apex), nsBase(apex))))
	z.add(mustRR(fmt.Sprintf("%s 3600 IN NS ns1.%s", apex, nsBase(apex))))
	for _, rr := range z.Records {
		z.add(dns.Copy(rr))
	}
	for _, c := range z.Children {
		cn := strings.ToLower(dns.Fqdn(c.Name))
		z.cuts[cn] = true
		z.add(mustRR(fmt.Sprintf("%s 3600 IN NS ns1.%s", cn, cn)))
		for _, ds := range c.parentDS() {
			z.add(dns.Copy(ds))
		}
	}
	if z.Signed() {
		for _, k := range z.Keys {
			z.add(dns.Copy(k.DNSKEY))
		}
		if z.Denial == "nsec3" {
			z.add(&dns.NSEC3PARAM{
				Hdr:  dns.RR_Header{Name: apex, Rrtype: dns.TypeNSEC3PARAM, Class: dns.ClassINET, Ttl: 0},
				Hash: dns.SHA1, Iterations: z.NSEC3.Iterations, Salt: saltOrDash(z.NSEC3.Salt),
				SaltLength: uint8(len(z.NSEC3.Salt) / 2),
			})
		}
	}
	// Authoritative names: not below a cut.
	z.names = nil
	for n := range z.data {
		if z.belowCut(n) {
			continue
		}
		z.names = append(z.names, n)
	}
	sort.Slice(z.names, func(i, j int) bool { return canonicalLess(z.names[i], z.names[j]) })
	if !z.Signed() {
		return nil
	}
	if z.Denial == "nsec3" {
		z.buildNSEC3()
	} else {
		z.buildNSEC()
	}
	return z.sign(at)
}

func nsBase(apex string) string {
	if apex == "." {
		return "root.test."
	}
	return apex
}

func saltOrDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// belowCut reports whether n is strictly below a delegation of z.
func (z *Zone) belowCut(n string) bool {
	for c := range z.cuts {
		if n != c && dns.IsSubDomain(c, n) {
			return true
		}
	}
	return false
}

// types returns the types at n for a bitmap.
func (z *Zone) types(n string, extra ...uint16) []uint16 {
	var ts []uint16
	for t := range z.data[n] {
		if z.cuts[n] && t != dns.TypeNS && t != dns.TypeDS {
			continue
		}
		ts = append(ts, t)
	}
	signed := !z.cuts[n] || len(z.data[n][dns.TypeDS]) > 0
	if signed {
		ts = append(ts, dns.TypeRRSIG)
	}
	ts = append(ts, extra...)
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts
}

func (z *Zone) buildNSEC() {
	for i, n := range z.names {
		next := z.names[(i+1)%len(z.names)]
		z.add(&dns.NSEC{
			Hdr:        dns.RR_Header{Name: n, Rrtype: dns.TypeNSEC, Class: dns.ClassINET, Ttl: 300},
			NextDomain: next,
			TypeBitMap: z.types(n, dns.TypeNSEC),
		})
	}
}

func (z *Zone) buildNSEC3() {
	set := map[string]bool{}
	for _, n := range z.names {
		if z.NSEC3.OptOut && z.cuts[n] && len(z.data[n][dns.TypeDS]) == 0 {
			continue
		}
		set[n] = true
		// Empty non-terminals between n and the apex.
		for p := n; p != z.Name && p != "."; {
			i, end := dns.NextLabel(p, 0)
			if end {
				break
			}
			p = p[i:]
			if dns.IsSubDomain(z.Name, p) {
				set[p] = true
			}
		}
	}
	var entries []nsec3Entry
	for n := range set {
		entries = append(entries, nsec3Entry{hash: dns.HashName(n, dns.SHA1, z.NSEC3.Iterations, z.NSEC3.Salt), name: n})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].hash < entries[j].hash })
	var flags uint8
	if z.NSEC3.OptOut {
		flags = 1
	}
	for i := range entries {
		next := entries[(i+1)%len(entries)].hash
		var ts []uint16
		if _, ok := z.data[entries[i].name]; ok {
			ts = z.types(entries[i].name)
		}
		rr := &dns.NSEC3{
			Hdr:        dns.RR_Header{Name: strings.ToLower(entries[i].hash) + "." + z.Name, Rrtype: dns.TypeNSEC3, Class: dns.ClassINET, Ttl: 300},
			Hash:       dns.SHA1,
			Flags:      flags,
			Iterations: z.NSEC3.Iterations,
			SaltLength: uint8(len(z.NSEC3.Salt) / 2),
			Salt:       saltOrDash(z.NSEC3.Salt),
			HashLength: 20,
			NextDomain: next,
			TypeBitMap: ts,
		}
		entries[i].rr = rr
		z.add(rr)
	}
	z.hash = entries
}

// sign signs every authoritative RRset.
func (z *Zone) sign(at time.Time) error {
	inc, exp := z.Inception, z.Expiration
	if inc.IsZero() {
		inc = at.Add(-time.Hour)
	}
	if exp.IsZero() {
		exp = at.Add(30 * 24 * time.Hour)
	}
	for name, byType := range z.data {
		if z.belowCut(name) {
			continue
		}
		for t, rrs := range byType {
			if z.cuts[name] && t != dns.TypeDS && t != dns.TypeNSEC && t != dns.TypeNSEC3 {
				continue
			}
			for _, k := range z.Keys {
				if (t == dns.TypeDNSKEY && !k.SignsKeys) || (t != dns.TypeDNSKEY && !k.SignsZone) {
					continue
				}
				sig := &dns.RRSIG{
					Hdr:        dns.RR_Header{Name: name, Rrtype: dns.TypeRRSIG, Class: dns.ClassINET, Ttl: rrs[0].Header().Ttl},
					Algorithm:  k.DNSKEY.Algorithm,
					KeyTag:     k.DNSKEY.KeyTag(),
					SignerName: z.Name,
					Inception:  uint32(inc.Unix()),
					Expiration: uint32(exp.Unix()),
				}
				if err := sig.Sign(k.Signer, rrs); err != nil {
					return fmt.Errorf("dnssectest: sign %s/%s: %w", name, dns.TypeToString[t], err)
				}
				if z.sigs[name] == nil {
					z.sigs[name] = map[uint16][]dns.RR{}
				}
				z.sigs[name][t] = append(z.sigs[name][t], sig)
			}
		}
	}
	return nil
}

// rrset returns the records and signatures of name/t.
func (z *Zone) rrset(name string, t uint16) []dns.RR {
	rrs := z.data[name][t]
	if len(rrs) == 0 {
		return nil
	}
	out := make([]dns.RR, 0, len(rrs)+2)
	for _, rr := range rrs {
		out = append(out, dns.Copy(rr))
	}
	for _, s := range z.sigs[name][t] {
		out = append(out, dns.Copy(s))
	}
	return out
}

// exists reports whether name owns data or is an empty non-terminal.
func (z *Zone) exists(name string) bool {
	if _, ok := z.data[name]; ok {
		return true
	}
	for n := range z.data {
		if n != name && dns.IsSubDomain(name, n) {
			return true
		}
	}
	return false
}

// Answer returns z's authoritative response to qname/qtype.
func (z *Zone) Answer(qname string, qtype uint16) *dns.Msg {
	qname = strings.ToLower(dns.Fqdn(qname))
	m := new(dns.Msg)
	m.SetQuestion(qname, qtype)
	m.Response, m.Authoritative = true, true
	m.SetEdns0(1232, true)
	for c := range z.cuts {
		if dns.IsSubDomain(c, qname) && !(qname == c && qtype == dns.TypeDS) {
			m.Authoritative = false
			m.Ns = append(m.Ns, z.rrset(c, dns.TypeNS)...)
			if ds := z.rrset(c, dns.TypeDS); ds != nil {
				m.Ns = append(m.Ns, ds...)
			} else {
				m.Ns = append(m.Ns, z.noData(c)...)
			}
			return m
		}
	}
	if rrs := z.rrset(qname, qtype); rrs != nil {
		m.Answer = rrs
		return m
	}
	m.Ns = append(m.Ns, z.rrset(z.Name, dns.TypeSOA)...)
	if z.exists(qname) {
		m.Ns = append(m.Ns, z.noData(qname)...)
		return m
	}
	m.Rcode = dns.RcodeNameError
	m.Ns = append(m.Ns, z.nxDomain(qname)...)
	return m
}

// noData returns the denial records for an existing name without the type.
func (z *Zone) noData(name string) []dns.RR {
	if !z.Signed() {
		return nil
	}
	if z.Denial == "nsec3" {
		if e := z.nsec3Match(name); e != nil {
			return z.rrset(e.rr.Hdr.Name, dns.TypeNSEC3)
		}
		// Opt-out: closest encloser proof.
		return z.closestEncloser(name, false)
	}
	if nsec := z.rrset(name, dns.TypeNSEC); nsec != nil {
		return nsec
	}
	return z.nsecCovering(name) // empty non-terminal
}

func (z *Zone) nxDomain(qname string) []dns.RR {
	if !z.Signed() {
		return nil
	}
	if z.Denial == "nsec3" {
		return z.closestEncloser(qname, true)
	}
	out := z.nsecCovering(qname)
	ce := z.Name
	for p := qname; dns.IsSubDomain(z.Name, p); {
		if z.exists(p) {
			ce = p
			break
		}
		i, end := dns.NextLabel(p, 0)
		if end {
			break
		}
		p = p[i:]
	}
	wc := "*." + ce
	if ce == "." {
		wc = "*."
	}
	w := z.nsecCovering(wc)
	if len(w) > 0 && len(out) > 0 && w[0].Header().Name == out[0].Header().Name {
		return out
	}
	return append(out, w...)
}

// nsecCovering returns the NSEC RRset whose span covers name.
func (z *Zone) nsecCovering(name string) []dns.RR {
	prev := z.names[len(z.names)-1]
	for _, n := range z.names {
		if !canonicalLess(n, name) {
			break
		}
		prev = n
	}
	return z.rrset(prev, dns.TypeNSEC)
}

func (z *Zone) nsec3Match(name string) *nsec3Entry {
	h := dns.HashName(name, dns.SHA1, z.NSEC3.Iterations, z.NSEC3.Salt)
	for i := range z.hash {
		if z.hash[i].hash == h {
			return &z.hash[i]
		}
	}
	return nil
}

func (z *Zone) nsec3Cover(name string) []dns.RR {
	h := dns.HashName(name, dns.SHA1, z.NSEC3.Iterations, z.NSEC3.Salt)
	prev := z.hash[len(z.hash)-1]
	for _, e := range z.hash {
		if e.hash >= h {
			break
		}
		prev = e
	}
	return z.rrset(prev.rr.Hdr.Name, dns.TypeNSEC3)
}

// closestEncloser returns the RFC 5155 closest encloser proof for name,
// with the wildcard denial when wildcard is set.
func (z *Zone) closestEncloser(name string, wildcard bool) []dns.RR {
	ce, nc := z.Name, name
	for p := name; dns.IsSubDomain(z.Name, p); {
		if z.nsec3Match(p) != nil {
			ce = p
			break
		}
		nc = p
		i, end := dns.NextLabel(p, 0)
		if end {
			break
		}
		p = p[i:]
	}
	var out []dns.RR
	seen := map[string]bool{}
	addSet := func(rrs []dns.RR) {
		if len(rrs) == 0 || seen[rrs[0].Header().Name] {
			return
		}
		seen[rrs[0].Header().Name] = true
		out = append(out, rrs...)
	}
	if e := z.nsec3Match(ce); e != nil {
		addSet(z.rrset(e.rr.Hdr.Name, dns.TypeNSEC3))
	}
	addSet(z.nsec3Cover(nc))
	if wildcard {
		addSet(z.nsec3Cover("*." + ce))
	}
	return out
}

// canonicalLess orders names canonically for the simple names tests use.
func canonicalLess(a, b string) bool {
	la := dns.SplitDomainName(strings.ToLower(a))
	lb := dns.SplitDomainName(strings.ToLower(b))
	for i := 1; i <= len(la) && i <= len(lb); i++ {
		x, y := la[len(la)-i], lb[len(lb)-i]
		if x != y {
			return x < y
		}
	}
	return len(la) < len(lb)
}

// randomDigest is a fixed SHA-256-sized digest matching no key.
var randomDigest = strings.ToUpper(hex.EncodeToString([]byte("0123456789abcdef0123456789abcdef")))
