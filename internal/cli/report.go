package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"slices"

	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
	"github.com/lac-dns-observatory/dnsobs/internal/pubreport"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// targetsLimit is the largest --targets file read.
const targetsLimit = 1 << 20

// runReport is dnsobs report RUN: the periodic public report of a run,
// compared with the runs of the same input before it.
func runReport(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	dsn := storeFlag(fs)
	lang := fs.String("lang", "es", "language: es, pt, en or fr")
	format := fs.String("format", "html", "html or md")
	targetsFile := fs.String("targets", "", "indicators against targets from this YAML `FILE` (see README: Reports)")
	out := fs.String("o", "-", "output `FILE` (- for standard output)")
	history := fs.Int("history", 12, "trends over up to `N` runs of the same input (2 to 120)")
	fs.Usage = helpFunc(fs, "dnsobs report RUN --lang es|pt|en|fr --format html|md [--targets FILE] [-o FILE]",
		"  dnsobs report latest --lang es --format html -o informe.html\n  dnsobs report 7 --lang pt --format md --targets metas.yml\n")
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs report: %v\n", err)
		return exitFor(err)
	}
	if err := i18n.Check(*lang); err != nil {
		return fail(badUsage("--lang: %v", err))
	}
	if !slices.Contains(pubreport.Formats, *format) {
		return fail(badUsage("--format %q: want html or md (PDF is not offered: see README)", *format))
	}
	if *history < 2 || *history > 120 {
		return fail(badUsage("--history %d: want 2 to 120", *history))
	}
	var targets []pubreport.Target
	if *targetsFile != "" {
		b, err := readFlagFile("--targets", *targetsFile, targetsLimit)
		if err != nil {
			return fail(err)
		}
		if targets, err = pubreport.ParseTargets(b); err != nil {
			return fail(badUsage("--targets %s: %v", *targetsFile, err))
		}
	}
	st, run, err := openRun(ctx, env, *dsn, pos)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	runs, err := reportRuns(ctx, st, run, *history)
	if err != nil {
		return fail(err)
	}
	rep := pubreport.Build(runs, targets)
	w := env.Stdout
	var fh *os.File
	if *out != "-" {
		if fh, err = os.Create(*out); err != nil {
			return fail(badUsage("cannot write -o: %v", err))
		}
		w = fh
	}
	bw := bufio.NewWriter(w)
	err = rep.Render(bw, *lang, *format)
	if err == nil {
		err = bw.Flush()
	}
	if fh != nil {
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fail(fmt.Errorf("write the report: %w", err))
	}
	return ExitOK
}

// reportRuns returns run and up to n-1 done runs of the same input before
// it (store.PreviousRun), oldest first, with their export rows.
func reportRuns(ctx context.Context, st store.Store, run store.Run, n int) ([]pubreport.Run, error) {
	chain := []store.Run{run}
	for len(chain) < n {
		prev, ok, err := st.PreviousRun(ctx, chain[len(chain)-1].ID)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		chain = append(chain, prev)
	}
	slices.Reverse(chain)
	out := make([]pubreport.Run, 0, len(chain))
	for _, r := range chain {
		rows, err := exportRows(ctx, st, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, pubreport.Run{ID: r.ID, At: r.StartedAt, Rows: rows})
	}
	return out, nil
}
