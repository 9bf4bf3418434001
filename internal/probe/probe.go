// Package probe measures nameserver behaviour: Run sends the probes of one
// server address for one zone and records them. What they show is read by
// internal/analyze from the recorded queries alone, so a stored run can be
// re-analysed; probe itself interprets nothing.
package probe

import (
	"context"
	"net/netip"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// Probe parameters, defined in observe beside the purposes because the
// analysis reads answers against them too: changing one changes results.
const (
	BufferSize     = observe.ProbeBufferSize
	UnknownOption  = observe.ProbeUnknownOption
	UnknownVersion = observe.ProbeUnknownVersion
	RecursionName  = observe.ProbeRecursionName
	UnknownFlags   = observe.ProbeUnknownFlags
)

// Scope selects which probes Run sends.
type Scope int

// Scopes. check sends All to every address. A scan sends ZoneCore to every
// (address, zone), then Source alone once per address per run when the SOA
// over UDP timed out, ZoneNS to one address per zone, and
// ZoneExtra|ServerLevel once per address per run, on the first zone it
// serves: the results of Source, ZoneExtra and ServerLevel apply to every
// zone of that server (documented sampling). With ZoneCore, Source is sent
// only after its SOA over UDP timed out; alone, it is sent.
const (
	Source      Scope = 1 << iota // after a UDP timeout, SOA over UDP from an unconnected socket: which address answers
	ZoneCore                      // SOA over UDP: authority, serial, latency
	ZoneNS                        // the zone's NS set as the server gives it
	ZoneExtra                     // SOA over TCP, DO, 1232 and 512 buffers with TCP fallback, AXFR
	ServerLevel                   // source address, no EDNS, EDNS version, option and flags, NSID, recursion, qname case, AAAA, CHAOS identity
	All         = Source | ZoneCore | ZoneNS | ZoneExtra | ServerLevel
)

func edns(do bool, opts ...uint16) *observe.EDNS {
	return &observe.EDNS{UDPSize: BufferSize, DO: do, Options: opts}
}

// Run sends the probes of scope to server about zone and records them in
// log. Outcomes are in the recorded queries; Run has nothing to fail.
func Run(ctx context.Context, c *transport.Client, log *observe.Log, server netip.Addr, zone string, scope Scope) {
	req := func(purpose, name string, qtype uint16, t observe.Transport, e *observe.EDNS) transport.Request {
		return transport.Request{Purpose: purpose, Zone: zone, Server: server, Transport: t, QName: name, QType: qtype, EDNS: e}
	}
	// The source probe: the SOA over UDP from an unconnected socket, which
	// takes an answer from any address and records which one sent it.
	// Every other query uses a connected socket, which the kernel never
	// gives an answer from another address: an answer there proves the
	// source, and a server answering from elsewhere looks silent. So it is
	// sent only when the SOA over UDP timed out, once, even if the server
	// rests by then (transport.Request.AnySource).
	source := func() {
		r := req(observe.PurposeSource, zone, dns.TypeSOA, observe.UDP, edns(false))
		r.AnySource, r.OneTry = true, true
		c.Do(ctx, log, r)
	}
	if scope&ZoneCore != 0 {
		soa := c.Do(ctx, log, req(observe.PurposeSOAUDP, zone, dns.TypeSOA, observe.UDP, edns(false)))
		if soa.Status == observe.StatusTimeout {
			// Whether it answers from another address, one more sign of
			// life over TCP, then stop: a silent server is not hammered
			// with a dozen probes.
			if scope&Source != 0 {
				source()
			}
			c.Do(ctx, log, req(observe.PurposeSOATCP, zone, dns.TypeSOA, observe.TCP, edns(false)))
			return
		}
	} else if scope&Source != 0 {
		source()
	}
	if scope&ZoneNS != 0 {
		c.DoWithFallback(ctx, log, req(observe.PurposeNS, zone, dns.TypeNS, observe.UDP, edns(true)))
	}
	if scope&ZoneExtra != 0 {
		tcp := c.Do(ctx, log, req(observe.PurposeSOATCP, zone, dns.TypeSOA, observe.TCP, edns(false)))
		if scope&ZoneCore == 0 && tcp.Status == observe.StatusTimeout {
			udp := c.Do(ctx, log, req(observe.PurposeSOAUDP, zone, dns.TypeSOA, observe.UDP, edns(false)))
			if udp.Status == observe.StatusTimeout {
				return // silent: nothing more to learn
			}
		}
		c.Do(ctx, log, req(observe.PurposeEDNSDO, zone, dns.TypeSOA, observe.UDP, edns(true)))
		c.Do(ctx, log, req(observe.PurposeEDNSSize, zone, dns.TypeDNSKEY, observe.UDP, edns(true)))
		small := &observe.EDNS{UDPSize: 512, DO: true}
		tr := c.Do(ctx, log, req(observe.PurposeTruncUDP, zone, dns.TypeDNSKEY, observe.UDP, small))
		if m := tr.Msg(); tr.Status == observe.StatusOK && m.Truncated {
			c.Do(ctx, log, req(observe.PurposeTruncTCP, zone, dns.TypeDNSKEY, observe.TCP, small))
		}
		c.AXFR(ctx, log, observe.PurposeAXFR, server, zone)
	}
	if scope&ServerLevel != 0 {
		c.Do(ctx, log, req(observe.PurposeEDNSPlain, zone, dns.TypeSOA, observe.UDP, nil))
		c.Do(ctx, log, req(observe.PurposeEDNSVer, zone, dns.TypeSOA, observe.UDP,
			&observe.EDNS{Version: UnknownVersion, UDPSize: BufferSize}))
		c.Do(ctx, log, req(observe.PurposeEDNSOpt, zone, dns.TypeSOA, observe.UDP, edns(false, UnknownOption)))
		c.Do(ctx, log, req(observe.PurposeEDNSFlags, zone, dns.TypeSOA, observe.UDP,
			&observe.EDNS{UDPSize: BufferSize, Z: UnknownFlags}))
		c.Do(ctx, log, req(observe.PurposeNSID, zone, dns.TypeSOA, observe.UDP, edns(false, dns.EDNS0NSID)))
		if mixed := MixedCase(zone); mixed != zone {
			c.Do(ctx, log, req(observe.PurposeQNameCase, mixed, dns.TypeSOA, observe.UDP, edns(false)))
		}
		c.Do(ctx, log, req(observe.PurposeAAAA, zone, dns.TypeAAAA, observe.UDP, edns(false)))
		r := transport.Request{Purpose: observe.PurposeRecursion, Zone: zone, Server: server, QName: RecursionName, QType: dns.TypeNS, RD: true, EDNS: edns(false)}
		c.Do(ctx, log, r)
		for _, ch := range []struct{ purpose, name string }{
			{observe.PurposeChaosHost, "hostname.bind."},
			{observe.PurposeChaosID, "id.server."},
			{observe.PurposeChaosVer, "version.bind."},
			{observe.PurposeChaosVerS, "version.server."},
		} {
			c.Do(ctx, log, transport.Request{Purpose: ch.purpose, Zone: zone, Server: server, QName: ch.name, QType: dns.TypeTXT, QClass: dns.ClassCHAOS})
		}
	}
}

// MixedCase returns name with its letters alternately upper and lower case
// from the first, across labels ("example.org." → "ExAmPlE.oRg."); a name without
// letters comes back as it is.
func MixedCase(name string) string {
	b := []byte(name)
	up := true
	for i, c := range b {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			if up {
				b[i] = c &^ 0x20
			} else {
				b[i] = c | 0x20
			}
			up = !up
		}
	}
	return string(b)
}
