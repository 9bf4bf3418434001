package nameserver

import (
	"net/netip"
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
		}), Want: []string{"NS_EDNS_VERSION " + ns2 + " | answered NOERROR to a query of EDNS version 1, not BADVERS"}},
		{Name: "BADVERS without OPT", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeEDNSVer, a, zone, dns.TypeSOA, func(m *dns.Msg) { m.Rcode = dns.RcodeFormatError })
		}), Want: []string{"NS_EDNS_VERSION " + ns2 + " | answered FORMERR without an OPT record to a query of EDNS version 1"}},
		{Name: "BADVERS passes", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeEDNSVer, a, zone, dns.TypeSOA, func(m *dns.Msg) { m.SetEdns0(1232, false); m.Rcode = dns.RcodeBadVers })
		})},
		{Name: "unknown option echoed", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeEDNSOpt, a, zone, dns.TypeSOA, func(m *dns.Msg) {
				o.SOA(1)(m)
				opt := m.IsEdns0()
				opt.Option = append(opt.Option, &dns.EDNS0_LOCAL{Code: observe.ProbeUnknownOption, Data: []byte{}})
			})
		}), Want: []string{"NS_EDNS_OPTION " + ns2 + " | echoed the unknown EDNS option 65001 in its answer"}},
		{Name: "unknown option answered FORMERR", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeEDNSOpt, a, zone, dns.TypeSOA, func(m *dns.Msg) { m.SetEdns0(1232, false); m.Rcode = dns.RcodeFormatError })
		}), Want: []string{"NS_EDNS_OPTION " + ns2 + " | answered FORMERR to a query with the unknown EDNS option 65001, not NOERROR"}},
		{Name: "unknown flag echoed", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeEDNSFlags, a, zone, dns.TypeSOA, func(m *dns.Msg) {
				o.SOA(1)(m)
				m.IsEdns0().SetZ(observe.ProbeUnknownFlags)
			})
		}), Want: []string{"NS_EDNS_FLAGS " + ns2 + " | set the unknown EDNS flag bits 0x0001 in its answer"}},
		{Name: "unknown flag ignored", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeEDNSFlags, a, zone, dns.TypeSOA, o.SOA(1))
		})},
		{Name: "unknown flag answered without OPT", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeEDNSFlags, a, zone, dns.TypeSOA,
				checktest.Answer(zone+" 3600 IN SOA ns1.example.test. h.example.test. 1 7200 3600 1209600 3600"))
		}), Want: []string{"NS_EDNS_FLAGS " + ns2 + " | answered without an OPT record a query with an unknown EDNS flag (0x0001)"}},
		{Name: "truncated without OPT", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			q := o.Query(observe.PurposeTruncUDP, a, zone, dns.TypeDNSKEY, func(m *dns.Msg) { m.Truncated = true })
			q.EDNS = &observe.EDNS{UDPSize: 512, DO: true}
		}), Want: []string{"NS_EDNS_TRUNCATION " + ns2 + " | a truncated answer (TC) to an EDNS query for the zone's DNSKEY with a 512-byte buffer has no OPT record"}},
		{Name: "truncated with OPT", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			q := o.Query(observe.PurposeTruncUDP, a, zone, dns.TypeDNSKEY, func(m *dns.Msg) { m.Truncated = true; m.SetEdns0(1232, true) })
			q.EDNS = &observe.EDNS{UDPSize: 512, DO: true}
		})},
		{Name: "no EDNS at all is NS_EDNS_BROKEN alone", Build: two(func(o *checktest.Observations, a string) {
			formerr := func(m *dns.Msg) { m.Rcode, m.Authoritative = dns.RcodeFormatError, false }
			o.Query(observe.PurposeSOAUDP, a, zone, dns.TypeSOA, formerr)
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, o.SOA(1))
			o.Query(observe.PurposeEDNSPlain, a, zone, dns.TypeSOA, o.SOA(1))
			for _, p := range []string{observe.PurposeEDNSVer, observe.PurposeEDNSOpt, observe.PurposeEDNSFlags} {
				o.Query(p, a, zone, dns.TypeSOA, formerr)
			}
		}), Want: []string{"NS_EDNS_BROKEN " + ns2 + " | failed: an EDNS0 query"}},
		{Name: "qname case not preserved", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeQNameCase, a, "ExAmPlE.TeSt.", dns.TypeSOA, func(m *dns.Msg) {
				o.SOA(1)(m)
				m.Question[0].Name = zone
			})
		}), Want: []string{"NS_QNAME_CASE " + ns2 + " | asked ExAmPlE.TeSt. SOA, the answer's question reads example.test."}},
		{Name: "qname case changes the answer", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeQNameCase, a, "ExAmPlE.TeSt.", dns.TypeSOA, func(m *dns.Msg) { m.Rcode, m.Authoritative = dns.RcodeRefused, false })
		}), Want: []string{"NS_QNAME_CASE " + ns2 + " | answered REFUSED to ExAmPlE.TeSt. SOA, NOERROR to the zone's name as written"}},
		{Name: "qname case kept", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeQNameCase, a, "ExAmPlE.TeSt.", dns.TypeSOA, o.SOA(1))
		})},
		{Name: "AAAA answered NOTIMP", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeAAAA, a, zone, dns.TypeAAAA, func(m *dns.Msg) { m.Rcode = dns.RcodeNotImplemented })
		}), Want: []string{"NS_AAAA_BROKEN " + ns2 + " | answered NOTIMP to an AAAA query for example.test., NOERROR to its SOA"}},
		{Name: "AAAA dropped", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.QueryOver(observe.PurposeAAAA, a, observe.UDP, zone, dns.TypeAAAA, 0, nil)
		}), Want: []string{"NS_AAAA_BROKEN " + ns2 + " | no response to an AAAA query for example.test."}},
		{Name: "AAAA not sent (server resting)", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			q := o.QueryOver(observe.PurposeAAAA, a, observe.UDP, zone, dns.TypeAAAA, 0, nil)
			q.Error = observe.NotSent
		})},
		{Name: "AAAA NODATA", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeAAAA, a, zone, dns.TypeAAAA, nil2(o))
		})},
		{Name: "answers from another address", Build: two(func(o *checktest.Observations, a string) {
			o.QueryOver(observe.PurposeSOAUDP, a, observe.UDP, zone, dns.TypeSOA, 0, nil)
			q := o.Query(observe.PurposeSource, a, zone, dns.TypeSOA, o.SOA(1))
			q.From = netip.MustParseAddr("198.51.100.77")
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, o.SOA(1))
		}), Want: []string{"NS_WRONG_SOURCE " + ns2 + " | asked at 198.51.100.2, answered from 198.51.100.77"}},
		{Name: "answers from another address, no TCP", Build: two(func(o *checktest.Observations, a string) {
			o.QueryOver(observe.PurposeSOAUDP, a, observe.UDP, zone, dns.TypeSOA, 0, nil)
			q := o.Query(observe.PurposeSource, a, zone, dns.TypeSOA, o.SOA(1))
			q.From = netip.MustParseAddr("198.51.100.77")
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, nil)
		}), Want: []string{"NS_WRONG_SOURCE " + ns2 + " | asked at 198.51.100.2, answered from 198.51.100.77",
			"NS_UNREACHABLE " + ns2 + " | no response over UDP or TCP"}},
		{Name: "answers from another address: its UDP timeouts judge no EDNS", Build: two(func(o *checktest.Observations, a string) {
			o.QueryOver(observe.PurposeSOAUDP, a, observe.UDP, zone, dns.TypeSOA, 0, nil)
			q := o.Query(observe.PurposeSource, a, zone, dns.TypeSOA, o.SOA(1))
			q.From = netip.MustParseAddr("198.51.100.77")
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, o.SOA(1))
			for _, p := range []string{observe.PurposeEDNSPlain, observe.PurposeEDNSDO, observe.PurposeAAAA} {
				o.QueryOver(p, a, observe.UDP, zone, dns.TypeSOA, 0, nil)
			}
		}), Want: []string{"NS_WRONG_SOURCE " + ns2 + " | asked at 198.51.100.2, answered from 198.51.100.77"}},
		{Name: "answers from the address asked", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			q := o.Query(observe.PurposeSource, a, zone, dns.TypeSOA, o.SOA(1))
			q.From = netip.MustParseAddr(a)
		})},
		{Name: "upward referral", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeRecursion, a, ".", dns.TypeNS, func(m *dns.Msg) {
				m.Authoritative = false
				m.Ns = append(m.Ns, checktest.RR(". 518400 IN NS a.root-servers.net."))
			})
		}), Want: []string{"NS_UPWARD_REFERRAL " + ns2 + " | asked for . NS, a name outside its zones, it referred to ."}},
		{Name: "lame by upward referral is NS_LAME alone", Build: two(func(o *checktest.Observations, a string) {
			up := func(m *dns.Msg) {
				m.Authoritative = false
				m.Ns = append(m.Ns, checktest.RR(". 518400 IN NS a.root-servers.net."))
			}
			o.Query(observe.PurposeSOAUDP, a, zone, dns.TypeSOA, up)
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, up)
			o.Query(observe.PurposeRecursion, a, ".", dns.TypeNS, up)
		}), Want: []string{"NS_LAME " + ns2 + " | not authoritative for example.test.: referred the query upwards"}},
		{Name: "authoritative without SOA", Build: two(func(o *checktest.Observations, a string) {
			o.Query(observe.PurposeSOAUDP, a, zone, dns.TypeSOA, func(*dns.Msg) {})
			o.QueryOver(observe.PurposeSOATCP, a, observe.TCP, zone, dns.TypeSOA, 0, func(*dns.Msg) {})
		}), Want: []string{"NS_NO_SOA " + ns2 + " | an authoritative answer (AA, NOERROR) to example.test. SOA without the SOA record"}},
		{Name: "version disclosed", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeChaosVer, a, "version.bind.", dns.TypeTXT, checktest.Answer(`version.bind. 0 CH TXT "9.18.24-1-Debian"`))
			o.Query(observe.PurposeChaosVerS, a, "version.server.", dns.TypeTXT, checktest.Answer(`version.server. 0 CH TXT "9.18.24-1-Debian"`))
		}), Want: []string{"NS_VERSION_DISCLOSED " + ns2 + ` | version.bind CH TXT answers "9.18.24-1-Debian"`}},
		{Name: "version hidden", Build: two(func(o *checktest.Observations, a string) {
			o.Healthy(a, 1)
			o.Query(observe.PurposeChaosVer, a, "version.bind.", dns.TypeTXT, checktest.Answer(`version.bind. 0 CH TXT "none"`))
			o.Query(observe.PurposeChaosVerS, a, "version.server.", dns.TypeTXT, func(m *dns.Msg) { m.Rcode = dns.RcodeRefused })
		})},
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

// nil2 answers with nothing: NOERROR, no records (NODATA).
func nil2(*checktest.Observations) func(m *dns.Msg) { return func(*dns.Msg) {} }
