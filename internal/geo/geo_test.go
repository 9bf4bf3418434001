package geo

import (
	"errors"
	"io/fs"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

var testNets = []Network{
	{Prefix: netip.MustParsePrefix("192.0.2.0/24"), ASN: 64500, Org: "Example Net", Country: "CL"},
	{Prefix: netip.MustParsePrefix("2001:db8:1::/48"), ASN: 64501, Org: "Example Six", Country: "BR"},
	{Prefix: netip.MustParsePrefix("127.53.0.0/16"), ASN: 64510, Org: "Lab World", Country: "UY"},
	{Prefix: netip.MustParsePrefix("::1/128"), ASN: 64511, Org: "Lab Loopback", Country: "AR"},
}

// lookupCases are checked against every format; the want values are
// trimmed to what the format carries.
var lookupCases = []struct {
	name string
	addr string
	want observe.Geo
}{
	{"ipv4", "192.0.2.7", observe.Geo{ASN: 64500, ASOrg: "Example Net", Country: "CL", Prefix: "192.0.2.0/24"}},
	{"ipv4-mapped", "::ffff:192.0.2.7", observe.Geo{ASN: 64500, ASOrg: "Example Net", Country: "CL", Prefix: "192.0.2.0/24"}},
	{"ipv6", "2001:db8:1:2::53", observe.Geo{ASN: 64501, ASOrg: "Example Six", Country: "BR", Prefix: "2001:db8:1::/48"}},
	{"lab ipv4", "127.53.10.1", observe.Geo{ASN: 64510, ASOrg: "Lab World", Country: "UY", Prefix: "127.53.10.0/24"}},
	{"lab ipv6 loopback", "::1", observe.Geo{ASN: 64511, ASOrg: "Lab Loopback", Country: "AR", Prefix: "::/48"}},
	{"ipv4 not covered", "198.51.100.1", observe.Geo{Prefix: "198.51.100.0/24"}},
	{"ipv6 not covered", "2001:db8:ffff::1", observe.Geo{Prefix: "2001:db8:ffff::/48"}},
	{"other loopback not covered", "127.0.0.1", observe.Geo{Prefix: "127.0.0.0/24"}},
}

func trim(g observe.Geo, asn, country bool) observe.Geo {
	if !asn {
		g.ASN, g.ASOrg = 0, ""
	}
	if !country {
		g.Country = ""
	}
	return g
}

func writeTest(t *testing.T, f Format, nets []Network) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), strings.NewReplacer(" ", "_", "(", "", ")", "", "=", "").Replace(string(f))+".mmdb")
	if err := WriteMMDB(path, f, nets); err != nil {
		t.Fatalf("WriteMMDB(%s): %v", f, err)
	}
	return path
}

// writeRaw writes an MMDB with the given database_type and records, for
// layouts WriteMMDB does not produce.
func writeRaw(t *testing.T, dbType string, recs map[string]mmdbtype.Map) string {
	t.Helper()
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType:            dbType,
		IncludeReservedNetworks: true,
		DisableIPv4Aliasing:     true,
	})
	if err != nil {
		t.Fatal(err)
	}
	for cidr, rec := range recs {
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			t.Fatal(err)
		}
		if err := tree.Insert(n, rec); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "raw.mmdb")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tree.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPrefix(t *testing.T) {
	tests := []struct {
		addr string
		want string
	}{
		{"192.0.2.77", "192.0.2.0/24"},
		{"::ffff:192.0.2.77", "192.0.2.0/24"},
		{"127.53.10.1", "127.53.10.0/24"},
		{"2001:db8:1:2:3::4", "2001:db8:1::/48"},
		{"fe80::1%eth0", "fe80::/48"},
		{"::1", "::/48"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := Prefix(netip.MustParseAddr(tt.addr)).String(); got != tt.want {
				t.Errorf("Prefix(%s) = %s, want %s", tt.addr, got, tt.want)
			}
		})
	}
	t.Run("invalid", func(t *testing.T) {
		if p := Prefix(netip.Addr{}); p.IsValid() {
			t.Errorf("Prefix(invalid) = %s, want zero", p)
		}
	})
}

func TestNilAndEmptyDB(t *testing.T) {
	empty, err := Open("", "")
	if err != nil {
		t.Fatalf("Open(\"\", \"\"): %v", err)
	}
	for name, db := range map[string]*DB{"nil": nil, "empty": empty} {
		t.Run(name, func(t *testing.T) {
			for _, c := range lookupCases {
				want := trim(c.want, false, false)
				if got := db.Lookup(netip.MustParseAddr(c.addr)); got != want {
					t.Errorf("Lookup(%s) = %+v, want %+v", c.addr, got, want)
				}
			}
			if got := db.Lookup(netip.Addr{}); got != (observe.Geo{}) {
				t.Errorf("Lookup(invalid) = %+v, want zero", got)
			}
			if a, c := db.Formats(); a != "" || c != "" {
				t.Errorf("Formats() = %q, %q", a, c)
			}
			if err := db.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
	}
}

func TestEachFormat(t *testing.T) {
	for _, f := range Formats() {
		t.Run(string(f), func(t *testing.T) {
			path := writeTest(t, f, testNets)
			got, err := Detect(path)
			if err != nil || got != f {
				t.Fatalf("Detect = %q, %v; want %q", got, err, f)
			}
			var asnPath, countryPath string
			if f.HasASN() {
				asnPath = path
			}
			if f.HasCountry() {
				countryPath = path
			}
			db, err := Open(asnPath, countryPath)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer db.Close()
			a, c := db.Formats()
			if (asnPath != "" && a != f) || (countryPath != "" && c != f) {
				t.Errorf("Formats() = %q, %q; want %q", a, c, f)
			}
			for _, tc := range lookupCases {
				t.Run(tc.name, func(t *testing.T) {
					want := trim(tc.want, f.HasASN(), f.HasCountry())
					got, err := db.LookupErr(netip.MustParseAddr(tc.addr))
					if err != nil {
						t.Fatalf("LookupErr(%s): %v", tc.addr, err)
					}
					if got != want {
						t.Errorf("Lookup(%s) = %+v, want %+v", tc.addr, got, want)
					}
				})
			}
		})
	}
}

func TestCombinedFiles(t *testing.T) {
	tests := []struct {
		name       string
		asn, cntry Format
	}{
		{"geolite2 asn + country", FormatGeoLite2ASN, FormatGeoLite2Country},
		{"geolite2 asn + city", FormatGeoLite2ASN, FormatGeoLite2City},
		{"dbip asn + country", FormatDBIPASN, FormatDBIPCountry},
		{"ipinfo asn + dbip country", FormatIPinfoASN, FormatDBIPCountry},
		{"geolite2 asn + ipinfo country", FormatGeoLite2ASN, FormatIPinfoCountry},
		{"ipinfo lite for asn + geolite2 country", FormatIPinfoLite, FormatGeoLite2Country},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(writeTest(t, tt.asn, testNets), writeTest(t, tt.cntry, testNets))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer db.Close()
			for _, tc := range lookupCases {
				if got := db.Lookup(netip.MustParseAddr(tc.addr)); got != tc.want {
					t.Errorf("Lookup(%s) = %+v, want %+v", tc.addr, got, tc.want)
				}
			}
		})
	}

	// One combined file given for one role only still fills both.
	t.Run("ipinfo lite as asn file only", func(t *testing.T) {
		db, err := Open(writeTest(t, FormatIPinfoLite, testNets), "")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		want := lookupCases[0].want
		if got := db.Lookup(netip.MustParseAddr(lookupCases[0].addr)); got != want {
			t.Errorf("Lookup = %+v, want %+v", got, want)
		}
	})

	// The country file's country wins over the AS file's.
	t.Run("country file wins", func(t *testing.T) {
		other := []Network{{Prefix: netip.MustParsePrefix("192.0.2.0/24"), ASN: 64999, Org: "Other", Country: "MX"}}
		db, err := Open(writeTest(t, FormatIPinfoLite, testNets), writeTest(t, FormatIPinfoLite, other))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		want := observe.Geo{ASN: 64500, ASOrg: "Example Net", Country: "MX", Prefix: "192.0.2.0/24"}
		if got := db.Lookup(netip.MustParseAddr("192.0.2.1")); got != want {
			t.Errorf("Lookup = %+v, want %+v", got, want)
		}
	})
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeTest(t, FormatGeoLite2ASN, testNets)
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	missing := filepath.Join(dir, "missing.mmdb")
	corrupt := write("corrupt.mmdb", []byte(strings.Repeat("not an mmdb file ", 100)))
	truncated := write("truncated.mmdb", goodBytes[:len(goodBytes)/2])
	empty := write("empty.mmdb", nil)
	unknown := writeRaw(t, "Example-Thing", map[string]mmdbtype.Map{"192.0.2.0/24": {"colour": mmdbtype.String("blue")}})

	tests := []struct {
		name       string
		asn, cntry string
		is         error
		contains   []string
	}{
		{"missing asn file", missing, "", fs.ErrNotExist, []string{"asn database", missing}},
		{"missing country file", good, missing, fs.ErrNotExist, []string{"country database", missing}},
		{"corrupt", corrupt, "", nil, []string{"asn database", corrupt}},
		{"truncated", "", truncated, nil, []string{"country database", truncated}},
		{"empty", empty, "", nil, []string{empty, "empty"}},
		{"unknown format", unknown, "", errUnknownFormat, []string{unknown, "Example-Thing", "colour"}},
		{"country file as asn", writeTest(t, FormatGeoLite2Country, testNets), "", nil, []string{"no AS numbers", "GeoLite2-Country"}},
		{"asn file as country", "", good, nil, []string{"no countries", "GeoLite2-ASN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(tt.asn, tt.cntry)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded, want an error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			for _, s := range tt.contains {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

func TestDetect(t *testing.T) {
	asnRec := mmdbtype.Map{"autonomous_system_number": mmdbtype.Uint32(64500), "autonomous_system_organization": mmdbtype.String("Example Net")}
	countryRec := mmdbtype.Map{"country": mmdbtype.Map{"iso_code": mmdbtype.String("CL")}}
	tests := []struct {
		name   string
		dbType string
		rec    mmdbtype.Map
		want   Format
	}{
		{"geoip2 city name", "GeoIP2-City", countryRec, FormatGeoLite2City},
		{"geoip2 isp name", "GeoIP2-ISP", asnRec, FormatGeoLite2ASN},
		{"dbip city name", "DBIP-City-Lite (compat=GeoLite2-City)", countryRec, FormatDBIPCountry},
		{"dbip asn other spelling", "dbip-asn-lite", asnRec, FormatDBIPASN},
		{"maxmind asn fields", "Custom", asnRec, FormatGeoLite2ASN},
		{"maxmind country fields", "Custom", countryRec, FormatGeoLite2Country},
		{"registered country only", "Custom", mmdbtype.Map{"registered_country": mmdbtype.Map{"iso_code": mmdbtype.String("CL")}}, FormatGeoLite2Country},
		{"ipinfo asn fields", "Custom", mmdbtype.Map{"asn": mmdbtype.String("AS64500"), "name": mmdbtype.String("x")}, FormatIPinfoASN},
		{"ipinfo country fields", "Custom", mmdbtype.Map{"country": mmdbtype.String("CL")}, FormatIPinfoCountry},
		{"ipinfo lite fields", "ipinfo ipinfo_lite.mmdb", mmdbtype.Map{"asn": mmdbtype.String("AS64500"), "country_code": mmdbtype.String("CL")}, FormatIPinfoLite},
		{"ipinfo country_asn", "ipinfo country_asn.mmdb", mmdbtype.Map{"asn": mmdbtype.String("AS64500"), "country": mmdbtype.String("CL")}, FormatIPinfoLite},
		{"ipinfo name no records", "ipinfo generic_asn_free.mmdb", nil, FormatIPinfoASN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := map[string]mmdbtype.Map{}
			if tt.rec != nil {
				recs["192.0.2.0/24"] = tt.rec
			}
			got, err := Detect(writeRaw(t, tt.dbType, recs))
			if err != nil || got != tt.want {
				t.Errorf("Detect = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	t.Run("unknown and empty", func(t *testing.T) {
		_, err := Detect(writeRaw(t, "Custom", nil))
		if !errors.Is(err, errUnknownFormat) {
			t.Errorf("Detect = %v, want %v", err, errUnknownFormat)
		}
	})
}

// TestVendorLayouts checks record shapes WriteMMDB does not write but
// vendor files have.
func TestVendorLayouts(t *testing.T) {
	tests := []struct {
		name   string
		dbType string
		rec    mmdbtype.Map
		asn    bool // open as the AS file, else as the country file
		want   observe.Geo
	}{
		{"geolite2 registered country fallback", "GeoLite2-Country",
			mmdbtype.Map{"registered_country": mmdbtype.Map{"iso_code": mmdbtype.String("CL")}}, false,
			observe.Geo{Country: "CL"}},
		{"geolite2 country over registered", "GeoLite2-City",
			mmdbtype.Map{"country": mmdbtype.Map{"iso_code": mmdbtype.String("br")}, "registered_country": mmdbtype.Map{"iso_code": mmdbtype.String("CL")}}, false,
			observe.Geo{Country: "BR"}},
		{"ipinfo lite real shape", "ipinfo lite.mmdb",
			mmdbtype.Map{"asn": mmdbtype.String("AS64500"), "as_name": mmdbtype.String("Example Net"), "as_domain": mmdbtype.String("example.net"),
				"country": mmdbtype.String("Chile"), "country_code": mmdbtype.String("CL"), "continent": mmdbtype.String("South America")}, true,
			observe.Geo{ASN: 64500, ASOrg: "Example Net", Country: "CL"}},
		{"ipinfo country name only is dropped", "ipinfo lite.mmdb",
			mmdbtype.Map{"asn": mmdbtype.String("as64500"), "as_name": mmdbtype.String(" Example\x01 Net "), "country": mmdbtype.String("Chile")}, true,
			observe.Geo{ASN: 64500, ASOrg: "Example Net"}},
		{"ipinfo numeric asn", "ipinfo asn.mmdb",
			mmdbtype.Map{"asn": mmdbtype.Uint32(64500), "name": mmdbtype.String("Example Net")}, true,
			observe.Geo{ASN: 64500, ASOrg: "Example Net"}},
		{"ipinfo garbage asn", "ipinfo asn.mmdb",
			mmdbtype.Map{"asn": mmdbtype.String("ASX"), "name": mmdbtype.String("Example Net")}, true,
			observe.Geo{}},
		{"ipinfo country code field", "ipinfo country.mmdb",
			mmdbtype.Map{"country_code": mmdbtype.String("uy"), "country_name": mmdbtype.String("Uruguay")}, false,
			observe.Geo{Country: "UY"}},
		{"maxmind wrong field type", "GeoLite2-ASN",
			mmdbtype.Map{"autonomous_system_number": mmdbtype.String("64500")}, true,
			observe.Geo{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeRaw(t, tt.dbType, map[string]mmdbtype.Map{"192.0.2.0/24": tt.rec})
			var db *DB
			var err error
			if tt.asn {
				db, err = Open(path, "")
			} else {
				db, err = Open("", path)
			}
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer db.Close()
			tt.want.Prefix = "192.0.2.0/24"
			if got := db.Lookup(netip.MustParseAddr("192.0.2.1")); got != tt.want {
				t.Errorf("Lookup = %+v, want %+v", got, tt.want)
			}
		})
	}
	t.Run("decode error reported by LookupErr", func(t *testing.T) {
		path := writeRaw(t, "GeoLite2-ASN", map[string]mmdbtype.Map{"192.0.2.0/24": {"autonomous_system_number": mmdbtype.String("64500")}})
		db, err := Open(path, "")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		g, err := db.LookupErr(netip.MustParseAddr("192.0.2.1"))
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("LookupErr error = %v, want one naming %s", err, path)
		}
		if g.Prefix != "192.0.2.0/24" {
			t.Errorf("Prefix = %q after a decode error", g.Prefix)
		}
	})
}

func TestParseASN(t *testing.T) {
	tests := []struct {
		in   any
		want uint32
	}{
		{"AS64500", 64500},
		{"as64500", 64500},
		{" 64500 ", 64500},
		{"AS", 0},
		{"AS-1", 0},
		{"AS4294967296", 0},
		{"AS4294967295", 4294967295},
		{uint64(64500), 64500},
		{uint64(1 << 40), 0},
		{int64(-1), 0},
		{1.5, 0},
		{nil, 0},
	}
	for _, tt := range tests {
		if got := parseASN(tt.in); got != tt.want {
			t.Errorf("parseASN(%#v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestWriteMMDBErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		format Format
		nets   []Network
		want   string
	}{
		{"unknown format", "Nope", nil, "unknown format"},
		{"invalid prefix", FormatGeoLite2ASN, []Network{{ASN: 1}}, "invalid prefix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "out.mmdb")
			err := WriteMMDB(path, tt.format, tt.nets)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("WriteMMDB error = %v, want %q", err, tt.want)
			}
			if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a file was left behind: %v", err)
			}
		})
	}
	t.Run("mapped prefix and override", func(t *testing.T) {
		nets := []Network{
			{Prefix: netip.MustParsePrefix("::ffff:192.0.2.0/120"), ASN: 64500, Org: "A"},
			{Prefix: netip.MustParsePrefix("192.0.2.128/25"), ASN: 64501, Org: "B"},
		}
		db, err := Open(writeTest(t, FormatGeoLite2ASN, nets), "")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for addr, asn := range map[string]uint32{"192.0.2.1": 64500, "192.0.2.200": 64501} {
			if got := db.Lookup(netip.MustParseAddr(addr)); got.ASN != asn {
				t.Errorf("Lookup(%s).ASN = %d, want %d", addr, got.ASN, asn)
			}
		}
	})
}

func TestConcurrentLookups(t *testing.T) {
	db, err := Open(writeTest(t, FormatIPinfoLite, testNets), writeTest(t, FormatGeoLite2City, testNets))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			for range 200 {
				for _, tc := range lookupCases {
					if got := db.Lookup(netip.MustParseAddr(tc.addr)); got != tc.want {
						errs <- tc.addr
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for a := range errs {
		t.Errorf("concurrent Lookup(%s) gave a wrong answer", a)
	}
}

func TestCloseTwice(t *testing.T) {
	path := writeTest(t, FormatIPinfoLite, testNets)
	db, err := Open(path, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	want := observe.Geo{Prefix: "192.0.2.0/24"}
	if got := db.Lookup(netip.MustParseAddr("192.0.2.1")); got != want {
		t.Errorf("Lookup after Close = %+v, want %+v", got, want)
	}
}
