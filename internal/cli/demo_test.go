package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// The LAC demo on a small world: two runs stored a simulated month apart,
// with trends, before the dashboard is served (a stand-in server here);
// a second demo in the same store replaces the first one's runs.
func TestDemoLAC(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "demo.db")
	var served []store.Run
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Serve: func(ctx context.Context, cfg ServeConfig) error {
		runs, err := cfg.Store.ListRuns(ctx)
		if err != nil {
			return err
		}
		served = runs
		// The dashboard's on-demand check measures the demo's world: cl.
		// exists there, this name under it does not.
		if cfg.Check == nil {
			t.Error("the demo's dashboard has no on-demand check")
		} else if b, err := cfg.Check(ctx, "not-registered-demo.cl."); err != nil || !bytes.Contains(b, []byte(`"DOMAIN_NOT_DELEGATED"`)) {
			t.Errorf("on-demand check of an unregistered .cl name: %v %.300s", err, b)
		}
		if cfg.Addr != "127.0.0.1:18080" || !cfg.Lab {
			t.Errorf("serve config %+v", cfg)
		}
		cfg.Ready("http://" + cfg.Addr + "/")
		return nil
	}}
	for range 2 {
		out.Reset()
		code := Run(context.Background(), env, []string{"demo", "--domains", "200", "--addr", "127.0.0.1:18080", "--store", db})
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if last := lines[len(lines)-1]; last != "serving on http://127.0.0.1:18080/" {
		t.Errorf("last line %q, want the serving line:\n%s", last, out.String())
	}
	if !strings.Contains(out.String(), "Replaced 2 runs of an earlier demo") {
		t.Errorf("the second demo did not replace the first one's runs:\n%s", out.String())
	}
	if len(served) != 2 || served[0].Status != store.RunDone || served[1].Status != store.RunDone {
		t.Fatalf("runs when serving: %+v, want two done", served)
	}
	a, b := served[0], served[1]
	if a.ID > b.ID {
		a, b = b, a
	}
	if d := b.StartedAt.Sub(a.StartedAt); d != lacMonth {
		t.Errorf("runs started %v apart, want %v", d, lacMonth)
	}
	for _, r := range []store.Run{a, b} { // each ends on the world's clock, minutes after it started at most
		if r.FinishedAt == nil || r.FinishedAt.Before(r.StartedAt) || r.FinishedAt.Sub(r.StartedAt) > 10*time.Minute {
			t.Errorf("run %d: started %v, finished %v", r.ID, r.StartedAt, r.FinishedAt)
		}
	}

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if prev, ok, err := st.PreviousRun(context.Background(), b.ID); err != nil || !ok || prev.ID != a.ID {
		t.Errorf("previous run of %d: %d %v %v, want %d", b.ID, prev.ID, ok, err, a.ID)
	}
	var res [2]indicators.Result
	for i, r := range []store.Run{a, b} {
		rows, err := exportRows(context.Background(), st, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		res[i] = indicators.Compute(rows, indicators.Region)
		if cl := indicators.Compute(rows, indicators.Scope{Kind: "country", Value: "CL"}); cl.Domains == 0 {
			t.Errorf("run %d: no .cl domain", r.ID)
		}
	}
	t.Logf("month 0 %+v\nmonth 1 %+v", res[0], res[1])
	count := func(r indicators.Result, pct float64) int { return int(pct*float64(r.Domains)/100 + 0.5) }
	if res[1].Domains <= res[0].Domains ||
		count(res[1], res[1].DNSSECSignedPct) <= count(res[0], res[0].DNSSECSignedPct) ||
		count(res[1], res[1].IPv6ReadyPct) <= count(res[0], res[0].IPv6ReadyPct) {
		t.Errorf("no growth in a month: %+v → %+v", res[0], res[1])
	}
	if res[0].DNSSECValidPct >= res[0].DNSSECSignedPct {
		t.Errorf("month 0: no bogus domain (valid %v%%, signed %v%%)", res[0].DNSSECValidPct, res[0].DNSSECSignedPct)
	}
	changed := false
	for _, id := range []string{"NS_LAME", "NS_RECURSIVE", "NS_AXFR_OPEN", "NS_UNREACHABLE"} {
		changed = changed || res[0].Findings[id] != res[1].Findings[id]
	}
	if !changed {
		t.Errorf("faults did not change in a month: %v → %v", res[0].Findings, res[1].Findings)
	}
}
