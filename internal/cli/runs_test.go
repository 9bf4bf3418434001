package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// scannedStore is a store with one finished lab run of the scenario
// domains and two bad input lines.
func scannedStore(t *testing.T) (db string, n int) {
	t.Helper()
	input, n := scanInput(t, "bad..name\nalso..bad\n")
	db = "sqlite:" + filepath.Join(t.TempDir(), "obs.db")
	if code, _, stderr := run(t, append([]string{"scan", "--input", input, "--store", db, "-q"}, labArgs(t)...)...); code != ExitOK {
		t.Fatalf("scan: exit %d: %s", code, stderr)
	}
	return db, n
}

func TestRunsShow(t *testing.T) {
	db, n := scannedStore(t)
	code, out, stderr := run(t, "runs", "show", "1", "--store", db)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"run 1: done", strconv.Itoa(n) + " accepted, " + strconv.Itoa(n) + " done", "2 input lines rejected",
		"settings:", "  lab ", "  hints_sha256 ", "  qps ", "rejected input lines: 2",
		"line " + strconv.Itoa(n+2) + ": invalid", `"bad..name"`, "line " + strconv.Itoa(n+3) + ": ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("runs show lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "runs", "show", "latest", "--store", db, "--json")
	var d struct {
		ID         int64
		Parameters map[string]string
		Rejected   []store.InputProblem
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &d) != nil || d.ID != 1 || d.Parameters["lab"] != "true" ||
		len(d.Rejected) != 2 || d.Rejected[0].Line != n+2 {
		t.Errorf("runs show --json: exit %d, %+v:\n%s", code, d, out)
	}
	if code, _, _ := run(t, "runs", "show", "9", "--store", db); code != ExitUsage {
		t.Errorf("runs show of a missing run: exit %d, want %d", code, ExitUsage)
	}
	// The list still works.
	if code, out, _ := run(t, "runs", "--store", db); code != ExitOK || !strings.Contains(out, "RUN ") || !strings.Contains(out, "done") {
		t.Errorf("runs: exit %d:\n%s", code, out)
	}
}

// ttyStdin is a standard input that is a terminal, with a typed answer.
type ttyStdin struct{ *strings.Reader }

func (ttyStdin) Write(p []byte) (int, error) { return len(p), nil }

func runWithStdin(t *testing.T, stdin io.Reader, tty bool, args ...string) (int, string) {
	t.Helper()
	w, _ := labFiles(t)
	var out, errb bytes.Buffer
	env := &Env{Stdin: stdin, Stdout: &out, Stderr: &errb, Exchanger: w, IsTTY: func(io.Writer) bool { return tty }}
	return Run(context.Background(), env, args), errb.String()
}

func TestRunsDelete(t *testing.T) {
	db, n := scannedStore(t)
	// No terminal, no --yes: refused.
	code, stderr := runWithStdin(t, strings.NewReader("y\n"), false, "runs", "delete", "1", "--store", db)
	if code != ExitUsage || !strings.Contains(stderr, "add --yes") {
		t.Errorf("without a terminal: exit %d, %q", code, stderr)
	}
	// Asked on a terminal; no keeps it.
	code, stderr = runWithStdin(t, ttyStdin{strings.NewReader("n\n")}, true, "runs", "delete", "1", "--store", db)
	if want := "delete run 1 (" + strconv.Itoa(n) + " domains)? [y/N] "; code != ExitOK || !strings.Contains(stderr, want) || !strings.Contains(stderr, "run 1 kept") {
		t.Errorf("answered n: exit %d, %q; want the question %q and run 1 kept", code, stderr, want)
	}
	if getRun(t, db).ID != 1 {
		t.Fatal("run 1 gone after answering n")
	}
	if code, _ := runWithStdin(t, nil, false, "runs", "delete", "latest", "--yes", "--store", db); code != ExitUsage {
		t.Errorf("delete latest: exit %d, want %d", code, ExitUsage)
	}
	// y deletes it.
	code, stderr = runWithStdin(t, ttyStdin{strings.NewReader("y\n")}, true, "runs", "delete", "1", "--store", db)
	if code != ExitOK || !strings.Contains(stderr, "run 1 deleted") {
		t.Errorf("answered y: exit %d, %q", code, stderr)
	}
	if code, _, _ := run(t, "runs", "show", "1", "--store", db); code != ExitUsage {
		t.Errorf("runs show of the deleted run: exit %d, want %d", code, ExitUsage)
	}
	if code, _, _ := run(t, "runs", "delete", "1", "--yes", "--store", db); code != ExitUsage {
		t.Errorf("deleting it again: exit %d, want %d", code, ExitUsage)
	}
	// --yes does not ask.
	db2, _ := scannedStore(t)
	if code, stderr := runWithStdin(t, nil, false, "runs", "delete", "1", "--yes", "--store", db2); code != ExitOK || strings.Contains(stderr, "[y/N]") {
		t.Errorf("--yes: exit %d, %q", code, stderr)
	}
	if code, out, _ := run(t, "runs", "--store", db2); code != ExitOK || strings.Contains(out, "done") {
		t.Errorf("runs after delete: exit %d:\n%s", code, out)
	}
}

func TestStatsPercentagesLegendCompare(t *testing.T) {
	db, n := scannedStore(t) // run 1
	input, _ := scanInput(t, "bad..name\nalso..bad\n")
	scanOnce := func(in string) {
		t.Helper()
		if code, _, stderr := run(t, append([]string{"scan", "--input", in, "--store", db, "-q"}, labArgs(t)...)...); code != ExitOK {
			t.Fatalf("scan: exit %d: %s", code, stderr)
		}
	}
	scanOnce(input) // run 2: another input file (same content, another path)
	first := getRun(t, db)
	scanOnce(first.Parameters["input"]) // run 3: run 1's input again
	total := strconv.Itoa(n)

	code, out, stderr := run(t, "stats", "3", "--store", db)
	if code != ExitOK {
		t.Fatalf("stats 3: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Compared with run 1, the previous done run of the same input",
		"[all] " + total + " domains",
		"% of " + total,
		"since run 1",
		"Run with --explain",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stats 3 lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "delta_") {
		t.Errorf("stats 3 prints the stored deltas:\n%s", out)
	}
	code, out, _ = run(t, "stats", "2", "--store", db, "--explain")
	for _, want := range []string{"No earlier done run of the same input", metricHelp["dnssec_status"], metricHelp["top_asn"]} {
		if code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("stats 2 --explain: exit %d, lacks %q:\n%s", code, want, out)
		}
	}
	if strings.Contains(out, "since run") {
		t.Errorf("stats 2 compares with a run of another input:\n%s", out)
	}
	code, out, _ = run(t, "stats", "2", "--store", db, "--compare", "1")
	if code != ExitOK || !strings.Contains(out, "Compared with run 1 (--compare") || !strings.Contains(out, "+0 since run 1") {
		t.Errorf("stats 2 --compare 1: exit %d:\n%s", code, out)
	}
	for _, bad := range [][]string{{"--compare", "9"}, {"--compare", "x"}, {"--compare", "2"}} {
		if code, _, _ := run(t, append([]string{"stats", "2", "--store", db}, bad...)...); code != ExitUsage {
			t.Errorf("stats 2 %v: exit %d, want %d", bad, code, ExitUsage)
		}
	}
}
