package logging

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"
)

func TestFlags(t *testing.T) {
	cases := []struct {
		args  []string
		err   string // in New's error; "" when it succeeds
		debug bool   // debug messages are written
		info  bool   // info messages are written
		json  bool
	}{
		{args: nil, info: true},
		{args: []string{"--log.level", "debug"}, debug: true, info: true},
		{args: []string{"--log.level", "warn"}},
		{args: []string{"--log.level", "ERROR"}},
		{args: []string{"--log.format", "json"}, info: true, json: true},
		{args: []string{"--log.level=debug", "--log.format=json"}, debug: true, info: true, json: true},
		{args: []string{"--log.level", "trace"}, err: "want debug, info, warn or error"},
		{args: []string{"--log.format", "logfmt"}, err: "want text or json"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			var f Flags
			f.Register(fs)
			if err := fs.Parse(c.args); err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			l, err := f.New(&b)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("New = %v, want an error saying %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			l = l.With("component", "test")
			l.Debug("d", "k", 1)
			l.Info("i", "k", 2)
			l.Warn("w", "k", 3)
			out := b.String()
			if got := strings.Contains(out, "msg=d") || strings.Contains(out, `"msg":"d"`); got != c.debug {
				t.Errorf("debug written %v, want %v:\n%s", got, c.debug, out)
			}
			if got := strings.Contains(out, "msg=i") || strings.Contains(out, `"msg":"i"`); got != c.info {
				t.Errorf("info written %v, want %v:\n%s", got, c.info, out)
			}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if line == "" {
					continue
				}
				var m map[string]any
				isJSON := json.Unmarshal([]byte(line), &m) == nil
				if isJSON != c.json {
					t.Errorf("line %q: JSON %v, want %v", line, isJSON, c.json)
				}
				if !strings.Contains(line, "component") {
					t.Errorf("line %q lacks the component", line)
				}
			}
		})
	}
}

func TestDiscard(t *testing.T) {
	l := Discard()
	l.Error("nothing")
	if l.Enabled(t.Context(), 12) {
		t.Error("Discard is enabled")
	}
}
