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
)

// Unbound describes a validating recursive resolver started from the lab's
// root hints and trust anchor.
type Unbound struct {
	Addr   netip.AddrPort // where it listens, e.g. 127.0.0.1:5399
	Hints  string         // root hints file
	Anchor string         // trust anchor file (DS or DNSKEY in zone-file format)
	// SigSkew bounds Unbound's tolerance of signatures just outside their
	// validity window (val-sig-skew-min and -max; Unbound's defaults are
	// 1h and 24h, 10% of the validity period in between). 0 keeps the
	// defaults.
	SigSkew time.Duration
	Timeout time.Duration // wait for it to answer [15s]
}

// Start writes the configuration into dir/unbound, starts Unbound and waits
// until it answers.
func (u Unbound) Start(ctx context.Context, dir string) (*Process, error) {
	if !u.Addr.Addr().IsLoopback() {
		return nil, fmt.Errorf("interop: unbound: %s is not a loopback address", u.Addr)
	}
	for _, f := range []string{u.Hints, u.Anchor} {
		if !filepath.IsAbs(f) || strings.ContainsAny(f, "\"\n") {
			return nil, fmt.Errorf("interop: unbound: %q is not an absolute path", f)
		}
	}
	if u.Timeout == 0 {
		u.Timeout = 15 * time.Second
	}
	if !portFree(u.Addr) {
		return nil, fmt.Errorf("interop: unbound: %s is already in use", u.Addr)
	}
	wd := filepath.Join(dir, "unbound")
	if err := os.MkdirAll(wd, 0o755); err != nil {
		return nil, fmt.Errorf("interop: %w", err)
	}
	conf := filepath.Join(wd, "unbound.conf")
	if err := os.WriteFile(conf, []byte(u.conf(wd)), 0o644); err != nil {
		return nil, fmt.Errorf("interop: %w", err)
	}
	p, err := start("unbound", wd, []string{"unbound", "-d", "-c", conf}, nil)
	if err != nil {
		return nil, err
	}
	wctx, cancel := context.WithTimeout(ctx, u.Timeout)
	defer cancel()
	q := new(dns.Msg)
	q.SetQuestion("id.server.", dns.TypeTXT)
	q.Question[0].Qclass = dns.ClassCHAOS
	if err := waitReply(wctx, p, u.Addr, q, func(r *dns.Msg) bool { return r.Rcode == dns.RcodeSuccess }); err != nil {
		err = p.failed(err)
		_ = p.Stop()
		return nil, err
	}
	return p, nil
}

func (u *Unbound) conf(wd string) string {
	var b strings.Builder
	b.WriteString("server:\n")
	fmt.Fprintf(&b, "  interface: %s@%d\n  port: %d\n", u.Addr.Addr(), u.Addr.Port(), u.Addr.Port())
	b.WriteString("  do-ip4: yes\n  do-ip6: yes\n  do-udp: yes\n  do-tcp: yes\n")
	b.WriteString("  do-not-query-localhost: no\n")
	b.WriteString("  access-control: 127.0.0.0/8 allow\n  access-control: ::1/128 allow\n")
	fmt.Fprintf(&b, "  username: \"\"\n  chroot: \"\"\n  directory: %q\n  pidfile: %q\n", wd, filepath.Join(wd, "unbound.pid"))
	b.WriteString("  logfile: \"\"\n  use-syslog: no\n  verbosity: 1\n  num-threads: 1\n  so-reuseport: no\n")
	b.WriteString("  identity: \"interop-unbound\"\n")
	fmt.Fprintf(&b, "  root-hints: %q\n  trust-anchor-file: %q\n", u.Hints, u.Anchor)
	b.WriteString("  module-config: \"validator iterator\"\n  val-log-level: 2\n")
	// Unbound answers the special-use names of RFC 6761 itself; the lab
	// lives under test.
	b.WriteString("  local-zone: \"test.\" nodefault\n")
	b.WriteString("  aggressive-nsec: no\n  prefetch: no\n  minimal-responses: no\n")
	if u.SigSkew > 0 {
		s := int(u.SigSkew / time.Second)
		fmt.Fprintf(&b, "  val-sig-skew-min: %d\n  val-sig-skew-max: %d\n", s, s)
	}
	b.WriteString("remote-control:\n  control-enable: no\n")
	return b.String()
}
