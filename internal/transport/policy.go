package transport

import (
	"fmt"
	"net/netip"

	"github.com/lac-dns-observatory/dnsobs/internal/special"
)

// Policy says which addresses may be sent a query. It is enforced by Net
// just before a socket is opened, so no code path can go around it.
//
// Normal mode refuses loopback, private, link-local, multicast and every
// other address IANA's special-purpose registries mark not globally
// reachable (internal/special), and everything in DoNotProbe. Lab mode is its
// inverse: only loopback and private addresses may be queried, so a lab run
// can never send traffic to the Internet, whatever its hints say.
//
// Family, when 4 or 6, restricts queries to addresses of that family
// (`check -4`, `check -6`): an address of the other family is refused like
// any other, so its queries are recorded as not sent (not_probed) and
// nothing goes to it.
type Policy struct {
	Lab        bool
	DoNotProbe []netip.Prefix
	Family     int // 4 or 6: only that address family; 0: both
}

// Check returns nil when addr may be queried, or an error saying why not.
// An address refused for its range says so before it is refused for its
// family.
func (p *Policy) Check(addr netip.Addr) error {
	addr = addr.Unmap()
	if err := p.checkRange(addr); err != nil {
		return err
	}
	switch {
	case p.Family == 4 && !addr.Is4():
		return fmt.Errorf("%s is an IPv6 address: -4 queries only IPv4 addresses", addr)
	case p.Family == 6 && addr.Is4():
		return fmt.Errorf("%s is an IPv4 address: -6 queries only IPv6 addresses", addr)
	}
	return nil
}

// checkRange checks the do-not-probe list and the mode's ranges.
func (p *Policy) checkRange(addr netip.Addr) error {
	if !addr.IsValid() {
		return fmt.Errorf("invalid address")
	}
	for _, pfx := range p.DoNotProbe {
		if pfx.Contains(addr) {
			return fmt.Errorf("%s is in the do-not-probe list (%s)", addr, pfx)
		}
	}
	if p.Lab {
		if special.Lab(addr) {
			return nil
		}
		return fmt.Errorf("%s is not a loopback or private address: lab mode never queries it", addr)
	}
	switch {
	case addr.IsLoopback(), addr.IsPrivate(), addr.IsLinkLocalUnicast(), addr.IsMulticast(),
		addr.IsUnspecified(), addr.IsInterfaceLocalMulticast(), addr.IsLinkLocalMulticast():
		return fmt.Errorf("%s is a loopback, private, link-local or multicast address: not probed outside lab mode", addr)
	}
	// Every range IANA's special-purpose registries mark not globally
	// reachable (documentation, benchmarking, reserved, ...): the same table
	// the analysis reports NS_ADDRESS_NOT_GLOBAL from.
	if r, ok := special.NotGlobal(addr); ok {
		return fmt.Errorf("%s is in special-purpose range %s (%s): not probed outside lab mode", addr, r.Prefix, r.Name)
	}
	return nil
}

// ParseCIDRs parses a do-not-probe list: CIDR prefixes or single addresses.
func ParseCIDRs(ss []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range ss {
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("do-not-probe entry %q is neither a CIDR prefix nor an address", s)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
