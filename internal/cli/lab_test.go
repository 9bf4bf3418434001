package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/gen"
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
	for _, f := range []string{"hints.zone", "anchor.zone"} {
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

// syncBuffer is a bytes.Buffer a serving command writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// served is a dnsobs lab serve running in the test.
type served struct {
	banner, stderr string
	code           int // the exit code when it stopped before serving; -1 while serving
}

// bannerEnd is the last line of lab serve's banner.
const bannerEnd = "serving until interrupted"

// startServe runs dnsobs lab ARGS (a serve) on real sockets until the test
// ends, and returns once its banner is printed or it has exited.
func startServe(t *testing.T, args ...string) served {
	t.Helper()
	return startServeUntil(t, t, args...)
}

// startServeUntil is startServe serving until owner (t or a test around
// it) ends.
func startServeUntil(t, owner *testing.T, args ...string) served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() { done <- Run(ctx, &Env{Stdout: &out, Stderr: &errb}, args) }()
	owner.Cleanup(func() {
		cancel()
		<-done
	})
	hang := time.After(2 * time.Minute) // a guard against a hang, not a timing assertion
	for {
		select {
		case code := <-done:
			done <- code // for the cleanup
			return served{banner: out.String(), stderr: errb.String(), code: code}
		case <-hang:
			t.Fatalf("dnsobs %s: no banner; stdout %q, stderr %q", strings.Join(args, " "), out.String(), errb.String())
		case <-time.After(20 * time.Millisecond):
			if s := out.String(); strings.Contains(s, bannerEnd) {
				return served{banner: s, stderr: errb.String(), code: -1}
			}
		}
	}
}

// bannerCommand returns the arguments of the dnsobs command printed under
// the banner line that starts with title.
func bannerCommand(t *testing.T, banner, title string) []string {
	t.Helper()
	lines := strings.Split(banner, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, title) && i+1 < len(lines) {
			words, err := shellWords(strings.TrimSpace(lines[i+1]))
			if err != nil || len(words) < 2 || words[0] != "dnsobs" {
				t.Fatalf("line after %q: %q (%v)", title, lines[i+1], err)
			}
			return words[1:]
		}
	}
	t.Fatalf("no %q in the banner:\n%s", title, banner)
	return nil
}

// runOnSockets runs a dnsobs command as Main does: real sockets, no
// in-memory world.
func runOnSockets(args []string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(context.Background(), &Env{Stdout: &out, Stderr: &errb}, args)
	return code, out.String(), errb.String()
}

// checkBannerCommand runs the banner's check command against the served
// world: a report for that domain, exit 0 or 1.
func checkBannerCommand(t *testing.T, banner string) {
	t.Helper()
	args := bannerCommand(t, banner, "check a domain of it:")
	code, out, stderr := runOnSockets(append(args, "--json"))
	if code != ExitOK && code != ExitFailOn {
		t.Fatalf("dnsobs %s: exit %d: %s", shellJoin(args), code, stderr)
	}
	var r struct {
		Domain string `json:"domain"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || strings.TrimSuffix(r.Domain, ".") != args[1] {
		t.Fatalf("dnsobs %s: report %.300q (%v), want one for %s", shellJoin(args), out, err, args[1])
	}
	if strings.Contains(out, "DOMAIN_NOT_CHECKED") || strings.Contains(out, "DOMAIN_NO_WORKING_NS") {
		t.Errorf("dnsobs %s: the served world did not answer:\n%.2000s", shellJoin(args), out)
	}
}

// lab serve prints the addresses its listeners bound and a check command
// that works on the world it serves; its files are those of lab generate.
func TestLabServeBanner(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lab")
	port := freePort(t)
	s := startServe(t, "lab", "serve", "--dir", dir, "--port", strconv.Itoa(port))
	if s.code != -1 {
		t.Fatalf("exit %d: %s", s.code, s.stderr)
	}
	first := strings.SplitN(s.banner, "\n", 2)[0]
	if !strings.Contains(first, "port "+strconv.Itoa(port)) || !strings.Contains(first, "127.53.0.1-127.53.") {
		t.Errorf("the banner's first line does not give the port and the addresses bound: %q", first)
	}
	for _, f := range []string{"hints.zone", "anchor.zone", "asn.mmdb", "country.mmdb", "domains.txt", labMarker} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "domains.txt"))
	if !strings.HasPrefix(string(b), "healthy-signed.test\nhealthy-unsigned.test\n") {
		t.Errorf("domains.txt starts %.80q, want the scenario domains without final dots", b)
	}
	checkBannerCommand(t, s.banner)
	scan := bannerCommand(t, s.banner, "scan all of it:")
	if scan[0] != "scan" || scan[2] != filepath.Join(dir, "domains.txt") {
		t.Errorf("scan command %q", scan)
	}
}

// generate's banner tells how to serve the world (NSD, or the same world
// in process) and how to check it; the common files are the same bytes as
// those lab serve writes for the same world.
func TestLabGenerateBanner(t *testing.T) {
	root := t.TempDir()
	port := freePort(t)
	code, out, stderr := run(t, "lab", "generate", "--domains", "40", "--seed", "3", "--port", strconv.Itoa(port), "--dir", filepath.Join(root, "gen"))
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "nsd -d -c "+filepath.Join(root, "gen", "nsd", "infra", "nsd.conf")) {
		t.Errorf("no NSD command in:\n%s", out)
	}
	serve := bannerCommand(t, out, "or serve the same world in process")
	if want := filepath.Join(root, "gen-served"); serve[len(serve)-1] != want || !strings.Contains(shellJoin(serve), "--domains 40 --seed 3 --port "+strconv.Itoa(port)) {
		t.Fatalf("serve command %q", serve)
	}
	s := startServe(t, serve...)
	if s.code != -1 {
		t.Fatalf("%q: exit %d: %s", serve, s.code, s.stderr)
	}
	for _, f := range []string{"hints.zone", "anchor.zone", "asn.mmdb", "country.mmdb", "domains.txt"} {
		a, errA := os.ReadFile(filepath.Join(root, "gen", f))
		b, errB := os.ReadFile(filepath.Join(root, "gen-served", f))
		if strings.HasSuffix(f, ".mmdb") { // the metadata after the marker holds the build time
			a, b = mmdbData(a), mmdbData(b)
		}
		if errA != nil || errB != nil || !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s differs between lab generate and lab serve of the same world (%v, %v)", f, errA, errB)
		}
	}
	checkBannerCommand(t, out) // generate's own files, against the world served in process
}

// mmdbData is an MMDB file without its metadata section.
func mmdbData(b []byte) []byte {
	if i := bytes.LastIndex(b, []byte("\xab\xcd\xefMaxMind.com")); i >= 0 {
		return b[:i]
	}
	return b
}

// Two worlds served at once, on different ports, each checked through its
// own banner; a third on a port already served fails and names --port.
func TestLabTwoWorlds(t *testing.T) {
	root := t.TempDir()
	p1 := freePort(t)
	p2 := freePort(t)
	for p2 == p1 {
		p2 = freePort(t)
	}
	a := startServe(t, "lab", "serve", "--dir", filepath.Join(root, "a"), "--port", strconv.Itoa(p1))
	b := startServe(t, "lab", "serve", "--domains", "30", "--dir", filepath.Join(root, "b"), "--port", strconv.Itoa(p2))
	if a.code != -1 || b.code != -1 {
		t.Fatalf("exits %d, %d: %s %s", a.code, b.code, a.stderr, b.stderr)
	}
	if !strings.Contains(b.banner, "127.54.0.101") {
		t.Errorf("the generated world's banner does not show its addresses:\n%s", b.banner)
	}
	checkBannerCommand(t, a.banner)
	checkBannerCommand(t, b.banner)
	c := startServe(t, "lab", "serve", "--dir", filepath.Join(root, "c"), "--port", strconv.Itoa(p1))
	if c.code != ExitInternal || !strings.Contains(c.stderr, "--port") || strings.Count(strings.TrimSpace(c.stderr), "\n") > 0 {
		t.Errorf("a second world on port %d: exit %d, stderr %q; want %d and one line suggesting --port", p1, c.code, c.stderr, ExitInternal)
	}
	if _, err := os.Lstat(filepath.Join(root, "c")); err == nil {
		t.Error("the serve that could not bind wrote its --dir: a retry with --port would need --force")
	}
}

func TestLabDomainsBounds(t *testing.T) {
	dir := t.TempDir()
	checkUsageErrors(t, []usageCase{
		{"zero", []string{"lab", "serve", "--domains", "0", "--dir", dir}, "--domains 0: must be at least 1"},
		{"negative", []string{"lab", "generate", "--domains", "-5", "--dir", dir}, "--domains -5: must be at least 1"},
		{"too many", []string{"lab", "generate", "--domains", strconv.Itoa(gen.MaxDomains + 1), "--dir", dir}, "must be at most 4000000"},
		{"list zero", []string{"lab", "list", "--domains", "0"}, "must be at least 1"},
		{"generate without domains", []string{"lab", "generate", "--dir", dir}, "--domains N is required"},
		{"port zero", []string{"lab", "serve", "--port", "0", "--dir", dir}, "--port 0: want a port from 1 to 65535"},
		{"serve without dir", []string{"lab", "serve"}, "--dir DIR is required"},
		{"unknown action", []string{"lab", "frob"}, `unknown action "frob"`},
	})
}

// A lab command refuses a non-empty --dir; --force clears only a lab
// directory, removes symbolic links without following them, and never
// clears / or the home directory.
func TestLabDirForce(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(outside, "keep")
	if err := os.WriteFile(keep, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	notLab := filepath.Join(root, "notlab")
	if err := os.MkdirAll(notLab, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notLab, "mine"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	lab := filepath.Join(root, "lab")
	gen := func(dir string, extra ...string) (int, string) {
		code, _, stderr := run(t, append([]string{"lab", "generate", "--domains", "5", "--dir", dir}, extra...)...)
		return code, stderr
	}
	if code, stderr := gen(lab); code != ExitOK {
		t.Fatalf("into a new directory: exit %d: %s", code, stderr)
	}
	if code, stderr := gen(lab); code != ExitUsage || !strings.Contains(stderr, "is not empty") || !strings.Contains(stderr, "--force") {
		t.Errorf("into a lab directory without --force: exit %d, %q", code, stderr)
	}
	stale := filepath.Join(lab, "stale")
	if err := os.WriteFile(stale, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(lab, "link")); err != nil {
		t.Fatal(err)
	}
	if code, stderr := gen(lab, "--force"); code != ExitOK {
		t.Fatalf("--force on a lab directory: exit %d: %s", code, stderr)
	}
	if _, err := os.Lstat(stale); err == nil {
		t.Error("--force left a file of the directory")
	}
	if _, err := os.Lstat(filepath.Join(lab, "link")); err == nil {
		t.Error("--force left a symbolic link of the directory")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("--force followed a symbolic link out of the directory: %v", err)
	}
	if code, stderr := gen(notLab, "--force"); code != ExitUsage || !strings.Contains(stderr, labMarker) {
		t.Errorf("--force on a directory no lab command wrote: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(notLab, "mine")); err != nil {
		t.Errorf("--force cleared a directory that is not a lab's: %v", err)
	}
	if code, stderr := gen(filepath.Join(notLab, "mine")); code != ExitUsage || !strings.Contains(stderr, "is not a directory") {
		t.Errorf("--dir on a file: exit %d, %q", code, stderr)
	}
	// The home directory, even holding the marker, and the root: refused
	// before anything is removed (clearable decides; the root is never
	// handed to prepareLabDir here).
	t.Setenv("HOME", lab)
	if code, stderr := gen(lab, "--force"); code != ExitUsage || !strings.Contains(stderr, "home directory") {
		t.Errorf("--force on $HOME: exit %d, %q", code, stderr)
	}
	if err := clearable("/"); err == nil || !strings.Contains(err.Error(), "root directory") {
		t.Errorf("clearable(/): %v", err)
	}
	if code, _, stderr := run(t, "lab", "write", "--dir", notLab); code != ExitUsage || !strings.Contains(stderr, "is not empty") {
		t.Errorf("lab write into a non-empty directory: exit %d, %q", code, stderr)
	}
}
