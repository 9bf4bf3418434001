package geo

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// Network is one network's geo data, the input of WriteMMDB.
type Network struct {
	Prefix  netip.Prefix
	ASN     uint32
	Org     string
	Country string // ISO 3166-1 alpha-2
}

// WriteDatabases writes nets into dir (created if needed) as asn.mmdb
// (GeoLite2-ASN) and country.mmdb (GeoLite2-Country), the pair Open reads,
// and returns their paths: how a lab world's address plan becomes geo data.
func WriteDatabases(dir string, nets []Network) (asn, country string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("geo: write databases: %w", err)
	}
	asn, country = filepath.Join(dir, "asn.mmdb"), filepath.Join(dir, "country.mmdb")
	if err := WriteMMDB(asn, FormatGeoLite2ASN, nets); err != nil {
		return "", "", err
	}
	if err := WriteMMDB(country, FormatGeoLite2Country, nets); err != nil {
		return "", "", err
	}
	return asn, country, nil
}

// WriteMMDB writes nets to a new MMDB file at path in the given format,
// with the fields that format carries (a country file gets no AS data).
// Reserved networks (127.0.0.0/8, ::1 ...) are allowed and IPv4 is not
// aliased into IPv6, so lab addresses such as 127.53.0.0/16 can be looked
// up. Later networks override earlier overlapping ones. The file is
// written beside path and renamed into place, so readers never see half a
// file.
func WriteMMDB(path string, format Format, nets []Network) error {
	if format.schema() == schemaUnknown {
		return fmt.Errorf("geo: write %s: unknown format %q", path, format)
	}
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType:            string(format),
		Description:             map[string]string{"en": "dnsobs geo data (" + string(format) + ")"},
		IncludeReservedNetworks: true,
		DisableIPv4Aliasing:     true,
		IPVersion:               6,
		RecordSize:              28,
	})
	if err != nil {
		return fmt.Errorf("geo: write %s: %w", path, err)
	}
	for i, n := range nets {
		ipnet, err := toIPNet(n.Prefix)
		if err != nil {
			return fmt.Errorf("geo: write %s: network %d: %w", path, i, err)
		}
		if err := tree.Insert(ipnet, encode(format, n)); err != nil {
			return fmt.Errorf("geo: write %s: network %s: %w", path, n.Prefix, err)
		}
	}

	tmp, err := os.CreateTemp(filepath.Dir(path), ".geo-*.mmdb")
	if err != nil {
		return fmt.Errorf("geo: write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // gone after the rename
	if _, err := tree.WriteTo(tmp); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("geo: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("geo: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("geo: write %s: %w", path, err)
	}
	return nil
}

// toIPNet converts p, with IPv4-mapped IPv6 prefixes turned into IPv4.
func toIPNet(p netip.Prefix) (*net.IPNet, error) {
	if !p.IsValid() {
		return nil, fmt.Errorf("invalid prefix %q", p)
	}
	p = p.Masked()
	a, bits := p.Addr(), p.Bits()
	if a.Is4In6() && bits >= 96 {
		a, bits = a.Unmap(), bits-96
	}
	return &net.IPNet{IP: a.AsSlice(), Mask: net.CIDRMask(bits, a.BitLen())}, nil
}

// encode builds n's record in the layout of format.
func encode(format Format, n Network) mmdbtype.Map {
	m := mmdbtype.Map{}
	switch format.schema() {
	case schemaMaxMind:
		if format.HasASN() && n.ASN != 0 {
			m["autonomous_system_number"] = mmdbtype.Uint32(n.ASN)
			if n.Org != "" {
				m["autonomous_system_organization"] = mmdbtype.String(n.Org)
			}
		}
		if format.HasCountry() && n.Country != "" {
			c := mmdbtype.Map{"iso_code": mmdbtype.String(n.Country)}
			m["country"] = c
			m["registered_country"] = c
		}
	case schemaIPinfo:
		if format.HasASN() && n.ASN != 0 {
			m["asn"] = mmdbtype.String(fmt.Sprintf("AS%d", n.ASN))
			if n.Org != "" {
				if format == FormatIPinfoLite {
					m["as_name"] = mmdbtype.String(n.Org)
				} else {
					m["name"] = mmdbtype.String(n.Org)
				}
			}
		}
		if format.HasCountry() && n.Country != "" {
			if format == FormatIPinfoLite {
				m["country_code"] = mmdbtype.String(n.Country)
			} else {
				m["country"] = mmdbtype.String(n.Country)
			}
		}
	}
	return m
}
