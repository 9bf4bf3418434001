package zonefiles_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/zonefiles"
)

func TestWrite(t *testing.T) {
	w, err := worlds.Default(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err = zonefiles.Write(w, dir); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var m zonefiles.Manifest
	if err := json.Unmarshal([]byte(read("manifest.json")), &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	if len(m.Servers) != len(w.Servers()) || len(m.Zones) != len(w.Zones()) || len(m.Scenarios) != len(w.Scenarios()) {
		t.Errorf("manifest has %d servers, %d zones, %d scenarios", len(m.Servers), len(m.Zones), len(m.Scenarios))
	}
	files := map[string]bool{}
	for _, z := range m.Zones {
		files[z.File] = true
	}
	for _, s := range m.Servers {
		for _, f := range s.Zones {
			if !files[f] {
				t.Errorf("server %s serves unknown file %s", s.Name, f)
			}
		}
		if s.Name == "ns1.ns-slow.test." && strings.Join(s.Faults, ",") != "slow" {
			t.Errorf("faults of %s: %v", s.Name, s.Faults)
		}
	}
	for _, mz := range m.Zones {
		t.Run(mz.File, func(t *testing.T) {
			// The unsigned text is a valid zone again, DS records included.
			z, err := authzone.Parse(mz.Origin, read(mz.File+".zone"), nil)
			if err != nil {
				t.Fatal(err)
			}
			if z.SOA().Serial != mz.Serial {
				t.Errorf("serial %d, manifest %d", z.SOA().Serial, mz.Serial)
			}
			if mz.Origin == "test." && mz.Canonical && len(z.RRset("healthy-signed.test.", dns.TypeDS)) != 1 {
				t.Error("test.zone lacks the DS of healthy-signed.test.")
			}
			if mz.SignedFile == "" {
				return
			}
			// The signed text parses, record for record.
			zp := dns.NewZoneParser(strings.NewReader(read(mz.SignedFile)), mz.Origin, mz.SignedFile)
			n, sigs := 0, 0
			for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
				n++
				if rr.Header().Rrtype == dns.TypeRRSIG {
					sigs++
				}
			}
			if err := zp.Err(); err != nil {
				t.Fatal(err)
			}
			if orig := w.Zones()[indexOf(w, mz.File)]; n != len(orig.Records()) || sigs == 0 {
				t.Errorf("%d records (%d RRSIG), zone has %d", n, sigs, len(orig.Records()))
			}
			for _, k := range mz.Keys {
				rr, err := dns.NewRR(read(k + ".key"))
				if err != nil {
					t.Fatal(err)
				}
				key := rr.(*dns.DNSKEY)
				if _, err := key.ReadPrivateKey(strings.NewReader(read(k+".private")), k+".private"); err != nil {
					t.Errorf("%s: %v", k, err)
				}
			}
		})
	}
	if _, err := parseZoneText(read("hints.zone")); err != nil {
		t.Errorf("hints: %v", err)
	}
	if _, err := parseZoneText(read("anchor.zone")); err != nil {
		t.Errorf("trust anchor: %v", err)
	}
}

func indexOf(w *engine.World, file string) int {
	for i, z := range w.Zones() {
		if z.File == file {
			return i
		}
	}
	return -1
}

// parseZoneText parses free zone text (hints, anchors) relative to the root.
func parseZoneText(text string) ([]dns.RR, error) {
	var out []dns.RR
	zp := dns.NewZoneParser(strings.NewReader(text), ".", "")
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		out = append(out, rr)
	}
	return out, zp.Err()
}
