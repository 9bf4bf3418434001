// Package nameserver checks the health of each nameserver address: it
// answers, over UDP and TCP, authoritatively, promptly; it speaks EDNS
// correctly; it offers no recursion and no zone transfer to anyone.
package nameserver

import (
	"net/netip"
	"strconv"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/special"
)

func init() { check.RegisterFunc("nameserver", Check) }

// subject names a server address with the NS names that lead to it.
func subject(d *observe.Domain, a netip.Addr) string { return analyze.ServerLabel(d, a) }

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
		// the lab's own ranges (special.Lab) are the world's global ones,
		// even when not queried (check -4 leaves ::1 alone).
		if sp, ok := special.NotGlobal(a); ok && !(d.Lab && special.Lab(a)) && (r.NotProbed != "" || len(r.Evidence) == 0) {
			out = append(out, nsAddressNotGlobal.New(subj, "range",
				check.Args{"address": a.String(), "prefix": sp.Prefix.String(), "range": sp.Name},
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
			key, args := "silent", check.Args(nil)
			if r.Malformed != "" {
				key, args = "malformed", check.Args{"error": r.Malformed}
			}
			out = append(out, nsUnreachable.New(subj, key, args,
				ev(r, observe.PurposeSOAUDP, observe.PurposeSOATCP)...))
			continue
		}
		if !r.Authoritative {
			out = append(out, nsLame.New(subj, "lame", check.Args{"zone": d.Domain, "reason": r.Lame},
				ev(r, observe.PurposeSOAUDP, observe.PurposeEDNSPlain)...))
		}
		if !r.TCP {
			out = append(out, nsNoTCP.New(subj, "tcp", nil, ev(r, observe.PurposeSOATCP)...))
		}
		if r.Recursive {
			out = append(out, nsRecursive.New(subj, "recursion", nil,
				ev(r, observe.PurposeRecursion)...))
		}
		if r.AXFROpen {
			key, zone := "zone", d.Domain
			if r.AXFRZone != "" {
				key, zone = "shared", r.AXFRZone
			}
			out = append(out, nsAXFROpen.New(subj, key, check.Args{"zone": zone}, ev(r, observe.PurposeAXFR)...))
		}
		// EDNS is judged on answers about a zone the server serves: a lame
		// server's refusals say nothing about its EDNS.
		if r.Authoritative && len(r.EDNS.Failures) > 0 {
			out = append(out, nsEDNSBroken.New(subj, "failed", check.Args{"tests": check.List(r.EDNS.Failures)},
				ev(r, observe.PurposeSOAUDP, observe.PurposeEDNSVer, observe.PurposeEDNSOpt, observe.PurposeEDNSDO,
					observe.PurposeEDNSSize, observe.PurposeTruncTCP, observe.PurposeEDNSPlain)...))
		}
		if r.SlowUDP || r.SlowTCP {
			args, key := check.Args{}, "both"
			if r.SlowUDP {
				args["udp_median"] = r.MedianUDP.Round(time.Millisecond).String()
				args["udp_samples"] = strconv.Itoa(r.SamplesUDP)
				args["udp_limit"] = analyze.SlowUDP.String()
			} else {
				key = "tcp"
			}
			if r.SlowTCP {
				args["tcp_median"] = r.MedianTCP.Round(time.Millisecond).String()
				args["tcp_samples"] = strconv.Itoa(r.SamplesTCP)
				args["tcp_limit"] = analyze.SlowTCP.String()
			} else {
				key = "udp"
			}
			out = append(out, nsSlow.New(subj, key, args, r.LatencyEvidence...))
		}

	}
	return out
}
