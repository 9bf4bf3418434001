package observe

import (
	"net/netip"
	"time"
)

// Domain is everything collected about one domain: the whole input of
// analysis. Nothing in it is a verdict; it records what was asked and seen.
type Domain struct {
	Domain      string        `json:"domain"` // FQDN, lower case, A-labels
	CollectedAt time.Time     `json:"collected_at"`
	Undelegated bool          `json:"undelegated,omitempty"` // NS set given by the user (--undelegated), parent not asked
	Delegation  Delegation    `json:"delegation"`
	Chain       []ZoneCut     `json:"chain,omitempty"` // zone cuts from the root down to and including the domain
	Nameservers []*Nameserver `json:"nameservers"`
	Queries     []*Query      `json:"queries"`
	// Error says why collection stopped early (the domain does not exist,
	// no parent server answered...). Analysis still runs on what is there.
	Error string `json:"error,omitempty"`
	// UndelegatedDS are DS records given by the user (check --ds, only with
	// --undelegated), in zone-file form: they stand in for the parent's DS
	// RRset, and DNSSEC is validated from them.
	UndelegatedDS []string `json:"undelegated_ds,omitempty"`
	// Lab says the observations were collected in lab mode (--lab), where
	// loopback and private addresses are the world's own, globally
	// reachable in it (special.Lab).
	Lab bool `json:"lab,omitempty"`
}

// Delegation is what the parent zone says about the domain.
type Delegation struct {
	Parent        string                  `json:"parent"`         // the parent zone, e.g. "cl."
	ParentServers []netip.Addr            `json:"parent_servers"` // parent server addresses asked
	Status        DelegationStatus        `json:"status"`
	NS            []string                `json:"ns,omitempty"`   // NS names in the referral
	Glue          map[string][]netip.Addr `json:"glue,omitempty"` // glue addresses per NS name
	ReferralSeq   int                     `json:"referral_seq,omitempty"`
}

// DelegationStatus is the closed set of what the parent said.
type DelegationStatus string

// Delegation statuses.
const (
	Delegated    DelegationStatus = "delegated"     // a referral with NS records
	NotDelegated DelegationStatus = "nxdomain"      // the parent says the name does not exist
	NoDelegation DelegationStatus = "no_delegation" // the name exists in the parent but is not a zone cut
	ParentFailed DelegationStatus = "parent_failed" // no parent server gave a usable answer
	UserSupplied DelegationStatus = "undelegated"   // --undelegated: NS and addresses given by the user
)

// ZoneCut is one zone on the path from the root to the domain, with the
// queries that fetched its DS set (asked of the parent) and its DNSKEY set.
type ZoneCut struct {
	Zone      string       `json:"zone"`
	Servers   []netip.Addr `json:"servers"`
	DSSeq     int          `json:"ds_seq,omitempty"` // 0 for the root
	DNSKEYSeq int          `json:"dnskey_seq,omitempty"`
}

// Nameserver is one NS name of the domain, from the parent, the child or both.
type Nameserver struct {
	Name      string    `json:"name"`
	InParent  bool      `json:"in_parent"`
	InChild   bool      `json:"in_child"`
	CNAME     string    `json:"cname,omitempty"` // the NS name is an alias for this name
	Addresses []Address `json:"addresses"`
	// ResolveError says why the name's addresses could not be found.
	ResolveError string `json:"resolve_error,omitempty"`
}

// Address is one address of a nameserver and where it was learnt.
type Address struct {
	Addr     netip.Addr `json:"addr"`
	FromGlue bool       `json:"from_glue,omitempty"`
	Geo      *Geo       `json:"geo,omitempty"`
}

// Geo is what the MMDB files say about an address.
type Geo struct {
	ASN     uint32 `json:"asn,omitempty"`
	ASOrg   string `json:"as_org,omitempty"`
	Country string `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Prefix  string `json:"prefix"`            // the covering /24 (IPv4) or /48 (IPv6)
}

// Find returns the queries with the given purpose sent to server (any
// server when invalid) about zone (any zone when empty), in order.
func (d *Domain) Find(purpose string, server netip.Addr, zone string) []*Query {
	var out []*Query
	for _, q := range d.Queries {
		if q.Purpose != purpose {
			continue
		}
		if server.IsValid() && q.Server != server {
			continue
		}
		if zone != "" && q.Zone != zone {
			continue
		}
		out = append(out, q)
	}
	return out
}

// Query returns the query with sequence number seq, or nil.
func (d *Domain) Query(seq int) *Query {
	if seq >= 1 && seq <= len(d.Queries) && d.Queries[seq-1].Seq == seq {
		return d.Queries[seq-1]
	}
	for _, q := range d.Queries {
		if q.Seq == seq {
			return q
		}
	}
	return nil
}

// Addresses returns every distinct nameserver address, in order of appearance.
func (d *Domain) Addresses() []netip.Addr {
	seen := map[netip.Addr]bool{}
	var out []netip.Addr
	for _, ns := range d.Nameservers {
		for _, a := range ns.Addresses {
			if !seen[a.Addr] {
				seen[a.Addr] = true
				out = append(out, a.Addr)
			}
		}
	}
	return out
}
