package collect

import (
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

func TestDSInReferral(t *testing.T) {
	rr := func(s string) dns.RR {
		r, err := dns.NewRR(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	const domain = "example.test."
	ns := rr("example.test. 3600 IN NS ns1.example.test.")
	ds := rr("example.test. 3600 IN DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")
	sigDS := rr("example.test. 3600 IN RRSIG DS 13 2 3600 20300101000000 20200101000000 1 test. AAAA")
	sigNS := rr("example.test. 3600 IN RRSIG NS 13 2 3600 20300101000000 20200101000000 1 test. AAAA")
	nsec3 := rr("ABCDEFGHIJKLMNOPQRSTUV0123456789.test. 3600 IN NSEC3 1 1 0 - 0123456789ABCDEFGHIJKLMNOPQRSTUV NS")
	otherNS := rr("other.test. 3600 IN NS ns1.other.test.")
	query := func(do, aa bool, answer []dns.RR, auth ...dns.RR) *observe.Query {
		m := new(dns.Msg)
		m.SetQuestion(domain, dns.TypeNS)
		m.Response, m.Authoritative, m.Answer, m.Ns = true, aa, answer, auth
		wire, err := m.Pack()
		if err != nil {
			t.Fatal(err)
		}
		return &observe.Query{Purpose: observe.PurposeReferral, EDNS: &observe.EDNS{UDPSize: 1232, DO: do},
			Status: observe.StatusOK, Response: wire}
	}
	for _, c := range []struct {
		name string
		q    *observe.Query
		want bool
	}{
		{"signed DS", query(true, false, nil, ns, ds, sigDS), true},
		{"NSEC3 proof of no DS", query(true, false, nil, ns, nsec3), true},
		{"DS without its signature", query(true, false, nil, ns, ds, sigNS), false},
		{"no DNSSEC records (unsigned parent)", query(true, false, nil, ns), false},
		{"asked without DO", query(false, false, nil, ns, ds, sigDS), false},
		{"authoritative answer, not a referral", query(true, true, []dns.RR{ns}, ds, sigDS), false},
		{"referral to another zone", query(true, false, nil, otherNS, nsec3), false},
		{"no query", nil, false},
	} {
		if got := dsInReferral(c.q, domain); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	unanswered := query(true, false, nil, ns, ds, sigDS)
	unanswered.Status = observe.StatusTimeout
	if dsInReferral(unanswered, domain) {
		t.Error("a timed-out referral counted")
	}
}
