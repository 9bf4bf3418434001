package cli

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
)

// lab generate writes a generated world for NSD from its plan, with the
// input list, hints, anchor, nsd.conf files and GeoIP databases.
func TestLabGenerate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "world")
	code, out, stderr := run(t, "lab", "generate", "--domains", "60", "--dir", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "domains.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Fields(string(b))); n != 60 {
		t.Errorf("domains.txt lists %d domains, want 60", n)
	}
	confs, _ := filepath.Glob(filepath.Join(dir, "nsd", "*", "nsd.conf"))
	if len(confs) == 0 || strings.Count(out, "  nsd -d -c ") != len(confs) {
		t.Errorf("%d nsd.conf files, output:\n%s", len(confs), out)
	}
	for _, f := range []string{"hints.zone", "trust-anchor.zone"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	db, err := geo.Open(filepath.Join(dir, "asn.mmdb"), filepath.Join(dir, "country.mmdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if g := db.Lookup(netip.MustParseAddr("127.54.0.101")); g.ASN != 64500 || g.Country != "UY" {
		t.Errorf("the root server's network: %+v, want AS64500 in UY", g)
	}
	if code, _, _ := run(t, "lab", "generate", "--domains", "60"); code != ExitUsage {
		t.Errorf("generate without --dir: exit %d, want %d", code, ExitUsage)
	}
}
