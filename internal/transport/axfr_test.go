package transport_test

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// reads counts the messages of a stream the client reads (asks about).
type reads struct {
	*engine.World
	n int
}

func (r *reads) Stream(ctx context.Context, s netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	return r.World.Stream(ctx, s, req, max, func(b []byte) bool { r.n++; return done(b) })
}

// An open zone transfer is proved by its first message: the client reads
// that one and closes, never the whole zone (it used to read up to 10,000
// messages, hold them for the run and store them).
func TestAXFRReadsOneMessage(t *testing.T) {
	w := engine.NewWorld(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	var b strings.Builder
	b.WriteString("@ 3600 IN SOA ns1.big.test. hostmaster.big.test. 1 3600 900 604800 300\n@ 3600 IN NS ns1.big.test.\nns1 3600 IN A 127.53.200.1\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "h%d 3600 IN A 192.0.2.%d\n", i, i%250+1)
	}
	z, err := w.AddZone("big.test.", b.String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := netip.MustParseAddr("127.53.200.1")
	if err := w.AddServer(&engine.Server{Name: "ns1.big.test.", Addrs: []netip.Addr{srv}, Faults: engine.Faults{AXFROpen: true}, Zones: []*authzone.Zone{z}}); err != nil {
		t.Fatal(err)
	}
	ex := &reads{World: w}
	c := transport.NewClient(ex, transport.Policy{Lab: true}, transport.Options{})
	log := &observe.Log{}
	q := c.AXFR(context.Background(), log, observe.PurposeAXFR, srv, "big.test.")
	if q.Status != observe.StatusOK {
		t.Fatalf("status %s: %s", q.Status, q.Error)
	}
	if ex.n != 1 || len(q.Stream) != 1 {
		t.Errorf("read %d messages, kept %d: want the first one only (the zone spans 11)", ex.n, len(q.Stream))
	}
	m := q.Msg()
	if m == nil || len(m.Answer) != 100 || m.Answer[0].Header().Rrtype != dns.TypeSOA {
		t.Fatalf("first message: %v", m)
	}
	if got := log.Queries(); len(got) != 1 || len(got[0].Stream) != 1 {
		t.Errorf("recorded %d queries, the AXFR with %d messages", len(got), len(got[0].Stream))
	}
}

// streamEx serves a transfer of msgs (each built for the request) and
// counts the messages read.
type streamEx struct {
	msgs func(req *dns.Msg) []*dns.Msg
	n    int
}

func (s *streamEx) Exchange(context.Context, netip.AddrPort, observe.Transport, []byte) ([]byte, error) {
	return nil, transport.ErrRefused
}

func (s *streamEx) Stream(_ context.Context, _ netip.AddrPort, b []byte, max int, done func([]byte) bool) ([][]byte, error) {
	req := new(dns.Msg)
	if err := req.Unpack(b); err != nil {
		return nil, err
	}
	var out [][]byte
	for _, m := range s.msgs(req) {
		if len(out) >= max {
			break
		}
		w, _ := m.Pack()
		out = append(out, w)
		s.n++
		if done(w) {
			break
		}
	}
	return out, nil
}

// A server that sends the SOA alone in the first message is read one
// message further, which shows the transfer goes on; a refusal is one
// message.
func TestAXFRSecondMessageAfterALoneSOA(t *testing.T) {
	soa, _ := dns.NewRR("big.test. 3600 IN SOA ns1.big.test. hostmaster.big.test. 1 3600 900 604800 300")
	a, _ := dns.NewRR("h.big.test. 3600 IN A 192.0.2.1")
	reply := func(req *dns.Msg, rcode int, rrs ...dns.RR) *dns.Msg {
		m := new(dns.Msg)
		m.SetRcode(req, rcode)
		m.Answer = rrs
		return m
	}
	for _, tc := range []struct {
		name  string
		msgs  func(req *dns.Msg) []*dns.Msg
		reads int
	}{
		{"SOA alone first", func(req *dns.Msg) []*dns.Msg {
			return []*dns.Msg{reply(req, dns.RcodeSuccess, soa), reply(req, dns.RcodeSuccess, a), reply(req, dns.RcodeSuccess, a), reply(req, dns.RcodeSuccess, soa)}
		}, 2},
		{"refused", func(req *dns.Msg) []*dns.Msg { return []*dns.Msg{reply(req, dns.RcodeRefused)} }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex := &streamEx{msgs: tc.msgs}
			c := transport.NewClient(ex, transport.Policy{Lab: true}, transport.Options{})
			q := c.AXFR(context.Background(), nil, observe.PurposeAXFR, netip.MustParseAddr("127.53.200.1"), "big.test.")
			if q.Status != observe.StatusOK || ex.n != tc.reads || len(q.Stream) != tc.reads {
				t.Errorf("status %s, read %d, kept %d; want ok, %d, %d", q.Status, ex.n, len(q.Stream), tc.reads, tc.reads)
			}
		})
	}
}
