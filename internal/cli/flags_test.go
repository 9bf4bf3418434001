package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// A streamed input of exactly its limit is read whole; one byte more is a
// usage error naming the flag and the limit.
func TestLimitFlagReader(t *testing.T) {
	for _, tt := range []struct {
		n       int
		wantErr bool
	}{{0, false}, {9, false}, {10, false}, {11, true}, {1000, true}} {
		b, err := io.ReadAll(limitFlagReader("--input", strings.NewReader(strings.Repeat("x", tt.n)), 10))
		if tt.wantErr {
			if err == nil || exitFor(err) != ExitUsage || !strings.Contains(err.Error(), "--input - is larger than the 10 bytes limit") {
				t.Errorf("%d bytes: %d read, err %v; want a usage error naming --input", tt.n, len(b), err)
			}
			continue
		}
		if err != nil || len(b) != tt.n {
			t.Errorf("%d bytes: %d read, err %v", tt.n, len(b), err)
		}
	}
	if _, err := openFlagFile("--input", bigFile(t, 11), 10); err == nil || !strings.Contains(err.Error(), "larger than the 10 bytes limit") {
		t.Errorf("openFlagFile of 11 bytes with limit 10: %v", err)
	}
}

// Numeric flags out of range are usage errors with a one-line message,
// before anything is opened or sent.
func TestNumericFlagErrors(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "obs.db")
	scan := func(a ...string) []string { return append([]string{"scan", "--input", "-", "--store", db}, a...) }
	check := func(a ...string) []string { return append([]string{"check", "example.org"}, a...) }
	tests := []usageCase{
		{"negative qps", check("--qps", "-1"), "--qps -1: want a rate of 0 (unlimited) or more"},
		{"NaN qps", check("--qps", "NaN"), "--qps NaN: want a rate"},
		{"infinite qps", check("--qps", "+Inf"), "--qps +Inf: want a rate"},
		{"negative server-qps", check("--server-qps", "-0.5"), "--server-qps -0.5: want a rate"},
		{"negative retries", check("--retries", "-1"), "--retries -1 is out of range: want 0 to 10"},
		{"absurd retries", check("--retries", "1000000"), "--retries 1000000 is out of range"},
		{"zero server-concurrency", check("--server-concurrency", "0"), "--server-concurrency 0 is out of range: want 1 to 1024"},
		{"lab-port 0", check("--lab", "--hints", "x", "--lab-port", "0"), "--lab-port 0 is not a port: port 53 is the default: leave the flag out"},
		{"lab-port too big", check("--lab", "--hints", "x", "--lab-port", "70000"), "--lab-port 70000 is not a port number"},
		{"timeout without unit", check("--timeout", "5"), `invalid value "5" for flag -timeout: 5 has no unit: add a unit, e.g. 5s`},
		{"timeout not a duration", check("--timeout", "soon"), "not a duration"},
		{"timeout zero", check("--timeout", "0s"), "--timeout 0s is out of range"},
		{"timeout negative", check("--timeout", "-1s"), "--timeout -1s is out of range"},
		{"scan negative qps", scan("--qps", "-5"), "--qps -5: want a rate"},
		{"scan parallel 0", scan("--parallel", "0"), "--parallel 0 is out of range: want 1 to 4096"},
		{"scan parallel 2^31", scan("--parallel", "2147483648"), "--parallel 2147483648 is out of range: want 1 to 4096"},
		{"scan parallel MaxInt64", scan("--parallel", "9223372036854775807"), "--parallel 9223372036854775807 is out of range"},
		{"scan negative retries", scan("--retries", "-2"), "--retries -2 is out of range"},
		{"scan timeout without unit", scan("--timeout", "2"), "add a unit, e.g. 5s"},
		{"anchor digest short", check("--trust-anchor", writeFile(t, ". 1 DS 20326 8 2 ABCD\n")), "bad --trust-anchor: "},
		{"anchor digest not hex", check("--trust-anchor", writeFile(t, ". 1 DS 20326 8 2 "+strings.Repeat("ZZ", 32)+"\n")), "digest is not hex"},
		{"input not text", []string{"scan", "--input", "/dev/zero", "--store", db}, "the input is not text (a NUL byte at offset 0"},
		{"gzip input", []string{"scan", "--input", writeFile(t, "\x1f\x8b\x08\x00\x00\x00\x00"), "--store", db}, "no run was created"},
		{"replay a list", []string{"check", "--replay", writeFile(t, "example.cl\n")}, "is not an observation record (write one with check --save-observations): invalid character"},
		{"replay empty object", []string{"check", "--replay", writeFile(t, "{}")}, "is not an observation record (write one with check --save-observations): no domain"},
		{"replay a report", []string{"check", "--replay", writeFile(t, `{"domain":"example.cl.","findings":[]}`)}, `unknown field \"findings\"`},
		{"replay two values", []string{"check", "--replay", writeFile(t, `{"domain":"example.cl.","collected_at":"2026-01-01T00:00:00Z"} {}`)}, "more than one JSON value"},
		{"replay bad domain", []string{"check", "--replay", writeFile(t, `{"domain":"a b.cl.","collected_at":"2026-01-01T00:00:00Z"}`)}, "has a space inside"},
		{"replay no time", []string{"check", "--replay", writeFile(t, `{"domain":"example.cl."}`)}, "no collected_at time"},
		{"demo parallel", []string{"demo", "--parallel", "100000"}, "--parallel 100000 is out of range"},
	}
	checkUsageErrors(t, tests)
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFilterScope(t *testing.T) {
	aggs := []store.Aggregate{{Scope: "all"}, {Scope: "tld:cl"}, {Scope: "country:CL"}, {Scope: "tld:cl"}}
	for scope, n := range map[string]int{"": 4, "all": 1, "tld:cl": 2, "tld:CL.": 2, "country:cl": 1} {
		got, err := filterScope(scope, 1, aggs)
		if err != nil || len(got) != n {
			t.Errorf("filterScope(%q) = %d, %v; want %d", scope, len(got), err, n)
		}
	}
	for scope, want := range map[string]string{
		"tld:br":      "--scope tld:br is not in run 1 (its scopes: all, country:CL, tld:cl)",
		"country:BR":  "--scope country:BR is not in run 1",
		"country:CHL": "unknown --scope",
		"tld:":        "unknown --scope",
		"cl":          "unknown --scope \"cl\": want all, tld:TLD",
		"x\x1b[2J":    `unknown --scope "x\x1b[2J"`,
	} {
		_, err := filterScope(scope, 1, aggs)
		if err == nil || exitFor(err) != ExitUsage || !strings.Contains(err.Error(), want) {
			t.Errorf("filterScope(%q): %v, want a usage error saying %q", scope, err, want)
		}
	}
}
