package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
)

// specialSuffixes are the special-use names (RFC 6761, RFC 6762, RFC 8375,
// ICANN's .internal) an on-demand check refuses before anything else:
// they name nothing on the public DNS, or something private.
var specialSuffixes = []string{"internal", "local", "localhost", "test", "invalid"}

// onDemandError is a refused on-demand request: its status and message.
type onDemandError struct {
	code int
	msg  string
}

// vetOnDemand checks a requested name before any query or rate accounting:
// 400 for what is no domain name, 422 for an IP literal, a single label
// (localhost included) or a special-use name (.test allowed in lab mode).
func vetOnDemand(raw string, lab bool) (string, *onDemandError) {
	v := strings.TrimSpace(raw)
	if a, err := netip.ParseAddr(strings.Trim(strings.TrimSuffix(v, "."), "[]")); err == nil {
		return "", &onDemandError{http.StatusUnprocessableEntity, fmt.Sprintf("%s is an IP address (%v): the on-demand check takes a domain name", quoteParam(v), a)}
	}
	name, err := dnsname.Normalize(v)
	if err != nil {
		return "", &onDemandError{http.StatusBadRequest, "domain: " + err.Error()}
	}
	labels := strings.Split(strings.TrimSuffix(name, "."), ".")
	if name == "." || len(labels) < 2 {
		return "", &onDemandError{http.StatusUnprocessableEntity, fmt.Sprintf("%s is a single label: the on-demand check takes a domain under a public TLD", quoteParam(v))}
	}
	tld := labels[len(labels)-1]
	for _, sfx := range specialSuffixes {
		if tld == sfx && !(lab && sfx == "test") {
			return "", &onDemandError{http.StatusUnprocessableEntity, fmt.Sprintf("%s is under .%s, a special-use name: nothing to check on the public DNS", quoteParam(v), sfx)}
		}
	}
	return name, nil
}

// odResult is an on-demand check's outcome.
type odResult struct {
	report []byte // the check --json object; nil while pending
	err    string
	at     time.Time
}

// onDemand queues on-demand checks, runs them with a few workers, limits
// them per client and globally, and caches their results.
type onDemand struct {
	cfg     Config
	m       *metrics
	queue   chan string
	clients *lru.Cache[string, *rate.Limiter]
	global  *rate.Limiter

	mu      sync.Mutex
	results map[string]*odResult // pending (report nil, err "") or done
}

func newOnDemand(ctx context.Context, cfg Config, m *metrics, wg *sync.WaitGroup) (*onDemand, error) {
	clients, err := lru.New[string, *rate.Limiter](1 << 16)
	if err != nil {
		return nil, err
	}
	l := cfg.Limits
	o := &onDemand{cfg: cfg, m: m, queue: make(chan string, l.Queue), clients: clients,
		global: rate.NewLimiter(rate.Limit(l.GlobalPerMin/60), l.GlobalBurst), results: map[string]*odResult{}}
	if cfg.Check == nil {
		return o, nil
	}
	for range l.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o.work(ctx)
		}()
	}
	return o, nil
}

func (o *onDemand) work(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case name := <-o.queue:
			rep, err := o.check(ctx, name)
			res := &odResult{report: rep, at: o.cfg.Now()}
			outcome := "done"
			if err != nil {
				res.report, res.err, outcome = nil, err.Error(), "failed"
			}
			o.m.onDemand.WithLabelValues(outcome).Inc()
			o.mu.Lock()
			o.results[name] = res
			o.mu.Unlock()
			o.m.queue.Dec()
		}
	}
}

// check runs one on-demand check with its timeout; a panic in it is a
// failed check, not a dead worker.
func (o *onDemand) check(ctx context.Context, name string) (rep []byte, err error) {
	ctx, cancel := context.WithTimeout(ctx, o.cfg.Limits.CheckTimeout)
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			rep, err = nil, fmt.Errorf("the check failed: %v", v)
		}
	}()
	return o.cfg.Check(ctx, name)
}

// lookup returns name's cached result (fresh), or pending.
func (o *onDemand) lookup(name string) (res *odResult, pending bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.results[name]
	if r == nil {
		return nil, false
	}
	if r.report == nil && r.err == "" {
		return nil, true
	}
	if o.cfg.Now().Sub(r.at) > o.cfg.Limits.CacheFor {
		delete(o.results, name)
		return nil, false
	}
	return r, false
}

// sweep forgets expired results (called on each request; the map stays
// bounded by what the rate limits let in during CacheFor).
func (o *onDemand) sweep() {
	o.mu.Lock()
	defer o.mu.Unlock()
	now := o.cfg.Now()
	for k, r := range o.results {
		if (r.report != nil || r.err != "") && now.Sub(r.at) > o.cfg.Limits.CacheFor {
			delete(o.results, k)
		}
	}
}

// odStatus is the JSON of the on-demand endpoints.
type odStatus struct {
	Status    string          `json:"status"` // queued, cached, pending, failed
	Domain    string          `json:"domain"`
	ResultURL string          `json:"result_url"`
	CheckedAt string          `json:"checked_at,omitempty"`
	Error     string          `json:"error,omitempty"`
	Report    json.RawMessage `json:"report,omitempty"`
}

// request handles one on-demand request for raw from client: its status
// code and body. Name checks come before any rate accounting.
func (o *onDemand) request(raw, client string) (int, any) {
	name, bad := vetOnDemand(raw, o.cfg.Lab)
	if bad != nil {
		o.m.onDemand.WithLabelValues("refused").Inc()
		return bad.code, apiErr{Error: bad.msg, Status: bad.code}
	}
	if o.cfg.Check == nil {
		o.m.onDemand.WithLabelValues("refused").Inc()
		return http.StatusForbidden, apiErr{Error: "this server does not offer on-demand checks", Status: http.StatusForbidden}
	}
	o.sweep()
	st := odStatus{Domain: name, ResultURL: "/api/v1/ondemand/" + strings.TrimSuffix(name, ".")}
	if res, pending := o.lookup(name); res != nil {
		o.m.onDemand.WithLabelValues("cached").Inc()
		return http.StatusOK, res.status(st)
	} else if pending {
		o.m.onDemand.WithLabelValues("pending").Inc()
		st.Status = "queued"
		return http.StatusAccepted, st
	}
	cl, ok := o.clients.Get(client)
	if !ok {
		cl = rate.NewLimiter(rate.Every(o.cfg.Limits.ClientEvery), o.cfg.Limits.ClientBurst)
		o.clients.Add(client, cl)
	}
	now := o.cfg.Now()
	if !cl.AllowN(now, 1) {
		o.m.onDemand.WithLabelValues("limited").Inc()
		return http.StatusTooManyRequests, apiErr{Error: "too many on-demand checks from this client: try again later", Status: http.StatusTooManyRequests}
	}
	if !o.global.AllowN(now, 1) {
		o.m.onDemand.WithLabelValues("limited").Inc()
		return http.StatusTooManyRequests, apiErr{Error: "the server is running as many on-demand checks as it allows: try again later", Status: http.StatusTooManyRequests}
	}
	o.mu.Lock()
	if o.results[name] != nil { // queued meanwhile by another request
		o.mu.Unlock()
		st.Status = "queued"
		return http.StatusAccepted, st
	}
	select {
	case o.queue <- name:
		o.results[name] = &odResult{}
		o.mu.Unlock()
	default:
		o.mu.Unlock()
		o.m.onDemand.WithLabelValues("full").Inc()
		return http.StatusTooManyRequests, apiErr{Error: "the on-demand queue is full: try again later", Status: http.StatusTooManyRequests}
	}
	o.m.queue.Inc()
	o.m.onDemand.WithLabelValues("queued").Inc()
	st.Status = "queued"
	return http.StatusAccepted, st
}

func (r *odResult) status(st odStatus) odStatus {
	st.CheckedAt = rfc3339(r.at)
	if r.err != "" {
		st.Status, st.Error = "failed", r.err
		return st
	}
	st.Status, st.Report = "cached", r.report
	return st
}

func (s *Server) apiOnDemand(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Domain string `json:"domain"`
	}
	if err := decodeBody(w, r, 4096, &body); err != nil {
		apiError(w, http.StatusBadRequest, err.Error())
		return
	}
	code, v := s.od.request(body.Domain, clientKey(r))
	writeStatus(w, code, v)
}

func writeStatus(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if code == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "20")
	}
	if st, ok := v.(odStatus); ok && code == http.StatusAccepted {
		w.Header().Set("Location", st.ResultURL)
	}
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// apiOnDemandResult is the result of an on-demand check: 200 with it,
// 202 while it waits or runs, 404 when none was asked (or it expired).
func (s *Server) apiOnDemandResult(w http.ResponseWriter, r *http.Request) {
	name, err := domainParam(r.PathValue("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st := odStatus{Domain: name, ResultURL: "/api/v1/ondemand/" + strings.TrimSuffix(name, ".")}
	res, pending := s.od.lookup(name)
	switch {
	case pending:
		st.Status = "queued"
		writeStatus(w, http.StatusAccepted, st)
	case res != nil:
		writeStatus(w, http.StatusOK, res.status(st))
	default:
		apiError(w, http.StatusNotFound, fmt.Sprintf("no on-demand check of %s: POST /api/v1/ondemand first", name))
	}
}
