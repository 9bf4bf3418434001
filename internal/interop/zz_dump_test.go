package interop

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab"
)

func TestZZDump(t *testing.T) {
	w, err := lab.Default(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, z := range w.Zones() {
		os.WriteFile(filepath.Join("/tmp/lz", z.File+".zone"), []byte(z.Text()), 0o644)
		os.WriteFile(filepath.Join("/tmp/lz", z.File+".signed"), []byte(z.SignedText()), 0o644)
	}
	for _, s := range w.Servers() {
		var zs []string
		for _, z := range s.Zones {
			zs = append(zs, z.File)
		}
		t.Log(s.Name, s.Addrs, s.Faults.Names(), zs)
	}
	t.Log(w.Hints(), w.TrustAnchor())
}
