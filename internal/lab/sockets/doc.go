// Package sockets serves an engine.World on loopback UDP and TCP sockets,
// one port for every server address, so real clients (dig, the observatory
// over the network, other resolvers) can query the lab.
package sockets
