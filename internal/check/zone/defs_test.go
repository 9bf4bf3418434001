package zone

import (
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
)

// TestDefs checks this area's catalog entries (see checktest.Defs).
func TestDefs(t *testing.T) {
	checktest.Defs(t, check.Zone, []checktest.Want{
		{ID: "SOA_REFRESH_LOW", Severity: check.Notice, Detail: true},
		{ID: "SOA_RETRY_NOT_BELOW_REFRESH", Severity: check.Notice, Detail: true},
		{ID: "SOA_RETRY_LOW", Severity: check.Notice, Detail: true},
		{ID: "SOA_EXPIRE_LOW", Severity: check.Warning, Detail: true},
		{ID: "SOA_MINIMUM_OUT_OF_RANGE", Severity: check.Notice, Detail: true},
		{ID: "SOA_MULTIPLE", Severity: check.Error, Detail: true},
	})
}

// TestDefsUsed checks that the analysis and the catalog agree.
func TestDefsUsed(t *testing.T) { checktest.Used(t, check.Zone) }
