package gen

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// Generate builds the world o describes and returns it, built (signed and
// read-only), with the customer domains in a stable order: the input list
// of a scan. The same options and seed give the same world, except the
// bytes of ECDSA signatures, which are randomised.
func Generate(o Options) (*engine.World, []string, error) {
	p, err := NewPlan(o)
	if err != nil {
		return nil, nil, err
	}
	w, err := p.world()
	if err != nil {
		return nil, nil, err
	}
	return w, p.Registered(), nil
}

// Sign specs: root and domains with NSEC or NSEC3 (iterations 0, no salt,
// RFC 9276), TLDs with NSEC3 opt-out, as large ccTLDs do.
var (
	rootSpec  = authzone.SignSpec{}
	tldSpec   = authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{Iterations: 0, OptOut: true}}
	nsecSpec  = authzone.SignSpec{}
	nsec3Spec = authzone.SignSpec{NSEC3: &authzone.NSEC3Spec{Iterations: 0}}
)

// text is a reusable buffer for zone text; string(t) copies it at its
// exact size, so the zones the world keeps hold no spare capacity.
type text []byte

func (t *text) printf(format string, a ...any) { *t = fmt.Appendf(*t, format, a...) }

func spec(s authzone.SignSpec) *authzone.SignSpec {
	c := s
	if s.NSEC3 != nil {
		n := *s.NSEC3
		c.NSEC3 = &n
	}
	return &c
}

// The zone texts of the plan. Generate and Plan.WriteNSD both write the
// world with these, so the two are the same world.

// Networks is the address plan: who each /24 of the world belongs to (the
// GeoIP data of the world, as engine.World.Networks gives it for Generate's).
func (p *Plan) Networks() []geo.Network { return p.networks() }

// networks is the address plan: who each /24 of the world belongs to.
func (p *Plan) networks() []geo.Network {
	out := []geo.Network{
		{Prefix: netip.MustParsePrefix("127.54.0.0/24"), ASN: 64500, Org: "LAB-ROOT-AND-TLD", Country: "UY"},
		{Prefix: netip.MustParsePrefix("127.54.1.0/24"), ASN: 64501, Org: "LAB-V6DNS", Country: "BR"},
		{Prefix: netip.PrefixFrom(v6Only, 128), ASN: 64501, Org: "LAB-V6DNS", Country: "BR"},
	}
	out = append(out, p.tldNetworks()...)
	for r := range p.providers {
		pr := &p.providers[r]
		if pr.head < 0 {
			continue
		}
		org := strings.ToUpper(strings.TrimSuffix(pr.name, "."))
		for j := range min(2, pr.ns) {
			asn := pr.asn
			if p.profiled && j == 1 && pr.ns >= 3 {
				asn += partnerASN // its second /24 announced by a partner network
			}
			out = append(out, geo.Network{Prefix: netip.PrefixFrom(headAddr(pr.head, j), 24).Masked(), ASN: asn, Org: org, Country: pr.country})
		}
	}
	for i := range p.platforms {
		pl := &p.platforms[i]
		for j := range 2 {
			out = append(out, geo.Network{Prefix: netip.PrefixFrom(pl.addrs[j], 24).Masked(), ASN: pl.asn,
				Org: fmt.Sprintf("LAB-PLATFORM-%d", i+1), Country: pl.country})
		}
	}
	return out
}

// rootText is the root zone: its servers and the delegations of the TLDs.
func (p *Plan) rootText() string {
	var b text
	t0 := p.tlds[0]
	b.printf("$TTL 86400\n.\tSOA\ta.root-servers.%s nstld.root-servers.%s %d 1800 900 604800 86400\n", t0, t0, serial)
	for j, a := range rootAddrs {
		b.printf(".\t518400\tNS\t%c.root-servers.%s\n%c.root-servers.%s\t518400\tA\t%s\n", 'a'+j, t0, 'a'+j, t0, a)
	}
	for t, name := range p.tlds {
		for j := range 2 {
			b.printf("%s\t172800\tNS\t%c.nic.%s\n%c.nic.%s\t172800\tA\t%s\n", name, 'a'+j, name, 'a'+j, name, tldAddr(t, j))
		}
	}
	return string(b)
}

// tldHead appends TLD t's apex and its own servers' addresses (the first
// TLD also has the root servers' names); the delegations follow it.
func (p *Plan) tldHead(t int, b *text) {
	name := p.tlds[t]
	b.printf("$TTL 3600\n@\tSOA\ta.nic.%s hostmaster.nic.%s %d 1800 900 604800 3600\n", name, name, serial)
	for j := range 2 {
		b.printf("@\t172800\tNS\t%c.nic.%s\n%c.nic\t172800\tA\t%s\n", 'a'+j, name, 'a'+j, tldAddr(t, j))
	}
	if t == 0 {
		for j, a := range rootAddrs {
			b.printf("%c.root-servers\t518400\tA\t%s\n", 'a'+j, a)
		}
	}
}

// providerText appends provider r's zone.
func (p *Plan) providerText(r int, b *text) {
	pr := &p.providers[r]
	b.printf("$TTL 3600\n@\tSOA\tns1.%s hostmaster.%s %d 7200 3600 1209600 300\n", pr.name, pr.name, serial+r%100)
	for j := range pr.ns {
		b.printf("@\tNS\tns%d.%s\nns%d\tA\t%s\n", j+1, pr.name, j+1, pr.addrs[j])
	}
	b.printf("mail\tA\t%s\n", mailAddr(r))
}

// providerDelegation appends provider r's delegation and glue, for its TLD.
func (p *Plan) providerDelegation(r int, b *text) {
	pr := &p.providers[r]
	label := strings.TrimSuffix(pr.name, "."+p.tlds[pr.tld])
	for j := range pr.ns {
		b.printf("%s\tNS\tns%d.%s\nns%d.%s\tA\t%s\n", label, j+1, pr.name, j+1, label, pr.addrs[j])
	}
}

// v6Text appends the dual-stack provider's zone.
func (p *Plan) v6Text(b *text) {
	b.printf("$TTL 3600\n@\tSOA\tns1.%s hostmaster.%s %d 7200 3600 1209600 300\n", p.v6Name, p.v6Name, serial)
	b.printf("@\tNS\tns1.%s\n@\tNS\tns2.%s\nns1\tA\t%s\nns1\tAAAA\t%s\nns2\tA\t%s\n", p.v6Name, p.v6Name, v6Addrs[0], v6Only, v6Addrs[1])
}

// v6Delegation appends the dual-stack provider's delegation and glue, for
// the first TLD.
func (p *Plan) v6Delegation(b *text) {
	label := strings.TrimSuffix(p.v6Name, "."+p.tlds[0])
	b.printf("%s\tNS\tns1.%s\n%s\tNS\tns2.%s\nns1.%s\tA\t%s\nns1.%s\tAAAA\t%s\nns2.%s\tA\t%s\n",
		label, p.v6Name, label, p.v6Name, label, v6Addrs[0], label, v6Only, label, v6Addrs[1])
}

// domainText appends customer domain i's zone.
func (p *Plan) domainText(i int, b *text) {
	in := p.info[i]
	pr := &p.providers[in.provider]
	ns := p.nsNames(i)
	b.printf("$TTL 3600\n@\tSOA\t%s hostmaster.%s %d 7200 3600 1209600 300\n", ns[0], pr.name, serial+int(in.provider)%100)
	for _, n := range ns {
		b.printf("@\tNS\t%s\n", n)
	}
	b.printf("@\tA\t%s\n", webAddr(i))
	if in.v6 {
		b.printf("@\tAAAA\t%s\n", v6Only)
	}
	b.printf("@\tMX\t10 mail.%s\n", pr.name)
}

// domainDelegation appends domain i's NS records, for its TLD; nothing for
// a domain not registered yet (Options.Month).
func (p *Plan) domainDelegation(i int, b *text) {
	if !p.registered(i) {
		return
	}
	label := strings.TrimSuffix(p.domains[i], "."+p.tlds[p.info[i].tld])
	for _, n := range p.nsNames(i) {
		b.printf("%s\tNS\t%s\n", label, n)
	}
}

// domainSpec is how domain i is signed, or nil.
func (p *Plan) domainSpec(i int) *authzone.SignSpec {
	in := p.info[i]
	var sp *authzone.SignSpec
	switch {
	case in.nsec3:
		sp = spec(nsec3Spec)
	case in.signed:
		sp = spec(nsecSpec)
	default:
		return nil
	}
	sp.Faults.Expired = in.bogus
	return sp
}

// world writes the plan's zone texts and servers into a new lab world.
func (p *Plan) world() (*engine.World, error) {
	w := engine.NewWorld(p.o.Now)
	for _, n := range p.networks() {
		w.AddNetwork(n)
	}
	tld := make([]text, len(p.tlds))
	for t := range p.tlds {
		p.tldHead(t, &tld[t])
	}

	// Provider zones, with their delegations and glue in their TLD.
	var zt text
	for r := range p.providers {
		zt = zt[:0]
		p.providerText(r, &zt)
		p.providerDelegation(r, &tld[p.providers[r].tld])
		if _, err := w.AddZone(p.providers[r].name, string(zt), nil); err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
	}
	zt = zt[:0]
	p.v6Text(&zt)
	p.v6Delegation(&tld[0])
	if _, err := w.AddZone(p.v6Name, string(zt), nil); err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}

	// Customer domains, delegated from their TLD.
	for i, d := range p.domains {
		zt = zt[:0]
		p.domainText(i, &zt)
		p.domainDelegation(i, &tld[p.info[i].tld])
		if _, err := w.AddZone(d, string(zt), p.domainSpec(i)); err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
	}
	if _, err := w.AddZone(".", p.rootText(), spec(rootSpec)); err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	for t, name := range p.tlds {
		if _, err := w.AddZone(name, string(tld[t]), spec(tldSpec)); err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
		tld[t] = nil
	}

	// Servers. Their zone lists are set after AddServer: it checks each
	// zone against every zone of the world, which is quadratic.
	for _, sv := range p.servers() {
		id := strings.TrimSuffix(sv.name, ".")
		s := &engine.Server{Name: sv.name, Addrs: sv.addrs, NSID: id, Hostname: id + ".lab", Version: "lab-authd 1.0", Faults: sv.faults}
		if err := w.AddServer(s); err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
		zones := make([]*authzone.Zone, 0, p.zoneCount(&sv))
		for origin := range p.zones(&sv) {
			zones = append(zones, w.Zone(origin))
		}
		s.Zones = zones
	}
	if err := w.Build(); err != nil {
		return nil, fmt.Errorf("gen: build: %w", err)
	}
	return w, nil
}
