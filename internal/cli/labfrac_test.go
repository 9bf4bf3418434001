package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lab generate and lab serve take the generator's fractions as flags,
// each within 0..1, 0 meaning none.
func TestLabFractionFlags(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "world")
	code, out, stderr := run(t, "lab", "generate", "--domains", "300", "--dir", dir, "--silent-frac", "0.2", "--lame-frac", "0")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "silent server addresses") {
		t.Errorf("no silent addresses said:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "nsd", "lame", "nsd.conf")); err == nil {
		t.Error("--lame-frac 0 and still a lame NSD instance")
	}
	for _, bad := range [][]string{
		{"--silent-frac", "1.5"}, {"--lame-frac", "-0.1"}, {"--axfr-frac", "NaN"},
	} {
		args := append([]string{"lab", "generate", "--domains", "60", "--dir", t.TempDir()}, bad...)
		if code, _, stderr := run(t, args...); code != ExitUsage || !strings.Contains(stderr, strings.TrimLeft(bad[0], "-")) {
			t.Errorf("%v: exit %d (%s), want %d naming the flag", bad, code, strings.TrimSpace(stderr), ExitUsage)
		}
	}
}
