package worlds

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// Names and addresses of the default world's infrastructure.
const (
	HostA = "ns1.hosta.test." // 127.53.10.1 and ::1: the lab's only IPv6 address
	HostB = "ns2.hostb.test." // 127.53.20.1
)

// Serial is the SOA serial of the default world's zones.
const Serial = 2026010100

// builder assembles the default world.
type builder struct {
	w         *engine.World
	err       error
	tld       strings.Builder // delegations and glue written into test.
	hosta     *engine.Server
	hostb     *engine.Server
	hostaZone []*authzone.Zone
	hostbZone []*authzone.Zone
	servers   []*engine.Server
	loopA     *engine.Server
	loopB     *engine.Server
	noPTR     map[string]bool   // addresses without a PTR record (content.go)
	ptr       map[string]string // addresses whose PTR names another host (content.go)
}

func addr(s string) netip.Addr { return netip.MustParseAddr(s) }

func (b *builder) network(prefix string, asn uint32, org, country string) {
	b.w.AddNetwork(geo.Network{Prefix: netip.MustParsePrefix(prefix), ASN: asn, Org: org, Country: country})
}

func (b *builder) zone(origin, text string, spec *authzone.SignSpec) *authzone.Zone {
	if b.err != nil {
		return nil
	}
	z, err := b.w.AddZone(origin, text, spec)
	if err != nil {
		b.err = err
	}
	return z
}

// server makes a server named name (its hostname.bind derived from it).
func (b *builder) server(name string, f engine.Faults, addrs ...string) *engine.Server {
	s := &engine.Server{
		Name:     name,
		NSID:     strings.TrimSuffix(name, ".") + "-1",
		Hostname: strings.TrimSuffix(name, ".") + "-1.lab",
		Version:  "lab-authd 1.0",
		Faults:   f,
	}
	for _, a := range addrs {
		s.Addrs = append(s.Addrs, addr(a))
	}
	b.servers = append(b.servers, s)
	return s
}

// delegate writes domain's NS records into test., and glue for the names
// in glue (name → addresses).
func (b *builder) delegate(domain string, ns []string, glue map[string][]string) {
	label := strings.TrimSuffix(domain, ".test.")
	for _, n := range ns {
		fmt.Fprintf(&b.tld, "%s\tNS\t%s\n", label, n)
	}
	for _, n := range ns {
		for _, a := range glue[n] {
			t := "A"
			if strings.Contains(a, ":") {
				t = "AAAA"
			}
			fmt.Fprintf(&b.tld, "%s\t%s\t%s\n", n, t, a)
		}
	}
}

// healthyText is the zone text of a healthy domain: SOA, NS, apex and www
// with A and AAAA, an MX whose target has both, and extra lines.
func healthyText(domain string, serial uint32, ns []string, extra string) string {
	return soaText(domain, fmt.Sprintf("%s hostmaster.%s %d 14400 3600 1209600 300", ns[0], domain, serial), ns, extra)
}

// soaText is healthyText with the SOA rdata soa ("mname rname serial
// refresh retry expire minimum").
func soaText(domain, soa string, ns []string, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "$TTL 3600\n@\tSOA\t%s\n", soa)
	for _, n := range ns {
		fmt.Fprintf(&b, "@\tNS\t%s\n", n)
	}
	b.WriteString("@\tA\t127.53.250.1\n@\tAAAA\t::1\n")
	b.WriteString("www\tA\t127.53.250.1\nwww\tAAAA\t::1\n")
	b.WriteString("@\tMX\t10 mail\nmail\tA\t127.53.250.2\nmail\tAAAA\t::1\n")
	b.WriteString(extra)
	return b.String()
}

// scenario describes one scenario domain of the default world.
type scenario struct {
	engine.Scenario
	ns       []string            // NS set in the child, and in the parent unless parentNS is set
	parentNS []string            // NS set in the parent when it differs
	glue     map[string][]string // glue in test.
	spec     *authzone.SignSpec
	extra    string           // more zone text
	text     string           // the whole zone text, instead of the healthy template
	own      []*engine.Server // servers of its own that serve the zone
	hosts    []*engine.Server // servers that serve the zone; nil means hosta and hostb as listed in ns
}

// Default builds the scenario world described in README.md, with signatures
// relative to now. It takes a few tens of milliseconds.
func Default(now time.Time) (*engine.World, error) {
	b := &builder{w: engine.NewWorld(now)}
	w := b.w

	// Networks.
	b.network("127.53.0.0/24", 64500, "LAB-ROOT", "UY")
	b.network("127.53.1.0/24", 64501, "LAB-TLD", "BR")
	b.network("127.53.10.0/24", 64510, "LAB-HOSTA", "CL")
	b.network("::1/128", 64510, "LAB-HOSTA", "CL")
	b.network("127.53.11.0/24", 64510, "LAB-HOSTA", "CL")
	b.network("127.53.20.0/24", 64520, "LAB-HOSTB", "MX")
	b.network("127.53.21.0/24", 64521, "LAB-NOV6", "PE")
	b.network("127.53.30.0/24", 64530, "LAB-ONEPREFIX", "AR")

	// Root and TLD servers, with identities a root-instance inventory can read.
	rootA := &engine.Server{Name: "a.root-servers.test.", Addrs: []netip.Addr{addr("127.53.0.1")},
		NSID: "a1.uy-mvd", Hostname: "a1.uy-mvd.root-servers.test", Version: "lab-authd 1.0"}
	rootB := &engine.Server{Name: "b.root-servers.test.", Addrs: []netip.Addr{addr("127.53.0.2")},
		NSID: "b1.uy-mvd", Hostname: "b1.uy-mvd.root-servers.test", Version: "lab-authd 1.0"}
	tldA := &engine.Server{Name: "a.nic.test.", Addrs: []netip.Addr{addr("127.53.1.1")},
		NSID: "a.nic-br-gru", Hostname: "a1.br-gru.nic.test", Version: "lab-authd 1.0"}
	tldB := &engine.Server{Name: "b.nic.test.", Addrs: []netip.Addr{addr("127.53.1.2")},
		NSID: "b.nic-br-gig", Hostname: "b1.br-gig.nic.test", Version: "lab-authd 1.0"}
	b.hosta = &engine.Server{Name: HostA, Addrs: []netip.Addr{addr("127.53.10.1"), addr("::1")},
		NSID: "hosta-scl-1", Hostname: "ns1-scl.hosta.test", Version: "lab-authd 1.0"}
	b.hostb = &engine.Server{Name: HostB, Addrs: []netip.Addr{addr("127.53.20.1")},
		NSID: "hostb-mex-1", Hostname: "ns2-mex.hostb.test", Version: "lab-authd 1.0"}

	root := b.zone(".", `$TTL 86400
.	SOA	a.root-servers.test. nstld.root-servers.test. `+fmt.Sprint(Serial)+` 1800 900 604800 86400
.	518400	NS	a.root-servers.test.
.	518400	NS	b.root-servers.test.
test.	172800	NS	a.nic.test.
test.	172800	NS	b.nic.test.
a.nic.test.	172800	A	127.53.1.1
b.nic.test.	172800	A	127.53.1.2
a.root-servers.test.	518400	A	127.53.0.1
b.root-servers.test.	518400	A	127.53.0.2
`+reverseDelegations(), &authzone.SignSpec{})
	rootA.Zones = []*authzone.Zone{root}
	rootB.Zones = []*authzone.Zone{root}

	// The hosting providers' own zones.
	hostaZone := b.zone("hosta.test.", `$TTL 3600
@	SOA	ns1.hosta.test. hostmaster.hosta.test. `+fmt.Sprint(Serial)+` 14400 3600 1209600 300
@	NS	ns1.hosta.test.
@	NS	ns2.hostb.test.
ns1	A	127.53.10.1
ns1	AAAA	::1
`, nil)
	hostbZone := b.zone("hostb.test.", `$TTL 3600
@	SOA	ns2.hostb.test. hostmaster.hostb.test. `+fmt.Sprint(Serial)+` 14400 3600 1209600 300
@	NS	ns2.hostb.test.
@	NS	ns1.hosta.test.
ns2	A	127.53.20.1
ns3	A	127.53.20.3
; an alias used as an NS name by ns-is-cname.test.
alias	CNAME	ns1.hosta.test.
`, nil)
	b.hostaZone = append(b.hostaZone, hostaZone, hostbZone)
	b.hostbZone = append(b.hostbZone, hostaZone, hostbZone)
	hostGlue := map[string][]string{HostA: {"127.53.10.1", "::1"}, HostB: {"127.53.20.1"}}
	b.delegate("hosta.test.", []string{HostA, HostB}, hostGlue)
	b.delegate("hostb.test.", []string{HostB, HostA}, hostGlue)

	both := []string{HostA, HostB}
	own := func(label string, net int, f engine.Faults) (*engine.Server, string) {
		name := "ns1." + label + ".test."
		a := fmt.Sprintf("127.53.%d.1", net)
		return b.server(name, f, a), name
	}
	ownNet := func(net int, org, country string) {
		b.network(fmt.Sprintf("127.53.%d.0/24", net), uint32(64500+net), org, country)
	}
	withOwn := func(label string, net int, country string, f engine.Faults, expect ...string) scenario {
		s, name := own(label, net, f)
		ownNet(net, "LAB-"+strings.ToUpper(label), country)
		ns := []string{HostA, name}
		sc := scenario{
			Scenario: engine.Scenario{Domain: label + ".test.", Expect: expect},
			ns:       ns,
			glue:     map[string][]string{HostA: hostGlue[HostA], name: {s.Addrs[0].String()}},
			extra:    fmt.Sprintf("ns1\tA\t%s\n", s.Addrs[0]),
			own:      []*engine.Server{s},
			hosts:    []*engine.Server{b.hosta},
		}
		return sc
	}

	// The same-prefix pair and the single-AS second server.
	samePrefix1 := b.server("ns1.ns-same-prefix.test.", engine.Faults{}, "127.53.30.1")
	samePrefix2 := b.server("ns2.ns-same-prefix.test.", engine.Faults{}, "127.53.30.2")
	singleASN := b.server("ns1.ns-single-asn.test.", engine.Faults{}, "127.53.11.1")
	noV6 := b.server("ns1.ns-no-ipv6.test.", engine.Faults{}, "127.53.21.1")
	ns3b := b.server("ns3.hostb.test.", engine.Faults{}, "127.53.20.3")
	lame, _ := own("ns-lame", 41, engine.Faults{Lame: true})
	ownNet(41, "LAB-NS-LAME", "EC")

	scenarios := []scenario{
		{Scenario: engine.Scenario{Domain: "healthy-signed.test.", Control: true, Condition: "healthy, signed (ECDSA, NSEC), DS in test."},
			ns: both, spec: &authzone.SignSpec{}},
		{Scenario: engine.Scenario{Domain: "healthy-unsigned.test.", Control: true, Expect: []string{"DNSSEC_UNSIGNED"}, Condition: "healthy, unsigned"},
			ns: both},
		{Scenario: engine.Scenario{Domain: "ns-count-low.test.", Expect: []string{"NS_COUNT_LOW", "NS_SINGLE_ASN"}, Condition: "one NS"},
			ns: []string{HostA}},
		{Scenario: engine.Scenario{Domain: "ns-same-prefix.test.", Expect: []string{"NS_SAME_PREFIX", "NS_SINGLE_ASN", "NS_NO_IPV6"},
			Condition: "two NS, both in 127.53.30.0/24"},
			ns:    []string{"ns1.ns-same-prefix.test.", "ns2.ns-same-prefix.test."},
			glue:  map[string][]string{"ns1.ns-same-prefix.test.": {"127.53.30.1"}, "ns2.ns-same-prefix.test.": {"127.53.30.2"}},
			extra: "ns1\tA\t127.53.30.1\nns2\tA\t127.53.30.2\n",
			own:   []*engine.Server{samePrefix1, samePrefix2}, hosts: []*engine.Server{}},
		{Scenario: engine.Scenario{Domain: "ns-single-asn.test.", Expect: []string{"NS_SINGLE_ASN"}, Condition: "two NS in different /24s of AS64510"},
			ns:    []string{HostA, "ns1.ns-single-asn.test."},
			glue:  map[string][]string{HostA: hostGlue[HostA], "ns1.ns-single-asn.test.": {"127.53.11.1"}},
			extra: "ns1\tA\t127.53.11.1\n",
			own:   []*engine.Server{singleASN}, hosts: []*engine.Server{b.hosta}},
		{Scenario: engine.Scenario{Domain: "ns-no-ipv6.test.", Expect: []string{"NS_NO_IPV6"}, Condition: "no NS has an IPv6 address"},
			ns:    []string{HostB, "ns1.ns-no-ipv6.test."},
			glue:  map[string][]string{HostB: hostGlue[HostB], "ns1.ns-no-ipv6.test.": {"127.53.21.1"}},
			extra: "ns1\tA\t127.53.21.1\n",
			own:   []*engine.Server{noV6}, hosts: []*engine.Server{b.hostb}},
		with(withOwn("ns-unreachable", 40, "CO", engine.Faults{Silent: true}, "NS_UNREACHABLE"), "one NS address never answers (Silent)"),
		{Scenario: engine.Scenario{Domain: "ns-lame.test.", Expect: []string{"NS_LAME"}, Condition: "one NS does not serve the zone (REFUSED)"},
			ns:    []string{HostA, "ns1.ns-lame.test."},
			glue:  map[string][]string{HostA: hostGlue[HostA], "ns1.ns-lame.test.": {lame.Addrs[0].String()}},
			extra: fmt.Sprintf("ns1\tA\t%s\n", lame.Addrs[0]),
			hosts: []*engine.Server{b.hosta}},
		with(withOwn("ns-no-tcp", 42, "PE", engine.Faults{NoTCP: true}, "NS_NO_TCP"), "one NS refuses TCP connections"),
		with(withOwn("ns-recursive", 43, "CR", engine.Faults{Recursive: true}, "NS_RECURSIVE"), "one NS answers recursive queries for any name"),
		with(withOwn("ns-axfr-open", 44, "PA", engine.Faults{AXFROpen: true}, "NS_AXFR_OPEN"), "one NS allows zone transfers to anyone"),
		with(withOwn("ns-edns-broken", 45, "DO", engine.Faults{EDNSBroken: true}, "NS_EDNS_BROKEN"), "one NS answers FORMERR to EDNS queries"),
		with(withOwn("ns-slow", 46, "GT", engine.Faults{Slow: true}, "NS_SLOW"), "one NS answers after 300 ms (UDP) and 600 ms (TCP)"),
		{Scenario: engine.Scenario{Domain: "ns-address-not-global.test.", Expect: []string{"NS_ADDRESS_NOT_GLOBAL"},
			Condition: "ns1.ns-address-not-global.test. has glue and an A record in 192.0.2.0/24 (documentation, not global; lab mode refuses it too)"},
			ns:    []string{HostA, "ns1.ns-address-not-global.test."},
			glue:  map[string][]string{HostA: hostGlue[HostA], "ns1.ns-address-not-global.test.": {"192.0.2.53"}},
			extra: "ns1\tA\t192.0.2.53\n",
			hosts: []*engine.Server{b.hosta}},
		{Scenario: engine.Scenario{Domain: "soa-serial-mismatch.test.", Expect: []string{"SOA_SERIAL_MISMATCH"}, Condition: "the two servers serve different serials"},
			ns: both},
		{Scenario: engine.Scenario{Domain: "delegation-ns-mismatch.test.", Expect: []string{"DELEGATION_NS_MISMATCH"},
			Condition: "the child's NS set has ns3.hostb.test., the parent's does not"},
			ns: []string{HostA, HostB, "ns3.hostb.test."}, parentNS: both, own: []*engine.Server{ns3b}},
		with(func() scenario {
			sc := withOwn("glue-missing", 47, "BO", engine.Faults{}, "GLUE_MISSING")
			sc.ns = []string{"ns1.glue-missing.test.", HostA}
			delete(sc.glue, "ns1.glue-missing.test.")
			return sc
		}(), "in-bailiwick NS ns1.glue-missing.test. without glue in test."),
		{Scenario: engine.Scenario{Domain: "ns-is-cname.test.", Expect: []string{"NS_IS_CNAME"}, Condition: "NS alias.hostb.test. is a CNAME to ns1.hosta.test."},
			ns: []string{"alias.hostb.test.", HostB}, hosts: []*engine.Server{b.hosta, b.hostb}},
		{Scenario: engine.Scenario{Domain: "apex-cname.test.", Expect: []string{"APEX_CNAME"}, Condition: "a CNAME at the apex, beside SOA and NS"},
			ns: both, text: fmt.Sprintf("$TTL 3600\n@\tSOA\t%s hostmaster.apex-cname.test. %d 14400 3600 1209600 300\n@\tNS\t%s\n@\tNS\t%s\n@\tCNAME\twww.healthy-unsigned.test.\n",
				HostA, Serial, HostA, HostB)},
		signed("dnssec-bogus", "DNSSEC_BOGUS", "the RRSIG over the apex SOA does not verify", authzone.SignSpec{Faults: authzone.SignFaults{BadSignature: true}}),
		signed("dnssec-ds-no-match", "DNSSEC_DS_NO_MATCH", "the DS in test. matches no DNSKEY", authzone.SignSpec{Faults: authzone.SignFaults{DSMismatch: true}}),
		signed("dnssec-rrsig-expired", "DNSSEC_RRSIG_EXPIRED", "every signature expired a day ago", authzone.SignSpec{Faults: authzone.SignFaults{Expired: true}}),
		signed("dnssec-rrsig-not-yet-valid", "DNSSEC_RRSIG_NOT_YET_VALID", "every signature starts tomorrow", authzone.SignSpec{Faults: authzone.SignFaults{NotYetValid: true}}),
		signed("dnssec-rrsig-expiring", "DNSSEC_RRSIG_EXPIRING", "every signature expires in 2 days", authzone.SignSpec{Faults: authzone.SignFaults{Expiring: true}}),
		signed("dnssec-rrsig-missing", "DNSSEC_RRSIG_MISSING", "the apex SOA has no RRSIG", authzone.SignSpec{Faults: authzone.SignFaults{UnsignedRRset: true}}),
		withExpect(signed("dnssec-algorithm-deprecated", "DNSSEC_ALGORITHM_DEPRECATED", "signed with RSASHA1 (algorithm 5), 1024 bits", authzone.SignSpec{Algorithm: dns.RSASHA1}), "DNSSEC_RSA_KEY_SIZE"),
		signed("dnssec-nsec3-params", "DNSSEC_NSEC3_PARAMS", "NSEC3 with 10 iterations and salt AABBCCDD", authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{Iterations: 10, Salt: "AABBCCDD"}}),
		signed("dnssec-cds-mismatch", "DNSSEC_CDS_INVALID", "CDS and CDNSKEY name a key that is not in the DNSKEY set", authzone.SignSpec{CDS: authzone.CDSMismatch}),
		{Scenario: engine.Scenario{Domain: "ipv6-info.test.", Expect: []string{"IPV6_APEX_NO_AAAA", "IPV6_WWW_NO_AAAA", "IPV6_MX_NO_AAAA"},
			Condition: "the apex, www and the MX target have an IPv4 address and no IPv6 one"},
			ns: both, text: fmt.Sprintf("$TTL 3600\n@\tSOA\t%s hostmaster.ipv6-info.test. %d 14400 3600 1209600 300\n@\tNS\t%s\n@\tNS\t%s\n"+
				"@\tA\t127.53.250.1\nwww\tA\t127.53.250.1\n@\tMX\t10 mail\nmail\tA\t127.53.250.2\n", HostA, Serial, HostA, HostB)},
		{Scenario: engine.Scenario{Domain: "dnssec-unsigned.test.", Expect: []string{"DNSSEC_UNSIGNED"}, Condition: "unsigned, otherwise healthy"}, ns: both},
		// The SOA timers (Zonemaster zone02 to zone06), each wrong alone.
		timers("soa-refresh-low", "SOA_REFRESH_LOW", "5400 3600 1209600 300", "refresh 5400 s (below 14400)"),
		timers("soa-retry-not-below-refresh", "SOA_RETRY_NOT_BELOW_REFRESH", "14400 14400 1209600 300", "retry 14400 s, equal to refresh"),
		timers("soa-retry-low", "SOA_RETRY_LOW", "86400 900 1209600 300", "retry 900 s (below 3600)"),
		timers("soa-expire-low", "SOA_EXPIRE_LOW", "86400 7200 86400 300", "expire 86400 s (below 604800)"),
		timers("soa-minimum-out-of-range", "SOA_MINIMUM_OUT_OF_RANGE", "86400 7200 1209600 172800", "minimum 172800 s (above 86400)"),
		{Scenario: engine.Scenario{Domain: "soa-multiple.test.", Expect: []string{"SOA_MULTIPLE"},
			Condition: "two SOA records at the apex (illegal; loaded anyway), so every SOA answer has both"},
			ns: both, extra: fmt.Sprintf("@\tSOA\t%s hostmaster.soa-multiple.test. %d 14400 3600 1209600 300\n", HostB, Serial+1)},
		// Servers that disagree (Zonemaster consistency02 to 06): hostb
		// serves another version of the zone (variants, below).
		{Scenario: engine.Scenario{Domain: "soa-rname-mismatch.test.", Expect: []string{"SOA_RNAME_MISMATCH"},
			Condition: "hostb's SOA names another contact (dns-admin.soa-rname-mismatch.test.), same serial"}, ns: both},
		{Scenario: engine.Scenario{Domain: "soa-timers-mismatch.test.", Expect: []string{"SOA_TIMERS_MISMATCH"},
			Condition: "hostb's SOA has other timers (86400 7200 1209600 300), same serial"}, ns: both},
		{Scenario: engine.Scenario{Domain: "ns-set-inconsistent.test.", Expect: []string{"NS_SET_INCONSISTENT"},
			Condition: "hostb's copy lists only ns2.hostb.test. at the apex, same serial"}, ns: both},
		{Scenario: engine.Scenario{Domain: "soa-mname-mismatch.test.", Expect: []string{"SOA_MNAME_MISMATCH"},
			Condition: "hostb's SOA names itself as the primary (ns2.hostb.test.), same serial"}, ns: both},
		{Scenario: engine.Scenario{Domain: "ns-address-shared.test.", Expect: []string{"NS_ADDRESS_SHARED"},
			Condition: "a third NS, ns1.ns-address-shared.test., has hosta's address 127.53.10.1 (glue and A record)"},
			ns:    []string{HostA, HostB, "ns1.ns-address-shared.test."},
			glue:  map[string][]string{HostA: hostGlue[HostA], HostB: hostGlue[HostB], "ns1.ns-address-shared.test.": {"127.53.10.1"}},
			extra: "ns1\tA\t127.53.10.1\n"},
		// The form of names (Zonemaster syntax01 to syntax07).
		{Scenario: engine.Scenario{Domain: "ns-name-syntax.test.", Expect: []string{"NS_NAME_SYNTAX"},
			Condition: "an NS name with an underscore, ns_1.ns-name-syntax.test. (glue and A record 127.53.20.3, served by ns3.hostb.test.'s server)"},
			ns:    []string{HostA, "ns_1.ns-name-syntax.test."},
			glue:  map[string][]string{HostA: hostGlue[HostA], "ns_1.ns-name-syntax.test.": {"127.53.20.3"}},
			extra: "ns_1\tA\t127.53.20.3\n",
			own:   []*engine.Server{ns3b}, hosts: []*engine.Server{b.hosta}},
		{Scenario: engine.Scenario{Domain: "soa-rname-syntax.test.", Expect: []string{"SOA_RNAME_SYNTAX"},
			Condition: "the SOA RNAME has an @: hostmaster\\@soa-rname-syntax.test."},
			ns: both, text: soaText("soa-rname-syntax.test.", fmt.Sprintf("%s hostmaster\\@soa-rname-syntax.test. %d 14400 3600 1209600 300", HostA, Serial), both, "")},
		{Scenario: engine.Scenario{Domain: "soa-mname-syntax.test.", Expect: []string{"SOA_MNAME_SYNTAX"},
			Condition: "the SOA MNAME has an underscore: primary_1.soa-mname-syntax.test."},
			ns: both, text: soaText("soa-mname-syntax.test.", fmt.Sprintf("primary_1.soa-mname-syntax.test. hostmaster.soa-mname-syntax.test. %d 14400 3600 1209600 300", Serial), both, "")},
		{Scenario: engine.Scenario{Domain: "domain-name-syntax-.test.", Expect: []string{"DOMAIN_NAME_SYNTAX"},
			Condition: "the domain's label ends with a hyphen; dnsobs refuses the name as input, so only the lab's own checker sees it (Scenario.Input)"},
			ns: both},
	}
	scenarios = append(scenarios, b.contentScenarios()...)

	scenarios = append(scenarios, b.dnssecMore()...)
	scenarios = append(scenarios, b.nameserverMore()...)
	for _, sc := range scenarios {
		b.add(sc)
	}
	// soa-serial-mismatch: hostb gets a second version with another serial.
	if b.err == nil {
		z2 := b.zone("soa-serial-mismatch.test.", healthyText("soa-serial-mismatch.test.", Serial+1, both, ""), nil)
		b.replace(b.hostb, "soa-serial-mismatch.test.", z2)
	}
	// The other consistency scenarios: hostb's version differs in one
	// field, with the same serial.
	for _, v := range []struct{ domain, soa string }{
		{"soa-rname-mismatch.test.", fmt.Sprintf("%s dns-admin.soa-rname-mismatch.test. %d 14400 3600 1209600 300", HostA, Serial)},
		{"soa-timers-mismatch.test.", fmt.Sprintf("%s hostmaster.soa-timers-mismatch.test. %d 86400 7200 1209600 300", HostA, Serial)},
		{"soa-mname-mismatch.test.", fmt.Sprintf("%s hostmaster.soa-mname-mismatch.test. %d 14400 3600 1209600 300", HostB, Serial)},
	} {
		if z := b.zone(v.domain, soaText(v.domain, v.soa, both, ""), nil); z != nil {
			b.replace(b.hostb, v.domain, z)
		}
	}
	const nsi = "ns-set-inconsistent.test."
	if z := b.zone(nsi, soaText(nsi, fmt.Sprintf("%s hostmaster.%s %d 14400 3600 1209600 300", HostA, nsi, Serial), []string{HostB}, ""), nil); z != nil {
		b.replace(b.hostb, "ns-set-inconsistent.test.", z)
	}
	b.hostile()
	b.unchecked()
	b.reverse(rootA, rootB, tldA, tldB, b.hosta, b.hostb)

	// The TLD, now that every delegation is written.
	tld := b.zone("test.", `$TTL 3600
@	SOA	a.nic.test. hostmaster.nic.test. `+fmt.Sprint(Serial)+` 14400 3600 604800 300
@	86400	NS	a.nic.test.
@	86400	NS	b.nic.test.
a.nic	A	127.53.1.1
b.nic	A	127.53.1.2
a.root-servers	A	127.53.0.1
b.root-servers	A	127.53.0.2
; delegations
`+b.tld.String(), &authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{}})
	b.loops()
	if b.err != nil {
		return nil, b.err
	}
	tldA.Zones = []*authzone.Zone{tld}
	tldB.Zones = []*authzone.Zone{tld}
	b.hosta.Zones = b.hostaZone
	b.hostb.Zones = b.hostbZone
	for _, s := range append([]*engine.Server{rootA, rootB, tldA, tldB, b.hosta, b.hostb}, b.servers...) {
		if err := w.AddServer(s); err != nil {
			return nil, err
		}
	}
	if err := w.Build(); err != nil {
		return nil, err
	}
	return w, nil
}

// timers is a scenario whose SOA has the timers t ("refresh retry expire
// minimum"), served by hosta and hostb.
func timers(label, id, t, condition string) scenario {
	domain := label + ".test."
	soa := fmt.Sprintf("%s hostmaster.%s %d %s", HostA, domain, Serial, t)
	return scenario{
		Scenario: engine.Scenario{Domain: domain, Expect: []string{id}, Condition: condition},
		ns:       []string{HostA, HostB},
		text:     soaText(domain, soa, []string{HostA, HostB}, ""),
	}
}

func with(sc scenario, condition string) scenario {
	sc.Condition = condition
	return sc
}

// withExpect adds IDs to a scenario's Expect.
func withExpect(sc scenario, ids ...string) scenario {
	sc.Expect = append(sc.Expect, ids...)
	return sc
}

func signed(label, id, condition string, spec authzone.SignSpec) scenario {
	return scenario{
		Scenario: engine.Scenario{Domain: label + ".test.", Expect: []string{id}, Condition: condition},
		ns:       []string{HostA, HostB},
		spec:     &spec,
	}
}

// add creates a scenario's zone, its delegation and who serves it.
func (b *builder) add(sc scenario) {
	if b.err != nil {
		return
	}
	text := sc.text
	if text == "" {
		text = healthyText(sc.Domain, Serial, sc.ns, sc.extra)
	}
	z := b.zone(sc.Domain, text, sc.spec)
	if z == nil {
		return
	}
	pns := sc.parentNS
	if pns == nil {
		pns = sc.ns
	}
	glue := sc.glue
	if glue == nil {
		glue = map[string][]string{}
	}
	b.delegate(sc.Domain, pns, glue)
	hosts := sc.hosts
	if hosts == nil {
		for _, n := range sc.ns {
			switch n {
			case HostA:
				hosts = append(hosts, b.hosta)
			case HostB:
				hosts = append(hosts, b.hostb)
			}
		}
	}
	for _, h := range append(hosts, sc.own...) {
		switch h {
		case b.hosta:
			b.hostaZone = append(b.hostaZone, z)
		case b.hostb:
			b.hostbZone = append(b.hostbZone, z)
		default:
			h.Zones = append(h.Zones, z)
		}
	}
	b.w.AddScenario(sc.Scenario)
}

// replace makes server s serve z instead of its zone of the same origin.
func (b *builder) replace(s *engine.Server, origin string, z *authzone.Zone) {
	list := &b.hostaZone
	if s == b.hostb {
		list = &b.hostbZone
	}
	for i, x := range *list {
		if x.Origin == origin {
			(*list)[i] = z
		}
	}
}

// hostile adds the domains that attack a resolver or prober.
func (b *builder) hostile() {
	if b.err != nil {
		return
	}
	for i, h := range []struct {
		label string
		f     engine.Faults
	}{
		{"hostile-id", engine.Faults{WrongID: true}},
		{"hostile-garbage", engine.Faults{Garbage: true}},
		{"hostile-truncate", engine.Faults{AlwaysTruncate: true}},
		{"hostile-oversized", engine.Faults{Oversized: true}},
	} {
		net := 90 + i
		name := "ns1." + h.label + ".test."
		a := fmt.Sprintf("127.53.%d.1", net)
		s := b.server(name, h.f, a)
		b.network(fmt.Sprintf("127.53.%d.0/24", net), uint32(64500+net), "LAB-"+strings.ToUpper(h.label), "VE")
		domain := h.label + ".test."
		z := b.zone(domain, healthyText(domain, Serial, []string{name}, "ns1\tA\t"+a+"\n"), nil)
		if z == nil {
			return
		}
		s.Zones = []*authzone.Zone{z}
		b.delegate(domain, []string{name}, map[string][]string{name: {a}})
		b.w.AddHostile(domain)
	}

	// A referral loop: test. sends loop-a.test. and loop-b.test. to
	// ns1.loop-a.test. (127.53.94.1) and ns1.loop-b.test. (127.53.95.1).
	// Each of those serves a false copy of test. that refers both domains
	// to the other server, so a resolver bounces between the two.
	b.loopA = b.server("ns1.loop-a.test.", engine.Faults{}, "127.53.94.1")
	b.loopB = b.server("ns1.loop-b.test.", engine.Faults{}, "127.53.95.1")
	b.network("127.53.94.0/24", 64594, "LAB-LOOP-A", "VE")
	b.network("127.53.95.0/24", 64595, "LAB-LOOP-B", "VE")
	b.delegate("loop-a.test.", []string{"ns1.loop-a.test."}, map[string][]string{"ns1.loop-a.test.": {"127.53.94.1"}})
	b.delegate("loop-b.test.", []string{"ns1.loop-b.test."}, map[string][]string{"ns1.loop-b.test.": {"127.53.95.1"}})

	// An endless CNAME chain inside one zone: a → b → a, reached from www
	// and from the MX target.
	cl := b.zone("cname-loop.test.", fmt.Sprintf(`$TTL 3600
@	SOA	%s hostmaster.cname-loop.test. %d 14400 3600 1209600 300
@	NS	%s
@	NS	%s
@	A	127.53.250.1
@	AAAA	::1
@	MX	10 a
www	CNAME	a
a	CNAME	b
b	CNAME	a
`, HostA, Serial, HostA, HostB), nil)
	if cl == nil {
		return
	}
	b.hostaZone = append(b.hostaZone, cl)
	b.hostbZone = append(b.hostbZone, cl)
	b.delegate("cname-loop.test.", []string{HostA, HostB}, map[string][]string{})
	b.w.AddHostile("loop-a.test.", "loop-b.test.", "cname-loop.test.")
}

// loops adds the false copies of test. that the referral loop servers
// serve. It runs after the real test. is added, so that one stays canonical.
func (b *builder) loops() {
	if b.err != nil {
		return
	}
	fake := func(to, toAddr string) string {
		return fmt.Sprintf(`$TTL 3600
@	SOA	a.nic.test. hostmaster.nic.test. %d 14400 3600 604800 300
@	NS	a.nic.test.
@	NS	b.nic.test.
a.nic	A	127.53.1.1
b.nic	A	127.53.1.2
loop-a	NS	%s
loop-b	NS	%s
%s	A	%s
`, Serial, to, to, to, toAddr)
	}
	fa := b.zone("test.", fake("ns1.loop-b.test.", "127.53.95.1"), nil)
	fb := b.zone("test.", fake("ns1.loop-a.test.", "127.53.94.1"), nil)
	if b.err != nil {
		return
	}
	b.loopA.Zones = []*authzone.Zone{fa}
	b.loopB.Zones = []*authzone.Zone{fb}
}

// unchecked adds the domains that cannot be checked: a delegation that no
// server serves, a name test. does not delegate, and a name below a zone
// whose only server never answers. None has a zone: there is nothing to
// serve.
func (b *builder) unchecked() {
	if b.err != nil {
		return
	}
	b.delegate("no-working-ns.test.", []string{HostA, HostB}, nil)
	b.w.AddScenario(engine.Scenario{Domain: "no-working-ns.test.", Expect: []string{"DOMAIN_NO_WORKING_NS", "NS_LAME"},
		Condition: "test. delegates it to ns1.hosta.test. and ns2.hostb.test., neither of which serves it (REFUSED)"})
	b.w.AddScenario(engine.Scenario{Domain: "not-delegated.test.", Expect: []string{"DOMAIN_NOT_DELEGATED"},
		Condition: "test. has no delegation for the name: it answers NXDOMAIN"})
	// dead-parent.test. is delegated to ns1.dead-parent.test. (127.53.60.1),
	// which never answers: the walk to www.dead-parent.test. stops there.
	const name, a = "ns1.dead-parent.test.", "127.53.60.1"
	b.server(name, engine.Faults{Silent: true}, a)
	b.network("127.53.60.0/24", 64560, "LAB-DEAD-PARENT", "HN")
	b.delegate("dead-parent.test.", []string{name}, map[string][]string{name: {a}})
	b.w.AddScenario(engine.Scenario{Domain: "www.dead-parent.test.", Expect: []string{"DOMAIN_NOT_CHECKED"},
		Condition: "its parent dead-parent.test. is delegated to one server, which never answers"})
}
