package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"
	"sync"
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
  dnsobs check example.org example.net --json   # one JSON object per line, in argument order
  dnsobs check example.org --lang es --color never
  dnsobs check example.org --nagios     # one Nagios status line; exit 0/1/2/3
  dnsobs check .                        # the root, validated against the trust anchor
  dnsobs check new.example.org --undelegated ns1.example.net=192.0.2.1,ns2.example.net=2001:db8::2
  dnsobs check new.example.org --undelegated ns1.example.net=192.0.2.1 --ds 12345,13,2,<64 hex digits>
  dnsobs check example.org --only NS_LAME,NS_NO_TCP     # or --skip ID,...; IDs from dnsobs checks
  dnsobs check example.org -4                          # IPv4 only (-6: IPv6 only)
  dnsobs check healthy-signed.test --lab --hints lab/hints.zone --trust-anchor lab/anchor.zone --lab-port 5353
  dnsobs check example.org --save-observations obs.json   # measure once
  dnsobs check --replay obs.json --at 2026-12-01T00:00:00Z  # analyse again, no network
`

// checkConcurrency is how many of check's domains are collected at once; the
// reports are printed in argument order all the same.
const checkConcurrency = 4

// checkSeparator stands between the text reports of several domains.
const checkSeparator = "\n" + "========================================================================" + "\n\n"

func runCheck(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var mf measureFlags
	mf.register(fs)
	asJSON := fs.Bool("json", false, "print the report as one JSON object (several domains: one compact object per line, JSON Lines)")
	lang := fs.String("lang", "en", "language of the report: en, es, pt, fr")
	failOn := fs.String("fail-on", "", "exit 1 when a finding (of any domain) is at or above this `SEVERITY` (info, notice, warning, error, critical)")
	level := fs.String("level", "info", "list only findings at or above this `SEVERITY` in the text report (info, notice, warning, error, critical); --json keeps them all")
	nagios := fs.Bool("nagios", false, "print one Nagios status line and nothing else; exit 0/1/2/3 = OK/WARNING/CRITICAL/UNKNOWN (warning → 1, error or critical → 2, could not finish → 3); one DOMAIN only")
	undelegated := fs.String("undelegated", "", "test the zone with these nameservers instead of the parent's: `NS=ADDR[,NS=ADDR...]` (several domains: each with these)")
	at := fs.String("at", "", "evaluate signature validity as of this `TIME` (RFC 3339 or YYYY-MM-DD)")
	observations := fs.Bool("observations", false, "include every raw query in the JSON report")
	save := fs.String("save-observations", "", "also write the raw observations to `FILE` (JSON) for --replay, with the trust anchor, hints and GeoIP files used; one DOMAIN only")
	replay := fs.String("replay", "", "analyse observations saved with --save-observations from `FILE`; sends no query; validates with the recorded trust anchor unless --trust-anchor")
	color := fs.String("color", "auto", "colour the text report's severities: auto (when standard output is a terminal and NO_COLOR is not set), always or never")
	var quiet bool
	fs.BoolVar(&quiet, "q", false, "no progress line on stderr (drawn only on a terminal, for a check taking over a second)")
	fs.BoolVar(&quiet, "quiet", false, "the same as -q")
	var dsList stringsFlag
	fs.Var(&dsList, "ds", "with --undelegated: a DS record `KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST` standing in for the parent's (repeatable; digest type 1, 2 or 4, digest in hex)")
	only := fs.String("only", "", "report only the findings of these checks: `ID[,ID...]` (IDs as dnsobs checks lists them)")
	skip := fs.String("skip", "", "report every finding except those of these checks: `ID[,ID...]`")
	only4 := fs.Bool("4", false, "query IPv4 addresses only: IPv6 ones are recorded as not_probed")
	only6 := fs.Bool("6", false, "query IPv6 addresses only: IPv4 ones are recorded as not_probed")
	fs.Usage = helpFunc(fs, "dnsobs check DOMAIN... [flags]", checkExamples)
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
	useColor, err := colorFlag(*color, env)
	if err != nil {
		return fail(err)
	}
	sel, err := check.Select(*only, *skip)
	if err != nil {
		return fail(badUsage("%v", err))
	}
	switch {
	case *only4 && *only6:
		return fail(badUsage("-4 and -6 do not go together: give one, or neither to query both address families"))
	case *only4:
		mf.family = 4
	case *only6:
		mf.family = 6
	}
	if len(dsList) > 0 && *undelegated == "" {
		return fail(badUsage("--ds needs --undelegated: the DS records stand in for the parent's in an undelegated test (as Zonemaster's --ds); a delegated zone's DS is the parent's"))
	}
	if *replay != "" && (len(dsList) > 0 || mf.family != 0) {
		return fail(badUsage("--replay sends no query: --ds, -4 and -6 apply to a new measurement (a replay's DS records are in its observations)"))
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
	// Every name is checked before anything is sent.
	var names []string
	var servers []collect.Server
	var givenDS []string
	if d == nil {
		if len(pos) == 0 {
			return fail(badUsage("want a DOMAIN (or several), got none"))
		}
		for _, a := range pos {
			n, err := dnsname.Normalize(a)
			if err != nil {
				return fail(badUsage("%v", err))
			}
			names = append(names, n)
		}
		if len(names) > 1 && *nagios {
			return fail(badUsage("--nagios checks one DOMAIN (a Nagios plugin prints one status line), got %d", len(names)))
		}
		if len(names) > 1 && *save != "" {
			return fail(badUsage("--save-observations writes one domain's observations, got %d domains: check them one at a time", len(names)))
		}
		if *undelegated != "" {
			if servers, err = parseUndelegated(*undelegated); err != nil {
				return fail(badUsage("--undelegated: %v", err))
			}
		}
		if len(dsList) > 0 {
			if len(names) > 1 {
				return fail(badUsage("--ds gives one zone's DS records, got %d domains: check them one at a time", len(names)))
			}
			if givenDS, err = parseDS(names[0], dsList); err != nil {
				return fail(err)
			}
		}
	}
	var prog *checkProgress
	if d == nil && !quiet && !*nagios && env.IsTTY(env.Stderr) {
		prog = newCheckProgress(env.Stderr, len(names), env.progressDelay)
		mf.wrap = prog.watchExchanges
	}
	m, err := mf.build(env)
	if err != nil {
		return fail(err)
	}
	defer m.Close()
	opts := report.Options{Anchors: m.anchors, At: atTime, Lang: *lang, Observations: *observations, Select: sel}
	text := report.TextOptions{Lang: *lang, Color: useColor, Level: levelSev}
	failed := func(r *report.Report) bool {
		worst, any := r.Worst()
		return *failOn != "" && any && worst >= failSev
	}
	if len(names) > 1 {
		return checkSeveral(ctx, env, m, prog, names, servers, opts, *asJSON, text, failed, fail)
	}
	if d == nil {
		prog.learnHints(m.hintsText)
		prog.start()
		d = m.collector.Domain(ctx, names[0], servers)
		prog.finish()
		if ctx.Err() != nil {
			return fail(fmt.Errorf("interrupted"))
		}
		d.UndelegatedDS = givenDS
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
	if *replay != "" {
		opts.Anchors = replayed(env, &mf, m, d, prov, *replay)
	}
	r := report.Build(d, opts)
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
	} else if err := report.WriteText(env.Stdout, r, text); err != nil {
		return fail(err)
	}
	if failed(r) {
		return ExitFailOn
	}
	return ExitOK
}

// checkSeveral checks several domains, checkConcurrency at a time, and prints
// their reports in argument order as they come: JSON Lines (each line the
// object check --json prints for one domain, compact) or the text reports
// separated by checkSeparator. The exit code is the worst: 3 when the
// command could not go on (interrupted, output failed), else 1 when a
// domain has a finding at or above --fail-on, else 0.
func checkSeveral(ctx context.Context, env *Env, m *measurement, prog *checkProgress, names []string, servers []collect.Server,
	opts report.Options, asJSON bool, text report.TextOptions, failed func(*report.Report) bool, fail func(error) int) int {
	ctx, cancel := context.WithCancel(ctx)
	var workers sync.WaitGroup
	defer workers.Wait()
	defer cancel()
	reports := make([]chan *report.Report, len(names))
	for i := range reports {
		reports[i] = make(chan *report.Report, 1)
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range names {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	prog.learnHints(m.hintsText)
	prog.start()
	defer prog.finish()
	for range min(checkConcurrency, len(names)) {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for i := range next {
				d := m.collector.Domain(ctx, names[i], servers)
				if ctx.Err() != nil {
					return
				}
				reports[i] <- report.Build(d, opts)
				prog.domainDone()
			}
		}()
	}
	code := ExitOK
	for i := range names {
		var r *report.Report
		select {
		case r = <-reports[i]:
		case <-ctx.Done():
			return fail(fmt.Errorf("interrupted"))
		}
		var err error
		prog.pause(func() {
			if asJSON {
				err = json.NewEncoder(env.Stdout).Encode(r)
				return
			}
			if i > 0 {
				if _, err = io.WriteString(env.Stdout, checkSeparator); err != nil {
					return
				}
			}
			err = report.WriteText(env.Stdout, r, text)
		})
		if err != nil {
			return fail(err)
		}
		if failed(r) {
			code = ExitFailOn
		}
	}
	return code
}

// colorFlag decides whether the text report is coloured: --color always
// or never, or auto: when standard output is a terminal and NO_COLOR is
// unset or empty (https://no-color.org). --color always overrides NO_COLOR.
func colorFlag(mode string, env *Env) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return env.IsTTY(env.Stdout) && env.getenv("NO_COLOR") == "", nil
	}
	return false, badUsage("--color %s: want auto, always or never", dnsname.Quote(mode))
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
