package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
)

func runChecks(_ context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("checks", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the catalog as JSON (every language)")
	lang := fs.String("lang", "en", "language: en, es, pt, fr")
	zonemaster := fs.Bool("zonemaster", false, "print Zonemaster's 75 test cases, each with its dnsobs checks or why it has none (English)")
	fs.Usage = helpFunc(fs, "dnsobs checks [--json] [--lang LANG] [--zonemaster]",
		"  dnsobs checks\n  dnsobs checks --lang pt\n  dnsobs checks --json | jq '.[].id'\n"+
			"  dnsobs checks --zonemaster\n  dnsobs checks --zonemaster --json | jq '.[] | select(.checks == [])'\n")
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(env.Stderr, "dnsobs checks: unexpected argument %q\n", pos[0])
		return ExitUsage
	}
	if err := i18n.Check(*lang); err != nil {
		fmt.Fprintf(env.Stderr, "dnsobs checks: --lang: %s\n", errText(err))
		return ExitUsage
	}
	if *zonemaster {
		return printCrosswalk(env, *asJSON)
	}
	defs := check.All()
	if *asJSON {
		return writeJSON(env, "checks", defs)
	}
	for _, d := range defs {
		t := d.Text[*lang]
		fmt.Fprintf(env.Stdout, "%-28s %-9s %-12s %s\n", d.ID, d.Severity, d.Category, t.Title)
		refs := strings.Join(d.References, "; ")
		if cases := check.ZonemasterCaseIDs(d.Zonemaster); len(cases) > 0 {
			refs += "; Zonemaster " + strings.Join(cases, ", ")
		}
		fmt.Fprintf(env.Stdout, "%-28s %s\n", "", refs)
	}
	return ExitOK
}

// printCrosswalk prints Zonemaster's test cases, each with the dnsobs
// checks that cover it or the reason none does: one line per case, or a
// JSON array of {id, title, checks, reason}.
func printCrosswalk(env *Env, asJSON bool) int {
	cases := check.ZonemasterCrosswalk()
	if asJSON {
		return writeJSON(env, "checks", cases)
	}
	width := 0
	for _, c := range cases {
		width = max(width, len(c.Title))
	}
	for _, c := range cases {
		what := c.Reason
		if len(c.Checks) > 0 {
			what = strings.Join(c.Checks, " ")
		}
		fmt.Fprintf(env.Stdout, "%-14s  %-*s  %s\n", c.ID, width, c.Title, what)
	}
	return ExitOK
}
