package dnssec

import (
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
)

// equalNames compares two names case-insensitively.
func equalNames(a, b string) bool { return dnsname.Compare(a, b) == 0 }

// nsecCovers reports whether the NSEC span (owner, next) strictly covers
// name: owner < name < next in canonical order, with the last NSEC of the
// zone wrapping around to the apex.
func nsecCovers(owner, next, name string) bool {
	co := dnsname.Compare(owner, name)
	cn := dnsname.Compare(name, next)
	if dnsname.Compare(owner, next) < 0 {
		return co < 0 && cn < 0
	}
	// Last NSEC of the zone: next is the apex, which sorts first.
	return co < 0 || cn < 0
}

// commonAncestor returns the longest common ancestor of a and b.
func commonAncestor(a, b string) string {
	la := dns.SplitDomainName(strings.ToLower(dns.Fqdn(a)))
	lb := dns.SplitDomainName(strings.ToLower(dns.Fqdn(b)))
	n := 0
	for n < len(la) && n < len(lb) && la[len(la)-1-n] == lb[len(lb)-1-n] {
		n++
	}
	if n == 0 {
		return "."
	}
	return strings.Join(la[len(la)-n:], ".") + "."
}

// isSubdomain reports whether child is parent or below it.
func isSubdomain(parent, child string) bool {
	return dns.IsSubDomain(strings.ToLower(dns.Fqdn(parent)), strings.ToLower(dns.Fqdn(child)))
}

// hasType reports whether a type bitmap lists t.
func hasType(bitmap []uint16, t uint16) bool {
	for _, b := range bitmap {
		if b == t {
			return true
		}
	}
	return false
}
