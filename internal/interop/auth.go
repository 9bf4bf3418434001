package interop

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/zonefiles"
)

// Kind is an authoritative server implementation.
type Kind string

// The implementations Auth can start.
const (
	NSD  Kind = "nsd"  // NLnet Labs NSD 4
	Knot Kind = "knot" // CZ.NIC Knot DNS 3
	BIND Kind = "bind" // ISC BIND 9 (named)
)

// Binary returns the daemon's executable name.
func (k Kind) Binary() string {
	switch k {
	case Knot:
		return "knotd"
	case BIND:
		return "named"
	}
	return "nsd"
}

// ZoneFile is one zone a server loads from a file in zone-file format.
type ZoneFile struct {
	Origin string // FQDN
	Path   string // absolute path
}

// Auth describes one authoritative server process: which implementation,
// the addresses it listens on, the zones it serves and how it behaves.
type Auth struct {
	Kind     Kind
	Name     string       // a label for messages and the working directory: letters, digits, '-', '.'
	Addrs    []netip.Addr // loopback addresses (127.0.0.0/8, ::1)
	Port     uint16       // 0 means 53
	Zones    []ZoneFile
	AXFR     bool   // zone transfers to anyone
	NSID     string // RFC 5001 NSID
	Identity string // CHAOS hostname.bind / id.server
	Version  string // CHAOS version.bind
	// Recursion (BIND only) makes the server also a recursive resolver for
	// anyone, starting from the root hints file Hints, without validation.
	Recursion bool
	Hints     string
	// Timeout bounds the wait for the server to answer every zone's SOA on
	// every address [20s].
	Timeout time.Duration
}

// Validate checks a without I/O.
func (a *Auth) Validate() error {
	switch a.Kind {
	case NSD, Knot, BIND:
	default:
		return fmt.Errorf("interop: unknown server kind %q", a.Kind)
	}
	if a.Name == "" || strings.ContainsAny(a.Name, "/ \t\n\"'{};") {
		return fmt.Errorf("interop: server name %q is empty or has characters unsafe in a path or a configuration", a.Name)
	}
	if len(a.Addrs) == 0 {
		return fmt.Errorf("interop: server %s has no address", a.Name)
	}
	for _, ad := range a.Addrs {
		if !ad.IsLoopback() {
			return fmt.Errorf("interop: server %s: %s is not a loopback address", a.Name, ad)
		}
	}
	if a.Recursion && (a.Kind != BIND || a.Hints == "") {
		return fmt.Errorf("interop: server %s: recursion needs kind bind and a hints file", a.Name)
	}
	for _, z := range a.Zones {
		if !filepath.IsAbs(z.Path) || dns.CountLabel(z.Origin) < 0 || strings.ContainsAny(z.Origin+z.Path, "\"\n{};") {
			return fmt.Errorf("interop: server %s: bad zone %q at %q", a.Name, z.Origin, z.Path)
		}
	}
	return nil
}

func (a *Auth) port() uint16 {
	if a.Port == 0 {
		return 53
	}
	return a.Port
}

// Start writes the server's configuration into dir/<name>, starts it and
// waits until it answers every zone's SOA on every address. On error
// nothing is left running.
func (a Auth) Start(ctx context.Context, dir string) (*Process, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	if a.Timeout == 0 {
		a.Timeout = 20 * time.Second
	}
	wd := filepath.Join(dir, string(a.Kind)+"-"+a.Name)
	if err := os.MkdirAll(wd, 0o755); err != nil {
		return nil, fmt.Errorf("interop: %w", err)
	}
	for _, ad := range a.Addrs {
		if ap := netip.AddrPortFrom(ad, a.port()); !portFree(ap) {
			return nil, fmt.Errorf("interop: %s: %s is already in use", a.Name, ap)
		}
	}
	var (
		conf string
		argv []string
		undo []func() error
	)
	switch a.Kind {
	case NSD:
		conf = a.nsdConf(wd)
		argv = []string{"nsd", "-d", "-c", filepath.Join(wd, "nsd.conf")}
	case Knot:
		conf = a.knotConf(wd)
		argv = []string{"knotd", "-c", filepath.Join(wd, "knot.conf")}
	case BIND:
		conf = a.namedConf(wd)
		argv = []string{"named", "-g", "-n", "1", "-c", filepath.Join(wd, "named.conf")}
		remove, err := addLoopbackAliases(ctx, a.Addrs)
		if err != nil {
			return nil, err
		}
		undo = append(undo, remove)
	}
	confName := map[Kind]string{NSD: "nsd.conf", Knot: "knot.conf", BIND: "named.conf"}[a.Kind]
	if err := os.WriteFile(filepath.Join(wd, confName), []byte(conf), 0o644); err != nil {
		for _, u := range undo {
			_ = u()
		}
		return nil, fmt.Errorf("interop: %w", err)
	}
	p, err := start(string(a.Kind)+" "+a.Name, wd, argv, undo)
	if err != nil {
		return nil, err
	}
	wctx, cancel := context.WithTimeout(ctx, a.Timeout)
	defer cancel()
	for _, ad := range a.Addrs {
		for _, z := range a.Zones {
			q := new(dns.Msg)
			q.SetQuestion(dns.Fqdn(z.Origin), dns.TypeSOA)
			q.RecursionDesired = false
			err := waitReply(wctx, p, netip.AddrPortFrom(ad, a.port()), q, func(r *dns.Msg) bool {
				return r.Rcode == dns.RcodeSuccess && r.Authoritative && len(r.Answer) > 0
			})
			if err != nil {
				err = p.failed(err)
				_ = p.Stop()
				return nil, err
			}
		}
		if len(a.Zones) == 0 {
			// A server with no zone (a lame one) is up when it answers at all.
			q := new(dns.Msg)
			q.SetQuestion(".", dns.TypeSOA)
			if err := waitReply(wctx, p, netip.AddrPortFrom(ad, a.port()), q, func(*dns.Msg) bool { return true }); err != nil {
				err = p.failed(err)
				_ = p.Stop()
				return nil, err
			}
		}
	}
	return p, nil
}

func (a *Auth) nsdConf(wd string) string {
	c := zonefiles.NSD{Dir: wd, Addrs: a.Addrs, Port: a.port(), Identity: a.Identity, Version: a.Version, NSID: a.NSID, AXFR: a.AXFR,
		Comment: "written by dnsobs internal/interop: server " + a.Name}
	var b strings.Builder
	_ = c.Write(&b, func(yield func(origin, file string) bool) {
		for _, z := range a.Zones {
			if !yield(z.Origin, z.Path) {
				return
			}
		}
	})
	return b.String()
}

func (a *Auth) knotConf(wd string) string {
	var b strings.Builder
	b.WriteString("server:\n")
	fmt.Fprintf(&b, "    rundir: %q\n", wd)
	b.WriteString("    listen: [ ")
	for i, ad := range a.Addrs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s@%d", ad, a.port())
	}
	b.WriteString(" ]\n    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\n")
	if a.Identity != "" {
		fmt.Fprintf(&b, "    identity: %q\n", a.Identity)
	}
	if a.Version != "" {
		fmt.Fprintf(&b, "    version: %q\n", a.Version)
	}
	if a.NSID != "" {
		fmt.Fprintf(&b, "    nsid: %q\n", a.NSID)
	}
	fmt.Fprintf(&b, "database:\n    storage: %q\n", wd)
	b.WriteString("log:\n  - target: stderr\n    any: info\n")
	b.WriteString("acl:\n  - id: anyone-xfr\n    address: [ 0.0.0.0/0, ::/0 ]\n    action: transfer\n")
	b.WriteString("template:\n  - id: default\n    semantic-checks: off\n    zonefile-sync: -1\n    zonefile-load: whole\n    journal-content: none\n")
	if a.AXFR {
		b.WriteString("    acl: anyone-xfr\n")
	}
	if len(a.Zones) > 0 {
		b.WriteString("zone:\n")
		for _, z := range a.Zones {
			fmt.Fprintf(&b, "  - domain: %q\n    file: %q\n", z.Origin, z.Path)
		}
	}
	return b.String()
}

func (a *Auth) namedConf(wd string) string {
	var b strings.Builder
	b.WriteString("options {\n")
	fmt.Fprintf(&b, "  directory %q;\n  pid-file %q;\n", wd, filepath.Join(wd, "named.pid"))
	fmt.Fprintf(&b, "  session-keyfile %q;\n  managed-keys-directory %q;\n", filepath.Join(wd, "session.key"), wd)
	var v4, v6 []string
	for _, ad := range a.Addrs {
		if ad.Is4() {
			v4 = append(v4, ad.String()+";")
		} else {
			v6 = append(v6, ad.String()+";")
		}
	}
	listen := func(kw string, list []string) {
		if len(list) == 0 {
			fmt.Fprintf(&b, "  %s { none; };\n", kw)
			return
		}
		fmt.Fprintf(&b, "  %s port %d { %s };\n", kw, a.port(), strings.Join(list, " "))
	}
	listen("listen-on", v4)
	listen("listen-on-v6", v6)
	b.WriteString("  dnssec-validation no;\n  notify no;\n  automatic-interface-scan no;\n")
	b.WriteString("  check-names primary ignore;\n  check-integrity no;\n  check-mx ignore;\n  check-wildcard no;\n  check-sibling no;\n  check-dup-records ignore;\n  check-srv-cname ignore;\n  check-spf ignore;\n")
	if a.AXFR {
		b.WriteString("  allow-transfer { any; };\n")
	} else {
		b.WriteString("  allow-transfer { none; };\n")
	}
	if a.Recursion {
		b.WriteString("  recursion yes;\n  allow-recursion { any; };\n  allow-query-cache { any; };\n")
	} else {
		b.WriteString("  recursion no;\n")
	}
	if a.Identity != "" {
		fmt.Fprintf(&b, "  hostname %q;\n", a.Identity)
	} else {
		b.WriteString("  hostname none;\n")
	}
	if a.Version != "" {
		fmt.Fprintf(&b, "  version %q;\n", a.Version)
	} else {
		b.WriteString("  version none;\n")
	}
	if a.NSID != "" {
		fmt.Fprintf(&b, "  server-id %q;\n", a.NSID)
	} else {
		b.WriteString("  server-id none;\n")
	}
	b.WriteString("};\ncontrols { };\n")
	if a.Recursion && !a.serves(".") {
		fmt.Fprintf(&b, "zone \".\" { type hint; file %q; };\n", a.Hints)
	}
	for _, z := range a.Zones {
		fmt.Fprintf(&b, "zone %q { type primary; file %q; };\n", z.Origin, z.Path)
	}
	return b.String()
}

func (a *Auth) serves(origin string) bool {
	for _, z := range a.Zones {
		if dns.CanonicalName(z.Origin) == origin {
			return true
		}
	}
	return false
}
