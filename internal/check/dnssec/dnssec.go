// Package dnssec is the DNSSEC check area: it turns the validator's
// Result (internal/dnssec) into findings — a bogus chain, DS records that
// match no key, expired, future or soon-expiring signatures, unsigned
// RRsets, deprecated algorithms, NSEC3 parameters, inconsistent CDS and
// CDNSKEY, and unsigned zones.
package dnssec

import (
	"fmt"
	"strings"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	dv "github.com/lac-dns-observatory/dnsobs/internal/dnssec"
)

// ExpiringWithin is how close to its expiration a valid signature made by
// the domain's own keys must be for DNSSEC_RRSIG_EXPIRING.
const ExpiringWithin = 7 * 24 * time.Hour

func init() { check.RegisterFunc("dnssec", Check) }

// Check reports the DNSSEC findings of in.DNSSEC (none when it is nil).
func Check(in *analyze.Input) []check.Finding {
	if in == nil || in.DNSSEC == nil {
		return nil
	}
	r := in.DNSSEC
	var out []check.Finding
	seen := map[string]bool{}
	add := func(id check.Handle, subject, detail string, seqs ...int) {
		k := id.ID() + "\x00" + subject + "\x00" + detail
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, id.New(subject, detail, evidence(seqs...)...))
	}
	domain := r.Domain
	if domain == "" && in.Domain != nil {
		domain = in.Domain.Domain
	}

	if r.Status == dv.Bogus {
		add(bogus, domain, r.Reason, r.Evidence...)
	}
	if r.DNSKEYAnswered {
		for _, ds := range r.DS {
			if ds.Match == dv.MatchNo {
				given := ""
				if r.DSGiven {
					given = "given with --ds, not the parent's: "
				}
				add(dsNoMatch, ds.Subject(), fmt.Sprintf("%sno DNSKEY of %s has key tag %d, algorithm %s and this %s digest",
					given, domain, ds.Tag, ds.AlgorithmName, ds.DigestName), ds.Seq, r.DNSKEYSeq)
			}
		}
	}
	for _, s := range r.Signatures {
		who := fmt.Sprintf("RRSIG by %s key %d (%s)", s.Signer, s.KeyTag, s.AlgorithmName)
		switch {
		case s.Window == dv.WindowExpired:
			add(rrsigExpired, s.RRset, fmt.Sprintf("%s expired %s (inception %s)", who, stamp(s.Expiration), stamp(s.Inception)), s.Seq)
		case s.Window == dv.WindowNotYetValid:
			add(rrsigNotYet, s.RRset, fmt.Sprintf("%s valid from %s to %s", who, stamp(s.Inception), stamp(s.Expiration)), s.Seq)
		case s.Valid && s.Signer == domain && s.ExpiresIn < ExpiringWithin:
			add(rrsigExpiring, s.RRset, fmt.Sprintf("%s expires %s, in %s", who, stamp(s.Expiration), s.ExpiresIn.Round(time.Minute)), s.Seq)
		}
	}
	for _, u := range r.Unsigned {
		add(rrsigMissing, u.RRset, "no RRSIG", u.Seq)
	}
	deprecated(r, add)
	nsec3(r, add)
	cds(r, domain, add)
	if r.DSAnswered && r.DNSKEYAnswered && len(r.DS) == 0 && !r.Signed &&
		(r.ParentStatus == dv.Secure || r.ParentStatus == dv.Insecure) {
		add(unsigned, domain, "no DS at the parent and no DNSKEY in the zone", r.DSSeq, r.DNSKEYSeq)
	}
	check.Sort(out)
	return out
}

type adder func(id check.Handle, subject, detail string, seqs ...int)

// deprecated reports keys, signature algorithms and DS digests that RFC
// 9904/9905 say must not or should not be used.
func deprecated(r *dv.Result, add adder) {
	keyAlgs := map[uint8]bool{}
	for _, k := range r.Keys {
		keyAlgs[k.Algorithm] = true
		if k.Signing.Deprecated() {
			add(algDeprecated, fmt.Sprintf("DNSKEY %d/%s", k.Tag, k.AlgorithmName),
				fmt.Sprintf("%s (%d): %s for signing (%s)", k.AlgorithmName, k.Algorithm, k.Signing, k.Reference), r.DNSKEYSeq)
		}
	}
	for _, s := range r.Signatures {
		if keyAlgs[s.Algorithm] || s.Signer != r.Domain {
			continue
		}
		if sig, _, ref := dv.AlgorithmRequirements(s.Algorithm); sig.Deprecated() {
			add(algDeprecated, fmt.Sprintf("RRSIG algorithm %s", s.AlgorithmName),
				fmt.Sprintf("%s (%d): %s for signing (%s)", s.AlgorithmName, s.Algorithm, sig, ref), s.Seq)
		}
	}
	for _, ds := range r.DS {
		if ds.Publication.Deprecated() {
			add(algDeprecated, ds.Subject(),
				fmt.Sprintf("digest type %s (%d): %s for DS publication (RFC 9904)", ds.DigestName, ds.DigestType, ds.Publication), ds.Seq)
		}
	}
}

// nsec3 reports NSEC3 iterations or salt (RFC 9276 §3.1).
func nsec3(r *dv.Result, add adder) {
	d := r.Denial
	report := func(subject string, p *dv.NSEC3Params, seq int) {
		if p == nil || (p.Iterations == 0 && p.SaltLength == 0) {
			return
		}
		var parts []string
		if p.Iterations > 0 {
			parts = append(parts, fmt.Sprintf("%d iterations (want 0)", p.Iterations))
		}
		if p.SaltLength > 0 {
			parts = append(parts, fmt.Sprintf("a %d-byte salt (want none)", p.SaltLength))
		}
		add(nsec3Params, subject, strings.Join(parts, " and "), seq)
	}
	report(r.Domain+"/NSEC3PARAM", d.NSEC3PARAM, d.NSEC3PARAMSeq)
	if d.NSEC3PARAM == nil || d.NSEC3 == nil || d.NSEC3.Iterations != d.NSEC3PARAM.Iterations || d.NSEC3.SaltLength != d.NSEC3PARAM.SaltLength {
		report(r.Domain+"/NSEC3", d.NSEC3, d.Seq)
	}
}

// cds reports CDS/CDNSKEY records that match no DNSKEY or disagree.
func cds(r *dv.Result, domain string, add adder) {
	c := r.CDS
	for _, x := range c.CDS {
		if !x.Delete && !x.MatchesDNSKEY {
			add(cdsMismatch, fmt.Sprintf("CDS %d/%d/%d", x.Tag, x.Algorithm, x.DigestType),
				"the CDS matches no DNSKEY of "+domain, c.CDSSeq, r.DNSKEYSeq)
		}
	}
	for _, x := range c.CDNSKEY {
		if !x.Delete && !x.MatchesDNSKEY {
			add(cdsMismatch, fmt.Sprintf("CDNSKEY %d/%d", x.Tag, x.Algorithm),
				"the CDNSKEY matches no DNSKEY of "+domain, c.CDNSKEYSeq, r.DNSKEYSeq)
		}
	}
	if !c.Agree {
		add(cdsMismatch, domain+"/CDS", "the CDS and CDNSKEY RRsets describe different keys", c.CDSSeq, c.CDNSKEYSeq)
	}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// evidence drops zero seqs and duplicates.
func evidence(seqs ...int) []int {
	var out []int
	for _, s := range seqs {
		if s == 0 {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}
