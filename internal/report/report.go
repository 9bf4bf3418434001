// Package report turns a domain's observations into its health report:
// it runs the pure analyses (probe results, DNSSEC validation, the check
// catalog) and renders the result for people (text) and programs (JSON).
package report

import (
	"net/netip"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/probe"
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
	Addr     netip.Addr    `json:"addr"`
	Family   string        `json:"family"`
	FromGlue bool          `json:"from_glue,omitempty"`
	ASN      uint32        `json:"asn,omitempty"`
	ASOrg    string        `json:"as_org,omitempty"`
	Country  string        `json:"country,omitempty"`
	Prefix   string        `json:"prefix"`
	Probe    *probe.Result `json:"probe,omitempty"`
}

// IPv6 is the domain's IPv6 readiness.
type IPv6 struct {
	NSTotal          int  `json:"ns_total"`
	NSWithAAAA       int  `json:"ns_with_aaaa"`
	AddrsV6          int  `json:"addresses_v6"`
	AddrsV6Answering int  `json:"addresses_v6_answering"`
	ApexAAAA         bool `json:"apex_aaaa"`
	WWWAAAA          bool `json:"www_aaaa"`
	MXTotal          int  `json:"mx_total"`
	MXWithAAAA       int  `json:"mx_with_aaaa"`
	Ready            bool `json:"ready"` // a nameserver answers over IPv6 and the apex or www has AAAA
}

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
	// Verified, when set, is shared by the reports of a run so that
	// signatures common to many domains (the root's, the TLD's) are
	// verified once.
	Verified *dnssec.VerifyCache
}

// Build analyses d. It does no I/O.
func Build(d *observe.Domain, opt Options) *Report {
	at := opt.At
	if at.IsZero() {
		at = d.CollectedAt
	}
	r := &Report{
		Domain: d.Domain, CheckedAt: d.CollectedAt, EvaluatedAt: at, Error: d.Error,
		Delegation: d.Delegation, Findings: []check.Finding{}, Nameservers: []Nameserver{},
	}
	in := &check.Input{Domain: d, At: at, Servers: map[netip.Addr]*probe.Result{}}
	for _, a := range d.Addresses() {
		in.Servers[a] = probe.Analyze(d, a, d.Domain)
	}
	if d.Delegation.Status == observe.Delegated || d.Delegation.Status == observe.UserSupplied {
		in.DNSSEC = dnssec.AnalyzeWith(d, dnssec.Options{Anchors: opt.Anchors, At: at, Cache: opt.Verified})
	}
	r.DNSSEC = in.DNSSEC
	r.Findings = append(r.Findings, check.Run(in)...)
	for i := range r.Findings {
		check.Render(&r.Findings[i], opt.Lang)
	}

	asns, prefixes, countries := map[uint32]bool{}, map[string]bool{}, map[string]bool{}
	for _, ns := range d.Nameservers {
		n := Nameserver{Name: ns.Name, InParent: ns.InParent, InChild: ns.InChild, CNAME: ns.CNAME,
			ResolveError: ns.ResolveError, Addresses: []Address{}}
		hasV6 := false
		for _, a := range ns.Addresses {
			ad := Address{Addr: a.Addr, FromGlue: a.FromGlue, Family: "ipv4", Probe: in.Servers[a.Addr]}
			if a.Addr.Is6() && !a.Addr.Is4In6() {
				ad.Family = "ipv6"
				hasV6 = true
			}
			if a.Geo != nil {
				ad.ASN, ad.ASOrg, ad.Country, ad.Prefix = a.Geo.ASN, a.Geo.ASOrg, a.Geo.Country, a.Geo.Prefix
			}
			if ad.Prefix == "" {
				bits := 24
				if ad.Family == "ipv6" {
					bits = 48
				}
				p, _ := a.Addr.Unmap().Prefix(bits)
				ad.Prefix = p.String()
			}
			if ad.ASN != 0 {
				asns[ad.ASN] = true
			}
			if ad.Country != "" {
				countries[ad.Country] = true
			}
			prefixes[ad.Prefix] = true
			n.Addresses = append(n.Addresses, ad)
		}
		if hasV6 {
			r.IPv6.NSWithAAAA++
		}
		r.Nameservers = append(r.Nameservers, n)
	}
	r.IPv6.NSTotal = len(d.Nameservers)
	for _, a := range d.Addresses() {
		if a.Is6() && !a.Is4In6() {
			r.IPv6.AddrsV6++
			if s := in.Servers[a]; s != nil && s.Reachable {
				r.IPv6.AddrsV6Answering++
			}
		}
	}
	r.IPv6.ApexAAAA = hasAAAA(d.Find(observe.PurposeApexAAAA, netip.Addr{}, ""))
	r.IPv6.WWWAAAA = hasAAAA(d.Find(observe.PurposeWWWAAAA, netip.Addr{}, ""))
	mx := map[string]bool{}
	for _, q := range d.Find(observe.PurposeMXAAAA, netip.Addr{}, "") {
		mx[q.QName] = mx[q.QName] || hasAAAA([]*observe.Query{q})
	}
	r.IPv6.MXTotal = len(mx)
	for _, ok := range mx {
		if ok {
			r.IPv6.MXWithAAAA++
		}
	}
	r.IPv6.Ready = r.IPv6.AddrsV6Answering > 0 && (r.IPv6.ApexAAAA || r.IPv6.WWWAAAA)

	r.Summary = Summary{Nameservers: len(d.Nameservers), Addresses: len(d.Addresses()), ASNs: len(asns),
		Prefixes: len(prefixes), Countries: len(countries), Findings: map[string]int{}}
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

func hasAAAA(qs []*observe.Query) bool {
	for _, q := range qs {
		if !q.Answered() {
			continue
		}
		for _, rr := range q.Msg().Answer {
			if rr.Header().Rrtype == dns.TypeAAAA {
				return true
			}
		}
	}
	return false
}

// Worst returns the highest severity among the findings, and false when
// there are none.
func (r *Report) Worst() (check.Severity, bool) {
	if len(r.Findings) == 0 {
		return 0, false
	}
	return r.Findings[0].Severity, true
}
