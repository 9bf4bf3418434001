package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
)

// Profile shapes one TLD of a world of several that differ, as a region's
// ccTLDs do: its share of the domains, its own signed, IPv6 and IDN
// shares, how these grow month by month, and the country its registry and
// most of its hosters are in.
type Profile struct {
	Name    string  // the TLD, "cl"
	Country string  // ISO 3166-1 code of its registry and its hosters, "CL"
	Weight  float64 // relative number of domains (> 0)

	SignedFrac float64 // domains signed at month 0 (0..1)
	IPv6Frac   float64 // domains with a dual-stack nameserver at month 0 (0..1)
	IDNFrac    float64 // domains whose label is an IDN (one in round(1/IDNFrac), the first included; 0: none)
	SignedGain float64 // added to SignedFrac each month
	IPv6Gain   float64 // added to IPv6Frac each month
	Growth     float64 // share of its domains registered during the first month (absent at month 0)
	BogusFrac  float64 // share of its signed domains whose signatures have expired (DNSSEC bogus) at month 0; half as many at month 1
}

// Profile limits.
const (
	maxMonth          = 24    // months a world can drift
	homeShare         = 0.85  // a hoster's domains in its home TLD; the rest anywhere
	fixedPerMonth     = 0.35  // faulty platforms fixed each month (at least one)
	newFaultsPerMonth = 0.005 // domains whose hoster moves to a faulty platform each month
	partnerASN        = 1000  // a big hoster with 3+ NS has its second /24 in ASN+partnerASN
)

// lac is the built-in Latin American world: eleven ccTLDs. Weights are
// rough relative sizes of the registries (NIC.br's .br by far the
// largest; .co is big through its use outside Colombia), not published
// counts; rates are invented but differ by country on purpose, so that a
// dashboard has something to show.
var lac = []Profile{
	{Name: "br", Country: "BR", Weight: 50, SignedFrac: 0.30, IPv6Frac: 0.45, IDNFrac: 0.02, SignedGain: 0.03, IPv6Gain: 0.03, Growth: 0.02, BogusFrac: 0.01},
	{Name: "co", Country: "CO", Weight: 14, SignedFrac: 0.05, IPv6Frac: 0.25, IDNFrac: 0.01, SignedGain: 0.01, IPv6Gain: 0.02, Growth: 0.03, BogusFrac: 0.05},
	{Name: "mx", Country: "MX", Weight: 9, SignedFrac: 0.04, IPv6Frac: 0.30, IDNFrac: 0.02, SignedGain: 0.02, IPv6Gain: 0.04, Growth: 0.02, BogusFrac: 0.04},
	{Name: "ar", Country: "AR", Weight: 8, SignedFrac: 0.06, IPv6Frac: 0.25, IDNFrac: 0.03, SignedGain: 0.02, IPv6Gain: 0.02, Growth: 0.02, BogusFrac: 0.03},
	{Name: "cl", Country: "CL", Weight: 8, SignedFrac: 0.12, IPv6Frac: 0.35, IDNFrac: 0.04, SignedGain: 0.04, IPv6Gain: 0.03, Growth: 0.02, BogusFrac: 0.02},
	{Name: "pe", Country: "PE", Weight: 4, SignedFrac: 0.05, IPv6Frac: 0.20, IDNFrac: 0.02, SignedGain: 0.01, IPv6Gain: 0.02, Growth: 0.03, BogusFrac: 0.04},
	{Name: "uy", Country: "UY", Weight: 2, SignedFrac: 0.20, IPv6Frac: 0.40, IDNFrac: 0.03, SignedGain: 0.05, IPv6Gain: 0.02, Growth: 0.01, BogusFrac: 0.02},
	{Name: "ec", Country: "EC", Weight: 2, SignedFrac: 0.03, IPv6Frac: 0.15, IDNFrac: 0.02, SignedGain: 0.02, IPv6Gain: 0.05, Growth: 0.03, BogusFrac: 0.05},
	{Name: "ve", Country: "VE", Weight: 1.5, SignedFrac: 0.02, IPv6Frac: 0.10, IDNFrac: 0.02, SignedGain: 0.00, IPv6Gain: 0.01, Growth: 0.01, BogusFrac: 0.05},
	{Name: "py", Country: "PY", Weight: 1, SignedFrac: 0.10, IPv6Frac: 0.20, IDNFrac: 0.03, SignedGain: 0.03, IPv6Gain: 0.03, Growth: 0.02, BogusFrac: 0.03},
	{Name: "bo", Country: "BO", Weight: 0.5, SignedFrac: 0.02, IPv6Frac: 0.10, IDNFrac: 0.05, SignedGain: 0.02, IPv6Gain: 0.04, Growth: 0.04, BogusFrac: 0.05},
}

// LAC returns the profiles of the built-in Latin American world: .br .co
// .mx .ar .cl .pe .uy .ec .ve .py .bo (a copy: change it freely).
func LAC() []Profile { return append([]Profile(nil), lac...) }

func checkProfiles(ps []Profile) error {
	for _, p := range ps {
		ok := p.Weight > 0 && !math.IsInf(p.Weight, 0) && len(p.Country) == 2 && strings.ToUpper(p.Country) == p.Country
		for _, f := range []float64{p.SignedFrac, p.IPv6Frac, p.IDNFrac, p.SignedGain, p.IPv6Gain, p.Growth, p.BogusFrac} {
			ok = ok && f >= 0 && f <= 1
		}
		if !ok {
			return fmt.Errorf("gen: profile %q: want a weight > 0, an upper-case country code and fractions 0..1", p.Name)
		}
	}
	return nil
}

// at is the share f has grown to by month m, at most 1.
func at(f, gain float64, m int) float64 { return min(1, f+gain*float64(m)) }

// tldCounts splits n domains among the profiles by weight (largest
// remainders), at least one each when n allows.
func tldCounts(ps []Profile, n int) []int {
	total := 0.0
	for _, p := range ps {
		total += p.Weight
	}
	counts := make([]int, len(ps))
	type rem struct {
		i int
		r float64
	}
	rems := make([]rem, len(ps))
	got := 0
	for i, p := range ps {
		x := float64(n) * p.Weight / total
		counts[i] = int(x)
		if counts[i] == 0 && n >= len(ps) {
			counts[i] = 1
		}
		got += counts[i]
		rems[i] = rem{i, x - math.Floor(x)}
	}
	for got > n { // minimums pushed it over: take from the biggest
		big := 0
		for i := range counts {
			if counts[i] > counts[big] {
				big = i
			}
		}
		counts[big]--
		got--
	}
	for k := 0; got < n; k++ {
		best := -1
		for j, r := range rems {
			if best < 0 || r.r > rems[best].r {
				best = j
			}
		}
		counts[rems[best].i]++
		rems[best].r = -1
		got++
		if k > len(ps) {
			counts[0] += n - got
			got = n
		}
	}
	return counts
}

// profiledDomains names and draws the domains of a profiled world: each
// TLD gets its share, in shuffled order; five draws per domain whatever
// comes of them, so a later month keeps every earlier decision.
func (p *Plan) profiledDomains(rng *rand.Rand) error {
	n, ps, m := p.o.Domains, p.o.Profiles, p.o.Month
	counts := tldCounts(ps, n)
	order := make([]uint8, 0, n)
	for t, c := range counts {
		for range c {
			order = append(order, uint8(t))
		}
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	width := max(6, len(strconv.Itoa(n-1)))
	p.domains = make([]string, n)
	p.info = make([]domainInfo, n)
	seen := make([]int, len(ps))
	for i, t := range order {
		pf := &ps[t]
		label := "d" + pad(i, width)
		if pf.IDNFrac > 0 && seen[t]%max(1, int(math.Round(1/pf.IDNFrac))) == 0 {
			var err error
			if label, err = aLabel(idnWords[i%len(idnWords)] + strconv.Itoa(i)); err != nil {
				return err
			}
		}
		seen[t]++
		p.domains[i] = label + "." + p.tlds[t]
		in := &p.info[i]
		in.tld = t
		uSigned, nsec3, uV6, uLate, uBogus := rng.Float64(), rng.IntN(2) == 0, rng.Float64(), rng.Float64(), rng.Float64()
		in.signed = uSigned < at(pf.SignedFrac, pf.SignedGain, m)
		in.nsec3 = in.signed && nsec3
		in.v6 = uV6 < at(pf.IPv6Frac, pf.IPv6Gain, m)
		in.late = uLate < pf.Growth
		in.bogus = in.signed && uBogus < at(pf.BogusFrac, -pf.BogusFrac/2, m) // half of them fixed a month later
	}
	return nil
}

// profiledProviders sizes the providers as NewPlan does and gives each a
// home TLD (drawn by the domains left in each): homeShare of its domains
// are in its home TLD while it has any left, the rest anywhere. Its zone
// is in its home TLD and its servers in its home country.
func (p *Plan) profiledProviders(rng *rand.Rand) {
	sizes := providerSizes(p.o.Domains, rng)
	pools := make([][]int32, len(p.tlds))
	left := 0
	for i := range p.info {
		t := p.info[i].tld
		pools[t] = append(pools[t], int32(i))
		left++
	}
	for _, pool := range pools {
		rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	}
	// pick draws a TLD with domains left, weighted by how many.
	pick := func() int {
		x := rng.IntN(left)
		for t, pool := range pools {
			if x < len(pool) {
				return t
			}
			x -= len(pool)
		}
		return len(pools) - 1
	}
	take := func(t int) int32 {
		d := pools[t][len(pools[t])-1]
		pools[t] = pools[t][:len(pools[t])-1]
		left--
		return d
	}
	p.providers = make([]provider, len(sizes))
	for r, size := range sizes {
		pr := &p.providers[r]
		pr.tld = pick()
		pr.name = fmt.Sprintf("host%d.%s", r+1, p.tlds[pr.tld])
		pr.ns = nsCount(rng)
		pr.head, pr.platform = -1, -1
		pr.domains = make([]int32, size)
		for j := range size {
			t := pr.tld
			if rng.Float64() >= homeShare || len(pools[t]) == 0 {
				t = pick()
			}
			d := take(t)
			pr.domains[j] = d
			p.info[d].provider = int32(r)
		}
	}
}

// hostCountry is the country of provider r's servers: in a profiled
// world its home TLD's, else def (drawn by weight).
func (p *Plan) hostCountry(def string, r int) string {
	if !p.profiled {
		return def
	}
	return p.o.Profiles[p.providers[r].tld].Country
}

// tldNetworks gives each TLD server of a profiled world its registry's
// ASN and country (a /32 each, over the infrastructure /24).
func (p *Plan) tldNetworks() []geo.Network {
	if !p.profiled {
		return nil
	}
	var out []geo.Network
	for t, pf := range p.o.Profiles {
		org := "LAB-NIC-" + strings.ToUpper(strings.TrimSuffix(dns.Fqdn(pf.Name), "."))
		for j := range 2 {
			out = append(out, geo.Network{Prefix: netip.PrefixFrom(tldAddr(t, j), 32), ASN: 64600 + uint32(t), Org: org, Country: pf.Country})
		}
	}
	return out
}

// drift applies Options.Month months of changes to the platforms' faults,
// month by month on a random stream of its own: fixedPerMonth of the
// faulty platforms (at least one) are fixed, and small providers hosting
// about newFaultsPerMonth of the domains move from healthy platforms to
// a new platform with a fault (lame, recursive or open to AXFR): a hoster
// that changed DNS platform.
func (p *Plan) drift() {
	for m := 1; m <= p.o.Month; m++ {
		rng := rand.New(rand.NewPCG(uint64(p.o.Seed), 0x6472696674000000+uint64(m)))
		var faulty, movable []int32
		for i := range p.platforms {
			pl := &p.platforms[i]
			if pl.fault != healthy {
				faulty = append(faulty, int32(i))
				continue
			}
			for _, r := range pl.providers {
				if len(p.providers[r].domains) <= 10 {
					movable = append(movable, r)
				}
			}
		}
		rng.Shuffle(len(faulty), func(i, j int) { faulty[i], faulty[j] = faulty[j], faulty[i] })
		if len(faulty) > 0 {
			for _, i := range faulty[:max(1, int(math.Round(fixedPerMonth*float64(len(faulty)))))] {
				p.platforms[i].fault = healthy
			}
		}
		if len(movable) == 0 || len(p.platforms) >= maxPlatforms {
			continue
		}
		rng.Shuffle(len(movable), func(i, j int) { movable[i], movable[j] = movable[j], movable[i] })
		target := max(1, int(math.Round(newFaultsPerMonth*float64(p.o.Domains))))
		moved := map[int32]bool{}
		pl := platform{fault: []fault{lame, recursive, axfrOpen}[rng.IntN(3)]}
		for got := 0; got < target && len(movable) > 0; movable = movable[1:] {
			pl.providers = append(pl.providers, movable[0])
			moved[movable[0]] = true
			got += len(p.providers[movable[0]].domains)
		}
		for i := range p.platforms {
			old := &p.platforms[i]
			old.providers = slices.DeleteFunc(old.providers, func(r int32) bool { return moved[r] })
		}
		p.platforms = append(p.platforms, pl)
		p.placePlatform(len(p.platforms)-1, p.hostCountry("", int(pl.providers[0])))
	}
}

// registered reports whether domain i exists at the plan's month.
func (p *Plan) registered(i int) bool { return !p.info[i].late || p.o.Month > 0 }

// Registered returns the domains that exist at the plan's month, in the
// plan's order: the input list of a scan (all of them unless profiles
// say some are registered later).
func (p *Plan) Registered() []string {
	if !p.profiled || p.o.Month > 0 {
		return p.domains
	}
	out := p.domains[:0:0]
	for i, d := range p.domains {
		if p.registered(i) {
			out = append(out, d)
		}
	}
	return out
}
