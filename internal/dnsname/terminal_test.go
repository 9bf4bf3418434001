package dnsname

import (
	"testing"
	"unicode/utf8"
)

func TestTerminal(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ns1.example.org.", "ns1.example.org."},
		{"a\x00b", `a\000b`},
		{"\x1b[31mred", `\027[31mred`},
		{"two\nlines\r\t", `two\010lines\013\009`},
		{"bad\xffutf8\xc3", `bad\255utf8\195`},
		{"del\x7f", `del\127`},
		{"c1\u009b31m", `c1\194\15531m`},
		{"rtl\u202eevil", `rtl\226\128\174evil`},
		{"zw\u200bj", `zw\226\128\139j`},
		{"ñandú.cl é€", "ñandú.cl é€"},         // printable UTF-8 stays
		{`a\000b.example.`, `a\000b.example.`}, // presentation format stays
		{"\uFFFD", "\uFFFD"},                   // a real U+FFFD is printable
	} {
		if got := Terminal(c.in); got != c.want {
			t.Errorf("Terminal(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzTerminal checks that Terminal's output never holds a byte that acts
// on a terminal, is valid UTF-8, and is the input when the input was safe.
func FuzzTerminal(f *testing.F) {
	for _, s := range []string{"", "a\x00b", "\x1b[31m", "\xff\xfe", "\u202e", "ñ", "a\\000b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Terminal(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Terminal(%q) = %q: not UTF-8", s, out)
		}
		for i, r := range out {
			if unsafeRune(r, utf8.RuneLen(r)) {
				t.Fatalf("Terminal(%q) = %q: unsafe rune %U at %d", s, out, r, i)
			}
		}
		if Terminal(out) != out {
			t.Fatalf("Terminal is not idempotent on %q", s)
		}
	})
}
