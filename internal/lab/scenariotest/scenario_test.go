package scenariotest

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/all"
	"github.com/lac-dns-observatory/dnsobs/internal/collect"
	"github.com/lac-dns-observatory/dnsobs/internal/lab"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func TestScenarios(t *testing.T) {
	w, err := lab.Default(now)
	if err != nil {
		t.Fatal(err)
	}
	hints, err := resolver.ParseHints(w.Hints(), "lab hints")
	if err != nil {
		t.Fatal(err)
	}
	anchors, err := resolver.ParseTrustAnchor(w.TrustAnchor(), "lab trust anchor")
	if err != nil {
		t.Fatal(err)
	}
	c := transport.NewClient(w, transport.Policy{Lab: true}, transport.Options{Timeout: time.Second, Retries: -1})
	col := &collect.Collector{Resolver: resolver.New(c, hints), Geo: w, Now: func() time.Time { return now }}

	type run struct {
		sc    lab.Scenario
		ids   map[string]bool
		worst []string
		err   string
		done  bool
	}
	runs := []*run{}
	for _, sc := range w.Scenarios() {
		runs = append(runs, &run{sc: sc})
	}
	for _, h := range w.Hostile() {
		runs = append(runs, &run{sc: lab.Scenario{Domain: h}})
	}
	// In parallel: the Slow scenario alone takes seconds of real delays.
	var wg sync.WaitGroup
	for _, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			d := col.Domain(ctx, r.sc.Domain, nil)
			rep := report.Build(d, report.Options{Anchors: anchors, At: now, Lang: "en"})
			r.ids = map[string]bool{}
			for _, f := range rep.Findings {
				r.ids[f.ID] = true
				if f.Severity >= check.Error {
					r.worst = append(r.worst, f.ID+" "+f.Subject+" "+f.Detail)
				}
			}
			r.err = d.Error
			r.done = ctx.Err() == nil
		}()
	}
	wg.Wait()
	for _, r := range runs {
		t.Run(strings.TrimSuffix(r.sc.Domain, "."), func(t *testing.T) {
			if !r.done {
				t.Fatalf("collection did not finish in time")
			}
			for _, id := range r.sc.Expect {
				if !r.ids[id] {
					t.Errorf("%s did not fire (fired: %v, error %q)", id, keys(r.ids), r.err)
				}
			}
			if r.sc.Control && len(r.worst) > 0 {
				t.Errorf("healthy control has findings of severity error or worse: %v", r.worst)
			}
		})
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
