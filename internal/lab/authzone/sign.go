package authzone

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
)

// SignSpec says how a zone is signed. The zero value signs with one
// ECDSAP256SHA256 KSK and one ZSK, signatures valid from an hour before the
// world's now to 30 days after it, and NSEC denial.
type SignSpec struct {
	Algorithm  uint8         `json:"algorithm"`            // DNSSEC algorithm number; 0 means 13 (ECDSAP256SHA256)
	Bits       int           `json:"bits,omitempty"`       // RSA key size; 0 means 1024 for RSASHA1, 2048 for other RSA algorithms
	CSK        bool          `json:"csk,omitempty"`        // one combined signing key instead of KSK+ZSK
	Inception  time.Duration `json:"inception,omitempty"`  // signature inception relative to now; 0 means -1h
	Expiration time.Duration `json:"expiration,omitempty"` // signature expiration relative to now; 0 means 30 days
	NSEC3      *NSEC3Spec    `json:"nsec3,omitempty"`      // nil means NSEC
	Faults     SignFaults    `json:"faults"`               // deliberate signing errors
	CDS        CDSMode       `json:"cds,omitempty"`        // CDS/CDNSKEY publication
	NoDS       bool          `json:"no_ds,omitempty"`      // the parent publishes no DS (an island of security)
	TTL        uint32        `json:"dnskey_ttl,omitempty"` // DNSKEY TTL; 0 means 3600
	Digest     uint8         `json:"ds_digest,omitempty"`  // DS digest type; 0 means 2 (SHA-256)
	Label      string        `json:"label,omitempty"`      // varies the keys of a zone signed twice; normally empty
}

// NSEC3Spec are the NSEC3 parameters (RFC 5155; hash algorithm 1, SHA-1).
type NSEC3Spec struct {
	Iterations uint16 `json:"iterations"`
	Salt       string `json:"salt,omitempty"` // hex; empty for none
	OptOut     bool   `json:"opt_out,omitempty"`
}

// SignFaults are deliberate signing errors.
type SignFaults struct {
	BadSignature  bool   `json:"bad_signature,omitempty"`  // corrupt the signature bytes over one apex RRset
	Expired       bool   `json:"expired,omitempty"`        // every signature expired a day ago
	NotYetValid   bool   `json:"not_yet_valid,omitempty"`  // every signature's inception is a day ahead
	Expiring      bool   `json:"expiring,omitempty"`       // every signature expires in 2 days
	UnsignedRRset bool   `json:"unsigned_rrset,omitempty"` // omit the RRSIG over one apex RRset
	DSMismatch    bool   `json:"ds_mismatch,omitempty"`    // the parent's DS points to a key not in the zone
	RRset         uint16 `json:"rrset,omitempty"`          // the apex type BadSignature and UnsignedRRset apply to; 0 means SOA
	// DNSKEYByZSK signs the DNSKEY (and CDS/CDNSKEY) RRsets with the ZSK
	// instead of the KSK the parent's DS points to.
	DNSKEYByZSK bool `json:"dnskey_by_zsk,omitempty"`
	// ExtraAlgorithm publishes a key of this algorithm that signs the
	// DNSKEY RRset only, not the zone's other RRsets (RFC 6840 §5.11).
	ExtraAlgorithm uint8 `json:"extra_algorithm,omitempty"`
	// ExtraDSAlgorithm and ExtraDSDigest give the parent, besides the real
	// DS, a copy of it with this algorithm number and/or digest type (the
	// digest bytes kept): a DS of an unknown algorithm or digest.
	ExtraDSAlgorithm uint8 `json:"extra_ds_algorithm,omitempty"`
	ExtraDSDigest    uint8 `json:"extra_ds_digest,omitempty"`
	// StrayNSEC3PARAM publishes an NSEC3PARAM that does not describe the
	// denial the zone serves: with NSEC, NSEC3PARAM 1 0 0 -; with NSEC3, one
	// with one iteration more than the chain.
	StrayNSEC3PARAM bool `json:"stray_nsec3param,omitempty"`
	// NoDenial leaves the NSEC or NSEC3 proof out of NXDOMAIN answers (the
	// chain exists and NODATA answers keep theirs).
	NoDenial bool `json:"no_denial,omitempty"`
}

// CDSMode is how a zone publishes CDS and CDNSKEY (RFC 7344).
type CDSMode string

// CDS modes.
const (
	CDSNone     CDSMode = ""
	CDSMatching CDSMode = "matching"    // CDS/CDNSKEY of the zone's KSK
	CDSMismatch CDSMode = "mismatching" // CDS/CDNSKEY of a key that is not in the DNSKEY set
	// CDSUntrusted publishes a next KSK in the DNSKEY set and CDS/CDNSKEY
	// of it, signed by that key only: no key of the current DS signs them.
	CDSUntrusted CDSMode = "untrusted"
	CDSDisagree  CDSMode = "disagreeing" // CDS of the KSK, CDNSKEY of the KSK and the ZSK, both signed by both
	CDSOnly      CDSMode = "cds-only"    // a CDS of the KSK and no CDNSKEY
	CDSZSK       CDSMode = "zsk"         // CDS/CDNSKEY of the ZSK, signed by the KSK only
)

// KeyAlgorithm is the DNSSEC algorithm the spec signs with (ECDSAP256SHA256
// by default).
func (s SignSpec) KeyAlgorithm() uint8 {
	if s.Algorithm == 0 {
		return dns.ECDSAP256SHA256
	}
	return s.Algorithm
}

// KeyBits is the RSA key size of the spec (0 for other algorithms).
func (s SignSpec) KeyBits() int {
	if s.Bits != 0 {
		return s.Bits
	}
	switch s.KeyAlgorithm() {
	case dns.RSASHA1, dns.RSASHA1NSEC3SHA1:
		return 1024
	case dns.RSASHA256, dns.RSASHA512:
		return 2048
	}
	return 0
}

// Validity returns the signature inception and expiration the spec asks
// for relative to now; the faults override the durations (expired a day
// ago, valid from tomorrow, expiring in two days).
func (s SignSpec) Validity(now time.Time) (inception, expiration time.Time) {
	inc, exp := s.Inception, s.Expiration
	if inc == 0 {
		inc = -time.Hour
	}
	if exp == 0 {
		exp = 30 * 24 * time.Hour
	}
	const day = 24 * time.Hour
	switch {
	case s.Faults.Expired:
		inc, exp = -31*day, -day
	case s.Faults.NotYetValid:
		inc, exp = day, 31*day
	case s.Faults.Expiring:
		exp = 2 * day
	}
	return now.Add(inc), now.Add(exp)
}

// Key is one DNSSEC key of a zone with its private half.
type Key struct {
	DNSKEY *dns.DNSKEY
	Signer crypto.Signer
}

// SEP reports whether the key is a key-signing (or combined) key.
func (k *Key) SEP() bool { return k.DNSKEY.Flags&dns.SEP != 0 }

// PrivateString returns the private key in the BIND private-key format.
func (k *Key) PrivateString() string { return k.DNSKEY.PrivateKeyString(k.Signer) }

// Keyring makes and caches the keys of one world. Keys are derived from
// the zone name, role, algorithm and size, so a world's keys (and its trust
// anchor) are the same every time it is built.
type Keyring struct {
	mu   sync.Mutex
	keys map[string]*Key
}

// NewKeyring returns an empty keyring.
func NewKeyring() *Keyring { return &Keyring{keys: map[string]*Key{}} }

// key returns the key of zone for role ("ksk", "zsk", "csk" or any other
// label for keys that are not published in the zone).
func (kr *Keyring) key(zone, role string, alg uint8, bits int) (*Key, error) {
	id := fmt.Sprintf("%s|%s|%d|%d", dns.CanonicalName(zone), role, alg, bits)
	kr.mu.Lock()
	defer kr.mu.Unlock()
	if k, ok := kr.keys[id]; ok {
		return k, nil
	}
	flags := uint16(dns.ZONE)
	if strings.Contains(role, "ksk") || role == "csk" || strings.Contains(role, "ghost") {
		flags |= dns.SEP
	}
	pub := &dns.DNSKEY{
		Hdr:       dns.RR_Header{Name: dns.CanonicalName(zone), Rrtype: dns.TypeDNSKEY, Class: dns.ClassINET, Ttl: 3600},
		Flags:     flags,
		Protocol:  3,
		Algorithm: alg,
	}
	seed := sha512.Sum512([]byte("dnsobs-lab-key/" + id))
	var signer crypto.Signer
	switch alg {
	case dns.ECDSAP256SHA256, dns.ECDSAP384SHA384:
		curve, n := elliptic.P256(), 32
		if alg == dns.ECDSAP384SHA384 {
			curve, n = elliptic.P384(), 48
		}
		var priv *ecdsa.PrivateKey
		for i := byte(0); priv == nil; i++ {
			raw := seed[:n]
			raw[0] = raw[0]&0x7f ^ i // below the group order, retried if zero
			p, err := ecdsa.ParseRawPrivateKey(curve, raw)
			if err == nil {
				priv = p
			}
			if i == 255 {
				return nil, fmt.Errorf("lab: derive %s key of %s: no valid scalar", role, zone)
			}
		}
		b, err := priv.PublicKey.Bytes()
		if err != nil {
			return nil, fmt.Errorf("lab: %s key of %s: %w", role, zone, err)
		}
		pub.PublicKey = base64.StdEncoding.EncodeToString(b[1:]) // drop the 0x04 uncompressed-point prefix
		signer = priv
	case dns.ED25519:
		priv := ed25519.NewKeyFromSeed(seed[:ed25519.SeedSize])
		pub.PublicKey = base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey))
		signer = priv
	case dns.RSASHA1, dns.RSASHA1NSEC3SHA1, dns.RSASHA256, dns.RSASHA512:
		if bits < 1024 || bits > 4096 || bits%2 != 0 {
			return nil, fmt.Errorf("lab: %s key of %s: RSA size %d not in 1024..4096", role, zone, bits)
		}
		priv, err := deriveRSA(seed[:], bits)
		if err != nil {
			return nil, fmt.Errorf("lab: derive %s key of %s: %w", role, zone, err)
		}
		e := big.NewInt(int64(priv.E)).Bytes()
		wire := append([]byte{byte(len(e))}, e...) // RFC 3110 §2
		pub.PublicKey = base64.StdEncoding.EncodeToString(append(wire, priv.N.Bytes()...))
		signer = priv
	default:
		return nil, fmt.Errorf("lab: DNSSEC algorithm %d is not supported by the lab signer", alg)
	}
	k := &Key{DNSKEY: pub, Signer: signer}
	kr.keys[id] = k
	return k, nil
}

// deriveRSA makes an RSA key from seed, deterministically: primes are
// searched from a SHA-512 stream. Lab keys protect nothing; what matters is
// that a world is the same each time it is built, and fast to build.
func deriveRSA(seed []byte, bits int) (*rsa.PrivateKey, error) {
	ctr := uint32(0)
	stream := func(n int) []byte {
		var out []byte
		for len(out) < n {
			h := sha512.New()
			h.Write(seed)
			h.Write([]byte{byte(ctr >> 24), byte(ctr >> 16), byte(ctr >> 8), byte(ctr)})
			ctr++
			out = h.Sum(out)
		}
		return out[:n]
	}
	prime := func(bits int) *big.Int {
		b := stream((bits + 7) / 8)
		p := new(big.Int).SetBytes(b)
		p.Rsh(p, uint(len(b)*8-bits))
		p.SetBit(p, bits-1, 1)
		p.SetBit(p, bits-2, 1) // the product of two such primes has the full size
		p.SetBit(p, 0, 1)
		// Sieve the odd candidates p, p+2, ... by small primes, keeping
		// residues, and run the costly test only on the survivors.
		res := make([]uint64, len(smallPrimes))
		m := new(big.Int)
		for i, sp := range smallPrimes {
			res[i] = m.Mod(p, new(big.Int).SetUint64(sp)).Uint64()
		}
		for delta := uint64(0); ; delta += 2 {
			ok := true
			for i, sp := range smallPrimes {
				if (res[i]+delta)%sp == 0 {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			c := new(big.Int).Add(p, new(big.Int).SetUint64(delta))
			if c.ProbablyPrime(20) {
				return c
			}
		}
	}
	e := big.NewInt(65537)
	one := big.NewInt(1)
	for range 16 {
		p, q := prime(bits/2), prime(bits-bits/2)
		if p.Cmp(q) == 0 {
			continue
		}
		n := new(big.Int).Mul(p, q)
		phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
		d := new(big.Int).ModInverse(e, phi)
		if n.BitLen() != bits || d == nil {
			continue
		}
		k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: 65537}, D: d, Primes: []*big.Int{p, q}}
		k.Precompute()
		if err := k.Validate(); err != nil {
			continue
		}
		return k, nil
	}
	return nil, fmt.Errorf("no %d-bit key found", bits)
}

// smallPrimes are the odd primes below 2000, for sieving RSA candidates.
var smallPrimes = func() []uint64 {
	var out []uint64
	for n := uint64(3); n < 2000; n += 2 {
		prime := true
		for _, p := range out {
			if p*p > n {
				break
			}
			if n%p == 0 {
				prime = false
				break
			}
		}
		if prime {
			out = append(out, n)
		}
	}
	return out
}()

// Sign signs z as its Spec says, as of now: DNSKEY (and CDS/CDNSKEY,
// NSEC3PARAM) at the apex, the NSEC or NSEC3 chain, RRSIGs over every
// authoritative RRset, and the DS the parent gets.
func (z *Zone) Sign(kr *Keyring, now time.Time) error {
	if z.Spec == nil {
		return nil
	}
	spec := *z.Spec
	if spec.NSEC3 != nil {
		p := *spec.NSEC3
		p.Salt = strings.ToUpper(p.Salt)
		if _, err := hex.DecodeString(p.Salt); err != nil || len(p.Salt) > 510 {
			return fmt.Errorf("lab: zone %s: NSEC3 salt %q is not hex", z.Origin, spec.NSEC3.Salt)
		}
		spec.NSEC3 = &p
	}
	z.Spec = &spec
	alg, bits := spec.KeyAlgorithm(), spec.KeyBits()
	zoneID := z.Origin
	if spec.Label != "" {
		zoneID += "#" + spec.Label
	}
	var ksk, zsk *Key
	var err error
	if spec.CSK {
		if ksk, err = kr.key(zoneID, "csk", alg, bits); err != nil {
			return err
		}
		zsk = ksk
	} else {
		if ksk, err = kr.key(zoneID, "ksk", alg, bits); err != nil {
			return err
		}
		if zsk, err = kr.key(zoneID, "zsk", alg, bits); err != nil {
			return err
		}
	}
	z.keys = []*Key{ksk}
	if zsk != ksk {
		z.keys = append(z.keys, zsk)
	}
	// Who signs the key-related apex RRsets (the others: the ZSK).
	keySigner := ksk
	if spec.Faults.DNSKEYByZSK {
		keySigner = zsk
	}
	signers := map[uint16][]*Key{dns.TypeDNSKEY: {keySigner}, dns.TypeCDS: {keySigner}, dns.TypeCDNSKEY: {keySigner}}
	if a := spec.Faults.ExtraAlgorithm; a != 0 {
		xbits := 0
		switch a {
		case dns.RSASHA1, dns.RSASHA1NSEC3SHA1, dns.RSASHA256, dns.RSASHA512:
			xbits = 2048
		}
		extra, err := kr.key(zoneID, "extra-ksk", a, xbits)
		if err != nil {
			return err
		}
		z.keys = append(z.keys, extra)
		signers[dns.TypeDNSKEY] = append(signers[dns.TypeDNSKEY], extra)
	}
	// The keys the CDS and CDNSKEY RRsets describe.
	var cdsKeys, cdnskeyKeys []*Key
	switch spec.CDS {
	case CDSNone:
	case CDSMismatch:
		ghost, err := kr.key(zoneID, "cds-ghost", alg, bits)
		if err != nil {
			return err
		}
		cdsKeys, cdnskeyKeys = []*Key{ghost}, []*Key{ghost}
	case CDSUntrusted:
		next, err := kr.key(zoneID, "ksk-next", alg, bits)
		if err != nil {
			return err
		}
		z.keys = append(z.keys, next)
		cdsKeys, cdnskeyKeys = []*Key{next}, []*Key{next}
		signers[dns.TypeCDS], signers[dns.TypeCDNSKEY] = []*Key{next}, []*Key{next}
	case CDSDisagree:
		cdsKeys, cdnskeyKeys = []*Key{ksk}, []*Key{ksk, zsk}
		signers[dns.TypeCDS], signers[dns.TypeCDNSKEY] = []*Key{ksk, zsk}, []*Key{ksk, zsk}
	case CDSOnly:
		cdsKeys = []*Key{ksk}
	case CDSZSK:
		cdsKeys, cdnskeyKeys = []*Key{zsk}, []*Key{zsk}
	default:
		cdsKeys, cdnskeyKeys = []*Key{ksk}, []*Key{ksk}
	}
	ttl := spec.TTL
	if ttl == 0 {
		ttl = 3600
	}
	for _, k := range z.keys {
		rr := dns.Copy(k.DNSKEY).(*dns.DNSKEY)
		rr.Hdr.Name, rr.Hdr.Ttl = z.Origin, ttl
		z.add(rr)
	}
	digest := spec.Digest
	if digest == 0 {
		digest = dns.SHA256
	}

	// What the parent publishes.
	dsKey := ksk
	if spec.Faults.DSMismatch {
		if dsKey, err = kr.key(zoneID, "ds-ghost", alg, bits); err != nil {
			return err
		}
	}
	z.ds = nil
	if !spec.NoDS {
		ds := dsKey.DNSKEY.ToDS(digest)
		if ds == nil {
			return fmt.Errorf("lab: zone %s: cannot compute a DS with digest %d", z.Origin, digest)
		}
		ds.Hdr.Name, ds.Hdr.Ttl = z.Origin, 3600
		z.ds = []*dns.DS{ds}
		if f := spec.Faults; f.ExtraDSAlgorithm != 0 || f.ExtraDSDigest != 0 {
			x := dns.Copy(ds).(*dns.DS)
			if f.ExtraDSAlgorithm != 0 {
				x.Algorithm = f.ExtraDSAlgorithm
			}
			if f.ExtraDSDigest != 0 {
				x.DigestType = f.ExtraDSDigest
			}
			z.ds = append(z.ds, x)
		}
	}

	// CDS and CDNSKEY.
	for _, ck := range cdsKeys {
		ds := ck.DNSKEY.ToDS(digest)
		if ds == nil {
			return fmt.Errorf("lab: zone %s: cannot compute a CDS with digest %d", z.Origin, digest)
		}
		cds := &dns.CDS{DS: *ds}
		cds.Hdr = dns.RR_Header{Name: z.Origin, Rrtype: dns.TypeCDS, Class: dns.ClassINET, Ttl: ttl}
		z.add(cds)
	}
	for _, ck := range cdnskeyKeys {
		cdnskey := &dns.CDNSKEY{DNSKEY: *dns.Copy(ck.DNSKEY).(*dns.DNSKEY)}
		cdnskey.Hdr = dns.RR_Header{Name: z.Origin, Rrtype: dns.TypeCDNSKEY, Class: dns.ClassINET, Ttl: ttl}
		z.add(cdnskey)
	}

	negTTL := min(z.soa.Hdr.Ttl, z.soa.Minttl)
	nsec3param := func(p NSEC3Spec) {
		z.add(&dns.NSEC3PARAM{
			Hdr:  dns.RR_Header{Name: z.Origin, Rrtype: dns.TypeNSEC3PARAM, Class: dns.ClassINET, Ttl: 0},
			Hash: dns.SHA1, Iterations: p.Iterations, SaltLength: uint8(len(p.Salt) / 2), Salt: p.Salt,
		})
	}
	if spec.NSEC3 != nil {
		p := *spec.NSEC3
		if spec.Faults.StrayNSEC3PARAM {
			p.Iterations++
		}
		nsec3param(p)
		z.buildNSEC3(*spec.NSEC3, negTTL)
	} else {
		if spec.Faults.StrayNSEC3PARAM {
			nsec3param(NSEC3Spec{})
		}
		z.buildNSEC(negTTL)
	}

	// Signatures.
	inc, exp := spec.Validity(now)
	faultType := spec.Faults.RRset
	if faultType == 0 {
		faultType = dns.TypeSOA
	}
	signWith := func(k *Key, rrset []dns.RR) (*dns.RRSIG, error) {
		h := rrset[0].Header()
		sig := &dns.RRSIG{
			Hdr:        dns.RR_Header{Name: h.Name, Rrtype: dns.TypeRRSIG, Class: dns.ClassINET, Ttl: h.Ttl},
			Algorithm:  k.DNSKEY.Algorithm,
			KeyTag:     k.DNSKEY.KeyTag(),
			SignerName: z.Origin,
			Inception:  uint32(inc.Unix()),
			Expiration: uint32(exp.Unix()),
		}
		if err := sig.Sign(k.Signer, rrset); err != nil {
			return nil, fmt.Errorf("lab: zone %s: sign %s %s: %w", z.Origin, h.Name, dns.TypeToString[h.Rrtype], err)
		}
		return sig, nil
	}
	names := make([]string, 0, len(z.sets))
	for n := range z.sets {
		names = append(names, n)
	}
	dnsname.Sort(names)
	for _, name := range names {
		if z.occluded(name) {
			continue
		}
		cut := name != z.Origin && z.cuts[name]
		set := z.sets[name]
		types := make([]uint16, 0, len(set))
		for t := range set {
			types = append(types, t)
		}
		sortTypes(types)
		for _, t := range types {
			rrset := set[t]
			if t == dns.TypeRRSIG || (cut && t != dns.TypeDS && t != dns.TypeNSEC) {
				continue
			}
			apexFault := name == z.Origin && t == faultType
			if apexFault && spec.Faults.UnsignedRRset {
				continue
			}
			keys := []*Key{zsk}
			if k, ok := signers[t]; ok && name == z.Origin {
				keys = k
			}
			for _, key := range keys {
				sig, err := signWith(key, rrset)
				if err != nil {
					return err
				}
				if apexFault && spec.Faults.BadSignature {
					corrupt(sig)
				}
				z.add(sig)
			}
		}
	}
	z.nsec3Sigs = map[string][]dns.RR{}
	for _, n3 := range z.nsec3 {
		sig, err := signWith(zsk, []dns.RR{n3})
		if err != nil {
			return err
		}
		z.nsec3Sigs[n3.Hdr.Name] = []dns.RR{sig}
	}
	return nil
}

// corrupt flips bits in the middle of a signature: it still parses, it no
// longer verifies.
func corrupt(sig *dns.RRSIG) {
	b, err := base64.StdEncoding.DecodeString(sig.Signature)
	if err != nil || len(b) == 0 {
		return
	}
	b[len(b)/2] ^= 0xff
	sig.Signature = base64.StdEncoding.EncodeToString(b)
}

// authoritativeNames returns the names the zone is authoritative for or
// delegates (not occluded), with records.
func (z *Zone) authoritativeNames() []string {
	var out []string
	for n := range z.sets {
		if !z.occluded(n) {
			out = append(out, n)
		}
	}
	dnsname.Sort(out)
	return out
}

// bitmap returns the types at name for a denial record, plus extra.
func (z *Zone) bitmap(name string, extra ...uint16) []uint16 {
	seen := map[uint16]bool{}
	cut := name != z.Origin && z.cuts[name]
	for t := range z.sets[name] {
		if cut && t != dns.TypeNS && t != dns.TypeDS {
			continue // glue or junk at a cut is not the zone's
		}
		seen[t] = true
	}
	for _, t := range extra {
		seen[t] = true
	}
	out := make([]uint16, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sortTypes(out)
	return out
}

func sortTypes(ts []uint16) { sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] }) }

// buildNSEC makes the NSEC chain (RFC 4034 §4): every authoritative name
// and delegation point, in canonical order, the last pointing to the apex.
func (z *Zone) buildNSEC(ttl uint32) {
	names := z.authoritativeNames()
	z.nsecNames = names
	for i, n := range names {
		next := names[(i+1)%len(names)]
		z.add(&dns.NSEC{
			Hdr:        dns.RR_Header{Name: n, Rrtype: dns.TypeNSEC, Class: dns.ClassINET, Ttl: ttl},
			NextDomain: next,
			TypeBitMap: z.bitmap(n, dns.TypeNSEC, dns.TypeRRSIG),
		})
	}
}

// buildNSEC3 makes the NSEC3 chain (RFC 5155 §7.1): the hash of every
// authoritative name, delegation point and empty non-terminal, ordered by
// hash. With opt-out, delegations without DS (and empty non-terminals that
// lead only to them) are left out.
func (z *Zone) buildNSEC3(p NSEC3Spec, ttl uint32) {
	include := map[string]bool{}
	for _, n := range z.authoritativeNames() {
		insecureCut := n != z.Origin && z.cuts[n] && len(z.sets[n][dns.TypeDS]) == 0
		if p.OptOut && insecureCut {
			continue
		}
		for a := n; ; a = dnsname.Parent(a) {
			include[a] = true
			if a == z.Origin || a == "." {
				break
			}
		}
	}
	type entry struct {
		hash string
		name string
	}
	entries := make([]entry, 0, len(include))
	for n := range include {
		entries = append(entries, entry{hash: strings.ToLower(dns.HashName(n, dns.SHA1, p.Iterations, p.Salt)), name: n})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].hash < entries[j].hash })
	var flags uint8
	if p.OptOut {
		flags = 1
	}
	z.nsec3 = make([]*dns.NSEC3, 0, len(entries))
	for i, e := range entries {
		next := entries[(i+1)%len(entries)]
		var types []uint16
		if len(z.sets[e.name]) > 0 {
			signed := !(e.name != z.Origin && z.cuts[e.name] && len(z.sets[e.name][dns.TypeDS]) == 0)
			if signed {
				types = z.bitmap(e.name, dns.TypeRRSIG)
			} else {
				types = z.bitmap(e.name)
			}
		}
		z.nsec3 = append(z.nsec3, &dns.NSEC3{
			Hdr:        dns.RR_Header{Name: e.hash + "." + z.Origin, Rrtype: dns.TypeNSEC3, Class: dns.ClassINET, Ttl: ttl},
			Hash:       dns.SHA1,
			Flags:      flags,
			Iterations: p.Iterations,
			SaltLength: uint8(len(p.Salt) / 2),
			Salt:       p.Salt,
			HashLength: 20,
			NextDomain: strings.ToUpper(next.hash),
			TypeBitMap: types,
		})
	}
}
