package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

func TestOpenDSN(t *testing.T) {
	cases := []struct{ dsn, err string }{
		{"mysql://x", "unknown DSN"},
		{"/tmp/x.db", "unknown DSN"},
		{"sqlite:", "needs a file path"},
		{"sqlite::memory:", "needs a file path"},
		{"postgres://u:secret@127.0.0.1:1/x?connect_timeout=1", "connect"},
	}
	for _, c := range cases {
		t.Run(c.dsn, func(t *testing.T) {
			st, err := Open(context.Background(), c.dsn)
			if err == nil {
				st.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), c.err) {
				t.Errorf("error %q, want it to contain %q", err, c.err)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error shows the password: %v", err)
			}
			if c.err == "unknown DSN" && !strings.Contains(err.Error(), "sqlite:PATH") {
				t.Errorf("error does not say the accepted forms: %v", err)
			}
		})
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data")
	if got := DefaultPath(); got != "/data/dnsobs/dnsobs.db" {
		t.Errorf("with XDG_DATA_HOME: %s", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/obs")
	if got := DefaultPath(); got != filepath.FromSlash("/home/obs/.local/share/dnsobs/dnsobs.db") {
		t.Errorf("without XDG_DATA_HOME: %s", got)
	}
}

func TestStatements(t *testing.T) {
	in := "-- header\n\nCREATE TABLE a (x INT);\nCREATE INDEX b\n  ON a (x);\n-- trailing comment\n"
	got := statements(in)
	if len(got) != 2 || !strings.HasSuffix(got[1], "ON a (x);") || !strings.Contains(got[0], "CREATE TABLE a") {
		t.Errorf("statements = %q", got)
	}
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		t.Fatalf("migrations: %v", err)
	}
	for _, d := range []*dialect{sqliteDialect, postgresDialect} {
		for _, m := range ms {
			if s := d.types.Replace(m.sql); strings.Contains(s, "{{") {
				t.Errorf("%s: %s keeps a placeholder", d.name, m.name)
			}
		}
	}
	if got := postgresDialect.q("a = ? AND b IN (?, ?)"); got != "a = $1 AND b IN ($2, $3)" {
		t.Errorf("rebind = %q", got)
	}
}

// TestParquetSchema pins the Parquet layout that DuckDB and other readers
// see: a standard three-level LIST of strings and a UTC timestamp.
func TestParquetSchema(t *testing.T) {
	s := parquet.SchemaOf(ParquetRow{}).String()
	for _, want := range []string{
		"required int64 checked_at (TIMESTAMP(isAdjustedToUTC=true,unit=MILLIS));",
		"required group findings (LIST) {\n\t\trepeated group list {\n\t\t\trequired binary element (STRING);",
		"required int32 ns_count (INT(32,true));",
		"required boolean ipv6_ready;",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("schema lacks %q:\n%s", want, s)
		}
	}
}

// loaderGone judges only what it can tell: this live process is not gone,
// a process of this machine that does not exist (or whose pid now names a
// process started at another time) is, and another host's, another boot's
// or an unreadable ID never is.
func TestLoaderGone(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	me := strings.Split(loaderID(), " ")
	if len(me) != 5 || me[4] == "" {
		t.Fatalf("loaderID() = %q", loaderID())
	}
	with := func(i int, v string) string {
		f := slices.Clone(me)
		f[i] = v
		return strings.Join(f, " ")
	}
	for _, c := range []struct {
		id   string
		gone bool
	}{
		{loaderID(), false},
		{with(3, "999999999"), true},     // no such process
		{with(4, me[4]+"1"), true},       // the pid was reused
		{with(0, "elsewhere"), false},    // another host
		{with(1, "another-boot"), false}, // before a reboot: the heartbeat decides
		{"", false},                      // a run from before migration 0004
		{"garbage", false},
	} {
		if got := loaderGone(c.id); got != c.gone {
			t.Errorf("loaderGone(%q) = %v, want %v", c.id, got, c.gone)
		}
	}
}
