package zonefiles

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"net/netip"
	"path/filepath"
)

// NSD is one NSD instance's configuration (nsd.conf): where it listens,
// how it calls itself and which zones it serves. Both the interop tests'
// servers and the generated worlds' instances are written with it.
type NSD struct {
	Dir      string       // absolute working directory: zone list, pid file, xfrd state
	ZonesDir string       // zonesdir, against which relative zone file paths are read [Dir]
	Addrs    []netip.Addr // addresses to listen on
	Port     uint16       // [53]
	Identity string       // CHAOS hostname.bind and id.server; empty hides it
	Version  string       // CHAOS version.bind; empty hides it
	NSID     string       // RFC 5001 NSID, in ASCII; empty: none
	AXFR     bool         // zone transfers to anyone
	LogFile  string       // the log file; empty logs to stderr
	Comment  string       // a first line saying who wrote the file and why
}

// Write writes the configuration to w, with the zones zones yields
// (origin, zone file path): every zone uses the pattern "lab", which allows
// transfers when AXFR is set. Response rate limiting is off: a test or a
// benchmark from one source address would measure the limit, not the server
// (Debian builds NSD with it on).
func (c NSD) Write(w io.Writer, zones iter.Seq2[string, string]) error {
	b := bufio.NewWriter(w)
	if c.Comment != "" {
		fmt.Fprintf(b, "# %s\n", c.Comment)
	}
	port := c.Port
	if port == 0 {
		port = 53
	}
	zonesDir := c.ZonesDir
	if zonesDir == "" {
		zonesDir = c.Dir
	}
	b.WriteString("server:\n")
	v4, v6 := false, false
	for _, a := range c.Addrs {
		fmt.Fprintf(b, "  ip-address: %s\n", a)
		v4, v6 = v4 || a.Is4(), v6 || a.Is6()
	}
	fmt.Fprintf(b, "  port: %d\n  do-ip4: %s\n  do-ip6: %s\n", port, yesNo(v4), yesNo(v6))
	fmt.Fprintf(b, "  username: \"\"\n  chroot: \"\"\n  zonesdir: %q\n  database: \"\"\n", zonesDir)
	fmt.Fprintf(b, "  zonelistfile: %q\n  pidfile: %q\n  xfrdfile: %q\n  xfrdir: %q\n",
		filepath.Join(c.Dir, "zone.list"), filepath.Join(c.Dir, "nsd.pid"), filepath.Join(c.Dir, "xfrd.state"), c.Dir)
	if c.LogFile != "" {
		fmt.Fprintf(b, "  logfile: %q\n", c.LogFile)
	}
	b.WriteString("  server-count: 1\n  reuseport: no\n  verbosity: 0\n  refuse-any: no\n  tcp-count: 256\n")
	b.WriteString("  rrl-ratelimit: 0\n  rrl-whitelist-ratelimit: 0\n")
	if c.Identity != "" {
		fmt.Fprintf(b, "  identity: %q\n", c.Identity)
	} else {
		b.WriteString("  hide-identity: yes\n")
	}
	if c.Version != "" {
		fmt.Fprintf(b, "  version: %q\n", c.Version)
	} else {
		b.WriteString("  hide-version: yes\n")
	}
	if c.NSID != "" {
		fmt.Fprintf(b, "  nsid: %q\n", "ascii_"+c.NSID)
	}
	b.WriteString("remote-control:\n  control-enable: no\npattern:\n  name: \"lab\"\n")
	if c.AXFR {
		b.WriteString("  provide-xfr: 0.0.0.0/0 NOKEY\n  provide-xfr: ::0/0 NOKEY\n")
	}
	for origin, file := range zones {
		fmt.Fprintf(b, "zone:\n  name: %q\n  zonefile: %q\n  include-pattern: \"lab\"\n", origin, file)
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("zonefiles: write nsd.conf: %w", err)
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
