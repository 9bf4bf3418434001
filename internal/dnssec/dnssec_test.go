package dnssec_test

import (
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	dv "github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/dnssec/dnssectest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

var at = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type wcase struct {
	name     string
	setup    func(w *dnssectest.World)
	edit     func(d *observe.Domain) // after observation
	noAnchor bool
	opts     func(o *dv.Options)
	want     dv.Status
	reason   string // substring of Reason
	check    func(t *testing.T, r *dv.Result)
}

func analyze(t *testing.T, c wcase) *dv.Result {
	t.Helper()
	w := dnssectest.New(at)
	if c.setup != nil {
		c.setup(w)
	}
	d, err := w.Observe()
	if err != nil {
		t.Fatal(err)
	}
	if c.edit != nil {
		c.edit(d)
	}
	o := dv.Options{Anchors: w.Anchors(), At: at}
	if c.noAnchor {
		o.Anchors = nil
	}
	if c.opts != nil {
		c.opts(&o)
	}
	return dv.AnalyzeWith(d, o)
}

func unsigned(w *dnssectest.World) { w.Domain.Keys = nil }

// dropAAAA removes the apex AAAA, so the AAAA query gets NODATA.
func dropAAAA(w *dnssectest.World) {
	var keep []dns.RR
	for _, rr := range w.Domain.Records {
		if rr.Header().Rrtype != dns.TypeAAAA {
			keep = append(keep, rr)
		}
	}
	w.Domain.Records = keep
}

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
		{name: "secure nsec3", want: dv.Secure, setup: func(w *dnssectest.World) {
			w.Domain.Denial = "nsec3"
			w.Domain.NSEC3 = dnssectest.NSEC3Config{Iterations: 0}
		}, check: func(t *testing.T, r *dv.Result) {
			if r.Denial.Type != "nsec3" || !r.Denial.Valid || r.Denial.NSEC3 == nil || r.Denial.NSEC3PARAM == nil {
				t.Errorf("denial = %+v", r.Denial)
			}
		}},
		{name: "secure csk", want: dv.Secure, setup: func(w *dnssectest.World) {
			w.Domain.Keys = []*dnssectest.Key{dnssectest.MustKey(dnssectest.DomainName, dns.ED25519, 256, 257, true, true)}
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
		{name: "insecure nsec3", want: dv.Insecure, reason: "proves with NSEC3 that", setup: func(w *dnssectest.World) {
			unsigned(w)
			w.TLD.Denial = "nsec3"
		}},
		{name: "insecure nsec3 opt-out", want: dv.Insecure, reason: "NSEC3 opt-out", setup: func(w *dnssectest.World) {
			unsigned(w)
			w.TLD.Denial = "nsec3"
			w.TLD.NSEC3 = dnssectest.NSEC3Config{OptOut: true}
		}},
		{name: "insecure above", want: dv.Insecure, reason: "that test. has no DS", setup: func(w *dnssectest.World) {
			w.TLD.Keys = nil
		}, check: func(t *testing.T, r *dv.Result) {
			if r.ParentStatus != dv.Insecure {
				t.Errorf("parent status = %s", r.ParentStatus)
			}
		}},
		{name: "bogus bad signature", want: dv.Bogus, reason: "no valid RRSIG over example.test./SOA: signature by key", setup: func(w *dnssectest.World) {
			w.Tamper = func(p, _ string, _ uint16, m *dns.Msg) {
				if p == observe.PurposeSigSOA {
					dnssectest.CorruptRRSIG(m, dns.TypeSOA)
				}
			}
		}},
		{name: "bogus expired", want: dv.Bogus, reason: "signature expired 2026-02-01T00:00:00Z", setup: func(w *dnssectest.World) {
			w.Domain.Inception = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			w.Domain.Expiration = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
		}, check: func(t *testing.T, r *dv.Result) {
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
		{name: "bogus not yet valid", want: dv.Bogus, reason: "signature not valid before 2026-04-01T00:00:00Z", setup: func(w *dnssectest.World) {
			w.Domain.Inception = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
			w.Domain.Expiration = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
		}},
		{name: "bogus ds mismatch", want: dv.Bogus, reason: "no usable DNSKEY of example.test. matches its DS", setup: func(w *dnssectest.World) {
			w.Domain.ParentDS = []dns.RR{dnssectest.DS(dnssectest.DomainName, 4242, dns.ECDSAP256SHA256, dns.SHA256)}
		}, check: func(t *testing.T, r *dv.Result) {
			if len(r.DS) != 1 || r.DS[0].Match != dv.MatchNo || r.DS[0].Tag != 4242 {
				t.Errorf("ds = %+v", r.DS)
			}
			if len(r.Evidence) != 2 {
				t.Errorf("evidence = %v", r.Evidence)
			}
		}},
		{name: "bogus missing soa rrsig", want: dv.Bogus, reason: "no RRSIG over example.test./SOA", setup: func(w *dnssectest.World) {
			w.Tamper = func(p, _ string, _ uint16, m *dns.Msg) {
				if p == observe.PurposeSigSOA {
					dnssectest.StripRRSIG(m, dns.TypeSOA)
				}
			}
		}, check: func(t *testing.T, r *dv.Result) {
			if len(r.Unsigned) != 1 || r.Unsigned[0].RRset != "example.test./SOA" {
				t.Errorf("unsigned = %+v", r.Unsigned)
			}
		}},
		{name: "bogus missing denial", want: dv.Bogus, reason: "no valid denial of existence for " + dnssectest.NXName + "/A: no NSEC or NSEC3", setup: func(w *dnssectest.World) {
			w.Tamper = func(p, _ string, _ uint16, m *dns.Msg) {
				if p == observe.PurposeNX {
					dnssectest.StripTypes(m, dns.TypeNSEC, dns.TypeNSEC3)
				}
			}
		}},
		{name: "bogus missing nsec3 denial", want: dv.Bogus, reason: "no NSEC3 record", setup: func(w *dnssectest.World) {
			w.Domain.Denial = "nsec3"
			w.Tamper = func(p, _ string, _ uint16, m *dns.Msg) {
				if p == observe.PurposeNX && len(m.Ns) > 4 {
					m.Ns = m.Ns[:4] // SOA, its RRSIG, the first NSEC3 and its RRSIG
				}
			}
		}},
		{name: "bogus unproven no ds", want: dv.Bogus, reason: "no DS for example.test. and no valid proof of its absence from test. (RFC 4035 §5.2)", setup: func(w *dnssectest.World) {
			unsigned(w)
			w.Tamper = func(p, _ string, _ uint16, m *dns.Msg) {
				if p == observe.PurposeDS {
					dnssectest.StripTypes(m, dns.TypeNSEC, dns.TypeNSEC3)
				}
			}
		}},
		{name: "bogus ds rrsig", want: dv.Bogus, reason: "no valid RRSIG over example.test./DS", setup: func(w *dnssectest.World) {
			w.Tamper = func(p, q string, _ uint16, m *dns.Msg) {
				if p == observe.PurposeDS && q == dnssectest.DomainName {
					dnssectest.CorruptRRSIG(m, dns.TypeDS)
				}
			}
		}},
		{name: "bogus no dnskey", want: dv.Bogus, reason: "serves no DNSKEY RRset", setup: func(w *dnssectest.World) {
			w.Tamper = func(p, q string, _ uint16, m *dns.Msg) {
				if p == observe.PurposeDNSKEY && q == dnssectest.DomainName {
					m.Answer = nil
				}
			}
		}},
		{name: "secure nodata nsec", want: dv.Secure, setup: dropAAAA},
		{name: "secure nodata nsec3", want: dv.Secure, setup: func(w *dnssectest.World) {
			dropAAAA(w)
			w.Domain.Denial = "nsec3"
		}},
		{name: "bogus nodata without proof", want: dv.Bogus, reason: "no valid proof that example.test./AAAA does not exist", setup: func(w *dnssectest.World) {
			dropAAAA(w)
			w.Tamper = func(p, _ string, _ uint16, m *dns.Msg) {
				if p == observe.PurposeApexAAAA {
					dnssectest.StripTypes(m, dns.TypeNSEC)
				}
			}
		}},
		{name: "bogus nodata nsec lists type", want: dv.Bogus, reason: "the NSEC record at example.test. lists AAAA", setup: func(w *dnssectest.World) {
			w.Tamper = func(p, _ string, _ uint16, m *dns.Msg) {
				if p == observe.PurposeApexAAAA { // claim NODATA with the apex NSEC, which lists AAAA
					nx := w.Domain.Answer(dnssectest.DomainName, dns.TypeTXT)
					m.Answer, m.Ns = nil, nx.Ns
				}
			}
		}},
		{name: "sha1 unsupported by policy", want: dv.Insecure, reason: "lists only unsupported algorithms", setup: func(w *dnssectest.World) {
			w.Domain.Keys = []*dnssectest.Key{dnssectest.MustKey(dnssectest.DomainName, dns.RSASHA1, 1024, 257, true, true)}
		}, opts: func(o *dv.Options) { o.SHA1Unsupported = true }},
		{name: "indeterminate no anchor", noAnchor: true, want: dv.Indeterminate, reason: "no trust anchor"},
		{name: "indeterminate dnskey timeout", want: dv.Indeterminate, reason: "example.test./DNSKEY query got no answer (timeout)",
			edit: func(d *observe.Domain) {
				q := d.Query(d.Chain[2].DNSKEYSeq)
				q.Status, q.Response = observe.StatusTimeout, nil
			}},
		{name: "indeterminate ds not asked", want: dv.Indeterminate, reason: "no DS query for test. was made", setup: func(w *dnssectest.World) {
			w.Skip = map[string]bool{"dnssec.ds test.": true}
		}},
		{name: "insecure below missing", want: dv.Insecure, setup: func(w *dnssectest.World) {
			w.TLD.Keys = nil
			w.Skip = map[string]bool{"dnssec.dnskey example.test.": true, "dnssec.ds example.test.": true}
		}},
		{name: "insecure unsupported algorithm", want: dv.Insecure, reason: "lists only unsupported algorithms", setup: func(w *dnssectest.World) {
			w.Domain.ParentDS = []dns.RR{dnssectest.DS(dnssectest.DomainName, 1111, dns.ED448, dns.SHA256)}
		}},
		{name: "sha1 validated by default", want: dv.Secure, setup: func(w *dnssectest.World) {
			w.Domain.Keys = []*dnssectest.Key{dnssectest.MustKey(dnssectest.DomainName, dns.RSASHA1, 1024, 257, true, true)}
		}, check: func(t *testing.T, r *dv.Result) {
			if len(r.Keys) != 1 || r.Keys[0].Bits != 1024 || r.Keys[0].Signing != dv.MustNot || r.Keys[0].Reference != "RFC 9905" {
				t.Errorf("keys = %+v", r.Keys)
			}
		}},
		{name: "expired parent ds signature", want: dv.Bogus, reason: "no valid RRSIG over test./DNSKEY", setup: func(w *dnssectest.World) {
			w.TLD.Expiration = at.Add(-time.Hour)
			w.TLD.Inception = at.Add(-48 * time.Hour)
		}},
		{name: "cds delete", want: dv.Secure, setup: func(w *dnssectest.World) {
			w.Domain.Records = append(w.Domain.Records,
				mustRR("example.test. 3600 IN CDS 0 0 0 00"), mustRR("example.test. 3600 IN CDNSKEY 0 3 0 AA=="))
		}, check: func(t *testing.T, r *dv.Result) {
			if !r.CDS.Delete || !r.CDS.Agree || !r.CDS.CDSPresent || !r.CDS.CDNSKEYPresent {
				t.Errorf("cds = %+v", r.CDS)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := analyze(t, c)
			t.Logf("%s: %s", r.Status, r.Reason)
			if r.Status != c.want {
				t.Fatalf("status = %s (%s), want %s", r.Status, r.Reason, c.want)
			}
			if !strings.Contains(r.Reason, c.reason) {
				t.Errorf("reason = %q, want it to contain %q", r.Reason, c.reason)
			}
			if c.check != nil {
				c.check(t, r)
			}
		})
	}
}

func mustRR(s string) dns.RR {
	rr, err := dns.NewRR(s)
	if err != nil {
		panic(err)
	}
	return rr
}
