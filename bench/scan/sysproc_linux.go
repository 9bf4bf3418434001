package main

import "syscall"

// childAttr puts a child (NSD, dnsperf) in its own process group and has
// the kernel kill it when the bench dies, so a killed bench leaves no
// server on port 53 behind.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
