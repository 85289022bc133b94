// Package dbtest gives each test its own fresh, migrated PostgreSQL database,
// cloned from a template so it takes milliseconds. The server is the one
// named by TEST_DATABASE_URL (the test command starts one embedded server for
// every package), or else an embedded server this test process starts itself.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/pgserver"
)

var (
	once      sync.Once
	serverDSN string
	template  string
	setupErr  error
)

// New returns a handle on a fresh migrated database, dropped when the test ends.
func New(tb testing.TB) *db.DB {
	tb.Helper()
	once.Do(setup)
	if setupErr != nil {
		tb.Fatalf("dbtest: %v", setupErr)
	}
	ctx := context.Background()
	admin, err := db.Open(ctx, serverDSN, db.Options{MaxConns: 2}, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("dbtest: %v", err)
	}
	defer admin.Close()
	name := "t_" + randomHex(8)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+template); err != nil {
		tb.Fatalf("dbtest: create database: %v", err)
	}
	d, err := db.Open(ctx, withDatabase(serverDSN, name), db.Options{MaxConns: 10}, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("dbtest: %v", err)
	}
	tb.Cleanup(func() {
		d.Close()
		a, err := db.Open(ctx, serverDSN, db.Options{MaxConns: 1}, slog.New(slog.DiscardHandler))
		if err == nil {
			_, _ = a.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			a.Close()
		}
	})
	return d
}

// DSN returns the connection string of the database behind d, for tests
// that start whole server processes.
func DSN(tb testing.TB, d *db.DB) string {
	var name string
	if err := d.QueryRowContext(context.Background(), "SELECT current_database()").Scan(&name); err != nil {
		tb.Fatal(err)
	}
	return withDatabase(serverDSN, name)
}

func setup() {
	ctx := context.Background()
	serverDSN = os.Getenv("TEST_DATABASE_URL")
	if serverDSN == "" {
		dir, err := os.MkdirTemp("", "retain-dbtest-")
		if err != nil {
			setupErr = err
			return
		}
		pg, err := pgserver.Start(ctx, pgserver.Options{DataDir: dir, BinDir: os.Getenv("RETAIN_PG_BIN"),
			Settings: map[string]string{"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}})
		if err != nil {
			setupErr = err
			return
		}
		// The server lives as long as the test process; the kernel's
		// parent-death signal stops it when the process exits.
		serverDSN = pg.DSN("postgres")
	}
	template = "retain_tpl_" + migrationsHash()
	setupErr = ensureTemplate(ctx)
}

// ensureTemplate creates and migrates the template database once per
// migration set; an advisory lock serialises test processes doing it at once.
func ensureTemplate(ctx context.Context) error {
	admin, err := db.Open(ctx, serverDSN, db.Options{MaxConns: 1}, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7007002)"); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(7007002)")
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", template).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	building := template + "_build"
	_, _ = conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)")
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return err
	}
	tpl, err := db.Open(ctx, withDatabase(serverDSN, building), db.Options{MaxConns: 1}, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	_, err = db.MigrateUp(ctx, tpl.DB)
	tpl.Close()
	if err != nil {
		return err
	}
	// Renaming only after migrating means a crashed run never leaves a
	// half-built template behind under the real name.
	time.Sleep(50 * time.Millisecond)
	_, err = conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+template)
	return err
}

// migrationsHash names the template after the migration files, so a changed
// migration gets a fresh template.
func migrationsHash() string {
	h := sha256.New()
	root := filepath.Join(moduleRoot(), "db", "migrations")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			h.Write([]byte(d.Name()))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func moduleRoot() string {
	dir, _ := os.Getwd()
	for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
	}
	return dir
}

func withDatabase(dsn, name string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
