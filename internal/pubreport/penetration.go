package pubreport

import (
	"sort"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
)

// Penetration is a country's domain name penetration in a run: the
// domains measured under its ccTLD per 1,000 inhabitants.
type Penetration struct {
	Country     string
	Domains     int
	Population  int64 // 0 when the table has no figure for the country
	Year        int
	PerThousand float64 // 1000 × Domains / Population; 0 without a population
}

// Penetrations returns the penetration of every country the rows have a
// domain in, by country code.
func Penetrations(rows []indicators.Row) []Penetration {
	n := map[string]int{}
	for i := range rows {
		if c := rows[i].Country; c != "" {
			n[c]++
		}
	}
	out := make([]Penetration, 0, len(n))
	for c, d := range n {
		out = append(out, penetration(c, d))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Country < out[j].Country })
	return out
}

func penetration(cc string, domains int) Penetration {
	p := Penetration{Country: cc, Domains: domains}
	if pop, ok := PopulationOf(cc); ok {
		p.Population, p.Year = pop.People, pop.Year
		p.PerThousand = 1000 * float64(domains) / float64(pop.People)
	}
	return p
}

// IsIDN reports whether a domain name has an IDN label (an A-label,
// "xn--", standing for a U-label).
func IsIDN(domain string) bool {
	for _, l := range strings.Split(strings.ToLower(domain), ".") {
		if strings.HasPrefix(l, "xn--") {
			return true
		}
	}
	return false
}

// IDNShare is the share of IDN domains of a TLD in a run.
type IDNShare struct {
	TLD     string
	Domains int
	IDN     int
	Pct     float64 // 100 × IDN / Domains
}

// IDNShares returns the IDN share of every TLD the rows have a domain in,
// by TLD.
func IDNShares(rows []indicators.Row) []IDNShare {
	m := map[string]*IDNShare{}
	for i := range rows {
		s := m[rows[i].TLD]
		if s == nil {
			s = &IDNShare{TLD: rows[i].TLD}
			m[rows[i].TLD] = s
		}
		s.Domains++
		if IsIDN(rows[i].Domain) {
			s.IDN++
		}
	}
	out := make([]IDNShare, 0, len(m))
	for _, s := range m {
		s.Pct = 100 * float64(s.IDN) / float64(s.Domains)
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].TLD < out[j].TLD })
	return out
}
