package analyze

import (
	"net/netip"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Input is what every check reads: the domain's observations and what
// pure analysis derived from them. Checks must not modify it.
type Input struct {
	Domain  *observe.Domain
	At      time.Time                    // evaluation time for signature validity (--at)
	Servers map[netip.Addr]*ServerResult // per nameserver address, for the domain's zone
	DNSSEC  *dnssec.Result               // nil when DNSSEC was not analysed
}

// Options of Domain.
type Options struct {
	Anchors []dns.RR  // the root trust anchor
	At      time.Time // evaluation time; zero means the collection time
	// Verified, when set, is shared by the analyses of a run so that
	// signatures common to many domains (the root's, the TLD's) are
	// verified once.
	Verified *dnssec.VerifyCache
}

// Domain analyses d: every nameserver address's probes for the domain's
// zone and, when the domain is delegated (or its servers were given), the
// DNSSEC chain of trust. The result is what the checks read.
func Domain(d *observe.Domain, opt Options) *Input {
	at := opt.At
	if at.IsZero() {
		at = d.CollectedAt
	}
	in := &Input{Domain: d, At: at, Servers: map[netip.Addr]*ServerResult{}}
	for _, a := range d.Addresses() {
		in.Servers[a] = Server(d, a, d.Domain)
	}
	if d.Delegation.Status == observe.Delegated || d.Delegation.Status == observe.UserSupplied {
		in.DNSSEC = dnssec.AnalyzeWith(d, dnssec.Options{Anchors: opt.Anchors, At: at, Cache: opt.Verified})
	}
	return in
}
