package labcheck

import (
	"context"
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

// A scan's sampling and sharing do not change what fires: every scenario
// shows the same IDs as under check, and a scan sends fewer queries.
func TestScanMatchesCheck(t *testing.T) {
	w, reps := checkAll(t)
	var checkQ, scanQ int
	for _, s := range w.Scenarios() {
		a, b := Fired(reps[s.Domain]), Fired(scanReports[s.Domain])
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
	// Every catalog ID of severity notice or above has a scenario.
	for _, d := range check.All() {
		if d.Severity >= check.Notice && !covered[d.ID] {
			t.Errorf("no lab scenario expects %s", d.ID)
		}
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

// Hostile servers and delegations yield findings or a collection error,
// never a crash or a hang.
func TestHostileDomains(t *testing.T) {
	w, _ := checkAll(t)
	r, err := New(w, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, name := range w.Hostile() {
		t.Run(strings.TrimSuffix(name, "."), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			rep := r.Check(ctx, name)
			if ctx.Err() != nil {
				t.Fatal("the check did not finish")
			}
			if rep.Error == "" && len(rep.Findings) == 0 {
				t.Errorf("a hostile domain checked clean: %s", Describe(rep))
			}
			t.Log(Describe(rep))
		})
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
