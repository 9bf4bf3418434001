package content

import "testing"

func TestParseSPF(t *testing.T) {
	for _, c := range []struct {
		policy, bad string
	}{
		{"v=spf1 -all", ""},
		{"v=spf1", ""},
		{"V=SPF1 MX -ALL", ""},
		{"v=spf1  ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.org/24//64 include:_spf.example.net ~all", ""},
		{"v=spf1 a/24 a//64 ptr ptr:example.org exists:%{i}._spf.%{d} ?all", ""},
		{"v=spf1 redirect=_spf.example.org", ""},
		{"v=spf1 -all exp=explain._spf.%{d} custom-mod=anything%%here", ""},
		{"v=spf1 ip4:192.0.2.300 -all", "ip4:192.0.2.300"},
		{"v=spf1 ip4:192.0.2.0/33 -all", "ip4:192.0.2.0/33"},
		{"v=spf1 ip6:192.0.2.1 -all", "ip6:192.0.2.1"},
		{"v=spf1 include -all", "include"},
		{"v=spf1 include:example -all", "include:example"},
		{"v=spf1 include:example.123 -all", "include:example.123"},
		{"v=spf1 mx:example.org/024", "mx:example.org/024"},
		{"v=spf1 all:example.org", "all:example.org"},
		{"v=spf1 ipv4:192.0.2.1 -all", "ipv4:192.0.2.1"},
		{"v=spf1 redirect=a.example.org redirect=b.example.org", "redirect=b.example.org"},
		{"v=spf1 exists:%{x}.example.org", "exists:%{x}.example.org"},
		{"v=spf1 a:example.org%", "a:example.org%"},
		{"v=spf1 *all", "*all"},
		{"v=spf10 -all", "v=spf10 -all"},
	} {
		if got := ParseSPF(c.policy); got != c.bad {
			t.Errorf("ParseSPF(%q) = %q, want %q", c.policy, got, c.bad)
		}
	}
}

func TestSPFVersion(t *testing.T) {
	for s, want := range map[string]bool{"v=spf1": true, "v=spf1 -all": true, "V=SpF1 mx": true, "v=spf10": false, "spf1": false, "v=spf2.0/pra": false} {
		if got := SPFVersion(s); got != want {
			t.Errorf("SPFVersion(%q) = %v", s, got)
		}
	}
}

func FuzzParseSPF(f *testing.F) {
	f.Add("v=spf1 ip4:192.0.2.0/24 include:%{d}.example.org -all")
	f.Fuzz(func(t *testing.T, s string) { _ = ParseSPF(s) })
}
