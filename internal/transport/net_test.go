package transport

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// hostile serves on loopback UDP: first a reply with a wrong ID, then the
// right one, so the client must skip the first.
func hostileUDP(t *testing.T) netip.AddrPort {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			req := new(dns.Msg)
			if req.Unpack(buf[:n]) != nil {
				continue
			}
			resp := new(dns.Msg)
			resp.SetReply(req)
			resp.Id = req.Id + 1
			b, _ := resp.Pack()
			pc.WriteTo(b, from)
			resp.Id = req.Id
			resp.Authoritative = true
			b, _ = resp.Pack()
			pc.WriteTo(b, from)
		}
	}()
	return netip.MustParseAddrPort(pc.LocalAddr().String())
}

func TestNetSkipsWrongID(t *testing.T) {
	ap := hostileUDP(t)
	n := &Net{Policy: Policy{Lab: true}, Port: ap.Port()}
	c := NewClient(n, n.Policy, Options{Timeout: time.Second, Port: ap.Port()})
	q := c.Do(context.Background(), nil, Request{Server: ap.Addr(), QName: "example.org.", QType: dns.TypeSOA})
	if q.Status != observe.StatusOK {
		t.Fatalf("status %s (%s), want ok", q.Status, q.Error)
	}
	if !q.Msg().Authoritative {
		t.Error("took the reply with the wrong ID")
	}
}

func TestNetRefusesOutsideLab(t *testing.T) {
	n := &Net{Policy: Policy{Lab: true}}
	_, err := n.Exchange(context.Background(), netip.MustParseAddrPort("198.41.0.4:53"), observe.UDP, make([]byte, 12))
	if err == nil {
		t.Fatal("lab mode sent to a public address")
	}
	n = &Net{Policy: Policy{}, Port: 5353}
	if _, err := n.Exchange(context.Background(), netip.MustParseAddrPort("198.41.0.4:53"), observe.UDP, make([]byte, 12)); err == nil {
		t.Fatal("a port override was accepted outside lab mode")
	}
}

func TestNetTimeoutAndRefused(t *testing.T) {
	// A bound socket that never answers: timeout.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	ap := netip.MustParseAddrPort(pc.LocalAddr().String())
	n := &Net{Policy: Policy{Lab: true}, Port: ap.Port()}
	c := NewClient(n, n.Policy, Options{Timeout: 100 * time.Millisecond, Retries: 1, Backoff: time.Millisecond, Port: ap.Port()})
	q := c.Do(context.Background(), nil, Request{Server: ap.Addr(), QName: "example.org.", QType: dns.TypeSOA})
	if q.Status != observe.StatusTimeout || q.Attempts != 2 {
		t.Errorf("silent server: status %s after %d attempts, want timeout after 2", q.Status, q.Attempts)
	}
	// TCP to a port nobody listens on: refused.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	n.Port = uint16(port)
	_, err = n.Exchange(context.Background(), netip.AddrPortFrom(ap.Addr(), 53), observe.TCP, make([]byte, 12))
	if !errors.Is(err, ErrRefused) {
		t.Errorf("closed TCP port: err = %v, want ErrRefused", err)
	}
}

// portRecorder answers every UDP query except those for "drop.", and
// records the source port of each query it reads.
func portRecorder(t *testing.T) (netip.AddrPort, func() []uint16) {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	var (
		mu    sync.Mutex
		ports []uint16
	)
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			mu.Lock()
			ports = append(ports, uint16(from.(*net.UDPAddr).Port))
			mu.Unlock()
			req := new(dns.Msg)
			if req.Unpack(buf[:n]) != nil || req.Question[0].Name == "drop." {
				continue
			}
			resp := new(dns.Msg)
			resp.SetReply(req)
			b, _ := resp.Pack()
			pc.WriteTo(b, from)
		}
	}()
	return netip.MustParseAddrPort(pc.LocalAddr().String()), func() []uint16 {
		mu.Lock()
		defer mu.Unlock()
		return append([]uint16(nil), ports...)
	}
}

func TestNetReusesSocketsAfterCleanExchanges(t *testing.T) {
	ap, ports := portRecorder(t)
	n := &Net{Policy: Policy{Lab: true}, Port: ap.Port()}
	c := NewClient(n, n.Policy, Options{Timeout: 200 * time.Millisecond, Retries: -1, Port: ap.Port()})
	ask := func(name string) observe.Status {
		return c.Do(context.Background(), nil, Request{Server: ap.Addr(), QName: name, QType: dns.TypeSOA}).Status
	}
	for range 5 {
		if st := ask("example.org."); st != observe.StatusOK {
			t.Fatalf("status %s, want ok", st)
		}
	}
	got := ports()
	for _, p := range got[1:] {
		if p != got[0] {
			t.Fatalf("five clean queries in a row came from ports %v, want one reused socket", got)
		}
	}
	// A timed-out socket is closed, not reused: the next query must not
	// find the late answer to the old one waiting.
	if st := ask("drop."); st != observe.StatusTimeout {
		t.Fatalf("dropped query: status %s, want timeout", st)
	}
	if st := ask("example.org."); st != observe.StatusOK {
		t.Fatalf("after the timeout: status %s, want ok", st)
	}
	got = ports()
	if len(got) != 7 || got[5] != got[0] || got[6] == got[5] {
		t.Errorf("ports %v: want the dropped query on the reused socket and the next one on a new socket", got)
	}
	if n.udp.n != 1 {
		t.Errorf("%d idle sockets, want 1", n.udp.n)
	}
	n.Close()
	if n.udp.n != 0 {
		t.Errorf("%d idle sockets after Close, want 0", n.udp.n)
	}
	if st := ask("example.org."); st != observe.StatusOK {
		t.Errorf("after Close: status %s, want ok", st)
	}
}

// TestNetSourceAddress serves on 127.0.0.1 and answers from 127.0.0.2 (a
// multi-homed server replying from another address): a connected socket
// never sees the answer, an AnySource request takes it and records From.
func TestNetSourceAddress(t *testing.T) {
	in, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	out, err := net.ListenPacket("udp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no second loopback address: %v", err)
	}
	t.Cleanup(func() { out.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := in.ReadFrom(buf)
			if err != nil {
				return
			}
			req := new(dns.Msg)
			if req.Unpack(buf[:n]) != nil {
				continue
			}
			resp := new(dns.Msg)
			resp.SetReply(req)
			b, _ := resp.Pack()
			out.WriteTo(b, from)
		}
	}()
	ap := netip.MustParseAddrPort(in.LocalAddr().String())
	n := &Net{Policy: Policy{Lab: true}, Port: ap.Port()}
	defer n.Close()
	// A client each: the timeout would rest the server for the other.
	client := func() *Client {
		return NewClient(n, n.Policy, Options{Timeout: 300 * time.Millisecond, Port: ap.Port(), Retries: -1})
	}
	r := Request{Server: ap.Addr(), QName: "example.org.", QType: dns.TypeSOA, OneTry: true}
	if q := client().Do(context.Background(), nil, r); q.Status != observe.StatusTimeout || q.From.IsValid() {
		t.Errorf("connected socket: status %s from %v, want a timeout and no source", q.Status, q.From)
	}
	r.AnySource = true
	q := client().Do(context.Background(), nil, r)
	if q.Status != observe.StatusOK {
		t.Fatalf("AnySource: status %s (%s), want ok", q.Status, q.Error)
	}
	if want := netip.MustParseAddr("127.0.0.2"); q.From != want {
		t.Errorf("From %v, want %v", q.From, want)
	}
}
