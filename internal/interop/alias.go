package interop

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"os/exec"
	"strings"
)

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

// addLoopbackAliases configures each IPv4 address of addrs that is not yet
// on an interface as a /32 on lo (needs root and iproute2). BIND only
// listens on interface addresses, unlike NSD, Knot and Unbound, which bind
// any address of 127.0.0.0/8. It returns the function that removes exactly
// the aliases it added.
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
	for _, a := range addrs {
		if !a.Is4() || !a.IsLoopback() || hasLocalAddr(a) {
			continue
		}
		p, err := LookPath("ip")
		if err != nil {
			return remove, err
		}
		ip = p
		if out, err := exec.CommandContext(ctx, ip, "addr", "add", a.String()+"/32", "dev", "lo").CombinedOutput(); err != nil {
			_ = remove()
			return func() error { return nil }, fmt.Errorf("interop: adding %s to lo: %v: %s", a, err, strings.TrimSpace(string(out)))
		}
		added = append(added, a)
	}
	return remove, nil
}
