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
	"github.com/lac-dns-observatory/dnsobs/internal/lab"
)

const labExamples = `  dnsobs lab list
  dnsobs lab serve --dir /tmp/lab --port 5353
  dnsobs lab write --dir /tmp/lab         # hints, anchor, MMDBs and zone files, no serving
`

func runLab(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("lab", flag.ContinueOnError)
	dir := fs.String("dir", "", "`DIR` to write hints.zone, anchor.zone, asn.mmdb, country.mmdb and the zone files into")
	port := fs.Int("port", 5353, "port to serve on (53 needs root; anything above 1024 works for any user)")
	fs.Usage = helpFunc(fs, "dnsobs lab list|serve|write [flags]", labExamples)
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, "dnsobs lab: want one of list, serve, write; run 'dnsobs lab --help'")
		return ExitUsage
	}
	w, err := lab.Default(time.Now())
	if err != nil {
		fmt.Fprintf(env.Stderr, "dnsobs lab: building the world: %v\n", err)
		return ExitInternal
	}
	switch pos[0] {
	case "list":
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
			fmt.Fprintf(env.Stderr, "dnsobs lab: %v\n", err)
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
		l, err := lab.Serve(ctx, w, *port)
		if err != nil {
			fmt.Fprintf(env.Stderr, "dnsobs lab: serving: %v\n", err)
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
func WriteLabFiles(w *lab.World, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hints.zone"), []byte(w.Hints()), 0o644); err != nil {
		return fmt.Errorf("writing hints: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "anchor.zone"), []byte(w.TrustAnchor()), 0o644); err != nil {
		return fmt.Errorf("writing trust anchor: %w", err)
	}
	if err := geo.WriteMMDB(filepath.Join(dir, "asn.mmdb"), geo.FormatGeoLite2ASN, w.Networks()); err != nil {
		return fmt.Errorf("writing ASN database: %w", err)
	}
	if err := geo.WriteMMDB(filepath.Join(dir, "country.mmdb"), geo.FormatGeoLite2Country, w.Networks()); err != nil {
		return fmt.Errorf("writing country database: %w", err)
	}
	if err := w.WriteZoneFiles(filepath.Join(dir, "zones")); err != nil {
		return fmt.Errorf("writing zone files: %w", err)
	}
	return nil
}
