package engine_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

var (
	worldOnce sync.Once
	world     *engine.World
	worldErr  error
)

// defaultWorld builds the default world once for the package's tests.
func defaultWorld(t testing.TB) *engine.World {
	t.Helper()
	worldOnce.Do(func() { world, worldErr = worlds.Default(testNow) })
	if worldErr != nil {
		t.Fatalf("Default: %v", worldErr)
	}
	return world
}

// q describes one query.
type q struct {
	server string
	name   string
	qtype  uint16
	class  uint16
	tcp    bool
	edns   bool
	do     bool
	size   uint16
	ver    uint8
	opts   []dns.EDNS0
	rd     bool
}

func (x q) msg() *dns.Msg {
	m := new(dns.Msg)
	m.Id = 4242
	class := x.class
	if class == 0 {
		class = dns.ClassINET
	}
	m.Question = []dns.Question{{Name: dns.Fqdn(x.name), Qtype: x.qtype, Qclass: class}}
	m.RecursionDesired = x.rd
	if x.edns || x.do || x.size > 0 || x.ver > 0 || len(x.opts) > 0 {
		o := &dns.OPT{Hdr: dns.RR_Header{Name: ".", Rrtype: dns.TypeOPT}}
		size := x.size
		if size == 0 {
			size = 1232
		}
		o.SetUDPSize(size)
		o.SetVersion(x.ver)
		if x.do {
			o.SetDo()
		}
		o.Option = x.opts
		m.Extra = append(m.Extra, o)
	}
	return m
}

// ask sends x to its server through Handle and parses the reply.
func ask(t *testing.T, w *engine.World, x q) (*dns.Msg, []byte, engine.Action) {
	t.Helper()
	s := w.Server(netip.MustParseAddr(x.server))
	if s == nil {
		t.Fatalf("no server at %s", x.server)
	}
	req, err := x.msg().Pack()
	if err != nil {
		t.Fatalf("pack: %v", err)
	}
	tr := observe.UDP
	if x.tcp {
		tr = observe.TCP
	}
	wire, act := s.Handle(req, tr)
	if wire == nil {
		return nil, nil, act
	}
	m := new(dns.Msg)
	if err := m.Unpack(wire); err != nil {
		t.Fatalf("reply to %s %s does not parse: %v", x.name, dns.TypeToString[x.qtype], err)
	}
	return m, wire, act
}

func types(rrs []dns.RR) string {
	var out []string
	for _, rr := range rrs {
		s := dns.TypeToString[rr.Header().Rrtype]
		if sig, ok := rr.(*dns.RRSIG); ok {
			s += "(" + dns.TypeToString[sig.TypeCovered] + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestEngine(t *testing.T) {
	w := defaultWorld(t)
	const (
		root  = "127.53.0.1"
		tld   = "127.53.1.1"
		hosta = "127.53.10.1"
	)
	cases := []struct {
		name   string
		q      q
		rcode  int
		aa     bool
		answer string // types in the answer section
		ns     string // types in the authority section
		extra  string // types in the additional section, OPT included
		check  func(t *testing.T, m *dns.Msg)
	}{
		{name: "authoritative answer", q: q{server: hosta, name: "www.healthy-unsigned.test.", qtype: dns.TypeA},
			aa: true, answer: "A"},
		{name: "answer with DO in a signed zone", q: q{server: hosta, name: "www.healthy-signed.test.", qtype: dns.TypeAAAA, do: true},
			aa: true, answer: "AAAA RRSIG(AAAA)", extra: "OPT"},
		{name: "DO in an unsigned zone adds nothing", q: q{server: hosta, name: "www.healthy-unsigned.test.", qtype: dns.TypeA, do: true},
			aa: true, answer: "A", extra: "OPT"},
		{name: "referral from the root with glue", q: q{server: root, name: "www.healthy-signed.test.", qtype: dns.TypeA},
			ns: "NS NS", extra: "A A"},
		{name: "referral from the root with DS", q: q{server: root, name: "www.healthy-signed.test.", qtype: dns.TypeA, do: true},
			ns: "NS NS DS RRSIG(DS)", extra: "A A OPT"},
		{name: "referral to a signed child", q: q{server: tld, name: "www.healthy-signed.test.", qtype: dns.TypeA, do: true},
			ns: "NS NS DS RRSIG(DS)", extra: "A AAAA A OPT"},
		{name: "referral to an unsigned child proves no DS with NSEC3", q: q{server: tld, name: "healthy-unsigned.test.", qtype: dns.TypeSOA, do: true},
			ns: "NS NS NSEC3 RRSIG(NSEC3)", extra: "A AAAA A OPT",
			check: func(t *testing.T, m *dns.Msg) {
				n3 := m.Ns[2].(*dns.NSEC3)
				if !n3.Match("healthy-unsigned.test.") {
					t.Errorf("NSEC3 %s does not match the delegation", n3.Hdr.Name)
				}
				for _, tp := range n3.TypeBitMap {
					if tp == dns.TypeDS {
						t.Errorf("NSEC3 bitmap has DS")
					}
				}
			}},
		{name: "referral in-bailiwick NS without glue", q: q{server: tld, name: "glue-missing.test.", qtype: dns.TypeNS},
			ns: "NS NS", extra: "A AAAA"},
		{name: "DS at the cut answered by the parent", q: q{server: tld, name: "healthy-signed.test.", qtype: dns.TypeDS, do: true},
			aa: true, answer: "DS RRSIG(DS)", extra: "OPT"},
		{name: "no DS at an unsigned cut: NODATA with NSEC3", q: q{server: tld, name: "healthy-unsigned.test.", qtype: dns.TypeDS, do: true},
			aa: true, ns: "SOA RRSIG(SOA) NSEC3 RRSIG(NSEC3)", extra: "OPT"},
		{name: "DS asked of the child only: NODATA from the child", q: q{server: hosta, name: "healthy-signed.test.", qtype: dns.TypeDS, do: true},
			aa: true, ns: "SOA RRSIG(SOA) NSEC RRSIG(NSEC)", extra: "OPT"},
		{name: "NXDOMAIN with NSEC", q: q{server: hosta, name: "nope.healthy-signed.test.", qtype: dns.TypeA, do: true},
			rcode: dns.RcodeNameError, aa: true, ns: "SOA RRSIG(SOA) NSEC RRSIG(NSEC) NSEC RRSIG(NSEC)", extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				covered, wild := false, false
				for _, rr := range m.Ns {
					if n, ok := rr.(*dns.NSEC); ok {
						covered = covered || nsecCovers(n, "nope.healthy-signed.test.")
						wild = wild || nsecCovers(n, "*.healthy-signed.test.")
					}
				}
				if !covered || !wild {
					t.Errorf("NSEC records do not cover the name (%v) and the wildcard (%v)", covered, wild)
				}
			}},
		{name: "NXDOMAIN with NSEC3 closest encloser proof", q: q{server: tld, name: "nope.test.", qtype: dns.TypeA, do: true},
			rcode: dns.RcodeNameError, aa: true, ns: "SOA RRSIG(SOA) NSEC3 RRSIG(NSEC3) NSEC3 RRSIG(NSEC3) NSEC3 RRSIG(NSEC3)", extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				var match, cover, wild bool
				for _, rr := range m.Ns {
					if n, ok := rr.(*dns.NSEC3); ok {
						match = match || n.Match("test.")
						cover = cover || n.Cover("nope.test.")
						wild = wild || n.Cover("*.test.")
					}
				}
				if !match || !cover || !wild {
					t.Errorf("closest encloser %v, next closer covered %v, wildcard covered %v", match, cover, wild)
				}
			}},
		{name: "NXDOMAIN without DO has no proof", q: q{server: hosta, name: "nope.healthy-signed.test.", qtype: dns.TypeA},
			rcode: dns.RcodeNameError, aa: true, ns: "SOA",
			check: func(t *testing.T, m *dns.Msg) {
				if ttl := m.Ns[0].Header().Ttl; ttl != 300 {
					t.Errorf("negative TTL %d, want the SOA minimum 300", ttl)
				}
			}},
		{name: "NODATA with NSEC", q: q{server: hosta, name: "www.healthy-signed.test.", qtype: dns.TypeMX, do: true},
			aa: true, ns: "SOA RRSIG(SOA) NSEC RRSIG(NSEC)", extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				if n := m.Ns[2].(*dns.NSEC); n.Hdr.Name != "www.healthy-signed.test." {
					t.Errorf("NSEC owner %s, want www", n.Hdr.Name)
				}
			}},
		{name: "NODATA with NSEC3 (non-zero iterations and salt)", q: q{server: hosta, name: "www.dnssec-nsec3-params.test.", qtype: dns.TypeTXT, do: true},
			aa: true, ns: "SOA RRSIG(SOA) NSEC3 RRSIG(NSEC3)", extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				n3 := m.Ns[2].(*dns.NSEC3)
				if n3.Iterations != 10 || !strings.EqualFold(n3.Salt, "AABBCCDD") || !n3.Match("www.dnssec-nsec3-params.test.") {
					t.Errorf("NSEC3 %s", n3)
				}
			}},
		{name: "MX answer with additional addresses", q: q{server: hosta, name: "healthy-unsigned.test.", qtype: dns.TypeMX},
			aa: true, answer: "MX", extra: "A AAAA"},
		{name: "CNAME at the apex", q: q{server: hosta, name: "apex-cname.test.", qtype: dns.TypeA},
			aa: true, answer: "CNAME"},
		{name: "SOA at an apex with a CNAME", q: q{server: hosta, name: "apex-cname.test.", qtype: dns.TypeSOA},
			aa: true, answer: "SOA"},
		{name: "NS alias chased in its zone stops at the zone's edge", q: q{server: hosta, name: "alias.hostb.test.", qtype: dns.TypeA},
			aa: true, answer: "CNAME"},
		{name: "CNAME loop stops at the first repeat", q: q{server: hosta, name: "www.cname-loop.test.", qtype: dns.TypeA},
			aa: true, answer: "CNAME CNAME CNAME"},
		{name: "CNAME asked for", q: q{server: hosta, name: "a.cname-loop.test.", qtype: dns.TypeCNAME},
			aa: true, answer: "CNAME"},
		{name: "REFUSED outside its zones, RA=0", q: q{server: hosta, name: "example.org.", qtype: dns.TypeA, rd: true},
			rcode: dns.RcodeRefused,
			check: func(t *testing.T, m *dns.Msg) {
				if m.RecursionAvailable || !m.RecursionDesired {
					t.Errorf("RA %v RD %v, want RA=0 and RD copied", m.RecursionAvailable, m.RecursionDesired)
				}
			}},
		{name: "EDNS echoed", q: q{server: hosta, name: "healthy-unsigned.test.", qtype: dns.TypeSOA, size: 4096},
			aa: true, answer: "SOA", extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				o := m.IsEdns0()
				if o.Version() != 0 || o.UDPSize() != 1232 || o.Do() {
					t.Errorf("OPT %s", o)
				}
			}},
		{name: "DO echoed", q: q{server: hosta, name: "healthy-unsigned.test.", qtype: dns.TypeSOA, do: true},
			aa: true, answer: "SOA", extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				if !m.IsEdns0().Do() {
					t.Error("DO not echoed")
				}
			}},
		{name: "no OPT without EDNS", q: q{server: hosta, name: "healthy-unsigned.test.", qtype: dns.TypeSOA},
			aa: true, answer: "SOA"},
		{name: "BADVERS for EDNS version 1", q: q{server: hosta, name: "healthy-unsigned.test.", qtype: dns.TypeSOA, ver: 1},
			rcode: dns.RcodeBadVers, extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				if v := m.IsEdns0().Version(); v != 0 {
					t.Errorf("OPT version %d", v)
				}
			}},
		{name: "unknown option ignored", q: q{server: hosta, name: "healthy-unsigned.test.", qtype: dns.TypeSOA,
			opts: []dns.EDNS0{&dns.EDNS0_LOCAL{Code: 65001, Data: []byte{1, 2}}}},
			aa: true, answer: "SOA", extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				if n := len(m.IsEdns0().Option); n != 0 {
					t.Errorf("%d options echoed", n)
				}
			}},
		{name: "NSID", q: q{server: root, name: ".", qtype: dns.TypeSOA, opts: []dns.EDNS0{&dns.EDNS0_NSID{Code: dns.EDNS0NSID}}},
			aa: true, answer: "SOA", extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				opt := m.IsEdns0()
				if len(opt.Option) != 1 || opt.Option[0].(*dns.EDNS0_NSID).Nsid != "61312e75792d6d7664" { // "a1.uy-mvd"
					t.Errorf("NSID options %v", opt.Option)
				}
			}},
		{name: "truncated at the client's 512 buffer", q: q{server: tld, name: "nope.test.", qtype: dns.TypeA, do: true, size: 512},
			rcode: dns.RcodeNameError, aa: true, extra: "OPT",
			check: func(t *testing.T, m *dns.Msg) {
				if !m.Truncated || len(m.Question) != 1 || len(m.Ns) != 0 {
					t.Errorf("TC %v, question %d, authority %d", m.Truncated, len(m.Question), len(m.Ns))
				}
			}},
		{name: "not truncated at 1232", q: q{server: tld, name: "nope.test.", qtype: dns.TypeA, do: true, size: 4096},
			rcode: dns.RcodeNameError, aa: true, ns: "SOA RRSIG(SOA) NSEC3 RRSIG(NSEC3) NSEC3 RRSIG(NSEC3) NSEC3 RRSIG(NSEC3)", extra: "OPT"},
		{name: "fits a 1232 buffer", q: q{server: tld, name: "test.", qtype: dns.TypeDNSKEY, do: true},
			aa: true, answer: "DNSKEY DNSKEY RRSIG(DNSKEY)", extra: "OPT"},
		{name: "no truncation over TCP", q: q{server: tld, name: "test.", qtype: dns.TypeANY, tcp: true},
			aa: true, answer: "NS NS SOA DNSKEY DNSKEY NSEC3PARAM"},
		{name: "CHAOS hostname.bind", q: q{server: root, name: "hostname.bind.", qtype: dns.TypeTXT, class: dns.ClassCHAOS},
			aa: true, answer: "TXT",
			check: func(t *testing.T, m *dns.Msg) {
				if txt := m.Answer[0].(*dns.TXT); txt.Txt[0] != "a1.uy-mvd.root-servers.test" || txt.Hdr.Class != dns.ClassCHAOS {
					t.Errorf("TXT %s", txt)
				}
			}},
		{name: "CHAOS id.server", q: q{server: hosta, name: "id.server.", qtype: dns.TypeTXT, class: dns.ClassCHAOS},
			aa: true, answer: "TXT"},
		{name: "CHAOS version.bind", q: q{server: hosta, name: "version.bind.", qtype: dns.TypeTXT, class: dns.ClassCHAOS},
			aa: true, answer: "TXT",
			check: func(t *testing.T, m *dns.Msg) {
				if txt := m.Answer[0].(*dns.TXT); txt.Txt[0] != "lab-authd 1.0" {
					t.Errorf("TXT %s", txt)
				}
			}},
		{name: "CHAOS unknown name refused", q: q{server: hosta, name: "authors.bind.", qtype: dns.TypeTXT, class: dns.ClassCHAOS},
			rcode: dns.RcodeRefused},
		{name: "AXFR refused", q: q{server: hosta, name: "healthy-unsigned.test.", qtype: dns.TypeAXFR, tcp: true},
			rcode: dns.RcodeRefused},
		{name: "AXFR over UDP refused even when open", q: q{server: "127.53.44.1", name: "ns-axfr-open.test.", qtype: dns.TypeAXFR},
			rcode: dns.RcodeRefused},
		{name: "Lame refuses its own listing", q: q{server: "127.53.41.1", name: "ns-lame.test.", qtype: dns.TypeSOA},
			rcode: dns.RcodeRefused},
		{name: "Recursive answers the root NS set", q: q{server: "127.53.43.1", name: ".", qtype: dns.TypeNS, rd: true},
			answer: "NS NS",
			check: func(t *testing.T, m *dns.Msg) {
				if !m.RecursionAvailable || m.Authoritative {
					t.Errorf("RA %v AA %v, want RA=1 AA=0", m.RecursionAvailable, m.Authoritative)
				}
			}},
		{name: "Recursive follows CNAMEs across zones", q: q{server: "127.53.43.1", name: "apex-cname.test.", qtype: dns.TypeA, rd: true},
			answer: "CNAME A"},
		{name: "Recursive refuses without RD", q: q{server: "127.53.43.1", name: ".", qtype: dns.TypeNS},
			rcode: dns.RcodeRefused},
		{name: "Recursive is authoritative for its zone", q: q{server: "127.53.43.1", name: "ns-recursive.test.", qtype: dns.TypeSOA, rd: true},
			aa: true, answer: "SOA"},
		{name: "EDNSBroken answers FORMERR to EDNS", q: q{server: "127.53.45.1", name: "ns-edns-broken.test.", qtype: dns.TypeSOA, edns: true},
			rcode: dns.RcodeFormatError},
		{name: "EDNSBroken answers plain queries", q: q{server: "127.53.45.1", name: "ns-edns-broken.test.", qtype: dns.TypeSOA},
			aa: true, answer: "SOA"},
		{name: "serial of hosta", q: q{server: hosta, name: "soa-serial-mismatch.test.", qtype: dns.TypeSOA},
			aa: true, answer: "SOA",
			check: func(t *testing.T, m *dns.Msg) {
				if s := m.Answer[0].(*dns.SOA).Serial; s != worlds.Serial {
					t.Errorf("serial %d", s)
				}
			}},
		{name: "serial of hostb", q: q{server: "127.53.20.1", name: "soa-serial-mismatch.test.", qtype: dns.TypeSOA},
			aa: true, answer: "SOA",
			check: func(t *testing.T, m *dns.Msg) {
				if s := m.Answer[0].(*dns.SOA).Serial; s != worlds.Serial+1 {
					t.Errorf("serial %d", s)
				}
			}},
		{name: "child NS set larger than the parent's", q: q{server: "127.53.20.3", name: "delegation-ns-mismatch.test.", qtype: dns.TypeNS},
			aa: true, answer: "NS NS NS"},
		{name: "referral loop server refers sideways", q: q{server: "127.53.94.1", name: "loop-a.test.", qtype: dns.TypeSOA},
			ns: "NS", extra: "A",
			check: func(t *testing.T, m *dns.Msg) {
				if ns := m.Ns[0].(*dns.NS).Ns; ns != "ns1.loop-b.test." {
					t.Errorf("referral to %s", ns)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _, _ := ask(t, w, c.q)
			if m == nil {
				t.Fatal("no reply")
			}
			if m.Id != 4242 || !m.Response {
				t.Errorf("ID %d QR %v", m.Id, m.Response)
			}
			rcode := m.Rcode // Unpack merges the OPT's extended bits
			if rcode != c.rcode {
				t.Errorf("rcode %s, want %s", dns.RcodeToString[rcode], dns.RcodeToString[c.rcode])
			}
			if m.Authoritative != c.aa {
				t.Errorf("AA %v, want %v", m.Authoritative, c.aa)
			}
			if c.check == nil || c.answer != "" || c.ns != "" || c.extra != "" {
				if got := types(m.Answer); got != c.answer {
					t.Errorf("answer %q, want %q\n%s", got, c.answer, m)
				}
				if got := types(m.Ns); got != c.ns {
					t.Errorf("authority %q, want %q\n%s", got, c.ns, m)
				}
				if got := types(m.Extra); got != c.extra && !m.Truncated {
					t.Errorf("additional %q, want %q\n%s", got, c.extra, m)
				}
			}
			if c.check != nil {
				c.check(t, m)
			}
		})
	}
}

// nsecCovers reports whether n proves name absent: owner < name < next.
func nsecCovers(n *dns.NSEC, name string) bool {
	after := dnsname.Compare(n.Hdr.Name, name) < 0
	before := dnsname.Compare(name, n.NextDomain) < 0 || dnsname.Compare(n.NextDomain, n.Hdr.Name) <= 0
	return after && before
}

func TestMalformed(t *testing.T) {
	w := defaultWorld(t)
	s := w.Server(netip.MustParseAddr("127.53.10.1"))
	good, _ := q{name: "healthy-unsigned.test.", qtype: dns.TypeSOA}.msg().Pack()
	twoQ := q{name: "healthy-unsigned.test.", qtype: dns.TypeSOA}.msg()
	twoQ.Question = append(twoQ.Question, twoQ.Question[0])
	twoQWire, _ := twoQ.Pack()
	twoOPT := q{name: "healthy-unsigned.test.", qtype: dns.TypeSOA, edns: true}.msg()
	twoOPT.Extra = append(twoOPT.Extra, twoOPT.Extra[0])
	twoOPTWire, _ := twoOPT.Pack()
	notify := q{name: "healthy-unsigned.test.", qtype: dns.TypeSOA}.msg()
	notify.Opcode = dns.OpcodeNotify
	notifyWire, _ := notify.Pack()
	response := append([]byte(nil), good...)
	response[2] |= 0x80
	cases := []struct {
		name  string
		req   []byte
		drop  bool
		rcode int
	}{
		{name: "empty", req: nil, drop: true},
		{name: "short header", req: good[:7], drop: true},
		{name: "a response", req: response, drop: true},
		{name: "truncated question", req: good[:len(good)-3], rcode: dns.RcodeFormatError},
		{name: "header only claiming a question", req: good[:12], rcode: dns.RcodeFormatError},
		{name: "two questions", req: twoQWire, rcode: dns.RcodeFormatError},
		{name: "two OPT records", req: twoOPTWire, rcode: dns.RcodeFormatError},
		{name: "NOTIFY", req: notifyWire, rcode: dns.RcodeNotImplemented},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wire, act := s.Handle(c.req, observe.UDP)
			if c.drop {
				if !act.Drop || wire != nil {
					t.Fatalf("want the query dropped, got %d bytes, %+v", len(wire), act)
				}
				return
			}
			m := new(dns.Msg)
			if err := m.Unpack(wire); err != nil {
				t.Fatalf("reply does not parse: %v", err)
			}
			if m.Rcode != c.rcode || m.Id != 4242 || !m.Response {
				t.Errorf("rcode %s id %d, want %s", dns.RcodeToString[m.Rcode], m.Id, dns.RcodeToString[c.rcode])
			}
		})
	}
}

func TestAXFR(t *testing.T) {
	w := defaultWorld(t)
	ctx := context.Background()
	open := netip.AddrPortFrom(netip.MustParseAddr("127.53.44.1"), 53)
	req, _ := q{name: "ns-axfr-open.test.", qtype: dns.TypeAXFR}.msg().Pack()
	msgs, err := w.Stream(ctx, open, req, 100, func([]byte) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	var rrs []dns.RR
	for _, b := range msgs {
		m := new(dns.Msg)
		if err := m.Unpack(b); err != nil || m.Rcode != dns.RcodeSuccess || !m.Authoritative {
			t.Fatalf("message %v rcode %d", err, m.Rcode)
		}
		rrs = append(rrs, m.Answer...)
	}
	if len(rrs) < 4 || rrs[0].Header().Rrtype != dns.TypeSOA || rrs[len(rrs)-1].Header().Rrtype != dns.TypeSOA {
		t.Fatalf("transfer %s does not begin and end with the SOA", types(rrs))
	}
	// A large signed zone spans several messages.
	big := w.Zone("test.")
	srv := &engine.Server{Name: "xfr.", Faults: engine.Faults{AXFROpen: true}, Zones: []*authzone.Zone{big}}
	req2, _ := q{name: "test.", qtype: dns.TypeAXFR}.msg().Pack()
	first, act := srv.Handle(req2, observe.TCP)
	if first == nil || len(act.More) == 0 {
		t.Fatalf("a %d-record zone in one message", len(big.Records()))
	}
	n := 0
	for _, b := range append([][]byte{first}, act.More...) {
		m := new(dns.Msg)
		if err := m.Unpack(b); err != nil {
			t.Fatal(err)
		}
		n += len(m.Answer)
	}
	if n != len(big.Records())+1 {
		t.Errorf("%d records transferred, zone has %d (+1 closing SOA)", n, len(big.Records()))
	}
	// Refused by a server that does not allow it.
	closed := netip.AddrPortFrom(netip.MustParseAddr("127.53.10.1"), 53)
	msgs, err = w.Stream(ctx, closed, req, 100, func([]byte) bool { return false })
	if err != nil || len(msgs) != 1 {
		t.Fatalf("%d messages, %v", len(msgs), err)
	}
	m := new(dns.Msg)
	if err := m.Unpack(msgs[0]); err != nil || m.Rcode != dns.RcodeRefused {
		t.Errorf("rcode %d, want REFUSED", m.Rcode)
	}
}

func TestFaults(t *testing.T) {
	w := defaultWorld(t)
	soa := func(name string, edns bool) []byte {
		b, _ := q{name: name, qtype: dns.TypeSOA, edns: edns}.msg().Pack()
		return b
	}
	ap := func(s string) netip.AddrPort { return netip.AddrPortFrom(netip.MustParseAddr(s), 53) }
	cases := []struct {
		name   string
		server string
		t      observe.Transport
		req    []byte
		err    error
		check  func(t *testing.T, resp []byte)
	}{
		{name: "no server", server: "127.53.254.254", t: observe.UDP, req: soa("test.", false), err: transport.ErrTimeout},
		{name: "silent UDP", server: "127.53.40.1", t: observe.UDP, req: soa("ns-unreachable.test.", false), err: transport.ErrTimeout},
		{name: "silent TCP", server: "127.53.40.1", t: observe.TCP, req: soa("ns-unreachable.test.", false), err: transport.ErrTimeout},
		{name: "no TCP", server: "127.53.42.1", t: observe.TCP, req: soa("ns-no-tcp.test.", false), err: transport.ErrRefused},
		{name: "no TCP answers UDP", server: "127.53.42.1", t: observe.UDP, req: soa("ns-no-tcp.test.", false)},
		{name: "wrong ID: a client waits for its own", server: "127.53.90.1", t: observe.UDP, req: soa("hostile-id.test.", false), err: transport.ErrTimeout},
		{name: "garbage", server: "127.53.91.1", t: observe.UDP, req: soa("hostile-garbage.test.", false),
			check: func(t *testing.T, resp []byte) {
				if err := new(dns.Msg).Unpack(resp); err == nil {
					t.Error("garbage parses")
				}
			}},
		{name: "always truncate UDP", server: "127.53.92.1", t: observe.UDP, req: soa("hostile-truncate.test.", false),
			check: func(t *testing.T, resp []byte) {
				m := new(dns.Msg)
				if err := m.Unpack(resp); err != nil || !m.Truncated || len(m.Answer) != 0 {
					t.Errorf("TC %v answer %d err %v", m.Truncated, len(m.Answer), err)
				}
			}},
		{name: "always truncate TCP", server: "127.53.92.1", t: observe.TCP, req: soa("hostile-truncate.test.", false), err: engine.ErrClosed},
		{name: "oversized", server: "127.53.93.1", t: observe.UDP, req: soa("hostile-oversized.test.", false),
			check: func(t *testing.T, resp []byte) {
				if len(resp) < engine.OversizedLen {
					t.Errorf("%d bytes", len(resp))
				}
				if err := new(dns.Msg).Unpack(resp); err != nil {
					t.Errorf("oversized reply does not parse: %v", err)
				}
			}},
		{name: "no DNSSEC: DO echoed, no RRSIG", server: "127.53.48.1", t: observe.UDP, req: dnssecSOA("ns-dnssec-no-signatures.test."),
			check: noRRSIG(true)},
		{name: "no DNSSEC fault off: the other server signs", server: "127.53.10.1", t: observe.UDP, req: dnssecSOA("ns-dnssec-no-signatures.test."),
			check: noRRSIG(false)},
		{name: "oversized is normal over TCP", server: "127.53.93.1", t: observe.TCP, req: soa("hostile-oversized.test.", false),
			check: func(t *testing.T, resp []byte) {
				if len(resp) >= 512 {
					t.Errorf("%d bytes", len(resp))
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, err := w.Exchange(context.Background(), ap(c.server), c.t, c.req)
			if !errors.Is(err, c.err) {
				t.Fatalf("error %v, want %v", err, c.err)
			}
			if c.err == nil && c.check == nil {
				m := new(dns.Msg)
				if err := m.Unpack(resp); err != nil || m.Rcode != dns.RcodeSuccess || !m.Authoritative {
					t.Errorf("reply %v: %v", m, err)
				}
			}
			if c.check != nil {
				c.check(t, resp)
			}
		})
	}

	t.Run("wrong ID on the wire", func(t *testing.T) {
		wire, _ := w.Server(netip.MustParseAddr("127.53.90.1")).Handle(soa("hostile-id.test.", false), observe.UDP)
		m := new(dns.Msg)
		if err := m.Unpack(wire); err != nil || m.Id == 4242 {
			t.Errorf("id %d err %v", m.Id, err)
		}
	})
	t.Run("slow delays", func(t *testing.T) {
		s := w.Server(netip.MustParseAddr("127.53.46.1"))
		if _, act := s.Handle(soa("ns-slow.test.", false), observe.UDP); act.Delay != engine.SlowUDP {
			t.Errorf("UDP delay %v", act.Delay)
		}
		if _, act := s.Handle(soa("ns-slow.test.", false), observe.TCP); act.Delay != engine.SlowTCP {
			t.Errorf("TCP delay %v", act.Delay)
		}
	})
	t.Run("slow honours the context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := w.Exchange(ctx, ap("127.53.46.1"), observe.UDP, soa("ns-slow.test.", false)); !errors.Is(err, transport.ErrTimeout) {
			t.Errorf("error %v", err)
		}
	})
}

// dnssecSOA is a query for name's SOA with the DO bit.
func dnssecSOA(name string) []byte {
	b, _ := q{name: name, qtype: dns.TypeSOA, do: true}.msg().Pack()
	return b
}

// noRRSIG checks an authoritative SOA answer that echoes DO and carries
// RRSIGs, or none when want says so.
func noRRSIG(want bool) func(t *testing.T, resp []byte) {
	return func(t *testing.T, resp []byte) {
		m := new(dns.Msg)
		if err := m.Unpack(resp); err != nil || m.Rcode != dns.RcodeSuccess || len(m.Answer) == 0 {
			t.Fatalf("reply %v: %v", m, err)
		}
		if o := m.IsEdns0(); o == nil || !o.Do() {
			t.Error("DO not echoed")
		}
		sigs := 0
		for _, rr := range m.Answer {
			if rr.Header().Rrtype == dns.TypeRRSIG {
				sigs++
			}
		}
		if (sigs == 0) != want {
			t.Errorf("%d RRSIGs in the answer", sigs)
		}
	}
}

// TestClient runs the observatory's transport.Client over the world: the
// seam others use.
func TestClient(t *testing.T) {
	w := defaultWorld(t)
	c := transport.NewClient(w, transport.Policy{Lab: true}, transport.Options{Retries: -1})
	var log observe.Log
	ctx := context.Background()
	r := c.DoWithFallback(ctx, &log, transport.Request{Purpose: "test", Server: netip.MustParseAddr("127.53.1.1"),
		QName: "nope.test.", QType: dns.TypeA, EDNS: &observe.EDNS{UDPSize: 512, DO: true}})
	if r.Status != observe.StatusOK || r.Transport != observe.TCP || log.Len() != 2 {
		t.Fatalf("status %s transport %s after %d queries", r.Status, r.Transport, log.Len())
	}
	g := c.Do(ctx, &log, transport.Request{Purpose: "test", Server: netip.MustParseAddr("127.53.91.1"), QName: "hostile-garbage.test.", QType: dns.TypeSOA})
	if g.Status != observe.StatusMalformed {
		t.Errorf("garbage status %s", g.Status)
	}
	x := c.AXFR(ctx, &log, "test", netip.MustParseAddr("127.53.44.1"), "ns-axfr-open.test.")
	if x.Status != observe.StatusOK || len(x.Stream) == 0 {
		t.Errorf("AXFR status %s, %d messages", x.Status, len(x.Stream))
	}
	v6 := c.Do(ctx, &log, transport.Request{Purpose: "test", Server: netip.MustParseAddr("::1"), QName: "hosta.test.", QType: dns.TypeSOA})
	if !v6.Answered() || !v6.Msg().Authoritative {
		t.Errorf("::1 status %s", v6.Status)
	}
}

// bigWorld is a one-zone world with an RRset too large for 512 bytes.
func bigWorld(t *testing.T, f engine.Faults) *engine.Server {
	t.Helper()
	w := engine.NewWorld(testNow)
	text := "$TTL 60\n@ SOA ns.big.example. h.big.example. 1 2 3 4 5\n@ NS ns.big.example.\nns A 127.53.200.1\n"
	for i := range 40 {
		text += fmt.Sprintf("big TXT \"record number %d, long enough to fill a packet quickly\"\n", i)
	}
	z, err := w.AddZone("big.example.", text, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &engine.Server{Name: "ns.big.example.", Addrs: []netip.Addr{netip.MustParseAddr("127.53.200.1")}, Faults: f, Zones: []*authzone.Zone{z}}
	if err := w.AddServer(s); err != nil {
		t.Fatal(err)
	}
	if err := w.Build(); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTruncation(t *testing.T) {
	s := bigWorld(t, engine.Faults{})
	cases := []struct {
		name      string
		q         q
		tcp       bool
		truncated bool
	}{
		{name: "no EDNS: 512", q: q{name: "big.big.example.", qtype: dns.TypeTXT}, truncated: true},
		{name: "small name fits 512", q: q{name: "ns.big.example.", qtype: dns.TypeA}},
		{name: "EDNS 4096 is capped at 1232", q: q{name: "big.big.example.", qtype: dns.TypeTXT, size: 4096}, truncated: true},
		{name: "TCP is never truncated", q: q{name: "big.big.example.", qtype: dns.TypeTXT}, tcp: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := c.q.msg().Pack()
			tr := observe.UDP
			if c.tcp {
				tr = observe.TCP
			}
			wire, _ := s.Handle(req, tr)
			m := new(dns.Msg)
			if err := m.Unpack(wire); err != nil {
				t.Fatal(err)
			}
			if m.Truncated != c.truncated {
				t.Errorf("TC %v, want %v (%d bytes)", m.Truncated, c.truncated, len(wire))
			}
			if m.Truncated && (len(m.Answer) != 0 || len(m.Question) != 1) {
				t.Errorf("truncated reply has %d answers", len(m.Answer))
			}
			if !m.Truncated && tr == observe.UDP && len(wire) > 1232 {
				t.Errorf("%d bytes over UDP", len(wire))
			}
			if c.tcp && len(m.Answer) != 40 {
				t.Errorf("%d answers over TCP", len(m.Answer))
			}
		})
	}
}
