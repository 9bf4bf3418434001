package engine_test

import (
	"context"
	"net/netip"
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// TestServerLevelFaults asks each server of the default world's
// server-level scenarios (internal/lab/worlds nameserver_more.go) the query
// its fault changes, and a healthy server the same, so each fault is seen
// to change exactly what it says.
func TestServerLevelFaults(t *testing.T) {
	w := defaultWorld(t)
	const healthy = "127.53.10.1" // ns1.hosta.test., which serves every scenario zone too
	z := func(x q, z uint16) *dns.Msg {
		m := x.msg()
		m.IsEdns0().SetZ(z)
		return m
	}
	cases := []struct {
		name   string
		server string
		req    *dns.Msg
		bad    func(m *dns.Msg) bool // true when the reply shows the fault
	}{
		{"no BADVERS", "127.53.150.1", q{name: "ns-edns-version.test.", qtype: dns.TypeSOA, edns: true, ver: 1}.msg(),
			func(m *dns.Msg) bool { return m.Rcode == dns.RcodeSuccess && len(m.Answer) == 1 }},
		{"echoes an unknown option", "127.53.151.1",
			q{name: "ns-edns-option.test.", qtype: dns.TypeSOA, opts: []dns.EDNS0{&dns.EDNS0_LOCAL{Code: 65001, Data: []byte{}}}}.msg(),
			func(m *dns.Msg) bool {
				opt := m.IsEdns0()
				return opt != nil && len(opt.Option) == 1 && opt.Option[0].Option() == 65001
			}},
		{"echoes unknown flags", "127.53.152.1", z(q{name: "ns-edns-flags.test.", qtype: dns.TypeSOA, edns: true}, 1),
			func(m *dns.Msg) bool { return m.IsEdns0() != nil && m.IsEdns0().Z() == 1 }},
		{"truncates without OPT", "127.53.153.1", q{name: "ns-edns-truncation.test.", qtype: dns.TypeDNSKEY, do: true, size: 512}.msg(),
			func(m *dns.Msg) bool { return m.Truncated && m.IsEdns0() == nil }},
		{"case sensitive", "127.53.154.1", q{name: "nS-qNaMe-CaSe.TeSt.", qtype: dns.TypeSOA, edns: true}.msg(),
			func(m *dns.Msg) bool { return m.Rcode == dns.RcodeRefused }},
		{"AAAA broken", "127.53.156.1", q{name: "ns-aaaa-broken.test.", qtype: dns.TypeAAAA, edns: true}.msg(),
			func(m *dns.Msg) bool { return m.Rcode == dns.RcodeNotImplemented }},
		{"upward referral", "127.53.158.1", q{name: ".", qtype: dns.TypeNS, edns: true}.msg(),
			func(m *dns.Msg) bool { return m.Rcode == dns.RcodeSuccess && !m.Authoritative && len(m.Ns) == 2 }},
		{"no SOA", "127.53.159.1", q{name: "ns-no-soa.test.", qtype: dns.TypeSOA, edns: true}.msg(),
			func(m *dns.Msg) bool { return m.Rcode == dns.RcodeSuccess && m.Authoritative && len(m.Answer) == 0 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, srv := range []string{c.server, healthy} {
				req, err := c.req.Pack()
				if err != nil {
					t.Fatal(err)
				}
				wire, _ := w.Server(netip.MustParseAddr(srv)).Handle(req, observe.UDP)
				m := new(dns.Msg)
				if err := m.Unpack(wire); err != nil {
					t.Fatalf("%s: reply does not parse: %v", srv, err)
				}
				if got, want := c.bad(m), srv == c.server; got != want {
					t.Errorf("%s: fault shows %v, want %v; reply:\n%v", srv, got, want, m)
				}
			}
		})
	}
}

// TestWrongSource: the WrongSource server's UDP answers never reach a
// connected socket (Exchange) and come from the next address to an
// unconnected one (ExchangeFrom); TCP is unchanged.
func TestWrongSource(t *testing.T) {
	w := defaultWorld(t)
	ap := netip.MustParseAddrPort("127.53.157.1:53")
	req, _ := q{name: "ns-wrong-source.test.", qtype: dns.TypeSOA}.msg().Pack()
	ctx := context.Background()
	if _, err := w.Exchange(ctx, ap, observe.UDP, req); err != transport.ErrTimeout {
		t.Errorf("UDP on a connected socket: %v, want a timeout", err)
	}
	if _, err := w.Exchange(ctx, ap, observe.TCP, req); err != nil {
		t.Errorf("TCP: %v", err)
	}
	_, from, err := w.ExchangeFrom(ctx, ap, req)
	if err != nil || from.Addr() != engine.WrongSourceAddr(ap.Addr()) || from.Addr() == ap.Addr() {
		t.Errorf("ExchangeFrom: from %v, err %v; want %v", from, err, engine.WrongSourceAddr(ap.Addr()))
	}
	_, from, err = w.ExchangeFrom(ctx, netip.MustParseAddrPort("127.53.10.1:53"), req)
	if err != nil || from.Addr() != netip.MustParseAddr("127.53.10.1") {
		t.Errorf("healthy ExchangeFrom: from %v, err %v", from, err)
	}
}
