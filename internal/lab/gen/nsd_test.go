package gen

import (
	"bufio"
	"context"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/testenv"
)

// nsd5kDir is where nsd5k writes the shared world; TestMain removes it.
var nsd5kDir string

// nsd5k is the shared 5,000-domain world written by WriteNSD, once:
// writing its files is most of what the tests that need it cost.
var nsd5k = sync.OnceValues(func() (*NSDLayout, error) {
	g := world5k()
	if g.err != nil {
		return nil, g.err
	}
	dir, err := os.MkdirTemp("", "dnsobs-gen-test-")
	if err != nil {
		return nil, err
	}
	nsd5kDir = dir
	return WriteNSD(g.w, g.domains, dir)
})

func TestMain(m *testing.M) {
	code := m.Run()
	if nsd5kDir != "" {
		os.RemoveAll(nsd5kDir)
	}
	os.Exit(code)
}

func TestWriteNSD(t *testing.T) {
	w, domains := get5k(t)
	l, err := nsd5k()
	if err != nil {
		t.Fatalf("WriteNSD: %v", err)
	}
	byName := map[string]NSDInstance{}
	listening := map[netip.Addr]string{}
	for _, inst := range l.Instances {
		byName[inst.Name] = inst
		for _, a := range inst.Addrs {
			if o, dup := listening[a]; dup {
				t.Errorf("%s listens in %s and %s", a, o, inst.Name)
			}
			listening[a] = inst.Name
		}
	}

	t.Run("instances", func(t *testing.T) {
		for _, name := range []string{"infra", "shard-1", "shard-4", "lame", "axfr"} {
			if _, ok := byName[name]; !ok {
				t.Errorf("no instance %q in %v", name, l.Instances)
			}
		}
		if z := byName["lame"].Zones; len(z) != 0 {
			t.Errorf("the lame instance serves %d zones", len(z))
		}
		if !byName["axfr"].AXFR || len(byName["axfr"].Zones) == 0 {
			t.Errorf("axfr instance: %+v", byName["axfr"].Zones)
		}
		if !strings.Contains(strings.Join(byName["infra"].Zones, " "), "test.") {
			t.Errorf("infra serves %v", byName["infra"].Zones)
		}
	})
	t.Run("every server address is served as its faults say", func(t *testing.T) {
		for _, s := range w.Servers() {
			for _, a := range s.Addrs {
				want := "shard-"
				switch {
				case s.Faults.Lame:
					want = "lame"
				case s.Faults.AXFROpen:
					want = "axfr"
				case isInfra(s):
					want = "infra"
				}
				if got := listening[a]; !strings.HasPrefix(got, want) {
					t.Errorf("%s (%s, faults %v) in instance %q, want %s", a, s.Name, s.Faults.Names(), got, want)
				}
			}
		}
		if len(l.Unserved) == 0 {
			t.Error("no unreachable addresses")
		}
		for _, a := range l.Unserved {
			if inst, ok := listening[a]; ok {
				t.Errorf("unreachable %s listens in %s", a, inst)
			}
		}
		if !strings.Contains(strings.Join(l.Unexpressed, "\n"), "recursive") {
			t.Errorf("Unexpressed does not mention the recursive servers: %q", l.Unexpressed)
		}
	})
	t.Run("each domain served by the instances of its servers", func(t *testing.T) {
		served := map[string]map[string]bool{}
		for _, inst := range l.Instances {
			served[inst.Name] = map[string]bool{}
			for _, z := range inst.Zones {
				served[inst.Name][z] = true
			}
		}
		for _, s := range w.Servers() {
			if s.Faults.Lame {
				continue
			}
			inst := listening[s.Addrs[0]]
			for _, z := range s.Zones {
				if !served[inst][z.Origin] {
					t.Fatalf("%s serves %s in the lab but not in NSD instance %s", s.Name, z.Origin, inst)
				}
			}
		}
	})
	t.Run("domains, hints and anchor", func(t *testing.T) {
		b, err := os.ReadFile(l.Domains)
		want := ""
		for _, d := range domains {
			want += strings.TrimSuffix(d, ".") + "\n" // one a line, no final dot (zonefiles.WriteCommon)
		}
		if err != nil || want != string(b) {
			t.Errorf("domains.txt: %v", err)
		}
		for _, f := range []struct{ path, want string }{{l.Hints, w.Hints()}, {l.TrustAnchor, w.TrustAnchor()}} {
			if b, err := os.ReadFile(f.path); err != nil || string(b) != f.want {
				t.Errorf("%s: %v", f.path, err)
			}
		}
	})
	t.Run("zone files parse", func(t *testing.T) {
		n := 0
		err := filepath.WalkDir(l.ZonesDir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			zp := dns.NewZoneParser(bufio.NewReader(f), "", path)
			recs := 0
			for _, ok := zp.Next(); ok; _, ok = zp.Next() {
				recs++
			}
			if err := zp.Err(); err != nil || recs == 0 {
				t.Errorf("%s: %d records, %v", path, recs, err)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n != len(w.Zones()) {
			t.Errorf("%d zone files for %d zones", n, len(w.Zones()))
		}
	})
	t.Run("nsd-checkconf", func(t *testing.T) {
		bin, err := exec.LookPath("nsd-checkconf")
		if err != nil {
			bin = "/usr/sbin/nsd-checkconf"
			if _, err := os.Stat(bin); err != nil {
				testenv.Unavailable(t, "nsd-checkconf is not installed: run scripts/install-test-deps.sh as root")
			}
		}
		for _, inst := range l.Instances {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			out, err := exec.CommandContext(ctx, bin, inst.Conf).CombinedOutput()
			cancel()
			if err != nil {
				t.Errorf("nsd-checkconf %s: %v\n%s", inst.Name, err, out)
			}
		}
	})
	t.Run("nsd-checkzone", func(t *testing.T) {
		bin, err := exec.LookPath("nsd-checkzone")
		if err != nil {
			bin = "/usr/sbin/nsd-checkzone"
			if _, err := os.Stat(bin); err != nil {
				testenv.Unavailable(t, "nsd-checkzone is not installed: run scripts/install-test-deps.sh as root")
			}
		}
		zones := []string{".", "test."}
		for _, d := range domains {
			if z := w.Zone(d); z.Signed() && len(zones) < 4 {
				zones = append(zones, d) // a signed domain, with NSEC and with NSEC3
			}
		}
		zones = append(zones, domains[0])
		for _, origin := range zones {
			path := filepath.Join(l.ZonesDir, zonePath(w.Zone(origin)))
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			out, err := exec.CommandContext(ctx, bin, origin, path).CombinedOutput()
			cancel()
			if err != nil {
				t.Errorf("nsd-checkzone %s: %v\n%s", origin, err, out)
			}
		}
	})
}
