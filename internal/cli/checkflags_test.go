package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// checkJSON runs check --json and decodes the parts these tests read.
type checkJSON struct {
	Delegation struct{ Status string }
	DNSSEC     struct {
		Status  string
		Reason  string
		DSGiven bool `json:"ds_given"`
		DS      []struct {
			Tag        uint16
			Algorithm  uint8
			DigestType uint8 `json:"digest_type"`
			Digest     string
			Match      string
		}
	}
	Nameservers []struct {
		Name      string
		Addresses []struct {
			Addr  netip.Addr
			Probe *struct {
				NotProbed string `json:"not_probed"`
			}
		}
	}
	Findings []struct{ ID, Subject, Detail string }
	Summary  struct{ Findings map[string]int }
}

func checkRun(t *testing.T, args ...string) checkJSON {
	t.Helper()
	code, out, errs := run(t, append(append([]string{"check", "--json"}, args...), labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("check %v = %d: %s", args, code, errs)
	}
	var r checkJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r checkJSON) ids() map[string]bool {
	m := map[string]bool{}
	for _, f := range r.Findings {
		m[f.ID] = true
	}
	return m
}

// undelegatedArg spells a check's nameservers as --undelegated's value.
func (r checkJSON) undelegatedArg() string {
	var parts []string
	for _, ns := range r.Nameservers {
		for _, a := range ns.Addresses {
			parts = append(parts, ns.Name+"="+a.Addr.String())
		}
	}
	return strings.Join(parts, ",")
}

// zoneDS returns the DS (SHA-256) of the zone's key-signing keys, as
// --ds takes them, from the DNSKEY RRset its server at addr serves.
func zoneDS(t *testing.T, zone string, addr netip.Addr) []string {
	t.Helper()
	w, _ := labFiles(t)
	c := transport.NewClient(w, transport.Policy{Lab: true}, transport.Options{Timeout: time.Second})
	q := c.Do(context.Background(), nil, transport.Request{Purpose: observe.PurposeDNSKEY, Zone: zone, Server: addr,
		QName: zone, QType: dns.TypeDNSKEY, EDNS: &observe.EDNS{UDPSize: 4096, DO: true}})
	var out []string
	for _, rr := range q.Msg().Answer {
		if k, ok := rr.(*dns.DNSKEY); ok && k.Flags&dns.SEP != 0 {
			ds := k.ToDS(dns.SHA256)
			out = append(out, fmt.Sprintf("%d,%d,%d,%s", ds.KeyTag, ds.Algorithm, ds.DigestType, ds.Digest))
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s serves no key-signing key at %s", zone, addr)
	}
	return out
}

// TestCheckDS: --ds stands in for the parent's DS in an undelegated test.
// The zone's parent publishes a DS that matches none of its keys; a correct
// DS given with --ds makes it secure, a wrong digest gives DNSSEC_DS_NO_MATCH
// even though the parent's DS is not asked for.
func TestCheckDS(t *testing.T) {
	const zone = "dnssec-ds-no-match.test"
	deleg := checkRun(t, zone)
	if deleg.DNSSEC.Status != "bogus" || !deleg.ids()["DNSSEC_DS_NO_MATCH"] || deleg.DNSSEC.DSGiven {
		t.Fatalf("delegated: dnssec %s, findings %v; want bogus with DNSSEC_DS_NO_MATCH (the parent's DS)", deleg.DNSSEC.Status, deleg.ids())
	}
	ns := deleg.undelegatedArg()
	good := zoneDS(t, zone+".", deleg.Nameservers[0].Addresses[0].Addr)

	args := []string{zone, "--undelegated", ns}
	for _, ds := range good {
		args = append(args, "--ds", ds)
	}
	r := checkRun(t, args...)
	if r.DNSSEC.Status != "secure" || !r.DNSSEC.DSGiven || r.ids()["DNSSEC_DS_NO_MATCH"] || r.ids()["DNSSEC_BOGUS"] {
		t.Errorf("--ds %v: dnssec %s (%s), ds_given %v, findings %v; want secure", good, r.DNSSEC.Status, r.DNSSEC.Reason, r.DNSSEC.DSGiven, r.ids())
	}
	if len(r.DNSSEC.DS) != len(good) || r.DNSSEC.DS[0].Match != "match" {
		t.Errorf("report's DS = %+v, want the %d given, matching", r.DNSSEC.DS, len(good))
	}
	_, text, _ := run(t, append(append([]string{"check"}, args...), labArgs(t)...)...)
	if !strings.Contains(text, "DNSSEC: secure (from the DS given with --ds)") {
		t.Errorf("the text report does not say where the DS came from:\n%s", text)
	}
	// The DS given is part of the observations: a replay validates from it.
	obs := filepath.Join(t.TempDir(), "obs.json")
	checkRun(t, append(args, "--save-observations", obs)...)
	r = checkRun(t, "--replay", obs)
	if r.DNSSEC.Status != "secure" || !r.DNSSEC.DSGiven {
		t.Errorf("replay of a --ds check: dnssec %s (%s), ds_given %v; want secure from the DS given", r.DNSSEC.Status, r.DNSSEC.Reason, r.DNSSEC.DSGiven)
	}

	// One hex digit changed: the DS matches no key.
	bad := good[0]
	last := bad[len(bad)-1]
	flip := byte('0')
	if last == '0' {
		flip = '1'
	}
	bad = bad[:len(bad)-1] + string(flip)
	r = checkRun(t, zone, "--undelegated", ns, "--ds", bad)
	if r.DNSSEC.Status != "bogus" || !r.ids()["DNSSEC_DS_NO_MATCH"] {
		t.Errorf("--ds %s: dnssec %s, findings %v; want bogus with DNSSEC_DS_NO_MATCH", bad, r.DNSSEC.Status, r.ids())
	}
	for _, f := range r.Findings {
		if f.ID == "DNSSEC_DS_NO_MATCH" && !strings.HasPrefix(f.Detail, "given with --ds") {
			t.Errorf("DNSSEC_DS_NO_MATCH detail %q does not say the DS was given with --ds", f.Detail)
		}
	}
	// The healthy zone's parent DS is right; a wrong --ds still wins.
	healthy := checkRun(t, "healthy-signed.test")
	if healthy.DNSSEC.Status != "secure" {
		t.Fatalf("healthy-signed.test is %s", healthy.DNSSEC.Status)
	}
	r = checkRun(t, "healthy-signed.test", "--undelegated", healthy.undelegatedArg(), "--ds", bad)
	if r.DNSSEC.Status != "bogus" || !r.ids()["DNSSEC_DS_NO_MATCH"] {
		t.Errorf("healthy zone with a wrong --ds: dnssec %s, findings %v; want bogus with DNSSEC_DS_NO_MATCH", r.DNSSEC.Status, r.ids())
	}
}

// TestCheckDSUsage: every malformed --ds, and --ds where it does not
// apply, is refused with exit 2 and one line naming the flag.
func TestCheckDSUsage(t *testing.T) {
	const und = "ns1.hosta.test=127.53.10.1"
	sha256 := strings.Repeat("ab", 32)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--ds", "1,13,2," + sha256}, "--ds needs --undelegated"},
		{[]string{"--undelegated", und, "--ds", "1,13,2"}, "want KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST"},
		{[]string{"--undelegated", und, "--ds", "1,13,2," + sha256 + ",x"}, "want KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST"},
		{[]string{"--undelegated", und, "--ds", "65536,13,2," + sha256}, "key tag \"65536\" is not a number from 0 to 65535"},
		{[]string{"--undelegated", und, "--ds", "-1,13,2," + sha256}, "key tag"},
		{[]string{"--undelegated", und, "--ds", "1,256,2," + sha256}, "algorithm \"256\" is not a number from 0 to 255"},
		{[]string{"--undelegated", und, "--ds", "1,x,2," + sha256}, "algorithm"},
		{[]string{"--undelegated", und, "--ds", "1,13,3," + sha256}, "digest type 3 is not supported"},
		{[]string{"--undelegated", und, "--ds", "1,13,999," + sha256}, "digest type \"999\""},
		{[]string{"--undelegated", und, "--ds", "1,13,2,abcd"}, "digest type 2 wants 64 hex digits, the digest has 4"},
		{[]string{"--undelegated", und, "--ds", "1,13,4," + sha256}, "digest type 4 wants 96 hex digits"},
		{[]string{"--undelegated", und, "--ds", "1,13,1," + strings.Repeat("zz", 20)}, "digest is not hex"},
		{[]string{"--undelegated", und, "--ds", "1,13,2," + sha256, "--ds", "2,13,2,"}, "digest type 2 wants 64 hex digits, the digest has 0"},
	}
	for _, tt := range tests {
		code, _, errs := run(t, append(append([]string{"check", "healthy-signed.test"}, tt.args...), labArgs(t)...)...)
		if code != ExitUsage || !strings.Contains(errs, tt.want) || !strings.Contains(errs, "--ds") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v = %d, %q; want 2 and one line with %q", tt.args, code, errs, tt.want)
		}
	}
	code, _, errs := run(t, "check", "--replay", "/nonexistent", "--ds", "1,13,2,"+sha256)
	if code != ExitUsage || !strings.Contains(errs, "--ds") {
		t.Errorf("--replay with --ds = %d, %q; want 2", code, errs)
	}
}

// TestCheckOnlySkip: --only and --skip choose whose findings the report
// shows, in text and JSON, with the counts to match.
func TestCheckOnlySkip(t *testing.T) {
	const domain = "ns-same-prefix.test"
	all := checkRun(t, domain)
	if len(all.Findings) < 2 {
		t.Fatalf("%s has %d findings; want two or more", domain, len(all.Findings))
	}
	keep := all.Findings[0].ID
	var others []string
	for id := range all.ids() {
		if id != keep {
			others = append(others, id)
		}
	}
	count := func(r checkJSON) int {
		n := 0
		for _, c := range r.Summary.Findings {
			n += c
		}
		return n
	}

	only := checkRun(t, domain, "--only", keep+",NS_LAME")
	if ids := only.ids(); len(ids) != 1 || !ids[keep] || count(only) != len(only.Findings) {
		t.Errorf("--only %s: findings %v, counted %d; want only %s", keep, ids, count(only), keep)
	}
	skip := checkRun(t, domain, "--skip", strings.ToLower(keep))
	if ids := skip.ids(); ids[keep] || len(ids) != len(others) || count(skip) != len(skip.Findings) {
		t.Errorf("--skip %s: findings %v, counted %d; want %v", keep, ids, count(skip), others)
	}
	_, text, _ := run(t, append([]string{"check", domain, "--skip", keep}, labArgs(t)...)...)
	if strings.Contains(text, " "+keep+" [") || !strings.Contains(text, " "+others[0]+" [") {
		t.Errorf("text report with --skip %s:\n%s", keep, text)
	}
	_, text, _ = run(t, append([]string{"check", domain, "--only", keep}, labArgs(t)...)...)
	if !strings.Contains(text, " "+keep+" [") || strings.Contains(text, " "+others[0]+" [") {
		t.Errorf("text report with --only %s:\n%s", keep, text)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--only", "NS_LAMB"}, `--only: unknown check ID "NS_LAMB": 'dnsobs checks' lists them`},
		{[]string{"--skip", "NS_LAME,BOGUS"}, `--skip: unknown check ID "BOGUS"`},
		{[]string{"--only", "NS_LAME", "--skip", "NS_NO_TCP"}, "not both"},
		{[]string{"--only", ","}, "--only: no check ID given"},
	} {
		code, _, errs := run(t, append(append([]string{"check", domain}, tt.args...), labArgs(t)...)...)
		if code != ExitUsage || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v = %d, %q; want 2 and one line with %q", tt.args, code, errs, tt.want)
		}
	}
}

// familyCounter counts the exchanges that reach the in-memory world by
// address family.
type familyCounter struct {
	transport.Exchanger
	mu     sync.Mutex
	v4, v6 int
}

func (f *familyCounter) count(a netip.Addr) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if a.Unmap().Is4() {
		f.v4++
	} else {
		f.v6++
	}
}

// TestCheckFamily: -4 sends nothing to an IPv6 address and -6 nothing to
// an IPv4 one; the other family's addresses are reported not_probed, and
// NS_NO_IPV6 is not reported for IPv6 addresses that were not queried.
func TestCheckFamily(t *testing.T) {
	w, _ := labFiles(t)
	// ns1.hosta.test has the lab's only IPv6 address (::1).
	const domain = "healthy-unsigned.test"
	runFamily := func(args ...string) (*familyCounter, checkJSON) {
		ex := &familyCounter{Exchanger: w}
		var out, errb strings.Builder
		code := Run(context.Background(), &Env{Stdout: &out, Stderr: &errb, Exchanger: ex},
			append(append([]string{"check", "--json"}, args...), labArgs(t)...))
		if code != ExitOK {
			t.Fatalf("check %v = %d: %s", args, code, errb.String())
		}
		var r checkJSON
		if err := json.Unmarshal([]byte(out.String()), &r); err != nil {
			t.Fatal(err)
		}
		return ex, r
	}
	both, _ := runFamily(domain)
	if both.v4 == 0 || both.v6 == 0 {
		t.Fatalf("without -4 or -6: %d IPv4 and %d IPv6 exchanges; want both families used", both.v4, both.v6)
	}

	ex, r := runFamily(domain, "-4")
	if ex.v6 != 0 || ex.v4 == 0 {
		t.Errorf("-4: %d IPv6 exchanges (want 0), %d IPv4", ex.v6, ex.v4)
	}
	v6seen := false
	for _, ns := range r.Nameservers {
		for _, a := range ns.Addresses {
			if a.Addr.Is6() {
				v6seen = true
				if a.Probe == nil || !strings.Contains(a.Probe.NotProbed, "-4") {
					t.Errorf("-4: %s %s probe %+v, want not_probed naming -4", ns.Name, a.Addr, a.Probe)
				}
			}
		}
	}
	if !v6seen {
		t.Errorf("-4: the IPv6 nameserver address should still be listed (from its AAAA record)")
	}
	// NS_ADDRESS_NOT_GLOBAL: ::1 is the lab world's own address, global in
	// it, even when -4 leaves it unqueried.
	for _, id := range []string{"NS_NO_IPV6", "NS_UNREACHABLE", "DOMAIN_NO_WORKING_NS", "NS_ADDRESS_NOT_GLOBAL"} {
		if r.ids()[id] {
			t.Errorf("-4: %s reported as if IPv6 were broken: %v", id, r.Findings)
		}
	}

	// -6: the lab's root and TLD servers are IPv4 only, so the parent
	// cannot be reached; the zone's one IPv6 server is given by hand.
	ex, r = runFamily(domain, "-6", "--undelegated", "ns1.hosta.test=::1,ns2.hostb.test=127.53.20.1")
	if ex.v4 != 0 || ex.v6 == 0 {
		t.Errorf("-6: %d IPv4 exchanges (want 0), %d IPv6", ex.v4, ex.v6)
	}
	if r.ids()["NS_UNREACHABLE"] {
		t.Errorf("-6: an IPv4 address not queried is reported unreachable: %v", r.Findings)
	}
	// Delegated, -6 cannot reach the lab's IPv4-only root: the report says why.
	ex, r = runFamily(domain, "-6")
	if ex.v4 != 0 || !r.ids()["DOMAIN_NOT_CHECKED"] {
		t.Errorf("-6 from the IPv4-only lab root: %d IPv4 exchanges, findings %v; want none and DOMAIN_NOT_CHECKED", ex.v4, r.ids())
	}
	for _, f := range r.Findings {
		if f.ID == "DOMAIN_NOT_CHECKED" && !strings.Contains(f.Detail, "-6 queries only IPv6") {
			t.Errorf("DOMAIN_NOT_CHECKED detail %q does not say -6 kept the servers from being queried", f.Detail)
		}
	}

	code, _, errs := run(t, append([]string{"check", domain, "-4", "-6"}, labArgs(t)...)...)
	if code != ExitUsage || !strings.Contains(errs, "-4 and -6 do not go together") {
		t.Errorf("-4 -6 = %d, %q; want 2", code, errs)
	}
}

func (f *familyCounter) Exchange(ctx context.Context, server netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	f.count(server.Addr())
	return f.Exchanger.Exchange(ctx, server, t, req)
}

func (f *familyCounter) Stream(ctx context.Context, server netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	f.count(server.Addr())
	return f.Exchanger.Stream(ctx, server, req, max, done)
}
