// Package gen generates lab worlds at scale: a signed root, signed TLDs
// (NSEC3, iterations 0, opt-out) and up to millions of customer domains
// hosted by providers whose sizes follow a power law, a few of them with
// faulty servers (lame, unreachable, recursive, open to AXFR), about a
// tenth of the domains signed and a third with a dual-stack nameserver.
// Generate returns a built lab.World (an in-memory transport.Exchanger)
// and the domain list; WriteNSD writes the same world for real NSD
// processes on loopback addresses, for the scan benchmark (bench/scan).
//
// A world is deterministic for a seed, except the bytes of ECDSA
// signatures. The address plan, the provider model and the measured costs
// are in README.md.
package gen
