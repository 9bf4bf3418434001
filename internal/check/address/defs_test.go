package address

import (
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
)

// TestDefs checks this area's catalog entries (see checktest.Defs).
func TestDefs(t *testing.T) {
	checktest.Defs(t, check.Address, []checktest.Want{
		{ID: "NS_NO_REVERSE", Severity: check.Notice, Detail: true},
		{ID: "NS_REVERSE_MISMATCH", Severity: check.Notice, Detail: true},
	})
}

// TestDefsUsed checks that the analysis and the catalog agree.
func TestDefsUsed(t *testing.T) { checktest.Used(t, check.Address) }
