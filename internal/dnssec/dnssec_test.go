package dnssec_test

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	dv "github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

type wcase struct {
	name     string
	setup    func(c *worlds.Chain) // changes the secure chain
	tamper   tamperFunc            // changes replies
	edit     func(d *observe.Domain)
	noAnchor bool
	opts     func(o *dv.Options)
	want     dv.Status
	reason   string // substring of Reason; {nx} stands for the name asked for the denial proof
	check    func(t *testing.T, r *dv.Result)
}

func analyze(t *testing.T, c wcase) (*dv.Result, *observe.Domain) {
	t.Helper()
	chain := secure()
	if c.setup != nil {
		c.setup(&chain)
	}
	d, anchors := collect(t, chain, c.tamper)
	if c.edit != nil {
		c.edit(d)
	}
	o := dv.Options{Anchors: anchors, At: at}
	if c.noAnchor {
		o.Anchors = nil
	}
	if c.opts != nil {
		c.opts(&o)
	}
	return dv.AnalyzeWith(d, o), d
}

func unsigned(c *worlds.Chain) { c.Domain = nil }

// noAAAA leaves the apex without AAAA, so the AAAA query gets NODATA.
func noAAAA(c *worlds.Chain) { c.Records = "@\tA\t192.0.2.1\nwww\tA\t192.0.2.2\n" }

// rsasha1 signs the domain with one RSASHA1 1024-bit CSK.
func rsasha1(c *worlds.Chain) {
	c.Domain = &authzone.SignSpec{Algorithm: dns.RSASHA1, Bits: 1024, CSK: true}
}

// validity signs the domain with signatures valid from inc to exp.
func validity(inc, exp time.Time) func(c *worlds.Chain) {
	return func(c *worlds.Chain) { c.Domain = &authzone.SignSpec{Inception: inc.Sub(at), Expiration: exp.Sub(at)} }
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestAnalyze(t *testing.T) {
	cases := []wcase{
		{name: "secure", want: dv.Secure, check: func(t *testing.T, r *dv.Result) {
			if r.ParentStatus != dv.Secure || len(r.Chain) != 3 {
				t.Errorf("chain = %+v, parent %s", r.Chain, r.ParentStatus)
			}
			if len(r.Keys) != 2 || len(r.DS) != 1 || r.DS[0].Match != dv.MatchYes {
				t.Errorf("keys %+v ds %+v", r.Keys, r.DS)
			}
			roles := map[string]int{}
			for _, k := range r.Keys {
				roles[k.Role]++
				if k.Bits != 256 || k.Signing != dv.Must || k.AlgorithmName != "ECDSAP256SHA256" {
					t.Errorf("key %+v", k)
				}
			}
			if roles[dv.RoleKSK] != 1 || roles[dv.RoleZSK] != 1 {
				t.Errorf("roles = %v", roles)
			}
			if r.Denial.Type != "nsec" || !r.Denial.Valid || r.Denial.Proof != "nxdomain" {
				t.Errorf("denial = %+v", r.Denial)
			}
			if len(r.Unsigned) != 0 {
				t.Errorf("unsigned = %+v", r.Unsigned)
			}
			want := map[string]bool{"example.test./SOA": false, "example.test./NS": false, "example.test./A": false,
				"example.test./AAAA": false, "example.test./DNSKEY": false, "example.test./DS": false, "example.test./NSEC": false}
			for _, s := range r.Signatures {
				if !s.Valid {
					t.Errorf("invalid signature %+v", s)
				}
				if s.ExpiresIn <= 0 || s.Window != dv.WindowValid {
					t.Errorf("window %+v", s)
				}
				want[s.RRset] = true
			}
			for k, seen := range want {
				if !seen {
					t.Errorf("no signature recorded over %s", k)
				}
			}
		}},
		{name: "secure nsec3", want: dv.Secure, setup: func(c *worlds.Chain) {
			c.Domain.NSEC3 = &authzone.NSEC3Spec{Iterations: 0}
		}, check: func(t *testing.T, r *dv.Result) {
			if r.Denial.Type != "nsec3" || !r.Denial.Valid || r.Denial.NSEC3 == nil || r.Denial.NSEC3PARAM == nil {
				t.Errorf("denial = %+v", r.Denial)
			}
		}},
		{name: "secure csk", want: dv.Secure, setup: func(c *worlds.Chain) {
			c.Domain = &authzone.SignSpec{Algorithm: dns.ED25519, CSK: true}
		}, check: func(t *testing.T, r *dv.Result) {
			if len(r.Keys) != 1 || r.Keys[0].Role != dv.RoleCSK || r.Keys[0].Signing != dv.Recommended {
				t.Errorf("keys = %+v", r.Keys)
			}
		}},
		{name: "insecure nsec", want: dv.Insecure, reason: "proves with NSEC that example.test. has no DS", setup: unsigned,
			check: func(t *testing.T, r *dv.Result) {
				if r.Signed || r.ParentStatus != dv.Secure || len(r.DS) != 0 || !r.DSAnswered || !r.DNSKEYAnswered {
					t.Errorf("result = %+v", r)
				}
			}},
		{name: "insecure nsec3", want: dv.Insecure, reason: "proves with NSEC3 that", setup: func(c *worlds.Chain) {
			unsigned(c)
			c.TLD.NSEC3 = &authzone.NSEC3Spec{}
		}},
		{name: "insecure nsec3 opt-out", want: dv.Insecure, reason: "NSEC3 opt-out", setup: func(c *worlds.Chain) {
			unsigned(c)
			c.TLD.NSEC3 = &authzone.NSEC3Spec{OptOut: true}
		}},
		{name: "insecure above", want: dv.Insecure, reason: "that test. has no DS", setup: func(c *worlds.Chain) {
			c.TLD = nil
		}, check: func(t *testing.T, r *dv.Result) {
			if r.ParentStatus != dv.Insecure {
				t.Errorf("parent status = %s", r.ParentStatus)
			}
		}},
		{name: "bogus bad signature", want: dv.Bogus, reason: "no valid RRSIG over example.test./SOA: signature by key", setup: func(c *worlds.Chain) {
			c.Domain.Faults.BadSignature = true
		}},
		{name: "bogus expired", want: dv.Bogus, reason: "signature expired 2026-02-01T00:00:00Z",
			setup: validity(day(2026, 1, 1), day(2026, 2, 1)), check: func(t *testing.T, r *dv.Result) {
				n := 0
				for _, s := range r.Signatures {
					if s.Problem == dv.ProblemExpired {
						n++
						if s.ExpiresIn >= 0 || s.Window != dv.WindowExpired {
							t.Errorf("signature %+v", s)
						}
					}
				}
				if n == 0 {
					t.Error("no expired signature recorded")
				}
			}},
		{name: "bogus not yet valid", want: dv.Bogus, reason: "signature not valid before 2026-04-01T00:00:00Z",
			setup: validity(day(2026, 4, 1), day(2026, 5, 1))},
		{name: "bogus ds mismatch", want: dv.Bogus, reason: "no usable DNSKEY of example.test. matches its DS", setup: func(c *worlds.Chain) {
			c.TLDExtra = "example\tDS\t4242 13 2 " + otherDigest + "\n"
		}, check: func(t *testing.T, r *dv.Result) {
			if len(r.DS) != 1 || r.DS[0].Match != dv.MatchNo || r.DS[0].Tag != 4242 {
				t.Errorf("ds = %+v", r.DS)
			}
			if len(r.Evidence) != 2 {
				t.Errorf("evidence = %v", r.Evidence)
			}
		}},
		{name: "bogus missing soa rrsig", want: dv.Bogus, reason: "no RRSIG over example.test./SOA",
			tamper: func(_ *engine.World, _ netip.Addr, q dns.Question, m *dns.Msg) {
				if q.Name == domain && q.Qtype == dns.TypeSOA {
					m.Answer = dropSigs(m.Answer, dns.TypeSOA)
				}
			}, check: func(t *testing.T, r *dv.Result) {
				if len(r.Unsigned) != 1 || r.Unsigned[0].RRset != "example.test./SOA" {
					t.Errorf("unsigned = %+v", r.Unsigned)
				}
			}},
		{name: "bogus missing denial", want: dv.Bogus, reason: "no valid denial of existence for {nx}/A: no NSEC or NSEC3",
			tamper: func(_ *engine.World, _ netip.Addr, _ dns.Question, m *dns.Msg) {
				if m.Rcode == dns.RcodeNameError {
					m.Ns = drop(m.Ns, dns.TypeNSEC, dns.TypeNSEC3)
				}
			}},
		{name: "bogus missing nsec3 denial", want: dv.Bogus, reason: "no NSEC3 record", setup: func(c *worlds.Chain) {
			c.Domain.NSEC3 = &authzone.NSEC3Spec{}
		}, tamper: func(_ *engine.World, _ netip.Addr, _ dns.Question, m *dns.Msg) {
			if m.Rcode == dns.RcodeNameError && len(m.Ns) > 4 {
				m.Ns = m.Ns[:4] // SOA, its RRSIG, the first NSEC3 and its RRSIG
			}
		}},
		{name: "bogus unproven no ds", want: dv.Bogus, reason: "no DS for example.test. and no valid proof of its absence from test. (RFC 4035 §5.2)",
			setup: unsigned, tamper: func(_ *engine.World, _ netip.Addr, q dns.Question, m *dns.Msg) {
				// The referral and the DS query both lose the parent's proof.
				if referralTo(m, domain) || (q.Name == domain && q.Qtype == dns.TypeDS) {
					m.Ns = drop(m.Ns, dns.TypeNSEC, dns.TypeNSEC3)
				}
			}},
		{name: "bogus ds rrsig", want: dv.Bogus, reason: "no valid RRSIG over example.test./DS",
			tamper: func(_ *engine.World, _ netip.Addr, _ dns.Question, m *dns.Msg) { corruptSigs(m, domain, dns.TypeDS) }},
		{name: "bogus no dnskey", want: dv.Bogus, reason: "serves no DNSKEY RRset",
			tamper: func(_ *engine.World, _ netip.Addr, q dns.Question, m *dns.Msg) {
				if q.Name == domain && q.Qtype == dns.TypeDNSKEY {
					m.Answer = nil
				}
			}},
		{name: "secure nodata nsec", want: dv.Secure, setup: noAAAA},
		{name: "secure nodata nsec3", want: dv.Secure, setup: func(c *worlds.Chain) {
			noAAAA(c)
			c.Domain.NSEC3 = &authzone.NSEC3Spec{}
		}},
		{name: "bogus nodata without proof", want: dv.Bogus, reason: "no valid proof that example.test./AAAA does not exist",
			setup: noAAAA, tamper: func(_ *engine.World, _ netip.Addr, q dns.Question, m *dns.Msg) {
				if q.Name == domain && q.Qtype == dns.TypeAAAA {
					m.Ns = drop(m.Ns, dns.TypeNSEC)
				}
			}},
		{name: "bogus nodata nsec lists type", want: dv.Bogus, reason: "the NSEC record at example.test. lists AAAA",
			tamper: func(w *engine.World, addr netip.Addr, q dns.Question, m *dns.Msg) {
				if q.Name == domain && q.Qtype == dns.TypeAAAA { // claim NODATA with the apex NSEC, which lists AAAA
					m.Answer, m.Ns = nil, ask(w, addr, domain, dns.TypeTXT).Ns
				}
			}},
		{name: "sha1 unsupported by policy", want: dv.Insecure, reason: "lists only unsupported algorithms", setup: rsasha1,
			opts: func(o *dv.Options) { o.SHA1Unsupported = true }},
		{name: "indeterminate no anchor", noAnchor: true, want: dv.Indeterminate, reason: "no trust anchor"},
		{name: "indeterminate dnskey timeout", want: dv.Indeterminate, reason: "example.test./DNSKEY query got no answer (timeout)",
			edit: func(d *observe.Domain) {
				q := d.Query(d.Chain[2].DNSKEYSeq)
				q.Status, q.Response = observe.StatusTimeout, nil
			}},
		{name: "indeterminate ds not asked", want: dv.Indeterminate, reason: "no DS query for test. was made",
			edit: func(d *observe.Domain) { d.Chain[1].DSSeq = 0 }},
		{name: "insecure below missing", want: dv.Insecure, setup: func(c *worlds.Chain) { c.TLD = nil },
			edit: func(d *observe.Domain) { d.Chain[2].DSSeq, d.Chain[2].DNSKEYSeq = 0, 0 }},
		{name: "insecure unsupported algorithm", want: dv.Insecure, reason: "lists only unsupported algorithms", setup: func(c *worlds.Chain) {
			c.TLDExtra = "example\tDS\t1111 16 2 " + otherDigest + "\n"
		}},
		{name: "sha1 validated by default", want: dv.Secure, setup: rsasha1, check: func(t *testing.T, r *dv.Result) {
			if len(r.Keys) != 1 || r.Keys[0].Bits != 1024 || r.Keys[0].Signing != dv.MustNot || r.Keys[0].Reference != "RFC 9905" {
				t.Errorf("keys = %+v", r.Keys)
			}
		}},
		{name: "expired parent ds signature", want: dv.Bogus, reason: "no valid RRSIG over test./DNSKEY", setup: func(c *worlds.Chain) {
			c.TLD.Inception, c.TLD.Expiration = -48*time.Hour, -time.Hour
		}},
		// check --ds: the DS records given stand in for the parent's, with no
		// trust anchor and no DS query needed.
		{name: "given ds secure", want: dv.Secure, noAnchor: true, edit: giveDS(nil), check: func(t *testing.T, r *dv.Result) {
			if !r.DSGiven || len(r.DS) != 1 || r.DS[0].Match != dv.MatchYes || r.DS[0].Seq != 0 || len(r.Chain) != 1 {
				t.Errorf("ds_given %v, ds %+v, chain %+v", r.DSGiven, r.DS, r.Chain)
			}
		}},
		{name: "given ds no match", want: dv.Bogus, reason: "no usable DNSKEY of example.test. matches the DS records given with --ds",
			edit: giveDS(func(ds *dns.DS) { ds.Digest = otherDigest }), check: func(t *testing.T, r *dv.Result) {
				if len(r.DS) != 1 || r.DS[0].Match != dv.MatchNo {
					t.Errorf("ds %+v", r.DS)
				}
			}},
		{name: "given ds unsupported", want: dv.Insecure, reason: "DS records given with --ds list only unsupported",
			edit: giveDS(func(ds *dns.DS) { ds.Algorithm = 200 })},
		{name: "given ds unreadable", want: dv.Indeterminate, reason: "none of the DS records given with --ds could be read",
			edit: func(d *observe.Domain) {
				d.Undelegated, d.UndelegatedDS = true, []string{"example.test. IN DS garbage"}
			}},
		{name: "given ds without undelegated is not used", want: dv.Secure,
			edit: func(d *observe.Domain) {
				seq := d.Chain[len(d.Chain)-1].DSSeq
				giveDS(func(ds *dns.DS) { ds.Digest = otherDigest })(d)
				d.Undelegated, d.Chain[len(d.Chain)-1].DSSeq = false, seq
			}, check: func(t *testing.T, r *dv.Result) {
				if r.DSGiven || len(r.Chain) != 3 {
					t.Errorf("ds_given %v, chain %+v", r.DSGiven, r.Chain)
				}
			}},
		{name: "cds delete", want: dv.Secure, setup: func(c *worlds.Chain) {
			c.Records = worlds.ChainRecords + "@\tCDS\t0 0 0 00\n@\tCDNSKEY\t0 3 0 AA==\n"
		}, check: func(t *testing.T, r *dv.Result) {
			if !r.CDS.Delete || !r.CDS.Agree || !r.CDS.CDSPresent || !r.CDS.CDNSKEYPresent {
				t.Errorf("cds = %+v", r.CDS)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, d := analyze(t, c)
			t.Logf("%s: %s", r.Status, r.Reason)
			if r.Status != c.want {
				t.Fatalf("status = %s (%s), want %s", r.Status, r.Reason, c.want)
			}
			reason := c.reason
			if strings.Contains(reason, "{nx}") {
				nx := nxQuery(d)
				if nx == nil {
					t.Fatal("the collector asked no name for the denial proof")
				}
				reason = strings.ReplaceAll(reason, "{nx}", nx.QName)
			}
			if !strings.Contains(r.Reason, reason) {
				t.Errorf("reason = %q, want it to contain %q", r.Reason, reason)
			}
			if c.check != nil {
				c.check(t, r)
			}
		})
	}
}

// giveDS makes d an undelegated test whose DS is given (check --ds): the
// SHA-256 DS of the domain's key-signing key, changed by change when not
// nil. The parent's DS query is dropped: the given DS must not need it.
func giveDS(change func(ds *dns.DS)) func(d *observe.Domain) {
	return func(d *observe.Domain) {
		cut := &d.Chain[len(d.Chain)-1]
		for _, rr := range d.Query(cut.DNSKEYSeq).Msg().Answer {
			if k, ok := rr.(*dns.DNSKEY); ok && k.Flags&dns.SEP != 0 {
				ds := k.ToDS(dns.SHA256)
				if change != nil {
					change(ds)
				}
				d.UndelegatedDS = append(d.UndelegatedDS, ds.String())
			}
		}
		d.Undelegated = true
		cut.DSSeq = 0
	}
}

func TestRegistryClasses(t *testing.T) {
	algs := map[uint8]string{
		0: dv.ClassReserved, 1: dv.ClassAssigned, 2: dv.ClassAssigned, 4: dv.ClassReserved, 8: dv.ClassAssigned,
		9: dv.ClassReserved, 11: dv.ClassReserved, 13: dv.ClassAssigned, 17: dv.ClassAssigned, 18: dv.ClassUnassigned,
		22: dv.ClassUnassigned, 23: dv.ClassAssigned, 24: dv.ClassUnassigned, 122: dv.ClassUnassigned, 123: dv.ClassReserved,
		251: dv.ClassReserved, 252: dv.ClassAssigned, 253: dv.ClassPrivate, 254: dv.ClassPrivate, 255: dv.ClassReserved,
	}
	for alg, want := range algs {
		if got := dv.AlgorithmClass(alg); got != want {
			t.Errorf("algorithm %d: %s, want %s", alg, got, want)
		}
	}
	digests := map[uint8]string{0: dv.ClassReserved, 1: dv.ClassAssigned, 3: dv.ClassAssigned, 6: dv.ClassAssigned,
		7: dv.ClassUnassigned, 127: dv.ClassUnassigned, 128: dv.ClassReserved, 200: dv.ClassReserved, 252: dv.ClassReserved,
		253: dv.ClassPrivate, 254: dv.ClassPrivate, 255: dv.ClassUnassigned}
	for d, want := range digests {
		if got := dv.DigestClass(d); got != want {
			t.Errorf("digest %d: %s, want %s", d, got, want)
		}
	}
}
