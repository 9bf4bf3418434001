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

func TestCountry(t *testing.T) {
	cases := []struct{ name, tld, country string }{
		{"example.cl.", "cl", "CL"},
		{"www.Example.BR", "br", "BR"},
		{"example.co.uk.", "uk", "GB"},
		{"example.gb.", "gb", "GB"},
		{"example.ac.", "ac", "SH"},
		{"example.tp.", "tp", "TL"},
		{"example.su.", "su", ""},
		{"example.eu.", "eu", ""},
		{"example.com.", "com", ""},
		{"example.xn--p1ai.", "xn--p1ai", ""},
		{"example.zz.", "zz", ""},
		{"cl.", "cl", "CL"},
		{".", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := TLD(c.name); got != c.tld {
				t.Fatalf("TLD = %q, want %q", got, c.tld)
			}
			if got := Country(c.tld); got != c.country {
				t.Errorf("Country = %q, want %q", got, c.country)
			}
		})
	}
	if n := len(strings.Fields(iso3166)); n != 249 {
		t.Errorf("%d ISO 3166-1 codes, want 249", n)
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
