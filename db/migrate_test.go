package db_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/dbtest"
)

// emptyDatabase creates a database with nothing in it on the test server,
// dropped when the test ends.
func emptyDatabase(t *testing.T) *db.DB {
	t.Helper()
	ctx := context.Background()
	admin := dbtest.New(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "t_empty_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(dbtest.DSN(t, admin))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	d, err := db.Open(ctx, u.String(), db.Options{MaxConns: 2}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	// Cleanups run last-in first-out: close d, drop it, then admin goes.
	t.Cleanup(func() {
		_, _ = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	t.Cleanup(func() { d.Close() })
	return d
}

// objects lists what the migrations own in the public schema: tables other
// than Bun's bookkeeping, and functions.
func objects(t *testing.T, d *db.DB) []string {
	t.Helper()
	var names []string
	err := d.NewRaw(`SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'bun_migration%'
		UNION ALL SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		  WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
		UNION ALL SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
		ORDER BY 1`).Scan(context.Background(), &names)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func status(t *testing.T, d *db.DB) string {
	t.Helper()
	var b bytes.Buffer
	if err := db.MigrateStatus(context.Background(), d.DB, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMigrateUpDownUp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := emptyDatabase(t)
	if got := objects(t, d); len(got) != 0 {
		t.Fatalf("fresh database is not empty: %v", got)
	}
	if s := status(t, d); !strings.Contains(s, "pending") || strings.Contains(s, "applied") {
		t.Errorf("status before migrating:\n%s", s)
	}

	n, err := db.MigrateUp(ctx, d.DB)
	if err != nil || n == 0 {
		t.Fatalf("up: %d, %v", n, err)
	}
	migrated := objects(t, d)
	for _, want := range []string{"table customers", "table users", "table audit_log", "table refresh_tokens", "function retain_uuid7", "extension pg_trgm"} {
		if !contains(migrated, want) {
			t.Errorf("after up, %s is missing", want)
		}
	}
	if s := status(t, d); !strings.Contains(s, "applied (group 1)") || strings.Contains(s, "pending") {
		t.Errorf("status after up:\n%s", s)
	}
	if n, err := db.MigrateUp(ctx, d.DB); err != nil || n != 0 {
		t.Errorf("second up: %d, %v (want 0, nil)", n, err)
	}
	// A migrated database is usable: time-ordered ids come from SQL too.
	var v int
	if err := d.QueryRowContext(ctx, "SELECT get_byte(uuid_send(retain_uuid7()), 6) >> 4").Scan(&v); err != nil || v != 7 {
		t.Errorf("retain_uuid7 version nibble = %d, %v", v, err)
	}

	if n, err := db.MigrateDown(ctx, d.DB); err != nil || n == 0 {
		t.Fatalf("down: %d, %v", n, err)
	}
	if got := objects(t, d); len(got) != 0 {
		t.Errorf("down left objects behind: %v", got)
	}
	if s := status(t, d); strings.Contains(s, "applied") {
		t.Errorf("status after down:\n%s", s)
	}

	if n, err := db.MigrateUp(ctx, d.DB); err != nil || n == 0 {
		t.Fatalf("up again: %d, %v", n, err)
	}
	if got := objects(t, d); strings.Join(got, ",") != strings.Join(migrated, ",") {
		t.Errorf("up after down differs:\n%v\n%v", got, migrated)
	}
	if s := status(t, d); !strings.Contains(s, "applied") || strings.Contains(s, "pending") {
		t.Errorf("status after up again:\n%s", s)
	}
}

func TestTemplateIsMigrated(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	if n, err := db.MigrateUp(context.Background(), d.DB); err != nil || n != 0 {
		t.Errorf("up on a test database: %d, %v (want nothing to do)", n, err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
