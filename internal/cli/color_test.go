package cli

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// --color always|never|auto and NO_COLOR (https://no-color.org): colour
// only with always, or with auto on a terminal without NO_COLOR; never in
// JSON.
func TestCheckColor(t *testing.T) {
	w, _ := labFiles(t)
	for _, c := range []struct {
		name    string
		tty     bool
		noColor string
		args    []string
		want    bool
	}{
		{"always to a pipe", false, "", []string{"--color", "always"}, true},
		{"always beats NO_COLOR", true, "1", []string{"--color", "always"}, true},
		{"never on a terminal", true, "", []string{"--color", "never"}, false},
		{"auto on a terminal", true, "", nil, true},
		{"auto to a pipe", false, "", nil, false},
		{"NO_COLOR on a terminal", true, "1", nil, false},
		{"empty NO_COLOR", true, "", []string{"--color", "auto"}, true},
		{"JSON always", true, "", []string{"--color", "always", "--json"}, false},
		{"several always", false, "", []string{"healthy-signed.test", "--color", "always"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			env := &Env{Stdout: &out, Stderr: &errb, Exchanger: w,
				IsTTY:  func(w io.Writer) bool { return c.tty && w == &out },
				Getenv: func(k string) string { return map[string]string{"NO_COLOR": c.noColor}[k] }}
			args := append(append([]string{"check", "ns-lame.test"}, c.args...), labArgs(t)...)
			if code := Run(context.Background(), env, args); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if !strings.Contains(out.String(), "NS_LAME") {
				t.Fatalf("no report:\n%s", out.String())
			}
			if got := strings.Contains(out.String(), "\x1b["); got != c.want {
				t.Errorf("ANSI escapes %v, want %v:\n%q", got, c.want, out.String())
			}
		})
	}
}
