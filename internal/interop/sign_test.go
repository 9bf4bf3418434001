package interop

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/testenv"
)

const signZone = `$TTL 3600
@	SOA	ns1.example.test. hostmaster.example.test. 1 7200 3600 1209600 300
@	NS	ns1.example.test.
@	A	192.0.2.1
ns1	A	192.0.2.53
www	A	192.0.2.80
sub	NS	ns1.sub.example.test.
ns1.sub	A	192.0.2.54
`

// The signing pipeline, checked record by record with miekg/dns: the
// signer's output verifies (or, for the faults, does not) exactly as the
// spec says, for both signer suites.
func TestSigner(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	cases := []struct {
		name string
		spec authzone.SignSpec
	}{
		{"default", authzone.SignSpec{}},
		{"csk", authzone.SignSpec{CSK: true}},
		{"nsec3", authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{Iterations: 10, Salt: "AABBCCDD"}}},
		{"nsec3-optout", authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{OptOut: true}}},
		{"rsasha1", authzone.SignSpec{Algorithm: dns.RSASHA1}},
		{"bad-signature", authzone.SignSpec{Faults: authzone.SignFaults{BadSignature: true}}},
		{"bad-signature-dnskey", authzone.SignSpec{Faults: authzone.SignFaults{BadSignature: true, RRset: dns.TypeDNSKEY}}},
		{"unsigned-soa", authzone.SignSpec{Faults: authzone.SignFaults{UnsignedRRset: true}}},
		{"expired", authzone.SignSpec{Faults: authzone.SignFaults{Expired: true}}},
		{"not-yet-valid", authzone.SignSpec{Faults: authzone.SignFaults{NotYetValid: true}}},
		{"expiring", authzone.SignSpec{Faults: authzone.SignFaults{Expiring: true}}},
		{"ds-mismatch", authzone.SignSpec{Faults: authzone.SignFaults{DSMismatch: true}}},
		{"ds-sha384", authzone.SignSpec{Digest: dns.SHA384}},
		{"no-ds", authzone.SignSpec{NoDS: true}},
		{"cds", authzone.SignSpec{CDS: authzone.CDSMatching}},
		{"cds-mismatch", authzone.SignSpec{CDS: authzone.CDSMismatch}},
		{"dnskey-ttl", authzone.SignSpec{TTL: 600}},
	}
	for _, tool := range []Tool{LDNS, BINDDNS} {
		t.Run(string(tool), func(t *testing.T) {
			if m := Missing(tool.Binaries()...); len(m) > 0 {
				testenv.Unavailable(t, "missing %v: run scripts/install-test-deps.sh as root", m)
			}
			s := &Signer{Dir: t.TempDir(), Now: now}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					signed, err := s.Sign(context.Background(), tool, "example.test.", signZone, c.spec)
					if err != nil {
						t.Fatal(err)
					}
					checkSigned(t, signed, c.spec, now)
				})
			}
			// A zone signed twice keeps its keys.
			a, err := s.Sign(context.Background(), tool, "again.test.", strings.ReplaceAll(signZone, "example.test.", "again.test."), authzone.SignSpec{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.Sign(context.Background(), tool, "again.test.", strings.ReplaceAll(signZone, "example.test.", "again.test."), authzone.SignSpec{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Keys[0].PublicKey != b.Keys[0].PublicKey {
				t.Error("a zone signed twice got new keys")
			}
		})
	}
}

func checkSigned(t *testing.T, s *Signed, spec authzone.SignSpec, now time.Time) {
	t.Helper()
	rrs, err := parseZone(s.Origin, s.Text)
	if err != nil {
		t.Fatal(err)
	}
	sets := map[uint16][]dns.RR{} // apex RRsets
	var sigs []*dns.RRSIG
	var nsec, nsec3 int
	var param *dns.NSEC3PARAM
	for _, rr := range rrs {
		switch rr := rr.(type) {
		case *dns.RRSIG:
			sigs = append(sigs, rr)
		case *dns.NSEC:
			nsec++
		case *dns.NSEC3:
			nsec3++
		case *dns.NSEC3PARAM:
			param = rr
		}
		if rr.Header().Name == s.Origin {
			sets[rr.Header().Rrtype] = append(sets[rr.Header().Rrtype], rr)
		}
	}
	wantKeys := 2
	if spec.CSK {
		wantKeys = 1
	}
	if len(s.Keys) != wantKeys || len(sets[dns.TypeDNSKEY]) != wantKeys {
		t.Fatalf("%d keys reported, %d DNSKEYs in the zone, want %d", len(s.Keys), len(sets[dns.TypeDNSKEY]), wantKeys)
	}
	ksk, zsk := s.Keys[0], s.Keys[len(s.Keys)-1]
	for _, k := range s.Keys {
		if k.Algorithm != spec.KeyAlgorithm() {
			t.Errorf("key algorithm %d, want %d", k.Algorithm, spec.KeyAlgorithm())
		}
	}
	if ksk.Flags&dns.SEP == 0 {
		t.Error("first key has no SEP flag")
	}
	wantTTL := spec.TTL
	if wantTTL == 0 {
		wantTTL = 3600
	}
	if ttl := sets[dns.TypeDNSKEY][0].Header().Ttl; ttl != wantTTL {
		t.Errorf("DNSKEY TTL %d, want %d", ttl, wantTTL)
	}

	// Denial of existence.
	if spec.NSEC3 != nil {
		if param == nil || nsec3 == 0 || nsec != 0 {
			t.Fatalf("NSEC3PARAM %v, %d NSEC3, %d NSEC", param, nsec3, nsec)
		}
		if param.Iterations != spec.NSEC3.Iterations || !strings.EqualFold(param.Salt, spec.NSEC3.Salt) {
			t.Errorf("NSEC3PARAM %v, want %d iterations, salt %q", param, spec.NSEC3.Iterations, spec.NSEC3.Salt)
		}
	} else if nsec == 0 || nsec3 != 0 {
		t.Errorf("%d NSEC, %d NSEC3: want NSEC", nsec, nsec3)
	}

	// Signatures over the apex SOA and DNSKEY.
	faultType := spec.Faults.RRset
	if faultType == 0 {
		faultType = dns.TypeSOA
	}
	inc, exp := spec.Validity(now)
	for _, typ := range []uint16{dns.TypeSOA, dns.TypeDNSKEY} {
		var covering []*dns.RRSIG
		for _, sig := range sigs {
			if sig.Hdr.Name == s.Origin && sig.TypeCovered == typ {
				covering = append(covering, sig)
			}
		}
		faulty := typ == faultType
		if faulty && spec.Faults.UnsignedRRset {
			if len(covering) != 0 {
				t.Errorf("%s has %d RRSIGs, want none", dns.TypeToString[typ], len(covering))
			}
			continue
		}
		if len(covering) == 0 {
			t.Fatalf("no RRSIG over the apex %s", dns.TypeToString[typ])
		}
		for _, sig := range covering {
			key := zsk
			if sig.KeyTag == ksk.KeyTag() {
				key = ksk
			}
			err := sig.Verify(key, sets[typ])
			if faulty && spec.Faults.BadSignature {
				if err == nil {
					t.Errorf("RRSIG %s by %d verifies; want it corrupted", dns.TypeToString[typ], sig.KeyTag)
				}
			} else if err != nil {
				t.Errorf("RRSIG %s by %d: %v", dns.TypeToString[typ], sig.KeyTag, err)
			}
			if int64(sig.Inception) != inc.Unix() || int64(sig.Expiration) != exp.Unix() {
				t.Errorf("RRSIG %s valid %s..%s, want %s..%s", dns.TypeToString[typ],
					dns.TimeToString(sig.Inception), dns.TimeToString(sig.Expiration), inc.Format(time.RFC3339), exp.Format(time.RFC3339))
			}
		}
	}

	// What the parent gets.
	digest := spec.Digest
	if digest == 0 {
		digest = dns.SHA256
	}
	matchesKey := func(ds *dns.DS) bool {
		for _, k := range s.Keys {
			if want := k.ToDS(ds.DigestType); want != nil && strings.EqualFold(want.Digest, ds.Digest) && want.KeyTag == ds.KeyTag {
				return true
			}
		}
		return false
	}
	switch {
	case spec.NoDS:
		if len(s.DS) != 0 {
			t.Errorf("DS %v with NoDS", s.DS)
		}
	case len(s.DS) != 1:
		t.Fatalf("%d DS records, want 1", len(s.DS))
	case s.DS[0].DigestType != digest:
		t.Errorf("DS digest type %d, want %d", s.DS[0].DigestType, digest)
	case spec.Faults.DSMismatch == matchesKey(s.DS[0]):
		t.Errorf("DS %v matches a published key: %v; want %v", s.DS[0], matchesKey(s.DS[0]), !spec.Faults.DSMismatch)
	}
	if spec.CDS != authzone.CDSNone {
		if len(sets[dns.TypeCDS]) != 1 || len(sets[dns.TypeCDNSKEY]) != 1 {
			t.Fatalf("%d CDS, %d CDNSKEY, want one each", len(sets[dns.TypeCDS]), len(sets[dns.TypeCDNSKEY]))
		}
		cds := &sets[dns.TypeCDS][0].(*dns.CDS).DS
		if want := spec.CDS == authzone.CDSMatching; matchesKey(cds) != want {
			t.Errorf("CDS %v matches a published key: %v, want %v", cds, !want, want)
		}
	} else if len(sets[dns.TypeCDS]) != 0 {
		t.Error("CDS published without being asked for")
	}
}
