// Package special is IANA's IPv4 and IPv6 Special-Purpose Address
// Registries (RFC 6890) as a table, with their "Globally Reachable"
// column: one copy for the transport's politeness guard (never query an
// address that is not globally reachable, outside lab mode) and for the
// analysis that reports such a nameserver address (NS_ADDRESS_NOT_GLOBAL).
package special

import (
	"net/netip"
)

// Range is one entry of IANA's IPv4 and IPv6 Special-Purpose Address
// Registries (RFC 6890), with the registries' "Globally Reachable" column.
// Multicast ranges, which have registries of their own, are listed too: a
// multicast address is never a nameserver's.
type Range struct {
	Prefix netip.Prefix
	Name   string
	Global bool // IANA marks it globally reachable (or "N/A")
	RFC    string
}

func sp(prefix, name string, global bool, rfc string) Range {
	return Range{Prefix: netip.MustParsePrefix(prefix), Name: name, Global: global, RFC: rfc}
}

// Registry is the table, as the IANA registries stand
// (iana-ipv4-special-registry, iana-ipv6-special-registry). The most
// specific entry that contains an address decides.
var Registry = []Range{
	// IPv4.
	sp("0.0.0.0/8", "This network", false, "RFC 791"),
	sp("0.0.0.0/32", "This host on this network", false, "RFC 1122"),
	sp("10.0.0.0/8", "Private-Use", false, "RFC 1918"),
	sp("100.64.0.0/10", "Shared Address Space", false, "RFC 6598"),
	sp("127.0.0.0/8", "Loopback", false, "RFC 1122"),
	sp("169.254.0.0/16", "Link Local", false, "RFC 3927"),
	sp("172.16.0.0/12", "Private-Use", false, "RFC 1918"),
	sp("192.0.0.0/24", "IETF Protocol Assignments", false, "RFC 6890"),
	sp("192.0.0.0/29", "IPv4 Service Continuity Prefix", false, "RFC 7335"),
	sp("192.0.0.8/32", "IPv4 dummy address", false, "RFC 7600"),
	sp("192.0.0.9/32", "Port Control Protocol Anycast", true, "RFC 7723"),
	sp("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", true, "RFC 8155"),
	sp("192.0.0.170/32", "NAT64/DNS64 Discovery", false, "RFC 7050"),
	sp("192.0.0.171/32", "NAT64/DNS64 Discovery", false, "RFC 7050"),
	sp("192.0.2.0/24", "Documentation (TEST-NET-1)", false, "RFC 5737"),
	sp("192.31.196.0/24", "AS112-v4", true, "RFC 7535"),
	sp("192.52.193.0/24", "AMT", true, "RFC 7450"),
	sp("192.168.0.0/16", "Private-Use", false, "RFC 1918"),
	sp("192.175.48.0/24", "Direct Delegation AS112 Service", true, "RFC 7534"),
	sp("198.18.0.0/15", "Benchmarking", false, "RFC 2544"),
	sp("198.51.100.0/24", "Documentation (TEST-NET-2)", false, "RFC 5737"),
	sp("203.0.113.0/24", "Documentation (TEST-NET-3)", false, "RFC 5737"),
	sp("224.0.0.0/4", "Multicast", false, "RFC 5771"),
	sp("240.0.0.0/4", "Reserved", false, "RFC 1112"),
	sp("255.255.255.255/32", "Limited Broadcast", false, "RFC 919"),

	// IPv6.
	sp("::1/128", "Loopback Address", false, "RFC 4291"),
	sp("::/128", "Unspecified Address", false, "RFC 4291"),
	sp("::ffff:0:0/96", "IPv4-mapped Address", false, "RFC 4291"),
	sp("64:ff9b::/96", "IPv4-IPv6 Translat.", true, "RFC 6052"),
	sp("64:ff9b:1::/48", "IPv4-IPv6 Translat.", false, "RFC 8215"),
	sp("100::/64", "Discard-Only Address Block", false, "RFC 6666"),
	sp("2001::/23", "IETF Protocol Assignments", false, "RFC 2928"),
	sp("2001::/32", "TEREDO", true, "RFC 4380"), // "N/A" in the registry
	sp("2001:1::1/128", "Port Control Protocol Anycast", true, "RFC 7723"),
	sp("2001:1::2/128", "Traversal Using Relays around NAT Anycast", true, "RFC 8155"),
	sp("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", true, "RFC 9665"),
	sp("2001:2::/48", "Benchmarking", false, "RFC 5180"),
	sp("2001:3::/32", "AMT", true, "RFC 7450"),
	sp("2001:4:112::/48", "AS112-v6", true, "RFC 7535"),
	sp("2001:10::/28", "Deprecated (previously ORCHID)", false, "RFC 4843"),
	sp("2001:20::/28", "ORCHIDv2", true, "RFC 7343"),
	sp("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", true, "RFC 9374"),
	sp("2001:db8::/32", "Documentation", false, "RFC 3849"),
	sp("2002::/16", "6to4", true, "RFC 3056"), // "N/A" in the registry
	sp("2620:4f:8000::/48", "Direct Delegation AS112 Service", true, "RFC 7534"),
	sp("3fff::/20", "Documentation", false, "RFC 9637"),
	sp("5f00::/16", "Segment Routing (SRv6) SIDs", false, "RFC 9602"),
	sp("fc00::/7", "Unique-Local", false, "RFC 4193"),
	sp("fe80::/10", "Link-Local Unicast", false, "RFC 4291"),
	sp("ff00::/8", "Multicast", false, "RFC 4291"),
}

// Lookup returns the most specific special-purpose entry containing a,
// and false when a is in none (an ordinary global unicast address).
func Lookup(a netip.Addr) (Range, bool) {
	a = a.WithZone("")
	var best Range
	found := false
	for _, s := range Registry {
		if s.Prefix.Addr().Is4() != a.Is4() {
			continue
		}
		if s.Prefix.Contains(a) && (!found || s.Prefix.Bits() > best.Prefix.Bits()) {
			best, found = s, true
		}
	}
	return best, found
}

// NotGlobal returns the special-purpose entry that makes a not globally
// reachable, and false when a is globally reachable (in no entry, or in one
// IANA marks globally reachable, such as AS112's or 64:ff9b::/96).
func NotGlobal(a netip.Addr) (Range, bool) {
	s, ok := Lookup(a)
	if !ok || s.Global {
		return Range{}, false
	}
	return s, true
}

// labPrivate are the private ranges a lab world may use besides loopback
// (worlds in network namespaces).
var labPrivate = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("fc00::/7"),
}

// Lab reports whether a is in the ranges lab mode queries, and only those:
// loopback and the private ranges. The transport's lab policy allows just
// these, and NS_ADDRESS_NOT_GLOBAL counts them as global in a lab world.
func Lab(a netip.Addr) bool {
	a = a.Unmap()
	if a.IsLoopback() {
		return true
	}
	for _, p := range labPrivate {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
