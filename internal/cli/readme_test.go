package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// TestReadmeCommands runs every command line of README.md's ```sh blocks
// against lab worlds served on loopback, in process through Run (what
// Main does, on real sockets), in README order, and checks its exit code.
// README and tool cannot drift apart: a line the rules below do not know
// how to run fails the test; none is skipped silently.
//
// Reading the README: a line ending in \ continues on the next; # starts a
// comment (outside quotes); words are split as a POSIX shell splits them.
// `<FILE`, `>FILE` and `2>FILE` redirect standard input, output and error;
// pipes, `;`, `&&`, `&` and substitutions ($(...), `...`, <(...)) are
// refused.
//
// Which lines run: `./dnsobs ARGS`, `dnsobs ARGS` and `go run ./cmd/dnsobs
// ARGS` run as dnsobs ARGS. Any other program must be listed in
// notDnsobs, with the reason it is not run here.
//
// The substitution rules, applied to each argument (flags are told from
// positional arguments by the command's own flag set):
//   - Names: example.org and every name under it become healthy-signed.test,
//     example.net → healthy-unsigned.test, example.com → ns-lame.test (real
//     domains of the scenario world), wherever they occur in an argument;
//     NAME.example (RFC 2606's TLD) becomes NAME.test, a name the world does
//     not delegate.
//   - --undelegated NS=ADDR,... is replaced by the real nameservers and
//     addresses of the (substituted) domain checked, so the undelegated
//     check reaches the lab's servers, and --ds by that domain's real DS.
//   - A placeholder (<64 hex digits>) must be filled by one of these rules:
//     one left over fails the test.
//   - Files: an absolute path (but /dev/...), also after sqlite:, is moved
//     under the test's directory (/tmp/lab → TMP/fs/tmp/lab), its parent
//     created; relative paths are relative to a fresh working directory. An
//     input the README assumes (--input FILE or <FILE that does not exist)
//     is made from the first readmeInputDomains lines of the served world's
//     domains.txt: a list, or for *.zone a zone file delegating them.
//   - Network: a command whose flag set has --lab, given without --lab,
//     --replay or --resume, gets the lab flags printed in the banner of the
//     world the test serves first (--lab --hints --trust-anchor --geo-asn
//     --geo-country --lab-port). --lab-port N becomes the port actually
//     served by the README's `lab serve` that asked for port N (or the
//     default of its kind: 5353 scenario, 5354 generated); an unknown N,
//     the first world's port.
//   - lab serve: runs until the test ends, on a free port (its --port, or
//     the default it would take, is remembered for --lab-port); it must
//     print its banner. --domains above 200 becomes 200 (the README shows
//     scale; the test checks the command). --metrics-addr HOST:PORT gets
//     port 0.
//   - Run numbers (all-digit positional arguments, --resume and --compare
//     values): the README's numbers map, largest first, to the default
//     store's runs, latest first, when the first such line runs.
//   - The store, $HOME, $XDG_DATA_HOME and $TMPDIR point into the test's
//     directory.
//
// Expected exit codes: 0; for check with --fail-on, 1 when the same check
// with --json reports a finding at or above the severity, else 0; with
// --nagios, the code nagiosStatus gives that report; and the lines listed
// in readmeExpect. A check's output must name the domain checked and the
// check must finish (no DOMAIN_NOT_CHECKED: the world answered); a scan
// must not fail on every domain.
func TestReadmeCommands(t *testing.T) {
	md, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := readmeCommands(string(md))
	if len(lines) < 10 {
		t.Fatalf("found %d command lines in README.md's sh blocks", len(lines))
	}
	r := newReadmeRunner(t)
	r.numbers = runNumbers(lines)
	for _, l := range lines {
		ok := t.Run(fmt.Sprintf("line%d", l.n), func(t *testing.T) {
			r.t = t
			r.run(l)
		})
		if !ok {
			t.Logf("README.md:%d: %s", l.n, l.text)
		}
	}
	if r.ran < 10 {
		t.Errorf("ran %d dnsobs commands", r.ran)
	}
}

// notDnsobs are the README's command lines of other programs, by prefix,
// and why they are not run here.
var notDnsobs = []struct{ prefix, why string }{
	{"go build ", "builds the binary whose code this test runs in process"},
	{"scripts/test.sh", "the whole suite, of which this test is part"},
	{"go test ", "runs tests, this one among them"},
}

// readmeExpect are the lines whose exit code is not 0, by the words of
// the README command (comment left out) they contain and lack, with a
// text their standard error must hold.
var readmeExpect = []struct {
	has, lacks string
	code       int
	stderr     string
	why        string
}{
	{"runs delete ", "--yes", ExitUsage, "--yes", "without a terminal to ask on, runs delete refuses unless --yes"},
	{"scan --resume ", "", ExitUsage, "already done", "the test's runs are all done: a done run is not resumed"},
}

// readmeLine is one command line of the README.
type readmeLine struct {
	n    int // line number where it starts
	text string
}

// readmeCommands returns the command lines of md's ```sh blocks, with
// continuation lines joined; blank and comment-only lines are left out.
func readmeCommands(md string) []readmeLine {
	var (
		out  []readmeLine
		inSh bool
		cur  *readmeLine
	)
	sc := bufio.NewScanner(strings.NewReader(md))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inSh = !inSh && strings.TrimPrefix(trimmed, "```") == "sh"
			cur = nil
			continue
		}
		if !inSh {
			continue
		}
		if cur == nil {
			if trimmed == "" || strings.HasPrefix(trimmed, "#") {
				continue
			}
			out = append(out, readmeLine{n: n})
			cur = &out[len(out)-1]
		}
		cont := strings.HasSuffix(line, `\`)
		cur.text += strings.TrimSuffix(trimmed, `\`)
		if cont {
			cur.text += " "
		} else {
			cur.text = strings.TrimSpace(cur.text)
			cur = nil
		}
	}
	return out
}

// commandLine is a README line split into words and redirections.
type commandLine struct {
	words                 []string
	stdin, stdout, stderr string
}

func parseCommandLine(text string) (commandLine, error) {
	for _, bad := range []string{"$(", "`", "<("} {
		if strings.Contains(text, bad) {
			return commandLine{}, fmt.Errorf("%q: substitutions are not run", bad)
		}
	}
	words, err := shellWords(placeholder.ReplaceAllStringFunc(text, func(m string) string {
		return "PLACEHOLDER(" + strings.ReplaceAll(m[1:len(m)-1], " ", "_") + ")"
	}))
	if err != nil {
		return commandLine{}, err
	}
	var c commandLine
	for i := 0; i < len(words); i++ {
		w := words[i]
		target := func(prefix string) (string, error) {
			if v := strings.TrimPrefix(w, prefix); v != "" {
				return v, nil
			}
			if i+1 == len(words) {
				return "", fmt.Errorf("%s without a file", prefix)
			}
			i++
			return words[i], nil
		}
		var err error
		switch {
		case w == "|" || w == ";" || w == "&&" || w == "||" || w == "&":
			return commandLine{}, fmt.Errorf("%q: only single commands are run", w)
		case w == "2>&1":
			c.stderr = "&1"
		case strings.HasPrefix(w, "2>"):
			c.stderr, err = target("2>")
		case strings.HasPrefix(w, "1>"):
			c.stdout, err = target("1>")
		case strings.HasPrefix(w, ">"):
			c.stdout, err = target(">")
		case strings.HasPrefix(w, "<"):
			c.stdin, err = target("<")
		default:
			c.words = append(c.words, w)
		}
		if err != nil {
			return commandLine{}, err
		}
	}
	return c, nil
}

// dnsobsArgs returns the arguments of a dnsobs command line.
func dnsobsArgs(words []string) ([]string, bool) {
	switch {
	case len(words) > 0 && (words[0] == "./dnsobs" || words[0] == "dnsobs"):
		return words[1:], true
	case len(words) > 2 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/dnsobs":
		return words[3:], true
	}
	return nil, false
}

// readmeRunner runs README lines against the lab (see TestReadmeCommands).
type readmeRunner struct {
	t        *testing.T // the line's
	owner    *testing.T // TestReadmeCommands: the worlds served live as long
	dir      string     // the test's directory
	labFlags []string   // from the first world's banner
	labPort  string
	domains  string // the first world's domains.txt
	world    *engine.World
	ports    map[string]string // README port → served port
	numbers  []string          // the README's run numbers
	runs     map[string]string // README run number → stored run ID
	ran      int
	serveURL string // the URL a README `dnsobs serve` line serves on, for its curl lines
}

// The names the README's RFC 2606 names become.
var readmeNames = map[string]string{"org": "healthy-signed.test", "net": "healthy-unsigned.test", "com": "ns-lame.test"}

var (
	// placeholder is a <what goes here> in a README line; a redirection
	// has a blank after <.
	placeholder = regexp.MustCompile(`<[A-Za-z0-9][^<>]*>`)
	exampleName = regexp.MustCompile(`(?i)\b(?:[a-z0-9-]+\.)*example\.(org|net|com)\b`)
	exampleTLD  = regexp.MustCompile(`(?i)\b([a-z0-9-]+(?:\.[a-z0-9-]+)*)\.example\b`)
)

func newReadmeRunner(t *testing.T) *readmeRunner {
	dir := t.TempDir()
	for _, d := range []string{"work", "home", "data", "tmp", "fs"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HOME", filepath.Join(dir, "home"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("TMPDIR", filepath.Join(dir, "tmp"))
	t.Chdir(filepath.Join(dir, "work"))
	w, _ := labFiles(t)
	r := &readmeRunner{t: t, owner: t, dir: dir, world: w, ports: map[string]string{}}
	s := startServe(t, "lab", "serve", "--dir", filepath.Join(dir, "lab"), "--port", strconv.Itoa(freePort(t)))
	if s.code != -1 {
		t.Fatalf("serving the lab: exit %d: %s", s.code, s.stderr)
	}
	check := bannerCommand(t, s.banner, "check a domain of it:")
	r.labFlags = check[2:]
	for i, a := range r.labFlags {
		if a == "--lab-port" {
			r.labPort = r.labFlags[i+1]
		}
	}
	r.domains = filepath.Join(dir, "lab", "domains.txt")
	return r
}

// flagSetOf returns the flag set the command args reach (nil for one
// without flags), without running it.
func flagSetOf(args []string) *flag.FlagSet {
	var got *flag.FlagSet
	env := &Env{Stdout: io.Discard, Stderr: io.Discard, collect: func(fs *flag.FlagSet) { got = fs }}
	Run(context.Background(), env, args)
	return got
}

// arg is one argument of a dnsobs command: a flag with its value, or a
// positional argument.
type arg struct {
	flag  string // name without dashes; "" for a positional argument
	raw   string // the flag as written (-x, --x, --x=v)
	value string
	hasV  bool // the flag takes a value
}

func splitArgs(fs *flag.FlagSet, args []string) []arg {
	var out []arg
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" || fs == nil {
			out = append(out, arg{value: a})
			continue
		}
		name, value, eq := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		isBool := false
		if f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				isBool = true
			}
		}
		x := arg{flag: name, raw: strings.SplitN(a, "=", 2)[0]}
		switch {
		case eq:
			x.value, x.hasV = value, true
		case !isBool && f != nil && i+1 < len(args):
			i++
			x.value, x.hasV = args[i], true
		}
		out = append(out, x)
	}
	return out
}

func joinArgs(as []arg) []string {
	var out []string
	for _, a := range as {
		switch {
		case a.flag == "":
			out = append(out, a.value)
		case a.hasV:
			out = append(out, a.raw, a.value)
		default:
			out = append(out, a.raw)
		}
	}
	return out
}

func (r *readmeRunner) run(l readmeLine) {
	t := r.t
	c, err := parseCommandLine(l.text)
	if err != nil {
		t.Fatalf("README.md:%d: cannot run %q: %v", l.n, l.text, err)
	}
	if len(c.words) > 0 && c.words[0] == "curl" {
		r.curl(l, c.words[1:])
		return
	}
	args, ok := dnsobsArgs(c.words)
	if !ok {
		for _, nd := range notDnsobs {
			if strings.HasPrefix(l.text, nd.prefix) {
				t.Skipf("not dnsobs: %s", nd.why)
			}
		}
		t.Fatalf("README.md:%d: %q is not a dnsobs command and not in notDnsobs: add a rule or fix the README", l.n, l.text)
	}
	r.ran++
	fs := flagSetOf(args)
	as := r.mapArgs(fs, splitArgs(fs, args))
	mapped := joinArgs(as)
	t.Logf("README.md:%d: dnsobs %s", l.n, shellJoin(mapped))

	if len(mapped) > 1 && mapped[0] == "lab" && mapped[1] == "serve" {
		if s := startServeUntil(t, r.owner, mapped...); s.code != -1 {
			t.Fatalf("exit %d, not serving: %s", s.code, s.stderr)
		}
		return
	}
	if len(mapped) > 0 && (mapped[0] == "serve" || mapped[0] == "demo") {
		r.runServing(mapped)
		return
	}
	stdin := io.Reader(strings.NewReader(""))
	if c.stdin != "" {
		b, err := os.ReadFile(r.inputFile(r.path(c.stdin)))
		if err != nil {
			t.Fatal(err)
		}
		stdin = bytes.NewReader(b)
	}
	var out, errb bytes.Buffer
	code := Run(context.Background(), &Env{Stdin: stdin, Stdout: &out, Stderr: &errb}, mapped)
	for _, red := range []struct {
		file string
		b    *bytes.Buffer
	}{{c.stdout, &out}, {c.stderr, &errb}} {
		if red.file != "" && red.file != "&1" {
			if err := os.WriteFile(r.path(red.file), red.b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want, wantErr := r.expect(strings.Join(c.words, " ")+" ", as)
	if code != want {
		t.Fatalf("exit %d, want %d\nstdout: %.3000s\nstderr: %.3000s", code, want, out.String(), errb.String())
	}
	if wantErr != "" && !strings.Contains(errb.String(), wantErr) {
		t.Errorf("stderr %q does not say %q", errb.String(), wantErr)
	}
	if code == ExitOK || code == ExitFailOn {
		r.finished(as, out.String(), errb.String())
	}
}

// finished checks that a command reached the world it was sent to: a check
// names its domain and finished (no DOMAIN_NOT_CHECKED), a scan did not
// fail on every domain.
func (r *readmeRunner) finished(as []arg, stdout, stderr string) {
	t := r.t
	if len(as) == 0 || as[0].flag != "" {
		return
	}
	switch as[0].value {
	case "check":
		for _, d := range checkedDomains(as) {
			if !strings.Contains(stdout, strings.TrimSuffix(d, ".")) {
				t.Errorf("the output does not name %s:\n%.2000s", d, stdout)
			}
		}
		if strings.Contains(stdout, "DOMAIN_NOT_CHECKED") {
			t.Errorf("the check did not finish (is the world served?):\n%.2000s", stdout)
		}
	case "scan":
		var n, errs int
		for _, l := range strings.Split(stderr, "\n") {
			if _, err := fmt.Sscanf(l, "scanned %d domains in", &n); err == nil {
				i := strings.Index(l, " queries, ")
				fmt.Sscanf(l[i+len(" queries, "):], "%d errors", &errs)
				break
			}
		}
		if n == 0 || errs >= n {
			t.Errorf("scanned %d domains, %d errors (is the world served?):\n%.2000s", n, errs, stderr)
		}
	}
}

// mapArgs applies the substitution rules of TestReadmeCommands.
func (r *readmeRunner) mapArgs(fs *flag.FlagSet, as []arg) []arg {
	t := r.t
	has := func(name string) bool {
		for _, a := range as {
			if a.flag == name {
				return true
			}
		}
		return false
	}
	isLab := len(as) > 1 && as[0].value == "lab" && as[0].flag == ""
	action := ""
	if isLab {
		action = as[1].value
	}
	for i := range as {
		a := &as[i]
		if a.flag == "" || a.hasV {
			a.value = r.rename(r.path(a.value))
		}
		switch {
		case a.flag == "" && i > 0 && isDigits(a.value):
			a.value = r.runID(a.value)
		case a.flag == "resume" || a.flag == "compare":
			if isDigits(a.value) {
				a.value = r.runID(a.value)
			}
		case a.flag == "port" && (action == "serve" || action == "generate"):
			p := strconv.Itoa(freePort(t))
			r.ports[a.value] = p
			a.value = p
		case a.flag == "lab-port":
			a.value = r.port(a.value)
		case a.flag == "domains":
			if n, err := strconv.Atoi(a.value); err == nil && n > 200 {
				a.value = "200"
			}
		case a.flag == "metrics-addr":
			if host, _, ok := strings.Cut(a.value, ":"); ok {
				a.value = host + ":0"
			}
		case a.flag == "undelegated":
			a.value = r.delegation(checkedDomains(as))
		case a.flag == "ds":
			a.value = r.ds(checkedDomains(as))
		case a.flag == "input" && a.value != "-":
			r.inputFile(a.value)
		}
	}
	if isLab && action == "serve" && !has("port") {
		p := strconv.Itoa(freePort(t))
		def := strconv.Itoa(scenarioPort)
		if has("domains") {
			def = strconv.Itoa(generatedPort)
		}
		r.ports[def] = p
		as = append(as, arg{flag: "port", raw: "--port", value: p, hasV: true})
	}
	// The demo's LAC world is 3,000 domains by default: 200 here, as any
	// --domains (the race detector makes the full world take minutes).
	if len(as) > 0 && as[0].value == "demo" && fs != nil && fs.Lookup("domains") != nil && !has("domains") {
		as = append(as, arg{flag: "domains", raw: "--domains", value: "200", hasV: true})
	}
	if fs != nil && fs.Lookup("lab") != nil && !has("lab") && !has("replay") && !has("resume") {
		as = append(as, splitArgs(fs, r.labFlags)...)
	}
	for _, a := range as {
		if strings.Contains(a.value, "PLACEHOLDER(") {
			t.Fatalf("a placeholder no rule fills: %s %s (add a rule to mapArgs)", a.raw, a.value)
		}
	}
	return as
}

// ds is the --ds value of the first domain checked: its real DS in the
// lab, KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST.
func (r *readmeRunner) ds(domains []string) string {
	if len(domains) == 0 {
		r.t.Fatal("--ds without a domain")
	}
	z := r.world.Zone(strings.TrimSuffix(domains[0], ".") + ".")
	if z == nil || len(z.DS()) == 0 {
		r.t.Fatalf("%s is not a signed zone of the lab world", domains[0])
	}
	d := z.DS()[0]
	return fmt.Sprintf("%d,%d,%d,%s", d.KeyTag, d.Algorithm, d.DigestType, d.Digest)
}

// rename substitutes the README's RFC 2606 names (see TestReadmeCommands).
func (r *readmeRunner) rename(s string) string {
	s = exampleName.ReplaceAllStringFunc(s, func(m string) string {
		return readmeNames[strings.ToLower(m[strings.LastIndexByte(m, '.')+1:])]
	})
	return exampleTLD.ReplaceAllString(s, "$1.test")
}

// path moves an absolute path (but /dev/...) under the test's directory,
// also after sqlite:, and creates its parent.
func (r *readmeRunner) path(s string) string {
	prefix := ""
	if rest, ok := strings.CutPrefix(s, "sqlite:"); ok {
		prefix, s = "sqlite:", rest
	}
	if !filepath.IsAbs(s) || strings.HasPrefix(s, "/dev/") || strings.HasPrefix(s, r.dir) {
		return prefix + s
	}
	p := filepath.Join(r.dir, "fs", s)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	return prefix + p
}

// readmeInputDomains is how many of the world's domains an input file the
// README assumes lists: the first ones, the healthy controls and quick
// scenarios (the slow and silent ones come later).
const readmeInputDomains = 6

// inputFile makes an input file the README assumes from the served world's
// domains, when it does not exist, and returns its name.
func (r *readmeRunner) inputFile(name string) string {
	if _, err := os.Stat(name); err == nil || !errors.Is(err, os.ErrNotExist) {
		return name
	}
	b, err := os.ReadFile(r.domains)
	if err != nil {
		r.t.Fatal(err)
	}
	domains := strings.Fields(string(b))[:readmeInputDomains]
	b = []byte(strings.Join(domains, "\n") + "\n")
	if strings.HasSuffix(name, ".zone") {
		var z strings.Builder
		z.WriteString("$ORIGIN test.\n$TTL 3600\n@ SOA a.root-servers.test. hostmaster.test. 1 3600 900 604800 300\n@ NS a.root-servers.test.\n")
		for _, d := range domains {
			fmt.Fprintf(&z, "%s. NS ns1.%s.\n", d, d)
		}
		b = []byte(z.String())
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		r.t.Fatal(err)
	}
	return name
}

func (r *readmeRunner) port(p string) string {
	if q, ok := r.ports[p]; ok {
		return q
	}
	return r.labPort
}

// runID maps a README run number to a stored run (see TestReadmeCommands).
func (r *readmeRunner) runID(n string) string {
	if r.runs == nil {
		r.runs = readmeRuns(r.t, r.numbers)
	}
	if id, ok := r.runs[n]; ok {
		return id
	}
	r.t.Fatalf("README run %s: no stored run to map it to", n)
	return ""
}

// runNumbers are the run numbers the README's dnsobs lines name.
func runNumbers(lines []readmeLine) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		c, err := parseCommandLine(l.text)
		if err != nil {
			continue
		}
		args, ok := dnsobsArgs(c.words)
		if !ok {
			continue
		}
		for i, a := range splitArgs(flagSetOf(args), args) {
			if isDigits(a.value) && ((a.flag == "" && i > 0) || a.flag == "resume" || a.flag == "compare") && !seen[a.value] {
				seen[a.value] = true
				out = append(out, a.value)
			}
		}
	}
	return out
}

// delegation is the --undelegated value that points at the real servers
// of the first domain checked.
func (r *readmeRunner) delegation(domains []string) string {
	if len(domains) == 0 {
		r.t.Fatal("--undelegated without a domain")
	}
	origin := strings.TrimSuffix(domains[0], ".") + "."
	var pairs []string
	for _, s := range r.world.Servers() {
		for _, z := range s.Zones {
			if z.Origin == origin {
				pairs = append(pairs, strings.TrimSuffix(s.Name, ".")+"="+s.Addrs[0].String())
			}
		}
	}
	if len(pairs) == 0 {
		r.t.Fatalf("no server of %s in the lab world", origin)
	}
	return strings.Join(pairs, ",")
}

// checkedDomains are the positional arguments of a check after "check".
func checkedDomains(as []arg) []string {
	var out []string
	for _, a := range as[1:] {
		if a.flag == "" {
			out = append(out, a.value)
		}
	}
	return out
}

func isDigits(s string) bool {
	_, err := strconv.ParseUint(s, 10, 63)
	return err == nil
}

// expect returns the exit code a line should end with and a text its
// standard error must hold.
func (r *readmeRunner) expect(text string, as []arg) (int, string) {
	for _, e := range readmeExpect {
		if strings.Contains(text, e.has) && (e.lacks == "" || !strings.Contains(text, e.lacks)) {
			return e.code, e.stderr
		}
	}
	if len(as) == 0 || as[0].value != "check" {
		return ExitOK, ""
	}
	var failOn string
	nagios := false
	var plain []arg
	for _, a := range as {
		switch a.flag {
		case "fail-on":
			failOn = a.value
		case "nagios":
			nagios = true
		case "json", "level":
		default:
			plain = append(plain, a)
		}
	}
	if failOn == "" && !nagios {
		return ExitOK, ""
	}
	args := append(joinArgs(plain), "--json")
	var out, errb bytes.Buffer
	if code := Run(context.Background(), &Env{Stdout: &out, Stderr: &errb}, args); code != ExitOK {
		r.t.Fatalf("dnsobs %s: exit %d: %s", shellJoin(args), code, errb.String())
	}
	reports := decodeReports(r.t, out.Bytes())
	want := ExitOK
	for _, rep := range reports {
		if nagios {
			code, _ := nagiosStatus(rep)
			want = max(want, code)
			continue
		}
		sev, err := check.ParseSeverity(failOn)
		if err != nil {
			r.t.Fatal(err)
		}
		if worst, any := rep.Worst(); any && worst >= sev {
			want = ExitFailOn
		}
	}
	return want, ""
}

// decodeReports reads check --json output: objects, or arrays of them.
func decodeReports(t *testing.T, b []byte) []*report.Report {
	var out []*report.Report
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("check --json: %v", err)
		}
		if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
			var rs []*report.Report
			if err := json.Unmarshal(raw, &rs); err != nil {
				t.Fatal(err)
			}
			out = append(out, rs...)
			continue
		}
		var rep report.Report
		if err := json.Unmarshal(raw, &rep); err != nil {
			t.Fatal(err)
		}
		out = append(out, &rep)
	}
	if len(out) == 0 {
		t.Fatal("check --json printed no report")
	}
	return out
}

// readmeRuns maps the README's run numbers, largest first, onto the
// default store's runs, latest first.
func readmeRuns(t *testing.T, numbers []string) map[string]string {
	st, err := store.Open(context.Background(), "sqlite:"+store.DefaultPath())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.ListRuns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(runs))
	for i, r := range runs {
		ids[i] = r.ID
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] > ids[j] })
	sort.Slice(numbers, func(i, j int) bool {
		a, _ := strconv.Atoi(numbers[i])
		b, _ := strconv.Atoi(numbers[j])
		return a > b
	})
	if len(ids) < len(numbers) {
		t.Fatalf("the README names runs %v, the store has %d", numbers, len(ids))
	}
	m := map[string]string{}
	for i, n := range numbers {
		m[n] = strconv.FormatInt(ids[i], 10)
	}
	return m
}

// shellWords splits a command line as a POSIX shell would, for the simple
// lines the README and the banners hold: words separated by blanks, single
// and double quotes, backslash escapes, # comments. No expansion of any
// kind.
func shellWords(line string) ([]string, error) {
	var (
		words []string
		cur   strings.Builder
		in    bool // inside a word
		quote rune
	)
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case quote == '"':
			switch {
			case r == '"':
				quote = 0
			case r == '\\' && i+1 < len(rs) && strings.ContainsRune(`"\$`+"`", rs[i+1]):
				i++
				cur.WriteRune(rs[i])
			default:
				cur.WriteRune(r)
			}
		case r == '#' && !in:
			i = len(rs)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == '\\' && i+1 < len(rs):
			i++
			cur.WriteRune(rs[i])
			in = true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote in %q", quote, line)
	}
	if in {
		words = append(words, cur.String())
	}
	return words, nil
}

// The substitution rules of TestReadmeCommands, on lines written the way
// the README writes them (with flags this branch may not have yet: the
// flag set is the test's).
func TestReadmeRules(t *testing.T) {
	w, labDir := labFiles(t)
	dir := t.TempDir()
	r := &readmeRunner{t: t, owner: t, dir: dir, world: w, ports: map[string]string{}, labPort: "5999",
		domains:  filepath.Join(labDir, "domains.txt"),
		labFlags: []string{"--lab", "--hints", "H", "--lab-port", "5999"}}
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	for _, name := range []string{"undelegated", "ds", "fail-on", "input", "store", "hints", "lab-port", "dir", "port", "domains", "metrics-addr"} {
		fs.String(name, "", "")
	}
	for _, name := range []string{"lab", "json", "4"} {
		fs.Bool(name, false, "")
	}
	ds := w.Zone("healthy-signed.test.").DS()[0]
	cases := []struct{ line, want string }{
		{"./dnsobs check example.org --json -4",
			"check healthy-signed.test --json -4 --lab --hints H --lab-port 5999"},
		{"dnsobs check new.example.org --undelegated ns1.example.net=192.0.2.1 --ds 12345,13,2,<64 hex digits>",
			fmt.Sprintf("check healthy-signed.test --undelegated ns1.hosta.test=127.53.10.1,ns2.hostb.test=127.53.20.1 --ds %d,%d,%d,%s --lab --hints H --lab-port 5999",
				ds.KeyTag, ds.Algorithm, ds.DigestType, ds.Digest)},
		{"./dnsobs check nonexistent.example example.net example.com --fail-on error",
			"check nonexistent.test healthy-unsigned.test ns-lame.test --fail-on error --lab --hints H --lab-port 5999"},
		{"./dnsobs scan --input /srv/cl.zone --store sqlite:/var/lib/dnsobs/obs.db --metrics-addr 127.0.0.1:9153 --lab --lab-port 1234",
			"scan --input " + dir + "/fs/srv/cl.zone --store sqlite:" + dir + "/fs/var/lib/dnsobs/obs.db --metrics-addr 127.0.0.1:0 --lab --lab-port 5999"},
	}
	for _, c := range cases {
		cl, err := parseCommandLine(c.line)
		if err != nil {
			t.Fatalf("%s: %v", c.line, err)
		}
		args, _ := dnsobsArgs(cl.words)
		if got := shellJoin(joinArgs(r.mapArgs(fs, splitArgs(fs, args)))); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.line, got, c.want)
		}
	}
	zone, err := os.ReadFile(filepath.Join(dir, "fs", "srv", "cl.zone"))
	if err != nil || strings.Count(string(zone), " NS ns1.") != readmeInputDomains || !strings.Contains(string(zone), "healthy-signed.test. NS ns1.healthy-signed.test.") {
		t.Errorf("the input zone made from the world's domains: %v\n%s", err, zone)
	}

	// lab serve without --port gets a free one, and --lab-port 5354 (a
	// generated world's default) then reaches it.
	lab := splitArgs(fs, []string{"lab", "serve", "--domains", "100000", "--dir", "/tmp/gen"})
	got := joinArgs(r.mapArgs(fs, lab))
	if got[3] != "200" || got[5] != filepath.Join(dir, "fs", "tmp", "gen") || got[6] != "--port" || r.ports["5354"] != got[7] {
		t.Errorf("lab serve mapped to %q, ports %v", got, r.ports)
	}
	if got := joinArgs(r.mapArgs(fs, splitArgs(fs, []string{"check", "x.test", "--lab", "--lab-port", "5354"}))); got[4] != r.ports["5354"] {
		t.Errorf("--lab-port 5354 mapped to %q, want %s", got[4], r.ports["5354"])
	}

	for _, bad := range []string{"./dnsobs checks | head", "./dnsobs check $(cat x)", "./dnsobs check a.test && ls"} {
		if _, err := parseCommandLine(bad); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
	if c, err := parseCommandLine("./dnsobs scan --input - < list.txt 2>scan.log # a comment"); err != nil || c.stdin != "list.txt" || c.stderr != "scan.log" || len(c.words) != 4 {
		t.Errorf("redirections: %+v, %v", c, err)
	}
}

// runServing runs a command that serves the Observatory (serve, demo) on a
// free loopback port instead of the README's: once it prints "serving on
// URL", /healthz must answer, and the command must stop with exit 0 when
// interrupted. A demo that exits before serving (no server wired in) must
// exit 0.
func (r *readmeRunner) runServing(mapped []string) {
	t := r.t
	args := []string{mapped[0]}
	if fs := flagSetOf(mapped[:1]); fs != nil && fs.Lookup("addr") != nil {
		args = append(args, "--addr", "127.0.0.1:0")
	}
	for i := 1; i < len(mapped); i++ {
		switch a := mapped[i]; {
		case a == "--addr" || a == "-addr":
			i++
		case strings.HasPrefix(a, "--addr=") || strings.HasPrefix(a, "-addr="):
		default:
			args = append(args, a)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopLater := false
	defer func() {
		if !stopLater {
			cancel()
		}
	}()
	var out, errb lockedBuffer
	codec := make(chan int, 1)
	go func() {
		codec <- Run(ctx, &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}, args)
	}()
	deadline := time.Now().Add(5 * time.Minute) // ends a test that would hang; no timing is judged
	for {
		if m := servingRe.FindStringSubmatch(out.String()); m != nil {
			if code, b := httpDo(t, "GET", m[1]+"healthz", "", ""); code != 200 {
				t.Errorf("%s serves %s, but /healthz answers %d %q", args[0], m[1], code, b)
			}
			if args[0] == "serve" {
				// It serves the README's curl lines that follow; it stops
				// with the test.
				r.serveURL = m[1]
				owner := r.owner
				owner.Cleanup(func() {
					cancel()
					if code := <-codec; code != ExitOK {
						owner.Errorf("serve after the interrupt: exit %d, want 0: %s", code, errb.String())
					}
				})
				stopLater = true
				return
			}
			cancel()
			if code := <-codec; code != ExitOK {
				t.Errorf("%s after the interrupt: exit %d, want 0: %s", args[0], code, errb.String())
			}
			return
		}
		select {
		case code := <-codec:
			if code != ExitOK {
				t.Fatalf("%s: exit %d: %s", args[0], code, errb.String())
			}
			return
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s printed no URL: %q %q", args[0], out.String(), errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// readmeServed is the address the README's serve line and curl lines use.
const readmeServed = "http://127.0.0.1:8080/"

// curl runs a README curl line against the server the README's serve line
// started: -s, -X METHOD, -d BODY, -o FILE and the URL, whose
// 127.0.0.1:8080 becomes the served address and whose run number
// (/runs/N/) the newest run of the store served. The answer must be 2xx.
func (r *readmeRunner) curl(l readmeLine, words []string) {
	t := r.t
	method, body, outFile, url := "GET", "", "", ""
	for i := 0; i < len(words); i++ {
		switch w := words[i]; {
		case w == "-s":
		case (w == "-X" || w == "-d" || w == "-o") && i+1 < len(words):
			i++
			switch w {
			case "-X":
				method = words[i]
			case "-d":
				body = words[i]
				if method == "GET" {
					method = "POST"
				}
			case "-o":
				outFile = words[i]
			}
		case strings.HasPrefix(w, readmeServed) && url == "":
			url = w
		default:
			t.Fatalf("README.md:%d: curl argument %q has no rule here", l.n, w)
		}
	}
	if url == "" {
		t.Fatalf("README.md:%d: curl of no %s URL", l.n, readmeServed)
	}
	if r.serveURL == "" {
		t.Fatalf("README.md:%d: curl before any dnsobs serve line", l.n)
	}
	url = r.serveURL + strings.TrimPrefix(url, readmeServed)
	if m := regexp.MustCompile(`/runs/(\d+)/`).FindStringSubmatch(url); m != nil {
		// The newest run of the store served (not the default store's).
		code, b := httpDo(t, "GET", r.serveURL+"api/v1/runs?limit=1", "", "")
		var runs []struct{ ID int64 }
		if err := json.Unmarshal(b, &runs); code != 200 || err != nil || len(runs) == 0 {
			t.Fatalf("README.md:%d: the served store's runs: %d %s", l.n, code, b)
		}
		url = strings.Replace(url, m[0], fmt.Sprintf("/runs/%d/", runs[0].ID), 1)
	}
	t.Logf("README.md:%d: curl -X %s %s", l.n, method, url)
	code, b := httpDo(t, method, url, "", body)
	if code < 200 || code > 299 {
		t.Fatalf("README.md:%d: %s %s: %d %s", l.n, method, url, code, b)
	}
	if outFile != "" {
		if err := os.WriteFile(r.path(outFile), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
