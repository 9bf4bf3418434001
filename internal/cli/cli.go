// Package cli implements the dnsobs command line. Every subcommand takes a
// context, its arguments and its output streams and returns an exit code,
// so tests call them directly.
//
// Exit codes (stable): 0 ran; 1 ran and found something at or above
// --fail-on; 2 bad usage or input; 3 could not run (internal failure).
// With --nagios, check prints one Nagios status line and uses 0/1/2/3 =
// OK/WARNING/CRITICAL/UNKNOWN.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitFailOn   = 1
	ExitUsage    = 2
	ExitInternal = 3
)

// Env is what a command runs with. Tests set Exchanger to run against an
// in-memory world instead of sockets.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Exchanger      transport.Exchanger // nil: real sockets
	IsTTY          func(io.Writer) bool
	Getenv         func(string) string // nil: os.Getenv
	// Serve serves the dashboard (dnsobs demo, once its scans are
	// stored); nil: the Observatory (internal/web) over the demo's store,
	// read-only (serveStore). Tests set their own.
	Serve ServeFunc

	// progressDelay, when set, replaces check's one second before its
	// progress line is drawn (tests).
	progressDelay time.Duration

	// collect, when set, receives the flag set parse is given, and the
	// command returns there (completion walks the commands' flags).
	collect func(*flag.FlagSet)
}

// getenv reads an environment variable through Getenv.
func (e *Env) getenv(key string) string {
	if e.Getenv == nil {
		return os.Getenv(key)
	}
	return e.Getenv(key)
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) int
}

func commands() []command {
	return []command{
		{"check", "check one domain's DNS health and print its report", runCheck},
		{"checks", "list the check catalog", runChecks},
		{"scan", "check every domain of a list or zone file, stored and resumable", runScan},
		{"runs", "list stored scan runs; runs show RUN, runs delete RUN", runRuns},
		{"stats", "print a run's aggregates per TLD and country", runStats},
		{"export", "export a run as CSV, JSON Lines or Parquet", runExport},
		{"reanalyze", "re-run the checks over a run's stored observations, without network", runReanalyze},
		{"lab", "serve or list the simulated DNS world used by tests and the demo", runLab},
		{"serve", "serve the Observatory: dashboard, JSON API, open data, /metrics", runServe},
		{"demo", "scan the built-in LAC world twice, a simulated month apart, and serve the dashboard", runDemo},
		{"report", "write a run's public report (indicators, countries, targets, changes) as HTML or Markdown", runReport},
		{"version", "print the version, commit and build date", runVersion},
		{"help", "list the commands; help COMMAND prints that command's help", runHelp},
		{"completion", "print a bash, zsh or fish completion script", runCompletion},
	}
}

// Main runs the command line and returns the process exit code.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, IsTTY: isTerminal, Getenv: os.Getenv}
	return Run(ctx, env, args)
}

// Run dispatches args (without the program name) to a subcommand.
func Run(ctx context.Context, env *Env, args []string) int {
	if env.IsTTY == nil {
		env.IsTTY = func(io.Writer) bool { return false }
	}
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		return runVersion(ctx, env, args[1:])
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "dnsobs: unknown command %q; run 'dnsobs help' for the list\n", args[0])
	return ExitUsage
}

// runHelp is dnsobs help [COMMAND]: the list of commands, or COMMAND's
// help, the same text as dnsobs COMMAND --help.
func runHelp(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || (len(args) == 1 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help")) {
		usage(env.Stdout)
		return ExitOK
	}
	if len(args) > 1 {
		fmt.Fprintf(env.Stderr, "dnsobs help: takes one COMMAND, got %d arguments\n", len(args))
		return ExitUsage
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, []string{"--help"})
		}
	}
	fmt.Fprintf(env.Stderr, "dnsobs help: unknown command %q; run 'dnsobs help' for the list\n", args[0])
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dnsobs: the LAC DNS Observatory\n\nUsage: dnsobs COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'dnsobs COMMAND --help' for a command's flags and examples.")
}

// parse parses flags that may stand before, between or after positional
// arguments (dnsobs check example.org --json). It prints errors and help.
func parse(fs *flag.FlagSet, env *Env, args []string) ([]string, int, bool) {
	fs.SetOutput(io.Discard)
	if env.collect != nil {
		env.collect(fs)
		return nil, ExitOK, false
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(env.Stdout)
				fs.Usage()
				return nil, ExitOK, false
			}
			fmt.Fprintf(env.Stderr, "dnsobs %s: %s; run 'dnsobs %s --help'\n", fs.Name(), errText(err), fs.Name())
			return nil, ExitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// helpFunc returns a flag.FlagSet Usage printing a synopsis, examples and
// the flags in alphabetical order.
func helpFunc(fs *flag.FlagSet, synopsis, examples string) func() {
	return func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s\n\nExamples:\n%s\nFlags:\n", synopsis, examples)
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		sort.Strings(names)
		for _, n := range names {
			f := fs.Lookup(n)
			def := ""
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
				def = " (default " + f.DefValue + ")"
			}
			fmt.Fprintf(w, "  %s\n        %s%s\n", dashed(n), strings.ReplaceAll(f.Usage, "\n", "\n        "), def)
		}
	}
}

// dashed spells a flag as help and completion show it: -4 for a one-letter
// flag, --name otherwise (the flag package accepts either).
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// errText is an error as the commands print it on stderr: errors may
// quote server data, file names or input, so every byte that could act on
// a terminal is escaped (dnsname.Terminal, \DDD).
func errText(err error) string { return dnsname.Terminal(err.Error()) }
