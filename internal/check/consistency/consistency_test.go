package consistency

import (
	"net/netip"
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

const zone = "example.test."

// servers builds a zone whose three servers answer the SOA with serials;
// a serial of 0 makes that server silent.
func servers(serials ...uint32) func() *checktest.Observations {
	addrs := []string{"192.0.2.1", "198.51.100.2", "2001:db8::3"}
	return func() *checktest.Observations {
		o := checktest.Delegated(zone)
		o.NS("ns1.example.test", true, addrs[0])
		o.NS("ns2.example.net", true, addrs[1], addrs[2])
		for i, s := range serials {
			if s == 0 {
				o.QueryOver(observe.PurposeSOAUDP, addrs[i], observe.UDP, zone, dns.TypeSOA, 0, nil)
				continue
			}
			o.Healthy(addrs[i], s)
		}
		return o
	}
}

// soas builds a zone whose three servers answer the SOA query with the
// rdata ("mname rname serial refresh retry expire minimum") and the NS
// set of their index; an empty rdata makes that server silent.
func soas(rdata []string, nsSets ...[]string) func() *checktest.Observations {
	addrs := []string{"192.0.2.1", "198.51.100.2", "2001:db8::3"}
	return func() *checktest.Observations {
		o := checktest.Delegated(zone)
		o.NS("ns1.example.test", true, addrs[0])
		o.NS("ns2.example.net", true, addrs[1], addrs[2])
		for i, r := range rdata {
			if r == "" {
				o.QueryOver(observe.PurposeSOAUDP, addrs[i], observe.UDP, zone, dns.TypeSOA, 0, nil)
				continue
			}
			var ns []string
			if i < len(nsSets) {
				ns = nsSets[i]
			}
			o.HealthyWith(addrs[i], o.SOAText(r), ns...)
		}
		return o
	}
}

const (
	soaA = "ns1.example.test. hostmaster.example.test. 7 86400 7200 3600000 3600"
	// soaA with another RNAME, other timers, another MNAME.
	soaRName  = "ns1.example.test. admin.example.net. 7 86400 7200 3600000 3600"
	soaTimers = "ns1.example.test. hostmaster.example.test. 7 14400 3600 1209600 300"
	soaMName  = "NS2.example.NET. hostmaster.example.test. 7 86400 7200 3600000 3600"
)

func TestSOAAndNS(t *testing.T) {
	two := []string{"ns1.example.test.", "ns2.example.net."}
	three := []string{"ns2.example.net.", "ns1.example.test.", "ns3.example.org."}
	checktest.RunCases(t, Check, []checktest.Case{
		{Name: "identical SOA and NS sets", Build: soas([]string{soaA, soaA, soaA}, two, two, two)},
		{Name: "NS sets in another order and case are equal", Build: soas([]string{soaA, soaA, soaA},
			two, []string{"NS2.example.net.", "ns1.EXAMPLE.test."}, two)},
		{Name: "RNAME differs", Build: soas([]string{soaA, soaRName, soaA}),
			Want: []string{"SOA_RNAME_MISMATCH example.test. | admin.example.net.: 198.51.100.2; hostmaster.example.test.: 192.0.2.1 2001:db8::3"}},
		{Name: "timers differ", Build: soas([]string{soaA, soaA, soaTimers}),
			Want: []string{"SOA_TIMERS_MISMATCH example.test. | refresh/retry/expire/minimum: 14400/3600/1209600/300: 2001:db8::3; 86400/7200/3600000/3600: 192.0.2.1 198.51.100.2"}},
		{Name: "MNAME differs (case does not count)", Build: soas([]string{soaA, soaMName, "NS1.EXAMPLE.TEST. hostmaster.example.test. 7 86400 7200 3600000 3600"}),
			Want: []string{"SOA_MNAME_MISMATCH example.test. | ns1.example.test.: 192.0.2.1 2001:db8::3; ns2.example.net.: 198.51.100.2"}},
		{Name: "NS set differs", Build: soas([]string{soaA, soaA, soaA}, two, three, two),
			Want: []string{"NS_SET_INCONSISTENT example.test. | ns1.example.test. ns2.example.net.: 192.0.2.1 2001:db8::3; ns1.example.test. ns2.example.net. ns3.example.org.: 198.51.100.2"}},
		{Name: "a server without an NS answer is not a different set", Build: soas([]string{soaA, soaA, soaA}, two, nil, two)},
		{Name: "a silent server is left out", Build: soas([]string{soaA, "", soaRName}),
			Want: []string{"SOA_RNAME_MISMATCH example.test. | admin.example.net.: 2001:db8::3; hostmaster.example.test.: 192.0.2.1"}},
		{Name: "a lame server's SOA and NS set are left out", Build: func() *checktest.Observations {
			o := soas([]string{soaA, soaA}, two, two)()
			o.Query(observe.PurposeSOAUDP, "2001:db8::3", zone, dns.TypeSOA, func(m *dns.Msg) {
				m.Authoritative = false
				m.Answer = append(m.Answer, checktest.RR(zone+" 3600 IN SOA other.example. other.example. 9 1 1 1 1"))
			})
			o.Query(observe.PurposeNS, "2001:db8::3", zone, dns.TypeNS, func(m *dns.Msg) {
				m.Authoritative = false
				m.Answer = append(m.Answer, checktest.RR(zone+" 3600 IN NS other.example."))
			})
			return o
		}, Want: []string{}},
		{Name: "everything differs at once", Build: soas([]string{soaA, "ns9.example.org. root.example.org. 8 3600 600 86400 60", soaA}, two, three, two),
			Want: []string{
				"SOA_SERIAL_MISMATCH example.test. | 7: 192.0.2.1 2001:db8::3; 8: 198.51.100.2",
				"SOA_RNAME_MISMATCH *", "SOA_TIMERS_MISMATCH *", "SOA_MNAME_MISMATCH *", "NS_SET_INCONSISTENT *",
			}},
	})
}

func TestCheck(t *testing.T) {
	checktest.RunCases(t, Check, []checktest.Case{
		{Name: "all agree", Build: servers(7, 7, 7)},
		{Name: "one behind", Build: servers(7, 6, 7),
			Want: []string{"SOA_SERIAL_MISMATCH example.test. | 6: 198.51.100.2; 7: 192.0.2.1 2001:db8::3"}},
		{Name: "three serials", Build: servers(1, 2, 3),
			Want: []string{"SOA_SERIAL_MISMATCH example.test. | 1: 192.0.2.1; 2: 198.51.100.2; 3: 2001:db8::3"}},
		{Name: "a silent server has no serial", Build: servers(7, 0, 7)},
		{Name: "a lame server's serial does not count", Build: func() *checktest.Observations {
			o := servers(7, 7)()
			o.Query(observe.PurposeSOAUDP, "2001:db8::3", zone, dns.TypeSOA, func(m *dns.Msg) {
				m.Authoritative = false
				m.Answer = append(m.Answer, checktest.RR(zone+" 3600 IN SOA ns1.example.test. h.example.test. 9 7200 3600 1209600 3600"))
			})
			return o
		}},
		{Name: "glue and zone agree", Build: glueCase("ns1.example.test. 300 IN A 192.0.2.1", "")},
		{Name: "glue the zone does not have", Build: glueCase("ns1.example.test. 300 IN A 192.0.2.9", ""),
			Want: []string{"GLUE_MISMATCH ns1.example.test. | glue at test. for ns1.example.test. that its A/AAAA records do not have: 192.0.2.1; A/AAAA records without glue: 192.0.2.9"}},
		{Name: "an address without glue", Build: glueCase("ns1.example.test. 300 IN A 192.0.2.1", "ns1.example.test. 300 IN AAAA 2001:db8::1"),
			Want: []string{"GLUE_MISMATCH ns1.example.test. | A/AAAA records of ns1.example.test. without glue at test.: 2001:db8::1"}},
		{Name: "an IPv6 glue address not compared without an AAAA answer", Build: func() *checktest.Observations {
			o := glueCase("ns1.example.test. 300 IN A 192.0.2.1", "-")()
			o.D.Delegation.Glue["ns1.example.test."] = append(o.D.Delegation.Glue["ns1.example.test."], netip.MustParseAddr("2001:db8::1"))
			return o
		}},
	})
}

// glueCase is a zone whose in-zone NS name has glue 192.0.2.1 and
// whose own A and AAAA answers hold a and aaaa ("" answers NODATA, "-"
// leaves the AAAA unasked).
func glueCase(a, aaaa string) func() *checktest.Observations {
	return func() *checktest.Observations {
		o := servers(7, 7, 7)()
		o.Query(observe.PurposeNSAddr, "192.0.2.1", "ns1.example.test.", dns.TypeA, checktest.Answer(a))
		switch aaaa {
		case "-":
		case "":
			o.Query(observe.PurposeNSAddr, "192.0.2.1", "ns1.example.test.", dns.TypeAAAA, func(*dns.Msg) {})
		default:
			o.Query(observe.PurposeNSAddr, "192.0.2.1", "ns1.example.test.", dns.TypeAAAA, checktest.Answer(aaaa))
		}
		return o
	}
}
