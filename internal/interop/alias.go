package interop

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"os/exec"
	"strings"
)

// aliasLabel marks the loopback aliases this package adds, so that one
// left behind by a killed test binary is recognised and removed next time.
const aliasLabel = "lo:dnsobs"

// hasLocalAddr reports whether a is configured on an interface.
func hasLocalAddr(a netip.Addr) bool {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false
	}
	for _, x := range addrs {
		if n, ok := x.(*net.IPNet); ok {
			if ip, ok := netip.AddrFromSlice(n.IP); ok && ip.Unmap() == a {
				return true
			}
		}
	}
	return false
}

// ownAliases returns the addresses on lo that carry aliasLabel.
func ownAliases(ctx context.Context, ip string) map[netip.Addr]bool {
	out, err := exec.CommandContext(ctx, ip, "-o", "-4", "addr", "show", "dev", "lo", "label", aliasLabel).Output()
	m := map[netip.Addr]bool{}
	if err != nil {
		return m
	}
	for _, f := range strings.Fields(string(out)) {
		if p, err := netip.ParsePrefix(f); err == nil {
			m[p.Addr()] = true
		}
	}
	return m
}

// addLoopbackAliases configures each IPv4 loopback address of addrs that
// is not yet on an interface as a /32 on lo (needs root and iproute2).
// BIND only listens on interface addresses, unlike NSD, Knot and Unbound,
// which bind any address of 127.0.0.0/8. It returns the function that
// removes the aliases it added (and stale ones of its own it adopted).
func addLoopbackAliases(ctx context.Context, addrs []netip.Addr) (func() error, error) {
	var added []netip.Addr
	ip := "ip"
	remove := func() error {
		var errs []string
		for _, a := range added {
			if out, err := exec.Command(ip, "addr", "del", a.String()+"/32", "dev", "lo").CombinedOutput(); err != nil {
				errs = append(errs, fmt.Sprintf("%s: %v: %s", a, err, strings.TrimSpace(string(out))))
			}
		}
		added = nil
		if len(errs) > 0 {
			return fmt.Errorf("interop: removing loopback aliases: %s", strings.Join(errs, "; "))
		}
		return nil
	}
	var own map[netip.Addr]bool
	for _, a := range addrs {
		if !a.Is4() || !a.IsLoopback() {
			continue
		}
		if own == nil {
			p, err := LookPath("ip")
			if err != nil {
				return remove, err
			}
			ip = p
			own = ownAliases(ctx, ip)
		}
		if own[a] {
			added = append(added, a) // left by an earlier run: ours to remove
			continue
		}
		if hasLocalAddr(a) {
			continue
		}
		if out, err := exec.CommandContext(ctx, ip, "addr", "add", a.String()+"/32", "dev", "lo", "label", aliasLabel).CombinedOutput(); err != nil {
			_ = remove()
			return func() error { return nil }, fmt.Errorf("interop: adding %s to lo: %v: %s", a, err, strings.TrimSpace(string(out)))
		}
		added = append(added, a)
	}
	return remove, nil
}
