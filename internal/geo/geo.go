package geo

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"

	"github.com/oschwald/maxminddb-golang/v2"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// DB answers geo lookups from up to two MMDB files, one for the AS data and
// one for the country; one file may serve both. It is safe for concurrent
// Lookups; Close must not race with them. A nil *DB answers with the prefix
// only.
type DB struct {
	asn     *source // nil when no AS data was configured
	country *source // may be the same as asn
}

// source is one opened MMDB file.
type source struct {
	path   string
	format Format
	r      *maxminddb.Reader
}

// Open opens the AS database at asnPath and the country database at
// countryPath. Either may be ""; both "" gives a DB that answers prefixes
// only. When both name the same file, it is opened once. A file whose
// format lacks what it is asked for (a country file given as the AS file,
// say) is an error, as is an unreadable or unrecognised file.
func Open(asnPath, countryPath string) (*DB, error) {
	db := &DB{}
	if asnPath != "" {
		s, err := openSource(asnPath, "asn")
		if err != nil {
			return nil, err
		}
		if !s.format.HasASN() {
			_ = s.r.Close()
			return nil, fmt.Errorf("geo: asn database %s is %s, which has no AS numbers", asnPath, s.format)
		}
		db.asn = s
	}
	if countryPath != "" {
		if db.asn != nil && countryPath == asnPath {
			db.country = db.asn
		} else {
			s, err := openSource(countryPath, "country")
			if err != nil {
				_ = db.Close()
				return nil, err
			}
			db.country = s
		}
		if !db.country.format.HasCountry() {
			_ = db.Close()
			return nil, fmt.Errorf("geo: country database %s is %s, which has no countries", countryPath, db.country.format)
		}
	}
	return db, nil
}

func openSource(path, role string) (*source, error) {
	r, err := maxminddb.Open(path)
	if err != nil {
		return nil, fmt.Errorf("geo: open %s database %s: %w", role, path, err)
	}
	f, err := detect(r)
	if err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("geo: %s database %s: %w", role, path, err)
	}
	return &source{path: path, format: f, r: r}, nil
}

// Formats says which format each configured file was detected as; "" for
// a file not configured.
func (db *DB) Formats() (asn, country Format) {
	if db == nil {
		return "", ""
	}
	if db.asn != nil {
		asn = db.asn.format
	}
	if db.country != nil {
		country = db.country.format
	}
	return asn, country
}

// FileInfo is what an opened MMDB file says about itself: its path, the
// format it was detected as, and its metadata's database type and build
// time (seconds since 1970).
type FileInfo struct {
	Path         string `json:"path"`
	Format       Format `json:"format"`
	DatabaseType string `json:"database_type"`
	BuildEpoch   uint64 `json:"build_epoch"`
}

// Files describes the configured files; nil for a role not configured.
func (db *DB) Files() (asn, country *FileInfo) {
	info := func(s *source) *FileInfo {
		if s == nil {
			return nil
		}
		return &FileInfo{Path: s.path, Format: s.format, DatabaseType: s.r.Metadata.DatabaseType, BuildEpoch: uint64(s.r.Metadata.BuildEpoch)}
	}
	if db == nil {
		return nil, nil
	}
	return info(db.asn), info(db.country)
}

// Close releases the files. It is safe on a nil *DB and to call twice.
func (db *DB) Close() error {
	if db == nil {
		return nil
	}
	var errs []error
	if db.asn != nil {
		if err := db.asn.r.Close(); err != nil {
			errs = append(errs, fmt.Errorf("geo: close %s: %w", db.asn.path, err))
		}
	}
	if db.country != nil && db.country != db.asn {
		if err := db.country.r.Close(); err != nil {
			errs = append(errs, fmt.Errorf("geo: close %s: %w", db.country.path, err))
		}
	}
	return errors.Join(errs...)
}

// Prefix returns the covering /24 of an IPv4 (or IPv4-mapped IPv6)
// address and the covering /48 of an IPv6 address; the zero Prefix for an
// invalid address.
func Prefix(a netip.Addr) netip.Prefix {
	if !a.IsValid() {
		return netip.Prefix{}
	}
	a = a.Unmap().WithZone("")
	bits := 48
	if a.Is4() {
		bits = 24
	}
	p, err := a.Prefix(bits)
	if err != nil {
		return netip.Prefix{}
	}
	return p
}

// Lookup returns what the databases say about a. Prefix is always set for
// a valid address; fields the databases do not know stay zero, and so do
// fields of a record that cannot be decoded (LookupErr reports those).
func (db *DB) Lookup(a netip.Addr) observe.Geo {
	g, _ := db.LookupErr(a)
	return g
}

// LookupErr is Lookup that also reports a record that could not be read.
// The Geo returned is filled as far as it could be, even with an error.
func (db *DB) LookupErr(a netip.Addr) (observe.Geo, error) {
	var g observe.Geo
	if p := Prefix(a); p.IsValid() {
		g.Prefix = p.String()
	}
	if db == nil || !a.IsValid() {
		return g, nil
	}
	a = a.Unmap().WithZone("")
	var errs []error
	var fromASN, fromCountry record
	if db.asn != nil {
		r, err := db.asn.lookup(a)
		if err != nil {
			errs = append(errs, err)
		}
		fromASN = r
	}
	if db.country != nil {
		if db.country == db.asn {
			fromCountry = fromASN
		} else {
			r, err := db.country.lookup(a)
			if err != nil {
				errs = append(errs, err)
			}
			fromCountry = r
		}
	}
	// Each field from the file configured for it, else from the other one.
	g.ASN, g.ASOrg = fromASN.asn, fromASN.org
	if g.ASN == 0 {
		g.ASN, g.ASOrg = fromCountry.asn, fromCountry.org
	}
	g.Country = fromCountry.country
	if g.Country == "" {
		g.Country = fromASN.country
	}
	return g, errors.Join(errs...)
}

// record is the part of a database record we use.
type record struct {
	asn     uint32
	org     string
	country string
}

// maxmindRecord is the GeoLite2 / DB-IP layout.
type maxmindRecord struct {
	ASN     uint32 `maxminddb:"autonomous_system_number"`
	Org     string `maxminddb:"autonomous_system_organization"`
	Country struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"country"`
	RegisteredCountry struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"registered_country"`
}

// ipinfoRecord is the IPinfo layout. asn and country are decoded loosely:
// files differ on whether asn is "AS64500" or a number, and on whether
// country is a code or a name.
type ipinfoRecord struct {
	ASN         any    `maxminddb:"asn"`
	Name        string `maxminddb:"name"`
	ASName      string `maxminddb:"as_name"`
	Country     any    `maxminddb:"country"`
	CountryCode string `maxminddb:"country_code"`
}

func (s *source) lookup(a netip.Addr) (record, error) {
	if a.Is6() && s.r.Metadata.IPVersion == 4 {
		return record{}, nil // an IPv4-only file knows nothing of IPv6
	}
	res := s.r.Lookup(a)
	if err := res.Err(); err != nil {
		return record{}, fmt.Errorf("geo: look up %s in %s: %w", a, s.path, err)
	}
	if !res.Found() {
		return record{}, nil
	}
	var out record
	switch s.format.schema() {
	case schemaMaxMind:
		var m maxmindRecord
		if err := res.Decode(&m); err != nil {
			return record{}, fmt.Errorf("geo: decode record for %s in %s: %w", a, s.path, err)
		}
		out.asn = m.ASN
		out.org = cleanOrg(m.Org)
		out.country = countryCode(m.Country.ISOCode)
		if out.country == "" {
			out.country = countryCode(m.RegisteredCountry.ISOCode)
		}
	case schemaIPinfo:
		var m ipinfoRecord
		if err := res.Decode(&m); err != nil {
			return record{}, fmt.Errorf("geo: decode record for %s in %s: %w", a, s.path, err)
		}
		out.asn = parseASN(m.ASN)
		out.org = cleanOrg(m.ASName)
		if out.org == "" {
			out.org = cleanOrg(m.Name)
		}
		out.country = countryCode(m.CountryCode)
		if out.country == "" {
			if c, ok := m.Country.(string); ok {
				out.country = countryCode(c)
			}
		}
	}
	if out.asn == 0 {
		out.org = "" // an organisation without a number is not an AS
	}
	return out, nil
}

// parseASN reads an AS number written as "AS64500", "64500" or a number;
// 0 when it is none of those or out of range.
func parseASN(v any) uint32 {
	var n uint64
	switch x := v.(type) {
	case string:
		s := strings.TrimSpace(x)
		if len(s) >= 2 && strings.EqualFold(s[:2], "AS") {
			s = s[2:]
		}
		u, err := strconv.ParseUint(s, 10, 32)
		if err != nil {
			return 0
		}
		n = u
	case uint64:
		n = x
	case uint32:
		n = uint64(x)
	case uint16:
		n = uint64(x)
	case int:
		if x < 0 {
			return 0
		}
		n = uint64(x)
	case int32:
		if x < 0 {
			return 0
		}
		n = uint64(x)
	case int64:
		if x < 0 {
			return 0
		}
		n = uint64(x)
	default:
		return 0
	}
	if n > math.MaxUint32 {
		return 0
	}
	return uint32(n)
}

// countryCode returns s as an upper-case ISO 3166-1 alpha-2 code, or ""
// when s is not two ASCII letters (a country name, say).
func countryCode(s string) string {
	s = strings.TrimSpace(s)
	if len(s) != 2 {
		return ""
	}
	for i := 0; i < 2; i++ {
		c := s[i] | 0x20 // lower-case ASCII letters
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	return strings.ToUpper(s)
}

// cleanOrg trims an organisation name and drops control characters, which
// have no place in reports.
func cleanOrg(s string) string {
	s = strings.TrimSpace(s)
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }
