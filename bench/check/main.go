// Command check benchmarks `dnsobs check` on lab domains: it checks N
// domains of the built-in lab world (scenario domains repeated) in memory
// and prints domains/s, queries/domain and peak memory. It prints figures;
// it never passes or fails on time.
//
//	go run ./bench/check -domains 500 -parallel 16
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
)

func main() {
	n := flag.Int("domains", 300, "domains to check (the lab's scenario domains, repeated)")
	parallel := flag.Int("parallel", 16, "domains checked at once")
	quiet := flag.Bool("quiet", false, "print only the figures")
	flag.Parse()
	if err := run(*n, *parallel, *quiet); err != nil {
		fmt.Fprintln(os.Stderr, "bench/check:", err)
		os.Exit(1)
	}
}

func run(n, parallel int, quiet bool) error {
	w, err := worlds.Default(time.Now())
	if err != nil {
		return err
	}
	// A fresh runner per pass would drop the delegation cache; one runner
	// is what a session of checks looks like.
	r, err := labcheck.New(w, labcheck.Options{})
	if err != nil {
		return err
	}
	defer r.Close()
	var base []string
	for _, s := range w.Scenarios() {
		base = append(base, s.Domain)
	}
	// Slow scenarios (NS_SLOW) dominate wall time by design; the benchmark
	// measures the checker, so they are left out of the mix and counted apart.
	domains := make([]string, 0, n)
	for i := 0; len(domains) < n; i++ {
		d := base[i%len(base)]
		if d == "ns-slow.test." {
			continue
		}
		domains = append(domains, d)
	}
	runtime.GC()
	start := time.Now()
	reps := r.CheckAll(context.Background(), domains, parallel)
	el := time.Since(start)
	findings := 0
	for _, rep := range reps {
		findings += len(rep.Findings)
	}
	sent := r.Client.Sent()
	fmt.Printf("bench/check: %d domains in %.2fs: %.1f domains/s, %.1f queries/domain, %d findings, peak RSS %.1f MiB, parallel %d\n",
		len(reps), el.Seconds(), float64(len(reps))/el.Seconds(), float64(sent)/float64(len(reps)), findings,
		float64(peakRSS())/(1<<20), parallel)
	if !quiet {
		for i, rep := range reps {
			if i >= len(base) {
				break
			}
			fmt.Println("  " + labcheck.Describe(rep))
		}
	}
	return nil
}

// peakRSS returns the process's peak resident set size (VmHWM on Linux),
// or 0 where the kernel does not tell.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
