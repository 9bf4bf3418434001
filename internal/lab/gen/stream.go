package gen

import (
	"bufio"
	"cmp"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// WriteNSD writes the plan's world into dir for NSD, as WriteNSDWith
// writes the world Generate builds from the same options: the same zone
// files with the same records (only the bytes of ECDSA signatures differ),
// the same nsd.conf instances, domains.txt, hints and trust anchor. It
// never builds that world: each customer and provider zone is written
// from the plan, signed on its own when it is signed (in a lab world of
// that one zone), and dropped, on every core. Only the root and the TLDs
// are built as lab zones, the TLDs with their secure delegations alone
// (see writeInfra). What stays in memory is the plan (tens of bytes per
// domain) and the secure part of the TLDs (a few KB per signed domain).
func (p *Plan) WriteNSD(dir string, o NSDOptions) (*NSDLayout, error) {
	l, o, err := newLayout(dir, o)
	if err != nil {
		return nil, err
	}
	ds := make([]string, len(p.domains)) // DS text of each signed domain, for its TLD

	// Signed domains first: their TLDs need their DS. The TLDs and the
	// root are then signed while the unsigned zones are written.
	var signed []int32
	for i := range p.info {
		if p.info[i].signed {
			signed = append(signed, int32(i))
		}
	}
	err = parallel(len(signed), func(k int, b *text) error {
		i := int(signed[k])
		var err error
		ds[i], err = p.writeDomain(l.ZonesDir, i, b)
		return err
	})
	if err != nil {
		return nil, err
	}
	type infra struct {
		hints, anchor string
		err           error
	}
	done := make(chan infra, 1)
	go func() {
		var r infra
		r.hints, r.anchor, r.err = p.writeInfra(l.ZonesDir, ds)
		done <- r
	}()
	n, np := len(p.domains), len(p.providers)
	err = parallel(n+np+1, func(k int, b *text) error {
		switch {
		case k < n:
			if p.info[k].signed {
				return nil // written above
			}
			_, err := p.writeDomain(l.ZonesDir, k, b)
			return err
		case k < n+np:
			r := k - n
			return writeUnsigned(l.ZonesDir, p.providers[r].name, b, func(b *text) { p.providerText(r, b) })
		}
		return writeUnsigned(l.ZonesDir, p.v6Name, b, p.v6Text)
	})
	r := <-done
	if err = cmp.Or(err, r.err); err != nil {
		return nil, err
	}
	if err := l.writeFiles(r.hints, r.anchor, p.Registered()); err != nil {
		return nil, err
	}
	l.ZoneFiles = 2 + len(p.tlds) + np + n

	servers := p.servers()
	ns := make([]nsdServer, len(servers))
	for i := range servers {
		s := &servers[i]
		ns[i] = nsdServer{name: s.name, addrs: s.addrs, faults: s.faults, infra: s.infra(), zones: p.zoneCount(s),
			each: func(yield func(origin, file string) bool) {
				for origin := range p.zones(s) {
					if !yield(origin, fileName(zoneBase(origin))) {
						return
					}
				}
			}}
	}
	if err := l.writeInstances(ns, o.Shards); err != nil {
		return nil, err
	}
	l.Unserved = p.unserved(servers)
	return l, nil
}

// parallel runs job(0..n-1) on one goroutine per core, each with its own
// text buffer, and returns the first error; after one, the jobs not yet
// started are not run. Creating files in one directory is most of the
// cost, and the kernel serialises it on the directory's lock: goroutines
// beyond the cores made it no faster (2 cores, ext4), only busier.
func parallel(n int, job func(k int, b *text) error) error {
	var (
		next   atomic.Int64
		failed atomic.Bool
		mu     sync.Mutex
		first  error
		wg     sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var b text
			for !failed.Load() {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				if err := job(k, &b); err != nil {
					mu.Lock()
					first = cmp.Or(first, err)
					mu.Unlock()
					failed.Store(true)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// zoneBase is the base name engine.World.AddZone gives the first version of
// a zone, which zone files are named after.
func zoneBase(origin string) string {
	if base := strings.TrimSuffix(origin, "."); base != "" {
		return base
	}
	return "root"
}

// writeUnsigned writes an unsigned zone's file as WriteNSDWith does: the
// text as written, after an $ORIGIN line.
func writeUnsigned(dir, origin string, b *text, body func(*text)) error {
	*b = append(append(append((*b)[:0], "$ORIGIN "...), origin...), '\n')
	body(b)
	if err := os.WriteFile(filepath.Join(dir, fileName(zoneBase(origin))), *b, 0o644); err != nil {
		return fmt.Errorf("gen: write nsd: %w", err)
	}
	return nil
}

// writeDomain writes customer domain i's zone file. A signed domain is
// signed in a world of its own (keys are derived from the zone name, so
// they are the keys Generate's world has) and its DS records are returned
// as zone text.
func (p *Plan) writeDomain(dir string, i int, b *text) (string, error) {
	d := p.domains[i]
	s := p.domainSpec(i)
	if s == nil {
		return "", writeUnsigned(dir, d, b, func(b *text) { p.domainText(i, b) })
	}
	*b = (*b)[:0]
	p.domainText(i, b)
	w := engine.NewWorld(p.o.Now)
	z, err := w.AddZone(d, string(*b), s)
	if err != nil {
		return "", fmt.Errorf("gen: %w", err)
	}
	if err := w.Build(); err != nil {
		return "", fmt.Errorf("gen: build %s: %w", d, err)
	}
	if err := writeString(filepath.Join(dir, zonePath(z)), z.SignedText()); err != nil {
		return "", err
	}
	var ds strings.Builder
	for _, rr := range z.DS() {
		ds.WriteString(rr.String())
		ds.WriteByte('\n')
	}
	return ds.String(), nil
}

func writeString(path, s string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("gen: write nsd: %w", err)
	}
	_, err = f.WriteString(s)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("gen: write nsd: %w", err)
	}
	return nil
}

// writeInfra builds, signs and writes the root and the TLDs, given the DS
// text of every signed domain, and returns the hints and trust anchor.
//
// With NSEC3 opt-out (tldSpec), an insecure delegation (NS without DS)
// and its glue are neither signed nor in the NSEC3 chain, and no other
// name's records depend on it: the TLD signed without them and its file
// followed by them is the TLD signed with them. So only the secure
// delegations are built as lab records; the others (most of the TLD) are
// written as text after the signed zone. Without opt-out the whole TLD
// is built and signed.
func (p *Plan) writeInfra(dir string, ds []string) (hints, anchor string, err error) {
	optOut := tldSpec.NSEC3 != nil && tldSpec.NSEC3.OptOut
	w := engine.NewWorld(p.o.Now)
	if _, err := w.AddZone(".", p.rootText(), spec(rootSpec)); err != nil {
		return "", "", fmt.Errorf("gen: %w", err)
	}
	nt := len(p.tlds)
	tlds := make([]*authzone.Zone, nt)
	var b text
	for t, name := range p.tlds {
		b = b[:0]
		p.tldHead(t, &b)
		p.secureDelegations(t, &b, ds)
		if !optOut {
			p.insecureDelegations(t, &b, ds, nil)
		}
		if tlds[t], err = w.AddZone(name, string(b), spec(tldSpec)); err != nil {
			return "", "", fmt.Errorf("gen: %w", err)
		}
	}
	if err := w.Build(); err != nil {
		return "", "", fmt.Errorf("gen: build: %w", err)
	}
	if err := writeString(filepath.Join(dir, zonePath(w.Zone("."))), w.Zone(".").SignedText()); err != nil {
		return "", "", err
	}
	for t, z := range tlds {
		if err := p.writeTLD(filepath.Join(dir, zonePath(z)), t, z, ds, optOut); err != nil {
			return "", "", err
		}
	}
	return w.Hints(), w.TrustAnchor(), nil
}

// secureDelegations appends TLD t's delegations with DS: the signed
// domains' NS and DS records.
func (p *Plan) secureDelegations(t int, b *text, ds []string) {
	for i := range p.domains {
		if int(p.info[i].tld) == t && ds[i] != "" {
			p.domainDelegation(i, b)
			*b = append(*b, ds[i]...)
		}
	}
}

// insecureDelegations appends TLD t's delegations without DS, in the
// order Generate writes them: providers (with glue), the dual-stack
// provider, the unsigned domains. When spill is not nil it is called
// whenever b holds 64 KiB or more, to write it out and empty it.
func (p *Plan) insecureDelegations(t int, b *text, ds []string, spill func()) {
	check := func() {
		if spill != nil && len(*b) >= 1<<16 {
			spill()
		}
	}
	for r := range p.providers {
		if p.providers[r].tld == t {
			p.providerDelegation(r, b)
			check()
		}
	}
	if t == 0 {
		p.v6Delegation(b)
	}
	for i := range p.domains {
		if int(p.info[i].tld) == t && ds[i] == "" {
			p.domainDelegation(i, b)
			check()
		}
	}
}

// writeTLD writes TLD t's file: the signed zone z, then (with opt-out)
// its insecure delegations as text.
func (p *Plan) writeTLD(path string, t int, z *authzone.Zone, ds []string, optOut bool) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("gen: write nsd: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	w.WriteString(z.SignedText())
	if optOut {
		fmt.Fprintf(w, "; insecure delegations: no DS, not signed, not in the NSEC3 chain (opt-out)\n$ORIGIN %s\n$TTL 3600\n", z.Origin)
		var b text
		spill := func() {
			w.Write(b)
			b = b[:0]
		}
		p.insecureDelegations(t, &b, ds, spill)
		spill()
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("gen: write nsd: %w", err)
	}
	return nil
}

// unserved returns the addresses the plan's NS names have where none of
// servers is, sorted: the unreachable ones.
func (p *Plan) unserved(servers []server) []netip.Addr {
	served := map[netip.Addr]bool{}
	for i := range servers {
		for _, a := range servers[i].addrs {
			served[a] = true
		}
	}
	seen := map[netip.Addr]bool{}
	var out []netip.Addr
	for r := range p.providers {
		for _, a := range p.providers[r].addrs {
			if !served[a] && !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	slices.SortFunc(out, netip.Addr.Compare)
	return out
}
