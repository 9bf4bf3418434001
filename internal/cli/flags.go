package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// Size limits of the files flags name: far above any real file of the
// kind, far below what would exhaust memory. A file over its limit (or a
// device such as /dev/zero that never ends) is refused with a usage error
// naming the flag and the limit.
const (
	limitHints      = 1 << 20   // --hints: IANA's named.root is about 3 KB
	limitAnchor     = 1 << 20   // --trust-anchor: root-anchors is under 1 KB
	limitDoNotProbe = 16 << 20  // --do-not-probe-file: a few hundred thousand prefixes
	limitReplay     = 256 << 20 // --replay: one domain's observations (the store's own cap)
	limitGeo        = 1 << 30   // --geo-asn, --geo-country: GeoLite2-City is about 70 MB
	limitInput      = 64 << 30  // --input: streamed; the largest TLD zone files are tens of GB
)

// sizeName prints a limit in the unit it was written in.
func sizeName(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func tooLarge(flag, path string, limit int64) error {
	return badUsage("%s %s is larger than the %s limit for this flag", flag, path, sizeName(limit))
}

// readFlagFile reads the whole file a flag names, at most limit bytes.
func readFlagFile(flag, path string, limit int64) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, badUsage("cannot read %s: %v", flag, err)
	}
	defer fh.Close() //nolint:errcheck // read-only
	if fi, err := fh.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > limit {
		return nil, tooLarge(flag, path, limit)
	}
	b, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, badUsage("cannot read %s: %v", flag, err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(flag, path, limit)
	}
	return b, nil
}

// checkFlagFile checks a file a flag names that a library opens itself
// (memory-mapped MMDB files): a regular file of at most limit bytes.
func checkFlagFile(flag, path string, limit int64) error {
	if path == "" {
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return badUsage("cannot read %s: %v", flag, err)
	}
	if !fi.Mode().IsRegular() {
		return badUsage("%s %s is not a regular file", flag, path)
	}
	if fi.Size() > limit {
		return tooLarge(flag, path, limit)
	}
	return nil
}

// checkGeoFiles checks --geo-asn and --geo-country.
func checkGeoFiles(asn, country string) error {
	if err := checkFlagFile("--geo-asn", asn, limitGeo); err != nil {
		return err
	}
	return checkFlagFile("--geo-country", country, limitGeo)
}

// openFlagFile opens a file a flag names for streaming: reading past
// limit bytes fails with a usage error naming the flag and the limit.
func openFlagFile(flag, path string, limit int64) (io.ReadCloser, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, badUsage("cannot read %s: %v", flag, err)
	}
	if fi, err := fh.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > limit {
		_ = fh.Close()
		return nil, tooLarge(flag, path, limit)
	}
	return &limitedFile{fh: fh, left: limit, err: tooLarge(flag, path, limit)}, nil
}

// limitFlagReader applies openFlagFile's limit to a reader (standard input).
func limitFlagReader(flag string, r io.Reader, limit int64) io.ReadCloser {
	return &limitedFile{fh: io.NopCloser(r), left: limit, err: tooLarge(flag, "-", limit)}
}

type limitedFile struct {
	fh   io.ReadCloser
	left int64
	err  error
}

func (l *limitedFile) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more tells a file of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := l.fh.Read(one[:]); n > 0 {
			return 0, l.err
		}
		return l.fh.Read(p)
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.fh.Read(p)
	l.left -= int64(n)
	return n, err
}

func (l *limitedFile) Close() error { return l.fh.Close() }

// Bounds of numeric flags. A value outside is a usage error, not a
// surprise at run time (--parallel 2147483648 would exhaust memory).
const (
	maxParallel          = 4096 // --parallel: domains in flight
	maxRetries           = 10   // --retries: extra attempts after a timeout
	maxServerConcurrency = 1024 // --server-concurrency: queries in flight per server
	maxTimeout           = 5 * time.Minute
)

// checkParallel checks --parallel.
func checkParallel(n int) error {
	if n < 1 || n > maxParallel {
		return badUsage("--parallel %d is out of range: want 1 to %d", n, maxParallel)
	}
	return nil
}

// validate checks the measurement flags' values before anything is read
// or opened.
func (m *measureFlags) validate() error {
	if m.set("lab-port") && m.labPort == 0 {
		return badUsage("--lab-port 0 is not a port: port 53 is the default: leave the flag out")
	}
	if m.labPort > 65535 {
		return badUsage("--lab-port %d is not a port number", m.labPort)
	}
	for _, r := range []struct {
		flag string
		v    float64
	}{{"--qps", m.qps}, {"--server-qps", m.serverQPS}} {
		if !(r.v >= 0) || math.IsInf(r.v, 0) {
			return badUsage("%s %v: want a rate of 0 (unlimited) or more queries per second", r.flag, r.v)
		}
	}
	if m.retries < 0 || m.retries > maxRetries {
		return badUsage("--retries %d is out of range: want 0 to %d", m.retries, maxRetries)
	}
	if m.timeout <= 0 || m.timeout > maxTimeout {
		return badUsage("--timeout %v is out of range: want more than 0 and at most %v", m.timeout, maxTimeout)
	}
	if m.serverConcurrency < 1 || m.serverConcurrency > maxServerConcurrency {
		return badUsage("--server-concurrency %d is out of range: want 1 to %d", m.serverConcurrency, maxServerConcurrency)
	}
	return nil
}

// durationFlag is a time.Duration flag whose error says what is missing
// when the unit is.
type durationFlag time.Duration

func (d *durationFlag) String() string { return time.Duration(*d).String() }

func (d *durationFlag) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil {
		if _, nerr := strconv.ParseFloat(s, 64); nerr == nil {
			return fmt.Errorf("%s has no unit: add a unit, e.g. 5s", s)
		}
		return fmt.Errorf("not a duration: want e.g. 5s, 1500ms or 1m")
	}
	*d = durationFlag(v)
	return nil
}

// filterScope keeps the aggregates of --scope: "all", "tld:TLD" or
// "country:CC" (any case). An unknown form, or a TLD or country the run
// has no domain in, is a usage error.
func filterScope(scope string, runID int64, aggs []store.Aggregate) ([]store.Aggregate, error) {
	if scope == "" {
		return aggs, nil
	}
	kind, val, _ := strings.Cut(scope, ":")
	switch {
	case scope == "all":
	case kind == "tld" && val != "":
		scope = "tld:" + strings.ToLower(strings.TrimSuffix(val, "."))
	case kind == "country" && len(val) == 2:
		scope = "country:" + strings.ToUpper(val)
	default:
		return nil, badUsage("unknown --scope %s: want all, tld:TLD (e.g. tld:cl) or country:CC (e.g. country:CL)", dnsname.Quote(scope))
	}
	var keep []store.Aggregate
	have := map[string]bool{}
	for _, a := range aggs {
		have[a.Scope] = true
		if a.Scope == scope {
			keep = append(keep, a)
		}
	}
	if len(keep) == 0 {
		var list []string
		for s := range have {
			list = append(list, s)
		}
		sort.Strings(list)
		if len(list) > 10 {
			list = append(list[:10], "...")
		}
		return nil, badUsage("--scope %s is not in run %d (its scopes: %s)", scope, runID, strings.Join(list, ", "))
	}
	return keep, nil
}

// parseReplay reads an observation record saved by check
// --save-observations: one JSON object with exactly its fields, a valid
// domain name and a collection time, and, since provenance version 1, the
// provenance of a version this code reads, whose trust anchor parses.
// Anything else (a --json report, a list, another JSON file) is a usage
// error. The provenance is nil for a record written before it existed.
func parseReplay(path string, b []byte) (*observe.Domain, *provenance, error) {
	d, p, err := decodeRecord(b)
	if err != nil {
		return nil, nil, badUsage("--replay %s is not an observation record (write one with check --save-observations): %v", dnsname.Terminal(path), err)
	}
	return d, p, nil
}

// decodeRecord is parseReplay's check of the record's content.
func decodeRecord(b []byte) (*observe.Domain, *provenance, error) {
	notRecord := func(why string, a ...any) (*observe.Domain, *provenance, error) {
		return nil, nil, fmt.Errorf(why, a...)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	rec := observationRecord{Domain: new(observe.Domain)}
	if err := dec.Decode(&rec); err != nil {
		return notRecord("%s", dnsname.Escape(err.Error()))
	}
	if dec.More() {
		return notRecord("more than one JSON value")
	}
	d := rec.Domain
	if d.Domain == "" {
		return notRecord("no domain")
	}
	n, err := dnsname.Normalize(d.Domain)
	if err != nil {
		return notRecord("%v", err)
	}
	if n != d.Domain {
		return notRecord("domain %s is not in normal form (%s)", dnsname.Quote(d.Domain), n)
	}
	if d.CollectedAt.IsZero() {
		return notRecord("no collected_at time")
	}
	if p := rec.Provenance; p != nil {
		if p.Version != provenanceVersion {
			return notRecord("provenance version %d: this dnsobs reads version %d", p.Version, provenanceVersion)
		}
		if _, err := p.TrustAnchor.anchors(); err != nil {
			return notRecord("its trust anchor: %s", dnsname.Escape(err.Error()))
		}
	}
	return d, rec.Provenance, nil
}

// stringsFlag is a flag that may be given more than once (check --ds).
type stringsFlag []string

func (f *stringsFlag) String() string { return strings.Join(*f, " ") }

func (f *stringsFlag) Set(s string) error {
	*f = append(*f, s)
	return nil
}

// parseDS checks the values of check --ds, KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST
// as Zonemaster's --ds takes them, and returns them as DS records of
// domain in zone-file form. The key tag is 0 to 65535, the algorithm 0 to
// 255, the digest type one dnsobs computes (1 SHA-1, 2 SHA-256, 4 SHA-384)
// and the digest hex of its length (resolver.CheckDigest, as for
// --trust-anchor).
func parseDS(domain string, values []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		parts := strings.Split(v, ",")
		if len(parts) != 4 {
			return nil, badUsage("--ds %q: want KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST, e.g. 12345,13,2,%s", v, strings.Repeat("ab", 32))
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		tag, err := strconv.ParseUint(parts[0], 10, 16)
		if err != nil {
			return nil, badUsage("--ds %q: key tag %q is not a number from 0 to 65535", v, parts[0])
		}
		alg, err := strconv.ParseUint(parts[1], 10, 8)
		if err != nil {
			return nil, badUsage("--ds %q: algorithm %q is not a number from 0 to 255", v, parts[1])
		}
		dt, err := strconv.ParseUint(parts[2], 10, 8)
		if err != nil {
			return nil, badUsage("--ds %q: digest type %q is not a number from 0 to 255", v, parts[2])
		}
		ds := &dns.DS{Hdr: dns.RR_Header{Name: dns.Fqdn(domain), Rrtype: dns.TypeDS, Class: dns.ClassINET},
			KeyTag: uint16(tag), Algorithm: uint8(alg), DigestType: uint8(dt), Digest: strings.ToUpper(parts[3])}
		if err := resolver.CheckDigest(ds); err != nil {
			return nil, badUsage("--ds %q: %v", v, err)
		}
		if text := ds.String(); !seen[text] {
			seen[text] = true
			out = append(out, text)
		}
	}
	return out, nil
}
