package cli

import (
	"context"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// Progress of check on a terminal.
const (
	progressDelay     = time.Second            // nothing is drawn for a check quicker than this
	progressEvery     = 200 * time.Millisecond // then the line is redrawn this often
	progressNames     = 4096                   // address → name pairs remembered
	progressNameWidth = 32                     // a longer name is cut on the line
)

// checkProgress is check's progress line on stderr when it is a terminal:
// which server the check is waiting for (the exchange out the longest),
// how many more are out and how many queries went out, redrawn in place
// once the check has taken progressDelay, and cleared at the end and
// before each report is printed.
//
// It is fed by watchExchanges, a wrapper of the Exchanger under the
// transport client: collection and analysis know nothing of it. The
// server's name is the owner of an A or AAAA record with its address,
// seen in an earlier answer (glue, an answer) or in the root hints.
type checkProgress struct {
	w            io.Writer
	delay, every time.Duration
	total        int // domains

	mu    sync.Mutex
	names map[netip.Addr]string
	out   map[uint64]exchange // exchanges in flight
	next  uint64
	sent  int64 // exchanges begun: queries put on the wire
	done  int   // domains
	drawn bool  // a line is on the terminal
	stop  chan struct{}
	ended sync.WaitGroup
}

type exchange struct {
	addr  netip.Addr
	tr    observe.Transport
	since time.Time
}

// newCheckProgress returns the progress of a check of total domains,
// drawn on w after delay (progressDelay when 0).
func newCheckProgress(w io.Writer, total int, delay time.Duration) *checkProgress {
	if delay <= 0 {
		delay = progressDelay
	}
	every := progressEvery
	if delay < every {
		every = delay
	}
	return &checkProgress{w: w, delay: delay, every: every, total: total,
		names: map[netip.Addr]string{}, out: map[uint64]exchange{}}
}

// start begins drawing, after the delay.
func (p *checkProgress) start() {
	if p == nil {
		return
	}
	p.stop = make(chan struct{})
	p.ended.Add(1)
	go func() {
		defer p.ended.Done()
		wait := time.NewTimer(p.delay)
		defer wait.Stop()
		select {
		case <-wait.C:
		case <-p.stop:
			return
		}
		t := time.NewTicker(p.every)
		defer t.Stop()
		for {
			p.draw()
			select {
			case <-t.C:
			case <-p.stop:
				return
			}
		}
	}()
}

// finish stops drawing and clears the line.
func (p *checkProgress) finish() {
	if p == nil || p.stop == nil {
		return
	}
	close(p.stop)
	p.ended.Wait()
	p.mu.Lock()
	p.clear()
	p.mu.Unlock()
}

// pause runs print with the line cleared (the report goes to the same
// terminal); the next redraw puts the line back.
func (p *checkProgress) pause(print func()) {
	if p == nil {
		print()
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	print()
}

// domainDone counts a checked domain.
func (p *checkProgress) domainDone() {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.done++
	p.mu.Unlock()
}

func (p *checkProgress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r"+p.line()+"\x1b[K")
	p.drawn = true
}

func (p *checkProgress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// line is the progress line, e.g. "waiting for ns1.example.org
// (192.0.2.1) udp… 3 queries"; p.mu is held.
func (p *checkProgress) line() string {
	var b strings.Builder
	if p.total > 1 {
		fmt.Fprintf(&b, "%d/%d domains, ", p.done, p.total)
	}
	var oldest exchange
	found := false
	for _, e := range p.out {
		if !found || e.since.Before(oldest.since) {
			oldest, found = e, true
		}
	}
	if found {
		b.WriteString("waiting for ")
		if name := p.names[oldest.addr]; name != "" {
			// Short enough for the line to fit most terminals: a line
			// that wraps is not redrawn in place.
			if len(name) > progressNameWidth {
				name = name[:progressNameWidth-1] + "…"
			}
			fmt.Fprintf(&b, "%s (%s)", name, oldest.addr)
		} else {
			b.WriteString(oldest.addr.String())
		}
		fmt.Fprintf(&b, " %s…", oldest.tr)
		if n := len(p.out); n > 1 {
			fmt.Fprintf(&b, " (+%d more)", n-1)
		}
	} else {
		b.WriteString("working…")
	}
	fmt.Fprintf(&b, " %d queries", p.sent)
	return b.String()
}

// begin notes an exchange with addr going out.
func (p *checkProgress) begin(addr netip.Addr, tr observe.Transport) uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.next++
	p.sent++
	p.out[p.next] = exchange{addr: addr.Unmap(), tr: tr, since: time.Now()}
	return p.next
}

// end notes the exchange's end, and the names of the addresses in its
// answer.
func (p *checkProgress) end(id uint64, answers ...[]byte) {
	var rrs []dns.RR
	for _, a := range answers {
		m := new(dns.Msg)
		if len(a) > 0 && m.Unpack(a) == nil {
			rrs = append(append(rrs, m.Answer...), m.Extra...)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.out, id)
	p.learn(rrs)
}

// learn remembers the owner names of A and AAAA records; p.mu is held.
func (p *checkProgress) learn(rrs []dns.RR) {
	for _, rr := range rrs {
		var a netip.Addr
		switch rr := rr.(type) {
		case *dns.A:
			a, _ = netip.AddrFromSlice(rr.A.To4())
		case *dns.AAAA:
			a, _ = netip.AddrFromSlice(rr.AAAA)
		default:
			continue
		}
		if !a.IsValid() || p.names[a.Unmap()] != "" || len(p.names) >= progressNames {
			continue
		}
		name := rr.Header().Name
		if name != "." {
			name = strings.TrimSuffix(name, ".")
		}
		p.names[a.Unmap()] = termName(name)
	}
}

// termName makes a name from the network safe for a terminal: miekg/dns
// writes names in presentation format (a control byte is \DDD), and
// anything else but printable ASCII becomes "?"; cut to
// dnsname.MaxEcho characters.
func termName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, s)
	if len(s) > dnsname.MaxEcho {
		s = s[:dnsname.MaxEcho] + "…"
	}
	return s
}

// learnHints names the root servers from the hints' zone text.
func (p *checkProgress) learnHints(text string) {
	if p == nil || text == "" {
		return
	}
	var rrs []dns.RR
	zp := dns.NewZoneParser(strings.NewReader(text), ".", "hints")
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		rrs = append(rrs, rr)
	}
	p.mu.Lock()
	p.learn(rrs)
	p.mu.Unlock()
}

// watchExchanges returns ex telling p of every exchange.
func (p *checkProgress) watchExchanges(ex transport.Exchanger) transport.Exchanger {
	return &watchedExchanger{Exchanger: ex, p: p}
}

type watchedExchanger struct {
	transport.Exchanger
	p *checkProgress
}

func (w *watchedExchanger) Exchange(ctx context.Context, s netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	id := w.p.begin(s.Addr(), t)
	resp, err := w.Exchanger.Exchange(ctx, s, t, req)
	w.p.end(id, resp)
	return resp, err
}

func (w *watchedExchanger) Stream(ctx context.Context, s netip.AddrPort, req []byte, max int, done func([]byte) bool) ([][]byte, error) {
	id := w.p.begin(s.Addr(), observe.TCP)
	msgs, err := w.Exchanger.Stream(ctx, s, req, max, done)
	w.p.end(id) // a zone transfer's records name no server
	return msgs, err
}
