package cli

import (
	"bytes"
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// cancelAfter cancels the scan's context at its after-th query: the scan
// stops as on Ctrl-C, with part of its domains stored.
type cancelAfter struct {
	transport.Exchanger
	n      atomic.Int64
	after  int64
	cancel func()
}

func (c *cancelAfter) count() {
	if c.n.Add(1) == c.after {
		c.cancel()
	}
}

func (c *cancelAfter) Exchange(ctx context.Context, s netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	c.count()
	return c.Exchanger.Exchange(ctx, s, t, req)
}

func (c *cancelAfter) Stream(ctx context.Context, s netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	c.count()
	return c.Exchanger.Stream(ctx, s, req, max, done)
}

// ownLabFiles copies the lab's hints, anchor and MMDBs into a directory
// of the test's own (which it may change) and returns their flags.
func ownLabFiles(t *testing.T) (dir string, args []string) {
	t.Helper()
	_, src := labFiles(t)
	dir = t.TempDir()
	for _, name := range []string{"hints.zone", "anchor.zone", "asn.mmdb", "country.mmdb"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, []string{"--lab", "--hints", filepath.Join(dir, "hints.zone"), "--trust-anchor", filepath.Join(dir, "anchor.zone"),
		"--geo-asn", filepath.Join(dir, "asn.mmdb"), "--geo-country", filepath.Join(dir, "country.mmdb")}
}

// interruptedRun starts a lab scan and stops it part way: run 1 of db,
// interrupted with some of its n domains stored. args are its flags.
func interruptedRun(t *testing.T) (db, dir string, args []string, n int, before store.Run) {
	t.Helper()
	w, _ := labFiles(t)
	input, n := scanInput(t, "")
	dir, lab := ownLabFiles(t)
	db = "sqlite:" + filepath.Join(t.TempDir(), "obs.db")
	args = append([]string{"--input", input, "--store", db, "--parallel", "2", "-q"}, lab...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb bytes.Buffer
	ex := &cancelAfter{Exchanger: w, after: 150, cancel: cancel}
	code := Run(ctx, &Env{Stdout: &out, Stderr: &errb, Exchanger: ex}, append([]string{"scan"}, args...))
	if code != ExitInternal {
		t.Fatalf("interrupted scan: exit %d: %s", code, errb.String())
	}
	before = getRun(t, db)
	if before.Status != store.RunInterrupted || before.Done == 0 || before.Done >= int64(n) || before.QueriesSent == 0 {
		t.Fatalf("interrupted run: %+v (want interrupted, part of %d domains, queries counted)", before, n)
	}
	return db, dir, args, n, before
}

func getRun(t *testing.T, db string) store.Run {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r, err := st.GetRun(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var summaryQueries = regexp.MustCompile(`scanned \d+ domains in [^,]+, (\d+) queries`)

// resumedQueries is the queries the summary line says this part sent.
func resumedQueries(t *testing.T, stderr string) int64 {
	t.Helper()
	m := summaryQueries.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line:\n%s", stderr)
	}
	q, _ := strconv.ParseInt(m[1], 10, 64)
	return q
}

// TestResumeKeepsSettings resumes an interrupted lab run with no flags
// but --store, and with its own flags again: the run finishes in lab mode
// (a resume with the real root hints would fail every domain: the lab
// world does not answer the real root servers' addresses), and its query
// count adds the resumed part to the stored one.
func TestResumeKeepsSettings(t *testing.T) {
	input, n := scanInput(t, "")
	refDB := "sqlite:" + filepath.Join(t.TempDir(), "ref.db")
	if code, _, stderr := run(t, append([]string{"scan", "--input", input, "--store", refDB, "-q"}, labArgs(t)...)...); code != ExitOK {
		t.Fatalf("reference scan: exit %d: %s", code, stderr)
	}
	ref := getRun(t, refDB)
	for _, tc := range []struct {
		name  string
		extra func(args []string) []string
	}{
		{"bare", func([]string) []string { return nil }},
		{"equal flags", func(args []string) []string { return args[2:] }}, // all but --input
		{"equal values written otherwise", func([]string) []string {
			return []string{"--timeout", "2000ms", "--qps", "0", "--lab", "--parallel", "2"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _, args, n2, before := interruptedRun(t)
			if n2 != n {
				t.Fatalf("%d domains, want %d", n2, n)
			}
			resume := append([]string{"scan", "--resume", "1", "--store", db}, tc.extra(args)...)
			code, _, stderr := run(t, resume...)
			if code != ExitOK {
				t.Fatalf("%v: exit %d: %s", resume, code, stderr)
			}
			after := getRun(t, db)
			if after.Status != store.RunDone || after.Done != int64(n) {
				t.Errorf("after resume: %s, %d of %d done", after.Status, after.Done, n)
			}
			if after.Errors != ref.Errors {
				t.Errorf("after resume: %d errors, a lab scan in one go has %d (settings not restored?)", after.Errors, ref.Errors)
			}
			q := resumedQueries(t, stderr)
			if q == 0 || after.QueriesSent != before.QueriesSent+q {
				t.Errorf("queries: %d stored before, %d resumed, %d after; want the sum", before.QueriesSent, q, after.QueriesSent)
			}
			if !strings.Contains(stderr, strconv.FormatInt(after.QueriesSent, 10)+" queries in all") {
				t.Errorf("the summary does not give the run's total %d:\n%s", after.QueriesSent, stderr)
			}
			for _, k := range []string{"lab", "hints", "hints_sha256", "trust_anchor_sha256", "geo_asn_sha256", "input_sha256", "parallel", "qps", "lab_port", "do_not_probe"} {
				if _, ok := after.Parameters[k]; !ok {
					t.Errorf("run parameters lack %s: %v", k, after.Parameters)
				}
			}
		})
	}
}

// TestResumeRefuses: a flag that differs from the run's, or a file the run
// named that changed or moved, stops the resume before any query.
func TestResumeRefuses(t *testing.T) {
	db, dir, _, _, before := interruptedRun(t)
	hints := filepath.Join(dir, "hints.zone")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--qps", "50"}, "--qps 50 differs from run 1's --qps 0: leave it out to resume with the run's settings"},
		{[]string{"--parallel", "8"}, "--parallel 8 differs from run 1's --parallel 2"},
		{[]string{"--lab=false"}, "--lab false differs from run 1's --lab true"},
		{[]string{"--hints", filepath.Join(dir, "other.zone")}, "--hints " + filepath.Join(dir, "other.zone") + " differs from run 1's --hints " + hints},
		{[]string{"--timeout", "5s"}, "--timeout 5s differs"},
		{[]string{"--lab-port", "5353"}, "--lab-port 5353 differs from run 1's --lab-port 0"},
		{[]string{"--do-not-probe", "10.0.0.0/8"}, `--do-not-probe 10.0.0.0/8 differs from run 1's --do-not-probe ""`},
		{[]string{"--vantage", "elsewhere"}, "--vantage elsewhere differs"},
	} {
		code, _, stderr := run(t, append([]string{"scan", "--resume", "1", "--store", db}, tc.args...)...)
		if code != ExitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tc.args, code, stderr, ExitUsage, tc.want)
		}
	}
	// A changed hints file.
	b, err := os.ReadFile(hints)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hints, append(b, "; changed\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "scan", "--resume", "1", "--store", db)
	if want := "--hints " + hints + " changed since run 1 started"; code != ExitUsage || !strings.Contains(stderr, want) {
		t.Errorf("changed hints: exit %d, %q; want exit %d and %q", code, stderr, ExitUsage, want)
	}
	// A moved one.
	if err := os.Rename(hints, hints+".moved"); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "scan", "--resume", "1", "--store", db)
	if want := "--hints " + hints + " of run 1 cannot be read"; code != ExitUsage || !strings.Contains(stderr, want) {
		t.Errorf("moved hints: exit %d, %q; want exit %d and %q", code, stderr, ExitUsage, want)
	}
	// Put back as it was, the run resumes.
	if err := os.WriteFile(hints, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if after := getRun(t, db); after.Done != before.Done || after.QueriesSent != before.QueriesSent || after.Status != store.RunInterrupted {
		t.Errorf("a refused resume changed the run: %+v, was %+v", after, before)
	}
	if code, _, stderr := run(t, "scan", "--resume", "1", "--store", db, "-q"); code != ExitOK {
		t.Errorf("resume with the original files: exit %d: %s", code, stderr)
	}
}
