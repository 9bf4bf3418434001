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

// zonemasterMatch maps a Zonemaster ERROR or CRITICAL message tag to the
// dnsobs finding IDs that report the same problem: one of them must fire
// on the domain.
var zonemasterMatch = map[string][]string{
	// Delegation and nameservers.
	"NOT_ENOUGH_NS_CHILD":      {"NS_COUNT_LOW"},
	"NOT_ENOUGH_NS_DEL":        {"NS_COUNT_LOW"},
	"NOT_ENOUGH_IPV4_NS_CHILD": {"NS_COUNT_LOW", "NS_IS_CNAME"}, // an NS that is a CNAME has no address of its own
	"NOT_ENOUGH_IPV4_NS_DEL":   {"NS_COUNT_LOW", "NS_IS_CNAME"},
	"NS_IS_CNAME":              {"NS_IS_CNAME"},
	"CAN_NOT_BE_RESOLVED":      {"NS_IS_CNAME"}, // the NS name resolves only through the CNAME
	"NS_FAILED":                {"NS_LAME", "NS_UNREACHABLE"},
	"NO_RESPONSE":              {"NS_UNREACHABLE"},
	"IS_A_RECURSOR":            {"NS_RECURSIVE"},
	"AXFR_AVAILABLE":           {"NS_AXFR_OPEN"},
	"EXTRA_NAME_PARENT":        {"DELEGATION_NS_MISMATCH"},
	"EXTRA_NAME_CHILD":         {"DELEGATION_NS_MISMATCH"},
	"TOTAL_NAME_MISMATCH":      {"DELEGATION_NS_MISMATCH"},
	"MULTIPLE_SOA_SERIALS":     {"SOA_SERIAL_MISMATCH"},
	// DNSSEC.
	"DS02_NO_VALID_DNSKEY_FOR_ANY_DS":    {"DNSSEC_DS_NO_MATCH"},
	"DS02_NO_MATCHING_DNSKEY":            {"DNSSEC_DS_NO_MATCH"},
	"DS02_DNSKEY_NOT_SIGNED_BY_ANY_DS":   {"DNSSEC_BOGUS", "DNSSEC_DS_NO_MATCH"},
	"DS02_RRSIG_NOT_VALID_BY_DNSKEY":     {"DNSSEC_BOGUS"},
	"DS09_RRSIG_NOT_VALID_BY_DNSKEY":     {"DNSSEC_BOGUS"},
	"DS10_NSEC_RRSIG_VERIFY_ERROR":       {"DNSSEC_BOGUS"},
	"DS10_NSEC3_RRSIG_VERIFY_ERROR":      {"DNSSEC_BOGUS"},
	"DS08_DNSKEY_RRSIG_EXPIRED":          {"DNSSEC_RRSIG_EXPIRED"},
	"DS09_SOA_RRSIG_EXPIRED":             {"DNSSEC_RRSIG_EXPIRED"},
	"RRSIG_EXPIRED":                      {"DNSSEC_RRSIG_EXPIRED"},
	"DS08_DNSKEY_RRSIG_NOT_YET_VALID":    {"DNSSEC_RRSIG_NOT_YET_VALID"},
	"DS09_SOA_RRSIG_NOT_YET_VALID":       {"DNSSEC_RRSIG_NOT_YET_VALID"},
	"DS08_MISSING_RRSIG_IN_RESPONSE":     {"DNSSEC_RRSIG_MISSING"},
	"DS09_MISSING_RRSIG_IN_RESPONSE":     {"DNSSEC_RRSIG_MISSING"},
	"DS10_MISSING_NSEC_NSEC3":            {"DNSSEC_RRSIG_MISSING", "DNSSEC_BOGUS"},
	"EXTRA_PROCESSING_BROKEN":            {"DNSSEC_RRSIG_MISSING", "DNSSEC_BOGUS"}, // DNSSEC06: no RRSIG in answers
	"DS01_DIGEST_NOT_SUPPORTED_BY_ZM":    {"DNSSEC_DS_NO_MATCH"},
	"DS05_ALGO_DEPRECATED":               {"DNSSEC_ALGORITHM_DEPRECATED"},
	"ALGORITHM_DEPRECATED":               {"DNSSEC_ALGORITHM_DEPRECATED"},
	"DS13_ALGO_NOT_SIGNED_DNSKEY":        {"DNSSEC_BOGUS"},
	"DS15_MISMATCH_CDS_CDNSKEY":          {"DNSSEC_CDS_MISMATCH"},
	"DS16_CDS_MATCHES_NO_DNSKEY":         {"DNSSEC_CDS_MISMATCH"},
	"DS17_CDNSKEY_MATCHES_NO_DNSKEY":     {"DNSSEC_CDS_MISMATCH"},
	"DS16_CDS_NOT_SIGNED_BY_CDS":         {"DNSSEC_CDS_MISMATCH"},
	"DS17_CDNSKEY_NOT_SIGNED_BY_CDNSKEY": {"DNSSEC_CDS_MISMATCH"},
}

// zonemasterExcluded are tags that dnsobs does not report on purpose, with
// the reason. A tag listed here never fails the test.
var zonemasterExcluded = map[string]string{
	"NOT_ENOUGH_IPV6_NS_CHILD": "lab artefact: the world has a single IPv6 address (::1), so no domain can have the two IPv6 nameservers Zonemaster's profile asks for; dnsobs's NS_NO_IPV6 fires only when none has IPv6",
	"NOT_ENOUGH_IPV6_NS_DEL":   "lab artefact: as NOT_ENOUGH_IPV6_NS_CHILD, from the delegation",
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
	args := []string{"--json", "--raw", "--no-progress", "--hints", hints, "--level", "ERROR", "--no-ipv6",
		"--test", "basic", "--test", "delegation", "--test", "nameserver", "--test", "consistency",
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

// TestDifferentialZonemaster runs Zonemaster on every expressible scenario
// domain and requires, for each of its ERROR or CRITICAL tags, a matching
// dnsobs finding (zonemasterMatch) or an explained exclusion.
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

	usedExcl := map[string]bool{}
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
		tags := map[string]bool{}
		for _, m := range results[i] {
			if m.Level == "ERROR" || m.Level == "CRITICAL" {
				tags[m.Tag] = true
			}
		}
		var line []string
		for _, tag := range sortedKeys(tags) {
			if _, ok := zonemasterExcluded[tag]; ok {
				usedExcl[tag] = true
				line = append(line, tag+"(excluded)")
				continue
			}
			want, mapped := zonemasterMatch[tag]
			if !mapped {
				t.Errorf("%s: Zonemaster tag %s is neither mapped to a dnsobs ID nor excluded; dnsobs fired %v", dom, tag, sortedKeys(fired))
				line = append(line, tag+"(UNMAPPED)")
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
				t.Errorf("%s: Zonemaster %s, but dnsobs fired none of %v (it fired %v)", dom, tag, want, sortedKeys(fired))
				line = append(line, tag+"→MISSING")
				continue
			}
			line = append(line, tag+"→"+match)
		}
		fmt.Fprintf(&table, "%-34s %s\n", dom, strings.Join(line, " "))
	}
	t.Logf("Zonemaster ERROR/CRITICAL tags and the dnsobs findings that match them:\n%s", table.String())
	var unused []string
	for tag := range zonemasterExcluded {
		if !usedExcl[tag] {
			unused = append(unused, tag)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Logf("exclusions not needed in this run: %v", unused)
	}
}
