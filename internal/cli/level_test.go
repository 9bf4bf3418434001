package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
)

func TestCheckLevel(t *testing.T) {
	const domain = "ns-same-prefix.test"
	code, out, errs := run(t, append([]string{"check", domain, "--json", "--level", "critical"}, labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("check --json = %d: %s", code, errs)
	}
	var r struct {
		Findings []struct {
			ID       string
			Severity check.Severity
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	sevs := map[check.Severity]bool{}
	for _, f := range r.Findings {
		sevs[f.Severity] = true
	}
	if len(sevs) < 2 {
		t.Fatalf("%s: want findings of two severities at least (JSON keeps all with --level): %+v", domain, r.Findings)
	}
	for lv := check.Info; lv <= check.Critical; lv++ {
		code, text, errs := run(t, append([]string{"check", domain, "--level", lv.String()}, labArgs(t)...)...)
		if code != ExitOK {
			t.Fatalf("--level %s = %d: %s", lv, code, errs)
		}
		for _, f := range r.Findings {
			shown := strings.Contains(text, " "+f.ID+" [")
			if shown != (f.Severity >= lv) {
				t.Errorf("--level %s: finding %s (%s) shown=%v\n%s", lv, f.ID, f.Severity, shown, text)
			}
		}
		if strings.Contains(text, "No findings") {
			t.Errorf("--level %s reads as no findings:\n%s", lv, text)
		}
	}
	code, _, errs = run(t, append([]string{"check", domain, "--level", "loud"}, labArgs(t)...)...)
	if code != ExitUsage || !strings.Contains(errs, "--level") {
		t.Errorf("--level loud = %d, %q; want 2", code, errs)
	}
}
