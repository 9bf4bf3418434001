// Package lab is a simulated DNS world for tests, benchmarks, the demo and
// `dnsobs lab`: authoritative servers with identities, zones written as zone
// text, DNSSEC signing done in Go, and injected faults, from well-behaved
// to hostile.
//
// A Server answers wire-format queries with Handle, following RFC 1034
// §4.3.2 (answers, referrals with glue, CNAME chasing, NXDOMAIN and NODATA
// with NSEC or NSEC3 proofs), RFC 6891 (EDNS, BADVERS, NSID), CHAOS
// identity queries and AXFR. A World holds the servers by address and is a
// transport.Exchanger, so the observatory's resolver and probes run against
// it in memory; Serve puts the same servers on loopback sockets. Default
// builds the scenario world: a root, a TLD "test.", two hosting providers,
// healthy controls and one domain per check.
package lab
