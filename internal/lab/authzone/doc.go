// Package authzone is one zone as the lab's authoritative servers serve it:
// parsed from zone text with dns.NewZoneParser, indexed, signed in Go as a
// SignSpec says (KSK+ZSK or CSK, NSEC or NSEC3, deliberate signing faults,
// CDS/CDNSKEY) and answered from as RFC 1034 §4.3.2 says (Lookup: answers,
// referrals with glue, CNAME chasing, NXDOMAIN and NODATA with their
// denial proofs). A zone is immutable once signed.
package authzone
