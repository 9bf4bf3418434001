package authzone_test

import (
	"cmp"
	"crypto/rsa"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
)

// sigReport verifies every RRSIG of z with the zone's DNSKEYs and returns
// "owner/TYPE" of those that do not verify, and of the authoritative
// RRsets that have no RRSIG.
func sigReport(t *testing.T, z *authzone.Zone) (bad, unsigned []string) {
	t.Helper()
	keys := map[uint16]*dns.DNSKEY{}
	for _, rr := range z.Sets()[z.Origin][dns.TypeDNSKEY] {
		k := rr.(*dns.DNSKEY)
		keys[k.KeyTag()] = k
	}
	verify := func(owner string, t2 uint16, rrset []dns.RR, sigs []dns.RR) {
		if len(sigs) == 0 {
			unsigned = append(unsigned, fmt.Sprintf("%s/%s", owner, dns.TypeToString[t2]))
			return
		}
		for _, s := range sigs {
			sig := s.(*dns.RRSIG)
			k := keys[sig.KeyTag]
			if k == nil {
				t.Errorf("%s/%s: RRSIG by unknown key %d", owner, dns.TypeToString[t2], sig.KeyTag)
				continue
			}
			if err := sig.Verify(k, rrset); err != nil {
				bad = append(bad, fmt.Sprintf("%s/%s", owner, dns.TypeToString[t2]))
			}
		}
	}
	for name, set := range z.Sets() {
		if z.Occluded(name) {
			continue
		}
		cut := name != z.Origin && z.IsCut(name)
		for tp, rrset := range set {
			if tp == dns.TypeRRSIG || (cut && tp != dns.TypeDS && tp != dns.TypeNSEC) {
				continue
			}
			verify(name, tp, rrset, z.Sigs(name, tp))
		}
	}
	for _, n3 := range z.NSEC3() {
		verify(n3.Hdr.Name, dns.TypeNSEC3, []dns.RR{n3}, z.NSEC3Sigs(n3.Hdr.Name))
	}
	return bad, unsigned
}

func TestSignatures(t *testing.T) {
	w := defaultWorld(t)
	for _, z := range w.Zones() {
		if !z.Signed() {
			continue
		}
		t.Run(z.File, func(t *testing.T) {
			bad, unsigned := sigReport(t, z)
			wantBad, wantUnsigned := "", ""
			switch z.Origin {
			case "dnssec-bogus.test.":
				wantBad = z.Origin + "/SOA"
			case "dnssec-rrsig-missing.test.":
				wantUnsigned = z.Origin + "/SOA"
			}
			if got := strings.Join(bad, ","); got != wantBad {
				t.Errorf("signatures that do not verify: %q, want %q", got, wantBad)
			}
			if got := strings.Join(unsigned, ","); got != wantUnsigned {
				t.Errorf("unsigned RRsets: %q, want %q", got, wantUnsigned)
			}
			// Validity periods.
			sig := z.Sigs(z.Origin, dns.TypeNS)[0].(*dns.RRSIG)
			inc := time.Unix(int64(sig.Inception), 0)
			exp := time.Unix(int64(sig.Expiration), 0)
			valid := sig.ValidityPeriod(testNow)
			switch z.Origin {
			case "dnssec-rrsig-expired.test.":
				if valid || !exp.Before(testNow) {
					t.Errorf("expired zone: valid %v, expires %s", valid, exp)
				}
			case "dnssec-rrsig-not-yet-valid.test.":
				if valid || !inc.After(testNow) {
					t.Errorf("not-yet-valid zone: valid %v, inception %s", valid, inc)
				}
			case "dnssec-rrsig-expiring.test.":
				if !valid || exp.Sub(testNow) > 3*24*time.Hour {
					t.Errorf("expiring zone: valid %v, expires %s", valid, exp)
				}
			default:
				if !valid || exp.Sub(testNow) < 7*24*time.Hour {
					t.Errorf("valid %v, expires %s", valid, exp)
				}
			}
		})
	}
}

func TestDelegationDS(t *testing.T) {
	w := defaultWorld(t)
	tld := w.Zone("test.")
	for _, z := range w.Zones() {
		if !z.Signed() || z.Origin == "." || z.Origin == "test." {
			continue
		}
		t.Run(z.File, func(t *testing.T) {
			ds := tld.Sets()[z.Origin][dns.TypeDS]
			want := 1
			if f := z.Spec.Faults; f.ExtraDSAlgorithm != 0 || f.ExtraDSDigest != 0 {
				want = 2 // the real DS, then its copy with another algorithm or digest type
				if x := ds[len(ds)-1].(*dns.DS); len(ds) == 2 && (x.Algorithm != f.ExtraDSAlgorithm || x.DigestType != f.ExtraDSDigest) {
					t.Errorf("extra DS %s", x)
				}
			}
			if len(ds) != want {
				t.Fatalf("%d DS in test., want %d", len(ds), want)
			}
			d := ds[0].(*dns.DS)
			matches := false
			for _, k := range z.Keys() {
				if x := k.DNSKEY.ToDS(d.DigestType); k.SEP() && x != nil && strings.EqualFold(x.Digest, d.Digest) && x.KeyTag == d.KeyTag {
					matches = true
				}
			}
			if want := z.Origin != "dnssec-ds-no-match.test."; matches != want {
				t.Errorf("DS matches the KSK: %v, want %v", matches, want)
			}
			if want := cmp.Or(z.Spec.Digest, dns.SHA256); d.DigestType != want {
				t.Errorf("digest type %d, want %d", d.DigestType, want)
			}
		})
	}
	// The root's DS for test. and the trust anchor.
	root := w.Zone(".")
	ds := root.Sets()["test."][dns.TypeDS][0].(*dns.DS)
	if x := tld.Keys()[0].DNSKEY.ToDS(dns.SHA256); x.Digest != ds.Digest {
		t.Errorf("root's DS for test. %s does not match test.'s KSK %s", ds.Digest, x.Digest)
	}
	anchor := w.TrustAnchor()
	zp := dns.NewZoneParser(strings.NewReader(anchor), ".", "anchor")
	rr, ok := zp.Next()
	if !ok {
		t.Fatalf("trust anchor %q does not parse: %v", anchor, zp.Err())
	}
	if x := root.Keys()[0].DNSKEY.ToDS(dns.SHA256); !strings.EqualFold(x.Digest, rr.(*dns.DS).Digest) || !root.Keys()[0].SEP() {
		t.Errorf("trust anchor %s is not the root KSK's DS", rr)
	}
}

func TestSpecialZones(t *testing.T) {
	w := defaultWorld(t)
	t.Run("deprecated algorithm", func(t *testing.T) {
		z := w.Zone("dnssec-algorithm-deprecated.test.")
		for _, k := range z.Keys() {
			pk, ok := k.Signer.Public().(*rsa.PublicKey)
			if k.DNSKEY.Algorithm != dns.RSASHA1 || !ok || pk.N.BitLen() != 1024 {
				t.Errorf("key %s", k.DNSKEY)
			}
		}
	})
	t.Run("CDS mismatch", func(t *testing.T) {
		z := w.Zone("dnssec-cds-mismatch.test.")
		cds := z.Sets()[z.Origin][dns.TypeCDS]
		cdnskey := z.Sets()[z.Origin][dns.TypeCDNSKEY]
		if len(cds) != 1 || len(cdnskey) != 1 {
			t.Fatalf("%d CDS, %d CDNSKEY", len(cds), len(cdnskey))
		}
		for _, k := range z.Keys() {
			if k.DNSKEY.KeyTag() == cds[0].(*dns.CDS).KeyTag {
				t.Errorf("CDS names key %d of the zone", k.DNSKEY.KeyTag())
			}
			if k.DNSKEY.PublicKey == cdnskey[0].(*dns.CDNSKEY).PublicKey {
				t.Error("CDNSKEY is a key of the zone")
			}
		}
	})
	t.Run("TLD NSEC3 parameters", func(t *testing.T) {
		p := w.Zone("test.").Sets()["test."][dns.TypeNSEC3PARAM]
		if len(p) != 1 || p[0].(*dns.NSEC3PARAM).Iterations != 0 || p[0].(*dns.NSEC3PARAM).SaltLength != 0 {
			t.Errorf("NSEC3PARAM %v", p)
		}
	})
	t.Run("unsigned zones have no DNSSEC records", func(t *testing.T) {
		z := w.Zone("healthy-unsigned.test.")
		for _, rr := range z.Records() {
			switch rr.Header().Rrtype {
			case dns.TypeRRSIG, dns.TypeNSEC, dns.TypeNSEC3, dns.TypeDNSKEY, dns.TypeNSEC3PARAM:
				t.Errorf("record %s", rr)
			}
		}
	})
}

func TestChains(t *testing.T) {
	w := defaultWorld(t)
	for _, z := range w.Zones() {
		if !z.Signed() {
			continue
		}
		t.Run(z.File, func(t *testing.T) {
			if z.Spec.NSEC3 == nil {
				names := z.NSECNames()
				if len(names) < 2 || names[0] != z.Origin {
					t.Fatalf("NSEC chain %v", names)
				}
				for i, n := range names {
					nsec := z.Sets()[n][dns.TypeNSEC][0].(*dns.NSEC)
					if want := names[(i+1)%len(names)]; nsec.NextDomain != want {
						t.Errorf("NSEC %s → %s, want %s", n, nsec.NextDomain, want)
					}
					if i > 0 && dnsname.Compare(names[i-1], n) >= 0 {
						t.Errorf("%s before %s", names[i-1], n)
					}
					if !hasType(nsec.TypeBitMap, dns.TypeNSEC) || !hasType(nsec.TypeBitMap, dns.TypeRRSIG) {
						t.Errorf("NSEC %s bitmap %v", n, nsec.TypeBitMap)
					}
				}
				return
			}
			for i, n3 := range z.NSEC3() {
				next := z.NSEC3()[(i+1)%len(z.NSEC3())]
				if !strings.EqualFold(n3.NextDomain, authzone.OwnerHash(next)) {
					t.Errorf("NSEC3 %s → %s, want %s", n3.Hdr.Name, n3.NextDomain, authzone.OwnerHash(next))
				}
				if i > 0 && authzone.OwnerHash(z.NSEC3()[i-1]) >= authzone.OwnerHash(n3) {
					t.Errorf("NSEC3 chain out of order at %d", i)
				}
			}
			if m := z.MatchNSEC3(z.Origin); m == nil || !hasType(m.TypeBitMap, dns.TypeNSEC3PARAM) || !hasType(m.TypeBitMap, dns.TypeDNSKEY) {
				t.Errorf("apex NSEC3 %v", m)
			}
		})
	}
}

func hasType(ts []uint16, t uint16) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// TestSignSpecs builds small worlds with the less common options.
func TestSignSpecs(t *testing.T) {
	parentText := `$TTL 300
@ SOA ns.example. h.example. 1 2 3 4 300
@ NS ns.example.
ns A 127.53.201.1
child NS ns.example.
insecure NS ns.example.
deep.ent NS ns.example.
`
	childText := "$TTL 300\n@ SOA ns.example. h.example. 1 2 3 4 300\n@ NS ns.example.\nwww A 127.53.250.1\n"
	cases := []struct {
		name  string
		spec  authzone.SignSpec
		check func(t *testing.T, parent, child *authzone.Zone, s *engine.Server)
	}{
		{name: "CSK", spec: authzone.SignSpec{CSK: true}, check: func(t *testing.T, _, child *authzone.Zone, _ *engine.Server) {
			if len(child.Keys()) != 1 || !child.Keys()[0].SEP() {
				t.Errorf("keys %v", child.Keys())
			}
		}},
		{name: "Ed25519", spec: authzone.SignSpec{Algorithm: dns.ED25519}},
		{name: "RSASHA256 2048", spec: authzone.SignSpec{Algorithm: dns.RSASHA256, CSK: true}},
		{name: "ECDSAP384", spec: authzone.SignSpec{Algorithm: dns.ECDSAP384SHA384}},
		{name: "CDS matching", spec: authzone.SignSpec{CDS: authzone.CDSMatching}, check: func(t *testing.T, _, child *authzone.Zone, _ *engine.Server) {
			cds := child.Sets()[child.Origin][dns.TypeCDS][0].(*dns.CDS)
			if !strings.EqualFold(cds.Digest, child.DS()[0].Digest) {
				t.Errorf("CDS %s, DS %s", cds, child.DS()[0])
			}
		}},
		{name: "no DS in the parent", spec: authzone.SignSpec{NoDS: true}, check: func(t *testing.T, parent, _ *authzone.Zone, _ *engine.Server) {
			if len(parent.Sets()["child.example."][dns.TypeDS]) != 0 {
				t.Error("DS published")
			}
		}},
		{name: "NSEC3 opt-out", spec: authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{OptOut: true}}, check: func(t *testing.T, parent, _ *authzone.Zone, _ *engine.Server) {
			if parent.MatchNSEC3("insecure.example.") != nil {
				t.Error("insecure delegation in an opt-out chain")
			}
			if parent.MatchNSEC3("child.example.") == nil {
				t.Error("secure delegation missing from the chain")
			}
			// A referral to the insecure child proves it with opt-out.
			m := parent.Lookup("www.insecure.example.", dns.TypeA, true)
			optOut := false
			for _, rr := range m.Ns {
				if n3, ok := rr.(*dns.NSEC3); ok && n3.Flags&1 == 1 && n3.Cover("insecure.example.") {
					optOut = true
				}
			}
			if !optOut || m.Authoritative {
				t.Errorf("no opt-out proof in %v", m.Ns)
			}
		}},
		{name: "NSEC3 covers empty non-terminals", spec: authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{Iterations: 1, Salt: "ab"}}, check: func(t *testing.T, parent, _ *authzone.Zone, _ *engine.Server) {
			if parent.MatchNSEC3("ent.example.") == nil {
				t.Error("no NSEC3 for the empty non-terminal")
			}
			m := parent.Lookup("ent.example.", dns.TypeA, true)
			if m.Rcode != dns.RcodeSuccess || len(m.Answer) != 0 {
				t.Errorf("empty non-terminal: %+v", m)
			}
		}},
		{name: "DNSKEY by ZSK", spec: authzone.SignSpec{Faults: authzone.SignFaults{DNSKEYByZSK: true}}, check: func(t *testing.T, _, child *authzone.Zone, _ *engine.Server) {
			if tags := sigTags(child, dns.TypeDNSKEY); tags != fmt.Sprint([]uint16{child.Keys()[1].DNSKEY.KeyTag()}) {
				t.Errorf("DNSKEY signed by %s, want the ZSK only", tags)
			}
		}},
		{name: "extra algorithm signs the DNSKEY RRset only", spec: authzone.SignSpec{Faults: authzone.SignFaults{ExtraAlgorithm: dns.ED25519}},
			check: func(t *testing.T, _, child *authzone.Zone, _ *engine.Server) {
				if len(child.Keys()) != 3 || child.Keys()[2].DNSKEY.Algorithm != dns.ED25519 {
					t.Fatalf("keys %v", child.Keys())
				}
				if n := len(strings.Fields(sigTags(child, dns.TypeDNSKEY))); n != 2 {
					t.Errorf("%d RRSIGs over the DNSKEY RRset", n)
				}
				if n := len(strings.Fields(sigTags(child, dns.TypeSOA))); n != 1 {
					t.Errorf("%d RRSIGs over the SOA", n)
				}
			}},
		{name: "CDS of an untrusted next KSK", spec: authzone.SignSpec{CDS: authzone.CDSUntrusted}, check: func(t *testing.T, _, child *authzone.Zone, _ *engine.Server) {
			next := child.Keys()[len(child.Keys())-1].DNSKEY
			cds := child.Sets()[child.Origin][dns.TypeCDS][0].(*dns.CDS)
			if cds.KeyTag != next.KeyTag() || next.Flags&dns.SEP == 0 {
				t.Errorf("CDS %s, next key %s", cds, next)
			}
			if tags := sigTags(child, dns.TypeCDS); tags != fmt.Sprint([]uint16{next.KeyTag()}) {
				t.Errorf("CDS signed by %s", tags)
			}
		}},
		{name: "CDS without CDNSKEY", spec: authzone.SignSpec{CDS: authzone.CDSOnly}, check: func(t *testing.T, _, child *authzone.Zone, _ *engine.Server) {
			if len(child.Sets()[child.Origin][dns.TypeCDS]) != 1 || len(child.Sets()[child.Origin][dns.TypeCDNSKEY]) != 0 {
				t.Error("want one CDS and no CDNSKEY")
			}
		}},
		{name: "stray NSEC3PARAM beside NSEC", spec: authzone.SignSpec{Faults: authzone.SignFaults{StrayNSEC3PARAM: true}},
			check: func(t *testing.T, _, child *authzone.Zone, _ *engine.Server) {
				m := child.Lookup("nope.child.example.", dns.TypeA, true)
				if len(child.Sets()[child.Origin][dns.TypeNSEC3PARAM]) != 1 || !strings.Contains(types(m.Ns), "NSEC") || strings.Contains(types(m.Ns), "NSEC3") {
					t.Errorf("NSEC3PARAM %v, denial %s", child.Sets()[child.Origin][dns.TypeNSEC3PARAM], types(m.Ns))
				}
			}},
		{name: "no denial in NXDOMAIN", spec: authzone.SignSpec{Faults: authzone.SignFaults{NoDenial: true}}, check: func(t *testing.T, _, child *authzone.Zone, _ *engine.Server) {
			if m := child.Lookup("nope.child.example.", dns.TypeA, true); m.Rcode != dns.RcodeNameError || types(m.Ns) != "SOA RRSIG" {
				t.Errorf("NXDOMAIN %d with %s", m.Rcode, types(m.Ns))
			}
			if m := child.Lookup("www.child.example.", dns.TypeTXT, true); !strings.Contains(types(m.Ns), "NSEC") {
				t.Errorf("NODATA without its proof: %s", types(m.Ns))
			}
		}},
		{name: "NSEC empty non-terminal is NODATA", spec: authzone.SignSpec{}, check: func(t *testing.T, parent, _ *authzone.Zone, _ *engine.Server) {
			m := parent.Lookup("ent.example.", dns.TypeA, true)
			if m.Rcode != dns.RcodeSuccess || types(m.Ns) != "SOA RRSIG NSEC RRSIG" {
				t.Errorf("empty non-terminal: %+v", m)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := engine.NewWorld(testNow)
			spec := c.spec
			parent, err := w.AddZone("example.", parentText, &spec)
			if err != nil {
				t.Fatal(err)
			}
			child, err := w.AddZone("child.example.", childText, &spec)
			if err != nil {
				t.Fatal(err)
			}
			s := &engine.Server{Name: "ns.example.", Addrs: []netip.Addr{netip.MustParseAddr("127.53.201.1")}, Zones: []*authzone.Zone{parent, child}}
			if err := w.AddServer(s); err != nil {
				t.Fatal(err)
			}
			if err := w.Build(); err != nil {
				t.Fatal(err)
			}
			for _, z := range []*authzone.Zone{parent, child} {
				if bad, unsigned := sigReport(t, z); len(bad)+len(unsigned) > 0 {
					t.Errorf("%s: bad %v, unsigned %v", z.Origin, bad, unsigned)
				}
			}
			if !spec.NoDS && len(parent.Sets()["child.example."][dns.TypeDS]) != 1 {
				t.Error("no DS for the child")
			}
			if c.check != nil {
				c.check(t, parent, child, s)
			}
		})
	}
}

// sigTags lists the key tags of the RRSIGs over z's apex RRset of type t.
func sigTags(z *authzone.Zone, t uint16) string {
	var tags []uint16
	for _, rr := range z.Sets()[z.Origin][dns.TypeRRSIG] {
		if sig := rr.(*dns.RRSIG); sig.TypeCovered == t {
			tags = append(tags, sig.KeyTag)
		}
	}
	return fmt.Sprint(tags)
}

// types lists the types of rrs.
func types(rrs []dns.RR) string {
	var out []string
	for _, rr := range rrs {
		out = append(out, dns.TypeToString[rr.Header().Rrtype])
	}
	return strings.Join(out, " ")
}

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// defaultWorld builds the scenario world, whose zones show every way of
// signing.
func defaultWorld(t *testing.T) *engine.World {
	t.Helper()
	w, err := worlds.Default(testNow)
	if err != nil {
		t.Fatal(err)
	}
	return w
}
