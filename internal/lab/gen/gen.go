package gen

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/lab"
)

// Generate builds the world o describes and returns it, built (signed and
// read-only), with the customer domains in a stable order: the input list
// of a scan. The same options and seed give the same world, except the
// bytes of ECDSA signatures, which are randomised.
func Generate(o Options) (*lab.World, []string, error) {
	p, err := newPlan(o)
	if err != nil {
		return nil, nil, err
	}
	w, err := p.world()
	if err != nil {
		return nil, nil, err
	}
	return w, p.domains, nil
}

// Sign specs: root and domains with NSEC or NSEC3 (iterations 0, no salt,
// RFC 9276), TLDs with NSEC3 opt-out, as large ccTLDs do.
var (
	rootSpec  = lab.SignSpec{}
	tldSpec   = lab.SignSpec{NSEC3: &lab.NSEC3Spec{Iterations: 0, OptOut: true}}
	nsecSpec  = lab.SignSpec{}
	nsec3Spec = lab.SignSpec{NSEC3: &lab.NSEC3Spec{Iterations: 0}}
)

// text is a reusable buffer for zone text; string(t) copies it at its
// exact size, so the zones the world keeps hold no spare capacity.
type text []byte

func (t *text) printf(format string, a ...any) { *t = fmt.Appendf(*t, format, a...) }

func spec(s lab.SignSpec) *lab.SignSpec {
	c := s
	if s.NSEC3 != nil {
		n := *s.NSEC3
		c.NSEC3 = &n
	}
	return &c
}

// world writes the plan's zone texts and servers into a new lab world.
func (p *plan) world() (*lab.World, error) {
	w := lab.NewWorld(p.o.Now)
	t0 := p.tlds[0]

	// Networks.
	w.AddNetwork(geo.Network{Prefix: netip.MustParsePrefix("127.54.0.0/24"), ASN: 64500, Org: "LAB-ROOT-AND-TLD", Country: "UY"})
	w.AddNetwork(geo.Network{Prefix: netip.MustParsePrefix("127.54.1.0/24"), ASN: 64501, Org: "LAB-V6DNS", Country: "BR"})
	w.AddNetwork(geo.Network{Prefix: netip.PrefixFrom(v6Only, 128), ASN: 64501, Org: "LAB-V6DNS", Country: "BR"})
	for r := range p.providers {
		pr := &p.providers[r]
		if pr.head < 0 {
			continue
		}
		org := strings.ToUpper(strings.TrimSuffix(pr.name, "."))
		for j := range min(2, pr.ns) {
			w.AddNetwork(geo.Network{Prefix: netip.PrefixFrom(headAddr(pr.head, j), 24).Masked(), ASN: pr.asn, Org: org, Country: pr.country})
		}
	}
	for i := range p.platforms {
		pl := &p.platforms[i]
		for j := range 2 {
			w.AddNetwork(geo.Network{Prefix: netip.PrefixFrom(pl.addrs[j], 24).Masked(), ASN: pl.asn,
				Org: fmt.Sprintf("LAB-PLATFORM-%d", i+1), Country: pl.country})
		}
	}

	// The root and the TLDs.
	var root strings.Builder
	fmt.Fprintf(&root, "$TTL 86400\n.\tSOA\ta.root-servers.%s nstld.root-servers.%s %d 1800 900 604800 86400\n", t0, t0, serial)
	for j, a := range rootAddrs {
		fmt.Fprintf(&root, ".\t518400\tNS\t%c.root-servers.%s\n%c.root-servers.%s\t518400\tA\t%s\n", 'a'+j, t0, 'a'+j, t0, a)
	}
	tld := make([]strings.Builder, len(p.tlds))
	for t, name := range p.tlds {
		b := &tld[t]
		fmt.Fprintf(b, "$TTL 3600\n@\tSOA\ta.nic.%s hostmaster.nic.%s %d 1800 900 604800 3600\n", name, name, serial)
		for j := range 2 {
			fmt.Fprintf(b, "@\t172800\tNS\t%c.nic.%s\n%c.nic\t172800\tA\t%s\n", 'a'+j, name, 'a'+j, tldAddr(t, j))
			fmt.Fprintf(&root, "%s\t172800\tNS\t%c.nic.%s\n%c.nic.%s\t172800\tA\t%s\n", name, 'a'+j, name, 'a'+j, name, tldAddr(t, j))
		}
		if t == 0 {
			for j, a := range rootAddrs {
				fmt.Fprintf(b, "%c.root-servers\t518400\tA\t%s\n", 'a'+j, a)
			}
		}
	}

	// Provider zones, with their delegations and glue in their TLD.
	provZones := make([]*lab.Zone, len(p.providers))
	var zt text
	for r := range p.providers {
		pr := &p.providers[r]
		zt = zt[:0]
		zt.printf("$TTL 3600\n@\tSOA\tns1.%s hostmaster.%s %d 7200 3600 1209600 300\n", pr.name, pr.name, serial+r%100)
		b := &tld[r%len(p.tlds)]
		label := strings.TrimSuffix(pr.name, "."+p.tlds[r%len(p.tlds)])
		for j := range pr.ns {
			zt.printf("@\tNS\tns%d.%s\nns%d\tA\t%s\n", j+1, pr.name, j+1, pr.addrs[j])
			fmt.Fprintf(b, "%s\tNS\tns%d.%s\nns%d.%s\tA\t%s\n", label, j+1, pr.name, j+1, label, pr.addrs[j])
		}
		zt.printf("mail\tA\t%s\n", mailAddr(r))
		z, err := w.AddZone(pr.name, string(zt), nil)
		if err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
		provZones[r] = z
	}
	// The dual-stack provider.
	{
		label := strings.TrimSuffix(p.v6Name, "."+t0)
		zt = zt[:0]
		zt.printf("$TTL 3600\n@\tSOA\tns1.%s hostmaster.%s %d 7200 3600 1209600 300\n", p.v6Name, p.v6Name, serial)
		zt.printf("@\tNS\tns1.%s\n@\tNS\tns2.%s\nns1\tA\t%s\nns1\tAAAA\t%s\nns2\tA\t%s\n", p.v6Name, p.v6Name, v6Addrs[0], v6Only, v6Addrs[1])
		fmt.Fprintf(&tld[0], "%s\tNS\tns1.%s\n%s\tNS\tns2.%s\nns1.%s\tA\t%s\nns1.%s\tAAAA\t%s\nns2.%s\tA\t%s\n",
			label, p.v6Name, label, p.v6Name, label, v6Addrs[0], label, v6Only, label, v6Addrs[1])
	}
	v6Zone, err := w.AddZone(p.v6Name, string(zt), nil)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}

	// Customer domains, delegated from their TLD.
	domZones := make([]*lab.Zone, len(p.domains))
	for i, d := range p.domains {
		in := p.info[i]
		pr := &p.providers[in.provider]
		ns := p.nsNames(i)
		t := i % len(p.tlds)
		label := strings.TrimSuffix(d, "."+p.tlds[t])
		zt = zt[:0]
		zt.printf("$TTL 3600\n@\tSOA\t%s hostmaster.%s %d 7200 3600 1209600 300\n", ns[0], pr.name, serial+int(in.provider)%100)
		for _, n := range ns {
			zt.printf("@\tNS\t%s\n", n)
			fmt.Fprintf(&tld[t], "%s\tNS\t%s\n", label, n)
		}
		zt.printf("@\tA\t%s\n", webAddr(i))
		if in.v6 {
			zt.printf("@\tAAAA\t%s\n", v6Only)
		}
		zt.printf("@\tMX\t10 mail.%s\n", pr.name)
		var s *lab.SignSpec
		switch {
		case in.nsec3:
			s = spec(nsec3Spec)
		case in.signed:
			s = spec(nsecSpec)
		}
		z, err := w.AddZone(d, string(zt), s)
		if err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
		domZones[i] = z
	}
	rootZone, err := w.AddZone(".", root.String(), spec(rootSpec))
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	tldZones := make([]*lab.Zone, len(p.tlds))
	for t, name := range p.tlds {
		if tldZones[t], err = w.AddZone(name, strings.Clone(tld[t].String()), spec(tldSpec)); err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
		tld[t] = strings.Builder{}
	}

	// Servers. Their zone lists are set after AddServer: it checks each
	// zone against every zone of the world, which is quadratic.
	add := func(name string, zones []*lab.Zone, f lab.Faults, addrs ...netip.Addr) error {
		id := strings.TrimSuffix(name, ".")
		s := &lab.Server{Name: name, Addrs: addrs, NSID: id, Hostname: id + ".lab", Version: "lab-authd 1.0", Faults: f}
		if err := w.AddServer(s); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
		s.Zones = zones
		return nil
	}
	for j, a := range rootAddrs {
		if err := add(fmt.Sprintf("%c.root-servers.%s", 'a'+j, t0), []*lab.Zone{rootZone}, lab.Faults{}, a); err != nil {
			return nil, err
		}
	}
	for t, name := range p.tlds {
		for j := range 2 {
			if err := add(fmt.Sprintf("%c.nic.%s", 'a'+j, name), []*lab.Zone{tldZones[t]}, lab.Faults{}, tldAddr(t, j)); err != nil {
				return nil, err
			}
		}
	}
	v6Zones := []*lab.Zone{v6Zone}
	for i := range p.domains {
		if p.info[i].v6 {
			v6Zones = append(v6Zones, domZones[i])
		}
	}
	if err := add("ns1."+p.v6Name, v6Zones, lab.Faults{}, v6Addrs[0], v6Only); err != nil {
		return nil, err
	}
	if err := add("ns2."+p.v6Name, []*lab.Zone{v6Zone}, lab.Faults{}, v6Addrs[1]); err != nil {
		return nil, err
	}
	zonesOf := func(r int32, out []*lab.Zone) []*lab.Zone {
		out = append(out, provZones[r])
		for _, d := range p.providers[r].domains {
			out = append(out, domZones[d])
		}
		return out
	}
	for r := range p.providers {
		pr := &p.providers[r]
		if pr.head < 0 {
			continue
		}
		zones := zonesOf(int32(r), make([]*lab.Zone, 0, len(pr.domains)+1))
		for j := range pr.ns {
			if err := add("ns"+strconv.Itoa(j+1)+"."+pr.name, zones, lab.Faults{}, pr.addrs[j]); err != nil {
				return nil, err
			}
		}
	}
	for i := range p.platforms {
		pl := &p.platforms[i]
		for j := range pl.addrs {
			var zones []*lab.Zone
			name := ""
			for _, r := range pl.providers {
				if p.providers[r].ns > j {
					zones = zonesOf(r, zones)
					if name == "" {
						name = "ns" + strconv.Itoa(j+1) + "." + p.providers[r].name
					}
				}
			}
			if name == "" {
				continue // no provider uses the address
			}
			var f lab.Faults
			if j == 1 {
				switch pl.fault {
				case unreachable:
					continue
				case lame:
					f.Lame, zones = true, nil
				case recursive:
					f.Recursive = true
				case axfrOpen:
					f.AXFROpen = true
				}
			}
			if err := add(name, zones, f, pl.addrs[j]); err != nil {
				return nil, err
			}
		}
	}
	if err := w.Build(); err != nil {
		return nil, fmt.Errorf("gen: build: %w", err)
	}
	return w, nil
}
