// Package measure wires the measurement stack: a transport.Client on an
// exchanger (sockets, or a lab world in memory) under a politeness policy,
// the iterative resolver from root hints, the collector, and the geo
// databases it annotates addresses with. dnsobs check and scan and the lab
// runner (internal/labcheck) all build their stack with New.
package measure
