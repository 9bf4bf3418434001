// Package address checks the names behind a zone's nameserver
// addresses: each should have a PTR record naming the nameserver.
package address

import (
	"sort"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

func init() { check.RegisterFunc("address", Check) }

// Check runs the address checks: the PTR lookup of every nameserver
// address (Zonemaster address02 and address03). An address whose lookup
// got no answer is not judged.
func Check(in *analyze.Input) []check.Finding {
	d := in.Domain
	switch d.Delegation.Status {
	case observe.Delegated, observe.UserSupplied:
	default:
		return nil
	}
	var out []check.Finding
	for _, a := range d.Addresses() {
		rev, err := dns.ReverseAddr(a.Unmap().String())
		if err != nil {
			continue
		}
		l := analyze.LookupOf(d, rev, dns.TypePTR, observe.PurposeNSPTR)
		if !l.Known {
			continue
		}
		var names []string
		for _, ns := range d.Nameservers {
			for _, x := range ns.Addresses {
				if x.Addr == a {
					names = append(names, ns.Name)
					break
				}
			}
		}
		sort.Strings(names)
		args := check.Args{"address": a.String(), "ns": strings.Join(names, " ")}
		if len(l.RRs) == 0 {
			out = append(out, nsNoReverse.New(a.String(), "none", args, l.Seq))
			continue
		}
		var ptrs []string
		match := false
		for _, rr := range l.RRs {
			p := strings.ToLower(dns.Fqdn(rr.(*dns.PTR).Ptr))
			ptrs = append(ptrs, p)
			for _, n := range names {
				if strings.EqualFold(n, p) {
					match = true
				}
			}
		}
		if !match {
			sort.Strings(ptrs)
			args["ptr"] = strings.Join(ptrs, " ")
			out = append(out, nsReverseMismatch.New(a.String(), "mismatch", args, l.Seq))
		}
	}
	return out
}
