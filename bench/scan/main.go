// Command scan benchmarks `dnsobs scan` against a generated lab world
// served by real NSD processes on loopback addresses. It writes the world
// for NSD straight from its plan (internal/lab/gen, Plan.WriteNSD: zone by
// zone, without building it in memory), starts NSD on port 53 of the
// world's 127.x addresses (and ::1), waits until every server answers,
// measures one NSD process's capacity with dnsperf, then scans every
// domain and prints domains/s, queries/domain, the query rate achieved
// against the measured capacity and the scanner's peak RSS. It prints
// figures; it never passes or fails on time.
//
//	sudo go run ./bench/scan -domains 100000
//	sudo go run ./bench/scan -domains 1000000 -stop-after nsd   # write the world, load it in NSD, stop
//	go run ./bench/scan -domains 1000000 -stop-after write      # only what writing the world costs, no NSD
//	go run ./bench/scan -domains 1000000 -inmemory              # what building it in memory (gen.Generate) costs
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/gen"
)

type config struct {
	domains   int
	seed      int64
	gen       gen.Options // the fractions, from -silent-frac and the others
	inMemory  bool
	stopAfter string
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
	flag.BoolVar(&c.inMemory, "inmemory", false, "only build the world in memory (gen.Generate) and print what that costs (no NSD, no root needed)")
	flag.StringVar(&c.stopAfter, "stop-after", "", "stop after this step: write (no NSD, no root needed), nsd, capacity; empty: run the scan too")
	flag.StringVar(&c.dir, "dir", "", "directory to write the world into (default: a new temporary directory)")
	flag.BoolVar(&c.keep, "keep", false, "keep the directory afterwards")
	flag.IntVar(&c.perfSecs, "dnsperf-seconds", 10, "dnsperf run length (-l)")
	flag.IntVar(&c.perfConc, "dnsperf-clients", 8, "dnsperf clients (-c)")
	flag.IntVar(&c.perfMax, "dnsperf-qps", 100000, "dnsperf query rate ceiling (-Q)")
	flag.StringVar(&c.scanArgs, "scan-args", "", "more flags for dnsobs scan, space separated (e.g. \"--qps 0 --server-qps 0\")")
	flag.DurationVar(&c.readyWait, "ready-timeout", 10*time.Minute, "how long NSD may take to load the world")
	flag.StringVar(&c.nsd, "nsd", "/usr/sbin/nsd", "the NSD binary")
	flag.StringVar(&c.dnsperf, "dnsperf", "dnsperf", "the dnsperf binary")
	setFractions := c.gen.FractionFlags(flag.CommandLine)
	flag.Parse()
	if err := setFractions(); err != nil {
		fmt.Fprintln(os.Stderr, "bench/scan:", err)
		os.Exit(2)
	}
	c.gen.Domains, c.gen.Seed = c.domains, c.seed
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, c)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, c config) int {
	switch c.stopAfter {
	case "", "write", "nsd", "capacity":
	default:
		fmt.Fprintf(os.Stderr, "bench/scan: -stop-after %q: want write, nsd or capacity\n", c.stopAfter)
		return 2
	}
	if c.inMemory {
		if err := inMemory(c); err != nil {
			fmt.Fprintln(os.Stderr, "bench/scan:", err)
			return 1
		}
		return 0
	}
	if c.stopAfter != "write" {
		if os.Geteuid() != 0 {
			fmt.Fprintln(os.Stderr, "bench/scan: NSD must listen on port 53 of the world's 127.x addresses and ::1, which needs root:\n"+
				"  sudo go run ./bench/scan -domains N    (or -stop-after write, or -inmemory, for the generator's cost alone)")
			return 2
		}
		bins := []*string{&c.nsd, &c.dnsperf}
		if c.stopAfter == "nsd" {
			bins = bins[:1]
		}
		for _, bin := range bins {
			p, err := exec.LookPath(*bin)
			if err != nil {
				fmt.Fprintf(os.Stderr, "bench/scan: %s is not installed (Debian: apt-get install nsd dnsperf)\n", *bin)
				return 2
			}
			*bin = p
		}
	}
	if err := withNSD(ctx, c); err != nil {
		fmt.Fprintln(os.Stderr, "bench/scan:", err)
		return 1
	}
	return 0
}

// generate builds the world and prints what it cost.
func generate(c config) (*engine.World, []string, error) {
	runtime.GC()
	start := time.Now()
	w, domains, err := gen.Generate(c.gen)
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

// writeWorld writes the world for NSD from its plan and prints what that
// cost: time, this process's peak RSS (it has done nothing else yet), disk.
func writeWorld(c config, dir string) (*gen.NSDLayout, gen.Summary, error) {
	runtime.GC()
	start := time.Now()
	p, err := gen.NewPlan(c.gen)
	if err != nil {
		return nil, gen.Summary{}, err
	}
	planned := time.Since(start)
	layout, err := p.WriteNSD(dir, gen.NSDOptions{})
	if err != nil {
		return nil, gen.Summary{}, err
	}
	wrote := time.Since(start) - planned
	fmt.Printf("generate: plan of %d domains in %.1fs; write: %d zone files, %d NSD instances in %.1fs (%s); peak RSS %.0f MiB, %d CPUs\n",
		len(p.Domains()), planned.Seconds(), layout.ZoneFiles, len(layout.Instances), wrote.Seconds(), dir, peakRSS(), runtime.NumCPU())
	start = time.Now()
	files, size, err := diskUsage(dir)
	if err != nil {
		return nil, gen.Summary{}, err
	}
	fmt.Printf("disk: %.0f MiB in %d files (counted in %.1fs)\n", float64(size)/(1<<20), files, time.Since(start).Seconds())
	for _, u := range layout.Unexpressed {
		fmt.Println("  note:", u)
	}
	return layout, p.Summary(), nil
}

// diskUsage counts the files under dir and the disk space they take.
func diskUsage(dir string) (files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			size += st.Blocks * 512
		}
		if !d.IsDir() {
			files++
		}
		return nil
	})
	return files, size, err
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
	busy    netip.Addr            // an address of the NSD process dnsperf measures
	zones   int                   // zones in the dnsperf query file
	queries string                // dnsperf query file
}

func withNSD(ctx context.Context, c config) error {
	dir := c.dir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "dnsobs-bench-scan-"); err != nil {
			return err
		}
	}
	if !c.keep {
		defer func() {
			start := time.Now()
			os.RemoveAll(dir)
			fmt.Printf("cleanup: removed %s in %.1fs\n", dir, time.Since(start).Seconds())
		}()
	} else {
		fmt.Println("world kept in", dir)
	}
	layout, summary, err := writeWorld(c, dir)
	if err != nil {
		return err
	}
	fmt.Println(summary)
	if c.stopAfter == "write" {
		return nil
	}
	tg, err := prepare(layout, filepath.Join(dir, "dnsperf-queries.txt"))
	if err != nil {
		return err
	}

	start := time.Now()
	procs, err := startNSD(c.nsd, layout)
	defer stopAll(procs)
	if err != nil {
		return err
	}
	if len(layout.Silent) > 0 {
		sk, err := listenSilent(layout.Silent, layout.Port)
		if err != nil {
			return err
		}
		defer func() { fmt.Printf("silent: %s\n", sk.close()) }()
		fmt.Printf("silent: %d addresses bound, dropping every query (UDP read and discarded, TCP accepted and never answered)\n", len(layout.Silent))
	}
	rctx, cancel := context.WithTimeout(ctx, c.readyWait)
	err = waitReady(rctx, tg.probes, layout.Port, procs)
	cancel()
	if err != nil {
		return err
	}
	fmt.Printf("nsd: %d processes answering on %d addresses after %.1fs; %s\n", len(procs), len(tg.probes), time.Since(start).Seconds(), nsdMemory(procs))
	if err := spotCheck(ctx, layout, 1000); err != nil {
		return err
	}
	if c.stopAfter == "nsd" {
		return nil
	}

	capacity, err := dnsperf(ctx, c, tg.busy, tg.queries)
	if err != nil {
		return fmt.Errorf("dnsperf: %w", err)
	}
	fmt.Printf("capacity: %.0f queries/s from one NSD process (%s, SOA/NS/A of its %d zones, dnsperf -l %d -c %d -Q %d)\n",
		capacity, tg.busy, tg.zones, c.perfSecs, c.perfConc, c.perfMax)
	if c.stopAfter == "capacity" {
		return nil
	}

	sr := &scanRun{dir: dir, extra: strings.Fields(c.scanArgs)}
	n, queries, err := sr.runScan(ctx, layout.Hints, layout.TrustAnchor, layout.Domains)
	if errors.Is(err, errNoScan) {
		fmt.Printf("scan: not run: %v\n", err)
		fmt.Printf("result: %d domains, world capacity %.0f queries/s (one NSD process)\n", summary.Domains, capacity)
		return nil
	}
	if err != nil {
		return err
	}
	qps := float64(queries) / sr.seconds
	fmt.Printf("result: %d domains in %.1fs: %.1f domains/s, %.1f queries/domain, %.0f queries/s = %.2f of one NSD process's capacity (%.0f/s), scanner peak RSS %.0f MiB\n",
		n, sr.seconds, float64(n)/sr.seconds, float64(queries)/float64(max(n, 1)), qps, qps/capacity, capacity, sr.maxRSS)
	// CPU per domain moves much less than the rate with the machine's load;
	// steal says how much of the machine a hypervisor gave to others.
	fmt.Printf("scanner CPU: %.1f s user+system for the whole process (input, scan, aggregates): %.2f ms/domain; CPU steal while it ran %.1f%%\n",
		sr.cpu.Seconds(), float64(sr.cpu.Milliseconds())/float64(max(n, 1)), 100*sr.steal)
	return nil
}

// prepare picks what to probe and to measure, and writes the dnsperf
// query file. NSD serves every zone of an instance on all its addresses,
// so each address is probed with its instance's first zone, and dnsperf
// measures the healthy instance with the most zones (one NSD process,
// server-count 1) with SOA, NS and A queries of all its zones.
func prepare(l *gen.NSDLayout, queryFile string) (*target, error) {
	tg := &target{probes: map[netip.Addr]string{}}
	var busy *gen.NSDInstance
	for i := range l.Instances {
		inst := &l.Instances[i]
		zone := ""
		if len(inst.Zones) > 0 {
			zone = inst.Zones[0]
		}
		for _, a := range inst.Addrs {
			tg.probes[a] = zone
		}
		if strings.HasPrefix(inst.Name, "shard-") && (busy == nil || len(inst.Zones) > len(busy.Zones)) {
			busy = inst
		}
	}
	if busy == nil || len(busy.Zones) == 0 {
		return nil, errors.New("no NSD instance of provider servers to measure")
	}
	tg.busy, tg.zones = busy.Addrs[0], len(busy.Zones)
	f, err := os.Create(queryFile)
	if err != nil {
		return nil, err
	}
	b := bufio.NewWriter(f)
	for _, z := range busy.Zones {
		for _, t := range []string{"SOA", "NS", "A"} {
			fmt.Fprintf(b, "%s %s\n", z, t)
		}
	}
	if err := b.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	tg.queries = queryFile
	return tg, f.Close()
}

// spotCheck asks n random zones of the world for their SOA at an address
// of the NSD instance that serves them and fails unless every answer is
// authoritative: NSD loaded the zone files, not only the probed ones.
func spotCheck(ctx context.Context, l *gen.NSDLayout, n int) error {
	var served []*gen.NSDInstance
	total := 0
	for i := range l.Instances {
		if len(l.Instances[i].Zones) > 0 {
			served = append(served, &l.Instances[i])
			total += len(l.Instances[i].Zones)
		}
	}
	cl := &dns.Client{Net: "udp", Timeout: 2 * time.Second}
	rng := rand.New(rand.NewPCG(1, 2))
	bad := 0
	var first string
	for range n {
		k := rng.IntN(total)
		inst := served[0]
		for _, in := range served {
			if k < len(in.Zones) {
				inst = in
				break
			}
			k -= len(in.Zones)
		}
		q := new(dns.Msg)
		q.SetQuestion(inst.Zones[k], dns.TypeSOA)
		q.RecursionDesired = false
		m, _, err := cl.ExchangeContext(ctx, q, netip.AddrPortFrom(inst.Addrs[0], uint16(l.Port)).String())
		if err != nil || !m.Authoritative || m.Rcode != dns.RcodeSuccess || len(m.Answer) == 0 {
			if bad++; first == "" {
				first = fmt.Sprintf("%s at %s (%s): %v %v", inst.Zones[k], inst.Addrs[0], inst.Name, err, m)
			}
		}
	}
	if bad > 0 {
		return fmt.Errorf("spot check: %d of %d zones not answered with authority, first %s", bad, n, first)
	}
	fmt.Printf("spot check: %d random zones of the %d the NSD instances serve (a zone in two instances counts twice) answered SOA with authority\n", n, total)
	return nil
}

// nsdMemory says how much memory the NSD processes use: the sum of their
// proportional set sizes (forked children share pages with their parent,
// which RSS would count twice) and each instance's share.
func nsdMemory(procs []*nsdProc) string {
	byGroup := map[int]float64{} // process group → PSS, KiB
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...: comm may hold spaces, so split after ')'.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 3 {
			continue
		}
		pgrp, _ := strconv.Atoi(f[2])
		byGroup[pgrp] += procField(fmt.Sprintf("/proc/%d/smaps_rollup", pid), "Pss:")
	}
	var parts []string
	total := 0.0
	for _, p := range procs {
		kb := byGroup[p.cmd.Process.Pid]
		total += kb
		parts = append(parts, fmt.Sprintf("%s %.0f", p.name, kb/1024))
	}
	return fmt.Sprintf("PSS %.0f MiB (%s MiB)", total/1024, strings.Join(parts, ", "))
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
		p.cmd.SysProcAttr = childAttr()
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
	cmd := exec.CommandContext(ctx, c.dnsperf, "-s", server.String(), "-d", queries,
		"-l", strconv.Itoa(c.perfSecs), "-c", strconv.Itoa(c.perfConc), "-Q", strconv.Itoa(c.perfMax))
	cmd.SysProcAttr = childAttr()
	out, err := cmd.CombinedOutput()
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
	maxRSS  float64       // MiB
	cpu     time.Duration // the scanner's user+system time, the whole process
	steal   float64       // share of the machine's CPU time the hypervisor took while it ran
}

// summaryLine is the line `dnsobs scan` ends with.
var summaryLine = regexp.MustCompile(`scanned (\d+) domains in ([0-9.]+)\s*s \(([0-9.]+) domains/s\), (\d+) queries, (\d+) errors, run(?: ID)?:?\s*(\S*)`)

// cpuSteal returns the machine's steal and total CPU time in ticks, from
// the cpu line of /proc/stat (zeros where there is none).
func cpuSteal() (steal, total uint64) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0
	}
	for i, v := range f[1:] {
		n, _ := strconv.ParseUint(v, 10, 64)
		if i < 8 { // user nice system idle iowait irq softirq steal; guest time is within user
			total += n
		}
		if i == 7 {
			steal = n
		}
	}
	return steal, total
}

// vmHWM returns a process's peak resident set in KiB (0 once it is gone).
func vmHWM(pid int) float64 { return procField(fmt.Sprintf("/proc/%d/status", pid), "VmHWM:") }

// procField reads a "Name:   123 kB" line of a /proc file, in KiB (0 when
// the file or the line is not there).
func procField(path, name string) float64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, name); ok {
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
	// Rusage.Maxrss would count this process's memory at fork time.
	stealBefore, totalBefore := cpuSteal()
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
		sr.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if stealAfter, totalAfter := cpuSteal(); totalAfter > totalBefore {
			sr.steal = float64(stealAfter-stealBefore) / float64(totalAfter-totalBefore)
		}
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

// sink holds the sockets of the silent addresses: it reads what comes and
// never answers, so queries time out as with a server that drops every
// packet (an address nothing listens on refuses at once instead).
type sink struct {
	udp     []*net.UDPConn
	tcp     []net.Listener
	packets atomic.Int64
	conns   atomic.Int64
	wg      sync.WaitGroup
	mu      sync.Mutex
	open    []net.Conn
}

func listenSilent(addrs []netip.Addr, port int) (*sink, error) {
	sk := &sink{}
	for _, a := range addrs {
		ap := netip.AddrPortFrom(a, uint16(port))
		u, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(ap))
		if err != nil {
			sk.close()
			return nil, fmt.Errorf("silent %s: %w", ap, err)
		}
		sk.udp = append(sk.udp, u)
		sk.wg.Go(func() {
			buf := make([]byte, 65535)
			for {
				if _, _, err := u.ReadFromUDPAddrPort(buf); err != nil {
					return
				}
				sk.packets.Add(1)
			}
		})
		l, err := net.Listen("tcp", ap.String())
		if err != nil {
			sk.close()
			return nil, fmt.Errorf("silent %s: %w", ap, err)
		}
		sk.tcp = append(sk.tcp, l)
		sk.wg.Go(func() {
			for {
				conn, err := l.Accept()
				if err != nil {
					return
				}
				sk.conns.Add(1)
				sk.mu.Lock()
				sk.open = append(sk.open, conn)
				sk.mu.Unlock()
				go io.Copy(io.Discard, conn) // read, never answer; closed by close
			}
		})
	}
	return sk, nil
}

// close closes every socket and says what was dropped.
func (sk *sink) close() string {
	for _, u := range sk.udp {
		u.Close()
	}
	for _, l := range sk.tcp {
		l.Close()
	}
	sk.mu.Lock()
	for _, c := range sk.open {
		c.Close()
	}
	sk.mu.Unlock()
	sk.wg.Wait()
	return fmt.Sprintf("%d UDP queries and %d TCP connections dropped on %d addresses", sk.packets.Load(), sk.conns.Load(), len(sk.udp))
}
