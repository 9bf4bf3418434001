package transport

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"sync"
	"syscall"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Net is the real Exchanger: UDP and TCP sockets. It checks Policy before
// every socket it opens. Port, when set, replaces the destination port of
// every query; it is only honoured in lab mode (non-root lab servers).
type Net struct {
	Policy Policy
	Port   uint16

	udp udpPool // idle UDP sockets, reused after a clean exchange
}

// Close closes the idle sockets Net keeps. Net stays usable.
func (n *Net) Close() error {
	n.udp.closeAll()
	return nil
}

var _ SourceExchanger = (*Net)(nil)

func (n *Net) dest(server netip.AddrPort) (netip.AddrPort, error) {
	if err := n.Policy.Check(server.Addr()); err != nil {
		return netip.AddrPort{}, err
	}
	if n.Port != 0 {
		if !n.Policy.Lab {
			return netip.AddrPort{}, errors.New("transport: a port override is only allowed in lab mode")
		}
		server = netip.AddrPortFrom(server.Addr(), n.Port)
	}
	return server, nil
}

// Exchange implements Exchanger.
func (n *Net) Exchange(ctx context.Context, server netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	dst, err := n.dest(server)
	if err != nil {
		return nil, err
	}
	if len(req) < 2 {
		return nil, errors.New("transport: short request")
	}
	id := binary.BigEndian.Uint16(req)
	switch t {
	case observe.UDP:
		return n.udp.exchange(ctx, dst, id, req)
	case observe.TCP:
		conn, err := dialTCP(ctx, dst)
		if err != nil {
			return nil, err
		}
		defer conn.Close()
		if err := writeTCP(conn, req); err != nil {
			return nil, classify(err)
		}
		for {
			msg, err := readTCP(conn)
			if err != nil {
				return nil, classify(err)
			}
			if len(msg) >= 2 && binary.BigEndian.Uint16(msg) == id {
				return msg, nil
			}
		}
	}
	return nil, fmt.Errorf("transport: unknown transport %q", t)
}

// udpBufs holds receive buffers: one per query in flight, not one
// allocated per query (64 KiB each, which dominated a scan's garbage).
var udpBufs = sync.Pool{New: func() any { b := make([]byte, 65535); return &b }}

// Bounds of udpPool: the idle sockets kept per destination (the client's
// default concurrency per server is 4) and in all. A scan of a 100,000-
// domain world talks to ~1,100 server addresses; at 512 in all, sockets
// were still opened and closed for a tenth of its queries' system time.
// The total is also kept to a quarter of the process's file descriptor
// limit (fdLimit), so idle sockets never starve the open ones.
const udpIdlePerDest = 4

var udpIdleMax = min(4096, fdLimit()/4)

// udpPool keeps connected UDP sockets for reuse. Opening and closing a
// socket for every query cost a scan about a tenth of its CPU (socket,
// connect, epoll registration, close). A socket goes back to the pool
// only after an exchange that ended with our answer, so no late answer to
// a timed-out query is waiting in it; a stray datagram that does arrive
// later carries another ID and is skipped like any wrong-ID answer. The
// zero value is ready.
type udpPool struct {
	mu   sync.Mutex
	idle map[netip.AddrPort][]*net.UDPConn
	n    int
}

func (p *udpPool) get(dst netip.AddrPort) (*net.UDPConn, error) {
	p.mu.Lock()
	if cs := p.idle[dst]; len(cs) > 0 {
		c := cs[len(cs)-1]
		p.idle[dst] = cs[:len(cs)-1]
		p.n--
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	// A connected socket: the kernel drops datagrams from any other address,
	// so an answer from the wrong address is never taken.
	return net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(dst))
}

func (p *udpPool) put(dst netip.AddrPort, c *net.UDPConn) {
	p.mu.Lock()
	if p.n < udpIdleMax && len(p.idle[dst]) < udpIdlePerDest {
		if p.idle == nil {
			p.idle = map[netip.AddrPort][]*net.UDPConn{}
		}
		p.idle[dst] = append(p.idle[dst], c)
		p.n++
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	c.Close()
}

func (p *udpPool) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, cs := range p.idle {
		for _, c := range cs {
			c.Close()
		}
	}
	p.idle, p.n = nil, 0
}

func (p *udpPool) exchange(ctx context.Context, dst netip.AddrPort, id uint16, req []byte) ([]byte, error) {
	c, err := p.get(dst)
	if err != nil {
		return nil, classify(err)
	}
	resp, err := exchangeUDP(ctx, c, id, req)
	if err != nil {
		c.Close()
		return nil, err
	}
	p.put(dst, c)
	return resp, nil
}

func exchangeUDP(ctx context.Context, c *net.UDPConn, id uint16, req []byte) ([]byte, error) {
	setDeadline(ctx, c)
	if _, err := c.Write(req); err != nil {
		return nil, classify(err)
	}
	bp := udpBufs.Get().(*[]byte)
	defer udpBufs.Put(bp)
	buf := *bp
	for {
		nr, err := c.Read(buf)
		if err != nil {
			return nil, classify(err)
		}
		if nr >= 2 && binary.BigEndian.Uint16(buf) == id {
			return append([]byte(nil), buf[:nr]...), nil
		}
		// Wrong ID: a spoofed or stale answer. Keep waiting for ours.
	}
}

// ExchangeFrom implements SourceExchanger: req goes to server from an
// unconnected UDP socket of its own, and the first answer with req's ID
// is taken from whatever address it comes, which is returned with it.
func (n *Net) ExchangeFrom(ctx context.Context, server netip.AddrPort, req []byte) ([]byte, netip.AddrPort, error) {
	dst, err := n.dest(server)
	if err != nil {
		return nil, netip.AddrPort{}, err
	}
	if len(req) < 2 {
		return nil, netip.AddrPort{}, errors.New("transport: short request")
	}
	network := "udp6"
	if dst.Addr().Unmap().Is4() {
		network, dst = "udp4", netip.AddrPortFrom(dst.Addr().Unmap(), dst.Port())
	}
	c, err := net.ListenUDP(network, nil)
	if err != nil {
		return nil, netip.AddrPort{}, classify(err)
	}
	defer c.Close()
	setDeadline(ctx, c)
	if _, err := c.WriteToUDPAddrPort(req, dst); err != nil {
		return nil, netip.AddrPort{}, classify(err)
	}
	id := binary.BigEndian.Uint16(req)
	bp := udpBufs.Get().(*[]byte)
	defer udpBufs.Put(bp)
	buf := *bp
	for {
		nr, from, err := c.ReadFromUDPAddrPort(buf)
		if err != nil {
			return nil, netip.AddrPort{}, classify(err)
		}
		if nr >= 2 && binary.BigEndian.Uint16(buf) == id {
			return append([]byte(nil), buf[:nr]...), from, nil
		}
	}
}

func dialTCP(ctx context.Context, dst netip.AddrPort) (net.Conn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", dst.String())
	if err != nil {
		return nil, classify(err)
	}
	setDeadline(ctx, c)
	return c, nil
}

func setDeadline(ctx context.Context, c net.Conn) {
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
	} else {
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	}
}

func writeTCP(c net.Conn, msg []byte) error {
	b := make([]byte, 2+len(msg))
	binary.BigEndian.PutUint16(b, uint16(len(msg)))
	copy(b[2:], msg)
	_, err := c.Write(b)
	return err
}

func readTCP(c net.Conn) ([]byte, error) {
	var l [2]byte
	if _, err := io.ReadFull(c, l[:]); err != nil {
		return nil, err
	}
	msg := make([]byte, binary.BigEndian.Uint16(l[:]))
	if _, err := io.ReadFull(c, msg); err != nil {
		return nil, err
	}
	return msg, nil
}

// Stream implements Exchanger.
func (n *Net) Stream(ctx context.Context, server netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	dst, err := n.dest(server)
	if err != nil {
		return nil, err
	}
	conn, err := dialTCP(ctx, dst)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if err := writeTCP(conn, req); err != nil {
		return nil, classify(err)
	}
	var out [][]byte
	for len(out) < max {
		msg, err := readTCP(conn)
		if err != nil {
			if errors.Is(err, io.EOF) && len(out) > 0 {
				return out, nil
			}
			return out, classify(err)
		}
		out = append(out, msg)
		if done(msg) {
			break
		}
	}
	return out, nil
}

// classify maps socket errors onto ErrTimeout and ErrRefused.
func classify(err error) error {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return ErrTimeout
	case errors.Is(err, syscall.ECONNREFUSED):
		return ErrRefused
	}
	return err
}
