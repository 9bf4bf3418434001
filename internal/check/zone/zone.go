// Package zone checks the zone's own data as its servers give it: the SOA
// record's timers (refresh, retry, expire, minimum) against the ranges
// Zonemaster's Zone test plan recommends, and a single SOA per answer.
package zone

import (
	"slices"
	"strconv"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
)

func init() { check.RegisterFunc("zone", Check) }

// The SOA timer limits, in seconds (Zonemaster zone02 to zone06).
const (
	MinRefresh = 14400  // 4 hours
	MinRetry   = 3600   // 1 hour
	MinExpire  = 604800 // 7 days
	MinMinimum = 300    // 5 minutes
	MaxMinimum = 86400  // 1 day
)

// timers is one distinct set of SOA timers and the servers that gave it.
type timers struct {
	refresh, retry, expire, minimum uint32
	addrs                           []string
	ev                              []int
}

// Check runs the zone checks over the SOA answers of the authoritative
// servers. Each distinct set of timers is judged once, naming the
// addresses that serve it; servers that disagree are reported by the
// consistency area (SOA_TIMERS_MISMATCH).
func Check(in *analyze.Input) []check.Finding {
	d := in.Domain
	var out []check.Finding
	var sets []*timers
	for _, a := range d.Addresses() {
		r := in.Servers[a]
		if r == nil || r.SOA == nil {
			continue
		}
		s := r.SOA
		if s.Count > 1 {
			out = append(out, soaMultiple.New(analyze.ServerLabel(d, a), "count",
				check.Args{"count": strconv.Itoa(s.Count)}, s.Seq))
		}
		var t *timers
		for _, x := range sets {
			if x.refresh == s.Refresh && x.retry == s.Retry && x.expire == s.Expire && x.minimum == s.Minimum {
				t = x
				break
			}
		}
		if t == nil {
			t = &timers{refresh: s.Refresh, retry: s.Retry, expire: s.Expire, minimum: s.Minimum}
			sets = append(sets, t)
		}
		t.addrs = append(t.addrs, a.String())
		t.ev = append(t.ev, s.Seq)
	}
	for _, t := range sets {
		slices.Sort(t.ev)
		out = append(out, judge(d.Domain, t)...)
	}
	return out
}

// judge reports what is wrong with one set of timers.
func judge(zone string, t *timers) []check.Finding {
	var out []check.Finding
	n := func(v uint32) string { return strconv.FormatUint(uint64(v), 10) }
	addrs := check.List(t.addrs)
	if t.refresh < MinRefresh {
		out = append(out, soaRefreshLow.New(zone, "refresh",
			check.Args{"refresh": n(t.refresh), "limit": n(MinRefresh), "addresses": addrs}, t.ev...))
	}
	if t.retry >= t.refresh {
		out = append(out, soaRetryNotBelowRefresh.New(zone, "retry",
			check.Args{"retry": n(t.retry), "refresh": n(t.refresh), "addresses": addrs}, t.ev...))
	}
	if t.retry < MinRetry {
		out = append(out, soaRetryLow.New(zone, "retry",
			check.Args{"retry": n(t.retry), "limit": n(MinRetry), "addresses": addrs}, t.ev...))
	}
	switch {
	case t.expire < MinExpire:
		out = append(out, soaExpireLow.New(zone, "low",
			check.Args{"expire": n(t.expire), "limit": n(MinExpire), "addresses": addrs}, t.ev...))
	case t.expire < t.refresh:
		out = append(out, soaExpireLow.New(zone, "below_refresh",
			check.Args{"expire": n(t.expire), "refresh": n(t.refresh), "addresses": addrs}, t.ev...))
	}
	switch {
	case t.minimum < MinMinimum:
		out = append(out, soaMinimumOutOfRange.New(zone, "low",
			check.Args{"minimum": n(t.minimum), "limit": n(MinMinimum), "addresses": addrs}, t.ev...))
	case t.minimum > MaxMinimum:
		out = append(out, soaMinimumOutOfRange.New(zone, "high",
			check.Args{"minimum": n(t.minimum), "limit": n(MaxMinimum), "addresses": addrs}, t.ev...))
	}
	return out
}
