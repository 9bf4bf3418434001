package checktest

import (
	"net/netip"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Observations builds a domain's observations for an area's table tests,
// the way collection records them: queries with their purposes, servers
// and wire-format responses.
type Observations struct {
	D *observe.Domain
}

// Delegated starts the observations of domain, delegated by its parent
// with a referral (query 1).
func Delegated(domain string) *Observations {
	domain = dns.Fqdn(strings.ToLower(domain))
	o := &Observations{D: &observe.Domain{Domain: domain, CollectedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}}
	o.D.Delegation = observe.Delegation{Status: observe.Delegated, Parent: "test.", Glue: map[string][]netip.Addr{}}
	ref := o.Query(observe.PurposeReferral, "192.0.2.250", domain, dns.TypeNS, func(m *dns.Msg) {
		m.Authoritative = false
	})
	o.D.Delegation.ReferralSeq = ref.Seq
	return o
}

// NS adds a nameserver named at the parent (and in the zone when inChild)
// with addrs; addresses in the zone's own names are glue.
func (o *Observations) NS(name string, inChild bool, addrs ...string) *observe.Nameserver {
	name = dns.Fqdn(strings.ToLower(name))
	ns := &observe.Nameserver{Name: name, InParent: true, InChild: inChild}
	o.D.Delegation.NS = append(o.D.Delegation.NS, name)
	for _, a := range addrs {
		addr := netip.MustParseAddr(a)
		glue := dns.IsSubDomain(o.D.Domain, name)
		if glue {
			o.D.Delegation.Glue[name] = append(o.D.Delegation.Glue[name], addr)
		}
		ns.Addresses = append(ns.Addresses, observe.Address{Addr: addr, FromGlue: glue})
	}
	o.D.Nameservers = append(o.D.Nameservers, ns)
	return ns
}

// Geo sets the ASN and country of every address of the nameservers.
func (o *Observations) Geo(asn func(a netip.Addr) uint32) {
	for _, ns := range o.D.Nameservers {
		for i := range ns.Addresses {
			ns.Addresses[i].Geo = &observe.Geo{ASN: asn(ns.Addresses[i].Addr), Country: "CL"}
		}
	}
}

// Query records an answered UDP query of purpose to server; build fills
// the response (already a reply to the question).
func (o *Observations) Query(purpose, server, qname string, qtype uint16, build func(m *dns.Msg)) *observe.Query {
	return o.QueryOver(purpose, server, observe.UDP, qname, qtype, 10*time.Millisecond, build)
}

// QueryOver records an answered query over t that took rtt; a nil build
// records a timeout.
func (o *Observations) QueryOver(purpose, server string, t observe.Transport, qname string, qtype uint16, rtt time.Duration, build func(m *dns.Msg)) *observe.Query {
	qname = dns.Fqdn(qname)
	q := &observe.Query{Seq: len(o.D.Queries) + 1, Purpose: purpose, Zone: o.D.Domain, Server: netip.MustParseAddr(server),
		Transport: t, QName: qname, QType: dns.TypeToString[qtype], RTT: rtt, Attempts: 1}
	if build == nil {
		q.Status = observe.StatusTimeout
	} else {
		req := new(dns.Msg)
		req.SetQuestion(qname, qtype)
		m := new(dns.Msg)
		m.SetReply(req)
		m.Authoritative = true
		build(m)
		b, err := m.Pack()
		if err != nil {
			panic("checktest: " + err.Error())
		}
		q.Response, q.Status = b, observe.StatusOK
	}
	o.D.Queries = append(o.D.Queries, q)
	return q
}

// Refused records a query the transport policy did not send.
func (o *Observations) Refused(purpose, server, qname string, qtype uint16) *observe.Query {
	q := &observe.Query{Seq: len(o.D.Queries) + 1, Purpose: purpose, Zone: o.D.Domain, Server: netip.MustParseAddr(server),
		Transport: observe.UDP, QName: dns.Fqdn(qname), QType: dns.TypeToString[qtype], Status: observe.StatusPolicy,
		Error: "address not allowed"}
	o.D.Queries = append(o.D.Queries, q)
	return q
}

// RR parses one record in zone-file form; it panics on a typo.
func RR(s string) dns.RR {
	rr, err := dns.NewRR(s)
	if err != nil || rr == nil {
		panic("checktest: bad RR " + s)
	}
	return rr
}

// Answer returns a response builder that puts rrs in the answer section.
func Answer(rrs ...string) func(m *dns.Msg) {
	return func(m *dns.Msg) {
		for _, s := range rrs {
			m.Answer = append(m.Answer, RR(s))
		}
	}
}

// Healthy records the probes of a healthy server at addr: the zone's SOA
// (serial) over UDP and TCP, and the NS set nss, all authoritative.
func (o *Observations) Healthy(addr string, serial uint32, nss ...string) {
	o.HealthyWith(addr, o.SOA(serial), nss...)
}

// HealthyWith records the probes of a healthy server at addr whose SOA
// answers are built by soa (SOAText, SOA), and the NS set nss.
func (o *Observations) HealthyWith(addr string, soa func(m *dns.Msg), nss ...string) {
	o.QueryOver(observe.PurposeSOAUDP, addr, observe.UDP, o.D.Domain, dns.TypeSOA, 10*time.Millisecond, soa)
	o.QueryOver(observe.PurposeSOATCP, addr, observe.TCP, o.D.Domain, dns.TypeSOA, 20*time.Millisecond, soa)
	if len(nss) > 0 {
		var rrs []string
		for _, n := range nss {
			rrs = append(rrs, o.D.Domain+" 3600 IN NS "+dns.Fqdn(n))
		}
		o.Query(observe.PurposeNS, addr, o.D.Domain, dns.TypeNS, Answer(rrs...))
	}
}

// SOA returns a response builder for an authoritative answer with the
// zone's SOA of serial, and an OPT record.
func (o *Observations) SOA(serial uint32) func(m *dns.Msg) {
	return func(m *dns.Msg) {
		m.Answer = append(m.Answer, RR(o.D.Domain+" 3600 IN SOA ns1."+o.D.Domain+" hostmaster."+o.D.Domain+" "+
			itoa(serial)+" 7200 3600 1209600 3600"))
		m.SetEdns0(1232, false)
	}
}

// SOAText returns a response builder for an authoritative answer with one
// SOA record of the zone per rdata ("mname rname serial refresh retry
// expire minimum"), and an OPT record.
func (o *Observations) SOAText(rdata ...string) func(m *dns.Msg) {
	return func(m *dns.Msg) {
		for _, r := range rdata {
			m.Answer = append(m.Answer, RR(o.D.Domain+" 3600 IN SOA "+r))
		}
		m.SetEdns0(1232, false)
	}
}

func itoa(n uint32) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// Findings runs area over o's analysed observations and returns its
// findings as "ID subject | detail", sorted.
func (o *Observations) Findings(area check.Func) []string {
	in := analyze.Domain(o.D, analyze.Options{})
	var out []string
	for _, f := range area(in) {
		out = append(out, f.ID+" "+f.Subject+" | "+f.Detail)
	}
	sort.Strings(out)
	return out
}

// Case is one named case of an area's table test.
type Case struct {
	Name  string
	Build func() *Observations
	// Want are the findings that must be reported ("ID subject | detail",
	// or a prefix of one ending in "*"); every other finding is a failure.
	Want []string
}

// RunCases runs each case as a subtest: area must report exactly the
// wanted findings, no more, no fewer.
func RunCases(t *testing.T, area check.Func, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			got := c.Build().Findings(area)
			matched := make([]bool, len(got))
			for _, w := range c.Want {
				found := false
				for i, g := range got {
					if !matched[i] && (g == w || strings.HasSuffix(w, "*") && strings.HasPrefix(g, strings.TrimSuffix(w, "*"))) {
						matched[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("missing finding %q", w)
				}
			}
			for i, g := range got {
				if !matched[i] {
					t.Errorf("unexpected finding %q", g)
				}
			}
		})
	}
}
