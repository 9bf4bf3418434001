// Package testenv decides what a test does when a real component it needs
// (a server binary, root to bind port 53, PostgreSQL) is not there: it
// skips on a developer's machine and fails under CI, where a skipped
// interop or differential test would be a green run that tested nothing.
package testenv

import (
	"os"
	"strconv"
	"testing"
)

// CI reports whether the tests run under continuous integration: the
// environment variable CI is true (.ci/run sets it; so do most CI systems).
func CI() bool {
	v, err := strconv.ParseBool(os.Getenv("CI"))
	return err == nil && v
}

// Unavailable ends t because something it needs is missing: t.Skipf
// outside CI, t.Fatalf under CI. The message says what is missing and how
// to get it.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if CI() {
		t.Fatalf("CI=true, and a test that needs a real component must run: "+format, args...)
		return
	}
	t.Skipf(format, args...)
}
