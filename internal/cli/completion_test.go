package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompletionScripts(t *testing.T) {
	known := map[string][]string{ // a few flags each command registers
		"check": {"--json", "--lab", "--hints"},
		"scan":  {"--input", "--resume", "--parallel"},
		"runs":  {"--yes", "--json"}, // --yes is runs delete's
		"stats": {"--explain"},
		"lab":   {"--domains", "--port"},
	}
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			code, out, errs := run(t, "completion", shell)
			if code != ExitOK || errs != "" {
				t.Fatalf("completion %s = %d, %q", shell, code, errs)
			}
			for _, c := range commands() {
				if !strings.Contains(out, c.name) {
					t.Errorf("%s script does not name command %s", shell, c.name)
				}
			}
			for cmd, flags := range known {
				for _, f := range flags {
					name := f
					if shell == "fish" {
						name = "-l " + strings.TrimPrefix(f, "--") + " "
					}
					if !strings.Contains(out, name) {
						t.Errorf("%s script lacks %s's %s", shell, cmd, f)
					}
				}
			}
			for _, w := range []string{"show", "delete", "generate"} {
				if !strings.Contains(out, w) {
					t.Errorf("%s script lacks subcommand %s", shell, w)
				}
			}
			path, err := exec.LookPath(shell)
			if err != nil {
				t.Skipf("%s not installed: syntax not checked", shell)
			}
			file := filepath.Join(t.TempDir(), "dnsobs."+shell)
			if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			if b, err := exec.Command(path, "-n", file).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s\n%s", shell, err, b, out)
			}
		})
	}
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}} {
		if code, _, errs := run(t, args...); code != ExitUsage || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v = %d, %q; want 2 and one line", args, code, errs)
		}
	}
}

// A flag set registered by a command reaches the script without editing it.
func TestCompletionWalksFlagSets(t *testing.T) {
	var check completionCommand
	for _, c := range completionCommands() {
		if c.name == "check" {
			check = c
		}
	}
	code, help, _ := run(t, "check", "--help")
	if code != ExitOK {
		t.Fatal(code)
	}
	if len(check.flags) < 5 {
		t.Fatalf("check has %d flags in completion", len(check.flags))
	}
	for _, f := range check.flags {
		if !strings.Contains(help, "  "+dashed(f.name)+"\n") && f.name != "help" {
			t.Errorf("completion flag %s is not in check --help", dashed(f.name))
		}
	}
	for _, line := range strings.Split(help, "\n") {
		// A flag line: "  --name", or "  -4" for a one-letter flag.
		if rest, ok := strings.CutPrefix(line, "  -"); ok {
			name := strings.TrimPrefix(rest, "-")
			found := false
			for _, f := range check.flags {
				found = found || f.name == name
			}
			if !found {
				t.Errorf("check --help flag %s missing from completion", dashed(name))
			}
		}
	}
}
