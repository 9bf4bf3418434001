package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var servingRe = regexp.MustCompile(`serving on (http://127\.0\.0\.1:\d+/)\n`)

// startServe runs dnsobs serve with args over the in-memory lab world and
// returns its URL and a function that stops it and returns its exit code.
func startWebServe(t *testing.T, args ...string) (string, func() int) {
	t.Helper()
	w, _ := labFiles(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb lockedBuffer
	codec := make(chan int, 1)
	go func() {
		codec <- Run(ctx, &Env{Stdout: &out, Stderr: &errb, Exchanger: w}, append([]string{"serve"}, args...))
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := servingRe.FindStringSubmatch(out.String()); m != nil {
			return m[1], func() int { cancel(); return <-codec }
		}
		select {
		case code := <-codec:
			cancel()
			t.Fatalf("serve exited %d before serving: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve printed no URL: %q %q", out.String(), errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func httpDo(t *testing.T, method, url, token, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// waitFor polls url until it answers want (a condition, not a timing: the
// deadline only ends a test that would hang).
func waitFor(t *testing.T, url string, ok func(int, []byte) bool) {
	t.Helper()
	deadline := time.Now().Add(120 * time.Second)
	for {
		code, b := httpDo(t, "GET", url, "", "")
		if ok(code, b) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: still %d %s", url, code, b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServe(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "obs.db")
	if code, _, stderr := run(t, "demo", "--world", "scenarios", "--no-serve", "--store", db); code != ExitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	url, stop := startWebServe(t, append([]string{"--store", db, "--addr", "127.0.0.1:0", "--admin-token", "tok"}, labArgs(t)...)...)
	if code, b := httpDo(t, "GET", url+"healthz", "", ""); code != 200 || string(b) != "ok\n" {
		t.Errorf("/healthz: %d %q", code, b)
	}
	var runs []map[string]any
	code, b := httpDo(t, "GET", url+"api/v1/runs", "", "")
	if err := json.Unmarshal(b, &runs); code != 200 || err != nil || len(runs) != 1 || runs[0]["domains"].(float64) < 10 {
		t.Fatalf("/api/v1/runs: %d %s", code, b)
	}
	if code, b := httpDo(t, "GET", url+"?lang=pt", "", ""); code != 200 || !bytes.Contains(b, []byte(`<html lang="pt">`)) || !bytes.Contains(b, []byte(`data-indicator="dnssec_valid_pct"`)) {
		t.Errorf("/?lang=pt: %d", code)
	}
	// On-demand, in lab mode: a .test name is checked against the lab world.
	if code, b := httpDo(t, "POST", url+"api/v1/ondemand", "", `{"domain":"ns-axfr-open.test"}`); code != http.StatusAccepted {
		t.Fatalf("on-demand: %d %s", code, b)
	}
	waitFor(t, url+"api/v1/ondemand/ns-axfr-open.test", func(code int, b []byte) bool {
		return code == 200 && bytes.Contains(b, []byte(`"NS_AXFR_OPEN"`))
	})
	if code, _ := httpDo(t, "POST", url+"api/v1/ondemand", "", `{"domain":"localhost"}`); code != http.StatusUnprocessableEntity {
		t.Errorf("on-demand localhost: %d, want 422", code)
	}
	// Admin: a scan with the token, refused without.
	if code, _ := httpDo(t, "POST", url+"api/v1/admin/scan", "", `{"domains":["ns-lame.test"]}`); code != http.StatusUnauthorized {
		t.Errorf("admin scan without the token: %d, want 401", code)
	}
	if code, b := httpDo(t, "POST", url+"api/v1/admin/scan", "tok", `{"domains":["ns-lame.test","healthy-signed.test"]}`); code != http.StatusAccepted || !bytes.Contains(b, []byte(`"run":2`)) {
		t.Fatalf("admin scan: %d %s", code, b)
	}
	waitFor(t, url+"api/v1/runs/2", func(code int, b []byte) bool {
		return code == 200 && bytes.Contains(b, []byte(`"status":"done"`)) && bytes.Contains(b, []byte(`"domains":2`))
	})
	if code := stop(); code != ExitOK {
		t.Errorf("serve after the interrupt: exit %d, want 0", code)
	}
}

func TestServeUsage(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := "sqlite:" + filepath.Join(t.TempDir(), "obs.db")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--addr", "nonsense"}, ExitUsage, "--addr"},
		{[]string{"--lab"}, ExitUsage, "--lab requires --hints"},
		{[]string{"extra"}, ExitUsage, "unexpected argument"},
		{[]string{"--store", "mysql://x"}, ExitUsage, "--store"},
		{[]string{"--addr", ln.Addr().String()}, ExitInternal, "listening on"},
	} {
		args := append([]string{"serve"}, tc.args...)
		if !strings.Contains(strings.Join(tc.args, " "), "--store") {
			args = append(args, "--store", db)
		}
		code, _, stderr := run(t, args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("serve %v: exit %d %q, want %d with one line saying %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	code, out, _ := run(t, "serve", "--help")
	if code != ExitOK || !strings.Contains(out, "--admin-token") || !strings.Contains(out, "dnsobs serve --store") {
		t.Errorf("serve --help: %d\n%s", code, out)
	}
}
