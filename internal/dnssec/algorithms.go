package dnssec

import (
	"crypto/elliptic"
	"encoding/base64"
	"math/big"
	"strconv"

	"github.com/miekg/dns"
)

// Requirement is an implementation requirement level of RFC 9904 (the IANA
// "DNS Security Algorithm Numbers" and "Delegation Signer Digest Algorithms"
// registries it points to), as updated by RFC 9905 for SHA-1.
type Requirement string

// Requirement levels.
const (
	MustNot        Requirement = "MUST NOT"
	NotRecommended Requirement = "NOT RECOMMENDED"
	May            Requirement = "MAY"
	Recommended    Requirement = "RECOMMENDED"
	Must           Requirement = "MUST"
	Unknown        Requirement = "unknown" // not in the registry's recommendation columns
)

// Deprecated reports whether r says an algorithm must not or should not be
// used (for signing or DS publication).
func (r Requirement) Deprecated() bool { return r == MustNot || r == NotRecommended }

// algReq is one row of the algorithm table: use for signing and for validation.
type algReq struct {
	name       string
	signing    Requirement
	validation Requirement
	ref        string
}

// signingAlgorithms is RFC 9904's table (unchanged from RFC 8624 §3.1)
// with RFC 9905 §2 applied: RSASHA1 and RSASHA1-NSEC3-SHA1 MUST NOT sign.
var signingAlgorithms = map[uint8]algReq{
	dns.RSAMD5:           {"RSAMD5", MustNot, MustNot, "RFC 9904"},
	dns.DSA:              {"DSA", MustNot, MustNot, "RFC 9904"},
	dns.RSASHA1:          {"RSASHA1", MustNot, Must, "RFC 9905"},
	dns.DSANSEC3SHA1:     {"DSA-NSEC3-SHA1", MustNot, MustNot, "RFC 9904"},
	dns.RSASHA1NSEC3SHA1: {"RSASHA1-NSEC3-SHA1", MustNot, Must, "RFC 9905"},
	dns.RSASHA256:        {"RSASHA256", Must, Must, "RFC 9904"},
	dns.RSASHA512:        {"RSASHA512", NotRecommended, Must, "RFC 9904"},
	dns.ECCGOST:          {"ECC-GOST", MustNot, May, "RFC 9904"},
	dns.ECDSAP256SHA256:  {"ECDSAP256SHA256", Must, Must, "RFC 9904"},
	dns.ECDSAP384SHA384:  {"ECDSAP384SHA384", May, Recommended, "RFC 9904"},
	dns.ED25519:          {"ED25519", Recommended, Recommended, "RFC 9904"},
	dns.ED448:            {"ED448", May, Recommended, "RFC 9904"},
}

// digestAlgorithms is RFC 9904's DS digest table (RFC 8624 §3.3).
var digestAlgorithms = map[uint8]algReq{
	0:          {"NULL", MustNot, MustNot, "RFC 9904"},
	dns.SHA1:   {"SHA-1", MustNot, Must, "RFC 9904"},
	dns.SHA256: {"SHA-256", Must, Must, "RFC 9904"},
	dns.GOST94: {"GOST R 34.11-94", MustNot, May, "RFC 9904"},
	dns.SHA384: {"SHA-384", May, Recommended, "RFC 9904"},
}

// Registry classes of an algorithm number or DS digest type: where it sits
// in IANA's "DNS Security Algorithm Numbers" or "Delegation Signer (DS)
// Resource Record Digest Algorithms" registry.
const (
	ClassAssigned   = "assigned"   // a defined algorithm (whatever its requirement level)
	ClassReserved   = "reserved"   // reserved by the registry: never a valid algorithm
	ClassUnassigned = "unassigned" // not assigned yet: nothing can implement it
	ClassPrivate    = "private"    // PRIVATEDNS (253) or PRIVATEOID (254): not for public zones
)

// AlgorithmClass places a DNSKEY/DS/RRSIG algorithm number in the IANA
// registry: 0 (delete, RFC 8078, meaningful in CDS/CDNSKEY only), 4, 9,
// 11, 123-251 and 255 are reserved, 18-22 and 24-122 unassigned, 253 and
// 254 private; the rest (1-3, 5-8, 10, 12-17, 23, 252) are assigned.
func AlgorithmClass(alg uint8) string {
	switch {
	case alg == 0 || alg == 4 || alg == 9 || alg == 11 || alg == 255 || (alg >= 123 && alg <= 251):
		return ClassReserved
	case alg == 253 || alg == 254:
		return ClassPrivate
	case (alg >= 18 && alg <= 22) || (alg >= 24 && alg <= 122):
		return ClassUnassigned
	}
	return ClassAssigned
}

// DigestClass places a DS digest type in the IANA registry (as Zonemaster's
// DNSSEC01 copies it): 0 is reserved, 1-6 are assigned (SHA-1, SHA-256,
// GOST R 34.11-94, SHA-384, GOST R 34.11-2012, SM3), 7-127 and 255
// unassigned, 128-252 reserved, 253-254 for private use.
func DigestClass(t uint8) string {
	switch {
	case t == 0 || (t >= 128 && t <= 252):
		return ClassReserved
	case t == 253 || t == 254:
		return ClassPrivate
	case t <= 6:
		return ClassAssigned
	}
	return ClassUnassigned
}

// AlgorithmName is the registry mnemonic of a DNSSEC algorithm number.
func AlgorithmName(alg uint8) string {
	if r, ok := signingAlgorithms[alg]; ok {
		return r.name
	}
	if s, ok := dns.AlgorithmToString[alg]; ok {
		return s
	}
	return "ALG" + strconv.Itoa(int(alg))
}

// DigestName is the name of a DS digest type.
func DigestName(t uint8) string {
	if r, ok := digestAlgorithms[t]; ok {
		return r.name
	}
	return "DIGEST" + strconv.Itoa(int(t))
}

// AlgorithmRequirements returns the RFC 9904/9905 requirement levels of a
// DNSKEY/RRSIG algorithm for signing and for validation, and the document
// that sets the signing level.
func AlgorithmRequirements(alg uint8) (signing, validation Requirement, ref string) {
	r, ok := signingAlgorithms[alg]
	if !ok {
		return Unknown, Unknown, "RFC 9904"
	}
	return r.signing, r.validation, r.ref
}

// DigestRequirements returns the RFC 9904 requirement levels of a DS digest
// type for publication (creating DS records) and for validation.
func DigestRequirements(t uint8) (publication, validation Requirement) {
	r, ok := digestAlgorithms[t]
	if !ok {
		return Unknown, Unknown
	}
	return r.signing, r.validation
}

// algorithmSupported reports whether this validator can verify signatures
// of alg (what miekg/dns implements), under the given policy.
func algorithmSupported(alg uint8, sha1Unsupported bool) bool {
	switch alg {
	case dns.RSASHA1, dns.RSASHA1NSEC3SHA1:
		return !sha1Unsupported
	case dns.RSASHA256, dns.RSASHA512, dns.ECDSAP256SHA256, dns.ECDSAP384SHA384, dns.ED25519:
		return true
	}
	return false
}

// digestSupported reports whether DS digests of type t can be computed.
func digestSupported(t uint8) bool {
	return t == dns.SHA1 || t == dns.SHA256 || t == dns.SHA384
}

// keySize returns the size in bits of a DNSKEY's public key, or 0 when the
// key cannot be parsed.
func keySize(k *dns.DNSKEY) int {
	switch k.Algorithm {
	case dns.ECDSAP256SHA256:
		return elliptic.P256().Params().BitSize
	case dns.ECDSAP384SHA384:
		return elliptic.P384().Params().BitSize
	case dns.ED25519:
		return 256
	case dns.ED448:
		return 456
	case dns.RSAMD5, dns.RSASHA1, dns.RSASHA1NSEC3SHA1, dns.RSASHA256, dns.RSASHA512:
		return rsaModulusBits(k.PublicKey)
	}
	return 0
}

// rsaModulusBits parses an RFC 3110 RSA public key and returns the bit
// length of its modulus, 0 when malformed.
func rsaModulusBits(b64 string) int {
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(b) < 3 {
		return 0
	}
	explen, off := int(b[0]), 1
	if explen == 0 {
		explen, off = int(b[1])<<8|int(b[2]), 3
	}
	if off+explen >= len(b) {
		return 0
	}
	return new(big.Int).SetBytes(b[off+explen:]).BitLen()
}
