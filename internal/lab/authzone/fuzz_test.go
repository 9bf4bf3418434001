package authzone_test

import (
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// FuzzParseZone feeds arbitrary zone text to Parse and, when it loads,
// signs it and answers from it: no panic.
func FuzzParseZone(f *testing.F) {
	f.Add("$TTL 60\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 127.0.0.1\nsub NS ns.sub\nns.sub A 127.0.0.2\n*.w TXT x\n")
	f.Add("@ 60 SOA ns h 1 2 3 4 5\n@ 60 NS ns\n@ 60 CNAME other.\nx 60 CNAME x\n")
	f.Add("@ 60 SOA ns h 1 2 3 4 5\n@ 60 NS ns\na\\.b 60 A 127.0.0.1\n\\# 60 A 127.0.0.1\n")
	f.Fuzz(func(t *testing.T, text string) {
		if z, err := authzone.Parse("fuzz.example.", text, nil); err != nil || z.Size() > 2000 {
			return // $GENERATE makes zones of 65536 names: correct, but too slow to sign here
		}
		w := engine.NewWorld(testNow)
		z, err := w.AddZone("fuzz.example.", text, &authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{}})
		if err != nil {
			return
		}
		if err := w.Build(); err != nil {
			return
		}
		for _, name := range []string{"fuzz.example.", "www.fuzz.example.", "a.b.c.fuzz.example.", "*.fuzz.example."} {
			for _, qt := range []uint16{dns.TypeA, dns.TypeDS, dns.TypeANY, dns.TypeNS} {
				z.Lookup(name, qt, true)
			}
		}
	})
}
