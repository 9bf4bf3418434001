package transport

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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
	DeadFor           time.Duration // how long a server that stopped answering is not sent queries [30s]
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
	servers map[netip.Addr]*serverState
}

type serverState struct {
	lim       *rate.Limiter
	sem       chan struct{}
	sent      atomic.Int64
	timeouts  atomic.Int32 // consecutive
	restUntil atomic.Int64 // unix nanoseconds: not queried before then
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
	if opt.Port == 0 {
		opt.Port = 53
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	c := &Client{ex: ex, policy: policy, opt: opt, servers: map[netip.Addr]*serverState{}}
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
	s := c.servers[a]
	c.mu.Unlock()
	if s == nil {
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
	out := make([]ServerCount, 0, len(c.servers))
	for a, s := range c.servers {
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

// resting reports whether the server stopped answering recently: after
// DeadAfter consecutive timeouts it is left alone for DeadFor, then tried
// again (one answer ends the rest).
func (s *serverState) resting(now time.Time) bool {
	until := s.restUntil.Load()
	return until != 0 && now.UnixNano() < until
}

// Policy returns the policy the client enforces.
func (c *Client) Policy() Policy { return c.policy }

func (c *Client) server(a netip.Addr) *serverState {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.servers[a]
	if s == nil {
		s = &serverState{sem: make(chan struct{}, c.opt.ServerConcurrency)}
		if c.opt.ServerQPS > 0 {
			s.lim = rate.NewLimiter(rate.Limit(c.opt.ServerQPS), 1)
		}
		c.servers[a] = s
	}
	return s
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
	if s.resting(c.opt.Now()) {
		// It stopped answering: not hammered. The outcome is the same as
		// its last queries', a timeout, and says why nothing was sent.
		s.skipped.Add(1)
		q.Status, q.Error = observe.StatusTimeout, "not sent: the server stopped answering; resting"
		return q
	}
	tries := 1 + c.opt.Retries
	if q.Transport == observe.TCP || int(s.timeouts.Load()) >= c.opt.DeadAfter {
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
		release, err := c.admit(ctx, s)
		if err != nil {
			q.Status, q.Error = observe.StatusTimeout, err.Error()
			return q
		}
		q.Attempts = attempt
		c.count(s, r.Purpose)
		actx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
		start := time.Now()
		resp, err := c.ex.Exchange(actx, dst, q.Transport, wire)
		q.RTT = time.Since(start)
		cancel()
		release()
		switch {
		case err == nil:
			s.timeouts.Store(0)
			s.restUntil.Store(0)
			q.Response = resp
			validate(q, msg)
			return q
		case errors.Is(err, ErrTimeout):
			if int(s.timeouts.Add(1)) >= c.opt.DeadAfter {
				s.restUntil.Store(c.opt.Now().Add(c.opt.DeadFor).UnixNano())
			}
			q.Status, q.Error = observe.StatusTimeout, "no response"
			continue
		default:
			q.Status, q.Error = observe.StatusNetError, err.Error()
			return q
		}
	}
	return q
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

// AXFR asks server for a zone transfer of zone over TCP and records it. The
// Query's Stream holds every message received, Response the first one.
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
	release, err := c.admit(ctx, s)
	if err != nil {
		q.Status, q.Error = observe.StatusTimeout, err.Error()
		return q
	}
	defer release()
	q.Attempts = 1
	c.count(s, purpose)
	actx, cancel := context.WithTimeout(ctx, 3*c.opt.Timeout)
	defer cancel()
	start := time.Now()
	soas := 0
	msgs, err := c.ex.Stream(actx, netip.AddrPortFrom(server, c.opt.Port), wire, 10000, func(b []byte) bool {
		m := new(dns.Msg)
		if m.Unpack(b) != nil || m.Rcode != dns.RcodeSuccess {
			return true
		}
		for _, rr := range m.Answer {
			if rr.Header().Rrtype == dns.TypeSOA {
				soas++
			}
		}
		return soas >= 2
	})
	q.RTT = time.Since(start)
	q.Stream = msgs
	if len(msgs) > 0 {
		q.Response = msgs[0]
	}
	switch {
	case len(msgs) > 0:
		validate(q, msg)
	case errors.Is(err, ErrTimeout):
		q.Status, q.Error = observe.StatusTimeout, "no response"
	case err != nil:
		q.Status, q.Error = observe.StatusNetError, err.Error()
	default:
		q.Status, q.Error = observe.StatusNetError, "connection closed without a response"
	}
	return q
}
