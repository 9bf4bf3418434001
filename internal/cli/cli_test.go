package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
)

var (
	labOnce  sync.Once
	labWorld *engine.World
	labDir   string
	labErr   error
)

// labFiles builds the default world once and writes its hints, anchor and
// MMDB files.
func labFiles(t *testing.T) (*engine.World, string) {
	t.Helper()
	labOnce.Do(func() {
		labWorld, labErr = worlds.Default(time.Now())
		if labErr != nil {
			return
		}
		// In the temporary directory the process started with: a test that
		// points $TMPDIR into its own directory (TestReadmeCommands) may be
		// the first to call labFiles, and its directory goes with it.
		labDir, labErr = os.MkdirTemp(startTempDir, "dnsobs-cli-test-")
		if labErr != nil {
			return
		}
		labErr = WriteLabFiles(labWorld, labDir)
	})
	if labErr != nil {
		t.Fatal(labErr)
	}
	return labWorld, labDir
}

// startTempDir is os.TempDir() as the test process started.
var startTempDir = os.TempDir()

func TestMain(m *testing.M) {
	// The child of TestScanResumeAfterKill: a real scan over sockets, to be
	// killed with SIGKILL.
	if args := os.Getenv(scanChildEnv); args != "" {
		os.Exit(scanChild(args))
	}
	code := m.Run()
	if labDir != "" {
		os.RemoveAll(labDir)
	}
	os.Exit(code)
}

// run runs the CLI against the in-memory lab world.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	w, _ := labFiles(t)
	var out, errb bytes.Buffer
	code := Run(context.Background(), &Env{Stdout: &out, Stderr: &errb, Exchanger: w}, args)
	return code, out.String(), errb.String()
}

func labArgs(t *testing.T, extra ...string) []string {
	_, dir := labFiles(t)
	return append([]string{"--lab", "--hints", filepath.Join(dir, "hints.zone"), "--trust-anchor", filepath.Join(dir, "anchor.zone"),
		"--geo-asn", filepath.Join(dir, "asn.mmdb"), "--geo-country", filepath.Join(dir, "country.mmdb")}, extra...)
}

// bigFile writes a file of n bytes of comment lines.
func bigFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "big")
	line := strings.Repeat(";", 99) + "\n"
	b := []byte(strings.Repeat(line, n/len(line)+1))[:n]
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUsageErrors(t *testing.T) {
	_, dir := labFiles(t)
	tests := []usageCase{
		{"no command", nil, ""},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"unknown flag", []string{"check", "example.org", "--frob"}, "flag provided but not defined"},
		{"no domain", []string{"check"}, "want a DOMAIN (or several), got none"},
		{"two domains, one invalid", append([]string{"check", "a.example", "bad..name"}, labArgs(t)...), `"bad..name"`},
		{"two domains saved", append([]string{"check", "a.example", "b.example", "--save-observations", "x.json"}, labArgs(t)...), "--save-observations writes one domain's observations, got 2 domains"},
		{"bad color", []string{"check", "example.org", "--color", "yes"}, `--color "yes": want auto, always or never`},
		{"invalid name", append([]string{"check", "bad..name"}, labArgs(t)...), "empty label"},
		{"name with space", append([]string{"check", "spa ce.example"}, labArgs(t)...), `"spa ce.example" has a space inside`},
		{"name with control", append([]string{"check", "a\x1b[2J.example"}, labArgs(t)...), `"a\x1b[2J.example" has a control character`},
		{"name with NUL", append([]string{"check", "a\x00.example"}, labArgs(t)...), `"a\x00.example" has a control character`},
		{"name invalid UTF-8", append([]string{"check", "a\xff.example"}, labArgs(t)...), "not valid UTF-8"},
		{"wildcard name", append([]string{"check", "*.example"}, labArgs(t)...), "is a wildcard"},
		{"IP literal", append([]string{"check", "192.0.2.1"}, labArgs(t)...), "is an IP address"},
		{"IPv6 literal", append([]string{"check", "2001:db8::1"}, labArgs(t)...), "is an IP address"},
		{"leading hyphen", append([]string{"check", "www.-x.example"}, labArgs(t)...), "starting with a hyphen"},
		{"trailing hyphen", append([]string{"check", "x-.example"}, labArgs(t)...), "ending with a hyphen"},
		{"underscore", append([]string{"check", "_dmarc.example"}, labArgs(t)...), "underscore"},
		{"bad A-label any case", append([]string{"check", "Xn--0"}, labArgs(t)...), "not a valid host name"},
		{"long name echoed short", append([]string{"check", strings.Repeat("a", 300)}, labArgs(t)...), strings.Repeat("a", 80) + `…"`},
		{"lab without hints", []string{"check", "example.org", "--lab"}, "--lab requires --hints"},
		{"unreadable hints", []string{"check", "example.org", "--hints", "/nonexistent/hints"}, "cannot read --hints"},
		{"bad hints", []string{"check", "example.org", "--hints", filepath.Join(dir, "anchor.zone")}, "bad --hints"},
		{"bad anchor", []string{"check", "example.org", "--trust-anchor", filepath.Join(dir, "hints.zone")}, "bad --trust-anchor"},
		{"port without lab", []string{"check", "example.org", "--lab-port", "5353"}, "only allowed with --lab"},
		{"bad fail-on", []string{"check", "example.org", "--fail-on", "bad"}, "unknown severity"},
		{"bad lang", []string{"check", "example.org", "--lang", "de"}, "unsupported language"},
		{"bad at", []string{"check", "example.org", "--at", "yesterday"}, "not a time"},
		{"bad undelegated", append([]string{"check", "x.test", "--undelegated", "ns1.x.test"}, labArgs(t)...), "want NS=ADDR"},
		{"bad geo", append([]string{"check", "x.test", "--geo-asn", filepath.Join(dir, "hints.zone")}, labArgs(t)[:5]...), "geo"},
		{"bad do-not-probe", []string{"check", "example.org", "--do-not-probe", "300.1.1.1/8"}, "do-not-probe"},
		{"endless hints", []string{"check", "example.org", "--hints", "/dev/zero"}, "--hints /dev/zero is larger than the 1 MiB limit"},
		{"large hints", []string{"check", "example.org", "--hints", bigFile(t, 1<<20+1)}, "is larger than the 1 MiB limit"},
		{"endless anchor", []string{"check", "example.org", "--trust-anchor", "/dev/zero"}, "--trust-anchor /dev/zero is larger than the 1 MiB limit"},
		{"endless do-not-probe file", []string{"check", "example.org", "--do-not-probe-file", "/dev/zero"}, "--do-not-probe-file /dev/zero is larger than the 16 MiB limit"},
		{"endless replay", []string{"check", "--replay", "/dev/zero"}, "--replay /dev/zero is larger than the 256 MiB limit"},
		{"geo device", append([]string{"check", "x.test", "--geo-asn", "/dev/zero"}, labArgs(t)[:5]...), "--geo-asn /dev/zero is not a regular file"},
		{"geo country device", append([]string{"check", "x.test", "--geo-country", "/dev/zero"}, labArgs(t)[:5]...), "--geo-country /dev/zero is not a regular file"},
	}
	checkUsageErrors(t, tests)
}

func TestCheckJSON(t *testing.T) {
	code, out, stderr := run(t, append([]string{"check", "healthy-signed.test", "--json"}, labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	var r struct {
		Domain    string    `json:"domain"`
		CheckedAt time.Time `json:"checked_at"`
		DNSSEC    struct {
			Status string `json:"status"`
		} `json:"dnssec"`
		Nameservers []struct {
			Name      string `json:"name"`
			Addresses []struct {
				Addr    string          `json:"addr"`
				ASN     uint32          `json:"asn"`
				Country string          `json:"country"`
				Prefix  string          `json:"prefix"`
				Probe   json.RawMessage `json:"probe"`
			} `json:"addresses"`
		} `json:"nameservers"`
		Findings []struct {
			ID, Severity, Category, Message, Remediation string
		} `json:"findings"`
		IPv6        json.RawMessage `json:"ipv6"`
		QueriesSent int             `json:"queries_sent"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if r.Domain != "healthy-signed.test." || r.CheckedAt.IsZero() || r.DNSSEC.Status != "secure" {
		t.Errorf("domain %q checked_at %v dnssec %q", r.Domain, r.CheckedAt, r.DNSSEC.Status)
	}
	if len(r.Nameservers) < 2 || r.QueriesSent == 0 || len(r.IPv6) == 0 {
		t.Fatalf("nameservers %d, queries %d, ipv6 %s", len(r.Nameservers), r.QueriesSent, r.IPv6)
	}
	a := r.Nameservers[0].Addresses[0]
	if a.ASN == 0 || a.Country == "" || a.Prefix == "" || len(a.Probe) == 0 {
		t.Errorf("address without geo or probe: %+v", a)
	}
	for _, f := range r.Findings {
		if f.Severity == "error" || f.Severity == "critical" {
			t.Errorf("healthy control has %s %s", f.Severity, f.ID)
		}
	}
}

func TestCheckFailOnAndLang(t *testing.T) {
	code, out, _ := run(t, append([]string{"check", "ns-lame.test", "--fail-on", "error", "--lang", "es"}, labArgs(t)...)...)
	if code != ExitFailOn {
		t.Errorf("lame domain with --fail-on error: exit %d, want 1", code)
	}
	if !strings.Contains(out, "NS_LAME") || !strings.Contains(out, "Solución") {
		t.Errorf("Spanish report lacks NS_LAME or its remediation:\n%s", out)
	}
	if strings.Contains(out, "No se pudo terminar") {
		t.Errorf("a finding of severity error reads as a collection failure:\n%s", out)
	}
	code, _, _ = run(t, append([]string{"check", "ns-lame.test", "--fail-on", "critical"}, labArgs(t)...)...)
	if code != ExitOK {
		t.Errorf("--fail-on critical on an error finding: exit %d, want 0", code)
	}
	code, _, _ = run(t, append([]string{"check", "ns-lame.test", "--nagios"}, labArgs(t)...)...)
	if code != 2 {
		t.Errorf("--nagios on an error finding: exit %d, want 2 (CRITICAL)", code)
	}
}

func TestSaveAndReplay(t *testing.T) {
	obs := filepath.Join(t.TempDir(), "obs.json")
	code, first, stderr := run(t, append([]string{"check", "dnssec-rrsig-expiring.test", "--json", "--save-observations", obs}, labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, again, stderr := run(t, append([]string{"check", "--replay", obs, "--json"}, labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("replay exit %d: %s", code, stderr)
	}
	ids := func(s string) string {
		var r struct {
			Findings []struct{ ID, Subject string }
		}
		if err := json.Unmarshal([]byte(s), &r); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, f := range r.Findings {
			b.WriteString(f.ID + "/" + f.Subject + " ")
		}
		return b.String()
	}
	if ids(first) != ids(again) {
		t.Errorf("replay differs:\n first %s\n again %s", ids(first), ids(again))
	}
	// Re-analysis as of a later time: the expiring signature has expired.
	_, later, _ := run(t, append([]string{"check", "--replay", obs, "--json", "--at", time.Now().Add(30 * 24 * time.Hour).Format(time.RFC3339)}, labArgs(t)...)...)
	if !strings.Contains(ids(later), "DNSSEC_RRSIG_EXPIRED") {
		t.Errorf("a month later the expiring signature should have expired: %s", ids(later))
	}
}

func TestUndelegated(t *testing.T) {
	// The healthy zone's servers, named by hand: the parent is not asked for NS.
	w, _ := labFiles(t)
	_ = w
	code, out, stderr := run(t, append([]string{"check", "healthy-unsigned.test", "--json", "--undelegated", "ns1.hosta.test=127.53.10.1,ns2.hostb.test=127.53.20.1"}, labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r struct {
		Delegation  struct{ Status string } `json:"delegation"`
		Nameservers []struct{ Name string } `json:"nameservers"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Delegation.Status != "undelegated" || len(r.Nameservers) != 2 {
		t.Errorf("delegation %q with %d nameservers, want undelegated with 2", r.Delegation.Status, len(r.Nameservers))
	}
}

func TestChecksCatalog(t *testing.T) {
	code, out, _ := run(t, "checks", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	var defs []struct {
		ID         string
		Text       map[string]struct{ Title, Message, Remediation string }
		Zonemaster json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &defs); err != nil {
		t.Fatal(err)
	}
	if len(defs) < 26 {
		t.Errorf("%d checks, want at least 26", len(defs))
	}
	for _, d := range defs {
		var z []string
		if err := json.Unmarshal(d.Zonemaster, &z); err != nil || z == nil {
			t.Errorf("%s: zonemaster is %s, want a list ([] when none)", d.ID, d.Zonemaster)
		}
		if d.ID == "NS_COUNT_LOW" && (len(z) == 0 || z[0] != "DELEGATION01" || !slices.Contains(z, "NOT_ENOUGH_NS_CHILD")) {
			t.Errorf("NS_COUNT_LOW: zonemaster %v, want DELEGATION01 first and NOT_ENOUGH_NS_CHILD", z)
		}
	}
	code, out, _ = run(t, "checks", "--lang", "fr")
	if code != ExitOK || !strings.Contains(out, "NS_LAME") {
		t.Errorf("text catalog: exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "Zonemaster DNSSEC02") {
		t.Errorf("text catalog does not name the Zonemaster test cases:\n%s", out)
	}
}

// checks --zonemaster: Zonemaster's 75 test cases, each with the dnsobs
// checks that cover it or the reason none does.
func TestChecksZonemaster(t *testing.T) {
	code, out, errs := run(t, "checks", "--zonemaster")
	if code != ExitOK || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 75 {
		t.Errorf("%d lines, want 75:\n%s", len(lines), out)
	}
	for _, want := range []string{"BASIC01 ", "NAMESERVER14 ", "ZONE11 "} {
		if !strings.Contains(out, want) {
			t.Errorf("no line for %s", want)
		}
	}
	for _, l := range lines {
		f := strings.Fields(l)
		switch {
		case len(f) < 3:
			t.Errorf("short line %q", l)
		case f[0] == "CONSISTENCY01" && !regexp.MustCompile(`^CONSISTENCY01 +SOA serial number consistency +([A-Z0-9_]+ )*SOA_SERIAL_MISMATCH( |$)`).MatchString(l):
			t.Errorf("CONSISTENCY01 line %q, want its check SOA_SERIAL_MISMATCH", l)
		case f[0] == "BASIC03" && !regexp.MustCompile(`^BASIC03 +The _Broken but functional_ test +not measured: `).MatchString(l):
			t.Errorf("BASIC03 line %q, want its title and why it has no check", l)
		}
	}

	code, out, errs = run(t, "checks", "--zonemaster", "--json")
	if code != ExitOK || errs != "" {
		t.Fatalf("--json: exit %d: %s", code, errs)
	}
	var cases []struct {
		ID     string    `json:"id"`
		Title  string    `json:"title"`
		Checks *[]string `json:"checks"`
		Reason *string   `json:"reason"`
	}
	if err := json.Unmarshal([]byte(out), &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) != 75 {
		t.Errorf("%d cases, want 75", len(cases))
	}
	for _, c := range cases {
		if c.Title == "" || c.Checks == nil || c.Reason == nil {
			t.Errorf("%s: title %q, checks %v, reason %v: want all present", c.ID, c.Title, c.Checks, c.Reason)
			continue
		}
		if (len(*c.Checks) > 0) == (*c.Reason != "") {
			t.Errorf("%s: checks %v and reason %q: want one of them", c.ID, *c.Checks, *c.Reason)
		}
		if c.ID == "DELEGATION01" && !slices.Contains(*c.Checks, "NS_COUNT_LOW") {
			t.Errorf("DELEGATION01: checks %v, want NS_COUNT_LOW among them", *c.Checks)
		}
	}
}

func TestHelpShowsExample(t *testing.T) {
	for _, cmd := range []string{"check", "checks", "lab", "demo", "scan", "runs", "stats", "export", "reanalyze", "report"} {
		code, out, _ := run(t, cmd, "--help")
		if code != ExitOK || !strings.Contains(out, "Examples:") || !strings.Contains(out, "dnsobs "+cmd) {
			t.Errorf("%s --help: exit %d\n%s", cmd, code, out)
		}
	}
}

// The scenario world's demo: every lab domain shows its condition.
func TestDemoScenarios(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "demo.db")
	code, out, stderr := run(t, "demo", "--world", "scenarios", "--no-serve", "--store", db)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var good, total int
	for _, line := range strings.Split(out, "\n") {
		if _, err := fmt.Sscanf(line, "%d/%d domains show their injected condition", &good, &total); err == nil {
			break
		}
	}
	if total < 28 || good != total {
		t.Errorf("%d/%d domains as expected:\n%s", good, total, out)
	}
	// A condition only check can show is named as such, not counted; a
	// name dnsobs refuses as input is not scanned at all.
	if !strings.Contains(out, "under dnsobs check only (a scan asks the NS set of one address): ns-set-inconsistent.test.") ||
		strings.Contains(out, "domain-name-syntax-.test.") {
		t.Errorf("demo output on check-only and refused scenarios:\n%s", out)
	}
	if code, out, _ := run(t, "stats", "latest", "--store", db); code != ExitOK || !strings.Contains(out, "dnssec_status") {
		t.Errorf("stats after the demo: exit %d\n%s", code, out)
	}
}

// usageCase is a command line that must end in a one-line usage error
// (exit 2) whose text contains want.
type usageCase struct {
	name string
	args []string
	want string // in stderr
}

func checkUsageErrors(t *testing.T, tests []usageCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d; stderr %q", code, ExitUsage, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not say %q", stderr, tt.want)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("error is more than one line: %q", stderr)
			}
		})
	}
}
