// Package nameserver checks the health of each nameserver address: it
// answers, over UDP and TCP, authoritatively, promptly; it speaks EDNS
// correctly; it offers no recursion and no zone transfer to anyone.
package nameserver

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/special"
)

func init() { check.RegisterFunc("nameserver", Check) }

// subject names a server address with the NS names that lead to it.
func subject(d *observe.Domain, a netip.Addr) string {
	var names []string
	for _, ns := range d.Nameservers {
		for _, x := range ns.Addresses {
			if x.Addr == a {
				names = append(names, ns.Name)
			}
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return a.String()
	}
	return strings.Join(names, ",") + " " + a.String()
}

func ev(r *analyze.ServerResult, purposes ...string) []int {
	var out []int
	for _, p := range purposes {
		if s, ok := r.Evidence[p]; ok {
			out = append(out, s)
		}
	}
	return out
}

// Check runs the nameserver checks over every probed address.
func Check(in *analyze.Input) []check.Finding {
	d := in.Domain
	var out []check.Finding
	for _, a := range d.Addresses() {
		r := in.Servers[a]
		if r == nil {
			continue
		}
		subj := subject(d, a)
		// An address the transport policy refused to query, or never
		// queried, in a range that is not globally reachable. In lab mode
		// the lab's own ranges are queried, so they are not reported.
		if sp, ok := special.NotGlobal(a); ok && (r.NotProbed != "" || len(r.Evidence) == 0) {
			out = append(out, nsAddressNotGlobal.New(subj, fmt.Sprintf("%s is in %s, %s", a, sp.Prefix, sp.Name),
				ev(r, observe.PurposeSOAUDP)...))
			continue
		}
		if len(r.Evidence) == 0 || r.NotProbed != "" {
			// Never probed (an undelegated parent failure), or refused by
			// policy for another reason (the do-not-probe list; a public
			// address in lab mode): nothing was measured, and the report's
			// probe object says why (not_probed). Never "no response".
			continue
		}
		if !r.Reachable {
			detail := "no response over UDP or TCP"
			if r.Malformed != "" {
				detail = "no usable response over UDP or TCP: " + r.Malformed
			}
			out = append(out, nsUnreachable.New(subj, detail,
				ev(r, observe.PurposeSOAUDP, observe.PurposeSOATCP)...))
			continue
		}
		if !r.Authoritative {
			out = append(out, nsLame.New(subj, "not authoritative for "+d.Domain+": "+r.Lame,
				ev(r, observe.PurposeSOAUDP, observe.PurposeEDNSPlain)...))
		}
		if !r.TCP {
			out = append(out, nsNoTCP.New(subj, "no response over TCP", ev(r, observe.PurposeSOATCP)...))
		}
		if r.Recursive {
			out = append(out, nsRecursive.New(subj, "answered a recursive query for a name outside its zones",
				ev(r, observe.PurposeRecursion)...))
		}
		if r.AXFROpen {
			detail := "zone transfer of " + d.Domain + " allowed"
			if r.AXFRZone != "" {
				detail = "zone transfer allowed (tried once per server, on " + r.AXFRZone + ")"
			}
			out = append(out, nsAXFROpen.New(subj, detail, ev(r, observe.PurposeAXFR)...))
		}
		// EDNS is judged on answers about a zone the server serves: a lame
		// server's refusals say nothing about its EDNS.
		if r.Authoritative && len(r.EDNS.Failures) > 0 {
			out = append(out, nsEDNSBroken.New(subj, "failed: "+strings.Join(r.EDNS.Failures, ", "),
				ev(r, observe.PurposeSOAUDP, observe.PurposeEDNSVer, observe.PurposeEDNSOpt, observe.PurposeEDNSDO,
					observe.PurposeEDNSSize, observe.PurposeTruncTCP, observe.PurposeEDNSPlain)...))
		}
		if r.SlowUDP || r.SlowTCP {
			var parts []string
			if r.SlowUDP {
				parts = append(parts, fmt.Sprintf("median UDP %s over %s > %s",
					r.MedianUDP.Round(time.Millisecond), exchanges(r.SamplesUDP), analyze.SlowUDP))
			}
			if r.SlowTCP {
				parts = append(parts, fmt.Sprintf("median TCP %s over %s > %s",
					r.MedianTCP.Round(time.Millisecond), exchanges(r.SamplesTCP), analyze.SlowTCP))
			}
			out = append(out, nsSlow.New(subj, strings.Join(parts, ", "), r.LatencyEvidence...))
		}

	}
	return out
}

func exchanges(n int) string {
	if n == 1 {
		return "1 exchange"
	}
	return fmt.Sprintf("%d exchanges", n)
}
