// Package scan is the bulk pipeline: it reads a domain list or zone file
// into a stored run, checks every domain as deeply as `dnsobs check` with
// a bounded number in flight, stores each result atomically (the
// store.Record made from its report, and its observations; so a killed run
// resumes without losing or repeating a domain), writes JSON Lines,
// reports progress, Prometheus metrics and slog events, and marks the run
// done with its aggregates at the end. Reanalyze rebuilds a stored run's
// reports from its observations.
package scan

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/collect"
	"github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/logging"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// Config is what a scan runs with.
type Config struct {
	Collector *collect.Collector // its Shared cache is set by the scan when nil
	Client    *transport.Client
	Anchors   []dns.RR
	Store     store.Store
	Parallel  int       // domains in flight [64]
	Batch     int       // results stored per transaction, at most [200]
	JSONL     io.Writer // when set, one report per line
	Progress  *Progress // when set, progress is reported to it
	Metrics   *Metrics  // when set, counters are updated
	Lang      string
	// Problem is called for each rejected input line (the CLI prints it).
	Problem func(store.InputProblem)
	// Clock, when set, is the run's clock for its end time (a simulated
	// world's, with a store that is a store.FinisherAt); nil: the machine's.
	Clock func() time.Time
	// Logger, when set, gets the run's events, scoped with component=scan:
	// started, input loaded and finished at info; each domain and each
	// stored batch at debug only.
	Logger *slog.Logger
	// Heartbeat is how often Load renews its run's heartbeat while the
	// input is slow to come [store.LoadingHeartbeat].
	Heartbeat time.Duration
}

// logger is cfg's logger, scoped to the scan.
func (cfg *Config) logger() *slog.Logger {
	if cfg.Logger == nil {
		return logging.Discard()
	}
	return cfg.Logger.With("component", "scan")
}

// Summary is what a finished (or interrupted) scan did.
type Summary struct {
	RunID    int64
	Domains  int64 // results stored by this invocation
	Errors   int64 // of which collection reported an error
	Problems int64 // rejected input lines
	Queries  int64 // sent by this invocation
	// RunQueries is the run's queries in all: those of earlier
	// invocations (a resumed run) and this one's.
	RunQueries int64
	Elapsed    time.Duration
	Status     store.RunStatus
}

// String is the summary line.
func (s Summary) String() string {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Domains) / s.Elapsed.Seconds()
	}
	line := fmt.Sprintf("scanned %d domains in %.1f s (%.1f domains/s), %d queries, %d errors, run %d",
		s.Domains, s.Elapsed.Seconds(), rate, s.Queries, s.Errors, s.RunID)
	if s.RunQueries > s.Queries {
		line += fmt.Sprintf(" (%d queries in all, with its earlier part)", s.RunQueries)
	}
	return line
}

const inputBatch = 2000

// Load creates a run and reads its input into the store.
//
// An input that is not text is refused before the run is created. When
// reading or storing the input fails, the run is deleted, so no run is
// left in state loading by an error; a load killed outright (kill -9)
// leaves it to store.SweepLoading, which the commands run when they open
// the store. The run's heartbeat is renewed with every batch and every
// store.LoadingHeartbeat.
func Load(ctx context.Context, cfg *Config, run store.Run, in io.Reader, f Format) (_ store.Run, problems int64, err error) {
	bin := bufio.NewReaderSize(in, 64<<10)
	if err := checkText(bin); err != nil {
		return run, 0, err
	}
	in = bin
	run.Status = store.RunLoading
	run, err = cfg.Store.CreateRun(ctx, run)
	if err != nil {
		return run, 0, err
	}
	defer func() {
		if err == nil {
			return
		}
		if derr := cfg.Store.DeleteRun(context.WithoutCancel(ctx), run.ID); derr != nil {
			err = fmt.Errorf("%w (and deleting the unfinished run %d failed: %v)", err, run.ID, derr)
			return
		}
		err = fmt.Errorf("%w (the unfinished run %d was deleted)", err, run.ID)
	}()
	// The heartbeat tells store.SweepLoading that this load is alive while
	// the input is slow to come (a pipe): batches renew it too.
	every := cfg.Heartbeat
	if every <= 0 {
		every = store.LoadingHeartbeat
	}
	beat := time.NewTicker(every)
	beatDone := make(chan struct{})
	beatStopped := make(chan struct{})
	go func() {
		defer close(beatStopped)
		for {
			select {
			case <-beat.C:
				_ = cfg.Store.AddInput(ctx, run.ID, nil, nil) // a failed beat only risks a sweep; the batches report errors
			case <-beatDone:
				return
			}
		}
	}()
	defer func() {
		beat.Stop()
		close(beatDone)
		<-beatStopped
	}()
	var (
		doms  []store.InputDomain
		probs []store.InputProblem
	)
	flush := func() error {
		if len(doms) == 0 && len(probs) == 0 {
			return nil
		}
		err := cfg.Store.AddInput(ctx, run.ID, doms, probs)
		doms, probs = doms[:0], probs[:0]
		return err
	}
	r := NewReader()
	err = r.Read(in, f, func(d store.InputDomain) error {
		doms = append(doms, d)
		if len(doms) >= inputBatch {
			return flush()
		}
		return nil
	}, func(p store.InputProblem) error {
		problems++
		if cfg.Problem != nil {
			cfg.Problem(p)
		}
		probs = append(probs, p)
		if len(probs) >= inputBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return run, problems, fmt.Errorf("scan: reading the input of run %d: %w", run.ID, err)
	}
	if err := cfg.Store.SetRunStatus(ctx, run.ID, store.RunRunning, 0); err != nil {
		return run, problems, err
	}
	run.Status = store.RunRunning
	cfg.logger().Info("input loaded", "run", run.ID, "domains", r.accepted, "rejected", problems)
	return run, problems, nil
}

// Run checks every pending domain of run runID and, when all are stored,
// finishes the run (done, with its aggregates: store.FinishRun). On
// cancellation, or when storing or writing JSON Lines fails, it stops
// taking domains, leaves those being collected pending, stores those
// already measured (unless storing failed), and marks the run interrupted.
func Run(ctx context.Context, cfg *Config, runID int64) (Summary, error) {
	start := time.Now()
	sum := Summary{RunID: runID}
	run, err := cfg.Store.GetRun(ctx, runID)
	if err != nil {
		return sum, err
	}
	switch run.Status {
	case store.RunLoading:
		return sum, fmt.Errorf("run %d was stopped while its input was being read: start a new run: %w", runID, ErrNotResumable)
	case store.RunDone:
		return sum, fmt.Errorf("run %d is already done: %w", runID, ErrNotResumable)
	}
	if cfg.Collector.Shared == nil {
		cfg.Collector.Shared = collect.NewShared()
	}
	// A failure to store or to write JSON Lines stops the run as an
	// interruption would.
	parent := ctx
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	par := cfg.Parallel
	if par <= 0 {
		par = 64
	}
	per := cfg.Batch
	if per <= 0 {
		per = 200
	}
	sent0 := cfg.Client.Sent()
	if cfg.Progress != nil {
		cfg.Progress.Start(run.Domains, run.Done, cfg.Client)
	}
	log := cfg.logger()
	debug := log.Enabled(ctx, slog.LevelDebug)
	log.Info("scan started", "run", runID, "domains", run.Domains, "done_before", run.Done, "parallel", par)

	// feeder → workers → writer; channels bound what is in memory.
	todo := make(chan store.InputDomain, par)
	results := make(chan done, par)
	prep, _ := cfg.Store.(store.Preparer)
	verified := new(dnssec.VerifyCache) // root and TLD signatures, verified once per run
	feedErr := make(chan error, 1)
	go func() {
		defer close(todo)
		var after int64
		for {
			batch, err := cfg.Store.Pending(context.WithoutCancel(ctx), runID, after, 1000)
			if err != nil {
				feedErr <- err
				return
			}
			if len(batch) == 0 {
				feedErr <- nil
				return
			}
			for _, d := range batch {
				select {
				case todo <- d:
				case <-ctx.Done():
					feedErr <- nil
					return
				}
				after = d.Pos
			}
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < par; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range todo {
				if ctx.Err() != nil {
					continue // drain: the feeder stops, nothing new starts
				}
				if cfg.Metrics != nil {
					cfg.Metrics.start()
				}
				if cfg.Progress != nil {
					cfg.Progress.Started()
				}
				began := time.Now()
				obs := cfg.Collector.Domain(ctx, d.Name, nil)
				if cfg.Metrics != nil {
					cfg.Metrics.inFlight.Dec()
				}
				if ctx.Err() != nil {
					continue // cut short: left pending, redone on resume
				}
				rep := report.Build(obs, report.Options{Anchors: cfg.Anchors, Lang: cfg.Lang, Verified: verified})
				if debug {
					log.Debug("domain checked", "domain", rep.Domain, "error", rep.Error, "findings", len(rep.Findings),
						"queries", rep.QueriesSent, "seconds", time.Since(began).Seconds())
				}
				results <- prepare(cfg, prep, runID, rep, obs)
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var (
		pending  []done         // measured, not yet stored
		batch    []store.Result // pending's results, as SaveResults takes them
		lastSave = time.Now()
		saveErr  error
		errs     atomic.Int64
	)
	// Each batch adds the queries sent since the previous one to the
	// run's count, in its transaction.
	savedSent := sent0
	save := func() {
		if len(pending) == 0 || saveErr != nil {
			return
		}
		batch = batch[:0]
		for _, r := range pending {
			if r.err != nil {
				saveErr = r.err
				pending, batch = nil, nil
				stop()
				return
			}
			batch = append(batch, r.Result)
		}
		// Stored results survive cancellation: the save uses its own context.
		began := time.Now()
		sent := cfg.Client.Sent()
		if err := cfg.Store.SaveBatch(context.WithoutCancel(ctx), runID, batch, sent-savedSent); err != nil {
			saveErr = err
			pending, batch = nil, nil
			stop()
			return
		}
		savedSent = sent
		if debug {
			log.Debug("batch stored", "run", runID, "domains", len(batch), "seconds", time.Since(began).Seconds())
		}
		for _, r := range pending {
			if cfg.JSONL != nil && saveErr == nil {
				if err := writeLine(cfg.JSONL, r); err != nil {
					// Stored, but the output is broken: stop as a store
					// error does (the rest of the batch is stored, not written).
					saveErr = fmt.Errorf("scan: writing JSON Lines: %w", err)
					stop()
				}
			}
			sum.Domains++
			if r.rep.Error != "" {
				errs.Add(1)
			}
			if cfg.Metrics != nil {
				cfg.Metrics.observe(r.rep)
			}
			if cfg.Progress != nil {
				cfg.Progress.Done(r.rep.Error != "")
			}
		}
		pending = pending[:0]
		lastSave = time.Now()
	}
	for r := range results {
		if saveErr != nil {
			continue // stopping: what is in flight stays pending
		}
		pending = append(pending, r)
		if len(pending) >= per || time.Since(lastSave) > time.Second {
			save()
		}
	}
	save()
	if cfg.Progress != nil {
		cfg.Progress.Stop()
	}
	sum.Errors = errs.Load()
	sum.Queries = cfg.Client.Sent() - sent0
	sum.Elapsed = time.Since(start)
	if err := <-feedErr; err != nil && saveErr == nil {
		saveErr = err
	}
	// Done comes with the aggregates, in one transaction; a run that could
	// not finish is left interrupted, to be resumed.
	status := store.RunInterrupted
	bg := context.WithoutCancel(ctx)
	queries := run.QueriesSent + sum.Queries
	sum.RunQueries = queries
	if ctx.Err() == nil && saveErr == nil {
		var err error
		if f, ok := cfg.Store.(store.FinisherAt); ok && cfg.Clock != nil {
			_, err = f.FinishRunAt(bg, runID, queries, cfg.Clock())
		} else {
			_, err = cfg.Store.FinishRun(bg, runID, queries)
		}
		if err != nil {
			saveErr = err
		} else {
			status = store.RunDone
		}
	}
	if status != store.RunDone {
		if err := cfg.Store.SetRunStatus(bg, runID, status, queries); err != nil && saveErr == nil {
			saveErr = err
		}
	}
	sum.Status = status
	log.Info("scan finished", "run", runID, "status", status, "stored", sum.Domains, "errors", sum.Errors,
		"queries", sum.Queries, "seconds", sum.Elapsed.Seconds())
	if saveErr != nil {
		return sum, fmt.Errorf("%w (run %d interrupted: resume it with --resume %d)", saveErr, runID, runID)
	}
	if parent.Err() != nil {
		return sum, fmt.Errorf("interrupted: resume with --resume %d: %w", runID, ErrInterrupted)
	}
	return sum, nil
}

// done is a measured domain on its way to the writer, encoded.
type done struct {
	store.Result
	rep     *report.Report
	line    []byte // its JSON Lines record, without the newline
	lineErr error
	err     error // encoding it for the store failed
}

// prepare encodes a measured domain for the writer: its JSON Lines record,
// the store's record (from the same JSON) and, with a Preparer, the
// store's encoding. It runs in the workers, in parallel; the writer only
// writes.
func prepare(cfg *Config, prep store.Preparer, runID int64, rep *report.Report, obs *observe.Domain) done {
	r := done{rep: rep}
	var js []byte
	if cfg.JSONL != nil {
		r.line, r.lineErr = json.Marshal(rep)
		if r.lineErr == nil {
			js = r.line
		}
	}
	r.Record, r.err = NewRecord(rep, js)
	r.Observations = obs
	if r.err == nil && prep != nil {
		prep.Prepare(runID, &r.Result)
	}
	return r
}

// writeLine writes r's JSON Lines record.
func writeLine(w io.Writer, r done) error {
	if r.lineErr != nil {
		return r.lineErr
	}
	_, err := w.Write(append(r.line, '\n'))
	return err
}

// Errors of Run.
var (
	ErrInterrupted  = errors.New("run interrupted")       // stopped before its end; resume it
	ErrNotResumable = errors.New("run cannot be resumed") // done, or killed while loading its input
)
