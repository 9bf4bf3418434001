// Package labcheck runs the whole checker (collection, analysis, report)
// against a lab world in memory: the demo, the benchmarks and the lab tests
// share it. Nothing leaves the process.
package labcheck

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"sync"
	"time"

	"github.com/miekg/dns"

	_ "github.com/lac-dns-observatory/dnsobs/internal/check/all" // the check catalog
	"github.com/lac-dns-observatory/dnsobs/internal/collect"
	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/measure"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// Runner checks domains of one lab world.
type Runner struct {
	World     *engine.World
	Client    *transport.Client
	Collector *collect.Collector
	Anchors   []dns.RR
	stack     *measure.Stack
	dir       string
}

// Options of New.
type Options struct {
	Exchanger transport.Exchanger // default: the world itself, in memory
	Port      uint16              // with a socket exchanger: the lab port
	Timeout   time.Duration       // per query attempt [1s]
	// Scan collects as a scan does: server-level probes, upper zones' keys
	// and NS addresses measured once and shared by every domain.
	Scan bool
}

// New builds a runner over w with measure.New: lab policy, the world's
// hints and trust anchor, and MMDB files written from the world's networks
// into a temporary directory (removed by Close).
func New(w *engine.World, o Options) (*Runner, error) {
	hints, err := resolver.ParseHints(w.Hints(), "lab hints")
	if err != nil {
		return nil, err
	}
	// A world with an unsigned root has no trust anchor: DNSSEC is then
	// indeterminate, and the zone-level checks still run.
	var anchors []dns.RR
	if ta := w.TrustAnchor(); ta != "" {
		if anchors, err = resolver.ParseTrustAnchor(ta, "lab trust anchor"); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp("", "dnsobs-lab-geo-")
	if err != nil {
		return nil, err
	}
	asn, country, err := geo.WriteDatabases(dir, w.Networks())
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	ex := o.Exchanger
	if ex == nil {
		ex = w
	}
	if o.Timeout == 0 {
		o.Timeout = time.Second
	}
	st, err := measure.New(measure.Config{
		Exchanger: ex, Policy: transport.Policy{Lab: true}, Hints: hints, Anchors: anchors,
		Options: transport.Options{Timeout: o.Timeout, Port: o.Port, ServerConcurrency: 16},
		GeoASN:  asn, GeoCountry: country, Scan: o.Scan,
	})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Runner{World: w, Client: st.Client, Collector: st.Collector, Anchors: anchors, stack: st, dir: dir}, nil
}

// Close removes the runner's temporary files.
func (r *Runner) Close() error {
	err := r.stack.Close()
	os.RemoveAll(r.dir)
	return err
}

// Check checks one domain and builds its report (English, evaluated at the
// collection time).
func (r *Runner) Check(ctx context.Context, domain string) *report.Report {
	d := r.Collector.Domain(ctx, domain, nil)
	return report.Build(d, report.Options{Anchors: r.Anchors, Lang: "en"})
}

// CheckAll checks domains with parallel workers and returns the reports in
// the order of domains.
func (r *Runner) CheckAll(ctx context.Context, domains []string, parallel int) []*report.Report {
	if parallel < 1 {
		parallel = 1
	}
	out := make([]*report.Report, len(domains))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = r.Check(ctx, domains[i])
			}
		}()
	}
	for i := range domains {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// ScanSampled are the check IDs that need a probe a scan makes of one
// address of a zone only (internal/scan's sampling), so they fire under
// dnsobs check and never in a scan: NS_SET_INCONSISTENT compares the NS
// sets of every address, and a scan asks the NS set of one.
var ScanSampled = map[string]bool{"NS_SET_INCONSISTENT": true}

// Fired returns the set of check IDs among a report's findings.
func Fired(rep *report.Report) map[string]bool {
	m := map[string]bool{}
	for _, f := range rep.Findings {
		m[f.ID] = true
	}
	return m
}

// Describe is a one-line summary of a report.
func Describe(rep *report.Report) string {
	ids := ""
	for _, f := range rep.Findings {
		ids += " " + f.ID
	}
	status := "-"
	if rep.DNSSEC != nil {
		status = string(rep.DNSSEC.Status)
	}
	return fmt.Sprintf("%-36s dnssec=%-13s queries=%-4d%s", rep.Domain, status, rep.QueriesSent, ids)
}

// Observe collects one domain of w as check does, through ex (nil: w
// itself, in memory), and returns its observations with the world's trust
// anchors: the tests of the DNSSEC validator and checks read lab worlds so.
func Observe(ctx context.Context, w *engine.World, ex transport.Exchanger, domain string) (*observe.Domain, []dns.RR, error) {
	r, err := New(w, Options{Exchanger: ex})
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	return r.Collector.Domain(ctx, domain, nil), r.Anchors, nil
}

// ObserveChain builds c's world as of now and collects worlds.ChainDomain
// through it, each reply first changed by edit when edit is not nil.
func ObserveChain(ctx context.Context, c worlds.Chain, now time.Time, edit func(w *engine.World, addr netip.Addr, q dns.Question, m *dns.Msg)) (*observe.Domain, []dns.RR, error) {
	w, err := c.Build(now)
	if err != nil {
		return nil, nil, err
	}
	ex := &engine.Tampered{World: w}
	if edit != nil {
		ex.Edit = func(addr netip.Addr, q dns.Question, m *dns.Msg) { edit(w, addr, q, m) }
	}
	d, anchors, err := Observe(ctx, w, ex, worlds.ChainDomain)
	if err == nil && d.Error != "" {
		err = fmt.Errorf("labcheck: collect %s: %s", worlds.ChainDomain, d.Error)
	}
	return d, anchors, err
}
