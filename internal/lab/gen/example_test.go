package gen_test

import (
	"fmt"
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
