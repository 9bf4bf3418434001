package cli

import (
	"bytes"
	"context"
	"io"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// lockedBuffer is a bytes.Buffer safe for the progress goroutine and the
// test to share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// slowServer holds the first exchange with one address until release
// says so (or a minute has passed).
type slowServer struct {
	transport.Exchanger
	addr    netip.Addr
	once    sync.Once
	release func() bool
	held    chan struct{}
}

func (s *slowServer) Exchange(ctx context.Context, a netip.AddrPort, t observe.Transport, req []byte) ([]byte, error) {
	if a.Addr() == s.addr {
		s.once.Do(func() {
			defer close(s.held)
			for end := time.Now().Add(time.Minute); time.Now().Before(end) && !s.release(); {
				time.Sleep(2 * time.Millisecond)
			}
		})
	}
	return s.Exchanger.Exchange(ctx, a, t, req)
}

// On a terminal, a check that takes long shows which server it waits for,
// by name and address, on one line of stderr that is cleared at the end;
// not on a pipe, and not with -q.
func TestCheckProgress(t *testing.T) {
	w, _ := labFiles(t)
	ns := netip.MustParseAddr("127.53.10.1") // ns1.hosta.test, healthy-unsigned.test's first server
	const want = "waiting for ns1.hosta.test (127.53.10.1) udp…"
	for _, c := range []struct {
		name  string
		tty   bool
		args  []string
		shown bool
	}{
		{"terminal", true, nil, true},
		{"terminal, JSON to a pipe", true, []string{"--json"}, true},
		{"terminal, several", true, []string{"healthy-signed.test"}, true},
		{"pipe", false, nil, false},
		{"terminal, quiet", true, []string{"-q"}, false},
		{"terminal, --quiet", true, []string{"--quiet"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			errb := new(lockedBuffer)
			seen := 0
			ex := &slowServer{Exchanger: w, addr: ns, held: make(chan struct{}), release: func() bool {
				if c.shown {
					return strings.Contains(errb.String(), want)
				}
				// Long enough for a few redraws at the test's delay.
				seen++
				return seen > 50
			}}
			env := &Env{Stdout: &out, Stderr: errb, Exchanger: ex, progressDelay: time.Millisecond,
				IsTTY: func(w io.Writer) bool { return c.tty && w == errb }}
			args := append(append([]string{"check", "healthy-unsigned.test"}, c.args...), labArgs(t)...)
			if code := Run(context.Background(), env, args); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			select {
			case <-ex.held:
			default:
				t.Fatal("the slow server was never asked")
			}
			stderr := errb.String()
			t.Logf("stderr %q", stderr)
			if !c.shown {
				if stderr != "" {
					t.Errorf("stderr %q, want nothing", stderr)
				}
				return
			}
			if !strings.Contains(stderr, "\r"+want) && !strings.Contains(stderr, "domains, "+want) {
				t.Errorf("no progress line naming the server: %q", stderr)
			}
			if !strings.HasSuffix(stderr, "\r\x1b[K") {
				t.Errorf("the line is not cleared at the end: %q", stderr)
			}
			if strings.Contains(out.String(), "waiting for") || strings.Contains(out.String(), "\r") {
				t.Errorf("progress on stdout: %q", out.String())
			}
			if !strings.Contains(out.String(), "healthy-unsigned.test") {
				t.Errorf("no report on stdout: %q", out.String())
			}
		})
	}
}

// The line: the exchange out the longest, by name when an answer gave
// one, how many more are out, the queries sent and the domains done.
func TestCheckProgressLine(t *testing.T) {
	p := newCheckProgress(io.Discard, 3, time.Hour)
	a := netip.MustParseAddr("192.0.2.1")
	b := netip.MustParseAddr("2001:db8::53")
	if got := p.line(); got != "0/3 domains, working… 0 queries" {
		t.Errorf("idle line %q", got)
	}
	p.learnHints("ns1.example.org. 3600 IN A 192.0.2.1\n")
	first := p.begin(a, observe.UDP)
	second := p.begin(b, observe.TCP)
	p.domainDone()
	if got, want := p.line(), "1/3 domains, waiting for ns1.example.org (192.0.2.1) udp… (+1 more) 2 queries"; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
	p.end(first)
	if got, want := p.line(), "1/3 domains, waiting for 2001:db8::53 tcp… 2 queries"; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
	// A name from the network is escaped before it reaches a terminal.
	p.learnHints("bad\\027\\[2J.example. 3600 IN AAAA 2001:db8::53\n")
	if got := p.line(); strings.ContainsRune(got, 0x1b) || !strings.Contains(got, `bad\027\[2J.example (2001:db8::53)`) {
		t.Errorf("line %q", got)
	}
	p.end(second)
	p.learnHints(strings.Repeat("a", 40) + ".example. 3600 IN A 192.0.2.7\n")
	p.begin(netip.MustParseAddr("192.0.2.7"), observe.UDP)
	if got, want := p.line(), strings.Repeat("a", 31)+"… (192.0.2.7)"; !strings.Contains(got, want) {
		t.Errorf("line %q, want the name cut: %q", got, want)
	}
	for in, want := range map[string]string{"a\x1b[2J": "a?[2J", "ñ.example": "?.example", strings.Repeat("a", 90): strings.Repeat("a", 80) + "…"} {
		if got := termName(in); got != want {
			t.Errorf("termName(%q) = %q, want %q", in, got, want)
		}
	}
}
