package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// counting counts the exchanges made through it.
type counting struct {
	transport.Exchanger
	n atomic.Int64
}

func (c *counting) Exchange(ctx context.Context, s netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	c.n.Add(1)
	return c.Exchanger.Exchange(ctx, s, t, req)
}

func (c *counting) Stream(ctx context.Context, s netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	c.n.Add(1)
	return c.Exchanger.Stream(ctx, s, req, max, done)
}

// check DOMAIN DOMAIN... --json prints one compact JSON object per line,
// in argument order, each the object check --json prints for the domain
// alone; the exit code is the worst over the domains.
func TestCheckSeveralJSONLines(t *testing.T) {
	domains := []string{"ns-lame.test", "healthy-signed.test", "nonexistent.test", "ns-same-prefix.test", "healthy-unsigned.test", "a.nic.test"}
	code, out, stderr := run(t, append(append([]string{"check", "--json"}, domains...), labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(domains) {
		t.Fatalf("%d lines for %d domains:\n%s", len(lines), len(domains), out)
	}
	type rep struct {
		Domain   string
		Findings []struct{ ID, Subject string }
	}
	for i, line := range lines {
		var several, alone rep
		if err := json.Unmarshal([]byte(line), &several); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, line)
		}
		if several.Domain != domains[i]+"." {
			t.Errorf("line %d is %s, want %s (argument order)", i+1, several.Domain, domains[i])
		}
		_, single, _ := run(t, append([]string{"check", "--json", domains[i]}, labArgs(t)...)...)
		if !strings.Contains(single, "\n  \"domain\"") {
			t.Errorf("one domain's JSON is no longer indented:\n%.200s", single)
		}
		if err := json.Unmarshal([]byte(single), &alone); err != nil {
			t.Fatal(err)
		}
		if len(several.Findings) != len(alone.Findings) {
			t.Errorf("%s: %d findings among several, %d alone", domains[i], len(several.Findings), len(alone.Findings))
		}
		for j := range min(len(several.Findings), len(alone.Findings)) {
			if several.Findings[j] != alone.Findings[j] {
				t.Errorf("%s: finding %d is %v among several, %v alone", domains[i], j, several.Findings[j], alone.Findings[j])
			}
		}
		var keysSeveral, keysAlone map[string]json.RawMessage
		_ = json.Unmarshal([]byte(line), &keysSeveral)
		_ = json.Unmarshal([]byte(single), &keysAlone)
		if len(keysSeveral) != len(keysAlone) {
			t.Errorf("%s: %d fields among several, %d alone", domains[i], len(keysSeveral), len(keysAlone))
		}
	}
	// The worst over the domains: one error finding is enough for --fail-on error.
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"healthy-signed.test", "ns-lame.test", "--fail-on", "error"}, ExitFailOn},
		{[]string{"ns-lame.test", "healthy-signed.test", "--fail-on", "error"}, ExitFailOn},
		{[]string{"ns-lame.test", "healthy-signed.test", "--fail-on", "critical"}, ExitOK},
		{[]string{"healthy-signed.test", "healthy-unsigned.test", "--fail-on", "error"}, ExitOK},
		{[]string{"healthy-signed.test", "nonexistent.test", "--fail-on", "error", "--json"}, ExitFailOn},
	} {
		if code, _, stderr := run(t, append(append([]string{"check"}, c.args...), labArgs(t)...)...); code != c.want {
			t.Errorf("check %v: exit %d, want %d (%s)", c.args, code, c.want, stderr)
		}
	}
}

// The text reports of several domains follow each other in argument
// order, separated by a rule.
func TestCheckSeveralText(t *testing.T) {
	code, out, stderr := run(t, append([]string{"check", "ns-lame.test", "healthy-signed.test", "ns-lame.test"}, labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	parts := strings.Split(out, checkSeparator)
	if len(parts) != 3 {
		t.Fatalf("%d parts, want 3:\n%s", len(parts), out)
	}
	for i, d := range []string{"ns-lame.test.", "healthy-signed.test.", "ns-lame.test."} {
		if !strings.HasPrefix(parts[i], "Domain: "+d+" ") {
			t.Errorf("part %d does not start with %s:\n%.200s", i+1, d, parts[i])
		}
	}
	if !strings.Contains(parts[0], "NS_LAME") || strings.Contains(parts[1], "NS_LAME") || !strings.Contains(parts[2], "NS_LAME") {
		t.Errorf("findings in the wrong report:\n%s", out)
	}
}

// Every argument is validated before any query: one bad name among good
// ones is a usage error naming it, and nothing is sent.
func TestCheckSeveralValidatedFirst(t *testing.T) {
	w, _ := labFiles(t)
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad name last", []string{"check", "healthy-signed.test", "ns-lame.test", "x-.test"}, ExitUsage, `"x-.test"`},
		{"bad name first", []string{"check", "a b.test", "healthy-signed.test"}, ExitUsage, `"a b.test" has a space inside`},
		{"save several", []string{"check", "healthy-signed.test", "ns-lame.test", "--save-observations", "obs.json"}, ExitUsage, "--save-observations"},
		// A Nagios plugin says UNKNOWN for any command line it cannot run.
		{"nagios several", []string{"check", "healthy-signed.test", "ns-lame.test", "--nagios"}, NagiosUnknown, "--nagios checks one DOMAIN"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ex := &counting{Exchanger: w}
			var out, errb bytes.Buffer
			code := Run(context.Background(), &Env{Stdout: &out, Stderr: &errb, Exchanger: ex}, append(c.args, labArgs(t)...))
			if code != c.code || !strings.Contains(errb.String(), c.want) || strings.Count(errb.String(), "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want %d and one line with %q", code, errb.String(), c.code, c.want)
			}
			if n := ex.n.Load(); n != 0 {
				t.Errorf("%d queries sent before the arguments were checked", n)
			}
			if c.code == ExitUsage && out.Len() > 0 {
				t.Errorf("stdout: %q", out.String())
			}
		})
	}
}
