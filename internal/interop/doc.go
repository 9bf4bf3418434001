// Package interop serves the lab world with real DNS software and compares
// dnsobs with real validators and test suites.
//
// The harness signs the lab's zones with real signers (ldns-signzone, and
// BIND's dnssec-signzone for chosen zones), bottom-up, with each child's DS
// put into its parent and the root KSK's DS written as the trust anchor;
// it starts NSD, Knot and BIND on the world's loopback addresses (Auth,
// Deploy) and a validating Unbound beside them (Unbound). Faults a real
// server cannot express are listed (Expressible, Deployment.Notes) and
// those servers are served normally.
//
// The tests then check that `dnsobs check` over the real servers finds
// what the in-memory lab finds, that its DNSSEC verdicts equal Unbound's
// (and delv's), and that every Zonemaster error has a matching dnsobs
// finding or an explained exclusion. They need root (port 53, loopback
// aliases for BIND) and the Debian packages of scripts/install-test-deps.sh;
// without them they skip and say why.
package interop
