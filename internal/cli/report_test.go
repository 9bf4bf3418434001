package cli

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
)

// dnsobs report over a small LAC demo's runs, with the example targets the
// demo writes beside its store: every language and format, to a file.
func TestReport(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "demo.db")
	if code, out, stderr := run(t, "demo", "--domains", "100", "--no-serve", "--store", db); code != ExitOK {
		t.Fatalf("demo: exit %d: %s\n%s", code, stderr, out)
	}
	targets := filepath.Join(dir, "demo-targets.yml")
	for _, lang := range i18n.Languages {
		for _, format := range []string{"html", "md"} {
			out := filepath.Join(dir, "report-"+lang+"."+format)
			code, stdout, stderr := run(t, "report", "latest", "--store", db, "--lang", lang, "--format", format, "--targets", targets, "-o", out)
			if code != ExitOK || stdout != "" {
				t.Fatalf("%s %s: exit %d: %s%s", lang, format, code, stderr, stdout)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			s := html.UnescapeString(string(b))
			for _, key := range []string{"pr_title", "pr_targets", "pr_penetration", "pr_idn", "pr_changes", "ind_ipv6_ready_pct"} {
				if !strings.Contains(s, i18n.T(lang, key)) {
					t.Errorf("%s %s: no %q (%s)", lang, format, i18n.T(lang, key), key)
				}
			}
			for _, cc := range []string{"AR", "BO", "BR", "CL", "CO", "EC", "MX", "PE", "PY", "UY", "VE"} {
				if !strings.Contains(s, "| "+cc+" |") && !strings.Contains(s, `data-country="`+cc+`"`) {
					t.Errorf("%s %s: no row for %s", lang, format, cc)
				}
			}
			if format == "html" && !strings.Contains(s, `<html lang="`+lang+`">`) {
				t.Errorf("%s html: no <html lang>", lang)
			}
		}
	}
	// Standard output by default; Spanish and HTML are the defaults.
	if code, out, _ := run(t, "report", "latest", "--store", db); code != ExitOK || !strings.Contains(out, `<html lang="es">`) {
		t.Errorf("default report: exit %d\n%.300s", code, out)
	}

	bad := filepath.Join(dir, "bad.yml")
	if err := os.WriteFile(bad, []byte("targets:\n  - indicator: ipv6_ready_pct\n    scope: region\n    target: 40\n    date: soon\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "pdf"}, `dnsobs report: --format "pdf": want html or md (PDF is not offered: see README)`},
		{[]string{"--lang", "de"}, `dnsobs report: --lang: unsupported language "de" (want one of en, es, pt, fr)`},
		{[]string{"--targets", bad}, `dnsobs report: --targets ` + bad + `: target 1: date "soon": want YYYY-MM-DD`},
		{[]string{"--history", "1"}, `dnsobs report: --history 1: want 2 to 120`},
	} {
		code, _, stderr := run(t, append([]string{"report", "latest", "--store", db}, tc.args...)...)
		if code != ExitUsage || strings.TrimSpace(stderr) != tc.want {
			t.Errorf("%v: exit %d, %q\nwant %q", tc.args, code, stderr, tc.want)
		}
	}
	if code, _, stderr := run(t, "report", "99", "--store", db); code != ExitUsage || strings.Count(stderr, "\n") != 1 {
		t.Errorf("unknown run: exit %d %q", code, stderr)
	}
}
