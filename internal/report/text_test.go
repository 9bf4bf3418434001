package report_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/miekg/dns"

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

// hostile holds what a hostile server or input can put in a string: NUL,
// an ANSI colour sequence, a newline, a carriage return, invalid UTF-8,
// a C1 CSI and a bidirectional override.
const hostile = "a\x00b\x1b[31mred\nnext\rcr\xff\xfe\u009b2J\u202e"

// The text report lets no control byte reach the terminal: a hostile NS
// name, collection error, CHAOS TXT and NSID, and finding subject and
// detail are printed escaped (\DDD), each on its own line, and the report
// has as many lines as the same report with harmless strings.
func TestTextEscapesHostileStrings(t *testing.T) {
	b, err := os.ReadFile("testdata/check/delegation-ns-mismatch.test.observations.json")
	if err != nil {
		t.Fatal(err)
	}
	render := func(evil string) string {
		var d observe.Domain
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		d.Error = "server said " + evil
		for _, ns := range d.Nameservers {
			ns.Name = "ns." + evil + ".example."
			ns.CNAME = "cname." + evil + ".example."
		}
		for i, n := range d.Delegation.NS {
			d.Delegation.NS[i] = n + evil
		}
		for _, q := range d.Queries {
			if q.Response == nil {
				continue
			}
			switch q.Purpose {
			case observe.PurposeChaosVer, observe.PurposeChaosHost, observe.PurposeChaosID:
				q.Response = withTXT(t, q.Response, evil)
			case observe.PurposeNSID:
				q.Response = withNSID(t, q.Response, evil)
			}
		}
		r := report.Build(&d, report.Options{Lang: "en"})
		r.Findings = append(r.Findings, check.Finding{ID: "X_TEST", Severity: check.Warning, Category: "delegation",
			Subject: "subject " + evil, Detail: "detail " + evil, Message: "message " + evil, Remediation: "fix " + evil})
		var out bytes.Buffer
		if err := report.WriteText(&out, r, report.TextOptions{Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	text := render(hostile)
	plain := render("harmless")
	if !utf8.ValidString(text) {
		t.Errorf("the report is not valid UTF-8:\n%q", text)
	}
	for i, r := range text {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' {
			t.Errorf("raw %U at byte %d: %q", r, i, text[max(0, i-20):min(len(text), i+20)])
		}
	}
	// An injected newline or carriage return would start a line with the
	// text that follows it in hostile ("next", "cr"). (The line counts of
	// the two reports differ: hostile names also raise syntax findings.)
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if strings.HasPrefix(line, "next") || strings.HasPrefix(line, "cr") {
			t.Errorf("an injected newline split a line: %q\n%s", line, text)
		}
	}
	if !strings.Contains(plain, "harmless") {
		t.Errorf("the harmless report does not show the injected strings:\n%s", plain)
	}
	esc := `a\000b\027[31mred\010next\013cr\255\254\194\1552J\226\128\174`
	for _, want := range []string{
		"ns." + esc + ".example.",             // NS name
		"cname." + esc + ".example.",          // CNAME target
		"server said " + esc,                  // collection error
		`version.bind "a\000b\027[31mred\010`, // CHAOS TXT (escaped by the DNS library first)
		`nsid "6100621b5b33316d`,              // NSID, not printable: hex
		"message " + esc, "detail " + esc, "fix " + esc,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
}

// withTXT returns the wire response resp with its answer replaced by one
// CHAOS TXT record holding the raw bytes s.
func withTXT(t *testing.T, resp []byte, s string) []byte {
	t.Helper()
	m := new(dns.Msg)
	if err := m.Unpack(resp); err != nil {
		t.Fatal(err)
	}
	m.Rcode = dns.RcodeSuccess
	m.Answer = []dns.RR{&dns.TXT{Hdr: dns.RR_Header{Name: m.Question[0].Name, Rrtype: dns.TypeTXT, Class: dns.ClassCHAOS}, Txt: []string{s}}}
	out, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withNSID returns resp with an NSID option holding the raw bytes s.
func withNSID(t *testing.T, resp []byte, s string) []byte {
	t.Helper()
	m := new(dns.Msg)
	if err := m.Unpack(resp); err != nil {
		t.Fatal(err)
	}
	opt := m.IsEdns0()
	if opt == nil {
		m.SetEdns0(1232, false)
		opt = m.IsEdns0()
	}
	opt.Option = []dns.EDNS0{&dns.EDNS0_NSID{Code: dns.EDNS0NSID, Nsid: hex.EncodeToString([]byte(s))}}
	out, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	return out
}
