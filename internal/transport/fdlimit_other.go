//go:build !unix

package transport

// fdLimit is a conservative guess where the limit cannot be read.
func fdLimit() int { return 1024 }
