package interop

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
)

// zonemasterMatch maps a Zonemaster message tag (NOTICE or above) to the
// dnsobs finding IDs that report the same problem: one of them must fire
// on the domain. Read backwards, it gives each dnsobs ID its Zonemaster
// counterparts.
var zonemasterMatch = map[string][]string{
	// Delegation and nameservers.
	"NOT_ENOUGH_NS_CHILD":      {"NS_COUNT_LOW", "DOMAIN_NOT_DELEGATED", "DOMAIN_NO_WORKING_NS", "DOMAIN_NOT_CHECKED"},
	"NOT_ENOUGH_NS_DEL":        {"NS_COUNT_LOW", "DOMAIN_NOT_DELEGATED", "DOMAIN_NOT_CHECKED"},
	"NOT_ENOUGH_IPV4_NS_CHILD": {"NS_COUNT_LOW", "NS_IS_CNAME"}, // an NS that is a CNAME has no address of its own
	"NOT_ENOUGH_IPV4_NS_DEL":   {"NS_COUNT_LOW", "NS_IS_CNAME"},
	"NOT_ENOUGH_IPV6_NS_CHILD": {"NS_COUNT_LOW"}, // the lab's only IPv6 address is ::1: every zone of hosta and hostb has one IPv6 nameserver
	"NOT_ENOUGH_IPV6_NS_DEL":   {"NS_COUNT_LOW"},
	"REFERRAL_SIZE_TOO_LARGE":  {"REFERRAL_TOO_LARGE"},
	"NO_IPV6_NS_CHILD":         {"NS_NO_IPV6", "NS_IS_CNAME", "DOMAIN_NOT_DELEGATED", "DOMAIN_NO_WORKING_NS", "DOMAIN_NOT_CHECKED"}, // Zonemaster does not follow an NS CNAME to its AAAA; dnsobs does
	"NO_IPV6_NS_DEL":           {"NS_NO_IPV6", "NS_IS_CNAME", "DOMAIN_NOT_DELEGATED", "DOMAIN_NOT_CHECKED"},
	// A domain that cannot be checked: Zonemaster reads an empty NS set
	// where the parent has no delegation (or none it could get: a silent
	// parent), or where no server answers for the zone (the child's), and
	// reports each consequence of the empty set; dnsobs reports the cause
	// once (DOMAIN_NOT_DELEGATED, DOMAIN_NOT_CHECKED, DOMAIN_NO_WORKING_NS).
	"NO_IPV4_NS_CHILD":                  {"DOMAIN_NOT_DELEGATED", "DOMAIN_NO_WORKING_NS", "DOMAIN_NOT_CHECKED"},
	"NO_IPV4_NS_DEL":                    {"DOMAIN_NOT_DELEGATED", "DOMAIN_NOT_CHECKED"},
	"NO_GLUE_PREVENTS_NAMESERVER_TESTS": {"DOMAIN_NOT_DELEGATED", "DOMAIN_NOT_CHECKED"}, // Basic: no delegation with an address to test
	"NO_RESOLUTION":                     {"DOMAIN_NOT_DELEGATED", "DOMAIN_NOT_CHECKED"},
	"DS11_UNDETERMINED_DS":              {"DOMAIN_NOT_DELEGATED", "DOMAIN_NOT_CHECKED"}, // no delegation, so no DS to read
	"NO_RESPONSE_DNSKEY":                {"DOMAIN_NO_WORKING_NS"},                       // no server answers for the zone, its DNSKEY included
	"NS_IS_CNAME":                       {"NS_IS_CNAME"},
	"CAN_NOT_BE_RESOLVED":               {"NS_IS_CNAME", "NS_NAME_UNRESOLVABLE", "GLUE_NOT_IN_CHILD"}, // no address of the name's own: only through a CNAME, none at all, or only the parent's glue
	"NS_FAILED":                         {"NS_LAME", "NS_UNREACHABLE"},
	"NO_RESPONSE":                       {"NS_UNREACHABLE"},
	// An address in a range that is not globally reachable: Zonemaster
	// queries it and hears nothing (its address module, which would name
	// the range, is not run: it flags every lab address as loopback); dnsobs
	// never sends to it and says why (NS_ADDRESS_NOT_GLOBAL).
	"CN01_NO_RESPONSE_UDP": {"NS_UNREACHABLE", "NS_ADDRESS_NOT_GLOBAL"},
	"CN02_NO_RESPONSE_TCP": {"NS_UNREACHABLE", "NS_NO_TCP", "NS_ADDRESS_NOT_GLOBAL"},
	// A lame server answers REFUSED for the zone it is named for.
	"IS_NOT_AUTHORITATIVE":                {"NS_LAME"},
	"NS_ERROR":                            {"NS_LAME"},
	"UNEXPECTED_RCODE":                    {"NS_LAME", "GLUE_NOT_IN_CHILD"}, // or the zone's NXDOMAIN for an NS name it has glue for
	"A_UNEXPECTED_RCODE":                  {"NS_LAME"},
	"CN01_UNEXPECTED_RCODE_NS_QUERY_UDP":  {"NS_LAME"},
	"CN01_UNEXPECTED_RCODE_SOA_QUERY_UDP": {"NS_LAME"},
	"CN02_UNEXPECTED_RCODE_NS_QUERY_TCP":  {"NS_LAME"},
	"CN02_UNEXPECTED_RCODE_SOA_QUERY_TCP": {"NS_LAME"},
	"IS_A_RECURSOR":                       {"NS_RECURSIVE"},
	"AXFR_AVAILABLE":                      {"NS_AXFR_OPEN"},
	"EXTRA_NAME_PARENT":                   {"DELEGATION_NS_MISMATCH", "DOMAIN_NO_WORKING_NS"}, // no server gives the child's NS set: every parent name is "extra"
	"EXTRA_NAME_CHILD":                    {"DELEGATION_NS_MISMATCH"},
	"TOTAL_NAME_MISMATCH":                 {"DELEGATION_NS_MISMATCH", "DOMAIN_NOT_DELEGATED", "DOMAIN_NO_WORKING_NS", "DOMAIN_NOT_CHECKED"}, // an empty NS set on one side matches nothing
	"EXTRA_ADDRESS_CHILD":                 {"GLUE_MISSING", "GLUE_MISMATCH"},                                                                // the child has an address for its NS that the parent does not give
	"IN_BAILIWICK_ADDR_MISMATCH":          {"GLUE_MISMATCH", "GLUE_NOT_IN_CHILD"},                                                           // the glue is not the in-zone name's own addresses
	"MX_NON_ALLOWED_CHARS":                {"MX_NAME_SYNTAX"},
	"MULTIPLE_SOA_SERIALS":                {"SOA_SERIAL_MISMATCH"},
	"SOA_SERIAL_VARIATION":                {"SOA_SERIAL_MISMATCH"},
	"DEL_NS_SAME_IP":                      {"NS_ADDRESS_SHARED"},
	"CHILD_NS_SAME_IP":                    {"NS_ADDRESS_SHARED"},
	"SAME_IP_ADDRESS":                     {"NS_ADDRESS_SHARED"},
	"MULTIPLE_SOA_RNAMES":                 {"SOA_RNAME_MISMATCH"},
	"MULTIPLE_SOA_TIME_PARAMETER_SET":     {"SOA_TIMERS_MISMATCH"},
	"MULTIPLE_NS_SET":                     {"NS_SET_INCONSISTENT"},
	"MULTIPLE_SOA_MNAMES":                 {"SOA_MNAME_MISMATCH"},
	// The form of names (Syntax).
	"NON_ALLOWED_CHARS":                  {"DOMAIN_NAME_SYNTAX"},
	"INITIAL_HYPHEN":                     {"DOMAIN_NAME_SYNTAX"},
	"TERMINAL_HYPHEN":                    {"DOMAIN_NAME_SYNTAX"},
	"DISCOURAGED_DOUBLE_DASH":            {"DOMAIN_NAME_SYNTAX"},
	"NAMESERVER_NON_ALLOWED_CHARS":       {"NS_NAME_SYNTAX"},
	"NAMESERVER_DISCOURAGED_DOUBLE_DASH": {"NS_NAME_SYNTAX"},
	"NAMESERVER_NUMERIC_TLD":             {"NS_NAME_SYNTAX"},
	"MNAME_NON_ALLOWED_CHARS":            {"SOA_MNAME_SYNTAX"},
	"MNAME_DISCOURAGED_DOUBLE_DASH":      {"SOA_MNAME_SYNTAX"},
	"MNAME_NUMERIC_TLD":                  {"SOA_MNAME_SYNTAX"},
	"RNAME_MISUSED_AT_SIGN":              {"SOA_RNAME_SYNTAX"},
	"RNAME_RFC822_INVALID":               {"SOA_RNAME_SYNTAX"},
	// DNSSEC.
	"NOT_SIGNED":                         {"DNSSEC_UNSIGNED"},
	"NEITHER_DNSKEY_NOR_DS":              {"DNSSEC_UNSIGNED"},
	"DS02_NO_VALID_DNSKEY_FOR_ANY_DS":    {"DNSSEC_DS_NO_MATCH", "DNSSEC_BOGUS"},
	"DS02_NO_DNSKEY_FOR_DS":              {"DNSSEC_DS_NO_MATCH", "DNSSEC_BOGUS"},
	"DS02_NO_MATCHING_DNSKEY":            {"DNSSEC_DS_NO_MATCH"},
	"DS02_NO_MATCHING_DNSKEY_RRSIG":      {"DNSSEC_BOGUS", "DNSSEC_RRSIG_MISSING"},
	"DS02_DNSKEY_NOT_SIGNED_BY_ANY_DS":   {"DNSSEC_BOGUS", "DNSSEC_DS_NO_MATCH"},
	"DS02_RRSIG_NOT_VALID_BY_DNSKEY":     {"DNSSEC_BOGUS"},
	"DS09_RRSIG_NOT_VALID_BY_DNSKEY":     {"DNSSEC_BOGUS"},
	"DS10_NSEC_RRSIG_VERIFY_ERROR":       {"DNSSEC_BOGUS"},
	"DS10_NSEC3_RRSIG_VERIFY_ERROR":      {"DNSSEC_BOGUS"},
	"DS08_DNSKEY_RRSIG_EXPIRED":          {"DNSSEC_RRSIG_EXPIRED"},
	"DS09_SOA_RRSIG_EXPIRED":             {"DNSSEC_RRSIG_EXPIRED"},
	"RRSIG_EXPIRED":                      {"DNSSEC_RRSIG_EXPIRED"},
	"REMAINING_SHORT":                    {"DNSSEC_RRSIG_EXPIRING", "DNSSEC_RRSIG_LIFETIME"},
	"REMAINING_LONG":                     {"DNSSEC_RRSIG_LIFETIME"},
	"DURATION_LONG":                      {"DNSSEC_RRSIG_LIFETIME"},
	"DS08_DNSKEY_RRSIG_NOT_YET_VALID":    {"DNSSEC_RRSIG_NOT_YET_VALID"},
	"DS09_SOA_RRSIG_NOT_YET_VALID":       {"DNSSEC_RRSIG_NOT_YET_VALID"},
	"DS08_MISSING_RRSIG_IN_RESPONSE":     {"DNSSEC_RRSIG_MISSING"},
	"DS09_MISSING_RRSIG_IN_RESPONSE":     {"DNSSEC_RRSIG_MISSING"},
	"DS10_MISSING_NSEC_NSEC3":            {"DNSSEC_DENIAL_MISSING", "DNSSEC_RRSIG_MISSING", "DNSSEC_BOGUS"},
	"EXTRA_PROCESSING_BROKEN":            {"NS_DNSSEC_NO_SIGNATURES", "DNSSEC_RRSIG_MISSING", "DNSSEC_BOGUS"}, // DNSSEC06: no RRSIG in answers
	"DS01_DIGEST_NOT_SUPPORTED_BY_ZM":    {"DNSSEC_DS_NO_MATCH"},
	"DS01_DS_ALGO_DEPRECATED":            {"DNSSEC_DS_DIGEST_DEPRECATED"},
	"DS01_DS_ALGO_2_MISSING":             {"DNSSEC_DS_DIGEST_DEPRECATED", "DNSSEC_DS_DIGEST_UNKNOWN"}, // no SHA-256 DS beside the other
	"DS01_DS_ALGO_NOT_DS":                {"DNSSEC_DS_DIGEST_UNKNOWN"},
	"DS01_DS_ALGO_RESERVED":              {"DNSSEC_DS_DIGEST_UNKNOWN"},
	"DS01_DS_ALGO_UNASSIGNED":            {"DNSSEC_DS_DIGEST_UNKNOWN"},
	"DS01_DS_ALGO_PRIVATE":               {"DNSSEC_DS_DIGEST_UNKNOWN"},
	"DS05_ALGO_RESERVED":                 {"DNSSEC_ALGORITHM_UNKNOWN"},
	"DS05_ALGO_UNASSIGNED":               {"DNSSEC_ALGORITHM_UNKNOWN"},
	"DS05_ALGO_PRIVATE":                  {"DNSSEC_ALGORITHM_UNKNOWN"},
	"DNSKEY_SMALLER_THAN_REC":            {"DNSSEC_RSA_KEY_SIZE"},
	"DS05_ALGO_DEPRECATED":               {"DNSSEC_ALGORITHM_DEPRECATED"},
	"ALGORITHM_DEPRECATED":               {"DNSSEC_ALGORITHM_DEPRECATED"},
	"ALGORITHM_NOT_RECOMMENDED":          {"DNSSEC_ALGORITHM_DEPRECATED"},
	"MANY_ITERATIONS":                    {"DNSSEC_NSEC3_PARAMS"},
	"TOO_MANY_ITERATIONS":                {"DNSSEC_NSEC3_PARAMS"},
	"DS13_ALGO_NOT_SIGNED_DNSKEY":        {"DNSSEC_ALGORITHM_INCOMPLETE", "DNSSEC_DNSKEY_NOT_SIGNED", "DNSSEC_BOGUS"},
	"DS13_ALGO_NOT_SIGNED_SOA":           {"DNSSEC_ALGORITHM_INCOMPLETE"},
	"DS13_ALGO_NOT_SIGNED_NS":            {"DNSSEC_ALGORITHM_INCOMPLETE"},
	"DS15_HAS_CDS_NO_CDNSKEY":            {"DNSSEC_CDS_INCONSISTENT"},
	"DS15_HAS_CDNSKEY_NO_CDS":            {"DNSSEC_CDS_INCONSISTENT"},
	"DS15_INCONSISTENT_CDS":              {"DNSSEC_CDS_INCONSISTENT"},
	"DS15_INCONSISTENT_CDNSKEY":          {"DNSSEC_CDS_INCONSISTENT"},
	"DS15_MISMATCH_CDS_CDNSKEY":          {"DNSSEC_CDS_MISMATCH"},
	"DS16_CDS_MATCHES_NO_DNSKEY":         {"DNSSEC_CDS_INVALID"},
	"DS17_CDNSKEY_MATCHES_NO_DNSKEY":     {"DNSSEC_CDS_INVALID"},
	"DS16_CDS_NOT_SIGNED_BY_CDS":         {"DNSSEC_CDS_INVALID"},
	"DS17_CDNSKEY_NOT_SIGNED_BY_CDNSKEY": {"DNSSEC_CDS_INVALID"},
	"DS18_NO_MATCH_CDS_RRSIG_DS":         {"DNSSEC_CDS_NOT_TRUSTED"},
	"DS18_NO_MATCH_CDNSKEY_RRSIG_DS":     {"DNSSEC_CDS_NOT_TRUSTED"},
}

// zonemasterExcluded are tags that dnsobs does not report on purpose, with
// the reason. A tag listed here never fails the test; one that no domain
// raised does, so the list stays short and true.
var zonemasterExcluded = map[string]string{
	"RNAME_MAIL_DOMAIN_INVALID": "dnsobs has no SOA RNAME mail-domain check: mx-is-cname.test.'s RNAME hostmaster.mx-is-cname.test. has a mail domain whose MX target is an alias",
	"CN01_IPV6_DISABLED":        "test artefact: the test runs Zonemaster with --no-ipv6 (the lab has one IPv6 address), and Zonemaster notes that it did not test IPv6",
}

// dnsobsOnly are the dnsobs findings at warning or above that Zonemaster
// has no counterpart for, with the reason. A finding listed here never
// fails the test; one not listed and not matched by a Zonemaster tag does.
var dnsobsOnly = map[string]string{
	"NS_SINGLE_ASN":               "Zonemaster's Connectivity03 looks the ASNs up in DNS zones of Team Cymru or RIPE, which the lab does not serve (the test runs in a network namespace with the lab's root only), so it never has ASN data; dnsobs reads the lab's MMDB",
	"NS_SAME_PREFIX":              "as NS_SINGLE_ASN: Zonemaster's Connectivity03 takes the prefixes from the same ASN lookup",
	"DNSSEC_RRSIG_EXPIRING":       "Zonemaster's DNSSEC04 warns (REMAINING_SHORT) below 12 hours of validity left; dnsobs warns earlier, and the lab's expiring signatures have 2 days left, which Zonemaster reports only at INFO (RRSIG_EXPIRATION)",
	"SOA_EXPIRE_LOW":              "its counterpart is Zonemaster's Zone05 (EXPIRE_MINIMUM_VALUE_LOWER, a warning), and this test does not run the Zone module",
	"SPF_INVALID":                 "the differential does not run Zonemaster's Zone module, and Engine v4.6.2 has no Zone11 (SPF) anyway",
	"SOA_MNAME_IS_CNAME":          "the differential does not run Zonemaster's Zone module (zone07, whose MNAME_IS_CNAME is a notice)",
	"SOA_MNAME_NOT_AUTHORITATIVE": "the differential does not run Zonemaster's Zone module (zone01)",
	"DNSSEC_NSEC3_PARAMS":         "Zonemaster's DNSSEC03 notices more than 100 iterations (MANY_ITERATIONS) and does not judge the salt; dnsobs follows RFC 9276 (0 iterations, no salt), and the lab's scenario has 10 iterations and a salt",
}

// zonemasterTag is one message of zonemaster-cli --json --raw.
type zonemasterTag struct {
	Level    string         `json:"level"`
	Module   string         `json:"module"`
	Tag      string         `json:"tag"`
	TestCase string         `json:"testcase"`
	Args     map[string]any `json:"args"`
}

func runZonemaster(ctx context.Context, hints, domain string) ([]zonemasterTag, error) {
	bin, err := LookPath("zonemaster-cli")
	if err != nil {
		return nil, err
	}
	args := []string{"--json", "--raw", "--no-progress", "--hints", hints, "--level", "INFO", "--no-ipv6",
		"--test", "basic", "--test", "connectivity", "--test", "delegation", "--test", "nameserver", "--test", "consistency",
		"--test", "dnssec", "--test", "syntax", strings.TrimSuffix(domain, ".")}
	cmd := toolCommand(ctx, bin, args...)
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		return nil, fmt.Errorf("zonemaster-cli %s: %w: %s", domain, err, stderr)
	}
	var msgs []zonemasterTag
	if err := json.Unmarshal(out, &msgs); err != nil {
		return nil, fmt.Errorf("zonemaster-cli %s: output is not JSON: %w: %.300s", domain, err, out)
	}
	return msgs, nil
}

// zonemasterLevels are the Zonemaster levels the differential reads: all
// but INFO and DEBUG.
var zonemasterLevels = map[string]bool{"NOTICE": true, "WARNING": true, "ERROR": true, "CRITICAL": true}

// zonemasterCounterpart maps a dnsobs ID to the Zonemaster tags that
// report the same problem: zonemasterMatch read backwards.
func zonemasterCounterpart() map[string][]string {
	out := map[string][]string{}
	for tag, ids := range zonemasterMatch {
		for _, id := range ids {
			out[id] = append(out[id], tag)
		}
	}
	for _, tags := range out {
		sort.Strings(tags)
	}
	return out
}

// TestDifferentialZonemaster runs Zonemaster on every expressible scenario
// domain and compares both ways. Every Zonemaster tag at NOTICE or above
// needs a matching dnsobs finding (zonemasterMatch) or an explained
// exclusion (zonemasterExcluded); every dnsobs finding at warning or above
// needs one of its Zonemaster counterparts at NOTICE or above, or an
// explained exception (dnsobsOnly). Exclusions and exceptions that no
// domain needed are errors too, so the tables stay short and true.
func TestDifferentialZonemaster(t *testing.T) {
	w, d := world(t)
	requireRoot(t, "zonemaster-cli")
	scenarios, _ := scenariosExpressible(w, d)
	var domains []string
	for _, s := range scenarios {
		domains = append(domains, s.Domain)
	}
	reps := realReports(t, d, domains)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	results := make([][]zonemasterTag, len(domains))
	errs := make([]error, len(domains))
	start := time.Now()
	parallel(len(domains), 4, func(i int) {
		results[i], errs[i] = runZonemaster(ctx, d.Hints, domains[i])
	})
	t.Logf("zonemaster-cli on %d domains in %v", len(domains), time.Since(start).Round(time.Millisecond))

	counterpart := zonemasterCounterpart()
	usedExcl := map[string]bool{}
	usedOnly := map[string]bool{}
	var table strings.Builder
	for i, dom := range domains {
		if errs[i] != nil {
			t.Errorf("%v", errs[i])
			continue
		}
		fired := map[string]bool{}
		for _, id := range ids(reps[dom], check.Info) {
			fired[id] = true
		}
		tags := map[string]string{} // tag → level, NOTICE or above
		infos := map[string]bool{}
		for _, m := range results[i] {
			if zonemasterLevels[m.Level] {
				tags[m.Tag] = m.Level
			} else if m.Level == "INFO" {
				infos[m.Tag] = true
			}
		}
		var line []string
		// Zonemaster → dnsobs.
		for _, tag := range sortedKeys(tags) {
			lvl := strings.ToLower(tags[tag][:1])
			if _, ok := zonemasterExcluded[tag]; ok {
				usedExcl[tag] = true
				line = append(line, tag+"/"+lvl+"(excluded)")
				continue
			}
			want, mapped := zonemasterMatch[tag]
			if !mapped {
				t.Errorf("%s: Zonemaster %s %s is neither mapped to a dnsobs ID nor excluded; dnsobs fired %v", dom, tags[tag], tag, sortedKeys(fired))
				line = append(line, tag+"/"+lvl+"(UNMAPPED)")
				continue
			}
			match := ""
			for _, id := range want {
				if fired[id] {
					match = id
					break
				}
			}
			if match == "" {
				t.Errorf("%s: Zonemaster %s %s, but dnsobs fired none of %v (it fired %v)", dom, tags[tag], tag, want, sortedKeys(fired))
				line = append(line, tag+"/"+lvl+"→MISSING")
				continue
			}
			line = append(line, tag+"/"+lvl+"→"+match)
		}
		// dnsobs → Zonemaster.
		for _, id := range ids(reps[dom], check.Warning) {
			found := ""
			for _, tag := range counterpart[id] {
				if _, ok := tags[tag]; ok {
					found = tag
					break
				}
			}
			switch {
			case found != "":
			case dnsobsOnly[id] != "":
				usedOnly[id] = true
				line = append(line, "dnsobs:"+id+"(dnsobs only)")
			default:
				t.Errorf("%s: dnsobs %s, but Zonemaster reported none of its counterparts %v at NOTICE or above (it reported %v, and at INFO %v)", dom, id, counterpart[id], sortedKeys(tags), sortedKeys(infos))
				line = append(line, "dnsobs:"+id+"→MISSING")
			}
		}
		fmt.Fprintf(&table, "%-34s %s\n", dom, strings.Join(line, " "))
	}
	t.Logf("Zonemaster tags at NOTICE or above (level initial) and the dnsobs findings that match them; dnsobs findings with no Zonemaster counterpart:\n%s", table.String())
	if t.Failed() {
		return // an unused entry means nothing while the comparison fails
	}
	for _, tag := range sortedKeys(zonemasterExcluded) {
		if !usedExcl[tag] {
			t.Errorf("zonemasterExcluded lists %s, which no domain needed: remove it", tag)
		}
	}
	for _, id := range sortedKeys(dnsobsOnly) {
		if !usedOnly[id] {
			t.Errorf("dnsobsOnly lists %s, which no domain needed: remove it", id)
		}
	}
	for tag, ids := range zonemasterMatch {
		for _, id := range ids {
			if _, ok := check.Lookup(id); !ok {
				t.Errorf("zonemasterMatch maps %s to %s, which is not a dnsobs ID", tag, id)
			}
		}
	}
}
