package dnssec

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// failure is a reason a secure zone's data is bogus.
type failure struct {
	reason string
	seqs   []int
}

// validator holds the state of one analysis.
type validator struct {
	d      *observe.Domain
	opts   Options
	at     time.Time
	res    *Result
	domain string
	di     int // index of the domain in d.Chain, -1 when absent

	keys     []*dns.DNSKEY // the domain's DNSKEY RRset as served
	given    []*dns.DS     // the DS records given with check --ds, when hasGiven
	hasGiven bool
	dsRRs    []*dns.DS // the domain's DS RRset at the parent as served
	apexFail []failure

	chainStatus   Status
	chainReason   string
	chainEvidence []int
}

func newValidator(d *observe.Domain, opts Options) *validator {
	v := &validator{
		d:      d,
		opts:   opts,
		at:     opts.At,
		domain: strings.ToLower(dns.Fqdn(d.Domain)),
		di:     -1,
	}
	v.res = &Result{Domain: v.domain, Denial: Denial{Type: "none"}}
	for i, c := range d.Chain {
		if equalNames(c.Zone, v.domain) {
			v.di = i
		}
	}
	if d.Undelegated && len(d.UndelegatedDS) > 0 {
		v.hasGiven = true
		v.res.DSGiven = true
		for _, text := range d.UndelegatedDS {
			if rr, err := dns.NewRR(text); err == nil && rr != nil {
				if ds, ok := rr.(*dns.DS); ok && equalNames(ds.Hdr.Name, v.domain) {
					v.given = append(v.given, ds)
				}
			}
		}
	}
	return v
}

// seqs returns the seqs of the non-nil queries.
func seqs(qs ...*observe.Query) []int {
	var out []int
	for _, q := range qs {
		if q != nil && q.Seq != 0 {
			out = append(out, q.Seq)
		}
	}
	return out
}

// ---- the chain of trust ----

// walk validates the chain from the anchors down to the domain.
func (v *validator) walk() {
	if v.hasGiven {
		v.walkGiven()
		return
	}
	if len(v.opts.Anchors) == 0 {
		v.settle(Indeterminate, "no trust anchor for this world", nil)
		return
	}
	chain := v.d.Chain
	if len(chain) == 0 || !equalNames(chain[0].Zone, ".") {
		v.settle(Indeterminate, "no chain of zone cuts from the root was recorded", nil)
		return
	}
	var anchorDS []*dns.DS
	var anchorKeys []*dns.DNSKEY
	for _, rr := range v.opts.Anchors {
		if rr == nil || !equalNames(rr.Header().Name, ".") {
			continue
		}
		switch x := rr.(type) {
		case *dns.DS:
			anchorDS = append(anchorDS, x)
		case *dns.DNSKEY:
			anchorKeys = append(anchorKeys, x)
		}
	}
	trustDS := v.usableDS(anchorDS)
	trustKeys := anchorKeys
	if len(trustDS) == 0 && len(trustKeys) == 0 {
		if len(anchorDS) == 0 {
			v.settle(Indeterminate, "no trust anchor for this world", nil)
		} else {
			v.settle(Insecure, "the root trust anchors use only unsupported algorithms or digest types", nil)
		}
		return
	}
	statusAt := make([]Status, len(chain))
	var parentKeys []*dns.DNSKEY
	parent := "."
	stopped := -1
	for i := range chain {
		cut := &chain[i]
		zone := strings.ToLower(dns.Fqdn(cut.Zone))
		if i > 0 {
			st, why, ev, ds := v.delegation(cut, zone, parent, parentKeys)
			if st != Secure {
				v.res.Chain = append(v.res.Chain, ZoneResult{Zone: zone, Status: st, Reason: why})
				v.settle(st, why, ev)
				statusAt[i], stopped = st, i
				break
			}
			trustDS, trustKeys = ds, nil
		}
		keys, st, why, ev := v.zoneKeys(cut, zone, trustDS, trustKeys)
		v.res.Chain = append(v.res.Chain, ZoneResult{Zone: zone, Status: st, Reason: why})
		statusAt[i] = st
		if st != Secure {
			v.settle(st, why, ev)
			stopped = i
			break
		}
		parentKeys, parent = keys, zone
	}
	if stopped >= 0 {
		for i := stopped + 1; i < len(chain); i++ {
			statusAt[i] = v.chainStatus
		}
	} else if v.di != len(chain)-1 {
		v.settle(Indeterminate, "the recorded chain of zone cuts does not reach "+v.domain, nil)
	} else {
		v.settle(Secure, "", nil)
	}
	if v.di > 0 {
		v.res.ParentStatus = statusAt[v.di-1]
	}
}

// walkGiven validates the domain's DNSKEY RRset against the DS records
// given with check --ds, which stand in for the parent's (an undelegated
// test, as Zonemaster's --ds): the zones above play no part.
func (v *validator) walkGiven() {
	if len(v.given) == 0 {
		v.settle(Indeterminate, "none of the DS records given with --ds could be read as a DS of "+v.domain, nil)
		return
	}
	if v.di < 0 {
		v.settle(Indeterminate, "the recorded chain of zone cuts does not reach "+v.domain, nil)
		return
	}
	cut := v.d.Chain[v.di]
	cut.DSSeq = 0 // the DS is the user's, not a query's
	usable := v.usableDS(v.given)
	var st Status
	var why string
	var ev []int
	if len(usable) == 0 {
		st, why = Insecure, "the DS records given with --ds list only unsupported algorithms or digest types ("+
			dsAlgorithms(v.given)+"), so the zone is treated as insecure (RFC 4035 §5.2)"
	} else {
		_, st, why, ev = v.zoneKeys(&cut, v.domain, usable, nil)
	}
	v.res.Chain = append(v.res.Chain, ZoneResult{Zone: v.domain, Status: st, Reason: why})
	v.settle(st, why, ev)
}

// settle records the chain's verdict.
func (v *validator) settle(st Status, why string, ev []int) {
	v.chainStatus, v.chainReason, v.chainEvidence = st, why, ev
}

// usableDS keeps the DS records this validator can use, ignoring SHA-1
// digests when a stronger one is present (RFC 4509 §3).
func (v *validator) usableDS(in []*dns.DS) []*dns.DS {
	var out []*dns.DS
	strong := false
	for _, ds := range in {
		if digestSupported(ds.DigestType) && algorithmSupported(ds.Algorithm, v.opts.SHA1Unsupported) {
			out = append(out, ds)
			strong = strong || ds.DigestType != dns.SHA1
		}
	}
	if !strong {
		return out
	}
	kept := out[:0]
	for _, ds := range out {
		if ds.DigestType != dns.SHA1 {
			kept = append(kept, ds)
		}
	}
	return kept
}

// delegation validates the DS RRset of zone, asked of its parent, or the
// parent's proof that there is none.
func (v *validator) delegation(cut *observe.ZoneCut, zone, parent string, parentKeys []*dns.DNSKEY) (Status, string, []int, []*dns.DS) {
	if cut.DSSeq == 0 {
		return Indeterminate, "no DS query for " + zone + " was made", nil, nil
	}
	q := v.d.Query(cut.DSSeq)
	if p := queryProblem(q, zone+"/DS"); p != "" {
		return Indeterminate, p, seqs(q), nil
	}
	m := q.Msg()
	rc := rcode(q)
	if rc != dns.RcodeSuccess && rc != dns.RcodeNameError {
		return Indeterminate, "the parent answered " + rcodeName(rc) + " to " + zone + "/DS", seqs(q), nil
	}
	if set := find(collect(q.DSSection()), zone, dns.TypeDS); set != nil && rc == dns.RcodeSuccess {
		if ok, why := v.verifySet(set, parentKeys, parent, false, q.Seq, false); !ok {
			return Bogus, why, seqs(q), nil
		}
		var all []*dns.DS
		for _, rr := range set.rrs {
			if ds, ok := rr.(*dns.DS); ok {
				all = append(all, ds)
			}
		}
		usable := v.usableDS(all)
		if len(usable) == 0 {
			return Insecure, "the DS RRset of " + zone + " lists only unsupported algorithms or digest types (" +
				dsAlgorithms(all) + "), so the zone is treated as insecure (RFC 4035 §5.2)", seqs(q), nil
		}
		return Secure, "", nil, usable
	}
	p := v.proofRecords(collect(m.Ns), parent, parentKeys, q.Seq, false)
	proven, how, why := noDS(zone, parent, p)
	if proven {
		return Insecure, "insecure delegation: " + parent + " proves with " + how + " that " + zone + " has no DS", seqs(q), nil
	}
	return Bogus, "no DS for " + zone + " and no valid proof of its absence from " + parent +
		" (RFC 4035 §5.2): " + why, seqs(q), nil
}

// dsAlgorithms lists DS algorithms and digests for a reason.
func dsAlgorithms(in []*dns.DS) string {
	var parts []string
	for _, ds := range in {
		parts = append(parts, AlgorithmName(ds.Algorithm)+"/"+DigestName(ds.DigestType))
	}
	return strings.Join(parts, ", ")
}

// zoneKeys validates zone's DNSKEY RRset against the trusted DS records
// (or anchor keys) and returns the zone's usable keys.
func (v *validator) zoneKeys(cut *observe.ZoneCut, zone string, trustDS []*dns.DS, trustKeys []*dns.DNSKEY) ([]*dns.DNSKEY, Status, string, []int) {
	var q *observe.Query
	if cut.DNSKEYSeq != 0 {
		q = v.d.Query(cut.DNSKEYSeq)
	}
	if p := queryProblem(q, zone+"/DNSKEY"); p != "" {
		return nil, Indeterminate, p, seqs(q)
	}
	var dsq *observe.Query
	if cut.DSSeq != 0 {
		dsq = v.d.Query(cut.DSSeq)
	}
	if rc := rcode(q); rc != dns.RcodeSuccess {
		return nil, Indeterminate, "the zone answered " + rcodeName(rc) + " to " + zone + "/DNSKEY", seqs(q)
	}
	set := find(collect(q.Msg().Answer), zone, dns.TypeDNSKEY)
	if set == nil {
		what := "a DS RRset"
		switch {
		case v.givenFor(zone):
			what = "DS records given with --ds"
		case cut.DSSeq == 0:
			what = "a trust anchor"
		}
		return nil, Bogus, zone + " has " + what + " but serves no DNSKEY RRset", seqs(dsq, q)
	}
	keys := dnskeys(set)
	var entry []*dns.DNSKEY
	for _, k := range keys {
		if !usableKey(k) || !algorithmSupported(k.Algorithm, v.opts.SHA1Unsupported) {
			continue
		}
		matched := false
		for _, ds := range trustDS {
			if v.opts.Cache.dsMatches(ds, k) {
				matched = true
				break
			}
		}
		for _, a := range trustKeys {
			if sameKey(a, k) {
				matched = true
				break
			}
		}
		if matched {
			entry = append(entry, k)
		}
	}
	if len(entry) == 0 {
		src := "the root trust anchor"
		switch {
		case v.givenFor(zone):
			src = "the DS records given with --ds (" + dsTags(trustDS) + ")"
		case cut.DSSeq != 0:
			src = "its DS RRset (" + dsTags(trustDS) + ")"
		}
		return nil, Bogus, "no usable DNSKEY of " + zone + " matches " + src, seqs(dsq, q)
	}
	if ok, why := v.verifySet(set, entry, zone, false, q.Seq, false); !ok {
		by := " (by a key the DS points to)"
		switch {
		case v.givenFor(zone):
			by = " (by a key a DS given with --ds points to)"
		case cut.DSSeq == 0:
			by = " (by a key the trust anchor points to)"
		}
		return nil, Bogus, why + by, seqs(dsq, q)
	}
	var zk []*dns.DNSKEY
	for _, k := range keys {
		if usableKey(k) {
			zk = append(zk, k)
		}
	}
	return zk, Secure, "", nil
}

// givenFor reports whether zone's trust comes from the DS records given
// with check --ds.
func (v *validator) givenFor(zone string) bool { return v.hasGiven && equalNames(zone, v.domain) }

func dsTags(in []*dns.DS) string {
	var parts []string
	for _, ds := range in {
		parts = append(parts, fmt.Sprintf("%d/%s/%s", ds.KeyTag, AlgorithmName(ds.Algorithm), DigestName(ds.DigestType)))
	}
	return strings.Join(parts, ", ")
}

// ---- the domain's own material ----

// parentZone names the domain's parent zone.
func (v *validator) parentZone() string {
	if v.di > 0 {
		return strings.ToLower(dns.Fqdn(v.d.Chain[v.di-1].Zone))
	}
	if p := v.d.Delegation.Parent; p != "" {
		return strings.ToLower(dns.Fqdn(p))
	}
	return dnsname.Parent(v.domain)
}

// pick returns the first usable DNSSEC query of one of the purposes
// about the domain, nil when there is none. qname restricts QName when set.
func (v *validator) pick(qname string, purposes ...string) *observe.Query {
	var first *observe.Query
	for _, p := range purposes {
		for _, q := range v.d.Find(p, netipZero, v.d.Domain) {
			if qname != "" && !equalNames(q.QName, qname) {
				continue
			}
			if first == nil {
				first = q
			}
			if q.Answered() && doQuery(q) {
				return q
			}
		}
	}
	if first != nil && !first.Answered() {
		v.note(queryProblem(first, first.QName+"/"+first.QType))
	}
	return nil
}

func (v *validator) note(s string) {
	if s == "" {
		return
	}
	for _, n := range v.res.Notes {
		if n == s {
			return
		}
	}
	v.res.Notes = append(v.res.Notes, s)
}

// chainQuery returns the query of the domain's cut with seq, or the first
// one found by purpose.
func (v *validator) chainQuery(seq int, purpose string) *observe.Query {
	if seq != 0 {
		if q := v.d.Query(seq); q != nil {
			return q
		}
	}
	for _, q := range v.d.Find(purpose, netipZero, v.d.Domain) {
		if equalNames(q.QName, v.domain) && q.Answered() {
			return q
		}
	}
	return nil
}

// material gathers and checks everything about the domain itself.
func (v *validator) material() {
	var cut observe.ZoneCut
	if v.di >= 0 {
		cut = v.d.Chain[v.di]
	}
	// DNSKEY.
	var keySet *rrset
	kq := v.chainQuery(cut.DNSKEYSeq, observe.PurposeDNSKEY)
	if kq != nil && kq.Answered() && rcode(kq) == dns.RcodeSuccess {
		v.res.DNSKEYSeq, v.res.DNSKEYAnswered = kq.Seq, true
		keySet = find(collect(kq.Msg().Answer), v.domain, dns.TypeDNSKEY)
		v.keys = dnskeys(keySet)
		v.res.Signed = len(v.keys) > 0
	}
	// DS at the parent, or the DS records given with --ds instead.
	var dq *observe.Query
	if v.hasGiven {
		v.dsRRs = v.given
	} else {
		dq = v.chainQuery(cut.DSSeq, observe.PurposeDS)
	}
	if dq != nil && dq.Answered() && rcode(dq) == dns.RcodeSuccess {
		v.res.DSSeq, v.res.DSAnswered = dq.Seq, true
		if set := find(collect(dq.DSSection()), v.domain, dns.TypeDS); set != nil {
			for _, rr := range set.rrs {
				if ds, ok := rr.(*dns.DS); ok {
					v.dsRRs = append(v.dsRRs, ds)
				}
			}
			v.verifySet(set, v.parentKeys(), v.parentZone(), false, dq.Seq, true)
		}
	}
	for _, ds := range v.dsRRs {
		pub, val := DigestRequirements(ds.DigestType)
		r := DS{
			Tag: ds.KeyTag, Algorithm: ds.Algorithm, AlgorithmName: AlgorithmName(ds.Algorithm),
			DigestType: ds.DigestType, DigestName: DigestName(ds.DigestType), Digest: strings.ToUpper(ds.Digest),
			Publication: pub, Validation: val, Match: MatchNo,
		}
		if dq != nil {
			r.Seq = dq.Seq
		}
		if !digestSupported(ds.DigestType) {
			r.Match = MatchUnknown
		}
		for _, k := range v.keys {
			if v.opts.Cache.dsMatches(ds, k) {
				r.Match = MatchYes
			}
		}
		v.res.DS = append(v.res.DS, r)
	}
	if keySet != nil {
		v.verifySet(keySet, v.keys, v.domain, false, kq.Seq, true)
	}
	v.apex()
	v.denial()
	v.cds()
	v.keyList()
}

// parentKeys returns the parent's DNSKEY RRset as served (not
// necessarily validated), to check the signatures over the domain's DS.
func (v *validator) parentKeys() []*dns.DNSKEY {
	if v.di <= 0 {
		return nil
	}
	c := v.d.Chain[v.di-1]
	q := v.d.Query(c.DNSKEYSeq)
	if c.DNSKEYSeq == 0 || q == nil || !q.Answered() {
		return nil
	}
	return dnskeys(find(collect(q.Msg().Answer), c.Zone, dns.TypeDNSKEY))
}

// apexPurposes are the apex RRsets checked for signatures.
var apexPurposes = []struct {
	purposes []string
	qtype    uint16
}{
	{[]string{observe.PurposeSigSOA}, dns.TypeSOA},
	{[]string{observe.PurposeSigNS}, dns.TypeNS},
	{[]string{observe.PurposeSigA, observe.PurposeApexA}, dns.TypeA},
	{[]string{observe.PurposeSigAAAA, observe.PurposeApexAAAA}, dns.TypeAAAA},
	{[]string{observe.PurposeNSEC3PARAM}, dns.TypeNSEC3PARAM},
	{[]string{observe.PurposeCDS}, dns.TypeCDS},
	{[]string{observe.PurposeCDNSKEY}, dns.TypeCDNSKEY},
}

// apex checks the signatures of the apex RRsets and the proofs of the
// apex types that do not exist.
func (v *validator) apex() {
	for _, ap := range apexPurposes {
		q := v.pick(v.domain, ap.purposes...)
		if q == nil {
			continue
		}
		m := q.Msg()
		if rc := rcode(q); rc != dns.RcodeSuccess {
			v.note("the " + v.domain + "/" + typeName(ap.qtype) + " query was answered " + rcodeName(rc))
			continue
		}
		sets := collect(m.Answer)
		for _, s := range sets {
			if len(s.rrs) == 0 || !isSubdomain(v.domain, s.name) {
				continue
			}
			if ok, why := v.verifySet(s, v.keys, v.domain, false, q.Seq, true); !ok && v.res.Signed {
				v.apexFail = append(v.apexFail, failure{why, []int{q.Seq}})
			}
		}
		if !v.res.Signed || find(sets, v.domain, ap.qtype) != nil || find(sets, v.domain, dns.TypeCNAME) != nil {
			continue
		}
		p := v.proofRecords(collect(m.Ns), v.domain, v.keys, q.Seq, true)
		if ok, why, skipped := nodata(v.domain, ap.qtype, p); !ok && !skipped {
			v.apexFail = append(v.apexFail, failure{
				"no valid proof that " + rrsetLabel(v.domain, ap.qtype) + " does not exist: " + why, []int{q.Seq},
			})
		}
	}
}

// nodata checks a NODATA proof with whichever records the zone uses.
func nodata(qname string, qtype uint16, p *proof) (ok bool, why string, skipped bool) {
	switch {
	case len(p.nsec) > 0:
		ok, why = nsecNODATA(qname, qtype, p.nsec)
	case len(p.nsec3) > 0:
		ok, why = nsec3NODATA(qname, qtype, p.nsec3)
	case p.highIter:
		return false, "", true
	default:
		why = p.why("no NSEC or NSEC3 record in the response")
	}
	return ok, why, false
}

// denial checks the response for a name that does not exist.
func (v *validator) denial() {
	if q := v.pick(v.domain, observe.PurposeNSEC3PARAM); q != nil {
		if set := find(collect(q.Msg().Answer), v.domain, dns.TypeNSEC3PARAM); set != nil {
			if p, ok := set.rrs[0].(*dns.NSEC3PARAM); ok {
				v.res.Denial.NSEC3PARAM = &NSEC3Params{
					HashAlgorithm: p.Hash, Iterations: p.Iterations, SaltLength: int(p.SaltLength),
					Salt: saltText(p.Salt), OptOut: p.Flags&1 != 0,
				}
				v.res.Denial.NSEC3PARAMSeq = q.Seq
			}
		}
	}
	q := v.pick("", observe.PurposeNX)
	if q == nil {
		if v.res.Denial.NSEC3PARAM != nil {
			v.res.Denial.Type = "nsec3"
		}
		return
	}
	den := &v.res.Denial
	den.Seq = q.Seq
	m := q.Msg()
	qname := strings.ToLower(dns.Fqdn(q.QName))
	qtype := dns.StringToType[strings.ToUpper(q.QType)]
	if qtype == 0 {
		qtype = dns.TypeA
	}
	auth := collect(m.Ns)
	var sawNSEC, sawNSEC3 bool
	for _, s := range auth {
		for _, rr := range s.rrs {
			switch x := rr.(type) {
			case *dns.NSEC3:
				sawNSEC3 = true
				den.Type = "nsec3"
				if den.NSEC3 == nil {
					den.NSEC3 = &NSEC3Params{HashAlgorithm: x.Hash, Iterations: x.Iterations,
						SaltLength: int(x.SaltLength), Salt: saltText(x.Salt)}
				}
				if x.Flags&1 != 0 {
					den.NSEC3.OptOut = true
				}
			case *dns.NSEC:
				sawNSEC = true
				if den.Type != "nsec3" {
					den.Type = "nsec"
				}
			}
		}
	}
	den.Records, den.Mixed = sawNSEC || sawNSEC3, sawNSEC && sawNSEC3
	if den.Type == "none" && den.NSEC3PARAM != nil {
		den.Type = "nsec3"
	}
	if !v.res.Signed {
		return
	}
	p := v.proofRecords(auth, v.domain, v.keys, q.Seq, true)
	den.Unverified = p.failed != "" && len(p.nsec) == 0 && len(p.nsec3) == 0 && !p.highIter
	var ok, skipped bool
	var why string
	rc := rcode(q)
	answer := collect(m.Answer)
	switch {
	case rc == dns.RcodeNameError:
		den.Proof = "nxdomain"
		switch {
		case len(p.nsec) > 0:
			ok, why = nsecNXDOMAIN(qname, v.domain, p.nsec)
		case len(p.nsec3) > 0:
			ok, why = nsec3NXDOMAIN(qname, v.domain, p.nsec3)
		case p.highIter:
			skipped = true
		default:
			why = p.why("no NSEC or NSEC3 record in the response")
		}
	case rc == dns.RcodeSuccess && len(ofAnyType(answer)) > 0:
		den.Proof = "wildcard"
		ok, why, skipped = v.wildcard(qname, answer, p, q.Seq)
	case rc == dns.RcodeSuccess:
		den.Proof = "nodata"
		ok, why, skipped = nodata(qname, qtype, p)
	default:
		v.note("the query for the nonexistent name " + qname + " was answered " + rcodeName(rc))
		return
	}
	switch {
	case skipped:
		den.Error = ErrHighIterations
		v.note(den.Error)
	case ok:
		den.Valid = true
	default:
		den.Error = why
		v.apexFail = append(v.apexFail, failure{
			"no valid denial of existence for " + rrsetLabel(qname, qtype) + ": " + why, []int{q.Seq},
		})
	}
}

// ofAnyType returns the RRsets that have records.
func ofAnyType(sets []*rrset) []*rrset {
	var out []*rrset
	for _, s := range sets {
		if len(s.rrs) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// wildcard checks an answer to the nonexistent name: it must be a
// verified wildcard expansion with a proof that the name itself is absent.
func (v *validator) wildcard(qname string, answer []*rrset, p *proof, seq int) (bool, string, bool) {
	labels := -1
	for _, s := range ofAnyType(answer) {
		if !isSubdomain(v.domain, s.name) {
			continue
		}
		ok, why := v.verifySet(s, v.keys, v.domain, true, seq, true)
		if !ok {
			return false, why, false
		}
		for _, sig := range s.sigs {
			if equalNames(s.name, qname) && int(sig.Labels) < dns.CountLabel(qname) {
				labels = int(sig.Labels)
			}
		}
	}
	if labels < 0 {
		return false, "the name " + qname + " was answered without a wildcard expansion", false
	}
	ls := dns.SplitDomainName(qname)
	ce := "."
	if labels > 0 {
		ce = strings.Join(ls[len(ls)-labels:], ".") + "."
	}
	switch {
	case len(p.nsec) > 0:
		ok, why := nsecWildcard(qname, p.nsec)
		return ok, why, false
	case len(p.nsec3) > 0:
		ok, why := nsec3Wildcard(qname, ce, p.nsec3)
		return ok, why, false
	case p.highIter:
		return false, "", true
	}
	return false, p.why("no NSEC or NSEC3 record proves that " + qname + " does not exist for the wildcard answer"), false
}

func saltText(s string) string {
	if s == "-" {
		return ""
	}
	return strings.ToUpper(s)
}

// cds reads the CDS and CDNSKEY RRsets (RFC 7344, RFC 8078).
func (v *validator) cds() {
	c := &v.res.CDS
	c.Agree = true
	var cdsRRs []*dns.CDS
	var cdnskeyRRs []*dns.CDNSKEY
	if q := v.pick(v.domain, observe.PurposeCDS); q != nil && rcode(q) == dns.RcodeSuccess {
		if set := find(collect(q.Msg().Answer), v.domain, dns.TypeCDS); set != nil {
			c.CDSPresent, c.CDSSeq = true, q.Seq
			for _, rr := range set.rrs {
				if x, ok := rr.(*dns.CDS); ok {
					cdsRRs = append(cdsRRs, x)
				}
			}
		}
	}
	if q := v.pick(v.domain, observe.PurposeCDNSKEY); q != nil && rcode(q) == dns.RcodeSuccess {
		if set := find(collect(q.Msg().Answer), v.domain, dns.TypeCDNSKEY); set != nil {
			c.CDNSKEYPresent, c.CDNSKEYSeq = true, q.Seq
			for _, rr := range set.rrs {
				if x, ok := rr.(*dns.CDNSKEY); ok {
					cdnskeyRRs = append(cdnskeyRRs, x)
				}
			}
		}
	}
	for _, x := range cdsRRs {
		r := CDSRecord{Tag: x.KeyTag, Algorithm: x.Algorithm, DigestType: x.DigestType,
			Digest: strings.ToUpper(x.Digest), Delete: x.Algorithm == 0}
		for _, k := range v.keys {
			if v.opts.Cache.dsMatches(&x.DS, k) {
				r.MatchesDNSKEY = true
			}
		}
		for _, ds := range v.dsRRs {
			if sameDS(&x.DS, ds) {
				r.InDS = true
			}
		}
		c.Delete = c.Delete || r.Delete
		c.CDS = append(c.CDS, r)
	}
	for _, x := range cdnskeyRRs {
		k := x.DNSKEY
		r := CDNSKEYRecord{Tag: k.KeyTag(), Algorithm: k.Algorithm, Flags: k.Flags, Delete: k.Algorithm == 0}
		for _, dk := range v.keys {
			if sameKey(&k, dk) {
				r.MatchesDNSKEY = true
			}
		}
		c.Delete = c.Delete || r.Delete
		c.CDNSKEY = append(c.CDNSKEY, r)
	}
	if c.CDSPresent && c.CDNSKEYPresent {
		c.Agree = cdsAgree(cdsRRs, cdnskeyRRs)
	}
	if c.CDSPresent {
		c.MatchesDS = true
		for _, r := range c.CDS {
			if !r.InDS && !r.Delete {
				c.MatchesDS = false
			}
		}
		for _, ds := range v.dsRRs {
			found := false
			for _, x := range cdsRRs {
				if sameDS(&x.DS, ds) {
					found = true
				}
			}
			if !found {
				c.MatchesDS = false
			}
		}
		if c.Delete && len(v.dsRRs) > 0 {
			c.MatchesDS = false
		}
	}
}

func sameDS(a, b *dns.DS) bool {
	return a.KeyTag == b.KeyTag && a.Algorithm == b.Algorithm && a.DigestType == b.DigestType &&
		strings.EqualFold(a.Digest, b.Digest)
}

// cdsAgree reports whether every CDS hashes one of the CDNSKEYs and every
// CDNSKEY is hashed by one of the CDS (delete requests agree with delete
// requests only).
func cdsAgree(cds []*dns.CDS, cdnskey []*dns.CDNSKEY) bool {
	delCDS, delKey := false, false
	for _, x := range cds {
		delCDS = delCDS || x.Algorithm == 0
	}
	for _, x := range cdnskey {
		delKey = delKey || x.Algorithm == 0
	}
	if delCDS || delKey {
		return delCDS == delKey
	}
	for _, x := range cds {
		found := false
		for _, k := range cdnskey {
			if dsMatches(&x.DS, &k.DNSKEY) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	for _, k := range cdnskey {
		found := false
		for _, x := range cds {
			if dsMatches(&x.DS, &k.DNSKEY) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// keyList describes the domain's keys, with roles from what they sign.
func (v *validator) keyList() {
	keysLabel := rrsetLabel(v.domain, dns.TypeDNSKEY)
	for _, k := range v.keys {
		tag := k.KeyTag()
		signs := func(dnskeySet bool) bool {
			for _, s := range v.res.Signatures {
				if s.KeyTag != tag || s.Algorithm != k.Algorithm || s.Signer != v.domain {
					continue
				}
				if s.Problem != "" && s.Problem != ProblemExpired && s.Problem != ProblemNotYetValid {
					continue
				}
				if (s.RRset == keysLabel) == dnskeySet {
					return true
				}
			}
			return false
		}
		sig, val, ref := AlgorithmRequirements(k.Algorithm)
		key := Key{
			Tag: tag, Algorithm: k.Algorithm, AlgorithmName: AlgorithmName(k.Algorithm), Flags: k.Flags,
			Bits: keySize(k), SEP: k.Flags&dns.SEP != 0, Revoked: k.Flags&revokeFlag != 0,
			Signing: sig, Validation: val, Reference: ref,
			Supported: algorithmSupported(k.Algorithm, v.opts.SHA1Unsupported),
		}
		for _, ds := range v.dsRRs {
			if v.opts.Cache.dsMatches(ds, k) {
				key.InDS = true
			}
		}
		sk, so := signs(true), signs(false)
		switch {
		case sk && so:
			key.Role = RoleCSK
		case sk:
			key.Role = RoleKSK
		case so:
			key.Role = RoleZSK
		case key.SEP:
			key.Role = RoleKSK
		default:
			key.Role = RoleZSK
		}
		v.res.Keys = append(v.res.Keys, key)
	}
	sort.SliceStable(v.res.Keys, func(i, j int) bool { return v.res.Keys[i].Tag < v.res.Keys[j].Tag })
}

// finish combines the chain's verdict with the domain's own data.
func (v *validator) finish() {
	r := v.res
	r.Status, r.Reason, r.Evidence = v.chainStatus, v.chainReason, v.chainEvidence
	if r.Status == Secure && len(v.apexFail) > 0 {
		f := v.apexFail[0]
		r.Status, r.Reason, r.Evidence = Bogus, f.reason, f.seqs
	}
}
