package dnssec_test

import (
	"context"
	"fmt"

	dv "github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
)

func ExampleAnalyze() {
	// root → test. → example.test., the domain left unsigned.
	w, err := worlds.Chain{Root: &authzone.SignSpec{}, TLD: &authzone.SignSpec{}}.Build(at)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, anchors, err := labcheck.Observe(context.Background(), w, nil, worlds.ChainDomain)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := dv.Analyze(d, anchors, at)
	fmt.Println(r.Status)
	fmt.Println(r.Reason)
	// Output:
	// insecure
	// insecure delegation: test. proves with NSEC that example.test. has no DS
}
