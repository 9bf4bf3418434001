package scan

import (
	"encoding/json"
	"fmt"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// NewRecord is what the store keeps of rep: its JSON without raw queries
// (js when given, rep's JSON made by the caller, e.g. its --jsonl line)
// and the fields the store's tables index.
func NewRecord(rep *report.Report, js []byte) (store.Record, error) {
	if js == nil || len(rep.Queries) > 0 {
		stored := *rep
		stored.Queries = nil // raw queries live in the observations
		var err error
		if js, err = json.Marshal(&stored); err != nil {
			return store.Record{}, fmt.Errorf("scan: encode the report of %s: %w", rep.Domain, err)
		}
	}
	r := store.Record{
		Domain: rep.Domain, CheckedAt: rep.CheckedAt, Error: rep.Error,
		ASNs: rep.Summary.ASNs, Prefixes: rep.Summary.Prefixes, Countries: rep.Summary.Countries,
		IPv6Ready: rep.IPv6.Ready, NSIPv6: rep.IPv6.AddrsV6Answering > 0,
		QueriesSent: int64(rep.QueriesSent), JSON: js,
	}
	if rep.DNSSEC != nil {
		r.DNSSECStatus = string(rep.DNSSEC.Status)
	}
	if len(rep.Findings) > 0 {
		worst := rep.Findings[0].Severity
		for _, f := range rep.Findings {
			worst = max(worst, f.Severity)
			r.Findings = append(r.Findings, finding(f))
		}
		r.WorstSeverity = worst.String()
	}
	for _, ns := range rep.Nameservers {
		n := store.Nameserver{Name: ns.Name, InParent: ns.InParent, InChild: ns.InChild, CNAME: ns.CNAME,
			ResolveError: ns.ResolveError}
		for _, a := range ns.Addresses {
			n.Addresses = append(n.Addresses, store.Address{Addr: a.Addr, Family: a.Family, ASN: a.ASN,
				ASOrg: a.ASOrg, Country: a.Country, Prefix: a.Prefix, Probe: probeOf(a)})
		}
		r.Nameservers = append(r.Nameservers, n)
	}
	return r, nil
}

func finding(f check.Finding) store.Finding {
	return store.Finding{ID: f.ID, Severity: f.Severity.String(), Category: string(f.Category),
		Subject: f.Subject, Detail: f.Detail}
}

// probeOf is what the probe of address a found, nil when not probed.
func probeOf(a report.Address) *store.Probe {
	p := a.Probe
	if p == nil {
		return nil
	}
	return &store.Probe{Reachable: p.Reachable, Authoritative: p.Authoritative, UDP: p.UDP, TCP: p.TCP,
		Recursive: p.Recursive, AXFROpen: p.AXFROpen, EDNS0: p.EDNS.EDNS0, RTTUDP: p.RTTUDP, RTTTCP: p.RTTTCP}
}
