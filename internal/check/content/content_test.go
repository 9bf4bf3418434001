package content

import (
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

const zone = "example.test."

// healthy is a zone with two nameservers (the SOA's MNAME is the first),
// an MX whose target has an AAAA, and one SPF policy.
func healthy() *checktest.Observations {
	o := checktest.Delegated(zone)
	o.NS("ns1.example.test", true, "192.0.2.1")
	o.NS("ns2.example.net", true, "198.51.100.2")
	o.Healthy("192.0.2.1", 1, "ns1.example.test", "ns2.example.net")
	o.Healthy("198.51.100.2", 1, "ns1.example.test", "ns2.example.net")
	return o
}

// mail adds the apex MX answer (records in zone-file form, relative to
// nothing) and the SPF TXT answer.
func mail(o *checktest.Observations, mx []string, txt ...string) *checktest.Observations {
	o.Query(observe.PurposeMX, "192.0.2.1", zone, dns.TypeMX, checktest.Answer(mx...))
	o.Query(observe.PurposeApexTXT, "192.0.2.1", zone, dns.TypeTXT, checktest.Answer(txt...))
	return o
}

// withMNAME is healthy with the SOA's MNAME set to mname: each server's
// SOA probe answers it first.
func withMNAME(mname string) *checktest.Observations {
	o := checktest.Delegated(zone)
	o.NS("ns1.example.test", true, "192.0.2.1")
	o.NS("ns2.example.net", true, "198.51.100.2")
	for _, a := range []string{"192.0.2.1", "198.51.100.2"} {
		o.Query(observe.PurposeSOAUDP, a, zone, dns.TypeSOA,
			checktest.Answer(zone+" 3600 IN SOA "+mname+" hostmaster.example.test. 1 7200 3600 1209600 3600"))
	}
	return o
}

// mnameAddr records the lookups of name's A (a, "" for NODATA) and
// AAAA (NODATA).
func mnameAddr(o *checktest.Observations, name string, a ...string) {
	o.Query(observe.PurposeMNAMEAddr, "203.0.113.250", name, dns.TypeA, checktest.Answer(a...))
	o.Query(observe.PurposeMNAMEAddr, "203.0.113.250", name, dns.TypeAAAA, func(*dns.Msg) {})
}

func TestCheck(t *testing.T) {
	checktest.RunCases(t, Check, []checktest.Case{
		{Name: "healthy", Build: func() *checktest.Observations {
			o := mail(healthy(), []string{zone + " 300 IN MX 10 mail.example.test."}, zone+` 300 IN TXT "v=spf1 mx -all"`, zone+` 300 IN TXT "google-site-verification=abc"`)
			o.Query(observe.PurposeMXAAAA, "192.0.2.1", "mail.example.test.", dns.TypeAAAA, checktest.Answer("mail.example.test. 300 IN AAAA 2001:db8::25"))
			return o
		}},
		{Name: "nothing asked: nothing said", Build: healthy},
		{Name: "no MX", Build: func() *checktest.Observations { return mail(healthy(), nil) },
			Want: []string{"MX_MISSING example.test. | no MX record at example.test."}},
		{Name: "a null MX", Build: func() *checktest.Observations {
			return mail(healthy(), []string{zone + " 300 IN MX 0 ."}, zone+` 300 IN TXT "v=spf1 -all"`)
		}},
		{Name: "an apex alias is not a missing MX", Build: func() *checktest.Observations {
			return mail(healthy(), []string{zone + " 300 IN CNAME www.example.net."})
		}},
		{Name: "MX target is an alias", Build: func() *checktest.Observations {
			o := mail(healthy(), []string{zone + " 300 IN MX 10 mail.example.test."})
			o.Query(observe.PurposeMXAAAA, "192.0.2.1", "mail.example.test.", dns.TypeAAAA,
				checktest.Answer("mail.example.test. 300 IN CNAME mx.example.net.", "mx.example.net. 300 IN AAAA 2001:db8::25"))
			return o
		}, Want: []string{"MX_IS_CNAME mail.example.test. | mail.example.test. is an alias for mx.example.net."}},
		{Name: "MX target with an underscore", Build: func() *checktest.Observations {
			return mail(healthy(), []string{zone + " 300 IN MX 10 mail_1.example.test."})
		}, Want: []string{"MX_NAME_SYNTAX mail_1.example.test. | mail_1.example.test. is not a valid host name"}},
		{Name: "two SPF policies", Build: func() *checktest.Observations {
			return mail(healthy(), []string{zone + " 300 IN MX 10 mail.example.test."}, zone+` 300 IN TXT "v=spf1 mx -all"`, zone+` 300 IN TXT "v=spf1 a ~all"`)
		}, Want: []string{"SPF_INVALID example.test. | 2 SPF policies (v=spf1 TXT records)"}},
		{Name: "an SPF term that does not parse", Build: func() *checktest.Observations {
			return mail(healthy(), []string{zone + " 300 IN MX 10 mail.example.test."}, zone+` 300 IN TXT "v=spf1 ip4:192.0.2.300 -all"`)
		}, Want: []string{`SPF_INVALID example.test. | the term "ip4:192.0.2.300" does not parse`}},
		{Name: "an SPF policy in two strings is one policy", Build: func() *checktest.Observations {
			return mail(healthy(), []string{zone + " 300 IN MX 10 mail.example.test."}, zone+` 300 IN TXT "v=spf1 ip4:192.0.2.0/24 " "include:_spf.example.net -all"`)
		}},
		{Name: "MNAME outside the NS set, authoritative", Build: func() *checktest.Observations {
			o := withMNAME("primary.example.net.")
			mnameAddr(o, "primary.example.net.", "primary.example.net. 300 IN A 203.0.113.5")
			o.Query(observe.PurposeMNAMESOA, "203.0.113.5", zone, dns.TypeSOA, o.SOA(1))
			return o
		}},
		{Name: "MNAME is one of the NS addresses", Build: func() *checktest.Observations {
			o := withMNAME("primary.example.net.")
			mnameAddr(o, "primary.example.net.", "primary.example.net. 300 IN A 198.51.100.2")
			return o
		}},
		{Name: "MNAME does not answer with authority", Build: func() *checktest.Observations {
			o := withMNAME("primary.example.net.")
			mnameAddr(o, "primary.example.net.", "primary.example.net. 300 IN A 203.0.113.5")
			o.Query(observe.PurposeMNAMESOA, "203.0.113.5", zone, dns.TypeSOA, func(m *dns.Msg) { m.Rcode, m.Authoritative = dns.RcodeRefused, false })
			return o
		}, Want: []string{"SOA_MNAME_NOT_AUTHORITATIVE primary.example.net. | primary.example.net. at 203.0.113.5 does not answer for the zone with authority"}},
		{Name: "MNAME silent", Build: func() *checktest.Observations {
			o := withMNAME("primary.example.net.")
			mnameAddr(o, "primary.example.net.", "primary.example.net. 300 IN A 203.0.113.5")
			o.QueryOver(observe.PurposeMNAMESOA, "203.0.113.5", observe.UDP, zone, dns.TypeSOA, 0, nil)
			return o
		}, Want: []string{"SOA_MNAME_NOT_AUTHORITATIVE primary.example.net. | primary.example.net. at 203.0.113.5 does not answer"}},
		{Name: "MNAME without an address", Build: func() *checktest.Observations {
			o := withMNAME("primary.example.net.")
			mnameAddr(o, "primary.example.net.")
			return o
		}, Want: []string{"SOA_MNAME_NOT_AUTHORITATIVE primary.example.net. | primary.example.net. has no A or AAAA record"}},
		{Name: "MNAME a single label", Build: func() *checktest.Observations {
			o := withMNAME("ns1.")
			return o
		}, Want: []string{"SOA_MNAME_NOT_AUTHORITATIVE ns1. | ns1. is a single label, not a fully qualified host name"}},
		{Name: "MNAME an alias", Build: func() *checktest.Observations {
			o := withMNAME("primary.example.net.")
			mnameAddr(o, "primary.example.net.", "primary.example.net. 300 IN CNAME ns2.example.net.", "ns2.example.net. 300 IN A 198.51.100.2")
			return o
		}, Want: []string{"SOA_MNAME_IS_CNAME primary.example.net. | primary.example.net. is an alias for ns2.example.net."}},
		{Name: "MNAME an NS name whose server is lame", Build: func() *checktest.Observations {
			o := checktest.Delegated(zone)
			o.NS("ns1.example.net", true, "198.51.100.1")
			o.NS("ns2.example.net", true, "198.51.100.2")
			o.Query(observe.PurposeSOAUDP, "198.51.100.1", zone, dns.TypeSOA, func(m *dns.Msg) { m.Rcode, m.Authoritative = dns.RcodeRefused, false })
			o.Query(observe.PurposeSOAUDP, "198.51.100.2", zone, dns.TypeSOA,
				checktest.Answer(zone+" 3600 IN SOA ns1.example.net. hostmaster.example.test. 1 7200 3600 1209600 3600"))
			return o
		}, Want: []string{"SOA_MNAME_NOT_AUTHORITATIVE ns1.example.net. | ns1.example.net. at 198.51.100.1 does not answer for the zone with authority"}},
	})
}

func TestHostname(t *testing.T) {
	for n, want := range map[string]bool{
		"mail.example.org.": true, "xn--mail-5qa.example.org.": true, "m.example.org": true, "a1-b.example.org.": true,
		"mail_1.example.org.": false, "-mail.example.org.": false, "mail-.example.org.": false, "ab--c.example.org.": false,
		"192.0.2.25.": false, "mail..example.org.": false, ".": false,
	} {
		if got := Hostname(n); got != want {
			t.Errorf("Hostname(%q) = %v, want %v", n, got, want)
		}
	}
}
