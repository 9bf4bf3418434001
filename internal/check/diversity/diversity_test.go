package diversity

import (
	"net/netip"
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

const zone = "example.test."

// diverse is a zone with three healthy servers in different prefixes and
// autonomous systems, one of them over IPv6: no NS_* finding.
func diverse() *checktest.Observations {
	o := checktest.Delegated(zone)
	o.NS("ns1.example.test", true, "192.0.2.1")
	o.NS("ns2.example.net", true, "198.51.100.2", "2001:db8::2")
	for _, a := range []string{"192.0.2.1", "198.51.100.2", "2001:db8::2"} {
		o.Healthy(a, 1)
	}
	o.Geo(func(a netip.Addr) uint32 {
		if a.Is4() && a.As4()[0] == 192 {
			return 64500
		}
		return 64501
	})
	return o
}

// apexAAAA records the apex AAAA lookup answered by ns1.
func apexAAAA(o *checktest.Observations, build func(m *dns.Msg)) *observe.Query {
	return o.Query(observe.PurposeApexAAAA, "192.0.2.1", zone, dns.TypeAAAA, build)
}

func nodata(m *dns.Msg) {
	m.Ns = append(m.Ns, checktest.RR(zone+" 3600 IN SOA ns1.example.test. h.example.test. 1 7200 3600 1209600 3600"))
}

func TestCheck(t *testing.T) {
	checktest.RunCases(t, Check, []checktest.Case{
		{Name: "diverse servers, nothing asked of the content", Build: diverse},
		{Name: "not delegated", Build: func() *checktest.Observations {
			o := diverse()
			o.D.Delegation.Status = observe.NotDelegated
			o.D.Nameservers = o.D.Nameservers[:1]
			return o
		}},
		{Name: "one IPv4 prefix and IPv6", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.test", true, "192.0.2.1")
			o.NS("ns2.example.test", true, "192.0.2.2", "2001:db8::2")
			for _, a := range []string{"192.0.2.1", "192.0.2.2", "2001:db8::2"} {
				o.Healthy(a, 1)
			}
			return o
		}, Want: []string{}},
		{Name: "one IPv4 prefix, no IPv6", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.test", true, "192.0.2.1")
			o.NS("ns2.example.test", true, "192.0.2.2")
			o.Healthy("192.0.2.1", 1)
			o.Healthy("192.0.2.2", 1)
			return o
		}, Want: []string{
			"NS_NO_IPV6 example.test. | no nameserver answers over IPv6",
			"NS_SAME_PREFIX example.test. | all nameserver addresses in 192.0.2.0/24",
		}},
		{Name: "one AS", Build: func() *checktest.Observations {
			o := diverse()
			o.Geo(func(netip.Addr) uint32 { return 64500 })
			return o
		}, Want: []string{"NS_SINGLE_ASN example.test. | all nameserver addresses in AS64500"}},
		{Name: "an unknown AS is not one AS", Build: func() *checktest.Observations {
			o := diverse()
			o.Geo(func(a netip.Addr) uint32 {
				if a.Is6() {
					return 0
				}
				return 64500
			})
			return o
		}},
		{Name: "IPv6 address silent", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.test", true, "192.0.2.1")
			o.NS("ns2.example.net", true, "198.51.100.2", "2001:db8::2")
			o.Healthy("192.0.2.1", 1)
			o.Healthy("198.51.100.2", 1)
			o.QueryOver(observe.PurposeSOAUDP, "2001:db8::2", observe.UDP, zone, dns.TypeSOA, 0, nil)
			o.QueryOver(observe.PurposeSOATCP, "2001:db8::2", observe.TCP, zone, dns.TypeSOA, 0, nil)
			return o
		}, Want: []string{"NS_NO_IPV6 example.test. | no nameserver answers over IPv6"}},
		{Name: "IPv6 address not queried (check -4)", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.test", true, "192.0.2.1")
			o.NS("ns2.example.net", true, "198.51.100.2", "2001:db8::2")
			o.Healthy("192.0.2.1", 1)
			o.Healthy("198.51.100.2", 1)
			o.Refused(observe.PurposeSOAUDP, "2001:db8::2", zone, dns.TypeSOA)
			return o
		}},

		{Name: "apex has AAAA", Build: func() *checktest.Observations {
			o := diverse()
			apexAAAA(o, checktest.Answer(zone+" 300 IN AAAA 2001:db8::80"))
			return o
		}},
		{Name: "apex without AAAA", Build: func() *checktest.Observations {
			o := diverse()
			apexAAAA(o, nodata)
			return o
		}, Want: []string{"IPV6_APEX_NO_AAAA example.test. | "}},
		{Name: "apex CNAME to another zone, target not asked", Build: func() *checktest.Observations {
			o := diverse()
			apexAAAA(o, checktest.Answer(zone+" 300 IN CNAME www.example.net."))
			return o
		}},
		{Name: "apex CNAME with the target's AAAA in the answer", Build: func() *checktest.Observations {
			o := diverse()
			apexAAAA(o, checktest.Answer(zone+" 300 IN CNAME web.example.test.", "web.example.test. 300 IN AAAA 2001:db8::80"))
			return o
		}},
		{Name: "apex answered over UDP truncated, TCP retry silent", Build: func() *checktest.Observations {
			o := diverse()
			apexAAAA(o, func(m *dns.Msg) { m.Truncated = true })
			o.QueryOver(observe.PurposeApexAAAA, "192.0.2.1", observe.TCP, zone, dns.TypeAAAA, 0, nil)
			return o
		}},
		{Name: "apex silent over UDP, TCP retry without AAAA", Build: func() *checktest.Observations {
			o := diverse()
			o.QueryOver(observe.PurposeApexAAAA, "192.0.2.1", observe.UDP, zone, dns.TypeAAAA, 0, nil)
			o.QueryOver(observe.PurposeApexAAAA, "192.0.2.1", observe.TCP, zone, dns.TypeAAAA, 0, nodata)
			return o
		}, Want: []string{"IPV6_APEX_NO_AAAA example.test. | "}},

		{Name: "www CNAME to a name without AAAA", Build: func() *checktest.Observations {
			o := diverse()
			o.Query(observe.PurposeWWWAAAA, "192.0.2.1", "www."+zone, dns.TypeAAAA, checktest.Answer("www."+zone+" 300 IN CNAME cdn.example.net."))
			o.Query(observe.PurposeWWWAAAA, "198.51.100.2", "cdn.example.net.", dns.TypeAAAA, nodata)
			return o
		}, Want: []string{"IPV6_WWW_NO_AAAA www.example.test. | "}},
		{Name: "www CNAME to a name with AAAA", Build: func() *checktest.Observations {
			o := diverse()
			o.Query(observe.PurposeWWWAAAA, "192.0.2.1", "www."+zone, dns.TypeAAAA, checktest.Answer("www."+zone+" 300 IN CNAME cdn.example.net."))
			o.Query(observe.PurposeWWWAAAA, "198.51.100.2", "cdn.example.net.", dns.TypeAAAA, checktest.Answer("cdn.example.net. 300 IN AAAA 2001:db8::443"))
			return o
		}},
		{Name: "www CNAME, target unresolved", Build: func() *checktest.Observations {
			o := diverse()
			o.Query(observe.PurposeWWWAAAA, "192.0.2.1", "www."+zone, dns.TypeAAAA, checktest.Answer("www."+zone+" 300 IN CNAME cdn.example.net."))
			o.QueryOver(observe.PurposeWWWAAAA, "198.51.100.2", observe.UDP, "cdn.example.net.", dns.TypeAAAA, 0, nil)
			return o
		}},
		{Name: "www in a CNAME loop", Build: func() *checktest.Observations {
			o := diverse()
			o.Query(observe.PurposeWWWAAAA, "192.0.2.1", "www."+zone, dns.TypeAAAA, checktest.Answer("www."+zone+" 300 IN CNAME a."+zone))
			o.Query(observe.PurposeWWWAAAA, "192.0.2.1", "a."+zone, dns.TypeAAAA, checktest.Answer("a."+zone+" 300 IN CNAME b."+zone))
			o.Query(observe.PurposeWWWAAAA, "192.0.2.1", "b."+zone, dns.TypeAAAA, checktest.Answer("b."+zone+" 300 IN CNAME a."+zone))
			return o
		}, Want: []string{"IPV6_WWW_NO_AAAA www.example.test. | "}},
		{Name: "www does not exist", Build: func() *checktest.Observations {
			o := diverse()
			o.Query(observe.PurposeWWWAAAA, "192.0.2.1", "www."+zone, dns.TypeAAAA, func(m *dns.Msg) { m.Rcode = dns.RcodeNameError })
			return o
		}},
		{Name: "one MX target without AAAA", Build: func() *checktest.Observations {
			o := diverse()
			o.Query(observe.PurposeMX, "192.0.2.1", zone, dns.TypeMX, checktest.Answer(zone+" 300 IN MX 10 mx1.example.net.", zone+" 300 IN MX 20 mx2.example.net."))
			o.Query(observe.PurposeMXAAAA, "198.51.100.2", "mx1.example.net.", dns.TypeAAAA, checktest.Answer("mx1.example.net. 300 IN AAAA 2001:db8::25"))
			o.Query(observe.PurposeMXAAAA, "198.51.100.2", "mx2.example.net.", dns.TypeAAAA, nodata)
			return o
		}, Want: []string{"IPV6_MX_NO_AAAA mx2.example.net. | "}},
	})
}
