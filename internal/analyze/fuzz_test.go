package analyze

import (
	"net/netip"
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// FuzzServer feeds arbitrary bytes as the responses of every probe: the
// analysis must never panic, whatever a hostile server sends.
func FuzzServer(f *testing.F) {
	good := new(dns.Msg)
	good.SetQuestion(zone, dns.TypeSOA)
	good.Response, good.Authoritative = true, true
	good.Answer = []dns.RR{soa(1)}
	b, _ := good.Pack()
	f.Add(b)
	f.Add([]byte{0, 0, 0x84, 0, 0, 1, 0, 1, 0, 0, 0, 1})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, resp []byte) {
		d := &observe.Domain{Domain: zone}
		purposes := []string{observe.PurposeSOAUDP, observe.PurposeSOATCP, observe.PurposeNS, observe.PurposeEDNSPlain,
			observe.PurposeEDNSVer, observe.PurposeEDNSOpt, observe.PurposeEDNSDO, observe.PurposeEDNSSize,
			observe.PurposeTruncUDP, observe.PurposeTruncTCP, observe.PurposeAXFR, observe.PurposeRecursion,
			observe.PurposeNSID, observe.PurposeChaosHost, observe.PurposeChaosID, observe.PurposeChaosVer}
		for i, p := range purposes {
			q := &observe.Query{Seq: i + 1, Purpose: p, Zone: zone, Server: srv, Transport: observe.UDP,
				Status: observe.StatusOK, Response: resp}
			if p == observe.PurposeAXFR {
				q.Stream = [][]byte{resp, resp}
			}
			d.Queries = append(d.Queries, q)
		}
		_ = Server(d, srv, zone)
		_ = Server(d, netip.MustParseAddr("::1"), zone)
	})
}
