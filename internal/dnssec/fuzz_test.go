package dnssec_test

import (
	"testing"

	"github.com/miekg/dns"

	dv "github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// clone copies a domain with fresh Query values (their parse cache is
// per value), so each fuzz iteration parses its own bytes.
func clone(d *observe.Domain) *observe.Domain {
	c := *d
	c.Queries = make([]*observe.Query, len(d.Queries))
	for i, q := range d.Queries {
		c.Queries[i] = &observe.Query{
			Seq: q.Seq, Purpose: q.Purpose, Zone: q.Zone, Server: q.Server, Transport: q.Transport,
			QName: q.QName, QType: q.QType, EDNS: q.EDNS, SentAt: q.SentAt, Status: q.Status,
			Response: q.Response,
		}
	}
	return &c
}

// FuzzAnalyze feeds arbitrary bytes as the response of one query (or of
// all of them) of a secure world and asserts the analysis never panics.
func FuzzAnalyze(f *testing.F) {
	c := secure()
	c.Domain.NSEC3 = &authzone.NSEC3Spec{}
	base, anchors := collect(f, c, nil)
	for i, q := range base.Queries {
		if len(q.Response) < 20 {
			continue
		}
		f.Add(q.Response, uint8(i), false)
		// A truncated copy and a copy with a flipped byte in the RDATA.
		f.Add(q.Response[:len(q.Response)/2], uint8(i), false)
		b := append([]byte(nil), q.Response...)
		b[len(b)-20] ^= 0xff
		f.Add(b, uint8(i), false)
	}
	f.Add([]byte{}, uint8(0), true)
	f.Fuzz(func(t *testing.T, data []byte, idx uint8, all bool) {
		d := clone(base)
		for i, q := range d.Queries {
			if all || i == int(idx)%len(d.Queries) {
				q.Response = data
			}
		}
		r := dv.Analyze(d, anchors, at)
		if r == nil || r.Status == "" {
			t.Fatalf("no result: %+v", r)
		}
		// Without a DNSKEY response from the domain nothing can be secure.
		if q := d.Query(d.Chain[2].DNSKEYSeq); r.Status == dv.Secure && len(q.Response) == 0 {
			t.Fatalf("secure without the domain's DNSKEY response: %+v", r)
		}
	})
}

// TestAnalyzeHostile runs the validator on responses that are valid DNS
// but hostile: records of every DNSSEC type with broken contents.
func TestAnalyzeHostile(t *testing.T) {
	base, anchors := collect(t, secure(), nil)
	junk := []string{
		"example.test. 300 IN NSEC3 1 1 65535 - 00000000000000000000000000000000 A",
		"example.test. 300 IN NSEC3 1 0 0 AABB VVVV A",
		"example.test. 300 IN RRSIG SOA 13 200 300 20260101000000 20250101000000 1 . AAAA",
		"example.test. 300 IN DNSKEY 257 3 8 AA==",
		"example.test. 300 IN DNSKEY 257 3 13 AA==",
		"example.test. 300 IN DS 1 8 2 00",
		"example.test. 300 IN CDS 1 8 9 00",
		"example.test. 300 IN NSEC . A",
	}
	for i, j := range junk {
		rr, err := dns.NewRR(j)
		if err != nil {
			t.Fatalf("%s: %v", j, err)
		}
		for _, q := range base.Queries {
			m := new(dns.Msg)
			if err := m.Unpack(q.Response); err != nil {
				t.Fatal(err)
			}
			m.Answer = append(m.Answer, rr)
			m.Ns = append(m.Ns, rr)
			b, err := m.Pack()
			if err != nil {
				t.Fatal(err)
			}
			d := clone(base)
			d.Query(q.Seq).Response = b
			if r := dv.Analyze(d, anchors, at); r.Status == "" {
				t.Errorf("junk %d on query %d: empty status", i, q.Seq)
			}
		}
	}
}
