package dnssec

import (
	"bytes"
	"strings"

	"github.com/miekg/dns"
)

// wireLabels returns the labels of name in wire form, lower-cased, from
// the root-most to the left-most (the order canonical comparison reads
// them, RFC 4034 §6.1), or ok=false when name does not pack.
func wireLabels(name string) (labels [][]byte, ok bool) {
	buf := make([]byte, 256)
	n, err := dns.PackDomainName(dns.Fqdn(name), buf, 0, nil, false)
	if err != nil {
		return nil, false
	}
	buf = buf[:n]
	for off := 0; off < len(buf); {
		l := int(buf[off])
		if l == 0 {
			break
		}
		if off+1+l > len(buf) {
			return nil, false
		}
		labels = append(labels, bytes.ToLower(buf[off+1:off+1+l]))
		off += 1 + l
	}
	for i, j := 0, len(labels)-1; i < j; i, j = i+1, j-1 {
		labels[i], labels[j] = labels[j], labels[i]
	}
	return labels, true
}

// canonicalCompare orders two names canonically (RFC 4034 §6.1): -1, 0 or
// +1. Names that do not pack sort by their lower-cased text.
func canonicalCompare(a, b string) int {
	la, oka := wireLabels(a)
	lb, okb := wireLabels(b)
	if !oka || !okb {
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	}
	for i := 0; i < len(la) && i < len(lb); i++ {
		if c := bytes.Compare(la[i], lb[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(la) < len(lb):
		return -1
	case len(la) > len(lb):
		return 1
	}
	return 0
}

// equalNames compares two names case-insensitively.
func equalNames(a, b string) bool { return canonicalCompare(a, b) == 0 }

// nsecCovers reports whether the NSEC span (owner, next) strictly covers
// name: owner < name < next in canonical order, with the last NSEC of the
// zone wrapping around to the apex.
func nsecCovers(owner, next, name string) bool {
	co := canonicalCompare(owner, name)
	cn := canonicalCompare(name, next)
	if canonicalCompare(owner, next) < 0 {
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

// parentName returns the name one label up, "." for a top-level name.
func parentName(name string) string {
	i, end := dns.NextLabel(name, 0)
	if end {
		return "."
	}
	return name[i:]
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
