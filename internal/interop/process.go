package interop

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/miekg/dns"
)

// sbinDirs are searched after PATH: Debian installs the daemons there and
// a test's PATH often lacks them.
var sbinDirs = []string{"/usr/sbin", "/sbin", "/usr/local/sbin"}

// LookPath finds a binary in PATH or in the sbin directories.
func LookPath(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, d := range sbinDirs {
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("interop: %s not found in PATH or %s", name, strings.Join(sbinDirs, ", "))
}

// Missing returns the binaries among names that LookPath cannot find.
func Missing(names ...string) []string {
	var out []string
	for _, n := range names {
		if _, err := LookPath(n); err != nil {
			out = append(out, n)
		}
	}
	return out
}

// Process is one running server started by this package. Stop ends it and
// undoes what its start set up; Stop is safe to call more than once and
// from several goroutines.
type Process struct {
	Name string // what it is, for messages: "nsd hosta", "unbound"
	Dir  string // its working directory: configuration and logs

	cmd      *exec.Cmd
	out      *tailBuffer
	done     chan struct{}
	waitErr  error
	undo     []func() error
	stopOnce sync.Once
	stopErr  error
}

// start runs argv in dir with its output captured. The child gets its own
// process group (so Stop reaches its children) and is killed if the test
// binary dies before it can call Stop.
func start(name, dir string, argv []string, undo []func() error) (*Process, error) {
	bin, err := LookPath(argv[0])
	if err != nil {
		return nil, err
	}
	p := &Process{Name: name, Dir: dir, out: &tailBuffer{max: 64 << 10}, done: make(chan struct{}), undo: undo}
	p.cmd = exec.Command(bin, argv[1:]...)
	p.cmd.Dir = dir
	p.cmd.Stdout = p.out
	p.cmd.Stderr = p.out
	p.cmd.SysProcAttr = sysProcAttr()
	if err := p.cmd.Start(); err != nil {
		p.runUndo()
		return nil, fmt.Errorf("interop: starting %s: %w", name, err)
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// toolCommand is exec.CommandContext for a short-lived tool (a signer,
// nsd-checkzone, delv, zonemaster-cli): like the servers, it gets its own
// process group, killed whole when ctx ends, and the kernel kills it if
// the test binary dies, so no tool outlives a killed test.
func toolCommand(ctx context.Context, bin string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.SysProcAttr = sysProcAttr()
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	return cmd
}

// Output returns the last 64 KiB the process wrote to stdout and stderr.
func (p *Process) Output() string { return p.out.String() }

// Exited reports whether the process has ended.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Stop terminates the process group (SIGTERM, then SIGKILL after five
// seconds), waits for it and undoes its setup (loopback aliases).
func (p *Process) Stop() error {
	p.stopOnce.Do(func() {
		if !p.Exited() {
			pgid := p.cmd.Process.Pid
			_ = syscall.Kill(-pgid, syscall.SIGTERM)
			select {
			case <-p.done:
			case <-time.After(5 * time.Second):
				_ = syscall.Kill(-pgid, syscall.SIGKILL)
				<-p.done
			}
			// Children that outlived their leader.
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
		}
		p.stopErr = p.runUndo()
	})
	return p.stopErr
}

func (p *Process) runUndo() error {
	var errs []error
	for i := len(p.undo) - 1; i >= 0; i-- {
		if err := p.undo[i](); err != nil {
			errs = append(errs, err)
		}
	}
	p.undo = nil
	return errors.Join(errs...)
}

// failed describes a process that did not come up, with its last output.
func (p *Process) failed(err error) error {
	out := strings.TrimSpace(p.Output())
	if len(out) > 3000 {
		out = "…" + out[len(out)-3000:]
	}
	if p.Exited() {
		return fmt.Errorf("interop: %s exited (%v): %w\n%s", p.Name, p.waitErr, err, out)
	}
	return fmt.Errorf("interop: %s not ready: %w\n%s", p.Name, err, out)
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Write(p)
	if over := b.buf.Len() - b.max; over > 0 {
		b.buf.Next(over)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitReply sends q to addr every 50 ms until ok accepts a reply, p (when
// not nil) exits, or ctx ends.
func waitReply(ctx context.Context, p *Process, addr netip.AddrPort, q *dns.Msg, ok func(*dns.Msg) bool) error {
	c := &dns.Client{Net: "udp", Timeout: 300 * time.Millisecond}
	var last error
	for {
		var done <-chan struct{}
		if p != nil {
			done = p.done
		}
		select {
		case <-done:
			return fmt.Errorf("waiting for %s %s at %s: process exited", q.Question[0].Name, dns.TypeToString[q.Question[0].Qtype], addr)
		default:
		}
		r, _, err := c.ExchangeContext(ctx, q.Copy(), addr.String())
		switch {
		case err != nil:
			last = err
		case ok(r):
			return nil
		default:
			last = fmt.Errorf("reply %s, aa=%v, %d answers", dns.RcodeToString[r.Rcode], r.Authoritative, len(r.Answer))
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s %s at %s: %w (last: %v)", q.Question[0].Name, dns.TypeToString[q.Question[0].Qtype], addr, ctx.Err(), last)
		case <-done:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// portFree reports whether nothing listens on UDP addr (a bind succeeds).
func portFree(addr netip.AddrPort) bool {
	c, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(addr))
	if err != nil {
		return false
	}
	c.Close()
	return true
}
