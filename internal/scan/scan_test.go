package scan

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// failingStore fails every SaveResults.
type failingStore struct {
	store.Store
	saves int
}

func (f *failingStore) SaveResults(ctx context.Context, id int64, rs []store.Result) error {
	f.saves++
	if f.saves > 0 {
		return errors.New("disk full")
	}
	return f.Store.SaveResults(ctx, id, rs)
}

func setup(t *testing.T) (*Config, []string) {
	t.Helper()
	w, err := worlds.Default(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	r, err := labcheck.New(w, labcheck.Options{Scan: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var names []string
	for _, s := range w.Scenarios() {
		names = append(names, s.Domain)
	}
	return &Config{Collector: r.Collector, Client: r.Client, Anchors: r.Anchors, Store: st, Parallel: 4}, names
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
