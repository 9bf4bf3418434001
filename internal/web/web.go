// Package web is the public Observatory: server-rendered pages in four
// languages, the JSON API under /api/v1 with its OpenAPI document, open
// data downloads, the rate-limited on-demand check, /metrics and /healthz,
// all over one store.Store. Everything public is read-only; the admin
// action (start a scan) needs a bearer token.
//
//	srv, err := web.New(web.Config{Store: st})
//	defer srv.Close()
//	http.ListenAndServe("127.0.0.1:8080", srv)
package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/time/rate"

	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// CheckFunc checks one domain now and returns its report as the JSON of
// `dnsobs check --json`. The caller's measurement applies its transport
// policy: outside lab mode it refuses private and reserved addresses.
type CheckFunc func(ctx context.Context, domain string) ([]byte, error)

// ScanFunc starts a scan of domains in the background and returns its run ID.
type ScanFunc func(ctx context.Context, domains []string) (int64, error)

// Limits of the on-demand check and of the read side. Zero fields take
// the defaults in brackets.
type Limits struct {
	ClientEvery   time.Duration // one on-demand check per client per ClientEvery [20s]
	ClientBurst   int           // [3]
	GlobalPerMin  float64       // on-demand checks per minute, all clients [30]
	GlobalBurst   int           // [10]
	CacheFor      time.Duration // an on-demand result is served from cache this long [10m]
	Queue         int           // on-demand checks waiting, at most [32]
	Workers       int           // on-demand checks at once [2]
	CheckTimeout  time.Duration // one on-demand check, at most [2m]
	ReadPerSecond float64       // pages and read API per client [50]
	ReadBurst     int           // [100]
}

func (l *Limits) defaults() {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defD := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	defF := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	defD(&l.ClientEvery, 20*time.Second)
	def(&l.ClientBurst, 3)
	defF(&l.GlobalPerMin, 30)
	def(&l.GlobalBurst, 10)
	defD(&l.CacheFor, 10*time.Minute)
	def(&l.Queue, 32)
	def(&l.Workers, 2)
	defD(&l.CheckTimeout, 2*time.Minute)
	defF(&l.ReadPerSecond, 50)
	def(&l.ReadBurst, 100)
}

// Config of New.
type Config struct {
	Store store.Store // required
	// Check runs the on-demand check; nil: POST /api/v1/ondemand answers
	// 403 (not offered by this server).
	Check CheckFunc
	// Lab allows on-demand checks of names under .test (the lab world's);
	// the other special-use names are refused all the same.
	Lab bool
	// AdminToken guards the admin API (Authorization: Bearer TOKEN);
	// empty: admin actions are disabled.
	AdminToken string
	Scan       ScanFunc // the admin scan; nil: not offered
	Limits     Limits
	Logger     *slog.Logger         // nil: discard
	Registry   *prometheus.Registry // nil: a registry of the server's own
	Now        func() time.Time     // nil: time.Now
}

// Server is the Observatory's HTTP handler.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	data    *dataCache
	od      *onDemand
	metrics *metrics
	readers *lru.Cache[string, *rate.Limiter]
	log     *slog.Logger
	routes  []route
	tmpl    *templates
	stop    context.CancelFunc
	wg      sync.WaitGroup
}

// route is one pattern the server serves; the OpenAPI test compares the
// API's with the document.
type route struct {
	method, path string
	api          bool
}

// New builds the server. Close stops its on-demand workers and admin scans.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: Config.Store is required")
	}
	cfg.Limits.defaults()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	reg := cfg.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	readers, err := lru.New[string, *rate.Limiter](1 << 16)
	if err != nil {
		return nil, err
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	s := &Server{cfg: cfg, mux: http.NewServeMux(), data: newDataCache(cfg.Store), readers: readers,
		log: cfg.Logger.With("component", "web"), tmpl: tmpl, stop: stop}
	s.metrics = newMetrics(reg)
	if s.od, err = newOnDemand(ctx, cfg, s.metrics, &s.wg); err != nil {
		stop()
		return nil, err
	}
	s.routesInit(reg)
	return s, nil
}

// Close stops the on-demand workers and waits for them.
func (s *Server) Close() error {
	s.stop()
	s.wg.Wait()
	return nil
}

func (s *Server) handle(method, path string, api bool, h http.HandlerFunc) {
	s.routes = append(s.routes, route{method, path, api})
	name := path
	s.mux.Handle(method+" "+path, s.instrument(name, h))
}

func (s *Server) routesInit(reg *prometheus.Registry) {
	// The API (openapi.json lists exactly these).
	s.handle("GET", "/api/v1/runs", true, s.apiRuns)
	s.handle("GET", "/api/v1/runs/{id}", true, s.apiRun)
	s.handle("GET", "/api/v1/runs/{id}/export", true, s.apiExport)
	s.handle("GET", "/api/v1/aggregates", true, s.apiAggregates)
	s.handle("GET", "/api/v1/trends", true, s.apiTrends)
	s.handle("GET", "/api/v1/domains", true, s.apiDomainList)
	s.handle("GET", "/api/v1/domains/{name}", true, s.apiDomain)
	s.handle("GET", "/api/v1/checks", true, s.apiChecks)
	s.handle("POST", "/api/v1/ondemand", true, s.apiOnDemand)
	s.handle("GET", "/api/v1/ondemand/{name}", true, s.apiOnDemandResult)
	s.handle("POST", "/api/v1/admin/scan", true, s.apiAdminScan)
	s.handle("GET", "/api/v1/openapi.json", true, s.apiOpenAPI)
	s.mux.Handle("/api/", s.instrument("/api/", func(w http.ResponseWriter, r *http.Request) {
		apiError(w, http.StatusNotFound, "no such API route: see /api/v1/openapi.json")
	}))
	// Operations.
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	s.handle("GET", "/healthz", false, s.healthz)
	// Pages.
	s.handle("GET", "/{$}", false, s.pageOverview)
	s.handle("GET", "/countries/{cc}", false, s.pageCountry)
	s.handle("GET", "/tlds/{tld}", false, s.pageTLD)
	s.handle("GET", "/domains/{name}", false, s.pageDomain)
	s.handle("GET", "/runs/{id}", false, s.pageRun)
	s.handle("GET", "/runs", false, s.pageRuns)
	s.handle("GET", "/checks", false, s.pageChecks)
	s.handle("GET", "/search", false, s.pageSearch)
	s.handle("POST", "/ondemand", false, s.pageOnDemand)
	s.handle("GET", "/static/", false, s.static)
	s.mux.Handle("/", s.instrument("other", func(w http.ResponseWriter, r *http.Request) {
		s.notFoundPage(w, r, "")
	}))
}

// ServeHTTP serves a request: read limits per client, then the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/healthz" && r.URL.Path != "/metrics" && !s.allowRead(r) {
		s.metrics.throttled.Inc()
		w.Header().Set("Retry-After", "1")
		apiError(w, http.StatusTooManyRequests, "too many requests from this client: slow down")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// clientKey is who a request comes from: its remote address's host (no
// proxy header is trusted).
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) allowRead(r *http.Request) bool {
	k := clientKey(r)
	l, ok := s.readers.Get(k)
	if !ok {
		l = rate.NewLimiter(rate.Limit(s.cfg.Limits.ReadPerSecond), s.cfg.Limits.ReadBurst)
		s.readers.Add(k, l)
	}
	return l.AllowN(s.cfg.Now(), 1)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if _, err := s.cfg.Store.ListRuns(ctx); err != nil {
		s.log.Warn("health check: store", "err", err)
		http.Error(w, "store unavailable\n", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

// adminAllowed checks the bearer token in constant time.
func (s *Server) adminAllowed(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && s.cfg.AdminToken != "" &&
		subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.AdminToken)) == 1
}
