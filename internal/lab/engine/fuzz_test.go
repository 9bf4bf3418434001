package engine_test

import (
	"net/netip"
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// FuzzHandle feeds arbitrary bytes to the servers of the default world: no
// panic, and a well-behaved server's reply always parses.
func FuzzHandle(f *testing.F) {
	for _, x := range []q{
		{name: "www.healthy-signed.test.", qtype: dns.TypeA, do: true},
		{name: "nope.test.", qtype: dns.TypeA, do: true, size: 512},
		{name: "test.", qtype: dns.TypeAXFR},
		{name: "hostname.bind.", qtype: dns.TypeTXT, class: dns.ClassCHAOS},
		{name: ".", qtype: dns.TypeNS, rd: true, ver: 1},
		{name: "x.", qtype: dns.TypeOPT, opts: []dns.EDNS0{&dns.EDNS0_NSID{Code: dns.EDNS0NSID}}},
	} {
		b, _ := x.msg().Pack()
		f.Add(b, false)
		f.Add(b, true)
	}
	f.Add([]byte{0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0xc0, 12, 0, 1, 0, 1}, false) // a compression loop
	f.Add([]byte{}, false)
	w := defaultWorld(f)
	servers := []string{"127.53.0.1", "127.53.1.1", "127.53.10.1", "127.53.43.1", "127.53.44.1", "127.53.45.1", "127.53.93.1", "127.53.94.1"}
	f.Fuzz(func(t *testing.T, req []byte, tcp bool) {
		tr := observe.UDP
		if tcp {
			tr = observe.TCP
		}
		for _, a := range servers {
			s := w.Server(netip.MustParseAddr(a))
			resp, act := s.Handle(req, tr)
			if act.Drop || resp == nil {
				continue
			}
			if err := new(dns.Msg).Unpack(resp); err != nil {
				t.Fatalf("%s: reply does not parse: %v", a, err)
			}
			if tr == observe.UDP && !s.Faults.Oversized && len(resp) > engine.BufferSize {
				t.Fatalf("%s: %d-byte UDP reply", a, len(resp))
			}
		}
	})
}
