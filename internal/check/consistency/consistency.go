// Package consistency checks that a zone's servers agree with each other.
package consistency

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

func init() { check.RegisterFunc("consistency", Check) }

// values collects, for one property, the distinct values the servers gave
// with the addresses that gave each, and the queries that show them.
type values struct {
	order    []string // distinct values, in order of first appearance
	addrs    map[string][]string
	evidence []int
}

func (v *values) add(value, addr string, seq int, ok bool) {
	if v.addrs == nil {
		v.addrs = map[string][]string{}
	}
	if _, seen := v.addrs[value]; !seen {
		v.order = append(v.order, value)
	}
	v.addrs[value] = append(v.addrs[value], addr)
	if ok {
		v.evidence = append(v.evidence, seq)
	}
}

// differ reports whether the servers gave more than one value.
func (v *values) differ() bool { return len(v.order) > 1 }

// detail lists each value (sorted by less) with its addresses:
// "v1: a1 a2; v2: a3".
func (v *values) detail(less func(a, b string) bool) string {
	keys := append([]string(nil), v.order...)
	sort.Slice(keys, func(i, j int) bool { return less(keys[i], keys[j]) })
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+strings.Join(v.addrs[k], " "))
	}
	return strings.Join(parts, "; ")
}

func byString(a, b string) bool { return a < b }

// mismatch reports h about zone when the servers gave more than one value
// of v: its detail key and argument are both key.
func mismatch(h check.Handle, zone, key string, v *values) []check.Finding {
	if !v.differ() {
		return nil
	}
	slices.Sort(v.evidence)
	return []check.Finding{h.New(zone, key, check.Args{key: v.detail(byString)}, v.evidence...)}
}

// Check runs the consistency checks over the authoritative answers of the
// zone's server addresses: the SOA serial, RNAME, timers and MNAME, and
// the apex NS set; and the glue against the zone's own addresses (glue.go).
func Check(in *analyze.Input) []check.Finding {
	d := in.Domain
	var serials, rnames, timers, mnames, nsSets values
	serialOf := map[string]uint32{}
	for _, a := range d.Addresses() {
		r := in.Servers[a]
		if r == nil {
			continue
		}
		addr := a.String()
		if r.SOASerial != nil {
			s, ok := r.Evidence[observe.PurposeSOAUDP]
			key := fmt.Sprint(*r.SOASerial)
			serialOf[key] = *r.SOASerial
			serials.add(key, addr, s, ok)
		}
		if s := r.SOA; s != nil {
			rnames.add(s.RName, addr, s.Seq, true)
			mnames.add(s.MName, addr, s.Seq, true)
			timers.add(fmt.Sprintf("%d/%d/%d/%d", s.Refresh, s.Retry, s.Expire, s.Minimum), addr, s.Seq, true)
		}
		if len(r.NS) > 0 {
			set := append([]string(nil), r.NS...)
			sort.Strings(set)
			s, ok := r.Evidence[observe.PurposeNS]
			nsSets.add(strings.Join(set, " "), addr, s, ok)
		}
	}
	var out []check.Finding
	if serials.differ() {
		out = append(out, soaSerialMismatch.New(d.Domain, "serials",
			check.Args{"serials": serials.detail(func(a, b string) bool { return serialOf[a] < serialOf[b] })}, serials.evidence...))
	}
	out = append(out, mismatch(soaRNameMismatch, d.Domain, "rnames", &rnames)...)
	out = append(out, mismatch(soaTimersMismatch, d.Domain, "timers", &timers)...)
	out = append(out, mismatch(nsSetInconsistent, d.Domain, "ns_sets", &nsSets)...)
	out = append(out, mismatch(soaMNameMismatch, d.Domain, "mnames", &mnames)...)
	return append(out, glue(d)...)
}
