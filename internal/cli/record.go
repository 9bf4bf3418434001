package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/resolver"
)

// provenanceVersion is the version of the provenance that check
// --save-observations writes into an observation record and that
// --replay reads. A record without provenance (written before it existed)
// still replays; a record of a newer version is refused.
const provenanceVersion = 1

// observationRecord is the file check --save-observations writes and
// check --replay reads: a domain's observations (the fields of
// observe.Domain) and what they were measured with.
type observationRecord struct {
	*observe.Domain
	Provenance *provenance `json:"provenance,omitempty"`
}

// provenance is what a check ran with that decides its analysis beyond
// the observations: the root trust anchor (its records, so replay
// validates DNSSEC as the check did), the root hints, and the GeoIP
// databases (whose answers are in the observations, per address).
type provenance struct {
	Version     int            `json:"version"`
	TrustAnchor recordedAnchor `json:"trust_anchor"`
	Hints       recordedFile   `json:"hints"`
	GeoASN      *recordedGeo   `json:"geo_asn,omitempty"`
	GeoCountry  *recordedGeo   `json:"geo_country,omitempty"`
}

// recordedAnchor is a trust anchor: where it came from, the SHA-256 of
// its text, and its DS or DNSKEY records in presentation format.
type recordedAnchor struct {
	Source  string   `json:"source"` // "built-in" or the --trust-anchor file
	SHA256  string   `json:"sha256"`
	Records []string `json:"records"`
}

// recordedFile is an input file: where it came from and the SHA-256 of
// its text ("built-in" for the compiled-in default).
type recordedFile struct {
	Source string `json:"source"`
	SHA256 string `json:"sha256"`
}

// recordedGeo is an MMDB file: its metadata and its SHA-256.
type recordedGeo struct {
	geo.FileInfo
	SHA256 string `json:"sha256"`
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// sha256File hashes a file without reading it into memory.
func sha256File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close() //nolint:errcheck // read-only
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, limitGeo+1)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// provenance returns what m was built with, for an observation record.
func (m *measurement) provenance() (*provenance, error) {
	p := &provenance{
		Version:     provenanceVersion,
		TrustAnchor: recordedAnchor{Source: m.anchorSrc, SHA256: sha256Hex(m.anchorText)},
		Hints:       recordedFile{Source: m.hintsSrc, SHA256: sha256Hex(m.hintsText)},
	}
	for _, rr := range m.anchors {
		p.TrustAnchor.Records = append(p.TrustAnchor.Records, rr.String())
	}
	asn, country := m.stack.Geo.Files()
	sums := map[string]string{}
	for _, f := range []struct {
		info *geo.FileInfo
		dst  **recordedGeo
	}{{asn, &p.GeoASN}, {country, &p.GeoCountry}} {
		if f.info == nil {
			continue
		}
		sum, ok := sums[f.info.Path]
		if !ok {
			var err error
			if sum, err = sha256File(f.info.Path); err != nil {
				return nil, fmt.Errorf("hashing %s: %w", f.info.Path, err)
			}
			sums[f.info.Path] = sum
		}
		*f.dst = &recordedGeo{FileInfo: *f.info, SHA256: sum}
	}
	return p, nil
}

// anchors returns the recorded trust anchor's records, checked as a
// --trust-anchor file is.
// A lab check without --trust-anchor recorded none (source "none"): its
// replay has none either, as the check had.
func (a recordedAnchor) anchors() ([]dns.RR, error) {
	if a.Source == "none" && len(a.Records) == 0 {
		return nil, nil
	}
	if len(a.Records) == 0 {
		return nil, fmt.Errorf("no records")
	}
	return resolver.ParseTrustAnchor(strings.Join(a.Records, "\n")+"\n", "the recorded trust anchor")
}

// relookupGeo replaces the recorded GeoIP answers of every nameserver
// address of d with db's.
func relookupGeo(d *observe.Domain, db *geo.DB) {
	for _, ns := range d.Nameservers {
		for i := range ns.Addresses {
			g := db.Lookup(ns.Addresses[i].Addr)
			ns.Addresses[i].Geo = &g
		}
	}
}
