// Command dnsobs is the LAC DNS Observatory: it measures the technical
// health of domains' DNS. See README.md and `dnsobs help`.
package main

import (
	"os"

	"github.com/lac-dns-observatory/dnsobs/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:])) }
