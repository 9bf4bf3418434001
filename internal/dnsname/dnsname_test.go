package dnsname

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Example.ORG", "example.org."},
		{"example.org.", "example.org."},
		{"  example.org  ", "example.org."},
		{"niño.cl", "xn--nio-8ma.cl."},
		{"xn--nio-8ma.cl", "xn--nio-8ma.cl."},
		{"ação.com.br", "xn--ao-siap.com.br."},
		{"_dmarc.example.org", "_dmarc.example.org."},
		{".", "."},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "a..b", strings.Repeat("a", 64) + ".org", "spa ce.org", "a/b.org", strings.Repeat("abcdefgh.", 32) + "org"} {
		if got, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) = %q, want an error", bad, got)
		}
	}
}

func TestTLD(t *testing.T) {
	for in, want := range map[string]string{"example.cl.": "cl", "cl.": "cl", "a.b.com.br": "br"} {
		if got := TLD(in); got != want {
			t.Errorf("TLD(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"example.org", "niño.cl", "xn--", "..", "a\x00b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Normalize(s)
		if err != nil {
			return
		}
		again, err := Normalize(n)
		if err != nil || again != n {
			t.Fatalf("Normalize is not idempotent: %q → %q → %q (%v)", s, n, again, err)
		}
	})
}
