package engine

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// ErrClosed is what the in-memory exchanger returns when a server closes a
// TCP connection without replying (the AlwaysTruncate fault).
var ErrClosed = errors.New("lab: connection closed without a reply")

// Scenario is one domain of the world built to show one condition.
type Scenario struct {
	Domain    string   `json:"domain"`
	Expect    []string `json:"expect"`              // check IDs that must fire (others may too)
	Control   bool     `json:"control,omitempty"`   // a healthy control: no finding of severity error or worse
	Condition string   `json:"condition,omitempty"` // what is wrong with it, in English
}

// Input reports whether dnsobs takes the scenario's domain as input
// (dnsname.Normalize accepts it). A scenario whose name it refuses exists
// for a check of names that reach the analysis another way
// (DOMAIN_NAME_SYNTAX): internal/labcheck collects it directly, and the
// commands, scans and interop tests that feed names to dnsobs leave it out.
func (s Scenario) Input() bool {
	_, err := dnsname.Normalize(s.Domain)
	return err == nil
}

// World is a simulated DNS: servers by address, the zones they serve, the
// networks the addresses belong to. Build it with NewWorld, AddZone,
// AddServer and Build (or take Default). Once built it is read-only and
// safe for concurrent use; it is a transport.Exchanger.
type World struct {
	now       time.Time
	keys      *authzone.Keyring
	built     bool
	zones     []*authzone.Zone          // every zone version, in the order added
	added     map[*authzone.Zone]bool   // the zones of w.zones
	versions  map[string]int            // zones added per origin
	canonical map[string]*authzone.Zone // the first zone added for each origin
	servers   []*Server
	byAddr    map[netip.Addr]*Server
	networks  []geo.Network
	scenarios []Scenario
	hostile   []string
}

var _ transport.Exchanger = (*World)(nil)

// NewWorld returns an empty world whose signatures are made relative to now.
func NewWorld(now time.Time) *World {
	return &World{now: now, keys: authzone.NewKeyring(), added: map[*authzone.Zone]bool{}, versions: map[string]int{},
		canonical: map[string]*authzone.Zone{}, byAddr: map[netip.Addr]*Server{}}
}

// Now is the time the world's signatures are relative to.
func (w *World) Now() time.Time { return w.now }

// AddZone parses zone text for origin and adds it to the world. The first
// zone added for an origin is the canonical one: its DS goes to the parent
// and recursive servers answer from it. Later ones are other versions
// (different serials, hostile copies) that only the servers given them
// serve.
func (w *World) AddZone(origin, text string, spec *authzone.SignSpec) (*authzone.Zone, error) {
	if w.built {
		return nil, errors.New("lab: the world is already built")
	}
	z, err := authzone.Parse(origin, text, spec)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(z.Origin, ".")
	if base == "" {
		base = "root"
	}
	w.versions[z.Origin]++
	if n := w.versions[z.Origin]; n > 1 {
		z.File = fmt.Sprintf("%s-%d", base, n)
	} else {
		z.File = base
		w.canonical[z.Origin] = z
	}
	w.zones = append(w.zones, z)
	w.added[z] = true
	return z, nil
}

// AddServer adds s. Its addresses must be new to the world and its zones
// added with AddZone.
func (w *World) AddServer(s *Server) error {
	if w.built {
		return errors.New("lab: the world is already built")
	}
	if len(s.Addrs) == 0 {
		return fmt.Errorf("lab: server %s has no address", s.Name)
	}
	for i, a := range s.Addrs {
		a = a.Unmap()
		s.Addrs[i] = a
		if !a.IsValid() {
			return fmt.Errorf("lab: server %s has an invalid address", s.Name)
		}
		if o := w.byAddr[a]; o != nil {
			return fmt.Errorf("lab: address %s of server %s is already used by %s", a, s.Name, o.Name)
		}
	}
	origins := map[string]bool{}
	for _, z := range s.Zones {
		if !w.added[z] {
			return fmt.Errorf("lab: server %s serves zone %s, which was not added to the world", s.Name, z.Origin)
		}
		if origins[z.Origin] {
			return fmt.Errorf("lab: server %s serves two versions of zone %s", s.Name, z.Origin)
		}
		origins[z.Origin] = true
	}
	for _, a := range s.Addrs {
		w.byAddr[a] = s
	}
	s.world = w
	w.servers = append(w.servers, s)
	return nil
}

// AddNetwork records which AS and country a prefix belongs to.
func (w *World) AddNetwork(n geo.Network) { w.networks = append(w.networks, n) }

// Build signs the zones, deepest first, giving every parent the DS records
// of its signed children, and makes the world read-only.
func (w *World) Build() error {
	if w.built {
		return errors.New("lab: the world is already built")
	}
	order := append([]*authzone.Zone(nil), w.zones...)
	sort.SliceStable(order, func(i, j int) bool {
		return dns.CountLabel(order[i].Origin) > dns.CountLabel(order[j].Origin)
	})
	for _, z := range order {
		for _, c := range z.Cuts() {
			child := w.canonical[c]
			if child == nil || len(child.DS()) == 0 || len(z.RRset(c, dns.TypeDS)) > 0 {
				continue
			}
			z.AddDS(child.DS()...)
		}
		if err := z.Sign(w.keys, w.now); err != nil {
			return err
		}
	}
	w.built = true
	return nil
}

// Servers returns the world's servers, in the order added.
func (w *World) Servers() []*Server { return append([]*Server(nil), w.servers...) }

// Server returns the server at addr, or nil.
func (w *World) Server(addr netip.Addr) *Server { return w.byAddr[addr.Unmap()] }

// Zones returns every zone of the world, versions included, in the order added.
func (w *World) Zones() []*authzone.Zone { return append([]*authzone.Zone(nil), w.zones...) }

// authzone.Zone returns the canonical zone for origin, or nil.
func (w *World) Zone(origin string) *authzone.Zone { return w.canonical[dns.CanonicalName(origin)] }

// Networks returns the address plan: which AS and country each prefix of
// the world belongs to.
func (w *World) Networks() []geo.Network { return append([]geo.Network(nil), w.networks...) }

// AddScenario records a scenario domain of the world.
func (w *World) AddScenario(s Scenario) { w.scenarios = append(w.scenarios, s) }

// AddHostile records domains built to attack a resolver or prober.
func (w *World) AddHostile(domains ...string) { w.hostile = append(w.hostile, domains...) }

// Scenarios returns the scenario domains, healthy controls included.
func (w *World) Scenarios() []Scenario { return append([]Scenario(nil), w.scenarios...) }

// Hostile returns the domains built to attack a resolver or prober (wrong
// IDs, garbage, truncation, oversized replies, loops). They are not in
// Scenarios.
func (w *World) Hostile() []string { return append([]string(nil), w.hostile...) }

// Hints returns the root hints as zone text: the root zone's NS records and
// the addresses of their names.
func (w *World) Hints() string {
	root := w.canonical["."]
	if root == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("; root hints of the lab world\n")
	for _, rr := range root.RRset(".", dns.TypeNS) {
		ns := rr.(*dns.NS).Ns
		fmt.Fprintf(&b, ".\t3600000\tIN\tNS\t%s\n", ns)
		for _, a := range w.addressesOf(ns) {
			t := "A"
			if a.Is6() {
				t = "AAAA"
			}
			fmt.Fprintf(&b, "%s\t3600000\tIN\t%s\t%s\n", ns, t, a)
		}
	}
	return b.String()
}

// addressesOf looks name's A and AAAA records up in the canonical zones,
// glue included.
func (w *World) addressesOf(name string) []netip.Addr {
	name = dns.CanonicalName(name)
	var out []netip.Addr
	seen := map[netip.Addr]bool{}
	for _, z := range w.zones {
		if w.canonical[z.Origin] != z || !dns.IsSubDomain(z.Origin, name) {
			continue
		}
		for _, rr := range append(append([]dns.RR(nil), z.RRset(name, dns.TypeA)...), z.RRset(name, dns.TypeAAAA)...) {
			if a := authzone.Addr(rr); a.IsValid() && !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// TrustAnchor returns the DS of the root's KSK as zone text.
func (w *World) TrustAnchor() string {
	root := w.canonical["."]
	if root == nil || len(root.DS()) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("; trust anchor of the lab world: the DS of its root KSK\n")
	for _, ds := range root.DS() {
		b.WriteString(ds.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// authority returns the deepest canonical zone that name is in.
func (w *World) authority(name string) *authzone.Zone {
	for n := name; ; n = dnsname.Parent(n) {
		if z := w.canonical[n]; z != nil {
			return z
		}
		if n == "." {
			return nil
		}
	}
}

// recurse answers for a server with the Recursive fault, as an open
// resolver would: from the deepest zone of the whole world, following
// CNAMEs across zones, RA=1 and AA=0.
func (w *World) recurse(m *dns.Msg, name string, qtype uint16, do bool) {
	m.RecursionAvailable = true
	m.Authoritative = false
	seen := map[string]bool{}
	for range authzone.MaxChase {
		seen[name] = true
		z := w.authority(name)
		if z == nil {
			m.Rcode = dns.RcodeServerFailure
			return
		}
		res := z.Lookup(name, qtype, do)
		if res.Referral {
			m.Rcode = dns.RcodeServerFailure
			return
		}
		m.Rcode = res.Rcode
		m.Answer = append(m.Answer, res.Answer...)
		if res.Rcode != dns.RcodeSuccess || len(res.Answer) == 0 {
			m.Ns = res.Ns
			return
		}
		var last dns.RR
		for _, rr := range res.Answer {
			if rr.Header().Rrtype != dns.TypeRRSIG {
				last = rr
			}
		}
		c, ok := last.(*dns.CNAME)
		if !ok || qtype == dns.TypeCNAME || qtype == dns.TypeANY {
			return
		}
		target := dns.CanonicalName(c.Target)
		if seen[target] {
			return
		}
		name = target
	}
}

// upward answers as a server with the UpwardReferral fault does for a name
// outside its zones: a referral to the root (NOERROR, AA=0, the root's NS
// set in the authority section).
func (w *World) upward(m *dns.Msg) {
	m.Authoritative = false
	if root := w.Zone("."); root != nil {
		m.Ns = root.Lookup(".", dns.TypeNS, false).Answer
	}
}

// Exchange implements transport.Exchanger in memory. The port is ignored.
// An address without a server, a Silent server and a reply with the wrong
// ID (which a real client keeps waiting past) all give
// transport.ErrTimeout at once; the Slow fault's delay is really waited.
func (w *World) Exchange(ctx context.Context, server netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	if t != observe.UDP && t != observe.TCP {
		return nil, fmt.Errorf("lab: unknown transport %q", t)
	}
	if len(req) < 2 {
		return nil, errors.New("lab: short request")
	}
	if s := w.byAddr[server.Addr().Unmap()]; s != nil && s.Faults.WrongSource && t == observe.UDP {
		// The reply comes from another address: a connected socket, which
		// is what Exchange stands for, never sees it.
		return nil, transport.ErrTimeout
	}
	resp, _, err := w.handle(ctx, server, t, req)
	if err != nil {
		return nil, err
	}
	if len(resp) < 2 || binary.BigEndian.Uint16(resp) != binary.BigEndian.Uint16(req) {
		return nil, transport.ErrTimeout
	}
	return resp, nil
}

// ExchangeFrom implements transport.SourceExchanger in memory: a UDP
// query answered from whatever address the server answers from
// (WrongSourceAddr for the WrongSource fault).
func (w *World) ExchangeFrom(ctx context.Context, server netip.AddrPort, req []byte) ([]byte, netip.AddrPort, error) {
	if len(req) < 2 {
		return nil, netip.AddrPort{}, errors.New("lab: short request")
	}
	resp, _, err := w.handle(ctx, server, observe.UDP, req)
	if err != nil {
		return nil, netip.AddrPort{}, err
	}
	if len(resp) < 2 || binary.BigEndian.Uint16(resp) != binary.BigEndian.Uint16(req) {
		return nil, netip.AddrPort{}, transport.ErrTimeout
	}
	from := server
	if s := w.byAddr[server.Addr().Unmap()]; s != nil && s.Faults.WrongSource {
		from = netip.AddrPortFrom(WrongSourceAddr(server.Addr()), server.Port())
	}
	return resp, from, nil
}

var _ transport.SourceExchanger = (*World)(nil)

// handle gives req to the server at addr as if it came over t, and says
// what a client would see: the reply and its action, or the error.
func (w *World) handle(ctx context.Context, addr netip.AddrPort, t observe.Transport, req []byte) ([]byte, Action, error) {
	s := w.byAddr[addr.Addr().Unmap()]
	if s == nil || ctx.Err() != nil {
		return nil, Action{}, transport.ErrTimeout
	}
	if t == observe.TCP && s.Faults.NoTCP {
		return nil, Action{}, transport.ErrRefused
	}
	resp, act := s.Handle(req, t)
	if act.Drop || act.Wait(ctx) != nil {
		return nil, act, transport.ErrTimeout
	}
	if act.Close || len(resp) == 0 {
		return nil, act, ErrClosed
	}
	return resp, act, nil
}

// Stream implements transport.Exchanger in memory (zone transfers).
func (w *World) Stream(ctx context.Context, server netip.AddrPort, req []byte, max int, done func(msg []byte) bool) ([][]byte, error) {
	resp, act, err := w.handle(ctx, server, observe.TCP, req)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, msg := range append([][]byte{resp}, act.More...) {
		if len(out) >= max {
			break
		}
		out = append(out, msg)
		if done(msg) {
			break
		}
	}
	return out, nil
}

// Lookup returns what the world's address plan says of a: the AS and
// country of the most specific network holding it, and its covering /24
// (IPv4) or /48 (IPv6). It lets the collector use the lab's plan without
// an MMDB file.
func (w *World) Lookup(a netip.Addr) observe.Geo {
	a = a.Unmap()
	bits := 48
	if a.Is4() {
		bits = 24
	}
	p, _ := a.Prefix(bits)
	g := observe.Geo{Prefix: p.String()}
	best := -1
	for _, n := range w.networks {
		if n.Prefix.Contains(a) && n.Prefix.Bits() > best {
			best = n.Prefix.Bits()
			g.ASN, g.ASOrg, g.Country = n.ASN, n.Org, n.Country
		}
	}
	return g
}
