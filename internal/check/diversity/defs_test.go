package diversity

import (
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
)

// TestDefs checks this area's catalog entries (see checktest.Defs).
func TestDefs(t *testing.T) {
	checktest.Defs(t, check.Diversity, []checktest.Want{
		{ID: "NS_SAME_PREFIX", Severity: check.Warning, Detail: true},
		{ID: "NS_SINGLE_ASN", Severity: check.Warning, Detail: true},
		{ID: "NS_NO_IPV6", Severity: check.Notice, Detail: true},
		{ID: "IPV6_APEX_NO_AAAA", Severity: check.Info, Detail: false},
		{ID: "IPV6_WWW_NO_AAAA", Severity: check.Info, Detail: false},
		{ID: "IPV6_MX_NO_AAAA", Severity: check.Info, Detail: false},
	})
}

// TestDefsUsed checks that the analysis and the catalog agree.
func TestDefsUsed(t *testing.T) { checktest.Used(t, check.Diversity) }
