package dnssec

import (
	"crypto/sha256"
	"io"
	"strings"
	"sync"

	"github.com/miekg/dns"
)

// VerifyCache remembers signatures that verified, so that a scan of many
// domains under one TLD checks the root's and the TLD's signatures once,
// not once per domain. The key is a SHA-256 over the RRSIG (signature
// bytes included), the DNSKEY and the RRset as received: a hit means the
// very same bytes verified before, so the result cannot differ. Only
// successes are kept; a failure is always verified again and reported
// with its error. Validity windows are not cached: checkSig judges them
// against the evaluation time every time.
//
// A VerifyCache is safe for concurrent use. It holds at most Size entries
// (DefaultVerifyCacheSize when zero) and starts afresh when full: the
// entries worth keeping (the root's and the TLDs') come back at once.
type VerifyCache struct {
	Size int

	mu           sync.Mutex
	seen         map[[sha256.Size]byte]struct{}
	hits, misses int64
	keys         map[*dns.DNSKEY]*keyMemo
}

// keyMemo is what was computed of one DNSKEY: its tag and its digests by
// digest type. The same DNSKEY RR (the root's, a TLD's, parsed once per
// run from a shared query) is matched against DS records for every
// domain; computing its tag and digests each time was 5% of a scan's
// allocations.
type keyMemo struct {
	tag     uint16
	digests map[uint8]string
}

// keyMemoMax bounds the DNSKEYs memoised; the memo starts afresh when full.
const keyMemoMax = 4096

// DefaultVerifyCacheSize bounds a VerifyCache: 32 bytes a key, so about
// 2 MiB at most.
const DefaultVerifyCacheSize = 1 << 15

// Stats returns the cache's hits and misses so far.
func (c *VerifyCache) Stats() (hits, misses int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

// verifyKey hashes what decides a verification: the RRs in presentation
// format, which is lossless (unknown types in RFC 3597 form) and, unlike
// dns.PackRR, does not write to the RRs, which the parsed messages of
// shared queries make visible to many goroutines at once.
func verifyKey(sig *dns.RRSIG, k *dns.DNSKEY, rrs []dns.RR) [sha256.Size]byte {
	h := sha256.New()
	io.WriteString(h, sig.String())
	io.WriteString(h, "\n")
	io.WriteString(h, k.String())
	for _, rr := range rrs {
		io.WriteString(h, "\n")
		io.WriteString(h, rr.String())
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}

// verify is safeVerify through the cache (c may be nil).
func (c *VerifyCache) verify(sig *dns.RRSIG, k *dns.DNSKEY, rrs []dns.RR) error {
	if c == nil {
		return safeVerify(sig, k, rrs)
	}
	key := verifyKey(sig, k, rrs)
	c.mu.Lock()
	_, hit := c.seen[key]
	if hit {
		c.hits++
	} else {
		c.misses++
	}
	c.mu.Unlock()
	if hit {
		return nil
	}
	if err := safeVerify(sig, k, rrs); err != nil {
		return err
	}
	c.mu.Lock()
	size := c.Size
	if size <= 0 {
		size = DefaultVerifyCacheSize
	}
	if c.seen == nil || len(c.seen) >= size {
		c.seen = make(map[[sha256.Size]byte]struct{})
	}
	c.seen[key] = struct{}{}
	c.mu.Unlock()
	return nil
}

// dsMatches reports whether ds is the digest of k (RFC 4034 §5.1.4),
// memoising k's tag and digests by k's address: the RRs of a parsed
// message are never modified (observe.Query.Msg). c may be nil.
func (c *VerifyCache) dsMatches(ds *dns.DS, k *dns.DNSKEY) bool {
	if ds.Algorithm != k.Algorithm {
		return false
	}
	if c == nil {
		if ds.KeyTag != k.KeyTag() {
			return false
		}
		d := k.ToDS(ds.DigestType)
		return d != nil && strings.EqualFold(d.Digest, ds.Digest)
	}
	c.mu.Lock()
	m := c.keys[k]
	c.mu.Unlock()
	if m == nil {
		m = &keyMemo{tag: k.KeyTag(), digests: map[uint8]string{}}
		c.mu.Lock()
		if c.keys == nil || len(c.keys) >= keyMemoMax {
			c.keys = map[*dns.DNSKEY]*keyMemo{}
		}
		c.keys[k] = m
		c.mu.Unlock()
	}
	if ds.KeyTag != m.tag {
		return false
	}
	c.mu.Lock()
	digest, ok := m.digests[ds.DigestType]
	c.mu.Unlock()
	if !ok {
		if d := k.ToDS(ds.DigestType); d != nil {
			digest = d.Digest
		}
		c.mu.Lock()
		m.digests[ds.DigestType] = digest
		c.mu.Unlock()
	}
	return digest != "" && strings.EqualFold(digest, ds.Digest)
}
