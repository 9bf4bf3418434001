package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strconv"
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
  dnsobs lab serve --dir /tmp/lab         # the scenario world on 127.53.0.0/16 and ::1, port 5353
  dnsobs lab write --dir /tmp/lab         # hints, anchor, MMDBs, domains.txt and zone files, no serving
  dnsobs lab generate --domains 100000 --dir /tmp/gen   # a generated world, written for NSD (port 5354)
  dnsobs lab serve --domains 10000 --dir /tmp/gen2      # a generated world, served in process (port 5354)
  dnsobs lab serve --domains 5000 --silent-frac 0.2 --lame-frac 0 --dir /tmp/gen3 --port 5355   # a second generated world
  dnsobs lab generate --domains 1000 --dir /tmp/gen --force   # clear the lab directory first
`

// The default ports: the scenario world and a generated one can be served
// at once with the defaults (their IPv4 ranges differ, both use ::1).
const (
	scenarioPort  = 5353
	generatedPort = 5354
)

// labMarker is the file every lab command leaves in its --dir; --force
// clears only a directory that holds it.
const labMarker = ".dnsobs-lab"

// labFlags are the flags of dnsobs lab.
type labFlags struct {
	dir     string
	port    int
	domains int
	seed    int64
	force   bool
	gopt    gen.Options
	fs      *flag.FlagSet
}

func (f *labFlags) set(name string) bool {
	found := false
	f.fs.Visit(func(fl *flag.Flag) { found = found || fl.Name == name })
	return found
}

// validate checks the flags of action, before anything is built or written.
func (f *labFlags) validate(action string) error {
	if f.set("domains") && (f.domains < 1 || f.domains > gen.MaxDomains) {
		if f.domains < 1 {
			return badUsage("--domains %d: must be at least 1 (and at most %d)", f.domains, gen.MaxDomains)
		}
		return badUsage("--domains %d: must be at most %d", f.domains, gen.MaxDomains)
	}
	if action == "generate" && !f.set("domains") {
		return badUsage("--domains N is required: the number of domains of the generated world")
	}
	if f.set("port") && (f.port < 1 || f.port > 65535) {
		return badUsage("--port %d: want a port from 1 to 65535 (the default is %d, or %d for a generated world)", f.port, scenarioPort, generatedPort)
	}
	if !f.set("port") {
		f.port = scenarioPort
		if f.set("domains") {
			f.port = generatedPort
		}
	}
	if action != "list" && f.dir == "" {
		return badUsage("--dir DIR is required: the hints, trust anchor, MMDBs and domains.txt are written there")
	}
	return nil
}

func runLab(ctx context.Context, env *Env, args []string) int {
	fset := flag.NewFlagSet("lab", flag.ContinueOnError)
	f := &labFlags{fs: fset}
	fset.StringVar(&f.dir, "dir", "", "`DIR` to write hints.zone, anchor.zone, asn.mmdb, country.mmdb, domains.txt and the zone files into (new or empty, or see --force)")
	fset.IntVar(&f.port, "port", 0, fmt.Sprintf("`PORT` to serve on, or that generate's nsd.conf files use (default %d, %d for a generated world; 53 needs root)", scenarioPort, generatedPort))
	fset.IntVar(&f.domains, "domains", 0, fmt.Sprintf("a generated world of `N` domains, 1 to %d (heavy-tailed hosting, ~10%% signed, ~30%% IPv6, a few %% faulty) instead of the scenario world", gen.MaxDomains))
	fset.Int64Var(&f.seed, "seed", 1, "seed of the generated world")
	fset.BoolVar(&f.force, "force", false, "clear --dir first when it is not empty (only a directory a dnsobs lab command wrote: it holds "+labMarker+")")
	setFractions := f.gopt.FractionFlags(fset) // --silent-frac and the others: generated worlds only
	fset.Usage = helpFunc(fset, "dnsobs lab list|serve|write|generate [flags]", labExamples)
	pos, code, ok := parse(fset, env, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, "dnsobs lab: want one of list, serve, write, generate; run 'dnsobs lab --help'")
		return ExitUsage
	}
	action := pos[0]
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs lab %s: %v\n", action, err)
		return exitFor(err)
	}
	switch action {
	case "list", "serve", "write", "generate":
	default:
		fmt.Fprintf(env.Stderr, "dnsobs lab: unknown action %q: want list, serve, write or generate\n", action)
		return ExitUsage
	}
	if err := setFractions(); err != nil {
		return fail(badUsage("%v", err))
	}
	if err := f.validate(action); err != nil {
		return fail(err)
	}
	f.gopt.Domains, f.gopt.Seed = f.domains, f.seed
	if action != "list" {
		// Checked now, written once the world is built (and, for serve,
		// bound): a command that fails leaves the directory as it was.
		if err := checkLabDir(f.dir, f.force); err != nil {
			return fail(err)
		}
	}
	if action == "generate" {
		if err := prepareLabDir(f.dir, f.force); err != nil {
			return fail(err)
		}
		return labGenerate(env, f)
	}
	w, domains, err := f.world(env)
	if err != nil {
		return fail(fmt.Errorf("building the world: %w", err))
	}
	if action == "list" {
		if f.domains > 0 {
			for _, d := range domains {
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
	}
	if action == "write" {
		if err := prepareLabDir(f.dir, f.force); err != nil {
			return fail(err)
		}
		files, err := writeLabFiles(w, domains, f.dir)
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(env.Stdout, "wrote %s (%d domains) to %s: %s, zones/ (zone files, keys, manifest.json for NSD, Knot or BIND)\n",
			f.worldName(), len(domains), files.dir, files.list())
		fmt.Fprintf(env.Stdout, "serve the same world in process (into another directory):\n  dnsobs %s\n", shellJoin(f.again("serve", files.dir+"-served")))
		fmt.Fprintf(env.Stdout, "then, at port %d:\n", f.port)
		files.printCommands(env.Stdout, domains[0], f.port)
		return ExitOK
	}
	l, err := sockets.Serve(ctx, w, f.port)
	if errors.Is(err, sockets.ErrAddrInUse) {
		return fail(fmt.Errorf("%v: port %d is taken (another world served on it?): serve this one on another port, e.g. --port %d", err, f.port, f.port+2))
	}
	if err != nil {
		return fail(fmt.Errorf("serving: %w", err))
	}
	defer l.Close()
	if err := prepareLabDir(f.dir, f.force); err != nil {
		return fail(err)
	}
	files, err := writeLabFiles(w, domains, f.dir)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(env.Stdout, "serving %s (%d domains) over UDP and TCP, port %d, on %s\n", f.worldName(), len(domains), l.Port(), addrSummary(l.Addrs()))
	if sk := l.Skipped(); len(sk) > 0 {
		fmt.Fprintf(env.Stdout, "not served (the system lacks these addresses): %s\n", addrList(sk))
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %s, zones/\n", files.dir, files.list())
	files.printCommands(env.Stdout, domains[0], l.Port())
	fmt.Fprintln(env.Stdout, "serving until interrupted (Ctrl-C)")
	<-ctx.Done()
	return ExitOK
}

// world builds the world the flags ask for and lists its domains: the
// scenario world, or a generated one with --domains.
func (f *labFlags) world(env *Env) (*engine.World, []string, error) {
	if !f.set("domains") {
		w, err := worlds.Default(time.Now())
		if err != nil {
			return nil, nil, err
		}
		return w, scenarioDomains(w), nil
	}
	start := time.Now()
	w, domains, err := gen.Generate(f.gopt)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(env.Stderr, "built a world of %d domains in %s\n", len(domains), time.Since(start).Round(time.Millisecond))
	return w, domains, nil
}

func (f *labFlags) worldName() string {
	if f.set("domains") {
		return fmt.Sprintf("a generated world (seed %d)", f.seed)
	}
	return "the scenario world"
}

// again is the lab command that builds the same world as f, for action
// into dir: the flags given, but --dir, --force and --port, then the port.
func (f *labFlags) again(action, dir string) []string {
	args := []string{"lab", action}
	f.fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "dir", "force", "port":
		default:
			args = append(args, "--"+fl.Name, fl.Value.String())
		}
	})
	return append(args, "--port", strconv.Itoa(f.port), "--dir", dir)
}

// scenarioDomains are the domains of the scenario world, without the final
// dot, in the order of dnsobs lab list.
func scenarioDomains(w *engine.World) []string {
	var out []string
	for _, s := range w.Scenarios() {
		out = append(out, strings.TrimSuffix(s.Domain, "."))
	}
	return out
}

// labWorldDir holds the files every lab command writes into its --dir.
type labWorldDir struct {
	dir, hints, anchor, asn, country, domains string
}

func newLabFiles(dir string) labWorldDir {
	return labWorldDir{dir: dir, hints: filepath.Join(dir, zonefiles.HintsFile), anchor: filepath.Join(dir, zonefiles.AnchorFile),
		asn: filepath.Join(dir, "asn.mmdb"), country: filepath.Join(dir, "country.mmdb"), domains: filepath.Join(dir, zonefiles.DomainsFile)}
}

func (l labWorldDir) list() string {
	var names []string
	for _, p := range []string{l.hints, l.anchor, l.asn, l.country, l.domains} {
		names = append(names, filepath.Base(p))
	}
	return strings.Join(names, ", ")
}

// flags are the measurement flags that point a check or scan at the world
// served at port.
func (l labWorldDir) flags(port int) []string {
	args := []string{"--lab", "--hints", l.hints, "--trust-anchor", l.anchor, "--geo-asn", l.asn, "--geo-country", l.country}
	if port != 53 {
		args = append(args, "--lab-port", strconv.Itoa(port))
	}
	return args
}

// printCommands prints a check of domain and a scan of the whole world,
// served at port.
func (l labWorldDir) printCommands(w io.Writer, domain string, port int) {
	domain = strings.TrimSuffix(domain, ".")
	fmt.Fprintf(w, "check a domain of it:\n  dnsobs %s\n", shellJoin(append([]string{"check", domain}, l.flags(port)...)))
	fmt.Fprintf(w, "scan all of it:\n  dnsobs %s\n", shellJoin(append([]string{"scan", "--input", l.domains}, l.flags(port)...)))
}

// WriteLabFiles writes what a check of the scenario world w needs into dir:
// hints.zone, anchor.zone, asn.mmdb, country.mmdb, domains.txt and the
// zone files.
func WriteLabFiles(w *engine.World, dir string) error {
	_, err := writeLabFiles(w, scenarioDomains(w), dir)
	return err
}

// writeLabFiles writes the files of every lab directory (the same names
// and formats as lab generate) and w's zone files under zones/.
func writeLabFiles(w *engine.World, domains []string, dir string) (labWorldDir, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return labWorldDir{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return labWorldDir{}, fmt.Errorf("creating %s: %w", dir, err)
	}
	if err := zonefiles.WriteCommon(dir, w.Hints(), w.TrustAnchor(), domains); err != nil {
		return labWorldDir{}, err
	}
	if _, _, err := geo.WriteDatabases(dir, w.Networks()); err != nil {
		return labWorldDir{}, err
	}
	if err := zonefiles.Write(w, filepath.Join(dir, "zones")); err != nil {
		return labWorldDir{}, fmt.Errorf("writing zone files: %w", err)
	}
	return newLabFiles(dir), nil
}

// prepareLabDir makes dir ready for a lab command to write into. A missing
// directory is created, an empty one used as it is. A non-empty one is
// refused unless force, and force clears only a directory a lab command
// wrote (it holds labMarker), never / nor the home directory: every entry
// is removed, symbolic links as links (never what they point to). The
// marker is left in dir.
func prepareLabDir(dir string, force bool) error { return labDirReady(dir, force, true) }

// checkLabDir says whether prepareLabDir would refuse dir, changing nothing.
func checkLabDir(dir string, force bool) error { return labDirReady(dir, force, false) }

func labDirReady(dir string, force, apply bool) error {
	st, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !apply {
			return nil
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("creating --dir: %w", err)
		}
		return writeMarker(dir)
	case err != nil:
		return badUsage("--dir %s: %v", dir, err)
	}
	real := dir
	if st.Mode()&fs.ModeSymlink != 0 {
		if real, err = filepath.EvalSymlinks(dir); err != nil {
			return badUsage("--dir %s: %v", dir, err)
		}
		if st, err = os.Stat(real); err != nil {
			return badUsage("--dir %s: %v", dir, err)
		}
	}
	if !st.IsDir() {
		return badUsage("--dir %s is not a directory", dir)
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return badUsage("--dir %s: %v", dir, err)
	}
	if len(entries) > 0 {
		if !force {
			return badUsage("--dir %s is not empty: choose a new or empty directory, or add --force to clear it first", dir)
		}
		if err := clearable(real); err != nil {
			return badUsage("--force: %v", err)
		}
	}
	if !apply {
		return nil
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(real, e.Name())); err != nil {
			return fmt.Errorf("clearing --dir: %w", err)
		}
	}
	return writeMarker(real)
}

// clearable says why --force must not clear dir (a real path), if it must not.
func clearable(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if filepath.Dir(abs) == abs {
		return fmt.Errorf("will not clear the root directory %s", abs)
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := filepath.EvalSymlinks(home); err == nil && filepath.Clean(h) == abs {
			return fmt.Errorf("will not clear the home directory %s", abs)
		}
	}
	if st, err := os.Lstat(filepath.Join(abs, labMarker)); err != nil || !st.Mode().IsRegular() {
		return fmt.Errorf("clears only a directory a dnsobs lab command wrote (it holds %s); %s has none: empty it yourself or choose another --dir", labMarker, abs)
	}
	return nil
}

func writeMarker(dir string) error {
	text := "written by dnsobs lab: 'dnsobs lab ... --force' may clear this directory\n"
	if err := os.WriteFile(filepath.Join(dir, labMarker), []byte(text), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", labMarker, err)
	}
	return nil
}

// addrSummary describes the addresses served: per IPv4 /16 or IPv6 /64,
// the first and last address and how many, in order.
func addrSummary(aps []netip.AddrPort) string {
	addrs := make([]netip.Addr, len(aps))
	for i, ap := range aps {
		addrs[i] = ap.Addr()
	}
	sort.Slice(addrs, func(i, j int) bool { return addrs[i].Less(addrs[j]) })
	var parts []string
	for i := 0; i < len(addrs); {
		bits := 16
		if addrs[i].Is6() {
			bits = 64
		}
		p, _ := addrs[i].Prefix(bits)
		j := i + 1
		for j < len(addrs) && p.Contains(addrs[j]) {
			j++
		}
		if j-i == 1 {
			parts = append(parts, addrs[i].String())
		} else {
			parts = append(parts, fmt.Sprintf("%s-%s (%d addresses)", addrs[i], addrs[j-1], j-i))
		}
		i = j
	}
	if len(parts) == 0 {
		return "no address"
	}
	return strings.Join(parts, ", ")
}

func addrList(as []netip.Addr) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.String()
	}
	return strings.Join(s, ", ")
}

// shellJoin quotes args for a POSIX shell where they need it.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "" || strings.IndexFunc(a, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./:=,@+-%", r))
		}) >= 0 {
			out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}

// labGenerate writes a generated world for NSD zone by zone from its plan
// (gen.Plan.WriteNSD), never building it in memory: a million domains
// take minutes and about 1.2 GiB instead of 10 GiB.
func labGenerate(env *Env, f *labFlags) int {
	start := time.Now()
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "dnsobs lab generate: %v\n", err)
		return ExitInternal
	}
	p, err := gen.NewPlan(f.gopt)
	if err != nil {
		return fail(err)
	}
	layout, err := p.WriteNSD(f.dir, gen.NSDOptions{Port: f.port})
	if err != nil {
		return fail(err)
	}
	if _, _, err = geo.WriteDatabases(layout.Dir, p.Networks()); err != nil {
		return fail(err)
	}
	files := newLabFiles(layout.Dir)
	fmt.Fprintf(env.Stderr, "wrote a world of %d domains in %s\n", len(p.Domains()), time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(env.Stdout, "wrote a generated world (seed %d, %d domains) to %s: %s, zones/ (%d zone files), nsd/ (%d nsd.conf files, port %d)\n",
		f.seed, len(p.Domains()), files.dir, files.list(), layout.ZoneFiles, len(layout.Instances), layout.Port)
	fmt.Fprintln(env.Stdout, "serve it with NSD, one process per instance (port 53 needs root):")
	for _, inst := range layout.Instances {
		fmt.Fprintf(env.Stdout, "  nsd %s\n", shellJoin(inst.Args()))
	}
	if len(layout.Silent) > 0 {
		fmt.Fprintf(env.Stdout, "%d silent server addresses: no NSD listens there; to make them drop queries rather than refuse them, bind port %d on them and read without answering (bench/scan does)\n",
			len(layout.Silent), layout.Port)
	}
	fmt.Fprintf(env.Stdout, "or serve the same world in process, without NSD (into another directory):\n  dnsobs %s\n", shellJoin(f.again("serve", layout.Dir+"-served")))
	fmt.Fprintf(env.Stdout, "then, at port %d:\n", layout.Port)
	files.printCommands(env.Stdout, p.Domains()[0], layout.Port)
	return ExitOK
}
