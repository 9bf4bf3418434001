// Package transport is the one seam between the observatory and the network.
//
// An Exchanger moves DNS messages as bytes: the real one (Net) over UDP and
// TCP sockets, the simulated one (internal/lab/engine) inside the process. Above it,
// Client builds queries, enforces the probing policy, rate limits, retries
// with backoff, validates responses and records every query as an
// observe.Query.
package transport

import (
	"context"
	"errors"
	"net/netip"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Errors an Exchanger returns. Anything else is treated as a network error.
var (
	ErrTimeout = errors.New("timeout")
	ErrRefused = errors.New("connection refused")
)

// Exchanger sends one DNS message in wire format and returns the reply.
type Exchanger interface {
	// Exchange sends req to server over t and returns the first reply whose
	// ID matches req's.
	Exchange(ctx context.Context, server netip.AddrPort, t observe.Transport, req []byte) ([]byte, error)
	// Stream sends req over TCP and returns the replies until done reports
	// true for one of them, the peer closes, or max messages were read.
	Stream(ctx context.Context, server netip.AddrPort, req []byte, max int, done func(msg []byte) bool) ([][]byte, error)
}

// SourceExchanger is an Exchanger that can also take a UDP answer from
// any address and say which one sent it (Request.AnySource): a server
// that answers from another address than the one asked (a multi-homed
// host replying from its default address) is then seen, where a connected
// socket sees a timeout.
type SourceExchanger interface {
	Exchanger
	// ExchangeFrom sends req over UDP to server and returns the first reply
	// whose ID matches req's, from whatever address, and that address.
	ExchangeFrom(ctx context.Context, server netip.AddrPort, req []byte) ([]byte, netip.AddrPort, error)
}
