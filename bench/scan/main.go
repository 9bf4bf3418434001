package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"runtime"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/gen"
)

func main() {
	n := flag.Int("domains", 1000, "")
	flag.Parse()
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	start := time.Now()
	w, d, err := gen.Generate(gen.Options{Domains: *n, Seed: 1})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	el := time.Since(start)
	pprof.StopCPUProfile()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	hf, _ := os.Create("/tmp/heap.prof")
	pprof.WriteHeapProfile(hf)
	hf.Close()
	fmt.Println(len(d), el, ms.HeapAlloc>>20, "MiB", len(w.Servers()), len(w.Zones()))
}
