package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/gen"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/pubreport"
	"github.com/lac-dns-observatory/dnsobs/internal/scan"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// The LAC demo's runs: the same input name, so the second compares with
// the first (store.Run.InputKey), and a vantage of its own, so a later
// demo replaces them.
const (
	lacInput   = "built-in LAC world"
	lacVantage = "demo"
	lacMonth   = 30 * 24 * time.Hour // the simulated month between the scans
	lacSeed    = 1
)

type demoOptions struct {
	dsn      string
	parallel int
	domains  int
	now      time.Time // the second scan's time; zero: now
}

// demoLAC scans the built-in LAC world (gen.LAC) as of a month ago, then
// the same world a month later (signed and IPv6 shares grown, new
// domains, faults fixed and new ones), both into st, and prints the
// headline indicators of both with their change.
//
// It returns the month-1 world's runner, open, for the dashboard's
// on-demand checks (the caller closes it).
func demoLAC(ctx context.Context, env *Env, st store.Store, o demoOptions) (_ *labcheck.Runner, err error) {
	var last *labcheck.Runner
	defer func() {
		if err != nil && last != nil {
			last.Close()
		}
	}()
	if err := deleteDemoRuns(ctx, env, st); err != nil {
		return nil, err
	}
	if o.now.IsZero() {
		o.now = time.Now().UTC().Truncate(time.Second)
	}
	fmt.Fprintf(env.Stdout, "The built-in LAC world: %d domains under 11 ccTLDs (%s), simulated in memory (nothing is sent to the network), scanned into %s.\n",
		o.domains, tldList(), o.dsn)
	var runs [2]store.Run
	for m := range 2 {
		at := o.now.Add(-lacMonth * time.Duration(1-m))
		begin := time.Now()
		w, domains, err := gen.Generate(gen.Options{Domains: o.domains, Seed: lacSeed, Now: at, Profiles: gen.LAC(), Month: m})
		if err != nil {
			return nil, fmt.Errorf("building the LAC world: %w", err)
		}
		built := time.Since(begin)
		r, err := labcheck.New(w, labcheck.Options{Scan: true})
		if err != nil {
			return nil, err
		}
		// The world's clock: the scan happens at "at", however long it takes.
		clock := func() time.Time { return at.Add(time.Since(begin) - built) }
		r.Collector.Now = clock
		cfg := &scan.Config{Collector: r.Collector, Client: r.Client, Anchors: r.Anchors, Store: st, Parallel: o.parallel, Lang: "en", Clock: clock}
		run, _, err := scan.Load(ctx, cfg, store.Run{Input: lacInput, Vantage: lacVantage, StartedAt: at,
			Parameters: map[string]string{"lab": "true", "world": "lac", "month": fmt.Sprint(m), "domains": fmt.Sprint(o.domains)}},
			strings.NewReader(strings.Join(domains, "\n")), scan.FormatList)
		if err != nil {
			r.Close()
			return nil, err
		}
		sum, err := scan.Run(ctx, cfg, run.ID)
		if m == 1 {
			last = r // kept for on-demand checks of the month-1 world
		} else {
			r.Close()
		}
		if err != nil {
			return nil, err
		}
		what := "month 0"
		if m == 1 {
			what = "a month later"
		}
		fmt.Fprintf(env.Stdout, "Run %d (%s, world clock %s): %d domains, world built in %s, %s\n",
			run.ID, what, at.Format("2006-01-02"), len(domains), built.Round(100*time.Millisecond), sum.String())
		if runs[m], err = st.GetRun(ctx, run.ID); err != nil {
			return nil, err
		}
	}
	var res [2]indicators.Result
	for m, run := range runs {
		rows, err := exportRows(ctx, st, run.ID)
		if err != nil {
			return nil, err
		}
		res[m] = indicators.Compute(rows, indicators.Region)
	}
	fmt.Fprintf(env.Stdout, "\n%-20s %10s %10s %8s\n", "INDICATOR (region)", fmt.Sprintf("run %d", runs[0].ID), fmt.Sprintf("run %d", runs[1].ID), "CHANGE")
	fmt.Fprintf(env.Stdout, "%-20s %10d %10d %+8d\n", "domains", res[0].Domains, res[1].Domains, res[1].Domains-res[0].Domains)
	for _, name := range indicators.Names {
		a, _ := res[0].Value(name)
		b, _ := res[1].Value(name)
		fmt.Fprintf(env.Stdout, "%-20s %9.2f%% %9.2f%% %+8.2f\n", strings.TrimSuffix(name, "_pct"), a, b, b-a)
	}
	targets := filepath.Join(filepath.Dir(store.DefaultPath()), "demo-targets.yml")
	if path, ok := strings.CutPrefix(o.dsn, "sqlite:"); ok {
		targets = filepath.Join(filepath.Dir(path), "demo-targets.yml")
	}
	if err := os.WriteFile(targets, pubreport.ExampleTargets, 0o644); err != nil {
		return nil, fmt.Errorf("write the example targets: %w", err)
	}
	fmt.Fprintf(env.Stdout, "\nThe public report, with the example targets: dnsobs report %d --store %s --targets %s --lang es --format html -o informe.html\n",
		runs[1].ID, o.dsn, targets)
	return last, nil
}

// deleteDemoRuns deletes the runs an earlier LAC demo left in st (its
// input and vantage), so the two new ones compare with each other.
func deleteDemoRuns(ctx context.Context, env *Env, st store.Store) error {
	runs, err := st.ListRuns(ctx)
	if err != nil {
		return err
	}
	n := 0
	for _, r := range runs {
		if r.Input == lacInput && r.Vantage == lacVantage {
			if err := st.DeleteRun(ctx, r.ID); err != nil {
				return err
			}
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(env.Stdout, "Replaced %d runs of an earlier demo in this store.\n", n)
	}
	return nil
}

// exportRows reads a run's JSONL export as indicator rows.
func exportRows(ctx context.Context, st store.Store, runID int64) ([]indicators.Row, error) {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(st.Export(ctx, runID, "jsonl", pw)) }()
	rows, err := indicators.ReadRows(pr)
	pr.Close()
	if err != nil {
		return nil, fmt.Errorf("run %d: %w", runID, err)
	}
	return rows, nil
}

func tldList() string {
	var names []string
	for _, p := range gen.LAC() {
		names = append(names, "."+p.Name)
	}
	return strings.Join(names, " ")
}
