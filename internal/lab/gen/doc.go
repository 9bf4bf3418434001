// Package gen generates lab worlds at scale: a signed root, signed TLDs
// (NSEC3, iterations 0, opt-out) and up to millions of customer domains
// hosted by providers whose sizes follow a power law, a few of them with
// faulty servers (lame, unreachable, recursive, open to AXFR), about a
// tenth of the domains signed and a third with a dual-stack nameserver.
// NewPlan decides the world; Generate builds it as an engine.World (an
// in-memory transport.Exchanger) and returns the domain list, and
// WriteNSD writes that world for real NSD processes on loopback
// addresses. Plan.WriteNSD writes the same files straight from the plan,
// zone by zone, for worlds too big to build (bench/scan, 1,000,000
// domains).
//
// A world is deterministic for a seed, except the bytes of ECDSA
// signatures. The address plan, the provider model and the measured costs
// are in README.md.
package gen
