package geo

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/oschwald/maxminddb-golang/v2"
)

// Format names the record layout of an MMDB file. Its value is the
// database_type that WriteMMDB writes in the file's metadata.
type Format string

// The supported formats.
const (
	// FormatGeoLite2ASN: autonomous_system_number, autonomous_system_organization.
	FormatGeoLite2ASN Format = "GeoLite2-ASN"
	// FormatGeoLite2Country: country.iso_code, registered_country.iso_code.
	FormatGeoLite2Country Format = "GeoLite2-Country"
	// FormatGeoLite2City: as FormatGeoLite2Country, plus city data we ignore.
	FormatGeoLite2City Format = "GeoLite2-City"
	// FormatDBIPASN: DB-IP's ASN lite file, GeoLite2-ASN compatible.
	FormatDBIPASN Format = "DBIP-ASN-Lite (compat=GeoLite2-ASN)"
	// FormatDBIPCountry: DB-IP's country lite file, GeoLite2-Country compatible.
	FormatDBIPCountry Format = "DBIP-Country-Lite (compat=GeoLite2-Country)"
	// FormatIPinfoASN: asn ("AS64500"), name.
	FormatIPinfoASN Format = "ipinfo asn.mmdb"
	// FormatIPinfoCountry: country (ISO code), also country_code.
	FormatIPinfoCountry Format = "ipinfo country.mmdb"
	// FormatIPinfoLite: asn, as_name, country_code (country is the name).
	FormatIPinfoLite Format = "ipinfo lite.mmdb"
)

// Formats lists the supported formats, in a stable order.
func Formats() []Format {
	return []Format{
		FormatGeoLite2ASN, FormatGeoLite2Country, FormatGeoLite2City,
		FormatDBIPASN, FormatDBIPCountry,
		FormatIPinfoASN, FormatIPinfoCountry, FormatIPinfoLite,
	}
}

// schema is how a format's records are decoded.
type schema int

const (
	schemaUnknown schema = iota
	schemaMaxMind        // GeoLite2 and DB-IP: nested country maps, numeric ASN
	schemaIPinfo         // IPinfo: flat strings
)

func (f Format) schema() schema {
	switch f {
	case FormatGeoLite2ASN, FormatGeoLite2Country, FormatGeoLite2City, FormatDBIPASN, FormatDBIPCountry:
		return schemaMaxMind
	case FormatIPinfoASN, FormatIPinfoCountry, FormatIPinfoLite:
		return schemaIPinfo
	}
	return schemaUnknown
}

// HasASN reports whether records of the format carry an AS number.
func (f Format) HasASN() bool {
	switch f {
	case FormatGeoLite2ASN, FormatDBIPASN, FormatIPinfoASN, FormatIPinfoLite:
		return true
	}
	return false
}

// HasCountry reports whether records of the format carry a country.
func (f Format) HasCountry() bool {
	switch f {
	case FormatGeoLite2Country, FormatGeoLite2City, FormatDBIPCountry, FormatIPinfoCountry, FormatIPinfoLite:
		return true
	}
	return false
}

// Detect opens the MMDB file at path and says which format it is in.
func Detect(path string) (Format, error) {
	r, err := maxminddb.Open(path)
	if err != nil {
		return "", fmt.Errorf("geo: open %s: %w", path, err)
	}
	defer r.Close() //nolint:errcheck // read-only
	f, err := detect(r)
	if err != nil {
		return "", fmt.Errorf("geo: %s: %w", path, err)
	}
	return f, nil
}

// errUnknownFormat is returned when neither the metadata nor the records
// say which format a file is in.
var errUnknownFormat = errors.New("unrecognised MMDB format")

// detect names the format of r from its database_type, falling back to
// the fields of its first non-empty record.
func detect(r *maxminddb.Reader) (Format, error) {
	if f := Format(r.Metadata.DatabaseType); f.schema() != schemaUnknown {
		return f, nil // one of ours, or a vendor's exact name
	}
	t := strings.ToLower(r.Metadata.DatabaseType)
	sample, err := firstRecord(r)
	if err != nil {
		return "", err
	}
	switch {
	case strings.Contains(t, "ipinfo"):
		return ipinfoFormat(t, sample), nil
	case strings.Contains(t, "dbip") || strings.Contains(t, "db-ip"):
		if strings.Contains(t, "asn") || strings.Contains(t, "isp") {
			return FormatDBIPASN, nil
		}
		if strings.Contains(t, "country") || strings.Contains(t, "city") {
			return FormatDBIPCountry, nil
		}
	case strings.Contains(t, "geolite2") || strings.Contains(t, "geoip2"):
		switch {
		case strings.Contains(t, "asn") || strings.Contains(t, "isp"):
			return FormatGeoLite2ASN, nil
		case strings.Contains(t, "city"):
			return FormatGeoLite2City, nil
		case strings.Contains(t, "country"):
			return FormatGeoLite2Country, nil
		}
	}
	// An unknown type name: judge by the record fields.
	if sample == nil {
		return "", fmt.Errorf("%w: database_type %q and no records", errUnknownFormat, r.Metadata.DatabaseType)
	}
	if _, ok := sample["autonomous_system_number"]; ok {
		return FormatGeoLite2ASN, nil
	}
	if isMap(sample["country"]) || isMap(sample["registered_country"]) {
		return FormatGeoLite2Country, nil
	}
	_, asn := sample["asn"]
	_, cc := sample["country_code"]
	_, c := sample["country"]
	if asn || cc || c {
		return ipinfoFormat(t, sample), nil
	}
	return "", fmt.Errorf("%w: database_type %q, record fields %s", errUnknownFormat, r.Metadata.DatabaseType, fieldNames(sample))
}

// ipinfoFormat tells the IPinfo files apart by their fields, or by the
// type name when the file has no records.
func ipinfoFormat(t string, sample map[string]any) Format {
	var asn, country bool
	if sample != nil {
		_, asn = sample["asn"]
		_, cc := sample["country_code"]
		_, c := sample["country"]
		country = cc || c
	} else {
		asn = strings.Contains(t, "asn")
		country = strings.Contains(t, "country")
	}
	switch {
	case asn && !country:
		return FormatIPinfoASN
	case country && !asn:
		return FormatIPinfoCountry
	}
	return FormatIPinfoLite
}

// firstRecord decodes the first non-empty record of r, or nil when r has
// none.
func firstRecord(r *maxminddb.Reader) (map[string]any, error) {
	for res := range r.Networks(maxminddb.SkipEmptyValues()) {
		if err := res.Err(); err != nil {
			return nil, fmt.Errorf("read first record: %w", err)
		}
		var m map[string]any
		if err := res.Decode(&m); err != nil {
			return nil, fmt.Errorf("decode first record: %w", err)
		}
		return m, nil
	}
	return nil, nil
}

func isMap(v any) bool {
	_, ok := v.(map[string]any)
	return ok
}

func fieldNames(m map[string]any) string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	if len(names) == 0 {
		return "(none)"
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}
