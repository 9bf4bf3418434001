package nameserver

import (
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

const zone = "example.test."

// two servers; ns1 (192.0.2.1) is healthy, ns2 (198.51.100.2) is what
// each case makes of it with f.
func two(f func(o *checktest.Observations, addr string)) func() *checktest.Observations {
	return func() *checktest.Observations {
		o := checktest.Delegated(zone)
		o.NS("ns1.example.test", true, "192.0.2.1")
		o.NS("ns2.example.net", true, "198.51.100.2")
		o.Healthy("192.0.2.1", 1)
		f(o, "198.51.100.2")
		return o
	}
}

const ns2 = "ns2.example.net. 198.51.100.2"

// one is two with ns2 at addr.
func one(addr string, f func(o *checktest.Observations, addr string)) func() *checktest.Observations {
	return func() *checktest.Observations {
		o := checktest.Delegated(zone)
		o.NS("ns1.example.test", true, "192.0.2.1")
		o.NS("ns2.example.net", true, addr)
		o.Healthy("192.0.2.1", 1)
		f(o, addr)
		return o
	}
}

// refused records the probes of addr as the transport policy records them:
// never sent.
func refused(o *checktest.Observations, addr string) {
	for _, p := range []string{observe.PurposeSOAUDP, observe.PurposeNS, observe.PurposeSOATCP, observe.PurposeEDNSPlain} {
		o.Refused(p, addr, zone, dns.TypeSOA)
	}
}

func TestCheck(t *testing.T) {
	checktest.RunCases(t, Check, []checktest.Case{
		{Name: "healthy", Build: two(func(o *checktest.Observations, a string) { o.Healthy(a, 1) })},
		{Name: "never probed, documentation address", Build: two(func(*checktest.Observations, string) {}),
			Want: []string{"NS_ADDRESS_NOT_GLOBAL " + ns2 + " | 198.51.100.2 is in 198.51.100.0/24, Documentation (TEST-NET-2)"}},
		{Name: "never probed, global address", Build: one("192.175.48.53", func(*checktest.Observations, string) {})},
		{Name: "private address refused by policy", Build: one("10.0.0.53", refused),
			Want: []string{"NS_ADDRESS_NOT_GLOBAL ns2.example.net. 10.0.0.53 | 10.0.0.53 is in 10.0.0.0/8, Private-Use"}},
		{Name: "loopback refused by policy", Build: one("127.0.0.1", refused),
			Want: []string{"NS_ADDRESS_NOT_GLOBAL ns2.example.net. 127.0.0.1 | 127.0.0.1 is in 127.0.0.0/8, Loopback"}},
		{Name: "unique-local IPv6 refused by policy", Build: one("fd00::53", refused),
			Want: []string{"NS_ADDRESS_NOT_GLOBAL ns2.example.net. fd00::53 | fd00::53 is in fc00::/7, Unique-Local"}},
		{Name: "link-local refused by policy", Build: one("169.254.1.1", refused),
			Want: []string{"NS_ADDRESS_NOT_GLOBAL ns2.example.net. 169.254.1.1 | 169.254.1.1 is in 169.254.0.0/16, Link Local"}},
		{Name: "global address in the do-not-probe list", Build: one("192.175.48.53", refused)},
		{Name: "NAT64 well-known prefix refused is global", Build: one("64:ff9b::c000:235", refused)},
		{Name: "lab mode: loopback answers", Build: one("127.53.1.1", func(o *checktest.Observations, a string) { o.Healthy(a, 1) })},
		{Name: "lab mode: loopback silent", Build: one("127.53.1.1", func(o *checktest.Observations, a string) {
			o.QueryOver(observe.PurposeSOAUDP, a, observe.UDP, zone, dns.TypeSOA, 0, nil)
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, nil)
		}), Want: []string{"NS_UNREACHABLE ns2.example.net. 127.53.1.1 | no response over UDP or TCP"}},
		{Name: "silent", Build: two(func(o *checktest.Observations, a string) {
			o.QueryOver(observe.PurposeSOAUDP, a, observe.UDP, zone, dns.TypeSOA, 0, nil)
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, nil)
		}), Want: []string{"NS_UNREACHABLE " + ns2 + " | no response over UDP or TCP"}},
		{Name: "malformed answers", Build: two(func(o *checktest.Observations, a string) {
			q := o.QueryOver(observe.PurposeSOAUDP, a, observe.UDP, zone, dns.TypeSOA, 0, nil)
			q.Status, q.Error = observe.StatusMalformed, "wrong ID"
		}), Want: []string{"NS_UNREACHABLE " + ns2 + " | no usable response over UDP or TCP: wrong ID"}},
		{Name: "refuses the zone", Build: two(func(o *checktest.Observations, a string) {
			o.Query(observe.PurposeSOAUDP, a, zone, dns.TypeSOA, func(m *dns.Msg) { m.Rcode, m.Authoritative = dns.RcodeRefused, false })
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, func(m *dns.Msg) { m.Rcode, m.Authoritative = dns.RcodeRefused, false })
			// A lame server's EDNS is not judged.
			o.Query(observe.PurposeEDNSVer, a, zone, dns.TypeSOA, func(m *dns.Msg) { m.Rcode = dns.RcodeRefused })
		}), Want: []string{"NS_LAME " + ns2 + " | not authoritative for example.test.: answered REFUSED"}},
		{Name: "answers without AA", Build: two(func(o *checktest.Observations, a string) {
			o.Query(observe.PurposeSOAUDP, a, zone, dns.TypeSOA, func(m *dns.Msg) { m.Authoritative = false })
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, func(m *dns.Msg) { m.Authoritative = false })
		}), Want: []string{"NS_LAME " + ns2 + " | not authoritative for example.test.: answered without the AA flag"}},
		{Name: "no TCP", Build: two(func(o *checktest.Observations, a string) {
			o.Query(observe.PurposeSOAUDP, a, zone, dns.TypeSOA, o.SOA(1))
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, nil)
		}), Want: []string{"NS_NO_TCP " + ns2 + " | no response over TCP"}},
		{Name: "recursive", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeRecursion, a, ".", dns.TypeNS, func(m *dns.Msg) {
				m.Authoritative, m.RecursionAvailable = false, true
				m.Answer = append(m.Answer, checktest.RR(". 518400 IN NS a.root-servers.net."))
			})
		}), Want: []string{"NS_RECURSIVE " + ns2 + " | answered a recursive query for a name outside its zones"}},
		{Name: "recursion refused", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeRecursion, a, ".", dns.TypeNS, func(m *dns.Msg) { m.Rcode, m.Authoritative = dns.RcodeRefused, false })
		})},
		{Name: "AXFR open", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			soa := zone + " 3600 IN SOA ns1.example.test. h.example.test. 1 7200 3600 1209600 3600"
			q := o.QueryOver(observe.PurposeAXFR, a, observe.TCP, zone, dns.TypeAXFR, 0,
				checktest.Answer(soa, zone+" 3600 IN NS ns1.example.test.", soa))
			q.Stream = [][]byte{q.Response}
		}), Want: []string{"NS_AXFR_OPEN " + ns2 + " | zone transfer of example.test. allowed"}},
		{Name: "AXFR refused", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			q := o.QueryOver(observe.PurposeAXFR, a, observe.TCP, zone, dns.TypeAXFR, 0, func(m *dns.Msg) { m.Rcode = dns.RcodeRefused })
			q.Stream = [][]byte{q.Response}
		})},
		{Name: "no BADVERS", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeEDNSVer, a, zone, dns.TypeSOA, func(m *dns.Msg) { m.SetEdns0(1232, false) })
		}), Want: []string{"NS_EDNS_BROKEN " + ns2 + " | failed: BADVERS to EDNS version 1"}},
		{Name: "one slow SOA among fast exchanges", Build: two(func(o *checktest.Observations, a string) {
			o.QueryOver(observe.PurposeSOAUDP, a, observe.UDP, zone, dns.TypeSOA, 900*time.Millisecond, o.SOA(1))
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 30*time.Millisecond, o.SOA(1))
			for _, p := range []string{observe.PurposeNS, observe.PurposeNSID, observe.PurposeEDNSPlain} {
				o.QueryOver(p, a, observe.UDP, zone, dns.TypeSOA, 20*time.Millisecond, o.SOA(1))
			}
		})},
		{Name: "slow median over UDP", Build: two(func(o *checktest.Observations, a string) {
			o.QueryOver(observe.PurposeSOAUDP, a, observe.UDP, zone, dns.TypeSOA, 400*time.Millisecond, o.SOA(1))
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 30*time.Millisecond, o.SOA(1))
			for i, p := range []string{observe.PurposeNS, observe.PurposeNSID, observe.PurposeEDNSPlain} {
				o.QueryOver(p, a, observe.UDP, zone, dns.TypeSOA, time.Duration(300+100*i)*time.Millisecond, o.SOA(1))
			}
		}), Want: []string{"NS_SLOW " + ns2 + " | median UDP 400ms > 250ms (exchanges: 4)"}},
		{Name: "slow median over TCP", Build: two(func(o *checktest.Observations, a string) {
			o.QueryOver(observe.PurposeSOAUDP, a, observe.UDP, zone, dns.TypeSOA, 30*time.Millisecond, o.SOA(1))
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 700*time.Millisecond, o.SOA(1))
		}), Want: []string{"NS_SLOW " + ns2 + " | median TCP 700ms > 500ms (exchanges: 1)"}},
	})
}
