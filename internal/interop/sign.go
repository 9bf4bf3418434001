package interop

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
)

// Tool is a DNSSEC signer suite.
type Tool string

// The signer suites Signer drives.
const (
	LDNS    Tool = "ldns" // ldns-keygen, ldns-signzone, ldns-key2ds
	BINDDNS Tool = "bind" // dnssec-keygen, dnssec-signzone, dnssec-dsfromkey
)

// Binaries returns the executables the suite needs.
func (t Tool) Binaries() []string {
	if t == BINDDNS {
		return []string{"dnssec-keygen", "dnssec-signzone", "dnssec-dsfromkey"}
	}
	return []string{"ldns-keygen", "ldns-signzone", "ldns-key2ds"}
}

// Signer signs zone text with real signers as a authzone.SignSpec says. Keys
// are made once per zone, role and key label, and kept in Dir, so a zone
// signed twice (two versions of it) keeps its keys. What a signer cannot
// do on purpose (a corrupt signature, a missing RRSIG, a DS for a key that
// is not in the zone) is done by rewriting its output.
type Signer struct {
	Dir string    // keys and work files
	Now time.Time // signature validity is relative to it

	mu   sync.Mutex
	keys map[string]*keyFile
}

type keyFile struct {
	base   string // path without .key / .private
	dnskey *dns.DNSKEY
}

// Signed is a zone signed by Signer.
type Signed struct {
	Origin string
	Tool   Tool
	Text   string        // every record, one per line (rr.String())
	DS     []*dns.DS     // what the parent publishes; none with NoDS
	Keys   []*dns.DNSKEY // the published DNSKEYs, KSK (or CSK) first
}

// Sign signs the zone text of origin (children's DS records already in it)
// with tool as spec says.
func (s *Signer) Sign(ctx context.Context, tool Tool, origin, text string, spec authzone.SignSpec) (*Signed, error) {
	origin = dns.CanonicalName(origin)
	if tool != LDNS && tool != BINDDNS {
		return nil, fmt.Errorf("interop: unknown signer %q", tool)
	}
	alg, bits := spec.KeyAlgorithm(), spec.KeyBits()
	id := origin
	if spec.Label != "" {
		id += "#" + spec.Label
	}
	var ksk, zsk *keyFile
	var err error
	if spec.CSK {
		ksk, err = s.key(ctx, tool, id, origin, "csk", alg, bits)
		zsk = ksk
	} else if ksk, err = s.key(ctx, tool, id, origin, "ksk", alg, bits); err == nil {
		zsk, err = s.key(ctx, tool, id, origin, "zsk", alg, bits)
	}
	if err != nil {
		return nil, err
	}
	ttl := spec.TTL
	if ttl == 0 {
		ttl = 3600
	}
	digest := spec.Digest
	if digest == 0 {
		digest = dns.SHA256
	}
	published := []*keyFile{ksk}
	if zsk != ksk {
		published = append(published, zsk)
	}

	// The records the signer must find in the zone: the DNSKEYs with the
	// spec's TTL, and CDS/CDNSKEY when asked for.
	var extra strings.Builder
	var keys []*dns.DNSKEY
	for _, k := range published {
		rr := dns.Copy(k.dnskey).(*dns.DNSKEY)
		rr.Hdr.Name, rr.Hdr.Ttl = origin, ttl
		keys = append(keys, rr)
		extra.WriteString(rr.String() + "\n")
	}
	if spec.CDS != authzone.CDSNone {
		ck := ksk
		if spec.CDS == authzone.CDSMismatch {
			if ck, err = s.key(ctx, tool, id, origin, "cds-ghost", alg, bits); err != nil {
				return nil, err
			}
		}
		ds := ck.dnskey.ToDS(digest)
		if ds == nil {
			return nil, fmt.Errorf("interop: %s: no CDS with digest %d", origin, digest)
		}
		cds := &dns.CDS{DS: *ds}
		cds.Hdr = dns.RR_Header{Name: origin, Rrtype: dns.TypeCDS, Class: dns.ClassINET, Ttl: ttl}
		cdnskey := &dns.CDNSKEY{DNSKEY: *dns.Copy(ck.dnskey).(*dns.DNSKEY)}
		cdnskey.Hdr = dns.RR_Header{Name: origin, Rrtype: dns.TypeCDNSKEY, Class: dns.ClassINET, Ttl: ttl}
		extra.WriteString(cds.String() + "\n" + cdnskey.String() + "\n")
	}

	work, err := os.MkdirTemp(s.Dir, "sign-"+fileLabel(origin)+"-")
	if err != nil {
		return nil, fmt.Errorf("interop: %w", err)
	}
	in := filepath.Join(work, "unsigned.zone")
	out := filepath.Join(work, "signed.zone")
	if err := os.WriteFile(in, []byte(withOrigin(origin, text)+"\n"+extra.String()), 0o644); err != nil {
		return nil, fmt.Errorf("interop: %w", err)
	}
	inc, exp := spec.Validity(s.Now)
	inc, exp = inc.UTC(), exp.UTC()
	const stamp = "20060102150405"
	var argv []string
	switch tool {
	case LDNS:
		argv = []string{"ldns-signzone", "-o", origin, "-f", out, "-i", inc.Format(stamp), "-e", exp.Format(stamp)}
		if spec.NSEC3 != nil {
			argv = append(argv, "-n", "-t", fmt.Sprint(spec.NSEC3.Iterations))
			if spec.NSEC3.Salt != "" {
				argv = append(argv, "-s", strings.ToLower(spec.NSEC3.Salt))
			}
			if spec.NSEC3.OptOut {
				argv = append(argv, "-p")
			}
		}
		argv = append(argv, in)
		for _, k := range published {
			argv = append(argv, k.base)
		}
	case BINDDNS:
		// -P: no verification of the output; expired and not-yet-valid
		// signatures are what some specs ask for.
		argv = []string{"dnssec-signzone", "-q", "-P", "-o", origin, "-f", out, "-s", inc.Format(stamp), "-e", exp.Format(stamp), "-K", filepath.Dir(ksk.base)}
		if spec.NSEC3 != nil {
			salt := strings.ToLower(spec.NSEC3.Salt)
			if salt == "" {
				salt = "-"
			}
			argv = append(argv, "-3", salt, "-H", fmt.Sprint(spec.NSEC3.Iterations))
			if spec.NSEC3.OptOut {
				argv = append(argv, "-A")
			}
		}
		if spec.CSK {
			argv = append(argv, "-z") // ignore the KSK flag: the one key signs everything
		}
		argv = append(argv, in)
		for _, k := range published {
			argv = append(argv, k.base)
		}
	}
	if _, err := run(ctx, work, argv...); err != nil {
		return nil, err
	}
	signedText, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("interop: reading %s's output: %w", argv[0], err)
	}
	rrs, err := parseZone(origin, string(signedText))
	if err != nil {
		return nil, fmt.Errorf("interop: %s output for %s: %w", argv[0], origin, err)
	}
	rrs = applyFaults(origin, rrs, spec.Faults)

	res := &Signed{Origin: origin, Tool: tool, Keys: keys}
	var b strings.Builder
	for _, rr := range rrs {
		b.WriteString(rr.String())
		b.WriteByte('\n')
	}
	res.Text = b.String()
	if !spec.NoDS {
		dsKey := ksk
		if spec.Faults.DSMismatch {
			if dsKey, err = s.key(ctx, tool, id, origin, "ds-ghost", alg, bits); err != nil {
				return nil, err
			}
		}
		ds, err := s.ds(ctx, tool, dsKey, digest)
		if err != nil {
			return nil, err
		}
		res.DS = []*dns.DS{ds}
	}
	return res, nil
}

// signerCannot says why the real signers here do not reproduce spec, ""
// when they do: these faults and CDS modes are made by the lab's own signer
// only (authzone), so their zones are not served and their scenarios are
// checked in memory alone.
func signerCannot(spec *authzone.SignSpec) string {
	if spec == nil {
		return ""
	}
	f := spec.Faults
	switch {
	case f.DNSKEYByZSK:
		return "ldns-signzone and dnssec-signzone sign the DNSKEY RRset with the KSK: the DNSKEY-by-ZSK fault is the lab signer's"
	case f.ExtraAlgorithm != 0:
		return "the real signers sign every RRset with every algorithm of the keys given: the extra-algorithm fault is the lab signer's"
	case f.ExtraDSAlgorithm != 0 || f.ExtraDSDigest != 0:
		return "the deployment writes the signer's own DS into the parent, never a copy with another algorithm or digest type"
	case f.StrayNSEC3PARAM:
		return "the real signers write the NSEC3PARAM of the chain they make, or none"
	case f.NoDenial:
		return "a real server always adds the NSEC or NSEC3 proof to a signed zone's NXDOMAIN answers"
	}
	switch spec.CDS {
	case authzone.CDSNone, authzone.CDSMatching, authzone.CDSMismatch:
		return ""
	}
	return "CDS mode " + string(spec.CDS) + " (keys and signers of the CDS/CDNSKEY RRsets) is the lab signer's"
}

// applyFaults rewrites a signer's output: the RRSIG over the apex RRset of
// the fault's type is corrupted (BadSignature) or dropped (UnsignedRRset).
func applyFaults(origin string, rrs []dns.RR, f authzone.SignFaults) []dns.RR {
	if !f.BadSignature && !f.UnsignedRRset {
		return rrs
	}
	t := f.RRset
	if t == 0 {
		t = dns.TypeSOA
	}
	out := rrs[:0]
	for _, rr := range rrs {
		sig, ok := rr.(*dns.RRSIG)
		if ok && sig.TypeCovered == t && dns.CanonicalName(sig.Hdr.Name) == origin {
			if f.UnsignedRRset {
				continue
			}
			b, err := base64.StdEncoding.DecodeString(sig.Signature)
			if err == nil && len(b) > 0 {
				b[len(b)/2] ^= 0xff
				sig.Signature = base64.StdEncoding.EncodeToString(b)
			}
		}
		out = append(out, rr)
	}
	return out
}

// key returns (making it if needed) the key of zone id for role. Roles
// other than ksk, zsk and csk are keys the zone does not publish: their
// DNSKEY goes into a wrong DS or CDS.
func (s *Signer) key(ctx context.Context, tool Tool, id, origin, role string, alg uint8, bits int) (*keyFile, error) {
	cacheID := fmt.Sprintf("%s|%s|%s|%d|%d", tool, id, role, alg, bits)
	s.mu.Lock()
	defer s.mu.Unlock()
	if k, ok := s.keys[cacheID]; ok {
		return k, nil
	}
	if s.keys == nil {
		s.keys = map[string]*keyFile{}
	}
	dir := filepath.Join(s.Dir, "keys")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("interop: %w", err)
	}
	sep := role != "zsk"
	var argv []string
	switch tool {
	case LDNS:
		name, ok := ldnsAlgorithms[alg]
		if !ok {
			return nil, fmt.Errorf("interop: ldns-keygen: algorithm %d not supported here", alg)
		}
		argv = []string{"ldns-keygen", "-a", name, "-r", "/dev/urandom"}
		if sep {
			argv = append(argv, "-k")
		}
		if bits > 0 {
			argv = append(argv, "-b", fmt.Sprint(bits))
		}
		argv = append(argv, origin)
	case BINDDNS:
		name, ok := bindAlgorithms[alg]
		if !ok {
			return nil, fmt.Errorf("interop: dnssec-keygen: algorithm %d not supported here", alg)
		}
		argv = []string{"dnssec-keygen", "-q", "-a", name, "-n", "ZONE", "-K", dir}
		if sep {
			argv = append(argv, "-f", "KSK")
		}
		if bits > 0 {
			argv = append(argv, "-b", fmt.Sprint(bits))
		}
		argv = append(argv, origin)
	}
	out, err := run(ctx, dir, argv...)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSpace(string(out))
	if i := strings.LastIndexByte(base, '\n'); i >= 0 {
		base = strings.TrimSpace(base[i+1:])
	}
	if base == "" || strings.ContainsAny(base, "/ ") {
		return nil, fmt.Errorf("interop: %s printed %q, not a key name", argv[0], out)
	}
	base = filepath.Join(dir, base)
	pub, err := readDNSKEY(base + ".key")
	if err != nil {
		return nil, err
	}
	k := &keyFile{base: base, dnskey: pub}
	s.keys[cacheID] = k
	return k, nil
}

// ds computes the DS of a key file with the suite's own tool.
func (s *Signer) ds(ctx context.Context, tool Tool, k *keyFile, digest uint8) (*dns.DS, error) {
	var argv []string
	switch tool {
	case LDNS:
		flag := map[uint8]string{dns.SHA1: "-1", dns.SHA256: "-2", dns.SHA384: "-4"}[digest]
		if flag == "" {
			return nil, fmt.Errorf("interop: ldns-key2ds: digest %d not supported", digest)
		}
		// -f: also for the unpublished keys, whatever their flags.
		argv = []string{"ldns-key2ds", "-n", "-f", flag, k.base + ".key"}
	case BINDDNS:
		name := map[uint8]string{dns.SHA1: "SHA-1", dns.SHA256: "SHA-256", dns.SHA384: "SHA-384"}[digest]
		if name == "" {
			return nil, fmt.Errorf("interop: dnssec-dsfromkey: digest %d not supported", digest)
		}
		argv = []string{"dnssec-dsfromkey", "-a", name, k.base + ".key"}
	}
	out, err := run(ctx, filepath.Dir(k.base), argv...)
	if err != nil {
		return nil, err
	}
	rr, err := dns.NewRR(strings.TrimSpace(string(out)))
	if err != nil {
		return nil, fmt.Errorf("interop: %s printed %q: %w", argv[0], out, err)
	}
	ds, ok := rr.(*dns.DS)
	if !ok {
		return nil, fmt.Errorf("interop: %s printed %q, not a DS", argv[0], out)
	}
	ds.Hdr.Ttl = 3600
	return ds, nil
}

var ldnsAlgorithms = map[uint8]string{
	dns.RSASHA1: "RSASHA1", dns.RSASHA1NSEC3SHA1: "RSASHA1-NSEC3-SHA1", dns.RSASHA256: "RSASHA256",
	dns.RSASHA512: "RSASHA512", dns.ECDSAP256SHA256: "ECDSAP256SHA256", dns.ECDSAP384SHA384: "ECDSAP384SHA384",
	dns.ED25519: "ED25519",
}

var bindAlgorithms = map[uint8]string{
	dns.RSASHA1: "RSASHA1", dns.RSASHA1NSEC3SHA1: "NSEC3RSASHA1", dns.RSASHA256: "RSASHA256",
	dns.RSASHA512: "RSASHA512", dns.ECDSAP256SHA256: "ECDSAP256SHA256", dns.ECDSAP384SHA384: "ECDSAP384SHA384",
	dns.ED25519: "ED25519",
}

// readDNSKEY reads the DNSKEY of a .key file (comments allowed).
func readDNSKEY(path string) (*dns.DNSKEY, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("interop: %w", err)
	}
	zp := dns.NewZoneParser(bytes.NewReader(b), ".", path)
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		if k, ok := rr.(*dns.DNSKEY); ok {
			return k, nil
		}
	}
	if err := zp.Err(); err != nil {
		return nil, fmt.Errorf("interop: %s: %w", path, err)
	}
	return nil, fmt.Errorf("interop: %s has no DNSKEY", path)
}

// parseZone reads zone text for origin into records (names lower case).
func parseZone(origin, text string) ([]dns.RR, error) {
	zp := dns.NewZoneParser(strings.NewReader(text), origin, origin)
	var out []dns.RR
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		rr.Header().Name = dns.CanonicalName(rr.Header().Name)
		out = append(out, rr)
	}
	if err := zp.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// withOrigin puts an $ORIGIN line before zone text written with relative
// names, so any tool reads it the same way.
func withOrigin(origin, text string) string {
	return "$ORIGIN " + origin + "\n" + text
}

// fileLabel turns an origin into a file name part.
func fileLabel(origin string) string {
	s := strings.TrimSuffix(origin, ".")
	if s == "" {
		return "root"
	}
	return s
}

// run runs a tool in dir and returns its standard output, or an error with
// its standard error.
func run(ctx context.Context, dir string, argv ...string) ([]byte, error) {
	bin, err := LookPath(argv[0])
	if err != nil {
		return nil, err
	}
	cmd := toolCommand(ctx, bin, argv[1:]...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("interop: %s: %w: %s", strings.Join(argv, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}
