package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
)

// A hostile lab server, whose NSID and CHAOS hostname.bind and
// version.bind answers hold NUL, an ANSI colour sequence, a newline and
// invalid UTF-8: check's text report shows them escaped, one identity
// line per address, and not one raw control byte.
func TestCheckHostileServerIdentity(t *testing.T) {
	w, err := worlds.Default(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	const evil = "a\x00b\x1b[31mred\nnext\xff"
	for _, s := range w.Servers() {
		s.NSID, s.Hostname, s.Version = evil, evil, evil
	}
	dir := t.TempDir()
	if err := WriteLabFiles(w, dir); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := Run(context.Background(), &Env{Stdout: &out, Stderr: &errb, Exchanger: w}, []string{"check", "healthy-unsigned.test",
		"--lab", "--hints", filepath.Join(dir, "hints.zone"), "--trust-anchor", filepath.Join(dir, "anchor.zone")})
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	text := out.String()
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c < 0x20 && c != '\n') || c == 0x7f || c >= 0xf8 {
			t.Errorf("raw byte %#x at %d: %q", c, i, text[max(0, i-30):min(len(text), i+30)])
		}
	}
	// The DNS library gives TXT strings in presentation format (\DDD);
	// the NSID, not printable, stays hex.
	ident := `nsid "6100621b5b33316d7265640a6e657874ff", hostname.bind "a\000b\027[31mred\010next\255", id.server "a\000b\027[31mred\010next\255", version.bind "a\000b\027[31mred\010next\255"`
	if n := strings.Count(text, ident+"\n"); n == 0 {
		t.Errorf("no identity line %s in:\n%s", ident, text)
	}
}
