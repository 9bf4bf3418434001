package content

import (
	"net/netip"
	"strconv"
	"strings"
)

// SPFVersion reports whether a TXT record's text is an SPF policy: it
// starts with "v=spf1" followed by a space or nothing (RFC 7208 §4.5).
func SPFVersion(txt string) bool {
	if len(txt) < 6 || !strings.EqualFold(txt[:6], "v=spf1") {
		return false
	}
	return len(txt) == 6 || txt[6] == ' '
}

// ParseSPF checks the syntax of an SPF policy against the grammar of RFC
// 7208 §12 and the once-only modifiers of §6. It returns the first term
// that does not parse, or "" when the policy is well formed. It resolves
// nothing: the limit of ten DNS lookups (§4.6.4) is not judged.
func ParseSPF(policy string) (bad string) {
	if !SPFVersion(policy) {
		return policy
	}
	seen := map[string]bool{}
	for _, term := range strings.Split(policy[6:], " ") {
		if term == "" {
			continue // runs of spaces are allowed: terms = *( 1*SP ... )
		}
		if !spfTerm(term, seen) {
			return term
		}
	}
	return ""
}

func spfTerm(term string, seen map[string]bool) bool {
	// A modifier: name "=" macro-string.
	if i := strings.IndexByte(term, '='); i >= 0 && (strings.IndexByte(term, ':') < 0 || i < strings.IndexByte(term, ':')) {
		name, value := strings.ToLower(term[:i]), term[i+1:]
		if !spfName(name) {
			return false
		}
		switch name {
		case "redirect", "exp":
			if seen[name] {
				return false // at most once each (§6)
			}
			seen[name] = true
			return domainSpec(value)
		}
		return macroString(value)
	}
	// A directive: [qualifier] mechanism.
	if strings.ContainsRune("+-?~", rune(term[0])) {
		term = term[1:]
	}
	name, arg, hasArg := strings.Cut(term, ":")
	var cidr string
	if !hasArg {
		name, cidr, _ = strings.Cut(term, "/")
		if cidr != "" || strings.HasSuffix(term, "/") {
			cidr = "/" + cidr
		}
	}
	switch strings.ToLower(name) {
	case "all":
		return !hasArg && cidr == ""
	case "include", "exists":
		return hasArg && domainSpec(arg)
	case "ptr":
		return cidr == "" && (!hasArg || domainSpec(arg))
	case "a", "mx":
		if hasArg {
			// domain-spec [dual-cidr-length]: the CIDR starts at the first "/".
			if i := strings.IndexByte(arg, '/'); i >= 0 {
				arg, cidr = arg[:i], arg[i:]
			}
			if !domainSpec(arg) {
				return false
			}
		}
		return dualCIDR(cidr)
	case "ip4":
		addr, bits, _ := strings.Cut(arg, "/")
		a, err := netip.ParseAddr(addr)
		return hasArg && err == nil && a.Is4() && (!strings.Contains(arg, "/") || cidrLen(bits, 32))
	case "ip6":
		addr, bits, _ := strings.Cut(arg, "/")
		a, err := netip.ParseAddr(addr)
		return hasArg && err == nil && a.Is6() && !a.Is4In6() && (!strings.Contains(arg, "/") || cidrLen(bits, 128))
	}
	return false
}

// dualCIDR checks [ ip4-cidr-length ] [ "/" ip6-cidr-length ]: "", "/24",
// "//64", "/24//64".
func dualCIDR(s string) bool {
	if s == "" {
		return true
	}
	v4, v6, dual := strings.Cut(s[1:], "//")
	if strings.HasPrefix(s, "//") {
		return cidrLen(s[2:], 128)
	}
	if !cidrLen(v4, 32) {
		return false
	}
	return !dual || cidrLen(v6, 128)
}

// cidrLen checks a prefix length: no leading zero, at most max.
func cidrLen(s string, max int) bool {
	if s == "" || len(s) > 1 && s[0] == '0' {
		return false
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= 0 && n <= max
}

// spfName is ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ).
func spfName(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isAlpha(c) && !isDigit(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// domainSpec is macro-string domain-end, domain-end being a macro
// expansion or "." toplabel [ "." ].
func domainSpec(s string) bool {
	if s == "" || !macroString(s) {
		return false
	}
	if strings.HasSuffix(s, "}") {
		return true // ends with a macro-expand
	}
	t := strings.TrimSuffix(s, ".")
	i := strings.LastIndexByte(t, '.')
	if i < 0 {
		return false
	}
	return toplabel(t[i+1:])
}

// toplabel is a label of letters, digits and inner hyphens, not all
// digits.
func toplabel(l string) bool {
	if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	alpha := false
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case isAlpha(c):
			alpha = true
		case isDigit(c), c == '-':
		default:
			return false
		}
	}
	return alpha || strings.Contains(l, "-")
}

// macroString is *( macro-expand / macro-literal ).
func macroString(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			if c < 0x21 || c > 0x7e {
				return false
			}
			continue
		}
		if i+1 >= len(s) {
			return false
		}
		switch s[i+1] {
		case '%', '_', '-':
			i++
			continue
		case '{':
		default:
			return false
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 || !macroBody(s[i+2:i+end]) {
			return false
		}
		i += end
	}
	return true
}

// macroBody is macro-letter transformers *delimiter.
func macroBody(b string) bool {
	if b == "" || !strings.ContainsRune("slodiphcrtvSLODIPHCRTV", rune(b[0])) {
		return false
	}
	j := 1
	for j < len(b) && isDigit(b[j]) {
		j++
	}
	if j < len(b) && (b[j] == 'r' || b[j] == 'R') {
		j++
	}
	for ; j < len(b); j++ {
		if !strings.ContainsRune(".-+,/_=", rune(b[j])) {
			return false
		}
	}
	return true
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
