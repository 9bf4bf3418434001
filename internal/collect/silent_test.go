package collect_test

import (
	"context"
	"errors"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/collect"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/gen"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// waiting is the in-memory world with real timeouts: where the world
// drops a query (a Silent server, an address without one), the exchange
// waits for the attempt's deadline as a socket would.
type waiting struct{ *engine.World }

func (w waiting) Exchange(ctx context.Context, s netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	b, err := w.World.Exchange(ctx, s, t, req)
	if errors.Is(err, transport.ErrTimeout) {
		<-ctx.Done()
	}
	return b, err
}

func (w waiting) Stream(ctx context.Context, s netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	b, err := w.World.Stream(ctx, s, req, max, done)
	if errors.Is(err, transport.ErrTimeout) {
		<-ctx.Done()
	}
	return b, err
}

type scanResult struct {
	wall      time.Duration
	queries   int64
	slowest   time.Duration
	silentMax int64 // the most queries sent to one silent address
}

// scanWorld collects every domain of w as a scan does (64 domains at once,
// one Shared) and says how long it took.
func scanWorld(t *testing.T, w *engine.World, domains []string, opt transport.Options) scanResult {
	t.Helper()
	hints, err := resolver.ParseHints(w.Hints(), "lab")
	if err != nil {
		t.Fatal(err)
	}
	cl := transport.NewClient(waiting{w}, transport.Policy{Lab: true}, opt)
	c := &collect.Collector{Resolver: resolver.New(cl, hints), Shared: collect.NewShared()}
	ctx := context.Background()
	work := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var slowest time.Duration
	start := time.Now()
	for range 64 {
		wg.Go(func() {
			for d := range work {
				t0 := time.Now()
				c.Domain(ctx, d, nil)
				el := time.Since(t0)
				mu.Lock()
				slowest = max(slowest, el)
				mu.Unlock()
			}
		})
	}
	for _, d := range domains {
		work <- d
	}
	close(work)
	wg.Wait()
	r := scanResult{wall: time.Since(start), queries: cl.Sent(), slowest: slowest}
	for _, s := range w.Servers() {
		if s.Faults.Silent {
			for _, a := range s.Addrs {
				r.silentMax = max(r.silentMax, cl.SentTo(a))
			}
		}
	}
	return r
}

// One silent server must not stall the scan: with a fifth of the hosting
// servers dropping every packet, a scan takes at most about twice the
// time of the same world without them (plus a few timeouts to learn which
// servers are silent), no domain waits more than a few timeouts, and a
// silent address is sent a bounded number of queries, not a few per
// domain. Before, workers queued behind one silent server's concurrency
// slots and retries, and behind shared lookups waiting on them: a
// 5,000-domain scan took 41 s against 4.4 s.
func TestSilentServersDoNotStallTheScan(t *testing.T) {
	if testing.Short() {
		t.Skip("scans a generated world twice")
	}
	const timeout = 200 * time.Millisecond
	opt := transport.Options{Timeout: timeout, DeadFor: 15 * timeout, Backoff: timeout / 10}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var healthy time.Duration
	for _, frac := range []float64{-1, 0.2} {
		w, domains, err := gen.Generate(gen.Options{Domains: 1500, Seed: 1, Now: now, SilentFrac: frac})
		if err != nil {
			t.Fatal(err)
		}
		r := scanWorld(t, w, domains, opt)
		t.Logf("silent fraction %.1f: %d domains in %s, %.1f queries/domain, slowest domain %s, most queries to one silent address %d",
			frac, len(domains), r.wall.Round(time.Millisecond), float64(r.queries)/float64(len(domains)), r.slowest.Round(time.Millisecond), r.silentMax)
		if frac < 0 {
			healthy = r.wall
			continue
		}
		// Wall times are figures (logged above; bench/scan measures them
		// on real servers): a busy machine stretches them. The counts are
		// the verdict: before, a silent address was sent a few queries per
		// domain (219 here), each waiting its timeout.
		t.Logf("silent / healthy wall time: %.2f", float64(r.wall)/float64(healthy))
		if r.silentMax > 16 {
			t.Errorf("a silent address was sent %d queries: want it to rest after a few", r.silentMax)
		}
	}
}
