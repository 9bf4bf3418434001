package testenv

import (
	"strings"
	"testing"
)

// recorder is a testing.TB that records how the test ended.
type recorder struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped, r.msg = true, format
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed, r.msg = true, format
}

func TestUnavailable(t *testing.T) {
	for _, c := range []struct {
		ci            string
		skip, fail    bool
		wantInMessage string
	}{
		{"", true, false, "missing nsd"},
		{"false", true, false, "missing nsd"},
		{"0", true, false, "missing nsd"},
		{"true", false, true, "CI=true"},
		{"1", false, true, "CI=true"},
	} {
		t.Run("CI="+c.ci, func(t *testing.T) {
			t.Setenv("CI", c.ci)
			r := &recorder{TB: t}
			Unavailable(r, "missing nsd")
			if r.skipped != c.skip || r.failed != c.fail || !strings.Contains(r.msg, c.wantInMessage) {
				t.Errorf("skipped=%v failed=%v %q; want skipped=%v failed=%v, message with %q", r.skipped, r.failed, r.msg, c.skip, c.fail, c.wantInMessage)
			}
		})
	}
}
