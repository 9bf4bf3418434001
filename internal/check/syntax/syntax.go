// Package syntax checks the form of the names a zone is described by: the
// domain name, its nameservers' names, and the SOA MNAME (host names) and
// RNAME (a mailbox).
package syntax

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

func init() { check.RegisterFunc("syntax", Check) }

// Check runs the syntax checks. The names come from the observations:
// the domain as collection recorded it, the NS names of the referral and
// of the zone, and the SOA of every authoritative server.
func Check(in *analyze.Input) []check.Finding {
	d := in.Domain
	var out []check.Finding
	if p := hostProblems(d.Domain, false); len(p) > 0 {
		out = append(out, domainNameSyntax.New(d.Domain, "problems", check.Args{"problems": check.List(p)}))
	}
	for _, ns := range d.Nameservers {
		if p := hostProblems(ns.Name, true); len(p) > 0 {
			var ev []int
			if ns.InParent && d.Delegation.ReferralSeq != 0 {
				ev = append(ev, d.Delegation.ReferralSeq)
			}
			if ns.InChild {
				for _, q := range d.Find(observe.PurposeNS, netip.Addr{}, d.Domain) {
					ev = append(ev, q.Seq)
				}
			}
			out = append(out, nsNameSyntax.New(ns.Name, "problems", check.Args{"problems": check.List(p)}, ev...))
		}
	}
	// Each distinct MNAME and RNAME once, citing the SOA answers that hold it.
	mnames, rnames := map[string][]int{}, map[string][]int{}
	var mOrder, rOrder []string
	for _, a := range d.Addresses() {
		r := in.Servers[a]
		if r == nil || r.SOA == nil {
			continue
		}
		if _, ok := mnames[r.SOA.MName]; !ok {
			mOrder = append(mOrder, r.SOA.MName)
		}
		mnames[r.SOA.MName] = append(mnames[r.SOA.MName], r.SOA.Seq)
		if _, ok := rnames[r.SOA.RName]; !ok {
			rOrder = append(rOrder, r.SOA.RName)
		}
		rnames[r.SOA.RName] = append(rnames[r.SOA.RName], r.SOA.Seq)
	}
	for _, m := range mOrder {
		if m == "." {
			continue // no primary named: a convention, not a host name
		}
		if p := hostProblems(m, true); len(p) > 0 {
			slices.Sort(mnames[m])
			out = append(out, soaMNameSyntax.New(d.Domain, "mname", check.Args{"mname": m, "problems": check.List(p)}, mnames[m]...))
		}
	}
	for _, r := range rOrder {
		if p := mailboxProblems(r); len(p) > 0 {
			slices.Sort(rnames[r])
			out = append(out, soaRNameSyntax.New(d.Domain, "rname", check.Args{"rname": r, "problems": check.List(p)}, rnames[r]...))
		}
	}
	return out
}

// hostProblems returns the codes of what makes name (presentation form,
// escapes as the DNS library writes them) no valid host name (RFC 952,
// RFC 1123 §2.1, RFC 3696 §2 and §5), each code once: a character other
// than a letter, digit or hyphen, a label starting or ending with a
// hyphen, "--" in positions 3 and 4 of a label that is not a valid A-label,
// and, when tld is set, an all-numeric top-level label. The root has none.
func hostProblems(name string, tld bool) []string {
	labels := dns.SplitDomainName(strings.ToLower(name))
	var out []string
	add := func(code string) {
		for _, c := range out {
			if c == code {
				return
			}
		}
		out = append(out, code)
	}
	for _, l := range labels {
		if !ldh(l) {
			add("illegal_char")
		}
		if strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			add("hyphen_edge")
		}
		if len(l) >= 4 && l[2:4] == "--" && !aLabel(l) {
			add("double_hyphen")
		}
	}
	if tld && len(labels) > 0 && digits(labels[len(labels)-1]) {
		add("numeric_tld")
	}
	return out
}

// mailboxProblems returns what makes an SOA RNAME no mailbox (RFC 1035
// §3.3.13, §8; RFC 1912 §2.2; RFC 5322 §3.4.1): an @ sign (its first dot
// stands for the @; Zonemaster syntax05), or, read that way, a local part
// that is no dot-atom or a domain part that is no host name (syntax06).
func mailboxProblems(rname string) []string {
	if strings.Contains(rname, "@") {
		return []string{"at_sign"}
	}
	local, domain, ok := splitMailbox(rname)
	if !ok || !dotAtom(local) || domain == "" || len(hostProblems(domain, false)) > 0 {
		return []string{"mailbox"}
	}
	return nil
}

// splitMailbox cuts rname at its first unescaped dot: the local part,
// unescaped ("john\.doe" is "john.doe"), and the domain.
func splitMailbox(rname string) (local, domain string, ok bool) {
	var b strings.Builder
	for i := 0; i < len(rname); i++ {
		c := rname[i]
		switch {
		case c == '\\' && i+3 < len(rname) && isDigit(rname[i+1]) && isDigit(rname[i+2]) && isDigit(rname[i+3]):
			v := int(rname[i+1]-'0')*100 + int(rname[i+2]-'0')*10 + int(rname[i+3]-'0')
			if v > 255 {
				return "", "", false
			}
			b.WriteByte(byte(v))
			i += 3
		case c == '\\' && i+1 < len(rname):
			b.WriteByte(rname[i+1])
			i++
		case c == '.':
			return b.String(), strings.TrimSuffix(rname[i+1:], "."), true
		default:
			b.WriteByte(c)
		}
	}
	return "", "", false
}

// dotAtom reports whether s is an RFC 5322 dot-atom: atoms of atext joined
// by single dots.
func dotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isAlnum(c) || c == '.' || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0) {
			return false
		}
	}
	return true
}

// ldh reports whether a label has only letters, digits and hyphens (an
// escape, "\." or "\032", is neither).
func ldh(l string) bool {
	if l == "" {
		return false
	}
	for i := 0; i < len(l); i++ {
		if c := l[i]; !(isAlnum(c) || c == '-') {
			return false
		}
	}
	return true
}

// aLabel reports whether l is a valid A-label: "xn--" and a Punycode
// encoding that IDNA accepts (UTS #46, as input validation reads names).
func aLabel(l string) bool {
	if !strings.HasPrefix(l, "xn--") {
		return false
	}
	n, err := dnsname.Normalize(l)
	return err == nil && n == l+"."
}

func digits(l string) bool {
	for i := 0; i < len(l); i++ {
		if !isDigit(l[i]) {
			return false
		}
	}
	return l != ""
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
