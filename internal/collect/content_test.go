package collect_test

import (
	"context"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/collect"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// What the content and address checks need is asked: the apex TXT and the
// PTR of every NS address always, the apex A in a scan only of signed
// zones, the MNAME's SOA only when the MNAME is no NS address; and the
// PTR lookups are shared in a scan.
func TestContentQueries(t *testing.T) {
	w, err := worlds.Default(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	hints, err := resolver.ParseHints(w.Hints(), "lab")
	if err != nil {
		t.Fatal(err)
	}
	count := func(d *observe.Domain, purpose string) (n, shared int) {
		for _, q := range d.Queries {
			if q.Purpose == purpose {
				n++
				if q.Shared {
					shared++
				}
			}
		}
		return n, shared
	}
	for _, scan := range []bool{false, true} {
		cl := transport.NewClient(w, transport.Policy{Lab: true}, transport.Options{})
		c := &collect.Collector{Resolver: resolver.New(cl, hints)}
		if scan {
			c.Shared = collect.NewShared()
		}
		ctx := context.Background()
		for _, tc := range []struct {
			domain               string
			apexA, mnameSOA, ptr int
		}{
			{"healthy-unsigned.test.", 1, 0, 3},
			{"healthy-signed.test.", 1, 0, 3},
			{"soa-mname-not-auth.test.", 1, 1, 3},
		} {
			d := c.Domain(ctx, tc.domain, nil)
			wantA := tc.apexA
			if scan && tc.domain != "healthy-signed.test." {
				wantA = 0
			}
			if n, _ := count(d, observe.PurposeApexA); n != wantA {
				t.Errorf("scan=%v %s: %d apex A queries, want %d", scan, tc.domain, n, wantA)
			}
			if n, _ := count(d, observe.PurposeApexTXT); n != 1 {
				t.Errorf("scan=%v %s: %d apex TXT queries, want 1", scan, tc.domain, n)
			}
			if n, _ := count(d, observe.PurposeMNAMESOA); n != tc.mnameSOA {
				t.Errorf("scan=%v %s: %d MNAME SOA queries, want %d", scan, tc.domain, n, tc.mnameSOA)
			}
			// One PTR answer per address (127.53.10.1, ::1, 127.53.20.1),
			// after the walk to the reverse zone.
			answers := 0
			for _, q := range d.Queries {
				if q.Purpose == observe.PurposeNSPTR && q.QType == "PTR" && q.Answered() && q.Msg().Authoritative {
					answers++
				}
			}
			if answers != tc.ptr {
				t.Errorf("scan=%v %s: %d PTR answers, want %d", scan, tc.domain, answers, tc.ptr)
			}
		}
		// The second domain of a scan copies the PTR lookups of the shared
		// addresses rather than asking again.
		if scan {
			d := c.Domain(ctx, "dnssec-unsigned.test.", nil)
			if n, shared := count(d, observe.PurposeNSPTR); n == 0 || shared != n {
				t.Errorf("scan: %d PTR queries, %d of them shared copies; want all shared", n, shared)
			}
		}
	}
}
