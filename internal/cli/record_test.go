package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
)

// replayReport is what the replay tests read of a --json report.
type replayReport struct {
	DNSSEC struct {
		Status string `json:"status"`
	} `json:"dnssec"`
	Nameservers []struct {
		Addresses []struct {
			ASN     uint32 `json:"asn"`
			Country string `json:"country"`
		} `json:"addresses"`
	} `json:"nameservers"`
}

func decodeReport(t *testing.T, s string) replayReport {
	t.Helper()
	var r replayReport
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("%v:\n%s", err, s)
	}
	return r
}

// recordFields returns the saved record as a generic JSON object.
func recordFields(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func writeRecord(t *testing.T, m map[string]any) string {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "rec.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A record carries the trust anchor, hints and GeoIP files the check ran
// with, and replay without flags validates DNSSEC with the recorded
// anchor: a lab domain that was secure is secure again (with the built-in
// root anchor, which did not sign the lab, it would not be). A record
// without provenance (an older one) replays with the built-in anchor and
// says so; --trust-anchor overrides the recorded anchor; a newer version
// or a bad recorded anchor is refused.
func TestReplayUsesRecordedAnchor(t *testing.T) {
	_, dir := labFiles(t)
	obs := filepath.Join(t.TempDir(), "obs.json")
	code, out, stderr := run(t, append([]string{"check", "healthy-signed.test", "--json", "--save-observations", obs}, labArgs(t)...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if s := decodeReport(t, out).DNSSEC.Status; s != "secure" {
		t.Fatalf("the lab check says %s, want secure", s)
	}
	rec := recordFields(t, obs)
	prov, _ := rec["provenance"].(map[string]any)
	b, _ := json.Marshal(prov)
	for _, want := range []string{`"version":1`, `"source":"` + filepath.Join(dir, "anchor.zone") + `"`, `"records":["`,
		`"source":"` + filepath.Join(dir, "hints.zone") + `"`, `"path":"` + filepath.Join(dir, "asn.mmdb") + `"`,
		`"database_type":"GeoLite2-ASN"`, `"database_type":"GeoLite2-Country"`, `"build_epoch":`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the record's provenance lacks %s: %s", want, b)
		}
	}
	asn, _ := prov["geo_asn"].(map[string]any)
	if sum, _ := asn["sha256"].(string); len(sum) != 64 {
		t.Errorf("geo_asn sha256 %q", sum)
	}

	// No flags at all: the recorded anchor.
	code, out, stderr = run(t, "check", "--replay", obs, "--json")
	if code != ExitOK || stderr != "" {
		t.Fatalf("replay: exit %d: %s", code, stderr)
	}
	if s := decodeReport(t, out).DNSSEC.Status; s != "secure" {
		t.Errorf("replay without flags says %s, want secure (the recorded lab anchor)", s)
	}

	// --trust-anchor wins: the built-in root's anchor file says otherwise.
	root := filepath.Join(t.TempDir(), "root-anchor.zone")
	if err := os.WriteFile(root, []byte(". 172800 IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ = run(t, "check", "--replay", obs, "--json", "--trust-anchor", root)
	if s := decodeReport(t, out).DNSSEC.Status; s == "secure" {
		t.Errorf("replay with --trust-anchor of the real root says secure: the flag was ignored")
	}

	// An older record, without provenance: the built-in anchor, and a note.
	delete(rec, "provenance")
	old := writeRecord(t, rec)
	code, out, stderr = run(t, "check", "--replay", old, "--json")
	if code != ExitOK || !strings.Contains(stderr, "records no trust anchor") || !strings.Contains(stderr, "built-in root anchor") {
		t.Errorf("replay of an old record: exit %d, stderr %q", code, stderr)
	}
	if s := decodeReport(t, out).DNSSEC.Status; s == "secure" {
		t.Errorf("an old record replayed with the built-in anchor says secure")
	}

	// Strict: a newer provenance version, a bad recorded anchor, an unknown field.
	for _, c := range []struct {
		name string
		edit func(p map[string]any)
		want string
	}{
		{"newer version", func(p map[string]any) { p["version"] = 2 }, "provenance version 2: this dnsobs reads version 1"},
		{"bad anchor", func(p map[string]any) {
			p["trust_anchor"].(map[string]any)["records"] = []string{". 1 IN DS 20326 8 2 ABCD"}
		}, "its trust anchor:"},
		{"no anchor", func(p map[string]any) { p["trust_anchor"].(map[string]any)["records"] = []string{} }, "its trust anchor: no records"},
		{"unknown field", func(p map[string]any) { p["extra"] = true }, `unknown field \"extra\"`},
	} {
		r := recordFields(t, obs)
		c.edit(r["provenance"].(map[string]any))
		code, _, stderr := run(t, "check", "--replay", writeRecord(t, r))
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want %d and %q", c.name, code, stderr, ExitUsage, c.want)
		}
	}
}

// Replay reports the GeoIP answers recorded per address; --geo-asn and
// --geo-country look every address up again in the files given.
func TestReplayGeo(t *testing.T) {
	obs := filepath.Join(t.TempDir(), "obs.json")
	if code, _, stderr := run(t, append([]string{"check", "ns-single-asn.test", "--save-observations", obs}, labArgs(t)...)...); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rec := recordFields(t, obs)
	for _, ns := range rec["nameservers"].([]any) {
		for _, a := range ns.(map[string]any)["addresses"].([]any) {
			delete(a.(map[string]any), "geo") // as if measured without GeoIP files
		}
	}
	bare := writeRecord(t, rec)
	if a, c := geoOfRecord(t, bare); a != 0 || c != 0 {
		t.Errorf("replay of a record without geo shows %d ASNs and %d countries", a, c)
	}
	_, dir := labFiles(t)
	if a, c := geoOfRecord(t, bare, "--geo-asn", filepath.Join(dir, "asn.mmdb"), "--geo-country", filepath.Join(dir, "country.mmdb")); a == 0 || c == 0 {
		t.Errorf("replay with --geo-asn and --geo-country shows %d ASNs and %d countries, want them looked up", a, c)
	}
	// Without the flags, the recorded answers are used as they are: a
	// recorded AS 4242, which no lab file says, is reported.
	rec = recordFields(t, obs)
	for _, ns := range rec["nameservers"].([]any) {
		for _, a := range ns.(map[string]any)["addresses"].([]any) {
			a.(map[string]any)["geo"] = map[string]any{"asn": 4242, "country": "ZZ", "prefix": "192.0.2.0/24"}
		}
	}
	code, out, stderr := run(t, "check", "--replay", writeRecord(t, rec), "--json")
	if code != ExitOK || !strings.Contains(out, `"asn": 4242`) || !strings.Contains(out, `"country": "ZZ"`) {
		t.Errorf("replay does not report the recorded GeoIP answers: exit %d, %s\n%s", code, stderr, out)
	}
}

// geoOfRecord counts the addresses with an ASN and with a country in the
// report of check --replay path args.
func geoOfRecord(t *testing.T, path string, args ...string) (asns, countries int) {
	t.Helper()
	code, out, stderr := run(t, append([]string{"check", "--replay", path, "--json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("replay %v: exit %d: %s", args, code, stderr)
	}
	for _, ns := range decodeReport(t, out).Nameservers {
		for _, a := range ns.Addresses {
			if a.ASN != 0 {
				asns++
			}
			if a.Country != "" {
				countries++
			}
		}
	}
	return asns, countries
}

// A record is input: a hostile name or error in it reaches the text
// report escaped, never as raw control bytes, and stderr notes escape the
// file name.
func TestReplayHostileRecordEscaped(t *testing.T) {
	obs := filepath.Join(t.TempDir(), "obs.json")
	if code, _, stderr := run(t, append([]string{"check", "healthy-unsigned.test", "--save-observations", obs}, labArgs(t)...)...); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rec := recordFields(t, obs)
	const evil = "x\x00\x1b[31m\n\xffy"
	rec["error"] = "server said " + evil
	for _, ns := range rec["nameservers"].([]any) {
		ns.(map[string]any)["name"] = "ns." + evil + ".example."
	}
	delete(rec, "provenance")
	dir := t.TempDir()
	b, _ := json.Marshal(rec)
	path := filepath.Join(dir, "rec\x1b[2J.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "check", "--replay", path)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{out, stderr} {
		for i := 0; i < len(s); i++ {
			if c := s[i]; (c < 0x20 && c != '\n') || c == 0x7f || c == 0xff {
				t.Errorf("raw byte %#x at %d: %q", c, i, s[max(0, i-20):min(len(s), i+20)])
			}
		}
	}
	// JSON has no invalid UTF-8: the decoder made \xff U+FFFD, printable.
	for _, want := range []string{"ns.x\\000\\027[31m\\010\uFFFDy.example.", "server said x\\000\\027[31m\\010\uFFFDy"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(stderr, `rec\027[2J.json`) {
		t.Errorf("the note does not name the file escaped: %q", stderr)
	}
	// The Nagios status line stays one line, escaped.
	_, out, _ = run(t, "check", "--replay", path, "--nagios")
	if strings.Count(out, "\n") != 1 || strings.ContainsFunc(strings.TrimSuffix(out, "\n"), func(r rune) bool { return r < 0x20 || r == 0x7f }) ||
		!strings.Contains(out, `server said x\000\027[31m\010`) {
		t.Errorf("nagios line: %q", out)
	}
}

// FuzzDecodeRecord feeds --replay's parser arbitrary bytes: it never
// panics; what it accepts has a normal domain name, a collection time and
// no provenance or one of the version it reads, and analysing and
// printing it (as check --replay does) neither panics nor lets a control
// byte through.
func FuzzDecodeRecord(f *testing.F) {
	for _, name := range []string{"not-delegated.test", "ns-lame.test"} {
		b, err := os.ReadFile(filepath.Join("..", "report", "testdata", "check", name+".observations.json"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"domain":"example.cl.","collected_at":"2026-01-01T00:00:00Z","nameservers":[{"name":"ns\u001b.example.","addresses":[{"addr":"192.0.2.1"}]}],"queries":[],"provenance":{"version":1,"trust_anchor":{"source":"built-in","sha256":"","records":[". 1 IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D"]},"hints":{"source":"built-in","sha256":""}}}`))
	f.Add([]byte(`{"domain":"example.cl.","collected_at":"2026-01-01T00:00:00Z","provenance":{"version":2}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, p, err := decodeRecord(b)
		if err != nil {
			return
		}
		if n, err := dnsname.Normalize(d.Domain); err != nil || n != d.Domain || d.CollectedAt.IsZero() {
			t.Fatalf("accepted domain %q (%v) at %v", d.Domain, err, d.CollectedAt)
		}
		var anchors []dns.RR
		if p != nil {
			if p.Version != provenanceVersion {
				t.Fatalf("accepted provenance version %d", p.Version)
			}
			if anchors, err = p.TrustAnchor.anchors(); err != nil {
				t.Fatalf("accepted a record whose anchor does not parse: %v", err)
			}
		}
		r := report.Build(d, report.Options{Anchors: anchors, Lang: "en"})
		var out bytes.Buffer
		if err := report.WriteText(&out, r, report.TextOptions{Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		for i, c := range out.Bytes() {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				t.Fatalf("raw byte %#x at %d of the text report", c, i)
			}
		}
	})
}

// FuzzParseUndelegated: --undelegated never panics, and what it accepts
// is at least one server, each with a normal host name and valid
// addresses.
func FuzzParseUndelegated(f *testing.F) {
	for _, s := range []string{"ns1.example.net=192.0.2.1,ns2.example.net=2001:db8::2", "a=1.2.3.4,a=1.2.3.5", "=", ",,", "ns\x00=1.2.3.4", "x=::ffff:1.2.3.4%eth0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		servers, err := parseUndelegated(s)
		if err != nil {
			return
		}
		if len(servers) == 0 {
			t.Fatal("accepted no servers")
		}
		for _, sv := range servers {
			if n, err := dnsname.Normalize(sv.Name); err != nil || n != sv.Name {
				t.Fatalf("accepted name %q (%v)", sv.Name, err)
			}
			for _, a := range sv.Addrs {
				if !a.IsValid() {
					t.Fatalf("accepted an invalid address for %s", sv.Name)
				}
			}
		}
	})
}
