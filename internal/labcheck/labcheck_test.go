package labcheck

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
)

var (
	once        sync.Once
	world       *engine.World
	reports     map[string]*report.Report // as check collects
	scanReports map[string]*report.Report // as a scan collects (shared probes)
	initErr     error
)

// checkAll checks every scenario of the default world once per test
// binary, as check does and as a scan does.
func checkAll(t *testing.T) (*engine.World, map[string]*report.Report) {
	t.Helper()
	once.Do(func() {
		world, initErr = worlds.Default(time.Now())
		if initErr != nil {
			return
		}
		var domains []string
		for _, s := range world.Scenarios() {
			domains = append(domains, s.Domain)
		}
		for _, scan := range []bool{false, true} {
			var r *Runner
			r, initErr = New(world, Options{Scan: scan})
			if initErr != nil {
				return
			}
			m := map[string]*report.Report{}
			for i, rep := range r.CheckAll(context.Background(), domains, 8) {
				m[domains[i]] = rep
			}
			r.Close()
			if scan {
				scanReports = m
			} else {
				reports = m
			}
		}
	})
	if initErr != nil {
		t.Fatal(initErr)
	}
	return world, reports
}

// timingDependent are the IDs whose verdict depends on measured time
// (round trips), not on what the servers answer: two collections of the
// same world may differ on them, so TestScanMatchesCheck leaves them out.
// TestScenariosFire still requires each on its scenario.
var timingDependent = map[string]bool{"NS_SLOW": true}

// A scan's sampling and sharing do not change what fires: every scenario
// shows the same IDs as under check (timing-dependent ones aside), and a
// scan sends fewer queries.
func TestScanMatchesCheck(t *testing.T) {
	w, reps := checkAll(t)
	var checkQ, scanQ int
	for _, s := range w.Scenarios() {
		a, b := Fired(reps[s.Domain]), Fired(scanReports[s.Domain])
		for id := range timingDependent {
			delete(a, id)
			delete(b, id)
		}
		// ScanSampled IDs never fire in a scan; TestScenariosFire still
		// requires each under check.
		for id := range ScanSampled {
			if b[id] {
				t.Errorf("%s: %s fires in a scan, which asks the NS set of one address only", s.Domain, id)
			}
			delete(a, id)
		}
		for id := range a {
			if !b[id] {
				t.Errorf("%s: %s fires under check but not in a scan", s.Domain, id)
			}
		}
		for id := range b {
			if !a[id] {
				t.Errorf("%s: %s fires in a scan but not under check", s.Domain, id)
			}
		}
		checkQ += reps[s.Domain].QueriesSent
		scanQ += scanReports[s.Domain].QueriesSent
	}
	if scanQ >= checkQ {
		t.Errorf("a scan sent %d queries of its own for the scenarios, check %d: sharing saves nothing", scanQ, checkQ)
	}
	t.Logf("queries of their own per domain: check %.1f, scan %.1f", float64(checkQ)/float64(len(reps)), float64(scanQ)/float64(len(reps)))
}

// Every check ID fires on its scenario.
func TestScenariosFire(t *testing.T) {
	w, reps := checkAll(t)
	covered := map[string]bool{}
	for _, s := range w.Scenarios() {
		t.Run(strings.TrimSuffix(s.Domain, "."), func(t *testing.T) {
			rep := reps[s.Domain]
			fired := Fired(rep)
			for _, id := range s.Expect {
				covered[id] = true
				if !fired[id] {
					t.Errorf("%s did not fire; got %s", id, Describe(rep))
				}
			}
		})
	}
	// Every catalog ID, info ones included, has a scenario where it fires.
	for _, d := range check.All() {
		if !covered[d.ID] {
			t.Errorf("no lab scenario expects %s (%s)", d.ID, d.Severity)
		}
	}
}

// Every finding of every scenario says its specifics in each language:
// a detail key of its check (when the check has templates) and every
// placeholder filled by the arguments the analysis gave it.
func TestFindingsRenderInEveryLanguage(t *testing.T) {
	w, reps := checkAll(t)
	n := 0
	for _, s := range w.Scenarios() {
		for _, f := range reps[s.Domain].Findings {
			d, _ := check.Lookup(f.ID)
			if len(d.Details) > 0 {
				if _, ok := d.Details[f.DetailKey]; !ok {
					t.Errorf("%s: %s has detail key %q, not one of %v", s.Domain, f.ID, f.DetailKey, d.DetailKeys())
				}
			}
			for _, lang := range check.Languages {
				n++
				if got := check.RenderDetail(&f, lang); strings.Contains(got, "{") {
					t.Errorf("%s: %s in %s: placeholder left in %q (args %v)", s.Domain, f.ID, lang, got, f.Args)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no findings rendered")
	}
}

// No error-or-worse finding fires on a healthy control, and the DNSSEC
// status of the controls is what they are.
func TestControlsHealthy(t *testing.T) {
	w, reps := checkAll(t)
	n := 0
	for _, s := range w.Scenarios() {
		if !s.Control {
			continue
		}
		n++
		rep := reps[s.Domain]
		for _, f := range rep.Findings {
			if f.Severity >= check.Error {
				t.Errorf("%s: %s %s (%s)", s.Domain, f.Severity, f.ID, f.Detail)
			}
		}
		if rep.Error != "" {
			t.Errorf("%s: collection error %q", s.Domain, rep.Error)
		}
		want := "insecure"
		if strings.Contains(s.Domain, "signed") && !strings.Contains(s.Domain, "unsigned") {
			want = "secure"
		}
		if rep.DNSSEC == nil || string(rep.DNSSEC.Status) != want {
			t.Errorf("%s: dnssec %+v, want %s", s.Domain, rep.DNSSEC, want)
		}
	}
	if n < 2 {
		t.Errorf("%d healthy controls, want at least 2", n)
	}
}

// A scenario shows its own condition and not a pile of unrelated errors:
// error-or-worse findings beyond the expected ones are listed for review
// and bounded.
func TestScenariosFocused(t *testing.T) {
	w, reps := checkAll(t)
	for _, s := range w.Scenarios() {
		want := map[string]bool{}
		for _, id := range s.Expect {
			want[id] = true
		}
		var extra []string
		for _, f := range reps[s.Domain].Findings {
			if f.Severity >= check.Error && !want[f.ID] && !(strings.HasPrefix(f.ID, "DNSSEC_") && want["DNSSEC_BOGUS"] || f.ID == "DNSSEC_BOGUS" && anyDNSSEC(want)) {
				extra = append(extra, f.ID)
			}
		}
		sort.Strings(extra)
		if len(extra) > 0 {
			t.Errorf("%s: unexpected error-or-worse findings %v", s.Domain, extra)
		}
	}
}

func anyDNSSEC(ids map[string]bool) bool {
	for id := range ids {
		if strings.HasPrefix(id, "DNSSEC_") {
			return true
		}
	}
	return false
}

// hostileExpect is the finding each hostile domain's hostility must
// cause: the ID, on which subject, and a pattern its detail matches.
var hostileExpect = map[string]struct{ id, subject, detail, why string }{
	"hostile-id.test.": {"NS_UNREACHABLE", "ns1.hostile-id.test. 127.53.90.1", `^no (usable )?response over UDP or TCP`,
		"every reply carries the wrong ID: the client discards it and waits for its own, which never comes"},
	"hostile-garbage.test.": {"NS_UNREACHABLE", "ns1.hostile-garbage.test. 127.53.91.1", `^no usable response over UDP or TCP: response does not parse`,
		"every reply is bytes that do not parse as DNS"},
	"hostile-truncate.test.": {"NS_NO_TCP", "ns1.hostile-truncate.test. 127.53.92.1", `^no response over TCP`,
		"every UDP reply has TC=1 and TCP connections are closed at once: the answer is reachable over neither"},
	"hostile-oversized.test.": {"NS_EDNS_BROKEN", "ns1.hostile-oversized.test. 127.53.93.1", `fits_1232`,
		"UDP replies exceed the 1232-byte buffer the query advertised"},
	"loop-a.test.": {"NS_LAME", "ns1.loop-a.test. 127.53.94.1", `not_authoritative`,
		"its server refers loop-a.test. to loop-b's server, which refers it back: a referral, never an authoritative answer"},
	"loop-b.test.": {"NS_LAME", "ns1.loop-b.test. 127.53.95.1", `not_authoritative`,
		"as loop-a.test., from the other end of the loop"},
	"cname-loop.test.": {"IPV6_WWW_NO_AAAA", "www.cname-loop.test.", ``,
		"www is a CNAME to a, a to b, b to a: the chain never reaches an address, so www has no AAAA"},
}

// Hostile servers and delegations yield, within a bounded time and without
// a crash, the specific finding their hostility should cause
// (hostileExpect), not just any finding.
func TestHostileDomains(t *testing.T) {
	w, _ := checkAll(t)
	r, err := New(w, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	hostile := w.Hostile()
	for _, name := range hostile {
		t.Run(strings.TrimSuffix(name, "."), func(t *testing.T) {
			want, ok := hostileExpect[name]
			if !ok {
				t.Fatalf("hostile domain %s has no entry in hostileExpect: say what its hostility must cause", name)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			rep := r.Check(ctx, name)
			if ctx.Err() != nil {
				t.Fatal("the check did not finish")
			}
			if rep.Error != "" {
				t.Errorf("collection error %q: the hostility must show as a finding", rep.Error)
			}
			re := regexp.MustCompile(want.detail)
			var seen []string
			found := false
			for _, f := range rep.Findings {
				if f.ID != want.id {
					continue
				}
				seen = append(seen, fmt.Sprintf("[%s] %q %v", f.Subject, f.Detail, f.Args))
				matches := re.MatchString(f.Detail)
				for _, v := range f.Args { // codes such as not_authoritative
					matches = matches || re.MatchString(v)
				}
				found = found || f.Subject == want.subject && matches
			}
			if !found {
				t.Errorf("want %s on %s with detail or an argument matching %q (%s); %s findings: %v; all: %s",
					want.id, want.subject, want.detail, want.why, want.id, seen, Describe(rep))
			}
			t.Log(Describe(rep))
		})
	}
	for name := range hostileExpect {
		if !slices.Contains(hostile, name) {
			t.Errorf("hostileExpect lists %s, which is not a hostile domain of the world", name)
		}
	}
}

// A referral asked with DO carries the DS RRset or the parent's proof that
// there is none (test. is signed with NSEC3 opt-out): the collector takes
// the domain's DS from it and asks no DS query of its own, and the
// DNSSEC status is the same.
func TestDSFromReferral(t *testing.T) {
	w, reps := checkAll(t)
	r, err := New(w, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for domain, want := range map[string]dnssec.Status{"healthy-signed.test.": dnssec.Secure, "healthy-unsigned.test.": dnssec.Insecure} {
		d := r.Collector.Domain(context.Background(), domain, nil)
		last := d.Chain[len(d.Chain)-1]
		if q := d.Query(last.DSSeq); q == nil || q.Purpose != observe.PurposeReferral || q.EDNS == nil || !q.EDNS.DO {
			t.Errorf("%s: the DS evidence is %+v, want the referral asked with DO", domain, q)
		}
		for _, q := range d.Queries {
			if q.Purpose == observe.PurposeDS && q.Zone == domain {
				t.Errorf("%s: a DS query was sent (seq %d) although the referral carried the DS", domain, q.Seq)
			}
		}
		if got := report.Build(d, report.Options{Anchors: r.Anchors}).DNSSEC.Status; got != want || reps[domain].DNSSEC.Status != want {
			t.Errorf("%s: DNSSEC %s (and %s in checkAll), want %s", domain, got, reps[domain].DNSSEC.Status, want)
		}
	}
}
