package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/gen"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/sockets"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/zonefiles"
)

const labExamples = `  dnsobs lab list
  dnsobs lab serve --dir /tmp/lab --port 5353
  dnsobs lab write --dir /tmp/lab         # hints, anchor, MMDBs and zone files, no serving
  dnsobs lab generate --domains 100000 --dir /tmp/gen   # a generated world, written for NSD
  dnsobs lab serve --domains 10000 --dir /tmp/gen --port 5353   # a generated world, served in process
  dnsobs lab serve --domains 5000 --silent-frac 0.2 --lame-frac 0 --dir /tmp/gen   # 20% of its hosting servers silent, none lame
`

func runLab(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("lab", flag.ContinueOnError)
	dir := fs.String("dir", "", "`DIR` to write hints.zone, anchor.zone, asn.mmdb, country.mmdb and the zone files into")
	port := fs.Int("port", 5353, "port to serve on (53 needs root; anything above 1024 works for any user)")
	domains := fs.Int("domains", 0, "a generated world of `N` domains (heavy-tailed hosting, ~10% signed, ~30% IPv6, a few % faulty) instead of the scenario world")
	seed := fs.Int64("seed", 1, "seed of the generated world")
	var gopt gen.Options
	setFractions := gopt.FractionFlags(fs) // --silent-frac and the others: generated worlds only
	fs.Usage = helpFunc(fs, "dnsobs lab list|serve|write|generate [flags]", labExamples)
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, "dnsobs lab: want one of list, serve, write, generate; run 'dnsobs lab --help'")
		return ExitUsage
	}
	if err := setFractions(); err != nil {
		fmt.Fprintf(env.Stderr, "dnsobs lab: %s\n", errText(err))
		return ExitUsage
	}
	gopt.Domains, gopt.Seed = *domains, *seed
	if pos[0] == "generate" && *domains <= 0 {
		fmt.Fprintln(env.Stderr, "dnsobs lab generate: --domains N is required")
		return ExitUsage
	}
	if *domains < 0 || *domains > gen.MaxDomains {
		fmt.Fprintf(env.Stderr, "dnsobs lab: --domains must be between 1 and %d\n", gen.MaxDomains)
		return ExitUsage
	}
	if pos[0] == "generate" {
		return labGenerate(env, gopt, *dir, *port)
	}
	var (
		w         *engine.World
		err       error
		generated []string
	)
	start := time.Now()
	if *domains > 0 {
		w, generated, err = gen.Generate(gopt)
	} else {
		w, err = worlds.Default(time.Now())
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "dnsobs lab: building the world: %s\n", errText(err))
		return ExitInternal
	}
	if *domains > 0 {
		fmt.Fprintf(env.Stderr, "built a world of %d domains in %s\n", len(generated), time.Since(start).Round(time.Millisecond))
	}
	switch pos[0] {
	case "list":
		if *domains > 0 {
			for _, d := range generated {
				fmt.Fprintln(env.Stdout, d)
			}
			return ExitOK
		}
		for _, s := range w.Scenarios() {
			kind := "scenario"
			if s.Control {
				kind = "control"
			}
			fmt.Fprintf(env.Stdout, "%-36s %-8s %s\n", s.Domain, kind, strings.Join(s.Expect, " "))
		}
		return ExitOK
	case "write", "serve":
		if *dir == "" {
			fmt.Fprintln(env.Stderr, "dnsobs lab: --dir is required: the hints and trust anchor are written there")
			return ExitUsage
		}
		if err := WriteLabFiles(w, *dir); err != nil {
			fmt.Fprintf(env.Stderr, "dnsobs lab: %s\n", errText(err))
			return ExitInternal
		}
		if pos[0] == "write" {
			fmt.Fprintf(env.Stdout, "wrote the lab world to %s\n", *dir)
			return ExitOK
		}
		if *port < 1 || *port > 65535 {
			fmt.Fprintf(env.Stderr, "dnsobs lab: --port %d is not a port number\n", *port)
			return ExitUsage
		}
		l, err := sockets.Serve(ctx, w, *port)
		if err != nil {
			fmt.Fprintf(env.Stderr, "dnsobs lab: serving: %s\n", errText(err))
			return ExitInternal
		}
		defer l.Close()
		fmt.Fprintf(env.Stdout, "serving the lab world on 127.53.0.0/16 and [::1], port %d; try:\n", *port)
		portFlag := ""
		if *port != 53 {
			portFlag = fmt.Sprintf(" --lab-port %d", *port)
		}
		fmt.Fprintf(env.Stdout, "  dnsobs check healthy-signed.test --lab --hints %s --trust-anchor %s --geo-asn %s --geo-country %s%s\n",
			filepath.Join(*dir, "hints.zone"), filepath.Join(*dir, "anchor.zone"),
			filepath.Join(*dir, "asn.mmdb"), filepath.Join(*dir, "country.mmdb"), portFlag)
		<-ctx.Done()
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "dnsobs lab: unknown action %q: want list, serve or write\n", pos[0])
	return ExitUsage
}

// WriteLabFiles writes what a check of the lab world needs into dir:
// hints.zone, anchor.zone, asn.mmdb, country.mmdb, and the zone files.
func WriteLabFiles(w *engine.World, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hints.zone"), []byte(w.Hints()), 0o644); err != nil {
		return fmt.Errorf("writing hints: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "anchor.zone"), []byte(w.TrustAnchor()), 0o644); err != nil {
		return fmt.Errorf("writing trust anchor: %w", err)
	}
	if _, _, err := geo.WriteDatabases(dir, w.Networks()); err != nil {
		return err
	}
	if err := zonefiles.Write(w, filepath.Join(dir, "zones")); err != nil {
		return fmt.Errorf("writing zone files: %w", err)
	}
	return nil
}

// labGenerate writes a generated world for NSD zone by zone from its plan
// (gen.Plan.WriteNSD), never building it in memory: a million domains
// take minutes and about 1.2 GiB instead of 10 GiB.
func labGenerate(env *Env, o gen.Options, dir string, port int) int {
	if dir == "" {
		fmt.Fprintln(env.Stderr, "dnsobs lab generate: --dir is required")
		return ExitUsage
	}
	start := time.Now()
	p, err := gen.NewPlan(o)
	if err != nil {
		fmt.Fprintf(env.Stderr, "dnsobs lab generate: %s\n", errText(err))
		return ExitInternal
	}
	layout, err := p.WriteNSD(dir, gen.NSDOptions{Port: port})
	if err == nil {
		_, _, err = geo.WriteDatabases(dir, p.Networks())
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "dnsobs lab generate: %s\n", errText(err))
		return ExitInternal
	}
	fmt.Fprintf(env.Stderr, "wrote a world of %d domains in %s\n", len(p.Domains()), time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(env.Stdout, "wrote %d domains to %s: %s (input), %s, %s, asn.mmdb, country.mmdb, %d nsd.conf files\n",
		len(p.Domains()), dir, layout.Domains, layout.Hints, layout.TrustAnchor, len(layout.Instances))
	for _, inst := range layout.Instances {
		fmt.Fprintf(env.Stdout, "  nsd %s\n", strings.Join(inst.Args(), " "))
	}
	if len(layout.Silent) > 0 {
		fmt.Fprintf(env.Stdout, "%d silent server addresses: no NSD listens there; to make them drop queries rather than refuse them, bind port %d on them and read without answering (bench/scan does)\n",
			len(layout.Silent), layout.Port)
	}
	return ExitOK
}
