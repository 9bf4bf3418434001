package gen

import (
	"flag"
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// Options say what world to generate. A fraction left at zero takes its
// default; a negative fraction means none.
type Options struct {
	Domains int       // customer domains to generate (1..MaxDomains)
	Seed    int64     // the same seed and options give the same world
	Now     time.Time // signatures are relative to it; zero: the current hour
	TLDs    []string  // the TLDs under the root; nil: ["test."]

	SignedFrac      float64 // domains signed, with DS in their TLD (default 0.10)
	IPv6Frac        float64 // domains with a dual-stack nameserver (default 0.30)
	LameFrac        float64 // domains with a lame nameserver address (default 0.02)
	UnreachableFrac float64 // domains with a nameserver address nothing answers on (default 0.01)
	RecursiveFrac   float64 // domains with a nameserver that offers recursion (default 0.005)
	AXFRFrac        float64 // domains with a nameserver open to zone transfers (default 0.01)
	// SilentFrac is the share of the hosting servers (the big providers'
	// own and the shared platforms' addresses) that drop every packet,
	// neither answering nor refusing (default 0: none).
	SilentFrac float64

	// Profiles, when set, make a world of several TLDs that differ (see
	// Profile and profile.go): the TLDs are the profiles' names, in order,
	// and TLDs must be nil. LAC gives the built-in Latin American one.
	Profiles []Profile
	// Month is how many months the world has drifted since month 0: each
	// profile's signed and IPv6 shares grow by their monthly gains, the
	// domains registered during the first month (Profile.Growth) exist
	// from month 1, and on a random stream of its own some faulty
	// platforms are fixed and a few healthy ones become faulty. Only with
	// Profiles.
	Month int
}

// Limits of the address and naming plan.
const (
	MaxDomains = 4_000_000 // web addresses wrap beyond 2M; names and servers do not
	MaxTLDs    = 64        // two TLD servers each in 127.54.0.0/24
)

// Plan constants. See README.md for the address plan.
const (
	serial       = 2026010100
	topShare     = 0.15 // the biggest provider's share of the domains
	zipfExponent = 1.3  // provider r hosts topShare·N / r^1.3 domains while that is > 10
	maxHead      = 255  // providers with their own /24 pair in 127.54.0.0/15
	maxPlatforms = 1024 // shared platforms, a /24 pair each in 127.56.0.0/13
	platformLoad = 500  // domains per healthy shared platform, before the cap
	idnEvery     = 50   // one domain in 50 has an IDN A-label
)

// countries are the LAC countries the providers are in, weighted roughly
// by the size of their domain markets.
var countries = []struct {
	code   string
	weight int
}{
	{"BR", 30}, {"MX", 16}, {"AR", 10}, {"CO", 8}, {"CL", 7}, {"PE", 5}, {"VE", 3}, {"EC", 3},
	{"UY", 2}, {"GT", 2}, {"CR", 2}, {"DO", 2}, {"PA", 2}, {"PY", 2}, {"BO", 2}, {"SV", 1},
	{"HN", 1}, {"NI", 1}, {"CU", 1},
}

// fault is a server-level fault of a shared platform's second address.
type fault uint8

const (
	healthy fault = iota
	lame
	unreachable
	recursive
	axfrOpen
)

func (f fault) String() string {
	return [...]string{"healthy", "lame", "unreachable", "recursive", "axfr_open"}[f]
}

// domainInfo is what the plan says about one customer domain.
type domainInfo struct {
	provider int32
	tld      uint8 // index in the plan's TLDs
	signed   bool
	nsec3    bool
	v6       bool
	late     bool // registered during the first month: absent at month 0
	bogus    bool // signed, its signatures expired (profiled worlds only)
}

// provider is a hosting provider: its own zone, 2-4 NS names, customers.
type provider struct {
	name     string // its zone, "host17.test."
	tld      int    // the TLD its zone is in
	ns       int    // NS names ns1..nsN under name
	head     int    // index of its /24 pair in 127.54.0.0/15, or -1
	platform int    // the shared platform it is on, or -1
	domains  []int32
	addrs    []netip.Addr // address of each NS name
	asn      uint32
	country  string
}

// platform is a set of 4 shared server addresses that many small providers
// point their NS names at (vanity NS names over a shared DNS platform).
type platform struct {
	fault     fault
	providers []int32
	addrs     [4]netip.Addr
	asn       uint32
	country   string
}

// Plan is a generated world as numbers and names, before any zone text:
// the domains and what each is (provider, signed, IPv6), the providers,
// the shared platforms and their faults, the address plan. It costs tens
// of bytes per domain. Generate builds the world from it in memory;
// Plan.WriteNSD writes it for NSD zone by zone, without building it.
type Plan struct {
	o         Options
	tlds      []string
	profiled  bool // o.Profiles set: see profile.go
	domains   []string
	info      []domainInfo
	providers []provider
	platforms []platform
	silent    map[netip.Addr]bool // hosting server addresses that drop every packet
	v6Name    string              // the dual-stack provider's zone
}

func fraction(x, def float64) float64 {
	switch {
	case x == 0:
		return def
	case x < 0:
		return 0
	}
	return x
}

// withDefaults fills the defaults in and validates o.
func (o Options) withDefaults() (Options, error) {
	if o.Domains < 1 || o.Domains > MaxDomains {
		return o, fmt.Errorf("gen: %d domains: want 1..%d", o.Domains, MaxDomains)
	}
	if o.Now.IsZero() {
		o.Now = time.Now().UTC().Truncate(time.Hour)
	}
	if len(o.Profiles) > 0 {
		if len(o.TLDs) > 0 {
			return o, fmt.Errorf("gen: give TLDs or Profiles, not both")
		}
		if err := checkProfiles(o.Profiles); err != nil {
			return o, err
		}
		for _, pr := range o.Profiles {
			o.TLDs = append(o.TLDs, pr.Name)
		}
	} else if o.Month != 0 {
		return o, fmt.Errorf("gen: Month %d without Profiles", o.Month)
	}
	if o.Month < 0 || o.Month > maxMonth {
		return o, fmt.Errorf("gen: Month %d: want 0..%d", o.Month, maxMonth)
	}
	if len(o.TLDs) == 0 {
		o.TLDs = []string{"test."}
	}
	if len(o.TLDs) > MaxTLDs {
		return o, fmt.Errorf("gen: %d TLDs: at most %d", len(o.TLDs), MaxTLDs)
	}
	seen := map[string]bool{}
	tlds := make([]string, len(o.TLDs))
	for i, t := range o.TLDs {
		t = dns.CanonicalName(t)
		if _, ok := dns.IsDomainName(t); !ok || dns.CountLabel(t) != 1 || seen[t] {
			return o, fmt.Errorf("gen: TLD %q: want distinct one-label names", o.TLDs[i])
		}
		seen[t] = true
		tlds[i] = t
	}
	o.TLDs = tlds
	for _, f := range o.fractions() {
		*f.v = fraction(*f.v, f.def)
	}
	for _, f := range o.fractions() {
		if *f.v > 1 || math.IsNaN(*f.v) {
			return o, fmt.Errorf("gen: %s fraction %v: must be at most 1", f.name, *f.v)
		}
	}
	return o, nil
}

// fractionField is one of Options' fractions: its name (the flag's, less
// "-frac"), what it is, its default.
type fractionField struct {
	name, usage string
	def         float64
	v           *float64
}

func (o *Options) fractions() []fractionField {
	return []fractionField{
		{"signed", "domains signed, with a DS in their TLD", 0.10, &o.SignedFrac},
		{"ipv6", "domains with a dual-stack nameserver", 0.30, &o.IPv6Frac},
		{"lame", "domains with a lame nameserver address (REFUSED)", 0.02, &o.LameFrac},
		{"unreachable", "domains with a nameserver address where no server is", 0.01, &o.UnreachableFrac},
		{"recursive", "domains with a nameserver that offers recursion", 0.005, &o.RecursiveFrac},
		{"axfr", "domains with a nameserver open to zone transfers", 0.01, &o.AXFRFrac},
		{"silent", "hosting servers that drop every packet (neither answer nor refuse)", 0, &o.SilentFrac},
	}
}

// FractionFlags defines a flag per fraction of o on fs (-signed-frac,
// -ipv6-frac, -lame-frac, -unreachable-frac, -recursive-frac, -axfr-frac,
// -silent-frac), each defaulting to the generator's default. Call the
// returned function after parsing: it checks each value is within 0..1
// and sets o's fields, 0 meaning none.
func (o *Options) FractionFlags(fs *flag.FlagSet) (set func() error) {
	fields := o.fractions()
	vals := make([]float64, len(fields))
	for i, f := range fields {
		fs.Float64Var(&vals[i], f.name+"-frac", f.def, "share of `F` (0..1): "+f.usage)
	}
	return func() error {
		for i, f := range fields {
			v := vals[i]
			if !(v >= 0 && v <= 1) {
				return fmt.Errorf("-%s-frac %v: want a fraction from 0 to 1", f.name, v)
			}
			if v == 0 {
				v = -1 // none; zero in Options means the default
			}
			*f.v = v
		}
		return nil
	}
}

// NewPlan decides everything about the world o describes, deterministically:
// the same options and seed give the same plan.
func NewPlan(o Options) (*Plan, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(uint64(o.Seed), 0x6c61622d67656e31))
	p := &Plan{o: o, tlds: o.TLDs, v6Name: "v6dns." + o.TLDs[0], profiled: len(o.Profiles) > 0}
	n := o.Domains
	if p.profiled {
		if err := p.profiledDomains(rng); err != nil {
			return nil, err
		}
		p.profiledProviders(rng)
		p.assignAddresses(rng)
		p.drift()
		p.silence()
		return p, nil
	}

	// Domain names and attributes.
	width := max(6, len(strconv.Itoa(n-1)))
	p.domains = make([]string, n)
	p.info = make([]domainInfo, n)
	for i := range n {
		tld := p.tlds[i%len(p.tlds)]
		label := "d" + pad(i, width)
		if i%idnEvery == idnEvery-1 {
			label, err = aLabel(idnWords[(i/idnEvery)%len(idnWords)] + strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
		}
		p.domains[i] = label + "." + tld
		in := &p.info[i]
		in.tld = uint8(i % len(p.tlds))
		in.signed = rng.Float64() < o.SignedFrac
		in.nsec3 = in.signed && rng.IntN(2) == 0
		in.v6 = rng.Float64() < o.IPv6Frac
	}

	// Providers: a Zipf head, then a long tail hosting 1-10 domains each.
	sizes := providerSizes(n, rng)
	p.providers = make([]provider, len(sizes))
	perm := rng.Perm(n)
	next := 0
	for r, size := range sizes {
		pr := &p.providers[r]
		pr.tld = r % len(p.tlds)
		pr.name = fmt.Sprintf("host%d.%s", r+1, p.tlds[pr.tld])
		pr.ns = nsCount(rng)
		pr.head, pr.platform = -1, -1
		pr.domains = make([]int32, size)
		for j := range size {
			pr.domains[j] = int32(perm[next])
			p.info[perm[next]].provider = int32(r)
			next++
		}
	}
	p.assignAddresses(rng)
	p.silence()
	return p, nil
}

// silence picks the hosting server addresses that drop every packet:
// SilentFrac of the big providers' own and the shared platforms'
// addresses that have no other fault, in random order, drawn from a
// random stream of their own (the rest of the plan is the same with and
// without them). A first pass leaves each provider or platform at least
// one answering address among the two every provider uses; when the
// fraction needs more, a second pass silences those too.
func (p *Plan) silence() {
	// A group is a provider's own servers or a platform's addresses in
	// use: the candidates, and the first two, which every provider of
	// the group uses (a faulty platform's second one does not answer).
	type group struct{ addrs, firstTwo []netip.Addr }
	var groups []group
	for r := range p.providers {
		if pr := &p.providers[r]; pr.head >= 0 {
			groups = append(groups, group{pr.addrs, pr.addrs[:2]})
		}
	}
	for i := range p.platforms {
		pl := &p.platforms[i]
		used := 0
		for _, r := range pl.providers {
			used = max(used, p.providers[r].ns)
		}
		g := group{firstTwo: pl.addrs[:2]}
		for j := range used {
			if j == 1 && pl.fault != healthy {
				g.firstTwo = pl.addrs[:1]
				continue // the faulty address keeps its fault
			}
			g.addrs = append(g.addrs, pl.addrs[j])
		}
		groups = append(groups, g)
	}
	type cand struct {
		addr  netip.Addr
		group int
	}
	var cands []cand
	for gi, g := range groups {
		for _, a := range g.addrs {
			cands = append(cands, cand{a, gi})
		}
	}
	target := int(math.Round(p.o.SilentFrac * float64(len(cands))))
	if target == 0 {
		return
	}
	rng := rand.New(rand.NewPCG(uint64(p.o.Seed), 0x73696c656e743031))
	rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	p.silent = make(map[netip.Addr]bool, target)
	// answering reports whether group g keeps an answering address among
	// its first two once a is silent.
	answering := func(g int, a netip.Addr) bool {
		for _, x := range groups[g].firstTwo {
			if x != a && !p.silent[x] {
				return true
			}
		}
		return false
	}
	for pass := range 2 {
		for _, c := range cands {
			if len(p.silent) >= target {
				return
			}
			if !p.silent[c.addr] && (pass == 1 || answering(c.group, c.addr)) {
				p.silent[c.addr] = true
			}
		}
	}
}

func pad(i, width int) string {
	s := strconv.Itoa(i)
	if len(s) >= width {
		return s
	}
	return strings.Repeat("0", width-len(s)) + s
}

// providerSizes returns how many domains each provider hosts, biggest
// first: topShare·n/r^zipfExponent for rank r while that is over 10, then
// providers of 1-10 domains until n are hosted.
func providerSizes(n int, rng *rand.Rand) []int {
	top := max(1, int(math.Ceil(topShare*float64(n))))
	var sizes []int
	total := 0
	for r := 1; total < n; r++ {
		s := int(float64(top) / math.Pow(float64(r), zipfExponent))
		if s <= 10 && r > 1 {
			break
		}
		s = min(s, n-total)
		sizes = append(sizes, s)
		total += s
	}
	for total < n {
		s := min(1+rng.IntN(10), n-total)
		sizes = append(sizes, s)
		total += s
	}
	return sizes
}

// nsCount draws how many NS names a provider has: 2 (55%), 3 (25%), 4 (20%).
func nsCount(rng *rand.Rand) int {
	switch x := rng.IntN(100); {
	case x < 55:
		return 2
	case x < 80:
		return 3
	}
	return 4
}

func country(rng *rand.Rand) string {
	total := 0
	for _, c := range countries {
		total += c.weight
	}
	x := rng.IntN(total)
	for _, c := range countries {
		if x < c.weight {
			return c.code
		}
		x -= c.weight
	}
	return countries[0].code
}

// assignAddresses gives the biggest providers their own /24 pairs and puts
// the others on shared platforms, the faulty ones on platforms of their
// own sized to the fault fractions.
func (p *Plan) assignAddresses(rng *rand.Rand) {
	n := p.o.Domains
	var rest []int32
	heads := 0
	for r := range p.providers {
		pr := &p.providers[r]
		if len(pr.domains) > 10 && heads < maxHead {
			pr.head = heads
			heads++
			pr.asn = 64512 + uint32(pr.head)
			pr.country = p.hostCountry(country(rng), r)
			for j := range pr.ns {
				pr.addrs = append(pr.addrs, headAddr(pr.head, j))
			}
			continue
		}
		rest = append(rest, int32(r))
	}
	// Faults go to the smallest providers, in random order.
	tail := make([]int32, 0, len(rest))
	mid := make([]int32, 0)
	for _, r := range rest {
		if len(p.providers[r].domains) <= 10 {
			tail = append(tail, r)
		} else {
			mid = append(mid, r)
		}
	}
	rng.Shuffle(len(tail), func(i, j int) { tail[i], tail[j] = tail[j], tail[i] })
	pool := append(tail, mid...)
	chunk := max(250, n/100)
	for _, f := range []struct {
		kind fault
		frac float64
	}{{lame, p.o.LameFrac}, {unreachable, p.o.UnreachableFrac}, {recursive, p.o.RecursiveFrac}, {axfrOpen, p.o.AXFRFrac}} {
		target := int(math.Round(f.frac * float64(n)))
		cur, curLoad := -1, 0
		for got := 0; got < target && len(pool) > 0; {
			if cur < 0 || curLoad >= chunk {
				if len(p.platforms) >= maxPlatforms/2 {
					break
				}
				p.platforms = append(p.platforms, platform{fault: f.kind})
				cur, curLoad = len(p.platforms)-1, 0
			}
			r := pool[0]
			pool = pool[1:]
			p.platforms[cur].providers = append(p.platforms[cur].providers, r)
			got += len(p.providers[r].domains)
			curLoad += len(p.providers[r].domains)
		}
	}
	// The others share healthy platforms, round robin.
	if len(pool) > 0 {
		total := 0
		for _, r := range pool {
			total += len(p.providers[r].domains)
		}
		count := min(max(1, (total+platformLoad-1)/platformLoad), maxPlatforms-len(p.platforms))
		first := len(p.platforms)
		for range count {
			p.platforms = append(p.platforms, platform{})
		}
		for i, r := range pool {
			pl := &p.platforms[first+i%count]
			pl.providers = append(pl.providers, r)
		}
	}
	for i := range p.platforms {
		c := country(rng)
		if p.profiled && len(p.platforms[i].providers) > 0 {
			c = p.hostCountry(c, int(p.platforms[i].providers[0]))
		}
		p.placePlatform(i, c)
	}
}

// placePlatform gives platform i its ASN, country and addresses, and its
// providers their addresses on it.
func (p *Plan) placePlatform(i int, country string) {
	pl := &p.platforms[i]
	pl.asn = 4200000000 + uint32(i)
	pl.country = country
	for j := range pl.addrs {
		pl.addrs[j] = platformAddr(i, j)
	}
	for _, r := range pl.providers {
		pr := &p.providers[r]
		pr.platform, pr.asn, pr.country = i, pl.asn, pl.country
		pr.addrs = append(pr.addrs[:0], pl.addrs[:pr.ns]...)
	}
}

// The address plan (see README.md).
var (
	rootAddrs = []netip.Addr{netip.AddrFrom4([4]byte{127, 54, 0, 101}), netip.AddrFrom4([4]byte{127, 54, 0, 102})}
	v6Addrs   = []netip.Addr{netip.AddrFrom4([4]byte{127, 54, 1, 1}), netip.AddrFrom4([4]byte{127, 54, 1, 2})}
	v6Only    = netip.IPv6Loopback()
)

// tldAddr is the address of TLD t's server j (0 or 1).
func tldAddr(t, j int) netip.Addr { return netip.AddrFrom4([4]byte{127, 54, 0, byte(110 + 2*t + j)}) }

// headAddr is the address of head provider h's server j: the servers
// alternate between the provider's two /24s in 127.54.0.0/15.
func headAddr(h, j int) netip.Addr {
	idx := 2 + 2*h + j%2
	return netip.AddrFrom4([4]byte{127, byte(54 + idx>>8), byte(idx), byte(1 + j/2)})
}

// platformAddr is the address of platform p's server j, in its /24 pair
// in 127.56.0.0/13.
func platformAddr(p, j int) netip.Addr {
	idx := 2*p + j%2
	return netip.AddrFrom4([4]byte{127, byte(56 + idx>>8), byte(idx), byte(1 + j/2)})
}

// rangeAddr is address i of a /11 starting at 127.first.0.0, skipping
// the network's first address.
func rangeAddr(first byte, i int) netip.Addr {
	x := 1 + i%(1<<21-2)
	return netip.AddrFrom4([4]byte{127, first + byte(x>>16), byte(x >> 8), byte(x)})
}

func webAddr(i int) netip.Addr  { return rangeAddr(64, i) } // 127.64.0.0/11: apex A of domain i
func mailAddr(i int) netip.Addr { return rangeAddr(96, i) } // 127.96.0.0/11: mail host of provider i

// nsNames returns domain i's NS names: its provider's, with the
// dual-stack provider's first name in place of a fourth or added.
func (p *Plan) nsNames(i int) []string {
	pr := &p.providers[p.info[i].provider]
	k := pr.ns
	v6 := p.info[i].v6
	if v6 && k == 4 {
		k = 3
	}
	out := make([]string, 0, k+1)
	for j := range k {
		out = append(out, "ns"+strconv.Itoa(j+1)+"."+pr.name)
	}
	if v6 {
		out = append(out, "ns1."+p.v6Name)
	}
	return out
}

// Domains returns the customer domains registered at the plan's month
// (Registered), in the plan's order: the input list of a scan. The slice
// may be the plan's own: do not change it.
func (p *Plan) Domains() []string { return p.Registered() }

// server is one server of the plan, its zones named by what they are.
type server struct {
	name      string
	addrs     []netip.Addr
	faults    engine.Faults
	root      bool    // serves the root zone
	tld       int     // serves TLD tld's zone, or -1
	v6        bool    // serves the dual-stack provider's zone,
	v6Domains bool    // and every domain that uses it
	providers []int32 // serves these providers' zones, each followed by its domains
}

// infra reports whether s serves the root or a TLD.
func (s *server) infra() bool { return s.root || s.tld >= 0 }

// servers returns the plan's servers, in the order the world adds them:
// root, TLDs, the dual-stack provider, the big providers' own servers,
// the shared platforms' addresses (the second one with the platform's
// fault; unreachable addresses have no server).
func (p *Plan) servers() []server {
	t0 := p.tlds[0]
	var out []server
	for j, a := range rootAddrs {
		out = append(out, server{name: fmt.Sprintf("%c.root-servers.%s", 'a'+j, t0), addrs: []netip.Addr{a}, root: true, tld: -1})
	}
	for t, name := range p.tlds {
		for j := range 2 {
			out = append(out, server{name: fmt.Sprintf("%c.nic.%s", 'a'+j, name), addrs: []netip.Addr{tldAddr(t, j)}, tld: t})
		}
	}
	out = append(out,
		server{name: "ns1." + p.v6Name, addrs: []netip.Addr{v6Addrs[0], v6Only}, tld: -1, v6: true, v6Domains: true},
		server{name: "ns2." + p.v6Name, addrs: []netip.Addr{v6Addrs[1]}, tld: -1, v6: true})
	for r := range p.providers {
		pr := &p.providers[r]
		if pr.head < 0 {
			continue
		}
		for j := range pr.ns {
			out = append(out, server{name: "ns" + strconv.Itoa(j+1) + "." + pr.name, addrs: []netip.Addr{pr.addrs[j]},
				tld: -1, providers: []int32{int32(r)}, faults: engine.Faults{Silent: p.silent[pr.addrs[j]]}})
		}
	}
	for i := range p.platforms {
		pl := &p.platforms[i]
		for j := range pl.addrs {
			s := server{addrs: []netip.Addr{pl.addrs[j]}, tld: -1}
			for _, r := range pl.providers {
				if p.providers[r].ns > j {
					s.providers = append(s.providers, r)
					if s.name == "" {
						s.name = "ns" + strconv.Itoa(j+1) + "." + p.providers[r].name
					}
				}
			}
			if s.name == "" {
				continue // no provider uses the address
			}
			s.faults.Silent = p.silent[pl.addrs[j]]
			if j == 1 {
				switch pl.fault {
				case unreachable:
					continue
				case lame:
					s.faults.Lame, s.providers = true, nil
				case recursive:
					s.faults.Recursive = true
				case axfrOpen:
					s.faults.AXFROpen = true
				}
			}
			out = append(out, s)
		}
	}
	return out
}

// zones yields the origins of the zones s serves, in order.
func (p *Plan) zones(s *server) iter.Seq[string] {
	return func(yield func(string) bool) {
		if s.root && !yield(".") {
			return
		}
		if s.tld >= 0 && !yield(p.tlds[s.tld]) {
			return
		}
		if s.v6 && !yield(p.v6Name) {
			return
		}
		if s.v6Domains {
			for i, d := range p.domains {
				if p.info[i].v6 && !yield(d) {
					return
				}
			}
		}
		for _, r := range s.providers {
			pr := &p.providers[r]
			if !yield(pr.name) {
				return
			}
			for _, d := range pr.domains {
				if !yield(p.domains[d]) {
					return
				}
			}
		}
	}
}

// zoneCount is how many zones s serves.
func (p *Plan) zoneCount(s *server) int {
	n := 0
	if s.root {
		n++
	}
	if s.tld >= 0 {
		n++
	}
	if s.v6 {
		n++
	}
	if s.v6Domains {
		for i := range p.info {
			if p.info[i].v6 {
				n++
			}
		}
	}
	for _, r := range s.providers {
		n += 1 + len(p.providers[r].domains)
	}
	return n
}
