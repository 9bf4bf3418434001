package dnssec_test

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

var at = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const domain = worlds.ChainDomain

// otherDigest is a SHA-256 digest of no key.
const otherDigest = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"

// secure is the chain every case starts from: the root and test. with a
// CSK each, example.test. with a KSK and a ZSK, all ECDSAP256SHA256 and NSEC.
func secure() worlds.Chain {
	return worlds.Chain{Root: &authzone.SignSpec{CSK: true}, TLD: &authzone.SignSpec{CSK: true}, Domain: &authzone.SignSpec{}}
}

// tamperFunc edits a reply of w's server at addr before the collector sees it.
type tamperFunc func(w *engine.World, addr netip.Addr, q dns.Question, m *dns.Msg)

// collect runs the collector on example.test. of c's world as of at,
// with replies edited by tamper when it is set.
func collect(t testing.TB, c worlds.Chain, tamper tamperFunc) (*observe.Domain, []dns.RR) {
	t.Helper()
	d, anchors, err := labcheck.ObserveChain(context.Background(), c, at, tamper)
	if err != nil {
		t.Fatal(err)
	}
	return d, anchors
}

// ask sends one query with DO to w's server at addr, untouched.
func ask(w *engine.World, addr netip.Addr, name string, qtype uint16) *dns.Msg {
	q := new(dns.Msg)
	q.SetQuestion(name, qtype)
	q.SetEdns0(1232, true)
	req, _ := q.Pack()
	resp, err := w.Exchange(context.Background(), netip.AddrPortFrom(addr, 53), observe.UDP, req)
	m := new(dns.Msg)
	if err != nil || m.Unpack(resp) != nil {
		return new(dns.Msg)
	}
	return m
}

// drop returns rrs without the records of the given types and the RRSIGs
// over them.
func drop(rrs []dns.RR, types ...uint16) []dns.RR {
	out := rrs[:0]
	for _, rr := range rrs {
		t := rr.Header().Rrtype
		if s, ok := rr.(*dns.RRSIG); ok {
			t = s.TypeCovered
		}
		keep := true
		for _, x := range types {
			keep = keep && t != x
		}
		if keep {
			out = append(out, rr)
		}
	}
	return out
}

// dropSigs returns rrs without the RRSIGs over type t.
func dropSigs(rrs []dns.RR, t uint16) []dns.RR {
	out := rrs[:0]
	for _, rr := range rrs {
		if s, ok := rr.(*dns.RRSIG); ok && s.TypeCovered == t {
			continue
		}
		out = append(out, rr)
	}
	return out
}

// corruptSigs damages the RRSIGs over type t owned by owner in m.
func corruptSigs(m *dns.Msg, owner string, t uint16) {
	for _, rr := range append(append([]dns.RR(nil), m.Answer...), m.Ns...) {
		if s, ok := rr.(*dns.RRSIG); ok && s.TypeCovered == t && dns.CanonicalName(s.Hdr.Name) == owner && len(s.Signature) > 8 {
			b := []byte(s.Signature)
			if b[4] == 'A' { // still base64, no longer the signature
				b[4] = 'B'
			} else {
				b[4] = 'A'
			}
			s.Signature = string(b)
		}
	}
}

// referralTo reports whether m delegates name (NS records of name in the
// authority section).
func referralTo(m *dns.Msg, name string) bool {
	for _, rr := range m.Ns {
		if rr.Header().Rrtype == dns.TypeNS && dns.CanonicalName(rr.Header().Name) == name {
			return true
		}
	}
	return false
}

// nxQuery returns the collector's query for a name that does not exist.
func nxQuery(d *observe.Domain) *observe.Query {
	for _, q := range d.Queries {
		if q.Purpose == observe.PurposeNX {
			return q
		}
	}
	return nil
}

// The tests see what the collector really asks: the domain's DS comes from
// the parent's referral (the hand-written query plan these tests once used
// still asked a DS query of its own).
func TestCollectedPlan(t *testing.T) {
	d, _ := collect(t, secure(), nil)
	if len(d.Chain) != 3 {
		t.Fatalf("chain %+v", d.Chain)
	}
	if q := d.Query(d.Chain[2].DSSeq); q == nil || q.Purpose != observe.PurposeReferral {
		t.Errorf("the DS of %s comes from %+v, want the referral", domain, q)
	}
	for _, q := range d.Queries {
		if q.Purpose == observe.PurposeDS && q.QName == domain {
			t.Errorf("a DS query for %s was sent: %+v", domain, q)
		}
	}
}
