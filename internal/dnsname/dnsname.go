// Package dnsname turns domain names as people and files write them
// (U-labels or A-labels, any case, with or without the final dot) into the
// one form the observatory uses: a lower-case FQDN in A-labels.
package dnsname

import (
	"fmt"
	"strings"

	"golang.org/x/net/idna"
)

// Normalize returns s as a lower-case FQDN in A-labels, or an error that
// says what is wrong with it.
func Normalize(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", fmt.Errorf("empty domain name")
	}
	if s == "." {
		return ".", nil
	}
	trimmed := strings.TrimSuffix(s, ".")
	ascii, err := idna.Lookup.ToASCII(trimmed)
	if err != nil {
		// Names with underscores and other exceptions to the host name
		// rules still exist in the DNS: accept them when they are ASCII.
		ascii, err = idna.Punycode.ToASCII(trimmed)
		if err != nil {
			return "", fmt.Errorf("%q is not a valid domain name: %v", s, err)
		}
	}
	name := strings.ToLower(ascii) + "."
	if len(name) > 254 {
		return "", fmt.Errorf("%q is longer than 253 characters", s)
	}
	for _, l := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		switch {
		case l == "":
			return "", fmt.Errorf("%q has an empty label", s)
		case len(l) > 63:
			return "", fmt.Errorf("%q has a label longer than 63 characters", s)
		case strings.ContainsAny(l, " \t\\\"();@$/,:"):
			return "", fmt.Errorf("%q has a character not allowed in a domain name", s)
		}
	}
	return name, nil
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
