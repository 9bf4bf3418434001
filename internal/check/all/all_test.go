package all

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
)

// The IDs dashboards, alerts and other tools key on. Never rename one.
var required = []string{
	"NS_COUNT_LOW", "NS_SAME_PREFIX", "NS_SINGLE_ASN", "NS_NO_IPV6", "NS_UNREACHABLE", "NS_LAME",
	"NS_NO_TCP", "NS_RECURSIVE", "NS_AXFR_OPEN", "NS_EDNS_BROKEN", "NS_SLOW", "SOA_SERIAL_MISMATCH",
	"DELEGATION_NS_MISMATCH", "GLUE_MISSING", "NS_IS_CNAME", "APEX_CNAME", "DNSSEC_BOGUS",
	"DNSSEC_DS_NO_MATCH", "DNSSEC_RRSIG_EXPIRED", "DNSSEC_RRSIG_NOT_YET_VALID", "DNSSEC_RRSIG_EXPIRING",
	"DNSSEC_RRSIG_MISSING", "DNSSEC_ALGORITHM_DEPRECATED", "DNSSEC_NSEC3_PARAMS", "DNSSEC_CDS_MISMATCH",
	"DNSSEC_UNSIGNED", "NS_ADDRESS_NOT_GLOBAL",
}

func TestRequiredIDsRegistered(t *testing.T) {
	for _, id := range required {
		d, ok := check.Lookup(id)
		if !ok {
			t.Errorf("%s is not in the catalog", id)
			continue
		}
		if len(d.References) == 0 {
			t.Errorf("%s has no references", id)
		}
	}
}

// Every check area has a README with the required sections.
func TestAreaREADMEs(t *testing.T) {
	dirs, _ := filepath.Glob("../*")
	n := 0
	for _, dir := range dirs {
		if filepath.Base(dir) == "all" {
			continue
		}
		st, err := os.Stat(dir)
		if err != nil || !st.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, "README.md"))
		if err != nil {
			t.Errorf("%s has no README.md", dir)
			continue
		}
		if !strings.Contains(strings.ToLower(string(b)), "how to add") {
			t.Errorf("%s/README.md lacks a \"How to add\" section", dir)
		}
		n++
	}
	if n < 7 {
		t.Errorf("%d area folders found beside all, want at least 7", n)
	}
}
