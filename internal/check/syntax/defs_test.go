package syntax

import (
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
)

// TestDefs checks this area's catalog entries (see checktest.Defs).
func TestDefs(t *testing.T) {
	checktest.Defs(t, check.Syntax, []checktest.Want{
		{ID: "DOMAIN_NAME_SYNTAX", Severity: check.Error, Detail: true},
		{ID: "NS_NAME_SYNTAX", Severity: check.Error, Detail: true},
		{ID: "SOA_RNAME_SYNTAX", Severity: check.Warning, Detail: true},
		{ID: "SOA_MNAME_SYNTAX", Severity: check.Warning, Detail: true},
	})
}

// TestDefsUsed checks that the analysis and the catalog agree.
func TestDefsUsed(t *testing.T) { checktest.Used(t, check.Syntax) }
