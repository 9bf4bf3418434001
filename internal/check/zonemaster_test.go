package check

import (
	"fmt"
	"strings"
	"testing"
)

// The 75 test cases: the 73 of Zonemaster's ImplementedTestCases.md plus
// DNSSEC12 and NAMESERVER14, in that order.
func TestZonemasterCases(t *testing.T) {
	var want []string
	add := func(area string, from, to int) {
		for i := from; i <= to; i++ {
			want = append(want, fmt.Sprintf("%s%02d", area, i))
		}
	}
	add("BASIC", 1, 3)
	add("ADDRESS", 1, 3)
	add("CONNECTIVITY", 1, 4)
	add("CONSISTENCY", 1, 6)
	add("DELEGATION", 1, 7)
	add("DNSSEC", 1, 18)
	add("NAMESERVER", 1, 15)
	add("SYNTAX", 1, 8)
	add("ZONE", 1, 11)
	cases := ZonemasterCases()
	if len(want) != 75 || len(cases) != 75 {
		t.Fatalf("%d cases in the table, %d expected, want 75", len(cases), len(want))
	}
	for i, c := range cases {
		if c.ID != want[i] {
			t.Errorf("case %d is %s, want %s", i, c.ID, want[i])
		}
		if strings.TrimSpace(c.Title) == "" {
			t.Errorf("%s has no title", c.ID)
		}
		if !IsZonemasterCase(c.ID) {
			t.Errorf("IsZonemasterCase(%s) = false", c.ID)
		}
		if c.Checks != nil {
			t.Errorf("%s: the table lists checks %v; they come from the catalog", c.ID, c.Checks)
		}
	}
	// DNSSEC12 is not implemented by Zonemaster either, but
	// DNSSEC_ALGORITHM_INCOMPLETE covers it, so it has no reason to show.
	for _, id := range []string{"NAMESERVER14"} {
		if c := find(cases, id); !strings.Contains(c.Reason, "not implemented by Zonemaster") {
			t.Errorf("%s: reason %q does not say Zonemaster does not implement it", id, c.Reason)
		}
	}
	for _, s := range []string{"basic01", "BASIC04", "DNSSEC19", "NAMESERVER16", "ZONE1", ""} {
		if IsZonemasterCase(s) {
			t.Errorf("IsZonemasterCase(%q) = true", s)
		}
	}
}

func find(cases []ZonemasterCase, id string) ZonemasterCase {
	for _, c := range cases {
		if c.ID == id {
			return c
		}
	}
	return ZonemasterCase{}
}

func TestValidateZonemaster(t *testing.T) {
	for _, tc := range []struct {
		refs []string
		err  string // "" when valid
	}{
		{nil, ""},
		{[]string{}, ""},
		{[]string{"DELEGATION01"}, ""},
		{[]string{"DELEGATION01", "CONSISTENCY05", "NOT_ENOUGH_NS_CHILD", "CS05_MISSING_GLUE_FOR_NS"}, ""},
		{[]string{"delegation01"}, "neither"},
		{[]string{"DELEGATION08"}, "not one of Zonemaster's test cases"},
		{[]string{"NOT_ENOUGH_NS_CHILD", "DELEGATION01"}, "test cases first"},
		{[]string{"NOT_ENOUGH_NS_CHILD"}, "without the test case"},
		{[]string{"DELEGATION01", "DELEGATION01"}, "twice"},
		{[]string{"DELEGATION01", "not enough"}, "neither"},
	} {
		err := ValidateZonemaster(tc.refs)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.refs, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want one saying %q", tc.refs, err, tc.err)
		}
	}
}

func TestZonemasterCaseIDs(t *testing.T) {
	got := ZonemasterCaseIDs([]string{"DNSSEC08", "DNSSEC09", "DS08_MISSING_RRSIG_IN_RESPONSE"})
	if strings.Join(got, ",") != "DNSSEC08,DNSSEC09" {
		t.Errorf("ZonemasterCaseIDs = %v", got)
	}
}
