package zone

import (
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

const zone = "example.test."

// servers builds a zone whose two servers answer the SOA query with one
// record per rdata in soas[i] ("mname rname serial refresh retry expire
// minimum").
func servers(soas ...[]string) func() *checktest.Observations {
	addrs := []string{"192.0.2.1", "198.51.100.2"}
	return func() *checktest.Observations {
		o := checktest.Delegated(zone)
		o.NS("ns1.example.test", true, addrs[0])
		o.NS("ns2.example.net", true, addrs[1])
		for i, s := range soas {
			o.HealthyWith(addrs[i], o.SOAText(s...))
		}
		return o
	}
}

// soa is an SOA rdata with the given timers.
func soa(t string) []string { return []string{"ns1.example.test. hostmaster.example.test. 1 " + t} }

func TestCheck(t *testing.T) {
	good := soa("86400 7200 3600000 3600")
	checktest.RunCases(t, Check, []checktest.Case{
		{Name: "RIPE-203 timers", Build: servers(good, good)},
		{Name: "every limit exactly met", Build: servers(soa("14400 3600 604800 300"), soa("14400 3600 604800 86400"))},
		{Name: "refresh below 4 hours", Build: servers(soa("7200 3600 1209600 3600"), soa("7200 3600 1209600 3600")),
			Want: []string{"SOA_REFRESH_LOW example.test. | refresh 7200 s, below 14400 s, served by 192.0.2.1, 198.51.100.2"}},
		{Name: "retry equal to refresh", Build: servers(soa("14400 14400 1209600 3600"), soa("14400 14400 1209600 3600")),
			Want: []string{"SOA_RETRY_NOT_BELOW_REFRESH example.test. | retry 14400 s, refresh 14400 s, served by 192.0.2.1, 198.51.100.2"}},
		{Name: "retry below an hour", Build: servers(soa("86400 600 1209600 3600"), soa("86400 600 1209600 3600")),
			Want: []string{"SOA_RETRY_LOW example.test. | retry 600 s, below 3600 s, served by 192.0.2.1, 198.51.100.2"}},
		{Name: "expire below a week", Build: servers(soa("86400 7200 86400 3600"), soa("86400 7200 86400 3600")),
			Want: []string{"SOA_EXPIRE_LOW example.test. | expire 86400 s, below 604800 s, served by 192.0.2.1, 198.51.100.2"}},
		{Name: "expire below refresh", Build: servers(soa("2419200 7200 1209600 3600"), soa("2419200 7200 1209600 3600")),
			Want: []string{"SOA_EXPIRE_LOW example.test. | expire 1209600 s, below refresh 2419200 s, served by 192.0.2.1, 198.51.100.2"}},
		{Name: "minimum below 5 minutes", Build: servers(soa("86400 7200 3600000 60"), soa("86400 7200 3600000 60")),
			Want: []string{"SOA_MINIMUM_OUT_OF_RANGE example.test. | minimum 60 s, below 300 s, served by 192.0.2.1, 198.51.100.2"}},
		{Name: "minimum above a day", Build: servers(soa("86400 7200 3600000 172800"), soa("86400 7200 3600000 172800")),
			Want: []string{"SOA_MINIMUM_OUT_OF_RANGE example.test. | minimum 172800 s, above 86400 s, served by 192.0.2.1, 198.51.100.2"}},
		{Name: "all wrong at once", Build: servers(soa("600 900 300 0")),
			Want: []string{
				"SOA_REFRESH_LOW example.test. | refresh 600 s, below 14400 s, served by 192.0.2.1",
				"SOA_RETRY_NOT_BELOW_REFRESH example.test. | retry 900 s, refresh 600 s, served by 192.0.2.1",
				"SOA_RETRY_LOW example.test. | retry 900 s, below 3600 s, served by 192.0.2.1",
				"SOA_EXPIRE_LOW example.test. | expire 300 s, below 604800 s, served by 192.0.2.1",
				"SOA_MINIMUM_OUT_OF_RANGE example.test. | minimum 0 s, below 300 s, served by 192.0.2.1",
			}},
		{Name: "servers disagree: each set judged with its servers", Build: servers(good, soa("86400 7200 3600000 60")),
			Want: []string{"SOA_MINIMUM_OUT_OF_RANGE example.test. | minimum 60 s, below 300 s, served by 198.51.100.2"}},
		{Name: "two SOA records from one server", Build: servers(append(soa("86400 7200 3600000 3600"), good[0]), good),
			Want: []string{"SOA_MULTIPLE ns1.example.test. 192.0.2.1 | 2 SOA records in the answer"}},
		{Name: "the same SOA repeated counts as two", Build: servers(append(good, good[0]), good),
			Want: []string{"SOA_MULTIPLE ns1.example.test. 192.0.2.1 | 2 SOA records in the answer"}},
		{Name: "a lame server's SOA is not judged", Build: func() *checktest.Observations {
			o := servers(good)()
			o.Query(observe.PurposeSOAUDP, "198.51.100.2", zone, dns.TypeSOA, func(m *dns.Msg) {
				m.Authoritative = false
				m.Answer = append(m.Answer, checktest.RR(zone+" 3600 IN SOA ns1.example.test. h.example.test. 1 60 60 60 60"))
			})
			return o
		}},
		{Name: "a silent server has no SOA", Build: func() *checktest.Observations {
			o := servers(good)()
			o.QueryOver(observe.PurposeSOAUDP, "198.51.100.2", observe.UDP, zone, dns.TypeSOA, 0, nil)
			return o
		}},
	})
}
