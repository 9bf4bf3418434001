package store

import (
	"net/netip"
	"sort"
	"time"
)

// Record is one domain's report as the store keeps it: the report's JSON,
// which the jsonl export gives back byte for byte, and the fields the
// domains, nameservers, addresses and findings tables (and so the
// aggregates, CSV and Parquet) are made of. The caller fills it from its
// report (internal/scan's NewRecord); the store reads no report.
type Record struct {
	Domain        string
	CheckedAt     time.Time // zero: when it is stored
	Error         string    // the collection's error, "" when none
	DNSSECStatus  string    // secure, insecure, bogus, indeterminate; "" when not analysed
	ASNs          int       // distinct ASNs of the nameserver addresses
	Prefixes      int       // distinct prefixes of the nameserver addresses
	Countries     int       // distinct countries of the nameserver addresses
	IPv6Ready     bool      // a nameserver answers over IPv6 and the apex or www has AAAA
	NSIPv6        bool      // a nameserver address answers over IPv6
	WorstSeverity string    // the highest finding severity's name, "" without findings
	QueriesSent   int64
	Nameservers   []Nameserver
	Findings      []Finding
	// JSON is the report's JSON without its raw queries (they are in the
	// observations): what `dnsobs export --format jsonl` writes.
	JSON []byte
}

// Nameserver is one NS name of a record (a nameservers row).
type Nameserver struct {
	Name         string
	InParent     bool
	InChild      bool
	CNAME        string
	ResolveError string
	Addresses    []Address
}

// Address is one nameserver address (an addresses row).
type Address struct {
	Addr    netip.Addr
	Family  string // ipv4, ipv6
	ASN     uint32
	ASOrg   string
	Country string
	Prefix  string
	Probe   *Probe // nil when the address was not probed
}

// Probe is what the probe of an address found.
type Probe struct {
	Reachable, Authoritative, UDP, TCP, Recursive, AXFROpen bool
	EDNS0                                                   *bool // nil when not tested
	RTTUDP, RTTTCP                                          time.Duration
}

// Finding is one finding of a record (a findings row).
type Finding struct {
	ID       string
	Severity string // its name: info, notice, warning, error, critical
	Category string
	Subject  string
	Detail   string
}

// findingIDs returns the distinct IDs of fs, sorted: the finding_ids
// column, and the findings column of the CSV and Parquet exports.
func findingIDs(fs []Finding) []string {
	seen := map[string]bool{}
	ids := []string{}
	for _, f := range fs {
		if !seen[f.ID] {
			seen[f.ID] = true
			ids = append(ids, f.ID)
		}
	}
	sort.Strings(ids)
	return ids
}
