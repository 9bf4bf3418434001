package gen

import (
	"cmp"
	"fmt"
	"iter"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/zonefiles"
)

// NSDLayout is a world written for NSD by WriteNSD: where everything is and
// which NSD processes serve it.
type NSDLayout struct {
	Dir         string
	ZonesDir    string // every zone file, <file>.zone
	Domains     string // domains.txt: the input list, one domain a line (zonefiles.DomainsFile)
	Hints       string // hints.zone: the root hints (zonefiles.HintsFile)
	TrustAnchor string // anchor.zone: the DS of the root KSK (zonefiles.AnchorFile)
	Port        int
	ZoneFiles   int // zone files written
	Instances   []NSDInstance
	// Unserved are the addresses the world's zones name that no server
	// has: nothing listens there (unreachable nameservers).
	Unserved []netip.Addr
	// Silent are the addresses of Silent servers, which drop every
	// packet. No NSD listens there: whoever runs the world binds them and
	// reads and drops what comes (bench/scan does), or they refuse.
	Silent []netip.Addr
	// Unexpressed says which server faults NSD cannot reproduce and what
	// the addresses do instead, one line per address.
	Unexpressed []string
}

// NSDInstance is one NSD process: one nsd.conf, the addresses it listens
// on, the zones it serves on all of them.
type NSDInstance struct {
	Name  string
	Conf  string
	Addrs []netip.Addr
	Zones []string // origins served
	// AXFR says the zones are open to transfer by anyone (provide-xfr).
	AXFR bool
}

// Args are the arguments that start the instance in the foreground.
func (i NSDInstance) Args() []string { return []string{"-d", "-c", i.Conf} }

// NSDOptions tune WriteNSDWith.
type NSDOptions struct {
	Port   int // 0 means 53
	Shards int // NSD processes for the healthy servers; 0 means 4
}

// WriteNSD writes w into dir for NSD on port 53 (see WriteNSDWith).
func WriteNSD(w *engine.World, domains []string, dir string) (*NSDLayout, error) {
	return WriteNSDWith(w, domains, dir, NSDOptions{})
}

// WriteNSDWith writes w into dir (created if needed) for real NSD servers:
// one zone file per zone (signed zones with their signatures, as the lab
// serves them), one nsd.conf per NSD instance, and the files of every lab
// directory (zonefiles.WriteCommon): domains.txt, hints.zone, anchor.zone.
//
// NSD serves the same zones on every address of a process, so servers are
// grouped: the root and TLD servers in "infra"; the healthy servers, a
// provider's or a platform's together, in o.Shards "shard-N" instances
// that each serve the union of their servers' zones; lame servers in
// "lame", which serves no zone (REFUSED to everything, as the lab's Lame
// fault); AXFR-open servers in "axfr", whose zones have provide-xfr to
// anyone. Addresses without a server, and Silent servers, get no NSD
// (the latter are listed in Silent).
// Faults NSD cannot express (Recursive above all: NSD is authoritative
// only) leave the server healthy, listed in Unexpressed.
func WriteNSDWith(w *engine.World, domains []string, dir string, o NSDOptions) (*NSDLayout, error) {
	l, o, err := newLayout(dir, o)
	if err != nil {
		return nil, err
	}
	if err := l.writeFiles(w.Hints(), w.TrustAnchor(), domains); err != nil {
		return nil, err
	}

	// Zone files, four at a time: creating files is the slow part.
	zones := w.Zones()
	files := make(map[*authzone.Zone]string, len(zones))
	for _, z := range zones {
		files[z] = zonePath(z)
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		writeErr error
	)
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(zones); i += 4 {
				z := zones[i]
				text := "$ORIGIN " + z.Origin + "\n" + z.Text()
				if z.Signed() {
					text = z.SignedText()
				}
				if err := os.WriteFile(filepath.Join(l.ZonesDir, files[z]), []byte(text), 0o644); err != nil {
					mu.Lock()
					writeErr = cmp.Or(writeErr, err)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	if writeErr != nil {
		return nil, fmt.Errorf("gen: write nsd: %w", writeErr)
	}
	l.ZoneFiles = len(zones)

	servers := make([]nsdServer, 0, len(w.Servers()))
	for _, s := range w.Servers() {
		servers = append(servers, nsdServer{name: s.Name, addrs: s.Addrs, faults: s.Faults, infra: isInfra(s), zones: len(s.Zones),
			each: func(yield func(origin, file string) bool) {
				for _, z := range s.Zones {
					if !yield(z.Origin, files[z]) {
						return
					}
				}
			}})
	}
	if err := l.writeInstances(servers, o.Shards); err != nil {
		return nil, err
	}
	l.Unserved = unserved(w)
	return l, nil
}

// newLayout makes dir and its zones directory and fills the defaults of o in.
func newLayout(dir string, o NSDOptions) (*NSDLayout, NSDOptions, error) {
	if o.Port == 0 {
		o.Port = 53
	}
	if o.Shards <= 0 {
		o.Shards = 4
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, o, fmt.Errorf("gen: write nsd: %w", err)
	}
	l := &NSDLayout{Dir: dir, ZonesDir: filepath.Join(dir, "zones"), Domains: filepath.Join(dir, zonefiles.DomainsFile),
		Hints: filepath.Join(dir, zonefiles.HintsFile), TrustAnchor: filepath.Join(dir, zonefiles.AnchorFile), Port: o.Port}
	if err := os.MkdirAll(l.ZonesDir, 0o755); err != nil {
		return nil, o, fmt.Errorf("gen: write nsd: %w", err)
	}
	return l, o, nil
}

// writeFiles writes domains.txt, hints.zone and anchor.zone.
func (l *NSDLayout) writeFiles(hints, anchor string, domains []string) error {
	if err := zonefiles.WriteCommon(l.Dir, hints, anchor, domains); err != nil {
		return fmt.Errorf("gen: write nsd: %w", err)
	}
	return nil
}

// nsdServer is a server as WriteNSD lays it out: a lab server, or a server
// of a plan that was never built.
type nsdServer struct {
	name   string
	addrs  []netip.Addr
	faults engine.Faults
	infra  bool // serves the root or a TLD
	zones  int  // how many zones it serves
	each   iter.Seq2[string, string]
}

// writeInstances groups the servers into NSD instances (see WriteNSDWith)
// and writes their nsd.conf files.
func (l *NSDLayout) writeInstances(servers []nsdServer, nShards int) error {
	type group struct {
		key     string
		servers []*nsdServer
		zones   int
	}
	infra := &NSDInstance{Name: "infra"}
	lameInst := &NSDInstance{Name: "lame"}
	axfrInst := &NSDInstance{Name: "axfr", AXFR: true}
	var infraS, axfrS []*nsdServer
	groups := map[string]*group{}
	var order []*group
	for i := range servers {
		s := &servers[i]
		f := s.faults
		if f.Silent {
			l.Silent = append(l.Silent, s.addrs...)
			continue
		}
		if other := otherFaults(f); len(other) > 0 {
			l.Unexpressed = append(l.Unexpressed, fmt.Sprintf("%s (%s): %s: served as a healthy authoritative-only server",
				addrList(s.addrs), s.name, strings.Join(other, ", ")))
		}
		switch {
		case f.Lame:
			lameInst.Addrs = append(lameInst.Addrs, s.addrs...)
		case f.AXFROpen:
			axfrInst.Addrs = append(axfrInst.Addrs, s.addrs...)
			axfrS = append(axfrS, s)
		case s.infra:
			infra.Addrs = append(infra.Addrs, s.addrs...)
			infraS = append(infraS, s)
		default:
			_, key := splitFirst(dns.CanonicalName(s.name))
			g := groups[key]
			if g == nil {
				g = &group{key: key}
				groups[key] = g
				order = append(order, g)
			}
			g.servers = append(g.servers, s)
			g.zones += s.zones
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].zones > order[j].zones })
	shards := make([]struct {
		inst    NSDInstance
		servers []*nsdServer
		load    int
	}, min(nShards, len(order)))
	for i := range shards {
		shards[i].inst.Name = fmt.Sprintf("shard-%d", i+1)
	}
	for _, g := range order {
		best := 0
		for i := range shards {
			if shards[i].load < shards[best].load {
				best = i
			}
		}
		sh := &shards[best]
		sh.load += g.zones
		for _, s := range g.servers {
			sh.inst.Addrs = append(sh.inst.Addrs, s.addrs...)
			sh.servers = append(sh.servers, s)
		}
	}
	write := func(inst *NSDInstance, servers []*nsdServer) error {
		if len(inst.Addrs) == 0 {
			return nil
		}
		origins, err := writeConf(l, inst, servers)
		if err != nil {
			return err
		}
		inst.Zones = origins
		l.Instances = append(l.Instances, *inst)
		return nil
	}
	if err := write(infra, infraS); err != nil {
		return err
	}
	for i := range shards {
		if err := write(&shards[i].inst, shards[i].servers); err != nil {
			return err
		}
	}
	if err := write(lameInst, nil); err != nil {
		return err
	}
	return write(axfrInst, axfrS)
}

func addrList(as []netip.Addr) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.String()
	}
	return strings.Join(s, ",")
}

// otherFaults are the faults NSD does not reproduce.
func otherFaults(f engine.Faults) []string {
	f.Silent, f.Lame, f.AXFROpen = false, false, false
	return f.Names()
}

// isInfra reports whether s serves the root or a TLD.
func isInfra(s *engine.Server) bool {
	for _, z := range s.Zones {
		if dns.CountLabel(z.Origin) <= 1 {
			return true
		}
	}
	return false
}

var fileSafe = strings.NewReplacer("/", "_", `\`, "_")

// zonePath is a zone's file name in the zones directory. The directory is
// flat: on ext4 creating files spread over many directories was five
// times slower than in one (measured: 5,000 files, 3.5 s against 0.7 s).
func zonePath(z *authzone.Zone) string { return fileName(z.File) }

// fileName is the zone file name of a zone exported as base (authzone.Zone.File).
func fileName(base string) string {
	name := fileSafe.Replace(base)
	if strings.HasPrefix(name, ".") || name == "" {
		name = "_" + name
	}
	return name + ".zone"
}

// writeConf writes inst's nsd.conf and returns the origins it serves.
func writeConf(l *NSDLayout, inst *NSDInstance, servers []*nsdServer) ([]string, error) {
	wd := filepath.Join(l.Dir, "nsd", inst.Name)
	if err := os.MkdirAll(wd, 0o755); err != nil {
		return nil, fmt.Errorf("gen: write nsd: %w", err)
	}
	inst.Conf = filepath.Join(wd, "nsd.conf")
	f, err := os.Create(inst.Conf)
	if err != nil {
		return nil, fmt.Errorf("gen: write nsd: %w", err)
	}
	conf := zonefiles.NSD{
		Dir: wd, ZonesDir: l.ZonesDir, Addrs: inst.Addrs, Port: uint16(l.Port), LogFile: filepath.Join(wd, "nsd.log"),
		Identity: inst.Name + ".nsd.lab", NSID: inst.Name, AXFR: inst.AXFR,
		Comment: "written by dnsobs internal/lab/gen: one NSD instance of a generated lab world",
	}
	var origins []string
	err = conf.Write(f, func(yield func(origin, file string) bool) {
		seen := map[string]bool{}
		for _, s := range servers {
			for origin, file := range s.each {
				if seen[origin] {
					continue // the same zone on several servers, or another version: the first wins
				}
				seen[origin] = true
				origins = append(origins, origin)
				if !yield(origin, file) {
					return
				}
			}
		}
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("gen: write nsd: %w", err)
	}
	return origins, nil
}

// unserved returns the addresses that the world's NS names have (in glue
// or in their own zones) where no server is, sorted.
func unserved(w *engine.World) []netip.Addr {
	targets := map[string]bool{}
	var glue []dns.RR
	for _, z := range w.Zones() {
		for _, rr := range z.Records() {
			switch rr := rr.(type) {
			case *dns.NS:
				targets[dns.CanonicalName(rr.Ns)] = true
			case *dns.A, *dns.AAAA:
				glue = append(glue, rr)
			}
		}
	}
	seen := map[netip.Addr]bool{}
	var out []netip.Addr
	for _, rr := range glue {
		if !targets[rr.Header().Name] {
			continue
		}
		if a := authzone.Addr(rr); a.IsValid() && w.Server(a) == nil && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Less(out[j]) })
	return out
}
