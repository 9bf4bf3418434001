// Package lab is the observatory's simulated DNS world, for tests,
// benchmarks, the demo and `dnsobs lab`. It holds no code: the pieces are
// the packages below it. authzone holds one zone (parse, sign, answer);
// engine the authoritative servers (identity, faults, Handle) and the World
// that holds them, an in-memory transport.Exchanger; sockets serves a world
// on loopback; zonefiles writes it for NSD, Knot and BIND; worlds builds the
// hand-written worlds (Default, the scenario world, and Chain); gen
// generates worlds of any size.
package lab
