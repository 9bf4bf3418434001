package transport

import (
	"context"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// silentEx never answers: each exchange waits for its deadline, as a
// socket to a server that drops every packet does. enter, when set, is
// told of the exchanges it has room for and gate holds them until closed.
// inflight and maxInflight count the exchanges out at once.
type silentEx struct {
	calls       atomic.Int32
	inflight    atomic.Int32
	maxInflight atomic.Int32
	enter       chan struct{}
	gate        chan struct{}
}

func (s *silentEx) Exchange(ctx context.Context, _ netip.AddrPort, _ observe.Transport, _ []byte) ([]byte, error) {
	s.calls.Add(1)
	n := s.inflight.Add(1)
	defer s.inflight.Add(-1)
	for {
		m := s.maxInflight.Load()
		if n <= m || s.maxInflight.CompareAndSwap(m, n) {
			break
		}
	}
	select {
	case s.enter <- struct{}{}:
	default:
	}
	select {
	case <-ctx.Done():
	case <-s.gate:
	}
	return nil, ErrTimeout
}

func (s *silentEx) Stream(ctx context.Context, a netip.AddrPort, b []byte, _ int, _ func([]byte) bool) ([][]byte, error) {
	_, err := s.Exchange(ctx, a, observe.TCP, b)
	return nil, err
}

// Many queries at once to a server that drops every packet cost one
// timeout: the first goes out (with its hedge), the others wait for its
// outcome, and are not sent once it rests. (Before, each waited its turn and sent all
// its attempts: 32 queries made 96 exchanges, 4 at a time.)
func TestClientSilentServerCostsOneTimeout(t *testing.T) {
	ex := &silentEx{}
	const timeout = 100 * time.Millisecond
	c := NewClient(ex, Policy{Lab: true}, Options{Timeout: timeout, Retries: 2, Backoff: 10 * time.Millisecond,
		ServerConcurrency: 4, DeadAfter: 4})
	srv := netip.MustParseAddr("127.0.0.9")
	var wg sync.WaitGroup
	start := time.Now()
	qs := make([]*observe.Query, 32)
	for i := range qs {
		wg.Go(func() {
			qs[i] = c.Do(context.Background(), nil, Request{Server: srv, QName: "example.org", QType: dns.TypeSOA})
		})
	}
	wg.Wait()
	// The time is a figure, not a verdict (a busy machine stretches it):
	// the counts are what must hold.
	t.Logf("32 queries to a silent server took %s (timeout %s)", time.Since(start), timeout)
	if n := ex.calls.Load(); n != 2 {
		t.Errorf("%d exchanges with a silent server for 32 queries, want 2 (the first query and its hedge; the others wait for them, then it rests)", n)
	}
	for _, q := range qs {
		if q.Status != observe.StatusTimeout {
			t.Errorf("status %s (%s), want timeout", q.Status, q.Error)
		}
	}
	if b := c.Busiest(1); b[0].Skipped < 24 {
		t.Errorf("Busiest = %+v: want the queries not sent counted as skipped", b)
	}
}

// After a rest one query tries the server again; the others are not sent
// while it is out, and a trial that times out doubles the rest.
func TestClientOneTrialAfterRest(t *testing.T) {
	var mu sync.Mutex
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	ex := &silentEx{}
	c := NewClient(ex, Policy{Lab: true}, Options{Timeout: 20 * time.Millisecond, Retries: -1, DeadAfter: 2,
		DeadFor: time.Minute, Now: clock})
	srv := netip.MustParseAddr("127.0.0.9")
	ask := func() *observe.Query {
		return c.Do(context.Background(), nil, Request{Server: srv, QName: "example.org", QType: dns.TypeSOA})
	}
	ask()
	ask()
	if ex.calls.Load() != 2 || ask().Attempts != 0 {
		t.Fatalf("%d calls; the server should rest after 2 timeouts", ex.calls.Load())
	}
	advance(time.Minute + time.Second)
	ex.enter, ex.gate = make(chan struct{}, 1), make(chan struct{})
	done := make(chan *observe.Query)
	go func() { done <- ask() }()
	<-ex.enter // the trial is out
	for range 10 {
		if q := ask(); q.Attempts != 0 || q.Error != "not sent: the server stopped answering; resting" {
			t.Fatalf("a query was sent while the trial was out: attempts %d, %s", q.Attempts, q.Error)
		}
	}
	close(ex.gate)
	if q := <-done; q.Attempts != 1 || q.Status != observe.StatusTimeout {
		t.Fatalf("trial: attempts %d, status %s", q.Attempts, q.Status)
	}
	ex.enter = nil
	if n := ex.calls.Load(); n != 3 {
		t.Fatalf("%d calls, want 3", n)
	}
	advance(time.Minute + time.Second) // the second rest is two minutes
	if ask(); ex.calls.Load() != 3 {
		t.Error("a trial that timed out did not double the rest")
	}
	advance(time.Minute)
	if ask(); ex.calls.Load() != 4 {
		t.Error("not tried again after the doubled rest")
	}
}

// A server that has never answered and drops the first query it is sent
// costs that query one timeout, not its retries one after the other: the
// retry goes out early (a hedge) and two timeouts rest such a server.
func TestClientLoneSilentServerCostsOneTimeout(t *testing.T) {
	ex := &silentEx{}
	const timeout = 200 * time.Millisecond
	c := NewClient(ex, Policy{Lab: true}, Options{Timeout: timeout, Retries: 4, Backoff: 20 * time.Millisecond})
	srv := netip.MustParseAddr("127.0.0.9")
	start := time.Now()
	q := c.Do(context.Background(), nil, Request{Server: srv, QName: "example.org", QType: dns.TypeSOA})
	t.Logf("one query to a silent server took %s (timeout %s)", time.Since(start), timeout)
	// The hedge is sent while the first copy is still out: two exchanges
	// in flight at once, so the query costs one timeout, not two in a row.
	if m := ex.maxInflight.Load(); m != 2 {
		t.Errorf("at most %d exchanges in flight at once; want 2 (the hedge goes out before the first copy times out)", m)
	}
	if q.Status != observe.StatusTimeout || q.Attempts != 2 || ex.calls.Load() != 2 {
		t.Errorf("status %s, attempts %d, %d exchanges; want timeout, 2, 2", q.Status, q.Attempts, ex.calls.Load())
	}
	if !c.Resting(srv) {
		t.Error("the silent server does not rest")
	}
}

// The per-server states are bounded: a run that meets more servers than
// the bound keeps the most recently used, and never drops one in use or
// resting (its rest and concurrency cap hold).
func TestClientServerStatesBounded(t *testing.T) {
	silent := netip.MustParseAddr("127.0.0.9")
	ex := &fakeEx{reply: func(req *dns.Msg, _ observe.Transport) ([]byte, error) {
		m := new(dns.Msg)
		m.SetReply(req)
		return packed(m), nil
	}}
	ex2 := &routeEx{silent: silent, ok: ex}
	c := NewClient(ex2, Policy{Lab: true}, Options{Retries: -1, ServerStates: 16, DeadFor: time.Hour})
	ask := func(a netip.Addr) *observe.Query {
		return c.Do(context.Background(), nil, Request{Server: a, QName: "example.org", QType: dns.TypeSOA})
	}
	ask(silent)
	ask(silent) // two timeouts: it rests
	if !c.Resting(silent) {
		t.Fatal("the silent server does not rest")
	}
	for i := range 1000 {
		ask(netip.AddrFrom4([4]byte{127, 1, byte(i >> 8), byte(i)}))
	}
	c.mu.Lock()
	n := c.servers.Len()
	c.mu.Unlock()
	if n > 16 {
		t.Errorf("%d server states after 1,001 servers, want at most 16", n)
	}
	if !c.Resting(silent) || ask(silent).Attempts != 0 {
		t.Error("the resting server's state was dropped: it is sent queries again")
	}
}

// routeEx times out for one address and passes the rest to ok.
type routeEx struct {
	silent netip.Addr
	ok     Exchanger
}

func (r *routeEx) Exchange(ctx context.Context, a netip.AddrPort, t observe.Transport, b []byte) ([]byte, error) {
	if a.Addr() == r.silent {
		return nil, ErrTimeout
	}
	return r.ok.Exchange(ctx, a, t, b)
}

func (r *routeEx) Stream(ctx context.Context, a netip.AddrPort, b []byte, max int, done func([]byte) bool) ([][]byte, error) {
	return nil, ErrRefused
}

// sourceEx drops every query on a connected socket (Exchange) and answers
// those from an unconnected one (ExchangeFrom) from another address.
type sourceEx struct {
	silentEx
	from netip.AddrPort
}

func (s *sourceEx) ExchangeFrom(_ context.Context, _ netip.AddrPort, req []byte) ([]byte, netip.AddrPort, error) {
	m := new(dns.Msg)
	if err := m.Unpack(req); err != nil {
		return nil, netip.AddrPort{}, err
	}
	r := new(dns.Msg)
	r.SetReply(m)
	b, err := r.Pack()
	return b, s.from, err
}

// An AnySource query is the diagnosis of a server that looks silent: it is
// sent even while the server rests, and its answer, from another address,
// is recorded with that address.
func TestClientAnySourceWhileResting(t *testing.T) {
	ex := &sourceEx{from: netip.MustParseAddrPort("127.0.0.10:53")}
	c := NewClient(ex, Policy{Lab: true}, Options{Timeout: 50 * time.Millisecond, Retries: 2, Backoff: time.Millisecond, DeadAfter: 4})
	srv := netip.MustParseAddr("127.0.0.9")
	r := Request{Server: srv, QName: "example.org", QType: dns.TypeSOA}
	c.Do(context.Background(), nil, r)
	if !c.Resting(srv) {
		t.Fatal("the silent server does not rest")
	}
	if q := c.Do(context.Background(), nil, r); q.Error != observe.NotSent {
		t.Errorf("a plain query to a resting server: %s %q, want not sent", q.Status, q.Error)
	}
	r.AnySource, r.OneTry = true, true
	q := c.Do(context.Background(), nil, r)
	if q.Status != observe.StatusOK || q.From != ex.from.Addr() {
		t.Errorf("AnySource to a resting server: %s %q from %v, want ok from %v", q.Status, q.Error, q.From, ex.from.Addr())
	}
}
