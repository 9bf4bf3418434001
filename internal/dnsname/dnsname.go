// Package dnsname turns domain names as people and files write them
// (U-labels or A-labels, any case, with or without the final dot) into the
// one form the observatory uses: a lower-case FQDN in A-labels.
package dnsname

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// MaxEcho is how many characters of a bad name an error message repeats.
const MaxEcho = 80

// Normalize returns s as a lower-case FQDN in A-labels, or an error that
// says what is wrong with it. s must be a host name after IDNA processing
// (UTS #46 with golang.org/x/net/idna's Lookup profile: STD3 rules,
// hyphen checks, Bidi and joiner rules): no spaces, control characters,
// invalid UTF-8, wildcards, underscores or IP literals, no label starting
// or ending with a hyphen. Blanks around s and one final dot are removed;
// the root "." is returned as is. Letter case never changes the verdict:
// ASCII letters are folded before anything is checked, and the result is
// checked again so that Normalize(Normalize(s)) == Normalize(s).
func Normalize(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", fmt.Errorf("empty domain name")
	}
	if s == "." {
		return ".", nil
	}
	q := Quote(s)
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%s is not valid UTF-8", q)
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			return "", fmt.Errorf("%s has a space inside", q)
		case unicode.IsControl(r):
			return "", fmt.Errorf("%s has a control character", q)
		case r == '*':
			return "", fmt.Errorf("%s is a wildcard, not a host name", q)
		case r == '_':
			return "", fmt.Errorf("%s has an underscore: not allowed in a host name", q)
		}
	}
	trimmed := strings.TrimSuffix(s, ".")
	if a, err := netip.ParseAddr(strings.Trim(trimmed, "[]")); err == nil {
		return "", fmt.Errorf("%s is an IP address (%v), not a domain name", q, a)
	}
	for _, l := range strings.Split(trimmed, ".") {
		switch {
		case l == "":
			return "", fmt.Errorf("%s has an empty label", q)
		case strings.HasPrefix(l, "-"):
			return "", fmt.Errorf("%s has a label starting with a hyphen", q)
		case strings.HasSuffix(l, "-"):
			return "", fmt.Errorf("%s has a label ending with a hyphen", q)
		}
	}
	name, err := toASCII(foldASCII(trimmed))
	if err != nil {
		return "", fmt.Errorf("%s is not a valid host name: %v", q, err)
	}
	// The A-label form must itself be valid and stable: "Xn--0" folds to
	// "xn--0", which is no valid A-label, and is refused here rather than
	// returned and refused next time.
	if again, err := toASCII(name); err != nil || again != name {
		return "", fmt.Errorf("%s is not a valid host name: its A-label form %s is not", q, Quote(name))
	}
	labels := strings.Split(name, ".")
	for _, l := range labels {
		switch {
		case l == "":
			return "", fmt.Errorf("%s has an empty label", q)
		case len(l) > 63:
			return "", fmt.Errorf("%s has a label longer than 63 characters", q)
		case l[0] == '-' || l[len(l)-1] == '-':
			return "", fmt.Errorf("%s has a label starting or ending with a hyphen", q)
		}
	}
	if allDigits(labels[len(labels)-1]) {
		return "", fmt.Errorf("%s has an all-numeric top-level label: an address, not a host name", q)
	}
	name += "."
	if len(name) > 254 {
		return "", fmt.Errorf("%s is longer than 253 characters", q)
	}
	return name, nil
}

// toASCII applies the Lookup profile and insists on a result of letters,
// digits, hyphens and dots only.
func toASCII(s string) (string, error) {
	a, err := idna.Lookup.ToASCII(s)
	if err != nil {
		return "", err
	}
	a = foldASCII(a)
	for i := 0; i < len(a); i++ {
		c := a[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return "", fmt.Errorf("character %q not allowed in a host name", c)
		}
	}
	return a, nil
}

func foldASCII(s string) string {
	if !strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func allDigits(l string) bool {
	for i := 0; i < len(l); i++ {
		if l[i] < '0' || l[i] > '9' {
			return false
		}
	}
	return l != ""
}

// Quote returns Escape(s) in double quotes.
func Quote(s string) string { return `"` + Escape(s) + `"` }

// Escape returns s made safe for a message, a stored input line or a
// terminal: at most MaxEcho characters (then "…"), with control
// characters, invalid UTF-8, format characters, quotes and backslashes
// escaped as Go escapes them, so that nothing in s can move a cursor,
// ring a bell or hide text.
func Escape(s string) string {
	cut := false
	if utf8.RuneCountInString(s) > MaxEcho {
		n := 0
		for i := range s {
			if n == MaxEcho {
				s, cut = s[:i], true
				break
			}
			n++
		}
	}
	q := strconv.Quote(s)
	q = q[1 : len(q)-1]
	if cut {
		q += "…"
	}
	return q
}

// TLD returns the top-level label of a domain name, lower case, without
// dots: "cl" for "www.example.cl.", "" for the root.
func TLD(name string) string {
	name = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}
