package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/scan"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// runArg parses the RUN argument: a number, or "latest".
func runArg(pos []string) (int64, error) {
	if len(pos) != 1 {
		return 0, badUsage("want one RUN (a run number, or latest)")
	}
	if pos[0] == "latest" {
		return 0, nil
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id < 1 {
		return 0, badUsage("%q is not a run number", pos[0])
	}
	return id, nil
}

// openRun opens the store at dsn and finds the run named by pos.
func openRun(ctx context.Context, env *Env, dsn string, pos []string) (store.Store, store.Run, error) {
	id, err := runArg(pos)
	if err != nil {
		return nil, store.Run{}, err
	}
	st, err := openStore(ctx, env, dsn)
	if err != nil {
		return nil, store.Run{}, err
	}
	run, err := st.GetRun(ctx, id)
	if err != nil {
		st.Close()
		return nil, store.Run{}, badUsage("%v", err)
	}
	return st, run, nil
}

func runRuns(ctx context.Context, env *Env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "delete":
			return runRunsDelete(ctx, env, args[1:])
		case "show":
			return runRunsShow(ctx, env, args[1:])
		}
	}
	fs := flag.NewFlagSet("runs", flag.ContinueOnError)
	dsn := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print the runs as JSON")
	fs.Usage = helpFunc(fs, "dnsobs runs [--store DSN] [--json] | dnsobs runs show RUN [--json] | dnsobs runs delete RUN [--yes]",
		"  dnsobs runs\n  dnsobs runs --store postgres://obs@db/dnsobs --json\n  dnsobs runs show 7\n  dnsobs runs delete 7 --yes\n")
	if _, code, ok := parse(fs, env, args); !ok {
		return code
	}
	st, err := openStore(ctx, env, *dsn)
	if err != nil {
		fmt.Fprintf(env.Stderr, "dnsobs runs: %s\n", errText(err))
		return exitFor(err)
	}
	defer st.Close()
	runs, err := st.ListRuns(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "dnsobs runs: %s\n", errText(err))
		return ExitInternal
	}
	if *asJSON {
		return writeJSON(env, "runs", runs)
	}
	fmt.Fprintf(env.Stdout, "%-5s %-20s %-12s %9s %9s %7s %10s  %s\n", "RUN", "STARTED", "STATUS", "DOMAINS", "DONE", "ERRORS", "QUERIES", "INPUT")
	for _, r := range runs {
		fmt.Fprintf(env.Stdout, "%-5d %-20s %-12s %9d %9d %7d %10d  %s\n", r.ID, r.StartedAt.Format(time.DateTime), r.Status, r.Domains, r.Done, r.Errors, r.QueriesSent, dnsname.Terminal(r.Input))
	}
	return ExitOK
}

// stdinTTY reports whether the standard input is a terminal, to ask on.
func stdinTTY(env *Env) bool {
	w, ok := env.Stdin.(io.Writer)
	return ok && env.IsTTY(w)
}

func runRunsDelete(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("runs delete", flag.ContinueOnError)
	dsn := storeFlag(fs)
	yes := fs.Bool("yes", false, "delete without asking")
	fs.Usage = helpFunc(fs, "dnsobs runs delete RUN [--yes] [--store DSN]", "  dnsobs runs delete 7\n  dnsobs runs delete 7 --yes --store postgres://obs@db/dnsobs\n")
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs runs delete: %s\n", errText(err))
		return exitFor(err)
	}
	if len(pos) == 1 && pos[0] == "latest" {
		return fail(badUsage("give the number of the run to delete, not latest"))
	}
	st, run, err := openRun(ctx, env, *dsn, pos)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	if !*yes {
		if env.Stdin == nil || !stdinTTY(env) {
			return fail(badUsage("not deleting run %d (%d domains) without asking: no terminal to ask on; add --yes", run.ID, run.Domains))
		}
		fmt.Fprintf(env.Stderr, "delete run %d (%d domains)? [y/N] ", run.ID, run.Domains)
		answer, _ := bufio.NewReader(env.Stdin).ReadString('\n')
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "y", "yes":
		default:
			fmt.Fprintf(env.Stderr, "run %d kept\n", run.ID)
			return ExitOK
		}
	}
	if err := st.DeleteRun(ctx, run.ID); err != nil {
		return fail(err)
	}
	fmt.Fprintf(env.Stderr, "run %d deleted (%d domains)\n", run.ID, run.Domains)
	return ExitOK
}

// runDetails is what dnsobs runs show prints: the run, its settings
// (Parameters) and counts, and its rejected input lines.
type runDetails struct {
	store.Run
	Rejected []store.InputProblem `json:"rejected"`
}

func runRunsShow(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("runs show", flag.ContinueOnError)
	dsn := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print the run as JSON")
	fs.Usage = helpFunc(fs, "dnsobs runs show RUN [--json] [--store DSN]", "  dnsobs runs show 7\n  dnsobs runs show latest --json | jq .rejected\n")
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs runs show: %s\n", errText(err))
		return exitFor(err)
	}
	st, run, err := openRun(ctx, env, *dsn, pos)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	probs, err := st.InputProblems(ctx, run.ID)
	if err != nil {
		return fail(err)
	}
	if *asJSON {
		return writeJSON(env, "runs show", runDetails{Run: run, Rejected: probs})
	}
	w := env.Stdout
	fmt.Fprintf(w, "run %d: %s\n", run.ID, run.Status)
	fmt.Fprintf(w, "  started   %s\n", run.StartedAt.Format(time.RFC3339))
	if run.FinishedAt != nil {
		fmt.Fprintf(w, "  finished  %s\n", run.FinishedAt.Format(time.RFC3339))
	}
	fmt.Fprintf(w, "  input     %s\n  vantage   %s\n", dnsname.Terminal(run.Input), dnsname.Terminal(run.Vantage))
	fmt.Fprintf(w, "  domains   %d accepted, %d done, %d with a collection error, %d input lines rejected\n",
		run.Domains, run.Done, run.Errors, len(probs))
	fmt.Fprintf(w, "  queries   %d\n", run.QueriesSent)
	keys := make([]string, 0, len(run.Parameters))
	for k := range run.Parameters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintln(w, "settings:")
	for _, k := range keys {
		fmt.Fprintf(w, "  %-24s %s\n", dnsname.Terminal(k), dnsname.Terminal(run.Parameters[k]))
	}
	fmt.Fprintf(w, "rejected input lines: %d\n", len(probs))
	for _, p := range probs {
		fmt.Fprintf(w, "  line %d: %s: \"%s\"\n", p.Line, dnsname.Terminal(p.Reason), dnsname.Terminal(p.Text)) // Text is escaped (scan.Reader)
	}
	return ExitOK
}

func writeJSON(env *Env, cmd string, v any) int {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(env.Stderr, "dnsobs %s: %s\n", cmd, errText(err))
		return ExitInternal
	}
	return ExitOK
}

// metricHelp explains each figure of dnsobs stats (--explain). KEY is
// the bucket's key.
var metricHelp = map[string]string{
	"domains":        "domains with a stored result in this scope: the total every percentage of the scope divides by",
	"errors":         "domains whose collection failed (the reason is in each domain's report: dnsobs export)",
	"dnssec_status":  "domains by the DNSSEC status (KEY) of their chain of trust from the root: secure validates, insecure is provably unsigned (no DS at the parent), bogus fails validation; none: not determined (e.g. the collection failed)",
	"ipv6_ready":     "domains where a nameserver answers over IPv6 and the apex or www has an AAAA record",
	"ns_ipv6":        "domains with a nameserver address that answers over IPv6",
	"ns_count":       "domains by their number of nameservers (KEY)",
	"asn_count":      "domains by the number of distinct ASNs (KEY) of their nameserver addresses; 1: no AS diversity",
	"prefix_count":   "domains by the number of distinct network prefixes (KEY) of their nameserver addresses",
	"worst_severity": "domains by their most severe finding (KEY); none: no finding",
	"finding":        "domains with at least one finding of the ID (KEY); dnsobs checks describes each ID",
	"top_asn":        "the ASNs (KEY) hosting the most domains' DNS: domains with a nameserver address in the ASN (a domain counts in each of its ASNs: these do not add up to 100%)",
}

func runStats(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	dsn := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print the aggregates as JSON")
	scope := fs.String("scope", "", "only this scope: all, tld:cl, country:CL")
	explain := fs.Bool("explain", false, "say what each figure means")
	compare := fs.String("compare", "", "compare with run `RUN` (default: the previous done run of the same input)")
	fs.Usage = helpFunc(fs, "dnsobs stats RUN [--scope SCOPE] [--explain] [--compare RUN] [--json]", "  dnsobs stats 7\n  dnsobs stats latest --scope tld:cl --explain\n  dnsobs stats 7 --compare 3\n  dnsobs stats 7 --json | jq '.[] | select(.metric==\"dnssec_status\")'\n")
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs stats: %s\n", errText(err))
		return exitFor(err)
	}
	var compareID int64
	if *compare != "" {
		id, err := strconv.ParseInt(*compare, 10, 64)
		if err != nil || id < 1 {
			return fail(badUsage("--compare %q is not a run number", *compare))
		}
		compareID = id
	}
	st, run, err := openRun(ctx, env, *dsn, pos)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	aggs, err := runAggregates(ctx, st, run.ID)
	if err != nil {
		return fail(err)
	}
	if aggs, err = filterScope(*scope, run.ID, aggs); err != nil {
		return fail(err)
	}
	if *asJSON {
		return writeJSON(env, "stats", aggs)
	}
	// What the figures compare with.
	var (
		prev    store.Run
		hasPrev bool
	)
	if compareID != 0 {
		if compareID == run.ID {
			return fail(badUsage("--compare %d is the run itself", compareID))
		}
		if prev, err = st.GetRun(ctx, compareID); err != nil {
			return fail(badUsage("--compare: %v", err))
		}
		hasPrev = true
	} else if prev, hasPrev, err = st.PreviousRun(ctx, run.ID); err != nil {
		return fail(err)
	}
	before := map[string]float64{}
	if hasPrev {
		paggs, err := runAggregates(ctx, st, prev.ID)
		if err != nil {
			return fail(err)
		}
		for _, a := range paggs {
			before[a.Scope+"\x00"+a.Metric+"\x00"+a.Key] = a.Value
		}
	}
	w := env.Stdout
	fmt.Fprintf(w, "run %d (%s): %d domains, %d done, %d errors, %d queries; started %s\n",
		run.ID, run.Status, run.Domains, run.Done, run.Errors, run.QueriesSent, run.StartedAt.Format(time.RFC3339))
	switch {
	case hasPrev && compareID != 0:
		fmt.Fprintf(w, "Compared with run %d (--compare; input %s, started %s): the change since it follows each figure.\n", prev.ID, prev.Input, prev.StartedAt.Format(time.RFC3339))
	case hasPrev:
		fmt.Fprintf(w, "Compared with run %d, the previous done run of the same input (started %s): the change since it follows each figure.\n", prev.ID, prev.StartedAt.Format(time.RFC3339))
	default:
		fmt.Fprintln(w, "No earlier done run of the same input to compare with (--compare RUN chooses one).")
	}
	fmt.Fprintln(w, "The country of a domain is its ccTLD's; the registrant's country is not known to the DNS.")
	fmt.Fprintln(w, "Each percentage is of the scope's domains, the total after \"of\".")
	if !*explain {
		fmt.Fprintln(w, "Run with --explain for what each figure means.")
	}
	byScope := map[string][]store.Aggregate{}
	total := map[string]float64{}
	var scopes []string
	for _, a := range aggs {
		if strings.HasPrefix(a.Metric, "delta_") {
			continue // the stored deltas: the comparison below shows them
		}
		if _, ok := byScope[a.Scope]; !ok {
			scopes = append(scopes, a.Scope)
		}
		byScope[a.Scope] = append(byScope[a.Scope], a)
		if a.Metric == "domains" {
			total[a.Scope] = a.Value
		}
	}
	sort.Slice(scopes, func(i, j int) bool {
		if scopes[i] == "all" || scopes[j] == "all" {
			return scopes[i] == "all"
		}
		return scopes[i] < scopes[j]
	})
	for _, sc := range scopes {
		fmt.Fprintf(w, "\n[%s] %g domains\n", sc, total[sc])
		metric := ""
		for _, a := range byScope[sc] {
			if a.Metric != metric {
				metric = a.Metric
				fmt.Fprintf(w, "  %s\n", metric)
				if h, ok := metricHelp[metric]; ok && *explain {
					fmt.Fprintf(w, "    (%s)\n", h)
				}
			}
			key := a.Key
			if key == "" {
				key = "-"
			}
			line := fmt.Sprintf("    %-32s %8g", key, a.Value)
			if a.Metric != "domains" && total[sc] > 0 {
				line += fmt.Sprintf(" %6.1f%% of %g", 100*a.Value/total[sc], total[sc])
			}
			if hasPrev {
				line += fmt.Sprintf("  %+g since run %d", a.Value-before[a.Scope+"\x00"+a.Metric+"\x00"+a.Key], prev.ID)
			}
			fmt.Fprintln(w, line)
		}
	}
	return ExitOK
}

// runAggregates are the run's stored aggregates, computed first when it
// has none.
func runAggregates(ctx context.Context, st store.Store, id int64) ([]store.Aggregate, error) {
	aggs, err := st.Aggregates(ctx, id)
	if err == nil && len(aggs) == 0 {
		aggs, err = st.ComputeAggregates(ctx, id)
	}
	return aggs, err
}

func runExport(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dsn := storeFlag(fs)
	format := fs.String("format", "jsonl", "csv, jsonl or parquet")
	out := fs.String("o", "-", "output `FILE` (- for standard output)")
	fs.Usage = helpFunc(fs, "dnsobs export RUN --format csv|jsonl|parquet [-o FILE]", "  dnsobs export 7 --format csv -o run7.csv\n  dnsobs export latest --format parquet -o run.parquet\n  duckdb -c \"SELECT dnssec_status, count(*) FROM 'run.parquet' GROUP BY 1\"\n")
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs export: %s\n", errText(err))
		return exitFor(err)
	}
	switch *format {
	case "csv", "jsonl", "parquet":
	default:
		return fail(badUsage("--format %q: want csv, jsonl or parquet", *format))
	}
	if *format == "parquet" && *out == "-" && env.IsTTY(env.Stdout) {
		return fail(badUsage("parquet is binary: give -o FILE"))
	}
	st, run, err := openRun(ctx, env, *dsn, pos)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	w := env.Stdout
	if *out != "-" {
		fh, err := os.Create(*out)
		if err != nil {
			return fail(badUsage("cannot write -o: %v", err))
		}
		defer fh.Close()
		w = fh
	}
	if err := st.Export(ctx, run.ID, *format, w); err != nil {
		return fail(err)
	}
	return ExitOK
}

func runReanalyze(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("reanalyze", flag.ContinueOnError)
	dsn := storeFlag(fs)
	ta := fs.String("trust-anchor", "", "root trust anchor `FILE` (default: the run's, else IANA's)")
	at := fs.String("at", "", "evaluate signature validity as of `TIME` (default: each domain's collection time)")
	lang := fs.String("lang", "en", "language of stored messages")
	fs.Usage = helpFunc(fs, "dnsobs reanalyze RUN [flags]", "  dnsobs reanalyze 7            # after upgrading dnsobs: new checks over stored observations\n  dnsobs reanalyze 7 --at 2027-01-01\n")
	pos, code, ok := parse(fs, env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs reanalyze: %s\n", errText(err))
		return exitFor(err)
	}
	if err := i18n.Check(*lang); err != nil {
		return fail(badUsage("--lang: %v", err))
	}
	atTime, err := atFlag(*at)
	if err != nil {
		return fail(err)
	}
	st, run, err := openRun(ctx, env, *dsn, pos)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	anchorFile := *ta
	if anchorFile == "" {
		anchorFile = run.Parameters["trust_anchor"]
	}
	anchors, err := loadAnchors(anchorFile, run.Parameters["lab"] == "true")
	if err != nil {
		return fail(err)
	}
	n, bogus, err := scan.Reanalyze(ctx, st, run.ID, report.Options{Anchors: anchors, At: atTime, Lang: *lang})
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(env.Stdout, "reanalyzed %d domains of run %d without network (%d DNSSEC-bogus); aggregates recomputed\n", n, run.ID, bogus)
	return ExitOK
}
