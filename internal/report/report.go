// Package report turns a domain's observations into its health report: it
// hands them to the pure analysis (internal/analyze: server results, DNSSEC
// validation, IPv6 readiness) and the check catalog, assembles what they
// return, and renders it for people (text) and programs (JSON). It
// interprets nothing itself.
package report

import (
	"net/netip"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Report is the health report of one domain: the JSON form of
// `dnsobs check --json` and of each line of a scan's output.
type Report struct {
	Domain      string             `json:"domain"`
	CheckedAt   time.Time          `json:"checked_at"`
	EvaluatedAt time.Time          `json:"evaluated_at"`
	Error       string             `json:"error,omitempty"`
	Delegation  observe.Delegation `json:"delegation"`
	DNSSEC      *dnssec.Result     `json:"dnssec"`
	Nameservers []Nameserver       `json:"nameservers"`
	Findings    []check.Finding    `json:"findings"`
	IPv6        IPv6               `json:"ipv6"`
	Summary     Summary            `json:"summary"`
	QueriesSent int                `json:"queries_sent"`
	Queries     []*observe.Query   `json:"queries,omitempty"` // with --explain / --observations
}

// Nameserver is one NS name and its addresses with their probe results.
type Nameserver struct {
	Name         string    `json:"name"`
	InParent     bool      `json:"in_parent"`
	InChild      bool      `json:"in_child"`
	CNAME        string    `json:"cname,omitempty"`
	ResolveError string    `json:"resolve_error,omitempty"`
	Addresses    []Address `json:"addresses"`
}

// Address is one nameserver address.
type Address struct {
	Addr     netip.Addr            `json:"addr"`
	Family   string                `json:"family"`
	FromGlue bool                  `json:"from_glue,omitempty"`
	ASN      uint32                `json:"asn,omitempty"`
	ASOrg    string                `json:"as_org,omitempty"`
	Country  string                `json:"country,omitempty"`
	Prefix   string                `json:"prefix"`
	Probe    *analyze.ServerResult `json:"probe,omitempty"`
}

// IPv6 is the domain's IPv6 readiness (read by internal/analyze).
type IPv6 = analyze.IPv6

// Summary counts what the report holds.
type Summary struct {
	Nameservers int            `json:"nameservers"`
	Addresses   int            `json:"addresses"`
	ASNs        int            `json:"asns"`
	Prefixes    int            `json:"prefixes"`
	Countries   int            `json:"countries"`
	Findings    map[string]int `json:"findings"` // by severity
	Worst       string         `json:"worst,omitempty"`
}

// Options of Build.
type Options struct {
	Anchors      []dns.RR  // the root trust anchor
	At           time.Time // evaluation time; zero means the collection time
	Lang         string    // en, es, pt, fr
	Observations bool      // include the raw queries
	// Select keeps only the findings of the chosen checks (check --only,
	// --skip); nil keeps all. The summary counts what is kept.
	Select *check.Selection
	// Verified, when set, is shared by the reports of a run so that
	// signatures common to many domains (the root's, the TLD's) are
	// verified once.
	Verified *dnssec.VerifyCache
}

// Build analyses d (internal/analyze, then every registered check) and
// assembles the report. It does no I/O.
func Build(d *observe.Domain, opt Options) *Report {
	in := analyze.Domain(d, analyze.Options{Anchors: opt.Anchors, At: opt.At, Verified: opt.Verified})
	r := &Report{
		Domain: d.Domain, CheckedAt: d.CollectedAt, EvaluatedAt: in.At, Error: d.Error,
		Delegation: d.Delegation, Findings: []check.Finding{}, Nameservers: []Nameserver{},
		DNSSEC: in.DNSSEC,
	}
	r.Findings = append(r.Findings, opt.Select.Filter(check.Run(in))...)
	for i := range r.Findings {
		check.Render(&r.Findings[i], opt.Lang)
	}
	for _, ns := range d.Nameservers {
		n := Nameserver{Name: ns.Name, InParent: ns.InParent, InChild: ns.InChild, CNAME: ns.CNAME,
			ResolveError: ns.ResolveError, Addresses: []Address{}}
		for _, a := range ns.Addresses {
			ad := Address{Addr: a.Addr, FromGlue: a.FromGlue, Family: "ipv4", Probe: in.Servers[a.Addr],
				Prefix: analyze.AddressPrefix(a)}
			if analyze.IsIPv6(a.Addr) {
				ad.Family = "ipv6"
			}
			if a.Geo != nil {
				ad.ASN, ad.ASOrg, ad.Country = a.Geo.ASN, a.Geo.ASOrg, a.Geo.Country
			}
			n.Addresses = append(n.Addresses, ad)
		}
		r.Nameservers = append(r.Nameservers, n)
	}
	r.IPv6 = analyze.IPv6Readiness(in)

	sp := analyze.SpreadOf(d)
	r.Summary = Summary{Nameservers: sp.Nameservers, Addresses: sp.Addresses, ASNs: sp.ASNs,
		Prefixes: sp.Prefixes, Countries: sp.Countries, Findings: map[string]int{}}
	for _, f := range r.Findings {
		r.Summary.Findings[f.Severity.String()]++
	}
	if len(r.Findings) > 0 {
		r.Summary.Worst = r.Findings[0].Severity.String()
	}
	for _, q := range d.Queries {
		if !q.Shared {
			r.QueriesSent += q.Attempts
		}
	}
	if opt.Observations {
		r.Queries = d.Queries
	}
	return r
}

// Worst returns the highest severity among the findings, and false when
// there are none.
func (r *Report) Worst() (check.Severity, bool) {
	if len(r.Findings) == 0 {
		return 0, false
	}
	return r.Findings[0].Severity, true
}
