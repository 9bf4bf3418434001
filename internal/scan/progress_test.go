package scan

import (
	"context"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// gate holds every exchange until open is closed.
type gate struct {
	transport.Exchanger
	open chan struct{}
}

func (g *gate) wait(ctx context.Context) error {
	select {
	case <-g.open:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *gate) Exchange(ctx context.Context, s netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	if err := g.wait(ctx); err != nil {
		return nil, transport.ErrTimeout
	}
	return g.Exchanger.Exchange(ctx, s, t, req)
}

func (g *gate) Stream(ctx context.Context, s netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	if err := g.wait(ctx); err != nil {
		return nil, transport.ErrTimeout
	}
	return g.Exchanger.Stream(ctx, s, req, max, done)
}

// A domain counts when its work starts, not only when it is stored: while
// the first domains wait for their servers, before any is stored, the
// started counter and the progress line already show them.
func TestStartedBeforeStored(t *testing.T) {
	cfg, names, a := setupAsked(t)
	g := &gate{Exchanger: a.Exchanger, open: make(chan struct{})}
	a.Exchanger = g
	reg := prometheus.NewRegistry()
	cfg.Metrics = NewMetrics(reg, cfg.Client)
	cfg.Progress = NewProgress(io.Discard)
	run, _, err := Load(context.Background(), cfg, store.Run{Input: "test"}, strings.NewReader(strings.Join(names, "\n")), FormatList)
	if err != nil {
		t.Fatal(err)
	}
	ended := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), cfg, run.ID)
		ended <- err
	}()
	var started float64
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if started = testutil.ToFloat64(cfg.Metrics.started); started >= float64(cfg.Parallel) {
			break
		}
	}
	stored := testutil.ToFloat64(cfg.Metrics.domains)
	line := cfg.Progress.Line()
	t.Logf("before any answer: started %g, stored %g, line %q", started, stored, line)
	if started < float64(cfg.Parallel) || stored != 0 {
		t.Errorf("started %g, stored %g; want %d started and none stored while every exchange waits", started, stored, cfg.Parallel)
	}
	if want := "0/" + strconv.Itoa(len(names)) + " stored (0.0%), " + strconv.Itoa(cfg.Parallel) + " started, " + strconv.Itoa(cfg.Parallel) + " in flight,"; !strings.HasPrefix(line, want) {
		t.Errorf("progress line %q, want it to start %q", line, want)
	}
	close(g.open)
	if err := <-ended; err != nil {
		t.Fatal(err)
	}
	n := float64(len(names))
	if s, d := testutil.ToFloat64(cfg.Metrics.started), testutil.ToFloat64(cfg.Metrics.domains); s != n || d != n {
		t.Errorf("at the end: started %g, stored %g, want %g each", s, d, n)
	}
	if line := cfg.Progress.Line(); !strings.Contains(line, " 0 in flight,") {
		t.Errorf("at the end: %q", line)
	}
}
