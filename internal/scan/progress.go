package scan

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/report"

	"github.com/prometheus/client_golang/prometheus"
)

// sender counts queries sent; transport.Client implements it.
type sender interface{ Sent() int64 }

// Progress reports a scan's progress on a terminal: stored/total, domains
// started and in flight, domains/s, queries/s, ETA and errors, redrawn in
// place once a second. A domain counts when its work starts and again when
// it is stored, so the line moves while queries flow even when no result
// has been stored yet (the first batch, a run of slow servers).
type Progress struct {
	w        io.Writer
	total    int64
	done     atomic.Int64 // stored, those of earlier invocations included
	started  atomic.Int64 // started, stored ones included
	errors   atomic.Int64
	start    time.Time
	sent0    int64
	client   sender
	stop     chan struct{}
	finished sync.WaitGroup
}

// NewProgress returns a Progress writing to w (a TTY).
func NewProgress(w io.Writer) *Progress { return &Progress{w: w} }

// Start begins reporting: total input domains, already done before.
func (p *Progress) Start(total, already int64, c sender) {
	p.total, p.start, p.client, p.sent0 = total, time.Now(), c, c.Sent()
	p.done.Store(already)
	p.started.Store(already)
	p.stop = make(chan struct{})
	p.finished.Add(1)
	go func() {
		defer p.finished.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fmt.Fprint(p.w, "\r"+p.Line()+"\x1b[K")
			case <-p.stop:
				fmt.Fprint(p.w, "\r"+p.Line()+"\x1b[K\n")
				return
			}
		}
	}()
}

// Started counts one domain whose collection starts.
func (p *Progress) Started() { p.started.Add(1) }

// Done counts one stored domain.
func (p *Progress) Done(failed bool) {
	p.done.Add(1)
	if failed {
		p.errors.Add(1)
	}
}

// Stop ends reporting.
func (p *Progress) Stop() {
	if p.stop == nil {
		return
	}
	close(p.stop)
	p.finished.Wait()
}

// Line is the progress line.
func (p *Progress) Line() string {
	el := time.Since(p.start).Seconds()
	done := p.done.Load()
	rate, qps := 0.0, 0.0
	if el > 0 {
		rate = float64(done) / el
		qps = float64(p.client.Sent()-p.sent0) / el
	}
	eta := "?"
	if rate > 0 && p.total > done {
		eta = (time.Duration(float64(p.total-done)/rate) * time.Second).Round(time.Second).String()
	} else if p.total <= done {
		eta = "0s"
	}
	pct := 0.0
	if p.total > 0 {
		pct = 100 * float64(done) / float64(p.total)
	}
	return fmt.Sprintf("%d/%d stored (%.1f%%), %d started, %d in flight, %.1f domains/s %.0f queries/s ETA %s errors %d",
		done, p.total, pct, p.started.Load(), max(0, p.started.Load()-done), rate, qps, eta, p.errors.Load())
}

// Metrics are the scan's Prometheus metrics (bounded labels only: never a
// domain or an address).
type Metrics struct {
	started  prometheus.Counter
	domains  prometheus.Counter
	errors   prometheus.Counter
	findings *prometheus.CounterVec
	inFlight prometheus.Gauge
}

// NewMetrics registers the scan metrics, and a queries counter read from
// c, in reg.
func NewMetrics(reg prometheus.Registerer, c sender) *Metrics {
	m := &Metrics{
		started: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dnsobs_scan_domains_started_total", Help: "Domains whose collection has started (dnsobs_scan_domains_total counts those stored).",
		}),
		domains: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dnsobs_scan_domains_total", Help: "Domains checked and stored.",
		}),
		errors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dnsobs_scan_domain_errors_total", Help: "Domains whose collection reported an error.",
		}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dnsobs_scan_findings_total", Help: "Findings by severity.",
		}, []string{"severity"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "dnsobs_scan_domains_in_flight", Help: "Domains being collected now.",
		}),
	}
	queries := prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "dnsobs_transport_queries_total", Help: "DNS queries put on the wire, retries included.",
	}, func() float64 { return float64(c.Sent()) })
	reg.MustRegister(m.started, m.domains, m.errors, m.findings, m.inFlight, queries)
	return m
}

// start counts a domain whose collection starts.
func (m *Metrics) start() {
	m.started.Inc()
	m.inFlight.Inc()
}

// observe counts a stored domain.
func (m *Metrics) observe(r *report.Report) {
	m.domains.Inc()
	if r.Error != "" {
		m.errors.Inc()
	}
	for _, f := range r.Findings {
		m.findings.WithLabelValues(f.Severity.String()).Inc()
	}
}
