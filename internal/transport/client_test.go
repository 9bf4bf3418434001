package transport

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// fakeEx answers with what reply makes of the request; a pure-logic stub.
type fakeEx struct {
	reply func(req *dns.Msg, t observe.Transport) ([]byte, error)
	calls []observe.Transport
}

func (f *fakeEx) Exchange(_ context.Context, _ netip.AddrPort, t observe.Transport, b []byte) ([]byte, error) {
	f.calls = append(f.calls, t)
	req := new(dns.Msg)
	if err := req.Unpack(b); err != nil {
		return nil, err
	}
	return f.reply(req, t)
}

func (f *fakeEx) Stream(context.Context, netip.AddrPort, []byte, int, func([]byte) bool) ([][]byte, error) {
	return nil, ErrRefused
}

func packed(m *dns.Msg) []byte { b, _ := m.Pack(); return b }

func TestClientValidates(t *testing.T) {
	server := netip.MustParseAddr("127.0.0.1")
	tests := []struct {
		name   string
		reply  func(req *dns.Msg) []byte
		status observe.Status
	}{
		{"good", func(req *dns.Msg) []byte { m := new(dns.Msg); m.SetReply(req); return packed(m) }, observe.StatusOK},
		{"wrong question", func(req *dns.Msg) []byte {
			m := new(dns.Msg)
			m.SetReply(req)
			m.Question[0].Name = "other.example."
			return packed(m)
		}, observe.StatusMalformed},
		{"no QR", func(req *dns.Msg) []byte { m := req.Copy(); return packed(m) }, observe.StatusMalformed},
		{"garbage", func(req *dns.Msg) []byte { return []byte{0x12, 0x34, 0xff} }, observe.StatusMalformed},
		{"no question (FORMERR style)", func(req *dns.Msg) []byte {
			m := new(dns.Msg)
			m.SetRcode(req, dns.RcodeFormatError)
			m.Question = nil
			return packed(m)
		}, observe.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := &fakeEx{reply: func(req *dns.Msg, _ observe.Transport) ([]byte, error) { return tt.reply(req), nil }}
			c := NewClient(ex, Policy{Lab: true}, Options{})
			log := &observe.Log{}
			q := c.Do(context.Background(), log, Request{Server: server, QName: "example.org", QType: dns.TypeSOA})
			if q.Status != tt.status {
				t.Errorf("status %s (%s), want %s", q.Status, q.Error, tt.status)
			}
			if log.Len() != 1 || q.Seq != 1 {
				t.Errorf("recorded %d queries, seq %d; want 1, 1", log.Len(), q.Seq)
			}
		})
	}
}

func TestClientPolicyAndFallback(t *testing.T) {
	ex := &fakeEx{reply: func(req *dns.Msg, tr observe.Transport) ([]byte, error) {
		m := new(dns.Msg)
		m.SetReply(req)
		m.Truncated = tr == observe.UDP
		return packed(m), nil
	}}
	c := NewClient(ex, Policy{Lab: true}, Options{})
	q := c.Do(context.Background(), nil, Request{Server: netip.MustParseAddr("192.0.2.1"), QName: "example.org", QType: dns.TypeA})
	if q.Status != observe.StatusPolicy || len(ex.calls) != 0 {
		t.Fatalf("lab client sent to a documentation address: status %s, %d calls", q.Status, len(ex.calls))
	}
	log := &observe.Log{}
	q = c.DoWithFallback(context.Background(), log, Request{Server: netip.MustParseAddr("127.0.0.1"), QName: "example.org", QType: dns.TypeA})
	if q.Transport != observe.TCP || log.Len() != 2 {
		t.Errorf("truncated UDP answer: last transport %s, %d queries recorded; want tcp, 2", q.Transport, log.Len())
	}
	if c.Sent() != 2 || c.SentTo(netip.MustParseAddr("127.0.0.1")) != 2 {
		t.Errorf("Sent() = %d, SentTo = %d; want 2, 2", c.Sent(), c.SentTo(netip.MustParseAddr("127.0.0.1")))
	}
}

func TestBuildEDNS(t *testing.T) {
	m := Build(Request{QName: "example.org", QType: dns.TypeSOA, EDNS: &observe.EDNS{Version: 1, UDPSize: 1232, DO: true, Options: []uint16{dns.EDNS0NSID, 65001}}})
	opt := m.IsEdns0()
	if opt == nil || opt.Version() != 1 || opt.UDPSize() != 1232 || !opt.Do() || len(opt.Option) != 2 {
		t.Fatalf("OPT = %v", opt)
	}
	if _, err := m.Pack(); err != nil {
		t.Fatal(err)
	}
}

// A server that stopped answering is left alone for a while, then tried
// again: after DeadAfter timeouts in a row once it has answered, after two
// when it never has.
func TestClientRestsSilentServer(t *testing.T) {
	for _, tc := range []struct {
		name     string
		answered bool // the server answered the first query
		sent     int  // queries sent before it rests, the answered one included
	}{
		{"answered before", true, 4},
		{"never answered", false, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now := time.Unix(1_800_000_000, 0)
			ex := &fakeEx{}
			ex.reply = func(req *dns.Msg, _ observe.Transport) ([]byte, error) {
				if tc.answered && len(ex.calls) == 1 {
					m := new(dns.Msg)
					m.SetReply(req)
					return packed(m), nil
				}
				return nil, ErrTimeout
			}
			c := NewClient(ex, Policy{Lab: true}, Options{Retries: -1, DeadAfter: 3, DeadFor: time.Minute, Now: func() time.Time { return now }})
			srv := netip.MustParseAddr("127.0.0.9")
			ask := func() *observe.Query {
				return c.Do(context.Background(), nil, Request{Server: srv, QName: "example.org", QType: dns.TypeSOA})
			}
			for range tc.sent {
				ask()
			}
			if len(ex.calls) != tc.sent {
				t.Fatalf("%d queries sent, want %d", len(ex.calls), tc.sent)
			}
			q := ask()
			if len(ex.calls) != tc.sent || q.Status != observe.StatusTimeout || q.Attempts != 0 {
				t.Errorf("a resting server was sent a query (%d calls), status %s, attempts %d", len(ex.calls), q.Status, q.Attempts)
			}
			if b := c.Busiest(1); len(b) != 1 || b[0].Sent != int64(tc.sent) || b[0].Skipped != 1 {
				t.Errorf("Busiest = %+v", b)
			}
			now = now.Add(2 * time.Minute)
			ask()
			if len(ex.calls) != tc.sent+1 {
				t.Errorf("after the rest the server was not tried again (%d calls)", len(ex.calls))
			}
		})
	}
}

// SentFor counts what was put on the wire per purpose, retries included.
func TestClientCountsPerPurpose(t *testing.T) {
	timeouts := 0
	ex := &fakeEx{reply: func(req *dns.Msg, _ observe.Transport) ([]byte, error) {
		if req.Question[0].Name == "slow.example." && timeouts < 1 {
			timeouts++
			return nil, ErrTimeout
		}
		m := new(dns.Msg)
		m.SetReply(req)
		return packed(m), nil
	}}
	c := NewClient(ex, Policy{Lab: true}, Options{Retries: 2, Backoff: time.Millisecond})
	server := netip.MustParseAddr("127.0.0.1")
	for range 3 {
		c.Do(context.Background(), nil, Request{Purpose: "a", Server: server, QName: "example.", QType: dns.TypeSOA})
	}
	c.Do(context.Background(), nil, Request{Purpose: "b", Server: server, QName: "slow.example.", QType: dns.TypeSOA})
	got := c.SentFor()
	if got["a"] != 3 || got["b"] != 2 || len(got) != 2 || c.Sent() != 5 {
		t.Errorf("SentFor %v, Sent %d; want a:3 b:2 (one retry), 5 in all", got, c.Sent())
	}
}
