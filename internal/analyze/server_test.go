package analyze

import (
	"net/netip"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

var srv = netip.MustParseAddr("127.53.10.1")

const zone = "example.test."

// rec records a query with purpose whose response is built by f from the
// request.
func rec(d *observe.Domain, purpose string, t observe.Transport, qtype uint16, edns *observe.EDNS, rtt time.Duration, f func(req, resp *dns.Msg)) {
	req := new(dns.Msg)
	req.SetQuestion(zone, qtype)
	q := &observe.Query{Seq: len(d.Queries) + 1, Purpose: purpose, Zone: zone, Server: srv, Transport: t,
		QName: zone, QType: dns.TypeToString[qtype], EDNS: edns, RTT: rtt, Attempts: 1}
	if f == nil {
		q.Status = observe.StatusTimeout
	} else {
		resp := new(dns.Msg)
		resp.SetReply(req)
		f(req, resp)
		q.Response, _ = resp.Pack()
		q.Status = observe.StatusOK
	}
	d.Queries = append(d.Queries, q)
}

func soa(serial uint32) dns.RR {
	rr, _ := dns.NewRR(zone + " 3600 IN SOA ns1.example.test. hostmaster.example.test. " + itoa(serial) + " 7200 3600 1209600 3600")
	return rr
}

func itoa(n uint32) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

func withOPT(resp *dns.Msg, do bool) { resp.SetEdns0(1232, do) }

func healthy(d *observe.Domain) {
	auth := func(_, r *dns.Msg) { r.Authoritative = true; r.Answer = []dns.RR{soa(7)}; withOPT(r, false) }
	rec(d, observe.PurposeSOAUDP, observe.UDP, dns.TypeSOA, &observe.EDNS{UDPSize: 1232}, 20*time.Millisecond, auth)
	rec(d, observe.PurposeSOATCP, observe.TCP, dns.TypeSOA, &observe.EDNS{UDPSize: 1232}, 30*time.Millisecond, auth)
	rec(d, observe.PurposeEDNSPlain, observe.UDP, dns.TypeSOA, nil, 0, func(_, r *dns.Msg) { r.Authoritative = true; r.Answer = []dns.RR{soa(7)} })
	rec(d, observe.PurposeEDNSVer, observe.UDP, dns.TypeSOA, &observe.EDNS{Version: 1, UDPSize: 1232}, 0, func(_, r *dns.Msg) {
		withOPT(r, false)
		r.Rcode = dns.RcodeBadVers
	})
	rec(d, observe.PurposeEDNSDO, observe.UDP, dns.TypeSOA, &observe.EDNS{UDPSize: 1232, DO: true}, 0, func(_, r *dns.Msg) {
		r.Authoritative = true
		withOPT(r, true)
	})
	rec(d, observe.PurposeRecursion, observe.UDP, dns.TypeNS, nil, 0, func(_, r *dns.Msg) { r.Rcode = dns.RcodeRefused })
}

func TestServer(t *testing.T) {
	tests := []struct {
		name  string
		build func(d *observe.Domain)
		check func(t *testing.T, r *ServerResult)
	}{
		{"healthy", healthy, func(t *testing.T, r *ServerResult) {
			if !r.Reachable || !r.UDP || !r.TCP || !r.Authoritative || r.Recursive || r.SlowUDP {
				t.Errorf("healthy server judged %+v", r)
			}
			if r.SOASerial == nil || *r.SOASerial != 7 {
				t.Errorf("serial = %v, want 7", r.SOASerial)
			}
			if len(r.EDNS.Failures) != 0 {
				t.Errorf("EDNS failures %v, want none", r.EDNS.Failures)
			}
			want := SOA{MName: "ns1.example.test.", RName: "hostmaster.example.test.", Serial: 7, Refresh: 7200,
				Retry: 3600, Expire: 1209600, Minimum: 3600, Count: 1, Seq: 1}
			if r.SOA == nil || *r.SOA != want {
				t.Errorf("SOA = %+v, want %+v", r.SOA, want)
			}
		}},
		{"two SOA records: the first one's fields, and the count", func(d *observe.Domain) {
			rec(d, observe.PurposeSOAUDP, observe.UDP, dns.TypeSOA, nil, 0, func(_, r *dns.Msg) {
				other, _ := dns.NewRR(zone + " 3600 IN SOA NS2.Example.TEST. Admin\\.Ops.example.test. 9 900 300 86400 60")
				// Another zone's SOA in the answer is not counted.
				foreign, _ := dns.NewRR("other.test. 3600 IN SOA ns1.other.test. h.other.test. 1 2 3 4 5")
				r.Authoritative = true
				r.Answer = []dns.RR{other, soa(8), foreign}
			})
		}, func(t *testing.T, r *ServerResult) {
			want := SOA{MName: "ns2.example.test.", RName: "admin\\.ops.example.test.", Serial: 9, Refresh: 900,
				Retry: 300, Expire: 86400, Minimum: 60, Count: 2, Seq: 1}
			if r.SOA == nil || *r.SOA != want {
				t.Errorf("SOA = %+v, want %+v", r.SOA, want)
			}
			if r.SOASerial == nil || *r.SOASerial != 9 {
				t.Errorf("serial = %v, want 9", r.SOASerial)
			}
		}},
		{"silent", func(d *observe.Domain) {
			rec(d, observe.PurposeSOAUDP, observe.UDP, dns.TypeSOA, nil, 0, nil)
			rec(d, observe.PurposeSOATCP, observe.TCP, dns.TypeSOA, nil, 0, nil)
		}, func(t *testing.T, r *ServerResult) {
			if r.Reachable || r.Lame != "no_response" {
				t.Errorf("silent server judged reachable=%v lame=%q", r.Reachable, r.Lame)
			}
		}},
		{"refused", func(d *observe.Domain) {
			rec(d, observe.PurposeSOAUDP, observe.UDP, dns.TypeSOA, nil, 0, func(_, r *dns.Msg) { r.Rcode = dns.RcodeRefused })
		}, func(t *testing.T, r *ServerResult) {
			if r.Authoritative || r.Lame != "refused" {
				t.Errorf("lame = %q, authoritative = %v", r.Lame, r.Authoritative)
			}
			if r.SOA != nil || r.SOASerial != nil {
				t.Errorf("a lame server has SOA %+v, serial %v", r.SOA, r.SOASerial)
			}
		}},
		{"upward referral", func(d *observe.Domain) {
			rec(d, observe.PurposeSOAUDP, observe.UDP, dns.TypeSOA, nil, 0, func(_, r *dns.Msg) {
				ns, _ := dns.NewRR(". 518400 IN NS a.root-servers.test.")
				r.Ns = []dns.RR{ns}
			})
		}, func(t *testing.T, r *ServerResult) {
			if r.Lame != "upward_referral" {
				t.Errorf("lame = %q, want upward_referral", r.Lame)
			}
		}},
		{"recursive and slow, no BADVERS", func(d *observe.Domain) {
			rec(d, observe.PurposeSOAUDP, observe.UDP, dns.TypeSOA, &observe.EDNS{UDPSize: 1232}, 400*time.Millisecond, func(_, r *dns.Msg) {
				r.Authoritative = true
				r.Answer = []dns.RR{soa(1)}
				withOPT(r, false)
			})
			rec(d, observe.PurposeEDNSVer, observe.UDP, dns.TypeSOA, &observe.EDNS{Version: 1, UDPSize: 1232}, 300*time.Millisecond, func(_, r *dns.Msg) {
				withOPT(r, false) // answers NOERROR to version 1
			})
			rec(d, observe.PurposeRecursion, observe.UDP, dns.TypeNS, nil, 350*time.Millisecond, func(_, r *dns.Msg) {
				ns, _ := dns.NewRR(". 518400 IN NS a.root-servers.test.")
				r.RecursionAvailable = true
				r.Answer = []dns.RR{ns}
			})
		}, func(t *testing.T, r *ServerResult) {
			if !r.Recursive || !r.SlowUDP {
				t.Errorf("recursive = %v, slow = %v; want both", r.Recursive, r.SlowUDP)
			}
			if r.EDNS.BadVers == nil || *r.EDNS.BadVers {
				t.Errorf("BADVERS test = %v, want failed", r.EDNS.BadVers)
			}
		}},
		{"one slow SOA among fast exchanges is not slow", func(d *observe.Domain) {
			healthy(d) // SOA over UDP 20 ms, TCP 30 ms, the rest 0
			d.Queries[0].RTT = 900 * time.Millisecond
		}, func(t *testing.T, r *ServerResult) {
			if r.SlowUDP || r.SlowTCP {
				t.Errorf("slow UDP %v (median %s of %d), TCP %v: one slow round trip is not a slow median",
					r.SlowUDP, r.MedianUDP, r.SamplesUDP, r.SlowTCP)
			}
			if r.RTTUDP != 900*time.Millisecond || r.SamplesUDP != 5 || r.SamplesTCP != 1 {
				t.Errorf("RTT UDP %s, samples %d UDP %d TCP", r.RTTUDP, r.SamplesUDP, r.SamplesTCP)
			}
		}},
		{"slow median over TCP", func(d *observe.Domain) {
			healthy(d)
			d.Queries[1].RTT = 600 * time.Millisecond
		}, func(t *testing.T, r *ServerResult) {
			if r.SlowUDP || !r.SlowTCP || r.MedianTCP != 600*time.Millisecond {
				t.Errorf("slow UDP %v, TCP %v (median %s)", r.SlowUDP, r.SlowTCP, r.MedianTCP)
			}
		}},
		{"EDNS FORMERR falls back to plain for authority", func(d *observe.Domain) {
			rec(d, observe.PurposeSOAUDP, observe.UDP, dns.TypeSOA, &observe.EDNS{UDPSize: 1232}, 0, func(_, r *dns.Msg) { r.Rcode = dns.RcodeFormatError })
			rec(d, observe.PurposeEDNSPlain, observe.UDP, dns.TypeSOA, nil, 0, func(_, r *dns.Msg) { r.Authoritative = true; r.Answer = []dns.RR{soa(3)} })
		}, func(t *testing.T, r *ServerResult) {
			if !r.Authoritative {
				t.Errorf("lame = %q; want authoritative from the plain query", r.Lame)
			}
			if r.SOA == nil || r.SOA.Serial != 3 || r.SOA.Seq != 2 {
				t.Errorf("SOA = %+v, want serial 3 from query 2 (the plain one)", r.SOA)
			}
			if r.EDNS.EDNS0 == nil || *r.EDNS.EDNS0 {
				t.Errorf("edns0 test = %v, want failed", r.EDNS.EDNS0)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &observe.Domain{Domain: zone}
			tt.build(d)
			tt.check(t, Server(d, srv, zone))
		})
	}
}

func TestMedian(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var out []time.Duration
		for _, n := range ns {
			out = append(out, time.Duration(n)*time.Millisecond)
		}
		return out
	}
	for _, tt := range []struct {
		name string
		in   []time.Duration
		want time.Duration
	}{
		{"none", nil, 0},
		{"one", ms(7), 7 * time.Millisecond},
		{"odd, unsorted", ms(300, 10, 20), 20 * time.Millisecond},
		{"even: mean of the middle two", ms(40, 10, 20, 400), 30 * time.Millisecond},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Median(tt.in); got != tt.want {
				t.Errorf("Median = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestRevealsVersion(t *testing.T) {
	for s, want := range map[string]bool{
		"9.18.24-1-Debian": true, "NSD 4.8.0": true, "lab-authd 1.0": true, "Microsoft DNS 10.0.17763 (4AB7)": true,
		"": false, "none": false, "unknown": false, "[secured]": false, "go away": false,
	} {
		if got := RevealsVersion(s); got != want {
			t.Errorf("RevealsVersion(%q) = %v, want %v", s, got, want)
		}
	}
}
