package cli

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// nagiosOutput is a plugin's output as the Nagios plugin guidelines
// ("Plugin Output for Nagios", "Performance data") define it.
type nagiosOutput struct {
	Service, Status, Text string
	Perf                  []nagiosPerf
}

type nagiosPerf struct {
	Label, UOM           string
	Value                float64
	Warn, Crit, Min, Max string
}

var (
	nagiosStatusRe = regexp.MustCompile(`^(\S+) (OK|WARNING|CRITICAL|UNKNOWN) - (.*)$`)
	nagiosValueRe  = regexp.MustCompile(`^(-?[0-9.]+)(s|us|ms|%|B|KB|MB|TB|c)?$`)
	nagiosRangeRe  = regexp.MustCompile(`^(@?(~|-?[0-9.]+)?:?(-?[0-9.]+)?)$`)
)

// parseNagios parses plugin output by the guidelines: the first line is
// the status text, "SERVICE STATUS - text", optionally followed by "|"
// and performance data: space-separated 'label'=value[UOM];[warn];[crit];[min];[max],
// the label quoted with single quotes when it holds a space (” for a
// quote), trailing empty fields optional. A single-line check has no
// further lines.
func parseNagios(out string) (nagiosOutput, error) {
	var o nagiosOutput
	if !strings.HasSuffix(out, "\n") || strings.Count(out, "\n") != 1 {
		return o, fmt.Errorf("want exactly one line, got %q", out)
	}
	line := strings.TrimSuffix(out, "\n")
	text, perf, hasPerf := strings.Cut(line, "|")
	if hasPerf && strings.Contains(perf, "|") {
		return o, fmt.Errorf("more than one | in %q", line)
	}
	m := nagiosStatusRe.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return o, fmt.Errorf("status text %q is not SERVICE STATUS - text", text)
	}
	o.Service, o.Status, o.Text = m[1], m[2], m[3]
	perf = strings.TrimSpace(perf)
	for perf != "" {
		var label string
		if strings.HasPrefix(perf, "'") {
			i := 1
			for {
				j := strings.IndexByte(perf[i:], '\'')
				if j < 0 {
					return o, fmt.Errorf("unterminated quoted label in %q", perf)
				}
				i += j
				if strings.HasPrefix(perf[i:], "''") {
					i += 2
					continue
				}
				break
			}
			label = strings.ReplaceAll(perf[1:i], "''", "'")
			perf = perf[i+1:]
		} else {
			j := strings.IndexByte(perf, '=')
			if j < 0 {
				return o, fmt.Errorf("perfdata %q has no =", perf)
			}
			label = perf[:j]
			if strings.ContainsAny(label, " '") {
				return o, fmt.Errorf("unquoted label %q holds a space or quote", label)
			}
			perf = perf[j:]
		}
		if !strings.HasPrefix(perf, "=") || label == "" {
			return o, fmt.Errorf("perfdata item %q: want label=value", label)
		}
		item, rest, _ := strings.Cut(perf[1:], " ")
		perf = strings.TrimLeft(rest, " ")
		fields := strings.Split(item, ";")
		if len(fields) > 5 {
			return o, fmt.Errorf("perfdata %s=%s has more than value;warn;crit;min;max", label, item)
		}
		for len(fields) < 5 {
			fields = append(fields, "")
		}
		vm := nagiosValueRe.FindStringSubmatch(fields[0])
		if vm == nil {
			return o, fmt.Errorf("perfdata %s: value %q is not a number with an optional unit", label, fields[0])
		}
		v, err := strconv.ParseFloat(vm[1], 64)
		if err != nil {
			return o, err
		}
		for _, f := range fields[1:] {
			if f != "" && !nagiosRangeRe.MatchString(f) {
				return o, fmt.Errorf("perfdata %s: %q is not a threshold or a number", label, f)
			}
		}
		o.Perf = append(o.Perf, nagiosPerf{Label: label, Value: v, UOM: vm[2], Warn: fields[1], Crit: fields[2], Min: fields[3], Max: fields[4]})
	}
	return o, nil
}

// The parser itself reads what the guidelines allow and refuses the rest.
func TestParseNagios(t *testing.T) {
	o, err := parseNagios("DISK OK - free space: / 3326 MB (56%) | '/ used'=2643MB;5948;5958;0;5968 'it''s'=1 time=0.1s;;;\n")
	if err != nil {
		t.Fatal(err)
	}
	if o.Service != "DISK" || o.Status != "OK" || len(o.Perf) != 3 || o.Perf[0].Label != "/ used" || o.Perf[0].UOM != "MB" ||
		o.Perf[0].Max != "5968" || o.Perf[1].Label != "it's" || o.Perf[2].Value != 0.1 {
		t.Errorf("parsed %+v", o)
	}
	for _, bad := range []string{
		"DISK OK - fine\nsecond line\n",
		"DISK FINE - fine\n",
		"DISK OK - a | b | c\n",
		"DISK OK - x | a b=1\n",
		"DISK OK - x | a=one\n",
		"DISK OK - x | a=1;2;3;4;5;6\n",
		"no newline",
	} {
		if _, err := parseNagios(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// --nagios prints one status line a Nagios plugin output parser reads, and
// nothing else; the status word, the exit code and the counts agree with
// the report.
func TestCheckNagios(t *testing.T) {
	for _, c := range []struct {
		domain, status string
		code           int
	}{
		// Notices only. (The healthy controls have NS_COUNT_LOW's IPv6
		// warning: the lab's one IPv6 address, ::1, is on one nameserver.)
		{"ns-no-ipv6.test", "OK", 0},
		{"dnssec-rrsig-expiring.test", "WARNING", 1},
		{"ns-lame.test", "CRITICAL", 2},
		{"no-working-ns.test", "CRITICAL", 2},
		{"nonexistent.test", "CRITICAL", 2},
		{"a.nic.test", "CRITICAL", 2},
		{"www.dead-parent.test", "UNKNOWN", 3},
	} {
		t.Run(c.domain, func(t *testing.T) {
			code, out, stderr := run(t, append([]string{"check", c.domain, "--nagios"}, labArgs(t)...)...)
			o, err := parseNagios(out)
			if err != nil {
				t.Fatalf("%v (stderr %q)", err, stderr)
			}
			if code != c.code || o.Status != c.status || o.Service != "DNSOBS" {
				t.Errorf("exit %d, %s %s; want %d, DNSOBS %s: %q", code, o.Service, o.Status, c.code, c.status, out)
			}
			if !strings.HasPrefix(o.Text, c.domain+": ") {
				t.Errorf("text %q does not start with the domain", o.Text)
			}
			_, js, _ := run(t, append([]string{"check", c.domain, "--json"}, labArgs(t)...)...)
			var r struct {
				Summary struct{ Findings map[string]int } `json:"summary"`
			}
			if err := json.Unmarshal([]byte(js), &r); err != nil {
				t.Fatal(err)
			}
			var labels []string
			for _, p := range o.Perf {
				labels = append(labels, p.Label)
				if int(p.Value) != r.Summary.Findings[p.Label] || p.UOM != "" {
					t.Errorf("perfdata %s=%v%s, the report counts %d", p.Label, p.Value, p.UOM, r.Summary.Findings[p.Label])
				}
				if n := r.Summary.Findings[p.Label]; n > 0 && !strings.Contains(o.Text, fmt.Sprintf("%d %s", n, p.Label)) {
					t.Errorf("text %q does not say %d %s", o.Text, n, p.Label)
				}
			}
			if strings.Join(labels, " ") != "critical error warning notice info" {
				t.Errorf("perfdata labels %v", labels)
			}
		})
	}
	// A plugin that cannot run says UNKNOWN on its one line.
	code, out, _ := run(t, append([]string{"check", "--nagios", "--lang", "xx", "example.test"}, labArgs(t)...)...)
	if o, err := parseNagios(out); err != nil || code != 3 || o.Status != "UNKNOWN" {
		t.Errorf("bad --lang under --nagios: exit %d, %q (%v)", code, out, err)
	}
}

// A domain that could not be checked is never a pass: its finding is at
// error or critical level, so --fail-on error counts it (exit 1), and the
// text never says "No findings".
func TestCheckNotCheckedFailsOn(t *testing.T) {
	for _, c := range []struct{ domain, id string }{
		{"nonexistent.test", "DOMAIN_NOT_DELEGATED"},
		{"a.nic.test", "DOMAIN_NOT_DELEGATED"},
		{"no-working-ns.test", "DOMAIN_NO_WORKING_NS"},
		{"www.dead-parent.test", "DOMAIN_NOT_CHECKED"},
	} {
		code, out, stderr := run(t, append([]string{"check", c.domain, "--fail-on", "error"}, labArgs(t)...)...)
		if code != ExitFailOn {
			t.Errorf("check %s --fail-on error: exit %d, want %d (%s)", c.domain, code, ExitFailOn, stderr)
		}
		if !strings.Contains(out, c.id) || strings.Contains(out, "No findings") {
			t.Errorf("check %s: want %s and never No findings:\n%s", c.domain, c.id, out)
		}
		if code, _, _ := run(t, append([]string{"check", c.domain}, labArgs(t)...)...); code != ExitOK {
			t.Errorf("check %s without --fail-on: exit %d, want 0 (it ran)", c.domain, code)
		}
	}
}

// check . and check of a TLD work: the root is checked from the hints and
// validated against the trust anchor.
func TestCheckRootAndTLD(t *testing.T) {
	for _, domain := range []string{".", "test.", "test"} {
		code, out, stderr := run(t, append([]string{"check", domain, "--json", "--fail-on", "error"}, labArgs(t)...)...)
		if code != ExitOK {
			t.Errorf("check %s --fail-on error: exit %d (%s)\n%s", domain, code, stderr, out)
			continue
		}
		var r struct {
			Domain string
			Error  string
			DNSSEC struct{ Status string }
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if r.Error != "" || r.DNSSEC.Status != "secure" {
			t.Errorf("check %s: domain %s, error %q, dnssec %s; want secure", domain, r.Domain, r.Error, r.DNSSEC.Status)
		}
	}
}
