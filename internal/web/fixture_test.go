package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/gen"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/scan"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// The shared fixture: a SQLite store holding two real scans, in memory, of
// a generated lab world under .cl, .ar and .test (a month apart, with
// more faults the second time) and one of the scenario world (one domain
// per check).
var (
	fixtureOnce sync.Once
	fixtureSt   store.Store
	fixtureDir  string
	fixtureErr  error
)

// fixtureNow is when the worlds are signed: now, as the scan validates at collection time.
var fixtureNow = time.Now()

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureSt != nil {
		fixtureSt.Close()
	}
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// scanWorld scans domains of w, in memory, into st as one run.
func scanWorld(ctx context.Context, st store.Store, w *engine.World, domains []string, input string) error {
	r, err := labcheck.New(w, labcheck.Options{Scan: true})
	if err != nil {
		return err
	}
	defer r.Close()
	cfg := &scan.Config{Collector: r.Collector, Client: r.Client, Anchors: r.Anchors, Store: st, Parallel: 16, Lang: "en"}
	run, _, err := scan.Load(ctx, cfg, store.Run{Input: input, Vantage: "test", Parameters: map[string]string{"lab": "true"}},
		strings.NewReader(strings.Join(domains, "\n")+"\n"), scan.FormatList)
	if err != nil {
		return err
	}
	_, err = scan.Run(ctx, cfg, run.ID)
	return err
}

// buildFixture fills st: the generated world twice, then the scenario world.
func buildFixture(ctx context.Context, st store.Store) error {
	for _, o := range []gen.Options{
		{Domains: 90, Seed: 7, Now: fixtureNow, TLDs: []string{"cl.", "ar.", "test."}, SignedFrac: 0.3, LameFrac: 0.05, RecursiveFrac: 0.03, AXFRFrac: 0.04},
		{Domains: 90, Seed: 7, Now: fixtureNow, TLDs: []string{"cl.", "ar.", "test."}, SignedFrac: 0.5, IPv6Frac: 0.5, LameFrac: 0.08, RecursiveFrac: 0.05, AXFRFrac: 0.06},
	} {
		w, domains, err := gen.Generate(o)
		if err != nil {
			return err
		}
		if err := scanWorld(ctx, st, w, domains, "lac world"); err != nil {
			return err
		}
	}
	w, err := worlds.Default(fixtureNow)
	if err != nil {
		return err
	}
	var names []string
	for _, s := range w.Scenarios() {
		names = append(names, s.Domain)
	}
	return scanWorld(ctx, st, w, names, "lab scenarios")
}

// fixtureTempDir makes the fixture's directory, named after this process,
// and removes those of processes that are gone: a fuzzing worker is
// stopped without running TestMain's cleanup.
func fixtureTempDir() (string, error) {
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), "dnsobs-web-test-*"))
	for _, dir := range old {
		pid, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(dir), "dnsobs-web-test-"))
		if err == nil && pid > 0 && errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
			os.RemoveAll(dir)
		}
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("dnsobs-web-test-%d", os.Getpid()))
	return dir, os.MkdirAll(dir, 0o700)
}

func fixtureStore(t testing.TB) store.Store {
	t.Helper()
	fixtureOnce.Do(func() {
		ctx := context.Background()
		if fixtureDir, fixtureErr = fixtureTempDir(); fixtureErr != nil {
			return
		}
		if fixtureSt, fixtureErr = store.Open(ctx, "sqlite:"+filepath.Join(fixtureDir, "obs.db")); fixtureErr != nil {
			return
		}
		fixtureErr = buildFixture(ctx, fixtureSt)
	})
	if fixtureErr != nil {
		t.Fatalf("fixture: %v", fixtureErr)
	}
	return fixtureSt
}

// newTestServer serves a Server over the fixture store on a loopback
// listener.
func newTestServer(t testing.TB, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.Store == nil {
		cfg.Store = fixtureStore(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		ts.Close()
		s.Close()
	})
	return s, ts
}

// get fetches url with optional headers; it returns the status, headers and body.
func get(t testing.TB, url string, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func getJSON(t testing.TB, url string, v any) {
	t.Helper()
	code, _, b := get(t, url)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, code, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v\n%s", url, err, b)
	}
}
