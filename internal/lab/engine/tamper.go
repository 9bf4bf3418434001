package engine

import (
	"context"
	"net/netip"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// Tampered is a world whose replies Edit may change before the client sees
// them: a test's way to forge what no server fault makes (a stripped
// denial proof, a corrupted DS signature). Zone transfers pass untouched.
type Tampered struct {
	*World
	// Edit changes m, the reply of the server at addr to a query for q.
	Edit func(addr netip.Addr, q dns.Question, m *dns.Msg)
}

var _ transport.SourceExchanger = (*Tampered)(nil)

// Exchange implements transport.Exchanger: the world's reply, edited.
func (t *Tampered) Exchange(ctx context.Context, server netip.AddrPort, tr observe.Transport, req []byte) ([]byte, error) {
	resp, err := t.World.Exchange(ctx, server, tr, req)
	return t.edit(server, resp, err)
}

// ExchangeFrom implements transport.SourceExchanger: the world's reply,
// edited, from where the world sends it.
func (t *Tampered) ExchangeFrom(ctx context.Context, server netip.AddrPort, req []byte) ([]byte, netip.AddrPort, error) {
	resp, from, err := t.World.ExchangeFrom(ctx, server, req)
	resp, err = t.edit(server, resp, err)
	return resp, from, err
}

func (t *Tampered) edit(server netip.AddrPort, resp []byte, err error) ([]byte, error) {
	if err != nil || t.Edit == nil {
		return resp, err
	}
	m := new(dns.Msg)
	if m.Unpack(resp) != nil || len(m.Question) != 1 {
		return resp, nil
	}
	t.Edit(server.Addr().Unmap(), m.Question[0], m)
	return m.Pack()
}
