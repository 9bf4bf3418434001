package collect

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// reply records server's answer to a query of purpose about zone.
func reply(t *testing.T, server, purpose, zone string, qtype uint16, rcode int, aa bool, answer ...string) *observe.Query {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(zone, qtype)
	m.Response, m.Authoritative, m.Rcode = true, aa, rcode
	for _, s := range answer {
		rr, err := dns.NewRR(s)
		if err != nil {
			t.Fatal(err)
		}
		m.Answer = append(m.Answer, rr)
	}
	wire, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	return &observe.Query{Purpose: purpose, Zone: zone, Server: netip.MustParseAddr(server), Status: observe.StatusOK, Response: wire}
}

func TestAuthoritative(t *testing.T) {
	const zone = "example.test."
	const soa = zone + " 3600 IN SOA ns1.example.test. h.example.test. 1 7200 3600 1209600 3600"
	const a = "192.0.2.1"
	for _, tt := range []struct {
		name string
		qs   func(t *testing.T) []*observe.Query
		want bool
	}{
		{"SOA over UDP with AA", func(t *testing.T) []*observe.Query {
			return []*observe.Query{reply(t, a, observe.PurposeSOAUDP, zone, dns.TypeSOA, dns.RcodeSuccess, true, soa)}
		}, true},
		{"FORMERR with EDNS, plain query answered", func(t *testing.T) []*observe.Query {
			return []*observe.Query{
				reply(t, a, observe.PurposeSOAUDP, zone, dns.TypeSOA, dns.RcodeFormatError, false),
				reply(t, a, observe.PurposeEDNSPlain, zone, dns.TypeSOA, dns.RcodeSuccess, true, soa),
			}
		}, true},
		{"UDP silent, TCP answered", func(t *testing.T) []*observe.Query {
			silent := &observe.Query{Purpose: observe.PurposeSOAUDP, Zone: zone, Server: netip.MustParseAddr(a), Status: observe.StatusTimeout}
			return []*observe.Query{silent, reply(t, a, observe.PurposeSOATCP, zone, dns.TypeSOA, dns.RcodeSuccess, true, soa)}
		}, true},
		{"refused", func(t *testing.T) []*observe.Query {
			return []*observe.Query{reply(t, a, observe.PurposeSOAUDP, zone, dns.TypeSOA, dns.RcodeRefused, false)}
		}, false},
		{"no AA bit", func(t *testing.T) []*observe.Query {
			return []*observe.Query{reply(t, a, observe.PurposeSOAUDP, zone, dns.TypeSOA, dns.RcodeSuccess, false, soa)}
		}, false},
		{"another zone's SOA", func(t *testing.T) []*observe.Query {
			return []*observe.Query{reply(t, a, observe.PurposeSOAUDP, zone, dns.TypeSOA, dns.RcodeSuccess, true,
				"test. 3600 IN SOA a.test. h.test. 1 7200 3600 1209600 3600")}
		}, false},
		{"another server's answer", func(t *testing.T) []*observe.Query {
			return []*observe.Query{reply(t, "192.0.2.2", observe.PurposeSOAUDP, zone, dns.TypeSOA, dns.RcodeSuccess, true, soa)}
		}, false},
		{"not a SOA probe", func(t *testing.T) []*observe.Query {
			return []*observe.Query{reply(t, a, observe.PurposeDNSKEY, zone, dns.TypeSOA, dns.RcodeSuccess, true, soa)}
		}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := authoritative(tt.qs(t), netip.MustParseAddr(a), zone); got != tt.want {
				t.Errorf("authoritative = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestChildNS(t *testing.T) {
	const zone = "example.test."
	const a = "192.0.2.1"
	qs := []*observe.Query{
		// Truncated over UDP with part of the set, then the whole set over TCP.
		reply(t, a, observe.PurposeNS, zone, dns.TypeNS, dns.RcodeSuccess, true, zone+" 3600 IN NS NS1.example.test."),
		reply(t, a, observe.PurposeNS, zone, dns.TypeNS, dns.RcodeSuccess, true,
			zone+" 3600 IN NS ns1.example.test.", zone+" 3600 IN NS ns2.example.net.", "sub.example.test. 3600 IN NS ns9.example.net."),
		// Not authoritative: not the zone's own NS set.
		reply(t, a, observe.PurposeNS, zone, dns.TypeNS, dns.RcodeSuccess, false, zone+" 3600 IN NS ns7.example.net."),
		// Another server's answer.
		reply(t, "192.0.2.2", observe.PurposeNS, zone, dns.TypeNS, dns.RcodeSuccess, true, zone+" 3600 IN NS ns8.example.net."),
	}
	got := strings.Join(childNS(qs, netip.MustParseAddr(a), zone), " ")
	if want := "ns1.example.test. ns2.example.net."; got != want {
		t.Errorf("childNS = %q, want %q", got, want)
	}
}
