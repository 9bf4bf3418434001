package consistency

import (
	"net/netip"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// glue compares the parent's glue for each NS name with the name's own A
// and AAAA records (Zonemaster consistency05): an address family is
// compared only when the name's lookup of it was answered, and a name
// with no address at all is GLUE_NOT_IN_CHILD's (delegation).
func glue(d *observe.Domain) []check.Finding {
	deleg := d.Delegation
	if deleg.Status != observe.Delegated {
		return nil
	}
	var out []check.Finding
	for _, n := range deleg.NS {
		g := deleg.Glue[n]
		if len(g) == 0 {
			continue
		}
		a := analyze.LookupOf(d, n, dns.TypeA, observe.PurposeNSAddr)
		aaaa := analyze.LookupOf(d, n, dns.TypeAAAA, observe.PurposeNSAddr)
		if len(a.RRs)+len(aaaa.RRs) == 0 {
			continue
		}
		ownList := analyze.Addrs(a.RRs, aaaa.RRs)
		own := map[netip.Addr]bool{}
		for _, x := range ownList {
			own[x] = true
		}
		known := func(x netip.Addr) bool {
			if x.Unmap().Is4() {
				return a.Known
			}
			return aaaa.Known
		}
		inGlue := map[netip.Addr]bool{}
		var extra, missing []string
		for _, x := range g {
			inGlue[x] = true
			if known(x) && !own[x] {
				extra = append(extra, x.String())
			}
		}
		for _, x := range ownList {
			if !inGlue[x] {
				missing = append(missing, x.String())
			}
		}
		var ev []int
		for _, s := range []int{deleg.ReferralSeq, a.Seq, aaaa.Seq} {
			if s != 0 {
				ev = append(ev, s)
			}
		}
		args := check.Args{"ns": n, "parent": deleg.Parent}
		switch {
		case len(extra) > 0 && len(missing) > 0:
			args["extra"], args["missing"] = check.List(extra), check.List(missing)
			out = append(out, glueMismatch.New(n, "both", args, ev...))
		case len(extra) > 0:
			args["extra"] = check.List(extra)
			out = append(out, glueMismatch.New(n, "extra", args, ev...))
		case len(missing) > 0:
			args["missing"] = check.List(missing)
			out = append(out, glueMismatch.New(n, "missing", args, ev...))
		}
	}
	return out
}
