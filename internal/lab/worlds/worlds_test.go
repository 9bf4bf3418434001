package worlds_test

import (
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
)

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func TestDeterministic(t *testing.T) {
	a, err := worlds.Default(testNow)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	b, err := worlds.Default(testNow.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// A figure, not a verdict: BenchmarkDefault measures it.
	t.Logf("Default built in %s", time.Since(start))
	if a.TrustAnchor() != b.TrustAnchor() {
		t.Errorf("trust anchors differ between builds:\n%s\n%s", a.TrustAnchor(), b.TrustAnchor())
	}
	if a.Zone("dnssec-algorithm-deprecated.test.").Keys()[0].DNSKEY.PublicKey != b.Zone("dnssec-algorithm-deprecated.test.").Keys()[0].DNSKEY.PublicKey {
		t.Error("RSA keys differ between builds")
	}
}

func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := worlds.Default(testNow); err != nil {
			b.Fatal(err)
		}
	}
}

// A Chain world answers from its three zones: the root refers test. to
// its server, which refers the domain to its own, signed with a DS above.
func TestChain(t *testing.T) {
	w, err := worlds.Chain{Root: &authzone.SignSpec{}, TLD: &authzone.SignSpec{}, Domain: &authzone.SignSpec{}}.Build(testNow)
	if err != nil {
		t.Fatal(err)
	}
	if w.TrustAnchor() == "" || len(w.Zone(worlds.ChainDomain).DS()) != 1 {
		t.Fatalf("trust anchor %q, DS of the domain %v", w.TrustAnchor(), w.Zone(worlds.ChainDomain).DS())
	}
	if len(w.Zone("test.").RRset(worlds.ChainDomain, dns.TypeDS)) != 1 {
		t.Error("test. publishes no DS for the domain")
	}
}
