// Package delegation checks what the parent says about a zone and how it
// matches the zone itself: NS count, NS set agreement, glue, aliases.
package delegation

import (
	"fmt"
	"sort"
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
	if deleg.Status != observe.Delegated && deleg.Status != observe.UserSupplied {
		return nil
	}
	var out []check.Finding
	ref := deleg.ReferralSeq

	// NS count: the union of parent and child NS names.
	if n := len(d.Nameservers); n < MinNS {
		out = append(out, nsCountLow.New(d.Domain, fmt.Sprintf("%d nameserver", n), ref))
	}

	// Parent and child NS sets.
	var onlyParent, onlyChild []string
	childKnown := false
	for _, ns := range d.Nameservers {
		if ns.InChild {
			childKnown = true
		}
	}
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
		var parts []string
		if len(onlyParent) > 0 {
			sort.Strings(onlyParent)
			parts = append(parts, "only at the parent: "+strings.Join(onlyParent, " "))
		}
		if len(onlyChild) > 0 {
			sort.Strings(onlyChild)
			parts = append(parts, "only in the zone: "+strings.Join(onlyChild, " "))
		}
		ev := []int{ref}
		for _, q := range d.Find(observe.PurposeNS, netipAny, d.Domain) {
			ev = append(ev, q.Seq)
		}
		out = append(out, delegationNSMismatch.New(d.Domain, strings.Join(parts, "; "), ev...))
	}

	// Glue: a parent NS name inside the zone needs addresses at the parent.
	if deleg.Status == observe.Delegated {
		for _, ns := range d.Nameservers {
			if !ns.InParent || !dns.IsSubDomain(d.Domain, ns.Name) {
				continue
			}
			if len(deleg.Glue[ns.Name]) == 0 {
				out = append(out, glueMissing.New(ns.Name, "no A or AAAA for "+ns.Name+" in the referral from "+deleg.Parent, ref))
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
			out = append(out, nsIsCNAME.New(ns.Name, ns.Name+" is an alias for "+ns.CNAME, ev...))
		}
	}
	for _, q := range d.Find(observe.PurposeApexA, netipAny, d.Domain) {
		if !q.Answered() {
			continue
		}
		for _, rr := range q.Msg().Answer {
			if c, ok := rr.(*dns.CNAME); ok && strings.EqualFold(c.Hdr.Name, d.Domain) {
				out = append(out, apexCNAME.New(d.Domain, d.Domain+" CNAME "+c.Target, q.Seq))
				break
			}
		}
		break
	}
	return out
}
