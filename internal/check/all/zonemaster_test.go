package all

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
)

// Every check's Zonemaster field is well formed and names only the 75
// test cases, and it is a JSON list even when empty.
func TestZonemasterFields(t *testing.T) {
	for _, d := range check.All() {
		if err := check.ValidateZonemaster(d.Zonemaster); err != nil {
			t.Errorf("%s: %v", d.ID, err)
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatal(err)
		}
		if z := string(raw["zonemaster"]); !strings.HasPrefix(z, "[") {
			t.Errorf("%s: zonemaster is %s in JSON, want a list", d.ID, z)
		}
	}
}

// Each test case has checks or a reason, never both: when a planned check
// lands and names its case, the case's "not yet" reason must go. A check
// that a reason plans must not be registered without naming the case.
func TestZonemasterCrosswalk(t *testing.T) {
	table := check.ZonemasterCases()
	walk := check.ZonemasterCrosswalk()
	if len(walk) != len(table) {
		t.Fatalf("crosswalk has %d cases, table %d", len(walk), len(table))
	}
	planned := regexp.MustCompile(`planned as (.+) \(issue 14\)`)
	covered := 0
	for i, c := range walk {
		reason := table[i].Reason
		switch {
		case c.ID != table[i].ID:
			t.Fatalf("case %d is %s in the crosswalk, %s in the table", i, c.ID, table[i].ID)
		case c.Checks == nil:
			t.Errorf("%s: checks is nil, want a list", c.ID)
		case len(c.Checks) > 0 && reason != "":
			t.Errorf("%s: %s cover it, yet the table still gives a reason (%q): remove the reason", c.ID, strings.Join(c.Checks, ", "), reason)
		case len(c.Checks) == 0 && reason == "":
			t.Errorf("%s: no check names it and the table gives no reason", c.ID)
		case len(c.Checks) == 0 && c.Reason != reason:
			t.Errorf("%s: crosswalk reason %q, table %q", c.ID, c.Reason, reason)
		case len(c.Checks) > 0:
			covered++
		}
		if m := planned.FindStringSubmatch(reason); m != nil {
			for _, id := range strings.Split(m[1], " and ") {
				if d, ok := check.Lookup(id); ok && !slices.Contains(d.Zonemaster, c.ID) {
					t.Errorf("%s: %s is registered: add %q to its Zonemaster field and drop the reason", c.ID, id, c.ID)
				}
			}
		}
	}
	t.Logf("%d of %d Zonemaster test cases covered", covered, len(walk))
	// A known mapping: the crosswalk is not empty for want of Zonemaster fields.
	if c := walk[indexOf(walk, "CONSISTENCY01")]; strings.Join(c.Checks, " ") != "SOA_SERIAL_MISMATCH" {
		t.Errorf("CONSISTENCY01 checks = %v, want SOA_SERIAL_MISMATCH", c.Checks)
	}
}

func indexOf(cases []check.ZonemasterCase, id string) int {
	for i, c := range cases {
		if c.ID == id {
			return i
		}
	}
	return -1
}
