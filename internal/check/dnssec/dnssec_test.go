package dnssec_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/netip"
	"os"
	"path/filepath"
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
	{name: "bogus-missing-denial", status: dv.Bogus, want: []string{dc.IDBogus},
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
	{name: "deprecated-rsasha1", status: dv.Secure, want: []string{dc.IDAlgDeprecated},
		setup: domainSpec(authzone.SignSpec{Algorithm: dns.RSASHA1, Bits: 1024, CSK: true, Digest: dns.SHA1})},
	{name: "nsec3-params", status: dv.Secure, want: []string{dc.IDNSEC3Params},
		setup: domainSpec(authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{Iterations: 10, Salt: "AABBCCDD"}})},
	{name: "nsec3-opt-out", status: dv.Secure, setup: domainSpec(authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{OptOut: true}})},
	{name: "cds-mismatch", status: dv.Secure, want: []string{dc.IDCDSMismatch}, setup: func(c *worlds.Chain) {
		c.Records = worlds.ChainRecords + "@\tCDS\t999 13 2 " + otherDigest + "\n"
	}},
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
	if s.noAnchor {
		anchors = nil
	}
	return d, anchors
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
		{"deprecated-rsasha1", dc.IDAlgDeprecated, "", "digest type SHA-1 (1): MUST NOT be used for DS publication"},
		{"nsec3-params", dc.IDNSEC3Params, "example.test./NSEC3PARAM", "10 iterations (want 0) and a 4-byte salt (want none)"},
		{"cds-mismatch", dc.IDCDSMismatch, "CDS 999/13/2", "matches no DNSKEY"},
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
		if !ok || got.Category != check.DNSSEC || !strings.HasPrefix(def.ID, "DNSSEC_") || len(check.ZonemasterCaseIDs(got.Zonemaster)) == 0 || len(got.References) == 0 {
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
