package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
)

// TextOptions control the human form.
type TextOptions struct {
	Lang string
	// Color marks severities with ANSI colours: critical and error red,
	// warning yellow, notice cyan, info as the terminal's text. The CLI
	// decides (--color, NO_COLOR, a TTY); the JSON form is never coloured.
	Color bool
	// Level hides findings below it from the list (the counts line
	// still counts every finding); the zero value, Info, shows all.
	Level check.Severity
}

// sevColor is each severity's SGR sequence; info has none.
var sevColor = map[check.Severity]string{
	check.Notice: "\x1b[36m", check.Warning: "\x1b[33m",
	check.Error: "\x1b[31m", check.Critical: "\x1b[1;31m",
}

// WriteText writes the human report: the verdicts first, worst findings
// first, grouped by category, each with its remediation.
func WriteText(w io.Writer, r *Report, o TextOptions) error {
	T := func(k string) string { return i18n.T(o.Lang, k) }
	paint := func(s check.Severity, text string) string {
		if !o.Color || sevColor[s] == "" {
			return text
		}
		return sevColor[s] + text + "\x1b[0m"
	}
	// Everything printed that comes from the network or the input (names,
	// errors, subjects, details, messages that quote them) goes through e:
	// no control byte or invalid UTF-8 reaches the terminal (\DDD escapes).
	e := dnsname.Terminal
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s   (%s %s, %d %s)\n", T("domain"), e(r.Domain), T("checked_at"),
		r.CheckedAt.Format(time.RFC3339), r.QueriesSent, T("queries_sent"))
	if r.Error != "" {
		fmt.Fprintf(&b, "%s: %s\n", T("collection_error"), e(r.Error))
	}
	fmt.Fprintf(&b, "%s: %s %s (%s)\n", T("delegation"), T("parent"), e(r.Delegation.Parent), e(string(r.Delegation.Status)))
	if r.DNSSEC != nil {
		fmt.Fprintf(&b, "%s: %s", T("dnssec"), e(T(string(r.DNSSEC.Status))))
		if r.DNSSEC.DSGiven {
			fmt.Fprintf(&b, " (%s)", T("ds_given"))
		}
		if r.DNSSEC.Reason != "" {
			fmt.Fprintf(&b, " — %s", e(r.DNSSEC.Reason))
		}
		b.WriteString("\n")
	}
	v := r.IPv6
	yes := func(ok bool) string {
		if ok {
			return "✓"
		}
		return "✗"
	}
	fmt.Fprintf(&b, "%s: %s %d/%d, %s %s, %s %s, %s %d/%d\n", T("ipv6"), T("ns_with_aaaa"), v.NSWithAAAA, v.NSTotal,
		T("apex"), yes(v.ApexAAAA), T("www"), yes(v.WWWAAAA), T("mx"), v.MXWithAAAA, v.MXTotal)
	fmt.Fprintf(&b, "%s: %d, %d %s, %d %s, %d %s\n", T("nameservers"), r.Summary.Nameservers,
		r.Summary.ASNs, T("asns"), r.Summary.Prefixes, T("prefixes"), r.Summary.Countries, T("countries"))
	for _, ns := range r.Nameservers {
		fmt.Fprintf(&b, "  %s", e(ns.Name))
		if ns.CNAME != "" {
			fmt.Fprintf(&b, " → %s", e(ns.CNAME))
		}
		b.WriteString("\n")
		if len(ns.Addresses) == 0 && ns.ResolveError != "" {
			fmt.Fprintf(&b, "    (%s)\n", e(ns.ResolveError))
		}
		for _, a := range ns.Addresses {
			state := T("authoritative")
			switch {
			case a.Probe != nil && a.Probe.NotProbed != "":
				state = T("not_probed") + ": " + e(a.Probe.NotProbed)
			case a.Probe == nil || !a.Probe.Reachable:
				state = T("unreachable")
			case !a.Probe.Authoritative:
				state = T("lame") + ": " + e(a.Probe.Lame)
			}
			geo := e(a.Prefix)
			if a.ASN != 0 {
				geo = fmt.Sprintf("AS%d %s", a.ASN, e(a.Prefix))
			}
			if a.Country != "" {
				geo += " " + e(a.Country)
			}
			extra := ""
			if a.Probe != nil && a.Probe.RTTUDP > 0 {
				extra = fmt.Sprintf(" %.1f ms", float64(a.Probe.RTTUDP)/float64(time.Millisecond))
			}
			fmt.Fprintf(&b, "    %-40s %s, %s%s\n", a.Addr, geo, state, extra)
			if ident := identity(a.Probe); ident != "" {
				fmt.Fprintf(&b, "      %s\n", ident)
			}
		}
	}
	b.WriteString("\n")
	if len(r.Findings) == 0 {
		// A check that did not finish never reads as a pass.
		if r.Error != "" {
			fmt.Fprintf(&b, "%s\n", T("incomplete"))
		} else {
			fmt.Fprintf(&b, "%s\n", T("no_findings"))
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s:", T("findings"))
	for s := check.Critical; s >= check.Info; s-- {
		if n := r.Summary.Findings[s.String()]; n > 0 {
			b.WriteString(" " + paint(s, fmt.Sprintf("%d %s", n, T(s.String()))))
		}
	}
	b.WriteString("\n")
	// Worst first; within a severity, grouped by category.
	for s := check.Critical; s >= o.Level && s >= check.Info; s-- {
		var cats []check.Category
		byCat := map[check.Category][]check.Finding{}
		for _, f := range r.Findings {
			if f.Severity != s {
				continue
			}
			if _, ok := byCat[f.Category]; !ok {
				cats = append(cats, f.Category)
			}
			byCat[f.Category] = append(byCat[f.Category], f)
		}
		for _, c := range cats {
			for _, f := range byCat[c] {
				fmt.Fprintf(&b, "\n%s %s [%s] %s\n", paint(s, strings.ToUpper(T(s.String()))), e(f.ID), e(string(c)), e(f.Message))
				if d := check.RenderDetail(&f, o.Lang); d != "" && !strings.Contains(f.Message, d) {
					fmt.Fprintf(&b, "    %s\n", e(d))
				}
				fmt.Fprintf(&b, "    %s: %s\n", T("fix"), e(f.Remediation))
				if len(f.Evidence) > 0 {
					fmt.Fprintf(&b, "    %s: %v\n", T("evidence"), f.Evidence)
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// identity is what a server says it is (NSID, the CHAOS TXT names), as
// one line with each string escaped and quoted; "" when it says nothing.
func identity(p *analyze.ServerResult) string {
	if p == nil {
		return ""
	}
	var parts []string
	for _, f := range []struct{ name, v string }{
		{"nsid", p.NSID}, {"hostname.bind", p.Hostname}, {"id.server", p.ID}, {"version.bind", p.Version},
	} {
		if f.v != "" {
			parts = append(parts, f.name+" \""+dnsname.Terminal(f.v)+"\"")
		}
	}
	return strings.Join(parts, ", ")
}
