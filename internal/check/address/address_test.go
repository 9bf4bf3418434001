package address

import (
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

const zone = "example.test."

// withPTR is a zone with two nameservers, ns1.example.test. (192.0.2.1)
// and ns2.example.net. (2001:db8::2), whose PTR lookups answer ptr1 and
// ptr2: a name, "" for NODATA, "NX" for NXDOMAIN, "-" for no answer.
func withPTR(ptr1, ptr2 string) func() *checktest.Observations {
	return func() *checktest.Observations {
		o := checktest.Delegated(zone)
		o.NS("ns1.example.test", true, "192.0.2.1")
		o.NS("ns2.example.net", true, "2001:db8::2")
		o.Healthy("192.0.2.1", 1)
		o.Healthy("2001:db8::2", 1)
		for _, p := range []struct{ addr, ptr string }{{"192.0.2.1", ptr1}, {"2001:db8::2", ptr2}} {
			rev, _ := dns.ReverseAddr(p.addr)
			switch p.ptr {
			case "-":
				o.QueryOver(observe.PurposeNSPTR, "203.0.113.1", observe.UDP, rev, dns.TypePTR, 0, nil)
			case "NX":
				o.Query(observe.PurposeNSPTR, "203.0.113.1", rev, dns.TypePTR, func(m *dns.Msg) { m.Rcode = dns.RcodeNameError })
			case "":
				o.Query(observe.PurposeNSPTR, "203.0.113.1", rev, dns.TypePTR, func(*dns.Msg) {})
			default:
				o.Query(observe.PurposeNSPTR, "203.0.113.1", rev, dns.TypePTR, checktest.Answer(rev+" 300 IN PTR "+p.ptr))
			}
		}
		return o
	}
}

func TestCheck(t *testing.T) {
	checktest.RunCases(t, Check, []checktest.Case{
		{Name: "both PTRs name their server", Build: withPTR("ns1.example.test.", "NS2.example.net.")},
		{Name: "an address without PTR (NXDOMAIN)", Build: withPTR("NX", "ns2.example.net."),
			Want: []string{"NS_NO_REVERSE 192.0.2.1 | no PTR record for 192.0.2.1 (ns1.example.test.)"}},
		{Name: "an address without PTR (NODATA)", Build: withPTR("ns1.example.test.", ""),
			Want: []string{"NS_NO_REVERSE 2001:db8::2 | no PTR record for 2001:db8::2 (ns2.example.net.)"}},
		{Name: "a lookup without an answer says nothing", Build: withPTR("-", "-")},
		{Name: "a PTR naming another host", Build: withPTR("host-1.example.net.", "ns2.example.net."),
			Want: []string{"NS_REVERSE_MISMATCH 192.0.2.1 | 192.0.2.1 has PTR host-1.example.net., not ns1.example.test."}},
		{Name: "a referral on the way is no answer", Build: func() *checktest.Observations {
			o := withPTR("-", "-")()
			rev, _ := dns.ReverseAddr("192.0.2.1")
			o.Query(observe.PurposeNSPTR, "203.0.113.1", rev, dns.TypePTR, func(m *dns.Msg) {
				m.Authoritative = false
				m.Ns = append(m.Ns, checktest.RR("2.0.192.in-addr.arpa. 300 IN NS ns.example.net."))
			})
			return o
		}},
	})
}
