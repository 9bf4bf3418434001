package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

// withBuild sets the -X variables and the build info for one test.
func withBuild(t *testing.T, v, c, d string, info *debug.BuildInfo) {
	t.Helper()
	ov, oc, od, or := version, commit, date, readBuildInfo
	t.Cleanup(func() { version, commit, date, readBuildInfo = ov, oc, od, or })
	version, commit, date = v, c, d
	readBuildInfo = func() (*debug.BuildInfo, bool) { return info, info != nil }
}

func TestVersionOutput(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	tagged := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}
	tests := []struct {
		name    string
		v, c, d string
		info    *debug.BuildInfo
		want    string
	}{
		{"nothing known", "", "", "", nil, "dnsobs (devel)\n"},
		{"devel module, vcs stamps", "", "", "", vcs, "dnsobs (devel) (commit abc123, modified, built 2026-12-01T10:00:00Z)\n"},
		{"module version", "", "", "", tagged, "dnsobs v1.4.0\n"},
		{"ldflags win", "v2.0.0", "def456", "2026-12-03T16:00:00Z", vcs, "dnsobs v2.0.0 (commit def456, modified, built 2026-12-03T16:00:00Z)\n"},
		{"ldflags only", "v2.0.0", "def456", "2026-12-03T16:00:00Z", nil, "dnsobs v2.0.0 (commit def456, built 2026-12-03T16:00:00Z)\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			withBuild(t, tc.v, tc.c, tc.d, tc.info)
			for _, args := range [][]string{{"version"}, {"--version"}} {
				code, out, errs := run(t, args...)
				if code != ExitOK || out != tc.want || errs != "" {
					t.Errorf("dnsobs %s = %d, %q, %q; want 0, %q", strings.Join(args, " "), code, out, errs, tc.want)
				}
			}
		})
	}
	if code, _, errs := run(t, "version", "extra"); code != ExitUsage || !strings.Contains(errs, "takes no arguments") {
		t.Errorf("version extra = %d, %q; want 2", code, errs)
	}
}
