package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/scan"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// runDemo is the main job on the built-in world: a scan of every lab
// domain, in memory, stored, then summarised.
func runDemo(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	parallel := fs.Int("parallel", 16, "domains checked at once")
	dsn := fs.String("store", "", "keep the run in this store `DSN` (default: a new SQLite file in a temporary directory)")
	fs.Usage = helpFunc(fs, "dnsobs demo [--parallel N] [--store DSN]", "  dnsobs demo\n  dnsobs demo --store sqlite:/tmp/demo.db && dnsobs stats latest --store sqlite:/tmp/demo.db\n")
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs demo: %s\n", errText(err))
		return exitFor(err)
	}
	if len(pos) > 0 {
		return fail(badUsage("unexpected argument %q", pos[0]))
	}
	if err := checkParallel(*parallel); err != nil {
		return fail(err)
	}
	w, err := worlds.Default(time.Now())
	if err != nil {
		return fail(fmt.Errorf("building the lab world: %w", err))
	}
	r, err := labcheck.New(w, labcheck.Options{Scan: true})
	if err != nil {
		return fail(err)
	}
	defer r.Close()
	if *dsn == "" {
		dir, err := os.MkdirTemp("", "dnsobs-demo-")
		if err != nil {
			return fail(err)
		}
		*dsn = "sqlite:" + filepath.Join(dir, "demo.db")
	}
	st, err := openStore(ctx, env, *dsn)
	if err != nil {
		return fail(err)
	}
	defer st.Close()

	// A scenario whose name dnsobs refuses as input is left out: a scan
	// would reject it (it exists for labcheck, see engine.Scenario.Input).
	var scen []engine.Scenario
	var input strings.Builder
	for _, s := range w.Scenarios() {
		if s.Input() {
			scen = append(scen, s)
			input.WriteString(s.Domain + "\n")
		}
	}
	var lines bytes.Buffer
	cfg := &scan.Config{Collector: r.Collector, Client: r.Client, Anchors: r.Anchors, Store: st,
		Parallel: *parallel, Lang: "en", JSONL: &lines}
	fmt.Fprintf(env.Stdout, "The built-in lab world: %d domains, each with one injected fault, plus healthy controls.\n", len(scen))
	fmt.Fprintf(env.Stdout, "Scanned in memory (nothing is sent to the network) into %s.\n\n", *dsn)
	run, _, err := scan.Load(ctx, cfg, store.Run{Input: "lab scenarios", Vantage: "demo", Parameters: map[string]string{"lab": "true"}}, strings.NewReader(input.String()), scan.FormatList)
	if err != nil {
		return fail(err)
	}
	sum, err := scan.Run(ctx, cfg, run.ID)
	if err != nil {
		return fail(err)
	}
	reps := map[string]*report.Report{}
	dec := json.NewDecoder(&lines)
	for dec.More() {
		var rep report.Report
		if err := dec.Decode(&rep); err != nil {
			return fail(err)
		}
		reps[rep.Domain] = &rep
	}
	good := 0
	var checkOnly []string // scenarios whose condition a scan cannot show (labcheck.ScanSampled)
	fmt.Fprintf(env.Stdout, "%-36s %-13s %-8s %-3s %s\n", "DOMAIN", "DNSSEC", "WORST", "OK", "FINDINGS")
	for _, s := range scen {
		rep := reps[s.Domain]
		if rep == nil {
			fmt.Fprintf(env.Stdout, "%-36s (no result)\n", s.Domain)
			continue
		}
		fired := labcheck.Fired(rep)
		ok, sampled := true, len(s.Expect) > 0
		for _, id := range s.Expect {
			ok = ok && fired[id]
			sampled = sampled && labcheck.ScanSampled[id]
		}
		if s.Control {
			worst, any := rep.Worst()
			ok = !any || worst < check.Error
		}
		mark := "✗"
		switch {
		case ok:
			mark = "✓"
			good++
		case sampled:
			mark = "·"
			checkOnly = append(checkOnly, s.Domain)
		}
		worst, status := "-", "-"
		if len(rep.Findings) > 0 {
			worst = rep.Findings[0].Severity.String()
		}
		if rep.DNSSEC != nil {
			status = string(rep.DNSSEC.Status)
		}
		fmt.Fprintf(env.Stdout, "%-36s %-13s %-8s %-3s %s\n", s.Domain, status, worst, mark, countIDs(rep.Findings))
	}
	fmt.Fprintf(env.Stdout, "\n%d/%d domains show their injected condition (controls: nothing of severity error or worse).\n", good, len(scen)-len(checkOnly))
	if len(checkOnly) > 0 {
		fmt.Fprintf(env.Stdout, "· shows it under dnsobs check only (a scan asks the NS set of one address): %s\n", strings.Join(checkOnly, " "))
	}
	fmt.Fprintln(env.Stdout, sum.String())
	fmt.Fprintf(env.Stdout, "Next: dnsobs stats %d --store %s | dnsobs check ns-lame.test ... (see README: The lab)\n", run.ID, *dsn)
	return ExitOK
}

// countIDs lists finding IDs once each, with a count when repeated.
func countIDs(fs []check.Finding) string {
	n := map[string]int{}
	var order []string
	for _, f := range fs {
		if n[f.ID] == 0 {
			order = append(order, f.ID)
		}
		n[f.ID]++
	}
	var parts []string
	for _, id := range order {
		if n[id] > 1 {
			parts = append(parts, fmt.Sprintf("%s×%d", id, n[id]))
		} else {
			parts = append(parts, id)
		}
	}
	return strings.Join(parts, " ")
}
