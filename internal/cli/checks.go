package cli

import (
	"context"
	"encoding/json"
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
	fs.Usage = helpFunc(fs, "dnsobs checks [--json] [--lang LANG]", "  dnsobs checks\n  dnsobs checks --lang pt\n  dnsobs checks --json | jq '.[].id'\n")
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
	defs := check.All()
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(defs); err != nil {
			fmt.Fprintf(env.Stderr, "dnsobs checks: %s\n", errText(err))
			return ExitInternal
		}
		return ExitOK
	}
	for _, d := range defs {
		t := d.Text[*lang]
		fmt.Fprintf(env.Stdout, "%-28s %-9s %-12s %s\n", d.ID, d.Severity, d.Category, t.Title)
		refs := strings.Join(d.References, "; ")
		if d.Zonemaster != "" {
			refs += "; Zonemaster " + d.Zonemaster
		}
		fmt.Fprintf(env.Stdout, "%-28s %s\n", "", refs)
	}
	return ExitOK
}
