package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/sockets"
	"github.com/lac-dns-observatory/dnsobs/internal/logging"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/scan"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// scanInput writes the lab's scenario domains, plus bad lines, to a file.
func scanInput(t *testing.T, extra string) (string, int) {
	t.Helper()
	w, _ := labFiles(t)
	var b strings.Builder
	b.WriteString("# lab scenarios\n")
	n := 0
	for _, s := range w.Scenarios() {
		if !s.Input() {
			continue // a name dnsobs refuses as input (engine.Scenario.Input)
		}
		b.WriteString(s.Domain + "\n")
		n++
	}
	b.WriteString(extra)
	p := filepath.Join(t.TempDir(), "domains.txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, n
}

func TestScanStoresEveryDomainAndReportsBadLines(t *testing.T) {
	input, n := scanInput(t, "bad..name\nHEALTHY-SIGNED.TEST.  ; again\n\n; comment only\n")
	db := "sqlite:" + filepath.Join(t.TempDir(), "obs.db")
	jsonl := filepath.Join(t.TempDir(), "out.jsonl")
	code, _, stderr := run(t, append([]string{"scan", "--input", input, "--store", db, "--jsonl", jsonl, "--parallel", "8"}, labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	wantLines := []string{
		"input line " + strconv.Itoa(n+2) + ": invalid:",
		"input line " + strconv.Itoa(n+3) + ": duplicate of line ",
		"scanned " + strconv.Itoa(n) + " domains",
		"queries per domain: ",
	}
	for _, w := range wantLines {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	b, err := os.ReadFile(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != n {
		t.Errorf("%d JSON lines, want %d", len(lines), n)
	}
	var first struct {
		Domain   string `json:"domain"`
		Findings []any  `json:"findings"`
		DNSSEC   struct{ Status string }
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.Domain == "" || first.DNSSEC.Status == "" {
		t.Errorf("a JSON line is not a report: %v %s", err, lines[0])
	}
	// stats and export read the same run.
	code, out, _ := run(t, "stats", "latest", "--store", db, "--json")
	if code != ExitOK || !strings.Contains(out, `"dnssec_status"`) {
		t.Errorf("stats: exit %d\n%s", code, out)
	}
	for scope, want := range map[string]string{"tld:zz": "--scope tld:zz is not in run 1 (its scopes: all, ", "country:ZZ": "is not in run 1", "region:x": "unknown --scope \"region:x\""} {
		if code, _, stderr := run(t, "stats", "latest", "--store", db, "--scope", scope); code != ExitUsage || !strings.Contains(stderr, want) {
			t.Errorf("stats --scope %s: exit %d, %q; want %d saying %q", scope, code, stderr, ExitUsage, want)
		}
	}
	// The stored reports are the --jsonl ones (the scan hands the store the
	// JSON it wrote rather than encoding each report twice).
	// The export adds each domain's tld and country (null: .test is no ccTLD).
	code, out, _ = run(t, "export", "1", "--store", db, "--format", "jsonl")
	exported := strings.Split(strings.TrimSpace(out), "\n")
	slices.Sort(exported)
	var placed []string
	for _, l := range lines {
		var r struct{ Domain string }
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		placed = append(placed, string(store.JSONLRecord([]byte(l), dnsname.TLD(r.Domain), dnsname.Country(dnsname.TLD(r.Domain)))))
	}
	slices.Sort(placed)
	if code != ExitOK || !slices.Equal(exported, placed) || !strings.Contains(exported[0], `"tld":"test","country":null}`) {
		t.Errorf("export jsonl (exit %d) differs from the --jsonl output:\n%s\n---\n%s", code, out, b)
	}
	code, out, _ = run(t, "export", "1", "--store", db, "--format", "csv")
	if code != ExitOK || strings.Count(out, "\n") != n+1 {
		t.Errorf("export csv: exit %d, %d lines, want %d", code, strings.Count(out, "\n"), n+1)
	}
	code, out, _ = run(t, "reanalyze", "1", "--store", db, "--trust-anchor", labArgs(t)[4])
	if code != ExitOK || !strings.Contains(out, "reanalyzed "+strconv.Itoa(n)) {
		t.Errorf("reanalyze: exit %d: %s", code, out)
	}
	// A done run cannot be resumed; an unknown one is bad input.
	if code, _, stderr := run(t, append([]string{"scan", "--resume", "1", "--store", db}, labArgs(t)...)...); code != ExitUsage {
		t.Errorf("resume of a done run: exit %d (%s)", code, stderr)
	}
	if code, _, _ := run(t, "stats", "99", "--store", db); code != ExitUsage {
		t.Errorf("stats of a missing run: exit %d", code)
	}
}

func TestScanUsage(t *testing.T) {
	for _, args := range [][]string{
		{"scan"},
		{"scan", "--input", "a", "--resume", "1"},
		{"scan", "--input", "/nonexistent"},
		{"scan", "--input", "-", "--format", "xml"},
		{"scan", "--input", "-", "--store", "mysql://x"},
		{"export", "1", "--format", "xls"},
		{"stats"},
		{"stats", "x"},
	} {
		if code, _, stderr := run(t, args...); code != ExitUsage {
			t.Errorf("%v: exit %d (%s)", args, code, stderr)
		}
	}
}

// freePort finds a port free on 127.53.0.1 for both UDP and TCP.
func freePort(t *testing.T) int {
	t.Helper()
	for i := 0; i < 20; i++ {
		l, err := net.Listen("tcp", "127.53.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if pc, err := net.ListenPacket("udp", "127.53.0.1:"+strconv.Itoa(port)); err == nil {
			pc.Close()
			return port
		}
	}
	t.Fatal("no free port")
	return 0
}

// TestScanResumeAfterKill kills a scan with SIGKILL mid-run, resumes it and
// checks that every input domain has exactly one stored result. The child
// cannot finish before it is killed: it never gets an answer about the
// last domain (heldExchanger), so the kill always lands mid-run, however
// fast the child and slow the polling.
func TestScanResumeAfterKill(t *testing.T) {
	if os.Getenv(scanChildEnv) != "" {
		t.Skip("the child runs in TestMain")
	}
	w, _ := labFiles(t)
	port := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l, err := sockets.Serve(ctx, w, port)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	input, n := scanInput(t, "")
	var scenarios []engine.Scenario // the ones scanInput wrote
	for _, s := range w.Scenarios() {
		if s.Input() {
			scenarios = append(scenarios, s)
		}
	}
	held := scenarios[len(scenarios)-1].Domain
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "obs.db")
	args := append([]string{"scan", "--input", input, "--store", db, "--parallel", "2", "--lab-port", strconv.Itoa(port)}, labArgs(t)...)

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), scanChildEnv+"="+strings.Join(args, "\x1f"),
		scanChildHoldEnv+"="+held+" "+strconv.Itoa(port))
	var childErr bytes.Buffer
	child.Stderr = &childErr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once some results are stored (it cannot store them all).
	st, err := store.Open(ctx, db)
	deadline := time.Now().Add(60 * time.Second)
	killedAt := int64(-1)
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		if err != nil {
			st, err = store.Open(ctx, db)
			continue
		}
		r, gerr := st.GetRun(ctx, 0)
		if gerr == nil && r.Done >= 3 {
			_ = child.Process.Signal(syscall.SIGKILL)
			killedAt = r.Done
			break
		}
	}
	if killedAt < 0 {
		_ = child.Process.Signal(syscall.SIGKILL)
	}
	_ = child.Wait()
	if st != nil {
		st.Close()
	}
	if killedAt < 0 {
		t.Fatalf("the child stored nothing in time: %s", childErr.String())
	}
	if ws, ok := child.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child ended before it was killed (%v): %s", child.ProcessState, childErr.String())
	}
	if killedAt >= int64(n) {
		t.Fatalf("the child stored %d/%d domains, the held one too", killedAt, n)
	}
	// The queries of the stored batches survived the kill with them.
	killed := getRun(t, db)
	if killed.QueriesSent <= 0 {
		t.Errorf("after kill -9 with %d domains stored, the run counts %d queries", killed.Done, killed.QueriesSent)
	}

	// Resumed with its own flags again (equal: accepted); the count adds up.
	code, _, stderr := run(t, append([]string{"scan", "--resume", "1"}, args[3:]...)...)
	if code != ExitOK {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	if after, q := getRun(t, db), resumedQueries(t, stderr); q == 0 || after.QueriesSent < killed.QueriesSent+q {
		t.Errorf("queries: %d stored at the kill, %d resumed, %d after; want at least the sum", killed.QueriesSent, q, after.QueriesSent)
	}
	code, out, _ := run(t, "export", "1", "--store", db, "--format", "jsonl")
	if code != ExitOK {
		t.Fatalf("export: exit %d", code)
	}
	seen := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct{ Domain string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		seen[r.Domain]++
	}
	for _, s := range scenarios {
		if seen[s.Domain] != 1 {
			t.Errorf("%s stored %d times, want once", s.Domain, seen[s.Domain])
		}
	}
	if len(seen) != n {
		t.Errorf("%d domains stored, want %d", len(seen), n)
	}
	t.Logf("killed after %d of %d domains; resumed and completed", killedAt, n)
}

// The child of TestScanResumeAfterKill: its arguments, separated by \x1f,
// and "DOMAIN PORT": the domain never answered and the lab's port.
const (
	scanChildEnv     = "DNSOBS_SCAN_CHILD"
	scanChildHoldEnv = "DNSOBS_SCAN_CHILD_HOLD"
)

// heldExchanger sends queries over sockets, but one about the held name
// never returns: the domain is never done, nor the run.
type heldExchanger struct {
	*transport.Net
	held string
}

func (h heldExchanger) holds(req []byte) bool {
	m := new(dns.Msg)
	return m.Unpack(req) == nil && len(m.Question) == 1 && strings.EqualFold(m.Question[0].Name, h.held)
}

func (h heldExchanger) Exchange(ctx context.Context, s netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	if h.holds(req) {
		select {} // until the process is killed
	}
	return h.Net.Exchange(ctx, s, t, req)
}

func (h heldExchanger) Stream(ctx context.Context, s netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	if h.holds(req) {
		select {}
	}
	return h.Net.Stream(ctx, s, req, max, done)
}

// scanChild runs the child's scan, over sockets, holding the name
// DNSOBS_SCAN_CHILD_HOLD gives.
func scanChild(args string) int {
	env := &Env{Stdin: os.Stdin, Stdout: io.Discard, Stderr: os.Stderr}
	if hold := strings.Fields(os.Getenv(scanChildHoldEnv)); len(hold) == 2 {
		port, err := strconv.ParseUint(hold[1], 10, 16)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return ExitUsage
		}
		env.Exchanger = heldExchanger{Net: &transport.Net{Policy: transport.Policy{Lab: true}, Port: uint16(port)}, held: dns.Fqdn(hold[0])}
	}
	return Run(context.Background(), env, strings.Split(args, "\x1f"))
}

func TestPerDomain(t *testing.T) {
	sent := map[string]int64{"probe.soa_udp": 30, "referral": 10, "x": 5}
	for i := range 10 {
		sent[fmt.Sprintf("p%02d", i)] = 1
	}
	got := perDomain(sent, 10)
	want := "queries per domain: 5.50 = probe.soa_udp 3.00, referral 1.00, x 0.50, p00 0.10, p01 0.10, p02 0.10, p03 0.10, p04 0.10, p05 0.10, p06 0.10, other 0.30"
	if got != want {
		t.Errorf("perDomain:\n got %s\nwant %s", got, want)
	}
	if perDomain(sent, 0) != "" || perDomain(nil, 5) != "" {
		t.Error("perDomain with no domains or no queries is not empty")
	}
}

func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(-1)
	debug.SetGCPercent(before)
	restore := tuneGC()
	if got := debug.SetGCPercent(scanGCPercent); got != scanGCPercent {
		t.Errorf("GC percent during a scan %d, want %d", got, scanGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != scanMemoryLimit {
		t.Errorf("memory limit during a scan %d, want %d", got, scanMemoryLimit)
	}
	restore()
	if got := debug.SetGCPercent(before); got != before {
		t.Errorf("GC percent after the scan %d, want %d restored", got, before)
	}
	// An operator's own setting wins.
	t.Setenv("GOGC", "50")
	tuneGC()()
	if got := debug.SetGCPercent(before); got != before {
		t.Errorf("with GOGC set: GC percent changed to %d", got)
	}
}

func TestStartProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	stop, err := startProfiles(cpu, mem)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	for _, p := range []string{cpu, mem} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := startProfiles(filepath.Join(dir, "no", "such", "dir"), ""); err == nil {
		t.Error("an unwritable --cpuprofile was accepted")
	}
	stop, err = startProfiles("", "")
	if err != nil {
		t.Fatal(err)
	}
	stop()
}

func TestServeMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	scan.NewMetrics(reg, fixedSent(7))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	stop, err := serveMetrics(addr, reg, logging.Discard())
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), "dnsobs_transport_queries_total 7") {
		t.Errorf("metrics:\n%s", b)
	}
	if _, err := serveMetrics(addr, reg, logging.Discard()); err == nil {
		t.Error("a second server on the same address started")
	}
}

type fixedSent int64

func (f fixedSent) Sent() int64 { return int64(f) }

// Logs: at the default level (info, text) a scan writes its start and end
// and nothing per domain; at debug, in JSON, a line per domain; an
// unknown level or format is bad usage.
func TestScanLogs(t *testing.T) {
	w, _ := labFiles(t)
	input, n := scanInput(t, "")
	scanArgs := func(extra ...string) []string {
		db := "sqlite:" + filepath.Join(t.TempDir(), "obs.db")
		return append(append([]string{"scan", "--input", input, "--store", db, "--parallel", "4"}, labArgs(t)...), extra...)
	}

	code, _, stderr := run(t, scanArgs()...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var logLines []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "time=") {
			logLines = append(logLines, l)
		}
	}
	for _, want := range []string{`msg="scan started" component=scan run=1`, `msg="scan finished" component=scan run=1 status=done`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if len(logLines) > 4 {
		t.Errorf("%d log lines at info for %d domains:\n%s", len(logLines), n, strings.Join(logLines, "\n"))
	}
	for _, s := range w.Scenarios() {
		if strings.Contains(stderr, strings.TrimSuffix(s.Domain, ".")) {
			t.Errorf("at info, stderr names the domain %s:\n%s", s.Domain, stderr)
			break
		}
	}

	code, _, stderr = run(t, scanArgs("--log.level", "debug", "--log.format", "json")...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checked := map[string]bool{}
	for _, l := range strings.Split(stderr, "\n") {
		if !strings.HasPrefix(l, "{") {
			continue
		}
		var rec struct {
			Level, Msg, Component, Domain string
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if rec.Component != "scan" {
			t.Errorf("log line without component=scan: %s", l)
		}
		if rec.Msg == "domain checked" && rec.Level == "DEBUG" {
			checked[rec.Domain] = true
		}
	}
	if len(checked) != n {
		t.Errorf("debug logged %d domains, want %d", len(checked), n)
	}

	for _, bad := range [][]string{{"--log.level", "verbose"}, {"--log.format", "xml"}} {
		if code, _, stderr := run(t, scanArgs(bad...)...); code != ExitUsage || !strings.Contains(stderr, bad[0]) {
			t.Errorf("%v: exit %d, %s", bad, code, stderr)
		}
	}
}

// A scan killed (-9) while it loads its input leaves no run in state
// loading: the next command that opens the store (here runs) deletes the
// run, says so, and lists no loading run, and a new scan works.
func TestScanKilledWhileLoading(t *testing.T) {
	if os.Getenv(scanChildEnv) != "" {
		t.Skip("the child runs in TestMain")
	}
	ctx := context.Background()
	db := "sqlite:" + filepath.Join(t.TempDir(), "obs.db")
	args := append([]string{"scan", "--input", "-", "--store", db, "-q"}, labArgs(t)...)
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), scanChildEnv+"="+strings.Join(args, "\x1f"))
	in, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var childErr bytes.Buffer
	child.Stderr = &childErr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// 10,000 names (5 batches), and the input stays open: the load waits.
	var b strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&b, "d%d.example\n", i)
	}
	if _, err := io.WriteString(in, b.String()); err != nil {
		t.Fatal(err)
	}
	var st store.Store
	loaded := false
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline) && !loaded; time.Sleep(50 * time.Millisecond) {
		if st == nil {
			if st, err = store.Open(ctx, db); err != nil {
				st = nil
				continue
			}
		}
		r, err := st.GetRun(ctx, 0)
		loaded = err == nil && r.Status == store.RunLoading && r.Domains >= 4000
	}
	_ = child.Process.Signal(syscall.SIGKILL)
	_ = child.Wait()
	in.Close()
	if st != nil {
		st.Close()
	}
	if !loaded {
		t.Fatalf("the child never had a loading run of 4000 domains:\n%s", childErr.String())
	}

	code, out, stderr := run(t, "runs", "--store", db)
	if code != ExitOK || !strings.Contains(stderr, "deleted run 1, left loading by a load that was killed") {
		t.Errorf("runs after the kill: exit %d, stderr %q", code, stderr)
	}
	if strings.Contains(out, "loading") || strings.Contains(out, "\n1 ") {
		t.Errorf("runs lists the killed load's run:\n%s", out)
	}
	input, n := scanInput(t, "")
	if code, _, stderr := run(t, append([]string{"scan", "--input", input, "--store", db, "-q"}, labArgs(t)...)...); code != ExitOK {
		t.Fatalf("a new scan after the kill: exit %d: %s", code, stderr)
	}
	st, err = store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.ListRuns(ctx)
	if err != nil || len(runs) != 1 || runs[0].Status != store.RunDone || runs[0].Domains != int64(n) {
		t.Errorf("runs after the new scan: %+v, %v", runs, err)
	}
}
