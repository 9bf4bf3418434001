package zonefiles

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The files every lab directory holds, whichever command wrote it (dnsobs
// lab write, lab serve, lab generate): what a check or a scan of the world
// needs, beside asn.mmdb and country.mmdb (geo.WriteDatabases).
const (
	HintsFile   = "hints.zone"  // the root hints, zone text
	AnchorFile  = "anchor.zone" // the root trust anchor: the DS of the root KSK, zone text
	DomainsFile = "domains.txt" // the world's domains, one a line, without the final dot
)

// WriteCommon writes HintsFile, AnchorFile and DomainsFile into dir (which
// must exist). Domains are written one a line, without a final dot, in
// the order given.
func WriteCommon(dir, hints, anchor string, domains []string) error {
	f, err := os.Create(filepath.Join(dir, DomainsFile))
	if err != nil {
		return fmt.Errorf("zonefiles: write %s: %w", DomainsFile, err)
	}
	b := bufio.NewWriterSize(f, 1<<16)
	for _, d := range domains {
		if d = strings.TrimSuffix(d, "."); d == "" {
			continue // the root is no domain of the list
		}
		b.WriteString(d)
		b.WriteByte('\n')
	}
	err = b.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("zonefiles: write %s: %w", DomainsFile, err)
	}
	for _, c := range []struct{ name, text string }{{HintsFile, hints}, {AnchorFile, anchor}} {
		if err := os.WriteFile(filepath.Join(dir, c.name), []byte(c.text), 0o644); err != nil {
			return fmt.Errorf("zonefiles: write %s: %w", c.name, err)
		}
	}
	return nil
}
