package measure

import (
	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/collect"
	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// Config is what a stack is built from.
type Config struct {
	Exchanger transport.Exchanger // sockets (transport.Net) or a lab world
	Policy    transport.Policy
	Options   transport.Options
	Hints     resolver.Hints // where resolution starts
	Anchors   []dns.RR       // the root trust anchor, for the analysis
	// GeoASN and GeoCountry are MMDB files (either may be empty; see
	// geo.Open). With neither, the collector records no geo data.
	GeoASN, GeoCountry string
	// Scan makes the collector share server-level probes, the keys of the
	// zones above the domains and NS addresses across domains, as a scan
	// does (collect.Collector.Shared).
	Scan bool
}

// Stack is a built measurement stack. Close it when done.
type Stack struct {
	Client    *transport.Client
	Collector *collect.Collector
	Anchors   []dns.RR
	Geo       *geo.DB // nil without MMDB files
}

// New builds the stack c describes. It fails only when the geo databases
// cannot be opened.
func New(c Config) (*Stack, error) {
	g, err := geo.Open(c.GeoASN, c.GeoCountry)
	if err != nil {
		return nil, err
	}
	client := transport.NewClient(c.Exchanger, c.Policy, c.Options)
	col := &collect.Collector{Resolver: resolver.New(client, c.Hints)}
	if g != nil {
		col.Geo = g
	}
	if c.Scan {
		col.Shared = collect.NewShared()
	}
	return &Stack{Client: client, Collector: col, Anchors: c.Anchors, Geo: g}, nil
}

// Close closes the geo databases.
func (s *Stack) Close() error { return s.Geo.Close() }
