package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
)

// A domain that could not be checked never reads as a pass: the text
// under "Could not finish" names a finding at error or critical level, and
// "No findings" is never printed when the check did not finish, in any
// language, even for a report whose findings were dropped.
func TestTextCouldNotFinish(t *testing.T) {
	for _, c := range []struct{ file, id string }{
		{"testdata/check/not-delegated.test.observations.json", "DOMAIN_NOT_DELEGATED"},
		{"testdata/check/www.dead-parent.test.observations.json", "DOMAIN_NOT_CHECKED"},
	} {
		b, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		var d observe.Domain
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		r := report.Build(&d, report.Options{Lang: "en"})
		if r.Error == "" {
			t.Fatalf("%s: no collection error recorded", c.file)
		}
		bare := *r
		bare.Findings = nil
		for _, lang := range i18n.Languages {
			for _, rep := range []*report.Report{r, &bare} {
				var out bytes.Buffer
				if err := report.WriteText(&out, rep, report.TextOptions{Lang: lang}); err != nil {
					t.Fatal(err)
				}
				text := out.String()
				if !strings.Contains(text, i18n.T(lang, "collection_error")) {
					t.Errorf("%s %s: no %q line:\n%s", c.id, lang, i18n.T(lang, "collection_error"), text)
				}
				if strings.Contains(text, i18n.T(lang, "no_findings")) {
					t.Errorf("%s %s: %q under a check that did not finish:\n%s", c.id, lang, i18n.T(lang, "no_findings"), text)
				}
				if len(rep.Findings) > 0 && !strings.Contains(text, c.id) {
					t.Errorf("%s %s: the finding is not in the text:\n%s", c.id, lang, text)
				}
			}
		}
	}
}

// Colour marks severities only when asked: critical and error red,
// warning yellow, notice cyan, info uncoloured; without Color no escape
// at all reaches the text.
func TestTextColor(t *testing.T) {
	r := &report.Report{
		Domain: "example.org.",
		Findings: []check.Finding{
			{ID: "X_CRITICAL", Severity: check.Critical, Message: "c"},
			{ID: "X_ERROR", Severity: check.Error, Message: "e"},
			{ID: "X_WARNING", Severity: check.Warning, Message: "w"},
			{ID: "X_NOTICE", Severity: check.Notice, Message: "n"},
			{ID: "X_INFO", Severity: check.Info, Message: "i"},
		},
		Summary: report.Summary{Findings: map[string]int{"critical": 1, "error": 1, "warning": 1, "notice": 1, "info": 1}},
	}
	var plain, col bytes.Buffer
	if err := report.WriteText(&plain, r, report.TextOptions{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteText(&col, r, report.TextOptions{Lang: "en", Color: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b") {
		t.Errorf("escape sequences without Color:\n%q", plain.String())
	}
	for _, want := range []string{"\x1b[1;31mCRITICAL\x1b[0m X_CRITICAL", "\x1b[31mERROR\x1b[0m X_ERROR",
		"\x1b[33mWARNING\x1b[0m X_WARNING", "\x1b[36mNOTICE\x1b[0m X_NOTICE", "\nINFO X_INFO", "\x1b[31m1 error\x1b[0m"} {
		if !strings.Contains(col.String(), want) {
			t.Errorf("coloured text lacks %q:\n%q", want, col.String())
		}
	}
}
