package interop

import "github.com/lac-dns-observatory/dnsobs/internal/lab"

func writeLabFiles(w *lab.World, dir string) error { return nil }
