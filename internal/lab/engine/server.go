package engine

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Engine parameters.
const (
	BufferSize   = 1232                   // the UDP buffer size servers advertise (DNS Flag Day 2020)
	SlowUDP      = 300 * time.Millisecond // the Slow fault's delay over UDP (RSSAC047 threshold: 250 ms)
	SlowTCP      = 600 * time.Millisecond // the Slow fault's delay over TCP (RSSAC047 threshold: 500 ms)
	OversizedLen = 4000                   // the Oversized fault's minimum reply size
	axfrChunk    = 100                    // records per AXFR message
)

// Faults are the ways a server misbehaves. The zero value is a healthy
// authoritative-only server.
type Faults struct {
	Silent         bool `json:"silent,omitempty"`          // never answers
	NoTCP          bool `json:"no_tcp,omitempty"`          // TCP connections refused
	Lame           bool `json:"lame,omitempty"`            // REFUSED to every IN query: listed as NS for zones it does not serve
	Recursive      bool `json:"recursive,omitempty"`       // RD=1 queries outside its zones answered from the whole world, RA=1
	AXFROpen       bool `json:"axfr_open,omitempty"`       // zone transfers over TCP to anyone
	EDNSBroken     bool `json:"edns_broken,omitempty"`     // FORMERR to any query with an OPT record
	Slow           bool `json:"slow,omitempty"`            // every answer delayed SlowUDP or SlowTCP
	WrongID        bool `json:"wrong_id,omitempty"`        // replies carry another ID than the query's
	Garbage        bool `json:"garbage,omitempty"`         // replies are random bytes (with the query's ID)
	AlwaysTruncate bool `json:"always_truncate,omitempty"` // TC=1 on UDP, the connection closed without a reply on TCP
	Oversized      bool `json:"oversized,omitempty"`       // UDP replies of OversizedLen bytes or more, whatever the buffer
	NoDNSSEC       bool `json:"no_dnssec,omitempty"`       // answers DO queries (echoing DO) as if DO were unset: no RRSIG, NSEC or NSEC3

	NoBadVers      bool `json:"no_badvers,omitempty"`      // an unknown EDNS version answered as version 0, not BADVERS
	EchoOption     bool `json:"echo_option,omitempty"`     // unknown EDNS options copied into the reply's OPT record
	EchoFlags      bool `json:"echo_flags,omitempty"`      // the query's unknown EDNS flags (Z bits) copied into the reply
	TruncNoOPT     bool `json:"trunc_no_opt,omitempty"`    // a truncated UDP reply loses its OPT record
	CaseSensitive  bool `json:"case_sensitive,omitempty"`  // a name with an upper-case letter matches no zone: REFUSED
	AAAABroken     bool `json:"aaaa_broken,omitempty"`     // AAAA queries answered NOTIMP
	WrongSource    bool `json:"wrong_source,omitempty"`    // UDP replies sent from WrongSourceAddr, not the address asked
	UpwardReferral bool `json:"upward_referral,omitempty"` // names outside its zones referred to the root (NOERROR, no AA)
	NoSOA          bool `json:"no_soa,omitempty"`          // the SOA of a zone it serves answered AA, NOERROR, with no record
}

// WrongSourceAddr is the address a server with the WrongSource fault
// answers UDP queries to a from: the next address.
func WrongSourceAddr(a netip.Addr) netip.Addr { return a.Unmap().Next() }

// Names lists the faults that are set, by their JSON names.
func (f Faults) Names() []string {
	var out []string
	for _, x := range []struct {
		on   bool
		name string
	}{
		{f.Silent, "silent"}, {f.NoTCP, "no_tcp"}, {f.Lame, "lame"}, {f.Recursive, "recursive"},
		{f.AXFROpen, "axfr_open"}, {f.EDNSBroken, "edns_broken"}, {f.Slow, "slow"},
		{f.WrongID, "wrong_id"}, {f.Garbage, "garbage"}, {f.AlwaysTruncate, "always_truncate"},
		{f.Oversized, "oversized"}, {f.NoDNSSEC, "no_dnssec"},
		{f.Oversized, "oversized"}, {f.NoBadVers, "no_badvers"}, {f.EchoOption, "echo_option"},
		{f.EchoFlags, "echo_flags"}, {f.TruncNoOPT, "trunc_no_opt"}, {f.CaseSensitive, "case_sensitive"},
		{f.AAAABroken, "aaaa_broken"}, {f.WrongSource, "wrong_source"}, {f.UpwardReferral, "upward_referral"},
		{f.NoSOA, "no_soa"},
	} {
		if x.on {
			out = append(out, x.name)
		}
	}
	return out
}

// Action tells the transport what to do with Handle's reply.
type Action struct {
	Drop  bool          // send nothing: the query is ignored
	Close bool          // TCP: close the connection without a reply
	Delay time.Duration // wait this long before replying
	More  [][]byte      // TCP: further messages after the reply (a zone transfer)
}

// Wait waits the action's Delay, or until ctx is done (its error then).
func (a Action) Wait(ctx context.Context) error {
	if a.Delay <= 0 {
		return nil
	}
	t := time.NewTimer(a.Delay)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Server is one authoritative server of the world: its identity, the zones
// it serves and its faults. It may have several addresses (dual stack).
type Server struct {
	Name     string           `json:"name"`  // the NS name that leads to it, e.g. "ns1.hosta.test."
	Addrs    []netip.Addr     `json:"addrs"` // every address it answers on
	NSID     string           `json:"nsid,omitempty"`
	Hostname string           `json:"hostname_bind,omitempty"` // CHAOS hostname.bind and id.server
	Version  string           `json:"version_bind,omitempty"`  // CHAOS version.bind
	Faults   Faults           `json:"faults"`
	Zones    []*authzone.Zone `json:"-"`

	world *World // for the Recursive fault

	indexOnce sync.Once
	byOrigin  map[string]*authzone.Zone // Zones by origin, built at the first query
}

// Handle answers one query in wire format received over t. It never
// panics on hostile input: what cannot be parsed gets FORMERR (or nothing
// when not even the header is there). The Action says whether and when the
// reply is sent.
func (s *Server) Handle(req []byte, t observe.Transport) ([]byte, Action) {
	var act Action
	if s.Faults.Silent {
		return nil, Action{Drop: true}
	}
	if s.Faults.Slow {
		act.Delay = SlowUDP
		if t == observe.TCP {
			act.Delay = SlowTCP
		}
	}
	if len(req) < 12 || req[2]&0x80 != 0 {
		// No header to answer, or a response: never reply to replies.
		return nil, Action{Drop: true}
	}
	if s.Faults.Garbage {
		return garbage(req), act
	}
	if s.Faults.AlwaysTruncate && t == observe.TCP {
		act.Close = true
		return nil, act
	}
	q := new(dns.Msg)
	if err := q.Unpack(req); err != nil {
		return headerReply(req, dns.RcodeFormatError), act
	}
	msgs, clientSize := s.respond(q, t)
	wire := s.pack(msgs[0], t, clientSize)
	for _, m := range msgs[1:] {
		b, err := m.Pack()
		if err != nil {
			break
		}
		act.More = append(act.More, b)
	}
	if s.Faults.WrongID && len(wire) >= 2 {
		binary.BigEndian.PutUint16(wire, binary.BigEndian.Uint16(wire)+1)
	}
	return wire, act
}

// headerReply returns a 12-byte reply to req's header with rcode.
func headerReply(req []byte, rcode int) []byte {
	b := make([]byte, 12)
	copy(b, req[:2])
	b[2] = 0x80 | req[2]&0x79 // QR, opcode and RD copied
	b[3] = byte(rcode & 0x0f)
	return b
}

// garbage returns random bytes that carry the query's ID (so only parsing
// can reject them) and claim 65535 questions (so parsing always does).
func garbage(req []byte) []byte {
	b := make([]byte, 32+rand.IntN(200))
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	copy(b, req[:2])
	b[2] |= 0x80
	b[4], b[5] = 0xff, 0xff
	return b
}

// respond builds the reply (several messages for a zone transfer) and
// returns the client's UDP buffer size (0 without EDNS).
func (s *Server) respond(q *dns.Msg, t observe.Transport) ([]*dns.Msg, int) {
	m := new(dns.Msg)
	m.Id = q.Id
	m.Response = true
	m.Opcode = q.Opcode
	m.RecursionDesired = q.RecursionDesired
	m.CheckingDisabled = q.CheckingDisabled
	m.RecursionAvailable = s.Faults.Recursive
	m.Question = q.Question
	one := func() ([]*dns.Msg, int) { return []*dns.Msg{m}, 0 }

	if q.Opcode != dns.OpcodeQuery {
		m.Rcode = dns.RcodeNotImplemented
		return one()
	}
	var opts []*dns.OPT
	for _, rr := range q.Extra {
		if o, ok := rr.(*dns.OPT); ok {
			opts = append(opts, o)
		}
	}
	if len(q.Question) != 1 || len(opts) > 1 || len(q.Answer) > 0 {
		m.Rcode = dns.RcodeFormatError
		return one()
	}
	clientSize := 0
	var ro *dns.OPT
	do := false
	if len(opts) == 1 {
		opt := opts[0]
		if s.Faults.EDNSBroken || opt.Hdr.Name != "." {
			m.Rcode = dns.RcodeFormatError
			return one()
		}
		clientSize = max(512, int(opt.UDPSize()))
		do = opt.Do()
		ro = &dns.OPT{Hdr: dns.RR_Header{Name: ".", Rrtype: dns.TypeOPT}}
		ro.SetUDPSize(BufferSize)
		if do {
			ro.SetDo()
		}
		for _, o := range opt.Option {
			if o.Option() == dns.EDNS0NSID && s.NSID != "" {
				ro.Option = append(ro.Option, &dns.EDNS0_NSID{Code: dns.EDNS0NSID, Nsid: hex.EncodeToString([]byte(s.NSID))})
				break
			}
		}
		if s.Faults.EchoOption {
			for _, o := range opt.Option {
				if o.Option() != dns.EDNS0NSID {
					ro.Option = append(ro.Option, o)
				}
			}
		}
		if s.Faults.EchoFlags {
			ro.SetZ(opt.Z())
		}
		if opt.Version() != 0 && !s.Faults.NoBadVers {
			m.Rcode = dns.RcodeBadVers
			m.Extra = []dns.RR{ro}
			return []*dns.Msg{m}, clientSize
		}
	}
	msgs := []*dns.Msg{m}
	qq := q.Question[0]
	switch {
	case qq.Qtype == dns.TypeOPT:
		m.Rcode = dns.RcodeFormatError
	case qq.Qclass == dns.ClassCHAOS:
		s.chaos(m, qq)
	case qq.Qclass != dns.ClassINET:
		m.Rcode = dns.RcodeRefused
	case qq.Qtype == dns.TypeAXFR || qq.Qtype == dns.TypeIXFR:
		msgs = s.transfer(m, qq, t)
	default:
		s.query(m, qq, do && !s.Faults.NoDNSSEC)
	}
	if ro != nil {
		for _, x := range msgs {
			x.Extra = append(x.Extra, ro)
		}
	}
	return msgs, clientSize
}

// pack turns m into wire format, truncating UDP replies that exceed the
// client's buffer (512 bytes without EDNS, else min(its size, BufferSize))
// and any reply too long for TCP's 16-bit length.
func (s *Server) pack(m *dns.Msg, t observe.Transport, clientSize int) []byte {
	m.Compress = true
	if t == observe.UDP && s.Faults.AlwaysTruncate {
		truncate(m)
	}
	if t == observe.UDP && s.Faults.Oversized {
		pad(m)
	}
	wire, err := m.Pack()
	if err != nil {
		m.Answer, m.Ns, m.Extra = nil, nil, onlyOPT(m.Extra)
		m.Rcode = dns.RcodeServerFailure
		if wire, err = m.Pack(); err != nil {
			return nil
		}
	}
	limit := 512
	if clientSize > 0 {
		limit = min(clientSize, BufferSize)
	}
	if (t == observe.UDP && !s.Faults.Oversized && len(wire) > limit) || len(wire) > 65535 {
		truncate(m)
		if t == observe.UDP && s.Faults.TruncNoOPT {
			m.Extra = nil
		}
		if w, err := m.Pack(); err == nil {
			wire = w
		}
	}
	return wire
}

// truncate leaves the header (TC=1), the question and the OPT record.
func truncate(m *dns.Msg) {
	m.Truncated = true
	m.Answer, m.Ns, m.Extra = nil, nil, onlyOPT(m.Extra)
}

func onlyOPT(rrs []dns.RR) []dns.RR {
	var out []dns.RR
	for _, rr := range rrs {
		if rr.Header().Rrtype == dns.TypeOPT {
			out = append(out, rr)
		}
	}
	return out
}

// pad adds TXT records to the additional section until the reply is
// larger than OversizedLen.
func pad(m *dns.Msg) {
	owner := "."
	if len(m.Question) == 1 {
		owner = m.Question[0].Name
	}
	chunk := strings.Repeat("x", 250)
	for i := 0; i < 5; i++ {
		m.Extra = append([]dns.RR{&dns.TXT{
			Hdr: dns.RR_Header{Name: owner, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 0},
			Txt: []string{chunk, chunk, chunk, chunk},
		}}, m.Extra...)
	}
}

// chaos answers the identity queries of class CHAOS.
func (s *Server) chaos(m *dns.Msg, q dns.Question) {
	var v string
	switch strings.ToLower(q.Name) {
	case "hostname.bind.", "id.server.":
		v = s.Hostname
	case "version.bind.", "version.server.":
		v = s.Version
	}
	if v == "" || (q.Qtype != dns.TypeTXT && q.Qtype != dns.TypeANY) {
		m.Rcode = dns.RcodeRefused
		return
	}
	m.Authoritative = true
	m.Answer = []dns.RR{&dns.TXT{
		Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeTXT, Class: dns.ClassCHAOS, Ttl: 0},
		Txt: []string{v},
	}}
}

// zone returns the zone of the given origin the server serves, or nil.
// The index is built at the first query: Zones must not change after it.
func (s *Server) zone(origin string) *authzone.Zone {
	s.indexOnce.Do(func() {
		s.byOrigin = make(map[string]*authzone.Zone, len(s.Zones))
		for _, z := range s.Zones {
			if s.byOrigin[z.Origin] == nil {
				s.byOrigin[z.Origin] = z
			}
		}
	})
	return s.byOrigin[origin]
}

// zoneFor returns the most specific zone the server serves for name; for
// DS at the apex of a zone whose parent it also serves, the parent.
func (s *Server) zoneFor(name string, qtype uint16) *authzone.Zone {
	for n := name; ; n = dnsname.Parent(n) {
		z := s.zone(n)
		if z != nil && !(qtype == dns.TypeDS && n == name && n != ".") {
			return z
		}
		if z != nil && n == name {
			// DS at an apex: the parent side, when served here too.
			for p := dnsname.Parent(n); ; p = dnsname.Parent(p) {
				if pz := s.zone(p); pz != nil {
					return pz
				}
				if p == "." {
					return z
				}
			}
		}
		if n == "." {
			return nil
		}
	}
}

// query answers a question of class IN.
func (s *Server) query(m *dns.Msg, q dns.Question, do bool) {
	if s.Faults.Lame || (s.Faults.CaseSensitive && q.Name != strings.ToLower(q.Name)) {
		m.Rcode = dns.RcodeRefused
		return
	}
	if s.Faults.AAAABroken && q.Qtype == dns.TypeAAAA {
		m.Rcode = dns.RcodeNotImplemented
		return
	}
	name := dns.CanonicalName(q.Name)
	z := s.zoneFor(name, q.Qtype)
	if z == nil {
		if s.Faults.Recursive && m.RecursionDesired && s.world != nil {
			s.world.recurse(m, name, q.Qtype, do)
			return
		}
		if s.Faults.UpwardReferral && s.world != nil {
			s.world.upward(m)
			return
		}
		m.Rcode = dns.RcodeRefused
		return
	}
	if s.Faults.NoSOA && q.Qtype == dns.TypeSOA && name == z.Origin {
		m.Authoritative = true
		return
	}
	res := z.Lookup(name, q.Qtype, do)
	m.Authoritative = res.Authoritative
	m.Rcode = res.Rcode
	m.Answer, m.Ns, m.Extra = res.Answer, res.Ns, res.Extra
}

// transfer answers AXFR (and IXFR, with a full transfer) over TCP when the
// server allows it: the zone's records between two copies of its SOA.
func (s *Server) transfer(m *dns.Msg, q dns.Question, t observe.Transport) []*dns.Msg {
	name := dns.CanonicalName(q.Name)
	z := s.zone(name)
	if t != observe.TCP || !s.Faults.AXFROpen || s.Faults.Lame || z == nil {
		m.Rcode = dns.RcodeRefused
		return []*dns.Msg{m}
	}
	records := append(z.Records(), z.SOA())
	var out []*dns.Msg
	for i := 0; i < len(records); i += axfrChunk {
		x := m
		if i > 0 {
			x = new(dns.Msg)
			x.Id, x.Response, x.Opcode = m.Id, true, m.Opcode
			x.Question = m.Question
		}
		x.Authoritative = true
		x.Answer = records[i:min(i+axfrChunk, len(records))]
		out = append(out, x)
	}
	return out
}
