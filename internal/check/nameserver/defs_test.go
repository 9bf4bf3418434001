package nameserver

import (
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
)

// TestDefs checks this area's catalog entries (see checktest.Defs).
func TestDefs(t *testing.T) {
	checktest.Defs(t, check.Nameserver, []checktest.Want{
		{ID: "NS_UNREACHABLE", Severity: check.Error, Detail: true},
		{ID: "NS_LAME", Severity: check.Error, Detail: true},
		{ID: "NS_NO_TCP", Severity: check.Error, Detail: true},
		{ID: "NS_RECURSIVE", Severity: check.Warning, Detail: true},
		{ID: "NS_AXFR_OPEN", Severity: check.Warning, Detail: true},
		{ID: "NS_EDNS_BROKEN", Severity: check.Warning, Detail: true},
		{ID: "NS_SLOW", Severity: check.Notice, Detail: true},
		{ID: "NS_ADDRESS_NOT_GLOBAL", Severity: check.Error, Detail: true},
		{ID: "NS_EDNS_VERSION", Severity: check.Warning, Detail: true},
		{ID: "NS_EDNS_OPTION", Severity: check.Warning, Detail: true},
		{ID: "NS_EDNS_FLAGS", Severity: check.Warning, Detail: true},
		{ID: "NS_EDNS_TRUNCATION", Severity: check.Warning, Detail: true},
		{ID: "NS_QNAME_CASE", Severity: check.Warning, Detail: true},
		{ID: "NS_VERSION_DISCLOSED", Severity: check.Notice, Detail: true},
		{ID: "NS_AAAA_BROKEN", Severity: check.Error, Detail: true},
		{ID: "NS_WRONG_SOURCE", Severity: check.Warning, Detail: true},
		{ID: "NS_UPWARD_REFERRAL", Severity: check.Warning, Detail: true},
		{ID: "NS_NO_SOA", Severity: check.Error, Detail: true},
	})
}

// TestDefsUsed checks that the analysis and the catalog agree.
func TestDefsUsed(t *testing.T) { checktest.Used(t, check.Nameserver) }
