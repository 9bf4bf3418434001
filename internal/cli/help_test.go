package cli

import (
	"strings"
	"testing"
)

func TestHelpCommand(t *testing.T) {
	for _, c := range commands() {
		code, out, errs := run(t, "help", c.name)
		if code != ExitOK || errs != "" || out == "" {
			t.Errorf("help %s = %d, stdout %q, stderr %q; want 0 and the help", c.name, code, out, errs)
			continue
		}
		code2, out2, _ := run(t, c.name, "--help")
		if code2 != ExitOK || out2 != out {
			t.Errorf("help %s differs from %s --help (exit %d):\n%s\n---\n%s", c.name, c.name, code2, out, out2)
		}
	}
	for _, args := range [][]string{{"help"}, {"help", "--help"}, {"--help"}} {
		code, out, _ := run(t, args...)
		if code != ExitOK {
			t.Errorf("%v: exit %d, want 0", args, code)
		}
		for _, c := range commands() {
			if !strings.Contains(out, "  "+c.name+" ") {
				t.Errorf("%v does not list %s:\n%s", args, c.name, out)
			}
		}
	}
	for _, args := range [][]string{{"help", "frobnicate"}, {"help", "check", "scan"}} {
		code, out, errs := run(t, args...)
		if code != ExitUsage || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "dnsobs help: ") {
			t.Errorf("%v = %d, stdout %q, stderr %q; want 2 and one error line", args, code, out, errs)
		}
	}
}
