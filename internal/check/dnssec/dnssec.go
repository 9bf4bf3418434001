// Package dnssec is the DNSSEC check area: it turns the validator's
// Result (internal/dnssec) into findings — a bogus chain, DS records that
// match no key, expired, future or soon-expiring signatures, unsigned
// RRsets, deprecated algorithms, NSEC3 parameters, inconsistent CDS and
// CDNSKEY, and unsigned zones.
package dnssec

import (
	"fmt"
	"strconv"
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
	add := func(id check.Handle, subject, key string, args check.Args, seqs ...int) {
		f := id.New(subject, key, args, evidence(seqs...)...)
		k := f.ID + "\x00" + subject + "\x00" + f.Detail
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, f)
	}
	domain := r.Domain
	if domain == "" && in.Domain != nil {
		domain = in.Domain.Domain
	}

	if r.Status == dv.Bogus {
		add(bogus, domain, "bogus", check.Args{"validator_reason": r.Reason, "zone": brokenZone(r, domain)}, r.Evidence...)
	}
	if r.DNSKEYAnswered {
		for _, ds := range r.DS {
			if ds.Match == dv.MatchNo {
				key := "ds"
				if r.DSGiven {
					key = "given"
				}
				add(dsNoMatch, ds.Subject(), key, check.Args{"zone": domain, "keytag": strconv.Itoa(int(ds.Tag)),
					"algorithm": ds.AlgorithmName, "digest": ds.DigestName}, ds.Seq, r.DNSKEYSeq)
			}
		}
	}
	for _, s := range r.Signatures {
		args := func() check.Args {
			return check.Args{"signer": s.Signer, "keytag": strconv.Itoa(int(s.KeyTag)), "algorithm": s.AlgorithmName,
				"inception": stamp(s.Inception), "expiration": stamp(s.Expiration)}
		}
		switch {
		case s.Window == dv.WindowExpired:
			add(rrsigExpired, s.RRset, "expired", args(), s.Seq)
		case s.Window == dv.WindowNotYetValid:
			add(rrsigNotYet, s.RRset, "not_yet", args(), s.Seq)
		case s.Valid && s.Signer == domain && s.ExpiresIn < ExpiringWithin:
			a := args()
			delete(a, "inception")
			a["remaining"] = s.ExpiresIn.Round(time.Minute).String()
			add(rrsigExpiring, s.RRset, "expiring", a, s.Seq)
		}
	}
	for _, u := range r.Unsigned {
		add(rrsigMissing, u.RRset, "missing", nil, u.Seq)
	}
	deprecated(r, add)
	nsec3(r, add)
	cds(r, domain, add)
	// The zone is judged on its own, whatever the chain above it says: an
	// unsigned zone is unsigned under a bogus or unanchored parent too, and
	// with a DS at its parent it is also DNSSEC_DS_NO_MATCH (above).
	if r.DNSKEYAnswered && !r.Signed {
		key := "unsigned"
		if len(r.DS) > 0 {
			key = "ds_without_keys"
		}
		add(unsigned, domain, key, nil, r.DSSeq, r.DNSKEYSeq)
	}
	check.Sort(out)
	return out
}

type adder func(id check.Handle, subject, key string, args check.Args, seqs ...int)

// deprecated reports keys, signature algorithms and DS digests that RFC
// 9904/9905 say must not or should not be used.
func deprecated(r *dv.Result, add adder) {
	keyAlgs := map[uint8]bool{}
	for _, k := range r.Keys {
		keyAlgs[k.Algorithm] = true
		if k.Signing.Deprecated() {
			add(algDeprecated, fmt.Sprintf("DNSKEY %d/%s", k.Tag, k.AlgorithmName), "signing",
				algArgs(k.AlgorithmName, k.Algorithm, k.Signing, k.Reference), r.DNSKEYSeq)
		}
	}
	for _, s := range r.Signatures {
		if keyAlgs[s.Algorithm] || s.Signer != r.Domain {
			continue
		}
		if sig, _, ref := dv.AlgorithmRequirements(s.Algorithm); sig.Deprecated() {
			add(algDeprecated, fmt.Sprintf("RRSIG algorithm %s", s.AlgorithmName), "signing",
				algArgs(s.AlgorithmName, s.Algorithm, sig, ref), s.Seq)
		}
	}
	for _, ds := range r.DS {
		if ds.Publication.Deprecated() {
			add(algDeprecated, ds.Subject(), "digest", check.Args{"digest": ds.DigestName,
				"number": strconv.Itoa(int(ds.DigestType)), "requirement": string(ds.Publication), "reference": "RFC 9904"}, ds.Seq)
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
		args := check.Args{"iterations": strconv.Itoa(int(p.Iterations)), "salt_length": strconv.Itoa(int(p.SaltLength))}
		key := "both"
		switch {
		case p.SaltLength == 0:
			key = "iterations"
		case p.Iterations == 0:
			key = "salt"
		}
		add(nsec3Params, subject, key, args, seq)
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
				"cds_no_key", check.Args{"zone": domain}, c.CDSSeq, r.DNSKEYSeq)
		}
	}
	for _, x := range c.CDNSKEY {
		if !x.Delete && !x.MatchesDNSKEY {
			add(cdsMismatch, fmt.Sprintf("CDNSKEY %d/%d", x.Tag, x.Algorithm),
				"cdnskey_no_key", check.Args{"zone": domain}, c.CDNSKEYSeq, r.DNSKEYSeq)
		}
	}
	if !c.Agree {
		add(cdsMismatch, domain+"/CDS", "disagree", nil, c.CDSSeq, c.CDNSKEYSeq)
	}
}

// algArgs are the arguments of a deprecated signing algorithm.
func algArgs(name string, number uint8, req dv.Requirement, ref string) check.Args {
	return check.Args{"algorithm": name, "number": strconv.Itoa(int(number)), "requirement": string(req), "reference": ref}
}

// brokenZone is the first zone of the chain that validation found bogus,
// or the domain itself when the break is in its own records.
func brokenZone(r *dv.Result, domain string) string {
	for _, z := range r.Chain {
		if z.Status == dv.Bogus {
			return z.Zone
		}
	}
	return domain
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
