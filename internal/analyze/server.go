package analyze

import (
	"encoding/hex"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// RSSAC047 latency thresholds.
const (
	SlowUDP = 250 * time.Millisecond
	SlowTCP = 500 * time.Millisecond
)

// ServerResult is what the probes of one server address for one zone show.
type ServerResult struct {
	Addr netip.Addr `json:"addr"`
	Zone string     `json:"zone"`

	UDP       bool `json:"udp"`       // a well-formed response over UDP
	TCP       bool `json:"tcp"`       // a well-formed response over TCP
	Reachable bool `json:"reachable"` // UDP or TCP
	// Malformed holds the first reason a response was unusable (wrong ID,
	// unparsable, question mismatch), when there was one.
	Malformed string `json:"malformed,omitempty"`

	// NotProbed says why the transport policy refused to query the address
	// (loopback, private or special-purpose outside lab mode, public inside
	// it, or in the do-not-probe list), when every probe was refused.
	NotProbed string `json:"not_probed,omitempty"`

	Authoritative bool   `json:"authoritative"`
	Lame          string `json:"lame,omitempty"` // why not: refused, servfail, not_authoritative, upward_referral, no_soa, ...

	SOASerial *uint32  `json:"soa_serial,omitempty"`
	SOA       *SOA     `json:"soa,omitempty"` // the zone's SOA as this server gives it, when authoritative
	NS        []string `json:"ns,omitempty"`  // the zone's NS set as this server gives it

	RecursionAvailable bool `json:"recursion_available"` // RA bit on its answers
	Recursive          bool `json:"recursive"`           // answered a name outside its zones
	AXFROpen           bool `json:"axfr_open"`
	AXFRTested         bool `json:"axfr_tested"`
	// AXFRZone is the zone the transfer was tried on when it was not this
	// one (scans try it once per server).
	AXFRZone string `json:"axfr_zone,omitempty"`

	EDNS EDNS `json:"edns"`

	NSID          string `json:"nsid,omitempty"`
	Hostname      string `json:"hostname_bind,omitempty"`
	ID            string `json:"id_server,omitempty"`
	Version       string `json:"version_bind,omitempty"`
	VersionServer string `json:"version_server,omitempty"`
	// VersionDisclosed holds the CHAOS names (version.bind, version.server)
	// whose TXT reveals a software version (RevealsVersion).
	VersionDisclosed []string `json:"version_disclosed,omitempty"`

	// WrongSource is the address a UDP answer came from when it was not
	// the one asked (the source probe, from an unconnected socket). Such an
	// answer counts for nothing else: resolvers drop it.
	WrongSource string `json:"wrong_source,omitempty"`
	// QNameCase is how the server failed the mixed-case SOA query: the
	// case of the question not kept, or another answer than to the zone's
	// name as written (nil: passed or not tested).
	QNameCase *Failure `json:"qname_case,omitempty"`
	// AAAA is how the server failed an AAAA query for the zone's apex: no
	// response, an RCODE other than its SOA answer's, an unusable answer
	// (nil: passed or not tested).
	AAAA *Failure `json:"aaaa,omitempty"`
	// UpwardReferral: asked for a name outside its zones (the root's NS), the
	// server referred to the root instead of refusing or answering.
	UpwardReferral bool `json:"upward_referral,omitempty"`

	// RTTUDP and RTTTCP are the round trips of the SOA probes.
	RTTUDP time.Duration `json:"rtt_udp_ns,omitempty"`
	RTTTCP time.Duration `json:"rtt_tcp_ns,omitempty"`
	// MedianUDP and MedianTCP are the medians of the round trips of all
	// the address's answered exchanges in the observations over each
	// transport (every purpose but AXFR, whose time is a transfer's, shared
	// probes included), over SamplesUDP and SamplesTCP exchanges.
	// RSSAC047's thresholds are for medians: SlowUDP and SlowTCP compare
	// them, never a single round trip.
	MedianUDP  time.Duration `json:"rtt_udp_median_ns,omitempty"`
	MedianTCP  time.Duration `json:"rtt_tcp_median_ns,omitempty"`
	SamplesUDP int           `json:"rtt_udp_samples,omitempty"`
	SamplesTCP int           `json:"rtt_tcp_samples,omitempty"`
	SlowUDP    bool          `json:"slow_udp,omitempty"`
	SlowTCP    bool          `json:"slow_tcp,omitempty"`
	// LatencyEvidence are the sequence numbers of the exchanges the
	// medians are taken over.
	LatencyEvidence []int `json:"-"`

	// Evidence maps a probe purpose to the sequence number of its query.
	Evidence map[string]int `json:"evidence,omitempty"`
}

// SOA is the zone's SOA record in one server's authoritative answer: the
// first SOA of the zone in the answer section, and how many there were
// (RFC 1035 §5.2: exactly one). Names are lower case, as the server wrote
// them otherwise (escapes kept: an RNAME's "\." stays).
type SOA struct {
	MName   string `json:"mname"`
	RName   string `json:"rname"`
	Serial  uint32 `json:"serial"`
	Refresh uint32 `json:"refresh"`
	Retry   uint32 `json:"retry"`
	Expire  uint32 `json:"expire"`
	Minimum uint32 `json:"minimum"`
	Count   int    `json:"count"` // SOA records of the zone in the answer
	Seq     int    `json:"seq"`   // the query whose answer it is
}

// EDNS is the outcome of the EDNS probes: each test passed, failed or
// was not run (nil).
type EDNS struct {
	Plain         *bool    `json:"plain,omitempty"`          // answers without EDNS
	EDNS0         *bool    `json:"edns0,omitempty"`          // answers EDNS0 with an OPT
	BadVers       *bool    `json:"badvers,omitempty"`        // BADVERS for an unknown version
	UnknownOption *bool    `json:"unknown_option,omitempty"` // ignores an unknown option
	DO            *bool    `json:"do,omitempty"`             // echoes the DO bit
	Fits1232      *bool    `json:"fits_1232,omitempty"`      // answers fit a 1232-byte buffer (or TC)
	TCPFallback   *bool    `json:"tcp_fallback,omitempty"`   // a truncated answer is served over TCP
	Flags         *bool    `json:"flags,omitempty"`          // ignores an unknown EDNS flag, and clears it in the answer
	TruncOPT      *bool    `json:"trunc_opt,omitempty"`      // a truncated answer to an EDNS query keeps its OPT record
	Failures      []string `json:"failures,omitempty"`       // names of the failed tests
	// Why says how each failed test of Failures failed, when there is more
	// to say than its name (badvers, unknown_option, flags).
	Why map[string]Failure `json:"why,omitempty"`
}

// Failure says how a server failed one test: a reason code and the values
// that show it.
type Failure struct {
	// Reason: rcode (an unexpected RCODE), no_opt (no OPT record), echoed
	// (an unknown option or flag sent back), version (an OPT of another
	// version), no_response, malformed, not_preserved (the case of the
	// question), no_soa (no SOA where the zone's name gets one).
	Reason string `json:"reason"`
	Rcode  string `json:"rcode,omitempty"` // the answer's RCODE
	Want   string `json:"want,omitempty"`  // the RCODE expected, when not the rule's
	Value  string `json:"value,omitempty"` // what was wrong: the flags echoed, the name as answered...
	Asked  string `json:"asked,omitempty"` // the name asked, when the test chose it (mixed case, the apex)
}

func ptr(b bool) *bool { return &b }

// Server derives the ServerResult for server and zone from d's recorded
// queries.
func Server(d *observe.Domain, server netip.Addr, zone string) *ServerResult {
	// Sized for the 16 probe purposes of one address, so the maps do not grow
	// step by step (that growth was 8% of a scan's allocations).
	r := &ServerResult{Addr: server, Zone: zone, Evidence: make(map[string]int, 16)}
	byPurpose := make(map[string]*observe.Query, 16)
	// The SOA answers (EDNS 0) of each zone asked: what the server answers
	// for the zone's own name, against which the probes made for that zone
	// (in a scan, maybe another zone of the server) are read.
	refs := map[string]*observe.Query{}
	var udp, tcp []time.Duration
	for _, q := range d.Queries {
		if q.Server != server {
			continue
		}
		if q.From.IsValid() && q.From != server {
			// Answered from another address: resolvers drop it, so it shows
			// nothing but that.
			if q.Status == observe.StatusOK && r.WrongSource == "" {
				r.WrongSource = q.From.String()
				r.Evidence[q.Purpose] = q.Seq
			}
			continue
		}
		switch q.Purpose {
		case observe.PurposeSOAUDP, observe.PurposeSOATCP, observe.PurposeEDNSDO:
			if q.Answered() && refs[q.Zone] == nil {
				refs[q.Zone] = q
			}
		}
		// StatusOK is a well-formed response (the transport checked it):
		// no need to parse it to count its round trip.
		if q.Purpose != observe.PurposeAXFR && q.Status == observe.StatusOK {
			if q.Transport == observe.TCP {
				tcp = append(tcp, q.RTT)
			} else {
				udp = append(udp, q.RTT)
			}
			r.LatencyEvidence = append(r.LatencyEvidence, q.Seq)
		}
		if !strings.HasPrefix(q.Purpose, "probe.") {
			continue
		}
		// Server-level probes, and in scans the sampled zone-level ones
		// (Shared), may have been made for another zone of the server.
		own := q.Zone == zone
		if !own && !serverLevel(q.Purpose) && !q.Shared {
			continue
		}
		// The own zone's query first; of two for one zone (a scan's own try
		// and the shared one), an answered one.
		if prev, seen := byPurpose[q.Purpose]; !seen || (own && prev.Zone != zone) ||
			(prev.Zone == q.Zone && !prev.Answered() && q.Answered()) {
			byPurpose[q.Purpose] = q
			r.Evidence[q.Purpose] = q.Seq
		}
		if q.Status == observe.StatusMalformed && r.Malformed == "" {
			r.Malformed = q.Error
		}
		if q.Status == observe.StatusPolicy && r.NotProbed == "" {
			r.NotProbed = q.Error
			if r.NotProbed == "" {
				r.NotProbed = string(observe.StatusPolicy)
			}
		}
		if q.Answered() {
			if q.Transport == observe.UDP {
				r.UDP = true
			} else {
				r.TCP = true
			}
			if m := q.Msg(); m.RecursionAvailable {
				r.RecursionAvailable = true
			}
		}
	}
	r.Reachable = r.UDP || r.TCP
	if r.Reachable {
		r.NotProbed = ""
	}

	// Authority: the SOA over UDP with EDNS, or without when EDNS fails.
	soa := byPurpose[observe.PurposeSOAUDP]
	if soa == nil || !soa.Answered() || soa.Rcode() == dns.RcodeFormatError {
		if p := byPurpose[observe.PurposeEDNSPlain]; p != nil && p.Answered() {
			soa = p
		}
	}
	if soa == nil || !soa.Answered() {
		if t := byPurpose[observe.PurposeSOATCP]; t != nil && t.Answered() {
			soa = t
		}
	}
	if soa != nil && soa.Answered() {
		r.Authoritative, r.Lame, r.SOA = authority(soa.Msg(), zone)
		if r.SOA != nil {
			r.SOA.Seq = soa.Seq
			serial := r.SOA.Serial
			r.SOASerial = &serial
		}
	} else if r.NotProbed != "" {
		r.Lame = "not_probed"
	} else {
		r.Lame = "no_response"
	}
	if q := byPurpose[observe.PurposeSOAUDP]; q != nil && q.Answered() {
		r.RTTUDP = q.RTT
	}
	if q := byPurpose[observe.PurposeSOATCP]; q != nil && q.Answered() {
		r.RTTTCP = q.RTT
	}
	r.MedianUDP, r.SamplesUDP = Median(udp), len(udp)
	r.MedianTCP, r.SamplesTCP = Median(tcp), len(tcp)
	r.SlowUDP = len(udp) > 0 && r.MedianUDP > SlowUDP
	r.SlowTCP = len(tcp) > 0 && r.MedianTCP > SlowTCP
	if q := byPurpose[observe.PurposeNS]; q != nil && q.Answered() && q.Msg().Authoritative {
		for _, rr := range q.Msg().Answer {
			if ns, ok := rr.(*dns.NS); ok && strings.EqualFold(ns.Hdr.Name, zone) {
				r.NS = append(r.NS, strings.ToLower(ns.Ns))
			}
		}
	}
	if q := byPurpose[observe.PurposeRecursion]; q != nil && q.Answered() {
		m := q.Msg()
		r.Recursive = m.Rcode == dns.RcodeSuccess && m.RecursionAvailable && !m.Authoritative && len(m.Answer) > 0
	}
	if q := byPurpose[observe.PurposeAXFR]; q != nil {
		r.AXFRTested = true
		r.AXFROpen = axfrOpen(q)
		if q.Zone != zone {
			r.AXFRZone = q.Zone
		}
	}
	r.EDNS = ednsResult(byPurpose, refs)
	r.QNameCase = qnameCase(byPurpose[observe.PurposeQNameCase], refs)
	r.AAAA = aaaa(byPurpose[observe.PurposeAAAA], refs)
	r.UpwardReferral = upwardReferral(byPurpose[observe.PurposeRecursion])
	r.NSID = nsid(byPurpose[observe.PurposeNSID])
	r.Hostname = chaosTXT(byPurpose[observe.PurposeChaosHost])
	r.ID = chaosTXT(byPurpose[observe.PurposeChaosID])
	r.Version = chaosTXT(byPurpose[observe.PurposeChaosVer])
	r.VersionServer = chaosTXT(byPurpose[observe.PurposeChaosVerS])
	for _, v := range []struct{ name, txt string }{{"version.bind", r.Version}, {"version.server", r.VersionServer}} {
		if RevealsVersion(v.txt) {
			r.VersionDisclosed = append(r.VersionDisclosed, v.name)
		}
	}
	return r
}

// Median returns the median of ds (the mean of the two middle values when
// their number is even), 0 when there are none. ds is reordered.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	n := len(ds)
	if n%2 == 1 {
		return ds[n/2]
	}
	return (ds[n/2-1] + ds[n/2]) / 2
}

func serverLevel(purpose string) bool {
	switch purpose {
	case observe.PurposeEDNSPlain, observe.PurposeEDNSVer, observe.PurposeEDNSOpt, observe.PurposeNSID,
		observe.PurposeRecursion, observe.PurposeChaosHost, observe.PurposeChaosID, observe.PurposeChaosVer,
		observe.PurposeChaosVerS, observe.PurposeEDNSFlags, observe.PurposeQNameCase, observe.PurposeAAAA,
		observe.PurposeSource:
		return true
	}
	return false
}

// authority judges one SOA response: authoritative with the zone's SOA, or
// lame and why.
func authority(m *dns.Msg, zone string) (bool, string, *SOA) {
	switch m.Rcode {
	case dns.RcodeSuccess:
	case dns.RcodeRefused:
		return false, "refused", nil
	case dns.RcodeServerFailure:
		return false, "servfail", nil
	case dns.RcodeNameError:
		return false, "nxdomain", nil
	default:
		return false, strings.ToLower(dns.RcodeToString[m.Rcode]), nil
	}
	if !m.Authoritative {
		for _, rr := range m.Ns {
			if ns, ok := rr.(*dns.NS); ok && !dns.IsSubDomain(zone, ns.Hdr.Name) {
				return false, "upward_referral", nil
			}
		}
		return false, "not_authoritative", nil
	}
	var soa *SOA
	for _, rr := range m.Answer {
		s, ok := rr.(*dns.SOA)
		if !ok || !strings.EqualFold(s.Hdr.Name, zone) {
			continue
		}
		if soa == nil {
			soa = &SOA{MName: strings.ToLower(s.Ns), RName: strings.ToLower(s.Mbox), Serial: s.Serial,
				Refresh: s.Refresh, Retry: s.Retry, Expire: s.Expire, Minimum: s.Minttl}
		}
		soa.Count++
	}
	if soa == nil {
		return false, "no_soa", nil
	}
	return true, "", soa
}

func axfrOpen(q *observe.Query) bool {
	if q.Status != observe.StatusOK {
		return false
	}
	records := 0
	for _, b := range q.Stream {
		m := new(dns.Msg)
		if m.Unpack(b) != nil || m.Rcode != dns.RcodeSuccess {
			return false
		}
		records += len(m.Answer)
	}
	// A transfer starts with the SOA and carries more than it.
	m := q.Msg()
	return m != nil && len(m.Answer) > 0 && m.Answer[0].Header().Rrtype == dns.TypeSOA && records > 1
}

func ednsResult(p map[string]*observe.Query, refs map[string]*observe.Query) EDNS {
	var e EDNS
	set := func(name string, field **bool, ok bool) {
		*field = ptr(ok)
		if !ok {
			e.Failures = append(e.Failures, name)
		}
	}
	why := func(name string, f Failure) {
		if e.Why == nil {
			e.Why = map[string]Failure{}
		}
		e.Why[name] = f
	}
	if q := p[observe.PurposeEDNSPlain]; q != nil && q.Status != observe.StatusPolicy {
		set("plain", &e.Plain, q.Answered() && q.Rcode() != dns.RcodeFormatError)
	}
	if q := p[observe.PurposeSOAUDP]; q != nil && q.Answered() {
		m := q.Msg()
		set("edns0", &e.EDNS0, m.Rcode != dns.RcodeFormatError && m.IsEdns0() != nil && m.IsEdns0().Version() == 0)
	}
	if q := p[observe.PurposeEDNSVer]; q != nil && q.Answered() {
		m := q.Msg()
		opt := m.IsEdns0()
		ok := opt != nil && q.Rcode() == dns.RcodeBadVers && opt.Version() == 0
		set("badvers", &e.BadVers, ok)
		switch {
		case ok:
		case opt == nil:
			why("badvers", Failure{Reason: "no_opt", Rcode: rcodeName(q.Rcode())})
		case q.Rcode() == dns.RcodeBadVers:
			why("badvers", Failure{Reason: "version", Rcode: rcodeName(q.Rcode()), Value: strconv.Itoa(int(opt.Version()))})
		default:
			why("badvers", Failure{Reason: "rcode", Rcode: rcodeName(q.Rcode())})
		}
	}
	// An unknown option or flag must change nothing: the answer is the
	// one the zone's name gets with plain EDNS 0 (NOERROR when unknown).
	if q := p[observe.PurposeEDNSOpt]; q != nil && q.Answered() {
		f, failed := unknownEDNS(q, refs[q.Zone], func(opt *dns.OPT) string {
			for _, o := range opt.Option {
				if o.Option() == observe.ProbeUnknownOption {
					return strconv.Itoa(observe.ProbeUnknownOption) // echoed an option it cannot know
				}
			}
			return ""
		})
		set("unknown_option", &e.UnknownOption, !failed)
		if failed {
			why("unknown_option", f)
		}
	}
	if q := p[observe.PurposeEDNSFlags]; q != nil && q.Answered() {
		f, failed := unknownEDNS(q, refs[q.Zone], func(opt *dns.OPT) string {
			if z := opt.Z(); z != 0 {
				return fmt.Sprintf("0x%04x", z)
			}
			return ""
		})
		set("flags", &e.Flags, !failed)
		if failed {
			why("flags", f)
		}
	}
	if q := p[observe.PurposeEDNSDO]; q != nil && q.Answered() {
		opt := q.Msg().IsEdns0()
		set("do", &e.DO, opt != nil && opt.Do())
	}
	if q := p[observe.PurposeEDNSSize]; q != nil && q.Answered() {
		set("fits_1232", &e.Fits1232, len(q.Response) <= observe.ProbeBufferSize || q.Msg().Truncated)
	}
	if q := p[observe.PurposeTruncUDP]; q != nil && q.Answered() && q.EDNS != nil && q.Msg().Truncated {
		set("trunc_opt", &e.TruncOPT, q.Msg().IsEdns0() != nil)
	}
	if q := p[observe.PurposeTruncTCP]; q != nil {
		set("tcp_fallback", &e.TCPFallback, q.Answered() && q.Rcode() == dns.RcodeSuccess)
	}
	return e
}

// unknownEDNS reads the answer q to a query carrying something unknown
// (an option, a flag): it fails without an OPT record, with another RCODE
// than ref's (the zone's SOA with plain EDNS; NOERROR without one), or
// when echoed finds the unknown thing sent back.
func unknownEDNS(q, ref *observe.Query, echoed func(*dns.OPT) string) (Failure, bool) {
	want := dns.RcodeSuccess
	if ref != nil && ref.Answered() {
		want = ref.Rcode()
	}
	opt := q.Msg().IsEdns0()
	switch {
	case q.Rcode() != want:
		f := Failure{Reason: "rcode", Rcode: rcodeName(q.Rcode())}
		if want != dns.RcodeSuccess {
			f.Want = rcodeName(want)
		}
		return f, true
	case opt == nil:
		return Failure{Reason: "no_opt", Rcode: rcodeName(q.Rcode())}, true
	}
	if v := echoed(opt); v != "" {
		return Failure{Reason: "echoed", Value: v}, true
	}
	return Failure{}, false
}

func rcodeName(rc int) string {
	if s, ok := dns.RcodeToString[rc]; ok {
		return s
	}
	return "RCODE" + strconv.Itoa(rc)
}

// qnameCase reads the mixed-case SOA query q: the question must come back
// as sent, and the answer must be the one the zone's name gets (ref).
func qnameCase(q *observe.Query, refs map[string]*observe.Query) *Failure {
	if q == nil {
		return nil
	}
	ref := refs[q.Zone]
	if ref == nil || !ref.Answered() {
		return nil // nothing to compare with
	}
	if !q.Answered() {
		if q.Status == observe.StatusTimeout && q.Error != observe.NotSent {
			return &Failure{Reason: "no_response", Asked: q.QName}
		}
		return nil
	}
	m, rm := q.Msg(), ref.Msg()
	if len(m.Question) == 1 && m.Question[0].Name != q.QName {
		return &Failure{Reason: "not_preserved", Value: m.Question[0].Name, Asked: q.QName}
	}
	if m.Rcode != rm.Rcode {
		return &Failure{Reason: "rcode", Rcode: rcodeName(q.Rcode()), Want: rcodeName(ref.Rcode()), Asked: q.QName}
	}
	if hasSOA(rm, q.Zone) && !hasSOA(m, q.Zone) {
		return &Failure{Reason: "no_soa", Asked: q.QName}
	}
	return nil
}

func hasSOA(m *dns.Msg, zone string) bool {
	for _, rr := range m.Answer {
		if s, ok := rr.(*dns.SOA); ok && strings.EqualFold(s.Hdr.Name, zone) {
			return true
		}
	}
	return false
}

// aaaa reads the AAAA query q for the zone's apex: a server that answers
// the zone's SOA must answer it, with the same RCODE (NOERROR, with or
// without addresses).
func aaaa(q *observe.Query, refs map[string]*observe.Query) *Failure {
	if q == nil {
		return nil
	}
	ref := refs[q.Zone]
	if ref == nil || !ref.Answered() {
		return nil
	}
	switch {
	case q.Status == observe.StatusMalformed:
		return &Failure{Reason: "malformed", Asked: q.QName}
	case q.Status == observe.StatusTimeout && q.Error != observe.NotSent:
		return &Failure{Reason: "no_response", Asked: q.QName}
	case !q.Answered():
		return nil
	case q.Rcode() != ref.Rcode():
		return &Failure{Reason: "rcode", Rcode: rcodeName(q.Rcode()), Want: rcodeName(ref.Rcode()), Asked: q.QName}
	}
	return nil
}

// upwardReferral reads the answer to the root's NS asked of a server
// (the recursion probe): not authoritative, no answer, and NS records in
// the authority section at the name asked or above it (Zonemaster
// nameserver07; DNS-OARC, "Upward referrals considered harmful").
func upwardReferral(q *observe.Query) bool {
	if q == nil || !q.Answered() {
		return false
	}
	m := q.Msg()
	if m.Rcode != dns.RcodeSuccess || m.Authoritative || len(m.Answer) > 0 {
		return false
	}
	for _, rr := range m.Ns {
		if ns, ok := rr.(*dns.NS); ok && dns.IsSubDomain(ns.Hdr.Name, q.QName) {
			return true
		}
	}
	return false
}

// RevealsVersion reports whether a CHAOS version string gives a software
// version away: it has a digit ("9.18.24", "NSD 4.8.0", "lab-authd 1.0").
// Blank and placeholder strings ("none", "unknown", "[secured]") do not.
func RevealsVersion(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

func nsid(q *observe.Query) string {
	if q == nil || !q.Answered() {
		return ""
	}
	opt := q.Msg().IsEdns0()
	if opt == nil {
		return ""
	}
	for _, o := range opt.Option {
		if n, ok := o.(*dns.EDNS0_NSID); ok {
			if b, err := hex.DecodeString(n.Nsid); err == nil && printable(b) {
				return string(b)
			}
			return n.Nsid
		}
	}
	return ""
}

func printable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return len(b) > 0
}

func chaosTXT(q *observe.Query) string {
	if q == nil || !q.Answered() || q.Msg().Rcode != dns.RcodeSuccess {
		return ""
	}
	for _, rr := range q.Msg().Answer {
		if t, ok := rr.(*dns.TXT); ok {
			return strings.Join(t.Txt, "")
		}
	}
	return ""
}

// ServerLabel names a server address with the NS names that lead to it
// ("ns1.example.org.,ns2.example.org. 192.0.2.1"), or the address alone.
func ServerLabel(d *observe.Domain, a netip.Addr) string {
	var names []string
	for _, ns := range d.Nameservers {
		for _, x := range ns.Addresses {
			if x.Addr == a {
				names = append(names, ns.Name)
			}
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		return a.String()
	}
	return strings.Join(names, ",") + " " + a.String()
}

// doProbes are the probes sent with the DO bit whose positive answers
// show whether a server includes signatures: SOA, NS and DNSKEY.
var doProbes = []string{observe.PurposeEDNSDO, observe.PurposeNS, observe.PurposeEDNSSize, observe.PurposeTruncTCP}

// UnsignedDOAnswers returns the probes of server for zone, sent with the
// DO bit, whose positive answers held the zone's records without any
// RRSIG. Truncated and negative answers show nothing and are skipped, and
// so are probes made for another zone of the server (a scan's shared
// probes): that zone may be unsigned. Whether the zone is signed is for
// the caller to say.
func UnsignedDOAnswers(d *observe.Domain, server netip.Addr, zone string) []*observe.Query {
	var out []*observe.Query
	for _, q := range d.Queries {
		if q.Server != server || !strings.EqualFold(dns.Fqdn(q.Zone), dns.Fqdn(zone)) || !slices.Contains(doProbes, q.Purpose) {
			continue
		}
		if q.EDNS == nil || !q.EDNS.DO || !q.Answered() {
			continue
		}
		m := q.Msg()
		if m == nil || m.Rcode != dns.RcodeSuccess || m.Truncated {
			continue
		}
		records, sigs := 0, 0
		for _, rr := range m.Answer {
			if !strings.EqualFold(dns.Fqdn(rr.Header().Name), dns.Fqdn(zone)) {
				continue
			}
			if rr.Header().Rrtype == dns.TypeRRSIG {
				sigs++
			} else {
				records++
			}
		}
		if records > 0 && sigs == 0 {
			out = append(out, q)
		}
	}
	return out
}
