// Package consistency checks that a zone's servers agree with each other.
package consistency

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

func init() { check.RegisterFunc("consistency", Check) }

// Check runs the consistency checks.
func Check(in *analyze.Input) []check.Finding {
	return append(serials(in), glue(in.Domain)...)
}

// serials reports servers that serve different SOA serials.
func serials(in *analyze.Input) []check.Finding {
	d := in.Domain
	serials := map[uint32][]string{}
	var evidence []int
	for _, a := range d.Addresses() {
		r := in.Servers[a]
		if r == nil || r.SOASerial == nil {
			continue
		}
		serials[*r.SOASerial] = append(serials[*r.SOASerial], a.String())
		if s, ok := r.Evidence[observe.PurposeSOAUDP]; ok {
			evidence = append(evidence, s)
		}
	}
	if len(serials) < 2 {
		return nil
	}
	keys := make([]uint32, 0, len(serials))
	for k := range serials {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d: %s", k, strings.Join(serials[k], " ")))
	}
	return []check.Finding{soaSerialMismatch.New(d.Domain, "serials",
		check.Args{"serials": strings.Join(parts, "; ")}, evidence...)}
}
