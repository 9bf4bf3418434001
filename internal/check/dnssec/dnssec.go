// Package dnssec is the DNSSEC check area: it turns the validator's
// Result (internal/dnssec) into findings — a bogus chain, DS records that
// match no key or use a deprecated or unknown digest, expired, future,
// soon-expiring, too short or too long signatures, unsigned RRsets,
// deprecated or unknown algorithms, an algorithm that does not sign every
// RRset, a DNSKEY RRset its DS keys do not sign, short RSA keys, NSEC3
// parameters, missing or inconsistent denial of existence, CDS and CDNSKEY
// that are published alone, point nowhere, disagree or are not signed by a
// trusted key, servers that answer without signatures, and unsigned zones.
package dnssec

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"

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
	digests(r, add)
	unknownAlgorithms(r, domain, add)
	lifetimes(r, domain, add)
	rsaKeys(r, add)
	if r.Signed {
		dnskeySigned(r, domain, add)
		incomplete(r, domain, add)
		denial(in, r, domain, add)
		servers(in, r, domain, add)
	}
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

// deprecated reports key and signature algorithms that RFC 9904/9905 say
// must not or should not be used (DS digests: digests).
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

// cds reports CDS/CDNSKEY sets published alone, records that point to no
// DNSKEY or are not signed by the key they point to, CDS and CDNSKEY that
// disagree, and sets no key of the current DS signs (RFC 7344, RFC 8078).
// A delete request (algorithm 0, RFC 8078 §4) points to no key by design.
func cds(r *dv.Result, domain string, add adder) {
	c := r.CDS
	cdsLabel, keyLabel := domain+"/CDS", domain+"/CDNSKEY"
	switch {
	case c.CDSPresent && !c.CDNSKEYPresent:
		add(cdsInconsistent, domain, "cds_only", nil, c.CDSSeq)
	case c.CDNSKEYPresent && !c.CDSPresent:
		add(cdsInconsistent, domain, "cdnskey_only", nil, c.CDNSKEYSeq)
	}
	// invalid reports a CDS or CDNSKEY record (kind "cds" or "cdnskey") that
	// points to no DNSKEY or whose RRset (label) that key does not sign.
	invalid := func(kind, subject, label string, tag uint16, alg uint8, del, matches bool, seq int) {
		switch {
		case del:
		case !matches:
			add(cdsInvalid, subject, kind+"_no_key", check.Args{"zone": domain}, seq, r.DNSKEYSeq)
		case len(sigsOver(r, label)) > 0 && !signedBy(r, label, tag, alg):
			add(cdsInvalid, subject, kind+"_not_signed", check.Args{"keytag": strconv.Itoa(int(tag))}, seq)
		}
	}
	for _, x := range c.CDS {
		invalid("cds", fmt.Sprintf("CDS %d/%d/%d", x.Tag, x.Algorithm, x.DigestType), cdsLabel,
			x.Tag, x.Algorithm, x.Delete, x.MatchesDNSKEY, c.CDSSeq)
	}
	for _, x := range c.CDNSKEY {
		invalid("cdnskey", fmt.Sprintf("CDNSKEY %d/%d", x.Tag, x.Algorithm), keyLabel,
			x.Tag, x.Algorithm, x.Delete, x.MatchesDNSKEY, c.CDNSKEYSeq)
	}
	if !c.Agree {
		add(cdsMismatch, cdsLabel, "disagree", nil, c.CDSSeq, c.CDNSKEYSeq)
	}
	if len(r.DS) == 0 {
		return
	}
	for _, set := range []struct {
		present bool
		label   string
		seq     int
	}{{c.CDSPresent, cdsLabel, c.CDSSeq}, {c.CDNSKEYPresent, keyLabel, c.CDNSKEYSeq}} {
		sigs := sigsOver(r, set.label)
		if !set.present || len(sigs) == 0 {
			continue // unsigned: DNSSEC_RRSIG_MISSING
		}
		trusted := false
		var tags []string
		for _, s := range sigs {
			tags = appendNew(tags, strconv.Itoa(int(s.KeyTag)))
			trusted = trusted || (verifies(s) && inDS(r, s.KeyTag, s.Algorithm))
		}
		if !trusted {
			add(cdsNotTrusted, set.label, "untrusted", check.Args{"keytags": check.List(tags), "ds_keytags": dsTags(r)},
				set.seq, r.DSSeq, r.DNSKEYSeq)
		}
	}
}

// Thresholds of DNSSEC_RRSIG_LIFETIME (Zonemaster DNSSEC04).
const (
	LifetimeMin = 12 * time.Hour
	LifetimeMax = 180 * 24 * time.Hour
)

// lifetimes reports signatures made by the domain, within their validity
// window, whose validity period (inception to expiration) is shorter
// than LifetimeMin or longer than LifetimeMax.
func lifetimes(r *dv.Result, domain string, add adder) {
	for _, s := range r.Signatures {
		if s.Signer != domain || s.Window != dv.WindowValid {
			continue
		}
		period := s.Expiration.Sub(s.Inception)
		args := check.Args{"signer": s.Signer, "keytag": strconv.Itoa(int(s.KeyTag)), "algorithm": s.AlgorithmName,
			"inception": stamp(s.Inception), "expiration": stamp(s.Expiration)}
		switch {
		case period < LifetimeMin:
			args["hours"] = strconv.FormatFloat(math.Round(period.Hours()*10)/10, 'f', -1, 64)
			add(rrsigLifetime, s.RRset, "short", args, s.Seq)
		case period > LifetimeMax:
			args["days"] = strconv.Itoa(int(period.Hours() / 24))
			add(rrsigLifetime, s.RRset, "long", args, s.Seq)
		}
	}
}

// digests reports DS records with a deprecated digest type (SHA-1, GOST
// R 34.11-94: MUST NOT be published, RFC 9904) or one the registry
// reserves, has not assigned or leaves to private use.
func digests(r *dv.Result, add adder) {
	for _, ds := range r.DS {
		number := strconv.Itoa(int(ds.DigestType))
		switch class := dv.DigestClass(ds.DigestType); class {
		case dv.ClassReserved, dv.ClassUnassigned, dv.ClassPrivate:
			add(dsDigestUnknown, ds.Subject(), class, check.Args{"number": number}, ds.Seq)
		default:
			if ds.Publication.Deprecated() {
				add(dsDigestDeprecated, ds.Subject(), "digest", check.Args{"digest": ds.DigestName,
					"number": number, "requirement": string(ds.Publication), "reference": "RFC 9904"}, ds.Seq)
			}
		}
	}
}

// unknownAlgorithms reports DNSKEY, DS and RRSIG records (those the
// domain makes) whose algorithm is reserved, unassigned or private.
func unknownAlgorithms(r *dv.Result, domain string, add adder) {
	report := func(subject string, alg uint8, seq int) {
		switch class := dv.AlgorithmClass(alg); class {
		case dv.ClassReserved, dv.ClassUnassigned, dv.ClassPrivate:
			add(algUnknown, subject, class, check.Args{"number": strconv.Itoa(int(alg))}, seq)
		}
	}
	for _, k := range r.Keys {
		report(fmt.Sprintf("DNSKEY %d/%s", k.Tag, k.AlgorithmName), k.Algorithm, r.DNSKEYSeq)
	}
	for _, ds := range r.DS {
		report(ds.Subject(), ds.Algorithm, ds.Seq)
	}
	for _, s := range r.Signatures {
		if s.Signer == domain {
			report("RRSIG algorithm "+s.AlgorithmName, s.Algorithm, s.Seq)
		}
	}
}

// rsaKeys reports RSA keys shorter than 2048 bits (Zonemaster DNSSEC14,
// after NIST SP 800-57).
func rsaKeys(r *dv.Result, add adder) {
	for _, k := range r.Keys {
		switch k.Algorithm {
		case dns.RSAMD5, dns.RSASHA1, dns.RSASHA1NSEC3SHA1, dns.RSASHA256, dns.RSASHA512:
			if k.Bits > 0 && k.Bits < 2048 {
				add(rsaKeySize, fmt.Sprintf("DNSKEY %d/%s", k.Tag, k.AlgorithmName), "bits",
					check.Args{"bits": strconv.Itoa(k.Bits)}, r.DNSKEYSeq)
			}
		}
	}
}

// dnskeySigned reports a DNSKEY RRset that no RRSIG by a key of the set
// verifies, or that only keys no DS points to sign while a DS points to
// another key of the set. No RRSIG at all is DNSSEC_RRSIG_MISSING; a DS
// that matches no key, DNSSEC_DS_NO_MATCH.
func dnskeySigned(r *dv.Result, domain string, add adder) {
	sigs := sigsOver(r, domain+"/DNSKEY")
	if len(sigs) == 0 {
		return
	}
	var all, good []string
	byDSKey := false
	for _, s := range sigs {
		tag := strconv.Itoa(int(s.KeyTag))
		all = appendNew(all, tag)
		if verifies(s) {
			good = appendNew(good, tag)
			byDSKey = byDSKey || inDS(r, s.KeyTag, s.Algorithm)
		}
	}
	anyInDS := false
	for _, k := range r.Keys {
		anyInDS = anyInDS || k.InDS
	}
	switch {
	case len(good) == 0:
		add(dnskeyNotSigned, domain, "not_self_signed", check.Args{"keytags": check.List(all)}, r.DNSKEYSeq)
	case anyInDS && !byDSKey:
		add(dnskeyNotSigned, domain, "not_by_ds_key", check.Args{"keytags": check.List(good), "ds_keytags": dsTags(r)},
			r.DNSKEYSeq, r.DSSeq)
	}
}

// incomplete reports an algorithm of the DNSKEY RRset that does not sign
// every RRset the zone signs (RFC 4035 §2.2, RFC 6840 §5.11). A DS
// algorithm that no DNSKEY has is DNSSEC_DS_NO_MATCH; an RRset with no
// RRSIG at all, DNSSEC_RRSIG_MISSING.
func incomplete(r *dv.Result, domain string, add adder) {
	var algs []uint8
	names := map[uint8]string{}
	for _, k := range r.Keys {
		if k.Revoked || k.Flags&dns.ZONE == 0 || slices.Contains(algs, k.Algorithm) {
			continue
		}
		algs = append(algs, k.Algorithm)
		names[k.Algorithm] = k.AlgorithmName
	}
	var labels []string
	signedWith := map[string]map[uint8]bool{}
	seqs := map[string]int{}
	for _, s := range r.Signatures {
		if s.Signer != domain {
			continue
		}
		if signedWith[s.RRset] == nil {
			signedWith[s.RRset] = map[uint8]bool{}
			labels = append(labels, s.RRset)
			seqs[s.RRset] = s.Seq
		}
		signedWith[s.RRset][s.Algorithm] = true
	}
	for _, alg := range algs {
		var missing []string
		ev := []int{r.DNSKEYSeq}
		for _, l := range labels {
			if !signedWith[l][alg] {
				missing = append(missing, l)
				ev = append(ev, seqs[l])
			}
		}
		if len(missing) > 0 {
			add(algIncomplete, domain, "rrsets", check.Args{"algorithm": names[alg], "number": strconv.Itoa(int(alg)),
				"rrsets": check.List(missing)}, ev...)
		}
	}
}

// denial reports a signed zone's missing or invalid proof that a name does
// not exist, and a denial that mixes NSEC and NSEC3 or whose NSEC3
// parameters differ from the apex NSEC3PARAM. The name is asked of one
// server only: NSEC on one server and NSEC3 on another cannot be seen.
func denial(in *analyze.Input, r *dv.Result, domain string, add adder) {
	d := r.Denial
	qname := ""
	if in.Domain != nil {
		if q := in.Domain.Query(d.Seq); q != nil {
			qname = q.QName
		}
	}
	if d.Seq != 0 && !d.Valid && d.Error != "" && d.Error != dv.ErrHighIterations && !d.Unverified {
		if d.Records {
			add(denialMissing, domain, "invalid", check.Args{"qname": qname, "validator_reason": d.Error}, d.Seq)
		} else {
			add(denialMissing, domain, "none", check.Args{"qname": qname}, d.Seq)
		}
	}
	switch {
	case d.Mixed:
		add(denialInconsistent, domain, "mixed", check.Args{"qname": qname}, d.Seq)
	case d.NSEC3PARAM != nil && d.Seq != 0 && d.Type == "nsec":
		add(denialInconsistent, domain, "nsec_with_nsec3param", check.Args{"qname": qname}, d.NSEC3PARAMSeq, d.Seq)
	case d.NSEC3PARAM != nil && d.NSEC3 != nil && (d.NSEC3PARAM.HashAlgorithm != d.NSEC3.HashAlgorithm ||
		d.NSEC3PARAM.Iterations != d.NSEC3.Iterations || d.NSEC3PARAM.Salt != d.NSEC3.Salt):
		add(denialInconsistent, domain, "params", check.Args{
			"param_iterations": strconv.Itoa(int(d.NSEC3PARAM.Iterations)), "param_salt": saltArg(d.NSEC3PARAM.Salt),
			"iterations": strconv.Itoa(int(d.NSEC3.Iterations)), "salt": saltArg(d.NSEC3.Salt)}, d.NSEC3PARAMSeq, d.Seq)
	}
}

// servers reports the servers of a signed zone that answered queries
// with the DO bit without signatures over RRsets the zone signs (the
// zone's own probes of each address: SOA, NS and DNSKEY).
func servers(in *analyze.Input, r *dv.Result, domain string, add adder) {
	if in.Domain == nil {
		return
	}
	for _, a := range in.Domain.Addresses() {
		var what []string
		var seqs []int
		for _, q := range analyze.UnsignedDOAnswers(in.Domain, a, domain) {
			label := strings.ToLower(dns.Fqdn(q.QName)) + "/" + q.QType
			if len(sigsOver(r, label)) == 0 {
				continue // the zone does not sign it either: DNSSEC_RRSIG_MISSING
			}
			what = appendNew(what, label)
			seqs = append(seqs, q.Seq)
		}
		if len(what) == 0 {
			continue
		}
		add(nsNoSignatures, analyze.ServerLabel(in.Domain, a), "no_rrsig", check.Args{"rrsets": check.List(what)}, seqs...)
	}
}

// sigsOver returns the RRSIGs the domain made over the RRset label.
func sigsOver(r *dv.Result, label string) []dv.Signature {
	var out []dv.Signature
	for _, s := range r.Signatures {
		if s.RRset == label && s.Signer == r.Domain {
			out = append(out, s)
		}
	}
	return out
}

// verifies reports whether a signature verified with the key it names
// (whatever its validity window).
func verifies(s dv.Signature) bool {
	return s.Problem == "" || s.Problem == dv.ProblemExpired || s.Problem == dv.ProblemNotYetValid
}

// signedBy reports whether a signature by key tag/alg over label verifies.
func signedBy(r *dv.Result, label string, tag uint16, alg uint8) bool {
	for _, s := range sigsOver(r, label) {
		if s.KeyTag == tag && s.Algorithm == alg && verifies(s) {
			return true
		}
	}
	return false
}

// inDS reports whether a DS at the parent points to the domain's key tag/alg.
func inDS(r *dv.Result, tag uint16, alg uint8) bool {
	for _, k := range r.Keys {
		if k.Tag == tag && k.Algorithm == alg && k.InDS {
			return true
		}
	}
	return false
}

// dsTags lists the key tags of the DS records at the parent.
func dsTags(r *dv.Result) string {
	var tags []string
	for _, ds := range r.DS {
		tags = appendNew(tags, strconv.Itoa(int(ds.Tag)))
	}
	return check.List(tags)
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// saltArg is a salt as NSEC3PARAM presentation writes it ("-" for none).
func saltArg(s string) string {
	if s == "" {
		return "-"
	}
	return s
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
