package interop

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

const unboundSkew = time.Hour

func TestZZExplore(t *testing.T) {
	w, d := world(t)
	mem, err := labcheck.New(w, labcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	real, err := labcheck.New(w, labcheck.Options{Exchanger: &transport.Net{Policy: transport.Policy{Lab: true}}, Port: 53})
	if err != nil {
		t.Fatal(err)
	}
	defer real.Close()
	b, _ := os.ReadFile(d.Anchor)
	real.Anchors, err = resolver.ParseTrustAnchor(string(b), "x")
	if err != nil {
		t.Fatal(err)
	}
	var doms []string
	for _, s := range w.Scenarios() {
		doms = append(doms, s.Domain)
	}
	ctx := context.Background()
	start := time.Now()
	rr := real.CheckAll(ctx, doms, 4)
	t.Log("real", time.Since(start))
	mr := mem.CheckAll(ctx, doms, 4)
	for i := range doms {
		t.Logf("MEM  %s", labcheck.Describe(mr[i]))
		t.Logf("REAL %s", labcheck.Describe(rr[i]))
	}
}

func TestZZHold(t *testing.T) {
	world(t)
	os.WriteFile("/tmp/interop-hints", []byte(shared.dep.Hints), 0o644)
	time.Sleep(500 * time.Second)
}
