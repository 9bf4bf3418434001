package gen

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// TestPlanWriteNSD checks that the streaming writer writes the world that
// Generate and WriteNSD write: the same files, the same nsd.conf files and
// layout, the same RRsets in every zone (RRSIG signature bytes aside:
// ECDSA is randomised).
func TestPlanWriteNSD(t *testing.T) {
	tests := []struct {
		name string
		o    Options
		want func(t *testing.T) (generated, *NSDLayout) // Generate's world, written by WriteNSD
	}{
		{"5000 domains, one TLD", Options{Domains: 5000, Seed: 1, Now: testNow}, func(t *testing.T) (generated, *NSDLayout) {
			l, err := nsd5k()
			if err != nil {
				t.Fatalf("WriteNSD: %v", err)
			}
			return world5k(), l
		}},
		{"400 domains, three TLDs", Options{Domains: 400, Seed: 3, Now: testNow, TLDs: []string{"test.", "lab.", "example."}},
			func(t *testing.T) (generated, *NSDLayout) {
				w, d, err := Generate(Options{Domains: 400, Seed: 3, Now: testNow, TLDs: []string{"test.", "lab.", "example."}})
				if err != nil {
					t.Fatalf("Generate: %v", err)
				}
				l, err := WriteNSD(w, d, t.TempDir())
				if err != nil {
					t.Fatalf("WriteNSD: %v", err)
				}
				return generated{w, d, nil}, l
			}},
		{"2000 domains, 20% of the hosting servers silent", Options{Domains: 2000, Seed: 5, Now: testNow, SilentFrac: 0.2},
			func(t *testing.T) (generated, *NSDLayout) {
				w, d, err := Generate(Options{Domains: 2000, Seed: 5, Now: testNow, SilentFrac: 0.2})
				if err != nil {
					t.Fatalf("Generate: %v", err)
				}
				l, err := WriteNSD(w, d, t.TempDir())
				if err != nil {
					t.Fatalf("WriteNSD: %v", err)
				}
				return generated{w, d, nil}, l
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, la := tc.want(t)
			dirA, dirB := la.Dir, t.TempDir()
			p, err := NewPlan(tc.o)
			if err != nil {
				t.Fatalf("NewPlan: %v", err)
			}
			if !slices.Equal(p.Domains(), g.domains) {
				t.Fatal("the plan's domains are not Generate's")
			}
			if got, want := p.Summary(), Summarize(g.w, g.domains); got != want {
				t.Errorf("Plan.Summary:\n%+v\nSummarize:\n%+v", got, want)
			}
			lb, err := p.WriteNSD(dirB, NSDOptions{})
			if err != nil {
				t.Fatalf("Plan.WriteNSD: %v", err)
			}

			t.Run("layout", func(t *testing.T) {
				norm := func(l *NSDLayout) string {
					return strings.ReplaceAll(fmt.Sprintf("%+v", *l), l.Dir, "DIR")
				}
				if a, b := norm(la), norm(lb); a != b {
					t.Errorf("layouts differ:\nWriteNSD:      %.2000s\nPlan.WriteNSD: %.2000s", a, b)
				}
				if lb.ZoneFiles != len(g.w.Zones()) {
					t.Errorf("ZoneFiles = %d, want %d", lb.ZoneFiles, len(g.w.Zones()))
				}
			})
			filesA, filesB := walk(t, dirA), walk(t, dirB)
			t.Run("same files", func(t *testing.T) {
				if !slices.Equal(filesA, filesB) {
					t.Errorf("%d files from WriteNSD, %d from Plan.WriteNSD; only in one: %v", len(filesA), len(filesB), symDiff(filesA, filesB))
				}
			})
			t.Run("same contents", func(t *testing.T) {
				inB := map[string]bool{}
				for _, f := range filesB {
					inB[f] = true
				}
				bad := 0
				for _, f := range filesA {
					if !inB[f] {
						continue
					}
					var diff string
					if strings.HasPrefix(f, "zones/") {
						diff = rrsetDiff(t, filepath.Join(dirA, f), filepath.Join(dirB, f))
					} else {
						a := readFile(t, filepath.Join(dirA, f))
						b := readFile(t, filepath.Join(dirB, f))
						if strings.ReplaceAll(a, dirA, "DIR") != strings.ReplaceAll(b, dirB, "DIR") {
							diff = "contents differ"
						}
					}
					if diff != "" {
						if bad++; bad <= 5 {
							t.Errorf("%s: %s", f, diff)
						}
					}
				}
				if bad > 0 {
					t.Errorf("%d of %d files differ", bad, len(filesA))
				}
			})
			t.Run("signatures verify", func(t *testing.T) {
				signed := 0
				for _, f := range filesB {
					if !strings.HasPrefix(f, "zones/") {
						continue
					}
					n, err := verifyZone(filepath.Join(dirB, f), testNow)
					if err != nil {
						t.Fatalf("%s: %v", f, err)
					}
					signed += min(n, 1)
				}
				if want := 1 + max(1, len(tc.o.TLDs)) + Summarize(g.w, g.domains).Signed; signed != want {
					t.Errorf("%d signed zone files, want %d", signed, want)
				}
			})
		})
	}
}

// walk lists the files under dir, relative to it, sorted.
func walk(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func symDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, "-"+x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, "+"+x)
		}
	}
	return out[:min(len(out), 10)]
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// records parses a zone file into its distinct records in presentation
// form, names in lower case, RRSIG signatures blanked, sorted.
func records(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	zp := dns.NewZoneParser(bufio.NewReader(f), "", path)
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		rr.Header().Name = dns.CanonicalName(rr.Header().Name)
		if sig, ok := rr.(*dns.RRSIG); ok {
			sig.Signature = ""
		}
		seen[rr.String()] = true
	}
	if err := zp.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// rrsetDiff compares two zone files' records and says how they differ.
func rrsetDiff(t *testing.T, a, b string) string {
	ra, rb := records(t, a), records(t, b)
	if len(ra) == 0 {
		return "no records"
	}
	if slices.Equal(ra, rb) {
		return ""
	}
	return fmt.Sprintf("%d records against %d; only in one: %q", len(ra), len(rb), symDiff(ra, rb))
}

// verifyZone checks every RRSIG of a zone file against the file's DNSKEY
// records, as of now, and returns how many it checked.
func verifyZone(path string, now time.Time) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	type key struct {
		name string
		t    uint16
	}
	sets := map[key][]dns.RR{}
	var sigs []*dns.RRSIG
	keys := map[uint16]*dns.DNSKEY{}
	zp := dns.NewZoneParser(bufio.NewReader(f), "", path)
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		h := rr.Header()
		h.Name = dns.CanonicalName(h.Name)
		switch rr := rr.(type) {
		case *dns.RRSIG:
			sigs = append(sigs, rr)
			continue
		case *dns.DNSKEY:
			keys[rr.KeyTag()] = rr
		}
		k := key{h.Name, h.Rrtype}
		sets[k] = append(sets[k], rr)
	}
	if err := zp.Err(); err != nil {
		return 0, err
	}
	for _, sig := range sigs {
		k := keys[sig.KeyTag]
		if k == nil {
			return 0, fmt.Errorf("RRSIG %s/%s: no DNSKEY with tag %d", sig.Hdr.Name, dns.TypeToString[sig.TypeCovered], sig.KeyTag)
		}
		if err := sig.Verify(k, sets[key{sig.Hdr.Name, sig.TypeCovered}]); err != nil || !sig.ValidityPeriod(now) {
			return 0, fmt.Errorf("RRSIG %s/%s does not verify: %v", sig.Hdr.Name, dns.TypeToString[sig.TypeCovered], err)
		}
	}
	return len(sigs), nil
}
