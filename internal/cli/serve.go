package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/logging"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/scan"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
	"github.com/lac-dns-observatory/dnsobs/internal/web"
)

const serveExamples = `  dnsobs serve                                   # the default store, on http://127.0.0.1:8080/
  dnsobs serve --store sqlite:/var/lib/dnsobs/obs.db --addr 0.0.0.0:8080
  DNSOBS_ADMIN_TOKEN=$(openssl rand -hex 16) dnsobs serve   # enables POST /api/v1/admin/scan
  dnsobs serve --ondemand=false                  # no on-demand checks: sends no query at all
  dnsobs serve --lab --hints /tmp/lab/hints.zone --lab-port 5353   # on-demand checks of a lab world (.test allowed)
`

// adminTokenEnv is the environment variable that can hold --admin-token.
const adminTokenEnv = "DNSOBS_ADMIN_TOKEN"

// runServe serves the Observatory (internal/web) over a store until
// interrupted: pages, the API, open data, /metrics and /healthz.
func runServe(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var mf measureFlags
	mf.register(fs)
	var lf logging.Flags
	lf.Register(fs)
	dsn := storeFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port; the URL is printed)")
	adminToken := fs.String("admin-token", "", "bearer `TOKEN` of the admin API (POST /api/v1/admin/scan); default $"+adminTokenEnv+"; none: admin actions are disabled")
	onDemand := fs.Bool("ondemand", true, "offer the on-demand check (POST /api/v1/ondemand), with the measurement flags, rate-limited")
	parallel := fs.Int("parallel", 16, "domains checked at once by an admin scan")
	fs.Usage = helpFunc(fs, "dnsobs serve [--store DSN] [--addr HOST:PORT] [flags]", serveExamples)
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs serve: %v\n", err)
		return exitFor(err)
	}
	if len(pos) > 0 {
		return fail(badUsage("unexpected argument %q", pos[0]))
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return fail(badUsage("--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080", *addr))
	}
	if err := checkParallel(*parallel); err != nil {
		return fail(err)
	}
	token := *adminToken
	if token == "" {
		token = env.getenv(adminTokenEnv)
	}
	logger, err := lf.New(env.Stderr)
	if err != nil {
		return fail(badUsage("%v", err))
	}
	// The measurement is built (and its flags checked) before anything is
	// opened; it sends nothing until an on-demand check or a scan asks.
	var m *measurement
	if *onDemand || token != "" {
		if m, err = mf.build(env); err != nil {
			return fail(err)
		}
		defer m.Close()
	}
	st, err := openStore(ctx, env, *dsn)
	if err != nil {
		return fail(err)
	}
	defer st.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var scans sync.WaitGroup
	defer scans.Wait()
	cfg := web.Config{Store: st, Lab: mf.lab, AdminToken: token, Logger: logger}
	if *onDemand {
		cfg.Check = func(ctx context.Context, domain string) ([]byte, error) {
			d := m.collector.Domain(ctx, domain, nil)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return json.Marshal(report.Build(d, report.Options{Anchors: m.anchors, Lang: "en"}))
		}
	}
	if token != "" {
		cfg.Scan = func(_ context.Context, domains []string) (int64, error) {
			return startAdminScan(ctx, env, &mf, st, domains, *parallel, logger, &scans)
		}
	}
	srv, err := web.New(cfg)
	if err != nil {
		return fail(err)
	}
	defer srv.Close()
	err = serveHTTP(ctx, srv, *addr, logger, func(url string) {
		fmt.Fprintf(env.Stdout, "serving on %s\n", url)
		logger.Info("serving", "component", "web", "addr", url, "ondemand", *onDemand, "admin", token != "")
	})
	if err != nil {
		return fail(err)
	}
	return ExitOK
}

// serveHTTP serves h on addr until ctx ends (then it shuts down, waiting
// up to 10 s for requests in flight, and returns nil); ready gets the
// base URL once it listens.
func serveHTTP(ctx context.Context, h http.Handler, addr string, logger *slog.Logger, ready func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	ready(fmt.Sprintf("http://%s/", ln.Addr()))
	select {
	case <-ctx.Done():
		sctx, stop := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer stop()
		_ = hs.Shutdown(sctx)
		return nil
	case err := <-done:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("serving: %w", err)
	}
}

// serveStore is dnsobs demo's dashboard (Env.Serve when a test sets none):
// the Observatory over the demo's store, with on-demand checks of the
// demo's world when cfg.Check is set and no admin actions, until ctx ends.
func serveStore(ctx context.Context, cfg ServeConfig) error {
	logger := slog.New(slog.DiscardHandler)
	srv, err := web.New(web.Config{Store: cfg.Store, Lab: cfg.Lab, Check: cfg.Check, Logger: logger})
	if err != nil {
		return err
	}
	defer srv.Close()
	return serveHTTP(ctx, srv, cfg.Addr, logger, cfg.Ready)
}

// startAdminScan loads domains as a new run and scans it in the
// background with a measurement of its own; it returns the run's ID.
func startAdminScan(ctx context.Context, env *Env, mf *measureFlags, st store.Store, domains []string, parallel int,
	logger *slog.Logger, wg *sync.WaitGroup) (int64, error) {
	m, err := mf.build(env)
	if err != nil {
		return 0, err
	}
	cfg := &scan.Config{Collector: m.collector, Client: m.client, Anchors: m.anchors, Store: st,
		Parallel: parallel, Lang: "en", Logger: logger.With("component", "scan")}
	params := map[string]string{"source": "admin API"}
	if mf.lab {
		params["lab"] = "true"
	}
	run, _, err := scan.Load(ctx, cfg, store.Run{Input: "admin API", Vantage: "serve", Parameters: params},
		strings.NewReader(strings.Join(domains, "\n")+"\n"), scan.FormatList)
	if err != nil {
		m.Close()
		return 0, err
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer m.Close()
		sum, err := scan.Run(ctx, cfg, run.ID)
		if err != nil {
			logger.Error("admin scan failed", "component", "scan", "run", run.ID, "err", err)
			return
		}
		logger.Info("admin scan done", "component", "scan", "run", run.ID, "summary", sum.String())
	}()
	return run.ID, nil
}
