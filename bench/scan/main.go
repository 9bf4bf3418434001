// Command scan benchmarks `dnsobs scan` against a generated lab world
// served by real NSD processes on loopback addresses. It generates the
// world (internal/lab/gen), writes it for NSD, starts NSD on port 53 of the
// world's 127.x addresses (and ::1), waits until every server answers,
// measures one busy provider server's capacity with dnsperf, then scans
// every domain and prints domains/s, queries/domain, the query rate
// achieved against the measured capacity and the scanner's peak RSS. It
// prints figures; it never passes or fails on time.
//
//	sudo go run ./bench/scan -domains 100000
//	go run ./bench/scan -domains 1000000 -inmemory   # the generator's own cost, no NSD
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/gen"
)

type config struct {
	domains   int
	seed      int64
	inMemory  bool
	dir       string
	keep      bool
	perfSecs  int
	perfConc  int
	perfMax   int
	scanArgs  string
	readyWait time.Duration
	nsd       string
	dnsperf   string
}

func main() {
	var c config
	flag.IntVar(&c.domains, "domains", 100000, "customer domains in the generated world")
	flag.Int64Var(&c.seed, "seed", 1, "generator seed")
	flag.BoolVar(&c.inMemory, "inmemory", false, "only generate the world in memory and print what that costs (no NSD, no root needed)")
	flag.StringVar(&c.dir, "dir", "", "directory to write the world into (default: a new temporary directory)")
	flag.BoolVar(&c.keep, "keep", false, "keep the directory afterwards")
	flag.IntVar(&c.perfSecs, "dnsperf-seconds", 10, "dnsperf run length (-l)")
	flag.IntVar(&c.perfConc, "dnsperf-clients", 8, "dnsperf clients (-c)")
	flag.IntVar(&c.perfMax, "dnsperf-qps", 100000, "dnsperf query rate ceiling (-Q)")
	flag.StringVar(&c.scanArgs, "scan-args", "", "more flags for dnsobs scan, space separated (e.g. \"--qps 0 --server-qps 0\")")
	flag.DurationVar(&c.readyWait, "ready-timeout", 10*time.Minute, "how long NSD may take to load the world")
	flag.StringVar(&c.nsd, "nsd", "/usr/sbin/nsd", "the NSD binary")
	flag.StringVar(&c.dnsperf, "dnsperf", "dnsperf", "the dnsperf binary")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, c)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, c config) int {
	if c.inMemory {
		if err := inMemory(c); err != nil {
			fmt.Fprintln(os.Stderr, "bench/scan:", err)
			return 1
		}
		return 0
	}
	if os.Geteuid() != 0 {
		fmt.Fprintln(os.Stderr, "bench/scan: NSD must listen on port 53 of the world's 127.x addresses and ::1, which needs root:\n"+
			"  sudo go run ./bench/scan -domains N    (or -inmemory for the generator's cost alone)")
		return 2
	}
	for _, bin := range []*string{&c.nsd, &c.dnsperf} {
		p, err := exec.LookPath(*bin)
		if err != nil {
			fmt.Fprintf(os.Stderr, "bench/scan: %s is not installed (Debian: apt-get install nsd dnsperf)\n", *bin)
			return 2
		}
		*bin = p
	}
	if err := withNSD(ctx, c); err != nil {
		fmt.Fprintln(os.Stderr, "bench/scan:", err)
		return 1
	}
	return 0
}

// generate builds the world and prints what it cost.
func generate(c config) (*lab.World, []string, error) {
	runtime.GC()
	start := time.Now()
	w, domains, err := gen.Generate(gen.Options{Domains: c.domains, Seed: c.seed})
	if err != nil {
		return nil, nil, err
	}
	el := time.Since(start)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	fmt.Printf("generate: %d domains, %d zones, %d servers in %.1fs; live heap %.0f MiB, peak RSS so far %.0f MiB, %d CPUs\n",
		len(domains), len(w.Zones()), len(w.Servers()), el.Seconds(), float64(ms.HeapAlloc)/(1<<20), peakRSS(), runtime.NumCPU())
	return w, domains, nil
}

func inMemory(c config) error {
	w, domains, err := generate(c)
	if err != nil {
		return err
	}
	start := time.Now()
	s := gen.Summarize(w, domains)
	fmt.Printf("summarize: %.1fs\n%s\n", time.Since(start).Seconds(), s)
	runtime.KeepAlive(w)
	return nil
}

// peakRSS is this process's peak resident set, in MiB.
func peakRSS() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // KiB on Linux
}

// target is what the bench needs from the world once it is written.
type target struct {
	probes  map[netip.Addr]string // server address → a zone it must answer SOA for ("" for lame)
	busy    netip.Addr            // the busy provider server dnsperf measures
	queries string                // dnsperf query file
	summary gen.Summary
}

func withNSD(ctx context.Context, c config) error {
	w, domains, err := generate(c)
	if err != nil {
		return err
	}
	dir := c.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "dnsobs-bench-scan-"); err != nil {
			return err
		}
	}
	if !c.keep {
		defer os.RemoveAll(dir)
	} else {
		fmt.Println("world kept in", dir)
	}
	start := time.Now()
	layout, err := gen.WriteNSD(w, domains, dir)
	if err != nil {
		return err
	}
	fmt.Printf("write: %d zone files, %d NSD instances in %.1fs (%s)\n", len(w.Zones()), len(layout.Instances), time.Since(start).Seconds(), dir)
	for _, u := range layout.Unexpressed {
		fmt.Println("  note:", u)
	}
	tg, err := prepare(w, domains, layout, filepath.Join(dir, "dnsperf-queries.txt"))
	if err != nil {
		return err
	}
	w = nil
	runtime.GC()
	fmt.Println(tg.summary)

	start = time.Now()
	procs, err := startNSD(c.nsd, layout)
	defer stopAll(procs)
	if err != nil {
		return err
	}
	rctx, cancel := context.WithTimeout(ctx, c.readyWait)
	err = waitReady(rctx, tg.probes, layout.Port, procs)
	cancel()
	if err != nil {
		return err
	}
	fmt.Printf("nsd: %d processes answering on %d addresses after %.1fs\n", len(procs), len(tg.probes), time.Since(start).Seconds())

	capacity, err := dnsperf(ctx, c, tg.busy, tg.queries)
	if err != nil {
		return fmt.Errorf("dnsperf: %w", err)
	}
	fmt.Printf("capacity: %.0f queries/s from one busy provider server (%s, dnsperf -l %d -c %d -Q %d)\n",
		capacity, tg.busy, c.perfSecs, c.perfConc, c.perfMax)

	sr := &scanRun{dir: dir, extra: strings.Fields(c.scanArgs)}
	n, queries, err := sr.runScan(ctx, layout.Hints, layout.TrustAnchor, layout.Domains)
	if errors.Is(err, errNoScan) {
		fmt.Printf("scan: not run: %v\n", err)
		fmt.Printf("result: %d domains, world capacity %.0f queries/s (one server)\n", len(domains), capacity)
		return nil
	}
	if err != nil {
		return err
	}
	qps := float64(queries) / sr.seconds
	fmt.Printf("result: %d domains in %.1fs: %.1f domains/s, %.1f queries/domain, %.0f queries/s = %.2f of one server's capacity (%.0f/s), scanner peak RSS %.0f MiB\n",
		n, sr.seconds, float64(n)/sr.seconds, float64(queries)/float64(max(n, 1)), qps, qps/capacity, capacity, sr.maxRSS)
	return nil
}

// prepare picks what to probe and to measure, and writes the dnsperf
// query file: SOA, NS and A of the busy server's domains.
func prepare(w *lab.World, domains []string, l *gen.NSDLayout, queryFile string) (*target, error) {
	tg := &target{probes: map[netip.Addr]string{}, summary: gen.Summarize(w, domains)}
	var busy *lab.Server
	for _, inst := range l.Instances {
		for _, a := range inst.Addrs {
			s := w.Server(a)
			if s == nil {
				continue
			}
			tg.probes[a] = ""
			if len(s.Zones) > 0 && !s.Faults.Lame {
				tg.probes[a] = s.Zones[0].Origin
			}
			if len(s.Addrs) == 1 && s.Faults == (lab.Faults{}) && len(s.Zones) > 1 && dns.CountLabel(s.Zones[0].Origin) > 1 &&
				(busy == nil || len(s.Zones) > len(busy.Zones)) {
				busy = s
			}
		}
	}
	if busy == nil {
		return nil, errors.New("no provider server to measure")
	}
	tg.busy = busy.Addrs[0]
	f, err := os.Create(queryFile)
	if err != nil {
		return nil, err
	}
	b := bufio.NewWriter(f)
	for _, z := range busy.Zones {
		for _, t := range []string{"SOA", "NS", "A"} {
			fmt.Fprintf(b, "%s %s\n", z.Origin, t)
		}
	}
	if err := b.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	tg.queries = queryFile
	return tg, f.Close()
}

type nsdProc struct {
	name string
	cmd  *exec.Cmd
	out  *bytes.Buffer
	done chan struct{}
}

func startNSD(bin string, l *gen.NSDLayout) ([]*nsdProc, error) {
	var procs []*nsdProc
	for _, inst := range l.Instances {
		p := &nsdProc{name: inst.Name, out: new(bytes.Buffer), done: make(chan struct{})}
		p.cmd = exec.Command(bin, inst.Args()...)
		p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
		p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := p.cmd.Start(); err != nil {
			return procs, fmt.Errorf("start nsd %s: %w", inst.Name, err)
		}
		go func() { p.cmd.Wait(); close(p.done) }()
		procs = append(procs, p)
	}
	return procs, nil
}

// stopAll ends the NSD processes this bench started: SIGTERM to each one's
// process group, SIGKILL after five seconds.
func stopAll(procs []*nsdProc) {
	for _, p := range procs {
		syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	}
	deadline := time.After(5 * time.Second)
	for _, p := range procs {
		select {
		case <-p.done:
		case <-deadline:
			syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
	}
}

// waitReady asks every server address for the SOA of a zone it serves
// until it answers with authority (lame ones: until they answer at all).
func waitReady(ctx context.Context, probes map[netip.Addr]string, port int, procs []*nsdProc) error {
	cl := &dns.Client{Net: "udp", Timeout: 300 * time.Millisecond}
	for a, zone := range probes {
		q := new(dns.Msg)
		if zone == "" {
			q.SetQuestion(".", dns.TypeSOA)
		} else {
			q.SetQuestion(zone, dns.TypeSOA)
		}
		q.RecursionDesired = false
		for {
			for _, p := range procs {
				select {
				case <-p.done:
					return fmt.Errorf("nsd %s exited: %s", p.name, strings.TrimSpace(lastLines(p.out.String(), 5)))
				default:
				}
			}
			m, _, err := cl.ExchangeContext(ctx, q, netip.AddrPortFrom(a, uint16(port)).String())
			if err == nil && (zone == "" || (m.Authoritative && m.Rcode == dns.RcodeSuccess)) {
				break
			}
			if ctx.Err() != nil {
				return fmt.Errorf("%s did not answer for %q in time: %v", a, zone, err)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	return nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

var qpsLine = regexp.MustCompile(`Queries per second:\s+([0-9.]+)`)

// dnsperf measures the capacity of one server with the query file.
func dnsperf(ctx context.Context, c config, server netip.Addr, queries string) (float64, error) {
	out, err := exec.CommandContext(ctx, c.dnsperf, "-s", server.String(), "-d", queries,
		"-l", strconv.Itoa(c.perfSecs), "-c", strconv.Itoa(c.perfConc), "-Q", strconv.Itoa(c.perfMax)).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%w: %s", err, lastLines(string(out), 5))
	}
	m := qpsLine.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no \"Queries per second\" in its output: %s", lastLines(string(out), 5))
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

// errNoScan means `dnsobs scan` is not there yet.
var errNoScan = errors.New("dnsobs scan is not available")

// scanRun runs `dnsobs scan` and records what the summary line does not
// say: its wall time as the scanner reports it and its peak RSS.
type scanRun struct {
	dir     string
	extra   []string
	seconds float64
	maxRSS  float64 // MiB
}

// summaryLine is the line `dnsobs scan` ends with.
var summaryLine = regexp.MustCompile(`scanned (\d+) domains in ([0-9.]+)\s*s \(([0-9.]+) domains/s\), (\d+) queries, (\d+) errors, run(?: ID)?:?\s*(\S*)`)

// vmHWM returns a process's peak resident set in KiB (0 once it is gone).
func vmHWM(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			v, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return v
		}
	}
	return 0
}

// runScan builds cmd/dnsobs, runs `dnsobs scan` on the lab world (its
// progress goes to stderr) and parses its summary line. The binary is built
// first rather than `go run`, so the peak RSS measured is the scanner's.
func (sr *scanRun) runScan(ctx context.Context, hintsFile, anchorFile, domainsFile string) (domainsScanned int, queries int64, err error) {
	bin := filepath.Join(sr.dir, "dnsobs")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/dnsobs")
	if out, err := build.CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("%w: go build ./cmd/dnsobs: %v: %s", errNoScan, err, lastLines(string(out), 5))
	}
	args := append([]string{"scan", "--lab", "--hints", hintsFile, "--trust-anchor", anchorFile, "--input", domainsFile,
		"--store", "sqlite:" + filepath.Join(sr.dir, "scan.sqlite"), "--jsonl", os.DevNull}, sr.extra...)
	fmt.Printf("scan: %s %s\n", bin, strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, bin, args...)
	var out bytes.Buffer
	cmd.Stdout = io.MultiWriter(&out, os.Stdout)
	cmd.Stderr = io.MultiWriter(&out, os.Stderr)
	// The child's peak RSS is read from /proc (VmHWM) while it runs: its
	// Rusage.Maxrss would count this process's memory at fork time, which
	// holds the whole generated world.
	runErr := cmd.Start()
	if runErr == nil {
		stopPoll := make(chan struct{})
		polled := make(chan float64)
		go func() {
			peak := 0.0
			t := time.NewTicker(100 * time.Millisecond)
			defer t.Stop()
			for {
				if kb := vmHWM(cmd.Process.Pid); kb > peak {
					peak = kb
				}
				select {
				case <-stopPoll:
					polled <- peak
					return
				case <-t.C:
				}
			}
		}()
		runErr = cmd.Wait()
		close(stopPoll)
		sr.maxRSS = <-polled / 1024
	}
	m := summaryLine.FindStringSubmatch(out.String())
	if m == nil {
		text := out.String()
		if runErr != nil && (strings.Contains(text, "unknown command") || strings.Contains(text, "unknown subcommand") ||
			strings.Contains(text, "flag provided but not defined")) {
			return 0, 0, fmt.Errorf("%w: %s", errNoScan, lastLines(text, 2))
		}
		return 0, 0, fmt.Errorf("no summary line from dnsobs scan (%v): %s", runErr, lastLines(text, 3))
	}
	domainsScanned, _ = strconv.Atoi(m[1])
	sr.seconds, _ = strconv.ParseFloat(m[2], 64)
	queries, _ = strconv.ParseInt(m[4], 10, 64)
	if sr.seconds <= 0 {
		sr.seconds = 1e-9
	}
	return domainsScanned, queries, nil
}
