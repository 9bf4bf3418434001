package scan

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

func read(t *testing.T, in string, f Format) ([]store.InputDomain, []store.InputProblem) {
	t.Helper()
	var ds []store.InputDomain
	var ps []store.InputProblem
	err := NewReader().Read(strings.NewReader(in), f,
		func(d store.InputDomain) error { ds = append(ds, d); return nil },
		func(p store.InputProblem) error { ps = append(ps, p); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return ds, ps
}

func TestReadList(t *testing.T) {
	in := `# a comment
example.cl
Ejemplo.CL.        ; case and dot
niño.cl
xn--nio-8ma.cl
bad..name

www.example.org,extra,columns
example.cl
.
`
	ds, ps := read(t, in, FormatAuto)
	var names []string
	for _, d := range ds {
		names = append(names, d.Name)
	}
	want := "example.cl. ejemplo.cl. xn--nio-8ma.cl. www.example.org."
	if strings.Join(names, " ") != want {
		t.Errorf("accepted %v, want %s", names, want)
	}
	if ds[0].Line != 2 || ds[3].Line != 8 || ds[3].Pos != 4 {
		t.Errorf("positions/lines wrong: %+v", ds)
	}
	wantProblems := []struct {
		line   int
		reason string
	}{{5, "duplicate of line 4"}, {6, "invalid:"}, {9, "duplicate of line 2"}, {10, "invalid: the root"}}
	if len(ps) != len(wantProblems) {
		t.Fatalf("problems %+v", ps)
	}
	for i, w := range wantProblems {
		if ps[i].Line != w.line || !strings.HasPrefix(ps[i].Reason, w.reason) {
			t.Errorf("problem %d = %+v, want line %d %q", i, ps[i], w.line, w.reason)
		}
	}
}

// Every line that is not a host name is rejected with its number and a
// reason; the stored text is escaped and cut to 80 characters.
func TestReadListInvalidLines(t *testing.T) {
	lines := []struct{ text, reason string }{
		{"ok.example.cl", ""},
		{"spa ce.example.cl", "space inside"},
		{"tab\tbed.example.cl", "space inside"},
		{"nul\x00.example.cl", "control character"},
		{"esc\x1b[2J.example.cl", "control character"},
		{"bad\xffutf8.example.cl", "not valid UTF-8"},
		{"*.example.cl", "wildcard"},
		{"192.0.2.1", "IP address"},
		{"2001:db8::1", "IP address"},
		{"-lead.example.cl", "starting with a hyphen"},
		{"trail-.example.cl", "ending with a hyphen"},
		{"_under.example.cl", "underscore"},
		{"Xn--0.cl", "not a valid host name"},
		{strings.Repeat("x", 100) + ".cl", "longer than 63"},
		{"UPPER.Example.CL,192.0.2.53", ""},
	}
	var in strings.Builder
	for _, l := range lines {
		in.WriteString(l.text + "\n")
	}
	ds, ps := read(t, in.String(), FormatList)
	if len(ds) != 2 || ds[0].Name != "ok.example.cl." || ds[1].Name != "upper.example.cl." {
		t.Errorf("accepted %+v", ds)
	}
	if len(ps) != len(lines)-2 {
		t.Fatalf("%d problems, want %d: %+v", len(ps), len(lines)-2, ps)
	}
	i := 0
	for n, l := range lines {
		if l.reason == "" {
			continue
		}
		p := ps[i]
		i++
		if p.Line != n+1 || !strings.HasPrefix(p.Reason, "invalid: ") || !strings.Contains(p.Reason, l.reason) {
			t.Errorf("line %d %q: got %+v, want reason %q", n+1, l.text, p, l.reason)
		}
		if strings.ContainsFunc(p.Text+p.Reason, func(r rune) bool { return r < 0x20 || r == 0x7f || r == utf8.RuneError }) {
			t.Errorf("line %d: unescaped text %q / %q", n+1, p.Text, p.Reason)
		}
		if utf8.RuneCountInString(p.Text) > 81 {
			t.Errorf("line %d: text %q longer than 80 characters", n+1, p.Text)
		}
	}
}

func TestReadZone(t *testing.T) {
	in := `$ORIGIN cl.
$TTL 3600
@	IN SOA a.nic.cl. hostmaster.nic.cl. 1 2 3 4 5
@	IN NS a.nic.cl.
example	IN NS ns1.example.cl.
example	IN NS ns2.example.net.
ns1.example IN A 192.0.2.1
otro	IN NS ns.otro.cl.
otro	IN DS 1 13 2 ` + strings.Repeat("AB", 32) + `
example	IN NS ns3.example.net.
`
	ds, ps := read(t, in, FormatAuto)
	if len(ds) != 2 || ds[0].Name != "example.cl." || ds[1].Name != "otro.cl." || len(ps) != 0 {
		t.Errorf("zone delegations %+v, problems %+v", ds, ps)
	}
	// Forced list format: a zone line's first field is taken as a name.
	ds, _ = read(t, "@ IN SOA a. b. 1 2 3 4 5\n", FormatList)
	if len(ds) != 0 {
		t.Errorf("\"@\" accepted as a domain: %+v", ds)
	}
}

// A bad record is reported with its line and skipped; the rest of the
// zone is read, with the $ORIGIN and $TTL in force.
func TestReadZoneBadRecords(t *testing.T) {
	in := `$ORIGIN cl.
$TTL 3600
@ IN SOA a.nic.cl. b.nic.cl. 1 2 3 4 5
@ IN NS a.nic.cl.
uno IN NS ns.uno.cl.
x IN A 999.1.1.1
dos IN NS ns.dos.cl.
tres IN NS
bad\000owner IN NS ns.x.cl.
cuatro IN FROB ns.cuatro.cl.
cinco IN NS ns.cinco.cl.
`
	ds, ps := read(t, in, FormatZone)
	var names []string
	for _, d := range ds {
		names = append(names, d.Name)
	}
	if got := strings.Join(names, " "); got != "uno.cl. dos.cl. cinco.cl." {
		t.Errorf("accepted %q, want uno.cl. dos.cl. cinco.cl.", got)
	}
	const skipped = "invalid record, skipped: "
	want := []struct {
		line         int
		text, reason string
	}{
		{6, "x IN A 999.1.1.1", skipped},
		{8, "tres IN NS", skipped},
		{9, `bad\\000owner.cl.`, "invalid: "}, // parsed, but not a host name
		{10, "cuatro IN FROB ns.cuatro.cl.", skipped},
	}
	if len(ps) != len(want) {
		t.Fatalf("problems %+v, want %d", ps, len(want))
	}
	for i, w := range want {
		if ps[i].Line != w.line || ps[i].Text != w.text || !strings.HasPrefix(ps[i].Reason, w.reason) {
			t.Errorf("problem %d = %+v, want line %d %q", i, ps[i], w.line, w.text)
		}
	}
}

// An input that is not text is refused before anything is read.
func TestCheckText(t *testing.T) {
	for _, in := range []string{"example.cl\n\x00", "\x1f\x8b\x08\x00gzip"} {
		err := checkText(bufio.NewReader(strings.NewReader(in)))
		var bad *BadInputError
		if !errors.As(err, &bad) || !strings.Contains(err.Error(), "not text") {
			t.Errorf("checkText(%q) = %v, want a BadInputError", in, err)
		}
	}
	if err := checkText(bufio.NewReader(strings.NewReader("niño.cl\nexample.cl\n"))); err != nil {
		t.Errorf("checkText of a list: %v", err)
	}
}

func TestParseFormat(t *testing.T) {
	for _, ok := range []string{"", "auto", "list", "zone"} {
		if _, err := ParseFormat(ok); err != nil {
			t.Errorf("ParseFormat(%q): %v", ok, err)
		}
	}
	if _, err := ParseFormat("csv"); err == nil {
		t.Error("ParseFormat(csv) accepted")
	}
}

func FuzzRead(f *testing.F) {
	f.Add("example.cl\n# c\nbad..x\n")
	f.Add("$ORIGIN cl.\n@ SOA a. b. 1 2 3 4 5\nx NS y.\n")
	f.Add("Xn--0\nspa ce\n*.x\n_a.b\n192.0.2.1\na\x00b\n\xff\n")
	f.Add("$ORIGIN cl.\n@ SOA a. b. 1 2 3 4 5\n\\000 NS y.\n*.x NS y.\n_u NS y.\n")
	f.Fuzz(func(t *testing.T, in string) {
		seen := map[string]bool{}
		_ = NewReader().Read(strings.NewReader(in), FormatAuto, func(d store.InputDomain) error {
			if seen[d.Name] {
				t.Fatalf("%s accepted twice", d.Name)
			}
			seen[d.Name] = true
			if n, err := dnsname.Normalize(d.Name); err != nil || n != d.Name {
				t.Fatalf("accepted %q, which Normalize gives as %q, %v", d.Name, n, err)
			}
			return nil
		}, func(p store.InputProblem) error {
			for _, s := range []string{p.Text, p.Reason} {
				if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
					t.Fatalf("line %d: unescaped control character or invalid UTF-8 in %q", p.Line, s)
				}
			}
			return nil
		})
	})
}

// deletingStore records the runs deleted through it.
type deletingStore struct {
	store.Store
	deleted []int64
}

func (d *deletingStore) DeleteRun(ctx context.Context, id int64) error {
	d.deleted = append(d.deleted, id)
	return d.Store.DeleteRun(ctx, id)
}

// errAfter reads s, then fails.
type errAfter struct{ s *strings.Reader }

func (e errAfter) Read(p []byte) (int, error) {
	if e.s.Len() == 0 {
		return 0, errors.New("input/output error")
	}
	return e.s.Read(p)
}

// A load that fails deletes the run it created; an input that is not text
// creates none.
func TestLoadFailureLeavesNoRun(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds := &deletingStore{Store: st}
	cfg := &Config{Store: ds}

	_, _, err = Load(ctx, cfg, store.Run{Input: "broken"}, errAfter{strings.NewReader("a.example.cl\nb.example.cl\n")}, FormatList)
	if err == nil || !strings.Contains(err.Error(), "input/output error") || !strings.Contains(err.Error(), "was deleted") {
		t.Fatalf("Load of a failing reader: %v", err)
	}
	if len(ds.deleted) != 1 || ds.deleted[0] == 0 {
		t.Errorf("deleted %v: want the created run deleted", ds.deleted)
	}

	_, _, err = Load(ctx, cfg, store.Run{Input: "binary"}, strings.NewReader("\x1f\x8b\x08\x00\x00\x00"), FormatAuto)
	var bad *BadInputError
	if !errors.As(err, &bad) {
		t.Fatalf("Load of a binary file: %v, want a BadInputError", err)
	}
	runs, err := st.ListRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 0 {
		t.Errorf("%d runs after a failed load and a binary input, want none: %+v", len(runs), runs)
	}
}

// blockedReader gives its text, then blocks until release is closed, like
// a pipe whose writer is slow.
type blockedReader struct {
	s       *strings.Reader
	release chan struct{}
}

func (b blockedReader) Read(p []byte) (int, error) {
	if b.s.Len() == 0 {
		<-b.release
		return 0, io.EOF
	}
	return b.s.Read(p)
}

// A load whose input is slow to come is never taken for a killed load:
// store.SweepLoading (run by every command that opens the store) leaves a
// run whose loader is a live process of this machine alone, however old
// its heartbeat, and the load renews the heartbeat meanwhile, for a
// loader that cannot be asked (another host) to look alive.
func TestLoadHeartbeatWhileInputWaits(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(30000)&_query_only=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Over 64 KB first: Load reads that much before it creates the run.
	var text strings.Builder
	for i := range 6000 {
		fmt.Fprintf(&text, "d%d.example.cl\n", i)
	}
	in := blockedReader{s: strings.NewReader(text.String()), release: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		_, _, err := Load(ctx, &Config{Store: st, Heartbeat: 10 * time.Millisecond}, store.Run{Input: "-"}, in, FormatList)
		done <- err
	}()
	heartbeat := func() string {
		var hb sql.NullString
		if err := db.QueryRowContext(ctx, `SELECT heartbeat FROM runs WHERE status = 'loading'`).Scan(&hb); err != nil {
			return ""
		}
		return hb.String
	}
	// The heartbeat moves while the reader is blocked (waited for, never
	// timed: a busy machine only makes it slower).
	first := ""
	deadline := time.Now().Add(2 * time.Minute)
	for ; time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		hb := heartbeat()
		if first == "" {
			first = hb
		} else if hb != "" && hb != first {
			break
		}
	}
	if hb := heartbeat(); hb == "" || hb == first {
		t.Errorf("the heartbeat of the loading run stayed %q while its input waited", first)
	}
	// The staleness is as short as can be: a live local loader stays.
	ids, err := st.SweepLoading(ctx, time.Nanosecond)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 0 {
		t.Errorf("SweepLoading deleted %v, the run of a live load", ids)
	}
	close(in.release)
	if err := <-done; err != nil {
		t.Errorf("the load failed: %v", err)
	}
}
