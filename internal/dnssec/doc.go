// Package dnssec validates a domain's DNSSEC chain of trust from recorded
// observations, without network access.
//
// Analyze reads an observe.Domain — the DS and DNSKEY responses of every
// zone cut from the root down to the domain, and the domain's own signed
// apex responses — and returns a Result: the validation status (secure,
// insecure, bogus or indeterminate, RFC 4035 §4.3) with a reason, plus the
// material the DNSSEC checks report on: the domain's keys and their
// RFC 9904/9905 algorithm classification, the DS set at the parent and
// which DNSKEY each DS matches, every RRSIG over the domain's RRsets with
// its validity window, apex RRsets left unsigned, the denial-of-existence
// method and its parameters, and the CDS/CDNSKEY state.
//
// Validation follows RFC 4033-4035, RFC 5155 (NSEC3), RFC 6840
// (clarifications) and RFC 4509 (SHA-256 DS over SHA-1). Signatures are
// checked with miekg/dns and their validity window against the evaluation
// time given by the caller, never the clock.
package dnssec
