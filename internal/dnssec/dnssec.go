package dnssec

import (
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Status is a domain's DNSSEC validation outcome (RFC 4035 §4.3).
type Status string

// Statuses.
const (
	Secure        Status = "secure"
	Insecure      Status = "insecure"
	Bogus         Status = "bogus"
	Indeterminate Status = "indeterminate"
)

// Signature validity windows.
const (
	WindowValid       = "valid"
	WindowExpired     = "expired"
	WindowNotYetValid = "not_yet_valid"
)

// Signature problems, the closed set of Signature.Problem values.
const (
	ProblemExpired     = "expired"               // the signature verifies but its expiration has passed
	ProblemNotYetValid = "not_yet_valid"         // the signature verifies but its inception is in the future
	ProblemBadSig      = "bad_signature"         // the signature does not verify with the key it names
	ProblemNoKey       = "no_key"                // no usable DNSKEY with the signature's key tag and algorithm
	ProblemSigner      = "wrong_signer"          // the signer name is not the zone that holds the RRset
	ProblemLabels      = "bad_labels"            // the labels field does not fit the owner name
	ProblemAlgorithm   = "unsupported_algorithm" // the validator cannot verify this algorithm
)

// DS match outcomes.
const (
	MatchYes     = "match"              // a DNSKEY of the domain hashes to this DS
	MatchNo      = "no_match"           // no DNSKEY of the domain hashes to this DS
	MatchUnknown = "unsupported_digest" // the digest type cannot be computed here
)

// Key roles.
const (
	RoleKSK = "KSK" // signs the DNSKEY RRset only
	RoleZSK = "ZSK" // signs the zone's other RRsets
	RoleCSK = "CSK" // signs both
)

// ErrHighIterations is Denial.Error when the denial proof was not
// evaluated for its NSEC3 iteration count.
const ErrHighIterations = "NSEC3 iterations above the limit: proof not evaluated (RFC 9276 §3.2)"

// DefaultMaxNSEC3Iterations is the iteration count above which NSEC3
// proofs are not evaluated (RFC 9276 §3.2 lets validators treat such
// responses as insecure).
const DefaultMaxNSEC3Iterations = 150

// Result is the DNSSEC analysis of one domain.
type Result struct {
	Status Status `json:"status"`
	Reason string `json:"reason,omitempty"`
	// Evidence lists the query seqs that show Reason.
	Evidence []int  `json:"evidence,omitempty"`
	Domain   string `json:"domain"`
	// ParentStatus is the status of the domain's parent zone in the chain
	// (empty when the chain does not reach it).
	ParentStatus Status       `json:"parent_status,omitempty"`
	Chain        []ZoneResult `json:"chain,omitempty"`

	DSSeq     int `json:"ds_seq,omitempty"`
	DNSKEYSeq int `json:"dnskey_seq,omitempty"`
	// DSGiven is true when the domain's DS RRset is the one given with
	// check --ds (observe.Domain.UndelegatedDS), not the parent's: the
	// chain starts at the domain, with those DS records as its anchor.
	DSGiven        bool `json:"ds_given,omitempty"`
	DSAnswered     bool `json:"ds_answered"`     // the parent answered the DS query (NOERROR)
	DNSKEYAnswered bool `json:"dnskey_answered"` // the domain answered the DNSKEY query (NOERROR)
	// Signed is true when the domain serves a DNSKEY RRset.
	Signed bool `json:"signed"`

	Keys       []Key       `json:"keys,omitempty"`
	DS         []DS        `json:"ds,omitempty"`
	Signatures []Signature `json:"signatures,omitempty"`
	// Unsigned lists the RRsets of a signed zone that came without any RRSIG.
	Unsigned []RRsetRef `json:"unsigned,omitempty"`
	Denial   Denial     `json:"denial"`
	CDS      CDS        `json:"cds"`
	// Notes are observations that did not change the status.
	Notes []string `json:"notes,omitempty"`
}

// ZoneResult is the validation state reached at one zone cut.
type ZoneResult struct {
	Zone   string `json:"zone"`
	Status Status `json:"status"`
	Reason string `json:"reason,omitempty"`
}

// Key is one DNSKEY of the domain.
type Key struct {
	Tag           uint16 `json:"tag"`
	Algorithm     uint8  `json:"algorithm"`
	AlgorithmName string `json:"algorithm_name"`
	Flags         uint16 `json:"flags"`
	Role          string `json:"role"` // KSK, ZSK or CSK
	Bits          int    `json:"bits"` // public key size, 0 when unparseable
	SEP           bool   `json:"sep"`
	Revoked       bool   `json:"revoked"`
	// Signing and Validation are the RFC 9904 (RFC 9905 for SHA-1)
	// requirement levels of the algorithm.
	Signing    Requirement `json:"signing"`
	Validation Requirement `json:"validation"`
	Reference  string      `json:"reference"`
	Supported  bool        `json:"supported"` // this validator can verify it
	InDS       bool        `json:"in_ds"`     // a DS at the parent matches it
}

// DS is one DS record of the domain at its parent.
type DS struct {
	Tag           uint16      `json:"tag"`
	Algorithm     uint8       `json:"algorithm"`
	AlgorithmName string      `json:"algorithm_name"`
	DigestType    uint8       `json:"digest_type"`
	DigestName    string      `json:"digest_name"`
	Digest        string      `json:"digest"`
	Publication   Requirement `json:"publication"` // RFC 9904 requirement for creating DS with this digest
	Validation    Requirement `json:"validation"`
	Match         string      `json:"match"` // match, no_match, unsupported_digest
	Seq           int         `json:"seq"`
}

// Subject names the DS the way findings do: "DS <tag>/<alg>/<digest type>".
func (d DS) Subject() string {
	return "DS " + itoa(int(d.Tag)) + "/" + itoa(int(d.Algorithm)) + "/" + itoa(int(d.DigestType))
}

// Signature is one RRSIG seen over one of the domain's RRsets.
type Signature struct {
	RRset         string    `json:"rrset"` // "name/TYPE"
	Signer        string    `json:"signer"`
	KeyTag        uint16    `json:"key_tag"`
	Algorithm     uint8     `json:"algorithm"`
	AlgorithmName string    `json:"algorithm_name"`
	Inception     time.Time `json:"inception"`
	Expiration    time.Time `json:"expiration"`
	// ExpiresIn is Expiration minus the evaluation time (negative once expired).
	ExpiresIn time.Duration `json:"expires_in_ns"`
	Window    string        `json:"window"` // valid, expired, not_yet_valid
	Valid     bool          `json:"valid"`  // verifies and is within its window
	Problem   string        `json:"problem,omitempty"`
	Error     string        `json:"error,omitempty"`
	Seq       int           `json:"seq"`
}

// RRsetRef names an RRset and the query that returned it.
type RRsetRef struct {
	RRset string `json:"rrset"`
	Seq   int    `json:"seq"`
}

// Denial describes the domain's authenticated denial of existence.
type Denial struct {
	Type  string `json:"type"`            // nsec, nsec3 or none
	Seq   int    `json:"seq,omitempty"`   // the query for a name that does not exist
	Proof string `json:"proof,omitempty"` // what that response claimed: nxdomain, nodata or wildcard
	Valid bool   `json:"valid"`           // the proof verified
	Error string `json:"error,omitempty"`
	// Records is true when that response held NSEC or NSEC3 records, Mixed
	// when it held both.
	Records bool `json:"records,omitempty"`
	Mixed   bool `json:"mixed,omitempty"`
	// Unverified is true when the proof failed because none of those
	// records' signatures verified (expired, bad...): the signature
	// findings say why, not the proof's content.
	Unverified bool `json:"unverified,omitempty"`
	// NSEC3 holds the parameters of the NSEC3 records seen, NSEC3PARAM
	// those the apex publishes.
	NSEC3         *NSEC3Params `json:"nsec3,omitempty"`
	NSEC3PARAM    *NSEC3Params `json:"nsec3param,omitempty"`
	NSEC3PARAMSeq int          `json:"nsec3param_seq,omitempty"`
}

// NSEC3Params are NSEC3 hashing parameters (RFC 5155, RFC 9276).
type NSEC3Params struct {
	HashAlgorithm uint8  `json:"hash_algorithm"`
	Iterations    uint16 `json:"iterations"`
	SaltLength    int    `json:"salt_length"`
	Salt          string `json:"salt,omitempty"` // hex
	OptOut        bool   `json:"opt_out"`
}

// CDS is the domain's CDS/CDNSKEY state (RFC 7344, RFC 8078).
type CDS struct {
	CDSPresent     bool `json:"cds_present"`
	CDNSKEYPresent bool `json:"cdnskey_present"`
	// Delete is true when the records ask the parent to remove the DS set
	// (algorithm 0, RFC 8078 §4): legitimate, not a mismatch.
	Delete  bool            `json:"delete"`
	CDS     []CDSRecord     `json:"cds_records,omitempty"`
	CDNSKEY []CDNSKEYRecord `json:"cdnskey_records,omitempty"`
	// Agree is false only when both are published and describe different keys.
	Agree bool `json:"agree"`
	// MatchesDS is true when the CDS set equals the DS set at the parent.
	MatchesDS  bool `json:"matches_ds"`
	CDSSeq     int  `json:"cds_seq,omitempty"`
	CDNSKEYSeq int  `json:"cdnskey_seq,omitempty"`
}

// CDSRecord is one CDS record.
type CDSRecord struct {
	Tag           uint16 `json:"tag"`
	Algorithm     uint8  `json:"algorithm"`
	DigestType    uint8  `json:"digest_type"`
	Digest        string `json:"digest"`
	Delete        bool   `json:"delete"`
	MatchesDNSKEY bool   `json:"matches_dnskey"`
	InDS          bool   `json:"in_ds"`
}

// CDNSKEYRecord is one CDNSKEY record.
type CDNSKEYRecord struct {
	Tag           uint16 `json:"tag"`
	Algorithm     uint8  `json:"algorithm"`
	Flags         uint16 `json:"flags"`
	Delete        bool   `json:"delete"`
	MatchesDNSKEY bool   `json:"matches_dnskey"`
}

// Options tune the analysis.
type Options struct {
	// Anchors are the trust anchor RRs for the root (DS or DNSKEY).
	Anchors []dns.RR
	// At is the evaluation time for signature validity windows.
	At time.Time
	// SHA1Unsupported treats RSASHA1 and RSASHA1-NSEC3-SHA1 as unsupported
	// (zones signed only with them become insecure), the operator policy
	// RFC 9905 §2 asks of validating resolvers. Off by default: validator
	// implementations must still support them.
	SHA1Unsupported bool
	// MaxNSEC3Iterations above which NSEC3 proofs are not evaluated;
	// 0 means DefaultMaxNSEC3Iterations.
	MaxNSEC3Iterations int
	// Cache, when set, skips verifying again signatures that verified
	// before with the same bytes (a scan shares one across domains).
	Cache *VerifyCache
}

// Analyze validates d's chain from anchors as of at.
func Analyze(d *observe.Domain, anchors []dns.RR, at time.Time) *Result {
	return AnalyzeWith(d, Options{Anchors: anchors, At: at})
}

// AnalyzeWith validates d's chain with the given options. It never fails:
// missing or malformed observations make the status indeterminate or
// bogus, with the reason.
func AnalyzeWith(d *observe.Domain, opts Options) *Result {
	if opts.MaxNSEC3Iterations <= 0 {
		opts.MaxNSEC3Iterations = DefaultMaxNSEC3Iterations
	}
	if d == nil {
		return &Result{Status: Indeterminate, Reason: "no observations", Denial: Denial{Type: "none"}}
	}
	v := newValidator(d, opts)
	v.material()
	v.walk()
	v.finish()
	return v.res
}
