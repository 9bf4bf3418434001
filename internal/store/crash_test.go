package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

const (
	crashEnvDSN    = "DNSOBS_STORE_CRASH_DSN"
	crashEnvRun    = "DNSOBS_STORE_CRASH_RUN"
	crashEnvFinish = "DNSOBS_STORE_CRASH_FINISH"
	crashInput     = 200
	crashBatch     = 10
)

// childStore opens the store a crash test's child works on, named by the
// environment variable env, or skips the test when it is not set (the
// child runs only when its parent test starts it).
func childStore(t *testing.T, env, parent string) Store {
	t.Helper()
	dsn := os.Getenv(env)
	if dsn == "" {
		t.Skip("the child of the " + parent)
	}
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestCrashChild is the child of the crash-safety test: it saves results
// in a loop until it is killed. Without the environment it does nothing.
func TestCrashChild(t *testing.T) {
	s := childStore(t, crashEnvDSN, "crash-safety test (TestStore/*/crash_safety)")
	runID, err := strconv.ParseInt(os.Getenv(crashEnvRun), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	names := fixtureNames(crashInput)
	// Save half the input fresh, then re-save that half forever with
	// different findings each round: a torn write would show as rows
	// that disagree with the stored report.
	for round := 0; ; round++ {
		lo := (round * crashBatch) % (crashInput / 2)
		batch := names[lo : lo+crashBatch]
		if err := s.SaveResults(ctx, runID, fixtureResults(batch, round)); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("saved %d\n", round)
	}
}

func testCrash(t *testing.T, dsn string) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	ctx := context.Background()
	s := openTest(t, dsn)
	names := fixtureNames(crashInput)
	r := newRun(t, s, names, nil)

	// Kill it once it is re-saving (after 13 batches: 10 fresh, 3 again).
	killAfter(t, "TestCrashChild", []string{crashEnvDSN + "=" + dsn, crashEnvRun + "=" + strconv.FormatInt(r.ID, 10)}, 13, "batches")

	// A fresh open after the kill: the database is whole.
	s.Close()
	s = openTest(t, dsn)
	if s.d == sqliteDialect {
		var res string
		if err := s.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
			t.Fatalf("integrity_check = %q, %v", res, err)
		}
	}
	done := checkConsistent(t, s, r.ID)
	pending := pendingNames(t, s, r.ID)
	if done+len(pending) != crashInput {
		t.Errorf("done %d + pending %d != input %d", done, len(pending), crashInput)
	}
	if done != crashInput/2 {
		t.Errorf("done %d, want %d (the child saved the first half, then re-saved it)", done, crashInput/2)
	}
	run, err := s.GetRun(ctx, r.ID)
	if err != nil || run.Done != int64(done) {
		t.Errorf("run = %+v, %v", run, err)
	}
}

// TestFinishChild is the child of the finish crash test: it creates, fills
// and finishes runs in a loop, saying "finishing" just before each
// FinishRun, until it is killed. Without the environment it does nothing.
func TestFinishChild(t *testing.T) {
	s := childStore(t, crashEnvFinish, "finish crash test (TestStore/*/killed_while_finishing)")
	ctx := context.Background()
	names := fixtureNames(60)
	for round := 0; ; round++ {
		r := newRun(t, s, names, nil)
		if err := s.SaveResults(ctx, r.ID, fixtureResults(names, round)); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("finishing %d\n", r.ID)
		if _, err := s.FinishRun(ctx, r.ID, int64(round)); err != nil {
			t.Fatal(err)
		}
	}
}

// testFinishCrash kills a process with SIGKILL just as it finishes a run
// (a scan's end), several times, and checks that no run is done without
// its aggregates: before FinishRun, 3 kills in 20 left one.
func testFinishCrash(t *testing.T, dsn string) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	ctx := context.Background()
	for kill := range 5 {
		// Kill it as it starts its (kill+1)th FinishRun.
		killAfter(t, "TestFinishChild", []string{crashEnvFinish + "=" + dsn}, kill+1, "finished runs")
	}
	s := openTest(t, dsn)
	runs, err := s.ListRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	done := 0
	for _, r := range runs {
		if r.Status != RunDone {
			continue
		}
		done++
		if n := count(t, s, "aggregates", r.ID); n == 0 || r.FinishedAt == nil {
			t.Errorf("run %d is done with %d aggregates, finished at %v", r.ID, n, r.FinishedAt)
		}
	}
	t.Logf("%d runs after 5 kills, %d of them done", len(runs), done)
}

// limitedBuffer keeps the first 64 KiB written to it.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 64<<10 - len(l.b); room > 0 {
		l.b = append(l.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string { return string(l.b) }

// killAfter runs the test binary's child test with env, reads n lines of
// its output (one per step it announces), kills it with SIGKILL and waits
// for it. It fails when the child stopped before n steps or died of
// anything but the kill.
func killAfter(t *testing.T, test string, env []string, n int, steps string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	seen := 0
	for seen < n && sc.Scan() {
		seen++
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() {
	}
	werr := cmd.Wait()
	if seen < n {
		t.Fatalf("child stopped after %d %s, before %d: %v\n%s", seen, steps, n, werr, stderr.String())
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child was not killed by SIGKILL: %v", werr)
	}
}

const crashEnvLoad = "DNSOBS_STORE_CRASH_LOAD"

// TestLoadChild is the child of the loading crash test: it creates a run
// in state loading, as scan.Load does, and adds input batches of 2000
// names to it forever, saying "added N" after each, until it is killed.
// Without the environment it does nothing.
func TestLoadChild(t *testing.T) {
	s := childStore(t, crashEnvLoad, "loading crash test (TestStore/*/killed_while_loading)")
	ctx := context.Background()
	r, err := s.CreateRun(ctx, Run{Input: "big.txt", Vantage: "test", Status: RunLoading})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("run %d\n", r.ID)
	pos := int64(0)
	for batch := 0; ; batch++ {
		in := make([]InputDomain, 2000)
		for i := range in {
			pos++
			in[i] = InputDomain{Pos: pos, Line: int(pos), Name: fmt.Sprintf("d%d.example.", pos)}
		}
		if err := s.AddInput(ctx, r.ID, in, nil); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("added %d\n", batch)
	}
}

// testLoadCrash kills a process with SIGKILL while it loads a large input
// into a run (state loading), and checks that the next SweepLoading
// deletes that run, input rows and all, at once (its loader is gone),
// while it keeps a run this live process is loading, and deletes a
// loading run from another host only once its heartbeat is stale.
func testLoadCrash(t *testing.T, dsn string) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	ctx := context.Background()
	s := openTest(t, dsn)
	done := newRun(t, s, fixtureNames(3), nil) // a run that must survive
	live, err := s.CreateRun(ctx, Run{Input: "live.txt", Vantage: "test", Status: RunLoading})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddInput(ctx, live.ID, []InputDomain{{Pos: 1, Line: 1, Name: "a.example."}}, nil); err != nil {
		t.Fatal(err)
	}
	// Another host's load, last heard of an hour ago.
	other, err := s.CreateRun(ctx, Run{Input: "other.txt", Vantage: "test", Status: RunLoading})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, s.d.q(`UPDATE runs SET loader = ?, heartbeat = ? WHERE id = ?`),
		"elsewhere.example bootid 0 1 1", s.d.timeArg(time.Now().Add(-time.Hour)), other.ID); err != nil {
		t.Fatal(err)
	}

	// Kill the loader after 1 (run) + 5 (batches) lines: 10,000 names in.
	killAfter(t, "TestLoadChild", []string{crashEnvLoad + "=" + dsn}, 6, "lines")
	s.Close()
	s = openTest(t, dsn)
	runs, err := s.ListRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var killed Run
	for _, r := range runs {
		if r.Input == "big.txt" {
			killed = r
		}
	}
	if killed.ID == 0 || killed.Status != RunLoading || killed.Domains < 10000 {
		t.Fatalf("the killed load's run: %+v (in %+v)", killed, runs)
	}

	// A day's staleness: only the dead process's run goes.
	ids, err := s.SweepLoading(ctx, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != killed.ID {
		t.Errorf("SweepLoading deleted %v, want [%d] (the killed load's run)", ids, killed.ID)
	}
	if n := count(t, s, "run_input", killed.ID); n != 0 {
		t.Errorf("%d input rows of the killed load's run remain", n)
	}
	// Within a minute's staleness, the other host's run goes too.
	ids, err = s.SweepLoading(ctx, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != other.ID {
		t.Errorf("SweepLoading(1m) deleted %v, want [%d] (the other host's stale run)", ids, other.ID)
	}
	runs, err = s.ListRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var left []int64
	for _, r := range runs {
		left = append(left, r.ID)
	}
	if len(runs) != 2 || !slices.Contains(left, done.ID) || !slices.Contains(left, live.ID) {
		t.Errorf("runs left %v, want the done run %d and this process's loading run %d", left, done.ID, live.ID)
	}
}
