package syntax

import (
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

const zone = "example.test."

// zoneWith builds a zone named domain served by ns1.example.test. and the
// NS name extra (both with addresses), whose servers answer the SOA with
// rdata ("mname rname serial refresh retry expire minimum").
func zoneWith(domain, extra, rdata string) func() *checktest.Observations {
	return func() *checktest.Observations {
		o := checktest.Delegated(domain)
		o.NS("ns1.example.test", true, "192.0.2.1")
		o.NS(extra, true, "198.51.100.2")
		for _, a := range []string{"192.0.2.1", "198.51.100.2"} {
			o.HealthyWith(a, o.SOAText(rdata), "ns1.example.test", extra)
		}
		return o
	}
}

const goodSOA = "ns1.example.test. hostmaster.example.test. 1 86400 7200 3600000 3600"

func TestCheck(t *testing.T) {
	checktest.RunCases(t, Check, []checktest.Case{
		{Name: "healthy names", Build: zoneWith(zone, "ns2.example.net", goodSOA)},
		{Name: "a valid A-label and digits", Build: zoneWith("xn--caf-dma.test.", "ns-2.xn--caf-dma.test",
			"a1.xn--caf-dma.test. john\\.doe.xn--caf-dma.test. 1 86400 7200 3600000 3600")},
		{Name: "an MNAME of . is a convention, not a host name", Build: zoneWith(zone, "ns2.example.net",
			". hostmaster.example.test. 1 86400 7200 3600000 3600")},
		// The domain name: input validation refuses these, so they reach
		// the check only from observations made elsewhere.
		{Name: "domain label ending with a hyphen", Build: zoneWith("example-.test.", "ns2.example.net", goodSOA),
			Want: []string{"DOMAIN_NAME_SYNTAX example-.test. | a label that starts or ends with a hyphen"}},
		{Name: "domain with -- in positions 3 and 4", Build: zoneWith("ab--cd.test.", "ns2.example.net", goodSOA),
			Want: []string{"DOMAIN_NAME_SYNTAX ab--cd.test. | \"--\" in the third and fourth positions of a label that is not a valid A-label"}},
		{Name: "domain with an invalid A-label", Build: zoneWith("xn--0.test.", "ns2.example.net", goodSOA),
			Want: []string{"DOMAIN_NAME_SYNTAX xn--0.test. | \"--\" in the third and fourth positions of a label that is not a valid A-label"}},
		{Name: "domain with an underscore and a leading hyphen", Build: zoneWith("-a_b.test.", "ns2.example.net", goodSOA),
			Want: []string{"DOMAIN_NAME_SYNTAX -a_b.test. | a character other than a letter, digit or hyphen, a label that starts or ends with a hyphen"}},
		// NS names.
		{Name: "NS name with an underscore", Build: zoneWith(zone, "ns_2.example.net", goodSOA),
			Want: []string{"NS_NAME_SYNTAX ns_2.example.net. | a character other than a letter, digit or hyphen"}},
		{Name: "NS name with an escaped dot and a numeric TLD", Build: zoneWith(zone, "ns\\.2.example.123", goodSOA),
			Want: []string{"NS_NAME_SYNTAX ns\\.2.example.123. | a character other than a letter, digit or hyphen, an all-numeric top-level label"}},
		{Name: "NS name only at the parent cites the referral", Build: func() *checktest.Observations {
			o := zoneWith(zone, "ns2.example.net", goodSOA)()
			o.NS("bad-.example.net", false)
			return o
		}, Want: []string{"NS_NAME_SYNTAX bad-.example.net. | a label that starts or ends with a hyphen"}},
		// SOA MNAME and RNAME.
		{Name: "MNAME with a space", Build: zoneWith(zone, "ns2.example.net", "ns\\032one.example.test. hostmaster.example.test. 1 86400 7200 3600000 3600"),
			Want: []string{"SOA_MNAME_SYNTAX example.test. | ns\\ one.example.test.: a character other than a letter, digit or hyphen"}},
		{Name: "RNAME with an @", Build: zoneWith(zone, "ns2.example.net", "ns1.example.test. hostmaster\\@example.test. 1 86400 7200 3600000 3600"),
			Want: []string{"SOA_RNAME_SYNTAX example.test. | hostmaster\\@example.test.: an @ sign, where the first dot stands for it"}},
		{Name: "RNAME without a domain part", Build: zoneWith(zone, "ns2.example.net", "ns1.example.test. hostmaster. 1 86400 7200 3600000 3600"),
			Want: []string{"SOA_RNAME_SYNTAX example.test. | hostmaster.: no valid mailbox once its first dot is read as @ (RFC 5322)"}},
		{Name: "RNAME local part with a space", Build: zoneWith(zone, "ns2.example.net", "ns1.example.test. host\\032master.example.test. 1 86400 7200 3600000 3600"),
			Want: []string{"SOA_RNAME_SYNTAX example.test. | host\\ master.example.test.: no valid mailbox once its first dot is read as @ (RFC 5322)"}},
		{Name: "RNAME mail domain with an underscore", Build: zoneWith(zone, "ns2.example.net", "ns1.example.test. hostmaster.mail_x.example.test. 1 86400 7200 3600000 3600"),
			Want: []string{"SOA_RNAME_SYNTAX example.test. | hostmaster.mail_x.example.test.: no valid mailbox once its first dot is read as @ (RFC 5322)"}},
		{Name: "RNAME local part with RFC 5322 specials is fine", Build: zoneWith(zone, "ns2.example.net", "ns1.example.test. dns+ops.example.test. 1 86400 7200 3600000 3600")},
		{Name: "a lame server's SOA is not read", Build: func() *checktest.Observations {
			o := zoneWith(zone, "ns2.example.net", goodSOA)()
			o.Query(observe.PurposeSOAUDP, "198.51.100.2", zone, dns.TypeSOA, func(m *dns.Msg) {
				m.Authoritative = false
				m.Answer = append(m.Answer, checktest.RR(zone+" 3600 IN SOA ns_1.example.test. a\\@b. 1 2 3 4 5"))
			})
			return o
		}},
	})
}

func TestMailbox(t *testing.T) {
	for rname, want := range map[string]string{
		"hostmaster.example.org.":       "",
		"john\\.doe.example.org.":       "",
		"john\\.\\.doe.example.org.":    "mailbox", // two dots in a row
		"\\.john.example.org.":          "mailbox",
		"h\\@x.example.org.":            "at_sign",
		"hostmaster.example-.org.":      "mailbox",
		".":                             "mailbox",
		"hostmaster.org.":               "",
		"a\\999.example.org.":           "mailbox", // not a byte
		"x!#$%&'*+-/=?^_`{|}~.example.": "",
	} {
		got := ""
		if p := mailboxProblems(rname); len(p) > 0 {
			got = p[0]
		}
		if got != want {
			t.Errorf("mailboxProblems(%q) = %q, want %q", rname, got, want)
		}
	}
}
