package interop

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab"
)

// unboundSkew is the tolerance Unbound gets for signatures outside their
// validity window. Unbound's default (10% of the validity period, between
// 1 h and 24 h) is exactly the lab's one day for the 30-day signatures of
// the expired and not-yet-valid scenarios, so its verdict on them would
// depend on the second the query lands in; one hour keeps it decided.
const unboundSkew = time.Hour

// validatorVerdict asks the validating Unbound for zone's SOA with DO=1:
// AD set → secure; NOERROR without AD → insecure; SERVFAIL that becomes an
// answer with CD=1 → bogus; anything else → indeterminate.
func validatorVerdict(ctx context.Context, addr netip.AddrPort, zone string) (string, error) {
	ask := func(cd bool) (*dns.Msg, error) {
		q := new(dns.Msg)
		q.SetQuestion(zone, dns.TypeSOA)
		q.SetEdns0(1232, true)
		q.CheckingDisabled = cd
		c := &dns.Client{Timeout: 10 * time.Second}
		r, _, err := c.ExchangeContext(ctx, q, addr.String())
		return r, err
	}
	r, err := ask(false)
	if err != nil {
		return "", err
	}
	switch {
	case r.Rcode == dns.RcodeSuccess && r.AuthenticatedData:
		return "secure", nil
	case r.Rcode == dns.RcodeSuccess:
		return "insecure", nil
	case r.Rcode == dns.RcodeServerFailure:
		r2, err := ask(true)
		if err != nil {
			return "", err
		}
		if r2.Rcode == dns.RcodeSuccess && len(r2.Answer) > 0 {
			return "bogus", nil
		}
	}
	return "indeterminate", nil
}

// knownValidatorDifferences are the zones where dnsobs's dnssec.status
// differs from Unbound's verdict, and why. The test fails if a listed
// difference disappears, as well as when an unlisted one appears.
var knownValidatorDifferences = map[string]struct{ unbound, dnsobs, why string }{}

// validatedZones are the zones the validator test compares: every zone
// version real servers serve, root and TLD included, except the false
// copies of test. (the referral loop), which no resolver reaches.
func validatedZones(w *lab.World, d *Deployment) []string {
	var out []string
	for _, z := range w.Zones() {
		if w.Zone(z.Origin) != z {
			continue
		}
		if _, bad := d.Unserved[z.Origin]; bad {
			continue
		}
		out = append(out, z.Origin)
	}
	return out
}

// TestDifferentialValidator compares dnsobs's DNSSEC verdict for every
// served zone with Unbound's, validating from the same trust anchor.
func TestDifferentialValidator(t *testing.T) {
	w, d := world(t)
	zones := validatedZones(w, d)
	var domains []string
	for _, z := range zones {
		if z != "." {
			domains = append(domains, z)
		}
	}
	reps := realReports(t, d, domains)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	var table strings.Builder
	fmt.Fprintf(&table, "%-34s %-13s %-13s\n", "zone", "unbound", "dnsobs")
	seen := map[string]bool{}
	for _, z := range domains {
		ub, err := validatorVerdict(ctx, shared.ubAddr, z)
		if err != nil {
			t.Fatalf("unbound, %s: %v", z, err)
		}
		got := status(reps[z])
		fmt.Fprintf(&table, "%-34s %-13s %-13s\n", z, ub, got)
		known, isKnown := knownValidatorDifferences[z]
		switch {
		case isKnown:
			seen[z] = true
			if ub != known.unbound || got != known.dnsobs {
				t.Errorf("%s: known difference (unbound %s, dnsobs %s: %s) is now unbound %s, dnsobs %s",
					z, known.unbound, known.dnsobs, known.why, ub, got)
			}
		case ub != got:
			t.Errorf("%s: unbound says %s, dnsobs says %s", z, ub, got)
		}
	}
	for z := range knownValidatorDifferences {
		if !seen[z] {
			t.Errorf("known difference for %s lists a zone that was not compared", z)
		}
	}
	t.Logf("DNSSEC verdicts, Unbound (val-sig-skew %v) vs dnsobs:\n%s", unboundSkew, table.String())
	if t.Failed() {
		t.Logf("unbound log:\n%s", shared.unbound.Output())
	}
}

// TestDifferentialDelv validates a few zones with delv (BIND's validator
// as a client) against the same anchor, through the Unbound resolver.
func TestDifferentialDelv(t *testing.T) {
	_, d := world(t)
	requireRoot(t, "delv")
	for _, c := range []struct{ zone, want string }{
		{"healthy-signed.test.", "; fully validated"},
		{"dnssec-nsec3-params.test.", "; fully validated"},
		{"healthy-unsigned.test.", "; unsigned answer"},
		{"dnssec-bogus.test.", "resolution failed"},
		{"dnssec-rrsig-expired.test.", "resolution failed"},
	} {
		t.Run(strings.TrimSuffix(c.zone, ".test."), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			bin, _ := LookPath("delv")
			out, _ := toolCommand(ctx, bin, "@"+shared.ubAddr.Addr().String(), "-p", fmt.Sprint(shared.ubAddr.Port()),
				"-a", d.AnchorBIND, "+root", "+nocrypto", c.zone, "SOA").CombinedOutput()
			if !strings.Contains(string(out), c.want) {
				t.Errorf("delv %s: want %q in:\n%s", c.zone, c.want, out)
			}
		})
	}
}
