package measure_test

import (
	"context"
	"net/netip"
	"path/filepath"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/measure"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// A stack over a lab world in memory collects a domain, annotates its
// servers from the geo files, and shares probes only when asked to scan.
func TestNew(t *testing.T) {
	w, err := worlds.Chain{Root: &authzone.SignSpec{}, TLD: &authzone.SignSpec{}, Domain: &authzone.SignSpec{}}.Build(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	hints, err := resolver.ParseHints(w.Hints(), "lab")
	if err != nil {
		t.Fatal(err)
	}
	asn, country, err := geo.WriteDatabases(t.TempDir(), w.Networks())
	if err != nil {
		t.Fatal(err)
	}
	for _, scan := range []bool{false, true} {
		st, err := measure.New(measure.Config{Exchanger: w, Policy: transport.Policy{Lab: true}, Hints: hints,
			GeoASN: asn, GeoCountry: country, Scan: scan})
		if err != nil {
			t.Fatal(err)
		}
		if (st.Collector.Shared != nil) != scan {
			t.Errorf("scan %v: shared cache %v", scan, st.Collector.Shared != nil)
		}
		d := st.Collector.Domain(context.Background(), worlds.ChainDomain, nil)
		if d.Error != "" || len(d.Nameservers) != 1 || len(d.Nameservers[0].Addresses) != 1 {
			t.Fatalf("scan %v: %s, nameservers %+v", scan, d.Error, d.Nameservers)
		}
		if a := d.Nameservers[0].Addresses[0]; a.Addr != netip.MustParseAddr("127.0.0.30") || a.Geo == nil || a.Geo.ASN != 64496 {
			t.Errorf("scan %v: address %+v", scan, a)
		}
		if st.Client.Sent() == 0 {
			t.Errorf("scan %v: the client counted no query", scan)
		}
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	}
	if _, err := measure.New(measure.Config{Exchanger: w, GeoASN: filepath.Join(t.TempDir(), "missing.mmdb")}); err == nil {
		t.Error("a missing geo file is no error")
	}
}
