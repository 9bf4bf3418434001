package consistency

import (
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
)

// TestDefs checks this area's catalog entries (see checktest.Defs).
func TestDefs(t *testing.T) {
	checktest.Defs(t, check.Consistency, []checktest.Want{
		{ID: "SOA_SERIAL_MISMATCH", Severity: check.Warning, Detail: true},
		{ID: "SOA_RNAME_MISMATCH", Severity: check.Notice, Detail: true},
		{ID: "SOA_TIMERS_MISMATCH", Severity: check.Notice, Detail: true},
		{ID: "NS_SET_INCONSISTENT", Severity: check.Notice, Detail: true},
		{ID: "SOA_MNAME_MISMATCH", Severity: check.Notice, Detail: true},
		{ID: "GLUE_MISMATCH", Severity: check.Warning, Detail: true},
	})
}

// TestDefsUsed checks that the analysis and the catalog agree.
func TestDefsUsed(t *testing.T) { checktest.Used(t, check.Consistency) }
