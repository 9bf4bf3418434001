package dnssec_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	dc "github.com/lac-dns-observatory/dnsobs/internal/check/dnssec"
	dv "github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

var update = flag.Bool("update", false, "rewrite testdata observations and golden files")

var at = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// otherDigest is a SHA-256 digest of no key.
const otherDigest = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"

type scenario struct {
	name     string
	setup    func(c *worlds.Chain) // changes the secure chain
	tamper   func(w *engine.World, addr netip.Addr, q dns.Question, m *dns.Msg)
	edit     func(d *observe.Domain) // changes the recorded observations
	noAnchor bool
	status   dv.Status
	want     []string // exactly these IDs, in any order, duplicates collapsed
}

func mustRR(s string) dns.RR {
	rr, err := dns.NewRR(s)
	if err != nil {
		panic(err)
	}
	return rr
}

// domainSpec signs example.test. as spec says.
func domainSpec(spec authzone.SignSpec) func(c *worlds.Chain) {
	return func(c *worlds.Chain) { c.Domain = &spec }
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var scenarios = []scenario{
	{name: "secure", status: dv.Secure},
	{name: "secure-nsec3", status: dv.Secure, setup: domainSpec(authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{}})},
	{name: "bogus-bad-signature", status: dv.Bogus, want: []string{dc.IDBogus},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{BadSignature: true}})},
	{name: "bogus-expired", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDRRSIGExpired},
		setup: domainSpec(authzone.SignSpec{Inception: day(2026, 1, 1).Sub(at), Expiration: day(2026, 2, 1).Sub(at)})},
	{name: "bogus-not-yet-valid", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDRRSIGNotYet},
		setup: domainSpec(authzone.SignSpec{Inception: day(2026, 4, 1).Sub(at), Expiration: day(2026, 5, 1).Sub(at)})},
	{name: "bogus-ds-mismatch", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDDSNoMatch}, setup: func(c *worlds.Chain) {
		c.TLDExtra = "example\tDS\t4242 13 2 " + otherDigest + "\n"
	}},
	{name: "bogus-missing-soa-rrsig", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDRRSIGMissing},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{UnsignedRRset: true}})},
	{name: "bogus-missing-denial", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDDenialMissing},
		tamper: func(_ *engine.World, _ netip.Addr, _ dns.Question, m *dns.Msg) {
			if m.Rcode == dns.RcodeNameError { // the denial proof stripped
				var keep []dns.RR
				for _, rr := range m.Ns {
					t := rr.Header().Rrtype
					if s, ok := rr.(*dns.RRSIG); ok {
						t = s.TypeCovered
					}
					if t != dns.TypeNSEC && t != dns.TypeNSEC3 {
						keep = append(keep, rr)
					}
				}
				m.Ns = keep
			}
		}},
	{name: "expiring", status: dv.Secure, want: []string{dc.IDRRSIGExpiring},
		setup: domainSpec(authzone.SignSpec{Expiration: 3 * 24 * time.Hour})},
	{name: "deprecated-rsasha1", status: dv.Secure, want: []string{dc.IDAlgDeprecated, dc.IDDSDigestDeprecated, dc.IDRSAKeySize},
		setup: domainSpec(authzone.SignSpec{Algorithm: dns.RSASHA1, Bits: 1024, CSK: true, Digest: dns.SHA1})},
	{name: "nsec3-params", status: dv.Secure, want: []string{dc.IDNSEC3Params},
		setup: domainSpec(authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{Iterations: 10, Salt: "AABBCCDD"}})},
	{name: "nsec3-opt-out", status: dv.Secure, setup: domainSpec(authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{OptOut: true}})},
	// A CDS of no key, without CDNSKEY.
	{name: "cds-no-key", status: dv.Secure, want: []string{dc.IDCDSInvalid, dc.IDCDSInconsistent}, setup: func(c *worlds.Chain) {
		c.Records = worlds.ChainRecords + "@\tCDS\t999 13 2 " + otherDigest + "\n"
	}},
	{name: "cds-ghost-key", status: dv.Secure, want: []string{dc.IDCDSInvalid}, setup: domainSpec(authzone.SignSpec{CDS: authzone.CDSMismatch})},
	{name: "cds-disagree", status: dv.Secure, want: []string{dc.IDCDSMismatch}, setup: domainSpec(authzone.SignSpec{CDS: authzone.CDSDisagree})},
	{name: "cds-only", status: dv.Secure, want: []string{dc.IDCDSInconsistent}, setup: domainSpec(authzone.SignSpec{CDS: authzone.CDSOnly})},
	{name: "cdnskey-delete-only", status: dv.Secure, want: []string{dc.IDCDSInconsistent}, setup: func(c *worlds.Chain) {
		c.Records = worlds.ChainRecords + "@\tCDNSKEY\t0 3 0 AA==\n"
	}},
	{name: "cds-of-zsk", status: dv.Secure, want: []string{dc.IDCDSInvalid}, setup: domainSpec(authzone.SignSpec{CDS: authzone.CDSZSK})},
	{name: "cds-untrusted", status: dv.Secure, want: []string{dc.IDCDSNotTrusted}, setup: domainSpec(authzone.SignSpec{CDS: authzone.CDSUntrusted})},
	{name: "cds-untrusted-no-anchor", noAnchor: true, status: dv.Indeterminate, want: []string{dc.IDCDSNotTrusted},
		setup: domainSpec(authzone.SignSpec{CDS: authzone.CDSUntrusted})},
	// The DS digest and algorithm numbers (dnssec01, dnssec05).
	{name: "ds-sha1", status: dv.Secure, want: []string{dc.IDDSDigestDeprecated}, setup: domainSpec(authzone.SignSpec{Digest: dns.SHA1})},
	{name: "ds-gost-only", status: dv.Insecure, want: []string{dc.IDDSDigestDeprecated}, setup: func(c *worlds.Chain) {
		c.TLDExtra = "example\tDS\t4242 13 3 " + otherDigest + "\n"
	}},
	{name: "ds-digest-reserved", status: dv.Insecure, want: []string{dc.IDDSDigestUnknown}, setup: func(c *worlds.Chain) {
		c.TLDExtra = "example\tDS\t4242 13 0 " + otherDigest + "\n"
	}},
	{name: "ds-digest-unassigned-extra", status: dv.Secure, want: []string{dc.IDDSDigestUnknown},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{ExtraDSDigest: 7}})},
	{name: "ds-algorithm-private-extra", status: dv.Secure, want: []string{dc.IDAlgUnknown, dc.IDDSNoMatch},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{ExtraDSAlgorithm: 253}})},
	{name: "ds-algorithm-unassigned", status: dv.Insecure, want: []string{dc.IDAlgUnknown, dc.IDDSNoMatch}, setup: func(c *worlds.Chain) {
		c.TLDExtra = "example\tDS\t1111 100 2 " + otherDigest + "\n"
	}},
	{name: "ds-unknown-no-anchor", noAnchor: true, status: dv.Indeterminate, want: []string{dc.IDAlgUnknown, dc.IDDSDigestUnknown},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{ExtraDSAlgorithm: 200, ExtraDSDigest: 200}})},
	// A key of a reserved algorithm slipped into the DNSKEY answers: unknown,
	// it signs nothing, and the RRSIGs over the set no longer verify.
	{name: "dnskey-algorithm-reserved", status: dv.Bogus,
		want: []string{dc.IDBogus, dc.IDAlgUnknown, dc.IDAlgIncomplete, dc.IDDNSKEYNotSigned},
		tamper: func(_ *engine.World, _ netip.Addr, q dns.Question, m *dns.Msg) {
			if q.Qtype == dns.TypeDNSKEY && q.Name == worlds.ChainDomain && len(m.Answer) > 0 {
				m.Answer = append(m.Answer, mustRR(worlds.ChainDomain+"\t3600\tIN\tDNSKEY\t256 3 200 AwEAAQ=="))
			}
		}},
	// Signature lifetimes (dnssec04): 12 hours to 180 days.
	{name: "lifetime-short", status: dv.Secure, want: []string{dc.IDRRSIGLifetime, dc.IDRRSIGExpiring},
		setup: domainSpec(authzone.SignSpec{Expiration: 6 * time.Hour})},
	{name: "lifetime-long", status: dv.Secure, want: []string{dc.IDRRSIGLifetime},
		setup: domainSpec(authzone.SignSpec{Expiration: 400 * 24 * time.Hour})},
	{name: "lifetime-long-no-anchor", noAnchor: true, status: dv.Indeterminate, want: []string{dc.IDRRSIGLifetime},
		setup: domainSpec(authzone.SignSpec{Expiration: 400 * 24 * time.Hour})},
	{name: "lifetime-within-bounds", status: dv.Secure,
		setup: domainSpec(authzone.SignSpec{Inception: -24 * time.Hour, Expiration: 170 * 24 * time.Hour})},
	// Key roles (dnssec08) and algorithms (dnssec12, dnssec13, dnssec14).
	{name: "dnskey-by-zsk", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDDNSKEYNotSigned},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{DNSKEYByZSK: true}})},
	{name: "dnskey-by-zsk-no-anchor", noAnchor: true, status: dv.Indeterminate, want: []string{dc.IDDNSKEYNotSigned},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{DNSKEYByZSK: true}})},
	{name: "dnskey-bad-signature", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDDNSKEYNotSigned},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{BadSignature: true, RRset: dns.TypeDNSKEY}})},
	{name: "algorithm-incomplete", status: dv.Secure, want: []string{dc.IDAlgIncomplete},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{ExtraAlgorithm: dns.ED25519}})},
	{name: "algorithm-incomplete-under-bogus-tld", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDAlgIncomplete}, setup: func(c *worlds.Chain) {
		c.TLD = &authzone.SignSpec{CSK: true, Faults: authzone.SignFaults{BadSignature: true, RRset: dns.TypeDNSKEY}}
		c.Domain = &authzone.SignSpec{Faults: authzone.SignFaults{ExtraAlgorithm: dns.ED25519}}
	}},
	{name: "rsasha256-2048", status: dv.Secure, setup: domainSpec(authzone.SignSpec{Algorithm: dns.RSASHA256})},
	{name: "rsasha256-1024", status: dv.Secure, want: []string{dc.IDRSAKeySize},
		setup: domainSpec(authzone.SignSpec{Algorithm: dns.RSASHA256, Bits: 1024, CSK: true})},
	// Denial of existence (dnssec10, dnssec03).
	{name: "denial-missing", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDDenialMissing},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{NoDenial: true}})},
	{name: "denial-missing-nsec3-no-anchor", noAnchor: true, status: dv.Indeterminate, want: []string{dc.IDDenialMissing},
		setup: domainSpec(authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{}, Faults: authzone.SignFaults{NoDenial: true}})},
	{name: "denial-nsec-with-nsec3param", status: dv.Secure, want: []string{dc.IDDenialInconsistent},
		setup: domainSpec(authzone.SignSpec{Faults: authzone.SignFaults{StrayNSEC3PARAM: true}})},
	{name: "denial-nsec3param-differs", status: dv.Secure, want: []string{dc.IDDenialInconsistent, dc.IDNSEC3Params},
		setup: domainSpec(authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{}, Faults: authzone.SignFaults{StrayNSEC3PARAM: true}})},
	{name: "denial-mixed", status: dv.Secure, want: []string{dc.IDDenialInconsistent, dc.IDRRSIGMissing},
		setup: domainSpec(authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{}}),
		tamper: func(_ *engine.World, _ netip.Addr, _ dns.Question, m *dns.Msg) {
			if m.Rcode == dns.RcodeNameError { // an unsigned NSEC beside the NSEC3 proof
				m.Ns = append(m.Ns, mustRR("example.test.\t300\tIN\tNSEC\tns1.example.test. NS SOA RRSIG NSEC DNSKEY"))
			}
		}},
	// A server that answers DO queries without signatures (dnssec06).
	{name: "server-drops-signatures", status: dv.Secure, want: []string{dc.IDNSNoSignatures},
		edit: stripSignatures(observe.PurposeEDNSDO)},
	{name: "server-drops-signatures-no-anchor", noAnchor: true, status: dv.Indeterminate, want: []string{dc.IDNSNoSignatures},
		edit: stripSignatures(observe.PurposeEDNSDO, observe.PurposeEDNSSize)},
	{name: "cds-delete", status: dv.Secure, setup: func(c *worlds.Chain) {
		c.Records = worlds.ChainRecords + "@\tCDS\t0 0 0 00\n@\tCDNSKEY\t0 3 0 AA==\n"
	}},
	{name: "cds-matching", status: dv.Secure, setup: domainSpec(authzone.SignSpec{CDS: authzone.CDSMatching})},
	{name: "unsigned", status: dv.Insecure, want: []string{dc.IDUnsigned}, setup: func(c *worlds.Chain) { c.Domain = nil }},
	{name: "unsupported-algorithm", status: dv.Insecure, want: []string{dc.IDDSNoMatch}, setup: func(c *worlds.Chain) {
		c.TLDExtra = "example\tDS\t1111 16 2 " + otherDigest + "\n"
	}},
	{name: "no-anchor", noAnchor: true, status: dv.Indeterminate},
	// Zone-level checks judge the domain's own zone from its parent's DS,
	// whatever happens above it (issue 14, item 2).
	{name: "unsigned-no-anchor", noAnchor: true, status: dv.Indeterminate, want: []string{dc.IDUnsigned},
		setup: func(c *worlds.Chain) { c.Domain = nil }},
	{name: "unsigned-with-ds-unsigned-root-no-anchor", noAnchor: true, status: dv.Indeterminate,
		want: []string{dc.IDUnsigned, dc.IDDSNoMatch}, setup: func(c *worlds.Chain) {
			c.Root, c.TLD, c.Domain = nil, nil, nil
			c.TLDExtra = "example\tDS\t4242 13 2 " + otherDigest + "\n"
		}},
	{name: "unsigned-with-ds", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDUnsigned, dc.IDDSNoMatch},
		setup: func(c *worlds.Chain) {
			c.Domain = nil
			c.TLDExtra = "example\tDS\t4242 13 2 " + otherDigest + "\n"
		}},
	{name: "expired-under-bogus-tld", status: dv.Bogus, want: []string{dc.IDBogus, dc.IDRRSIGExpired}, setup: func(c *worlds.Chain) {
		c.TLD = &authzone.SignSpec{CSK: true, Faults: authzone.SignFaults{BadSignature: true}}
		c.Domain = &authzone.SignSpec{Inception: day(2026, 1, 1).Sub(at), Expiration: day(2026, 2, 1).Sub(at)}
	}},
	{name: "expired-no-anchor", noAnchor: true, status: dv.Indeterminate, want: []string{dc.IDRRSIGExpired},
		setup: domainSpec(authzone.SignSpec{Inception: day(2026, 1, 1).Sub(at), Expiration: day(2026, 2, 1).Sub(at)})},
	{name: "nsec3-params-no-anchor", noAnchor: true, status: dv.Indeterminate, want: []string{dc.IDNSEC3Params},
		setup: domainSpec(authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{Iterations: 10, Salt: "AABBCCDD"}})},
}

// observeScenario builds the scenario's world (root and test. signed with a
// CSK each, example.test. with a KSK and a ZSK unless the setup says
// otherwise) and runs the collector on example.test. through it.
func observeScenario(t *testing.T, s scenario) (*observe.Domain, []dns.RR) {
	t.Helper()
	c := worlds.Chain{Root: &authzone.SignSpec{CSK: true}, TLD: &authzone.SignSpec{CSK: true}, Domain: &authzone.SignSpec{}}
	if s.setup != nil {
		s.setup(&c)
	}
	d, anchors, err := labcheck.ObserveChain(context.Background(), c, at, s.tamper)
	if err != nil {
		t.Fatal(err)
	}
	if s.edit != nil {
		s.edit(d)
	}
	if s.noAnchor {
		anchors = nil
	}
	return d, anchors
}

// stripSignatures removes the RRSIGs from the recorded responses to the
// probes of these purposes: a server that drops them, while the queries
// the validator reads (asked of the same server) keep theirs.
func stripSignatures(purposes ...string) func(d *observe.Domain) {
	return func(d *observe.Domain) {
		for i, q := range d.Queries {
			if !slices.Contains(purposes, q.Purpose) || q.Msg() == nil {
				continue
			}
			m := q.Msg().Copy()
			var keep []dns.RR
			for _, rr := range m.Answer {
				if rr.Header().Rrtype != dns.TypeRRSIG {
					keep = append(keep, rr)
				}
			}
			m.Answer = keep
			wire, err := m.Pack()
			if err != nil {
				panic(err)
			}
			d.Queries[i] = &observe.Query{Seq: q.Seq, Purpose: q.Purpose, Zone: q.Zone, Server: q.Server, Transport: q.Transport,
				QName: q.QName, QType: q.QType, QClass: q.QClass, EDNS: q.EDNS, SentAt: q.SentAt, RTT: q.RTT,
				Attempts: q.Attempts, Status: q.Status, Response: wire}
		}
	}
}

func ids(fs []check.Finding) []string {
	set := map[string]bool{}
	for _, f := range fs {
		set[f.ID] = true
	}
	var out []string
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func TestCheck(t *testing.T) {
	fired := map[string]bool{}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			d, anchors := observeScenario(t, s)
			r := dv.Analyze(d, anchors, at)
			if r.Status != s.status {
				t.Fatalf("status = %s (%s), want %s", r.Status, r.Reason, s.status)
			}
			fs := dc.Check(&analyze.Input{Domain: d, At: at, DNSSEC: r})
			want := append([]string(nil), s.want...)
			sort.Strings(want)
			if got := ids(fs); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Fatalf("findings %v, want %v\n%+v", got, want, fs)
			}
			for _, f := range fs {
				fired[f.ID] = true
				if len(f.Evidence) == 0 {
					t.Errorf("%s about %s has no evidence", f.ID, f.Subject)
				}
				for _, seq := range f.Evidence {
					if d.Query(seq) == nil {
						t.Errorf("%s cites unknown query %d", f.ID, seq)
					}
				}
				if f.Subject == "" || f.Detail == "" {
					t.Errorf("%s lacks subject or detail: %+v", f.ID, f)
				}
			}
		})
	}
	for _, def := range dc.Definitions {
		if !fired[def.ID] {
			t.Errorf("%s fired in no scenario", def.ID)
		}
	}
}

func TestCheckDetails(t *testing.T) {
	find := func(fs []check.Finding, id string) *check.Finding {
		for i := range fs {
			if fs[i].ID == id {
				return &fs[i]
			}
		}
		return nil
	}
	run := func(name string) []check.Finding {
		for _, s := range scenarios {
			if s.name == name {
				d, anchors := observeScenario(t, s)
				return dc.Check(&analyze.Input{Domain: d, At: at, DNSSEC: dv.Analyze(d, anchors, at)})
			}
		}
		t.Fatalf("no scenario %s", name)
		return nil
	}
	tests := []struct {
		scenario, id, subject, detail string
	}{
		{"bogus-ds-mismatch", dc.IDDSNoMatch, "DS 4242/13/2", "no DNSKEY of example.test. has key tag 4242"},
		{"bogus-expired", dc.IDRRSIGExpired, "", "expired 2026-02-01T00:00:00Z"},
		{"bogus-expired", dc.IDBogus, "example.test.", "signature expired 2026-02-01T00:00:00Z"},
		{"bogus-not-yet-valid", dc.IDRRSIGNotYet, "", "valid from 2026-04-01T00:00:00Z"},
		{"bogus-missing-soa-rrsig", dc.IDRRSIGMissing, "example.test./SOA", "no RRSIG"},
		{"expiring", dc.IDRRSIGExpiring, "", "in 72h0m0s"},
		{"deprecated-rsasha1", dc.IDAlgDeprecated, "", "RSASHA1 (5): MUST NOT be used for signing (RFC 9905)"},
		{"deprecated-rsasha1", dc.IDDSDigestDeprecated, "", "digest type SHA-1 (1): MUST NOT be used for DS publication"},
		{"deprecated-rsasha1", dc.IDRSAKeySize, "", "1024-bit RSA key (2048 bits at least)"},
		{"ds-gost-only", dc.IDDSDigestDeprecated, "DS 4242/13/3", "digest type GOST R 34.11-94 (3): MUST NOT"},
		{"ds-digest-reserved", dc.IDDSDigestUnknown, "DS 4242/13/0", "digest type 0 is reserved"},
		{"ds-digest-unassigned-extra", dc.IDDSDigestUnknown, "", "digest type 7 is not assigned"},
		{"ds-algorithm-private-extra", dc.IDAlgUnknown, "", "algorithm 253 is a private algorithm"},
		{"ds-algorithm-unassigned", dc.IDAlgUnknown, "DS 1111/100/2", "algorithm 100 is not assigned"},
		{"ds-unknown-no-anchor", dc.IDAlgUnknown, "", "algorithm 200 is reserved"},
		{"dnskey-algorithm-reserved", dc.IDAlgUnknown, "", "algorithm 200 is reserved"},
		{"dnskey-algorithm-reserved", dc.IDAlgIncomplete, "example.test.", "no RRSIG of algorithm ALG200 (200) over example.test./DNSKEY, example.test./SOA"},
		{"lifetime-short", dc.IDRRSIGLifetime, "example.test./SOA", "is valid for 7 hours only"},
		{"lifetime-long", dc.IDRRSIGLifetime, "example.test./DNSKEY", "is valid for 400 days"},
		{"dnskey-by-zsk", dc.IDDNSKEYNotSigned, "example.test.", "it is signed only by key"},
		{"dnskey-bad-signature", dc.IDDNSKEYNotSigned, "example.test.", "no RRSIG over it verifies with a key of the set"},
		{"algorithm-incomplete", dc.IDAlgIncomplete, "example.test.", "no RRSIG of algorithm ED25519 (15) over example.test./SOA"},
		{"cds-no-key", dc.IDCDSInvalid, "CDS 999/13/2", "matches no DNSKEY"},
		{"cds-no-key", dc.IDCDSInconsistent, "example.test.", "a CDS RRset and no CDNSKEY RRset"},
		{"cdnskey-delete-only", dc.IDCDSInconsistent, "example.test.", "a CDNSKEY RRset and no CDS RRset"},
		{"cds-of-zsk", dc.IDCDSInvalid, "", "the CDS RRset is not signed by key"},
		{"cds-of-zsk", dc.IDCDSInvalid, "", "the CDNSKEY RRset is not signed by key"},
		{"cds-untrusted", dc.IDCDSNotTrusted, "example.test./CDS", "the DS at the parent points to key"},
		{"cds-untrusted", dc.IDCDSNotTrusted, "example.test./CDNSKEY", "signed by key"},
		{"cds-disagree", dc.IDCDSMismatch, "example.test./CDS", "describe different keys"},
		{"denial-missing", dc.IDDenialMissing, "example.test.", "carries no NSEC or NSEC3 record"},
		{"denial-nsec-with-nsec3param", dc.IDDenialInconsistent, "example.test.", "the apex publishes NSEC3PARAM but"},
		{"denial-nsec3param-differs", dc.IDDenialInconsistent, "example.test.", "NSEC3PARAM says 1 iterations and salt -, the NSEC3 records 0 iterations and salt -"},
		{"denial-mixed", dc.IDDenialInconsistent, "example.test.", "mixes NSEC and NSEC3 records"},
		{"server-drops-signatures", dc.IDNSNoSignatures, "ns1.example.test. 127.0.0.30", "its answers to example.test./SOA with the DO bit carried no RRSIG"},
		{"nsec3-params", dc.IDNSEC3Params, "example.test./NSEC3PARAM", "10 iterations (want 0) and a 4-byte salt (want none)"},
		{"unsigned", dc.IDUnsigned, "example.test.", "no DS at the parent and no DNSKEY"},
	}
	cache := map[string][]check.Finding{}
	for _, tt := range tests {
		t.Run(tt.scenario+"/"+tt.id, func(t *testing.T) {
			fs, ok := cache[tt.scenario]
			if !ok {
				fs = run(tt.scenario)
				cache[tt.scenario] = fs
			}
			for _, f := range fs {
				if f.ID == tt.id && (tt.subject == "" || f.Subject == tt.subject) && strings.Contains(f.Detail, tt.detail) {
					return
				}
			}
			t.Errorf("no %s with subject %q and detail containing %q in %+v", tt.id, tt.subject, tt.detail, find(fs, tt.id))
		})
	}
}

func TestNilResult(t *testing.T) {
	if fs := dc.Check(&analyze.Input{}); fs != nil {
		t.Errorf("findings without a DNSSEC result: %+v", fs)
	}
}

func TestCatalog(t *testing.T) {
	for _, def := range dc.Definitions {
		got, ok := check.Lookup(def.ID)
		prefixed := strings.HasPrefix(def.ID, "DNSSEC_") || def.ID == dc.IDNSNoSignatures
		if !ok || got.Category != check.DNSSEC || !prefixed || len(check.ZonemasterCaseIDs(got.Zonemaster)) == 0 || len(got.References) == 0 {
			t.Errorf("%s: registered %v, %+v", def.ID, ok, got)
		}
		for _, lang := range check.Languages {
			m := got.Text[lang].Message
			if !strings.Contains(m, "{subject}") {
				t.Errorf("%s/%s message lacks {subject}", def.ID, lang)
			}
		}
	}
}

// golden cases: observations recorded once (keys are random), findings
// compared with the golden file. go test -update rewrites the golden files
// and records the observations that are missing.
var goldenCases = []string{"secure", "bogus-expired", "bogus-ds-mismatch", "unsigned", "nsec3-params"}

type recorded struct {
	At      time.Time       `json:"at"`
	Anchors []string        `json:"anchors"`
	Domain  *observe.Domain `json:"domain"`
}

func TestGolden(t *testing.T) {
	for _, name := range goldenCases {
		t.Run(name, func(t *testing.T) {
			obsPath := filepath.Join("testdata", name+".observations.json")
			goldPath := filepath.Join("testdata", name+".golden.json")
			if _, err := os.Stat(obsPath); *update && err != nil {
				// Observations are recorded once (keys are random); delete
				// the file to record it again.
				for _, s := range scenarios {
					if s.name != name {
						continue
					}
					d, anchors := observeScenario(t, s)
					rec := recorded{At: at, Domain: d}
					for _, a := range anchors {
						rec.Anchors = append(rec.Anchors, a.String())
					}
					writeJSON(t, obsPath, rec)
				}
			}
			raw, err := os.ReadFile(obsPath)
			if err != nil {
				t.Fatalf("read observations (run with -update to create): %v", err)
			}
			var rec recorded
			if err := json.Unmarshal(raw, &rec); err != nil {
				t.Fatal(err)
			}
			var anchors []dns.RR
			for _, a := range rec.Anchors {
				anchors = append(anchors, mustRR(a))
			}
			fs := dc.Check(&analyze.Input{Domain: rec.Domain, At: rec.At, DNSSEC: dv.Analyze(rec.Domain, anchors, rec.At)})
			for i := range fs {
				check.Render(&fs[i], "en")
			}
			if fs == nil {
				fs = []check.Finding{}
			}
			if *update {
				writeJSON(t, goldPath, fs)
			}
			want, err := os.ReadFile(goldPath)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			got := marshal(t, fs)
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("findings differ from %s:\ngot:\n%s\nwant:\n%s", goldPath, got, want)
			}
		})
	}
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	if err := os.WriteFile(path, marshal(t, v), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDefsUsed(t *testing.T) { checktest.Used(t, check.DNSSEC) }
