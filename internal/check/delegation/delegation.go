// Package delegation checks what the parent says about a zone and how it
// matches the zone itself: NS count, NS set agreement, glue, aliases.
package delegation

import (
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

func init() { check.RegisterFunc("delegation", Check) }

// MinNS is the fewest nameservers a zone should have (RFC 1034 §4.1).
const MinNS = 2

// Check runs the delegation checks.
func Check(in *analyze.Input) []check.Finding {
	d := in.Domain
	deleg := d.Delegation
	ref := deleg.ReferralSeq
	var refEv []int
	if ref != 0 {
		refEv = []int{ref}
	}
	// A domain that could not be checked says so: a failure is never a pass.
	switch deleg.Status {
	case observe.Delegated, observe.UserSupplied:
	case observe.NotDelegated:
		return []check.Finding{domainNotDelegated.New(d.Domain, "nxdomain", check.Args{"parent": deleg.Parent}, refEv...)}
	case observe.NoDelegation:
		return []check.Finding{domainNotDelegated.New(d.Domain, "no_ns", check.Args{"parent": deleg.Parent}, refEv...)}
	default:
		if d.Error == "" {
			return []check.Finding{domainNotChecked.New(d.Domain, "parent_silent", check.Args{"parent": deleg.Parent}, refEv...)}
		}
		return []check.Finding{domainNotChecked.New(d.Domain, "error", check.Args{"error": d.Error, "parent": deleg.Parent}, refEv...)}
	}
	var out []check.Finding
	if d.Error != "" {
		out = append(out, domainNotChecked.New(d.Domain, "error", check.Args{"error": d.Error, "parent": deleg.Parent}, refEv...))
	}
	out = append(out, working(in)...)

	childKnown := false
	for _, ns := range d.Nameservers {
		if ns.InChild {
			childKnown = true
		}
	}
	// NS count, the parent's NS set and the child's each on its own.
	out = append(out, countLowBoth(d, childKnown, ref)...)
	if deleg.Status == observe.Delegated {
		if size := ReferralSize(d); size > MaxReferral {
			out = append(out, referralTooLarge.New(d.Domain, "size", check.Args{"size": strconv.Itoa(size), "parent": deleg.Parent}, ref))
		}
	}
	out = append(out, unresolvable(d)...)

	// Parent and child NS sets.
	var onlyParent, onlyChild []string
	if childKnown {
		for _, ns := range d.Nameservers {
			switch {
			case ns.InParent && !ns.InChild:
				onlyParent = append(onlyParent, ns.Name)
			case ns.InChild && !ns.InParent:
				onlyChild = append(onlyChild, ns.Name)
			}
		}
	}
	if len(onlyParent)+len(onlyChild) > 0 {
		args, key := check.Args{}, "both"
		if len(onlyParent) > 0 {
			sort.Strings(onlyParent)
			args["parent_only"] = strings.Join(onlyParent, " ")
		} else {
			key = "child_only"
		}
		if len(onlyChild) > 0 {
			sort.Strings(onlyChild)
			args["child_only"] = strings.Join(onlyChild, " ")
		} else {
			key = "parent_only"
		}
		ev := []int{ref}
		for _, q := range d.Find(observe.PurposeNS, netipAny, d.Domain) {
			ev = append(ev, q.Seq)
		}
		out = append(out, delegationNSMismatch.New(d.Domain, key, args, ev...))
	}

	// Glue: a parent NS name inside the zone needs addresses at the parent.
	if deleg.Status == observe.Delegated {
		for _, ns := range d.Nameservers {
			if !ns.InParent || !dns.IsSubDomain(d.Domain, ns.Name) {
				continue
			}
			if len(deleg.Glue[ns.Name]) == 0 {
				out = append(out, glueMissing.New(ns.Name, "glue", check.Args{"ns": ns.Name, "parent": deleg.Parent}, ref))
				continue
			}
			a := analyze.LookupOf(d, ns.Name, dns.TypeA, observe.PurposeNSAddr)
			aaaa := analyze.LookupOf(d, ns.Name, dns.TypeAAAA, observe.PurposeNSAddr)
			if a.Known && aaaa.Known && len(a.RRs)+len(aaaa.RRs) == 0 && a.CNAME == "" {
				out = append(out, glueNotInChild.New(ns.Name, "glue", check.Args{"ns": ns.Name, "parent": deleg.Parent,
					"addresses": check.List(addrStrings(deleg.Glue[ns.Name]))}, ref, a.Seq, aaaa.Seq))
			}
		}
	}

	// Aliases.
	for _, ns := range d.Nameservers {
		if ns.CNAME != "" {
			var ev []int
			for _, q := range d.Find(observe.PurposeNSAddr, netipAny, "") {
				if strings.EqualFold(q.QName, ns.Name) {
					ev = append(ev, q.Seq)
				}
			}
			out = append(out, nsIsCNAME.New(ns.Name, "alias", check.Args{"ns": ns.Name, "target": ns.CNAME}, ev...))
		}
	}
	out = append(out, sharedAddresses(d)...)
	// An apex CNAME shows in the answer to the apex A (asked in a check
	// and of signed zones in a scan) and to the apex AAAA.
apex:
	for _, p := range []string{observe.PurposeApexA, observe.PurposeApexAAAA} {
		for _, q := range d.Find(p, netipAny, d.Domain) {
			if !q.Answered() {
				continue
			}
			for _, rr := range q.Msg().Answer {
				if c, ok := rr.(*dns.CNAME); ok && strings.EqualFold(c.Hdr.Name, d.Domain) {
					out = append(out, apexCNAME.New(d.Domain, "cname", check.Args{"zone": d.Domain, "target": c.Target}, q.Seq))
					break apex
				}
			}
			break
		}
	}
	return out
}

// working reports a zone none of whose nameserver addresses answers
// authoritatively with its SOA (Zonemaster basic02), or, when policy let
// none be queried, that the zone could not be checked.
func working(in *analyze.Input) []check.Finding {
	d := in.Domain
	var probed, refused, refusedWhy []string
	reasons := map[string]bool{}
	var ev []int
	for _, a := range d.Addresses() {
		r := in.Servers[a]
		if r == nil {
			continue
		}
		if r.Authoritative {
			return nil
		}
		if r.NotProbed != "" {
			refused = append(refused, a.String())
			refusedWhy = append(refusedWhy, a.String()+" "+r.NotProbed)
			continue
		}
		if len(r.Evidence) == 0 {
			continue
		}
		probed = append(probed, a.String())
		reasons[r.Lame] = true
		if s, ok := r.Evidence[observe.PurposeSOAUDP]; ok {
			ev = append(ev, s)
		}
	}
	sort.Ints(ev)
	switch {
	case len(probed) > 0:
		why := make([]string, 0, len(reasons))
		for r := range reasons {
			why = append(why, r)
		}
		sort.Strings(why)
		return []check.Finding{domainNoWorkingNS.New(d.Domain, "lame",
			check.Args{"addresses": check.List(probed), "reason": check.List(why)}, ev...)}
	case len(refused) > 0:
		return []check.Finding{domainNotChecked.New(d.Domain, "policy",
			check.Args{"addresses": check.List(refused), "refused": check.List(refusedWhy)})}
	}
	var unresolved []string
	for _, ns := range d.Nameservers {
		unresolved = append(unresolved, ns.Name)
	}
	sort.Strings(unresolved)
	if len(unresolved) == 0 {
		return []check.Finding{domainNoWorkingNS.New(d.Domain, "no_ns", nil)}
	}
	return []check.Finding{domainNoWorkingNS.New(d.Domain, "no_address", check.Args{"names": strings.Join(unresolved, " ")})}
}

// sharedAddresses reports every address that two or more NS names of the
// zone lead to, from the parent's glue or the names' own address records
// (Zonemaster delegation02 looks at each source apart; an address shared
// in either is shared here). Evidence: the referral and the address
// lookups of those names.
func sharedAddresses(d *observe.Domain) []check.Finding {
	names := map[netip.Addr][]string{}
	for _, ns := range d.Nameservers {
		seen := map[netip.Addr]bool{}
		for _, a := range ns.Addresses {
			if !seen[a.Addr] {
				seen[a.Addr] = true
				names[a.Addr] = append(names[a.Addr], ns.Name)
			}
		}
	}
	var out []check.Finding
	for _, a := range d.Addresses() {
		ns := names[a]
		if len(ns) < 2 {
			continue
		}
		sort.Strings(ns)
		var ev []int
		if d.Delegation.ReferralSeq != 0 {
			ev = append(ev, d.Delegation.ReferralSeq)
		}
		for _, q := range d.Find(observe.PurposeNSAddr, netipAny, "") {
			for _, n := range ns {
				if strings.EqualFold(q.QName, n) {
					ev = append(ev, q.Seq)
				}
			}
		}
		out = append(out, nsAddressShared.New(a.String(), "names",
			check.Args{"address": a.String(), "names": strings.Join(ns, " ")}, ev...))
	}
	return out
}
