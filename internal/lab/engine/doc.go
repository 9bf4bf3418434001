// Package engine is the lab's authoritative servers and the World that
// holds them. A Server answers wire-format queries with Handle, following
// RFC 1034 §4.3.2 (through its authzone.Zones), RFC 6891 (EDNS, BADVERS,
// NSID), CHAOS identity queries and AXFR, misbehaving as its Faults say. A
// World holds the servers by address, builds (signs) their zones, and is a
// transport.Exchanger, so the observatory's resolver and probes run
// against it in memory; it also gives the root hints, the trust anchor and
// its address plan (Lookup).
package engine
