// Package analyze is the pure interpretation of a domain's observations:
// what each nameserver address's probes show (Server), what the checks
// read (Domain builds their Input, with the DNSSEC verdict of
// internal/dnssec), the IPv6 readiness and the spread of the nameservers
// over networks.
//
// It does no I/O: observations in, results out. It imports only observe,
// dnssec, the DNS library and the standard library (never the network
// packages, collection or the store); internal/presubmit enforces this on
// the package graph, for analyze, check/... and dnssec alike. Collection
// (probe, collect) does not import it: it decides what to ask next from its
// own minimal reading of responses.
package analyze
