package check_test

import (
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/all"
)

func TestSelect(t *testing.T) {
	fs := []check.Finding{{ID: "NS_LAME"}, {ID: "NS_NO_TCP"}, {ID: "DNSSEC_BOGUS"}}
	ids := func(fs []check.Finding) string {
		var out []string
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		only, skip string
		want       string // kept IDs, or the error's text
		err        bool
	}{
		{"", "", "NS_LAME,NS_NO_TCP,DNSSEC_BOGUS", false},
		{"NS_LAME,dnssec_bogus", "", "NS_LAME,DNSSEC_BOGUS", false},
		{"", "NS_LAME", "NS_NO_TCP,DNSSEC_BOGUS", false},
		{"", " ns_lame , NS_NO_TCP ", "DNSSEC_BOGUS", false},
		{"NS_LAME", "NS_NO_TCP", "not both", true},
		{"NS_LAMB", "", `--only: unknown check ID "NS_LAMB": 'dnsobs checks' lists them`, true},
		{"", "NS_LAME,NOPE", `--skip: unknown check ID "NOPE"`, true},
		{",", "", "--only: no check ID given", true},
	}
	for _, tt := range tests {
		s, err := check.Select(tt.only, tt.skip)
		if tt.err {
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Select(%q, %q) error = %v, want %q", tt.only, tt.skip, err, tt.want)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Select(%q, %q): %v", tt.only, tt.skip, err)
		}
		if got := ids(s.Filter(fs)); got != tt.want {
			t.Errorf("Select(%q, %q) keeps %s, want %s", tt.only, tt.skip, got, tt.want)
		}
	}
}
