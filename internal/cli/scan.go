package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
	"github.com/lac-dns-observatory/dnsobs/internal/scan"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

const scanExamples = `  dnsobs scan --input domains.txt
  dnsobs scan --input cl.zone --format zone --store sqlite:/var/lib/dnsobs/obs.db --jsonl out.jsonl
  zcat list.gz | dnsobs scan --input - --qps 500 --server-qps 20
  dnsobs scan --resume 7                     # continue run 7 after a crash or Ctrl-C
  dnsobs scan --input lab/domains.txt --lab --hints lab/hints.zone --trust-anchor lab/anchor.zone --lab-port 5353
`

// storeFlag registers --store.
func storeFlag(fs *flag.FlagSet) *string {
	return fs.String("store", "sqlite:"+store.DefaultPath(), "where runs are kept: `DSN` sqlite:PATH or postgres://user@host/db")
}

func openStore(ctx context.Context, dsn string) (store.Store, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, badUsage("--store: %v", err)
	}
	return st, nil
}

func runScan(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	var mf measureFlags
	mf.register(fs)
	input := fs.String("input", "", "domain list or zone `FILE`, or - for standard input")
	format := fs.String("format", "", "input format: list or zone (default: detected)")
	dsn := storeFlag(fs)
	jsonl := fs.String("jsonl", "", "also write one JSON report per domain to `FILE` (- for standard output)")
	resume := fs.Int64("resume", 0, "continue the interrupted run `RUN` (its input is in the store)")
	parallel := fs.Int("parallel", 64, "domains checked at once")
	metricsAddr := fs.String("metrics-addr", "", "serve Prometheus metrics on `ADDR` (e.g. 127.0.0.1:9153) while running")
	vantage := fs.String("vantage", "", "name of this vantage point (default: the host name)")
	lang := fs.String("lang", "en", "language of stored messages: en, es, pt, fr")
	quiet := fs.Bool("q", false, "no progress display")
	memprofile := fs.String("memprofile", "", "write a heap profile to `FILE` at the end (performance work)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile to `FILE` (performance work)")
	fs.Usage = helpFunc(fs, "dnsobs scan --input FILE|- [flags] | dnsobs scan --resume RUN [flags]", scanExamples)
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs scan: %v\n", err)
		return exitFor(err)
	}
	if len(pos) > 0 {
		return fail(badUsage("unexpected argument %q: give the input with --input", pos[0]))
	}
	if (*input == "") == (*resume == 0) {
		return fail(badUsage("give either --input FILE (a new run) or --resume RUN"))
	}
	f, err := scan.ParseFormat(*format)
	if err != nil {
		return fail(badUsage("--format: %v", err))
	}
	if err := i18n.Check(*lang); err != nil {
		return fail(badUsage("--lang: %v", err))
	}
	if *parallel < 1 {
		return fail(badUsage("--parallel must be at least 1"))
	}
	var in io.Reader
	if *input != "" {
		if *input == "-" {
			in = env.Stdin
		} else {
			fh, err := os.Open(*input)
			if err != nil {
				return fail(badUsage("cannot read --input: %v", err))
			}
			defer fh.Close()
			in = fh
		}
	}
	m, err := mf.build(env)
	if err != nil {
		return fail(err)
	}
	defer m.Close()
	st, err := openStore(ctx, *dsn)
	if err != nil {
		return fail(err)
	}
	defer st.Close()

	cfg := &scan.Config{Collector: m.collector, Client: m.client, Anchors: m.anchors, Store: st,
		Parallel: *parallel, Lang: *lang,
		Problem: func(p store.InputProblem) {
			fmt.Fprintf(env.Stderr, "input line %d: %s: %q\n", p.Line, p.Reason, p.Text)
		},
	}
	if *jsonl != "" {
		if *jsonl == "-" {
			cfg.JSONL = env.Stdout
		} else {
			fh, err := os.OpenFile(*jsonl, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
			if err != nil {
				return fail(badUsage("cannot write --jsonl: %v", err))
			}
			defer fh.Close()
			cfg.JSONL = fh
		}
	}
	if *metricsAddr != "" {
		reg := prometheus.NewRegistry()
		cfg.Metrics = scan.NewMetrics(reg, m.client)
		ln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fail(badUsage("--metrics-addr: %v", err))
		}
		srv := &http.Server{Handler: promhttp.HandlerFor(reg, promhttp.HandlerOpts{})}
		go srv.Serve(ln)
		defer srv.Close()
	}
	if !*quiet && env.IsTTY(env.Stderr) {
		cfg.Progress = scan.NewProgress(env.Stderr)
	}
	defer tuneGC()()

	if *cpuprofile != "" {
		fh, err := os.Create(*cpuprofile)
		if err != nil {
			return fail(badUsage("--cpuprofile: %v", err))
		}
		defer fh.Close()
		if err := pprof.StartCPUProfile(fh); err != nil {
			return fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		defer func() {
			if fh, err := os.Create(*memprofile); err == nil {
				_ = pprof.WriteHeapProfile(fh)
				fh.Close()
			}
		}()
	}
	runID := *resume
	var problems int64
	if runID == 0 {
		host := *vantage
		if host == "" {
			host, _ = os.Hostname()
		}
		run := store.Run{Input: *input, Vantage: host, Parameters: map[string]string{
			"lab": strconv.FormatBool(mf.lab), "hints": mf.hints, "trust_anchor": mf.trustAnchor,
			"qps": fmt.Sprint(mf.qps), "server_qps": fmt.Sprint(mf.serverQPS),
			"server_concurrency": fmt.Sprint(mf.serverConcurrency), "timeout": mf.timeout.String(),
			"retries": fmt.Sprint(mf.retries), "format": string(f), "version": Version,
		}}
		run, problems, err = scan.Load(ctx, cfg, run, in, f)
		if err != nil {
			return fail(err)
		}
		runID = run.ID
		fmt.Fprintf(env.Stderr, "run %d: %d domains accepted, %d input lines rejected\n", run.ID, mustDomains(ctx, st, run.ID), problems)
	}
	sum, err := scan.Run(ctx, cfg, runID)
	fmt.Fprintln(env.Stderr, sum.String())
	if !*quiet {
		fmt.Fprint(env.Stderr, "busiest servers:")
		for _, b := range m.client.Busiest(5) {
			fmt.Fprintf(env.Stderr, " %s %d", b.Addr, b.Sent)
			if b.Skipped > 0 {
				fmt.Fprintf(env.Stderr, " (+%d not sent: stopped answering)", b.Skipped)
			}
		}
		fmt.Fprintln(env.Stderr)
		if line := perDomain(m.client.SentFor(), sum.Domains); line != "" {
			fmt.Fprintln(env.Stderr, line)
		}
	}
	if err != nil {
		if errors.Is(err, scan.ErrInterrupted) {
			fmt.Fprintf(env.Stderr, "dnsobs scan: %v\n", err)
			return ExitInternal
		}
		if errors.Is(err, scan.ErrNotResumable) || errors.Is(err, store.ErrNotFound) {
			return fail(badUsage("%v", err))
		}
		return fail(err)
	}
	return ExitOK
}

func mustDomains(ctx context.Context, st store.Store, id int64) int64 {
	r, err := st.GetRun(ctx, id)
	if err != nil {
		return 0
	}
	return r.Domains
}

// perDomain says what the queries were spent on: the queries per stored
// domain, in all and per purpose (the ten largest, then the rest).
func perDomain(sent map[string]int64, domains int64) string {
	if domains <= 0 || len(sent) == 0 {
		return ""
	}
	type use struct {
		purpose string
		n       int64
	}
	var uses []use
	var total int64
	for p, n := range sent {
		uses = append(uses, use{p, n})
		total += n
	}
	sort.Slice(uses, func(i, j int) bool {
		if uses[i].n != uses[j].n {
			return uses[i].n > uses[j].n
		}
		return uses[i].purpose < uses[j].purpose
	})
	per := func(n int64) string { return strconv.FormatFloat(float64(n)/float64(domains), 'f', 2, 64) }
	var b strings.Builder
	b.WriteString("queries per domain: " + per(total) + " =")
	var rest int64
	for i, u := range uses {
		if i >= 10 {
			rest += u.n
			continue
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(" " + u.purpose + " " + per(u.n))
	}
	if rest > 0 {
		b.WriteString(", other " + per(rest))
	}
	return b.String()
}

// Garbage collector settings of a scan, unless GOGC or GOMEMLIMIT is set:
// collect at 200% growth instead of 100% (about 8% less CPU on a
// 20,000-domain scan, for about 110 MiB more at its peak), within a soft
// limit that keeps the process under 1 GiB whatever the run's size.
const (
	scanGCPercent   = 200
	scanMemoryLimit = 768 << 20
)

// tuneGC applies the scan's GC settings and returns what restores the
// previous ones.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(scanGCPercent)
	limit := debug.SetMemoryLimit(scanMemoryLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
