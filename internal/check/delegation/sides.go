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

// Sides of a delegation, as NS_COUNT_LOW's subject names them.
const (
	ParentSide = "parent" // the NS set in the parent's referral
	ChildSide  = "child"  // the NS set the zone's own servers give
)

// countLowBoth judges the parent's NS set and, when known, the child's.
// When both get the same verdict (the same key and arguments, the usual
// case of identical NS sets) it is reported once, its subject naming
// both sides ("example.org. (parent, child)").
func countLowBoth(d *observe.Domain, childKnown bool, ref int) []check.Finding {
	parent := countLow(d, ParentSide, ref)
	if !childKnown {
		return parent
	}
	var ev []int
	for _, q := range d.Find(observe.PurposeNS, netip.Addr{}, d.Domain) {
		ev = append(ev, q.Seq)
	}
	child := countLow(d, ChildSide, ev...)
	if len(parent) == 1 && len(child) == 1 && sameVerdict(parent[0], child[0]) {
		f := countLowFinding(d, ParentSide+", "+ChildSide, parent[0], append([]int{ref}, ev...))
		return []check.Finding{f}
	}
	return append(parent, child...)
}

// sameVerdict reports whether two NS_COUNT_LOW findings say the same but
// for the side.
func sameVerdict(a, b check.Finding) bool {
	if a.DetailKey != b.DetailKey || len(a.Args) != len(b.Args) {
		return false
	}
	for k, v := range a.Args {
		if k != "side" && b.Args[k] != v {
			return false
		}
	}
	return true
}

// countLowFinding remakes f for sides.
func countLowFinding(d *observe.Domain, sides string, f check.Finding, ev []int) check.Finding {
	args := check.Args{}
	for k, v := range f.Args {
		args[k] = v
	}
	args["side"] = sides
	return nsCountLow.New(d.Domain+" ("+sides+")", f.DetailKey, args, ev...)
}

// countLow judges one side's NS set as Zonemaster's delegation01 does
// (RFC 10001 §4.1): at least two names, and, in each address family
// the set uses, at least two names with an address of that family (a
// name with several addresses of one family counts once). The parent's
// names have their glue and resolved addresses; the child's, what their
// own A/AAAA lookups answered (glue alone does not count).
func countLow(d *observe.Domain, side string, ev ...int) []check.Finding {
	var names, v4, v6 []string
	for _, ns := range d.Nameservers {
		if side == ParentSide && !ns.InParent || side == ChildSide && !ns.InChild {
			continue
		}
		names = append(names, ns.Name)
		has4, has6 := false, false
		for _, a := range ns.Addresses {
			if a.Addr.Unmap().Is4() {
				has4 = true
			} else {
				has6 = true
			}
		}
		if side == ChildSide {
			// The child's view of a name is its own A/AAAA, not the
			// parent's glue: an answered lookup decides.
			if l := analyze.LookupOf(d, ns.Name, dns.TypeA, observe.PurposeNSAddr); l.Known {
				has4 = len(l.RRs) > 0
			}
			if l := analyze.LookupOf(d, ns.Name, dns.TypeAAAA, observe.PurposeNSAddr); l.Known {
				has6 = len(l.RRs) > 0
			}
		}
		if has4 {
			v4 = append(v4, ns.Name)
		}
		if has6 {
			v6 = append(v6, ns.Name)
		}
	}
	subject := d.Domain + " (" + side + ")"
	sort.Strings(names)
	sort.Strings(v4)
	sort.Strings(v6)
	args := check.Args{"side": side}
	switch {
	case len(names) < MinNS:
		args["count"], args["names"] = strconv.Itoa(len(names)), strings.Join(names, " ")
		if len(names) == 0 {
			args["names"] = "-"
		}
		return []check.Finding{nsCountLow.New(subject, "names", args, ev...)}
	case len(v4) == 1 && len(v6) == 1:
		args["ipv4"], args["ipv6"] = v4[0], v6[0]
		return []check.Finding{nsCountLow.New(subject, "both_families", args, ev...)}
	case len(v4) == 1:
		args["names"] = v4[0]
		return []check.Finding{nsCountLow.New(subject, "ipv4", args, ev...)}
	case len(v6) == 1:
		args["names"] = v6[0]
		return []check.Finding{nsCountLow.New(subject, "ipv6", args, ev...)}
	}
	return nil
}

// MaxReferral is the size a referral must fit in without EDNS (RFC 1035
// §4.2.1).
const MaxReferral = 512

// ReferralSize is the size of the referral the parent would give for a
// name of the greatest length (255 octets) below the domain, computed as
// Zonemaster's delegation03 does: the parent's NS records in the
// authority section, and in the additional section one A record when
// every name with an IPv4 address is inside the parent zone, and one
// AAAA record when every name with an IPv6 address is, all with name
// compression. It is 0 when the parent gave no NS names.
func ReferralSize(d *observe.Domain) int {
	deleg := d.Delegation
	if len(deleg.NS) == 0 {
		return 0
	}
	m := new(dns.Msg)
	m.SetQuestion(longName(d.Domain), dns.TypeA)
	m.Response = true
	addrs := map[string][]netip.Addr{}
	for _, ns := range d.Nameservers {
		for _, a := range ns.Addresses {
			addrs[ns.Name] = append(addrs[ns.Name], a.Addr)
		}
	}
	var v4, v6 []string
	for _, n := range deleg.NS {
		m.Ns = append(m.Ns, &dns.NS{Hdr: dns.RR_Header{Name: d.Domain, Rrtype: dns.TypeNS, Class: dns.ClassINET, Ttl: 3600}, Ns: n})
		for _, a := range append(addrs[n], deleg.Glue[n]...) {
			if a.Unmap().Is4() {
				v4 = appendOnce(v4, n)
			} else {
				v6 = appendOnce(v6, n)
			}
		}
	}
	inParent := func(names []string) bool {
		for _, n := range names {
			if !dns.IsSubDomain(deleg.Parent, n) {
				return false
			}
		}
		return len(names) > 0
	}
	if inParent(v4) {
		m.Extra = append(m.Extra, &dns.A{Hdr: dns.RR_Header{Name: v4[0], Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 3600}, A: netip.MustParseAddr("192.0.2.1").AsSlice()})
	}
	if inParent(v6) {
		m.Extra = append(m.Extra, &dns.AAAA{Hdr: dns.RR_Header{Name: v6[0], Rrtype: dns.TypeAAAA, Class: dns.ClassINET, Ttl: 3600}, AAAA: netip.MustParseAddr("2001:db8::1").AsSlice()})
	}
	m.Compress = true
	b, err := m.Pack()
	if err != nil {
		return 0
	}
	return len(b)
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// longName is a name of 255 octets in wire form below zone.
func longName(zone string) string {
	zone = dns.Fqdn(zone)
	wire := len(zone) + 1
	if zone == "." {
		wire = 1
	}
	rest := 255 - wire
	var labels []string
	for rest > 0 {
		l := min(63, rest-1)
		if rest-(l+1) == 1 {
			l-- // leave room for a last label of one octet
		}
		labels = append(labels, strings.Repeat("a", l))
		rest -= l + 1
	}
	if zone == "." {
		return strings.Join(labels, ".") + "."
	}
	return strings.Join(labels, ".") + "." + zone
}

// unresolvable reports the NS names none of whose addresses was found
// (Zonemaster nameserver06).
func unresolvable(d *observe.Domain) []check.Finding {
	var out []check.Finding
	for _, ns := range d.Nameservers {
		if len(ns.Addresses) > 0 {
			continue
		}
		a := analyze.LookupOf(d, ns.Name, dns.TypeA, observe.PurposeNSAddr)
		aaaa := analyze.LookupOf(d, ns.Name, dns.TypeAAAA, observe.PurposeNSAddr)
		var ev []int
		for _, s := range []int{a.Seq, aaaa.Seq} {
			if s != 0 {
				ev = append(ev, s)
			}
		}
		switch {
		case a.NXDomain || aaaa.NXDomain:
			out = append(out, nsNameUnresolvable.New(ns.Name, "nxdomain", check.Args{"ns": ns.Name}, ev...))
		case a.Known && aaaa.Known:
			out = append(out, nsNameUnresolvable.New(ns.Name, "nodata", check.Args{"ns": ns.Name}, ev...))
		default:
			out = append(out, nsNameUnresolvable.New(ns.Name, "no_answer", check.Args{"ns": ns.Name}, ev...))
		}
	}
	return out
}

func addrStrings(as []netip.Addr) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.String())
	}
	return out
}
