package interop

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
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
		// A stub retries, as Unbound's clients do: a zone with a silent
		// server can take Unbound longer than one try to resolve (its own
		// timeouts on the silent address) when the machine is busy.
		c := &dns.Client{Timeout: 10 * time.Second}
		var err error
		for try := 0; try < 3 && ctx.Err() == nil; try++ {
			var r *dns.Msg
			if r, _, err = c.ExchangeContext(ctx, q, addr.String()); err == nil {
				return r, nil
			}
			var ne net.Error
			if !errors.As(err, &ne) || !ne.Timeout() {
				break
			}
		}
		return nil, err
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
func validatedZones(w *engine.World, d *Deployment) []string {
	var out []string
	for _, z := range w.Zones() {
		if w.Zone(z.Origin) != z {
			continue
		}
		if _, bad := d.Unserved[z.Origin]; bad {
			continue
		}
		// A name dnsobs refuses as input (domain-name-syntax-.test.: a
		// label ending with a hyphen) cannot be checked from the command
		// line; only the in-memory lab checks it (engine.Scenario.Input).
		if _, err := dnsname.Normalize(z.Origin); err != nil {
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

// delvVerdict validates zone's SOA with delv, BIND's validator run as a
// client, from the lab's trust anchor (-a, +root). Its queries go to the
// Unbound resolver with +cdflag, so that Unbound hands over what it would
// refuse and the verdict is delv's own, not Unbound's SERVFAIL. delv says
// "; fully validated" → secure; "; unsigned answer" → insecure;
// "resolution failed" after a validation failure (no valid signature, no
// valid DS or DNSKEY, broken trust chain, ...) → bogus; anything else →
// indeterminate. It returns delv's output as well.
func delvVerdict(ctx context.Context, addr netip.AddrPort, anchor, zone string) (string, string, error) {
	bin, err := LookPath("delv")
	if err != nil {
		return "", "", err
	}
	out, err := toolCommand(ctx, bin, "@"+addr.Addr().String(), "-p", fmt.Sprint(addr.Port()),
		"-a", anchor, "+root", "+cdflag", "+nocrypto", "+novtrace", zone, "SOA").CombinedOutput()
	text := string(out)
	if ctx.Err() != nil {
		return "", text, fmt.Errorf("delv %s: %w", zone, ctx.Err())
	}
	_ = err // delv exits non-zero when resolution fails: the output says why
	return parseDelv(text), text, nil
}

// parseDelv maps delv's output to a verdict.
func parseDelv(out string) string {
	switch {
	case strings.Contains(out, "; fully validated"):
		return "secure"
	case strings.Contains(out, "; unsigned answer"):
		return "insecure"
	case strings.Contains(out, "resolution failed") && delvValidationFailure.MatchString(out):
		return "bogus"
	}
	return "indeterminate"
}

// delvValidationFailure matches the reasons delv gives for a failed
// resolution that are DNSSEC validation failures, not network ones.
var delvValidationFailure = regexp.MustCompile(`(?i)no valid (signature|RRSIG|DS|KEY|DNSKEY)|insecurity proof failed|broken trust chain|verify failed|validation failed|bad (signature|key)|signature (has )?expired|not yet valid|DNSKEY.*(missing|not found)|must-be-secure`)

func TestParseDelv(t *testing.T) {
	for _, c := range []struct{ name, out, want string }{
		{"secure", "; fully validated\nhealthy-signed.test. 300 IN SOA ns1.hosta.test. ...\n", "secure"},
		{"insecure", "; unsigned answer\nhealthy-unsigned.test. 300 IN SOA ...\n", "insecure"},
		{"bogus", ";; validating dnssec-bogus.test/SOA: no valid signature found\n;; resolution failed: RRSIG failed to verify\n", "bogus"},
		{"broken chain", ";; resolution failed: broken trust chain\n", "bogus"},
		{"network", ";; resolution failed: timed out\n", "indeterminate"},
		{"servfail", ";; resolution failed: SERVFAIL\n", "indeterminate"},
		{"resolver refused (no +cdflag)", ";; resolution failed: failure\n", "indeterminate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := parseDelv(c.out); got != c.want {
				t.Errorf("parseDelv(%q) = %s, want %s", c.out, got, c.want)
			}
		})
	}
}

// knownDelvDifferences are the zones where delv's verdict differs from
// dnsobs's dnssec.status, and why. Listed differences are asserted too:
// the test fails when one disappears, as when an unlisted one appears.
var knownDelvDifferences = map[string]struct{ delv, dnsobs, why string }{}

// TestDifferentialDelv compares delv's own DNSSEC verdict (BIND's
// validator, through Unbound with +cdflag) with dnsobs's dnssec.status for
// every zone TestDifferentialValidator compares.
func TestDifferentialDelv(t *testing.T) {
	w, d := world(t)
	requireRoot(t, "delv")
	var domains []string
	for _, z := range validatedZones(w, d) {
		if z != "." {
			domains = append(domains, z)
		}
	}
	reps := realReports(t, d, domains)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	verdicts := make([]string, len(domains))
	outs := make([]string, len(domains))
	errs := make([]error, len(domains))
	parallel(len(domains), 4, func(i int) {
		verdicts[i], outs[i], errs[i] = delvVerdict(ctx, shared.ubAddr, d.AnchorBIND, domains[i])
	})
	var table strings.Builder
	fmt.Fprintf(&table, "%-34s %-13s %-13s\n", "zone", "delv", "dnsobs")
	seen := map[string]bool{}
	for i, z := range domains {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		dv, got := verdicts[i], status(reps[z])
		fmt.Fprintf(&table, "%-34s %-13s %-13s\n", z, dv, got)
		known, isKnown := knownDelvDifferences[z]
		switch {
		case isKnown:
			seen[z] = true
			if dv != known.delv || got != known.dnsobs {
				t.Errorf("%s: known difference (delv %s, dnsobs %s: %s) is now delv %s, dnsobs %s",
					z, known.delv, known.dnsobs, known.why, dv, got)
			}
		case dv != got:
			t.Errorf("%s: delv says %s, dnsobs says %s; delv:\n%s", z, dv, got, outs[i])
		}
	}
	for z := range knownDelvDifferences {
		if !seen[z] {
			t.Errorf("known difference for %s lists a zone that was not compared", z)
		}
	}
	t.Logf("DNSSEC verdicts, delv (+cdflag through Unbound) vs dnsobs:\n%s", table.String())
}
