package delegation

import (
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
)

// TestDefs checks this area's catalog entries (see checktest.Defs).
func TestDefs(t *testing.T) {
	checktest.Defs(t, check.Delegation, []checktest.Want{
		{ID: "NS_COUNT_LOW", Severity: check.Warning, Detail: true},
		{ID: "DELEGATION_NS_MISMATCH", Severity: check.Warning, Detail: true},
		{ID: "GLUE_MISSING", Severity: check.Error, Detail: true},
		{ID: "NS_IS_CNAME", Severity: check.Error, Detail: true},
		{ID: "APEX_CNAME", Severity: check.Error, Detail: true},
		{ID: "DOMAIN_NOT_DELEGATED", Severity: check.Error, Detail: true},
		{ID: "DOMAIN_NO_WORKING_NS", Severity: check.Critical, Detail: true},
		{ID: "DOMAIN_NOT_CHECKED", Severity: check.Critical, Detail: true},
		{ID: "NS_ADDRESS_SHARED", Severity: check.Error, Detail: true},
		{ID: "REFERRAL_TOO_LARGE", Severity: check.Warning, Detail: true},
		{ID: "GLUE_NOT_IN_CHILD", Severity: check.Error, Detail: true},
		{ID: "NS_NAME_UNRESOLVABLE", Severity: check.Warning, Detail: true},
	})
}

// TestDefsUsed checks that the analysis and the catalog agree.
func TestDefsUsed(t *testing.T) { checktest.Used(t, check.Delegation) }
