//go:build unix

package transport

import "syscall"

// fdLimit is the process's soft limit on open files (Go raises it to the
// hard limit at start), or 1024 when it cannot be read.
func fdLimit() int {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil || r.Cur > 1<<30 {
		return 1024
	}
	return int(r.Cur)
}
