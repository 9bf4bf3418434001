package dnssec_test

import (
	"net/netip"
	"reflect"
	"testing"

	"github.com/miekg/dns"

	dv "github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

func TestVerifyCache(t *testing.T) {
	d, anchors := collect(t, secure(), nil)
	plain := dv.AnalyzeWith(d, dv.Options{Anchors: anchors, At: at})
	if plain.Status != dv.Secure {
		t.Fatalf("status %s (%s), want secure", plain.Status, plain.Reason)
	}

	c := &dv.VerifyCache{}
	first := dv.AnalyzeWith(d, dv.Options{Anchors: anchors, At: at, Cache: c})
	hits, misses := c.Stats()
	if misses == 0 {
		t.Fatalf("first analysis: %d hits, %d misses; want some misses", hits, misses)
	}
	second := dv.AnalyzeWith(d, dv.Options{Anchors: anchors, At: at, Cache: c})
	hits2, misses2 := c.Stats()
	if misses2 != misses || hits2 != 2*hits+misses {
		t.Errorf("second analysis: %d hits, %d misses in all; want %d hits and no new miss", hits2, misses2, 2*hits+misses)
	}
	for name, r := range map[string]*dv.Result{"first": first, "second": second} {
		if !reflect.DeepEqual(r, plain) {
			t.Errorf("%s analysis with the cache differs from the one without:\n%+v\n%+v", name, r, plain)
		}
	}

	// A forged apex A RRset with the genuine signature must still fail,
	// however warm the cache is.
	forged := false
	for _, q := range d.Queries {
		if q.Purpose != observe.PurposeApexA || len(q.Response) == 0 {
			continue
		}
		m := q.Msg()
		for _, rr := range m.Answer {
			if a, ok := rr.(*dns.A); ok {
				a.A = netip.MustParseAddr("192.0.2.99").AsSlice()
				forged = true
			}
		}
		var err error
		if q.Response, err = m.Pack(); err != nil {
			t.Fatal(err)
		}
	}
	if !forged {
		t.Fatal("no apex A answer to forge")
	}
	bad := dv.AnalyzeWith(d, dv.Options{Anchors: anchors, At: at, Cache: c})
	if bad.Status != dv.Bogus {
		t.Errorf("forged apex A with a warm cache: status %s, want bogus", bad.Status)
	}
}
