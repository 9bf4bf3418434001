package cli

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// In lab mode the built-in root trust anchor is never used: without
// --trust-anchor DNSSEC is indeterminate ("no trust anchor for this
// world"), and the zone-level DNSSEC checks still judge the zone; with the
// world's anchor the same signed zone validates.
func TestLabNeverUsesBuiltinAnchor(t *testing.T) {
	_, dir := labFiles(t)
	noAnchor := []string{"--lab", "--hints", filepath.Join(dir, "hints.zone"),
		"--geo-asn", filepath.Join(dir, "asn.mmdb"), "--geo-country", filepath.Join(dir, "country.mmdb")}
	type result struct {
		DNSSEC struct {
			Status string
			Reason string
		}
		Findings []struct{ ID string }
	}
	checkJSON := func(domain string, args []string) result {
		t.Helper()
		code, out, errs := run(t, append([]string{"check", domain, "--json"}, args...)...)
		if code != ExitOK {
			t.Fatalf("check %s = %d: %s", domain, code, errs)
		}
		var r result
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	fired := func(r result, id string) bool {
		for _, f := range r.Findings {
			if f.ID == id {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		domain, withAnchor, zoneLevel string
	}{
		{"healthy-signed.test", "secure", ""},
		{"dnssec-rrsig-expired.test", "bogus", "DNSSEC_RRSIG_EXPIRED"},
		{"dnssec-nsec3-params.test", "secure", "DNSSEC_NSEC3_PARAMS"},
		{"dnssec-unsigned.test", "insecure", "DNSSEC_UNSIGNED"},
	} {
		r := checkJSON(tc.domain, noAnchor)
		if r.DNSSEC.Status != "indeterminate" || r.DNSSEC.Reason != "no trust anchor for this world" {
			t.Errorf("%s without --trust-anchor: dnssec %q (%q), want indeterminate, no trust anchor for this world",
				tc.domain, r.DNSSEC.Status, r.DNSSEC.Reason)
		}
		if tc.zoneLevel != "" && !fired(r, tc.zoneLevel) {
			t.Errorf("%s without --trust-anchor: %s did not fire: %+v", tc.domain, tc.zoneLevel, r.Findings)
		}
		if fired(r, "DNSSEC_BOGUS") {
			t.Errorf("%s without --trust-anchor: DNSSEC_BOGUS needs an anchor", tc.domain)
		}
		// A record of the check replays the same way: no anchor recorded, none used.
		obs := filepath.Join(t.TempDir(), "obs.json")
		checkJSON(tc.domain, append([]string{"--save-observations", obs}, noAnchor...))
		code, out, errs := run(t, "check", "--replay", obs, "--json")
		var rr result
		if code != ExitOK || json.Unmarshal([]byte(out), &rr) != nil || rr.DNSSEC.Status != "indeterminate" {
			t.Errorf("%s: replay of a lab record without anchor = %d, dnssec %q: %s", tc.domain, code, rr.DNSSEC.Status, errs)
		}
		if w := checkJSON(tc.domain, labArgs(t)); w.DNSSEC.Status != tc.withAnchor {
			t.Errorf("%s with the world's anchor: dnssec %q, want %s", tc.domain, w.DNSSEC.Status, tc.withAnchor)
		}
	}
}
