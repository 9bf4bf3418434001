package interop

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
)

// Options of Deploy. Zero values take the defaults in brackets.
type Options struct {
	Port uint16 // [53]
	// Knot lists the lab servers (by NS name) that Knot serves
	// [ns2.hostb.test.]; NSD serves the others, BIND the recursive ones.
	Knot []string
	// BINDSigned lists the zones signed with BIND's dnssec-signzone
	// instead of ldns-signzone [healthy-signed.test.].
	BINDSigned []string
	Now        time.Time     // signature validity reference [the world's Now]
	Timeout    time.Duration // per server start [20s]
}

// Note is something of the lab world the real deployment cannot express,
// and what it does instead.
type Note struct {
	Server string // lab server NS name, or "" for a zone-wide note
	Zone   string // zone origin, or "" for a server-wide note
	What   string // the fault or zone property
	Does   string // what the deployment does instead
	Why    string
}

// Deployment is a lab world served by real software: the zones signed by
// real signers, NSD, Knot and BIND processes on the world's addresses.
type Deployment struct {
	Dir        string
	Hints      string // root hints file (the world's)
	Anchor     string // trust anchor file: the DS of the real root KSK, zone-file format
	AnchorBIND string // the same for delv: a trust-anchors clause
	Signed     map[string]*Signed
	Servers    []*Process
	Kinds      map[string]Kind // lab server NS name → implementation serving it
	Notes      []Note
	Unserved   map[string]string // zone origin → why no real server serves it
}

// Stop ends every server, all at once, and undoes their setup.
func (d *Deployment) Stop() error {
	errs := make([]error, len(d.Servers))
	var wg sync.WaitGroup
	for i, p := range d.Servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = p.Stop()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Expressible reports whether a real server can express the fault named
// (engine.Faults JSON names) and, when not, why.
func Expressible(fault string) (how string, ok bool) {
	switch fault {
	case "silent":
		return "nothing is bound on the address: queries meet ICMP port unreachable at once instead of a timeout", true
	case "lame":
		return "the server loads none of the zones it is named for and answers REFUSED", true
	case "recursive":
		return "BIND with recursion yes and allow-recursion { any; } from the lab hints", true
	case "axfr_open":
		return "provide-xfr 0.0.0.0/0 NOKEY (NSD), acl action transfer (Knot), allow-transfer { any; } (BIND)", true
	case "no_tcp":
		return "NSD, Knot and BIND always accept TCP on the address they serve UDP on", false
	case "edns_broken":
		return "every real server supports EDNS(0); none answers FORMERR to an OPT record on purpose", false
	case "slow":
		return "no server has a configurable answer delay", false
	case "wrong_id":
		return "a real server always copies the query ID", false
	case "garbage":
		return "a real server never sends unparseable replies", false
	case "always_truncate":
		return "a real server sends TC=1 only when the answer does not fit, and answers over TCP", false
	case "oversized":
		return "a real server honours the client's UDP buffer size", false
	case "no_dnssec":
		return "a real server adds the RRSIGs of a signed zone to every answer to a DO query", false
	case "no_badvers", "echo_option", "echo_flags", "trunc_no_opt":
		return "NSD, Knot and BIND follow RFC 6891 (BADVERS, unknown options and flags ignored, OPT in truncated answers); no setting breaks it", false
	case "case_sensitive":
		return "NSD, Knot and BIND match names regardless of case", false
	case "aaaa_broken":
		return "NSD, Knot and BIND answer AAAA like any type; the fault is a middlebox's", false
	case "wrong_source":
		return "the servers bind each lab address and answer from it; the sockets lab (internal/lab/sockets) shows the fault", false
	case "upward_referral":
		return "NSD, Knot and BIND refuse names outside their zones (BIND 9.18 has no root-hints referral for authoritative-only views)", false
	case "no_soa":
		return "NSD, Knot and BIND refuse to load a zone without an SOA", false
	}
	return "unknown fault", false
}

// Deploy signs w's zones with real signers, bottom-up, writes them and
// starts real servers for w's servers on their addresses. Servers with
// the same zones and faults share one process. On error everything
// started is stopped.
func Deploy(ctx context.Context, w *engine.World, dir string, o Options) (*Deployment, error) {
	if o.Port == 0 {
		o.Port = 53
	}
	if o.Knot == nil {
		o.Knot = []string{worlds.HostB}
	}
	if o.BINDSigned == nil {
		o.BINDSigned = []string{"healthy-signed.test."}
	}
	if o.Now.IsZero() {
		o.Now = w.Now()
	}
	d := &Deployment{Dir: dir, Signed: map[string]*Signed{}, Kinds: map[string]Kind{}, Unserved: map[string]string{}}
	zonesDir := filepath.Join(dir, "zones")
	for _, sub := range []string{zonesDir, filepath.Join(dir, "sign")} {
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return nil, fmt.Errorf("interop: %w", err)
		}
	}
	d.Hints = filepath.Join(dir, "hints.zone")
	if err := os.WriteFile(d.Hints, []byte(w.Hints()), 0o644); err != nil {
		return nil, fmt.Errorf("interop: %w", err)
	}

	files, err := d.signAll(ctx, w, zonesDir, o)
	if err != nil {
		return nil, err
	}
	if err := d.writeAnchor(); err != nil {
		return nil, err
	}

	// Zones no real server loads.
	unloadable := map[*authzone.Zone]bool{}
	for _, z := range w.Zones() {
		why := signerCannot(z.Spec)
		if why == "" {
			why = checkZone(ctx, z.Origin, files[z])
		}
		if why != "" {
			unloadable[z] = true
			d.Unserved[z.Origin] = why
			d.Notes = append(d.Notes, Note{Zone: z.Origin, What: "zone content", Does: "not served", Why: why})
		}
	}

	// Group the servers: same zones, same faults, same implementation.
	type group struct {
		auth    Auth
		servers []*engine.Server
	}
	var groups []*group
	byKey := map[string]*group{}
	knot := map[string]bool{}
	for _, n := range o.Knot {
		knot[dns.CanonicalName(n)] = true
	}
	for _, s := range w.Servers() {
		kind := NSD
		switch {
		case s.Faults.Recursive:
			kind = BIND
		case knot[dns.CanonicalName(s.Name)]:
			kind = Knot
		}
		for _, f := range s.Faults.Names() {
			how, ok := Expressible(f)
			if ok {
				d.Notes = append(d.Notes, Note{Server: s.Name, What: f, Does: how})
			} else {
				d.Notes = append(d.Notes, Note{Server: s.Name, What: f, Does: "served normally", Why: how})
			}
		}
		if s.Faults.Silent {
			continue
		}
		var zones []ZoneFile
		var zkey []string
		for _, z := range s.Zones {
			if unloadable[z] {
				continue
			}
			zones = append(zones, ZoneFile{Origin: z.Origin, Path: files[z]})
			zkey = append(zkey, z.File)
		}
		if s.Faults.Lame {
			zones, zkey = nil, nil
		}
		key := fmt.Sprintf("%s|%s|%v|%v|%v", kind, strings.Join(zkey, ","), s.Faults.AXFROpen, s.Faults.Recursive, s.Faults.Lame)
		d.Kinds[s.Name] = kind
		g := byKey[key]
		if g == nil {
			g = &group{auth: Auth{
				Kind: kind, Name: strings.TrimSuffix(s.Name, "."), Port: o.Port, Zones: zones,
				AXFR: s.Faults.AXFROpen, NSID: s.NSID, Identity: s.Hostname, Version: s.Version,
				Recursion: s.Faults.Recursive, Hints: d.Hints, Timeout: o.Timeout,
			}}
			if !s.Faults.Recursive {
				g.auth.Hints = ""
			}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.auth.Addrs = append(g.auth.Addrs, s.Addrs...)
		g.servers = append(g.servers, s)
	}
	for _, g := range groups {
		p, err := g.auth.Start(ctx, dir)
		if err != nil {
			_ = d.Stop()
			return nil, err
		}
		d.Servers = append(d.Servers, p)
	}
	return d, nil
}

// signAll writes every zone version of w, signing the signed ones deepest
// first and putting each signed child's DS (from the real signer) into its
// parent instead of the lab's. It returns the file of each zone.
func (d *Deployment) signAll(ctx context.Context, w *engine.World, zonesDir string, o Options) (map[*authzone.Zone]string, error) {
	signer := &Signer{Dir: filepath.Join(d.Dir, "sign"), Now: o.Now}
	bindSigned := map[string]bool{}
	for _, z := range o.BINDSigned {
		bindSigned[dns.CanonicalName(z)] = true
	}
	zones := w.Zones()
	sort.SliceStable(zones, func(i, j int) bool {
		return dns.CountLabel(zones[i].Origin) > dns.CountLabel(zones[j].Origin)
	})
	files := map[*authzone.Zone]string{}
	for _, z := range zones {
		rrs, err := parseZone(z.Origin, z.Text())
		if err != nil {
			return nil, fmt.Errorf("interop: zone %s: %w", z.Origin, err)
		}
		// Delegation points of this version, and the DS the lab computed.
		cuts := map[string]bool{}
		var kept []dns.RR
		for _, rr := range rrs {
			h := rr.Header()
			if h.Rrtype == dns.TypeNS && h.Name != z.Origin {
				cuts[h.Name] = true
			}
		}
		for _, rr := range rrs {
			h := rr.Header()
			if h.Rrtype == dns.TypeDS && cuts[h.Name] {
				if child := w.Zone(h.Name); child != nil && child.Spec != nil {
					continue // the lab's DS of a child it signed: ours replace it
				}
			}
			kept = append(kept, rr)
		}
		var cutNames []string
		for c := range cuts {
			cutNames = append(cutNames, c)
		}
		sort.Strings(cutNames)
		for _, c := range cutNames {
			if s := d.Signed[c]; s != nil {
				for _, ds := range s.DS {
					kept = append(kept, ds)
				}
			}
		}
		var b strings.Builder
		for _, rr := range kept {
			b.WriteString(rr.String())
			b.WriteByte('\n')
		}
		text := b.String()
		if z.Spec != nil {
			tool := LDNS
			if bindSigned[z.Origin] {
				tool = BINDDNS
			}
			s, err := signer.Sign(ctx, tool, z.Origin, text, *z.Spec)
			if err != nil {
				return nil, err
			}
			text = s.Text
			// The canonical version's DS goes to the parent.
			if w.Zone(z.Origin) == z {
				d.Signed[z.Origin] = s
			}
		}
		path := filepath.Join(zonesDir, z.File+".zone")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return nil, fmt.Errorf("interop: %w", err)
		}
		files[z] = path
	}
	return files, nil
}

// writeAnchor writes the root's DS as the trust anchor, in zone-file
// format and as a BIND trust-anchors clause (for delv).
func (d *Deployment) writeAnchor() error {
	root := d.Signed["."]
	if root == nil || len(root.DS) == 0 {
		return errors.New("interop: the root zone is not signed: no trust anchor")
	}
	var zf, bind strings.Builder
	zf.WriteString("; trust anchor of the real lab deployment: DS of the root KSK made by " + string(root.Tool) + "\n")
	bind.WriteString("trust-anchors {\n")
	for _, ds := range root.DS {
		zf.WriteString(ds.String() + "\n")
		fmt.Fprintf(&bind, "  . static-ds %d %d %d \"%s\";\n", ds.KeyTag, ds.Algorithm, ds.DigestType, strings.ToUpper(ds.Digest))
	}
	bind.WriteString("};\n")
	d.Anchor = filepath.Join(d.Dir, "anchor.zone")
	d.AnchorBIND = filepath.Join(d.Dir, "anchor.bind")
	if err := os.WriteFile(d.Anchor, []byte(zf.String()), 0o644); err != nil {
		return fmt.Errorf("interop: %w", err)
	}
	if err := os.WriteFile(d.AnchorBIND, []byte(bind.String()), 0o644); err != nil {
		return fmt.Errorf("interop: %w", err)
	}
	return nil
}

// checkZone runs nsd-checkzone on a zone file and returns its complaint,
// or "" when the zone loads.
func checkZone(ctx context.Context, origin, path string) string {
	if path == "" {
		return "no zone file"
	}
	_, err := run(ctx, filepath.Dir(path), "nsd-checkzone", origin, path)
	if err == nil {
		return ""
	}
	msg := err.Error()
	if i := strings.Index(msg, "error: "); i >= 0 {
		msg = msg[i+len("error: "):]
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	msg = strings.ReplaceAll(msg, path, filepath.Base(path))
	return "nsd-checkzone: " + strings.TrimSpace(msg)
}
