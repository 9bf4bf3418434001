package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/testenv"
)

// A real PostgreSQL for the tests: Debian's initdb and pg_ctl, a cluster
// in a temporary directory, listening on 127.0.0.1 at a free port and on
// a unix socket in that directory. Started on first use, stopped by
// TestMain. As root it runs as the postgres user (initdb refuses root).

type pgServer struct {
	dir  string
	bin  string
	port int
	as   []string // command prefix: runuser -u postgres -- (as root)
	n    atomic.Int64
}

var (
	pgOnce   sync.Once
	pgShared *pgServer
	pgSkip   string
	pgErr    error
)

// pgBinDir finds the newest Debian PostgreSQL bin directory, or the one
// holding initdb on PATH.
func pgBinDir() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[i]))))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[j]))))
		return vi > vj
	})
	if len(dirs) > 0 {
		return filepath.Dir(dirs[0])
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p)
		}
	}
	return ""
}

// postgresDSN returns the DSN of a fresh, empty database, skipping the
// test when PostgreSQL is not installed.
func postgresDSN(t *testing.T) string {
	t.Helper()
	pgOnce.Do(func() { pgShared, pgSkip, pgErr = startPostgres() })
	if pgSkip != "" {
		testenv.Unavailable(t, "%s", pgSkip)
	}
	if pgErr != nil {
		t.Fatalf("start postgresql: %v", pgErr)
	}
	name := fmt.Sprintf("t%d", pgShared.n.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := sql.Open("pgx", pgShared.dsn("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	return pgShared.dsn(name)
}

func (p *pgServer) dsn(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", p.port, db)
}

func (p *pgServer) run(name string, args ...string) error {
	argv := append(append([]string{}, p.as...), append([]string{filepath.Join(p.bin, name)}, args...)...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = p.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", name, err, out)
	}
	return nil
}

func startPostgres() (*pgServer, string, error) {
	bin := pgBinDir()
	if bin == "" {
		return nil, "PostgreSQL not installed (no /usr/lib/postgresql/*/bin/initdb): install Debian's postgresql, see scripts/install-test-deps.sh", nil
	}
	p := &pgServer{bin: bin}
	dir, err := os.MkdirTemp("", "dnsobs-store-pg-")
	if err != nil {
		return nil, "", err
	}
	p.dir = dir
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, "", fmt.Errorf("running as root needs the postgres user (Debian's postgresql package creates it): %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, "", err
		}
		p.as = []string{"runuser", "-u", "postgres", "--"}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		os.RemoveAll(dir)
		return nil, "", err
	}
	p.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	data := filepath.Join(dir, "data")
	if err := p.run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, "", err
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c full_page_writes=off -c max_connections=100", p.port, dir)
	if err := p.run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		os.RemoveAll(dir)
		return nil, "", fmt.Errorf("%w\nserver log:\n%s", err, log)
	}
	return p, "", nil
}

func stopPostgres() error {
	if pgShared == nil {
		return nil
	}
	err := pgShared.run("pg_ctl", "-D", filepath.Join(pgShared.dir, "data"), "-m", "immediate", "-w", "stop")
	if e := os.RemoveAll(pgShared.dir); err == nil {
		err = e
	}
	return err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if err := stopPostgres(); err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(os.Stderr, "stop postgresql:", err)
	}
	os.Exit(code)
}
