// Package all links every check area into the binary. Add a blank import
// here when you add an area.
package all

import (
	// The check areas; each registers its definitions and analysis in init.
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/address"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/consistency"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/content"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/delegation"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/diversity"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/dnssec"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/nameserver"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/syntax"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/zone"
)
