// Package content checks what the zone publishes for others to use: its
// mail exchangers (MX), its SPF policy and the primary server its SOA
// names (MNAME).
package content

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

func init() { check.RegisterFunc("content", Check) }

// Check runs the content checks.
func Check(in *analyze.Input) []check.Finding {
	d := in.Domain
	switch d.Delegation.Status {
	case observe.Delegated, observe.UserSupplied:
	default:
		return nil
	}
	out := mx(d)
	out = append(out, spf(d)...)
	return append(out, mname(in)...)
}

// apexAnswer returns the first authoritative NOERROR answer among d's
// queries of purpose about the apex, unless the apex is an alias (the
// answer then is the alias's, and APEX_CNAME says so).
func apexAnswer(d *observe.Domain, purpose string) (*observe.Query, *dns.Msg) {
	for _, q := range d.Find(purpose, netip.Addr{}, d.Domain) {
		if !q.Answered() {
			continue
		}
		m := q.Msg()
		if !m.Authoritative || m.Rcode != dns.RcodeSuccess || m.Truncated {
			continue
		}
		for _, rr := range m.Answer {
			if rr.Header().Rrtype == dns.TypeCNAME && strings.EqualFold(rr.Header().Name, d.Domain) {
				return nil, nil
			}
		}
		return q, m
	}
	return nil, nil
}

// mx checks the apex MX RRset and its targets.
func mx(d *observe.Domain) []check.Finding {
	q, m := apexAnswer(d, observe.PurposeMX)
	if q == nil {
		return nil
	}
	var targets []string
	for _, rr := range m.Answer {
		if x, ok := rr.(*dns.MX); ok && strings.EqualFold(x.Hdr.Name, d.Domain) {
			targets = append(targets, strings.ToLower(x.Mx))
		}
	}
	if len(targets) == 0 {
		return []check.Finding{mxMissing.New(d.Domain, "none", check.Args{"zone": d.Domain}, q.Seq)}
	}
	var out []check.Finding
	for _, t := range targets {
		if t == "." {
			continue // a null MX (RFC 7505): the domain accepts no mail
		}
		if !Hostname(t) {
			out = append(out, mxNameSyntax.New(t, "syntax", check.Args{"target": t}, q.Seq))
		}
	}
	for _, a := range analyze.MXAAAA(d) {
		if a.Target != a.Name {
			out = append(out, mxIsCNAME.New(a.Name, "alias", check.Args{"target": a.Name, "canonical": a.Target}, q.Seq, a.Seq))
		}
	}
	return out
}

// Hostname reports whether name is a valid host name (RFC 952, RFC 1123
// §2.1, RFC 3696 §2): labels of letters, digits and inner hyphens, a
// "--" in the third and fourth positions only in an A-label ("xn--"),
// and a top label that is not all digits.
func Hostname(name string) bool {
	name = strings.TrimSuffix(name, ".")
	if name == "" || len(name) > 253 {
		return false
	}
	labels := strings.Split(name, ".")
	for i, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		digits := true
		for j := 0; j < len(l); j++ {
			c := l[j]
			switch {
			case isDigit(c):
			case isAlpha(c), c == '-':
				digits = false
			default:
				return false
			}
		}
		if len(l) >= 4 && l[2:4] == "--" && !strings.EqualFold(l[:2], "xn") {
			return false
		}
		if i == len(labels)-1 && digits {
			return false
		}
	}
	return true
}

// spf checks the apex's SPF policies: at most one, well formed.
func spf(d *observe.Domain) []check.Finding {
	q, m := apexAnswer(d, observe.PurposeApexTXT)
	if q == nil {
		return nil
	}
	var policies []string
	for _, rr := range m.Answer {
		if t, ok := rr.(*dns.TXT); ok && strings.EqualFold(t.Hdr.Name, d.Domain) {
			// The strings of one record are joined without spaces (RFC 7208 §3.3).
			if s := strings.Join(t.Txt, ""); SPFVersion(s) {
				policies = append(policies, s)
			}
		}
	}
	switch {
	case len(policies) > 1:
		return []check.Finding{spfInvalid.New(d.Domain, "several", check.Args{"count": strconv.Itoa(len(policies))}, q.Seq)}
	case len(policies) == 1:
		if bad := ParseSPF(policies[0]); bad != "" {
			return []check.Finding{spfInvalid.New(d.Domain, "syntax", check.Args{"term": bad}, q.Seq)}
		}
	}
	return nil
}

// mname checks the SOA's MNAME: a fully qualified host name, no alias,
// and, when it has addresses, one of them answering for the zone with
// authority (Zonemaster zone01, zone07).
func mname(in *analyze.Input) []check.Finding {
	d := in.Domain
	name, soaSeq := analyze.SOAMNAME(d)
	if name == "" {
		return nil
	}
	if strings.Count(name, ".") < 2 {
		return []check.Finding{mnameNotAuth.New(name, "not_fqdn", check.Args{"mname": name}, soaSeq)}
	}
	var out []check.Finding
	a := analyze.LookupOf(d, name, dns.TypeA, observe.PurposeNSAddr, observe.PurposeMNAMEAddr)
	aaaa := analyze.LookupOf(d, name, dns.TypeAAAA, observe.PurposeNSAddr, observe.PurposeMNAMEAddr)
	if a.CNAME != "" || aaaa.CNAME != "" {
		target := a.CNAME
		if target == "" {
			target = aaaa.CNAME
		}
		out = append(out, mnameIsCNAME.New(name, "alias", check.Args{"mname": name, "target": target}, soaSeq, a.Seq))
	}

	// The MNAME's addresses: an NS name's as collection found them,
	// another name's from its own lookups.
	var addrs []netip.Addr
	isNS := false
	for _, ns := range d.Nameservers {
		if strings.EqualFold(ns.Name, name) {
			isNS = true
			for _, x := range ns.Addresses {
				addrs = append(addrs, x.Addr)
			}
		}
	}
	if !isNS {
		addrs = analyze.Addrs(a.RRs, aaaa.RRs)
		if len(addrs) == 0 {
			if a.Known && aaaa.Known {
				ev := []int{soaSeq}
				for _, s := range []int{a.Seq, aaaa.Seq} {
					if s != 0 {
						ev = append(ev, s)
					}
				}
				out = append(out, mnameNotAuth.New(name, "no_address", check.Args{"mname": name}, ev...))
			}
			return out
		}
	}
	var silent, lame []string
	var ev []int
	for _, ad := range addrs {
		if r := in.Servers[ad]; r != nil && len(r.Evidence) > 0 && r.NotProbed == "" {
			if r.Authoritative {
				return out
			}
			if s, ok := r.Evidence[observe.PurposeSOAUDP]; ok {
				ev = append(ev, s)
			}
			if r.Lame == "" || strings.Contains(r.Lame, "timeout") || strings.Contains(r.Lame, "response") {
				silent = append(silent, ad.String())
			} else {
				lame = append(lame, ad.String())
			}
			continue
		}
		for _, q := range d.Find(observe.PurposeMNAMESOA, ad, d.Domain) {
			ev = append(ev, q.Seq)
			switch {
			case !q.Answered():
				silent = append(silent, ad.String())
			case authoritativeSOA(q, d.Domain):
				return out
			default:
				lame = append(lame, ad.String())
			}
		}
	}
	sort.Ints(ev)
	switch {
	case len(lame) > 0:
		out = append(out, mnameNotAuth.New(name, "not_authoritative", check.Args{"mname": name, "addresses": check.List(lame)}, ev...))
	case len(silent) > 0:
		out = append(out, mnameNotAuth.New(name, "no_response", check.Args{"mname": name, "addresses": check.List(silent)}, ev...))
	}
	return out
}

// authoritativeSOA reports whether q got the zone's SOA with authority.
func authoritativeSOA(q *observe.Query, zone string) bool {
	m := q.Msg()
	if m == nil || !m.Authoritative || m.Rcode != dns.RcodeSuccess {
		return false
	}
	for _, rr := range m.Answer {
		if rr.Header().Rrtype == dns.TypeSOA && strings.EqualFold(rr.Header().Name, zone) {
			return true
		}
	}
	return false
}
