package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"path/filepath"
	"slices"
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

// ServeConfig is what the dashboard needs to serve a store.
type ServeConfig struct {
	Store store.Store
	Addr  string // HOST:PORT to listen on
	Lab   bool   // the store holds lab runs: lab addresses are measurable
	// Check runs an on-demand check (the world the demo scanned, in
	// memory); nil: the dashboard offers none.
	Check func(ctx context.Context, domain string) ([]byte, error)
	// Ready is called once the server answers, with its base URL
	// ("http://127.0.0.1:8080/").
	Ready func(url string)
}

// ServeFunc serves the dashboard until ctx ends (internal/web).
type ServeFunc func(ctx context.Context, cfg ServeConfig) error

// demoWorlds are the worlds dnsobs demo knows, the default first.
var demoWorlds = []string{"lac", "scenarios"}

// runDemo is the main job on a built-in world: the LAC world scanned
// twice a simulated month apart (default), or the scenario world (one
// domain per check), in memory, stored; then the dashboard when this
// binary has one (Env.Serve), else a summary.
func runDemo(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	world := fs.String("world", demoWorlds[0], "the built-in `WORLD`: lac (11 ccTLDs, two scans a month apart) or scenarios (one domain per check)")
	parallel := fs.Int("parallel", 32, "domains checked at once")
	dsn := fs.String("store", "", "keep the runs in this store `DSN` (default: sqlite:"+defaultDemoPath()+")")
	addr := fs.String("addr", "127.0.0.1:8080", "serve the dashboard on `HOST:PORT`")
	domains := fs.Int("domains", 3000, "`N` domains in the LAC world (100 to 20000)")
	noServe := fs.Bool("no-serve", false, "scan, print the summary and exit (scripts, CI)")
	fs.Usage = helpFunc(fs, "dnsobs demo [--world lac|scenarios] [--addr HOST:PORT] [--store DSN]",
		"  dnsobs demo                                  # the LAC world, two scans a month apart, then the dashboard\n"+
			"  dnsobs demo --addr 127.0.0.1:9000 --store sqlite:/tmp/demo.db\n"+
			"  dnsobs demo --world scenarios --no-serve     # one domain per check, a summary table\n"+
			"  dnsobs report latest --store sqlite:/tmp/demo.db --lang es --format html -o informe.html\n")
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
	if !slices.Contains(demoWorlds, *world) {
		return fail(badUsage("--world %q: want lac or scenarios", *world))
	}
	if *domains < 100 || *domains > 20000 {
		return fail(badUsage("--domains %d: want 100 to 20000", *domains))
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return fail(badUsage("--addr %q: want HOST:PORT", *addr))
	}
	if *dsn == "" {
		*dsn = "sqlite:" + defaultDemoPath()
	}
	st, err := openStore(ctx, env, *dsn)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	var check func(ctx context.Context, domain string) ([]byte, error)
	if *world == "lac" {
		var r *labcheck.Runner
		r, err = demoLAC(ctx, env, st, demoOptions{dsn: *dsn, parallel: *parallel, domains: *domains})
		if r != nil {
			defer r.Close()
			// On-demand checks of the dashboard measure the month-1 world,
			// in memory: nothing leaves the machine.
			check = func(ctx context.Context, domain string) ([]byte, error) {
				d := r.Collector.Domain(ctx, domain, nil)
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				return json.Marshal(report.Build(d, report.Options{Anchors: r.Anchors, Lang: "en"}))
			}
		}
	} else {
		err = demoScenarios(ctx, env, st, *dsn, *parallel)
	}
	if err != nil {
		return fail(err)
	}
	if *noServe {
		return ExitOK
	}
	serve := env.Serve
	if serve == nil {
		serve = serveStore
	}
	err = serve(ctx, ServeConfig{Store: st, Addr: *addr, Lab: true, Check: check, Ready: func(url string) {
		fmt.Fprintf(env.Stdout, "serving on %s\n", url)
	}})
	if err != nil && ctx.Err() == nil {
		return fail(fmt.Errorf("serve: %w", err))
	}
	return ExitOK
}

// defaultDemoPath is the demo's own SQLite file, beside the default store.
func defaultDemoPath() string { return filepath.Join(filepath.Dir(store.DefaultPath()), "demo.db") }

// demoScenarios scans the scenario world (one domain per check, plus
// healthy controls) and prints what each showed.
func demoScenarios(ctx context.Context, env *Env, st store.Store, dsn string, parallel int) error {
	w, err := worlds.Default(time.Now())
	if err != nil {
		return fmt.Errorf("building the lab world: %w", err)
	}
	r, err := labcheck.New(w, labcheck.Options{Scan: true})
	if err != nil {
		return err
	}
	defer r.Close()

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
		Parallel: parallel, Lang: "en", JSONL: &lines}
	fmt.Fprintf(env.Stdout, "The built-in lab world: %d domains, each with one injected fault, plus healthy controls.\n", len(scen))
	fmt.Fprintf(env.Stdout, "Scanned in memory (nothing is sent to the network) into %s.\n\n", dsn)
	run, _, err := scan.Load(ctx, cfg, store.Run{Input: "lab scenarios", Vantage: "demo", Parameters: map[string]string{"lab": "true"}}, strings.NewReader(input.String()), scan.FormatList)
	if err != nil {
		return err
	}
	sum, err := scan.Run(ctx, cfg, run.ID)
	if err != nil {
		return err
	}
	reps := map[string]*report.Report{}
	dec := json.NewDecoder(&lines)
	for dec.More() {
		var rep report.Report
		if err := dec.Decode(&rep); err != nil {
			return err
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
	fmt.Fprintf(env.Stdout, "Next: dnsobs stats %d --store %s | dnsobs check ns-lame.test ... (see README: The lab)\n", run.ID, dsn)
	return nil
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
