package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// ZonemasterCase is one of Zonemaster's test cases and the dnsobs checks
// that cover it. Checks is computed from the catalog: every registered
// check whose Definition.Zonemaster names the case. Reason says why no
// check covers a case; it is shown only while Checks is empty.
type ZonemasterCase struct {
	ID     string   `json:"id"`     // e.g. "BASIC01"
	Title  string   `json:"title"`  // Zonemaster's title, in English
	Checks []string `json:"checks"` // dnsobs check IDs, sorted; [] when none
	Reason string   `json:"reason"` // why none, when Checks is empty
}

// notYet is the reason of a case whose checks issue 14 plans but the
// catalog does not have yet. A check that lands names the case in its
// Zonemaster field and the crosswalk lists it; the reason must then go
// (all.TestZonemasterCrosswalk fails while both are there).
func notYet(ids ...string) string {
	return "not yet measured: planned as " + strings.Join(ids, " and ") + " (issue 14)"
}

// zonemasterCases are Zonemaster's 75 test cases: the 73 of its
// ImplementedTestCases.md plus DNSSEC12 and NAMESERVER14, which are
// specified but not implemented. Titles are those of the specifications'
// index (docs/public/specifications/tests/README.md in zonemaster/zonemaster).
// Reason is set only for a case no registered check names.
var zonemasterCases = []ZonemasterCase{
	{ID: "BASIC01", Title: "Check for the parent zone and the zone itself"},
	{ID: "BASIC02", Title: "The domain must have at least one working name server"},
	{ID: "BASIC03", Title: "The _Broken but functional_ test",
		Reason: "not measured: Zonemaster's follow-up to a BASIC02 failure; dnsobs reports that failure as DOMAIN_NO_WORKING_NS and probes no further"},
	{ID: "ADDRESS01", Title: "Name server address must be globally reachable"},
	{ID: "ADDRESS02", Title: "Reverse DNS entry exists for name server IP address"},
	{ID: "ADDRESS03", Title: "Reverse DNS entry matches name server name"},
	{ID: "CONNECTIVITY01", Title: "UDP connectivity to name servers"},
	{ID: "CONNECTIVITY02", Title: "TCP connectivity to name servers"},
	{ID: "CONNECTIVITY03", Title: "AS Diversity"},
	{ID: "CONNECTIVITY04", Title: "IP Prefix Diversity"},
	{ID: "CONSISTENCY01", Title: "SOA serial number consistency"},
	{ID: "CONSISTENCY02", Title: "SOA RNAME consistency"},
	{ID: "CONSISTENCY03", Title: "SOA timers consistency"},
	{ID: "CONSISTENCY04", Title: "Name server NS consistency"},
	{ID: "CONSISTENCY05", Title: "Consistency between glue and authoritative data"},
	{ID: "CONSISTENCY06", Title: "SOA MNAME consistency"},
	{ID: "DELEGATION01", Title: "Minimum number of name servers"},
	{ID: "DELEGATION02", Title: "Name servers must have distinct IP addresses"},
	{ID: "DELEGATION03", Title: "No truncation of referrals"},
	{ID: "DELEGATION04", Title: "Name server is authoritative"},
	{ID: "DELEGATION05", Title: "Name server must not point at CNAME alias"},
	{ID: "DELEGATION06", Title: "Existence of SOA"},
	{ID: "DELEGATION07", Title: "Parent glue name records present in child"},
	{ID: "DNSSEC01", Title: "Legal values for the DS hash digest algorithm"},
	{ID: "DNSSEC02", Title: "DS must match a valid DNSKEY in the child zone"},
	{ID: "DNSSEC03", Title: "Verify NSEC3 parameters"},
	{ID: "DNSSEC04", Title: "Check for too short or too long RRSIG lifetimes"},
	{ID: "DNSSEC05", Title: "Check for invalid DNSKEY algorithms"},
	{ID: "DNSSEC06", Title: "Verify DNSSEC additional processing"},
	{ID: "DNSSEC07", Title: "DNSSEC signed zone and DS in parent for signed zone"},
	{ID: "DNSSEC08", Title: "Valid RRSIG for DNSKEY"},
	{ID: "DNSSEC09", Title: "RRSIG(SOA) must be valid and created by a valid DNSKEY"},
	{ID: "DNSSEC10", Title: "Zone contains NSEC or NSEC3 records"},
	{ID: "DNSSEC11", Title: "DS in delegation requires signed zone"},
	{ID: "DNSSEC12", Title: "Test for DNSSEC Algorithm Completeness"}, // not implemented by Zonemaster: its specification is a placeholder
	{ID: "DNSSEC13", Title: "All DNSKEY algorithms used to sign the zone"},
	{ID: "DNSSEC14", Title: "Check for valid RSA DNSKEY key size"},
	{ID: "DNSSEC15", Title: "Existence of CDS and CDNSKEY"},
	{ID: "DNSSEC16", Title: "Validate CDS"},
	{ID: "DNSSEC17", Title: "Validate CDNSKEY"},
	{ID: "DNSSEC18", Title: "Validate trust from DS to CDS and CDNSKEY"},
	{ID: "NAMESERVER01", Title: "A name server should not be a recursor"},
	{ID: "NAMESERVER02", Title: "Test of EDNS0 support"},
	{ID: "NAMESERVER03", Title: "Test availability of zone transfer (AXFR)"},
	{ID: "NAMESERVER04", Title: "Same source address"},
	{ID: "NAMESERVER05", Title: "Behaviour against AAAA query"},
	{ID: "NAMESERVER06", Title: "NS can be resolved"},
	{ID: "NAMESERVER07", Title: "To check whether authoritative name servers return an upward referral"},
	{ID: "NAMESERVER08", Title: "Testing QNAME case insensitivity"},
	{ID: "NAMESERVER09", Title: "Testing QNAME case sensitivity"},
	{ID: "NAMESERVER10", Title: "Test for undefined EDNS version"},
	{ID: "NAMESERVER11", Title: "Test for unknown EDNS OPTION-CODE"},
	{ID: "NAMESERVER12", Title: "Test for unknown EDNS flags"},
	{ID: "NAMESERVER13", Title: "Test for truncated response on EDNS query"},
	{ID: "NAMESERVER14", Title: "Test for unknown version with unknown OPTION-CODE",
		Reason: "not measured: specified but not implemented by Zonemaster; it sends NAMESERVER10's and NAMESERVER11's probes in one query, which dnsobs sends apart (NS_EDNS_BROKEN)"},
	{ID: "NAMESERVER15", Title: "Checking for revealed software version"},
	{ID: "SYNTAX01", Title: "No illegal characters in the domain name"},
	{ID: "SYNTAX02", Title: "No hyphen ('-') at the start or end of the domain name"},
	{ID: "SYNTAX03", Title: "There must be no double hyphen ('--') in position 3 and 4 of the domain name"},
	{ID: "SYNTAX04", Title: "The NS name must have a valid domain/hostname"},
	{ID: "SYNTAX05", Title: "Misuse of '@' character in the SOA RNAME field"},
	{ID: "SYNTAX06", Title: "No illegal characters in the SOA RNAME field"},
	{ID: "SYNTAX07", Title: "No illegal characters in the SOA MNAME field"},
	{ID: "SYNTAX08", Title: "MX name must have a valid hostname"},
	{ID: "ZONE01", Title: "Fully qualified master nameserver in SOA"},
	{ID: "ZONE02", Title: "SOA 'refresh' minimum value"},
	{ID: "ZONE03", Title: "SOA 'retry' lower than 'refresh'"},
	{ID: "ZONE04", Title: "SOA 'retry' at least 1 hour"},
	{ID: "ZONE05", Title: "SOA 'expire' minimum value"},
	{ID: "ZONE06", Title: "SOA 'minimum' maximum value"},
	{ID: "ZONE07", Title: "SOA master is not an alias"},
	{ID: "ZONE08", Title: "MX is not an alias"},
	{ID: "ZONE09", Title: "MX record present"},
	{ID: "ZONE10", Title: "No multiple SOA records"},
	{ID: "ZONE11", Title: "SPF policy validation"},
}

// ZonemasterCases returns the table of Zonemaster's test cases as written:
// ID, title and reason, without Checks. Tests use it to keep the table
// and the catalog in step; users want ZonemasterCrosswalk.
func ZonemasterCases() []ZonemasterCase {
	out := make([]ZonemasterCase, len(zonemasterCases))
	copy(out, zonemasterCases)
	return out
}

// ZonemasterCrosswalk returns every Zonemaster test case, in Zonemaster's
// order, with the registered checks whose Zonemaster field names it, or,
// when none does, the reason.
func ZonemasterCrosswalk() []ZonemasterCase {
	byCase := map[string][]string{}
	for _, d := range All() {
		for _, z := range d.Zonemaster {
			if IsZonemasterCase(z) {
				byCase[z] = append(byCase[z], d.ID)
			}
		}
	}
	out := ZonemasterCases()
	for i := range out {
		out[i].Checks = append([]string{}, byCase[out[i].ID]...)
		sort.Strings(out[i].Checks)
		if len(out[i].Checks) > 0 {
			out[i].Reason = ""
		}
	}
	return out
}

var (
	// zonemasterCaseShape is what a Zonemaster test case ID looks like;
	// every other entry of Definition.Zonemaster is a message tag.
	zonemasterCaseShape = regexp.MustCompile(`^(BASIC|ADDRESS|CONNECTIVITY|CONSISTENCY|DELEGATION|DNSSEC|NAMESERVER|SYNTAX|ZONE)[0-9]{2}$`)
	zonemasterTagShape  = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`)
)

// IsZonemasterCase reports whether s is one of the 75 test case IDs.
func IsZonemasterCase(s string) bool {
	for _, c := range zonemasterCases {
		if c.ID == s {
			return true
		}
	}
	return false
}

// ZonemasterCaseIDs returns the test case IDs of a Zonemaster field,
// without its message tags.
func ZonemasterCaseIDs(refs []string) []string {
	var out []string
	for _, z := range refs {
		if zonemasterCaseShape.MatchString(z) {
			out = append(out, z)
		}
	}
	return out
}

// ValidateZonemaster checks a Definition's Zonemaster field: upper-case
// entries, test case IDs (each one of the 75) before message tags, at
// least one test case when there are tags, no duplicates.
func ValidateZonemaster(refs []string) error {
	seen := map[string]bool{}
	cases, tags := 0, 0
	for _, z := range refs {
		if seen[z] {
			return fmt.Errorf("zonemaster: %q twice", z)
		}
		seen[z] = true
		switch {
		case zonemasterCaseShape.MatchString(z):
			if !IsZonemasterCase(z) {
				return fmt.Errorf("zonemaster: %q is not one of Zonemaster's test cases", z)
			}
			if tags > 0 {
				return fmt.Errorf("zonemaster: test case %q after a message tag (test cases first)", z)
			}
			cases++
		case zonemasterTagShape.MatchString(z):
			tags++
		default:
			return fmt.Errorf("zonemaster: %q is neither a test case ID (e.g. DELEGATION01) nor a message tag (e.g. NOT_ENOUGH_NS_CHILD)", z)
		}
	}
	if tags > 0 && cases == 0 {
		return fmt.Errorf("zonemaster: message tags without the test case that outputs them")
	}
	return nil
}
