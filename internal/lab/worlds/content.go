package worlds

import (
	"fmt"
	"sort"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// ReverseZone is the default world's reverse DNS: one unsigned zone, arpa.,
// delegated from the root to hosta and hostb, with the PTR records of the
// server addresses (in-addr.arpa and ip6.arpa names alike, no further
// cut, so the signed root has no empty non-terminals: see README.md). Every
// server address has a PTR naming its server, but for the addresses the
// scenarios below change.
const ReverseZone = "arpa."

// reverseDelegations is the root zone's text that delegates ReverseZone.
func reverseDelegations() string {
	return fmt.Sprintf("%s\t172800\tNS\t%s\n%s\t172800\tNS\t%s\n", ReverseZone, HostA, ReverseZone, HostB)
}

// contentScenarios are the scenarios of the delegation (issue 14), zone
// content and address checks: glue, referral size, NS names, MX, SPF, the
// SOA's MNAME and the reverse DNS of the nameservers.
func (b *builder) contentScenarios() []scenario {
	both := []string{HostA, HostB}
	soaText := func(domain, mname string, ns []string) string {
		var s strings.Builder
		fmt.Fprintf(&s, "$TTL 3600\n@\tSOA\t%s hostmaster.%s %d 7200 3600 1209600 300\n", mname, domain, Serial)
		for _, n := range ns {
			fmt.Fprintf(&s, "@\tNS\t%s\n", n)
		}
		s.WriteString("@\tA\t127.53.250.1\n@\tAAAA\t::1\nwww\tA\t127.53.250.1\nwww\tAAAA\t::1\n")
		return s.String()
	}
	mail := "@\tMX\t10 mail\nmail\tA\t127.53.250.2\nmail\tAAAA\t::1\n"

	// Servers of their own, in 127.53.70-74.0/24.
	own := func(label string, net int, country string, addrs ...string) (*engine.Server, string) {
		name := "ns1." + label + ".test."
		b.network(fmt.Sprintf("127.53.%d.0/24", net), uint32(64500+net), "LAB-"+strings.ToUpper(label), country)
		return b.server(name, engine.Faults{}, addrs...), name
	}
	gnic, gnicName := own("glue-not-in-child", 70, "PY", "127.53.70.1")
	gm, gmName := own("glue-mismatch", 71, "UY", "127.53.71.1", "127.53.71.2")
	nrev, nrevName := own("ns-no-reverse", 72, "NI", "127.53.72.1")
	mrev, mrevName := own("ns-reverse-mismatch", 73, "SV", "127.53.73.1")
	b.noPTR = map[string]bool{"127.53.72.1": true}
	b.ptr = map[string]string{"127.53.73.1": "host-1.lab-hosting.test."}

	// Seven NS names of 76 octets inside the zone, each with an address
	// of its own (127.53.74.1-7, one server answering on all).
	const big = "referral-too-large.test."
	var bigNS, bigAddrs []string
	bigGlue := map[string][]string{}
	var bigExtra strings.Builder
	for i := 1; i <= 7; i++ {
		label := fmt.Sprintf("ns%d-a-long-nameserver-label-that-fills-the-referral", i)
		n := label + "." + big
		a := fmt.Sprintf("127.53.74.%d", i)
		bigNS, bigAddrs = append(bigNS, n), append(bigAddrs, a)
		bigGlue[n] = []string{a}
		b.ptr[a] = n
		fmt.Fprintf(&bigExtra, "%s\tA\t%s\n", label, a)
	}
	b.network("127.53.74.0/24", 64574, "LAB-REFERRAL-TOO-LARGE", "CU")
	bigServer := b.server(bigNS[0], engine.Faults{}, bigAddrs...)

	return []scenario{
		{Scenario: engine.Scenario{Domain: "content-healthy.test.", Control: true, Expect: []string{"DNSSEC_UNSIGNED"},
			Condition: "healthy, unsigned, with one valid SPF policy (control of the content checks)"},
			ns: both, extra: "@\tTXT\t\"v=spf1 mx ip4:127.53.250.0/24 -all\"\n"},
		{Scenario: engine.Scenario{Domain: "glue-not-in-child.test.", Expect: []string{"GLUE_NOT_IN_CHILD"},
			Condition: "test. has glue for ns1.glue-not-in-child.test., which has no A or AAAA in the zone"},
			ns: []string{HostA, gnicName}, glue: map[string][]string{HostA: {"127.53.10.1", "::1"}, gnicName: {"127.53.70.1"}},
			own: []*engine.Server{gnic}, hosts: []*engine.Server{b.hosta}},
		{Scenario: engine.Scenario{Domain: "glue-mismatch.test.", Expect: []string{"GLUE_MISMATCH"},
			Condition: "test. has glue 127.53.71.1 for ns1.glue-mismatch.test., the zone has A 127.53.71.2 (one server answers on both)"},
			ns: []string{HostA, gmName}, glue: map[string][]string{HostA: {"127.53.10.1", "::1"}, gmName: {"127.53.71.1"}},
			extra: "ns1\tA\t127.53.71.2\n", own: []*engine.Server{gm}, hosts: []*engine.Server{b.hosta}},
		{Scenario: engine.Scenario{Domain: big, Expect: []string{"REFERRAL_TOO_LARGE"},
			Condition: "seven in-zone NS names of 76 octets, each with glue for an address of its own: a referral for a 255-octet name would take 749 octets"},
			ns: bigNS, glue: bigGlue, extra: bigExtra.String(), own: []*engine.Server{bigServer}, hosts: []*engine.Server{}},
		{Scenario: engine.Scenario{Domain: "ns-name-unresolvable.test.", Expect: []string{"NS_NAME_UNRESOLVABLE"},
			Condition: "a third NS, ns9.nowhere.test., does not exist (NXDOMAIN)"},
			ns: []string{HostA, HostB, "ns9.nowhere.test."}},
		{Scenario: engine.Scenario{Domain: "mx-is-cname.test.", Expect: []string{"MX_IS_CNAME"},
			Condition: "the MX target mail is a CNAME to mx, which has A and AAAA"},
			ns: both, text: soaText("mx-is-cname.test.", HostA, both) + "@\tMX\t10 mail\nmail\tCNAME\tmx\nmx\tA\t127.53.250.2\nmx\tAAAA\t::1\n"},
		{Scenario: engine.Scenario{Domain: "mx-missing.test.", Expect: []string{"MX_MISSING"},
			Condition: "no MX record and no null MX"},
			ns: both, text: soaText("mx-missing.test.", HostA, both)},
		{Scenario: engine.Scenario{Domain: "mx-name-syntax.test.", Expect: []string{"MX_NAME_SYNTAX"},
			Condition: "the MX target mail_1.mx-name-syntax.test. has an underscore"},
			ns: both, text: soaText("mx-name-syntax.test.", HostA, both) + "@\tMX\t10 mail_1\nmail_1\tA\t127.53.250.2\nmail_1\tAAAA\t::1\n"},
		{Scenario: engine.Scenario{Domain: "spf-invalid.test.", Expect: []string{"SPF_INVALID"},
			Condition: "two SPF policies (v=spf1 TXT records) at the apex"},
			ns: both, extra: "@\tTXT\t\"v=spf1 mx -all\"\n@\tTXT\t\"v=spf1 ip4:127.53.250.2 ~all\"\n"},
		{Scenario: engine.Scenario{Domain: "soa-mname-cname.test.", Expect: []string{"SOA_MNAME_IS_CNAME"},
			Condition: "the SOA MNAME primary.soa-mname-cname.test. is a CNAME to ns1.hosta.test."},
			ns: both, text: soaText("soa-mname-cname.test.", "primary.soa-mname-cname.test.", both) + mail + "primary\tCNAME\t" + HostA + "\n"},
		{Scenario: engine.Scenario{Domain: "soa-mname-not-auth.test.", Expect: []string{"SOA_MNAME_NOT_AUTHORITATIVE"},
			Condition: "the SOA MNAME ns3.hostb.test. (127.53.20.3, no NS of the zone) does not serve the zone: REFUSED"},
			ns: both, text: soaText("soa-mname-not-auth.test.", "ns3.hostb.test.", both) + mail},
		{Scenario: engine.Scenario{Domain: "ns-no-reverse.test.", Expect: []string{"NS_NO_REVERSE"},
			Condition: "127.53.72.1 (ns1.ns-no-reverse.test.) has no PTR record in 53.127.in-addr.arpa."},
			ns: []string{HostA, nrevName}, glue: map[string][]string{HostA: {"127.53.10.1", "::1"}, nrevName: {"127.53.72.1"}},
			extra: "ns1\tA\t127.53.72.1\n", own: []*engine.Server{nrev}, hosts: []*engine.Server{b.hosta}},
		{Scenario: engine.Scenario{Domain: "ns-reverse-mismatch.test.", Expect: []string{"NS_REVERSE_MISMATCH"},
			Condition: "127.53.73.1 (ns1.ns-reverse-mismatch.test.) has PTR host-1.lab-hosting.test."},
			ns: []string{HostA, mrevName}, glue: map[string][]string{HostA: {"127.53.10.1", "::1"}, mrevName: {"127.53.73.1"}},
			extra: "ns1\tA\t127.53.73.1\n", own: []*engine.Server{mrev}, hosts: []*engine.Server{b.hosta}},
	}
}

// reverse adds ReverseZone, served by hosta and hostb: a PTR for every
// address of servers, naming its server, but where the scenarios said
// otherwise (b.noPTR, b.ptr).
func (b *builder) reverse(servers ...*engine.Server) {
	if b.err != nil {
		return
	}
	ptrs := map[string]string{}
	for _, s := range append(servers, b.servers...) {
		for _, a := range s.Addrs {
			if _, ok := ptrs[a.String()]; !ok {
				ptrs[a.String()] = s.Name
			}
		}
	}
	for a, n := range b.ptr {
		ptrs[a] = n
	}
	addrs := make([]string, 0, len(ptrs))
	for a := range ptrs {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	var t strings.Builder
	fmt.Fprintf(&t, "$TTL 3600\n@\tSOA\t%s hostmaster.hosta.test. %d 7200 3600 1209600 300\n@\tNS\t%s\n@\tNS\t%s\n", HostA, Serial, HostA, HostB)
	for _, a := range addrs {
		if b.noPTR[a] {
			continue
		}
		if rev, err := dns.ReverseAddr(a); err == nil {
			fmt.Fprintf(&t, "%s\tPTR\t%s\n", rev, ptrs[a])
		}
	}
	zone := b.zone(ReverseZone, t.String(), nil)
	if zone == nil {
		return
	}
	b.hostaZone = append(b.hostaZone, zone)
	b.hostbZone = append(b.hostbZone, zone)
}
