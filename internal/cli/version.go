package cli

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
)

// Build information, set at build time with
//
//	go build -ldflags "-X github.com/lac-dns-observatory/dnsobs/internal/cli.version=v1.2.3 \
//	  -X github.com/lac-dns-observatory/dnsobs/internal/cli.commit=$(git rev-parse HEAD) \
//	  -X github.com/lac-dns-observatory/dnsobs/internal/cli.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
//
// A value left empty is taken from runtime/debug.ReadBuildInfo (the main
// module's version, vcs.revision, vcs.time, vcs.modified) when known.
var (
	version = ""
	commit  = ""
	date    = ""
)

// buildInfo is what versionLine prints; readBuildInfo is replaced by tests.
var readBuildInfo = debug.ReadBuildInfo

type buildFacts struct {
	version, commit, date string
	modified              bool
}

func currentBuild() buildFacts {
	b := buildFacts{version: version, commit: commit, date: date}
	info, ok := readBuildInfo()
	if !ok || info == nil {
		return b
	}
	if b.version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.commit == "" {
				b.commit = s.Value
			}
		case "vcs.time":
			if b.date == "" {
				b.date = s.Value
			}
		case "vcs.modified":
			b.modified = s.Value == "true"
		}
	}
	return b
}

// versionLine is "dnsobs VERSION (commit C[, modified], built D)", with
// "(devel)" for an unknown version and only the parts that are known.
func versionLine(b buildFacts) string {
	v := b.version
	if v == "" {
		v = "(devel)"
	}
	var parts []string
	if b.commit != "" {
		c := "commit " + b.commit
		if b.modified {
			c += ", modified"
		}
		parts = append(parts, c)
	}
	if b.date != "" {
		parts = append(parts, "built "+b.date)
	}
	line := "dnsobs " + v
	if len(parts) > 0 {
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	return line
}

func runVersion(_ context.Context, env *Env, args []string) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(env.Stdout, "Usage: dnsobs version | dnsobs --version\n\nPrints the version, the commit and the build date (what is known).")
		return ExitOK
	}
	if len(args) > 0 {
		fmt.Fprintf(env.Stderr, "dnsobs version: takes no arguments\n")
		return ExitUsage
	}
	fmt.Fprintln(env.Stdout, versionLine(currentBuild()))
	return ExitOK
}
