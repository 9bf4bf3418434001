// Package indicators computes the Observatory's headline indicators of a
// scope (the region, a country, a TLD) of a run, from the run's export
// rows, exactly as issue 15's Interface defines them: each is 100 × n / D
// over the scope's D domains (0 when D is 0), n counting the domains
// where it holds. It is pure: rows in, numbers out; a recount from the
// JSONL export (ReadJSONL) gives the same numbers as the dashboard, the
// API and the report.
package indicators

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
)

// Names are the seven headline indicators, in the order they are shown.
var Names = []string{
	"dnssec_signed_pct", "dnssec_valid_pct", "ipv6_ready_pct", "ns_multi_asn_pct",
	"lame_pct", "open_recursion_pct", "open_axfr_pct",
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

// Row is what the indicators read of one domain's export record (the
// `check --json` object plus tld and country).
type Row struct {
	Domain       string   // "example.cl."
	TLD          string   // last label, "cl"
	Country      string   // the ccTLD's ISO code, "CL"; "" for gTLDs (null in JSON)
	DNSSECStatus string   // dnssec.status: secure, insecure, bogus, indeterminate
	IPv6Ready    bool     // ipv6.ready
	ASNs         []uint32 // nameservers[].addresses[].asn, non-null (repeats allowed)
	Findings     []string // findings[].id (repeats allowed)
}

// Scope is what the domains counted are: the region (all), a country or a TLD.
type Scope struct {
	Kind  string // "region", "country" or "tld"
	Value string // the country code (upper case) or the TLD (lower case); "" for the region
}

// Region is the scope of every domain.
var Region = Scope{Kind: "region"}

// String is the scope as the API writes it: region, country:CL, tld:cl.
func (s Scope) String() string {
	if s.Kind == "region" {
		return "region"
	}
	return s.Kind + ":" + s.Value
}

// ParseScope reads region, country:CC or tld:TLD (letter case is folded).
func ParseScope(s string) (Scope, error) {
	kind, val, _ := strings.Cut(s, ":")
	switch {
	case s == "region":
		return Region, nil
	case kind == "country" && len(val) == 2:
		return Scope{"country", strings.ToUpper(val)}, nil
	case kind == "tld" && val != "" && !strings.ContainsAny(val, ". "):
		return Scope{"tld", strings.ToLower(val)}, nil
	}
	return Scope{}, fmt.Errorf("scope %q: want region, country:CC or tld:TLD", s)
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

// Result is a scope's indicators, with the JSON names of the API's
// aggregates.
type Result struct {
	Domains          int            `json:"domains"`
	DNSSECSignedPct  float64        `json:"dnssec_signed_pct"`
	DNSSECValidPct   float64        `json:"dnssec_valid_pct"`
	IPv6ReadyPct     float64        `json:"ipv6_ready_pct"`
	NSMultiASNPct    float64        `json:"ns_multi_asn_pct"`
	LamePct          float64        `json:"lame_pct"`
	OpenRecursionPct float64        `json:"open_recursion_pct"`
	OpenAXFRPct      float64        `json:"open_axfr_pct"`
	Findings         map[string]int `json:"findings"` // domains with each finding ID
}

// Value returns the indicator called name (one of Names); ok is false for
// another name.
func (r Result) Value(name string) (v float64, ok bool) {
	switch name {
	case "dnssec_signed_pct":
		return r.DNSSECSignedPct, true
	case "dnssec_valid_pct":
		return r.DNSSECValidPct, true
	case "ipv6_ready_pct":
		return r.IPv6ReadyPct, true
	case "ns_multi_asn_pct":
		return r.NSMultiASNPct, true
	case "lame_pct":
		return r.LamePct, true
	case "open_recursion_pct":
		return r.OpenRecursionPct, true
	case "open_axfr_pct":
		return r.OpenAXFRPct, true
	}
	return 0, false
}

// Compute returns the indicators of scope over rows.
func Compute(rows []Row, scope Scope) Result {
	res := Result{Findings: map[string]int{}}
	var signed, valid, v6, multi, lame, rec, axfr int
	for i := range rows {
		r := &rows[i]
		if !scope.In(r) {
			continue
		}
		res.Domains++
		switch r.DNSSECStatus {
		case "secure":
			signed++
			valid++
		case "bogus":
			signed++
		}
		if r.IPv6Ready {
			v6++
		}
		if distinct(r.ASNs) >= 2 {
			multi++
		}
		seen := map[string]bool{}
		for _, id := range r.Findings {
			if seen[id] {
				continue
			}
			seen[id] = true
			res.Findings[id]++
			switch id {
			case "NS_LAME":
				lame++
			case "NS_RECURSIVE":
				rec++
			case "NS_AXFR_OPEN":
				axfr++
			}
		}
	}
	pct := func(n int) float64 {
		if res.Domains == 0 {
			return 0
		}
		return 100 * float64(n) / float64(res.Domains)
	}
	res.DNSSECSignedPct, res.DNSSECValidPct, res.IPv6ReadyPct = pct(signed), pct(valid), pct(v6)
	res.NSMultiASNPct, res.LamePct, res.OpenRecursionPct, res.OpenAXFRPct = pct(multi), pct(lame), pct(rec), pct(axfr)
	return res
}

func distinct(asns []uint32) int {
	n := 0
	for i, a := range asns {
		dup := false
		for _, b := range asns[:i] {
			dup = dup || a == b
		}
		if !dup {
			n++
		}
	}
	return n
}

// record is the part of an export line the indicators read.
type record struct {
	Domain  string  `json:"domain"`
	TLD     string  `json:"tld"`
	Country *string `json:"country"`
	DNSSEC  *struct {
		Status string `json:"status"`
	} `json:"dnssec"`
	IPv6 *struct {
		Ready bool `json:"ready"`
	} `json:"ipv6"`
	Nameservers []struct {
		Addresses []struct {
			ASN *uint32 `json:"asn"`
		} `json:"addresses"`
	} `json:"nameservers"`
	Findings []struct {
		ID string `json:"id"`
	} `json:"findings"`
}

// ParseRow reads one line of a run's JSONL export. Without tld, the TLD is
// the domain's last label; without country (absent, not null), the
// ccTLD's country (dnsname.Country).
func ParseRow(line []byte) (Row, error) {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return Row{}, fmt.Errorf("indicators: export record: %w", err)
	}
	r := Row{Domain: rec.Domain, TLD: rec.TLD}
	if r.TLD == "" { // a store's export from before tld and country were added
		r.TLD = dnsname.TLD(rec.Domain)
	}
	if rec.Country != nil {
		r.Country = *rec.Country
	} else {
		r.Country = dnsname.Country(r.TLD)
	}
	if rec.DNSSEC != nil {
		r.DNSSECStatus = rec.DNSSEC.Status
	}
	if rec.IPv6 != nil {
		r.IPv6Ready = rec.IPv6.Ready
	}
	for _, ns := range rec.Nameservers {
		for _, a := range ns.Addresses {
			if a.ASN != nil && *a.ASN != 0 {
				r.ASNs = append(r.ASNs, *a.ASN)
			}
		}
	}
	for _, f := range rec.Findings {
		r.Findings = append(r.Findings, f.ID)
	}
	return r, nil
}

// ReadJSONL reads a run's JSONL export, one row per line.
func ReadJSONL(rd io.Reader) ([]Row, error) {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	var rows []Row
	for n := 1; sc.Scan(); n++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		r, err := ParseRow(sc.Bytes())
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("indicators: read export: %w", err)
	}
	return rows, nil
}
