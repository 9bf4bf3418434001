// Package nameserver checks the health of each nameserver address: it
// answers, over UDP and TCP, authoritatively, promptly; it speaks EDNS
// correctly; it offers no recursion and no zone transfer to anyone.
package nameserver

import (
	"fmt"
	"net/netip"
	"slices"
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
		// A UDP answer from another address counts for nothing else: a
		// server whose every UDP answer comes from elsewhere is also
		// NS_UNREACHABLE when it does not answer over TCP either.
		if r.WrongSource != "" {
			out = append(out, nsWrongSource.New(subj, "source", check.Args{"asked": a.String(), "from": r.WrongSource},
				ev(r, observe.PurposeSource)...))
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
		switch {
		case r.Authoritative:
		case r.Lame == "no_soa":
			// It claims authority (AA, NOERROR) but gives no SOA: not lame,
			// broken; NS_NO_SOA says so, NS_LAME does not say it again.
			out = append(out, nsNoSOA.New(subj, "no_soa", check.Args{"zone": d.Domain},
				ev(r, observe.PurposeSOAUDP, observe.PurposeEDNSPlain, observe.PurposeSOATCP)...))
		default:
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
		// server's refusals say nothing about its EDNS. Nor do the UDP
		// timeouts of a server whose UDP answers all come from another
		// address (NS_WRONG_SOURCE says why).
		udp := r.WrongSource == "" || r.UDP
		if r.Authoritative && udp {
			out = append(out, ednsFindings(subj, r)...)
		}
		// So are the case of names and AAAA queries.
		if r.Authoritative && udp && r.QNameCase != nil {
			f := r.QNameCase
			args := check.Args{"asked": f.Asked}
			switch f.Reason {
			case "not_preserved":
				args["answered"] = f.Value
			case "rcode":
				args["rcode"], args["want"] = f.Rcode, f.Want
			}
			out = append(out, nsQNameCase.New(subj, f.Reason, args, ev(r, observe.PurposeQNameCase, observe.PurposeSOAUDP)...))
		}
		if r.Authoritative && udp && r.AAAA != nil {
			f := r.AAAA
			args := check.Args{"name": f.Asked}
			if f.Reason == "rcode" {
				args["rcode"], args["want"] = f.Rcode, f.Want
			}
			out = append(out, nsAAAABroken.New(subj, f.Reason, args, ev(r, observe.PurposeAAAA, observe.PurposeSOAUDP)...))
		}
		// A server lame by an upward referral for the zone is NS_LAME
		// (upward_referral) already: the same behaviour is not reported twice.
		if r.UpwardReferral && r.Lame != "upward_referral" {
			out = append(out, nsUpwardReferral.New(subj, "root", check.Args{"name": observe.ProbeRecursionName, "referral": "."},
				ev(r, observe.PurposeRecursion)...))
		}
		if len(r.VersionDisclosed) > 0 {
			q, txt := r.VersionDisclosed[0], r.Version
			if q == "version.server" {
				txt = r.VersionServer
			}
			out = append(out, nsVersionDisclosed.New(subj, "version", check.Args{"query": q, "text": txt},
				ev(r, observe.PurposeChaosVer, observe.PurposeChaosVerS)...))
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

// ednsSplit maps the EDNS tests that have a check of their own to it;
// the others are NS_EDNS_BROKEN's.
var ednsSplit = map[string]check.Handle{
	"badvers":        nsEDNSVersion,
	"unknown_option": nsEDNSOption,
	"flags":          nsEDNSFlags,
	"trunc_opt":      nsEDNSTruncation,
}

// ednsFindings reports r's failed EDNS tests: NS_EDNS_BROKEN for the
// basic ones (no EDNS 0, no answer without EDNS, DO, sizes, TCP fallback),
// one check each for the version, option, flags and truncation tests.
// A server without EDNS 0 fails those as a consequence: it is reported
// once, as NS_EDNS_BROKEN.
func ednsFindings(subj string, r *analyze.ServerResult) []check.Finding {
	var out []check.Finding
	var basic []string
	noEDNS := slices.Contains(r.EDNS.Failures, "edns0")
	for _, t := range r.EDNS.Failures {
		if _, split := ednsSplit[t]; !split {
			basic = append(basic, t)
		}
	}
	if len(basic) > 0 {
		out = append(out, nsEDNSBroken.New(subj, "failed", check.Args{"tests": check.List(basic)},
			ev(r, observe.PurposeSOAUDP, observe.PurposeEDNSDO, observe.PurposeEDNSSize, observe.PurposeTruncTCP,
				observe.PurposeEDNSPlain)...))
	}
	if noEDNS {
		return out
	}
	option := strconv.Itoa(observe.ProbeUnknownOption)
	flags := fmt.Sprintf("0x%04x", observe.ProbeUnknownFlags)
	for _, t := range r.EDNS.Failures {
		why := r.EDNS.Why[t]
		want := why.Want
		if want == "" {
			want = "NOERROR"
		}
		switch t {
		case "badvers":
			args := check.Args{"rcode": why.Rcode}
			if why.Reason == "version" {
				args = check.Args{"version": why.Value}
			}
			out = append(out, nsEDNSVersion.New(subj, why.Reason, args, ev(r, observe.PurposeEDNSVer)...))
		case "unknown_option":
			args := check.Args{"option": option}
			if why.Reason == "rcode" {
				args["rcode"], args["want"] = why.Rcode, want
			}
			out = append(out, nsEDNSOption.New(subj, why.Reason, args, ev(r, observe.PurposeEDNSOpt)...))
		case "flags":
			args := check.Args{"flags": flags}
			switch why.Reason {
			case "rcode":
				args["rcode"], args["want"] = why.Rcode, want
			case "echoed":
				args = check.Args{"echoed": why.Value}
			}
			out = append(out, nsEDNSFlags.New(subj, why.Reason, args, ev(r, observe.PurposeEDNSFlags)...))
		case "trunc_opt":
			out = append(out, nsEDNSTruncation.New(subj, "no_opt", check.Args{"qtype": "DNSKEY", "size": "512"},
				ev(r, observe.PurposeTruncUDP)...))
		}
	}
	return out
}
