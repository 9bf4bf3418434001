// Package indicators computes the Observatory's seven headline indicators
// of a run, for the region, a country or a TLD, from the domains' records
// (the `check --json` object of each, as the store's jsonl export gives
// them, with `tld` and `country`). It is pure: records in, numbers out.
//
// Over the D domains of a scope, each indicator is 100 × n / D (0 when D
// is 0), unrounded, n counting the domains where:
//
//	dnssec_signed_pct   dnssec.status is secure or bogus
//	dnssec_valid_pct    dnssec.status is secure
//	ipv6_ready_pct      ipv6.ready is true
//	ns_multi_asn_pct    2 or more distinct non-null nameservers[].addresses[].asn
//	lame_pct            a finding NS_LAME
//	open_recursion_pct  a finding NS_RECURSIVE
//	open_axfr_pct       a finding NS_AXFR_OPEN
//
// and findings[ID] counts the domains with at least one finding ID (not
// occurrences).
package indicators

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
)

// Names are the seven indicators, in the order pages show them.
var Names = []string{"dnssec_signed_pct", "dnssec_valid_pct", "ipv6_ready_pct", "ns_multi_asn_pct",
	"lame_pct", "open_recursion_pct", "open_axfr_pct"}

// Finding IDs three indicators count.
const (
	lameID      = "NS_LAME"
	recursionID = "NS_RECURSIVE"
	axfrID      = "NS_AXFR_OPEN"
)

// Indicators are a scope's figures: the JSON of GET /api/v1/aggregates.
type Indicators struct {
	Domains          int            `json:"domains"`
	DNSSECSignedPct  float64        `json:"dnssec_signed_pct"`
	DNSSECValidPct   float64        `json:"dnssec_valid_pct"`
	IPv6ReadyPct     float64        `json:"ipv6_ready_pct"`
	NSMultiASNPct    float64        `json:"ns_multi_asn_pct"`
	LamePct          float64        `json:"lame_pct"`
	OpenRecursionPct float64        `json:"open_recursion_pct"`
	OpenAXFRPct      float64        `json:"open_axfr_pct"`
	Findings         map[string]int `json:"findings"`
}

// Value returns the indicator called name (one of Names), and false for
// another name.
func (in Indicators) Value(name string) (float64, bool) {
	switch name {
	case "dnssec_signed_pct":
		return in.DNSSECSignedPct, true
	case "dnssec_valid_pct":
		return in.DNSSECValidPct, true
	case "ipv6_ready_pct":
		return in.IPv6ReadyPct, true
	case "ns_multi_asn_pct":
		return in.NSMultiASNPct, true
	case "lame_pct":
		return in.LamePct, true
	case "open_recursion_pct":
		return in.OpenRecursionPct, true
	case "open_axfr_pct":
		return in.OpenAXFRPct, true
	}
	return 0, false
}

// Record is what the indicators read of a domain's record: a subset of the
// `check --json` object, plus the export's tld and country.
type Record struct {
	Domain  string  `json:"domain"`
	TLD     string  `json:"tld"`
	Country *string `json:"country"`
	DNSSEC  *struct {
		Status string `json:"status"`
	} `json:"dnssec"`
	IPv6 struct {
		Ready bool `json:"ready"`
	} `json:"ipv6"`
	Nameservers []struct {
		Addresses []struct {
			ASN uint32 `json:"asn"` // omitted (0) when unknown: null
		} `json:"addresses"`
	} `json:"nameservers"`
	Findings []struct {
		ID string `json:"id"`
	} `json:"findings"`
}

// Place returns the record's TLD and country: the record's own fields when
// set (the jsonl export's), else derived from its domain name.
func (r *Record) Place() (tld, country string) {
	tld = r.TLD
	if tld == "" {
		tld = dnsname.TLD(r.Domain)
	}
	if r.Country != nil {
		return tld, *r.Country
	}
	return tld, dnsname.Country(tld)
}

// Counts are the n of each indicator over Domains domains.
type Counts struct {
	Domains, Signed, Valid, IPv6Ready, MultiASN, Lame, Recursion, AXFR int
	Findings                                                           map[string]int
}

// Row is what the indicators read of one domain, flat: the part of its
// record (Record.Row) they count. Compute counts rows; a Tally counts
// records as they are read. Both go through Counts.add, the one place the
// formulas are.
type Row struct {
	Domain       string   // "example.cl."
	TLD          string   // last label, "cl"
	Country      string   // the ccTLD's ISO code, "CL"; "" for gTLDs (null in JSON)
	DNSSECStatus string   // dnssec.status: secure, insecure, bogus, indeterminate
	IPv6Ready    bool     // ipv6.ready
	ASNs         []uint32 // nameservers[].addresses[].asn, non-null (repeats allowed)
	Findings     []string // findings[].id (repeats allowed)
}

// Row flattens the record.
func (r *Record) Row() Row {
	row := Row{Domain: r.Domain, IPv6Ready: r.IPv6.Ready}
	row.TLD, row.Country = r.Place()
	if r.DNSSEC != nil {
		row.DNSSECStatus = r.DNSSEC.Status
	}
	for _, ns := range r.Nameservers {
		for _, a := range ns.Addresses {
			if a.ASN != 0 {
				row.ASNs = append(row.ASNs, a.ASN)
			}
		}
	}
	for _, f := range r.Findings {
		row.Findings = append(row.Findings, f.ID)
	}
	return row
}

// add counts one domain.
func (c *Counts) add(r *Row) {
	c.Domains++
	switch r.DNSSECStatus {
	case "secure":
		c.Signed++
		c.Valid++
	case "bogus":
		c.Signed++
	}
	if r.IPv6Ready {
		c.IPv6Ready++
	}
	var first uint32
	multi := false
	for _, a := range r.ASNs {
		switch {
		case a == 0:
		case first == 0:
			first = a
		case a != first:
			multi = true
		}
	}
	if multi {
		c.MultiASN++
	}
	seen := map[string]bool{}
	for _, id := range r.Findings {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		if c.Findings == nil {
			c.Findings = map[string]int{}
		}
		c.Findings[id]++
	}
	if seen[lameID] {
		c.Lame++
	}
	if seen[recursionID] {
		c.Recursion++
	}
	if seen[axfrID] {
		c.AXFR++
	}
}

// Result is a scope's indicators (the name the public report uses).
type Result = Indicators

// Compute returns the indicators of scope over rows.
func Compute(rows []Row, scope Scope) Result {
	var c Counts
	for i := range rows {
		if scope.In(&rows[i]) {
			c.add(&rows[i])
		}
	}
	in := c.Indicators()
	if in.Findings == nil {
		in.Findings = map[string]int{}
	}
	return in
}

// In reports whether r is in scope s.
func (s Scope) In(r *Row) bool {
	switch s.Kind {
	case "country":
		return r.Country == s.Value
	case "tld":
		return r.TLD == s.Value
	}
	return true
}

// LowerIsBetter reports whether indicator name measures a fault (lame,
// open recursion, open AXFR): less is better.
func LowerIsBetter(name string) bool {
	switch name {
	case "lame_pct", "open_recursion_pct", "open_axfr_pct":
		return true
	}
	return false
}

// Indicators turns the counts into percentages.
func (c Counts) Indicators() Indicators {
	pct := func(n int) float64 {
		if c.Domains == 0 {
			return 0
		}
		return 100 * float64(n) / float64(c.Domains)
	}
	f := make(map[string]int, len(c.Findings))
	for id, n := range c.Findings {
		f[id] = n
	}
	return Indicators{Domains: c.Domains, DNSSECSignedPct: pct(c.Signed), DNSSECValidPct: pct(c.Valid),
		IPv6ReadyPct: pct(c.IPv6Ready), NSMultiASNPct: pct(c.MultiASN), LamePct: pct(c.Lame),
		OpenRecursionPct: pct(c.Recursion), OpenAXFRPct: pct(c.AXFR), Findings: f}
}

// Scope is region, country:CC or tld:T.
type Scope struct {
	Kind  string // "region", "country" or "tld"
	Value string // CC upper case, or the TLD lower case; "" for region
}

// Region is the scope of every domain.
var Region = Scope{Kind: "region"}

func (s Scope) String() string {
	if s.Kind == "region" {
		return "region"
	}
	return s.Kind + ":" + s.Value
}

// ParseScope reads region, country:CC (two letters, any case) or tld:T (a
// DNS label, any case).
func ParseScope(s string) (Scope, error) {
	if s == "region" {
		return Region, nil
	}
	kind, v, ok := strings.Cut(s, ":")
	switch {
	case ok && kind == "country":
		if len(v) != 2 || !isLetters(v) {
			return Scope{}, fmt.Errorf("scope %s: a country is a two-letter ISO 3166-1 code, e.g. country:CL", dnsname.Quote(s))
		}
		return Scope{Kind: "country", Value: strings.ToUpper(v)}, nil
	case ok && kind == "tld":
		if v == "" || len(v) > 63 || !isLabel(v) {
			return Scope{}, fmt.Errorf("scope %s: a TLD is one label of letters, digits and hyphens, e.g. tld:cl", dnsname.Quote(s))
		}
		return Scope{Kind: "tld", Value: strings.ToLower(v)}, nil
	}
	return Scope{}, fmt.Errorf("scope %s: want region, country:CC or tld:TLD", dnsname.Quote(s))
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func isLabel(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		lc := c | 0x20
		if !(lc >= 'a' && lc <= 'z') && !(c >= '0' && c <= '9') && c != '-' {
			return false
		}
	}
	return s[0] != '-' && s[len(s)-1] != '-'
}

// Tally counts records into every scope they belong to: the region, their
// TLD and their country (when their TLD is a ccTLD).
type Tally struct {
	scopes map[Scope]*Counts
}

// NewTally returns an empty tally.
func NewTally() *Tally { return &Tally{scopes: map[Scope]*Counts{Region: {}}} }

// Add counts r in the region, its TLD and its country.
func (t *Tally) Add(r *Record) {
	row := r.Row()
	t.counts(Region).add(&row)
	t.counts(Scope{Kind: "tld", Value: strings.ToLower(row.TLD)}).add(&row)
	if row.Country != "" {
		t.counts(Scope{Kind: "country", Value: strings.ToUpper(row.Country)}).add(&row)
	}
}

func (t *Tally) counts(s Scope) *Counts {
	c := t.scopes[s]
	if c == nil {
		c = &Counts{}
		t.scopes[s] = c
	}
	return c
}

// Has reports whether any domain counted belongs to s (the region always).
func (t *Tally) Has(s Scope) bool { _, ok := t.scopes[s]; return ok }

// Counts returns the counts of s (zero when no domain is in it).
func (t *Tally) Counts(s Scope) Counts {
	if c := t.scopes[s]; c != nil {
		return *c
	}
	return Counts{}
}

// Indicators returns the indicators of s.
func (t *Tally) Indicators(s Scope) Indicators { return t.Counts(s).Indicators() }

// Scopes lists the scopes with domains of the given kind ("country" or
// "tld"), sorted by value.
func (t *Tally) Scopes(kind string) []Scope {
	var out []Scope
	for s := range t.scopes {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}

// maxLine is the longest JSONL record ReadJSONL takes.
const maxLine = 64 << 20

// ReadJSONL counts every record of a JSON Lines stream (the store's jsonl
// export, or `check --json` lines).
func ReadJSONL(r io.Reader) (*Tally, error) {
	t := NewTally()
	err := readRecords(r, func(rec *Record) { t.Add(rec) })
	if err != nil {
		return nil, err
	}
	return t, nil
}

// ReadRows reads every record of a JSON Lines stream as a Row, for
// Compute.
func ReadRows(r io.Reader) ([]Row, error) {
	var rows []Row
	err := readRecords(r, func(rec *Record) { rows = append(rows, rec.Row()) })
	return rows, err
}

// readRecords decodes each non-blank line of r as a Record.
func readRecords(r io.Reader, each func(*Record)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(b, &rec); err != nil {
			return fmt.Errorf("indicators: record on line %d: %w", line, err)
		}
		each(&rec)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("indicators: reading records: %w", err)
	}
	return nil
}
