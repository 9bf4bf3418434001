package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

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
