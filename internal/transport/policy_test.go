package transport

import (
	"net/netip"
	"strings"
	"testing"
)

func TestPolicy(t *testing.T) {
	dnp, err := ParseCIDRs([]string{"203.0.114.0/24", "198.41.0.4"})
	if err != nil {
		t.Fatal(err)
	}
	normal := Policy{DoNotProbe: dnp}
	lab := Policy{Lab: true}
	tests := []struct {
		addr        string
		normal, lab bool // allowed?
	}{
		{"198.41.0.5", true, false}, // a public address: normal only
		{"198.41.0.4", false, false},
		{"203.0.114.9", false, false},
		{"2001:503:ba3e::2:30", true, false},
		{"127.0.0.1", false, true},
		{"127.53.10.1", false, true},
		{"::1", false, true},
		{"10.1.2.3", false, true},
		{"192.168.1.1", false, true},
		{"172.16.0.1", false, true},
		{"fd00::53", false, true},
		{"169.254.1.1", false, false},
		{"192.0.2.1", false, false}, // documentation
		{"2001:db8::1", false, false},
		{"100.64.0.1", false, false},
		{"224.0.0.1", false, false},
		{"0.0.0.0", false, false},
		{"::ffff:127.0.0.1", false, true}, // mapped loopback is loopback
		// The policy and NS_ADDRESS_NOT_GLOBAL read one table (internal/special).
		{"3fff::53", false, false},         // IPv6 documentation (RFC 9637)
		{"5f00::1", false, false},          // SRv6 SIDs
		{"198.18.0.1", false, false},       // benchmarking
		{"192.175.48.6", true, false},      // AS112: globally reachable
		{"2001:4:112::1", true, false},     // AS112-v6: globally reachable
		{"64:ff9b::c000:201", true, false}, // NAT64 well-known prefix: globally reachable
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			a := netip.MustParseAddr(tt.addr)
			if got := normal.Check(a) == nil; got != tt.normal {
				t.Errorf("normal mode allows %s = %v, want %v (%v)", a, got, tt.normal, normal.Check(a))
			}
			if got := lab.Check(a) == nil; got != tt.lab {
				t.Errorf("lab mode allows %s = %v, want %v (%v)", a, got, tt.lab, lab.Check(a))
			}
		})
	}
}

func TestParseCIDRsError(t *testing.T) {
	if _, err := ParseCIDRs([]string{"192.0.2.0/33"}); err == nil {
		t.Fatal("want an error for a bad prefix")
	}
	if _, err := ParseCIDRs([]string{"nonsense"}); err == nil {
		t.Fatal("want an error for nonsense")
	}
}

// TestPolicyFamily: -4 and -6 refuse the other family, in both modes, and
// say which flag did.
func TestPolicyFamily(t *testing.T) {
	tests := []struct {
		family int
		lab    bool
		addr   string
		ok     bool
		why    string
	}{
		{4, false, "198.41.0.5", true, ""},
		{4, false, "2001:503:ba3e::2:30", false, "-4 queries only IPv4"},
		{4, true, "::1", false, "-4 queries only IPv4"},
		{4, true, "127.53.10.1", true, ""},
		{4, true, "::ffff:127.0.0.1", true, ""}, // a mapped address is IPv4
		{6, false, "198.41.0.5", false, "-6 queries only IPv6"},
		{6, false, "2001:503:ba3e::2:30", true, ""},
		{6, true, "127.53.10.1", false, "-6 queries only IPv6"},
		{6, true, "::ffff:127.0.0.1", false, "-6 queries only IPv6"},
		{6, true, "::1", true, ""},
		{4, false, "fd00::53", false, "private"}, // its range says more than its family
		{6, true, "198.41.0.5", false, "lab mode never queries it"},
		{0, true, "::1", true, ""},
		{0, true, "127.0.0.1", true, ""},
	}
	for _, tt := range tests {
		p := Policy{Lab: tt.lab, Family: tt.family}
		err := p.Check(netip.MustParseAddr(tt.addr))
		if (err == nil) != tt.ok || (err != nil && !strings.Contains(err.Error(), tt.why)) {
			t.Errorf("Family %d lab %v: Check(%s) = %v, want allowed %v (%q)", tt.family, tt.lab, tt.addr, err, tt.ok, tt.why)
		}
	}
}
