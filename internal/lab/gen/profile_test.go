package gen

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
)

// lacMonths are the built-in LAC world at 1,000 domains, months 0 and 1.
var lacMonths = sync.OnceValues(func() ([2]*Plan, error) {
	var out [2]*Plan
	for m := range out {
		p, err := NewPlan(Options{Domains: 1000, Seed: 1, Now: testNow, Profiles: LAC(), Month: m})
		if err != nil {
			return out, err
		}
		out[m] = p
	}
	return out, nil
})

func TestLACDemoWorld(t *testing.T) {
	plans, err := lacMonths()
	if err != nil {
		t.Fatal(err)
	}
	p0, p1 := plans[0], plans[1]
	want := []string{"br.", "co.", "mx.", "ar.", "cl.", "pe.", "uy.", "ec.", "ve.", "py.", "bo."}
	if !slices.Equal(p1.tlds, want) {
		t.Fatalf("TLDs %v, want %v", p1.tlds, want)
	}
	perTLD := map[string]int{}
	idn := map[string]int{}
	signed := map[string]int{}
	for i, d := range p1.Domains() {
		tld := d[strings.LastIndexByte(d[:len(d)-1], '.')+1:]
		perTLD[tld]++
		if strings.HasPrefix(d, "xn--") {
			idn[tld]++
		}
		if p1.info[i].signed {
			signed[tld]++
		}
	}
	t.Logf("domains %v, IDN %v, signed %v", perTLD, idn, signed)
	if n := len(p1.Domains()); n != 1000 {
		t.Errorf("month 1: %d domains, want 1000", n)
	}
	if n := len(p0.Domains()); n >= 1000 || n < 950 {
		t.Errorf("month 0: %d domains, want a few fewer than 1000 (those registered during the month)", n)
	}
	for _, tld := range want {
		if perTLD[tld] == 0 || idn[tld] == 0 {
			t.Errorf("%s: %d domains, %d IDN: want some of each", tld, perTLD[tld], idn[tld])
		}
	}
	if perTLD["br."] < 4*perTLD["cl."] || perTLD["cl."] < 4*perTLD["bo."] {
		t.Errorf("sizes do not follow the weights: %v", perTLD)
	}
	rate := func(tld string) float64 { return float64(signed[tld]) / float64(perTLD[tld]) }
	if rate("br.") < 2*rate("co.") {
		t.Errorf("signed .br %.2f, .co %.2f: want .br well above", rate("br."), rate("co."))
	}

	bogus := [2]int{}
	for m, p := range plans {
		for i := range p.info {
			if p.info[i].bogus {
				bogus[m]++
				if !p.info[i].signed || p.domainSpec(i) == nil || !p.domainSpec(i).Faults.Expired {
					t.Fatalf("month %d: %s bogus but not signed with expired signatures", m, p.domains[i])
				}
			}
		}
	}
	if bogus[0] == 0 || bogus[1] >= bogus[0]+3 {
		t.Errorf("bogus domains: %d at month 0, %d at month 1: want some, fewer or about as many later", bogus[0], bogus[1])
	}

	// A month later, every earlier decision holds and some are added.
	gained := 0
	for i := range p0.info {
		a, b := p0.info[i], p1.info[i]
		if a.signed && !b.signed || a.v6 && !b.v6 || a.provider != b.provider || p0.domains[i] != p1.domains[i] {
			t.Fatalf("domain %s changed backwards between months: %+v → %+v", p0.domains[i], a, b)
		}
		if !a.signed && b.signed || !a.v6 && b.v6 {
			gained++
		}
	}
	if gained == 0 {
		t.Error("no domain got signed or IPv6 in a month")
	}
	faults := func(p *Plan) map[int32]fault {
		m := map[int32]fault{}
		for _, pl := range p.platforms {
			for _, r := range pl.providers {
				m[r] = pl.fault
			}
		}
		return m
	}
	f0, f1 := faults(p0), faults(p1)
	fixed, broken := 0, 0
	for r := range f0 {
		switch {
		case f0[r] != healthy && f1[r] == healthy:
			fixed++
		case f0[r] == healthy && f1[r] != healthy:
			broken++
		}
	}
	if fixed == 0 || broken == 0 {
		t.Errorf("a month later %d providers' faults fixed, %d new: want some of each", fixed, broken)
	}

	// The MMDB data: TLD servers in their registry's country, every
	// hoster in one of the world's countries, through real MMDB files.
	countries := map[string]bool{}
	for _, pf := range LAC() {
		countries[pf.Country] = true
	}
	dir := t.TempDir()
	asn, ctry, err := geo.WriteDatabases(dir, p1.Networks())
	if err != nil {
		t.Fatal(err)
	}
	db, err := geo.Open(asn, ctry)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for ti, pf := range LAC() {
		g := db.Lookup(tldAddr(ti, 1))
		if g.Country != pf.Country || g.ASN != 64600+uint32(ti) {
			t.Errorf("%s server: %+v, want country %s", pf.Name, g, pf.Country)
		}
	}
	hosters := map[string]int{}
	for r := range p1.providers {
		pr := &p1.providers[r]
		g := db.Lookup(pr.addrs[0])
		if !countries[g.Country] || g.ASN != pr.asn {
			t.Errorf("%s: %+v, want ASN %d in a LAC world country", pr.name, g, pr.asn)
		}
		hosters[g.Country]++
	}
	if len(hosters) < 6 {
		t.Errorf("hosters in %v: want most of the countries", slices.Sorted(maps.Keys(hosters)))
	}
}
