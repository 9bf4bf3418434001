package dnssec_test

import (
	"fmt"

	dv "github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/dnssec/dnssectest"
)

func ExampleAnalyze() {
	w := dnssectest.New(at) // root → test. → example.test., all signed
	w.Domain.Keys = nil     // example.test. left unsigned
	d, err := w.Observe()
	if err != nil {
		fmt.Println(err)
		return
	}
	r := dv.Analyze(d, w.Anchors(), at)
	fmt.Println(r.Status)
	fmt.Println(r.Reason)
	// Output:
	// insecure
	// insecure delegation: test. proves with NSEC that example.test. has no DS
}
