package transport

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/netip"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"github.com/miekg/dns"
	"golang.org/x/time/rate"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Request describes one query to send.
type Request struct {
	Purpose   string
	Zone      string
	Server    netip.Addr
	Transport observe.Transport // UDP when empty
	QName     string
	QType     uint16
	QClass    uint16 // IN when zero
	RD        bool
	CD        bool
	EDNS      *observe.EDNS // nil: no OPT record
	// OneTry sends no retry after a timeout: the caller has another
	// server to ask the same question (a resolver at a zone cut).
	OneTry bool
	// AnySource takes a UDP answer from whatever address sends it (an
	// unconnected socket) and records that address in the Query's From.
	// Every other query is sent on a connected socket, which the kernel
	// never gives an answer from another address. Honoured when the
	// Exchanger is a SourceExchanger; otherwise the query goes as usual.
	// It is the diagnosis of a server that looks silent over UDP, so it is
	// sent even while that server rests (the caller sends it once per
	// address per run); rates, concurrency and policy still apply.
	AnySource bool
}

// Options configure a Client. Zero values take the defaults in brackets.
type Options struct {
	Timeout           time.Duration // per attempt [2s]
	Retries           int           // extra attempts after a UDP timeout [2]; negative means none
	Backoff           time.Duration // wait before the first retry, doubled each time [200ms]
	QPS               float64       // global query rate [unlimited]
	ServerQPS         float64       // per server address [unlimited]
	ServerConcurrency int           // queries in flight per server address [4]
	DeadAfter         int           // consecutive timeouts after which a server gets no retries and a rest [4]
	DeadFor           time.Duration // how long a server that stopped answering is first not sent queries [30s]
	MaxRest           time.Duration // the longest rest: each failed trial after one doubles it [16·DeadFor]
	ServerStates      int           // per-server states kept (rates, slots, rests), least recently used dropped first [ServerStatesSize]
	Port              uint16        // destination port [53]
	Now               func() time.Time
}

// Client sends queries through an Exchanger and records each as an
// observe.Query. It is safe for concurrent use.
type Client struct {
	ex     Exchanger
	policy Policy
	opt    Options
	global *rate.Limiter
	sent   atomic.Int64
	byUse  sync.Map // purpose → *atomic.Int64: queries sent for it

	mu      sync.Mutex
	servers *simplelru.LRU[netip.Addr, *serverState] // bounded by evictIdle, not by the LRU itself
}

// ServerStatesSize is the default bound of the per-server states: 65,536
// addresses, about 400 bytes each (slots, limiter, counters). A state in
// use (a query to the server in progress, or the server resting) is never
// dropped, so a server's concurrency cap, rate and rest hold while it
// matters; an idle state dropped and made again starts afresh, which for
// the least recently used of 65,536 servers is what it would be anyway
// (its rate limiter refilled, no rest). Counts per server (SentTo,
// Busiest) cover the states kept.
const ServerStatesSize = 1 << 16

type serverState struct {
	lim       *rate.Limiter
	sem       chan struct{}
	sent      atomic.Int64
	users     atomic.Int32  // queries holding it (Do, AXFR): it is not dropped meanwhile
	timeouts  atomic.Int32  // consecutive
	restUntil atomic.Int64  // unix nanoseconds: not queried before then
	rest      atomic.Int64  // the length of the last rest, nanoseconds; 0 when answering
	trial     atomic.Bool   // a query after a rest is in flight: the others wait for its outcome by not being sent
	alive     atomic.Bool   // it has answered in this run
	first     atomic.Bool   // a query claimed first contact (see Do)
	firstDone chan struct{} // closed when the first contact's first attempt is over
	firstOnce sync.Once
	inflight  atomic.Int32 // exchanges out
	skipped   atomic.Int64 // queries not sent because it rested
}

// NewClient returns a Client over ex that refuses what policy refuses.
func NewClient(ex Exchanger, policy Policy, opt Options) *Client {
	if opt.Timeout <= 0 {
		opt.Timeout = 2 * time.Second
	}
	if opt.Retries == 0 {
		opt.Retries = 2
	}
	if opt.Retries < 0 {
		opt.Retries = 0
	}
	if opt.Backoff <= 0 {
		opt.Backoff = 200 * time.Millisecond
	}
	if opt.ServerConcurrency <= 0 {
		opt.ServerConcurrency = 4
	}
	if opt.DeadAfter <= 0 {
		opt.DeadAfter = 4
	}
	if opt.DeadFor <= 0 {
		opt.DeadFor = 30 * time.Second
	}
	if opt.MaxRest < opt.DeadFor {
		opt.MaxRest = 16 * opt.DeadFor
	}
	if opt.Port == 0 {
		opt.Port = 53
	}
	if opt.ServerStates <= 0 {
		opt.ServerStates = ServerStatesSize
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	servers, _ := simplelru.NewLRU[netip.Addr, *serverState](math.MaxInt32, nil) // only fails for a size < 1
	c := &Client{ex: ex, policy: policy, opt: opt, servers: servers}
	if opt.QPS > 0 {
		c.global = rate.NewLimiter(rate.Limit(opt.QPS), max(1, int(opt.QPS/10)))
	}
	return c
}

// Sent is the number of queries put on the wire (retries included).
func (c *Client) Sent() int64 { return c.sent.Load() }

// count records one query put on the wire to s for purpose.
func (c *Client) count(s *serverState, purpose string) {
	c.sent.Add(1)
	s.sent.Add(1)
	n, ok := c.byUse.Load(purpose)
	if !ok {
		n, _ = c.byUse.LoadOrStore(purpose, new(atomic.Int64))
	}
	n.(*atomic.Int64).Add(1)
}

// SentFor returns the queries put on the wire per purpose (retries
// included), e.g. "probe.soa_udp" → 3229: what a scan spends its queries on.
func (c *Client) SentFor() map[string]int64 {
	out := map[string]int64{}
	c.byUse.Range(func(k, v any) bool {
		out[k.(string)] = v.(*atomic.Int64).Load()
		return true
	})
	return out
}

// SentTo is the number of queries put on the wire to one server address.
func (c *Client) SentTo(a netip.Addr) int64 {
	c.mu.Lock()
	s, ok := c.servers.Peek(a)
	c.mu.Unlock()
	if !ok {
		return 0
	}
	return s.sent.Load()
}

// ServerCount is queries sent to one address and queries not sent because
// it had stopped answering.
type ServerCount struct {
	Addr    netip.Addr
	Sent    int64
	Skipped int64
}

// Busiest returns the n addresses sent the most queries, most first.
func (c *Client) Busiest(n int) []ServerCount {
	c.mu.Lock()
	out := make([]ServerCount, 0, c.servers.Len())
	for _, a := range c.servers.Keys() {
		s, _ := c.servers.Peek(a)
		out = append(out, ServerCount{Addr: a, Sent: s.sent.Load(), Skipped: s.skipped.Load()})
	}
	c.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Sent != out[j].Sent {
			return out[i].Sent > out[j].Sent
		}
		return out[i].Addr.Less(out[j].Addr)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// A server that stops answering costs its own timeouts once, not every
// domain's time. After DeadAfter consecutive timeouts it rests: for
// DeadFor, then for twice as long after each trial that times out, up to
// MaxRest. While it rests, and while the one trial query allowed after a
// rest is in flight, its queries are not sent and fail at once, also
// those that were already waiting for one of its concurrency slots or
// for a retry (the check is made before each attempt). One answer ends
// the rest.

// pass says what an attempt to s may do now: go (trial: as the one trial
// after a rest; the caller must end it with endTrial) or not be sent.
func (s *serverState) pass(now time.Time) (ok, trial bool) {
	until := s.restUntil.Load()
	switch {
	case until == 0:
		return true, false
	case now.UnixNano() < until:
		return false, false
	case s.trial.CompareAndSwap(false, true):
		if s.restUntil.Load() == 0 { // an answer ended the rest meanwhile
			s.trial.Store(false)
			return true, false
		}
		return true, true
	}
	return false, false // another query is the trial
}

// firstOver releases the queries waiting for the first contact.
func (s *serverState) firstOver() { s.firstOnce.Do(func() { close(s.firstDone) }) }

// answered notes an answer: the rest, if any, is over.
func (s *serverState) answered() {
	s.alive.Store(true)
	s.timeouts.Store(0)
	s.rest.Store(0)
	s.restUntil.Store(0)
}

// timedOut notes a timeout; the DeadAfter-th in a row, or a trial's,
// starts a rest (twice the last one after a trial).
func (s *serverState) timedOut(now time.Time, trial bool, o *Options) {
	n := int(s.timeouts.Add(1))
	switch {
	case trial:
		d := min(2*time.Duration(s.rest.Load()), o.MaxRest)
		s.rest.Store(int64(d))
		s.restUntil.Store(now.Add(d).UnixNano())
	case n >= s.deadAfter(o) && s.restUntil.Load() == 0:
		s.rest.Store(int64(o.DeadFor))
		s.restUntil.Store(now.Add(o.DeadFor).UnixNano())
	}
}

// deadAfter is how many timeouts in a row start a rest: DeadAfter, or
// two for a server that has not answered once in the run (a silent one
// is not sent every domain's retries while it takes four).
func (s *serverState) deadAfter(o *Options) int {
	if s.alive.Load() {
		return o.DeadAfter
	}
	return min(o.DeadAfter, 2)
}

// resting reports whether a query to s would not be sent now.
func (s *serverState) resting(now time.Time) bool {
	until := s.restUntil.Load()
	return until != 0 && (now.UnixNano() < until || s.trial.Load())
}

// Suspect reports whether a's last exchange timed out and it has not
// answered since, or it has not answered yet in this run and a query to
// it is out: a caller with a choice of servers asks the others first,
// rather than waiting behind queries to a server that may never answer.
func (c *Client) Suspect(a netip.Addr) bool {
	c.mu.Lock()
	s, ok := c.servers.Peek(a)
	c.mu.Unlock()
	return ok && (s.timeouts.Load() > 0 || (!s.alive.Load() && s.inflight.Load() > 0))
}

// Resting reports whether queries to a are not sent now: it stopped
// answering and rests, or the one trial after its rest is out.
func (c *Client) Resting(a netip.Addr) bool {
	c.mu.Lock()
	s, ok := c.servers.Peek(a)
	c.mu.Unlock()
	return ok && s.resting(c.opt.Now())
}

// Timeout is how long one attempt waits for its answer.
func (c *Client) Timeout() time.Duration { return c.opt.Timeout }

// Policy returns the policy the client enforces.
func (c *Client) Policy() Policy { return c.policy }

// server returns a's state, made if needed, held for the caller: call
// c.done(s) when finished with it.
func (c *Client) server(a netip.Addr) *serverState {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.servers.Get(a)
	if !ok {
		s = &serverState{sem: make(chan struct{}, c.opt.ServerConcurrency), firstDone: make(chan struct{})}
		if c.opt.ServerQPS > 0 {
			s.lim = rate.NewLimiter(rate.Limit(c.opt.ServerQPS), 1)
		}
		c.evictIdle()
		c.servers.Add(a, s)
	}
	s.users.Add(1)
	return s
}

// done releases s, held by server.
func (c *Client) done(s *serverState) { s.users.Add(-1) }

// evictIdle makes room for one more state when the bound is reached: it
// drops the least recently used state that is idle. One in use is made
// the most recent instead; after a few, the map grows past the bound
// (states in use are bounded by the queries in flight). Called with c.mu.
func (c *Client) evictIdle() {
	now := c.opt.Now()
	for range 8 {
		if c.servers.Len() < c.opt.ServerStates {
			return
		}
		a, s, _ := c.servers.GetOldest()
		if s.users.Load() == 0 && !s.resting(now) && (s.lim == nil || s.lim.Tokens() >= 1) {
			c.servers.Remove(a)
			continue
		}
		c.servers.Get(a) // in use: keep it, most recent
	}
}

// Build returns the message for r with a random ID.
func Build(r Request) *dns.Msg {
	m := new(dns.Msg)
	m.Id = uint16(rand.Uint32())
	class := r.QClass
	if class == 0 {
		class = dns.ClassINET
	}
	m.Question = []dns.Question{{Name: dns.Fqdn(r.QName), Qtype: r.QType, Qclass: class}}
	m.RecursionDesired = r.RD
	m.CheckingDisabled = r.CD
	if r.EDNS != nil {
		o := &dns.OPT{Hdr: dns.RR_Header{Name: ".", Rrtype: dns.TypeOPT}}
		o.SetUDPSize(r.EDNS.UDPSize)
		o.SetVersion(r.EDNS.Version)
		if r.EDNS.DO {
			o.SetDo()
		}
		o.SetZ(r.EDNS.Z)
		for _, code := range r.EDNS.Options {
			if code == dns.EDNS0NSID {
				o.Option = append(o.Option, &dns.EDNS0_NSID{Code: dns.EDNS0NSID})
				continue
			}
			o.Option = append(o.Option, &dns.EDNS0_LOCAL{Code: code, Data: []byte{}})
		}
		m.Extra = append(m.Extra, o)
	}
	return m
}

func (c *Client) record(r Request) *observe.Query {
	t := r.Transport
	if t == "" {
		t = observe.UDP
	}
	q := &observe.Query{
		Purpose: r.Purpose, Zone: r.Zone, Server: r.Server, Transport: t,
		QName: dns.Fqdn(r.QName), QType: dns.TypeToString[r.QType], RD: r.RD, EDNS: r.EDNS,
		SentAt: c.opt.Now(),
	}
	if r.QClass != 0 && r.QClass != dns.ClassINET {
		q.QClass = dns.ClassToString[r.QClass]
	}
	if q.QType == "" {
		q.QType = fmt.Sprintf("TYPE%d", r.QType)
	}
	return q
}

func (c *Client) admit(ctx context.Context, s *serverState) (release func(), err error) {
	if c.global != nil {
		if err := c.global.Wait(ctx); err != nil {
			return nil, err
		}
	}
	if s.lim != nil {
		if err := s.lim.Wait(ctx); err != nil {
			return nil, err
		}
	}
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return func() { <-s.sem }, nil
}

// Do sends r, with retries on UDP timeouts, records it in log (when not nil)
// and returns the observation. It never returns a Go error: outcomes are in
// the Query's Status.
func (c *Client) Do(ctx context.Context, log *observe.Log, r Request) *observe.Query {
	q := c.record(r)
	if log != nil {
		log.Add(q)
	}
	if err := c.policy.Check(r.Server); err != nil {
		q.Status, q.Error = observe.StatusPolicy, err.Error()
		return q
	}
	msg := Build(r)
	wire, err := msg.Pack()
	if err != nil {
		q.Status, q.Error = observe.StatusMalformed, "pack: "+err.Error()
		return q
	}
	s := c.server(r.Server)
	defer c.done(s)
	// First contact: the first UDP query to a server goes out alone, the
	// others wait for its first attempt (hedged, see below) before they
	// are sent. A server that answers is then queried as usual, after one
	// round trip; one that drops every packet rests, and they are not
	// sent, instead of each waiting a timeout of its own.
	contact := q.Transport == observe.UDP && s.first.CompareAndSwap(false, true)
	if contact {
		defer s.firstOver()
	}
	tries := 1 + c.opt.Retries
	if r.OneTry || q.Transport == observe.TCP || int(s.timeouts.Load()) >= s.deadAfter(&c.opt) {
		tries = 1
	}
	backoff := c.opt.Backoff
	dst := netip.AddrPortFrom(r.Server, c.opt.Port)
	for attempt := 1; attempt <= tries; attempt++ {
		if attempt > 1 {
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				q.Status, q.Error = observe.StatusTimeout, ctx.Err().Error()
				return q
			}
			backoff *= 2
		}
		release, trial, err := c.admitAttempt(ctx, s, contact, r.AnySource)
		if err != nil {
			q.Status, q.Error = observe.StatusTimeout, err.Error()
			return q
		}
		if release == nil {
			// It stopped answering: not hammered. The outcome is the same
			// as its last queries', a timeout; a first attempt says why
			// nothing was sent.
			if attempt == 1 {
				q.Status, q.Error = observe.StatusTimeout, notSent
			}
			return q
		}
		q.Attempts = attempt
		c.count(s, r.Purpose)
		// A hedge: when the first contact leaves its first attempt
		// unanswered for a quarter of the timeout, a second copy goes out
		// then (an attempt more, even for a query without retries). A
		// server that drops every packet is then known after one timeout
		// (two in a row rest a server that never answered), and a lost
		// packet does not make one that answers look silent.
		hedge := contact && attempt == 1 && !trial && !s.alive.Load()
		actx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
		start := time.Now()
		s.inflight.Add(1)
		var resp []byte
		var sends int
		if se, ok := c.ex.(SourceExchanger); ok && r.AnySource && q.Transport == observe.UDP {
			var from netip.AddrPort
			resp, from, err = se.ExchangeFrom(actx, dst, wire)
			sends, q.From = 1, from.Addr().Unmap()
		} else {
			resp, sends, err = c.exchange(actx, s, dst, q.Transport, wire, hedge)
		}
		s.inflight.Add(-1)
		q.RTT = time.Since(start)
		cancel()
		if sends == 2 {
			attempt++
			q.Attempts = attempt
			c.count(s, r.Purpose)
		}
		// The outcome is noted before the slot is given back: a query
		// waiting for it then sees the rest a timeout started.
		switch {
		case err == nil:
			s.answered()
			s.firstOver()
			release()
			q.Response = resp
			validate(q, msg)
			return q
		case errors.Is(err, ErrTimeout):
			for range sends {
				s.timedOut(c.opt.Now(), trial, &c.opt)
			}
			if contact {
				s.firstOver()
			}
			release()
			q.Status, q.Error = observe.StatusTimeout, "no response"
			if trial {
				return q
			}
			continue
		default:
			release()
			q.Status, q.Error = observe.StatusNetError, err.Error()
			return q
		}
	}
	return q
}

// exchange sends wire and returns the answer. With hedge, when none came
// after a quarter of ctx's time and s has still not answered in the run,
// it sends wire again and returns the first answer of either (sends 2).
func (c *Client) exchange(ctx context.Context, s *serverState, dst netip.AddrPort, t observe.Transport, wire []byte, hedge bool) (b []byte, sends int, err error) {
	if !hedge {
		b, err = c.ex.Exchange(ctx, dst, t, wire)
		return b, 1, err
	}
	type result struct {
		b   []byte
		err error
	}
	ch := make(chan result, 2)
	send := func() {
		b, err := c.ex.Exchange(ctx, dst, t, wire)
		ch <- result{b, err}
	}
	go send()
	timer := time.NewTimer(c.opt.Timeout / 4)
	defer timer.Stop()
	sends = 1
	for out := 1; out > 0; {
		select {
		case r := <-ch:
			out--
			if r.err == nil {
				return r.b, sends, nil // a second send returns when ctx is cancelled
			}
			err = r.err
			if !errors.Is(err, ErrTimeout) {
				return nil, sends, err
			}
		case <-timer.C:
			if !s.alive.Load() {
				sends++
				out++
				go send()
			}
		}
	}
	return nil, sends, err
}

// AXFRMessages is the most messages of a zone transfer AXFR reads.
const AXFRMessages = 2

// notSent is the error of a query not sent because its server rests.
const notSent = observe.NotSent

// admitAttempt waits for the rates and a concurrency slot of s, then
// checks that s may be sent a query: a nil release (and nil error) means
// it rests, counted as skipped. Otherwise release gives the slot back and
// ends the trial when the attempt is the one after a rest.
func (c *Client) admitAttempt(ctx context.Context, s *serverState, contact, evenResting bool) (release func(), trial bool, err error) {
	if !contact && s.first.Load() {
		select { // the first contact's outcome first
		case <-s.firstDone:
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
	if evenResting {
		rel, err := c.admit(ctx, s)
		return rel, false, err
	}
	if s.resting(c.opt.Now()) { // before waiting for a slot behind queries it will not answer
		s.skipped.Add(1)
		return nil, false, nil
	}
	rel, err := c.admit(ctx, s)
	if err != nil {
		return nil, false, err
	}
	ok, trial := s.pass(c.opt.Now())
	if !ok {
		rel()
		s.skipped.Add(1)
		return nil, false, nil
	}
	if !trial {
		return rel, false, nil
	}
	return func() { s.trial.Store(false); rel() }, true, nil
}

// validate sets q's status from its response to req.
func validate(q *observe.Query, req *dns.Msg) {
	m := q.Msg()
	switch {
	case m == nil:
		q.Status, q.Error = observe.StatusMalformed, "response does not parse"
	case m.Id != req.Id:
		q.Status, q.Error = observe.StatusMalformed, "response ID does not match the query"
	case !m.Response:
		q.Status, q.Error = observe.StatusMalformed, "QR bit not set in the response"
	case len(m.Question) > 1:
		q.Status, q.Error = observe.StatusMalformed, "response has more than one question"
	case len(m.Question) == 1 && (!strings.EqualFold(m.Question[0].Name, req.Question[0].Name) ||
		m.Question[0].Qtype != req.Question[0].Qtype || m.Question[0].Qclass != req.Question[0].Qclass):
		q.Status, q.Error = observe.StatusMalformed, "response question does not match the query"
	default:
		q.Status = observe.StatusOK
	}
}

// DoWithFallback sends r over UDP and, when the answer is truncated, again
// over TCP. Both queries are recorded; the last one is returned.
func (c *Client) DoWithFallback(ctx context.Context, log *observe.Log, r Request) *observe.Query {
	r.Transport = observe.UDP
	q := c.Do(ctx, log, r)
	if m := q.Msg(); q.Status == observe.StatusOK && m.Truncated {
		r.Transport = observe.TCP
		return c.Do(ctx, log, r)
	}
	return q
}

// AXFR asks server for a zone transfer of zone over TCP and records it.
// It reads no more than shows whether the zone is open to transfer: the
// first message, and a second only when the first holds the SOA alone;
// then it closes the connection, never downloading the zone. The Query's
// Stream holds the messages read (one or two), Response the first one.
func (c *Client) AXFR(ctx context.Context, log *observe.Log, purpose string, server netip.Addr, zone string) *observe.Query {
	r := Request{Purpose: purpose, Zone: zone, Server: server, Transport: observe.TCP, QName: zone, QType: dns.TypeAXFR}
	q := c.record(r)
	if log != nil {
		log.Add(q)
	}
	if err := c.policy.Check(server); err != nil {
		q.Status, q.Error = observe.StatusPolicy, err.Error()
		return q
	}
	msg := Build(r)
	wire, _ := msg.Pack()
	s := c.server(server)
	defer c.done(s)
	release, _, err := c.admitAttempt(ctx, s, false, false)
	if err != nil {
		q.Status, q.Error = observe.StatusTimeout, err.Error()
		return q
	}
	if release == nil {
		q.Status, q.Error = observe.StatusTimeout, notSent
		return q
	}
	defer release()
	q.Attempts = 1
	c.count(s, purpose)
	actx, cancel := context.WithTimeout(ctx, 3*c.opt.Timeout)
	defer cancel()
	start := time.Now()
	read := 0
	msgs, err := c.ex.Stream(actx, netip.AddrPortFrom(server, c.opt.Port), wire, AXFRMessages, func(b []byte) bool {
		read++
		m := new(dns.Msg)
		soaAlone := m.Unpack(b) == nil && m.Rcode == dns.RcodeSuccess &&
			len(m.Answer) == 1 && m.Answer[0].Header().Rrtype == dns.TypeSOA
		return read >= AXFRMessages || !soaAlone
	})
	q.RTT = time.Since(start)
	q.Stream = msgs
	if len(msgs) > 0 {
		q.Response = msgs[0]
	}
	switch {
	case len(msgs) > 0:
		s.answered()
		validate(q, msg)
	case errors.Is(err, ErrTimeout):
		// Not counted towards a rest: servers that answer over UDP often
		// leave a transfer they refuse hanging.
		q.Status, q.Error = observe.StatusTimeout, "no response"
	case err != nil:
		q.Status, q.Error = observe.StatusNetError, err.Error()
	default:
		q.Status, q.Error = observe.StatusNetError, "connection closed without a response"
	}
	return q
}
