package sockets_test

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/sockets"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// q is a query of the tests: EDNS when do or size is set.
type q struct {
	name         string
	qtype, class uint16
	do           bool
	size         uint16
}

func (x q) msg() *dns.Msg {
	m := new(dns.Msg)
	m.SetQuestion(x.name, x.qtype)
	m.Id, m.RecursionDesired = 4242, false
	if x.class != 0 {
		m.Question[0].Qclass = x.class
	}
	if x.do || x.size > 0 {
		size := x.size
		if size == 0 {
			size = 1232
		}
		m.SetEdns0(size, x.do)
	}
	return m
}

// serveDefault serves the default world on a free port, retrying when
// another process takes the port first.
func serveDefault(t *testing.T) *sockets.Listener {
	t.Helper()
	w, err := worlds.Default(testNow)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		var port int
		if port, err = sockets.FreePort(); err != nil {
			t.Skipf("no free port on 127.53.0.1: %v", err)
		}
		var l *sockets.Listener
		if l, err = sockets.Serve(context.Background(), w, port); err == nil {
			t.Cleanup(func() { l.Close() })
			return l
		}
	}
	t.Fatalf("Serve: %v", err)
	return nil
}

func TestServe(t *testing.T) {
	l := serveDefault(t)
	if l.Addr() != netip.AddrPortFrom(netip.MustParseAddr("127.53.0.1"), uint16(l.Port())) {
		t.Errorf("Addr %s", l.Addr())
	}
	at := func(a string) string { return net.JoinHostPort(a, strconv.Itoa(l.Port())) }
	cases := []struct {
		name    string
		net     string
		server  string
		q       q
		wantErr bool
		check   func(t *testing.T, m *dns.Msg)
	}{
		{name: "root SOA over UDP", net: "udp", server: "127.53.0.1", q: q{name: ".", qtype: dns.TypeSOA}},
		{name: "root SOA over TCP", net: "tcp", server: "127.53.0.2", q: q{name: ".", qtype: dns.TypeSOA}},
		{name: "TLD DNSKEY with DO over TCP", net: "tcp", server: "127.53.1.2", q: q{name: "test.", qtype: dns.TypeDNSKEY, do: true},
			check: func(t *testing.T, m *dns.Msg) {
				if len(m.Answer) != 3 {
					t.Errorf("answer %v", m.Answer)
				}
			}},
		{name: "truncated over UDP", net: "udp", server: "127.53.1.1", q: q{name: "nope.test.", qtype: dns.TypeA, do: true, size: 512},
			check: func(t *testing.T, m *dns.Msg) {
				if !m.Truncated {
					t.Error("not truncated")
				}
			}},
		{name: "hosta over IPv6", net: "udp", server: "::1", q: q{name: "healthy-signed.test.", qtype: dns.TypeSOA}},
		{name: "no TCP: connection refused", net: "tcp", server: "127.53.42.1", q: q{name: "ns-no-tcp.test.", qtype: dns.TypeSOA}, wantErr: true},
		{name: "no TCP still answers UDP", net: "udp", server: "127.53.42.1", q: q{name: "ns-no-tcp.test.", qtype: dns.TypeSOA}},
		{name: "silent over UDP", net: "udp", server: "127.53.40.1", q: q{name: "ns-unreachable.test.", qtype: dns.TypeSOA}, wantErr: true},
		{name: "silent over TCP", net: "tcp", server: "127.53.40.1", q: q{name: "ns-unreachable.test.", qtype: dns.TypeSOA}, wantErr: true},
		{name: "CHAOS over UDP", net: "udp", server: "127.53.20.1", q: q{name: "hostname.bind.", qtype: dns.TypeTXT, class: dns.ClassCHAOS},
			check: func(t *testing.T, m *dns.Msg) {
				if len(m.Answer) != 1 || m.Answer[0].(*dns.TXT).Txt[0] != "ns2-mex.hostb.test" {
					t.Errorf("answer %v", m.Answer)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if a := netip.MustParseAddr(c.server); a.Is6() {
				for _, s := range l.Skipped() {
					if s == a {
						t.Skip("no IPv6 loopback")
					}
				}
			}
			cl := &dns.Client{Net: c.net, Timeout: 2 * time.Second}
			if c.wantErr {
				cl.Timeout = 300 * time.Millisecond
			}
			m, _, err := cl.Exchange(c.q.msg(), at(c.server))
			if c.wantErr {
				if err == nil {
					t.Fatalf("got a reply:\n%s", m)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Id != 4242 || (!m.Truncated && !m.Authoritative) {
				t.Errorf("reply:\n%s", m)
			}
			if c.check != nil {
				c.check(t, m)
			}
		})
	}

	t.Run("AXFR", func(t *testing.T) {
		tr := &dns.Transfer{}
		m := new(dns.Msg)
		m.SetAxfr("ns-axfr-open.test.")
		env, err := tr.In(m, at("127.53.44.1"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for e := range env {
			if e.Error != nil {
				t.Fatal(e.Error)
			}
			n += len(e.RR)
		}
		if n < 4 {
			t.Errorf("%d records transferred", n)
		}
	})

	t.Run("transport.Net in lab mode", func(t *testing.T) {
		c := transport.NewClient(&transport.Net{Policy: transport.Policy{Lab: true}, Port: uint16(l.Port())},
			transport.Policy{Lab: true}, transport.Options{Timeout: 2 * time.Second, Retries: -1})
		r := c.DoWithFallback(context.Background(), nil, transport.Request{Server: netip.MustParseAddr("127.53.1.1"),
			QName: "nope.test.", QType: dns.TypeA, EDNS: &observe.EDNS{UDPSize: 512, DO: true}})
		if r.Status != observe.StatusOK || r.Transport != observe.TCP || r.Rcode() < 0 || r.Msg().Rcode != dns.RcodeNameError {
			t.Errorf("status %s over %s: %v", r.Status, r.Transport, r.Msg())
		}
	})

	t.Run("wrong source: replies from the next address", func(t *testing.T) {
		n := &transport.Net{Policy: transport.Policy{Lab: true}, Port: uint16(l.Port())}
		defer n.Close()
		r := transport.Request{Server: netip.MustParseAddr("127.53.157.1"), QName: "ns-wrong-source.test.", QType: dns.TypeSOA, OneTry: true}
		// A client each: the timeout would rest the server for the other.
		client := func(timeout time.Duration) *transport.Client {
			return transport.NewClient(n, n.Policy, transport.Options{Timeout: timeout, Retries: -1})
		}
		if q := client(300*time.Millisecond).Do(context.Background(), nil, r); q.Status != observe.StatusTimeout {
			t.Errorf("connected socket: status %s, want a timeout", q.Status)
		}
		r.AnySource = true
		q := client(2*time.Second).Do(context.Background(), nil, r)
		if q.Status != observe.StatusOK || q.From != netip.MustParseAddr("127.53.157.2") {
			t.Errorf("AnySource: status %s (%s) from %v, want ok from 127.53.157.2", q.Status, q.Error, q.From)
		}
	})
}

func TestServeNeedsPort(t *testing.T) {
	if _, err := sockets.Serve(context.Background(), engine.NewWorld(testNow), 0); err == nil {
		t.Error("Serve accepted port 0")
	}
}

func TestServeStops(t *testing.T) {
	w := engine.NewWorld(testNow)
	z, err := w.AddZone("stop.example.", "@ 60 SOA ns h 1 2 3 4 5\n@ 60 NS ns\nns 60 A 127.53.202.1\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddServer(&engine.Server{Name: "ns.stop.example.", Addrs: []netip.Addr{netip.MustParseAddr("127.53.202.1")}, Zones: []*authzone.Zone{z}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Build(); err != nil {
		t.Fatal(err)
	}
	port, err := sockets.FreePort()
	if err != nil {
		t.Skip(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	l, err := sockets.Serve(ctx, w, port)
	if err != nil {
		t.Fatal(err)
	}
	addr := net.JoinHostPort("127.53.202.1", strconv.Itoa(port))
	cl := &dns.Client{Net: "tcp", Timeout: 2 * time.Second}
	if _, _, err := cl.Exchange(q{name: "stop.example.", qtype: dns.TypeSOA}.msg(), addr); err != nil {
		t.Fatalf("before cancel: %v", err)
	}
	cancel()
	l.Close() // waits for the goroutines; a second Close is harmless
	if _, _, err := cl.Exchange(q{name: "stop.example.", qtype: dns.TypeSOA}.msg(), addr); err == nil {
		t.Error("answered after Close")
	}
}

// Addrs lists what is really bound, and a second world on the same port
// fails with ErrAddrInUse, naming the address.
func TestServeAddrsAndInUse(t *testing.T) {
	l := serveDefault(t)
	w, err := worlds.Default(testNow)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, s := range w.Servers() {
		want += len(s.Addrs)
	}
	got := l.Addrs()
	if len(got)+len(l.Skipped()) != want || got[0] != l.Addr() {
		t.Errorf("%d addresses bound and %d skipped, the world has %d; first %s, Addr %s", len(got), len(l.Skipped()), want, got[0], l.Addr())
	}
	for _, ap := range got {
		if ap.Port() != uint16(l.Port()) || w.Server(ap.Addr()) == nil {
			t.Errorf("bound %s: not a server of the world at port %d", ap, l.Port())
		}
	}
	_, err = sockets.Serve(context.Background(), w, l.Port())
	if !errors.Is(err, sockets.ErrAddrInUse) || !strings.Contains(err.Error(), l.Addr().String()) {
		t.Errorf("second Serve on port %d: %v, want ErrAddrInUse naming %s", l.Port(), err, l.Addr())
	}
}
