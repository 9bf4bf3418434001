package resolver_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

func newResolver(t *testing.T) (*resolver.Resolver, *engine.World) {
	t.Helper()
	w, err := worlds.Default(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	h, err := resolver.ParseHints(w.Hints(), "lab")
	if err != nil {
		t.Fatal(err)
	}
	c := transport.NewClient(w, transport.Policy{Lab: true}, transport.Options{Timeout: time.Second, Retries: -1})
	return resolver.New(c, h), w
}

func TestWalk(t *testing.T) {
	r, _ := newResolver(t)
	tests := []struct {
		domain string
		status observe.DelegationStatus
		parent string
		glue   bool
	}{
		{"healthy-signed.test", observe.Delegated, "test.", false},
		{"glue-missing.test", observe.Delegated, "test.", false},
		{"no-such-domain.test", observe.NotDelegated, "test.", false},
		{"test", observe.Delegated, ".", true},
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			log := &observe.Log{}
			d, path, err := r.Walk(context.Background(), log, tt.domain)
			if err != nil {
				t.Fatal(err)
			}
			if d.Status != tt.status || d.Parent != tt.parent {
				t.Errorf("status %s parent %s; want %s %s", d.Status, d.Parent, tt.status, tt.parent)
			}
			if len(path) == 0 || path[0].Zone != "." || path[len(path)-1].Zone != tt.parent {
				t.Errorf("path %v does not run from the root to %s", path, tt.parent)
			}
			if d.Status == observe.Delegated && len(d.NS) == 0 {
				t.Error("delegated without NS")
			}
			if tt.glue && len(d.Glue) == 0 {
				t.Error("no glue for an in-bailiwick delegation")
			}
			if d.ReferralSeq == 0 || log.Len() == 0 {
				t.Error("the referral was not recorded")
			}
		})
	}
}

// The delegation cache: a second walk under the same TLD starts at the TLD.
func TestWalkUsesCache(t *testing.T) {
	r, _ := newResolver(t)
	first := &observe.Log{}
	if _, _, err := r.Walk(context.Background(), first, "healthy-signed.test"); err != nil {
		t.Fatal(err)
	}
	second := &observe.Log{}
	if _, _, err := r.Walk(context.Background(), second, "healthy-unsigned.test"); err != nil {
		t.Fatal(err)
	}
	if second.Len() != 1 || first.Len() < 2 {
		t.Errorf("first walk %d queries, second %d; want the second to ask only the TLD", first.Len(), second.Len())
	}
}

func TestLookup(t *testing.T) {
	r, _ := newResolver(t)
	ans, err := r.Lookup(context.Background(), &observe.Log{}, observe.PurposeResolve, "ns1.hosta.test", dns.TypeA)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Addrs()) == 0 || ans.Rcode != dns.RcodeSuccess {
		t.Errorf("ns1.hosta.test A: %+v", ans)
	}
}

// Hostile delegations end in an error or an answer, never a hang.
func TestHostileEnds(t *testing.T) {
	r, w := newResolver(t)
	hostile := w.Hostile()
	if len(hostile) == 0 {
		t.Fatal("the lab has no hostile domains")
	}
	for _, name := range hostile {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			log := &observe.Log{}
			_, _, _ = r.Walk(ctx, log, name)
			_, err := r.Lookup(ctx, log, observe.PurposeResolve, "www."+name, dns.TypeA)
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				t.Fatalf("hung: %d queries", log.Len())
			}
			if log.Len() > 200 {
				t.Errorf("%d queries: limits on walks do not hold", log.Len())
			}
			t.Logf("%s: %d queries, lookup error %v", name, log.Len(), err)
		})
	}
	if !slices.Contains(hostile, "cname-loop.test.") {
		t.Fatal("the lab lost its CNAME loop")
	}
	_, err := r.Lookup(context.Background(), &observe.Log{}, observe.PurposeResolve, "www.cname-loop.test.", dns.TypeA)
	if !errors.Is(err, resolver.ErrCNAMELoop) {
		t.Errorf("www.cname-loop.test: err = %v, want ErrCNAMELoop", err)
	}
}

// The cut a walk ends at is kept apart from the zones that serve others,
// and still used for names below it.
func TestWalkKeepsDomainCutsApart(t *testing.T) {
	r, _ := newResolver(t)
	ctx := context.Background()
	if _, _, err := r.Walk(ctx, &observe.Log{}, "healthy-signed.test"); err != nil {
		t.Fatal(err)
	}
	cuts, leaves := r.CacheLen()
	if leaves != 1 {
		t.Errorf("after one walk: %d cuts, %d leaves; want the domain's cut among the leaves", cuts, leaves)
	}
	if _, ok := r.CachedCut("healthy-signed.test."); !ok {
		t.Error("the walked domain's cut is not cached")
	}
	log := &observe.Log{}
	if _, err := r.Lookup(ctx, log, observe.PurposeResolve, "www.healthy-signed.test", dns.TypeA); err != nil {
		t.Fatal(err)
	}
	if q := log.Query(1); log.Len() != 1 || q.Zone != "healthy-signed.test." {
		t.Errorf("a name below the walked domain took %d queries, the first in zone %q; want 1, asked of the domain's servers", log.Len(), q.Zone)
	}
	if _, err := r.Lookup(ctx, &observe.Log{}, observe.PurposeResolve, "ns1.hosta.test", dns.TypeA); err != nil {
		t.Fatal(err)
	}
	if c, l := r.CacheLen(); c != cuts+1 || l != leaves {
		t.Errorf("after a lookup under hosta.test: %d cuts, %d leaves; want %d and %d", c, l, cuts+1, leaves)
	}
}

// TestRefusedServersLast: a server the transport policy refuses (here the
// other family, as with check -6) is tried only after those it allows, so
// a walk whose first root server is refused still starts at an allowed one
// and records no refusal.
func TestRefusedServersLast(t *testing.T) {
	w, err := worlds.Default(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// A root server named first, at an IPv6 address the policy refuses
	// (-4), then the lab's own root servers.
	hints := ".\t3600000\tIN\tNS\tv6only.root.\nv6only.root.\t3600000\tIN\tAAAA\t::1\n" + w.Hints()
	h, err := resolver.ParseHints(hints, "lab")
	if err != nil {
		t.Fatal(err)
	}
	if !h.Addrs[0].Is6() {
		t.Fatalf("the refused server should come first in the hints: %v", h.Addrs)
	}
	for _, family := range []int{0, 4} {
		c := transport.NewClient(w, transport.Policy{Lab: true, Family: family}, transport.Options{Timeout: time.Second, Retries: -1})
		log := &observe.Log{}
		d, _, err := resolver.New(c, h).Walk(context.Background(), log, "healthy-signed.test")
		if err != nil || d.Status != observe.Delegated {
			t.Fatalf("family %d: walk = %v, %v", family, d.Status, err)
		}
		var refused, toV6 int
		for _, q := range log.Queries() {
			if q.Status == observe.StatusPolicy {
				refused++
			}
			if q.Server.Is6() {
				toV6++
			}
		}
		if refused != 0 {
			t.Errorf("family %d: %d refused queries recorded; the refused server should have come last", family, refused)
		}
		if family == 0 && toV6 == 0 {
			t.Errorf("without -4 the first hint (IPv6) should be asked first")
		}
	}
}
