package content

import (
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
)

// TestDefs checks this area's catalog entries (see checktest.Defs).
func TestDefs(t *testing.T) {
	checktest.Defs(t, check.Content, []checktest.Want{
		{ID: "MX_IS_CNAME", Severity: check.Notice, Detail: true},
		{ID: "MX_MISSING", Severity: check.Info, Detail: true},
		{ID: "MX_NAME_SYNTAX", Severity: check.Warning, Detail: true},
		{ID: "SPF_INVALID", Severity: check.Error, Detail: true},
		{ID: "SOA_MNAME_IS_CNAME", Severity: check.Warning, Detail: true},
		{ID: "SOA_MNAME_NOT_AUTHORITATIVE", Severity: check.Warning, Detail: true},
	})
}

// TestDefsUsed checks that the analysis and the catalog agree.
func TestDefsUsed(t *testing.T) { checktest.Used(t, check.Content) }
