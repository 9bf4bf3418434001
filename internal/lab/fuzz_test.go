package lab

import (
	"net/netip"
	"testing"

	"github.com/miekg/dns"

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
			if tr == observe.UDP && !s.Faults.Oversized && len(resp) > BufferSize {
				t.Fatalf("%s: %d-byte UDP reply", a, len(resp))
			}
		}
	})
}

// FuzzParseZone feeds arbitrary zone text to ParseZone and, when it loads,
// signs it and answers from it: no panic.
func FuzzParseZone(f *testing.F) {
	f.Add("$TTL 60\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 127.0.0.1\nsub NS ns.sub\nns.sub A 127.0.0.2\n*.w TXT x\n")
	f.Add("@ 60 SOA ns h 1 2 3 4 5\n@ 60 NS ns\n@ 60 CNAME other.\nx 60 CNAME x\n")
	f.Add("@ 60 SOA ns h 1 2 3 4 5\n@ 60 NS ns\na\\.b 60 A 127.0.0.1\n\\# 60 A 127.0.0.1\n")
	f.Fuzz(func(t *testing.T, text string) {
		if z, err := ParseZone("fuzz.example.", text, nil); err != nil || len(z.rrs) > 2000 {
			return // $GENERATE makes zones of 65536 names: correct, but too slow to sign here
		}
		w := NewWorld(testNow)
		z, err := w.AddZone("fuzz.example.", text, &SignSpec{NSEC3: &NSEC3Spec{}})
		if err != nil {
			return
		}
		if err := w.Build(); err != nil {
			return
		}
		for _, name := range []string{"fuzz.example.", "www.fuzz.example.", "a.b.c.fuzz.example.", "*.fuzz.example."} {
			for _, qt := range []uint16{dns.TypeA, dns.TypeDS, dns.TypeANY, dns.TypeNS} {
				z.lookup(name, qt, true)
			}
		}
	})
}
