//go:build !linux

package interop

// inNetns is always false outside Linux: no network namespaces.
var inNetns bool

// isolate does nothing outside Linux.
func isolate() (code int, done bool) { return 0, false }
