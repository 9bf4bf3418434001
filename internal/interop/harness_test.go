package interop

import (
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/testenv"
)

// requireRoot ends t unless it runs as root with every binary present:
// the servers bind port 53 and BIND needs loopback aliases. It skips, or
// under CI (CI=true) fails: testenv.Unavailable.
func requireRoot(t *testing.T, bins ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		testenv.Unavailable(t, "interop tests bind port 53 on loopback addresses and need root (CI runs as root)")
		return
	}
	if m := Missing(bins...); len(m) > 0 {
		testenv.Unavailable(t, "missing %v: run scripts/install-test-deps.sh as root", m)
	}
}

// The smoke world: a root zone on NSD delegating smoke.test. to Knot and
// BIND, and a recursive BIND that starts from hints naming the NSD root.
// Addresses in 127.54.0.0/24 stay clear of the lab's 127.53.0.0/16.
const (
	smokeRoot = `$TTL 300
. IN SOA a.root.smoke. h.root.smoke. 1 3600 600 86400 300
. IN NS a.root.smoke.
a.root.smoke. IN A 127.54.0.1
smoke.test. IN NS ns1.smoke.test.
smoke.test. IN NS ns2.smoke.test.
ns1.smoke.test. IN A 127.54.0.2
ns2.smoke.test. IN A 127.54.0.3
`
	smokeZone = `$TTL 300
smoke.test. IN SOA ns1.smoke.test. h.smoke.test. 7 3600 600 86400 300
smoke.test. IN NS ns1.smoke.test.
smoke.test. IN NS ns2.smoke.test.
ns1.smoke.test. IN A 127.54.0.2
ns2.smoke.test. IN A 127.54.0.3
www.smoke.test. IN A 192.0.2.80
`
	smokeHints = `. 3600000 IN NS a.root.smoke.
a.root.smoke. 3600000 IN A 127.54.0.1
`
)

func writeFile(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func exchange(t *testing.T, addr netip.AddrPort, name string, qtype uint16, rd bool) *dns.Msg {
	t.Helper()
	q := new(dns.Msg)
	q.SetQuestion(name, qtype)
	q.RecursionDesired = rd
	c := &dns.Client{Timeout: 3 * time.Second}
	r, _, err := c.Exchange(q, addr.String())
	if err != nil {
		t.Fatalf("%s %s @%s: %v", name, dns.TypeToString[qtype], addr, err)
	}
	return r
}

func TestHarnessSmoke(t *testing.T) {
	requireRoot(t, "nsd", "knotd", "named", "ip")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dir := t.TempDir()
	root := writeFile(t, filepath.Join(dir, "root.zone"), smokeRoot)
	zone := writeFile(t, filepath.Join(dir, "smoke.zone"), smokeZone)
	hints := writeFile(t, filepath.Join(dir, "hints.zone"), smokeHints)
	a := func(s string) []netip.Addr { return []netip.Addr{netip.MustParseAddr(s)} }
	servers := []Auth{
		{Kind: NSD, Name: "root", Addrs: a("127.54.0.1"), Zones: []ZoneFile{{".", root}}, NSID: "root-nsd", Identity: "a.root.smoke"},
		{Kind: Knot, Name: "ns1", Addrs: a("127.54.0.2"), Zones: []ZoneFile{{"smoke.test.", zone}}, AXFR: true},
		{Kind: BIND, Name: "ns2", Addrs: a("127.54.0.3"), Zones: []ZoneFile{{"smoke.test.", zone}}},
		{Kind: BIND, Name: "rec", Addrs: a("127.54.0.4"), Recursion: true, Hints: hints},
	}
	for _, s := range servers {
		p, err := s.Start(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := p.Stop(); err != nil {
				t.Error(err)
			}
		})
	}
	ap := func(s string) netip.AddrPort { return netip.AddrPortFrom(netip.MustParseAddr(s), 53) }

	t.Run("authoritative", func(t *testing.T) {
		for _, s := range []string{"127.54.0.2", "127.54.0.3"} {
			r := exchange(t, ap(s), "www.smoke.test.", dns.TypeA, false)
			if !r.Authoritative || len(r.Answer) != 1 || r.Answer[0].(*dns.A).A.String() != "192.0.2.80" {
				t.Errorf("@%s: %v", s, r)
			}
		}
	})
	t.Run("referral", func(t *testing.T) {
		r := exchange(t, ap("127.54.0.1"), "www.smoke.test.", dns.TypeA, false)
		if r.Authoritative || len(r.Ns) != 2 || len(r.Extra) < 2 {
			t.Errorf("want a referral with glue, got %v", r)
		}
	})
	t.Run("nsid", func(t *testing.T) {
		q := new(dns.Msg)
		q.SetQuestion(".", dns.TypeSOA)
		q.SetEdns0(1232, false)
		q.IsEdns0().Option = append(q.IsEdns0().Option, &dns.EDNS0_NSID{Code: dns.EDNS0NSID})
		r, _, err := (&dns.Client{Timeout: 3 * time.Second}).Exchange(q, ap("127.54.0.1").String())
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if o := r.IsEdns0(); o != nil {
			for _, e := range o.Option {
				if n, ok := e.(*dns.EDNS0_NSID); ok {
					got = n.Nsid
				}
			}
		}
		if got != "726f6f742d6e7364" { // hex of "root-nsd"
			t.Errorf("NSID %q", got)
		}
	})
	t.Run("axfr", func(t *testing.T) {
		for _, c := range []struct {
			addr string
			open bool
		}{{"127.54.0.2", true}, {"127.54.0.3", false}} {
			m := new(dns.Msg)
			m.SetAxfr("smoke.test.")
			env, err := new(dns.Transfer).In(m, ap(c.addr).String())
			n := 0
			if err == nil {
				for e := range env {
					if e.Error != nil {
						break
					}
					n += len(e.RR)
				}
			}
			if got := n > 0; got != c.open {
				t.Errorf("AXFR @%s: %d records, want open=%v", c.addr, n, c.open)
			}
		}
	})
	t.Run("recursion", func(t *testing.T) {
		r := exchange(t, ap("127.54.0.4"), "www.smoke.test.", dns.TypeA, true)
		if !r.RecursionAvailable || r.Rcode != dns.RcodeSuccess || len(r.Answer) != 1 {
			t.Errorf("recursive BIND: %v", r)
		}
		r = exchange(t, ap("127.54.0.3"), "www.example.", dns.TypeA, true)
		if r.RecursionAvailable && len(r.Answer) > 0 {
			t.Errorf("authoritative-only BIND recursed: %v", r)
		}
	})
}

func TestAuthValidate(t *testing.T) {
	lo := []netip.Addr{netip.MustParseAddr("127.54.0.9")}
	for _, c := range []struct {
		name string
		auth Auth
		want string
	}{
		{"ok", Auth{Kind: NSD, Name: "ns1", Addrs: lo}, ""},
		{"kind", Auth{Kind: "powerdns", Name: "ns1", Addrs: lo}, `interop: unknown server kind "powerdns"`},
		{"name", Auth{Kind: NSD, Name: "a/b", Addrs: lo}, `interop: server name "a/b" is empty or has characters unsafe in a path or a configuration`},
		{"no address", Auth{Kind: Knot, Name: "ns1"}, "interop: server ns1 has no address"},
		{"not loopback", Auth{Kind: NSD, Name: "ns1", Addrs: []netip.Addr{netip.MustParseAddr("192.0.2.1")}}, "interop: server ns1: 192.0.2.1 is not a loopback address"},
		{"recursion on nsd", Auth{Kind: NSD, Name: "ns1", Addrs: lo, Recursion: true, Hints: "/h"}, "interop: server ns1: recursion needs kind bind and a hints file"},
		{"relative zone file", Auth{Kind: BIND, Name: "ns1", Addrs: lo, Zones: []ZoneFile{{"x.test.", "x.zone"}}}, `interop: server ns1: bad zone "x.test." at "x.zone"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ""
			if err := c.auth.Validate(); err != nil {
				got = err.Error()
			}
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
