package interop

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/cli"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
)

// The lab world served by real software is started once per test binary,
// by the first test that needs it, and stopped by TestMain.
var shared struct {
	once    sync.Once
	err     error
	dir     string
	world   *engine.World
	dep     *Deployment
	labDir  string // cli.WriteLabFiles output: hints, MMDBs
	unbound *Process
	ubAddr  netip.AddrPort
}

func TestMain(m *testing.M) {
	if code, done := isolate(); done {
		os.Exit(code)
	}
	code := m.Run()
	if shared.unbound != nil {
		if err := shared.unbound.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	if shared.dep != nil {
		if err := shared.dep.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// allBinaries are what the world tests drive.
var allBinaries = []string{"nsd", "nsd-checkzone", "knotd", "named", "ip", "ldns-keygen", "ldns-signzone", "ldns-key2ds",
	"dnssec-keygen", "dnssec-signzone", "dnssec-dsfromkey", "unbound"}

// world returns the default lab world deployed on real servers, with a
// validating Unbound beside it.
func world(t *testing.T) (*engine.World, *Deployment) {
	t.Helper()
	requireRoot(t, allBinaries...)
	shared.once.Do(func() {
		shared.err = deployWorld()
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.world, shared.dep
}

func deployWorld() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	removeStaleDirs()
	dir, err := os.MkdirTemp("", "dnsobs-interop-")
	if err != nil {
		return err
	}
	shared.dir = dir
	if err := os.WriteFile(filepath.Join(dir, "owner.pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return err
	}
	w, err := worlds.Default(time.Now())
	if err != nil {
		return fmt.Errorf("building the lab world: %w", err)
	}
	shared.world = w
	shared.labDir = dir + "/lab"
	if err := cli.WriteLabFiles(w, shared.labDir); err != nil {
		return err
	}
	start := time.Now()
	dep, err := Deploy(ctx, w, dir+"/real", Options{})
	if err != nil {
		return err
	}
	shared.dep = dep
	fmt.Fprintf(os.Stderr, "interop: %d real servers up in %v\n", len(dep.Servers), time.Since(start).Round(time.Millisecond))
	port, err := freePort()
	if err != nil {
		return err
	}
	shared.ubAddr = netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), port)
	ub, err := Unbound{Addr: shared.ubAddr, Hints: dep.Hints, Anchor: dep.Anchor, SigSkew: unboundSkew}.Start(ctx, dir)
	if err != nil {
		return err
	}
	shared.unbound = ub
	return nil
}

// removeStaleDirs removes the working directories of earlier test
// binaries that were killed before TestMain could: those whose owner.pid
// names a process that is gone.
func removeStaleDirs() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "dnsobs-interop-*"))
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "owner.pid"))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid <= 0 {
			continue
		}
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			os.RemoveAll(d)
		}
	}
}

// freePort returns a port free on 127.0.0.1 for both UDP and TCP.
func freePort() (uint16, error) {
	for range 20 {
		l, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			return 0, err
		}
		port := uint16(l.Addr().(*net.TCPAddr).Port)
		u, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: int(port)})
		l.Close()
		if err == nil {
			u.Close()
			return port, nil
		}
	}
	return 0, fmt.Errorf("no free port on 127.0.0.1")
}
