package analyze

import (
	"fmt"
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// answer records a lookup step: name/qtype answered with rrs (zone-file
// form), aa and rcode.
func answer(d *observe.Domain, name string, qtype uint16, aa bool, rcode int, rrs ...string) {
	req := new(dns.Msg)
	req.SetQuestion(name, qtype)
	resp := new(dns.Msg)
	resp.SetReply(req)
	resp.Authoritative, resp.Rcode = aa, rcode
	for _, s := range rrs {
		rr, err := dns.NewRR(s)
		if err != nil {
			panic(err)
		}
		if rr.Header().Rrtype == dns.TypeNS {
			resp.Ns = append(resp.Ns, rr)
		} else {
			resp.Answer = append(resp.Answer, rr)
		}
	}
	b, _ := resp.Pack()
	d.Queries = append(d.Queries, &observe.Query{Seq: len(d.Queries) + 1, Purpose: observe.PurposeNSAddr, Server: srv,
		QName: name, QType: dns.TypeToString[qtype], Status: observe.StatusOK, Response: b})
}

func TestLookupOf(t *testing.T) {
	for _, c := range []struct {
		name  string
		build func(d *observe.Domain)
		want  string // cname target known nx records seq
	}{
		{"records", func(d *observe.Domain) {
			answer(d, "ns1.example.net.", dns.TypeA, false, 0, "example.net. 3600 IN NS ns.example.net.")
			answer(d, "ns1.example.net.", dns.TypeA, true, 0, "ns1.example.net. 300 IN A 192.0.2.1", "ns1.example.net. 300 IN A 192.0.2.2")
		}, " ns1.example.net. true false 2 2"},
		{"a referral only: no verdict", func(d *observe.Domain) {
			answer(d, "ns1.example.net.", dns.TypeA, false, 0, "example.net. 3600 IN NS ns.example.net.")
		}, " ns1.example.net. false false 0 0"},
		{"NODATA", func(d *observe.Domain) {
			answer(d, "ns1.example.net.", dns.TypeA, true, 0)
		}, " ns1.example.net. true false 0 1"},
		{"NXDOMAIN", func(d *observe.Domain) {
			answer(d, "ns1.example.net.", dns.TypeA, true, dns.RcodeNameError)
		}, " ns1.example.net. true true 0 1"},
		{"an alias followed in a second step", func(d *observe.Domain) {
			answer(d, "ns1.example.net.", dns.TypeA, true, 0, "ns1.example.net. 300 IN CNAME host.example.org.")
			answer(d, "host.example.org.", dns.TypeA, true, 0, "host.example.org. 300 IN A 192.0.2.9")
		}, "host.example.org. host.example.org. true false 1 2"},
		{"an alias loop gives no verdict", func(d *observe.Domain) {
			answer(d, "ns1.example.net.", dns.TypeA, true, 0, "ns1.example.net. 300 IN CNAME a.example.net.", "a.example.net. 300 IN CNAME ns1.example.net.")
		}, "a.example.net. a.example.net. false false 0 0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := &observe.Domain{Domain: zone}
			c.build(d)
			l := LookupOf(d, "NS1.example.net", dns.TypeA, observe.PurposeNSAddr)
			got := fmt.Sprintf("%s %s %v %v %d %d", l.CNAME, l.Target, l.Known, l.NXDomain, len(l.RRs), l.Seq)
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
