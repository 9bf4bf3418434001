package zonefiles

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/authzone"
	"github.com/lac-dns-observatory/dnsobs/internal/lab/engine"
)

// Manifest describes a world for tools that serve it with real servers
// (NSD, Knot, BIND): who serves which zone file at which address, with
// which faults, and how each zone is signed. Write writes it as
// manifest.json.
type Manifest struct {
	Now         time.Time         `json:"now"`
	Hints       string            `json:"hints_file"`        // root hints, zone text
	TrustAnchor string            `json:"trust_anchor_file"` // the root KSK's DS, zone text
	Servers     []ManifestServer  `json:"servers"`
	Zones       []ManifestZone    `json:"zones"`
	Networks    []ManifestNetwork `json:"networks"`
	Scenarios   []engine.Scenario `json:"scenarios"`
	Hostile     []string          `json:"hostile"`
}

// ManifestServer is one server of the manifest.
type ManifestServer struct {
	Name     string       `json:"name"`
	Addrs    []netip.Addr `json:"addrs"`
	NSID     string       `json:"nsid,omitempty"`
	Hostname string       `json:"hostname_bind,omitempty"`
	Version  string       `json:"version_bind,omitempty"`
	Faults   []string     `json:"faults,omitempty"`
	Zones    []string     `json:"zones"` // file base names (see ManifestZone.File)
}

// ManifestZone is one zone (or version of a zone) of the manifest.
type ManifestZone struct {
	Origin     string             `json:"origin"`
	File       string             `json:"file"`                  // <file>.zone: the unsigned text
	SignedFile string             `json:"signed_file,omitempty"` // <file>.signed: every record the lab serves
	Canonical  bool               `json:"canonical"`             // false for other versions of the origin
	Serial     uint32             `json:"serial"`
	Spec       *authzone.SignSpec `json:"sign,omitempty"`
	DS         []string           `json:"ds,omitempty"`   // what the parent publishes
	Keys       []string           `json:"keys,omitempty"` // key file base names (.key and .private)
}

// ManifestNetwork is one entry of the address plan.
type ManifestNetwork struct {
	Prefix  netip.Prefix `json:"prefix"`
	ASN     uint32       `json:"asn"`
	Org     string       `json:"org"`
	Country string       `json:"country"`
}

// Describe returns the manifest of w (see Write).
func Describe(w *engine.World) Manifest {
	m := Manifest{Now: w.Now(), Hints: HintsFile, TrustAnchor: AnchorFile,
		Scenarios: w.Scenarios(), Hostile: w.Hostile()}
	for _, s := range w.Servers() {
		ms := ManifestServer{Name: s.Name, Addrs: s.Addrs, NSID: s.NSID, Hostname: s.Hostname, Version: s.Version,
			Faults: s.Faults.Names(), Zones: []string{}}
		for _, z := range s.Zones {
			ms.Zones = append(ms.Zones, z.File)
		}
		m.Servers = append(m.Servers, ms)
	}
	for _, z := range w.Zones() {
		mz := ManifestZone{Origin: z.Origin, File: z.File, Canonical: w.Zone(z.Origin) == z, Serial: z.SOA().Serial, Spec: z.Spec}
		if z.Signed() {
			mz.SignedFile = z.File + ".signed"
			for _, ds := range z.DS() {
				mz.DS = append(mz.DS, ds.String())
			}
			for _, k := range z.Keys() {
				mz.Keys = append(mz.Keys, keyFile(k))
			}
		}
		m.Zones = append(m.Zones, mz)
	}
	for _, n := range w.Networks() {
		m.Networks = append(m.Networks, ManifestNetwork{Prefix: n.Prefix, ASN: n.ASN, Org: n.Org, Country: n.Country})
	}
	return m
}

// keyFile is a key's BIND-style base name, K<zone>+<alg>+<tag>.
func keyFile(k *authzone.Key) string {
	return fmt.Sprintf("K%s+%03d+%05d", k.DNSKEY.Hdr.Name, k.DNSKEY.Algorithm, k.DNSKEY.KeyTag())
}

// Write writes the world into dir (created if needed), for real
// servers: <file>.zone (the unsigned text) for every zone, <file>.signed
// (the zone as the lab serves it, signatures included) and the key pairs
// (K<zone>+<alg>+<tag>.key/.private) for signed zones, hints.zone,
// anchor.zone and manifest.json (see Manifest).
func Write(w *engine.World, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("zonefiles: write: %w", err)
	}
	files := map[string]string{
		HintsFile:  w.Hints(),
		AnchorFile: w.TrustAnchor(),
	}
	for _, z := range w.Zones() {
		files[z.File+".zone"] = z.Text()
		if !z.Signed() {
			continue
		}
		files[z.File+".signed"] = z.SignedText()
		for _, k := range z.Keys() {
			files[keyFile(k)+".key"] = k.DNSKEY.String() + "\n"
			files[keyFile(k)+".private"] = k.PrivateString()
		}
	}
	man, err := json.MarshalIndent(Describe(w), "", "  ")
	if err != nil {
		return fmt.Errorf("zonefiles: write: manifest: %w", err)
	}
	files["manifest.json"] = string(man) + "\n"
	for name, content := range files {
		mode := os.FileMode(0o644)
		if filepath.Ext(name) == ".private" {
			mode = 0o600
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), mode); err != nil {
			return fmt.Errorf("zonefiles: write: %w", err)
		}
	}
	return nil
}
