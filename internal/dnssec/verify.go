package dnssec

import (
	"encoding/base64"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// rrset is the records of one owner name and type in one message section,
// with the RRSIGs that cover them.
type rrset struct {
	name  string // lower case
	rtype uint16
	rrs   []dns.RR
	sigs  []*dns.RRSIG
}

func (s *rrset) label() string { return rrsetLabel(s.name, s.rtype) }

func rrsetLabel(name string, t uint16) string {
	return strings.ToLower(dns.Fqdn(name)) + "/" + typeName(t)
}

func typeName(t uint16) string {
	if s, ok := dns.TypeToString[t]; ok {
		return s
	}
	return "TYPE" + strconv.Itoa(int(t))
}

func itoa(i int) string { return strconv.Itoa(i) }

// collect groups a section's records into RRsets, in order of first
// appearance, attaching each RRSIG to the RRset it covers.
func collect(section []dns.RR) []*rrset {
	var out []*rrset
	idx := map[string]*rrset{}
	get := func(name string, t uint16) *rrset {
		name = strings.ToLower(dns.Fqdn(name))
		k := name + "/" + strconv.Itoa(int(t))
		s, ok := idx[k]
		if !ok {
			s = &rrset{name: name, rtype: t}
			idx[k] = s
			out = append(out, s)
		}
		return s
	}
	for _, rr := range section {
		if rr == nil || rr.Header() == nil {
			continue
		}
		h := rr.Header()
		if sig, ok := rr.(*dns.RRSIG); ok {
			s := get(h.Name, sig.TypeCovered)
			s.sigs = append(s.sigs, sig)
			continue
		}
		if h.Rrtype == dns.TypeOPT {
			continue
		}
		s := get(h.Name, h.Rrtype)
		s.rrs = append(s.rrs, rr)
	}
	return out
}

// find returns the RRset of name and type t with at least one record.
func find(sets []*rrset, name string, t uint16) *rrset {
	name = strings.ToLower(dns.Fqdn(name))
	for _, s := range sets {
		if s.rtype == t && s.name == name && len(s.rrs) > 0 {
			return s
		}
	}
	return nil
}

// ofType returns the RRsets of type t that have records.
func ofType(sets []*rrset, t uint16) []*rrset {
	var out []*rrset
	for _, s := range sets {
		if s.rtype == t && len(s.rrs) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// dnskeys returns the DNSKEY records of a set.
func dnskeys(s *rrset) []*dns.DNSKEY {
	if s == nil {
		return nil
	}
	var out []*dns.DNSKEY
	for _, rr := range s.rrs {
		if k, ok := rr.(*dns.DNSKEY); ok {
			out = append(out, k)
		}
	}
	return out
}

const revokeFlag = 0x0080

// usableKey reports whether k may verify RRSIGs: a zone key, protocol 3,
// not revoked (RFC 5011 §2.1).
func usableKey(k *dns.DNSKEY) bool {
	return k.Flags&dns.ZONE != 0 && k.Flags&revokeFlag == 0 && k.Protocol == 3
}

// serialTime maps a 32-bit RRSIG timestamp to the absolute time nearest
// at (RFC 4034 §3.1.5 uses RFC 1982 serial arithmetic).
func serialTime(v uint32, at time.Time) time.Time {
	a := at.Unix()
	diff := int64(int32(v - uint32(a)))
	return time.Unix(a+diff, 0).UTC()
}

// fmtTime formats a time for reasons and details.
func fmtTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// safeVerify runs RRSIG.Verify, turning a panic on hostile input into an
// error.
func safeVerify(sig *dns.RRSIG, k *dns.DNSKEY, rrs []dns.RR) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("verify: %v", r)
		}
	}()
	return sig.Verify(k, rrs)
}

// checkSig verifies one RRSIG over set with keys, expecting signer zone.
// wildcard allows a labels field below the owner's label count (a
// wildcard expansion).
func (v *validator) checkSig(set *rrset, sig *dns.RRSIG, keys []*dns.DNSKEY, zone string, wildcard bool, seq int) Signature {
	s := Signature{
		RRset:         set.label(),
		Signer:        strings.ToLower(dns.Fqdn(sig.SignerName)),
		KeyTag:        sig.KeyTag,
		Algorithm:     sig.Algorithm,
		AlgorithmName: AlgorithmName(sig.Algorithm),
		Inception:     serialTime(sig.Inception, v.at),
		Expiration:    serialTime(sig.Expiration, v.at),
		Seq:           seq,
	}
	s.ExpiresIn = s.Expiration.Sub(v.at)
	switch {
	case sig.ValidityPeriod(v.at):
		s.Window = WindowValid
	case v.at.Before(s.Inception):
		s.Window = WindowNotYetValid
	default:
		s.Window = WindowExpired
	}
	fail := func(problem, msg string) Signature {
		s.Problem, s.Error = problem, msg
		return s
	}
	if !equalNames(sig.SignerName, zone) {
		return fail(ProblemSigner, "signer "+s.Signer+" is not the zone "+strings.ToLower(zone))
	}
	owner := dns.CountLabel(set.name)
	if strings.HasPrefix(set.name, "*.") {
		owner--
	}
	if int(sig.Labels) > owner || (!wildcard && int(sig.Labels) != owner) {
		return fail(ProblemLabels, fmt.Sprintf("labels field %d does not fit the owner name's %d labels", sig.Labels, owner))
	}
	if !algorithmSupported(sig.Algorithm, v.opts.SHA1Unsupported) {
		return fail(ProblemAlgorithm, "algorithm "+AlgorithmName(sig.Algorithm)+" is not supported")
	}
	var lastErr error
	tried := 0
	for _, k := range keys {
		if k.KeyTag() != sig.KeyTag || k.Algorithm != sig.Algorithm || !usableKey(k) {
			continue
		}
		tried++
		if err := v.opts.Cache.verify(sig, k, set.rrs); err != nil {
			lastErr = err
			continue
		}
		lastErr = nil
		break
	}
	if tried == 0 {
		return fail(ProblemNoKey, fmt.Sprintf("no DNSKEY with tag %d and algorithm %s", sig.KeyTag, AlgorithmName(sig.Algorithm)))
	}
	if lastErr != nil {
		return fail(ProblemBadSig, fmt.Sprintf("signature by key %d does not verify: %v", sig.KeyTag, lastErr))
	}
	switch s.Window {
	case WindowExpired:
		return fail(ProblemExpired, "signature expired "+fmtTime(s.Expiration))
	case WindowNotYetValid:
		return fail(ProblemNotYetValid, "signature not valid before "+fmtTime(s.Inception))
	}
	s.Valid = true
	return s
}

// problemRank orders problems from the most to the least telling when
// several signatures over one RRset fail.
var problemRank = map[string]int{
	ProblemExpired: 0, ProblemNotYetValid: 1, ProblemBadSig: 2, ProblemNoKey: 3,
	ProblemSigner: 4, ProblemLabels: 5, ProblemAlgorithm: 6,
}

// verifySet checks set's RRSIGs with keys. It reports whether at least
// one is valid and, when none is, why. Signatures are recorded in the
// result when record is set.
func (v *validator) verifySet(set *rrset, keys []*dns.DNSKEY, zone string, wildcard bool, seq int, record bool) (bool, string) {
	if len(set.sigs) == 0 {
		if record && len(keys) > 0 {
			v.addUnsigned(set.label(), seq)
		}
		return false, "no RRSIG over " + set.label()
	}
	best := ""
	bestRank := len(problemRank) + 1
	ok := false
	for _, sig := range set.sigs {
		s := v.checkSig(set, sig, keys, zone, wildcard, seq)
		if record {
			v.addSignature(s)
		}
		if s.Valid {
			ok = true
			continue
		}
		if r := problemRank[s.Problem]; r < bestRank {
			best, bestRank = s.Error, r
		}
	}
	if ok {
		return true, ""
	}
	return false, "no valid RRSIG over " + set.label() + ": " + best
}

func (v *validator) addSignature(s Signature) {
	for _, o := range v.res.Signatures {
		if o.RRset == s.RRset && o.KeyTag == s.KeyTag && o.Algorithm == s.Algorithm && o.Seq == s.Seq &&
			o.Inception.Equal(s.Inception) && o.Expiration.Equal(s.Expiration) {
			return
		}
	}
	v.res.Signatures = append(v.res.Signatures, s)
}

func (v *validator) addUnsigned(label string, seq int) {
	for _, u := range v.res.Unsigned {
		if u.RRset == label {
			return
		}
	}
	v.res.Unsigned = append(v.res.Unsigned, RRsetRef{RRset: label, Seq: seq})
}

// dsMatches reports whether ds is the digest of k (RFC 4034 §5.1.4).
func dsMatches(ds *dns.DS, k *dns.DNSKEY) bool { return (*VerifyCache)(nil).dsMatches(ds, k) }

// sameKey reports whether two DNSKEYs carry the same algorithm and key.
func sameKey(a, b *dns.DNSKEY) bool {
	if a.Algorithm != b.Algorithm {
		return false
	}
	ka, err1 := base64.StdEncoding.DecodeString(a.PublicKey)
	kb, err2 := base64.StdEncoding.DecodeString(b.PublicKey)
	if err1 != nil || err2 != nil {
		return a.PublicKey == b.PublicKey
	}
	return string(ka) == string(kb)
}

// doQuery reports whether a query was sent with DO or its response
// echoes DO, i.e. whether it can show signatures.
func doQuery(q *observe.Query) bool {
	if q.EDNS != nil && q.EDNS.DO {
		return true
	}
	if m := q.Msg(); m != nil {
		if o := m.IsEdns0(); o != nil && o.Do() {
			return true
		}
	}
	return false
}

// rcodeName names a response code.
func rcodeName(rc int) string {
	if s, ok := dns.RcodeToString[rc]; ok {
		return s
	}
	return "RCODE" + strconv.Itoa(rc)
}

// queryProblem says why q gives no usable answer, "" when it does.
func queryProblem(q *observe.Query, what string) string {
	if q == nil {
		return "no " + what + " query was made"
	}
	if q.Status != observe.StatusOK {
		return what + " query got no answer (" + string(q.Status) + ")"
	}
	if q.Msg() == nil {
		return what + " query got an unparseable response"
	}
	return ""
}

// netipZero matches queries sent to any server in observe.Domain.Find.
var netipZero = netip.Addr{}

// rcode returns the full response code of q's response, -1 when there is
// none. (miekg's Unpack already merges the EDNS extended bits into
// Msg.Rcode, so they must not be added again.)
func rcode(q *observe.Query) int {
	if q == nil || q.Msg() == nil {
		return -1
	}
	return q.Msg().Rcode
}
