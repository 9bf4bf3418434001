package zonefiles_test

import (
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/zonefiles"
	"github.com/lac-dns-observatory/dnsobs/internal/testenv"
)

// The configuration says what was asked, and NSD's own checker accepts it
// (when nsd-checkconf is installed).
func TestNSD(t *testing.T) {
	dir := t.TempDir()
	zones := [][2]string{{"example.test.", filepath.Join(dir, "example.test.zone")}, {"test.", "test.zone"}}
	cases := []struct {
		name string
		conf zonefiles.NSD
		want []string
		not  []string
	}{
		{"healthy v4", zonefiles.NSD{Dir: dir, Addrs: []netip.Addr{netip.MustParseAddr("127.53.1.1")}, Port: 5353, Identity: "a1", Version: "lab 1", NSID: "a1-nsid"},
			[]string{"ip-address: 127.53.1.1\n", "port: 5353\n", "do-ip4: yes\n", "do-ip6: no\n", `identity: "a1"`, `version: "lab 1"`, `nsid: "ascii_a1-nsid"`,
				`zonesdir: "` + dir + `"`, `name: "example.test."`, `zonefile: "test.zone"`, "rrl-ratelimit: 0\n"},
			[]string{"provide-xfr", "hide-identity", "logfile"}},
		{"axfr, v6, hidden identity, log", zonefiles.NSD{Dir: dir, ZonesDir: "/zones", Addrs: []netip.Addr{netip.MustParseAddr("::1")}, AXFR: true, LogFile: filepath.Join(dir, "nsd.log")},
			[]string{"port: 53\n", "do-ip4: no\n", "do-ip6: yes\n", "provide-xfr: 0.0.0.0/0 NOKEY\n", "hide-identity: yes\n", "hide-version: yes\n", `zonesdir: "/zones"`, "logfile: "},
			[]string{"nsid:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			if err := c.conf.Write(&b, func(yield func(string, string) bool) {
				for _, z := range zones {
					if !yield(z[0], z[1]) {
						return
					}
				}
			}); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			for _, n := range c.not {
				if strings.Contains(got, n) {
					t.Errorf("%q in\n%s", n, got)
				}
			}
			if strings.Count(got, "zone:\n") != len(zones) {
				t.Errorf("%d zones, want %d", strings.Count(got, "zone:\n"), len(zones))
			}
			checkconf, err := exec.LookPath("nsd-checkconf")
			if err != nil {
				if checkconf = "/usr/sbin/nsd-checkconf"; !fileExists(checkconf) {
					testenv.Unavailable(t, "nsd-checkconf is not installed: run scripts/install-test-deps.sh as root")
				}
			}
			path := filepath.Join(t.TempDir(), "nsd.conf")
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(checkconf, path).CombinedOutput(); err != nil {
				t.Errorf("nsd-checkconf: %v\n%s\n%s", err, out, got)
			}
		})
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
