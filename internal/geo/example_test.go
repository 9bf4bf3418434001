package geo_test

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"

	"github.com/lac-dns-observatory/dnsobs/internal/geo"
)

func Example() {
	dir, err := os.MkdirTemp("", "geo-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	// The lab ships its own data; real runs point Open at GeoLite2, DB-IP
	// or IPinfo files.
	path := filepath.Join(dir, "lab.mmdb")
	nets := []geo.Network{{Prefix: netip.MustParsePrefix("127.53.0.0/16"), ASN: 64510, Org: "Lab World", Country: "CL"}}
	if err := geo.WriteMMDB(path, geo.FormatIPinfoLite, nets); err != nil {
		fmt.Println(err)
		return
	}
	db, err := geo.Open(path, path) // one IPinfo lite file serves both
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	fmt.Printf("%+v\n", db.Lookup(netip.MustParseAddr("127.53.10.1")))
	fmt.Printf("%+v\n", db.Lookup(netip.MustParseAddr("2001:db8::53")))

	var none *geo.DB // no geo data configured: prefixes only
	fmt.Printf("%+v\n", none.Lookup(netip.MustParseAddr("192.0.2.1")))
	// Output:
	// {ASN:64510 ASOrg:Lab World Country:CL Prefix:127.53.10.0/24}
	// {ASN:0 ASOrg: Country: Prefix:2001:db8::/48}
	// {ASN:0 ASOrg: Country: Prefix:192.0.2.0/24}
}
