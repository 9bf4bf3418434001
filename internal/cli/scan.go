package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
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

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
	"github.com/lac-dns-observatory/dnsobs/internal/logging"
	"github.com/lac-dns-observatory/dnsobs/internal/scan"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

const scanExamples = `  dnsobs scan --input domains.txt
  dnsobs scan --input cl.zone --format zone --store sqlite:/var/lib/dnsobs/obs.db --jsonl out.jsonl
  zcat list.gz | dnsobs scan --input - --qps 500 --server-qps 20
  dnsobs scan --resume 7                     # continue run 7 after a crash or Ctrl-C, with its settings
  dnsobs scan --input domains.txt --log.format json --log.level debug 2>scan.log
  dnsobs scan --input lab/domains.txt --lab --hints lab/hints.zone --trust-anchor lab/anchor.zone --lab-port 5353
`

// storeUsage is the help of --store.
const storeUsage = "where runs are kept: `DSN` sqlite:PATH or postgres://user@host/db"

// storeFlag registers --store.
func storeFlag(fs *flag.FlagSet) *string {
	return fs.String("store", "sqlite:"+store.DefaultPath(), storeUsage)
}

// openStore opens the store at dsn. It first deletes the runs a killed
// load left in state loading (store.SweepLoading), and says so on stderr.
func openStore(ctx context.Context, env *Env, dsn string) (store.Store, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, badUsage("--store: %v", err)
	}
	ids, err := st.SweepLoading(ctx, store.LoadingStale)
	for _, id := range ids {
		fmt.Fprintf(env.Stderr, "dnsobs: deleted run %d, left loading by a load that was killed\n", id)
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// scanFlags are the flags of dnsobs scan.
type scanFlags struct {
	measure     measureFlags
	log         logging.Flags
	input       string
	format      string
	dsn         string
	jsonl       string
	resume      int64
	parallel    int
	metricsAddr string
	vantage     string
	lang        string
	quiet       bool
	memprofile  string
	cpuprofile  string
}

func (f *scanFlags) register(fs *flag.FlagSet) {
	f.measure.register(fs)
	f.log.Register(fs)
	fs.StringVar(&f.input, "input", "", "domain list or zone `FILE`, or - for standard input")
	fs.StringVar(&f.format, "format", "", "input format: list or zone (default: detected)")
	fs.StringVar(&f.dsn, "store", "sqlite:"+store.DefaultPath(), storeUsage)
	fs.StringVar(&f.jsonl, "jsonl", "", "also write one JSON report per domain to `FILE` (- for standard output)")
	fs.Int64Var(&f.resume, "resume", 0, "continue the interrupted run `RUN` (its input is in the store)")
	fs.IntVar(&f.parallel, "parallel", 64, "domains checked at once")
	fs.StringVar(&f.metricsAddr, "metrics-addr", "", "serve Prometheus metrics on `ADDR` (e.g. 127.0.0.1:9153) while running")
	fs.StringVar(&f.vantage, "vantage", "", "name of this vantage point (default: the host name)")
	fs.StringVar(&f.lang, "lang", "en", "language of stored messages: en, es, pt, fr")
	fs.BoolVar(&f.quiet, "q", false, "no progress display")
	fs.BoolVar(&f.quiet, "quiet", false, "the same as -q")
	fs.StringVar(&f.memprofile, "memprofile", "", "write a heap profile to `FILE` at the end (performance work)")
	fs.StringVar(&f.cpuprofile, "cpuprofile", "", "write a CPU profile to `FILE` (performance work)")
}

// validate checks the flags and positional arguments, without I/O, and
// returns the input format.
func (f *scanFlags) validate(pos []string) (scan.Format, error) {
	if len(pos) > 0 {
		return "", badUsage("unexpected argument %q: give the input with --input", pos[0])
	}
	if (f.input == "") == (f.resume == 0) {
		return "", badUsage("give either --input FILE (a new run) or --resume RUN")
	}
	format, err := scan.ParseFormat(f.format)
	if err != nil {
		return "", badUsage("--format: %v", err)
	}
	if err := i18n.Check(f.lang); err != nil {
		return "", badUsage("--lang: %v", err)
	}
	if err := checkParallel(f.parallel); err != nil {
		return "", err
	}
	return format, nil
}

// newRun is the run a new scan records: its input, vantage point and the
// settings that shape its results (runParameters), as the scan uses them.
func (f *scanFlags) newRun(fs *flag.FlagSet) (store.Run, error) {
	host := f.vantage
	if host == "" {
		host, _ = os.Hostname()
	}
	params, err := runParameters(fs, f.input)
	if err != nil {
		return store.Run{}, err
	}
	return store.Run{Input: f.input, Vantage: host, Parameters: params}, nil
}

func runScan(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	var f scanFlags
	f.register(fs)
	fs.Usage = helpFunc(fs, "dnsobs scan --input FILE|- [flags] | dnsobs scan --resume RUN [flags]", scanExamples)
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	format, err := f.validate(pos)
	if err != nil {
		return scanFail(env, err)
	}
	var st store.Store
	if f.resume != 0 {
		// The run's own settings, before anything is built from the flags.
		if st, err = openStore(ctx, env, f.dsn); err != nil {
			return scanFail(env, err)
		}
		defer st.Close()
		run, err := st.GetRun(ctx, f.resume)
		if err != nil {
			return scanExit(env, err)
		}
		if run.Status != store.RunDone && run.Status != store.RunLoading { // else scan.Run says why not
			if err := restoreRun(fs, f.vantage, run); err != nil {
				return scanFail(env, err)
			}
		}
	}
	logger, err := f.log.New(env.Stderr)
	if err != nil {
		return scanFail(env, badUsage("%v", err))
	}
	var in io.Reader
	if f.input != "" {
		fh, err := openInput(env, f.input)
		if err != nil {
			return scanFail(env, err)
		}
		defer fh.Close()
		in = fh
	}
	m, err := f.measure.build(env)
	if err != nil {
		return scanFail(env, err)
	}
	defer m.Close()
	if st == nil {
		if st, err = openStore(ctx, env, f.dsn); err != nil {
			return scanFail(env, err)
		}
		defer st.Close()
	}
	cfg, closeCfg, err := f.config(env, m, st, logger)
	defer closeCfg()
	if err != nil {
		return scanFail(env, err)
	}
	defer tuneGC()()
	stopProfiles, err := startProfiles(f.cpuprofile, f.memprofile)
	if err != nil {
		return scanFail(env, err)
	}
	defer stopProfiles()

	runID := f.resume
	if runID == 0 {
		run, err := f.newRun(fs)
		if err != nil {
			return scanFail(env, err)
		}
		if runID, err = loadRun(ctx, env, cfg, run, in, format); err != nil {
			return scanFail(env, err)
		}
	}
	sum, err := scan.Run(ctx, cfg, runID)
	printSummary(env, sum, m.client, f.quiet)
	return scanExit(env, err)
}

// scanFail prints err as dnsobs scan's error and returns its exit code.
func scanFail(env *Env, err error) int {
	fmt.Fprintf(env.Stderr, "dnsobs scan: %s\n", errText(err))
	return exitFor(err)
}

// scanExit is the exit code of a scan that ran and ended with err.
func scanExit(env *Env, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, scan.ErrInterrupted):
		fmt.Fprintf(env.Stderr, "dnsobs scan: %s\n", errText(err))
		return ExitInternal
	case errors.Is(err, scan.ErrNotResumable), errors.Is(err, store.ErrNotFound):
		return scanFail(env, badUsage("%v", err))
	}
	return scanFail(env, err)
}

// openInput opens --input: a file, or - for standard input.
func openInput(env *Env, name string) (io.ReadCloser, error) {
	if name == "-" {
		return limitFlagReader("--input", env.Stdin, limitInput), nil
	}
	return openFlagFile("--input", name, limitInput)
}

// config is the scan's configuration: the measurement stack, the store,
// the logger, the JSON Lines output, the metrics server and the progress
// display.
// release closes what it opened, also after an error.
func (f *scanFlags) config(env *Env, m *measurement, st store.Store, logger *slog.Logger) (cfg *scan.Config, release func(), err error) {
	cfg = &scan.Config{Collector: m.collector, Client: m.client, Anchors: m.anchors, Store: st,
		Parallel: f.parallel, Lang: f.lang, Logger: logger,
		Problem: func(p store.InputProblem) {
			fmt.Fprintf(env.Stderr, "input line %d: %s: \"%s\"\n", p.Line, dnsname.Terminal(p.Reason), dnsname.Terminal(p.Text)) // Text is escaped (scan.Reader); Terminal keeps it so
		},
	}
	var closers []func() error
	release = func() {
		for i := len(closers) - 1; i >= 0; i-- {
			_ = closers[i]()
		}
	}
	if f.jsonl != "" {
		w, c, err := openJSONL(env, f.jsonl)
		if err != nil {
			return nil, release, err
		}
		cfg.JSONL = w
		closers = append(closers, c)
	}
	if f.metricsAddr != "" {
		reg := prometheus.NewRegistry()
		cfg.Metrics = scan.NewMetrics(reg, m.client)
		c, err := serveMetrics(f.metricsAddr, reg, logger.With("component", "metrics"))
		if err != nil {
			return nil, release, err
		}
		closers = append(closers, c)
	}
	if !f.quiet && env.IsTTY(env.Stderr) {
		cfg.Progress = scan.NewProgress(env.Stderr)
	}
	return cfg, release, nil
}

// openJSONL opens --jsonl for appending: a file, or - for standard output.
func openJSONL(env *Env, name string) (io.Writer, func() error, error) {
	if name == "-" {
		return env.Stdout, func() error { return nil }, nil
	}
	fh, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, badUsage("cannot write --jsonl: %v", err)
	}
	return fh, fh.Close, nil
}

// serveMetrics serves reg's metrics over HTTP on addr until the returned
// function is called.
func serveMetrics(addr string, reg *prometheus.Registry, log *slog.Logger) (stop func() error, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, badUsage("--metrics-addr: %v", err)
	}
	srv := &http.Server{Handler: promhttp.HandlerFor(reg, promhttp.HandlerOpts{}), ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	log.Info("serving metrics", "addr", ln.Addr().String())
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "err", err)
		}
	}()
	return srv.Close, nil
}

// startProfiles starts the CPU profile (cpu) and returns what stops it and
// writes the heap profile (mem); either name may be empty.
func startProfiles(cpu, mem string) (stop func(), err error) {
	stopCPU := func() {}
	if cpu != "" {
		fh, err := os.Create(cpu)
		if err != nil {
			return nil, badUsage("--cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(fh); err != nil {
			fh.Close()
			return nil, err
		}
		stopCPU = func() {
			pprof.StopCPUProfile()
			fh.Close()
		}
	}
	return func() {
		if mem != "" {
			if fh, err := os.Create(mem); err == nil {
				_ = pprof.WriteHeapProfile(fh)
				fh.Close()
			}
		}
		stopCPU()
	}, nil
}

// loadRun creates a run and reads its input into the store, and says how
// much was accepted and rejected.
func loadRun(ctx context.Context, env *Env, cfg *scan.Config, run store.Run, in io.Reader, format scan.Format) (int64, error) {
	run, problems, err := scan.Load(ctx, cfg, run, in, format)
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(env.Stderr, "run %d: %d domains accepted, %d input lines rejected\n", run.ID, mustDomains(ctx, cfg.Store, run.ID), problems)
	return run.ID, nil
}

// printSummary prints the summary line and, unless quiet, the busiest
// servers and what the queries were spent on.
func printSummary(env *Env, sum scan.Summary, c *transport.Client, quiet bool) {
	fmt.Fprintln(env.Stderr, sum.String())
	if quiet {
		return
	}
	fmt.Fprint(env.Stderr, "busiest servers:")
	for _, b := range c.Busiest(5) {
		fmt.Fprintf(env.Stderr, " %s %d", b.Addr, b.Sent)
		if b.Skipped > 0 {
			fmt.Fprintf(env.Stderr, " (+%d not sent: stopped answering)", b.Skipped)
		}
	}
	fmt.Fprintln(env.Stderr)
	if line := perDomain(c.SentFor(), sum.Domains); line != "" {
		fmt.Fprintln(env.Stderr, line)
	}
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
