package interop

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/testenv"
)

// netnsEnv marks the test binary that runs inside the network namespace
// of its own; set to "off" it keeps the tests in the machine's namespace.
const netnsEnv = "DNSOBS_INTEROP_NETNS"

// inNetns reports whether the tests run in a network namespace of their
// own (so nothing they bind or configure is visible outside it), and
// netnsWhyNot why not, when they do not.
var (
	inNetns     bool
	netnsWhyNot string
)

// isolate runs the tests in a network namespace of their own when it can:
// as root, it starts this test binary again with CLONE_NEWNET, brings
// the new namespace's lo up, and returns the child's exit code with
// done=true. Everything the tests add to the network (port 53 on the lab's
// 127.x addresses, BIND's loopback aliases) then lives in that namespace,
// which the kernel removes when its last process ends; the child dies with
// this process (Pdeathsig), and the servers with the child. Without root,
// without ip(8), with DNSOBS_INTEROP_NETNS=off or where namespaces are
// not allowed (a container without CAP_SYS_ADMIN) the tests run here,
// and stale loopback aliases of an earlier run are removed at start.
func isolate() (code int, done bool) {
	switch os.Getenv(netnsEnv) {
	case "child":
		inNetns = true
		ip, err := LookPath("ip")
		if err == nil {
			var out []byte
			out, err = exec.Command(ip, "link", "set", "lo", "up").CombinedOutput()
			if err != nil {
				err = fmt.Errorf("%v: %s", err, out)
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "interop: bringing lo up in the test's network namespace: %v\n", err)
			return 1, true
		}
		fmt.Fprintln(os.Stderr, "interop: the tests run in a network namespace of their own")
		return 0, false
	case "off":
		netnsWhyNot = netnsEnv + "=off"
		removeStaleAliases()
		return 0, false
	}
	if os.Geteuid() != 0 {
		netnsWhyNot = "not root"
		return 0, false
	}
	if _, err := LookPath("ip"); err != nil {
		netnsWhyNot = "no ip(8) to bring lo up"
		return 0, false
	}
	removeStaleAliases() // of a run before the tests had a namespace of their own
	// Pdeathsig follows the thread that started the child: keep it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd := exec.Command("/proc/self/exe", os.Args[1:]...)
	cmd.Args[0] = os.Args[0]
	cmd.Env = append(os.Environ(), netnsEnv+"=child")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		netnsWhyNot = fmt.Sprintf("CLONE_NEWNET refused: %v", err)
		fmt.Fprintf(os.Stderr, "interop: no network namespace of its own (%v): the tests run in this one\n", err)
		removeStaleAliases()
		return 0, false
	}
	// Interrupts and go test's timeout signal reach the tests.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	signal.Stop(sigs)
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, true
	case errors.As(err, &ee):
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			fmt.Fprintf(os.Stderr, "interop: test binary in its network namespace: %v\n", err)
			return 128 + int(ws.Signal()), true
		}
		return ee.ExitCode(), true
	default:
		fmt.Fprintf(os.Stderr, "interop: test binary in its network namespace: %v\n", err)
		return 1, true
	}
}

// removeStaleAliases removes the loopback aliases labelled aliasLabel: in
// the machine's namespace they can only be left by a killed earlier run
// (the interop tests run one binary at a time: they bind port 53).
func removeStaleAliases() {
	if os.Geteuid() != 0 {
		return
	}
	ip, err := LookPath("ip")
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for a := range ownAliases(ctx, ip) {
		if out, err := exec.CommandContext(ctx, ip, "addr", "del", a.String()+"/32", "dev", "lo").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "interop: removing stale alias %s: %v: %s\n", a, err, out)
		} else {
			fmt.Fprintf(os.Stderr, "interop: removed %s from lo, left by an earlier run\n", a)
		}
	}
}

// The tests that bind port 53 run in a network namespace of their own
// whenever they can, and they can wherever they run as root (CI): in it
// lo is up with 127.0.0.1 and nothing but loopback exists.
func TestOwnNetworkNamespace(t *testing.T) {
	requireRoot(t, "ip")
	if !inNetns {
		if netnsWhyNot == netnsEnv+"=off" {
			t.Skip(netnsWhyNot)
		}
		testenv.Unavailable(t, "the interop tests run in the machine's network namespace: %s", netnsWhyNot)
		return
	}
	ifs, err := net.Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, i := range ifs {
		names = append(names, i.Name)
	}
	if len(ifs) != 1 || ifs[0].Flags&net.FlagLoopback == 0 || ifs[0].Flags&net.FlagUp == 0 {
		t.Errorf("interfaces %v (flags %v): want lo alone, up", names, ifs)
	}
	if !hasLocalAddr(netip.MustParseAddr("127.0.0.1")) {
		t.Error("127.0.0.1 is not on lo")
	}
}
