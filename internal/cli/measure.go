package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/collect"
	"github.com/lac-dns-observatory/dnsobs/internal/measure"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/scan"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

// measureFlags are the flags of every command that sends queries.
type measureFlags struct {
	lab               bool
	labPort           uint
	hints             string
	trustAnchor       string
	geoASN            string
	geoCountry        string
	timeout           time.Duration
	retries           int
	qps               float64
	serverQPS         float64
	serverConcurrency int
	doNotProbe        string
	doNotProbeFile    string
	family            int // 4 or 6: one address family only (check -4, -6); not a flag of its own
	fs                *flag.FlagSet
	// wrap, when set, wraps the Exchanger under the client (check's
	// progress watches the exchanges through it).
	wrap func(transport.Exchanger) transport.Exchanger
}

// set reports whether the flag name was given on the command line.
func (m *measureFlags) set(name string) bool {
	found := false
	if m.fs != nil {
		m.fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	}
	return found
}

func (m *measureFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&m.lab, "lab", false, "lab mode: only loopback and private addresses may be queried; requires --hints")
	fs.UintVar(&m.labPort, "lab-port", 0, "lab mode only: send every query to this port instead of 53 (non-root lab servers)")
	fs.StringVar(&m.hints, "hints", "", "root hints `FILE` in zone-file format (default: IANA's, built in)")
	fs.StringVar(&m.trustAnchor, "trust-anchor", "", "root trust anchor `FILE`, DS or DNSKEY in zone-file format (default: IANA's, built in)")
	fs.StringVar(&m.geoASN, "geo-asn", "", "MMDB `FILE` mapping addresses to ASNs (GeoLite2-ASN, DB-IP ASN, IPinfo)")
	fs.StringVar(&m.geoCountry, "geo-country", "", "MMDB `FILE` mapping addresses to countries (GeoLite2-Country, DB-IP, IPinfo)")
	m.timeout = 2 * time.Second
	fs.Var((*durationFlag)(&m.timeout), "timeout", "timeout of one query attempt, with a unit (e.g. 2s, 500ms)")
	fs.IntVar(&m.retries, "retries", 2, "extra attempts after a UDP timeout (backoff doubles from 200ms)")
	fs.Float64Var(&m.qps, "qps", 200, "global query rate limit, queries per second (0: unlimited; with --lab the default is unlimited)")
	fs.Float64Var(&m.serverQPS, "server-qps", 20, "query rate limit per server address (0: unlimited; with --lab the default is unlimited)")
	m.fs = fs
	fs.IntVar(&m.serverConcurrency, "server-concurrency", 4, "queries in flight per server address")
	fs.StringVar(&m.doNotProbe, "do-not-probe", "", "comma-separated `CIDRs` never to query")
	fs.StringVar(&m.doNotProbeFile, "do-not-probe-file", "", "`FILE` of CIDRs never to query, one per line, # comments")
}

// usageError is bad input: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func badUsage(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// measurement is what a command that sends queries runs with: the
// stack measure.New wired, and the sockets it runs on.
type measurement struct {
	collector *collect.Collector
	client    *transport.Client
	anchors   []dns.RR
	// The texts the hints and the anchor were read from, and where from
	// ("built-in" or the file), for an observation record's provenance
	// and the check's progress line (server names from the hints).
	hintsText, hintsSrc   string
	anchorText, anchorSrc string
	stack                 *measure.Stack
	net                   *transport.Net // nil when the Env gave an Exchanger
}

func (m *measurement) Close() error {
	if m.net != nil {
		m.net.Close()
	}
	return m.stack.Close()
}

func (m *measureFlags) build(env *Env) (*measurement, error) {
	if m.lab && m.hints == "" {
		return nil, badUsage("--lab requires --hints FILE: lab mode never uses the real root servers")
	}
	if m.labPort != 0 && !m.lab {
		return nil, badUsage("--lab-port is only allowed with --lab")
	}
	if err := m.validate(); err != nil {
		return nil, err
	}
	if m.lab {
		// The lab's servers are our own: no politeness limits unless asked.
		if !m.set("qps") {
			m.qps = 0
		}
		if !m.set("server-qps") {
			m.serverQPS = 0
		}
	}
	hintsText, hintsSrc := resolver.DefaultHints, "built-in root hints"
	if m.hints != "" {
		b, err := readFlagFile("--hints", m.hints, limitHints)
		if err != nil {
			return nil, err
		}
		hintsText, hintsSrc = string(b), m.hints
	}
	hints, err := resolver.ParseHints(hintsText, hintsSrc)
	if err != nil {
		return nil, badUsage("bad --hints: %v", err)
	}
	anchors, anchorText, anchorSrc, err := readAnchors(m.trustAnchor, m.lab)
	if err != nil {
		return nil, err
	}
	cidrs := strings.Split(m.doNotProbe, ",")
	if m.doNotProbeFile != "" {
		b, err := readFlagFile("--do-not-probe-file", m.doNotProbeFile, limitDoNotProbe)
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if i := strings.IndexByte(line, '#'); i >= 0 {
				line = line[:i]
			}
			cidrs = append(cidrs, strings.TrimSpace(line))
		}
	}
	dnp, err := transport.ParseCIDRs(cidrs)
	if err != nil {
		return nil, badUsage("%v", err)
	}
	if err := checkGeoFiles(m.geoASN, m.geoCountry); err != nil {
		return nil, err
	}
	policy := transport.Policy{Lab: m.lab, DoNotProbe: dnp, Family: m.family}
	ex := env.Exchanger
	var sockets *transport.Net
	if ex == nil {
		sockets = &transport.Net{Policy: policy, Port: uint16(m.labPort)}
		ex = sockets
	}
	if m.wrap != nil {
		ex = m.wrap(ex)
	}
	retries := m.retries
	if retries == 0 {
		retries = -1
	}
	st, err := measure.New(measure.Config{
		Exchanger: ex, Policy: policy, Hints: hints, Anchors: anchors, GeoASN: m.geoASN, GeoCountry: m.geoCountry,
		Options: transport.Options{
			Timeout: m.timeout, Retries: retries, QPS: m.qps, ServerQPS: m.serverQPS,
			ServerConcurrency: m.serverConcurrency,
		},
	})
	if err != nil {
		if sockets != nil {
			sockets.Close()
		}
		return nil, badUsage("%v", err)
	}
	if m.hints == "" {
		hintsSrc = "built-in"
	}
	return &measurement{collector: st.Collector, client: st.Client, anchors: st.Anchors, stack: st, net: sockets,
		hintsText: hintsText, hintsSrc: hintsSrc, anchorText: anchorText, anchorSrc: anchorSrc}, nil
}

// loadAnchors reads a root trust anchor file, or returns IANA's built-in
// anchors when path is empty. A lab world never uses the built-in anchor:
// without a file it has none, and DNSSEC is indeterminate ("no trust
// anchor for this world") while the zone-level checks still run.
func loadAnchors(path string, lab bool) ([]dns.RR, error) {
	anchors, _, _, err := readAnchors(path, lab)
	return anchors, err
}

// readAnchors is loadAnchors that also returns the anchor's text and its
// source: the file, "built-in", or "none" (a lab world without one).
func readAnchors(path string, lab bool) (anchors []dns.RR, text, src string, err error) {
	if path == "" && lab {
		return nil, "", "none", nil
	}
	text, src = resolver.DefaultTrustAnchor, "built-in"
	if path != "" {
		b, err := readFlagFile("--trust-anchor", path, limitAnchor)
		if err != nil {
			return nil, "", "", err
		}
		text, src = string(b), path
	}
	what := src
	if path == "" {
		what = "built-in trust anchor"
	}
	anchors, err = resolver.ParseTrustAnchor(text, what)
	if err != nil {
		return nil, "", "", badUsage("bad --trust-anchor: %v", err)
	}
	return anchors, text, src, nil
}

func exitFor(err error) int {
	var u *usageError
	var b *scan.BadInputError
	if errors.As(err, &u) || errors.As(err, &b) {
		return ExitUsage
	}
	return ExitInternal
}
