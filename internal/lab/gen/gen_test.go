package gen

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/transport"
)

var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type generated struct {
	w       *engine.World
	domains []string
	err     error
}

// world5k is the 5,000-domain world most tests share: generating it takes
// about a second, and a built world is read-only.
var world5k = sync.OnceValue(func() generated {
	w, d, err := Generate(Options{Domains: 5000, Seed: 1, Now: testNow})
	return generated{w, d, err}
})

func get5k(t *testing.T) (*engine.World, []string) {
	t.Helper()
	g := world5k()
	if g.err != nil {
		t.Fatalf("Generate: %v", g.err)
	}
	return g.w, g.domains
}

func TestDistributions(t *testing.T) {
	w, domains := get5k(t)
	s := Summarize(w, domains)
	t.Logf("summary:\n%s", s)
	frac := func(n int) float64 { return float64(n) / float64(s.Domains) }
	within := func(got, want, tol float64) bool { return math.Abs(got-want) <= tol }
	tests := []struct {
		name string
		ok   bool
		got  any
	}{
		{"5000 domains", s.Domains == 5000 && len(domains) == 5000, s.Domains},
		{"every domain has a zone", s.NSCount[0] == 0, s.NSCount[0]},
		{"NS count 2-4", s.NSCount[1] == 0 && s.NSCount[5] == 0 && s.NSCount[2] > 0 && s.NSCount[3] > 0 && s.NSCount[4] > 0, s.NSCount},
		{"top provider hosts at least 10%", frac(s.TopDomains) >= 0.10, s.TopDomains},
		{"a long tail of providers hosting 1-10 domains", s.Small >= s.Providers/2 && s.Small >= 100, s.Small},
		{"signed 10% ± 3", within(frac(s.Signed), 0.10, 0.03), s.Signed},
		{"IPv6 30% ± 5", within(frac(s.IPv6), 0.30, 0.05), s.IPv6},
		{"lame about 2%", within(frac(s.Lame), 0.02, 0.01), s.Lame},
		{"unreachable about 1%", within(frac(s.Unreachable), 0.01, 0.01) && s.Unreachable > 0, s.Unreachable},
		{"recursive about 0.5%", within(frac(s.Recursive), 0.005, 0.005) && s.Recursive > 0, s.Recursive},
		{"AXFR open about 1%", within(frac(s.AXFROpen), 0.01, 0.01) && s.AXFROpen > 0, s.AXFROpen},
		{"IDN A-labels", s.IDN == 5000/idnEvery, s.IDN},
		{"several LAC countries", s.Countries >= 5, s.Countries},
		{"an ASN per provider or platform", s.ASNs >= 10, s.ASNs},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.ok {
				t.Errorf("got %v", tc.got)
			}
		})
	}
	t.Run("only ::1 is IPv6 and one server has it", func(t *testing.T) {
		n := 0
		for _, sv := range w.Servers() {
			for _, a := range sv.Addrs {
				if a.Is6() {
					n++
					if a != netip.IPv6Loopback() {
						t.Errorf("server %s has IPv6 address %s", sv.Name, a)
					}
				}
				if a.Is4() && !netip.MustParsePrefix("127.0.0.0/8").Contains(a) {
					t.Errorf("server %s has a non-loopback address %s", sv.Name, a)
				}
			}
		}
		if n != 1 {
			t.Errorf("%d servers have an IPv6 address, want 1", n)
		}
	})
	t.Run("root and TLD signed, TLD with NSEC3 iterations 0", func(t *testing.T) {
		root, tld := w.Zone("."), w.Zone("test.")
		if root == nil || !root.Signed() || tld == nil || !tld.Signed() {
			t.Fatal("root or test. missing or unsigned")
		}
		if tld.Spec.NSEC3 == nil || tld.Spec.NSEC3.Iterations != 0 {
			t.Errorf("test. NSEC3 = %+v", tld.Spec.NSEC3)
		}
		if w.TrustAnchor() == "" || !strings.Contains(w.Hints(), "127.54.0.101") {
			t.Errorf("hints %q, anchor %q", w.Hints(), w.TrustAnchor())
		}
	})
}

func TestDeterministic(t *testing.T) {
	fingerprint := func(t *testing.T, seed int64) string {
		t.Helper()
		w, domains, err := Generate(Options{Domains: 600, Seed: seed, Now: testNow, TLDs: []string{"test.", "lab."}})
		if err != nil {
			t.Fatalf("Generate: %v", err)
		}
		var b strings.Builder
		b.WriteString(strings.Join(domains, ","))
		for _, z := range w.Zones() {
			// Text is the unsigned text plus the children's DS: keys are
			// derived from zone names, only signature bytes are random.
			fmt.Fprintf(&b, "\n%s %v\n%s", z.Origin, z.Signed(), z.Text())
		}
		for _, s := range w.Servers() {
			fmt.Fprintf(&b, "\n%s %v %v %d", s.Name, s.Addrs, s.Faults.Names(), len(s.Zones))
		}
		for _, n := range w.Networks() {
			fmt.Fprintf(&b, "\n%v", n)
		}
		return b.String()
	}
	a, b, c := fingerprint(t, 7), fingerprint(t, 7), fingerprint(t, 8)
	if a != b {
		t.Error("two worlds from seed 7 differ")
	}
	if a == c {
		t.Error("seeds 7 and 8 give the same world")
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name string
		o    Options
		err  string
	}{
		{"no domains", Options{}, "0 domains"},
		{"too many domains", Options{Domains: MaxDomains + 1}, "domains"},
		{"two-label TLD", Options{Domains: 1, TLDs: []string{"co.test."}}, "one-label"},
		{"duplicate TLD", Options{Domains: 1, TLDs: []string{"test", "TEST."}}, "distinct"},
		{"fraction over 1", Options{Domains: 1, SignedFrac: 1.5}, "at most 1"},
		{"one domain", Options{Domains: 1}, ""},
		{"no faults", Options{Domains: 50, LameFrac: -1, UnreachableFrac: -1, RecursiveFrac: -1, AXFRFrac: -1}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, d, err := Generate(tc.o)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want it to say %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s := Summarize(w, d)
			if s.Domains != tc.o.Domains || s.NSCount[0] != 0 {
				t.Errorf("summary %+v", s)
			}
			if tc.o.LameFrac < 0 && s.Lame+s.Unreachable+s.Recursive+s.AXFROpen != 0 {
				t.Errorf("faults asked off, got %+v", s)
			}
		})
	}
}

func TestALabel(t *testing.T) {
	// Vectors checked against Python's "punycode" codec and RFC 3492 §7.1.
	tests := []struct{ in, want string }{
		{"año", "xn--ao-zja"},
		{"münchen", "xn--mnchen-3ya"},
		{"señal123", "xn--seal123-5za"},
		{"ação", "xn--ao-siap"},
		{"ñandú", "xn--and-6ma2c"},
		{"plain", "plain"},
		{"他们为什么不说中文", "xn--ihqwcrb4cv8a8dqg056pqjye"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := aLabel(tc.in)
			if err != nil || got != tc.want {
				t.Errorf("aLabel(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

// resolver is a minimal iterative resolver over a lab world in memory:
// enough to show that a domain's delegation leads to a server that
// answers for it with authority.
type resolver struct {
	w     *engine.World
	roots []netip.Addr
	mu    sync.Mutex
	addrs map[string][]netip.Addr // NS name → addresses, learnt by resolving
}

func newResolver(t *testing.T, w *engine.World) *resolver {
	t.Helper()
	r := &resolver{w: w, addrs: map[string][]netip.Addr{}}
	zp := dns.NewZoneParser(strings.NewReader(w.Hints()), ".", "hints")
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		if a, ok := rr.(*dns.A); ok {
			ip, _ := netip.AddrFromSlice(a.A.To4())
			r.roots = append(r.roots, ip)
		}
	}
	if len(r.roots) == 0 {
		t.Fatalf("no root addresses in hints %q", w.Hints())
	}
	return r
}

var errNoAnswer = errors.New("no server answered")

// ask sends name/qtype to each server in turn and returns the first reply
// that is not REFUSED or SERVFAIL.
func (r *resolver) ask(ctx context.Context, servers []netip.Addr, name string, qtype uint16) (*dns.Msg, error) {
	q := new(dns.Msg)
	q.SetQuestion(name, qtype)
	q.RecursionDesired = false
	wire, err := q.Pack()
	if err != nil {
		return nil, err
	}
	for _, a := range servers {
		resp, err := r.w.Exchange(ctx, netip.AddrPortFrom(a, 53), observe.UDP, wire)
		if err != nil {
			continue // unreachable: try the next
		}
		m := new(dns.Msg)
		if err := m.Unpack(resp); err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		if m.Truncated {
			if resp, err = r.w.Exchange(ctx, netip.AddrPortFrom(a, 53), observe.TCP, wire); err != nil || m.Unpack(resp) != nil {
				continue
			}
		}
		if m.Rcode == dns.RcodeRefused || m.Rcode == dns.RcodeServerFailure {
			continue // lame: try the next
		}
		return m, nil
	}
	return nil, errNoAnswer
}

// resolve walks from the root to an authoritative answer for name/qtype.
func (r *resolver) resolve(ctx context.Context, name string, qtype uint16, depth int) (*dns.Msg, error) {
	if depth > 4 {
		return nil, errors.New("too deep")
	}
	servers := r.roots
	for range 10 {
		m, err := r.ask(ctx, servers, name, qtype)
		if err != nil {
			return nil, err
		}
		if m.Authoritative || m.Rcode != dns.RcodeSuccess {
			return m, nil
		}
		glue := map[string][]netip.Addr{}
		for _, rr := range m.Extra {
			switch rr := rr.(type) {
			case *dns.A:
				a, _ := netip.AddrFromSlice(rr.A.To4())
				glue[rr.Hdr.Name] = append(glue[rr.Hdr.Name], a)
			case *dns.AAAA:
				a, _ := netip.AddrFromSlice(rr.AAAA)
				glue[rr.Hdr.Name] = append(glue[rr.Hdr.Name], a)
			}
		}
		var next []netip.Addr
		for _, rr := range m.Ns {
			ns, ok := rr.(*dns.NS)
			if !ok {
				continue
			}
			if g := glue[ns.Ns]; len(g) > 0 {
				next = append(next, g...)
				continue
			}
			next = append(next, r.lookupNS(ctx, ns.Ns, depth)...)
		}
		if len(next) == 0 {
			return nil, fmt.Errorf("referral for %s without usable NS", name)
		}
		servers = next
	}
	return nil, errors.New("too many referrals")
}

func (r *resolver) lookupNS(ctx context.Context, name string, depth int) []netip.Addr {
	r.mu.Lock()
	a, ok := r.addrs[name]
	r.mu.Unlock()
	if ok {
		return a
	}
	for _, t := range []uint16{dns.TypeA, dns.TypeAAAA} {
		m, err := r.resolve(ctx, name, t, depth+1)
		if err != nil {
			continue
		}
		for _, rr := range m.Answer {
			switch rr := rr.(type) {
			case *dns.A:
				ip, _ := netip.AddrFromSlice(rr.A.To4())
				a = append(a, ip)
			case *dns.AAAA:
				ip, _ := netip.AddrFromSlice(rr.AAAA)
				a = append(a, ip)
			}
		}
	}
	r.mu.Lock()
	r.addrs[name] = a
	r.mu.Unlock()
	return a
}

func TestResolvable(t *testing.T) {
	small := func() generated {
		w, d, err := Generate(Options{Domains: 400, Seed: 3, Now: testNow, TLDs: []string{"test.", "lab.", "example."}})
		return generated{w, d, err}
	}
	tests := []struct {
		name  string
		world func() generated
	}{
		{"5000 domains, one TLD", world5k},
		{"400 domains, three TLDs (NS names out of bailiwick)", small},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.world()
			if g.err != nil {
				t.Fatal(g.err)
			}
			r := newResolver(t, g.w)
			ctx := context.Background()
			var wg sync.WaitGroup
			errs := make(chan error, len(g.domains))
			work := make(chan string)
			for range 4 {
				wg.Go(func() {
					for d := range work {
						m, err := r.resolve(ctx, d, dns.TypeSOA, 0)
						switch {
						case err != nil:
							errs <- fmt.Errorf("%s: %w", d, err)
						case m.Rcode != dns.RcodeSuccess || len(m.Answer) == 0 || m.Answer[0].Header().Name != d:
							errs <- fmt.Errorf("%s: rcode %s, answer %v", d, dns.RcodeToString[m.Rcode], m.Answer)
						}
					}
				})
			}
			for _, d := range g.domains {
				work <- d
			}
			close(work)
			wg.Wait()
			close(errs)
			n := 0
			for err := range errs {
				if n++; n <= 10 {
					t.Error(err)
				}
			}
			if n > 0 {
				t.Errorf("%d of %d domains did not resolve", n, len(g.domains))
			}
		})
	}
}

// TestSilent checks SilentFrac: that share of the hosting servers drop
// every packet (in memory, and listed for whoever runs the world on real
// sockets), each provider keeps an answering server while the share
// allows, and the rest of the world is the one without silent servers.
func TestSilent(t *testing.T) {
	base, err := NewPlan(Options{Domains: 2000, Seed: 7, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, frac := range []float64{0.2, 0.5, 1} {
		t.Run(fmt.Sprint(frac), func(t *testing.T) {
			p, err := NewPlan(Options{Domains: 2000, Seed: 7, Now: testNow, SilentFrac: frac})
			if err != nil {
				t.Fatal(err)
			}
			hosting, silent := 0, 0
			for _, s := range p.servers() {
				if s.infra() || s.v6 || s.faults.Lame || s.faults.Recursive || s.faults.AXFROpen {
					if s.faults.Silent {
						t.Errorf("%s %v: silent, but not a healthy hosting server", s.name, s.faults.Names())
					}
					continue
				}
				hosting++
				silent += b2i(s.faults.Silent)
			}
			if got := float64(silent) / float64(hosting); math.Abs(got-frac) > 0.01 {
				t.Errorf("%d of %d hosting servers silent (%.3f), want %.2f", silent, hosting, got, frac)
			}
			s, sb := p.Summary(), base.Summary()
			t.Logf("%s", s)
			if s.Silent == 0 {
				t.Error("no domain has a silent server")
			}
			if frac <= 0.2 && s.AllSilent != 0 {
				t.Errorf("%d domains have only silent servers at %.1f", s.AllSilent, frac)
			}
			if frac == 1 && s.AllSilent == 0 {
				t.Error("every hosting server silent, yet every domain has an answering one")
			}
			s.Silent, s.AllSilent = 0, 0
			if s != sb {
				t.Errorf("silent servers changed the rest of the world:\n%+v\n%+v", s, sb)
			}
		})
	}
	t.Run("written for NSD", func(t *testing.T) {
		p, err := NewPlan(Options{Domains: 2000, Seed: 7, Now: testNow, SilentFrac: 0.2})
		if err != nil {
			t.Fatal(err)
		}
		l, err := p.WriteNSD(t.TempDir(), NSDOptions{})
		if err != nil {
			t.Fatal(err)
		}
		listening := map[netip.Addr]string{}
		for _, inst := range l.Instances {
			for _, a := range inst.Addrs {
				listening[a] = inst.Name
			}
		}
		if len(l.Silent) == 0 {
			t.Fatal("no silent addresses in the layout")
		}
		for _, a := range l.Silent {
			if inst, ok := listening[a]; ok {
				t.Errorf("silent %s listens in NSD instance %s", a, inst)
			}
		}
	})
	t.Run("in memory", func(t *testing.T) {
		w, _, err := Generate(Options{Domains: 300, Seed: 7, Now: testNow, SilentFrac: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, s := range w.Servers() {
			if !s.Faults.Silent {
				continue
			}
			n++
			q := new(dns.Msg)
			q.SetQuestion(s.Zones[0].Origin, dns.TypeSOA)
			b, _ := q.Pack()
			if _, err := w.Exchange(context.Background(), netip.AddrPortFrom(s.Addrs[0], 53), observe.UDP, b); !errors.Is(err, transport.ErrTimeout) {
				t.Errorf("silent %s: %v, want a timeout", s.Name, err)
			}
		}
		if n == 0 {
			t.Error("no silent server in the world")
		}
	})
}
