package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver
)

// ErrNotFound is returned (wrapped) when a run does not exist.
var ErrNotFound = errors.New("store: not found")

// DSN forms Open accepts, for error messages and help texts.
const DSNForms = `"sqlite:PATH", "postgres://USER@HOST:PORT/DB?..." or "postgresql://..."`

// DefaultPath is where the embedded store lives when no DSN is given:
// $XDG_DATA_HOME/dnsobs/dnsobs.db, or ~/.local/share/dnsobs/dnsobs.db.
func DefaultPath() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "dnsobs", "dnsobs.db")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return filepath.Join(".local", "share", "dnsobs", "dnsobs.db")
	}
	return filepath.Join(home, ".local", "share", "dnsobs", "dnsobs.db")
}

// Open opens (creating when needed) the store named by dsn and brings its
// schema up to date. dsn is "sqlite:PATH" (the parent directory is
// created), "postgres://..." or "postgresql://..." (any libpq URL pgx
// accepts). It refuses a database whose schema is newer than this code.
func Open(ctx context.Context, dsn string) (Store, error) {
	var (
		s   *sqlStore
		err error
	)
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		s, err = openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		s, err = openPostgres(dsn)
	default:
		return nil, fmt.Errorf("store: unknown DSN %q: want %s", redact(dsn), DSNForms)
	}
	if err != nil {
		return nil, err
	}
	if err := s.w.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", redact(dsn), err)
	}
	if err := migrate(ctx, s.w, s.d); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// redact hides a password in a URL DSN.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// SQLite settings. WAL with synchronous=NORMAL: a committed transaction is
// in the WAL file (the OS has it) before COMMIT returns, so killing the
// process (kill -9, OOM, a crash) loses nothing committed; only a power
// loss or kernel crash can lose the last transactions, never corrupt the
// file. A scan resumes what is missing, so that trade buys speed cheaply.
const sqliteParams = "_busy_timeout=30000&_journal_mode=WAL&_synchronous=NORMAL&_foreign_keys=1"

func openSQLite(path string) (*sqlStore, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("store: sqlite DSN needs a file path: want %s", DSNForms)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: sqlite path %q: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return nil, fmt.Errorf("store: create directory for %s: %w", abs, err)
	}
	uri := (&url.URL{Scheme: "file", Path: abs}).String()
	// One writer connection: concurrent SaveResults serialise in Go, and
	// BEGIN IMMEDIATE takes the write lock up front (waiting busy_timeout
	// for another process) instead of failing on a lock upgrade.
	w, err := sql.Open("sqlite", uri+"?"+sqliteParams+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite %s: %w", abs, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	// Readers see committed snapshots under WAL, beside the writer.
	r, err := sql.Open("sqlite", uri+"?"+sqliteParams+"&_query_only=1")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite %s: %w", abs, err)
	}
	n := max(runtime.GOMAXPROCS(0), 2)
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return &sqlStore{w: w, r: r, d: sqliteDialect}, nil
}

func openPostgres(dsn string) (*sqlStore, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres %s: %w", redact(dsn), err)
	}
	db.SetMaxOpenConns(max(runtime.GOMAXPROCS(0), 4))
	return &sqlStore{w: db, r: db, d: postgresDialect}, nil
}
