package scan

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// failingStore fails every SaveBatch (what a scan stores with).
type failingStore struct {
	store.Store
	saves int
}

func (f *failingStore) SaveBatch(ctx context.Context, id int64, rs []store.Result, queries int64) error {
	f.saves++
	if f.saves > 0 {
		return errors.New("disk full")
	}
	return f.Store.SaveBatch(ctx, id, rs, queries)
}

// asked records the names asked about, over a lab world.
type asked struct {
	transport.Exchanger
	mu    sync.Mutex
	names map[string]bool
}

func (a *asked) note(req []byte) {
	m := new(dns.Msg)
	if m.Unpack(req) == nil && len(m.Question) == 1 {
		a.mu.Lock()
		a.names[strings.ToLower(m.Question[0].Name)] = true
		a.mu.Unlock()
	}
}

func (a *asked) Exchange(ctx context.Context, s netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	a.note(req)
	return a.Exchanger.Exchange(ctx, s, t, req)
}

func (a *asked) Stream(ctx context.Context, s netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	a.note(req)
	return a.Exchanger.Stream(ctx, s, req, max, done)
}

// count is how many of names were asked about.
func (a *asked) count(names []string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, name := range names {
		if a.names[dns.Fqdn(strings.ToLower(name))] {
			n++
		}
	}
	return n
}

func setup(t *testing.T) (*Config, []string) {
	cfg, names, _ := setupAsked(t)
	return cfg, names
}

// setupAt is setup with the store's database s.db in dir.
func setupAt(t *testing.T, dir string) (*Config, []string) {
	cfg, names, _ := setupIn(t, dir)
	return cfg, names
}

// setupAsked is setup with a record of the names asked about.
func setupAsked(t *testing.T) (*Config, []string, *asked) {
	return setupIn(t, t.TempDir())
}

func setupIn(t *testing.T, dir string) (*Config, []string, *asked) {
	t.Helper()
	w, err := worlds.Default(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	a := &asked{Exchanger: w, names: map[string]bool{}}
	r, err := labcheck.New(w, labcheck.Options{Scan: true, Exchanger: a})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(dir, "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var names []string
	for _, s := range w.Scenarios() {
		if s.Input() { // a name dnsobs refuses as input is for labcheck only
			names = append(names, s.Domain)
		}
	}
	return &Config{Collector: r.Collector, Client: r.Client, Anchors: r.Anchors, Store: st, Parallel: 4}, names, a
}

// failingWriter fails every write after the first ok ones.
type failingWriter struct{ ok, writes int }

func (w *failingWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes > w.ok {
		return 0, errors.New("no space left on device")
	}
	return len(p), nil
}

// A JSON Lines write error stops the run as a store error does: it ends
// interrupted and resumable, instead of probing every remaining domain and
// throwing its result away.
func TestRunStopsWhenJSONLFails(t *testing.T) {
	cfg, names, asked := setupAsked(t)
	cfg.Parallel, cfg.Batch = 1, 2
	w := &failingWriter{ok: 2}
	cfg.JSONL = w
	run, _, err := Load(context.Background(), cfg, store.Run{Input: "test"}, strings.NewReader(strings.Join(names, "\n")), FormatList)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), cfg, run.ID)
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("err = %v, want the write error", err)
	}
	r, gerr := cfg.Store.GetRun(context.Background(), run.ID)
	if gerr != nil {
		t.Fatal(gerr)
	}
	// Stopped at the failing batch: the two saved before it, the failing
	// one, and at most what was in flight (one worker, channels of one).
	if r.Status != store.RunInterrupted || r.Done > 8 || sum.Domains != r.Done {
		t.Errorf("after a failed write: run %+v, summary %+v; want interrupted with at most 8 of %d domains", r, sum, len(names))
	}
	// Nor were the others probed.
	if n := asked.count(names); n > 8 {
		t.Errorf("%d of %d domains probed after the write error stopped the run, want at most 8", n, len(names))
	}
	// Resumed with a working writer, it completes.
	cfg.JSONL = io.Discard
	if _, err := Run(context.Background(), cfg, run.ID); err != nil {
		t.Fatal(err)
	}
	if r, _ := cfg.Store.GetRun(context.Background(), run.ID); r.Done != int64(len(names)) || r.Status != store.RunDone {
		t.Errorf("after resume: %+v", r)
	}
}

// A store that fails stops the run, which ends interrupted and resumable,
// instead of scanning on and holding every result in memory.
func TestRunStopsWhenStoringFails(t *testing.T) {
	cfg, names := setup(t)
	good := cfg.Store
	cfg.Store = &failingStore{Store: good}
	run, _, err := Load(context.Background(), cfg, store.Run{Input: "test"}, strings.NewReader(strings.Join(names, "\n")), FormatList)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var sum Summary
	go func() {
		sum, err = Run(context.Background(), cfg, run.ID)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the run did not stop")
	}
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the store's error", err)
	}
	r, gerr := good.GetRun(context.Background(), run.ID)
	if gerr != nil {
		t.Fatal(gerr)
	}
	if r.Status != store.RunInterrupted || r.Done != 0 || sum.Domains != 0 {
		t.Errorf("run %+v after a failed save (summary %+v)", r, sum)
	}
	// Resumed with a working store, it completes.
	cfg.Store = good
	if _, err := Run(context.Background(), cfg, run.ID); err != nil {
		t.Fatal(err)
	}
	if r, _ := good.GetRun(context.Background(), run.ID); r.Done != int64(len(names)) || r.Status != store.RunDone {
		t.Errorf("after resume: %+v", r)
	}
}

// A run whose aggregates cannot be saved is not done: a failure (or a
// kill) between marking it done and saving its aggregates used to leave a
// done run without them. Here the store fails half-way through the
// aggregates (a trigger refuses the top_asn rows).
func TestRunNotDoneWithoutAggregates(t *testing.T) {
	dir := t.TempDir()
	cfg, names := setupAt(t, dir)
	run, _, err := Load(context.Background(), cfg, store.Run{Input: "test"}, strings.NewReader(strings.Join(names, "\n")), FormatList)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "s.db")+"?_busy_timeout=30000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER fail_top_asn BEFORE INSERT ON aggregates WHEN NEW.metric = 'top_asn'
BEGIN SELECT RAISE(ABORT, 'injected failure'); END`); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), cfg, run.ID); err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("err = %v, want the aggregates' failure", err)
	}
	ctx := context.Background()
	r, err := cfg.Store.GetRun(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	aggs, err := cfg.Store.Aggregates(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status == store.RunDone || r.FinishedAt != nil || len(aggs) != 0 {
		t.Fatalf("after the aggregates failed: run %+v with %d aggregates; want it not done, none stored", r, len(aggs))
	}
	// Resumed once the store works, it is done with its aggregates.
	if _, err := db.Exec(`DROP TRIGGER fail_top_asn`); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, cfg, run.ID); err != nil {
		t.Fatal(err)
	}
	r, _ = cfg.Store.GetRun(ctx, run.ID)
	aggs, _ = cfg.Store.Aggregates(ctx, run.ID)
	if r.Status != store.RunDone || len(aggs) == 0 {
		t.Errorf("after resume: run %+v with %d aggregates", r, len(aggs))
	}
}
