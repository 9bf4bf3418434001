package gen_test

import (
	"fmt"
	"os"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/gen"
)

func ExampleGenerate() {
	w, domains, err := gen.Generate(gen.Options{Domains: 1000, Seed: 1, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(domains[0], domains[49], len(w.Servers()) > 10)
	s := gen.Summarize(w, domains)
	fmt.Println(s.Domains, s.TopProvider, s.TopDomains, s.NSCount[0]+s.NSCount[1]+s.NSCount[5])
	// Output:
	// d000000.test. xn--ao49-gqa.test. true
	// 1000 host1.test. 150 0
}

func ExamplePlan_WriteNSD() {
	p, err := gen.NewPlan(gen.Options{Domains: 1000, Seed: 1, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "gen-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	l, err := p.WriteNSD(dir, gen.NSDOptions{Port: 5353})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.ZoneFiles, "zone files;", p.Summary().Signed, "signed domains")
	for _, inst := range l.Instances {
		fmt.Println(inst.Name, len(inst.Addrs) > 0, len(inst.Zones) > 0)
	}
	// Output:
	// 1143 zone files; 104 signed domains
	// infra true true
	// shard-1 true true
	// shard-2 true true
	// shard-3 true true
	// shard-4 true true
	// lame true false
	// axfr true true
}
