package delegation

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

const zone = "example.test."

// healthy is a zone with two nameservers, one inside the zone with glue,
// both named by the parent and the zone.
func healthy() *checktest.Observations {
	o := checktest.Delegated(zone)
	o.NS("ns1.example.test", true, "192.0.2.1")
	o.NS("ns2.example.net", true, "198.51.100.2")
	o.Healthy("192.0.2.1", 1, "ns1.example.test", "ns2.example.net")
	o.Healthy("198.51.100.2", 1, "ns1.example.test", "ns2.example.net")
	return o
}

func TestCheck(t *testing.T) {
	checktest.RunCases(t, Check, []checktest.Case{
		{Name: "healthy", Build: healthy},
		{Name: "two NS names, one address", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.test", true, "192.0.2.1", "2001:db8::1")
			o.NS("ns2.example.test", true, "192.0.2.1", "2001:db8::2")
			o.NS("ns3.example.net", true, "198.51.100.3")
			for _, a := range []string{"192.0.2.1", "2001:db8::1", "2001:db8::2", "198.51.100.3"} {
				o.Healthy(a, 1, "ns1.example.test", "ns2.example.test", "ns3.example.net")
			}
			return o
		}, Want: []string{"NS_ADDRESS_SHARED 192.0.2.1 | shared by ns1.example.test. ns2.example.test."}},
		{Name: "three names, two shared addresses", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("c.example.net", true, "198.51.100.1", "2001:db8::53")
			o.NS("a.example.net", true, "198.51.100.1")
			o.NS("b.example.net", true, "2001:db8::53", "198.51.100.1")
			o.Healthy("198.51.100.1", 1, "a.example.net", "b.example.net", "c.example.net")
			o.Healthy("2001:db8::53", 1, "a.example.net", "b.example.net", "c.example.net")
			return o
		}, Want: []string{
			"NS_ADDRESS_SHARED 198.51.100.1 | shared by a.example.net. b.example.net. c.example.net.",
			"NS_ADDRESS_SHARED 2001:db8::53 | shared by b.example.net. c.example.net.",
		}},
		{Name: "one name with its address twice (glue and lookup) is not shared", Build: func() *checktest.Observations {
			o := healthy()
			ns := o.D.Nameservers[0]
			ns.Addresses = append(ns.Addresses, ns.Addresses[0])
			return o
		}},
		{Name: "NXDOMAIN at the parent", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.D.Delegation.Status = observe.NotDelegated
			return o
		}, Want: []string{"DOMAIN_NOT_DELEGATED example.test. | the parent zone test. answered NXDOMAIN: the name does not exist"}},
		{Name: "a name in the parent without NS records", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.D.Delegation.Status = observe.NoDelegation
			return o
		}, Want: []string{"DOMAIN_NOT_DELEGATED example.test. | the name exists in the parent zone test. but has no NS records there"}},
		{Name: "no parent server answered", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.D.Delegation.Status = observe.ParentFailed
			o.D.Error = "resolver: asking test. servers about example.test.: no server answered"
			return o
		}, Want: []string{"DOMAIN_NOT_CHECKED example.test. | resolver: asking test. servers about example.test.: no server answered"}},
		{Name: "parent failed without an error recorded", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.D.Delegation.Status = observe.ParentFailed
			return o
		}, Want: []string{"DOMAIN_NOT_CHECKED example.test. | no server of the parent zone test. answered"}},
		{Name: "delegated, but collection stopped early", Build: func() *checktest.Observations {
			o := healthy()
			o.D.Error = "interrupted"
			return o
		}, Want: []string{"DOMAIN_NOT_CHECKED example.test. | interrupted"}},
		{Name: "every server lame or silent", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.net", true, "198.51.100.1")
			o.NS("ns2.example.net", true, "198.51.100.2")
			o.Query(observe.PurposeSOAUDP, "198.51.100.1", zone, dns.TypeSOA, func(m *dns.Msg) { m.Rcode, m.Authoritative = dns.RcodeRefused, false })
			o.QueryOver(observe.PurposeSOAUDP, "198.51.100.2", observe.UDP, zone, dns.TypeSOA, 0, nil)
			return o
		}, Want: []string{"DOMAIN_NO_WORKING_NS example.test. | none of 198.51.100.1, 198.51.100.2 answers authoritatively (no response, answered REFUSED)"}},
		{Name: "one server of two answers", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.net", true, "198.51.100.1")
			o.NS("ns2.example.net", true, "198.51.100.2")
			o.Query(observe.PurposeSOAUDP, "198.51.100.1", zone, dns.TypeSOA, func(m *dns.Msg) { m.Rcode, m.Authoritative = dns.RcodeRefused, false })
			o.Healthy("198.51.100.2", 1, "ns1.example.net", "ns2.example.net")
			return o
		}},
		{Name: "no nameserver address found", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.net", true)
			o.NS("ns2.example.net", true)
			return o
		}, Want: []string{"DOMAIN_NO_WORKING_NS example.test. | no address found for ns1.example.net. ns2.example.net.",
			"NS_NAME_UNRESOLVABLE ns1.example.net. | no server answered for ns1.example.net.",
			"NS_NAME_UNRESOLVABLE ns2.example.net. | no server answered for ns2.example.net."}},
		{Name: "every address refused by policy", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.net", true, "198.51.100.1")
			o.NS("ns2.example.net", true, "198.51.100.2")
			for _, a := range []string{"198.51.100.1", "198.51.100.2"} {
				o.Refused(observe.PurposeSOAUDP, a, zone, dns.TypeSOA)
			}
			return o
		}, Want: []string{"DOMAIN_NOT_CHECKED example.test. | no nameserver address could be queried: 198.51.100.1 address not allowed, 198.51.100.2 address not allowed"}},
		{Name: "one nameserver", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.net", true, "198.51.100.2")
			o.Healthy("198.51.100.2", 1, "ns1.example.net")
			return o
		}, Want: []string{"NS_COUNT_LOW example.test. (parent, child) | 1 NS name(s): ns1.example.net."}},
		{Name: "one nameserver at the parent, two in the zone", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.net", true, "198.51.100.1")
			o.D.Nameservers = append(o.D.Nameservers, &observe.Nameserver{Name: "ns2.example.net.", InChild: true,
				Addresses: []observe.Address{{Addr: netip.MustParseAddr("198.51.100.2")}}})
			o.Healthy("198.51.100.1", 1, "ns1.example.net", "ns2.example.net")
			return o
		}, Want: []string{"NS_COUNT_LOW example.test. (parent) | 1 NS name(s): ns1.example.net.",
			"DELEGATION_NS_MISMATCH example.test. | only in the zone: ns2.example.net."}},
		{Name: "only one name with IPv6, on both sides", Build: func() *checktest.Observations {
			o := healthy()
			o.D.Nameservers[0].Addresses = append(o.D.Nameservers[0].Addresses, observe.Address{Addr: netip.MustParseAddr("2001:db8::1")})
			return o
		}, Want: []string{"NS_COUNT_LOW example.test. (parent, child) | only one NS name has an IPv6 address: ns1.example.test."}},
		{Name: "one name per family, at the parent only", Build: func() *checktest.Observations {
			o := healthy()
			o.D.Nameservers[1].Addresses = []observe.Address{{Addr: netip.MustParseAddr("2001:db8::2")}}
			o.D.Nameservers = append(o.D.Nameservers, &observe.Nameserver{Name: "ns3.example.net.", InChild: true,
				Addresses: []observe.Address{{Addr: netip.MustParseAddr("198.51.100.3")}, {Addr: netip.MustParseAddr("2001:db8::3")}}})
			return o
		}, Want: []string{"NS_COUNT_LOW example.test. (parent) | only one NS name has an IPv4 address (ns1.example.test.) and only one an IPv6 address (ns2.example.net.)",
			"DELEGATION_NS_MISMATCH example.test. | only in the zone: ns3.example.net."}},
		{Name: "two names with IPv4, none with IPv6, one name with two addresses", Build: func() *checktest.Observations {
			o := healthy()
			o.D.Nameservers[1].Addresses = append(o.D.Nameservers[1].Addresses, observe.Address{Addr: netip.MustParseAddr("198.51.100.22")})
			return o
		}},
		{Name: "a referral too large for 512 octets", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			for i := 0; i < 13; i++ {
				n := fmt.Sprintf("ns%d.a-rather-long-provider-name-number-%d.example.net", i, i)
				o.NS(n, true, fmt.Sprintf("198.51.100.%d", i+1), fmt.Sprintf("2001:db8::%d", i+1))
			}
			o.Healthy("198.51.100.1", 1)
			return o
		}, // 12 (header) + 259 (question) + 13 NS of 12 octets and their names: 54 for the first,
			// 43 each for ns1-ns9 and 45 each for ns10-ns12 (example.net. compressed); no glue: the
			// names are outside test.
			Want: []string{"REFERRAL_TOO_LARGE example.test. | a referral from test. for the longest name would take 1003 octets"}},
		{Name: "glue for a name the zone does not have", Build: func() *checktest.Observations {
			o := healthy()
			for _, t := range []uint16{dns.TypeA, dns.TypeAAAA} {
				o.Query(observe.PurposeNSAddr, "192.0.2.1", "ns1.example.test.", t, func(m *dns.Msg) {})
			}
			return o
		}, Want: []string{"GLUE_NOT_IN_CHILD ns1.example.test. | test. gives glue 192.0.2.1 for ns1.example.test., which has no A or AAAA in the zone",
			// In the zone's own view ns1 has no address: one name with IPv4.
			"NS_COUNT_LOW example.test. (child) | only one NS name has an IPv4 address: ns2.example.net."}},
		{Name: "glue for a name the zone has", Build: func() *checktest.Observations {
			o := healthy()
			o.Query(observe.PurposeNSAddr, "192.0.2.1", "ns1.example.test.", dns.TypeA, checktest.Answer("ns1.example.test. 300 IN A 192.0.2.1"))
			o.Query(observe.PurposeNSAddr, "192.0.2.1", "ns1.example.test.", dns.TypeAAAA, func(m *dns.Msg) {})
			return o
		}},
		{Name: "an NS name that does not exist", Build: func() *checktest.Observations {
			o := healthy()
			o.D.Nameservers = append(o.D.Nameservers, &observe.Nameserver{Name: "ns3.example.net.", InParent: true, InChild: true})
			o.D.Delegation.NS = append(o.D.Delegation.NS, "ns3.example.net.")
			o.Query(observe.PurposeNSAddr, "198.51.100.9", "ns3.example.net.", dns.TypeA, func(m *dns.Msg) { m.Rcode = dns.RcodeNameError })
			return o
		}, Want: []string{"NS_NAME_UNRESOLVABLE ns3.example.net. | ns3.example.net. does not exist (NXDOMAIN)"}},
		{Name: "parent and zone disagree", Build: func() *checktest.Observations {
			o := healthy()
			o.D.Nameservers[1].InChild = false
			o.D.Nameservers = append(o.D.Nameservers, &observe.Nameserver{Name: "ns3.example.net.", InChild: true})
			return o
		}, Want: []string{"DELEGATION_NS_MISMATCH example.test. | only at the parent: ns2.example.net.; only in the zone: ns3.example.net.",
			"NS_COUNT_LOW example.test. (child) | only one NS name has an IPv4 address: ns1.example.test.",
			"NS_NAME_UNRESOLVABLE ns3.example.net. | no server answered for ns3.example.net."}},
		{Name: "the zone's NS set unknown", Build: func() *checktest.Observations {
			o := healthy()
			for _, ns := range o.D.Nameservers {
				ns.InChild = false
			}
			return o
		}},
		{Name: "in-zone name without glue", Build: func() *checktest.Observations {
			o := healthy()
			delete(o.D.Delegation.Glue, "ns1.example.test.")
			return o
		}, Want: []string{"GLUE_MISSING ns1.example.test. | no A or AAAA for ns1.example.test. in the referral from test."}},
		{Name: "servers given by the user need no glue", Build: func() *checktest.Observations {
			o := healthy()
			o.D.Delegation.Status = observe.UserSupplied
			delete(o.D.Delegation.Glue, "ns1.example.test.")
			return o
		}},
		{Name: "NS name is an alias", Build: func() *checktest.Observations {
			o := healthy()
			o.D.Nameservers[1].CNAME = "dns.example.org."
			o.Query(observe.PurposeNSAddr, "198.51.100.9", "ns2.example.net.", dns.TypeA,
				checktest.Answer("ns2.example.net. 300 IN CNAME dns.example.org.", "dns.example.org. 300 IN A 198.51.100.2"))
			return o
		}, Want: []string{"NS_IS_CNAME ns2.example.net. | ns2.example.net. is an alias for dns.example.org."}},
		{Name: "apex CNAME", Build: func() *checktest.Observations {
			o := healthy()
			o.Query(observe.PurposeApexA, "192.0.2.1", zone, dns.TypeA, checktest.Answer(zone+" 300 IN CNAME www.example.net."))
			return o
		}, Want: []string{"APEX_CNAME example.test. | example.test. CNAME www.example.net."}},
		{Name: "apex A", Build: func() *checktest.Observations {
			o := healthy()
			o.Query(observe.PurposeApexA, "192.0.2.1", zone, dns.TypeA, checktest.Answer(zone+" 300 IN A 192.0.2.80"))
			return o
		}},
		{Name: "CNAME below the apex in the answer is not the apex's", Build: func() *checktest.Observations {
			o := healthy()
			o.Query(observe.PurposeApexA, "192.0.2.1", zone, dns.TypeA, checktest.Answer("www."+zone+" 300 IN CNAME www.example.net."))
			return o
		}},
	})
}

// ReferralSize adds one A record when every name with an IPv4 address is
// inside the parent zone, and one AAAA likewise (delegation03), never
// more: a record's size is its compressed owner (2), type, class, TTL
// and length (10) and its address.
func TestReferralSize(t *testing.T) {
	build := func(addrs map[string][]string) int {
		o := checktest.Delegated(zone)
		for _, n := range []string{"ns1.example.test", "ns2.example.test", "ns3.example.net"} {
			o.NS(n, true, addrs[n]...)
		}
		return ReferralSize(o.D)
	}
	none := build(nil)
	inside := build(map[string][]string{"ns1.example.test": {"192.0.2.1", "192.0.2.11"}, "ns2.example.test": {"192.0.2.2"}})
	dual := build(map[string][]string{"ns1.example.test": {"192.0.2.1", "2001:db8::1"}, "ns2.example.test": {"192.0.2.2"}})
	outside := build(map[string][]string{"ns1.example.test": {"192.0.2.1"}, "ns3.example.net": {"198.51.100.3"}})
	if inside != none+16 || dual != none+16+28 || outside != none {
		t.Errorf("sizes: none %d, in-parent IPv4 %d (want +16), and IPv6 %d (want +44), a name outside the parent %d (want +0)",
			none, inside, dual, outside)
	}
	for _, z := range []string{zone, "a.very-long-zone-name-to-leave-an-odd-remainder.example.", "."} {
		buf := make([]byte, 512)
		n, err := dns.PackDomainName(longName(z), buf, 0, nil, false)
		if err != nil || n != 255 || !dns.IsSubDomain(z, longName(z)) {
			t.Errorf("longName(%s): %d octets in wire form (want 255), %v", z, n, err)
		}
	}
}
