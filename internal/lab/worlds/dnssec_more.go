package worlds

import (
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// dnssecMore returns the scenarios of the DNSSEC checks added by issue 14
// (key and digest algorithms, signature lifetimes, key roles, CDS/CDNSKEY,
// denial of existence, a server that drops signatures), each a zone on
// hosta and hostb signed with one fault.
func (b *builder) dnssecMore() []scenario {
	one := func(label, condition string, spec authzone.SignSpec, expect ...string) scenario {
		sc := signed(label, expect[0], condition, spec)
		sc.Expect = expect
		return sc
	}
	out := []scenario{
		one("dnssec-ds-digest-deprecated", "the DS in test. has digest type SHA-1 (1) only",
			authzone.SignSpec{Digest: dns.SHA1}, "DNSSEC_DS_DIGEST_DEPRECATED"),
		one("dnssec-ds-unknown", "test. also has a copy of the DS with algorithm 200 and digest type 200 (both reserved)",
			authzone.SignSpec{Faults: authzone.SignFaults{ExtraDSAlgorithm: 200, ExtraDSDigest: 200}},
			"DNSSEC_ALGORITHM_UNKNOWN", "DNSSEC_DS_DIGEST_UNKNOWN"),
		one("dnssec-rrsig-lifetime", "every signature is valid for 400 days",
			authzone.SignSpec{Expiration: 400 * 24 * time.Hour}, "DNSSEC_RRSIG_LIFETIME"),
		one("dnssec-dnskey-not-signed", "the ZSK, not the KSK the DS points to, signs the DNSKEY RRset",
			authzone.SignSpec{Faults: authzone.SignFaults{DNSKEYByZSK: true}}, "DNSSEC_DNSKEY_NOT_SIGNED", "DNSSEC_BOGUS"),
		one("dnssec-algorithm-incomplete", "an ED25519 key signs the DNSKEY RRset and nothing else",
			authzone.SignSpec{Faults: authzone.SignFaults{ExtraAlgorithm: dns.ED25519}}, "DNSSEC_ALGORITHM_INCOMPLETE"),
		one("dnssec-cds-inconsistent", "a CDS of the KSK and no CDNSKEY",
			authzone.SignSpec{CDS: authzone.CDSOnly}, "DNSSEC_CDS_INCONSISTENT"),
		one("dnssec-cds-disagree", "CDS of the KSK, CDNSKEY of the KSK and the ZSK",
			authzone.SignSpec{CDS: authzone.CDSDisagree}, "DNSSEC_CDS_MISMATCH"),
		one("dnssec-cds-not-trusted", "CDS/CDNSKEY of a next KSK, signed by that key only (no DS for it yet)",
			authzone.SignSpec{CDS: authzone.CDSUntrusted}, "DNSSEC_CDS_NOT_TRUSTED"),
		one("dnssec-denial-missing", "NXDOMAIN answers carry no NSEC records",
			authzone.SignSpec{Faults: authzone.SignFaults{NoDenial: true}}, "DNSSEC_DENIAL_MISSING", "DNSSEC_BOGUS"),
		one("dnssec-denial-inconsistent", "NSEC denial, and an NSEC3PARAM record at the apex",
			authzone.SignSpec{Faults: authzone.SignFaults{StrayNSEC3PARAM: true}}, "DNSSEC_DENIAL_INCONSISTENT"),
	}

	// A second server that answers DO queries without signatures.
	const label, ns, a = "ns-dnssec-no-signatures", "ns1.ns-dnssec-no-signatures.test.", "127.53.48.1"
	s := b.server(ns, engine.Faults{NoDNSSEC: true}, a)
	b.network("127.53.48.0/24", 64548, "LAB-NS-DNSSEC-NO-SIGNATURES", "SV")
	out = append(out, scenario{
		Scenario: engine.Scenario{Domain: label + ".test.", Expect: []string{"NS_DNSSEC_NO_SIGNATURES"},
			Condition: "signed; ns1 answers DO queries without RRSIGs (hosta, asked the zone-level questions, signs)"},
		ns:    []string{HostA, ns},
		glue:  map[string][]string{HostA: {"127.53.10.1", "::1"}, ns: {a}},
		extra: "ns1\tA\t" + a + "\n",
		own:   []*engine.Server{s},
		hosts: []*engine.Server{b.hosta},
		spec:  &authzone.SignSpec{},
	})
	return out
}
