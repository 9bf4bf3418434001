package dnsname

import (
	"slices"
	"testing"
)

// The example of RFC 4034 §6.1, shuffled, sorts back into its order.
func TestSort(t *testing.T) {
	want := []string{
		"example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.",
		"z.example.", `\001.z.example.`, "*.z.example.", `\200.z.example.`,
	}
	got := []string{want[4], want[8], want[0], want[6], want[2], want[7], want[1], want[5], want[3]}
	Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Sort =\n%q\nwant\n%q", got, want)
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"example.org.", "EXAMPLE.org", 0},
		{`\065.example.`, "a.example.", 0},  // \065 is "A", folded to "a"
		{`a\.b.example.`, "b.example.", -1}, // one label "a.b" under example.
		{".", "org.", -1},
		{"org.", ".", 1},
		{"b.org.", "a.b.org.", -1},
		{`\255.org.`, "z.org.", 1},
	}
	for _, tt := range tests {
		if got := Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParent(t *testing.T) {
	for in, want := range map[string]string{
		"www.example.org.": "example.org.", "org.": ".", ".": ".", "": ".", `a\.b.org.`: "org.",
	} {
		if got := Parent(in); got != want {
			t.Errorf("Parent(%q) = %q, want %q", in, got, want)
		}
	}
}
