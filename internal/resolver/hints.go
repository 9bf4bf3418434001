package resolver

import (
	_ "embed"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strings"

	"github.com/miekg/dns"
)

// IANA's root hints (named.root) and root trust anchors, built in. Labs
// replace them with --hints and --trust-anchor files.
var (
	//go:embed named.root
	DefaultHints string
	//go:embed root-anchors.zone
	DefaultTrustAnchor string
)

// noGenerate refuses a $GENERATE directive: one line of it makes up to
// 65535 records (a 2 KB anchor file made 1.3 million DS records in 5 s),
// and neither root hints nor a trust anchor has a use for it. ($INCLUDE
// is refused by the zone parser itself.)
func noGenerate(text, source string) error {
	if strings.Contains(strings.ToUpper(text), "$GENERATE") {
		return fmt.Errorf("%s: $GENERATE is not allowed here: list the records", source)
	}
	return nil
}

// Hints are the root servers a walk starts from.
type Hints struct {
	Names []string
	Addrs []netip.Addr
}

// ParseHints reads root hints in zone-file format: NS records for "." and
// A/AAAA records for their names. source names the input in errors.
func ParseHints(text, source string) (Hints, error) {
	if err := noGenerate(text, source); err != nil {
		return Hints{}, err
	}
	var h Hints
	nsNames := map[string]bool{}
	addrs := map[string][]netip.Addr{}
	zp := dns.NewZoneParser(strings.NewReader(text), ".", source)
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		switch rr := rr.(type) {
		case *dns.NS:
			if rr.Hdr.Name != "." {
				return Hints{}, fmt.Errorf("%s: NS record for %q, want the root \".\"", source, rr.Hdr.Name)
			}
			n := strings.ToLower(rr.Ns)
			if !nsNames[n] {
				nsNames[n] = true
				h.Names = append(h.Names, n)
			}
		case *dns.A:
			a, _ := netip.AddrFromSlice(rr.A.To4())
			addrs[strings.ToLower(rr.Hdr.Name)] = append(addrs[strings.ToLower(rr.Hdr.Name)], a)
		case *dns.AAAA:
			a, _ := netip.AddrFromSlice(rr.AAAA)
			addrs[strings.ToLower(rr.Hdr.Name)] = append(addrs[strings.ToLower(rr.Hdr.Name)], a)
		}
	}
	if err := zp.Err(); err != nil {
		return Hints{}, fmt.Errorf("%s: %w", source, err)
	}
	for _, n := range h.Names {
		h.Addrs = append(h.Addrs, addrs[n]...)
	}
	if len(h.Names) == 0 || len(h.Addrs) == 0 {
		return Hints{}, fmt.Errorf("%s: no root NS records with addresses", source)
	}
	return h, nil
}

// ParseTrustAnchor reads DS or DNSKEY records for the root in zone-file
// format (IANA publishes the DS form).
func ParseTrustAnchor(text, source string) ([]dns.RR, error) {
	if err := noGenerate(text, source); err != nil {
		return nil, err
	}
	var out []dns.RR
	zp := dns.NewZoneParser(strings.NewReader(text), ".", source)
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		switch rr.(type) {
		case *dns.DS, *dns.DNSKEY:
			if rr.Header().Name != "." {
				return nil, fmt.Errorf("%s: trust anchor for %q, want the root \".\"", source, rr.Header().Name)
			}
			if ds, ok := rr.(*dns.DS); ok {
				if err := CheckDigest(ds); err != nil {
					return nil, fmt.Errorf("%s: DS %d: %w", source, ds.KeyTag, err)
				}
			}
			out = append(out, rr)
		default:
			return nil, fmt.Errorf("%s: %s record in a trust anchor file, want DS or DNSKEY", source, dns.TypeToString[rr.Header().Rrtype])
		}
	}
	if err := zp.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no DS or DNSKEY record", source)
	}
	return out, nil
}

// digestLen is the length in octets of each DS digest type's digest.
var digestLen = map[uint8]int{dns.SHA1: 20, dns.SHA256: 32, dns.SHA384: 48}

// CheckDigest checks that a DS digest is hex of the right length for its
// digest type: a trust anchor's, or one given with check --ds.
func CheckDigest(ds *dns.DS) error {
	n, ok := digestLen[ds.DigestType]
	if !ok {
		return fmt.Errorf("digest type %d is not supported (want 1 SHA-1, 2 SHA-256 or 4 SHA-384)", ds.DigestType)
	}
	b, err := hex.DecodeString(ds.Digest)
	if err != nil {
		return fmt.Errorf("digest is not hex: %v", err)
	}
	if len(b) != n {
		return fmt.Errorf("digest type %d wants %d hex digits, the digest has %d", ds.DigestType, 2*n, len(ds.Digest))
	}
	return nil
}
