package sockets

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

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// ErrAddrInUse is in the error of Serve when an address and port of the
// world is taken, most often by another world served on the same port.
var ErrAddrInUse = errors.New("address already in use")

// tcpIdle is how long a TCP connection may stay silent before the server
// closes it.
const tcpIdle = 10 * time.Second

// Listener is a world served on loopback sockets: UDP and TCP on every
// server address, at one port.
type Listener struct {
	port    int
	bound   []netip.AddrPort
	skipped []netip.Addr
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	once    sync.Once

	mu      sync.Mutex
	closers []io.Closer
	conns   map[net.Conn]struct{}
}

// Serve binds UDP and TCP at port on every address of every server of w
// (127.53.x.y and ::1) and answers with each server's Handle until ctx is
// done or Close is called. A Silent server's sockets are bound but never
// answer; a NoTCP server has no TCP socket, so connections are refused.
// port must be given (port 0 would give every address another port):
// tests can take one from FreePort. Any port above 1024 works without
// privileges. When the system has no IPv6 loopback, ::1 is skipped (see
// Skipped).
func Serve(ctx context.Context, w *engine.World, port int) (*Listener, error) {
	if port <= 0 || port > 65535 {
		return nil, fmt.Errorf("lab: serve: port %d: give a port between 1 and 65535 (FreePort finds one)", port)
	}
	lctx, cancel := context.WithCancel(ctx)
	l := &Listener{port: port, ctx: lctx, cancel: cancel, conns: map[net.Conn]struct{}{}}
	for _, s := range w.Servers() {
		for _, a := range s.Addrs {
			ap := netip.AddrPortFrom(a, uint16(port))
			if err := l.bind(s, ap); err != nil {
				if a.Is6() && errors.Is(err, syscall.EADDRNOTAVAIL) {
					l.skipped = append(l.skipped, a)
					continue
				}
				l.Close()
				return nil, err
			}
			l.bound = append(l.bound, ap)
		}
	}
	go func() {
		<-lctx.Done()
		l.Close()
	}()
	return l, nil
}

// Port is the port every address is served on.
func (l *Listener) Port() int { return l.port }

// Addr is the first address served, with the port (a root server's in the
// default world).
func (l *Listener) Addr() netip.AddrPort {
	if len(l.bound) == 0 {
		return netip.AddrPort{}
	}
	return l.bound[0]
}

// Addrs are the addresses served, with the port, in the order they were
// bound: what the sockets really listen on (Skipped ones are not there).
func (l *Listener) Addrs() []netip.AddrPort { return append([]netip.AddrPort(nil), l.bound...) }

// Skipped lists the addresses that could not be bound (::1 without IPv6).
func (l *Listener) Skipped() []netip.Addr { return append([]netip.Addr(nil), l.skipped...) }

// Close stops every socket and waits for the serving goroutines.
func (l *Listener) Close() error {
	l.once.Do(func() {
		l.cancel()
		l.mu.Lock()
		for _, c := range l.closers {
			_ = c.Close()
		}
		for c := range l.conns {
			_ = c.Close()
		}
		l.mu.Unlock()
		l.wg.Wait()
	})
	return nil
}

func (l *Listener) track(c io.Closer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closers = append(l.closers, c)
}

func (l *Listener) bind(s *engine.Server, ap netip.AddrPort) error {
	uc, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(ap))
	if err != nil {
		return listenError(s, "udp", ap, err)
	}
	l.track(uc)
	out := uc
	if s.Faults.WrongSource {
		// Replies leave from the next address (any port), as a multi-homed
		// host's from its default address.
		oc, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.AddrPortFrom(engine.WrongSourceAddr(ap.Addr()), 0)))
		if err != nil {
			return fmt.Errorf("lab: serve %s: listen udp for wrong_source replies: %w", s.Name, err)
		}
		l.track(oc)
		out = oc
	}
	l.wg.Add(1)
	go l.serveUDP(s, uc, out)
	if s.Faults.NoTCP {
		return nil
	}
	tl, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(ap))
	if err != nil {
		return listenError(s, "tcp", ap, err)
	}
	l.track(tl)
	l.wg.Add(1)
	go l.serveTCP(s, tl)
	return nil
}

// listenError says which server and address could not be bound; a taken
// address wraps ErrAddrInUse.
func listenError(s *engine.Server, network string, ap netip.AddrPort, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("lab: serve %s: %s %s: %w", s.Name, network, ap, ErrAddrInUse)
	}
	return fmt.Errorf("lab: serve %s: listen %s %s: %w", s.Name, network, ap, err)
}

// serveUDP answers the queries c receives, from out (c itself unless the
// server has the WrongSource fault).
func (l *Listener) serveUDP(s *engine.Server, c, out *net.UDPConn) {
	defer l.wg.Done()
	buf := make([]byte, 65535)
	for {
		n, from, err := c.ReadFromUDPAddrPort(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) || l.ctx.Err() != nil {
				return
			}
			continue
		}
		resp, act := s.Handle(append([]byte(nil), buf[:n]...), observe.UDP)
		if act.Drop || len(resp) == 0 {
			continue
		}
		if act.Delay <= 0 {
			_, _ = out.WriteToUDPAddrPort(resp, from)
			continue
		}
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			if act.Wait(l.ctx) == nil {
				_, _ = out.WriteToUDPAddrPort(resp, from)
			}
		}()
	}
}

func (l *Listener) serveTCP(s *engine.Server, ln *net.TCPListener) {
	defer l.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || l.ctx.Err() != nil {
				return
			}
			continue
		}
		l.mu.Lock()
		if l.ctx.Err() != nil {
			l.mu.Unlock()
			_ = c.Close()
			return
		}
		l.conns[c] = struct{}{}
		l.wg.Add(1)
		l.mu.Unlock()
		go l.serveConn(s, c)
	}
}

func (l *Listener) serveConn(s *engine.Server, c net.Conn) {
	defer l.wg.Done()
	defer func() {
		l.mu.Lock()
		delete(l.conns, c)
		l.mu.Unlock()
		_ = c.Close()
	}()
	for {
		_ = c.SetReadDeadline(time.Now().Add(tcpIdle))
		var hdr [2]byte
		if _, err := io.ReadFull(c, hdr[:]); err != nil {
			return
		}
		req := make([]byte, binary.BigEndian.Uint16(hdr[:]))
		if _, err := io.ReadFull(c, req); err != nil {
			return
		}
		resp, act := s.Handle(req, observe.TCP)
		if act.Drop {
			continue
		}
		if act.Wait(l.ctx) != nil || act.Close || len(resp) == 0 {
			return
		}
		_ = c.SetWriteDeadline(time.Now().Add(tcpIdle))
		for _, m := range append([][]byte{resp}, act.More...) {
			b := make([]byte, 2+len(m))
			binary.BigEndian.PutUint16(b, uint16(len(m)))
			copy(b[2:], m)
			if _, err := c.Write(b); err != nil {
				return
			}
		}
	}
}

// FreePort returns a port above 1024 that is free for both UDP and TCP on
// 127.53.0.1, the first address of the default world. Another process may
// take it before Serve binds it; retry on failure.
func FreePort() (int, error) {
	for range 20 {
		u, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 53, 0, 1)})
		if err != nil {
			return 0, fmt.Errorf("lab: find a free port: %w", err)
		}
		port := u.LocalAddr().(*net.UDPAddr).Port
		t, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 53, 0, 1), Port: port})
		_ = u.Close()
		if err != nil {
			continue
		}
		_ = t.Close()
		if port > 1024 {
			return port, nil
		}
	}
	return 0, errors.New("lab: find a free port: none found in 20 tries")
}
