package store

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/netip"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// fixture builds deterministic records and observations for tests,
// without the lab: a few fields of each, varied by the name's hash and a
// variant number (a re-scan of the same domain).

var fixtureTLDs = []string{"cl", "br", "mx", "uk", "com", "xn--p1ai"}

// fixtureNames returns n distinct names spread over fixtureTLDs.
func fixtureNames(n int) []string {
	out := make([]string, n)
	for i := range n {
		out[i] = fmt.Sprintf("d%04d.example.%s.", i, fixtureTLDs[i%len(fixtureTLDs)])
	}
	return out
}

func hashOf(s string, variant int) uint32 {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%d", s, variant)
	return h.Sum32()
}

var fixtureIDs = []string{"NS_LAME", "NS_RECURSIVE", "DNSSEC_BOGUS", "AXFR_OPEN", "IPV6_NONE", "SINGLE_ASN"}

// fixtureSeverities are the severity names, lowest first.
var fixtureSeverities = []string{"info", "notice", "warning", "error", "critical"}

// fixtureRecord is a domain's record as a scan would hand it over. Its
// JSON is the record's own fields (a report's nameservers, addresses and
// findings under the same names, which checkConsistent counts).
func fixtureRecord(name string, variant int) Record {
	h := hashOf(name, variant)
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(h%86400) * time.Second)
	r := Record{Domain: name, CheckedAt: at, QueriesSent: int64(h % 97)}
	switch h % 5 {
	case 0:
		r.DNSSECStatus = "secure"
	case 1, 2:
		r.DNSSECStatus = "insecure"
	case 3:
		r.DNSSECStatus = "bogus"
	}
	if h%17 == 0 {
		r.Error = "no parent server answered"
	}
	asns, prefixes, countries := map[uint32]bool{}, map[string]bool{}, map[string]bool{}
	nns := 1 + int(h>>3)%3
	v6 := 0
	for i := range nns {
		ns := Nameserver{Name: fmt.Sprintf("ns%d.example.net.", i+1), InParent: true, InChild: i != 2}
		nad := 1 + int(h>>(5+i))%2
		for j := range nad {
			asn := uint32(64500 + (h>>(7+i+j))%25)
			a := Address{
				Addr: netip.AddrFrom4([4]byte{192, 0, 2, byte(10*i + j + 1)}), Family: "ipv4",
				ASN: asn, ASOrg: fmt.Sprintf("AS-%d", asn), Country: "CL",
				Prefix: fmt.Sprintf("192.0.%d.0/24", 2+i),
			}
			if j == 1 {
				a.Addr = netip.MustParseAddr(fmt.Sprintf("2001:db8::%d", i+1))
				a.Family, a.Prefix, a.Country = "ipv6", "2001:db8::/48", "BR"
				v6++
			}
			if (h>>(9+i))%4 != 0 {
				edns := (h>>(11+i))%2 == 0
				a.Probe = &Probe{UDP: true, TCP: j == 0, Reachable: true,
					Authoritative: (h>>(12+i))%3 != 0, Recursive: (h>>(13+i))%5 == 0, AXFROpen: (h>>(14+i))%6 == 0,
					EDNS0: &edns, RTTUDP: time.Duration(5+i) * time.Millisecond}
			}
			asns[a.ASN], prefixes[a.Prefix], countries[a.Country] = true, true, true
			ns.Addresses = append(ns.Addresses, a)
		}
		r.Nameservers = append(r.Nameservers, ns)
	}
	// Findings: a few IDs, one sometimes twice (two subjects).
	nf := int(h>>16) % 4
	worst := -1
	for i := range nf {
		id := fixtureIDs[(int(h>>20)+i*(variant+1))%len(fixtureIDs)]
		sev := (int(h>>24) + i) % len(fixtureSeverities)
		worst = max(worst, sev)
		r.Findings = append(r.Findings, Finding{ID: id, Severity: fixtureSeverities[sev], Category: "nameserver",
			Subject: fmt.Sprintf("192.0.2.%d", i+1), Detail: fmt.Sprintf("variant %d", variant)})
		if i == 0 && h%3 == 0 {
			r.Findings = append(r.Findings, Finding{ID: id, Severity: fixtureSeverities[sev], Category: "nameserver",
				Subject: "ns9.example.net."})
		}
	}
	if worst >= 0 {
		r.WorstSeverity = fixtureSeverities[worst]
	}
	r.NSIPv6 = v6*int(h>>28%2) > 0
	r.IPv6Ready = r.NSIPv6 && h%2 == 0
	r.ASNs, r.Prefixes, r.Countries = len(asns), len(prefixes), len(countries)
	r.JSON = []byte(mustJSON(r))
	return r
}

// fixtureObservations has the domain's own SOA query and two shared
// queries: its TLD's DNSKEY set (shared by the domains of a TLD) and a
// server-level probe of 192.0.2.1 (shared by all).
func fixtureObservations(name string, variant int) *observe.Domain {
	m := new(dns.Msg)
	m.SetQuestion(name, dns.TypeSOA)
	m.Response, m.Authoritative = true, true
	wire, _ := m.Pack()
	tld := dnsname.TLD(name) + "."
	return &observe.Domain{
		Domain: name, CollectedAt: time.Date(2026, 3, 1, 12, 0, 0, variant, time.UTC),
		Delegation: observe.Delegation{Parent: "example.", Status: observe.Delegated, NS: []string{"ns1.example.net."}},
		Nameservers: []*observe.Nameserver{{Name: "ns1.example.net.", InParent: true,
			Addresses: []observe.Address{{Addr: netip.MustParseAddr("192.0.2.1"), Geo: &observe.Geo{ASN: 64500, Prefix: "192.0.2.0/24"}}}}},
		Queries: []*observe.Query{
			{Seq: 1, Purpose: observe.PurposeSOAUDP, Zone: name, Server: netip.MustParseAddr("192.0.2.1"),
				Transport: observe.UDP, QName: name, QType: "SOA", Attempts: 1 + variant, Status: observe.StatusOK, Response: wire},
			fixtureSharedQuery(2, observe.PurposeDNSKEY, tld, "DNSKEY", "192.0.2.53", 2),
			fixtureSharedQuery(3, observe.PurposeNSID, "", "SOA", "192.0.2.1", 0),
		},
	}
}

// fixtureSharedQuery is a shared query with a response carrying keys
// pseudo-random bytes of the query (so that it compresses like real key
// material): the same arguments give the same query but for seq.
func fixtureSharedQuery(seq int, purpose, zone, qtype, server string, keys int) *observe.Query {
	qname := zone
	if qname == "" {
		qname = "."
	}
	m := new(dns.Msg)
	m.SetQuestion(qname, dns.StringToType[qtype])
	m.Response, m.Authoritative = true, true
	seed := hashOf(purpose+zone+qtype+server, 0)
	for i := range keys {
		key := make([]byte, 260)
		for j := range key {
			seed = seed*1664525 + 1013904223
			key[j] = byte(seed >> 24)
		}
		m.Answer = append(m.Answer, &dns.DNSKEY{Hdr: dns.RR_Header{Name: qname, Rrtype: dns.TypeDNSKEY, Class: dns.ClassINET, Ttl: 3600},
			Flags: uint16(256 + i%2), Protocol: 3, Algorithm: dns.RSASHA256, PublicKey: base64.StdEncoding.EncodeToString(key)})
	}
	wire, _ := m.Pack()
	return &observe.Query{Seq: seq, Purpose: purpose, Zone: zone, Server: netip.MustParseAddr(server), Transport: observe.UDP,
		QName: qname, QType: qtype, EDNS: &observe.EDNS{UDPSize: 1232, DO: true},
		SentAt: time.Date(2026, 3, 1, 11, 0, 0, int(seed%1e9), time.UTC), RTT: time.Duration(seed%50+1) * time.Millisecond,
		Attempts: 1, Status: observe.StatusOK, Response: wire, Shared: true}
}

func fixtureResults(names []string, variant int) []Result {
	out := make([]Result, len(names))
	for i, n := range names {
		out[i] = Result{Record: fixtureRecord(n, variant), Observations: fixtureObservations(n, variant)}
	}
	return out
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
