package consistency

import (
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
	})
}
