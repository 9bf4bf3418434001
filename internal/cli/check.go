package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	_ "github.com/lac-dns-observatory/dnsobs/internal/check/all" // the check catalog
	"github.com/lac-dns-observatory/dnsobs/internal/collect"
	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
)

const checkExamples = `  dnsobs check example.org
  dnsobs check example.org --json --fail-on error
  dnsobs check example.org --lang es
  dnsobs check example.org --nagios     # one Nagios status line; exit 0/1/2/3
  dnsobs check .                        # the root, validated against the trust anchor
  dnsobs check new.example.org --undelegated ns1.example.net=192.0.2.1,ns2.example.net=2001:db8::2
  dnsobs check healthy-signed.test --lab --hints lab/hints.zone --trust-anchor lab/anchor.zone --lab-port 5353
  dnsobs check example.org --save-observations obs.json   # measure once
  dnsobs check --replay obs.json --at 2026-12-01T00:00:00Z  # analyse again, no network
`

func runCheck(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var mf measureFlags
	mf.register(fs)
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	lang := fs.String("lang", "en", "language of the report: en, es, pt, fr")
	failOn := fs.String("fail-on", "", "exit 1 when a finding is at or above this `SEVERITY` (info, notice, warning, error, critical)")
	level := fs.String("level", "info", "list only findings at or above this `SEVERITY` in the text report (info, notice, warning, error, critical); --json keeps them all")
	nagios := fs.Bool("nagios", false, "print one Nagios status line and nothing else; exit 0/1/2/3 = OK/WARNING/CRITICAL/UNKNOWN (warning → 1, error or critical → 2, could not finish → 3)")
	undelegated := fs.String("undelegated", "", "test the zone with these nameservers instead of the parent's: `NS=ADDR[,NS=ADDR...]`")
	at := fs.String("at", "", "evaluate signature validity as of this `TIME` (RFC 3339 or YYYY-MM-DD)")
	observations := fs.Bool("observations", false, "include every raw query in the JSON report")
	save := fs.String("save-observations", "", "also write the raw observations to `FILE` (JSON) for --replay, with the trust anchor, hints and GeoIP files used")
	replay := fs.String("replay", "", "analyse observations saved with --save-observations from `FILE`; sends no query; validates with the recorded trust anchor unless --trust-anchor")
	fs.Usage = helpFunc(fs, "dnsobs check DOMAIN [flags]", checkExamples)
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs check: %s\n", errText(err))
		if *nagios {
			// A plugin that cannot run says UNKNOWN, on its one line.
			fmt.Fprintf(env.Stdout, "DNSOBS UNKNOWN - %s\n", nagiosText(err.Error()))
			return NagiosUnknown
		}
		return exitFor(err)
	}
	if *nagios && *asJSON {
		return fail(badUsage("--nagios prints one status line: it does not go with --json"))
	}
	if err := i18n.Check(*lang); err != nil {
		return fail(badUsage("--lang: %v", err))
	}
	levelSev, err := check.ParseSeverity(*level)
	if err != nil {
		return fail(badUsage("--level: %v", err))
	}
	var failSev check.Severity
	if *failOn != "" {
		s, err := check.ParseSeverity(*failOn)
		if err != nil {
			return fail(badUsage("--fail-on: %v", err))
		}
		failSev = s
	}
	atTime, err := atFlag(*at)
	if err != nil {
		return fail(err)
	}

	var (
		d    *observe.Domain
		prov *provenance
	)
	if *replay != "" {
		if len(pos) > 0 {
			return fail(badUsage("--replay takes no DOMAIN: the domain is in the observations"))
		}
		b, err := readFlagFile("--replay", *replay, limitReplay)
		if err != nil {
			return fail(err)
		}
		if d, prov, err = parseReplay(*replay, b); err != nil {
			return fail(err)
		}
	}
	if d == nil && len(pos) != 1 {
		return fail(badUsage("want exactly one DOMAIN, got %d arguments", len(pos)))
	}
	m, err := mf.build(env)
	if err != nil {
		return fail(err)
	}
	defer m.Close()
	if d == nil {
		name, err := dnsname.Normalize(pos[0])
		if err != nil {
			return fail(badUsage("%v", err))
		}
		var servers []collect.Server
		if *undelegated != "" {
			servers, err = parseUndelegated(*undelegated)
			if err != nil {
				return fail(badUsage("--undelegated: %v", err))
			}
		}
		d = m.collector.Domain(ctx, name, servers)
		if ctx.Err() != nil {
			return fail(fmt.Errorf("interrupted"))
		}
		if *save != "" {
			p, err := m.provenance()
			if err != nil {
				return fail(fmt.Errorf("writing observations: %w", err))
			}
			b, _ := json.MarshalIndent(observationRecord{Domain: d, Provenance: p}, "", " ")
			if err := os.WriteFile(*save, b, 0o644); err != nil {
				return fail(fmt.Errorf("writing observations: %w", err))
			}
		}
	}
	anchors := m.anchors
	if *replay != "" {
		anchors = replayed(env, &mf, m, d, prov, *replay)
	}
	r := report.Build(d, report.Options{Anchors: anchors, At: atTime, Lang: *lang, Observations: *observations})
	if *nagios {
		code, line := nagiosStatus(r)
		fmt.Fprintln(env.Stdout, line)
		return code
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return fail(err)
		}
	} else if err := report.WriteText(env.Stdout, r, report.TextOptions{Lang: *lang, Color: env.IsTTY(env.Stdout), Level: levelSev}); err != nil {
		return fail(err)
	}
	if worst, any := r.Worst(); *failOn != "" && any && worst >= failSev {
		return ExitFailOn
	}
	return ExitOK
}

// replayed prepares a replay's analysis the way the recorded check ran,
// unless flags say otherwise. It returns the trust anchor to validate
// with: --trust-anchor when given, else the record's (provenance), else,
// for a record from before provenance, the built-in one (with a note on
// stderr). GeoIP answers are the record's, per address, unless --geo-asn
// or --geo-country is given: then every address is looked up again in
// those files.
func replayed(env *Env, mf *measureFlags, m *measurement, d *observe.Domain, prov *provenance, path string) []dns.RR {
	if mf.set("geo-asn") || mf.set("geo-country") {
		relookupGeo(d, m.stack.Geo)
	}
	if mf.set("trust-anchor") {
		return m.anchors
	}
	if prov == nil {
		fmt.Fprintf(env.Stderr, "dnsobs check: note: %s records no trust anchor (written before dnsobs recorded one): DNSSEC is validated with the built-in root anchor; --trust-anchor FILE chooses another\n", dnsname.Terminal(path))
		return m.anchors
	}
	rrs, err := prov.TrustAnchor.anchors()
	if err != nil { // parseReplay checked it
		return m.anchors
	}
	return rrs
}

// Nagios plugin return codes (Nagios plugin guidelines, "Plugin Return
// Codes").
const (
	NagiosOK       = 0
	NagiosWarning  = 1
	NagiosCritical = 2
	NagiosUnknown  = 3
)

var nagiosWords = []string{"OK", "WARNING", "CRITICAL", "UNKNOWN"}

// nagiosStatus returns the plugin return code and the one status line of
// r, as the Nagios plugin guidelines lay it out: SERVICE STATUS - text,
// then after a "|" one perfdata item per severity,
// label=value;warn;crit;min;max. A domain whose check could not finish and
// has no nameserver to speak of (its parent did not answer) is UNKNOWN; a
// name the parent does not delegate is a verdict, not a failure to check
// (DOMAIN_NOT_DELEGATED, CRITICAL); otherwise an error or critical finding
// is CRITICAL and a warning WARNING.
func nagiosStatus(r *report.Report) (int, string) {
	worst, any := r.Worst()
	code := NagiosOK
	notDelegated := r.Delegation.Status == observe.NotDelegated || r.Delegation.Status == observe.NoDelegation
	switch {
	case r.Error != "" && len(r.Nameservers) == 0 && !notDelegated:
		code = NagiosUnknown
	case any && worst >= check.Error:
		code = NagiosCritical
	case any && worst >= check.Warning:
		code = NagiosWarning
	}
	name := r.Domain
	if name != "." {
		name = strings.TrimSuffix(name, ".")
	}
	var counts, perf []string
	for s := check.Critical; s >= check.Info; s-- {
		n := r.Summary.Findings[s.String()]
		if n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n, s))
		}
		perf = append(perf, fmt.Sprintf("%s=%d;;;", s, n))
	}
	text := "no findings"
	if len(counts) > 0 {
		text = strings.Join(counts, ", ")
	}
	if r.Error != "" {
		text += "; not checked: " + r.Error
	}
	return code, fmt.Sprintf("DNSOBS %s - %s: %s | %s", nagiosWords[code], nagiosText(name), nagiosText(text), strings.Join(perf, " "))
}

// nagiosText keeps a text on the status line: no line breaks or other
// control bytes (escaped as \DDD by dnsname.Terminal), no "|" (which
// starts the performance data).
func nagiosText(s string) string {
	return strings.ReplaceAll(dnsname.Terminal(s), "|", "/")
}

// atFlag parses --at: the zero time when it is not set, a usage error
// when it is not a time.
func atFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := parseTime(s)
	if err != nil {
		return time.Time{}, badUsage("--at: %v", err)
	}
	return t, nil
}

func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time: use RFC 3339 (2026-11-23T12:00:00Z) or a date (2026-11-23)", s)
}

func parseUndelegated(s string) ([]collect.Server, error) {
	var out []collect.Server
	idx := map[string]int{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, addr, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("%q: want NS=ADDR, e.g. ns1.example.net=192.0.2.1", part)
		}
		n, err := dnsname.Normalize(name)
		if err != nil {
			return nil, err
		}
		a, err := netip.ParseAddr(strings.TrimSpace(addr))
		if err != nil {
			return nil, fmt.Errorf("%q: %q is not an IP address", part, addr)
		}
		if i, ok := idx[n]; ok {
			out[i].Addrs = append(out[i].Addrs, a)
			continue
		}
		idx[n] = len(out)
		out = append(out, collect.Server{Name: n, Addrs: []netip.Addr{a}})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no NS=ADDR pairs given")
	}
	return out, nil
}
