package worlds

import (
	"fmt"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// nameserverMore returns the scenarios of the server-level checks of
// issue 14 (EDNS by test, QNAME case, version disclosure, AAAA, source
// address, upward referrals, SOA): each zone is served by ns1.hosta.test.
// and by a server of its own, ns1.<label>.test. at 127.53.<net>.1 in
// 127.53.150–159.0/24, with one fault.
func (b *builder) nameserverMore() []scenario {
	mk := func(label string, net int, country string, f engine.Faults, id, condition string) scenario {
		name := "ns1." + label + ".test."
		a := fmt.Sprintf("127.53.%d.1", net)
		s := b.server(name, f, a)
		b.network(fmt.Sprintf("127.53.%d.0/24", net), uint32(64500+net), "LAB-"+strings.ToUpper(label), country)
		return scenario{
			Scenario: engine.Scenario{Domain: label + ".test.", Expect: []string{id}, Condition: condition},
			ns:       []string{HostA, name},
			glue:     map[string][]string{HostA: {"127.53.10.1", "::1"}, name: {a}},
			extra:    fmt.Sprintf("ns1\tA\t%s\n", a),
			own:      []*engine.Server{s},
			hosts:    []*engine.Server{b.hosta},
		}
	}
	trunc := mk("ns-edns-truncation", 153, "UY", engine.Faults{TruncNoOPT: true}, "NS_EDNS_TRUNCATION",
		"one NS drops the OPT record from truncated UDP answers; the zone is signed with RSASHA256 (1024-bit keys), so its DNSKEY set does not fit 512 bytes")
	trunc.spec = &authzone.SignSpec{Algorithm: dns.RSASHA256, Bits: 1024}
	version := mk("ns-version-disclosed", 155, "CL", engine.Faults{}, "NS_VERSION_DISCLOSED",
		`one NS answers version.bind and version.server with "9.16.1-Ubuntu"`)
	version.own[0].Version = "9.16.1-Ubuntu"
	return []scenario{
		mk("ns-edns-version", 150, "AR", engine.Faults{NoBadVers: true}, "NS_EDNS_VERSION",
			"one NS answers a query of EDNS version 1 as version 0 (NOERROR), not BADVERS"),
		mk("ns-edns-option", 151, "BR", engine.Faults{EchoOption: true}, "NS_EDNS_OPTION",
			"one NS echoes unknown EDNS options in its answers"),
		mk("ns-edns-flags", 152, "CL", engine.Faults{EchoFlags: true}, "NS_EDNS_FLAGS",
			"one NS copies the query's unknown EDNS flags (Z bits) into its answers"),
		trunc,
		mk("ns-qname-case", 154, "MX", engine.Faults{CaseSensitive: true}, "NS_QNAME_CASE",
			"one NS matches names byte for byte: the zone's name in mixed case gets REFUSED"),
		version,
		mk("ns-aaaa-broken", 156, "PY", engine.Faults{AAAABroken: true}, "NS_AAAA_BROKEN",
			"one NS answers NOTIMP to AAAA queries"),
		mk("ns-wrong-source", 157, "BO", engine.Faults{WrongSource: true}, "NS_WRONG_SOURCE",
			"one NS answers UDP queries from 127.53.157.2, not the address asked (127.53.157.1)"),
		mk("ns-upward-referral", 158, "EC", engine.Faults{UpwardReferral: true}, "NS_UPWARD_REFERRAL",
			"one NS answers queries outside its zones with a referral to the root"),
		mk("ns-no-soa", 159, "CO", engine.Faults{NoSOA: true}, "NS_NO_SOA",
			"one NS answers the zone's SOA query authoritatively (AA, NOERROR) with no SOA record"),
	}
}
