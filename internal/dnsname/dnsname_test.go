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
		{"NIÑO.cl", "xn--nio-8ma.cl."},
		{"xn--nio-8ma.cl", "xn--nio-8ma.cl."},
		{"XN--NIO-8MA.CL", "xn--nio-8ma.cl."},
		{"ação.com.br", "xn--ao-siap.com.br."},
		{"a-b.example.org", "a-b.example.org."},
		{"3com.example", "3com.example."},
		{"123.example.org", "123.example.org."},
		{"example.xn--p1ai", "example.xn--p1ai."},
		{".", "."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestNormalizeInvalid(t *testing.T) {
	tests := []struct{ in, why string }{
		{"", "empty"},
		{"a..b", "empty label"},
		{".example.org", "empty label"},
		{strings.Repeat("a", 64) + ".org", "longer than 63"},
		{strings.Repeat("abcdefgh.", 32) + "org", "longer than 253"},
		{"spa ce.org", "space inside"},
		{"tab\tbed.org", "space inside"},
		{"example.org extra", "space inside"},
		{"a\x00b.org", "control character"},
		{"a\x1b[31mred.org", "control character"},
		{"a\x7f.org", "control character"},
		{"\xff\xfe.org", "not valid UTF-8"},
		{"*.example.org", "wildcard"},
		{"a*b.example.org", "wildcard"},
		{"192.0.2.1", "IP address"},
		{"2001:db8::1", "IP address"},
		{"[2001:db8::1]", "IP address"},
		{"1.2.3", "all-numeric"},
		{"-a.example.org", "starting with a hyphen"},
		{"a-.example.org", "ending with a hyphen"},
		{"example.org-", "ending with a hyphen"},
		{"_dmarc.example.org", "underscore"},
		{"a_b.example.org", "underscore"},
		{"a/b.org", "not a valid host name"},
		{"a@b.org", "not a valid host name"},
		{"xn--0.cl", "not a valid host name"},
		{"Xn--0", "not a valid host name"},    // found by FuzzNormalize: was accepted as "xn--0."
		{"XN--0.cl", "not a valid host name"}, // the same, whatever the case
		{"ab--c.example", "not a valid host name"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if err == nil {
				t.Fatalf("Normalize(%q) = %q, want an error (%s)", tt.in, got, tt.why)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("Normalize(%q): %v, want it to say %q", tt.in, err, tt.why)
			}
			if strings.ContainsAny(err.Error(), "\x00\x1b\x7f\n\t") {
				t.Errorf("Normalize(%q): error %q repeats a control character", tt.in, err)
			}
		})
	}
}

func TestQuote(t *testing.T) {
	long := strings.Repeat("ñ", 100)
	for in, want := range map[string]string{
		"example.org": `"example.org"`,
		"a\x1b[2Jb":   `"a\x1b[2Jb"`,
		"\xff":        `"\xff"`,
		"ni\u202eño":  `"ni\u202eño"`,
		long:          `"` + strings.Repeat("ñ", MaxEcho) + `…"`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
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
	for _, s := range []string{"example.org", "niño.cl", "xn--", "..", "a\x00b", "Xn--0", "XN--NIO-8MA.cl", "_a.b", "1.2.3.4"} {
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
		// Validation does not depend on letter case.
		if up, err := Normalize(strings.ToUpper(n)); err != nil || up != n {
			t.Fatalf("Normalize(%q) = %q, %v; want %q as for %q", strings.ToUpper(n), up, err, n, s)
		}
		for i := 0; i < len(n); i++ {
			if c := n[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
				t.Fatalf("Normalize(%q) = %q: byte %q is not LDH", s, n, c)
			}
		}
	})
}
